/* store_newsboat.c - moving from newsboat: its cache's feeds, items, read and flagged
 * state into the store (read-only on the cache), and its urls file into newsread's. */
#include "store/store_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "newsread/source.h"

/* The columns read from newsboat's cache (2.x: every one exists since newsbeuter 2.x;
 * content_mime_type only in later caches, so it is asked for when present). */
static const char feeds_sql[] = "SELECT rssurl, title FROM rss_feed ORDER BY rssurl";
static const char items_sql[] =
	"SELECT guid, title, author, url, feedurl, pubDate, content, unread, flags, deleted, "
	"base, %s FROM rss_item ORDER BY feedurl, id";

/* Statements of the store this import runs besides the shared ones (prepared here, used
 * once per import). */
static const char title_sql[] =
	"UPDATE sources SET title = ?2 WHERE url = ?1 AND title IS NULL";

struct nb_import {
	struct store *s;
	sqlite3 *nb;          /* the cache, read-only */
	const char *path;
	const char *star_flags;
	time_t when;
	struct store_newsboat_stats st;
	sqlite3_stmt *title;  /* title_sql */
	char *source;         /* the source current_id is of */
	long long source_id;
};

static int nb_fail(struct nb_import *im, struct nr_error *err, const char *what)
{
	return nr_fail(err, "%s: %s%s", im->path, what, sqlite3_errmsg(im->nb));
}

/* 1 when the cache has the table name. */
static int has_table(sqlite3 *db, const char *name, int *rc)
{
	sqlite3_stmt *st;
	*rc = sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
	                         -1, &st, NULL);
	if (*rc != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	*rc = sqlite3_step(st);
	int found = *rc == SQLITE_ROW;
	if (*rc == SQLITE_ROW || *rc == SQLITE_DONE)
		*rc = SQLITE_OK;
	sqlite3_finalize(st);
	return found;
}

/* Open the cache read-only and check it is newsboat's. */
static int nb_open(struct nb_import *im, struct nr_error *err)
{
	struct stat sb;
	if (stat(im->path, &sb) != 0)
		return nr_fail(err, "%s: %s", im->path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return nr_fail(err, "%s: not a newsboat cache (not a regular file)", im->path);
	if (store_sqlite_load(err)) {
		struct nr_error e = *err;
		return nr_fail(err, "%s: %s", im->path, e.msg);
	}
	int rc = sqlite3_open_v2(im->path, &im->nb, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK)
		return nb_fail(im, err, "");
	sqlite3_busy_timeout(im->nb, STORE_BUSY_MS); /* newsboat may be writing it */
	int feeds = has_table(im->nb, "rss_feed", &rc);
	int items = rc == SQLITE_OK && has_table(im->nb, "rss_item", &rc);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return nr_fail(err, "%s: not a newsboat cache (not an SQLite database)", im->path);
	if (rc != SQLITE_OK)
		return nb_fail(im, err, "");
	if (!feeds || !items)
		return nr_fail(err, "%s: not a newsboat cache (no rss_feed and rss_item tables)",
		               im->path);
	return 0;
}

/* Column col of st as text, NULL when NULL or empty. */
static const char *col(sqlite3_stmt *st, int c)
{
	const char *t = (const char *)sqlite3_column_text(st, c);
	return t && *t ? t : NULL;
}

/* Make the source url known (with its title when the store has none) and current. */
static int nb_source(struct nb_import *im, const char *url, const char *title,
                     struct nr_error *err)
{
	struct store *s = im->s;
	if (im->source && !strcmp(im->source, url) && !title)
		return 0;
	struct store_tmp tmp = {0};
	sqlite3_stmt *st = store_stmt(s, STMT_SOURCE_ENSURE, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, url, &tmp);
	int bad = store_run(s, st, err);
	if (!bad && sqlite3_changes(s->db) > 0)
		im->st.sources++;
	if (!bad && title) {
		sqlite3_reset(im->title);
		store_bind_text(im->title, 1, url, &tmp);
		store_bind_text(im->title, 2, title, &tmp);
		bad = store_run(s, im->title, err);
	}
	if (!bad && (st = store_stmt(s, STMT_SOURCE_ID, err))) {
		store_bind_text(st, 1, url, &tmp);
		int rc = sqlite3_step(st);
		im->source_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			bad = store_fail(s, err, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc);
	} else {
		bad = -1;
	}
	store_tmp_free(&tmp);
	free(im->source);
	im->source = bad ? NULL : xstrdup(url);
	return bad;
}

/* 1 when an article of the current source has this id. */
static int nb_known(struct nb_import *im, const char *id, struct nr_error *err)
{
	struct store_tmp tmp = {0};
	sqlite3_stmt *st = store_stmt(im->s, STMT_ARTICLE_FIND, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, im->source_id);
	store_bind_text(st, 2, id, &tmp);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	return store_fail(im->s, err, rc);
}

static int nb_mark(struct nb_import *im, enum store_stmt which, const char *id,
                   struct nr_error *err)
{
	struct store_tmp tmp = {0};
	sqlite3_stmt *st = store_stmt(im->s, which, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, im->source, &tmp);
	store_bind_text(st, 2, id, &tmp);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)im->when);
	int rc = store_run(im->s, st, err);
	store_tmp_free(&tmp);
	return rc;
}

/* Plain text as HTML: escaped, in one paragraph. */
static char *text_html(const char *t)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "<p>");
	for (; *t; t++) {
		switch (*t) {
		case '<': buf_adds(&b, "&lt;"); break;
		case '>': buf_adds(&b, "&gt;"); break;
		case '&': buf_adds(&b, "&amp;"); break;
		case '\n': buf_adds(&b, "<br>"); break;
		default: buf_addc(&b, *t);
		}
	}
	buf_adds(&b, "</p>");
	return buf_steal(&b);
}

static int starred(const char *flags, const char *star_flags)
{
	if (!flags || !*flags)
		return 0;
	if (!star_flags)
		return 1;
	for (; *flags; flags++)
		if (strchr(star_flags, *flags))
			return 1;
	return 0;
}

/* The item the statement st is on. */
static int nb_item(struct nb_import *im, sqlite3_stmt *st, int has_mime, struct nr_error *err)
{
	const char *guid = col(st, 0), *link = col(st, 3), *feed = col(st, 4);
	const char *id = guid ? guid : link;
	if (!id || !feed)
		return 0; /* newsboat never writes such an item; nothing to key it by */
	if ((!im->source || strcmp(im->source, feed)) && nb_source(im, feed, NULL, err))
		return -1;
	int unread = sqlite3_column_int(st, 7) != 0;
	int deleted = sqlite3_column_int(st, 9) != 0;
	if (deleted) {
		im->st.deleted++;
	} else {
		int known = nb_known(im, id, err);
		if (known < 0)
			return -1;
		if (known) {
			im->st.known++;
		} else {
			struct article *a = article_new();
			a->id = xstrdup(id);
			a->title = xstrdup(col(st, 1));
			a->author = xstrdup(col(st, 2));
			a->link = xstrdup(link);
			a->source = xstrdup(feed);
			a->date = (time_t)sqlite3_column_int64(st, 5);
			a->has_date = a->date > 0;
			a->date_zone_known = a->has_date;
			const char *content = col(st, 6), *mime = has_mime ? col(st, 11) : NULL;
			if (content)
				a->html = mime && !ascii_casecmp(mime, "text/plain") ? text_html(content)
				                                                     : xstrdup(content);
			a->base = xstrdup(col(st, 10));
			struct store_reload r = {.s = im->s, .source_id = im->source_id, .now = im->when};
			int bad = store_reload_article(&r, a, err);
			article_free(a);
			if (bad)
				return -1;
			im->st.articles++;
		}
	}
	if (!unread || deleted) {
		if (nb_mark(im, STMT_MARK_READ, id, err))
			return -1;
		im->st.read++;
	}
	if (!deleted && starred(col(st, 8), im->star_flags)) {
		if (nb_mark(im, STMT_MARK_STAR, id, err))
			return -1;
		im->st.starred++;
	}
	return 0;
}

/* Feeds, then items, inside the store's open transaction. */
static int nb_copy(struct nb_import *im, struct nr_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(im->s->db, title_sql, -1, &im->title, NULL);
	if (rc != SQLITE_OK)
		return store_fail(im->s, err, rc);
	if (sqlite3_prepare_v2(im->nb, feeds_sql, -1, &st, NULL) != SQLITE_OK)
		return nb_fail(im, err, "not a newsboat cache: ");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *url = col(st, 0);
		if (url && nb_source(im, url, col(st, 1), err)) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return nb_fail(im, err, "");

	/* content_mime_type: asked for only when the cache has it */
	int has_mime = sqlite3_table_column_metadata(im->nb, NULL, "rss_item", "content_mime_type",
	                                             NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
	char sql[sizeof items_sql + 32];
	snprintf(sql, sizeof sql, items_sql, has_mime ? "content_mime_type" : "NULL");
	if (sqlite3_prepare_v2(im->nb, sql, -1, &st, NULL) != SQLITE_OK)
		return nb_fail(im, err, "not a newsboat cache: ");
	int bad = 0;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW)
		bad = nb_item(im, st, has_mime, err);
	sqlite3_finalize(st);
	if (!bad && rc != SQLITE_DONE)
		return nb_fail(im, err, "");
	return bad;
}

int store_import_newsboat(struct store *s, const char *cache_path, const char *star_flags,
                          time_t when, struct store_newsboat_stats *stats,
                          struct nr_error *err)
{
	if (stats)
		memset(stats, 0, sizeof *stats);
	if (s->reload)
		return nr_fail(err, "%s: a reload is open on this connection", s->path);
	struct nb_import im = {.s = s, .path = cache_path, .star_flags = star_flags, .when = when};
	int rc = nb_open(&im, err);
	if (!rc && !(rc = store_begin(s, err))) {
		rc = nb_copy(&im, err);
		if (rc)
			store_rollback(s);
		else
			rc = store_commit(s, err);
	}
	if (im.nb) { /* NULL when the library would not load */
		sqlite3_finalize(im.title);
		sqlite3_close(im.nb);
	}
	free(im.source);
	if (!rc && stats)
		*stats = im.st;
	return rc;
}

int store_newsboat_urls(const char *nb_urls, const char *urls_path, struct source_list *got,
                        size_t *added, size_t *skipped, struct nr_error *err)
{
	*added = *skipped = 0;
	struct stat sb;
	if (stat(nb_urls, &sb) != 0) /* urls_load takes a missing file as empty: not here */
		return nr_fail(err, "%s: %s", nb_urls, strerror(errno));
	size_t from = got->n;
	struct nr_error first;
	urls_load(nb_urls, got, &first); /* bad lines are in got->errs: the caller's to report */
	if (got->n == from)
		return 0;
	struct source_list add = {.v = got->v + from, .n = got->n - from};
	return urls_add(urls_path, &add, added, skipped, err);
}
