/* feed_xmlnode.c - libxml2 node helpers for the XML feed formats: namespaces, bounded
 * text gathering (entities never expanded inside entities), xml:base resolution, XHTML
 * serialized back to HTML, and Atom text constructs. */
#include "source/feed_xml_impl.h"
#include "newsread/element.h"
#include "newsread/html.h"

#include <stdlib.h>
#include <string.h>

enum fx_ns fx_ns_class(const xmlNode *n)
{
	if (!n->ns || !n->ns->href)
		return NS_NONE;
	const char *h = (const char *)n->ns->href;
	if (!strcmp(h, "http://purl.org/rss/1.0/") || !strcmp(h, "http://my.netscape.com/rdf/simple/0.9/") ||
	    !strcmp(h, "http://backend.userland.com/rss2") || !strcmp(h, "http://blogs.law.harvard.edu/tech/rss") ||
	    !strcmp(h, "http://backend.userland.com/rss"))
		return NS_RSS;
	if (!strcmp(h, "http://www.w3.org/2005/Atom") || has_prefix(h, "http://purl.org/atom/ns"))
		return NS_ATOM;
	if (has_prefix(h, "http://purl.org/dc/elements/"))
		return NS_DC;
	if (has_prefix(h, "http://purl.org/dc/terms/"))
		return NS_DCTERMS;
	if (!strcmp(h, "http://purl.org/rss/1.0/modules/content/"))
		return NS_CONTENT;
	if (has_prefix(h, "http://search.yahoo.com/mrss"))
		return NS_MEDIA;
	if (!ascii_casecmp(h, "http://www.itunes.com/dtds/podcast-1.0.dtd"))
		return NS_ITUNES;
	if (!strcmp(h, "http://www.w3.org/1999/xhtml"))
		return NS_XHTML;
	if (!strcmp(h, "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
		return NS_RDF;
	return NS_OTHER;
}

int fx_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

/* Element of the feed's own vocabulary: no namespace, the format's own or the root's. */
int fx_core(const struct fx_ctx *x, const xmlNode *n, const char *name)
{
	enum fx_ns c = fx_ns_class(n);
	if (c == NS_NONE) /* sloppy feeds write <Title>: names without a namespace match in any case */
		return n->type == XML_ELEMENT_NODE && n->name && !ascii_casecmp((const char *)n->name, name);
	if (!fx_named(n, name))
		return 0;
	return c == NS_RSS || c == NS_ATOM ||
	       (c == NS_OTHER && x->root_ns && !strcmp((const char *)x->root_ns, (const char *)n->ns->href));
}

int fx_ext(const xmlNode *n, enum fx_ns c, const char *name)
{
	return fx_named(n, name) && fx_ns_class(n) == c;
}

/* Text of n's descendants, entity references taken as their literal replacement text
 * (never expanded further), at most FIELD_CAP bytes. */
static void text_walk(const xmlNode *n, struct buf *b, int depth)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (b->len >= FIELD_CAP)
			return;
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content)
				buf_adds(b, (const char *)c->content);
			break;
		case XML_ENTITY_REF_NODE: {
			const xmlEntity *e = (const xmlEntity *)c->children;
			if (e && e->content && e->length < 4096)
				buf_adds(b, (const char *)e->content);
			break;
		}
		case XML_ELEMENT_NODE:
			if (depth < FEED_MAX_DEPTH)
				text_walk(c->children, b, depth + 1);
			break;
		default:
			break;
		}
	}
}

/* The text of a run of sibling nodes (an element's children, an attribute's value), malloc'd. */
static char *nodes_text(const xmlNode *first)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_walk(first, &b, 0);
	return buf_steal(&b);
}

char *fx_text(const xmlNode *n)
{
	return nodes_text(n->children);
}

/* Attribute value by local name (any namespace when ns is NULL), malloc'd or NULL. */
char *fx_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) == 0)
			return nodes_text(a->children);
	}
	return NULL;
}

/* xml:base / xml:lang of one element (not inherited), malloc'd or NULL. */
char *fx_xml_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->ns && a->ns->href && !strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) &&
		    !strcmp((const char *)a->name, name))
			return nodes_text(a->children);
	return NULL;
}


char *fx_resolve(const char *base, const char *ref)
{
	if (!ref)
		return NULL;
	char *t = str_trim(xstrdup(ref));
	/* without a base too: url_resolve cleans out the newlines and controls inside */
	char *r = url_resolve(base && *base ? base : NULL, t);
	free(t);
	return r;
}

/* Effective base of node n: the xml:base attributes on it and its ancestors applied over
 * the URL; the feed link replaces the URL when no xml:base is present. */
char *fx_base(const struct fx_ctx *x, const xmlNode *n)
{
	const xmlNode *chain[FEED_MAX_DEPTH];
	char *vals[FEED_MAX_DEPTH];
	int k = 0;
	for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE && k < FEED_MAX_DEPTH; p = p->parent) {
		char *v = fx_xml_attr(p, "base");
		if (v) {
			chain[k] = p;
			vals[k++] = v;
		}
	}
	(void)chain;
	char *base = xstrdup(k ? x->c->url : x->doc_base);
	for (int i = k - 1; i >= 0; i--) {
		char *nb = fx_resolve(base, vals[i]);
		free(base);
		free(vals[i]);
		base = nb;
	}
	return base;
}

char *fx_resolve_at(const struct fx_ctx *x, const xmlNode *n, const char *ref)
{
	if (!ref)
		return NULL;
	char *base = fx_base(x, n);
	char *r = fx_resolve(base, ref);
	free(base);
	return r;
}

/* ---- XHTML serialized back to HTML ---- */

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static int is_void(const char *name)
{
	return (html_element_kind(name) & HK_VOID) != 0;
}

static void xhtml_walk(const xmlNode *n, struct buf *b, int depth)
{
	for (const xmlNode *c = n; c && b->len < FIELD_CAP; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				html_escape(b, (const char *)c->content, strlen((const char *)c->content), 0);
		} else if (c->type == XML_ENTITY_REF_NODE) {
			const xmlEntity *e = (const xmlEntity *)c->children;
			if (e && e->content && e->length < 4096)
				html_escape(b, (const char *)e->content, strlen((const char *)e->content), 0);
		} else if (c->type == XML_ELEMENT_NODE && depth < FEED_MAX_DEPTH) {
			const char *name = (const char *)c->name;
			buf_printf(b, "<%s", name);
			for (const xmlAttr *a = c->properties; a; a = a->next) {
				struct buf v;
				buf_init(&v);
				buf_add(&v, "", 0);
				text_walk(a->children, &v, 0);
				buf_printf(b, " %s=\"", (const char *)a->name);
				html_escape(b, v.s, v.len, 1);
				buf_addc(b, '"');
				buf_free(&v);
			}
			buf_addc(b, '>');
			if (!is_void(name) || c->children) {
				xhtml_walk(c->children, b, depth + 1);
				if (!is_void(name))
					buf_printf(b, "</%s>", name);
			}
		}
	}
}

/* Inline XHTML content: the children of the wrapping div (Atom 1.0), or all children. */
char *fx_xhtml(const xmlNode *n)
{
	const xmlNode *only = NULL;
	int elems = 0, text = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			elems++;
			only = c;
		} else if (c->type == XML_TEXT_NODE && c->content && !blank((const char *)c->content)) {
			text = 1;
		}
	}
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	if (elems == 1 && !text && fx_named(only, "div") && fx_ns_class(only) == NS_XHTML)
		xhtml_walk(only->children, &b, 0);
	else
		xhtml_walk(n->children, &b, 0);
	return buf_steal(&b);
}

/* ---- Atom text constructs ---- */

enum tkind { TK_TEXT, TK_HTML, TK_XHTML, TK_SKIP };

/* Kind of an Atom 1.0 (type) or 0.3 (type + mode) text construct. */
static enum tkind text_kind(const xmlNode *n)
{
	char *type = fx_attr(n, "type"), *mode = fx_attr(n, "mode");
	enum tkind k = TK_TEXT;
	if (type) {
		str_trim(type);
		if (!ascii_casecmp(type, "html") || !ascii_casecmp(type, "text/html"))
			k = TK_HTML;
		else if (!ascii_casecmp(type, "xhtml") || !ascii_casecmp(type, "application/xhtml+xml"))
			k = TK_XHTML;
		else if (!ascii_casecmp(type, "text") || !ascii_casecmp(type, "plain") || has_iprefix(type, "text/") || !*type)
			k = TK_TEXT;
		else
			k = TK_SKIP;
	}
	if (mode) {
		str_trim(mode);
		if (!ascii_casecmp(mode, "escaped") && k == TK_XHTML)
			k = TK_HTML;
		else if (!ascii_casecmp(mode, "base64"))
			k = TK_SKIP;
	}
	free(type);
	free(mode);
	return k;
}

/* Body HTML of a text construct, or NULL. */
char *fx_text_html(const xmlNode *n)
{
	enum tkind k = text_kind(n);
	if (k == TK_XHTML)
		return fx_xhtml(n);
	if (k == TK_SKIP)
		return NULL;
	char *t = fx_text(n);
	if (k == TK_HTML)
		return t;
	char *h = feed_text_to_html(t);
	free(t);
	return h;
}

/* Plain text of a text construct (titles). */
char *fx_text_plain(const xmlNode *n, int rss)
{
	enum tkind k = rss ? TK_HTML : text_kind(n);
	if (k == TK_SKIP)
		return NULL;
	char *t = k == TK_XHTML ? fx_xhtml(n) : fx_text(n);
	char *p = feed_plain(t, k != TK_TEXT);
	free(t);
	return p;
}

/* One-line plain text of an element that holds text (author names, languages). */
char *fx_plain(const xmlNode *n)
{
	char *t = fx_text(n);
	char *p = feed_plain(t, 0);
	free(t);
	return p;
}

int fx_is_url(const char *s)
{
	return has_iprefix(s, "http://") || has_iprefix(s, "https://");
}

/* itunes:category text="A" with nested itunes:category text="B": the path A/B (and A). */
