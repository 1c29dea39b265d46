/* store_io.c - read marks to and from a text file (--export-read, --import-read): one line
 * per read article, "SOURCE<TAB>ID", with \t \n \r \\ escaped inside the fields. */
#include "store/store_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every read mark, in the order of the marks table's key: byte order of (source, id). */
static const char export_sql[] =
	"SELECT source, guid FROM marks WHERE read_at IS NOT NULL ORDER BY source, guid";

/* Write one field with the four characters that would break the line format escaped. */
static void put_field(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\t': buf_adds(b, "\\t"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\\': buf_adds(b, "\\\\"); break;
		default: buf_addc(b, s[i]);
		}
	}
}

int store_export_read(struct store *s, FILE *out, const char *name, long long *count,
                      struct nr_error *err)
{
	if (count)
		*count = 0;
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, export_sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, err, rc);
	struct buf b;
	buf_init(&b);
	long long n = 0;
	int werr = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		b.len = 0;
		put_field(&b, (const char *)sqlite3_column_text(st, 0),
		          (size_t)sqlite3_column_bytes(st, 0));
		buf_addc(&b, '\t');
		put_field(&b, (const char *)sqlite3_column_text(st, 1),
		          (size_t)sqlite3_column_bytes(st, 1));
		buf_addc(&b, '\n');
		if (fwrite(b.s, 1, b.len, out) != b.len) {
			werr = errno ? errno : EIO;
			break;
		}
		n++;
	}
	sqlite3_finalize(st);
	buf_free(&b);
	if (!werr && fflush(out) != 0)
		werr = errno ? errno : EIO;
	if (werr)
		return nr_fail(err, "%s: %s", name, strerror(werr));
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, err, rc);
	if (count)
		*count = n;
	return 0;
}

void store_read_import_free(struct store_read_import *r)
{
	free(r->errs);
	memset(r, 0, sizeof *r);
}

/* Record the message of one bad line (past STORE_IMPORT_MAX_ERRORS, the last one counts
 * the lines not shown). */
static void bad_line(struct store_read_import *r, const char *name, long line, const char *msg)
{
	r->bad++;
	if (r->nerrs < STORE_IMPORT_MAX_ERRORS) {
		r->errs = xrealloc(r->errs, (r->nerrs + 1) * sizeof *r->errs);
		nr_fail(&r->errs[r->nerrs++], "%s:%ld: %s", name, line, msg);
	} else {
		nr_fail(&r->errs[STORE_IMPORT_MAX_ERRORS - 1], "%s: %lld more bad lines not shown",
		        name, r->bad - (STORE_IMPORT_MAX_ERRORS - 1));
	}
}

/* Undo put_field on s[0..n) in place (the result is NUL-terminated). Returns the message of
 * what is wrong with the field, or NULL. */
static const char *take_field(char *s, size_t n)
{
	if (!n)
		return "an empty field";
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			s[o++] = s[i];
			continue;
		}
		if (++i == n)
			return "a backslash at the end of a field";
		switch (s[i]) {
		case 't': s[o++] = '\t'; break;
		case 'n': s[o++] = '\n'; break;
		case 'r': s[o++] = '\r'; break;
		case '\\': s[o++] = '\\'; break;
		default: return "an unknown escape (only \\t \\n \\r \\\\)";
		}
	}
	s[o] = '\0';
	if (!utf8_valid(s, o))
		return "not valid UTF-8";
	return NULL;
}

/* One line without its newline: 0 with *source and *id pointing into it, or the message. */
static const char *parse_read_line(char *line, size_t len, char **source, char **id)
{
	if (len > STORE_IMPORT_MAX_LINE)
		return "line too long";
	if (memchr(line, '\0', len))
		return "a NUL byte";
	char *tab = memchr(line, '\t', len);
	if (!tab)
		return "expected SOURCE<TAB>ID";
	if (memchr(tab + 1, '\t', len - (size_t)(tab + 1 - line)))
		return "more than two fields (a tab inside a field is written \\t)";
	const char *msg;
	if ((msg = take_field(line, (size_t)(tab - line))) ||
	    (msg = take_field(tab + 1, len - (size_t)(tab + 1 - line))))
		return msg;
	*source = line;
	*id = tab + 1;
	return NULL;
}

/* Read one line (without its newline) into b, keeping at most max + 1 bytes of it (the
 * rest is skipped, so a longer line is seen as longer than max). Returns 0 at the end of
 * the input, 1 with a line. */
static int read_line(FILE *in, struct buf *b, size_t max)
{
	int c;
	b->len = 0;
	buf_add(b, "", 0);
	while ((c = getc(in)) != EOF && c != '\n')
		if (b->len <= max)
			buf_addc(b, (char)c);
	return c != EOF || b->len > 0;
}

int store_import_read(struct store *s, FILE *in, const char *name, time_t when,
                      struct store_read_import *res, struct nr_error *err)
{
	memset(res, 0, sizeof *res);
	if (s->reload)
		return nr_fail(err, "%s: a reload is open on this connection", s->path);
	if (store_begin(s, err))
		return -1;
	struct buf b;
	buf_init(&b);
	long lineno = 0;
	errno = 0;
	while (read_line(in, &b, STORE_IMPORT_MAX_LINE)) {
		lineno++;
		char *line = b.s;
		size_t len = b.len;
		if (len && line[len - 1] == '\r') /* a file that went through Windows */
			line[--len] = '\0';
		if (!len)
			continue;
		char *source, *id;
		const char *msg = parse_read_line(line, len, &source, &id);
		if (msg) {
			bad_line(res, name, lineno, msg);
			continue;
		}
		sqlite3_stmt *st = store_stmt(s, STMT_MARK_READ, err);
		if (!st)
			goto fail;
		sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)when);
		if (store_run(s, st, err))
			goto fail;
		res->marked++;
	}
	if (ferror(in)) {
		nr_fail(err, "%s: %s", name, strerror(errno ? errno : EIO));
		goto fail;
	}
	buf_free(&b);
	if (store_commit(s, err)) {
		res->marked = 0;
		return -1;
	}
	return 0;
fail:
	buf_free(&b);
	store_rollback(s);
	store_read_import_free(res);
	return -1;
}
