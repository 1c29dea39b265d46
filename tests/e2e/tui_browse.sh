#!/bin/sh
# The interface on a folder of Chinese posts at 80x24 and 160x50: the category tree with
# counts, expand/collapse, the article list (newest first, unread marks), opening a post,
# scrolling with j/space/b/g/G, going back with q, quitting with q (exit 0, terminal
# restored), and no screen line wider than the terminal.
. "$(dirname "$0")/lib.sh"
P="$FIX/ui/posts"
"$NR" --list "$P" 2>/dev/null | grep -q 冬季运动会 || skip "the post parser does not read the fixtures yet"

has() { screen | grep -qF -- "$1"; }
hasnt() { ! screen | grep -qF -- "$1"; }
snap() { screen >"$TMPD/$1"; lines_fit "$W" "$TMPD/$1"; }
# line number (1-based) of the first screen line holding TEXT
# the first line number shown in the article status ("line X/Y")
line_no() { sed -n 's/.*line \([0-9]*\)\/.*/\1/p' "$TMPD/$1" | tail -1; }
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1; }

for size in 80x24 160x50; do
	W=${size%x*}
	H=${size#*x}
	# each size starts from an empty store: the marks of the run before are kept
	XDG_DATA_HOME="$TMPD/data-$size"
	tui_start "$W" "$H" "'$P'"
	check "$size: tree opens" wait_for "All articles  (6)"
	check "$size: count of 金融" has "+ 金融  (3)"
	check "$size: count of 科技" has "+ 科技  (2)"
	check "$size: count of 体育 (a leaf)" has "  体育  (1)"
	check "$size: collapsed child hidden" hasnt "证券时报"
	check "$size: tree fits" snap tree
	keys Enter # expand 金融 (the first category is selected at start)
	check "$size: expand shows children" wait_for "证券时报  (1)"
	check "$size: expanded child count" has "财经快讯  (2)"
	keys h # collapse it again
	check "$size: collapse hides children" hasnt "证券时报"
	keys k Enter # "All articles" -> the list of every article
	check "$size: list opens" wait_for "冬季运动会开幕"
	r1=$(row_of 冬季运动会开幕)
	r2=$(row_of 国产芯片企业)
	r3=$(row_of 央行宣布下调)
	r4=$(row_of 一篇没有日期的短讯)
	check "$size: newest first, undated last ($r1<$r2<$r3<$r4)" test "$r1" -lt "$r2" -a "$r2" -lt "$r3" -a "$r3" -lt "$r4"
	check "$size: unread mark and date" has "N 2024-01-20 03:00  冬季运动会开幕"
	check "$size: list fits" snap list
	keys G k # the fifth of six: 央行宣布下调存款准备金率
	keys Enter
	check "$size: article opens" wait_for "中国人民银行今日宣布"
	check "$size: article header categories" has "金融 › 证券时报 › 要闻"
	check "$size: status shows the position" has "line 1/"
	snap a0
	keys j
	snap a1
	sed -n 3p "$TMPD/a0" >"$TMPD/x"
	sed -n 2p "$TMPD/a1" >"$TMPD/y"
	check "$size: j scrolls one line" cmp -s "$TMPD/x" "$TMPD/y"
	keys Space
	snap a2
	check "$size: space pages on" sh -c "! cmp -s '$TMPD/a1' '$TMPD/a2'"
	check "$size: the first paragraph has left the page" sh -c "! grep -q 中国人民银行今日 '$TMPD/a2'"
	keys b
	snap a3
	l1=$(line_no a1); l2=$(line_no a2); l3=$(line_no a3)
	page=$((H - 3))
	check "$size: space moves a page or to the end ($l1 -> $l2)" test "$l2" -eq $((l1 + page)) -o "$(sed -n '$p' "$TMPD/a2" | grep -c ' 100%')" -eq 1
	check "$size: b moves back a page ($l2 -> $l3)" test "$l3" -eq $((l2 > page ? l2 - page : 1))
	if [ "$l2" -eq $((l1 + page)) ]; then
		check "$size: b after space shows the same screen" cmp -s "$TMPD/a1" "$TMPD/a3"
	fi
	keys G
	check "$size: G shows the end" wait_for "结尾标记：本文完"
	check "$size: article fits" snap end
	keys g
	check "$size: g back to the top" wait_for "中国人民银行今日宣布"
	keys q
	check "$size: q returns to the list" wait_for "一篇没有日期的短讯"
	check "$size: the opened article is marked read" sh -c "! $TM capture-pane -p -t t | grep -q '^ N .*央行宣布下调'"
	check "$size: the others stay unread" sh -c "$TM capture-pane -p -t t | grep -q '^ N .*国产芯片企业'"
	keys q
	check "$size: q returns to the tree" wait_for "All articles"
	keys q
	check "$size: q at the top quits with status 0" wait_for "EXIT=0"
	check "$size: the interface is gone" hasnt "All articles"
	tui_stop
	sleep 0.2
done
finish
