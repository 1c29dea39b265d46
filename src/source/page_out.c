/* page_out.c - reader mode: the kept content as clean HTML (p, headings, lists, tables,
 * img, a, pre, blockquote and inline emphasis; other containers are unwrapped, and loose
 * text inside them becomes paragraphs). Iterative, so depth cannot overflow the stack. */
#define PAGE_INTERNAL
#include "newsread/page.h"

#include "newsread/html.h"

#include <libxml/HTMLtree.h>

#include <stdlib.h>
#include <string.h>

enum kind { K_DROP, K_UNWRAP, K_BLOCK, K_TEXTBLOCK, K_INLINE, K_VOID };

/* What reader mode writes of an element (its HK_OUT_* in the element table). */
static enum kind kind_lookup(const xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && n->_private && ((struct page_info *)n->_private)->layout)
		return K_UNWRAP;
	unsigned k = html_element_flags(page_tag(n));
	return k & HK_OUT_TEXT     ? K_TEXTBLOCK
	       : k & HK_OUT_BLOCK  ? K_BLOCK
	       : k & HK_OUT_INLINE ? K_INLINE
	       : k & HK_OUT_VOID   ? K_VOID
	       : k & HK_OUT_DROP   ? K_DROP
				   : K_UNWRAP; /* div, section, span, font, center, article...: their content without them */
}

/* The kind, looked up once per element (each is asked on entering and leaving, in the
 * dry run and again in the real one); the cleaning that marks layout tables is done by then. */
static enum kind kind_of(const xmlNode *n)
{
	struct page_info *i = n->type == XML_ELEMENT_NODE ? n->_private : NULL;
	if (i && i->kind)
		return (enum kind)(i->kind - 1);
	enum kind k = kind_lookup(n);
	if (i)
		i->kind = (unsigned char)(k + 1);
	return k;
}

static int is_block_unwrap(const xmlNode *n)
{
	return kind_of(n) == K_UNWRAP && page_is_block(n);
}

static void esc(struct buf *b, const char *s, int attr)
{
	html_escape(b, s, strlen(s), attr);
}

#define TREE_MAX_DEPTH 1000 /* deeper: libxml2 (max 2048 with XML_PARSE_HUGE) could differ */

/* The cleaned content goes either to a string (page_serialize) or into a flat body
 * (page_flatten) equal to what parsing that string would give: the emitters below are
 * the one place that knows the difference. */
struct out {
	struct buf b;  /* string mode */
	struct html_flat *flat; /* flat mode, else NULL */
	const char *names[TREE_MAX_DEPTH + 1]; /* open elements below body (flat mode) */
	int depth;     /* how many (flat mode) */
	int unsafe;    /* the parser would have restructured the string: use the string */
	char last;     /* last byte of the serialized form, 0 when nothing yet; '>' after a
			  tag, INLINE_TAG after an inline element's tag */
	int autop;     /* a <p> we opened for loose text is open */
	int textdepth; /* inside kept elements that take text */
	int pre;       /* inside <pre> */
	int pending_br;/* a <br> seen in loose text */
};

/* o->last after the tag of an inline element (a, b, img...): blank text after it is a
 * space between words, as in <b>very</b> <i>close</i>, not a gap between blocks. */
#define INLINE_TAG 'i'

/* Text (unescaped) into the output. */
static void emit_text(struct out *o, const char *s, size_t n)
{
	if (!n)
		return;
	if (o->flat) {
		if (o->pre && memchr(s, '\r', n))
			o->unsafe = 1; /* the parser would normalise the line ends */
		html_flat_text(o->flat, s, n);
	} else {
		html_escape(&o->b, s, n, 0);
	}
	char c = s[n - 1];
	o->last = c == '&' || c == '<' || c == '>' ? ';' : c;
}

/* 1 when libxml2's parser takes a start tag new_name as the end of an open old_name. */
static int closes(const char *old_name, const char *new_name)
{
	if (strcmp(old_name, new_name) == 0)
		return 1; /* p in p, a in a, li in li...: treated as closing, whatever the element */
	xmlNode probe;
	memset(&probe, 0, sizeof probe);
	probe.type = XML_ELEMENT_NODE;
	probe.name = (const xmlChar *)new_name;
	return htmlAutoCloseTag(NULL, (const xmlChar *)old_name, &probe);
}

/* A new element (pairs of attribute name and value, empty values left out), entered
 * unless it is void. */
static void emit_open(struct out *o, const char *name, const char *const *attrs, size_t nattrs, int is_void)
{
	o->last = '>';
	if (!o->flat) {
		buf_addc(&o->b, '<');
		buf_adds(&o->b, name);
		for (size_t i = 0; i + 1 < nattrs; i += 2) {
			const char *v = attrs[i + 1];
			if (!v || !*v)
				continue;
			buf_printf(&o->b, " %s=\"", attrs[i]);
			esc(&o->b, v, 1);
			buf_addc(&o->b, '"');
		}
		buf_addc(&o->b, '>');
		return;
	}
	html_flat_open(o->flat, name, attrs, nattrs, is_void);
	/* Once unsafe, the records only go on to make the string: no more checks (names
	   would then hold elements already left, and freed with the page's subtrees). */
	if (o->unsafe)
		return;
	for (size_t i = 0; i + 1 < nattrs; i += 2)
		if (attrs[i + 1] && strchr(attrs[i + 1], '\r'))
			o->unsafe = 1; /* the parser would normalise the line ends */
	/* a start tag the parser would take as closing the open element */
	if (o->depth && closes(o->names[o->depth - 1], name))
		o->unsafe = 1;
	if (!is_void) {
		if (o->depth >= TREE_MAX_DEPTH)
			o->unsafe = 1;
		else
			o->names[o->depth++] = name;
	}
}

static void emit_close(struct out *o, const char *name)
{
	o->last = '>';
	if (!o->flat) {
		buf_printf(&o->b, "</%s>", name);
		return;
	}
	html_flat_close(o->flat, name);
	if (o->unsafe)
		return;
	/* an end tag for another element than the open one: the parser would close
	   differently (e.g. a loose paragraph ended inside a link) */
	if (!o->depth || strcmp(o->names[o->depth - 1], name) != 0)
		o->unsafe = 1;
	else
		o->depth--;
}

static void close_autop(struct out *o)
{
	if (o->autop) {
		emit_close(o, "p");
		emit_text(o, "\n", 1);
		o->autop = 0;
	}
	o->pending_br = 0;
}

static void need_text(struct out *o)
{
	if (!o->textdepth && !o->autop) {
		emit_open(o, "p", NULL, 0, 0);
		o->autop = 1;
	}
	if (o->pending_br) {
		emit_open(o, "br", NULL, 0, 1);
		o->pending_br = 0;
	}
}

static int is_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The one character a run of whitespace becomes: a line break when the run holds one,
 * so that the renderer still drops it between two CJK characters (CSS Text's
 * segment-break rule: 宣布，<newline>下调 reads 宣布，下调), else a space. */
static const char *gap_of(const char *run, size_t n)
{
	return memchr(run, '\n', n) || memchr(run, '\r', n) ? "\n" : " ";
}

static void text(struct out *o, const char *s)
{
	if (o->pre) {
		emit_text(o, s, strlen(s));
		return;
	}
	/* collapse whitespace; loose whitespace outside any paragraph is dropped */
	const char *f = s;
	while (is_ws(*f))
		f++;
	if (!*f) {
		if ((o->textdepth || o->autop) && o->last && o->last != ' ' && o->last != '>')
			emit_text(o, gap_of(s, (size_t)(f - s)), 1);
		return;
	}
	need_text(o);
	/* copy runs of non-space bytes, one space for each gap */
	const char *p = s;
	while (*p) {
		const char *q = p + strcspn(p, " \n\t\r");
		if (q > p) {
			emit_text(o, p, (size_t)(q - p));
			p = q;
		}
		if (!*p)
			break;
		const char *run = p;
		while (is_ws(*p))
			p++;
		/* a gap: one character unless the output already ends with a space (or, at
		   the very start of the text, right after nothing at all) */
		if (o->last && o->last != ' ')
			emit_text(o, gap_of(run, (size_t)(p - run)), 1);
	}
}

static const char *img_attr(const void *n, const char *name)
{
	return page_attr(n, name);
}

static void enter(struct out *o, xmlNode *n, enum kind k)
{
	const char *name = (const char *)n->name;
	switch (k) {
	case K_BLOCK:
	case K_TEXTBLOCK:
		close_autop(o);
		if (page_is(n, "td") || page_is(n, "th")) {
			const char *at[] = {"colspan", page_attr(n, "colspan"), "rowspan", page_attr(n, "rowspan")};
			emit_open(o, name, at, 4, 0);
		} else
			emit_open(o, name, NULL, 0, 0);
		if (k == K_TEXTBLOCK)
			o->textdepth++;
		if (page_is(n, "pre"))
			o->pre++;
		break;
	case K_INLINE:
		need_text(o);
		if (page_is(n, "a")) {
			const char *h = page_attr(n, "href");
			const char *at[] = {"href", h && !has_iprefix(h, "javascript:") ? h : NULL};
			emit_open(o, name, at, 2, 0);
		} else
			emit_open(o, name, NULL, 0, 0);
		o->last = INLINE_TAG;
		break;
	case K_VOID:
		if (page_is(n, "br")) {
			if (o->textdepth)
				emit_open(o, "br", NULL, 0, 1);
			else if (o->autop && o->pending_br)
				close_autop(o); /* two breaks end a paragraph */
			else if (o->autop)
				o->pending_br = 1;
		} else if (page_is(n, "hr")) {
			close_autop(o);
			if (!o->textdepth) {
				emit_open(o, "hr", NULL, 0, 1);
				emit_text(o, "\n", 1);
			}
		} else {
			char *src = html_img_src(img_attr, n);
			if (!src)
				break;
			if (!o->textdepth)
				close_autop(o);
			const char *alt = page_attr(n, "alt");
			if (!alt || !*alt) /* as the renderer does: the title stands in */
				alt = page_attr(n, "title");
			const char *at[] = {"src", src, "alt", alt};
			emit_open(o, "img", at, 4, 1);
			free(src);
			if (!o->textdepth)
				emit_text(o, "\n", 1);
			else
				o->last = INLINE_TAG;
		}
		break;
	case K_UNWRAP:
		if (is_block_unwrap(n) && !o->textdepth)
			close_autop(o);
		break;
	case K_DROP:
		break;
	}
}

static void leave(struct out *o, xmlNode *n, enum kind k)
{
	switch (k) {
	case K_BLOCK:
	case K_TEXTBLOCK:
		if (k == K_TEXTBLOCK && o->textdepth)
			o->textdepth--;
		if (page_is(n, "pre") && o->pre)
			o->pre--;
		emit_close(o, (const char *)n->name);
		emit_text(o, "\n", 1);
		break;
	case K_INLINE:
		emit_close(o, (const char *)n->name);
		o->last = INLINE_TAG;
		break;
	case K_UNWRAP:
		if (is_block_unwrap(n) && !o->textdepth)
			close_autop(o);
		break;
	default:
		break;
	}
}

/* Walk the kept content in document order into o. destroy: free each page subtree once
 * it is written (the page tree is not used afterwards). */
static void out_content(struct page_ctx *c, struct out *o, int destroy)
{
	for (size_t i = 0; i < c->nkeep; i++) {
		xmlNode *root = c->keep[i], *n = root;
		while (n) {
			int into = 0;
			enum kind k = K_DROP;
			if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
				if (n->content)
					text(o, (const char *)n->content);
			} else if (n->type == XML_ELEMENT_NODE) {
				k = kind_of(n);
				enter(o, n, k);
				into = k != K_DROP && k != K_VOID && n->children;
			}
			if (into) {
				n = n->children;
				continue;
			}
			if (n->type == XML_ELEMENT_NODE && k != K_VOID && k != K_DROP)
				leave(o, n, k);
			while (n) {
				if (n == root) {
					n = NULL;
					break;
				}
				if (n->next) {
					xmlNode *done = n;
					n = n->next;
					if (destroy) {
						xmlUnlinkNode(done);
						xmlFreeNode(done);
					}
					break;
				}
				n = n->parent;
				leave(o, n, kind_of(n));
			}
		}
		close_autop(o);
	}
}

char *page_serialize(struct page_ctx *c)
{
	struct out o;
	memset(&o, 0, sizeof o);
	buf_init(&o.b);
	out_content(c, &o, 0);
	return buf_steal(&o.b);
}

/* 1 when some kept root lies inside another: freeing written subtrees would free it. */
static int keeps_nested(const struct page_ctx *c)
{
	if (c->nkeep > 64)
		return 1; /* not worth the quadratic check */
	for (size_t j = 0; j < c->nkeep; j++)
		for (xmlNode *p = c->keep[j]->parent; p; p = p->parent)
			for (size_t k = 0; k < c->nkeep; k++)
				if (p == c->keep[k])
					return 1;
	return 0;
}

void page_output(struct page_ctx *c, struct html_flat **flat, char **html)
{
	struct out o;
	memset(&o, 0, sizeof o);
	o.flat = xmalloc(sizeof *o.flat);
	html_flat_init(o.flat);
	/* The page's subtrees are freed as they are written: the body's chunks then take
	   the place of the tree's nodes instead of adding to the peak memory. The records
	   hold everything page_serialize writes, so its string can still be made from them. */
	out_content(c, &o, !keeps_nested(c));
	*flat = NULL;
	*html = NULL;
	if (o.unsafe) {
		*html = html_flat_html(o.flat);
		page_flat_free(o.flat);
	} else {
		*flat = o.flat;
	}
}

void page_flat_free(void *flat)
{
	if (flat) {
		html_flat_free(flat);
		free(flat);
	}
}

char *page_flat_html(const void *flat)
{
	return html_flat_html(flat);
}
