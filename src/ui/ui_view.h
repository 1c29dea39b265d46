/* ui_view.h - the interface's inner contracts (src/ui/): the action table, views as
 * ops tables, the category tree builder, and the drawing helpers. Not for other modules. */
#ifndef NEWSREAD_UI_VIEW_H
#define NEWSREAD_UI_VIEW_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stddef.h>

#include "newsread/article.h"
#include "newsread/layout.h"
#include "newsread/theme.h"

/* ---- actions: one table (name, contexts, default keys, help) ---- */

/* Contexts an action applies in: the kinds of view. */
enum {
	CX_TREE = 1u << 0,
	CX_LIST = 1u << 1,
	CX_ARTICLE = 1u << 2,
	CX_HELP = 1u << 3,
	CX_MOVE = CX_TREE | CX_LIST | CX_ARTICLE | CX_HELP,
	CX_ANY = 0xffu,
};

/* X(ID, name, contexts, keys (space-separated key names), help). The first action that
 * applies in the current view and binds the key wins. */
#define UI_ACTIONS(X)                                                                      \
	X(HELP, "help", CX_ANY, "? F1", "show this help")                                  \
	X(QUIT, "quit", CX_ANY, "q", "go back; quit at the top")                          \
	X(QUIT_ALL, "quit-all", CX_ANY, "Q", "quit at once")                               \
	X(REDRAW, "redraw", CX_ANY, "^L", "redraw the screen")                             \
	X(EXPAND, "expand", CX_TREE, "Enter l Right +", "open a category, or list its articles") \
	X(COLLAPSE, "collapse", CX_TREE, "h Left -", "close a category, or go to its parent") \
	X(OPEN, "open", CX_LIST, "Enter l Right o", "open the selected article")           \
	X(BACK, "back", CX_LIST | CX_HELP, "h Left", "go back")                             \
	X(SCROLL_LEFT, "scroll-left", CX_ARTICLE, "< Left", "scroll wide lines (pre, tables) left") \
	X(SCROLL_RIGHT, "scroll-right", CX_ARTICLE, "> Right", "scroll wide lines (pre, tables) right") \
	X(NEXT_ARTICLE, "next-article", CX_ARTICLE, "n", "open the next article of the list") \
	X(PREV_ARTICLE, "prev-article", CX_ARTICLE, "p", "open the previous article of the list") \
	X(DOWN, "down", CX_MOVE, "j Down ^N", "move down one line")                         \
	X(UP, "up", CX_MOVE, "k Up ^P", "move up one line")                                 \
	X(PAGE_DOWN, "page-down", CX_MOVE, "Space PgDn f ^F", "move down one page")         \
	X(PAGE_UP, "page-up", CX_MOVE, "b PgUp ^B", "move up one page")                     \
	X(HALF_DOWN, "half-down", CX_MOVE, "d ^D", "move down half a page")                 \
	X(HALF_UP, "half-up", CX_MOVE, "u ^U", "move up half a page")                       \
	X(TOP, "top", CX_MOVE, "g Home", "go to the top")                                   \
	X(BOTTOM, "bottom", CX_MOVE, "G End", "go to the bottom")                           \
	X(TOGGLE_READ, "toggle-read", CX_LIST, "N", "mark the selected article read or unread")

enum ui_action {
	ACT_NONE = 0,
#define X(id, name, cx, keys, help) ACT_##id,
	UI_ACTIONS(X)
#undef X
	ACT_COUNT
};

struct ui_action_info {
	const char *name;
	unsigned contexts;
	const char *keys;
	const char *help;
};
extern const struct ui_action_info ui_actions[ACT_COUNT];

/* The action bound to a key in a context (fkey: the key came as KEY_CODE_YES). */
enum ui_action ui_key_action(int fkey, unsigned key, unsigned context);

/* Help text lines for every action, grouped by context (for the help view). */
void ui_help_lines(int width, struct lines *out);

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

struct ui;
struct view;

struct view_ops {
	const char *name;
	unsigned context;                                        /* CX_* of the action table */
	void (*layout)(struct view *v, int width, int height);   /* the size changed (or first draw) */
	void (*draw)(struct view *v, WINDOW *w, int top, int height, int width);
	unsigned (*request)(struct view *v, enum ui_action a);   /* returns RD_* bits */
	void (*title)(struct view *v, struct buf *out);          /* header text (unsanitized) */
	void (*position)(struct view *v, struct buf *out);       /* status text, e.g. "12/40" */
	void (*free)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct ui *ui;
	void *data;
	int width, height;  /* size at the last layout; 0 before the first */
};

/* Put a new view on top of the stack (takes ownership). */
void ui_push(struct ui *ui, const struct view_ops *ops, void *data);
/* A message for the status line (kept until the next key). */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct articles *ui_articles(struct ui *ui);
/* Count one layout (for the stats NEWSREAD_UI_STATS=1 prints after the interface ends). */
void ui_count_layout(struct ui *ui);
const char *ui_title(struct ui *ui);
/* Open the article view on list[pos] of a list of article indexes (copied). follow, when
 * not NULL, is the opening view's selection: n and p keep it on the article shown (the
 * opening view lies below the article view on the stack, so it outlives it). */
void ui_open_article(struct ui *ui, const size_t *idx, size_t n, size_t pos, size_t *follow);

/* The views (src/ui/ui_list.c, ui_article.c). */
struct cat_tree;
void ui_open_tree(struct ui *ui, struct cat_tree *t);
void ui_open_list(struct ui *ui, const char *name, const size_t *idx, size_t n);
void ui_open_help(struct ui *ui);

/* ---- a scrolling selection shared by the list views ---- */
struct ui_cursor {
	size_t sel, top, n;
};
/* Apply a move action to c for a window of h rows; returns RD_VIEW when it moved. */
unsigned ui_cursor_move(struct ui_cursor *c, enum ui_action a, int h);
/* Keep sel visible in h rows. */
void ui_cursor_fit(struct ui_cursor *c, int h);

/* ---- the category tree (pure: no curses) ---- */

struct cat_node {
	char *name;                 /* sanitized part of a path; "" for the root */
	struct cat_node *parent;
	struct cat_node **kids;
	size_t nkids, capkids;
	size_t *arts;               /* indexes into the articles, newest first, each once */
	size_t narts, caparts;
	int depth;                  /* root = -1, top level = 0 */
	int expanded;
	int uncat;                  /* the "(uncategorised)" node */
	size_t last;                /* last article counted + 1 (to count each once) */
};

struct cat_tree {
	struct cat_node root;       /* all articles; its kids are the top level */
	size_t ncats;               /* category nodes, without root and (uncategorised) */
};

#define CATTREE_MAX_DEPTH 16    /* deeper path parts are folded into the 16th */
#define CATTREE_UNCAT "(uncategorised)"

/* Build the tree of l's category paths: each node counts every article whose paths pass
 * through it, once. Children are ordered by count (largest first), then by name; an
 * "(uncategorised)" node comes last when some articles have no category. */
void cattree_build(struct cat_tree *t, const struct articles *l);
void cattree_free(struct cat_tree *t);
/* Child of n named name, or NULL. */
struct cat_node *cattree_child(const struct cat_node *n, const char *name);
/* The visible rows: the root, then the expanded parts of the tree in order. Returns the
 * row count; *rows is malloc'd (free it). */
size_t cattree_rows(struct cat_tree *t, struct cat_node ***rows);
/* "a / b / c" for a node (malloc'd). */
char *cattree_path(const struct cat_node *n);

/* ---- drawing (src/ui/ui_draw.c) ---- */

/* Styles of the interface's own lines, beside doc.h's ST_* bits. */
#define UI_ST_KEY (1u << 20)   /* a key name in the help */


/* The theme element for a span's ST_* style, and the extra attributes the style adds. */
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
