#!/bin/bash
# make bench: what tracing costs the traced workload (the observer effect), at the seeds' own
# scale (100 tasks on this machine's CPUs, saturated), as traced / untraced wall time.
#
# Every case runs ROUNDS interleaved pairs (untraced, traced, untraced, ...) so a load change on
# the machine hits both sides; we print the median and the min-max of the per-pair ratio.
# Targets (issue 9): <= 1.05 for the C cases, <= 1.10 for CPython with the interpreter-lock view,
# and below both anchors (perf sched record, a bpftrace script of the same scope) in the same run.
# "same, no lock view" traces the CPython script with the kernel view only (CBT_EXP_NOGIL=1: the
# interpreter-lock uprobes not attached), so its difference to the case above is the lock view's.
# Then, with kernel.bpf_stats_enabled=1, one more traced run per case prints where the remaining
# cost goes: run count and mean run time of every BPF program of the tool (uprobes included).
#
# Then the scale cases (10,000 threads, 10,000 coroutines, 2,000 processes traced: tasks tracked,
# untracked, lost and recovered events, BPF map memory, verify) and the native coroutine switch cost.
#
# usage: tools/bench.sh [BIN]   env: ROUNDS (7), TASKS (100), ITER (1000), CASES (regex filter),
#                               SCALE=0 / CORO=0 to skip those parts
set -euo pipefail
BIN=$(realpath "${1:-build/concbench-trace}")
HERE=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${ROUNDS:-7}
TASKS=${TASKS:-100}
ITER=${ITER:-1000}
CASES=${CASES:-.}
# the interpreter itself, not a pyenv shim (bpftrace -c wants one binary; a shim costs time)
PY=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')
TMP=$(mktemp -d)
STATS_WAS=$(sysctl -n kernel.bpf_stats_enabled 2>/dev/null || echo 0)
cleanup() {
	sysctl -qw kernel.bpf_stats_enabled="$STATS_WAS" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
sysctl -qw kernel.bpf_stats_enabled=0 2>/dev/null || true # its own clock reads cost time

# The tool's own wall (JSON results[0].wall_seconds.mean) of one run ($UNDER: a prefix command).
UNDER=
tool_wall() { # ARGS...
	$UNDER "$BIN" -q --repeat 1 --json "$TMP/r.json" "$@" >/dev/null 2>"$TMP/err" ||
		{ cat "$TMP/err" >&2; return 1; }
	"$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["wall_seconds"]["mean"])' "$TMP/r.json"
}
# The CPython script's own clock (first thread start to last join) under a prefix command.
script_wall() { # PREFIX...
	rm -f "$TMP/s.out"
	"$@" "$PY" "$HERE/bench_yield.py" "$TASKS" "$ITER" "$TMP/s.out" >/dev/null 2>"$TMP/err" ||
		{ cat "$TMP/err" >&2; return 1; }
	cat "$TMP/s.out"
}
# The floor: the untraced run under empty programs on the tool's tracepoints (tools/bench_floor.c):
# what attaching costs before our programs do any work. MODE: as tools/bench_floor.c takes it.
FLOOR="$TMP/bench_floor $TMP/bench_floor.bpf.o"
floor_wall() { # MODE ARGS...
	local mode=$1 w
	shift
	UNDER="$FLOOR $mode --"
	w=$(tool_wall "$@") || { UNDER=; return 1; }
	UNDER=
	rm -f "$TMP/r.json" # an untraced run's JSON: no events to note
	echo "$w"
}
bt_anchor() { # bpftrace needs tracefs
	mountpoint -q /sys/kernel/tracing || mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
	bpftrace -q -c "$PY $HERE/bench_yield.py $TASKS $ITER $TMP/s.out" "$HERE/bench_anchor.bt" \
		>/dev/null 2>"$TMP/err" || { cat "$TMP/err" >&2; return 1; }
	cat "$TMP/s.out"
}

W="-w yield-loop -n $TASKS --iterations $ITER"
# the file with the interpreter lock's take_gil (libpython, or the executable when static)
PYLIB=$("$PY" -c 'import sys
print(next((l.split()[-1] for l in open("/proc/self/maps") if "libpython" in l), sys.executable))')
VMLINUX_H=$(dirname "$BIN")/vmlinux.h
HAVE_FLOOR=0
if [ -s "$VMLINUX_H" ] && clang -O2 -g -target bpf -I"$(dirname "$BIN")" -c "$HERE/bench_floor.bpf.c" \
	-o "$TMP/bench_floor.bpf.o" 2>"$TMP/err" && cc -O2 "$HERE/bench_floor.c" -o "$TMP/bench_floor" -lbpf 2>>"$TMP/err"; then
	HAVE_FLOOR=1
else
	echo "(the floor cases need clang and libbpf: $(head -c 200 "$TMP/err"))"
fi
# name | untraced command | traced command (the functions above + their arguments)
cases="c threads|tool_wall --no-trace $W -b threads|tool_wall --trace $W -b threads
  floor: empty sched progs|tool_wall --no-trace $W -b threads|floor_wall sched --no-trace $W -b threads
  floor: sched, clock read|tool_wall --no-trace $W -b threads|floor_wall sched+clock --no-trace $W -b threads
  floor: sched, task lookup|tool_wall --no-trace $W -b threads|floor_wall sched+lookup --no-trace $W -b threads
  floor: all empty progs|tool_wall --no-trace $W -b threads|floor_wall all --no-trace $W -b threads
c gil-threads|tool_wall --no-trace $W -b gil-threads|tool_wall --trace $W -b gil-threads
c processes|tool_wall --no-trace $W -b processes|tool_wall --trace $W -b processes
c threads sched_yield|tool_wall --no-trace $W -b threads --yield sched_yield|tool_wall --trace $W -b threads --yield sched_yield
py threads (--runtime)|tool_wall --no-trace $W --runtime python -b threads|tool_wall --trace $W --runtime python -b threads
py script (own clock)|script_wall env|script_wall $BIN -q --json $TMP/r.json --
  floor: all empty progs|script_wall env|script_wall $FLOOR all --
  floor: and empty lock probes|script_wall env|script_wall $FLOOR all+lock=$PYLIB --
  floor: and entry probe only|script_wall env|script_wall $FLOOR all+lockentry=$PYLIB --
  same, no lock view|script_wall env|script_wall env CBT_EXP_NOGIL=1 $BIN -q --json $TMP/r.json --
  anchor: perf sched record|script_wall env|script_wall perf sched record -q -o $TMP/perf.data --
  anchor: bpftrace|script_wall env|bt_anchor"

ratio_line() { # NAME FILE(untraced traced per line) EVENTS(lost recovered per traced run)
	"$PY" - "$1" "$2" "$3" <<'PY'
import statistics, sys
name, rows = sys.argv[1], [tuple(map(float, l.split())) for l in open(sys.argv[2])]
ev = [tuple(map(int, l.split())) for l in open(sys.argv[3])]
r = [t / u for u, t in rows]
print("%-28s %9.3f s %9.3f s %7.3f  %5.3f-%5.3f  %d %7s %9s" % (name,
      statistics.median(u for u, _ in rows), statistics.median(t for _, t in rows),
      statistics.median(r), min(r), max(r), len(rows),
      sum(l for l, _ in ev) if ev else "-", sum(k for _, k in ev) if ev else "-"))
PY
}
# The traced run's lost and recovered scheduler events (our own JSON; anchors have none).
note_events() {
	[ -s "$TMP/r.json" ] || return 0
	"$PY" -c 'import json,sys; t=json.load(open(sys.argv[1]))["results"][0]["tracing"]
print(t.get("lost_events", 0), t.get("recovered_wakeups", 0) + t.get("recovered_switchins", 0))
for k, v in t.get("lost_by_cause", {}).items():
    if v: print("    lost by cause:", k, v, file=sys.stderr)' "$TMP/r.json" >>"$TMP/ev" 2>>"$TMP/causes"
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)   $(nproc) CPUs   $TASKS tasks x $ITER iterations, $ROUNDS interleaved pairs"
printf '%-28s %11s %11s %7s  %11s  %s %7s %9s\n' case untraced traced ratio min-max pairs lost recovered
echo "$cases" | while IFS='|' read -r name ucmd tcmd; do
	[[ "$name" =~ $CASES ]] || continue
	case "$tcmd" in
	*perf\ sched*) command -v perf >/dev/null || { printf '%-28s (perf not installed)\n' "$name"; continue; } ;;
	*floor*) [ "$HAVE_FLOOR" = 1 ] || continue ;;
	bt_anchor*) command -v bpftrace >/dev/null || { printf '%-28s (bpftrace not installed)\n' "$name"; continue; } ;;
	esac
	: >"$TMP/rows"
	: >"$TMP/ev"
	: >"$TMP/causes"
	for _ in $(seq 1 "$ROUNDS"); do
		u=$($ucmd) && rm -f "$TMP/r.json" && t=$($tcmd) ||
			{ printf '%-28s failed\n' "$name"; continue 2; }
		echo "$u $t" >>"$TMP/rows"
		note_events
	done
	ratio_line "$name" "$TMP/rows" "$TMP/ev"
	if [ -s "$TMP/causes" ]; then cat "$TMP/causes"; fi
done
echo "(ratio: traced / untraced wall per interleaved pair, median and min-max; targets: C <= 1.05,"
echo " CPython <= 1.10 with the lock view; 'no lock view': the kernel view alone (CBT_EXP_NOGIL=1);"
echo " the anchors are the same script under other tracers; 'floor': the untraced run under empty"
echo " programs on the tool's tracepoints (sched: the scheduler ones; clock read / task lookup: the"
echo " sched_switch program only reading the clock / only finding prev's and next's record in a hash;"
echo " all: and raw_syscalls; lock"
echo " probes: and the uprobe + uretprobe on take_gil the lock view attaches; entry probe only:"
echo " one uprobe on take_gil, the least a probe of every acquisition costs), what"
echo " attaching costs before any program body runs, so traced minus floor is what our programs cost;"
echo " lost / recovered: scheduler events of all traced runs the tracer could not place / placed from"
echo " the kernel's record of the task because no tracepoint delivered them (docs/verify.md))"

# The native coroutine switch (src/backends/coro.c): x86-64 assembly and the ucontext fallback.
if [ "${CORO:-1}" != 0 ] && [ "$(uname -m)" = x86_64 ]; then
	SRC=$(cd "$HERE/.." && pwd)/src
	cc -O2 -D_GNU_SOURCE -I"$SRC" "$HERE/coro_bench.c" "$SRC/backends/coro.c" \
		"$SRC/backends/coro_switch_x86_64.S" -o "$TMP/coro_asm"
	cc -O2 -D_GNU_SOURCE -DCBT_CORO_UCONTEXT -include ucontext.h -I"$SRC" "$HERE/coro_bench.c" \
		"$SRC/backends/coro.c" -o "$TMP/coro_uc"
	echo
	echo "coroutine switch (best of 50 rounds of 100,000 resume+yield; target <= 50 ns for assembly):"
	for b in coro_asm coro_uc; do "$TMP/$b" | awk '{ns = $NF; $NF = ""; printf "  %-48s %8.1f ns/switch\n", $0, ns}'; done
fi

# Scale: every task tracked at 10,000 threads / coroutines and 2,000 processes, map memory.
if [ "${SCALE:-1}" != 0 ]; then
	echo
	echo "scale (traced, yield-loop x 3 iterations, --verify):"
	printf '  %-22s %8s %10s %6s %9s %9s %11s %7s\n' case tasks untracked lost recovered "wall" "BPF maps" verify
	for c in "threads 10000" "coroutines 10000" "processes 2000"; do
		set -- $c
		rc=0
		rm -f "$TMP/scale.json"
		"$BIN" -q --verify -w yield-loop -b "$1" -n "$2" --iterations 3 --repeat 1 \
			--json "$TMP/scale.json" >/dev/null 2>"$TMP/err" || rc=$?
		if [ ! -s "$TMP/scale.json" ]; then
			printf '  %-22s failed (exit %s): %s\n' "$1 x $2" "$rc" "$(head -c 200 "$TMP/err")"
			continue
		fi
		"$PY" - "$TMP/scale.json" "$1 x $2" "$rc" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); r = d["results"][0]; tr = r["tracing"]
print("  %-22s %8d %10d %6d %9d %7.2f s %7.1f MiB %7s" % (sys.argv[2], r["totals"]["tasks_seen"],
      tr["untracked_tasks"], tr["lost_events"],
      tr.get("recovered_wakeups", 0) + tr.get("recovered_switchins", 0), r["wall_seconds"]["mean"],
      d["host"].get("bpf_map_bytes", 0) / 2**20, "ok" if r["verify"]["ok"] else "FAILED"))
PY
	done
	echo "  (coroutines are tasks of one thread: the kernel sees 1 task; target: untracked 0, maps <= 64 MiB)"
fi

# Where the remaining cost goes: one more traced run per case with BPF run-time statistics.
sysctl -qw kernel.bpf_stats_enabled=1 2>/dev/null || { echo "(kernel.bpf_stats_enabled not settable)"; exit 0; }
echo
echo "BPF programs, one traced run each (kernel.bpf_stats_enabled=1; its own clock reads add to run time):"
echo "$cases" | while IFS='|' read -r name ucmd tcmd; do
	[[ "$name" =~ $CASES ]] || continue
	case "$tcmd" in tool_wall*|*"$BIN"*) ;; *) continue ;; esac
	echo "  $name"
	CBT_BPF_STATS=1 $tcmd >/dev/null || true
	sed -n 's/^cbt-bpf-stats: /    /p' "$TMP/err"
done
