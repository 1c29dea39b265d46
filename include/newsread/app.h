/* app.h - what start-up does between the command line and the interface: the user's
 * sources, loading them through the store (what comes from the network is stored, a
 * failed or unchanged source shows what was stored, marks are applied), and the -x
 * commands. main.c calls these; nothing below it does. */
#ifndef NEWSREAD_APP_H
#define NEWSREAD_APP_H

#include <stddef.h>

#include "newsread/article.h"
#include "newsread/settings.h"
#include "newsread/source.h"
#include "newsread/store.h"
#include "newsread/util.h"

/* What a load runs with. */
struct app_ctx {
	const struct settings *s;
	struct store *store; /* NULL: without the store (--no-store, or it would not open) */
	int offline;         /* URL sources come from the store; nothing is downloaded */
	int store_only;      /* store what comes and show nothing (-x reload): a 304 or a failed
	                        source does not read its stored articles back */
	char **errors;       /* NULL, or one slot per source app_load is given: it sets each
	                        failed source's first reason ("SOURCE: reason", malloc'd, the
	                        caller's), NULL for a source that loaded */
	int from_store;      /* network sources stored before show what is stored (no download;
	                        the interface reloads them in the background); others download */
	int defer_new;       /* with from_store: a network source never stored is not
	                        downloaded either (it shows nothing until the reload) */
	unsigned char *due;  /* NULL, or n flags app_load sets for the sources it showed from
	                        the store with from_store (what the background reload is for) */
};

/* The store's file: the db option when set, else $XDG_DATA_HOME/newsread/newsread.db
 * (else ~/.local/share/newsread/newsread.db). malloc'd. */
char *app_store_path(const struct settings *s);

/* Open the store at app_store_path(s): a writer when write (creating the file), else a
 * reader that never waits and never creates (a missing file is no store: 0 with *out
 * NULL). Returns 0, or -1 with err "FILE: reason" (the file is left as it is). */
int app_store_open(const struct settings *s, int write, struct store **out, struct nr_error *err);

/* 1 when what src gives is kept in the store: an http or https URL, or a command's
 * output (exec: and filter: sources). Local files and standard input are not. */
int app_is_stored(const char *src);

/* The user's sources into *out (freed with source_list_free): the given ones (n > 0,
 * each with no categories or name), else the urls file's lines. Returns 0, or -1 with err
 * (the urls file could not be read; what it gave is kept). */
int app_user_sources(const char *const *given, size_t n, struct source_list *out,
		     struct nr_error *err);

/* Load the n sources of specs into out (appended, not sorted), each failure reported as
 * one line on stderr. Online: everything is downloaded (with the stored validators, for
 * a conditional GET); each network source that loaded is stored in a transaction of its
 * own with its validators and title; one that failed records its error and shows its
 * stored articles, as does one that was not modified (304). Offline: network sources
 * show what is stored (one never stored is a failure). Local sources are read from disk,
 * never stored; their read marks are applied from the store. Network articles are
 * stored as the feed gave them; the spec's categories and name go on as they are shown. With keep-articles-days,
 * old stored articles are pruned after the reload. Each article gets its mark_source and
 * source_title. Returns the number of sources that failed (a store error counts). */
int app_load(const struct app_ctx *c, const struct source_spec *specs, size_t n, struct articles *out);

/* ---- background reloads (the interface's: see ui.h struct ui_reloader) ---- */

struct app_reload;

/* What a background reload has done so far, as app_reload_collect reports it. */
struct app_reload_progress {
	size_t done, total;  /* sources finished, of the ones this reload downloads */
	size_t failed;       /* of the finished ones, failed (their reasons: error) */
	int running;         /* the worker still runs */
	char error[512];     /* the latest failure's reason ("URL: reason"), or "" */
};

/* A reloader over the sources specs[n] (kept by the caller while it lives) with settings
 * s; st is the interface thread's store connection that new articles are read through,
 * and whose file the worker opens a connection of its own to. */
struct app_reload *app_reload_new(const struct settings *s, const struct source_spec *specs, size_t n,
				  struct store *st);
/* Start reloading, in a worker thread, the network sources among specs whose flag in
 * which is set (which NULL: every network source). The worker downloads them
 * (source_load_all with the stored validators) and stores each in its own transaction
 * as it arrives, through its own store connection. Returns 0, or -1 with err (a reload
 * is running, offline, no network source among them, the store would not open). */
int app_reload_start(struct app_reload *r, const unsigned char *which, struct nr_error *err);
/* The same for the sources whose URL is among urls[n]. */
int app_reload_start_urls(struct app_reload *r, const char *const *urls, size_t n, struct nr_error *err);
/* From the interface's thread, never waiting: take what the worker finished since the
 * last call (reading its pipe), add the articles those sources brought that l lacks
 * (read from st, labelled as app_load labels them, inserted in date order), replace
 * those whose title, link, author, date or body changed (same handle), and fill *p.
 * Returns the number of articles added or replaced, or -1 when nothing happened since.
 * Cost: one store_load of each source that changed, O(n) per article added. */
long app_reload_collect(struct app_reload *r, struct articles *l, struct app_reload_progress *p);
/* The interface's hook over r: r and R start it (no URLs: every source), the interface's
 * loop collects what finished. rl.running is 0: set it when a reload already runs. */
struct ui_reloader;
struct ui_reloader app_reloader(struct app_reload *r);
/* Free r. A worker still running is left to finish on its own (r is then kept for it):
 * returns 1 in that case, so the caller does not tear down what the worker uses
 * (fetch_global_cleanup); 0 otherwise. */
int app_reload_free(struct app_reload *r);

/* The unread articles of the sources: stored ones of network sources (one query each,
 * never downloading), local ones read from disk with their marks. Into *count; returns
 * the number of sources that failed. */
int app_count_unread(const struct app_ctx *c, const struct source_spec *specs, size_t n,
		     long long *count);

/* ---- moving marks and sources (each prints its failures; returns the exit status) ---- */

/* --export-read FILE ("-": standard output): one line per read article, SOURCE<TAB>ID. */
int app_export_read(struct store *st, const char *path);
/* --import-read FILE ("-": standard input): read marks from such lines; 1 when a line was
 * bad (each named FILE:LINE) or the file could not be read, the good lines still count. */
int app_import_read(struct store *st, const char *path);
/* --export-opml: the urls file as OPML on standard output, each source named by its
 * "~name", else by the feed's own title when st (may be NULL) has it, else its URL. */
int app_export_opml(struct store *st);
/* --import-newsboat CACHE [URLS]: the cache's feeds, items, read and flagged (starred)
 * state into the store, and, with URLS (newsboat's urls file), its sources into the
 * urls file. Prints what it did on standard output. */
int app_import_newsboat(struct store *st, const char *cache, const char *nb_urls);

/* ---- -x commands ---- */

/* X(ID, name, needs a writable store, help) */
#define APP_COMMANDS(X)                                                                        \
	X(RELOAD, "reload", 1, "download every source into the store")                         \
	X(PRINT_UNREAD, "print-unread", 0, "print the number of unread articles")              \
	X(VACUUM, "vacuum", 1, "compact the store's file")

/* The commands of -x's arguments (each may hold several separated by ';'; blanks around
 * them are dropped, empty ones ignored) checked against APP_COMMANDS: returns 0 with *ids
 * (malloc'd, *n of them) and *write set when one of them writes, or -1 with err
 * "unknown command: NAME". */
int app_commands_parse(const char *const *args, size_t nargs, int **ids, size_t *n, int *write,
		       struct nr_error *err);
/* Run the parsed commands in order over the sources; print-unread prints to stdout.
 * Returns the number of failures (sources that failed, store errors). */
int app_commands_run(const struct app_ctx *c, const int *ids, size_t n,
		     const struct source_spec *specs, size_t nspecs);

#endif
