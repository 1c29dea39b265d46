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

/* Fold the mentions into a->stocks: per code the count and the most frequent name. */
static void mentions_store(struct mentions *m, struct article *a)
{
	for (size_t i = 0; i < a->nstocks; i++) {
		free(a->stocks[i].code);
		free(a->stocks[i].name);
	}
	free(a->stocks);
	a->stocks = NULL;
	a->nstocks = 0;
	for (size_t i = 0; i < m->n; i++) {
		size_t k = 0;
		while (k < a->nstocks && strcmp(a->stocks[k].code, m->v[i].code))
			k++;
		if (k < a->nstocks)
			continue;
		int count = 0, best = 0;
		const char *name = "";
		for (size_t j = i; j < m->n; j++) {
			if (strcmp(m->v[j].code, m->v[i].code))
				continue;
			count++;
			if (!*m->v[j].name)
				continue;
			int c = 0;
			for (size_t q = i; q < m->n; q++)
				c += strcmp(m->v[q].code, m->v[i].code) == 0 && strcmp(m->v[q].name, m->v[j].name) == 0;
			if (c > best)
				best = c, name = m->v[j].name;
		}
		a->stocks = xrealloc(a->stocks, (a->nstocks + 1) * sizeof *a->stocks);
		a->stocks[a->nstocks].code = xstrdup(m->v[i].code);
		a->stocks[a->nstocks].name = xstrdup(name);
		a->stocks[a->nstocks].count = count;
		a->nstocks++;
	}
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

/* The stock pass over one text with its runs (a block or a table cell). */
static void annotate_text(char **text, size_t *len, struct run **runs, size_t *nruns, int scan,
			  const struct stock_opts *o, struct mentions *rec)
{
	if (!*text || !*len)
		return;
	struct stock_match *tm = NULL;
	size_t ntm = scan ? stock_scan_text(*text, *len, &tm) : 0;
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
		mention_add(rec, r->stock, *text + start, end - start);
		struct edit *x = &e[ne];
		memset(x, 0, sizeof *x);
		x->off = end;
		snprintf(x->code, sizeof x->code, "%s", r->stock);
		if (o->annotate) {
			char *name = xstrndup(*text + start, end - start);
			x->ins = stock_format(o->format, name, r->stock);
			x->ins_len = strlen(x->ins);
			free(name);
		}
		if (x->ins_len)
			ne++;
		else
			free(x->ins);
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
		memcpy(x->code, codes[0], sizeof x->code);
		if (o->annotate) {
			char *name = xstrndup(*text + tm[k].name_off, tm[k].name_len);
			x->ins = format_codes(o->format, name, codes, nc);
			x->ins_len = strlen(x->ins);
			free(name);
		}
		if (x->ins_len)
			ne++;
		else
			free(x->ins);
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
	struct stock_opts def = {1, "%n(%c)"};
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

struct tally {
	char *code;
	int articles;
	struct {
		const char *name;
		int weight;
	} *names;
	size_t nnames;
};

static int tally_cmp(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	if (x->articles != y->articles)
		return y->articles - x->articles;
	return strcmp(x->code, y->code);
}

void stock_write_table(FILE *f, const struct articles *l, int json)
{
	struct tally *t = NULL;
	size_t nt = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct article *a = l->v[i];
		if (!a->stocks_done) {
			struct doc d;
			render_doc(a, &d);
			doc_free(&d);
		}
		for (size_t s = 0; s < a->nstocks; s++) {
			const struct article_stock *st = &a->stocks[s];
			size_t k = 0;
			while (k < nt && strcmp(t[k].code, st->code))
				k++;
			if (k == nt) {
				t = xrealloc(t, (nt + 1) * sizeof *t);
				memset(&t[nt], 0, sizeof *t);
				t[nt++].code = st->code;
			}
			t[k].articles++;
			if (!st->name || !*st->name)
				continue;
			size_t q = 0;
			while (q < t[k].nnames && strcmp(t[k].names[q].name, st->name))
				q++;
			if (q == t[k].nnames) {
				t[k].names = xrealloc(t[k].names, (q + 1) * sizeof *t[k].names);
				t[k].names[q].name = st->name;
				t[k].names[q].weight = 0;
				t[k].nnames++;
			}
			t[k].names[q].weight += st->count;
		}
	}
	qsort(t, nt, sizeof *t, tally_cmp);
	struct buf b;
	buf_init(&b);
	for (size_t k = 0; k < nt; k++) {
		const char *name = "";
		int best = 0;
		for (size_t q = 0; q < t[k].nnames; q++)
			if (t[k].names[q].weight > best)
				best = t[k].names[q].weight, name = t[k].names[q].name;
		const char *dot = strrchr(t[k].code, '.');
		b.len = 0;
		if (json) {
			buf_adds(&b, "{\"code\":");
			json_string(&b, t[k].code);
			buf_adds(&b, ",\"name\":");
			json_string(&b, name);
			buf_adds(&b, ",\"market\":");
			json_string(&b, dot ? dot + 1 : "");
			buf_printf(&b, ",\"articles\":%d}\n", t[k].articles);
		} else {
			buf_adds(&b, t[k].code);
			buf_addc(&b, '\t');
			text_sanitize(&b, name, strlen(name), 1);
			buf_printf(&b, "\t%d\n", t[k].articles);
		}
		fwrite(b.s, 1, b.len, f);
		free(t[k].names);
	}
	buf_free(&b);
	free(t);
}

void stock_print_table(const struct articles *l, int json)
{
	stock_write_table(stdout, l, json);
}
