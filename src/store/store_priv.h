/* store_priv.h - what the files of the store share: the connection, its prepared
 * statements and the error helpers. Private to src/store/. */
#ifndef NEWSREAD_STORE_PRIV_H
#define NEWSREAD_STORE_PRIV_H

#include "store/sqlite_dl.h"

#include "newsread/article.h"
#include "newsread/store.h"
#include "newsread/util.h"

/* Every statement the store runs after opening, prepared once on first use and kept
 * (all with bound parameters; none is ever built from data). */
#define STORE_STMTS(X)                                                                    \
	X(BEGIN, "BEGIN IMMEDIATE")                                                       \
	X(COMMIT, "COMMIT")                                                               \
	X(ROLLBACK, "ROLLBACK")                                                           \
	X(MARK_GET, "SELECT read_at, starred_at FROM marks WHERE source = ?1 AND guid = ?2") \
	X(MARK_READ, "INSERT INTO marks (source, guid, read_at) VALUES (?1, ?2, ?3) "     \
	             "ON CONFLICT (source, guid) DO UPDATE SET read_at = COALESCE(read_at, excluded.read_at)") \
	X(MARK_STAR, "INSERT INTO marks (source, guid, starred_at) VALUES (?1, ?2, ?3) "  \
	             "ON CONFLICT (source, guid) DO UPDATE SET starred_at = COALESCE(starred_at, excluded.starred_at)") \
	X(MARK_UNREAD, "UPDATE marks SET read_at = NULL WHERE source = ?1 AND guid = ?2") \
	X(MARK_UNSTAR, "UPDATE marks SET starred_at = NULL WHERE source = ?1 AND guid = ?2") \
	X(MARK_TIDY, "DELETE FROM marks WHERE source = ?1 AND guid = ?2 "                  \
	             "AND read_at IS NULL AND starred_at IS NULL")                        \
	X(SOURCE_ENSURE, "INSERT INTO sources (url) VALUES (?1) ON CONFLICT (url) DO NOTHING") \
	X(SOURCE_ID, "SELECT id FROM sources WHERE url = ?1")                             \
	X(SOURCES_GET,                                                                    \
	  "SELECT s.id, s.url, s.title, s.categories, s.etag, s.last_modified, s.fetched_at, " \
	  "s.error, (SELECT count(*) FROM articles a WHERE a.source_id = s.id), "          \
	  "(SELECT count(*) FROM articles a WHERE a.source_id = s.id AND NOT EXISTS "      \
	  "(SELECT 1 FROM marks m WHERE m.source = s.url AND m.guid = a.guid "             \
	  "AND m.read_at IS NOT NULL)) FROM sources s WHERE ?1 IS NULL OR s.url = ?1 "     \
	  "ORDER BY s.url")                                                                \
	X(SOURCE_FAILED, "UPDATE sources SET categories = ?2, fetched_at = ?3, error = ?4 WHERE id = ?1") \
	X(SOURCE_SAME, "UPDATE sources SET categories = ?2, fetched_at = ?3, error = NULL WHERE id = ?1") \
	X(SOURCE_FETCHED, "UPDATE sources SET categories = ?2, fetched_at = ?3, error = NULL, " \
	                  "title = COALESCE(?4, title), etag = ?5, last_modified = ?6 WHERE id = ?1") \
	X(ARTICLE_FIND, "SELECT id FROM articles WHERE source_id = ?1 AND guid = ?2")       \
	X(ARTICLE_INSERT,                                                                 \
	  "INSERT INTO articles (source_id, guid, title, link, author, date, has_date, "   \
	  "date_zone_known, categories, image, html, base, lang, stocks_done, first_seen) " \
	  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")     \
	X(ARTICLE_UPDATE,                                                                 \
	  "UPDATE articles SET title = ?3, link = ?4, author = ?5, date = ?6, has_date = ?7, " \
	  "date_zone_known = ?8, categories = ?9, image = ?10, html = ?11, base = ?12, "   \
	  "lang = ?13, stocks_done = ?14 WHERE id = ?1 AND guid = ?2")                     \
	X(STOCKS_CLEAR, "DELETE FROM article_stocks WHERE article = ?1")                  \
	X(STOCK_ADD, "INSERT INTO article_stocks (article, pos, code, name, count) "      \
	             "VALUES (?1, ?2, ?3, ?4, ?5)")                                       \
	X(ARTICLES_LOAD,                                                                  \
	  "SELECT a.id, s.url, a.guid, a.title, a.link, a.author, a.date, a.has_date, "   \
	  "a.date_zone_known, a.categories, a.image, CASE WHEN ?2 THEN a.html END, a.base, " \
	  "a.lang, a.stocks_done, m.read_at IS NOT NULL "                                  \
	  "FROM articles a JOIN sources s ON s.id = a.source_id "                          \
	  "LEFT JOIN marks m ON m.source = s.url AND m.guid = a.guid "                     \
	  "WHERE ?1 IS NULL OR s.url = ?1 ORDER BY a.id")                                  \
	X(STOCKS_LOAD,                                                                    \
	  "SELECT k.article, k.code, k.name, k.count FROM article_stocks k "               \
	  "JOIN articles a ON a.id = k.article JOIN sources s ON s.id = a.source_id "      \
	  "WHERE ?1 IS NULL OR s.url = ?1 ORDER BY k.article, k.pos")                      \
	X(BODY_GET, "SELECT html FROM articles WHERE id = ?1")                            \
	X(FIRST_SEEN, "SELECT first_seen FROM articles WHERE id = ?1")                    \
	X(COUNT_UNREAD,                                                                   \
	  "SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id "          \
	  "WHERE (?1 IS NULL OR s.url = ?1) AND NOT EXISTS (SELECT 1 FROM marks m "        \
	  "WHERE m.source = s.url AND m.guid = a.guid AND m.read_at IS NOT NULL)")         \
	X(PRUNE_ARTICLES,                                                                 \
	  "DELETE FROM articles AS a WHERE (CASE WHEN a.has_date THEN a.date ELSE a.first_seen END) < ?1 " \
	  "AND NOT EXISTS (SELECT 1 FROM marks m JOIN sources s ON m.source = s.url "      \
	  "WHERE s.id = a.source_id AND m.guid = a.guid AND m.starred_at IS NOT NULL)")    \
	X(PRUNE_PAGES, "DELETE FROM pages WHERE fetched_at < ?1")                         \
	X(PAGE_PUT,                                                                       \
	  "INSERT OR REPLACE INTO pages (url, fetched_at, guid, title, link, source, author, " \
	  "date, has_date, date_zone_known, categories, image, html, base, lang) "         \
	  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")      \
	X(PAGE_GET,                                                                       \
	  "SELECT fetched_at, guid, source, title, link, author, date, has_date, "         \
	  "date_zone_known, categories, image, html, base, lang FROM pages WHERE url = ?1")

enum store_stmt {
#define STORE_STMT_ENUM(name, sql) STMT_##name,
	STORE_STMTS(STORE_STMT_ENUM)
#undef STORE_STMT_ENUM
	STMT_COUNT
};

/* An open reload (also made on the stack by imports that add articles inside a
 * transaction of their own and call store_reload_article with it). */
struct store_reload {
	struct store *s;
	long long source_id; /* the source's row */
	time_t now;          /* first-seen time of the articles new in this reload */
};

struct store {
	sqlite3 *db;
	char *path;
	unsigned flags;                  /* enum store_open_flags */
	sqlite3_stmt *stmt[STMT_COUNT];  /* prepared on first use */
	struct store_reload *reload;     /* the open reload, if any */
};

/* The statement, prepared if needed and reset with its bindings cleared; NULL with err
 * filled when it cannot be prepared. */
sqlite3_stmt *store_stmt(struct store *s, enum store_stmt which, struct nr_error *err);
/* Fill err from an SQLite result code: "PATH: locked by another newsread" when busy,
 * else "PATH: " and SQLite's message. Returns -1. */
int store_fail(struct store *s, struct nr_error *err, int rc);
/* Run a statement that returns no rows (step to SQLITE_DONE, then reset). Returns 0 or -1. */
int store_run(struct store *s, sqlite3_stmt *st, struct nr_error *err);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Commit rolls back when it fails. */
int store_begin(struct store *s, struct nr_error *err);
int store_commit(struct store *s, struct nr_error *err);
void store_rollback(struct store *s);

/* Bind UTF-8 text (NULL binds NULL; invalid UTF-8 is repaired first, as U+FFFD); the
 * text must stay alive until the statement is reset. *tmp collects repaired copies:
 * free it after the reset (store_tmp_free). */
struct store_tmp {
	char **v;
	size_t n;
};
int store_bind_text(sqlite3_stmt *st, int col, const char *s, struct store_tmp *tmp);
void store_tmp_free(struct store_tmp *tmp);
/* A column as a malloc'd string, NULL for SQL NULL. */
char *store_col_text(sqlite3_stmt *st, int col);

/* Category paths as one text: parts joined by U+001F (unit separator), paths by U+001E
 * (record separator), "金融\x1f要闻\x1e科技"; those two characters inside a part become
 * spaces. malloc'd, NULL when there is no path. Decoding adds the paths to a with
 * article_add_cat (bounded as it is). A split, not a parser: loading 10,000 articles
 * spent 60% of its time in json-c when this was JSON. */
char *store_cats_encode(const struct catpath *cats, size_t n);
void store_cats_decode(const char *text, struct article *a);

#endif
