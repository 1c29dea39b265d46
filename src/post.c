/* post.c - placeholder: front matter skipped, body kept. */
#include "newsread/post.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

int post_sniff(const char *s, size_t len)
{
	while (len && (*s == '\n' || *s == '\r' || *s == ' ')) s++, len--;
	return len >= 3 && strncmp(s, "---", 3) == 0;
}

int post_parse(const char *s, size_t len, const char *path, const char *relid, const char *folder_cats,
	       struct articles *out, struct nr_error *err)
{
	(void)folder_cats; (void)err;
	struct article *a = article_new();
	a->id = xstrdup(relid ? relid : path);
	a->link = xstrdup(path);
	a->source = xstrdup(path);
	a->title = xstrdup(path);
	const char *body = strstr(s, "\n---");
	body = body ? strstr(body + 4, "\n---") : NULL;
	a->html = body ? xstrdup(body + 4) : xstrndup(s, len);
	articles_push(out, a);
	return 0;
}

int post_load_dir(const char *dir, struct articles *out, struct nr_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return nr_fail(err, "%s: cannot open folder", dir);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		char *data;
		size_t len;
		if (read_file(p, 1 << 24, &data, &len, err) == 0) {
			post_parse(data, len, p, e->d_name, NULL, out, err);
			free(data);
		}
		free(p);
	}
	closedir(d);
	return 0;
}

char *post_markdown_to_html(const char *s, size_t len)
{
	return xstrndup(s, len);
}
