/* fetch.c - downloads through libcurl: one URL, or many in parallel with a per-host cap. */
#include "newsread/fetch.h"
#include "newsread/config.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

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

static void setup(CURL *h, const char *url, struct transfer *t)
{
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl can decode */
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)opt_int(OPT_FETCH_TIMEOUT));
	curl_easy_setopt(h, CURLOPT_USERAGENT, opt_str(OPT_USER_AGENT));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_PRIVATE, t);
	buf_init(&t->body);
	buf_add(&t->body, "", 0);
}

/* Turn a finished transfer into a result; 0 or -1 with err. */
static int finish(CURL *h, CURLcode code, const char *url, struct transfer *t, struct fetch_result *r,
		  struct nr_error *err)
{
	memset(r, 0, sizeof *r);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (t->too_big || code != CURLE_OK || status >= 400) {
		if (t->too_big)
			nr_fail(err, "%s: larger than the limit of %zu bytes", url, t->max);
		else if (code != CURLE_OK)
			nr_fail(err, "%s: %s", url, curl_easy_strerror(code));
		else
			nr_fail(err, "%s: HTTP status %ld", url, status);
		buf_free(&t->body);
		return -1;
	}
	char *ct = NULL, *eff = NULL;
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
	r->status = status;
	r->content_type = ct ? xstrdup(ct) : NULL;
	r->final_url = xstrdup(eff ? eff : url);
	r->len = t->body.len;
	r->data = buf_steal(&t->body);
	return 0;
}

int fetch_url(const char *url, size_t max, struct fetch_result *r, struct nr_error *err)
{
	CURL *h = curl_easy_init();
	if (!h)
		return nr_fail(err, "%s: cannot start libcurl", url);
	struct transfer t = {.max = max};
	setup(h, url, &t);
	CURLcode code = curl_easy_perform(h);
	int rc = finish(h, code, url, &t, r, err);
	curl_easy_cleanup(h);
	return rc;
}

void fetch_many(const char *const *urls, size_t n, size_t max, int parallel, struct fetch_result *results,
		int *rcs, struct nr_error *errs)
{
	CURLM *m = curl_multi_init();
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)(parallel > 0 ? parallel : 1));
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 2L); /* polite to each site */
	struct transfer *ts = xcalloc(n ? n : 1, sizeof *ts);
	CURL **hs = xcalloc(n ? n : 1, sizeof *hs);
	for (size_t i = 0; i < n; i++) {
		hs[i] = curl_easy_init();
		ts[i].max = max;
		setup(hs[i], urls[i], &ts[i]);
		curl_multi_add_handle(m, hs[i]);
	}
	int running = 1;
	while (running) {
		curl_multi_perform(m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			size_t i = 0;
			while (i < n && hs[i] != msg->easy_handle)
				i++;
			if (i < n)
				rcs[i] = finish(hs[i], msg->data.result, urls[i], &ts[i], &results[i], &errs[i]);
		}
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		curl_multi_remove_handle(m, hs[i]);
		curl_easy_cleanup(hs[i]);
	}
	curl_multi_cleanup(m);
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
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void fetch_global_cleanup(void)
{
	curl_global_cleanup();
}
