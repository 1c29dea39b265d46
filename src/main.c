/* main.c - command line, start-up stages and the non-interactive outputs. */
#include "newsread/app.h"
#include "newsread/article.h"
#include "newsread/config.h"
#include "newsread/fetch.h"
#include "newsread/html.h"
#include "newsread/output.h"
#include "newsread/render.h"
#include "newsread/settings.h"
#include "newsread/source.h"
#include "newsread/theme.h"
#include "newsread/ui.h"
#include "newsread/util.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define NEWSREAD_VERSION "0.1.0"

enum mode { MODE_TUI, MODE_DUMP, MODE_LIST, MODE_STOCKS, MODE_LIST_OPTIONS, MODE_LIST_ACTIONS,
	    MODE_LIST_COLORS, MODE_LIST_COMMANDS, MODE_CHECK_CONFIG, MODE_IMPORT, MODE_EXPORT,
	    MODE_EXECUTE, MODE_EXPORT_READ, MODE_IMPORT_READ, MODE_IMPORT_NEWSBOAT };

struct cli {
	enum mode mode;
	const char *mode_flag;  /* the flag that chose the mode, for a conflict's message */
	int json;
	int width;              /* --width, 0 = choose */
	const char *config;     /* -c */
	char **overrides;       /* -o OPTION=VALUE */
	int noverrides;
	const char *opml;       /* --import-opml FILE */
	const char *file;       /* --export-read, --import-read, --import-newsboat FILE */
	const char *db;         /* --db FILE */
	int no_store;           /* --no-store */
	int offline;            /* --offline */
	char **cmds;            /* -x COMMAND... */
	int ncmds;
	char **sources;
	int nsources;
};

static void usage(FILE *f)
{
	fputs("usage: newsread [OPTIONS] [SOURCE...]\n"
	      "A terminal news reader for feeds, article pages and posts, correct for Chinese text.\n"
	      "\n"
	      "SOURCE is an RSS/Atom/JSON feed, an HTML page, a post with YAML front matter, a\n"
	      "folder of posts, an http(s) or file:// URL of any of these, or - for standard\n"
	      "input. Without one, newsread opens the sources in the urls file, else the demo.\n"
	      "\n"
	      "  --dump               print the articles as wrapped text and exit\n"
	      "  --width N            wrap --dump output to N columns (default: the terminal's\n"
	      "                       width, else $COLUMNS, else 80)\n"
	      "  --list               print one tab-separated line per article: date, categories,\n"
	      "                       title, link, source\n"
	      "  --stocks             print the stocks the articles mention: code, name, articles\n"
	      "  --json               with --list or --stocks: one JSON object per line\n"
	      "  -c FILE              read FILE instead of the default config file\n"
	      "  -o OPTION=VALUE      set an option (as `set OPTION VALUE` in the config)\n"
	      "  --list-options       print every option with its value and default\n"
	      "  --list-actions       print the interface's actions: name, contexts, keys, help\n"
	      "  --list-colors        print the theme elements: name, default colour, help\n"
	      "  --list-commands      print each config command: name, usage, help\n"
	      "  --check-config       check the config file and exit\n"
	      "  --import-opml FILE   add the feeds of an OPML file to the urls file\n"
	      "  --export-opml        print the urls file as OPML\n"
	      "  --export-read FILE   write the read marks to FILE (- standard output), one\n"
	      "                       SOURCE<TAB>ID line per read article\n"
	      "  --import-read FILE   mark read the articles of such a file (- standard input)\n"
	      "  --import-newsboat CACHE [URLS]\n"
	      "                       take newsboat's cache: feeds, articles, read and flagged\n"
	      "                       (starred) state; with its urls file, its sources too\n"
	      "  -x, --execute COMMAND...\n"
	      "                       run commands without the interface (the arguments up to\n"
	      "                       the next one starting with -; ';' also separates them):\n"
	      "                       reload (download every source into the store),\n"
	      "                       print-unread (the number of unread articles), vacuum\n"
	      "  --db FILE            the store's file (default:\n"
	      "                       $XDG_DATA_HOME/newsread/newsread.db)\n"
	      "  --no-store           run without the store: nothing is kept, marks are lost\n"
	      "  --offline            download nothing: URL sources show what was stored\n"
	      "  -h, --help           show this help\n"
	      "  -V, --version        show the version\n"
	      "  --                   end of options: what follows is a source, even if it\n"
	      "                       starts with -\n"
	      "Options may come before or after the sources; one mode (--dump, --list, --stocks,\n"
	      "--list-*, --check-config, --import-opml, --export-opml, --export-read,\n"
	      "--import-read, --import-newsboat, -x) at a time.\n"
	      "\n"
	      "Keys: j/k or arrows move, space/b page, Enter opens, q goes back or quits, ? help,\n"
	      "r/R reload the selected source/all in the background (the interface starts from\n"
	      "the store; see reload-on-start and reload-interval in newsread-config(5)).\n"
	      "Downloads: fetch-parallel at once, two per site, each try within fetch-timeout;\n"
	      "a timeout, 429 or 5xx is tried again (3 tries). A failure is one line: URL: reason.\n"
	      "Exit status: 0 success, 1 a source, the store or the terminal failed, 2 usage or\n"
	      "config error (or an unknown -x command).\n"
	      "See newsread(1) and newsread-config(5).\n",
	      f);
}

/* UTF-8 character handling in any environment: a non-UTF-8 locale falls back to C.UTF-8
 * for LC_CTYPE so wcwidth and ncurses agree on the text we decode to UTF-8. */
static void setup_locale(void)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0) {
		if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "C.utf8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
}

static int parse_args(int argc, char **argv, struct cli *c)
{
	enum { O_DUMP = 256, O_WIDTH, O_LIST, O_STOCKS, O_JSON, O_LISTOPT, O_LISTACT, O_LISTCOL, O_LISTCMD, O_CHECK,
	       O_IMPORT, O_EXPORT, O_DB, O_NOSTORE, O_OFFLINE, O_EXPREAD, O_IMPREAD, O_IMPNB };
	static const struct option longopts[] = {
		{"dump", no_argument, NULL, O_DUMP},
		{"width", required_argument, NULL, O_WIDTH},
		{"list", no_argument, NULL, O_LIST},
		{"stocks", no_argument, NULL, O_STOCKS},
		{"json", no_argument, NULL, O_JSON},
		{"list-options", no_argument, NULL, O_LISTOPT},
		{"list-actions", no_argument, NULL, O_LISTACT},
		{"list-colors", no_argument, NULL, O_LISTCOL},
		{"list-commands", no_argument, NULL, O_LISTCMD},
		{"check-config", no_argument, NULL, O_CHECK},
		{"import-opml", required_argument, NULL, O_IMPORT},
		{"export-opml", no_argument, NULL, O_EXPORT},
		{"execute", required_argument, NULL, 'x'},
		{"db", required_argument, NULL, O_DB},
		{"no-store", no_argument, NULL, O_NOSTORE},
		{"offline", no_argument, NULL, O_OFFLINE},
		{"export-read", required_argument, NULL, O_EXPREAD},
		{"import-read", required_argument, NULL, O_IMPREAD},
		{"import-newsboat", required_argument, NULL, O_IMPNB},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	memset(c, 0, sizeof *c);
	c->overrides = xcalloc((size_t)argc, sizeof(char *));
	int ch, li;
	opterr = 0;
	/* "-" first: sources come back as argument 1 in their order, so options may follow
	 * them (getopt's permutation would too, but not under POSIXLY_CORRECT); -- still
	 * ends the options. */
	c->sources = xcalloc((size_t)argc, sizeof(char *));
	c->cmds = xcalloc((size_t)argc, sizeof(char *));
	while ((ch = getopt_long(argc, argv, "-:c:o:x:hV", longopts, &li)) != -1) {
		enum mode m = MODE_TUI;
		switch (ch) {
		case 1: c->sources[c->nsources++] = optarg; break;
		case O_DUMP: m = MODE_DUMP; break;
		case O_LIST: m = MODE_LIST; break;
		case O_STOCKS: m = MODE_STOCKS; break;
		case O_JSON: c->json = 1; break;
		case O_LISTOPT: m = MODE_LIST_OPTIONS; break;
		case O_LISTACT: m = MODE_LIST_ACTIONS; break;
		case O_LISTCOL: m = MODE_LIST_COLORS; break;
		case O_LISTCMD: m = MODE_LIST_COMMANDS; break;
		case O_CHECK: m = MODE_CHECK_CONFIG; break;
		case O_IMPORT: m = MODE_IMPORT; c->opml = optarg; break;
		case O_EXPORT: m = MODE_EXPORT; break;
		case O_EXPREAD: m = MODE_EXPORT_READ; c->file = optarg; break;
		case O_IMPREAD: m = MODE_IMPORT_READ; c->file = optarg; break;
		case O_IMPNB: m = MODE_IMPORT_NEWSBOAT; c->file = optarg; break;
		case 'x':
			m = MODE_EXECUTE;
			li = -1;
			c->cmds[c->ncmds++] = optarg;
			/* as newsboat's -x: the following arguments up to an option are commands too */
			while (optind < argc && argv[optind][0] != '-')
				c->cmds[c->ncmds++] = argv[optind++];
			break;
		case O_DB: c->db = optarg; break;
		case O_NOSTORE: c->no_store = 1; break;
		case O_OFFLINE: c->offline = 1; break;
		case O_WIDTH: {
			char *end;
			long w = strtol(optarg, &end, 10);
			if (!*optarg || *end || w < 1 || w > 10000) {
				nr_report("--width: expected a number from 1 to 10000, not '%s'", optarg);
				return -1;
			}
			c->width = (int)w;
			break;
		}
		case 'c': c->config = optarg; break;
		case 'o': c->overrides[c->noverrides++] = optarg; break;
		case 'h': usage(stdout); exit(0);
		case 'V': printf("newsread %s\n", NEWSREAD_VERSION); exit(0);
		case ':':
			nr_report("%s: missing argument", argv[optind - 1]);
			return -1;
		default:
			if (optopt)
				nr_report("-%c: unknown option (try --help)", optopt);
			else
				nr_report("%s: unknown option (try --help)", argv[optind - 1]);
			return -1;
		}
		if (m != MODE_TUI) {
			const char *flag = li >= 0 ? longopts[li].name : "execute";
			if (c->mode != MODE_TUI && c->mode != m) {
				nr_report("--%s and --%s: one mode at a time", c->mode_flag, flag);
				return -1;
			}
			c->mode = m;
			c->mode_flag = flag;
		}
	}
	while (optind < argc) /* after -- */
		c->sources[c->nsources++] = argv[optind++];
	if (c->json && c->mode != MODE_LIST && c->mode != MODE_STOCKS) {
		nr_report("--json goes with --list or --stocks");
		return -1;
	}
	int marks = c->mode == MODE_EXPORT_READ || c->mode == MODE_IMPORT_READ || c->mode == MODE_IMPORT_NEWSBOAT;
	if (c->no_store && (c->db || c->mode == MODE_EXECUTE || c->offline || marks)) {
		nr_report("--no-store and %s: the one needs the store",
			  c->db ? "--db" : c->offline ? "--offline" : marks ? c->mode_flag : "-x");
		return -1;
	}
	if (marks && c->nsources > (c->mode == MODE_IMPORT_NEWSBOAT)) {
		nr_report("--%s takes no source%s", c->mode_flag,
			  c->mode == MODE_IMPORT_NEWSBOAT ? " (only newsboat's urls file after the cache)" : "s");
		return -1;
	}
	return 0;
}

/* The config stage, into s: the config file, then -o overrides, then the theme they
 * name, everything checked before any source is opened. Errors are usage/config errors
 * (exit 2). */
static int load_config(const struct cli *c, struct settings *s)
{
	struct nr_error err;
	struct config_ctx ctx = {.s = s};
	char *path = c->config ? xstrdup(c->config) : config_default_file();
	int rc = config_load_file(&ctx, path, c->config != NULL, &err);
	free(path);
	if (rc) {
		nr_report("%s", err.msg);
		return -1;
	}
	for (int i = 0; i < c->noverrides; i++) {
		char *o = xstrdup(c->overrides[i]);
		char *eq = strchr(o, '=');
		if (!eq) {
			nr_report("-o %s: expected OPTION=VALUE", o);
			free(o);
			return -1;
		}
		*eq = '\0';
		if (config_set(&ctx, o, eq + 1, &err)) {
			nr_report("-o: %s", err.msg);
			free(o);
			return -1;
		}
		free(o);
	}
	if (config_load_theme(&ctx, &err)) {
		nr_report("%s", err.msg);
		return -1;
	}
	return 0;
}

static int dump_width(const struct cli *c)
{
	if (c->width)
		return c->width;
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	if (cols) {
		int w = atoi(cols);
		if (w > 0 && w <= 10000)
			return w;
	}
	return 80;
}

/* The store stage: opened for every mode that loads sources, unless --no-store. The
 * store is a cache of what was downloaded plus the marks: when it will not open (locked
 * by an upgrade, made by a newer newsread, not a store, no permission) the file is left
 * untouched and the run goes on without it, saying so once; -x, which is about the
 * store, fails instead. */
static int open_store(const struct cli *c, const struct settings *s, int write, struct store **st,
		      char *notice, size_t cap)
{
	struct nr_error err;
	*st = NULL;
	if (c->no_store)
		return 0;
	if (app_store_open(s, write, st, &err) == 0)
		return 0;
	if (c->mode == MODE_EXECUTE) {
		nr_report("%s", err.msg);
		return -1;
	}
	snprintf(notice, cap, "%s (going on without the store: nothing is kept)", err.msg);
	nr_report("%s", notice);
	return 0;
}

/* Whether this run needs the store: the interface does (read marks), and every mode that
 * reads a source kept in the store (a URL, a command); --dump, --list and --stocks of
 * local files only do not (they show no marks), and so cost no database. */
static int needs_store(const struct cli *c, const struct source_list *sl)
{
	if (c->mode == MODE_TUI || c->offline || c->db)
		return 1;
	for (size_t i = 0; i < sl->n; i++)
		if (app_is_stored(sl->v[i].url))
			return 1;
	return 0;
}

/* The sources the user gave, else the urls file's, else (no urls file at all) the demo;
 * failures are reported and counted. */
static int user_sources(const struct cli *c, struct source_list *sl, int *demo)
{
	struct nr_error err;
	int failed = 0;
	*demo = 0;
	int bad = app_user_sources((const char *const *)c->sources, (size_t)c->nsources, sl, &err) != 0;
	if (bad && sl->nerrs) { /* each bad line of the urls file named; the others load */
		for (size_t i = 0; i < sl->nerrs; i++)
			nr_report("%s", sl->errs[i].msg);
		failed += (int)sl->nerrs;
	} else if (bad) {
		nr_report("%s", err.msg);
		failed++;
	}
	if (!sl->n && !c->nsources && !bad) { /* never the demo because the user's file has errors */
		source_list_free(sl);
		memset(sl, 0, sizeof *sl);
		sl->v = xcalloc(1, sizeof *sl->v);
		sl->v[0].url = xasprintf("%s/samples", theme_data_root());
		sl->n = sl->cap = 1;
		*demo = 1;
	}
	return failed;
}

/* -x: the commands, checked before any runs (unknown: exit 2), over the user's sources. */
static int run_execute(const struct cli *c, const struct settings *s)
{
	struct nr_error err;
	int *ids, write;
	size_t n;
	if (app_commands_parse((const char *const *)c->cmds, (size_t)c->ncmds, &ids, &n, &write, &err)) {
		nr_report("%s", err.msg);
		return 2;
	}
	struct app_ctx ac = {.s = s, .offline = opt_int(s, OPT_OFFLINE)};
	char notice[600];
	if (open_store(c, s, write, &ac.store, notice, sizeof notice)) {
		free(ids);
		return 1;
	}
	struct source_list sl = {0};
	int demo, failed = user_sources(c, &sl, &demo);
	if (demo) { /* -x works on the user's sources, never the demo */
		source_list_free(&sl);
		memset(&sl, 0, sizeof sl);
	}
	fetch_global_init();
	failed += app_commands_run(&ac, ids, n, sl.v, sl.n);
	fetch_global_cleanup();
	source_list_free(&sl);
	store_close(ac.store);
	free(ids);
	fflush(stdout);
	return failed ? 1 : 0;
}

/* --export-read, --import-read, --import-newsboat: the store, then the transfer. */
static int run_marks(const struct cli *c, const struct settings *s)
{
	struct nr_error err;
	struct store *st;
	if (app_store_open(s, c->mode != MODE_EXPORT_READ, &st, &err)) {
		nr_report("%s", err.msg);
		return 1;
	}
	int rc;
	if (c->mode == MODE_EXPORT_READ && !st) { /* no store yet: no read marks, an empty file */
		FILE *f = strcmp(c->file, "-") ? fopen(c->file, "w") : NULL;
		if (f)
			fclose(f);
		else if (strcmp(c->file, "-"))
			nr_report("%s: %s", c->file, strerror(errno));
		rc = f || !strcmp(c->file, "-") ? 0 : 1;
	}
	else if (c->mode == MODE_EXPORT_READ)
		rc = app_export_read(st, c->file);
	else if (c->mode == MODE_IMPORT_READ)
		rc = app_import_read(st, c->file);
	else
		rc = app_import_newsboat(st, c->file, c->nsources ? c->sources[0] : NULL);
	store_close(st);
	fflush(stdout);
	return rc;
}

/* The interface over l, with background reloads when there is a store: at once of the
 * sources shown from the store (reload-on-start), later on r, R and reload-interval.
 * A reload still running when the user quits is not waited for: the terminal is
 * restored and the process ends (the store is safe against that, as against a kill).
 * Returns 0, or -1 (reported). */
static int run_tui(struct app_ctx *ac, struct source_list *sl, struct articles *l, const char *title,
		   int single, const char *notice, int failed, const struct ui_source *srcs, size_t nsrcs)
{
	struct nr_error err;
	html_global_init(); /* the worker parses feeds while this thread parses articles */
	struct app_reload *r = ac->store ? app_reload_new(ac->s, sl->v, sl->n, ac->store) : NULL;
	struct ui_reloader rl = app_reloader(r);
	int any = 0;
	for (size_t i = 0; i < sl->n; i++)
		any |= ac->due[i];
	if (r && any && opt_int(ac->s, OPT_RELOAD_ON_START) && app_reload_start(r, ac->due, &err) == 0)
		rl.running = 1;
	int rc = ui_run(l, title, single, ac->s, ac->store, notice, srcs, nsrcs, r ? &rl : NULL, &err);
	if (rc)
		nr_report("%s", err.msg);
	if (app_reload_free(r)) { /* a download still runs in the worker: do not wait for it */
		fflush(NULL);
		_exit(rc || failed ? 1 : 0);
	}
	return rc;
}

/* Everything after the config: the mode, then the sources, then the interface. */
static int run_mode(struct cli *c, const struct settings *s)
{
	switch (c->mode) {
	case MODE_CHECK_CONFIG: {
		const char *name = c->config ? c->config : "config";
		struct buf b;
		buf_init(&b);
		text_sanitize(&b, name, strlen(name), 1); /* a file name may hold anything */
		printf("%s: OK\n", b.s);
		buf_free(&b);
		return 0;
	}
	case MODE_LIST_OPTIONS:
		opt_print_all(s, stdout);
		return 0;
	case MODE_LIST_ACTIONS:
		ui_list_actions(stdout);
		return 0;
	case MODE_LIST_COLORS:
		theme_list_colors(stdout);
		return 0;
	case MODE_IMPORT: {
		struct nr_error err;
		char *dir = config_dir();
		char *urls = xasprintf("%s/urls", dir);
		free(dir);
		int rc = opml_import(c->opml, urls, &err);
		free(urls);
		if (rc)
			nr_report("%s", err.msg);
		return rc ? 1 : 0;
	}
	case MODE_EXPORT: { /* the feeds' own titles from the store, when there is one */
		struct nr_error err;
		struct store *st = NULL;
		if (!c->no_store && app_store_open(s, 0, &st, &err))
			st = NULL; /* no titles, then: the names and URLs still export */
		int rc = app_export_opml(st);
		store_close(st);
		return rc;
	}
	case MODE_EXECUTE:
		return run_execute(c, s);
	case MODE_EXPORT_READ:
	case MODE_IMPORT_READ:
	case MODE_IMPORT_NEWSBOAT:
		return run_marks(c, s);
	default:
		break;
	}

	struct app_ctx ac = {.s = s, .offline = opt_int(s, OPT_OFFLINE)};
	char notice[600] = "";
	struct articles l = {0};
	struct source_list sl = {0};
	int demo, failed = user_sources(c, &sl, &demo);
	if (needs_store(c, &sl))
		open_store(c, s, 1, &ac.store, notice, sizeof notice);
	fetch_global_init();
	char **errors = xcalloc(sl.n ? sl.n : 1, sizeof *errors);
	ac.errors = errors;
	/* the interface starts from what is stored and reloads in the background */
	ac.from_store = c->mode == MODE_TUI && ac.store && !ac.offline;
	/* the urls file's sources never stored come with the reload too (or, with
	 * reload-on-start off, on R); a source given on the command line is loaded now,
	 * so that one article opens directly as before */
	ac.defer_new = ac.from_store && !c->nsources;
	ac.due = xcalloc(sl.n ? sl.n : 1, 1);
	failed += app_load(&ac, sl.v, sl.n, &l);
	if (failed && !notice[0]) /* stderr is behind the interface's screen: say it there too */
		snprintf(notice, sizeof notice, "%d failed at start: %s", failed, nr_last_report());
	struct ui_source *us = xcalloc(sl.n ? sl.n : 1, sizeof *us);
	for (size_t i = 0; i < sl.n; i++)
		us[i] = (struct ui_source){sl.v[i].url, sl.v[i].name, errors[i], app_is_stored(sl.v[i].url)};
	articles_dedup(&l);
	articles_sort(&l);
	const char *title = c->nsources == 1 ? c->sources[0] : demo ? "newsread demo" : "newsread";
	int rc = failed ? 1 : 0;
	switch (c->mode) {
	case MODE_DUMP: {
		int w = dump_width(c);
		struct render_opts ro;
		settings_render_opts(s, w, 1, &ro);
		/* 40 dashes between articles, fewer when the width is smaller: no line is wider */
		int dashes = w < 40 ? w : 40;
		for (size_t i = 0; i < l.n; i++) {
			if (i)
				printf("%.*s\n", dashes, "----------------------------------------");
			render_dump(stdout, l.v[i], &ro);
		}
		break;
	}
	case MODE_LIST:
		output_list(stdout, &l, c->json);
		break;
	case MODE_STOCKS: {
		struct render_opts ro;
		settings_render_opts(s, 0, 0, &ro);
		output_stocks(stdout, &l, &ro.stock, c->json);
		break;
	}
	default: {
		size_t due = 0; /* sources the background reload will bring */
		for (size_t i = 0; i < sl.n; i++)
			due += ac.due[i];
		if (failed && !l.n && !due)
			break;
		rc = run_tui(&ac, &sl, &l, title, l.n == 1 && c->nsources == 1, notice, failed, us, sl.n) ? 1 : rc;
		break;
	}
	}
	free(ac.due);
	articles_free(&l);
	for (size_t i = 0; i < sl.n; i++)
		free(errors[i]);
	free(errors);
	free(us);
	source_list_free(&sl);
	fetch_global_cleanup();
	store_close(ac.store);
	fflush(stdout);
	return rc;
}

/* Everything after the command line, in stages that each fail with their message:
 * the config (exit 2), then the mode's sources and interface. */
static int run(struct cli *c)
{
	if (c->mode == MODE_LIST_COMMANDS) { /* needs no config: it describes it */
		config_print_commands(stdout);
		return 0;
	}
	struct settings s;
	settings_init(&s);
	int rc = load_config(c, &s) ? 2 : 0;
	struct nr_error err;
	if (!rc && ((c->db && opt_set(&s, "db", c->db, &err)) || (c->offline && opt_set(&s, "offline", "on", &err)))) {
		nr_report("%s", err.msg);
		rc = 2;
	}
	if (!rc)
		rc = run_mode(c, &s);
	settings_free(&s);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli c;
	setup_locale();
	int rc = parse_args(argc, argv, &c) ? 2 : run(&c);
	free(c.overrides);
	free(c.sources);
	free(c.cmds);
	return rc;
}
