/* Unit tests for config.c and settings.c: the option table, `set`, quoting, include,
 * theme files, stock rules, errors, the command table, and the option structs the
 * lower stages are given. */
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
	struct settings s;
	settings_init(&s);
	assert_string_equal(opt_str(&s, OPT_KINSOKU), "basic");
	assert_int_equal(opt_int(&s, OPT_KINSOKU), 0);
	assert_int_equal(opt_int(&s, OPT_STOCK_ANNOTATIONS), 1);
	assert_string_equal(opt_str(&s, OPT_STOCK_FORMAT), "%n(%c)");
	assert_int_equal(s.stock_rules.n, 0);
	settings_free(&s);
}

static void test_set_values(void **state)
{
	(void)state;
	struct nr_error e;
	struct settings s, other;
	settings_init(&s);
	settings_init(&other);
	assert_int_equal(opt_set(&s, "kinsoku", "strict", &e), 0);
	assert_int_equal(opt_int(&s, OPT_KINSOKU), 1);
	assert_int_equal(opt_int(&other, OPT_KINSOKU), 0); /* no state shared between two settings */
	assert_int_equal(opt_set(&s, "kinsoku", "loose", &e), -1);
	assert_non_null(strstr(e.msg, "basic|strict"));
	assert_int_equal(opt_int(&s, OPT_KINSOKU), 1); /* a bad value leaves the old one */
	assert_int_equal(opt_set(&s, "cjk-latin-space", "yes", &e), 0);
	assert_int_equal(opt_int(&s, OPT_CJK_LATIN_SPACE), 1);
	assert_string_equal(opt_str(&s, OPT_CJK_LATIN_SPACE), "on");
	assert_int_equal(opt_set(&s, "fetch-timeout", "0", &e), -1);
	assert_int_equal(opt_set(&s, "fetch-timeout", "12x", &e), -1);
	assert_int_equal(opt_set(&s, "fetch-timeout", "12", &e), 0);
	assert_int_equal(opt_int(&s, OPT_FETCH_TIMEOUT), 12);
	assert_int_equal(opt_set(&s, "no-such-option", "1", &e), -1);
	assert_string_equal(e.msg, "unknown option: no-such-option");
	settings_free(&s);
	settings_free(&other);
}

/* What the lower stages are given comes from the settings, nothing else. */
static void test_option_structs(void **state)
{
	(void)state;
	struct nr_error e;
	struct settings s;
	settings_init(&s);
	struct config_ctx c = {.s = &s};
	assert_int_equal(config_exec(&c, "set fetch-timeout 7", &e), 0);
	assert_int_equal(config_exec(&c, "set fetch-parallel 3", &e), 0);
	assert_int_equal(config_exec(&c, "set user-agent 'x/1'", &e), 0);
	assert_int_equal(config_exec(&c, "set paragraph-indent=auto", &e), 0);
	assert_int_equal(config_exec(&c, "set hang-punctuation on", &e), 0);
	assert_int_equal(config_exec(&c, "set stock-annotations off", &e), 0);
	assert_int_equal(config_exec(&c, "stock-rule href 'q.example.com/{code}' SH", &e), 0);
	struct source_opts so;
	settings_source_opts(&s, &so);
	assert_int_equal(so.fetch.timeout, 7);
	assert_string_equal(so.fetch.user_agent, "x/1");
	assert_int_equal(so.parallel, 3);
	struct render_opts ro;
	settings_render_opts(&s, 33, 1, &ro);
	assert_int_equal(ro.layout.width, 33);
	assert_int_equal(ro.layout.cut_pre, 1);
	assert_int_equal(ro.layout.paragraph_indent, 1);
	assert_int_equal(ro.layout.hang_punct, 1);
	assert_int_equal(ro.layout.kinsoku_strict, 0);
	assert_int_equal(ro.stock.annotate, 0);
	assert_string_equal(ro.stock.format, "%n(%c)");
	assert_ptr_equal(ro.stock.rules, &s.stock_rules);
	assert_int_equal(s.stock_rules.n, 1);
	/* a bad rule adds nothing */
	assert_int_equal(config_exec(&c, "stock-rule href 'q.example.com/{ticker}'", &e), -1);
	assert_int_equal(s.stock_rules.n, 1);
	settings_free(&s);
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
	struct settings s;
	settings_init(&s);
	struct config_ctx c = {.s = &s};
	assert_int_equal(config_load_file(&c, main_path, 1, &e), 0);
	assert_int_equal(opt_int(&s, OPT_PARAGRAPH_INDENT), 1);
	assert_int_equal(opt_int(&s, OPT_KINSOKU), 1);
	assert_int_equal(c.depth, 0); /* the caller's context is left as it was */
	assert_null(c.file);

	write_file(main_path, "set kinsoku basic\nbogus command\n");
	assert_int_equal(config_load_file(&c, main_path, 1, &e), -1);
	char want[128];
	snprintf(want, sizeof want, "%s:2: unknown command: bogus", main_path);
	assert_string_equal(e.msg, want);

	/* an include loop is stopped, not followed forever */
	write_file(main_path, "include config\n");
	assert_int_equal(config_load_file(&c, main_path, 1, &e), -1);
	assert_non_null(strstr(e.msg, "nested too deeply"));

	/* a theme that does not exist is an error of the line that names it */
	write_file(main_path, "set kinsoku basic\nset theme nosuch\n");
	assert_int_equal(config_load_file(&c, main_path, 1, &e), -1);
	snprintf(want, sizeof want, "%s:2: unknown theme: nosuch", main_path);
	assert_string_equal(e.msg, want);
	assert_string_equal(opt_str(&s, OPT_THEME), "default");
	assert_int_equal(config_set(&c, "theme", "/nonexistent/x.theme", &e), -1);
	assert_non_null(strstr(e.msg, "unknown theme: /nonexistent/x.theme"));
	assert_int_equal(config_set(&c, "theme", "themes/light.theme", &e), 0);

	assert_int_equal(config_load_file(&c, "/nonexistent/newsread/config", 0, &e), 0);
	assert_int_equal(config_load_file(&c, "/nonexistent/newsread/config", 1, &e), -1);
	unlink(main_path);
	unlink(inc_path);
	rmdir(dir);
	settings_free(&s);
}

/* The theme the options name runs after the config; the config's color lines win. */
static void test_load_theme(void **state)
{
	(void)state;
	char dir[] = "/tmp/nrthmXXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64], bad[64];
	snprintf(path, sizeof path, "%s/t.theme", dir);
	snprintf(bad, sizeof bad, "%s/bad.theme", dir);
	write_file(path, "color title green\ncolor stock blue\n");
	write_file(bad, "color title red\ncolor nosuch blue\n");
	struct nr_error e;
	struct settings s;
	settings_init(&s);
	struct config_ctx c = {.s = &s};
	assert_int_equal(config_exec(&c, "color stock magenta", &e), 0);
	assert_int_equal(config_set(&c, "theme", path, &e), 0);
	assert_int_equal(config_load_theme(&c, &e), 0);
	assert_int_equal(s.theme.v[TE_TITLE].fg, 2);
	assert_int_equal(s.theme.v[TE_STOCK].fg, 5); /* the config's line stays */
	assert_int_equal(c.in_theme, 0);

	assert_int_equal(config_set(&c, "theme", bad, &e), 0);
	assert_int_equal(config_load_theme(&c, &e), -1);
	char want[128];
	snprintf(want, sizeof want, "%s:2: unknown theme element: nosuch", bad);
	assert_string_equal(e.msg, want);
	settings_free(&s);

	/* the default theme by name, from the source tree */
	settings_init(&s);
	c.s = &s;
	assert_int_equal(config_load_theme(&c, &e), 0);
	settings_free(&s);
	unlink(path);
	unlink(bad);
	rmdir(dir);
}

/* --list-commands: one line per command, three tab-separated fields. */
static void test_commands(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	config_print_commands(f);
	rewind(f);
	char line[512];
	const char *want[] = {"set", "include", "color", "stock-rule"};
	size_t n = 0;
	while (fgets(line, sizeof line, f)) {
		assert_true(n < ARRAY_LEN(want));
		char *t1 = strchr(line, '\t');
		assert_non_null(t1);
		char *t2 = strchr(t1 + 1, '\t');
		assert_non_null(t2);
		assert_null(strchr(t2 + 1, '\t'));
		assert_true(strlen(t2 + 1) > 10);
		*t1 = '\0';
		assert_string_equal(line, want[n]);
		assert_true(strncmp(t1 + 1, want[n], strlen(want[n])) == 0); /* usage starts with the name */
		n++;
	}
	assert_int_equal(n, ARRAY_LEN(want));
	fclose(f);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_set_values),
		cmocka_unit_test(test_option_structs),
		cmocka_unit_test(test_file_and_include),
		cmocka_unit_test(test_load_theme),
		cmocka_unit_test(test_commands),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
