/* ui_reload.c - the interface's side of background reloads: r and R start one through
 * the reloader app/main gave (struct ui_reloader), reload-interval starts one on a timer,
 * and the loop calls ui_reload_tick, which brings finished sources in (their new
 * articles appear through ui_articles_changed, selections staying on their articles)
 * and keeps the progress text for the status line. */
#include "newsread/ui.h"
#include "ui/ui_view.h"
#include "newsread/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct ui_reload_ctl {
	const struct ui_reloader *rl; /* NULL: no reloads (no store, --no-store) */
	int running;
	time_t next;                  /* when reload-interval reloads next, 0 never */
	int interval;                 /* seconds */
	char text[640];               /* progress or the last reload's outcome, or "" */
};

static void set_text(struct ui_reload_ctl *c, const struct ui_reload_status *st)
{
	char fails[600] = "";
	if (st->failed)
		snprintf(fails, sizeof fails, ", %zu failed%s%s", st->failed, st->error[0] ? ": " : "", st->error);
	if (st->running)
		snprintf(c->text, sizeof c->text, "reloading %zu/%zu%s", st->done, st->total, fails);
	else
		snprintf(c->text, sizeof c->text, "reloaded %zu source%s%s", st->total, st->total == 1 ? "" : "s",
			 fails);
}

struct ui_reload_ctl *ui_reload_new(const struct ui_reloader *rl, const struct settings *s)
{
	struct ui_reload_ctl *c = xcalloc(1, sizeof *c);
	c->rl = rl && rl->start && rl->collect ? rl : NULL;
	c->interval = opt_int(s, OPT_RELOAD_INTERVAL) * 60;
	if (c->rl && c->interval)
		c->next = time(NULL) + c->interval;
	if (c->rl && rl->running) {
		c->running = 1;
		snprintf(c->text, sizeof c->text, "reloading");
	}
	return c;
}

void ui_reload_free(struct ui_reload_ctl *c)
{
	free(c);
}

int ui_reload_running(const struct ui_reload_ctl *c)
{
	return c && c->running;
}

const char *ui_reload_text(const struct ui_reload_ctl *c)
{
	return c && c->text[0] ? c->text : NULL;
}

static unsigned start(struct ui *ui, struct ui_reload_ctl *c, const char *const *urls, size_t n)
{
	struct nr_error err;
	if (!c || !c->rl) {
		ui_message(ui, "reloading needs the store (started with --no-store, or it would not open)");
		return RD_STATUS;
	}
	if (c->rl->start(c->rl->ctx, urls, n, &err)) {
		ui_message(ui, "%s", err.msg);
		return RD_STATUS;
	}
	c->running = 1;
	snprintf(c->text, sizeof c->text, "reloading");
	return RD_STATUS;
}

/* Add a's mark source (a network source's URL) to urls[*n] unless it is there. */
static void add_source(const struct article *a, const char ***urls, size_t *n)
{
	if (!a || !a->mark_source)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*urls)[i], a->mark_source) == 0)
			return;
	*urls = xrealloc(*urls, (*n + 1) * sizeof **urls);
	(*urls)[(*n)++] = a->mark_source;
}

unsigned ui_reload_request(struct ui *ui, struct ui_reload_ctl *c, struct view *v, int all)
{
	if (all)
		return start(ui, c, NULL, 0);
	const char **urls = NULL;
	size_t n = 0;
	struct articles *l = ui_articles(ui);
	const struct cat_node *node = ui_tree_node(v);
	if (node) { /* a category: the sources of its articles */
		for (size_t i = 0; i < node->narts; i++)
			add_source(articles_get(l, node->arts[i]), &urls, &n);
	} else if (v->ops->selected) {
		add_source(articles_get(l, v->ops->selected(v)), &urls, &n);
	}
	if (!n) {
		free(urls);
		ui_message(ui, "nothing to reload here");
		return RD_STATUS;
	}
	unsigned rd = start(ui, c, urls, n);
	free(urls);
	return rd;
}

int ui_reload_tick(struct ui *ui, struct ui_reload_ctl *c)
{
	if (!c || !c->rl)
		return 0;
	int dirty = 0;
	if (c->next && time(NULL) >= c->next) {
		c->next = time(NULL) + c->interval;
		struct nr_error err;
		if (!c->running && c->rl->start(c->rl->ctx, NULL, 0, &err) == 0) {
			c->running = 1;
			snprintf(c->text, sizeof c->text, "reloading");
			dirty = 1;
		}
	}
	if (!c->running)
		return dirty;
	struct ui_reload_status st;
	memset(&st, 0, sizeof st);
	size_t before = ui_articles(ui)->n;
	long added = c->rl->collect(c->rl->ctx, ui_articles(ui), &st);
	if (added > 0 && !before)
		ui_articles_arrived(ui);
	else if (added > 0)
		ui_articles_changed(ui);
	char was[sizeof c->text];
	memcpy(was, c->text, sizeof was);
	c->running = st.running;
	set_text(c, &st);
	return dirty || added >= 0 || strcmp(was, c->text) != 0;
}
