/* feed_xml.c - RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 through libxml2.
 *
 * libxml2 runs in recover mode with no network, no DTD loading and no entity
 * substitution; text is gathered by our own bounded walkers, which never expand an
 * entity inside another (no billion laughs), and XHTML is serialized back to HTML with a
 * depth limit. */
#include "feed_impl.h"
#include "newsread/decode.h"
#include "newsread/html.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define FIELD_CAP (16u * 1024 * 1024) /* bytes gathered for one body */

enum nsc { NS_NONE, NS_RSS, NS_ATOM, NS_DC, NS_DCTERMS, NS_CONTENT, NS_MEDIA, NS_ITUNES, NS_XHTML, NS_RDF,
	   NS_OTHER };

static enum nsc ns_class(const xmlNode *n)
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

static int named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

/* The root element's namespace: a feed in an unknown namespace keeps its vocabulary. */
static _Thread_local const xmlChar *root_ns;

/* Element of the feed's own vocabulary: no namespace, the format's own or the root's. */
static int core(const xmlNode *n, const char *name)
{
	enum nsc c = ns_class(n);
	if (c == NS_NONE) /* sloppy feeds write <Title>: names without a namespace match in any case */
		return n->type == XML_ELEMENT_NODE && n->name && !ascii_casecmp((const char *)n->name, name);
	if (!named(n, name))
		return 0;
	return c == NS_RSS || c == NS_ATOM ||
	       (c == NS_OTHER && root_ns && !strcmp((const char *)root_ns, (const char *)n->ns->href));
}

static int ext(const xmlNode *n, enum nsc c, const char *name)
{
	return named(n, name) && ns_class(n) == c;
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

static char *node_text(const xmlNode *n)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_walk(n->children, &b, 0);
	return buf_steal(&b);
}

/* Attribute value by local name (any namespace when ns is NULL), malloc'd or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) == 0) {
			struct buf b;
			buf_init(&b);
			buf_add(&b, "", 0);
			text_walk(a->children, &b, 0);
			return buf_steal(&b);
		}
	}
	return NULL;
}

/* xml:base / xml:lang of one element (not inherited), malloc'd or NULL. */
static char *xml_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->ns && a->ns->href && !strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) &&
		    !strcmp((const char *)a->name, name)) {
			struct buf b;
			buf_init(&b);
			buf_add(&b, "", 0);
			text_walk(a->children, &b, 0);
			return buf_steal(&b);
		}
	return NULL;
}

/* Parse state for one XML feed. */
struct xctx {
	struct feed_ctx *c;
	char *doc_base;   /* base when no xml:base applies: the feed link, else the URL */
	char *feed_author;
	int atom03;
};

static char *resolve(const char *base, const char *ref)
{
	if (!ref)
		return NULL;
	char *t = str_trim(xstrdup(ref));
	if (!base || !*base) {
		return t;
	}
	char *r = url_resolve(base, t);
	free(t);
	return r;
}

/* Effective base of node n: the xml:base attributes on it and its ancestors applied over
 * the URL; the feed link replaces the URL when no xml:base is present. */
static char *node_base(const struct xctx *x, const xmlNode *n)
{
	const xmlNode *chain[FEED_MAX_DEPTH];
	char *vals[FEED_MAX_DEPTH];
	int k = 0;
	for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE && k < FEED_MAX_DEPTH; p = p->parent) {
		char *v = xml_attr(p, "base");
		if (v) {
			chain[k] = p;
			vals[k++] = v;
		}
	}
	(void)chain;
	char *base = xstrdup(k ? x->c->url : x->doc_base);
	for (int i = k - 1; i >= 0; i--) {
		char *nb = resolve(base, vals[i]);
		free(base);
		free(vals[i]);
		base = nb;
	}
	return base;
}

static char *resolve_at(const struct xctx *x, const xmlNode *n, const char *ref)
{
	if (!ref)
		return NULL;
	char *base = node_base(x, n);
	char *r = resolve(base, ref);
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

static void html_escape(struct buf *b, const char *s, int in_attr)
{
	for (; *s; s++) {
		if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '>')
			buf_adds(b, "&gt;");
		else if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '"' && in_attr)
			buf_adds(b, "&quot;");
		else
			buf_addc(b, *s);
	}
}

static int is_void(const char *name)
{
	static const char *const v[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
					"link", "meta", "source", "track", "wbr"};
	for (size_t i = 0; i < ARRAY_LEN(v); i++)
		if (!ascii_casecmp(name, v[i]))
			return 1;
	return 0;
}

static void xhtml_walk(const xmlNode *n, struct buf *b, int depth)
{
	for (const xmlNode *c = n; c && b->len < FIELD_CAP; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				html_escape(b, (const char *)c->content, 0);
		} else if (c->type == XML_ENTITY_REF_NODE) {
			const xmlEntity *e = (const xmlEntity *)c->children;
			if (e && e->content && e->length < 4096)
				html_escape(b, (const char *)e->content, 0);
		} else if (c->type == XML_ELEMENT_NODE && depth < FEED_MAX_DEPTH) {
			const char *name = (const char *)c->name;
			buf_printf(b, "<%s", name);
			for (const xmlAttr *a = c->properties; a; a = a->next) {
				struct buf v;
				buf_init(&v);
				buf_add(&v, "", 0);
				text_walk(a->children, &v, 0);
				buf_printf(b, " %s=\"", (const char *)a->name);
				html_escape(b, v.s, 1);
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
static char *xhtml_html(const xmlNode *n)
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
	if (elems == 1 && !text && named(only, "div") && ns_class(only) == NS_XHTML)
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
	char *type = attr(n, "type"), *mode = attr(n, "mode");
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
static char *text_html(const xmlNode *n)
{
	enum tkind k = text_kind(n);
	if (k == TK_XHTML)
		return xhtml_html(n);
	if (k == TK_SKIP)
		return NULL;
	char *t = node_text(n);
	if (k == TK_HTML)
		return t;
	char *h = feed_text_to_html(t);
	free(t);
	return h;
}

/* Plain text of a text construct (titles). */
static char *text_plain(const xmlNode *n, int rss)
{
	enum tkind k = rss ? TK_HTML : text_kind(n);
	if (k == TK_SKIP)
		return NULL;
	char *t = k == TK_XHTML ? xhtml_html(n) : node_text(n);
	char *p = feed_plain(t, k != TK_TEXT);
	free(t);
	return p;
}

/* ---- shared item pieces ---- */

/* Lead image candidates, best first: media thumbnail, media image, image enclosure, itunes. */
struct images {
	char *v[4];
	char *title;  /* media:title, a fallback title */
	char *desc;   /* media:description as HTML, a fallback body */
};

static void images_set(struct images *im, int rank, char *url)
{
	if (!im->v[rank] && url && *url)
		im->v[rank] = url;
	else
		free(url);
}

static int is_image_type(const char *type)
{
	return type && has_iprefix(type, "image/");
}

static void media_elem(const struct xctx *x, const xmlNode *n, struct images *im, int depth)
{
	if (ext(n, NS_MEDIA, "thumbnail")) {
		char *u = attr(n, "url");
		images_set(im, 0, resolve_at(x, n, u));
		free(u);
	} else if (ext(n, NS_MEDIA, "content")) {
		char *type = attr(n, "type"), *medium = attr(n, "medium"), *u = attr(n, "url");
		if (is_image_type(type) || (medium && !strcmp(medium, "image")))
			images_set(im, 1, resolve_at(x, n, u));
		for (const xmlNode *c = n->children; c && depth < 4; c = c->next)
			media_elem(x, c, im, depth + 1);
		free(type);
		free(medium);
		free(u);
	} else if (ext(n, NS_MEDIA, "group") && depth < 4) {
		for (const xmlNode *c = n->children; c; c = c->next)
			media_elem(x, c, im, depth + 1);
	} else if (ext(n, NS_MEDIA, "title")) {
		feed_take(&im->title, text_plain(n, 0));
	} else if (ext(n, NS_MEDIA, "description")) {
		if (!im->desc)
			im->desc = text_html(n);
	} else if (ext(n, NS_ITUNES, "image")) {
		char *u = attr(n, "href");
		if (!u)
			u = node_text(n);
		images_set(im, 3, resolve_at(x, n, u));
		free(u);
	}
}

static void images_finish(struct images *im, struct article *a)
{
	if (!a->title && im->title)
		a->title = im->title;
	else
		free(im->title);
	if (!a->html && im->desc && *im->desc)
		a->html = im->desc;
	else
		free(im->desc);
	for (int i = 0; i < 4; i++) {
		if (!a->image && im->v[i])
			a->image = im->v[i];
		else
			free(im->v[i]);
	}
}

/* ---- RSS 0.9x/1.0/2.0 items ---- */

/* One-line plain text of an element that holds text (author names, languages). */
static char *plain_of(const xmlNode *n)
{
	char *t = node_text(n);
	char *p = feed_plain(t, 0);
	free(t);
	return p;
}

static int looks_like_url(const char *s)
{
	return has_iprefix(s, "http://") || has_iprefix(s, "https://");
}

/* itunes:category text="A" with nested itunes:category text="B": the path A/B (and A). */
static void itunes_category(struct article *a, const xmlNode *n)
{
	char *top = attr(n, "text");
	if (!top)
		return;
	const char *parts[2] = {top, NULL};
	int nested = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (ext(c, NS_ITUNES, "category")) {
			char *sub = attr(c, "text");
			if (sub) {
				parts[1] = sub;
				article_add_cat(a, parts, 2);
				nested = 1;
				free(sub);
			}
		}
	}
	if (!nested)
		article_add_cat(a, parts, 1);
	free(top);
}

static void rss_item(struct xctx *x, const xmlNode *item)
{
	struct article *a = article_new();
	struct images im = {0};
	char *guid = NULL, *about = NULL, *date = NULL, *dcdate = NULL, *other_date = NULL, *alt = NULL;
	char *desc = NULL, *content = NULL, *alt_title = NULL;
	const xmlNode *desc_n = NULL, *content_n = NULL;
	int guid_perma = 1;
	about = attr(item, "about");
	for (const xmlNode *n = item->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		enum nsc c = ns_class(n);
		if (core(n, "title") && c != NS_ATOM) {
			feed_take(&a->title, text_plain(n, 1));
		} else if (core(n, "link") && c != NS_ATOM) {
			char *t = node_text(n);
			if (!a->link && *str_trim(t))
				a->link = resolve_at(x, n, t);
			free(t);
		} else if (ext(n, NS_ATOM, "link")) {
			char *rel = attr(n, "rel"), *href = attr(n, "href");
			if (!alt && href && (!rel || !strcmp(rel, "alternate")))
				alt = resolve_at(x, n, href);
			free(rel);
			free(href);
		} else if (core(n, "guid") && !guid) {
			char *p = attr(n, "isPermaLink");
			if (p && ascii_casecmp(str_trim(p), "true"))
				guid_perma = 0;
			free(p);
			guid = str_trim(node_text(n));
		} else if (core(n, "description") && !desc) {
			desc = node_text(n);
			desc_n = n;
		} else if (ext(n, NS_CONTENT, "encoded") && !content) {
			content = node_text(n);
			content_n = n;
		} else if (ext(n, NS_XHTML, "body") && !content) {
			content = xhtml_html(n);
			content_n = n;
		} else if ((core(n, "author") && c != NS_ATOM) || ext(n, NS_DC, "creator") || ext(n, NS_DC, "author")) {
			char *t = feed_author_name(plain_of(n));
			if (ext(n, NS_DC, "creator") && t && *t) {
				free(a->author);
				a->author = t;
			} else {
				feed_take(&a->author, t);
			}
		} else if (ext(n, NS_ITUNES, "author")) {
			feed_take(&a->author, feed_author_name(plain_of(n)));
		} else if (ext(n, NS_DC, "title")) {
			feed_take(&alt_title, text_plain(n, 1));
		} else if (ext(n, NS_MEDIA, "category")) {
			char *label = attr(n, "label"), *t = node_text(n);
			feed_add_category(a, label && *str_trim(label) ? label : t, 0);
			free(label);
			free(t);
		} else if (ext(n, NS_ITUNES, "category")) {
			itunes_category(a, n);
		} else if (core(n, "pubDate") && !date) {
			date = node_text(n);
		} else if (ext(n, NS_DC, "date") && !dcdate) {
			dcdate = node_text(n);
		} else if ((ext(n, NS_DCTERMS, "issued") || ext(n, NS_DCTERMS, "created") ||
			    ext(n, NS_DCTERMS, "modified")) && !other_date) {
			other_date = node_text(n);
		} else if (core(n, "tags")) { /* <tags>a, b</tags>, a common extension */
			char *t = node_text(n), *save = NULL;
			for (char *tok = strtok_r(t, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
				feed_add_category(a, tok, 0);
			free(t);
		} else if (core(n, "category") || ext(n, NS_DC, "subject")) {
			char *t = node_text(n);
			feed_add_category(a, t, c != NS_DC);
			free(t);
		} else if (core(n, "enclosure")) {
			char *type = attr(n, "type"), *u = attr(n, "url");
			if (is_image_type(type))
				images_set(&im, 2, resolve_at(x, n, u));
			free(type);
			free(u);
		} else if (ext(n, NS_DC, "language") || core(n, "language")) {
			/* the feed's language decides; an item's own tag is kept */
			char *t = str_trim(node_text(n));
			if (*t && !a->lang) {
				char *dash = strpbrk(t, "-_");
				if (dash)
					*dash = '\0';
				for (char *q = t; *q; q++)
					*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
				a->lang = xstrdup(t);
			}
			free(t);
		} else {
			media_elem(x, n, &im, 0);
		}
	}
	if (!a->title && alt_title) {
		a->title = alt_title;
		alt_title = NULL;
	}
	free(alt_title);
	if (!a->link && alt) {
		a->link = alt;
		alt = NULL;
	}
	if (guid && *guid) {
		if (!a->link && guid_perma && looks_like_url(guid))
			a->link = resolve_at(x, item, guid);
		a->id = guid;
		guid = NULL;
	} else if (about && *str_trim(about)) {
		if (!a->link)
			a->link = resolve_at(x, item, about);
		a->id = xstrdup(about);
	}
	feed_set_date(x->c, a, date);
	feed_set_date(x->c, a, dcdate);
	feed_set_date(x->c, a, other_date);
	const xmlNode *body_n = content && *content ? content_n : desc_n;
	char *body = content && *content ? content : desc;
	if (body && *body) {
		a->html = xstrdup(body);
		a->base = node_base(x, body_n);
	}
	if (!a->author && x->feed_author)
		a->author = xstrdup(x->feed_author);
	images_finish(&im, a);
	free(guid);
	free(about);
	free(date);
	free(dcdate);
	free(other_date);
	free(alt);
	free(desc);
	free(content);
	feed_emit(x->c, a);
}

/* ---- Atom 0.3/1.0 entries ---- */

/* "Name" of an Atom person construct, else its email; malloc'd or NULL. */
static char *atom_person(const xmlNode *n)
{
	char *name = NULL, *email = NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (core(c, "name"))
			feed_take(&name, plain_of(c));
		else if (core(c, "email"))
			feed_take(&email, plain_of(c));
	}
	if (!name) {
		name = email;
		email = NULL;
	}
	if (!name) {  /* bare text author */
		char *t = plain_of(n);
		feed_take(&name, t);
	}
	free(email);
	return name;
}

/* Pick the article link among <link> elements: rel=alternate (or none) first,
 * text/html among those; image enclosures become the lead image. */
static void atom_link(const struct xctx *x, const xmlNode *n, char **best, int *best_rank, struct images *im)
{
	char *rel = attr(n, "rel"), *href = attr(n, "href"), *type = attr(n, "type");
	if (!href) {   /* RSS-style <link>URL</link> in a sloppy feed */
		href = node_text(n);
		if (!*str_trim(href)) {
			free(href);
			href = NULL;
		}
	}
	if (href) {
		if (rel)
			str_trim(rel);
		int rank = 0;
		if (!rel || !*rel || !strcmp(rel, "alternate") || !strcmp(rel, "http://www.iana.org/assignments/relation/alternate"))
			rank = !type || !ascii_casecmp(type, "text/html") ? 3 : 2;
		else if (!strcmp(rel, "related") || !strcmp(rel, "via"))
			rank = 1;
		else if (!strcmp(rel, "enclosure") && is_image_type(type))
			images_set(im, 2, resolve_at(x, n, href));
		if (rank > *best_rank) {
			free(*best);
			*best = resolve_at(x, n, href);
			*best_rank = rank;
		}
	}
	free(rel);
	free(href);
	free(type);
}

static void atom_entry(struct xctx *x, const xmlNode *entry)
{
	struct article *a = article_new();
	struct images im = {0};
	char *pub = NULL, *upd = NULL, *created = NULL, *link = NULL;
	char *content = NULL, *summary = NULL;
	const xmlNode *content_n = NULL, *summary_n = NULL;
	int link_rank = 0;
	for (const xmlNode *n = entry->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (core(n, "title"))
			feed_take(&a->title, text_plain(n, 0));
		else if (core(n, "link"))
			atom_link(x, n, &link, &link_rank, &im);
		else if (core(n, "id") && !a->id)
			feed_take(&a->id, str_trim(node_text(n)));
		else if (core(n, "content") && !content) {
			content = text_html(n);
			content_n = n;
			if (!content) {   /* out-of-line content: src= */
				char *src = attr(n, "src");
				feed_take(&link, resolve_at(x, n, src));
				free(src);
			}
		} else if (core(n, "summary") && !summary) {
			summary = text_html(n);
			summary_n = n;
		} else if (core(n, "author") || ext(n, NS_DC, "creator")) {
			feed_take(&a->author, named(n, "creator") ? plain_of(n) : atom_person(n));
		} else if (core(n, "published") || core(n, "issued")) { /* the last one wins */
			free(pub);
			pub = node_text(n);
		} else if (core(n, "updated") || core(n, "modified")) {
			free(upd);
			upd = node_text(n);
		} else if (core(n, "created") || ext(n, NS_DC, "date")) {
			free(created);
			created = node_text(n);
		}
		else if (core(n, "category")) {
			char *label = attr(n, "label"), *term = attr(n, "term");
			if (!term && !label)
				term = node_text(n);
			feed_add_category(a, label && *str_trim(label) ? label : term, 0);
			free(label);
			free(term);
		} else if (ext(n, NS_DC, "subject")) {
			char *t = node_text(n);
			feed_add_category(a, t, 0);
			free(t);
		} else
			media_elem(x, n, &im, 0);
	}
	a->link = link;
	feed_set_date(x->c, a, pub);
	feed_set_date(x->c, a, upd);
	feed_set_date(x->c, a, created);
	const xmlNode *body_n = content && *content ? content_n : summary_n;
	char *body = content && *content ? content : summary;
	if (body && *body) {
		a->html = xstrdup(body);
		a->base = node_base(x, body_n);
	}
	if (!a->author && x->feed_author)
		a->author = xstrdup(x->feed_author);
	char *lang = NULL;
	for (const xmlNode *p = entry; p && p->type == XML_ELEMENT_NODE && !lang; p = p->parent)
		lang = xml_attr(p, "lang");
	if (lang && *str_trim(lang)) {
		char *dash = strpbrk(lang, "-_");
		if (dash)
			*dash = '\0';
		for (char *q = lang; *q; q++)
			*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
		if (!x->c->zh || !strcmp(lang, "zh"))
			a->lang = xstrdup(lang);
	}
	free(lang);
	images_finish(&im, a);
	free(pub);
	free(upd);
	free(created);
	free(content);
	free(summary);
	feed_emit(x->c, a);
}

/* ---- the document ---- */

struct xerr {
	int line;
	char msg[200];
	int count;
};

static void xerr_handler(void *ctx, xmlErrorPtr e)
{
	struct xerr *xe = ctx;
	if (!e || e->level < XML_ERR_ERROR)
		return;
	if (!xe->count++) {
		xe->line = e->line;
		struct buf b;
		buf_init(&b);
		buf_add(&b, "", 0);
		const char *m = e->message ? e->message : "error";
		text_sanitize(&b, m, strlen(m), 1);
		snprintf(xe->msg, sizeof xe->msg, "%s", str_trim(b.s));
		buf_free(&b);
	}
}

/* Channel-level fields (RSS channel or Atom feed element). */
static void feed_level(struct xctx *x, const xmlNode *ch, int atom, char **lang)
{
	struct feed_info *fi = x->c->info;
	int link_rank = 0;
	struct images im = {0};
	char *alt_title = NULL;
	char *ltag = xml_attr(ch, "lang");
	if (ltag)
		feed_take(lang, ltag);
	for (const xmlNode *n = ch->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (core(n, "title") && (atom || ns_class(n) != NS_ATOM)) {
			feed_take(&fi->title, text_plain(n, !atom));
		} else if (core(n, "link")) {
			if (atom || ns_class(n) == NS_ATOM) {
				if (atom)
					atom_link(x, n, &fi->link, &link_rank, &im);
			} else if (!fi->link) {
				char *t = node_text(n);
				if (*str_trim(t))
					fi->link = resolve_at(x, n, t);
				free(t);
			}
		} else if (ext(n, NS_DC, "title") || ext(n, NS_ITUNES, "title")) {
			feed_take(&alt_title, text_plain(n, 1));
		} else if (core(n, "language") || ext(n, NS_DC, "language")) {
			feed_take(lang, str_trim(node_text(n)));
		} else if (atom && core(n, "author")) {
			feed_take(&x->feed_author, atom_person(n));
		} else if (!atom && ((core(n, "author") && ns_class(n) != NS_ATOM) || core(n, "managingEditor") || ext(n, NS_DC, "creator") ||
				     ext(n, NS_DC, "author") || ext(n, NS_ITUNES, "author"))) {
			feed_take(&fi->author, feed_author_name(plain_of(n)));
		}
	}
	for (int i = 0; i < 4; i++)
		free(im.v[i]);
	free(im.title);
	free(im.desc);
	feed_take(&fi->title, alt_title);
	if (x->feed_author)
		feed_take(&fi->author, xstrdup(x->feed_author));
	/* the feed link is the base for relative item links when no xml:base applies */
	if (fi->link && looks_like_url(fi->link)) {
		free(x->doc_base);
		x->doc_base = xstrdup(fi->link);
	}
}

static int walk_items(struct xctx *x, const xmlNode *parent, int atom)
{
	int found = 0;
	for (const xmlNode *n = parent->children; n && x->c->nitems < FEED_MAX_ITEMS; n = n->next) {
		if (atom && core(n, "entry")) {
			atom_entry(x, n);
			found++;
		} else if (!atom && core(n, "item")) {
			rss_item(x, n);
			found++;
		}
	}
	return found;
}

int feed_parse_xml(struct feed_ctx *c, const char *s, size_t len, struct nr_error *err)
{
	size_t flen;
	char *fixed = decode_fix_entities(s, len, &flen);
	if (flen > INT_MAX) {
		free(fixed);
		return nr_fail(err, "%s: feed too large", c->name);
	}
	struct xerr xe = {0};
	xmlSetStructuredErrorFunc(&xe, xerr_handler);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		free(fixed);
		return nr_fail(err, "%s: out of memory", c->name);
	}
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, fixed, (int)flen, c->url, "UTF-8",
					  XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
						  XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(fixed); /* the tree holds its own copies */
	fixed = NULL;
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	int atom = root && named(root, "feed");
	int rss = root && (named(root, "rss") || named(root, "RDF") || named(root, "channel"));
	if (!atom && !rss) {
		if (doc)
			xmlFreeDoc(doc);
		free(fixed);
		if (xe.count)
			return nr_fail(err, "%s: not a well-formed feed (line %d: %s)", c->name, xe.line, xe.msg);
		return nr_fail(err, "%s: not a feed (root element %s)", c->name,
			       root ? (const char *)root->name : "missing");
	}
	root_ns = root->ns ? root->ns->href : NULL;
	c->info->kind = atom ? FEED_ATOM : named(root, "RDF") ? FEED_RDF : FEED_RSS;
	struct xctx x = {.c = c, .doc_base = xstrdup(c->url)};
	char *lang = xml_attr(root, "lang");
	const xmlNode *channel = NULL;
	if (atom) {
		channel = root;
	} else if (named(root, "channel")) {
		channel = root;
	} else {
		for (const xmlNode *n = root->children; n && !channel; n = n->next)
			if (core(n, "channel"))
				channel = n;
	}
	if (channel)
		feed_level(&x, channel, atom, &lang);
	feed_ctx_set_lang(c, lang, s, len);
	free(lang);
	int found = 0;
	if (channel)
		found += walk_items(&x, channel, atom);
	if (!atom && channel != root)
		found += walk_items(&x, root, 0);
	free(x.doc_base);
	free(x.feed_author);
	root_ns = NULL;
	xmlFreeDoc(doc);
	free(fixed);
	if (!found && !channel && xe.count)
		return nr_fail(err, "%s: not a well-formed feed (line %d: %s)", c->name, xe.line, xe.msg);
	return 0;
}
