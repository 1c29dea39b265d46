/* Property tests for decode.c on hostile input: random bytes and mutated fixtures in
 * every charset decode to valid, NUL-free UTF-8 that keeps the input's ASCII tail;
 * valid UTF-8 comes out unchanged; conversions are total across the decoder's internal
 * chunk and guess boundaries; UTF-16 lone surrogates and GB18030 sequences cut in half
 * cost one U+FFFD, never the rest of the document. */
#include "fuzzutil.h"

#include <errno.h>
#include <iconv.h>

#include "newsread/decode.h"

#define TAIL "\nEND of document 42.\n"

static const char *const labels[] = {
	NULL, NULL, NULL, "gbk", "gb2312", "utf-8", "big5", "utf-16", "utf-16be", "shift_jis",
	"euc-kr", "iso-2022-jp", "windows-1252", "koi8-r", "x-bogus", "",
};

/* Charsets whose ASCII bytes always decode as themselves after a '\n'. */
static int ascii_safe(const char *cs)
{
	return strncmp(cs, "UTF-16", 6) != 0 && strcmp(cs, "ISO-2022-JP") != 0;
}

/* Decode in and check the universal properties; returns the output (caller frees). */
static char *check_decode(const char *in, size_t n, const char *label, size_t *outlen, const char **cs)
{
	const char *c = NULL;
	char *out = decode_document(in, n, label, outlen, &c);
	assert_non_null(out);
	assert_non_null(c);
	if (!utf8_valid(out, *outlen) || strlen(out) != *outlen) {
		print_error("label %s, charset %s\n", label ? label : "(none)", c);
		fz_report("decode output not valid NUL-free UTF-8", in, n);
	}
	assert_true(utf8_valid(out, *outlen));
	assert_int_equal(strlen(out), *outlen);
	if (cs)
		*cs = c;
	return out;
}

/* Decode in + TAIL: the tail must survive whenever the charset is ASCII-safe. */
static void check_tail(const char *in, size_t n, const char *label)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, in, n);
	buf_adds(&b, TAIL);
	size_t ol;
	const char *cs;
	char *out = check_decode(b.s, b.len, label, &ol, &cs);
	size_t tl = strlen(TAIL);
	if (ascii_safe(cs)) {
		int ok = ol >= tl && memcmp(out + ol - tl, TAIL, tl) == 0;
		if (!ok) {
			print_error("charset %s lost the tail: ...%s\n", cs, ol > 40 ? out + ol - 40 : out);
			fz_report("ASCII tail lost", b.s, b.len);
		}
		assert_true(ok);
	}
	free(out);
	buf_free(&b);
}

static void test_random_bytes(void **state)
{
	(void)state;
	fz_seed(20240301, "decode random");
	struct buf b;
	buf_init(&b);
	for (size_t it = 0, n = fz_iters(3000); it < n; it++) {
		fz_random(&b, fz_below(it % 50 == 0 ? 40000 : 600));
		check_tail(b.s, b.len, labels[fz_below(ARRAY_LEN(labels))]);
	}
	buf_free(&b);
}

static void test_mutated_fixtures(void **state)
{
	(void)state;
	fz_seed(77, "decode fixtures");
	struct fz_files fs = {0};
	fz_load_dir(&fs, FIXTURES "/render", "");
	fz_load_dir(&fs, FIXTURES "/feeds", "");
	fz_load_dir(&fs, FIXTURES "/sources", ".md|.html");
	assert_true(fs.n >= 10);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < fs.n; i++) {
		const struct fz_file *f = &fs.v[i];
		/* truncation at every byte of small files, with and without the tail */
		if (f->len <= 2500)
			for (size_t k = 0; k <= f->len; k++) {
				size_t ol;
				free(check_decode(f->data, k, NULL, &ol, NULL));
				check_tail(f->data, k, NULL);
			}
		for (size_t it = 0, n = fz_iters(150); it < n; it++) {
			const struct fz_file *g = &fs.v[fz_below(fs.n)];
			fz_mutate(&b, f->data, f->len, g->data, g->len);
			check_tail(b.s, b.len, labels[fz_below(ARRAY_LEN(labels))]);
		}
	}
	buf_free(&b);
	fz_files_free(&fs);
}

/* Random valid UTF-8 without NUL: code points from every plane, no surrogates. */
static void random_utf8(struct buf *b, size_t chars)
{
	for (size_t i = 0; i < chars; i++) {
		uint32_t c;
		switch (fz_below(5)) {
		case 0: c = 1 + (uint32_t)fz_below(0x7f); break;
		case 1: c = 0x80 + (uint32_t)fz_below(0x780); break;
		case 2: c = 0x4E00 + (uint32_t)fz_below(0x5200); break;
		case 3: c = 0x800 + (uint32_t)fz_below(0xF800); break;
		default: c = 0x10000 + (uint32_t)fz_below(0x100000); break;
		}
		if (c >= 0xD800 && c <= 0xDFFF)
			c = 0x3000;
		char u[4];
		size_t l;
		if (c < 0x80) u[0] = (char)c, l = 1;
		else if (c < 0x800) u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 63)), l = 2;
		else if (c < 0x10000)
			u[0] = (char)(0xE0 | c >> 12), u[1] = (char)(0x80 | ((c >> 6) & 63)), u[2] = (char)(0x80 | (c & 63)), l = 3;
		else
			u[0] = (char)(0xF0 | c >> 18), u[1] = (char)(0x80 | ((c >> 12) & 63)),
			u[2] = (char)(0x80 | ((c >> 6) & 63)), u[3] = (char)(0x80 | (c & 63)), l = 4;
		buf_add(b, u, l);
	}
}

static void test_valid_utf8_unchanged(void **state)
{
	(void)state;
	fz_seed(31337, "decode utf8 identity");
	struct buf b;
	buf_init(&b);
	for (size_t it = 0, n = fz_iters(2000); it < n; it++) {
		b.len = 0;
		buf_add(&b, "", 0);
		/* a stale legacy meta must not matter once the text holds real UTF-8 */
		if (it % 3 == 1)
			buf_adds(&b, "<meta charset=\"gb2312\">");
		random_utf8(&b, 2 + fz_below(it % 100 == 0 ? 30000 : 300));
		if ((unsigned char)b.s[0] == 0xEF)
			continue; /* a U+FEFF at the start is a BOM, dropped by design */
		size_t ol;
		const char *cs;
		char *out = check_decode(b.s, b.len, NULL, &ol, &cs);
		if (ol != b.len || memcmp(out, b.s, ol) != 0)
			fz_report("valid UTF-8 changed by decoding", b.s, b.len);
		assert_string_equal(cs, "UTF-8");
		assert_int_equal(ol, b.len);
		assert_memory_equal(out, b.s, ol);
		free(out);
	}
	buf_free(&b);
}

/* Encode UTF-8 text into charset cs with iconv (the test's own reference). */
static void encode(struct buf *out, const char *cs, const char *s, size_t n)
{
	iconv_t cd = iconv_open(cs, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)s;
	size_t inleft = n;
	while (inleft) {
		char chunk[4096], *o = chunk;
		size_t ol = sizeof chunk;
		size_t r = iconv(cd, &in, &inleft, &o, &ol);
		buf_add(out, chunk, sizeof chunk - ol);
		assert_true(r != (size_t)-1 || errno == E2BIG);
	}
	iconv_close(cd);
}

/* Chinese text with GBK-only and four-byte GB18030 characters, encodable in all the
 * charsets tried below except where noted. */
static const char *const pieces[] = {
	"中文", "新闻", "，", "。", "镕", "朱镕基", "𠀀", "𪚥", "①", "€", "ḿ", "😀", "ab", " ", "股市", "上涨",
	"3.25%", "「引号」", "——", "……", "\n",
};
static const char *const big5_pieces[] = {"中文", "新聞", "，", "。", "臺灣", "ab", " ", "股市", "\n"};

static void test_chunk_boundaries(void **state)
{
	(void)state;
	fz_seed(4242, "decode chunk boundaries");
	static const struct {
		const char *cs, *label;
		int big5;
	} sets[] = {
		{"GB18030", "gb2312", 0}, {"GB18030", NULL, 0}, {"UTF-16LE", "utf-16le", 0},
		{"UTF-16BE", "utf-16be", 0}, {"BIG5-HKSCS", "big5", 1}, {"BIG5-HKSCS", NULL, 1},
	};
	for (size_t s = 0; s < ARRAY_LEN(sets); s++) {
		for (int round = 0; round < 6; round++) {
			struct buf text, enc;
			buf_init(&text);
			buf_init(&enc);
			buf_add(&text, "", 0);
			buf_add(&enc, "", 0);
			/* ASCII padding shifts every character across the 16 KB chunk edges */
			for (int k = 0; k < round * 3; k++)
				buf_addc(&text, 'x');
			size_t target = (round < 3 ? 17000 : 300000) + fz_below(40000);
			while (text.len < target) {
				if (sets[s].big5)
					buf_adds(&text, big5_pieces[fz_below(ARRAY_LEN(big5_pieces))]);
				else
					buf_adds(&text, pieces[fz_below(ARRAY_LEN(pieces))]);
			}
			encode(&enc, sets[s].cs, text.s, text.len);
			size_t ol;
			const char *cs;
			const char *label = sets[s].label;
			if (!label && strncmp(sets[s].cs, "UTF-16", 6) == 0)
				continue;
			char *out = check_decode(enc.s, enc.len, label, &ol, &cs);
			if (ol != text.len || memcmp(out, text.s, ol) != 0) {
				size_t k = 0;
				while (k < ol && k < text.len && out[k] == text.s[k])
					k++;
				print_error("%s (%s): %zu bytes out, %zu expected, first difference at %zu\n", sets[s].cs,
					    label ? label : "guessed", ol, text.len, k);
			}
			assert_string_equal(cs, sets[s].cs);
			assert_int_equal(ol, text.len);
			assert_memory_equal(out, text.s, ol);
			free(out);
			buf_free(&text);
			buf_free(&enc);
		}
	}
}

/* Bytes of the UTF-8 text whose characters encode (in cs) wholly within the first k bytes. */
static size_t complete_prefix(const char *cs, const char *text, size_t k)
{
	size_t off = 0, i = 0, n = strlen(text);
	while (i < n) {
		size_t l = 1;
		while (i + l < n && ((unsigned char)text[i + l] & 0xC0) == 0x80)
			l++;
		struct buf e;
		buf_init(&e);
		encode(&e, cs, text + i, l);
		off += e.len;
		buf_free(&e);
		if (off > k)
			break;
		i += l;
	}
	return i;
}

/* Every cut inside a multi-byte character followed by ASCII costs U+FFFD for the cut
 * character only: the text before it and the ASCII after it survive. */
static void test_cut_sequences(void **state)
{
	(void)state;
	static const struct {
		const char *cs, *label, *text;
	} cases[] = {
		{"GB18030", "gb18030", "新闻𠀀𪚥😀镕"},
		{"GB18030", NULL, "新闻报道：国内股市今日上涨，𠀀和😀都是四字节字符"},
		{"BIG5-HKSCS", "big5", "新聞臺灣股市"},
		{"UTF-8", NULL, "新闻𠀀😀"},
		{"UTF-16LE", "utf-16le", "新闻𠀀😀"},
		{"UTF-16BE", "utf-16be", "新闻𠀀😀"},
	};
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		struct buf enc;
		buf_init(&enc);
		buf_add(&enc, "", 0);
		encode(&enc, cases[c].cs, cases[c].text, strlen(cases[c].text));
		int wide = strncmp(cases[c].cs, "UTF-16", 6) == 0;
		const char *tail = wide ? "" : "\n<p>tail text</p>\n";
		for (size_t k = 0; k <= enc.len; k++) {
			struct buf in;
			buf_init(&in);
			buf_add(&in, enc.s, k);
			if (wide) {
				struct buf t;
				buf_init(&t);
				buf_add(&t, "", 0);
				if (k % 2)
					buf_addc(&in, 0);      /* complete the odd byte: a broken unit */
				encode(&t, cases[c].cs, "\n<p>tail text</p>\n", 18);
				buf_add(&in, t.s, t.len);
				buf_free(&t);
			} else
				buf_adds(&in, tail);
			size_t ol;
			const char *cs;
			char *out = check_decode(in.s, in.len, cases[c].label, &ol, &cs);
			const char *want = "\n<p>tail text</p>\n";
			int ok = ol >= 18 && memcmp(out + ol - 18, want, 18) == 0;
			if (!ok) {
				print_error("%s cut at %zu of %zu: got '%s'\n", cases[c].cs, k, enc.len, out);
				fz_report("tail lost after a cut sequence", in.s, in.len);
			}
			assert_true(ok);
			/* nothing before the cut is lost: every character encoded wholly before
			 * byte k comes out, in order, at the start */
			if (strcmp(cs, cases[c].cs) == 0) {
				size_t done = complete_prefix(cases[c].cs, cases[c].text, k);
				if (ol < done || memcmp(out, cases[c].text, done) != 0)
					print_error("%s cut at %zu: want prefix of %zu bytes, got '%s'\n", cs, k, done, out);
				assert_true(ol >= done && memcmp(out, cases[c].text, done) == 0);
			}
			free(out);
			buf_free(&in);
		}
		buf_free(&enc);
	}
}

/* UTF-16 with lone surrogates and odd lengths: one U+FFFD each, the rest intact. */
static void test_utf16_surrogates(void **state)
{
	(void)state;
	static const uint16_t bad[][3] = {{1, 0xD800}, {1, 0xDC00}, {1, 0xDBFF}, {2, 0xD800, 0xD800}, {2, 0xDC00, 0xD800}};
	for (int be = 0; be < 2; be++)
		for (size_t i = 0; i < ARRAY_LEN(bad); i++)
			for (int bom = 0; bom < 2; bom++) {
				struct buf in, t;
				buf_init(&in);
				buf_init(&t);
				buf_add(&in, "", 0);
				buf_add(&t, "", 0);
				const char *cs = be ? "UTF-16BE" : "UTF-16LE";
				if (bom)
					buf_add(&in, be ? "\xFE\xFF" : "\xFF\xFE", 2);
				encode(&in, cs, "新闻 head ", strlen("新闻 head "));
				for (uint16_t k = 1; k <= bad[i][0]; k++) {
					char unit[2] = {(char)(be ? bad[i][k] >> 8 : bad[i][k] & 0xFF),
							(char)(be ? bad[i][k] & 0xFF : bad[i][k] >> 8)};
					buf_add(&in, unit, 2);
				}
				encode(&t, cs, " tail 中文 END", strlen(" tail 中文 END"));
				buf_add(&in, t.s, t.len);
				size_t ol;
				const char *got;
				char *out = check_decode(in.s, in.len, bom ? NULL : (be ? "utf-16be" : "utf-16le"), &ol, &got);
				int ok = strstr(out, "新闻 head ") == out && ol >= strlen(" tail 中文 END") &&
					 strcmp(out + ol - strlen(" tail 中文 END"), " tail 中文 END") == 0 &&
					 strstr(out, "\xEF\xBF\xBD");
				if (!ok) {
					print_error("%s bom=%d case %zu: got '%s'\n", cs, bom, i, out);
					fz_report("UTF-16 surrogate lost the rest", in.s, in.len);
				}
				assert_true(ok);
				free(out);
				buf_free(&in);
				buf_free(&t);
			}
}

/* decode_fix_entities: every '&' it leaves starts a reference XML knows. */
static void test_fix_entities_props(void **state)
{
	(void)state;
	fz_seed(99, "fix entities");
	/* regression: a decimal reference holds digits only, "&#a;" is text */
	size_t fl;
	char *fixed = decode_fix_entities("&#a; &#12; &#x1F;", 17, &fl);
	assert_string_equal(fixed, "&amp;#a; &#12; &#x1F;");
	free(fixed);
	static const char *const alpha[] = {"&", "#", "x", ";", "a", "m", "p", "nbsp", "eacute", "lt", "quot",
					    "1", "9", "F", "中", " ", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"};
	struct buf b;
	buf_init(&b);
	for (size_t it = 0, n = fz_iters(20000); it < n; it++) {
		b.len = 0;
		buf_add(&b, "", 0);
		for (size_t k = 0, m = fz_below(40); k < m; k++)
			buf_adds(&b, alpha[fz_below(ARRAY_LEN(alpha))]);
		size_t ol;
		char *out = decode_fix_entities(b.s, b.len, &ol);
		assert_int_equal(strlen(out), ol);
		assert_true(utf8_valid(out, ol));
		for (const char *p = out; (p = strchr(p, '&')); p++) {
			int ok = has_prefix(p, "&amp;") || has_prefix(p, "&lt;") || has_prefix(p, "&gt;") ||
				 has_prefix(p, "&quot;") || has_prefix(p, "&apos;");
			if (!ok && p[1] == '#') {
				const char *q = p + 2;
				int hex = *q == 'x' || *q == 'X';
				q += hex;
				const char *d = q;
				while (hex ? strchr("0123456789abcdefABCDEF", *q) && *q : (*q >= '0' && *q <= '9'))
					q++;
				ok = q > d && *q == ';';
			}
			if (!ok)
				print_error("in '%s'\nout '%s'\n", b.s, out);
			assert_true(ok);
		}
		free(out);
	}
	buf_free(&b);
}

/* Labels and Content-Type parsing on random strings: bounded, terminated output. */
static void test_labels_random(void **state)
{
	(void)state;
	fz_seed(5, "labels");
	struct buf b;
	buf_init(&b);
	for (size_t it = 0, n = fz_iters(20000); it < n; it++) {
		fz_random(&b, fz_below(120));
		char *s = xstrndup(b.s, b.len); /* cut at the first NUL */
		const char *l = decode_label(s);
		assert_true(!l || strlen(l) < 20);
		char out[16];
		memset(out, 'Z', sizeof out);
		if (decode_content_type_charset(s, out, sizeof out))
			assert_true(memchr(out, '\0', sizeof out) != NULL && out[0]);
		char *ct = xasprintf("text/html; charset=%s", s);
		char big[64];
		if (decode_content_type_charset(ct, big, sizeof big))
			assert_true(strlen(big) < sizeof big);
		free(ct);
		free(s);
	}
	buf_free(&b);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_mutated_fixtures),
		cmocka_unit_test(test_valid_utf8_unchanged),
		cmocka_unit_test(test_chunk_boundaries),
		cmocka_unit_test(test_cut_sequences),
		cmocka_unit_test(test_utf16_surrogates),
		cmocka_unit_test(test_fix_entities_props),
		cmocka_unit_test(test_labels_random),
	};
	return cmocka_run_group_tests_name("fuzz_decode", tests, NULL, NULL);
}
