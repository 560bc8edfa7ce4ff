"""Checks a --export timeline file against the --json of the same invocation (run with -r 1, so
each result's per_task describes the one run the timeline shows).

usage: check_timeline.py TIMELINE.json RESULT.json [min_flows] [min_lock_slices]
Exits 1 with every violation printed; prints a summary line otherwise."""
import collections
import json
import sys

tl = json.load(open(sys.argv[1]))
res = json.load(open(sys.argv[2]))
min_flows = int(sys.argv[3]) if len(sys.argv) > 3 else 0
min_lock = int(sys.argv[4]) if len(sys.argv) > 4 else 0
bad = []

ev = tl["traceEvents"]
other = tl["otherData"]
for key in ("events", "dropped_ringbuf", "dropped_limit", "timeline_limit", "runs"):
    if key not in other:
        bad.append("otherData lacks " + key)

slices = collections.defaultdict(list)  # (pid, tid) -> [(start, end, name)]
names = set()
flows = collections.defaultdict(dict)  # id -> {ph: event}
counters = 0
for e in ev:
    ph = e["ph"]
    if ph == "X":
        if e["dur"] < 0:
            bad.append("negative duration %r" % e)
        slices[(e["pid"], e["tid"])].append((e["ts"], e["ts"] + e["dur"], e["name"]))
    elif ph == "M" and e["name"] == "thread_name":
        names.add((e["pid"], e["tid"]))
    elif ph in "sf":
        if ph in flows[e["id"]]:
            bad.append("flow id %s has two %s events" % (e["id"], ph))
        flows[e["id"]][ph] = e
    elif ph == "C":
        counters += 1
        if e["args"]["runnable"] < 0:
            bad.append("negative counter")

# slices of one thread never overlap; every thread with slices has a name
for key, l in slices.items():
    l.sort()
    for a, b in zip(l, l[1:]):
        if b[0] < a[1] - 1e-9:
            bad.append("overlap on %s: %r %r" % (key, a, b))
    if key not in names:
        bad.append("thread %s has no thread_name" % (key,))


def running_at(pid, tid, ts, start_only):
    for s, e, n in slices.get((pid, tid), []):
        if n == "Running" and (s == ts if start_only else s <= ts <= e):
            return True
    return False


# every flow has both ends, each bound to a Running slice of its thread
for fid, f in flows.items():
    if set(f) != {"s", "f"}:
        bad.append("flow %s has only %s" % (fid, list(f)))
        continue
    s, e = f["s"], f["f"]
    if e.get("bp") != "e":
        bad.append("flow end %s not bound to its enclosing slice" % fid)
    if not running_at(s["pid"], s["tid"], s["ts"], False):
        bad.append("flow %s starts outside a Running slice of %s" % (fid, s["tid"]))
    if not running_at(e["pid"], e["tid"], e["ts"], True):
        bad.append("flow %s ends where no Running slice of %s starts" % (fid, e["tid"]))
    if e["ts"] < s["ts"]:
        bad.append("flow %s goes back in time" % fid)

# the sum of a task's slices equals its on-CPU + runnable + off-CPU of the counting path, 2 %
worst = 0.0
checked = 0
for run in other["runs"]:
    r = [x for x in res["results"]
         if x["label"] == run["backend"] and x["workload"] == run["workload"]]
    if len(r) != 1 or len(r[0]["wall_seconds"]["runs"]) != 1:
        bad.append("no single-run result for %r" % run)
        continue
    for t in r[0]["per_task"]:
        total = t["oncpu_ns"] + t["runqueue_wait_ns"] + t["offcpu_ns"]
        got = sum(e - s for s, e, n in slices.get((run["pid"], t["tid"]), [])) * 1000
        if total < 1000:
            continue
        rel = abs(got - total) / total
        worst = max(worst, rel)
        checked += 1
        if rel > 0.02:
            bad.append("task %d of %s: slices %.0f ns vs counted %.0f ns" %
                       (t["tid"], run["backend"], got, total))

nflows = sum(1 for f in flows.values() if len(f) == 2)
nlock = sum(1 for l in slices.values() for s in l if s[2] == "Interpreter lock")
if nflows < min_flows:
    bad.append("%d flows, expected at least %d" % (nflows, min_flows))
if nlock < min_lock:
    bad.append("%d Interpreter lock slices, expected at least %d" % (nlock, min_lock))
if counters == 0:
    bad.append("no runnable-tasks counter")
if checked == 0:
    bad.append("no task compared with the counting path")
for b in bad[:20]:
    print(b)
print("tracks %d, slices %d, flows %d, lock slices %d, tasks compared %d, worst %.4f%%" %
      (len(slices), sum(len(l) for l in slices.values()), nflows, nlock, checked, worst * 100))
sys.exit(1 if bad else 0)
