/* theme.c - theme elements and attributes, the values of `color` lines, and their curses
 * colour pairs. Theme files are the config language's business (config.c loads them). */
#define NCURSES_WIDECHAR 1
#include "newsread/theme.h"

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

const char *const theme_attr_names[THEME_NATTR] = {
#define X(id, name) [THEME_ATTR_##id] = name,
	THEME_ATTRS(X)
#undef X
};

/* The terminal's side of the last theme_apply: colour pair and attributes per element. */
static short pairs[THEME_NELEM];
static unsigned long cattrs[THEME_NELEM];

static const char *const color_names[] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

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
	for (int i = 0; i < THEME_NATTR; i++) {
		if (strcmp(s, theme_attr_names[i]) == 0) {
			*bit = 1u << i;
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

void theme_init(struct theme *t)
{
	for (int i = 0; i < THEME_NELEM; i++) {
		char *argv[8];
		struct nr_error err;
		int argc = util_split_words(theme_elements[i].def, argv, 8, &err);
		if (argc < 1 || parse_value(argc, argv, &t->v[i], &err))
			abort(); /* the table's defaults are part of the program */
		for (int k = 0; k < argc; k++)
			free(argv[k]);
	}
}

int theme_color(struct theme *t, int argc, char **argv, int in_theme_file, struct nr_error *err)
{
	if (argc < 2)
		return nr_fail(err, "usage: color ELEMENT FOREGROUND [BACKGROUND] [ATTRIBUTE...]");
	int e = theme_lookup(argv[0]);
	if (e < 0)
		return nr_fail(err, "unknown theme element: %s", argv[0]);
	struct theme_value v;
	if (parse_value(argc - 1, argv + 1, &v, err))
		return -1;
	if (in_theme_file && t->v[e].from_config)
		return 0; /* the config's own colour wins over the theme's */
	v.from_config = !in_theme_file;
	t->v[e] = v;
	return 0;
}

static void format_color(int c, struct buf *out)
{
	char tmp[16];
	if (c == THEME_DEFAULT)
		buf_adds(out, "default");
	else if (c & THEME_RGB)
		snprintf(tmp, sizeof tmp, "\"#%06x\"", c & 0xffffff), buf_adds(out, tmp); /* # starts a comment */
	else if (c >= 0 && (size_t)c < ARRAY_LEN(color_names))
		buf_adds(out, color_names[c]);
	else
		snprintf(tmp, sizeof tmp, "color%d", c), buf_adds(out, tmp);
}

void theme_format_value(const struct theme_value *v, struct buf *out)
{
	format_color(v->fg, out);
	buf_addc(out, ' ');
	format_color(v->bg, out);
	for (int i = 0; i < THEME_NATTR; i++) {
		if (v->attrs & (1u << i)) {
			buf_addc(out, ' ');
			buf_adds(out, theme_attr_names[i]);
		}
	}
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

void theme_apply(const struct theme *t)
{
	int colors = has_colors() && start_color() == OK;
	int defaults = colors && use_default_colors() == OK;
	for (int i = 0; i < THEME_NELEM; i++) {
		const struct theme_value *v = &t->v[i];
		static const unsigned long curses_attr[THEME_NATTR] = {
#define X(id, name) [THEME_ATTR_##id] = A_##id,
			THEME_ATTRS(X)
#undef X
		};
		unsigned long a = 0;
		for (int k = 0; k < THEME_NATTR; k++)
			if (v->attrs & (1u << k))
				a |= curses_attr[k];
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
