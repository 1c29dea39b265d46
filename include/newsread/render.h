/* render.h - one article -> lines: the header (title, date, author, categories) and the
 * body through html -> stock pass -> layout. Shared by --dump and the article view. */
#ifndef NEWSREAD_RENDER_H
#define NEWSREAD_RENDER_H

#include <stdio.h>

#include "newsread/article.h"
#include "newsread/doc.h"
#include "newsread/layout.h"
#include "newsread/stock.h"

/* What rendering is given (the caller makes it from its settings; render reads none). */
struct render_opts {
	struct layout_opts layout; /* width and cut_pre included */
	struct stock_opts stock;   /* the stock pass, the user's stock rules included */
};

/* Build the article's document (body only) with stock annotations per so. */
void render_doc(struct article *a, const struct stock_opts *so, struct doc *d);

/* Lay out header + body at o->width (the header names the source by its "~name" or the
 * feed's own title, article_source_name, which --dump's does not); the doc is kept by the caller for relayout. */
void render_lines(const struct article *a, const struct doc *d, const struct layout_opts *o, struct lines *out);

/* Print the article as plain text at o->layout.width, then its numbered link list. The
 * article is spent afterwards for rendering: its parsed body (a->tree) is freed once
 * converted, to keep the peak memory of a large dump down (a->html, if any, stays). */
void render_dump(FILE *out, struct article *a, const struct render_opts *o);

/* "YYYY-MM-DD HH:MM" in local time into buf ("" when no date). */
void render_date(const struct article *a, char *buf, size_t n);

#endif
