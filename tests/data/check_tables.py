"""Checks --export csv and markdown files against the --json of the same invocation.

usage: check_tables.py RESULT.json TABLE.csv TABLE.md
The CSV is read with Python's csv module; every number must equal the JSON's (both are printed
with 9 significant digits); the Markdown table must have one well-formed row per result."""
import csv
import json
import math
import sys

res = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
md = open(sys.argv[3]).read().splitlines()
bad = []

HYPERFINE = ["command", "mean", "stddev", "median", "user", "system", "min", "max"]
header = open(sys.argv[2]).readline().strip().split(",")
if header[:8] != HYPERFINE:
    bad.append("CSV does not start with hyperfine's columns: %r" % header[:8])
if len(rows) != len(res["results"]):
    bad.append("%d CSV rows for %d results" % (len(rows), len(res["results"])))


def close(name, got, want, r):
    if want is None:
        if got != "":
            bad.append("%s %s: %r where the JSON has null" % (r["label"], name, got))
        return
    g = float(got)
    if not math.isclose(g, want, rel_tol=1e-6, abs_tol=1e-12):
        bad.append("%s %s: CSV %r, JSON %r" % (r["label"], name, g, want))


compared = 0
for row, r in zip(rows, res["results"]):
    if row["workload"] != r["workload"] or row["backend"] != r["backend"] or \
            row["runtime"] != r["runtime"]:
        bad.append("row order differs: %r vs %r" % (row["command"], r["label"]))
        continue
    w = r["wall_seconds"]
    for k in ("mean", "stddev", "median", "min", "max"):
        close(k, row[k], w[k], r)
    close("user", row["user"], r["rusage"]["user_s"], r)
    close("system", row["system"], r["rusage"]["sys_s"], r)
    close("runs", row["runs"], len(w["runs"]), r)
    t = r.get("totals")
    d = r.get("time_decomposition")
    if t and d:
        n = t["tasks_seen"]
        close("voluntary_switches_per_task", row["voluntary_switches_per_task"],
              t["ctx_switches_voluntary"] / n, r)
        close("involuntary_switches_per_task", row["involuntary_switches_per_task"],
              t["ctx_switches_involuntary"] / n, r)
        close("runqueue_p50_us", row["runqueue_p50_us"], t["runqueue_latency_p50_us"], r)
        close("runqueue_p99_us", row["runqueue_p99_us"], t["runqueue_latency_p99_us"], r)
        close("oncpu_share", row["oncpu_share"], d["oncpu"], r)
        close("runnable_share", row["runnable_share"], d["runnable"], r)
        blocked = d["blocked"]
        close("blocked_share", row["blocked_share"], sum(blocked.values()), r)
        top = max(blocked, key=lambda k: t["offcpu_by_reason_ns"][k])
        if row["blocked_top_reason"] != top:
            bad.append("%s top reason %s, JSON %s" % (r["label"], row["blocked_top_reason"], top))
        close("blocked_top_reason_share", row["blocked_top_reason_share"], blocked[top], r)
        lock = t.get("interpreter_lock", {})
        if lock.get("probed"):
            close("interpreter_lock_wait_share", row["interpreter_lock_wait_share"],
                  lock["wait_ns"] / 1e9 / d["task_seconds"], r)
        else:
            close("interpreter_lock_wait_share", row["interpreter_lock_wait_share"], None, r)
        s = float(row["oncpu_share"]) + float(row["runnable_share"]) + float(row["blocked_share"])
        if abs(s - 1) > 1e-6:
            bad.append("%s shares add up to %r" % (r["label"], s))
        compared += 1

# Markdown: hyperfine's header, one row per result, as many cells as the header
lines = [l for l in md if l.startswith("|")]
if not lines or not lines[0].startswith("| Command | Mean ["):
    bad.append("Markdown header %r" % (lines[:1],))
else:
    ncells = lines[0].count(" | ") + 1
    if len(lines) != 2 + len(res["results"]):
        bad.append("%d Markdown lines for %d results" % (len(lines), len(res["results"])))
    for l in lines[2:]:
        cells = [c.strip() for c in l.replace("\\|", "").strip("|").split("|")]
        if len(cells) != ncells:
            bad.append("Markdown row with %d cells, header %d: %r" % (len(cells), ncells, l))
    fastest = [l for l in lines[2:] if l.split("|")[5].strip() == "1.00"]
    if not fastest:
        bad.append("no row with Relative 1.00")

for b in bad[:20]:
    print(b)
print("csv rows %d (traced %d compared), markdown rows %d" % (len(rows), compared, len(lines) - 2))
sys.exit(1 if bad else 0)
