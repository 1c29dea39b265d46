/* ui_draw.c - drawing styled text cell by cell: no ncurses wrapping or clipping, no wide
 * character cut by an edge, no control character on the terminal. Every code point is
 * measured and replaced by the render stage's cp_width, so a string takes the same cells
 * here as in the layout (text_width). */
#include "ui/ui_view.h"
#include "newsread/doc.h"
#include "newsread/layout.h"
#include "newsread/util.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <unistr.h>

enum theme_elem ui_style_elem(unsigned style, unsigned long *extra)
{
	static const struct {
		unsigned st;
		enum theme_elem e;
		unsigned long attr;
	} map[] = {
#define X(st, e, attr) {st, e, attr},
		UI_STYLES(X)
#undef X
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
		for (size_t i = 0; i < ARRAY_LEN(map); i++)
			if ((style & map[i].st) && map[i].e != e)
				*extra |= map[i].attr;
	}
	return e;
}

/* Next code point of s at *i as the layout sees it: *width its columns (cp_width), the
 * code point to draw returned (0: deleted, draw nothing); *i advanced. An invalid byte
 * counts as U+FFFD, as layout_sanitize decodes it. */
static uint32_t next_cp(const char *s, size_t n, size_t *i, int *width)
{
	ucs4_t c;
	int l = u8_mbtouc(&c, (const uint8_t *)s + *i, n - *i);
	*i += l > 0 ? (size_t)l : 1;
	uint32_t r;
	*width = cp_width(c, &r);
	return r;
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
		int cw, tab = (unsigned char)s[i] == '\t';
		wchar_t cl[CCHARW_MAX + 1];
		if (tab) { /* to the next multiple of 8, as text_width counts it */
			i++;
			cw = 8 - col % 8;
			cl[0] = L' ';
		} else {
			cl[0] = (wchar_t)next_cp(s, n, &i, &cw);
			if (!cl[0] || cw <= 0)
				continue; /* deleted, or a mark with no base: never drawn alone */
		}
		int k = 1;
		while (!tab && i < n && s[i] != '\t') { /* marks join their base; deleted ones vanish */
			size_t j = i;
			int mw;
			uint32_t m = next_cp(s, n, &j, &mw);
			if (mw != 0)
				break;
			if (m && k < CCHARW_MAX - 1)
				cl[k++] = (wchar_t)m;
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
				put_cell(win, y, x + out++, tab ? L" " : L"<", tab ? attrs : attrs | A_REVERSE, pair);
			col += cw;
			continue;
		}
		if (tab) {
			for (int c = 0; c < cw && out < w; c++)
				put_cell(win, y, x + out++, L" ", attrs, pair);
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
