#!/bin/sh
# Resizing: the article is laid out again at the new width (the text rewraps, no line is
# wider than the terminal), a too small terminal shows a message until it grows, and the
# layout is redone only on resize, never per keypress (NEWSREAD_UI_STATS counts).
. "$(dirname "$0")/lib.sh"
P="$FIX/ui/posts"
A="$P/金融/央行降准.md"
NR="env NEWSREAD_UI_STATS=1 $NR"

first_body() { # the first line of the body (the line holding its first words)
	screen | grep -F 中国人民银行 | head -1 | sed 's/^ *//'
}

tui_start 80 24 "'$A'"
check "80: article" wait_for "中国人民银行今日宣布"
screen >"$TMPD/s80"
check "80: lines fit" lines_fit 80 "$TMPD/s80"
b80=$(first_body)
for k in j j j j j k k k k k Space b g G g; do keys "$k"; done

$TM resize-window -t t -x 50 -y 20
sleep 0.5
screen >"$TMPD/s50"
check "50: lines fit" lines_fit 50 "$TMPD/s50"
check "50: still the article" grep -q 中国人民银行今日宣布 "$TMPD/s50"
b50=$(first_body)
check "50: the first body line rewrapped shorter" test "${#b50}" -lt "${#b80}"
check "50: status line at the new bottom" sh -c "sed -n 20p '$TMPD/s50' | grep -q 'line 1/'"

$TM resize-window -t t -x 160 -y 50
sleep 0.5
screen >"$TMPD/s160"
check "160: lines fit" lines_fit 160 "$TMPD/s160"
b160=$(first_body)
check "160: the first body line rewrapped longer" test "${#b160}" -gt "${#b80}"

$TM resize-window -t t -x 16 -y 4
check "16x4: too small message" wait_for "too small"
keys j
$TM resize-window -t t -x 80 -y 24
check "80 again: the article is back" wait_for "中国人民银行今日宣布"
screen >"$TMPD/s80b"
check "80 again: same lines as before" sh -c "grep -F 中国人民银行 '$TMPD/s80' | cmp -s - '$TMPD/x' || { grep -F 中国人民银行 '$TMPD/s80b' > '$TMPD/y'; grep -F 中国人民银行 '$TMPD/s80' | cmp -s - '$TMPD/y'; }"
keys q
check "quit: exit 0" wait_for "EXIT=0"
# one layout per width: 80, 50, 160, 80 (the keys and the small terminal add none)
check "layouts only on resize" wait_for "ui-stats layouts=4 "
finish
