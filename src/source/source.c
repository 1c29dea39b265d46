/* source.c - open whatever the user names (file, folder, URL, "-"), tell what it is from
 * its Content-Type and its content, and hand it to the right parser. */
#include "newsread/source.h"
#include "newsread/decode.h"
#include "newsread/feed.h"
#include "newsread/fetch.h"
#include "newsread/page.h"
#include "newsread/post.h"
#include "source/sniff.h"
#include "source/source_exec.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DISCOVER_MAX 8        /* announced feeds fetched from one page */
#define DISCOVER_PARALLEL 4
#define CAT_JOIN_MAX 64       /* parts in a joined category path */

/* The media type of a Content-Type value, lower case, without parameters. */
static void media_type(const char *ct, char *out, size_t n)
{
	size_t i = 0;
	if (ct)
		for (; ct[i] && ct[i] != ';' && ct[i] != ' ' && i + 1 < n; i++)
			out[i] = (char)(ct[i] >= 'A' && ct[i] <= 'Z' ? ct[i] + 32 : ct[i]);
	out[i] = '\0';
}

enum kind { K_FEED, K_POST, K_HTML, K_TEXT, K_XML, K_JSON };

/* 1 when text starting with { or [ reads as JSON rather than, say, a Markdown link. */
static int looks_json(const char *p, size_t n)
{
	size_t i = 1;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i >= n)
		return 0;
	char c = p[i];
	if (p[0] == '{')
		return c == '"' || c == '}';
	return c == '{' || c == '[' || c == '"' || c == ']' || c == '-' || (c >= '0' && c <= '9');
}

/* What the decoded text is. The content decides; the media type breaks ties. */
static enum kind detect(const char *u, size_t len, const char *mt, const char *name)
{
	if (feed_sniff(u, len) != FEED_NONE)
		return K_FEED;
	if (post_sniff(u, len))
		return K_POST;
	if (sniff_feed_served_type(mt))
		return K_FEED; /* announced as a feed but not recognisable: let the feed parser say why */
	const char *p = sniff_skip_lead(u, u + len);
	size_t rest = (size_t)(u + len - p);
	if (sniff_html_page(u, len))
		return K_HTML; /* (XHTML too) */
	if (sniff_xml_decl(u, len))
		return K_XML;
	if (strcmp(mt, "text/markdown") == 0 || strcmp(mt, "text/x-markdown") == 0 || (sniff_name(name) & SN_MARKDOWN))
		return K_TEXT;
	if (strcmp(mt, "text/html") == 0 || strcmp(mt, "application/xhtml+xml") == 0 || sniff_starts_with_tag(u, len))
		return K_HTML;
	if (rest && (*p == '{' || *p == '[') && (strstr(mt, "json") || (!*mt && looks_json(p, rest))))
		return K_JSON;
	return K_TEXT;
}

/* Put the user's categories and display name on articles [n0, out->n).
 * The user's path is the top of the tree: it is prepended to each path the article
 * brings (Tech + Linux -> Tech/Linux), and an article without any gets it as is. With
 * several user paths, each is combined in turn. */
static void apply_spec(struct articles *out, size_t n0, const char *src, const struct source_spec *spec)
{
	for (size_t i = n0; i < out->n; i++) {
		struct article *a = out->v[i];
		free(a->source);
		a->source_named = spec && spec->name && *spec->name;
		a->source = xstrdup(a->source_named ? spec->name : src);
		if (!spec || !spec->ncats)
			continue;
		struct catpath *own = a->cats;
		size_t nown = a->ncats;
		a->cats = NULL;
		a->ncats = 0;
		for (size_t u = 0; u < spec->ncats; u++) {
			const struct catpath *up = &spec->cats[u];
			const char *parts[CAT_JOIN_MAX];
			if (!nown) {
				article_add_cat(a, (const char *const *)up->parts, up->n);
				continue;
			}
			for (size_t k = 0; k < nown; k++) {
				size_t n = 0;
				for (size_t j = 0; j < up->n && n < CAT_JOIN_MAX; j++)
					parts[n++] = up->parts[j];
				for (size_t j = 0; j < own[k].n && n < CAT_JOIN_MAX; j++)
					parts[n++] = own[k].parts[j];
				article_add_cat(a, parts, n);
			}
		}
		for (size_t k = 0; k < nown; k++) {
			for (size_t j = 0; j < own[k].n; j++)
				free(own[k].parts[j]);
			free(own[k].parts);
		}
		free(own);
	}
}

void source_apply_spec(struct articles *l, const char *src, const struct source_spec *spec)
{
	apply_spec(l, 0, src, spec);
}

/* Decode and parse with a known kind; a feed's own title goes to *title (when title is
 * not NULL and the feed has one). */
static int parse_kind(enum kind k, const char *u, size_t ulen, const char *name, const char *url,
		      struct articles *out, char **title, struct nr_error *err)
{
	const char *path = url ? url : name;
	switch (k) {
	case K_FEED: {
		struct feed_info fi;
		int rc = feed_parse_info(u, ulen, name, url, out, &fi, err);
		if (rc == 0 && title && fi.title && *fi.title) {
			free(*title);
			*title = fi.title;
			fi.title = NULL;
		}
		feed_info_free(&fi);
		return rc;
	}
	case K_POST:
	case K_TEXT:
		return post_parse(u, ulen, path, path, NULL, out, err);
	case K_HTML:
		return page_extract(u, ulen, path, out, err);
	case K_XML:
		return nr_fail(err, "%s: unknown format (an XML document that is not RSS, RDF or Atom)", name);
	case K_JSON:
		return nr_fail(err, "%s: unknown format (JSON that is not a JSON Feed)", name);
	}
	return nr_fail(err, "%s: unknown format", name);
}

/* Check, decode and detect; returns the decoded text (or NULL with err) and its kind. */
static char *prepare(const char *bytes, size_t len, const char *content_type, const char *name, size_t *ulen,
		     enum kind *k, char **own, struct nr_error *err)
{
	size_t i = 0;
	while (i < len && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'))
		i++;
	if (i == len) {
		nr_fail(err, "%s: empty document", name);
		return NULL;
	}
	if (sniff_binary(bytes, len)) {
		nr_fail(err, "%s: not a text document (binary data)", name);
		return NULL;
	}
	char cs[64];
	int have_cs = decode_content_type_charset(content_type, cs, sizeof cs);
	/* own: bytes is that malloc'd buffer, which the decoder may keep as the text */
	char *u = own ? decode_document_owned(own, len, have_cs ? cs : NULL, ulen, NULL)
		      : decode_document(bytes, len, have_cs ? cs : NULL, ulen, NULL);
	char mt[128];
	media_type(content_type, mt, sizeof mt);
	*k = detect(u, *ulen, mt, name);
	return u;
}

/* source_parse on a malloc'd buffer it frees (*bytes = NULL) once decoded, so the raw
 * bytes are not alive beside the parser's tree of a large document. */
static int parse_owned(char **bytes, size_t len, const char *content_type, const char *name, const char *url,
		       const struct source_spec *spec, struct articles *out, char **title, struct nr_error *err)
{
	size_t ulen, n0 = out->n;
	enum kind k = K_TEXT;
	char *u = prepare(*bytes, len, content_type, name, &ulen, &k, bytes, err);
	free(*bytes); /* when not taken already */
	*bytes = NULL;
	if (!u)
		return -1;
	int rc = k == K_HTML ? page_extract_owned(&u, ulen, url ? url : name, out, err)
			     : parse_kind(k, u, ulen, name, url, out, title, err);
	free(u);
	apply_spec(out, n0, name, spec);
	return rc;
}

int source_parse(const char *bytes, size_t len, const char *content_type, const char *name, const char *url,
		 const struct source_spec *spec, struct articles *out, struct nr_error *err)
{
	size_t ulen, n0 = out->n;
	enum kind k = K_TEXT;
	char *u = prepare(bytes, len, content_type, name, &ulen, &k, NULL, err);
	if (!u)
		return -1;
	int rc = parse_kind(k, u, ulen, name, url, out, NULL, err);
	free(u);
	apply_spec(out, n0, name, spec);
	return rc;
}

/* Case-insensitive search in the first n bytes; count of occurrences, at most 2. */
static int count_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	int c = 0;
	for (size_t i = 0; i + m <= n && c < 2; i++)
		if ((s[i] | 0x20) == (needle[0] | 0x20) && ascii_ncasecmp(s + i, needle, m) == 0)
			c++;
	return c;
}

int source_front_page(const char *html, size_t len, const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;
	const char *path = p ? strchr(p + 3, '/') : NULL;
	if (!path || strcmp(path, "/") == 0 || path[strspn(path, "/")] == '?')
		return 1; /* the site's root */
	const char *q = path + strcspn(path, "?#");
	const char *last = q;
	while (last > path && last[-1] != '/')
		last--;
	if (has_iprefix(last, "index.") || has_iprefix(last, "default."))
		return 1;
	if (last < q && memchr(last, '.', (size_t)(q - last)))
		return 0; /* /news/12345.html: a document, not a section */
	size_t n = len < 262144 ? len : 262144;
	int article = count_ci(html, n, "article:published_time") || count_ci(html, n, "\"og:type\" content=\"article\"") ||
		      count_ci(html, n, "'og:type' content='article'") || count_ci(html, n, "<article") == 1;
	return !article;
}

/* A front page that announces feeds: fetch them in parallel and load them instead.
 * Returns 1 when it did (rc in *rc), 0 when the page announces none. */
static int load_announced(const char *u, size_t ulen, const char *src, const char *page_url,
			  const struct source_spec *spec, const struct source_opts *o, struct articles *out, int *rc,
			  struct nr_error *err)
{
	char *urls[DISCOVER_MAX];
	size_t n = page_feed_links(u, ulen, page_url, urls, DISCOVER_MAX);
	if (!n)
		return 0;
	struct fetch_result *res = xcalloc(n, sizeof *res);
	int *rcs = xcalloc(n, sizeof *rcs);
	struct nr_error *errs = xcalloc(n, sizeof *errs);
	fetch_many((const char *const *)urls, n, SOURCE_MAX_BYTES, &o->fetch, DISCOVER_PARALLEL, res, rcs, errs);
	size_t ok = 0, n0 = out->n;
	struct nr_error first = {{0}};
	for (size_t i = 0; i < n; i++) {
		struct nr_error e;
		if (rcs[i] == 0 &&
		    source_parse(res[i].data, res[i].len, res[i].content_type, urls[i], res[i].final_url, NULL, out,
				 &e) == 0)
			ok++;
		else if (!first.msg[0])
			first = rcs[i] ? errs[i] : e;
		if (rcs[i] == 0)
			fetch_result_free(&res[i]);
		free(urls[i]);
	}
	free(res);
	free(rcs);
	free(errs);
	apply_spec(out, n0, src, spec);
	*rc = ok ? 0 : nr_fail(err, "%s: the feeds it announces failed: %s", src, first.msg);
	return 1;
}

/* Parse a finished download of src: a front page that announces feeds loads them instead.
 * A feed's own title goes to *title (title may be NULL). */
static int load_fetched(const char *src, const struct source_spec *spec, const struct source_opts *o,
			struct fetch_result *r, struct articles *out, char **title, struct nr_error *err)
{
	size_t ulen, n0 = out->n;
	enum kind k = K_TEXT;
	int rc = -1;
	char *u = prepare(r->data, r->len, r->content_type, src, &ulen, &k, NULL, err);
	if (u) {
		if (k != K_HTML || !source_front_page(u, ulen, r->final_url) ||
		    !load_announced(u, ulen, src, r->final_url, spec, o, out, &rc, err)) {
			rc = parse_kind(k, u, ulen, src, r->final_url, out, title, err);
			apply_spec(out, n0, src, spec);
		}
		free(u);
	}
	return rc;
}

static int load_url(const char *src, const struct source_spec *spec, const struct source_opts *o,
		    struct articles *out, char **title, struct nr_error *err)
{
	struct fetch_result r;
	if (fetch_url(src, SOURCE_MAX_BYTES, &o->fetch, &r, err))
		return -1;
	int rc = load_fetched(src, spec, o, &r, out, title, err);
	fetch_result_free(&r);
	return rc;
}

void source_result_free(struct source_result *r)
{
	articles_free(&r->arts);
	free(r->etag);
	free(r->last_modified);
	free(r->title);
	memset(r, 0, sizeof *r);
}

/* What source_load_all's fetch loop hands back to each finished download. */
struct load_all {
	const char *const *srcs;
	const struct source_spec *specs;
	const struct source_validators *vals;
	const struct source_opts *o;
	struct source_result *res;
	const size_t *which; /* request index -> source index */
};

/* A download has finished: parse it at once, while the others go on. */
static void on_fetched(void *ud, size_t k, int rc, struct fetch_result *r, const struct nr_error *err)
{
	struct load_all *la = ud;
	size_t i = la->which[k];
	struct source_result *sr = &la->res[i];
	sr->status = r->status;
	if (rc) {
		sr->rc = -1;
		sr->err = *err;
	} else if (r->not_modified) {
		/* the stored articles stand; the validators are the response's, else those sent */
		const struct source_validators *v = la->vals ? &la->vals[i] : NULL;
		sr->rc = 0;
		sr->not_modified = 1;
		sr->etag = r->etag ? r->etag : xstrdup(v ? v->etag : NULL);
		sr->last_modified = r->last_modified ? r->last_modified : xstrdup(v ? v->last_modified : NULL);
		r->etag = r->last_modified = NULL;
	} else {
		sr->rc = load_fetched(la->srcs[i], la->specs ? &la->specs[i] : NULL, la->o, r, &sr->arts, &sr->title,
				      &sr->err);
		if (sr->rc == 0) { /* validators of a body that did not parse would hide it next time */
			sr->etag = r->etag;
			sr->last_modified = r->last_modified;
			r->etag = r->last_modified = NULL;
		}
	}
	fetch_result_free(r);
	if (la->o->done)
		la->o->done(la->o->done_ud, i, sr);
}

static int load_any(const char *src, const struct source_spec *spec, const struct source_opts *o,
		    struct articles *out, char **title, struct nr_error *err);

int source_load_all(const char *const *srcs, const struct source_spec *specs, const struct source_validators *vals,
		    size_t n, const struct source_opts *o, struct source_result *out)
{
	size_t nurls = 0;
	for (size_t i = 0; i < n; i++)
		nurls += fetch_is_url(srcs[i]) != 0;
	struct fetch_req *reqs = xcalloc(nurls ? nurls : 1, sizeof *reqs);
	size_t *which = xcalloc(nurls ? nurls : 1, sizeof *which);
	int failed = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!fetch_is_url(srcs[i])) { /* local: on disk already, read before the downloads */
			struct source_result *r = &out[i];
			r->rc = load_any(srcs[i], specs ? &specs[i] : NULL, o, &r->arts, &r->title, &r->err);
			failed += r->rc != 0;
			if (o->done)
				o->done(o->done_ud, i, r);
			continue;
		}
		reqs[k].url = srcs[i];
		reqs[k].etag = vals ? vals[i].etag : NULL;
		reqs[k].last_modified = vals ? vals[i].last_modified : NULL;
		which[k++] = i;
	}
	struct load_all la = {srcs, specs, vals, o, out, which};
	if (nurls)
		fetch_run(reqs, nurls, SOURCE_MAX_BYTES, &o->fetch, o->parallel, on_fetched, &la);
	for (k = 0; k < nurls; k++)
		failed += out[which[k]].rc != 0;
	free(reqs);
	free(which);
	return failed;
}

/* SCHEME:// at the start (RFC 3986 scheme characters). */
static int looks_like_url(const char *s)
{
	const char *p = s;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '+' ||
	       *p == '-' || *p == '.')
		p++;
	return p[0] == ':' && p[1] == '/' && p[2] == '/';
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The local path of a file:///PATH or file://localhost/PATH URL, percent-decoded
 * (malloc'd), or NULL for another host, an encoded NUL or a query. */
static char *file_url_path(const char *url)
{
	const char *p = url + strlen("file://");
	if (has_iprefix(p, "localhost/"))
		p += strlen("localhost");
	if (*p != '/' || strpbrk(p, "?#"))
		return NULL;
	struct buf b;
	buf_init(&b);
	for (; *p; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0 && (hi || lo)) {
			buf_addc(&b, (char)(hi * 16 + lo));
			p += 2;
		} else if (*p == '%' && p[1] == '0' && p[2] == '0') {
			buf_free(&b);
			return NULL;
		} else {
			buf_addc(&b, *p);
		}
	}
	return buf_steal(&b);
}

/* A file, folder, pipe or "-": path is where it is, name what the user called it. */
static int load_local(const char *path, const char *name, const struct source_spec *spec,
		      const struct source_opts *o, struct articles *out, char **title, struct nr_error *err)
{
	char *data;
	size_t len;
	if (strcmp(path, "-") == 0) {
		if (read_stream(STDIN_FILENO, "-", SOURCE_MAX_BYTES, &data, &len, err))
			return -1;
		size_t n0 = out->n;
		int rc = source_parse(data, len, NULL, "-", NULL, spec, out, err);
		free(data);
		for (size_t i = n0; i < out->n; i++) { /* standard input has no address to link to */
			struct article *a = out->v[i];
			if (a->link && strcmp(a->link, "-") == 0) {
				free(a->link);
				a->link = NULL;
			}
		}
		return rc;
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		int e = errno;
		if (looks_like_url(path)) /* ftp://, htp://: not a missing file */
			return nr_fail(err, "%s: unsupported URL scheme (newsread fetches http://, https:// and file://)", name);
		return nr_fail(err, "%s: %s", name, strerror(e));
	}
	if (S_ISDIR(st.st_mode)) {
		size_t n0 = out->n;
		int rc = post_load_dir(path, out, err);
		apply_spec(out, n0, name, spec);
		return rc;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode))
		return nr_fail(err, "%s: not a file or folder", name);
	/* a named pipe is read like a download: within the fetch time-out */
	if (read_file_wait(path, SOURCE_MAX_BYTES, o->fetch.timeout, &data, &len, err))
		return -1;
	return parse_owned(&data, len, NULL, name, path, spec, out, title, err);
}

/* source_load, with the feed's own title to *title (title may be NULL). */
static int load_any(const char *src, const struct source_spec *spec, const struct source_opts *o,
		    struct articles *out, char **title, struct nr_error *err)
{
	if (fetch_is_url(src))
		return load_url(src, spec, o, out, title, err);
	/* the urls file's command sources, exec:COMMAND and filter:COMMAND:URL (source_exec.c) */
	if (source_exec_is(src))
		return source_exec_load(src, spec, o, out, err);
	if (has_iprefix(src, "file://")) {
		char *path = file_url_path(src);
		if (!path)
			return nr_fail(err, "%s: unsupported file URL (file:///PATH, on this machine)", src);
		int rc = load_local(path, src, spec, o, out, title, err);
		size_t pl = strlen(path);
		if (rc && strncmp(err->msg, path, pl) == 0 && err->msg[pl] == ':') { /* name the URL given */
			struct nr_error e = *err;
			nr_fail(err, "%s%s", src, e.msg + pl);
		}
		free(path);
		return rc;
	}
	return load_local(src, src, spec, o, out, title, err);
}

int source_load(const char *src, const struct source_spec *spec, const struct source_opts *o, struct articles *out,
		struct nr_error *err)
{
	return load_any(src, spec, o, out, NULL, err);
}
