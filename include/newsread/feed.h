/* feed.h - RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed parsing. */
#ifndef NEWSREAD_FEED_H
#define NEWSREAD_FEED_H

#include <stddef.h>

#include "newsread/article.h"
#include "newsread/util.h"

enum feed_kind { FEED_NONE, FEED_RSS, FEED_RDF, FEED_ATOM, FEED_JSON };

/* Sniff UTF-8 text: which feed format is it, if any. Looks at the root element after a
 * BOM, whitespace, comments, processing instructions and a doctype (rss, rdf:RDF,
 * feed), or at a JSON object whose "version" names jsonfeed.org. Reads at most the
 * first 64 KB. */
enum feed_kind feed_sniff(const char *s, size_t len);

/* What a feed says about itself (for tests, titles and the urls file). */
struct feed_info {
	enum feed_kind kind;
	char *title;  /* plain text, or NULL */
	char *link;   /* absolute URL of the site, or NULL */
	char *lang;   /* primary language subtag ("zh", "en") or NULL */
	char *author; /* the feed's author or editor (a name), or NULL */
};
/* Free the strings of fi and clear it (fi itself is the caller's). */
void feed_info_free(struct feed_info *fi);

/* Parse a feed (UTF-8, already decoded) and append its articles. Returns 0, or -1
 * with err naming `name` and the reason (and line for XML). url is the document's URL
 * or path (the last base for relative links; may be NULL). Articles get source = name.
 * At most FEED_MAX_ITEMS items are read. */
#define FEED_MAX_ITEMS 100000
int feed_parse(const char *s, size_t len, const char *name, const char *url, struct articles *out,
	       struct nr_error *err);

/* feed_parse that also fills *info (when not NULL; free with feed_info_free). */
int feed_parse_info(const char *s, size_t len, const char *name, const char *url, struct articles *out,
		    struct feed_info *info, struct nr_error *err);

#endif
