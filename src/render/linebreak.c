/* linebreak.c - break opportunities: UAX #14 from libunistring as the base, then the
 * Chinese/Japanese/Korean tailorings T1-T10 of CJK.md §1, computed once per paragraph on
 * units (original grapheme clusters). */
#include "render/layout_int.h"

#include <string.h>
#include <unilbrk.h>
#include <unistr.h>

/* T1: may not start a line. Closing/middle punctuation and their ASCII kin. */
static const uint32_t no_start[] = {
	'!', '%', ')', ',', '.', ':', ';', '?', ']', '}', 0xB0, 0xB7, 0xBB, 0x2010, 0x2013, 0x2019,
	0x201D, 0x2027, 0x2030, 0x2032, 0x2033, 0x2103, 0x3001, 0x3002, 0x3009, 0x300B, 0x300D,
	0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301C, 0x301F, 0x30A0, 0x30FB, 0xFF01, 0xFF05,
	0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF5E, 0xFF60,
};
/* T2: may not end a line. Opening punctuation and currency signs that prefix numbers. */
static const uint32_t no_end[] = {
	'$', '(', '[', '{', 0xA3, 0xA5, 0xAB, 0x2018, 0x201C, 0x20AC, 0x3008, 0x300A, 0x300C,
	0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301D, 0xFF04, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F,
	0xFFE1, 0xFFE5,
};

static int in_set(const uint32_t *v, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		if (v[m] == c)
			return 1;
		if (v[m] < c)
			lo = m + 1;
		else
			hi = m;
	}
	return 0;
}

/* Per-code-point classes of the BMP for para_breaks, built once (about 0.2M instructions):
 * the kinsoku sets and the character kinds the tailorings test, so the common pairs cost a
 * table load instead of a dozen range tests and two binary searches. */
enum {
	C_NS = 1u << 0,     /* layout_no_start */
	C_NE = 1u << 1,     /* layout_no_end */
	C_CJK = 1u << 2,    /* cp_is_cjk */
	C_LATIN = 1u << 3,  /* cp_is_latin */
	C_ASPEC = 1u << 4,  /* as the unit before: a tailoring or U_URL may look at it */
	C_BSPEC = 1u << 5,  /* as the unit itself: a one-sided tailoring may look at it */
	C_FWSEP = 1u << 6,  /* U+FF0C, U+FF0E: special before a full-width digit only */
	C_STRICT = 1u << 7, /* the unit itself, at the strict level: dashes and ellipses */
	/* and not in the table (one byte a code point): '0'-'9' as the unit before are
	 * special before a CJK character (T3 looks at Han ones) */
};
static uint8_t bmp_cls[0x10000];
static int bmp_cls_ready;

static void set_range(uint32_t a, uint32_t b, uint8_t bit)
{
	for (uint32_t c = a; c <= b; c++)
		bmp_cls[c] |= bit;
}

static void bmp_cls_init(void)
{
	for (size_t k = 0; k < ARRAY_LEN(no_start); k++)
		bmp_cls[no_start[k]] |= C_NS;
	for (size_t k = 0; k < ARRAY_LEN(no_end); k++)
		bmp_cls[no_end[k]] |= C_NE;
	/* cp_is_cjk: Han (BMP part) and kana */
	set_range(0x3400, 0x4DBF, C_CJK);
	set_range(0x4E00, 0x9FFF, C_CJK);
	set_range(0xF900, 0xFAFF, C_CJK);
	bmp_cls[0x3005] |= C_CJK;
	bmp_cls[0x3007] |= C_CJK;
	set_range(0x3040, 0x30FF, C_CJK);
	set_range(0x31F0, 0x31FF, C_CJK);
	/* cp_is_latin */
	set_range('a', 'z', C_LATIN);
	set_range('A', 'Z', C_LATIN);
	set_range('0', '9', C_LATIN);
	set_range(0xC0, 0x24F, C_LATIN);
	bmp_cls[0xD7] &= (uint8_t)~C_LATIN;
	bmp_cls[0xF7] &= (uint8_t)~C_LATIN;
	/* controls and '\n' (U_NEWLINE units): always the general path; with U+2028 and
	 * U+2029 (as code point units) they are the only units a mandatory break follows */
	set_range(0, 0x1F, C_ASPEC | C_BSPEC);
	set_range(0x7F, 0x9F, C_ASPEC | C_BSPEC);
	bmp_cls[0x2028] |= C_ASPEC | C_BSPEC;
	bmp_cls[0x2029] |= C_ASPEC | C_BSPEC;
	/* the unit before: T8 digits, T5 '.' ',', T6 Hangul, T8 signs, U_URL, T4 */
	set_range(0xFF10, 0xFF19, C_ASPEC);
	set_range(0xAC00, 0xD7A3, C_ASPEC);
	static const uint32_t aspec[] = {'.', ',', '+', '-', 0x2212, 0xFF0B, 0xFF0D, '/', '?', '&',
					 '=', '_', 0x201D, 0x2019};
	for (size_t k = 0; k < ARRAY_LEN(aspec); k++)
		bmp_cls[aspec[k]] |= C_ASPEC;
	bmp_cls[0xFF0C] |= C_FWSEP;
	bmp_cls[0xFF0E] |= C_FWSEP;
	/* the unit itself: T4 opening quotes, '%'; strict dashes and ellipses */
	static const uint32_t bspec[] = {0x201C, 0x2018, '%'};
	for (size_t k = 0; k < ARRAY_LEN(bspec); k++)
		bmp_cls[bspec[k]] |= C_BSPEC;
	static const uint32_t strict[] = {0x2014, 0x2E3A, 0x2026, 0x2025};
	for (size_t k = 0; k < ARRAY_LEN(strict); k++)
		bmp_cls[strict[k]] |= C_STRICT;
	bmp_cls_ready = 1;
}

int layout_no_start(uint32_t c)
{
	if (c < 0x10000) {
		if (!bmp_cls_ready)
			bmp_cls_init();
		return bmp_cls[c] & C_NS;
	}
	return in_set(no_start, ARRAY_LEN(no_start), c);
}

int layout_no_end(uint32_t c)
{
	if (c < 0x10000) {
		if (!bmp_cls_ready)
			bmp_cls_init();
		return (bmp_cls[c] & C_NE) >> 1;
	}
	return in_set(no_end, ARRAY_LEN(no_end), c);
}

/* First unit starting at or after byte offset off. */
static size_t unit_at(const struct para *p, size_t off)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		if (p->u[m].off < off)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

static void glue(struct para *p, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < p->n; i++)
		if (i > 0 && p->u[i].brk == BRK_ALLOW) {
			p->u[i].brk = BRK_NO;
			p->u[i].flags |= U_TAILOR;
		}
}

void para_glue_runs(struct para *p)
{
	for (size_t r = 0; r < p->nruns; r++) {
		const struct run *x = &p->runs[r];
		if (!x->len)
			continue;
		size_t a = unit_at(p, x->off), b = unit_at(p, x->off + x->len);
		if (x->style & ST_NOBREAK) {
			glue(p, a + 1, b); /* a ruby group: breaks only around it */
		} else if (x->style & (ST_MARK | ST_STOCK)) {
			/* "[3]" stays with the link text before it, "(603000.SH)" with the name */
			glue(p, a, b);
		} else if (x->style & ST_IMAGE) {
			/* "[图 3:" / "[image 3:" stays whole */
			const char *colon = memchr(p->s + x->off, ':', x->len);
			if (colon)
				glue(p, a + 1, unit_at(p, (size_t)(colon - p->s) + 1) + 1);
		}
	}
}

int cp_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x20000 && c <= 0x3FFFD) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3005 ||
	       c == 0x3007;
}

static int cp_is_kana(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF);
}

int cp_is_cjk(uint32_t c)
{
	return cp_is_han(c) || cp_is_kana(c);
}

static int cp_is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int cp_is_fwdigit(uint32_t c)
{
	return c >= 0xFF10 && c <= 0xFF19;
}

static int cp_is_latin(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* Units of measure and money that stay with the number before them (T3). */
static const char *const han_units[] = {
	"万亿元", "亿美元", "万美元", "亿港元", "万港元", "个百分点", "百分点", "平方公里",
	"平方米", "万亿", "亿元", "万元", "千元", "美元", "港元", "欧元", "日元", "英镑",
	"万人", "亿人", "万股", "亿股", "万吨", "万辆", "公里", "千米", "千克", "公斤",
	"小时", "分钟", "多万", "多亿",
};

/* Length in units of a unit word starting at unit i, or 0. */
static size_t han_unit_at(const struct para *p, size_t i)
{
	const char *s = p->s + p->u[i].off;
	size_t rest = p->len - p->u[i].off;
	static size_t ulen[ARRAY_LEN(han_units)];
	if (!ulen[0])
		for (size_t k = 0; k < ARRAY_LEN(han_units); k++)
			ulen[k] = strlen(han_units[k]);
	for (size_t k = 0; k < ARRAY_LEN(han_units); k++) {
		size_t l = ulen[k];
		/* every unit word is 3-byte characters: compare the second one's last byte first */
		if (l <= rest && s[5] == han_units[k][5] && memcmp(s, han_units[k], l) == 0) {
			size_t cnt = 0, o = 0;
			while (o < l && i + cnt < p->n) {
				o += unit_end(p, i + cnt) - p->u[i + cnt].off;
				cnt++;
			}
			return o == l ? cnt : 0;
		}
	}
	return 0;
}

static int wide_unit(const struct unit *u)
{
	return u->w >= 2 || cp_is_cjk(u->cp) || cp_default_wide(u->cp);
}

/* UAX #14 (libunistring's u8_possible_linebreaks) into lb, at every unit start; the other
 * bytes of lb are left unset. Between two ideographs UAX #14 always allows a break: no
 * rule before LB31 matches ID ID, whatever comes before. So libunistring is asked only
 * about the stretches between such pairs, each taken with the ideograph on either side:
 * the rules that look further back or ahead (LB8, LB9, LB14-LB17, LB15a/b, LB20a, LB25,
 * LB28a, LB30a) look through spaces, marks, numbers, quotes or regional indicators, never
 * through an ideograph, so inside a stretch the answers equal those for the whole text.
 * In Chinese text this skips most characters (the test's LineBreakTest run and a random
 * comparison against the whole-text answer checked it). */
/* The code point of the unit's bytes when they are exactly one valid 1-3 byte UTF-8
 * sequence, else 0. */
static uint32_t lone_bmp(const uint8_t *s, size_t n)
{
	if (n == 1)
		return s[0] < 0x80 ? s[0] : 0;
	if (n == 2)
		return s[0] >= 0xC2 && s[0] <= 0xDF && (s[1] & 0xC0) == 0x80
			       ? ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F)
			       : 0;
	if (n != 3 || (s[0] & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	uint32_t c = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	return c >= 0x800 && (c < 0xD800 || c > 0xDFFF) ? c : 0;
}

/* libunistring's answer for ideograph, x, ideograph at x and at the second ideograph,
 * remembered per x. Every ideograph of han_id has class ID, so one ideograph stands for
 * all (checked against libunistring for every pair of an ideograph and a BMP code point
 * when this was written). A text has a few dozen such x (its punctuation), so a small
 * direct-mapped table holds them (1 KB, where one entry per BMP code point touched two
 * pages of 128 KB): an entry is x and its answer with 0x100 set, 0 when empty;
 * a collision replaces the entry. */
enum { HXH_N = 256 };
static struct {
	uint16_t x, v;
} han_x_han[HXH_N];

static uint16_t han_x_han_get(uint32_t x)
{
	unsigned h = (x ^ x >> 8) % HXH_N;
	if (han_x_han[h].x == x && han_x_han[h].v)
		return han_x_han[h].v;
	uint8_t s[9], lb[9];
	int k = u8_uctomb(s + 3, x, 6);
	if (k <= 0 || k > 3)
		return 0;
	memcpy(s, "\xE4\xB8\x80", 3); /* U+4E00 */
	memcpy(s + 3 + k, "\xE4\xB8\x80", 3);
	u8_possible_linebreaks(s, (size_t)k + 6, "UTF-8", (char *)lb);
	han_x_han[h].x = (uint16_t)x;
	han_x_han[h].v = (uint16_t)(0x100 | (lb[3] & 0xF) << 4 | (lb[3 + k] & 0xF));
	return han_x_han[h].v;
}

/* libunistring's answers for short stretches, remembered by their bytes (the same bytes
 * always get the same answer): Chinese text repeats a few shapes, "X。" at a paragraph's
 * end, an opening quote, "——", a number. ASCII digits are all class NU and East Asian
 * Width Na, the only properties UAX #14 looks at, so a key has each of them as '0' and
 * libunistring is asked about the key: a number's shape is one entry whatever its
 * digits. Keys are zero-padded to three words, hashed and compared a word at a time.
 * 4-way set associative, least recently used out first: 256 entries (12 KB, one page
 * more than an empty article touches) miss half as often on the 1 MB benchmark as 512
 * direct-mapped ones without the digit rule did (24 KB, five pages more); 128 entries
 * would cost 0.8% more instructions there for one page less. */
enum { MEMO_N = 256, MEMO_MAX = 22, MEMO_WAYS = 4, MEMO_SETS = MEMO_N / MEMO_WAYS };
struct lb_memo {
	uint64_t key[3]; /* MEMO_MAX bytes, zero-padded */
	uint8_t len; /* 0: empty */
	char lb[MEMO_MAX];
};
static struct lb_memo lb_memo[MEMO_SETS][MEMO_WAYS] __attribute__((aligned(4096)));

/* w with each byte '0'..'9' made '0' (its low nibble cleared); other bytes kept. */
static inline uint64_t digits_to_zero(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, low7 = ones * 0x7F;
	uint64_t x = w & low7; /* a byte is a digit iff its high bit is clear and x is in range */
	uint64_t ge = (x + ones * (0x80 - 0x30)) & ~w & ones * 0x80;   /* >= '0', ASCII */
	uint64_t lt = ~(x + ones * (0x80 - 0x3A)) & ones * 0x80;       /* < ':' */
	return w & ~(((ge & lt) >> 7) * 0x0F);
}

/* head/tail: the stretch starts/ends with a lone 3-byte ideograph, which is keyed (and
 * asked about) as U+4E00: every ideograph of han_id has class ID and East Asian Width W,
 * the only properties UAX #14 looks at (see han_x_han). */
static void uax14_stretch(const uint8_t *t, size_t n, char *lb, int head, int tail)
{
	if (n > MEMO_MAX || n < 3) {
		u8_possible_linebreaks(t, n, "UTF-8", lb);
		return;
	}
	uint64_t k[3] = {0};
	uint8_t *s = (uint8_t *)k;
	memcpy(s, t, n);
	if (head)
		memcpy(s, "\xE4\xB8\x80", 3);
	if (tail)
		memcpy(s + n - 3, "\xE4\xB8\x80", 3);
	k[0] = digits_to_zero(k[0]);
	if (n > 8)
		k[1] = digits_to_zero(k[1]);
	if (n > 16)
		k[2] = digits_to_zero(k[2]);
	uint64_t h = (k[0] * 0x9E3779B97F4A7C15u) ^ (k[1] * 0xC2B2AE3D27D4EB4Fu) ^ (k[2] * 0x165667B19E3779F9u);
	struct lb_memo *set = lb_memo[(h >> 40 ^ n) % MEMO_SETS];
	int w;
	for (w = 0; w < MEMO_WAYS; w++) {
		const struct lb_memo *m = &set[w];
		if (m->len == n && m->key[0] == k[0] && m->key[1] == k[1] && m->key[2] == k[2])
			break;
	}
	struct lb_memo e;
	if (w < MEMO_WAYS) {
		memcpy(lb, set[w].lb, n);
		if (!w)
			return;
		e = set[w];
	} else {
		u8_possible_linebreaks(s, n, "UTF-8", lb);
		e.len = (uint8_t)n;
		memcpy(e.key, k, sizeof k);
		memcpy(e.lb, lb, n);
		w = MEMO_WAYS - 1; /* the least recently used goes */
	}
	memmove(set + 1, set, (size_t)w * sizeof *set); /* e to the front */
	set[0] = e;
}

void para_uax14(const struct para *p, char *lb)
{
	const struct unit *u = p->u;
	size_t a = 0, n = p->n; /* a: first unit of the current stretch */
	for (size_t i = 1; i <= n; i++) {
		/* a cut needs unit i - 1 to be one ideograph and nothing else (3 bytes, no
		 * mark riding on it) and unit i to start with one */
		if (i < n && !(u[i].flags & U_IDID) &&
		    !(u[i].off - u[i - 1].off == 3 && han_id(u[i - 1].cp) && han_id(u[i].cp)))
			continue;
		/* a cut before unit i (or the end): the stretch is units [a, i) */
		if (i - a == 1 && a) { /* a lone ideograph between two others */
			lb[u[a].off] = UC_BREAK_POSSIBLE;
			const struct unit *q = &u[i], *ql = &u[n - 1]; /* and the run of them */
			for (; q < ql && (q[1].flags & U_IDID); q++)
				lb[q->off] = UC_BREAK_POSSIBLE;
			a = i = (size_t)(q - u);
			continue;
		}
		if (a && i - a == 3 && i < n && u[a + 1].off - u[a].off == 3) {
			/* ideograph, one code point, ideograph: the common case around CJK
			 * punctuation, answered from the table */
			uint32_t x = lone_bmp((const uint8_t *)p->s + u[a + 1].off, u[a + 2].off - u[a + 1].off);
			uint16_t v = x ? han_x_han_get(x) : 0;
			if (v) {
				lb[u[a + 1].off] = (char)(v >> 4 & 0xF);
				lb[u[a + 2].off] = (char)(v & 0xF);
				lb[u[a].off] = UC_BREAK_POSSIBLE;
				a = i;
				continue;
			}
		}
		if (i - a > 1 || !a) {
			size_t from = u[a].off, to = i < n ? u[i].off : p->len;
			uax14_stretch((const uint8_t *)p->s + from, to - from, lb + from,
				      a && unit_end(p, a) - from == 3, i < n);
		}
		if (a) /* its first unit is an ideograph after an ideograph */
			lb[u[a].off] = UC_BREAK_POSSIBLE;
		a = i;
	}
}

void para_breaks(struct para *p, int strict, int cjk_latin_space)
{
	if (!p->n)
		return;
	char *lb = p->scratch; /* sanitized text is at most 3x longer: regrow */
	if (p->scap < p->len + 1) {
		p->scap = p->len + 1;
		p->scratch = lb = xrealloc(p->scratch, p->scap);
	}
	para_uax14(p, lb);
	if (!bmp_cls_ready)
		bmp_cls_init();
	unsigned bspec = C_BSPEC | (strict ? C_STRICT : 0); /* the classes special as unit b */
	size_t glue = 0;          /* units still inside a number's Han unit word */
	uint32_t an = 0;          /* code point of the last non-space unit before i, 0: none
				     (as U+0000, which is no kinsoku no-end character) */
	p->u[0].brk = BRK_NO;
	p->u[0].flags &= ~(U_TAILOR | U_KOK | U_URL | U_GAP);
	if (!(p->u[0].flags & U_SPACE))
		an = p->u[0].cp;
	size_t n = p->n; /* locals: the byte stores below would make p's fields reload */
	for (size_t i = 1; i < n; i++) {
		struct unit *u = &p->u[i], *pu = &p->u[i - 1];
		if ((u->flags & U_IDID) && !glue) {
			/* the most common case, a run of ideographs: para_sanitize gave them
			 * the break and flags of the Han-Han case below (see U_IDID) */
			for (; i + 1 < n && (u[1].flags & U_IDID); i++)
				u++;
			an = u->cp;
			continue;
		}
		/* from sanitizing: ZWSP allow, 0xFF forbid (U_IDID units have the answer
		 * of the Han-Han case instead, not wanted inside a unit word) */
		uint8_t pre = (u->flags & U_IDID) ? BRK_NO : u->brk;
		uint32_t a = pu->cp, b = u->cp;
		if ((a | b) < 0x10000 && !glue && !pre && !(u->flags & U_SHY)) {
			unsigned ca = bmp_cls[a], cb = bmp_cls[b];
			if (!(cb & bspec) && !(ca & C_ASPEC) && !((ca & C_FWSEP) && cp_is_fwdigit(b)) &&
			    !(a - '0' < 10u && (cb & C_CJK))) {
				/* no tailoring looks at this pair and no mandatory break follows
				 * a (see bmp_cls_init): UAX #14 and kinsoku decide, as in the
				 * general code below */
				int ne = an >= 0x80 && an < 0x10000 && (bmp_cls[an] & C_NE);
				int sp = u->flags & U_SPACE;
				int kok = !(cb & C_NS) && !ne && !sp;
				uint8_t fl = (uint8_t)(u->flags & ~(U_TAILOR | U_KOK | U_URL | U_GAP));
				if (kok)
					fl |= U_KOK;
				if (cjk_latin_space && !sp && !(pu->flags & U_SPACE) &&
				    (((ca & C_CJK) && (cb & C_LATIN)) || ((ca & C_LATIN) && (cb & C_CJK))))
					fl |= U_GAP;
				u->flags = fl;
				u->brk = kok && lb[u->off] == UC_BREAK_POSSIBLE ? BRK_ALLOW : BRK_NO;
				if (!sp)
					an = b;
				continue;
			}
		}
		int must = (pu->flags & U_NEWLINE) || lb[pu->off] == UC_BREAK_MANDATORY;
		u->flags &= ~(U_TAILOR | U_KOK | U_URL | U_GAP);
		if (must) {
			u->brk = BRK_MUST;
			if (!(u->flags & U_SPACE))
				an = b;
			continue;
		}
		if (u->flags & U_NEWLINE) {
			u->brk = BRK_NO;
			continue;
		}
		int uax = lb[u->off] == UC_BREAK_POSSIBLE;
		int allow = uax;
		/* T4: quotation marks break like Unicode 15.1 next to wide characters */
		if (!allow && (b == 0x201C || b == 0x2018) && wide_unit(pu) && !(pu->flags & U_SPACE) &&
		    !layout_no_end(a))
			allow = 1;
		if (!allow && (a == 0x201D || a == 0x2019) && wide_unit(u) && !layout_no_start(b))
			allow = 1;
		if (u->flags & U_SHY)
			allow = 1; /* T10 */
		if (pre == BRK_ALLOW)
			allow = 1; /* ZWSP */
		/* kinsoku (T1, T2, T7): never break here */
		/* ASCII kin: UAX #14 already keeps )]},.;:?! from starting a line and ([{ and
		 * $+digit from ending one; '%' (PO) is kept off a line start only right after a
		 * number or a wide character, so Latin text breaks as UAX #14 says. */
		int ns = layout_no_start(b), ne = an && layout_no_end(an);
		if (b == '%' && ((pu->flags & U_SPACE) || !(cp_is_digit(a) || wide_unit(pu))))
			ns = 0;
		if (an < 0x80)
			ne = 0;
		int kok = !ns && !ne;
		if (u->flags & U_SPACE)
			kok = 0;
		int tailor = 0;
		if (glue) {
			tailor = 1;
			glue--;
		}
		/* T3: a number keeps the Han character (and unit word) after it */
		if (cp_is_digit(a) && cp_is_han(b)) {
			tailor = 1;
			size_t l = han_unit_at(p, i);
			if (l > 1)
				glue = l - 1;
		}
		/* T5: "example.com", "e.g." */
		if ((a == '.' || a == ',') && ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')))
			tailor = 1;
		/* T6: Korean keep-all (syllables; UAX #14 already binds conjoining jamo) */
		if (a >= 0xAC00 && a <= 0xD7A3 && b >= 0xAC00 && b <= 0xD7A3)
			tailor = 1;
		/* T8: full-width digits are numerals */
		if (cp_is_fwdigit(a) && (cp_is_fwdigit(b) || b == 0xFF0E || b == 0xFF0C || b == 0xFF05))
			tailor = 1;
		if ((a == 0xFF0E || a == 0xFF0C) && cp_is_fwdigit(b) && i >= 2 && cp_is_fwdigit(p->u[i - 2].cp))
			tailor = 1;
		if ((a == 0xFF0B || a == 0xFF0D || a == '+' || a == '-' || a == 0x2212) && cp_is_digit(b) &&
		    (i < 2 || !cp_is_latin(p->u[i - 2].cp)))
			tailor = 1;
		/* strict: no line starts with —— or …… */
		if (strict && (b == 0x2014 || b == 0x2E3A || b == 0x2026 || b == 0x2025))
			tailor = 1;
		if (pre == 0xFF)
			allow = 0; /* WJ, FEFF */
		int ok = allow && kok && !tailor;
		u->brk = ok ? BRK_ALLOW : BRK_NO;
		if (kok)
			u->flags |= U_KOK;
		if (uax && tailor && kok)
			u->flags |= U_TAILOR;
		if (a == '/' || a == '?' || a == '&' || a == '=' || a == '-' || a == '.' || a == '_')
			u->flags |= U_URL;
		if (cjk_latin_space && !(u->flags & U_SPACE) && !(pu->flags & U_SPACE) &&
		    ((cp_is_cjk(a) && cp_is_latin(b)) || (cp_is_latin(a) && cp_is_cjk(b))))
			u->flags |= U_GAP;
		if (!(u->flags & U_SPACE))
			an = b;
	}
}
