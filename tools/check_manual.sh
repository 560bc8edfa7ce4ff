#!/bin/sh
# make test: every long option the binary's --help (and compare --help) names is documented in
# the man page, every subcommand of its usage lines is in the man page's synopsis and the
# completion, and the bash completion parses. --help itself is generated from the option table,
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
# Subcommands (a usage line of --help whose first word is no option): in the man page's synopsis
# and offered by the completion.
subs=$("$BIN" --help | sed -n '/^Usage:/,/^$/p' | sed -E 's/^(Usage:)? *concbench-trace //' |
	awk '$1 !~ /^[-[]/ && NF { print $1 }')
for s in $subs; do
	grep -q -- "^\.B concbench-trace $s\$" "$MAN" || missing="$missing $s(synopsis)"
	grep -q -- "compgen -W \"$s\"" tools/completion/concbench-trace || missing="$missing $s(completion)"
done
if [ -n "$missing" ]; then
	echo "check_manual: not in $MAN:$missing" >&2
	exit 1
fi
bash -n tools/completion/concbench-trace
echo "check_manual: $(echo "$opts" | wc -l) long options of --help and the subcommands ($subs) are all in $MAN"
