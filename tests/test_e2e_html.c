/* test_e2e_html.c - --export html=FILE rendered by a headless Chromium (Debian's chromium, which
 * `make test` installs): the page is self-contained, the screenshot has the expected size and is
 * not blank, and the stacked bars' lengths, in the SVG and in the rendered pixels, are the JSON's
 * shares of task time within 1 %. The checks are in tests/data/check_html.py. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "e2e.h"

#define SHOT_W 1400
#define SHOT_H 1600

static void test_html_renders_and_matches_json(void **state)
{
	(void)state;
	char args[2048], page[512], js[512], png[512], cmd[4096];
	if (geteuid() != 0) {
		print_message("needs root (tracing)\n");
		fail();
	}
	if (system("command -v chromium >/dev/null 2>&1") != 0) {
		print_message("chromium is missing: make test installs it (apt-get install "
			      "chromium)\n");
		fail();
	}
	snprintf(
	    args, sizeof(args),
	    "--trace -q -r 2 --runtime c,python -w yield-loop -b threads,gil-threads,processes "
	    "-n 8 --iterations 100 --export html=%s --json %s",
	    e2e_path(page, sizeof(page), "r.html"), e2e_path(js, sizeof(js), "r.json"));
	assert_int_equal(e2e_run(args), 0);
	/* a private profile directory: nothing of the user's, nothing left behind */
	snprintf(cmd, sizeof(cmd),
		 "timeout 300 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
		 "--user-data-dir='%s/profile' --force-device-scale-factor=1 --window-size=%d,%d "
		 "--screenshot='%s' 'file://%s' >'%s/chromium.txt' 2>&1",
		 e2e_dir, SHOT_W, SHOT_H, e2e_path(png, sizeof(png), "r.png"), page, e2e_dir);
	int rc = system(cmd);
	if (rc != 0)
		print_message("chromium failed:\n%s\n", e2e_read("chromium.txt"));
	assert_int_equal(rc, 0);
	snprintf(cmd, sizeof(cmd), "'%s' tests/data/check_html.py '%s' '%s' '%s' %d %d",
		 e2e_python(), page, js, png, SHOT_W, SHOT_H);
	int st = system(cmd);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_html_renders_and_matches_json, e2e_setup,
					    e2e_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
