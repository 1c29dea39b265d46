/* html.h - HTML (UTF-8) -> document model. */
#ifndef NEWSREAD_HTML_H
#define NEWSREAD_HTML_H

#include <stddef.h>

#include "newsread/doc.h"
#include "newsread/util.h"

/* Parse an HTML fragment or page (UTF-8) into d. base resolves relative URLs (may be
 * NULL). lang is the article's language when known ("zh", "en" or NULL): it chooses
 * [图 n] or [image n] together with the text itself. Links and images share one
 * counter. The href, code, data-code and id of the elements text sits in are kept in
 * d->elems (run.elem), for passes that read markup; run.stock is left empty.
 * Never fails: bad markup is recovered. */
void html_to_doc(const char *html, size_t len, const char *base, const char *lang, struct doc *d);
/* Set libxml2 up once, from the main thread, before any other thread parses (libxml2
 * 2.9 does not set itself up safely when two threads parse first at once). Idempotent. */
void html_global_init(void);

/* A body already parsed, as a compact flat stream of records instead of a libxml2 tree
 * (reader mode hands its cleaned content on this way: a few bytes per element rather than
 * a 120-byte node, and one pass to write it). Written in document order with the calls
 * below. Walking it (html_flat_to_doc) gives what parsing its HTML (html_flat_html) would
 * only when the writer nested opens and closes properly and gave only elements and text
 * a parser would keep as they are; html_flat_html is exact whatever was written. The
 * records live in chunks of a few KB (a large body is not one huge block: its chunks can
 * reuse the memory of a tree freed while they are written). Records are private to html*.c. */
struct hf_chunk;
struct html_flat {
	struct hf_chunk *first, *last;
	size_t text_at;  /* offset in last just past the last record's header when that
	                    record is text (later text joins it), else 0 */
};
void html_flat_init(struct html_flat *f);
void html_flat_free(struct html_flat *f); /* its memory; f is empty afterwards */
/* An element named name (lower case, as the parser names them) with attribute pairs
 * attrs[0..nattrs) (name, value); pairs whose value is NULL or "" are left out.
 * is_void: no content and no html_flat_close (br, img, hr). */
void html_flat_open(struct html_flat *f, const char *name, const char *const *attrs, size_t nattrs, int is_void);
/* An end tag for name (normally the innermost open element). */
void html_flat_close(struct html_flat *f, const char *name);
/* Text, unescaped (no NUL byte in it): joins the text right before it, as a parser
 * makes one text node of the text between two tags. */
void html_flat_text(struct html_flat *f, const char *s, size_t n);
/* The records as HTML (malloc'd, never NULL): text escaped (& < >), attribute values
 * quoted with " escaped too, void elements without an end tag. */
char *html_flat_html(const struct html_flat *f);
/* Append s (n bytes) to b escaped for HTML: & < > always, " too inside an attribute value. */
void html_escape(struct buf *b, const char *s, size_t n, int attr);
/* Copy of s (malloc'd) with whitespace collapsed as in HTML text (a line break between
 * two CJK characters goes: html_segment_joins) and controls dropped: alt text, and
 * plain-text fields of feeds. */
char *html_clean_text(const char *s);
/* 1 when a line break in the source between code points a and b disappears instead of
 * becoming a space (CSS Text's segment-break rule: both wide, or wide beside Chinese
 * punctuation of ambiguous width). */
int html_segment_joins(unsigned a, unsigned b);
/* 1 when a src or href names something to fetch: not blank, not a data: or javascript:
 * URL. */
int html_url_usable(const char *s);
/* The one rule for where an <img>'s real URL is, for feeds, posts, reader mode and
 * --dump alike: lazy loaders keep it in data-src, data-original, data-actualsrc,
 * data-lazy-src or data-echo (in that order) and a stand-in in src, so those come first,
 * then src, then the first URL of srcset, then of data-srcset ("a.jpg 480w, b.jpg 2x").
 * Values that are not usable (html_url_usable) are passed over. attr(el, name) gives an
 * attribute's value or NULL. Returns the URL as written (not resolved), malloc'd, or
 * NULL when the image has none. */
char *html_img_src(const char *(*attr)(const void *el, const char *name), const void *el);

/* html_to_doc on a flat body (as if it were the content of <body>). */
void html_flat_to_doc(const struct html_flat *f, const char *base, const char *lang, struct doc *d);
/* html_flat_to_doc for a caller that reads f only once: each chunk of records is freed as
 * soon as the walk has left it (the document's allocations take its place); f is empty
 * afterwards (html_flat_free it as usual). */
void html_flat_take_doc(struct html_flat *f, const char *base, const char *lang, struct doc *d);
/* The same two for struct article's tree, which is a struct html_flat. */
void html_tree_to_doc(const void *tree, const char *base, const char *lang, struct doc *d);
void html_tree_take_doc(void *tree, const char *base, const char *lang, struct doc *d);

struct article;
/* The document of an article's body (a->html, else its parsed a->tree; an empty document
 * without either), links resolved against a->base or a->link. consume: a->tree is read
 * only once, its memory given back while d is built (it is left empty). No pass has
 * run over d: html_to_doc's document. */
void html_article_doc(struct article *a, int consume, struct doc *d);

/* Resolve ref against base into an absolute URL (malloc'd). */
char *url_resolve(const char *base, const char *ref);

/* Plain text of an HTML fragment, whitespace collapsed (for titles and summaries). */
char *html_to_text(const char *html, size_t len);

#endif
