/* help.c - the --help and --list texts. */
#include "backends/backend.h"
#include "cli/cli.h"
#include "backends/coro.h"

static const char *const help_lines[] = {
    "concbench-trace - time concurrency backends AND show what the kernel did to them",
    "",
    "Usage: concbench-trace --workload NAME[,NAME...]|all [options]",
    "",
    "Runs each workload under each backend in a freshly forked run leader, times",
    "create -> start -> join of all tasks, and, when privileged, traces every task of the",
    "run with eBPF and perf counters to say where its time went.",
    "",
    "What to run:",
    "  -w, --workload LIST    fixed-sleep, variable-sleep, startup, yield-loop, cpu, io,",
    "                         mixed, or all (see --list)",
    "  -b, --backend LIST     serial, threads, processes, coroutines, thread-pool,",
    "                         process-pool, coro-threadpool, coro-procpool, gil-threads,",
    "                         or all (default: all)",
    "  -n, --tasks N          tasks per run (default 100; 1..10000)",
    "      --iterations N     yield-loop: zero-length sleeps per task (default 10000)",
    "      --yield KIND       yield-loop primitive: nanosleep (default; what CPython's",
    "                         time.sleep(0) calls), sched_yield, clock_nanosleep",
    "      --sleep SECONDS    fixed-sleep length; variable-sleep draws U(0,1) x SECONDS",
    "                         (default 5)",
    "      --seed N           variable-sleep draws are reproducible from it (default 1)",
    "      --cpu-size N       cpu: squares computed per task (default 1000000 = the seed's",
    "                         list of 0..999,999; the calibrated cost is printed)",
    "      --io-size BYTES    io/mixed: bytes written per task (default 1M)",
    "      --io-block BYTES   io/mixed: bytes per write() call (default 4K, max 64K)",
    "      --mixed-chunks N   mixed: cpu/io alternations per task (default 10)",
    "",
    "Knobs that change one cause at a time:",
    "      --workers N        pool size of the *-pool and coro-* backends (default: CPUs)",
    "      --switch-interval S  gil-threads: a waiter asks the holder to drop the lock",
    "                         after S seconds (default 0.005, as CPython)",
    "      --timer-slack NS   the tasks' timer slack (prctl PR_SET_TIMERSLACK), set before",
    "                         they start (default: leave the system's)",
    "      --cpus LIST        pin the run and all its tasks to these CPUs, e.g. 0 or 0-1",
    "",
    "How often:",
    "  -r, --repeat N         measured runs per backend (1..1000). Without it, runs are",
    "                         adaptive: at least 1 and at most 10 measured runs, stopping",
    "                         once there are 3 runs or 10 s of measured time.",
    "      --warmup N         unmeasured runs first (default 0)",
    "",
    "Tracing and output:",
    "      --trace            trace with eBPF + perf counters (default when privileged)",
    "      --no-trace         time only; needs no privileges",
    "      --per-task[=N]     add a table of the N tasks with most off-CPU time (10)",
    "      --syscalls         add the per-backend system-call table",
    "      --explain          print Findings: why each backend took its time (default)",
    "      --no-explain       hide the Findings (the JSON always has them)",
    "      --json FILE        write all results as one JSON document (- = stdout)",
    "      --dump-schedstat F each task appends 'tid run_ns wait_ns slices' from its own",
    "                         /proc/thread-self/schedstat to F when it finishes",
    "  -q, --quiet            no progress on stderr",
    "      --list             list workloads and backends",
    "  -h, --help             this text;   -V, --version   the version",
    "",
    "Examples:",
    "  concbench-trace --workload yield-loop          why are sleep(0) threads slow?",
    "  concbench-trace -w cpu,io -b threads,processes --json out.json",
    "  concbench-trace -w yield-loop --no-trace -n 10 --iterations 200   quick, unprivileged",
    "",
    "Exit status: 0 all runs measured, 1 a run failed, 2 bad usage, 130 interrupted.",
    "Progress and warnings go to stderr, results to stdout. NO_COLOR is honoured.",
};

void cbt_cli_help(FILE *f)
{
	for (size_t i = 0; i < sizeof(help_lines) / sizeof(help_lines[0]); i++)
		fprintf(f, "%s\n", help_lines[i]);
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
