/* Property tests for html_to_doc (and html_to_text, url_resolve) on hostile HTML:
 * mutated pages from tests/fixtures, random markup soup, deep nesting, huge attributes,
 * unterminated comments and CDATA, entity floods, invalid UTF-8, very long lines.
 * Every document must hold clean UTF-8 text, sane runs and non-NULL links, and must lay
 * out within the width at every width from 1 to 120. */
#include "fuzzutil.h"

#include "newsread/decode.h"
#include "newsread/html.h"

/* Parse in (optionally decoded first), check the document, lay it out. */
static void parse_check(const char *in, size_t n, int decode, int all_widths)
{
	char *dec = NULL;
	size_t dl = n;
	if (decode)
		dec = decode_document(in, n, NULL, &dl, NULL);
	const char *h = dec ? dec : in;
	static const char *const bases[] = {NULL, "https://news.example.cn/a/b/c.html", "not a url", ""};
	static const char *const langs[] = {NULL, "zh", "en"};
	struct doc d;
	doc_init(&d);
	html_to_doc(h, dl, bases[fz_below(ARRAY_LEN(bases))], langs[fz_below(ARRAY_LEN(langs))], &d);
	fz_check_doc(&d, in, n);
	fz_check_layout(&d, all_widths, in, n);
	doc_free(&d);
	char *t = html_to_text(h, dl);
	assert_non_null(t);
	FZ_TEXT(t, strlen(t), 1, 0, in, n, "html_to_text");
	free(t);
	free(dec);
}

static void test_mutated_pages(void **state)
{
	(void)state;
	fz_seed(1001, "html pages");
	struct fz_files fs = {0};
	fz_load_dir(&fs, FIXTURES "/pages", ".html");
	fz_load_dir(&fs, FIXTURES "/layout", ".html");
	fz_load_dir(&fs, FIXTURES "/render", ".html");
	fz_load_dir(&fs, FIXTURES "/sources", ".html");
	assert_true(fs.n >= 10);
	struct buf b;
	buf_init(&b);
	double t0 = fz_cpu();
	for (size_t i = 0; i < fs.n; i++) {
		const struct fz_file *f = &fs.v[i];
		parse_check(f->data, f->len, 1, i % 4 == 0);
		for (size_t it = 0, n = fz_iters(25); it < n; it++) {
			const struct fz_file *g = &fs.v[fz_below(fs.n)];
			fz_mutate(&b, f->data, f->len, g->data, g->len);
			parse_check(b.s, b.len, it % 2, it == 0);
		}
	}
	printf("# %zu pages mutated in %.2f s\n", fs.n, fz_cpu() - t0);
	buf_free(&b);
	fz_files_free(&fs);
}

/* Truncation at every byte of a small page: no half tag or half character leaks out. */
static void test_truncations(void **state)
{
	(void)state;
	fz_seed(1002, "html truncations");
	struct fz_files fs = {0};
	fz_load_dir(&fs, FIXTURES "/sources", "page.html");
	fz_load_dir(&fs, FIXTURES "/render", "gb2312_gbk.html");
	assert_true(fs.n >= 2);
	for (size_t i = 0; i < fs.n; i++)
		for (size_t k = 0; k <= fs.v[i].len; k++)
			parse_check(fs.v[i].data, k, k % 2, 0);
	fz_files_free(&fs);
}

static void test_random_soup(void **state)
{
	(void)state;
	fz_seed(1003, "html soup");
	struct buf b;
	buf_init(&b);
	for (size_t it = 0, n = fz_iters(1500); it < n; it++) {
		fz_random(&b, fz_below(it % 100 == 0 ? 20000 : 1500));
		parse_check(b.s, b.len, it % 3 == 0, it % 150 == 0);
	}
	buf_free(&b);
}

/* A document made of prefix + n * open + text + n * close + suffix. */
static void nest(struct buf *b, const char *open, const char *close, size_t n, const char *text)
{
	b->len = 0;
	buf_add(b, "", 0);
	buf_adds(b, "<html><body>");
	for (size_t i = 0; i < n; i++)
		buf_adds(b, open);
	buf_adds(b, text);
	for (size_t i = 0; close && i < n; i++)
		buf_adds(b, close);
	buf_adds(b, "<p>after the nest 结尾段落。</p></body></html>");
}

static void test_deep_nesting(void **state)
{
	(void)state;
	static const struct {
		const char *open, *close;
	} nests[] = {
		{"<div>", "</div>"}, {"<blockquote>", "</blockquote>"}, {"<ol><li>", "</li></ol>"},
		{"<ul><li>", NULL}, {"<table><tr><td>", "</td></tr></table>"}, {"<b><i>", "</i></b>"},
		{"<a href=\"x\">", "</a>"}, {"<pre>", "</pre>"}, {"<blockquote><ul><li><p>", NULL},
		{"<h1><h2>", NULL}, {"<ruby>中<rt>", "</rt></ruby>"}, {"<td>", NULL},
	};
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < ARRAY_LEN(nests); i++) {
		double t0 = fz_cpu();
		nest(&b, nests[i].open, nests[i].close, 100000, "深处的文字 deep text，标点。");
		struct doc d;
		doc_init(&d);
		html_to_doc(b.s, b.len, "https://e.example/", "zh", &d);
		fz_check_doc(&d, nests[i].open, strlen(nests[i].open));
		/* the text after the nest is not lost */
		int found = 0;
		for (size_t k = 0; k < d.n && !found; k++)
			found = d.blocks[k].text && strstr(d.blocks[k].text, "结尾段落");
		if (!found)
			print_error("text after 100000 x %s lost\n", nests[i].open);
		assert_true(found);
		fz_check_layout_at(&d, 1, 0, nests[i].open, strlen(nests[i].open));
		fz_check_layout_at(&d, 7, 1, nests[i].open, strlen(nests[i].open));
		fz_check_layout_at(&d, 80, 0, nests[i].open, strlen(nests[i].open));
		doc_free(&d);
		double dt = fz_cpu() - t0;
		printf("# 100000 x %s: %.2f s\n", nests[i].open, dt);
		assert_true(dt < 10);
	}
	buf_free(&b);
}

/* Huge and pathological pieces: attributes, entities, comments, CDATA, long lines. */
static void test_huge_pieces(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	for (int kind = 0; kind < 10; kind++) {
		b.len = 0;
		buf_add(&b, "", 0);
		buf_adds(&b, "<p>开头 start</p>");
		switch (kind) {
		case 0: /* a 1 MB href and a 1 MB alt */
			buf_adds(&b, "<a href=\"https://e.example/");
			for (int i = 0; i < 1 << 20; i++)
				buf_addc(&b, "ab/%?=&中"[i % 8]);
			buf_adds(&b, "\">link</a><img src=x alt=\"");
			for (int i = 0; i < 1 << 18; i++)
				buf_adds(&b, "图");
			buf_adds(&b, "\">");
			break;
		case 1: /* an entity flood */
			for (int i = 0; i < 200000; i++)
				buf_adds(&b, i % 3 ? "&amp;&nbsp;" : "&#x4E2D;&#0;&#xD800;&#1;&#x9F;");
			break;
		case 2: /* unterminated comment */
			buf_adds(&b, "<!-- ");
			for (int i = 0; i < 100000; i++)
				buf_adds(&b, "<p>hidden</p>");
			break;
		case 3: /* unterminated CDATA and script */
			buf_adds(&b, "<![CDATA[");
			for (int i = 0; i < 100000; i++)
				buf_adds(&b, "x]]");
			buf_adds(&b, "<script>");
			for (int i = 0; i < 100000; i++)
				buf_adds(&b, "</scr");
			break;
		case 4: /* one 2 MB line of Latin without spaces */
			for (int i = 0; i < 2 << 20; i++)
				buf_addc(&b, (char)('a' + i % 26));
			break;
		case 5: /* one 1 MB line of CJK with punctuation runs */
			for (int i = 0; i < 100000; i++)
				buf_adds(&b, i % 7 ? "中文" : "，。」」」」（（（（");
			break;
		case 6: /* controls, NULs, C1, bidi everywhere */
			for (int i = 0; i < 100000; i++) {
				buf_adds(&b, "a\x01\x1b[1m\xc2\x85\xc2\x9b\xe2\x80\xae\x7f\t\r");
				buf_add(&b, "\0", 1);
			}
			break;
		case 7: /* a table of 2000 x 100 cells with giant colspans */
			buf_adds(&b, "<table>");
			for (int r = 0; r < 2000; r++) {
				buf_adds(&b, "<tr>");
				for (int c = 0; c < 100; c++)
					buf_adds(&b, c % 17 ? "<td>格</td>" : "<td colspan=2147483647>宽</td>");
				buf_adds(&b, "</tr>");
			}
			buf_adds(&b, "</table>");
			break;
		case 8: /* many links and images (50000 takes 45 s under ASan: appends grow by copying) */
			for (int i = 0; i < 10000; i++)
				buf_printf(&b, "<a href=\"/a%d\">l</a><img data-src=\"i%d.png\" srcset=\" , ,x\">", i, i);
			break;
		default: /* pre with tabs, CR and long lines */
			buf_adds(&b, "<pre>");
			for (int i = 0; i < 20000; i++)
				buf_adds(&b, "\tcol\tcol\r\n中文\t\x01\x7f");
			buf_adds(&b, "</pre>");
			break;
		}
		buf_adds(&b, "<p>结尾 end</p>");
		double t0 = fz_cpu();
		struct doc d;
		doc_init(&d);
		html_to_doc(b.s, b.len, "https://e.example/x/", NULL, &d);
		char what[32];
		snprintf(what, sizeof what, "huge piece %d", kind);
		fz_check_doc(&d, what, strlen(what));
		fz_check_layout_at(&d, 1, 1, what, strlen(what));
		fz_check_layout_at(&d, 33, 0, what, strlen(what));
		double dt = fz_cpu() - t0;
		printf("# %s (%zu bytes): %zu blocks, %zu links, %.2f s\n", what, b.len, d.n, d.nlinks, dt);
		assert_true(dt < 10);
		doc_free(&d);
	}
	buf_free(&b);
}

/* url_resolve on random bases and references: a string, clean of controls. */
static void test_url_resolve(void **state)
{
	(void)state;
	fz_seed(1004, "url_resolve");
	static const char *const parts[] = {"http://", "https://", "//", "/", "../", "./", "..", "?", "#", "a",
					    "中文", "%", "%zz", "%00", " ", "\t", "\n", "\x01", "\xff", ":",
					    "@", "[::1]", "javascript:", "data:", "mailto:", "example.com"};
	for (size_t it = 0, n = fz_iters(20000); it < n; it++) {
		struct buf a, r;
		buf_init(&a);
		buf_init(&r);
		buf_add(&a, "", 0);
		buf_add(&r, "", 0);
		for (size_t k = fz_below(6); k; k--)
			buf_adds(&a, parts[fz_below(ARRAY_LEN(parts))]);
		for (size_t k = fz_below(6); k; k--)
			buf_adds(&r, parts[fz_below(ARRAY_LEN(parts))]);
		char *u = url_resolve(it % 5 ? a.s : NULL, r.s);
		if (u)
			assert_true(strlen(u) < a.len + r.len + 4096);
		free(u);
		buf_free(&a);
		buf_free(&r);
	}
}

/* Regression: bytes that are not UTF-8 (a cut character, 0xFF, NUL) became block text
 * as they were; now each becomes U+FFFD and the text around stays. */
static void test_invalid_utf8_repaired(void **state)
{
	(void)state;
	static const char in[] = "<p>新闻\xe9\xa6</p><p>\xff中\x00文 <a href=\"/\xc0x\">链\xe6接</a></p>";
	struct doc d;
	doc_init(&d);
	html_to_doc(in, sizeof in - 1, "https://e.example/", "zh", &d);
	fz_check_doc(&d, in, sizeof in - 1);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.blocks[0].text, "新闻\xEF\xBF\xBD");
	assert_non_null(strstr(d.blocks[1].text, "\xEF\xBF\xBD中\xEF\xBF\xBD文"));
	assert_int_equal(d.nlinks, 1);
	doc_free(&d);
	char *t = html_to_text("标题\xe9\xa6", 8);
	assert_string_equal(t, "标题\xEF\xBF\xBD");
	free(t);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutated_pages),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_random_soup),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_pieces),
		cmocka_unit_test(test_url_resolve),
		cmocka_unit_test(test_invalid_utf8_repaired),
	};
	return cmocka_run_group_tests_name("fuzz_html", tests, NULL, NULL);
}
