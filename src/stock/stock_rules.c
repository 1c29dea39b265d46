/* stock_rules.c - what a stock code is: normalisation to CODE.MARKET, the table of
 * rules (markup attributes and bracketed text), the pattern matcher and the config's
 * stock-rule command. */
#include "newsread/stock.h"
#include "newsread/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum market { MK_NONE, MK_SH, MK_SZ, MK_BJ, MK_HK, MK_US, MK_EM0, MK_BAD };

static const char *const market_names[] = {"", "SH", "SZ", "BJ", "HK", "US", "SZ", ""};

/* Words naming a market, as pages and writers spell them. "0" is eastmoney's Shenzhen
 * (which also holds the Beijing codes), "1" its Shanghai. */
static const struct {
	const char *word;
	enum market m;
} market_words[] = {
	{"SH", MK_SH}, {"SS", MK_SH}, {"SSE", MK_SH}, {"1", MK_SH}, {"上海", MK_SH}, {"沪", MK_SH},
	{"沪市", MK_SH}, {"上交所", MK_SH}, {"上证", MK_SH},
	{"SZ", MK_SZ}, {"SZSE", MK_SZ}, {"0", MK_EM0}, {"深圳", MK_SZ}, {"深", MK_SZ}, {"深市", MK_SZ},
	{"深交所", MK_SZ},
	{"BJ", MK_BJ}, {"BSE", MK_BJ}, {"北交所", MK_BJ},
	{"HK", MK_HK}, {"HKEX", MK_HK}, {"HKG", MK_HK}, {"116", MK_HK}, {"128", MK_HK}, {"港股", MK_HK},
	{"港交所", MK_HK}, {"联交所", MK_HK},
	{"US", MK_US}, {"105", MK_US}, {"106", MK_US}, {"107", MK_US}, {"O", MK_US}, {"N", MK_US},
	{"OQ", MK_US}, {"NASDAQ", MK_US}, {"NYSE", MK_US}, {"AMEX", MK_US}, {"美股", MK_US},
	{"纳斯达克", MK_US}, {"纽交所", MK_US}, {"纳市", MK_US},
};

/* Market of a word (n bytes); MK_NONE for an empty word, MK_BAD for an unknown one. */
static enum market market_parse(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return MK_NONE;
	for (size_t i = 0; i < ARRAY_LEN(market_words); i++)
		if (strlen(market_words[i].word) == n && ascii_ncasecmp(market_words[i].word, s, n) == 0)
			return market_words[i].m;
	return MK_BAD;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return n > 0;
}

static int all_alpha(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_alpha(s[i]))
			return 0;
	return n > 0;
}

/* The A-share market of a six-digit code from its prefix, MK_NONE when none fits. */
static enum market ashare_market(const char *d)
{
	static const char *const sh[] = {"600", "601", "603", "605", "688", "689", "900"};
	static const char *const sz[] = {"000", "001", "002", "003", "300", "301", "200"};
	static const char *const bj[] = {"43", "83", "87", "88", "920"};
	for (size_t i = 0; i < ARRAY_LEN(sh); i++)
		if (has_prefix(d, sh[i]))
			return MK_SH;
	for (size_t i = 0; i < ARRAY_LEN(sz); i++)
		if (has_prefix(d, sz[i]))
			return MK_SZ;
	for (size_t i = 0; i < ARRAY_LEN(bj); i++)
		if (has_prefix(d, bj[i]))
			return MK_BJ;
	return MK_NONE;
}

/* Canonical form of number num (uppercase, n bytes) in market m; 1 when valid. */
static int canonical_in(const char *num, size_t n, enum market m, char *out, size_t outlen)
{
	char d[8];
	switch (m) {
	case MK_SH: case MK_SZ: case MK_BJ: case MK_EM0:
		if (n != 6 || !all_digits(num, n))
			return 0;
		if (m == MK_EM0) /* eastmoney's 0 holds Shenzhen and Beijing */
			m = ashare_market(num) == MK_BJ ? MK_BJ : MK_SZ;
		break;
	case MK_HK:
		if (n < 1 || n > 5 || !all_digits(num, n))
			return 0;
		memset(d, '0', 5);
		memcpy(d + 5 - n, num, n);
		d[5] = '\0';
		if (strcmp(d, "00000") == 0)
			return 0;
		return snprintf(out, outlen, "%s.HK", d) < (int)outlen;
	case MK_US: /* AAPL, or a share class: BRK.B */
		if (!(n >= 1 && n <= 5 && all_alpha(num, n)) &&
		    !(n >= 3 && n <= 7 && num[n - 2] == '.' && is_alpha(num[n - 1]) && all_alpha(num, n - 2)))
			return 0;
		break;
	default:
		return 0;
	}
	return snprintf(out, outlen, "%.*s.%s", (int)n, num, market_names[m]) < (int)outlen;
}

/* Normalise with a market hint; *derived says the market came from the A-share prefix. */
static int canonical(const char *code, size_t clen, const char *market, size_t mlen, char *out, size_t outlen,
		     int *derived)
{
	char c[24];
	while (clen && (*code == ' ' || *code == '\t'))
		code++, clen--;
	while (clen && (code[clen - 1] == ' ' || code[clen - 1] == '\t'))
		clen--;
	if (!clen || clen >= sizeof c || !outlen)
		return 0;
	for (size_t i = 0; i < clen; i++)
		c[i] = (code[i] >= 'a' && code[i] <= 'z') ? (char)(code[i] - 32) : code[i];
	c[clen] = '\0';
	const char *num = c;
	size_t n = clen;
	enum market m = MK_NONE;
	const char *dot = memchr(c, '.', clen);
	size_t lead = 0;
	while (lead < clen && is_alpha(c[lead]))
		lead++;
	if (dot) {
		/* 600519.SH, 00700.HK, TSLA.O, or eastmoney's 1.600519 */
		size_t a = (size_t)(dot - c), b = clen - a - 1;
		if (all_digits(c, a) && a <= 3 && all_digits(dot + 1, b)) {
			m = market_parse(c, a);
			num = dot + 1, n = b;
		} else {
			m = market_parse(dot + 1, b);
			num = c, n = a;
			/* BRK.B: a US share class letter, not a market, when the market given
			   beside the code is a US one */
			if (m == MK_BAD && b == 1 && a <= 5 && all_alpha(c, clen - 2) && is_alpha(dot[1]) &&
			    market && market_parse(market, mlen) == MK_US)
				m = MK_US, n = clen;
		}
		if (m == MK_NONE || m == MK_BAD)
			return 0;
	} else if (lead == 2 && clen > 2 && all_digits(c + 2, clen - 2)) {
		m = market_parse(c, 2); /* SH600519, sz300750, HK0700 */
		num = c + 2, n = clen - 2;
		if (m == MK_NONE || m == MK_BAD)
			return 0;
	} else if (clen > 2 && all_digits(c, clen - 2) && all_alpha(c + clen - 2, 2)) {
		m = market_parse(c + clen - 2, 2); /* 600968SH */
		num = c, n = clen - 2;
		if (m == MK_NONE || m == MK_BAD || m == MK_US)
			return 0;
	}
	if (m == MK_NONE && market) {
		m = market_parse(market, mlen);
		if (m == MK_BAD)
			return 0;
	}
	if (derived)
		*derived = 0;
	if (m == MK_NONE) {
		if (n != 6 || !all_digits(num, n) || (m = ashare_market(num)) == MK_NONE)
			return 0;
		if (derived)
			*derived = 1;
	}
	return canonical_in(num, n, m, out, outlen);
}

int stock_canonical(const char *code, const char *market, char *out, size_t outlen)
{
	if (!code)
		return 0;
	return canonical(code, strlen(code), market, market ? strlen(market) : 0, out, outlen, NULL);
}

/* ---- patterns ---- */

struct rule {
	enum stock_kind kind;
	char *pattern;
	const char *market; /* fixed market, or NULL */
};

/* Built-in rules, tried in order after the config's. Rules of the same pattern with
 * different markets let a code choose: xueqiu.com/S/ holds SH600519, 00700 and AAPL. */
static const struct {
	enum stock_kind kind;
	const char *pattern;
	const char *market;
} builtin_rules[] = {
	/* stcn */
	{SK_HREF, "stcn.com/dc/stock/?stockcode={code}", NULL},
	{SK_HREF, "stcn.com/dc/stock/index.html?stockcode={code}", NULL},
	{SK_HREF, "stockcode={code}", NULL},
	/* eastmoney */
	{SK_HREF, "quote.eastmoney.com/unify/r/{market}.{code}", NULL},
	{SK_HREF, "quote.eastmoney.com/hk/{code}.html", "HK"},
	{SK_HREF, "quote.eastmoney.com/us/{code}.html", "US"},
	{SK_HREF, "quote.eastmoney.com/{code}.html", NULL},
	{SK_HREF, "quote.eastmoney.com/concept/{code}.html", NULL},
	/* sina */
	{SK_HREF, "finance.sina.com.cn/realstock/company/{code}/", NULL},
	{SK_HREF, "stock.finance.sina.com.cn/hkstock/quotes/{code}.html", "HK"},
	{SK_HREF, "stock.finance.sina.com.cn/usstock/quotes/{code}.html", "US"},
	/* xueqiu: A shares carry their market, five digits are Hong Kong, letters the US */
	{SK_HREF, "xueqiu.com/S/{code}", NULL},
	{SK_HREF, "xueqiu.com/S/{code}", "HK"},
	{SK_HREF, "xueqiu.com/S/{code}", "US"},
	/* 10jqka */
	{SK_HREF, "stockpage.10jqka.com.cn/{code}/", NULL},
	{SK_HREF, "stockpage.10jqka.com.cn/{code}/", "HK"},
	{SK_HREF, "stockpage.10jqka.com.cn/{code}/", "US"},
	/* element attributes */
	{SK_DATA_CODE, "{market},{code}", NULL},
	{SK_DATA_CODE, "{code}", NULL},
	{SK_ID, "stock_{market}.{code}", NULL},
	{SK_ID, "stock_{code}", NULL},
	{SK_CODE, "{code}", NULL},
	/* the content of a bracket after a name */
	{SK_TEXT, "{code}", NULL},
	{SK_TEXT, "{market}:{code}", NULL},
	{SK_TEXT, "纳斯达克:{code}", "US"},
	{SK_TEXT, "纳斯达克代码:{code}", "US"},
	{SK_TEXT, "纽交所:{code}", "US"},
	{SK_TEXT, "纽交所代码:{code}", "US"},
	{SK_TEXT, "美股:{code}", "US"},
	{SK_TEXT, "美股代码:{code}", "US"},
	{SK_TEXT, "港股:{code}", "HK"},
	{SK_TEXT, "港股代码:{code}", "HK"},
	{SK_TEXT, "港交所:{code}", "HK"},
	{SK_TEXT, "H股代码:{code}", "HK"},
	{SK_TEXT, "股票代码:{code}", NULL},
	{SK_TEXT, "证券代码:{code}", NULL},
	{SK_TEXT, "A股代码:{code}", NULL},
	{SK_TEXT, "代码:{code}", NULL},
	{SK_TEXT, "上交所:{code}", "SH"},
	{SK_TEXT, "深交所:{code}", "SZ"},
	{SK_TEXT, "北交所:{code}", "BJ"},
};

#define MAX_USER_RULES 64
/* A stock-rule line of the config, kept in the settings' struct stock_rules. */
struct stock_user_rule {
	struct rule r;
};

/* White space a value may carry where the pattern has a space: ASCII, U+00A0, U+3000. */
static size_t ws_len(const char *v, const char *end)
{
	if (v < end && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r'))
		return 1;
	if (end - v >= 2 && (unsigned char)v[0] == 0xC2 && (unsigned char)v[1] == 0xA0)
		return 2;
	if (end - v >= 3 && memcmp(v, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

static const char *skip_ws(const char *v, const char *end)
{
	size_t l;
	while ((l = ws_len(v, end)))
		v += l;
	return v;
}

static int is_alnum(char c)
{
	return is_digit(c) || is_alpha(c);
}

/* Market suffixes a {code} may carry after a dot, or one letter: O and N (NASDAQ, NYSE),
 * or a US share class (BRK.B, which canonical() takes only beside a US market). */
static size_t code_suffix(const char *v, const char *end)
{
	static const char *const sfx[] = {"SH", "SZ", "SS", "BJ", "HK", "US", "OQ"};
	if (v >= end || *v != '.')
		return 0;
	size_t n = 0;
	while (v + 1 + n < end && is_alpha(v[1 + n]))
		n++;
	if (v + 1 + n < end && is_digit(v[1 + n]))
		return 0;
	if (n == 1)
		return 2;
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++)
		if (strlen(sfx[i]) == n && ascii_ncasecmp(sfx[i], v + 1, n) == 0)
			return n + 1;
	return 0;
}

struct caps {
	const char *code, *market;
	size_t code_len, market_len;
};

/* Match pattern p at v (not beyond end); returns the end of the match or NULL. */
static const char *pat_match(const char *p, const char *v, const char *end, struct caps *c)
{
	while (*p) {
		if (*p == '{') {
			int is_code = has_prefix(p, "{code}");
			const char *s = v;
			while (v < end && is_alnum(*v) && v - s < 16)
				v++;
			if (v == s || (v < end && is_alnum(*v)))
				return NULL;
			if (is_code) {
				v += code_suffix(v, end);
				c->code = s, c->code_len = (size_t)(v - s);
				p += 6;
			} else {
				c->market = s, c->market_len = (size_t)(v - s);
				p += 8;
			}
		} else if (*p == ' ') {
			v = skip_ws(v, end);
			p++;
		} else if (*p == ':' || *p == ',') {
			const char *fw = *p == ':' ? "\xEF\xBC\x9A" : "\xEF\xBC\x8C";
			v = skip_ws(v, end);
			if (v < end && *v == *p)
				v++;
			else if (end - v >= 3 && memcmp(v, fw, 3) == 0)
				v += 3;
			else
				return NULL;
			v = skip_ws(v, end);
			p++;
		} else {
			char a = *p, b = v < end ? *v : '\0';
			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (char)(b + 32);
			if (v >= end || a != b)
				return NULL;
			p++, v++;
		}
	}
	return v;
}

/* One rule on a value: anchored at both ends, except href rules which match anywhere. */
static int rule_try(enum stock_kind kind, const char *pattern, const char *market, const char *v, size_t len,
		    char *out, size_t outlen, int *derived)
{
	const char *end = v + len;
	/* a literal first pattern byte rules out most start positions cheaply (hrefs) */
	char first = *pattern;
	int lit = first && first != '{' && first != ' ' && first != ':' && first != ',';
	if (first >= 'A' && first <= 'Z')
		first = (char)(first + 32);
	char up = first >= 'a' && first <= 'z' ? (char)(first - 32) : first;
	for (const char *start = v; start < end; start++) {
		if (lit && kind == SK_HREF) {
			/* the next byte equal to first (either case), found by memchr */
			const char *a = memchr(start, first, (size_t)(end - start));
			const char *b = up != first ? memchr(start, up, (size_t)((a ? a : end) - start)) : NULL;
			start = b ? b : a;
			if (!start)
				break;
		}
		struct caps c = {0};
		const char *e = pat_match(pattern, start, end, &c);
		if (e && (kind == SK_HREF || e == end) && c.code) {
			const char *m = c.market ? c.market : market;
			size_t ml = c.market ? c.market_len : (market ? strlen(market) : 0);
			if (canonical(c.code, c.code_len, m, ml, out, outlen, derived))
				return 1;
		}
		if (kind != SK_HREF)
			break;
	}
	return 0;
}

int stock_rules_match(const struct stock_rules *user, enum stock_kind kind, const char *value, size_t len, char *out,
		      size_t outlen, int *derived)
{
	int dummy;
	if (!derived)
		derived = &dummy;
	*derived = 0;
	if (!value)
		return 0;
	/* tolerate the white space sloppy markup leaves around values */
	const char *end = value + len;
	value = skip_ws(value, end);
	while (end > value) {
		const char *q = end - 1;
		while (q > value && ((unsigned char)*q & 0xC0) == 0x80)
			q--;
		if (ws_len(q, end) != (size_t)(end - q))
			break;
		end = q;
	}
	len = (size_t)(end - value);
	if (!len || len > 2048)
		return 0;
	for (size_t i = 0; user && i < user->n; i++) {
		const struct rule *r = &user->v[i].r;
		if (r->kind == kind && rule_try(kind, r->pattern, r->market, value, len, out, outlen, derived))
			return 1;
	}
	for (size_t i = 0; i < ARRAY_LEN(builtin_rules); i++)
		if (builtin_rules[i].kind == kind &&
		    rule_try(kind, builtin_rules[i].pattern, builtin_rules[i].market, value, len, out, outlen, derived))
			return 1;
	return 0;
}

int stock_from_attrs(const struct stock_rules *user, const char *href, const char *code, const char *data_code,
		     const char *id, char *out, size_t outlen)
{
	/* the link first: it names the market (stcn's SS000001 is the index, not 000001.SZ) */
	const char *vals[] = {href, id, data_code, code};
	const enum stock_kind kinds[] = {SK_HREF, SK_ID, SK_DATA_CODE, SK_CODE};
	for (size_t i = 0; i < ARRAY_LEN(vals); i++)
		if (vals[i] && stock_rules_match(user, kinds[i], vals[i], strlen(vals[i]), out, outlen, NULL))
			return 1;
	return 0;
}

/* ---- the stock-rule command ---- */

static const char *const kind_names[SK_COUNT] = {"href", "code", "data-code", "id", "text"};

/* Check a pattern: one {code}, at most one {market}, nothing else in braces, and
 * placeholders apart. */
static int pattern_check(const char *p, struct nr_error *err)
{
	int ncode = 0, nmarket = 0;
	size_t n = strlen(p);
	if (!n)
		return nr_fail(err, "stock-rule: empty pattern");
	if (n > 200)
		return nr_fail(err, "stock-rule: pattern longer than 200 bytes");
	if (!utf8_valid(p, n))
		return nr_fail(err, "stock-rule: pattern is not valid UTF-8");
	for (const char *s = p; *s; s++) {
		if ((unsigned char)*s < 0x20)
			return nr_fail(err, "stock-rule: control character in pattern");
		if (*s == '}')
			return nr_fail(err, "stock-rule: '}' without '{' in pattern: %s", p);
		if (*s != '{')
			continue;
		if (has_prefix(s, "{code}"))
			ncode++, s += 5;
		else if (has_prefix(s, "{market}"))
			nmarket++, s += 7;
		else {
			const char *e = strchr(s, '}');
			int l = e ? (int)(e - s + 1) : (int)strlen(s);
			return nr_fail(err, "stock-rule: unknown placeholder %.*s (use {code} or {market})", l, s);
		}
		if (s[1] == '{')
			return nr_fail(err, "stock-rule: placeholders must be separated by text: %s", p);
	}
	if (ncode != 1)
		return nr_fail(err, "stock-rule: the pattern needs %s {code}: %s", ncode ? "only one" : "a", p);
	if (nmarket > 1)
		return nr_fail(err, "stock-rule: more than one {market} in pattern: %s", p);
	return 0;
}

int stock_add_rule(struct stock_rules *rules, int argc, char **argv, struct nr_error *err)
{
	if (argc < 2 || argc > 3)
		return nr_fail(err, "usage: stock-rule KIND PATTERN [MARKET]");
	int kind = -1;
	for (int i = 0; i < SK_COUNT; i++)
		if (strcmp(argv[0], kind_names[i]) == 0)
			kind = i;
	if (kind < 0)
		return nr_fail(err, "stock-rule: unknown kind %s (href, code, data-code, id or text)", argv[0]);
	if (pattern_check(argv[1], err))
		return -1;
	const char *market = NULL;
	if (argc == 3) {
		enum market m = market_parse(argv[2], strlen(argv[2]));
		if (m == MK_NONE || m == MK_BAD || m == MK_EM0)
			return nr_fail(err, "stock-rule: unknown market %s (SH, SZ, BJ, HK or US)", argv[2]);
		market = market_names[m];
	}
	if (rules->n == MAX_USER_RULES)
		return nr_fail(err, "stock-rule: more than %d rules", MAX_USER_RULES);
	rules->v = xrealloc(rules->v, (rules->n + 1) * sizeof *rules->v);
	struct rule *r = &rules->v[rules->n++].r;
	r->kind = (enum stock_kind)kind;
	r->pattern = xstrdup(argv[1]);
	r->market = market;
	return 0;
}

void stock_rules_free(struct stock_rules *rules)
{
	for (size_t i = 0; i < rules->n; i++)
		free(rules->v[i].r.pattern);
	free(rules->v);
	rules->v = NULL;
	rules->n = 0;
}
