/* html_priv.h - shared inside the HTML converter (html.c, html_acc.c, html_table.c). */
#ifndef NEWSREAD_HTML_PRIV_H
#define NEWSREAD_HTML_PRIV_H

#include <stddef.h>

#include "newsread/doc.h"
#include "newsread/html.h"
#include "newsread/util.h"

#define HTML_MAX_BYTES ((size_t)64 << 20) /* longer input is cut (at a character boundary) */
#define HTML_MAX_DEPTH 256                /* deeper elements are walked as plain containers */
#define HTML_MAX_COLS 64                  /* table columns kept; cells beyond join the last one */
#define HTML_MAX_ROWSPAN 1000             /* rows a cell may span (HTML allows 65534) */

/* A styled range in an accumulator; like struct run plus the unbreakable-group id. */
struct hrun {
	size_t off, len;
	unsigned style;
	int link;
	unsigned elem;  /* run.elem */
	unsigned group; /* ruby group id (ST_NOBREAK), 0 for none: runs merge only within a group */
};

/* Attributes the next text gets. */
struct hattr {
	unsigned style;
	int link;
	unsigned elem;  /* innermost kept element (doc.elems, 1-based), 0 for none */
	unsigned group;
};

/* Inline text being gathered for one block (or one table cell), whitespace collapsed
 * as CSS does, with the CJK segment-break rule. */
struct acc {
	struct buf text;
	struct hrun *runs;
	size_t nruns, cap;
	unsigned last_cp;     /* last code point put, 0 when empty */
	int pend_ws, pend_nl; /* collapsible whitespace waiting (pend_nl: it held a newline) */
	struct hattr pend;    /* attributes of the waiting space */
	int brs;              /* <br>s met while the text was still empty */
	struct doc *doc;      /* the document whose elems a link mark names, or NULL */
	unsigned mark_elem;   /* the last link mark's element (hattr.elem), 0 for none */
	size_t mark_from, mark_end; /* where that mark starts and ends in text */
	unsigned mark_cp;     /* last_cp before the mark */
};

void acc_init(struct acc *a);
void acc_reset(struct acc *a); /* empty it, keep nothing */
void acc_free(struct acc *a);
/* Append raw text (already clean) with attributes; runs merge when alike. */
void acc_put(struct acc *a, const char *s, size_t n, const struct hattr *at);
/* Resolve waiting whitespace before text starting with code point cp. */
void acc_settle(struct acc *a, unsigned cp);
/* Append a text node's content: collapsing (pre == 0) or keeping lines and tabs (pre).
 * nows: drop collapsible whitespace entirely (inside ruby). Control and bidi
 * characters are dropped. */
void acc_text(struct acc *a, const char *s, size_t n, const struct hattr *at, int pre, int nows);
/* Note collapsible whitespace (a block boundary inside a table cell). */
void acc_space(struct acc *a, const struct hattr *at);
/* A forced line break (<br>): at most one empty line in a row; none at the start. */
void acc_break(struct acc *a);
/* Cut the text to n bytes, clipping the runs. */
void acc_truncate(struct acc *a, size_t n);
/* Copy text and runs out as struct run[] (caller owns both, allocated to size); a is reset
 * (its buffer kept for the next text). */
void acc_take(struct acc *a, char **text, size_t *len, struct run **runs, size_t *nruns);

/* 1 when cp has East Asian Width F, W or H and is not Hangul (CSS segment-break rule). */
int html_is_fwh(unsigned cp);
/* 1 for Han and kana (counted to decide whether a document is CJK). */
int html_is_cjk_letter(unsigned cp);
/* Decode one UTF-8 sequence at s (n bytes left); *len gets its length (>= 1). */

/* Table being built from the outermost <table>. */
struct tb_cell {
	char *text;
	size_t len;
	struct run *runs;
	size_t nruns;
	int header, colspan, rowspan;
	size_t row;
};
struct tbuild {
	struct tb_cell *cells;
	size_t n, cap;
	size_t rows;      /* rows started so far */
	int row_open;     /* a <tr> began and has no cell yet counted */
	int thead;        /* inside <thead> */
	struct acc cell;  /* the open cell's text */
	int in_cell, cell_header, cell_colspan, cell_rowspan;
};
void tb_row(struct tbuild *t);
/* A cell spanning colspan columns and rowspan rows (rows below keep its columns free;
 * they show blank there). */
void tb_cell_begin(struct tbuild *t, int header, int colspan, int rowspan);
void tb_cell_end(struct tbuild *t);
/* Turn the cells into blocks of d: a BLK_TABLE, or paragraphs for a one-column table. */
void tb_finish(struct tbuild *t, struct doc *d, int quote, int indent);
void tb_free(struct tbuild *t);

/* ---- html_flat.c: reading struct html_flat's records ---- */
enum { HF_OPEN = 'o', HF_VOID = 'v', HF_CLOSE = 'c', HF_TEXT = 't' };
struct hf_chunk {
	struct hf_chunk *next;
	size_t len, cap; /* bytes of records in s, bytes allocated for s */
	char s[];
};
struct hf_rec {
	int type;          /* HF_* */
	const char *name;  /* HF_OPEN, HF_VOID, HF_CLOSE: the element name */
	const char *attrs; /* nattrs pairs of NUL-terminated name and value */
	unsigned nattrs;
	const char *text;  /* HF_TEXT: len bytes, NUL-terminated */
	size_t len;
};
/* A reading position: start with {f->first, 0}. */
struct hf_pos {
	const struct hf_chunk *c;
	size_t off;
};
/* Read the record at p into r and step past it; 0 at the end. */
int hf_next(struct hf_pos *p, struct hf_rec *r);
/* Value of attribute name of an HF_OPEN/HF_VOID record, or NULL. */
const char *hf_attr(const struct hf_rec *r, const char *name);

/* ---- html_survey.c: what html.c's walk needs to know first ---- */
struct hsurvey {
	const char *base; /* first <base href> */
	const char *lang; /* <html lang> */
	long cjk, words;  /* CJK letters, ASCII words of the text */
	long kana;        /* of the CJK letters, kana: Japanese text */
};
struct _xmlNode;
/* Survey a parsed tree from its root element (the text of dropped elements is not counted). */
void html_survey_tree(struct _xmlNode *root, struct hsurvey *s);
/* Survey a flat body: only its text (reader mode's content has no <base> or lang). */
void html_survey_flat(const struct html_flat *f, struct hsurvey *s);
/* Value of a libxml2 element's attribute ("" when it has no value), or NULL. */
const char *html_node_attr(struct _xmlNode *n, const char *name);
/* 1 when image and media placeholders are Chinese ([图 n]): lang (NULL when unknown)
 * says Chinese, or says no other language (ja, ko, en) and the text is CJK (cjk_doc) with
 * at most 5% of its cjk letters kana. */
int html_placeholders_zh(const char *lang, int cjk_doc, long cjk, long kana);

#endif
