/* json_read.h - a small, strict JSON reader (RFC 8259) for the documents the tool reads back
 * (saved runs for `compare`). Builds a tree; bounded depth and size, so a hostile file cannot
 * exhaust the stack; every error says where. No dependencies. */
#ifndef CBT_JSON_READ_H
#define CBT_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

enum cbt_jtype { CBT_JNULL, CBT_JBOOL, CBT_JNUM, CBT_JSTR, CBT_JARR, CBT_JOBJ };

struct cbt_jval {
	enum cbt_jtype type;
	bool b;
	double num;
	char *str;		/* CBT_JSTR: UTF-8, NUL-terminated (an embedded \u0000 ends it) */
	struct cbt_jval *items; /* CBT_JARR, CBT_JOBJ: n values */
	char **keys;		/* CBT_JOBJ: n keys */
	size_t n;
};

#define CBT_JSON_MAX_DEPTH 64

/* Parses buf[0..len). Returns the root (free with cbt_jfree), or NULL with a one-line reason
 * ("line 3, column 7: expected ':'") in err. */
struct cbt_jval *cbt_jparse(const char *buf, size_t len, char *err, size_t errlen);
/* Reads and parses a whole file (at most 256 MiB). */
struct cbt_jval *cbt_jparse_file(const char *path, char *err, size_t errlen);
void cbt_jfree(struct cbt_jval *v);

/* Member of an object (NULL if v is not an object or has no such key). */
const struct cbt_jval *cbt_jget(const struct cbt_jval *v, const char *key);
/* Follows a path of keys separated by '.', e.g. "totals.interpreter_lock.wait_ns". */
const struct cbt_jval *cbt_jpath(const struct cbt_jval *v, const char *path);
/* The number at path, or NAN when absent, null or not a number. */
double cbt_jnum(const struct cbt_jval *v, const char *path);
/* The string at path, or NULL. */
const char *cbt_jstr(const struct cbt_jval *v, const char *path);

#endif
