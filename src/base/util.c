/* util.c - allocation, buffers, errors and file reading. */
#include "newsread/util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void oom(void)
{
	fputs("newsread: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	if (!fmt)
		return xstrdup("");
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup("");
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

static void buf_grow(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap) /* hot: one call per character in many loops */
		buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	if (!fmt)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *buf_steal(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	buf_init(b);
	return s;
}

void buf_free(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

/* fmt and ap as one line fit for a terminal: control characters and invalid UTF-8 out,
 * cut at a character boundary to fit cap bytes with the NUL. */
static void format_line(char *out, size_t cap, const char *fmt, va_list ap)
{
	char raw[2048];
	int n = vsnprintf(raw, sizeof raw, fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n < sizeof raw ? (size_t)n : sizeof raw - 1;
	struct buf b;
	buf_init(&b);
	text_sanitize(&b, raw, len, 1);
	size_t k = b.len < cap ? b.len : cap - 1;
	while (k && k < b.len && ((unsigned char)b.s[k] & 0xC0) == 0x80)
		k--; /* do not cut a character */
	memcpy(out, b.s, k);
	out[k] = '\0';
	buf_free(&b);
}

int nr_fail(struct nr_error *e, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		format_line(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static char last_report[1024];

void nr_report(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	format_line(last_report, sizeof last_report, fmt, ap);
	va_end(ap);
	fprintf(stderr, "newsread: %s\n", last_report);
}

const char *nr_last_report(void)
{
	return last_report;
}

int read_stream(int fd, const char *name, size_t max, char **data, size_t *len, struct nr_error *err)
{
	/* read straight into the result: a regular file's size is known, so it is read into
	   one block of that size (plus a little, to see the end) without copies or a stack
	   buffer; pipes grow the block by half each time */
	struct stat st;
	size_t cap = 4096;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0) {
		if ((uintmax_t)st.st_size > max)
			return nr_fail(err, "%s: larger than the limit of %zu bytes", name, max);
		cap = (size_t)st.st_size + 64;
	}
	char *s = xmalloc(cap);
	size_t n = 0;
	for (;;) {
		if (cap - n < 2) {
			cap += cap / 2;
			s = xrealloc(s, cap);
		}
		ssize_t r = read(fd, s + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(s);
			return nr_fail(err, "%s: %s", name, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			free(s);
			return nr_fail(err, "%s: larger than the limit of %zu bytes", name, max);
		}
	}
	s[n] = '\0';
	*len = n;
	*data = s;
	return 0;
}

int read_file(const char *path, size_t max, char **data, size_t *len, struct nr_error *err)
{
	return read_file_wait(path, max, READ_PIPE_WAIT, data, len, err);
}

int read_file_wait(const char *path, size_t max, int pipe_wait, char **data, size_t *len, struct nr_error *err)
{
	if (pipe_wait < 1)
		pipe_wait = 1;
	/* O_NONBLOCK: opening a named pipe must not wait for a writer forever */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return nr_fail(err, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int r;
		while ((r = poll(&pfd, 1, pipe_wait * 1000)) < 0 && errno == EINTR)
			;
		if (r == 0) {
			close(fd);
			return nr_fail(err, "%s: nothing written to this pipe within %d seconds", path, pipe_wait);
		}
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK); /* a writer is there: read to its end */
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return nr_fail(err, "%s: is a directory", path);
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
		close(fd);
		return nr_fail(err, "%s: larger than the limit of %zu bytes", path, max);
	}
	int rc = read_stream(fd, path, max, data, len, err);
	close(fd);
	return rc;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	unsigned cp = c & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

unsigned utf8_next_cp_slow(const char *s, size_t n, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t l = utf8_seq(p, n);
	if (!l) {
		*len = 1;
		return 0xFFFD;
	}
	*len = l;
	if (l == 1)
		return p[0];
	unsigned cp = p[0] & (0x7Fu >> l);
	for (size_t i = 1; i < l; i++)
		cp = (cp << 6) | (p[i] & 0x3Fu);
	return cp;
}

int utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) { /* hot: ASCII (8 bytes at a time) and most CJK take short ways */
			uint64_t w;
			while (n - i >= 8 && (memcpy(&w, p + i, 8), !(w & 0x8080808080808080ull)))
				i += 8;
			while (i < n && p[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80) { /* never overlong, never a surrogate */
			i += 3;
			continue;
		}
		size_t l = utf8_seq(p + i, n - i);
		if (!l)
			return 0;
		i += l;
	}
	return 1;
}

void text_sanitize(struct buf *out, const char *s, size_t n, int flatten)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	if (!out->s)
		buf_add(out, "", 0);
	while (i < n) {
		size_t l = utf8_seq(p + i, n - i);
		if (!l) {
			buf_adds(out, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		unsigned c = p[i];
		if (l == 1 && (c < 0x20 || c == 0x7F)) {
			if (c == '\t' || c == '\n' || c == '\r')
				buf_addc(out, flatten ? ' ' : (char)c);
		} else if (l == 2 && c == 0xC2 && p[i + 1] < 0xA0) {
			/* C1 control: dropped */
		} else {
			buf_add(out, s + i, l);
		}
		i += l;
	}
}

int ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z') x += 32;
		if (y >= 'A' && y <= 'Z') y += 32;
		if (x != y || !x)
			return x - y;
	}
}

int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z') x += 32;
		if (y >= 'A' && y <= 'Z') y += 32;
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

int has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int has_iprefix(const char *s, const char *prefix)
{
	return ascii_ncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *str_trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		memmove(s, s + 1, strlen(s));
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int util_split_words(const char *line, char **argv, int max, struct nr_error *err)
{
	int argc = 0;
	const char *p = line;
	struct buf w;
	buf_init(&w);
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			break;
		buf_add(&w, "", 0);
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			if (*p == '"' || *p == '\'') {
				char q = *p++;
				while (*p && *p != q) {
					if (q == '"' && *p == '\\' && p[1]) {
						p++;
						char c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
						buf_addc(&w, c);
						p++;
						continue;
					}
					buf_addc(&w, *p++);
				}
				if (*p != q) {
					buf_free(&w);
					for (int i = 0; i < argc; i++)
						free(argv[i]);
					return nr_fail(err, "unterminated %s quote", q == '"' ? "double" : "single");
				}
				p++;
			} else if (*p == '\\' && p[1]) {
				buf_addc(&w, p[1]);
				p += 2;
			} else {
				buf_addc(&w, *p++);
			}
		}
		if (argc == max) {
			buf_free(&w);
			for (int i = 0; i < argc; i++)
				free(argv[i]);
			return nr_fail(err, "too many words (at most %d)", max);
		}
		argv[argc++] = buf_steal(&w);
	}
	buf_free(&w);
	return argc;
}
