/* reload.c - background reloads for the interface. A worker thread downloads the network
 * sources (source_load_all with the stored validators) and stores each one, in its own
 * transaction, as soon as it arrives, through a store connection of its own (a SQLite
 * connection is used by one thread only). Each finished source is queued under a mutex
 * and announced by a byte on a pipe; the interface's thread drains the pipe without
 * waiting and reads the new articles through its own connection. */
#include "newsread/app.h"
#include "app/app_priv.h"
#include "newsread/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One source the worker has finished. */
struct done_item {
	size_t spec;   /* index into specs */
	int failed;
	int changed;   /* new articles may have been stored (a 200 that parsed) */
	char *msg;     /* the failure's reason, or NULL */
};

struct app_reload {
	const struct settings *s;
	const struct source_spec *specs;
	size_t n;
	struct store *st;        /* the interface thread's connection */
	int fds[2];              /* the worker writes a byte per finished source, and at its end */
	pthread_t th;
	int busy;                /* a worker was started and not joined yet (interface thread) */

	/* the job: set before the worker starts, read-only while it runs */
	size_t *job;             /* spec indexes to download */
	size_t njob;
	struct store *wst;       /* the worker's own connection (opened before it starts) */
	struct source_opts so;
	char *user_agent;        /* so.fetch.user_agent points here */
	int keep_days;

	pthread_mutex_t mu;      /* guards q, nq, capq, finished */
	struct done_item *q;
	size_t nq, capq;
	int finished;

	/* the interface thread's count */
	size_t done, failed;
	char error[512];
};

struct app_reload *app_reload_new(const struct settings *s, const struct source_spec *specs, size_t n,
				  struct store *st)
{
	struct app_reload *r = xcalloc(1, sizeof *r);
	r->s = s;
	r->specs = specs;
	r->n = n;
	r->st = st;
	r->fds[0] = r->fds[1] = -1;
	if (pipe2(r->fds, O_CLOEXEC | O_NONBLOCK))
		r->fds[0] = r->fds[1] = -1;
	pthread_mutex_init(&r->mu, NULL);
	return r;
}

static void wake(struct app_reload *r)
{
	ssize_t k;
	do
		k = write(r->fds[1], "x", 1);
	while (k < 0 && errno == EINTR); /* a full pipe (EAGAIN) has wake-ups enough */
}

static void push(struct app_reload *r, struct done_item it)
{
	pthread_mutex_lock(&r->mu);
	if (r->nq == r->capq) {
		r->capq = r->capq ? 2 * r->capq : 16;
		r->q = xrealloc(r->q, r->capq * sizeof *r->q);
	}
	r->q[r->nq++] = it;
	pthread_mutex_unlock(&r->mu);
	wake(r);
}

/* The worker's per-source callback (its thread): store the result, queue the news. */
static void on_source(void *ud, size_t i, struct source_result *res)
{
	struct app_reload *r = ud;
	const struct source_spec *spec = &r->specs[r->job[i]];
	struct nr_error err;
	struct done_item it = {.spec = r->job[i], .failed = res->rc != 0};
	if (res->rc)
		it.msg = xstrdup(res->err.msg);
	if (app_store_result(r->wst, spec, res, &err)) {
		it.failed = 1;
		if (!it.msg)
			it.msg = xstrdup(err.msg);
	} else {
		it.changed = !res->rc && !res->not_modified;
	}
	articles_free(&res->arts); /* stored: the interface reads them from its own connection */
	push(r, it);
}

static void *worker(void *arg)
{
	struct app_reload *r = arg;
	size_t n = r->njob;
	const char **srcs = xcalloc(n, sizeof *srcs);
	struct source_spec *bare = xcalloc(n, sizeof *bare);
	struct source_validators *vals = xcalloc(n, sizeof *vals);
	struct store_source *rows = xcalloc(n, sizeof *rows);
	struct source_result *res = xcalloc(n, sizeof *res);
	for (size_t k = 0; k < n; k++) {
		struct nr_error err;
		srcs[k] = r->specs[r->job[k]].url;
		bare[k] = (struct source_spec){.url = r->specs[r->job[k]].url}; /* stored as the feed gives them */
		if (store_source_get(r->wst, srcs[k], &rows[k], &err) > 0) {
			vals[k].etag = rows[k].etag;
			vals[k].last_modified = rows[k].last_modified;
		}
	}
	source_load_all(srcs, bare, vals, n, &r->so, res);
	for (size_t k = 0; k < n; k++) {
		source_result_free(&res[k]);
		store_source_clear(&rows[k]);
	}
	if (r->keep_days > 0) {
		struct nr_error err;
		if (store_prune(r->wst, r->keep_days, time(NULL), NULL, &err))
			push(r, (struct done_item){.spec = (size_t)-1, .msg = xstrdup(err.msg)});
	}
	store_close(r->wst);
	r->wst = NULL;
	free(res);
	free(rows);
	free(vals);
	free(bare);
	free(srcs);
	pthread_mutex_lock(&r->mu);
	r->finished = 1;
	pthread_mutex_unlock(&r->mu);
	wake(r);
	return NULL;
}

int app_reload_start(struct app_reload *r, const unsigned char *which, struct nr_error *err)
{
	if (r->busy)
		return nr_fail(err, "a reload is running (%zu/%zu done)", r->done, r->njob);
	if (opt_int(r->s, OPT_OFFLINE))
		return nr_fail(err, "offline: nothing is downloaded");
	if (r->fds[0] < 0)
		return nr_fail(err, "reload: cannot make a pipe");
	size_t *job = xcalloc(r->n ? r->n : 1, sizeof *job), nj = 0;
	for (size_t i = 0; i < r->n; i++)
		if ((!which || which[i]) && app_is_stored(r->specs[i].url))
			job[nj++] = i;
	if (!nj) {
		free(job);
		return nr_fail(err, "nothing to reload here: only downloaded sources reload");
	}
	struct store *wst;
	if (store_open(store_path(r->st), 0, &wst, err)) {
		free(job);
		return -1;
	}
	free(r->job);
	free(r->user_agent);
	r->job = job;
	r->njob = nj;
	r->wst = wst;
	settings_source_opts(r->s, &r->so);
	r->user_agent = xstrdup(r->so.fetch.user_agent);
	r->so.fetch.user_agent = r->user_agent;
	r->so.done = on_source;
	r->so.done_ud = r;
	r->keep_days = opt_int(r->s, OPT_KEEP_ARTICLES_DAYS);
	r->finished = 0;
	r->done = r->failed = 0;
	r->error[0] = '\0';
	/* signals (resize, interrupt) go to the interface's thread, never the worker */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&r->th, NULL, worker, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		store_close(wst);
		r->wst = NULL;
		return nr_fail(err, "reload: cannot start a thread: %s", strerror(rc));
	}
	r->busy = 1;
	return 0;
}

int app_reload_start_urls(struct app_reload *r, const char *const *urls, size_t n, struct nr_error *err)
{
	unsigned char *which = xcalloc(r->n ? r->n : 1, 1);
	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; k < n && !which[i]; k++)
			which[i] = strcmp(r->specs[i].url, urls[k]) == 0;
	int rc = app_reload_start(r, which, err);
	free(which);
	return rc;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* 1 when what the feed gave for the article is the same in a and b. */
static int same_content(struct article *a, struct article *b)
{
	return same_str(a->title, b->title) && same_str(a->link, b->link) && same_str(a->author, b->author) &&
	       a->has_date == b->has_date && (!a->has_date || a->date == b->date) &&
	       same_str(article_html(a), article_html(b));
}

/* Add to l the stored articles of spec that l lacks, and put the stored one in the place
 * of an article whose content changed (same handle: views keep it selected). Returns how many, or -1 with err. */
static long add_new(struct app_reload *r, const struct source_spec *spec, struct articles *l,
		    struct nr_error *err)
{
	struct articles got = {0};
	char *title = NULL;
	if (app_load_stored(r->st, spec->url, &got, &title, err) < 0) {
		articles_free(&got);
		return -1;
	}
	source_apply_spec(&got, spec->url, spec);
	char *key = app_mark_key(spec->url);
	app_label(&got, key, title, spec->hidden);
	free(key);
	free(title);
	long added = 0;
	for (size_t i = 0; i < got.n; i++) {
		struct article *a = got.v[i];
		struct article *old = articles_get(l, a->handle);
		if (old && same_content(old, a)) {
			article_free(a); /* shown already, unchanged */
			continue;
		}
		if (old) /* changed: the new one takes its place under the same handle */
			articles_remove(l, a->handle);
		articles_add(l, a);
		added++;
	}
	got.n = 0; /* each was freed or taken over */
	articles_free(&got);
	return added;
}

long app_reload_collect(struct app_reload *r, struct articles *l, struct app_reload_progress *p)
{
	char buf[256];
	int news = 0;
	while (r->fds[0] >= 0 && read(r->fds[0], buf, sizeof buf) > 0)
		news = 1;
	p->total = r->njob;
	if (!news) {
		p->done = r->done;
		p->failed = r->failed;
		p->running = r->busy;
		snprintf(p->error, sizeof p->error, "%s", r->error);
		return -1;
	}
	pthread_mutex_lock(&r->mu);
	struct done_item *q = r->q;
	size_t nq = r->nq;
	int finished = r->finished;
	r->q = NULL;
	r->nq = r->capq = 0;
	pthread_mutex_unlock(&r->mu);
	long added = 0;
	for (size_t k = 0; k < nq; k++) {
		struct nr_error err;
		if (q[k].spec != (size_t)-1) {
			r->done++;
			long got = q[k].changed ? add_new(r, &r->specs[q[k].spec], l, &err) : 0;
			if (got < 0 && !q[k].msg) {
				q[k].failed = 1;
				q[k].msg = xstrdup(err.msg);
			}
			added += got > 0 ? got : 0;
		}
		if (q[k].failed && q[k].spec != (size_t)-1)
			r->failed++;
		if (q[k].msg)
			snprintf(r->error, sizeof r->error, "%s", q[k].msg);
		free(q[k].msg);
	}
	free(q);
	if (finished && r->busy) {
		pthread_join(r->th, NULL);
		r->busy = 0;
	}
	p->done = r->done;
	p->failed = r->failed;
	p->running = r->busy;
	snprintf(p->error, sizeof p->error, "%s", r->error);
	return added;
}

int app_reload_free(struct app_reload *r)
{
	if (!r)
		return 0;
	if (r->busy) {
		pthread_mutex_lock(&r->mu);
		int finished = r->finished;
		pthread_mutex_unlock(&r->mu);
		if (!finished)
			return 1; /* the worker still uses r: leave it be */
		pthread_join(r->th, NULL);
		r->busy = 0;
	}
	for (size_t k = 0; k < r->nq; k++)
		free(r->q[k].msg);
	free(r->q);
	free(r->job);
	free(r->user_agent);
	if (r->fds[0] >= 0) {
		close(r->fds[0]);
		close(r->fds[1]);
	}
	pthread_mutex_destroy(&r->mu);
	free(r);
	return 0;
}

/* ---- the interface's hook (struct ui_reloader) over a reload ---- */

static int hook_start(void *ctx, const char *const *urls, size_t n, struct nr_error *err)
{
	return n ? app_reload_start_urls(ctx, urls, n, err) : app_reload_start(ctx, NULL, err);
}

static long hook_collect(void *ctx, struct articles *l, struct ui_reload_status *st)
{
	struct app_reload_progress p;
	long added = app_reload_collect(ctx, l, &p);
	st->done = p.done;
	st->total = p.total;
	st->failed = p.failed;
	st->running = p.running;
	memcpy(st->error, p.error, sizeof st->error);
	return added;
}

struct ui_reloader app_reloader(struct app_reload *r)
{
	return (struct ui_reloader){.ctx = r, .start = hook_start, .collect = hook_collect};
}
