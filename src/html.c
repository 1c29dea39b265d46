/* html.c - HTML (UTF-8) -> document model. libxml2's HTML parser builds the tree
 * (recover mode, no network, the input's own charset declarations ignored: newsread
 * decoded it already); an iterative walk (no recursion) dispatches every element
 * through one tag table. A body handed on already parsed as flat records (html_flat.c)
 * is walked through the same handlers, which see an element only as a name and its
 * attributes. Text collapses in html_acc.c, tables build in html_table.c. */
#include "newsread/decode.h"
#include "newsread/html.h"
#include "newsread/stock.h"
#include "html_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

/* What an element passes on to its descendants. */
struct hstate {
	unsigned style;       /* ST_* of the text inside */
	int a_frame;          /* frame index of the enclosing numbered <a>, or -1 */
	char stock[20];       /* stock code the markup gave (inherited), or "" */
	int quote, indent;    /* blockquote depth, hanging indent in cells */
	enum block_kind kind; /* BLK_PARA or BLK_HEADING */
	int level, para, pre;
	int list_frame;       /* frame index of the enclosing <ul>/<ol>, or -1 */
	int ruby_paren;       /* inside a <ruby> without <rp>: <rt> gets （） */
	unsigned group;       /* ruby group id, 0 outside ruby */
};

struct hframe {
	struct hstate saved;         /* restored on leaving */
	const struct tag_def *tag;   /* NULL for an element without entry */
	int link_no;                 /* <a>: number (0 until its first text; -1: none) */
	const char *href;            /* <a>: the href (owned by the tree) */
	int counter, ordered;        /* <ul>/<ol>: items so far */
	int table_owner;             /* <table>: this one builds the BLK_TABLE */
};

struct hctx {
	struct doc *d;
	char *base;        /* URL relative references resolve against (malloc'd), or NULL */
	int zh;            /* placeholders in Chinese */
	int qdepth;        /* open <q> elements */
	int text_only;     /* html_to_text: no numbers, no placeholders */
	struct hstate st;
	struct hframe frames[HTML_MAX_DEPTH];
	int nframes;
	struct acc para;   /* inline text of the block being gathered */
	struct acc *acc;   /* &para, or the open table cell */
	char *marker;      /* list marker for the next block ("1. ", "- ") */
	unsigned groups;   /* ruby groups given so far */
	int tables;        /* <table> nesting */
	struct tbuild tb;  /* the outermost table */
	int tb_active;     /* tb is being filled */
};

/* The element being entered, from a libxml2 tree or from a flat body's record. */
struct helem {
	const char *name;
	xmlNode *node;            /* libxml2 tree, else NULL */
	const struct hf_rec *rec; /* flat body, else NULL */
};

typedef int (*enter_fn)(struct hctx *c, const struct helem *e, struct hframe *f);
typedef void (*leave_fn)(struct hctx *c, struct hframe *f);

enum {
	T_BLOCK = 1, /* ends the inline text before and after it */
	T_DROP = 2,  /* dropped with all its content */
};

struct tag_def {
	const char *name;
	unsigned flags;
	unsigned style; /* added to the text inside */
	enter_fn enter; /* may return 0 to skip the children */
	leave_fn leave;
};

static const char *attr(const struct helem *e, const char *name)
{
	return e->node ? html_node_attr(e->node, name) : hf_attr(e->rec, name);
}

static int attr_int(const struct helem *e, const char *name, int def, int lo, int hi)
{
	const char *v = attr(e, name);
	if (!v)
		return def;
	char *end;
	long x = strtol(v, &end, 10);
	if (end == v)
		return def;
	return x < lo ? lo : x > hi ? hi : (int)x;
}

/* Attributes the next text gets; gives the enclosing link its number on first use. */
static struct hattr cur_attr(struct hctx *c, int alloc_link)
{
	struct hattr at = {c->st.style, 0, c->st.stock, c->st.group};
	if (c->st.a_frame >= 0) {
		struct hframe *f = &c->frames[c->st.a_frame];
		if (f->link_no == 0 && alloc_link) {
			char *u = url_resolve(c->base, f->href);
			f->link_no = doc_add_link(c->d, u);
			free(u);
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
static void flush(struct hctx *c)
{
	struct acc *a = c->acc;
	if (a != &c->para) {
		struct hattr at = cur_attr(c, 0);
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

static void add_rule(struct hctx *c)
{
	if (c->acc != &c->para || c->text_only)
		return;
	struct block *b = doc_add_block(c->d, BLK_RULE);
	b->quote = c->st.quote;
	b->indent = c->st.indent;
}

/* ---- handlers ---- */

static int enter_p(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	c->st.kind = BLK_PARA;
	c->st.para = 1;
	return 1;
}

static int enter_div(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	c->st.para = 0;
	return 1;
}

static int enter_heading(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)f;
	c->st.kind = BLK_HEADING;
	c->st.level = e->name[1] - '0';
	c->st.para = 0;
	return 1;
}

static int enter_pre(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	c->st.pre = 1;
	c->st.para = 0;
	return 1;
}

static int enter_quote(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	c->st.quote++;
	c->st.para = 0;
	return 1;
}

static int enter_list(struct hctx *c, const struct helem *e, struct hframe *f)
{
	f->ordered = e->name[0] == 'o';
	f->counter = f->ordered ? attr_int(e, "start", 1, -999999, 999999) - 1 : 0;
	c->st.list_frame = (int)(f - c->frames);
	c->st.para = 0;
	return 1;
}

static int enter_li(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)f;
	char m[24];
	struct hframe *l = c->st.list_frame >= 0 ? &c->frames[c->st.list_frame] : NULL;
	if (l && l->ordered) {
		l->counter = attr_int(e, "value", l->counter + 1, -999999, 999999);
		snprintf(m, sizeof m, "%d. ", l->counter);
	} else
		snprintf(m, sizeof m, "- ");
	free(c->marker);
	c->marker = c->acc == &c->para && !c->text_only ? xstrdup(m) : NULL;
	c->st.indent += (int)strlen(m);
	c->st.list_frame = -1; /* a list inside the item starts its own count */
	c->st.para = 0;
	return 1;
}

static int enter_dd(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	c->st.indent += 4;
	c->st.para = 0;
	return 1;
}

static int enter_br(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	if (c->acc == &c->para && !c->text_only)
		acc_break(c->acc);
	else {
		struct hattr at = cur_attr(c, 0);
		acc_space(c->acc, &at);
	}
	return 0;
}

static int enter_wbr(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	struct hattr at = cur_attr(c, 0);
	acc_put(c->acc, "\xE2\x80\x8B", 3, &at); /* ZWSP: layout breaks there and drops it */
	return 0;
}

static int enter_hr(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	add_rule(c);
	return 0;
}

static int link_numbered(const char *href)
{
	if (!href)
		return 0;
	while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
		href++;
	return *href && *href != '#' && !has_iprefix(href, "javascript:");
}

static int enter_a(struct hctx *c, const struct helem *e, struct hframe *f)
{
	f->href = attr(e, "href");
	/* a link the markup made a stock name gets the stock annotation instead of a number */
	if (!c->text_only && link_numbered(f->href) && !c->st.stock[0]) {
		f->link_no = 0;
		c->st.a_frame = (int)(f - c->frames);
	} else {
		f->link_no = -1;
		c->st.a_frame = -1;
	}
	return 1;
}

static void leave_a(struct hctx *c, struct hframe *f)
{
	if (f->link_no > 0) {
		char m[24];
		int k = snprintf(m, sizeof m, "[%d]", f->link_no);
		struct hattr at = {ST_MARK, f->link_no, "", 0};
		acc_put(c->acc, m, (size_t)k, &at);
	}
}

/* Put a placeholder such as [图 3: alt] with style st and link number no. */
static void placeholder(struct hctx *c, const char *zh, const char *en, int no, const char *alt, unsigned style)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "[%s", c->zh ? zh : en);
	if (no > 0)
		buf_printf(&b, " %d", no);
	if (alt && *alt)
		buf_printf(&b, ": %s", alt);
	buf_addc(&b, ']');
	struct hattr at = cur_attr(c, 0);
	at.style = (at.style & ~(unsigned)ST_LINK) | style;
	at.link = no > 0 ? no : 0;
	acc_settle(c->acc, '[');
	acc_put(c->acc, b.s, b.len, &at);
	buf_free(&b);
}

/* The first URL of a srcset ("a.jpg 1x, b.jpg 2x"), malloc'd, or NULL. */
static char *srcset_first(const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ',')
		s++;
	size_t n = 0;
	while (s[n] && s[n] != ' ' && s[n] != '\t' && s[n] != '\n' && s[n] != '\r')
		n++;
	if (n && s[n - 1] == ',')
		n--;
	return n ? xstrndup(s, n) : NULL;
}

static int usable_src(const char *s)
{
	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s && !has_iprefix(s, "data:") && !has_iprefix(s, "javascript:");
}

/* Number a media URL (resolved) and return its number, or 0 without one. */
static int media_number(struct hctx *c, const char *src)
{
	if (!usable_src(src))
		return 0;
	char *u = url_resolve(c->base, src);
	int no = doc_add_link(c->d, u);
	free(u);
	return no;
}

static int enter_img(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)f;
	if (c->text_only)
		return 0;
	const char *w = attr(e, "width"), *h = attr(e, "height");
	if (w && h && atoi(w) == 1 && atoi(h) == 1)
		return 0; /* a tracking pixel */
	/* lazy loaders keep the real image in data-src / data-original and a stand-in in src */
	const char *src = NULL;
	static const char *const names[] = {"data-src", "data-original", "src", "data-actualsrc"};
	for (size_t i = 0; i < ARRAY_LEN(names) && !src; i++)
		if (usable_src(attr(e, names[i])))
			src = attr(e, names[i]);
	char *set = src ? NULL : srcset_first(attr(e, "srcset"));
	if (!set && !src)
		set = srcset_first(attr(e, "data-srcset"));
	int no = media_number(c, src ? src : set);
	free(set);
	const char *alt = attr(e, "alt");
	if (!alt || !*alt)
		alt = attr(e, "title");
	char *clean = alt ? html_clean_text(alt) : NULL;
	if (no || (clean && *clean))
		placeholder(c, "图", "image", no, clean, ST_IMAGE);
	free(clean);
	return 0;
}

static int enter_media(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)f;
	if (c->text_only)
		return 0;
	const char *src = attr(e, "src");
	/* (a flat body has no media: reader mode does not keep them) */
	for (xmlNode *k = e->node ? e->node->children : NULL; k && !usable_src(src); k = k->next)
		if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "source") == 0)
			src = html_node_attr(k, "src");
	int no = media_number(c, src);
	if (no) {
		int video = e->name[0] == 'v';
		placeholder(c, video ? "视频" : "音频", video ? "video" : "audio", no, NULL, ST_IMAGE);
	}
	return 0; /* the fallback content inside is for old browsers */
}

static int enter_ruby(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)f;
	int rp = 0;
	for (xmlNode *k = e->node ? e->node->children : NULL; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "rp") == 0)
			rp = 1;
	c->st.ruby_paren = !rp;
	c->st.group = ++c->groups;
	c->st.style |= ST_NOBREAK;
	return 1;
}

/* <q>: quotation marks of newsread's own, so none is ambiguous in width: corner brackets
 * on CJK pages (double ones inside), ASCII quotes elsewhere. */
static const char *q_mark(const struct hctx *c, int depth, int closing)
{
	static const char *const marks[2][2][2] = {{{"\"", "\""}, {"'", "'"}},
						   {{"「", "」"}, {"『", "』"}}};
	return marks[c->d->cjk != 0][(depth - 1) % 2][closing];
}

static int enter_q(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e, (void)f;
	const char *m = q_mark(c, ++c->qdepth, 0);
	struct hattr at = cur_attr(c, 1);
	acc_text(c->acc, m, strlen(m), &at, 0, 0);
	return 1;
}

static void leave_q(struct hctx *c, struct hframe *f)
{
	(void)f;
	if (c->qdepth < 1)
		return;
	const char *m = q_mark(c, c->qdepth--, 1);
	struct hattr at = cur_attr(c, 1);
	acc_text(c->acc, m, strlen(m), &at, 0, 0);
}

static int enter_rt(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	if (c->st.ruby_paren && c->st.group) {
		struct hattr at = cur_attr(c, 1);
		acc_put(c->acc, "（", 3, &at);
	}
	return 1;
}

static void leave_rt(struct hctx *c, struct hframe *f)
{
	(void)f;
	if (c->st.ruby_paren && c->st.group) {
		struct hattr at = cur_attr(c, 1);
		acc_put(c->acc, "）", 3, &at);
	}
}

static int enter_table(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e;
	c->st.para = 0;
	if (c->tables++ == 0 && c->acc == &c->para && !c->text_only) {
		f->table_owner = 1;
		c->tb_active = 1;
		memset(&c->tb, 0, sizeof c->tb);
		acc_init(&c->tb.cell);
	}
	return 1;
}

static void leave_table(struct hctx *c, struct hframe *f)
{
	c->tables--;
	if (!f->table_owner)
		return;
	if (c->tb.in_cell) {
		tb_cell_end(&c->tb);
		c->acc = &c->para;
	}
	c->tb_active = 0;
	flush(c); /* a caption or stray text before the table */
	tb_finish(&c->tb, c->d, c->st.quote, c->st.indent);
}

/* Is f the table frame that owns the builder, directly (not through a nested table)? */
static int in_own_table(struct hctx *c)
{
	return c->tables == 1 && c->tb_active;
}

/* Outside the table being built (a nested one, html_to_text): cells are separated by a space. */
static void cell_gap(struct hctx *c)
{
	struct hattr at = cur_attr(c, 0);
	acc_space(c->acc, &at);
}

static int enter_tr(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	if (!in_own_table(c))
		cell_gap(c);
	else {
		if (c->tb.in_cell) {
			tb_cell_end(&c->tb);
			c->acc = &c->para;
		}
		tb_row(&c->tb);
	}
	return 1;
}

static int enter_thead(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	if (in_own_table(c))
		c->tb.thead = 1;
	return 1;
}

static void leave_thead(struct hctx *c, struct hframe *f)
{
	(void)f;
	if (in_own_table(c))
		c->tb.thead = 0;
}

static int enter_cell(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)f;
	if (!in_own_table(c)) {
		cell_gap(c);
		return 1;
	}
	flush(c); /* text that strayed outside the cells */
	tb_cell_begin(&c->tb, e->name[1] == 'h' || c->tb.thead, attr_int(e, "colspan", 1, 1, HTML_MAX_COLS),
		      attr_int(e, "rowspan", 1, 1, HTML_MAX_ROWSPAN));
	c->acc = &c->tb.cell;
	return 1;
}

static void leave_cell(struct hctx *c, struct hframe *f)
{
	(void)f;
	if (in_own_table(c) && c->tb.in_cell) {
		tb_cell_end(&c->tb);
		c->acc = &c->para;
	}
}

static int enter_caption(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	c->st.para = 0;
	return 1;
}

/* The tag table, sorted by name (bsearch). Elements not listed are inline containers:
 * so are object/applet (their content is the fallback a terminal needs) and embed
 * (libxml2 makes the text after an unclosed <embed> its child). */
static const struct tag_def tags[] = {
	{"a", 0, 0, enter_a, leave_a},
	{"address", T_BLOCK, 0, enter_div, NULL},
	{"article", T_BLOCK, 0, enter_div, NULL},
	{"aside", T_BLOCK, 0, enter_div, NULL},
	{"audio", 0, 0, enter_media, NULL},
	{"b", 0, ST_BOLD, NULL, NULL},
	{"base", T_DROP, 0, NULL, NULL},
	{"blockquote", T_BLOCK, ST_QUOTE, enter_quote, NULL},
	{"body", T_BLOCK, 0, enter_div, NULL},
	{"br", 0, 0, enter_br, NULL},
	{"button", T_DROP, 0, NULL, NULL},
	{"canvas", T_DROP, 0, NULL, NULL},
	{"caption", T_BLOCK, 0, enter_caption, NULL},
	{"center", T_BLOCK, 0, enter_div, NULL},
	{"cite", 0, ST_ITALIC, NULL, NULL},
	{"code", 0, ST_CODE, NULL, NULL},
	{"dd", T_BLOCK, 0, enter_dd, NULL},
	{"del", 0, 0, NULL, NULL},
	{"details", T_BLOCK, 0, enter_div, NULL},
	{"dfn", 0, ST_ITALIC, NULL, NULL},
	{"dialog", T_DROP, 0, NULL, NULL},
	{"dir", T_BLOCK, 0, enter_list, NULL},
	{"div", T_BLOCK, 0, enter_div, NULL},
	{"dl", T_BLOCK, 0, enter_div, NULL},
	{"dt", T_BLOCK, ST_BOLD, enter_div, NULL},
	{"em", 0, ST_ITALIC, NULL, NULL},
	{"fieldset", T_BLOCK, 0, enter_div, NULL},
	{"figcaption", T_BLOCK, 0, enter_div, NULL},
	{"figure", T_BLOCK, 0, enter_div, NULL},
	{"footer", T_BLOCK, 0, enter_div, NULL},
	{"frameset", T_DROP, 0, NULL, NULL},
	{"h1", T_BLOCK, ST_HEADING | ST_BOLD, enter_heading, NULL},
	{"h2", T_BLOCK, ST_HEADING | ST_BOLD, enter_heading, NULL},
	{"h3", T_BLOCK, ST_HEADING | ST_BOLD, enter_heading, NULL},
	{"h4", T_BLOCK, ST_HEADING | ST_BOLD, enter_heading, NULL},
	{"h5", T_BLOCK, ST_HEADING | ST_BOLD, enter_heading, NULL},
	{"h6", T_BLOCK, ST_HEADING | ST_BOLD, enter_heading, NULL},
	{"head", T_DROP, 0, NULL, NULL},
	{"header", T_BLOCK, 0, enter_div, NULL},
	{"hgroup", T_BLOCK, 0, enter_div, NULL},
	{"hr", T_BLOCK, 0, enter_hr, NULL},
	{"i", 0, ST_ITALIC, NULL, NULL},
	{"iframe", T_DROP, 0, NULL, NULL},
	{"img", 0, 0, enter_img, NULL},
	{"input", T_DROP, 0, NULL, NULL},
	{"kbd", 0, ST_CODE, NULL, NULL},
	{"legend", T_BLOCK, 0, enter_div, NULL},
	{"li", T_BLOCK, 0, enter_li, NULL},
	{"link", T_DROP, 0, NULL, NULL},
	{"listing", T_BLOCK, ST_CODE, enter_pre, NULL},
	{"main", T_BLOCK, 0, enter_div, NULL},
	{"map", 0, 0, NULL, NULL},
	{"math", T_DROP, 0, NULL, NULL},
	{"menu", T_BLOCK, 0, enter_list, NULL},
	{"meta", T_DROP, 0, NULL, NULL},
	{"nav", T_BLOCK, 0, enter_div, NULL},
	{"noembed", T_DROP, 0, NULL, NULL},
	{"noframes", T_DROP, 0, NULL, NULL},
	{"noscript", T_DROP, 0, NULL, NULL},
	{"ol", T_BLOCK, 0, enter_list, NULL},
	{"option", T_DROP, 0, NULL, NULL},
	{"p", T_BLOCK, 0, enter_p, NULL},
	{"param", T_DROP, 0, NULL, NULL},
	{"plaintext", T_BLOCK, ST_CODE, enter_pre, NULL},
	{"pre", T_BLOCK, ST_CODE, enter_pre, NULL},
	{"q", 0, 0, enter_q, leave_q},
	{"rt", 0, 0, enter_rt, leave_rt},
	{"ruby", 0, 0, enter_ruby, NULL},
	{"samp", 0, ST_CODE, NULL, NULL},
	{"script", T_DROP, 0, NULL, NULL},
	{"section", T_BLOCK, 0, enter_div, NULL},
	{"select", T_DROP, 0, NULL, NULL},
	{"source", T_DROP, 0, NULL, NULL},
	{"strong", 0, ST_BOLD, NULL, NULL},
	{"style", T_DROP, 0, NULL, NULL},
	{"summary", T_BLOCK, ST_BOLD, enter_div, NULL},
	{"svg", T_DROP, 0, NULL, NULL},
	{"table", T_BLOCK, 0, enter_table, leave_table},
	{"tbody", 0, 0, NULL, NULL},
	{"td", 0, 0, enter_cell, leave_cell},
	{"template", T_DROP, 0, NULL, NULL},
	{"textarea", T_DROP, 0, NULL, NULL},
	{"tfoot", 0, 0, NULL, NULL},
	{"th", 0, ST_BOLD, enter_cell, leave_cell},
	{"thead", 0, 0, enter_thead, leave_thead},
	{"title", T_DROP, 0, NULL, NULL},
	{"tr", 0, 0, enter_tr, NULL},
	{"track", T_DROP, 0, NULL, NULL},
	{"tt", 0, ST_CODE, NULL, NULL},
	{"ul", T_BLOCK, 0, enter_list, NULL},
	{"var", 0, ST_ITALIC, NULL, NULL},
	{"video", 0, 0, enter_media, NULL},
	{"wbr", 0, 0, enter_wbr, NULL},
	{"xmp", T_BLOCK, ST_CODE, enter_pre, NULL},
};

static int tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag_def *)elem)->name);
}

static const struct tag_def *tag_find(const char *name)
{
	return name ? bsearch(name, tags, ARRAY_LEN(tags), sizeof tags[0], tag_cmp) : NULL;
}

int html_tag_dropped(const char *name)
{
	const struct tag_def *t = tag_find(name);
	return t && (t->flags & T_DROP);
}

/* ---- the walk ---- */

/* Elements at depth >= HTML_MAX_DEPTH get no frame: plain containers. */
static int elem_enter(struct hctx *c, const struct helem *e, int depth)
{
	const struct tag_def *t = tag_find(e->name);
	if (t && (t->flags & T_DROP))
		return 0;
	if (depth >= HTML_MAX_DEPTH || c->nframes >= HTML_MAX_DEPTH) {
		/* too deep: a plain container (its text still counts); br keeps working */
		if (t && t->enter == enter_br)
			enter_br(c, e, NULL);
		return t ? t->enter != enter_img && t->enter != enter_media && t->enter != enter_br : 1;
	}
	struct hframe *f = &c->frames[c->nframes++];
	memset(f, 0, sizeof *f);
	f->saved = c->st;
	f->tag = t;
	if (t && (t->flags & T_BLOCK))
		flush(c);
	/* stock markup on any element: href, code, data-code, id */
	const char *href = attr(e, "href"), *code = attr(e, "code"), *dcode = attr(e, "data-code"),
		   *id = attr(e, "id");
	if (href || code || dcode || id) {
		char out[20];
		if (stock_from_attrs(href, code, dcode, id, out, sizeof out))
			snprintf(c->st.stock, sizeof c->st.stock, "%s", out);
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
	if (t && (t->flags & T_BLOCK))
		flush(c);
	c->st = f->saved;
	c->nframes--;
}

/* An element whose children elem_enter skipped: left all the same when it got a frame. */
static void elem_skipped(struct hctx *c, const char *name, int depth)
{
	if (depth >= HTML_MAX_DEPTH)
		return;
	const struct tag_def *t = tag_find(name);
	if (!(t && (t->flags & T_DROP)))
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
	struct hattr at = cur_attr(c, visible);
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
			elem_skipped(c, (const char *)n->name, depth);
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

/* The same walk over a flat body's records, which sit at depth first: an element the
 * handlers skip has its records skipped up to its close. */
static void walk_flat(struct hctx *c, const struct html_flat *fl, int first)
{
	int depth = first;
	struct hf_pos pos = {fl->first, 0};
	struct hf_rec r;
	while (hf_next(&pos, &r)) {
		if (r.type == HF_TEXT) {
			text_node(c, r.text, r.len);
		} else if (r.type == HF_CLOSE) {
			if (depth <= first)
				return; /* (more closes than opens: a broken writer) */
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
			const char *name = r.name;
			for (int open = r.type == HF_OPEN; open && hf_next(&pos, &r);)
				open += r.type == HF_OPEN ? 1 : r.type == HF_CLOSE ? -1 : 0;
			elem_skipped(c, name, depth);
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
	c->st.list_frame = -1;
	c->st.kind = BLK_PARA;
	acc_init(&c->para);
	c->acc = &c->para;
	/* the root element itself (html) is walked like the others */
	struct hframe *f = &c->frames[c->nframes++];
	memset(f, 0, sizeof *f);
	f->saved = c->st;
	return c;
}

static void ctx_finish(struct hctx *c)
{
	if (c->tb_active) /* unclosed table (libxml2 closes them; be safe) */
		tb_free(&c->tb);
	c->acc = &c->para;
	flush(c);
	acc_free(&c->para);
	free(c->marker);
	free(c->base);
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
}

void html_flat_to_doc(const struct html_flat *f, const char *base, const char *lang, struct doc *d)
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
		walk_flat(c, f, 2);
	elem_leave(c, 1);
	ctx_finish(c);
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

void html_tree_to_doc(const void *tree, const char *base, const char *lang, struct doc *d)
{
	html_flat_to_doc(tree, base, lang, d);
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
