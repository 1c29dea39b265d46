/* config.c - options table and the config command language. */
#include "newsread/config.h"
#include "newsread/stock.h"
#include "newsread/theme.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const struct opt_info opt_table[OPT_COUNT] = {
#define X(id, name, type, def, choices, help) [OPT_##id] = {name, type, def, choices, help},
	NR_OPTIONS(X)
#undef X
};

static char *opt_values[OPT_COUNT]; /* NULL means the default */

const char *opt_str(enum opt_id id)
{
	return opt_values[id] ? opt_values[id] : opt_table[id].def;
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

int opt_int(enum opt_id id)
{
	const char *v = opt_str(id);
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

static int opt_lookup(const char *name)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (strcmp(opt_table[i].name, name) == 0)
			return i;
	return -1;
}

int opt_set(const char *name, const char *value, struct nr_error *err)
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
	free(opt_values[id]);
	opt_values[id] = xstrdup(value);
	return 0;
}

void opt_reset(void)
{
	for (int i = 0; i < OPT_COUNT; i++) {
		free(opt_values[i]);
		opt_values[i] = NULL;
	}
}

void opt_print_all(void)
{
	for (int i = 0; i < OPT_COUNT; i++) {
		const struct opt_info *o = &opt_table[i];
		printf("%-20s %-14s (default: %s", o->name, opt_str(i), o->def);
		if (o->type == OPT_ENUM)
			printf("; one of %s", o->choices);
		else if (o->type == OPT_BOOL)
			printf("; on or off");
		printf(")  %s\n", o->help);
	}
}

static const char *current_file; /* for include's relative paths */
static int include_depth;

static int cmd_set(int argc, char **argv, struct nr_error *err)
{
	if (argc == 2) {
		/* "set name=value" is accepted too */
		char *eq = strchr(argv[1], '=');
		if (!eq)
			return nr_fail(err, "set: missing value for %s", argv[1]);
		*eq = '\0';
		return opt_set(argv[1], eq + 1, err);
	}
	return opt_set(argv[1], argv[2], err);
}

static int cmd_include(int argc, char **argv, struct nr_error *err)
{
	(void)argc;
	char *path;
	if (argv[1][0] == '/' || !current_file || !strchr(current_file, '/')) {
		if (argv[1][0] == '~' && argv[1][1] == '/' && getenv("HOME"))
			path = xasprintf("%s%s", getenv("HOME"), argv[1] + 1);
		else
			path = xstrdup(argv[1]);
	} else {
		const char *slash = strrchr(current_file, '/');
		path = xasprintf("%.*s/%s", (int)(slash - current_file), current_file, argv[1]);
	}
	if (include_depth >= 8) {
		free(path);
		return nr_fail(err, "include: nested too deeply (a loop?)");
	}
	struct nr_error inner;
	int rc = config_load_file(path, 1, &inner);
	free(path);
	if (rc)
		return nr_fail(err, "%s", inner.msg);
	return 0;
}

static int cmd_color(int argc, char **argv, struct nr_error *err)
{
	return theme_color(argc - 1, argv + 1, err);
}

static struct stock_rules stock_rules; /* until the settings object holds them */

const struct stock_rules *config_stock_rules(void)
{
	return &stock_rules;
}

static int cmd_stock_rule(int argc, char **argv, struct nr_error *err)
{
	return stock_add_rule(&stock_rules, argc - 1, argv + 1, err);
}

struct command {
	const char *name;
	int (*run)(int argc, char **argv, struct nr_error *err); /* argv[0] is the name */
	int min_args, max_args;                                  /* not counting the name */
	const char *usage;
};

static const struct command commands[] = {
	{"set", cmd_set, 1, 2, "set OPTION VALUE"},
	{"include", cmd_include, 1, 1, "include FILE"},
	{"color", cmd_color, 2, 8, "color ELEMENT FOREGROUND [BACKGROUND] [ATTRIBUTE...]"},
	{"stock-rule", cmd_stock_rule, 2, 4, "stock-rule KIND PATTERN [MARKET]"},
};

int config_exec(const char *line, const char *file, struct nr_error *err)
{
	char *argv[16];
	int argc = util_split_words(line, argv, 16, err);
	if (argc <= 0)
		return argc;
	int rc = 0;
	const struct command *c = NULL;
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, argv[0]) == 0)
			c = &commands[i];
	if (!c)
		rc = nr_fail(err, "unknown command: %s", argv[0]);
	else if (argc - 1 < c->min_args || argc - 1 > c->max_args)
		rc = nr_fail(err, "usage: %s", c->usage);
	else {
		const char *saved = current_file;
		current_file = file;
		rc = c->run(argc, argv, err);
		current_file = saved;
	}
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	return rc;
}

#define CONFIG_MAX_BYTES (1024u * 1024) /* a config file (and each included one) */

int config_load_file(const char *path, int must_exist, struct nr_error *err)
{
	struct stat st;
	if (!must_exist && stat(path, &st) != 0 && errno == ENOENT)
		return 0;
	char *data;
	size_t len;
	/* bounded like every input: /dev/zero or a FIFO as config neither hangs nor grows */
	if (read_file(path, CONFIG_MAX_BYTES, &data, &len, err))
		return -1;
	if (memchr(data, '\0', len)) {
		free(data);
		return nr_fail(err, "%s: not a text file (NUL bytes)", path);
	}
	char line[8192];
	int lineno = 0, rc = 0;
	include_depth++;
	for (size_t off = 0; off < len;) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t l = nl ? (size_t)(nl - (data + off)) + 1 : len - off;
		lineno++;
		if (l >= sizeof line) {
			rc = nr_fail(err, "%s:%d: line too long", path, lineno);
			break;
		}
		memcpy(line, data + off, l);
		line[l] = '\0';
		off += l;
		if (!utf8_valid(line, l)) {
			rc = nr_fail(err, "%s:%d: not valid UTF-8", path, lineno);
			break;
		}
		struct nr_error e;
		if (config_exec(line, path, &e) < 0) {
			/* an error from an included file already carries its own FILE:LINE */
			rc = nr_fail(err, "%s:%d: %s", path, lineno, e.msg);
			break;
		}
	}
	include_depth--;
	free(data);
	return rc;
}

static char *xdg_dir(const char *var, const char *fallback)
{
	const char *x = getenv(var);
	if (x && *x == '/')
		return xasprintf("%s/newsread", x);
	const char *home = getenv("HOME");
	return xasprintf("%s/%s/newsread", home && *home ? home : ".", fallback);
}

char *config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *config_default_file(void)
{
	char *d = config_dir();
	char *f = xasprintf("%s/config", d);
	free(d);
	return f;
}

char *data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}
