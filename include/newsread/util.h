/* util.h - allocation, growable buffers, errors, files: the small kit every module uses. */
#ifndef NEWSREAD_UTIL_H
#define NEWSREAD_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocation failure aborts with a message through one place; callers never check for NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable byte buffer; s is always NUL-terminated once anything was added. */
struct buf {
	char *s;      /* contents, NUL-terminated */
	size_t len;   /* bytes used, without the NUL */
	size_t cap;   /* bytes allocated */
};
void buf_init(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *buf_steal(struct buf *b); /* returns the string (never NULL) and resets b */
void buf_free(struct buf *b);

/* An error carries its message; functions return -1 after nr_fail() filled it. */
struct nr_error {
	char msg[512]; /* one line, no trailing newline */
};
/* The message is one line fit for a terminal: tabs and newlines become spaces, other control
 * characters (ESC ...) are dropped and invalid UTF-8 becomes U+FFFD, whatever a file name,
 * URL or server put into it. */
int nr_fail(struct nr_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "newsread: MESSAGE" as one sanitized line on stderr (as nr_fail cleans it). */
void nr_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last line nr_report printed (without "newsread: "), "" before any: for telling in
 * the interface what scrolled by on stderr before it started. Reports come from the main
 * thread only (the background reload keeps its messages to itself). */
const char *nr_last_report(void);

/* Read a whole regular file, at most max bytes (more is an error).
 * Returns 0 and a malloc'd NUL-terminated buffer in *data, or -1 with err filled
 * ("PATH: reason"). A named pipe is read too (newsread <(curl ...)), but when nothing
 * is written to it within the pipe wait (no writer) it is an error, not a hang. */
int read_file(const char *path, size_t max, char **data, size_t *len, struct nr_error *err);
/* read_file, waiting at most pipe_wait seconds (at least 1) for a named pipe's first
 * bytes: a source given as a pipe is read like a download, within the fetch time-out.
 * read_file waits READ_PIPE_WAIT seconds. */
#define READ_PIPE_WAIT 30
int read_file_wait(const char *path, size_t max, int pipe_wait, char **data, size_t *len, struct nr_error *err);
/* Read a stream to its end, at most max bytes. Same contract as read_file. */
int read_stream(int fd, const char *name, size_t max, char **data, size_t *len, struct nr_error *err);

/* Copy s into out (a buf), replacing C0/C1 control characters, DEL and invalid UTF-8:
 * tabs and newlines become one space when flatten is set (kept otherwise), the rest are dropped. */
void text_sanitize(struct buf *out, const char *s, size_t n, int flatten);

/* 1 when s (n bytes) is valid UTF-8. */
int utf8_valid(const char *s, size_t n);
/* Decode the code point at s (n > 0 bytes left) and set *len to its length. A byte that
 * does not start a valid sequence (bad lead, bad or missing continuation, overlong,
 * surrogate) decodes as U+FFFD with *len = 1, so a loop over it always advances. */
unsigned utf8_next_cp_slow(const char *s, size_t n, size_t *len);
static inline unsigned utf8_next_cp(const char *s, size_t n, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	/* most CJK: a lead E1..EF (not ED: surrogates) with two continuation bytes is never
	 * overlong and never invalid */
	if (n >= 3 && p[0] >= 0xE1 && p[0] != 0xED && p[0] <= 0xEF && (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80) {
		*len = 3;
		return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
	}
	return utf8_next_cp_slow(s, n, len);
}

/* ASCII case-insensitive comparisons that do not depend on the locale. */
int ascii_casecmp(const char *a, const char *b);
int ascii_ncasecmp(const char *a, const char *b, size_t n);
int has_prefix(const char *s, const char *prefix);   /* exact */
int has_iprefix(const char *s, const char *prefix);  /* ASCII case-insensitive */

/* Trim ASCII whitespace in place; returns s. */
char *str_trim(char *s);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Split one line into words, the way the config language and the urls file do: words
 * apart by blanks, "double" and 'single' quotes, backslash escapes (in double quotes \n
 * and \t too), # starts a comment outside quotes. Returns argc (argv[0..argc) malloc'd
 * strings, at most max words), or -1 with err on an unterminated quote or too many words
 * (nothing left allocated then). */
int util_split_words(const char *line, char **argv, int max, struct nr_error *err);

#endif
