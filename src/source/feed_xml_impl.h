/* feed_xml_impl.h - shared by feed_xml.c and feed_xmlnode.c (not a public contract). */
#ifndef NEWSREAD_FEED_XML_IMPL_H
#define NEWSREAD_FEED_XML_IMPL_H

#include "source/feed_impl.h"

#include <libxml/tree.h>

#define FIELD_CAP (16u * 1024 * 1024) /* bytes gathered for one body */

enum fx_ns { NS_NONE, NS_RSS, NS_ATOM, NS_DC, NS_DCTERMS, NS_CONTENT, NS_MEDIA, NS_ITUNES, NS_XHTML, NS_RDF,
	   NS_OTHER };

/* Parse state for one XML feed. */
struct fx_ctx {
	struct feed_ctx *c;
	char *doc_base;   /* base when no xml:base applies: the feed link, else the URL */
	char *feed_author; /* the feed's author, for entries without one */
	const xmlChar *root_ns; /* the root element's namespace (owned by the tree), or NULL:
	                           a feed in an unknown namespace keeps its vocabulary */
};

/* Namespace class of an element (the feed vocabularies newsread reads). */
enum fx_ns fx_ns_class(const xmlNode *n);
/* Element with this local name (exact case). */
int fx_named(const xmlNode *n, const char *name);
/* Element of the feed's own vocabulary: no namespace (any case), RSS, Atom or the root's. */
int fx_core(const struct fx_ctx *x, const xmlNode *n, const char *name);
/* Element of namespace class c with this local name. */
int fx_ext(const xmlNode *n, enum fx_ns c, const char *name);
/* Text of n's descendants, at most FIELD_CAP bytes; malloc'd, never NULL. */
char *fx_text(const xmlNode *n);
/* Attribute by local name / xml:NAME attribute of n itself: malloc'd or NULL. */
char *fx_attr(const xmlNode *n, const char *name);
char *fx_xml_attr(const xmlNode *n, const char *name);
/* ref (trimmed) resolved against base (may be NULL); malloc'd, NULL when ref is. */
char *fx_resolve(const char *base, const char *ref);
/* Effective base URL of n (xml:base chain over the URL, else the feed link); malloc'd. */
char *fx_base(const struct fx_ctx *x, const xmlNode *n);
/* ref resolved against n's base; malloc'd, NULL when ref is. */
char *fx_resolve_at(const struct fx_ctx *x, const xmlNode *n, const char *ref);
/* n's XHTML children as HTML (a wrapping xhtml div unwrapped), depth-limited; malloc'd. */
char *fx_xhtml(const xmlNode *n);
/* Body HTML of an Atom text construct (text escaped, html as is, xhtml serialized), or NULL. */
char *fx_text_html(const xmlNode *n);
/* Plain one-line text of a title (rss: always taken as HTML); malloc'd or NULL. */
char *fx_text_plain(const xmlNode *n, int rss);
/* Plain one-line text of a text-only element (names, languages); malloc'd. */
char *fx_plain(const xmlNode *n);
/* Starts with http:// or https://. */
int fx_is_url(const char *s);

#endif
