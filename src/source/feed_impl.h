/* feed_impl.h - shared by feed.c, feed_xml.c and feed_json.c (not a public contract). */
#ifndef NEWSREAD_FEED_IMPL_H
#define NEWSREAD_FEED_IMPL_H

#include "newsread/feed.h"

#define FEED_MAX_FIELD (1u << 20)   /* longest title/link/author kept (bytes) */
#define FEED_MAX_DEPTH 64           /* deepest XHTML/JSON nesting walked */

struct feed_ctx {
	const char *name;       /* the source's name (errors, article source) */
	const char *url;        /* document URL or path, may be NULL */
	struct articles *out;
	struct feed_info *info; /* always set (a local one when the caller gave none) */
	int zh;                 /* Chinese feed: zone-less times are UTC+8 */
	int offset;             /* default offset for zone-less dates (or DATE_LOCAL) */
	size_t nitems;          /* items appended */
};

/* Decide the zone for zone-less dates from the language tag and the text. */
void feed_ctx_set_lang(struct feed_ctx *c, const char *lang_tag, const char *text, size_t len);
/* Plain one-line text from a title: HTML markup removed when is_html, control chars dropped. */
char *feed_plain(const char *s, int is_html);
/* Parse a date string into a (sets has_date, date_zone_known); ignores failures. */
void feed_set_date(const struct feed_ctx *c, struct article *a, const char *s);
/* Category from a feed: "/" separates path parts when split is set. */
void feed_add_category(struct article *a, const char *s, int split);
/* "me@example.com (Name)", "Name (me@example.com)", "Name <me@...>" -> "Name".
 * Takes ownership of s and returns the name (s itself when there is nothing to strip). */
char *feed_author_name(char *s);
/* Replace *field with s (a malloc'd string or NULL) when *field is unset; else free s. */
void feed_take(char **field, char *s);
/* Fill the id/title fallbacks, source and lang, then append a to the output. */
void feed_emit(struct feed_ctx *c, struct article *a);
/* Escape text as HTML paragraphs (for text-typed content). malloc'd. */
char *feed_text_to_html(const char *s);

int feed_parse_xml(struct feed_ctx *c, const char *s, size_t len, struct nr_error *err);
int feed_parse_json(struct feed_ctx *c, const char *s, size_t len, struct nr_error *err);

#endif
