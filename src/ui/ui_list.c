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
	struct cat_node **rows;  /* the visible nodes of ui_cattree (rebuilt with it) */
};

/* The rows of the tree as it is now, with the selection on the node at path parts[n]
 * when there is one (else it stays on its row number). */
static void tree_rows(struct view *v, const char *const *parts, size_t n)
{
	struct tree_view *tv = v->data;
	free(tv->rows);
	v->m.n = cattree_rows(ui_cattree(v->ui), &tv->rows);
	const struct cat_node *keep = parts ? cattree_find(ui_cattree(v->ui), parts, n) : NULL;
	for (size_t i = 0; keep && i < v->m.n; i++)
		if (tv->rows[i] == keep)
			v->m.sel = i;
	lview_fit(&v->m, v->height);
}

/* Rows again with the selection on node n (its names stay valid meanwhile: the rows are
 * pointers into the tree, and an old tree outlives the refresh of its views). */
static void tree_rows_at(struct view *v, const struct cat_node *n)
{
	const char *parts[CATTREE_MAX_DEPTH];
	size_t k = cattree_parts(n, parts);
	tree_rows(v, parts, k);
}

static void tree_layout(struct view *v, int width, int height)
{
	(void)v;
	(void)width;
	(void)height;
}

static size_t unread_count(struct articles *l, const struct cat_node *n)
{
	size_t u = 0;
	for (size_t i = 0; i < n->narts; i++) {
		const struct article *a = articles_get(l, n->arts[i]);
		if (a && !a->read)
			u++;
	}
	return u;
}

static void tree_draw(struct view *v, WINDOW *w, int top, int height, int width)
{
	struct tree_view *tv = v->data;
	struct articles *l = ui_articles(v->ui);
	int limit = width - 1;
	for (int r = 0; r < height && v->m.top + (size_t)r < v->m.n; r++) {
		size_t i = v->m.top + (size_t)r;
		const struct cat_node *n = tv->rows[i];
		int sel = i == v->m.sel, y = top + r, x = 1;
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
	if (!v->m.n)
		return RD_NONE;
	struct cat_node *n = tv->rows[v->m.sel];
	switch (a) {
	case ACT_EXPAND:
		if (n->nkids && !n->expanded && n->depth >= 0) {
			n->expanded = 1;
			tree_rows_at(v, n);
		} else {
			ui_open_list(v->ui, n);
		}
		return RD_ALL;
	case ACT_COLLAPSE:
		if (n->nkids && n->expanded && n->depth >= 0) {
			n->expanded = 0;
			tree_rows_at(v, n);
		} else if (n->parent) {
			tree_rows_at(v, n->parent);
		}
		return RD_ALL;
	case ACT_SOURCES:
		ui_open_sources(v->ui);
		return RD_ALL;
	default:
		return RD_NONE;
	}
}

/* The old tree is still alive (ui_articles_changed frees it after the views): take the
 * selected node's path from it, then find that path in the new tree. */
static unsigned tree_reload(struct view *v)
{
	struct tree_view *tv = v->data;
	if (!v->m.n) {
		tree_rows(v, NULL, 0);
		return RD_ALL;
	}
	tree_rows_at(v, tv->rows[v->m.sel]);
	return RD_ALL;
}

static int tree_match(struct view *v, size_t row, const char *needle)
{
	struct tree_view *tv = v->data;
	return row < v->m.n && tv->rows[row]->depth >= 0 && strstr(tv->rows[row]->name, needle) != NULL;
}

static void tree_title(struct view *v, struct buf *out)
{
	const struct cat_tree *t = ui_cattree(v->ui);
	buf_printf(out, "%s: %zu articles in %zu categories", ui_title(v->ui), t->root.narts, t->ncats);
}

static void tree_position(struct view *v, struct buf *out)
{
	buf_printf(out, "%zu/%zu", v->m.n ? v->m.sel + 1 : 0, v->m.n);
}

static void tree_free(struct view *v)
{
	struct tree_view *tv = v->data;
	free(tv->rows);
	free(tv);
}

static const struct view_ops tree_ops;

const struct cat_node *ui_tree_node(struct view *v)
{
	struct tree_view *tv = v->data;
	return v->ops == &tree_ops && v->m.sel < v->m.n ? tv->rows[v->m.sel] : NULL;
}

static const struct view_ops tree_ops = {
	.name = "tree",
	.context = CXI_TREE,
	.layout = tree_layout,
	.draw = tree_draw,
	.request = tree_request,
	.title = tree_title,
	.position = tree_position,
	.free = tree_free,
	.reload = tree_reload,
	.match = tree_match,
};

void ui_open_tree(struct ui *ui)
{
	struct tree_view *tv = xcalloc(1, sizeof *tv);
	struct view *v = ui_push(ui, &tree_ops, tv);
	if (!v)
		return;
	tree_rows(v, NULL, 0);
	if (v->m.n > 1)
		v->m.sel = 1; /* the first category, not "All articles" */
}

/* ---- the article list ---- */

struct list_view {
	char *name;       /* category path "a / b" or the source's name, NULL for all articles */
	char *source;     /* a source's list: its articles' source (else a category's list) */
	char *parts[CATTREE_MAX_DEPTH]; /* the node's path in the tree, to find it again */
	size_t nparts;
	article_handle *h; /* the rows: the node's articles, newest first (v->m.n) */
	int short_date;   /* the width only allows MM-DD */
	int wsrc;         /* width of the source column (0: none, the rows share one source) */
};

#define LIST_SRC_MAX 20 /* widest source column */

/* Layout: the source column when the rows come from several sources, as wide as the
 * widest name, at most LIST_SRC_MAX and a quarter of the row. */
static void list_src_width(struct view *v, int width)
{
	struct list_view *lv = v->data;
	struct articles *l = ui_articles(v->ui);
	const char *first = NULL;
	int several = 0, wmax = 0;
	for (size_t i = 0; i < v->m.n; i++) {
		const struct article *a = articles_get(l, lv->h[i]);
		if (!a)
			continue;
		const char *s = article_source_name(a);
		if (!first)
			first = s;
		else if (strcmp(first, s) != 0)
			several = 1;
		char *c = ui_clean(s);
		int w = text_width(c, strlen(c));
		free(c);
		if (w > wmax)
			wmax = w;
	}
	int cap = width / 4 < LIST_SRC_MAX ? width / 4 : LIST_SRC_MAX;
	lv->wsrc = several && cap >= 6 ? (wmax < cap ? wmax : cap) : 0;
}

static void list_layout(struct view *v, int width, int height)
{
	struct list_view *lv = v->data;
	(void)height;
	lv->short_date = width < 60;
	list_src_width(v, width);
}

static void list_draw(struct view *v, WINDOW *w, int top, int height, int width)
{
	struct list_view *lv = v->data;
	struct articles *l = ui_articles(v->ui);
	int limit = width - 1;
	if (!v->m.n) {
		int x = 2;
		put_text(w, top, &x, limit, "(no articles)", TE_META);
		return;
	}
	for (int r = 0; r < height && v->m.top + (size_t)r < v->m.n; r++) {
		size_t i = v->m.top + (size_t)r;
		const struct article *a = articles_get(l, lv->h[i]);
		if (!a)
			continue;
		int sel = i == v->m.sel, y = top + r, x = 1;
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
		if (lv->wsrc) {
			struct buf b;
			buf_init(&b);
			char *c = ui_clean(article_source_name(a));
			ui_fit(&b, c, lv->wsrc, 0);
			buf_adds(&b, "  ");
			put_text(w, y, &x, limit, b.s, sel_elem(sel, TE_META));
			free(c);
			buf_free(&b);
		}
		put_text(w, y, &x, limit, a->title && *a->title ? a->title : "(untitled)",
			 sel_elem(sel, a->read ? TE_READ : TE_UNREAD));
	}
}

static article_handle list_selected(struct view *v)
{
	struct list_view *lv = v->data;
	return v->m.n ? lv->h[v->m.sel] : 0;
}

static unsigned list_request(struct view *v, enum ui_action a)
{
	struct article *art = articles_get(ui_articles(v->ui), list_selected(v));
	switch (a) {
	case ACT_OPEN:
		if (art)
			ui_open_article(v->ui, art->handle);
		return RD_ALL;
	case ACT_BACK:
		return RD_POP;
	case ACT_TOGGLE_READ:
		return art ? ui_mark_read(v->ui, art, !art->read) : RD_ALL;
	case ACT_SOURCES:
		ui_open_sources(v->ui);
		return RD_ALL;
	default:
		return RD_NONE;
	}
}

/* The rows of the node at the list's path in the tree as it is now (none when the node
 * is gone); the selection stays on its article (lview_resync). */
/* The handles of the articles whose source is key, in the collection's order. */
static size_t source_handles(struct articles *l, const char *key, article_handle **out)
{
	size_t n = 0;
	*out = xmalloc((l->n ? l->n : 1) * sizeof **out);
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i]->source && strcmp(l->v[i]->source, key) == 0)
			(*out)[n++] = l->v[i]->handle;
	return n;
}

static unsigned list_reload(struct view *v)
{
	struct list_view *lv = v->data;
	article_handle *h;
	size_t nn;
	if (lv->source) {
		nn = source_handles(ui_articles(v->ui), lv->source, &h);
	} else {
		const struct cat_node *n = cattree_find(ui_cattree(v->ui), (const char *const *)lv->parts, lv->nparts);
		nn = n ? n->narts : 0;
		h = xmalloc((nn ? nn : 1) * sizeof *h);
		if (nn)
			memcpy(h, n->arts, nn * sizeof *h);
	}
	lview_resync(&v->m, lv->h, v->m.n, h, nn);
	free(lv->h);
	lv->h = h;
	lview_fit(&v->m, v->height);
	v->width = 0; /* the source column may change: lay out again */
	return RD_ALL;
}

static article_handle list_step(struct view *v, article_handle from, int delta, size_t *pos, size_t *n)
{
	struct list_view *lv = v->data;
	size_t i = v->m.n && lv->h[v->m.sel] == from ? v->m.sel : 0; /* usually the selection */
	while (i < v->m.n && lv->h[i] != from)
		i++;
	if (i == v->m.n || (delta < 0 && i < (size_t)-delta) || (delta > 0 && i + (size_t)delta >= v->m.n))
		return 0;
	i = delta < 0 ? i - (size_t)-delta : i + (size_t)delta;
	v->m.sel = i; /* back in the list, the article read last is selected */
	lview_fit(&v->m, v->height);
	*pos = i;
	*n = v->m.n;
	return lv->h[i];
}

static int list_match(struct view *v, size_t row, const char *needle)
{
	struct list_view *lv = v->data;
	const struct article *a = row < v->m.n ? articles_get(ui_articles(v->ui), lv->h[row]) : NULL;
	return a && a->title && strstr(a->title, needle) != NULL;
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
	buf_printf(out, "%zu/%zu", v->m.n ? v->m.sel + 1 : 0, v->m.n);
}

static void list_free(struct view *v)
{
	struct list_view *lv = v->data;
	free(lv->name);
	free(lv->source);
	for (size_t i = 0; i < lv->nparts; i++)
		free(lv->parts[i]);
	free(lv->h);
	free(lv);
}

static const struct view_ops list_ops = {
	.name = "list",
	.context = CXI_LIST,
	.layout = list_layout,
	.draw = list_draw,
	.request = list_request,
	.title = list_title,
	.position = list_position,
	.free = list_free,
	.reload = list_reload,
	.selected = list_selected,
	.step = list_step,
	.match = list_match,
};

void ui_open_list(struct ui *ui, const struct cat_node *n)
{
	struct list_view *lv = xcalloc(1, sizeof *lv);
	lv->name = n->depth < 0 ? NULL : cattree_path(n);
	const char *parts[CATTREE_MAX_DEPTH];
	lv->nparts = cattree_parts(n, parts);
	for (size_t i = 0; i < lv->nparts; i++)
		lv->parts[i] = xstrdup(parts[i]);
	lv->h = xmalloc((n->narts ? n->narts : 1) * sizeof *lv->h);
	if (n->narts)
		memcpy(lv->h, n->arts, n->narts * sizeof *lv->h);
	struct view *v = ui_push(ui, &list_ops, lv);
	if (v)
		v->m.n = n->narts;
}

void ui_open_source_list(struct ui *ui, const char *key, const char *name)
{
	struct list_view *lv = xcalloc(1, sizeof *lv);
	lv->name = xstrdup(name);
	lv->source = xstrdup(key);
	size_t n = source_handles(ui_articles(ui), key, &lv->h);
	struct view *v = ui_push(ui, &list_ops, lv);
	if (v)
		v->m.n = n;
}
