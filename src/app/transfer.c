/* transfer.c - moving marks and sources in and out of the store: --export-read,
 * --import-read and --import-newsboat. Each prints its failures, one line each. */
#include "newsread/app.h"
#include "newsread/config.h"
#include "newsread/source.h"
#include "newsread/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int app_export_read(struct store *st, const char *path)
{
	struct nr_error err;
	int to_stdout = strcmp(path, "-") == 0;
	FILE *f = to_stdout ? stdout : fopen(path, "w");
	if (!f) {
		nr_report("%s: %s", path, strerror(errno));
		return 1;
	}
	long long n = 0;
	int rc = store_export_read(st, f, to_stdout ? "standard output" : path, &n, &err);
	if (!to_stdout && fclose(f) != 0 && !rc) {
		nr_fail(&err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc) {
		nr_report("%s", err.msg);
		return 1;
	}
	return 0;
}

int app_import_read(struct store *st, const char *path)
{
	struct nr_error err;
	int from_stdin = strcmp(path, "-") == 0;
	FILE *f = from_stdin ? stdin : fopen(path, "r");
	if (!f) {
		nr_report("%s: %s", path, strerror(errno));
		return 1;
	}
	struct store_read_import res = {0};
	int rc = store_import_read(st, f, from_stdin ? "-" : path, time(NULL), &res, &err);
	if (!from_stdin)
		fclose(f);
	if (rc) {
		nr_report("%s", err.msg);
		return 1;
	}
	for (size_t i = 0; i < res.nerrs; i++)
		nr_report("%s", res.errs[i].msg);
	int bad = res.bad != 0;
	store_read_import_free(&res);
	return bad ? 1 : 0;
}

int app_import_newsboat(struct store *st, const char *cache, const char *nb_urls)
{
	struct nr_error err;
	struct store_newsboat_stats stats = {0};
	if (store_import_newsboat(st, cache, NULL, time(NULL), &stats, &err)) {
		nr_report("%s", err.msg);
		return 1;
	}
	printf("%s: %lld new sources, %lld new articles (%lld already stored), %lld read, %lld starred\n", cache,
	       stats.sources, stats.articles, stats.known, stats.read, stats.starred);
	if (!nb_urls)
		return 0;
	char *dir = config_dir();
	char *urls = xasprintf("%s/urls", dir);
	free(dir);
	struct source_list got = {0};
	size_t added = 0, skipped = 0;
	int rc = store_newsboat_urls(nb_urls, urls, &got, &added, &skipped, &err);
	for (size_t i = 0; i < got.nerrs; i++)
		nr_report("%s", got.errs[i].msg);
	if (rc)
		nr_report("%s", err.msg);
	else
		printf("%s: %zu sources added to %s (%zu there already)\n", nb_urls, added, urls, skipped);
	int failed = rc || got.nerrs;
	source_list_free(&got);
	free(urls);
	return failed ? 1 : 0;
}

/* The feed's own title of a stored source, for opml_export: kept in the last row read. */
struct title_lookup {
	struct store *st;
	struct store_source row;
};

static const char *stored_title(void *ctx, const char *url)
{
	struct title_lookup *t = ctx;
	struct nr_error err;
	store_source_clear(&t->row);
	if (!t->st || store_source_get(t->st, url, &t->row, &err) <= 0)
		return NULL;
	return t->row.title;
}

int app_export_opml(struct store *st)
{
	struct nr_error err;
	char *dir = config_dir();
	char *urls = xasprintf("%s/urls", dir);
	free(dir);
	struct title_lookup t = {st, {0}};
	int rc = opml_export(urls, stored_title, &t, &err);
	store_source_clear(&t.row);
	free(urls);
	if (rc)
		nr_report("%s", err.msg);
	return rc ? 1 : 0;
}
