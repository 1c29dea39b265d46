/* Unit tests for the start-up glue (src/app/): -x command lists, the store's path, which
 * sources are stored, local sources loaded with their marks but never stored, and read
 * marks made in the interface (N, opening an article) reaching the store. */
#include "testutil.h"

#include "newsread/app.h"
#include "newsread/article.h"
#include "newsread/settings.h"
#include "newsread/store.h"
#include "newsread/ui.h"
#include "ui/ui_view.h"

#include <limits.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	test_tmpdir_make(tmpdir, "app");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_tmpdir_remove(tmpdir);
	return 0;
}

static void test_commands(void **state)
{
	(void)state;
	struct nr_error err;
	int *ids, write;
	size_t n;
	const char *one[] = {"print-unread"};
	assert_int_equal(app_commands_parse(one, 1, &ids, &n, &write, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(write, 0); /* print-unread only reads */
	free(ids);
	const char *many[] = {"reload; print-unread", " vacuum ;; ", "print-unread"};
	assert_int_equal(app_commands_parse(many, 3, &ids, &n, &write, &err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(write, 1);
	assert_int_equal(ids[1], ids[3]);
	assert_int_not_equal(ids[0], ids[1]);
	free(ids);
	const char *bad[] = {"reload", "print-unread;reloadx"};
	assert_int_equal(app_commands_parse(bad, 2, &ids, &n, &write, &err), -1);
	assert_string_equal(err.msg, "unknown command: reloadx");
	assert_null(ids);
	const char *prefix[] = {"print"}; /* no prefixes */
	assert_int_equal(app_commands_parse(prefix, 1, &ids, &n, &write, &err), -1);
	const char *blank[] = {" ; "};
	assert_int_equal(app_commands_parse(blank, 1, &ids, &n, &write, &err), 0);
	assert_int_equal(n, 0);
	free(ids);
}

static void test_paths(void **state)
{
	(void)state;
	struct settings s;
	settings_init(&s);
	struct nr_error err;
	setenv("XDG_DATA_HOME", "/x/data", 1);
	char *p = app_store_path(&s);
	assert_string_equal(p, "/x/data/newsread/newsread.db");
	free(p);
	assert_int_equal(opt_set(&s, "db", "/y/my.db", &err), 0);
	p = app_store_path(&s);
	assert_string_equal(p, "/y/my.db");
	free(p);
	settings_free(&s);
	assert_true(app_is_stored("https://a.example/feed"));
	assert_true(app_is_stored("HTTP://a.example/feed"));
	assert_true(app_is_stored("exec:cat feed.xml"));
	assert_false(app_is_stored("feed.xml"));
	assert_false(app_is_stored("-"));
	assert_false(app_is_stored("httpx/feed.xml"));
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A folder: loaded from disk with the marks of its real path, nothing stored; a mark
 * made through the interface is in the store and applied on the next load. */
static void test_local_marks(void **state)
{
	(void)state;
	char *dir = xasprintf("%s/posts", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *f1 = xasprintf("%s/one.md", dir), *f2 = xasprintf("%s/two.md", dir);
	write_file(f1, "---\ntitle: One\ndate: 2021-01-02\n---\nBody one.\n");
	write_file(f2, "---\ntitle: Two\ndate: 2021-01-03\n---\nBody two.\n");
	struct settings s;
	settings_init(&s);
	struct nr_error err;
	char *db = xasprintf("%s/data/n.db", tmpdir);
	assert_int_equal(opt_set(&s, "db", db, &err), 0);
	struct app_ctx c = {.s = &s};
	assert_int_equal(app_store_open(&s, 1, &c.store, &err), 0);
	struct stat sb;
	assert_int_equal(stat(db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	char *spelled = xasprintf("%s/./posts/", tmpdir); /* marks follow the real path */
	struct source_spec spec = {.url = spelled};
	struct articles l = {0};
	assert_int_equal(app_load(&c, &spec, 1, &l), 0);
	assert_int_equal(l.n, 2);
	char real[PATH_MAX];
	assert_non_null(realpath(dir, real));
	for (size_t i = 0; i < l.n; i++) {
		assert_string_equal(l.v[i]->mark_source, real);
		assert_false(l.v[i]->read);
		assert_null(l.v[i]->source_title);
	}
	long long unread = -1;
	assert_int_equal(store_count_unread(c.store, NULL, &unread, &err), 0);
	assert_int_equal(unread, 0); /* nothing stored */

	/* the interface: the list's N, then opening the other article */
	articles_sort(&l);
	struct ui *ui = ui_new(&l, "test", 0, &s);
	ui_set_store(ui, c.store);
	struct view *list = ui_view_at(ui, 0);
	assert_string_equal(list->ops->name, "list");
	assert_int_equal(ui_act(ui, ACT_TOGGLE_READ), RD_ALL);
	ui_act(ui, ACT_DOWN);
	ui_act(ui, ACT_OPEN);
	assert_string_equal(ui_view_at(ui, 0)->ops->name, "article");
	ui_free(ui);
	struct store_marks m;
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(store_mark_get(c.store, real, l.v[i]->id, &m, &err), 0);
		assert_true(m.read > 0);
	}
	articles_free(&l);

	/* loaded again: both read; count_unread reads them from disk with the marks */
	assert_int_equal(app_load(&c, &spec, 1, &l), 0);
	assert_true(l.v[0]->read && l.v[1]->read);
	long long count = -1;
	assert_int_equal(app_count_unread(&c, &spec, 1, &count), 0);
	assert_int_equal(count, 0);
	/* toggled back: one unread, in the store too */
	ui = ui_new(&l, "test", 0, &s);
	ui_set_store(ui, c.store);
	ui_act(ui, ACT_TOGGLE_READ);
	ui_free(ui);
	assert_int_equal(app_count_unread(&c, &spec, 1, &count), 0);
	assert_int_equal(count, 1);
	articles_free(&l);

	/* offline, a URL never stored fails; the local folder still loads */
	struct source_spec two[] = {{.url = "http://127.0.0.1:9/never.xml"}, {.url = spelled}};
	c.offline = 1;
	assert_int_equal(app_load(&c, two, 2, &l), 1);
	assert_int_equal(l.n, 2);
	articles_free(&l);

	store_close(c.store);
	settings_free(&s);
	free(spelled);
	free(db);
	free(f1);
	free(f2);
	free(dir);
}

/* An RSS feed of the titles (newest first) into path. */
static void write_feed(const char *path, const char *const *titles, size_t n)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "<rss version=\"2.0\"><channel><title>F</title>");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "<item><title>%s</title><guid>%s</guid><pubDate>Sun, %02zu Nov 2021 10:00:00 +0000</pubDate>"
			   "<description>b</description></item>", titles[i], titles[i], 28 - i);
	buf_adds(&b, "</channel></rss>");
	write_file(path, b.s);
	buf_free(&b);
}

/* Tick the interface until its reload is done (at most 20 s). */
static void tick_until_done(struct ui *ui)
{
	for (int i = 0; i < 2000 && ui_reload_running(ui_reloads(ui)); i++) {
		ui_reload_tick(ui, ui_reloads(ui));
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	assert_false(ui_reload_running(ui_reloads(ui)));
}

/* The background reload: a worker with its own store connection stores what a source
 * gives; the interface's thread adds the new articles, selections stay on theirs. An
 * exec: source stands in for the network (it is stored like a URL). */
static void test_background_reload(void **state)
{
	(void)state;
	struct settings s;
	settings_init(&s);
	struct nr_error err;
	char *db = xasprintf("%s/n.db", tmpdir), *feed = xasprintf("%s/f.xml", tmpdir);
	assert_int_equal(opt_set(&s, "db", db, &err), 0);
	const char *t3[] = {"C", "B", "A"}, *t4[] = {"D", "C", "B", "A"}, *t5[] = {"E", "D", "C", "B", "A"};
	write_feed(feed, t3, 3);
	char *url = xasprintf("exec:cat '%s'", feed);
	struct source_spec spec = {.url = url};
	unsigned char due = 0;
	struct app_ctx c = {.s = &s, .from_store = 1, .due = &due};
	assert_int_equal(app_store_open(&s, 1, &c.store, &err), 0);
	struct articles l = {0};
	c.defer_new = 1; /* the urls file's: a source never stored waits for the reload */
	assert_int_equal(app_load(&c, &spec, 1, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(due, 1);
	c.defer_new = 0; /* the command line's: loaded now */
	due = 0;
	assert_int_equal(app_load(&c, &spec, 1, &l), 0); /* never stored: loaded now */
	assert_int_equal(l.n, 3);
	assert_int_equal(due, 0);
	articles_free(&l);
	assert_int_equal(app_load(&c, &spec, 1, &l), 0); /* stored: shown from the store */
	assert_int_equal(l.n, 3);
	assert_int_equal(due, 1);
	articles_sort(&l);

	write_feed(feed, t4, 4);
	struct app_reload *r = app_reload_new(&s, &spec, 1, c.store);
	struct ui_reloader rl = app_reloader(r);
	struct ui *ui = ui_new(&l, "test", 0, &s);
	ui_set_reloader(ui, &rl);
	struct view *list = ui_view_at(ui, 0);
	assert_string_equal(list->ops->name, "list");
	ui_act(ui, ACT_DOWN); /* B */
	assert_string_equal(articles_get(&l, list->ops->selected(list))->title, "B");
	assert_int_equal(ui_act(ui, ACT_RELOAD_ALL), RD_STATUS);
	assert_int_equal(ui_act(ui, ACT_RELOAD_ALL), RD_STATUS); /* one at a time: a message */
	tick_until_done(ui);
	assert_int_equal(l.n, 4);
	assert_string_equal(articles_get(&l, list->ops->selected(list))->title, "B");
	assert_int_equal(list->m.sel, 2);
	assert_string_equal(ui_reload_text(ui_reloads(ui)), "reloaded 1 source");

	/* r: the selected article's source; a failure is counted with its reason */
	write_feed(feed, t5, 5);
	assert_int_equal(ui_act(ui, ACT_RELOAD), RD_STATUS);
	tick_until_done(ui);
	assert_int_equal(l.n, 5);
	assert_string_equal(articles_get(&l, list->ops->selected(list))->title, "B");
	assert_int_equal(unlink(feed), 0);
	ui_act(ui, ACT_RELOAD);
	tick_until_done(ui);
	assert_int_equal(l.n, 5); /* the stored ones stay */
	assert_non_null(strstr(ui_reload_text(ui_reloads(ui)), "reloaded 1 source, 1 failed: exec:cat"));

	ui_free(ui);
	assert_int_equal(app_reload_free(r), 0);
	/* offline: nothing starts */
	r = app_reload_new(&s, &spec, 1, c.store);
	assert_int_equal(opt_set(&s, "offline", "on", &err), 0);
	assert_int_equal(app_reload_start(r, NULL, &err), -1);
	assert_string_equal(err.msg, "offline: nothing is downloaded");
	assert_int_equal(app_reload_free(r), 0);
	articles_free(&l);
	store_close(c.store);
	settings_free(&s);
	free(url);
	free(feed);
	free(db);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_paths),
		cmocka_unit_test_setup_teardown(test_local_marks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_background_reload, setup, teardown),
	};
	return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
