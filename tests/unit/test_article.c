/* Unit tests for article.c: categories, sorting, de-duplication, the collection's handles. */
#include "testutil.h"

#include "newsread/article.h"
#include "newsread/util.h"

static struct article *mk(const char *id, const char *link, time_t date, int has_date)
{
	struct article *a = article_new();
	a->id = xstrdup(id);
	a->link = xstrdup(link);
	a->date = date;
	a->has_date = has_date;
	a->title = xstrdup(id);
	return a;
}

static void test_categories(void **state)
{
	(void)state;
	struct article *a = article_new();
	article_add_cat_str(a, "金融/证券时报网/要闻", '/');
	article_add_cat_str(a, "金融/证券时报网/要闻", '/'); /* same path once */
	const char *parts[] = {" 科技 ", "", "36氪"};
	article_add_cat(a, parts, 3);
	article_add_cat_str(a, "", '/'); /* empty path ignored */
	assert_int_equal(a->ncats, 2);
	assert_int_equal(a->cats[0].n, 3);
	char *j = catpath_join(&a->cats[0], " › ");
	assert_string_equal(j, "金融 › 证券时报网 › 要闻");
	free(j);
	j = catpath_join(&a->cats[1], "/");
	assert_string_equal(j, "科技/36氪");
	free(j);
	article_free(a);
}

static void test_categories_bounded(void **state)
{
	(void)state;
	struct article *a = article_new();
	for (int i = 0; i < 5000; i++) {
		char p[32];
		snprintf(p, sizeof p, "分类%d/子类", i);
		article_add_cat_str(a, p, '/');
	}
	assert_int_equal(a->ncats, ARTICLE_MAX_CATS);
	article_free(a);
}

static void test_sort_newest_first_undated_last(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("old", "l1", 100, 1));
	articles_push(&l, mk("undated1", "l2", 0, 0));
	articles_push(&l, mk("new", "l3", 300, 1));
	articles_push(&l, mk("mid", "l4", 200, 1));
	articles_push(&l, mk("undated2", "l5", 0, 0));
	articles_push(&l, mk("mid2", "l6", 200, 1));
	articles_sort(&l);
	const char *want[] = {"new", "mid", "mid2", "old", "undated1", "undated2"};
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		assert_string_equal(l.v[i]->id, want[i]);
	articles_free(&l);
}

static void test_dedup_by_id_or_link(void **state)
{
	(void)state;
	struct articles l = {0};
	struct article *a = mk("guid-1", "http://x/1", 1, 1);
	article_add_cat_str(a, "金融", '/');
	articles_push(&l, a);
	struct article *b = mk("guid-1", "http://x/other", 1, 1); /* same id */
	article_add_cat_str(b, "要闻", '/');
	articles_push(&l, b);
	articles_push(&l, mk("guid-2", "http://x/1", 1, 1)); /* same link */
	articles_push(&l, mk("guid-3", "http://x/3", 1, 1));
	articles_dedup(&l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0]->id, "guid-1");
	assert_string_equal(l.v[1]->id, "guid-3");
	assert_int_equal(l.v[0]->ncats, 2); /* categories of the duplicate merged */
	articles_free(&l);
}

static void test_dedup_many(void **state)
{
	(void)state;
	struct articles l = {0};
	for (int i = 0; i < 5000; i++) {
		char id[32], link[32];
		snprintf(id, sizeof id, "id%d", i % 2500);
		snprintf(link, sizeof link, "link%d", i);
		articles_push(&l, mk(id, link, i, 1));
	}
	articles_dedup(&l);
	assert_int_equal(l.n, 2500);
	articles_free(&l);
}

/* Every article of l is found by its handle, each handle once. */
static void check_index(const struct articles *l)
{
	for (size_t i = 0; i < l->n; i++) {
		assert_true(l->v[i]->handle != 0);
		assert_ptr_equal(articles_get(l, l->v[i]->handle), l->v[i]);
		assert_ptr_equal(l->byh[i], articles_get(l, l->byh[i]->handle));
	}
}

static void test_handles(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("a", "la", 100, 1));
	articles_push(&l, mk("b", "lb", 300, 1));
	articles_push(&l, mk("c", "lc", 200, 1));
	articles_push(&l, mk("a", "la2", 50, 1)); /* a duplicate of a, dropped by dedup */
	/* not stored: negative handles, never a store row id */
	assert_int_equal(l.v[0]->handle, -1);
	assert_int_equal(l.v[3]->handle, -4);
	articles_dedup(&l);
	articles_sort(&l); /* b c a */
	assert_int_equal(l.n, 3);
	check_index(&l);
	assert_null(articles_get(&l, -4));
	assert_string_equal(articles_get(&l, -2)->id, "b");
	/* added articles take their place by date and a new handle, never one used before */
	article_handle d = articles_add(&l, mk("d", "ld", 250, 1));
	assert_int_equal(d, -5);
	article_handle e = articles_add(&l, mk("e", "le", 0, 0)); /* undated: last */
	article_handle f = articles_add(&l, mk("f", "lf", 200, 1)); /* after c, same date */
	const char *want[] = {"b", "d", "c", "f", "a", "e"};
	assert_int_equal(l.n, ARRAY_LEN(want));
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		assert_string_equal(l.v[i]->id, want[i]);
	check_index(&l);
	/* removal: gone from the order and from the index; the others keep their handles */
	assert_int_equal(articles_remove(&l, d), 0);
	assert_int_equal(articles_remove(&l, d), -1);
	assert_int_equal(articles_remove(&l, 999), -1);
	assert_null(articles_get(&l, d));
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[1]->id, "c");
	assert_string_equal(articles_get(&l, f)->id, "f");
	assert_string_equal(articles_get(&l, e)->id, "e");
	check_index(&l);
	assert_int_equal(articles_add(&l, mk("g", "lg", 1, 1)), -8); /* -5 (d, removed) is not reused */
	/* a handle the article has (a store's row id) is kept, in or out of order */
	struct article *x = mk("x", "lx", 2, 1);
	x->handle = 40;
	articles_push(&l, x);
	struct article *y = mk("y", "ly", 2, 1);
	y->handle = 7; /* a row id, not the given -7 */
	assert_int_equal(articles_add(&l, y), 7);
	assert_ptr_equal(articles_get(&l, 40), x);
	assert_ptr_equal(articles_get(&l, 7), y);
	assert_int_equal(articles_add(&l, mk("z", "lz", 2, 1)), -9);
	assert_null(articles_get(&l, -5));
	check_index(&l);
	/* many in and out, stored and not */
	for (int i = 0; i < 2000; i++) {
		char id[32];
		snprintf(id, sizeof id, "m%d", i);
		struct article *m = mk(id, id, i % 97, 1);
		if (i % 2)
			m->handle = 1000 + i;
		article_handle h = articles_add(&l, m);
		if (i % 3)
			assert_int_equal(articles_remove(&l, h), 0);
	}
	check_index(&l);
	assert_int_equal(l.n, 9 + 667);
	articles_free(&l);
	assert_null(articles_get(&l, 1));
}

/* Moving a source's list into the combined one: row ids stay, handles the source's own
 * list gave are replaced (two sources both gave -1), and every article is found by its
 * new handle. */
static void test_move(void **state)
{
	(void)state;
	struct articles a = {0}, b = {0}, all = {0};
	articles_push(&a, mk("a1", "la1", 100, 1));
	articles_push(&a, mk("a2", "la2", 200, 1));
	struct article *stored = mk("b1", "lb1", 300, 1);
	stored->handle = 42;
	articles_push(&b, stored);
	articles_push(&b, mk("b2", "lb2", 400, 1));
	assert_int_equal(a.v[0]->handle, -1);
	assert_int_equal(b.v[1]->handle, -1);
	articles_move(&all, &a);
	articles_move(&all, &b);
	assert_int_equal(a.n, 0);
	assert_null(a.v);
	assert_int_equal(b.n, 0);
	assert_int_equal(all.n, 4);
	assert_string_equal(all.v[0]->id, "a1");
	assert_string_equal(all.v[3]->id, "b2");
	assert_int_equal(all.v[2]->handle, 42);
	for (size_t i = 0; i < all.n; i++) {
		assert_true(all.v[i]->handle != 0);
		assert_ptr_equal(articles_get(&all, all.v[i]->handle), all.v[i]);
		for (size_t j = 0; j < i; j++)
			assert_true(all.v[i]->handle != all.v[j]->handle);
	}
	articles_free(&all);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_categories_bounded),
		cmocka_unit_test(test_sort_newest_first_undated_last),
		cmocka_unit_test(test_dedup_by_id_or_link),
		cmocka_unit_test(test_dedup_many),
		cmocka_unit_test(test_handles),
		cmocka_unit_test(test_move),
	};
	return cmocka_run_group_tests_name("article", tests, NULL, NULL);
}
