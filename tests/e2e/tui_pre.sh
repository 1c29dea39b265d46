#!/bin/sh
# Sideways scrolling of <pre> lines (CJK.md W5): a pre line wider than the view scrolls
# with > and <, other lines stay put, a wide character cut by the left edge becomes a
# filler cell, and no screen line is wider than the terminal.
. "$(dirname "$0")/lib.sh"
A="$FIX/ui/posts/科技/开源发布.md"
"$NR" --dump --width 40 "$A" 2>/dev/null | grep -q '^make && ./editor' ||
	skip "the HTML module does not keep <pre> lines yet"
has() { screen | grep -q -- "$1"; }

tui_start 40 12 "'$A'"
check "article opens" wait_for "新版本改进了"
check "the pre line starts at the margin" has "^ make && ./editor"
check "status offers sideways scrolling" has "</> +0"
keys '>'
check "> scrolls the pre line 8 columns" has "^ ./editor --lang zh"
check "status shows the offset" has "</> +8"
check "other lines stay put" has "^ 　　新版本改进了"
keys '>' '>' '>'
# offset 32: 这是 fill columns 27-30, 一 (31-32) is cut by the left edge -> one filler cell
check "a cut wide character becomes a filler" has "^  行很长很长的代码"
screen >"$TMPD/s"
check "lines fit while scrolled" lines_fit 40 "$TMPD/s"
keys '<' '<' '<' '<' '<'
check "< scrolls back to the start" has "^ make && ./editor"
keys q
check "quit: exit 0" wait_for "EXIT=0"
finish
