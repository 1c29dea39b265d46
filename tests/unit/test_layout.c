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

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cjk_cases),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
