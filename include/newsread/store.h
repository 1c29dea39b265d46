/* store.h - the SQLite store: sources with their HTTP validators, articles, read and
 * starred marks, and the pages opened in reader mode.
 *
 * One database file (WAL mode) per user. A writer holds the write lock only from the start
 * to the end of one transaction: a reload of one source, or one change of a mark. Readers
 * never wait (WAL); a writer waits up to 5 s for another process's transaction, then fails
 * with "FILE: locked by another newsread". Every error is one line naming the file.
 *
 * Nothing here is thread-safe: one struct store per thread. */
#ifndef NEWSREAD_STORE_H
#define NEWSREAD_STORE_H

#include <stdio.h>
#include <time.h>

#include "newsread/article.h"
#include "newsread/util.h"

struct store;

#define STORE_SCHEMA_VERSION 2 /* PRAGMA user_version this program writes and reads */
#define STORE_BUSY_MS 5000     /* how long a writer waits for another's lock */

enum store_open_flags {
	/* Open an existing store for reading only: never creates, migrates or writes, and
	 * never waits on a writer (WAL). Writing calls then fail. */
	STORE_READONLY = 1 << 0,
};

/* Open (a writer: create when missing, then upgrade to STORE_SCHEMA_VERSION) the store at
 * path. Folders created on the way are 0700 and a new file 0600, whatever the umask; the
 * WAL and shared-memory files SQLite makes beside it take the file's mode.
 * Returns 0 with *out set (close it with store_close), or -1 with err filled, *out NULL:
 * "PATH: not a newsread store ..." for a file that is not an SQLite database or is
 * another program's, "PATH: made by a newer newsread ..." for a newer schema (neither file
 * is written to), "PATH: locked by another newsread" when an upgrade waits too long.
 * Cost: a few system calls and statements; an upgrade is one transaction. */
int store_open(const char *path, unsigned flags, struct store **out, struct nr_error *err);
/* Close the store (an open reload is rolled back); NULL is ignored. */
void store_close(struct store *s);
/* The path the store was opened with (owned by s). */
const char *store_path(const struct store *s);
/* How long a writer waits for another's lock, in ms (default STORE_BUSY_MS); for tests
 * and for tools that would rather fail fast. */
void store_set_busy_timeout(struct store *s, int ms);

/* ---- reloads: one source, one transaction ---- */

/* How a fetch of a source ended, recorded on the source's row at store_reload_commit. */
struct store_fetch {
	time_t when;              /* time of the fetch */
	const char *error;        /* NULL: it succeeded (a 200 or a 304); else the reason,
	                           * and title and validators stay as they were */
	int not_modified;         /* a 304: title and validators stay as they were */
	const char *title;        /* after a 200: the feed's own title (NULL: keep the stored one) */
	const char *etag;         /* after a 200: the validators, stored as given (NULL clears) */
	const char *last_modified;
	const struct catpath *cats; /* the user's categories for the source (urls file), */
	size_t ncats;               /* stored as given at every commit */
};

struct store_reload;

/* Start the reload of the source with this URL (its row is made if new): BEGIN IMMEDIATE,
 * so the write lock is held until commit or abort. Parse first, then begin, add, commit.
 * Returns 0 with *out set, or -1 (err: locked, or the SQLite reason); one reload at a time
 * per store. */
int store_reload_begin(struct store *s, const char *url, struct store_reload **out,
                       struct nr_error *err);
/* Insert or update one article of the source (keyed by a->id, else a->link), every field
 * of the record with its body (article_html) and stocks; a known article keeps its
 * first-seen time and marks. Sets a->handle to its row id. Returns 0, or -1 with err
 * (the reload stays open: abort it). Cost: two or three statements, plus one per stock
 * (10,000 new articles with 500-byte bodies: about 0.2 s in all, commit included). */
int store_reload_article(struct store_reload *r, struct article *a, struct nr_error *err);
/* Record the fetch on the source's row (f may be NULL: just the articles) and commit;
 * r is freed either way. Returns 0, or -1 with err after rolling back. Articles that left
 * the feed are kept (a feed is a window; store_prune drops old ones). */
int store_reload_commit(struct store_reload *r, const struct store_fetch *f,
                        struct nr_error *err);
/* Roll back and free r; NULL is ignored. */
void store_reload_abort(struct store_reload *r);

/* ---- sources ---- */

struct store_source {
	long long handle;    /* row id */
	char *url;
	char *title;         /* the feed's own title, or NULL */
	struct catpath *cats; /* the user's categories */
	size_t ncats;
	char *etag;          /* validators of the last 200, or NULL */
	char *last_modified;
	time_t fetched;      /* time of the last fetch, 0 never */
	char *error;         /* the last fetch's error, NULL when it succeeded */
	long long total;     /* stored articles */
	long long unread;    /* of them without a read mark */
};
/* The row of the source with this URL into *out (free it with store_source_clear).
 * Returns 1 found, 0 not stored (*out zeroed), -1 error. Cost: one row, its counts a pass
 * over the source's articles. */
int store_source_get(struct store *s, const char *url, struct store_source *out,
                     struct nr_error *err);
void store_source_clear(struct store_source *src);
/* Every stored source, by URL, into a new array *v of *n (free with store_sources_free).
 * Returns 0, or -1 with *v NULL. Cost: one pass over all articles for the counts. */
int store_sources_list(struct store *s, struct store_source **v, size_t *n,
                       struct nr_error *err);
void store_sources_free(struct store_source *v, size_t n);

/* ---- articles ---- */

enum store_load_flags {
	STORE_LOAD_BODIES = 1 << 0, /* also the HTML bodies (else a->html is NULL: fetch one
	                             * with store_load_body when it is opened) */
};
/* Append the stored articles of one source (NULL: of all sources) to out, in the order
 * they were first stored, each with a->handle, a->source (the source's URL), its fields,
 * categories, stocks (stocks_done as stored) and a->read from the marks. The articles are
 * the caller's (articles_free). Returns 0, or -1 with err (what was added stays).
 * Cost: two queries over the articles (10,000 without bodies: about 25 ms); bodies
 * dominate time and memory when asked for. */
int store_load(struct store *s, const char *source, unsigned flags, struct articles *out,
               struct nr_error *err);
/* Fill a->html (freeing the old one) from the row a->handle. Returns 1 done, 0 no such
 * row any more (pruned), -1 error. One indexed query. */
int store_load_body(struct store *s, struct article *a, struct nr_error *err);
/* When the article with this handle was first stored, into *when. Returns 1, 0 no such
 * row, -1 error. */
int store_first_seen(struct store *s, long long handle, time_t *when, struct nr_error *err);
/* Stored articles without a read mark, of one source (NULL: all) into *n. Returns 0 or -1.
 * Cost: one pass over the source's articles with an index lookup each. */
int store_count_unread(struct store *s, const char *source, long long *n, struct nr_error *err);
/* Delete articles whose date (else first-seen time) is more than days days before now,
 * except starred ones, and pages fetched before that; days <= 0 keeps everything. Marks
 * are kept (an article fetched again comes back read). *removed (may be NULL) gets the
 * number of articles deleted. One transaction. Returns 0 or -1. */
int store_prune(struct store *s, int days, time_t now, long long *removed,
                struct nr_error *err);
/* Compact the file (VACUUM, then truncate the WAL). Needs no other connection in a
 * transaction. Cost: rewrites the whole file. Returns 0 or -1. */
int store_vacuum(struct store *s, struct nr_error *err);

/* ---- marks: by (source, article id), so they outlive a pruned article and also serve
 * local files, whose articles are not stored ---- */

enum store_mark {
	STORE_MARK_READ,
	STORE_MARK_STARRED,
};
/* Set (on) or clear a mark of the article id of source, made at time when; one
 * transaction of its own, durable against the process being killed once this returns.
 * Setting a mark already set keeps its first time. Returns 0, or -1 with err (locked ...). */
int store_mark_set(struct store *s, const char *source, const char *id, enum store_mark m,
                   int on, time_t when, struct nr_error *err);
struct store_marks {
	time_t read;    /* when it was marked read, 0 unread */
	time_t starred; /* when it was starred, 0 not starred */
};
/* The marks of one article into *out (zeroes when none). Returns 0 or -1. */
int store_mark_get(struct store *s, const char *source, const char *id,
                   struct store_marks *out, struct nr_error *err);
/* Set a->read of every article of l from the marks (by a->source and a->id): for articles
 * read from local files. Returns 0 or -1. Cost: one indexed lookup per article. */
int store_apply_marks(struct store *s, struct articles *l, struct nr_error *err);

/* ---- pages opened in reader mode ---- */

/* Store the article reader mode made of the page at url (its body through article_html),
 * fetched at time fetched, replacing an older copy. Returns 0 or -1. */
int store_page_put(struct store *s, const char *url, struct article *a, time_t fetched,
                   struct nr_error *err);
/* The stored copy of the page at url: 1 with *out a new article (the caller's) and
 * *fetched (may be NULL) its fetch time, 0 when not stored, -1 error. Stocks are not
 * kept: stocks_done is 0, for the stock pass to run again. */
int store_page_get(struct store *s, const char *url, struct article **out, time_t *fetched,
                   struct nr_error *err);

/* ==== moving marks and articles in and out: --export-read, --import-read,
 * --import-newsboat (src/store/store_io.c, src/store/store_newsboat.c) ==== */

/* The read-marks file: one line per read mark, "SOURCE<TAB>ID\n", SOURCE as the user gave
 * it (URL, file or folder) and ID the article's id (struct article's id, the "id" of
 * --list --json). Inside a field a tab, newline, carriage return and backslash are written
 * \t \n \r \\ (nothing else is escaped, so a line is its plain URL and id in the usual
 * case); a line never breaks. UTF-8, as stored. */

/* Write every read mark of the store to out, sorted by (SOURCE, ID) in byte order of the values, so
 * two exports of the same marks are identical; marks of articles no longer stored (pruned,
 * local files) are written too. name is out's name for messages. *count (may be NULL) gets
 * the lines written. Returns 0, or -1 with err ("NAME: reason" for a write error, which
 * includes the final fflush; the caller closes out). Cost: one pass over the marks. */
int store_export_read(struct store *s, FILE *out, const char *name, long long *count,
                      struct nr_error *err);

#define STORE_IMPORT_MAX_LINE 65536 /* longest line of a read-marks file, in bytes */
#define STORE_IMPORT_MAX_ERRORS 100 /* bad-line messages kept */

/* What store_import_read did (free with store_read_import_free). */
struct store_read_import {
	long long marked;      /* good lines: read marks set (an existing mark keeps its time) */
	long long bad;         /* bad lines, skipped */
	struct nr_error *errs; /* "NAME:LINE: message" of the first bad lines, in file order */
	size_t nerrs;          /* (past STORE_IMPORT_MAX_ERRORS the last one counts the rest) */
};
void store_read_import_free(struct store_read_import *r);

/* Read a read-marks file from in (name for messages) and mark each line's article read at
 * time when, all in one transaction. Blank lines are skipped; a trailing \r is dropped.
 * A bad line (no tab, a third field, an empty field, a bad escape, invalid UTF-8, a NUL,
 * longer than STORE_IMPORT_MAX_LINE) is recorded in res and skipped: the other lines still
 * count, so the caller reports each message and exits non-zero when res->bad. Marks are
 * only added, never cleared. Returns 0 (committed), or -1 with err when reading in or the
 * store failed: then nothing was marked (rolled back) and res is empty. */
int store_import_read(struct store *s, FILE *in, const char *name, time_t when,
                      struct store_read_import *res, struct nr_error *err);

/* What store_import_newsboat found and did. */
struct store_newsboat_stats {
	long long sources;  /* sources new to the store (rss_feed's, and any feed URL of an item) */
	long long articles; /* items stored as new articles */
	long long known;    /* items already stored (the stored copy is kept; marks still set) */
	long long read;     /* read marks set (items with unread = 0, deleted ones included) */
	long long starred;  /* starred marks set */
	long long deleted;  /* items newsboat had deleted: not stored, marked read */
};

/* Import a newsboat cache (cache.db of newsboat 2.x) into the store in one transaction.
 * The cache is opened read-only and never written: not even a lock or journal file is
 * left beside it. It must have newsboat's tables rss_feed and rss_item, else
 * "CACHE: not a newsboat cache (...)"; a missing file is "CACHE: No such file ...".
 * - each feed becomes a source keyed by its URL as newsboat has it (rssurl: the URL of the
 *   urls file, exec: and filter: ones included), with the feed's title when the store has
 *   none yet;
 * - each item not deleted becomes an article of its feed unless one with its id is stored
 *   already (newsread's own copy is kept): id = guid (else the item URL), title, author,
 *   link = url, date = pubDate (a Unix time: zone known), body = content (HTML; escaped
 *   as text when the cache says content_mime_type text/plain), base when newsboat kept one.
 *   newsboat keeps no item categories and its tags live in its urls file (see
 *   store_newsboat_urls), so the articles have none;
 * - read mark (time when) for every item with unread = 0 and every deleted item (so it
 *   comes back read if a feed still has it); starred mark for an item whose flags hold a
 *   letter of star_flags, or any flag when star_flags is NULL. newsboat has no "starred"
 *   state of its own: flags are letters A-Z a-z the user gives meaning to (its list shows
 *   any flagged item with "!"; its sync backends map a configured letter to "starred").
 *   Marks are only added, never cleared.
 * stats (may be NULL) gets the counts. Returns 0, or -1 with err (nothing imported).
 * Cost: one pass over the cache's items with two or three statements each. */
int store_import_newsboat(struct store *s, const char *cache_path, const char *star_flags,
                          time_t when, struct store_newsboat_stats *stats,
                          struct nr_error *err);

struct source_list;
/* Add the sources of newsboat's urls file nb_urls to newsread's urls file urls_path with
 * urls_add (atomic, locked; URLs already there are skipped, counted in *skipped). The two
 * formats agree: `URL tag "tag two" "~Name" !hidden`; a tag becomes a category (a / in it
 * makes a path), "~Name" the display name, a !tag hides the source. What urls_load reads
 * is appended to got (the caller's: source_list_free): got->v the sources, got->errs one
 * "NB_URLS:LINE: message" per line newsread cannot take (query: feeds, bad lines; or
 * "NB_URLS: reason" when the file cannot be read), which are not added: the caller
 * reports them. A missing nb_urls is an error here (unlike urls_load). Returns 0 when the
 * good lines were written (check got->nerrs too), or -1 with err (nothing written). */
int store_newsboat_urls(const char *nb_urls, const char *urls_path, struct source_list *got,
                        size_t *added, size_t *skipped, struct nr_error *err);

#endif
