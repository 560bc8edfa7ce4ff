"""make bench: CPython threads yield-loop, timed by the script's own clock.

usage: python3 bench_yield.py TASKS ITERATIONS OUTFILE
Starts TASKS threads that each call time.sleep(0) ITERATIONS times, joins them, and writes the
wall time from the first start to the last join (time.perf_counter) to OUTFILE, so a tracer that
starts or stops slowly is not counted, only what it does to the threads while they run.
"""
import sys
import threading
import time


def work(n):
    for _ in range(n):
        time.sleep(0)


def main():
    tasks, iterations, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    threads = [threading.Thread(target=work, args=(iterations,)) for _ in range(tasks)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    with open(out, "w") as f:
        f.write("%.6f\n" % elapsed)


if __name__ == "__main__":
    main()
