/* page.c - HTML pages: feed discovery, and reader mode's driver and tree helpers.
 * Reader mode runs in stages over one libxml2 tree: index (page.c), metadata
 * (page_meta.c), prune, score, choose and clean (page_score.c), serialize (page_out.c).
 * Every walk over the tree is iterative, so deep nesting cannot overflow the stack. */
#define PAGE_INTERNAL
#include "newsread/page.h"
#include "newsread/html.h"
#include "source/sniff.h"

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__
#endif
#include <string.h>

/* ---------- tree helpers ---------- */

static inline int low(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int page_is(const xmlNode *n, const char *name)
{
	/* hot (tag dispatch everywhere): compared here, ASCII case-insensitively, without a call */
	if (!n || n->type != XML_ELEMENT_NODE || !n->name)
		return 0;
	const unsigned char *a = n->name, *b = (const unsigned char *)name;
	for (;; a++, b++) {
		int x = low(*a);
		if (x != low(*b))
			return 0;
		if (!x)
			return 1;
	}
}

const char *page_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name && ascii_casecmp((const char *)a->name, name) == 0) {
			if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
				return (const char *)a->children->content;
			return "";
		}
	}
	return NULL;
}

/* The next node after n in document order within root; into=0 skips n's children. */
xmlNode *page_next(xmlNode *n, const xmlNode *root, int into)
{
	if (into && n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* The block-level elements, for the text's word breaks and a block's statistics. */
static int block_tag(unsigned t)
{
	return (html_element_flags(t) & HK_READER_BLOCK) != 0;
}

int page_is_block(const xmlNode *n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	if (n->_private) /* indexed: page_index cached it */
		return (((const struct page_info *)n->_private)->tag & TAG_BLOCK) != 0;
	return block_tag(html_element_id((const char *)n->name));
}

/* Hints match whole words of class and id (split at anything but letters, digits and
 * non-ASCII), or, for the longer distinctive ones, any part of a word. */
static const char *const pos_sub[] = {
	"article", "content", "entry", "story", "text", "body", "detail", "正文", "artibody",
	"trs_editor", "news_txt", "art_content", "rich_media", "post", "main",
};
static const char *const pos_word[] = {"txt", "con", "cnt", "zw", "wenzhang"};
static const char *const neg_sub[] = {
	"comment", "footer", "sidebar", "share", "related", "recommend", "banner", "promo",
	"breadcrumb", "copyright", "login", "navbar", "menu", "advert", "sponsor", "social",
	"subscribe", "newsletter", "popup", "modal", "cookie", "pagination", "pager", "toolbar",
	"masthead", "outbrain", "taboola", "disqus", "widget", "hotnews", "ranking", "reply",
	"replies", "skyscraper", "adsbygoogle", "guanggao", "shoutbox", "follow", "qrcode",
	"download", "signup", "paywall", "topnav", "subnav", "mostread", "most-read", "trending",
	"rec-", "tuijian", "xiangguan", "pinglun", "statement", "disclaimer", "shengming", "discuss",
};
static const char *const neg_word[] = {
	"ad", "ads", "adv", "gg", "nav", "hot", "rank", "tag", "tags", "header", "aside", "foot",
	"more", "links", "extra", "hidden", "hide", "print", "rss", "logo", "search", "rec",
	"topbar", "bottom", "side", "tool", "tools", "list", "top10", "weixin", "qr", "cmt", "risk", "tie",
};
static const char *const meta_sub[] = {
	"byline", "author", "dateline", "pubtime", "timestamp", "publish", "post-meta",
	"article-meta", "article-info", "news-info", "info", "source",
};
static const char *const meta_word[] = {"meta", "time", "date", "from", "laiyuan", "ly", "bylines", "edit", "editor"};

static unsigned hint_word(const char *w, size_t n)
{
	char t[64];
	if (n == 0 || n >= sizeof t)
		return 0;
	for (size_t i = 0; i < n; i++)
		t[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
	t[n] = '\0';
	unsigned h = 0;
	for (size_t i = 0; i < ARRAY_LEN(pos_word); i++)
		if (strcmp(t, pos_word[i]) == 0)
			h |= HINT_POS;
	for (size_t i = 0; i < ARRAY_LEN(neg_word); i++)
		if (strcmp(t, neg_word[i]) == 0)
			h |= HINT_NEG;
	for (size_t i = 0; i < ARRAY_LEN(meta_word); i++)
		if (strcmp(t, meta_word[i]) == 0)
			h |= HINT_META;
	return h;
}

static unsigned hint_string(const char *s)
{
	char low[256];
	size_t n = strlen(s);
	if (n >= sizeof low)
		n = sizeof low - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	low[n] = '\0';
	unsigned h = 0;
	for (size_t i = 0; i < ARRAY_LEN(pos_sub); i++)
		if (strstr(low, pos_sub[i]))
			h |= HINT_POS;
	for (size_t i = 0; i < ARRAY_LEN(neg_sub); i++)
		if (strstr(low, neg_sub[i]))
			h |= HINT_NEG;
	for (size_t i = 0; i < ARRAY_LEN(meta_sub); i++)
		if (strstr(low, meta_sub[i]))
			h |= HINT_META;
	size_t i = 0;
	while (i < n) {
		while (i < n && !((unsigned char)low[i] >= 0x80 || (low[i] >= 'a' && low[i] <= 'z') ||
				  (low[i] >= '0' && low[i] <= '9')))
			i++;
		size_t j = i;
		while (j < n && ((unsigned char)low[j] >= 0x80 || (low[j] >= 'a' && low[j] <= 'z') ||
				 (low[j] >= '0' && low[j] <= '9')))
			j++;
		h |= hint_word(low + i, j - i);
		i = j;
	}
	return h;
}

unsigned page_hints(const xmlNode *n)
{
	unsigned h = 0;
	const char *cl = page_attr(n, "class"), *id = page_attr(n, "id");
	if (cl)
		h |= hint_string(cl);
	if (id)
		h |= hint_string(id);
	return h;
}

int page_is_cjk(unsigned cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

size_t page_text_weight(const char *str, unsigned *commas)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), w = 0, i = 0, l;
	size_t lim = n > 2 ? n - 2 : 0; /* i < lim: three bytes left */
	unsigned k = 0;
	int sp = 1;
	while (i < n) {
		/* hot: a run of ideographs without the general decoder: leads E4..E9 are
		 * U+4000..U+9FFF, all weighing 3, neither space nor punctuation */
		size_t run = i;
		while (i < lim && s[i] - 0xE4u <= 5u && ((s[i + 1] ^ 0x80u) | (s[i + 2] ^ 0x80u)) < 0x40u)
			i += 3;
		if (i != run) {
			sp = 0;
			w += i - run;
			if (i >= n)
				break;
		}
		unsigned c = s[i];
		if (c < 0x80) { /* hot: ASCII, without the decoder either */
			i++;
			if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
				w += !sp;
				sp = 1;
			} else {
				sp = 0;
				w++;
				if (c == ',' || (c == '.' && (i >= n || s[i] == ' ' || s[i] == '\n')))
					k++;
			}
			continue;
		}
		unsigned cp = utf8_next_cp(str + i, n - i, &l);
		i += l;
		if (cp >= 0x4E00 && cp <= 0x9FFF) { /* ideographs are neither space nor punctuation */
			sp = 0;
			w += 3;
			continue;
		}
		if (cp == 0xA0 || cp == 0x3000) {
			w += !sp;
			sp = 1;
			continue;
		}
		sp = 0;
		w += page_is_cjk(cp) ? 3 : 1;
		if (cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F)
			k++;
	}
	if (commas)
		*commas += k;
	return w;
}

/* The code point ending s[0..n). */
static unsigned last_cp(const char *s, size_t n)
{
	size_t i = n - 1, l;
	while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return utf8_next_cp(s + i, n - i, &l);
}

/* page_text_of writes a whitespace run that held a line break as '\n'; here, in
 * b->s[from..] but for a last one (what follows it may come with the next text), each
 * goes where it stands between two CJK characters (CSS Text's segment-break rule, as
 * the renderer does) or before a space, and becomes a space elsewhere. */
static void join_breaks(struct buf *b, size_t from)
{
	const char *nl = b->len > from ? memchr(b->s + from, '\n', b->len - from) : NULL;
	if (!nl || nl == b->s + b->len - 1) /* none, or only a last one */
		return;
	size_t w = (size_t)(nl - b->s);
	for (size_t i = w; i < b->len; i++) {
		char ch = b->s[i];
		if (ch == '\n' && i + 1 < b->len) {
			size_t l;
			if (b->s[i + 1] == ' ' ||
			    (w > 0 && html_segment_joins(last_cp(b->s, w), utf8_next_cp(b->s + i + 1, b->len - i - 1, &l))))
				continue;
			ch = ' ';
		}
		b->s[w++] = ch;
	}
	b->len = w;
	b->s[w] = '\0';
}

void page_collapse_ws(struct buf *b, size_t from)
{
	size_t w = from;
	for (size_t i = from; i < b->len;) {
		char ch = b->s[i];
		if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r') {
			b->s[w++] = ch;
			i++;
			continue;
		}
		int nl = 0;
		for (; i < b->len && (b->s[i] == ' ' || b->s[i] == '\n' || b->s[i] == '\t' || b->s[i] == '\r'); i++)
			if (b->s[i] == '\n' || b->s[i] == '\r')
				nl = 1;
		b->s[w++] = nl ? '\n' : ' ';
	}
	b->len = w;
	if (b->s)
		b->s[w] = '\0';
	join_breaks(b, from);
}

/* Text of n's subtree (scripts and styles skipped), whitespace collapsed, at most max bytes. */
void page_text_of(const xmlNode *root, struct buf *b, size_t max)
{
	size_t from = b->len ? b->len - 1 : 0; /* a line break the last call left */
	xmlNode *n = (xmlNode *)root;
	while (n && b->len < max) {
		int into = 1;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)n->content;
			while (t && *t && b->len < max) {
				const char *q = t + strcspn(t, " \n\t\r");
				size_t r = (size_t)(q - t);
				if (r > max - b->len)
					r = max - b->len;
				buf_add(b, t, r);
				t = q;
				if (!*t || b->len >= max)
					break;
				int nl = 0;
				for (; *t == ' ' || *t == '\n' || *t == '\t' || *t == '\r'; t++)
					if (*t == '\n' || *t == '\r')
						nl = 1;
				if (b->len && b->s[b->len - 1] != ' ' && b->s[b->len - 1] != '\n')
					buf_addc(b, nl ? '\n' : ' ');
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			unsigned t = page_tag(n);
			if (t == HE_SCRIPT || t == HE_STYLE || t == HE_NOSCRIPT || t == HE_TEMPLATE)
				into = 0;
			else if (page_is_block(n) || t == HE_BR) {
				if (b->len && b->s[b->len - 1] != ' ')
					buf_addc(b, ' ');
			}
		}
		n = page_next(n, root, into);
	}
	if (!b->s)
		buf_add(b, "", 0);
	join_breaks(b, from);
}

void page_remove(struct page_ctx *c, xmlNode *n)
{
	(void)c;
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* ---------- parsing ---------- */

/* Deeper pages are refused: real articles nest a few dozen levels, and the scoring walks
 * every element's ancestors. (The parser itself takes any depth: XML_PARSE_HUGE, or
 * libxml2 would silently stop at 256 levels and leave an empty article.) */
#define PAGE_MAX_DEPTH 2000

#define PARSE_OPTS                                                                          \
	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | \
	 HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE)

/* libxml2 reads an owned page through this callback (see parse), and the whole pages
 * of it already read are given back to the system as it goes. */
struct page_reader {
	const char *p;    /* next byte to hand over */
	size_t left;
	uintptr_t done;   /* pages below this address are given back */
	uintptr_t page;   /* the system's page size */
};

#define PAGE_RELEASE_STEP (256u * 1024) /* bytes given back at a time */

static int page_read(void *ctx, char *buf, int len)
{
	struct page_reader *r = ctx;
	size_t n = len < 0 ? 0 : (size_t)len < r->left ? (size_t)len : r->left;
	memcpy(buf, r->p, n);
	r->p += n;
	r->left -= n;
	/* the buffer's whole pages before p are never read again: their memory can go (the
	   range stays mapped and reads as zeros, so freeing the block later is still fine) */
	uintptr_t end = (uintptr_t)r->p & ~(r->page - 1);
	if (end > r->done && (end - r->done >= PAGE_RELEASE_STEP || !r->left)) {
		madvise((void *)r->done, end - r->done, MADV_DONTNEED);
		r->done = end;
	}
	return (int)n;
}

static int page_read_close(void *ctx)
{
	(void)ctx;
	return 0;
}

#define BLANK_DEPTH 64

/* pre, textarea and the old listing, xmp, plaintext: their spaces show. */
static int keeps_spaces(const xmlNode *a)
{
	switch (a->name ? a->name[0] | 0x20 : 0) {
	case 'p':
		return page_is(a, "pre") || page_is(a, "plaintext");
	case 't':
		return page_is(a, "textarea");
	case 'l':
		return page_is(a, "listing");
	case 'x':
		return page_is(a, "xmp");
	default:
		return 0;
	}
}

/* 1 when whitespace-only text under parent cannot show: parent is a block (not one that
 * keeps its spaces, nor inside one) and the text would be its first child or follow a
 * block child. Such text is leading or trailing space of a block, or space between two
 * blocks, which CSS collapses away; between two inline elements it is kept. */
static int blank_is_invisible(const xmlNode *parent)
{
	if (!parent || parent->type != XML_ELEMENT_NODE)
		return 0;
	unsigned t = html_element_id((const char *)parent->name);
	if (t != HE_BODY && !block_tag(t))
		return 0;
	const xmlNode *last = parent->last;
	while (last && last->type == XML_COMMENT_NODE)
		last = last->prev;
	if (last && (last->type != XML_ELEMENT_NODE || !block_tag(html_element_id((const char *)last->name))))
		return 0;
	/* no ancestor keeps its spaces; deeper than BLANK_DEPTH, the blank is kept rather than
	   walk up from every blank of a hostile page nested 100,000 deep */
	int depth = 0;
	for (const xmlNode *a = parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (keeps_spaces(a) || ++depth > BLANK_DEPTH)
			return 0;
	return 1;
}

/* The parser's text handler. libxml2 keeps the line breaks and indentation between
 * elements as text nodes, one node (about 150 bytes) each: on a page of paragraphs, a
 * third of its nodes. Those that cannot show (blank_is_invisible) are not made. */
static void page_characters(void *ctx, const xmlChar *ch, int len)
{
	htmlParserCtxtPtr p = ctx;
	int blank = 1;
	for (int i = 0; i < len && blank; i++)
		blank = ch[i] == ' ' || ch[i] == '\n' || ch[i] == '\t' || ch[i] == '\r' || ch[i] == '\f';
	if (blank && blank_is_invisible(p->node))
		return;
	xmlSAX2Characters(ctx, ch, len);
}

/* htmlReadMemory's steps (libxml2 2.9) on a context made by the caller, with
 * page_characters as the text handler. */
static htmlDocPtr parse_ctx(htmlParserCtxtPtr ctx, const char *encoding)
{
	htmlCtxtUseOptions(ctx, PARSE_OPTS);
	ctx->html = 1;
	if (ctx->sax)
		ctx->sax->characters = page_characters;
	if (encoding) {
		xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(encoding);
		if (h) {
			xmlSwitchToEncoding(ctx, h);
			if (ctx->input->encoding)
				xmlFree((xmlChar *)ctx->input->encoding);
			ctx->input->encoding = xmlStrdup((const xmlChar *)encoding);
		}
	}
	htmlParseDocument(ctx);
	htmlDocPtr doc = ctx->myDoc;
	ctx->myDoc = NULL;
	return doc;
}

/* Parse html (len bytes). own, when not NULL, is the malloc'd page itself: libxml2 reads
 * it through page_read, which gives the memory of what was read back as the tree grows,
 * and it is freed (*own set to NULL) once parsed. */
static htmlDocPtr parse(const char *html, size_t len, char **own)
{
	/* valid UTF-8 needs no converter (which would copy the input once more). An owned
	 * page is decode_document's output, valid already (page.h); cut to the maximum
	 * size, it may end inside a character, so then it is checked. */
	int valid = own && len <= PAGE_MAX_BYTES;
	if (len > PAGE_MAX_BYTES)
		len = PAGE_MAX_BYTES;
	if (!valid)
		valid = utf8_valid(html, len);
	xmlInitParser();
	htmlDocPtr doc = NULL;
	if (!own || !valid) {
		htmlParserCtxtPtr ctx = xmlCreateMemoryParserCtxt(html, (int)len);
		if (ctx) {
			htmlDefaultSAXHandlerInit();
			if (ctx->sax)
				memcpy(ctx->sax, &htmlDefaultSAXHandler, sizeof(xmlSAXHandlerV1));
			doc = parse_ctx(ctx, valid ? NULL : "UTF-8");
			htmlFreeParserCtxt(ctx);
		}
		return doc;
	}
	/* A memory input is copied whole into libxml2, so the page was alive twice or its
	 * copy beside the whole tree (1x the page of peak memory). Read through a callback,
	 * libxml2 keeps a window of it. The trees are the same as from a memory input on
	 * every fixture, the bench pages and 1500 random tag soups but one, whose attribute
	 * quote stayed open for 200 KB (cut at a read boundary instead). A static input
	 * buffer or the push parser read some pages differently (libxml2 2.9 misreads an
	 * immutable buffer it shrinks). */
	htmlParserCtxtPtr ctx = xmlNewParserCtxt();
	long pg = sysconf(_SC_PAGESIZE);
	struct page_reader rd = {html, len, 0, pg > 0 ? (uintptr_t)pg : 4096};
	rd.done = ((uintptr_t)html + rd.page - 1) & ~(rd.page - 1); /* the first whole page */
	xmlParserInputBufferPtr in =
		ctx ? xmlParserInputBufferCreateIO(page_read, page_read_close, &rd, XML_CHAR_ENCODING_NONE) : NULL;
	xmlParserInputPtr stream = in ? xmlNewIOInputStream(ctx, in, XML_CHAR_ENCODING_NONE) : NULL;
	if (stream) {
		inputPush(ctx, stream);
		htmlDefaultSAXHandlerInit();
		if (ctx->sax)
			memcpy(ctx->sax, &htmlDefaultSAXHandler, sizeof(xmlSAXHandlerV1));
		doc = parse_ctx(ctx, NULL);
	} else if (in) {
		xmlFreeParserInputBuffer(in);
	}
	if (ctx)
		htmlFreeParserCtxt(ctx);
	free(*own);
	*own = NULL;
	return doc;
}

htmlDocPtr page_parse(const char *html, size_t len)
{
	return parse(html, len, NULL);
}

/* 1 when the space-separated list rel holds word (ASCII case-insensitive). */
static int rel_has(const char *rel, const char *word)
{
	size_t wl = strlen(word);
	const char *p = rel;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
			p++;
		const char *q = p;
		while (*q && !(*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f'))
			q++;
		if ((size_t)(q - p) == wl && ascii_ncasecmp(p, word, wl) == 0)
			return 1;
		p = q;
	}
	return 0;
}

/* The effective base: <base href> resolved against url, else url (malloc'd or NULL). */
static char *find_base(xmlNode *root, const char *url)
{
	for (xmlNode *n = root; n; n = page_next(n, root, 1)) {
		if (page_is(n, "base")) {
			const char *h = page_attr(n, "href");
			if (h && *h)
				return url ? url_resolve(url, h) : xstrdup(h);
		}
		if (page_is(n, "body"))
			break;
	}
	return xstrdup(url);
}

size_t page_feed_links(const char *html, size_t len, const char *url, char **urls, size_t max)
{
	size_t got = 0;
	htmlDocPtr doc = parse(html, len, NULL);
	if (!doc)
		return 0;
	xmlNode *root = xmlDocGetRootElement(doc);
	char *base = root ? find_base(root, url) : NULL;
	for (xmlNode *n = root; n && got < max; n = page_next(n, root, 1)) {
		if (!page_is(n, "link"))
			continue;
		const char *rel = page_attr(n, "rel"), *type = page_attr(n, "type"), *href = page_attr(n, "href");
		if (!rel || !type || !href || !*href || !rel_has(rel, "alternate") || !sniff_feed_link_type(type))
			continue;
		char *u = base ? url_resolve(base, href) : xstrdup(href);
		int dup = 0;
		for (size_t i = 0; i < got; i++)
			if (strcmp(urls[i], u) == 0)
				dup = 1;
		if (dup)
			free(u);
		else
			urls[got++] = u;
	}
	free(base);
	xmlFreeDoc(doc);
	return got;
}

/* ---------- reader mode ---------- */

/* Count root's elements; -1 when more than PAGE_MAX_NODES, -2 when nested deeper than
 * PAGE_MAX_DEPTH (the parser takes any depth; the scoring walks ancestors). */
static long page_count(xmlNode *root)
{
	size_t n = 0;
	int depth = 0;
	for (xmlNode *x = root; x;) {
		if (x->type == XML_ELEMENT_NODE && ++n > PAGE_MAX_NODES)
			return -1;
		if (x->children) {
			if (++depth > PAGE_MAX_DEPTH)
				return -2;
			x = x->children;
			continue;
		}
		while (x != root && !x->next) {
			x = x->parent;
			depth--;
		}
		x = x == root ? NULL : x->next;
	}
	return (long)n;
}

/* Give every element its page_info (document order, hints). Returns page_count's -1 or -2. */
static int page_index(struct page_ctx *c, xmlNode *root)
{
	long count = page_count(root);
	if (count < 0)
		return (int)count;
	size_t n = (size_t)count;
	c->info = xcalloc(n + 1, sizeof *c->info);
	c->ninfo = n;
	size_t i = 0;
	for (xmlNode *x = root; x; x = page_next(x, root, 1)) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		x->_private = &c->info[i];
		c->info[i].node = x;
		c->info[i].order = (unsigned)i;
		c->info[i].hints = page_hints(x);
		unsigned id = html_element_id((const char *)x->name);
		c->info[i].id = (unsigned char)id;
		c->info[i].tag = (unsigned char)((id == HE_A ? TAG_A : 0) | (id == HE_P ? TAG_P : 0) |
						 (id == HE_IMG ? TAG_IMG : 0) | (id == HE_LI ? TAG_LI : 0) |
						 (id == HE_INPUT || id == HE_SELECT || id == HE_TEXTAREA ? TAG_INPUT : 0) |
						 (block_tag(id) ? TAG_BLOCK : 0));
		i++;
	}
	return 0;
}

static void ctx_free(struct page_ctx *c)
{
	/* no malloc_trim: the pages freed here are taken again by the document and the
	   layout, which would fault them back in (at 100 KB that cost ~100 KB more peak
	   memory, and time at every size) */
	if (c->doc)
		xmlFreeDoc(c->doc);
	free(c->info);
	free(c->base);
	free(c->og_title);
	free(c->title_tag);
	free(c->site_name);
	free(c->image);
	free(c->author);
	free(c->lang);
	free(c->date_str);
	free(c->byline);
	free(c->source);
	for (size_t i = 0; i < c->nh1; i++)
		free(c->h1s[i].text);
	free(c->h1s);
	buf_free(&c->text);
	free(c->keep);
	free(c->title);
}

static int extract(const char *html, size_t len, char **own, const char *url, struct articles *out,
		   struct nr_error *err)
{
	const char *name = url ? url : "page";
	struct page_ctx c;
	memset(&c, 0, sizeof c);
	buf_init(&c.text);
	c.url = url;
	c.doc = parse(html, len, own);
	if (own) { /* the tree holds copies: the page itself is no longer needed */
		free(*own);
		*own = NULL;
	}
	xmlNode *root = c.doc ? xmlDocGetRootElement(c.doc) : NULL;
	if (!root) {
		ctx_free(&c);
		return nr_fail(err, "%s: not an HTML page", name);
	}
	int ix = page_index(&c, root);
	if (ix) {
		ctx_free(&c);
		if (ix == -2)
			return nr_fail(err, "%s: page nested too deep (more than %d levels)", name, PAGE_MAX_DEPTH);
		return nr_fail(err, "%s: page too large (more than %d elements)", name, PAGE_MAX_NODES);
	}
	c.base = find_base(root, url);
	for (xmlNode *n = root; n; n = page_next(n, root, 1))
		if (page_is(n, "body")) {
			c.body = n;
			break;
		}
	if (!c.body)
		c.body = root;
	page_meta_scan(&c);
	page_prune(&c);
	page_choose(&c);
	page_clean(&c);

	struct article *a = article_new();
	a->id = xstrdup(url);
	a->link = xstrdup(url);
	a->source = xstrdup(url);
	if (c.base && (!url || strcmp(c.base, url) != 0))
		a->base = xstrdup(c.base);
	page_meta_finish(&c, a);
	buf_free(&c.text); /* done with: its room can take the body being written */
	if (own) {
		/* hand the cleaned content on as a flat body: rendering then walks it instead
		 * of parsing a serialized copy */
		struct html_flat *f;
		page_output(&c, &f, &a->html);
		if (f) {
			a->tree = f;
			a->tree_free = page_flat_free;
			a->tree_html = page_flat_html;
		}
	}
	if (!a->tree && !a->html)
		a->html = page_serialize(&c);
	articles_push(out, a);
	ctx_free(&c);
	return 0;
}

int page_extract(const char *html, size_t len, const char *url, struct articles *out, struct nr_error *err)
{
	return extract(html, len, NULL, url, out, err);
}

int page_extract_owned(char **html, size_t len, const char *url, struct articles *out, struct nr_error *err)
{
	return extract(*html, len, html, url, out, err);
}
