/* config.c - the config command language: commands, files, includes and theme files. */
#include "newsread/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_MAX_DEPTH 8 /* files open at once: a loop of includes stops here */

int config_theme_path(const char *name, char **path, struct nr_error *err)
{
	*path = NULL;
	if (!name || !*name)
		return nr_fail(err, "theme: empty name");
	size_t nl = strlen(name);
	if (strchr(name, '/') || (nl > 6 && strcmp(name + nl - 6, ".theme") == 0)) {
		if (access(name, R_OK) != 0)
			return nr_fail(err, "unknown theme: %s (%s)", name, strerror(errno));
		*path = xstrdup(name);
		return 0;
	}
	char *dir = config_dir();
	char *user = xasprintf("%s/themes/%s.theme", dir, name);
	char *sys = xasprintf("%s/themes/%s.theme", theme_data_root(), name);
	free(dir);
	if (access(user, R_OK) == 0) {
		*path = user;
		free(sys);
	} else if (access(sys, R_OK) == 0) {
		*path = sys;
		free(user);
	} else {
		free(user);
		free(sys);
		return nr_fail(err, "unknown theme: %s", name);
	}
	return 0;
}

int config_set(struct config_ctx *c, const char *name, const char *value, struct nr_error *err)
{
	if (opt_lookup(name) == OPT_THEME) {
		/* a theme that is not there is an error of this line, not of the interface later */
		char *path;
		if (config_theme_path(value, &path, err))
			return -1;
		free(path);
	}
	return opt_set(c->s, name, value, err);
}

static int cmd_set(struct config_ctx *c, int argc, char **argv, struct nr_error *err)
{
	if (argc == 2) {
		/* "set name=value" is accepted too */
		char *eq = strchr(argv[1], '=');
		if (!eq)
			return nr_fail(err, "set: missing value for %s", argv[1]);
		*eq = '\0';
		return config_set(c, argv[1], eq + 1, err);
	}
	return config_set(c, argv[1], argv[2], err);
}

static int cmd_include(struct config_ctx *c, int argc, char **argv, struct nr_error *err)
{
	(void)argc;
	char *path;
	if (argv[1][0] == '/' || !c->file || !strchr(c->file, '/')) {
		if (argv[1][0] == '~' && argv[1][1] == '/' && getenv("HOME"))
			path = xasprintf("%s%s", getenv("HOME"), argv[1] + 1);
		else
			path = xstrdup(argv[1]);
	} else {
		const char *slash = strrchr(c->file, '/');
		path = xasprintf("%.*s/%s", (int)(slash - c->file), c->file, argv[1]);
	}
	if (c->depth >= CONFIG_MAX_DEPTH) {
		free(path);
		return nr_fail(err, "include: nested too deeply (a loop?)");
	}
	struct nr_error inner;
	int rc = config_load_file(c, path, 1, &inner);
	free(path);
	if (rc)
		return nr_fail(err, "%s", inner.msg);
	return 0;
}

static int cmd_color(struct config_ctx *c, int argc, char **argv, struct nr_error *err)
{
	return theme_color(&c->s->theme, argc - 1, argv + 1, c->in_theme, err);
}

static int cmd_stock_rule(struct config_ctx *c, int argc, char **argv, struct nr_error *err)
{
	return stock_add_rule(&c->s->stock_rules, argc - 1, argv + 1, err);
}

struct command {
	const char *name;
	int (*run)(struct config_ctx *c, int argc, char **argv, struct nr_error *err); /* argv[0]: the name */
	int min_args, max_args; /* not counting the name */
	const char *usage;
	const char *help;       /* one line, for --list-commands */
};

static const struct command commands[] = {
	{"set", cmd_set, 1, 2, "set OPTION VALUE",
	 "set an option (newsread --list-options shows them); set OPTION=VALUE works too"},
	{"include", cmd_include, 1, 1, "include FILE",
	 "run the commands of another file; a relative path starts at the including file's folder"},
	{"color", cmd_color, 2, 8, "color ELEMENT FOREGROUND [BACKGROUND] [ATTRIBUTE...]",
	 "set the colours and attributes of a theme element; the config's line wins over the theme's"},
	{"stock-rule", cmd_stock_rule, 2, 4, "stock-rule KIND PATTERN [MARKET]",
	 "recognise stock codes in links, attributes or brackets after a name, before the built-in rules"},
};

void config_print_commands(FILE *f)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(f, "%s\t%s\t%s\n", commands[i].name, commands[i].usage, commands[i].help);
}

int config_exec(struct config_ctx *c, const char *line, struct nr_error *err)
{
	char *argv[16];
	int argc = util_split_words(line, argv, 16, err);
	if (argc <= 0)
		return argc;
	int rc = 0;
	const struct command *cmd = NULL;
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, argv[0]) == 0)
			cmd = &commands[i];
	if (!cmd)
		rc = nr_fail(err, "unknown command: %s", argv[0]);
	else if (argc - 1 < cmd->min_args || argc - 1 > cmd->max_args)
		rc = nr_fail(err, "usage: %s", cmd->usage);
	else
		rc = cmd->run(c, argc, argv, err);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	return rc;
}

#define CONFIG_MAX_BYTES (1024u * 1024) /* a config file (and each included one) */

int config_load_file(struct config_ctx *outer, const char *path, int must_exist, struct nr_error *err)
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
	struct config_ctx c = *outer;
	c.file = path;
	c.depth = outer->depth + 1;
	char line[8192];
	int lineno = 0, rc = 0;
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
		if (config_exec(&c, line, &e) < 0) {
			/* an error from an included file already carries its own FILE:LINE */
			rc = nr_fail(err, "%s:%d: %s", path, lineno, e.msg);
			break;
		}
	}
	free(data);
	return rc;
}

int config_load_theme(struct config_ctx *c, struct nr_error *err)
{
	const char *name = opt_str(c->s, OPT_THEME);
	char *path;
	if (config_theme_path(name, &path, err)) {
		/* the built-in values are the default theme's: a missing default.theme loses nothing */
		if (!c->s->opt[OPT_THEME])
			return 0;
		return -1;
	}
	struct config_ctx t = *c;
	t.in_theme = 1;
	int rc = config_load_file(&t, path, 1, err);
	free(path);
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
