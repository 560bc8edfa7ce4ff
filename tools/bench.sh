#!/bin/sh
# make bench: the tracer's overhead on the worst cases we have (context-switch heavy yield
# loops), as the ratio of traced to untraced wall time with runs interleaved, plus events/s
# handled and the memory of the BPF maps. Target: ratio <= 1.05.
set -eu
BIN=${1:-build/concbench-trace}
ROUNDS=${ROUNDS:-5}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# name | backend | extra args
cases="threads-nanosleep|threads|--yield nanosleep
coroutines-nanosleep|coroutines|--yield nanosleep
threads-sched_yield|threads|--yield sched_yield"

printf '%-22s %10s %10s %7s %14s %10s\n' case untraced traced ratio "events/s" "BPF maps"
echo "$cases" | while IFS='|' read -r name backend extra; do
	u=0; t=0
	for r in $(seq 1 "$ROUNDS"); do
		# interleaved: untraced, then traced, same parameters
		"$BIN" -q --no-trace -w yield-loop -b "$backend" $extra -n 20 --iterations 2000 \
			--repeat 1 --json "$TMP/u.json" >/dev/null
		"$BIN" -q --trace -w yield-loop -b "$backend" $extra -n 20 --iterations 2000 \
			--repeat 1 --json "$TMP/t.json" >/dev/null
		python3 - "$TMP" "$r" <<'PY'
import json, sys
tmp, r = sys.argv[1], sys.argv[2]
u = json.load(open(tmp + "/u.json"))["results"][0]
t = json.load(open(tmp + "/t.json"))
res = t["results"][0]
tot = res["totals"]
# events the BPF programs handled: switches (x2: out and in), wake-ups, syscalls (enter+exit)
ev = 2 * (tot["ctx_switches_voluntary"] + tot["ctx_switches_involuntary"]) \
     + tot["wakeups"] + 2 * tot["syscalls"]
with open(tmp + "/rows", "a") as f:
    f.write("%s %s %s %s\n" % (u["wall_seconds"]["mean"], res["wall_seconds"]["mean"], ev,
                                t["host"].get("bpf_map_bytes", 0)))
PY
	done
	python3 - "$TMP" "$name" <<'PY'
import sys, statistics
tmp, name = sys.argv[1], sys.argv[2]
rows = [list(map(float, l.split())) for l in open(tmp + "/rows")]
u = statistics.median(r[0] for r in rows)
t = statistics.median(r[1] for r in rows)
ev = statistics.median(r[2] / r[1] for r in rows)
mem = max(r[3] for r in rows)
print("%-22s %8.3f s %8.3f s %7.3f %14.0f %7.1f MB" % (name, u, t, t / u, ev, mem / 1e6))
PY
	rm -f "$TMP/rows"
done
echo "(median of $ROUNDS interleaved rounds; 20 tasks x 2000 iterations; target ratio <= 1.05)"
