/* ui_draw.c - drawing styled text cell by cell: no ncurses wrapping or clipping, no wide
 * character cut by an edge, no control character on the terminal. */
#include "ui/ui_view.h"
#include "newsread/doc.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

enum theme_elem ui_style_elem(unsigned style, unsigned long *extra)
{
	static const struct {
		unsigned st;
		enum theme_elem e;
	} map[] = {
		{UI_ST_KEY, TE_KEY},   {ST_TITLE, TE_TITLE}, {ST_HEADING, TE_HEADING}, {ST_STOCK, TE_STOCK},
		{ST_MARK, TE_MARK},    {ST_IMAGE, TE_IMAGE}, {ST_LINK, TE_LINK},       {ST_CODE, TE_CODE},
		{ST_META, TE_META},    {ST_QUOTE, TE_QUOTE}, {ST_BOLD, TE_BOLD},       {ST_ITALIC, TE_ITALIC},
	};
	enum theme_elem e = TE_NORMAL;
	for (size_t i = 0; i < ARRAY_LEN(map); i++) {
		if (style & map[i].st) {
			e = map[i].e;
			break;
		}
	}
	if (extra) {
		*extra = 0;
		if ((style & ST_BOLD) && e != TE_BOLD)
			*extra |= A_BOLD;
		if ((style & ST_ITALIC) && e != TE_ITALIC)
			*extra |= A_ITALIC;
	}
	return e;
}

/* Invisible format characters that are dropped rather than drawn or attached. */
static int is_format(wchar_t c)
{
	return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
	       c == 0xFEFF;
}

/* Next character of s at *i: its code, width (-1: drop it), and *i advanced. */
static wchar_t next_char(const char *s, size_t n, size_t *i, int *width)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t l = mbrtowc(&wc, s + *i, n - *i, &st);
	if (l == (size_t)-1 || l == (size_t)-2 || l == 0) {
		*i += 1;
		*width = 1;
		return L'?';
	}
	*i += l;
	if (wc < 0x20 || (wc >= 0x7f && wc < 0xa0) || is_format(wc)) {
		*width = -1;
		return wc;
	}
	int w = wcwidth(wc);
	if (w < 0) { /* unknown to the C library: one cell, as ncurses advances */
		*width = 1;
		return L'?';
	}
	*width = w;
	return wc;
}

static void put_cell(WINDOW *win, int y, int x, const wchar_t *wcs, unsigned long attrs, short pair)
{
	cchar_t cc;
	if (setcchar(&cc, wcs, (attr_t)attrs, pair, NULL) == OK)
		mvwadd_wch(win, y, x, &cc);
}

int ui_draw_text(WINDOW *win, int y, int x, int w, const char *s, size_t n, const struct lspan *spans,
		 size_t nspans, int skip, enum theme_elem base)
{
	size_t i = 0, si = 0;
	int col = 0, out = 0;
	while (i < n && out < w) {
		size_t start = i;
		int cw;
		wchar_t cl[CCHARW_MAX + 1];
		cl[0] = next_char(s, n, &i, &cw);
		if (cw <= 0)
			continue; /* control, format, or a mark with no base: never drawn alone */
		int k = 1;
		while (i < n) { /* combining marks join their base in one cell */
			size_t j = i;
			int mw;
			wchar_t m = next_char(s, n, &j, &mw);
			if (mw != 0)
				break;
			if (k < CCHARW_MAX - 1)
				cl[k++] = m;
			i = j;
		}
		cl[k] = L'\0';
		while (si < nspans && spans[si].off + spans[si].len <= start)
			si++;
		enum theme_elem e = base;
		unsigned long extra = 0;
		if (si < nspans && spans[si].off <= start && spans[si].style)
			e = ui_style_elem(spans[si].style, &extra);
		short pair;
		unsigned long attrs = theme_attr(e, &pair) | extra;
		if (col < skip) {
			for (int c = skip; c < col + cw && out < w; c++) /* cut by the left edge */
				put_cell(win, y, x + out++, L"<", attrs | A_REVERSE, pair);
			col += cw;
			continue;
		}
		if (out + cw > w) { /* cut by the right edge */
			while (out < w)
				put_cell(win, y, x + out++, L">", attrs | A_REVERSE, pair);
			break;
		}
		put_cell(win, y, x + out, cl, attrs, pair);
		out += cw;
		col += cw;
	}
	return out;
}

void ui_fill(WINDOW *win, int y, int x, int w, enum theme_elem e)
{
	if (w <= 0)
		return;
	short pair;
	unsigned long attrs = theme_attr(e, &pair);
	cchar_t cc;
	if (setcchar(&cc, L" ", (attr_t)attrs, pair, NULL) == OK)
		mvwhline_set(win, y, x, &cc, w);
}

int ui_text_width(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;
	while (i < n) {
		int cw;
		next_char(s, n, &i, &cw);
		if (cw > 0)
			w += cw;
	}
	return w;
}

char *ui_clean(const char *s)
{
	struct buf b;
	buf_init(&b);
	if (s) {
		size_t n = strlen(s);
		text_sanitize(&b, s, n > 4096 ? 4096 : n, 1);
	}
	return buf_steal(&b);
}
