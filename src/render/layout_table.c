/* layout_table.c - <pre> blocks, tables and the sideways slice of wide lines (W5). */
#include "render/layout_int.h"

#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unistr.h>

/* Width and sanitized bytes of one grapheme [s, g) at column col (TAB expands). */
static int grapheme_out(const uint8_t *s, const uint8_t *g, int col, char *o, size_t *on)
{
	int w = 0;
	*on = 0;
	while (s < g) {
		ucs4_t c;
		int l = u8_mbtouc(&c, s, (size_t)(g - s));
		s += l > 0 ? l : 1;
		if (c == '\t') {
			int t = 8 - (col + w) % 8;
			for (int i = 0; i < t && *on < 60; i++)
				o[(*on)++] = ' ';
			w += t;
			continue;
		}
		uint32_t r;
		int cw = cp_width(c, &r);
		if (!r || *on > 52)
			continue;
		*on += (size_t)u8_uctomb((uint8_t *)o + *on, r, 6);
		w += cw;
	}
	return w;
}

/* Style of original byte offset off (runs sorted; *rc is a cursor moving forward). */
static const struct run *run_at(const struct run *runs, size_t nruns, size_t *rc, size_t off)
{
	while (*rc < nruns && runs[*rc].off + runs[*rc].len <= off)
		(*rc)++;
	if (*rc < nruns && runs[*rc].off <= off)
		return &runs[*rc];
	return NULL;
}

void layout_pre(const struct block *bl, const struct layout_opts *o, const char *prefix, int pw,
		struct lines *out)
{
	const char *t = bl->text ? bl->text : "";
	size_t n = bl->len, ls = 0, rc = 0;
	int avail = o->width - pw;
	struct buf b;
	buf_init(&b);
	struct lbuild lb = {.b = &b};
	unsigned pst = bl->quote ? ST_QUOTE : 0;
	if (n && t[n - 1] == '\n')
		n--;
	while (ls <= n) {
		size_t le = ls;
		while (le < n && t[le] != '\n')
			le++;
		const uint8_t *s = (const uint8_t *)t + ls, *e = (const uint8_t *)t + le;
		int total = 0;
		char tmp[64];
		size_t tn;
		if (o->cut_pre)
			for (const uint8_t *q = s; q < e;) {
				const uint8_t *g = u8_grapheme_next(q, e);
				total += grapheme_out(q, g ? g : e, total, tmp, &tn);
				q = g ? g : e;
			}
		int cut = o->cut_pre && total > avail;
		int lim = cut ? avail - 1 : -1;
		if (prefix && *prefix)
			lb_add(&lb, prefix, strlen(prefix), pw, pst, 0);
		int col = 0;
		for (const uint8_t *q = s; q < e;) {
			const uint8_t *g = u8_grapheme_next(q, e);
			if (!g)
				g = e;
			int gw = grapheme_out(q, g, col, tmp, &tn);
			if (cut && col + gw > lim)
				break;
			const struct run *r = run_at(bl->runs, bl->nruns, &rc, (size_t)(q - (const uint8_t *)t));
			lb_add(&lb, tmp, tn, gw, (r ? r->style : 0) | pst, r ? r->link : 0);
			col += gw;
			q = g;
		}
		if (cut) {
			while (col < lim) {
				lb_add(&lb, " ", 1, 1, 0, 0);
				col++;
			}
			if (avail >= 1)
				lb_add(&lb, ">", 1, 1, 0, 0);
		}
		lb_push(&lb, out, LINE_PRE);
		ls = le + 1;
	}
	free(lb.sp);
	buf_free(&b);
}

void layout_slice(const struct line *ln, int col, int width, struct lines *out)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	struct lbuild lb = {.b = &b};
	const uint8_t *s = (const uint8_t *)ln->text, *e = s + ln->len;
	int x = 0, end = col + (width > 0 ? width : 0);
	size_t sc = 0;
	for (const uint8_t *q = s; q < e && x < end;) {
		const uint8_t *g = u8_grapheme_next(q, e);
		if (!g)
			g = e;
		char tmp[64];
		size_t tn;
		int gw = grapheme_out(q, g, x, tmp, &tn);
		size_t off = (size_t)(q - s);
		while (sc < ln->nspans && ln->spans[sc].off + ln->spans[sc].len <= off)
			sc++;
		unsigned st = 0;
		int link = 0;
		if (sc < ln->nspans && ln->spans[sc].off <= off) {
			st = ln->spans[sc].style;
			link = ln->spans[sc].link;
		}
		if (x >= col && x + gw <= end) {
			lb_add(&lb, tmp, tn, gw, st, link);
		} else if (x + gw > col) {
			/* cut by an edge: a filler cell for each visible half */
			int from = x > col ? x : col, to = x + gw < end ? x + gw : end;
			for (int k = from; k < to; k++)
				lb_add(&lb, " ", 1, 1, st, link);
		}
		x += gw;
		q = g;
	}
	lb_push(&lb, out, ln->flags & ~LINE_PRE);
	free(lb.sp);
	buf_free(&b);
}

/* ---- tables ---- */

struct cellm {
	int minw, maxw;
};

/* Widest unbreakable segment and widest forced line of a cell. */
static struct cellm cell_measure(struct para *p, const struct tcell *c, int strict)
{
	struct cellm m = {0, 0};
	para_sanitize(p, c->text ? c->text : "", c->len, NULL, 0);
	para_breaks(p, strict, 0);
	int seg = 0, line = 0, spc = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct unit *u = &p->u[i];
		if (u->flags & U_NEWLINE) {
			seg = line = spc = 0;
			continue;
		}
		if (u->brk != BRK_NO)
			seg = 0;
		if (u->flags & U_SPACE) {
			spc += u->w;
			continue;
		}
		if (line)
			line += spc;
		spc = 0;
		seg += u->w;
		line += u->w;
		if (seg > m.minw)
			m.minw = seg;
		if (line > m.maxw)
			m.maxw = line;
	}
	return m;
}

static int cell_numeric(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	else if (n - i >= 3 && memcmp(s + i, "\xE2\x88\x92", 3) == 0)
		i += 3;
	if (i < n && (s[i] == '$'))
		i++;
	else if (n - i >= 2 && (memcmp(s + i, "\xC2\xA5", 2) == 0 || memcmp(s + i, "\xC2\xA3", 2) == 0))
		i += 2;
	else if (n - i >= 3 && (memcmp(s + i, "\xEF\xBF\xA5", 3) == 0 || memcmp(s + i, "\xE2\x82\xAC", 3) == 0))
		i += 3;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != ',' && s[i] != '.')
			break;
	}
	if (i < n && s[i] == '%')
		i++;
	else if (n - i >= 3 && memcmp(s + i, "\xEF\xBC\x85", 3) == 0)
		i += 3;
	while (i < n && s[i] == ' ')
		i++;
	return digits && i == n;
}

/* Append a laid-out line's text and spans to lb. */
static void lb_append_line(struct lbuild *lb, const struct line *ln, unsigned extra)
{
	size_t pos = 0;
	for (size_t k = 0; k <= ln->nspans; k++) {
		size_t so = k < ln->nspans ? ln->spans[k].off : ln->len;
		if (so > pos)
			lb_add(lb, ln->text + pos, so - pos, 0, extra, 0);
		if (k < ln->nspans) {
			lb_add(lb, ln->text + so, ln->spans[k].len, 0, ln->spans[k].style | extra, ln->spans[k].link);
			pos = so + ln->spans[k].len;
		}
	}
	lb->width += ln->width;
}

static void border(struct lbuild *lb, const char *prefix, int pw, const int *w, size_t cols, struct lines *out)
{
	if (*prefix)
		lb_add(lb, prefix, strlen(prefix), pw, 0, 0);
	lb_add(lb, "+", 1, 1, 0, 0);
	for (size_t c = 0; c < cols; c++) {
		for (int k = 0; k < w[c] + 2; k++)
			lb_add(lb, "-", 1, 1, 0, 0);
		lb_add(lb, "+", 1, 1, 0, 0);
	}
	lb_push(lb, out, LINE_TABLE);
}

static int row_is_header(const struct table *t, size_t r)
{
	int any = 0;
	for (size_t c = 0; c < t->cols; c++) {
		const struct tcell *x = &t->cells[r * t->cols + c];
		if (x->len && !x->header)
			return 0;
		any |= x->len != 0;
	}
	return any;
}

static void table_stacked(const struct table *t, const struct layout_opts *o, const char *prefix, int pw,
			  struct para *p, struct lines *out)
{
	size_t hr = (size_t)-1;
	for (size_t r = 0; r < t->rows; r++)
		if (row_is_header(t, r)) {
			hr = r;
			break;
		}
	struct para_style ps = {.first_prefix = prefix, .rest_prefix = prefix, .first_pw = pw, .rest_pw = pw,
				.width = o->width, .strict = o->kinsoku_strict};
	struct buf txt;
	buf_init(&txt);
	struct run *runs = NULL;
	size_t rcap = 0;
	int firstrow = 1;
	for (size_t r = 0; r < t->rows; r++) {
		if (r == hr)
			continue;
		if (!firstrow)
			lines_push(out, "", 0, 0);
		firstrow = 0;
		for (size_t c = 0; c < t->cols; c++) {
			const struct tcell *x = &t->cells[r * t->cols + c];
			const struct tcell *h = hr != (size_t)-1 ? &t->cells[hr * t->cols + c] : NULL;
			/* each record is read alone: a value spanning down from a row above is
			   repeated in it (once, under the first column it covers) */
			if (x->above && !(c && t->cells[r * t->cols + c - 1].above == x->above))
				x = &t->cells[x->above - 1];
			if (!x->len)
				continue;
			txt.len = 0;
			buf_add(&txt, "", 0);
			size_t nr = 0;
			if (rcap < x->nruns + 1) {
				rcap = x->nruns + 1;
				runs = xrealloc(runs, rcap * sizeof *runs);
			}
			if (h && h->len) {
				buf_add(&txt, h->text, h->len);
				buf_adds(&txt, ": ");
				memset(&runs[0], 0, sizeof runs[0]);
				runs[0].len = h->len;
				runs[0].style = ST_BOLD;
				nr = 1;
			}
			size_t base = txt.len;
			buf_add(&txt, x->text, x->len);
			for (size_t k = 0; k < x->nruns; k++) {
				runs[nr] = x->runs[k];
				runs[nr++].off += base;
			}
			layout_para_text(p, txt.s, txt.len, runs, nr, &ps, out);
		}
	}
	free(runs);
	buf_free(&txt);
}

/* A cell spanning several columns gets room from the columns it spans (the last one
 * grows) while the table stays within budget columns of content. */
static void widen_for_spans(const struct table *t, struct para *p, int strict, int *w, int budget)
{
	long used = 0;
	for (size_t c = 0; c < t->cols; c++)
		used += w[c];
	for (size_t r = 0; r < t->rows; r++)
		for (size_t c = 0; c < t->cols; c++) {
			const struct tcell *x = &t->cells[r * t->cols + c];
			if (x->colspan <= 1)
				continue;
			size_t last = c + (size_t)x->colspan - 1;
			if (last >= t->cols)
				last = t->cols - 1;
			long have = 0;
			for (size_t k = c; k <= last; k++)
				have += w[k] + (k > c ? 3 : 0);
			long need = cell_measure(p, x, strict).maxw - have;
			if (need > budget - used)
				need = budget - used;
			if (need > 0) {
				w[last] += (int)need;
				used += need;
			}
		}
}

void layout_table(const struct block *bl, const struct layout_opts *o, const char *prefix, int pw,
		  struct lines *out)
{
	const struct table *t = bl->table;
	if (!t || !t->rows || !t->cols || t->cols > 1000)
		return;
	int avail = o->width - pw;
	size_t cols = t->cols;
	struct para p = {0};
	int *mn = xcalloc(cols, sizeof *mn), *mx = xcalloc(cols, sizeof *mx), *w = xcalloc(cols, sizeof *w);
	int *num = xcalloc(cols, sizeof *num); /* column holds numbers */
	for (size_t r = 0; r < t->rows; r++)
		for (size_t c = 0; c < cols; c++) {
			const struct tcell *x = &t->cells[r * cols + c];
			if (x->colspan > 1)
				continue;
			struct cellm m = cell_measure(&p, x, o->kinsoku_strict);
			if (m.minw > mn[c])
				mn[c] = m.minw;
			if (m.maxw > mx[c])
				mx[c] = m.maxw;
			if (!x->header && cell_numeric(x->text ? x->text : "", x->len))
				num[c] = 1;
		}
	long smax = 0, over = 3 * (long)cols + 1;
	for (size_t c = 0; c < cols; c++) {
		if (mx[c] < 1)
			mx[c] = 1;
		if (mn[c] < 1)
			mn[c] = 1;
		if (mn[c] > 20)
			mn[c] = 20; /* a long URL or word may be cut (T9) rather than stack the table */
		smax += mx[c];
	}
	/* widest content; else every unbreakable segment whole; else cells of at least 4
	 * columns with words cut (T9); else stacked "header: value" rows */
	int tier = smax + over <= avail ? 0 : -1;
	for (int floor = 1000; tier < 0 && floor >= 4; floor = floor == 1000 ? 4 : 0) {
		long smin = 0;
		for (size_t c = 0; c < cols; c++)
			smin += mn[c] < floor ? mn[c] : floor;
		if (smin + over > avail)
			continue;
		long extra = avail - over - smin, room = 0, given = 0;
		for (size_t c = 0; c < cols; c++)
			w[c] = mn[c] < floor ? mn[c] : floor;
		/* first make whole words fit where the room allows (numbers first: Han text
		 * breaks anywhere, a cut number misleads), then share the rest */
		for (int pass = 0; pass < 2; pass++)
			for (size_t c = 0; c < cols && given < extra; c++)
				if (num[c] == !pass && w[c] < mn[c] && mn[c] - w[c] <= extra - given) {
					given += mn[c] - w[c];
					w[c] = mn[c];
				}
		extra -= given;
		given = 0;
		for (size_t c = 0; c < cols; c++)
			room += mx[c] - w[c];
		for (size_t c = 0; c < cols; c++) {
			long add = room ? extra * (mx[c] - w[c]) / room : 0;
			if (add > extra - given)
				add = extra - given;
			w[c] += (int)add;
			given += add;
		}
		for (size_t c = 0; c < cols && given < extra; c++)
			if (w[c] < mx[c]) {
				w[c]++;
				given++;
			}
		tier = 1;
	}
	if (tier == 0)
		memcpy(w, mx, cols * sizeof *w);
	else if (tier < 0) {
		table_stacked(t, o, prefix, pw, &p, out);
		goto done;
	}
	widen_for_spans(t, &p, o->kinsoku_strict, w, avail - (int)over);
	struct buf b;
	buf_init(&b);
	struct lbuild lb = {.b = &b};
	struct lines *cell = xcalloc(cols, sizeof *cell);
	border(&lb, prefix, pw, w, cols, out);
	for (size_t r = 0; r < t->rows; r++) {
		size_t h = 1;
		for (size_t c = 0; c < cols; c++) {
			const struct tcell *x = &t->cells[r * cols + c];
			int cw = w[c];
			int span = x->colspan > 1 ? x->colspan : 1;
			for (int k = 1; k < span && c + (size_t)k < cols; k++)
				cw += w[c + (size_t)k] + 3;
			struct para_style ps = {.width = cw, .strict = o->kinsoku_strict, .gap = o->cjk_latin_space,
						.extra = x->header ? ST_BOLD : 0};
			layout_para_text(&p, x->text ? x->text : "", x->len, x->runs, x->nruns, &ps, &cell[c]);
			if (cell[c].n > h)
				h = cell[c].n;
			c += (size_t)span - 1;
		}
		for (size_t k = 0; k < h; k++) {
			if (*prefix)
				lb_add(&lb, prefix, strlen(prefix), pw, 0, 0);
			lb_add(&lb, "|", 1, 1, 0, 0);
			for (size_t c = 0; c < cols; c++) {
				const struct tcell *x = &t->cells[r * cols + c];
				int cw = w[c];
				int span = x->colspan > 1 ? x->colspan : 1;
				for (int s = 1; s < span && c + (size_t)s < cols; s++)
					cw += w[c + (size_t)s] + 3;
				const struct line *ln = k < cell[c].n ? &cell[c].v[k] : NULL;
				int lw = ln ? ln->width : 0;
				int right = !x->header && cell_numeric(x->text ? x->text : "", x->len);
				lb_add(&lb, " ", 1, 1, 0, 0);
				for (int s = 0; right && s < cw - lw; s++)
					lb_add(&lb, " ", 1, 1, 0, 0);
				if (ln)
					lb_append_line(&lb, ln, 0);
				for (int s = 0; !right && s < cw - lw; s++)
					lb_add(&lb, " ", 1, 1, 0, 0);
				lb_add(&lb, " |", 2, 2, 0, 0);
				c += (size_t)span - 1;
			}
			lb_push(&lb, out, LINE_TABLE);
		}
		for (size_t c = 0; c < cols; c++)
			lines_free(&cell[c]);
		if (row_is_header(t, r) && r + 1 < t->rows && !row_is_header(t, r + 1))
			border(&lb, prefix, pw, w, cols, out);
	}
	border(&lb, prefix, pw, w, cols, out);
	free(cell);
	free(lb.sp);
	buf_free(&b);
done:
	free(num);
	free(mn);
	free(mx);
	free(w);
	para_free(&p);
}
