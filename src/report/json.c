/* json.c - see json.h. */
#include <inttypes.h>
#include <math.h>

#include "report/json.h"

void cbt_json_init(struct cbt_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->has_items[0] = false;
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
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
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
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
