/* Property tests for post_parse (and source_parse on posts) with hostile front matter
 * and bodies: mutated fixture posts, random YAML, alias bombs, deep nesting, huge
 * scalars, broken UTF-8. Every post yields one clean article fast, with bounded memory. */
#include "fuzzutil.h"

#include "newsread/decode.h"
#include "newsread/post.h"
#include "newsread/source.h"

static void parse_check(const char *in, size_t n, int via_source, int body)
{
	struct articles l = {0};
	struct nr_error err = {{0}};
	/* post_parse takes UTF-8, as its callers (source_parse, post_load_dir) decode first */
	size_t ul;
	char *u = via_source ? NULL : decode_document(in, n, NULL, &ul, NULL);
	int rc = via_source ? source_parse(in, n, NULL, "fuzz.md", "/tmp/fuzz.md", NULL, &l, &err)
			    : post_parse(u, ul, "/tmp/x/fuzz.md", "x/fuzz.md", fz_below(2) ? "金融/要闻" : NULL, &l, &err);
	free(u);
	assert_true(rc == 0 || rc == -1);
	if (rc)
		FZ_TEXT(err.msg, strlen(err.msg), 0, 0, in, n, "error message");
	if (!via_source && rc == 0)
		assert_int_equal(l.n, 1);
	assert_true(l.n <= n / 4 + 1);
	for (size_t i = 0; i < l.n; i++)
		fz_check_article(l.v[i], body, in, n);
	articles_free(&l);
}

static void test_mutated_posts(void **state)
{
	(void)state;
	fz_seed(3001, "posts");
	struct fz_files fs = {0};
	fz_load_dir(&fs, FIXTURES "/sources", ".md|.txt");
	fz_load_dir(&fs, FIXTURES "/ui/posts", ".md");
	fz_load_dir(&fs, FIXTURES "/stocks/posts", ".md");
	assert_true(fs.n >= 10);
	struct buf b;
	buf_init(&b);
	double t0 = fz_cpu();
	for (size_t i = 0; i < fs.n; i++) {
		parse_check(fs.v[i].data, fs.v[i].len, 0, 1);
		for (size_t k = 0; k <= fs.v[i].len && fs.v[i].len < 1200; k += 3)
			parse_check(fs.v[i].data, k, k % 2, 0);
		for (size_t it = 0, n = fz_iters(200); it < n; it++) {
			const struct fz_file *g = &fs.v[fz_below(fs.n)];
			fz_mutate(&b, fs.v[i].data, fs.v[i].len, g->data, g->len);
			parse_check(b.s, b.len, it % 3 == 0, it % 6 == 0);
		}
	}
	printf("# %zu posts mutated in %.2f s\n", fs.n, fz_cpu() - t0);
	buf_free(&b);
	fz_files_free(&fs);
}

static void test_random_front_matter(void **state)
{
	(void)state;
	fz_seed(3002, "random front matter");
	static const char *const yaml[] = {
		"title: ", "categories: ", "tags: ", "date: ", "author: ", "headimg: ", "link: ", "\n", "  ", "- ",
		"[", "]", "{", "}", ", ", ": ", "&a ", "*a", "<<: *a", "!!str ", "!!binary ", "|", ">", "'", "\"",
		"\\u0000", "\\x01", "中文", "金融", "2021-11-24 20:49:00", "Invalid Date", "? ", "---", "...", "#",
		"%YAML 1.1\n", "\xff", "\x01", "\xed\xa0\x80",
	};
	struct buf b;
	buf_init(&b);
	for (size_t it = 0, n = fz_iters(3000); it < n; it++) {
		b.len = 0;
		buf_add(&b, "", 0);
		buf_adds(&b, it % 4 ? "---\n" : "\n---\n");
		for (size_t k = fz_below(60); k; k--)
			buf_adds(&b, yaml[fz_below(ARRAY_LEN(yaml))]);
		buf_adds(&b, "\n---\n");
		if (it % 2)
			buf_adds(&b, "<p>正文 body &#123;</p>\n");
		else
			buf_adds(&b, "# 标题\n\n*正文* [链接](http://x/)\n\n    code\n");
		parse_check(b.s, b.len, it % 5 == 0, it % 20 == 0);
	}
	buf_free(&b);
}

/* Alias bombs, deep nesting and huge scalars: bounded time and output. */
static void test_yaml_bombs(void **state)
{
	(void)state;
	fz_seed(3003, "yaml bombs");
	struct buf b;
	buf_init(&b);
	for (int kind = 0; kind < 6; kind++) {
		b.len = 0;
		buf_add(&b, "", 0);
		buf_adds(&b, "---\ntitle: 炸弹\n");
		switch (kind) {
		case 0: /* billion laughs with aliases */
			buf_adds(&b, "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
			for (int i = 1; i < 12; i++)
				buf_printf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i,
					   i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
			buf_adds(&b, "categories: *a11\ntags: *a11\n");
			break;
		case 1: /* deep flow nesting */
			buf_adds(&b, "categories: ");
			for (int i = 0; i < 100000; i++)
				buf_addc(&b, '[');
			break;
		case 2: /* deep block nesting */
			buf_adds(&b, "tags:\n");
			for (int i = 0; i < 2000; i++) {
				for (int k = 0; k < i && k < 3000; k++)
					buf_addc(&b, ' ');
				buf_adds(&b, "- \n");
			}
			break;
		case 3: /* a 200 KB title and 10000 categories */
			buf_adds(&b, "author: \"");
			for (int i = 0; i < 50000; i++)
				buf_adds(&b, "长\\t\\x1b");
			buf_adds(&b, "\"\ncategories:\n");
			for (int i = 0; i < 10000; i++)
				buf_printf(&b, "  - 分类%d\n", i);
			break;
		case 4: /* merge keys referring to themselves and many anchors */
			for (int i = 0; i < 5000; i++)
				buf_printf(&b, "k%d: &x%d {<<: *x%d, t: %d}\n", i, i, i ? i - 1 : 0, i);
			buf_adds(&b, "categories: *x4999\n");
			break;
		default: /* front matter never closed, 300 KB of it */
			for (int i = 0; i < 20000; i++)
				buf_adds(&b, "key: value 值\n");
			break;
		}
		if (kind != 5)
			buf_adds(&b, "---\n<p>正文</p>\n");
		double t0 = fz_cpu();
		char what[32];
		snprintf(what, sizeof what, "yaml bomb %d", kind);
		struct articles l = {0};
		struct nr_error err = {{0}};
		int rc = post_parse(b.s, b.len, "/tmp/bomb.md", "bomb.md", NULL, &l, &err);
		double dt = fz_cpu() - t0;
		printf("# %s (%zu bytes): rc %d, %.2f s\n", what, b.len, rc, dt);
		assert_true(dt < 5);
		for (size_t i = 0; i < l.n; i++) {
			fz_check_article(l.v[i], 1, what, strlen(what));
			size_t parts = 0;
			for (size_t c = 0; c < l.v[i]->ncats; c++)
				parts += l.v[i]->cats[c].n;
			assert_true(parts < 100000); /* aliases do not multiply categories */
		}
		articles_free(&l);
	}
	buf_free(&b);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutated_posts),
		cmocka_unit_test(test_random_front_matter),
		cmocka_unit_test(test_yaml_bombs),
	};
	return cmocka_run_group_tests_name("fuzz_post", tests, NULL, NULL);
}
