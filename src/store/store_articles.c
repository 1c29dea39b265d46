/* store_articles.c - what the store keeps of sources, articles and pages: reloads (one
 * source, one transaction), loading articles back, the source rows and the page cache. */
#include "store/store_priv.h"

#include <stdlib.h>
#include <string.h>

/* ---- categories as text ---- */

#define CAT_PATH_SEP '\x1e'
#define CAT_PART_SEP '\x1f'

char *store_cats_encode(const struct catpath *cats, size_t n)
{
	if (!n)
		return NULL;
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, CAT_PATH_SEP);
		for (size_t j = 0; j < cats[i].n; j++) {
			if (j)
				buf_addc(&b, CAT_PART_SEP);
			for (const char *p = cats[i].parts[j]; *p; p++)
				buf_addc(&b, *p == CAT_PATH_SEP || *p == CAT_PART_SEP ? ' ' : *p);
		}
	}
	return buf_steal(&b);
}

void store_cats_decode(const char *text, struct article *a)
{
	if (!text)
		return;
	char *copy = xstrdup(text);
	char *path = copy;
	while (path && a->ncats < ARTICLE_MAX_CATS) {
		char *next = strchr(path, CAT_PATH_SEP);
		if (next)
			*next++ = '\0';
		const char *parts[64];
		size_t np = 0;
		for (char *part = path; part && np < ARRAY_LEN(parts);) {
			char *end = strchr(part, CAT_PART_SEP);
			if (end)
				*end++ = '\0';
			parts[np++] = part;
			part = end;
		}
		article_add_cat(a, parts, np);
		path = next;
	}
	free(copy);
}

/* ---- reloads ---- */

int store_reload_begin(struct store *s, const char *url, struct store_reload **out,
                       struct nr_error *err)
{
	*out = NULL;
	if (s->reload)
		return nr_fail(err, "%s: a reload is already open on this connection", s->path);
	if (store_begin(s, err))
		return -1;
	struct store_tmp tmp = {0};
	struct store_reload *r = xcalloc(1, sizeof *r);
	r->s = s;
	r->now = time(NULL);
	sqlite3_stmt *st = store_stmt(s, STMT_SOURCE_ENSURE, err);
	if (!st)
		goto fail;
	store_bind_text(st, 1, url, &tmp);
	if (store_run(s, st, err))
		goto fail;
	if (!(st = store_stmt(s, STMT_SOURCE_ID, err)))
		goto fail;
	store_bind_text(st, 1, url, &tmp);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_fail(s, err, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc);
		goto fail;
	}
	r->source_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	s->reload = r;
	*out = r;
	return 0;
fail:
	store_tmp_free(&tmp);
	store_rollback(s);
	free(r);
	return -1;
}

/* Store the stocks of a as those of the row handle (replacing those of a known row). */
static int add_stocks(struct store *s, long long handle, int known, const struct article *a,
                      struct nr_error *err)
{
	sqlite3_stmt *st;
	if (known) {
		if (!(st = store_stmt(s, STMT_STOCKS_CLEAR, err)))
			return -1;
		sqlite3_bind_int64(st, 1, handle);
		if (store_run(s, st, err))
			return -1;
	}
	for (size_t i = 0; i < a->nstocks; i++) {
		struct store_tmp tmp = {0};
		if (!(st = store_stmt(s, STMT_STOCK_ADD, err)))
			return -1;
		sqlite3_bind_int64(st, 1, handle);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		store_bind_text(st, 3, a->stocks[i].code ? a->stocks[i].code : "", &tmp);
		store_bind_text(st, 4, a->stocks[i].name ? a->stocks[i].name : "", &tmp);
		sqlite3_bind_int(st, 5, a->stocks[i].count);
		int bad = store_run(s, st, err);
		store_tmp_free(&tmp);
		if (bad)
			return -1;
	}
	return 0;
}

int store_reload_article(struct store_reload *r, struct article *a, struct nr_error *err)
{
	struct store *s = r->s;
	const char *key = a->id ? a->id : a->link;
	if (!key)
		return nr_fail(err, "%s: an article without id or link (\"%s\")", s->path,
		               a->title ? a->title : "");
	/* find, then update or insert: an upsert with RETURNING made SQLite build a temporary
	 * table for every article (a fifth of a reload's time) */
	struct store_tmp tmp = {0};
	sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_FIND, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->source_id);
	store_bind_text(st, 2, key, &tmp);
	int rc = sqlite3_step(st);
	long long handle = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, rc);

	if (!(st = store_stmt(s, handle ? STMT_ARTICLE_UPDATE : STMT_ARTICLE_INSERT, err)))
		return -1;
	char *cats = store_cats_encode(a->cats, a->ncats);
	sqlite3_bind_int64(st, 1, handle ? handle : r->source_id);
	store_bind_text(st, 2, key, &tmp);
	store_bind_text(st, 3, a->title, &tmp);
	store_bind_text(st, 4, a->link, &tmp);
	store_bind_text(st, 5, a->author, &tmp);
	if (a->has_date)
		sqlite3_bind_int64(st, 6, (sqlite3_int64)a->date);
	sqlite3_bind_int(st, 7, a->has_date != 0);
	sqlite3_bind_int(st, 8, a->date_zone_known != 0);
	store_bind_text(st, 9, cats, &tmp);
	store_bind_text(st, 10, a->image, &tmp);
	store_bind_text(st, 11, article_html(a), &tmp);
	store_bind_text(st, 12, a->base, &tmp);
	store_bind_text(st, 13, a->lang, &tmp);
	sqlite3_bind_int(st, 14, a->stocks_done != 0);
	if (!handle)
		sqlite3_bind_int64(st, 15, (sqlite3_int64)r->now); /* first seen: now */
	int bad = store_run(s, st, err);
	store_tmp_free(&tmp);
	free(cats);
	if (bad)
		return -1;
	int known = handle != 0;
	if (!known)
		handle = sqlite3_last_insert_rowid(s->db);
	if (add_stocks(s, handle, known, a, err))
		return -1;
	a->handle = handle;
	return 0;
}

static void reload_free(struct store_reload *r)
{
	r->s->reload = NULL;
	free(r);
}

int store_reload_commit(struct store_reload *r, const struct store_fetch *f,
                        struct nr_error *err)
{
	struct store *s = r->s;
	if (f) {
		enum store_stmt which = f->error ? STMT_SOURCE_FAILED
		                        : f->not_modified ? STMT_SOURCE_SAME : STMT_SOURCE_FETCHED;
		sqlite3_stmt *st = store_stmt(s, which, err);
		if (!st)
			goto fail;
		struct store_tmp tmp = {0};
		char *cats = store_cats_encode(f->cats, f->ncats);
		sqlite3_bind_int64(st, 1, r->source_id);
		store_bind_text(st, 2, cats, &tmp);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)f->when);
		if (f->error) {
			store_bind_text(st, 4, f->error, &tmp);
		} else if (!f->not_modified) {
			store_bind_text(st, 4, f->title, &tmp);
			store_bind_text(st, 5, f->etag, &tmp);
			store_bind_text(st, 6, f->last_modified, &tmp);
		}
		int bad = store_run(s, st, err);
		store_tmp_free(&tmp);
		free(cats);
		if (bad)
			goto fail;
	}
	reload_free(r);
	return store_commit(s, err);
fail:
	store_rollback(s);
	reload_free(r);
	return -1;
}

void store_reload_abort(struct store_reload *r)
{
	if (!r)
		return;
	store_rollback(r->s);
	reload_free(r);
}

/* ---- sources ---- */

static void catpaths_free(struct catpath *cats, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < cats[i].n; j++)
			free(cats[i].parts[j]);
		free(cats[i].parts);
	}
	free(cats);
}

void store_source_clear(struct store_source *src)
{
	free(src->url);
	free(src->title);
	catpaths_free(src->cats, src->ncats);
	free(src->etag);
	free(src->last_modified);
	free(src->error);
	memset(src, 0, sizeof *src);
}

/* The SOURCES_GET row st is on into *out. */
static void source_row(sqlite3_stmt *st, struct store_source *out)
{
	out->handle = sqlite3_column_int64(st, 0);
	out->url = store_col_text(st, 1);
	out->title = store_col_text(st, 2);
	struct article *tmpa = article_new(); /* decode the paths, then take them */
	store_cats_decode((const char *)sqlite3_column_text(st, 3), tmpa);
	out->cats = tmpa->cats;
	out->ncats = tmpa->ncats;
	tmpa->cats = NULL;
	tmpa->ncats = 0;
	article_free(tmpa);
	out->etag = store_col_text(st, 4);
	out->last_modified = store_col_text(st, 5);
	out->fetched = (time_t)sqlite3_column_int64(st, 6);
	out->error = store_col_text(st, 7);
	out->total = sqlite3_column_int64(st, 8);
	out->unread = sqlite3_column_int64(st, 9);
}

int store_source_get(struct store *s, const char *url, struct store_source *out,
                     struct nr_error *err)
{
	memset(out, 0, sizeof *out);
	if (!url)
		return 0;
	sqlite3_stmt *st = store_stmt(s, STMT_SOURCES_GET, err);
	if (!st)
		return -1;
	struct store_tmp tmp = {0};
	store_bind_text(st, 1, url, &tmp);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		source_row(st, out);
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, rc);
}

int store_sources_list(struct store *s, struct store_source **v, size_t *n,
                       struct nr_error *err)
{
	*v = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, STMT_SOURCES_GET, err);
	if (!st)
		return -1;
	struct store_source *list = NULL;
	size_t len = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			list = xrealloc(list, cap * sizeof *list);
		}
		memset(&list[len], 0, sizeof *list);
		source_row(st, &list[len++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_sources_free(list, len);
		return store_fail(s, err, rc);
	}
	*v = list;
	*n = len;
	return 0;
}

void store_sources_free(struct store_source *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_source_clear(&v[i]);
	free(v);
}

/* ---- loading articles ---- */

/* The columns shared by articles and pages, from column first of st on: title, link,
 * author, date, has_date, date_zone_known, categories, image, html, base, lang. */
static void fill_fields(struct article *a, sqlite3_stmt *st, int first)
{
	a->title = store_col_text(st, first);
	a->link = store_col_text(st, first + 1);
	a->author = store_col_text(st, first + 2);
	a->date = (time_t)sqlite3_column_int64(st, first + 3);
	a->has_date = sqlite3_column_int(st, first + 4) != 0;
	a->date_zone_known = sqlite3_column_int(st, first + 5) != 0;
	store_cats_decode((const char *)sqlite3_column_text(st, first + 6), a);
	a->image = store_col_text(st, first + 7);
	a->html = store_col_text(st, first + 8);
	a->base = store_col_text(st, first + 9);
	a->lang = store_col_text(st, first + 10);
}

/* Attach the stocks of the articles out->v[from..] (ascending handles, as loaded). */
static int load_stocks(struct store *s, const char *source, struct articles *out, size_t from,
                       struct nr_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_STOCKS_LOAD, err);
	if (!st)
		return -1;
	struct store_tmp tmp = {0};
	store_bind_text(st, 1, source, &tmp);
	size_t i = from;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long h = sqlite3_column_int64(st, 0);
		while (i < out->n && out->v[i]->handle < h)
			i++;
		if (i == out->n)
			break; /* stored after the articles were read: not ours */
		struct article *a = out->v[i];
		if (a->handle != h)
			continue;
		a->stocks = xrealloc(a->stocks, (a->nstocks + 1) * sizeof *a->stocks);
		struct article_stock *k = &a->stocks[a->nstocks++];
		k->code = store_col_text(st, 1);
		k->name = store_col_text(st, 2);
		k->count = sqlite3_column_int(st, 3);
		if (!k->code)
			k->code = xstrdup("");
		if (!k->name)
			k->name = xstrdup("");
	}
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(s, err, rc);
}

int store_load(struct store *s, const char *source, unsigned flags, struct articles *out,
               struct nr_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ARTICLES_LOAD, err);
	if (!st)
		return -1;
	struct store_tmp tmp = {0};
	store_bind_text(st, 1, source, &tmp);
	sqlite3_bind_int(st, 2, (flags & STORE_LOAD_BODIES) != 0);
	size_t from = out->n;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct article *a = article_new();
		a->handle = sqlite3_column_int64(st, 0);
		a->source = store_col_text(st, 1);
		a->id = store_col_text(st, 2);
		fill_fields(a, st, 3);
		a->stocks_done = sqlite3_column_int(st, 14) != 0;
		a->read = sqlite3_column_int(st, 15) != 0;
		articles_push(out, a);
	}
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, rc);
	return load_stocks(s, source, out, from, err);
}

/* One value of the row handle with the statement which (a query by row id). Returns 1 with
 * the statement on its row (reset it after use), 0 no row, -1 error. */
static int by_handle(struct store *s, enum store_stmt which, long long handle,
                     sqlite3_stmt **out, struct nr_error *err)
{
	sqlite3_stmt *st = store_stmt(s, which, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, handle);
	int rc = sqlite3_step(st);
	*out = st;
	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, rc);
}

int store_load_body(struct store *s, struct article *a, struct nr_error *err)
{
	sqlite3_stmt *st;
	int found = by_handle(s, STMT_BODY_GET, a->handle, &st, err);
	if (found == 1) {
		free(a->html);
		a->html = store_col_text(st, 0);
		sqlite3_reset(st);
	}
	return found;
}

int store_first_seen(struct store *s, long long handle, time_t *when, struct nr_error *err)
{
	sqlite3_stmt *st;
	*when = 0;
	int found = by_handle(s, STMT_FIRST_SEEN, handle, &st, err);
	if (found == 1) {
		*when = (time_t)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return found;
}

/* ---- pages of reader mode ---- */

int store_page_put(struct store *s, const char *url, struct article *a, time_t fetched,
                   struct nr_error *err)
{
	if (s->reload)
		return nr_fail(err, "%s: a reload is open on this connection", s->path);
	sqlite3_stmt *st = store_stmt(s, STMT_PAGE_PUT, err);
	if (!st)
		return -1;
	struct store_tmp tmp = {0};
	char *cats = store_cats_encode(a->cats, a->ncats);
	store_bind_text(st, 1, url, &tmp);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)fetched);
	store_bind_text(st, 3, a->id, &tmp);
	store_bind_text(st, 4, a->title, &tmp);
	store_bind_text(st, 5, a->link, &tmp);
	store_bind_text(st, 6, a->source, &tmp);
	store_bind_text(st, 7, a->author, &tmp);
	if (a->has_date)
		sqlite3_bind_int64(st, 8, (sqlite3_int64)a->date);
	sqlite3_bind_int(st, 9, a->has_date != 0);
	sqlite3_bind_int(st, 10, a->date_zone_known != 0);
	store_bind_text(st, 11, cats, &tmp);
	store_bind_text(st, 12, a->image, &tmp);
	store_bind_text(st, 13, article_html(a), &tmp);
	store_bind_text(st, 14, a->base, &tmp);
	store_bind_text(st, 15, a->lang, &tmp);
	int rc = store_run(s, st, err); /* one statement: its own transaction */
	store_tmp_free(&tmp);
	free(cats);
	return rc;
}

int store_page_get(struct store *s, const char *url, struct article **out, time_t *fetched,
                   struct nr_error *err)
{
	*out = NULL;
	if (fetched)
		*fetched = 0;
	sqlite3_stmt *st = store_stmt(s, STMT_PAGE_GET, err);
	if (!st)
		return -1;
	struct store_tmp tmp = {0};
	store_bind_text(st, 1, url, &tmp);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		struct article *a = article_new();
		if (fetched)
			*fetched = (time_t)sqlite3_column_int64(st, 0);
		a->id = store_col_text(st, 1);
		a->source = store_col_text(st, 2);
		fill_fields(a, st, 3);
		*out = a;
	}
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, rc);
}
