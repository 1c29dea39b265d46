/* Unit tests for line breaking: a property test over generated Chinese, Latin and mixed
 * paragraphs at every width from 10 to 120 (and 0..9 for termination), and the
 * conformance run over Unicode's LineBreakTest.txt (package unicode-data). */
#include "testutil.h"

#include "newsread/doc.h"
#include "newsread/layout.h"
#include "newsread/util.h"
#include "render/layout_int.h"

#include <unilbrk.h>
#include <unistr.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const zh[] = {
	"今", "天", "国", "家", "统", "计", "局", "发", "布", "数", "据", "显", "示", "经", "济",
	"增", "长", "市", "场", "股", "价", "上", "涨", "央", "行", "宣", "布", "新", "闻",
};
static const char *const latin[] = {
	"the", "market", "rose", "Shanghai", "index", "iPhone", "GDP", "Pneumonoultramicroscopic",
	"e.g.", "Inc.", "naïve", "Cafe\xCC\x81", "résumé",
};
static const char *const punct[] = {
	"，", "。", "、", "；", "：", "？", "！", "。」』", "）", "（", "《", "》", "“", "”", "……",
	"——", "·", "～", "%", "(", ")", ",", ".", "!",
};
static const char *const misc[] = {
	"😀", "👍🏻", "👨\u200d👩\u200d👧", "❤️", "🇨🇳", "+3.25%", "128.6亿元", "2021年", "１２．５％",
	"￥1,299", "https://www.example.com/news/2024/01/very-long-article-name.html?x=1&y=2",
	"example.com", "\u200b", "inter\u00adnational", "대한민국의", "ちょっと", "\u0301", "e\u0301",
	"a\u0308\u0301", "新字\U00031350", "🫨", "\u2060", "\t",
};

/* A random paragraph: mode 0 Chinese, 1 Latin, 2 mixed. */
static void gen(struct buf *b, int mode)
{
	int n = 5 + (int)rnd(120);
	for (int i = 0; i < n; i++) {
		int r = (int)rnd(100);
		if (mode == 1 ? r < 10 : r < 55) {
			buf_adds(b, zh[rnd(ARRAY_LEN(zh))]);
		} else if (mode == 0 ? r < 60 : r < 75) {
			if (b->len && b->s[b->len - 1] != ' ')
				buf_addc(b, ' ');
			buf_adds(b, latin[rnd(ARRAY_LEN(latin))]);
			if (rnd(2))
				buf_addc(b, ' ');
		} else if (r < 88) {
			buf_adds(b, punct[rnd(ARRAY_LEN(punct))]);
		} else {
			buf_adds(b, misc[rnd(ARRAY_LEN(misc))]);
		}
	}
}

static uint32_t first_cp(const char *s, size_t n)
{
	ucs4_t c = 0;
	if (n)
		u8_mbtouc(&c, (const uint8_t *)s, n);
	return c;
}

static uint32_t last_cp(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s + n;
	ucs4_t c = 0;
	if (n) {
		const uint8_t *q = u8_prev(&c, p, (const uint8_t *)s);
		(void)q;
	}
	return c;
}

/* Check the invariants on one laid-out paragraph; prefix is the added margin. */
static void check_para(const char *src, size_t n, const struct lines *l, int width, const char *first,
		       const char *rest)
{
	struct buf s;
	buf_init(&s);
	layout_sanitize(&s, src, n);
	size_t si = 0;
	for (size_t i = 0; i < l->n; i++) {
		const char *prefix = i ? rest : first;
		size_t pl = strlen(prefix);
		const struct line *ln = &l->v[i];
		if (ln->width > width || ln->width != text_width(ln->text, ln->len))
			print_error("width %d > %d: %s\n", ln->width, width, ln->text);
		assert_true(ln->width <= width);
		assert_int_equal(ln->width, text_width(ln->text, ln->len));
		assert_null(strstr(ln->text, "\xC2\xAD"));     /* SHY */
		assert_null(strstr(ln->text, "\xE2\x80\x8B")); /* ZWSP */
		assert_null(strstr(ln->text, "\xE2\x80\x8D")); /* ZWJ */
		for (size_t k = 0; k < ln->len; k++)
			assert_true((unsigned char)ln->text[k] >= 0x20);
		const char *t = ln->text;
		size_t tl = ln->len;
		if (pl) {
			size_t want = pl;
			while (!tl && want && prefix[want - 1] == ' ')
				want--; /* an empty line: the margin's trailing spaces trimmed */
			if (!(tl >= want && memcmp(t, prefix, want) == 0))
				print_error("line '%s' lacks its prefix '%s'\n", t, prefix);
			assert_true(tl >= want && memcmp(t, prefix, want) == 0);
			t += want;
			tl -= want;
		}
		if (i)
			while (si < s.len && s.s[si] == ' ')
				si++;
		if (tl && si + tl <= s.len && memcmp(s.s + si, t, tl) == 0) {
			si += tl;
		} else if (tl && t[tl - 1] == '-' && si + tl - 1 <= s.len && memcmp(s.s + si, t, tl - 1) == 0) {
			si += tl - 1; /* a soft hyphen taken */
		} else if (tl) {
			print_error("width %d line %zu: '%.*s' does not continue '%.40s'\n", width, i, (int)tl, t,
				    s.s + si);
			fail();
		}
		/* kinsoku: no line starts with NO_START or ends with NO_END but after T9 */
		if (!(ln->flags & LINE_EMERGENCY) && tl) {
			/* ASCII '%' after a space and ASCII openers follow UAX #14 (see linebreak.c) */
			uint32_t fc = first_cp(t, tl), lc = last_cp(t, tl);
			if (i && layout_no_start(fc) && fc != '%') {
				print_error("width %d: line starts with NO_START: %s\n", width, ln->text);
				fail();
			}
			if (i + 1 < l->n && layout_no_end(lc) && lc >= 0x80) {
				print_error("width %d: line ends with NO_END: %s\n", width, ln->text);
				fail();
			}
		}
	}
	while (si < s.len && s.s[si] == ' ')
		si++;
	if (si != s.len)
		print_error("width %d: lost text '%s'\n", width, s.s + si);
	assert_int_equal(si, s.len);
	buf_free(&s);
}

static void test_property(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	long lines = 0, emerg = 0;
	for (int doc = 0; doc < 60; doc++) {
		b.len = 0;
		buf_add(&b, "", 0);
		gen(&b, doc % 3);
		/* plain, in a quote, as a list item, as a <p> with paragraph-indent auto */
		int kind = doc % 4;
		const char *first = (const char *[]){"", "> ", "1. ", "\xE3\x80\x80\xE3\x80\x80"}[kind];
		const char *rest = (const char *[]){"", "> ", "   ", ""}[kind];
		struct doc d;
		doc_init(&d);
		struct block *bl = doc_add_block(&d, BLK_PARA);
		block_append(bl, b.s, b.len, 0, 0, NULL);
		bl->quote = kind == 1;
		bl->para = kind == 3;
		if (kind == 2) {
			bl->marker = xstrdup("1. ");
			bl->indent = 3;
		}
		for (int w = 0; w <= 120; w++) {
			struct layout_opts o = {.width = w, .kinsoku_strict = doc % 5 == 1, .paragraph_indent = 1};
			struct lines l = {0};
			layout_doc(&d, &o, &l);
			if (w >= 10) {
				/* the auto indent needs room: the text keeps min(w, 8) columns */
				check_para(b.s, b.len, &l, w, kind == 3 && w < 12 ? "" : first, rest);
				lines += (long)l.n;
				for (size_t i = 0; i < l.n; i++)
					emerg += (l.v[i].flags & LINE_EMERGENCY) != 0;
			} else if (w == 0) {
				assert_int_equal(l.n, 0);
			}
			for (size_t i = 0; i < l.n; i++)
				assert_true(l.v[i].width <= w);
			lines_free(&l);
		}
		doc_free(&d);
	}
	printf("property: %ld lines checked, %ld from emergency breaks\n", lines, emerg);
	buf_free(&b);
}

/* ---- LineBreakTest.txt ---- */

static const char *const lbt_paths[] = {
	"/usr/share/unicode/auxiliary/LineBreakTest.txt",
	"/usr/share/unicode-data/auxiliary/LineBreakTest.txt",
};

/* Which tailoring explains a difference at the boundary between a and b. */
static const char *why(uint32_t a, uint32_t b, int inside_unit, int deleted)
{
	if (deleted)
		return "W2 sanitizing (deleted control/format character)";
	if (inside_unit)
		return "grapheme clusters are unbreakable units";
	if (layout_no_start(b))
		return "T1 kinsoku: no line start";
	if (layout_no_end(a))
		return "T2 kinsoku: no line end";
	if (a == 0x201C || a == 0x2018 || a == 0x201D || a == 0x2019 || b == 0x201C || b == 0x2018 ||
	    b == 0x201D || b == 0x2019)
		return "T4 quotation marks";
	if ((a >= '0' && a <= '9') || (a >= 0xFF10 && a <= 0xFF19))
		return "T3/T8 numbers";
	if (a == '.' || a == ',')
		return "T5 IS x letter";
	if ((a >= 0xAC00 && a <= 0xD7A3) || (a >= 0x1100 && a <= 0x11FF))
		return "T6 Korean keep-all";
	return "other";
}

struct cat {
	const char *name;
	int n;
};

static void test_linebreaktest(void **state)
{
	(void)state;
	FILE *f = NULL;
	for (size_t i = 0; i < ARRAY_LEN(lbt_paths) && !f; i++)
		f = fopen(lbt_paths[i], "r");
	if (!f) {
		printf("skip: LineBreakTest.txt not found (install unicode-data)\n");
		return;
	}
	char line[4096];
	int total = 0, pass = 0, rawpass = 0;
	struct cat cats[16] = {0};
	size_t ncats = 0;
	struct para p = {0};
	while (fgets(line, sizeof line, f)) {
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		uint32_t cps[256];
		int brk[257];
		int n = 0;
		char *s = line;
		/* "× 0023 ÷ 0024 ÷" */
		while (*s && n < 255) {
			while (*s == ' ' || *s == '\t')
				s++;
			if (!*s || *s == '\n')
				break;
			if (!strncmp(s, "\xC3\x97", 2)) {
				brk[n] = 0;
				s += 2;
			} else if (!strncmp(s, "\xC3\xB7", 2)) {
				brk[n] = 1;
				s += 2;
			} else {
				cps[n++] = (uint32_t)strtoul(s, &s, 16);
			}
		}
		if (n == 0)
			continue;
		total++;
		struct buf b;
		buf_init(&b);
		struct run *runs = xcalloc((size_t)n, sizeof *runs);
		for (int i = 0; i < n; i++) {
			uint8_t tmp[6];
			int k = u8_uctomb(tmp, cps[i], 6);
			runs[i].off = b.len;
			runs[i].len = (size_t)k;
			runs[i].style = 1;
			buf_add(&b, (char *)tmp, (size_t)k);
		}
		char *raw = xmalloc(b.len + 1);
		u8_possible_linebreaks((const uint8_t *)b.s, b.len, "UTF-8", raw);
		para_codepoints(&p, b.s, b.len);
		para_breaks(&p, 0, 0);
		int ok = 1, rawok = 1;
		const char *reason = NULL;
		for (int i = 1; i < n; i++) {
			int mine = p.u[i].brk != BRK_NO;
			int r = raw[runs[i].off] == UC_BREAK_POSSIBLE || raw[runs[i - 1].off] == UC_BREAK_MANDATORY;
			if (r != brk[i])
				rawok = 0;
			if (mine != brk[i] && ok) {
				ok = 0;
				if (r == brk[i]) {
					reason = why(cps[i - 1], cps[i], 0, 0);
					if (getenv("LBT_VERBOSE"))
						printf("%s: %s\n", reason, line);
				}
			}
		}
		pass += ok;
		rawpass += rawok;
		if (reason) {
			size_t k = 0;
			while (k < ncats && strcmp(cats[k].name, reason))
				k++;
			if (k == ncats && ncats < ARRAY_LEN(cats))
				cats[ncats++].name = reason;
			if (k < ncats)
				cats[k].n++;
		}
		free(raw);
		free(runs);
		buf_free(&b);
	}
	fclose(f);
	para_free(&p);
	printf("LineBreakTest: %d/%d lines pass (%.1f%%); libunistring alone %d/%d (%.1f%%)\n", pass, total,
	       100.0 * pass / total, rawpass, total, 100.0 * rawpass / total);
	printf("lines that libunistring passes and the tailored breaker does not, by cause:\n");
	for (size_t k = 0; k < ncats; k++)
		printf("  %5d  %s\n", cats[k].n, cats[k].name);
	assert_true(total > 1000);
	assert_true(pass * 100 >= total * 95);
}

/* Random bytes (invalid UTF-8, controls, truncated sequences, lone marks) at small and
 * odd widths: terminates, no line too wide, nothing below U+0020 in any line. */
static void test_fuzz_bytes(void **state)
{
	(void)state;
	static const char *const frag[] = {
		"\xE4\xB8\xAD", "\xE3\x80\x82", "\xCC\x81", "\xE2\x80\x8D", "\xF0\x9F\x98\x80", "\xFF", "\xE4\xB8",
		"\x1B[31m", "\r\n", "\t", " ", "\xC2\xAD", "\xE2\x80\xAE", "\xF0\x9F\x87\xA8", "a", "1", "%", "\xEF\xBC\x8C",
	};
	struct buf b;
	buf_init(&b);
	for (int it = 0; it < 300; it++) {
		b.len = 0;
		buf_add(&b, "", 0);
		int n = (int)rnd(60);
		for (int i = 0; i < n; i++) {
			if (rnd(4) == 0) {
				char c = (char)rnd(256);
				buf_add(&b, &c, 1);
			} else {
				buf_adds(&b, frag[rnd(ARRAY_LEN(frag))]);
			}
		}
		struct doc d;
		doc_init(&d);
		struct block *bl = doc_add_block(&d, it % 7 == 0 ? BLK_PRE : BLK_PARA);
		block_append(bl, b.s, b.len, ST_BOLD, 1, NULL);
		bl->quote = it % 3;
		for (int w = 0; w <= 30; w++) {
			struct layout_opts o = {.width = w, .cut_pre = 1, .cjk_latin_space = it & 1};
			struct lines l = {0};
			layout_doc(&d, &o, &l);
			for (size_t i = 0; i < l.n; i++) {
				assert_true(l.v[i].width <= w);
				assert_int_equal(l.v[i].width, text_width(l.v[i].text, l.v[i].len));
				for (size_t k = 0; k < l.v[i].len; k++) {
					unsigned char c = (unsigned char)l.v[i].text[k];
					assert_true(c >= 0x20 && c != 0x7F);
				}
				for (size_t k = 0; k < l.v[i].nspans; k++)
					assert_true(l.v[i].spans[k].off + l.v[i].spans[k].len <= l.v[i].len);
			}
			lines_free(&l);
		}
		doc_free(&d);
	}
	buf_free(&b);
}

/* para_uax14 asks libunistring only about the stretches between two ideographs: on
 * random text of ideographs mixed with everything that UAX #14 looks back or ahead
 * through (spaces, marks, quotes, numbers, regional indicators, Brahmic clusters...),
 * its answer at every unit start equals libunistring's for the whole text; units are
 * code points and then sanitized grapheme clusters. */
static void test_uax14_stretches(void **state)
{
	(void)state;
	static const uint32_t han[] = {0x4E2D, 0x6587, 0x3400, 0x4DBF, 0x9FFF, 0x4E00};
	static const uint32_t other[] = {
		' ', 0xA0, '1', '9', 'a', '.', ',', '(', ')', '"', '\'', '%', '$', '+', '-', '/',
		0x3002, 0xFF0C, 0x300C, 0x300D, 0xFF08, 0x201C, 0x201D, 0x2018, 0x2014, 0x2026,
		0x0301, 0x3099, 0x200D, 0x2060, 0x1F1E6, 0x1F1E8, 0x1F600, 0x1F3FB, 0x261D, 0x3042,
		0x30A1, 0x30FC, 0xAC00, 0x1100, '\n', '\r', 0xAD, 0x2010, 0xA5, 0x0915, 0x094D,
		0x093F, 0x05D0, 0x05BE, 0xAB, 0xBB, 0x3000, 0x3005, 0x4DC0, 0x25CC, 0xFF10, 0x20000,
	};
	struct para p = {0};
	uint8_t s[40 * 4];
	char full[sizeof s], part[sizeof s];
	for (int it = 0; it < 20000; it++) {
		size_t len = 0;
		int n = 1 + (int)rnd(40);
		for (int k = 0; k < n; k++) {
			uint32_t c = rnd(2) ? han[rnd(ARRAY_LEN(han))] : other[rnd(ARRAY_LEN(other))];
			len += (size_t)u8_uctomb(s + len, c, 4);
		}
		u8_possible_linebreaks(s, len, "UTF-8", full);
		for (int pass = 0; pass < 2; pass++) {
			if (pass)
				para_sanitize(&p, (const char *)s, len, NULL, 0);
			else
				para_codepoints(&p, (const char *)s, len);
			if (!p.n || (pass && p.len != len))
				continue; /* sanitizing changed the text: full[] is not its answer */
			para_uax14(&p, part);
			for (size_t i = 0; i < p.n; i++)
				assert_int_equal(part[p.u[i].off], full[p.u[i].off]);
		}
	}
	para_free(&p);
}

/* para_sanitize marks a unit U_IDID when it and the unit before are each one ideograph,
 * and gives it para_breaks' answer ahead of time (a break allowed, kinsoku kept);
 * para_breaks then only steps over it. On random text of ideographs, unit words after
 * numbers (T3), punctuation, marks and controls, the breaks and flags must equal those
 * para_breaks computes itself when the marks are taken off, at both kinsoku levels and
 * with cjk-latin-space; and the marks must be there (the fast path is exercised). */
static void test_idid_fast_path(void **state)
{
	(void)state;
	static const char *const bits[] = {
		"中", "国", "经", "济", "一", "鿿", "㐀", "䷀", "々", "〇", "万元", "亿美元", "个百分点",
		"12", "３", "．", "，", "。", "“", "”", "——", "……", "%", " ", "a", "\u200b", "\u2060",
		"\u00ad", "\u0301", "\n", "👍🏻", "あ", "가",
	};
	struct para p = {0};
	struct unit *plain = NULL;
	size_t cap = 0, marked = 0;
	struct buf b;
	buf_init(&b);
	for (int it = 0; it < 4000; it++) {
		b.len = 0;
		int k = 1 + (int)rnd(60);
		for (int j = 0; j < k; j++)
			buf_adds(&b, bits[rnd(ARRAY_LEN(bits))]);
		int strict = (int)rnd(2), gap = (int)rnd(2);
		para_sanitize(&p, b.s, b.len, NULL, 0);
		if (p.n > cap) {
			cap = p.n;
			plain = xrealloc(plain, cap * sizeof *plain);
		}
		for (size_t i = 0; i < p.n; i++) { /* as the general path would leave them */
			plain[i] = p.u[i];
			if (plain[i].flags & U_IDID) {
				plain[i].flags &= (uint8_t)~(U_IDID | U_KOK);
				plain[i].brk = BRK_NO;
				marked++;
			}
		}
		struct unit *fast = p.u;
		p.u = plain;
		para_breaks(&p, strict, gap);
		p.u = fast;
		para_breaks(&p, strict, gap);
		for (size_t i = 0; i < p.n; i++) {
			assert_int_equal(p.u[i].brk, plain[i].brk);
			assert_int_equal(p.u[i].flags & ~U_IDID, plain[i].flags);
		}
	}
	assert_true(marked > 1000);
	free(plain);
	buf_free(&b);
	para_free(&p);
}

/* para_uax14 answers ideograph, x, ideograph from a small table per x (han_x_han): for
 * every BMP code point x, "一一x一一" gets libunistring's whole-text answer at every
 * unit start, asked twice (the second from the table); going through all of them
 * replaces entries on collisions. */
static void test_han_x_han_every_bmp(void **state)
{
	(void)state;
	struct para p = {0};
	for (uint32_t x = 1; x < 0x10000; x++) {
		if (x >= 0xD800 && x <= 0xDFFF)
			continue;
		uint8_t s[16];
		char full[16], part[16];
		size_t len = 0;
		len += (size_t)u8_uctomb(s + len, 0x4E00, 4);
		len += (size_t)u8_uctomb(s + len, 0x4E00, 4);
		len += (size_t)u8_uctomb(s + len, x, 4);
		len += (size_t)u8_uctomb(s + len, 0x4E00, 4);
		len += (size_t)u8_uctomb(s + len, 0x4E00, 4);
		u8_possible_linebreaks(s, len, "UTF-8", full);
		para_codepoints(&p, (const char *)s, len);
		assert_int_equal(p.n, 5);
		for (int round = 0; round < 2; round++) {
			memset(part, 0x7F, sizeof part);
			para_uax14(&p, part);
			for (size_t i = 0; i < p.n; i++)
				if (part[p.u[i].off] != full[p.u[i].off])
					fail_msg("U+%04X round %d unit %zu: %d, libunistring %d", (unsigned)x, round,
						 i, part[p.u[i].off], full[p.u[i].off]);
		}
	}
	para_free(&p);
}

/* The answers for short stretches are remembered with every ASCII digit taken as '0':
 * numbers of a few shapes with random digits, between ideographs and punctuation, get
 * libunistring's whole-text answer at every unit start. */
static void test_uax14_numbers(void **state)
{
	(void)state;
	static const char *const shape[] = {
		"D", "DD", "DDDD年", "D.D", "DD.DD%", "D,DDD", "+D.DD%", "-D", "$D", "D D", "(D)",
		"D-D", "D/D", "D.D.D", "Da", "aD", "D\u00A0D", "D:DD", "DD\u2013DD", "\u201CD\u201D",
		"[DDD]", "D%", "\uFF08D\uFF09", "D\u3002", "D\uFF0C", "D\u2014\u2014",
	};
	static const char *const side[] = {"一", "中。", "，", "“", "”", "一一"};
	struct para p = {0};
	char full[128], part[128];
	for (int it = 0; it < 20000; it++) {
		char s[128];
		size_t len = 0;
		const char *a = side[rnd(ARRAY_LEN(side))], *b = side[rnd(ARRAY_LEN(side))];
		memcpy(s, a, strlen(a));
		len += strlen(a);
		for (const char *q = shape[rnd(ARRAY_LEN(shape))]; *q; q++)
			s[len++] = *q == 'D' ? (char)('0' + rnd(10)) : *q;
		memcpy(s + len, b, strlen(b));
		len += strlen(b);
		u8_possible_linebreaks((const uint8_t *)s, len, "UTF-8", full);
		para_codepoints(&p, s, len);
		para_uax14(&p, part);
		for (size_t i = 0; i < p.n; i++)
			if (part[p.u[i].off] != full[p.u[i].off])
				fail_msg("%.*s unit %zu: %d, libunistring %d", (int)len, s, i, part[p.u[i].off],
					 full[p.u[i].off]);
	}
	para_free(&p);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property),
		cmocka_unit_test(test_fuzz_bytes),
		cmocka_unit_test(test_linebreaktest),
		cmocka_unit_test(test_uax14_stretches),
		cmocka_unit_test(test_idid_fast_path),
		cmocka_unit_test(test_han_x_han_every_bmp),
		cmocka_unit_test(test_uax14_numbers),
	};
	return cmocka_run_group_tests_name("linebreak", tests, NULL, NULL);
}
