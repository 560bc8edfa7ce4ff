"""Threads that block, then report their own context switches from /proc/thread-self/status.

Usage: threads_status.py OUT [THREADS] [SLEEPS]. Each thread reads its own counts as the last thing
it does (no I/O after it); the main thread writes "tid voluntary involuntary" lines to OUT after
joining them: the kernel's own counts, to compare with the tracer's.
"""
import sys
import threading
import time

out, nthreads, nsleeps = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 4, \
    int(sys.argv[3]) if len(sys.argv) > 3 else 300
readings = []


def worker():
    for _ in range(nsleeps):
        time.sleep(0)
    fields = {}
    with open("/proc/thread-self/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            fields[k] = v.strip()
    readings.append((threading.get_native_id(), fields["voluntary_ctxt_switches"],
                     fields["nonvoluntary_ctxt_switches"]))


threads = [threading.Thread(target=worker) for _ in range(nthreads)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with open(out, "w") as f:
    for r in readings:
        f.write("%d %s %s\n" % r)
