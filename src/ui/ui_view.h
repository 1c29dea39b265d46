/* ui_view.h - the interface's inner contracts (src/ui/): views as ops tables over one
 * line-view model, the frame's services to them, the category tree builder, the style
 * table and the drawing helpers. The action and context tables and the keymap are in
 * newsread/keymap.h. Not for other modules. */
#ifndef NEWSREAD_UI_VIEW_H
#define NEWSREAD_UI_VIEW_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stddef.h>

#include "newsread/article.h"
#include "newsread/keymap.h"
#include "newsread/layout.h"
#include "newsread/settings.h"
#include "newsread/store.h"
#include "newsread/theme.h"
#include "newsread/ui.h"

/* ---- actions and keys: the tables and the keymap are in newsread/keymap.h ---- */

struct ui;

/* The keymap the interface reads keys and the help through. */
struct keymap *ui_keymap(struct ui *ui);

/* Help text lines for every action, grouped by context, with the keys km binds to each. */
void ui_help_lines(const struct keymap *km, int width, struct lines *out);

/* ---- views ---- */

/* What a handler wants redrawn or done (bits). */
enum {
	RD_NONE = 0,
	RD_VIEW = 1u << 0,   /* the view's rows */
	RD_STATUS = 1u << 1, /* header and status line */
	RD_ALL = RD_VIEW | RD_STATUS,
	RD_POP = 1u << 2,    /* close this view */
	RD_QUIT = 1u << 3,   /* leave the interface */
};

struct view;
struct cat_node;
struct cat_tree;

/* ---- the line-view model: every view is rows seen through a window (pure, no curses) ---- */

struct lview {
	size_t n;    /* rows */
	size_t top;  /* first row in the window */
	size_t sel;  /* selected row; unused by a pager */
	int pager;   /* 1: no selection, moves scroll the window (article, help) */
};

/* 1 when a is a move lview_move applies (down, up, page, half page, top, bottom). */
int lview_is_move(enum ui_action a);
/* Apply a move to m for a window of h rows: a cursor view moves its selection (the
 * window follows; a page also scrolls the window), a pager scrolls, never past the last
 * full window. Returns RD_ALL when something moved, else RD_NONE. */
unsigned lview_move(struct lview *m, enum ui_action a, int h);
/* Clamp sel to the rows and keep it in a window of h rows (cursor view); keep top within
 * the last full window (pager). */
void lview_fit(struct lview *m, int h);
/* The rows of a cursor view changed from old[oldn] to now[nown] (article handles, each
 * once in a list): keep the selection on the same article, else move it to the next
 * article of old still in now, else the previous one, else row 0, with the selection
 * on the same screen row when it can. Sets m->n = nown. Cost: O((oldn + nown) log nown). */
void lview_resync(struct lview *m, const article_handle *old, size_t oldn, const article_handle *now,
		  size_t nown);
/* Search from the row after the selection (a pager: after top) in direction dir (+1 or
 * -1), wrapping around, for a row v's match op accepts; move there (a pager: make it
 * top). Returns RD_ALL when found, RD_NONE when no row (or no match op). Cost: the rows
 * times a match. */
unsigned lview_search(struct view *v, const char *needle, int dir);

struct view_ops {
	const char *name;
	int context;                                             /* CXI_*: which keys apply */
	void (*layout)(struct view *v, int width, int height);   /* the size changed (or first draw) */
	void (*draw)(struct view *v, WINDOW *w, int top, int height, int width);
	unsigned (*request)(struct view *v, enum ui_action a);   /* returns RD_* bits */
	void (*title)(struct view *v, struct buf *out);          /* header text (unsanitized) */
	void (*position)(struct view *v, struct buf *out);       /* status text, e.g. "12/40" */
	void (*free)(struct view *v);
	/* optional: */
	unsigned (*reload)(struct view *v);    /* the articles changed: rebuild the rows, keep
	                                          the selection (lview_resync); RD_* (RD_POP:
	                                          nothing left to show) */
	article_handle (*selected)(struct view *v); /* the article selected or shown, or 0 */
	/* An opener's answer to the view it opened (n and p in the article): the article
	 * delta rows from the one with handle from, selected here too, with its position
	 * (0-based) and the row count; 0 when there is none (from not here, or past an end). */
	article_handle (*step)(struct view *v, article_handle from, int delta, size_t *pos, size_t *n);
	int (*match)(struct view *v, size_t row, const char *needle); /* row holds needle */
};

struct view {
	const struct view_ops *ops;
	struct ui *ui;
	void *data;
	int width, height;  /* size at the last layout; 0 before the first */
	struct lview m;     /* rows, window, selection: moved by the frame (lview_move) */
};

/* Put a new view on top of the stack (takes ownership of data). Returns it, or NULL
 * when too many are open (data freed through ops->free, a message shown). */
struct view *ui_push(struct ui *ui, const struct view_ops *ops, void *data);
/* A message for the status line (kept until the next key). */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct articles *ui_articles(struct ui *ui);
/* Mark a read (read 1) or unread and keep the mark in the store when the interface has
 * one and a has a mark_source. The store is written first: when that fails the mark is
 * not changed (what the screen shows is what the store has) and the reason is shown in
 * the status line. Returns RD_ALL. */
unsigned ui_mark_read(struct ui *ui, struct article *a, int read);
/* The store marks go to (NULL: none); for tests of an interface made by ui_new. */
void ui_set_store(struct ui *ui, struct store *st);
/* The store the interface reads and writes (NULL: none). */
struct store *ui_store(struct ui *ui);
/* The session's sources (for tests of an interface made by ui_new; srcs stay the caller's). */
void ui_set_sources(struct ui *ui, const struct ui_source *srcs, size_t n);
/* The session's sources, *n of them. */
const struct ui_source *ui_sources(struct ui *ui, size_t *n);
/* The reloader r and R use (NULL: none); for tests of an interface made by ui_new. */
struct ui_reloader;
void ui_set_reloader(struct ui *ui, const struct ui_reloader *rl);
/* The interface's reload state (for ui_reload_* below). */
struct ui_reload_ctl;
struct ui_reload_ctl *ui_reloads(struct ui *ui);
/* The category tree of the articles (rebuilt by ui_articles_changed). */
struct cat_tree *ui_cattree(struct ui *ui);
/* The settings the interface was started with. */
const struct settings *ui_settings(struct ui *ui);
/* Count one layout (for the stats NEWSREAD_UI_STATS=1 prints after the interface ends). */
void ui_count_layout(struct ui *ui);
const char *ui_title(struct ui *ui);
/* The view below v on the stack (its opener), or NULL. */
struct view *ui_below(struct ui *ui, const struct view *v);
/* The k-th view from the top (0: the top one), or NULL. */
struct view *ui_view_at(struct ui *ui, int k);

/* The articles changed (added, removed): rebuild the category tree (keeping what was
 * expanded), then let every view from the bottom up rebuild its rows and keep its
 * selection on its article (a view with nothing left to show closes). */
void ui_articles_changed(struct ui *ui);
/* Articles came into a collection that was empty: open the views ui_run would have
 * opened over them (the tree when there are categories), unless the user has opened
 * another view meanwhile (then as ui_articles_changed). */
void ui_articles_arrived(struct ui *ui);
/* Do what a key bound to a does in the top view (no drawing). Returns RD_* bits. */
unsigned ui_act(struct ui *ui, enum ui_action a);
/* An interface over l without a terminal, its first views open as ui_run opens them
 * (for tests: drive it with ui_act, look with ui_view_at). l and s stay the caller's. */
struct ui *ui_new(struct articles *l, const char *title, int single, const struct settings *s);
void ui_free(struct ui *ui);

/* Open the article view on the article with handle h. n and p ask the view below (the
 * opener, if it has a step op) for the next or previous article, which it selects. */
void ui_open_article(struct ui *ui, article_handle h);

/* The views (src/ui/ui_list.c, ui_article.c). */
void ui_open_tree(struct ui *ui);
/* A list of the articles below the node n of the category tree. */
void ui_open_list(struct ui *ui, const struct cat_node *n);
void ui_open_help(struct ui *ui);
/* The sources view (src/ui/ui_sources.c): every source of the session with its title,
 * counts, last fetch and error; Enter lists its articles. */
void ui_open_sources(struct ui *ui);
/* A list of the articles whose source is key (article->source: the "~name", else the URL,
 * file or folder given), named name in the header. */
void ui_open_source_list(struct ui *ui, const char *key, const char *name);

/* The status line's text when there is no message: the keys' hint, and how many sources
 * failed in the load, into buf (n bytes). Pure. */
void ui_status_hint(const struct ui_source *srcs, size_t n, char *buf, size_t cap);
/* s fitted to exactly w display columns into out (appended): cut with a '~' when wider
 * (a wide character that would cross the edge is left out), padded with spaces when
 * narrower, on the left when right. s is one sanitized line. Pure. Cost: O(strlen(s)). */
void ui_fit(struct buf *out, const char *s, int w, int right);

/* The node selected in a category tree view, or NULL (v is another view, or empty). */
const struct cat_node *ui_tree_node(struct view *v);

/* ---- background reloads (src/ui/ui_reload.c) ---- */

struct ui_reloader;
struct ui_reload_ctl;
/* The interface's reload state over rl (may be NULL: r and R say why they cannot). */
struct ui_reload_ctl *ui_reload_new(const struct ui_reloader *rl, const struct settings *s);
void ui_reload_free(struct ui_reload_ctl *c);
/* 1 while a reload runs (the loop then wakes up more often). */
int ui_reload_running(const struct ui_reload_ctl *c);
/* The progress ("reloading 3/12") or the last outcome ("reloaded 12 sources, 2 failed:
 * URL: reason") for the status line, or NULL. */
const char *ui_reload_text(const struct ui_reload_ctl *c);
/* r (all 0: the source of v's selected article, or the sources of the selected
 * category) or R (all 1). Returns RD_* bits. */
unsigned ui_reload_request(struct ui *ui, struct ui_reload_ctl *c, struct view *v, int all);
/* Never waiting: start the timer's reload when due, bring in what finished (new
 * articles through ui_articles_changed). Returns 1 when the screen should be drawn. */
int ui_reload_tick(struct ui *ui, struct ui_reload_ctl *c);

/* ---- the category tree (pure: no curses) ---- */

struct cat_node {
	char *name;                 /* sanitized part of a path; "" for the root */
	struct cat_node *parent;
	struct cat_node **kids;
	size_t nkids, capkids;
	article_handle *arts;       /* the articles below, in the collection's order, each once */
	size_t narts, caparts;
	int depth;                  /* root = -1, top level = 0 */
	int expanded;
	int uncat;                  /* the "(uncategorised)" node */
	article_handle last;        /* last article counted (to count each once) */
};

struct cat_tree {
	struct cat_node root;       /* all articles; its kids are the top level */
	size_t ncats;               /* category nodes, without root and (uncategorised) */
};

#define CATTREE_MAX_DEPTH 16    /* deeper path parts are folded into the 16th */
#define CATTREE_UNCAT "(uncategorised)"

/* Build the tree of l's category paths: each node counts every article whose paths pass
 * through it, once. Children are ordered by count (largest first), then by name; an
 * "(uncategorised)" node comes last when some articles have no category. Articles
 * of a hidden source (a->hidden) are left out: no node, no count. */
void cattree_build(struct cat_tree *t, const struct articles *l);
void cattree_free(struct cat_tree *t);
/* Child of n named name, or NULL. */
struct cat_node *cattree_child(const struct cat_node *n, const char *name);
/* The names from the top down to n (root: none) into parts (at most CATTREE_MAX_DEPTH,
 * pointing into the nodes); returns their count. */
size_t cattree_parts(const struct cat_node *n, const char **parts);
/* The node at the path parts[n] (n 0: the root), or NULL. */
struct cat_node *cattree_find(struct cat_tree *t, const char *const *parts, size_t n);
/* Expand in t every node that is expanded at the same path in old. */
void cattree_keep_expanded(struct cat_tree *t, const struct cat_tree *old);
/* The visible rows: the root, then the expanded parts of the tree in order. Returns the
 * row count; *rows is malloc'd (free it). */
size_t cattree_rows(struct cat_tree *t, struct cat_node ***rows);
/* "a / b / c" for a node (malloc'd). */
char *cattree_path(const struct cat_node *n);

/* ---- drawing (src/ui/ui_draw.c) ---- */

/* Styles of the interface's own lines, beside doc.h's ST_* bits. */
#define UI_ST_KEY (1u << 20)   /* a key name in the help */


/* Styles -> theme elements, one table: X(style bit, theme element, curses attribute the
 * style adds when another element wins). In table order, the first style a span has
 * picks its element: a bold link is drawn as a link, in bold. */
#define UI_STYLES(X)                     \
	X(UI_ST_KEY, TE_KEY, 0)          \
	X(ST_TITLE, TE_TITLE, 0)         \
	X(ST_HEADING, TE_HEADING, 0)     \
	X(ST_STOCK, TE_STOCK, 0)         \
	X(ST_MARK, TE_MARK, 0)           \
	X(ST_IMAGE, TE_IMAGE, 0)         \
	X(ST_LINK, TE_LINK, 0)           \
	X(ST_CODE, TE_CODE, 0)           \
	X(ST_META, TE_META, 0)           \
	X(ST_QUOTE, TE_QUOTE, 0)         \
	X(ST_BOLD, TE_BOLD, A_BOLD)      \
	X(ST_ITALIC, TE_ITALIC, A_ITALIC)

/* The theme element for a span's ST_* style (TE_NORMAL for none of UI_STYLES), and in
 * *extra (may be NULL) the attributes of its other styles. */
enum theme_elem ui_style_elem(unsigned style, unsigned long *extra);

/* Draw s (UTF-8, n bytes) on row y from column x, at most w columns, skipping the first
 * skip display columns (horizontal scroll). spans (may be NULL) style byte ranges; the
 * rest is drawn as base. Each code point takes cp_width columns (layout.h) and is drawn
 * as its replacement, so s takes text_width(s, n) columns, exactly as in the layout:
 * what the layout deletes (controls, SHY, ZWJ, emoji modifiers) is never written, TAB
 * is spaces to the next multiple of 8. A wide character cut by either edge becomes a
 * '<' or '>' filler; nothing is drawn past x + w. Returns the columns drawn. Clears
 * nothing. */
int ui_draw_text(WINDOW *win, int y, int x, int w, const char *s, size_t n, const struct lspan *spans,
		 size_t nspans, int skip, enum theme_elem base);
/* Fill columns [x, x+w) of row y with spaces in element e. */
void ui_fill(WINDOW *win, int y, int x, int w, enum theme_elem e);
/* Sanitize (flattened to one line) into a malloc'd string. */
char *ui_clean(const char *s);

/* Ask the terminal (within 300 ms) whether it draws U+201C two cells wide while the C
 * library counts it as one: 1 yes, 0 no, -1 no answer (not a terminal, or it did not
 * answer the cursor-position query). Leaves the line it used blank. */
int ui_probe_ambiguous(int in_fd, int out_fd);

#endif
