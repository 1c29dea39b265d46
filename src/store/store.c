/* store.c - opening the store (files, modes, schema versions and their migrations), the
 * statement cache and error helpers, marks, counting, pruning and vacuum. */
#include "store/store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* PRAGMA application_id of a newsread store ("NRst"): tells our file from another
 * program's SQLite database, which is never touched. */
#define STORE_APP_ID 0x4E527374

/* The schema, as the steps that bring a file from version i to i + 1 (steps[i]); a new
 * file runs them all. A step is never edited once released: a change is a new step.
 *
 * Version 1, the first: sources with their validators, articles without image, base,
 * language or stocks, read marks only. */
static const char schema_v1[] =
	"CREATE TABLE sources ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"   /* what the user gave */
	" title TEXT,"                 /* the feed's own title */
	" etag TEXT,"
	" last_modified TEXT,"
	" fetched_at INTEGER,"         /* last fetch, Unix time */
	" error TEXT);"                /* its error, NULL when it succeeded */
	"CREATE TABLE articles ("
	" id INTEGER PRIMARY KEY,"     /* the stable handle */
	" source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
	" guid TEXT NOT NULL,"         /* struct article's id */
	" title TEXT, link TEXT, author TEXT,"
	" date INTEGER, has_date INTEGER NOT NULL DEFAULT 0,"
	" date_zone_known INTEGER NOT NULL DEFAULT 0,"
	" categories TEXT,"            /* paths: parts split by U+001F, paths by U+001E */
	" html TEXT,"
	" first_seen INTEGER NOT NULL,"
	" UNIQUE (source_id, guid));"
	"CREATE TABLE marks ("
	" source TEXT NOT NULL, guid TEXT NOT NULL,"
	" read_at INTEGER NOT NULL,"
	" PRIMARY KEY (source, guid)) WITHOUT ROWID;"
	"PRAGMA application_id = 1314026356;"; /* STORE_APP_ID */

/* Version 2: image, base and language of articles, their stocks, the user's categories of
 * a source, stars beside read marks (so a mark row may have neither: read_at loses its
 * NOT NULL, which SQLite can only do by copying the table), pages of reader mode. */
static const char schema_v2[] =
	"ALTER TABLE sources ADD COLUMN categories TEXT;"
	"ALTER TABLE articles ADD COLUMN image TEXT;"
	"ALTER TABLE articles ADD COLUMN base TEXT;"
	"ALTER TABLE articles ADD COLUMN lang TEXT;"
	"ALTER TABLE articles ADD COLUMN stocks_done INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE article_stocks ("
	" article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL,"
	" PRIMARY KEY (article, pos)) WITHOUT ROWID;"
	"CREATE TABLE marks_v2 ("
	" source TEXT NOT NULL, guid TEXT NOT NULL,"
	" read_at INTEGER, starred_at INTEGER,"
	" PRIMARY KEY (source, guid)) WITHOUT ROWID;"
	"INSERT INTO marks_v2 (source, guid, read_at) SELECT source, guid, read_at FROM marks;"
	"DROP TABLE marks;"
	"ALTER TABLE marks_v2 RENAME TO marks;"
	"CREATE TABLE pages ("
	" url TEXT PRIMARY KEY, fetched_at INTEGER NOT NULL,"
	" guid TEXT, title TEXT, link TEXT, source TEXT, author TEXT,"
	" date INTEGER, has_date INTEGER NOT NULL DEFAULT 0,"
	" date_zone_known INTEGER NOT NULL DEFAULT 0,"
	" categories TEXT, image TEXT, html TEXT, base TEXT, lang TEXT);";

static const char *const steps[] = {schema_v1, schema_v2};
_Static_assert(sizeof steps / sizeof steps[0] == STORE_SCHEMA_VERSION,
               "one migration step per schema version");

static const char *const stmt_sql[STMT_COUNT] = {
#define STORE_STMT_SQL(name, sql) [STMT_##name] = sql,
	STORE_STMTS(STORE_STMT_SQL)
#undef STORE_STMT_SQL
};

/* ---- errors and statements ---- */

int store_fail(struct store *s, struct nr_error *err, int rc)
{
	int primary = rc & 0xff;
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return nr_fail(err, "%s: locked by another newsread", s->path);
	if (primary == SQLITE_READONLY && (s->flags & STORE_READONLY))
		return nr_fail(err, "%s: opened read-only", s->path);
	/* the connection's message when it is about this error, else the generic one */
	const char *msg = s->db && sqlite3_extended_errcode(s->db) == rc ? sqlite3_errmsg(s->db)
	                                                                  : sqlite3_errstr(rc);
	return nr_fail(err, "%s: %s", s->path, msg);
}

sqlite3_stmt *store_stmt(struct store *s, enum store_stmt which, struct nr_error *err)
{
	sqlite3_stmt *st = s->stmt[which];
	if (!st) {
		int rc = sqlite3_prepare_v3(s->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
		                            &st, NULL);
		if (rc != SQLITE_OK) {
			store_fail(s, err, rc);
			return NULL;
		}
		s->stmt[which] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int store_run(struct store *s, sqlite3_stmt *st, struct nr_error *err)
{
	int rc = sqlite3_step(st);
	while (rc == SQLITE_ROW) /* RETURNING or a pragma: not wanted here */
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, rc);
}

int store_begin(struct store *s, struct nr_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_BEGIN, err);
	return st ? store_run(s, st, err) : -1;
}

void store_rollback(struct store *s)
{
	if (sqlite3_get_autocommit(s->db))
		return; /* nothing open (SQLite may have rolled back already) */
	sqlite3_stmt *st = s->stmt[STMT_ROLLBACK];
	if (!st && sqlite3_prepare_v3(s->db, stmt_sql[STMT_ROLLBACK], -1,
	                              SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return;
	}
	s->stmt[STMT_ROLLBACK] = st;
	sqlite3_step(st);
	sqlite3_reset(st);
}

int store_commit(struct store *s, struct nr_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_COMMIT, err);
	if (st && store_run(s, st, err) == 0)
		return 0;
	store_rollback(s);
	return -1;
}

int store_bind_text(sqlite3_stmt *st, int col, const char *s, struct store_tmp *tmp)
{
	if (!s)
		return sqlite3_bind_null(st, col);
	size_t n = strlen(s);
	if (!utf8_valid(s, n)) {
		struct buf b;
		buf_init(&b);
		buf_add(&b, "", 0);
		for (size_t i = 0, len; i < n; i += len) {
			unsigned cp = utf8_next_cp(s + i, n - i, &len);
			if (cp == 0xFFFD && len == 1)
				buf_adds(&b, "\xEF\xBF\xBD");
			else
				buf_add(&b, s + i, len);
		}
		tmp->v = xrealloc(tmp->v, (tmp->n + 1) * sizeof *tmp->v);
		s = tmp->v[tmp->n++] = buf_steal(&b);
		n = strlen(s);
	}
	return sqlite3_bind_text(st, col, s, (int)n, SQLITE_STATIC);
}

void store_tmp_free(struct store_tmp *tmp)
{
	for (size_t i = 0; i < tmp->n; i++)
		free(tmp->v[i]);
	free(tmp->v);
	tmp->v = NULL;
	tmp->n = 0;
}

char *store_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	if (!t)
		return NULL;
	return xstrndup((const char *)t, (size_t)sqlite3_column_bytes(st, col));
}

/* ---- opening ---- */

/* mkdir -p of the folders above path; those made are 0700 (chmod: the umask may have
 * narrowed or, with a caller's odd umask, the mode is exactly what we ask). */
static int make_parents(const char *path, struct nr_error *err)
{
	char *d = xstrdup(path);
	char *slash = strrchr(d, '/');
	if (!slash || slash == d) {
		free(d);
		return 0;
	}
	*slash = '\0';
	for (char *p = d + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(d, 0700) == 0) {
			chmod(d, 0700);
		} else if (errno != EEXIST) {
			int e = errno;
			nr_fail(err, "%s: cannot create the folder %s: %s", path, d, strerror(e));
			free(d);
			return -1;
		}
		*p = c;
		if (!c)
			break;
	}
	free(d);
	return 0;
}

/* Create the file 0600 when it does not exist (SQLite would use 0644 less the umask). */
static int make_file(const char *path, struct nr_error *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return nr_fail(err, "%s: %s", path, strerror(errno));
	}
	int rc = fchmod(fd, 0600);
	close(fd);
	return rc == 0 ? 0 : nr_fail(err, "%s: %s", path, strerror(errno));
}

/* One integer from a pragma or query; -1 with err on failure. */
static int query_int(struct store *s, const char *sql, long long *out, struct nr_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_NOTADB)
		return nr_fail(err, "%s: not a newsread store (not an SQLite database)", s->path);
	return store_fail(s, err, rc);
}

/* What the file holds: 0 with *version (0 for an empty file) when it is ours or empty,
 * -1 with err when it is not a store or is newer than this program. Reads only. */
static int check_file(struct store *s, long long *version, struct nr_error *err)
{
	long long app, objects;
	if (query_int(s, "PRAGMA application_id", &app, err) ||
	    query_int(s, "PRAGMA user_version", version, err) ||
	    query_int(s, "SELECT count(*) FROM sqlite_schema", &objects, err))
		return -1;
	if (app != STORE_APP_ID && (app != 0 || objects > 0 || *version != 0))
		return nr_fail(err, "%s: not a newsread store (another program's SQLite database)",
		               s->path);
	if (*version > STORE_SCHEMA_VERSION)
		return nr_fail(err, "%s: made by a newer newsread (store version %lld; this one "
		               "knows up to %d)", s->path, *version, STORE_SCHEMA_VERSION);
	return 0;
}

/* Bring the file to STORE_SCHEMA_VERSION in one transaction (checking the version again
 * inside it: another newsread may have upgraded it meanwhile). */
static int migrate(struct store *s, struct nr_error *err)
{
	int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, err, rc);
	long long v;
	if (check_file(s, &v, err)) {
		store_rollback(s);
		return -1;
	}
	for (; v < STORE_SCHEMA_VERSION; v++) {
		rc = sqlite3_exec(s->db, steps[v], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			nr_fail(err, "%s: upgrading to store version %lld: %s", s->path, v + 1,
			        sqlite3_errmsg(s->db));
			store_rollback(s);
			return -1;
		}
	}
	char sql[64]; /* a pragma takes no parameters; the number is our own constant */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, err, rc);
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* Settings of every connection. synchronous = NORMAL with WAL: a commit has written its
 * frames to the WAL file before COMMIT returns, so a mark survives the process being
 * killed (SIGKILL, a crash) at any moment; only an OS crash or power cut can lose the last
 * commits, and never corrupts the file. FULL would add an fsync to every mark, which the
 * interface makes on each article opened: a visible stall on slow disks, for a loss only
 * power failure can cause. */
static int configure(struct store *s, struct nr_error *err)
{
	int rc = sqlite3_exec(s->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL",
	                      NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, err, rc);
	if (s->flags & STORE_READONLY)
		return 0;
	/* returns the mode as a row; it needs the lock only when it changes the mode */
	sqlite3_stmt *st;
	rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		const unsigned char *mode = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
		if (rc == SQLITE_ROW && (!mode || ascii_casecmp((const char *)mode, "wal") != 0)) {
			sqlite3_finalize(st);
			return nr_fail(err, "%s: cannot use WAL mode (journal mode %s)", s->path,
			               mode ? (const char *)mode : "?");
		}
		if (rc == SQLITE_ROW)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : store_fail(s, err, rc);
}

int store_open(const char *path, unsigned flags, struct store **out, struct nr_error *err)
{
	*out = NULL;
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->flags = flags;
	int ro = (flags & STORE_READONLY) != 0;
	if (ro) {
		struct stat sb;
		if (stat(path, &sb) != 0) {
			nr_fail(err, "%s: %s", path, strerror(errno));
			goto fail;
		}
	} else if (make_parents(path, err) || make_file(path, err)) {
		goto fail;
	}
	if (store_sqlite_load(err)) { /* name the file too */
		struct nr_error e = *err;
		nr_fail(err, "%s: %s", path, e.msg);
		goto fail;
	}
	int rc = sqlite3_open_v2(path, &s->db,
	                         ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, err, rc);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (!ro && sqlite3_db_readonly(s->db, "main") == 1) {
		nr_fail(err, "%s: not writable", path);
		goto fail;
	}
	long long version;
	/* everything about the file is checked before anything is written to it */
	if (check_file(s, &version, err))
		goto fail;
	if (ro && version < STORE_SCHEMA_VERSION) {
		nr_fail(err, "%s: store version %lld is older than this newsread's (%d): open it "
		        "once for writing to upgrade it", path, version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (configure(s, err))
		goto fail;
	if (version < STORE_SCHEMA_VERSION && migrate(s, err))
		goto fail;
	*out = s;
	return 0;
fail:
	store_close(s);
	return -1;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->db) { /* NULL when the library or the file would not open */
		if (s->reload)
			store_reload_abort(s->reload);
		for (int i = 0; i < STMT_COUNT; i++)
			sqlite3_finalize(s->stmt[i]);
		sqlite3_close(s->db);
	}
	free(s->path);
	free(s);
}

const char *store_path(const struct store *s)
{
	return s->path;
}

void store_set_busy_timeout(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, ms);
}

/* ---- marks ---- */

int store_mark_set(struct store *s, const char *source, const char *id, enum store_mark m,
                   int on, time_t when, struct nr_error *err)
{
	if (s->reload)
		return nr_fail(err, "%s: a reload is open on this connection", s->path);
	enum store_stmt which = m == STORE_MARK_READ ? (on ? STMT_MARK_READ : STMT_MARK_UNREAD)
	                                             : (on ? STMT_MARK_STAR : STMT_MARK_UNSTAR);
	struct store_tmp tmp = {0};
	if (store_begin(s, err))
		return -1;
	sqlite3_stmt *st = store_stmt(s, which, err);
	if (!st)
		goto fail;
	store_bind_text(st, 1, source, &tmp);
	store_bind_text(st, 2, id, &tmp);
	if (on)
		sqlite3_bind_int64(st, 3, (sqlite3_int64)when);
	if (store_run(s, st, err))
		goto fail;
	if (!on) { /* a row with no mark left goes */
		if (!(st = store_stmt(s, STMT_MARK_TIDY, err)))
			goto fail;
		store_bind_text(st, 1, source, &tmp);
		store_bind_text(st, 2, id, &tmp);
		if (store_run(s, st, err))
			goto fail;
	}
	store_tmp_free(&tmp);
	return store_commit(s, err);
fail:
	store_tmp_free(&tmp);
	store_rollback(s);
	return -1;
}

/* Look up the marks of (source, id) with the MARK_GET statement st. */
static int mark_lookup(struct store *s, sqlite3_stmt *st, const char *source, const char *id,
                       struct store_marks *out, struct nr_error *err)
{
	struct store_tmp tmp = {0};
	memset(out, 0, sizeof *out);
	sqlite3_reset(st);
	store_bind_text(st, 1, source, &tmp);
	store_bind_text(st, 2, id, &tmp);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->read = (time_t)sqlite3_column_int64(st, 0);
		out->starred = (time_t)sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, rc);
}

int store_mark_get(struct store *s, const char *source, const char *id,
                   struct store_marks *out, struct nr_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_MARK_GET, err);
	if (!st) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return mark_lookup(s, st, source, id, out, err);
}

int store_apply_marks(struct store *s, struct articles *l, struct nr_error *err)
{
	sqlite3_stmt *st = store_stmt(s, STMT_MARK_GET, err);
	if (!st)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		struct article *a = l->v[i];
		if (!a->source || !a->id)
			continue;
		struct store_marks m;
		if (mark_lookup(s, st, a->source, a->id, &m, err))
			return -1;
		a->read = m.read != 0;
	}
	return 0;
}

/* ---- counting, pruning, vacuum ---- */

int store_count_unread(struct store *s, const char *source, long long *n, struct nr_error *err)
{
	*n = 0;
	struct store_tmp tmp = {0};
	sqlite3_stmt *st = store_stmt(s, STMT_COUNT_UNREAD, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, source, &tmp);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	store_tmp_free(&tmp);
	return rc == SQLITE_ROW ? 0 : store_fail(s, err, rc);
}

int store_prune(struct store *s, int days, time_t now, long long *removed,
                struct nr_error *err)
{
	if (removed)
		*removed = 0;
	if (days <= 0)
		return 0;
	if (s->reload)
		return nr_fail(err, "%s: a reload is open on this connection", s->path);
	sqlite3_int64 cutoff = (sqlite3_int64)now - (sqlite3_int64)days * 86400;
	if (store_begin(s, err))
		return -1;
	sqlite3_stmt *st = store_stmt(s, STMT_PRUNE_ARTICLES, err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, cutoff);
	if (store_run(s, st, err))
		goto fail;
	if (removed)
		*removed = sqlite3_changes64(s->db);
	if (!(st = store_stmt(s, STMT_PRUNE_PAGES, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, cutoff);
	if (store_run(s, st, err))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int store_vacuum(struct store *s, struct nr_error *err)
{
	if (s->reload)
		return nr_fail(err, "%s: a reload is open on this connection", s->path);
	int rc = sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_fail(s, err, rc);
}
