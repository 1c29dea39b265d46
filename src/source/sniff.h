/* sniff.h - guessing what bytes are, one function per question, for every reader in the
 * source stage (source.c, post.c, post_dir.c, page.c). Whether text is a feed or a post
 * with front matter is feed_sniff's and post_sniff's. Private to src/source/ (and its
 * unit tests). */
#ifndef NEWSREAD_SNIFF_H
#define NEWSREAD_SNIFF_H

#include <stddef.h>

/* 1 when bytes look binary rather than text: NUL bytes or mostly control characters in
 * the first KB, or the signature of a common binary format (PNG, PDF, gzip, ...). */
int sniff_binary(const char *s, size_t len);

/* s past a UTF-8 BOM, blank space and HTML comments (end when a comment is unclosed). */
const char *sniff_skip_lead(const char *s, const char *end);
/* 1 when the text (past sniff_skip_lead) starts with a tag or a <!...> declaration:
 * HTML rather than Markdown or plain text. */
int sniff_starts_with_tag(const char *s, size_t len);
/* 1 when the text is a whole HTML page rather than a fragment: it starts (past
 * sniff_skip_lead) with <!doctype html>, <html>, <head> or <body>, or is XHTML (an XML
 * declaration followed by one of the first two). */
int sniff_html_page(const char *s, size_t len);
/* 1 when the text starts (past sniff_skip_lead) with an XML declaration. */
int sniff_xml_decl(const char *s, size_t len);

/* Media types (any case, parameters ignored). A <link rel=alternate type=T> announces a
 * feed: sniff_feed_link_type(T). A response served as T is one (the parser says why if
 * its content is not): sniff_feed_served_type(T), T already lower case without
 * parameters. Both read one table. */
int sniff_feed_link_type(const char *type);
int sniff_feed_served_type(const char *mt);

/* File names: SN_POST when a folder's file with this extension is read as a post (or
 * page), SN_MARKDOWN when the extension says Markdown. 0 without an extension. */
enum { SN_POST = 1, SN_MARKDOWN = 2 };
unsigned sniff_name(const char *name);

#endif
