/* ui_tree.c - the category tree: every article's category paths merged into one tree,
 * with the articles below each node (each counted once). Pure data, no curses. */
#include "ui/ui_view.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

static struct cat_node *node_new(struct cat_node *parent, const char *name)
{
	struct cat_node *n = xcalloc(1, sizeof *n);
	n->name = xstrdup(name);
	n->parent = parent;
	n->depth = parent->depth + 1;
	if (parent->nkids == parent->capkids) {
		parent->capkids = parent->capkids ? parent->capkids * 2 : 8;
		parent->kids = xrealloc(parent->kids, parent->capkids * sizeof *parent->kids);
	}
	parent->kids[parent->nkids++] = n;
	return n;
}

struct cat_node *cattree_child(const struct cat_node *n, const char *name)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (strcmp(n->kids[i]->name, name) == 0)
			return n->kids[i];
	return NULL;
}

/* Count the article with handle h at n unless it was counted there already. */
static void node_count(struct cat_node *n, article_handle h)
{
	if (n->last == h)
		return;
	n->last = h;
	if (n->narts == n->caparts) {
		n->caparts = n->caparts ? n->caparts * 2 : 8;
		n->arts = xrealloc(n->arts, n->caparts * sizeof *n->arts);
	}
	n->arts[n->narts++] = h;
}

static int node_order(const void *a, const void *b)
{
	const struct cat_node *x = *(struct cat_node *const *)a, *y = *(struct cat_node *const *)b;
	if (x->uncat != y->uncat)
		return x->uncat - y->uncat;
	if (x->narts != y->narts)
		return x->narts > y->narts ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void node_sort(struct cat_node *n)
{
	if (n->nkids > 1)
		qsort(n->kids, n->nkids, sizeof *n->kids, node_order);
	for (size_t i = 0; i < n->nkids; i++)
		node_sort(n->kids[i]);
}

/* A path part as a node name: one sanitized line, bounded, never empty. */
static char *part_name(const char *s)
{
	struct buf b;
	buf_init(&b);
	size_t n = strlen(s);
	if (n > 512)
		n = 512;
	text_sanitize(&b, s, n, 1);
	char *t = buf_steal(&b);
	str_trim(t);
	if (!*t) {
		free(t);
		t = xstrdup("?");
	}
	return t;
}

void cattree_build(struct cat_tree *t, const struct articles *l)
{
	memset(t, 0, sizeof *t);
	t->root.name = xstrdup("");
	t->root.depth = -1;
	t->root.expanded = 1;
	struct cat_node *uncat = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const struct article *a = l->v[i];
		if (a->hidden) /* a hidden source's articles: not in the tree, not counted */
			continue;
		node_count(&t->root, a->handle);
		int placed = 0;
		for (size_t p = 0; p < a->ncats; p++) {
			const struct catpath *cp = &a->cats[p];
			struct cat_node *n = &t->root;
			for (size_t k = 0; k < cp->n && k < CATTREE_MAX_DEPTH; k++) {
				char *name = part_name(cp->parts[k]);
				struct cat_node *c = cattree_child(n, name);
				if (!c) {
					c = node_new(n, name);
					t->ncats++;
				}
				free(name);
				node_count(c, a->handle);
				n = c;
				placed = 1;
			}
		}
		if (!placed) {
			if (!uncat) {
				uncat = node_new(&t->root, CATTREE_UNCAT);
				uncat->uncat = 1;
			}
			node_count(uncat, a->handle);
		}
	}
	node_sort(&t->root);
}

static void node_free(struct cat_node *n)
{
	for (size_t i = 0; i < n->nkids; i++) {
		node_free(n->kids[i]);
		free(n->kids[i]);
	}
	free(n->kids);
	free(n->arts);
	free(n->name);
}

void cattree_free(struct cat_tree *t)
{
	node_free(&t->root);
	memset(t, 0, sizeof *t);
}

struct rowbuf {
	struct cat_node **v;
	size_t n, cap;
};

static void rows_add(struct rowbuf *r, struct cat_node *n)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n++] = n;
	if (n->expanded)
		for (size_t i = 0; i < n->nkids; i++)
			rows_add(r, n->kids[i]);
}

size_t cattree_rows(struct cat_tree *t, struct cat_node ***rows)
{
	struct rowbuf r = {0};
	t->root.expanded = 1;
	rows_add(&r, &t->root);
	*rows = r.v;
	return r.n;
}

char *cattree_path(const struct cat_node *n)
{
	const struct cat_node *chain[CATTREE_MAX_DEPTH + 1];
	size_t k = 0;
	for (; n && n->depth >= 0 && k < ARRAY_LEN(chain); n = n->parent)
		chain[k++] = n;
	struct buf b;
	buf_init(&b);
	while (k--) {
		buf_adds(&b, chain[k]->name);
		if (k)
			buf_adds(&b, " / ");
	}
	return buf_steal(&b);
}

size_t cattree_parts(const struct cat_node *n, const char **parts)
{
	size_t k = 0;
	for (const struct cat_node *p = n; p && p->depth >= 0; p = p->parent)
		k++;
	if (k > CATTREE_MAX_DEPTH)
		k = CATTREE_MAX_DEPTH;
	for (size_t i = k; i-- && n && n->depth >= 0; n = n->parent)
		parts[i] = n->name;
	return k;
}

struct cat_node *cattree_find(struct cat_tree *t, const char *const *parts, size_t n)
{
	struct cat_node *c = &t->root;
	for (size_t i = 0; c && i < n; i++)
		c = cattree_child(c, parts[i]);
	return c;
}

static void keep_expanded(struct cat_node *now, const struct cat_node *old)
{
	for (size_t i = 0; i < old->nkids; i++) {
		if (!old->kids[i]->expanded)
			continue;
		struct cat_node *c = cattree_child(now, old->kids[i]->name);
		if (c) {
			c->expanded = 1;
			keep_expanded(c, old->kids[i]);
		}
	}
}

void cattree_keep_expanded(struct cat_tree *t, const struct cat_tree *old)
{
	keep_expanded(&t->root, &old->root);
}
