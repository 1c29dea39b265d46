/* ui_doc.c - the interface documents itself: --list-actions prints the action table. */
#include "newsread/ui.h"
#include "ui/ui_view.h"

#include <stdio.h>
#include <string.h>

/* The contexts an action applies in, by name: "any", or a comma-separated list. */
static void contexts_name(unsigned cx, char *out, size_t n)
{
	static const struct {
		unsigned cx;
		const char *name;
	} names[] = {{CX_TREE, "tree"}, {CX_LIST, "list"}, {CX_ARTICLE, "article"}, {CX_HELP, "help"}};
	size_t len = 0;
	out[0] = '\0';
	if (cx == CX_ANY) {
		snprintf(out, n, "any");
		return;
	}
	for (size_t i = 0; i < ARRAY_LEN(names) && len < n; i++)
		if (cx & names[i].cx)
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", names[i].name);
}

void ui_list_actions(FILE *f)
{
	char cx[64];
	for (int a = 1; a < ACT_COUNT; a++) {
		contexts_name(ui_actions[a].contexts, cx, sizeof cx);
		fprintf(f, "%s\t%s\t%s\t%s\n", ui_actions[a].name, cx, ui_actions[a].keys, ui_actions[a].help);
	}
}
