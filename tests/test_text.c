/* test_text.c - names and arguments from traced programs: UTF-8 checks, cuts on character
 * boundaries, terminal escaping, and the JSON writer's output for bytes that are not UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/json.h"
#include "util/text.h"

#define EURO "\xe2\x82\xac"

static void test_char_len(void **state)
{
	(void)state;
	const struct {
		const char *s;
		size_t n;
	} cases[] = {
	    {"a", 1},
	    {"\xc3\xa9", 2},
	    {EURO, 3},
	    {"\xf0\x9f\x98\x80", 4},
	    {"\xc3", 0},
	    {"\x80", 0},
	    {"\xc0\xaf", 0},	     /* overlong '/' */
	    {"\xed\xa0\x80", 0},     /* a surrogate */
	    {"\xf4\x90\x80\x80", 0}, /* beyond U+10FFFF */
	    {"\xe2\x82", 0},	     /* cut short */
	    {"\xff", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    cbt_utf8_char_len((const unsigned char *)cases[i].s, strlen(cases[i].s)),
		    cases[i].n);
}

static void test_cut_and_trim(void **state)
{
	(void)state;
	assert_int_equal(cbt_utf8_cut("ab" EURO "cd", 3), 2); /* not inside the euro sign */
	assert_int_equal(cbt_utf8_cut("ab" EURO "cd", 4), 2);
	assert_int_equal(cbt_utf8_cut("ab" EURO "cd", 5), 5);
	assert_int_equal(cbt_utf8_cut("abc", 10), 3);
	assert_int_equal(cbt_utf8_cut("a\x80\x80\x80\x80", 3), 3); /* stray bytes: anywhere */
	char s[16] = "x" EURO "\xe2\x82";
	cbt_utf8_trim(s);
	assert_string_equal(s, "x" EURO);
	char t[16] = "x" EURO;
	cbt_utf8_trim(t);
	assert_string_equal(t, "x" EURO);
	char u[16] = "abc\xf0\x9f\x98";
	cbt_utf8_trim(u);
	assert_string_equal(u, "abc");
}

static void test_term_safe(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(cbt_term_safe("\x1b]0;pwn\x07" EURO, buf, sizeof(buf)),
			    "\\e]0;pwn\\x07" EURO);
	assert_string_equal(cbt_term_safe("a\nb\tc\x7f\xff", buf, sizeof(buf)),
			    "a\\nb\\tc\\x7f\\xff");
	assert_string_equal(cbt_term_safe("\xc2\x9b"
					  "31m",
					  buf, sizeof(buf)),
			    "\\u009b31m");
	/* never cut inside an escape or a character */
	assert_string_equal(cbt_term_safe("ab\x1b", buf, 4), "ab");
	assert_string_equal(cbt_term_safe("a" EURO, buf, 4), "a");
	assert_string_equal(cbt_term_safe("a" EURO, buf, 5), "a" EURO);
}

static void test_json_strings_are_valid_utf8(void **state)
{
	(void)state;
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	struct cbt_json j;
	cbt_json_init(&j, f);
	cbt_json_array(&j, NULL);
	cbt_json_str(&j, NULL, "\xff\xfe" EURO "\x1b\"\\\x7f\xe2\x82");
	cbt_json_end(&j, ']');
	fclose(f);
	assert_non_null(
	    strstr(mem, "\"\\\\xff\\\\xfe" EURO "\\u001b\\\"\\\\\\u007f\\\\xe2\\\\x82\""));
	for (size_t i = 0; i < len;) { /* the whole document is UTF-8 */
		size_t cl = cbt_utf8_char_len((const unsigned char *)mem + i, len - i);
		assert_true(cl > 0);
		i += cl;
	}
	free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_char_len),
	    cmocka_unit_test(test_cut_and_trim),
	    cmocka_unit_test(test_term_safe),
	    cmocka_unit_test(test_json_strings_are_valid_utf8),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
