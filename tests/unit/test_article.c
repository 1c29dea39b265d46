/* Unit tests for article.c: categories, sorting, de-duplication. */
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

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_categories_bounded),
		cmocka_unit_test(test_sort_newest_first_undated_last),
		cmocka_unit_test(test_dedup_by_id_or_link),
		cmocka_unit_test(test_dedup_many),
	};
	return cmocka_run_group_tests_name("article", tests, NULL, NULL);
}
