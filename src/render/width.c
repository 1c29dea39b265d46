/* width.c - sanitizing (CJK.md W2) and display widths (W1): libc wcwidth summed over
 * grapheme clusters found by libunistring, on text with the invisible troublemakers
 * removed, so the widths here are exactly the cells ncurses advances. */
#include "render/layout_int.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <unigbrk.h>
#include <unistr.h>

void para_free(struct para *p)
{
	free(p->s);
	free(p->u);
	free(p->runs);
	free(p->scratch);
	free(p->bmap);
	free(p->fits.v);
	buf_free(&p->line);
	free(p->sp);
	memset(p, 0, sizeof *p);
}

/* East Asian Width W/F ranges and the ranges UAX #11 defaults to W for unassigned code
 * points: what a terminal newer than glibc's tables will draw as two cells. */
int cp_default_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	       (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F000 && c <= 0x1FAFF) ||
	       (c >= 0x20000 && c <= 0x3FFFD);
}

/* Code points with a grapheme break on both sides whenever the neighbour is one too:
 * printable ASCII, CJK punctuation, kana (not its combining marks), Han, full-width
 * forms, general punctuation — none is Extend, Prepend, ZWJ, RI or pictographic. */
static inline int gb_fast(ucs4_t c)
{
	return (c >= 0x20 && c < 0x7F) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3029) ||
	       (c >= 0x3041 && c <= 0x3096) || (c >= 0x309B && c <= 0x30FF) || (c >= 0xFF01 && c <= 0xFF60) ||
	       (c >= 0x2010 && c <= 0x2027);
}

/* wcwidth for the Basic Multilingual Plane, remembered: the C library's answer costs some
 * fifty instructions a call and the layout asks once per character. The table is filled
 * as characters are met; LC_CTYPE is set once at start-up and never changes after. One
 * byte a code point: 0 not known yet, else wcwidth + 2 (BI_W) with BI_FAST for gb_fast
 * ones, so para_sanitize's copy loop needs one load for both. */
enum { BI_FAST = 0x80, BI_W = 0x7F };
static uint8_t bmp_info[0x10000];

/* Most of a Chinese text's characters have the one answer of their window below: a few
 * dozen ideographs spread over U+4E00..U+9FFF would touch every 4 KB page of bmp_info
 * there (a page of memory each), so for the code points of these windows the answer,
 * when it is the window's, is kept as one bit in bi_bits instead (one page in all; the
 * byte in bmp_info stays 0 and untouched). Hexagrams (not han_id) keep their byte, so a
 * set bit in the first window means "an ideograph of width 2" for fast_stretch. */
#define BI_WIDE (BI_FAST | (2 + 2))
#define BI_HAN 0x3000u /* first window: U+3000..U+9FFF, bits 0..0x6FFF */
static const struct {
	uint16_t lo, n, bit; /* code points lo..lo + n - 1 at bits bit.. */
	uint8_t v;           /* their bmp_info value when the bit is set */
} bi_win[] = {
	{BI_HAN, 0x7000, 0, BI_WIDE},          /* CJK punctuation, kana, Han */
	{0xFF00, 0x100, 0x7000, BI_WIDE},      /* full-width forms */
	{0x2000, 0x100, 0x7100, BI_FAST | 3},  /* general punctuation: quotes, dashes */
};
static uint64_t bi_bits[0x7200 / 64] __attribute__((aligned(4096)));

static inline int bi_bit(uint64_t k)
{
	return (int)(bi_bits[k >> 6] >> (k & 63) & 1);
}

/* The window holding c, or -1. */
static inline int bi_window(uint32_t c)
{
	for (int w = 0; w < (int)ARRAY_LEN(bi_win); w++)
		if (c - bi_win[w].lo < bi_win[w].n)
			return w;
	return -1;
}

static uint8_t learn_info(uint32_t c)
{
	uint8_t v = (uint8_t)((wcwidth((wchar_t)c) + 2) | (gb_fast(c) ? BI_FAST : 0));
	int w = bi_window(c);
	if (w >= 0 && v == bi_win[w].v && c - 0x4DC0u >= 0x40u) {
		uint32_t k = bi_win[w].bit + (c - bi_win[w].lo);
		bi_bits[k >> 6] |= (uint64_t)1 << (k & 63);
	} else {
		bmp_info[c] = v;
	}
	return v;
}

/* The bmp_info value of c < 0x10000, learnt the first time. The windows one by one:
 * a loop over bi_win costs a load per test in para_sanitize's punctuation path. */
static inline uint8_t bmp_get(uint32_t c)
{
	int w = c - bi_win[0].lo < bi_win[0].n ? 0 : c - bi_win[1].lo < bi_win[1].n ? 1
		: c - bi_win[2].lo < bi_win[2].n ? 2 : -1;
	if (w >= 0 && bi_bit(bi_win[w].bit + (c - bi_win[w].lo)))
		return bi_win[w].v;
	uint8_t v = bmp_info[c];
	return v ? v : learn_info(c);
}

/* Inline for the known case: a table look-up; the C library only the first time. */
static inline int cached_wcwidth(uint32_t c)
{
	if (c >= 0x10000)
		return wcwidth((wchar_t)c);
	return (bmp_get(c) & BI_W) - 2;
}

/* Code points deleted without trace (besides the break effects para_sanitize gives some). */
static int cp_deleted(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x200D || c == 0xFE0E || c == 0xFE0F ||
	       (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200B ||
	       c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

int cp_width(uint32_t c, uint32_t *repl)
{
	if (c >= 0x20 && c < 0x7F) {
		*repl = c;
		return 1;
	}
	if (c >= 0x3000 && c < 0xFE00) { /* CJK: nothing here is deleted */
		int w = cached_wcwidth(c);
		*repl = w < 0 ? 0x3013 : c;
		return w < 0 ? 2 : w;
	}
	if (cp_deleted(c)) {
		*repl = 0;
		return 0;
	}
	int w = cached_wcwidth(c);
	if (w < 0) {
		*repl = cp_default_wide(c) ? 0x3013 : '?';
		return *repl == '?' ? 1 : 2;
	}
	*repl = c;
	return w;
}

int text_width(const char *s, size_t n)
{
	int w = 0;
	size_t i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (c == '\t') {
			w += 8 - w % 8;
		} else {
			uint32_t r;
			w += cp_width(c, &r);
		}
		i += l > 0 ? (size_t)l : 1;
	}
	return w;
}

void layout_sanitize(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		i += l > 0 ? (size_t)l : 1;
		uint32_t r;
		if (c == '\n' || c == 0x2028 || c == 0x2029) {
			buf_addc(out, '\n');
			continue;
		}
		if (c == '\t') {
			buf_addc(out, ' ');
			continue;
		}
		cp_width(c, &r);
		if (r) {
			uint8_t tmp[6];
			int k = u8_uctomb(tmp, r, sizeof tmp);
			if (k > 0)
				buf_add(out, (const char *)tmp, (size_t)k);
		}
	}
	if (!out->s)
		buf_add(out, "", 0);
}

static void grow(void **v, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	*v = xrealloc(*v, c * elem);
	*cap = c;
}

/* Decode one valid UTF-8 sequence; returns its length, or -1 when invalid. */
static inline int utf8_decode(const uint8_t *s, size_t n, ucs4_t *c)
{
	uint8_t b = s[0];
	if (b < 0x80) {
		*c = b;
		return 1;
	}
	if (b >= 0xE0 && b < 0xF0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		ucs4_t v = ((ucs4_t)(b & 0x0F) << 12) | ((ucs4_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return -1;
		*c = v;
		return 3;
	}
	int l = u8_mbtouc(c, s, n);
	if (*c == 0xFFFD && !(n >= 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xBD))
		return -1;
	return l;
}

/* Grapheme breaks for the stretch that starts at from (a clean boundary) and runs over
 * the code points at and after i up to and including the first fast one; returns its end. */
static size_t grapheme_stretch(const uint8_t *t, size_t n, size_t from, size_t i, char *gb)
{
	size_t e = i;
	while (e < n) {
		ucs4_t c;
		int l = utf8_decode(t + e, n - e, &c);
		int fast = l > 0 && gb_fast(c);
		if (l <= 0)
			l = u8_mbtouc(&c, t + e, n - e);
		e += l > 0 ? (size_t)l : 1;
		if (fast)
			break;
	}
	u8_grapheme_breaks(t + from, e - from, gb + from);
	if (from == i || from == 0)
		gb[from] = 1;
	return e;
}

/* The common case of para_sanitize, most of a Chinese article: printable ASCII characters
 * and 3-byte CJK characters of the gb_fast set, after another gb_fast one (so each starts
 * a new cluster), with no ZWSP/WJ/SHY pending, in [i, stop) (stop: the next run boundary).
 * Each becomes a unit of its own and the bytes are copied as they are; the general code
 * gives the same result for them, only slower. Returns where it stopped; *last gets the
 * input offset of the last character taken. The loop keeps the unit array and counts in
 * locals: stores through p would make the compiler reload p's fields every character. */
static size_t fast_stretch(struct para *p, const uint8_t *t, size_t n, size_t i, size_t stop,
			   size_t *last)
{
	grow((void **)&p->s, &p->cap, p->len + (stop - i) + 8, 1); /* copied 1:1 */
	struct unit *u = p->u, *o = u + p->n, *oend = u + p->ucap; /* o: the next unit */
	size_t j = i, base = p->len - i; /* output offset - input offset */
	/* the unit before is exactly one ideograph (for U_IDID) */
	int han = p->n && p->len - o[-1].off == 3 && han_id(o[-1].cp);
	size_t lim = n < 3 ? 0 : n - 2 < stop ? n - 2 : stop; /* j < lim: 3 bytes from j fit in n */
	while (j < stop) {
		if (o == oend) {
			size_t un = (size_t)(o - u);
			p->n = un;
			grow((void **)&p->u, &p->ucap, un + 1, sizeof *p->u);
			u = p->u;
			o = u + un;
			oend = u + p->ucap;
		}
		uint8_t b0 = t[j];
		uint32_t fc;
		if (j < lim && b0 - 0xE4u <= 0xE9u - 0xE4u) {
			/* hottest: a run of ideographs U+4000..U+9FFF (lead bytes E4-E9; han_id
			 * but for the Yijing hexagrams U+4DC0..U+4DFF) of known width 2 */
			struct unit *o0 = o;
			uint8_t brk = han ? BRK_ALLOW : BRK_NO, fl = han ? U_IDID | U_KOK : 0;
			while (j < lim && o < oend && t[j] - 0xE4u <= 0xE9u - 0xE4u &&
			       (((t[j + 1] ^ 0x80u) | (t[j + 2] ^ 0x80u)) < 0x40u)) {
				fc = ((uint32_t)(t[j] & 0x0F) << 12) | ((uint32_t)(t[j + 1] & 0x3F) << 6) | (t[j + 2] & 0x3F);
				/* bi_bit(fc - BI_HAN), the subtraction folded into the address */
				if (!(bi_bits[(size_t)(fc >> 6) - BI_HAN / 64] >> (fc & 63) & 1))
					break; /* not known yet, or not width 2, or a hexagram */
				*o++ = (struct unit){(uint32_t)(base + j), fc, 2, brk, fl};
				brk = BRK_ALLOW;
				fl = U_IDID | U_KOK;
				j += 3;
			}
			if (o != o0) {
				han = 1;
				continue;
			}
		}
		int fw = 1;
		size_t l = 1;
		if (b0 - 0x20u < 0x5Fu) {
			fc = b0;
		} else if (b0 - 0xE2u <= 0xEFu - 0xE2u && j + 3 <= n &&
			   (((t[j + 1] ^ 0x80u) | (t[j + 2] ^ 0x80u)) < 0x40u)) {
			fc = ((uint32_t)(b0 & 0x0F) << 12) | ((uint32_t)(t[j + 1] & 0x3F) << 6) | (t[j + 2] & 0x3F);
			uint8_t v = bmp_get(fc);
			if (!(v & BI_FAST) || (v & BI_W) < 2) /* not gb_fast, or no width */
				break;
			fw = (v & BI_W) - 2;
			l = 3;
		} else {
			break;
		}
		int h = han_id(fc); /* never an ASCII one */
		*o++ = han && h ? (struct unit){(uint32_t)(base + j), fc, (uint8_t)fw, BRK_ALLOW, U_IDID | U_KOK}
				: (struct unit){(uint32_t)(base + j), fc, (uint8_t)fw, BRK_NO, fc == ' ' ? U_SPACE : 0};
		han = h;
		j += l;
	}
	if (j > i) {
		memcpy(p->s + p->len, t + i, j - i);
		p->len += j - i;
		p->n = (size_t)(o - u);
		*last = o[-1].off - base;
	}
	return j;
}

void para_sanitize(struct para *p, const char *t, size_t n, const struct run *runs, size_t nruns)
{
	/* sanitized text never needs more than 3 bytes per input byte (a lone invalid byte
	 * becomes U+FFFD; a 1-byte control never grows beyond '?'/U+3013 of 3 bytes) */
	grow((void **)&p->s, &p->cap, n + 8, 1);
	grow((void **)&p->scratch, &p->scap, n + 1, 1);
	grow((void **)&p->u, &p->ucap, n / 3 + 8, sizeof *p->u);
	grow((void **)&p->runs, &p->rcap, nruns + 1, sizeof *p->runs);
	grow((void **)&p->bmap, &p->bcap, 2 * nruns + 1, sizeof *p->bmap);
	p->len = 0;
	p->n = 0;
	p->nruns = nruns;
	size_t nb = 2 * nruns, bi = 0;
	uint8_t pend = 0; /* 1 allow (ZWSP), 2 forbid (WJ), 4 shy */
	struct unit *cur = NULL;
	size_t i = 0, prev_off = 0, gdone = 0; /* grapheme breaks known in scratch below gdone */
	int prev_fast = 0;
	const uint8_t *ut = (const uint8_t *)t;
	while (i < n) {
		while (bi < nb && (bi & 1 ? runs[bi / 2].off + runs[bi / 2].len : runs[bi / 2].off) <= i)
			p->bmap[bi++] = p->len;
		/* The common case first: printable ASCII characters and 3-byte CJK characters
		 * of the gb_fast set, after another gb_fast one (so each starts a new cluster),
		 * with no ZWSP/WJ/SHY pending, up to the next run boundary. Each becomes a unit
		 * of its own, copied as is; the general code below gives the same result for
		 * them, only slower. */
		if (prev_fast && !pend) {
			size_t stop = n;
			if (bi < nb) {
				size_t bnd = bi & 1 ? runs[bi / 2].off + runs[bi / 2].len : runs[bi / 2].off;
				if (bnd < stop)
					stop = bnd;
			}
			size_t j = fast_stretch(p, ut, n, i, stop, &prev_off);
			if (j > i) {
				cur = &p->u[p->n - 1];
				i = j;
				continue;
			}
		}
		ucs4_t c;
		int l = utf8_decode(ut + i, n - i, &c);
		int fast = l > 0 && gb_fast(c);
		int gbreak;
		if (fast && prev_fast) {
			gbreak = 1;
		} else {
			if (i >= gdone) /* a stretch with marks, emoji, controls...: ask libunistring */
				gdone = grapheme_stretch(ut, n, prev_off, i, p->scratch);
			gbreak = p->scratch[i];
		}
		if (gbreak)
			cur = NULL; /* a new original grapheme cluster */
		prev_off = i;
		prev_fast = fast;
		int valid = l > 0;
		if (!valid)
			l = u8_mbtouc(&c, ut + i, n - i);
		size_t at = i;
		i += l > 0 ? (size_t)l : 1;
		uint32_t r;
		int w;
		if (c == '\n' || c == 0x2028 || c == 0x2029) {
			r = '\n';
			w = 0;
		} else if (c == '\t') {
			r = ' ';
			w = 1;
		} else {
			w = cp_width(c, &r);
			if (!r) {
				if (c == 0x200B)
					pend = (pend & ~2) | 1;
				else if (c == 0x2060 || c == 0xFEFF)
					pend = (pend & ~1) | 2;
				else if (c == 0xAD)
					pend |= 4;
				continue;
			}
		}
		if (p->len + 8 > p->cap) /* placeholders can outgrow the input */
			grow((void **)&p->s, &p->cap, p->len + 8, 1);
		/* a cluster is one unit, but a run-away one (thousands of marks or ZWJ
		 * emoji) is cut into units of at most 32 columns / 64 bytes */
		if (cur && (cur->w + w > 32 || p->len - cur->off > 64))
			cur = NULL;
		if (!cur || r == '\n' || (cur->flags & U_NEWLINE)) {
			if (p->n == p->ucap)
				grow((void **)&p->u, &p->ucap, p->n + 1, sizeof *p->u);
			cur = &p->u[p->n++];
			memset(cur, 0, sizeof *cur);
			cur->off = (uint32_t)p->len;
			cur->cp = r;
			cur->brk = pend & 1 ? BRK_ALLOW : BRK_NO;
			if (pend & 2)
				cur->brk = 0xFF; /* forbidden: resolved by para_breaks */
			if (pend & 4)
				cur->flags |= U_SHY;
			pend = 0;
			if (r == '\n')
				cur->flags |= U_NEWLINE;
			else if (r == ' ')
				cur->flags |= U_SPACE;
		}
		int k;
		if (valid && r == c) {
			for (k = 0; k < l; k++) /* 1-4 bytes: cheaper than a memcpy call */
				p->s[p->len + (size_t)k] = t[at + (size_t)k];
		} else {
			k = u8_uctomb((uint8_t *)p->s + p->len, r, 6);
		}
		p->len += (size_t)k;
		cur->w = (uint8_t)(cur->w + w);
		if (p->len - cur->off > 1)
			cur->flags &= ~U_SPACE; /* a space carrying a mark is a visible grapheme */
	}
	while (bi < nb)
		p->bmap[bi++] = p->len;
	for (size_t k = 0; k < nruns; k++) {
		p->runs[k] = runs[k];
		p->runs[k].off = p->bmap[2 * k];
		p->runs[k].len = p->bmap[2 * k + 1] - p->bmap[2 * k];
	}
	p->s[p->len] = '\0';
}

void para_codepoints(struct para *p, const char *t, size_t n)
{
	grow((void **)&p->s, &p->cap, n + 1, 1);
	grow((void **)&p->scratch, &p->scap, n + 1, 1);
	grow((void **)&p->u, &p->ucap, n + 1, sizeof *p->u);
	memcpy(p->s, t, n);
	p->s[n] = '\0';
	p->len = n;
	p->n = 0;
	p->nruns = 0;
	size_t i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)t + i, n - i);
		struct unit *u = &p->u[p->n++];
		memset(u, 0, sizeof *u);
		u->off = (uint32_t)i;
		u->cp = c;
		int w = cached_wcwidth(c);
		u->w = (uint8_t)(w > 0 ? w : 0);
		if (c == ' ')
			u->flags |= U_SPACE;
		i += (size_t)(l > 0 ? l : 1);
	}
}
