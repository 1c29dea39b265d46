/* ui_list.c - the category tree view and the article list view. */
#include "newsread/render.h"
#include "ui/ui_view.h"
#include "newsread/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum theme_elem sel_elem(int selected, enum theme_elem e)
{
	return selected ? TE_SELECTED : e;
}

/* Draw a plain (unsanitized) string at *x within the row's limit; advances *x. */
static void put_text(WINDOW *w, int y, int *x, int limit, const char *s, enum theme_elem e)
{
	if (*x >= limit)
		return;
	char *c = ui_clean(s);
	*x += ui_draw_text(w, y, *x, limit - *x, c, strlen(c), NULL, 0, 0, e);
	free(c);
}

/* ---- the category tree ---- */

struct tree_view {
	struct cat_tree *t;
	struct cat_node **rows;
	size_t nrows;
	struct ui_cursor cur;
};

static void tree_rows(struct tree_view *tv, const struct cat_node *keep)
{
	free(tv->rows);
	tv->nrows = cattree_rows(tv->t, &tv->rows);
	tv->cur.n = tv->nrows;
	for (size_t i = 0; keep && i < tv->nrows; i++)
		if (tv->rows[i] == keep)
			tv->cur.sel = i;
}

static void tree_layout(struct view *v, int width, int height)
{
	(void)width;
	struct tree_view *tv = v->data;
	ui_cursor_fit(&tv->cur, height);
}

static size_t unread_count(struct articles *l, const struct cat_node *n)
{
	size_t u = 0;
	for (size_t i = 0; i < n->narts; i++)
		if (!l->v[n->arts[i]]->read)
			u++;
	return u;
}

static void tree_draw(struct view *v, WINDOW *w, int top, int height, int width)
{
	struct tree_view *tv = v->data;
	struct articles *l = ui_articles(v->ui);
	int limit = width - 1;
	for (int r = 0; r < height && tv->cur.top + (size_t)r < tv->nrows; r++) {
		size_t i = tv->cur.top + (size_t)r;
		const struct cat_node *n = tv->rows[i];
		int sel = i == tv->cur.sel, y = top + r, x = 1;
		if (sel)
			ui_fill(w, y, 0, width, TE_SELECTED);
		int indent = 2 * (n->depth + 1);
		for (int k = 0; k < indent && x < limit; k++)
			put_text(w, y, &x, limit, " ", sel_elem(sel, TE_NORMAL));
		const char *marker = n->depth < 0 ? "" : !n->nkids ? "  " : n->expanded ? "- " : "+ ";
		put_text(w, y, &x, limit, marker, sel_elem(sel, TE_TREE));
		put_text(w, y, &x, limit, n->depth < 0 ? "All articles" : n->name, sel_elem(sel, TE_TREE));
		char count[64];
		size_t u = unread_count(l, n);
		if (u && u != n->narts)
			snprintf(count, sizeof count, "  (%zu, %zu unread)", n->narts, u);
		else
			snprintf(count, sizeof count, "  (%zu)", n->narts);
		put_text(w, y, &x, limit, count, sel_elem(sel, TE_COUNT));
	}
}

static unsigned tree_request(struct view *v, enum ui_action a)
{
	struct tree_view *tv = v->data;
	if (!tv->nrows)
		return RD_NONE;
	struct cat_node *n = tv->rows[tv->cur.sel];
	switch (a) {
	case ACT_EXPAND:
		if (n->nkids && !n->expanded && n->depth >= 0) {
			n->expanded = 1;
			tree_rows(tv, n);
		} else {
			char *path = n->depth < 0 ? NULL : cattree_path(n);
			ui_open_list(v->ui, path, n->arts, n->narts);
			free(path);
		}
		return RD_ALL;
	case ACT_COLLAPSE:
		if (n->nkids && n->expanded && n->depth >= 0) {
			n->expanded = 0;
			tree_rows(tv, n);
		} else if (n->parent) {
			tree_rows(tv, n->parent);
		}
		ui_cursor_fit(&tv->cur, v->height);
		return RD_ALL;
	default:
		return ui_cursor_move(&tv->cur, a, v->height);
	}
}

static void tree_title(struct view *v, struct buf *out)
{
	struct tree_view *tv = v->data;
	buf_printf(out, "%s: %zu articles in %zu categories", ui_title(v->ui), tv->t->root.narts, tv->t->ncats);
}

static void tree_position(struct view *v, struct buf *out)
{
	struct tree_view *tv = v->data;
	buf_printf(out, "%zu/%zu", tv->nrows ? tv->cur.sel + 1 : 0, tv->nrows);
}

static void tree_free(struct view *v)
{
	struct tree_view *tv = v->data;
	free(tv->rows);
	free(tv);
}

static const struct view_ops tree_ops = {
	.name = "tree",
	.context = CX_TREE,
	.layout = tree_layout,
	.draw = tree_draw,
	.request = tree_request,
	.title = tree_title,
	.position = tree_position,
	.free = tree_free,
};

void ui_open_tree(struct ui *ui, struct cat_tree *t)
{
	struct tree_view *tv = xcalloc(1, sizeof *tv);
	tv->t = t;
	tree_rows(tv, NULL);
	if (tv->nrows > 1)
		tv->cur.sel = 1; /* the first category, not "All articles" */
	ui_push(ui, &tree_ops, tv);
}

/* ---- the article list ---- */

struct list_view {
	char *name;       /* category path, or NULL for all articles */
	size_t *idx;      /* article indexes, newest first */
	size_t n;
	struct ui_cursor cur;
	int short_date;   /* the width only allows MM-DD */
};

static void list_layout(struct view *v, int width, int height)
{
	struct list_view *lv = v->data;
	lv->short_date = width < 60;
	ui_cursor_fit(&lv->cur, height);
}

static void list_draw(struct view *v, WINDOW *w, int top, int height, int width)
{
	struct list_view *lv = v->data;
	struct articles *l = ui_articles(v->ui);
	int limit = width - 1;
	if (!lv->n) {
		int x = 2;
		put_text(w, top, &x, limit, "(no articles)", TE_META);
		return;
	}
	ui_cursor_fit(&lv->cur, height); /* the selection may have followed n/p in the article */
	for (int r = 0; r < height && lv->cur.top + (size_t)r < lv->n; r++) {
		size_t i = lv->cur.top + (size_t)r;
		const struct article *a = l->v[lv->idx[i]];
		int sel = i == lv->cur.sel, y = top + r, x = 1;
		if (sel)
			ui_fill(w, y, 0, width, TE_SELECTED);
		put_text(w, y, &x, limit, a->read ? "  " : "N ", sel_elem(sel, TE_UNREAD));
		char date[64];
		render_date(a, date, sizeof date);
		if (!date[0])
			snprintf(date, sizeof date, "%s", lv->short_date ? "     " : "                ");
		const char *d = date;
		if (lv->short_date && date[0] != ' ' && strlen(date) >= 10) {
			date[10] = '\0'; /* MM-DD */
			d = date + 5;
		}
		put_text(w, y, &x, limit, d, sel_elem(sel, TE_DATE));
		put_text(w, y, &x, limit, "  ", sel_elem(sel, TE_NORMAL));
		put_text(w, y, &x, limit, a->title && *a->title ? a->title : "(untitled)",
			 sel_elem(sel, a->read ? TE_READ : TE_UNREAD));
	}
}

static unsigned list_request(struct view *v, enum ui_action a)
{
	struct list_view *lv = v->data;
	struct articles *l = ui_articles(v->ui);
	switch (a) {
	case ACT_OPEN:
		if (lv->n)
			ui_open_article(v->ui, lv->idx, lv->n, lv->cur.sel, &lv->cur.sel);
		return RD_ALL;
	case ACT_BACK:
		return RD_POP;
	case ACT_TOGGLE_READ:
		if (lv->n) {
			struct article *art = l->v[lv->idx[lv->cur.sel]];
			art->read = !art->read;
		}
		return RD_ALL;
	default:
		return ui_cursor_move(&lv->cur, a, v->height);
	}
}

static void list_title(struct view *v, struct buf *out)
{
	struct list_view *lv = v->data;
	buf_adds(out, ui_title(v->ui));
	if (lv->name)
		buf_printf(out, " / %s", lv->name);
}

static void list_position(struct view *v, struct buf *out)
{
	struct list_view *lv = v->data;
	buf_printf(out, "%zu/%zu", lv->n ? lv->cur.sel + 1 : 0, lv->n);
}

static void list_free(struct view *v)
{
	struct list_view *lv = v->data;
	free(lv->name);
	free(lv->idx);
	free(lv);
}

static const struct view_ops list_ops = {
	.name = "list",
	.context = CX_LIST,
	.layout = list_layout,
	.draw = list_draw,
	.request = list_request,
	.title = list_title,
	.position = list_position,
	.free = list_free,
};

void ui_open_list(struct ui *ui, const char *name, const size_t *idx, size_t n)
{
	struct list_view *lv = xcalloc(1, sizeof *lv);
	lv->name = xstrdup(name);
	lv->idx = xmalloc((n ? n : 1) * sizeof *lv->idx);
	if (n)
		memcpy(lv->idx, idx, n * sizeof *idx);
	lv->n = n;
	lv->cur.n = n;
	ui_push(ui, &list_ops, lv);
}
