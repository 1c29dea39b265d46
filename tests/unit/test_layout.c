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

/* A cell spanning two columns widens the last of them; covered cells are skipped. */
static void test_table_colspan(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	struct block *b = doc_add_block(&d, BLK_TABLE);
	struct table *t = b->table = mk_table(2, 3);
	set_cell(t, 0, 0, "跨三列的内容", 0);
	t->cells[0].colspan = 3;
	t->cells[1].colspan = 0;
	t->cells[2].colspan = 0;
	set_cell(t, 1, 0, "a", 0);
	set_cell(t, 1, 1, "b", 0);
	set_cell(t, 1, 2, "c", 0);
	expect_doc(&d, 30, NULL, "+---+---+------+ / | 跨三列的内容 | / | a | b | c    | / +---+---+------+");
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

/* Styled runs: laid out once per paragraph and cut into line spans; the CL rule holds
 * across a style change; a link keeps its number on both lines it spans. */
static void test_runs_to_spans(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	struct block *b = doc_add_block(&d, BLK_PARA);
	block_append(b, "我们爱", strlen("我们爱"), 0, 0, NULL);
	block_append(b, "中国", strlen("中国"), ST_BOLD, 0, NULL);
	block_append(b, "，也爱", strlen("，也爱"), 0, 0, NULL);
	block_append(b, "世界和平与发展", strlen("世界和平与发展"), ST_LINK, 3, NULL);
	block_append(b, "[3]", 3, ST_MARK, 3, NULL);
	struct lines l = {0};
	char *s = lay_doc(&d, 10, NULL, &l);
	assert_string_equal(s, "我们爱中 / 国，也爱世 / 界和平与发 / 展[3]");
	free(s);
	/* line 0: plain 我们爱, bold 中 */
	assert_int_equal(l.v[0].nspans, 1);
	assert_int_equal(l.v[0].spans[0].off, strlen("我们爱"));
	assert_int_equal(l.v[0].spans[0].len, strlen("中"));
	assert_int_equal(l.v[0].spans[0].style, ST_BOLD);
	/* line 1: bold 国, then the link 世 */
	assert_int_equal(l.v[1].nspans, 2);
	assert_int_equal(l.v[1].spans[0].style, ST_BOLD);
	assert_int_equal(l.v[1].spans[1].style, ST_LINK);
	assert_int_equal(l.v[1].spans[1].link, 3);
	/* line 3: link 展 then the mark */
	assert_int_equal(l.v[3].nspans, 2);
	assert_int_equal(l.v[3].spans[0].link, 3);
	assert_int_equal(l.v[3].spans[1].style, ST_MARK);
	assert_int_equal(l.v[3].spans[1].len, 3);
	lines_free(&l);
	doc_free(&d);
}

/* A stock annotation stays with the name before it: the name's last character moves down
 * with it rather than the annotation starting a line on its own. */
static void test_stock_annotation_glued(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	struct block *b = doc_add_block(&d, BLK_PARA);
	block_append(b, "成立仪式现场。人民网", strlen("成立仪式现场。人民网"), 0, 0, NULL);
	block_append(b, "(603000.SH)", 11, ST_STOCK, 0, NULL);
	block_append(b, "记者摄", strlen("记者摄"), 0, 0, NULL);
	struct lines l = {0};
	char *s = lay_doc(&d, 24, NULL, &l);
	assert_string_equal(s, "成立仪式现场。人民 / 网(603000.SH)记者摄");
	free(s);
	lines_free(&l);
	doc_free(&d);
}

/* The blank line between two blocks of a deep quote keeps within the width like the
 * text lines do (the quote margin is capped the same way). */
static void test_quote_blank_capped(void **state)
{
	(void)state;
	for (int width = 1; width <= 20; width++) {
		struct doc d;
		doc_init(&d);
		for (int k = 0; k < 2; k++) {
			struct block *b = doc_add_block(&d, BLK_PARA);
			b->quote = 15;
			block_append(b, "引文", strlen("引文"), 0, 0, NULL);
		}
		struct layout_opts o = {.width = width};
		struct lines l = {0};
		layout_doc(&d, &o, &l);
		for (size_t i = 0; i < l.n; i++)
			assert_true(l.v[i].width <= width);
		lines_free(&l);
		doc_free(&d);
	}
}

/* layout_doc_stream gives exactly layout_doc's lines, handed over in pieces. */
static void collect(struct lines *l, void *ud)
{
	struct buf *b = ud;
	for (size_t i = 0; i < l->n; i++) {
		buf_add(b, l->v[i].text, l->v[i].len);
		buf_printf(b, "|%d|%u\n", l->v[i].width, l->v[i].flags);
	}
	lines_clear(l);
}

static void test_stream_equals_whole(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	for (int i = 0; i < 300; i++) {
		struct block *b = doc_add_block(&d, i % 7 == 3 ? BLK_HEADING : BLK_PARA);
		b->quote = i % 5 == 0;
		const char *t = "国家统计局今日发布数据显示，一季度国内生产总值同比增长5.3%。";
		block_append(b, t, strlen(t), 0, 0, NULL);
		if (i % 11 == 0)
			doc_add_block(&d, BLK_RULE);
	}
	struct layout_opts o = {.width = 17};
	struct lines whole = {0}, part = {0};
	layout_doc(&d, &o, &whole);
	assert_true(whole.n > 600); /* several flushes */
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	collect(&whole, &a);
	layout_doc_stream(&d, &o, &part, collect, &b);
	assert_int_equal(part.n, 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.s, b.s, a.len);
	buf_free(&a);
	buf_free(&b);
	lines_free(&whole);
	lines_free(&part);
	doc_free(&d);
}

static void test_cjk_latin_space(void **state)
{
	(void)state;
	struct lay_opts lo = {.gap = 1};
	EXPECT("使用iPhone拍摄了3张照片", 40, &lo, "使用 iPhone 拍摄了 3 张照片");
	EXPECT("使用 iPhone 拍摄", 40, &lo, "使用 iPhone 拍摄");
	/* no gap at a line end or start */
	EXPECT("中文English中文", 10, &lo, "中文 / English 中 / 文");
	EXPECT("使用iPhone拍摄", 40, NULL, "使用iPhone拍摄");
}

/* Numbers stay whole with sign, decimals, % and the Han unit after them, at every width. */
static void test_numbers_whole(void **state)
{
	(void)state;
	const char *text = "今年涨幅为+3.25%，营收达到128.6亿元，公司成立于2021年，访问example.com了解。";
	const char *whole[] = {"+3.25%", "128.6亿元", "2021年", "example.com"};
	for (int w = 12; w <= 40; w++) {
		struct lines l = {0};
		struct doc d;
		doc_init(&d);
		para(&d, text);
		struct layout_opts o = {.width = w};
		layout_doc(&d, &o, &l);
		for (size_t k = 0; k < ARRAY_LEN(whole); k++) {
			int found = 0;
			for (size_t i = 0; i < l.n; i++)
				found |= strstr(l.v[i].text, whole[k]) != NULL;
			if (!found)
				print_error("width %d: %s split\n", w, whole[k]);
			assert_true(found);
		}
		lines_free(&l);
		doc_free(&d);
	}
}

static void test_latin_and_urls(void **state)
{
	(void)state;
	EXPECT("The quick brown fox jumps over the lazy dog", 10, NULL,
	       "The quick / brown fox / jumps over / the lazy / dog");
	EXPECT("The quick brown fox", 19, NULL, "The quick brown fox");
	/* an overlong URL prefers to break after / ? & = - . _ and gets no hyphen */
	EXPECT("https://example.com/aaaaaaaaaaaaa/bbbb?x=1&yy=2", 16, NULL,
	       "https:// / example.com/ / aaaaaaaaaaaaa/ / bbbb?x=1&yy=2");
	EXPECT("abcdefghij/klmnopqrstuvwxyz", 12, NULL, "abcdefghij/ / klmnopqrstuv / wxyz");
}

/* Kinsoku push-out at several widths, basic and strict. */
static void test_kinsoku(void **state)
{
	(void)state;
	struct lay_opts strict = {.strict = 1};
	EXPECT("他说：“我们明天见。”然后离开了。", 12, NULL, "他说：“我们 / 明天见。”然 / 后离开了。");
	EXPECT("结果如下……后来", 9, NULL, "结果如 / 下……后来");
	EXPECT("结果如下……后来", 9, &strict, "结果如 / 下……后来");
	EXPECT("这是关键……也是难点。", 9, &strict, "这是关 / 键……也是 / 难点。");
	EXPECT("他说（“测试”）。好的", 10, NULL, "他说（“测 / 试”）。好 / 的");
}

/* W2: controls and bidi marks deleted, ZWSP a break, WJ no break, widths as ncurses. */
static void test_sanitize_widths(void **state)
{
	(void)state;
	EXPECT("中\x01文\xE2\x80\x8F字\xC2\x85", 20, NULL, "中文字");
	EXPECT("abc\xE2\x80\x8B" "def", 4, NULL, "abc / def");
	EXPECT("中文\xE2\x81\xA0中文", 4, NULL, "中 / 文中 / 文");
	EXPECT("\xEF\xBB\xBF中文", 4, NULL, "中文");
	EXPECT("a\tb", 20, NULL, "a b");
	assert_int_equal(text_width("中a😀\xCC\x81", strlen("中a😀\xCC\x81")), 5);
	assert_int_equal(text_width("\t", 1), 8);
	assert_int_equal(text_width("🫨", strlen("🫨")), 2);
	assert_int_equal(text_width("\xE2\x80\x8B\xE2\x80\x8D", 6), 0);
	struct buf b;
	buf_init(&b);
	layout_sanitize(&b, "x\xE2\x80\x8E\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBB\xE2\x9D\xA4\xEF\xB8\x8F\xFF", 20);
	assert_string_equal(b.s, "x👍❤\xEF\xBF\xBD");
	buf_free(&b);
	/* W4: a wide character never starts at the last column */
	EXPECT("ab中", 3, NULL, "ab / 中");
	EXPECT("一二三四五", 5, NULL, "一二 / 三四 / 五");
}

static void test_emergency_flag(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	para(&d, "词Pneumonoultramicroscopic");
	struct lines l = {0};
	char *s = lay_doc(&d, 10, NULL, &l);
	assert_string_equal(s, "词 / Pneumonoul / tramicrosc / opic");
	free(s);
	assert_false(l.v[0].flags & LINE_EMERGENCY);
	assert_true(l.v[1].flags & LINE_EMERGENCY);
	assert_true(l.v[3].flags & LINE_EMERGENCY);
	lines_free(&l);
	doc_free(&d);
}

static void test_rule_and_text(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	para(&d, "上");
	doc_add_block(&d, BLK_RULE);
	para(&d, "下");
	expect_doc(&d, 6, NULL, "上 /  / ------ /  / 下");
	doc_free(&d);
	struct lines l = {0};
	layout_text("标题：很长的标题文字", strlen("标题：很长的标题文字"), 8, ST_TITLE, &l);
	char *s = join(&l);
	assert_string_equal(s, "标题：很 / 长的标题 / 文字");
	free(s);
	assert_int_equal(l.v[1].spans[0].style, ST_TITLE);
	lines_free(&l);
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
		cmocka_unit_test(test_table_colspan),
		cmocka_unit_test(test_case31_pre),
		cmocka_unit_test(test_case32_heading),
		cmocka_unit_test(test_case33_tiny),
		cmocka_unit_test(test_runs_to_spans),
		cmocka_unit_test(test_stock_annotation_glued),
		cmocka_unit_test(test_quote_blank_capped),
		cmocka_unit_test(test_stream_equals_whole),
		cmocka_unit_test(test_cjk_latin_space),
		cmocka_unit_test(test_numbers_whole),
		cmocka_unit_test(test_latin_and_urls),
		cmocka_unit_test(test_kinsoku),
		cmocka_unit_test(test_sanitize_widths),
		cmocka_unit_test(test_emergency_flag),
		cmocka_unit_test(test_rule_and_text),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
