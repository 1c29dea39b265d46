/* settings.c - the settings object: option values checked against their table, and the
 * option structs the lower stages are given. */
#include "newsread/settings.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct opt_info opt_table[OPT_COUNT] = {
#define X(id, name, type, def, choices, help) [OPT_##id] = {name, type, def, choices, help},
	NR_OPTIONS(X)
#undef X
};

void settings_init(struct settings *s)
{
	memset(s, 0, sizeof *s);
	theme_init(&s->theme);
}

void settings_free(struct settings *s)
{
	for (int i = 0; i < OPT_COUNT; i++)
		free(s->opt[i]);
	stock_rules_free(&s->stock_rules);
	memset(s, 0, sizeof *s);
}

const char *opt_str(const struct settings *s, enum opt_id id)
{
	return s->opt[id] ? s->opt[id] : opt_table[id].def;
}

/* Index of word in "a|b|c", or -1. */
static int choice_index(const char *choices, const char *word)
{
	int i = 0;
	size_t wl = strlen(word);
	for (const char *p = choices; *p; i++) {
		const char *e = strchr(p, '|');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == wl && strncmp(p, word, l) == 0)
			return i;
		if (!e)
			break;
		p = e + 1;
	}
	return -1;
}

static int parse_bool(const char *v)
{
	static const char *yes[] = {"on", "yes", "true", "1"}, *no[] = {"off", "no", "false", "0"};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcmp(v, yes[i]) == 0)
			return 1;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

int opt_int(const struct settings *s, enum opt_id id)
{
	const char *v = opt_str(s, id);
	switch (opt_table[id].type) {
	case OPT_BOOL:
		return parse_bool(v) == 1;
	case OPT_ENUM:
		return choice_index(opt_table[id].choices, v);
	case OPT_INT:
		return atoi(v);
	default:
		return 0;
	}
}

int opt_lookup(const char *name)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (strcmp(opt_table[i].name, name) == 0)
			return i;
	return -1;
}

int opt_set(struct settings *s, const char *name, const char *value, struct nr_error *err)
{
	int id = opt_lookup(name);
	if (id < 0)
		return nr_fail(err, "unknown option: %s", name);
	const struct opt_info *o = &opt_table[id];
	char norm[32];
	switch (o->type) {
	case OPT_BOOL: {
		int b = parse_bool(value);
		if (b < 0)
			return nr_fail(err, "%s: expected on or off, not '%s'", name, value);
		snprintf(norm, sizeof norm, "%s", b ? "on" : "off");
		value = norm;
		break;
	}
	case OPT_ENUM:
		if (choice_index(o->choices, value) < 0)
			return nr_fail(err, "%s: expected one of %s, not '%s'", name, o->choices, value);
		break;
	case OPT_INT: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		long lo = 0, hi = INT_MAX;
		if (o->choices)
			sscanf(o->choices, "%ld:%ld", &lo, &hi);
		if (!*value || *end || errno || v < lo || v > hi)
			return nr_fail(err, "%s: expected a number from %ld to %ld, not '%s'", name, lo, hi, value);
		break;
	}
	case OPT_STR:
		if (strlen(value) > 4096)
			return nr_fail(err, "%s: value too long", name);
		break;
	}
	free(s->opt[id]);
	s->opt[id] = xstrdup(value);
	return 0;
}

void opt_print_all(const struct settings *s, FILE *f)
{
	for (int i = 0; i < OPT_COUNT; i++) {
		const struct opt_info *o = &opt_table[i];
		fprintf(f, "%-20s %-14s (default: %s", o->name, opt_str(s, i), o->def);
		if (o->type == OPT_ENUM)
			fprintf(f, "; one of %s", o->choices);
		else if (o->type == OPT_BOOL)
			fprintf(f, "; on or off");
		fprintf(f, ")  %s\n", o->help);
	}
}

void settings_source_opts(const struct settings *s, struct source_opts *o)
{
	memset(o, 0, sizeof *o);
	o->fetch.timeout = opt_int(s, OPT_FETCH_TIMEOUT);
	o->fetch.user_agent = opt_str(s, OPT_USER_AGENT);
	o->parallel = opt_int(s, OPT_FETCH_PARALLEL);
}

void settings_render_opts(const struct settings *s, int width, int cut_pre, struct render_opts *o)
{
	memset(o, 0, sizeof *o);
	o->layout.width = width;
	o->layout.paragraph_indent = opt_int(s, OPT_PARAGRAPH_INDENT) == 1;
	o->layout.cjk_latin_space = opt_int(s, OPT_CJK_LATIN_SPACE);
	o->layout.kinsoku_strict = opt_int(s, OPT_KINSOKU) == 1;
	o->layout.hang_punct = opt_int(s, OPT_HANG_PUNCTUATION);
	o->layout.cut_pre = cut_pre;
	o->stock.annotate = opt_int(s, OPT_STOCK_ANNOTATIONS);
	o->stock.format = opt_str(s, OPT_STOCK_FORMAT);
	o->stock.rules = &s->stock_rules;
}
