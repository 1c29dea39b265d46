#!/bin/sh
# Bad sources: one line on stderr naming each and its reason, exit 1, what loaded still printed.
. "$(dirname "$0")/lib.sh"
S="$FIX/sources"
out="$TMPD/out"; err="$TMPD/err"
cd "$TMPD" || exit 1

one_line_error() { # one_line_error EXPECTED-LINE
	[ "$(wc -l <"$err")" -eq 1 ] && grep -qxF "$1" "$err"
}

"$NR" --dump missing.md >"$out" 2>"$err"; rc=$?
check "missing file: exit 1" [ $rc -eq 1 ]
check "missing file: one line naming it" one_line_error "newsread: missing.md: No such file or directory"
"$NR" missing.md >"$out" 2>"$err" </dev/null; rc=$?
check "missing file without --dump: exit 1, no screen" sh -c "[ $rc -eq 1 ] && [ ! -s '$out' ]"
check "missing file without --dump: named" one_line_error "newsread: missing.md: No such file or directory"

mkdir -p 空文件夹/子目录 nothing
echo '{"not": "a post"}' >nothing/data.json
"$NR" --list 空文件夹 >"$out" 2>"$err"; rc=$?
check "empty folder: exit 1" [ $rc -eq 1 ]
check "empty folder: one line naming it" sh -c "[ \$(wc -l <'$err') -eq 1 ] && grep -q '^newsread: 空文件夹: no posts' '$err'"
"$NR" --list nothing >"$out" 2>"$err"; rc=$?
check "folder of non-posts: exit 1, named" sh -c "[ $rc -eq 1 ] && grep -q '^newsread: nothing: no posts' '$err'"

"$NR" --dump "$S/binary.png" >"$out" 2>"$err"; rc=$?
check "binary file: exit 1" [ $rc -eq 1 ]
check "binary file: one line naming it" one_line_error "newsread: $S/binary.png: not a text document (binary data)"
check "binary file: nothing on stdout" [ ! -s "$out" ]
cp "$S/binary.png" 伪装成文章.md
"$NR" --dump 伪装成文章.md >"$out" 2>"$err"; rc=$?
check "binary file named .md: still binary" sh -c "[ $rc -eq 1 ] && grep -qxF 'newsread: 伪装成文章.md: not a text document (binary data)' '$err'"

: >empty.md
"$NR" --dump empty.md >"$out" 2>"$err"; rc=$?
check "empty file: exit 1, named" sh -c "[ $rc -eq 1 ] && grep -qxF 'newsread: empty.md: empty document' '$err'"
"$NR" --dump - </dev/null >"$out" 2>"$err"; rc=$?
check "empty stdin: exit 1, named" sh -c "[ $rc -eq 1 ] && grep -qxF 'newsread: -: empty document' '$err'"

# a mix: the good ones are printed, every bad one named, exit 1
"$NR" --list "$S/post_markdown.md" missing.md "$S/folder" "$S/binary.png" 空文件夹 >"$out" 2>"$err"; rc=$?
check "mix: exit 1" [ $rc -eq 1 ]
check "mix: the 4 good articles listed" [ "$(wc -l <"$out")" -eq 4 ]
check "mix: one error line per bad source" [ "$(wc -l <"$err")" -eq 3 ]
check "mix: errors name the sources" sh -c "grep -q 'missing.md: No such' '$err' && grep -q 'binary.png: not a text' '$err' && grep -q '空文件夹: no posts' '$err'"
"$NR" --dump --width 30 "$S/post_markdown.md" missing.md >"$out" 2>"$err"; rc=$?
check "mix with --dump: exit 1, the good post printed and fits" sh -c "[ $rc -eq 1 ] && grep -q '为什么要自己写' '$out'" 
check "mix with --dump: fits 30" lines_fit 30 "$out"

# a symlink loop in a folder of posts ends
mkdir -p loop/甲
cp "$S/post_markdown.md" loop/甲/
ln -s .. loop/甲/回到上级
timeout 10 "$NR" --list loop >"$out" 2>"$err"; rc=$?
check "symlink loop: ends, one article" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$out') -eq 1 ]"

# hidden files and folders are skipped
mkdir -p hidden/.git hidden/可见
cp "$S/post_markdown.md" hidden/.git/a.md
cp "$S/post_markdown.md" hidden/.隐藏.md
cp "$S/post_seedlike.md" hidden/可见/
"$NR" --list hidden >"$out" 2>"$err"; rc=$?
check "hidden files skipped" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$out') -eq 1 ] && grep -q '江南新能源' '$out'"
finish
