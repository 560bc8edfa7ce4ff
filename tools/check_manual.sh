#!/bin/sh
# make test: every long option the binary's --help (and compare --help) names is documented in
# the man page, and the bash completion parses. --help itself is generated from the option table,
# so the table, --help and the manual cannot drift apart.
set -eu
BIN=${1:-build/concbench-trace}
MAN=docs/concbench-trace.8
missing=""
opts=$( { "$BIN" --help; "$BIN" compare --help; } | grep -o -- '--[a-z][a-z-]*' | sort -u)
for o in $opts; do
	esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	grep -q -- "$esc" "$MAN" || missing="$missing $o"
done
if [ -n "$missing" ]; then
	echo "check_manual: not in $MAN:$missing" >&2
	exit 1
fi
bash -n tools/completion/concbench-trace
echo "check_manual: $(echo "$opts" | wc -l) long options of --help are all in $MAN"
