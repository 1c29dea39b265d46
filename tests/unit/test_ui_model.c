/* Unit tests for the line-view model (moves, selection kept by handle, search) and for
 * the views over a changing collection: articles added and removed under an open tree,
 * list and article view keep each view's selection on its article, or move it to the
 * next one (else the previous) when that article goes. No terminal: ui_new and ui_act. */
#include "testutil.h"

#include "newsread/article.h"
#include "newsread/settings.h"
#include "ui/ui_view.h"

static void test_moves(void **state)
{
	(void)state;
	struct lview m = {.n = 100};
	assert_int_equal(lview_move(&m, ACT_DOWN, 10), RD_ALL);
	assert_int_equal(m.sel, 1);
	assert_int_equal(lview_move(&m, ACT_UP, 10), RD_ALL);
	assert_int_equal(lview_move(&m, ACT_UP, 10), RD_NONE); /* at the top already */
	lview_move(&m, ACT_PAGE_DOWN, 10);                      /* a page is h - 1 rows */
	assert_int_equal(m.sel, 9);
	assert_int_equal(m.top, 9);
	lview_move(&m, ACT_HALF_DOWN, 10);
	assert_int_equal(m.sel, 14);
	lview_move(&m, ACT_BOTTOM, 10);
	assert_int_equal(m.sel, 99);
	assert_int_equal(m.top, 90);
	lview_move(&m, ACT_TOP, 10);
	assert_int_equal(m.sel, 0);
	assert_int_equal(m.top, 0);
	assert_int_equal(lview_move(&m, ACT_OPEN, 10), RD_NONE); /* not a move */
	assert_false(lview_is_move(ACT_OPEN));
	assert_true(lview_is_move(ACT_HALF_UP));

	/* a pager scrolls, never past the last full window */
	struct lview p = {.n = 30, .pager = 1};
	lview_move(&p, ACT_PAGE_DOWN, 10);
	assert_int_equal(p.top, 9);
	lview_move(&p, ACT_PAGE_DOWN, 10);
	lview_move(&p, ACT_PAGE_DOWN, 10);
	assert_int_equal(p.top, 20);
	assert_int_equal(lview_move(&p, ACT_DOWN, 10), RD_NONE);
	lview_move(&p, ACT_HALF_UP, 10);
	assert_int_equal(p.top, 15);
	p.n = 12; /* fewer lines after a relayout */
	lview_fit(&p, 10);
	assert_int_equal(p.top, 2);
	/* no rows: nothing moves */
	struct lview e = {0};
	assert_int_equal(lview_move(&e, ACT_DOWN, 10), RD_NONE);
	lview_fit(&e, 10);
	assert_int_equal(e.sel, 0);
}

static void test_resync(void **state)
{
	(void)state;
	const article_handle old[] = {10, 11, 12, 13, 14};
	/* articles added before and after: the selection stays on 12, on its screen row */
	struct lview m = {.n = 5, .sel = 2, .top = 1};
	const article_handle grown[] = {20, 21, 10, 11, 12, 22, 13, 14};
	lview_resync(&m, old, 5, grown, 8);
	assert_int_equal(m.n, 8);
	assert_int_equal(m.sel, 4);
	assert_int_equal(m.top, 3);
	/* the selected one removed: the next one */
	m = (struct lview){.n = 5, .sel = 2};
	const article_handle no12[] = {10, 11, 13, 14};
	lview_resync(&m, old, 5, no12, 4);
	assert_int_equal(m.sel, 2); /* 13 */
	/* it and the next ones removed: the previous one still there */
	m = (struct lview){.n = 5, .sel = 2};
	const article_handle only10[] = {10};
	lview_resync(&m, old, 5, only10, 1);
	assert_int_equal(m.sel, 0);
	m = (struct lview){.n = 5, .sel = 4};
	const article_handle no14[] = {13, 12, 11};
	lview_resync(&m, old, 5, no14, 3);
	assert_int_equal(m.sel, 0); /* 13, wherever it is now */
	/* everything gone, then rows again */
	m = (struct lview){.n = 5, .sel = 3, .top = 2};
	lview_resync(&m, old, 5, NULL, 0);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.sel, 0);
	lview_resync(&m, NULL, 0, old, 5);
	assert_int_equal(m.n, 5);
	assert_int_equal(m.sel, 0);
}

static struct article *mk(const char *title, const char *cat, time_t date)
{
	struct article *a = article_new();
	a->title = xstrdup(title);
	a->id = xstrdup(title);
	a->html = xstrdup("<p>正文</p>");
	a->date = date;
	a->has_date = 1;
	if (cat)
		article_add_cat_str(a, cat, '/');
	return a;
}

/* The handle of the article titled t. */
static article_handle by_title(const struct articles *l, const char *t)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i]->title, t) == 0)
			return l->v[i]->handle;
	fail_msg("no article %s", t);
	return 0;
}

static const char *title_of(struct articles *l, article_handle h)
{
	struct article *a = articles_get(l, h);
	return a ? a->title : "(none)";
}

static void test_views_follow_changes(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("f1", "金融/要闻", 900));
	articles_push(&l, mk("t1", "科技", 800));
	articles_push(&l, mk("f2", "金融/要闻", 700));
	articles_push(&l, mk("f3", "金融", 600));
	articles_push(&l, mk("f4", "金融/要闻", 500));
	articles_push(&l, mk("t2", "科技", 400));
	struct settings st;
	settings_init(&st);
	struct ui *ui = ui_new(&l, "test", 0, &st);
	struct view *tree = ui_view_at(ui, 0);
	assert_non_null(tree);
	assert_string_equal(tree->ops->name, "tree");
	assert_true(tree->ops->match(tree, tree->m.sel, "金融")); /* the first category */

	/* 金融: f1 f2 f3 f4; open the list, select f2, open it, n to f3 */
	ui_act(ui, ACT_COLLAPSE); /* not expanded: goes to the parent (All articles) */
	ui_act(ui, ACT_DOWN);
	assert_true(tree->ops->match(tree, tree->m.sel, "金融"));
	ui_act(ui, ACT_EXPAND); /* expands 金融 */
	ui_act(ui, ACT_DOWN);   /* 要闻 */
	ui_act(ui, ACT_UP);
	ui_act(ui, ACT_EXPAND); /* 金融 is expanded: opens its list */
	struct view *list = ui_view_at(ui, 0);
	assert_string_equal(list->ops->name, "list");
	assert_int_equal(list->m.n, 4);
	ui_act(ui, ACT_DOWN);
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f2");
	ui_act(ui, ACT_OPEN);
	struct view *art = ui_view_at(ui, 0);
	assert_string_equal(art->ops->name, "article");
	assert_string_equal(title_of(&l, art->ops->selected(art)), "f2");
	ui_act(ui, ACT_NEXT_ARTICLE); /* the list's selection follows, through its step op */
	assert_string_equal(title_of(&l, art->ops->selected(art)), "f3");
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f3");
	assert_int_equal(list->m.sel, 2);

	/* newer articles arrive (rows shift down), one in another category: selections stay */
	articles_add(&l, mk("f0", "金融/要闻", 1000));
	articles_add(&l, mk("f2b", "金融", 650));
	articles_add(&l, mk("t0", "科技", 950));
	ui_articles_changed(ui);
	assert_ptr_equal(ui_view_at(ui, 0), art);
	assert_string_equal(title_of(&l, art->ops->selected(art)), "f3");
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f3");
	assert_int_equal(list->m.n, 6);
	assert_int_equal(list->m.sel, 4); /* f0 f1 f2 f2b f3 f4 */
	assert_true(tree->ops->match(tree, tree->m.sel, "金融")); /* still on its category */

	/* an article above the selection goes: still f3 */
	articles_remove(&l, by_title(&l, "f1"));
	ui_articles_changed(ui);
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f3");
	assert_int_equal(list->m.sel, 3);

	/* the article shown goes: the next one (f4), in the list and the article */
	articles_remove(&l, by_title(&l, "f3"));
	ui_articles_changed(ui);
	assert_ptr_equal(ui_view_at(ui, 0), art);
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f4");
	assert_string_equal(title_of(&l, art->ops->selected(art)), "f4");
	/* the last one goes: the previous one (f2b) */
	articles_remove(&l, by_title(&l, "f4"));
	ui_articles_changed(ui);
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f2b");
	assert_string_equal(title_of(&l, art->ops->selected(art)), "f2b");
	ui_act(ui, ACT_NEXT_ARTICLE); /* the last of the list now */
	assert_string_equal(title_of(&l, art->ops->selected(art)), "f2b");
	ui_act(ui, ACT_PREV_ARTICLE);
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f2");

	/* search, through each view's match op */
	ui_act(ui, ACT_QUIT); /* back to the list */
	assert_ptr_equal(ui_view_at(ui, 0), list);
	assert_int_equal(lview_search(list, "f0", 1), RD_ALL); /* wraps around */
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f0");
	assert_int_equal(lview_search(list, "f2b", -1), RD_ALL); /* backwards, wrapping */
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f2b");
	assert_int_equal(lview_search(list, "nowhere", 1), RD_NONE);
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f2b");
	assert_int_equal(lview_search(tree, "科技", 1), RD_ALL);
	assert_true(tree->ops->match(tree, tree->m.sel, "科技"));
	lview_search(tree, "金融", 1);

	/* every article of the category goes: the list is empty, the tree drops the node and
	 * its selection stays on its row; an article view over it would close */
	ui_act(ui, ACT_OPEN);
	art = ui_view_at(ui, 0);
	assert_string_equal(art->ops->name, "article");
	const char *fin[] = {"f0", "f2", "f2b"};
	for (size_t i = 0; i < 3; i++)
		articles_remove(&l, by_title(&l, fin[i]));
	ui_articles_changed(ui);
	assert_ptr_equal(ui_view_at(ui, 0), list); /* the article view closed */
	assert_int_equal(list->m.n, 0);
	assert_int_equal(list->ops->selected(list), 0);
	assert_ptr_equal(ui_view_at(ui, 1), tree);
	assert_int_equal(tree->m.n, 2); /* All articles, 科技 */
	/* the category comes back: the list shows it again */
	articles_add(&l, mk("f9", "金融", 1100));
	ui_articles_changed(ui);
	assert_int_equal(list->m.n, 1);
	assert_string_equal(title_of(&l, list->ops->selected(list)), "f9");
	ui_free(ui);
	settings_free(&st);
	articles_free(&l);
}

/* A single article (no list below): n and p have nowhere to go; removing it closes. */
static void test_single(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("only", NULL, 1));
	struct settings st;
	settings_init(&st);
	struct ui *ui = ui_new(&l, "test", 1, &st);
	struct view *art = ui_view_at(ui, 0);
	assert_string_equal(art->ops->name, "article");
	assert_int_equal(ui_act(ui, ACT_NEXT_ARTICLE), RD_STATUS);
	assert_string_equal(title_of(&l, art->ops->selected(art)), "only");
	/* the pager's rows are its lines: search makes the matching one the top (the
	 * window never goes past the last full one) */
	art->ops->layout(art, 40, 3);
	art->width = 40;
	art->height = 3;
	assert_true(art->m.n >= 4); /* title, date, blank, body */
	assert_int_equal(lview_search(art, "正文", 1), RD_ALL);
	int seen = 0;
	for (size_t r = art->m.top; r < art->m.top + 3 && r < art->m.n; r++)
		seen += art->ops->match(art, r, "正文");
	assert_int_equal(seen, 1);
	assert_false(art->ops->match(art, 0, "正文"));
	assert_int_equal(lview_search(art, "nowhere", 1), RD_NONE);
	articles_remove(&l, art->ops->selected(art));
	ui_articles_changed(ui);
	assert_null(ui_view_at(ui, 0));
	ui_free(ui);
	settings_free(&st);
	articles_free(&l);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_resync),
		cmocka_unit_test(test_views_follow_changes),
		cmocka_unit_test(test_single),
	};
	return cmocka_run_group_tests_name("ui_model", tests, NULL, NULL);
}
