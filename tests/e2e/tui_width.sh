#!/bin/sh
# One width model for the list and the article: a title holding a soft hyphen (U+00AD) or
# an emoji with a skin-tone modifier (U+1F3FB), which the layout deletes while the C
# library's wcwidth counts them, shows the same text in the list row and in the article.
. "$(dirname "$0")/lib.sh"
D="$TMPD/posts"
mkdir -p "$D"
shy=$(printf 'ab\302\255cd宽度')
thumb=$(printf '好评\360\237\221\215\360\237\217\273多')
post() { # post FILE TITLE DATE
	printf -- "---\ntitle: '%s'\ndate: %s\n---\n\n<p>正文。</p>\n" "$2" "$3" >"$D/$1"
}
post a.md "$shy" "Mon, 15 Jan 2024 09:30:00 GMT"
post b.md "$thumb" "Tue, 16 Jan 2024 09:30:00 GMT"
stop() { tui_stop; }
# the cells of the screen as text, without the modifier or SHY bytes a wrong model left
no_strays() { ! screen | grep -q "$(printf '\302\255')\|$(printf '\360\237\217\273')"; }
# the title as the list row shows it, and as the article's first body line shows it
row_title() { screen | grep -F "$1" | head -1 | sed 's/^.*[0-9][0-9]:[0-9][0-9]  //; s/ *$//'; }
art_title() { screen | sed -n 2p | sed 's/^ //; s/ *$//'; }

for size in "80 24" "160 40"; do
	tui_start $size "'$D'"
	check "$size: list shows both titles" wait_for "abcd宽度"
	check "$size: the emoji title, modifier deleted" wait_for "好评👍多"
	check "$size: no soft hyphen or modifier cell in the list" no_strays
	list1=$(row_title "好评")
	list2=$(row_title "abcd")
	echo "# list rows: [$list1] [$list2]"
	keys Enter
	check "$size: article opens" wait_for "正文。"
	check "$size: article title as in the list (emoji)" sh -c "[ -n '$list1' ] && [ '$(art_title)' = '$list1' ]"
	check "$size: no strays in the article" no_strays
	keys n
	check "$size: next article" wait_for "article 2/2"
	check "$size: article title as in the list (soft hyphen)" sh -c "[ -n '$list2' ] && [ '$(art_title)' = '$list2' ]"
	check "$size: no strays in the second article" no_strays
	keys q q
	check "$size: quits" wait_for "EXIT=0"
	stop
done
finish
