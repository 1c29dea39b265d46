/* ui_actions.c - the help text: the action table's names and help, the keymap's keys. */
#include "ui/ui_view.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

/* The sections of the help: actions of every view, moves, then each context with a title. */
static const struct {
	unsigned cx;
	const char *title;
} help_common[] = {
	{CX_ANY, "Everywhere"},
	{CX_MOVE, "Moving (lists, articles, sources, help)"},
};

/* One help line: the keys bound in cx (padded), then the action's name and help, wrapped
 * to width. */
static void help_line(const struct keymap *km, int a, unsigned cx, int width, struct lines *out)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "  ");
	keymap_keys_text(km, (enum ui_action)a, cx, ", ", &b);
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

static void help_section(const struct keymap *km, unsigned cx, const char *title, int width, struct lines *out)
{
	lines_push(out, "", 0, 0);
	layout_text(title, strlen(title), width, ST_BOLD, out);
	int common = cx == CX_ANY || cx == CX_MOVE;
	for (int a = 1; a < ACT_COUNT; a++) {
		unsigned acx = ui_actions[a].contexts;
		if (acx == cx || (!common && acx != CX_MOVE && acx != CX_ANY && (acx & cx)))
			help_line(km, a, cx, width, out);
	}
}

void ui_help_lines(const struct keymap *km, int width, struct lines *out)
{
	const char *intro = "newsread: keys. Press q to close this help.";
	layout_text(intro, strlen(intro), width, ST_TITLE, out);
	for (size_t s = 0; s < ARRAY_LEN(help_common); s++)
		help_section(km, help_common[s].cx, help_common[s].title, width, out);
	for (int c = 0; c < CX_NCONTEXTS; c++)
		if (keymap_contexts[c].title)
			help_section(km, 1u << c, keymap_contexts[c].title, width, out);
	lines_push(out, "", 0, 0);
	const char *tail = "Colours come from the theme (set theme NAME) and color lines in the config; "
			   "see newsread-config(5).";
	layout_text(tail, strlen(tail), width, ST_META, out);
}
