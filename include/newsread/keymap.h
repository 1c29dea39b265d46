/* keymap.h - the interface's vocabulary and its key bindings: one table of view contexts,
 * one table of actions (name, contexts, default keys, help), and a mutable keymap built
 * from the defaults at start-up that bind/unbind write into and the interface reads
 * (key dispatch and the help). It sits in config, below the interface, so that a config
 * command can reach it before the interface starts. */
#ifndef NEWSREAD_KEYMAP_H
#define NEWSREAD_KEYMAP_H

#include <stddef.h>

#include "newsread/util.h"

/* The kinds of view: X(ID, name (as bind takes it), help section title or NULL). */
#define KEYMAP_CONTEXTS(X)                          \
	X(TREE, "tree", "Category tree")            \
	X(LIST, "list", "Article list")             \
	X(ARTICLE, "article", "Article")            \
	X(SOURCES, "sources", "Sources")            \
	X(HELP, "help", NULL)

enum {
#define X(id, name, title) CXI_##id,
	KEYMAP_CONTEXTS(X)
#undef X
	CX_NCONTEXTS
};

/* Contexts an action applies in, as bits. CX_ANY: everywhere (in the help: "Everywhere"),
 * CX_MOVE: every line view (in the help: "Moving"). */
enum {
#define X(id, name, title) CX_##id = 1u << CXI_##id,
	KEYMAP_CONTEXTS(X)
#undef X
	CX_MOVE = CX_TREE | CX_LIST | CX_ARTICLE | CX_SOURCES | CX_HELP,
	CX_ANY = 0xffu,
};

struct keymap_context_info {
	const char *name;
	const char *title;  /* help section, or NULL when its actions show elsewhere */
};
extern const struct keymap_context_info keymap_contexts[CX_NCONTEXTS];

/* X(ID, name, contexts, keys (space-separated key names), help). Where two actions of a
 * context have the same default key, the first one gets it. */
#define UI_ACTIONS(X)                                                                      \
	X(HELP, "help", CX_ANY, "? F1", "show this help")                                  \
	X(QUIT, "quit", CX_ANY, "q", "go back; quit at the top")                          \
	X(QUIT_ALL, "quit-all", CX_ANY, "Q", "quit at once")                               \
	X(REDRAW, "redraw", CX_ANY, "^L", "redraw the screen")                             \
	X(EXPAND, "expand", CX_TREE, "Enter l Right +", "open a category, or list its articles") \
	X(COLLAPSE, "collapse", CX_TREE, "h Left -", "close a category, or go to its parent") \
	X(OPEN, "open", CX_LIST | CX_SOURCES, "Enter l Right o", "open the selected article, or a source's list") \
	X(BACK, "back", CX_LIST | CX_SOURCES | CX_HELP, "h Left", "go back")                \
	X(SOURCES, "sources", CX_TREE | CX_LIST, "S", "show every source: counts, last fetch, last error") \
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
	X(TOGGLE_READ, "toggle-read", CX_LIST, "N", "mark the selected article read or unread") \
	X(RELOAD, "reload", CX_TREE | CX_LIST | CX_ARTICLE, "r",                            \
	  "reload in the background the source of the article, or the sources of the category") \
	X(RELOAD_ALL, "reload-all", CX_TREE | CX_LIST | CX_ARTICLE, "R", "reload every source in the background")

enum ui_action {
	ACT_NONE = 0,
#define X(id, name, cx, keys, help) ACT_##id,
	UI_ACTIONS(X)
#undef X
	ACT_COUNT
};

struct ui_action_info {
	const char *name;
	unsigned contexts;  /* CX_* bits */
	const char *keys;   /* the default keys */
	const char *help;
};
extern const struct ui_action_info ui_actions[ACT_COUNT];

/* Action by name, or ACT_NONE. */
enum ui_action keymap_action(const char *name);
/* Context index (CXI_*) by name, or -1. */
int keymap_context(const char *name);

/* A key as the terminal reports it: fkey set for a function key (curses KEY_*), else code
 * is a character (a control character for ^X). */
struct keymap_key {
	int fkey;
	unsigned code;
};

/* Parse a key name: a named key (Down Up Left Right PgDn PgUp Home End Insert Delete
 * Backspace Enter Space Tab Esc F1..F12), ^X for a control key (^@ to ^_, ^a = ^A), or
 * one character (UTF-8). Returns 0, or -1 with err ("unknown key name: ..."). */
int keymap_parse_key(const char *name, struct keymap_key *k, struct nr_error *err);
/* The name of a key as keymap_parse_key reads it (and the help shows it) into buf. */
void keymap_key_name(struct keymap_key k, char *buf, size_t n);

struct keymap_binding {
	unsigned char cx;         /* CXI_* */
	struct keymap_key key;    /* as keymap_parse_key gives it (Enter is '\r') */
	enum ui_action action;
};

/* Key -> action per context. Bindings are kept in the order they were made, which is the
 * order the help lists an action's keys in. */
struct keymap {
	struct keymap_binding *v;
	size_t n, cap;
};

/* Fill km (empty or not: what it held is dropped) with the default keys of the action
 * table: for each action, in table order, each context it applies in, each key, unless
 * an earlier action has the key there. */
void keymap_defaults(struct keymap *km);
void keymap_free(struct keymap *km);

/* bind [CONTEXT] KEY ACTION: key now does action in context (context NULL: in every
 * context the action applies in), replacing what the key did there. Returns 0, or -1
 * with err for an unknown key name, action or context, or an action that does not apply
 * in the context. */
int keymap_bind(struct keymap *km, const char *context, const char *key, const char *action,
		struct nr_error *err);
/* unbind [CONTEXT] KEY: the key does nothing in context (NULL: in any context). A key
 * bound nowhere is not an error. Returns 0, or -1 with err (unknown key name or context). */
int keymap_unbind(struct keymap *km, const char *context, const char *key, struct nr_error *err);

/* The action key k does in context cx (CXI_*), or ACT_NONE. '\n' and KEY_ENTER count as
 * Enter. Cost: linear in the bindings (a few dozen). */
enum ui_action keymap_lookup(const struct keymap *km, int cx, struct keymap_key k);

/* Append to out the names of the keys bound to action a in any context of cxmask (CX_*
 * bits), each once, in binding order, separated by sep. Returns how many. */
size_t keymap_keys_text(const struct keymap *km, enum ui_action a, unsigned cxmask, const char *sep,
			struct buf *out);

#endif
