/* layout.h - (document, width, options) -> lines of styled text. Pure: no curses,
 * no global state; cheap enough to run again on every terminal resize. */
#ifndef NEWSREAD_LAYOUT_H
#define NEWSREAD_LAYOUT_H

#include <stddef.h>

#include "newsread/doc.h"

struct layout_opts {
	int width;            /* display columns available (>= 0) */
	int paragraph_indent; /* 1: auto (two U+3000 on <p> that lack one) */
	int cjk_latin_space;  /* 1: display-only space between CJK and Latin letters/digits */
	int kinsoku_strict;   /* 1: strict level (no break before ——/……) */
	int cut_pre;          /* 1 (--dump): cut <pre> lines at width and end them with '>';
	                         0 (TUI): keep them whole, the view scrolls them sideways */
};

/* A styled span of a line's text (byte offsets into line.text). */
struct lspan {
	unsigned off, len;
	unsigned style;   /* ST_* from doc.h */
	int link;         /* link number or 0 */
};

enum {
	LINE_EMERGENCY = 1u << 0, /* produced by an emergency break (T9) */
	LINE_PRE = 1u << 1,       /* a <pre> line, may be wider than the layout width */
	LINE_TABLE = 1u << 2,
};

struct line {
	char *text;        /* sanitized UTF-8, no control characters */
	size_t len;
	int width;         /* display columns (sum of wcwidth over clusters) */
	struct lspan *spans;
	size_t nspans;
	unsigned flags;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

/* Lay out d at o->width and append the lines to out (which may already hold lines).
 * Every line is at most o->width columns wide, except LINE_PRE lines when !o->cut_pre. */
void layout_doc(const struct doc *d, const struct layout_opts *o, struct lines *out);

/* Wrap one plain UTF-8 string (no markup) at width with the same rules, appending lines
 * with the given style on every span. Used for headers and lists outside documents. */
void layout_text(const char *s, size_t n, int width, unsigned style, struct lines *out);

/* Display width of UTF-8 text as ncurses will draw it (after sanitizing). */
int text_width(const char *s, size_t n);

void lines_push(struct lines *l, const char *text, size_t len, unsigned style);
void lines_free(struct lines *l);

#endif
