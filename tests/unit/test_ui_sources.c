/* Unit tests for the sources view: column fitting by display width (CJK titles cut and
 * padded to exactly the column), the status line's failure note, and the view over an
 * interface without a terminal: S opens it, its rows count each source's articles in
 * memory, Enter lists one source's articles. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "newsread/article.h"
#include "newsread/layout.h"
#include "newsread/settings.h"
#include "ui/ui_view.h"

static char *fit(const char *s, int w, int right)
{
	struct buf b;
	buf_init(&b);
	ui_fit(&b, s, w, right);
	return buf_steal(&b);
}

static void expect_fit(const char *s, int w, int right, const char *want)
{
	char *got = fit(s, w, right);
	assert_string_equal(got ? got : "", want);
	if (w > 0)
		assert_int_equal(text_width(got, strlen(got)), w);
	free(got);
}

static void test_fit(void **state)
{
	(void)state;
	expect_fit("abc", 5, 0, "abc  ");
	expect_fit("abc", 5, 1, "  abc");
	expect_fit("abc", 3, 0, "abc");
	expect_fit("abcdef", 4, 0, "abc~");
	/* wide characters: two columns each, never cut in half */
	expect_fit("证券时报", 8, 0, "证券时报");
	expect_fit("证券时报", 10, 0, "证券时报  ");
	expect_fit("证券时报", 10, 1, "  证券时报");
	expect_fit("证券时报网", 8, 0, "证券时~ ");  /* 6 columns + ~ + a space where 报 would cross */
	expect_fit("证券时报网", 7, 0, "证券时~");
	expect_fit("a证券", 4, 0, "a证~");
	expect_fit("证", 1, 0, "~");
	expect_fit("", 3, 1, "   ");
	char *none = fit("abc", 0, 0);
	assert_true(!none || !*none);
	free(none);
}

static void test_status_hint(void **state)
{
	(void)state;
	char buf[96];
	struct ui_source s[3] = {
		{.url = "http://a/feed", .stored = 1},
		{.url = "posts"},
		{.url = "http://b/feed", .stored = 1},
	};
	ui_status_hint(s, 3, buf, sizeof buf);
	assert_string_equal(buf, "? help  q back");
	s[0].error = "http://a/feed: HTTP status 404";
	ui_status_hint(s, 3, buf, sizeof buf);
	assert_string_equal(buf, "? help  q back  1 source failed: S shows it");
	s[2].error = "http://b/feed: timed out after 30 s (3 tries)";
	ui_status_hint(s, 3, buf, sizeof buf);
	assert_string_equal(buf, "? help  q back  2 sources failed: S shows them");
}

static struct article *mk(const char *title, const char *source, const char *own, time_t date)
{
	struct article *a = article_new();
	a->title = xstrdup(title);
	a->id = xstrdup(title);
	a->source = xstrdup(source);
	a->source_title = own ? xstrdup(own) : NULL;
	a->date = date;
	a->has_date = 1;
	return a;
}

static void test_view(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("f1", "http://x/feed", "要闻", 900));
	articles_push(&l, mk("p1", "posts", NULL, 800));
	articles_push(&l, mk("f2", "http://x/feed", "要闻", 700));
	l.v[2]->read = 1;
	struct ui_source srcs[3] = {
		{.url = "http://x/feed", .stored = 1},
		{.url = "posts"},
		{.url = "http://y/gone", .error = "http://y/gone: HTTP status 404", .stored = 1},
	};
	struct settings st;
	settings_init(&st);
	struct ui *ui = ui_new(&l, "test", 0, &st);
	ui_set_sources(ui, srcs, 3);
	struct view *list = ui_view_at(ui, 0);
	assert_string_equal(list->ops->name, "list");
	ui_act(ui, ACT_SOURCES);
	struct view *sv = ui_view_at(ui, 0);
	assert_string_equal(sv->ops->name, "sources");
	assert_int_equal(sv->m.n, 3);
	assert_true(sv->ops->match(sv, 0, "要闻"));   /* the feed's own title */
	assert_true(sv->ops->match(sv, 1, "posts"));
	assert_true(sv->ops->match(sv, 2, "http://y/gone"));
	struct buf t;
	buf_init(&t);
	sv->ops->title(sv, &t);
	assert_non_null(strstr(t.s, "3 sources, 1 failed"));
	buf_free(&t);
	ui_act(ui, ACT_OPEN); /* the feed: its two articles */
	struct view *fl = ui_view_at(ui, 0);
	assert_string_equal(fl->ops->name, "list");
	assert_int_equal(fl->m.n, 2);
	assert_true(fl->ops->match(fl, 0, "f1"));
	assert_true(fl->ops->match(fl, 1, "f2"));
	/* a new article of the feed appears in its list; one of another source does not */
	articles_add(&l, mk("f3", "http://x/feed", "要闻", 1000));
	articles_add(&l, mk("p2", "posts", NULL, 1100));
	ui_articles_changed(ui);
	assert_int_equal(fl->m.n, 3);
	ui_act(ui, ACT_BACK);
	assert_ptr_equal(ui_view_at(ui, 0), sv);
	ui_act(ui, ACT_DOWN);
	ui_act(ui, ACT_OPEN); /* the folder */
	assert_int_equal(ui_view_at(ui, 0)->m.n, 2);
	ui_act(ui, ACT_BACK);
	ui_act(ui, ACT_DOWN);
	ui_act(ui, ACT_OPEN); /* the failed source: an empty list */
	assert_int_equal(ui_view_at(ui, 0)->m.n, 0);
	ui_free(ui);
	settings_free(&st);
	articles_free(&l);
}

static void test_source_name(void **state)
{
	(void)state;
	struct article *a = mk("t", "http://x/feed", "要闻", 1);
	assert_string_equal(article_source_name(a), "要闻");
	a->source_named = 1; /* the urls file's ~name wins */
	free(a->source);
	a->source = xstrdup("我的源");
	assert_string_equal(article_source_name(a), "我的源");
	a->source_named = 0;
	free(a->source_title);
	a->source_title = NULL;
	assert_string_equal(article_source_name(a), "我的源");
	article_free(a);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_status_hint),
		cmocka_unit_test(test_view),
		cmocka_unit_test(test_source_name),
	};
	return cmocka_run_group_tests_name("ui_sources", tests, NULL, NULL);
}
