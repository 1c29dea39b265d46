/* html.h - HTML (UTF-8) -> document model. */
#ifndef NEWSREAD_HTML_H
#define NEWSREAD_HTML_H

#include <stddef.h>

#include "newsread/doc.h"

/* Parse an HTML fragment or page (UTF-8) into d. base resolves relative URLs (may be
 * NULL). lang is the article's language when known ("zh", "en" or NULL): it chooses
 * [图 n] or [image n] together with the text itself. Links and images share one
 * counter; elements that markup-identify a stock get run.stock set (see stock.h).
 * Never fails: bad markup is recovered. */
void html_to_doc(const char *html, size_t len, const char *base, const char *lang, struct doc *d);

/* html_to_doc on a tree already parsed (an htmlDocPtr, e.g. struct article's tree),
 * which is left unchanged. */
void html_tree_to_doc(const void *tree, const char *base, const char *lang, struct doc *d);

/* Resolve ref against base into an absolute URL (malloc'd). */
char *url_resolve(const char *base, const char *ref);

/* Plain text of an HTML fragment, whitespace collapsed (for titles and summaries). */
char *html_to_text(const char *html, size_t len);

#endif
