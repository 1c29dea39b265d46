/* Unit tests for source.c: what a document is, errors that name the source, the user's
 * categories and display name, files, folders, standard input and unreachable URLs. */
#include "testutil.h"

#include "newsread/feed.h"
#include "newsread/fetch.h"
#include "newsread/source.h"
#include "source/sniff.h"
#include "source/sniff.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#define SRC FIXTURES "/sources"

/* what main hands down from the settings */
static const struct source_opts test_opts = {.fetch = {5, "newsread-test"}, .parallel = 4};

static void test_binary(void **state)
{
	(void)state;
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	assert_true(sniff_binary(png, sizeof png - 1));
	assert_true(sniff_binary("ab\0cd", 5));
	assert_true(sniff_binary("%PDF-1.4\n", 9));
	assert_true(sniff_binary("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
	assert_false(sniff_binary("纯文本，没有问题。\n", strlen("纯文本，没有问题。\n")));
	assert_false(sniff_binary("\xd6\xd0\xce\xc4", 4)); /* 中文 in GBK: text in a legacy charset */
	assert_false(sniff_binary("\xff\xfe<\0r\0s\0s\0", 10)); /* UTF-16 with BOM */
	assert_false(sniff_binary("", 0));
	assert_false(sniff_binary("a\tb\r\n\x1b[0m", 9));
}

static void test_empty_and_binary_errors(void **state)
{
	(void)state;
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(source_parse("", 0, NULL, "空.md", "空.md", NULL, &l, &e), -1);
	assert_string_equal(e.msg, "空.md: empty document");
	assert_int_equal(source_parse(" \n\r\n\t", 5, "text/plain", "blank", "blank", NULL, &l, &e), -1);
	assert_string_equal(e.msg, "blank: empty document");
	char *data;
	size_t len;
	assert_int_equal(read_file(SRC "/binary.png", 1 << 20, &data, &len, &e), 0);
	assert_int_equal(source_parse(data, len, NULL, "pic.md", "pic.md", NULL, &l, &e), -1);
	assert_string_equal(e.msg, "pic.md: not a text document (binary data)");
	free(data);
	assert_int_equal(l.n, 0);
}

/* The content decides, not the name or the media type alone. */
static void test_detect(void **state)
{
	(void)state;
	struct articles l = {0};
	struct nr_error e;
	const char *post = "\n---\ntitle: 内容决定类型\ncategories: [测试]\n---\n<p>正文</p>\n";
	assert_int_equal(source_parse(post, strlen(post), "text/html", "a.html", "http://h/a.html", NULL, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0]->title, "内容决定类型");
	assert_string_equal(l.v[0]->link, "http://h/a.html");
	assert_string_equal(l.v[0]->source, "a.html");

	const char *md = "# 一级标题\n\n一段 *Markdown* 文字。\n";
	assert_int_equal(source_parse(md, strlen(md), NULL, "notes.txt", "notes.txt", NULL, &l, &e), 0);
	assert_string_equal(l.v[1]->title, "一级标题");
	assert_non_null(strstr(l.v[1]->html, "<em>Markdown</em>"));

	/* a .md file that starts with a tag is a post with an HTML body, not a page for reader mode */
	const char *mdtag = "<div align=\"center\">徽标</div>\n\n# 项目说明\n";
	assert_int_equal(source_parse(mdtag, strlen(mdtag), NULL, "README.md", "README.md", NULL, &l, &e), 0);
	assert_string_equal(l.v[2]->title, "README");
	assert_string_equal(l.v[2]->html, mdtag);

	const char *page = "<!DOCTYPE html><html><head><title>页面</title></head><body><p>网页正文。</p></body></html>";
	assert_int_equal(source_parse(page, strlen(page), NULL, "p.md", "p.md", NULL, &l, &e), 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[3]->link, "p.md");
	assert_non_null(strstr(l.v[3]->html, "网页正文"));

	const char *xml = "<?xml version=\"1.0\"?>\n<config><a>1</a></config>\n";
	assert_int_equal(source_parse(xml, strlen(xml), "application/xml", "c.xml", "c.xml", NULL, &l, &e), -1);
	assert_non_null(strstr(e.msg, "c.xml: unknown format"));
	const char *json = "{\"hello\": \"world\"}";
	assert_int_equal(source_parse(json, strlen(json), "application/json", "d.json", "d.json", NULL, &l, &e), -1);
	assert_non_null(strstr(e.msg, "d.json: unknown format"));
	/* without a media type, JSON is told from Markdown that starts with a link */
	assert_int_equal(source_parse(json, strlen(json), NULL, "d2", "d2", NULL, &l, &e), -1);
	assert_non_null(strstr(e.msg, "d2: unknown format"));
	const char *link = "[示例链接](https://example.cn/) 开头的笔记。\n";
	assert_int_equal(source_parse(link, strlen(link), NULL, "note", "note", NULL, &l, &e), 0);
	assert_non_null(strstr(l.v[l.n - 1]->html, "<a href=\"https://example.cn/\">示例链接</a>"));
	/* announced as a feed but not one: the feed parser's error, naming the source */
	assert_int_equal(source_parse("garbage", 7, "application/rss+xml", "f.rss", "f.rss", NULL, &l, &e), -1);
	assert_true(has_prefix(e.msg, "f.rss: "));
	assert_int_equal(l.n, 5);
	articles_free(&l);
}

static void test_feed_by_content(void **state)
{
	(void)state;
	const char *rss = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>频道</title>"
			  "<item><title>第一条</title><link>http://h/1</link></item></channel></rss>\n";
	if (feed_sniff(rss, strlen(rss)) == FEED_NONE)
		skip(); /* feed.c not there yet in this tree */
	struct articles l = {0};
	struct nr_error e;
	/* served as text/html, still a feed */
	assert_int_equal(source_parse(rss, strlen(rss), "text/html", "http://h/feed", "http://h/feed", NULL, &l, &e),
			 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0]->title, "第一条");
	assert_string_equal(l.v[0]->source, "http://h/feed");
	articles_free(&l);
}

static void test_spec(void **state)
{
	(void)state;
	struct articles l = {0};
	struct nr_error e;
	char *p1[] = {"科技", "新闻"};
	char *p2[] = {"收藏"};
	struct catpath cats[] = {{p1, 2}, {p2, 1}};
	struct source_spec spec = {.url = "x", .cats = cats, .ncats = 2, .name = "我的来源"};
	const char *withcat = "---\ntitle: 有分类\ncategories: [手机, 评测]\n---\n文\n";
	const char *nocat = "---\ntitle: 无分类\n---\n文\n";
	assert_int_equal(source_parse(withcat, strlen(withcat), NULL, "a.md", "a.md", &spec, &l, &e), 0);
	assert_int_equal(source_parse(nocat, strlen(nocat), NULL, "b.md", "b.md", &spec, &l, &e), 0);
	struct article *a = l.v[0], *b = l.v[1];
	assert_string_equal(a->source, "我的来源");
	assert_int_equal(a->ncats, 2);
	char *j = catpath_join(&a->cats[0], "/");
	assert_string_equal(j, "科技/新闻/手机/评测");
	free(j);
	j = catpath_join(&a->cats[1], "/");
	assert_string_equal(j, "收藏/手机/评测");
	free(j);
	assert_int_equal(b->ncats, 2);
	j = catpath_join(&b->cats[0], "/");
	assert_string_equal(j, "科技/新闻");
	free(j);
	/* no display name: the source is what the user gave */
	struct source_spec plain = {.url = "b.md", .cats = cats, .ncats = 1};
	assert_int_equal(source_parse(nocat, strlen(nocat), NULL, "b.md", "b.md", &plain, &l, &e), 0);
	assert_string_equal(l.v[2]->source, "b.md");
	articles_free(&l);
}

static void test_load_files(void **state)
{
	(void)state;
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(source_load("missing-nr-post.md", NULL, &test_opts, &l, &e), -1);
	assert_string_equal(e.msg, "missing-nr-post.md: No such file or directory");
	assert_int_equal(source_load(SRC "/binary.png", NULL, &test_opts, &l, &e), -1);
	assert_string_equal(e.msg, SRC "/binary.png: not a text document (binary data)");
	assert_int_equal(source_load(SRC "/post_seedlike.md", NULL, &test_opts, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0]->source, SRC "/post_seedlike.md");
	assert_string_equal(l.v[0]->id, SRC "/post_seedlike.md");
	assert_int_equal(source_load(SRC "/archive", NULL, &test_opts, &l, &e), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2]->source, SRC "/archive");
	assert_int_equal(source_load("/dev/null", NULL, &test_opts, &l, &e), -1);
	assert_string_equal(e.msg, "/dev/null: empty document");
	articles_free(&l);
}

static void test_stdin(void **state)
{
	(void)state;
	int saved = dup(0);
	int fd = open(SRC "/post_markdown.md", O_RDONLY);
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, 0);
	close(fd);
	struct articles l = {0};
	struct nr_error e;
	int rc = source_load("-", NULL, &test_opts, &l, &e);
	dup2(saved, 0);
	close(saved);
	assert_int_equal(rc, 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0]->source, "-");
	assert_string_equal(l.v[0]->title, "用 C 语言写一个终端阅读器：第一部分");
	/* the front matter's link stays; a post on stdin without one has none */
	assert_string_equal(l.v[0]->link, "https://blog.example.org/2023/06/reader-part-1/");
	articles_free(&l);
}

static void test_front_page(void **state)
{
	(void)state;
	const char *plain = "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss\"></head>"
			    "<body><article>一</article><article>二</article></body></html>";
	const char *story = "<html><head><meta property=\"og:type\" content=\"article\"></head><body>文</body></html>";
	const char *one = "<html><body><article><h1>标题</h1><p>正文</p></article></body></html>";
	size_t pl = strlen(plain), sl = strlen(story), ol = strlen(one);
	assert_true(source_front_page(story, sl, "https://news.example.cn"));
	assert_true(source_front_page(story, sl, "https://news.example.cn/"));
	assert_true(source_front_page(story, sl, "https://news.example.cn/?from=app"));
	assert_true(source_front_page(plain, pl, "https://news.example.cn/index.html"));
	assert_true(source_front_page(plain, pl, "https://news.example.cn/tech/"));
	assert_true(source_front_page(plain, pl, "https://blog.example.org/archives"));
	assert_false(source_front_page(plain, pl, "https://news.example.cn/2021/1124/12345.shtml"));
	assert_false(source_front_page(story, sl, "https://blog.example.org/2021/11/24/a-post/"));
	assert_false(source_front_page(one, ol, "https://blog.example.org/2021/11/24/a-post/"));
	const char *meta = "<meta property=\"article:published_time\" content=\"2021-11-24\">";
	assert_false(source_front_page(meta, strlen(meta), "https://blog.example.org/p/slug"));
}

/* A port on 127.0.0.1 where nothing listens. */
static int closed_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof a;
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &al), 0);
	close(s);
	return ntohs(a.sin_port);
}

static void test_url_refused(void **state)
{
	(void)state;
	fetch_global_init();
	char *url = xasprintf("http://127.0.0.1:%d/x", closed_port());
	struct articles l = {0};
	struct nr_error e;
	assert_int_equal(source_load(url, NULL, &test_opts, &l, &e), -1);
	char *want = xasprintf("%s: Couldn't connect to server", url);
	assert_string_equal(e.msg, want);
	assert_int_equal(l.n, 0);
	free(want);
	free(url);
	fetch_global_cleanup();
}

/* The sniffers, one answer per question whoever asks: source.c's detection, post.c's
 * HTML body, post_dir.c's whole pages and post files, page.c's feed links. */
static void test_sniffers(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int page, tag, xml;
	} texts[] = {
		{"<!DOCTYPE html><html><body>x</body></html>", 1, 1, 0},
		{"\xEF\xBB\xBF  <!-- made by hand --> <html lang=zh>", 1, 1, 0},
		{"<head><title>t</title></head>", 1, 1, 0},
		{"<BODY>x", 1, 1, 0},
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">", 1, 0, 1},
		{"<?xml version=\"1.0\"?><svg/>", 0, 0, 1},
		{"<p>a fragment</p>", 0, 1, 0},
		{"<!-- unclosed <html>", 0, 0, 0},
		{"# Markdown <html>", 0, 0, 0},
		{"< p>", 0, 0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		size_t n = strlen(texts[i].text);
		if (sniff_html_page(texts[i].text, n) != texts[i].page || sniff_starts_with_tag(texts[i].text, n) != texts[i].tag ||
		    sniff_xml_decl(texts[i].text, n) != texts[i].xml)
			fail_msg("text %zu: page %d tag %d xml %d", i, sniff_html_page(texts[i].text, n),
				 sniff_starts_with_tag(texts[i].text, n), sniff_xml_decl(texts[i].text, n));
	}
	assert_true(sniff_feed_link_type(" Application/RSS+XML; charset=utf-8"));
	assert_true(sniff_feed_link_type("application/json"));
	assert_false(sniff_feed_link_type("text/html"));
	assert_true(sniff_feed_served_type("application/x-rss+xml"));
	assert_true(sniff_feed_served_type("application/feed+json"));
	assert_false(sniff_feed_served_type("application/json")); /* only when its content says so */
	assert_int_equal(sniff_name("a/b/post.MD"), SN_POST | SN_MARKDOWN);
	assert_int_equal(sniff_name("x.markdown"), SN_POST | SN_MARKDOWN);
	assert_int_equal(sniff_name("page.htm"), SN_POST);
	assert_int_equal(sniff_name("photo.png"), 0);
	assert_int_equal(sniff_name("README"), 0);
}

int main(void)
{
	test_locale();
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_empty_and_binary_errors),
		cmocka_unit_test(test_detect), cmocka_unit_test(test_sniffers),
		cmocka_unit_test(test_feed_by_content),
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_front_page),
		cmocka_unit_test(test_load_files),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_url_refused),
	};
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
