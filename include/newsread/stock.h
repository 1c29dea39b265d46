/* stock.h - stock-code detection and annotation. Data-driven: a table of rules in
 * stock_rules.c, extended by the config's stock-rule lines, which the caller keeps in a
 * struct stock_rules and hands to each function that matches. */
#ifndef NEWSREAD_STOCK_H
#define NEWSREAD_STOCK_H

#include <stddef.h>
#include <stdio.h>

#include "newsread/doc.h"
#include "newsread/util.h"

struct article;

/* The config's stock-rule lines, tried before the built-in rules, in the order given.
 * Zero-initialised is empty; filled by stock_add_rule, freed by stock_rules_free. The
 * settings hold one; every matching function takes it (NULL: built-in rules only). */
struct stock_user_rule; /* private to stock_rules.c */
struct stock_rules {
	struct stock_user_rule *v;
	size_t n;
};

/* Markup rule: do these attributes of one element identify a stock? Any argument may
 * be NULL. On a match writes the canonical code ("603000.SH", "00700.HK", "AAPL.US")
 * into out and returns 1; else 0. Never depends on class names. */
int stock_from_attrs(const struct stock_rules *user, const char *href, const char *code, const char *data_code,
		     const char *id, char *out, size_t outlen);

/* A code written in the text right after a name: 腾讯控股（00700.HK）. */
struct stock_match {
	size_t name_off, name_len;   /* the name before the bracket (may be empty) */
	size_t paren_off, paren_len; /* the bracketed code, brackets included */
	char code[20];               /* canonical code */
};

/* Find text annotations in s; returns how many were put in *out (malloc'd, caller frees). */
size_t stock_scan_text(const struct stock_rules *user, const char *s, size_t len, struct stock_match **out);

/* Normalise a code with an optional market hint ("SH", "SZ", "BJ", "HK", "US", "SS",
 * eastmoney's "1"/"0"/"105"...) to CODE.MARKET; returns 1 when it is a valid stock code. */
int stock_canonical(const char *code, const char *market, char *out, size_t outlen);

struct stock_opts {
	int annotate;          /* stock-annotations on/off */
	const char *format;    /* stock-format template: %n name, %c code, %m market, %s number */
	const struct stock_rules *rules; /* the config's stock-rule lines, or NULL */
};

/* The stock pass over a document: for runs whose run.stock is set and for text
 * matches, insert the formatted annotation (styled ST_STOCK) after the name,
 * replacing a code already in the text. When a is not NULL, record the stocks
 * (code, name, count) in a->stocks. */
void stock_annotate(struct doc *d, const struct stock_opts *o, struct article *a);

/* Config command: stock-rule KIND PATTERN [MARKET] (argv after the command name), added
 * to rules. Returns 0, or -1 with err (rules unchanged). Syntax (for the man page):
 *   KIND     href | code | data-code | id | text
 *   PATTERN  literal text with the placeholders {code} (required: the code, letters and
 *            digits, may carry its market as in sh600519, SS603000, 600519.SH, 00700.HK)
 *            and {market} (optional: a market word such as sh, SZ, HK, US, NASDAQ or an
 *            eastmoney number 1, 0, 105, 116). Placeholders must be separated by literal
 *            text. Letters match in any case. A space matches any amount of white space
 *            (also none, also U+3000); ':' also matches the full-width '：' with spaces
 *            around it; ',' also matches '，'.
 *            href: the pattern may match anywhere in the link (leave out the scheme).
 *            code, data-code, id: the pattern must match the whole attribute value.
 *            text: the pattern must match the whole content of a bracket written right
 *            after a name, e.g. stock-rule text '沪市:{code}' SH matches 某某（沪市：600000）.
 *   MARKET   SH, SZ, BJ, HK or US (also SS, NASDAQ, NYSE ...): the market when neither
 *            the code nor {market} gives one. A market the code carries always wins.
 * Rules from the config are tried before the built-in ones, in the order given.
 * Example: stock-rule href 'quote.example.com/s/{code}' SH */
int stock_add_rule(struct stock_rules *rules, int argc, char **argv, struct nr_error *err);

/* Free the rules added by stock_add_rule; rules is empty afterwards. */
void stock_rules_free(struct stock_rules *rules);

/* Print the --stocks table (or JSON lines) for the articles' stocks to stdout: one line
 * per stock, "CODE\tNAME\tARTICLES", most mentioned first, then by code; with json
 * {"code":..,"name":..,"market":..,"articles":N}. Articles whose stocks_done is 0 are
 * run through render_doc first (no layout) with the options o. */
struct articles;
void stock_print_table(const struct articles *l, const struct stock_opts *o, int json);
/* Same to any stream. */
void stock_write_table(FILE *f, const struct articles *l, const struct stock_opts *o, int json);

/* Internal to src/stock*.c (declared here so the unit tests can reach them). */
enum stock_kind { SK_HREF, SK_CODE, SK_DATA_CODE, SK_ID, SK_TEXT, SK_COUNT };
/* Try the rules of one kind (config rules first) on value; for SK_TEXT the value is one
 * code part of a bracket. On a match writes the canonical code and returns 1, with
 * *derived set when the market came only from the A-share prefix. */
int stock_rules_match(const struct stock_rules *user, enum stock_kind kind, const char *value, size_t len, char *out,
		      size_t outlen, int *derived);
/* The template expanded for one stock (%n name, %c code, %m market, %s number, %%); a
 * leading %n is the name already in the text and produces nothing. Returns a malloc'd string. */
char *stock_format(const char *fmt, const char *name, const char *code);

#endif
