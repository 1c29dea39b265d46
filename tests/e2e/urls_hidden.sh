#!/bin/sh
# A ! word in the urls file hides a source from the category tree (newsboat's hidden
# feed): its articles are loaded, kept out of the tree and its counts, and still listed.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/newsread"
printf '%s\n%s !hidden\n' "$ROOT/samples/金融" "$ROOT/samples/科技" > "$XDG_CONFIG_HOME/newsread/urls"
shown=$("$NR" --no-store --list "$ROOT/samples/金融" | wc -l)
both=$("$NR" --no-store --list | wc -l)
check "--list still lists the hidden source's articles" [ "$both" -gt "$shown" ]
tui_start 80 24 --no-store
check "the tree comes up" wait_for "All articles"
screen > "$TMPD/tree"
check "the visible source's category is there" grep -q "金融" "$TMPD/tree"
check "the hidden source's category is not" sh -c '! grep -q "科技" "$1"' _ "$TMPD/tree"
check "All articles counts only the visible ($shown)" grep -q "All articles  ($shown)" "$TMPD/tree"
keys q
finish
