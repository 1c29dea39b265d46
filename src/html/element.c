/* element.c - the element table of newsread/element.h: lookup by name, flags by number. */
#include "newsread/element.h"

#include <stddef.h>

static const char *const names[HE_COUNT] = {
#define HE_NAME(id, name, flags) [HE_##id] = name,
	HTML_ELEMENTS(HE_NAME)
#undef HE_NAME
};

static const unsigned short kinds[HE_COUNT] = {
#define HE_KIND(id, name, flags) [HE_##id] = (flags),
	HTML_ELEMENTS(HE_KIND)
#undef HE_KIND
};

/* strcmp with a in any ASCII case, b in lower case. */
static int name_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	for (;; x++, y++) {
		int c = *x >= 'A' && *x <= 'Z' ? *x + 32 : *x;
		int d = c - *y;
		if (d || !*y)
			return d;
	}
}

unsigned html_element_id(const char *name)
{
	if (!name)
		return HE_NONE;
	size_t lo = HE_OTHER + 1, hi = HE_COUNT;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int d = name_cmp(name, names[mid]);
		if (d == 0)
			return (unsigned)mid;
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return HE_OTHER;
}

unsigned html_element_flags(unsigned id)
{
	return id < HE_COUNT ? kinds[id] : 0;
}

unsigned html_element_kind(const char *name)
{
	return html_element_flags(html_element_id(name));
}
