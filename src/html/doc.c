/* doc.c - document model helpers. */
#include "newsread/doc.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof *d);
}

static void runs_free(struct run *r)
{
	free(r);
}

void doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct block *b = &d->blocks[i];
		free(b->marker);
		free(b->text);
		runs_free(b->runs);
		if (b->table) {
			for (size_t c = 0; c < b->table->rows * b->table->cols; c++) {
				free(b->table->cells[c].text);
				free(b->table->cells[c].runs);
			}
			free(b->table->cells);
			free(b->table);
		}
	}
	free(d->blocks);
	for (size_t i = 0; i < d->nlinks; i++)
		free(d->links[i]);
	free(d->links);
	for (size_t i = 0; i < d->nelems; i++)
		for (int k = 0; k < DA_COUNT; k++)
			free(d->elems[i].attr[k]);
	free(d->elems);
	memset(d, 0, sizeof *d);
}

struct block *doc_add_block(struct doc *d, enum block_kind kind)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap + d->cap / 2 : 16;
		d->blocks = xrealloc(d->blocks, d->cap * sizeof *d->blocks);
	}
	struct block *b = &d->blocks[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

void doc_trim(struct doc *d)
{
	if (d->cap > d->n) {
		d->cap = d->n;
		d->blocks = d->n ? xrealloc(d->blocks, d->n * sizeof *d->blocks) : (free(d->blocks), NULL);
	}
	if (d->linkcap > d->nlinks) {
		d->linkcap = d->nlinks;
		d->links = d->nlinks ? xrealloc(d->links, d->nlinks * sizeof *d->links) : (free(d->links), NULL);
	}
}

int doc_add_link(struct doc *d, const char *url)
{
	if (d->nlinks == d->linkcap) {
		d->linkcap = d->linkcap ? d->linkcap * 2 : 16;
		d->links = xrealloc(d->links, d->linkcap * sizeof *d->links);
	}
	d->links[d->nlinks++] = xstrdup(url ? url : "");
	return (int)d->nlinks;
}

void block_append(struct block *b, const char *s, size_t n, unsigned style, int link, const char *stock)
{
	if (!n)
		return;
	b->text = xrealloc(b->text, b->len + n + 1);
	memcpy(b->text + b->len, s, n);
	size_t off = b->len;
	b->len += n;
	b->text[b->len] = '\0';
	if (!stock)
		stock = "";
	if (!style && !link && !*stock)
		return;
	if (b->nruns) {
		struct run *r = &b->runs[b->nruns - 1];
		if (r->off + r->len == off && r->style == style && r->link == link && strcmp(r->stock, stock) == 0) {
			r->len += n;
			return;
		}
	}
	b->runs = xrealloc(b->runs, (b->nruns + 1) * sizeof *b->runs);
	struct run *r = &b->runs[b->nruns++];
	memset(r, 0, sizeof *r);
	r->off = off;
	r->len = n;
	r->style = style;
	r->link = link;
	snprintf(r->stock, sizeof r->stock, "%s", stock);
}

const char *const doc_attr_names[DA_COUNT] = {"href", "code", "data-code", "id"};

unsigned doc_add_elem(struct doc *d, const char *const *attr, unsigned parent)
{
	if (d->nelems == d->elemcap) {
		d->elemcap = d->elemcap ? d->elemcap * 2 : 16;
		d->elems = xrealloc(d->elems, d->elemcap * sizeof *d->elems);
	}
	struct doc_elem *e = &d->elems[d->nelems++];
	for (int i = 0; i < DA_COUNT; i++)
		e->attr[i] = attr[i] ? xstrdup(attr[i]) : NULL;
	e->parent = parent;
	e->link = 0;
	e->mark_space = 0;
	return (unsigned)d->nelems;
}

/* A run's text with its link number old written as new: a mark "[old]", or the number
 * after the first space of a placeholder "[图 old: alt]". Appends the text to b. */
static void renumber_text(struct buf *b, const char *t, size_t n, int old, int new)
{
	char o[16], w[16];
	size_t ol = (size_t)snprintf(o, sizeof o, "%d", old), wl = (size_t)snprintf(w, sizeof w, "%d", new);
	size_t p = 1;
	if (n > 1 && t[0] == '[' && !(t[1] >= '0' && t[1] <= '9')) {
		while (p < n && t[p] != ' ')
			p++;
		p++; /* past the space */
	}
	if (n && t[0] == '[' && p + ol < n && memcmp(t + p, o, ol) == 0 && (t[p + ol] == ']' || t[p + ol] == ':')) {
		buf_add(b, t, p);
		buf_add(b, w, wl);
		buf_add(b, t + p + ol, n - p - ol);
	} else {
		buf_add(b, t, n); /* (does not write the number: kept as it is) */
	}
}

/* What doc_unlink knows: link k's new number map[k] (0: dropped), space[k] set when the
 * html stage saw a space after link k's mark that only the mark brought. */
struct relink {
	const int *map;
	const unsigned char *space;
	size_t nmap;
};

static int relink_moves(const struct relink *x, const struct run *r)
{
	return r->link > 0 && (size_t)r->link < x->nmap && x->map[r->link] != r->link;
}

/* Newlines at the end of b's text (at most 3 counted). */
static size_t trailing_nl(const struct buf *b)
{
	size_t n = 0;
	while (n < 3 && n < b->len && b->s[b->len - 1 - n] == '\n')
		n++;
	return n;
}

/* Where the text after a dropped mark (at pos) goes on, as the html stage would have
 * written it without the mark: no space the mark alone brought, no more than two line
 * breaks in a row (<br>) outside preformatted text. */
static size_t after_mark(const char *t, size_t len, size_t pos, int spaced, size_t nl_before, int pre)
{
	if (spaced && pos < len && t[pos] == ' ')
		pos++;
	if (!pre && nl_before) {
		size_t n = 0;
		while (pos + n < len && t[pos + n] == '\n')
			n++;
		size_t room = nl_before >= 2 ? 0 : 2 - nl_before, keep = n < room ? n : room;
		pos += n - keep;
	}
	return pos;
}

/* doc_unlink on one text and its runs; block: a block's text (its trailing line breaks
 * go, as the html stage ends a block), pre: preformatted. */
static void unlink_text(char **text, size_t *len, struct run **runs, size_t *nruns, const struct relink *x,
			int block, int pre)
{
	size_t k = 0;
	while (k < *nruns && !relink_moves(x, &(*runs)[k]))
		k++;
	if (k == *nruns)
		return; /* nothing here changes */
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	size_t pos = 0, w = 0;
	int dropped = 0;
	struct run *v = *runs;
	for (size_t i = 0; i < *nruns; i++) {
		struct run r = v[i];
		if (r.off + r.len <= pos)
			continue; /* (taken away after a dropped mark) */
		if (r.off < pos) {
			r.len -= pos - r.off;
			r.off = pos;
		}
		buf_add(&b, *text + pos, r.off - pos);
		pos = r.off + r.len;
		size_t at = b.len;
		if (relink_moves(x, &r)) {
			int nl = x->map[r.link];
			if (!nl && (r.style & ST_MARK)) { /* a dropped link's mark goes */
				pos = after_mark(*text, *len, pos, x->space[r.link], trailing_nl(&b), pre);
				dropped = 1;
				continue;
			}
			if (nl && (r.style & (ST_MARK | ST_IMAGE)))
				renumber_text(&b, *text + r.off, r.len, r.link, nl);
			else
				buf_add(&b, *text + r.off, r.len);
			if (!nl)
				r.style &= ~(unsigned)ST_LINK;
			r.link = nl;
		} else {
			buf_add(&b, *text + r.off, r.len);
		}
		r.off = at;
		r.len = b.len - at;
		v[w++] = r;
	}
	buf_add(&b, *text + pos, *len - pos);
	if (block && dropped) { /* a mark that ended the block may have kept line breaks in */
		while (b.len && b.s[b.len - 1] == '\n')
			b.s[--b.len] = '\0';
		while (w && v[w - 1].off >= b.len)
			w--;
		if (w && v[w - 1].off + v[w - 1].len > b.len)
			v[w - 1].len = b.len - v[w - 1].off;
	}
	free(*text);
	*len = b.len;
	*text = buf_steal(&b);
	*nruns = w;
}

void doc_unlink(struct doc *d, const unsigned char *drop)
{
	size_t n = 0, nmap = d->nlinks + 1;
	int *map = xmalloc(nmap * sizeof *map);
	unsigned char *space = xcalloc(nmap, 1);
	for (size_t i = 0; i < d->nelems; i++)
		if (d->elems[i].mark_space && d->elems[i].link > 0 && (size_t)d->elems[i].link < nmap)
			space[d->elems[i].link] = 1;
	map[0] = 0;
	for (size_t i = 0; i < d->nlinks; i++) {
		if (drop[i]) {
			map[i + 1] = 0;
			free(d->links[i]);
		} else {
			map[i + 1] = (int)++n;
			d->links[n - 1] = d->links[i];
		}
	}
	if (n == d->nlinks) {
		free(space);
		free(map);
		return;
	}
	struct relink x = {map, space, nmap};
	d->nlinks = n;
	for (size_t i = 0; i < d->n; i++) {
		struct block *b = &d->blocks[i];
		if (b->kind == BLK_TABLE && b->table)
			for (size_t c = 0; c < b->table->rows * b->table->cols; c++) {
				struct tcell *t = &b->table->cells[c];
				unlink_text(&t->text, &t->len, &t->runs, &t->nruns, &x, 0, 0);
			}
		else
			unlink_text(&b->text, &b->len, &b->runs, &b->nruns, &x, 1, b->kind == BLK_PRE);
	}
	for (size_t i = 0; i < d->nelems; i++)
		if (d->elems[i].link > 0 && (size_t)d->elems[i].link < nmap)
			d->elems[i].link = map[d->elems[i].link];
	free(space);
	free(map);
}
