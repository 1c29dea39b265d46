#!/bin/sh
# Control characters from outside (titles, authors, categories, links, file names, a server's
# URL) never reach the terminal: not in --dump, --list, --list --json, --stocks, nor stderr.
. "$(dirname "$0")/lib.sh"
S="$FIX/safety"
cd "$TMPD" || exit 1
E=$(printf '\033')

# clean FILE: no C0 control but tab and newline, no DEL, no C1 (U+0080..U+009F), valid UTF-8
clean() {
	python3 - "$1" <<'PY'
import sys
b = open(sys.argv[1], 'rb').read()
try:
    t = b.decode('utf-8')
except UnicodeDecodeError:
    sys.exit(1)
bad = [c for c in t if (ord(c) < 0x20 and c not in '\t\n') or 0x7f <= ord(c) <= 0x9f]
sys.exit(1 if bad else 0)
PY
}

# the hostile inputs, under names that hold ESC sequences themselves
cp "$S/post_controls.md" "post${E}[31m.md"
cp "$S/feed_controls.json" "feed${E}]0;x.json"
cp "$S/page_controls.html" "page${E}[2J.html"
for f in "post${E}[31m.md" "feed${E}]0;x.json" "page${E}[2J.html"; do
	for m in --dump --list "--list --json" --stocks "--stocks --json"; do
		# shellcheck disable=SC2086
		"$NR" $m --width 40 "$f" >out 2>err; rc=$?
		name=$(printf '%s' "$f" | tr -d '\033')
		check "$name $m: loads" [ $rc -eq 0 ]
		check "$name $m: stdout clean" clean out
		check "$name $m: stderr clean" clean err
	done
done
# the text is still there, only the controls are gone
"$NR" --list "feed${E}]0;x.json" >out 2>err
check "feed title kept without ESC" grep -q "新闻\[2J标题" out
check "feed file name shown without ESC" grep -q "feed\]0;x.json" out
"$NR" --dump --width 40 "post${E}[31m.md" >out 2>err
check "post title kept without ESC" grep -q "标题\]0;pwned带控制\[2J字符" out

# error messages naming a file, a URL, a config file
"$NR" --dump "missing${E}[31m.md" >out 2>err; rc=$?
check "missing file with ESC in its name: exit 1" [ $rc -eq 1 ]
check "missing file with ESC in its name: stderr clean" clean err
check "missing file with ESC in its name: named" grep -qxF "newsread: missing[31m.md: No such file or directory" err
"$NR" --dump "http://127.0.0.1:1/${E}[31m" >out 2>err; rc=$?
check "URL with ESC: exit 1, stderr clean" sh -c "[ $rc -eq 1 ] && [ \$(wc -l <err) -eq 1 ]"
check "URL with ESC: stderr clean" clean err
"$NR" -c "conf${E}[31m" --check-config >out 2>err; rc=$?
check "config file with ESC in its name: exit 2, stderr clean" sh -c "[ $rc -eq 2 ] && [ -s err ]"
check "config file with ESC: stderr clean" clean err
printf 'set nonsense%s[31m 1\n' "$E" >"c${E}[1m"
"$NR" -c "c${E}[1m" --check-config >out 2>err; rc=$?
check "bad config line: exit 2" [ $rc -eq 2 ]
check "bad config line: stderr clean" clean err
"$NR" --width "4${E}[0m" x >out 2>err; rc=$?
check "bad --width: exit 2, stderr clean" sh -c "[ $rc -eq 2 ] && [ -s err ]"
check "bad --width: stderr clean" clean err
"$NR" "--no-such${E}[0m" >out 2>err; rc=$?
check "unknown option: exit 2, stderr clean" sh -c "[ $rc -eq 2 ] && [ -s err ]"
check "unknown option: stderr clean" clean err
finish
