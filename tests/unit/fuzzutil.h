/* fuzzutil.h - deterministic fuzzing kit for the test_fuzz_*.c property tests: a seeded
 * PRNG, fixture loading, mutations of real inputs, hostile generators, and the checks
 * every parser's output must pass (valid UTF-8, no control characters, sane runs) plus
 * layout at many widths. Everything is static so each test binary stands alone.
 * NEWSREAD_FUZZ_SEED and NEWSREAD_FUZZ_SCALE (percent of the default iterations) let a
 * developer explore further; make check uses the fixed defaults. */
#ifndef NEWSREAD_FUZZUTIL_H
#define NEWSREAD_FUZZUTIL_H

#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

#include "newsread/doc.h"
#include "newsread/layout.h"
#include "newsread/util.h"

/* ---- PRNG (splitmix64), seeded ---- */

static uint64_t fz_state;

static inline uint64_t fz_next(void)
{
	uint64_t z = (fz_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) (n > 0). */
static inline size_t fz_below(size_t n)
{
	return n ? (size_t)(fz_next() % n) : 0;
}

/* Seed from NEWSREAD_FUZZ_SEED, else the given default; printed so a failure can be replayed. */
static inline void fz_seed(uint64_t def, const char *what)
{
	const char *e = getenv("NEWSREAD_FUZZ_SEED");
	fz_state = e && *e ? strtoull(e, NULL, 0) : def;
	printf("# %s: seed %llu\n", what, (unsigned long long)fz_state);
}

/* Iterations scaled by NEWSREAD_FUZZ_SCALE (percent, default 100). */
static inline size_t fz_iters(size_t n)
{
	const char *e = getenv("NEWSREAD_FUZZ_SCALE");
	if (e && *e) {
		unsigned long pct = strtoul(e, NULL, 10);
		n = n * pct / 100;
	}
	return n ? n : 1;
}

/* ---- inputs ---- */

struct fz_file {
	char *path;
	char *data;
	size_t len;
};

struct fz_files {
	struct fz_file *v;
	size_t n, cap;
};

/* Add every regular file under dir (recursively) whose name ends with one of the
 * suffixes (a '|'-separated list, "" for all), at most 1 MB each, in a stable order. */
static inline void fz_load_dir(struct fz_files *fs, const char *dir, const char *suffixes)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		if (nm[0] == '.') {
			free(ents[i]);
			continue;
		}
		char *p = xasprintf("%s/%s", dir, nm);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			fz_load_dir(fs, p, suffixes);
			free(p);
		} else {
			int ok = !*suffixes;
			const char *s = suffixes;
			while (!ok && *s) {
				const char *bar = strchr(s, '|');
				size_t sl = bar ? (size_t)(bar - s) : strlen(s);
				size_t pl = strlen(nm);
				ok = pl >= sl && memcmp(nm + pl - sl, s, sl) == 0;
				s = bar ? bar + 1 : s + sl;
			}
			struct nr_error err;
			char *data;
			size_t len;
			if (ok && read_file(p, 1u << 20, &data, &len, &err) == 0) {
				if (fs->n == fs->cap) {
					fs->cap = fs->cap ? fs->cap * 2 : 32;
					fs->v = xrealloc(fs->v, fs->cap * sizeof *fs->v);
				}
				fs->v[fs->n++] = (struct fz_file){p, data, len};
			} else
				free(p);
		}
		free(ents[i]);
	}
	free(ents);
}

static inline void fz_files_free(struct fz_files *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free(fs->v[i].path);
		free(fs->v[i].data);
	}
	free(fs->v);
	memset(fs, 0, sizeof *fs);
}

/* Hostile fragments spliced into inputs. */
static const char *const fz_tokens[] = {
	"<", ">", "&", "&#", "&#x", "&#0;", "&#xD800;", "&#xDFFF;", "&#x110000;", "&#99999999999;",
	"&#1;", "&#x9F;", "&#127;", "&amp", "&nbsp", "&nbsp;", "&lt;&gt;", "<!--", "-->", "<![CDATA[",
	"]]>", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "<?xml version=\"1.0\"?>", "<?", "?>",
	"<div>", "</div>", "<p>", "</p>", "<pre>", "</pre>", "<table><tr><td>", "</td></tr></table>",
	"<td colspan=99999>", "<th rowspan=-1>", "<li>", "<ol start=-2147483648>", "<ul>", "<blockquote>",
	"<a href=\"", "\">", "<a href=javascript:alert(1)>", "<img src=\"x\" alt=\"", "<img srcset=\", ,\">",
	"<br>", "<br/><br/>", "<hr>", "<h1>", "<h7>", "<ruby>", "<rt>", "<script>", "</script>",
	"<style>", "<span data-stock=\"603000.SH\">", "<code>", "<b><i><u>", "\t", "\r\n", "\r", "\n\n",
	"\x1b[31m", "\x07", "\x7f", "\xc2\x85", "\xc2\x9b", "\xe2\x80\xae", "\xef\xbb\xbf", "\xc0\x80",
	"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff", "\xfe", "\x81", "\x81\x30", "\x81\x30\x81",
	"\x81\x30\x81\x30", "\xa1", "\xe4\xb8", "\xe4", "\xf0\x9f\x98", "\x00", "\x00\x00",
	"，。", "——", "……", "「", "」", "中文", "\xe3\x80\x80", "\xcc\x81\xcc\x81", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	"\xe2\x80\x8b", "\xe2\x81\xa0", "---\n", "---", "title: ", "categories: [", "&anchor ", "*anchor",
	"<<: *a", "!!binary ", "? ", "- ", "{", "}", "[", "]", "\"", "'", "\\u0000", "\\ud800", "\\udc00x",
	"<rss version=\"2.0\"><channel>", "<item>", "</item>", "<entry>", "<title>", "</title>",
	"<pubDate>", "<updated>9999-99-99T99:99:99Z</updated>", "<pubDate>Mon, 32 Foo 99999 25:61:61 +9999</pubDate>",
	"<content type=\"xhtml\">", "<content type=\"html\">", "xml:base=\"../../\"",
};

/* Append to b a random hostile fragment: a token, random bytes, or repetition. */
static inline void fz_add_token(struct buf *b)
{
	switch (fz_below(8)) {
	case 0: { /* random bytes */
		size_t n = 1 + fz_below(16);
		for (size_t i = 0; i < n; i++)
			buf_addc(b, (char)fz_next());
		break;
	}
	case 1: { /* a token repeated */
		const char *t = fz_tokens[fz_below(ARRAY_LEN(fz_tokens))];
		size_t tl = strlen(t) ? strlen(t) : 1;
		size_t n = 1 + fz_below(64);
		for (size_t i = 0; i < n; i++)
			buf_add(b, t, tl);
		break;
	}
	default: {
		const char *t = fz_tokens[fz_below(ARRAY_LEN(fz_tokens))];
		buf_add(b, t, strlen(t) ? strlen(t) : 1); /* "" stands for one NUL ("\x00") */
		break;
	}
	}
}

/* A mutated copy of s (n bytes) in out (reset first); other is a second input to splice. */
static inline void fz_mutate(struct buf *out, const char *s, size_t n, const char *other, size_t on)
{
	out->len = 0;
	buf_add(out, "", 0);
	buf_add(out, s, n);
	size_t rounds = 1 + fz_below(6);
	for (size_t r = 0; r < rounds; r++) {
		size_t len = out->len;
		size_t at = fz_below(len + 1);
		switch (fz_below(9)) {
		case 0: /* bit flips */
			for (size_t k = 0, m = 1 + fz_below(8); k < m && len; k++)
				out->s[fz_below(len)] ^= (char)(1u << fz_below(8));
			break;
		case 1: /* truncate */
			out->len = at;
			out->s[at] = '\0';
			break;
		case 2: { /* delete a range */
			size_t l = fz_below(len - at + 1);
			memmove(out->s + at, out->s + at + l, len - at - l + 1);
			out->len -= l;
			break;
		}
		case 3: { /* duplicate a range somewhere */
			size_t l = fz_below(len - at + 1);
			if (l > 4096)
				l = 4096;
			char *copy = xstrndup(out->s + at, l);
			struct buf t;
			buf_init(&t);
			size_t to = fz_below(len + 1);
			buf_add(&t, out->s, to);
			buf_add(&t, copy, l);
			buf_add(&t, out->s + to, len - to);
			free(copy);
			buf_free(out);
			*out = t;
			break;
		}
		case 4: { /* splice: head of this, tail of the other */
			if (!other)
				break;
			size_t ot = fz_below(on + 1);
			out->len = at;
			buf_add(out, other + ot, on - ot);
			break;
		}
		default: { /* insert hostile fragments */
			struct buf t;
			buf_init(&t);
			buf_add(&t, out->s, at);
			for (size_t k = 0, m = 1 + fz_below(4); k < m; k++)
				fz_add_token(&t);
			buf_add(&t, out->s + at, len - at);
			buf_free(out);
			*out = t;
			break;
		}
		}
	}
}

/* Fill out with n random bytes: uniformly random, or biased to markup and UTF-8 pieces. */
static inline void fz_random(struct buf *out, size_t n)
{
	out->len = 0;
	buf_add(out, "", 0);
	int markup = fz_below(2);
	while (out->len < n) {
		if (markup)
			fz_add_token(out);
		else
			buf_addc(out, (char)fz_next());
	}
}

/* ---- checks ---- */

/* The first offending byte offset of text that is not valid UTF-8 or holds a C0/C1
 * control or DEL (other than '\n' when nl, '\t' when tab), or -1 when clean. */
static inline long fz_bad_text(const char *s, size_t n, int nl, int tab)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!utf8_valid(s, n)) {
		size_t i = 0; /* the first invalid sequence: extend a valid prefix one character at a time */
		for (;;) {
			size_t k = 1;
			while (k <= 4 && i + k <= n && !utf8_valid(s + i, k))
				k++;
			if (k > 4 || i + k > n)
				return (long)i;
			i += k;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f) {
			if ((p[i] == '\n' && nl) || (p[i] == '\t' && tab))
				continue;
			return (long)i;
		}
		if (p[i] == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			return (long)i;
	}
	return -1;
}

/* Print the input that failed so it can be added as a fixture. */
static inline void fz_report(const char *what, const char *in, size_t n)
{
	print_error("fuzz failure: %s; input (%zu bytes):\n", what, n);
	const char *dump = getenv("NEWSREAD_FUZZ_DUMP"); /* a file to write the input to */
	FILE *f = dump && *dump ? fopen(dump, "wb") : NULL;
	if (f) {
		fwrite(in, 1, n, f);
		fclose(f);
	}
	for (size_t i = 0; i < n && i < 2048; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			print_error("%c", c);
		else
			print_error("\\x%02x", c);
	}
	print_error("\n");
}

/* Assert a text field: valid UTF-8, no controls except nl/tab as allowed. */
#define FZ_TEXT(s, n, nl, tab, in, inlen, what)                                            \
	do {                                                                               \
		long bad_ = fz_bad_text((s), (n), (nl), (tab));                            \
		if (bad_ >= 0) {                                                           \
			print_error("%s: bad byte 0x%02x at %ld of %zu: '%.*s'\n", (what),        \
				    (unsigned)(unsigned char)(s)[bad_], bad_, (size_t)(n), (int)(n), (s)); \
			fz_report((what), (in), (inlen));                                  \
		}                                                                          \
		assert_true(bad_ < 0);                                                     \
	} while (0)

/* Runs sorted, non-overlapping, inside the text, links in range. */
static inline int fz_runs_ok(const struct run *r, size_t nr, size_t len, size_t nlinks, const char **why)
{
	size_t end = 0;
	for (size_t i = 0; i < nr; i++) {
		if (r[i].off < end)
			return *why = "runs overlap or are out of order", 0;
		if (r[i].off > len || r[i].len > len - r[i].off)
			return *why = "run outside the text", 0;
		if (r[i].link < 0 || (size_t)r[i].link > nlinks)
			return *why = "run link number out of range", 0;
		if (memchr(r[i].stock, '\0', sizeof r[i].stock) == NULL)
			return *why = "stock code not terminated", 0;
		end = r[i].off + r[i].len;
	}
	return 1;
}

/* Check every property of a document built from input in (inlen bytes). */
static inline void fz_check_doc(const struct doc *d, const char *in, size_t inlen)
{
	const char *why = NULL;
	for (size_t i = 0; i < d->nlinks; i++) {
		if (!d->links[i])
			fz_report("NULL link", in, inlen);
		assert_non_null(d->links[i]);
		FZ_TEXT(d->links[i], strlen(d->links[i]), 0, 0, in, inlen, "link URL");
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct block *b = &d->blocks[i];
		if (b->text) {
			assert_int_equal(strlen(b->text), b->len);
			FZ_TEXT(b->text, b->len, 1, b->kind == BLK_PRE, in, inlen, "block text");
		} else
			assert_int_equal(b->len, 0);
		if (!fz_runs_ok(b->runs, b->nruns, b->len, d->nlinks, &why))
			fz_report(why, in, inlen);
		assert_null(why);
		if (b->marker)
			FZ_TEXT(b->marker, strlen(b->marker), 0, 0, in, inlen, "list marker");
		assert_true(b->quote >= 0 && b->indent >= 0);
		if (b->kind == BLK_HEADING)
			assert_true(b->level >= 1 && b->level <= 6);
		if (b->kind != BLK_TABLE)
			continue;
		assert_non_null(b->table);
		const struct table *t = b->table;
		for (size_t c = 0; c < t->rows * t->cols; c++) {
			const struct tcell *tc = &t->cells[c];
			assert_true(tc->colspan >= 0 && (size_t)tc->colspan <= t->cols);
			if (tc->text) {
				assert_int_equal(strlen(tc->text), tc->len);
				FZ_TEXT(tc->text, tc->len, 1, 0, in, inlen, "table cell");
			} else
				assert_int_equal(tc->len, 0);
			if (!fz_runs_ok(tc->runs, tc->nruns, tc->len, d->nlinks, &why))
				fz_report(why, in, inlen);
			assert_null(why);
		}
	}
}

/* Known layout.c bug, reported to its owner (layout*.c is not this test's to edit):
 * push_blank() draws the blank line between two blocks of a quote with one "> " per
 * quote level, without the cap layout_doc applies to block prefixes, so at quote depth q
 * it is 2q-1 columns wide whatever the width ("> >" at width 1 for depth 2; 29 columns
 * at width 20 for depth 15). Such lines (only '>' and ' ') are counted, not failed,
 * while FZ_TOLERATE_QUOTE_BLANK is 1; set it to 0 once layout.c caps them. */
#ifndef FZ_TOLERATE_QUOTE_BLANK
#define FZ_TOLERATE_QUOTE_BLANK 0
#endif
static size_t fz_quote_blank_too_wide;

static inline int fz_quote_blank(const struct line *ln)
{
	for (size_t i = 0; i < ln->len; i++)
		if (ln->text[i] != '>' && ln->text[i] != ' ')
			return 0;
	return ln->len > 0;
}

/* Lay d out at width and check every line: no wider than width unless LINE_PRE, the
 * width it claims, clean text, spans inside the text. */
static inline void fz_check_layout_at(const struct doc *d, int width, int cut_pre, const char *in, size_t inlen)
{
	struct layout_opts o = {.width = width, .cut_pre = cut_pre, .paragraph_indent = width & 1,
				.cjk_latin_space = (width >> 1) & 1, .kinsoku_strict = (width >> 2) & 1};
	struct lines l = {0};
	layout_doc(d, &o, &l);
	for (size_t i = 0; i < l.n; i++) {
		const struct line *ln = &l.v[i];
		FZ_TEXT(ln->text, ln->len, 0, 0, in, inlen, "layout line");
		int w = text_width(ln->text, ln->len);
		if (FZ_TOLERATE_QUOTE_BLANK && ln->width > width && fz_quote_blank(ln) && w == ln->width) {
			if (!fz_quote_blank_too_wide++)
				printf("# KNOWN LAYOUT BUG: quote blank line of %d cols at width %d\n", ln->width, width);
			continue;
		}
		if ((!(ln->flags & LINE_PRE) && ln->width > width) || w != ln->width) {
			print_error("width %d: line %zu claims %d cols, measures %d, flags %u: '%.*s'\n", width, i,
				    ln->width, w, ln->flags, (int)ln->len, ln->text);
			fz_report("layout line too wide", in, inlen);
		}
		assert_int_equal(w, ln->width);
		if (!(ln->flags & LINE_PRE))
			assert_true(ln->width <= width);
		for (size_t k = 0; k < ln->nspans; k++) {
			assert_true(ln->spans[k].off <= ln->len && ln->spans[k].len <= ln->len - ln->spans[k].off);
			assert_true(ln->spans[k].link >= 0 && (size_t)ln->spans[k].link <= d->nlinks);
		}
	}
	lines_free(&l);
}

/* Layout at every width 1..120 (all), else at a few random widths and the edges. */
static inline void fz_check_layout(const struct doc *d, int all, const char *in, size_t inlen)
{
	if (all) {
		for (int w = 1; w <= 120; w++)
			fz_check_layout_at(d, w, w % 3 == 0, in, inlen);
		return;
	}
	fz_check_layout_at(d, 1, 1, in, inlen);
	fz_check_layout_at(d, 2, 0, in, inlen);
	for (int k = 0; k < 3; k++)
		fz_check_layout_at(d, 3 + (int)fz_below(118), (int)fz_below(2), in, inlen);
}

/* ---- articles (feeds, posts) ---- */

#include "newsread/article.h"
#include "newsread/html.h"

#define FZ_DATE_MIN (-62135596800LL) /* 0001-01-01 */
#define FZ_DATE_MAX 253433923199LL  /* 10000-12-31 23:59:59 (9999 in a far zone) */

/* Check one article: clean one-line fields, valid UTF-8 body, a sane date or none.
 * With body set, its HTML also goes through html_to_doc and a layout at a random width. */
static inline void fz_check_article(const struct article *a, int body, const char *in, size_t inlen)
{
	assert_non_null(a);
	const char *fields[] = {a->id, a->title, a->link, a->source, a->author, a->image, a->base, a->lang};
	static const char *const names[] = {"id", "title", "link", "source", "author", "image", "base", "lang"};
	/* the id is a key, never drawn: valid UTF-8 is enough */
	if (a->id && !utf8_valid(a->id, strlen(a->id)))
		fz_report("id not UTF-8", in, inlen);
	assert_true(!a->id || utf8_valid(a->id, strlen(a->id)));
	for (size_t i = 1; i < ARRAY_LEN(fields); i++)
		if (fields[i])
			FZ_TEXT(fields[i], strlen(fields[i]), 0, 0, in, inlen, names[i]);
	for (size_t c = 0; c < a->ncats; c++) {
		assert_true(a->cats[c].n > 0 && a->cats[c].n <= 256);
		for (size_t k = 0; k < a->cats[c].n; k++) {
			assert_non_null(a->cats[c].parts[k]);
			assert_true(a->cats[c].parts[k][0] != '\0');
			FZ_TEXT(a->cats[c].parts[k], strlen(a->cats[c].parts[k]), 0, 0, in, inlen, "category");
		}
	}
	if (a->has_date) {
		long long t = (long long)a->date;
		if (t < FZ_DATE_MIN || t > FZ_DATE_MAX) {
			print_error("date %lld out of 1..10000\n", t);
			fz_report("insane date", in, inlen);
		}
		assert_true(t >= FZ_DATE_MIN && t <= FZ_DATE_MAX);
	}
	if (!a->html)
		return;
	size_t hl = strlen(a->html);
	if (!utf8_valid(a->html, hl))
		fz_report("article html not UTF-8", in, inlen);
	assert_true(utf8_valid(a->html, hl));
	if (body) {
		struct doc d;
		doc_init(&d);
		html_to_doc(a->html, hl, a->base ? a->base : a->link, a->lang, &d);
		fz_check_doc(&d, in, inlen);
		fz_check_layout_at(&d, 1 + (int)fz_below(120), (int)fz_below(2), in, inlen);
		doc_free(&d);
	}
}

/* Seconds of CPU since start (for time bounds on bombs). */
static inline double fz_cpu(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

#endif
