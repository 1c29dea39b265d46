/* Unit tests for the store (src/store/): a real SQLite file in a temporary folder. */
#include "testutil.h"

#include "newsread/article.h"
#include "newsread/store.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char tmpdir[64];
static char *dbpath; /* tmpdir/data/newsread/newsread.db: two folders to create */

static int setup(void **state)
{
	(void)state;
	test_tmpdir_make(tmpdir, "store");
	dbpath = xasprintf("%s/data/newsread/newsread.db", tmpdir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_tmpdir_remove(tmpdir);
	free(dbpath);
	return 0;
}

static struct store *open_ok(unsigned flags)
{
	struct store *s = NULL;
	struct nr_error e = {{0}};
	if (store_open(dbpath, flags, &s, &e))
		fail_msg("store_open: %s", e.msg);
	return s;
}

/* A raw connection, for what the API does not show (first-seen, pragmas). */
static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static long long raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct article *mk(const char *id, const char *title, time_t date)
{
	struct article *a = article_new();
	a->id = xstrdup(id);
	a->title = xstrdup(title);
	a->link = xasprintf("https://example.com/%s", id);
	a->source = xstrdup("https://example.com/feed.xml");
	a->html = xasprintf("<p>%s</p>", title);
	a->date = date;
	a->has_date = date != 0;
	return a;
}

/* Store the articles as one reload of src, with fetch outcome f (may be NULL). */
static void reload(struct store *s, const char *src, struct article **v, size_t n,
                   const struct store_fetch *f)
{
	struct store_reload *r;
	struct nr_error e = {{0}};
	if (store_reload_begin(s, src, &r, &e))
		fail_msg("reload_begin: %s", e.msg);
	for (size_t i = 0; i < n; i++)
		if (store_reload_article(r, v[i], &e))
			fail_msg("reload_article: %s", e.msg);
	if (store_reload_commit(r, f, &e))
		fail_msg("reload_commit: %s", e.msg);
}

static struct article *find(struct articles *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i]->id, id) == 0)
			return l->v[i];
	return NULL;
}

#define FEED "https://example.com/feed.xml"

static void test_roundtrip_every_field(void **state)
{
	(void)state;
	struct store *s = open_ok(0);
	struct article *a = article_new();
	a->id = xstrdup("tag:example.com,2024:人民网-1");
	a->title = xstrdup("人民网(603000)发布公告，“年报”摘要");
	a->link = xstrdup("https://example.com/a?x=1&y='2'");
	a->source = xstrdup(FEED);
	a->author = xstrdup("记者 王五");
	a->date = 1700000000;
	a->has_date = 1;
	a->date_zone_known = 1;
	article_add_cat_str(a, "金融/证券时报网/要闻", '/');
	article_add_cat_str(a, "科技", '/');
	a->image = xstrdup("https://example.com/图.png");
	a->html = xstrdup("<p>正文，含“引号”与 <a href=\"x\">链接</a>。</p>\n<p>'; DROP TABLE articles; --</p>");
	a->base = xstrdup("https://example.com/news/");
	a->lang = xstrdup("zh");
	a->stocks = xcalloc(2, sizeof *a->stocks);
	a->stocks[0] = (struct article_stock){xstrdup("603000.SH"), xstrdup("人民网"), 3};
	a->stocks[1] = (struct article_stock){xstrdup("000001.SZ"), xstrdup(""), 1};
	a->nstocks = 2;
	a->stocks_done = 1;
	struct catpath ucat = {(char *[]){"财经", "每日"}, 2};
	struct store_fetch f = {.when = 1700000100, .title = "示例新闻 Feed", .etag = "\"abc\"",
	                        .last_modified = "Tue, 14 Nov 2023 22:13:20 GMT",
	                        .cats = &ucat, .ncats = 1};
	reload(s, FEED, &a, 1, &f);
	assert_true(a->handle > 0);
	long long handle = a->handle;
	store_close(s);

	s = open_ok(STORE_READONLY); /* what a second process reading sees */
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(store_load(s, NULL, STORE_LOAD_BODIES, &l, &e), 0);
	assert_int_equal(l.n, 1);
	struct article *b = l.v[0];
	assert_int_equal(b->handle, handle);
	assert_string_equal(b->id, a->id);
	assert_string_equal(b->title, a->title);
	assert_string_equal(b->link, a->link);
	assert_string_equal(b->source, FEED);
	assert_string_equal(b->author, a->author);
	assert_int_equal(b->date, 1700000000);
	assert_true(b->has_date);
	assert_true(b->date_zone_known);
	assert_int_equal(b->ncats, 2);
	char *j = catpath_join(&b->cats[0], "/");
	assert_string_equal(j, "金融/证券时报网/要闻");
	free(j);
	assert_string_equal(b->cats[1].parts[0], "科技");
	assert_string_equal(b->image, a->image);
	assert_string_equal(b->html, a->html);
	assert_string_equal(b->base, a->base);
	assert_string_equal(b->lang, "zh");
	assert_true(b->stocks_done);
	assert_int_equal(b->nstocks, 2);
	assert_string_equal(b->stocks[0].code, "603000.SH");
	assert_string_equal(b->stocks[0].name, "人民网");
	assert_int_equal(b->stocks[0].count, 3);
	assert_string_equal(b->stocks[1].code, "000001.SZ");
	assert_string_equal(b->stocks[1].name, "");
	assert_false(b->read);
	articles_free(&l);

	/* without bodies, then the one body asked for */
	assert_int_equal(store_load(s, FEED, 0, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_null(l.v[0]->html);
	assert_int_equal(l.v[0]->nstocks, 2);
	assert_int_equal(store_load_body(s, l.v[0], &e), 1);
	assert_string_equal(l.v[0]->html, a->html);
	articles_free(&l);
	assert_int_equal(store_load(s, "https://other.example/", 0, &l, &e), 0);
	assert_int_equal(l.n, 0);

	struct store_source src;
	assert_int_equal(store_source_get(s, FEED, &src, &e), 1);
	assert_int_equal(src.handle > 0, 1);
	assert_string_equal(src.url, FEED);
	assert_string_equal(src.title, "示例新闻 Feed");
	assert_string_equal(src.etag, "\"abc\"");
	assert_string_equal(src.last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
	assert_int_equal(src.fetched, 1700000100);
	assert_null(src.error);
	assert_int_equal(src.ncats, 1);
	assert_string_equal(src.cats[0].parts[1], "每日");
	store_source_clear(&src);
	assert_int_equal(store_source_get(s, "nowhere", &src, &e), 0);

	/* a reader cannot write, and says so */
	assert_int_equal(store_mark_set(s, FEED, a->id, STORE_MARK_READ, 1, 1, &e), -1);
	assert_non_null(strstr(e.msg, dbpath));
	store_close(s);
	article_free(a);
}

static void test_reload_keeps_first_seen_and_marks(void **state)
{
	(void)state;
	struct store *s = open_ok(0);
	struct nr_error e;
	struct article *v[2] = {mk("a", "甲", 1700000000), mk("b", "乙", 1700000001)};
	struct store_fetch ok = {.when = 100, .title = "T", .etag = "e1", .last_modified = "lm1"};
	reload(s, FEED, v, 2, &ok);
	long long hb = v[1]->handle;
	article_free(v[0]);
	article_free(v[1]);
	sqlite3 *db = raw_open(dbpath);
	raw_exec(db, "UPDATE articles SET first_seen = 1000");
	assert_int_equal(store_mark_set(s, FEED, "b", STORE_MARK_READ, 1, 2000, &e), 0);
	assert_int_equal(store_mark_set(s, FEED, "b", STORE_MARK_STARRED, 1, 2001, &e), 0);

	/* the feed now holds b (changed) and c */
	struct article *w[2] = {mk("b", "乙（更新）", 1700000001), mk("c", "丙", 1700000002)};
	reload(s, FEED, w, 2, &ok);
	assert_int_equal(w[0]->handle, hb); /* the stable handle */
	time_t t;
	assert_int_equal(store_first_seen(s, hb, &t, &e), 1);
	assert_int_equal(t, 1000);
	assert_int_equal(store_first_seen(s, w[1]->handle, &t, &e), 1);
	assert_true(t > 1000);
	assert_int_equal(store_first_seen(s, 987654, &t, &e), 0);
	article_free(w[0]);
	article_free(w[1]);

	struct articles l = {0};
	assert_int_equal(store_load(s, FEED, 0, &l, &e), 0);
	assert_int_equal(l.n, 3); /* a left the feed but stays until pruned */
	assert_string_equal(find(&l, "b")->title, "乙（更新）");
	assert_true(find(&l, "b")->read);
	assert_false(find(&l, "a")->read);
	assert_false(find(&l, "c")->read);
	articles_free(&l);
	struct store_marks m;
	assert_int_equal(store_mark_get(s, FEED, "b", &m, &e), 0);
	assert_int_equal(m.read, 2000);
	assert_int_equal(m.starred, 2001);
	long long n;
	assert_int_equal(store_count_unread(s, NULL, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_count_unread(s, FEED, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_count_unread(s, "nowhere", &n, &e), 0);
	assert_int_equal(n, 0);
	struct article *o = mk("o1", "另一个源", 5);
	reload(s, "https://other.example/rss", &o, 1, NULL);
	article_free(o);
	struct store_source *list;
	size_t nl;
	assert_int_equal(store_sources_list(s, &list, &nl, &e), 0);
	assert_int_equal(nl, 2); /* by URL */
	assert_string_equal(list[0].url, FEED);
	assert_int_equal(list[0].total, 3);
	assert_int_equal(list[0].unread, 2);
	assert_string_equal(list[0].title, "T");
	assert_string_equal(list[1].url, "https://other.example/rss");
	assert_null(list[1].title);
	assert_int_equal(list[1].total, 1);
	assert_int_equal(list[1].unread, 1);
	store_sources_free(list, nl);
	assert_int_equal(store_count_unread(s, NULL, &n, &e), 0);
	assert_int_equal(n, 3);

	/* a 304 keeps title and validators; a failure records its reason and keeps them */
	struct store_fetch same = {.when = 200, .not_modified = 1};
	reload(s, FEED, NULL, 0, &same);
	struct store_source src;
	assert_int_equal(store_source_get(s, FEED, &src, &e), 1);
	assert_string_equal(src.etag, "e1");
	assert_int_equal(src.fetched, 200);
	store_source_clear(&src);
	struct store_fetch bad = {.when = 300, .error = "HTTP 500"};
	reload(s, FEED, NULL, 0, &bad);
	assert_int_equal(store_source_get(s, FEED, &src, &e), 1);
	assert_string_equal(src.error, "HTTP 500");
	assert_string_equal(src.title, "T");
	assert_string_equal(src.last_modified, "lm1");
	assert_int_equal(src.fetched, 300);
	store_source_clear(&src);
	reload(s, FEED, NULL, 0, &ok);
	assert_int_equal(store_source_get(s, FEED, &src, &e), 1);
	assert_null(src.error);
	store_source_clear(&src);

	/* an aborted reload leaves nothing */
	struct store_reload *r;
	assert_int_equal(store_reload_begin(s, FEED, &r, &e), 0);
	struct article *d = mk("d", "丁", 0);
	assert_int_equal(store_reload_article(r, d, &e), 0);
	store_reload_abort(r);
	article_free(d);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM articles WHERE guid = 'd'"), 0);
	sqlite3_close(db);
	store_close(s);
}

static void test_marks_of_local_files(void **state)
{
	(void)state;
	struct store *s = open_ok(0);
	struct nr_error e;
	const char *dir = "/home/reader/posts";
	assert_int_equal(store_mark_set(s, dir, "2024/春节.md", STORE_MARK_READ, 1, 50, &e), 0);
	assert_int_equal(store_mark_set(s, dir, "2024/春节.md", STORE_MARK_READ, 1, 60, &e), 0);
	assert_int_equal(store_mark_set(s, dir, "other.md", STORE_MARK_STARRED, 1, 70, &e), 0);
	store_close(s);

	s = open_ok(0); /* the articles come from the folder again, not from the store */
	struct articles l = {0};
	const char *ids[] = {"2024/春节.md", "other.md", "new.md"};
	for (size_t i = 0; i < 3; i++) {
		struct article *a = article_new();
		a->source = xstrdup(dir);
		a->id = xstrdup(ids[i]);
		articles_push(&l, a);
	}
	assert_int_equal(store_apply_marks(s, &l, &e), 0);
	assert_true(l.v[0]->read);
	assert_false(l.v[1]->read); /* starred, not read */
	assert_false(l.v[2]->read);
	struct store_marks m;
	assert_int_equal(store_mark_get(s, dir, "2024/春节.md", &m, &e), 0);
	assert_int_equal(m.read, 50); /* the first time it was marked */
	assert_int_equal(m.starred, 0);
	assert_int_equal(store_mark_set(s, dir, "2024/春节.md", STORE_MARK_READ, 0, 80, &e), 0);
	assert_int_equal(store_apply_marks(s, &l, &e), 0);
	assert_false(l.v[0]->read);
	assert_int_equal(store_mark_get(s, dir, "other.md", &m, &e), 0);
	assert_int_equal(m.starred, 70);
	articles_free(&l);
	sqlite3 *db = raw_open(dbpath);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM marks"), 1); /* an empty row goes */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM articles"), 0);
	sqlite3_close(db);
	store_close(s);
}

static void test_prune_keeps_starred(void **state)
{
	(void)state;
	struct store *s = open_ok(0);
	struct nr_error e;
	time_t now = 1800000000, day = 86400;
	struct article *v[4] = {mk("old-starred", "旧·星标", now - 40 * day),
	                        mk("old", "旧", now - 40 * day), mk("recent", "新", now - day),
	                        mk("undated", "无日期", 0)};
	reload(s, FEED, v, 4, NULL);
	for (int i = 0; i < 4; i++)
		article_free(v[i]);
	sqlite3 *db = raw_open(dbpath);
	raw_exec(db, "UPDATE articles SET first_seen = 1800000000 - 35 * 86400 WHERE guid = 'undated'");
	sqlite3_close(db);
	assert_int_equal(store_mark_set(s, FEED, "old-starred", STORE_MARK_STARRED, 1, now, &e), 0);
	assert_int_equal(store_mark_set(s, FEED, "old", STORE_MARK_READ, 1, now, &e), 0);
	struct article *p = mk("page", "页", 0);
	assert_int_equal(store_page_put(s, "https://example.com/old-page", p, now - 31 * day, &e), 0);
	assert_int_equal(store_page_put(s, "https://example.com/new-page", p, now, &e), 0);
	article_free(p);

	long long removed = -1;
	assert_int_equal(store_prune(s, 0, now, &removed, &e), 0); /* 0: keep everything */
	assert_int_equal(removed, 0);
	assert_int_equal(store_prune(s, 30, now, &removed, &e), 0);
	assert_int_equal(removed, 2);
	struct articles l = {0};
	assert_int_equal(store_load(s, NULL, 0, &l, &e), 0);
	assert_int_equal(l.n, 2);
	assert_non_null(find(&l, "old-starred"));
	assert_non_null(find(&l, "recent"));
	articles_free(&l);
	struct store_marks m;
	assert_int_equal(store_mark_get(s, FEED, "old", &m, &e), 0);
	assert_int_equal(m.read, now); /* the mark outlives the article */
	struct article *got;
	assert_int_equal(store_page_get(s, "https://example.com/old-page", &got, NULL, &e), 0);
	assert_int_equal(store_page_get(s, "https://example.com/new-page", &got, NULL, &e), 1);
	article_free(got);
	assert_int_equal(store_vacuum(s, &e), 0);
	assert_int_equal(store_load(s, NULL, 0, &l, &e), 0);
	assert_int_equal(l.n, 2);
	articles_free(&l);
	store_close(s);
}

/* The first schema exactly as version 1 of newsread wrote it: frozen here (not taken from
 * the program), so that a change to the program's steps that would break real old files
 * fails this test. */
static const char v1_sql[] =
	"CREATE TABLE sources (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT,"
	" etag TEXT, last_modified TEXT, fetched_at INTEGER, error TEXT);"
	"CREATE TABLE articles (id INTEGER PRIMARY KEY,"
	" source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
	" guid TEXT NOT NULL, title TEXT, link TEXT, author TEXT, date INTEGER,"
	" has_date INTEGER NOT NULL DEFAULT 0, date_zone_known INTEGER NOT NULL DEFAULT 0,"
	" categories TEXT, html TEXT, first_seen INTEGER NOT NULL, UNIQUE (source_id, guid));"
	"CREATE TABLE marks (source TEXT NOT NULL, guid TEXT NOT NULL, read_at INTEGER NOT NULL,"
	" PRIMARY KEY (source, guid)) WITHOUT ROWID;"
	"PRAGMA application_id = 1314026356;"
	"PRAGMA user_version = 1;";

static void test_migration_v1_to_v2(void **state)
{
	(void)state;
	char *d = xasprintf("%s/data", tmpdir);
	assert_int_equal(mkdir(d, 0700), 0);
	free(d);
	d = xasprintf("%s/data/newsread", tmpdir);
	assert_int_equal(mkdir(d, 0700), 0);
	free(d);
	sqlite3 *db = raw_open(dbpath);
	raw_exec(db, v1_sql);
	raw_exec(db, "INSERT INTO sources (url, title, etag, fetched_at) VALUES "
	             "('https://example.com/feed.xml', '旧标题', 'e0', 5);"
	             "INSERT INTO articles (source_id, guid, title, link, date, has_date,"
	             " categories, html, first_seen) VALUES (1, 'g1', '第一篇', 'https://e/1',"
	             " 1600000000, 1, '金融' || char(31) || '要闻', '<p>内容</p>', 77);"
	             "INSERT INTO articles (source_id, guid, title, first_seen) VALUES (1, 'g2', '第二篇', 78);"
	             "INSERT INTO marks VALUES ('https://example.com/feed.xml', 'g1', 99);"
	             "INSERT INTO marks VALUES ('/home/reader/posts', 'a.md', 98);");
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 1);
	sqlite3_close(db);

	struct store *s = open_ok(0);
	struct nr_error e;
	struct articles l = {0};
	assert_int_equal(store_load(s, NULL, STORE_LOAD_BODIES, &l, &e), 0);
	assert_int_equal(l.n, 2);
	struct article *a = find(&l, "g1");
	assert_string_equal(a->title, "第一篇");
	assert_string_equal(a->html, "<p>内容</p>");
	assert_int_equal(a->date, 1600000000);
	assert_int_equal(a->ncats, 1);
	assert_string_equal(a->cats[0].parts[1], "要闻");
	assert_null(a->image);
	assert_true(a->read);
	assert_false(find(&l, "g2")->read);
	time_t t;
	assert_int_equal(store_first_seen(s, a->handle, &t, &e), 1);
	assert_int_equal(t, 77);
	articles_free(&l);
	struct store_marks m;
	assert_int_equal(store_mark_get(s, "/home/reader/posts", "a.md", &m, &e), 0);
	assert_int_equal(m.read, 98);
	/* what version 2 added works */
	assert_int_equal(store_mark_set(s, FEED, "g2", STORE_MARK_STARRED, 1, 5, &e), 0);
	struct article *p = mk("p", "页面", 0);
	assert_int_equal(store_page_put(s, "https://example.com/p", p, 1, &e), 0);
	article_free(p);
	struct store_source src;
	assert_int_equal(store_source_get(s, FEED, &src, &e), 1);
	assert_string_equal(src.title, "旧标题");
	assert_string_equal(src.etag, "e0");
	assert_int_equal(src.ncats, 0);
	store_source_clear(&src);
	store_close(s);

	db = raw_open(dbpath);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	sqlite3_close(db);
	/* opened again: already current, nothing to do */
	s = open_ok(0);
	store_close(s);
}

static void test_modes_private(void **state)
{
	(void)state;
	mode_t old = umask(0); /* the most permissive: SQLite alone would make 0644 files */
	struct store *s = open_ok(0);
	umask(old);
	struct nr_error e;
	assert_int_equal(store_mark_set(s, FEED, "x", STORE_MARK_READ, 1, 1, &e), 0);
	struct stat sb;
	char *data = xasprintf("%s/data", tmpdir), *dir = xasprintf("%s/data/newsread", tmpdir);
	char *wal = xasprintf("%s-wal", dbpath), *shm = xasprintf("%s-shm", dbpath);
	assert_int_equal(stat(data, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(stat(dbpath, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(wal, &sb), 0); /* WAL mode */
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(shm, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	sqlite3 *db = raw_open(dbpath);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(db);
	store_close(s);
	free(data);
	free(dir);
	free(wal);
	free(shm);
}

/* Open must fail with a message holding want, and leave the file byte for byte as it was,
 * with no WAL file beside it. */
static void refused(const char *want)
{
	size_t n0, n1;
	char *before = test_slurp(dbpath, &n0);
	assert_non_null(before);
	struct store *s = (struct store *)1;
	struct nr_error e = {{0}};
	assert_int_equal(store_open(dbpath, 0, &s, &e), -1);
	assert_null(s);
	if (!strstr(e.msg, want) || !strstr(e.msg, dbpath))
		fail_msg("message: %s", e.msg);
	assert_null(strchr(e.msg, '\n'));
	assert_int_equal(store_open(dbpath, STORE_READONLY, &s, &e), -1);
	assert_non_null(strstr(e.msg, want));
	char *after = test_slurp(dbpath, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	char *wal = xasprintf("%s-wal", dbpath);
	assert_int_equal(access(wal, F_OK), -1);
	free(wal);
	free(before);
	free(after);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_refuses_foreign_and_newer_files(void **state)
{
	(void)state;
	char *d = xasprintf("%s/data", tmpdir);
	mkdir(d, 0700);
	free(d);
	d = xasprintf("%s/data/newsread", tmpdir);
	mkdir(d, 0700);
	free(d);
	/* not a database at all: a text file big enough to look like pages */
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 300; i++)
		buf_adds(&b, "这不是数据库 this is not a database\n");
	write_file(dbpath, b.s);
	buf_free(&b);
	refused("not a newsread store (not an SQLite database)");

	/* another program's SQLite database */
	unlink(dbpath);
	sqlite3 *db = raw_open(dbpath);
	raw_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	sqlite3_close(db);
	refused("another program's SQLite database");

	/* a newer newsread's */
	unlink(dbpath);
	db = raw_open(dbpath);
	raw_exec(db, "PRAGMA application_id = 1314026356; PRAGMA user_version = 99;"
	             "CREATE TABLE future (x)");
	sqlite3_close(db);
	refused("made by a newer newsread (store version 99; this one knows up to 2)");

	/* nothing there: a reader does not create it */
	unlink(dbpath);
	struct store *s;
	struct nr_error e;
	assert_int_equal(store_open(dbpath, STORE_READONLY, &s, &e), -1);
	assert_non_null(strstr(e.msg, "No such file"));
	assert_int_equal(access(dbpath, F_OK), -1);
}

static void test_reader_never_waits(void **state)
{
	(void)state;
	struct store *w = open_ok(0);
	struct article *a = mk("committed", "已提交", 1);
	reload(w, FEED, &a, 1, NULL);
	article_free(a);
	struct store_reload *r;
	struct nr_error e;
	assert_int_equal(store_reload_begin(w, FEED, &r, &e), 0); /* holds the write lock */
	struct article *b = mk("pending", "未提交", 2);
	assert_int_equal(store_reload_article(r, b, &e), 0);

	double t0 = now_s();
	struct store *rd = open_ok(STORE_READONLY);
	struct articles l = {0};
	assert_int_equal(store_load(rd, NULL, STORE_LOAD_BODIES, &l, &e), 0);
	assert_int_equal(l.n, 1); /* the committed state, not the open transaction's */
	assert_string_equal(l.v[0]->id, "committed");
	articles_free(&l);
	long long n;
	assert_int_equal(store_count_unread(rd, NULL, &n, &e), 0);
	assert_int_equal(n, 1);
	struct store *w2 = open_ok(0); /* a second writer may open and read too */
	assert_int_equal(store_load(w2, NULL, 0, &l, &e), 0);
	assert_int_equal(l.n, 1);
	articles_free(&l);
	assert_true(now_s() - t0 < 1.0);

	assert_int_equal(store_reload_commit(r, NULL, &e), 0);
	article_free(b);
	assert_int_equal(store_load(rd, NULL, 0, &l, &e), 0);
	assert_int_equal(l.n, 2);
	articles_free(&l);
	store_close(w2);
	store_close(rd);
	store_close(w);
}

static void test_writer_waits_then_says_locked(void **state)
{
	(void)state;
	struct store *w = open_ok(0);
	struct store *w2 = open_ok(0);
	store_set_busy_timeout(w2, 200);
	struct store_reload *r;
	struct nr_error e;
	assert_int_equal(store_reload_begin(w, FEED, &r, &e), 0);
	double t0 = now_s();
	assert_int_equal(store_mark_set(w2, FEED, "x", STORE_MARK_READ, 1, 1, &e), -1);
	double waited = now_s() - t0;
	char *want = xasprintf("%s: locked by another newsread", dbpath);
	assert_string_equal(e.msg, want);
	free(want);
	assert_true(waited >= 0.15 && waited < 1.0);
	struct store_reload *r2;
	assert_int_equal(store_reload_begin(w2, FEED, &r2, &e), -1);
	assert_non_null(strstr(e.msg, "locked by another newsread"));
	store_reload_abort(r);
	assert_int_equal(store_mark_set(w2, FEED, "x", STORE_MARK_READ, 1, 1, &e), 0);
	store_close(w2);
	store_close(w);
}

static void test_pages(void **state)
{
	(void)state;
	struct store *s = open_ok(0);
	struct nr_error e;
	struct article *got = (struct article *)1;
	time_t when = 1;
	const char *url = "https://example.com/新闻/1.html";
	assert_int_equal(store_page_get(s, url, &got, &when, &e), 0);
	assert_null(got);
	struct article *p = mk("https://example.com/新闻/1.html", "阅读模式标题", 1700000000);
	p->author = xstrdup("作者");
	p->lang = xstrdup("zh");
	p->base = xstrdup("https://example.com/新闻/");
	article_add_cat_str(p, "新闻/国内", '/');
	assert_int_equal(store_page_put(s, url, p, 1234, &e), 0);
	free(p->title);
	p->title = xstrdup("第二次");
	assert_int_equal(store_page_put(s, url, p, 1235, &e), 0); /* replaces */
	assert_int_equal(store_page_get(s, url, &got, &when, &e), 1);
	assert_int_equal(when, 1235);
	assert_string_equal(got->id, p->id);
	assert_string_equal(got->title, "第二次");
	assert_string_equal(got->html, p->html);
	assert_string_equal(got->source, p->source);
	assert_string_equal(got->author, "作者");
	assert_string_equal(got->base, p->base);
	assert_int_equal(got->date, 1700000000);
	assert_int_equal(got->ncats, 1);
	assert_false(got->stocks_done);
	article_free(got);
	article_free(p);
	store_close(s);
}

/* Invalid UTF-8 handed in is stored as text with U+FFFD, never as raw bytes; a category
 * part holding a separator of the stored paths keeps its place. */
static void test_text_is_utf8(void **state)
{
	(void)state;
	struct store *s = open_ok(0);
	struct article *a = mk("bad", "ok \xff\xfe end", 1);
	const char *parts[] = {"a\x1e" "b", "c\x1f" "d"}; /* the separators of stored paths */
	article_add_cat(a, parts, 2);
	reload(s, FEED, &a, 1, NULL);
	article_free(a);
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(store_load(s, NULL, 0, &l, &e), 0);
	assert_string_equal(l.v[0]->title, "ok \xEF\xBF\xBD\xEF\xBF\xBD end");
	assert_int_equal(l.v[0]->ncats, 1);
	assert_int_equal(l.v[0]->cats[0].n, 2);
	assert_string_equal(l.v[0]->cats[0].parts[0], "a b");
	assert_string_equal(l.v[0]->cats[0].parts[1], "c d");
	articles_free(&l);
	sqlite3 *db = raw_open(dbpath);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM articles WHERE typeof(title) = 'text'"), 1);
	sqlite3_close(db);
	store_close(s);
}

/* A child marks articles read one by one, telling the parent after each store_mark_set
 * returned; the parent kills it with SIGKILL at some moment. Every mark told must be in
 * the file, and the file must be sound. */
static void test_marks_survive_sigkill(void **state)
{
	(void)state;
	struct store *s0 = open_ok(0); /* the file exists before the children race on it */
	store_close(s0);
	srand(12345);
	for (int round = 0; round < 10; round++) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			struct store *s;
			struct nr_error e;
			if (store_open(dbpath, 0, &s, &e))
				_exit(3);
			for (int i = 0;; i++) {
				char id[32];
				snprintf(id, sizeof id, "%d-%d", round, i);
				if (store_mark_set(s, FEED, id, STORE_MARK_READ, 1, i + 1, &e))
					_exit(4);
				if (write(fds[1], &i, sizeof i) != sizeof i)
					_exit(5);
			}
		}
		close(fds[1]);
		int last = -1, i;
		int want = 1 + rand() % 40; /* kill after this many acknowledged marks */
		while (last + 1 < want && read(fds[0], &i, sizeof i) == sizeof i)
			last = i;
		usleep(rand() % 3000); /* and at some moment of the next ones */
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		assert_true(WIFSIGNALED(status));
		while (read(fds[0], &i, sizeof i) == sizeof i)
			last = i;
		close(fds[0]);
		assert_true(last >= 0);

		sqlite3 *db = raw_open(dbpath);
		assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
		sqlite3_close(db);
		struct store *s = open_ok(STORE_READONLY);
		struct nr_error e;
		for (int k = 0; k <= last; k++) {
			char id[32];
			snprintf(id, sizeof id, "%d-%d", round, k);
			struct store_marks m;
			assert_int_equal(store_mark_get(s, FEED, id, &m, &e), 0);
			if (m.read != k + 1)
				fail_msg("round %d: mark %s lost (acknowledged up to %d)", round, id, last);
		}
		store_close(s);
	}
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip_every_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload_keeps_first_seen_and_marks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marks_of_local_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prune_keeps_starred, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_v1_to_v2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes_private, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_foreign_and_newer_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_never_waits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_waits_then_says_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_is_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marks_survive_sigkill, setup, teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
