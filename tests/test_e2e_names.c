/* test_e2e_names.c - a traced program with a hostile name and arguments: an escape sequence
 * (it would set the terminal's title), bytes that are not UTF-8, a name the kernel cuts at 15
 * bytes inside a character, a command line longer than a label. The JSON stays valid UTF-8 and
 * carries the argv in full; the terminal sees the control characters escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "e2e.h"

#define EURO "\xe2\x82\xac"

static int has_byte(const char *s, char c)
{
	return strchr(s, c) != NULL;
}

static void test_hostile_names(void **state)
{
	(void)state;
	char json[512], args[2048];
	/* comm: ESC ] 0 ; p w n BEL + 3 euro signs = 17 bytes, cut by the kernel at 15 */
	const char *script =
	    "import time; open('/proc/self/comm','wb').write(b'\\x1b]0;pwn\\x07' + "
	    "'\\u20ac'.encode() * 3); t = time.time()\n"
	    "while time.time() - t < 0.3: pass";
	snprintf(args, sizeof(args),
		 "--trace -q --per-task --json %s -- python3 -c \"%s\" '\xff\xfe' "
		 "'" EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO
		 "' '\x1b]0;title\x07'",
		 e2e_path(json, sizeof(json), "names.json"), script);
	assert_int_equal(e2e_run(args), 0);
	/* json.load reads it (strict UTF-8): valid; the argv is all there, raw bytes as \xNN */
	assert_true(e2e_json("names.json", "R[0]['command'][0] == 'python3' and "
					   "R[0]['command'][3] == '\\\\xff\\\\xfe' and "
					   "R[0]['command'][4] == '\\u20ac' * 15 and "
					   "R[0]['command'][5] == '\\x1b]0;title\\x07'") == 1);
	/* the kernel's cut name lost its incomplete last character, nothing else */
	assert_true(e2e_json("names.json", "any(t['comm'] == '\\x1b]0;pwn\\x07' + '\\u20ac' * 2 "
					   "for t in R[0]['per_task'])") == 1);
	/* the terminal got no control character from the program */
	const char *out = e2e_read("out.txt");
	assert_false(has_byte(out, '\x1b'));
	assert_false(has_byte(out, '\x07'));
	assert_non_null(strstr(out, "\\e]0;pwn\\x07" EURO EURO));
	const char *err = e2e_read("err.txt");
	assert_false(has_byte(err, '\x1b'));

	/* the JSON's label is never shortened; the table's is, in the middle, on character
	 * boundaries: 18 columns, "echo " + 2 euro signs, "...", 8 euro signs */
	snprintf(
	    args, sizeof(args),
	    "--no-trace -q --json %s -- echo " EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO
		EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO EURO,
	    e2e_path(json, sizeof(json), "label.json"));
	assert_int_equal(e2e_run(args), 0);
	assert_true(e2e_json("label.json", "R[0]['label'] == 'echo ' + '\\u20ac' * 25 and "
					   "R[0]['command'][1] == '\\u20ac' * 25") == 1);
	assert_non_null(strstr(e2e_read("out.txt"), "echo " EURO EURO "..." EURO EURO EURO EURO EURO
						    EURO EURO EURO " "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hostile_names),
	};
	return cmocka_run_group_tests_name("e2e-names", tests, e2e_setup, e2e_teardown);
}
