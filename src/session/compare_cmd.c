/* compare_cmd.c - see compare_cmd.h. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare.h"
#include "report/compare_text.h"
#include "session/compare_cmd.h"
#include "util/json_read.h"

static const char usage[] =
    "usage: concbench-trace compare OLD.json NEW.json [OPTIONS]\n"
    "\n"
    "Compares two runs saved with --json, result by result (workload, runtime, backend):\n"
    "median wall time old -> new, the change, whether it is significant (Mann-Whitney U on\n"
    "the runs when both sides have >= 4, Welch's t with 2-3), and the part of task time that\n"
    "moved most (on-CPU, run-queue wait, blocked by reason, interpreter-lock wait).\n"
    "\n"
    "  --fail-above PCT  exit 1 when a result is significantly slower by more than PCT %\n"
    "  --noise PCT       changes below PCT % are never significant (default 1)\n"
    "  --alpha P         significance level (default 0.05)\n"
    "  --force           compare runs from different hosts, kernels or CPU counts\n"
    "  -h, --help        this text\n"
    "\n"
    "Exit status: 0, 1 (--fail-above tripped), 2 (bad arguments or unreadable files).\n";

/* A number in [lo, hi] from an option value; -1 with a message when it is not one. */
static int number(const char *opt, const char *v, double lo, double hi, double *out)
{
	char *end;
	double x = strtod(v, &end);
	if (!*v || *end || !isfinite(x) || x < lo || x > hi) {
		fprintf(stderr,
			"concbench-trace compare: %s takes a number from %g to %g, not '%s'\n", opt,
			lo, hi, v);
		return -1;
	}
	*out = x;
	return 0;
}

int cbt_compare_main(int argc, char **argv)
{
	static const struct option longs[] = {{"fail-above", required_argument, NULL, 'f'},
					      {"noise", required_argument, NULL, 'n'},
					      {"alpha", required_argument, NULL, 'a'},
					      {"force", no_argument, NULL, 'F'},
					      {"help", no_argument, NULL, 'h'},
					      {NULL, 0, NULL, 0}};
	struct cbt_compare_opts o = {.noise_floor = 0.01, .alpha = 0.05};
	double fail_above = NAN, pct;
	int c;
	optind = 1; /* options before or after the two files (GNU getopt permutes; -- ends them) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (number("--fail-above", optarg, 0, 1e6, &fail_above))
				return 2;
			break;
		case 'n':
			if (number("--noise", optarg, 0, 100, &pct))
				return 2;
			o.noise_floor = pct / 100;
			break;
		case 'a':
			if (number("--alpha", optarg, 1e-9, 0.5, &o.alpha))
				return 2;
			break;
		case 'F':
			o.force = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fprintf(stderr,
				"concbench-trace compare: unknown option or missing value '%s' "
				"(allowed: --fail-above PCT, --noise PCT, --alpha P, --force, "
				"--help)\n",
				argv[optind - 1]);
			return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr,
			"concbench-trace compare: give two files, OLD.json NEW.json (got %d)\n%s",
			argc - optind, usage);
		return 2;
	}
	char err[600];
	struct cbt_jval *docs[2] = {NULL, NULL};
	struct cbt_comparison cmp = {0};
	int rc = 2;
	for (int i = 0; i < 2; i++)
		if (!(docs[i] = cbt_jparse_file(argv[optind + i], err, sizeof(err)))) {
			fprintf(stderr, "concbench-trace compare: %s\n", err);
			goto out;
		}
	if (cbt_compare(docs[0], docs[1], &o, &cmp, err, sizeof(err)) != 0) {
		fprintf(stderr, "concbench-trace compare: %s\n", err);
		goto out;
	}
	cbt_compare_report(stdout, &cmp, argv[optind], argv[optind + 1], &o);
	rc = 0;
	for (size_t i = 0; isfinite(fail_above) && i < cmp.n; i++)
		if (cmp.rows[i].significant && cmp.rows[i].change * 100 > fail_above) {
			fprintf(stderr,
				"concbench-trace compare: %s %s %s is %.1f %% slower (p = %.3g), "
				"beyond --fail-above %g\n",
				cmp.rows[i].workload, cmp.rows[i].runtime, cmp.rows[i].backend,
				100 * cmp.rows[i].change, cmp.rows[i].p, fail_above);
			rc = 1;
		}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("concbench-trace compare: writing the report");
		rc = 2;
	}
out:
	cbt_comparison_free(&cmp);
	cbt_jfree(docs[0]);
	cbt_jfree(docs[1]);
	return rc;
}
