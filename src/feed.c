/* feed.c - placeholder. */
#include "newsread/feed.h"

enum feed_kind feed_sniff(const char *s, size_t len)
{
	(void)s; (void)len;
	return FEED_NONE;
}

int feed_parse(const char *s, size_t len, const char *name, const char *url, struct articles *out,
	       struct nr_error *err)
{
	(void)s; (void)len; (void)url; (void)out;
	return nr_fail(err, "%s: feeds are not supported yet", name);
}
