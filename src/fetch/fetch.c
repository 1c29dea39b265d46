/* fetch.c - downloads through libcurl: one multi loop that schedules transfers itself
 * (a global and a per-host cap, retries waiting without blocking the others, redirects
 * followed by hand so that loops can be named), and the answers turned into results. */
#include "newsread/fetch.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libcurl, and the two dozen libraries under it (TLS, Kerberos, LDAP, SSH...), are loaded
 * on the first download instead of at start-up: resolving their symbols was most of the
 * start-up time of every run, and most runs read local files (git keeps its http in a
 * separate helper for the same reason). The functions are reached through cu, typed from
 * curl.h's own declarations. */
#define CURL_FUNCS(X)                                                                       \
	X(global_init) X(global_cleanup) X(easy_init) X(easy_cleanup) X(easy_setopt)        \
	X(easy_getinfo) X(easy_strerror) X(multi_init) X(multi_cleanup)                     \
	X(multi_setopt) X(multi_add_handle) X(multi_remove_handle) X(multi_perform)         \
	X(multi_info_read) X(multi_poll) X(slist_append) X(slist_free_all) X(getdate)

static struct {
#define X(f) __typeof__(&curl_##f) f;
	CURL_FUNCS(X)
#undef X
} cu;
static int cu_state;       /* 0 not tried yet, 1 loaded, -1 cannot be loaded */
static char cu_why[256];   /* why not, for the error of each download */

#define CURL_SONAME "libcurl.so.4"
#define CONNECT_TIMEOUT 10    /* seconds to connect, at most (never more than the timeout) */
#define STALL_MAX 15          /* seconds without data that fail a transfer, at most */
#define HEADER_MAX 1024       /* longest validator or Retry-After value kept */

/* Load libcurl once; 0, or -1 with cu_why set. */
static int curl_load(void)
{
	if (cu_state)
		return cu_state > 0 ? 0 : -1;
	cu_state = -1;
	void *lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *e = dlerror();
		snprintf(cu_why, sizeof cu_why, "cannot load %s (%s)", CURL_SONAME, e ? e : "unknown error");
		return -1;
	}
#define X(f)                                                                                    \
	if (!(*(void **)&cu.f = dlsym(lib, "curl_" #f))) {                                     \
		snprintf(cu_why, sizeof cu_why, "%s has no curl_%s (libcurl 7.66 or later needed)", \
			 CURL_SONAME, #f);                                                       \
		return -1;                                                                       \
	}
	CURL_FUNCS(X)
#undef X
	if (cu.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(cu_why, sizeof cu_why, "libcurl failed to start");
		return -1;
	}
	cu_state = 1;
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum xstate { X_WAITING, X_RUNNING, X_DONE };

/* One request through its tries and redirects. */
struct xfer {
	const struct fetch_req *req;
	enum xstate state;
	CURL *h;
	struct curl_slist *hdrs;  /* conditional request headers */
	char *url;                /* the URL being fetched (after redirects) */
	char *chain[FETCH_MAX_REDIRECTS + 1]; /* URLs visited in this request, for loops */
	int nchain;
	int host;                 /* index in the loop's hosts: the first URL's */
	int tries;                /* tries started */
	long due;                 /* now_ms() from which it may start (a retry's wait) */
	long try_start;           /* now_ms() when this try started */
	struct buf body;
	size_t max;
	int too_big;
	long last_data;           /* now_ms() when bytes last came, 0 before the first */
	long stall_ms;            /* a started response silent this long has stalled */
	int stalled;
	char *etag, *last_modified; /* of the latest response head */
	long retry_after;         /* seconds asked by the latest response, or -1 */
	char errbuf[CURL_ERROR_SIZE];
};

int fetch_is_url(const char *s)
{
	return has_iprefix(s, "http://") || has_iprefix(s, "https://");
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct xfer *x = ud;
	size_t len = size * n;
	if (x->body.len + len > x->max) {
		x->too_big = 1;
		return 0; /* abort the transfer */
	}
	buf_add(&x->body, p, len);
	x->last_data = now_ms();
	return len;
}

/* Called by libcurl about once a second per transfer: a response that started and then
 * went silent for stall_ms is abandoned (the time before the first byte is the
 * server's to think, bounded by the transfer's timeout). */
static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	struct xfer *x = ud;
	if (x->last_data && now_ms() - x->last_data > x->stall_ms) {
		x->stalled = 1;
		return 1;
	}
	return 0;
}

/* A header's value when line is "NAME: value", trimmed and malloc'd; else NULL. */
static char *header_value(const char *line, size_t n, const char *name)
{
	size_t k = strlen(name);
	if (n <= k || line[k] != ':' || ascii_ncasecmp(line, name, k) != 0)
		return NULL;
	const char *v = line + k + 1, *end = line + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == v || (size_t)(end - v) > HEADER_MAX)
		return NULL;
	for (const char *p = v; p < end; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return NULL; /* never echoed back into a request or a message */
	return xstrndup(v, (size_t)(end - v));
}

/* Headers of every response (redirects and retries too): keep the latest response's. */
static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct xfer *x = ud;
	size_t len = size * n;
	char *v;
	x->last_data = now_ms();
	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) { /* a new response starts */
		free(x->etag);
		free(x->last_modified);
		x->etag = x->last_modified = NULL;
		x->retry_after = -1;
	} else if ((v = header_value(p, len, "ETag"))) {
		free(x->etag);
		x->etag = v;
	} else if ((v = header_value(p, len, "Last-Modified"))) {
		free(x->last_modified);
		x->last_modified = v;
	} else if ((v = header_value(p, len, "Retry-After"))) {
		char *e;
		long s = strtol(v, &e, 10);
		if (e != v && !*e && s >= 0) {
			x->retry_after = s;
		} else { /* an HTTP date */
			time_t t = cu.getdate(v, NULL);
			if (t != (time_t)-1)
				x->retry_after = t > time(NULL) ? (long)(t - time(NULL)) : 0;
		}
		free(v);
	}
	return len;
}

/* Seconds without data after which a transfer has stalled: half its time, 1 to STALL_MAX. */
static long stall_secs(const struct fetch_opts *o)
{
	long half = o->timeout / 2;
	return half < 1 ? 1 : half > STALL_MAX ? STALL_MAX : half;
}

/* Options that stay for every try of x. */
static void setup(struct xfer *x, const struct fetch_opts *o)
{
	CURL *h = x->h;
	long timeout = o->timeout > 0 ? o->timeout : 1;
	cu.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); /* followed by hand: see finish() */
	cu.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl can decode */
	cu.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, timeout < CONNECT_TIMEOUT ? timeout : (long)CONNECT_TIMEOUT);
	x->stall_ms = stall_secs(o) * 1000;
	cu.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	cu.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	cu.easy_setopt(h, CURLOPT_XFERINFODATA, x);
	cu.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max);
	cu.easy_setopt(h, CURLOPT_USERAGENT, o->user_agent);
	cu.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	cu.easy_setopt(h, CURLOPT_WRITEDATA, x);
	cu.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	cu.easy_setopt(h, CURLOPT_HEADERDATA, x);
	cu.easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	cu.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	cu.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	cu.easy_setopt(h, CURLOPT_PRIVATE, x);
	const struct fetch_req *q = x->req;
	if (q->etag && *q->etag && !strpbrk(q->etag, "\r\n")) {
		char *s = xasprintf("If-None-Match: %s", q->etag);
		x->hdrs = cu.slist_append(x->hdrs, s);
		free(s);
	}
	if (q->last_modified && *q->last_modified && !strpbrk(q->last_modified, "\r\n")) {
		char *s = xasprintf("If-Modified-Since: %s", q->last_modified);
		x->hdrs = cu.slist_append(x->hdrs, s);
		free(s);
	}
	if (x->hdrs)
		cu.easy_setopt(h, CURLOPT_HTTPHEADER, x->hdrs);
}

/* Start one request of x (a first try, a retry or a redirect) with what is left of its
 * try's time. */
static void start(CURLM *m, struct xfer *x, const struct fetch_opts *o)
{
	long timeout_ms = (o->timeout > 0 ? o->timeout : 1) * 1000L;
	long left = timeout_ms - (now_ms() - x->try_start);
	cu.easy_setopt(x->h, CURLOPT_URL, x->url);
	cu.easy_setopt(x->h, CURLOPT_TIMEOUT_MS, left > 1 ? left : 1L);
	buf_free(&x->body);
	buf_add(&x->body, "", 0);
	x->too_big = 0;
	x->stalled = 0;
	x->last_data = 0;
	x->retry_after = -1;
	x->errbuf[0] = '\0';
	x->state = X_RUNNING;
	cu.multi_add_handle(m, x->h);
}

/* The reason a transfer that libcurl ended with code failed. */
static void curl_reason(struct xfer *x, CURLcode code, const struct fetch_opts *o, struct nr_error *err)
{
	const char *u = x->req->url;
	if (x->stalled) {
		nr_fail(err, "%s: stalled: nothing received for %ld s", u, stall_secs(o));
	} else if (code == CURLE_OPERATION_TIMEDOUT) {
		if (strstr(x->errbuf, "onnect")) {
			nr_fail(err, "%s: could not connect within %d s", u,
				o->timeout < CONNECT_TIMEOUT ? o->timeout : CONNECT_TIMEOUT);
		} else if (strstr(x->errbuf, "esolv")) {
			nr_fail(err, "%s: name lookup timed out", u);
		} else {
			nr_fail(err, "%s: timed out after %d s", u, o->timeout);
		}
	} else if ((code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR) && x->errbuf[0]) {
		nr_fail(err, "%s: %s", u, x->errbuf); /* "Recv failure: Connection reset by peer" */
	} else if (code == CURLE_GOT_NOTHING) {
		nr_fail(err, "%s: the server closed the connection without answering", u);
	} else {
		nr_fail(err, "%s: %s", u, cu.easy_strerror(code));
	}
}

enum outcome { O_DONE, O_FAILED, O_RETRY, O_REDIRECT };

/* What to do with a request libcurl has finished. Fills err for O_FAILED and O_RETRY
 * (the reason, should the tries run out). */
static enum outcome judge(struct xfer *x, CURLcode code, const struct fetch_opts *o, struct nr_error *err)
{
	const char *u = x->req->url;
	long status = 0;
	cu.easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
	if (x->too_big || code == CURLE_FILESIZE_EXCEEDED) {
		nr_fail(err, "%s: larger than the limit of %zu bytes", u, x->max);
		return O_FAILED;
	}
	if (code != CURLE_OK) {
		curl_reason(x, code, o, err);
		return code == CURLE_OPERATION_TIMEDOUT || x->stalled ? O_RETRY : O_FAILED;
	}
	if (status == 304)
		return O_DONE;
	if (status >= 300 && status < 400) {
		char *to = NULL;
		cu.easy_getinfo(x->h, CURLINFO_REDIRECT_URL, &to);
		if (!to) {
			nr_fail(err, "%s: HTTP status %ld without a Location", u, status);
			return O_FAILED;
		}
		if (!fetch_is_url(to)) {
			nr_fail(err, "%s: redirected to %s, not an http or https URL", u, to);
			return O_FAILED;
		}
		for (int k = 0; k < x->nchain; k++) {
			if (strcmp(x->chain[k], to) != 0)
				continue;
			struct buf b;
			buf_init(&b);
			for (int j = k; j < x->nchain; j++)
				buf_printf(&b, "%s -> ", x->chain[j]);
			buf_adds(&b, to);
			nr_fail(err, "%s: redirect loop: %s", u, b.s);
			buf_free(&b);
			return O_FAILED;
		}
		if (x->nchain > FETCH_MAX_REDIRECTS) {
			nr_fail(err, "%s: more than %d redirects", u, FETCH_MAX_REDIRECTS);
			return O_FAILED;
		}
		x->chain[x->nchain++] = x->url = xstrdup(to);
		return O_REDIRECT;
	}
	if (status == 429 || (status >= 500 && status < 600)) {
		if (x->retry_after > FETCH_RETRY_AFTER_MAX) {
			nr_fail(err, "%s: HTTP %ld, Retry-After %ld s is over %d s", u, status, x->retry_after,
				FETCH_RETRY_AFTER_MAX);
			return O_FAILED;
		}
		nr_fail(err, "%s: HTTP status %ld", u, status);
		return O_RETRY;
	}
	if (status >= 400) {
		nr_fail(err, "%s: HTTP status %ld", u, status);
		return O_FAILED;
	}
	return O_DONE;
}

/* Hand a finished request to the caller and release what it holds. */
static void deliver(struct xfer *x, size_t i, int rc, const struct nr_error *err, fetch_done_fn done, void *ud)
{
	struct fetch_result r = {0};
	char *ct = NULL;
	cu.easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &r.status);
	cu.easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct);
	r.final_url = xstrdup(x->url);
	if (rc == 0) {
		r.not_modified = r.status == 304;
		r.content_type = ct && !r.not_modified ? xstrdup(ct) : NULL;
		r.len = r.not_modified ? 0 : x->body.len;
		if (r.not_modified)
			buf_free(&x->body);
		r.data = r.not_modified ? xstrdup("") : buf_steal(&x->body);
		r.etag = x->etag;
		r.last_modified = x->last_modified;
		x->etag = x->last_modified = NULL;
	}
	buf_free(&x->body);
	free(x->etag);
	free(x->last_modified);
	x->etag = x->last_modified = NULL;
	for (int k = 0; k < x->nchain; k++)
		free(x->chain[k]);
	x->nchain = 0;
	x->url = NULL;
	cu.slist_free_all(x->hdrs);
	x->hdrs = NULL;
	cu.easy_cleanup(x->h);
	x->h = NULL;
	x->state = X_DONE;
	done(ud, i, rc, &r, err);
}

/* "scheme://host:port" of url, lower case, for the per-host cap (malloc'd). */
static char *host_key(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	const char *at = p + strcspn(p, "/?#");
	const char *cred = memchr(p, '@', (size_t)(at - p));
	if (cred)
		p = cred + 1;
	char *k = xstrndup(url, (size_t)(at - url));
	for (char *c = k; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	return k;
}

void fetch_run(const struct fetch_req *reqs, size_t n, size_t max, const struct fetch_opts *o, int parallel,
	       fetch_done_fn done, void *ud)
{
	if (curl_load()) {
		for (size_t i = 0; i < n; i++) {
			struct fetch_result r = {0};
			struct nr_error e;
			nr_fail(&e, "%s: %s", reqs[i].url, cu_why);
			done(ud, i, -1, &r, &e);
		}
		return;
	}
	if (parallel < 1)
		parallel = 1;
	CURLM *m = cu.multi_init();
	/* the loop never asks for more; libcurl's caps only guard redirects to other hosts */
	cu.multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)parallel);
	cu.multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)FETCH_PER_HOST);
	struct xfer *xs = xcalloc(n ? n : 1, sizeof *xs);
	char **hosts = xcalloc(n ? n : 1, sizeof *hosts);
	int *busy = xcalloc(n ? n : 1, sizeof *busy); /* running transfers per host */
	int nhosts = 0, running = 0;
	size_t left = n;
	for (size_t i = 0; i < n; i++) {
		struct xfer *x = &xs[i];
		x->req = &reqs[i];
		x->max = max;
		x->retry_after = -1;
		char *k = host_key(reqs[i].url);
		int h = 0;
		while (h < nhosts && strcmp(hosts[h], k) != 0)
			h++;
		if (h == nhosts)
			hosts[nhosts++] = k;
		else
			free(k);
		x->host = h;
		buf_init(&x->body);
	}
	while (left) {
		long now = now_ms(), wait = 1000;
		for (size_t i = 0; i < n && running < parallel; i++) {
			struct xfer *x = &xs[i];
			if (x->state != X_WAITING || busy[x->host] >= FETCH_PER_HOST)
				continue;
			if (x->due > now) {
				wait = x->due - now < wait ? x->due - now : wait;
				continue;
			}
			if (!x->h) {
				x->h = cu.easy_init();
				if (!x->h) {
					struct nr_error e;
					nr_fail(&e, "%s: cannot start libcurl", x->req->url);
					x->url = NULL;
					x->state = X_DONE;
					left--;
					struct fetch_result r = {0};
					done(ud, i, -1, &r, &e);
					continue;
				}
				x->chain[x->nchain++] = x->url = xstrdup(x->req->url);
				setup(x, o);
			}
			x->tries++;
			x->try_start = now;
			start(m, x, o);
			running++;
			busy[x->host]++;
		}
		int still, finished = 0;
		cu.multi_perform(m, &still);
		CURLMsg *msg;
		int nmsg;
		while ((msg = cu.multi_info_read(m, &nmsg))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			CURL *h = msg->easy_handle;
			CURLcode code = msg->data.result;
			struct xfer *x = NULL;
			cu.easy_getinfo(h, CURLINFO_PRIVATE, (char **)&x);
			cu.multi_remove_handle(m, h);
			finished = 1;
			struct nr_error e;
			enum outcome oc = judge(x, code, o, &e);
			if (oc == O_REDIRECT) {
				start(m, x, o); /* in the same slot */
				continue;
			}
			running--;
			busy[x->host]--;
			if (oc == O_RETRY && x->tries < FETCH_TRIES) {
				long secs = x->retry_after >= 0 ? x->retry_after : x->tries == 1 ? 1 : 2;
				x->due = now_ms() + secs * 1000;
				x->state = X_WAITING;
				continue;
			}
			if (oc == O_RETRY && x->tries > 1) {
				struct nr_error e2 = e;
				nr_fail(&e, "%s (%d tries)", e2.msg, x->tries);
			}
			left--;
			deliver(x, (size_t)(x - xs), oc == O_DONE ? 0 : -1, &e, done, ud);
		}
		if (left && !finished) /* after a finish, go round at once: its slot is free */
			cu.multi_poll(m, NULL, 0, (int)(wait > 0 ? wait : 1), NULL);
	}
	for (int h = 0; h < nhosts; h++)
		free(hosts[h]);
	free(hosts);
	free(busy);
	free(xs);
	cu.multi_cleanup(m);
}

/* Results of fetch_many and fetch_url, collected by index. */
struct collect {
	struct fetch_result *results;
	int *rcs;
	struct nr_error *errs;
};

static void collect_one(void *ud, size_t i, int rc, struct fetch_result *r, const struct nr_error *err)
{
	struct collect *c = ud;
	c->rcs[i] = rc;
	if (rc) {
		c->errs[i] = *err;
		fetch_result_free(r);
	}
	c->results[i] = *r;
}

void fetch_many(const char *const *urls, size_t n, size_t max, const struct fetch_opts *o, int parallel,
		struct fetch_result *results, int *rcs, struct nr_error *errs)
{
	struct fetch_req *reqs = xcalloc(n ? n : 1, sizeof *reqs);
	for (size_t i = 0; i < n; i++)
		reqs[i].url = urls[i];
	struct collect c = {results, rcs, errs};
	fetch_run(reqs, n, max, o, parallel, collect_one, &c);
	free(reqs);
}

int fetch_url(const char *url, size_t max, const struct fetch_opts *o, struct fetch_result *r, struct nr_error *err)
{
	int rc = -1;
	fetch_many(&url, 1, max, o, 1, r, &rc, err);
	return rc;
}

void fetch_result_free(struct fetch_result *r)
{
	free(r->data);
	free(r->content_type);
	free(r->final_url);
	free(r->etag);
	free(r->last_modified);
	memset(r, 0, sizeof *r);
}

void fetch_global_init(void)
{
	/* nothing until the first download: curl_load() starts libcurl then */
}

void fetch_global_cleanup(void)
{
	if (cu_state > 0)
		cu.global_cleanup();
}
