/* help.c - the --help text, generated from the option table (cli.c) and the workloads',
 * backends' and exporters' own tables; and --list. */
#include <string.h>

#include "backends/backend.h"
#include "backends/coro.h"
#include "cli/cli.h"
#include "model/result.h"
#include "report/exporter.h"
#include "util/units.h"

#define HELP_COL   25 /* where the help of an option starts */
#define HELP_WIDTH 96 /* lines wrap before this column */

static const char *const intro[] = {
    "concbench-trace - time concurrency backends AND show what the kernel did to them",
    "",
    "Usage: concbench-trace --workload NAME[,NAME...]|all [options]",
    "       concbench-trace [options] -- CMD [ARGS...]",
    "       concbench-trace [options] --command 'CMD ARGS' [--name NAME] --command ...",
    "       concbench-trace compare OLD.json NEW.json [--fail-above PCT] [...]",
    "",
    "Runs each workload under each backend in a freshly forked run leader, times",
    "create -> start -> join of all tasks, and, when privileged, traces every task of the",
    "run with eBPF to say where its time went.",
};

static const char *const outro[] = {
    "",
    "Examples:",
    "  concbench-trace --workload yield-loop          why are sleep(0) threads slow?",
    "  concbench-trace -w cpu,io -b threads,processes --json out.json",
    "  concbench-trace -w yield-loop --no-trace -n 10 --iterations 200   quick, unprivileged",
    "  concbench-trace -w yield-loop --runtime c,python -b threads,gil-threads",
    "  sudo concbench-trace -- python3 my_script.py   any command, traced as the sudo user",
    "",
    "Exit status: 0 all runs measured; 1 a run failed or a report could not be written;",
    "2 bad usage, found before anything runs; with -- CMD the command's own status (128+n",
    "when signal n killed it). After Ctrl-C (or SIGTERM) the tool cleans up, then dies of",
    "that signal (a shell sees 130, 143). -- CMD runs once unless --repeat says otherwise.",
    "compare reads two files saved with --json and says what changed (compare --help).",
    "Privileges: tracing needs CAP_BPF + CAP_PERFMON (or root); the interpreter-lock",
    "uprobes also need CAP_SYS_ADMIN. Under sudo, commands run as the invoking user.",
    "Progress and warnings go to stderr, results to stdout. NO_COLOR is honoured.",
};

/* Appends to text (the help of one option) what its table says. */
static void table_text(const struct cbt_opt *o, char *buf, size_t len)
{
	size_t n = strlen(buf);
	const char *sep = " ";
#define ADD(...) (n += (size_t)snprintf(buf + n, n < len ? len - n : 0, __VA_ARGS__))
	switch (o->list) {
	case CBT_LIST_NONE:
		break;
	case CBT_LIST_YIELDS:
		ADD(" %s", cbt_yield_names());
		break;
	case CBT_LIST_KNOB:
		ADD("; changes:");
		for (unsigned i = 0; i < cbt_nworkloads; i++)
			if (cbt_workloads[i].knobs & o->knob)
				ADD("%s%s", sep, cbt_workloads[i].name), sep = ", ";
		for (unsigned i = 0; i < cbt_nbackends; i++)
			if (cbt_backends[i]->info.knobs & o->knob)
				ADD("%s%s", sep, cbt_backends[i]->info.name), sep = ", ";
		break;
	case CBT_LIST_ADAPTIVE:
		ADD(" Without it, runs are adaptive: at least %d and at most %d measured runs, "
		    "stopping once there are %d runs or %.0f s of measured time.",
		    CBT_ADAPTIVE_MIN_RUNS, CBT_ADAPTIVE_MAX_RUNS, CBT_ADAPTIVE_TARGET_RUNS,
		    CBT_ADAPTIVE_BUDGET_S);
		break;
	}
#undef ADD
}

/* Prints `left` then `text` from column HELP_COL, wrapped at HELP_WIDTH. */
static void wrapped(FILE *f, const char *left, const char *text)
{
	int col = fprintf(f, "%s", left);
	if (col > HELP_COL - 2)
		col += fprintf(f, "  ");
	else
		col += fprintf(f, "%*s", HELP_COL - col, "");
	while (*text) {
		size_t cut = cbt_line_cut(text, (size_t)(HELP_WIDTH - col));
		fprintf(f, "%.*s\n", (int)cut, text);
		text += cut;
		while (*text == ' ')
			text++;
		if (*text)
			col = fprintf(f, "%*s", HELP_COL, "");
	}
}

void cbt_cli_help(FILE *f)
{
	for (size_t i = 0; i < sizeof(intro) / sizeof(intro[0]); i++)
		fprintf(f, "%s\n", intro[i]);
	for (int g = 0; g < (int)cbt_nopt_groups; g++) {
		fprintf(f, "\n%s:\n", cbt_opt_groups[g]);
		for (unsigned i = 0; i < cbt_nopts; i++) {
			const struct cbt_opt *o = &cbt_opts[i];
			char left[64], text[1024];
			if (o->group != g)
				continue;
			snprintf(left, sizeof(left), "  %s%s%s%s%s", o->alias ? o->alias : "  ",
				 o->alias ? ", " : "  ", o->name,
				 o->arg && o->arg[0] != '[' ? " " : "", o->arg ? o->arg : "");
			snprintf(text, sizeof(text), "%s", o->help);
			table_text(o, text, sizeof(text));
			wrapped(f, left, text);
		}
	}
	fputs("\nWorkloads (what their tasks block on; --list says what they do):\n", f);
	for (unsigned i = 0; i < cbt_nworkloads; i++) {
		char left[64];
		snprintf(left, sizeof(left), "  %s", cbt_workloads[i].name);
		wrapped(f, left, cbt_workloads[i].blocks_on);
	}
	fputs("\nBackends (how their tasks start and are joined; * = also in --runtime python):\n",
	      f);
	for (unsigned i = 0; i < cbt_nbackends; i++) {
		char left[64];
		snprintf(left, sizeof(left), "  %s%s", cbt_backends[i]->info.name,
			 cbt_backends[i]->info.python ? " *" : "");
		wrapped(f, left, cbt_backends[i]->info.waits);
	}
	fputs("\nReport formats (the text one goes to standard output unless a file takes it):\n",
	      f);
	for (size_t i = 0; i < cbt_nexporters; i++) {
		char left[64];
		snprintf(left, sizeof(left), "  %s (.%s)", cbt_exporters[i]->name,
			 cbt_exporters[i]->extension);
		wrapped(f, left, cbt_exporters[i]->summary);
	}
	for (size_t i = 0; i < sizeof(outro) / sizeof(outro[0]); i++)
		fprintf(f, "%s\n", outro[i]);
}

void cbt_cli_list(FILE *f)
{
	fputs("Workloads:\n", f);
	for (unsigned i = 0; i < cbt_nworkloads; i++)
		fprintf(f, "  %-16s %s\n", cbt_workloads[i].name, cbt_workloads[i].summary);
	fputs("\nBackends:\n", f);
	for (unsigned i = 0; i < cbt_nbackends; i++)
		fprintf(f, "  %-16s %s\n", cbt_backends[i]->info.name,
			cbt_backends[i]->info.summary);
	fprintf(f, "\nCoroutine switch: %s\n", cbt_coro_switch_kind());
}
