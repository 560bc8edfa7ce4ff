/* help.c - the --help and --list texts. */
#include "backend.h"
#include "cli.h"
#include "coro.h"

void cbt_cli_help(FILE *f)
{
	fputs(
	    "concbench-trace - time concurrency backends AND show what the kernel did to them\n"
	    "\n"
	    "Usage: concbench-trace --workload NAME[,NAME...]|all [options]\n"
	    "\n"
	    "Runs each workload under each backend (serial, threads, processes, coroutines) in a\n"
	    "freshly forked run leader, times create -> start -> join of all tasks, and, when\n"
	    "privileged, traces every task of the run with eBPF to say where its time went.\n"
	    "\n"
	    "What to run:\n"
	    "  -w, --workload LIST    fixed-sleep, variable-sleep, startup, yield-loop, cpu, io,\n"
	    "                         mixed, or all (see --list)\n"
	    "  -b, --backend LIST     serial, threads, processes, coroutines, or all (default: "
	    "all)\n"
	    "  -n, --tasks N          tasks per run (default 100; 1..10000)\n"
	    "      --iterations N     yield-loop: zero-length sleeps per task (default 10000)\n"
	    "      --yield KIND       yield-loop primitive: nanosleep (default; what CPython's\n"
	    "                         time.sleep(0) calls), sched_yield, clock_nanosleep\n"
	    "      --sleep SECONDS    fixed-sleep length; variable-sleep draws U(0,1) x SECONDS\n"
	    "                         (default 5)\n"
	    "      --seed N           variable-sleep draws are reproducible from it (default 1)\n"
	    "      --cpu-size N       cpu: squares computed per task (default 1000000 = the "
	    "seed's\n"
	    "                         list of 0..999,999; the calibrated cost is printed)\n"
	    "      --io-size BYTES    io/mixed: bytes written per task (default 1M)\n"
	    "      --io-block BYTES   io/mixed: bytes per write() call (default 4K, max 64K)\n"
	    "      --mixed-chunks N   mixed: cpu/io alternations per task (default 10)\n"
	    "\n"
	    "How often:\n"
	    "  -r, --repeat N         measured runs per backend (1..1000). Without it, runs are\n"
	    "                         adaptive: at least 1 and at most 10 measured runs, stopping\n"
	    "                         once there are 3 runs or 10 s of measured time.\n"
	    "      --warmup N         unmeasured runs first (default 0)\n"
	    "\n"
	    "Tracing and output:\n"
	    "      --trace            trace with eBPF + perf counters (default when privileged)\n"
	    "      --no-trace         time only; needs no privileges\n"
	    "      --per-task[=N]     add a table of the N tasks with most off-CPU time (10)\n"
	    "      --syscalls         add the per-backend system-call table\n"
	    "      --json FILE        write all results as one JSON document (- = stdout)\n"
	    "      --dump-schedstat F each task appends 'tid run_ns wait_ns' from its\n"
	    "                         /proc/thread-self/schedstat to F before it exits\n"
	    "  -q, --quiet            no progress on stderr\n"
	    "      --list             list workloads and backends\n"
	    "  -h, --help             this text;   -V, --version   the version\n"
	    "\n"
	    "Examples:\n"
	    "  concbench-trace --workload yield-loop            why are sleep(0) threads slow?\n"
	    "  concbench-trace -w cpu,io -b threads,processes --json out.json\n"
	    "  concbench-trace -w yield-loop --no-trace -n 10 --iterations 200   quick, "
	    "unprivileged\n"
	    "\n"
	    "Exit status: 0 all runs measured, 1 a run failed, 2 bad usage, 130 interrupted.\n"
	    "Progress and warnings go to stderr, results to stdout. NO_COLOR is honoured.\n",
	    f);
}

void cbt_cli_list(FILE *f)
{
	fputs("Workloads:\n", f);
	for (unsigned i = 0; i < cbt_nworkloads; i++)
		fprintf(f, "  %-15s %s\n", cbt_workloads[i].name, cbt_workloads[i].summary);
	fputs("\nBackends:\n", f);
	for (unsigned i = 0; i < cbt_nbackends; i++)
		fprintf(f, "  %-15s %s\n", cbt_backends[i]->name, cbt_backends[i]->summary);
	fprintf(f, "\nCoroutine switch: %s\n", cbt_coro_switch_kind());
}
