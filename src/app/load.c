/* load.c - loading the user's sources through the store: download (with the stored
 * validators), store what came from the network one source per transaction, fall back
 * to what was stored for a source that failed or did not change, apply read marks, and
 * count unread articles without downloading anything. */
#include "newsread/app.h"
#include "newsread/config.h"
#include "app/app_priv.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

char *app_store_path(const struct settings *s)
{
	const char *db = opt_str(s, OPT_DB);
	if (*db)
		return xstrdup(db);
	char *dir = data_dir();
	char *path = xasprintf("%s/newsread.db", dir);
	free(dir);
	return path;
}

int app_store_open(const struct settings *s, int write, struct store **out, struct nr_error *err)
{
	*out = NULL;
	char *path = app_store_path(s);
	int rc = 0;
	if (write || access(path, F_OK) == 0)
		rc = store_open(path, write ? 0 : STORE_READONLY, out, err);
	free(path);
	return rc;
}

int app_is_stored(const char *src)
{
	return strncasecmp(src, "http://", 7) == 0 || strncasecmp(src, "https://", 8) == 0 ||
	       strncmp(src, "exec:", 5) == 0 || strncmp(src, "filter:", 7) == 0;
}

static void spec_push(struct source_list *l, const char *url)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	l->v[l->n++].url = xstrdup(url);
}

int app_user_sources(const char *const *given, size_t n, struct source_list *out,
		     struct nr_error *err)
{
	memset(out, 0, sizeof *out);
	if (n) {
		for (size_t i = 0; i < n; i++)
			spec_push(out, given[i]);
		return 0;
	}
	char *dir = config_dir();
	char *urls = xasprintf("%s/urls", dir);
	free(dir);
	int rc = urls_load(urls, out, err);
	free(urls);
	return rc;
}

/* The source marks of src are kept under: its URL, a local file's real path (so that
 * marks hold whatever folder newsread runs from), NULL for standard input. malloc'd. */
char *app_mark_key(const char *src)
{
	if (app_is_stored(src))
		return xstrdup(src);
	if (strcmp(src, "-") == 0)
		return NULL;
	char buf[PATH_MAX];
	return xstrdup(realpath(src, buf) ? buf : src);
}

/* Give every article of l its mark source and its source's title. */
void app_label(struct articles *l, const char *key, const char *title, int hidden)
{
	for (size_t i = 0; i < l->n; i++) {
		struct article *a = l->v[i];
		a->hidden = hidden;
		free(a->mark_source);
		a->mark_source = key ? xstrdup(key) : NULL;
		if (title && !a->source_title)
			a->source_title = xstrdup(title);
	}
}

/* Read marks of l's articles from the store, under key. Returns 0 or -1 with err. */
static int apply_marks(struct store *st, struct articles *l, const char *key, struct nr_error *err)
{
	if (!st || !key)
		return 0;
	for (size_t i = 0; i < l->n; i++) {
		struct article *a = l->v[i];
		if (!a->id)
			continue;
		struct store_marks m;
		if (store_mark_get(st, key, a->id, &m, err))
			return -1;
		a->read = m.read != 0;
	}
	return 0;
}

/* Store the articles a download of spec gave (r->arts, which get their row ids), or
 * record its failure or 304, in one transaction. Returns 0 or -1 with err. */
int app_store_result(struct store *st, const struct source_spec *spec, struct source_result *r,
			struct nr_error *err)
{
	struct store_reload *rl;
	if (store_reload_begin(st, spec->url, &rl, err))
		return -1;
	if (!r->rc && !r->not_modified) {
		for (size_t i = 0; i < r->arts.n; i++) {
			if (store_reload_article(rl, r->arts.v[i], err)) {
				store_reload_abort(rl);
				return -1;
			}
		}
	}
	struct store_fetch f = {
		.when = time(NULL),
		.error = r->rc ? r->err.msg : NULL,
		.not_modified = r->not_modified,
		.title = r->title,
		.etag = r->etag,
		.last_modified = r->last_modified,
		.cats = spec->cats,
		.ncats = spec->ncats,
	};
	return store_reload_commit(rl, &f, err);
}

/* The stored articles of a network source into l (bodies too: the interface shows them
 * at once), and its stored title into *title (malloc'd, may be NULL). Returns 1 loaded,
 * 0 never stored, -1 error. */
int app_load_stored(struct store *st, const char *url, struct articles *l, char **title,
		       struct nr_error *err)
{
	struct store_source ss;
	int found = store_source_get(st, url, &ss, err);
	if (found <= 0)
		return found;
	*title = ss.title ? xstrdup(ss.title) : NULL;
	store_source_clear(&ss);
	return store_load(st, url, STORE_LOAD_BODIES, l, err) ? -1 : 1;
}

/* The stored validators of the network sources, for a conditional GET. */
static void get_validators(struct store *st, const struct source_spec *specs, size_t n,
			   struct store_source *rows, struct source_validators *vals)
{
	for (size_t i = 0; i < n; i++) {
		struct nr_error err;
		if (!st || !app_is_stored(specs[i].url) || store_source_get(st, specs[i].url, &rows[i], &err) <= 0)
			continue;
		vals[i].etag = rows[i].etag;
		vals[i].last_modified = rows[i].last_modified;
	}
}

/* Report msg on stderr and keep it in *slot (may be NULL) unless a reason is there. */
static void fail_note(char **slot, const char *msg)
{
	nr_report("%s", msg);
	if (slot && !*slot)
		*slot = xstrdup(msg);
}

/* One source after its download (or, offline, instead of one): what it shows into *shown,
 * stored or recorded as it should be. Returns 0, or -1 when it failed (reported, and its
 * first reason kept in *slot when slot is not NULL). */
static int settle(const struct app_ctx *c, const struct source_spec *spec, struct source_result *r,
		  const char *stored_title, int downloaded, struct articles *shown, char **slot)
{
	struct nr_error err;
	int net = app_is_stored(spec->url), failed = 0;
	char *key = app_mark_key(spec->url), *title = NULL;
	if (net && !downloaded) { /* offline */
		int got = c->store ? app_load_stored(c->store, spec->url, shown, &title, &err) : 0;
		if (got <= 0) {
			if (got == 0)
				nr_fail(&err, "%s: not in the store (offline: nothing is downloaded)", spec->url);
			fail_note(slot, err.msg);
			failed = 1;
		}
	} else if (net && c->store) {
		if (r->rc) {
			fail_note(slot, r->err.msg);
			failed = 1;
		}
		if (app_store_result(c->store, spec, r, &err)) {
			fail_note(slot, err.msg);
			failed = 1;
		}
		if (r->rc || r->not_modified) { /* what was stored stands */
			articles_free(&r->arts);
			if (!c->store_only && app_load_stored(c->store, spec->url, shown, &title, &err) < 0) {
				fail_note(slot, err.msg);
				failed = 1;
			}
		} else {
			if (apply_marks(c->store, &r->arts, key, &err)) {
				fail_note(slot, err.msg);
				failed = 1;
			}
			articles_move(shown, &r->arts);
		}
	} else {
		if (r->rc) {
			fail_note(slot, r->err.msg);
			failed = 1;
		}
		if (apply_marks(c->store, &r->arts, key, &err)) {
			fail_note(slot, err.msg);
			failed = 1;
		}
		articles_move(shown, &r->arts);
	}
	/* stored articles are kept as the feed gave them: the user's categories and name,
	 * which may change in the urls file, go on now (local ones have them already) */
	if (net)
		source_apply_spec(shown, spec->url, spec);
	const char *t = r->title ? r->title : title ? title : stored_title;
	app_label(shown, c->store || !net ? key : NULL, t, spec->hidden);
	free(title);
	free(key);
	return failed ? -1 : 0;
}

int app_load(const struct app_ctx *c, const struct source_spec *specs, size_t n, struct articles *out)
{
	struct source_opts so;
	settings_source_opts(c->s, &so);
	struct source_result *res = xcalloc(n ? n : 1, sizeof *res);
	struct store_source *rows = xcalloc(n ? n : 1, sizeof *rows);
	struct source_validators *vals = xcalloc(n ? n : 1, sizeof *vals);
	get_validators(c->store, specs, n, rows, vals);

	/* what is downloaded or read: everything online, only local files offline */
	const char **srcs = xcalloc(n ? n : 1, sizeof *srcs);
	struct source_spec *sub = xcalloc(n ? n : 1, sizeof *sub);
	struct source_validators *subv = xcalloc(n ? n : 1, sizeof *subv);
	size_t *at = xcalloc(n ? n : 1, sizeof *at), k = 0;
	for (size_t i = 0; i < n; i++) {
		if (app_is_stored(specs[i].url) &&
		    (c->offline || (c->from_store && (rows[i].handle > 0 || c->defer_new)))) {
			if (!c->offline && c->due)
				c->due[i] = 1; /* shown from the store: for the background reload */
			continue;
		}
		srcs[k] = specs[i].url;
		sub[k] = specs[i];
		if (app_is_stored(specs[i].url)) /* as the feed gives them: see settle */
			sub[k] = (struct source_spec){.url = specs[i].url};
		subv[k] = vals[i];
		at[k++] = i;
	}
	struct source_result *got = xcalloc(k ? k : 1, sizeof *got);
	if (k)
		source_load_all(srcs, sub, subv, k, &so, got);
	int *downloaded = xcalloc(n ? n : 1, sizeof *downloaded);
	for (size_t j = 0; j < k; j++) {
		res[at[j]] = got[j];
		downloaded[at[j]] = 1;
	}

	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		struct articles shown = {0};
		int deferred = !c->offline && c->from_store && c->defer_new && !rows[i].handle &&
			       app_is_stored(specs[i].url); /* nothing stored: the reload brings it */
		if (!deferred && settle(c, &specs[i], &res[i], rows[i].title, downloaded[i], &shown,
					c->errors ? &c->errors[i] : NULL))
			failed++;
		articles_move(out, &shown);
		source_result_free(&res[i]);
		store_source_clear(&rows[i]);
	}
	int days = opt_int(c->s, OPT_KEEP_ARTICLES_DAYS);
	if (c->store && !c->offline && days > 0) {
		struct nr_error err;
		if (store_prune(c->store, days, time(NULL), NULL, &err)) {
			nr_report("%s", err.msg);
			failed++;
		}
	}
	free(downloaded);
	free(got);
	free(at);
	free(subv);
	free(sub);
	free(srcs);
	free(vals);
	free(rows);
	free(res);
	return failed;
}

int app_count_unread(const struct app_ctx *c, const struct source_spec *specs, size_t n,
		     long long *count)
{
	*count = 0;
	int failed = 0;
	struct source_opts so;
	settings_source_opts(c->s, &so);
	for (size_t i = 0; i < n; i++) {
		struct nr_error err;
		if (app_is_stored(specs[i].url)) {
			long long u = 0;
			if (c->store && store_count_unread(c->store, specs[i].url, &u, &err)) {
				nr_report("%s", err.msg);
				failed++;
			}
			*count += u;
			continue;
		}
		struct articles l = {0};
		char *key = app_mark_key(specs[i].url);
		if (source_load(specs[i].url, &specs[i], &so, &l, &err)) {
			nr_report("%s", err.msg);
			failed++;
		}
		if (apply_marks(c->store, &l, key, &err)) {
			nr_report("%s", err.msg);
			failed++;
		}
		for (size_t j = 0; j < l.n; j++)
			*count += !l.v[j]->read;
		articles_free(&l);
		free(key);
	}
	return failed;
}
