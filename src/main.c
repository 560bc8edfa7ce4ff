/* main.c - the pipeline of the README: command line -> plan -> measured (and traced) runs ->
 * explanations -> reports. Each step is one call into its part (docs/architecture.md). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "analysis/verify.h"
#include "cli/cli.h"
#include "runner/runner.h"
#include "session/compare_cmd.h"
#include "session/outputs.h"
#include "session/session.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
	cbt_interrupted = 1;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: a blocked read returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int main(int argc, char **argv)
{
	struct cbt_options o;
	struct cbt_outputs outputs;
	struct cbt_session s;
	char err[512];
	int rc;

	if (argc > 1 && strcmp(argv[1], "compare") == 0) /* a subcommand: its own options */
		return cbt_compare_main(argc - 1, argv + 1);
	/* 1. the command line, validated (bad input: exit 2 with what is allowed) */
	if ((rc = cbt_cli_parse(argc, argv, &o, err, sizeof(err)))) {
		fprintf(stderr, "concbench-trace: %s\n", err);
		return rc;
	}
	if (o.help || o.version || o.list) {
		if (o.help)
			cbt_cli_help(stdout);
		else if (o.version)
			printf("concbench-trace %s\n", CBT_VERSION);
		else
			cbt_cli_list(stdout);
		return 0;
	}
	/* 2. report files open before anything runs; tracer, interpreter, plan, lock probe */
	if ((rc = cbt_outputs_open(&o, &outputs)))
		return rc;
	install_signals();
	if ((rc = cbt_session_open(&s, &o))) {
		cbt_outputs_abort(&outputs); /* no existing file touched */
		return rc;
	}
	/* 3. every job of the plan, measured (and traced) run by run; probes detached after */
	cbt_session_measure(&s);
	/* 4. derived numbers and findings */
	cbt_session_explain(&s);
	/* 4b. --experiment: one cause removed at a time, interleaved with baseline runs */
	cbt_session_experiments(&s);
	/* 5. the reports, through the exporter registry */
	struct cbt_report rep = cbt_session_report(&s, cbt_interrupted != 0);
	rc = cbt_outputs_write(&o, &outputs, &rep);
	if (cbt_session_exit_status(&s))
		rc = 1;
	if (o.verify && rep.traced && !cbt_verify_all_ok(rep.results, rep.nresults))
		rc = 1; /* --verify: a traced figure disagrees with the kernel's (table printed) */
	/* -- CMD: the command's own status (128 + n when killed by signal n), as time does */
	if (o.command && o.ncommands == 1 && s.done && s.plan.results[0].exit_status != 0)
		rc = s.plan.results[0].exit_status;
	cbt_session_free(&s);
	fflush(stdout);
	if (stop_signal) { /* cleaned up: die of the signal, so a calling shell loop stops */
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
		return 128 + stop_signal;
	}
	return rc;
}
