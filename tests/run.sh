#!/bin/sh
# Run the unit tests (cmocka binaries) and the end-to-end tests, then print one summary line.
# Usage: run.sh BUILD_DIR [unit|e2e]
build=${1:-build}
what=${2:-all}
export NR_BUILD="$build" # the e2e layering test reads its objects
passed=0
failed=0
skipped=0
failures=""
# a test that hangs fails (after 15 minutes) instead of stopping the whole run
limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout 900"
if [ "$what" != e2e ]; then
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		echo "== $t"
		if $limit "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures="$failures $t"; fi
	done
fi
if [ "$what" != unit ]; then
	for t in tests/e2e/*.sh; do
		[ -f "$t" ] || continue
		echo "== $t"
		$limit sh "$t"
		rc=$?
		if [ $rc -eq 0 ]; then passed=$((passed + 1))
		elif [ $rc -eq 77 ]; then skipped=$((skipped + 1))
		else failed=$((failed + 1)); failures="$failures $t"
		fi
	done
fi
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
