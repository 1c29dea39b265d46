/* doc.h - the document model: what html.c builds from HTML and layout.c lays out.
 * Plain data, no curses, no libxml2. Blocks are flat: nesting (lists, quotes) is
 * carried by each block's quote depth, indent and marker. */
#ifndef NEWSREAD_DOC_H
#define NEWSREAD_DOC_H

#include <stddef.h>

/* Inline styles; a run may combine several. */
enum {
	ST_BOLD = 1u << 0,
	ST_ITALIC = 1u << 1,
	ST_CODE = 1u << 2,
	ST_LINK = 1u << 3,    /* link text */
	ST_IMAGE = 1u << 4,   /* an image placeholder such as [图 3: alt] */
	ST_STOCK = 1u << 5,   /* a stock annotation such as (603000.SH) */
	ST_MARK = 1u << 6,    /* a link number such as [3] */
	ST_HEADING = 1u << 7, /* heading text */
	ST_META = 1u << 8,    /* article header fields (date, author, categories) */
	ST_TITLE = 1u << 9,   /* article title in the header */
	ST_QUOTE = 1u << 10,  /* text inside a blockquote */
	ST_NOBREAK = 1u << 11, /* an unbreakable group (a ruby base with its reading): no line break
	                          inside the run; a break may fall between two such runs */
};

/* A styled range of a block's text (byte offsets). Runs are sorted and do not overlap;
 * text not covered by a run is plain. */
struct run {
	size_t off, len;
	unsigned style;
	int link;        /* link/image number (1-based) this run belongs to, 0 if none */
	char stock[20];  /* canonical stock code the markup gave this text ("603000.SH"), or "" */
};

enum block_kind {
	BLK_PARA,    /* paragraph (also list item bodies, captions, <div> text) */
	BLK_HEADING, /* level 1..6 */
	BLK_PRE,     /* preformatted: text keeps its newlines and spaces */
	BLK_TABLE,   /* table: see struct table */
	BLK_RULE,    /* <hr> */
	BLK_BLANK,   /* an explicit empty line (e.g. <br><br> between blocks) */
};

struct tcell {
	char *text;      /* UTF-8, whitespace collapsed */
	size_t len;
	struct run *runs;
	size_t nruns;
	int header;      /* <th> or in <thead> */
	int colspan;     /* >= 1; 0 for a cell covered by the colspan of a cell to its left */
	size_t above;    /* a blank cell under a rowspan: 1 + the index in cells of the cell
			    spanning down over it; else 0 */
};

struct table {
	size_t rows, cols;
	struct tcell *cells; /* rows * cols, row-major; a cell covered by a colspan is empty */
};

struct block {
	enum block_kind kind;
	int level;        /* heading level 1..6 */
	int quote;        /* blockquote depth (0 = none) */
	int indent;       /* list nesting: cells of hanging indent before the text, the marker
	                     included (the marker sits in the last strlen(marker) cells of it) */
	char *marker;     /* list marker printed on the first line ("1. ", "- "), or NULL */
	int para;         /* 1 for a real <p> (paragraph-indent auto applies) */
	char *text;       /* UTF-8 text; '\n' is a forced line break (<br>) */
	size_t len;
	struct run *runs;
	size_t nruns;
	struct table *table; /* BLK_TABLE */
};

struct stock_rules; /* stock.h */

struct doc {
	struct block *blocks;
	size_t n, cap;
	char **links;     /* absolute URLs of links and images, links[i] is number i+1 */
	size_t nlinks;
	size_t linkcap;   /* allocated entries of links (doc.c's business) */
	int cjk;          /* the document's text is mostly Chinese/Japanese */
	const struct stock_rules *stock_rules; /* set by the caller before html builds d: the
	                                          config's stock-rule lines for stock markup, or NULL */
};

void doc_init(struct doc *d);
void doc_free(struct doc *d);
/* Append a block (zeroed, kind set) and return it; the pointer is valid until the next add. */
struct block *doc_add_block(struct doc *d, enum block_kind kind);
/* Give back the room blocks and links were grown with (once d is built: adding more
 * afterwards works, only slower). */
void doc_trim(struct doc *d);
/* Add a link URL (copied) and return its number (1-based). */
int doc_add_link(struct doc *d, const char *url);
/* Append text with a style to a block, merging with the previous run when alike. */
void block_append(struct block *b, const char *s, size_t n, unsigned style, int link, const char *stock);

#endif
