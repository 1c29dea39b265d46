/* post_dir.c - a folder of posts and its subfolders, as a site generator or an archive keeps them. */
#include "newsread/decode.h"
#include "newsread/page.h"
#include "newsread/post.h"
#include "newsread/util.h"
#include "source/sniff.h"

#include <dirent.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#define DIR_MAX_DEPTH 24            /* folders below the root */
#define DIR_MAX_FILES 500000        /* post files read from one folder tree */
#define DIR_MAX_ENTRIES 1000000     /* entries looked at in all */
#define POST_MAX_BYTES (16u * 1024 * 1024)

struct walk {
	const char *root;      /* the folder the user named */
	size_t rootlen;
	const char *catroot;   /* folder whose subfolders are category paths */
	struct articles *out;
	size_t files, entries, loaded;
	struct nr_error first; /* first failure, reported when nothing loaded */
	int failed;
	struct { dev_t dev; ino_t ino; } stack[DIR_MAX_DEPTH + 2]; /* folders being walked */
	int depth;
};

/* A file the walk reads: a post's extension, and a name that is more than one. */
static int post_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && dot != name && (sniff_name(name) & SN_POST);
}

static void load_file(struct walk *w, const char *path)
{
	char *data;
	size_t len;
	struct nr_error err;
	if (read_file(path, POST_MAX_BYTES, &data, &len, &err) == 0) {
		if (!len || sniff_binary(data, len)) {
			free(data);
			return; /* not a post; not worth an error */
		}
		size_t ulen;
		char *u = decode_document(data, len, NULL, &ulen, NULL);
		free(data);
		const char *relid = path + w->rootlen + (path[w->rootlen] == '/');
		char *cats = NULL;
		size_t cl = strlen(w->catroot);
		if (strncmp(path, w->catroot, cl) == 0 && path[cl] == '/') {
			cats = xstrdup(path + cl + 1);
			char *slash = strrchr(cats, '/');
			if (slash)
				*slash = '\0';
			else
				cats[0] = '\0';
		}
		size_t n0 = w->out->n;
		int rc;
		if (!post_sniff(u, ulen) && sniff_html_page(u, ulen)) {
			rc = page_extract(u, ulen, path, w->out, &err);
			for (size_t i = n0; i < w->out->n; i++) {
				struct article *a = w->out->v[i];
				free(a->id);
				a->id = xstrdup(relid);
				if (!a->ncats && cats && *cats)
					article_add_cat_str(a, cats, '/');
			}
		} else {
			rc = post_parse(u, ulen, path, relid, cats, w->out, &err);
		}
		free(u);
		free(cats);
		if (rc == 0) {
			for (size_t i = n0; i < w->out->n; i++) {
				free(w->out->v[i]->source);
				w->out->v[i]->source = xstrdup(w->root);
			}
			w->loaded += w->out->n - n0;
			return;
		}
	}
	if (!w->failed++)
		w->first = err;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct walk *w, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (!w->failed++)
			nr_fail(&w->first, "%s: cannot open folder: %s", dir, strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) && w->entries < DIR_MAX_ENTRIES) {
		w->entries++;
		if (e->d_name[0] == '.') /* hidden files and folders, and . and .. */
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, name_cmp); /* the same order on every machine */
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		if (stat(p, &st) == 0) { /* follows symlinks; loops are caught below */
			if (S_ISDIR(st.st_mode) && w->depth < DIR_MAX_DEPTH) {
				int loop = 0;
				for (int k = 0; k <= w->depth; k++)
					if (w->stack[k].dev == st.st_dev && w->stack[k].ino == st.st_ino)
						loop = 1;
				if (!loop) {
					w->depth++;
					w->stack[w->depth].dev = st.st_dev;
					w->stack[w->depth].ino = st.st_ino;
					walk_dir(w, p);
					w->depth--;
				}
			} else if (S_ISREG(st.st_mode) && post_name(names[i]) && w->files < DIR_MAX_FILES) {
				w->files++;
				load_file(w, p);
			}
		}
		free(p);
		free(names[i]);
	}
	free(names);
}

/* The folder below which subfolders name categories: source/_posts or _posts of a site
 * generator's tree when there is one, else the root. malloc'd. */
static char *category_root(const char *root)
{
	static const char *const subs[] = {"source/_posts", "_posts"};
	for (size_t i = 0; i < ARRAY_LEN(subs); i++) {
		char *p = xasprintf("%s/%s", root, subs[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			return p;
		free(p);
	}
	return xstrdup(root);
}

int post_load_dir(const char *dir, struct articles *out, struct nr_error *err)
{
	struct walk w = {0};
	char *root = xstrdup(dir);
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		root[--rl] = '\0';
	struct stat st;
	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(root);
		return nr_fail(err, "%s: not a folder", dir);
	}
	w.root = root;
	w.rootlen = rl;
	w.out = out;
	char *catroot = category_root(root);
	w.catroot = catroot;
	struct stat cs;
	if (stat(catroot, &cs) == 0) {
		w.stack[0].dev = cs.st_dev;
		w.stack[0].ino = cs.st_ino;
	}
	walk_dir(&w, catroot);
	free(catroot);
	free(root);
	if (w.loaded)
		return 0;
	if (w.failed)
		return nr_fail(err, "%s", w.first.msg);
	return nr_fail(err, "%s: no posts in this folder (.md, .markdown, .html, .htm, .txt)", dir);
}
