/* html.c - HTML (UTF-8) -> document model. libxml2's HTML parser builds the tree
 * (recover mode, no network, the input's own charset declarations ignored: newsread
 * decoded it already); an iterative walk (no recursion) dispatches every element
 * through one tag table. A body handed on already parsed as flat records (html_flat.c)
 * is walked through the same handlers, which see an element only as a name and its
 * attributes. Text collapses in html_acc.c, tables build in html_table.c. */
#include "newsread/article.h"
#include "newsread/decode.h"
#include "newsread/html.h"
#include "html/html_walk.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

const char *html_attr(const struct helem *e, const char *name)
{
	return e->node ? html_node_attr(e->node, name) : hf_attr(e->rec, name);
}

int html_attr_int(const struct helem *e, const char *name, int def, int lo, int hi)
{
	const char *v = html_attr(e, name);
	if (!v)
		return def;
	char *end;
	long x = strtol(v, &end, 10);
	if (end == v)
		return def;
	return x < lo ? lo : x > hi ? hi : (int)x;
}

/* The doc.elems number of frame k's element (which has attributes the doc keeps), kept
 * now with its enclosing ones if it was not yet. */
static unsigned elem_keep(struct hctx *c, int k)
{
	struct hframe *f = &c->frames[k];
	if (!f->elem) {
		unsigned parent = f->attr_parent >= 0 ? elem_keep(c, f->attr_parent) : 0;
		f->elem = doc_add_elem(c->d, f->attr, parent);
	}
	return f->elem;
}

/* Attributes the next text gets; gives the enclosing link its number on first use. */
struct hattr html_cur_attr(struct hctx *c, int alloc_link)
{
	struct hattr at = {c->st.style, 0, 0, c->st.group};
	if (c->st.attr_frame >= 0 && !c->text_only)
		at.elem = elem_keep(c, c->st.attr_frame);
	if (c->st.a_frame >= 0) {
		struct hframe *f = &c->frames[c->st.a_frame];
		if (f->link_no == 0 && alloc_link) {
			char *u = url_resolve(c->base, f->attr[DA_HREF]);
			f->link_no = doc_add_link(c->d, u);
			free(u);
			if (f->elem) /* (an <a> has an href: the chain above kept it) */
				c->d->elems[f->elem - 1].link = f->link_no;
		}
		if (f->link_no > 0) {
			at.link = f->link_no;
			at.style |= ST_LINK;
		}
	}
	return at;
}

/* ---- blocks ---- */

/* End the inline text gathered so far: a block of the current kind, or a space
 * inside a table cell. */
void html_flush(struct hctx *c)
{
	struct acc *a = c->acc;
	if (a != &c->para) {
		struct hattr at = html_cur_attr(c, 0);
		acc_space(a, &at);
		return;
	}
	a->pend_ws = a->pend_nl = 0;
	size_t n = a->text.len;
	while (n && a->text.s[n - 1] == '\n')
		n--;
	acc_truncate(a, n);
	if (!n) {
		if (a->brs >= 2 && !c->st.para && !c->text_only) {
			struct block *b = doc_add_block(c->d, BLK_BLANK);
			b->quote = c->st.quote;
		}
		acc_reset(a);
		return;
	}
	struct block *b = doc_add_block(c->d, c->st.pre ? BLK_PRE : c->st.kind);
	b->level = c->st.kind == BLK_HEADING ? c->st.level : 0;
	b->quote = c->st.quote;
	b->indent = c->st.indent;
	b->para = c->st.para && !c->st.pre;
	b->marker = c->marker;
	c->marker = NULL;
	acc_take(a, &b->text, &b->len, &b->runs, &b->nruns);
}

/* ---- the walk ---- */

/* A new innermost frame, zeroed but for saved (the current state). The array grows as the
 * walk goes deeper: most pages need a few dozen of the HTML_MAX_DEPTH frames. */
static struct hframe *frame_push(struct hctx *c)
{
	if (c->nframes == c->framecap) {
		c->framecap = c->framecap ? 2 * c->framecap : 32;
		if (c->framecap > HTML_MAX_DEPTH)
			c->framecap = HTML_MAX_DEPTH;
		c->frames = xrealloc(c->frames, (size_t)c->framecap * sizeof *c->frames);
	}
	struct hframe *f = &c->frames[c->nframes++];
	memset(f, 0, sizeof *f);
	f->saved = c->st;
	return f;
}

/* Elements at depth >= HTML_MAX_DEPTH get no frame: plain containers. */
static int elem_enter(struct hctx *c, const struct helem *e, int depth)
{
	unsigned id = html_element_id(e->name), kind = html_element_flags(id);
	const struct tag_def *t = html_tag_def(id);
	if (kind & HK_DROP)
		return 0;
	if (depth >= HTML_MAX_DEPTH || c->nframes >= HTML_MAX_DEPTH) {
		/* too deep: a plain container (its text still counts); br keeps working */
		if (t && (t->flags & T_ANY_DEPTH))
			t->enter(c, e, NULL);
		return !(t && (t->flags & T_LEAF));
	}
	struct hframe *f = frame_push(c);
	f->tag = t;
	f->kind = kind;
	if (kind & HK_BLOCK)
		html_flush(c);
	/* the attributes the document keeps for later passes (the stock rules read them) */
	int any = 0;
	for (int i = 0; i < DA_COUNT; i++)
		any |= (f->attr[i] = html_attr(e, doc_attr_names[i])) != NULL;
	if (any) {
		f->attr_parent = c->st.attr_frame;
		c->st.attr_frame = (int)(f - c->frames);
	}
	if (t) {
		c->st.style |= t->style;
		if (t->enter)
			return t->enter(c, e, f);
	}
	return 1;
}

static void elem_leave(struct hctx *c, int depth)
{
	if (depth >= HTML_MAX_DEPTH)
		return; /* walked without a frame */
	struct hframe *f = &c->frames[c->nframes - 1];
	const struct tag_def *t = f->tag;
	if (t && t->leave)
		t->leave(c, f);
	if (f->kind & HK_BLOCK)
		html_flush(c);
	c->st = f->saved;
	c->nframes--;
}

/* An element whose children elem_enter skipped: left all the same when it got a frame. */
static void elem_skipped(struct hctx *c, unsigned kind, int depth)
{
	if (depth >= HTML_MAX_DEPTH)
		return;
	if (!(kind & HK_DROP))
		elem_leave(c, depth);
}

static void text_node(struct hctx *c, const char *s, size_t len)
{
	if (!len)
		return;
	/* give the enclosing link its number only when there is something to show */
	int visible = c->st.pre;
	for (size_t i = 0; i < len && !visible; i++)
		visible = !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f');
	struct hattr at = html_cur_attr(c, visible);
	acc_text(c->acc, s, len, &at, c->st.pre, c->st.group != 0);
}

/* Walk the tree under root without recursion: enter on the way down, leave on the way
 * up, using the nodes' parent links. */
static void walk(struct hctx *c, xmlNode *root)
{
	xmlNode *n = root->children;
	int depth = 1;
	while (n) {
		int down = 0;
		if (n->type == XML_ELEMENT_NODE) {
			struct helem e = {(const char *)n->name, n, NULL};
			down = elem_enter(c, &e, depth);
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			text_node(c, (const char *)n->content, strlen((const char *)n->content));
		if (down && n->children) {
			n = n->children;
			depth++;
			continue;
		}
		if (down)
			elem_leave(c, depth);
		else if (n->type == XML_ELEMENT_NODE)
			elem_skipped(c, html_element_kind((const char *)n->name), depth);
		while (!n->next) {
			n = n->parent;
			depth--;
			if (!n || n == root)
				return;
			elem_leave(c, depth);
		}
		n = n->next;
	}
}

/* A flat body's walk is about to leave chunk k, which it consumes: the attributes of open
 * elements that point into k get a copy (kept in c->hrefs until the walk ends). */
static void hrefs_rescue(struct hctx *c, const struct hf_chunk *k)
{
	for (int i = 0; i < c->nframes; i++)
		for (int a = 0; a < DA_COUNT; a++) {
			const char *h = c->frames[i].attr[a];
			uintptr_t at = (uintptr_t)h, from = (uintptr_t)k->s;
			if (!h || at < from || at - from >= k->len)
				continue;
			if (c->nhrefs == c->hrefcap) {
				c->hrefcap = c->hrefcap ? 2 * c->hrefcap : 8;
				c->hrefs = xrealloc(c->hrefs, c->hrefcap * sizeof *c->hrefs);
			}
			c->frames[i].attr[a] = c->hrefs[c->nhrefs++] = xstrdup(h);
		}
}

/* The next record; when own is set (the walk consumes it) every chunk the walk leaves is
 * freed first, so the memory of the body read takes the document's next allocations. The
 * previous record is then gone: the walk keeps nothing of it but the hrefs rescued. */
static int flat_next(struct hctx *c, struct hf_pos *pos, struct hf_rec *r, struct html_flat *own)
{
	if (own)
		while (own->first && pos->off >= own->first->len) {
			struct hf_chunk *k = own->first;
			hrefs_rescue(c, k);
			own->first = k->next;
			if (!own->first)
				own->last = NULL;
			own->text_at = 0;
			free(k);
			pos->c = own->first;
			pos->off = 0;
		}
	return hf_next(pos, r);
}

/* The same walk over a flat body's records, which sit at depth first: an element the
 * handlers skip has its records skipped up to its close. own: fl itself, to consume it. */
static void walk_flat(struct hctx *c, const struct html_flat *fl, struct html_flat *own, int first)
{
	int depth = first;
	struct hf_pos pos = {fl->first, 0};
	struct hf_rec r;
	while (flat_next(c, &pos, &r, own)) {
		if (r.type == HF_TEXT) {
			text_node(c, r.text, r.len);
		} else if (r.type == HF_CLOSE) {
			if (depth <= first)
				break; /* (more closes than opens: a broken writer) */
			elem_leave(c, --depth);
		} else if (r.type == HF_OPEN || r.type == HF_VOID) {
			struct helem e = {r.name, NULL, &r};
			int down = elem_enter(c, &e, depth);
			if (down && r.type == HF_OPEN) {
				depth++;
				continue;
			}
			if (down) {
				elem_leave(c, depth);
				continue;
			}
			/* (the name's record may be freed while its content is skipped) */
			unsigned kind = html_element_kind(r.name);
			for (int open = r.type == HF_OPEN; open && flat_next(c, &pos, &r, own);)
				open += r.type == HF_OPEN ? 1 : r.type == HF_CLOSE ? -1 : 0;
			elem_skipped(c, kind, depth);
		}
	}
	while (depth > first) /* (elements left open) */
		elem_leave(c, --depth);
}

static htmlDocPtr html_parse(const char *html, size_t len)
{
	if (len > HTML_MAX_BYTES) {
		len = HTML_MAX_BYTES;
		while (len && ((unsigned char)html[len] & 0xC0) == 0x80)
			len--;
	}
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
	/* Valid UTF-8 is parsed as it is: naming the encoding would make libxml2 run it
	 * through a UTF-8 -> UTF-8 converter into a second, growing copy of the input. */
	return htmlReadMemory(html, (int)len, NULL, utf8_valid(html, len) ? NULL : "UTF-8", opts);
}

/* A walk's context for d after the survey s. */
static struct hctx *ctx_new(const struct hsurvey *s, const char *base, const char *lang, struct doc *d,
			    int text_only)
{
	struct hctx *c = xcalloc(1, sizeof *c);
	c->d = d;
	c->text_only = text_only;
	d->cjk = s->cjk > 0 && s->cjk >= s->words;
	c->base = xstrdup(base);
	if (s->base && *s->base) {
		char *b = url_resolve(base, s->base);
		free(c->base);
		c->base = b;
	}
	if (!lang)
		lang = s->lang;
	c->zh = html_placeholders_zh(lang, d->cjk, s->cjk, s->kana);
	c->st.a_frame = -1;
	c->st.attr_frame = -1;
	c->st.list_frame = -1;
	c->st.kind = BLK_PARA;
	acc_init(&c->para);
	c->para.doc = text_only ? NULL : d;
	c->acc = &c->para;
	/* the root element itself (html) is walked like the others */
	frame_push(c);
	return c;
}

static void ctx_finish(struct hctx *c)
{
	if (c->tb_active) /* unclosed table (libxml2 closes them; be safe) */
		tb_free(&c->tb);
	c->acc = &c->para;
	html_flush(c);
	acc_free(&c->para);
	free(c->marker);
	free(c->base);
	for (size_t i = 0; i < c->nhrefs; i++)
		free(c->hrefs[i]);
	free(c->hrefs);
	free(c->frames);
	free(c);
}

/* Walk a parsed tree into d (the tree is left as it is). */
static void convert_tree(htmlDocPtr doc, const char *base, const char *lang, struct doc *d, int text_only)
{
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root)
		return;
	struct hsurvey s = {0};
	html_survey_tree(root, &s);
	struct hctx *c = ctx_new(&s, base, lang, d, text_only);
	walk(c, root);
	ctx_finish(c);
	doc_trim(d);
}

/* Walk the flat body f into d; own: f itself, consumed as it is walked. */
static void convert_flat(const struct html_flat *f, struct html_flat *own, const char *base, const char *lang,
			 struct doc *d)
{
	if (!f)
		return;
	struct hsurvey s = {0};
	html_survey_flat(f, &s);
	struct hctx *c = ctx_new(&s, base, lang, d, 0);
	/* walked as the tree html > body > records that parsing its HTML gives */
	struct hf_rec none = {HF_OPEN, "body", "", 0, NULL, 0};
	struct helem body = {"body", NULL, &none};
	if (elem_enter(c, &body, 1))
		walk_flat(c, f, own, 2);
	elem_leave(c, 1);
	ctx_finish(c);
	if (own)
		html_flat_free(own); /* (what a walk cut short left) */
	doc_trim(d);
}

void html_flat_to_doc(const struct html_flat *f, const char *base, const char *lang, struct doc *d)
{
	convert_flat(f, NULL, base, lang, d);
}

void html_flat_take_doc(struct html_flat *f, const char *base, const char *lang, struct doc *d)
{
	convert_flat(f, f, base, lang, d);
}

static void convert(const char *html, size_t len, const char *base, const char *lang, struct doc *d,
		    int text_only)
{
	htmlDocPtr doc = html_parse(html, len);
	if (!doc)
		return;
	convert_tree(doc, base, lang, d, text_only);
	xmlFreeDoc(doc);
}

/* Input that is not valid UTF-8 (a truncated download, a caller that skipped decoding)
 * is repaired first, every bad byte becoming U+FFFD, so none reaches the document.
 * Returns the repaired copy (caller frees, *len updated) or NULL when html is fine. */
static char *repair_utf8(const char *html, size_t *len)
{
	if (utf8_valid(html, *len) && !memchr(html, '\0', *len))
		return NULL;
	struct buf b;
	buf_init(&b);
	buf_add(&b, "\xEF\xBB\xBF", 3); /* a BOM: decode as UTF-8, whatever the bytes look like */
	buf_add(&b, html, *len);
	char *r = decode_document(b.s, b.len, NULL, len, NULL);
	buf_free(&b);
	return r;
}

void html_to_doc(const char *html, size_t len, const char *base, const char *lang, struct doc *d)
{
	char *fixed = repair_utf8(html, &len);
	convert(fixed ? fixed : html, len, base, lang, d, 0);
	free(fixed);
}

void html_article_doc(struct article *a, int consume, struct doc *d)
{
	doc_init(d);
	const char *base = a->base ? a->base : a->link;
	if (a->html)
		html_to_doc(a->html, strlen(a->html), base, a->lang, d);
	else if (a->tree && consume)
		html_tree_take_doc(a->tree, base, a->lang, d);
	else if (a->tree)
		html_tree_to_doc(a->tree, base, a->lang, d);
}

void html_tree_to_doc(const void *tree, const char *base, const char *lang, struct doc *d)
{
	html_flat_to_doc(tree, base, lang, d);
}

void html_tree_take_doc(void *tree, const char *base, const char *lang, struct doc *d)
{
	html_flat_take_doc(tree, base, lang, d);
}

char *html_to_text(const char *html, size_t len)
{
	char *fixed = repair_utf8(html, &len);
	if (fixed) {
		char *r = html_to_text(fixed, len);
		free(fixed);
		return r;
	}
	/* plain text (most titles): collapse without a parser */
	if (!memchr(html, '<', len) && !memchr(html, '&', len)) {
		char *t = xstrndup(html, len);
		char *r = html_clean_text(t);
		free(t);
		return r;
	}
	struct doc d;
	doc_init(&d);
	convert(html, len, NULL, NULL, &d, 1);
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < d.n; i++) {
		struct block *bl = &d.blocks[i];
		if (bl->kind == BLK_TABLE) {
			for (size_t k = 0; k < bl->table->rows * bl->table->cols; k++)
				if (bl->table->cells[k].len) {
					if (b.len)
						buf_addc(&b, ' ');
					buf_add(&b, bl->table->cells[k].text, bl->table->cells[k].len);
				}
			continue;
		}
		if (!bl->len)
			continue;
		if (b.len)
			buf_addc(&b, ' ');
		for (size_t k = 0; k < bl->len; k++)
			buf_addc(&b, bl->text[k] == '\n' || bl->text[k] == '\t' ? ' ' : bl->text[k]);
	}
	doc_free(&d);
	return buf_steal(&b);
}

void html_global_init(void)
{
	xmlInitParser();
}
