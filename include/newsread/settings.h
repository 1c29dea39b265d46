/* settings.h - the settings object: every option value, the theme and the user's stock
 * rules, in one struct that start-up builds (defaults, then the config file, then -o)
 * and hands down. Nothing reads options from anywhere else: the stages below config are
 * given plain option structs made from it (settings_source_opts, settings_render_opts).
 * One table of options (NR_OPTIONS) generates the enum, the lookup, --list-options and
 * the checks. */
#ifndef NEWSREAD_SETTINGS_H
#define NEWSREAD_SETTINGS_H

#include <stdio.h>

#include "newsread/render.h"
#include "newsread/source.h"
#include "newsread/stock.h"
#include "newsread/theme.h"
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
	X(FETCH_PARALLEL, "fetch-parallel", OPT_INT, "8", "1:32", "downloads at once")                 \
	X(USER_AGENT, "user-agent", OPT_STR, "newsread/0.1", NULL, "User-Agent sent with requests")   \
	X(DB, "db", OPT_STR, "", NULL,                                                                  \
	  "file of the store (empty: $XDG_DATA_HOME/newsread/newsread.db)")                            \
	X(OFFLINE, "offline", OPT_BOOL, "off", NULL,                                                    \
	  "read only the store: URL sources show what was stored, nothing is downloaded")             \
	X(KEEP_ARTICLES_DAYS, "keep-articles-days", OPT_INT, "0", "0:36500",                            \
	  "at each reload, drop stored articles older than this many days (0: keep all; starred stay)") \
	X(RELOAD_ON_START, "reload-on-start", OPT_BOOL, "on", NULL,                                     \
	  "the interface starts from the store, then reloads the network sources in the background")  \
	X(RELOAD_INTERVAL, "reload-interval", OPT_INT, "0", "0:10080",                                  \
	  "minutes between background reloads of every source in the interface (0: never)")

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

struct settings {
	char *opt[OPT_COUNT];          /* each option's value (malloc'd), NULL for the default */
	struct theme theme;            /* color lines of the config and the theme file */
	struct stock_rules stock_rules; /* stock-rule lines of the config */
};

/* Every option at its default, the theme at the table's defaults, no stock rules. */
void settings_init(struct settings *s);
/* Free what s holds; settings_init it again to reuse it. */
void settings_free(struct settings *s);

/* Values. opt_str never returns NULL; opt_int gives bools as 0/1 and enums as the index
 * of the choice. */
const char *opt_str(const struct settings *s, enum opt_id id);
int opt_int(const struct settings *s, enum opt_id id);

/* Set an option by name after checking the value against its type; returns 0, or -1
 * with err ("unknown option: x", "kinsoku: expected one of ..."), s unchanged. */
int opt_set(struct settings *s, const char *name, const char *value, struct nr_error *err);
/* Option index by name, or -1. */
int opt_lookup(const char *name);
/* Print every option with value and default (for --list-options). */
void opt_print_all(const struct settings *s, FILE *f);

/* What the stages below config are given, made from s; the strings point into s (valid
 * while s is unchanged). */
void settings_source_opts(const struct settings *s, struct source_opts *o);
/* The layout part at width (cut_pre: 1 for --dump), stock options with s's rules. */
void settings_render_opts(const struct settings *s, int width, int cut_pre, struct render_opts *o);

#endif
