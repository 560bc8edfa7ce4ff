/* workload.c - the seed workloads: their descriptions and bodies. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "backends/workload.h"

static void block_begin(struct cbt_task_ctx *ctx)
{
	if (ctx->hooks && ctx->hooks->block_begin)
		ctx->hooks->block_begin(ctx);
}

static void block_end(struct cbt_task_ctx *ctx)
{
	if (ctx->hooks && ctx->hooks->block_end)
		ctx->hooks->block_end(ctx);
}

static void checkpoint(struct cbt_task_ctx *ctx)
{
	if (ctx->hooks && ctx->hooks->checkpoint)
		ctx->hooks->checkpoint(ctx);
}

static void sleep_ns(struct cbt_task_ctx *ctx, uint64_t ns)
{
	if (ctx->hooks && ctx->hooks->sleep) {
		ctx->hooks->sleep(ctx, ns);
		return;
	}
	struct timespec ts = {.tv_sec = ns / 1000000000ull, .tv_nsec = ns % 1000000000ull};
	block_begin(ctx);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	block_end(ctx);
}

static void body_sleep(struct cbt_task_ctx *ctx)
{
	sleep_ns(ctx, ctx->sleep_ns);
}

static void body_startup(struct cbt_task_ctx *ctx)
{
	(void)ctx;
}

/* One zero-length "sleep(0)": always a blocking call, also inside a coroutine (as in asyncio).
 * The nanosleep kind makes the nanosleep system call itself: glibc's nanosleep() wrapper would
 * issue clock_nanosleep, and the trace must show the call the user chose. */
static void yield_once(enum cbt_yield_kind kind)
{
	static const struct timespec zero = {0, 0};
	struct timespec now;

	switch (kind) {
	case CBT_YIELD_NANOSLEEP:
		syscall(SYS_nanosleep, &zero, NULL);
		break;
	case CBT_YIELD_SCHED_YIELD:
		sched_yield();
		break;
	case CBT_YIELD_CLOCK_NANOSLEEP:
		clock_gettime(CLOCK_MONOTONIC, &now);
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL);
		break;
	}
}

static void body_yield_loop(struct cbt_task_ctx *ctx)
{
	for (unsigned i = 0; i < ctx->params->iterations; i++) {
		block_begin(ctx);
		yield_once(ctx->params->yield);
		block_end(ctx);
		checkpoint(ctx);
	}
}

/* Squares of [from, to) into a fresh array, summed into the checksum (the seed's list build). */
#define CPU_CHUNK 4096u
static void cpu_squares(struct cbt_task_ctx *ctx, unsigned from, unsigned to)
{
	if (to <= from)
		return;
	uint64_t *a = malloc((size_t)(to - from) * sizeof(*a));
	if (!a) {
		ctx->error = ENOMEM;
		return;
	}
	for (unsigned base = from; base < to; base += CPU_CHUNK) {
		unsigned end = to - base > CPU_CHUNK ? base + CPU_CHUNK : to;
		for (unsigned i = base; i < end; i++)
			a[i - from] = (uint64_t)i * i;
		checkpoint(ctx);
	}
	__asm__ volatile("" : : "r"(a) : "memory"); /* the stores must happen */
	uint64_t sum = 0;
	for (unsigned i = 0; i < to - from; i++)
		sum += a[i] ^ (sum >> 7);
	ctx->checksum += sum;
	free(a);
}

static void body_cpu(struct cbt_task_ctx *ctx)
{
	cpu_squares(ctx, 0, ctx->params->cpu_size);
}

static int io_open(struct cbt_task_ctx *ctx, char *path, size_t len)
{
	snprintf(path, len, "%s/task-%u", ctx->io_dir, ctx->index);
	block_begin(ctx);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	block_end(ctx);
	if (fd < 0)
		ctx->error = errno;
	return fd;
}

/* Writes `bytes` in io_block-sized write() calls. */
static void io_write(struct cbt_task_ctx *ctx, int fd, unsigned bytes)
{
	static const char block[1 << 16]; /* zeroes; io_block is capped at 64 KiB */
	unsigned bs = ctx->params->io_block;

	while (bytes > 0 && !ctx->error) {
		size_t n = bytes < bs ? bytes : bs;
		block_begin(ctx);
		ssize_t w = write(fd, block, n);
		block_end(ctx);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			ctx->error = errno;
			return;
		}
		bytes -= (unsigned)w;
		checkpoint(ctx);
	}
}

static void io_finish(struct cbt_task_ctx *ctx, int fd, const char *path)
{
	block_begin(ctx);
	if (fsync(fd) != 0 && !ctx->error)
		ctx->error = errno;
	close(fd);
	unlink(path);
	block_end(ctx);
}

static void body_io(struct cbt_task_ctx *ctx)
{
	char path[4096];
	int fd = io_open(ctx, path, sizeof(path));
	if (fd < 0)
		return;
	io_write(ctx, fd, ctx->params->io_size);
	io_finish(ctx, fd, path);
}

/* Alternates mixed_chunks slices of the cpu body and of the io body; one fsync at the end. */
static void body_mixed(struct cbt_task_ctx *ctx)
{
	const struct cbt_params *p = ctx->params;
	char path[4096];
	int fd = io_open(ctx, path, sizeof(path));
	if (fd < 0)
		return;
	for (unsigned c = 0; c < p->mixed_chunks && !ctx->error; c++) {
		unsigned from = (unsigned)((uint64_t)p->cpu_size * c / p->mixed_chunks);
		unsigned to = (unsigned)((uint64_t)p->cpu_size * (c + 1) / p->mixed_chunks);
		cpu_squares(ctx, from, to);
		unsigned b0 = (unsigned)((uint64_t)p->io_size * c / p->mixed_chunks);
		unsigned b1 = (unsigned)((uint64_t)p->io_size * (c + 1) / p->mixed_chunks);
		io_write(ctx, fd, b1 - b0);
	}
	io_finish(ctx, fd, path);
}

/* The seed workloads describe themselves (model/catalog.h): --help, --list, the plan and the
 * reporters read these entries. */
const struct cbt_workload cbt_workloads[] = {
    {"fixed-sleep", "each task sleeps --sleep seconds (a timer in coroutines)", "nanosleep",
     CBT_WORKLOAD_FIXED_SLEEP, CBT_KNOB_SLEEP, true, false, false},
    {"variable-sleep", "each task sleeps U(0,1) x --sleep seconds, drawn from --seed", "nanosleep",
     CBT_WORKLOAD_VARIABLE_SLEEP, CBT_KNOB_SLEEP | CBT_KNOB_SEED, true, false, false},
    {"startup", "empty body: the cost of creating, starting and joining tasks",
     "nothing (empty body)", CBT_WORKLOAD_STARTUP, 0, true, false, false},
    {"yield-loop", "--iterations zero-length sleeps (--yield); blocking, also in coroutines",
     "nanosleep(0) or --yield", CBT_WORKLOAD_YIELD_LOOP, CBT_KNOB_ITERATIONS | CBT_KNOB_YIELD, true,
     false, false},
    {"cpu", "squares of 0..--cpu-size-1 into a new array, summed (CPU-bound)",
     "nothing (CPU-bound)", CBT_WORKLOAD_CPU, CBT_KNOB_CPU_SIZE, true, false, true},
    {"io", "write --io-size bytes to a new file in --io-block writes, fsync once", "write, fsync",
     CBT_WORKLOAD_IO, CBT_KNOB_IO_SIZE | CBT_KNOB_IO_BLOCK, true, true, false},
    {"mixed", "--mixed-chunks alternations of cpu and io slices, fsync once", "write, fsync",
     CBT_WORKLOAD_MIXED,
     CBT_KNOB_CPU_SIZE | CBT_KNOB_IO_SIZE | CBT_KNOB_IO_BLOCK | CBT_KNOB_MIXED_CHUNKS, true, true,
     true},
};
const unsigned cbt_nworkloads = sizeof(cbt_workloads) / sizeof(cbt_workloads[0]);

static const cbt_body_fn bodies[CBT_WORKLOAD_KINDS] = {
    [CBT_WORKLOAD_FIXED_SLEEP] = body_sleep, [CBT_WORKLOAD_VARIABLE_SLEEP] = body_sleep,
    [CBT_WORKLOAD_STARTUP] = body_startup,   [CBT_WORKLOAD_YIELD_LOOP] = body_yield_loop,
    [CBT_WORKLOAD_CPU] = body_cpu,	     [CBT_WORKLOAD_IO] = body_io,
    [CBT_WORKLOAD_MIXED] = body_mixed,
};

cbt_body_fn cbt_workload_body(const struct cbt_workload *w)
{
	return bodies[w->kind];
}

const struct cbt_workload *cbt_workload_find(const char *name)
{
	for (unsigned i = 0; i < cbt_nworkloads; i++)
		if (strcmp(cbt_workloads[i].name, name) == 0)
			return &cbt_workloads[i];
	return NULL;
}

const struct cbt_workload *cbt_workload_of_kind(enum cbt_workload_kind kind)
{
	for (unsigned i = 0; i < cbt_nworkloads; i++)
		if (cbt_workloads[i].kind == kind)
			return &cbt_workloads[i];
	return NULL;
}

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

uint64_t cbt_variable_sleep_ns(const struct cbt_params *p, unsigned index)
{
	double u = (double)(splitmix64(p->seed * 1000003ull + index) >> 11) / (double)(1ull << 53);
	return (uint64_t)(u * p->sleep_s * 1e9);
}

/* Appends "tid run_ns wait_ns timeslices" from /proc/thread-self/schedstat: the kernel's own
 * accounting,
 * read by the task itself, for cross-checking the tracer. One write() per line (O_APPEND). */
static void dump_schedstat(const char *path)
{
	char buf[128], line[160];
	int fd = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	unsigned long long run = 0, wait = 0, slices = 0;
	if (sscanf(buf, "%llu %llu %llu", &run, &wait, &slices) != 3)
		return;
	int len = snprintf(line, sizeof(line), "%d %llu %llu %llu\n", gettid(), run, wait, slices);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (write(fd, line, (size_t)len) != len) {
		/* best effort: a missing line only weakens the cross-check that reads it */
	}
	close(fd);
}

void cbt_task_run(const struct cbt_workload *w, struct cbt_task_ctx *ctx)
{
	cbt_workload_body(w)(ctx);
	if (ctx->params->schedstat_dump)
		dump_schedstat(ctx->params->schedstat_dump);
}
