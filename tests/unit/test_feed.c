/* Unit tests for feed.c: sniffing, RSS 0.91/2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1,
 * broken input, entity bombs, deep nesting, GBK through the decoder. */
#include "testutil.h"

#include "newsread/decode.h"
#include "newsread/feed.h"
#include "newsread/html.h"

#include <time.h>

#define FEEDS FIXTURES "/feeds/"

struct parsed {
	struct articles l;
	struct feed_info fi;
	int rc;
	struct nr_error err;
};

static void parse_path(const char *path, const char *url, struct parsed *p)
{
	char *data;
	size_t len;
	memset(p, 0, sizeof *p);
	assert_int_equal(read_file(path, 1 << 20, &data, &len, &p->err), 0);
	p->rc = feed_parse_info(data, len, "NAME", url, &p->l, &p->fi, &p->err);
	free(data);
}

static void parse_str(const char *s, const char *url, struct parsed *p)
{
	memset(p, 0, sizeof *p);
	p->rc = feed_parse_info(s, strlen(s), "NAME", url, &p->l, &p->fi, &p->err);
}

static void parsed_free(struct parsed *p)
{
	articles_free(&p->l);
	feed_info_free(&p->fi);
}

static int has_cat(const struct article *a, const char *joined)
{
	for (size_t i = 0; i < a->ncats; i++) {
		char *j = catpath_join(&a->cats[i], "/");
		int eq = !strcmp(j, joined);
		free(j);
		if (eq)
			return 1;
	}
	return 0;
}

static void test_sniff(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		enum feed_kind k;
	} cases[] = {
		{"<rss version=\"2.0\"><channel/></rss>", FEED_RSS},
		{"\xEF\xBB\xBF  <?xml version=\"1.0\"?>\n<!-- c -->\n<rss>", FEED_RSS},
		{"<?xml version=\"1.0\"?><!DOCTYPE rss [ <!ENTITY x \"y\"> ]><rss>", FEED_RSS},
		{"<?xml version=\"1.0\"?><?xml-stylesheet href=\"a.xsl\"?><r:rss xmlns:r=\"x\">", FEED_RSS},
		{"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", FEED_RDF},
		{"<feed xmlns=\"http://www.w3.org/2005/Atom\">", FEED_ATOM},
		{"<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">", FEED_ATOM},
		{"  {\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", FEED_JSON},
		{"{\"title\": \"x\", \"version\" : \"https://jsonfeed.org/version/1\"}", FEED_JSON},
		{"{\"version\": \"2.0\"}", FEED_NONE},
		{"<!DOCTYPE html><html><head><title>x</title></head></html>", FEED_NONE},
		{"\n---\ntitle: x\n---\nbody", FEED_NONE},
		{"<CHANNEL HREF=\"http://x\">", FEED_NONE}, /* CDF */
		{"", FEED_NONE},
		{"<!-- unterminated", FEED_NONE},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (feed_sniff(cases[i].s, strlen(cases[i].s)) != cases[i].k)
			fail_msg("sniff case %zu: '%s'", i, cases[i].s);
	assert_int_equal(feed_sniff(NULL, 0), FEED_NONE);
}

static void test_rss20_zh(void **state)
{
	(void)state;
	struct parsed p;
	parse_path(FEEDS "rss20_zh.xml", "https://feeds.example.cn/rss.xml", &p);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.fi.kind, FEED_RSS);
	assert_string_equal(p.fi.title, "示例财经 & 快讯");
	assert_string_equal(p.fi.lang, "zh");
	assert_int_equal(p.l.n, 5);

	const struct article *a = p.l.v[0];
	assert_string_equal(a->title, "沪指收涨 1.2%，券商板块走强"); /* CDATA markup -> text */
	assert_string_equal(a->id, "news-a1");                        /* guid, not a permalink */
	assert_string_equal(a->source, "NAME");
	assert_string_equal(a->author, "本报记者 王小明");
	assert_int_equal(a->has_date, 1);
	assert_int_equal((long long)a->date, 1637758140LL);
	assert_int_equal(a->date_zone_known, 1);
	assert_true(has_cat(a, "金融/证券"));  /* "/" in an RSS category is a path */
	assert_true(has_cat(a, "要闻"));
	assert_int_equal(a->ncats, 2);
	assert_int_equal(a->cats[0].n, 2);
	assert_string_equal(a->image, "https://img.example.cn/a1.jpg");
	assert_non_null(strstr(a->html, "中信证券"));       /* content:encoded wins */
	assert_null(strstr(a->html, "摘要"));
	assert_string_equal(a->lang, "zh");
	assert_string_equal(a->link, "https://news.example.cn/markets/2021/1124/a1.html");
	assert_string_equal(a->base, "https://news.example.cn/");

	a = p.l.v[1];
	assert_string_equal(a->title, "加粗标题 & 转义");  /* double-escaped HTML in a title */
	assert_null(strchr(a->title, '<'));
	assert_int_equal(a->date_zone_known, 0);             /* dc:date without a zone: UTC+8 */
	assert_int_equal((long long)a->date, 1637712000LL);
	assert_string_equal(a->author, "编辑部");
	assert_non_null(strstr(a->html, "价格\u00a0上涨"));
	assert_non_null(strstr(a->html, "café"));
	assert_non_null(strstr(a->html, "—"));
	assert_string_equal(a->image, "https://news.example.cn/thumbs/a2.jpg");

	a = p.l.v[2];
	assert_string_equal(a->title, "没有日期的文章控制符");   /* U+0085 dropped */
	assert_int_equal(a->has_date, 0);
	assert_string_equal(a->link, "https://news.example.cn/a3.html"); /* permalink guid */
	assert_string_equal(a->id, "https://news.example.cn/a3.html");
	assert_string_equal(a->image, "https://img.example.cn/cover.png");

	a = p.l.v[3];
	assert_int_equal((long long)a->date, 4070908800LL);   /* a future date is kept */

	a = p.l.v[4];
	assert_int_equal(a->has_date, 0);                     /* "Invalid Date" */
	assert_string_equal(a->title, "只有正文的条目，没有标题也没有链接。");
	assert_null(a->link);
	assert_true(has_prefix(a->id, "hash:"));
	parsed_free(&p);
}

static void test_rss091_rdf(void **state)
{
	(void)state;
	struct parsed p;
	parse_path(FEEDS "rss091.xml", NULL, &p);
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fi.title, "Harbour Notes");
	assert_string_equal(p.fi.link, "http://harbour.example.org/");
	assert_string_equal(p.fi.lang, "en");
	assert_int_equal(p.l.n, 2);
	assert_string_equal(p.l.v[0]->title, "Ferry timetable changes & a new pier");
	assert_string_equal(p.l.v[0]->id, "http://harbour.example.org/ferry");
	assert_int_equal(p.l.v[1]->has_date, 0);
	assert_null(p.l.v[1]->html);
	parsed_free(&p);

	parse_path(FEEDS "rdf.xml", NULL, &p);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.fi.kind, FEED_RDF);
	assert_string_equal(p.fi.title, "Lab Log");
	assert_int_equal(p.l.n, 2);
	const struct article *a = p.l.v[0];
	assert_string_equal(a->title, "Calibrating the spectrometer");
	assert_string_equal(a->link, "http://lab.example.net/1");
	assert_int_equal((long long)a->date, 1072883695LL); /* 10:14:55-05:00 */
	assert_string_equal(a->author, "R. Example");
	assert_true(has_cat(a, "Instruments"));
	assert_non_null(strstr(a->html, "<em>three</em>"));
	a = p.l.v[1];
	assert_string_equal(a->link, "http://lab.example.net/2"); /* rdf:about */
	assert_int_equal(a->date_zone_known, 0);
	parsed_free(&p);
}

static void test_atom10(void **state)
{
	(void)state;
	struct parsed p;
	parse_path(FEEDS "atom10.xml", "https://feeds.example.cn/atom.xml", &p);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.fi.kind, FEED_ATOM);
	assert_string_equal(p.fi.title, "技术笔记");
	assert_string_equal(p.fi.lang, "zh");
	assert_int_equal(p.l.n, 3);

	const struct article *a = p.l.v[0];
	assert_string_equal(a->title, "用 C 解析 Atom");
	assert_string_equal(a->id, "tag:blog.example.cn,2021:1");
	assert_int_equal((long long)a->date, 1637758140LL);    /* published wins over updated */
	assert_true(has_cat(a, "编程"));                        /* label over term */
	assert_true(has_cat(a, "c"));
	assert_string_equal(a->author, "李雷");                 /* the feed's author */
	assert_string_equal(a->html, "<p>你好，<b>世界</b>&amp;朋友</p><img src=\"fig1.png\" alt=\"图一\"><br>");
	assert_string_equal(p.fi.link, "https://blog.example.cn/");
	assert_string_equal(a->link, "https://blog.example.cn/posts/2021/atom-in-c.html");
	assert_string_equal(a->image, "https://blog.example.cn/posts/2021/cover.png");
	assert_string_equal(a->base, "https://blog.example.cn/posts/2021/media/");

	a = p.l.v[1];
	assert_string_equal(a->title, "A <tag> in plain text");  /* type=text stays text */
	assert_string_equal(a->author, "Han Meimei");
	assert_int_equal((long long)a->date, 1637632800LL);     /* zone-less: UTC+8 */
	assert_non_null(strstr(a->html, "&lt;not markup&gt;"));
	assert_non_null(strstr(a->html, "<br>"));
	assert_string_equal(a->link, "https://blog.example.cn/plain");

	a = p.l.v[2];
	assert_string_equal(a->title, "Escaped HTML");
	assert_non_null(strstr(a->html, "<em>escaped</em>"));
	assert_string_equal(a->base, "https://blog.example.cn/");
	parsed_free(&p);
}

static void test_atom03(void **state)
{
	(void)state;
	struct parsed p;
	parse_path(FEEDS "atom03.xml", NULL, &p);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.fi.kind, FEED_ATOM);
	assert_string_equal(p.fi.title, "Old Atom");
	assert_string_equal(p.fi.link, "http://old.example.org/");
	assert_int_equal(p.l.n, 2);
	const struct article *a = p.l.v[0];
	assert_int_equal((long long)a->date, 1072865695LL);   /* issued over modified */
	assert_string_equal(a->html, "<p>Escaped <b>content</b></p>");
	assert_string_equal(a->author, "Old Author");
	assert_string_equal(a->lang, "en");
	a = p.l.v[1];
	assert_string_equal(a->title, "XML title");
	assert_string_equal(a->html, "<p>Inline <i>XHTML</i></p>");
	parsed_free(&p);
}

static void test_json(void **state)
{
	(void)state;
	struct parsed p;
	parse_path(FEEDS "feed11.json", "https://json.example.cn/feed.json", &p);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.fi.kind, FEED_JSON);
	assert_string_equal(p.fi.title, "示例 JSON 订阅");
	assert_string_equal(p.fi.lang, "zh");
	assert_int_equal(p.l.n, 3);
	const struct article *a = p.l.v[0];
	assert_string_equal(a->id, "1");
	assert_string_equal(a->title, "第一篇");
	assert_string_equal(a->html, "<p>你好 <b>JSON</b></p>");
	assert_string_equal(a->author, "张三");
	assert_int_equal((long long)a->date, 1637758140LL);
	assert_true(has_cat(a, "科技") && has_cat(a, "开源"));
	assert_string_equal(a->link, "https://json.example.cn/posts/1");
	assert_string_equal(a->image, "https://json.example.cn/img/1.png");
	a = p.l.v[1];
	assert_string_equal(a->id, "2");                        /* a number id */
	assert_int_equal((long long)a->date, 1637632800LL);     /* zone-less, Chinese feed */
	assert_non_null(strstr(a->html, "&lt;不是标签&gt;"));
	assert_string_equal(a->author, "站长");
	a = p.l.v[2];
	assert_string_equal(a->id, "https://json.example.cn/posts/3");
	assert_string_equal(a->title, "没有标题的条目的摘要");
	parsed_free(&p);

	parse_path(FEEDS "feed10.json", NULL, &p);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.l.n, 2);
	assert_string_equal(p.l.v[0]->author, "Item Author");
	assert_int_equal((long long)p.l.v[0]->date, 1265569440LL);
	assert_string_equal(p.l.v[1]->author, "Feed Author");
	assert_string_equal(p.l.v[1]->link, "http://elsewhere.example.com/b");
	parsed_free(&p);

	parse_str("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [", NULL, &p);
	assert_int_equal(p.rc, -1);
	assert_true(has_prefix(p.err.msg, "NAME: not a well-formed JSON feed"));
	parsed_free(&p);
	parse_str("{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"x\"}", NULL, &p);
	assert_int_equal(p.rc, -1);
	parsed_free(&p);
}

static void test_broken(void **state)
{
	(void)state;
	struct parsed p;
	parse_path(FEEDS "broken.xml", NULL, &p);
	assert_int_equal(p.rc, 0);               /* recovered */
	assert_true(p.l.n >= 1);
	assert_string_equal(p.l.v[0]->title, "Good item");
	assert_string_equal(p.fi.title, "Broken but useful");
	parsed_free(&p);

	parse_path(FEEDS "garbage.xml", NULL, &p);
	assert_int_equal(p.rc, -1);
	assert_true(has_prefix(p.err.msg, "NAME: not a well-formed feed (line "));
	assert_int_equal(p.l.n, 0);
	parsed_free(&p);

	parse_str("<html><body>not a feed</body></html>", NULL, &p);
	assert_int_equal(p.rc, -1);
	assert_true(has_prefix(p.err.msg, "NAME: not a feed"));
	parsed_free(&p);
}

/* An entity bomb and an external entity: nothing is expanded without bound, no file read. */
static void test_entity_bomb(void **state)
{
	(void)state;
	struct parsed p;
	clock_t t0 = clock();
	parse_path(FEEDS "laughs.xml", NULL, &p);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 2.0);
	for (size_t i = 0; i < p.l.n; i++) {
		const struct article *a = p.l.v[i];
		assert_true(strlen(a->title) < 100000);
		assert_true(!a->html || strlen(a->html) < 100000);
		assert_null(strstr(a->title, "root:"));
		assert_true(!a->html || !strstr(a->html, "root:"));
	}
	parsed_free(&p);
}

/* Deep nesting in XHTML content and in the XML itself. */
static void test_deep(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>deep</title>"
		     "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "<span>");
	buf_adds(&b, "core");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "</span>");
	buf_adds(&b, "</div></content></entry></feed>");
	struct parsed p;
	parse_str(b.s, NULL, &p);
	/* libxml2 stops at its depth limit; whatever was recovered is bounded */
	for (size_t i = 0; i < p.l.n; i++)
		assert_true(!p.l.v[i]->html || strlen(p.l.v[i]->html) < 1000000);
	parsed_free(&p);
	buf_free(&b);
}

/* A GBK feed labelled gb2312 goes through the decoder first. */
static void test_gbk(void **state)
{
	(void)state;
	char *data;
	size_t len, ulen;
	struct nr_error err;
	assert_int_equal(read_file(FEEDS "gbk.xml", 1 << 20, &data, &len, &err), 0);
	char *u = decode_document(data, len, NULL, &ulen, NULL);
	struct parsed p;
	memset(&p, 0, sizeof p);
	p.rc = feed_parse_info(u, ulen, "gbk", NULL, &p.l, &p.fi, &p.err);
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fi.title, "国标编码的新闻");
	assert_int_equal(p.l.n, 1);
	assert_string_equal(p.l.v[0]->title, "央行宣布降准０.５个百分点");
	assert_true(has_cat(p.l.v[0], "金融"));
	assert_int_equal((long long)p.l.v[0]->date, 1637758140LL); /* mostly CJK: UTC+8 */
	assert_non_null(strstr(p.l.v[0]->html, "释放长期资金"));
	parsed_free(&p);
	free(u);
	free(data);
}

/* Titles are plain text: scripts dropped, markup removed, sloppy element case accepted. */
static void test_titles(void **state)
{
	(void)state;
	struct parsed p;
	parse_str("<rss><channel><TITLE>Loud</TITLE><item>"
		  "<title>&lt;script&gt;alert(1)&lt;/script&gt;Safe &lt;i&gt;title&lt;/i&gt;\n\tend</title>"
		  "<tags>one, two</tags><category>three</category></item></channel></rss>", NULL, &p);
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fi.title, "Loud");
	assert_string_equal(p.l.v[0]->title, "Safe title end");
	assert_int_equal(p.l.v[0]->ncats, 3);
	assert_string_equal(p.l.v[0]->cats[1].parts[0], "two");
	parsed_free(&p);
	/* a line break between two CJK characters goes, in HTML titles and plain-text fields
	   alike (CSS Text's segment-break rule); between Latin words it is a space */
	parse_str("<rss><channel><title>财经\n频道</title><item><title>国家统计局\n  发布数据 in New\nYork</title>"
		  "<author>王\n小明</author><category>宏观\r\n经济</category></item>"
		  "<item><title>x</title><author>John\n Smith</author></item></channel></rss>", NULL, &p);
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fi.title, "财经频道");
	assert_string_equal(p.l.v[0]->title, "国家统计局发布数据 in New York");
	assert_string_equal(p.l.v[0]->author, "王小明");
	assert_true(has_cat(p.l.v[0], "宏观经济"));
	assert_string_equal(p.l.v[1]->author, "John Smith");
	parsed_free(&p);
}

/* Zone-less dates: Chinese by language tag or by text, else local time. */
static void test_zones(void **state)
{
	(void)state;
	setenv("TZ", "America/New_York", 1);
	tzset();
	struct parsed p;
	parse_str("<rss><channel><language>en</language><item><title>x</title>"
		  "<pubDate>2021-11-24 08:00:00</pubDate></item></channel></rss>", NULL, &p);
	assert_int_equal((long long)p.l.v[0]->date, 1637758800LL);   /* 13:00Z */
	parsed_free(&p);
	parse_str("<rss><channel><item><title>今天的新闻标题很长很长很长</title>"
		  "<pubDate>2021-11-24 08:00:00</pubDate></item></channel></rss>", NULL, &p);
	assert_int_equal((long long)p.l.v[0]->date, 1637712000LL);   /* 00:00Z */
	assert_string_equal(p.fi.lang, "zh");
	parsed_free(&p);
	/* a Chinese site with a CMS's default en-us tag: the text decides */
	parse_str("<rss><channel><language>en-us</language><item><title>今天的新闻标题很长很长很长</title>"
		  "<pubDate>2021-11-24 08:00:00</pubDate></item></channel></rss>", NULL, &p);
	assert_int_equal((long long)p.l.v[0]->date, 1637712000LL);
	assert_string_equal(p.l.v[0]->lang, "zh");
	parsed_free(&p);
	/* Japanese: not taken as UTC+8 */
	parse_str("<rss><channel><language>ja</language><item><title>今日のニュースの見出しはとても長い長い</title>"
		  "<pubDate>2021-11-24 08:00:00</pubDate></item></channel></rss>", NULL, &p);
	assert_int_equal((long long)p.l.v[0]->date, 1637758800LL);
	assert_string_equal(p.l.v[0]->lang, "ja");
	parsed_free(&p);
	parse_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-TW\"><entry><title>x</title>"
		  "<updated>2021-11-24T08:00:00</updated></entry></feed>", NULL, &p);
	assert_int_equal((long long)p.l.v[0]->date, 1637712000LL);
	parsed_free(&p);
	unsetenv("TZ");
	tzset();
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_rss20_zh),
		cmocka_unit_test(test_rss091_rdf),
		cmocka_unit_test(test_atom10),
		cmocka_unit_test(test_atom03),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_entity_bomb),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_gbk),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_zones),
	};
	return cmocka_run_group_tests_name("feed", tests, NULL, NULL);
}
