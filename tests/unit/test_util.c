/* Unit tests for util.c: buffers, sanitizing, UTF-8 checks, file limits. */
#include "testutil.h"

#include "newsread/util.h"

#include <sys/wait.h>
#include <unistd.h>

static void test_buf(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.s));
	assert_memory_equal(b.s, "0,1,2,", 6);
	char *s = buf_steal(&b);
	assert_null(b.s);
	free(s);
	s = buf_steal(&b); /* empty buffer gives "" */
	assert_string_equal(s, "");
	free(s);
}

static void test_sanitize(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	const char in[] = "a\tb\nc\x1b[31m红\x7f\xc2\x85" "d\xff";
	text_sanitize(&b, in, sizeof in - 1, 1);
	assert_string_equal(b.s, "a b c[31m红d\xEF\xBF\xBD");
	buf_free(&b);
	text_sanitize(&b, "x\ty", 3, 0);
	assert_string_equal(b.s, "x\ty");
	buf_free(&b);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid("中文 abc 😀", strlen("中文 abc 😀")));
	assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(utf8_valid("\xe4\xb8", 2));         /* truncated */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* beyond U+10FFFF */
}

/* One decoder for every module: valid sequences decode, anything else is U+FFFD and one byte. */
static void test_utf8_next_cp(void **state)
{
	(void)state;
	size_t l;
	assert_int_equal(utf8_next_cp("A", 1, &l), 'A');
	assert_int_equal(l, 1);
	assert_int_equal(utf8_next_cp("\xC3\xA9", 2, &l), 0xE9); /* é */
	assert_int_equal(l, 2);
	assert_int_equal(utf8_next_cp("\xE4\xB8\xAD\xE6", 4, &l), 0x4E2D); /* 中 */
	assert_int_equal(l, 3);
	assert_int_equal(utf8_next_cp("\xF0\xA0\x80\x80", 4, &l), 0x20000); /* 𠀀 */
	assert_int_equal(l, 4);
	/* truncated: the lead byte alone, so the ASCII after it is not swallowed */
	assert_int_equal(utf8_next_cp("\xE4\x41\x42", 3, &l), 0xFFFD);
	assert_int_equal(l, 1);
	assert_int_equal(utf8_next_cp("\xE4\xB8", 2, &l), 0xFFFD);
	assert_int_equal(l, 1);
	assert_int_equal(utf8_next_cp("\x80", 1, &l), 0xFFFD);     /* stray continuation */
	assert_int_equal(utf8_next_cp("\xC0\xAF", 2, &l), 0xFFFD); /* overlong '/' */
	assert_int_equal(utf8_next_cp("\xED\xA0\x80", 3, &l), 0xFFFD); /* surrogate */
	assert_int_equal(l, 1);
}

static void test_read_file_limits(void **state)
{
	(void)state;
	char path[] = "/tmp/nrutilXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "0123456789", 10), 10);
	close(fd);
	char *data;
	size_t len;
	struct nr_error e;
	assert_int_equal(read_file(path, 100, &data, &len, &e), 0);
	assert_int_equal(len, 10);
	free(data);
	assert_int_equal(read_file(path, 5, &data, &len, &e), -1);
	assert_non_null(strstr(e.msg, "larger than the limit"));
	unlink(path);
	assert_int_equal(read_file("/nonexistent/x", 5, &data, &len, &e), -1);
	assert_string_equal(e.msg, "/nonexistent/x: No such file or directory");
	assert_int_equal(read_file("/tmp", 5, &data, &len, &e), -1);
	assert_string_equal(e.msg, "/tmp: is a directory");
}

/* Read what a child writes into a pipe, with limit max. */
static int read_pipe(size_t bytes, size_t max, char **data, size_t *len, struct nr_error *e)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		char block[1000];
		for (size_t i = 0; i < sizeof block; i++)
			block[i] = (char)('a' + i % 26);
		for (size_t done = 0; done < bytes;) {
			size_t n = bytes - done < sizeof block ? bytes - done : sizeof block;
			if (write(p[1], block, n) != (ssize_t)n)
				_exit(1);
			done += n;
		}
		_exit(0);
	}
	close(p[1]);
	int rc = read_stream(p[0], "pipe", max, data, len, e);
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	return rc;
}

static void test_read_stream(void **state)
{
	(void)state;
	char *data;
	size_t len;
	struct nr_error e;
	/* a pipe: no size known, read whole whatever its length */
	assert_int_equal(read_pipe(0, 100, &data, &len, &e), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	assert_int_equal(read_pipe(300000, 300000, &data, &len, &e), 0);
	assert_int_equal(len, 300000);
	assert_int_equal(strlen(data), 300000);
	assert_int_equal(data[299999], 'a' + 999 % 26); /* the last byte of a 1000-byte block */
	free(data);
	assert_int_equal(read_pipe(300001, 300000, &data, &len, &e), -1);
	assert_string_equal(e.msg, "pipe: larger than the limit of 300000 bytes");
	/* a regular file of exactly the limit, and of one byte more */
	char path[] = "/tmp/nrutilXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	char big[5000];
	memset(big, 'x', sizeof big);
	assert_int_equal(write(fd, big, sizeof big), (ssize_t)sizeof big);
	close(fd);
	assert_int_equal(read_file(path, 5000, &data, &len, &e), 0);
	assert_int_equal(len, 5000);
	assert_int_equal(data[4999], 'x');
	assert_int_equal(data[5000], '\0');
	free(data);
	assert_int_equal(read_file(path, 4999, &data, &len, &e), -1);
	assert_non_null(strstr(e.msg, "larger than the limit of 4999 bytes"));
	unlink(path);
}

static void test_strings(void **state)
{
	(void)state;
	assert_int_equal(ascii_casecmp("Content-Type", "content-type"), 0);
	assert_true(has_iprefix("HTTPS://x", "https://"));
	assert_false(has_prefix("red", "redx"));
	char s[] = "  \t hi there \n";
	assert_string_equal(str_trim(s), "hi there");
}

static void test_split_words(void **state)
{
	(void)state;
	char *argv[8];
	struct nr_error e;
	int n = util_split_words("set stock-format \"%n [%c]\" # comment", argv, 8, &e);
	assert_int_equal(n, 3);
	assert_string_equal(argv[2], "%n [%c]");
	for (int i = 0; i < n; i++)
		free(argv[i]);
	n = util_split_words("  set a 'it''s'", argv, 8, &e);
	assert_int_equal(n, 3);
	assert_string_equal(argv[2], "its");
	for (int i = 0; i < n; i++)
		free(argv[i]);
	assert_int_equal(util_split_words("set a \"open", argv, 8, &e), -1);
	assert_string_equal(e.msg, "unterminated double quote");
	assert_int_equal(util_split_words("   # only a comment", argv, 8, &e), 0);
	assert_int_equal(util_split_words("a b c", argv, 2, &e), -1);
	assert_string_equal(e.msg, "too many words (at most 2)");
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_next_cp),
		cmocka_unit_test(test_read_file_limits),
		cmocka_unit_test(test_read_stream),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_split_words),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
