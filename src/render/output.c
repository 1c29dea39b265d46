/* output.c - --list and --stocks, as text or --json. */
#include "newsread/output.h"
#include "newsread/render.h"
#include "newsread/stock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void json_string(struct buf *b, const char *s)
{
	struct buf clean;
	buf_init(&clean);
	text_sanitize(&clean, s ? s : "", s ? strlen(s) : 0, 0);
	buf_addc(b, '"');
	for (const char *p = clean.s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n') {
			buf_adds(b, "\\n");
		} else if (c == '\t') {
			buf_adds(b, "\\t");
		} else if (c == '\r') {
			buf_adds(b, "\\r");
		} else if (c < 0x20) {
			buf_printf(b, "\\u%04x", c);
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
	buf_free(&clean);
}

/* A field for the tab-separated form: tabs/newlines to spaces, controls dropped. */
static void tsv_field(struct buf *b, const char *s)
{
	if (s)
		text_sanitize(b, s, strlen(s), 1);
}

static void rfc3339(const struct article *a, char *buf, size_t n)
{
	struct tm tm;
	localtime_r(&a->date, &tm);
	char tz[32];
	strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
	long off = tm.tm_gmtoff;
	if (off == 0) {
		strncat(buf, "Z", n - strlen(buf) - 1);
		return;
	}
	snprintf(tz, sizeof tz, "%c%02ld:%02ld", off < 0 ? '-' : '+', labs(off) / 3600, labs(off) % 3600 / 60);
	strncat(buf, tz, n - strlen(buf) - 1);
}

void output_list(FILE *f, const struct articles *l, int json)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < l->n; i++) {
		const struct article *a = l->v[i];
		b.len = 0;
		buf_add(&b, "", 0);
		if (json) {
			char date[64];
			buf_adds(&b, "{\"date\":");
			if (a->has_date) {
				rfc3339(a, date, sizeof date);
				json_string(&b, date);
			} else {
				buf_adds(&b, "null");
			}
			buf_adds(&b, ",\"categories\":[");
			for (size_t c = 0; c < a->ncats; c++) {
				buf_adds(&b, c ? ",[" : "[");
				for (size_t p = 0; p < a->cats[c].n; p++) {
					if (p)
						buf_addc(&b, ',');
					json_string(&b, a->cats[c].parts[p]);
				}
				buf_addc(&b, ']');
			}
			buf_adds(&b, "],\"title\":");
			json_string(&b, a->title);
			buf_adds(&b, ",\"link\":");
			if (a->link)
				json_string(&b, a->link);
			else
				buf_adds(&b, "null");
			buf_adds(&b, ",\"source\":");
			json_string(&b, a->source);
			buf_adds(&b, ",\"source_title\":");
			if (a->source_title)
				json_string(&b, a->source_title);
			else
				buf_adds(&b, "null");
			buf_adds(&b, ",\"author\":");
			if (a->author)
				json_string(&b, a->author);
			else
				buf_adds(&b, "null");
			buf_adds(&b, ",\"id\":");
			json_string(&b, a->id);
			buf_adds(&b, "}\n");
		} else {
			char date[64];
			render_date(a, date, sizeof date);
			buf_adds(&b, date);
			buf_addc(&b, '\t');
			for (size_t c = 0; c < a->ncats; c++) {
				if (c)
					buf_adds(&b, "; ");
				char *p = catpath_join(&a->cats[c], "/");
				tsv_field(&b, p);
				free(p);
			}
			buf_addc(&b, '\t');
			tsv_field(&b, a->title);
			buf_addc(&b, '\t');
			tsv_field(&b, a->link);
			buf_addc(&b, '\t');
			tsv_field(&b, a->source);
			buf_addc(&b, '\n');
		}
		fwrite(b.s, 1, b.len, f);
	}
	buf_free(&b);
}

/* ---- --stocks ---- */

/* One (article, stock) pair. */
struct pair {
	const char *code, *name;
	int count;
	size_t order; /* position in the input, for stable ties */
};

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

struct tally {
	const char *code, *name;
	int articles;
};

static int tally_cmp(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	if (x->articles != y->articles)
		return y->articles - x->articles;
	return strcmp(x->code, y->code);
}

void output_stocks(FILE *f, const struct articles *l, const struct stock_opts *o, int json)
{
	struct pair *p = NULL;
	size_t np = 0, cap = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct article *a = l->v[i];
		stock_collect(a, o);
		for (size_t s = 0; s < a->nstocks; s++) {
			if (np == cap) {
				cap = cap ? cap * 2 : 64;
				p = xrealloc(p, cap * sizeof *p);
			}
			p[np].code = a->stocks[s].code;
			p[np].name = a->stocks[s].name ? a->stocks[s].name : "";
			p[np].count = a->stocks[s].count;
			p[np].order = np;
			np++;
		}
	}
	if (np) /* p is NULL without stocks: qsort must not get it */
		qsort(p, np, sizeof *p, pair_cmp);
	/* per code: articles, and the name with the most mentions (ties: seen first) */
	struct tally *t = xmalloc((np + 1) * sizeof *t);
	size_t nt = 0;
	for (size_t i = 0; i < np;) {
		size_t j = i, best_order = (size_t)-1;
		int best = 0;
		t[nt].code = p[i].code;
		t[nt].name = "";
		while (j < np && strcmp(p[j].code, p[i].code) == 0) {
			size_t k = j, first = p[j].order;
			int w = 0;
			while (k < np && strcmp(p[k].code, p[j].code) == 0 && strcmp(p[k].name, p[j].name) == 0)
				w += p[k++].count;
			if (*p[j].name && (w > best || (w == best && first < best_order)))
				best = w, best_order = first, t[nt].name = p[j].name;
			j = k;
		}
		t[nt++].articles = (int)(j - i);
		i = j;
	}
	qsort(t, nt, sizeof *t, tally_cmp);
	struct buf b;
	buf_init(&b);
	for (size_t k = 0; k < nt; k++) {
		const char *dot = strrchr(t[k].code, '.');
		b.len = 0;
		if (json) {
			buf_adds(&b, "{\"code\":");
			json_string(&b, t[k].code);
			buf_adds(&b, ",\"name\":");
			json_string(&b, t[k].name);
			buf_adds(&b, ",\"market\":");
			json_string(&b, dot ? dot + 1 : "");
			buf_printf(&b, ",\"articles\":%d}\n", t[k].articles);
		} else {
			buf_adds(&b, t[k].code);
			buf_addc(&b, '\t');
			text_sanitize(&b, t[k].name, strlen(t[k].name), 1);
			buf_printf(&b, "\t%d\n", t[k].articles);
		}
		fwrite(b.s, 1, b.len, f);
	}
	buf_free(&b);
	free(t);
	free(p);
}
