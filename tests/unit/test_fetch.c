/* test_fetch.c - conditional GET through source_load_all against tests/e2e/server.py on
 * 127.0.0.1: the validators of a 200 come back in the result, sending them gets a 304
 * (success, no articles), and the server saw If-None-Match / If-Modified-Since. */
#include "testutil.h"

#include "newsread/fetch.h"
#include "newsread/source.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const struct source_opts opts = {.fetch = {5, "newsread-test"}, .parallel = 4};
static char dir[] = "/tmp/nr-test-fetch.XXXXXX";
static char base[64];
static pid_t server;

static void put(const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

/* Start server.py on dir; its port becomes base. */
static int setup(void **state)
{
	(void)state;
	if (access("tests/e2e/server.py", R_OK) != 0 || !mkdtemp(dir))
		return -1;
	put("feed.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
			"<title>示例频道</title><link>http://example.cn/</link><item><title>第一条</title>"
			"<link>http://example.cn/1</link></item></channel></rss>\n");
	put("page.html", "<html><head><title>一页</title></head><body><article><h1>一页</h1>"
			 "<p>正文在这里，足够长的一段文字。</p></article></body></html>\n");
	char *pf = xasprintf("%s/port", dir), *log = xasprintf("%s/log", dir);
	server = fork();
	if (server == 0) {
		freopen(log, "w", stderr);
		execlp("python3", "python3", "tests/e2e/server.py", dir, pf, (char *)NULL);
		_exit(127);
	}
	int port = 0;
	for (int i = 0; i < 100 && !port; i++) {
		FILE *f = fopen(pf, "r");
		if (f) {
			if (fscanf(f, "%d", &port) != 1)
				port = 0;
			fclose(f);
		}
		if (!port)
			usleep(50000);
	}
	free(pf);
	free(log);
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	fetch_global_init();
	return port ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
	}
	fetch_global_cleanup();
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	return 0;
}

/* The server's log (one line per request). */
static char *server_log(void)
{
	char *p = xasprintf("%s/log", dir);
	size_t n;
	char *s = test_slurp(p, &n);
	free(p);
	return s ? s : xstrdup("");
}

static void load_one(const char *url, const struct source_validators *v, struct source_result *r)
{
	memset(r, 0, sizeof *r);
	assert_int_equal(source_load_all(&url, NULL, v, 1, &opts, r), r->rc ? 1 : 0);
}

static void test_conditional(void **state)
{
	(void)state;
	char *url = xasprintf("%s/feed.xml?etag=1", base);
	struct source_result r;
	load_one(url, NULL, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.not_modified, 0);
	assert_int_equal(r.arts.n, 1);
	assert_string_equal(r.title, "示例频道");
	assert_string_equal(r.arts.v[0]->source, url); /* the article output is as before */
	assert_non_null(r.etag);
	assert_non_null(r.last_modified);
	char *etag = xstrdup(r.etag), *lm = xstrdup(r.last_modified);
	source_result_free(&r);

	struct source_validators both = {etag, lm};
	load_one(url, &both, &r);
	assert_int_equal(r.rc, 0);  /* a 304 is a success */
	assert_int_equal(r.status, 304);
	assert_int_equal(r.not_modified, 1);
	assert_int_equal(r.arts.n, 0);
	assert_null(r.title);
	assert_string_equal(r.etag, etag);      /* the response's */
	assert_string_equal(r.last_modified, lm); /* none in the 304: the one sent */
	source_result_free(&r);

	struct source_validators date_only = {NULL, lm};
	load_one(url, &date_only, &r);
	assert_int_equal(r.not_modified, 1);
	source_result_free(&r);

	struct source_validators stale = {"\"stale\"", NULL};
	load_one(url, &stale, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.not_modified, 0);
	assert_int_equal(r.arts.n, 1);
	assert_string_equal(r.etag, etag);
	source_result_free(&r);

	/* the requests carried the validators */
	char *log = server_log();
	char *want = xasprintf("/feed.xml?etag=1 inm=%s ims=%s\n", etag, lm);
	assert_non_null(strstr(log, want));
	free(want);
	want = xasprintf("/feed.xml?etag=1 ims=%s\n", lm);
	assert_non_null(strstr(log, want));
	free(want);
	assert_non_null(strstr(log, "/feed.xml?etag=1 inm=\"stale\"\n"));
	free(log);
	free(etag);
	free(lm);
	free(url);
}

/* Several sources at once: each result is its own, failures included; a page has no title. */
static void test_each_on_its_own(void **state)
{
	(void)state;
	char *u[4] = {xasprintf("%s/feed.xml", base), xasprintf("%s/status/404", base),
		      xasprintf("%s/page.html", base), xstrdup(FIXTURES "/fetch/feed1.xml")};
	struct source_result r[4] = {{0}};
	assert_int_equal(source_load_all((const char *const *)u, NULL, NULL, 4, &opts, r), 1);
	assert_int_equal(r[0].rc, 0);
	assert_string_equal(r[0].title, "示例频道");
	assert_null(r[0].etag); /* this URL sends none */
	assert_int_equal(r[1].rc, -1);
	assert_int_equal(r[1].status, 404);
	char *want = xasprintf("%s: HTTP status 404", u[1]);
	assert_string_equal(r[1].err.msg, want);
	free(want);
	assert_null(r[1].etag);
	assert_int_equal(r[2].rc, 0);
	assert_null(r[2].title); /* a page */
	assert_int_equal(r[3].rc, 0); /* a local feed: its title too */
	assert_non_null(r[3].title);
	assert_int_equal(r[3].status, 0);
	for (int i = 0; i < 4; i++) {
		source_result_free(&r[i]);
		free(u[i]);
	}
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conditional),
		cmocka_unit_test(test_each_on_its_own),
	};
	return cmocka_run_group_tests_name("fetch", tests, setup, teardown);
}
