/* datetime.c - dates in RFC 822/2822, RFC 3339/ISO 8601 and Chinese forms.
 *
 * Calendar arithmetic is done here (days from a civil date), never with mktime and a
 * TZ hack; only DATE_LOCAL asks mktime about the local zone.
 *
 * Forms read:
 *   RFC 822/2822  [Wdy,] DD Mon YY[YY] [HH:MM[:SS]] [zone]   also "Mon DD YYYY" and asctime
 *                 zones: +0800, -05:00, GMT UT UTC Z EST EDT CST CDT MST MDT PST PDT and the
 *                 military letters A-I, K-Y as RFC 822 defines them (A = -1 ... Y = +12)
 *                 two-digit years: 00-49 -> 20xx, 50-99 -> 19xx (RFC 2822 section 4.3)
 *   ISO 8601      YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD, then T or spaces, HH:MM[:SS[.frac]]
 *                 or HHMMSS, then Z, +08:00, +0800 or +08; '/' and '.' separators too
 *                 (2021/11/24 20:49)
 *   Chinese       2021年11月24日 [星期三] 20:49[:05] (also 20时49分05秒, 20点49分), and
 *                 11月24日 without a year: taken as this year, or the year before when that
 *                 would put it more than two days in the future (a news page shows this
 *                 year's dates without the year). Text after a Chinese date is ignored.
 * Anything else ("Invalid Date", garbage, impossible dates) is not a date. */
#include "newsread/datetime.h"
#include "newsread/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct dt {
	int year, mon, day, hour, min, sec;
	int has_zone;
	long offset; /* seconds east of UTC */
};

/* Days since 1970-01-01 of a proleptic Gregorian date (any year). */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static int dt_valid(const struct dt *t)
{
	return t->year >= 1 && t->year <= 9999 && t->mon >= 1 && t->mon <= 12 && t->day >= 1 &&
	       t->day <= month_days(t->year, t->mon) && t->hour >= 0 && t->hour <= 24 && t->min >= 0 &&
	       t->min <= 59 && t->sec >= 0 && t->sec <= 60 && (t->hour < 24 || (t->min == 0 && t->sec == 0));
}

/* Turn the parsed fields into seconds since the epoch. */
static int dt_finish(const struct dt *t, int default_offset, time_t *out, int *zone_known)
{
	if (!dt_valid(t))
		return 0;
	if (zone_known)
		*zone_known = t->has_zone;
	if (!t->has_zone && default_offset == DATE_LOCAL) {
		struct tm tm = {0};
		tm.tm_year = t->year - 1900;
		tm.tm_mon = t->mon - 1;
		tm.tm_mday = t->day;
		tm.tm_hour = t->hour;
		tm.tm_min = t->min;
		tm.tm_sec = t->sec;
		tm.tm_isdst = -1;
		time_t r = mktime(&tm);
		if (r == (time_t)-1 && !(t->year == 1969 || t->year == 1970))
			return 0;
		*out = r;
		return 1;
	}
	long off = t->has_zone ? t->offset : default_offset;
	long long days = days_from_civil(t->year, t->mon, t->day);
	long long secs = days * 86400 + t->hour * 3600LL + t->min * 60LL + t->sec - off;
	*out = (time_t)secs;
	return 1;
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Read exactly n digits (n > 0) or up to n digits when !exact; -1 when none. */
static int read_digits(const char **pp, int n, int exact)
{
	const char *p = *pp;
	int v = 0, k = 0;
	while (k < n && isdigit((unsigned char)p[k])) {
		v = v * 10 + (p[k] - '0');
		k++;
	}
	if (k == 0 || (exact && k != n))
		return -1;
	*pp = p + k;
	return v;
}

/* +HH:MM, +HHMM, +HH (also -); returns 1 and sets offset. */
static int read_numeric_zone(const char **pp, long *offset)
{
	const char *p = *pp;
	if (*p != '+' && *p != '-')
		return 0;
	int sign = *p == '-' ? -1 : 1;
	p++;
	int h = read_digits(&p, 2, 1);
	if (h < 0)
		return 0;
	int m = 0;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)*p)) {
		m = read_digits(&p, 2, 1);
		if (m < 0)
			return 0;
	}
	if (h > 23 || m > 59)
		return 0;
	*offset = sign * (h * 3600L + m * 60L);
	*pp = p;
	return 1;
}

static const struct {
	const char *name;
	int hours;
} zone_names[] = {
	{"GMT", 0}, {"UT", 0}, {"UTC", 0}, {"Z", 0}, {"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
	{"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}, {"AST", -4}, {"ADT", -3}, {"ET", -5},
	{"CT", -6}, {"MT", -7}, {"PT", -8}, {"MET", 1}, {"MEST", 2}, {"CET", 1}, {"CEST", 2},
	{"BST", 1}, {"JST", 9}, {"HKT", 8}, {"SGT", 8},
};

/* A named zone (word of n letters); returns 1 and the offset. */
static int zone_by_name(const char *w, size_t n, long *offset)
{
	for (size_t i = 0; i < ARRAY_LEN(zone_names); i++) {
		if (strlen(zone_names[i].name) == n && ascii_ncasecmp(w, zone_names[i].name, n) == 0) {
			*offset = zone_names[i].hours * 3600L;
			return 1;
		}
	}
	if (n == 1 && isalpha((unsigned char)*w)) { /* military, as RFC 822 defines them */
		int c = toupper((unsigned char)*w);
		if (c >= 'A' && c <= 'I')
			*offset = -(c - 'A' + 1) * 3600L;
		else if (c >= 'K' && c <= 'M')
			*offset = -(c - 'K' + 10) * 3600L;
		else if (c >= 'N' && c <= 'Y')
			*offset = (c - 'N' + 1) * 3600L;
		else
			return 0; /* J is not a zone; Z was matched above */
		return 1;
	}
	return 0;
}

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
					  "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const month_full[] = {"january", "february", "march", "april", "may", "june",
					 "july", "august", "september", "october", "november", "december"};
static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const day_full[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
				       "sunday"};

static int word_is(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && ascii_ncasecmp(w, name, n) == 0;
}

/* 1..12 for a month name (3 letters, full, "Sept"), else 0. */
static int month_by_name(const char *w, size_t n)
{
	for (int i = 0; i < 12; i++)
		if (word_is(w, n, month_names[i]) || word_is(w, n, month_full[i]))
			return i + 1;
	if (word_is(w, n, "sept"))
		return 9;
	return 0;
}

static int is_day_name(const char *w, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (word_is(w, n, day_names[i]) || word_is(w, n, day_full[i]))
			return 1;
	return 0;
}

/* HH:MM[:SS[.frac]] at p; returns 1 and advances. */
static int read_clock(const char **pp, struct dt *t)
{
	const char *p = *pp;
	int h = read_digits(&p, 2, 0);
	if (h < 0 || *p != ':')
		return 0;
	p++;
	int m = read_digits(&p, 2, 1);
	if (m < 0)
		return 0;
	int s = 0;
	if (*p == ':') {
		p++;
		s = read_digits(&p, 2, 1);
		if (s < 0)
			return 0;
		if (*p == '.' || *p == ',') {
			p++;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	t->hour = h;
	t->min = m;
	t->sec = s;
	*pp = p;
	return 1;
}

/* RFC 822 family: words separated by spaces and commas, in the orders mail and feeds use. */
static int parse_rfc822(const char *s, struct dt *t)
{
	const char *p = s;
	int have_day = 0, have_year = 0, have_time = 0, pm = -1;
	t->mon = 0;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (*p == '(') { /* comment such as (CST): ignored */
			const char *e = strchr(p, ')');
			if (!e)
				return 0;
			p = e + 1;
			continue;
		}
		if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
			if (t->has_zone || !read_numeric_zone(&p, &t->offset))
				return 0;
			t->has_zone = 1;
			continue;
		}
		if (isalpha((unsigned char)*p)) {
			const char *w = p;
			while (isalpha((unsigned char)*p))
				p++;
			size_t n = (size_t)(p - w);
			if (*p == '.') /* "Sept." "Mon." */
				p++;
			int mon = month_by_name(w, n);
			if (mon && !t->mon) {
				t->mon = mon;
				continue;
			}
			if (is_day_name(w, n))
				continue;
			if (word_is(w, n, "am") || word_is(w, n, "pm")) {
				pm = word_is(w, n, "pm");
				continue;
			}
			long off;
			if (!t->has_zone && have_time && zone_by_name(w, n, &off)) {
				t->offset = off;
				t->has_zone = 1;
				/* "GMT+8" / "UTC+0800" */
				if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
					const char *q = p;
					if (read_numeric_zone(&q, &off)) {
						t->offset += off;
						p = q;
					} else {
						int sign = *p == '-' ? -1 : 1;
						q = p + 1;
						int h = read_digits(&q, 2, 0);
						if (h < 0 || h > 14)
							return 0;
						t->offset += sign * h * 3600L;
						p = q;
					}
				}
				continue;
			}
			return 0;
		}
		if (isdigit((unsigned char)*p)) {
			const char *w = p;
			if (!have_time && read_clock(&p, t)) {
				have_time = 1;
				if (*p == 'Z' || *p == 'z') { /* 10:14:55Z */
					p++;
					t->has_zone = 1;
					t->offset = 0;
				}
				continue;
			}
			p = w;
			while (isdigit((unsigned char)*p))
				p++;
			size_t n = (size_t)(p - w);
			if (isalpha((unsigned char)*p) && n <= 2 && !have_day) {
				/* "1st" "2nd" "24th" */
				const char *q = p;
				while (isalpha((unsigned char)*q))
					q++;
				if (q - p != 2)
					return 0;
				p = q;
			} else if (*p && *p != ' ' && *p != ',' && *p != '\t' && *p != '\r' && *p != '\n') {
				return 0;
			}
			if (n > 4)
				return 0;
			int v = atoi(w);
			if (!have_day && n <= 2 && v >= 1 && v <= 31 && !(have_year)) {
				t->day = v;
				have_day = 1;
			} else if (!have_year && (n == 4 || n == 2 || n == 3)) {
				t->year = n == 2 ? (v < 50 ? 2000 + v : 1900 + v) : (n == 3 ? 1900 + v : v);
				have_year = 1;
			} else {
				return 0;
			}
			continue;
		}
		return 0;
	}
	if (!have_day || !have_year || !t->mon)
		return 0;
	if (pm >= 0 && have_time) {
		if (t->hour < 1 || t->hour > 12)
			return 0;
		t->hour = t->hour % 12 + (pm ? 12 : 0);
	}
	return 1;
}

/* ISO 8601 / RFC 3339 and the YYYY/MM/DD HH:MM cousins. */
static int parse_iso(const char *s, struct dt *t)
{
	const char *p = s;
	t->year = read_digits(&p, 4, 1);
	if (t->year < 0)
		return 0;
	t->mon = t->day = 1;
	char sep = 0;
	if (*p == '-' || *p == '/' || *p == '.') {
		sep = *p++;
		t->mon = read_digits(&p, 2, 0);
		if (t->mon < 0)
			return 0;
		if (*p == sep) {
			p++;
			t->day = read_digits(&p, 2, 0);
			if (t->day < 0)
				return 0;
		}
	} else if (isdigit((unsigned char)*p)) { /* YYYYMMDD */
		t->mon = read_digits(&p, 2, 1);
		t->day = read_digits(&p, 2, 1);
		if (t->mon < 0 || t->day < 0)
			return 0;
	}
	int time_sep = 0;
	if (*p == 'T' || *p == 't') {
		p++;
		time_sep = 1;
	} else if (*p == ' ' && isdigit((unsigned char)skip_space(p)[0])) {
		p = skip_space(p);
		time_sep = 1;
	}
	if (time_sep) {
		const char *q = p;
		if (!read_clock(&p, t)) { /* HHMMSS */
			p = q;
			int h = read_digits(&p, 2, 1), m = read_digits(&p, 2, 1);
			if (h < 0 || m < 0)
				return 0;
			t->hour = h;
			t->min = m;
			if (isdigit((unsigned char)*p))
				t->sec = read_digits(&p, 2, 1);
			if (t->sec < 0)
				return 0;
			if (*p == '.')
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
	}
	p = skip_space(p);
	if (*p == 'Z' || *p == 'z') {
		p++;
		t->has_zone = 1;
		t->offset = 0;
	} else if (*p == '+' || *p == '-') {
		if (!read_numeric_zone(&p, &t->offset))
			return 0;
		t->has_zone = 1;
	} else if (isalpha((unsigned char)*p)) {
		const char *w = p;
		while (isalpha((unsigned char)*p))
			p++;
		if (!zone_by_name(w, (size_t)(p - w), &t->offset) || p - w < 2)
			return 0;
		t->has_zone = 1;
		if (*p == '+' || *p == '-') {
			long extra;
			if (!read_numeric_zone(&p, &extra))
				return 0;
			t->offset += extra;
		}
	}
	p = skip_space(p);
	if (*p == '(') {
		const char *e = strchr(p, ')');
		if (!e)
			return 0;
		p = skip_space(e + 1);
	}
	return *p == '\0';
}

/* Chinese forms; needle points at the text, which contains 年 or 月. */
static int parse_chinese(const char *s, struct dt *t, int default_offset)
{
	const char *p = s;
	int a = read_digits(&p, 4, 0);
	if (a < 0)
		return 0;
	p = skip_space(p);
	int year = -1;
	if (has_prefix(p, "年")) {
		year = a;
		p = skip_space(p + strlen("年"));
		a = read_digits(&p, 2, 0);
		if (a < 0)
			return 0;
		p = skip_space(p);
	}
	if (!has_prefix(p, "月"))
		return 0;
	t->mon = a;
	p = skip_space(p + strlen("月"));
	t->day = read_digits(&p, 2, 0);
	if (t->day < 0)
		return 0;
	p = skip_space(p);
	if (has_prefix(p, "日"))
		p += strlen("日");
	else if (has_prefix(p, "号"))
		p += strlen("号");
	else
		return 0;
	p = skip_space(p);
	/* weekday: 星期三, 周三, also in parentheses */
	const char *q = p;
	if (has_prefix(q, "（") || has_prefix(q, "("))
		q += has_prefix(q, "(") ? 1 : strlen("（");
	if (has_prefix(q, "星期") || has_prefix(q, "周")) {
		q += has_prefix(q, "星期") ? strlen("星期") : strlen("周");
		static const char *const wd[] = {"一", "二", "三", "四", "五", "六", "日", "天"};
		for (size_t i = 0; i < ARRAY_LEN(wd); i++)
			if (has_prefix(q, wd[i])) {
				q += strlen(wd[i]);
				if (has_prefix(q, "）") || has_prefix(q, ")"))
					q += has_prefix(q, ")") ? 1 : strlen("）");
				p = skip_space(q);
				break;
			}
	}
	if (isdigit((unsigned char)*p)) {
		const char *c = p;
		int h = read_digits(&c, 2, 0);
		int m = -1, sec = 0;
		if (*c == ':' || has_prefix(c, "：") || has_prefix(c, "时") || has_prefix(c, "点")) {
			c += *c == ':' ? 1 : 3;
			m = read_digits(&c, 2, 0);
			if (m >= 0) {
				if (has_prefix(c, "分"))
					c += strlen("分");
				if (*c == ':' || has_prefix(c, "：")) {
					c += *c == ':' ? 1 : 3;
					sec = read_digits(&c, 2, 0);
				} else if (isdigit((unsigned char)*c)) {
					sec = read_digits(&c, 2, 0);
				}
				if (sec < 0)
					sec = 0;
			}
		}
		if (h >= 0 && m >= 0) {
			t->hour = h;
			t->min = m;
			t->sec = sec;
		}
	}
	if (year < 0) {
		/* No year: this year in the zone used, or last year when that lands in the future. */
		time_t now = time(NULL);
		long off = default_offset == DATE_LOCAL ? 0 : default_offset;
		time_t shifted = now + off;
		struct tm tm;
		gmtime_r(&shifted, &tm);
		t->year = tm.tm_year + 1900;
		time_t cand;
		int zk;
		if (dt_finish(t, default_offset, &cand, &zk) && cand > now + 2 * 86400)
			t->year--;
	} else {
		t->year = year;
	}
	return 1;
}

/* Contract in datetime.h. */
int date_parse(const char *s, int default_offset, time_t *t, int *zone_known)
{
	if (!s)
		return 0;
	char tmp[256];
	s = skip_space(s);
	size_t n = strnlen(s, sizeof tmp);
	if (n == 0)
		return 0;
	if (n >= sizeof tmp) { /* only a Chinese date may trail text: keep the head, whole characters */
		n = sizeof tmp - 1;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	str_trim(tmp);
	struct dt d = {0};
	int ok;
	if (strstr(tmp, "月"))
		ok = parse_chinese(tmp, &d, default_offset);
	else if (isdigit((unsigned char)tmp[0]) && isdigit((unsigned char)tmp[1]) && isdigit((unsigned char)tmp[2]) &&
		 isdigit((unsigned char)tmp[3]))
		ok = parse_iso(tmp, &d);
	else
		ok = parse_rfc822(tmp, &d);
	if (!ok)
		return 0;
	int zk = 0;
	if (!dt_finish(&d, default_offset, t, &zk))
		return 0;
	if (zone_known)
		*zone_known = zk;
	return 1;
}
