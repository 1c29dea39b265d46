/* feed.c - feed sniffing, dispatch and the pieces every feed format shares. */
#include "source/feed_impl.h"
#include "newsread/datetime.h"
#include "newsread/html.h"

#include <stdlib.h>
#include <string.h>

#define SNIFF_MAX (64u * 1024)

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* Skip past the first occurrence of tok in [p, end); end when absent. */
static const char *skip_past(const char *p, const char *end, const char *tok)
{
	size_t n = strlen(tok);
	while (p + n <= end) {
		if (memcmp(p, tok, n) == 0)
			return p + n;
		p++;
	}
	return end;
}

static enum feed_kind sniff_json(const char *p, const char *end)
{
	const char *v = p;
	while ((v = skip_past(v, end, "\"version\"")) < end) {
		const char *q = skip_ws(v, end);
		if (q < end && *q == ':') {
			q = skip_ws(q + 1, end);
			if (q < end && *q == '"') {
				const char *e = memchr(q + 1, '"', (size_t)(end - q - 1));
				if (e && e - q < 200) {
					for (const char *k = q; k + 12 <= e; k++)
						if (memcmp(k, "jsonfeed.org", 12) == 0)
							return FEED_JSON;
				}
			}
		}
	}
	return FEED_NONE;
}

/* Contract in feed.h. */
enum feed_kind feed_sniff(const char *s, size_t len)
{
	if (!s)
		return FEED_NONE;
	const char *p = s, *end = s + (len < SNIFF_MAX ? len : SNIFF_MAX);
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	p = skip_ws(p, end);
	if (p < end && *p == '{')
		return sniff_json(p, end);
	while (p < end && *p == '<') {
		if (end - p >= 2 && p[1] == '?') {
			p = skip_past(p, end, "?>");
		} else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			p = skip_past(p, end, "-->");
		} else if (end - p >= 2 && p[1] == '!') { /* doctype, maybe with an internal subset */
			const char *q = p + 2;
			int bracket = 0;
			while (q < end && (bracket || *q != '>')) {
				if (*q == '[')
					bracket = 1;
				else if (*q == ']')
					bracket = 0;
				q++;
			}
			p = q < end ? q + 1 : end;
		} else {
			const char *n = p + 1, *e = n;
			while (e < end && *e != '>' && *e != '/' && *e != ' ' && *e != '\t' && *e != '\r' && *e != '\n')
				e++;
			size_t nl = (size_t)(e - n);
			const char *colon = memchr(n, ':', nl);
			const char *local = colon ? colon + 1 : n;
			size_t ll = (size_t)(e - local);
			if (ll == 3 && memcmp(local, "rss", 3) == 0)
				return FEED_RSS;
			if (ll == 3 && memcmp(local, "RDF", 3) == 0)
				return FEED_RDF;
			if (ll == 4 && memcmp(local, "feed", 4) == 0)
				return FEED_ATOM;
			return FEED_NONE;
		}
		p = skip_ws(p, end);
	}
	return FEED_NONE;
}

void feed_info_free(struct feed_info *fi)
{
	if (!fi)
		return;
	free(fi->title);
	free(fi->link);
	free(fi->lang);
	free(fi->author);
	memset(fi, 0, sizeof *fi);
}

/* CJK ideographs against Latin letters in the text outside tags of the first 256 KB. */
static int mostly_cjk(const char *s, size_t len)
{
	if (len > 256u * 1024)
		len = 256u * 1024;
	size_t cjk = 0, latin = 0;
	int intag = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '<')
			intag = 1;
		else if (c == '>')
			intag = 0;
		else if (intag)
			continue;
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			latin++;
		else if (c >= 0xE3 && c <= 0xE9 && i + 2 < len) /* U+3000..U+9FFF */
			cjk++, i += 2;
	}
	return cjk >= 10 && cjk * 4 >= latin;
}

void feed_ctx_set_lang(struct feed_ctx *c, const char *lang_tag, const char *text, size_t len)
{
	char prim[16] = "";
	if (lang_tag) {
		const char *t = lang_tag;
		while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
			t++;
		size_t n = 0;
		while (t[n] && t[n] != '-' && t[n] != '_' && t[n] != ' ' && n + 1 < sizeof prim) {
			char ch = t[n];
			prim[n] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
			n++;
		}
		prim[n] = '\0';
		for (size_t i = 0; i < n; i++)
			if (prim[i] < 'a' || prim[i] > 'z')
				prim[0] = '\0';
	}
	/* A zh tag decides; ja and ko have CJK text of their own; any other tag (Chinese sites
	 * often keep a CMS's default en-us) yields to text that is mostly CJK. */
	if (!strcmp(prim, "zh"))
		c->zh = 1;
	else if (!strcmp(prim, "ja") || !strcmp(prim, "ko"))
		c->zh = 0;
	else
		c->zh = text && mostly_cjk(text, len);
	c->offset = c->zh ? 8 * 3600 : DATE_LOCAL;
	free(c->info->lang);
	c->info->lang = c->zh ? xstrdup("zh") : prim[0] ? xstrdup(prim) : NULL;
}

/* Copy of s (n bytes) without <script>/<style> elements: their text is
 * never part of a title. */
static char *strip_scripts(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	size_t i = 0;
	while (i < n) {
		const char *end_tag = NULL;
		if (s[i] == '<') {
			if (n - i >= 7 && !ascii_ncasecmp(s + i, "<script", 7))
				end_tag = "</script";
			else if (n - i >= 6 && !ascii_ncasecmp(s + i, "<style", 6))
				end_tag = "</style";
		}
		if (!end_tag) {
			buf_addc(&b, s[i++]);
			continue;
		}
		size_t el = strlen(end_tag), j = i + 4;
		while (j + el <= n && ascii_ncasecmp(s + j, end_tag, el))
			j++;
		if (j + el > n) {
			i = n;
			break;
		}
		j += el;
		while (j < n && s[j - 1] != '>')
			j++;
		i = j;
	}
	return buf_steal(&b);
}

char *feed_plain(const char *s, int is_html)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (n > FEED_MAX_FIELD)
		n = FEED_MAX_FIELD;
	char *stripped = is_html ? strip_scripts(s, n) : NULL;
	if (stripped)
		n = strlen(stripped);
	char *h = NULL;
	if (is_html) {
		h = html_to_text(stripped, n);
	} else if (memchr(s, '\n', n) || memchr(s, '\r', n)) {
		/* a line break between two CJK characters goes, as in HTML text (CSS Text's
		   segment-break rule): 王<newline>小明 is one name */
		char *t = xstrndup(s, n);
		h = html_clean_text(t);
		free(t);
	}
	free(stripped);
	const char *src = h ? h : s;
	size_t sl = h ? strlen(h) : n;
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_sanitize(&b, src, sl, 1);
	free(h);
	/* collapse runs of spaces (ASCII) and trim */
	char *o = b.s, *w = b.s;
	int sp = 1;
	for (; *o; o++) {
		if (*o == ' ') {
			if (!sp)
				*w++ = ' ';
			sp = 1;
		} else {
			*w++ = *o;
			sp = 0;
		}
	}
	*w = '\0';
	str_trim(b.s);
	return buf_steal(&b);
}

void feed_set_date(const struct feed_ctx *c, struct article *a, const char *s)
{
	time_t t;
	int zk = 0;
	if (!s || a->has_date)
		return;
	if (date_parse(s, c->offset, &t, &zk)) {
		a->date = t;
		a->has_date = 1;
		a->date_zone_known = zk;
	}
}

void feed_add_category(struct article *a, const char *s, int split)
{
	if (!s)
		return;
	char *p = feed_plain(s, 0);
	if (*p) {
		if (split)
			article_add_cat_str(a, p, '/');
		else
			article_add_cat(a, (const char *const *)&p, 1);
	}
	free(p);
}

char *feed_author_name(char *s)
{
	if (!s)
		return NULL;
	char *open = strchr(s, '('), *close = open ? strrchr(open, ')') : NULL;
	char *lt = strchr(s, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	char *r = NULL;
	if (open && close && close[1] == '\0') {
		char *inner = xstrndup(open + 1, (size_t)(close - open - 1));
		char *outer = xstrndup(s, (size_t)(open - s));
		str_trim(inner);
		str_trim(outer);
		if (strchr(outer, '@') && *inner) { /* me@example.com (Name) */
			r = inner;
			free(outer);
		} else if (strchr(inner, '@') && *outer) { /* Name (me@example.com) */
			r = outer;
			free(inner);
		} else {
			free(inner);
			free(outer);
		}
	} else if (lt && gt && gt[1] == '\0' && lt > s && strchr(lt, '@')) { /* Name <me@example.com> */
		r = str_trim(xstrndup(s, (size_t)(lt - s)));
	}
	if (r && *r) {
		free(s);
		return r;
	}
	free(r);
	return s;
}

void feed_take(char **field, char *s)
{
	if (!*field && s && *s)
		*field = s;
	else
		free(s);
}

char *feed_text_to_html(const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "<p>");
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '<': buf_adds(&b, "&lt;"); break;
		case '>': buf_adds(&b, "&gt;"); break;
		case '&': buf_adds(&b, "&amp;"); break;
		case '\n':
			if (p[1] == '\n') {
				buf_adds(&b, "</p>\n<p>");
				while (p[1] == '\n')
					p++;
			} else {
				buf_adds(&b, "<br>");
			}
			break;
		default: buf_addc(&b, *p);
		}
	}
	buf_adds(&b, "</p>");
	return buf_steal(&b);
}

/* FNV-1a of title and date, for items with neither guid nor link. */
static char *hash_id(const struct article *a)
{
	unsigned long long h = 1469598103934665603ULL;
	for (const char *p = a->title ? a->title : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	long long d = a->has_date ? (long long)a->date : -1;
	for (int i = 0; i < 8; i++)
		h = (h ^ (unsigned char)(d >> (8 * i))) * 1099511628211ULL;
	return xasprintf("hash:%016llx", h);
}

/* First characters of the body's text, for items without a title. */
static char *title_from_body(const char *html)
{
	char *t = feed_plain(html, 1);
	size_t n = strlen(t), cut = 0, chars = 0;
	while (cut < n && chars < 60) {
		unsigned char ch = (unsigned char)t[cut];
		cut += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
		chars++;
	}
	if (cut < n) {
		t[cut] = '\0';
		char *r = xasprintf("%s…", t);
		free(t);
		return r;
	}
	return t;
}

void feed_emit(struct feed_ctx *c, struct article *a)
{
	if (!a->title || !*a->title) {
		free(a->title);
		a->title = a->html ? title_from_body(a->html) : NULL;
		if (!a->title || !*a->title) {
			free(a->title);
			a->title = xstrdup(a->link ? a->link : "(untitled)");
		}
	}
	if (!a->id)
		a->id = a->link ? xstrdup(a->link) : hash_id(a);
	free(a->source);
	a->source = xstrdup(c->name);
	if (!a->lang && c->info->lang)
		a->lang = xstrdup(c->info->lang);
	articles_push(c->out, a);
	c->nitems++;
}

/* Contract in feed.h. */
int feed_parse_info(const char *s, size_t len, const char *name, const char *url, struct articles *out,
		    struct feed_info *info, struct nr_error *err)
{
	struct feed_info local = {0};
	struct feed_ctx c = {.name = name, .url = url, .out = out, .info = info ? info : &local,
			     .offset = DATE_LOCAL};
	memset(c.info, 0, sizeof *c.info);
	enum feed_kind k = feed_sniff(s, len);
	c.info->kind = k;
	int rc;
	if (k == FEED_JSON)
		rc = feed_parse_json(&c, s, len, err);
	else if (k == FEED_NONE)
		rc = nr_fail(err, "%s: not a feed (no rss, rdf:RDF, feed or JSON Feed found)", name);
	else
		rc = feed_parse_xml(&c, s, len, err);
	feed_info_free(&local);
	return rc;
}

/* Contract in feed.h. */
int feed_parse(const char *s, size_t len, const char *name, const char *url, struct articles *out,
	       struct nr_error *err)
{
	return feed_parse_info(s, len, name, url, out, NULL, err);
}
