/* cli_opts.c - the option table: every option, in --help's order, with its help (help.c
 * prints it) and its id (cli.c dispatches on it). */
#include "cli/cli.h"
#include "cli/cli_opts.h"
#include "model/catalog.h"

const char *const cbt_opt_groups[G_COUNT] = {"What to run", "What each task does",
					     "Knobs that change one cause at a time", "How often",
					     "Tracing and output"};
const unsigned cbt_nopt_groups = G_COUNT;

/* Every option, in --help's order; --help prints each with its help and, where a table says
 * more (names, the workloads and backends a knob changes), that too. */
const struct cbt_opt cbt_opts[] = {
    {O_WORKLOAD, "--workload", "-w", "LIST", G_RUN, CBT_LIST_NONE, 0,
     "the workloads to run, comma-separated, or all (Workloads below)"},
    {O_BACKEND, "--backend", "-b", "LIST", G_RUN, CBT_LIST_NONE, 0,
     "the backends to run them under, comma-separated, or all (default: all; Backends "
     "below)"},
    {O_RUNTIME, "--runtime", NULL, "LIST", G_RUN, CBT_LIST_NONE, 0,
     "c, python or c,python: the native backends, the same backends in CPython (the script "
     "cbt_bench.py), or both side by side (default: c)"},
    {O_PYTHON, "--python", NULL, "PATH", G_RUN, CBT_LIST_NONE, 0,
     "the interpreter for --runtime python (default: python3 on PATH)"},
    {O_COMMAND, "--", NULL, "CMD [ARGS...]", G_RUN, CBT_LIST_NONE, 0,
     "instead of workloads, time and trace any command (with every task it creates); its exit "
     "status is reported. Under sudo it runs as the invoking user"},
    {O_COMMAND_STR, "--command", NULL, "'CMD ARGS'", G_RUN, CBT_LIST_NONE, 0,
     "time and trace this command beside the others given so (repeatable, up to 16): each is "
     "timed, traced and explained like a backend and compared with the others; quoted as in a "
     "shell, but no shell runs it"},
    {O_NAME, "--name", NULL, "NAME", G_RUN, CBT_LIST_NONE, 0,
     "the name of the --command of the same rank in the tables (repeatable)"},
    {O_RUN_AS_ROOT, "--run-as-root", NULL, NULL, G_RUN, CBT_LIST_NONE, 0,
     "under sudo, run -- CMD as root instead of as the invoking user"},
    {O_TASKS, "--tasks", "-n", "N", G_TASK, CBT_LIST_NONE, 0,
     "tasks per run (default 100; 1..10000)"},
    {O_ITERATIONS, "--iterations", NULL, "N", G_TASK, CBT_LIST_KNOB, CBT_KNOB_ITERATIONS,
     "zero-length sleeps per task (default 10000)"},
    {O_YIELD, "--yield", NULL, "KIND", G_TASK, CBT_LIST_YIELDS, CBT_KNOB_YIELD,
     "the yield-loop primitive (default nanosleep, what CPython's time.sleep(0) calls):"},
    {O_SLEEP, "--sleep", NULL, "SECONDS", G_TASK, CBT_LIST_KNOB, CBT_KNOB_SLEEP,
     "sleep length; variable-sleep draws U(0,1) x SECONDS (default 5)"},
    {O_SEED, "--seed", NULL, "N", G_TASK, CBT_LIST_KNOB, CBT_KNOB_SEED,
     "variable-sleep draws are reproducible from it (default 1)"},
    {O_CPU_SIZE, "--cpu-size", NULL, "N", G_TASK, CBT_LIST_KNOB, CBT_KNOB_CPU_SIZE,
     "squares computed per task (default 1000000 = the seed's list of 0..999,999; the "
     "calibrated cost is printed)"},
    {O_IO_SIZE, "--io-size", NULL, "BYTES", G_TASK, CBT_LIST_KNOB, CBT_KNOB_IO_SIZE,
     "bytes written per task (default 1M)"},
    {O_IO_BLOCK, "--io-block", NULL, "BYTES", G_TASK, CBT_LIST_KNOB, CBT_KNOB_IO_BLOCK,
     "bytes per write() call (default 4K, max 64K)"},
    {O_MIXED_CHUNKS, "--mixed-chunks", NULL, "N", G_TASK, CBT_LIST_KNOB, CBT_KNOB_MIXED_CHUNKS,
     "cpu/io alternations per task (default 10)"},
    {O_WORKERS, "--workers", NULL, "N", G_KNOBS, CBT_LIST_KNOB, CBT_KNOB_WORKERS,
     "pool size (default: CPUs)"},
    {O_SWITCH_INTERVAL, "--switch-interval", NULL, "S", G_KNOBS, CBT_LIST_KNOB,
     CBT_KNOB_SWITCH_INTERVAL,
     "a waiter asks the lock holder to drop the lock after S seconds (default 0.005, as "
     "CPython; CPython runs get it through sys.setswitchinterval)"},
    {O_TIMER_SLACK, "--timer-slack", NULL, "NS", G_KNOBS, CBT_LIST_NONE, 0,
     "the tasks' timer slack (prctl PR_SET_TIMERSLACK), set before they start (default: leave "
     "the system's)"},
    {O_CPUS, "--cpus", NULL, "LIST", G_KNOBS, CBT_LIST_NONE, 0,
     "pin the run and all its tasks to these CPUs, e.g. 0 or 0-1"},
    {O_EXPERIMENT, "--experiment", NULL, "[=LIST]", G_KNOBS, CBT_LIST_NONE, 0,
     "after the runs, flip one cause at a time: re-run each backend whose findings name a "
     "cause these knobs (or a sibling backend without the lock) switch off, alternating with "
     "baseline runs at a reduced size, and report what each cause was worth "
     "(docs/experiments.md); =LIST runs only these interventions, e.g. "
     "=timer-slack-1ns,lock-removed"},
    {O_REPEAT, "--repeat", "-r", "N", G_OFTEN, CBT_LIST_ADAPTIVE, 0,
     "measured runs per backend (1..1000)."},
    {O_WARMUP, "--warmup", NULL, "N", G_OFTEN, CBT_LIST_NONE, 0,
     "unmeasured runs first (default 0)"},
    {O_TRACE, "--trace", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "trace with eBPF (default when privileged)"},
    {O_NO_TRACE, "--no-trace", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "time only; needs no privileges"},
    {O_PER_TASK, "--per-task", NULL, "[=N]", G_OUTPUT, CBT_LIST_NONE, 0,
     "add a table of the N tasks with most off-CPU time (10)"},
    {O_COMPARE_SEED, "--compare-seed", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "print the figures the original benchmarks published beside this run's, and why they "
     "differ here (docs/seeds.md)"},
    {O_SYSCALLS, "--syscalls", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "add the per-backend system-call table (names from the running kernel's syscall "
     "metadata, else the build's headers: the tracing line says which)"},
    {O_VERIFY, "--verify", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "check the traced figures against the kernel's own accounting of each task (table; exit "
     "1 when one disagrees beyond its tolerance, docs/verify.md)"},
    {O_PERF_COUNTERS, "--perf-counters", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "also count with perf software counters inherited by every task (context switches, "
     "migrations, task clock, page faults; JSON perf_counters): a cross-check of the traced "
     "figures that costs the tasks time at every switch, so off by default (docs/overhead.md)"},
    {O_EXPLAIN, "--explain", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "print Findings: why each backend took its time (default)"},
    {O_NO_EXPLAIN, "--no-explain", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "hide the Findings (the JSON always has them)"},
    {O_VERBOSE, "--verbose", "-v", NULL, G_OUTPUT, CBT_LIST_NONE, 0,
     "the long text report: the tables' legends, the lock probes, two findings per backend in "
     "full, notes naming each backend (the JSON and HTML always have all of it)"},
    {O_JSON, "--json", NULL, "FILE", G_OUTPUT, CBT_LIST_NONE, 0,
     "write all results as one JSON document (- = stdout; schema in docs/json.md)"},
    {O_EXPORT, "--export", NULL, "FORMAT=FILE", G_OUTPUT, CBT_LIST_NONE, 0,
     "also write a report in FORMAT (Output formats below) to FILE (- = stdout); repeatable"},
    {O_TIMELINE_LIMIT, "--timeline-limit", NULL, "N", G_OUTPUT, CBT_LIST_NONE, 0,
     "scheduler events the timeline keeps over the invocation (default 750000, ~120 MB)"},
    {O_DUMP_SCHEDSTAT, "--dump-schedstat", NULL, "F", G_OUTPUT, CBT_LIST_NONE, 0,
     "each task appends 'tid run_ns wait_ns slices' from its own /proc/thread-self/schedstat "
     "to F when it finishes"},
    {O_QUIET, "--quiet", "-q", NULL, G_OUTPUT, CBT_LIST_NONE, 0, "no progress on stderr"},
    {O_LIST, "--list", NULL, NULL, G_OUTPUT, CBT_LIST_NONE, 0, "list workloads and backends"},
    {O_HELP, "--help", "-h", NULL, G_OUTPUT, CBT_LIST_NONE, 0, "this text"},
    {O_VERSION, "--version", "-V", NULL, G_OUTPUT, CBT_LIST_NONE, 0, "the version"},
};
const unsigned cbt_nopts = sizeof(cbt_opts) / sizeof(cbt_opts[0]);
