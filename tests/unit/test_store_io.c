/* Unit tests for moving marks and articles in and out of the store (src/store/store_io.c):
 * read-marks files between two store files. */
#include "testutil.h"

#include "newsread/article.h"
#include "newsread/store.h"

#include <sys/stat.h>
#include <unistd.h>


static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/nr-storeio-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
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

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_marks_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_read_bad_lines, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
