/* ncurses round trip of laid-out text (CJK.md invariants): every line written into a
 * window exactly its width wide is drawn without ERR, advances exactly line.width cells,
 * never wraps, and reads back (mvwin_wch) as the line's own characters, cell for cell. */
#include "testutil.h"

#include "newsread/doc.h"
#include "newsread/layout.h"
#include "newsread/util.h"

#include <curses.h>
#include <wchar.h>

static SCREEN *scr;
static FILE *fout, *fin;

static int setup(void **state)
{
	(void)state;
	test_locale();
	fout = fopen("/dev/null", "w");
	fin = fopen("/dev/null", "r");
	scr = newterm("xterm", fout, fin);
	if (!scr)
		scr = newterm("vt100", fout, fin);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (scr) {
		endwin();
		delscreen(scr);
	}
	fclose(fout);
	fclose(fin);
	return 0;
}

/* Write each line into its own window row and read it back. */
static void round_trip(const struct lines *l, int width)
{
	WINDOW *w = newwin((int)l->n + 1, width, 0, 0);
	assert_non_null(w);
	for (size_t i = 0; i < l->n; i++) {
		const struct line *ln = &l->v[i];
		int y = (int)i;
		assert_int_not_equal(wmove(w, y, 0), ERR);
		if (ln->len)
			assert_int_not_equal(waddnstr(w, ln->text, (int)ln->len), ERR);
		int cy, cx;
		getyx(w, cy, cx);
		if (ln->width < width) {
			assert_int_equal(cy, y);
			assert_int_equal(cx, ln->width);
		} else {
			/* exactly full: the cursor sits at the end or moved to the next row's start */
			assert_true((cy == y && cx == width - 1) || (cy == y + 1 && cx == 0));
		}
		/* read back: the characters of the cells, continuation cells skipped */
		wchar_t want[512], got[512];
		size_t nw = mbstowcs(want, ln->text, 511);
		assert_true(nw != (size_t)-1);
		size_t ng = 0;
		for (int x = 0; x < ln->width && ng < 500;) {
			cchar_t cc;
			wchar_t wb[CCHARW_MAX + 1];
			attr_t at;
			short pair;
			assert_int_not_equal(mvwin_wch(w, y, x, &cc), ERR);
			assert_int_not_equal(getcchar(&cc, wb, &at, &pair, NULL), ERR);
			int cw = 0;
			for (int k = 0; wb[k]; k++) {
				got[ng++] = wb[k];
				int c = wcwidth(wb[k]);
				cw += c > 0 ? c : 0;
			}
			x += cw > 0 ? cw : 1;
		}
		got[ng] = 0;
		if (wcscmp(want, got) != 0)
			print_error("line %zu: '%s' read back differently\n", i, ln->text);
		assert_true(wcscmp(want, got) == 0);
	}
	delwin(w);
}

static void test_round_trip(void **state)
{
	(void)state;
	if (!scr) {
		printf("skip: no terminfo entry for xterm or vt100\n");
		return;
	}
	const char *texts[] = {
		"今天天气很好，我们去公园。家庭👨‍👩‍👧出游，Cafe\xCC\x81 résumé。",
		"访问https://www.example.com/news/2024/01/very-long-article-name.html了解详情。",
		"新字\xF0\xB1\x8D\x90测🫨营收同比增长12.5%至100亿元。대한민국의 수도는 서울입니다.",
		"一二三四五六七八九十一二三四五六七八九十\xE2\x80\x8B" "inter\xC2\xADnational\xE2\x80\x8F",
	};
	for (size_t t = 0; t < ARRAY_LEN(texts); t++)
		for (int width = 1; width <= 41; width += 4) {
			struct doc d;
			doc_init(&d);
			struct block *b = doc_add_block(&d, BLK_PARA);
			block_append(b, texts[t], strlen(texts[t]), 0, 0, NULL);
			b->quote = (int)(t & 1);
			struct layout_opts o = {.width = width};
			struct lines l = {0};
			layout_doc(&d, &o, &l);
			round_trip(&l, width);
			lines_free(&l);
			doc_free(&d);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests_name("layout_curses", tests, setup, teardown);
}
