/* json.h - a small streaming JSON writer (pretty-printed, correct escaping, NaN -> null). */
#ifndef CBT_JSON_H
#define CBT_JSON_H

#include <stdbool.h>
#include <stddef.h>
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

/* Members read from a struct by a table: one row a member (its key, the kind of number, where
 * the field is), so an object that copies plain fields is written by one loop, and the table
 * says which key holds which field. Rows are made with CBT_JSON_NUM_AT / CBT_JSON_U64_AT,
 * which refuse at compile time a field that is not a double / uint64_t. */
enum cbt_json_kind { CBT_JSON_NUM, CBT_JSON_U64 };
struct cbt_json_field {
	const char *key;
	enum cbt_json_kind kind;
	size_t offset;
};
/* offsetof(type, field), and a compile error unless the field is a ctype. */
#define CBT_JSON_IS_(type, field, ctype)                                                           \
	__builtin_types_compatible_p(__typeof__(((type *)0)->field), ctype)
#define CBT_JSON_OFFSET_(type, field, ctype)                                                       \
	(offsetof(type, field) + 0 * sizeof(char[CBT_JSON_IS_(type, field, ctype) ? 1 : -1]))
/* clang-format off */
#define CBT_JSON_NUM_AT(type, field, key) {key, CBT_JSON_NUM, CBT_JSON_OFFSET_(type, field, double)}
#define CBT_JSON_U64_AT(type, field, key) {key, CBT_JSON_U64, CBT_JSON_OFFSET_(type, field, uint64_t)}
/* clang-format on */
/* Writes the n members of `fields` from the struct at base into the open object. */
void cbt_json_fields(struct cbt_json *j, const void *base, const struct cbt_json_field *fields,
		     size_t n);

#endif
