/* Unit tests for urls.c: the urls file, OPML import (own fixtures and newsboat's) and export. */
#include "testutil.h"

#include "newsread/source.h"

#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sys/stat.h>
#include <unistd.h>

#define NEWSBOAT "../shared/corpus/newsboat/test/data/"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	test_tmpdir_make(tmpdir, "urls");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_tmpdir_remove(tmpdir);
	return 0;
}

static char *tpath(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *read_text(const char *path)
{
	char *d;
	size_t n;
	struct nr_error e;
	assert_int_equal(read_file(path, 1 << 20, &d, &n, &e), 0);
	return d;
}

/* Run f with stdout sent to a file; returns what it printed. */
static char *capture(int (*f)(const char *, const char *, struct nr_error *), const char *a, const char *b,
		     int *rc, struct nr_error *err)
{
	char *out = tpath("stdout.txt");
	fflush(stdout);
	int saved = dup(1);
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	dup2(fd, 1);
	close(fd);
	*rc = f(a, b, err);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	char *text = read_text(out);
	free(out);
	return text;
}

static int export_adapter(const char *urls, const char *unused, struct nr_error *err)
{
	(void)unused;
	return opml_export(urls, NULL, NULL, err);
}

static char *cat(const struct source_spec *s, size_t i)
{
	return catpath_join(&s->cats[i], "/");
}

static void test_load(void **state)
{
	(void)state;
	struct source_list l = {0};
	struct nr_error err;
	char *p = tpath("missing");
	assert_int_equal(urls_load(p, &l, &err), 0); /* a missing file is an empty list */
	assert_int_equal(l.n, 0);
	free(p);

	p = tpath("urls");
	write_text(p, "# my sources\n"
		      "\n"
		      "https://news.example.cn/rss.xml 金融/证券时报网/要闻 \"~证券 快讯\"\n"
		      "   https://a.example.com/feed  tech  \"news/world wide\"   # trailing comment\n"
		      "'/home/me/posts folder' ~Archive\n"
		      "https://b.example.com/x?a=1&b=2\n"
		      "https://c.example.com/ a//b/ a/b\n");
	assert_int_equal(urls_load(p, &l, &err), 0);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[0].url, "https://news.example.cn/rss.xml");
	assert_string_equal(l.v[0].name, "证券 快讯");
	assert_int_equal(l.v[0].ncats, 1);
	assert_int_equal(l.v[0].cats[0].n, 3);
	assert_string_equal(l.v[0].cats[0].parts[2], "要闻");
	assert_string_equal(l.v[1].url, "https://a.example.com/feed");
	assert_null(l.v[1].name);
	assert_int_equal(l.v[1].ncats, 2);
	char *c = cat(&l.v[1], 1);
	assert_string_equal(c, "news/world wide");
	free(c);
	assert_string_equal(l.v[2].url, "/home/me/posts folder");
	assert_string_equal(l.v[2].name, "Archive");
	assert_string_equal(l.v[3].url, "https://b.example.com/x?a=1&b=2");
	assert_int_equal(l.v[4].ncats, 1); /* a//b/ and a/b are one path */
	source_list_free(&l);

	static const struct {
		const char *text;
		const char *msg;
	} bad[] = {
		{"https://ok.example.com/\nhttps://x \"unterminated\n", ":2: unterminated double quote"},
		{"\n\n~Name https://x\n", ":3: expected a URL before the display name ~Name"},
		{"https://x ~a ~b\n", ":1: two display names"},
		{"https://x ~\n", ":1: empty display name"},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		write_text(p, bad[i].text);
		assert_int_equal(urls_load(p, &l, &err), -1);
		char *want = xasprintf("%s%s", p, bad[i].msg);
		if (!has_prefix(err.msg, want))
			fail_msg("got '%s', want prefix '%s'", err.msg, want);
		free(want);
		source_list_free(&l);
	}
	free(p);
}

/* A bad line is named FILE:LINE and every other line still loads. */
static void test_bad_lines(void **state)
{
	(void)state;
	struct source_list l = {0};
	struct nr_error err;
	char *p = tpath("urls");
	write_text(p, "https://a.example.com/feed tech\n"
		      "https://x \"unterminated\n"
		      "~Name https://y\n"
		      "https://b.example.com/feed ~B\n"
		      "https://z ~a ~b\n"
		      "https://c.example.com/feed\n");
	assert_int_equal(urls_load(p, &l, &err), -1);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].url, "https://a.example.com/feed");
	assert_string_equal(l.v[1].name, "B");
	assert_string_equal(l.v[2].url, "https://c.example.com/feed");
	assert_int_equal(l.nerrs, 3);
	const char *want[] = {":2: unterminated double quote", ":3: expected a URL before the display name ~Name",
			      ":5: two display names"};
	for (size_t i = 0; i < 3; i++) {
		char *w = xasprintf("%s%s", p, want[i]);
		if (!has_prefix(l.errs[i].msg, w))
			fail_msg("got '%s', want prefix '%s'", l.errs[i].msg, w);
		free(w);
	}
	assert_string_equal(err.msg, l.errs[0].msg); /* err: the first */
	source_list_free(&l);

	/* a file of bad lines: each counted, the messages capped */
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < URLS_MAX_ERRORS + 20; i++)
		buf_adds(&b, "~bad\n");
	buf_adds(&b, "https://last.example.com/\n");
	write_text(p, b.s);
	buf_free(&b);
	assert_int_equal(urls_load(p, &l, &err), -1);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.nerrs, URLS_MAX_ERRORS);
	char *more = xasprintf("%s: 21 more bad lines not shown", p);
	assert_string_equal(l.errs[URLS_MAX_ERRORS - 1].msg, more);
	free(more);
	source_list_free(&l);

	/* a file that cannot be read: one message naming it */
	write_text(p, "https://a.example.com/\n\xff\xfe\n");
	assert_int_equal(urls_load(p, &l, &err), -1);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.nerrs, 1);
	char *w = xasprintf("%s: not valid UTF-8", p);
	assert_string_equal(l.errs[0].msg, w);
	free(w);
	source_list_free(&l);
	free(p);
}

static struct source_list specs(const char *const *urls, size_t n)
{
	struct source_list l = {0};
	l.v = xcalloc(n, sizeof *l.v);
	for (size_t i = 0; i < n; i++)
		l.v[i].url = xstrdup(urls[i]);
	l.n = l.cap = n;
	return l;
}

/* urls_add: appends what is missing, through a symlink, removing stale temporary files. */
static void test_write(void **state)
{
	(void)state;
	struct nr_error err;
	size_t added, skipped;
	char *real = tpath("dotfiles/urls"), *link = tpath("config/urls");
	char *dot = tpath("dotfiles"), *cfg = tpath("config");
	assert_int_equal(mkdir(dot, 0700), 0);
	assert_int_equal(mkdir(cfg, 0700), 0);
	assert_int_equal(symlink("../dotfiles/urls", link), 0); /* dangling at first */
	static const char *const a[] = {"https://a.example.com/", "https://b.example.com/", "https://a.example.com/"};
	struct source_list add = specs(a, 3);
	add.v[1].hidden = 1;
	assert_int_equal(urls_add(link, &add, &added, &skipped, &err), 0);
	assert_int_equal(added, 2);
	assert_int_equal(skipped, 1);
	source_list_free(&add);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode)); /* still a link, its target written */
	char *text = read_text(real);
	assert_string_equal(text, "https://a.example.com/\nhttps://b.example.com/ !\n");
	free(text);
	assert_int_equal(stat(real, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* a killed writer's temporary file is removed by the next; other files stay */
	char *stale = tpath("dotfiles/urls.newsread-tmp-AbC123");
	char *other = tpath("dotfiles/urls.newsread-tmp-notours.txt");
	write_text(stale, "half");
	write_text(other, "mine");
	assert_int_equal(chmod(real, 0640), 0);
	write_text(real, "# mine\nhttps://a.example.com/"); /* no final newline */
	static const char *const b[] = {"https://a.example.com/", "https://c.example.com/"};
	add = specs(b, 2);
	assert_int_equal(urls_add(link, &add, &added, &skipped, &err), 0);
	assert_int_equal(added, 1);
	source_list_free(&add);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(other, F_OK), 0);
	text = read_text(real);
	assert_string_equal(text, "# mine\nhttps://a.example.com/\nhttps://c.example.com/\n");
	free(text);
	assert_int_equal(stat(real, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640); /* an existing file keeps its mode */
	char *lock = tpath("dotfiles/urls.lock");
	assert_int_equal(access(lock, F_OK), 0);

	/* a file it cannot read is not written over */
	write_text(real, "\xff\n");
	add = specs(b, 2);
	assert_int_equal(urls_add(link, &add, &added, &skipped, &err), -1);
	assert_true(strstr(err.msg, "not valid UTF-8") != NULL);
	source_list_free(&add);
	text = read_text(real);
	assert_string_equal(text, "\xff\n");
	free(text);
	free(lock);
	free(stale);
	free(other);
	free(real);
	free(link);
	free(dot);
	free(cfg);
}

static const char *own_opml =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<opml version=\"2.0\"><head><title>mine</title></head><body>\n"
	"  <outline text=\"金融\">\n"
	"    <outline text=\"证券时报网\">\n"
	"      <outline type=\"rss\" text=\"要闻\" title=\"证券时报 要闻\" xmlUrl=\"https://stcn.example.cn/rss?a=1&amp;b=2\"/>\n"
	"    </outline>\n"
	"    <outline type=\"rss\" title='Quote \"Q\" &amp; #hash' xmlUrl=\"https://q.example.com/feed\"/>\n"
	"  </outline>\n"
	"  <outline type=\"rss\" text=\"Top\" xmlUrl=\"https://top.example.com/\" category=\"/x/y,/z\"/>\n"
	"  <outline type=\"rss\" text=\"Again\" xmlUrl=\"https://top.example.com/\"/>\n"
	"</body></opml>\n";

static void test_import_export(void **state)
{
	(void)state;
	char *opml = tpath("mine.opml");
	write_text(opml, own_opml);
	char *urls = tpath("cfg/newsread/urls");
	struct nr_error err;
	int rc;
	char *out = capture(opml_import, opml, urls, &rc, &err);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "3 sources added"));
	free(out);
	struct stat st;
	char *dir = tpath("cfg/newsread");
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(urls, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(dir);

	struct source_list l = {0};
	assert_int_equal(urls_load(urls, &l, &err), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].url, "https://stcn.example.cn/rss?a=1&b=2");
	assert_string_equal(l.v[0].name, "证券时报 要闻");
	char *c = cat(&l.v[0], 0);
	assert_string_equal(c, "金融/证券时报网");
	free(c);
	assert_string_equal(l.v[1].name, "Quote \"Q\" & #hash");
	assert_string_equal(l.v[2].name, "Top");
	assert_int_equal(l.v[2].ncats, 2);
	source_list_free(&l);

	/* again: nothing new, the file is unchanged */
	char *before = read_text(urls);
	out = capture(opml_import, opml, urls, &rc, &err);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "0 sources added"));
	free(out);
	char *after = read_text(urls);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* export: well-formed OPML with the categories as nested outlines */
	out = capture(export_adapter, urls, NULL, &rc, &err);
	assert_int_equal(rc, 0);
	assert_true(utf8_valid(out, strlen(out)));
	xmlDocPtr doc = xmlReadMemory(out, (int)strlen(out), NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	assert_non_null(strstr(out, "<outline text=\"金融\" title=\"金融\">"));
	assert_non_null(strstr(out, "xmlUrl=\"https://stcn.example.cn/rss?a=1&amp;b=2\""));
	assert_non_null(strstr(out, "title=\"Quote &quot;Q&quot; &amp; #hash\""));
	assert_non_null(strstr(out, "category=\"/x/y,/z\""));
	const char *fin = strstr(out, "金融");
	const char *stcn = strstr(out, "证券时报网");
	assert_true(fin && stcn && fin < stcn);

	/* round trip: importing the export gives the same sources */
	char *opml2 = tpath("export.opml");
	write_text(opml2, out);
	free(out);
	char *urls2 = tpath("urls2");
	out = capture(opml_import, opml2, urls2, &rc, &err);
	assert_int_equal(rc, 0);
	free(out);
	struct source_list a = {0}, b = {0};
	assert_int_equal(urls_load(urls, &a, &err), 0);
	assert_int_equal(urls_load(urls2, &b, &err), 0);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].url, b.v[i].url);
		assert_string_equal(a.v[i].name, b.v[i].name);
		assert_int_equal(a.v[i].ncats, b.v[i].ncats);
	}
	source_list_free(&a);
	source_list_free(&b);
	free(opml2);
	free(urls2);

	/* not OPML */
	write_text(opml, "<html/>");
	out = capture(opml_import, opml, urls, &rc, &err);
	free(out);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "not an OPML file"));
	free(opml);
	free(urls);
}

static void test_newsboat_opml(void **state)
{
	(void)state;
	struct stat st;
	if (!have_shared() || stat(NEWSBOAT "example.opml", &st) != 0) {
		printf("skipped: %s is absent\n", NEWSBOAT);
		skip();
	}
	char *urls = tpath("nb-urls");
	write_text(urls, "https://example.com/feed.xml already\n");
	struct nr_error err;
	int rc;
	char *out = capture(opml_import, NEWSBOAT "example.opml", urls, &rc, &err);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "6 sources added"));
	assert_non_null(strstr(out, "1 already present"));
	free(out);
	struct source_list l = {0};
	assert_int_equal(urls_load(urls, &l, &err), 0);
	assert_int_equal(l.n, 7);
	int found = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (!strcmp(l.v[i].url, "https://blogs.example.com/~mike/.rss")) {
			char *c = cat(&l.v[i], 0);
			assert_string_equal(c, "Blogs/friends"); /* folder text, nested */
			assert_string_equal(l.v[i].name, "Notes by Mike");
			free(c);
			found++;
		}
		if (!strcmp(l.v[i].url, "https://example.com/feed.atom")) {
			assert_int_equal(l.v[i].ncats, 0);
			found++;
		}
	}
	assert_int_equal(found, 2);
	source_list_free(&l);

	out = capture(opml_import, NEWSBOAT "body-element-missing.opml", urls, &rc, &err);
	free(out);
	assert_int_equal(rc, -1);
	out = capture(opml_import, NEWSBOAT "opml-element-missing.opml", urls, &rc, &err);
	free(out);
	assert_int_equal(rc, -1);
	out = capture(opml_import, NEWSBOAT "category.opml", urls, &rc, &err);
	free(out);
	assert_int_equal(rc, 0);
	assert_int_equal(urls_load(urls, &l, &err), 0);
	assert_int_equal(l.n, 8);
	assert_int_equal(l.v[7].ncats, 3);
	source_list_free(&l);
	free(urls);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_import_export),
		cmocka_unit_test(test_newsboat_opml),
	};
	return cmocka_run_group_tests_name("urls", tests, setup, teardown);
}
