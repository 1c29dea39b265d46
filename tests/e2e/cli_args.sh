#!/bin/sh
# The command line as users expect: options after sources, -- ends options, one mode at
# a time, and the tables the program documents itself with.
. "$(dirname "$0")/lib.sh"

S="$ROOT/samples/金融"
"$NR" --dump --width 40 "$S" > "$TMPD/before" 2>&1
"$NR" --dump "$S" --width 40 > "$TMPD/after" 2>&1
rc=$?
check "options after a source: exit 0" [ $rc -eq 0 ]
check "options after a source: same output as before it" cmp -s "$TMPD/before" "$TMPD/after"
check "--width 40 took effect after the source" lines_fit 40 "$TMPD/after"
"$NR" --dump "$S" --width 30 > "$TMPD/w30" 2>&1
check "--width 30 after the source: narrower than 40" sh -c '! cmp -s "$1" "$2"' _ "$TMPD/after" "$TMPD/w30"
"$NR" "$S" --list > "$TMPD/list" 2>&1
check "mode flag after the source" grep -q '证券时报网' "$TMPD/list"

# -- ends options: a file whose name starts with - is a source
cp "$FIX/feeds/rss20_zh.xml" "$TMPD/-feed.xml"
(cd "$TMPD" && "$NR" --list -- -feed.xml > "$TMPD/dash" 2>&1)
rc=$?
check "-- then -feed.xml: exit 0" [ $rc -eq 0 ]
check "-- then -feed.xml: its articles" test -s "$TMPD/dash"
(cd "$TMPD" && "$NR" --list -- --width > "$TMPD/dash2" 2>&1)
rc=$?
check "-- then --width is a source that does not exist: exit 1" [ $rc -eq 1 ]
check "-- then --width: named as a source" grep -q -- '--width: No such file' "$TMPD/dash2"

# two modes: a usage error naming both
"$NR" --list --dump "$S" > "$TMPD/two" 2>&1
rc=$?
check "--list --dump: exit 2" [ $rc -eq 2 ]
check "--list --dump: one line naming both" sh -c '[ "$(wc -l < "$1")" -eq 1 ] && grep -q -- "--list and --dump" "$1"' _ "$TMPD/two"
"$NR" --stocks "$S" --list-options > "$TMPD/two" 2>&1
rc=$?
check "--stocks ... --list-options: exit 2 naming both" sh -c '[ $1 -eq 2 ] && grep -q -- "--stocks and --list-options" "$2"' _ $rc "$TMPD/two"
"$NR" --list --list "$S" > /dev/null 2>&1
check "the same mode twice is fine" [ $? -eq 0 ]

# the tables: tab-separated, built-in defaults whatever the config says
mkdir -p "$XDG_CONFIG_HOME/newsread"
printf 'color link red default\n' > "$XDG_CONFIG_HOME/newsread/config"
"$NR" --list-colors > "$TMPD/colors"
check "--list-colors: exit 0" [ $? -eq 0 ]
check "--list-colors: the built-in link colour, not the config's" grep -qx "$(printf 'link\tblue default underline\tlink text')" "$TMPD/colors"
check "--list-colors: three fields on every line" awk -F'\t' 'NF != 3 { bad = 1 } END { exit bad || NR < 10 }' "$TMPD/colors"
"$NR" --list-actions > "$TMPD/actions"
check "--list-actions: exit 0" [ $? -eq 0 ]
check "--list-actions: quit" grep -qx "$(printf 'quit\tany\tq\tgo back; quit at the top')" "$TMPD/actions"
check "--list-actions: contexts of open" grep -q "$(printf '^open\tlist,sources\t')" "$TMPD/actions"
check "--list-actions: four fields on every line" awk -F'\t' 'NF != 4 { bad = 1 } END { exit bad || NR < 10 }' "$TMPD/actions"
"$NR" --help > "$TMPD/help"
check "--help names --list-actions and --" sh -c 'grep -q -- --list-actions "$1" && grep -q "^  -- " "$1"' _ "$TMPD/help"
finish
