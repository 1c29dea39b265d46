/* post.h - posts with YAML front matter and an HTML or Markdown body; folders of them. */
#ifndef NEWSREAD_POST_H
#define NEWSREAD_POST_H

#include <stddef.h>

#include "newsread/article.h"
#include "newsread/util.h"

/* 1 when the text starts (after blank lines) with a front matter block "---". */
int post_sniff(const char *s, size_t len);

/* Parse one post (UTF-8). path is the file path (link when the post has none), relid
 * the id (path below the folder root), folder_cats the folder path below the root used
 * when the front matter has no categories (may be NULL). Appends one article. */
int post_parse(const char *s, size_t len, const char *path, const char *relid, const char *folder_cats,
	       struct articles *out, struct nr_error *err);

/* Load every post in a folder and its subfolders. */
int post_load_dir(const char *dir, struct articles *out, struct nr_error *err);

/* Markdown -> HTML through cmark (raw HTML kept). malloc'd. */
char *post_markdown_to_html(const char *s, size_t len);

#endif
