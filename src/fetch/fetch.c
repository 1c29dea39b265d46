/* fetch.c - downloads through libcurl: one URL, or many in parallel with a per-host cap. */
#include "newsread/fetch.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libcurl, and the two dozen libraries under it (TLS, Kerberos, LDAP, SSH...), are loaded
 * on the first download instead of at start-up: resolving their symbols was most of the
 * start-up time of every run, and most runs read local files (git keeps its http in a
 * separate helper for the same reason). The functions are reached through cu, typed from
 * curl.h's own declarations. */
#define CURL_FUNCS(X)                                                                       \
	X(global_init) X(global_cleanup) X(easy_init) X(easy_cleanup) X(easy_setopt)        \
	X(easy_getinfo) X(easy_perform) X(easy_strerror) X(multi_init) X(multi_cleanup)     \
	X(multi_setopt) X(multi_add_handle) X(multi_remove_handle) X(multi_perform)         \
	X(multi_info_read) X(multi_poll)

static struct {
#define X(f) __typeof__(&curl_##f) f;
	CURL_FUNCS(X)
#undef X
} cu;
static int cu_state;       /* 0 not tried yet, 1 loaded, -1 cannot be loaded */
static char cu_why[256];   /* why not, for the error of each download */

#define CURL_SONAME "libcurl.so.4"

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

struct transfer {
	struct buf body;
	struct buf ctype;
	size_t max;
	int too_big;
};

int fetch_is_url(const char *s)
{
	return has_iprefix(s, "http://") || has_iprefix(s, "https://");
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct transfer *t = ud;
	size_t len = size * n;
	if (t->body.len + len > t->max) {
		t->too_big = 1;
		return 0; /* abort the transfer */
	}
	buf_add(&t->body, p, len);
	return len;
}

static void setup(CURL *h, const char *url, const struct fetch_opts *o, struct transfer *t)
{
	cu.easy_setopt(h, CURLOPT_URL, url);
	cu.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	cu.easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
	cu.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl can decode */
	cu.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
	cu.easy_setopt(h, CURLOPT_TIMEOUT, (long)(o->timeout > 0 ? o->timeout : 1));
	cu.easy_setopt(h, CURLOPT_USERAGENT, o->user_agent);
	cu.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	cu.easy_setopt(h, CURLOPT_WRITEDATA, t);
	cu.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	cu.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	cu.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	cu.easy_setopt(h, CURLOPT_PRIVATE, t);
	buf_init(&t->body);
	buf_add(&t->body, "", 0);
}

/* Turn a finished transfer into a result; 0 or -1 with err. */
static int finish(CURL *h, CURLcode code, const char *url, struct transfer *t, struct fetch_result *r,
		  struct nr_error *err)
{
	memset(r, 0, sizeof *r);
	long status = 0;
	cu.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (t->too_big || code != CURLE_OK || status >= 400) {
		if (t->too_big)
			nr_fail(err, "%s: larger than the limit of %zu bytes", url, t->max);
		else if (code != CURLE_OK)
			nr_fail(err, "%s: %s", url, cu.easy_strerror(code));
		else
			nr_fail(err, "%s: HTTP status %ld", url, status);
		buf_free(&t->body);
		return -1;
	}
	char *ct = NULL, *eff = NULL;
	cu.easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
	cu.easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
	r->status = status;
	r->content_type = ct ? xstrdup(ct) : NULL;
	r->final_url = xstrdup(eff ? eff : url);
	r->len = t->body.len;
	r->data = buf_steal(&t->body);
	return 0;
}

int fetch_url(const char *url, size_t max, const struct fetch_opts *o, struct fetch_result *r, struct nr_error *err)
{
	memset(r, 0, sizeof *r);
	if (curl_load())
		return nr_fail(err, "%s: %s", url, cu_why);
	CURL *h = cu.easy_init();
	if (!h)
		return nr_fail(err, "%s: cannot start libcurl", url);
	struct transfer t = {.max = max};
	setup(h, url, o, &t);
	CURLcode code = cu.easy_perform(h);
	int rc = finish(h, code, url, &t, r, err);
	cu.easy_cleanup(h);
	return rc;
}

void fetch_many(const char *const *urls, size_t n, size_t max, const struct fetch_opts *o, int parallel,
		struct fetch_result *results,
		int *rcs, struct nr_error *errs)
{
	if (curl_load()) {
		for (size_t i = 0; i < n; i++) {
			memset(&results[i], 0, sizeof results[i]);
			rcs[i] = nr_fail(&errs[i], "%s: %s", urls[i], cu_why);
		}
		return;
	}
	CURLM *m = cu.multi_init();
	cu.multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)(parallel > 0 ? parallel : 1));
	cu.multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 2L); /* polite to each site */
	struct transfer *ts = xcalloc(n ? n : 1, sizeof *ts);
	CURL **hs = xcalloc(n ? n : 1, sizeof *hs);
	for (size_t i = 0; i < n; i++) {
		hs[i] = cu.easy_init();
		ts[i].max = max;
		setup(hs[i], urls[i], o, &ts[i]);
		cu.multi_add_handle(m, hs[i]);
	}
	int running = 1;
	while (running) {
		cu.multi_perform(m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = cu.multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			size_t i = 0;
			while (i < n && hs[i] != msg->easy_handle)
				i++;
			if (i < n)
				rcs[i] = finish(hs[i], msg->data.result, urls[i], &ts[i], &results[i], &errs[i]);
		}
		if (running)
			cu.multi_poll(m, NULL, 0, 1000, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		cu.multi_remove_handle(m, hs[i]);
		cu.easy_cleanup(hs[i]);
	}
	cu.multi_cleanup(m);
	free(ts);
	free(hs);
}

void fetch_result_free(struct fetch_result *r)
{
	free(r->data);
	free(r->content_type);
	free(r->final_url);
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
