/* html.c - placeholder: strips tags, one paragraph per <p>. */
#include "newsread/html.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>

void html_to_doc(const char *html, size_t len, const char *base, const char *lang, struct doc *d)
{
	(void)base; (void)lang;
	char *t = html_to_text(html, len);
	struct block *b = doc_add_block(d, BLK_PARA);
	block_append(b, t, strlen(t), 0, 0, NULL);
	free(t);
}

char *url_resolve(const char *base, const char *ref)
{
	(void)base;
	return xstrdup(ref);
}

char *html_to_text(const char *html, size_t len)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	int intag = 0, sp = 0;
	for (size_t i = 0; i < len; i++) {
		char c = html[i];
		if (c == '<') intag = 1;
		else if (c == '>') intag = 0;
		else if (!intag) {
			if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
				if (!sp && b.len) buf_addc(&b, ' ');
				sp = 1;
			} else {
				buf_addc(&b, c);
				sp = 0;
			}
		}
	}
	return buf_steal(&b);
}
