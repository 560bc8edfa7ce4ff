/* json_read.c - see json_read.h. Recursive descent with an explicit depth bound. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_read.h"

struct parser {
	const char *s, *end, *start;
	char *err;
	size_t errlen;
	bool failed;
};

static void fail(struct parser *p, const char *what)
{
	if (p->failed)
		return;
	size_t line = 1, col = 1;
	for (const char *c = p->start; c < p->s && c < p->end; c++) {
		if (*c == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	p->failed = true;
	if (p->err && p->errlen)
		snprintf(p->err, p->errlen, "line %zu, column %zu: %s", line, col, what);
}

static void skip_ws(struct parser *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static bool literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(p->end - p->s) < n || memcmp(p->s, word, n) != 0)
		return false;
	p->s += n;
	return true;
}

static int hex4(struct parser *p, unsigned *out)
{
	if (p->end - p->s < 4)
		return -1;
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p->s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	p->s += 4;
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* A string at p->s (on the opening quote). Escapes decoded; the output is never longer than the
 * input, so one allocation of the raw length suffices. */
static char *parse_string(struct parser *p)
{
	const char *q = ++p->s;
	while (q < p->end && *q != '"')
		q += (*q == '\\' && q + 1 < p->end) ? 2 : 1;
	if (q >= p->end) {
		fail(p, "unterminated string");
		return NULL;
	}
	char *out = malloc((size_t)(q - p->s) + 1), *o = out;
	if (!out) {
		fail(p, "out of memory");
		return NULL;
	}
	while (p->s < q) {
		unsigned char c = (unsigned char)*p->s;
		if (c < 0x20) {
			fail(p, "control character in a string");
			break;
		}
		if (c != '\\') {
			*o++ = (char)c;
			p->s++;
			continue;
		}
		char e = p->s[1];
		p->s += 2;
		static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
		const char *k = e ? strchr(from, e) : NULL;
		if (k) {
			*o++ = to[k - from];
			continue;
		}
		unsigned cp, lo;
		if (e != 'u' || hex4(p, &cp) != 0) {
			fail(p, "invalid escape in a string");
			break;
		}
		if (cp >= 0xd800 && cp < 0xdc00) { /* a surrogate pair makes one code point */
			if (p->s + 1 < q && p->s[0] == '\\' && p->s[1] == 'u') {
				p->s += 2;
				if (hex4(p, &lo) != 0 || lo < 0xdc00 || lo > 0xdfff) {
					fail(p, "invalid surrogate pair");
					break;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else {
				cp = 0xfffd;
			}
		} else if (cp >= 0xdc00 && cp < 0xe000) {
			cp = 0xfffd;
		}
		o += put_utf8(o, cp); /* 6 input bytes (\uXXXX) give at most 3; a pair 12 → 4 */
	}
	*o = '\0';
	p->s = q + 1;
	if (p->failed) {
		free(out);
		return NULL;
	}
	return out;
}

static void parse_number(struct parser *p, struct cbt_jval *v)
{
	const char *q = p->s;
	if (q < p->end && *q == '-')
		q++;
	if (q >= p->end || *q < '0' || *q > '9') {
		fail(p, "invalid number");
		return;
	}
	if (*q == '0')
		q++;
	else
		while (q < p->end && *q >= '0' && *q <= '9')
			q++;
	if (q < p->end && *q == '.') {
		if (++q >= p->end || *q < '0' || *q > '9') {
			fail(p, "invalid number");
			return;
		}
		while (q < p->end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < p->end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < p->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= p->end || *q < '0' || *q > '9') {
			fail(p, "invalid number");
			return;
		}
		while (q < p->end && *q >= '0' && *q <= '9')
			q++;
	}
	char tmp[64];
	size_t n = (size_t)(q - p->s);
	if (n >= sizeof(tmp)) { /* strtod needs a terminated copy; longer numbers are not ours */
		fail(p, "number too long");
		return;
	}
	memcpy(tmp, p->s, n);
	tmp[n] = '\0';
	v->type = CBT_JNUM;
	v->num = strtod(tmp, NULL);
	p->s = q;
}

static void parse_value(struct parser *p, struct cbt_jval *v, int depth);

/* Appends one slot to a growing array (items, and keys for objects). */
static struct cbt_jval *grow(struct parser *p, struct cbt_jval *v, size_t *cap)
{
	if (v->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 4;
		struct cbt_jval *ni = realloc(v->items, nc * sizeof(*ni));
		if (!ni) {
			fail(p, "out of memory");
			return NULL;
		}
		v->items = ni;
		if (v->type == CBT_JOBJ) {
			char **nk = realloc(v->keys, nc * sizeof(*nk));
			if (!nk) {
				fail(p, "out of memory");
				return NULL;
			}
			v->keys = nk;
		}
		*cap = nc;
	}
	struct cbt_jval *slot = &v->items[v->n];
	memset(slot, 0, sizeof(*slot));
	return slot;
}

static void parse_container(struct parser *p, struct cbt_jval *v, int depth, bool object)
{
	char close = object ? '}' : ']';
	size_t cap = 0;
	v->type = object ? CBT_JOBJ : CBT_JARR;
	p->s++;
	skip_ws(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		return;
	}
	for (;;) {
		char *key = NULL;
		skip_ws(p);
		if (object) {
			if (p->s >= p->end || *p->s != '"') {
				fail(p, "expected a string key");
				return;
			}
			if (!(key = parse_string(p)))
				return;
			skip_ws(p);
			if (p->s >= p->end || *p->s != ':') {
				free(key);
				fail(p, "expected ':'");
				return;
			}
			p->s++;
		}
		struct cbt_jval *slot = grow(p, v, &cap);
		if (!slot) {
			free(key);
			return;
		}
		if (object)
			v->keys[v->n] = key;
		v->n++;
		parse_value(p, slot, depth + 1);
		if (p->failed)
			return;
		skip_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			return;
		}
		fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
		return;
	}
}

static void parse_value(struct parser *p, struct cbt_jval *v, int depth)
{
	if (depth > CBT_JSON_MAX_DEPTH) {
		fail(p, "nested too deeply");
		return;
	}
	skip_ws(p);
	if (p->s >= p->end) {
		fail(p, "unexpected end of input");
		return;
	}
	switch (*p->s) {
	case '{':
	case '[':
		parse_container(p, v, depth, *p->s == '{');
		return;
	case '"':
		v->str = parse_string(p);
		if (v->str)
			v->type = CBT_JSTR;
		return;
	case 't':
	case 'f':
		if (literal(p, "true")) {
			v->type = CBT_JBOOL;
			v->b = true;
			return;
		}
		if (literal(p, "false")) {
			v->type = CBT_JBOOL;
			return;
		}
		break;
	case 'n':
		if (literal(p, "null")) {
			v->type = CBT_JNULL;
			return;
		}
		break;
	default:
		parse_number(p, v);
		return;
	}
	fail(p, "invalid literal");
}

static void free_contents(struct cbt_jval *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free_contents(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

void cbt_jfree(struct cbt_jval *v)
{
	if (!v)
		return;
	free_contents(v);
	free(v);
}

struct cbt_jval *cbt_jparse(const char *buf, size_t len, char *err, size_t errlen)
{
	struct parser p = {buf, buf + len, buf, err, errlen, false};
	struct cbt_jval *root = calloc(1, sizeof(*root));
	if (!root) {
		fail(&p, "out of memory");
		return NULL;
	}
	parse_value(&p, root, 0);
	skip_ws(&p);
	if (!p.failed && p.s != p.end)
		fail(&p, "text after the document");
	if (p.failed) {
		cbt_jfree(root);
		return NULL;
	}
	return root;
}

struct cbt_jval *cbt_jparse_file(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "re");
	if (!f) {
		snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0, r;
	char *buf = malloc(cap);
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			char *nb = cap < ((size_t)256 << 20) ? realloc(buf, cap * 2) : NULL;
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	bool bad = ferror(f);
	fclose(f);
	if (!buf || bad) {
		snprintf(err, errlen, "cannot read '%s': %s", path,
			 bad ? "read error" : "larger than 256 MiB, or out of memory");
		free(buf);
		return NULL;
	}
	char why[200];
	struct cbt_jval *v = cbt_jparse(buf, n, why, sizeof(why));
	free(buf);
	if (!v)
		snprintf(err, errlen, "'%s' is not valid JSON: %s", path, why);
	return v;
}

const struct cbt_jval *cbt_jget(const struct cbt_jval *v, const char *key)
{
	if (!v || v->type != CBT_JOBJ)
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}

const struct cbt_jval *cbt_jpath(const struct cbt_jval *v, const char *path)
{
	char key[128];
	while (v && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = cbt_jget(v, key);
		path += n + (path[n] == '.');
	}
	return v;
}

double cbt_jnum(const struct cbt_jval *v, const char *path)
{
	const struct cbt_jval *x = cbt_jpath(v, path);
	return x && x->type == CBT_JNUM ? x->num : NAN;
}

const char *cbt_jstr(const struct cbt_jval *v, const char *path)
{
	const struct cbt_jval *x = cbt_jpath(v, path);
	return x && x->type == CBT_JSTR ? x->str : NULL;
}
