/* page.h - HTML pages: feed discovery and reader mode. */
#ifndef NEWSREAD_PAGE_H
#define NEWSREAD_PAGE_H

#include <stddef.h>

#include "newsread/article.h"
#include "newsread/util.h"

/* Feeds a page announces with <link rel="alternate" type="...">: absolute URLs, up to
 * max, returned as malloc'd strings in urls. Returns how many. */
size_t page_feed_links(const char *html, size_t len, const char *url, char **urls, size_t max);

/* Reader mode: extract the article (title, author, date, lead image, main text as HTML)
 * from a page and append it. Returns 0 or -1 with err. */
int page_extract(const char *html, size_t len, const char *url, struct articles *out, struct nr_error *err);

#endif
