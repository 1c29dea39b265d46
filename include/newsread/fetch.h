/* fetch.h - downloads through libcurl: one multi loop for any number of URLs, with
 * limits, conditional GET and retries. */
#ifndef NEWSREAD_FETCH_H
#define NEWSREAD_FETCH_H

#include <stddef.h>

#include "newsread/util.h"

/* One finished download. On success: the body, its type, the validators; on failure
 * (rc -1 with an error) only status and final_url may be set. */
struct fetch_result {
	char *data;          /* body, NUL-terminated (malloc'd); "" for a 304 */
	size_t len;
	char *content_type;  /* Content-Type header or NULL */
	char *final_url;     /* URL after redirects (malloc'd) */
	long status;         /* HTTP status of the last response (0 when none came) */
	int not_modified;    /* the server answered 304 to a conditional request */
	char *etag;          /* ETag of the response (malloc'd) or NULL */
	char *last_modified; /* Last-Modified of the response (malloc'd) or NULL */
};

/* What a download is given (the caller's settings; fetch reads no options itself). */
struct fetch_opts {
	int timeout;            /* seconds for one try of a transfer, counted from its start (fetch-timeout), >= 1 */
	const char *user_agent; /* User-Agent header (user-agent) */
};

/* One URL to download, with the validators of its last download (either may be NULL):
 * they are sent as If-None-Match and If-Modified-Since, and a 304 answer is a success. */
struct fetch_req {
	const char *url;
	const char *etag;
	const char *last_modified;
};

#define FETCH_PER_HOST 2        /* transfers at once to one host (scheme, host, port) */
#define FETCH_MAX_REDIRECTS 10  /* redirects followed; a loop fails at once, named */
#define FETCH_TRIES 3           /* tries of a transfer that timed out or got 429 or 5xx */
#define FETCH_RETRY_AFTER_MAX 60 /* longest Retry-After waited for (seconds) */

/* Called once for each request as soon as it has finished, from inside fetch_run (the
 * other transfers are still open: keep the work short or accept that they wait). i is
 * the request's index. rc 0: r is the download (a 304 has not_modified set and an empty
 * body); rc -1: err is "URL: reason", one line, and r has at most status and final_url.
 * The callee owns r's contents either way and frees them with fetch_result_free. */
typedef void (*fetch_done_fn)(void *ud, size_t i, int rc, struct fetch_result *r, const struct nr_error *err);

/* Download n requests in one libcurl multi loop: at most `parallel` transfers at once
 * and FETCH_PER_HOST per host, started in the order given as slots free up, each try
 * timed from its own start (o->timeout in all, connecting within 10 s, failing when
 * nothing arrives for half the timeout, at most 15 s). Redirects are followed
 * (http and https only, at most FETCH_MAX_REDIRECTS, loops named); compressed and
 * chunked responses are decoded; a body over max bytes fails. Timeouts, 429 and 5xx
 * are tried again, FETCH_TRIES in all, after 1 s then 2 s or what Retry-After asks
 * (a Retry-After over FETCH_RETRY_AFTER_MAX fails the request with that reason); the
 * loop runs on while one waits. Returns when done has been called for every request. */
void fetch_run(const struct fetch_req *reqs, size_t n, size_t max, const struct fetch_opts *o, int parallel,
	       fetch_done_fn done, void *ud);

/* 1 when s is an http:// or https:// URL. */
int fetch_is_url(const char *s);

/* fetch_run for one URL, without validators. Returns 0 with *r filled (free with
 * fetch_result_free), or -1 with err "URL: reason" (and *r freed). */
int fetch_url(const char *url, size_t max, const struct fetch_opts *o, struct fetch_result *r,
	      struct nr_error *err);

/* fetch_run for n URLs, without validators, collecting results[i] and rcs[i] (0, or -1
 * with errs[i]); free each result whose rc is 0. */
void fetch_many(const char *const *urls, size_t n, size_t max, const struct fetch_opts *o, int parallel,
		struct fetch_result *results, int *rcs, struct nr_error *errs);

/* Free r's strings and clear it (r itself is the caller's). */
void fetch_result_free(struct fetch_result *r);

/* Call once at start-up and at exit. libcurl itself is loaded (dlopen) on the first
 * download; when it cannot be, each download fails with "URL: cannot load libcurl.so.4 (why)". */
void fetch_global_init(void);
void fetch_global_cleanup(void);

#endif
