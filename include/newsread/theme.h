/* theme.h - colours of the interface's elements, set by `color` lines in themes/ and
 * the config. One table of elements (in theme.c) drives parsing and the man page. */
#ifndef NEWSREAD_THEME_H
#define NEWSREAD_THEME_H

#include "newsread/util.h"

/* color ELEMENT FG [BG] [ATTR...]: argv[0] is the element. Returns 0 or -1 with err.
 * Works before curses starts (values are stored and applied by theme_apply). */
int theme_color(int argc, char **argv, struct nr_error *err);

/* Load a theme by name (searched in the themes folders) or path. */
int theme_load(const char *name, struct nr_error *err);

/* Folder holding themes/ and samples/: the source tree when run from it, else the
 * installed data folder. Returns a static string. */
const char *theme_data_root(void);

#endif
