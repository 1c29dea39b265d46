/* ui_article.c - the pager views: the article (its document built once, laid out again
 * only when the width changes) and the help (lines from the action table). */
#include "newsread/render.h"
#include "ui/ui_view.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

#define HSTEP 8 /* columns per sideways scroll of pre and table lines */

struct pager {
	struct lines lines;
	size_t top;
	int hoff;           /* sideways offset of pre/table lines */
	int textw;          /* layout width */
	int widest;         /* widest pre/table line */
	/* the article view */
	size_t *idx;        /* the list it was opened from */
	size_t n, pos;
	size_t *follow;     /* the opening list's selection, kept on pos (or NULL) */
	struct doc doc;
	int has_doc;
};

static struct article *pager_article(struct view *v)
{
	struct pager *p = v->data;
	return ui_articles(v->ui)->v[p->idx[p->pos]];
}

static size_t max_top(const struct pager *p, int height)
{
	return p->lines.n > (size_t)height ? p->lines.n - (size_t)height : 0;
}

/* The article's document with the stock pass the settings ask for. */
static void article_doc(struct ui *ui, struct article *a, struct doc *d)
{
	struct render_opts ro;
	settings_render_opts(ui_settings(ui), 0, 0, &ro);
	render_doc(a, &ro.stock, d);
}

/* Lay the lines out at width, keeping the reading position in proportion. */
static void pager_relayout(struct view *v, int width)
{
	struct pager *p = v->data;
	size_t oldn = p->lines.n, oldtop = p->top;
	lines_free(&p->lines);
	p->textw = width - 2 > 1 ? width - 2 : 1; /* one column of margin on each side */
	if (p->has_doc) {
		struct render_opts ro;
		settings_render_opts(ui_settings(v->ui), p->textw, 0, &ro);
		render_lines(pager_article(v), &p->doc, &ro.layout, &p->lines);
	} else
		ui_help_lines(p->textw, &p->lines);
	ui_count_layout(v->ui);
	p->widest = 0;
	for (size_t i = 0; i < p->lines.n; i++)
		if ((p->lines.v[i].flags & (LINE_PRE | LINE_TABLE)) && p->lines.v[i].width > p->widest)
			p->widest = p->lines.v[i].width;
	if (oldn && oldtop)
		p->top = (size_t)((double)oldtop * (double)p->lines.n / (double)oldn);
}

static void pager_layout(struct view *v, int width, int height)
{
	struct pager *p = v->data;
	if (width != v->width || !p->lines.n)
		pager_relayout(v, width);
	if (p->top > max_top(p, height))
		p->top = max_top(p, height);
}

static void pager_draw(struct view *v, WINDOW *w, int top, int height, int width)
{
	struct pager *p = v->data;
	int tw = p->textw < width - 2 ? p->textw : width - 2;
	for (int r = 0; r < height && p->top + (size_t)r < p->lines.n; r++) {
		const struct line *ln = &p->lines.v[p->top + (size_t)r];
		if ((ln->flags & (LINE_PRE | LINE_TABLE)) && (p->hoff || ln->width > tw)) {
			/* a wide pre/table line: the layout cuts the visible cells (W5) */
			struct lines cut = {0};
			layout_slice(ln, p->hoff, tw, &cut);
			if (cut.n)
				ui_draw_text(w, top + r, 1, tw, cut.v[0].text, cut.v[0].len, cut.v[0].spans,
					     cut.v[0].nspans, 0, TE_NORMAL);
			lines_free(&cut);
			continue;
		}
		ui_draw_text(w, top + r, 1, tw, ln->text, ln->len, ln->spans, ln->nspans, 0, TE_NORMAL);
	}
}

/* Switch to another article of the list. */
static void pager_open_pos(struct view *v, size_t pos)
{
	struct pager *p = v->data;
	if (p->has_doc)
		doc_free(&p->doc);
	p->pos = pos;
	if (p->follow)
		*p->follow = pos; /* back in the list, the article read last is selected */
	struct article *a = pager_article(v);
	article_doc(v->ui, a, &p->doc);
	p->has_doc = 1;
	a->read = 1;
	p->top = 0;
	p->hoff = 0;
	lines_free(&p->lines);
	if (v->width)
		pager_relayout(v, v->width);
}

static unsigned pager_request(struct view *v, enum ui_action a)
{
	struct pager *p = v->data;
	int h = v->height > 0 ? v->height : 1;
	size_t page = h > 1 ? (size_t)h - 1 : 1, half = h > 2 ? (size_t)h / 2 : 1, old = p->top;
	size_t mt = max_top(p, h);
	switch (a) {
	case ACT_DOWN: if (p->top < mt) p->top++; break;
	case ACT_UP: if (p->top) p->top--; break;
	case ACT_PAGE_DOWN: p->top = p->top + page < mt ? p->top + page : mt; break;
	case ACT_PAGE_UP: p->top = p->top > page ? p->top - page : 0; break;
	case ACT_HALF_DOWN: p->top = p->top + half < mt ? p->top + half : mt; break;
	case ACT_HALF_UP: p->top = p->top > half ? p->top - half : 0; break;
	case ACT_TOP: p->top = 0; break;
	case ACT_BOTTOM: p->top = mt; break;
	case ACT_BACK: return RD_POP;
	case ACT_SCROLL_RIGHT:
		if (p->widest <= p->textw) {
			ui_message(v->ui, "no wide lines to scroll");
			return RD_STATUS;
		}
		if (p->hoff + p->textw < p->widest)
			p->hoff += HSTEP;
		return RD_ALL;
	case ACT_SCROLL_LEFT:
		p->hoff = p->hoff > HSTEP ? p->hoff - HSTEP : 0;
		return RD_ALL;
	case ACT_NEXT_ARTICLE:
	case ACT_PREV_ARTICLE:
		if (!p->has_doc)
			return RD_NONE;
		if (a == ACT_NEXT_ARTICLE ? p->pos + 1 >= p->n : p->pos == 0) {
			ui_message(v->ui, a == ACT_NEXT_ARTICLE ? "this is the last article" : "this is the first article");
			return RD_STATUS;
		}
		pager_open_pos(v, a == ACT_NEXT_ARTICLE ? p->pos + 1 : p->pos - 1);
		return RD_ALL;
	default:
		return RD_NONE;
	}
	return p->top != old ? RD_ALL : RD_NONE;
}

static void pager_title(struct view *v, struct buf *out)
{
	struct pager *p = v->data;
	if (!p->has_doc) {
		buf_adds(out, "newsread: help");
		return;
	}
	const struct article *a = pager_article(v);
	buf_adds(out, a->title && *a->title ? a->title : "(untitled)");
}

static void pager_position(struct view *v, struct buf *out)
{
	struct pager *p = v->data;
	int h = v->height > 0 ? v->height : 1;
	size_t last = p->top + (size_t)h < p->lines.n ? p->top + (size_t)h : p->lines.n;
	size_t pct = p->lines.n <= (size_t)h ? 100 : last * 100 / p->lines.n;
	if (p->widest > p->textw)
		buf_printf(out, "</> +%d  ", p->hoff);
	if (p->has_doc && p->n > 1)
		buf_printf(out, "article %zu/%zu  ", p->pos + 1, p->n);
	buf_printf(out, "line %zu/%zu %zu%%", p->lines.n ? p->top + 1 : 0, p->lines.n, pct);
}

static void pager_free(struct view *v)
{
	struct pager *p = v->data;
	lines_free(&p->lines);
	if (p->has_doc)
		doc_free(&p->doc);
	free(p->idx);
	free(p);
}

static const struct view_ops article_ops = {
	.name = "article",
	.context = CX_ARTICLE,
	.layout = pager_layout,
	.draw = pager_draw,
	.request = pager_request,
	.title = pager_title,
	.position = pager_position,
	.free = pager_free,
};

static const struct view_ops help_ops = {
	.name = "help",
	.context = CX_HELP,
	.layout = pager_layout,
	.draw = pager_draw,
	.request = pager_request,
	.title = pager_title,
	.position = pager_position,
	.free = pager_free,
};

void ui_open_article(struct ui *ui, const size_t *idx, size_t n, size_t pos, size_t *follow)
{
	if (!n || pos >= n)
		return;
	struct pager *p = xcalloc(1, sizeof *p);
	p->idx = xmalloc(n * sizeof *p->idx);
	memcpy(p->idx, idx, n * sizeof *idx);
	p->n = n;
	p->pos = pos;
	p->follow = follow;
	struct article *a = ui_articles(ui)->v[idx[pos]];
	article_doc(ui, a, &p->doc); /* once per article; only the layout is redone on resize */
	p->has_doc = 1;
	a->read = 1;
	ui_push(ui, &article_ops, p);
}

void ui_open_help(struct ui *ui)
{
	struct pager *p = xcalloc(1, sizeof *p);
	ui_push(ui, &help_ops, p);
}
