#!/bin/sh
# Enforces the one-way arrows between the parts (docs/architecture.md): every `#include "part/..."`
# in src/ must point downstream. Prints each wrong-way include and exits 1 if there is any.
#   cli -> session -> runner -> backends; trace -> model; analysis -> model; report -> analysis,
#   model; util and model include nothing upstream.
set -eu
cd "$(dirname "$0")/.."
# part: the parts (or single headers) its files may include, besides itself and util. Reports
# read the validated options (cli/options.h, plain data) and the interpreter's facts
# (python/python_rt.h) but nothing else of the cli or the python runtime.
allowed() {
	case $1 in
	util) echo "" ;;
	model) echo "" ;;
	python) echo "" ;;
	backends) echo "model" ;;
	trace) echo "model" ;;
	runner) echo "backends model" ;;
	analysis) echo "model" ;;
	report) echo "analysis model python/python_rt.h cli/options.h" ;;
	session) echo "runner backends trace python analysis report model cli" ;;
	cli) echo "session backends model report" ;;
	*) echo "-" ;;
	esac
}
bad=0
for f in src/*/*.c src/*/*.h; do
	part=$(echo "$f" | cut -d/ -f2)
	ok=$(allowed "$part")
	if [ "$ok" = "-" ]; then
		echo "check_arrows: $f: unknown part '$part' (add it to tools/check_arrows.sh)"
		bad=1
		continue
	fi
	for inc in $(sed -n 's/^#include "\([a-z_]*\/[a-z_0-9.]*\)".*/\1/p' "$f"); do
		case " $part util $ok " in
		*" ${inc%%/*} "* | *" $inc "*) ;;
		*)
			echo "check_arrows: $f includes $inc: $part may include only: $part util $ok"
			bad=1
			;;
		esac
	done
done
[ $bad -eq 0 ] && echo "check_arrows: every include points downstream"
exit $bad
