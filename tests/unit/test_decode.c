/* Unit tests for decode.c: the WHATWG order of evidence, the label table, iconv with
 * U+FFFD for invalid bytes, guessing, and the HTML-entity fix for XML feeds. */
#include "testutil.h"

#include "newsread/decode.h"
#include "newsread/util.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#define FFFD "\xEF\xBF\xBD"

/* Decode a fixture of tests/fixtures/render; *cs gets the charset used. */
static char *decode_fixture(const char *name, const char *http, const char **cs, size_t *outlen)
{
	char path[256], *data;
	size_t len;
	struct nr_error e;
	snprintf(path, sizeof path, FIXTURES "/render/%s", name);
	if (read_file(path, 1 << 20, &data, &len, &e))
		fail_msg("%s", e.msg);
	size_t n;
	char *out = decode_document(data, len, http, &n, cs);
	free(data);
	assert_true(utf8_valid(out, n));
	assert_int_equal(strlen(out), n);
	if (outlen)
		*outlen = n;
	return out;
}

static void test_labels(void **state)
{
	(void)state;
	static const char *const gb[] = {"gb2312", "GBK", "x-gbk", "chinese", "csgb2312", "iso-ir-58",
					 "gb_2312-80", "GB18030", " gb2312 ", "\"gbk\"", "csiso58gb231280"};
	for (size_t i = 0; i < ARRAY_LEN(gb); i++)
		assert_string_equal(decode_label(gb[i]), "GB18030");
	static const char *const b5[] = {"big5", "Big5-HKSCS", "cn-big5", "x-x-big5", "csbig5"};
	for (size_t i = 0; i < ARRAY_LEN(b5); i++)
		assert_string_equal(decode_label(b5[i]), "BIG5-HKSCS");
	static const char *const u8[] = {"utf-8", "UTF8", "unicode-1-1-utf-8", "utf_8", "x-unicode20utf8", "uft-8"};
	for (size_t i = 0; i < ARRAY_LEN(u8); i++)
		assert_string_equal(decode_label(u8[i]), "UTF-8");
	static const char *const l1[] = {"latin1", "ISO-8859-1", "ascii", "us-ascii", "windows-1252", "cp1252"};
	for (size_t i = 0; i < ARRAY_LEN(l1); i++)
		assert_string_equal(decode_label(l1[i]), "WINDOWS-1252");
	assert_string_equal(decode_label("Shift_JIS"), "WINDOWS-31J");
	assert_string_equal(decode_label("euc-jp"), "EUC-JP");
	assert_string_equal(decode_label("euc-kr"), "UHC");
	assert_string_equal(decode_label("utf-16le"), "UTF-16LE");
	assert_string_equal(decode_label("utf-16be"), "UTF-16BE");
	assert_null(decode_label("klingon"));
	assert_null(decode_label(""));
	assert_null(decode_label(NULL));
	assert_null(decode_label("gb2312gb2312gb2312gb2312gb2312gb2312gb2312gb2312gb2312gb2312gb2312"));
}

static void test_content_type(void **state)
{
	(void)state;
	char cs[32];
	assert_int_equal(decode_content_type_charset("text/html; charset=GB2312", cs, sizeof cs), 1);
	assert_string_equal(cs, "GB2312");
	assert_int_equal(decode_content_type_charset("text/xml;Charset=\"utf-8\"; q=1", cs, sizeof cs), 1);
	assert_string_equal(cs, "utf-8");
	assert_int_equal(decode_content_type_charset("text/html; foo=bar ;charset = big5", cs, sizeof cs), 1);
	assert_string_equal(cs, "big5");
	assert_int_equal(decode_content_type_charset("text/html", cs, sizeof cs), 0);
	assert_int_equal(decode_content_type_charset(NULL, cs, sizeof cs), 0);
	assert_int_equal(decode_content_type_charset("text/html; charset=", cs, sizeof cs), 0);
}

/* gb2312 label, GBK-only and four-byte GB18030 characters in the middle: all survive,
 * and so does everything after them. */
static void test_gb2312_label_gbk_chars(void **state)
{
	(void)state;
	const char *cs;
	char *s = decode_fixture("gb2312_gbk.html", NULL, &cs, NULL);
	assert_string_equal(cs, "GB18030");
	assert_non_null(strstr(s, "朱镕基、王堃出席会议"));
	assert_non_null(strstr(s, "生僻字\xF0\xA0\x80\x80与\xF0\xA0\xAE\xB7都在中间")); /* U+20000, U+20BB7 */
	assert_non_null(strstr(s, "后面的文字必须保留。"));
	assert_non_null(strstr(s, "第二段：证券市场今日上涨，成交额达到一千亿元。"));
	assert_non_null(strstr(s, "</html>"));
	assert_null(strstr(s, FFFD));
	free(s);
}

static void test_stale_meta(void **state)
{
	(void)state;
	const char *cs;
	char *s = decode_fixture("utf8_stale_meta.html", NULL, &cs, NULL);
	assert_string_equal(cs, "UTF-8");
	assert_non_null(strstr(s, "这个页面早已转成UTF-8，但声明还是gb2312。"));
	free(s);
	/* a stale HTTP charset is overruled the same way */
	s = decode_fixture("utf8_stale_meta.html", "gbk", &cs, NULL);
	assert_string_equal(cs, "UTF-8");
	assert_non_null(strstr(s, "旧的声明"));
	free(s);
}

static void test_bom(void **state)
{
	(void)state;
	const char *cs;
	char *s = decode_fixture("bom_utf8.html", "big5", &cs, NULL); /* BOM beats HTTP and meta */
	assert_string_equal(cs, "UTF-8");
	assert_true(has_prefix(s, "<meta charset=\"gbk\"><p>带BOM的页面：中文内容。</p>"));
	free(s);
	s = decode_fixture("bom_utf16le.html", NULL, &cs, NULL);
	assert_string_equal(cs, "UTF-16LE");
	assert_string_equal(s, "<p>带BOM的页面：中文内容。</p>\n");
	free(s);
	s = decode_fixture("bom_utf16be.html", "gb2312", &cs, NULL);
	assert_string_equal(cs, "UTF-16BE");
	assert_string_equal(s, "<p>带BOM的页面：中文内容。</p>\n");
	free(s);
}

static void test_guess(void **state)
{
	(void)state;
	const char *cs;
	char *s = decode_fixture("big5_nolabel.html", NULL, &cs, NULL);
	assert_string_equal(cs, "BIG5-HKSCS");
	assert_non_null(strstr(s, "臺北市政府今天宣布，明年將增加公共運輸的預算"));
	free(s);
	s = decode_fixture("gbk_nolabel.html", NULL, &cs, NULL);
	assert_string_equal(cs, "GB18030");
	assert_non_null(strstr(s, "国家统计局今天发布数据"));
	free(s);
	s = decode_fixture("cp1252.html", NULL, &cs, NULL);
	assert_string_equal(cs, "WINDOWS-1252");
	assert_non_null(strstr(s, "Café au lait, naïve “quotes” — déjà vu."));
	assert_non_null(strstr(s, "costs 5€."));
	free(s);
	/* pure ASCII is valid UTF-8 */
	size_t n;
	s = decode_document("plain text", 10, NULL, &n, &cs);
	assert_string_equal(cs, "UTF-8");
	assert_string_equal(s, "plain text");
	free(s);
}

static void test_http_and_xml_decl(void **state)
{
	(void)state;
	const char *cs;
	/* the HTTP charset beats the meta (both name a legacy charset, bytes are GBK) */
	char *s = decode_fixture("gb2312_gbk.html", "gbk", &cs, NULL);
	assert_string_equal(cs, "GB18030");
	free(s);
	s = decode_fixture("xml_gb2312.xml", NULL, &cs, NULL);
	assert_string_equal(cs, "GB18030");
	assert_non_null(strstr(s, "<title>央行：降准0.5个百分点</title>"));
	free(s);
	/* <meta http-equiv> with the charset inside content, after a comment holding a decoy */
	const char html[] = "<!-- <meta charset=big5> --><META HTTP-EQUIV=content-type "
			    "CONTENT='text/html;charset=gbk'><p>\xD6\xD0\xCE\xC4</p>";
	size_t n;
	s = decode_document(html, sizeof html - 1, NULL, &n, &cs);
	assert_string_equal(cs, "GB18030");
	assert_non_null(strstr(s, "<p>中文</p>"));
	free(s);
}

static void test_invalid_bytes(void **state)
{
	(void)state;
	size_t n;
	const char *cs;
	/* invalid UTF-8 in the middle of a page declared UTF-8 */
	const char u[] = "<meta charset=utf-8>中\xFF文\xE4\xB8结束";
	char *s = decode_document(u, sizeof u - 1, NULL, &n, &cs);
	assert_string_equal(cs, "UTF-8");
	assert_string_equal(s, "<meta charset=utf-8>中" FFFD "文" FFFD "结束");
	free(s);
	/* invalid GBK sequences: one U+FFFD each, the rest goes on */
	const char g[] = "\xD6\xD0\x81\x20\xCE\xC4\xFF\xB9\xFA\xBC\xD2\x81";
	s = decode_document(g, sizeof g - 1, "gb2312", &n, &cs);
	assert_string_equal(cs, "GB18030");
	assert_string_equal(s, "中" FFFD " 文" FFFD "国家" FFFD);
	free(s);
	/* NUL bytes never cut the string */
	const char z[] = "ab\0cd";
	s = decode_document(z, 5, "utf-8", &n, &cs);
	assert_string_equal(s, "ab" FFFD "cd");
	assert_int_equal(n, strlen(s));
	free(s);
	/* empty input */
	s = decode_document("", 0, NULL, &n, &cs);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
	/* a long document with a bad byte near the start keeps all of its end */
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "<meta charset=gbk>\x81\x20");
	for (int i = 0; i < 20000; i++)
		buf_adds(&b, "\xD6\xD0");
	buf_adds(&b, "END");
	s = decode_document(b.s, b.len, NULL, &n, &cs);
	assert_int_equal(n, strlen("<meta charset=gbk>") + 3 + 1 + 20000 * 3 + 3);
	assert_true(n > 3 && strcmp(s + n - 3, "END") == 0);
	free(s);
	buf_free(&b);
}

/* Entities an XML parser does not know become numeric references; the five XML
 * entities, character references and CDATA stay as they are. */
static void test_fix_entities(void **state)
{
	(void)state;
	const char in[] = "<t a=\"x&nbsp;y\">A&nbsp;B&eacute;&mdash;&hellip;&copy;&ldquo;q&rdquo;&middot;&yen;"
			  "&amp;&lt;&gt;&quot;&apos;&#123;&#x7D; R&D &bogus; "
			  "<![CDATA[&nbsp; & raw]]><!-- &nbsp; --></t>";
	size_t n;
	char *s = decode_fix_entities(in, sizeof in - 1, &n);
	assert_int_equal(strlen(s), n);
	assert_non_null(strstr(s, "a=\"x&#160;y\""));
	assert_non_null(strstr(s, "A&#160;B&#233;&#8212;&#8230;&#169;&#8220;q&#8221;&#183;&#165;"));
	assert_non_null(strstr(s, "&amp;&lt;&gt;&quot;&apos;&#123;&#x7D; R&amp;D &amp;bogus; "));
	assert_non_null(strstr(s, "<![CDATA[&nbsp; & raw]]><!-- &nbsp; -->"));
	/* and libxml2 now reads it whole */
	xmlDocPtr doc = xmlReadMemory(s, (int)n, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(doc);
	xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(doc));
	assert_string_equal((char *)text, "A\xC2\xA0" "Bé—…©“q”·¥&<>\"'{} R&D &bogus; &nbsp; & raw");
	xmlFree(text);
	xmlFreeDoc(doc);
	free(s);
}

/* The repair of UTF-8 as first written, one sequence at a time (U+FFFD for each maximal
 * invalid subpart and for NUL): the decoder's word-at-a-time paths must give the same. */
static void plain_repair(struct buf *out, const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t len = 0, want = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
										 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80, hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
		if (c && want) {
			len = 1;
			while (len < want && i + len < n && p[i + len] >= (len == 1 ? lo : 0x80) &&
			       p[i + len] <= (len == 1 ? hi : 0xBF))
				len++;
		}
		if (c && want && len == want) {
			buf_add(out, (const char *)p + i, len);
		} else {
			buf_adds(out, FFFD);
			len = len ? len : 1;
		}
		i += len;
	}
}

static void test_repair_fast_paths(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", "0", " ", "abcdefgh", "long ascii run!", "\0", "中", "文", "，", "\xE1\x80\x80", "\xEF\xBF\xBF",
		"\xE0\xA0\x80", "\xE0\x80\x80", "\xED\x9F\xBF", "\xED\xA0\x80", "\xC2\xA0", "\xC0\xAF",
		"\xF0\x9F\x98\x80", "\xF4\x90\x80\x80", "\xE4\xB8", "\xE4", "\x80", "\xBF", "\xFF", "\xF5",
	};
	srand(11);
	struct buf in, want;
	buf_init(&in);
	buf_init(&want);
	for (int it = 0; it < 4000; it++) {
		in.len = want.len = 0;
		buf_add(&in, "x", 1); /* never a BOM */
		for (int j = rand() % 50; j > 0; j--) {
			const char *pc = pieces[rand() % ARRAY_LEN(pieces)];
			buf_add(&in, pc, *pc ? strlen(pc) : 1);
		}
		buf_add(&want, "", 0);
		plain_repair(&want, (const unsigned char *)in.s, in.len);
		size_t ol;
		char *out = decode_document(in.s, in.len, "utf-8", &ol, NULL);
		assert_int_equal(ol, want.len);
		assert_memory_equal(out, want.s, ol);
		free(out);
	}
	buf_free(&in);
	buf_free(&want);
}

/* decode_document_owned: the same text as decode_document; valid UTF-8 is not copied. */
static void test_owned(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"<p>纯净的 UTF-8 文本。</p>", "\xEF\xBB\xBF<p>带 BOM</p>", "<p>坏\xE4\xB8字节\xFF</p>", "a\0b",
		"<meta charset=\"gbk\"><p>\xD6\xD0\xCE\xC4</p>", "", "plain ascii",
	};
	static const char *const labels[] = {NULL, "utf-8", "gbk"};
	int kept = 0;
	for (size_t i = 0; i < ARRAY_LEN(docs); i++)
		for (size_t j = 0; j < ARRAY_LEN(labels); j++) {
			size_t len = i == 3 ? 3 : strlen(docs[i]), l1, l2;
			const char *c1, *c2;
			char *want = decode_document(docs[i], len, labels[j], &l1, &c1);
			char *own = xmalloc(len + 1);
			memcpy(own, docs[i], len);
			own[len] = '\0';
			char *keep = own;
			char *got = decode_document_owned(&own, len, labels[j], &l2, &c2);
			assert_null(own);
			assert_int_equal(l2, l1);
			assert_memory_equal(got, want, l1 + 1);
			assert_string_equal(c2, c1);
			/* UTF-8 that comes out unchanged: the buffer itself */
			int same = strcmp(c1, "UTF-8") == 0 && l1 == len && memcmp(want, docs[i], len) == 0;
			assert_int_equal(got == keep, same);
			kept += same;
			free(got);
			free(want);
		}
	assert_true(kept >= 6);
}

int main(void)
{
	test_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_content_type),
		cmocka_unit_test(test_gb2312_label_gbk_chars),
		cmocka_unit_test(test_stale_meta),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_guess),
		cmocka_unit_test(test_http_and_xml_decl),
		cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_fix_entities),
		cmocka_unit_test(test_repair_fast_paths),
		cmocka_unit_test(test_owned),
	};
	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
