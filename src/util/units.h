/* units.h - numbers with units, for people. */
#ifndef CBT_UNITS_H
#define CBT_UNITS_H

#include <stddef.h>

/* "96.2 s", "4.73 ms", "38.1 µs", "n/a": three significant digits. */
const char *cbt_fmt_seconds(char *buf, size_t len, double s);

#endif
