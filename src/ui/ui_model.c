/* ui_model.c - the line-view model every view shares: rows seen through a window, moved
 * by the same actions (lines, pages, half pages, ends), a selection kept on its article
 * when the rows change, and a search over the rows through the view's match op. Pure:
 * no curses calls. */
#include "ui/ui_view.h"
#include "newsread/util.h"

#include <stdlib.h>

int lview_is_move(enum ui_action a)
{
	switch (a) {
	case ACT_DOWN: case ACT_UP: case ACT_PAGE_DOWN: case ACT_PAGE_UP:
	case ACT_HALF_DOWN: case ACT_HALF_UP: case ACT_TOP: case ACT_BOTTOM:
		return 1;
	default:
		return 0;
	}
}

/* The highest top that still fills a window of h rows. */
static size_t max_top(const struct lview *m, size_t h)
{
	return m->n > h ? m->n - h : 0;
}

void lview_fit(struct lview *m, int h)
{
	size_t hh = h < 1 ? 1 : (size_t)h;
	if (m->pager) {
		if (m->top > max_top(m, hh))
			m->top = max_top(m, hh);
		m->sel = m->top;
		return;
	}
	if (m->n == 0) {
		m->sel = m->top = 0;
		return;
	}
	if (m->sel >= m->n)
		m->sel = m->n - 1;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + hh)
		m->top = m->sel - hh + 1;
	if (m->top > max_top(m, hh))
		m->top = max_top(m, hh);
}

/* The pager: the window moves, never past the last full one. */
static void pager_scroll(struct lview *m, enum ui_action a, size_t h, size_t page, size_t half)
{
	size_t mt = max_top(m, h);
	switch (a) {
	case ACT_DOWN: if (m->top < mt) m->top++; break;
	case ACT_UP: if (m->top) m->top--; break;
	case ACT_PAGE_DOWN: m->top = m->top + page < mt ? m->top + page : mt; break;
	case ACT_PAGE_UP: m->top = m->top > page ? m->top - page : 0; break;
	case ACT_HALF_DOWN: m->top = m->top + half < mt ? m->top + half : mt; break;
	case ACT_HALF_UP: m->top = m->top > half ? m->top - half : 0; break;
	case ACT_TOP: m->top = 0; break;
	case ACT_BOTTOM: m->top = mt; break;
	default: break;
	}
}

unsigned lview_move(struct lview *m, enum ui_action a, int h)
{
	size_t hh = h < 1 ? 1 : (size_t)h;
	size_t old = m->sel, oldtop = m->top, page = hh > 1 ? hh - 1 : 1, half = hh > 2 ? hh / 2 : 1;
	if (!lview_is_move(a) || !m->n)
		return RD_NONE;
	if (m->pager) {
		pager_scroll(m, a, hh, page, half);
		m->sel = m->top;
		return m->top != oldtop ? RD_ALL : RD_NONE;
	}
	switch (a) {
	case ACT_DOWN: if (m->sel + 1 < m->n) m->sel++; break;
	case ACT_UP: if (m->sel) m->sel--; break;
	case ACT_PAGE_DOWN: m->sel += page; m->top += page; break;
	case ACT_PAGE_UP: m->sel = m->sel > page ? m->sel - page : 0; m->top = m->top > page ? m->top - page : 0; break;
	case ACT_HALF_DOWN: m->sel += half; break;
	case ACT_HALF_UP: m->sel = m->sel > half ? m->sel - half : 0; break;
	case ACT_TOP: m->sel = 0; break;
	case ACT_BOTTOM: m->sel = m->n - 1; break;
	default: break;
	}
	if (m->sel >= m->n)
		m->sel = m->n - 1;
	lview_fit(m, h);
	return (m->sel != old || m->top != oldtop) ? RD_ALL : RD_NONE;
}

/* A row of the new rows, sorted by handle for the look-ups of lview_resync. */
struct hrow {
	article_handle h;
	size_t row;
};

static int hrow_cmp(const void *a, const void *b)
{
	const struct hrow *x = a, *y = b;
	return x->h < y->h ? -1 : x->h > y->h;
}

/* Row of handle h in the sorted rows, or (size_t)-1. */
static size_t hrow_find(const struct hrow *v, size_t n, article_handle h)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].h == h ? v[lo].row : (size_t)-1;
}

void lview_resync(struct lview *m, const article_handle *old, size_t oldn, const article_handle *now,
		  size_t nown)
{
	size_t off = m->sel >= m->top ? m->sel - m->top : 0; /* the selection's screen row */
	size_t sel = (size_t)-1;
	if (m->sel < oldn && nown) {
		struct hrow *v = xmalloc(nown * sizeof *v);
		for (size_t i = 0; i < nown; i++)
			v[i] = (struct hrow){now[i], i};
		qsort(v, nown, sizeof *v, hrow_cmp);
		for (size_t j = m->sel; j < oldn && sel == (size_t)-1; j++) /* it, else the next */
			sel = hrow_find(v, nown, old[j]);
		for (size_t j = m->sel; j-- > 0 && sel == (size_t)-1;) /* else the previous */
			sel = hrow_find(v, nown, old[j]);
		free(v);
	}
	m->n = nown;
	m->sel = sel == (size_t)-1 ? 0 : sel;
	m->top = m->sel >= off ? m->sel - off : 0;
}

unsigned lview_search(struct view *v, const char *needle, int dir)
{
	struct lview *m = &v->m;
	if (!v->ops->match || !m->n || !needle || !*needle)
		return RD_NONE;
	size_t from = m->pager ? m->top : m->sel;
	for (size_t k = 1; k <= m->n; k++) {
		size_t r = dir < 0 ? (from + m->n - k % m->n) % m->n : (from + k) % m->n;
		if (v->ops->match(v, r, needle)) {
			if (m->pager)
				m->top = r;
			else
				m->sel = r;
			lview_fit(m, v->height);
			return RD_ALL;
		}
	}
	return RD_NONE;
}
