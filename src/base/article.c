/* article.c - the article record and article lists. */
#include "newsread/article.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

struct article *article_new(void)
{
	return xcalloc(1, sizeof(struct article));
}

static void catpath_free(struct catpath *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->parts[i]);
	free(p->parts);
}

void article_free(struct article *a)
{
	if (!a)
		return;
	free(a->id);
	free(a->title);
	free(a->link);
	free(a->source);
	free(a->source_title);
	free(a->mark_source);
	free(a->author);
	for (size_t i = 0; i < a->ncats; i++)
		catpath_free(&a->cats[i]);
	free(a->cats);
	free(a->image);
	free(a->html);
	article_drop_tree(a);
	free(a->base);
	free(a->lang);
	for (size_t i = 0; i < a->nstocks; i++) {
		free(a->stocks[i].code);
		free(a->stocks[i].name);
	}
	free(a->stocks);
	free(a);
}

const char *article_source_name(const struct article *a)
{
	if (a->source_named && a->source && *a->source)
		return a->source;
	if (a->source_title && *a->source_title)
		return a->source_title;
	return a->source ? a->source : "";
}

const char *article_html(struct article *a)
{
	if (!a->html && a->tree && a->tree_html)
		a->html = a->tree_html(a->tree);
	return a->html;
}

void article_drop_tree(struct article *a)
{
	if (a->tree && a->tree_free)
		a->tree_free(a->tree);
	a->tree = NULL;
}

int article_has_cat(const struct article *a, const struct catpath *p)
{
	for (size_t i = 0; i < a->ncats; i++) {
		const struct catpath *q = &a->cats[i];
		if (q->n != p->n)
			continue;
		size_t j = 0;
		while (j < p->n && strcmp(q->parts[j], p->parts[j]) == 0)
			j++;
		if (j == p->n)
			return 1;
	}
	return 0;
}

void article_add_cat(struct article *a, const char *const *parts, size_t n)
{
	/* bounded: a hostile feed with thousands of categories per item would make the
	 * duplicate check quadratic, and no reader wants more than this many paths */
	if (a->ncats >= ARTICLE_MAX_CATS)
		return;
	struct catpath p = {xcalloc(n ? n : 1, sizeof(char *)), 0};
	for (size_t i = 0; i < n; i++) {
		char *s = str_trim(xstrdup(parts[i] ? parts[i] : ""));
		if (*s)
			p.parts[p.n++] = s;
		else
			free(s);
	}
	if (!p.n || article_has_cat(a, &p)) {
		catpath_free(&p);
		return;
	}
	a->cats = xrealloc(a->cats, (a->ncats + 1) * sizeof *a->cats);
	a->cats[a->ncats++] = p;
}

void article_add_cat_str(struct article *a, const char *path, char sep)
{
	char *copy = xstrdup(path);
	const char *parts[64];
	size_t n = 0;
	char *s = copy;
	for (;;) {
		char *e = strchr(s, sep);
		if (e)
			*e = '\0';
		if (n < ARRAY_LEN(parts))
			parts[n++] = s;
		if (!e)
			break;
		s = e + 1;
	}
	article_add_cat(a, parts, n);
	free(copy);
}

char *catpath_join(const struct catpath *p, const char *sep)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			buf_adds(&b, sep);
		buf_adds(&b, p->parts[i]);
	}
	return buf_steal(&b);
}

/* The order of byh: row ids (> 0) ascending, then the given handles -1, -2, ... (so that
 * both kinds are appended as they come). */
static int h_before(article_handle a, article_handle b)
{
	if ((a > 0) != (b > 0))
		return a > 0;
	return a > 0 ? a < b : a > b;
}

/* Position of handle h in l->byh, or where it would go. */
static size_t byh_find(const struct articles *l, article_handle h)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h_before(l->byh[mid]->handle, h))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Room for one more, then a's handle and its entry in byh (l->n not yet counted). */
static void enter(struct articles *l, struct article *a)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
		l->byh = xrealloc(l->byh, l->cap * sizeof *l->byh);
	}
	if (!a->handle)
		a->handle = -++l->given;
	size_t k = !l->n || h_before(l->byh[l->n - 1]->handle, a->handle) ? l->n : byh_find(l, a->handle);
	memmove(l->byh + k + 1, l->byh + k, (l->n - k) * sizeof *l->byh);
	l->byh[k] = a;
}

void articles_push(struct articles *l, struct article *a)
{
	enter(l, a);
	l->v[l->n++] = a;
}

void articles_move(struct articles *dst, struct articles *src)
{
	for (size_t i = 0; i < src->n; i++) {
		struct article *a = src->v[i];
		if (a->handle < 0) /* given by src: dst gives its own */
			a->handle = 0;
		articles_push(dst, a);
	}
	free(src->v);
	free(src->byh);
	memset(src, 0, sizeof *src);
}

static int newer(const struct article *a, const struct article *b);

article_handle articles_add(struct articles *l, struct article *a)
{
	enter(l, a);
	size_t k = l->n;
	while (k && newer(a, l->v[k - 1]) < 0)
		k--;
	memmove(l->v + k + 1, l->v + k, (l->n - k) * sizeof *l->v);
	l->v[k] = a;
	l->n++;
	return a->handle;
}

struct article *articles_get(const struct articles *l, article_handle h)
{
	size_t k = byh_find(l, h);
	return k < l->n && l->byh[k]->handle == h ? l->byh[k] : NULL;
}

int articles_remove(struct articles *l, article_handle h)
{
	size_t k = byh_find(l, h);
	if (k >= l->n || l->byh[k]->handle != h)
		return -1;
	struct article *a = l->byh[k];
	memmove(l->byh + k, l->byh + k + 1, (l->n - k - 1) * sizeof *l->byh);
	size_t i = 0;
	while (l->v[i] != a)
		i++;
	memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
	l->n--;
	article_free(a);
	return 0;
}

void articles_free(struct articles *l)
{
	for (size_t i = 0; i < l->n; i++)
		article_free(l->v[i]);
	free(l->v);
	free(l->byh);
	l->v = l->byh = NULL;
	l->n = l->cap = 0;
	l->given = 0;
}

/* Merge sort keeps the order of equal keys (qsort is not stable). */
static int newer(const struct article *a, const struct article *b)
{
	if (a->has_date != b->has_date)
		return a->has_date ? -1 : 1;
	if (!a->has_date || a->date == b->date)
		return 0;
	return a->date > b->date ? -1 : 1;
}

static void msort(struct article **v, struct article **tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	msort(v, tmp, h);
	msort(v + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = newer(v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

void articles_sort(struct articles *l)
{
	if (l->n < 2)
		return;
	struct article **tmp = xmalloc(l->n * sizeof *tmp);
	msort(l->v, tmp, l->n);
	free(tmp);
}

/* Open-addressing set of strings, enough for dedup of a few hundred thousand articles. */
struct strmap {
	const char **keys;
	size_t *vals;
	size_t cap;
};

static size_t str_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Index stored for key, or (size_t)-1. */
static size_t strmap_find(const struct strmap *m, const char *key)
{
	size_t i = str_hash(key) & (m->cap - 1);
	for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	return (size_t)-1;
}

static void strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i = str_hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = key;
	m->vals[i] = val;
}

void articles_dedup(struct articles *l)
{
	if (l->n < 2)
		return;
	struct strmap m;
	m.cap = 16;
	while (m.cap < l->n * 4)
		m.cap *= 2;
	m.keys = xcalloc(m.cap, sizeof *m.keys);
	m.vals = xcalloc(m.cap, sizeof *m.vals);
	struct article **dropped = xmalloc(l->n * sizeof *dropped);
	size_t out = 0, ndropped = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct article *a = l->v[i];
		int has_id = a->id && *a->id, has_link = a->link && *a->link;
		size_t dup = has_id ? strmap_find(&m, a->id) : (size_t)-1;
		if (dup == (size_t)-1 && has_link)
			dup = strmap_find(&m, a->link);
		if (dup == (size_t)-1) {
			if (has_id)
				strmap_put(&m, a->id, out);
			if (has_link)
				strmap_put(&m, a->link, out);
		}
		if (dup != (size_t)-1) {
			struct article *keep = l->v[dup];
			for (size_t c = 0; c < a->ncats; c++)
				article_add_cat(keep, (const char *const *)a->cats[c].parts, a->cats[c].n);
			dropped[ndropped++] = a; /* freed once no map key points into it */
			continue;
		}
		l->v[out++] = a;
	}
	free(m.keys);
	free(m.vals);
	/* out of the handle index too: it keeps its order without them */
	for (size_t i = 0; i < ndropped; i++)
		dropped[i]->handle = 0;
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->byh[i]->handle)
			l->byh[k++] = l->byh[i];
	for (size_t i = 0; i < ndropped; i++)
		article_free(dropped[i]);
	free(dropped);
	l->n = out;
}
