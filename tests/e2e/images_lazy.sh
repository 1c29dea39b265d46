#!/bin/sh
# One rule for where an image's real URL is: <img data-lazy-src=URL src="data:..."> keeps
# URL in a feed item, a post and a reader-mode page alike (a feed item used to lose it).
. "$(dirname "$0")/lib.sh"
I="$FIX/images"
for kind in feed:lazy_feed.xml post:lazy_post.md page:lazy_page.html; do
	name=${kind%%:*} file=${kind#*:}
	out=$("$NR" --dump --width 80 "$I/$file" 2>"$TMPD/err"); rc=$?
	check "$name: exit 0" [ $rc -eq 0 ]
	check "$name: the image's placeholder is numbered" sh -c "printf '%s\n' \"\$1\" | grep -qx '\[图 1: 码头全景\]'" _ "$out"
	check "$name: its URL is the data-lazy-src" sh -c "printf '%s\n' \"\$1\" | grep -qx '\[1\] https://img.example.cn/lazy/$name.jpg'" _ "$out"
done
finish
