/* post.c - one post: YAML front matter (libyaml) and an HTML or Markdown body (cmark).
 * Folders of posts are in post_dir.c. */
#include "newsread/post.h"
#include "newsread/datetime.h"
#include "newsread/html.h"
#include "newsread/util.h"
#include "source/sniff.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define FM_MAX_BYTES (256u * 1024)  /* front matter larger than this is not front matter */
#define FM_MAX_DEPTH 16             /* nesting of YAML collections */
#define FM_MAX_NODES 20000          /* YAML nodes in one front matter */
#define CAT_MAX_PARTS 32            /* parts of one category path */
#define CHINA_OFFSET (8 * 3600)     /* zone-less times of Chinese posts: UTC+8 */

/* ---- the front matter as a small tree ---- */

enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ykind kind;
	char *s;              /* scalar value */
	struct ynode **kids;  /* sequence items; for a map: key, value, key, value ... */
	size_t n;
};

static void ynode_free(struct ynode *y)
{
	if (!y)
		return;
	for (size_t i = 0; i < y->n; i++)
		ynode_free(y->kids[i]);
	free(y->kids);
	free(y->s);
	free(y);
}

static void ynode_add(struct ynode *p, struct ynode *k)
{
	p->kids = xrealloc(p->kids, (p->n + 1) * sizeof *p->kids);
	p->kids[p->n++] = k;
}

struct yload {
	yaml_parser_t p;
	size_t nodes;
};

/* Build the node that starts with event ev (consumed). NULL on a parse error or a limit. */
static struct ynode *y_build(struct yload *L, yaml_event_t *ev, int depth)
{
	if (++L->nodes > FM_MAX_NODES || depth > FM_MAX_DEPTH)
		return NULL;
	struct ynode *y = xcalloc(1, sizeof *y);
	if (ev->type == YAML_SCALAR_EVENT) {
		y->kind = Y_SCALAR;
		y->s = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		return y;
	}
	if (ev->type == YAML_ALIAS_EVENT) { /* never expanded: no billion laughs */
		y->kind = Y_SCALAR;
		y->s = xstrdup("");
		return y;
	}
	yaml_event_type_t end;
	if (ev->type == YAML_SEQUENCE_START_EVENT) {
		y->kind = Y_SEQ;
		end = YAML_SEQUENCE_END_EVENT;
	} else if (ev->type == YAML_MAPPING_START_EVENT) {
		y->kind = Y_MAP;
		end = YAML_MAPPING_END_EVENT;
	} else {
		free(y);
		return NULL;
	}
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&L->p, &e)) {
			ynode_free(y);
			return NULL;
		}
		if (e.type == end) {
			yaml_event_delete(&e);
			return y;
		}
		struct ynode *k = y_build(L, &e, depth + 1);
		yaml_event_delete(&e);
		if (!k) {
			ynode_free(y);
			return NULL;
		}
		ynode_add(y, k);
	}
}

/* Parse YAML text into a tree. Returns 0 with *root (NULL for an empty document), or -1. */
static int y_load(const char *s, size_t len, struct ynode **root)
{
	struct yload L = {0};
	*root = NULL;
	if (!yaml_parser_initialize(&L.p))
		return -1;
	yaml_parser_set_input_string(&L.p, (const unsigned char *)s, len);
	yaml_parser_set_encoding(&L.p, YAML_UTF8_ENCODING);
	int rc = -1;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&L.p, &e))
			break;
		yaml_event_type_t t = e.type;
		if (t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&e);
			rc = 0;
			break;
		}
		if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&e);
			continue;
		}
		*root = y_build(&L, &e, 0);
		yaml_event_delete(&e);
		if (!*root)
			break;
	}
	yaml_parser_delete(&L.p);
	if (rc) {
		ynode_free(*root);
		*root = NULL;
	}
	return rc;
}

/* Value of key in a map (ASCII case-insensitive), or NULL. */
static const struct ynode *y_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->kind == Y_SCALAR && ascii_casecmp(map->kids[i]->s, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

/* A non-empty scalar's text, or NULL. */
static const char *y_str(const struct ynode *y)
{
	return y && y->kind == Y_SCALAR && y->s[0] ? y->s : NULL;
}

/* ---- small text helpers ---- */

/* Copy of s with &#123; and &#125; (the archive's braces) turned into { and }. */
static char *unbrace(const char *s, size_t len, size_t *outlen)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	size_t i = 0;
	while (i < len) {
		if (s[i] == '&' && len - i >= 6 && (memcmp(s + i, "&#123;", 6) == 0 || memcmp(s + i, "&#125;", 6) == 0)) {
			buf_addc(&b, s[i + 4] == '3' ? '{' : '}');
			i += 6;
			continue;
		}
		buf_addc(&b, s[i++]);
	}
	if (outlen)
		*outlen = b.len;
	return buf_steal(&b);
}

/* One clean line of text (braces restored, controls dropped, newlines to spaces, trimmed);
 * NULL when empty. */
static char *clean_line(const char *s)
{
	if (!s)
		return NULL;
	char *u = unbrace(s, strlen(s), NULL);
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	text_sanitize(&b, u, strlen(u), 1);
	free(u);
	char *r = buf_steal(&b);
	str_trim(r);
	if (!*r) {
		free(r);
		return NULL;
	}
	return r;
}

static const char *skip_blank_lines(const char *s, const char *end)
{
	if (end - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	const char *p = s;
	while (p < end) {
		const char *q = p;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < end && *q == '\n')
			p = q + 1;
		else
			break;
	}
	return p;
}

/* 1 when the line at p (up to end) is exactly `mark` followed by spaces and a line end;
 * *next is set after the line. */
static int is_mark_line(const char *p, const char *end, const char *mark, const char **next)
{
	size_t m = strlen(mark);
	if ((size_t)(end - p) < m || memcmp(p, mark, m) != 0)
		return 0;
	p += m;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p < end && *p != '\n')
		return 0;
	*next = p < end ? p + 1 : p;
	return 1;
}

/* Find the front matter: yaml start/len and the body start. 1 when found. */
static int fm_split(const char *s, size_t len, const char **yaml, size_t *ylen, const char **body)
{
	const char *end = s + len;
	const char *p = skip_blank_lines(s, end), *next;
	if (!is_mark_line(p, end, "---", &next))
		return 0;
	const char *y = next;
	for (p = y; p < end && (size_t)(p - y) <= FM_MAX_BYTES;) {
		if (is_mark_line(p, end, "---", &next) || is_mark_line(p, end, "...", &next)) {
			*yaml = y;
			*ylen = (size_t)(p - y);
			*body = next;
			return 1;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

int post_sniff(const char *s, size_t len)
{
	const char *y, *b;
	size_t yl;
	return fm_split(s, len, &y, &yl, &b);
}

/* 1 when many lines start with a full-width space indent (news copy: one line, one paragraph). */
static int fullwidth_indented(const char *s, size_t len)
{
	size_t lines = 0, indented = 0;
	const char *p = s, *end = s + len;
	while (p < end) {
		if (end - p >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0)
			indented++;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		lines++;
		if (!nl)
			break;
		p = nl + 1;
	}
	return indented >= 2 && indented * 3 >= lines;
}

char *post_markdown_to_html(const char *s, size_t len)
{
	int opts = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8;
	if (fullwidth_indented(s, len))
		opts |= CMARK_OPT_HARDBREAKS;
	char *h = cmark_markdown_to_html(s, len, opts);
	char *r = xstrdup(h ? h : "");
	free(h);
	return r;
}

/* ---- language, title and image guesses ---- */

/* "zh", "ja" or NULL from the scripts used in the first few KB of s. */
static const char *guess_lang(const char *s, size_t len)
{
	size_t han = 0, kana = 0, n = len < 8192 ? len : 8192;
	for (size_t i = 0; i + 2 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0xE3 || c > 0xE9)
			continue;
		unsigned cp = ((c & 0x0Fu) << 12) | (((unsigned char)s[i + 1] & 0x3Fu) << 6) |
			      ((unsigned char)s[i + 2] & 0x3Fu);
		if (cp >= 0x4E00 && cp <= 0x9FFF)
			han++;
		else if (cp >= 0x3040 && cp <= 0x30FF)
			kana++;
		i += 2;
	}
	if (kana >= 3 && kana * 5 >= han)
		return "ja";
	return han >= 2 ? "zh" : NULL;
}

/* Text of the first heading of a body (HTML <h1>..<h6> or Markdown #), or <title>; NULL. */
static char *first_heading(const char *body, size_t len, int html)
{
	const char *end = body + len;
	if (!html) {
		const char *p = body;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *le = nl ? nl : end;
			const char *q = p;
			while (q < le && *q == ' ' && q - p < 3)
				q++;
			size_t hashes = 0;
			while (q < le && *q == '#')
				q++, hashes++;
			if (hashes >= 1 && hashes <= 6 && (q == le || *q == ' ' || *q == '\t')) {
				char *t = xstrndup(q, (size_t)(le - q));
				for (char *e = t + strlen(t); e > t && (e[-1] == '#' || e[-1] == ' ' || e[-1] == '\r');)
					*--e = '\0';
				char *c = clean_line(t);
				free(t);
				if (c)
					return c;
			}
			if (!nl)
				break;
			p = nl + 1;
		}
		return NULL;
	}
	static const char *const open[] = {"<h1", "<h2", "<h3", "<title"};
	for (size_t k = 0; k < ARRAY_LEN(open); k++) {
		size_t n = len < 262144 ? len : 262144;
		for (size_t i = 0; i + 4 < n; i++) {
			size_t ol = strlen(open[k]);
			if (body[i] != '<' || i + ol >= len || ascii_ncasecmp(body + i, open[k], ol) != 0)
				continue;
			char c = body[i + ol];
			if (c != '>' && c != ' ' && c != '\t' && c != '\n')
				continue;
			const char *gt = memchr(body + i, '>', len - i);
			if (!gt)
				break;
			const char *close = gt + 1;
			while (close < end && !(close[0] == '<' && close + 1 < end && close[1] == '/'))
				close++;
			char *t = html_to_text(gt + 1, (size_t)(close - gt - 1));
			char *r = clean_line(t);
			free(t);
			if (r)
				return r;
		}
	}
	return NULL;
}

/* File name without folder and extension, or NULL. */
static char *name_title(const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return NULL;
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	const char *dot = strrchr(b, '.');
	size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
	char *t = xstrndup(b, n);
	char *r = clean_line(t);
	free(t);
	return r;
}

/* 1 when an image URL looks like a site's stand-in picture rather than the article's. */
static int image_placeholder(const char *u)
{
	static const char *const words[] = {"placeholder", "default", "blank", "nopic", "no-pic", "noimage",
					    "no-image", "no_image", "spacer", "loading", "lazy.", "1x1",
					    "transparent", "dummy", "missing"};
	if (has_iprefix(u, "data:"))
		return 1;
	const char *slash = strrchr(u, '/');
	const char *tail = slash ? slash + 1 : u;
	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		size_t wl = strlen(words[i]);
		for (const char *p = tail; *p; p++)
			if (ascii_ncasecmp(p, words[i], wl) == 0)
				return 1;
	}
	return 0;
}

/* ---- front matter -> article ---- */

/* Add the categories value: a scalar is one category; a list is one path; a list of
 * lists (Hexo) is several paths. Returns 1 when anything was added. */
static int fm_categories(struct article *a, const struct ynode *v)
{
	if (!v)
		return 0;
	size_t before = a->ncats;
	if (v->kind == Y_SCALAR) {
		char *c = clean_line(v->s);
		if (c)
			article_add_cat(a, (const char *const *)&c, 1);
		free(c);
		return a->ncats > before;
	}
	if (v->kind != Y_SEQ)
		return 0;
	char *parts[CAT_MAX_PARTS] = {0};
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *k = v->kids[i];
		if (k->kind == Y_SCALAR) {
			char *c = clean_line(k->s);
			if (c && n < CAT_MAX_PARTS)
				parts[n++] = c;
			else
				free(c);
		} else if (k->kind == Y_SEQ) {
			char *sub[CAT_MAX_PARTS] = {0};
			size_t m = 0;
			for (size_t j = 0; j < k->n; j++) {
				char *c = k->kids[j]->kind == Y_SCALAR ? clean_line(k->kids[j]->s) : NULL;
				if (c && m < CAT_MAX_PARTS)
					sub[m++] = c;
				else
					free(c);
			}
			article_add_cat(a, (const char *const *)sub, m);
			for (size_t j = 0; j < m; j++)
				free(sub[j]);
		}
	}
	article_add_cat(a, (const char *const *)parts, n);
	for (size_t i = 0; i < n; i++)
		free(parts[i]);
	return a->ncats > before;
}

static char *fm_author(const struct ynode *v)
{
	if (!v)
		return NULL;
	if (v->kind == Y_SCALAR)
		return clean_line(v->s);
	if (v->kind == Y_MAP)
		return clean_line(y_str(y_get(v, "name")));
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < v->n && i < 16; i++) {
		const char *s = v->kids[i]->kind == Y_SCALAR ? v->kids[i]->s : y_str(y_get(v->kids[i], "name"));
		if (!s || !*s)
			continue;
		if (b.len)
			buf_adds(&b, ", ");
		buf_adds(&b, s);
	}
	char *r = clean_line(b.s);
	buf_free(&b);
	return r;
}

static char *fm_image(const struct ynode *fm)
{
	static const char *const keys[] = {"headimg", "thumbnail", "cover", "image", "banner", "featured_image"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		const struct ynode *v = y_get(fm, keys[i]);
		const char *s = y_str(v);
		if (!s && v && v->kind == Y_MAP)
			s = y_str(y_get(v, "src")) ? y_str(y_get(v, "src")) : y_str(y_get(v, "url"));
		if (!s && v && v->kind == Y_SEQ && v->n)
			s = y_str(v->kids[0]);
		char *c = clean_line(s);
		if (c && !image_placeholder(c))
			return c;
		free(c);
	}
	return NULL;
}

static char *fm_link(const struct ynode *fm)
{
	static const char *const keys[] = {"link", "url", "permalink", "source_url", "original"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		char *c = clean_line(y_str(y_get(fm, keys[i])));
		if (c && (has_iprefix(c, "http://") || has_iprefix(c, "https://")))
			return c;
		free(c);
	}
	return NULL;
}

/* Fill a from the front matter map; the date is parsed later when the language is known.
 * Returns the date text (borrowed from fm) or NULL. */
static const char *fm_apply(struct article *a, const struct ynode *fm)
{
	a->title = clean_line(y_str(y_get(fm, "title")));
	if (!fm_categories(a, y_get(fm, "categories")))
		fm_categories(a, y_get(fm, "category"));
	a->author = fm_author(y_get(fm, "author"));
	a->image = fm_image(fm);
	a->link = fm_link(fm);
	char *lang = clean_line(y_str(y_get(fm, "lang")));
	if (!lang)
		lang = clean_line(y_str(y_get(fm, "language")));
	a->lang = lang;
	const char *d = y_str(y_get(fm, "date"));
	return d ? d : y_str(y_get(fm, "published"));
}

/* Front matter text -> tree; braces restored first, and when that breaks the YAML (a
 * plain scalar starting with `{`), parsed as written. NULL when not a usable mapping. */
static struct ynode *fm_load(const char *y, size_t ylen, int *ok)
{
	struct ynode *root;
	size_t ul;
	char *u = unbrace(y, ylen, &ul);
	int rc = y_load(u, ul, &root);
	free(u);
	if (rc)
		rc = y_load(y, ylen, &root);
	*ok = rc == 0 && (!root || root->kind == Y_MAP);
	if (!*ok) {
		ynode_free(root);
		root = NULL;
	}
	return root;
}

int post_parse(const char *s, size_t len, const char *path, const char *relid, const char *folder_cats,
	       struct articles *out, struct nr_error *err)
{
	(void)err;
	const char *y, *body;
	size_t ylen;
	struct ynode *fm = NULL;
	int ok = 0;
	if (fm_split(s, len, &y, &ylen, &body))
		fm = fm_load(y, ylen, &ok);
	if (!ok)
		body = s; /* missing or broken front matter: the whole file is the body */
	size_t blen = (size_t)(s + len - body);

	struct article *a = article_new();
	const char *date = fm ? fm_apply(a, fm) : NULL;
	int html = sniff_starts_with_tag(body, blen);
	if (html) {
		a->html = xstrndup(body, blen);
	} else {
		/* the archive writes every brace as &#123;/&#125;, also in Markdown code blocks,
		 * where cmark would keep the entity as literal text */
		size_t ulen;
		char *u = unbrace(body, blen, &ulen);
		a->html = post_markdown_to_html(u, ulen);
		free(u);
	}
	if (!a->title)
		a->title = first_heading(body, blen, html);
	if (!a->title)
		a->title = name_title(path);
	if (!a->lang) {
		const char *g = guess_lang(a->title ? a->title : "", a->title ? strlen(a->title) : 0);
		if (!g)
			g = guess_lang(body, blen);
		a->lang = xstrdup(g);
	}
	if (date) {
		int zh = a->lang && has_iprefix(a->lang, "zh");
		a->has_date = date_parse(date, zh ? CHINA_OFFSET : DATE_LOCAL, &a->date, &a->date_zone_known);
	}
	if (!a->ncats && folder_cats && *folder_cats)
		article_add_cat_str(a, folder_cats, '/');
	int stdin_doc = !path || strcmp(path, "-") == 0;
	if (!a->link && !stdin_doc)
		a->link = xstrdup(path);
	a->id = xstrdup(relid ? relid : a->link ? a->link : "-");
	a->source = xstrdup(path ? path : "-");
	ynode_free(fm);
	articles_push(out, a);
	return 0;
}
