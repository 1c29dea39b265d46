/* sqlite_dl.c - load SQLite on first use (see sqlite_dl.h). */
#define SQLITE_DL_IMPL
#include "store/sqlite_dl.h"

#include <dlfcn.h>
#include <stdio.h>

struct sqlite_api nr_sqlite;

int store_sqlite_load(struct nr_error *err)
{
	static int state;      /* 0 not tried, 1 loaded, -1 cannot be loaded */
	static char why[256];
	if (state == 0) {
		void *lib = dlopen(SQLITE_SONAME, RTLD_NOW | RTLD_LOCAL);
		if (!lib) {
			snprintf(why, sizeof why, "%s", dlerror());
			state = -1;
		}
#define X(f)                                                                                 \
	if (state == 0 && !(*(void **)&nr_sqlite.f = dlsym(lib, "sqlite3_" #f))) {               \
		snprintf(why, sizeof why, "no sqlite3_%s in it", #f);                            \
		state = -1;                                                                      \
	}
		SQLITE_FUNCS(X)
#undef X
		if (state == 0)
			state = 1;
	}
	if (state < 0)
		return nr_fail(err, "cannot load %s (%s)", SQLITE_SONAME, why);
	return 0;
}
