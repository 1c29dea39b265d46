/* html_tags.c - the element handlers and the one tag table html.c's walk dispatches
 * through: what each element starts, adds and ends in the document (blocks, lists,
 * links, images and media, ruby, quotations, tables). */
#include "newsread/html.h"
#include "html/html_walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	f->counter = f->ordered ? html_attr_int(e, "start", 1, -999999, 999999) - 1 : 0;
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
		l->counter = html_attr_int(e, "value", l->counter + 1, -999999, 999999);
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
		struct hattr at = html_cur_attr(c, 0);
		acc_space(c->acc, &at);
	}
	return 0;
}

static int enter_wbr(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	struct hattr at = html_cur_attr(c, 0);
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
	(void)e;
	/* (a pass may take the number back: doc_unlink) */
	if (!c->text_only && link_numbered(f->attr[DA_HREF])) {
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
		struct hattr at = {ST_MARK, f->link_no, f->elem, 0};
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
	struct hattr at = html_cur_attr(c, 0);
	at.style = (at.style & ~(unsigned)ST_LINK) | style;
	at.link = no > 0 ? no : 0;
	acc_settle(c->acc, '[');
	acc_put(c->acc, b.s, b.len, &at);
	buf_free(&b);
}

/* Number a media URL (resolved) and return its number, or 0 without one. */
static int media_number(struct hctx *c, const char *src)
{
	if (!html_url_usable(src))
		return 0;
	char *u = url_resolve(c->base, src);
	int no = doc_add_link(c->d, u);
	free(u);
	return no;
}

static const char *img_attr(const void *e, const char *name)
{
	return html_attr(e, name);
}

static int enter_img(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)f;
	if (c->text_only)
		return 0;
	const char *w = html_attr(e, "width"), *h = html_attr(e, "height");
	if (w && h && atoi(w) == 1 && atoi(h) == 1)
		return 0; /* a tracking pixel */
	char *src = html_img_src(img_attr, e);
	int no = media_number(c, src);
	free(src);
	const char *alt = html_attr(e, "alt");
	if (!alt || !*alt)
		alt = html_attr(e, "title");
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
	const char *src = html_attr(e, "src");
	/* (a flat body has no media: reader mode does not keep them) */
	for (xmlNode *k = e->node ? e->node->children : NULL; k && !html_url_usable(src); k = k->next)
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
	struct hattr at = html_cur_attr(c, 1);
	acc_text(c->acc, m, strlen(m), &at, 0, 0);
	return 1;
}

static void leave_q(struct hctx *c, struct hframe *f)
{
	(void)f;
	if (c->qdepth < 1)
		return;
	const char *m = q_mark(c, c->qdepth--, 1);
	struct hattr at = html_cur_attr(c, 1);
	acc_text(c->acc, m, strlen(m), &at, 0, 0);
}

static int enter_rt(struct hctx *c, const struct helem *e, struct hframe *f)
{
	(void)e; (void)f;
	if (c->st.ruby_paren && c->st.group) {
		struct hattr at = html_cur_attr(c, 1);
		acc_put(c->acc, "（", 3, &at);
	}
	return 1;
}

static void leave_rt(struct hctx *c, struct hframe *f)
{
	(void)f;
	if (c->st.ruby_paren && c->st.group) {
		struct hattr at = html_cur_attr(c, 1);
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
		c->tb.cell.doc = c->text_only ? NULL : c->d;
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
	html_flush(c); /* a caption or stray text before the table */
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
	struct hattr at = html_cur_attr(c, 0);
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
	html_flush(c); /* text that strayed outside the cells */
	tb_cell_begin(&c->tb, e->name[1] == 'h' || c->tb.thead, html_attr_int(e, "colspan", 1, 1, HTML_MAX_COLS),
		      html_attr_int(e, "rowspan", 1, 1, HTML_MAX_ROWSPAN));
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

/* The handlers, styles and walk flags of the elements that have any, by element number;
 * what an element is (block, dropped) is the element table's (newsread/element.h).
 * Elements without an entry are inline containers: so are object/applet (their content
 * is the fallback a terminal needs) and embed (libxml2 makes the text after an unclosed
 * <embed> its child). */
static const struct tag_def defs[HE_COUNT] = {
	[HE_A] = {0, 0, enter_a, leave_a},
	[HE_ADDRESS] = {0, 0, enter_div, NULL},
	[HE_ARTICLE] = {0, 0, enter_div, NULL},
	[HE_ASIDE] = {0, 0, enter_div, NULL},
	[HE_AUDIO] = {T_LEAF, 0, enter_media, NULL},
	[HE_B] = {0, ST_BOLD, NULL, NULL},
	[HE_BLOCKQUOTE] = {0, ST_QUOTE, enter_quote, NULL},
	[HE_BODY] = {0, 0, enter_div, NULL},
	[HE_BR] = {T_LEAF | T_ANY_DEPTH, 0, enter_br, NULL},
	[HE_CAPTION] = {0, 0, enter_caption, NULL},
	[HE_CENTER] = {0, 0, enter_div, NULL},
	[HE_CITE] = {0, ST_ITALIC, NULL, NULL},
	[HE_CODE] = {0, ST_CODE, NULL, NULL},
	[HE_DD] = {0, 0, enter_dd, NULL},
	[HE_DETAILS] = {0, 0, enter_div, NULL},
	[HE_DFN] = {0, ST_ITALIC, NULL, NULL},
	[HE_DIR] = {0, 0, enter_list, NULL},
	[HE_DIV] = {0, 0, enter_div, NULL},
	[HE_DL] = {0, 0, enter_div, NULL},
	[HE_DT] = {0, ST_BOLD, enter_div, NULL},
	[HE_EM] = {0, ST_ITALIC, NULL, NULL},
	[HE_FIELDSET] = {0, 0, enter_div, NULL},
	[HE_FIGCAPTION] = {0, 0, enter_div, NULL},
	[HE_FIGURE] = {0, 0, enter_div, NULL},
	[HE_FOOTER] = {0, 0, enter_div, NULL},
	[HE_H1] = {0, ST_HEADING | ST_BOLD, enter_heading, NULL},
	[HE_H2] = {0, ST_HEADING | ST_BOLD, enter_heading, NULL},
	[HE_H3] = {0, ST_HEADING | ST_BOLD, enter_heading, NULL},
	[HE_H4] = {0, ST_HEADING | ST_BOLD, enter_heading, NULL},
	[HE_H5] = {0, ST_HEADING | ST_BOLD, enter_heading, NULL},
	[HE_H6] = {0, ST_HEADING | ST_BOLD, enter_heading, NULL},
	[HE_HEADER] = {0, 0, enter_div, NULL},
	[HE_HGROUP] = {0, 0, enter_div, NULL},
	[HE_HR] = {0, 0, enter_hr, NULL},
	[HE_I] = {0, ST_ITALIC, NULL, NULL},
	[HE_IMG] = {T_LEAF, 0, enter_img, NULL},
	[HE_KBD] = {0, ST_CODE, NULL, NULL},
	[HE_LEGEND] = {0, 0, enter_div, NULL},
	[HE_LI] = {0, 0, enter_li, NULL},
	[HE_LISTING] = {0, ST_CODE, enter_pre, NULL},
	[HE_MAIN] = {0, 0, enter_div, NULL},
	[HE_MENU] = {0, 0, enter_list, NULL},
	[HE_NAV] = {0, 0, enter_div, NULL},
	[HE_OL] = {0, 0, enter_list, NULL},
	[HE_P] = {0, 0, enter_p, NULL},
	[HE_PLAINTEXT] = {0, ST_CODE, enter_pre, NULL},
	[HE_PRE] = {0, ST_CODE, enter_pre, NULL},
	[HE_Q] = {0, 0, enter_q, leave_q},
	[HE_RT] = {0, 0, enter_rt, leave_rt},
	[HE_RUBY] = {0, 0, enter_ruby, NULL},
	[HE_SAMP] = {0, ST_CODE, NULL, NULL},
	[HE_SECTION] = {0, 0, enter_div, NULL},
	[HE_STRONG] = {0, ST_BOLD, NULL, NULL},
	[HE_SUMMARY] = {0, ST_BOLD, enter_div, NULL},
	[HE_TABLE] = {0, 0, enter_table, leave_table},
	[HE_TD] = {0, 0, enter_cell, leave_cell},
	[HE_TH] = {0, ST_BOLD, enter_cell, leave_cell},
	[HE_THEAD] = {0, 0, enter_thead, leave_thead},
	[HE_TR] = {0, 0, enter_tr, NULL},
	[HE_TT] = {0, ST_CODE, NULL, NULL},
	[HE_UL] = {0, 0, enter_list, NULL},
	[HE_VAR] = {0, ST_ITALIC, NULL, NULL},
	[HE_VIDEO] = {T_LEAF, 0, enter_media, NULL},
	[HE_WBR] = {0, 0, enter_wbr, NULL},
	[HE_XMP] = {0, ST_CODE, enter_pre, NULL},
};

const struct tag_def *html_tag_def(unsigned id)
{
	return id < HE_COUNT ? &defs[id] : &defs[HE_OTHER];
}
