/* theme.c - theme elements, `color` lines, theme files, and their curses colour pairs. */
#define NCURSES_WIDECHAR 1
#include "newsread/theme.h"
#include "newsread/config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct theme_elem_info theme_elements[THEME_NELEM] = {
#define X(id, name, def, help) [TE_##id] = {name, def, help},
	THEME_ELEMENTS(X)
#undef X
};

static struct theme_value values[THEME_NELEM];
static int values_ready;       /* values[] hold the defaults at least */
static int loading_theme;      /* a theme file is running: do not override the config */
static short pairs[THEME_NELEM];  /* colour pair per element after theme_apply */
static unsigned long cattrs[THEME_NELEM];

static const char *const color_names[] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"bold", THEME_BOLD},
	{"underline", THEME_UNDERLINE},
	{"reverse", THEME_REVERSE},
	{"dim", THEME_DIM},
	{"italic", THEME_ITALIC},
	{"standout", THEME_STANDOUT},
};

int theme_lookup(const char *name)
{
	for (int i = 0; i < THEME_NELEM; i++)
		if (strcmp(theme_elements[i].name, name) == 0)
			return i;
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A colour word into *out; returns 0, or -1 when the word is not a colour. */
static int parse_color(const char *s, int *out)
{
	if (strcmp(s, "default") == 0) {
		*out = THEME_DEFAULT;
		return 0;
	}
	for (size_t i = 0; i < ARRAY_LEN(color_names); i++) {
		if (strcmp(s, color_names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	if (strncmp(s, "color", 5) == 0) {
		const char *d = s + 5;
		size_t n = strlen(d);
		if (n < 1 || n > 3)
			return -1;
		int v = 0;
		for (size_t i = 0; i < n; i++) {
			if (d[i] < '0' || d[i] > '9')
				return -1;
			v = v * 10 + (d[i] - '0');
		}
		if (v > 255)
			return -1;
		*out = v;
		return 0;
	}
	if (s[0] == '#' && strlen(s) == 7) {
		int v = 0;
		for (int i = 1; i < 7; i++) {
			int h = hexval(s[i]);
			if (h < 0)
				return -1;
			v = v * 16 + h;
		}
		*out = THEME_RGB | v;
		return 0;
	}
	return -1;
}

static int parse_attr(const char *s, unsigned *bit)
{
	for (size_t i = 0; i < ARRAY_LEN(attr_names); i++) {
		if (strcmp(s, attr_names[i].name) == 0) {
			*bit = attr_names[i].bit;
			return 0;
		}
	}
	return -1;
}

/* FG [BG] [ATTR...] into v; errors name the bad word. */
static int parse_value(int argc, char **argv, struct theme_value *v, struct nr_error *err)
{
	if (argc < 1)
		return nr_fail(err, "color: a foreground colour is missing");
	memset(v, 0, sizeof *v);
	v->bg = THEME_DEFAULT;
	if (parse_color(argv[0], &v->fg))
		return nr_fail(err, "unknown color: %s", argv[0]);
	int i = 1;
	if (i < argc && parse_color(argv[i], &v->bg) == 0)
		i++;
	else if (i < argc) {
		unsigned bit;
		if (parse_attr(argv[i], &bit))
			return nr_fail(err, "unknown color or attribute: %s", argv[i]);
	}
	for (; i < argc; i++) {
		unsigned bit;
		if (parse_attr(argv[i], &bit))
			return nr_fail(err, "unknown attribute: %s", argv[i]);
		v->attrs |= bit;
	}
	return 0;
}

void theme_reset(void)
{
	for (int i = 0; i < THEME_NELEM; i++) {
		char *argv[8];
		struct nr_error err;
		int argc = util_split_words(theme_elements[i].def, argv, 8, &err);
		if (argc < 1 || parse_value(argc, argv, &values[i], &err))
			abort(); /* the table's defaults are part of the program */
		for (int k = 0; k < argc; k++)
			free(argv[k]);
	}
	values_ready = 1;
}

static void ensure_defaults(void)
{
	if (!values_ready)
		theme_reset();
}

void theme_get(enum theme_elem e, struct theme_value *out)
{
	ensure_defaults();
	*out = values[e];
}

int theme_color(int argc, char **argv, struct nr_error *err)
{
	ensure_defaults();
	if (argc < 2)
		return nr_fail(err, "usage: color ELEMENT FOREGROUND [BACKGROUND] [ATTRIBUTE...]");
	int e = theme_lookup(argv[0]);
	if (e < 0)
		return nr_fail(err, "unknown theme element: %s", argv[0]);
	struct theme_value v;
	if (parse_value(argc - 1, argv + 1, &v, err))
		return -1;
	if (loading_theme && values[e].from_config)
		return 0; /* the config's own colour wins over the theme's */
	v.from_config = !loading_theme;
	values[e] = v;
	return 0;
}

static int readable(const char *path)
{
	return access(path, R_OK) == 0;
}

int theme_load(const char *name, struct nr_error *err)
{
	ensure_defaults();
	if (!name || !*name)
		return nr_fail(err, "theme: empty name");
	char *path = NULL;
	size_t nl = strlen(name);
	if (strchr(name, '/') || (nl > 6 && strcmp(name + nl - 6, ".theme") == 0)) {
		path = xstrdup(name);
		if (!readable(path)) {
			free(path);
			return nr_fail(err, "theme %s: file not found", name);
		}
	} else {
		char *dir = config_dir();
		char *user = xasprintf("%s/themes/%s.theme", dir, name);
		char *sys = xasprintf("%s/themes/%s.theme", theme_data_root(), name);
		free(dir);
		if (readable(user)) {
			path = user;
			free(sys);
		} else if (readable(sys)) {
			path = sys;
			free(user);
		} else {
			nr_fail(err, "theme %s: not found (looked for %s and %s)", name, user, sys);
			free(user);
			free(sys);
			return -1;
		}
	}
	loading_theme = 1;
	int rc = config_load_file(path, 1, err);
	loading_theme = 0;
	free(path);
	return rc;
}

/* Nearest of the 8 basic colours for an RGB value. */
static int nearest8(int rgb)
{
	int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
	int bits = (r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0);
	return bits; /* COLOR_RED = 1, COLOR_GREEN = 2, COLOR_BLUE = 4 in curses order */
}

/* Nearest colour of the xterm 256-colour palette (6x6x6 cube and grey ramp). */
static int nearest256(int rgb)
{
	int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
	static const int steps[6] = {0, 95, 135, 175, 215, 255};
	int ci[3], c[3] = {r, g, b};
	for (int k = 0; k < 3; k++) {
		int best = 0;
		for (int s = 1; s < 6; s++)
			if (abs(steps[s] - c[k]) < abs(steps[best] - c[k]))
				best = s;
		ci[k] = best;
	}
	long dc = 0;
	for (int k = 0; k < 3; k++)
		dc += (long)(steps[ci[k]] - c[k]) * (steps[ci[k]] - c[k]);
	int avg = (r + g + b) / 3;
	int gi = avg < 8 ? 0 : avg > 238 ? 23 : (avg - 8) / 10;
	int gv = 8 + 10 * gi;
	long dg = (long)(gv - r) * (gv - r) + (long)(gv - g) * (gv - g) + (long)(gv - b) * (gv - b);
	if (dg < dc)
		return 232 + gi;
	return 16 + 36 * ci[0] + 6 * ci[1] + ci[2];
}

/* A stored colour as a curses colour number the terminal has. */
static short terminal_color(int c)
{
	if (c == THEME_DEFAULT)
		return -1;
	if (c & THEME_RGB) {
		int rgb = c & 0xffffff;
		return (short)(COLORS >= 256 ? nearest256(rgb) : nearest8(rgb));
	}
	if (c < COLORS)
		return (short)c;
	return (short)(c < 16 ? c - 8 : 7); /* bright colours on an 8-colour terminal */
}

void theme_apply(void)
{
	ensure_defaults();
	int colors = has_colors() && start_color() == OK;
	int defaults = colors && use_default_colors() == OK;
	for (int i = 0; i < THEME_NELEM; i++) {
		const struct theme_value *v = &values[i];
		unsigned long a = 0;
		if (v->attrs & THEME_BOLD)
			a |= A_BOLD;
		if (v->attrs & THEME_UNDERLINE)
			a |= A_UNDERLINE;
		if (v->attrs & THEME_REVERSE)
			a |= A_REVERSE;
		if (v->attrs & THEME_DIM)
			a |= A_DIM;
		if (v->attrs & THEME_ITALIC)
			a |= A_ITALIC;
		if (v->attrs & THEME_STANDOUT)
			a |= A_STANDOUT;
		pairs[i] = 0;
		if (colors && COLOR_PAIRS > i + 1) {
			short fg = terminal_color(v->fg), bg = terminal_color(v->bg);
			if (!defaults) { /* a terminal without default colours: white on black */
				if (fg < 0)
					fg = COLOR_WHITE;
				if (bg < 0)
					bg = COLOR_BLACK;
			}
			if (init_pair((short)(i + 1), fg, bg) == OK)
				pairs[i] = (short)(i + 1);
		} else if (!colors && (i == TE_HEADER || i == TE_STATUS || i == TE_SELECTED)) {
			a |= A_REVERSE; /* keep the bars and the selection visible in monochrome */
		}
		cattrs[i] = a;
	}
}

unsigned long theme_attr(enum theme_elem e, short *pair)
{
	if ((unsigned)e >= THEME_NELEM)
		e = TE_NORMAL;
	if (pair)
		*pair = pairs[e];
	return cattrs[e];
}

#ifndef NEWSREAD_DATADIR
#define NEWSREAD_DATADIR "/usr/local/share/newsread"
#endif

const char *theme_data_root(void)
{
	static char root[4096];
	if (root[0])
		return root;
	/* Run from the source tree: the folder of the binary holds samples/ and themes/. */
	char exe[4000];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		/* the binary's folder, then its parent (build/newsread, build-san/newsread) */
		for (int up = 0; up < 2 && slash; up++) {
			*slash = '\0';
			char probe[4096 + 32];
			snprintf(probe, sizeof probe, "%s/themes/default.theme", exe);
			if (access(probe, R_OK) == 0) {
				snprintf(root, sizeof root, "%s", exe);
				return root;
			}
			/* an installed tree moved elsewhere: PREFIX/bin/newsread beside PREFIX/share */
			if (up == 1) {
				snprintf(probe, sizeof probe, "%s/share/newsread/themes/default.theme", exe);
				if (access(probe, R_OK) == 0) {
					snprintf(root, sizeof root, "%s/share/newsread", exe);
					return root;
				}
			}
			slash = strrchr(exe, '/');
		}
	}
	snprintf(root, sizeof root, "%s", NEWSREAD_DATADIR);
	return root;
}
