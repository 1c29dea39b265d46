/* Property tests for feed_parse and source_parse on hostile feeds: mutated RSS, RDF,
 * Atom and JSON fixtures, random bytes, truncations, entity bombs, deep nesting, item
 * floods. Every article has a clean title and fields, a sane date or none, a valid
 * UTF-8 body that lays out within the width; counts stay bounded; nothing crashes or
 * takes long. */
#include "fuzzutil.h"

#include "newsread/decode.h"
#include "newsread/feed.h"
#include "newsread/source.h"

/* Parse in as a feed (directly after decoding, or through source_parse) and check. */
static void parse_check(const char *in, size_t n, int via_source, int bodies)
{
	struct articles l = {0};
	struct nr_error err = {{0}};
	int rc;
	if (via_source) {
		static const char *const types[] = {NULL, "application/rss+xml", "application/atom+xml",
						    "application/feed+json", "text/html; charset=gbk", "text/xml"};
		rc = source_parse(in, n, types[fz_below(ARRAY_LEN(types))], "fuzz", "https://f.example/feed/", NULL,
				  &l, &err);
	} else {
		size_t dl;
		char *dec = decode_document(in, n, NULL, &dl, NULL);
		struct feed_info fi = {0};
		rc = feed_parse_info(dec, dl, "fuzz", fz_below(2) ? "https://f.example/feed/" : NULL, &l, &fi, &err);
		if (fi.title)
			FZ_TEXT(fi.title, strlen(fi.title), 0, 0, in, n, "feed title");
		if (fi.author)
			FZ_TEXT(fi.author, strlen(fi.author), 0, 0, in, n, "feed author");
		if (fi.link)
			FZ_TEXT(fi.link, strlen(fi.link), 0, 0, in, n, "feed link");
		feed_info_free(&fi);
		free(dec);
	}
	assert_true(rc == 0 || rc == -1);
	if (rc)
		FZ_TEXT(err.msg, strlen(err.msg), 0, 0, in, n, "error message");
	/* an item takes at least a few bytes of input */
	assert_true(l.n <= FEED_MAX_ITEMS && l.n <= n / 4 + 1);
	for (size_t i = 0; i < l.n; i++)
		fz_check_article(l.v[i], bodies && i < 3, in, n);
	articles_free(&l);
}

static void test_mutated_feeds(void **state)
{
	(void)state;
	fz_seed(2001, "feeds");
	struct fz_files fs = {0};
	fz_load_dir(&fs, FIXTURES "/feeds", "");
	fz_load_dir(&fs, FIXTURES "/fetch", ".xml");
	fz_load_dir(&fs, FIXTURES "/render", ".xml");
	assert_true(fs.n >= 10);
	struct buf b;
	buf_init(&b);
	double t0 = fz_cpu();
	for (size_t i = 0; i < fs.n; i++) {
		parse_check(fs.v[i].data, fs.v[i].len, 0, 1);
		parse_check(fs.v[i].data, fs.v[i].len, 1, 1);
		for (size_t it = 0, n = fz_iters(300); it < n; it++) {
			const struct fz_file *g = &fs.v[fz_below(fs.n)];
			fz_mutate(&b, fs.v[i].data, fs.v[i].len, g->data, g->len);
			parse_check(b.s, b.len, it % 2, it % 8 == 0);
		}
	}
	printf("# %zu feeds mutated in %.2f s\n", fs.n, fz_cpu() - t0);
	buf_free(&b);
	fz_files_free(&fs);
}

/* Truncation at every byte of every small feed. */
static void test_truncations(void **state)
{
	(void)state;
	fz_seed(2002, "feed truncations");
	struct fz_files fs = {0};
	fz_load_dir(&fs, FIXTURES "/feeds", "");
	for (size_t i = 0; i < fs.n; i++)
		for (size_t k = 0; k <= fs.v[i].len; k += 1 + (fs.v[i].len > 1000))
			parse_check(fs.v[i].data, k, k % 3 == 0, 0);
	fz_files_free(&fs);
}

static void test_random(void **state)
{
	(void)state;
	fz_seed(2003, "feed random");
	struct buf b;
	buf_init(&b);
	static const char *const heads[] = {
		"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"html\">",
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><item><title>",
		"{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"title\":\"",
		"",
	};
	for (size_t it = 0, n = fz_iters(1500); it < n; it++) {
		struct buf r;
		buf_init(&r);
		fz_random(&r, fz_below(800));
		b.len = 0;
		buf_add(&b, "", 0);
		buf_adds(&b, heads[it % ARRAY_LEN(heads)]);
		buf_add(&b, r.s, r.len);
		buf_free(&r);
		parse_check(b.s, b.len, it % 2, it % 10 == 0);
	}
	buf_free(&b);
}

/* Hand-made hostile feeds: each must parse (or fail cleanly) fast with bounded output. */
static void test_hostile(void **state)
{
	(void)state;
	fz_seed(2004, "feed hostile");
	struct buf b;
	buf_init(&b);
	for (int kind = 0; kind < 9; kind++) {
		b.len = 0;
		buf_add(&b, "", 0);
		switch (kind) {
		case 0: /* 120000 items: the count is capped */
			buf_adds(&b, "<rss version=\"2.0\"><channel><title>多</title>");
			for (int i = 0; i < 120000; i++)
				buf_printf(&b, "<item><title>条%d</title><guid>g%d</guid></item>", i, i);
			buf_adds(&b, "</channel></rss>");
			break;
		case 1: /* deep XHTML content */
			buf_adds(&b, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>深</title>"
				     "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">");
			for (int i = 0; i < 100000; i++)
				buf_adds(&b, "<div><blockquote>");
			buf_adds(&b, "深处</div></content></entry></feed>");
			break;
		case 2: /* parameter-entity and nested-entity bombs, external entities */
			buf_adds(&b, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p \"<!ENTITY x 'xx'>\"> %p;"
				     "<!ENTITY a \"&#38;a;\"><!ENTITY e SYSTEM \"/etc/passwd\">");
			for (int i = 1; i < 30; i++)
				buf_printf(&b, "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;\">", i, i - 1, i - 1, i - 1, i - 1);
			buf_adds(&b, "<!ENTITY l0 \"lol\">]><rss version=\"2.0\"><channel><item><title>&l29;&a;&e;</title>"
				     "<description>&l29;&l29;</description></item></channel></rss>");
			break;
		case 3: /* a JSON feed nested 100000 deep */
			buf_adds(&b, "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"title\":\"t\",\"x\":");
			for (int i = 0; i < 100000; i++)
				buf_adds(&b, "[{\"a\":");
			break;
		case 4: /* JSON escapes: NUL, lone surrogates, controls in titles */
			buf_adds(&b, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"a\\u0000b\\u001b[31m\","
				     "\"items\":[");
			for (int i = 0; i < 200; i++)
				buf_printf(&b, "%s{\"id\":\"%d\\ud800\",\"title\":\"\\udc00\\u0007标题\\u0085\\u202e%d\\t\\n\","
					       "\"url\":\"\\u0000http://x/%d\",\"date_published\":\"%s\","
					       "\"tags\":[\"\\u0000\",\"\",null,7,{\"a\":1}],\"authors\":[{\"name\":\"\\u0001\"}],"
					       "\"content_html\":\"<p>\\u0000x\\ud83d</p>\"}",
					   i ? "," : "", i, i, i,
					   i % 3 ? "99999-01-01T00:00:00Z" : "-0001-13-45T25:61:61+99:99");
			buf_adds(&b, "]}");
			break;
		case 5: /* insane dates everywhere */
			buf_adds(&b, "<rss version=\"2.0\"><channel>");
			static const char *const dates[] = {
				"Mon, 32 Foo 99999 25:61:61 +9999", "9999999999999999999", "-2147483648",
				"2021-02-30T24:00:00Z", "0000-00-00 00:00:00", "1e308", "2021年13月45日 99:99",
				"Sat, 31 Dec 9999 23:59:60 -2359", "Thu, 01 Jan 1970 00:00:00 +2400", "",
				"2038-01-19T03:14:08Z", "10000-01-01", "1899-12-31T23:59:59Z", "公元前221年",
			};
			for (size_t i = 0; i < ARRAY_LEN(dates); i++)
				buf_printf(&b, "<item><title>d%zu</title><pubDate>%s</pubDate><dc:date>%s</dc:date></item>", i,
					   dates[i], dates[i]);
			buf_adds(&b, "</channel></rss>");
			break;
		case 6: /* a 4 MB title on one line with controls */
			buf_adds(&b, "<rss version=\"2.0\"><channel><item><title><![CDATA[");
			for (int i = 0; i < 1 << 19; i++)
				buf_adds(&b, i % 5 ? "中文标题" : "\x01\x1b\x7f\xc2\x85\t\n");
			buf_adds(&b, "]]></title><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>");
			break;
		case 7: /* unterminated CDATA and comment */
			buf_adds(&b, "<rss version=\"2.0\"><channel><item><title>a</title><description><![CDATA[");
			for (int i = 0; i < 100000; i++)
				buf_adds(&b, "<p>]]</p><!--");
			break;
		default: /* many categories (20000 take 1.8 s, 12 s under ASan: the dedup is quadratic) */
			buf_adds(&b, "<rss version=\"2.0\"><channel><item><title>c</title>");
			for (int i = 0; i < 5000; i++)
				buf_printf(&b, "<category>%s/分类%d/\x01/</category>", i % 100 ? "科技" : "", i);
			buf_adds(&b, "</item></channel></rss>");
			break;
		}
		double t0 = fz_cpu();
		struct articles l = {0};
		struct nr_error err = {{0}};
		char what[32];
		snprintf(what, sizeof what, "hostile feed %d", kind);
		int rc = source_parse(b.s, b.len, NULL, "hostile", "https://h.example/", NULL, &l, &err);
		double dt = fz_cpu() - t0;
		printf("# %s (%zu bytes): rc %d, %zu articles, %.2f s%s%s\n", what, b.len, rc, l.n, dt, rc ? ": " : "",
		       rc ? err.msg : "");
		assert_true(l.n <= FEED_MAX_ITEMS);
		if (kind == 0)
			assert_int_equal(l.n, FEED_MAX_ITEMS);
		for (size_t i = 0; i < l.n; i++)
			fz_check_article(l.v[i], i < 2, what, strlen(what));
		if (kind == 2)
			for (size_t i = 0; i < l.n; i++) { /* no entity expansion blow-up, no file read */
				assert_true(strlen(l.v[i]->title) < 100000);
				assert_null(strstr(l.v[i]->title, "root:"));
				assert_true(!l.v[i]->html || strlen(l.v[i]->html) < 1000000);
			}
		assert_true(dt < 10);
		articles_free(&l);
	}
	buf_free(&b);
}

/* Regression: with no document URL, a link kept the newlines and controls inside it. */
static void test_link_without_base(void **state)
{
	(void)state;
	static const char rss[] = "<rss version=\"2.0\"><channel><item><title>t</title>"
				  "<link> http://a.example/x\n/y\t&#1;z </link></item></channel></rss>";
	static const char json[] = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":"
				   "[{\"title\":\"t\",\"url\":\"http://a.example/x\\n/y\\u0001z\"}]}";
	const char *const in[] = {rss, json};
	for (int i = 0; i < 2; i++) {
		struct articles l = {0};
		struct nr_error err;
		assert_int_equal(feed_parse(in[i], strlen(in[i]), "f", NULL, &l, &err), 0);
		assert_int_equal(l.n, 1);
		assert_string_equal(l.v[0]->link, "http://a.example/x/yz");
		articles_free(&l);
	}
}

/* Regression: a long libxml2 message cut by nr_fail left half a UTF-8 character. */
static void test_error_cut_utf8(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 300; i++)
		buf_adds(&b, "错");
	for (int off = 0; off < 3; off++) {
		struct nr_error e;
		nr_fail(&e, "%.*s%s", off, "xx", b.s);
		assert_true(strlen(e.msg) >= sizeof e.msg - 4);
		assert_true(utf8_valid(e.msg, strlen(e.msg)));
	}
	buf_free(&b);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutated_feeds),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_link_without_base),
		cmocka_unit_test(test_error_cut_utf8),
	};
	return cmocka_run_group_tests_name("fuzz_feed", tests, NULL, NULL);
}
