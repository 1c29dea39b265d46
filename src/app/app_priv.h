/* app_priv.h - what load.c shares with reload.c (src/app/ only). */
#ifndef NEWSREAD_APP_PRIV_H
#define NEWSREAD_APP_PRIV_H

#include "newsread/app.h"

/* The source marks of src are kept under: its URL, a local file's real path, NULL for
 * standard input. malloc'd. */
char *app_mark_key(const char *src);
/* Give every article of l its mark source (key, may be NULL), its source's title (when
 * it has none) and whether its source is hidden (a ! word in the urls file). */
void app_label(struct articles *l, const char *key, const char *title, int hidden);
/* Store the articles a download of spec gave (r->arts, which get their row ids), or
 * record its failure or 304, in one transaction. Returns 0 or -1 with err. */
int app_store_result(struct store *st, const struct source_spec *spec, struct source_result *r,
		     struct nr_error *err);
/* The stored articles of a network source into l (bodies too), its stored title into
 * *title (malloc'd, may be NULL). Returns 1 loaded, 0 never stored, -1 error. */
int app_load_stored(struct store *st, const char *url, struct articles *l, char **title,
		    struct nr_error *err);

#endif
