/* output.c - --list and --list --json. */
#include "newsread/output.h"
#include "newsread/render.h"

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
