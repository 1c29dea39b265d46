/* stock_text.c - stock codes written in the text: a bracket right after a name,
 * 腾讯控股（00700.HK）, 比亚迪(002594), (NASDAQ: AAPL). The bracket's content must be
 * wholly codes (rules SK_TEXT in stock_rules.c); a code without a market (six bare
 * digits) also needs a name before it and no context that makes it another number. */
#include "newsread/stock.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

#define NAME_MAX_CPS 20   /* code points of the run before a bracket that may be a name */
#define BRACKET_MAX 64    /* bytes of a bracket's content */
#define PARTS_MAX 4       /* codes in one bracket: 002594.SZ/01211.HK */

/* Start of the code point that ends at s[i] (exclusive). */
static size_t cp_back(const char *s, size_t i)
{
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	return j;
}

static int is_han(unsigned c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3007;
}

static int is_latin(unsigned c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_name_cp(unsigned c)
{
	if (c == 0x4E28) /* 丨, a separator in headlines: 格隆汇3月17日丨 */
		return 0;
	return is_han(c) || is_latin(c) || (c >= '0' && c <= '9') || c == '&' || c == '-' || c == '.' || c == 0xB7;
}

/* Numbers that are not stocks: the name run ending with one of these words. */
static const char *const negative_words[] = {
	"邮编", "邮政编码", "电话", "手机", "手机号", "座机", "传真", "热线", "订单", "订单号", "单号", "编号",
	"号码", "账号", "帐号", "工号", "学号", "批号", "文号", "型号", "序号", "密码", "验证码", "QQ", "微信",
	"房间", "房号", "尾号", "身份证", "合同", "发票", "案号", "金额", "价格", "数量", "面积", "年份", "年",
	"月", "日", "号", "车次", "航班", "工单", "快递", "运单", "识别码", "邮箱", "ID", "No", "代码", "编码",
	"区号", "分机", "票号", "卡号", "车牌", "报告期", "同比", "环比",
};

/* Words after which a name starts (cut at their last occurrence). */
static const char *const cut_words[] = {
	"的", "了", "据", "称", "与", "及", "和", "或", "以及", "公告", "旗下", "子公司", "宣布", "表示",
	"披露", "获悉", "消息", "报道", "显示", "指出", "今日", "今天", "昨日", "昨天", "近日", "日前", "此前",
	"同时", "其中", "包括", "例如", "比如", "还有", "上市公司", "龙头", "个股", "概念股", "成分股", "收购",
	"入股", "投资", "买入", "卖出", "增持", "减持", "持有", "领涨", "领跌", "涨停", "跌停", "大涨", "大跌",
	"上涨", "下跌", "联手", "携手", "牵手", "超过", "回应", "发布", "推出", "成为", "作为", "加入", "对手",
	"竞争", "对比", "公司",
};

/* Single characters dropped from the start of a name. */
static const char *const lead_words[] = {
	"在", "对", "向", "被", "从", "由", "把", "将", "于", "让", "给", "跟", "同", "而", "但", "并", "也",
	"还", "都", "又", "即", "如", "是", "为", "像",
};

/* Names that hold one of the words above: kept whole when the run ends with them. */
static const char *const kept_names[] = {
	"美的集团", "美的", "和而泰", "同花顺", "向日葵", "今天国际", "天和防务", "如意集团", "和佳医疗",
	"中和", "为民", "公牛集团",
};

static size_t count_cps(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static int ends_with(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);
	return l <= n && ascii_ncasecmp(s + n - l, w, l) == 0;
}

static int starts_with(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);
	return l <= n && memcmp(s, w, l) == 0;
}

/* Trim the run [*off, *off + *len) of s to the name. */
static void name_trim(const char *s, size_t *off, size_t *len)
{
	const char *p = s + *off;
	size_t n = *len;
	for (size_t i = 0; i < ARRAY_LEN(kept_names); i++)
		if (ends_with(p, n, kept_names[i])) {
			size_t l = strlen(kept_names[i]);
			*off += n - l;
			*len = l;
			return;
		}
	/* the last cut word that leaves at least two characters */
	size_t best = 0;
	for (size_t i = 0; i < ARRAY_LEN(cut_words); i++) {
		size_t wl = strlen(cut_words[i]);
		for (size_t j = 0; j + wl <= n; j++)
			if (memcmp(p + j, cut_words[i], wl) == 0 && count_cps(p + j + wl, n - j - wl) >= 2 &&
			    j + wl > best)
				best = j + wl;
	}
	/* a date in front: 3月17日中海油田服务 */
	for (size_t j = 1; j + 3 <= n; j++)
		if (p[j - 1] >= '0' && p[j - 1] <= '9' &&
		    (starts_with(p + j, n - j, "年") || starts_with(p + j, n - j, "月") ||
		     starts_with(p + j, n - j, "日") || starts_with(p + j, n - j, "号")) &&
		    count_cps(p + j + 3, n - j - 3) >= 2 && j + 3 > best)
			best = j + 3;
	p += best, n -= best;
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < ARRAY_LEN(lead_words); i++) {
			size_t wl = strlen(lead_words[i]);
			if (starts_with(p, n, lead_words[i]) && count_cps(p + wl, n - wl) >= 2) {
				p += wl, n -= wl;
				again = 1;
			}
		}
	}
	/* leading digits and punctuation are not part of a name */
	while (n) {
		size_t l;
		unsigned c = utf8_next_cp(p, n, &l);
		if (is_han(c) || is_latin(c))
			break;
		p += l, n -= l;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '-'))
		n--;
	/* nothing but function words (今日, 据称) is no name */
	size_t k = 0;
	for (int again = 1; again && k < n;) {
		again = 0;
		for (size_t i = 0; i < ARRAY_LEN(cut_words) && !again; i++)
			if (starts_with(p + k, n - k, cut_words[i]))
				k += strlen(cut_words[i]), again = 1;
		for (size_t i = 0; i < ARRAY_LEN(lead_words) && !again; i++)
			if (starts_with(p + k, n - k, lead_words[i]))
				k += strlen(lead_words[i]), again = 1;
	}
	if (k == n)
		n = 0;
	int letters = 0;
	for (size_t i = 0; i < n;) {
		size_t l;
		unsigned c = utf8_next_cp(p + i, n - i, &l);
		letters |= is_han(c) || is_latin(c);
		i += l;
	}
	*off = (size_t)(p - s);
	*len = letters ? n : 0;
}

/* Brackets: 1 = open, 2 = close; *l gets the byte length. */
static int bracket_at(const char *s, size_t n, size_t *l)
{
	if (*s == '(' || *s == ')') {
		*l = 1;
		return *s == '(' ? 1 : 2;
	}
	if (n >= 3 && memcmp(s, "\xEF\xBC\x88", 3) == 0)
		return *l = 3, 1;
	if (n >= 3 && memcmp(s, "\xEF\xBC\x89", 3) == 0)
		return *l = 3, 2;
	return 0;
}

/* Separators between codes in one bracket. */
static size_t sep_at(const char *s, size_t n)
{
	static const char *const seps[] = {"/", ",", ";", "|", "、", "，", "；", "／"};
	for (size_t i = 0; i < ARRAY_LEN(seps); i++)
		if (starts_with(s, n, seps[i]))
			return strlen(seps[i]);
	return 0;
}

/* Words right after the bracket that make a bare number a quantity. */
static const char *const unit_words[] = {
	"元", "万", "亿", "千", "百", "人", "个", "件", "次", "号", "年", "月", "日", "台", "辆", "吨", "米",
	"%", "％", "份", "位", "名", "家", "条", "股", "手",
};

static int after_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_LEN(unit_words); i++)
		if (starts_with(s, n, unit_words[i]) && !starts_with(s, n, "股价") && !starts_with(s, n, "股份") &&
		    !starts_with(s, n, "股东") && !starts_with(s, n, "股票"))
			return 0;
	return !(n && s[0] >= '0' && s[0] <= '9');
}

/* The bracket at s[o] (open bracket of ol bytes): its matches, or 0. */
static size_t scan_bracket(const struct stock_rules *user, const char *s, size_t len, size_t o, size_t ol,
			   struct stock_match *m)
{
	size_t i = o + ol, cl = 0;
	while (i < len && i - o < BRACKET_MAX) {
		int b = bracket_at(s + i, len - i, &cl);
		if (b == 1 || s[i] == '\n')
			return 0;
		if (b == 2)
			break;
		i++;
	}
	if (i >= len || !cl || i - o >= BRACKET_MAX || bracket_at(s + i, len - i, &cl) != 2)
		return 0;
	size_t close = i;
	/* split the content into codes */
	char codes[PARTS_MAX][20];
	size_t nparts = 0;
	int derived_any = 0;
	for (size_t p = o + ol; p < close;) {
		size_t q = p, sl = 0;
		while (q < close && !(sl = sep_at(s + q, close - q)))
			q++;
		if (nparts == PARTS_MAX)
			return 0;
		int derived = 0;
		if (!stock_rules_match(user, SK_TEXT, s + p, q - p, codes[nparts], sizeof codes[0], &derived))
			return 0;
		derived_any |= derived;
		nparts++;
		p = q + sl;
		if (sl && p == close)
			return 0;
	}
	if (!nparts)
		return 0;
	/* the run before the bracket */
	size_t e = o, spaces = 0;
	while (e > 0 && s[e - 1] == ' ' && spaces < 2)
		e--, spaces++;
	size_t st = e, ncp = 0;
	while (st > 0 && ncp < NAME_MAX_CPS) {
		size_t j = cp_back(s, st), l;
		unsigned c = utf8_next_cp(s + j, st - j, &l);
		if (c == ' ' && j > 0 && st < e && is_latin((unsigned char)s[st]) && is_latin((unsigned char)s[j - 1]))
			; /* a space between Latin words: Apple Inc */
		else if (!is_name_cp(c))
			break;
		st = j;
		ncp++;
	}
	for (size_t i2 = 0; i2 < ARRAY_LEN(negative_words); i2++)
		if (ends_with(s + st, e - st, negative_words[i2]) &&
		    (derived_any || count_cps(negative_words[i2], strlen(negative_words[i2])) > 1)) {
			/* 年, 月, 日, 号 only stop a bare number: 今日（600519.SH） is a stock */
			if (strcmp(negative_words[i2], "代码") == 0 &&
			    (ends_with(s + st, e - st, "股票代码") || ends_with(s + st, e - st, "证券代码")))
				continue;
			return 0;
		}
	size_t noff = st, nlen = e - st;
	name_trim(s, &noff, &nlen);
	/* Latin names are proper nouns: leading lower-case words are not part of one
	 * ("shares of Alibaba" -> Alibaba, "its locally listed stock" -> no name) */
	while (nlen && s[noff] >= 'a' && s[noff] <= 'z') {
		size_t i = noff, end = noff + nlen;
		while (i < end && s[i] != ' ')
			i++;
		while (i < end && s[i] == ' ')
			i++;
		nlen = end - i;
		noff = i;
	}
	if (derived_any) {
		/* six bare digits: only after a name, never after a digit, never before a unit */
		if (!nlen || (e > 0 && s[e - 1] >= '0' && s[e - 1] <= '9'))
			return 0;
		if (!after_ok(s + close + cl, len - close - cl))
			return 0;
	}
	for (size_t k = 0; k < nparts; k++) {
		memset(&m[k], 0, sizeof m[k]);
		m[k].name_off = noff;
		m[k].name_len = nlen;
		m[k].paren_off = o;
		m[k].paren_len = close + cl - o;
		memcpy(m[k].code, codes[k], sizeof m[k].code);
	}
	return nparts;
}

/* Offset of the first byte c at or after i in s (len bytes), or len. */
static size_t next_byte(const char *s, size_t len, size_t i, unsigned char c)
{
	const char *q = i < len ? memchr(s + i, c, len - i) : NULL;
	return q ? (size_t)(q - s) : len;
}

size_t stock_scan_text(const struct stock_rules *user, const char *s, size_t len, struct stock_match **out)
{
	*out = NULL;
	size_t n = 0, cap = 0;
	/* the next '(' and the next 0xEF byte at or after i (len: none), kept between steps */
	size_t np = next_byte(s, len, 0, '('), ne = next_byte(s, len, 0, 0xEF);
	for (size_t i = 0; i < len;) {
		/* an opening bracket is '(' or starts with 0xEF (U+FF08): skip to the next one */
		if (np < i)
			np = next_byte(s, len, i, '(');
		if (ne < i)
			ne = next_byte(s, len, i, 0xEF);
		i = np < ne ? np : ne;
		if (i == len)
			break;
		size_t ol;
		if (bracket_at(s + i, len - i, &ol) != 1) {
			i++;
			continue;
		}
		struct stock_match m[PARTS_MAX];
		size_t k = scan_bracket(user, s, len, i, ol, m);
		if (!k) {
			i += ol;
			continue;
		}
		if (n + k > cap) {
			cap = cap ? cap * 2 + k : 8 + k;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		memcpy(*out + n, m, k * sizeof *m);
		n += k;
		i = m[0].paren_off + m[0].paren_len;
	}
	return n;
}
