/* ui_article.c - the pager views: the article (its document built once, laid out again
 * only when the width changes) and the help (lines from the action table). */
#include "newsread/render.h"
#include "ui/ui_view.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

#define HSTEP 8 /* columns per sideways scroll of pre and table lines */

struct pager {
	struct lines lines;  /* the rows of the view's model (v->m, a pager) */
	int hoff;           /* sideways offset of pre/table lines */
	int textw;          /* layout width */
	int widest;         /* widest pre/table line */
	/* the article view */
	article_handle cur; /* the article shown */
	struct doc doc;
	int has_doc;
};

static struct article *pager_article(struct view *v)
{
	struct pager *p = v->data;
	return articles_get(ui_articles(v->ui), p->cur);
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
	size_t oldn = p->lines.n, oldtop = v->m.top;
	lines_free(&p->lines);
	p->textw = width - 2 > 1 ? width - 2 : 1; /* one column of margin on each side */
	if (p->has_doc) {
		struct render_opts ro;
		settings_render_opts(ui_settings(v->ui), p->textw, 0, &ro);
		render_lines(pager_article(v), &p->doc, &ro.layout, &p->lines);
	} else {
		ui_help_lines(ui_keymap(v->ui), p->textw, &p->lines);
	}
	ui_count_layout(v->ui);
	p->widest = 0;
	for (size_t i = 0; i < p->lines.n; i++)
		if ((p->lines.v[i].flags & (LINE_PRE | LINE_TABLE)) && p->lines.v[i].width > p->widest)
			p->widest = p->lines.v[i].width;
	if (oldn && oldtop)
		v->m.top = (size_t)((double)oldtop * (double)p->lines.n / (double)oldn);
	v->m.n = p->lines.n;
}

static void pager_layout(struct view *v, int width, int height)
{
	struct pager *p = v->data;
	if (width != v->width || !p->lines.n)
		pager_relayout(v, width);
	lview_fit(&v->m, height);
}

static void pager_draw(struct view *v, WINDOW *w, int top, int height, int width)
{
	struct pager *p = v->data;
	int tw = p->textw < width - 2 ? p->textw : width - 2;
	for (int r = 0; r < height && v->m.top + (size_t)r < p->lines.n; r++) {
		const struct line *ln = &p->lines.v[v->m.top + (size_t)r];
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

/* Show the article with handle h (it is in the collection): its document built once,
 * laid out again only when the width changes. */
static void pager_show(struct view *v, article_handle h)
{
	struct pager *p = v->data;
	if (p->has_doc)
		doc_free(&p->doc);
	p->cur = h;
	struct article *a = pager_article(v);
	article_doc(v->ui, a, &p->doc);
	p->has_doc = 1;
	ui_mark_read(v->ui, a, 1);
	v->m.top = 0;
	p->hoff = 0;
	lines_free(&p->lines);
	v->m.n = 0;
	if (v->width)
		pager_relayout(v, v->width);
}

static unsigned pager_request(struct view *v, enum ui_action a)
{
	struct pager *p = v->data;
	switch (a) {
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
	case ACT_PREV_ARTICLE: {
		if (!p->has_doc)
			return RD_NONE;
		/* the opener (the list below) knows the order, and selects what we show */
		struct view *below = ui_below(v->ui, v);
		size_t pos, n;
		article_handle h = below && below->ops->step
					   ? below->ops->step(below, p->cur, a == ACT_NEXT_ARTICLE ? 1 : -1, &pos, &n)
					   : 0;
		if (!h) {
			ui_message(v->ui, a == ACT_NEXT_ARTICLE ? "this is the last article" : "this is the first article");
			return RD_STATUS;
		}
		pager_show(v, h);
		return RD_ALL;
	}
	default:
		return RD_NONE;
	}
}

/* The article shown is still there: nothing changes. It was removed: show the one the
 * opener selects now (its selection moved to the next or previous article), else close. */
static unsigned pager_reload(struct view *v)
{
	struct pager *p = v->data;
	if (!p->has_doc || pager_article(v))
		return RD_NONE;
	struct view *below = ui_below(v->ui, v);
	article_handle h = below && below->ops->selected ? below->ops->selected(below) : 0;
	if (!h || !articles_get(ui_articles(v->ui), h))
		return RD_POP;
	pager_show(v, h);
	return RD_ALL;
}

static article_handle pager_selected(struct view *v)
{
	struct pager *p = v->data;
	return p->has_doc ? p->cur : 0;
}

static int pager_match(struct view *v, size_t row, const char *needle)
{
	struct pager *p = v->data;
	return row < p->lines.n && strstr(p->lines.v[row].text, needle) != NULL;
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
	size_t top = v->m.top;
	size_t last = top + (size_t)h < p->lines.n ? top + (size_t)h : p->lines.n;
	size_t pct = p->lines.n <= (size_t)h ? 100 : last * 100 / p->lines.n;
	if (p->widest > p->textw)
		buf_printf(out, "</> +%d  ", p->hoff);
	struct view *below = p->has_doc ? ui_below(v->ui, v) : NULL;
	size_t pos, n;
	if (below && below->ops->step && below->ops->step(below, p->cur, 0, &pos, &n) && n > 1)
		buf_printf(out, "article %zu/%zu  ", pos + 1, n);
	buf_printf(out, "line %zu/%zu %zu%%", p->lines.n ? top + 1 : 0, p->lines.n, pct);
}

static void pager_free(struct view *v)
{
	struct pager *p = v->data;
	lines_free(&p->lines);
	if (p->has_doc)
		doc_free(&p->doc);
	free(p);
}

static const struct view_ops article_ops = {
	.name = "article",
	.context = CXI_ARTICLE,
	.layout = pager_layout,
	.draw = pager_draw,
	.request = pager_request,
	.title = pager_title,
	.position = pager_position,
	.free = pager_free,
	.reload = pager_reload,
	.selected = pager_selected,
	.match = pager_match,
};

static const struct view_ops help_ops = {
	.name = "help",
	.context = CXI_HELP,
	.layout = pager_layout,
	.draw = pager_draw,
	.request = pager_request,
	.title = pager_title,
	.position = pager_position,
	.free = pager_free,
	.match = pager_match,
};

void ui_open_article(struct ui *ui, article_handle h)
{
	if (!articles_get(ui_articles(ui), h))
		return;
	struct pager *p = xcalloc(1, sizeof *p);
	struct view *v = ui_push(ui, &article_ops, p);
	if (!v)
		return;
	v->m.pager = 1;
	pager_show(v, h);
}

void ui_open_help(struct ui *ui)
{
	struct pager *p = xcalloc(1, sizeof *p);
	struct view *v = ui_push(ui, &help_ops, p);
	if (v)
		v->m.pager = 1;
}
