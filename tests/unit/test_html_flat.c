/* Unit tests for the flat body (html_flat.c and its walk in html.c) and reader mode's
 * hand-over through it (page_out.c): its HTML is exactly the serialized string, and
 * walking it gives the document parsing that string gives. */
#include "testutil.h"

#include "newsread/html.h"
#include "newsread/page.h"

#include <dirent.h>

#define PAGES FIXTURES "/pages"

/* Compare two documents field by field. */
static void assert_runs_equal(const struct run *a, size_t na, const struct run *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].off, b[i].off);
		assert_int_equal(a[i].len, b[i].len);
		assert_int_equal(a[i].style, b[i].style);
		assert_int_equal(a[i].link, b[i].link);
		assert_string_equal(a[i].stock, b[i].stock);
		assert_int_equal(a[i].elem, b[i].elem);
	}
}

static void assert_docs_equal(const struct doc *a, const struct doc *b)
{
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->cjk, b->cjk);
	assert_int_equal(a->nlinks, b->nlinks);
	for (size_t i = 0; i < a->nlinks; i++)
		assert_string_equal(a->links[i], b->links[i]);
	for (size_t i = 0; i < a->n; i++) {
		const struct block *x = &a->blocks[i], *y = &b->blocks[i];
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->level, y->level);
		assert_int_equal(x->quote, y->quote);
		assert_int_equal(x->indent, y->indent);
		assert_int_equal(x->para, y->para);
		assert_string_equal(x->marker ? x->marker : "", y->marker ? y->marker : "");
		assert_int_equal(x->len, y->len);
		if (x->len)
			assert_memory_equal(x->text, y->text, x->len);
		assert_runs_equal(x->runs, x->nruns, y->runs, y->nruns);
		assert_int_equal(x->table != NULL, y->table != NULL);
		if (!x->table)
			continue;
		assert_int_equal(x->table->rows, y->table->rows);
		assert_int_equal(x->table->cols, y->table->cols);
		for (size_t k = 0; k < x->table->rows * x->table->cols; k++) {
			const struct tcell *p = &x->table->cells[k], *q = &y->table->cells[k];
			assert_int_equal(p->len, q->len);
			if (p->len)
				assert_memory_equal(p->text, q->text, p->len);
			assert_int_equal(p->header, q->header);
			assert_int_equal(p->colspan, q->colspan);
			assert_runs_equal(p->runs, p->nruns, q->runs, q->nruns);
		}
	}
}

/* Walking f must give what parsing its HTML gives, and so must walking it once more while
 * consuming it (html_flat_take_doc), which leaves f empty. */
static void assert_walk_equals_parse(struct html_flat *f, const char *base)
{
	char *html = html_flat_html(f);
	struct doc dp, df, dc;
	doc_init(&dp);
	doc_init(&df);
	doc_init(&dc);
	html_to_doc(html, strlen(html), base, NULL, &dp);
	html_flat_to_doc(f, base, NULL, &df);
	assert_docs_equal(&df, &dp);
	html_flat_take_doc(f, base, NULL, &dc);
	assert_docs_equal(&dc, &dp);
	assert_null(f->first);
	assert_null(f->last);
	doc_free(&dp);
	doc_free(&df);
	doc_free(&dc);
	free(html);
}

static void test_records_to_html(void **state)
{
	(void)state;
	struct html_flat f;
	html_flat_init(&f);
	char *h = html_flat_html(&f);
	assert_string_equal(h, ""); /* an empty body */
	free(h);
	const char *at[] = {"href", "a.html?x=1&y=\"2\"", "title", "", "rel", NULL};
	html_flat_open(&f, "p", NULL, 0, 0);
	html_flat_text(&f, "一", 3);
	html_flat_text(&f, " <二> & ", strlen(" <二> & "));
	html_flat_open(&f, "a", at, 6, 0);
	html_flat_text(&f, "链接", 6);
	html_flat_close(&f, "a");
	html_flat_open(&f, "br", NULL, 0, 1);
	html_flat_text(&f, "尾", 3);
	html_flat_close(&f, "p");
	html_flat_text(&f, "\n", 1);
	const char *img[] = {"src", "i.jpg", "alt", "图"};
	html_flat_open(&f, "img", img, 4, 1);
	html_flat_open(&f, "p", NULL, 0, 0);
	html_flat_close(&f, "p");
	h = html_flat_html(&f);
	assert_string_equal(h, "<p>一 &lt;二&gt; &amp; <a href=\"a.html?x=1&amp;y=&quot;2&quot;\">链接</a><br>尾</p>\n"
			       "<img src=\"i.jpg\" alt=\"图\"><p></p>");
	free(h);
	assert_walk_equals_parse(&f, "https://example.com/x/");
	html_flat_free(&f);
	assert_null(f.first);
	html_flat_free(&f); /* twice is harmless */
}

/* Texts are joined exactly as appended, across chunk boundaries, however long. */
static void test_long_text_and_many_records(void **state)
{
	(void)state;
	struct html_flat f;
	html_flat_init(&f);
	struct buf want;
	buf_init(&want);
	buf_add(&want, "", 0);
	html_flat_open(&f, "pre", NULL, 0, 0);
	buf_adds(&want, "<pre>");
	for (int i = 0; i < 20000; i++) { /* ~300 KB of one text record, grown piece by piece */
		char piece[32];
		int n = snprintf(piece, sizeof piece, "行%d\n", i);
		html_flat_text(&f, piece, (size_t)n);
		buf_add(&want, piece, (size_t)n);
	}
	html_flat_close(&f, "pre");
	buf_adds(&want, "</pre>");
	for (int i = 0; i < 5000; i++) { /* many small records over many chunks */
		html_flat_open(&f, "p", NULL, 0, 0);
		html_flat_text(&f, "段落", 6);
		html_flat_open(&f, "b", NULL, 0, 0);
		html_flat_text(&f, "粗", 3);
		html_flat_close(&f, "b");
		html_flat_close(&f, "p");
		buf_adds(&want, "<p>段落<b>粗</b></p>");
	}
	char *h = html_flat_html(&f);
	assert_string_equal(h, want.s);
	free(h);
	assert_walk_equals_parse(&f, NULL);
	buf_free(&want);
	html_flat_free(&f);
}

/* What the handlers do with elements reader mode never keeps still works on records:
 * a dropped element skips its content, deep nesting past the walk's frames. */
static void test_walk_skips_and_depth(void **state)
{
	(void)state;
	struct html_flat f;
	html_flat_init(&f);
	html_flat_open(&f, "p", NULL, 0, 0);
	html_flat_text(&f, "前", 3);
	html_flat_open(&f, "button", NULL, 0, 0);
	html_flat_open(&f, "b", NULL, 0, 0);
	html_flat_text(&f, "按钮", 6);
	html_flat_close(&f, "b");
	html_flat_close(&f, "button");
	html_flat_text(&f, "后", 3);
	html_flat_close(&f, "p");
	const char *code[] = {"data-code", "600519"};
	html_flat_open(&f, "span", code, 2, 0);
	html_flat_text(&f, "贵州茅台", 12);
	html_flat_close(&f, "span");
	html_flat_open(&f, "ol", (const char *[]){"start", "3"}, 2, 0);
	html_flat_open(&f, "li", NULL, 0, 0);
	html_flat_text(&f, "三", 3);
	html_flat_close(&f, "li");
	html_flat_close(&f, "ol");
	html_flat_open(&f, "table", NULL, 0, 0);
	html_flat_open(&f, "tbody", NULL, 0, 0);
	html_flat_open(&f, "tr", NULL, 0, 0);
	html_flat_open(&f, "th", (const char *[]){"colspan", "2"}, 2, 0);
	html_flat_text(&f, "表头", 6);
	html_flat_close(&f, "th");
	html_flat_close(&f, "tr");
	html_flat_open(&f, "tr", NULL, 0, 0);
	html_flat_open(&f, "td", NULL, 0, 0);
	html_flat_text(&f, "甲", 3);
	html_flat_close(&f, "td");
	html_flat_open(&f, "td", NULL, 0, 0);
	html_flat_text(&f, "乙", 3);
	html_flat_close(&f, "td");
	html_flat_close(&f, "tr");
	html_flat_close(&f, "tbody");
	html_flat_close(&f, "table");
	for (int i = 0; i < 300; i++) /* deeper than the walk's 256 frames */
		html_flat_open(&f, "blockquote", NULL, 0, 0);
	html_flat_text(&f, "深处", 6);
	html_flat_open(&f, "br", NULL, 0, 1);
	html_flat_text(&f, "下一行", 9);
	for (int i = 0; i < 300; i++)
		html_flat_close(&f, "blockquote");
	html_flat_text(&f, "末尾", 6);

	struct doc d;
	doc_init(&d);
	html_flat_to_doc(&f, NULL, NULL, &d);
	assert_true(d.cjk);
	assert_string_equal(d.blocks[0].text, "前后"); /* the button's text is gone */
	assert_null(strstr(d.blocks[1].text, "按钮"));
	/* kept for the stock pass, read by nobody here */
	assert_string_equal(d.blocks[1].runs[0].stock, "");
	assert_string_equal(d.elems[d.blocks[1].runs[0].elem - 1].attr[DA_DATA_CODE], "600519");
	assert_string_equal(d.blocks[2].marker, "3. ");
	doc_free(&d);
	assert_walk_equals_parse(&f, NULL);
	html_flat_free(&f);
}

/* A consuming walk frees the chunks it has left while elements opened in them are still
 * open: a link's href (read at its first visible text, chunks later), a dropped element
 * whose content spans chunks, a broken writer's extra close with records after it. Run
 * under SANITIZE=1, a freed chunk read again fails here. */
static void test_take_frees_behind(void **state)
{
	(void)state;
	for (int broken = 0; broken < 2; broken++) {
		struct html_flat f;
		html_flat_init(&f);
		html_flat_open(&f, "p", NULL, 0, 0);
		html_flat_open(&f, "a", (const char *[]){"href", "远处/链接.html"}, 2, 0);
		for (int i = 0; i < 4000; i++) { /* ~50 KB of empty elements: several chunks */
			html_flat_open(&f, "span", NULL, 0, 0);
			html_flat_close(&f, "span");
		}
		html_flat_text(&f, "链接文字", 12);
		html_flat_close(&f, "a");
		html_flat_close(&f, "p");
		html_flat_open(&f, "script", NULL, 0, 0);
		for (int i = 0; i < 3000; i++)
			html_flat_text(&f, "var x = 1; // 脚本\n", strlen("var x = 1; // 脚本\n"));
		html_flat_close(&f, "script");
		html_flat_open(&f, "p", NULL, 0, 0);
		html_flat_text(&f, "脚本之后", 12);
		html_flat_close(&f, "p");
		if (broken) {
			html_flat_close(&f, "div"); /* the walk stops here */
			for (int i = 0; i < 3000; i++)
				html_flat_text(&f, "未读的尾巴", 15);
		}
		struct doc df, dc;
		doc_init(&df);
		doc_init(&dc);
		html_flat_to_doc(&f, "https://example.com/a/", NULL, &df);
		html_flat_take_doc(&f, "https://example.com/a/", NULL, &dc);
		assert_null(f.first);
		assert_docs_equal(&dc, &df);
		assert_int_equal(dc.nlinks, 1);
		assert_string_equal(dc.links[0], "https://example.com/a/%E8%BF%9C%E5%A4%84/%E9%93%BE%E6%8E%A5.html");
		assert_int_equal(dc.n, 2);
		assert_string_equal(dc.blocks[0].text, "链接文字[1]");
		assert_string_equal(dc.blocks[1].text, "脚本之后");
		assert_int_equal(dc.cap, dc.n); /* built, then trimmed to size */
		assert_int_equal(dc.linkcap, dc.nlinks);
		struct block *b = doc_add_block(&dc, BLK_RULE); /* still growable */
		assert_int_equal(b->kind, BLK_RULE);
		assert_int_equal(dc.n, 3);
		assert_int_equal(doc_add_link(&dc, "https://example.com/b"), 2);
		doc_free(&df);
		doc_free(&dc);
		html_flat_free(&f);
	}
}

/* page_extract_owned's flat body against page_extract's string. want_flat: 1 must be
 * flat, 0 must have fallen back to the string, -1 either. */
static void check_page(const char *html, size_t len, const char *url, int want_flat)
{
	struct articles s = {0}, t = {0};
	struct nr_error err;
	assert_int_equal(page_extract(html, len, url, &s, &err), 0);
	char *copy = xstrndup(html, len);
	assert_int_equal(page_extract_owned(&copy, len, url, &t, &err), 0);
	struct article *as = s.v[0], *at = t.v[0];
	assert_non_null(as->html);
	assert_null(as->tree);
	if (want_flat >= 0)
		assert_int_equal(at->tree != NULL, want_flat);
	if (at->tree) {
		assert_null(at->html);
		char *h = at->tree_html(at->tree);
		assert_string_equal(h, as->html); /* byte for byte what page_serialize gives */
		free(h);
		struct doc ds, dt;
		doc_init(&ds);
		doc_init(&dt);
		html_to_doc(as->html, strlen(as->html), url, as->lang, &ds);
		html_tree_to_doc(at->tree, url, at->lang, &dt);
		assert_docs_equal(&dt, &ds);
		doc_free(&dt);
		doc_init(&dt);
		html_tree_take_doc(at->tree, url, at->lang, &dt); /* as --dump reads it */
		assert_docs_equal(&dt, &ds);
		doc_free(&ds);
		doc_free(&dt);
	} else {
		assert_string_equal(at->html, as->html); /* the fallback is that same string */
	}
	articles_free(&s);
	articles_free(&t);
}

static void test_pages_flat_equals_string(void **state)
{
	(void)state;
	DIR *d = opendir(PAGES);
	assert_non_null(d);
	struct dirent *de;
	int n = 0;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l < 6 || strcmp(de->d_name + l - 5, ".html") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", PAGES, de->d_name);
		size_t len;
		char *html = test_slurp(path, &len);
		assert_non_null(html);
		check_page(html, len, "https://example.com/a/b.html", 1);
		free(html);
		n++;
	}
	closedir(d);
	assert_true(n >= 10);
}

/* Content the parser would restructure: the body falls back to the string, which the
 * records (written to the end all the same) give exactly. */
static void test_unsafe_falls_back(void **state)
{
	(void)state;
	static const char *const odd[] = {
		/* a paragraph opened for loose text, ended inside a link: mismatched end tag */
		"文字 <a href=\"y.html\"><div>链接块</div>尾</a> 后",
		/* a CR inside pre */
		"<pre>第一行\r\n第二行</pre>",
		/* a CR in an attribute value */
		"<p><a href=\"x\ry.html\">链接</a></p>",
		/* p inside p would be closed by the parser */
		"<blockquote>引用<p>段落</p></blockquote><dl><dd>定义<p>段</p></dd></dl>",
	};
	const char *para = "<p>这是一段很长的正文内容，用于让阅读模式选中这个区域。市场分析人士认为经济运行总体平稳，消费投资出口都在增长。</p>";
	int fell_back = 0;
	for (size_t i = 0; i < ARRAY_LEN(odd); i++) {
		char *page = xasprintf("<html><head><title>标题</title></head><body><div class=\"nav\">首页</div>"
				       "<div class=\"article-content\">%s%s%s%s</div></body></html>",
				       para, odd[i], para, para);
		struct articles t = {0};
		struct nr_error err;
		char *copy = xstrdup(page);
		assert_int_equal(page_extract_owned(&copy, strlen(page), "https://example.com/odd.html", &t, &err), 0);
		fell_back += t.v[0]->tree == NULL;
		articles_free(&t);
		check_page(page, strlen(page), "https://example.com/odd.html", -1);
		free(page);
	}
	assert_true(fell_back >= 2); /* at least the CR cases cannot stay flat */
	/* a plain page stays flat */
	char *page = xasprintf("<html><body><article>%s%s<ul><li>一</li><li>二</li></ul>%s</article></body></html>",
			       para, para, para);
	check_page(page, strlen(page), "https://example.com/plain.html", 1);
	free(page);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_to_html),
		cmocka_unit_test(test_long_text_and_many_records),
		cmocka_unit_test(test_walk_skips_and_depth),
		cmocka_unit_test(test_take_frees_behind),
		cmocka_unit_test(test_pages_flat_equals_string),
		cmocka_unit_test(test_unsafe_falls_back),
	};
	return cmocka_run_group_tests_name("html_flat", tests, NULL, NULL);
}
