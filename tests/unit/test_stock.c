/* Unit tests for stock*.c: normalisation, every markup rule, the text rules and their
 * negatives, the labelled set (precision and recall), stock-rule, the format template,
 * the pass over a document (offsets, options, records) and the --stocks table. */
#include "testutil.h"

#include "newsread/article.h"
#include "newsread/doc.h"
#include "newsread/stock.h"


/* The user rules the tests add, as the settings would hold them. */
static struct stock_rules R;
static void canon_is(const char *code, const char *market, const char *want)
{
	char out[20] = "";
	int ok = stock_canonical(code, market, out, sizeof out);
	if (!want) {
		if (ok)
			fail_msg("%s/%s: expected no stock, got %s", code, market ? market : "-", out);
		return;
	}
	if (!ok || strcmp(out, want))
		fail_msg("%s/%s: expected %s, got %s", code, market ? market : "-", want, ok ? out : "(none)");
}

static void test_canonical(void **state)
{
	(void)state;
	/* prefixes of six-digit codes */
	const char *sh[] = {"600000", "601318", "603000", "605499", "688981", "689009", "900901"};
	const char *sz[] = {"000001", "001979", "002594", "003816", "300750", "301269", "200596"};
	const char *bj[] = {"430047", "835185", "870204", "889999", "920002"};
	char want[20];
	for (size_t i = 0; i < ARRAY_LEN(sh); i++)
		snprintf(want, sizeof want, "%s.SH", sh[i]), canon_is(sh[i], NULL, want);
	for (size_t i = 0; i < ARRAY_LEN(sz); i++)
		snprintf(want, sizeof want, "%s.SZ", sz[i]), canon_is(sz[i], NULL, want);
	for (size_t i = 0; i < ARRAY_LEN(bj); i++)
		snprintf(want, sizeof want, "%s.BJ", bj[i]), canon_is(bj[i], NULL, want);
	canon_is("399001", NULL, NULL); /* no A-share prefix: needs a market */
	canon_is("123456", NULL, NULL);
	canon_is("60051", NULL, NULL);
	canon_is("6005190", NULL, NULL);
	/* an explicit market always wins */
	canon_is("SS000001", NULL, "000001.SH");
	canon_is("000001", "SS", "000001.SH");
	canon_is("000001", "sh", "000001.SH");
	canon_is("399001", "SZ", "399001.SZ");
	canon_is("SZ000001", "SH", "000001.SZ");
	canon_is("600519.SH", NULL, "600519.SH");
	canon_is("600519.ss", NULL, "600519.SH");
	canon_is("600968SH", NULL, "600968.SH");
	canon_is("sz300750", NULL, "300750.SZ");
	canon_is(" sh600519 ", NULL, "600519.SH");
	canon_is("835185.BJ", NULL, "835185.BJ");
	canon_is("bj835185", NULL, "835185.BJ");
	/* eastmoney's numbers */
	canon_is("600030", "1", "600030.SH");
	canon_is("000001", "0", "000001.SZ");
	canon_is("835185", "0", "835185.BJ");
	canon_is("AAPL", "105", "AAPL.US");
	canon_is("BABA", "106", "BABA.US");
	canon_is("SPY", "107", "SPY.US");
	canon_is("00700", "116", "00700.HK");
	canon_is("1.600519", NULL, "600519.SH");
	canon_is("90.BK0477", NULL, NULL);
	canon_is("600519", "90", NULL);
	/* Hong Kong: five digits, shorter forms padded */
	canon_is("00700.HK", NULL, "00700.HK");
	canon_is("0700.HK", NULL, "00700.HK");
	canon_is("700", "HK", "00700.HK");
	canon_is("HK0700", NULL, "00700.HK");
	canon_is("00700", NULL, NULL);
	canon_is("00000", "HK", NULL);
	canon_is("600519", "HK", NULL);
	/* US tickers */
	canon_is("aapl", "US", "AAPL.US");
	canon_is("TSLA.O", NULL, "TSLA.US");
	canon_is("BABA.N", NULL, "BABA.US");
	canon_is("AAPL.US", NULL, "AAPL.US");
	canon_is("AAPL", NULL, NULL);
	canon_is("GOOGLE", "US", NULL);
	canon_is("A1", "US", NULL);
	/* a share class letter, beside a US market only */
	canon_is("BRK.B", "NYSE", "BRK.B.US");
	canon_is("brk.a", "US", "BRK.A.US");
	canon_is("BRK.B", NULL, NULL);
	canon_is("BRK.B", "HK", NULL);
	canon_is("BRK.BB", "US", NULL);
	canon_is("GOOGLE.A", "US", NULL);
	canon_is("1.B", "US", NULL);
	/* junk */
	canon_is("", NULL, NULL);
	canon_is("2023", NULL, NULL);
	canon_is("100.5", NULL, NULL);
	canon_is("SF1234567890", NULL, NULL);
	canon_is("600519", "XX", NULL);
	char small[5];
	assert_int_equal(stock_canonical("600519", NULL, small, sizeof small), 0);
}

static void attrs_is(const char *href, const char *code, const char *dc, const char *id, const char *want)
{
	char out[20] = "";
	int ok = stock_from_attrs(&R, href, code, dc, id, out, sizeof out);
	if (!want) {
		if (ok)
			fail_msg("href=%s code=%s data-code=%s id=%s: expected none, got %s", href, code, dc, id, out);
		return;
	}
	if (!ok || strcmp(out, want))
		fail_msg("href=%s code=%s data-code=%s id=%s: expected %s, got %s", href, code, dc, id, want,
			 ok ? out : "(none)");
}

static void test_markup_rules(void **state)
{
	(void)state;
	stock_rules_free(&R);
	/* stcn */
	attrs_is("http://info.stcn.com/dc/stock/?stockcode=SS603000", "603000", NULL, NULL, "603000.SH");
	attrs_is("https://info.stcn.com/dc/stock/?stockcode=SZ000001", NULL, NULL, NULL, "000001.SZ");
	attrs_is("http://info.stcn.com/dc/stock/?stockcode=SS000001", "000001", NULL, NULL, "000001.SH");
	attrs_is(NULL, "603000", NULL, NULL, "603000.SH");
	attrs_is(NULL, " 002594 ", NULL, NULL, "002594.SZ");
	attrs_is(NULL, "1234", NULL, NULL, NULL);
	/* eastmoney */
	attrs_is("http://quote.eastmoney.com/sh600519.html", NULL, NULL, NULL, "600519.SH");
	attrs_is("https://quote.eastmoney.com/SZ300750.html", NULL, NULL, NULL, "300750.SZ");
	attrs_is("http://quote.eastmoney.com/unify/r/1.600030", NULL, NULL, NULL, "600030.SH");
	attrs_is("http://quote.eastmoney.com/unify/r/0.000001", NULL, NULL, NULL, "000001.SZ");
	attrs_is("http://quote.eastmoney.com/unify/r/105.AAPL", NULL, NULL, NULL, "AAPL.US");
	attrs_is("http://quote.eastmoney.com/unify/r/116.00700", NULL, NULL, NULL, "00700.HK");
	attrs_is("http://quote.eastmoney.com/hk/00700.html", NULL, NULL, NULL, "00700.HK");
	attrs_is("http://quote.eastmoney.com/us/AAPL.html", NULL, NULL, NULL, "AAPL.US");
	attrs_is("http://quote.eastmoney.com/center/gridlist.html", NULL, NULL, NULL, NULL);
	attrs_is("http://quote.eastmoney.com/about.html", NULL, NULL, NULL, NULL);
	attrs_is("http://quote.eastmoney.com/unify/r/90.BK0477", NULL, NULL, NULL, NULL);
	attrs_is(NULL, NULL, "1,600030", NULL, "600030.SH");
	attrs_is(NULL, NULL, "0,300059", NULL, "300059.SZ");
	attrs_is(NULL, NULL, "105,NVDA", NULL, "NVDA.US");
	attrs_is(NULL, NULL, "116,09988", NULL, "09988.HK");
	attrs_is(NULL, NULL, NULL, "stock_1.600519", "600519.SH");
	attrs_is(NULL, NULL, NULL, "stock_0.000858", "000858.SZ");
	attrs_is(NULL, NULL, NULL, "stock_106.BABA", "BABA.US");
	attrs_is(NULL, NULL, NULL, "stock_90.BK0477", NULL);
	/* sloppy markup: spaces around values, mixed case */
	attrs_is("  HTTP://Quote.EastMoney.com/unify/r/1.600030 ", NULL, NULL, NULL, "600030.SH");
	attrs_is("\thttp://quote.eastmoney.com/SH600519.html\n", NULL, NULL, NULL, "600519.SH");
	/* sina */
	attrs_is("https://finance.sina.com.cn/realstock/company/sz300750/nc.shtml", NULL, NULL, NULL, "300750.SZ");
	attrs_is("http://finance.sina.com.cn/realstock/company/sh600519/nc.shtml", NULL, NULL, "stock_sh600519",
		 "600519.SH");
	attrs_is(NULL, NULL, NULL, "stock_sz300059", "300059.SZ");
	attrs_is("https://stock.finance.sina.com.cn/hkstock/quotes/00700.html", NULL, NULL, NULL, "00700.HK");
	attrs_is("https://stock.finance.sina.com.cn/usstock/quotes/aapl.html", NULL, NULL, NULL, "AAPL.US");
	attrs_is("https://stock.finance.sina.com.cn/usstock/quotes/BRK.B.html", NULL, NULL, NULL, "BRK.B.US");
	/* xueqiu */
	attrs_is("https://xueqiu.com/S/SH600519", NULL, NULL, NULL, "600519.SH");
	attrs_is("https://xueqiu.com/S/00700", NULL, NULL, NULL, "00700.HK");
	attrs_is("https://xueqiu.com/S/AAPL", NULL, NULL, NULL, "AAPL.US");
	attrs_is("https://xueqiu.com/S/BRK.B", NULL, NULL, NULL, "BRK.B.US");
	attrs_is("https://xueqiu.com/S/SZ399001", NULL, NULL, NULL, "399001.SZ");
	attrs_is("https://xueqiu.com/u/123456", NULL, NULL, NULL, NULL);
	/* 10jqka */
	attrs_is("http://stockpage.10jqka.com.cn/600519/", NULL, NULL, NULL, "600519.SH");
	attrs_is("http://stockpage.10jqka.com.cn/HK0700/", NULL, NULL, NULL, "00700.HK");
	/* never a class name, never an unrelated link */
	attrs_is("https://www.example.com/600519", NULL, NULL, NULL, NULL);
	attrs_is("https://news.stcn.com/news/202111/t20211124_3921.html", NULL, NULL, NULL, NULL);
	attrs_is(NULL, NULL, NULL, "trsHotWords", NULL);
	attrs_is(NULL, NULL, NULL, NULL, NULL);
}

static void scan_is(const char *s, const char *name, const char *code)
{
	struct stock_match *m;
	size_t n = stock_scan_text(&R, s, strlen(s), &m);
	if (!code) {
		if (n)
			fail_msg("%s: expected no match, got %s", s, m[0].code);
		free(m);
		return;
	}
	if (n < 1) {
		free(m);
		fail_msg("%s: expected %s, no match", s, code);
	}
	char got[128];
	snprintf(got, sizeof got, "%.*s", (int)m[0].name_len, s + m[0].name_off);
	if (strcmp(m[0].code, code) || strcmp(got, name)) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s: expected %s [%s], got %s [%s]", s, code, name, m[0].code, got);
		free(m);
		fail_msg("%s", msg);
	}
	const char *p = s + m[0].paren_off;
	assert_true(*p == '(' || strncmp(p, "（", 3) == 0);
	p += m[0].paren_len;
	assert_true(p[-1] == ')' || strncmp(p - 3, "）", 3) == 0);
	free(m);
}

static void test_text_rules(void **state)
{
	(void)state;
	stock_rules_free(&R);
	scan_is("腾讯控股（00700.HK）", "腾讯控股", "00700.HK");
	scan_is("比亚迪(002594)", "比亚迪", "002594.SZ");
	scan_is("贵州茅台（600519.SH）", "贵州茅台", "600519.SH");
	scan_is("平安银行（SZ000001）", "平安银行", "000001.SZ");
	scan_is("（600968SH）", "", "600968.SH");
	scan_is("Apple (NASDAQ: AAPL)", "Apple", "AAPL.US");
	scan_is("Apple Inc. (NASDAQ: AAPL) said", "Apple Inc.", "AAPL.US");
	scan_is("阿里巴巴(NYSE: BABA)", "阿里巴巴", "BABA.US");
	scan_is("伯克希尔哈撒韦（纽交所：BRK.B）", "伯克希尔哈撒韦", "BRK.B.US");
	scan_is("伯克希尔(BRK.B)", "", NULL); /* a bare ticker is no stock, as AAPL */
	/* Latin names are proper nouns: lower-case words in front are not the name */
	scan_is("shares of Alibaba (NYSE: BABA)", "Alibaba", "BABA.US");
	scan_is("and its locally listed stock (09988.HK)", "", "09988.HK");
	scan_is("百度（纳斯达克：BIDU）", "百度", "BIDU.US");
	scan_is("阿里巴巴（港股代码：09988）", "阿里巴巴", "09988.HK");
	scan_is("（00700.HK）", "", "00700.HK");
	/* names: function words and verbs in front are dropped */
	scan_is("据比亚迪(002594)公告", "比亚迪", "002594.SZ");
	scan_is("与宁德时代（300750）", "宁德时代", "300750.SZ");
	scan_is("中信证券和东方财富（300059）", "东方财富", "300059.SZ");
	scan_is("腾讯及小米集团（01810.HK）", "小米集团", "01810.HK");
	scan_is("腾讯称旗下子公司阅文集团（00772.HK）", "阅文集团", "00772.HK");
	scan_is("全球最大的电池厂宁德时代（300750）", "电池厂宁德时代", "300750.SZ");
	scan_is("今天贵州茅台（600519）", "贵州茅台", "600519.SH");
	scan_is("公告显示，美的集团（000333）", "美的集团", "000333.SZ");
	scan_is("同花顺（300033）", "同花顺", "300033.SZ");
	scan_is("消息称，（600519.SH）", "", "600519.SH");
	scan_is("今日（600519.SH）", "", "600519.SH");
	scan_is("格隆汇3月17日丨中海油田服务(02883.HK)", "中海油田服务", "02883.HK");
	scan_is("3月17日中海油田服务(02883.HK)", "中海油田服务", "02883.HK");
	/* what the bracket holds must be wholly a code */
	scan_is("邮编（200120）", NULL, NULL);
	scan_is("订单号（300750123）", NULL, NULL);
	scan_is("电话（021-12345678）", NULL, NULL);
	scan_is("2023年（2022）", NULL, NULL);
	scan_is("价格（100.5元）", NULL, NULL);
	scan_is("(2021)", NULL, NULL);
	scan_is("（同比+12.5%）", NULL, NULL);
	scan_is("（600519）", NULL, NULL);          /* a bare number needs a name */
	scan_is("收入（600000）万元", NULL, NULL);  /* a quantity */
	scan_is("第3（600519）", NULL, NULL);
	scan_is("编号（600519.SH）", NULL, NULL);
	scan_is("比亚迪（002594", NULL, NULL);      /* unclosed */
	scan_is("比亚迪（002594/）", NULL, NULL);
	scan_is("比亚迪（002594、abc）", NULL, NULL);
	scan_is("比亚迪（（002594））", NULL, NULL);
	/* mixed bracket widths are tolerated */
	scan_is("比亚迪（002594)", "比亚迪", "002594.SZ");
	/* several codes in a bracket: one match each, same bracket */
	struct stock_match *m;
	const char *s = "比亚迪（002594.SZ/01211.HK）今天";
	assert_int_equal(stock_scan_text(&R, s, strlen(s), &m), 2);
	assert_string_equal(m[0].code, "002594.SZ");
	assert_string_equal(m[1].code, "01211.HK");
	assert_int_equal(m[0].paren_off, m[1].paren_off);
	free(m);
	s = "招商银行(600036)、中信银行(601998)";
	assert_int_equal(stock_scan_text(&R, s, strlen(s), &m), 2);
	assert_string_equal(m[1].code, "601998.SH");
	assert_memory_equal(s + m[1].name_off, "中信银行", m[1].name_len);
	free(m);
	assert_int_equal(stock_scan_text(&R, "", 0, &m), 0);
	assert_null(m);
}

/* The labelled set: each sentence with the codes it names. */
static void test_labelled(void **state)
{
	(void)state;
	stock_rules_free(&R);
	FILE *f = fopen(FIXTURES "/stocks/labelled.tsv", "r");
	assert_non_null(f);
	char line[2048];
	int sentences = 0, tp = 0, fp = 0, fn = 0, positives = 0, negatives = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		char *tab = strchr(line, '\t');
		assert_non_null(tab);
		*tab = '\0';
		const char *want = tab + 1;
		sentences++;
		struct stock_match *m;
		size_t n = stock_scan_text(&R, line, strlen(line), &m);
		char got[512] = "";
		for (size_t i = 0; i < n; i++)
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "", m[i].code);
		free(m);
		/* count code by code */
		char wbuf[512];
		snprintf(wbuf, sizeof wbuf, "%s", strcmp(want, "-") ? want : "");
		int nw = 0;
		for (char *t = strtok(wbuf, " "); t; t = strtok(NULL, " ")) {
			nw++;
			if (strstr(got, t))
				tp++;
			else
				fn++;
		}
		char gbuf[512];
		snprintf(gbuf, sizeof gbuf, "%s", got);
		for (char *t = strtok(gbuf, " "); t; t = strtok(NULL, " "))
			if (!strstr(want, t))
				fp++;
		if (nw)
			positives++;
		else
			negatives++;
		if (strcmp(got, strcmp(want, "-") ? want : ""))
			printf("  mismatch: %s\n    expected: %s\n    got:      %s\n", line, want, *got ? got : "-");
	}
	fclose(f);
	double precision = tp + fp ? 100.0 * tp / (tp + fp) : 100.0;
	double recall = tp + fn ? 100.0 * tp / (tp + fn) : 100.0;
	printf("  labelled set: %d sentences (%d with stocks, %d without): precision %.1f%%, recall %.1f%% "
	       "(tp %d, fp %d, fn %d)\n",
	       sentences, positives, negatives, precision, recall, tp, fp, fn);
	assert_true(sentences >= 60);
	assert_true(positives >= 25 && negatives >= 25);
	assert_int_equal(fp, 0);
	assert_int_equal(fn, 0);
}

static int add_rule(const char *kind, const char *pattern, const char *market, struct nr_error *e)
{
	char *argv[3] = {(char *)kind, (char *)pattern, (char *)market};
	return stock_add_rule(&R, market ? 3 : 2, argv, e);
}

static void test_add_rule(void **state)
{
	(void)state;
	struct nr_error e;
	stock_rules_free(&R);
	attrs_is("http://quote.example.com/s/600000", NULL, NULL, NULL, NULL);
	assert_int_equal(add_rule("href", "quote.example.com/s/{code}", "SH", &e), 0);
	attrs_is("http://quote.example.com/s/600000", NULL, NULL, NULL, "600000.SH");
	attrs_is("http://quote.example.com/s/000001", NULL, NULL, NULL, "000001.SH"); /* the rule's market */
	attrs_is("http://quote.example.com/s/SZ000001", NULL, NULL, NULL, "000001.SZ"); /* the code's wins */
	char out[20];
	assert_int_equal(stock_from_attrs(NULL, "http://quote.example.com/s/600000", NULL, NULL, NULL, out, sizeof out),
			 0); /* the rules are the caller's: without them, only the built-in ones */
	assert_int_equal(add_rule("href", "hq.example.net/{market}/{code}.htm", NULL, &e), 0);
	attrs_is("https://hq.example.net/hk/700.htm", NULL, NULL, NULL, "00700.HK");
	attrs_is("https://hq.example.net/us/msft.htm", NULL, NULL, NULL, "MSFT.US");
	assert_int_equal(add_rule("id", "quote-{code}", "HK", &e), 0);
	attrs_is(NULL, NULL, NULL, "quote-09988", "09988.HK");
	attrs_is(NULL, NULL, NULL, "xquote-09988", NULL);
	assert_int_equal(add_rule("data-code", "{code}@{market}", NULL, &e), 0);
	attrs_is(NULL, NULL, "600519@sh", NULL, "600519.SH");
	assert_int_equal(add_rule("code", "A{code}", "SZ", &e), 0);
	attrs_is(NULL, "A399001", NULL, NULL, "399001.SZ");
	/* a text rule: the whole content of a bracket */
	scan_is("某银行（沪市：600000）", NULL, NULL);
	assert_int_equal(add_rule("text", "沪市:{code}", "SH", &e), 0);
	scan_is("某银行（沪市：600000）", "某银行", "600000.SH");
	scan_is("某银行（沪市:600000）", "某银行", "600000.SH");
	scan_is("某银行(沪市 : 600000)", "某银行", "600000.SH");
	assert_int_equal(add_rule("text", "TSE {code}", NULL, &e), 0);
	/* errors say what is wrong */
	assert_int_equal(add_rule("class", "x{code}", NULL, &e), -1);
	assert_string_equal(e.msg, "stock-rule: unknown kind class (href, code, data-code, id or text)");
	assert_int_equal(add_rule("href", "quote.example.com/", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "needs a {code}"));
	assert_int_equal(add_rule("href", "{code}/{code}", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "only one {code}"));
	assert_int_equal(add_rule("href", "x/{market}{code}", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "separated"));
	assert_int_equal(add_rule("href", "x/{ticker}", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "unknown placeholder {ticker}"));
	assert_int_equal(add_rule("href", "x/{code}", "MARS", &e), -1);
	assert_string_equal(e.msg, "stock-rule: unknown market MARS (SH, SZ, BJ, HK or US)");
	assert_int_equal(add_rule("href", "", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "empty"));
	assert_int_equal(add_rule("href", "x}{code}", NULL, &e), -1);
	char *one[1] = {"href"};
	assert_int_equal(stock_add_rule(&R, 1, one, &e), -1);
	assert_non_null(strstr(e.msg, "usage"));
	stock_rules_free(&R);
	attrs_is("http://quote.example.com/s/600000", NULL, NULL, NULL, NULL);
	scan_is("某银行（沪市：600000）", NULL, NULL);
}

static void fmt_is(const char *fmt, const char *name, const char *code, const char *want)
{
	char *s = stock_format(fmt, name, code);
	assert_string_equal(s, want);
	free(s);
}

static void test_format(void **state)
{
	(void)state;
	fmt_is("%n(%c)", "人民网", "603000.SH", "(603000.SH)");
	fmt_is(NULL, "人民网", "603000.SH", "(603000.SH)");
	fmt_is("%n[%s %m]", "人民网", "603000.SH", "[603000 SH]");
	fmt_is("(%c)", "人民网", "603000.SH", "(603000.SH)");
	fmt_is(" %c", "x", "AAPL.US", " AAPL.US");
	fmt_is("(%c %n)", "人民网", "603000.SH", "(603000.SH 人民网)");
	fmt_is("%n<%s%%>", "x", "00700.HK", "<00700%>");
	fmt_is("%n", "x", "00700.HK", "");
	fmt_is("%n(%q)", "x", "00700.HK", "(%q)");
	fmt_is("%n(%c)%", "x", "00700.HK", "(00700.HK)");
	fmt_is("%n\t(%c)", "x", "00700.HK", "(00700.HK)");
}

/* A block with plain text and a marked element, as html.c makes them. */
static struct block *block_of(struct doc *d, const char *before, const char *name, const char *code,
			      const char *after)
{
	struct block *b = doc_add_block(d, BLK_PARA);
	block_append(b, before, strlen(before), 0, 0, NULL);
	block_append(b, name, strlen(name), ST_LINK, 1, code);
	block_append(b, after, strlen(after), ST_BOLD, 0, NULL);
	return b;
}

static void runs_consistent(const struct block *b)
{
	size_t last = 0;
	for (size_t i = 0; i < b->nruns; i++) {
		assert_true(b->runs[i].len > 0);
		assert_true(b->runs[i].off >= last);
		assert_true(b->runs[i].off + b->runs[i].len <= b->len);
		last = b->runs[i].off + b->runs[i].len;
	}
	assert_int_equal(strlen(b->text), b->len);
}

static void test_annotate(void **state)
{
	(void)state;
	stock_rules_free(&R);
	struct doc d;
	doc_init(&d);
	block_of(&d, "由", "人民网", "603000.SH", "发起，比亚迪（002594）参与。");
	struct article *a = article_new();
	struct stock_opts o = {1, "%n(%c)", &R};
	stock_annotate(&d, &o, a);
	struct block *b = &d.blocks[0];
	assert_string_equal(b->text, "由人民网(603000.SH)发起，比亚迪(002594.SZ)参与。");
	runs_consistent(b);
	/* runs: 人民网 link, (603000.SH) stock, bold rest split around the new code */
	assert_int_equal(b->nruns, 5);
	assert_int_equal(b->runs[0].style, ST_LINK);
	assert_memory_equal(b->text + b->runs[0].off, "人民网", b->runs[0].len);
	assert_int_equal(b->runs[1].style, ST_STOCK);
	assert_memory_equal(b->text + b->runs[1].off, "(603000.SH)", b->runs[1].len);
	assert_string_equal(b->runs[1].stock, "603000.SH");
	assert_int_equal(b->runs[2].style, ST_BOLD);
	assert_memory_equal(b->text + b->runs[2].off, "发起，比亚迪", b->runs[2].len);
	assert_int_equal(b->runs[3].style, ST_STOCK);
	assert_memory_equal(b->text + b->runs[3].off, "(002594.SZ)", b->runs[3].len);
	assert_int_equal(b->runs[4].style, ST_BOLD);
	assert_memory_equal(b->text + b->runs[4].off, "参与。", b->runs[4].len);
	assert_int_equal(a->stocks_done, 1);
	assert_int_equal(a->nstocks, 2);
	assert_string_equal(a->stocks[0].code, "603000.SH");
	assert_string_equal(a->stocks[0].name, "人民网");
	assert_int_equal(a->stocks[0].count, 1);
	assert_string_equal(a->stocks[1].code, "002594.SZ");
	assert_string_equal(a->stocks[1].name, "比亚迪");
	doc_free(&d);

	/* annotations off: the text stays, the stocks are still recorded */
	doc_init(&d);
	block_of(&d, "", "人民网", "603000.SH", "与人民网（603000.SH）和人民网");
	o.annotate = 0;
	stock_annotate(&d, &o, a);
	assert_string_equal(d.blocks[0].text, "人民网与人民网（603000.SH）和人民网");
	assert_int_equal(d.blocks[0].nruns, 2);
	assert_int_equal(a->nstocks, 1);
	assert_int_equal(a->stocks[0].count, 2);
	doc_free(&d);

	/* the element followed by its code in the text: the bracket is replaced once */
	doc_init(&d);
	b = block_of(&d, "", "贵州茅台", "600519.SH", "（600519）上涨");
	o.annotate = 1;
	o.format = "%n[%c]";
	stock_annotate(&d, &o, a);
	b = &d.blocks[0];
	assert_string_equal(b->text, "贵州茅台[600519.SH]上涨");
	runs_consistent(b);
	assert_int_equal(a->nstocks, 1);
	assert_int_equal(a->stocks[0].count, 1);
	assert_string_equal(a->stocks[0].name, "贵州茅台");
	doc_free(&d);

	/* the most frequent name, counted mentions */
	doc_init(&d);
	b = doc_add_block(&d, BLK_PARA);
	const char *t3 = "宁王（300750.SZ）领涨，宁德时代（300750）公告，宁德时代（300750.SZ）回应。";
	block_append(b, t3, strlen(t3), 0, 0, NULL);
	stock_annotate(&d, &o, a);
	assert_int_equal(a->nstocks, 1);
	assert_int_equal(a->stocks[0].count, 3);
	assert_string_equal(a->stocks[0].name, "宁德时代");
	doc_free(&d);

	/* xueqiu writes the code inside the element: $腾讯控股(00700)$ */
	doc_init(&d);
	block_of(&d, "看好", "$腾讯控股(00700)$", "00700.HK", "和");
	b = doc_add_block(&d, BLK_PARA);
	block_append(b, "$苹果(AAPL)$", strlen("$苹果(AAPL)$"), ST_LINK, 2, "AAPL.US");
	block_append(b, "，", strlen("，"), 0, 0, NULL);
	block_append(b, "$贵州茅台(SH600519)$", strlen("$贵州茅台(SH600519)$"), ST_LINK, 3, "600519.SH");
	o.format = "%n(%c)";
	stock_annotate(&d, &o, a);
	assert_string_equal(d.blocks[0].text, "看好$腾讯控股(00700.HK)$和");
	assert_string_equal(d.blocks[1].text, "$苹果(AAPL.US)$，$贵州茅台(600519.SH)$");
	runs_consistent(&d.blocks[0]);
	runs_consistent(&d.blocks[1]);
	assert_int_equal(d.blocks[1].nruns, 6);
	assert_int_equal(d.blocks[1].runs[1].style, ST_STOCK);
	assert_memory_equal(d.blocks[1].text + d.blocks[1].runs[1].off, "(AAPL.US)", 9);
	assert_int_equal(d.blocks[1].runs[2].link, 2);
	assert_int_equal(a->nstocks, 3);
	assert_string_equal(a->stocks[0].name, "腾讯控股");
	assert_string_equal(a->stocks[1].name, "苹果");
	assert_string_equal(a->stocks[2].name, "贵州茅台");
	doc_free(&d);

	/* a template without a leading %n, several codes in one bracket, a table cell */
	doc_init(&d);
	b = doc_add_block(&d, BLK_PARA);
	block_append(b, "比亚迪（002594.SZ/01211.HK）", strlen("比亚迪（002594.SZ/01211.HK）"), 0, 0, NULL);
	b = doc_add_block(&d, BLK_TABLE);
	b->table = xcalloc(1, sizeof *b->table);
	b->table->rows = b->table->cols = 1;
	b->table->cells = xcalloc(1, sizeof *b->table->cells);
	b->table->cells[0].text = xstrdup("小米集团（01810.HK）");
	b->table->cells[0].len = strlen(b->table->cells[0].text);
	b = doc_add_block(&d, BLK_PRE);
	block_append(b, "比亚迪(002594)", strlen("比亚迪(002594)"), ST_CODE, 0, NULL);
	o.format = " <%m:%s>";
	stock_annotate(&d, &o, a);
	assert_string_equal(d.blocks[0].text, "比亚迪 <SZ/HK:002594/01211>");
	runs_consistent(&d.blocks[0]);
	assert_string_equal(d.blocks[1].table->cells[0].text, "小米集团 <HK:01810>");
	assert_int_equal(d.blocks[1].table->cells[0].nruns, 1);
	assert_string_equal(d.blocks[2].text, "比亚迪(002594)");
	assert_int_equal(a->nstocks, 3);
	doc_free(&d);
	article_free(a);
}

static void test_table(void **state)
{
	(void)state;
	struct articles l = {0};
	const char *data[][3] = {
		{"603000.SH", "人民网", "2"}, {"002594.SZ", "比亚迪", "1"}, {"00700.HK", "", "1"},
		{"603000.SH", "人民网", "1"}, {"00700.HK", "腾讯控股", "3"}, {"600519.SH", "茅台", "1"},
	};
	size_t per[] = {3, 2, 1}; /* stocks of each article */
	size_t k = 0;
	for (size_t i = 0; i < ARRAY_LEN(per); i++) {
		struct article *a = article_new();
		a->stocks_done = 1;
		for (size_t j = 0; j < per[i]; j++, k++) {
			a->stocks = xrealloc(a->stocks, (a->nstocks + 1) * sizeof *a->stocks);
			a->stocks[a->nstocks].code = xstrdup(data[k][0]);
			a->stocks[a->nstocks].name = xstrdup(data[k][1]);
			a->stocks[a->nstocks++].count = atoi(data[k][2]);
		}
		articles_push(&l, a);
	}
	char *out;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	stock_write_table(f, &l, NULL, 0);
	fclose(f);
	assert_string_equal(out, "00700.HK\t腾讯控股\t2\n603000.SH\t人民网\t2\n002594.SZ\t比亚迪\t1\n"
				 "600519.SH\t茅台\t1\n");
	free(out);
	f = open_memstream(&out, &len);
	stock_write_table(f, &l, NULL, 1);
	fclose(f);
	assert_non_null(strstr(out, "{\"code\":\"00700.HK\",\"name\":\"腾讯控股\",\"market\":\"HK\",\"articles\":2}\n"));
	free(out);
	articles_free(&l);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical), cmocka_unit_test(test_markup_rules),
		cmocka_unit_test(test_text_rules), cmocka_unit_test(test_labelled),
		cmocka_unit_test(test_add_rule), cmocka_unit_test(test_format),
		cmocka_unit_test(test_annotate), cmocka_unit_test(test_table),
	};
	return cmocka_run_group_tests_name("stock", tests, NULL, NULL);
}
