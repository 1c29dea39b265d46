/* ui_actions.c - the action table: key lookup and the help text, both from UI_ACTIONS. */
#include "ui/ui_view.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

const struct ui_action_info ui_actions[ACT_COUNT] = {
	[ACT_NONE] = {"none", 0, "", ""},
#define X(id, name, cx, keys, help) [ACT_##id] = {name, cx, keys, help},
	UI_ACTIONS(X)
#undef X
};

/* Named keys; anything else of one byte is that character, ^X is a control key. */
static const struct {
	const char *name;
	int fkey;
	unsigned code;
} key_names[] = {
	{"Down", 1, KEY_DOWN},   {"Up", 1, KEY_UP},       {"Left", 1, KEY_LEFT},  {"Right", 1, KEY_RIGHT},
	{"PgDn", 1, KEY_NPAGE},  {"PgUp", 1, KEY_PPAGE},  {"Home", 1, KEY_HOME},  {"End", 1, KEY_END},
	{"F1", 1, KEY_F(1)},     {"Enter", 0, '\n'},      {"Enter", 0, '\r'},     {"Enter", 1, KEY_ENTER},
	{"Space", 0, ' '},       {"Tab", 0, '\t'},
};

/* Does the key name w (n bytes) denote (fkey, key)? */
static int key_matches(const char *w, size_t n, int fkey, unsigned key)
{
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++)
		if (strlen(key_names[i].name) == n && strncmp(key_names[i].name, w, n) == 0 &&
		    key_names[i].fkey == fkey && key_names[i].code == key)
			return 1;
	if (fkey)
		return 0;
	if (n == 1)
		return (unsigned char)w[0] == key;
	if (n == 2 && w[0] == '^' && w[1] >= '@' && w[1] <= '_')
		return key == (unsigned)(w[1] - '@');
	return 0;
}

enum ui_action ui_key_action(int fkey, unsigned key, unsigned context)
{
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!(ui_actions[a].contexts & context))
			continue;
		const char *p = ui_actions[a].keys;
		while (*p) {
			while (*p == ' ')
				p++;
			size_t n = strcspn(p, " ");
			if (n && key_matches(p, n, fkey, key))
				return (enum ui_action)a;
			p += n;
		}
	}
	return ACT_NONE;
}

static const struct {
	unsigned cx;
	const char *title;
} help_sections[] = {
	{CX_ANY, "Everywhere"},
	{CX_MOVE, "Moving (lists, articles, help)"},
	{CX_TREE, "Category tree"},
	{CX_LIST, "Article list"},
	{CX_ARTICLE, "Article"},
};

/* One help line: keys (padded), then the action's name and help, wrapped to width. */
static void help_line(int a, int width, struct lines *out)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "  ");
	const char *p = ui_actions[a].keys;
	int first = 1;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		if (!first)
			buf_adds(&b, ", ");
		buf_add(&b, p, n);
		first = 0;
		p += n;
	}
	unsigned keylen = (unsigned)b.len;
	while (b.len < 22)
		buf_addc(&b, ' ');
	buf_printf(&b, "%-14s %s", ui_actions[a].name, ui_actions[a].help);
	size_t before = out->n;
	layout_text(b.s, b.len, width, 0, out);
	/* style the keys of the first line */
	if (out->n > before) {
		struct line *ln = &out->v[before];
		free(ln->spans);
		ln->spans = xmalloc(sizeof *ln->spans);
		ln->nspans = 1;
		unsigned k = keylen < ln->len ? keylen : (unsigned)ln->len;
		ln->spans[0] = (struct lspan){2 < k ? 2 : k, k > 2 ? k - 2 : 0, UI_ST_KEY, 0};
	}
	buf_free(&b);
}

void ui_help_lines(int width, struct lines *out)
{
	const char *intro = "newsread: keys. Press q to close this help.";
	layout_text(intro, strlen(intro), width, ST_TITLE, out);
	for (size_t s = 0; s < ARRAY_LEN(help_sections); s++) {
		lines_push(out, "", 0, 0);
		layout_text(help_sections[s].title, strlen(help_sections[s].title), width, ST_BOLD, out);
		for (int a = 1; a < ACT_COUNT; a++)
			if (ui_actions[a].contexts == help_sections[s].cx ||
			    (help_sections[s].cx != CX_ANY && help_sections[s].cx != CX_MOVE &&
			     ui_actions[a].contexts != CX_MOVE && ui_actions[a].contexts != CX_ANY &&
			     (ui_actions[a].contexts & help_sections[s].cx)))
				help_line(a, width, out);
	}
	lines_push(out, "", 0, 0);
	const char *tail = "Colours come from the theme (set theme NAME) and color lines in the config; "
			   "see newsread-config(5).";
	layout_text(tail, strlen(tail), width, ST_META, out);
}
