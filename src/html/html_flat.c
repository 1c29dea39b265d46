/* html_flat.c - struct html_flat: a parsed body as records in a list of chunks, written
 * in document order and read back by html.c's walk (see html.h for the contract).
 *
 * Records, back to back, none split between chunks:
 *   'o' NAME\0 N (N attribute pairs NAME\0 VALUE\0)   an element with content, later closed
 *   'v' NAME\0 N (pairs)                              a void element (no content, no close)
 *   'c' NAME\0                                        an end tag
 *   't' LEN (4 bytes, host order) BYTES \0            text, unescaped
 * N is one byte. Text is NUL-terminated so a reader may treat it as a C string. */
#include "html/html_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HF_MAX_ATTRS 255 /* pairs kept per element (N is one byte) */
/* Bytes of records per chunk: well below malloc's mmap threshold, so chunks come from the
 * heap and can take the place of a tree being freed as the body is written. */
#define HF_CHUNK (16 * 1024 - 64)
#define HF_TEXT_MAX (UINT32_MAX - 1) /* (a text record's length; pages are far smaller) */

void html_flat_init(struct html_flat *f)
{
	memset(f, 0, sizeof *f);
}

void html_flat_free(struct html_flat *f)
{
	for (struct hf_chunk *c = f->first, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	memset(f, 0, sizeof *f);
}

/* A new last chunk with room for cap bytes. */
static struct hf_chunk *chunk_add(struct html_flat *f, size_t cap)
{
	struct hf_chunk *c = xmalloc(sizeof *c + cap);
	c->next = NULL;
	c->len = 0;
	c->cap = cap;
	if (f->last)
		f->last->next = c;
	else
		f->first = c;
	f->last = c;
	return c;
}

/* Room for a record of n bytes at the end: where to write it (the caller adds n to len). */
static char *room(struct html_flat *f, size_t n)
{
	f->text_at = 0;
	struct hf_chunk *c = f->last;
	if (!c || c->cap - c->len < n)
		c = chunk_add(f, n > HF_CHUNK ? n : HF_CHUNK);
	return c->s + c->len;
}

static char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

void html_flat_open(struct html_flat *f, const char *name, const char *const *attrs, size_t nattrs, int is_void)
{
	size_t n = 1 + strlen(name) + 1 + 1, kept = 0;
	for (size_t i = 0; i + 1 < nattrs && kept < HF_MAX_ATTRS; i += 2)
		if (attrs[i + 1] && *attrs[i + 1]) {
			n += strlen(attrs[i]) + 1 + strlen(attrs[i + 1]) + 1;
			kept++;
		}
	char *p = room(f, n);
	*p++ = is_void ? HF_VOID : HF_OPEN;
	p = put(p, name, strlen(name) + 1);
	*p++ = (char)kept;
	for (size_t i = 0; i + 1 < nattrs && kept; i += 2)
		if (attrs[i + 1] && *attrs[i + 1]) {
			p = put(p, attrs[i], strlen(attrs[i]) + 1);
			p = put(p, attrs[i + 1], strlen(attrs[i + 1]) + 1);
			kept--;
		}
	f->last->len += n;
}

void html_flat_close(struct html_flat *f, const char *name)
{
	size_t n = 1 + strlen(name) + 1;
	char *p = room(f, n);
	*p++ = HF_CLOSE;
	put(p, name, strlen(name) + 1);
	f->last->len += n;
}

void html_flat_text(struct html_flat *f, const char *s, size_t n)
{
	if (!n)
		return;
	if (n > HF_TEXT_MAX)
		n = HF_TEXT_MAX;
	struct hf_chunk *c = f->last;
	uint32_t len = 0;
	if (f->text_at)
		memcpy(&len, c->s + f->text_at - 4, 4);
	if (f->text_at && n <= HF_TEXT_MAX - len) {
		if (c->cap - c->len < n) {
			/* move the record to a new chunk with room to grow, twice what it needs
			   so a long text is not copied again and again */
			size_t start = f->text_at - 5, size = c->len - start;
			struct hf_chunk *to = chunk_add(f, 2 * (size + n) > HF_CHUNK ? 2 * (size + n) : HF_CHUNK);
			memcpy(to->s, c->s + start, size);
			to->len = size;
			c->len = start;
			c = to;
			f->text_at = 5;
		}
		/* the text grows over its NUL */
		memcpy(c->s + c->len - 1, s, n);
		c->len += n;
		c->s[c->len - 1] = '\0';
		len += (uint32_t)n;
		memcpy(c->s + f->text_at - 4, &len, 4);
		return;
	}
	char *p = room(f, 1 + 4 + n + 1);
	*p++ = HF_TEXT;
	len = (uint32_t)n;
	p = put(p, (const char *)&len, 4);
	p = put(p, s, n);
	*p = '\0';
	c = f->last;
	f->text_at = c->len + 5;
	c->len += 1 + 4 + n + 1;
}

int hf_next(struct hf_pos *pos, struct hf_rec *r)
{
	while (pos->c && pos->off >= pos->c->len) {
		pos->c = pos->c->next;
		pos->off = 0;
	}
	if (!pos->c)
		return 0;
	const char *p = pos->c->s + pos->off;
	memset(r, 0, sizeof *r);
	r->type = *p++;
	switch (r->type) {
	case HF_OPEN:
	case HF_VOID:
		r->name = p;
		p += strlen(p) + 1;
		r->nattrs = (unsigned char)*p++;
		r->attrs = p;
		for (unsigned i = 0; i < 2 * r->nattrs; i++)
			p += strlen(p) + 1;
		break;
	case HF_CLOSE:
		r->name = p;
		p += strlen(p) + 1;
		break;
	case HF_TEXT: {
		uint32_t len;
		memcpy(&len, p, 4);
		r->text = p + 4;
		r->len = len;
		p += 4 + len + 1;
		break;
	}
	default: /* (no writer makes one) */
		pos->off = pos->c->len;
		return hf_next(pos, r);
	}
	pos->off = (size_t)(p - pos->c->s);
	return 1;
}

const char *hf_attr(const struct hf_rec *r, const char *name)
{
	const char *p = r->attrs;
	for (unsigned i = 0; i < r->nattrs; i++) {
		const char *v = p + strlen(p) + 1;
		if (strcmp(p, name) == 0)
			return v;
		p = v + strlen(v) + 1;
	}
	return NULL;
}

void html_escape(struct buf *b, const char *s, size_t n, int attr)
{
	const char *run = s, *end = s + n;
	for (; s < end; s++) {
		const char *e;
		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"':
			if (attr) {
				e = "&quot;";
				break;
			}
			continue;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_adds(b, e);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(end - run));
}

char *html_flat_html(const struct html_flat *f)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	struct hf_pos pos = {f->first, 0};
	struct hf_rec r;
	while (hf_next(&pos, &r)) {
		switch (r.type) {
		case HF_TEXT:
			html_escape(&b, r.text, r.len, 0);
			break;
		case HF_OPEN:
		case HF_VOID: {
			buf_addc(&b, '<');
			buf_adds(&b, r.name);
			const char *p = r.attrs;
			for (unsigned i = 0; i < r.nattrs; i++) {
				const char *v = p + strlen(p) + 1;
				buf_addc(&b, ' ');
				buf_adds(&b, p);
				buf_adds(&b, "=\"");
				html_escape(&b, v, strlen(v), 1);
				buf_addc(&b, '"');
				p = v + strlen(v) + 1;
			}
			buf_addc(&b, '>');
			break;
		}
		case HF_CLOSE:
			buf_adds(&b, "</");
			buf_adds(&b, r.name);
			buf_addc(&b, '>');
			break;
		}
	}
	return buf_steal(&b);
}
