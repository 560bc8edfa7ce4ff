/* json.c - see json.h. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "report/json.h"
#include "util/text.h"

void cbt_json_init(struct cbt_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->has_items[0] = false;
}

/* A JSON string is Unicode: valid UTF-8 is copied, control characters are \u-escaped, and a
 * byte that is not UTF-8 (a program's raw argument, a name cut mid-character) is written as
 * the four characters \xNN (JSON "\\xNN"), so the document stays valid and the byte visible. */
static void put_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	fputc('"', f);
	for (size_t i = 0; i < n;) {
		size_t cl = cbt_utf8_char_len(p + i, n - i);
		if (cl == 0) {
			fprintf(f, "\\\\x%02x", p[i]);
			i++;
			continue;
		}
		if (cl > 1) {
			fwrite(p + i, 1, cl, f);
			i += cl;
			continue;
		}
		switch (p[i]) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (p[i] < 0x20 || p[i] == 0x7f)
				fprintf(f, "\\u%04x", p[i]);
			else
				fputc(p[i], f);
		}
		i++;
	}
	fputc('"', f);
}

/* Separator, indentation and key before a value. */
static void member(struct cbt_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->has_items[j->depth])
			fputc(',', j->f);
		fputc('\n', j->f);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->f);
	}
	j->has_items[j->depth] = true;
	if (key) {
		put_string(j->f, key);
		fputs(": ", j->f);
	}
}

static void open_container(struct cbt_json *j, const char *key, char opener)
{
	member(j, key);
	fputc(opener, j->f);
	if (j->depth + 1 < CBT_JSON_MAX_DEPTH)
		j->depth++;
	j->has_items[j->depth] = false;
}

void cbt_json_object(struct cbt_json *j, const char *key)
{
	open_container(j, key, '{');
}

void cbt_json_array(struct cbt_json *j, const char *key)
{
	open_container(j, key, '[');
}

void cbt_json_end(struct cbt_json *j, char closer)
{
	bool had = j->has_items[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (had) {
		fputc('\n', j->f);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->f);
	}
	fputc(closer, j->f);
}

void cbt_json_str(struct cbt_json *j, const char *key, const char *v)
{
	member(j, key);
	if (v)
		put_string(j->f, v);
	else
		fputs("null", j->f);
}

void cbt_json_num(struct cbt_json *j, const char *key, double v)
{
	member(j, key);
	if (isfinite(v))
		fprintf(j->f, "%.9g", v);
	else
		fputs("null", j->f);
}

void cbt_json_u64(struct cbt_json *j, const char *key, uint64_t v)
{
	member(j, key);
	fprintf(j->f, "%" PRIu64, v);
}

void cbt_json_i64(struct cbt_json *j, const char *key, int64_t v)
{
	member(j, key);
	fprintf(j->f, "%" PRId64, v);
}

void cbt_json_bool(struct cbt_json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->f);
}

void cbt_json_null(struct cbt_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}

void cbt_json_finish(struct cbt_json *j)
{
	fputc('\n', j->f);
}

void cbt_json_fields(struct cbt_json *j, const void *base, const struct cbt_json_field *fields,
		     size_t n)
{
	const char *p = base;
	for (size_t i = 0; i < n; i++) {
		const struct cbt_json_field *f = &fields[i];
		if (f->kind == CBT_JSON_U64) {
			uint64_t v;
			memcpy(&v, p + f->offset, sizeof(v));
			cbt_json_u64(j, f->key, v);
		} else {
			double v;
			memcpy(&v, p + f->offset, sizeof(v));
			cbt_json_num(j, f->key, v);
		}
	}
}
