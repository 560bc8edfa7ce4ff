/* cli_check.c - the checks of option combinations, after every option's value was parsed:
 * what contradicts, what needs tracing, what applies only to workloads or only to -- CMD. Each
 * mistake is one message saying what was wrong and what to do (exit 2). */
#include "backends/backend.h"
#include "cli/cli.h"
#include "cli/cli_opts.h"

int cbt_cli_check(struct cbt_options *o, const struct cbt_cli_given *g, struct cbt_cli_err *e)
{
	if (!o->runtimes)
		o->runtimes = CBT_RUNTIME_C;
	if (g->trace && g->no_trace)
		return cbt_bad(e, "--trace and --no-trace contradict each other; give one");
	if ((o->per_task || o->syscalls || o->verify || o->perf_counters) &&
	    o->trace == CBT_TRACE_OFF)
		return cbt_bad(e, "%s needs tracing; drop --no-trace",
			       o->per_task	  ? "--per-task"
			       : o->syscalls	  ? "--syscalls"
			       : o->perf_counters ? "--perf-counters"
						  : "--verify");
	if (o->experiment && o->trace == CBT_TRACE_OFF)
		return cbt_bad(e, "--experiment compares the tracer's attribution before and after "
				  "each change; drop --no-trace");
	if (o->nnames > o->ncommands)
		return cbt_bad(e,
			       "%u --name for %u --command: each --name names the --command of the "
			       "same rank",
			       o->nnames, o->ncommands);
	if (o->ncommands)
		o->command = o->commands[0];
	if (o->command) {
		if (g->workload_opt) /* accepted and ignored would mislead */
			return cbt_bad(
			    e,
			    "%s only applies to the built-in workloads (--workload), not to "
			    "-- CMD: drop it",
			    g->workload_opt);
		if (o->nworkloads || o->nbackends)
			return cbt_bad(e, "-- CMD runs a command instead of workloads: drop %s",
				       o->nworkloads ? "--workload" : "--backend");
		if (o->runtimes != CBT_RUNTIME_C)
			return cbt_bad(
			    e, "-- CMD and --runtime exclude each other: the command is the "
			       "runtime");
		if (!g->repeat) /* an investigation: the command runs once */
			o->repeat = 1;
		return 0;
	}
	if (o->run_as_root)
		return cbt_bad(e, "--run-as-root only applies to -- CMD");
	if (o->nworkloads == 0) {
		char allowed[512];
		cbt_names_of(allowed, sizeof(allowed), 1);
		return cbt_bad(
		    e, "no workload chosen: give --workload NAME[,NAME...] (%s) or all, or -- CMD",
		    allowed);
	}
	if (o->nbackends == 0) { /* every backend (plan.c skips those a runtime lacks) */
		for (unsigned i = 0; i < cbt_nbackends; i++)
			o->backends[i] = cbt_backends[i]->info.name;
		o->nbackends = cbt_nbackends;
	}
	if (o->params.schedstat_dump && (o->runtimes & CBT_RUNTIME_PYTHON))
		return cbt_bad(
		    e, "--dump-schedstat is written by the native (--runtime c) tasks only; "
		       "drop it or --runtime python");
	if (o->python && !(o->runtimes & CBT_RUNTIME_PYTHON))
		return cbt_bad(e, "--python needs --runtime python (or c,python)");
	if (o->params.io_block > o->params.io_size)
		return cbt_bad(e, "--io-block (%u) is larger than --io-size (%u); it must not be",
			       o->params.io_block, o->params.io_size);
	if (o->params.mixed_chunks > o->params.cpu_size ||
	    o->params.mixed_chunks > o->params.io_size)
		return cbt_bad(e, "--mixed-chunks (%u) must not exceed --cpu-size or --io-size",
			       o->params.mixed_chunks);
	return 0;
}
