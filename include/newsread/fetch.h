/* fetch.h - downloads through libcurl. */
#ifndef NEWSREAD_FETCH_H
#define NEWSREAD_FETCH_H

#include <stddef.h>

#include "newsread/util.h"

struct fetch_result {
	char *data;          /* body, NUL-terminated (malloc'd) */
	size_t len;
	char *content_type;  /* Content-Type header or NULL */
	char *final_url;     /* URL after redirects */
	long status;         /* HTTP status */
};

/* What a download is given (the caller's settings; fetch reads no options itself). */
struct fetch_opts {
	int timeout;            /* seconds for a whole transfer (fetch-timeout), >= 1 */
	const char *user_agent; /* User-Agent header (user-agent) */
};

/* 1 when s is an http:// or https:// URL. */
int fetch_is_url(const char *s);

/* GET url (redirects followed, compressed responses decoded, at most max bytes,
 * a connect time-out and o->timeout in total, o->user_agent sent). Returns 0, or -1 with
 * err "URL: reason". */
int fetch_url(const char *url, size_t max, const struct fetch_opts *o, struct fetch_result *r,
	      struct nr_error *err);

/* Fetch n URLs in parallel (at most `parallel` at once, at most 2 per host).
 * results[i] and rcs[i] (0 or -1 with errs[i]) for each. */
void fetch_many(const char *const *urls, size_t n, size_t max, const struct fetch_opts *o, int parallel,
		struct fetch_result *results, int *rcs, struct nr_error *errs);

void fetch_result_free(struct fetch_result *r);

/* Call once at start-up and at exit. libcurl itself is loaded (dlopen) on the first
 * download; when it cannot be, each download fails with "URL: cannot load libcurl.so.4 (why)". */
void fetch_global_init(void);
void fetch_global_cleanup(void);

#endif
