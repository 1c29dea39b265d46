/* Unit tests for exec.c (running a command for its output) and the urls file's command lines. */
#include "testutil.h"

#include "newsread/source.h"
#include "source/exec.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* After exec_run, no child of ours is left, not even a zombie. */
static void assert_no_child(void)
{
	errno = 0;
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void test_output(void **state)
{
	(void)state;
	char *out;
	size_t len;
	struct nr_error err;
	assert_int_equal(exec_run("printf '甲\\n乙'; echo ignored >&2", NULL, 0, 5, 1024, &out, &len, &err), 0);
	assert_int_equal(len, strlen("甲\n乙"));
	assert_string_equal(out, "甲\n乙");
	free(out);
	/* standard input: /dev/null, or the input given */
	assert_int_equal(exec_run("wc -c", NULL, 0, 5, 1024, &out, &len, &err), 0);
	assert_int_equal(atoi(out), 0);
	free(out);
	static char big[300000]; /* more than a pipe holds: written while read */
	memset(big, 'a', sizeof big);
	assert_int_equal(exec_run("tr a b", big, sizeof big, 5, sizeof big, &out, &len, &err), 0);
	assert_int_equal(len, sizeof big);
	assert_true(out[0] == 'b' && out[len - 1] == 'b');
	free(out);
	/* a command that reads none of its input still ends well (no SIGPIPE for us) */
	assert_int_equal(exec_run("echo done", big, sizeof big, 5, 1024, &out, &len, &err), 0);
	assert_string_equal(out, "done\n");
	free(out);
	/* no terminal: a session of its own */
	assert_int_equal(exec_run("if (exec 3</dev/tty) 2>/dev/null; then echo tty; else echo none; fi", NULL, 0, 5,
				  1024, &out, &len, &err), 0);
	assert_string_equal(out, "none\n");
	free(out);
	assert_no_child();
}

static void test_failures(void **state)
{
	(void)state;
	char *out = NULL;
	size_t len;
	struct nr_error err;
	assert_int_equal(exec_run("echo >&2; echo '  first line' >&2; echo second >&2; exit 3", NULL, 0, 5, 1024, &out,
				  &len, &err), -1);
	assert_string_equal(err.msg, "exit 3: first line");
	assert_int_equal(exec_run("exit 7", NULL, 0, 5, 1024, &out, &len, &err), -1);
	assert_string_equal(err.msg, "exit 7");
	assert_int_equal(exec_run("printf '\\033[31mred\\ttab' >&2; exit 1", NULL, 0, 5, 1024, &out, &len, &err), -1);
	assert_string_equal(err.msg, "exit 1: [31mred tab"); /* no escape reaches the terminal */
	assert_int_equal(exec_run("kill -9 $$", NULL, 0, 5, 1024, &out, &len, &err), -1);
	assert_string_equal(err.msg, "killed by signal 9");
	assert_int_equal(exec_run("no-such-command-here", NULL, 0, 5, 1024, &out, &len, &err), -1);
	assert_true(has_prefix(err.msg, "exit 127: "));
	assert_int_equal(exec_run("head -c 5000 /dev/zero", NULL, 0, 5, 1000, &out, &len, &err), -1);
	assert_string_equal(err.msg, "output over 1000 bytes");
	assert_int_equal(exec_run("yes", NULL, 0, 5, 100000, &out, &len, &err), -1); /* endless */
	assert_string_equal(err.msg, "output over 100000 bytes");
	assert_null(out);
	assert_no_child();
}

static void test_timeout(void **state)
{
	(void)state;
	char *out = NULL;
	size_t len;
	struct nr_error err;
	time_t t0 = time(NULL);
	/* hung, with a child of its own holding the pipe: both killed at the time-out */
	assert_int_equal(exec_run("sleep 30 & sleep 30", NULL, 0, 1, 1024, &out, &len, &err), -1);
	assert_string_equal(err.msg, "timed out after 1 s");
	assert_true(time(NULL) - t0 <= 3);
	/* exited, but left something behind that holds standard output open */
	t0 = time(NULL);
	assert_int_equal(exec_run("(sleep 30 &); echo early", NULL, 0, 1, 1024, &out, &len, &err), -1);
	assert_string_equal(err.msg, "timed out after 1 s");
	assert_true(time(NULL) - t0 <= 3);
	/* a command that never reads its input and never ends */
	static char big[1 << 20];
	assert_int_equal(exec_run("sleep 30", big, sizeof big, 1, 1024, &out, &len, &err), -1);
	assert_string_equal(err.msg, "timed out after 1 s");
	assert_no_child();
}

static void test_urls_lines(void **state)
{
	(void)state;
	char dir[] = "/tmp/nr-exec-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *p = xasprintf("%s/urls", dir);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("\"exec:cat feed.xml\" 甲 \"~命令\"\n"
	      "\"filter:sed 's/a:b/c/':https://example.com/feed\" !\n"
	      "https://example.com/hidden \"!隐藏\" 乙\n"
	      "\"query:Unread:unread = \\\"yes\\\"\"\n"
	      "exec:\n"
	      "\"filter:tr a b\"\n"
	      "\"filter::https://example.com/\"\n",
	      f);
	fclose(f);
	struct source_list l = {0};
	struct nr_error err;
	assert_int_equal(urls_load(p, &l, &err), -1);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].url, "exec:cat feed.xml");
	assert_string_equal(l.v[0].name, "命令");
	assert_false(l.v[0].hidden);
	assert_string_equal(l.v[1].url, "filter:sed 's/a:b/c/':https://example.com/feed");
	assert_true(l.v[1].hidden);
	assert_int_equal(l.v[1].ncats, 0); /* ! is no category */
	assert_true(l.v[2].hidden);
	assert_int_equal(l.v[2].ncats, 1);
	assert_int_equal(l.nerrs, 4);
	const char *want[] = {":4: query: sources are not supported yet (saved searches come later)",
			      ":5: exec: needs a command", ":6: filter: expected filter:COMMAND:URL",
			      ":7: filter: expected filter:COMMAND:URL"};
	for (size_t i = 0; i < 4; i++) {
		char *w = xasprintf("%s%s", p, want[i]);
		if (!has_prefix(l.errs[i].msg, w))
			fail_msg("got '%s', want prefix '%s'", l.errs[i].msg, w);
		free(w);
	}
	source_list_free(&l);
	unlink(p);
	rmdir(dir);
	free(p);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_urls_lines),
	};
	return cmocka_run_group_tests_name("exec", tests, NULL, NULL);
}
