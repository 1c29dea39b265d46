/* datetime.c - placeholder. */
#include "newsread/datetime.h"

int date_parse(const char *s, int default_offset, time_t *t, int *zone_known)
{
	(void)s; (void)default_offset; (void)t; (void)zone_known;
	return 0;
}
