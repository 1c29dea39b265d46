/* Unit tests for moving marks and articles in and out of the store (src/store/store_io.c,
 * src/store/store_newsboat.c): read-marks files between two store files, and a real
 * newsboat cache (tests/fixtures/newsboat/cache.db, made by make_cache.sh beside it). */
#include "testutil.h"

#include "newsread/article.h"
#include "newsread/source.h"
#include "newsread/store.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#define NB_DIR FIXTURES "/newsboat"
#define NB_ZH "http://127.0.0.1:8765/zh.xml"
#define NB_EN "http://127.0.0.1:8765/en.xml"
#define NB_MIXED "http://127.0.0.1:8765/mixed.xml"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	test_tmpdir_make(tmpdir, "storeio");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_tmpdir_remove(tmpdir);
	return 0;
}

static struct store *open_at(const char *name)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	struct store *s = NULL;
	struct nr_error e = {{0}};
	if (store_open(path, 0, &s, &e))
		fail_msg("store_open: %s", e.msg);
	free(path);
	return s;
}

static void put(struct store *s, const char *src, const char *const *ids, size_t n)
{
	struct store_reload *r;
	struct nr_error e = {{0}};
	if (store_reload_begin(s, src, &r, &e))
		fail_msg("reload_begin: %s", e.msg);
	for (size_t i = 0; i < n; i++) {
		struct article *a = article_new();
		a->id = xstrdup(ids[i]);
		a->title = xasprintf("标题 %zu", i);
		a->source = xstrdup(src);
		if (store_reload_article(r, a, &e))
			fail_msg("reload_article: %s", e.msg);
		article_free(a);
	}
	if (store_reload_commit(r, NULL, &e))
		fail_msg("reload_commit: %s", e.msg);
}

static void mark(struct store *s, const char *src, const char *id)
{
	struct nr_error e = {{0}};
	if (store_mark_set(s, src, id, STORE_MARK_READ, 1, 1000, &e))
		fail_msg("mark: %s", e.msg);
}

static int is_read(struct store *s, const char *src, const char *id)
{
	struct store_marks m;
	struct nr_error e;
	assert_int_equal(store_mark_get(s, src, id, &m, &e), 0);
	return m.read != 0;
}

static int is_starred(struct store *s, const char *src, const char *id)
{
	struct store_marks m;
	struct nr_error e;
	assert_int_equal(store_mark_get(s, src, id, &m, &e), 0);
	return m.starred != 0;
}

/* The whole export of s as a string. */
static char *export_all(struct store *s, long long *count)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	struct nr_error e = {{0}};
	if (store_export_read(s, f, "memory", count, &e))
		fail_msg("export: %s", e.msg);
	fclose(f);
	return data;
}

static void import_text(struct store *s, const char *text, struct store_read_import *res)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct nr_error e = {{0}};
	if (store_import_read(s, f, "marks.txt", 2000, res, &e))
		fail_msg("import: %s", e.msg);
	fclose(f);
}

#define SRC_A "https://a.example/feed.xml"
#define SRC_B "https://b.example/新闻.xml"

static void test_read_marks_roundtrip(void **state)
{
	(void)state;
	struct store *a = open_at("a.db");
	const char *ids_a[] = {"id-1", "id\twith tab", "id\nwith\r\nlines", "back\\slash", "unread"};
	const char *ids_b[] = {"人民网-1", "tag:b,2024:2"};
	put(a, SRC_A, ids_a, 5);
	put(a, SRC_B, ids_b, 2);
	mark(a, SRC_B, "tag:b,2024:2");
	mark(a, SRC_A, "id-1");
	mark(a, SRC_A, "id\twith tab");
	mark(a, SRC_A, "id\nwith\r\nlines");
	mark(a, SRC_A, "back\\slash");
	mark(a, SRC_B, "人民网-1");
	mark(a, "/home/me/posts", "2024/post.md"); /* a local folder: a mark, no stored article */
	/* a star without a read mark is not a read mark */
	struct nr_error e;
	assert_int_equal(store_mark_set(a, SRC_A, "unread", STORE_MARK_STARRED, 1, 5, &e), 0);

	long long n = 0;
	char *out = export_all(a, &n);
	assert_int_equal(n, 7);
	/* sorted by source then id in byte order (of the values: tab < newline < '-'); the
	 * four characters escaped; one per line */
	assert_string_equal(out,
		"/home/me/posts\t2024/post.md\n"
		SRC_A "\tback\\\\slash\n"
		SRC_A "\tid\\twith tab\n"
		SRC_A "\tid\\nwith\\r\\nlines\n"
		SRC_A "\tid-1\n"
		SRC_B "\ttag:b,2024:2\n"
		SRC_B "\t人民网-1\n");

	/* into a second store file: every mark lands, and its export is the same bytes */
	struct store *b = open_at("b.db");
	struct store_read_import res;
	import_text(b, out, &res);
	assert_int_equal(res.marked, 7);
	assert_int_equal(res.bad, 0);
	assert_int_equal(res.nerrs, 0);
	store_read_import_free(&res);
	assert_true(is_read(b, SRC_A, "id\nwith\r\nlines"));
	assert_true(is_read(b, SRC_A, "id\twith tab"));
	assert_true(is_read(b, SRC_A, "back\\slash"));
	assert_true(is_read(b, SRC_B, "人民网-1"));
	assert_true(is_read(b, "/home/me/posts", "2024/post.md"));
	assert_false(is_read(b, SRC_A, "unread"));
	char *again = export_all(b, &n);
	assert_int_equal(n, 7);
	assert_string_equal(again, out);
	free(again);

	/* articles fetched later into b come up read */
	put(b, SRC_A, ids_a, 5);
	long long unread;
	assert_int_equal(store_count_unread(b, SRC_A, &unread, &e), 0);
	assert_int_equal(unread, 1);

	/* importing again changes nothing; an existing mark keeps its time */
	import_text(a, out, &res);
	assert_int_equal(res.marked, 7);
	store_read_import_free(&res);
	struct store_marks m;
	assert_int_equal(store_mark_get(a, SRC_A, "id-1", &m, &e), 0);
	assert_int_equal(m.read, 1000);
	free(out);
	store_close(a);
	store_close(b);
}

static void test_import_read_bad_lines(void **state)
{
	(void)state;
	struct store *s = open_at("s.db");
	struct buf text;
	buf_init(&text);
	buf_adds(&text, SRC_A "\tgood-1\n");          /* 1 */
	buf_adds(&text, "no tab here\n");              /* 2: bad */
	buf_adds(&text, "\n");                         /* 3: blank, skipped */
	buf_adds(&text, "a\tb\tc\n");                  /* 4: bad */
	buf_adds(&text, SRC_A "\tbad\\escape\n");     /* 5: bad */
	buf_adds(&text, "\tempty source\n");           /* 6: bad */
	buf_adds(&text, SRC_A "\tcrlf\r\n");           /* 7: good, \r dropped */
	buf_adds(&text, SRC_A "\tbad\xff utf8\n");     /* 8: bad */
	buf_adds(&text, SRC_A "\t");                   /* 9: bad, too long */
	for (int i = 0; i < STORE_IMPORT_MAX_LINE; i++)
		buf_addc(&text, 'x');
	buf_adds(&text, "\n");
	buf_adds(&text, SRC_A "\tlast-no-newline");    /* 10: good */
	struct store_read_import res;
	import_text(s, text.s, &res);
	assert_int_equal(res.marked, 3);
	assert_int_equal(res.bad, 6);
	assert_int_equal(res.nerrs, 6);
	assert_string_equal(res.errs[0].msg, "marks.txt:2: expected SOURCE<TAB>ID");
	assert_true(has_prefix(res.errs[1].msg, "marks.txt:4: more than two fields"));
	assert_true(has_prefix(res.errs[2].msg, "marks.txt:5: an unknown escape"));
	assert_string_equal(res.errs[3].msg, "marks.txt:6: an empty field");
	assert_string_equal(res.errs[4].msg, "marks.txt:8: not valid UTF-8");
	assert_string_equal(res.errs[5].msg, "marks.txt:9: line too long");
	store_read_import_free(&res);
	assert_true(is_read(s, SRC_A, "good-1"));
	assert_true(is_read(s, SRC_A, "crlf"));
	assert_true(is_read(s, SRC_A, "last-no-newline"));
	long long n;
	char *out = export_all(s, &n);
	assert_int_equal(n, 3);
	free(out);
	buf_free(&text);
	store_close(s);
}

/* ---- newsboat ---- */

/* The names in dir, sorted, one per line. */
static char *listing(const char *dir)
{
	char *cmd = xasprintf("ls -a '%s'", dir);
	FILE *p = popen(cmd, "r");
	free(cmd);
	assert_non_null(p);
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	char line[512];
	while (fgets(line, sizeof line, p))
		buf_adds(&b, line);
	pclose(p);
	return buf_steal(&b);
}

/* A copy of the fixture cache in tmpdir/nb/cache.db (its path, malloc'd). */
static char *cache_copy(void)
{
	char *dir = xasprintf("%s/nb", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *path = xasprintf("%s/cache.db", dir);
	char *cmd = xasprintf("cp '%s/cache.db' '%s'", NB_DIR, path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
	return path;
}

static struct article *find(struct articles *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i]->id, id))
			return l->v[i];
	return NULL;
}

static void test_newsboat_cache(void **state)
{
	(void)state;
	char *cache = cache_copy();
	char *dir = xasprintf("%s/nb", tmpdir);
	size_t len0, len1;
	char *before = test_slurp(cache, &len0);
	assert_non_null(before);
	char *names0 = listing(dir);

	struct store *s = open_at("s.db");
	struct store_newsboat_stats st;
	struct nr_error e = {{0}};
	if (store_import_newsboat(s, cache, NULL, 3000, &st, &e))
		fail_msg("import: %s", e.msg);
	assert_int_equal(st.sources, 3);
	assert_int_equal(st.articles, 6);
	assert_int_equal(st.known, 0);
	assert_int_equal(st.deleted, 1);
	assert_int_equal(st.read, 3);    /* zh-2, en:1 and the deleted one */
	assert_int_equal(st.starred, 2); /* zh-1 ("as") and en:1 ("b"): any flag */

	/* the cache is the same bytes, and nothing was left beside it */
	char *after = test_slurp(cache, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	char *names1 = listing(dir);
	assert_string_equal(names0, names1);
	free(after);
	free(names1);

	/* sources with the feeds' titles */
	struct store_source *v;
	size_t n;
	assert_int_equal(store_sources_list(s, &v, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].url, NB_EN);
	assert_string_equal(v[0].title, "Plain English Blog");
	assert_string_equal(v[1].url, NB_MIXED);
	assert_string_equal(v[1].title, "混合 Mixed");
	assert_int_equal(v[1].total, 1); /* the deleted item is not stored */
	assert_string_equal(v[2].url, NB_ZH);
	assert_string_equal(v[2].title, "证券时报网 要闻");
	assert_int_equal(v[2].total, 3);
	assert_int_equal(v[2].unread, 2);
	store_sources_free(v, n);

	/* articles: every field newsboat keeps, Chinese intact */
	struct articles l = {0};
	assert_int_equal(store_load(s, NULL, STORE_LOAD_BODIES, &l, &e), 0);
	assert_int_equal(l.n, 6);
	struct article *a = find(&l, "zh-1");
	assert_non_null(a);
	assert_string_equal(a->source, NB_ZH);
	assert_string_equal(a->title, "央行宣布降准0.5个百分点");
	assert_string_equal(a->author, "记者 张三");
	assert_string_equal(a->link, "http://127.0.0.1/zh/1.html");
	assert_true(a->has_date);
	assert_int_equal(a->date, 1796601600); /* Mon, 07 Dec 2026 08:00:00 +0800 */
	assert_string_equal(a->html, "<p>中国人民银行决定下调存款准备金率。<b>贵州茅台</b>涨停。</p>");
	assert_false(a->read);
	a = find(&l, "zh-2");
	assert_non_null(a);
	assert_true(a->read);
	assert_null(a->author); /* newsboat's empty author */
	a = find(&l, "urn:example:en:1");
	assert_non_null(a);
	assert_string_equal(a->author, "Alice");
	assert_string_equal(a->html, "<p>Hello <em>world</em>.</p>");
	assert_true(a->read);
	a = find(&l, "http://127.0.0.1/mixed/a.html"); /* no guid: newsboat keys it by link */
	assert_non_null(a);
	assert_string_equal(a->title, "无 guid 的文章");
	assert_false(a->read);
	assert_null(find(&l, "http://127.0.0.1/mixed/b.html"));
	articles_free(&l);

	/* marks: read and starred */
	assert_true(is_read(s, NB_ZH, "zh-2"));
	assert_false(is_read(s, NB_ZH, "zh-1"));
	assert_true(is_starred(s, NB_ZH, "zh-1"));
	assert_true(is_starred(s, NB_EN, "urn:example:en:1"));
	assert_false(is_starred(s, NB_EN, "urn:example:en:2"));
	assert_true(is_read(s, NB_MIXED, "http://127.0.0.1/mixed/b.html")); /* deleted */
	long long unread;
	assert_int_equal(store_count_unread(s, NULL, &unread, &e), 0);
	assert_int_equal(unread, 4);

	/* a second import adds nothing twice */
	assert_int_equal(store_import_newsboat(s, cache, NULL, 4000, &st, &e), 0);
	assert_int_equal(st.sources, 0);
	assert_int_equal(st.articles, 0);
	assert_int_equal(st.known, 6);
	assert_int_equal(store_load(s, NULL, 0, &l, &e), 0);
	assert_int_equal(l.n, 6);
	articles_free(&l);
	struct store_marks m;
	assert_int_equal(store_mark_get(s, NB_ZH, "zh-2", &m, &e), 0);
	assert_int_equal(m.read, 3000); /* the first import's time stays */
	store_close(s);

	/* only the flag letters asked for mean starred */
	s = open_at("t.db");
	assert_int_equal(store_import_newsboat(s, cache, "s", 3000, &st, &e), 0);
	assert_int_equal(st.starred, 1);
	assert_true(is_starred(s, NB_ZH, "zh-1"));
	assert_false(is_starred(s, NB_EN, "urn:example:en:1"));
	store_close(s);

	after = test_slurp(cache, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(after);
	free(before);
	free(names0);
	free(dir);
	free(cache);
}

static void test_newsboat_errors(void **state)
{
	(void)state;
	struct store *s = open_at("s.db");
	struct store_newsboat_stats st;
	struct nr_error e = {{0}};
	char *p = xasprintf("%s/missing.db", tmpdir);
	assert_int_equal(store_import_newsboat(s, p, NULL, 1, &st, &e), -1);
	char *want = xasprintf("%s: No such file or directory", p);
	assert_string_equal(e.msg, want);
	free(want);
	free(p);

	p = xasprintf("%s/text.db", tmpdir);
	FILE *f = fopen(p, "w");
	fputs("this is not a database, but it is long enough to look like a header of one\n", f);
	fclose(f);
	assert_int_equal(store_import_newsboat(s, p, NULL, 1, &st, &e), -1);
	want = xasprintf("%s: not a newsboat cache (not an SQLite database)", p);
	assert_string_equal(e.msg, want);
	free(want);
	free(p);

	/* another program's SQLite database: newsread's own store */
	p = xasprintf("%s/s.db", tmpdir);
	struct store *other = open_at("other.db");
	store_close(other);
	free(p);
	p = xasprintf("%s/other.db", tmpdir);
	assert_int_equal(store_import_newsboat(s, p, NULL, 1, &st, &e), -1);
	want = xasprintf("%s: not a newsboat cache (no rss_feed and rss_item tables)", p);
	assert_string_equal(e.msg, want);
	free(want);
	free(p);

	/* a folder */
	assert_int_equal(store_import_newsboat(s, tmpdir, NULL, 1, &st, &e), -1);
	assert_non_null(strstr(e.msg, "not a newsboat cache"));

	/* nothing landed */
	struct store_source *v;
	size_t n;
	assert_int_equal(store_sources_list(s, &v, &n, &e), 0);
	assert_int_equal(n, 0);
	store_sources_free(v, n);
	store_close(s);
}

static void test_newsboat_urls(void **state)
{
	(void)state;
	char *urls = xasprintf("%s/config/newsread/urls", tmpdir);
	struct source_list got = {0};
	size_t added, skipped;
	struct nr_error e = {{0}};
	if (store_newsboat_urls(NB_DIR "/urls", urls, &got, &added, &skipped, &e))
		fail_msg("newsboat urls: %s", e.msg);
	assert_int_equal(added, 3);
	assert_int_equal(skipped, 0);
	assert_int_equal(got.nerrs, 1); /* the query: feed */
	assert_true(has_prefix(got.errs[0].msg, NB_DIR "/urls:4: query:"));
	source_list_free(&got);

	struct source_list l = {0};
	assert_int_equal(urls_load(urls, &l, &e), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].url, NB_ZH);
	assert_int_equal(l.v[0].ncats, 2);
	assert_string_equal(l.v[0].cats[0].parts[0], "财经");
	assert_string_equal(l.v[0].cats[1].parts[0], "股市 要闻");
	assert_string_equal(l.v[1].url, NB_EN);
	assert_string_equal(l.v[1].name, "Alice and Bob");
	assert_string_equal(l.v[1].cats[0].parts[0], "tech");
	assert_string_equal(l.v[2].url, NB_MIXED);
	assert_true(l.v[2].hidden);
	source_list_free(&l);

	/* again: every URL is there already */
	memset(&got, 0, sizeof got);
	assert_int_equal(store_newsboat_urls(NB_DIR "/urls", urls, &got, &added, &skipped, &e), 0);
	assert_int_equal(added, 0);
	assert_int_equal(skipped, 3);
	source_list_free(&got);

	/* a missing newsboat urls file is an error, not an empty list */
	memset(&got, 0, sizeof got);
	assert_int_equal(store_newsboat_urls(NB_DIR "/nope", urls, &got, &added, &skipped, &e), -1);
	assert_string_equal(e.msg, NB_DIR "/nope: No such file or directory");
	source_list_free(&got);
	free(urls);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_marks_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_read_bad_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newsboat_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newsboat_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newsboat_urls, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
