/* layout.c - (document, width, options) -> lines: the greedy fitter with push-out and
 * T9 emergency breaks, line building with styled spans, and the block walk (paragraphs,
 * headings, lists, quotes, rules, blank lines). Tables and <pre> are in layout_table.c,
 * sanitizing and widths in width.c, break opportunities in linebreak.c. */
#include "render/layout_int.h"

#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unistr.h>

/* ---- line building ---- */

void lb_reset(struct lbuild *lb)
{
	lb->b->len = 0;
	if (lb->b->s)
		lb->b->s[0] = '\0';
	lb->nsp = 0;
	lb->width = 0;
}

void lb_add(struct lbuild *lb, const char *s, size_t n, int w, unsigned style, int link)
{
	if (!n)
		return;
	size_t off = lb->b->len;
	buf_add(lb->b, s, n);
	lb->width += w;
	if (!style && !link)
		return;
	if (lb->nsp) {
		struct lspan *l = &lb->sp[lb->nsp - 1];
		if (l->off + l->len == off && l->style == style && l->link == link) {
			l->len += (unsigned)n;
			return;
		}
	}
	if (lb->nsp == lb->spcap) {
		lb->spcap = lb->spcap ? lb->spcap * 2 : 8;
		lb->sp = xrealloc(lb->sp, lb->spcap * sizeof *lb->sp);
	}
	lb->sp[lb->nsp++] = (struct lspan){(unsigned)off, (unsigned)n, style, link};
}

static struct line *lines_new(struct lines *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	struct line *ln = &l->v[l->n++];
	memset(ln, 0, sizeof *ln);
	return ln;
}

void lb_push(struct lbuild *lb, struct lines *out, unsigned flags)
{
	struct line *ln = lines_new(out);
	ln->text = xstrndup(lb->b->s ? lb->b->s : "", lb->b->len);
	ln->len = lb->b->len;
	ln->width = lb->width;
	ln->flags = flags;
	if (lb->nsp) {
		ln->spans = xmalloc(lb->nsp * sizeof *ln->spans);
		memcpy(ln->spans, lb->sp, lb->nsp * sizeof *ln->spans);
		ln->nspans = lb->nsp;
	}
	lb_reset(lb);
}

void lines_push(struct lines *l, const char *text, size_t len, unsigned style)
{
	struct line *ln = lines_new(l);
	ln->text = xstrndup(text, len);
	ln->len = len;
	ln->width = text_width(text, len);
	if (style && len) {
		ln->spans = xmalloc(sizeof *ln->spans);
		ln->spans[0] = (struct lspan){0, (unsigned)len, style, 0};
		ln->nspans = 1;
	}
}

void lines_clear(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].spans);
	}
	l->n = 0;
}

void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].spans);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- fitting ---- */

static void fits_push(struct fits *f, size_t a, size_t b, unsigned flags, int hyphen, int oversize)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->v = xrealloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = (struct fit){a, b, flags, hyphen, oversize};
}

/* T9: [start, j] does not fit in avail and offers no allowed break. Return the cut
 * (start < k <= j), or start when the first unit alone is too wide. */
static size_t emergency_cut(const struct para *p, size_t start, size_t j, int avail)
{
	long w = 0;
	size_t kmax = start, ka = 0, kb = 0, kurl = 0;
	for (size_t k = start; k <= j; k++) {
		const struct unit *u = &p->u[k];
		if (k > start) {
			if (w > avail)
				break;
			kmax = k;
			if (u->flags & U_TAILOR)
				ka = k;
			if (u->flags & U_KOK) {
				kb = k;
				if ((u->flags & U_URL) && 2 * w >= avail)
					kurl = k;
			}
		}
		w += u->w + ((k > start && (u->flags & U_GAP)) ? 1 : 0);
	}
	if (ka)
		return ka;
	if (kurl)
		return kurl;
	if (kb)
		return kb;
	return kmax;
}

/* 1 when unit j (wider than what is left of the line) may hang in the gutter instead:
 * one of ，。、 after which the next line may start. *next: where that line starts. */
static int hangs(const struct para *p, size_t j, size_t *next)
{
	const struct unit *u = &p->u[j];
	size_t uend = j + 1 < p->n ? p->u[j + 1].off : p->len;
	if (u->w != 2 || (u->cp != 0xFF0C && u->cp != 0x3002 && u->cp != 0x3001) || uend - u->off != 3)
		return 0; /* the mark alone, not a cluster with something after it */
	size_t k = j + 1;
	while (k < p->n && (p->u[k].flags & U_SPACE))
		k++;
	if (k < p->n && !(p->u[k].flags & U_NEWLINE) && p->u[k].brk != BRK_ALLOW)
		return 0; /* what follows may not start a line (。” …): no hanging */
	*next = k < p->n && (p->u[k].flags & U_NEWLINE) ? k + 1 : k;
	return 1;
}

void para_fit(const struct para *p, int first, int rest, int hang, struct fits *out)
{
	size_t n = p->n, i = 0;
	int avail = first;
	int after_emerg = 0;
	out->n = 0;
	while (i < n) {
		size_t start = i;
		unsigned fl = after_emerg ? LINE_EMERGENCY : 0;
		after_emerg = 0;
		long col = 0, colns = 0;
		size_t best = start, end = n, next = n;
		int best_hy = 0, hy = 0;
		for (size_t j = start; j < n; j++) {
			const struct unit *u = &p->u[j];
			if (!(u->flags & (U_NEWLINE | U_SPACE | U_GAP | U_SHY))) {
				/* the common case: a run of plain units. colns <= avail here
				 * (else the loop has ended), so an allowed break before one is
				 * the best */
				if (u->brk == BRK_ALLOW && j > start) {
					best = j;
					best_hy = 0;
				}
				col += u->w;
				const struct unit *ub = NULL, *ul = &p->u[n - 1]; /* last allowed, last */
				while (col <= avail && u < ul && !(u[1].flags & (U_NEWLINE | U_SPACE | U_GAP | U_SHY))) {
					u++;
					if (u->brk == BRK_ALLOW)
						ub = u;
					col += u->w;
				}
				j = (size_t)(u - p->u);
				if (ub) {
					best = (size_t)(ub - p->u);
					best_hy = 0;
				}
				colns = col;
				if (colns > avail)
					goto overflow;
				continue;
			}
			if (u->flags & U_NEWLINE) {
				end = j;
				next = j + 1;
				break;
			}
			if (j > start && u->brk == BRK_ALLOW) {
				int h = (u->flags & U_SHY) ? 1 : 0;
				if (colns + h <= avail) {
					best = j;
					best_hy = h;
				}
			}
			if (u->flags & U_SPACE) {
				col += u->w;
				continue;
			}
			if (j > start && (u->flags & U_GAP))
				col++;
			col += u->w;
			colns = col;
			if (colns <= avail)
				continue;
overflow:
			if (hang && j > start && colns - u->w <= avail && colns <= avail + hang && hangs(p, j, &next)) {
				end = j + 1; /* hangs in the gutter */
				break;
			}
			if (best > start) {
				end = next = best;
				hy = best_hy;
			} else {
				size_t k = emergency_cut(p, start, j, avail);
				fl |= LINE_EMERGENCY;
				after_emerg = 1;
				if (k == start) {
					fits_push(out, start, start + 1, fl, 0, 1);
					i = start + 1;
					goto next_line;
				}
				end = next = k;
			}
			break;
		}
		while (end > start && (p->u[end - 1].flags & U_SPACE))
			end--;
		fits_push(out, start, end, fl, hy, 0);
		i = next;
next_line:
		avail = rest;
	}
}

/* ---- paragraphs ---- */

struct emit {
	const struct para *p;
	size_t rc;        /* run cursor */
	unsigned extra;
	struct lbuild *lb;
};

/* Append sanitized bytes [so, eo) (width w in total, spread over the pieces) with their
 * runs' styles. */
static void emit_range(struct emit *e, size_t so, size_t eo)
{
	const struct para *p = e->p;
	while (e->rc < p->nruns && p->runs[e->rc].off + p->runs[e->rc].len <= so)
		e->rc++;
	size_t pos = so, r = e->rc;
	while (pos < eo) {
		unsigned st = 0;
		int link = 0;
		size_t stop = eo;
		if (r < p->nruns && p->runs[r].off <= pos) {
			st = p->runs[r].style;
			link = p->runs[r].link;
			if (p->runs[r].off + p->runs[r].len < stop)
				stop = p->runs[r].off + p->runs[r].len;
			r++;
		} else if (r < p->nruns && p->runs[r].off < stop) {
			stop = p->runs[r].off;
		}
		if (stop <= pos) /* empty run */
			continue;
		lb_add(e->lb, p->s + pos, stop - pos, 0, st | e->extra, link);
		pos = stop;
	}
}

static void emit_units(struct emit *e, size_t a, size_t b, int gap)
{
	const struct para *p = e->p;
	if (a >= b)
		return;
	size_t seg = a;
	int w = 0;
	if (!gap) { /* the common case: no display-only spaces to insert */
		for (size_t k = a; k < b; k++)
			w += p->u[k].w;
	} else {
		for (size_t k = a; k < b; k++) {
			if (k > a && (p->u[k].flags & U_GAP)) {
				emit_range(e, p->u[seg].off, p->u[k].off);
				lb_add(e->lb, " ", 1, 1, e->extra, 0);
				seg = k;
			}
			w += p->u[k].w;
		}
	}
	emit_range(e, p->u[seg].off, unit_end(p, b - 1));
	e->lb->width += w;
}

static void add_prefix(struct lbuild *lb, const char *s, int w, unsigned st)
{
	if (s && *s)
		lb_add(lb, s, strlen(s), w, st, 0);
}

/* A unit wider than the line: cut at its own graphemes; '?' for a grapheme wider than
 * the whole line (W4). Emits one or more lines. */
static void emit_oversize(struct emit *e, size_t ui, const struct para_style *ps, int first,
			  unsigned fl, struct lines *out)
{
	const uint8_t *s = (const uint8_t *)e->p->s + e->p->u[ui].off;
	const uint8_t *end = (const uint8_t *)e->p->s + unit_end(e->p, ui);
	int avail = first ? ps->width - ps->first_pw : ps->width - ps->rest_pw;
	int col = 0;
	add_prefix(e->lb, first ? ps->first_prefix : ps->rest_prefix, first ? ps->first_pw : ps->rest_pw,
		   ps->pstyle);
	while (s < end) {
		const uint8_t *g = u8_grapheme_next(s, end);
		if (!g)
			g = end;
		int gw = 0;
		for (const uint8_t *q = s; q < g;) {
			ucs4_t c;
			int l = u8_mbtouc(&c, q, (size_t)(g - q));
			uint32_t r;
			gw += cp_width(c, &r);
			q += l > 0 ? l : 1;
		}
		if (col > 0 && col + gw > avail) {
			lb_push(e->lb, out, fl);
			add_prefix(e->lb, ps->rest_prefix, ps->rest_pw, ps->pstyle);
			avail = ps->width - ps->rest_pw;
			col = 0;
		}
		if (gw > avail) {
			lb_add(e->lb, "?", 1, 1, e->extra, 0);
			col += 1;
		} else {
			size_t so = (size_t)(s - (const uint8_t *)e->p->s);
			emit_range(e, so, so + (size_t)(g - s));
			e->lb->width += gw;
			col += gw;
		}
		s = g;
	}
	lb_push(e->lb, out, fl);
}

void layout_para_text(struct para *p, const char *t, size_t n, const struct run *runs, size_t nruns,
		      const struct para_style *ps, struct lines *out)
{
	if (ps->width <= 0)
		return;
	para_sanitize(p, t, n, runs, nruns);
	para_breaks(p, ps->strict, ps->gap);
	para_glue_runs(p);
	struct fits *f = &p->fits;
	struct buf *b = &p->line;
	struct lbuild lb = {.b = b, .sp = p->sp, .spcap = p->spcap};
	lb_reset(&lb);
	int first = ps->width - ps->first_pw, rest = ps->width - ps->rest_pw;
	/* hang-punctuation: text keeps a 2-column gutter that only a hanging ，。、 takes */
	int hang = ps->hang && first >= 8 && rest >= 8 ? 2 : 0;
	first -= hang;
	rest -= hang;
	if (first < 1)
		first = 1;
	if (rest < 1)
		rest = 1;
	para_fit(p, first, rest, hang, f);
	struct emit e = {p, 0, ps->extra, &lb};
	for (size_t k = 0; k < f->n; k++) {
		const struct fit *ft = &f->v[k];
		if (ft->oversize) {
			emit_oversize(&e, ft->a, ps, k == 0, ft->flags, out);
			continue;
		}
		add_prefix(&lb, k ? ps->rest_prefix : ps->first_prefix, k ? ps->rest_pw : ps->first_pw,
			   ps->pstyle);
		emit_units(&e, ft->a, ft->b, ps->gap);
		if (ft->hyphen)
			lb_add(&lb, "-", 1, 1, ps->extra, 0);
		/* a line of nothing but prefix: drop the prefix's trailing spaces */
		if (ft->a == ft->b)
			while (b->len && b->s[b->len - 1] == ' ') {
				b->s[--b->len] = '\0';
				lb.width--;
				if (lb.nsp && lb.sp[lb.nsp - 1].off + lb.sp[lb.nsp - 1].len > b->len) {
					if (!--lb.sp[lb.nsp - 1].len)
						lb.nsp--;
				}
			}
		lb_push(&lb, out, ft->flags);
	}
	p->sp = lb.sp; /* kept for the next paragraph */
	p->spcap = lb.spcap;
}

void layout_text(const char *s, size_t n, int width, unsigned style, struct lines *out)
{
	struct para p = {0};
	struct para_style ps = {.width = width, .extra = style};
	layout_para_text(&p, s, n, NULL, 0, &ps, out);
	para_free(&p);
}

/* ---- blocks ---- */

struct walk {
	const struct layout_opts *o;
	struct lines *out;
	struct para p;
	struct buf first, rest; /* the current block's prefixes (kept for the next block) */
	int blank;      /* the last line pushed is blank (or nothing was pushed yet) */
	int cjk;        /* the document is CJK (hang-punctuation applies) */
};

static void push_blank(struct walk *w, int quote)
{
	if (w->blank)
		return;
	char q[64];
	size_t n = 0;
	/* the same cap as the quote margin of text lines: the blank line is no wider */
	int cap = w->o->width - (w->o->width < 8 ? w->o->width : 8);
	for (int i = 0; i < quote && n + 2 < sizeof q && (int)n + 2 <= cap; i++) {
		q[n++] = '>';
		q[n++] = ' ';
	}
	while (n && q[n - 1] == ' ')
		n--;
	lines_push(w->out, q, n, n ? ST_QUOTE : 0);
	w->blank = 1;
}

static int want_blank(const struct block *prev, const struct block *cur)
{
	if (prev->kind == BLK_BLANK || cur->kind == BLK_BLANK)
		return 0;
	if ((cur->marker || cur->indent) && (prev->marker || prev->indent))
		return 0;
	if (prev->quote && cur->quote && prev->quote != cur->quote)
		return 0;
	return 1;
}

/* Append up to cap columns of s to b; returns the columns added. */
static int add_capped(struct buf *b, const char *s, size_t n, int cap)
{
	int w = 0;
	size_t i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		uint32_t r;
		int cw = cp_width(c, &r);
		if (w + cw > cap)
			break;
		if (r)
			buf_add(b, s + i, (size_t)(l > 0 ? l : 1));
		w += cw;
		i += l > 0 ? (size_t)l : 1;
	}
	return w;
}

static void spaces(struct buf *b, int n)
{
	for (int i = 0; i < n; i++)
		buf_addc(b, ' ');
}

static void buf_reset(struct buf *b)
{
	b->len = 0;
	buf_add(b, "", 0);
}

/* The quote margin, list indent and marker of a block, into first and rest (emptied
 * first). The margin and indent are capped so the text keeps at least min(width, 8)
 * columns; the marker is kept whole after them (dropped only when not even one column
 * would remain), and following lines align with the first line's text (hanging indent). */
static void block_prefixes(const struct block *bl, int width, struct buf *first, int *fw, struct buf *rest,
			   int *rw)
{
	int cap = width - (width < 8 ? width : 8);
	buf_reset(first);
	buf_reset(rest);
	if (bl->quote <= 0 && !bl->marker && bl->indent <= 0) { /* most blocks: no prefix */
		*fw = *rw = 0;
		return;
	}
	struct buf q;
	buf_init(&q);
	buf_add(&q, "", 0);
	for (int i = 0; i < bl->quote && i < 64; i++)
		buf_adds(&q, "> ");
	struct buf m; /* the marker as drawn: sanitized, on one line, at most 16 bytes */
	buf_init(&m);
	buf_add(&m, "", 0);
	if (bl->marker)
		layout_sanitize(&m, bl->marker, strnlen(bl->marker, 16));
	for (size_t i = 0; i < m.len; i++)
		if (m.s[i] == '\n')
			m.s[i] = ' ';
	int mw = text_width(m.s, m.len);
	int ind = bl->indent > mw ? bl->indent : mw;
	if (ind > 200)
		ind = 200;
	int qw = add_capped(first, q.s, q.len, cap);
	add_capped(rest, q.s, q.len, cap);
	int lead = ind - mw;
	if (qw + lead > cap)
		lead = cap - qw;
	spaces(first, lead);
	*fw = qw + lead;
	if (m.len && *fw + mw < width) {
		buf_add(first, m.s, m.len);
		*fw += mw;
	}
	spaces(rest, *fw - qw);
	*rw = *fw;
	buf_free(&q);
	buf_free(&m);
}

static int starts_indented(const char *t, size_t n)
{
	return n && (t[0] == ' ' || (n >= 3 && memcmp(t, "\xE3\x80\x80", 3) == 0) ||
		     (n >= 2 && memcmp(t, "\xC2\xA0", 2) == 0));
}

static void layout_textblock(struct walk *w, const struct block *bl)
{
	const struct layout_opts *o = w->o;
	struct buf *first = &w->first, *rest = &w->rest;
	int fw, rw;
	block_prefixes(bl, o->width, first, &fw, rest, &rw);
	if (bl->kind == BLK_PARA && bl->para && o->paragraph_indent && !bl->marker && !bl->indent &&
	    !starts_indented(bl->text, bl->len) && fw + 4 <= o->width - (o->width < 8 ? o->width : 8)) {
		buf_adds(first, "\xE3\x80\x80\xE3\x80\x80");
		fw += 4;
	}
	struct para_style ps = {
		.first_prefix = first->s, .rest_prefix = rest->s, .first_pw = fw, .rest_pw = rw,
		.pstyle = bl->quote ? ST_QUOTE : 0,
		.extra = (bl->kind == BLK_HEADING ? ST_HEADING | ST_BOLD : 0) | (bl->quote ? ST_QUOTE : 0),
		.width = o->width, .gap = o->cjk_latin_space, .strict = o->kinsoku_strict,
		.hang = o->hang_punct && w->cjk,
	};
	size_t before = w->out->n;
	layout_para_text(&w->p, bl->text ? bl->text : "", bl->len, bl->runs, bl->nruns, &ps, w->out);
	if (w->out->n > before)
		w->blank = w->out->v[w->out->n - 1].len == 0;
}

static void layout_rule(struct walk *w, const struct block *bl)
{
	struct buf b;
	buf_init(&b);
	int cap = w->o->width - (w->o->width < 8 ? w->o->width : 8);
	int pw = 0;
	buf_add(&b, "", 0);
	for (int i = 0; i < bl->quote && pw + 2 <= cap; i++, pw += 2)
		buf_adds(&b, "> ");
	for (int i = pw; i < w->o->width; i++)
		buf_addc(&b, '-');
	lines_push(w->out, b.s, b.len, bl->quote ? ST_QUOTE : 0);
	w->blank = 0;
	buf_free(&b);
}

void layout_doc(const struct doc *d, const struct layout_opts *o, struct lines *out)
{
	layout_doc_stream(d, o, out, NULL, NULL);
}

void layout_doc_stream(const struct doc *d, const struct layout_opts *o, struct lines *out,
		       void (*flush)(struct lines *out, void *ud), void *ud)
{
	if (o->width <= 0) {
		if (flush)
			flush(out, ud);
		return;
	}
	struct walk w = {.o = o, .out = out, .blank = 1, .cjk = d->cjk};
	const struct block *prev = NULL;
	for (size_t i = 0; i < d->n; i++) {
		const struct block *bl = &d->blocks[i];
		if (prev && want_blank(prev, bl))
			push_blank(&w, prev->quote < bl->quote ? prev->quote : bl->quote);
		switch (bl->kind) {
		case BLK_PARA:
		case BLK_HEADING:
			layout_textblock(&w, bl);
			if (bl->kind == BLK_HEADING)
				push_blank(&w, bl->quote);
			break;
		case BLK_RULE:
			layout_rule(&w, bl);
			break;
		case BLK_BLANK:
			push_blank(&w, bl->quote);
			break;
		case BLK_PRE:
		case BLK_TABLE: {
			int fw, rw;
			block_prefixes(bl, o->width, &w.first, &fw, &w.rest, &rw);
			size_t before = out->n;
			if (bl->kind == BLK_PRE)
				layout_pre(bl, o, w.rest.s, rw, out);
			else
				layout_table(bl, o, w.rest.s, rw, out);
			if (out->n > before)
				w.blank = out->v[out->n - 1].len == 0;
			break;
		}
		}
		prev = bl;
		if (flush && out->n >= 256)
			flush(out, ud); /* the state between blocks is in w, not in out */
	}
	if (flush)
		flush(out, ud);
	para_free(&w.p);
	buf_free(&w.first);
	buf_free(&w.rest);
}
