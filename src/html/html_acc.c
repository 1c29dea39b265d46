/* html_acc.c - the inline text accumulator of the HTML converter: CSS whitespace
 * collapsing with the CJK segment-break rule, control characters dropped, styled runs. */
#include "html/html_priv.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uniwidth.h>

static int is_hangul(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
	       (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7FF) ||
	       (cp >= 0xFFA0 && cp <= 0xFFDC);
}

int html_is_fwh(unsigned cp)
{
	if (cp < 0x1100 || is_hangul(cp))
		return 0;
	if ((cp >= 0xFF61 && cp <= 0xFF9F) || (cp >= 0xFFE8 && cp <= 0xFFEE)) /* halfwidth */
		return 1;
	return uc_width(cp, "UTF-8") == 2;
}

/* Ambiguous-width punctuation that sits in Chinese text (csswg-drafts#337): treated
 * as wide next to a wide character. */
static int is_cjk_ambiguous_punct(unsigned cp)
{
	switch (cp) {
	case 0x00B7: case 0x2014: case 0x2018: case 0x2019: case 0x201C: case 0x201D:
	case 0x2025: case 0x2026: case 0x2E3A:
		return 1;
	}
	return 0;
}

/* A newline between a and b disappears (CSS Text segment-break transformation). */
int html_segment_joins(unsigned a, unsigned b)
{
	int wa = html_is_fwh(a), wb = html_is_fwh(b);
	return (wa && wb) || (wa && is_cjk_ambiguous_punct(b)) || (wb && is_cjk_ambiguous_punct(a));
}

int html_is_cjk_letter(unsigned cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Characters never put in text: C0/C1 controls, DEL, bidi embeddings and isolates,
 * noncharacters. (Tab and newline are handled by the callers.) */
static int is_dropped(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

void acc_init(struct acc *a)
{
	memset(a, 0, sizeof *a);
	buf_init(&a->text);
}

void acc_reset(struct acc *a)
{
	a->text.len = 0;
	if (a->text.s)
		a->text.s[0] = '\0';
	a->nruns = 0;
	a->last_cp = 0;
	a->pend_ws = a->pend_nl = 0;
	a->brs = 0;
	a->mark_elem = 0;
}

void acc_free(struct acc *a)
{
	buf_free(&a->text);
	free(a->runs);
	memset(a, 0, sizeof *a);
}

void acc_put(struct acc *a, const char *s, size_t n, const struct hattr *at)
{
	if (!n)
		return;
	size_t off = a->text.len;
	if (at->style & ST_MARK) { /* a link mark a pass may take out again: see acc_settle */
		a->mark_elem = at->elem;
		a->mark_from = off;
		a->mark_end = off + n;
		a->mark_cp = a->last_cp;
	}
	buf_add(&a->text, s, n);
	size_t l;
	/* last code point: walk back to the lead byte */
	size_t i = a->text.len - 1;
	while (i > off && ((unsigned char)a->text.s[i] & 0xC0) == 0x80)
		i--;
	a->last_cp = utf8_next_cp(a->text.s + i, a->text.len - i, &l);
	if (!at->style && !at->link && !at->elem && !at->group)
		return;
	if (a->nruns) {
		struct hrun *r = &a->runs[a->nruns - 1];
		if (r->off + r->len == off && r->style == at->style && r->link == at->link &&
		    r->group == at->group && r->elem == at->elem) {
			r->len += n;
			return;
		}
	}
	if (a->nruns == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->runs = xrealloc(a->runs, a->cap * sizeof *a->runs);
	}
	struct hrun *r = &a->runs[a->nruns++];
	r->off = off;
	r->len = n;
	r->style = at->style;
	r->link = at->link;
	r->group = at->group;
	r->elem = at->elem;
}

void acc_settle(struct acc *a, unsigned cp)
{
	if (!a->pend_ws)
		return;
	if (a->text.len && a->last_cp != '\n' && !(a->pend_nl && html_segment_joins(a->last_cp, cp))) {
		/* a space right after a link mark that the text before the mark would not get:
		   noted, so that a pass dropping the mark (doc_unlink) drops it too */
		if (a->mark_elem && a->doc && a->text.len == a->mark_end && a->mark_elem <= a->doc->nelems &&
		    !(a->mark_from && a->mark_cp != '\n' && !(a->pend_nl && html_segment_joins(a->mark_cp, cp))))
			a->doc->elems[a->mark_elem - 1].mark_space = 1;
		acc_put(a, " ", 1, &a->pend);
	}
	a->pend_ws = a->pend_nl = 0;
}

void acc_space(struct acc *a, const struct hattr *at)
{
	if (a->pend_ws)
		return;
	a->pend_ws = 1;
	a->pend = *at;
	/* a space between two links or styles belongs to neither */
	a->pend.style &= ~(unsigned)(ST_LINK | ST_MARK | ST_IMAGE | ST_NOBREAK);
	a->pend.link = 0;
	a->pend.group = 0;
}

void acc_break(struct acc *a)
{
	a->pend_ws = a->pend_nl = 0;
	if (!a->text.len) {
		a->brs++;
		return;
	}
	size_t n = a->text.len;
	if (n >= 2 && a->text.s[n - 1] == '\n' && a->text.s[n - 2] == '\n')
		return; /* one empty line is enough */
	static const struct hattr plain = {0, 0, 0, 0};
	acc_put(a, "\n", 1, &plain);
}

/* acc_text's fast skip: 1 for printable ASCII but the space, 3 for lead bytes whose
 * well-formed sequences are never whitespace nor dropped (U+1000..U+1FFF,
 * U+3000..U+CFFF, U+E000..U+EFFF), 0 for the rest. */
static const unsigned char acc_skip[256] = {
	[0x21 ... 0x7E] = 1,
	[0xE1] = 3, [0xE3 ... 0xEC] = 3, [0xEE] = 3,
};

void acc_text(struct acc *a, const char *s, size_t n, const struct hattr *at, int pre, int nows)
{
	size_t i = 0, start = 0;
	while (i < n) {
		if (i > start) {
			/* hot: inside a run, skip what is never special (printable ASCII but the
			   space; well-formed 3-byte sequences U+1000..U+1FFF, U+3000..U+CFFF and
			   U+E000..U+EFFF, none of them whitespace or dropped) without decoding */
			while (i < n) {
				/* hottest: CJK U+3000..U+CFFF (lead E3..EC, as in acc_skip) */
				while (i + 2 < n && (unsigned)((unsigned char)s[i] - 0xE3u) <= 0xECu - 0xE3u &&
				       ((((unsigned char)s[i + 1] ^ 0x80u) | ((unsigned char)s[i + 2] ^ 0x80u)) < 0x40u))
					i += 3;
				if (i >= n)
					break;
				unsigned char k = acc_skip[(unsigned char)s[i]];
				if (k == 1)
					i++;
				else if (k == 3 && n - i >= 3 &&
					 ((((unsigned char)s[i + 1] ^ 0x80u) | ((unsigned char)s[i + 2] ^ 0x80u)) < 0x40u))
					i += 3;
				else
					break;
			}
			if (i >= n)
				break;
		}
		unsigned char c = (unsigned char)s[i];
		size_t l = 1;
		unsigned cp = c;
		if (c >= 0x80)
			cp = utf8_next_cp(s + i, n - i, &l);
		int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
		int special = ws || is_dropped(cp);
		if (pre && (c == '\n' || c == '\t'))
			special = 0;
		if (!special) {
			if (i == start && !pre)
				acc_settle(a, cp);
			if (pre && c == '\n' && !a->text.len && i == start) {
				start = i + 1; /* no empty line at the top of a <pre> */
			}
			i += l;
			continue;
		}
		acc_put(a, s + start, i - start, at);
		if (ws && !pre && !nows) {
			acc_space(a, at);
			if (c == '\n' || c == '\r')
				a->pend_nl = 1;
		} else if (pre && c == ' ') {
			acc_put(a, " ", 1, at);
		}
		i += l;
		start = i;
	}
	acc_put(a, s + start, n - start, at);
}

void acc_truncate(struct acc *a, size_t n)
{
	if (n >= a->text.len)
		return;
	a->text.len = n;
	a->text.s[n] = '\0';
	if (a->mark_end > n)
		a->mark_elem = 0;
	while (a->nruns && a->runs[a->nruns - 1].off >= n)
		a->nruns--;
	if (a->nruns && a->runs[a->nruns - 1].off + a->runs[a->nruns - 1].len > n)
		a->runs[a->nruns - 1].len = n - a->runs[a->nruns - 1].off;
	size_t i = n;
	while (i > 0 && ((unsigned char)a->text.s[i - 1] & 0xC0) == 0x80)
		i--;
	size_t l;
	a->last_cp = n ? utf8_next_cp(a->text.s + (i ? i - 1 : 0), n - (i ? i - 1 : 0), &l) : 0;
}

void acc_take(struct acc *a, char **text, size_t *len, struct run **runs, size_t *nruns)
{
	/* an exact copy: the buffer grew by doubling (up to twice the text), and keeping it
	   for the next block spares that block the growing again */
	*len = a->text.len;
	*text = xstrndup(a->text.len ? a->text.s : "", a->text.len);
	*nruns = a->nruns;
	*runs = NULL;
	if (a->nruns) {
		*runs = xcalloc(a->nruns, sizeof **runs);
		for (size_t i = 0; i < a->nruns; i++) {
			struct run *r = &(*runs)[i];
			r->off = a->runs[i].off;
			r->len = a->runs[i].len;
			r->style = a->runs[i].style;
			r->link = a->runs[i].link;
			r->elem = a->runs[i].elem;
		}
	}
	acc_reset(a);
}

char *html_clean_text(const char *s)
{
	struct acc a;
	acc_init(&a);
	static const struct hattr plain = {0, 0, 0, 0};
	acc_text(&a, s, strlen(s), &plain, 0, 0);
	char *t;
	size_t n, nr;
	struct run *r;
	acc_take(&a, &t, &n, &r, &nr);
	free(r);
	acc_free(&a);
	return t;
}
