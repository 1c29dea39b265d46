/* datetime.h - dates in RFC 822, RFC 3339/ISO 8601 and Chinese forms. */
#ifndef NEWSREAD_DATETIME_H
#define NEWSREAD_DATETIME_H

#include <time.h>

/* Parse s into *t (seconds since the epoch). A time without a zone is taken at
 * default_offset seconds east of UTC, or in local time when default_offset is
 * DATE_LOCAL. Sets *zone_known. Returns 1 on success, 0 when s is not a date.
 * Reads RFC 822/2822 (named and military zones, 2-digit years), RFC 3339/ISO 8601
 * (T or space, fractions, Z, +08:00, +0800, date only, YYYY/MM/DD) and Chinese forms
 * (2021年11月24日 20:49). A Chinese date without a year (11月24日) is taken as this year,
 * or last year when that would be more than two days ahead; text after a Chinese date
 * is ignored. Only the first 255 bytes are read. "Invalid Date", garbage and impossible
 * dates are not dates. */
#define DATE_LOCAL (-999999)
int date_parse(const char *s, int default_offset, time_t *t, int *zone_known);

#endif
