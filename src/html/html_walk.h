/* html_walk.h - what html.c's walk and the element handlers (html_tags.c) share: the
 * walk's state, an element as the handlers see it, and the tag table's entries. Private to
 * src/html*.c. */
#ifndef NEWSREAD_HTML_WALK_H
#define NEWSREAD_HTML_WALK_H

#include "html/html_priv.h"
#include "newsread/element.h"

#include <libxml/tree.h>

/* What an element passes on to its descendants. */
struct hstate {
	unsigned style;       /* ST_* of the text inside */
	int a_frame;          /* frame index of the enclosing numbered <a>, or -1 */
	int attr_frame;       /* frame index of the innermost element with attributes the doc
	                         keeps (doc_attr_names), or -1 */
	int quote, indent;    /* blockquote depth, hanging indent in cells */
	enum block_kind kind; /* BLK_PARA or BLK_HEADING */
	int level, para, pre;
	int list_frame;       /* frame index of the enclosing <ul>/<ol>, or -1 */
	int ruby_paren;       /* inside a <ruby> without <rp>: <rt> gets （） */
	unsigned group;       /* ruby group id, 0 outside ruby */
};

struct hframe {
	struct hstate saved;         /* restored on leaving */
	const struct tag_def *tag;   /* its handlers (html_tag_def) */
	unsigned kind;               /* its HK_* (newsread/element.h) */
	int link_no;                 /* <a>: number (0 until its first text; -1: none) */
	const char *attr[DA_COUNT];  /* the attributes the doc keeps, NULL when absent (owned by
	                                the tree, or by hrefs); attr[DA_HREF] is an <a>'s href */
	int attr_parent;             /* with attributes: the enclosing one's frame, or -1 */
	unsigned elem;               /* with attributes: its doc.elems number once text needed
	                                it, else 0 */
	int counter, ordered;        /* <ul>/<ol>: items so far */
	int table_owner;             /* <table>: this one builds the BLK_TABLE */
};

struct hctx {
	struct doc *d;
	char *base;        /* URL relative references resolve against (malloc'd), or NULL */
	int zh;            /* placeholders in Chinese */
	int qdepth;        /* open <q> elements */
	int text_only;     /* html_to_text: no numbers, no placeholders */
	struct hstate st;
	struct hframe *frames; /* open elements (at most HTML_MAX_DEPTH), grown as needed */
	int nframes, framecap;
	struct acc para;   /* inline text of the block being gathered */
	struct acc *acc;   /* &para, or the open table cell */
	char *marker;      /* list marker for the next block ("1. ", "- ") */
	unsigned groups;   /* ruby groups given so far */
	int tables;        /* <table> nesting */
	struct tbuild tb;  /* the outermost table */
	int tb_active;     /* tb is being filled */
	char **hrefs;      /* copies of attributes whose records a consuming walk freed */
	size_t nhrefs, hrefcap;
};

/* The element being entered, from a libxml2 tree or from a flat body's record. */
struct helem {
	const char *name;
	xmlNode *node;            /* libxml2 tree, else NULL */
	const struct hf_rec *rec; /* flat body, else NULL */
};

typedef int (*enter_fn)(struct hctx *c, const struct helem *e, struct hframe *f);
typedef void (*leave_fn)(struct hctx *c, struct hframe *f);

/* (whether an element is a block or dropped is the element table's: HK_BLOCK, HK_DROP) */
enum {
	/* past HTML_MAX_DEPTH an element gets no frame and no handler, its content walked as
	   plain text; but for these: */
	T_LEAF = 4,      /* content not walked (img, media: their handlers read it) */
	T_ANY_DEPTH = 8, /* handler called all the same, with no frame (br) */
};

struct tag_def {
	unsigned flags; /* T_* */
	unsigned style; /* added to the text inside */
	enter_fn enter; /* may return 0 to skip the children */
	leave_fn leave;
};

/* Value of e's attribute name ("" when it has no value), or NULL. */
const char *html_attr(const struct helem *e, const char *name);
/* e's attribute name as an integer in [lo, hi]; def when absent or not a number. */
int html_attr_int(const struct helem *e, const char *name, int def, int lo, int hi);
/* Attributes the next text gets; gives the enclosing link its number on first use. */
struct hattr html_cur_attr(struct hctx *c, int alloc_link);
/* End the inline text gathered so far: a block of the current kind, or a space inside a
 * table cell. */
void html_flush(struct hctx *c);
/* The handlers of element number id (html_tags.c): never NULL, all zero for an element
 * without any. */
const struct tag_def *html_tag_def(unsigned id);

#endif
