#!/usr/bin/env python3
"""cbt_bench.py - the seed workloads on CPython's own concurrency backends, for concbench-trace.

concbench-trace forks a run leader, waits until it is ready, attaches its tracer, releases it,
and the leader exec()s this script. The script times create -> start -> join of all tasks with
time.perf_counter(), as the seeds did, and reports one line on the file descriptor given by
--result-fd: "wall_ns failed_tasks first_errno checksum". Nothing is parsed from free text.

Workloads and parameters are the same as the native runtime's (see docs/workloads.md); the
variable-sleep draws use the same generator, so both runtimes sleep the same amounts.
"""
import argparse
import asyncio
import concurrent.futures
import multiprocessing
import os
import sys
import time

MASK = (1 << 64) - 1


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def variable_sleep_s(p, index):
    u = (splitmix64((p.seed * 1000003 + index) & MASK) >> 11) / float(1 << 53)
    return u * p.sleep


def task_sleep_s(p, index):
    return variable_sleep_s(p, index) if p.workload == "variable-sleep" else p.sleep


def zero_sleep(p):
    if p.yield_kind == "sched_yield":
        os.sched_yield()
    else:
        time.sleep(0)  # CPython 3.11+: clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)


def cpu_slice(lo, hi):
    squares = [i * i for i in range(lo, hi)]  # the seed's list of squares
    return sum(squares) & MASK


def io_path(p, index):
    return os.path.join(p.io_dir, "task-%d" % index)


def io_write(fd, nbytes, block):
    buf = bytes(block)
    while nbytes > 0:
        n = os.write(fd, buf[: min(block, nbytes)])
        nbytes -= n


def body(p, index):
    """One task, blocking. Returns its checksum."""
    w = p.workload
    if w in ("fixed-sleep", "variable-sleep"):
        time.sleep(task_sleep_s(p, index))
    elif w == "yield-loop":
        for _ in range(p.iterations):
            zero_sleep(p)
    elif w == "cpu":
        return cpu_slice(0, p.cpu_size)
    elif w in ("io", "mixed"):
        path = io_path(p, index)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        check = 0
        try:
            if w == "io":
                io_write(fd, p.io_size, p.io_block)
            else:
                c = p.mixed_chunks
                for k in range(c):
                    check = (check + cpu_slice(p.cpu_size * k // c, p.cpu_size * (k + 1) // c)) & MASK
                    io_write(fd, p.io_size * (k + 1) // c - p.io_size * k // c, p.io_block)
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(path)
        return check
    return 0


async def async_body(p, index):
    """A coroutine: sleeps yield to the loop, everything else blocks it (as in the seed)."""
    if p.workload in ("fixed-sleep", "variable-sleep"):
        await asyncio.sleep(task_sleep_s(p, index))
        return 0
    return body(p, index)


def run_serial(p):
    return [body(p, i) for i in range(p.tasks)]


def run_threads(p):
    import threading

    results = [0] * p.tasks

    def target(i):
        results[i] = body(p, i)

    threads = [threading.Thread(target=target, args=(i,)) for i in range(p.tasks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _process_target(p, i):
    body(p, i)


def run_processes(p):
    procs = [multiprocessing.Process(target=_process_target, args=(p, i)) for i in range(p.tasks)]
    for pr in procs:
        pr.start()
    for pr in procs:
        pr.join()
    if any(pr.exitcode != 0 for pr in procs):
        raise RuntimeError("%d processes failed" % sum(pr.exitcode != 0 for pr in procs))
    return [0] * p.tasks


def run_coroutines(p):
    async def main():
        return await asyncio.gather(*(async_body(p, i) for i in range(p.tasks)))

    return asyncio.run(main())


def run_pool(p, executor_cls):
    with executor_cls(max_workers=p.workers) as ex:
        return list(ex.map(body, [p] * p.tasks, range(p.tasks)))


def run_coro_pool(p, executor_cls):
    async def main():
        loop = asyncio.get_running_loop()
        with executor_cls(max_workers=p.workers) as ex:
            return await asyncio.gather(*(loop.run_in_executor(ex, body, p, i) for i in range(p.tasks)))

    return asyncio.run(main())


BACKENDS = {
    "serial": run_serial,
    "threads": run_threads,
    "processes": run_processes,
    "coroutines": run_coroutines,
    "thread-pool": lambda p: run_pool(p, concurrent.futures.ThreadPoolExecutor),
    "process-pool": lambda p: run_pool(p, concurrent.futures.ProcessPoolExecutor),
    "coro-threadpool": lambda p: run_coro_pool(p, concurrent.futures.ThreadPoolExecutor),
    "coro-procpool": lambda p: run_coro_pool(p, concurrent.futures.ProcessPoolExecutor),
}


def parse(argv):
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--workload", required=True)
    a.add_argument("--backend", required=True, choices=sorted(BACKENDS))
    a.add_argument("--tasks", type=int, default=100)
    a.add_argument("--iterations", type=int, default=10000)
    a.add_argument("--sleep", type=float, default=5.0)
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--yield", dest="yield_kind", default="nanosleep")
    a.add_argument("--cpu-size", type=int, default=1000000)
    a.add_argument("--io-size", type=int, default=1 << 20)
    a.add_argument("--io-block", type=int, default=4096)
    a.add_argument("--mixed-chunks", type=int, default=10)
    a.add_argument("--io-dir", default=None)
    a.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    a.add_argument("--result-fd", type=int, default=1)
    # the interpreter lock's switch interval (sys.setswitchinterval), set before the tasks start
    a.add_argument("--switch-interval", type=float, default=None)
    a.add_argument("--list-backends", action="store_true")
    return a.parse_args(argv)


def main(argv):
    p = parse(argv)
    fn = BACKENDS[p.backend]
    if p.switch_interval is not None:
        sys.setswitchinterval(p.switch_interval)
    failed, err, checksum = 0, 0, 0
    t0 = time.perf_counter()
    try:
        results = fn(p)
        checksum = sum(r or 0 for r in results) & MASK
    except OSError as e:
        failed, err = 1, e.errno or 5
    except Exception:  # a failed task: reported, not averaged in
        failed, err = 1, 5
    wall_ns = int((time.perf_counter() - t0) * 1e9)
    os.write(p.result_fd, ("%d %d %d %d\n" % (wall_ns, failed, err, checksum)).encode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
