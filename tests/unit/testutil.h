/* testutil.h - shared bits for the cmocka unit tests. */
#ifndef NEWSREAD_TESTUTIL_H
#define NEWSREAD_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsread/util.h"

/* UTF-8 character tables whatever the environment's locale (as main() does). */
static inline void test_locale(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.utf8");
}

/* Directory of fixtures, relative to the source tree root where make runs tests. */
#define FIXTURES "tests/fixtures"

/* 1 when ../shared exists beside the checkout (skip tests that need it otherwise). */
static inline int have_shared(void)
{
	FILE *f = fopen("../shared/CJK.md", "r");
	if (f)
		fclose(f);
	return f != NULL;
}

/* A whole file (up to 8 MB) as a malloc'd string, its length in *len; NULL if unreadable. */
static inline char *test_slurp(const char *path, size_t *len)
{
	char *d = NULL;
	struct nr_error e;
	if (read_file(path, 8 * 1024 * 1024, &d, len, &e))
		return NULL;
	return d;
}

/* A fresh folder for a test: /tmp/nr-NAME-XXXXXX into dir (64 bytes), and removed with
 * all it holds. */
static inline void test_tmpdir_make(char *dir, const char *name)
{
	snprintf(dir, 64, "/tmp/nr-%s-XXXXXX", name);
	assert_non_null(mkdtemp(dir));
}

static inline void test_tmpdir_remove(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

#endif
