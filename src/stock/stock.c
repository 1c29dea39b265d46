/* stock.c - the stock pass over a document (annotations inserted as ST_STOCK runs,
 * mentions recorded in the article) and the --stocks table. The rules live in
 * stock_rules.c, the text scanner in stock_text.c. */
#include "newsread/stock.h"
#include "newsread/article.h"
#include "newsread/output.h"
#include "newsread/render.h"
#include "newsread/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_MAX 256 /* bytes of one expanded annotation */
#define NAME_MAX_BYTES 96

/* Expand fmt for codes[0..n) (joined by '/' in %c, %m, %s). */
static char *format_codes(const char *fmt, const char *name, char codes[][20], size_t n)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	if (!fmt)
		fmt = "%n(%c)";
	if (has_prefix(fmt, "%n"))
		fmt += 2; /* the name is already in the text */
	for (const char *p = fmt; *p && b.len < FORMAT_MAX; p++) {
		if (*p != '%') {
			if ((unsigned char)*p >= 0x20 && *p != 0x7f)
				buf_addc(&b, *p);
			continue;
		}
		char f = *++p;
		if (!f)
			break;
		if (f == '%') {
			buf_addc(&b, '%');
		} else if (f == 'n') {
			buf_adds(&b, name ? name : "");
		} else if (f == 'c' || f == 'm' || f == 's') {
			for (size_t i = 0; i < n; i++) {
				const char *dot = strrchr(codes[i], '.');
				size_t cut = dot ? (size_t)(dot - codes[i]) : strlen(codes[i]);
				if (i)
					buf_addc(&b, '/');
				if (f == 'c')
					buf_adds(&b, codes[i]);
				else if (f == 'm')
					buf_adds(&b, dot ? dot + 1 : "");
				else
					buf_add(&b, codes[i], cut);
			}
		} else {
			buf_addc(&b, '%'); /* unknown directive: kept as written */
			buf_addc(&b, f);
		}
	}
	if (b.len > FORMAT_MAX) { /* never cut inside a character */
		size_t l = FORMAT_MAX;
		while (l && ((unsigned char)b.s[l] & 0xC0) == 0x80)
			l--;
		b.len = l;
		b.s[l] = '\0';
	}
	return buf_steal(&b);
}

char *stock_format(const char *fmt, const char *name, const char *code)
{
	char c[1][20];
	snprintf(c[0], sizeof c[0], "%s", code ? code : "");
	return format_codes(fmt, name, c, 1);
}

/* ---- recording mentions ---- */

struct mention {
	char code[20];
	char *name;
};

struct mentions {
	struct mention *v;
	size_t n, cap;
};

static void mention_add(struct mentions *m, const char *code, const char *name, size_t nlen)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	struct mention *x = &m->v[m->n++];
	snprintf(x->code, sizeof x->code, "%s", code);
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_sanitize(&b, name, nlen > NAME_MAX_BYTES ? NAME_MAX_BYTES : nlen, 1);
	x->name = buf_steal(&b);
	str_trim(x->name);
}

static const struct mention *sort_base;

/* By code, then name, then order of appearance. */
static int mention_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_base[i].code, sort_base[j].code);
	if (!c)
		c = strcmp(sort_base[i].name, sort_base[j].name);
	return c ? c : (i < j ? -1 : i > j);
}

struct folded {
	size_t first;     /* index of the code's first mention */
	size_t name_at;   /* index of a mention with the chosen name */
	int count;
};

static int folded_cmp(const void *a, const void *b)
{
	const struct folded *x = a, *y = b;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Fold the mentions into a->stocks in order of first appearance: per code the count and
 * the most frequent non-empty name (ties: the one seen first). O(n log n). */
static void mentions_store(struct mentions *m, struct article *a)
{
	for (size_t i = 0; i < a->nstocks; i++) {
		free(a->stocks[i].code);
		free(a->stocks[i].name);
	}
	free(a->stocks);
	a->stocks = NULL;
	a->nstocks = 0;
	if (!m->n)
		return;
	size_t *ix = xmalloc(m->n * sizeof *ix);
	for (size_t i = 0; i < m->n; i++)
		ix[i] = i;
	sort_base = m->v;
	qsort(ix, m->n, sizeof *ix, mention_cmp);
	struct folded *f = xmalloc(m->n * sizeof *f);
	size_t nf = 0;
	for (size_t i = 0; i < m->n;) {
		size_t j = i, first = ix[i], best_at = ix[i], best_first = (size_t)-1;
		int best = 0;
		while (j < m->n && strcmp(m->v[ix[j]].code, m->v[ix[i]].code) == 0) {
			size_t k = j, nfirst = ix[j];
			while (k < m->n && strcmp(m->v[ix[k]].code, m->v[ix[j]].code) == 0 &&
			       strcmp(m->v[ix[k]].name, m->v[ix[j]].name) == 0) {
				if (ix[k] < first)
					first = ix[k];
				k++;
			}
			int c = (int)(k - j);
			if (*m->v[ix[j]].name && (c > best || (c == best && nfirst < best_first)))
				best = c, best_at = ix[j], best_first = nfirst;
			j = k;
		}
		f[nf].first = first;
		f[nf].name_at = best_at;
		f[nf++].count = (int)(j - i);
		i = j;
	}
	qsort(f, nf, sizeof *f, folded_cmp);
	a->stocks = xmalloc(nf * sizeof *a->stocks);
	for (size_t i = 0; i < nf; i++) {
		a->stocks[i].code = xstrdup(m->v[f[i].first].code);
		a->stocks[i].name = xstrdup(m->v[f[i].name_at].name);
		a->stocks[i].count = f[i].count;
	}
	a->nstocks = nf;
	free(f);
	free(ix);
}

static void mentions_free(struct mentions *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
}

/* ---- editing a text and its runs ---- */

struct edit {
	size_t off, del; /* replace text[off, off+del) ... */
	char *ins;       /* ... by this (ST_STOCK) */
	size_t ins_len;
	char code[20];
};

static int edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* New offset of an old one: a run starting at an insertion point goes after it, a run
 * ending there stays before it. */
static size_t shift(const struct edit *e, size_t n, size_t x, int is_start)
{
	size_t r = x;
	for (size_t i = 0; i < n; i++) {
		int moves = e[i].del ? e[i].off + e[i].del <= x : (is_start ? e[i].off <= x : e[i].off < x);
		if (moves)
			r = r + e[i].ins_len - e[i].del;
	}
	return r;
}

static void run_push(struct run **v, size_t *n, size_t *cap, const struct run *r)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = *r;
}

static int run_cmp(const void *a, const void *b)
{
	const struct run *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Apply sorted, non-overlapping edits to text and runs. */
static void apply_edits(char **text, size_t *len, struct run **runs, size_t *nruns, struct edit *e, size_t ne)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	size_t pos = 0;
	struct run *nr = NULL;
	size_t nn = 0, cap = 0;
	for (size_t i = 0; i < ne; i++) {
		buf_add(&b, *text + pos, e[i].off - pos);
		struct run r = {.off = b.len, .len = e[i].ins_len, .style = ST_STOCK};
		snprintf(r.stock, sizeof r.stock, "%s", e[i].code);
		buf_add(&b, e[i].ins, e[i].ins_len);
		if (r.len)
			run_push(&nr, &nn, &cap, &r);
		pos = e[i].off + e[i].del;
	}
	buf_add(&b, *text + pos, *len - pos);
	for (size_t k = 0; k < *nruns; k++) {
		const struct run *o = &(*runs)[k];
		size_t cur = o->off, end = o->off + o->len;
		for (size_t i = 0; i < ne && cur < end; i++) {
			size_t piece_end = cur;
			if (e[i].del) {
				if (e[i].off + e[i].del <= cur || e[i].off >= end)
					continue;
				piece_end = e[i].off > cur ? e[i].off : cur;
			} else {
				if (e[i].off <= cur || e[i].off >= end)
					continue;
				piece_end = e[i].off;
			}
			if (piece_end > cur) {
				struct run r = *o;
				r.off = shift(e, ne, cur, 1);
				r.len = shift(e, ne, piece_end, 0) - r.off;
				run_push(&nr, &nn, &cap, &r);
			}
			cur = e[i].del ? e[i].off + e[i].del : e[i].off;
		}
		if (cur < end) {
			struct run r = *o;
			r.off = shift(e, ne, cur, 1);
			r.len = shift(e, ne, end, 0) - r.off;
			run_push(&nr, &nn, &cap, &r);
		}
	}
	qsort(nr, nn, sizeof *nr, run_cmp);
	free(*text);
	free(*runs);
	*len = b.len;
	*text = buf_steal(&b);
	*runs = nr;
	*nruns = nn;
}

/* A bracket inside an element's text [start, end) that writes the element's own code
 * ($腾讯控股(00700)$ on xueqiu): 1 with its offset and length, else 0. */
static int inner_bracket(const char *t, size_t start, size_t end, const char *code, size_t *bo, size_t *bl)
{
	const char *dot = strrchr(code, '.');
	for (size_t i = start; i < end; i++) {
		size_t ol = t[i] == '(' ? 1 : (end - i >= 3 && memcmp(t + i, "（", 3) == 0) ? 3 : 0;
		if (!ol)
			continue;
		for (size_t j = i + ol; j < end && j - i < 40; j++) {
			size_t cl = t[j] == ')' ? 1 : (end - j >= 3 && memcmp(t + j, "）", 3) == 0) ? 3 : 0;
			if (!cl)
				continue;
			char *content = xstrndup(t + i + ol, j - i - ol), out[20];
			int same = stock_canonical(content, dot ? dot + 1 : NULL, out, sizeof out) && !strcmp(out, code);
			free(content);
			if (!same)
				break;
			*bo = i;
			*bl = j + cl - i;
			return 1;
		}
	}
	return 0;
}

/* The element's text as a name: without xueqiu's $ signs and spaces around. */
static void element_name(const char *t, size_t *start, size_t *end)
{
	while (*start < *end && (t[*start] == '$' || t[*start] == ' '))
		(*start)++;
	while (*end > *start && (t[*end - 1] == '$' || t[*end - 1] == ' '))
		(*end)--;
}

/* Fill edit x for the name (nlen bytes) and its codes: the code it records and, when
 * annotating, the text it inserts. Returns 1 when x inserts something (keep it), else 0. */
static int edit_insert(struct edit *x, const struct stock_opts *o, const char *name, size_t nlen,
		       char codes[][20], size_t nc)
{
	memcpy(x->code, codes[0], sizeof x->code);
	if (o->annotate) {
		char *nm = xstrndup(name, nlen);
		x->ins = format_codes(o->format, nm, codes, nc);
		x->ins_len = strlen(x->ins);
		free(nm);
	}
	if (x->ins_len)
		return 1;
	free(x->ins);
	x->ins = NULL;
	return 0;
}

/* The stock pass over one text with its runs (a block or a table cell). */
static void annotate_text(char **text, size_t *len, struct run **runs, size_t *nruns, int scan,
			  const struct stock_opts *o, struct mentions *rec)
{
	if (!*text || !*len)
		return;
	struct stock_match *tm = NULL;
	size_t ntm = scan ? stock_scan_text(o->rules, *text, *len, &tm) : 0;
	struct edit *e = NULL;
	size_t ne = 0;
	e = xmalloc((ntm + *nruns + 1) * sizeof *e);
	/* elements the markup marked: runs in a row with the same code */
	for (size_t i = 0; i < *nruns;) {
		const struct run *r = &(*runs)[i];
		if (!r->stock[0]) {
			i++;
			continue;
		}
		size_t start = r->off, end = r->off + r->len, j = i + 1;
		while (j < *nruns && (*runs)[j].off == end && strcmp((*runs)[j].stock, r->stock) == 0)
			end += (*runs)[j++].len;
		i = j;
		size_t after = end;
		while (after < *len && (*text)[after] == ' ')
			after++;
		int followed = 0;
		for (size_t k = 0; k < ntm; k++)
			if (tm[k].paren_off == after || (tm[k].paren_off < end && tm[k].paren_off + tm[k].paren_len > start))
				followed = 1;
		if (followed) {
			/* the text writes the code too: the bracket is replaced; name it after the element */
			for (size_t k = 0; k < ntm; k++)
				if (tm[k].paren_off == after) {
					tm[k].name_off = start;
					tm[k].name_len = end - start;
				}
			continue;
		}
		struct edit *x = &e[ne];
		memset(x, 0, sizeof *x);
		x->off = end;
		size_t bo, bl;
		if (inner_bracket(*text, start, end, r->stock, &bo, &bl)) {
			x->off = bo; /* the element writes its code: replace it */
			x->del = bl;
			end = bo;
		}
		element_name(*text, &start, &end);
		mention_add(rec, r->stock, *text + start, end - start);
		char code[1][20];
		snprintf(code[0], sizeof code[0], "%s", r->stock);
		ne += edit_insert(x, o, *text + start, end - start, code, 1);
	}
	/* codes written in brackets: one edit per bracket */
	for (size_t k = 0; k < ntm;) {
		size_t j = k;
		char codes[4][20];
		size_t nc = 0;
		while (j < ntm && tm[j].paren_off == tm[k].paren_off) {
			mention_add(rec, tm[j].code, *text + tm[j].name_off, tm[j].name_len);
			if (nc < 4)
				memcpy(codes[nc++], tm[j].code, sizeof codes[0]);
			j++;
		}
		struct edit *x = &e[ne];
		memset(x, 0, sizeof *x);
		x->off = tm[k].paren_off;
		x->del = tm[k].paren_len;
		ne += edit_insert(x, o, *text + tm[k].name_off, tm[k].name_len, codes, nc);
		k = j;
	}
	if (ne) {
		qsort(e, ne, sizeof *e, edit_cmp);
		/* drop an insertion that falls inside a replaced bracket */
		size_t w = 0;
		for (size_t i = 0; i < ne; i++) {
			if (w && e[i].off < e[w - 1].off + e[w - 1].del) {
				free(e[i].ins);
				continue;
			}
			e[w++] = e[i];
		}
		apply_edits(text, len, runs, nruns, e, w);
		for (size_t i = 0; i < w; i++)
			free(e[i].ins);
	}
	free(e);
	free(tm);
}

void stock_annotate(struct doc *d, const struct stock_opts *o, struct article *a)
{
	struct mentions rec = {0};
	struct stock_opts def = {1, "%n(%c)", NULL};
	if (!o)
		o = &def;
	for (size_t i = 0; d && i < d->n; i++) {
		struct block *b = &d->blocks[i];
		if (b->kind == BLK_TABLE && b->table) {
			for (size_t c = 0; c < b->table->rows * b->table->cols; c++) {
				struct tcell *t = &b->table->cells[c];
				annotate_text(&t->text, &t->len, &t->runs, &t->nruns, 1, o, &rec);
			}
		} else {
			annotate_text(&b->text, &b->len, &b->runs, &b->nruns, b->kind != BLK_PRE, o, &rec);
		}
	}
	if (a) {
		mentions_store(&rec, a);
		a->stocks_done = 1;
	}
	mentions_free(&rec);
}

/* ---- the --stocks table ---- */

/* One (article, stock) pair. */
struct pair {
	const char *code, *name;
	int count;
	size_t order; /* position in the input, for stable ties */
};

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

struct tally {
	const char *code, *name;
	int articles;
};

static int tally_cmp(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	if (x->articles != y->articles)
		return y->articles - x->articles;
	return strcmp(x->code, y->code);
}

void stock_write_table(FILE *f, const struct articles *l, const struct stock_opts *o, int json)
{
	struct pair *p = NULL;
	size_t np = 0, cap = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct article *a = l->v[i];
		if (!a->stocks_done) {
			struct doc d;
			render_doc(a, o, &d);
			doc_free(&d);
		}
		for (size_t s = 0; s < a->nstocks; s++) {
			if (np == cap) {
				cap = cap ? cap * 2 : 64;
				p = xrealloc(p, cap * sizeof *p);
			}
			p[np].code = a->stocks[s].code;
			p[np].name = a->stocks[s].name ? a->stocks[s].name : "";
			p[np].count = a->stocks[s].count;
			p[np].order = np;
			np++;
		}
	}
	if (np) /* p is NULL without stocks: qsort must not get it */
		qsort(p, np, sizeof *p, pair_cmp);
	/* per code: articles, and the name with the most mentions (ties: seen first) */
	struct tally *t = xmalloc((np + 1) * sizeof *t);
	size_t nt = 0;
	for (size_t i = 0; i < np;) {
		size_t j = i, best_order = (size_t)-1;
		int best = 0;
		t[nt].code = p[i].code;
		t[nt].name = "";
		while (j < np && strcmp(p[j].code, p[i].code) == 0) {
			size_t k = j, first = p[j].order;
			int w = 0;
			while (k < np && strcmp(p[k].code, p[j].code) == 0 && strcmp(p[k].name, p[j].name) == 0)
				w += p[k++].count;
			if (*p[j].name && (w > best || (w == best && first < best_order)))
				best = w, best_order = first, t[nt].name = p[j].name;
			j = k;
		}
		t[nt++].articles = (int)(j - i);
		i = j;
	}
	qsort(t, nt, sizeof *t, tally_cmp);
	struct buf b;
	buf_init(&b);
	for (size_t k = 0; k < nt; k++) {
		const char *dot = strrchr(t[k].code, '.');
		b.len = 0;
		if (json) {
			buf_adds(&b, "{\"code\":");
			json_string(&b, t[k].code);
			buf_adds(&b, ",\"name\":");
			json_string(&b, t[k].name);
			buf_adds(&b, ",\"market\":");
			json_string(&b, dot ? dot + 1 : "");
			buf_printf(&b, ",\"articles\":%d}\n", t[k].articles);
		} else {
			buf_adds(&b, t[k].code);
			buf_addc(&b, '\t');
			text_sanitize(&b, t[k].name, strlen(t[k].name), 1);
			buf_printf(&b, "\t%d\n", t[k].articles);
		}
		fwrite(b.s, 1, b.len, f);
	}
	buf_free(&b);
	free(t);
	free(p);
}

void stock_print_table(const struct articles *l, const struct stock_opts *o, int json)
{
	stock_write_table(stdout, l, o, json);
}
