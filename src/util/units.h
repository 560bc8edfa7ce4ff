/* units.h - numbers with units, and lines wrapped at a width, for people. */
#ifndef CBT_UNITS_H
#define CBT_UNITS_H

#include <stddef.h>

/* "96.2 s", "4.73 ms", "38.1 µs", "n/a": three significant digits. */
const char *cbt_fmt_seconds(char *buf, size_t len, double s);

/* Where to end a line of at most `width` bytes taken from the start of p: at its last space that
 * fits, or at width when a word is longer (the whole of p when it fits). */
size_t cbt_line_cut(const char *p, size_t width);

#endif
