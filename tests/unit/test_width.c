/* Unit tests for width.c's caches: the answers kept as one bit per code point (the
 * windows U+2000..U+20FF, U+3000..U+9FFF, U+FF00..U+FFFF) must equal wcwidth's, both
 * the first time (learnt) and after (from the bit), through cp_width and through
 * para_sanitize's fast paths. */
#include "testutil.h"

#include "render/layout_int.h"
#include "newsread/util.h"

#include <unistr.h>
#include <wchar.h>

/* What CJK.md W1/W2 say a lone code point of the windows takes: deleted ones 0, else
 * wcwidth, and where the C library knows no width a placeholder (U+3013, 2 columns,
 * for CJK and default-wide code points; '?' otherwise). */
static int expect_width(uint32_t c)
{
	if (c == 0x200B || c == 0x200D || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	    c == 0x2060 || (c >= 0x2066 && c <= 0x2069))
		return 0;
	int w = wcwidth((wchar_t)c);
	if (w >= 0)
		return w;
	return (c >= 0x3000 && c < 0xFE00) || cp_default_wide(c) ? 2 : 1;
}

static int in_windows(uint32_t c)
{
	return (c >= 0x2000 && c < 0x2100) || (c >= 0x3000 && c < 0xA000) || c >= 0xFF00;
}

/* Every code point of the windows: learnt (all of them first, so a wrong bit index
 * would find a neighbour's bit), then remembered. */
static void test_cp_width_windows(void **state)
{
	(void)state;
	static int8_t first[0x10000];
	static uint32_t repl[0x10000];
	size_t n = 0;
	for (uint32_t c = 0x2000; c < 0x10000; c++)
		if (in_windows(c)) {
			first[c] = (int8_t)cp_width(c, &repl[c]);
			if (first[c] != expect_width(c))
				fail_msg("U+%04X: %d, expected %d", (unsigned)c, first[c], expect_width(c));
			n++;
		}
	assert_int_equal(n, 0x100 + 0x7000 + 0x100);
	for (uint32_t c = 0x2000; c < 0x10000; c++) {
		uint32_t r;
		int w = in_windows(c) ? cp_width(c, &r) : first[c];
		if (w != first[c] || (in_windows(c) && r != repl[c]))
			fail_msg("U+%04X: %d, then %d", (unsigned)c, first[c], w);
	}
}

static size_t put(char *s, size_t len, uint32_t c)
{
	return len + (size_t)u8_uctomb((uint8_t *)s + len, c, 4);
}

/* Each code point of the windows four times among ideographs ("一c一cc一c一"): the
 * widths of the units sum to the expected ones, and an ideograph of width 2 comes out
 * of the fast path (U_IDID on every unit after the first) with the first occurrence
 * learnt and the others read from the bit, but no other code point does. Twice: in
 * the second round every answer is known (test_cp_width_windows may run first too). */
static void test_sanitize_windows(void **state)
{
	(void)state;
	struct para p = {0};
	size_t fast = 0;
	for (uint32_t k = 0x2000; k < 0x20000; k++) {
		uint32_t c = k & 0xFFFF; /* two rounds */
		if (!in_windows(c) || c == 0x2028 || c == 0x2029) /* line separators: '\n' */
			continue;
		char s[64];
		size_t len = 0;
		static const int pat[] = {0, 1, 0, 1, 1, 0, 1, 0};
		for (size_t k = 0; k < ARRAY_LEN(pat); k++)
			len = put(s, len, pat[k] ? c : 0x4E00);
		para_sanitize(&p, s, len, NULL, 0);
		int sum = 0;
		for (size_t i = 0; i < p.n; i++)
			sum += p.u[i].w;
		if (sum != 4 * 2 + 4 * expect_width(c))
			fail_msg("U+%04X: %d columns, expected %d", (unsigned)c, sum, 8 + 4 * expect_width(c));
		if (han_id(c) && wcwidth((wchar_t)c) == 2) {
			assert_int_equal(p.n, 8);
			for (size_t i = 1; i < p.n; i++) {
				assert_int_equal(p.u[i].w, 2);
				assert_true(p.u[i].flags & U_IDID);
			}
			fast++;
		} else {
			for (size_t i = 0; i < p.n; i++)
				if (p.u[i].cp == c && (p.u[i].flags & U_IDID))
					fail_msg("U+%04X: marked as an ideograph", (unsigned)c);
		}
	}
	assert_true(fast > 2 * 20000); /* the ideographs of U+3400..U+9FFF, twice */
	para_free(&p);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cp_width_windows),
		cmocka_unit_test(test_sanitize_windows),
	};
	return cmocka_run_group_tests_name("width", tests, NULL, NULL);
}
