/* feed_json.c - JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) through json-c. */
#include "source/feed_impl.h"
#include "newsread/html.h"

#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* String member of an object, or NULL (numbers are given as text: ids may be numbers). */
static const char *jstr(json_object *o, const char *key)
{
	json_object *v;
	if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v))
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double))
		return json_object_get_string(v);
	return NULL;
}

static json_object *jget(json_object *o, const char *key, json_type type)
{
	json_object *v;
	if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

static char *jresolve(const char *base, const char *ref)
{
	if (!ref || !*ref)
		return NULL;
	return url_resolve(base && *base ? base : NULL, ref); /* cleans controls even without a base */
}

/* Author name from "authors" (1.1) or "author" (1.0). */
static char *json_author(json_object *o)
{
	json_object *arr = jget(o, "authors", json_type_array);
	json_object *au = arr && json_object_array_length(arr) ? json_object_array_get_idx(arr, 0) : NULL;
	if (!au)
		au = jget(o, "author", json_type_object);
	const char *name = jstr(au, "name");
	return name && *name ? feed_plain(name, 0) : NULL;
}

static void json_item(struct feed_ctx *c, json_object *it, const char *base, const char *feed_author)
{
	struct article *a = article_new();
	const char *id = jstr(it, "id"), *url = jstr(it, "url"), *ext = jstr(it, "external_url");
	const char *title = jstr(it, "title");
	const char *html = jstr(it, "content_html"), *text = jstr(it, "content_text");
	const char *summary = jstr(it, "summary");
	a->link = jresolve(base, url && *url ? url : ext);
	if (id && *id)
		a->id = xstrdup(id);
	if (title)
		a->title = feed_plain(title, 0);
	if (html && *html)
		a->html = xstrdup(html);
	else if (text && *text)
		a->html = feed_text_to_html(text);
	else if (summary && *summary)
		a->html = feed_text_to_html(summary);
	if (a->html && base)
		a->base = xstrdup(base);
	feed_set_date(c, a, jstr(it, "date_published"));
	feed_set_date(c, a, jstr(it, "date_modified"));
	a->author = json_author(it);
	if (!a->author && feed_author)
		a->author = xstrdup(feed_author);
	json_object *tags = jget(it, "tags", json_type_array);
	for (size_t i = 0; tags && i < json_object_array_length(tags) && i < 256; i++) {
		json_object *t = json_object_array_get_idx(tags, i);
		if (t && json_object_is_type(t, json_type_string))
			feed_add_category(a, json_object_get_string(t), 0);
	}
	const char *img = jstr(it, "image");
	if (!img)
		img = jstr(it, "banner_image");
	a->image = jresolve(base, img);
	const char *lang = jstr(it, "language");
	if (lang && *lang) {
		char *l = feed_plain(lang, 0);
		char *dash = strpbrk(l, "-_");
		if (dash)
			*dash = '\0';
		for (char *q = l; *q; q++)
			*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
		a->lang = l;
	}
	feed_emit(c, a);
}

int feed_parse_json(struct feed_ctx *c, const char *s, size_t len, struct nr_error *err)
{
	if (len > INT_MAX)
		return nr_fail(err, "%s: feed too large", c->name);
	json_tokener *tok = json_tokener_new_ex(FEED_MAX_DEPTH);
	if (!tok)
		return nr_fail(err, "%s: out of memory", c->name);
	json_object *root = json_tokener_parse_ex(tok, s, (int)len);
	enum json_tokener_error je = json_tokener_get_error(tok);
	size_t off = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (!root || je != json_tokener_success) {
		if (root)
			json_object_put(root);
		int line = 1;
		for (size_t i = 0; i < off && i < len; i++)
			line += s[i] == '\n';
		return nr_fail(err, "%s: not a well-formed JSON feed (line %d: %s)", c->name, line,
			       root ? "incomplete" : json_tokener_error_desc(je));
	}
	if (!json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		return nr_fail(err, "%s: not a JSON Feed (no top-level object)", c->name);
	}
	c->info->kind = FEED_JSON;
	const char *home = jstr(root, "home_page_url"), *feed_url = jstr(root, "feed_url");
	const char *title = jstr(root, "title");
	if (title)
		c->info->title = feed_plain(title, 0);
	char *base = NULL;
	if (home && *home)
		base = jresolve(c->url, home);
	else if (c->url)
		base = xstrdup(c->url);
	else if (feed_url && *feed_url)
		base = xstrdup(feed_url);
	if (home && *home)
		c->info->link = xstrdup(base);
	/* language decides the zone; else the text decides */
	feed_ctx_set_lang(c, jstr(root, "language"), s, len);
	char *feed_author = json_author(root);
	c->info->author = xstrdup(feed_author);
	json_object *items = jget(root, "items", json_type_array);
	if (!items) {
		free(base);
		free(feed_author);
		json_object_put(root);
		return nr_fail(err, "%s: JSON Feed without an items array", c->name);
	}
	size_t n = json_object_array_length(items);
	for (size_t i = 0; i < n && c->nitems < FEED_MAX_ITEMS; i++) {
		json_object *it = json_object_array_get_idx(items, i);
		if (it && json_object_is_type(it, json_type_object))
			json_item(c, it, base, feed_author);
	}
	free(base);
	free(feed_author);
	json_object_put(root);
	return 0;
}
