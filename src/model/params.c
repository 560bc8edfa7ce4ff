/* params.c - the yield-loop primitives' names: the one table the cli, the reports and the
 * Python launch read. */
#include <stdio.h>
#include <string.h>

#include "model/params.h"

static const char *const yield_names[] = {"nanosleep", "sched_yield", "clock_nanosleep"};

const char *cbt_yield_name(enum cbt_yield_kind k)
{
	return yield_names[k];
}

int cbt_yield_parse(const char *s, enum cbt_yield_kind *out)
{
	for (unsigned i = 0; i < sizeof(yield_names) / sizeof(yield_names[0]); i++) {
		if (strcmp(s, yield_names[i]) == 0) {
			*out = (enum cbt_yield_kind)i;
			return 0;
		}
	}
	return -1;
}

const char *cbt_yield_names(void)
{
	static char buf[128];
	if (!buf[0])
		for (size_t i = 0, o = 0; i < sizeof(yield_names) / sizeof(yield_names[0]); i++)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? ", " : "",
					      yield_names[i]);
	return buf;
}
