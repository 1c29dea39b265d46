/* ui.c - the interface's frame: terminal set-up and tear-down as stages, the view stack,
 * the header and status lines, keys to actions, resize and signals. */
#include "newsread/ui.h"
#include "ui/ui_view.h"
#include "newsread/layout.h"
#include "newsread/theme.h"
#include "newsread/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define UI_MIN_W 20 /* below this size the interface shows only "terminal too small" */
#define UI_MIN_H 5
#define UI_MAX_VIEWS 8

struct ui {
	struct articles *l;
	const struct settings *s;
	struct store *store; /* where marks are kept, or NULL */
	const char *notice;  /* shown at the start, or NULL */
	const struct ui_source *srcs; /* the session's sources (the caller's) */
	size_t nsrcs;
	const char *title;
	int single;
	struct view *stack[UI_MAX_VIEWS];
	int depth;
	struct cat_tree *tree;
	struct keymap keymap;  /* key -> action per context, built from the action table */
	char msg[256];
	int quit;
	FILE *tty;          /* /dev/tty when we opened it */
	FILE *in, *out;     /* what curses reads and writes */
	int ambiguous_wide; /* the terminal draws ambiguous-width characters two cells wide */
	SCREEN *scr;
	struct sigaction old[4];
	unsigned long layouts, draws, keys;
	struct ui_reload_ctl *reload; /* background reloads (ui_reload.c) */
};

static volatile sig_atomic_t ui_signal;
static const int ui_signals[4] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static void on_signal(int sig)
{
	ui_signal = sig;
}

static void ui_views_open(struct ui *ui);
static void ui_views_close(struct ui *ui);

/* ---- the view stack ---- */

struct view *ui_push(struct ui *ui, const struct view_ops *ops, void *data)
{
	struct view *v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->ui = ui;
	v->data = data;
	if (ui->depth == UI_MAX_VIEWS) {
		ops->free(v);
		free(v);
		ui_message(ui, "too many views open");
		return NULL;
	}
	ui->stack[ui->depth++] = v;
	return v;
}

/* Close the view at position k of the stack (0: the bottom). */
static void ui_remove(struct ui *ui, int k)
{
	struct view *v = ui->stack[k];
	for (int i = k; i + 1 < ui->depth; i++)
		ui->stack[i] = ui->stack[i + 1];
	ui->depth--;
	v->ops->free(v);
	free(v);
}

static void ui_pop(struct ui *ui)
{
	if (ui->depth)
		ui_remove(ui, ui->depth - 1);
}

struct view *ui_below(struct ui *ui, const struct view *v)
{
	for (int i = 1; i < ui->depth; i++)
		if (ui->stack[i] == v)
			return ui->stack[i - 1];
	return NULL;
}

struct view *ui_view_at(struct ui *ui, int k)
{
	return k >= 0 && k < ui->depth ? ui->stack[ui->depth - 1 - k] : NULL;
}

struct keymap *ui_keymap(struct ui *ui)
{
	return &ui->keymap;
}

struct cat_tree *ui_cattree(struct ui *ui)
{
	return ui->tree;
}

void ui_articles_changed(struct ui *ui)
{
	struct cat_tree *old = ui->tree;
	ui->tree = xcalloc(1, sizeof *ui->tree);
	cattree_build(ui->tree, ui->l);
	if (old)
		cattree_keep_expanded(ui->tree, old);
	/* bottom up: a view's opener has its rows (and selection) again before the view asks it */
	for (int k = 0; k < ui->depth; k++) {
		struct view *v = ui->stack[k];
		if (v->ops->reload && (v->ops->reload(v) & RD_POP))
			ui_remove(ui, k--);
	}
	if (old) {
		cattree_free(old);
		free(old);
	}
	if (!ui->depth)
		ui->quit = 1;
}

void ui_articles_arrived(struct ui *ui)
{
	if (ui->depth != 1) {
		ui_articles_changed(ui);
		return;
	}
	/* the first articles: the views the interface would have opened with them */
	ui_views_close(ui);
	ui_views_open(ui);
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
}

struct articles *ui_articles(struct ui *ui)
{
	return ui->l;
}

unsigned ui_mark_read(struct ui *ui, struct article *a, int read)
{
	if (!a)
		return RD_NONE;
	int was = a->read;
	a->read = read != 0;
	if (ui->store && a->mark_source && a->id && was != a->read) {
		struct nr_error err;
		if (store_mark_set(ui->store, a->mark_source, a->id, STORE_MARK_READ, a->read, time(NULL), &err)) {
			a->read = was; /* the screen never shows a mark the store does not have */
			ui_message(ui, "%s", err.msg);
		}
	}
	return RD_ALL;
}

void ui_set_store(struct ui *ui, struct store *st)
{
	ui->store = st;
}

struct store *ui_store(struct ui *ui)
{
	return ui->store;
}

void ui_set_sources(struct ui *ui, const struct ui_source *srcs, size_t n)
{
	ui->srcs = srcs;
	ui->nsrcs = n;
}

const struct ui_source *ui_sources(struct ui *ui, size_t *n)
{
	*n = ui->nsrcs;
	return ui->srcs;
}

struct ui_reload_ctl *ui_reloads(struct ui *ui)
{
	return ui->reload;
}

void ui_set_reloader(struct ui *ui, const struct ui_reloader *rl)
{
	ui_reload_free(ui->reload);
	ui->reload = ui_reload_new(rl, ui->s);
}

const struct settings *ui_settings(struct ui *ui)
{
	return ui->s;
}

const char *ui_title(struct ui *ui)
{
	return ui->title;
}

void ui_count_layout(struct ui *ui)
{
	ui->layouts++;
}

/* ---- drawing the frame ---- */

static void draw_bar(int y, int w, const char *left, const char *right, enum theme_elem e, int lastrow)
{
	ui_fill(stdscr, y, 0, w, e);
	int avail = w - 2 - (lastrow ? 1 : 0); /* never a character in the bottom-right cell */
	if (avail <= 0)
		return;
	/* the position (right) wins over the message (left) when both do not fit */
	int rw = right ? text_width(right, strlen(right)) : 0;
	if (rw > avail)
		rw = avail;
	int lw = avail - (rw ? rw + 2 : 0);
	if (left && lw > 0)
		ui_draw_text(stdscr, y, 1, lw, left, strlen(left), NULL, 0, 0, e);
	if (right && rw > 0)
		ui_draw_text(stdscr, y, 1 + avail - rw, rw, right, strlen(right), NULL, 0, 0, e);
}

static void draw_too_small(int h, int w)
{
	const char *m = w > 19 ? "terminal too small" : "too small";
	for (int y = 0; y < h; y++)
		ui_fill(stdscr, y, 0, w, TE_NORMAL);
	if (h > 0 && w > 1)
		ui_draw_text(stdscr, (h - 1) / 2, 0, w - 1, m, strlen(m), NULL, 0, 0, TE_ERROR);
}

static void ui_draw(struct ui *ui)
{
	int h, w;
	getmaxyx(stdscr, h, w);
	ui->draws++;
	werase(stdscr);
	if (w < UI_MIN_W || h < UI_MIN_H || !ui->depth) {
		draw_too_small(h, w);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	struct view *v = ui->stack[ui->depth - 1];
	int vh = h - 2;
	if (v->width != w || v->height != vh) {
		v->ops->layout(v, w, vh);
		v->width = w;
		v->height = vh;
	}
	for (int y = 1; y <= vh; y++)
		ui_fill(stdscr, y, 0, w, TE_NORMAL);
	lview_fit(&v->m, vh); /* the selection may have moved while another view was on top */
	v->ops->draw(v, stdscr, 1, vh, w);

	struct buf t, p;
	buf_init(&t);
	buf_init(&p);
	v->ops->title(v, &t);
	v->ops->position(v, &p);
	char *title = ui_clean(t.s ? t.s : "");
	char *pos = ui_clean(p.s ? p.s : "");
	draw_bar(0, w, title, NULL, TE_HEADER, 0);
	char hint[96];
	ui_status_hint(ui->srcs, ui->nsrcs, hint, sizeof hint);
	const char *rt = ui_reload_text(ui->reload);
	char *left = ui_clean(ui->msg[0] ? ui->msg : rt ? rt : hint);
	draw_bar(h - 1, w, left, pos, ui->msg[0] ? TE_STATUS : TE_STATUS, 1);
	free(left);
	free(title);
	free(pos);
	buf_free(&t);
	buf_free(&p);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- start-up and tear-down stages ---- */

static int stage_tty_up(struct ui *ui, struct nr_error *err)
{
	const char *term = getenv("TERM");
	if (!term || !*term)
		return nr_fail(err, "TERM is not set");
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0) {
		ui->tty = fdopen(fd, "r+");
		if (!ui->tty)
			close(fd);
	}
	if (ui->tty) {
		ui->in = ui->out = ui->tty;
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		ui->in = stdin;
		ui->out = stdout;
	} else {
		return nr_fail(err, "no terminal: /dev/tty cannot be opened and standard input/output are not terminals");
	}
	if (strcmp(getenv("TERM"), "dumb") != 0)
		ui->ambiguous_wide = ui_probe_ambiguous(fileno(ui->in), fileno(ui->out)) == 1;
	return 0;
}

static void stage_tty_down(struct ui *ui)
{
	if (ui->tty)
		fclose(ui->tty);
	ui->tty = NULL;
}

static int stage_curses_up(struct ui *ui, struct nr_error *err)
{
	ui->scr = newterm(NULL, ui->out, ui->in);
	if (!ui->scr)
		return nr_fail(err, "TERM=%s: unknown terminal type", getenv("TERM"));
	set_term(ui->scr);
	int h, w;
	getmaxyx(stdscr, h, w);
	if (w < UI_MIN_W || h < UI_MIN_H) {
		endwin();
		delscreen(ui->scr);
		ui->scr = NULL;
		return nr_fail(err, "terminal too small (%dx%d, need at least %dx%d)", w, h, UI_MIN_W, UI_MIN_H);
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	wtimeout(stdscr, 250); /* wake up now and then to notice signals */
	theme_apply(&ui->s->theme);
	short pair;
	unsigned long a = theme_attr(TE_NORMAL, &pair);
	cchar_t bg;
	if (setcchar(&bg, L" ", (attr_t)a, pair, NULL) == OK)
		wbkgrndset(stdscr, &bg);
	return 0;
}

static void stage_curses_down(struct ui *ui)
{
	if (!ui->scr)
		return;
	curs_set(1);
	endwin();
	delscreen(ui->scr);
	ui->scr = NULL;
}

static int stage_signals_up(struct ui *ui, struct nr_error *err)
{
	(void)err;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a signal interrupts the wait for a key */
	ui_signal = 0;
	for (int i = 0; i < 4; i++)
		sigaction(ui_signals[i], &sa, &ui->old[i]);
	return 0;
}

static void stage_signals_down(struct ui *ui)
{
	for (int i = 0; i < 4; i++)
		sigaction(ui_signals[i], &ui->old[i], NULL);
}

/* The first views: the article alone (single), else the category tree when there are
 * categories to choose from, else the list of all articles. */
static void ui_views_open(struct ui *ui)
{
	ui->tree = xcalloc(1, sizeof *ui->tree);
	cattree_build(ui->tree, ui->l);
	if (ui->single && ui->l->n)
		ui_open_article(ui, ui->l->v[0]->handle);
	else if (ui->tree->ncats >= 2)
		ui_open_tree(ui);
	else
		ui_open_list(ui, &ui->tree->root);
}

static void ui_views_close(struct ui *ui)
{
	while (ui->depth)
		ui_pop(ui);
	if (ui->tree) {
		cattree_free(ui->tree);
		free(ui->tree);
	}
	ui->tree = NULL;
}

static int stage_views_up(struct ui *ui, struct nr_error *err)
{
	(void)err;
	ui_views_open(ui);
	if (ui->ambiguous_wide)
		ui_message(ui, "terminal draws ambiguous-width characters wide: set them narrow, or text misaligns");
	else if (ui->notice && *ui->notice)
		ui_message(ui, "%s", ui->notice);
	return 0;
}

static void stage_views_down(struct ui *ui)
{
	ui_views_close(ui);
}

struct ui *ui_new(struct articles *l, const char *title, int single, const struct settings *s)
{
	struct ui *ui = xcalloc(1, sizeof *ui);
	ui->l = l;
	ui->s = s;
	ui->title = title ? title : "newsread";
	ui->single = single;
	keymap_defaults(&ui->keymap);
	ui_views_open(ui);
	return ui;
}

void ui_free(struct ui *ui)
{
	if (!ui)
		return;
	ui_views_close(ui);
	keymap_free(&ui->keymap);
	ui_reload_free(ui->reload);
	free(ui);
}

static const struct stage {
	const char *name;
	int (*up)(struct ui *ui, struct nr_error *err);
	void (*down)(struct ui *ui);
} stages[] = {
	{"terminal", stage_tty_up, stage_tty_down},
	{"curses", stage_curses_up, stage_curses_down},
	{"signals", stage_signals_up, stage_signals_down},
	{"views", stage_views_up, stage_views_down},
};

/* ---- the loop ---- */

unsigned ui_act(struct ui *ui, enum ui_action a)
{
	if (!ui->depth)
		return RD_NONE;
	struct view *v = ui->stack[ui->depth - 1];
	unsigned rd = RD_NONE;
	switch (a) {
	case ACT_NONE:
		ui_message(ui, "no action on this key: press ? for help");
		return RD_STATUS;
	case ACT_QUIT:
		rd = RD_POP;
		break;
	case ACT_QUIT_ALL:
		rd = RD_QUIT;
		break;
	case ACT_HELP:
		if (v->ops->context != CXI_HELP)
			ui_open_help(ui);
		return RD_ALL;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return RD_ALL;
	case ACT_RELOAD:
	case ACT_RELOAD_ALL:
		return ui_reload_request(ui, ui->reload, v, a == ACT_RELOAD_ALL);
	default:
		rd = lview_is_move(a) ? lview_move(&v->m, a, v->height) : v->ops->request(v, a);
		break;
	}
	if (rd & RD_POP) {
		ui_pop(ui);
		if (!ui->depth)
			ui->quit = 1;
	}
	if (rd & RD_QUIT)
		ui->quit = 1;
	return rd;
}

static void ui_key(struct ui *ui, int fkey, unsigned key)
{
	int h, w;
	getmaxyx(stdscr, h, w);
	ui->keys++;
	ui->msg[0] = '\0';
	if (w < UI_MIN_W || h < UI_MIN_H) {
		if (!fkey && (key == 'q' || key == 'Q'))
			ui->quit = 1;
		return;
	}
	struct view *v = ui->stack[ui->depth - 1];
	ui_act(ui, keymap_lookup(&ui->keymap, v->ops->context, (struct keymap_key){fkey, key}));
}

static void ui_loop(struct ui *ui)
{
	int dirty = 1;
	while (!ui->quit && !ui_signal) {
		if (dirty)
			ui_draw(ui);
		dirty = 0;
		wtimeout(stdscr, ui_reload_running(ui->reload) ? 100 : 250);
		wint_t ch;
		int r = wget_wch(stdscr, &ch);
		if (ui_signal)
			break;
		dirty = ui_reload_tick(ui, ui->reload);
		if (r == ERR)
			continue;
		dirty = 1;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			continue; /* the next draw lays the view out again at the new size */
		ui_key(ui, r == KEY_CODE_YES, (unsigned)ch);
	}
}

int ui_run(struct articles *l, const char *title, int single, const struct settings *s, struct store *st,
	   const char *notice, const struct ui_source *srcs, size_t nsrcs, const struct ui_reloader *rl,
	   struct nr_error *err)
{
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.l = l;
	ui.s = s;
	ui.store = st;
	ui.notice = notice;
	ui.srcs = srcs;
	ui.nsrcs = nsrcs;
	ui.title = title ? title : "newsread";
	ui.single = single;
	keymap_defaults(&ui.keymap); /* later: the one the config's bind lines wrote into */
	ui.reload = ui_reload_new(rl, s);
	size_t up = 0;
	int rc = 0;
	for (; up < ARRAY_LEN(stages); up++) {
		if (stages[up].up(&ui, err)) {
			rc = -1;
			break;
		}
	}
	if (!rc)
		ui_loop(&ui);
	while (up--)
		stages[up].down(&ui);
	keymap_free(&ui.keymap);
	ui_reload_free(ui.reload);
	int sig = ui_signal;
	if (getenv("NEWSREAD_UI_STATS"))
		fprintf(stderr, "newsread: ui-stats layouts=%lu draws=%lu keys=%lu\n", ui.layouts, ui.draws, ui.keys);
	if (sig) { /* the terminal is restored: die of the signal as the shell expects */
		fflush(NULL);
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return rc;
}
