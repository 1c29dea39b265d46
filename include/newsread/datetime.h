/* datetime.h - dates in RFC 822, RFC 3339/ISO 8601 and Chinese forms. */
#ifndef NEWSREAD_DATETIME_H
#define NEWSREAD_DATETIME_H

#include <time.h>

/* Parse s into *t (seconds since the epoch). A time without a zone is taken at
 * default_offset seconds east of UTC, or in local time when default_offset is
 * DATE_LOCAL. Sets *zone_known. Returns 1 on success, 0 when s is not a date. */
#define DATE_LOCAL (-999999)
int date_parse(const char *s, int default_offset, time_t *t, int *zone_known);

#endif
