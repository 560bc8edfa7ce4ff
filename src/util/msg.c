/* msg.c - see msg.h. */
#include <stdarg.h>
#include <stdio.h>

#include "util/msg.h"

void cbt_msg(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!buf || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}
