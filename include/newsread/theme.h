/* theme.h - colours of the interface's elements, set by `color` lines in themes/ and
 * the config. One table of elements (THEME_ELEMENTS) drives parsing, the defaults and
 * the help. Values are stored before curses starts and applied by theme_apply(). */
#ifndef NEWSREAD_THEME_H
#define NEWSREAD_THEME_H

#include <stddef.h>
#include <stdio.h>

#include "newsread/util.h"

/* X(ID, name, default "FG [BG] [ATTR...]", help) */
#define THEME_ELEMENTS(X)                                                              \
	X(NORMAL, "normal", "default default", "body text and empty space")           \
	X(TITLE, "title", "yellow default bold", "article title in the article header") \
	X(META, "meta", "cyan default", "article header fields: date, author, categories") \
	X(HEADING, "heading", "yellow default bold", "headings in the article body")  \
	X(LINK, "link", "blue default underline", "link text")                        \
	X(MARK, "mark", "magenta default", "link numbers such as [3]")                \
	X(IMAGE, "image", "green default", "image placeholders such as [图 1: alt]")   \
	X(STOCK, "stock", "red default bold", "stock annotations such as (603000.SH)") \
	X(CODE, "code", "green default", "code and preformatted text")                \
	X(QUOTE, "quote", "cyan default", "quoted text")                              \
	X(BOLD, "bold", "default default bold", "bold text")                          \
	X(ITALIC, "italic", "default default italic", "italic text")                  \
	X(HEADER, "header", "white blue bold", "the top line: what was opened")       \
	X(STATUS, "status", "white blue", "the bottom status line")                   \
	X(SELECTED, "selected", "black cyan", "the selected row of a list")           \
	X(TREE, "tree", "default default bold", "category names in the tree")         \
	X(COUNT, "count", "cyan default", "article counts in the tree")               \
	X(DATE, "date", "cyan default", "dates in the article list")                  \
	X(UNREAD, "unread", "default default bold", "unread articles in the list")    \
	X(READ, "read", "default default", "read articles in the list")              \
	X(KEY, "key", "yellow default bold", "key names in the help view")            \
	X(ERROR, "error", "red default bold", "messages about errors")

enum theme_elem {
#define X(id, name, def, help) TE_##id,
	THEME_ELEMENTS(X)
#undef X
	THEME_NELEM
};

struct theme_elem_info {
	const char *name;
	const char *def;  /* default value, in the syntax of a color line's arguments */
	const char *help;
};

extern const struct theme_elem_info theme_elements[THEME_NELEM];

/* Attribute bits of a stored value (mapped to curses attributes by theme_apply). */
enum {
	THEME_BOLD = 1u << 0,
	THEME_UNDERLINE = 1u << 1,
	THEME_REVERSE = 1u << 2,
	THEME_DIM = 1u << 3,
	THEME_ITALIC = 1u << 4,
	THEME_STANDOUT = 1u << 5,
};

/* Colour values: THEME_DEFAULT, 0..255 (palette index), or THEME_RGB | 0xrrggbb. */
#define THEME_DEFAULT (-1)
#define THEME_RGB 0x1000000

struct theme_value {
	int fg, bg;
	unsigned attrs;   /* THEME_* bits */
	int from_config;  /* set by a color line outside a theme file (a theme does not override it) */
};

/* color ELEMENT FG [BG] [ATTR...]: argv[0] is the element. Returns 0 or -1 with err
 * naming the unknown element, colour or attribute. Works before curses starts (values
 * are stored and applied by theme_apply). While a theme file is loading, elements the
 * config already set are left alone. */
int theme_color(int argc, char **argv, struct nr_error *err);

/* Load a theme by name (themes/NAME.theme in the user's config folder, then under
 * theme_data_root()) or by path (a name holding '/' or ending in .theme), through
 * config_load_file. Returns 0, or -1 with err ("FILE:LINE: msg", or not found). */
int theme_load(const char *name, struct nr_error *err);

/* Folder holding themes/ and samples/: the source tree when run from it, else the
 * installed data folder. Returns a static string. */
const char *theme_data_root(void);

/* Every element back to its default, nothing set by the config (for tests). */
void theme_reset(void);

/* The stored value of an element. */
void theme_get(enum theme_elem e, struct theme_value *out);

/* Element index by name, or -1. */
int theme_lookup(const char *name);

/* After curses started: start colours (when the terminal has them) and make one colour
 * pair per element; #rrggbb and colorN beyond the terminal's palette map to the
 * nearest colour it has. */
void theme_apply(void);

/* Curses attributes (A_* bits, colour not included) and colour pair of an element;
 * valid after theme_apply. */
unsigned long theme_attr(enum theme_elem e, short *pair);

/* --list-colors: one line per element, the built-in default whatever the config and the
 * theme say: name, default ("FG BG [ATTR...]"), help; separated by tabs. */
void theme_list_colors(FILE *f);

#endif
