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
