/* theme.h - colours of the interface's elements, set by `color` lines in themes/ and
 * the config. One table of elements (THEME_ELEMENTS) drives parsing, the defaults and
 * the help; one table of attributes (THEME_ATTRS) drives parsing, printing and the
 * curses attributes. The values are a plain struct theme (part of the settings, filled
 * by the config language, which also loads theme files), applied by theme_apply() once
 * curses started. */
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

/* X(ID, name): the attribute words of a color line; ID also names the curses
 * attribute A_ID that theme_apply maps it to. */
#define THEME_ATTRS(X)                                                                  \
	X(BOLD, "bold") X(UNDERLINE, "underline") X(REVERSE, "reverse") X(DIM, "dim")    \
	X(ITALIC, "italic") X(STANDOUT, "standout")

enum theme_attr_index {
#define X(id, name) THEME_ATTR_##id,
	THEME_ATTRS(X)
#undef X
	THEME_NATTR
};

/* Attribute bits of a stored value: THEME_BOLD, THEME_UNDERLINE, ... */
enum {
#define X(id, name) THEME_##id = 1u << THEME_ATTR_##id,
	THEME_ATTRS(X)
#undef X
};

extern const char *const theme_attr_names[THEME_NATTR];

/* Colour values: THEME_DEFAULT, 0..255 (palette index), or THEME_RGB | 0xrrggbb. */
#define THEME_DEFAULT (-1)
#define THEME_RGB 0x1000000

struct theme_value {
	int fg, bg;
	unsigned attrs;   /* THEME_* bits */
	int from_config;  /* set by a color line outside a theme file (a theme does not override it) */
};

/* Every element's value: part of the settings, handed to the interface. */
struct theme {
	struct theme_value v[THEME_NELEM];
};

/* Every element to its default (the table's), nothing set by the config. */
void theme_init(struct theme *t);

/* color ELEMENT FG [BG] [ATTR...]: argv[0] is the element. Returns 0 or -1 with err
 * naming the unknown element, colour or attribute (t unchanged then). in_theme_file: the
 * line comes from a theme file, which leaves alone the elements a config line set. */
int theme_color(struct theme *t, int argc, char **argv, int in_theme_file, struct nr_error *err);

/* A value in the syntax of a color line's arguments ("yellow default bold", "\"#rrggbb\""
 * quoted), appended to out; a color line reads it back to the same value. */
void theme_format_value(const struct theme_value *v, struct buf *out);

/* Folder holding themes/ and samples/: the source tree when run from it, else the
 * installed data folder. Returns a static string. */
const char *theme_data_root(void);

/* Element index by name, or -1. */
int theme_lookup(const char *name);

/* After curses started: start colours (when the terminal has them) and make one colour
 * pair per element of t; #rrggbb and colorN beyond the terminal's palette map to the
 * nearest colour it has. The pairs and attributes are the terminal's state, kept here
 * for theme_attr until the next theme_apply. */
void theme_apply(const struct theme *t);

/* Curses attributes (A_* bits, colour not included) and colour pair of an element;
 * valid after theme_apply. */
unsigned long theme_attr(enum theme_elem e, short *pair);

/* --list-colors: one line per element, the built-in default whatever the config and the
 * theme say: name, default ("FG BG [ATTR...]"), help; separated by tabs. */
void theme_list_colors(FILE *f);

#endif
