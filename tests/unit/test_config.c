/* Unit tests for config.c: the option table, `set`, quoting, include, errors. */
#include "testutil.h"

#include "newsread/config.h"

#include <unistd.h>

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_defaults(void **state)
{
	(void)state;
	opt_reset();
	assert_string_equal(opt_str(OPT_KINSOKU), "basic");
	assert_int_equal(opt_int(OPT_KINSOKU), 0);
	assert_int_equal(opt_int(OPT_STOCK_ANNOTATIONS), 1);
	assert_string_equal(opt_str(OPT_STOCK_FORMAT), "%n(%c)");
}

static void test_set_values(void **state)
{
	(void)state;
	struct nr_error e;
	opt_reset();
	assert_int_equal(opt_set("kinsoku", "strict", &e), 0);
	assert_int_equal(opt_int(OPT_KINSOKU), 1);
	assert_int_equal(opt_set("kinsoku", "loose", &e), -1);
	assert_non_null(strstr(e.msg, "basic|strict"));
	assert_int_equal(opt_set("cjk-latin-space", "yes", &e), 0);
	assert_int_equal(opt_int(OPT_CJK_LATIN_SPACE), 1);
	assert_int_equal(opt_set("fetch-timeout", "0", &e), -1);
	assert_int_equal(opt_set("fetch-timeout", "12x", &e), -1);
	assert_int_equal(opt_set("fetch-timeout", "12", &e), 0);
	assert_int_equal(opt_int(OPT_FETCH_TIMEOUT), 12);
	assert_int_equal(opt_set("no-such-option", "1", &e), -1);
	assert_string_equal(e.msg, "unknown option: no-such-option");
	opt_reset();
}

static void test_file_and_include(void **state)
{
	(void)state;
	char dir[] = "/tmp/nrcfgXXXXXX";
	assert_non_null(mkdtemp(dir));
	char main_path[64], inc_path[64];
	snprintf(main_path, sizeof main_path, "%s/config", dir);
	snprintf(inc_path, sizeof inc_path, "%s/more", dir);
	write_file(inc_path, "set kinsoku strict\n");
	write_file(main_path, "# newsread config\n\nset paragraph-indent auto\ninclude more\n");
	struct nr_error e;
	opt_reset();
	assert_int_equal(config_load_file(main_path, 1, &e), 0);
	assert_int_equal(opt_int(OPT_PARAGRAPH_INDENT), 1);
	assert_int_equal(opt_int(OPT_KINSOKU), 1);

	write_file(main_path, "set kinsoku basic\nbogus command\n");
	assert_int_equal(config_load_file(main_path, 1, &e), -1);
	char want[128];
	snprintf(want, sizeof want, "%s:2: unknown command: bogus", main_path);
	assert_string_equal(e.msg, want);

	/* an include loop is stopped, not followed forever */
	write_file(main_path, "include config\n");
	assert_int_equal(config_load_file(main_path, 1, &e), -1);
	assert_non_null(strstr(e.msg, "nested too deeply"));

	assert_int_equal(config_load_file("/nonexistent/newsread/config", 0, &e), 0);
	assert_int_equal(config_load_file("/nonexistent/newsread/config", 1, &e), -1);
	unlink(main_path);
	unlink(inc_path);
	rmdir(dir);
	opt_reset();
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_set_values),
		cmocka_unit_test(test_file_and_include),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
