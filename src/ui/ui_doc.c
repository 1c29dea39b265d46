/* ui_doc.c - the interface documents itself: --list-actions prints the action table. */
#include "newsread/ui.h"
#include "ui/ui_view.h"

#include <stdio.h>
#include <string.h>

/* The contexts an action applies in, by name: "any", or a comma-separated list of the
 * context table's names. */
static void contexts_name(unsigned cx, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	if (cx == CX_ANY) {
		snprintf(out, n, "any");
		return;
	}
	for (int c = 0; c < CX_NCONTEXTS && len < n; c++)
		if (cx & (1u << c))
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", keymap_contexts[c].name);
}

void ui_list_actions(FILE *f)
{
	char cx[64];
	for (int a = 1; a < ACT_COUNT; a++) {
		contexts_name(ui_actions[a].contexts, cx, sizeof cx);
		fprintf(f, "%s\t%s\t%s\t%s\n", ui_actions[a].name, cx, ui_actions[a].keys, ui_actions[a].help);
	}
}
