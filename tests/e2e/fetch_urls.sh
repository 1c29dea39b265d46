#!/bin/sh
# The urls file: its sources are downloaded in parallel but politely (at most two at once
# per site), filed under the categories and names the user gave them; a failing source
# is one line on stderr and exit 1 while the rest still load.
. "$(dirname "$0")/lib.sh"

server_start "$FIX/fetch"
B="http://127.0.0.1:$PORT"
mkdir -p "$XDG_CONFIG_HOME/newsread"
cat >"$XDG_CONFIG_HOME/newsread/urls" <<URLS
# my sources
$B/slow/feed1.xml 金融/快讯 "~频道一"
$B/slow/feed2.xml 金融/快讯
$B/slow/feed3.xml
$B/slow/feed4.xml 科技 金融/其他
URLS
out=$("$NR" --list 2>"$TMPD/err"); rc=$?
check "urls file loads, exit 0" [ $rc -eq 0 ]
check "four articles" [ "$(printf '%s\n' "$out" | grep -c .)" -eq 4 ]
check "no error output" [ ! -s "$TMPD/err" ]
stats() { python3 -c "import urllib.request;print(urllib.request.urlopen('$1/stats').read().decode())"; }
max=$(stats "$B")
check "downloads overlapped (parallel): $max at once" [ "$max" -ge 2 ]
check "never more than two at once on one site (polite): $max" [ "$max" -le 2 ]
line1=$(printf '%s\n' "$out" | grep '第1条')
check "user category path prepended to the feed's" sh -c "printf '%s\n' \"\$1\" | cut -f2 | grep -qx '金融/快讯/要闻'" _ "$line1"
check "display name is the source" sh -c "printf '%s\n' \"\$1\" | cut -f5 | grep -qx '频道一'" _ "$line1"
line4=$(printf '%s\n' "$out" | grep '第4条')
check "two user categories give two paths" sh -c "printf '%s\n' \"\$1\" | cut -f2 | grep -qx '科技/要闻; 金融/其他/要闻'" _ "$line4"
line3=$(printf '%s\n' "$out" | grep '第3条')
check "no user category: the feed's own" sh -c "printf '%s\n' \"\$1\" | cut -f2 | grep -qx '要闻'" _ "$line3"
check "newest first" sh -c "printf '%s\n' \"\$1\" | head -1 | grep -q '第4条'" _ "$out"

# one source failing: the others still load, one line names it, exit 1
echo "$B/status/404" >>"$XDG_CONFIG_HOME/newsread/urls"
out=$("$NR" --list 2>"$TMPD/err"); rc=$?
check "a failing source gives exit 1" [ $rc -eq 1 ]
check "the others still load" [ "$(printf '%s\n' "$out" | grep -c .)" -eq 4 ]
check "one line names the failing URL" sh -c "[ \$(wc -l <'$TMPD/err') -eq 1 ] && grep -qF '$B/status/404: HTTP status 404' '$TMPD/err'"

# fetch-parallel=1: one at a time (a fresh server counts again)
kill "$SERVER_PID"; SERVER_PID=""
server_start "$FIX/fetch"
B="http://127.0.0.1:$PORT"
"$NR" -o fetch-parallel=1 --list "$B/slow/feed1.xml" "$B/slow/feed2.xml" "$B/slow/feed3.xml" >/dev/null 2>&1
max=$(stats "$B")
check "fetch-parallel=1 fetches one at a time: $max" [ "$max" -eq 1 ]

# libcurl that cannot be loaded (a broken libcurl.so.4 found first): local sources still
# load, each URL fails with one line naming it and the reason, exit 1 (without the store,
# which would show what the feeds gave above)
mkdir -p "$TMPD/nocurl"
: >"$TMPD/nocurl/libcurl.so.4"
out=$(LD_LIBRARY_PATH="$TMPD/nocurl" "$NR" --no-store --list "$FIX/fetch/feed1.xml" "$B/slow/feed2.xml" "$B/slow/feed3.xml" 2>"$TMPD/err"); rc=$?
check "no libcurl: exit 1" [ $rc -eq 1 ]
check "no libcurl: the local feed still loads" [ "$(printf '%s\n' "$out" | grep -c .)" -eq 1 ]
check "no libcurl: one line per URL, naming it and the library" sh -c "[ \$(wc -l <'$TMPD/err') -eq 2 ] && grep -qF '$B/slow/feed2.xml: cannot load libcurl.so.4 (' '$TMPD/err' && grep -qF '$B/slow/feed3.xml: cannot load libcurl.so.4 (' '$TMPD/err'"
finish
