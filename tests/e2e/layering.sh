#!/bin/sh
# The tree keeps its pipeline order: no file uses a later stage, by #include or by symbol
# (tests/layering.py over the sources and the objects of the build under test).
. "$(dirname "$0")/lib.sh"

out=$(python3 "$ROOT/tests/layering.py" "$ROOT/${NR_BUILD:-build}" 2>&1)
rc=$?
check "no stage uses a later one (includes and symbols)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "$out"

# the checker itself catches a crossing: a copy of the tree with one upward include
cp -R "$ROOT/src" "$ROOT/include" "$ROOT/tests" "$TMPD/" 2>/dev/null
printf '#include "newsread/ui.h"\n' >> "$TMPD/src/base/util.c"
out=$(python3 "$TMPD/tests/layering.py" 2>&1)
check "an upward include is caught" sh -c 'printf "%s" "$1" | grep -q "src/base/util.c (base) uses ui"' _ "$out"
rm -rf "$TMPD/src" "$TMPD/include" "$TMPD/tests"
finish
