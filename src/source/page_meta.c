/* page_meta.c - reader mode: title, author, publish date, lead image and language from
 * meta tags, headings, bylines and the Chinese forms news sites print near the title. */
#define PAGE_INTERNAL
#include "newsread/page.h"
#include "newsread/datetime.h"
#include "newsread/html.h"

#include <stdlib.h>
#include <string.h>

#define INFO(n) ((struct page_info *)(n)->_private)
/* Page text kept for the searches near the title (bylines and dates lie between the
 * heading and the content, within the first few KB of a page's text in practice): 48 KB,
 * so the buffer stays at 64 KB instead of growing with the page. */
#define TEXT_MAX (48u * 1024)
#define MAX_H1 32

/* Meta keys that give a publish date, best first. */
static const char *const date_keys[] = {
	"article:published_time", "og:published_time", "og:article:published_time", "datepublished",
	"pubdate", "publishdate", "publish-date", "publish_date", "pubtime", "dc.date.issued",
	"dc.date", "date", "sailthru.date", "parsely-pub-date", "og:release_date",
	"weibo:article:create_at", "article:modified_time",
};
static const char *const author_keys[] = {
	"author", "article:author", "og:article:author", "dc.creator", "byl", "sailthru.author",
	"parsely-author",
};

static void set_str(char **dst, const char *s)
{
	if (*dst || !s)
		return;
	struct buf b;
	buf_init(&b);
	text_sanitize(&b, s, strlen(s) > 2000 ? 2000 : strlen(s), 1);
	char *t = buf_steal(&b);
	str_trim(t);
	if (*t)
		*dst = t;
	else
		free(t);
}

static void meta_tag(struct page_ctx *c, xmlNode *n, int *author_prio)
{
	const char *k = page_attr(n, "property");
	if (!k)
		k = page_attr(n, "name");
	if (!k)
		k = page_attr(n, "itemprop");
	const char *v = page_attr(n, "content");
	if (!k || !v || !*v)
		return;
	if (ascii_casecmp(k, "og:title") == 0 || ascii_casecmp(k, "twitter:title") == 0)
		set_str(&c->og_title, v);
	else if (ascii_casecmp(k, "og:image") == 0 || ascii_casecmp(k, "twitter:image") == 0 ||
		 ascii_casecmp(k, "og:image:url") == 0)
		set_str(&c->image, v);
	else if (ascii_casecmp(k, "og:site_name") == 0)
		set_str(&c->site_name, v);
	for (size_t i = 0; i < ARRAY_LEN(date_keys); i++) {
		if (ascii_casecmp(k, date_keys[i]) == 0 && (!c->date_str || (int)i < c->date_prio)) {
			free(c->date_str);
			c->date_str = NULL;
			set_str(&c->date_str, v);
			c->date_prio = (int)i;
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(author_keys); i++) {
		if (ascii_casecmp(k, author_keys[i]) == 0 && (int)i < *author_prio && !has_iprefix(v, "http")) {
			free(c->author);
			c->author = NULL;
			set_str(&c->author, v);
			*author_prio = (int)i;
		}
	}
}

static int byline_el(const xmlNode *n)
{
	const char *r = page_attr(n, "rel"), *ip = page_attr(n, "itemprop");
	if ((r && ascii_casecmp(r, "author") == 0) || (ip && ascii_casecmp(ip, "author") == 0))
		return 1;
	if (!(INFO(n)->hints & HINT_META))
		return 0;
	const char *cl = page_attr(n, "class"), *id = page_attr(n, "id");
	char s[300];
	snprintf(s, sizeof s, "%s %s", cl ? cl : "", id ? id : "");
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return strstr(s, "author") || strstr(s, "byline") || strstr(s, "writer");
}

static int is_inside(const xmlNode *n, const xmlNode *a)
{
	for (; n && a; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/* An element that names the article's source: class or id "source" (来源). */
static int source_el(const xmlNode *n)
{
	const char *cl = page_attr(n, "class"), *id = page_attr(n, "id");
	return (cl && strstr(cl, "source")) || (id && strstr(id, "source"));
}

/* The element's text up to its first line break or block, when short: a byline. */
static void first_line(xmlNode *root, char **dst)
{
	struct buf b;
	buf_init(&b);
	for (xmlNode *n = root; n && b.len < 400; n = page_next(n, root, 1)) {
		if (n != root && (page_tag(n) == HE_BR || page_is_block(n)) && b.len)
			break;
		if (n->type == XML_TEXT_NODE && n->content)
			buf_adds(&b, (const char *)n->content);
	}
	if (b.s) {
		page_collapse_ws(&b, 0);
		char *t = xstrdup(b.s);
		buf_free(&b);
		text_sanitize(&b, t, strlen(t), 1);
		free(t);
		str_trim(b.s);
		if (*b.s && strlen(b.s) < 120)
			set_str(dst, b.s);
	}
	buf_free(&b);
}

void page_meta_scan(struct page_ctx *c)
{
	xmlNode *root = xmlDocGetRootElement(c->doc);
	int author_prio = 100, in_body = 0;
	xmlNode *src_node = NULL;
	c->date_prio = 100;
	c->h1_near = -1;
	xmlNode *n = root;
	while (n) {
		int into = 1;
		if (n->type == XML_TEXT_NODE && in_body && c->text.len < TEXT_MAX) {
			size_t before = c->text.len;
			page_text_of(n, &c->text, TEXT_MAX);
			(void)before;
		} else if (n->type == XML_ELEMENT_NODE) {
			if (n->_private)
				INFO(n)->text_off = (unsigned)c->text.len;
			if (n == c->body)
				in_body = 1;
			unsigned t = page_tag(n);
			if (t == HE_SCRIPT || t == HE_STYLE || t == HE_NOSCRIPT || t == HE_TEMPLATE) {
				into = 0;
			} else if (t == HE_HTML) {
				set_str(&c->lang, page_attr(n, "lang"));
				set_str(&c->lang, page_attr(n, "xml:lang"));
			} else if (t == HE_TITLE && !in_body) {
				struct buf b;
				buf_init(&b);
				page_text_of(n, &b, 2000);
				set_str(&c->title_tag, b.s);
				buf_free(&b);
				into = 0;
			} else if (t == HE_META) {
				meta_tag(c, n, &author_prio);
			} else if (t == HE_TIME && page_attr(n, "datetime")) {
				const char *ip = page_attr(n, "itemprop");
				int prio = (page_attr(n, "pubdate") || (ip && ascii_casecmp(ip, "datePublished") == 0))
						   ? 40 : 50;
				if (prio < c->date_prio) {
					free(c->date_str);
					c->date_str = NULL;
					set_str(&c->date_str, page_attr(n, "datetime"));
					c->date_prio = prio;
				}
			} else if (t == HE_H1 && c->nh1 < MAX_H1) {
				struct buf b;
				buf_init(&b);
				page_text_of(n, &b, 2000);
				str_trim(b.s);
				if (*b.s) {
					c->h1s = xrealloc(c->h1s, (c->nh1 + 1) * sizeof *c->h1s);
					c->h1s[c->nh1].order = INFO(n)->order;
					c->h1s[c->nh1].text = buf_steal(&b);
					c->h1s[c->nh1].text_off = c->text.len;
					c->nh1++;
				}
				buf_free(&b);
			} else if (in_body && !c->byline && byline_el(n)) {
				first_line(n, &c->byline);
			} else if (in_body && source_el(n) && (!c->source || is_inside(n, src_node))) {
				free(c->source); /* the innermost "source" element is the name itself */
				c->source = NULL;
				first_line(n, &c->source);
				src_node = n;
			}
			if (in_body && (page_is_block(n) || t == HE_BR) && c->text.len &&
			    c->text.s[c->text.len - 1] != ' ')
				buf_addc(&c->text, ' ');
		}
		n = page_next(n, root, into);
	}
	if (!c->text.s)
		buf_add(&c->text, "", 0);
}

/* ---------- title ---------- */

static int has_cjk(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xE3 && *p <= 0xE9)
			return 1;
	return 0;
}

static void lower_norm(const char *s, char *out, size_t max)
{
	size_t k = 0;
	for (; *s && k + 1 < max; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == ' ' || ch == '\t' || ch == '\n')
			continue;
		out[k++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : (char)ch;
	}
	out[k] = '\0';
}

/* Split a title at the separators sites put before their name; keep the part that is the
 * page's heading, else the longest. sitename_only: drop only parts equal to the site name. */
static char *title_clean(const char *t, struct page_ctx *c, int sitename_only)
{
	static const char *const seps[] = {" - ", " | ", " — ", " – ", " :: ", " · ", "--", "——", "|", "_"};
	int cjk = has_cjk(t);
	const char *parts[16];
	size_t plen[16], np = 0;
	const char *start = t, *p = t;
	while (*p && np < 15) {
		size_t sl = 0;
		for (size_t i = 0; i < ARRAY_LEN(seps) && !sl; i++) {
			size_t l = strlen(seps[i]);
			if (strncmp(p, seps[i], l) == 0 && ((seps[i][0] != '_' && seps[i][0] != '|') || cjk ||
							      seps[i][0] == '|'))
				sl = l;
		}
		if (sl) {
			parts[np] = start;
			plen[np++] = (size_t)(p - start);
			p += sl;
			start = p;
		} else {
			p++;
		}
	}
	parts[np] = start;
	plen[np++] = strlen(start);
	if (np == 1)
		return xstrdup(t);
	char a[1024], b[1024];
	if (sitename_only) {
		if (!c->site_name)
			return xstrdup(t);
		lower_norm(c->site_name, b, sizeof b);
		char *last = xstrndup(parts[np - 1], plen[np - 1]);
		lower_norm(last, a, sizeof a);
		free(last);
		if (strcmp(a, b) != 0)
			return xstrdup(t);
		return str_trim(xstrndup(t, (size_t)(parts[np - 2] + plen[np - 2] - t)));
	}
	size_t best = 0;
	int best_h1 = 0;
	for (size_t i = 0; i < np; i++) {
		char *s = xstrndup(parts[i], plen[i]);
		str_trim(s);
		lower_norm(s, a, sizeof a);
		int h1 = 0;
		for (size_t k = 0; k < c->nh1 && *a; k++) {
			lower_norm(c->h1s[k].text, b, sizeof b);
			if (strstr(b, a) && strlen(a) * 2 > strlen(b))
				h1 = 1;
		}
		if ((h1 && !best_h1) || (h1 == best_h1 && strlen(s) > plen[best]))
			best = i, best_h1 = h1;
		free(s);
	}
	char *r = xstrndup(parts[best], plen[best]);
	return str_trim(r);
}

void page_pick_title(struct page_ctx *c)
{
	/* the heading of the content: inside it, else the last one before it, else the first */
	for (size_t k = 0; k < c->nh1; k++)
		if (c->h1s[k].order >= c->content_first && c->h1s[k].order <= c->content_last) {
			c->h1_near = (int)k;
			break;
		}
	if (c->h1_near < 0)
		for (size_t k = 0; k < c->nh1; k++)
			if (c->h1s[k].order < c->content_first)
				c->h1_near = (int)k;
	if (c->h1_near < 0 && c->nh1)
		c->h1_near = 0;
	char *t = NULL;
	if (c->og_title) {
		t = title_clean(c->og_title, c, 1);
		/* og:title with the site's suffix still on it: use the <title> rule */
		char *u = title_clean(c->og_title, c, 0);
		if (c->h1_near >= 0) {
			char a[1024], b[1024];
			lower_norm(u, a, sizeof a);
			lower_norm(c->h1s[c->h1_near].text, b, sizeof b);
			if (strcmp(a, b) == 0) {
				free(t);
				t = u;
				u = NULL;
			}
		}
		free(u);
	} else if (c->h1_near >= 0) {
		t = xstrdup(c->h1s[c->h1_near].text);
	} else if (c->title_tag) {
		t = title_clean(c->title_tag, c, 0);
	}
	if (t) {
		struct buf b;
		buf_init(&b);
		text_sanitize(&b, t, strlen(t), 1);
		free(t);
		t = buf_steal(&b);
		str_trim(t);
	}
	c->title = t;
}

/* ---------- author and date in the text ---------- */

static size_t utf8_len(unsigned char ch)
{
	return ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
}

/* A stop between name and what follows: space, ASCII punctuation or CJK punctuation. */
static int name_stop(const char *p)
{
	unsigned char ch = (unsigned char)*p;
	if (!ch || ch == ' ' || ch == ',' || ch == ';' || ch == '|' || ch == '/' || ch == '(' || ch == ')' ||
	    ch == ':' || ch == '[' || ch == ']' || (ch >= '0' && ch <= '9'))
		return 1;
	return (ch == 0xE3 && (unsigned char)p[1] == 0x80) || (ch == 0xEF && (unsigned char)p[1] == 0xBC);
}

/* The name after marker in s[0..n) (marker must be followed by sep when need_sep). */
static char *name_after(const char *s, size_t n, const char *marker, int need_sep)
{
	size_t ml = strlen(marker);
	for (const char *p = s; p + ml <= s + n; p++) {
		if (strncmp(p, marker, ml) != 0)
			continue;
		const char *q = p + ml;
		int sep = 0;
		while (q < s + n && (*q == ' ' || *q == ':' || strncmp(q, "：", 3) == 0)) {
			q += *q == ' ' || *q == ':' ? 1 : 3;
			sep = 1;
		}
		if (need_sep && !sep)
			continue;
		const char *e = q;
		size_t chars = 0;
		while (e < s + n && !name_stop(e) && chars < 16) {
			e += utf8_len((unsigned char)*e);
			chars++;
		}
		if (e > q && e <= s + n)
			return xstrndup(q, (size_t)(e - q));
	}
	return NULL;
}

static int digits(const char *p, int min, int max, int *v)
{
	int k = 0;
	*v = 0;
	while (k < max && p[k] >= '0' && p[k] <= '9')
		*v = *v * 10 + (p[k++] - '0');
	return k >= min ? k : 0;
}

/* First date in s[0..n): 2021年11月24日 20:49, 2021-11-24 20:49[:05], 2021/11/24, 2021.11.24.
 * Written into out as "YYYY-MM-DD[ HH:MM:SS]". */
static int find_date(const char *s, size_t n, char *out, size_t outn)
{
	for (size_t i = 0; i + 8 <= n; i++) {
		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		int y, m, d, hh = -1, mm = 0, ss = 0, k;
		const char *p = s + i;
		if (digits(p, 4, 4, &y) != 4 || y < 1990 || y > 2100)
			continue;
		p += 4;
		int cn = strncmp(p, "年", 3) == 0;
		if (cn)
			p += 3;
		else if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else
			continue;
		if (!(k = digits(p, 1, 2, &m)) || m < 1 || m > 12)
			continue;
		p += k;
		if (cn && strncmp(p, "月", 3) == 0)
			p += 3;
		else if (!cn && (*p == '-' || *p == '/' || *p == '.'))
			p++;
		else
			continue;
		if (!(k = digits(p, 1, 2, &d)) || d < 1 || d > 31)
			continue;
		p += k;
		if (cn && strncmp(p, "日", 3) == 0)
			p += 3;
		while (*p == ' ' || strncmp(p, "\xc2\xa0", 2) == 0)
			p += *p == ' ' ? 1 : 2;
		int h;
		if ((k = digits(p, 1, 2, &h)) && (p[k] == ':' || strncmp(p + k, "：", 3) == 0) && h < 24) {
			const char *q = p + k + (p[k] == ':' ? 1 : 3);
			int mi;
			if (digits(q, 2, 2, &mi) && mi < 60) {
				hh = h;
				mm = mi;
				q += 2;
				int se;
				if (*q == ':' && digits(q + 1, 2, 2, &se) && se < 60)
					ss = se;
			}
		}
		if (hh >= 0)
			snprintf(out, outn, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm, ss);
		else
			snprintf(out, outn, "%04d-%02d-%02d", y, m, d);
		return 1;
	}
	return 0;
}

/* Language: <html lang>'s primary subtag, else by the share of CJK in the text. */
static char *pick_lang(struct page_ctx *c, const char *text)
{
	if (c->lang) {
		char l[16];
		size_t k = 0;
		for (const char *p = c->lang; *p && *p != '-' && *p != '_' && k < sizeof l - 1; p++)
			l[k++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
		l[k] = '\0';
		if (k >= 2 && k <= 3)
			return xstrdup(l);
	}
	size_t cjk = 0, latin = 0, kana = 0;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		size_t l = utf8_len(*p);
		if (l == 3 && *p >= 0xE3 && *p <= 0xE9) {
			cjk++;
			/* U+3041..U+30FA: kana (not the middle dot or long mark Chinese borrows) */
			unsigned cp = *p == 0xE3 && p[1] && p[2] ? 0x3000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu) : 0;
			kana += cp - 0x3041u <= 0x30FAu - 0x3041u;
		}
		else if ((*p | 32) >= 'a' && (*p | 32) <= 'z')
			latin++;
		for (size_t j = 0; j < l && *p; j++)
			p++;
	}
	if (cjk * 3 > latin / 2 && cjk > 10)
		return xstrdup(kana * 20 > cjk ? "ja" : "zh"); /* Japanese prose is a third or more kana */
	if (latin > 20)
		return xstrdup("en");
	return NULL;
}

static char *strip_byline(const char *s)
{
	static const char *const pre[] = {"By ", "by ", "BY ", "Written by ", "Words by ", "作者", "本报记者",
					   "记者", "文/", "文／", "文|", "撰文", "来源", "：", ":", " "};
	for (size_t i = 0; i < ARRAY_LEN(pre); i++)
		if (has_prefix(s, pre[i]))
			s += strlen(pre[i]);
	char *t = xstrdup(s);
	str_trim(t);
	return t;
}

static const char *meta_img_attr(const void *n, const char *name)
{
	return page_attr(n, name);
}

static char *first_image(struct page_ctx *c)
{
	for (size_t k = 0; k < c->nkeep; k++) {
		/* the statistics count the images of each subtree (cleaning only removed some
		 * since): subtrees without any are skipped */
		int into = 1;
		for (xmlNode *n = c->keep[k]; n; n = page_next(n, c->keep[k], into)) {
			into = n->type != XML_ELEMENT_NODE || !n->_private || INFO(n)->imgs > 0;
			if (page_tag(n) != HE_IMG)
				continue;
			const char *w = page_attr(n, "width"), *h = page_attr(n, "height");
			if ((w && atoi(w) > 0 && atoi(w) < 150) || (h && atoi(h) > 0 && atoi(h) < 100))
				continue;
			char *src = html_img_src(meta_img_attr, n);
			if (src) {
				char *u = url_resolve(c->base ? c->base : "", src);
				free(src);
				return u;
			}
		}
	}
	return NULL;
}

void page_meta_finish(struct page_ctx *c, struct article *a)
{
	a->title = xstrdup(c->title ? c->title : c->url ? c->url : "");
	struct buf ct;
	buf_init(&ct);
	/* the content's first 16000 bytes (for its language and an early byline or date):
	   a 16 KB buffer */
	for (size_t k = 0; k < c->nkeep && ct.len < 16000; k++)
		page_text_of(c->keep[k], &ct, 16000);
	if (!ct.s)
		buf_add(&ct, "", 0);
	a->lang = pick_lang(c, ct.len ? ct.s : c->text.s);
	int zh = a->lang && strcmp(a->lang, "zh") == 0;

	/* the text between the heading and the content: where bylines and dates are printed */
	const char *w = c->text.s;
	size_t wn = 0;
	size_t cstart = c->nkeep && c->keep[0]->_private ? INFO(c->keep[0])->text_off : 0;
	if (c->h1_near < 0) {
		size_t s = cstart > 600 ? cstart - 600 : 0;
		if (s > c->text.len)
			s = c->text.len;
		w = c->text.s + s;
		wn = cstart > s && cstart <= c->text.len ? cstart - s : 0;
	} else {
		size_t s = c->h1s[c->h1_near].text_off;
		if (s > c->text.len)
			s = c->text.len;
		w = c->text.s + s;
		wn = cstart > s ? cstart - s : 400;
		if (wn > 600)
			wn = 600;
		if (s + wn > c->text.len)
			wn = c->text.len - s;
	}

	if (c->author)
		a->author = strip_byline(c->author);
	else if (c->byline)
		a->author = strip_byline(c->byline);
	else {
		static const char *const markers[] = {"作者", "文/", "记者", "编辑", "来源"};
		for (size_t i = 0; i < ARRAY_LEN(markers) && !a->author; i++) {
			int sep = strcmp(markers[i], "文/") != 0;
			a->author = name_after(w, wn, markers[i], sep);
			if (!a->author && zh)
				a->author = name_after(ct.s, ct.len > 300 ? 300 : ct.len, markers[i], sep);
		}
	}
	if (!a->author && c->source)
		a->author = strip_byline(c->source);
	char d[64];
	if (a->author && find_date(a->author, strlen(a->author), d, sizeof d)) {
		free(a->author); /* "发表于 2021-11-20 22:13": a dateline, not a name */
		a->author = NULL;
	}
	if (a->author && (!*a->author || strlen(a->author) > 120)) {
		free(a->author);
		a->author = NULL;
	}

	int off = zh ? 8 * 3600 : DATE_LOCAL;
	if (c->date_str && date_parse(c->date_str, off, &a->date, &a->date_zone_known))
		a->has_date = 1;
	/* the date printed near the title: used when no meta date, or when the meta date has
	 * no time of day and the printed one is the same day with its time */
	int printed = (wn && find_date(w, wn, d, sizeof d)) || find_date(ct.s, ct.len > 400 ? 400 : ct.len, d, sizeof d) ||
		      find_date(c->text.s, c->text.len > 4000 ? 4000 : c->text.len, d, sizeof d);
	if (printed && a->has_date && !strchr(c->date_str, ':') && strlen(d) > 10 && strlen(c->date_str) >= 10 &&
	    strncmp(c->date_str, d, 10) == 0)
		a->has_date = 0;
	if (printed && !a->has_date)
		a->has_date = date_parse(d, off, &a->date, &a->date_zone_known);

	if (c->image)
		a->image = url_resolve(c->base ? c->base : "", c->image);
	else
		a->image = first_image(c);
	buf_free(&ct);
}
