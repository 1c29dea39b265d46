/* Unit tests for the layout step: CJK.md §5 acceptance cases on hand-built documents,
 * rules of issue 3 in Chinese and mixed text at several widths, blocks, tables, pre and
 * the sideways slice. The property test and the UAX #14 conformance test are in
 * test_linebreak.c. */
#include "testutil.h"

#include "newsread/doc.h"
#include "newsread/layout.h"
#include "newsread/util.h"

/* Lines of a laid-out document joined with " / ". */
static char *join(const struct lines *l)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_adds(&b, " / ");
		buf_add(&b, l->v[i].text, l->v[i].len);
	}
	return buf_steal(&b);
}

static void check_widths(const struct lines *l, int width)
{
	for (size_t i = 0; i < l->n; i++) {
		if (!(l->v[i].flags & LINE_PRE))
			assert_true(l->v[i].width <= width);
		assert_int_equal(l->v[i].width, text_width(l->v[i].text, l->v[i].len));
	}
}

struct lay_opts {
	int strict, indent, gap, cut_pre;
};

static char *lay_doc(const struct doc *d, int width, const struct lay_opts *lo, struct lines *keep)
{
	struct layout_opts o = {.width = width};
	if (lo) {
		o.kinsoku_strict = lo->strict;
		o.paragraph_indent = lo->indent;
		o.cjk_latin_space = lo->gap;
		o.cut_pre = lo->cut_pre;
	}
	struct lines l = {0};
	layout_doc(d, &o, &l);
	check_widths(&l, width);
	char *s = join(&l);
	if (keep)
		*keep = l;
	else
		lines_free(&l);
	return s;
}

/* One paragraph block holding text. */
static char *lay(const char *text, int width, const struct lay_opts *lo)
{
	struct doc d;
	doc_init(&d);
	struct block *b = doc_add_block(&d, BLK_PARA);
	b->para = 1;
	block_append(b, text, strlen(text), 0, 0, NULL);
	char *s = lay_doc(&d, width, lo, NULL);
	doc_free(&d);
	return s;
}

#define EXPECT(text, width, lo, want)                                 \
	do {                                                          \
		char *got_ = lay(text, width, lo);                    \
		if (strcmp(got_, want) != 0)                          \
			print_error("%s @%d\n got: %s\nwant: %s\n", text, width, got_, want); \
		assert_string_equal(got_, want);                      \
		free(got_);                                           \
	} while (0)

struct tcase {
	int no;
	const char *in;
	int width;
	int strict;
	const char *want;
};

static const struct tcase cases[] = {
	{1, "今天天气很好，我们去公园。", 12, 0, "今天天气很 / 好，我们去公 / 园。"},
	{2, "他说明天（周二）开会。", 10, 0, "他说明天 / （周二）开 / 会。"},
	{3, "据《人民日报》报道，股市上涨。", 8, 0, "据《人民 / 日报》报 / 道，股市 / 上涨。"},
	{4, "结果如下。」』然后", 12, 0, "结果如 / 下。」』然后"},
	{5, "他沉默了很久……终于开口。", 13, 0, "他沉默了很 / 久……终于开 / 口。"},
	{6, "这是关键——也是难点。", 9, 0, "这是关键 / ——也是难 / 点。"},
	{6, "这是关键——也是难点。", 9, 1, "这是关 / 键——也是 / 难点。"},
	{7, "营收同比增长12.5%至100亿元。", 14, 0, "营收同比增长 / 12.5%至 / 100亿元。"},
	{7, "营收同比增长12.5%至100亿元。", 16, 0, "营收同比增长 / 12.5%至100亿元。"},
	{8, "净利润为3000万元，同比增长。", 12, 0, "净利润为 / 3000万元，同 / 比增长。"},
	{9, "售价仅￥1,299起。", 12, 0, "售价仅 / ￥1,299起。"},
	{10, "截至2023年12月31日收盘。", 10, 0, "截至2023年 / 12月31日收 / 盘。"},
	{11, "营收增长１２．５％。", 12, 0, "营收增长 / １２．５％。"},
	{12, "美国总统唐纳德·特朗普宣布", 14, 0, "美国总统唐纳 / 德·特朗普宣布"},
	{13, "我们都说“你好”", 9, 0, "我们都说 / “你好”"},
	{13, "我说“你好”", 9, 0, "我说“你 / 好”"},
	{14, "他说“你好”然后走了。", 10, 0, "他说“你好” / 然后走了。"},
	{15, "苹果公司（Apple Inc.）发布了iPhone 15 Pro Max手机。", 20, 0,
	 "苹果公司（Apple / Inc.）发布了iPhone / 15 Pro Max手机。"},
	{16, "访问https://www.example.com/news/2024/01/very-long-article-name.html了解详情。", 20, 0,
	 "访问https:// / www.example.com/ / news/2024/01/very- / long-article- / name.html了解详情。"},
	{17, "Pneumonoultramicroscopicsilicovolcanoconiosis", 10, 0,
	 "Pneumonoul / tramicrosc / opicsilico / volcanocon / iosis"},
	{18, "一二三四五六七八九十", 9, 0, "一二三四 / 五六七八 / 九十"},
	{19, "abc中文字", 6, 0, "abc中 / 文字"},
	{20, "대한민국의 수도는 서울입니다.", 12, 0, "대한민국의 / 수도는 / 서울입니다."},
	{21, "ちょっとまってください。", 6, 0, "ちょっ / とまっ / てくだ / さい。"},
	{22, "家庭👨‍👩‍👧出游", 8, 0, "家庭 / 👨👩👧出 / 游"},
	{23, "inter\xC2\xADnational\xC2\xADization", 10, 0, "inter- / national- / ization"},
	{23, "Cafe\xCC\x81 re\xCC\x81sume\xCC\x81", 6, 0, "Cafe\xCC\x81 / re\xCC\x81sume\xCC\x81"},
	{24, "新字\xF0\xB1\x8D\x90测🫨", 20, 0, "新字〓测〓"},
};

static void test_cjk_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct lay_opts lo = {.strict = cases[i].strict};
		char *got = lay(cases[i].in, cases[i].width, &lo);
		if (strcmp(got, cases[i].want) != 0)
			print_error("case %d @%d\n got: %s\nwant: %s\n", cases[i].no, cases[i].width, got,
				    cases[i].want);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static struct block *para(struct doc *d, const char *text)
{
	struct block *b = doc_add_block(d, BLK_PARA);
	b->para = 1;
	block_append(b, text, strlen(text), 0, 0, NULL);
	return b;
}

static void expect_doc(const struct doc *d, int width, const struct lay_opts *lo, const char *want)
{
	char *got = lay_doc(d, width, lo, NULL);
	if (strcmp(got, want) != 0)
		print_error(" got: %s\nwant: %s\n", got, want);
	assert_string_equal(got, want);
	free(got);
}

/* Case 25: <br> is a forced break, <br><br> an empty line, paragraphs a blank line apart. */
static void test_case25_breaks(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	para(&d, "第一段\n第二行\n\n第四行");
	para(&d, "第二段");
	expect_doc(&d, 20, NULL, "第一段 / 第二行 /  / 第四行 /  / 第二段");
	doc_free(&d);
}

/* Case 26: paragraph-indent auto keeps a source indent and never doubles it. */
static void test_case26_indent(void **state)
{
	(void)state;
	struct lay_opts lo = {.indent = 1};
	const char *want = "　　国家统计局今日发 / 布数据显示，一季度国 / 内生产总值同比增长 / 5.3%。";
	EXPECT("　　国家统计局今日发布数据显示，一季度国内生产总值同比增长5.3%。", 20, &lo, want);
	EXPECT("国家统计局今日发布数据显示，一季度国内生产总值同比增长5.3%。", 20, &lo, want);
	/* off by default; NBSP or spaces at the start count as an indent */
	EXPECT("国家统计局今日发布数据", 20, NULL, "国家统计局今日发布数 / 据");
	EXPECT("\xC2\xA0国家统计局", 20, &lo, "\xC2\xA0国家统计局");
	/* never on headings, list items or non-<p> blocks */
	struct doc d;
	doc_init(&d);
	struct block *h = doc_add_block(&d, BLK_HEADING);
	h->level = 2;
	block_append(h, "标题", 6, 0, 0, NULL);
	struct block *li = para(&d, "列表项");
	li->marker = xstrdup("- ");
	li->indent = 2;
	struct block *dv = doc_add_block(&d, BLK_PARA);
	block_append(dv, "正文", 6, 0, 0, NULL);
	expect_doc(&d, 20, &lo, "标题 /  / - 列表项 /  / 正文");
	doc_free(&d);
}

/* Case 27: list marker and hanging indent; nested list. */
static void test_case27_list(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	struct block *b = para(&d, "央行宣布下调存款准备金率0.5个百分点。");
	b->para = 0;
	b->marker = xstrdup("1. ");
	b->indent = 3;
	struct block *c = para(&d, "第二项很长很长很长很长");
	c->para = 0;
	c->marker = xstrdup("- ");
	c->indent = 6;
	expect_doc(&d, 20, NULL,
		   "1. 央行宣布下调存款 /    准备金率 /    0.5个百分点。 /     - 第二项很长很长 /       很长很长");
	doc_free(&d);
}

/* Case 28: blockquote margins, capped so the text keeps min(N, 8) columns. */
static void test_case28_quote(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	struct block *a = para(&d, "外层");
	a->quote = 1;
	struct block *b = para(&d, "内层引用内容很长很长很长");
	b->quote = 2;
	expect_doc(&d, 12, NULL, "> 外层 / > > 内层引用 / > > 内容很长 / > > 很长很长");
	doc_free(&d);
	doc_init(&d);
	b = para(&d, "深层引用");
	b->quote = 9;
	struct lines l = {0};
	char *s = lay_doc(&d, 12, NULL, &l);
	assert_string_equal(s, "> > 深层引用");
	free(s);
	/* the prefix is styled as a quote and the text too */
	assert_true(l.v[0].nspans >= 1);
	assert_true(l.v[0].spans[0].style & ST_QUOTE);
	lines_free(&l);
	doc_free(&d);
	/* two paragraphs in one quote: the blank line between keeps the margin */
	doc_init(&d);
	para(&d, "甲")->quote = 1;
	para(&d, "乙")->quote = 1;
	expect_doc(&d, 12, NULL, "> 甲 / > / > 乙");
	doc_free(&d);
}

static void set_cell(struct table *t, size_t r, size_t c, const char *text, int header)
{
	struct tcell *x = &t->cells[r * t->cols + c];
	x->text = xstrdup(text);
	x->len = strlen(text);
	x->header = header;
	x->colspan = 1;
}

static struct table *mk_table(size_t rows, size_t cols)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->rows = rows;
	t->cols = cols;
	t->cells = xcalloc(rows * cols, sizeof *t->cells);
	return t;
}

/* Case 29: column widths by display width, numbers right-aligned, ASCII borders;
 * wrapped cells at N=16; stacked rows when even the minimum widths do not fit. */
static void test_case29_table(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	struct block *b = doc_add_block(&d, BLK_TABLE);
	struct table *t = b->table = mk_table(3, 2);
	set_cell(t, 0, 0, "公司", 1);
	set_cell(t, 0, 1, "营收(亿元)", 1);
	set_cell(t, 1, 0, "腾讯", 0);
	set_cell(t, 1, 1, "1,500.2", 0);
	set_cell(t, 2, 0, "Alibaba", 0);
	set_cell(t, 2, 1, "2,000", 0);
	struct lines l = {0};
	char *s = lay_doc(&d, 40, NULL, &l);
	assert_string_equal(s, "+---------+------------+ / | 公司    | 营收(亿元) | / +---------+------------+ / "
			       "| 腾讯    |    1,500.2 | / | Alibaba |      2,000 | / +---------+------------+");
	free(s);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.v[i].width, 24);
		assert_true(l.v[i].flags & LINE_TABLE);
	}
	lines_free(&l);
	s = lay_doc(&d, 16, NULL, &l);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].width, l.v[0].width);
	assert_true(l.v[0].width <= 16);
	assert_non_null(strstr(s, "| 腾讯  | 1,50 |"));
	assert_non_null(strstr(s, "|       |  0.2 |"));
	free(s);
	lines_free(&l);
	/* stacked: header: value */
	s = lay_doc(&d, 10, NULL, &l);
	assert_string_equal(s, "公司: 腾讯 / 营收(亿 / 元): / 1,500.2 /  / 公司: / Alibaba / 营收(亿 / 元): 2,000");
	free(s);
	lines_free(&l);
	doc_free(&d);
}

/* Case 31: <pre> keeps its lines, TAB to 8, cut with '>' in --dump, sideways slice. */
static void test_case31_pre(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	struct block *b = doc_add_block(&d, BLK_PRE);
	const char *src = "a\tb\n代码示例 with a very long line that exceeds width\n";
	block_append(b, src, strlen(src), ST_CODE, 0, NULL);
	struct lines l = {0};
	struct lay_opts cut = {.cut_pre = 1};
	char *s = lay_doc(&d, 20, &cut, &l);
	assert_string_equal(s, "a       b / 代码示例 with a ver>");
	free(s);
	assert_int_equal(l.v[1].width, 20);
	lines_free(&l);
	s = lay_doc(&d, 20, NULL, &l);
	assert_string_equal(s, "a       b / 代码示例 with a very long line that exceeds width");
	free(s);
	assert_true(l.v[1].flags & LINE_PRE);
	assert_int_equal(l.v[1].spans[0].style, ST_CODE);
	struct lines sl = {0};
	layout_slice(&l.v[1], 1, 20, &sl);
	assert_int_equal(sl.v[0].width, 20);
	assert_string_equal(sl.v[0].text, " 码示例 with a very ");
	layout_slice(&l.v[1], 0, 7, &sl); /* right edge cuts 例 */
	assert_string_equal(sl.v[1].text, "代码示 ");
	assert_int_equal(sl.v[1].width, 7);
	layout_slice(&l.v[1], 100, 7, &sl);
	assert_int_equal(sl.v[2].width, 0);
	assert_int_equal(sl.v[0].spans[0].style, ST_CODE);
	lines_free(&sl);
	lines_free(&l);
	/* a tab after a wide character goes to the next multiple of 8 */
	doc_free(&d);
	doc_init(&d);
	b = doc_add_block(&d, BLK_PRE);
	block_append(b, "中\tx", 5, 0, 0, NULL);
	s = lay_doc(&d, 20, NULL, NULL);
	assert_string_equal(s, "中      x");
	free(s);
	doc_free(&d);
}

/* Case 32: headings bold, no indent, blank line after. */
static void test_case32_heading(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	struct block *h = doc_add_block(&d, BLK_HEADING);
	h->level = 2;
	const char *t = "央行宣布降准0.5个百分点，释放长期资金约1万亿元。";
	block_append(h, t, strlen(t), 0, 0, NULL);
	para(&d, "正文。");
	struct lines l = {0};
	struct lay_opts lo = {.indent = 1};
	char *s = lay_doc(&d, 20, &lo, &l);
	assert_string_equal(s, "央行宣布降准 / 0.5个百分点，释放长 / 期资金约1万亿元。 /  / 　　正文。");
	free(s);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(l.v[i].nspans, 1);
		assert_int_equal(l.v[i].spans[0].style, ST_HEADING | ST_BOLD);
		assert_int_equal(l.v[i].spans[0].len, l.v[i].len);
	}
	lines_free(&l);
	doc_free(&d);
}

/* Case 33: width 1 draws '?' per wide grapheme, width 0 draws nothing; no hang. */
static void test_case33_tiny(void **state)
{
	(void)state;
	EXPECT("中文", 1, NULL, "? / ?");
	EXPECT("a中b", 1, NULL, "a / ? / b");
	EXPECT("中文", 0, NULL, "");
	EXPECT("家庭👨‍👩‍👧", 4, NULL, "家庭 / 👨👩 / 👧");
	for (int w = 0; w < 10; w++) {
		char *s = lay("“中文”，。」』ab😀\xCC\x81——……１２．５％https://x.y/z", w, NULL);
		free(s);
	}
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cjk_cases),
		cmocka_unit_test(test_case25_breaks),
		cmocka_unit_test(test_case26_indent),
		cmocka_unit_test(test_case27_list),
		cmocka_unit_test(test_case28_quote),
		cmocka_unit_test(test_case29_table),
		cmocka_unit_test(test_case31_pre),
		cmocka_unit_test(test_case32_heading),
		cmocka_unit_test(test_case33_tiny),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
