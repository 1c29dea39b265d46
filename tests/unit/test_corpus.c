/* The feed corpora in ../shared/corpus (skipped cleanly without them).
 *
 * 1. Every well-formed feedparser feed except CDF parses without error.
 * 2. No ill-formed, encoding or entity case crashes or hangs (each runs in a child
 *    process under a 10 s alarm).
 * 3. The simple `Expect:` lines become checks of newsread's own parse; the pass rate
 *    over tests/wellformed must reach 95%.
 *
 * Translated forms (each `and`-joined part of an Expect line is one check; a leading
 * `not bozo` is dropped since newsread recovers silently):
 *   feed['title'] / feed.title            == 'str'   -> feed_info.title
 *   feed['link'] / feed.link              == 'str'   -> feed_info.link
 *   ['title_detail']['value'] is taken as ['title']; feed['author'] -> feed_info.author
 *   entries[N]['title']                   == 'str'   -> title (skipped when the expected
 *                                                       value carries markup: < or &,
 *                                                       newsread titles are plain text)
 *   entries[N]['link']                    == 'str'   -> link
 *   entries[N]['id'] / ['guid']           == 'str'   -> id
 *   entries[N]['author'], ['author_detail']['name'] -> author
 *   entries[N]['X_parsed'] == (Y, M, D, h, m, s, ...) for X in updated, published,
 *       created, issued, modified, date               -> date (UTC, first six fields)
 *   entries[N]['tags'][M]['term'|'label'], entries[N]['category'] -> category path M
 *       (a term is skipped when the file gives labels: newsread shows the label; tags
 *       of files with itunes:category are skipped: nested ones are one path here)
 *   authors are compared by name: "Name (me@x)" and "me@x (Name)" expect "Name"
 *   len(entries) == N                                 -> number of articles
 * Skipped: descriptions, summaries and contents (HTML sanitizing is feedparser's own
 * policy), *_detail other than author name, feed-level dates, versions, encodings,
 * namespaces, itunes/media/geo/psc fields, `in`, `is`, `!=` and anything else.
 * Header: Content-Location gives the document URL; Content-type's charset is passed to
 * the decoder. Checks from tests/entities are counted and printed but not gated. */
#include "testutil.h"

#include "newsread/decode.h"
#include "newsread/feed.h"
#include "newsread/html.h"

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CORPUS "../shared/corpus/feedparser/tests"

struct paths {
	char **v;
	size_t n, cap;
};

static void walk(const char *dir, struct paths *p)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk(path, p);
			free(path);
		} else {
			if (p->n == p->cap)
				p->v = xrealloc(p->v, (p->cap = p->cap ? p->cap * 2 : 256) * sizeof(char *));
			p->v[p->n++] = path;
		}
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Value of a header line "Key: value" in the comment, malloc'd or NULL. */
static char *header_line(const char *text, const char *key)
{
	const char *end = strstr(text, "-->");
	const char *p = text;
	size_t kl = strlen(key);
	while ((p = strstr(p, key)) && (!end || p < end)) {
		p += kl;
		while (*p == ' ' || *p == '\t')
			p++;
		const char *e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		char *v = xstrndup(p, (size_t)(e - p));
		return str_trim(v);
	}
	return NULL;
}

/* Header: NAME: value */
static char *http_header(const char *text, const char *name)
{
	const char *end = strstr(text, "-->");
	const char *p = text;
	while ((p = strstr(p, "Header:")) && (!end || p < end)) {
		p += 7;
		while (*p == ' ' || *p == '\t')
			p++;
		if (ascii_ncasecmp(p, name, strlen(name)) == 0 && p[strlen(name)] == ':') {
			p += strlen(name) + 1;
			while (*p == ' ')
				p++;
			const char *e = strchr(p, '\n');
			return str_trim(xstrndup(p, e ? (size_t)(e - p) : strlen(p)));
		}
	}
	return NULL;
}

static void put_utf8(struct buf *b, unsigned long c)
{
	char t[4];
	if (c < 0x80) {
		buf_addc(b, (char)c);
	} else if (c < 0x800) {
		t[0] = (char)(0xC0 | (c >> 6)); t[1] = (char)(0x80 | (c & 0x3F));
		buf_add(b, t, 2);
	} else if (c < 0x10000) {
		t[0] = (char)(0xE0 | (c >> 12)); t[1] = (char)(0x80 | ((c >> 6) & 0x3F)); t[2] = (char)(0x80 | (c & 0x3F));
		buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xF0 | (c >> 18)); t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((c >> 6) & 0x3F)); t[3] = (char)(0x80 | (c & 0x3F));
		buf_add(b, t, 4);
	}
}

/* Python string literal at *pp ('..' or ".." with optional u prefix); malloc'd or NULL. */
static char *py_string(const char **pp)
{
	const char *p = *pp;
	while (*p == ' ')
		p++;
	if (*p == 'u' || *p == 'r')
		p++;
	char q = *p;
	if (q != '\'' && q != '"')
		return NULL;
	p++;
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	while (*p && *p != q) {
		if (*p == '\\' && p[1]) {
			p++;
			int digits = 0;
			switch (*p) {
			case 'n': buf_addc(&b, '\n'); break;
			case 't': buf_addc(&b, '\t'); break;
			case 'r': buf_addc(&b, '\r'); break;
			case 'x': digits = 2; break;
			case 'u': digits = 4; break;
			case 'U': digits = 8; break;
			default: buf_addc(&b, *p);
			}
			if (digits) {
				unsigned long c = 0;
				for (int i = 0; i < digits; i++) {
					char h = p[1];
					if (!h || !strchr("0123456789abcdefABCDEF", h)) {
						buf_free(&b);
						return NULL;
					}
					c = c * 16 + (unsigned long)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
					p++;
				}
				put_utf8(&b, c);
			}
			p++;
		} else {
			buf_addc(&b, *p++);
		}
	}
	if (*p != q) {
		buf_free(&b);
		return NULL;
	}
	*pp = p + 1;
	return buf_steal(&b);
}

/* Whitespace collapsed and trimmed, for comparing text fields. */
static char *norm(const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	int sp = 1;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (!sp)
				buf_addc(&b, ' ');
			sp = 1;
		} else {
			buf_addc(&b, *s);
			sp = 0;
		}
	}
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return buf_steal(&b);
}

struct stats {
	int checks, passed, skipped;
};

struct parsed {
	const char *data; /* the file */
	struct feed_info info;
	struct articles l;
	int rc;
};

/* The name in "Name (me@x)", "me@x (Name)", "Name <me@x>" (takes s). */
static char *name_of(char *s)
{
	size_t n = strlen(s);
	char *open = strrchr(s, '(');
	if (n && s[n - 1] == ')' && open) {
		char *inner = xstrndup(open + 1, (size_t)(s + n - 1 - open - 1));
		char *outer = str_trim(xstrndup(s, (size_t)(open - s)));
		char *r = strchr(inner, '@') && *outer ? outer : strchr(outer, '@') ? inner : NULL;
		if (r) {
			r = xstrdup(str_trim(r));
			free(inner);
			free(outer);
			free(s);
			return r;
		}
		free(inner);
		free(outer);
	}
	char *lt = strchr(s, '<');
	if (lt && lt > s && n && s[n - 1] == '>' && strchr(lt, '@')) {
		char *r = str_trim(xstrndup(s, (size_t)(lt - s)));
		free(s);
		return r;
	}
	return s;
}

/* LHS path: "feed" or "entries" followed by [N] / ['key'] / .key parts. */
struct lhs {
	int entries;      /* 1 for entries[...] */
	int idx;          /* entry index */
	char keys[4][40]; /* string keys in order */
	int nums[4];      /* numeric index after key i, -1 when none */
	int nkeys;
};

static int parse_lhs(const char **pp, struct lhs *l)
{
	const char *p = *pp;
	memset(l, 0, sizeof *l);
	for (int i = 0; i < 4; i++)
		l->nums[i] = -1;
	if (has_prefix(p, "feed"))
		p += 4;
	else if (has_prefix(p, "entries[")) {
		l->entries = 1;
		p += 8;
		l->idx = atoi(p);
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p++ != ']')
			return 0;
	} else
		return 0;
	while (*p == '[' || *p == '.') {
		if (*p == '.') {
			p++;
			size_t n = 0;
			while ((p[n] >= 'a' && p[n] <= 'z') || p[n] == '_')
				n++;
			if (!n || n >= 40 || l->nkeys == 4 || p[n] == '(')
				return 0;
			memcpy(l->keys[l->nkeys++], p, n);
			p += n;
		} else if (p[1] == '\'' || p[1] == '"') {
			p++;
			char *k = py_string(&p);
			if (!k || strlen(k) >= 40 || l->nkeys == 4 || *p != ']') {
				free(k);
				return 0;
			}
			strcpy(l->keys[l->nkeys++], k);
			free(k);
			p++;
		} else {
			p++;
			if (!l->nkeys)
				return 0;
			l->nums[l->nkeys - 1] = atoi(p);
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p++ != ']')
				return 0;
		}
	}
	*pp = p;
	return 1;
}

static int key_is(const struct lhs *l, int i, const char *k)
{
	return i < l->nkeys && strcmp(l->keys[i], k) == 0;
}

/* One conjunct. Returns 1 pass, 0 fail, -1 not translated. */
static int check_one(const char *expr, const struct parsed *ps, char *why, size_t whylen)
{
	const char *p = expr;
	while (*p == ' ')
		p++;
	if (has_prefix(p, "len(entries) == ")) {
		int n = atoi(p + 16);
		snprintf(why, whylen, "got %zu entries", ps->l.n);
		return (size_t)n == ps->l.n;
	}
	struct lhs l;
	if (!parse_lhs(&p, &l))
		return -1;
	while (*p == ' ')
		p++;
	if (!has_prefix(p, "=="))
		return -1;
	p += 2;
	while (*p == ' ')
		p++;
	const struct article *a = NULL;
	if (l.entries) {
		if (l.idx < 0)
			return -1;
		a = (size_t)l.idx < ps->l.n ? ps->l.v[l.idx] : NULL;
	}
	/* dates */
	if (l.entries && l.nkeys == 1 && strstr(l.keys[0], "_parsed")) {
		static const char *const ok[] = {"updated_parsed", "published_parsed", "created_parsed",
						 "issued_parsed", "modified_parsed", "date_parsed"};
		int known = 0;
		for (size_t i = 0; i < ARRAY_LEN(ok); i++)
			known |= !strcmp(l.keys[0], ok[i]);
		if (!known || *p != '(')
			return -1;
		int f[6];
		p++;
		for (int i = 0; i < 6; i++) {
			f[i] = atoi(p);
			while (*p && *p != ',' && *p != ')')
				p++;
			if (*p == ',')
				p++;
		}
		if (!a || !a->has_date) {
			snprintf(why, whylen, "no date");
			return 0;
		}
		struct tm tm;
		gmtime_r(&a->date, &tm);
		snprintf(why, whylen, "got %04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			 tm.tm_hour, tm.tm_min, tm.tm_sec);
		return tm.tm_year + 1900 == f[0] && tm.tm_mon + 1 == f[1] && tm.tm_mday == f[2] && tm.tm_hour == f[3] &&
		       tm.tm_min == f[4] && tm.tm_sec == f[5];
	}
	const char *rest = p;
	char *want = py_string(&rest);
	if (!want)
		return -1;
	for (;;) { /* 'a' + 'b' */
		const char *q = rest;
		while (*q == ' ')
			q++;
		if (*q != '+')
			break;
		q++;
		char *more = py_string(&q);
		if (!more)
			break;
		char *j = xasprintf("%s%s", want, more);
		free(want);
		free(more);
		want = j;
		rest = q;
	}
	while (*rest == ' ')
		rest++;
	if (*rest) { /* something else follows: not a simple comparison */
		free(want);
		return -1;
	}
	const char *got = NULL;
	char *owned = NULL;
	int translated = 1, is_title = 0, is_author = 0;
	if (l.nkeys == 2 && key_is(&l, 0, "title_detail") && key_is(&l, 1, "value"))
		l.nkeys = 1; /* the same title */
	if (!l.entries) {
		if (l.nkeys == 1 && key_is(&l, 0, "title"))
			got = ps->info.title, is_title = 1;
		else if ((l.nkeys == 1 && key_is(&l, 0, "author")) ||
			 (l.nkeys == 2 && key_is(&l, 0, "author_detail") && key_is(&l, 1, "name")))
			got = ps->info.author, is_author = 1;
		else if (l.nkeys == 1 && key_is(&l, 0, "link"))
			got = ps->info.link;
		else
			translated = 0;
	} else if (l.nkeys == 1 && key_is(&l, 0, "title")) {
		got = a ? a->title : NULL;
		is_title = 1;
	} else if (l.nkeys == 1 && key_is(&l, 0, "link")) {
		got = a ? a->link : NULL;
	} else if (l.nkeys == 1 && (key_is(&l, 0, "id") || key_is(&l, 0, "guid"))) {
		got = a ? a->id : NULL;
	} else if ((l.nkeys == 1 && key_is(&l, 0, "author")) ||
		   (l.nkeys == 2 && key_is(&l, 0, "author_detail") && key_is(&l, 1, "name"))) {
		got = a ? a->author : NULL;
		is_author = 1;
	} else if ((l.nkeys == 2 && key_is(&l, 0, "tags") && l.nums[0] >= 0 &&
		    (key_is(&l, 1, "term") || key_is(&l, 1, "label"))) ||
		   (l.nkeys == 1 && key_is(&l, 0, "category"))) {
		if (strstr(ps->data, "itunes:category")) {
			free(want); /* nested iTunes categories are one path in newsread */
			return -1;
		}
		if (key_is(&l, 1, "term") && strstr(ps->data, "label=")) {
			free(want); /* newsread shows the label when a category has one */
			return -1;
		}
		size_t m = l.nkeys == 2 ? (size_t)l.nums[0] : 0;
		if (a && m < a->ncats)
			got = owned = catpath_join(&a->cats[m], "/");
	} else {
		translated = 0;
	}
	if (!translated || (is_title && (strchr(want, '<') || strchr(want, '&')))) {
		free(want);
		return -1;
	}
	if (is_author)
		want = name_of(want);
	char *w = norm(want), *g = got ? norm(got) : NULL;
	int pass = g && strcmp(w, g) == 0;
	snprintf(why, whylen, "got '%s'", g ? g : "(none)");
	free(w);
	free(g);
	free(want);
	free(owned);
	return pass;
}

/* Split an Expect line at top-level " and " and run each part. */
static void run_expect(const char *path, const char *expect, const struct parsed *ps, struct stats *st, int verbose)
{
	char *e = xstrdup(expect);
	char *p = e;
	if (has_prefix(p, "not bozo and "))
		p += 13;
	while (p && *p) {
		/* find " and " outside quotes */
		char *cut = NULL;
		char q = 0;
		for (char *s = p; *s; s++) {
			if (q) {
				if (*s == '\\' && s[1])
					s++;
				else if (*s == q)
					q = 0;
			} else if (*s == '\'' || *s == '"') {
				q = *s;
			} else if (has_prefix(s, " and ")) {
				cut = s;
				break;
			}
		}
		if (cut)
			*cut = '\0';
		char why[300] = "";
		int r = check_one(p, ps, why, sizeof why);
		if (r < 0) {
			st->skipped++;
		} else {
			st->checks++;
			st->passed += r;
			if (!r && verbose > (strstr(path, "/entities/") ? 1 : 0))
				printf("  FAIL %s: %s (%s)\n", path, p, why);
		}
		p = cut ? cut + 5 : NULL;
	}
	free(e);
}

/* The document URL feedparser's test server gives a file, with Content-Location applied. */
static char *doc_url(const char *path, const char *data)
{
	const char *rel = strstr(path, "feedparser/tests/");
	char *docuri = xasprintf("http://127.0.0.1:8097/tests/%s", rel ? rel + 17 : path);
	char *loc = http_header(data, "Content-Location");
	if (loc && (has_iprefix(loc, "http://") || has_iprefix(loc, "https://") || !strchr(loc, ':'))) {
		char *r = url_resolve(docuri, loc);
		free(docuri);
		docuri = r;
	}
	free(loc);
	return docuri;
}

static void parse_file(const char *path, const char *data, size_t len, struct parsed *ps)
{
	char *loc = doc_url(path, data);
	char *ct = http_header(data, "Content-type");
	char cs[64] = "";
	if (ct)
		decode_content_type_charset(ct, cs, sizeof cs);
	size_t ulen;
	char *u = decode_document(data, len, cs[0] ? cs : NULL, &ulen, NULL);
	struct nr_error err;
	memset(ps, 0, sizeof *ps);
	ps->data = data;
	ps->rc = feed_parse_info(u, ulen, path, loc, &ps->l, &ps->info, &err);
	if (ps->rc)
		printf("  ERROR %s\n", err.msg);
	free(u);
	free(loc);
	free(ct);
}

/* Parse in a child under an alarm: 0 when it finished, -1 when it crashed or hung. */
static int survives(const char *data, size_t len, const char *path)
{
	pid_t pid = fork();
	if (pid == 0) {
		alarm(10);
		struct parsed ps;
		parse_file(path, data, len, &ps);
		_exit(0);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void test_feedparser(void **state)
{
	(void)state;
	struct stat st;
	if (!have_shared() || stat(CORPUS, &st) != 0) {
		printf("skipped: %s is absent (the corpus lives in ../shared beside the checkout)\n", CORPUS);
		skip();
	}
	int verbose = getenv("CORPUS_VERBOSE") ? atoi(getenv("CORPUS_VERBOSE")) : 0;
	struct paths ps = {0};
	walk(CORPUS, &ps);
	qsort(ps.v, ps.n, sizeof(char *), cmp_str);
	struct stats well = {0}, ent = {0};
	int nwell = 0, wellerr = 0, nsurvive = 0, crashed = 0;
	for (size_t i = 0; i < ps.n; i++) {
		const char *path = ps.v[i];
		char *data;
		size_t len;
		struct nr_error err;
		if (read_file(path, 4u << 20, &data, &len, &err))
			continue;
		int is_well = (strstr(path, "/wellformed/") && !strstr(path, "/cdf/") && !strstr(path, "/cdf_") &&
			       (strstr(path, ".xml") || strstr(path, ".rdf"))) ||
			      (strstr(path, "/json/") && strstr(path, ".json"));
		int is_ent = strstr(path, "/entities/") != NULL;
		if (is_well || is_ent) {
			struct parsed p;
			parse_file(path, data, len, &p);
			if (is_well) {
				nwell++;
				if (p.rc) {
					wellerr++;
					printf("  well-formed feed failed: %s\n", path);
				}
			}
			char *expect = header_line(data, "Expect:");
			char *arrow = expect ? strstr(expect, " -->") : NULL;
			if (arrow) /* JSON cases keep the comment in a string */
				*arrow = '\0';
			if (expect)
				run_expect(path, expect, &p, is_well ? &well : &ent, verbose);
			free(expect);
			articles_free(&p.l);
			feed_info_free(&p.info);
		} else {
			nsurvive++;
			if (survives(data, len, path)) {
				crashed++;
				printf("  crashed or hung: %s\n", path);
			}
		}
		free(data);
	}
	for (size_t i = 0; i < ps.n; i++)
		free(ps.v[i]);
	free(ps.v);
	double rate = well.checks ? 100.0 * well.passed / well.checks : 0;
	printf("feedparser corpus: %d well-formed feeds (CDF excluded), %d failed to parse\n", nwell, wellerr);
	printf("feedparser corpus: %d other cases run in a child, %d crashed or hung\n", nsurvive, crashed);
	printf("feedparser Expect checks (wellformed): %d/%d passed (%.1f%%), %d forms not translated\n",
	       well.passed, well.checks, rate, well.skipped);
	printf("feedparser Expect checks (entities, not gated): %d/%d passed\n", ent.passed, ent.checks);
	assert_true(nwell > 1000);
	assert_int_equal(wellerr, 0);
	assert_int_equal(crashed, 0);
	assert_true(well.checks > 150);
	assert_true(rate >= 95.0);
}

/* newsboat's test feeds: every one parses, with the titles and links newsboat's own
 * tests expect of them. */
static void test_newsboat(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		size_t n;            /* articles */
		const char *title;   /* of the first article in document order */
		const char *link;
	} cases[] = {
		{"rss091_1.xml", 1, "1 < 2", "http://example.com/1_less_than_2.html"},
		{"rss092_1.xml", 3, "1 < 2", "http://example.com/1_less_than_2.html"},
		{"rss10_1.xml", 1, "New Status Updates", "http://www.example.org/status/foo"},
		{"rss20_1.xml", 1, "this is an item", "http://example.com/blog/this_is_an_item.html"},
		{"rss20_2.xml", 3, "using multiple media tags", NULL},
		{"atom10_1.xml", 3, "A gentle introduction to Atom testing", "http://example.com/atom_testing.html"},
		{"atom10_2.xml", 6, "using regular content", "http://example.com/1.html"},
		{"atom10_feed_authors.xml", 9, "Entry Without Author", "http://example.com/1.html"},
		{"multiple_item_links.atom", 1, "Multiple links", "http://www.test.org/tests"},
		{"rss_091_with_bracket_author.xml", 3, NULL, "http://example.com/test_1.html"},
		{"rss_092_with_empty_author.xml", 2, NULL, "http://example.com/test_1.html"},
		{"rss_094_with_bracket_author.xml", 3, NULL, "http://example.com/test_1.html"},
		{"rss.xml", 0, NULL, NULL},
	};
	const char *dir = "../shared/corpus/newsboat/test/data/";
	struct stat st;
	if (!have_shared() || stat(dir, &st) != 0) {
		printf("skipped: %s is absent\n", dir);
		skip();
	}
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *path = xasprintf("%s%s", dir, cases[i].file);
		char *data;
		size_t len;
		struct nr_error err;
		assert_int_equal(read_file(path, 4u << 20, &data, &len, &err), 0);
		struct parsed p;
		parse_file(path, data, len, &p);
		if (p.rc)
			fail_msg("%s did not parse", path);
		if (cases[i].n && p.l.n != cases[i].n)
			fail_msg("%s: %zu articles, want %zu", path, p.l.n, cases[i].n);
		assert_true(p.l.n > 0);
		const struct article *a = p.l.v[0];
		if (cases[i].title && strcmp(a->title, cases[i].title))
			fail_msg("%s: title '%s'", path, a->title);
		if (cases[i].link && (!a->link || strcmp(a->link, cases[i].link)))
			fail_msg("%s: link '%s'", path, a->link ? a->link : "(none)");
		articles_free(&p.l);
		feed_info_free(&p.info);
		free(data);
		free(path);
	}
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feedparser),
		cmocka_unit_test(test_newsboat),
	};
	return cmocka_run_group_tests_name("corpus", tests, NULL, NULL);
}
