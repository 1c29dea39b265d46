/* html_survey.c - before html.c's walk: the first <base href>, <html lang>, and how
 * CJK the text is (which decides the document's cjk flag and the placeholders' language). */
#include "html_priv.h"

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

/* Count the CJK letters and the ASCII words of one text node into s. */
static void survey_text(const char *text, size_t len, struct hsurvey *s)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	long cjk = 0, words = 0, kana = 0;
	int inword = 0;
	while (p < end) {
		/* hottest: a run of ideographs U+5000..U+9FFF (lead E5..E9) */
		const unsigned char *run = p;
		while (end - p >= 3 && (unsigned)(p[0] - 0xE5u) <= 4u && ((p[1] ^ 0x80u) | (p[2] ^ 0x80u)) < 0x40u)
			p += 3;
		if (p != run) {
			cjk += (p - run) / 3;
			inword = 0;
			continue;
		}
		unsigned b0 = *p;
		/* hot: a well-formed 3-byte sequence (most Chinese) is no ASCII letter */
		if (b0 - 0xE1u <= 0xEu && b0 != 0xED && end - p >= 3 && ((p[1] ^ 0x80u) | (p[2] ^ 0x80u)) < 0x40u) {
			unsigned cp = ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
			cjk += cp - 0x4E00u <= 0x9FFFu - 0x4E00u || cp - 0x3040u <= 0x30FFu - 0x3040u ||
			       cp - 0x3400u <= 0x4DBFu - 0x3400u || cp - 0xF900u <= 0xFAFFu - 0xF900u;
			/* kana (not the middle dot and long mark, which Chinese text borrows) */
			kana += cp - 0x3041u <= 0x30FAu - 0x3041u;
			inword = 0;
			p += 3;
			continue;
		}
		size_t l;
		unsigned cp = utf8_next_cp((const char *)p, (size_t)(end - p), &l);
		int letter = (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
		if (letter && !inword)
			words++;
		inword = letter;
		cjk += html_is_cjk_letter(cp);
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
			down = !html_tag_dropped(name) || strcmp(name, "head") == 0;
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
