/* words.c - see words.h. */
#include <stdio.h>
#include <string.h>

#include "cli/words.h"

int cbt_split_words(const char *s, char *pool, size_t poolsz, char **argv, size_t maxw, char *err,
		    size_t elen)
{
	size_t n = 0, o = 0;
	const char *p = s;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (n + 1 >= maxw) {
			snprintf(err, elen, "more than %zu words", maxw - 1);
			return -1;
		}
		argv[n++] = pool + o;
		char quote = 0;
		for (; *p && (quote || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
			char c = *p;
			if (quote == '\'') { /* single quotes: every character as it is */
				if (c == '\'') {
					quote = 0;
					continue;
				}
			} else if (c == '\\' && (!quote || strchr("\"\\$`\n", p[1]))) {
				if (!p[1]) {
					snprintf(err, elen, "a backslash ends the command");
					return -1;
				}
				c = *++p; /* escaped: taken as it is */
			} else if ((c == '\'' || c == '"') && !quote) {
				quote = c;
				continue;
			} else if (c == '"' && quote == '"') {
				quote = 0;
				continue;
			}
			if (o + 1 >= poolsz) {
				snprintf(err, elen, "longer than %zu bytes", poolsz - 1);
				return -1;
			}
			pool[o++] = c;
		}
		if (quote) {
			snprintf(err, elen, "the %s quote is not closed",
				 quote == '"' ? "double" : "single");
			return -1;
		}
		if (o + 1 >= poolsz) {
			snprintf(err, elen, "longer than %zu bytes", poolsz - 1);
			return -1;
		}
		pool[o++] = '\0';
	}
	argv[n] = NULL;
	if (!n)
		snprintf(err, elen, "it is empty");
	return n ? (int)n : -1;
}
