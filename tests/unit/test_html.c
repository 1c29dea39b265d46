/* Unit tests for html.c: blocks, whitespace (CJK segment breaks, U+3000), links and
 * images with one counter, tables, ruby, stock markup, the seed's quirks, limits. */
#include "testutil.h"

#include "newsread/decode.h"
#include "newsread/html.h"
#include "newsread/stock.h"
#include "newsread/util.h"

static struct doc D;

static struct doc *parse(const char *html, const char *base, const char *lang)
{
	doc_free(&D);
	doc_init(&D);
	html_to_doc(html, strlen(html), base, lang, &D);
	return &D;
}

/* The run covering the first occurrence of sub in block b (or NULL when plain). */
static const struct run *run_at(const struct block *b, const char *sub)
{
	const char *p = strstr(b->text, sub);
	if (!p)
		fail_msg("'%s' not in '%s'", sub, b->text);
	size_t off = (size_t)(p - b->text);
	for (size_t i = 0; i < b->nruns; i++)
		if (b->runs[i].off <= off && off < b->runs[i].off + b->runs[i].len)
			return &b->runs[i];
	return NULL;
}

static void expect_block(size_t i, enum block_kind kind, const char *text)
{
	if (i >= D.n)
		fail_msg("block %zu missing (%zu blocks)", i, D.n);
	assert_int_equal(D.blocks[i].kind, kind);
	if (text) {
		assert_non_null(D.blocks[i].text);
		assert_string_equal(D.blocks[i].text, text);
		assert_int_equal(strlen(text), D.blocks[i].len);
	}
}

static void test_blocks(void **state)
{
	(void)state;
	parse("<h2>央行宣布降准</h2><p>正文<b>加粗</b>和<i>斜体</i>、<code>x=1</code></p><div>块</div>"
	      "<hr><pre>\n  a\tb\n  第二行\n</pre><figure><figcaption>图说</figcaption></figure>",
	      NULL, NULL);
	assert_int_equal(D.n, 6);
	expect_block(0, BLK_HEADING, "央行宣布降准");
	assert_int_equal(D.blocks[0].level, 2);
	assert_true(run_at(&D.blocks[0], "央行")->style & ST_HEADING);
	expect_block(1, BLK_PARA, "正文加粗和斜体、x=1");
	assert_int_equal(D.blocks[1].para, 1);
	assert_null(run_at(&D.blocks[1], "正文"));
	assert_int_equal(run_at(&D.blocks[1], "加粗")->style, ST_BOLD);
	assert_int_equal(run_at(&D.blocks[1], "斜体")->style, ST_ITALIC);
	assert_int_equal(run_at(&D.blocks[1], "x=1")->style, ST_CODE);
	expect_block(2, BLK_PARA, "块");
	assert_int_equal(D.blocks[2].para, 0);
	expect_block(3, BLK_RULE, NULL);
	expect_block(4, BLK_PRE, "  a\tb\n  第二行");
	expect_block(5, BLK_PARA, "图说");
}

static void test_lists_quotes(void **state)
{
	(void)state;
	parse("<ol><li>央行宣布下调存款准备金率0.5个百分点。</li><li>二<ul><li>甲</li><li>乙"
	      "<ol start=9><li>深</li></ol></li></ul></li></ol>"
	      "<blockquote>外层<blockquote>内层引用</blockquote></blockquote>",
	      NULL, NULL);
	assert_int_equal(D.n, 7);
	expect_block(0, BLK_PARA, "央行宣布下调存款准备金率0.5个百分点。");
	assert_string_equal(D.blocks[0].marker, "1. ");
	assert_int_equal(D.blocks[0].indent, 3);
	expect_block(1, BLK_PARA, "二");
	assert_string_equal(D.blocks[1].marker, "2. ");
	expect_block(2, BLK_PARA, "甲");
	assert_string_equal(D.blocks[2].marker, "- ");
	assert_int_equal(D.blocks[2].indent, 5);
	expect_block(3, BLK_PARA, "乙");
	expect_block(4, BLK_PARA, "深");
	assert_string_equal(D.blocks[4].marker, "9. ");
	assert_int_equal(D.blocks[4].indent, 8);
	expect_block(5, BLK_PARA, "外层");
	assert_int_equal(D.blocks[5].quote, 1);
	assert_true(run_at(&D.blocks[5], "外层")->style & ST_QUOTE);
	expect_block(6, BLK_PARA, "内层引用");
	assert_int_equal(D.blocks[6].quote, 2);
	assert_int_equal(D.blocks[6].indent, 0);
	assert_null(D.blocks[6].marker);
}

/* CJK.md case 25 and the other whitespace rules. */
static void test_whitespace(void **state)
{
	(void)state;
	parse("<p>第一段<br>第二行<br><br>第四行</p><p>第二段</p>", NULL, NULL);
	assert_int_equal(D.n, 2);
	expect_block(0, BLK_PARA, "第一段\n第二行\n\n第四行");
	expect_block(1, BLK_PARA, "第二段");
	parse("<p>中文\n中文 English\nword</p>", NULL, NULL);
	expect_block(0, BLK_PARA, "中文中文 English word");
	/* spaces around the newline go too; a plain space between CJK stays */
	parse("<p>  上涨 \n  下跌 持平\t\n“引号”\n文字</p>", NULL, NULL);
	expect_block(0, BLK_PARA, "上涨下跌 持平“引号”文字");
	/* across inline elements, and not for Hangul */
	parse("<p><b>中文</b>\n<i>中文</i> 한국\n어</p>", NULL, NULL);
	expect_block(0, BLK_PARA, "中文中文 한국 어");
	/* U+3000 used as an indent is kept, NBSP is kept, control characters go */
	parse("<p>\n　　国家统计局今日发布数据。a&nbsp;b\x01\x7f&#x85;c</p>", NULL, NULL);
	expect_block(0, BLK_PARA, "　　国家统计局今日发布数据。a\xC2\xA0" "bc");
	/* <br> runs: no leading empty line, at most one empty line, none at the end */
	parse("<p><br>甲<br><br><br><br>乙<br></p>", NULL, NULL);
	expect_block(0, BLK_PARA, "甲\n\n乙");
	/* <br><br> between blocks outside any paragraph: an explicit empty line */
	parse("<div>甲</div><br><br><div>乙</div><p><br></p>", NULL, NULL);
	assert_int_equal(D.n, 3);
	expect_block(1, BLK_BLANK, NULL);
	/* empty paragraphs vanish */
	parse("<p> </p><p>\n</p><div><p></p></div><p>有</p>", NULL, NULL);
	assert_int_equal(D.n, 1);
}

static void test_links_images(void **state)
{
	(void)state;
	parse("<p>见<a href=\"/news/1.html\">新闻</a>和<a href='#top'>顶部</a>、<a href=\"javascript:void(0)\">按钮</a>"
	      "<img src=\"img/a.png\" alt=\"走势图\"><a href=\"\">空</a>"
	      "<a href=\"https://example.com/x?a=1&b=2\">外链</a><img data-src=\"//cdn.example.com/b.jpg\" "
	      "src=\"data:image/gif;base64,AAAA\"><img srcset=\" c.jpg 1x, d.jpg 2x\"><img src=\"t.gif\" width=1 height=1>"
	      "<video><source src=\"v.mp4\"></video></p>",
	      "http://www.example.cn/a/b.html", NULL);
	assert_int_equal(D.cjk, 1);
	expect_block(0, BLK_PARA, "见新闻[1]和顶部、按钮[图 2: 走势图]空外链[3][图 4][图 5][视频 6]");
	assert_int_equal(D.nlinks, 6);
	assert_string_equal(D.links[0], "http://www.example.cn/news/1.html");
	assert_string_equal(D.links[1], "http://www.example.cn/a/img/a.png");
	assert_string_equal(D.links[2], "https://example.com/x?a=1&b=2");
	assert_string_equal(D.links[3], "http://cdn.example.com/b.jpg");
	assert_string_equal(D.links[4], "http://www.example.cn/a/c.jpg");
	assert_string_equal(D.links[5], "http://www.example.cn/a/v.mp4");
	const struct block *b = &D.blocks[0];
	const struct run *r = run_at(b, "新闻");
	assert_int_equal(r->style, ST_LINK);
	assert_int_equal(r->link, 1);
	r = run_at(b, "[1]");
	assert_int_equal(r->style, ST_MARK);
	assert_int_equal(r->link, 1);
	assert_null(run_at(b, "顶部"));
	r = run_at(b, "[图 2");
	assert_int_equal(r->style, ST_IMAGE);
	assert_int_equal(r->link, 2);

	/* English page: [image n]; <base href> wins over the given base */
	parse("<html><head><base href=\"https://base.example.org/dir/\"></head><body><p>A photo "
	      "<img src=\"p.jpg\" alt=\"The  harbour\"> and <a href=\"../about\">about us</a>.</p></body></html>",
	      "http://ignored.example.com/", NULL);
	assert_int_equal(D.cjk, 0);
	expect_block(0, BLK_PARA, "A photo [image 1: The harbour] and about us[2].");
	assert_string_equal(D.links[0], "https://base.example.org/dir/p.jpg");
	assert_string_equal(D.links[1], "https://base.example.org/about");
	/* the article's language decides when given */
	parse("<p>Hello <img src=\"a.png\"></p>", NULL, "zh");
	expect_block(0, BLK_PARA, "Hello [图 1]");
	parse("<p>中文内容 <img src=\"a.png\"></p>", NULL, "en");
	expect_block(0, BLK_PARA, "中文内容 [image 1]");
	/* Japanese is CJK but not Chinese: [image n], by its language or by its kana */
	parse("<p>港の朝市は今日もにぎわっています。<img src=\"a.png\" alt=\"朝市\"></p>", NULL, NULL);
	assert_int_equal(D.cjk, 1);
	expect_block(0, BLK_PARA, "港の朝市は今日もにぎわっています。[image 1: 朝市]");
	parse("<html lang=\"ja-JP\"><body><p>東京都庁舎<img src=\"a.png\"></p></body></html>", NULL, NULL);
	expect_block(0, BLK_PARA, "東京都庁舎[image 1]");
	parse("<p>港口早市今天依旧热闹。<img src=\"a.png\"></p>", NULL, "ja");
	expect_block(0, BLK_PARA, "港口早市今天依旧热闹。[image 1]");
	/* Chinese borrowing the katakana middle dot and long mark stays Chinese */
	parse("<p>记者采访了约翰・史密斯与卡ー尔两位工程师。<img src=\"a.png\"></p>", NULL, NULL);
	expect_block(0, BLK_PARA, "记者采访了约翰・史密斯与卡ー尔两位工程师。[图 1]");
	/* the primary subtag decides: zh-Hant-TW is Chinese, jav (Javanese) is not ja */
	parse("<p>中文内容 <img src=\"a.png\"></p>", NULL, "zh-Hant-TW");
	expect_block(0, BLK_PARA, "中文内容 [图 1]");
	parse("<p>中文内容 <img src=\"a.png\"></p>", NULL, "jav");
	expect_block(0, BLK_PARA, "中文内容 [图 1]");
	/* a link around an image only: the image's number, no empty link mark */
	parse("<p><a href=\"/big.jpg\"><img src=\"/small.jpg\"></a>图</p>", "http://h.cn/", NULL);
	expect_block(0, BLK_PARA, "[图 1]图");
	assert_int_equal(D.nlinks, 1);
}

/* The survey that decides whether a page is CJK (CJK letters >= ASCII words) and whether
 * its placeholders are Chinese (kana at most 5% of the CJK letters), against counts made
 * here one piece at a time, on random mixes near both boundaries (reader mode's flat
 * bodies go through the same counting). */
static void test_survey_counts(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int cjk, words, kana;
	} pieces[] = {
		{"股", 1, 0, 0},        {"一", 1, 0, 0},    {"丁", 1, 0, 0},   {"\xe4\xb7\x80", 0, 0, 0}, /* U+4DC0 hexagram */
		{"\xe4\xb6\xb5", 1, 0, 0}, /* U+4DB5, Ext A */ {"\xf0\xa0\x80\x80", 1, 0, 0}, /* U+20000 */
		{"の", 1, 0, 1},        {"カ", 1, 0, 1},    {"・", 1, 0, 0},   {"ー", 1, 0, 0},
		{"，", 0, 0, 0},        {"。", 0, 0, 0},    {"\xef\xa4\x80", 1, 0, 0}, /* U+F900 */
		{" Apple ", 0, 1, 0},   {" x ", 0, 1, 0},   {" 42 ", 0, 0, 0}, {" é ", 0, 0, 0},
		{" GDP-CPI ", 0, 2, 0}, {"한", 0, 0, 0},
	};
	srand(20261124);
	int flips = 0;
	for (int t = 0; t < 3000; t++) {
		struct buf b;
		buf_init(&b);
		buf_adds(&b, "<p>");
		int cjk = 0, words = 0, kana = 0, n = 1 + rand() % 24;
		for (int i = 0; i < n; i++) {
			int k = rand() % (int)ARRAY_LEN(pieces);
			/* a word or a CJK letter right after another would join or split it */
			if (pieces[k].words && b.len && ((b.s[b.len - 1] | 0x20) - 'a' < 26))
				buf_addc(&b, ' ');
			buf_adds(&b, pieces[k].s);
			cjk += pieces[k].cjk;
			words += pieces[k].words;
			kana += pieces[k].kana;
		}
		buf_adds(&b, "<img src=\"a.png\"></p>");
		int want_cjk = cjk > 0 && cjk >= words;
		int want_zh = want_cjk && kana * 20 <= cjk;
		flips += want_cjk != (cjk + 1 > 0 && cjk + 1 >= words);
		parse(b.s, NULL, NULL);
		if (D.cjk != want_cjk)
			fail_msg("cjk %d, want %d (cjk %d, words %d): %s", D.cjk, want_cjk, cjk, words, b.s);
		const char *ph = want_zh ? "[图 1]" : "[image 1]";
		if (!strstr(D.blocks[0].text, ph))
			fail_msg("want %s (cjk %d, kana %d): %s", ph, cjk, kana, D.blocks[0].text);
		buf_free(&b);
	}
	assert_true(flips > 100); /* many cases sit on the boundary, where one letter decides */
}

/* <q> gets quotation marks of newsread's own: corner brackets on CJK pages (double ones
 * nested), ASCII quotes elsewhere; none is ambiguous in width. */
static void test_q(void **state)
{
	(void)state;
	parse("<p>他说<q>明天<q>一定</q>会<b>更好</b></q>。</p>", NULL, NULL);
	expect_block(0, BLK_PARA, "他说「明天『一定』会更好」。");
	parse("<p>She said <q>it is <q>fine</q></q> today, <q>really</q>.</p>", NULL, NULL);
	expect_block(0, BLK_PARA, "She said \"it is 'fine'\" today, \"really\".");
	/* whitespace inside collapses as around any inline element */
	parse("<p>A <q> spaced </q> B</p>", NULL, NULL);
	expect_block(0, BLK_PARA, "A \" spaced \" B");
	/* the marks take the style around them; a quote spanning a link keeps its number */
	parse("<p><q><a href=\"/x\">新闻</a></q></p>", "http://h.cn/", NULL);
	expect_block(0, BLK_PARA, "「新闻[1]」");
}

static void test_url_resolve(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
		{"http://a.cn/b/c.html", "d.html", "http://a.cn/b/d.html"},
		{"http://a.cn/b/c.html", "/x y.html", "http://a.cn/x%20y.html"},
		{"http://a.cn/b/c.html", "  ../up?q=1&r=2#f \n", "http://a.cn/up?q=1&r=2#f"},
		{"http://a.cn/b/", "//cdn.cn/i.png", "http://cdn.cn/i.png"},
		{"http://a.cn/b/", "https://other.cn/p", "https://other.cn/p"},
		{"http://a.cn/b/", "新闻.html", "http://a.cn/b/%E6%96%B0%E9%97%BB.html"},
		{"http://a.cn/b/", "100%.html", "http://a.cn/b/100%25.html"},
		{"http://a.cn/b/", "a%20b", "http://a.cn/b/a%20b"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *u = url_resolve(cases[i][0], cases[i][1]);
		assert_string_equal(u, cases[i][2]);
		free(u);
	}
	char *u = url_resolve(NULL, " rel.html ");
	assert_string_equal(u, "rel.html");
	free(u);
}

/* Seed quirks: valueless attributes, raw & in hrefs, <font>, comments, &#123;. */
static void test_seed_quirks(void **state)
{
	(void)state;
	parse("<div><!-- 注释 --><p align=center hidden><font color=red>红字</font>&#123;x&#125;"
	      "<a href=\"http://a.cn/s?x=1&y=2\" target=_blank>链接</a></p>"
	      "<style>p &#123; color: red &#125;</style><script>var a=1;</script>"
	      "<noscript>无脚本</noscript><iframe src=x>框</iframe><form><input value=v><button>按</button>"
	      "<select><option>选项</option></select>表单文字</form><svg><text>图形</text></svg></div>",
	      NULL, NULL);
	assert_int_equal(D.n, 2);
	expect_block(0, BLK_PARA, "红字{x}链接[1]");
	assert_string_equal(D.links[0], "http://a.cn/s?x=1&y=2");
	expect_block(1, BLK_PARA, "表单文字");
}

static void test_tables(void **state)
{
	(void)state;
	parse("<table><caption>营收</caption><thead><tr><th>公司</th><th>营收(亿元)</th></tr></thead>"
	      "<tr><td>腾讯</td><td>1,500.2</td></tr><tr><td colspan=2>合计 <b>3,500</b></td></tr>"
	      "<tr><td>Alibaba</td><td>2,000</td></tr></table><p>后</p>",
	      NULL, NULL);
	assert_int_equal(D.n, 3);
	expect_block(0, BLK_PARA, "营收");
	expect_block(1, BLK_TABLE, NULL);
	expect_block(2, BLK_PARA, "后");
	const struct table *t = D.blocks[1].table;
	assert_int_equal(t->rows, 4);
	assert_int_equal(t->cols, 2);
	assert_string_equal(t->cells[0].text, "公司");
	assert_int_equal(t->cells[0].header, 1);
	assert_int_equal(t->cells[1].header, 1);
	assert_string_equal(t->cells[3].text, "1,500.2");
	assert_int_equal(t->cells[3].header, 0);
	assert_int_equal(t->cells[3].colspan, 1);
	assert_string_equal(t->cells[4].text, "合计 3,500");
	assert_int_equal(t->cells[4].colspan, 2);
	assert_int_equal(t->cells[4].nruns, 1);
	assert_int_equal(t->cells[4].runs[0].style, ST_BOLD);
	assert_string_equal(t->cells[5].text, "");
	assert_int_equal(t->cells[5].colspan, 0); /* covered */
	assert_string_equal(t->cells[6].text, "Alibaba");
	/* short rows get empty cells; nested tables flatten into their cell */
	parse("<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d<table><tr><td>x</td><td>y</td></tr>"
	      "</table></td></tr></table>",
	      NULL, NULL);
	assert_int_equal(D.n, 1);
	t = D.blocks[0].table;
	assert_int_equal(t->rows, 2);
	assert_int_equal(t->cols, 3);
	assert_string_equal(t->cells[3].text, "d x y");
	assert_int_equal(t->cells[4].colspan, 1);
	assert_string_equal(t->cells[5].text, "");
	/* rowspan: the rows below keep the column free (blank there), with colspan too */
	parse("<table><tr><th>地区</th><th>季度</th><th>营收</th></tr>"
	      "<tr><td rowspan=2>华东</td><td>一季度</td><td>12.5</td></tr><tr><td>二季度</td><td>13.1</td></tr>"
	      "<tr><td rowspan=\"2\" colspan=\"2\">合计</td><td>25.6</td></tr><tr><td>同比+3%</td></tr>"
	      "<tr><td>华南</td><td rowspan=9>全年</td><td>40.2</td></tr></table>",
	      NULL, NULL);
	t = D.blocks[0].table;
	assert_int_equal(t->rows, 6);
	assert_int_equal(t->cols, 3);
	static const char *const grid[6][3] = {
		{"地区", "季度", "营收"}, {"华东", "一季度", "12.5"}, {"", "二季度", "13.1"},
		{"合计", "", "25.6"},     {"", "", "同比+3%"},     {"华南", "全年", "40.2"},
	};
	for (size_t r = 0; r < 6; r++)
		for (size_t c = 0; c < 3; c++)
			assert_string_equal(t->cells[r * 3 + c].text, grid[r][c]);
	assert_int_equal(t->cells[2 * 3].colspan, 1);     /* under a rowspan: a blank cell */
	assert_int_equal(t->cells[3 * 3].colspan, 2);
	assert_int_equal(t->cells[3 * 3 + 1].colspan, 0); /* covered by the colspan */
	assert_int_equal(t->cells[4 * 3].colspan, 1);
	assert_int_equal(t->cells[4 * 3 + 1].colspan, 1);
	/* the blanks under a rowspan point up to it; other cells point nowhere */
	assert_int_equal(t->cells[2 * 3].above, 1 * 3 + 1);
	assert_int_equal(t->cells[4 * 3].above, 3 * 3 + 1);
	assert_int_equal(t->cells[4 * 3 + 1].above, 3 * 3 + 1);
	assert_int_equal(t->cells[4 * 3 + 2].above, 0);
	assert_int_equal(t->cells[1 * 3].above, 0);
	assert_int_equal(t->cells[5 * 3 + 1].above, 0); /* rowspan=9 on the last row: nothing below */
	/* a rowspan over the last row of a short table only widens nothing */
	parse("<table><tr><td rowspan=3>甲</td><td>乙</td></tr><tr><td>丙</td></tr></table>", NULL, NULL);
	t = D.blocks[0].table;
	assert_int_equal(t->rows, 2);
	assert_int_equal(t->cols, 2);
	assert_string_equal(t->cells[2].text, "");
	assert_string_equal(t->cells[3].text, "丙");
	/* a one-column (layout) table reads as paragraphs */
	parse("<table><tr><td>第一段</td></tr><tr><td><p>第二段</p></td></tr></table>", NULL, NULL);
	assert_int_equal(D.n, 2);
	expect_block(0, BLK_PARA, "第一段");
	expect_block(1, BLK_PARA, "第二段");
}

/* CJK.md case 30: ruby groups as unbreakable runs. */
static void test_ruby(void **state)
{
	(void)state;
	parse("<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp></ruby><ruby>字<rp>(</rp><rt>じ</rt><rp>)</rp></ruby></p>"
	      "<p><ruby>東京<rt>とうきょう</rt></ruby>に</p>",
	      NULL, NULL);
	expect_block(0, BLK_PARA, "漢(かん)字(じ)");
	const struct block *b = &D.blocks[0];
	assert_int_equal(b->nruns, 2);
	assert_int_equal(b->runs[0].style, ST_NOBREAK);
	assert_int_equal(b->runs[0].len, strlen("漢(かん)"));
	assert_int_equal(b->runs[1].off, strlen("漢(かん)"));
	expect_block(1, BLK_PARA, "東京（とうきょう）に");
	assert_int_equal(D.blocks[1].runs[0].len, strlen("東京（とうきょう）"));
}

/* Stock markup sets run.stock. The expected codes depend on stock.c's rules (the
 * `stocks` helper's work): until they are in, stock_from_attrs recognises nothing and
 * the assertions on codes skip; the plumbing is checked either way. */
static void test_stock_runs(void **state)
{
	(void)state;
	const char *href = "http://info.stcn.com/dc/stock/?stockcode=SS603000";
	char code[20];
	int known = stock_from_attrs(NULL, href, "603000", NULL, NULL, code, sizeof code);
	parse("<p>公司<a class=\"trsHotWords\" href=\"http://info.stcn.com/dc/stock/?stockcode=SS603000\" "
	      "code=\"603000\">人民<b>网</b></a>今日公告。<span id=\"stock_sz300059\"><a class=\"keyword\" "
	      "href=\"http://finance.sina.com.cn/realstock/company/sz300059/nc.shtml\">东方财富</a></span></p>",
	      NULL, NULL);
	const struct block *b = &D.blocks[0];
	if (!known) {
		print_message("stock rules not merged yet: checking only that no code was invented\n");
		assert_null(run_at(b, "公司"));
		assert_string_equal(run_at(b, "人民")->stock, "");
		return;
	}
	/* PENDING-STOCKS: passes once stock.c knows stcn and Sina markup */
	assert_string_equal(code, "603000.SH");
	assert_string_equal(run_at(b, "人民")->stock, "603000.SH");
	assert_string_equal(run_at(b, "网")->stock, "603000.SH"); /* inner elements inherit */
	assert_string_equal(run_at(b, "东方财富")->stock, "300059.SZ");
	assert_null(run_at(b, "今日公告"));
	assert_null(strstr(b->text, "[1]")); /* a stock link gets its annotation, not a number */
}

/* A UTF-8 page with a stale gb2312 meta: libxml2 must not decode it again. */
static void test_stale_meta_not_redecoded(void **state)
{
	(void)state;
	parse("<html><head><meta charset=\"gb2312\"><meta http-equiv=\"Content-Type\" "
	      "content=\"text/html; charset=gbk\"></head><body><p>中文内容，镕堃\xF0\xA0\x80\x80。</p></body></html>",
	      NULL, NULL);
	expect_block(0, BLK_PARA, "中文内容，镕堃\xF0\xA0\x80\x80。");
	/* and the whole chain from the gb2312-labelled fixture */
	char *data;
	size_t len, n;
	struct nr_error e;
	assert_int_equal(read_file(FIXTURES "/render/gb2312_gbk.html", 1 << 20, &data, &len, &e), 0);
	char *u = decode_document(data, len, NULL, &n, NULL);
	doc_free(&D);
	doc_init(&D);
	html_to_doc(u, n, NULL, NULL, &D);
	assert_int_equal(D.n, 2);
	expect_block(0, BLK_PARA, "新闻：朱镕基、王堃出席会议。生僻字\xF0\xA0\x80\x80与\xF0\xA0\xAE\xB7都在中间，后面的文字必须保留。");
	expect_block(1, BLK_PARA, "第二段：证券市场今日上涨，成交额达到一千亿元。");
	free(u);
	free(data);
}

static void test_html_to_text(void **state)
{
	(void)state;
	char *t = html_to_text("  央行\n 降准  ", 17);
	assert_string_equal(t, "央行降准"); /* a segment break between Han characters */
	free(t);
	t = html_to_text(" Fed\n  cuts\trates ", 18);
	assert_string_equal(t, "Fed cuts rates");
	free(t);
	const char *h = "<b>央行</b>：降准&amp;<a href=x>放水</a><img src=a.png><br>续";
	t = html_to_text(h, strlen(h));
	assert_string_equal(t, "央行：降准&放水 续");
	free(t);
	/* text after an unclosed <embed>, and an <object>'s fallback, are kept */
	h = "safe<embed src=\"http://x.example/\"> description";
	t = html_to_text(h, strlen(h));
	assert_string_equal(t, "safe description");
	free(t);
	t = html_to_text("", 0);
	assert_string_equal(t, "");
	free(t);
}

/* Deep nesting and a large document: no stack overflow, nothing lost. */
static void test_limits(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 20000; i++)
		buf_adds(&b, "<div><b>");
	buf_adds(&b, "深处文字");
	parse(b.s, NULL, NULL);
	int found = 0;
	for (size_t i = 0; i < D.n; i++)
		found |= D.blocks[i].text && strstr(D.blocks[i].text, "深处文字") != NULL;
	assert_true(found);
	buf_free(&b);
	buf_init(&b);
	for (int i = 0; i < 20000; i++)
		buf_printf(&b, "<p>第%d段：证券市场<a href=\"/s/%d\">链接</a>今日上涨。</p>\n", i, i);
	parse(b.s, "http://x.cn/", NULL);
	assert_int_equal(D.n, 20000);
	assert_int_equal(D.nlinks, 20000);
	assert_string_equal(D.blocks[19999].text, "第19999段：证券市场链接[20000]今日上涨。");
	buf_free(&b);
}

int main(void)
{
	test_locale();
	doc_init(&D);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_lists_quotes),
		cmocka_unit_test(test_whitespace),
		cmocka_unit_test(test_links_images),
		cmocka_unit_test(test_url_resolve),
		cmocka_unit_test(test_seed_quirks),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_ruby),
		cmocka_unit_test(test_stock_runs),
		cmocka_unit_test(test_stale_meta_not_redecoded),
		cmocka_unit_test(test_html_to_text),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_survey_counts),
		cmocka_unit_test(test_q),
	};
	int rc = cmocka_run_group_tests_name("html", tests, NULL, NULL);
	doc_free(&D);
	return rc;
}
