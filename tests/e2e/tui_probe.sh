#!/bin/sh
# CJK.md W3: at start-up newsread asks the terminal where the cursor is after printing “;
# a terminal that draws ambiguous-width characters two cells wide gets a warning, one
# that draws them narrow or does not answer gets none, and newsread starts either way.
. "$(dirname "$0")/lib.sh"

post=$(find "$FIX/ui" -name '*.md' | sort | head -1)
for mode in wide narrow silent; do
	python3 "$ROOT/tests/e2e/tui_probe.py" $mode "$NR" "$post" >"$TMPD/$mode.out" 2>&1
	echo $? >"$TMPD/$mode.rc"
done
check "wide terminal: exit 0" [ "$(cat "$TMPD/wide.rc")" -eq 0 ]
check "wide terminal: warned" grep -q 'ambiguous-width characters wide' "$TMPD/wide.out"
check "narrow terminal: exit 0" [ "$(cat "$TMPD/narrow.rc")" -eq 0 ]
check "narrow terminal: no warning" sh -c "! grep -q 'ambiguous-width' '$TMPD/narrow.out'"
check "silent terminal: still starts and quits (exit 0)" [ "$(cat "$TMPD/silent.rc")" -eq 0 ]
check "silent terminal: no warning" sh -c "! grep -q 'ambiguous-width' '$TMPD/silent.out'"
check "the probe asked the terminal" grep -q "$(printf '\033')\[6n" "$TMPD/wide.out"
finish
