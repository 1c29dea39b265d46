#!/bin/sh
# The urls file line by line: a bad line is one FILE:LINE: message on stderr and exit 1,
# every other line still loads, and the user's file never gives way to the demo.
. "$(dirname "$0")/lib.sh"
S="$FIX/sources"
U="$XDG_CONFIG_HOME/newsread/urls"
mkdir -p "$XDG_CONFIG_HOME/newsread"
out="$TMPD/out"; err="$TMPD/err"

cat >"$U" <<URLS
# two good lines around three bad ones
$S/post_markdown.md 甲
"$S/post_seedlike.md  unterminated
~名字 $S/post_seedlike.md
$S/post_seedlike.md ~a ~b
$S/folder 乙
URLS
"$NR" --list >"$out" 2>"$err"; rc=$?
check "bad lines: exit 1" [ $rc -eq 1 ]
check "bad lines: each named FILE:LINE" sh -c "[ \$(wc -l <'$err') -eq 3 ] &&
	grep -qxF 'newsread: $U:3: unterminated double quote' '$err' &&
	grep -qF 'newsread: $U:4: expected a URL before the display name' '$err' &&
	grep -qF 'newsread: $U:5: two display names' '$err'"
check "bad lines: the good lines still load (post and folder)" sh -c "cut -f2 '$out' | grep -q '^甲/' && cut -f2 '$out' | grep -q '^乙'"
check "bad lines: nothing else (not the demo)" sh -c "! cut -f2 '$out' | grep -qv '^甲\|^乙'"

# only bad lines: nothing loads, every line named, no demo, exit 1 (also without --list)
printf '~a\n"unterminated\n' >"$U"
"$NR" --list >"$out" 2>"$err"; rc=$?
check "only bad lines: exit 1, nothing listed (no demo)" sh -c "[ $rc -eq 1 ] && [ ! -s '$out' ]"
check "only bad lines: both named" sh -c "grep -qF '$U:1: expected a URL' '$err' && grep -qF '$U:2: unterminated' '$err'"
"$NR" >"$out" 2>"$err" </dev/null; rc=$?
check "only bad lines, interface: exit 1, no screen" sh -c "[ $rc -eq 1 ] && [ ! -s '$out' ] && [ \$(wc -l <'$err') -eq 2 ]"

# an unreadable file is one message, still no demo
printf '%s\n\377\n' "$S/post_markdown.md" >"$U"
"$NR" --list >"$out" 2>"$err"; rc=$?
check "invalid UTF-8 urls file: named, exit 1, no demo" sh -c "[ $rc -eq 1 ] && [ ! -s '$out' ] &&
	grep -qxF 'newsread: $U: not valid UTF-8' '$err'"

# an empty urls file (only comments) still opens the demo
printf '# nothing yet\n' >"$U"
"$NR" --list >"$out" 2>"$err"; rc=$?
check "comments only: the demo, exit 0" sh -c "[ $rc -eq 0 ] && [ -s '$out' ] && [ ! -s '$err' ]"

# --export-opml: the good lines exported, the bad ones named, exit 1
printf '%s\n~bad\n' "$S/post_markdown.md" >"$U"
"$NR" --export-opml >"$out" 2>"$err"; rc=$?
check "export with a bad line: exit 1, the good one exported" sh -c "[ $rc -eq 1 ] && grep -qF 'xmlUrl=\"$S/post_markdown.md\"' '$out'"
check "export with a bad line: named" sh -c "grep -qF '$U:2: expected a URL' '$err' && grep -qF 'left out' '$err'"
# --import-opml keeps the bad line as it is and appends
cat >"$TMPD/a.opml" <<'OPML'
<?xml version="1.0"?><opml version="2.0"><body><outline text="A" xmlUrl="https://a.example.com/feed"/></body></opml>
OPML
"$NR" --import-opml "$TMPD/a.opml" >"$out" 2>"$err"; rc=$?
check "import beside a bad line: exit 0, appended, bad line kept" sh -c "[ $rc -eq 0 ] && grep -qx '~bad' '$U' && grep -q '^https://a.example.com/feed' '$U'"
finish
