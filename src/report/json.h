/* json.h - a small streaming JSON writer (pretty-printed, correct escaping, NaN -> null). */
#ifndef CBT_JSON_H
#define CBT_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define CBT_JSON_MAX_DEPTH 32

struct cbt_json {
	FILE *f;
	int depth;
	bool has_items[CBT_JSON_MAX_DEPTH];
};

void cbt_json_init(struct cbt_json *j, FILE *f);
/* `key` is the member name inside an object, NULL inside an array or at the top level. */
void cbt_json_object(struct cbt_json *j, const char *key);
void cbt_json_array(struct cbt_json *j, const char *key);
void cbt_json_end(struct cbt_json *j, char closer);		       /* '}' or ']' */
void cbt_json_str(struct cbt_json *j, const char *key, const char *v); /* NULL -> null */
void cbt_json_num(struct cbt_json *j, const char *key, double v);      /* non-finite -> null */
void cbt_json_u64(struct cbt_json *j, const char *key, uint64_t v);
void cbt_json_i64(struct cbt_json *j, const char *key, int64_t v);
void cbt_json_bool(struct cbt_json *j, const char *key, bool v);
void cbt_json_null(struct cbt_json *j, const char *key);
void cbt_json_finish(struct cbt_json *j); /* final newline */

#endif
