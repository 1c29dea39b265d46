/* Unit tests for keymap.c: key names, the default keymap built from the action table
 * (the first action of a context keeps a key), and bind/unbind as a future config
 * command will use them, with their errors. */
#include "testutil.h"

#include "newsread/keymap.h"

#include <curses.h>

static enum ui_action look(const struct keymap *km, int cx, int fkey, unsigned code)
{
	return keymap_lookup(km, cx, (struct keymap_key){fkey, code});
}

static void test_key_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int fkey;
		unsigned code;
		const char *back; /* the name it prints as */
	} ok[] = {
		{"j", 0, 'j', "j"},           {"G", 0, 'G', "G"},         {"?", 0, '?', "?"},
		{"^L", 0, 12, "^L"},          {"^l", 0, 12, "^L"},        {"^@", 0, 0, "^@"},
		{"^", 0, '^', "^"},           {"Enter", 0, '\r', "Enter"}, {"Space", 0, ' ', "Space"},
		{"Tab", 0, '\t', "Tab"},      {"Esc", 0, 27, "Esc"},      {"Down", 1, KEY_DOWN, "Down"},
		{"PgDn", 1, KEY_NPAGE, "PgDn"}, {"F1", 1, KEY_F(1), "F1"}, {"F12", 1, KEY_F(12), "F12"},
		{"^J", 0, '\r', "Enter"},    {"^M", 0, '\r', "Enter"},   {"F", 0, 'F', "F"},           {"中", 0, 0x4E2D, "中"},     {"Delete", 1, KEY_DC, "Delete"},
	};
	for (size_t i = 0; i < ARRAY_LEN(ok); i++) {
		struct keymap_key k;
		struct nr_error err = {0};
		assert_int_equal(keymap_parse_key(ok[i].name, &k, &err), 0);
		assert_int_equal(k.fkey, ok[i].fkey);
		assert_int_equal(k.code, ok[i].code);
		char buf[16];
		keymap_key_name(k, buf, sizeof buf);
		assert_string_equal(buf, ok[i].back);
	}
	static const char *const bad[] = {"", "Pgdn", "down", "F13", "F0", "^1", "ab", "中文", " ",
					  "\x7f", "\xff", "Enter2", "^^^"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct keymap_key k;
		struct nr_error err = {0};
		assert_int_equal(keymap_parse_key(bad[i], &k, &err), -1);
		assert_non_null(strstr(err.msg, "unknown key name"));
	}
}

static void test_defaults(void **state)
{
	(void)state;
	struct keymap km = {0};
	keymap_defaults(&km);
	assert_int_equal(look(&km, CXI_ARTICLE, 0, 'q'), ACT_QUIT);
	assert_int_equal(look(&km, CXI_LIST, 0, 'j'), ACT_DOWN);
	assert_int_equal(look(&km, CXI_TREE, 1, KEY_DOWN), ACT_DOWN);
	assert_int_equal(look(&km, CXI_ARTICLE, 0, ' '), ACT_PAGE_DOWN);
	assert_int_equal(look(&km, CXI_ARTICLE, 1, KEY_NPAGE), ACT_PAGE_DOWN);
	assert_int_equal(look(&km, CXI_ARTICLE, 0, 'b'), ACT_PAGE_UP);
	assert_int_equal(look(&km, CXI_HELP, 0, 'G'), ACT_BOTTOM);
	assert_int_equal(look(&km, CXI_TREE, 0, '\r'), ACT_EXPAND);
	assert_int_equal(look(&km, CXI_TREE, 0, '\n'), ACT_EXPAND); /* Enter in all its forms */
	assert_int_equal(look(&km, CXI_LIST, 1, KEY_ENTER), ACT_OPEN);
	assert_int_equal(look(&km, CXI_TREE, 1, KEY_RIGHT), ACT_EXPAND);
	assert_int_equal(look(&km, CXI_ARTICLE, 1, KEY_RIGHT), ACT_SCROLL_RIGHT);
	assert_int_equal(look(&km, CXI_ARTICLE, 1, KEY_LEFT), ACT_SCROLL_LEFT);
	assert_int_equal(look(&km, CXI_ARTICLE, 0, '>'), ACT_SCROLL_RIGHT);
	assert_int_equal(look(&km, CXI_TREE, 0, 'h'), ACT_COLLAPSE);
	assert_int_equal(look(&km, CXI_HELP, 0, 'h'), ACT_BACK);
	assert_int_equal(look(&km, CXI_LIST, 0, 12), ACT_REDRAW); /* ^L */
	assert_int_equal(look(&km, CXI_LIST, 0, 'L'), ACT_NONE);
	assert_int_equal(look(&km, CXI_ARTICLE, 0, 'z'), ACT_NONE);
	assert_int_equal(look(&km, CXI_TREE, 0, '>'), ACT_NONE);
	assert_int_equal(look(&km, CXI_ARTICLE, 0, 'h'), ACT_NONE); /* back is not an article action */
	/* every action has a name, help, and default keys that all parse and are bound */
	for (int a = 1; a < ACT_COUNT; a++) {
		assert_true(strlen(ui_actions[a].name) > 0);
		assert_true(strlen(ui_actions[a].help) > 0);
		assert_int_equal(keymap_action(ui_actions[a].name), a);
		struct buf b;
		buf_init(&b);
		assert_true(keymap_keys_text(&km, (enum ui_action)a, CX_ANY, " ", &b) > 0);
		char *copy = xstrdup(ui_actions[a].keys);
		for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			struct keymap_key k;
			assert_int_equal(keymap_parse_key(w, &k, NULL), 0);
		}
		free(copy);
		buf_free(&b);
	}
	struct buf b;
	buf_init(&b);
	keymap_keys_text(&km, ACT_PAGE_DOWN, CX_MOVE, ", ", &b);
	assert_string_equal(b.s, "Space, PgDn, f, ^F"); /* each key once, in the table's order */
	buf_free(&b);
	/* the context table names each context once */
	for (int c = 0; c < CX_NCONTEXTS; c++)
		assert_int_equal(keymap_context(keymap_contexts[c].name), c);
	assert_int_equal(keymap_context("nowhere"), -1);
	keymap_defaults(&km); /* again: the same, not doubled */
	size_t n = km.n;
	keymap_defaults(&km);
	assert_int_equal(km.n, n);
	keymap_free(&km);
}

static void test_bind_unbind(void **state)
{
	(void)state;
	struct keymap km = {0};
	keymap_defaults(&km);
	struct nr_error err = {0};
	/* a key in one context */
	assert_int_equal(keymap_bind(&km, "list", "x", "toggle-read", &err), 0);
	assert_int_equal(look(&km, CXI_LIST, 0, 'x'), ACT_TOGGLE_READ);
	assert_int_equal(look(&km, CXI_TREE, 0, 'x'), ACT_NONE);
	assert_int_equal(look(&km, CXI_LIST, 0, 'N'), ACT_TOGGLE_READ); /* the default stays */
	/* replacing what a key does, only where asked */
	assert_int_equal(keymap_bind(&km, "article", "q", "next-article", &err), 0);
	assert_int_equal(look(&km, CXI_ARTICLE, 0, 'q'), ACT_NEXT_ARTICLE);
	assert_int_equal(look(&km, CXI_LIST, 0, 'q'), ACT_QUIT);
	/* no context: every context the action applies in */
	assert_int_equal(keymap_bind(&km, NULL, "^J", "down", &err), 0); /* ^J is Enter */
	assert_int_equal(look(&km, CXI_HELP, 0, '\r'), ACT_DOWN);
	assert_int_equal(look(&km, CXI_HELP, 0, '\n'), ACT_DOWN);
	assert_int_equal(look(&km, CXI_LIST, 1, KEY_ENTER), ACT_DOWN); /* was open */
	assert_int_equal(keymap_bind(&km, NULL, "F5", "redraw", &err), 0);
	for (int c = 0; c < CX_NCONTEXTS; c++)
		assert_int_equal(look(&km, c, 1, KEY_F(5)), ACT_REDRAW);
	assert_int_equal(keymap_bind(&km, NULL, "中", "quit", &err), 0);
	assert_int_equal(look(&km, CXI_TREE, 0, 0x4E2D), ACT_QUIT);
	/* unbind: in one context, then everywhere; a key bound nowhere is fine */
	assert_int_equal(keymap_unbind(&km, "tree", "j", &err), 0);
	assert_int_equal(look(&km, CXI_TREE, 0, 'j'), ACT_NONE);
	assert_int_equal(look(&km, CXI_LIST, 0, 'j'), ACT_DOWN);
	assert_int_equal(keymap_unbind(&km, NULL, "j", &err), 0);
	assert_int_equal(look(&km, CXI_LIST, 0, 'j'), ACT_NONE);
	assert_int_equal(keymap_unbind(&km, NULL, "j", &err), 0);
	assert_int_equal(look(&km, CXI_LIST, 0, 'k'), ACT_UP);
	/* errors say what is wrong, and change nothing */
	size_t n = km.n;
	assert_int_equal(keymap_bind(&km, "list", "Pgdown", "down", &err), -1);
	assert_non_null(strstr(err.msg, "unknown key name: \"Pgdown\""));
	assert_int_equal(keymap_bind(&km, "list", "x", "dwon", &err), -1);
	assert_non_null(strstr(err.msg, "unknown action: \"dwon\""));
	assert_int_equal(keymap_bind(&km, "lst", "x", "down", &err), -1);
	assert_non_null(strstr(err.msg, "unknown view: \"lst\""));
	assert_non_null(strstr(err.msg, "tree list article sources help"));
	assert_int_equal(keymap_bind(&km, "tree", "x", "next-article", &err), -1);
	assert_string_equal(err.msg, "next-article does nothing in the tree view");
	assert_int_equal(keymap_unbind(&km, "list", "Ctrl-x", &err), -1);
	assert_non_null(strstr(err.msg, "unknown key name"));
	assert_int_equal(keymap_unbind(&km, "nowhere", "x", &err), -1);
	assert_int_equal(km.n, n);
	keymap_free(&km);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bind_unbind),
	};
	return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}
