/* compare_text.c - see compare_text.h. */
#include <math.h>
#include <string.h>

#include "report/compare_text.h"
#include "util/units.h"

/* "c threads" or "python threads"; a long command is shortened in the middle. */
static void row_name(char *buf, size_t len, const struct cbt_cmp_row *r, size_t width)
{
	char full[512];
	snprintf(full, sizeof(full), "%s %s %s", r->workload ? r->workload : "?",
		 r->runtime ? r->runtime : "?", r->backend ? r->backend : "?");
	size_t n = strlen(full);
	if (n <= width) {
		size_t k = n < len ? n : len - 1; /* (snprintf warns at -O1: it cannot see n) */
		memcpy(buf, full, k);
		buf[k] = '\0';
		return;
	}
	size_t head = (width - 3) / 2, tail = width - 3 - head;
	/* never cut inside a UTF-8 sequence: move each cut back to a lead byte */
	while (head && ((unsigned char)full[head] & 0xc0) == 0x80)
		head--;
	while (tail && ((unsigned char)full[n - tail] & 0xc0) == 0x80)
		tail--;
	snprintf(buf, len, "%.*s...%s", (int)head, full, full + n - tail);
}

static const char *test_name(enum cbt_sig_test t)
{
	return t == CBT_SIG_U ? "U" : t == CBT_SIG_WELCH ? "t" : "";
}

static void print_row(FILE *f, const struct cbt_cmp_row *r)
{
	char name[64], o[32], n[32], ch[32] = "", p[32] = "", attr[160] = "";
	row_name(name, sizeof(name), r, 28);
	cbt_fmt_seconds(o, sizeof(o), r->old_median);
	cbt_fmt_seconds(n, sizeof(n), r->new_median);
	if (r->only_old || r->only_new) {
		fprintf(f, "%-28s %9s %9s  only in the %s file\n", name, r->only_new ? "-" : o,
			r->only_old ? "-" : n, r->only_new ? "new" : "old");
		return;
	}
	if (isfinite(r->change))
		snprintf(ch, sizeof(ch), "%+.1f %%", 100 * r->change);
	if (isfinite(r->p))
		snprintf(p, sizeof(p), "%.3f %s", r->p, test_name(r->test));
	else
		snprintf(p, sizeof(p), "n/a");
	if (r->attribution[0]) {
		char d[32], rel[32];
		cbt_fmt_seconds(d, sizeof(d), fabs(r->attribution_delta_s));
		if (isinf(r->attribution_change))
			snprintf(rel, sizeof(rel), "new");
		else if (r->attribution_change >= 999) /* from almost nothing: the delta says it */
			snprintf(rel, sizeof(rel), ">x1000");
		else if (r->attribution_change >= 9) /* a ratio reads better than +3343 % */
			snprintf(rel, sizeof(rel), "x%.0f", r->attribution_change + 1);
		else
			snprintf(rel, sizeof(rel), "%+.0f%%", 100 * r->attribution_change);
		snprintf(attr, sizeof(attr), "%s %s (%s%s)", r->attribution, rel,
			 r->attribution_delta_s < 0 ? "-" : "+", d);
	}
	fprintf(f, "%-28s %9s %9s %8s %1s %7s  %s\n", name, o, n, ch, r->significant ? "" : "~", p,
		attr);
}

void cbt_compare_report(FILE *f, const struct cbt_comparison *c, const char *old_path,
			const char *new_path, const struct cbt_compare_opts *o)
{
	fprintf(f, "compare: %s -> %s\n", old_path, new_path);
	if (c->forced)
		fprintf(f, "warning: different machines (%s), compared because of --force\n",
			c->mismatch);
	fprintf(f, "\n%-28s %9s %9s %8s   %7s  %s\n", "workload runtime backend", "old med.",
		"new med.", "change", "p", "moved most (task time/run)");
	for (size_t i = 0; i < c->n; i++)
		print_row(f, &c->rows[i]);
	if (c->geomean_n) {
		char label[48];
		snprintf(label, sizeof(label), "geometric mean (%zu result%s)", c->geomean_n,
			 c->geomean_n == 1 ? "" : "s");
		fprintf(f, "%-28s %9s %9s %+6.1f %%\n", label, "", "", 100 * c->geomean_change);
	}
	fprintf(f,
		"\n~ not significant: p >= %.2g, or a change below the %.3g %% noise floor.\n"
		"p of a test on the runs' wall times: U Mann-Whitney (>= 4 runs a side), t Welch\n"
		"(2-3 runs); n/a: fewer than 2 runs on a side.\n",
		o->alpha, 100 * o->noise_floor);
}
