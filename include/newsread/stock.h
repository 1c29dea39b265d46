/* stock.h - stock-code detection and annotation. Data-driven: a table of rules in
 * stock.c, extended at run time by the config's stock-rule command. */
#ifndef NEWSREAD_STOCK_H
#define NEWSREAD_STOCK_H

#include <stddef.h>

#include "newsread/doc.h"
#include "newsread/util.h"

struct article;

/* Markup rule: do these attributes of one element identify a stock? Any argument may
 * be NULL. On a match writes the canonical code ("603000.SH", "00700.HK", "AAPL.US")
 * into out and returns 1; else 0. Never depends on class names. */
int stock_from_attrs(const char *href, const char *code, const char *data_code, const char *id,
		     char *out, size_t outlen);

/* A code written in the text right after a name: 腾讯控股（00700.HK）. */
struct stock_match {
	size_t name_off, name_len;   /* the name before the bracket (may be empty) */
	size_t paren_off, paren_len; /* the bracketed code, brackets included */
	char code[20];               /* canonical code */
};

/* Find text annotations in s; returns how many were put in *out (malloc'd, caller frees). */
size_t stock_scan_text(const char *s, size_t len, struct stock_match **out);

/* Normalise a code with an optional market hint ("SH", "SZ", "BJ", "HK", "US", "SS",
 * eastmoney's "1"/"0"/"105"...) to CODE.MARKET; returns 1 when it is a valid stock code. */
int stock_canonical(const char *code, const char *market, char *out, size_t outlen);

struct stock_opts {
	int annotate;          /* stock-annotations on/off */
	const char *format;    /* stock-format template: %n name, %c code, %m market, %s number */
};

/* The stock pass over a document: for runs whose run.stock is set and for text
 * matches, insert the formatted annotation (styled ST_STOCK) after the name,
 * replacing a code already in the text. When a is not NULL, record the stocks
 * (code, name, count) in a->stocks. */
void stock_annotate(struct doc *d, const struct stock_opts *o, struct article *a);

/* Config command: stock-rule KIND PATTERN [MARKET]. Returns 0, or -1 with err. */
int stock_add_rule(int argc, char **argv, struct nr_error *err);

/* Print the --stocks table (or JSON lines) for the articles' stocks. */
struct articles;
void stock_print_table(const struct articles *l, int json);

#endif
