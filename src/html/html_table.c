/* html_table.c - gathering the cells of the outermost <table> and turning them into a
 * BLK_TABLE (or paragraphs when the table has one column, as layout tables do). */
#include "html/html_priv.h"

#include <stdlib.h>
#include <string.h>

void tb_row(struct tbuild *t)
{
	t->rows++;
	t->row_open = 1;
}

void tb_cell_begin(struct tbuild *t, int header, int colspan, int rowspan)
{
	if (!t->rows)
		tb_row(t);
	if (t->in_cell)
		tb_cell_end(t);
	acc_reset(&t->cell);
	t->in_cell = 1;
	t->cell_header = header;
	t->cell_colspan = colspan < 1 ? 1 : colspan > HTML_MAX_COLS ? HTML_MAX_COLS : colspan;
	t->cell_rowspan = rowspan < 1 ? 1 : rowspan > HTML_MAX_ROWSPAN ? HTML_MAX_ROWSPAN : rowspan;
}

void tb_cell_end(struct tbuild *t)
{
	if (!t->in_cell)
		return;
	t->in_cell = 0;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	struct tb_cell *c = &t->cells[t->n++];
	memset(c, 0, sizeof *c);
	acc_take(&t->cell, &c->text, &c->len, &c->runs, &c->nruns);
	c->header = t->cell_header;
	c->colspan = t->cell_colspan;
	c->rowspan = t->cell_rowspan;
	c->row = t->rows - 1;
}

/* Append cell src's text and runs to cell dst, with a space between. */
static void cell_join(struct tcell *dst, struct tb_cell *src)
{
	if (!src->len)
		return;
	size_t base = dst->len + (dst->len ? 1 : 0);
	dst->text = xrealloc(dst->text, base + src->len + 1);
	if (dst->len)
		dst->text[dst->len] = ' ';
	memcpy(dst->text + base, src->text, src->len);
	dst->len = base + src->len;
	dst->text[dst->len] = '\0';
	if (src->nruns) {
		dst->runs = xrealloc(dst->runs, (dst->nruns + src->nruns) * sizeof *dst->runs);
		for (size_t i = 0; i < src->nruns; i++) {
			dst->runs[dst->nruns] = src->runs[i];
			dst->runs[dst->nruns++].off += base;
		}
	}
}

static void cells_as_paragraphs(struct tbuild *t, struct doc *d, int quote, int indent)
{
	for (size_t i = 0; i < t->n; i++) {
		struct tb_cell *c = &t->cells[i];
		if (!c->len)
			continue;
		struct block *b = doc_add_block(d, BLK_PARA);
		b->quote = quote;
		b->indent = indent;
		b->text = c->text;
		b->len = c->len;
		b->runs = c->runs;
		b->nruns = c->nruns;
		c->text = NULL;
		c->runs = NULL;
	}
}

/* Give each cell its row (rows holding at least one cell, renumbered) and column: the
 * next column of its row not taken by a rowspan from above. A cell starting at or past
 * HTML_MAX_COLS gets col (size_t)-1. Returns the number of rows; *cols the widest row. */
static size_t place(struct tbuild *t, size_t *rowof, size_t *colof, size_t *cols)
{
	size_t below[HTML_MAX_COLS] = {0}; /* rows taken in each column by a rowspan, this one included */
	size_t nrows = 0, col = 0, row = (size_t)-1;
	*cols = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct tb_cell *c = &t->cells[i];
		if (c->row != row) { /* a new row: the rowspans above move down one */
			if (row != (size_t)-1)
				for (size_t k = 0; k < HTML_MAX_COLS; k++)
					below[k] -= below[k] > 0;
			row = c->row;
			nrows++;
			col = 0;
		}
		while (col < HTML_MAX_COLS && below[col])
			col++;
		rowof[i] = nrows - 1;
		if (col >= HTML_MAX_COLS) {
			colof[i] = (size_t)-1;
			continue;
		}
		colof[i] = col;
		size_t span = (size_t)c->colspan;
		if (span > HTML_MAX_COLS - col)
			span = HTML_MAX_COLS - col;
		if (c->rowspan > 1) /* this row and rowspan - 1 below (counted down per row) */
			for (size_t k = col; k < col + span; k++)
				below[k] = (size_t)c->rowspan;
		col += span;
		if (col > *cols)
			*cols = col;
		/* a rowspan from above ending the row still widens it */
		for (size_t k = col; k < HTML_MAX_COLS; k++)
			if (below[k] && k + 1 > *cols)
				*cols = k + 1;
	}
	return nrows;
}

void tb_finish(struct tbuild *t, struct doc *d, int quote, int indent)
{
	tb_cell_end(t);
	if (!t->n) {
		tb_free(t);
		return;
	}
	size_t *rowof = xmalloc(t->n * sizeof *rowof), *colof = xmalloc(t->n * sizeof *colof), cols;
	size_t nrows = place(t, rowof, colof, &cols);
	if (!cols) {
		free(rowof);
		free(colof);
		tb_free(t);
		return;
	}
	if (cols == 1) {
		free(rowof);
		free(colof);
		cells_as_paragraphs(t, d, quote, indent);
		tb_free(t);
		return;
	}
	struct table *tab = xcalloc(1, sizeof *tab);
	tab->rows = nrows;
	tab->cols = cols;
	tab->cells = xcalloc(nrows * cols, sizeof *tab->cells);
	struct tcell *last = NULL;
	size_t lastrow = (size_t)-1;
	for (size_t i = 0; i < t->n; i++) {
		struct tb_cell *c = &t->cells[i];
		size_t r = rowof[i], col = colof[i];
		if (r != lastrow) {
			lastrow = r;
			last = NULL;
		}
		if (col == (size_t)-1) {
			/* beyond the column cap: the text joins the row's last cell */
			if (last)
				cell_join(last, c);
			continue;
		}
		struct tcell *tc = &tab->cells[r * cols + col];
		tc->text = c->text;
		tc->len = c->len;
		tc->runs = c->runs;
		tc->nruns = c->nruns;
		tc->header = c->header;
		int span = c->colspan;
		if ((size_t)span > cols - col)
			span = (int)(cols - col);
		tc->colspan = span;
		c->text = NULL;
		c->runs = NULL;
		last = tc;
		/* cells covered by the span: empty, colspan 0 */
		for (int k = 1; k < span; k++)
			tab->cells[r * cols + col + (size_t)k].header = c->header;
		/* the rows below it keep these columns blank (place): they point up to it */
		for (size_t rr = r + 1; rr < nrows && rr < r + (size_t)c->rowspan; rr++)
			for (int k = 0; k < span; k++)
				tab->cells[rr * cols + col + (size_t)k].above = r * cols + col + 1;
	}
	free(rowof);
	free(colof);
	for (size_t i = 0; i < nrows * cols; i++)
		if (!tab->cells[i].text) {
			tab->cells[i].text = xstrdup("");
			/* colspan stays 0 for a covered cell; a missing cell at a row's end gets 1 */
		}
	/* cells no one wrote (short rows, columns taken by a rowspan from above): real empty
	   cells, so the row's columns stay aligned */
	for (size_t rr = 0; rr < nrows; rr++) {
		size_t c = 0;
		while (c < cols) {
			struct tcell *tc = &tab->cells[rr * cols + c];
			if (tc->colspan == 0) {
				tc->colspan = 1; /* an uncovered hole */
				c++;
			} else
				c += (size_t)tc->colspan;
		}
	}
	struct block *b = doc_add_block(d, BLK_TABLE);
	b->quote = quote;
	b->indent = indent;
	b->table = tab;
	tb_free(t);
}

void tb_free(struct tbuild *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->cells[i].text);
		free(t->cells[i].runs);
	}
	free(t->cells);
	acc_free(&t->cell);
	memset(t, 0, sizeof *t);
}
