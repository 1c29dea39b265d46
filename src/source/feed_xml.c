/* feed_xml.c - RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 through libxml2.
 *
 * libxml2 runs in recover mode with no network, no DTD loading and no entity
 * substitution; text is gathered by our own bounded walkers, which never expand an
 * entity inside another (no billion laughs), and XHTML is serialized back to HTML with a
 * depth limit. */
#include "source/feed_xml_impl.h"
#include "newsread/decode.h"
#include "newsread/html.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>


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

static void media_elem(const struct fx_ctx *x, const xmlNode *n, struct images *im, int depth)
{
	if (fx_ext(n, NS_MEDIA, "thumbnail")) {
		char *u = fx_attr(n, "url");
		images_set(im, 0, fx_resolve_at(x, n, u));
		free(u);
	} else if (fx_ext(n, NS_MEDIA, "content")) {
		char *type = fx_attr(n, "type"), *medium = fx_attr(n, "medium"), *u = fx_attr(n, "url");
		if (is_image_type(type) || (medium && !strcmp(medium, "image")))
			images_set(im, 1, fx_resolve_at(x, n, u));
		for (const xmlNode *c = n->children; c && depth < 4; c = c->next)
			media_elem(x, c, im, depth + 1);
		free(type);
		free(medium);
		free(u);
	} else if (fx_ext(n, NS_MEDIA, "group") && depth < 4) {
		for (const xmlNode *c = n->children; c; c = c->next)
			media_elem(x, c, im, depth + 1);
	} else if (fx_ext(n, NS_MEDIA, "title")) {
		feed_take(&im->title, fx_text_plain(n, 0));
	} else if (fx_ext(n, NS_MEDIA, "description")) {
		if (!im->desc)
			im->desc = fx_text_html(n);
	} else if (fx_ext(n, NS_ITUNES, "image")) {
		char *u = fx_attr(n, "href");
		if (!u)
			u = fx_text(n);
		images_set(im, 3, fx_resolve_at(x, n, u));
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

static void itunes_category(struct article *a, const xmlNode *n)
{
	char *top = fx_attr(n, "text");
	if (!top)
		return;
	const char *parts[2] = {top, NULL};
	int nested = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (fx_ext(c, NS_ITUNES, "category")) {
			char *sub = fx_attr(c, "text");
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

static void rss_item(struct fx_ctx *x, const xmlNode *item)
{
	struct article *a = article_new();
	struct images im = {0};
	char *guid = NULL, *about = NULL, *date = NULL, *dcdate = NULL, *other_date = NULL, *alt = NULL;
	char *desc = NULL, *content = NULL, *alt_title = NULL;
	const xmlNode *desc_n = NULL, *content_n = NULL;
	int guid_perma = 1;
	about = fx_attr(item, "about");
	for (const xmlNode *n = item->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		enum fx_ns c = fx_ns_class(n);
		if (fx_core(x, n, "title") && c != NS_ATOM) {
			feed_take(&a->title, fx_text_plain(n, 1));
		} else if (fx_core(x, n, "link") && c != NS_ATOM) {
			char *t = fx_text(n);
			if (!a->link && *str_trim(t))
				a->link = fx_resolve_at(x, n, t);
			free(t);
		} else if (fx_ext(n, NS_ATOM, "link")) {
			char *rel = fx_attr(n, "rel"), *href = fx_attr(n, "href");
			if (!alt && href && (!rel || !strcmp(rel, "alternate")))
				alt = fx_resolve_at(x, n, href);
			free(rel);
			free(href);
		} else if (fx_core(x, n, "guid") && !guid) {
			char *p = fx_attr(n, "isPermaLink");
			if (p && ascii_casecmp(str_trim(p), "true"))
				guid_perma = 0;
			free(p);
			guid = str_trim(fx_text(n));
		} else if (fx_core(x, n, "description") && !desc) {
			desc = fx_text(n);
			desc_n = n;
		} else if (fx_ext(n, NS_CONTENT, "encoded") && !content) {
			content = fx_text(n);
			content_n = n;
		} else if (fx_ext(n, NS_XHTML, "body") && !content) {
			content = fx_xhtml(n);
			content_n = n;
		} else if ((fx_core(x, n, "author") && c != NS_ATOM) || fx_ext(n, NS_DC, "creator") || fx_ext(n, NS_DC, "author")) {
			char *t = feed_author_name(fx_plain(n));
			if (fx_ext(n, NS_DC, "creator") && t && *t) {
				free(a->author);
				a->author = t;
			} else {
				feed_take(&a->author, t);
			}
		} else if (fx_ext(n, NS_ITUNES, "author")) {
			feed_take(&a->author, feed_author_name(fx_plain(n)));
		} else if (fx_ext(n, NS_DC, "title")) {
			feed_take(&alt_title, fx_text_plain(n, 1));
		} else if (fx_ext(n, NS_MEDIA, "category")) {
			char *label = fx_attr(n, "label"), *t = fx_text(n);
			feed_add_category(a, label && *str_trim(label) ? label : t, 0);
			free(label);
			free(t);
		} else if (fx_ext(n, NS_ITUNES, "category")) {
			itunes_category(a, n);
		} else if (fx_core(x, n, "pubDate") && !date) {
			date = fx_text(n);
		} else if (fx_ext(n, NS_DC, "date") && !dcdate) {
			dcdate = fx_text(n);
		} else if ((fx_ext(n, NS_DCTERMS, "issued") || fx_ext(n, NS_DCTERMS, "created") ||
			    fx_ext(n, NS_DCTERMS, "modified")) && !other_date) {
			other_date = fx_text(n);
		} else if (fx_core(x, n, "tags")) { /* <tags>a, b</tags>, a common extension */
			char *t = fx_text(n), *save = NULL;
			for (char *tok = strtok_r(t, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
				feed_add_category(a, tok, 0);
			free(t);
		} else if (fx_core(x, n, "category") || fx_ext(n, NS_DC, "subject")) {
			char *t = fx_text(n);
			feed_add_category(a, t, c != NS_DC);
			free(t);
		} else if (fx_core(x, n, "enclosure")) {
			char *type = fx_attr(n, "type"), *u = fx_attr(n, "url");
			if (is_image_type(type))
				images_set(&im, 2, fx_resolve_at(x, n, u));
			free(type);
			free(u);
		} else if (fx_ext(n, NS_DC, "language") || fx_core(x, n, "language")) {
			/* the feed's language decides; an item's own tag is kept */
			char *t = str_trim(fx_text(n));
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
		if (!a->link && guid_perma && fx_is_url(guid))
			a->link = fx_resolve_at(x, item, guid);
		a->id = guid;
		guid = NULL;
	} else if (about && *str_trim(about)) {
		if (!a->link)
			a->link = fx_resolve_at(x, item, about);
		a->id = xstrdup(about);
	}
	feed_set_date(x->c, a, date);
	feed_set_date(x->c, a, dcdate);
	feed_set_date(x->c, a, other_date);
	const xmlNode *body_n = content && *content ? content_n : desc_n;
	char *body = content && *content ? content : desc;
	if (body && *body) {
		a->html = xstrdup(body);
		a->base = fx_base(x, body_n);
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
static char *atom_person(const struct fx_ctx *x, const xmlNode *n)
{
	char *name = NULL, *email = NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (fx_core(x, c, "name"))
			feed_take(&name, fx_plain(c));
		else if (fx_core(x, c, "email"))
			feed_take(&email, fx_plain(c));
	}
	if (!name) {
		name = email;
		email = NULL;
	}
	if (!name) {  /* bare text author */
		char *t = fx_plain(n);
		feed_take(&name, t);
	}
	free(email);
	return name;
}

/* Pick the article link among <link> elements: rel=alternate (or none) first,
 * text/html among those; image enclosures become the lead image. */
static void atom_link(const struct fx_ctx *x, const xmlNode *n, char **best, int *best_rank, struct images *im)
{
	char *rel = fx_attr(n, "rel"), *href = fx_attr(n, "href"), *type = fx_attr(n, "type");
	if (!href) {   /* RSS-style <link>URL</link> in a sloppy feed */
		href = fx_text(n);
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
			images_set(im, 2, fx_resolve_at(x, n, href));
		if (rank > *best_rank) {
			free(*best);
			*best = fx_resolve_at(x, n, href);
			*best_rank = rank;
		}
	}
	free(rel);
	free(href);
	free(type);
}

static void atom_entry(struct fx_ctx *x, const xmlNode *entry)
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
		if (fx_core(x, n, "title"))
			feed_take(&a->title, fx_text_plain(n, 0));
		else if (fx_core(x, n, "link"))
			atom_link(x, n, &link, &link_rank, &im);
		else if (fx_core(x, n, "id") && !a->id)
			feed_take(&a->id, str_trim(fx_text(n)));
		else if (fx_core(x, n, "content") && !content) {
			content = fx_text_html(n);
			content_n = n;
			if (!content) {   /* out-of-line content: src= */
				char *src = fx_attr(n, "src");
				feed_take(&link, fx_resolve_at(x, n, src));
				free(src);
			}
		} else if (fx_core(x, n, "summary") && !summary) {
			summary = fx_text_html(n);
			summary_n = n;
		} else if (fx_core(x, n, "author") || fx_ext(n, NS_DC, "creator")) {
			feed_take(&a->author, fx_named(n, "creator") ? fx_plain(n) : atom_person(x, n));
		} else if (fx_core(x, n, "published") || fx_core(x, n, "issued")) { /* the last one wins */
			free(pub);
			pub = fx_text(n);
		} else if (fx_core(x, n, "updated") || fx_core(x, n, "modified")) {
			free(upd);
			upd = fx_text(n);
		} else if (fx_core(x, n, "created") || fx_ext(n, NS_DC, "date")) {
			free(created);
			created = fx_text(n);
		}
		else if (fx_core(x, n, "category")) {
			char *label = fx_attr(n, "label"), *term = fx_attr(n, "term");
			if (!term && !label)
				term = fx_text(n);
			feed_add_category(a, label && *str_trim(label) ? label : term, 0);
			free(label);
			free(term);
		} else if (fx_ext(n, NS_DC, "subject")) {
			char *t = fx_text(n);
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
		a->base = fx_base(x, body_n);
	}
	if (!a->author && x->feed_author)
		a->author = xstrdup(x->feed_author);
	char *lang = NULL;
	for (const xmlNode *p = entry; p && p->type == XML_ELEMENT_NODE && !lang; p = p->parent)
		lang = fx_xml_attr(p, "lang");
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
static void feed_level(struct fx_ctx *x, const xmlNode *ch, int atom, char **lang)
{
	struct feed_info *fi = x->c->info;
	int link_rank = 0;
	struct images im = {0};
	char *alt_title = NULL;
	char *ltag = fx_xml_attr(ch, "lang");
	if (ltag)
		feed_take(lang, ltag);
	for (const xmlNode *n = ch->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (fx_core(x, n, "title") && (atom || fx_ns_class(n) != NS_ATOM)) {
			feed_take(&fi->title, fx_text_plain(n, !atom));
		} else if (fx_core(x, n, "link")) {
			if (atom || fx_ns_class(n) == NS_ATOM) {
				if (atom)
					atom_link(x, n, &fi->link, &link_rank, &im);
			} else if (!fi->link) {
				char *t = fx_text(n);
				if (*str_trim(t))
					fi->link = fx_resolve_at(x, n, t);
				free(t);
			}
		} else if (fx_ext(n, NS_DC, "title") || fx_ext(n, NS_ITUNES, "title")) {
			feed_take(&alt_title, fx_text_plain(n, 1));
		} else if (fx_core(x, n, "language") || fx_ext(n, NS_DC, "language")) {
			feed_take(lang, str_trim(fx_text(n)));
		} else if (atom && fx_core(x, n, "author")) {
			feed_take(&x->feed_author, atom_person(x, n));
		} else if (!atom && ((fx_core(x, n, "author") && fx_ns_class(n) != NS_ATOM) || fx_core(x, n, "managingEditor") || fx_ext(n, NS_DC, "creator") ||
				     fx_ext(n, NS_DC, "author") || fx_ext(n, NS_ITUNES, "author"))) {
			feed_take(&fi->author, feed_author_name(fx_plain(n)));
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
	if (fi->link && fx_is_url(fi->link)) {
		free(x->doc_base);
		x->doc_base = xstrdup(fi->link);
	}
}

static int walk_items(struct fx_ctx *x, const xmlNode *parent, int atom)
{
	int found = 0;
	for (const xmlNode *n = parent->children; n && x->c->nitems < FEED_MAX_ITEMS; n = n->next) {
		if (atom && fx_core(x, n, "entry")) {
			atom_entry(x, n);
			found++;
		} else if (!atom && fx_core(x, n, "item")) {
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
	int atom = root && fx_named(root, "feed");
	int rss = root && (fx_named(root, "rss") || fx_named(root, "RDF") || fx_named(root, "channel"));
	if (!atom && !rss) {
		if (doc)
			xmlFreeDoc(doc);
		free(fixed);
		if (xe.count)
			return nr_fail(err, "%s: not a well-formed feed (line %d: %s)", c->name, xe.line, xe.msg);
		return nr_fail(err, "%s: not a feed (root element %s)", c->name,
			       root ? (const char *)root->name : "missing");
	}
	c->info->kind = atom ? FEED_ATOM : fx_named(root, "RDF") ? FEED_RDF : FEED_RSS;
	struct fx_ctx x = {.c = c, .doc_base = xstrdup(c->url), .root_ns = root->ns ? root->ns->href : NULL};
	char *lang = fx_xml_attr(root, "lang");
	const xmlNode *channel = NULL;
	if (atom) {
		channel = root;
	} else if (fx_named(root, "channel")) {
		channel = root;
	} else {
		for (const xmlNode *n = root->children; n && !channel; n = n->next)
			if (fx_core(&x, n, "channel"))
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
	xmlFreeDoc(doc);
	free(fixed);
	if (!found && !channel && xe.count)
		return nr_fail(err, "%s: not a well-formed feed (line %d: %s)", c->name, xe.line, xe.msg);
	return 0;
}
