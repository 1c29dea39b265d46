/* ui.h - the ncurses interface. */
#ifndef NEWSREAD_UI_H
#define NEWSREAD_UI_H

#include <stdio.h>

#include "newsread/article.h"
#include "newsread/settings.h"
#include "newsread/store.h"
#include "newsread/util.h"

/* One source of the session, as the sources view lists it (strings the caller's, kept
 * until the interface ends). */
struct ui_source {
	const char *url;    /* what the user gave: URL, command source, file or folder */
	const char *name;   /* the urls file's "~name", or NULL */
	const char *error;  /* why it failed in this run's load, or NULL */
	int stored;         /* what it gives is kept in the store (a network or command source) */
};

/* Background reloads, which the interface starts and watches but does not do itself (the
 * loading code sits above it): app/main give it these. Each is called from the
 * interface's thread only, and neither waits on the network. */
struct ui_reload_status {
	size_t done, total, failed; /* sources finished, of total; of them failed */
	int running;
	char error[512];            /* the latest failure's reason, or "" */
};
struct ui_reloader {
	void *ctx;
	/* Start reloading the sources with these URLs (n 0: every source). Returns 0, or -1
	 * with err (one runs already, offline, nothing to reload there). */
	int (*start)(void *ctx, const char *const *urls, size_t n, struct nr_error *err);
	/* Bring what finished since the last call into l (new articles added), the progress
	 * into *st. Returns the articles added, or -1 when nothing happened. */
	long (*collect)(void *ctx, struct articles *l, struct ui_reload_status *st);
	int running;                /* a reload was started before the interface: watch it */
};

/* Run the interface over the articles until the user quits. title names what was
 * opened. If single is set, open that article directly (q quits). s gives the options,
 * the theme and the stock rules (read, never changed; kept by the caller until the
 * interface ends). st (may be NULL) keeps the read marks the user makes, each in a
 * transaction of its own, for the articles that have a mark_source. notice (may be NULL
 * or "") is shown in the status line at the start. srcs[nsrcs] (may be none) are the
 * session's sources, for the sources view and the status line's count of failures. rl
 * (may be NULL: no reloads) lets r, R and reload-interval reload in the background; the
 * status line shows its progress and new articles appear without moving any selection.
 * Returns 0, or -1 with err (terminal unusable: TERM unset, too small). */
int ui_run(struct articles *l, const char *title, int single, const struct settings *s, struct store *st,
	   const char *notice, const struct ui_source *srcs, size_t nsrcs, const struct ui_reloader *rl,
	   struct nr_error *err);

/* --list-actions: one line per action of the built-in table, whatever the config says:
 * name, contexts ("any" or a comma-separated list of tree, list, article, help), default
 * keys (space-separated key names), help; separated by tabs. */
void ui_list_actions(FILE *f);

#endif
