/* page_out.c - reader mode: the kept content as clean HTML (p, headings, lists, tables,
 * img, a, pre, blockquote and inline emphasis; other containers are unwrapped, and loose
 * text inside them becomes paragraphs). Iterative, so depth cannot overflow the stack. */
#define PAGE_INTERNAL
#include "newsread/page.h"

#include <stdlib.h>
#include <string.h>

enum kind { K_DROP, K_UNWRAP, K_BLOCK, K_TEXTBLOCK, K_INLINE, K_VOID };

struct tagmap {
	const char *tag;
	enum kind kind;
};

static const struct tagmap tags[] = {
	{"p", K_TEXTBLOCK}, {"h1", K_TEXTBLOCK}, {"h2", K_TEXTBLOCK}, {"h3", K_TEXTBLOCK},
	{"h4", K_TEXTBLOCK}, {"h5", K_TEXTBLOCK}, {"h6", K_TEXTBLOCK}, {"pre", K_TEXTBLOCK},
	{"li", K_TEXTBLOCK}, {"td", K_TEXTBLOCK}, {"th", K_TEXTBLOCK}, {"dt", K_TEXTBLOCK},
	{"dd", K_TEXTBLOCK}, {"figcaption", K_TEXTBLOCK}, {"caption", K_TEXTBLOCK},
	{"blockquote", K_BLOCK}, {"ul", K_BLOCK}, {"ol", K_BLOCK}, {"dl", K_BLOCK},
	{"table", K_BLOCK}, {"thead", K_BLOCK}, {"tbody", K_BLOCK}, {"tfoot", K_BLOCK},
	{"tr", K_BLOCK}, {"figure", K_BLOCK},
	{"a", K_INLINE}, {"strong", K_INLINE}, {"b", K_INLINE}, {"em", K_INLINE}, {"i", K_INLINE},
	{"u", K_INLINE}, {"s", K_INLINE}, {"code", K_INLINE}, {"sub", K_INLINE}, {"sup", K_INLINE},
	{"small", K_INLINE}, {"mark", K_INLINE}, {"q", K_INLINE}, {"abbr", K_INLINE},
	{"img", K_VOID}, {"br", K_VOID}, {"hr", K_VOID},
	{"head", K_DROP}, {"title", K_DROP}, {"script", K_DROP}, {"style", K_DROP},
};

static enum kind kind_of(const xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && n->_private && ((struct page_info *)n->_private)->layout)
		return K_UNWRAP;
	for (size_t i = 0; i < ARRAY_LEN(tags); i++)
		if (page_is(n, tags[i].tag))
			return tags[i].kind;
	/* div, section, span, font, center, article...: their content without them */
	return K_UNWRAP;
}

static int is_block_unwrap(const xmlNode *n)
{
	return kind_of(n) == K_UNWRAP && page_is_block(n);
}

static void esc_n(struct buf *b, const char *s, size_t n, int attr)
{
	const char *run = s, *end = s + n;
	for (; s < end; s++) {
		const char *e;
		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"':
			if (attr) {
				e = "&quot;";
				break;
			}
			continue;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_adds(b, e);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(end - run));
}

static void esc(struct buf *b, const char *s, int attr)
{
	esc_n(b, s, strlen(s), attr);
}

struct out {
	struct buf b;
	int autop;     /* a <p> we opened for loose text is open */
	int textdepth; /* inside kept elements that take text */
	int pre;       /* inside <pre> */
	int pending_br;/* a <br> seen in loose text */
};

static void close_autop(struct out *o)
{
	if (o->autop) {
		buf_adds(&o->b, "</p>\n");
		o->autop = 0;
	}
	o->pending_br = 0;
}

static void need_text(struct out *o)
{
	if (!o->textdepth && !o->autop) {
		buf_adds(&o->b, "<p>");
		o->autop = 1;
	}
	if (o->pending_br) {
		buf_adds(&o->b, "<br>");
		o->pending_br = 0;
	}
}

/* Bytes text() stops at: 1 white space, 2 escaped, 3 the end. */
static const unsigned char text_class[256] = {
	[0] = 3, [' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1, ['&'] = 2, ['<'] = 2, ['>'] = 2,
};

static void text(struct out *o, const char *s)
{
	if (o->pre) {
		esc(&o->b, s, 0);
		return;
	}
	/* collapse whitespace; loose whitespace outside any paragraph is dropped */
	const char *f = s;
	while (*f == ' ' || *f == '\n' || *f == '\t' || *f == '\r')
		f++;
	if (!*f) {
		if ((o->textdepth || o->autop) && o->b.len && o->b.s[o->b.len - 1] != ' ' &&
		    o->b.s[o->b.len - 1] != '>')
			buf_addc(&o->b, ' ');
		return;
	}
	need_text(o);
	/* copy runs of non-space bytes, one space for each gap */
	const char *p = s;
	while (*p) {
		const char *q = p;
		int special = 0;
		for (;; q++) {
			unsigned k = text_class[(unsigned char)*q];
			if (k == 2)
				special = 1;
			else if (k)
				break;
		}
		if (q > p) {
			if (special)
				esc_n(&o->b, p, (size_t)(q - p), 0);
			else
				buf_add(&o->b, p, (size_t)(q - p));
			p = q;
		}
		if (!*p)
			break;
		while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
			p++;
		/* a gap: a space unless the output already ends with one (or, at the very
		   start of the text, right after nothing at all) */
		if (o->b.len && o->b.s[o->b.len - 1] != ' ')
			buf_addc(&o->b, ' ');
	}
}

static void attr(struct out *o, const char *name, const char *v)
{
	if (!v || !*v)
		return;
	buf_printf(&o->b, " %s=\"", name);
	esc(&o->b, v, 1);
	buf_addc(&o->b, '"');
}

static const char *img_src(const xmlNode *n)
{
	static const char *const lazy[] = {"data-src", "data-original", "data-actualsrc", "data-lazy-src",
					    "data-echo", "src"};
	const char *src = page_attr(n, "src");
	for (size_t i = 0; i < ARRAY_LEN(lazy); i++) {
		const char *s = page_attr(n, lazy[i]);
		if (s && *s && !has_iprefix(s, "data:"))
			return (src && *src && !has_iprefix(src, "data:") && i == ARRAY_LEN(lazy) - 1) ? src : s;
	}
	return NULL;
}

static void enter(struct out *o, xmlNode *n, enum kind k)
{
	const char *name = (const char *)n->name;
	switch (k) {
	case K_BLOCK:
	case K_TEXTBLOCK:
		close_autop(o);
		buf_printf(&o->b, "<%s", name);
		if (page_is(n, "td") || page_is(n, "th")) {
			attr(o, "colspan", page_attr(n, "colspan"));
			attr(o, "rowspan", page_attr(n, "rowspan"));
		}
		buf_addc(&o->b, '>');
		if (k == K_TEXTBLOCK)
			o->textdepth++;
		if (page_is(n, "pre"))
			o->pre++;
		break;
	case K_INLINE:
		need_text(o);
		buf_printf(&o->b, "<%s", name);
		if (page_is(n, "a")) {
			const char *h = page_attr(n, "href");
			if (h && !has_iprefix(h, "javascript:"))
				attr(o, "href", h);
		}
		buf_addc(&o->b, '>');
		break;
	case K_VOID:
		if (page_is(n, "br")) {
			if (o->textdepth)
				buf_adds(&o->b, "<br>");
			else if (o->autop && o->pending_br)
				close_autop(o); /* two breaks end a paragraph */
			else if (o->autop)
				o->pending_br = 1;
		} else if (page_is(n, "hr")) {
			close_autop(o);
			if (!o->textdepth)
				buf_adds(&o->b, "<hr>\n");
		} else {
			const char *src = img_src(n);
			if (!src)
				break;
			if (!o->textdepth)
				close_autop(o);
			buf_adds(&o->b, "<img");
			attr(o, "src", src);
			attr(o, "alt", page_attr(n, "alt"));
			buf_adds(&o->b, o->textdepth ? ">" : ">\n");
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
		buf_printf(&o->b, "</%s>\n", (const char *)n->name);
		break;
	case K_INLINE:
		buf_printf(&o->b, "</%s>", (const char *)n->name);
		break;
	case K_UNWRAP:
		if (is_block_unwrap(n) && !o->textdepth)
			close_autop(o);
		break;
	default:
		break;
	}
}

char *page_serialize(struct page_ctx *c)
{
	struct out o;
	memset(&o, 0, sizeof o);
	buf_init(&o.b);
	for (size_t i = 0; i < c->nkeep; i++) {
		xmlNode *root = c->keep[i], *n = root;
		while (n) {
			int into = 0;
			enum kind k = K_DROP;
			if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
				if (n->content)
					text(&o, (const char *)n->content);
			} else if (n->type == XML_ELEMENT_NODE) {
				k = kind_of(n);
				enter(&o, n, k);
				into = k != K_DROP && k != K_VOID && n->children;
			}
			if (into) {
				n = n->children;
				continue;
			}
			if (n->type == XML_ELEMENT_NODE && k != K_VOID && k != K_DROP)
				leave(&o, n, k);
			while (n) {
				if (n == root) {
					n = NULL;
					break;
				}
				if (n->next) {
					n = n->next;
					break;
				}
				n = n->parent;
				leave(&o, n, kind_of(n));
			}
		}
		close_autop(&o);
	}
	/* drop empty elements left by cleaning: <p></p>, <li></li> ... */
	char *s = buf_steal(&o.b);
	return s;
}
