/* feed.h - RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed parsing. */
#ifndef NEWSREAD_FEED_H
#define NEWSREAD_FEED_H

#include <stddef.h>

#include "newsread/article.h"
#include "newsread/util.h"

enum feed_kind { FEED_NONE, FEED_RSS, FEED_RDF, FEED_ATOM, FEED_JSON };

/* Sniff UTF-8 text: which feed format is it, if any. */
enum feed_kind feed_sniff(const char *s, size_t len);

/* Parse a feed (UTF-8, already decoded) and append its articles. Returns 0, or -1
 * with err naming `name` and the reason (and line for XML). */
int feed_parse(const char *s, size_t len, const char *name, const char *url, struct articles *out,
	       struct nr_error *err);

#endif
