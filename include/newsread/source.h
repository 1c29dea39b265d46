/* source.h - open whatever the user names: file, folder, URL, '-', feeds, pages, posts. */
#ifndef NEWSREAD_SOURCE_H
#define NEWSREAD_SOURCE_H

#include <stddef.h>

#include "newsread/article.h"
#include "newsread/fetch.h"
#include "newsread/util.h"

/* A source as the user keeps it in the urls file. */
struct source_spec {
	char *url;              /* URL, file or folder */
	struct catpath *cats;   /* categories the user gives it */
	size_t ncats;
	char *name;             /* "~display name" without the ~, or NULL */
	int hidden;             /* a word starting with ! (newsboat's hidden feed): loaded, but not
				   shown in the tree (its articles still reach queries and searches) */
};

/* What urls_load read: the good lines' sources, and one message per bad line. */
struct source_list {
	struct source_spec *v;
	size_t n, cap;
	struct nr_error *errs;  /* "FILE:LINE: message" for each bad line, in file order */
	size_t nerrs;           /* messages in errs (past URLS_MAX_ERRORS the last one counts the rest) */
};

struct source_result;

/* What loading is given (the caller's settings; source reads no options itself). */
struct source_opts {
	struct fetch_opts fetch; /* every download; its timeout also bounds the wait for a named pipe */
	int parallel;            /* downloads at once in source_load_all (fetch-parallel) */
	/* optional: source_load_all calls done(done_ud, i) as soon as res[i] is final (from
	 * inside its download loop: keep it short), so a caller can store each source while
	 * the others download and tell how far it is */
	void (*done)(void *ud, size_t i, struct source_result *r);
	void *done_ud;
};

#define SOURCE_MAX_BYTES (64u * 1024 * 1024) /* largest document read */

/* Load one source and append its articles to out. spec may be NULL (a bare argument).
 * src is a file, a folder (post_load_dir), an http(s) URL (a front page announcing feeds
 * loads those feeds instead, fetched in parallel; see source_front_page), "-" for standard
 * input, or a command source of the urls file: exec:COMMAND (its standard output is the
 * document) or filter:COMMAND:URL (URL downloaded and piped through COMMAND), run by
 * /bin/sh without a terminal, within the fetch time-out and SOURCE_MAX_BYTES.
 * With a spec, each article's source becomes the display name (else src), and the
 * user's category paths go on top of the article's own: each user path is prepended to
 * each path the article brings (科技 + Linux -> 科技/Linux); an article with none gets
 * the user's paths as they are.
 * Returns 0, or -1 with err "SOURCE: reason" (articles loaded before the failure stay). */
int source_load(const char *src, const struct source_spec *spec, const struct source_opts *o, struct articles *out,
		struct nr_error *err);

/* What source_load does with spec, for articles loaded without one (as the store keeps
 * them): each article's source becomes spec's display name (else src) and the user's
 * category paths go on top of the article's own. */
void source_apply_spec(struct articles *l, const char *src, const struct source_spec *spec);

/* What the store knows of a source from its last fetch, sent as a conditional GET
 * (If-None-Match, If-Modified-Since); either may be NULL. */
struct source_validators {
	const char *etag;
	const char *last_modified;
};

/* What loading one source of source_load_all gave. */
struct source_result {
	int rc;                 /* 0 (a 304 too), or -1 with err "SOURCE: reason", one line */
	struct nr_error err;
	struct articles arts;   /* this source's articles, in the order parsed (owned) */
	long status;            /* HTTP status of the last response of a download (0 for files, or none) */
	int not_modified;       /* the server answered 304: rc 0, arts empty, the stored ones stand */
	char *etag;             /* validators to store (malloc'd, or NULL): the response's when it */
	char *last_modified;    /* parsed (200) or was a 304 (else the ones sent); NULL on failure */
	char *title;            /* the feed's own title (RSS channel, Atom feed, JSON Feed), or NULL
	                           (pages, posts, folders, a front page's announced feeds) */
};
void source_result_free(struct source_result *r);

/* Load n sources (specs[i] for srcs[i], or specs NULL; vals[i] the stored validators of
 * srcs[i], or vals NULL). Local sources are read first; then every http(s) URL is
 * downloaded in one fetch_run loop (o->parallel at once, two per site, conditional when
 * vals[i] has a validator) and each body is parsed into res[i] as soon as it arrives,
 * while the others download. Each source fails on its own. res must have n zeroed
 * entries; free each with source_result_free. Returns how many failed. */
int source_load_all(const char *const *srcs, const struct source_spec *specs, const struct source_validators *vals,
		    size_t n, const struct source_opts *o, struct source_result *res);

/* Parse bytes already in hand (a file's or a download's): detect the kind from the
 * content type (may be NULL) and by sniffing, and append articles. Content decides
 * (feed, post with front matter, HTML page, else Markdown/plain text as a post body);
 * the media type settles the rest. Empty input and binary data are errors. name is used in
 * errors and as article source; url is the document's URL or path (base for links). */
int source_parse(const char *bytes, size_t len, const char *content_type, const char *name, const char *url,
		 const struct source_spec *spec, struct articles *out, struct nr_error *err);


/* 1 when an HTML page at url is a site's front or section page (whose announced feeds
 * newsread opens) rather than an article (read in reader mode): the site root, index.*,
 * or a folder-like path on a page without article markers (og:type article,
 * article:published_time, a single <article>). */
int source_front_page(const char *html, size_t len, const char *url);

/* The urls file: load, add, and OPML import/export.
 * urls_load appends the sources of every good line to l. A missing file is an empty list.
 * Returns 0 when every line was good; -1 when a line was bad or the file could not be read:
 * err then holds the first message, l->errs every one ("FILE:LINE: message", or
 * "FILE: reason" for the whole file), and l still holds every good line's source, so the
 * caller reports each message and loads the rest. */
#define URLS_MAX_ERRORS 100
#define URLS_MAX_BYTES (8u * 1024 * 1024) /* largest urls file read */
int urls_load(const char *path, struct source_list *l, struct nr_error *err);
void source_list_free(struct source_list *l);
/* The one way to write the urls file: append add's sources whose URL it lacks (each once),
 * counting them in *added and the others in *skipped. Locked against other writers (flock
 * on URLS.lock beside the file, waiting up to 10 s, else "locked by another newsread"),
 * read afresh under the lock, written to a temporary file in the same folder, fsynced and
 * renamed over; a symlink is followed and its target replaced; temporary files of killed
 * writers are removed. The file and its folder (0700) are created when missing; bad lines
 * are kept as they are, but a file that cannot be read is not written over. 0 or -1 with err. */
int urls_add(const char *urls_path, const struct source_list *add, size_t *added, size_t *skipped,
	     struct nr_error *err);
int opml_import(const char *opml_path, const char *urls_path, struct nr_error *err);
/* Print the urls file as OPML to stdout. A source's text and title are its "~name", else
 * what title_of (may be NULL; ctx is its first argument) gives for its URL (the feed's
 * own title, which the caller keeps), else the URL. */
int opml_export(const char *urls_path, const char *(*title_of)(void *ctx, const char *url), void *ctx,
		struct nr_error *err);

#endif
