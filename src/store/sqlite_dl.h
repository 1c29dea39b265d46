/* sqlite_dl.h - SQLite, loaded (dlopen) the first time the store opens a database, not
 * at start-up: linked, its relocations cost every run about 1.5 M instructions (a third
 * of an empty --dump), and --dump, --list and --stocks of local files never open the
 * store. The store's files include this instead of <sqlite3.h>; each sqlite3_* function
 * they use is a pointer filled by store_sqlite_load. Private to src/store/. */
#ifndef NEWSREAD_SQLITE_DL_H
#define NEWSREAD_SQLITE_DL_H

#include <sqlite3.h>

#include "newsread/util.h"

#define SQLITE_SONAME "libsqlite3.so.0"

/* Every function of the library the store calls. */
#define SQLITE_FUNCS(X)                                                                      \
	X(bind_int) X(bind_int64) X(bind_null) X(bind_text) X(busy_timeout) X(changes)       \
	X(changes64) X(clear_bindings) X(close) X(column_bytes) X(column_int) X(column_int64) \
	X(column_text) X(db_readonly) X(errmsg) X(errstr) X(exec) X(extended_errcode)         \
	X(extended_result_codes) X(finalize) X(get_autocommit) X(last_insert_rowid)           \
	X(open_v2) X(prepare_v2) X(prepare_v3) X(reset) X(step) X(table_column_metadata)

struct sqlite_api {
#define X(f) __typeof__(sqlite3_##f) *f;
	SQLITE_FUNCS(X)
#undef X
};
extern struct sqlite_api nr_sqlite;

/* Load the library once (later calls answer from the first). Returns 0, or -1 with err
 * "cannot load libsqlite3.so.0 (reason)". */
int store_sqlite_load(struct nr_error *err);

/* Everywhere but the loader, calls go through the pointers. The two lists stay in step
 * by themselves: a macro without its field does not compile, and a function used without
 * its macro reaches for the library's own symbol, which the binary does not link. */
#ifndef SQLITE_DL_IMPL
#define sqlite3_bind_int (*nr_sqlite.bind_int)
#define sqlite3_bind_int64 (*nr_sqlite.bind_int64)
#define sqlite3_bind_null (*nr_sqlite.bind_null)
#define sqlite3_bind_text (*nr_sqlite.bind_text)
#define sqlite3_busy_timeout (*nr_sqlite.busy_timeout)
#define sqlite3_changes (*nr_sqlite.changes)
#define sqlite3_changes64 (*nr_sqlite.changes64)
#define sqlite3_clear_bindings (*nr_sqlite.clear_bindings)
#define sqlite3_close (*nr_sqlite.close)
#define sqlite3_column_bytes (*nr_sqlite.column_bytes)
#define sqlite3_column_int (*nr_sqlite.column_int)
#define sqlite3_column_int64 (*nr_sqlite.column_int64)
#define sqlite3_column_text (*nr_sqlite.column_text)
#define sqlite3_db_readonly (*nr_sqlite.db_readonly)
#define sqlite3_errmsg (*nr_sqlite.errmsg)
#define sqlite3_errstr (*nr_sqlite.errstr)
#define sqlite3_exec (*nr_sqlite.exec)
#define sqlite3_extended_errcode (*nr_sqlite.extended_errcode)
#define sqlite3_extended_result_codes (*nr_sqlite.extended_result_codes)
#define sqlite3_finalize (*nr_sqlite.finalize)
#define sqlite3_get_autocommit (*nr_sqlite.get_autocommit)
#define sqlite3_last_insert_rowid (*nr_sqlite.last_insert_rowid)
#define sqlite3_open_v2 (*nr_sqlite.open_v2)
#define sqlite3_prepare_v2 (*nr_sqlite.prepare_v2)
#define sqlite3_prepare_v3 (*nr_sqlite.prepare_v3)
#define sqlite3_reset (*nr_sqlite.reset)
#define sqlite3_step (*nr_sqlite.step)
#define sqlite3_table_column_metadata (*nr_sqlite.table_column_metadata)
#endif

#endif
