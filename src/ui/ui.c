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
#include <unistd.h>

#define UI_MIN_W 20 /* below this size the interface shows only "terminal too small" */
#define UI_MIN_H 5
#define UI_MAX_VIEWS 8

struct ui {
	struct articles *l;
	const char *title;
	int single;
	struct view *stack[UI_MAX_VIEWS];
	int depth;
	struct cat_tree tree;
	char msg[256];
	int quit;
	FILE *tty;          /* /dev/tty when we opened it */
	FILE *in, *out;     /* what curses reads and writes */
	int ambiguous_wide; /* the terminal draws ambiguous-width characters two cells wide */
	SCREEN *scr;
	struct sigaction old[4];
	unsigned long layouts, draws, keys;
};

static volatile sig_atomic_t ui_signal;
static const int ui_signals[4] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static void on_signal(int sig)
{
	ui_signal = sig;
}

/* ---- the view stack ---- */

void ui_push(struct ui *ui, const struct view_ops *ops, void *data)
{
	struct view *v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->ui = ui;
	v->data = data;
	if (ui->depth == UI_MAX_VIEWS) {
		ops->free(v);
		free(v);
		ui_message(ui, "too many views open");
		return;
	}
	ui->stack[ui->depth++] = v;
}

static void ui_pop(struct ui *ui)
{
	if (!ui->depth)
		return;
	struct view *v = ui->stack[--ui->depth];
	v->ops->free(v);
	free(v);
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

const char *ui_title(struct ui *ui)
{
	return ui->title;
}

void ui_count_layout(struct ui *ui)
{
	ui->layouts++;
}

/* ---- the cursor of the list views ---- */

void ui_cursor_fit(struct ui_cursor *c, int h)
{
	if (h < 1)
		h = 1;
	if (c->n == 0) {
		c->sel = c->top = 0;
		return;
	}
	if (c->sel >= c->n)
		c->sel = c->n - 1;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + (size_t)h)
		c->top = c->sel - (size_t)h + 1;
	if (c->n > (size_t)h && c->top > c->n - (size_t)h)
		c->top = c->n - (size_t)h;
	if (c->n <= (size_t)h)
		c->top = 0;
}

unsigned ui_cursor_move(struct ui_cursor *c, enum ui_action a, int h)
{
	size_t old = c->sel, oldtop = c->top, page = h > 1 ? (size_t)h - 1 : 1, half = h > 2 ? (size_t)h / 2 : 1;
	if (!c->n)
		return RD_NONE;
	switch (a) {
	case ACT_DOWN: if (c->sel + 1 < c->n) c->sel++; break;
	case ACT_UP: if (c->sel) c->sel--; break;
	case ACT_PAGE_DOWN: c->sel += page; c->top += page; break;
	case ACT_PAGE_UP: c->sel = c->sel > page ? c->sel - page : 0; c->top = c->top > page ? c->top - page : 0; break;
	case ACT_HALF_DOWN: c->sel += half; break;
	case ACT_HALF_UP: c->sel = c->sel > half ? c->sel - half : 0; break;
	case ACT_TOP: c->sel = 0; break;
	case ACT_BOTTOM: c->sel = c->n - 1; break;
	default: return RD_NONE;
	}
	if (c->sel >= c->n)
		c->sel = c->n - 1;
	ui_cursor_fit(c, h);
	return (c->sel != old || c->top != oldtop) ? RD_ALL : RD_NONE;
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
	v->ops->draw(v, stdscr, 1, vh, w);

	struct buf t, p;
	buf_init(&t);
	buf_init(&p);
	v->ops->title(v, &t);
	v->ops->position(v, &p);
	char *title = ui_clean(t.s ? t.s : "");
	char *pos = ui_clean(p.s ? p.s : "");
	draw_bar(0, w, title, NULL, TE_HEADER, 0);
	char *left = ui_clean(ui->msg[0] ? ui->msg : "? help  q back");
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
	theme_apply();
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

static int stage_views_up(struct ui *ui, struct nr_error *err)
{
	(void)err;
	cattree_build(&ui->tree, ui->l);
	if (ui->single && ui->l->n) {
		size_t zero = 0;
		ui_open_article(ui, &zero, 1, 0, NULL);
	} else if (ui->tree.ncats >= 2) {
		ui_open_tree(ui, &ui->tree);
	} else {
		ui_open_list(ui, NULL, ui->tree.root.arts, ui->tree.root.narts);
	}
	if (ui->ambiguous_wide)
		ui_message(ui, "terminal draws ambiguous-width characters wide: set them narrow, or text misaligns");
	return 0;
}

static void stage_views_down(struct ui *ui)
{
	while (ui->depth)
		ui_pop(ui);
	cattree_free(&ui->tree);
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
	enum ui_action a = ui_key_action(fkey, key, v->ops->context);
	unsigned rd = RD_NONE;
	switch (a) {
	case ACT_NONE:
		ui_message(ui, "no action on this key: press ? for help");
		return;
	case ACT_QUIT:
		rd = RD_POP;
		break;
	case ACT_QUIT_ALL:
		rd = RD_QUIT;
		break;
	case ACT_HELP:
		if (v->ops->context != CX_HELP)
			ui_open_help(ui);
		return;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return;
	default:
		rd = v->ops->request(v, a);
		break;
	}
	if (rd & RD_POP) {
		ui_pop(ui);
		if (!ui->depth)
			ui->quit = 1;
	}
	if (rd & RD_QUIT)
		ui->quit = 1;
}

static void ui_loop(struct ui *ui)
{
	int dirty = 1;
	while (!ui->quit && !ui_signal) {
		if (dirty)
			ui_draw(ui);
		dirty = 0;
		wint_t ch;
		int r = wget_wch(stdscr, &ch);
		if (ui_signal)
			break;
		if (r == ERR)
			continue;
		dirty = 1;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			continue; /* the next draw lays the view out again at the new size */
		ui_key(ui, r == KEY_CODE_YES, (unsigned)ch);
	}
}

int ui_run(struct articles *l, const char *title, int single, struct nr_error *err)
{
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.l = l;
	ui.title = title ? title : "newsread";
	ui.single = single;
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
