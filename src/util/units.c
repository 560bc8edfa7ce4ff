/* units.c - numbers with units, for people. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/units.h"

const char *cbt_fmt_seconds(char *buf, size_t len, double s)
{
	static const struct {
		double scale;
		const char *unit;
	} units[] = {{1, "s"}, {1e-3, "ms"}, {1e-6, "µs"}, {1e-9, "ns"}};
	if (!isfinite(s)) {
		snprintf(buf, len, "n/a");
		return buf;
	}
	size_t u = 0;
	while (u + 1 < sizeof(units) / sizeof(units[0]) && fabs(s) < units[u].scale)
		u++;
	double v = s / units[u].scale;
	if (u > 0 && fabs(v) >= 999.5) /* 0.9996 s is "1.00 s", not "1000 ms" */
		v = s / units[--u].scale;
	snprintf(buf, len, "%.*f %s", fabs(v) >= 100 ? 0 : fabs(v) >= 10 ? 1 : 2, v, units[u].unit);
	return buf;
}

size_t cbt_line_cut(const char *p, size_t width)
{
	size_t cut = strlen(p);
	if (cut <= width)
		return cut;
	for (cut = width; cut > 0 && p[cut] != ' '; cut--)
		;
	return cut ? cut : width;
}
