/* config.h - the config command language: one table of commands (in config.c) serves
 * the config file, included files, theme files and -o. Every command works on a struct
 * settings (settings.h) handed in through a struct config_ctx; nothing is kept between
 * calls. */
#ifndef NEWSREAD_CONFIG_H
#define NEWSREAD_CONFIG_H

#include <stdio.h>

#include "newsread/settings.h"
#include "newsread/util.h"

/* Where a command runs: what it sets and the file it comes from. */
struct config_ctx {
	struct settings *s; /* what the commands set */
	const char *file;   /* the file being run (for include's relative paths), or NULL */
	int depth;          /* files open around this one (include, theme): loops stop at 8 */
	int in_theme;       /* 1 while a theme file runs: its color lines yield to the config's */
};

/* Run one command line (set, include, color, stock-rule) in c. Returns 0 (also for a
 * blank or comment line), or -1 with err (message without the FILE:LINE prefix); on an
 * error, what the line would have set is left as it was. */
int config_exec(struct config_ctx *c, const char *line, struct nr_error *err);

/* Run a whole file inside c (c->file is the file naming it, or NULL at the top): every
 * line; the first bad line stops it with err "FILE:LINE: msg". A missing file is an
 * error when must_exist, else nothing. Files larger than 1 MB, with NUL bytes, lines
 * longer than 8 KB or invalid UTF-8 are errors. */
int config_load_file(struct config_ctx *c, const char *path, int must_exist, struct nr_error *err);

/* `set name value` as the config runs it (the value checked against the option, and
 * the theme option against the themes there are): for -o. Returns 0 or -1 with err. */
int config_set(struct config_ctx *c, const char *name, const char *value, struct nr_error *err);

/* The file of a theme: by name, themes/NAME.theme in the user's config folder, then
 * under theme_data_root(); a name holding '/' or ending in .theme is a path. Returns 0
 * with *path malloc'd, or -1 with err ("unknown theme: NAME"). */
int config_theme_path(const char *name, char **path, struct nr_error *err);

/* Run the theme file the theme option names into c->s->theme; the config's own color
 * lines keep their values. The default theme when its file is missing leaves the
 * built-in values (which it restates). Returns 0, or -1 with err ("FILE:LINE: msg" or
 * "unknown theme: NAME"). */
int config_load_theme(struct config_ctx *c, struct nr_error *err);

/* One line per command for --list-commands: "NAME\tUSAGE\tHELP". */
void config_print_commands(FILE *f);

/* Paths: $XDG_CONFIG_HOME/newsread (else ~/.config/newsread), data and cache dirs.
 * Returned strings are malloc'd. */
char *config_dir(void);
char *config_default_file(void);
char *data_dir(void);

#endif
