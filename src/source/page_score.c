/* page_score.c - reader mode: prune furniture, score candidate blocks, choose the article
 * and clean it. The scoring follows the idea of arc90's readability (text, punctuation
 * and paragraphs scored upward; class/id hints; link density), with CJK text weighed by
 * its density and Chinese punctuation counted. All walks are iterative. */
#define PAGE_INTERNAL
#include "newsread/page.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define INFO(n) ((struct page_info *)(n)->_private)

static int is_el(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE && n->_private;
}

static int is_list(const xmlNode *n)
{
	unsigned t = page_tag(n);
	return t == HE_UL || t == HE_OL || t == HE_DL;
}

/* A text node's weight and commas, computed once: the statistics are counted again after
 * each prune pass, and the text does not change. The pair is kept in the text node's
 * _private (unused by libxml2 and, for text nodes, by the rest of reader mode). */
#if UINTPTR_MAX > 0xFFFFFFFFu
#define WEIGHT_CACHED ((uintptr_t)1 << 63)
static size_t text_weight(xmlNode *n, unsigned *commas)
{
	uintptr_t v = (uintptr_t)n->_private;
	if (!(v & WEIGHT_CACHED)) {
		unsigned k = 0;
		size_t w = page_text_weight((const char *)n->content, &k);
		if (w >= ((uintptr_t)1 << 31) || k >= (1u << 31)) {
			*commas += k;
			return w;
		}
		v = WEIGHT_CACHED | ((uintptr_t)w << 31) | k;
		n->_private = (void *)v;
	}
	*commas += (unsigned)(v & 0x7FFFFFFFu);
	return (size_t)((v >> 31) & 0xFFFFFFFFu);
}
#else
static size_t text_weight(xmlNode *n, unsigned *commas)
{
	return page_text_weight((const char *)n->content, commas);
}
#endif

static void stats_enter(xmlNode *n)
{
	if (is_el(n)) {
		struct page_info *i = INFO(n);
		i->text = i->link = 0;
		i->commas = i->paras = i->imgs = i->lis = i->inputs = 0;
		i->blocks = i->pos_desc = 0;
	} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && is_el(n->parent) && n->content) {
		struct page_info *p = INFO(n->parent);
		p->text += text_weight(n, &p->commas);
	}
}

static void stats_leave(xmlNode *n, const xmlNode *root)
{
	if (!is_el(n))
		return;
	struct page_info *i = INFO(n);
	unsigned t = i->tag;
	if (t & TAG_A)
		i->link = i->text;
	if (n == root || !is_el(n->parent))
		return;
	struct page_info *p = INFO(n->parent);
	p->text += i->text;
	p->link += i->link;
	p->commas += i->commas;
	p->paras += i->paras + !!(t & TAG_P);
	p->imgs += i->imgs + !!(t & TAG_IMG);
	p->lis += i->lis + !!(t & TAG_LI);
	p->inputs += i->inputs + !!(t & TAG_INPUT);
	p->blocks |= i->blocks || (t & TAG_BLOCK);
	p->pos_desc |= i->pos_desc || ((i->hints & HINT_POS) && !(i->hints & HINT_NEG) && i->text >= 150);
}

/* After n's subtree: leave n and the ancestors it ends (their statistics summed up),
 * and return the next node of the post-order walk below root, or NULL at its end. */
static xmlNode *stats_up(xmlNode *n, const xmlNode *root)
{
	for (;;) {
		stats_leave(n, root);
		if (n == root)
			return NULL;
		if (n->next)
			return n->next;
		n = n->parent;
	}
}

/* Recount the statistics of root's subtree (post-order, iterative). */
void page_stats(struct page_ctx *c, xmlNode *root)
{
	(void)c;
	xmlNode *n = root;
	while (n) {
		stats_enter(n);
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		n = stats_up(n, root);
	}
}

static int hidden(const xmlNode *n)
{
	if (page_attr(n, "hidden"))
		return 1;
	const char *st = page_attr(n, "style");
	if (!st)
		return 0;
	char s[256];
	size_t k = 0;
	for (; *st && k < sizeof s - 1; st++)
		if (*st != ' ')
			s[k++] = (*st >= 'A' && *st <= 'Z') ? (char)(*st + 32) : *st;
	s[k] = '\0';
	return strstr(s, "display:none") || strstr(s, "visibility:hidden");
}

/* Junk by itself: comments, scripts and other non-text elements, hidden elements. */
static int is_junk(const xmlNode *n)
{
	if (n->type == XML_COMMENT_NODE)
		return 1;
	switch (page_tag(n)) {
	case HE_NONE:
		return 0;
	case HE_SCRIPT: case HE_STYLE: case HE_NOSCRIPT: case HE_IFRAME: case HE_OBJECT: case HE_EMBED:
	case HE_SVG: case HE_CANVAS: case HE_TEMPLATE: case HE_BUTTON: case HE_INPUT: case HE_SELECT:
	case HE_TEXTAREA: case HE_LINK: case HE_META: case HE_MAP: case HE_AUDIO: case HE_VIDEO: case HE_DIALOG:
		return 1;
	default:
		return hidden(n);
	}
}

/* Page furniture: nav, aside, header, footer or a negative class/id, unless it holds the article. */
static int is_furniture(const xmlNode *n)
{
	if (!is_el(n))
		return 0;
	struct page_info *i = INFO(n);
	unsigned t = i->id;
	int structural = t == HE_NAV || t == HE_ASIDE || t == HE_FOOTER || t == HE_HEADER;
	return (structural || (i->hints & HINT_NEG)) && t != HE_ARTICLE && t != HE_MAIN &&
	       !i->pos_desc;
}

/* Remove every node below the body that drop() selects (its subtree with it), and recount
 * the statistics of what stays in the same walk (page_stats' post-order). drop() sees n
 * before n's own statistics are reset: they are still those of the last count, which
 * the removals so far did not change (they were outside n's subtree). */
static void prune_pass(struct page_ctx *c, int (*drop)(const xmlNode *), int last)
{
	xmlNode *root = c->body, *n = root;
	while (n) {
		if (n != root && drop(n)) {
			xmlNode *next = n->next, *up = n->parent;
			page_remove(c, n);
			if (next) {
				n = next;
				continue;
			}
			n = up; /* its siblings are done: leave the parent */
		} else {
			stats_enter(n);
			if (last && is_el(n))
				INFO(n)->live = 1;
			if (n->type == XML_ELEMENT_NODE && n->children) {
				n = n->children;
				continue;
			}
		}
		n = stats_up(n, root);
	}
}

void page_prune(struct page_ctx *c)
{
	prune_pass(c, is_junk, 0);
	prune_pass(c, is_furniture, 1);
}

/* A block that holds text as a paragraph does. */
static int para_info(const struct page_info *i)
{
	unsigned t = i->id;
	if (t == HE_P || t == HE_PRE)
		return 1;
	if (i->blocks)
		return 0;
	return t == HE_DIV || t == HE_SECTION || t == HE_TD || t == HE_CENTER || t == HE_BLOCKQUOTE || t == HE_FONT ||
	       t == HE_ARTICLE;
}

static int para_like(const xmlNode *n)
{
	return is_el(n) && para_info(INFO(n));
}

struct cands { /* the elements page_choose scored */
	xmlNode **v;
	size_t n, cap;
};

static void init_candidate(xmlNode *n, struct cands *cs)
{
	struct page_info *i = INFO(n);
	if (i->scored)
		return;
	i->scored = 1;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->v = xrealloc(cs->v, cs->cap * sizeof *cs->v);
	}
	cs->v[cs->n++] = n;
	double s = 0;
	unsigned t = i->id;
	if (t == HE_DIV || t == HE_ARTICLE || t == HE_MAIN || t == HE_SECTION)
		s = 5;
	else if (t == HE_PRE || t == HE_TD || t == HE_BLOCKQUOTE)
		s = 3;
	else if (t == HE_ADDRESS || is_list(n) || t == HE_LI || t == HE_DD || t == HE_DT || t == HE_FORM)
		s = -3;
	else if (t == HE_TH || (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2]))
		s = -5;
	if (i->hints & HINT_POS)
		s += 25;
	if (i->hints & HINT_NEG)
		s -= 25;
	if (t == HE_ARTICLE || t == HE_MAIN)
		s += 10;
	i->score = s;
}

static double link_density(const struct page_info *i)
{
	return i->text ? (double)i->link / (double)i->text : 0;
}

static double final_score(const xmlNode *n)
{
	const struct page_info *i = INFO(n);
	return i->score * (1 - link_density(i));
}

static int is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

static int sentence_end(const xmlNode *n)
{
	return INFO(n)->commas > 0;
}

static int titled_furniture(xmlNode *n);

static void keep_push(struct page_ctx *c, xmlNode *n, size_t *cap)
{
	if (c->nkeep == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		c->keep = xrealloc(c->keep, *cap * sizeof *c->keep);
	}
	c->keep[c->nkeep++] = n;
}

static int by_order(const void *a, const void *b)
{
	unsigned x = INFO(*(xmlNode *const *)a)->order, y = INFO(*(xmlNode *const *)b)->order;
	return x < y ? -1 : x > y;
}

/* The document order of the last element of n's subtree (orders follow the document). */
static unsigned last_order(xmlNode *n)
{
	for (;;) {
		xmlNode *k = n->last;
		while (k && !is_el(k))
			k = k->prev;
		if (!k)
			return INFO(n)->order;
		n = k;
	}
}

void page_choose(struct page_ctx *c)
{
	xmlNode *root = c->body;
	struct cands cs = {0};
	/* the body's elements in document order: the index holds them in that order, one
	 * range for the body's subtree, so they are read from it rather than by a walk
	 * through every node (text too) of a large tree */
	for (unsigned o = INFO(root)->order, end = last_order(root); o <= end; o++) {
		struct page_info *i = &c->info[o];
		if (!i->live || !para_info(i) || i->text < 25 || (i->hints & HINT_NEG))
			continue;
		xmlNode *n = i->node;
		double s = 1 + i->commas + (i->text / 100.0 > 3 ? 3 : i->text / 100.0);
		xmlNode *a = n->parent;
		for (int level = 0; level < 5 && is_el(a); level++, a = a->parent) {
			init_candidate(a, &cs);
			INFO(a)->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
			if (a == root)
				break;
		}
	}
	/* the candidates in document order, as a walk over the tree would meet them */
	if (cs.n > 1)
		qsort(cs.v, cs.n, sizeof *cs.v, by_order);
	xmlNode *best[5] = {0};
	for (size_t j = 0; j < cs.n; j++) {
		xmlNode *n = cs.v[j];
		double f = final_score(n);
		for (int k = 0; k < 5; k++) {
			if (!best[k] || f > final_score(best[k])) {
				memmove(best + k + 1, best + k, (size_t)(4 - k) * sizeof *best);
				best[k] = n;
				break;
			}
		}
	}
	xmlNode *top = best[0] ? best[0] : root;
	if (best[0] && top != root) {
		/* Several strong candidates under one ancestor: the article is that ancestor. */
		double t = final_score(top);
		for (xmlNode *a = top->parent; is_el(a) && a != root; a = a->parent) {
			int k = 0;
			for (int j = 1; j < 5; j++)
				if (best[j] && final_score(best[j]) >= 0.75 * t && is_ancestor(a, best[j]))
					k++;
			if (k >= 2) {
				top = a;
				break;
			}
		}
		while (top->parent && top->parent != root && is_el(top->parent)) {
			int kids = 0;
			for (xmlNode *k = top->parent->children; k; k = k->next)
				if (k->type == XML_ELEMENT_NODE)
					kids++;
			if (kids != 1)
				break;
			top = top->parent;
		}
	}
	size_t cap = 0;
	if (top == root || !is_el(top->parent)) {
		keep_push(c, top, &cap);
	} else {
		double ts = INFO(top)->scored ? final_score(top) : 0;
		double threshold = ts * 0.2 > 10 ? ts * 0.2 : 10;
		const char *tcl = page_attr(top, "class");
		for (xmlNode *s = top->parent->children; s; s = s->next) {
			if (s == top) {
				keep_push(c, s, &cap);
				continue;
			}
			if (!is_el(s) || (INFO(s)->hints & (HINT_NEG | HINT_META)) || titled_furniture(s))
				continue;
			struct page_info *i = INFO(s);
			double bonus = 0;
			const char *scl = page_attr(s, "class");
			if (tcl && scl && *tcl && strcmp(tcl, scl) == 0)
				bonus = ts * 0.2;
			if (i->scored && final_score(s) + bonus >= threshold) {
				keep_push(c, s, &cap);
			} else if (para_like(s) && page_tag(s) != HE_TD) {
				double ld = link_density(i);
				if ((i->text > 80 && ld < 0.25 && sentence_end(s)) ||
				    (i->text > 0 && i->text <= 80 && ld == 0 && sentence_end(s) && i->commas >= 1))
					keep_push(c, s, &cap);
			}
		}
	}
	c->content_first = INFO(c->keep[0])->order;
	c->content_last = c->content_first;
	for (size_t k = 0; k < c->nkeep; k++) {
		unsigned last = is_el(c->keep[k]) ? last_order(c->keep[k]) : 0;
		if (last > c->content_last)
			c->content_last = last;
	}
	free(cs.v);
}

/* Letters, digits and CJK only, ASCII lowered: for comparing short texts. */
static void norm(const char *s, char *out, size_t max)
{
	size_t k = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && k + 4 < max) {
		if (*p < 0x80) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
				out[k++] = (char)*p;
			else if (*p >= 'A' && *p <= 'Z')
				out[k++] = (char)(*p + 32);
			p++;
			continue;
		}
		size_t l = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2, j = 1;
		while (j < l && p[j]) /* a sequence cut short by the end is taken as far as it goes */
			j++;
		/* drop CJK punctuation (U+3000..U+303F, U+FF00..U+FF0F, U+FF1A..U+FF20) */
		int punct = (p[0] == 0xE3 && p[1] == 0x80) ||
			    (p[0] == 0xEF && p[1] == 0xBC && (p[2] <= 0x8F || (p[2] >= 0x9A && p[2] <= 0xA0)));
		for (size_t m = 0; m < j && !punct; m++)
			out[k++] = (char)p[m];
		p += j;
	}
	out[k] = '\0';
}

/* Entries with their lengths: a text is compared only to entries as long as it. */
struct phrase {
	const char *s;
	size_t len;
};
#define F(s) {s, sizeof s - 1}
static const struct phrase furniture[] = {
	F("分享到"), F("分享"), F("相关阅读"), F("相关新闻"), F("相关文章"), F("相关推荐"), F("推荐阅读"), F("延伸阅读"),
	F("热门推荐"), F("猜你喜欢"), F("热点推荐"), F("广告"), F("返回搜狐查看更多"), F("点击查看"), F("点击进入专题"),
	F("打开app"), F("扫一扫"), F("关注我们"), F("网友评论"), F("我要评论"), F("查看全部评论"), F("阅读原文"), F("阅读全文"),
	F("advertisement"), F("advertising"), F("sponsored"), F("relatedarticles"),
	F("relatedstories"), F("readmore"), F("sharethisarticle"), F("share"), F("sharethis"),
	F("moreonthisstory"), F("mostread"), F("mostpopular"), F("youmightalsolike"),
	F("recommended"), F("comments"), F("relatedcoverage"), F("readnext"), F("seealso"),
	F("topstories"), F("moreon"), F("adchoices"),
	F("advertisementscrolltocontinuewithcontent"), F("end"), F("readercomments"), F("评论"),
	F("网友评论"), F("精选留言"), F("热门评论"), F("最新评论"), F("读者评论"), F("留言"), F("热门跟贴"), F("作者文章"),
	F("大家都在看"), F("热门文章"), F("热文"), F("24小时热文"), F("trendingnow"), F("trending"),
	F("mostviewed"), F("morefromthisauthor"), F("leaveareply"), F("responses"),
	F("discussion"), F("jointheconversation"),
};

/* Calls to follow an account or scan a code, as article pages end with. */
static const struct phrase furniture_prefix[] = {
	F("长按识别"), F("长按二维码"), F("扫码关注"), F("点击上方"), F("点击蓝字"), F("扫描二维码"), F("关注公众号"),
	F("signupforour"), F("subscribetoour"), F("followuson"), F("责任编辑"), F("责编"), F("本文编辑"),
};
#undef F

static int is_furniture_text(const char *t)
{
	char n[256];
	if (strlen(t) > 120)
		return 0;
	norm(t, n, sizeof n);
	size_t l = strlen(n);
	while (l > 0 && n[l - 1] >= '0' && n[l - 1] <= '9')
		n[--l] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(furniture); i++)
		if (l == furniture[i].len && memcmp(n, furniture[i].s, l) == 0)
			return 1;
	for (size_t i = 0; i < ARRAY_LEN(furniture_prefix); i++)
		if (n[0] == furniture_prefix[i].s[0] && l >= furniture_prefix[i].len &&
		    memcmp(n, furniture_prefix[i].s, furniture_prefix[i].len) == 0)
			return 1;
	return 0;
}

static int is_heading(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' &&
	       !n->name[2];
}

/* A box whose title says what it is: "相关阅读", "Reader comments", "Most viewed"... */
static int titled_furniture(xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || !n->children || !page_is_block(n))
		return 0;
	xmlNode *k = n->children;
	while (k && (k->type == XML_COMMENT_NODE ||
		     (k->type == XML_TEXT_NODE && k->content && strspn((const char *)k->content, " \t\r\n") ==
									strlen((const char *)k->content))))
		k = k->next;
	if (!k || k->type != XML_ELEMENT_NODE || !k->next || !k->_private || INFO(k)->text > 120)
		return 0;
	struct buf b;
	buf_init(&b);
	page_text_of(k, &b, 200);
	int f = is_furniture_text(b.s);
	buf_free(&b);
	return f;
}

static int data_table(xmlNode *t)
{
	int rows = 0, cells = 0, th = 0;
	for (xmlNode *n = t; n; n = page_next(n, t, 1)) {
		unsigned id = page_tag(n);
		if (id == HE_TR)
			rows++;
		else if (id == HE_TD)
			cells++;
		else if (id == HE_TH || id == HE_CAPTION || id == HE_THEAD)
			th++;
		else if (n != t && id == HE_TABLE)
			return 0; /* layout tables nest */
	}
	return th > 0 || (rows >= 3 && cells >= 2 * rows);
}

static int tiny_image(const xmlNode *n)
{
	const char *w = page_attr(n, "width"), *h = page_attr(n, "height");
	if ((w && atoi(w) > 0 && atoi(w) < 60) || (h && atoi(h) > 0 && atoi(h) < 60))
		return 1;
	const char *s = page_attr(n, "src");
	char low[512];
	size_t k = 0;
	for (const char *p = s ? s : ""; *p && k < sizeof low - 1; p++)
		low[k++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
	low[k] = '\0';
	static const char *const bad[] = {"logo", "icon", "avatar", "qrcode", "sprite", "spacer", "blank.gif",
					   "pixel", "1x1", "/ad/", "/ads/", "erweima"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (strstr(low, bad[i]))
			return 1;
	return (INFO(n)->hints & HINT_NEG) != 0;
}

/* Should n (inside the chosen content) go? */
static int clean_drop(struct page_ctx *c, xmlNode *n)
{
	struct page_info *i = INFO(n);
	unsigned t = i->id;
	if ((i->hints & HINT_NEG) && !i->pos_desc)
		return 1;
	if (t == HE_IMG)
		return tiny_image(n);
	if ((i->hints & HINT_META) && !(i->hints & HINT_POS) && i->paras == 0 && i->text < 300)
		return 1;
	if ((i->hints & HINT_META) && i->paras == 0 && i->text < 120 && !i->blocks)
		return 1;
	if (i->text < 240 && t != HE_TD && t != HE_TH) {
		struct buf b;
		buf_init(&b);
		page_text_of(n, &b, 300);
		int f = is_furniture_text(b.s);
		if (!f && is_heading(n) && c->title) {
			char x[512], y[512];
			norm(b.s, x, sizeof x);
			norm(c->title, y, sizeof y);
			f = *x && strcmp(x, y) == 0;
		}
		buf_free(&b);
		if (f)
			return 1;
	}
	if (is_heading(n))
		return link_density(i) > 0.33;
	if (t == HE_P && i->text && link_density(i) >= 0.9)
		return 1; /* a paragraph that is one link: "read more", a badge */
	if (titled_furniture(n) && t != HE_P)
		return 1;
	int cond = t == HE_TABLE || is_list(n) || t == HE_DIV || t == HE_SECTION || t == HE_FORM || t == HE_FIGURE ||
		   t == HE_CENTER || t == HE_ARTICLE;
	if (!cond)
		return 0;
	double ld = link_density(i);
	if (t == HE_TABLE && data_table(n))
		return ld > 0.5;
	int weight = ((i->hints & HINT_POS) ? 25 : 0) - ((i->hints & HINT_NEG) ? 25 : 0);
	if (weight < 0)
		return 1;
	if (is_list(n))
		return ld > 0.5 && i->commas < 10;
	if (i->commas >= 10 && ld < 0.5)
		return 0;
	if (!i->blocks) /* a paragraph written as a div */
		return ld > 0.5 || (ld > 0.2 && i->commas == 0);
	if (i->imgs > 1 && i->paras * 2 < i->imgs && t != HE_FIGURE && i->text < 200)
		return 1;
	if (i->lis > i->paras + 2 && ld > 0.2)
		return 1;
	if (i->inputs > i->paras / 3 + 0 && i->inputs > 0)
		return 1;
	if (i->text < 25 && (i->imgs == 0 || i->imgs > 2))
		return 1;
	if (weight < 25 && ld > 0.2)
		return 1;
	if (weight >= 25 && ld > 0.5)
		return 1;
	return 0;
}

static int table_part(const xmlNode *n)
{
	unsigned t = page_tag(n);
	return t == HE_TABLE || t == HE_TBODY || t == HE_THEAD || t == HE_TFOOT || t == HE_TR || t == HE_TD || t == HE_TH ||
	       t == HE_CAPTION;
}

/* Tables used for layout (one cell holding the article, nested tables) are written as
 * their content; only data tables stay tables. */
static void mark_parts(xmlNode *t)
{
	INFO(t)->layout = 1;
	for (xmlNode *k = t->children; k;) {
		int into = 1;
		if (page_tag(k) == HE_TABLE)
			into = 0; /* nested tables decide for themselves */
		else if (is_el(k) && table_part(k))
			INFO(k)->layout = 1;
		k = page_next(k, t, into);
	}
}

static void mark_layout(xmlNode *root)
{
	if (is_el(root) && table_part(root) && page_tag(root) != HE_TABLE)
		mark_parts(root); /* rows or cells without their table */
	for (xmlNode *n = root; n; n = page_next(n, root, 1))
		if (is_el(n) && page_tag(n) == HE_TABLE && !data_table(n))
			mark_parts(n);
}

void page_clean(struct page_ctx *c)
{
	page_pick_title(c);
	for (size_t k = 0; k < c->nkeep; k++) {
		xmlNode *root = c->keep[k], *n = root;
		int tables = table_part(root); /* whether mark_layout has anything to mark */
		while (n) {
			if (n != root && is_el(n) && clean_drop(c, n)) {
				xmlNode *next = page_next(n, root, 0);
				page_remove(c, n);
				n = next;
			} else {
				tables |= page_tag(n) == HE_TABLE;
				n = page_next(n, root, 1);
			}
		}
		if (tables)
			mark_layout(root);
	}
}
