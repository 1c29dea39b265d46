/* stock.c - placeholder until the stock rules land: detects nothing. */
#include "newsread/stock.h"
#include "newsread/article.h"

#include <stdio.h>
#include <stdlib.h>

int stock_from_attrs(const char *href, const char *code, const char *data_code, const char *id, char *out,
		     size_t outlen)
{
	(void)href; (void)code; (void)data_code; (void)id; (void)out; (void)outlen;
	return 0;
}

size_t stock_scan_text(const char *s, size_t len, struct stock_match **out)
{
	(void)s; (void)len;
	*out = NULL;
	return 0;
}

int stock_canonical(const char *code, const char *market, char *out, size_t outlen)
{
	(void)code; (void)market; (void)out; (void)outlen;
	return 0;
}

void stock_annotate(struct doc *d, const struct stock_opts *o, struct article *a)
{
	(void)d; (void)o;
	if (a)
		a->stocks_done = 1;
}

int stock_add_rule(int argc, char **argv, struct nr_error *err)
{
	(void)argc; (void)argv;
	return nr_fail(err, "stock-rule: not supported yet");
}

void stock_print_table(const struct articles *l, int json)
{
	(void)l; (void)json;
}
