#!/bin/sh
# The store as a user meets it: read marks made in the interface (N in the list, opening
# an article) are there after a restart, for a local folder and for a feed from the test
# server; what was downloaded is shown again when the server is gone (a failed source,
# and --offline); the file is 0600 in a 0700 folder; -x reload / print-unread / vacuum and
# their exit statuses; keep-articles-days; --list --json's source_title from the store;
# a store made by a newer newsread is never written to.
. "$(dirname "$0")/lib.sh"
DB="$XDG_DATA_HOME/newsread/newsread.db"
has() { screen | grep -qF -- "$1"; }
unread_row() { screen | grep -q "^ N .*$1"; }
read_row() { screen | grep -q "^   .*$1"; }
sql() { python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print("\n".join("|".join(map(str, r)) for r in c.execute(sys.argv[2]))); c.commit()' "$DB" "$1"; }
restart() { tui_stop; tui_start 80 24 "$@"; }

# ---- a local folder: marks by article id, the posts never copied into the store
P="$TMPD/posts"
mkdir -p "$P"
printf -- '---\ntitle: Local one\ndate: 2021-01-02 10:00\n---\nBody one.\n' >"$P/one.md"
printf -- '---\ntitle: Local two\ndate: 2021-01-03 10:00\n---\nBody two.\n' >"$P/two.md"
printf -- '---\ntitle: Local three\ndate: 2021-01-04 10:00\n---\nBody three.\n' >"$P/three.md"
tui_start 80 24 "'$P'"
check "folder: list opens, all unread" eval "wait_for 'Local one' && unread_row 'Local three' && unread_row 'Local one'"
keys N          # the newest (three) read
keys j Enter    # open two: read
check "folder: article opens" wait_for "Body two."
keys q q
check "folder: quits with 0" wait_for "EXIT=0"
check "store made 0600 in a 0700 folder" sh -c "[ \$(stat -c %a '$DB') = 600 ] && [ \$(stat -c %a '$(dirname "$DB")') = 700 ]"
check "folder: no article copied into the store" [ "$(sql 'select count(*) from articles')" = 0 ]
restart "'$P'"
check "folder restarted: N-marked article still read" eval "wait_for 'Local one' && read_row 'Local three'"
check "folder restarted: opened article still read" read_row 'Local two'
check "folder restarted: the other still unread" unread_row 'Local one'
keys k k N      # three unread again
keys q
check "folder: quits again" wait_for "EXIT=0"
check "folder: unmarking is kept too (-x print-unread: 2)" [ "$(cd "$TMPD" && "$NR" posts -x print-unread)" = 2 ]
check "folder: marks follow the real path, not the spelling" [ "$(cd "$TMPD" && "$NR" ./posts/ -x print-unread)" = 2 ]

# ---- a feed from the test server
W="$TMPD/www"
mkdir -p "$W"
cat >"$W/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Store test feed</title><link>http://example.com/</link>
<item><title>Alpha story</title><link>http://example.com/a</link><guid>s-a</guid><pubDate>Wed, 24 Nov 2021 11:00:00 +0800</pubDate><description>Alpha body.</description></item>
<item><title>Beta story</title><link>http://example.com/b</link><guid>s-b</guid><pubDate>Wed, 24 Nov 2021 10:00:00 +0800</pubDate><description>Beta body.</description></item>
<item><title>Gamma story</title><link>http://example.com/c</link><guid>s-c</guid><pubDate>Wed, 24 Nov 2021 09:00:00 +0800</pubDate><description>Gamma body.</description></item>
<item><title>Old story</title><link>http://example.com/o</link><guid>s-o</guid><pubDate>Mon, 01 Jan 2001 09:00:00 +0800</pubDate><description>Old body.</description></item>
</channel></rss>
XML
server_start "$W"
U="http://127.0.0.1:$PORT/feed.xml"
mkdir -p "$XDG_CONFIG_HOME/newsread"
echo "$U" >"$XDG_CONFIG_HOME/newsread/urls"

out=$("$NR" -x reload print-unread 2>"$TMPD/err"); rc=$?
check "-x reload print-unread: exit 0, the 4 stored articles unread" sh -c "[ $rc -eq 0 ] && [ '$out' = 4 ] && [ ! -s '$TMPD/err' ]"
check "-x reload: the articles and the source row are stored" eval "[ \$(sql 'select count(*) from articles') = 4 ] && sql 'select url, error from sources' | grep -qxF '$U|None'"

restart
check "feed: list opens" eval "wait_for 'Alpha story' && unread_row 'Alpha story'"
keys N           # Alpha read
keys j j Enter   # open Gamma
check "feed: article opens" wait_for "Gamma body."
keys q q
check "feed: quits with 0" wait_for "EXIT=0"
check "feed: marks stored by source and id" [ "$(sql "select guid from marks where source = '$U' and read_at is not null order by guid" | tr '\n' ' ')" = "s-a s-c " ]
check "feed: -x print-unread counts from the store" [ "$("$NR" -x print-unread)" = 2 ]
restart
check "feed restarted: marks still there" eval "wait_for 'Beta story' && read_row 'Alpha story' && read_row 'Gamma story' && unread_row 'Beta story'"
keys q
wait_for "EXIT=0" >/dev/null

# readers never wait: while another process holds the write lock, -x print-unread
# answers at once; a writer waits 5 s, then says who holds it
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("begin immediate"); c.execute("update sources set error = error")
open(sys.argv[2], "w").close(); time.sleep(7); c.execute("rollback")' "$DB" "$TMPD/locked" &
LOCKER=$!
n=50; while [ ! -e "$TMPD/locked" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
t0=$(date +%s%N)
out=$("$NR" -x print-unread 2>&1); rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "locked by a writer: -x print-unread answers at once ($ms ms)" [ "$rc $out $((ms < 2000))" = "0 2 1" ]
"$NR" -x reload >/dev/null 2>"$TMPD/err"; rc=$?
check "locked by a writer: -x reload fails with 1, FILE: locked by another newsread" eval "[ $rc -eq 1 ] && grep -qxF 'newsread: $DB: locked by another newsread' '$TMPD/err'"
wait $LOCKER

# the feed's own title, once known (the download side fills it; here put in the store),
# is --list --json's source_title
sql "update sources set title = 'Store test feed'" >/dev/null
"$NR" --offline --list --json >"$TMPD/json"; rc=$?
check "--list --json: source_title from the store" python3 -c '
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(objs) == 4 and all(o["source_title"] == "Store test feed" for o in objs), objs
' "$TMPD/json"
"$NR" --list >"$TMPD/tsv"
check "--list stays 5 tab-separated fields" sh -c "awk -F'\t' 'NF != 5 { exit 1 }' '$TMPD/tsv' && grep -qF '	Alpha story	http://example.com/a	$U' '$TMPD/tsv'"

# ---- the server gone: the feed fails, and what was stored is shown
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
"$NR" --list >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "server gone: exit 1, one line naming the URL" sh -c "[ $rc -eq 1 ] && [ \$(wc -l <'$TMPD/err') -eq 1 ] && grep -qF '$U' '$TMPD/err'"
check "server gone: the stored articles are listed" [ "$(grep -c 'story' "$TMPD/out")" -eq 4 ]
check "server gone: the error is recorded on the source" eval "sql 'select error from sources' | grep -qF '$U'"
"$NR" --offline --list >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "--offline after the server stopped: exit 0, lists what was stored" sh -c "[ $rc -eq 0 ] && [ ! -s '$TMPD/err' ] && [ \$(grep -c story '$TMPD/out') -eq 4 ]"
"$NR" -o offline=on --list >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "option offline does the same" sh -c "[ $rc -eq 0 ] && [ \$(grep -c story '$TMPD/out') -eq 4 ]"
# the store keeps articles as the feed gave them: the urls file's categories and name,
# changed since, apply to what was stored
echo "$U 新闻/国内 \"~Named feed\"" >"$XDG_CONFIG_HOME/newsread/urls"
"$NR" --offline --list >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "urls categories and name changed since the download apply to the stored articles" eval "[ $rc -eq 0 ] && [ \$(grep -c '^2021-11-24 ..:..	新闻/国内	.* story	.*	Named feed\$' '$TMPD/out') -eq 3 ]"
echo "$U" >"$XDG_CONFIG_HOME/newsread/urls"
"$NR" --offline --list "http://127.0.0.1:$PORT/never.xml" >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "--offline, a URL never stored: exit 1, one line" sh -c "[ $rc -eq 1 ] && grep -q 'never.xml: not in the store' '$TMPD/err' && [ ! -s '$TMPD/out' ]"
restart --offline
check "--offline interface: marks shown" eval "wait_for 'Beta story' && read_row 'Alpha story' && unread_row 'Beta story'"
keys q
wait_for "EXIT=0" >/dev/null

# ---- -x
out=$("$NR" -x reload 2>"$TMPD/err"); rc=$?
check "-x reload, a source failing: exit 1, named" sh -c "[ $rc -eq 1 ] && grep -qF '$U' '$TMPD/err'"
"$NR" -x 'print-unread; nosuch' vacuum >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "-x unknown command: exit 2, named, nothing run" sh -c "[ $rc -eq 2 ] && grep -qx 'newsread: unknown command: nosuch' '$TMPD/err' && [ ! -s '$TMPD/out' ]"
out=$("$NR" -x 'print-unread;vacuum' print-unread 2>&1); rc=$?
check "-x with ; and several arguments: exit 0, printed twice" [ "$rc $(echo $out)" = "0 2 2" ]
check "-x with --no-store: usage error" sh -c "'$NR' --no-store -x reload 2>/dev/null; [ \$? -eq 2 ]"
check "--list -x: one mode at a time" sh -c "'$NR' --list -x reload 2>&1 | grep -q 'one mode at a time'"

# --db and --no-store
"$NR" --db "$TMPD/other/x.db" --list "$P" >/dev/null; rc=$?
check "--db FILE: made there, 0600" sh -c "[ $rc -eq 0 ] && [ \$(stat -c %a '$TMPD/other/x.db') = 600 ]"
"$NR" --no-store --db "$TMPD/x.db" --list "$P" >/dev/null 2>&1; rc=$?
check "--no-store --db: usage error" [ $rc -eq 2 ]
rm -rf "$TMPD/nostore"
XDG_DATA_HOME="$TMPD/nostore" "$NR" --no-store --list "$P" >/dev/null; rc=$?
check "--no-store: no file made" sh -c "[ $rc -eq 0 ] && [ ! -e '$TMPD/nostore' ]"

# a store written by a newer newsread: one line, the run goes on, the file untouched
cp "$DB" "$TMPD/newer.db"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("pragma user_version = 99"); c.commit()' "$TMPD/newer.db"
sum=$(md5sum <"$TMPD/newer.db")
"$NR" --db "$TMPD/newer.db" --list "$P" >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "newer store: the run goes on (exit 0), one line naming the file" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$TMPD/err') -eq 1 ] && grep -qF '$TMPD/newer.db: ' '$TMPD/err' && [ \$(wc -l <'$TMPD/out') -eq 3 ]"
check "newer store: never written" [ "$(md5sum <"$TMPD/newer.db")" = "$sum" ]
"$NR" --db "$TMPD/newer.db" -x print-unread >/dev/null 2>&1; rc=$?
check "newer store: -x fails with 1" [ $rc -eq 1 ]

# keep-articles-days prunes at reload (offline: no reload, nothing pruned); starred
# articles and marks stay
"$NR" -o keep-articles-days=30 --offline --list >/dev/null 2>&1
check "keep-articles-days, offline: nothing pruned" [ "$(sql 'select count(*) from articles')" = 4 ]
python3 - "$W/recent.xml" <<'PY'
import sys, time, email.utils
now = time.time()
item = '<item><title>%s</title><guid>%s</guid><pubDate>%s</pubDate><description>x</description></item>'
items = [item % ('Fresh story', 'r-f', email.utils.formatdate(now - 86400)),
         item % ('Stale story', 'r-s', email.utils.formatdate(now - 100 * 86400))]
open(sys.argv[1], 'w').write('<rss version="2.0"><channel><title>r</title>%s</channel></rss>' % ''.join(items))
PY
server_start "$W"
R="http://127.0.0.1:$PORT/recent.xml"
"$NR" -o keep-articles-days=30 "$R" -x reload; rc=$?
check "keep-articles-days=30: reload exit 0" [ $rc -eq 0 ]
check "keep-articles-days=30: the 100-day-old article and the 2021 ones pruned, the fresh one kept" [ "$(sql 'select title from articles')" = "Fresh story" ]
check "keep-articles-days: marks kept" [ "$(sql "select count(*) from marks where guid in ('s-a','s-c') and read_at is not null")" = 2 ]
"$NR" "$R" -x reload; rc=$?
check "keep-articles-days=0 (default): everything kept" eval "[ $rc -eq 0 ] && [ \$(sql 'select count(*) from articles') = 2 ]"

finish
