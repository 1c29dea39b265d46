/* layout.c - placeholder: cuts text at code points by wcwidth. */
#include "newsread/layout.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int text_width(const char *s, size_t n)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int w = 0;
	size_t i = 0;
	while (i < n) {
		wchar_t wc;
		size_t l = mbrtowc(&wc, s + i, n - i, &st);
		if (l == (size_t)-1 || l == (size_t)-2 || l == 0) { i++; w++; memset(&st, 0, sizeof st); continue; }
		int cw = wcwidth(wc);
		w += cw > 0 ? cw : 0;
		i += l;
	}
	return w;
}

void lines_push(struct lines *l, const char *text, size_t len, unsigned style)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	struct line *ln = &l->v[l->n++];
	memset(ln, 0, sizeof *ln);
	ln->text = xstrndup(text, len);
	ln->len = len;
	ln->width = text_width(text, len);
	if (style && len) {
		ln->spans = xmalloc(sizeof *ln->spans);
		ln->spans[0] = (struct lspan){0, (unsigned)len, style, 0};
		ln->nspans = 1;
	}
}

void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].spans);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

void layout_text(const char *s, size_t n, int width, unsigned style, struct lines *out)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t start = 0, i = 0;
	int w = 0;
	while (i < n) {
		wchar_t wc;
		size_t l = mbrtowc(&wc, s + i, n - i, &st);
		if (l == (size_t)-1 || l == (size_t)-2 || l == 0) l = 1, wc = '?';
		int cw = wcwidth(wc);
		if (cw < 0) cw = 0;
		if (w + cw > width && i > start) {
			lines_push(out, s + start, i - start, style);
			start = i;
			w = 0;
		}
		w += cw;
		i += l;
	}
	if (i > start)
		lines_push(out, s + start, i - start, style);
}

void layout_doc(const struct doc *d, const struct layout_opts *o, struct lines *out)
{
	for (size_t i = 0; i < d->n; i++) {
		layout_text(d->blocks[i].text ? d->blocks[i].text : "", d->blocks[i].len, o->width, 0, out);
		lines_push(out, "", 0, 0);
	}
}
