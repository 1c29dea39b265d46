/* Unit tests for the interface's pure parts: the category tree builder (counts once per
 * node, uncategorised node, order, rows), the help from the keymap, and drawing
 * into a real curses screen (wide characters at edges, sideways scroll fillers). */
#include "testutil.h"

#include "newsread/article.h"
#include "ui/ui_view.h"

static struct article *mk(const char *title, const char *cats)
{
	struct article *a = article_new();
	a->title = xstrdup(title);
	/* cats: paths separated by ';', parts by '/' */
	if (cats) {
		char *s = xstrdup(cats), *save = NULL;
		for (char *p = strtok_r(s, ";", &save); p; p = strtok_r(NULL, ";", &save))
			article_add_cat_str(a, p, '/');
		free(s);
	}
	return a;
}

static void test_tree_counts(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("a0", "金融/证券时报网/要闻"));
	articles_push(&l, mk("a1", "金融/证券时报网/要闻;金融/证券时报网/公司")); /* two paths, one article */
	articles_push(&l, mk("a2", "金融/财联社"));
	articles_push(&l, mk("a3", "科技/开源"));
	articles_push(&l, mk("a4", NULL));
	articles_push(&l, mk("a5", "金融/证券时报网/要闻;科技"));
	struct cat_tree t;
	cattree_build(&t, &l);
	assert_int_equal(t.root.narts, 6);
	assert_int_equal(t.ncats, 7); /* 金融 证券时报网 要闻 公司 财联社 科技 开源 */
	struct cat_node *fin = cattree_child(&t.root, "金融");
	assert_non_null(fin);
	assert_int_equal(fin->narts, 4); /* a1 counted once although two paths pass through */
	struct cat_node *stcn = cattree_child(fin, "证券时报网");
	assert_int_equal(stcn->narts, 3);
	assert_int_equal(cattree_child(stcn, "要闻")->narts, 3);
	assert_int_equal(cattree_child(stcn, "公司")->narts, 1);
	struct cat_node *tech = cattree_child(&t.root, "科技");
	assert_int_equal(tech->narts, 2);
	assert_int_equal(cattree_child(tech, "开源")->narts, 1);
	/* newest first order of articles is kept in each node */
	assert_int_equal(fin->arts[0], l.v[0]->handle); /* handles, in the collection's order */
	assert_int_equal(fin->arts[3], l.v[5]->handle);
	/* order: by count, then the uncategorised node last */
	assert_int_equal(t.root.nkids, 3);
	assert_ptr_equal(t.root.kids[0], fin);
	assert_ptr_equal(t.root.kids[1], tech);
	assert_string_equal(t.root.kids[2]->name, CATTREE_UNCAT);
	assert_int_equal(t.root.kids[2]->narts, 1);
	assert_int_equal(t.root.kids[2]->arts[0], l.v[4]->handle);
	char *p = cattree_path(cattree_child(stcn, "要闻"));
	assert_string_equal(p, "金融 / 证券时报网 / 要闻");
	free(p);
	cattree_free(&t);
	articles_free(&l);
}

/* A hidden source's articles (a ! word in the urls file) make no node and no count. */
static void test_tree_hidden(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("shown", "金融/要闻"));
	struct article *h = mk("hidden", "金融/要闻;隐藏分类");
	h->hidden = 1;
	articles_push(&l, h);
	struct article *u = mk("hidden, uncategorised", NULL);
	u->hidden = 1;
	articles_push(&l, u);
	struct cat_tree t;
	cattree_build(&t, &l);
	assert_int_equal(t.root.narts, 1);
	assert_int_equal(t.root.nkids, 1); /* no 隐藏分类, no (uncategorised) */
	struct cat_node *fin = cattree_child(&t.root, "金融");
	assert_non_null(fin);
	assert_int_equal(fin->narts, 1);
	assert_null(cattree_child(&t.root, "隐藏分类"));
	cattree_free(&t);
	articles_free(&l);
}

static void test_tree_rows(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("a0", "A/B/C"));
	articles_push(&l, mk("a1", "A/D"));
	articles_push(&l, mk("a2", "E"));
	struct cat_tree t;
	cattree_build(&t, &l);
	struct cat_node **rows;
	size_t n = cattree_rows(&t, &rows);
	assert_int_equal(n, 3); /* root, A, E */
	assert_ptr_equal(rows[0], &t.root);
	assert_string_equal(rows[1]->name, "A");
	assert_string_equal(rows[2]->name, "E");
	free(rows);
	struct cat_node *a = cattree_child(&t.root, "A");
	a->expanded = 1;
	n = cattree_rows(&t, &rows);
	assert_int_equal(n, 5); /* root, A, B, D, E */
	assert_string_equal(rows[2]->name, "B");
	assert_int_equal(rows[2]->depth, 1);
	assert_string_equal(rows[3]->name, "D");
	assert_string_equal(rows[4]->name, "E");
	free(rows);
	cattree_free(&t);
	articles_free(&l);
}

/* No categories at all: one uncategorised node, ncats 0 (the interface starts at the list). */
static void test_tree_uncategorised_and_hostile(void **state)
{
	(void)state;
	struct articles l = {0};
	articles_push(&l, mk("a0", NULL));
	articles_push(&l, mk("a1", NULL));
	struct cat_tree t;
	cattree_build(&t, &l);
	assert_int_equal(t.ncats, 0);
	assert_int_equal(t.root.nkids, 1);
	assert_int_equal(t.root.kids[0]->narts, 2);
	cattree_free(&t);
	articles_free(&l);

	/* control characters in names are dropped; very deep paths are bounded */
	struct article *a = article_new();
	const char *parts[40];
	for (int i = 0; i < 40; i++)
		parts[i] = i == 0 ? "新\x1b[31m闻\t" : "x";
	article_add_cat(a, parts, 40);
	articles_push(&l, a);
	cattree_build(&t, &l);
	struct cat_node *n = t.root.kids[0];
	assert_null(strchr(n->name, '\x1b'));
	int depth = 0;
	while (n->nkids) {
		n = n->kids[0];
		depth++;
	}
	assert_true(depth < CATTREE_MAX_DEPTH);
	cattree_free(&t);
	articles_free(&l);

	/* empty list */
	cattree_build(&t, &l);
	assert_int_equal(t.root.narts, 0);
	assert_int_equal(t.root.nkids, 0);
	cattree_free(&t);
}

/* The help lists every action with the keys of the keymap, and fits its width. */
static void test_help(void **state)
{
	(void)state;
	struct keymap km = {0};
	keymap_defaults(&km);
	struct lines hl = {0};
	ui_help_lines(&km, 60, &hl);
	size_t found = 0;
	for (int a = 1; a < ACT_COUNT; a++)
		for (size_t i = 0; i < hl.n; i++)
			if (strstr(hl.v[i].text, ui_actions[a].name)) {
				found++;
				break;
			}
	assert_int_equal(found, ACT_COUNT - 1);
	for (size_t i = 0; i < hl.n; i++)
		assert_true(hl.v[i].width <= 60);
	int page = 0;
	for (size_t i = 0; i < hl.n; i++)
		page += strstr(hl.v[i].text, "Space, PgDn, f, ^F") && strstr(hl.v[i].text, "page-down");
	assert_int_equal(page, 1);
	lines_free(&hl);
	/* a key bound and one unbound show in the help: it reads the keymap, not the table */
	assert_int_equal(keymap_bind(&km, NULL, "x", "page-down", NULL), 0);
	assert_int_equal(keymap_unbind(&km, NULL, "f", NULL), 0);
	ui_help_lines(&km, 60, &hl);
	page = 0;
	for (size_t i = 0; i < hl.n; i++)
		page += strstr(hl.v[i].text, "Space, PgDn, ^F, x") && strstr(hl.v[i].text, "page-down");
	assert_int_equal(page, 1);
	lines_free(&hl);
	keymap_free(&km);
}

/* Styles to theme elements through the one table: each style alone picks its element,
 * the first of the table wins, bold and italic add their attribute under another. */
static void test_styles(void **state)
{
	(void)state;
	unsigned long extra;
#define X(st, e, attr)                                   \
	assert_int_equal(ui_style_elem(st, &extra), e); \
	assert_int_equal(extra, 0);
	UI_STYLES(X)
#undef X
	assert_int_equal(ui_style_elem(0, &extra), TE_NORMAL);
	assert_int_equal(ui_style_elem(ST_NOBREAK, &extra), TE_NORMAL);
	assert_int_equal(ui_style_elem(ST_LINK | ST_BOLD, &extra), TE_LINK);
	assert_int_equal(extra, A_BOLD);
	assert_int_equal(ui_style_elem(ST_HEADING | ST_BOLD | ST_ITALIC | ST_QUOTE, &extra), TE_HEADING);
	assert_int_equal(extra, A_BOLD | A_ITALIC);
	assert_int_equal(ui_style_elem(ST_BOLD | ST_ITALIC, &extra), TE_BOLD);
	assert_int_equal(extra, A_ITALIC);
	assert_int_equal(ui_style_elem(ST_STOCK | ST_LINK, NULL), TE_STOCK);
}

/* Read back a row of a curses window as UTF-8 (one string per cell, wide = 2 cells). */
static void row_text(WINDOW *w, int y, int n, char *out, size_t cap)
{
	size_t k = 0;
	out[0] = '\0';
	for (int x = 0; x < n; x++) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t at;
		short pr;
		mvwin_wch(w, y, x, &cc);
		getcchar(&cc, wc, &at, &pr, NULL);
		if (wcwidth(wc[0]) == 2)
			x++;
		char mb[16];
		int l = (int)wcrtomb(mb, wc[0], &(mbstate_t){0});
		if (l > 0 && k + (size_t)l < cap) {
			memcpy(out + k, mb, (size_t)l);
			k += (size_t)l;
			out[k] = '\0';
		}
	}
}

static void test_draw(void **state)
{
	(void)state;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *s = newterm("xterm-256color", out, in);
	if (!s) {
		fclose(out);
		fclose(in);
		skip();
	}
	set_term(s);
	struct theme th;
	theme_init(&th);
	theme_apply(&th);
	WINDOW *w = newwin(3, 10, 0, 0);
	char buf[256];
	/* 一二三四五 needs 10 columns; at width 9 the fifth cannot start at column 8 */
	const char *t = "一二三四五";
	werase(w);
	int n = ui_draw_text(w, 0, 0, 9, t, strlen(t), NULL, 0, 0, TE_NORMAL);
	assert_int_equal(n, 9);
	row_text(w, 0, 10, buf, sizeof buf);
	assert_string_equal(buf, "一二三四> ");
	/* scrolled one column: the first character is cut by the left edge */
	werase(w);
	n = ui_draw_text(w, 1, 0, 10, t, strlen(t), NULL, 0, 1, TE_NORMAL);
	assert_int_equal(n, 9);
	row_text(w, 1, 10, buf, sizeof buf);
	assert_string_equal(buf, "<二三四五 ");
	/* control characters never reach the screen (TAB: spaces to the next multiple of 8,
	 * as text_width counts it); combining marks stay with their base */
	werase(w);
	const char *c = "a\x1b[1mb\te\xcc\x81";
	n = ui_draw_text(w, 2, 0, 10, c, strlen(c), NULL, 0, 0, TE_NORMAL);
	assert_int_equal(n, 9); /* a [ 1 m b, three spaces, é */
	assert_int_equal(text_width(c, strlen(c)), 9);
	row_text(w, 2, 9, buf, sizeof buf);
	assert_string_equal(buf, "a[1mb   e");
	delwin(w);
	endwin();
	delscreen(s);
	fclose(out);
	fclose(in);
}

/* The interface draws and measures a string exactly as the layout does (one width
 * function, cp_width): a title takes the same cells in the list (drawn raw) as in the
 * article header (laid out). The soft hyphen and the emoji modifier are the cases the
 * C library's wcwidth counts (1 and 2 columns) and the layout deletes. */
static void test_width_agrees(void **state)
{
	(void)state;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *s = newterm("xterm-256color", out, in);
	if (!s) {
		fclose(out);
		fclose(in);
		skip();
	}
	set_term(s);
	struct theme th;
	theme_init(&th);
	theme_apply(&th);
	WINDOW *w = newwin(1, 40, 0, 0);
	static const struct {
		const char *s;
		int width;        /* columns, in both */
		const char *shown; /* the cells read back (first code point of each) */
	} cases[] = {
		{"ab\u00ADcd", 4, "abcd"},                     /* soft hyphen: deleted */
		{"\U0001F44D\U0001F3FB", 2, "\U0001F44D"},      /* thumbs up + skin tone */
		{"x\U0001F44D\U0001F3FBy", 4, "x\U0001F44Dy"},
		{"\u2764\uFE0F!", 2, "\u2764!"},               /* VS16 deleted: ❤ is 1 column */
		{"\U0001F468\u200D\U0001F469", 4, "\U0001F468\U0001F469"}, /* ZWJ deleted */
		{"中文\u200B标题", 8, "中文标题"},              /* ZWSP */
		{"e\u0301z", 2, "ez"},                         /* a mark joins its base */
	};
	char buf[256];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *t = cases[i].s;
		size_t n = strlen(t);
		werase(w);
		int drawn = ui_draw_text(w, 0, 0, 40, t, n, NULL, 0, 0, TE_NORMAL);
		struct lines l = {0};
		layout_text(t, n, 40, 0, &l);
		assert_int_equal(l.n, 1);
		assert_int_equal(text_width(t, n), cases[i].width);
		assert_int_equal(l.v[0].width, cases[i].width);
		assert_int_equal(drawn, cases[i].width);
		/* the laid-out text draws in the same cells as the raw string */
		assert_int_equal(ui_draw_text(w, 0, 0, 40, l.v[0].text, l.v[0].len, NULL, 0, 0, TE_NORMAL),
				 cases[i].width);
		row_text(w, 0, cases[i].width, buf, sizeof buf);
		assert_string_equal(buf, cases[i].shown);
		lines_free(&l);
	}
	delwin(w);
	endwin();
	delscreen(s);
	fclose(out);
	fclose(in);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_counts),
		cmocka_unit_test(test_tree_rows),
		cmocka_unit_test(test_tree_hidden),
		cmocka_unit_test(test_tree_uncategorised_and_hostile),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_draw),
		cmocka_unit_test(test_width_agrees),
	};
	return cmocka_run_group_tests_name("ui_tree", tests, NULL, NULL);
}
