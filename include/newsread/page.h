/* page.h - HTML pages: feed discovery and reader mode. */
#ifndef NEWSREAD_PAGE_H
#define NEWSREAD_PAGE_H

#include <stddef.h>

#include "newsread/article.h"
#include "newsread/element.h"
#include "newsread/util.h"

#define PAGE_MAX_BYTES (16u * 1024 * 1024) /* larger pages are read up to this size */
#define PAGE_MAX_NODES 400000              /* more elements than this: refused */

/* Feeds a page announces with <link rel="alternate" type="...">: absolute URLs, up to
 * max, returned as malloc'd strings in urls. Returns how many. */
size_t page_feed_links(const char *html, size_t len, const char *url, char **urls, size_t max);

/* Reader mode: extract the article (title, author, date, lead image, main text as HTML)
 * from a page and append it. Returns 0 or -1 with err. */
int page_extract(const char *html, size_t len, const char *url, struct articles *out, struct nr_error *err);
/* page_extract on a malloc'd page that it frees (setting *html to NULL) once it is parsed,
 * so a large page's bytes are not alive beside its tree and the extracted HTML. The page
 * must be valid UTF-8, as decode_document returns it: it is not checked again. */
int page_extract_owned(char **html, size_t len, const char *url, struct articles *out, struct nr_error *err);

#ifdef PAGE_INTERNAL
/* Shared by src/page*.c only: the reader-mode context. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

enum { /* class/id hints */
	HINT_POS = 1,  /* article, content, 正文, ... */
	HINT_NEG = 2,  /* nav, comment, related, ad, ... */
	HINT_META = 4, /* byline, author, date, source, ... */
};

struct page_info { /* per element, through node->_private */
	double score;      /* candidate score */
	size_t text;       /* weighted text length of the subtree (CJK counts 3) */
	size_t link;       /* part of text inside <a> */
	unsigned commas;   /* punctuation marks: ，。、；！？ , . */
	unsigned paras;    /* <p> descendants */
	unsigned imgs;     /* <img> descendants */
	unsigned lis;      /* <li> descendants */
	unsigned inputs;   /* form fields */
	unsigned hints;    /* HINT_* of the element itself */
	unsigned order;    /* document order */
	unsigned text_off; /* offset in page_ctx.text where its text starts */
	unsigned char blocks;   /* has block-level descendants */
	unsigned char pos_desc; /* has a positive, non-negative descendant with text */
	unsigned char scored;   /* score initialised */
	unsigned char layout;   /* part of a layout table: written without the table */
	unsigned char tag;      /* TAG_* of the element, set once when indexed */
	unsigned char kind;     /* page_out.c's kind of element + 1; 0 until first asked */
	unsigned char id;       /* HE_* of its name, set once when indexed */
	unsigned char live;     /* still in the tree after page_prune */
	xmlNode *node;          /* the element itself */
};
enum { TAG_A = 1, TAG_P = 2, TAG_IMG = 4, TAG_LI = 8, TAG_INPUT = 16, TAG_BLOCK = 32 }; /* page_info.tag */

struct page_h1 {
	unsigned order;   /* document order of the heading */
	char *text;       /* its text */
	size_t text_off;  /* offset in page_ctx.text where it starts */
};

struct page_ctx {
	htmlDocPtr doc;
	xmlNode *body;
	const char *url;
	char *base;             /* <base href> resolved, else url */
	struct page_info *info;
	size_t ninfo;
	/* metadata found by page_meta_scan */
	char *og_title, *title_tag, *site_name, *image, *author, *lang;
	char *date_str;         /* best machine date string */
	int date_prio;          /* its priority (lower is better) */
	char *byline;           /* text of a byline/author element */
	char *source;           /* text of a "source" element (来源) */
	struct page_h1 *h1s;
	size_t nh1;
	struct buf text;        /* page text in document order (bounded) */
	/* the chosen content */
	xmlNode **keep;
	size_t nkeep;
	unsigned content_first, content_last; /* document order range of the content */
	char *title;            /* chosen title */
	int h1_near;            /* index in h1s of the heading of the content, or -1 */
};

/* page.c: tree helpers */
int page_is(const xmlNode *n, const char *name);
const char *page_attr(const xmlNode *n, const char *name); /* libxml-owned or NULL */
xmlNode *page_next(xmlNode *n, const xmlNode *root, int into); /* pre-order step */
unsigned page_hints(const xmlNode *n);
int page_is_block(const xmlNode *n);
int page_is_cjk(unsigned cp);
size_t page_text_weight(const char *s, unsigned *commas);
void page_text_of(const xmlNode *n, struct buf *b, size_t max);
/* Collapse the whitespace of b->s[from..] in place as a browser shows it: each run one
 * space, or none where it holds a line break between two CJK characters. */
void page_collapse_ws(struct buf *b, size_t from);
void page_remove(struct page_ctx *c, xmlNode *n);
/* The tree reader mode works on (libxml2's HTML parser in recover mode, without the
 * whitespace-only text that cannot show: see page.c). Freed with xmlFreeDoc. */
htmlDocPtr page_parse(const char *html, size_t len);
/* page_score.c */
void page_stats(struct page_ctx *c, xmlNode *root);
void page_prune(struct page_ctx *c);
void page_choose(struct page_ctx *c);
void page_clean(struct page_ctx *c);
/* page_meta.c */
void page_meta_scan(struct page_ctx *c);
void page_pick_title(struct page_ctx *c);
void page_meta_finish(struct page_ctx *c, struct article *a);
/* page_out.c */
struct html_flat;
char *page_serialize(struct page_ctx *c);
/* The same content in one pass, spending c's tree (its written subtrees are freed as
 * they go): into *flat a flat body (html.h) that stands for what libxml2 would parse from
 * page_serialize's string, or, when the parser would restructure that string (nesting it
 * auto-closes, a mismatched end tag, a CR in <pre> or in an attribute value, content
 * deeper than 1000 elements), NULL there and that string in *html instead. */
void page_output(struct page_ctx *c, struct html_flat **flat, char **html);
/* For struct article: free a page_output body; its HTML, page_serialize's string (malloc'd). */
void page_flat_free(void *flat);
char *page_flat_html(const void *flat);

/* Element names as numbers (newsread/element.h's HE_*), so that tag tests are not string
 * compares. */
/* n's HE_*: from its page_info once indexed, else from its name. */
static inline unsigned page_tag(const xmlNode *n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return HE_NONE;
	if (n->_private)
		return ((const struct page_info *)n->_private)->id;
	return html_element_id((const char *)n->name);
}
#endif

#endif
