#!/bin/sh
# make bench: every bench/*.sh part, each printing its own table of times and ratios.
cd "$(dirname "$0")/.." || exit 1
mkdir -p bench/out
for part in bench/[a-z]*.sh; do
	case $part in bench/run.sh | bench/samecheck.sh) continue ;; esac
	echo "== $part"
	sh "$part" || echo "($part failed)"
done
