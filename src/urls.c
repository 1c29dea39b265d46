/* urls.c - the urls file and OPML import/export (placeholder). */
#include "newsread/source.h"

#include <stdlib.h>
#include <string.h>

int urls_load(const char *path, struct source_list *l, struct nr_error *err)
{
	(void)path; (void)l; (void)err;
	return 0;
}

void source_list_free(struct source_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].url);
		free(l->v[i].name);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int opml_import(const char *opml_path, const char *urls_path, struct nr_error *err)
{
	(void)urls_path;
	return nr_fail(err, "%s: OPML import is not supported yet", opml_path);
}

int opml_export(const char *urls_path, struct nr_error *err)
{
	(void)urls_path;
	return nr_fail(err, "OPML export is not supported yet");
}
