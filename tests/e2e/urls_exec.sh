#!/bin/sh
# Command sources in the urls file, as newsboat has them: exec:COMMAND (its output is the
# feed) and filter:COMMAND:URL (the download piped through COMMAND); a failing or hung
# command is one line naming it; query: lines are named and skipped; ! hides a source.
. "$(dirname "$0")/lib.sh"
U="$XDG_CONFIG_HOME/newsread/urls"
mkdir -p "$XDG_CONFIG_HOME/newsread" "$TMPD/www"
out="$TMPD/out"; err="$TMPD/err"
F="$FIX/fetch/feed1.xml"
cp "$F" "$TMPD/www/feed.xml"
server_start "$TMPD/www"
B="http://127.0.0.1:$PORT"

# exec: the command's standard output is the feed, filed under the user's category
cat >"$U" <<URLS
"exec:cat '$F'" 命令 "~命令源"
URLS
"$NR" --list >"$out" 2>"$err"; rc=$?
check "exec: exit 0, no error" sh -c "[ $rc -eq 0 ] && [ ! -s '$err' ]"
check "exec: the feed's article, category and name" sh -c "grep -q '	命令/要闻	第1条快讯' '$out' && cut -f5 '$out' | grep -qx '命令源'"

# the command reads /dev/null, not newsread's standard input; stderr is not shown on success
cat >"$U" <<URLS
"exec:if [ -n \"\$(cat)\" ]; then exit 9; fi; cat '$F'; echo noise >&2"
URLS
echo "newsread's own input" | "$NR" --list >"$out" 2>"$err"; rc=$?
check "exec: stdin is /dev/null, exit 0, stderr quiet" sh -c "[ $rc -eq 0 ] && grep -q '第1条快讯' '$out' && [ ! -s '$err' ]"

# filter: the downloaded feed piped through sed
cat >"$U" <<URLS
"filter:sed 's/快讯/滤过/':$B/feed.xml" 过滤
URLS
"$NR" --list >"$out" 2>"$err"; rc=$?
check "filter: exit 0" [ $rc -eq 0 ]
check "filter: the command changed the feed" sh -c "grep -q '	过滤/要闻	第1条滤过' '$out' && ! grep -q '第1条快讯' '$out'"
check "filter: links resolved against the URL, source named as written" sh -c "cut -f5 '$out' | grep -qxF 'filter:sed '\''s/快讯/滤过/'\'':$B/feed.xml'"
check "filter: the server was asked" grep -q '^/feed.xml' "$TMPD/server.log"

# a failing command: its exit status and first stderr line, the other sources still load
cat >"$U" <<URLS
"exec:echo '  ' >&2; echo 'no such feed' >&2; echo second >&2; exit 3"
"exec:cat '$F'"
"filter:tr a b:$B/missing.xml"
"filter:exit 4:$B/feed.xml"
URLS
"$NR" --list >"$out" 2>"$err"; rc=$?
check "failing commands: exit 1, the good one loads" sh -c "[ $rc -eq 1 ] && grep -q '第1条快讯' '$out'"
check "failing exec: status and first stderr line" grep -qxF "newsread: exec:echo '  ' >&2; echo 'no such feed' >&2; echo second >&2; exit 3: exit 3: no such feed" "$err"
check "filter of a 404: named" grep -qxF "newsread: filter:tr a b:$B/missing.xml: download: HTTP status 404" "$err"
check "failing filter command: exit status" grep -qxF "newsread: filter:exit 4:$B/feed.xml: exit 4" "$err"
check "three error lines" [ "$(wc -l <"$err")" -eq 3 ]

# a hung command is killed at the time-out, with what it started; nothing left behind
cat >"$U" <<URLS
"exec:sleep 60 & echo \$! >'$TMPD/bgpid'; sleep 60"
"exec:cat '$F'"
URLS
start=$(date +%s)
"$NR" --list -o fetch-timeout=2 >"$out" 2>"$err"; rc=$?
took=$(( $(date +%s) - start ))
check "hung command: exit 1 after the time-out ($took s)" sh -c "[ $rc -eq 1 ] && [ $took -ge 2 ] && [ $took -le 6 ]"
check "hung command: named" grep -qF ': timed out after 2 s' "$err"
check "hung command: the other source loads" grep -q '第1条快讯' "$out"
sleep 0.2
# (killed: gone, or a zombie of init's, no longer newsread's)
st=$(ps -o stat= -p "$(cat "$TMPD/bgpid")")
check "hung command: its background child was killed too" sh -c "[ -z '$st' ] || [ '${st#Z}' != '$st' ]"

# under the interface (a terminal newsread owns): the command cannot open it; no zombie
# is left while newsread runs on after a failing command
cat >"$U" <<URLS
"exec:exit 5"
"exec:if (exec 3</dev/tty) 2>/dev/null; then exit 8; fi; cat '$F'" 无终端
"exec:cat '$FIX/fetch/feed2.xml'" 其他
URLS
tui_start 80 24 ""
check "under a terminal: the command has none" wait_for "无终端" 10
pid=$(pgrep -n -f "^$NR" || true)
check "no zombie child under the interface" sh -c "[ -n '$pid' ] && ! ps -o stat= --ppid '$pid' | grep -q Z"
keys q; keys q

# output over the limit is refused (SOURCE_MAX_BYTES is 64 MiB)
printf '"exec:head -c 70000000 /dev/zero"\n' >"$U"
"$NR" --list >"$out" 2>"$err"; rc=$?
check "endless output: refused" sh -c "[ $rc -eq 1 ] && grep -qF ': output over 67108864 bytes' '$err'"

# bad command lines, query: lines, each named FILE:LINE, the rest loads
cat >"$U" <<URLS
"query:Unread Articles:unread = \"yes\""
exec:
"filter:cat"
"exec:cat '$F'"
URLS
"$NR" --list >"$out" 2>"$err"; rc=$?
check "query: named, the rest loads, exit 1" sh -c "[ $rc -eq 1 ] && grep -q '第1条快讯' '$out'"
check "query: message" grep -qxF "newsread: $U:1: query: sources are not supported yet (saved searches come later)" "$err"
check "exec: without a command" grep -qF "$U:2: exec: needs a command" "$err"
check "filter: without a URL" grep -qF "$U:3: filter: expected filter:COMMAND:URL" "$err"

# ! hides a source from the tree (kept in the list it loads: the interface honours it)
printf '%s 甲 !\n%s "!私人"\n' "$F" "$FIX/fetch/feed2.xml" >"$U"
"$NR" --list >"$out" 2>"$err"; rc=$?
check "! is no category" sh -c "[ $rc -eq 0 ] && ! cut -f2 '$out' | grep -q '!'"
"$NR" --export-opml >"$out" 2>"$err"
check "! kept by --export-opml" grep -q 'feed1.xml' "$out"
finish
