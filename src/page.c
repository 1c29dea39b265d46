/* page.c - placeholder: the whole page is the article. */
#include "newsread/page.h"

size_t page_feed_links(const char *html, size_t len, const char *url, char **urls, size_t max)
{
	(void)html; (void)len; (void)url; (void)urls; (void)max;
	return 0;
}

int page_extract(const char *html, size_t len, const char *url, struct articles *out, struct nr_error *err)
{
	(void)err;
	struct article *a = article_new();
	a->id = xstrdup(url);
	a->link = xstrdup(url);
	a->source = xstrdup(url);
	a->title = xstrdup(url);
	a->html = xstrndup(html, len);
	articles_push(out, a);
	return 0;
}
