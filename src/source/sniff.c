/* sniff.c - what bytes are: the questions of sniff.h, each answered once. */
#include "source/sniff.h"
#include "newsread/source.h"
#include "newsread/util.h"

#include <string.h>

int sniff_binary(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = len < 1024 ? len : 1024;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return 0; /* UTF-16 with a byte order mark: text, the decoder reads it */
	static const struct { const char *magic; size_t n; } sigs[] = {
		{"%PDF-", 5}, {"\x1f\x8b", 2}, {"PK\x03\x04", 4}, {"\x89PNG", 4}, {"GIF8", 4},
		{"\xff\xd8\xff", 3}, {"\x7f" "ELF", 4}, {"BZh", 3}, {"\xfd" "7zXZ", 5}, {"RIFF", 4},
	};
	for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
		if (n >= sigs[i].n && memcmp(s, sigs[i].magic, sigs[i].n) == 0)
			return 1;
	size_t ctl = 0;
	for (size_t i = 0; i < n; i++) {
		if (u[i] == 0)
			return 1;
		if ((u[i] < 0x20 && u[i] != '\n' && u[i] != '\r' && u[i] != '\t' && u[i] != '\f' && u[i] != 0x1b) ||
		    u[i] == 0x7f)
			ctl++;
	}
	return n && ctl * 10 > n;
}

const char *sniff_skip_lead(const char *s, const char *end)
{
	if (end - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++;
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			const char *c = s + 4;
			while (c + 3 <= end && memcmp(c, "-->", 3) != 0)
				c++;
			if (c + 3 > end)
				return end;
			s = c + 3;
			continue;
		}
		return s;
	}
}

int sniff_starts_with_tag(const char *s, size_t len)
{
	const char *p = sniff_skip_lead(s, s + len);
	size_t rest = (size_t)(s + len - p);
	return rest >= 2 && p[0] == '<' && (((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z') || p[1] == '!');
}

/* has_iprefix within n bytes. */
static int starts(const char *p, size_t n, const char *word)
{
	size_t l = strlen(word);
	return n >= l && ascii_ncasecmp(p, word, l) == 0;
}

int sniff_xml_decl(const char *s, size_t len)
{
	const char *p = sniff_skip_lead(s, s + len);
	return starts(p, (size_t)(s + len - p), "<?xml");
}

int sniff_html_page(const char *s, size_t len)
{
	const char *end = s + len, *p = sniff_skip_lead(s, end);
	if (starts(p, (size_t)(end - p), "<?xml")) {
		const char *gt = memchr(p, '>', (size_t)(end - p));
		const char *q = gt ? sniff_skip_lead(gt + 1, end) : p;
		return starts(q, (size_t)(end - q), "<!doctype html") || starts(q, (size_t)(end - q), "<html");
	}
	size_t n = (size_t)(end - p);
	return starts(p, n, "<!doctype html") || starts(p, n, "<html") || starts(p, n, "<head") || starts(p, n, "<body");
}

/* The feed media types: each announces a feed in a <link>; a response served with any
 * type naming one of the words below is taken for a feed too. */
static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
	"application/rdf+xml",
};
static const char *const feed_served_words[] = {"rss", "atom", "rdf"};

int sniff_feed_link_type(const char *type)
{
	char t[64];
	size_t n = 0;
	while (*type == ' ')
		type++;
	while (type[n] && type[n] != ';' && type[n] != ' ' && n < sizeof t - 1) {
		t[n] = type[n];
		n++;
	}
	t[n] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(feed_types); i++)
		if (ascii_casecmp(t, feed_types[i]) == 0)
			return 1;
	return 0;
}

int sniff_feed_served_type(const char *mt)
{
	for (size_t i = 0; i < ARRAY_LEN(feed_served_words); i++)
		if (strstr(mt, feed_served_words[i]))
			return 1;
	/* (plain application/json is JSON of any kind until its content says JSON Feed) */
	return strcmp(mt, "application/feed+json") == 0;
}

unsigned sniff_name(const char *name)
{
	static const struct {
		const char *ext;
		unsigned what;
	} exts[] = {
		{".md", SN_POST | SN_MARKDOWN}, {".markdown", SN_POST | SN_MARKDOWN},
		{".html", SN_POST}, {".htm", SN_POST}, {".txt", SN_POST},
	};
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (!dot)
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(exts); i++)
		if (ascii_casecmp(dot, exts[i].ext) == 0)
			return exts[i].what;
	return 0;
}
