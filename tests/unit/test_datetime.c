/* Unit tests for datetime.c: RFC 822, ISO 8601/RFC 3339, Chinese forms, garbage. */
#include "testutil.h"

#include "newsread/datetime.h"
#include "newsread/util.h"

#include <time.h>

#define CST (8 * 3600)

struct dcase {
	const char *s;
	int default_offset;
	long long want;   /* seconds since the epoch */
	int zone_known;
};

/* 2003-12-31T10:14:55Z = 1072865695 */
static const struct dcase good[] = {
	{"Wed, 31 Dec 2003 10:14:55 GMT", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 10:14:55 +0000", 0, 1072865695, 1},
	{"31 Dec 2003 10:14:55 GMT", 0, 1072865695, 1},
	{"Wed, 31 Dec 03 10:14:55 GMT", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 10:14:55 UT", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 10:14:55 Z", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 05:14:55 EST", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 06:14:55 EDT", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 04:14:55 CST", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 05:14:55 CDT", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 03:14:55 MST", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 04:14:55 MDT", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 02:14:55 PST", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 03:14:55 PDT", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 18:14:55 +0800", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 18:14:55 +08:00", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 05:14:55 -0500", 0, 1072865695, 1},
	{"Wed, 31 Dec 2003 09:14:55 A", 0, 1072865695, 1},   /* RFC 822: A = -1 */
	{"Wed, 31 Dec 2003 11:14:55 N", 0, 1072865695, 1},   /* N = +1 */
	{"Wed, 31 Dec 2003 22:14:55 Y", 0, 1072865695, 1},   /* Y = +12 */
	{"Wed, 31 Dec 2003 18:14:55 +0800 (CST)", 0, 1072865695, 1},
	{"Wed Dec 31 10:14:55 2003", 0, 1072865695, 0},       /* asctime, no zone */
	{"Wed, 31 Dec 2003 18:14:55", CST, 1072865695, 0},    /* zone-less, UTC+8 */
	{"Wed, 31 Dec 2003", 0, 1072828800, 0},
	{"December 31, 2003 10:14:55 GMT", 0, 1072865695, 1},
	{"2003-12-31T10:14:55Z", 0, 1072865695, 1},
	{"2003-12-31T10:14:55.123Z", 0, 1072865695, 1},
	{"2003-12-31T18:14:55+08:00", 0, 1072865695, 1},
	{"2003-12-31T18:14:55+0800", 0, 1072865695, 1},
	{"2003-12-31T05:14:55-05:00", 0, 1072865695, 1},
	{"2003-12-31 10:14:55Z", 0, 1072865695, 1},
	{"2003-12-31 10:14:55 UTC", 0, 1072865695, 1},
	{"2003-12-31T10:14Z", 0, 1072865640, 1},
	{"20031231T101455Z", 0, 1072865695, 1},
	{"2003-12-31", 0, 1072828800, 0},
	{"2003-12", 0, 1070236800, 0},
	{"2003", 0, 1041379200, 0},
	{"2003-12-31T18:14:55", CST, 1072865695, 0},
	{"2021-11-24 20:49:00", CST, 1637758140, 0},
	{"2021/11/24 20:49", CST, 1637758140, 0},
	{"2021.11.24 20:49", CST, 1637758140, 0},
	{"2021年11月24日 20:49", CST, 1637758140, 0},
	{"2021年11月24日 20:49:00", CST, 1637758140, 0},
	{"2021年11月24日20时49分", CST, 1637758140, 0},
	{"2021年11月24日 星期三 20:49", CST, 1637758140, 0},
	{"2021年11月24日", CST, 1637683200, 0},
	{"2021年11月24日 20:49 来源：本报", CST, 1637758140, 0},
	{"  Wed, 24 Nov 2021 20:49:00 +0800  ", 0, 1637758140, 1},
	{"1969-12-31T23:59:59Z", 0, -1, 1},
	{"2000-02-29T00:00:00Z", 0, 951782400, 1},
};

static void test_good(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		time_t t = 0;
		int zk = -1;
		int ok = date_parse(good[i].s, good[i].default_offset, &t, &zk);
		if (!ok || (long long)t != good[i].want || zk != good[i].zone_known)
			fail_msg("'%s': ok=%d t=%lld (want %lld) zone_known=%d", good[i].s, ok, (long long)t,
				 good[i].want, zk);
	}
}

static void test_bad(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "   ", "Invalid Date", "garbage", "not a date at all", "2003-13-01", "2003-02-30",
		"2001-02-29", "Wed, 32 Dec 2003 10:00:00 GMT", "Wed, 31 Foo 2003 10:00:00 GMT",
		"2003-12-31T25:00:00Z", "2003-12-31T10:61:00Z", "12345", "2003-12-31T10:14:55 bogus",
		"Wed, 31 Dec 2003 10:14:55 +99", "13月45日", "2021年2月30日", NULL,
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		time_t t = 0;
		int zk = 0;
		if (date_parse(bad[i], 0, &t, &zk))
			fail_msg("'%s' parsed as %lld", bad[i] ? bad[i] : "(null)", (long long)t);
	}
}

/* A Chinese date at the head of a long line of text. */
static void test_long(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "2021年11月24日 20:49 来源：");
	for (int i = 0; i < 200; i++)
		buf_adds(&b, "新闻");
	time_t t;
	int zk;
	assert_int_equal(date_parse(b.s, CST, &t, &zk), 1);
	assert_int_equal((long long)t, 1637758140LL);
	buf_free(&b);
	buf_init(&b);
	for (int i = 0; i < 300; i++)
		buf_adds(&b, "x");
	assert_int_equal(date_parse(b.s, CST, &t, &zk), 0);
	buf_free(&b);
}

static void test_local(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	time_t t;
	int zk = 1;
	assert_int_equal(date_parse("2021-11-24 20:49", DATE_LOCAL, &t, &zk), 1);
	assert_int_equal(zk, 0);
	assert_int_equal((long long)t, 1637758140LL);
	/* a zone given wins over local time */
	assert_int_equal(date_parse("2021-11-24T12:49:00Z", DATE_LOCAL, &t, &zk), 1);
	assert_int_equal(zk, 1);
	assert_int_equal((long long)t, 1637758140LL);
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(date_parse("2021-11-24 12:49", DATE_LOCAL, &t, &zk), 1);
	assert_int_equal((long long)t, 1637758140LL);
	unsetenv("TZ");
	tzset();
}

/* 11月24日 without a year: this year, unless that is more than two days ahead. */
static void test_no_year(void **state)
{
	(void)state;
	time_t now = time(NULL);
	time_t shifted = now + CST;
	struct tm tm;
	gmtime_r(&shifted, &tm);
	char s[64];
	snprintf(s, sizeof s, "%d月%d日 08:00", tm.tm_mon + 1, tm.tm_mday);
	time_t t;
	int zk;
	assert_int_equal(date_parse(s, CST, &t, &zk), 1);
	assert_true(t <= now + 86400 && t > now - 86400);
	/* a date a month ahead is last year's */
	time_t ahead = now + 40 * 86400 + CST;
	gmtime_r(&ahead, &tm);
	snprintf(s, sizeof s, "%d月%d日", tm.tm_mon + 1, tm.tm_mday);
	assert_int_equal(date_parse(s, CST, &t, &zk), 1);
	assert_true(t < now);
	assert_true(t > now - 366 * 86400);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_no_year),
	};
	return cmocka_run_group_tests_name("datetime", tests, NULL, NULL);
}
