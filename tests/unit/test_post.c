/* Unit tests for post.c and post_dir.c: front matter, bodies, the archive's quirks, folders. */
#include "testutil.h"

#include "newsread/post.h"

#include <sys/stat.h>
#include <unistd.h>

#define SRC FIXTURES "/sources"

/* Parse a fixture file as a post; returns the one article (the list keeps it). */
static struct article *load(struct articles *l, const char *name)
{
	char *path = NULL, *data = NULL;
	size_t len;
	struct nr_error e;
	path = xasprintf("%s/%s", SRC, name);
	assert_int_equal(read_file(path, 1 << 20, &data, &len, &e), 0);
	assert_int_equal(post_parse(data, len, path, name, NULL, l, &e), 0);
	free(data);
	free(path);
	assert_true(l->n >= 1);
	return l->v[l->n - 1];
}

static void assert_path(const struct article *a, size_t i, const char *joined)
{
	assert_true(i < a->ncats);
	char *p = catpath_join(&a->cats[i], "/");
	assert_string_equal(p, joined);
	free(p);
}

static void test_seedlike(void **state)
{
	(void)state;
	struct articles l = {0};
	struct article *a = load(&l, "post_seedlike.md");
	assert_string_equal(a->title, "江南新能源装备公司发布三季度报告 营收同比增长一成");
	assert_int_equal(a->ncats, 1);
	assert_int_equal(a->cats[0].n, 3);
	assert_path(a, 0, "金融/示例财经网/公司");
	assert_string_equal(a->author, "示例财经网");
	assert_true(a->has_date);
	assert_int_equal((long long)a->date, 1647336600LL);
	assert_true(a->date_zone_known);
	assert_string_equal(a->image, "https://img.example.cn/news/202203/lead_photo_0315.png");
	assert_string_equal(a->link, SRC "/post_seedlike.md");
	assert_string_equal(a->id, "post_seedlike.md");
	assert_string_equal(a->lang, "zh");
	/* HTML body kept as written: never through cmark (no code block from the indent) */
	assert_non_null(strstr(a->html, "<div>"));
	assert_null(strstr(a->html, "<pre>"));
	assert_non_null(strstr(a->html, "trsHotWords"));
	assert_null(strstr(a->html, "title:"));
	articles_free(&l);
}

static void test_invalid_date_braces_bare_text(void **state)
{
	(void)state;
	struct articles l = {0};
	struct article *a = load(&l, "post_invalid_date.md");
	assert_string_equal(a->title, "关于{测试}栏目调整的说明");
	assert_false(a->has_date);
	assert_null(a->image); /* the placeholder picture is not a lead image */
	assert_path(a, 0, "新媒体/示例日报");
	/* bare text -> Markdown -> paragraphs; full-width indented lines keep their breaks */
	assert_non_null(strstr(a->html, "<p>"));
	assert_non_null(strstr(a->html, "<br />"));
	assert_non_null(strstr(a->html, "感谢大家长期以来的支持。"));
	articles_free(&l);
}

static void test_markdown(void **state)
{
	(void)state;
	struct articles l = {0};
	struct article *a = load(&l, "post_markdown.md");
	assert_string_equal(a->title, "用 C 语言写一个终端阅读器：第一部分");
	assert_int_equal(a->ncats, 1); /* a flow list is one path */
	assert_path(a, 0, "编程/开源/C 语言");
	assert_string_equal(a->author, "林小舟");
	assert_string_equal(a->link, "https://blog.example.org/2023/06/reader-part-1/");
	assert_string_equal(a->image, "https://img.example.org/covers/reader-part1.jpg");
	assert_string_equal(a->lang, "zh-CN");
	/* the archive's &#123; inside a code block is a brace, not literal entity text */
	assert_non_null(strstr(a->html, "int main(void) { return 0; }"));
	/* a zone-less time in a Chinese post is UTC+8 */
	assert_true(a->has_date);
	assert_false(a->date_zone_known);
	assert_int_equal((long long)a->date, 1685621700LL);
	assert_non_null(strstr(a->html, "<h2>为什么要自己写</h2>"));
	assert_non_null(strstr(a->html, "<strong>很多</strong>"));
	assert_non_null(strstr(a->html, "<span class=\"note\">")); /* raw HTML kept */
	assert_non_null(strstr(a->html, "<li>"));
	assert_non_null(strstr(a->html, "<code class=\"language-c\">"));
	articles_free(&l);
}

static void test_broken_front_matter(void **state)
{
	(void)state;
	struct articles l = {0};
	struct article *a = load(&l, "post_broken_fm.md");
	assert_string_equal(a->title, "前言损坏时的标题");
	assert_int_equal(a->ncats, 0);
	/* the whole file is the body, front matter lines included */
	assert_non_null(strstr(a->html, "categories: 金融"));
	assert_non_null(strstr(a->html, "整篇文件都应当当作正文显示"));
	articles_free(&l);
}

static void test_title_from_file_name(void **state)
{
	(void)state;
	struct articles l = {0};
	struct article *a = load(&l, "note_without_front_matter.md");
	assert_string_equal(a->title, "note_without_front_matter");
	assert_false(a->has_date);
	assert_non_null(strstr(a->html, "<p>第二段"));
	articles_free(&l);
}

static void test_indented_html_and_comment(void **state)
{
	(void)state;
	struct articles l = {0};
	struct article *a = load(&l, "post_indented_html.md");
	assert_path(a, 0, "科学"); /* `category:` scalar */
	assert_null(strstr(a->html, "<pre>"));
	assert_null(strstr(a->html, "&lt;p&gt;"));
	assert_non_null(strstr(a->html, "<div class=\"content\">"));
	assert_string_equal(a->image, "https://img.example.cn/science/lead.jpg");
	assert_int_equal((long long)a->date, 1672617600LL);
	articles_free(&l);
}

static struct article *parse_str(struct articles *l, const char *text, const char *path)
{
	struct nr_error e;
	assert_int_equal(post_parse(text, strlen(text), path, NULL, NULL, l, &e), 0);
	return l->v[l->n - 1];
}

static void test_category_shapes(void **state)
{
	(void)state;
	struct articles l = {0};
	struct article *a = parse_str(&l, "---\ntitle: x\ncategories: 体育\n---\ntext\n", "a.md");
	assert_int_equal(a->ncats, 1);
	assert_path(a, 0, "体育");
	/* Hexo: a list of lists is several paths */
	a = parse_str(&l, "---\ntitle: x\ncategories:\n  - [科技, 手机]\n  - [财经]\n---\ntext\n", "b.md");
	assert_int_equal(a->ncats, 2);
	assert_path(a, 0, "科技/手机");
	assert_path(a, 1, "财经");
	/* categories win over the folder path; without them the folder path is used */
	struct nr_error e;
	const char *t = "---\ntitle: y\ncategories: [文化]\n---\nz\n";
	assert_int_equal(post_parse(t, strlen(t), "d/c.md", "c.md", "甲/乙", &l, &e), 0);
	assert_int_equal(l.v[l.n - 1]->ncats, 1);
	assert_path(l.v[l.n - 1], 0, "文化");
	t = "---\ntitle: y\n---\nz\n";
	assert_int_equal(post_parse(t, strlen(t), "d/c.md", "c.md", "甲/乙", &l, &e), 0);
	assert_path(l.v[l.n - 1], 0, "甲/乙");
	articles_free(&l);
}

static void test_sniff(void **state)
{
	(void)state;
	const char *yes[] = {"---\na: 1\n---\n", "\n\n---\ntitle: t\n---\nbody", "\r\n---\r\ntitle: t\r\n---\r\n",
			     "---\ntitle: t\n...\nbody"};
	const char *no[] = {"# heading\n", "----\ntitle: t\n----\n", "---\nno end\n", "", "<p>---</p>",
			    "text\n---\na: 1\n---\n"};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++)
		assert_true(post_sniff(yes[i], strlen(yes[i])));
	for (size_t i = 0; i < ARRAY_LEN(no); i++)
		assert_false(post_sniff(no[i], strlen(no[i])));
}

/* Hostile YAML: deep nesting, aliases, a non-mapping front matter, CRLF, control characters. */
static void test_hostile_yaml(void **state)
{
	(void)state;
	struct articles l = {0};
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "---\ntitle: ");
	for (int i = 0; i < 5000; i++)
		buf_addc(&b, '[');
	buf_adds(&b, "\n---\n正文\n");
	struct article *a = parse_str(&l, b.s, "deep.md");
	assert_string_equal(a->title, "deep"); /* broken: whole file is body, title from the name */
	buf_free(&b);

	a = parse_str(&l, "---\nx: &a [1, 2]\ntitle: *a\nauthor: \"甲\\t乙\\x01\"\n---\nbody\n", "alias.md");
	assert_string_equal(a->title, "alias"); /* an alias is never expanded */
	assert_string_equal(a->author, "甲 乙");
	a = parse_str(&l, "---\njust a line\n---\n正文\n", "scalar.md");
	assert_non_null(strstr(a->html, "just a line")); /* not a mapping: not front matter */
	a = parse_str(&l, "\r\n---\r\ntitle: 回车换行\r\ndate: Wed, 24 Nov 2021 12:49:00 GMT\r\n---\r\n<p>文</p>\r\n",
		      "crlf.md");
	assert_string_equal(a->title, "回车换行");
	assert_true(a->has_date);
	a = parse_str(&l, "---\n---\n# 空前言\n", "empty.md");
	assert_string_equal(a->title, "空前言");
	articles_free(&l);
}

static void test_markdown_to_html(void **state)
{
	(void)state;
	char *h = post_markdown_to_html("a <b>raw</b>\n\n    code\n", 23);
	assert_non_null(strstr(h, "<b>raw</b>"));
	assert_non_null(strstr(h, "<pre><code>code"));
	free(h);
	h = post_markdown_to_html("", 0);
	assert_string_equal(h, "");
	free(h);
}

static int find_title(const struct articles *l, const char *title)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i]->title && strcmp(l->v[i]->title, title) == 0)
			return (int)i;
	return -1;
}

static void test_archive_dir(void **state)
{
	(void)state;
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(post_load_dir(SRC "/archive/", &l, &e), 0);
	assert_int_equal(l.n, 2); /* the hidden draft, the PNG and themes/README.md are not posts */
	int i = find_title(&l, "央行开展逆回购操作 维护流动性合理充裕");
	assert_true(i >= 0);
	assert_path(l.v[i], 0, "金融/示例财经网/要闻");
	assert_string_equal(l.v[i]->id, "source/_posts/金融/示例财经网/要闻/央行开展逆回购操作 维护流动性合理充裕.md");
	assert_string_equal(l.v[i]->source, SRC "/archive");
	i = find_title(&l, "国产开源数据库发布新版本");
	assert_true(i >= 0);
	assert_int_equal(l.v[i]->ncats, 1); /* no categories in its front matter: the folder path */
	assert_path(l.v[i], 0, "科技/示例科技网/快讯");
	assert_non_null(strstr(l.v[i]->html, "<br />"));
	articles_free(&l);
}

static void test_plain_dir(void **state)
{
	(void)state;
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(post_load_dir(SRC "/folder", &l, &e), 0);
	assert_int_equal(l.n, 3);
	int i = find_title(&l, "滨江公园改造完成 周末重新开放");
	assert_true(i >= 0);
	assert_path(l.v[i], 0, "国内/城市");
	assert_string_equal(l.v[i]->id, "国内/城市/公园改造完成.md");
	i = find_title(&l, "早间简报：三月十日");
	assert_true(i >= 0);
	assert_int_equal(l.v[i]->ncats, 0); /* at the root: no folder path */
	articles_free(&l);
}

/* A saved page in a folder is a page (reader mode) by the same rule as when it is named
 * on its own (source.c), also after a BOM and a comment: not a post whose body is HTML. */
static void test_dir_whole_page(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/nr-post-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	char *file = xasprintf("%s/saved.html", d);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("\xEF\xBB\xBF<!-- saved from url=(0031)https://news.example.cn/a/1.html -->\n"
	      "<!DOCTYPE html><html><head><title>新港口码头投入使用_示例新闻网</title></head><body>"
	      "<div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"article\"><h1>新港口码头投入使用</h1>"
	      "<p>记者从市港务集团获悉，新港口码头今日上午正式投入使用，共建成深水泊位六个。</p>"
	      "<p>新码头投入使用后，港区货物周转时间将明显缩短，周边物流企业也将迎来新的发展机会。</p>"
	      "</div></body></html>\n",
	      f);
	fclose(f);
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(post_load_dir(d, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0]->title, "新港口码头投入使用");
	const char *body = article_html(l.v[0]);
	assert_non_null(body);
	assert_non_null(strstr(body, "深水泊位"));
	assert_null(strstr(body, "首页")); /* reader mode left the navigation out */
	articles_free(&l);
	unlink(file);
	rmdir(d);
	free(file);
}

static void test_dir_loops_and_empty(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/nr-post-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	char *sub = xasprintf("%s/子目录", d);
	char *loop = xasprintf("%s/子目录/回环", d);
	char *file = xasprintf("%s/子目录/一篇.md", d);
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(post_load_dir(d, &l, &e), -1); /* an empty folder */
	assert_non_null(strstr(e.msg, "no posts"));
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(symlink("..", loop), 0); /* a symlink loop */
	assert_int_equal(post_load_dir(d, &l, &e), -1);
	assert_non_null(strstr(e.msg, d));
	assert_non_null(strstr(e.msg, "no posts"));
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("---\ntitle: 回环里的文章\n---\n正文\n", f);
	fclose(f);
	assert_int_equal(post_load_dir(d, &l, &e), 0);
	assert_int_equal(l.n, 1); /* read once, not once per trip round the loop */
	assert_path(l.v[0], 0, "子目录");
	articles_free(&l);
	unlink(file);
	unlink(loop);
	rmdir(sub);
	rmdir(d);
	free(sub);
	free(loop);
	free(file);
	assert_int_equal(post_load_dir("/nonexistent/nr-folder", &l, &e), -1);
}

int main(void)
{
	test_locale();
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seedlike),
		cmocka_unit_test(test_invalid_date_braces_bare_text),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_broken_front_matter),
		cmocka_unit_test(test_title_from_file_name),
		cmocka_unit_test(test_indented_html_and_comment),
		cmocka_unit_test(test_category_shapes),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_hostile_yaml),
		cmocka_unit_test(test_markdown_to_html),
		cmocka_unit_test(test_archive_dir),
		cmocka_unit_test(test_plain_dir),
		cmocka_unit_test(test_dir_whole_page), cmocka_unit_test(test_dir_loops_and_empty),
	};
	return cmocka_run_group_tests_name("post", tests, NULL, NULL);
}
