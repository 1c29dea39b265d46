/* output.h - the scripting outputs (--list, --stocks, with --json). These formats are a
 * contract. */
#ifndef NEWSREAD_OUTPUT_H
#define NEWSREAD_OUTPUT_H

#include <stdio.h>

#include "newsread/article.h"
#include "newsread/stock.h"
#include "newsread/util.h"

/* One line per article in l's order: tab-separated fields, or JSON objects when json. */
void output_list(FILE *f, const struct articles *l, int json);

/* The --stocks table of the articles' stocks: one line per stock, "CODE\tNAME\tARTICLES",
 * most mentioned first, then by code; with json {"code":..,"name":..,"market":..,
 * "articles":N}. Per code the name is the one with the most mentions (ties: seen first).
 * Articles whose stocks_done is 0 get their stocks first (stock_collect: no layout). */
void output_stocks(FILE *f, const struct articles *l, const struct stock_opts *o, int json);

/* Append s as a JSON string literal (quotes included) to b; s must be UTF-8. */
void json_string(struct buf *b, const char *s);

#endif
