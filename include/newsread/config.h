/* config.h - options and the config command language.
 * One table of options (NR_OPTIONS) generates the enum, the lookup, --list-options and
 * the checks; one table of commands (in config.c) serves the config file, theme files
 * and -o. */
#ifndef NEWSREAD_CONFIG_H
#define NEWSREAD_CONFIG_H

#include "newsread/util.h"

enum opt_type { OPT_BOOL, OPT_INT, OPT_STR, OPT_ENUM };

/* X(ID, name, type, default, choices (OPT_ENUM: "a|b|c"; OPT_INT: "min:max"), help) */
#define NR_OPTIONS(X)                                                                                   \
	X(PARAGRAPH_INDENT, "paragraph-indent", OPT_ENUM, "off", "off|auto",                           \
	  "add two full-width spaces before paragraphs that lack an indent")                           \
	X(CJK_LATIN_SPACE, "cjk-latin-space", OPT_BOOL, "off", NULL,                                    \
	  "show a space between CJK and Latin letters or digits")                                     \
	X(KINSOKU, "kinsoku", OPT_ENUM, "basic", "basic|strict", "line-breaking strictness for CJK text") \
	X(HANG_PUNCTUATION, "hang-punctuation", OPT_BOOL, "off", NULL,                                   \
	  "keep a 2-column gutter on CJK pages where a line-final ，。、 may hang")                     \
	X(STOCK_ANNOTATIONS, "stock-annotations", OPT_BOOL, "on", NULL,                                 \
	  "mark company names with their stock codes")                                                \
	X(STOCK_FORMAT, "stock-format", OPT_STR, "%n(%c)", NULL,                                        \
	  "stock mark template: %n name, %c code, %m market, %s number")                              \
	X(THEME, "theme", OPT_STR, "default", NULL, "theme name (themes/NAME.theme) or file path")     \
	X(FETCH_TIMEOUT, "fetch-timeout", OPT_INT, "30", "1:600", "seconds before a download fails")   \
	X(FETCH_PARALLEL, "fetch-parallel", OPT_INT, "6", "1:32", "downloads at once")                 \
	X(USER_AGENT, "user-agent", OPT_STR, "newsread/0.1", NULL, "User-Agent sent with requests")

enum opt_id {
#define X(id, name, type, def, choices, help) OPT_##id,
	NR_OPTIONS(X)
#undef X
	OPT_COUNT
};

struct opt_info {
	const char *name;
	enum opt_type type;
	const char *def;
	const char *choices;
	const char *help;
};

extern const struct opt_info opt_table[OPT_COUNT];

/* Current values. opt_str never returns NULL; opt_int gives bools as 0/1 and enums as
 * the index of the choice. */
const char *opt_str(enum opt_id id);
int opt_int(enum opt_id id);

/* Set an option by name; returns 0, or -1 with err ("unknown option: x", "bad value ..."). */
int opt_set(const char *name, const char *value, struct nr_error *err);
/* Reset every option to its default. */
void opt_reset(void);
/* Print every option with value and default (for --list-options). */
void opt_print_all(void);

/* Run one command line (set, include, color, stock-rule, ...). file/line name the place
 * for include's relative paths and for messages. Returns 0, or -1 with err (message
 * without the FILE:LINE prefix). */
int config_exec(const char *line, const char *file, struct nr_error *err);

/* Run a whole file: every line; the first bad line stops it with err "FILE:LINE: msg".
 * A missing file is an error when must_exist. depth guards include loops. */
int config_load_file(const char *path, int must_exist, struct nr_error *err);

/* The stock-rule lines of the config so far. */
struct stock_rules;
const struct stock_rules *config_stock_rules(void);

/* Paths: $XDG_CONFIG_HOME/newsread (else ~/.config/newsread), data and cache dirs.
 * Returned strings are malloc'd. */
char *config_dir(void);
char *config_default_file(void);
char *data_dir(void);

#endif
