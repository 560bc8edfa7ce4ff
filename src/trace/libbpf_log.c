/* libbpf_log.c - see libbpf_log.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "trace/libbpf_log.h"

static char first_warning[200];

static int print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	const char *dbg = getenv("CBT_DEBUG");

	if (level == LIBBPF_WARN && !first_warning[0]) {
		va_list aq;
		char *nl;

		va_copy(aq, ap);
		vsnprintf(first_warning, sizeof(first_warning), fmt, aq);
		va_end(aq);
		nl = strchr(first_warning, '\n');
		if (nl)
			*nl = '\0';
	}
	if (!dbg || !*dbg)
		return 0;
	if (level == LIBBPF_DEBUG && strcmp(dbg, "2") != 0)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

void cbt_libbpf_log_start(void)
{
	libbpf_set_print(print);
	first_warning[0] = '\0';
}

const char *cbt_libbpf_first_warning(void)
{
	return first_warning;
}
