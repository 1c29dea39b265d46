/* Unit tests for theme.c: color lines, errors naming the bad word, theme files that do
 * not override the config's own colours, the element table, and curses pairs. */
#include "testutil.h"

#include "newsread/config.h"
#include "newsread/theme.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <unistd.h>

/* The settings the tests work on, as start-up would build them. */
static struct settings S;
static struct config_ctx C = {.s = &S};

static int color_line(const char *line, struct nr_error *e)
{
	return config_exec(&C, line, e);
}

static void t_reset(void)
{
	settings_free(&S);
	settings_init(&S);
}

static void t_get(enum theme_elem e, struct theme_value *v)
{
	*v = S.theme.v[e];
}

/* The theme option set as -o would, then its file run as start-up does. */
static int t_load(const char *name, struct nr_error *e)
{
	if (config_set(&C, "theme", name, e))
		return -1;
	return config_load_theme(&C, e);
}

static void test_defaults_parse(void **state)
{
	(void)state;
	t_reset();
	struct theme_value v;
	t_get(TE_TITLE, &v);
	assert_int_equal(v.fg, 3); /* yellow */
	assert_int_equal(v.bg, THEME_DEFAULT);
	assert_true(v.attrs & THEME_BOLD);
	assert_int_equal(v.from_config, 0);
	for (int i = 0; i < THEME_NELEM; i++) {
		assert_int_equal(theme_lookup(theme_elements[i].name), i);
		assert_true(strlen(theme_elements[i].help) > 5);
	}
	assert_int_equal(theme_lookup("stock"), TE_STOCK);
	assert_int_equal(theme_lookup("stocks"), -1);
	assert_int_equal(theme_lookup("stoc"), -1);
}

static void test_color_values(void **state)
{
	(void)state;
	struct nr_error e;
	struct theme_value v;
	t_reset();
	assert_int_equal(color_line("color stock magenta", &e), 0);
	t_get(TE_STOCK, &v);
	assert_int_equal(v.fg, 5);
	assert_int_equal(v.bg, THEME_DEFAULT);
	assert_int_equal(v.attrs, 0);
	assert_int_equal(v.from_config, 1);

	assert_int_equal(color_line("color link color208 black underline bold", &e), 0);
	t_get(TE_LINK, &v);
	assert_int_equal(v.fg, 208);
	assert_int_equal(v.bg, 0);
	assert_int_equal(v.attrs, THEME_UNDERLINE | THEME_BOLD);

	assert_int_equal(color_line("color heading \"#FF8000\" default italic", &e), 0);
	t_get(TE_HEADING, &v);
	assert_int_equal(v.fg, THEME_RGB | 0xff8000);
	assert_int_equal(v.attrs, THEME_ITALIC);

	/* an attribute right after the foreground: no background */
	assert_int_equal(color_line("color meta cyan reverse dim standout", &e), 0);
	t_get(TE_META, &v);
	assert_int_equal(v.bg, THEME_DEFAULT);
	assert_int_equal(v.attrs, THEME_REVERSE | THEME_DIM | THEME_STANDOUT);
}

static void test_color_errors(void **state)
{
	(void)state;
	struct nr_error e;
	t_reset();
	assert_int_equal(color_line("color titel red", &e), -1);
	assert_string_equal(e.msg, "unknown theme element: titel");
	assert_int_equal(color_line("color title redx", &e), -1);
	assert_string_equal(e.msg, "unknown color: redx");
	assert_int_equal(color_line("color title re", &e), -1);
	assert_string_equal(e.msg, "unknown color: re");
	assert_int_equal(color_line("color title red blinking", &e), -1);
	assert_string_equal(e.msg, "unknown color or attribute: blinking");
	assert_int_equal(color_line("color title red blue boldly", &e), -1);
	assert_string_equal(e.msg, "unknown attribute: boldly");
	assert_int_equal(color_line("color title color256", &e), -1);
	assert_int_equal(color_line("color title color", &e), -1);
	assert_int_equal(color_line("color title color-1", &e), -1);
	assert_int_equal(color_line("color title \"#12345\"", &e), -1);
	assert_int_equal(color_line("color title \"#12345g\"", &e), -1);
	assert_int_equal(color_line("color title", &e), -1); /* too few words */
	/* nothing of the failed lines was stored */
	struct theme_value v;
	t_get(TE_TITLE, &v);
	assert_int_equal(v.fg, 3);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_theme_file(void **state)
{
	(void)state;
	struct nr_error e;
	struct theme_value v;
	char dir[] = "/tmp/nr-theme.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128], bad[128];
	snprintf(path, sizeof path, "%s/mine.theme", dir);
	snprintf(bad, sizeof bad, "%s/bad.theme", dir);
	write_file(path, "# a theme\ncolor stock green\ncolor title blue default\n");
	write_file(bad, "color title red\n\ncolor nosuch red\n");

	t_reset();
	/* the config set the title; the theme must not override it */
	assert_int_equal(color_line("color title white red", &e), 0);
	assert_int_equal(t_load(path, &e), 0);
	t_get(TE_TITLE, &v);
	assert_int_equal(v.fg, 7);
	assert_int_equal(v.bg, 1);
	t_get(TE_STOCK, &v);
	assert_int_equal(v.fg, 2);
	assert_int_equal(v.from_config, 0);

	assert_int_equal(t_load(bad, &e), -1);
	assert_non_null(strstr(e.msg, "bad.theme:3: unknown theme element: nosuch"));
	assert_int_equal(t_load("/nonexistent/x.theme", &e), -1);
	assert_string_equal(e.msg, "unknown theme: /nonexistent/x.theme (No such file or directory)");
	assert_int_equal(t_load("no-such-theme-name", &e), -1);
	assert_non_null(strstr(e.msg, "no-such-theme-name"));
	unlink(path);
	unlink(bad);
	rmdir(dir);
	t_reset();
}

/* The shipped themes parse and name only known elements. */
static void test_shipped_themes(void **state)
{
	(void)state;
	struct nr_error e;
	const char *names[] = {"themes/default.theme", "themes/light.theme"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		t_reset();
		if (t_load(names[i], &e))
			fail_msg("%s", e.msg);
	}
	/* the default theme restates the table's defaults */
	t_reset();
	struct theme_value before[THEME_NELEM], after;
	for (int i = 0; i < THEME_NELEM; i++)
		t_get(i, &before[i]);
	assert_int_equal(t_load("themes/default.theme", &e), 0);
	for (int i = 0; i < THEME_NELEM; i++) {
		t_get(i, &after);
		assert_int_equal(after.fg, before[i].fg);
		assert_int_equal(after.bg, before[i].bg);
		assert_int_equal(after.attrs, before[i].attrs);
	}
	t_reset();
}

/* Pairs and attributes in a real curses screen (on /dev/null with a 256-colour TERM). */
static void test_apply(void **state)
{
	(void)state;
	struct nr_error e;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	assert_non_null(out);
	SCREEN *s = newterm("xterm-256color", out, in);
	if (!s) {
		fclose(out);
		fclose(in);
		skip();
	}
	set_term(s);
	t_reset();
	assert_int_equal(color_line("color stock \"#ff0000\" default bold underline", &e), 0);
	assert_int_equal(color_line("color code color250", &e), 0);
	theme_apply(&S.theme);
	short pair, fg, bg;
	unsigned long a = theme_attr(TE_STOCK, &pair);
	assert_true(a & A_BOLD);
	assert_true(a & A_UNDERLINE);
	assert_true(pair > 0);
	pair_content(pair, &fg, &bg);
	assert_int_equal(fg, 196); /* pure red in the 6x6x6 cube */
	assert_int_equal(bg, -1);
	theme_attr(TE_CODE, &pair);
	pair_content(pair, &fg, &bg);
	assert_int_equal(fg, 250);
	endwin();
	delscreen(s);
	fclose(out);
	fclose(in);
	t_reset();
}

/* One table of attribute names: every attribute parses, prints and reads back. */
static void test_attr_table(void **state)
{
	(void)state;
	struct nr_error e;
	t_reset();
	for (int i = 0; i < THEME_NATTR; i++) {
		char line[64];
		snprintf(line, sizeof line, "color link red blue %s", theme_attr_names[i]);
		assert_int_equal(color_line(line, &e), 0);
		assert_int_equal(S.theme.v[TE_LINK].attrs, 1u << i);
	}
	struct buf b;
	for (int i = 0; i < THEME_NELEM; i++) { /* the defaults print as the table has them */
		buf_init(&b);
		theme_format_value(&S.theme.v[i], &b);
		if (i != TE_LINK)
			assert_string_equal(b.s, theme_elements[i].def);
		buf_free(&b);
	}
	assert_int_equal(color_line("color code \"#0a0B0c\" color200 bold underline reverse dim italic", &e), 0);
	buf_init(&b);
	theme_format_value(&S.theme.v[TE_CODE], &b);
	assert_string_equal(b.s, "\"#0a0b0c\" color200 bold underline reverse dim italic");
	char line[160];
	snprintf(line, sizeof line, "color quote %s", b.s);
	buf_free(&b);
	assert_int_equal(color_line(line, &e), 0);
	assert_int_equal(S.theme.v[TE_QUOTE].fg, S.theme.v[TE_CODE].fg);
	assert_int_equal(S.theme.v[TE_QUOTE].bg, S.theme.v[TE_CODE].bg);
	assert_int_equal(S.theme.v[TE_QUOTE].attrs, S.theme.v[TE_CODE].attrs);
	t_reset();
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_parse),
		cmocka_unit_test(test_color_values),
		cmocka_unit_test(test_color_errors),
		cmocka_unit_test(test_theme_file),
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_attr_table),
	};
	return cmocka_run_group_tests_name("theme", tests, NULL, NULL);
}
