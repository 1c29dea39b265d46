/* html_survey.c - before html.c's walk: the first <base href>, <html lang>, and how
 * CJK the text is (which decides the document's cjk flag and the placeholders' language). */
#include "html/html_priv.h"
#include "newsread/element.h"

#include <string.h>

#include <libxml/tree.h>

const char *html_node_attr(struct _xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ? (const char *)a->children->content : "";
	return NULL;
}

/* 1 when the language tag lang's primary subtag is code (ASCII case-insensitive). */
static int lang_is(const char *lang, const char *code)
{
	size_t n = strlen(code);
	return has_iprefix(lang, code) && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

int html_placeholders_zh(const char *lang, int cjk_doc, long cjk, long kana)
{
	if (lang && *lang) {
		if (lang_is(lang, "zh"))
			return 1;
		if (lang_is(lang, "ja") || lang_is(lang, "ko") || lang_is(lang, "en"))
			return 0;
	}
	/* Japanese prose is a third or more kana; Chinese has none */
	return cjk_doc && kana * 20 <= cjk;
}

/* Count the CJK letters, kana and ASCII words of one text node into s. The text is
 * valid UTF-8 (libxml2's output, or reader mode's records of it); even if it were not,
 * nothing is read past end. */
static void survey_text(const char *text, size_t len, struct hsurvey *s)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	long cjk = 0, words = 0, kana = 0;
	while (p < end) {
		/* hottest: runs of ideographs U+4000..U+9FFF (lead bytes E4..E9), but for the
		   Yijing hexagrams U+4DC0..U+4DFF (E4 B7) */
		const unsigned char *run = p;
		while (p < end && (unsigned)(*p - 0xE4u) <= 5u && (*p != 0xE4 || end - p < 2 || p[1] != 0xB7))
			p += 3;
		if (p != run) {
			cjk += (p - run + 2) / 3;
			continue;
		}
		unsigned b0 = *p;
		if (b0 < 0x80) { /* an ASCII word: a run of letters */
			if ((b0 | 0x20u) - 'a' < 26u) {
				words++;
				while (p < end && (*p | 0x20u) - 'a' < 26u)
					p++;
			} else {
				p++;
			}
			continue;
		}
		size_t l;
		unsigned cp = utf8_next_cp((const char *)p, (size_t)(end - p), &l);
		cjk += html_is_cjk_letter(cp);
		/* kana (not the middle dot and long mark, which Chinese text borrows) */
		kana += cp - 0x3041u <= 0x30FAu - 0x3041u;
		p += l;
	}
	s->cjk += cjk;
	s->words += words;
	s->kana += kana;
}

void html_survey_tree(xmlNode *root, struct hsurvey *s)
{
	xmlNode *n = root;
	int depth = 0;
	while (n) {
		int down = 0;
		if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;
			if (!s->base && strcmp(name, "base") == 0)
				s->base = html_node_attr(n, "href");
			if (!s->lang && strcmp(name, "html") == 0)
				s->lang = html_node_attr(n, "lang");
			down = !(html_element_kind(name) & HK_DROP) || strcmp(name, "head") == 0;
		} else if (n->type == XML_TEXT_NODE && n->content) {
			survey_text((const char *)n->content, strlen((const char *)n->content), s);
		}
		if (down && n->children && depth < 100000) {
			n = n->children;
			depth++;
			continue;
		}
		while (n && !n->next) {
			n = n->parent;
			depth--;
			if (depth <= 0)
				return;
		}
		if (!n || depth <= 0)
			return;
		n = n->next;
	}
}

/* A flat body is reader mode's content: no <base>, no <html lang>, only its text. */
void html_survey_flat(const struct html_flat *f, struct hsurvey *s)
{
	struct hf_pos pos = {f->first, 0};
	struct hf_rec r;
	while (hf_next(&pos, &r))
		if (r.type == HF_TEXT)
			survey_text(r.text, r.len, s);
}
