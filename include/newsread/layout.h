/* layout.h - (document, width, options) -> lines of styled text. Pure: no curses,
 * no global state; cheap enough to run again on every terminal resize. */
#ifndef NEWSREAD_LAYOUT_H
#define NEWSREAD_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "newsread/doc.h"

struct layout_opts {
	int width;            /* display columns available (>= 0) */
	int paragraph_indent; /* 1: auto (two U+3000 on <p> that lack one) */
	int cjk_latin_space;  /* 1: display-only space between CJK and Latin letters/digits */
	int kinsoku_strict;   /* 1: strict level (no break before ——/……) */
	int hang_punct;       /* 1: on CJK documents, text lines keep a 2-column right gutter
	                         that only a line-final ，。、 may take (instead of pushing
	                         the character before it down) */
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
	LINE_EMERGENCY = 1u << 0, /* ends or starts at an emergency break (T9): the only lines
	                             that may end with NO_END or start with NO_START */
	LINE_PRE = 1u << 1,       /* a <pre> line, may be wider than the layout width when
	                             !cut_pre (scroll it with layout_slice) */
	LINE_TABLE = 1u << 2,     /* a table row or border (the view may scroll it sideways) */
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
 * Every line is at most o->width columns wide, except LINE_PRE lines when !o->cut_pre.
 * Width 0 (or less) appends nothing. Blocks are separated by one blank line (none
 * between list items or between quote levels); a heading is followed by one.
 * Prefixes: "> " per quote depth, then the list indent: the text starts at column
 * max(indent, width(marker)) after the quote margin and the marker ends right where
 * the text begins on the first line. Prefixes are capped so the text keeps at least
 * min(width, 8) columns. Cost: linear in the text; a handful of allocations per line. */
void layout_doc(const struct doc *d, const struct layout_opts *o, struct lines *out);

/* Wrap one plain UTF-8 string (no markup) at width with the same rules, appending lines
 * with the given style on every span. Used for headers and lists outside documents. */
void layout_text(const char *s, size_t n, int width, unsigned style, struct lines *out);

/* Display width of UTF-8 text as ncurses will draw it after layout_sanitize (sum of libc
 * wcwidth; unknown widths count as their placeholder; TAB to the next multiple of 8). */
int text_width(const char *s, size_t n);

/* Width of one code point as the layout counts it and the interface draws it: 0 for one
 * the sanitizing deletes (controls, SHY, ZWJ, emoji modifiers...); *repl gets what is
 * drawn: 0 (nothing), the code point itself, or a placeholder (U+3013 or '?'). text_width
 * is the sum of this over a string, TAB aside. Cost: a table look-up. */
int cp_width(uint32_t c, uint32_t *repl);

/* Append to out (a struct buf from util.h) the text as layout draws it (CJK.md W2):
 * C0/C1 and bidi controls, ZWSP, WJ, FEFF, SHY, ZWJ, VS15/16 and emoji modifiers deleted,
 * code points wcwidth does not know replaced by U+3013 (wide ones) or '?', TAB as one
 * space, '\n' kept. Line text from layout_doc is this text cut into pieces. */
struct buf;
void layout_sanitize(struct buf *out, const char *s, size_t n);

/* The visible part of a line scrolled sideways (W5): the cells [col, col + width) of ln,
 * appended to out as one line. A wide grapheme cut by either edge becomes a space filler
 * per visible cell, so the result is exactly min(width, ln->width - col) cells wide
 * (0 when col is past the end). Spans follow the text. */
void layout_slice(const struct line *ln, int col, int width, struct lines *out);

/* Kinsoku sets of CJK.md T1/T2 (with their ASCII kin): 1 when c may not start a line /
 * may not end a line. */
int layout_no_start(uint32_t c);
int layout_no_end(uint32_t c);

/* Append one line holding a copy of text (not wrapped), with one span of style when set. */
/* layout_doc for output that need not hold every line at once (--dump): after some
 * blocks, and at the end, flush(out, ud) is called with the lines laid out so far and
 * must take them out of out (lines_clear). The lines are those layout_doc gives. */
void layout_doc_stream(const struct doc *d, const struct layout_opts *o, struct lines *out,
		       void (*flush)(struct lines *out, void *ud), void *ud);

void lines_push(struct lines *l, const char *text, size_t len, unsigned style);
/* Free every line's text and spans but keep the array for reuse (n becomes 0). */
void lines_clear(struct lines *l);
/* Free every line and reset l to empty. */
void lines_free(struct lines *l);

#endif
