/* html_url.c - resolving the URLs of links and images (RFC 3986 through libxml2),
 * tolerant of what real pages put in href: spaces, raw non-ASCII, stray '%'. */
#include "newsread/html.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#define URL_MAX 8192 /* longer references are cut */

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Trim surrounding whitespace and controls, drop tabs and newlines inside (as browsers
 * do), and percent-encode what RFC 3986 does not allow raw: spaces, non-ASCII bytes,
 * "<>\"\\^`{|}" and a '%' that starts no escape. */
static char *url_clean(const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	while (*s && (unsigned char)*s <= ' ')
		s++;
	size_t n = strlen(s);
	while (n && (unsigned char)s[n - 1] <= ' ')
		n--;
	if (n > URL_MAX)
		n = URL_MAX;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\t' || c == '\n' || c == '\r' || c < 0x20 || c == 0x7F)
			continue;
		if (c == ' ' || c >= 0x80 || strchr("<>\"\\^`{|}", c) ||
		    (c == '%' && !(i + 2 < n && is_hex(s[i + 1]) && is_hex(s[i + 2]))))
			buf_printf(&b, "%%%02X", c);
		else
			buf_addc(&b, (char)c);
	}
	return buf_steal(&b);
}

char *url_resolve(const char *base, const char *ref)
{
	char *r = url_clean(ref ? ref : "");
	if (!base || !*base)
		return r;
	char *bs = url_clean(base);
	xmlChar *u = xmlBuildURI((const xmlChar *)r, (const xmlChar *)bs);
	free(bs);
	if (!u)
		return r;
	char *out = xstrdup((const char *)u);
	xmlFree(u);
	free(r);
	return out;
}

int html_url_usable(const char *s)
{
	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s && !has_iprefix(s, "data:") && !has_iprefix(s, "javascript:");
}

/* The first URL of a srcset, malloc'd, or NULL. */
static char *srcset_first(const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ',')
		s++;
	size_t n = 0;
	while (s[n] && s[n] != ' ' && s[n] != '\t' && s[n] != '\n' && s[n] != '\r')
		n++;
	if (n && s[n - 1] == ',')
		n--;
	return n ? xstrndup(s, n) : NULL;
}

char *html_img_src(const char *(*attr)(const void *el, const char *name), const void *el)
{
	static const char *const names[] = {"data-src", "data-original", "data-actualsrc", "data-lazy-src",
					    "data-echo", "src"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		const char *v = attr(el, names[i]);
		if (html_url_usable(v))
			return xstrdup(v);
	}
	static const char *const sets[] = {"srcset", "data-srcset"};
	for (size_t i = 0; i < ARRAY_LEN(sets); i++) {
		char *v = srcset_first(attr(el, sets[i]));
		if (html_url_usable(v))
			return v;
		free(v);
	}
	return NULL;
}
