/* ui_sources.c - the sources view: every source of the session, one row each, with its
 * title, unread/total, last fetch and URL or error, in columns aligned by display width;
 * Enter lists the source's articles. Counts come from the store for stored sources, else
 * from the articles in memory (local files and folders, --no-store). */
#include "ui/ui_view.h"
#include "newsread/doc.h"
#include "newsread/layout.h"
#include "newsread/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

/* ---- pure helpers ---- */

void ui_fit(struct buf *out, const char *s, int w, int right)
{
	if (w <= 0)
		return;
	size_t n = strlen(s);
	int total = text_width(s, n);
	if (total <= w) {
		if (right)
			for (int i = total; i < w; i++)
				buf_addc(out, ' ');
		buf_add(out, s, n);
		if (!right)
			for (int i = total; i < w; i++)
				buf_addc(out, ' ');
		return;
	}
	/* cut: keep what fits in w - 1 columns, then '~', then pad (a wide character that
	 * would cross the edge leaves a space) */
	size_t i = 0;
	int col = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		size_t step = l > 0 ? (size_t)l : 1;
		int cw = text_width(s + i, step);
		if (col + cw > w - 1)
			break;
		buf_add(out, s + i, step);
		col += cw;
		i += step;
	}
	buf_addc(out, '~');
	for (col++; col < w; col++)
		buf_addc(out, ' ');
}

void ui_status_hint(const struct ui_source *srcs, size_t n, char *buf, size_t cap)
{
	size_t failed = 0;
	for (size_t i = 0; i < n; i++)
		failed += srcs[i].error != NULL;
	if (!failed)
		snprintf(buf, cap, "? help  q back");
	else
		snprintf(buf, cap, "? help  q back  %zu source%s failed: S shows %s", failed,
			 failed == 1 ? "" : "s", failed == 1 ? "it" : "them");
}

/* ---- the view ---- */

struct src_row {
	char *key;          /* what its articles' source is (the "~name", else the URL) */
	char *title;        /* shown: the "~name", else the feed's own title, else the URL */
	char *url;
	char *error;        /* this run's error, else the store's last one, or NULL */
	char counts[48];    /* "unread/total" */
	char fetched[32];   /* last fetch, "" for a source not stored */
};

struct sources_view {
	struct src_row *rows;
	size_t n;
	size_t failed;
	int wt, wc, wf, wu; /* column widths at the last layout: title, counts, fetch, URL (0: none) */
	int stale;          /* a list was opened from here: counts may have changed */
};

static void rows_free(struct sources_view *sv)
{
	for (size_t i = 0; i < sv->n; i++) {
		free(sv->rows[i].key);
		free(sv->rows[i].title);
		free(sv->rows[i].url);
		free(sv->rows[i].error);
	}
	free(sv->rows);
	sv->rows = NULL;
	sv->n = sv->failed = 0;
}

/* The rows as the articles and the store are now. */
static void rows_build(struct view *v)
{
	struct sources_view *sv = v->data;
	rows_free(sv);
	size_t n;
	const struct ui_source *src = ui_sources(v->ui, &n);
	struct articles *l = ui_articles(v->ui);
	struct store *st = ui_store(v->ui);
	sv->rows = xcalloc(n ? n : 1, sizeof *sv->rows);
	sv->n = n;
	for (size_t i = 0; i < n; i++) {
		struct src_row *r = &sv->rows[i];
		const char *name = src[i].name && *src[i].name ? src[i].name : NULL;
		r->key = ui_clean(name ? name : src[i].url);
		r->url = ui_clean(src[i].url);
		long long total = 0, unread = 0;
		const char *own = NULL;
		for (size_t k = 0; k < l->n; k++) {
			const struct article *a = l->v[k];
			if (!a->source || strcmp(a->source, name ? name : src[i].url) != 0)
				continue;
			total++;
			unread += !a->read;
			if (!own && a->source_title && *a->source_title)
				own = a->source_title;
		}
		char *stitle = NULL, *serr = NULL;
		struct store_source ss;
		struct nr_error err;
		if (st && src[i].stored && store_source_get(st, src[i].url, &ss, &err) == 1) {
			total = ss.total;
			unread = ss.unread;
			if (ss.fetched) {
				struct tm tm;
				localtime_r(&ss.fetched, &tm);
				strftime(r->fetched, sizeof r->fetched, "%Y-%m-%d %H:%M", &tm);
			}
			stitle = ss.title ? xstrdup(ss.title) : NULL;
			serr = ss.error ? xstrdup(ss.error) : NULL;
			store_source_clear(&ss);
		} else if (src[i].stored) {
			snprintf(r->fetched, sizeof r->fetched, "%s", st ? "never" : "not stored");
		}
		const char *t = name ? name : own ? own : stitle ? stitle : src[i].url;
		r->title = ui_clean(t);
		const char *e = src[i].error ? src[i].error : serr;
		size_t ul = strlen(src[i].url);
		if (e && strncmp(e, src[i].url, ul) == 0 && strncmp(e + ul, ": ", 2) == 0)
			e += ul + 2; /* "URL: reason": the URL is in its own column or the header */
		r->error = e ? ui_clean(e) : NULL;
		sv->failed += r->error != NULL;
		snprintf(r->counts, sizeof r->counts, "%lld/%lld", unread, total);
		free(stitle);
		free(serr);
	}
	v->m.n = sv->n;
	lview_fit(&v->m, v->height);
}

static int max_width(const struct sources_view *sv, size_t off)
{
	int m = 0;
	for (size_t i = 0; i < sv->n; i++) {
		const char *s = off == 0 ? sv->rows[i].title : off == 1 ? sv->rows[i].counts : off == 2 ? sv->rows[i].fetched : sv->rows[i].url;
		int w = text_width(s, strlen(s));
		if (w > m)
			m = w;
	}
	return m;
}

/* Column widths for width: title up to a third of the row (at least 8), the counts and
 * the fetch time as wide as their widest, the URL beside the error when there is room,
 * else the last column holds the error of a failed source and the URL of the others. */
static void sources_layout(struct view *v, int width, int height)
{
	struct sources_view *sv = v->data;
	(void)height;
	int avail = width - 2; /* a margin each side */
	sv->wc = max_width(sv, 1);
	sv->wf = max_width(sv, 2);
	sv->wt = max_width(sv, 0);
	int tmax = avail / 3 > 8 ? avail / 3 : 8;
	if (sv->wt > tmax)
		sv->wt = tmax;
	int rest = avail - sv->wt - 2 - sv->wc - 2 - (sv->wf ? sv->wf + 2 : 0);
	sv->wu = 0;
	if (sv->failed && rest >= 70) {
		sv->wu = max_width(sv, 3);
		if (sv->wu > rest / 2)
			sv->wu = rest / 2;
	}
}

static void sources_draw(struct view *v, WINDOW *w, int top, int height, int width)
{
	struct sources_view *sv = v->data;
	int limit = width - 1;
	if (sv->stale) {
		sv->stale = 0;
		rows_build(v);
		sources_layout(v, width, height);
	}
	if (!sv->n) {
		const char *m = "(no sources)";
		ui_draw_text(w, top, 2, limit - 2, m, strlen(m), NULL, 0, 0, TE_META);
		return;
	}
	for (int r = 0; r < height && v->m.top + (size_t)r < v->m.n; r++) {
		size_t i = v->m.top + (size_t)r;
		const struct src_row *row = &sv->rows[i];
		int sel = i == v->m.sel, y = top + r, x = 1;
		if (sel)
			ui_fill(w, y, 0, width, TE_SELECTED);
		struct buf b;
		buf_init(&b);
		ui_fit(&b, row->title, sv->wt, 0);
		buf_adds(&b, "  ");
		size_t t_end = b.len;
		ui_fit(&b, row->counts, sv->wc, 1);
		buf_adds(&b, "  ");
		size_t c_end = b.len;
		if (sv->wf) {
			ui_fit(&b, row->fetched, sv->wf, 0);
			buf_adds(&b, "  ");
		}
		size_t f_end = b.len;
		if (sv->wu) {
			ui_fit(&b, row->url, sv->wu, 0);
			buf_adds(&b, "  ");
		}
		size_t u_end = b.len;
		const char *last = row->error ? row->error : sv->wu ? "" : row->url;
		buf_adds(&b, last);
		struct lspan sp[4] = {
			{0, (unsigned)t_end, ST_TITLE, 0},
			{(unsigned)t_end, (unsigned)(c_end - t_end), 0, 0},
			{(unsigned)c_end, (unsigned)(f_end - c_end), ST_META, 0},
			{(unsigned)f_end, (unsigned)(u_end - f_end), ST_LINK, 0},
		};
		enum theme_elem base = sel ? TE_SELECTED : TE_NORMAL;
		if (sel) {
			ui_draw_text(w, y, x, limit - x, b.s, b.len, NULL, 0, 0, base);
		} else {
			int d = ui_draw_text(w, y, x, limit - x, b.s, u_end, sp, 4, 0, base);
			if (x + d < limit)
				ui_draw_text(w, y, x + d, limit - x - d, b.s + u_end, b.len - u_end, NULL, 0, 0,
					     row->error ? TE_ERROR : TE_LINK);
		}
		buf_free(&b);
	}
}

static unsigned sources_request(struct view *v, enum ui_action a)
{
	struct sources_view *sv = v->data;
	switch (a) {
	case ACT_OPEN:
		sv->stale = 1;
		if (v->m.n)
			ui_open_source_list(v->ui, sv->rows[v->m.sel].key, sv->rows[v->m.sel].title);
		return RD_ALL;
	case ACT_BACK:
		return RD_POP;
	default:
		return RD_NONE;
	}
}

/* Counts change as articles are read or arrive: build the rows again, same selection. */
static unsigned sources_reload(struct view *v)
{
	rows_build(v);
	v->width = 0; /* lay out again at the next draw */
	return RD_ALL;
}

static int sources_match(struct view *v, size_t row, const char *needle)
{
	struct sources_view *sv = v->data;
	return row < sv->n && (strstr(sv->rows[row].title, needle) || strstr(sv->rows[row].url, needle));
}

static void sources_title(struct view *v, struct buf *out)
{
	struct sources_view *sv = v->data;
	buf_printf(out, "%s: %zu sources", ui_title(v->ui), sv->n);
	if (sv->failed)
		buf_printf(out, ", %zu failed", sv->failed);
	if (v->m.n)
		buf_printf(out, "  %s", sv->rows[v->m.sel].url);
}

static void sources_position(struct view *v, struct buf *out)
{
	buf_printf(out, "%zu/%zu", v->m.n ? v->m.sel + 1 : 0, v->m.n);
}

static void sources_free(struct view *v)
{
	struct sources_view *sv = v->data;
	rows_free(sv);
	free(sv);
}

static const struct view_ops sources_ops = {
	.name = "sources",
	.context = CXI_SOURCES,
	.layout = sources_layout,
	.draw = sources_draw,
	.request = sources_request,
	.title = sources_title,
	.position = sources_position,
	.free = sources_free,
	.reload = sources_reload,
	.match = sources_match,
};

void ui_open_sources(struct ui *ui)
{
	struct sources_view *sv = xcalloc(1, sizeof *sv);
	struct view *v = ui_push(ui, &sources_ops, sv);
	if (v)
		rows_build(v);
}
