/* urls.c - the urls file (the sources a user keeps) and OPML import/export.
 *
 * The urls file: one source per line, `URL [CATEGORY/PATH ...] ["~display name"] [!]`,
 * words split and quoted as in the config language (util_split_words), `#` comments and
 * blank lines ignored. URL may be newsboat's "exec:COMMAND" or "filter:COMMAND:URL"
 * (source_exec.c); "query:" lines are refused for now; a word starting with ! hides the
 * source. */
#include "newsread/source.h"
#include "source/source_exec.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define URLS_MAX_LINE 8192
#define URLS_MAX_WORDS 64
#define OPML_MAX_BYTES (16u * 1024 * 1024)
#define OPML_MAX_DEPTH 32

static void spec_free(struct source_spec *s)
{
	free(s->url);
	free(s->name);
	for (size_t i = 0; i < s->ncats; i++) {
		for (size_t j = 0; j < s->cats[i].n; j++)
			free(s->cats[i].parts[j]);
		free(s->cats[i].parts);
	}
	free(s->cats);
	memset(s, 0, sizeof *s);
}

void source_list_free(struct source_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		spec_free(&l->v[i]);
	free(l->v);
	free(l->errs);
	memset(l, 0, sizeof *l);
}

/* Add path (split at '/', empty parts skipped) to s unless it is empty or already there. */
static void spec_add_cat(struct source_spec *s, const char *path)
{
	struct catpath p = {NULL, 0};
	char *copy = xstrdup(path), *save = NULL;
	for (char *tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		char *part = str_trim(xstrdup(tok));
		if (!*part || p.n >= 64) {
			free(part);
			continue;
		}
		p.parts = xrealloc(p.parts, (p.n + 1) * sizeof(char *));
		p.parts[p.n++] = part;
	}
	free(copy);
	int dup = !p.n;
	for (size_t i = 0; i < s->ncats && !dup; i++) {
		if (s->cats[i].n != p.n)
			continue;
		size_t j = 0;
		while (j < p.n && !strcmp(s->cats[i].parts[j], p.parts[j]))
			j++;
		dup = j == p.n;
	}
	if (dup) {
		for (size_t j = 0; j < p.n; j++)
			free(p.parts[j]);
		free(p.parts);
		return;
	}
	s->cats = xrealloc(s->cats, (s->ncats + 1) * sizeof *s->cats);
	s->cats[s->ncats++] = p;
}

static void list_push(struct source_list *l, struct source_spec *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = *s;
	memset(s, 0, sizeof *s);
}

static int has_ctrl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* One line of the urls file; 0 for a blank/comment line or a source added, -1 on error
 * (message without the FILE:LINE prefix). */
static int parse_line(const char *line, struct source_list *l, struct nr_error *err)
{
	char *argv[URLS_MAX_WORDS];
	int argc = util_split_words(line, argv, URLS_MAX_WORDS, err);
	if (argc <= 0)
		return argc;
	struct source_spec s = {0};
	int rc = 0;
	if (argv[0][0] == '~') {
		rc = nr_fail(err, "expected a URL before the display name %s", argv[0]);
	} else if (!*argv[0] || has_ctrl(argv[0])) {
		rc = nr_fail(err, "bad URL");
	} else if (has_prefix(argv[0], "query:")) {
		rc = nr_fail(err, "query: sources are not supported yet (saved searches come later)");
	} else if (source_exec_is(argv[0]) && source_exec_check(argv[0], err)) {
		rc = -1;
	} else {
		s.url = xstrdup(argv[0]);
		for (int i = 1; i < argc && !rc; i++) {
			if (argv[i][0] == '~') {
				if (s.name)
					rc = nr_fail(err, "two display names: ~%s and %s", s.name, argv[i]);
				else if (!argv[i][1])
					rc = nr_fail(err, "empty display name");
				else {
					struct buf b;
					buf_init(&b);
					buf_add(&b, "", 0);
					text_sanitize(&b, argv[i] + 1, strlen(argv[i] + 1), 1);
					s.name = buf_steal(&b);
				}
			} else if (argv[i][0] == '!') { /* newsboat's hidden feed: a tag starting with ! */
				s.hidden = 1;
			} else {
				struct buf b;
				buf_init(&b);
				buf_add(&b, "", 0);
				text_sanitize(&b, argv[i], strlen(argv[i]), 1);
				spec_add_cat(&s, b.s);
				buf_free(&b);
			}
		}
	}
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	if (rc) {
		spec_free(&s);
		return -1;
	}
	list_push(l, &s);
	return 0;
}

/* Record one message in l->errs (and the first in err); past URLS_MAX_ERRORS the last
 * message counts the lines not shown. Returns -1. */
static int list_error(struct source_list *l, struct nr_error *err, const char *path, size_t *bad,
		      const struct nr_error *e)
{
	if (!*bad)
		*err = *e;
	(*bad)++;
	if (l->nerrs < URLS_MAX_ERRORS) {
		l->errs = xrealloc(l->errs, (l->nerrs + 1) * sizeof *l->errs);
		l->errs[l->nerrs++] = *e;
	} else {
		nr_fail(&l->errs[URLS_MAX_ERRORS - 1], "%s: %zu more bad lines not shown", path,
			*bad - (URLS_MAX_ERRORS - 1));
	}
	return -1;
}

/* Contract in source.h: a missing file is an empty list; each bad line is one message
 * ("FILE:LINE: message") and the other lines still load. */
int urls_load(const char *path, struct source_list *l, struct nr_error *err)
{
	char *data;
	size_t len, bad = 0;
	struct stat st;
	struct nr_error e;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return 0;
	if (read_file(path, URLS_MAX_BYTES, &data, &len, &e))
		return list_error(l, err, path, &bad, &e);
	if (!utf8_valid(data, len)) {
		free(data);
		nr_fail(&e, "%s: not valid UTF-8", path);
		return list_error(l, err, path, &bad, &e);
	}
	int lineno = 0;
	char *p = data;
	while (*p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		struct nr_error le;
		if (strlen(p) > URLS_MAX_LINE) {
			nr_fail(&e, "%s:%d: line too long (at most %d bytes)", path, lineno, URLS_MAX_LINE);
			list_error(l, err, path, &bad, &e);
		} else if (parse_line(p, l, &le)) {
			nr_fail(&e, "%s:%d: %s", path, lineno, le.msg);
			list_error(l, err, path, &bad, &e);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	free(data);
	return bad ? -1 : 0;
}

/* ---- OPML ---- */

static char *xml_prop(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_sanitize(&b, (const char *)v, strlen((const char *)v), 1);
	xmlFree(v);
	str_trim(b.s);
	if (!*b.s) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

struct folder_stack {
	const char *names[OPML_MAX_DEPTH];
	int n;
};

static void opml_walk(const xmlNode *parent, struct folder_stack *fs, struct source_list *out, int depth)
{
	for (const xmlNode *n = parent->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "outline") != 0)
			continue;
		char *url = xml_prop(n, "xmlUrl");
		if (!url)
			url = xml_prop(n, "xmlurl");
		char *title = xml_prop(n, "title");
		char *text = xml_prop(n, "text");
		/* a feed is named by its title, a folder by its text (as newsboat does) */
		const char *label = url ? (title ? title : text) : (text ? text : title);
		if (url) {
			struct source_spec s = {0};
			s.url = url;
			if (label && strcmp(label, url) != 0)
				s.name = xstrdup(label);
			if (fs->n) {
				struct buf p;
				buf_init(&p);
				for (int i = 0; i < fs->n; i++) {
					if (i)
						buf_addc(&p, '/');
					buf_adds(&p, fs->names[i]);
				}
				spec_add_cat(&s, p.s);
				buf_free(&p);
			}
			char *cat = xml_prop(n, "category"); /* OPML 2.0: "/a/b,/c" */
			if (cat) {
				char *save = NULL;
				for (char *tok = strtok_r(cat, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
					spec_add_cat(&s, tok);
				free(cat);
			}
			list_push(out, &s);
		} else if (depth < OPML_MAX_DEPTH - 1) {
			int pushed = 0;
			if (label) {
				fs->names[fs->n++] = label;
				pushed = 1;
			}
			opml_walk(n, fs, out, depth + 1);
			if (pushed)
				fs->n--;
		}
		free(title);
		free(text);
	}
}

/* Read an OPML file's feed outlines into out. */
static int opml_read(const char *path, struct source_list *out, struct nr_error *err)
{
	char *data;
	size_t len;
	if (read_file(path, OPML_MAX_BYTES, &data, &len, err))
		return -1;
	xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL,
				      XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(data);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root || strcmp((const char *)root->name, "opml") != 0) {
		if (doc)
			xmlFreeDoc(doc);
		return nr_fail(err, "%s: not an OPML file", path);
	}
	const xmlNode *body = NULL;
	for (const xmlNode *n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "body"))
			body = n;
	if (!body) {
		xmlFreeDoc(doc);
		return nr_fail(err, "%s: OPML without a body", path);
	}
	struct folder_stack fs = {.n = 0};
	opml_walk(body, &fs, out, 0);
	xmlFreeDoc(doc);
	return 0;
}

/* Contract in source.h: add the OPML file's feeds that urls_path lacks (urls_add); prints
 * how many were added. */
int opml_import(const char *opml_path, const char *urls_path, struct nr_error *err)
{
	struct source_list in = {0};
	size_t added, skipped;
	int rc = opml_read(opml_path, &in, err);
	if (!rc)
		rc = urls_add(urls_path, &in, &added, &skipped, err);
	if (!rc) {
		struct buf shown; /* $XDG_CONFIG_HOME may hold anything */
		buf_init(&shown);
		text_sanitize(&shown, urls_path, strlen(urls_path), 1);
		printf("%zu source%s added to %s (%zu already present)\n", added, added == 1 ? "" : "s", shown.s,
		       skipped);
		buf_free(&shown);
	}
	source_list_free(&in);
	return rc;
}

/* ---- export ---- */

static void xml_escape(FILE *f, const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_sanitize(&b, s, strlen(s), 1);
	for (const char *p = b.s; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*p, f);
		}
	}
	buf_free(&b);
}

/* A folder of the export tree: sub-folders and the sources filed under it. */
struct folder {
	char *name;
	struct folder **kids;
	size_t nkids;
	size_t *srcs;
	size_t nsrcs;
};

static struct folder *folder_child(struct folder *f, const char *name)
{
	for (size_t i = 0; i < f->nkids; i++)
		if (!strcmp(f->kids[i]->name, name))
			return f->kids[i];
	struct folder *k = xcalloc(1, sizeof *k);
	k->name = xstrdup(name);
	f->kids = xrealloc(f->kids, (f->nkids + 1) * sizeof *f->kids);
	f->kids[f->nkids++] = k;
	return k;
}

static void folder_free(struct folder *f)
{
	for (size_t i = 0; i < f->nkids; i++)
		folder_free(f->kids[i]);
	free(f->kids);
	free(f->srcs);
	free(f->name);
	free(f);
}

static void indent(FILE *f, int depth)
{
	for (int i = 0; i < depth; i++)
		fputs("  ", f);
}

struct export_titles {
	const char *(*title_of)(void *ctx, const char *url);
	void *ctx;
};

static void export_folder(FILE *f, const struct folder *fo, const struct source_list *l, int depth,
			  const struct export_titles *t)
{
	for (size_t i = 0; i < fo->nkids; i++) {
		indent(f, depth);
		fputs("<outline text=\"", f);
		xml_escape(f, fo->kids[i]->name);
		fputs("\" title=\"", f);
		xml_escape(f, fo->kids[i]->name);
		fputs("\">\n", f);
		export_folder(f, fo->kids[i], l, depth + 1, t);
		indent(f, depth);
		fputs("</outline>\n", f);
	}
	for (size_t i = 0; i < fo->nsrcs; i++) {
		const struct source_spec *s = &l->v[fo->srcs[i]];
		const char *title = !s->name && t->title_of ? t->title_of(t->ctx, s->url) : NULL;
		const char *label = s->name ? s->name : title && *title ? title : s->url;
		indent(f, depth);
		fputs("<outline type=\"rss\" text=\"", f);
		xml_escape(f, label);
		fputs("\" title=\"", f);
		xml_escape(f, label);
		fputs("\" xmlUrl=\"", f);
		xml_escape(f, s->url);
		fputc('"', f);
		if (s->ncats > 1) { /* every path, so an import keeps them all */
			fputs(" category=\"", f);
			for (size_t c = 0; c < s->ncats; c++) {
				char *j = catpath_join(&s->cats[c], "/");
				fprintf(f, "%s/", c ? "," : "");
				xml_escape(f, j);
				free(j);
			}
			fputc('"', f);
		}
		fputs("/>\n", f);
	}
}

/* Contract in source.h: the urls file as OPML 2.0 on stdout; a source sits in the folder
 * of its first category path (others are listed in its category attribute). */
int opml_export(const char *urls_path, const char *(*title_of)(void *ctx, const char *url), void *ctx,
		struct nr_error *err)
{
	struct export_titles t = {title_of, ctx};
	struct source_list l = {0};
	struct nr_error first;
	size_t bad = 0;
	if (urls_load(urls_path, &l, &first)) { /* the good lines are exported, each bad one named */
		for (size_t i = 0; i < l.nerrs; i++)
			nr_report("%s", l.errs[i].msg);
		bad = l.nerrs;
	}
	struct folder *root = xcalloc(1, sizeof *root);
	for (size_t i = 0; i < l.n; i++) {
		struct folder *f = root;
		if (l.v[i].ncats)
			for (size_t j = 0; j < l.v[i].cats[0].n; j++)
				f = folder_child(f, l.v[i].cats[0].parts[j]);
		f->srcs = xrealloc(f->srcs, (f->nsrcs + 1) * sizeof(size_t));
		f->srcs[f->nsrcs++] = i;
	}
	FILE *f = stdout;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
	      "  <head>\n    <title>newsread sources</title>\n  </head>\n  <body>\n",
	      f);
	export_folder(f, root, &l, 2, &t);
	fputs("  </body>\n</opml>\n", f);
	folder_free(root);
	source_list_free(&l);
	if (fflush(f) != 0 || ferror(f))
		return nr_fail(err, "standard output: write error");
	if (bad)
		return nr_fail(err, "%s: the bad lines above were left out", urls_path);
	return 0;
}
