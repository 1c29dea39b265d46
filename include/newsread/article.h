/* article.h - the one article record, whatever the source, and lists of them. */
#ifndef NEWSREAD_ARTICLE_H
#define NEWSREAD_ARTICLE_H

#include <stddef.h>
#include <time.h>

/* A stable name for an article while it is in a collection (struct articles): the store's
 * row id (> 0), or for an article not stored one the collection gives when it enters
 * (< 0, never reused in that collection, so never a row id); never 0. Views hold handles,
 * not indexes or pointers, so the collection may change under them. */
typedef long long article_handle;

/* A category path such as 金融 › 证券时报网 › 要闻: parts[0] is the top. */
struct catpath {
	char **parts; /* owned UTF-8 strings */
	size_t n;
};

/* One stock an article mentions (filled by the stock pass). */
struct article_stock {
	char *code;   /* canonical CODE.MARKET, e.g. 603000.SH */
	char *name;   /* the name the article uses for it, may be "" */
	int count;    /* mentions in this article */
};

struct article {
	char *id;       /* guid, else link; a post's path below its folder root; a page's URL */
	char *title;    /* plain UTF-8, no markup */
	char *link;     /* article URL, or a local post's file path; may be NULL */
	char *source;   /* what the user gave: URL, file or folder */
	char *source_title; /* the feed's own title when known, else NULL */
	int source_named;   /* source is the user's "~name" (urls file), not the URL */
	char *mark_source;  /* the source its marks are kept under in the store (the URL, or
	                     * a local file's real path), or NULL: its marks are not kept */
	int hidden;         /* its source is hidden (a ! word in the urls file): kept out of
	                     * the category tree, still in --list, --dump and searches */
	char *author;   /* may be NULL */
	time_t date;    /* valid when has_date */
	int has_date;
	int date_zone_known;       /* the source gave a zone (else it was assumed) */
	struct catpath *cats;      /* category paths */
	size_t ncats;
	char *image;    /* lead image URL or NULL */
	char *html;     /* body as UTF-8 HTML (may be NULL: no body, or only tree below) */
	/* The body already parsed, instead of html (reader mode hands its cleaned content
	 * on rather than a string to parse again): a struct html_flat (html.h), opaque here,
	 * that html_tree_to_doc() walks, freed with tree_free, turned into HTML by tree_html
	 * (see article_html). */
	void *tree;
	void (*tree_free)(void *tree);
	char *(*tree_html)(const void *tree);
	char *base;     /* base URL for relative links in html, or NULL */
	char *lang;     /* language tag when known ("zh", "en"), else NULL */
	struct article_stock *stocks; /* stocks mentioned, filled by stock_collect() */
	size_t nstocks;
	int stocks_done;           /* stocks filled */
	int read;                  /* read mark (UI) */
	article_handle handle;     /* the stable handle: the store's row id (> 0: store_load,
	                            * store_reload_article); an article not stored gets one
	                            * (< 0) from the collection it enters; 0 before either.
	                            * Not to be changed while in a collection (its index) */
};

/* A collection of articles: in order (newest first once sorted) and by handle. */
struct articles {
	struct article **v;        /* in order */
	size_t n, cap;
	struct article **byh;      /* the same n articles by handle: row ids ascending, then
	                              given handles -1, -2, ... (cap entries) */
	article_handle given;      /* handles given so far (the last was -given) */
};

#define ARTICLE_MAX_CATS 64 /* category paths kept per article; more are ignored */

struct article *article_new(void);
void article_free(struct article *a);
/* The name the interface shows for a's source: the user's "~name", else the feed's own
 * title, else what the user gave (URL, file or folder). Owned by a; never NULL. */
const char *article_source_name(const struct article *a);
/* The body as HTML: a->html, else made once from a->tree (and kept in a->html); NULL
 * without a body. */
const char *article_html(struct article *a);
/* Free a->tree (keeping a->html, which is NULL if never asked for): for a caller that
 * has made everything it needs from the tree, to give its memory back early. */
void article_drop_tree(struct article *a);
/* Add a category path made of n parts (copied); empty parts are skipped, an empty path is
 * ignored, and so is every path beyond ARTICLE_MAX_CATS. */
void article_add_cat(struct article *a, const char *const *parts, size_t n);
/* Add a category path given as one string split at sep (e.g. "金融/证券时报网/要闻", '/'). */
void article_add_cat_str(struct article *a, const char *path, char sep);
/* 1 when a already has an identical path. */
int article_has_cat(const struct article *a, const struct catpath *p);
/* "a/b/c" joined with sep; malloc'd. */
char *catpath_join(const struct catpath *p, const char *sep);

/* Append a (taken over) at the end of the order. An article without a handle is given
 * the next negative one; one it has (a store's row id) is kept and must not be in l yet.
 * Cost: amortized O(1) for given handles and for row ids in ascending order (as
 * store_load reads them, before the articles not stored), else O(n). */
void articles_push(struct articles *l, struct article *a);
/* Append every article of src to dst in order (src is left empty): row ids are kept,
 * handles src gave are replaced by dst's own. Cost: as many articles_push. */
void articles_move(struct articles *dst, struct articles *src);
/* Insert a (taken over) at its place in the newest-first order (after the articles of
 * the same date), giving it a handle as articles_push does. Returns the handle. Cost: O(n). */
article_handle articles_add(struct articles *l, struct article *a);
/* Take the article with handle h out of l and free it. Returns 0, or -1 when no article
 * has that handle. Cost: O(n). */
int articles_remove(struct articles *l, article_handle h);
/* The article with handle h, or NULL (never was, or removed). Cost: O(log n). */
struct article *articles_get(const struct articles *l, article_handle h);
void articles_free(struct articles *l); /* frees the articles too */
/* Newest first, undated last; stable for equal dates. */
void articles_sort(struct articles *l);
/* Drop later articles whose id or link equals an earlier one's (merging their categories). */
void articles_dedup(struct articles *l);

#endif
