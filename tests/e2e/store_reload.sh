#!/bin/sh
# A second reload is conditional: the stored ETag and Last-Modified go out, a 304 keeps
# the stored articles (exit 0, the same list), and a changed feed comes back whole.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMPD/www"
cp "$FIX/feeds/rss20_zh.xml" "$TMPD/www/f.xml"
server_start "$TMPD/www"
U="http://127.0.0.1:$PORT/f.xml?etag=1"

"$NR" --list "$U" > "$TMPD/first" 2> "$TMPD/err1"
check "first load: exit 0" [ $? -eq 0 ]
check "first load: articles listed" test -s "$TMPD/first"
check "first request sent no validators" sh -c 'grep -F "/f.xml?etag=1" "$1" | head -1 | grep -qv "inm="' _ "$TMPD/server.log"

"$NR" --list "$U" > "$TMPD/second" 2> "$TMPD/err2"
check "second load (304): exit 0" [ $? -eq 0 ]
check "second load: nothing on stderr" [ ! -s "$TMPD/err2" ]
check "second load: the stored articles, the same list" cmp -s "$TMPD/first" "$TMPD/second"
check "second request carried If-None-Match and If-Modified-Since" \
	sh -c 'grep -F "/f.xml?etag=1" "$1" | sed -n 2p | grep -q "inm=\".*\" ims="' _ "$TMPD/server.log"
"$NR" --list --json "$U" > "$TMPD/json"
check "--list --json: the feed's own title as source_title" grep -q '"source_title":"示例财经 & 快讯"' "$TMPD/json"

# the feed changes: its new ETag no longer matches, the new article shows
sed 's|<title>未来的文章</title>|<title>改过的文章</title>|' "$FIX/feeds/rss20_zh.xml" > "$TMPD/www/f.xml"
"$NR" --list "$U" > "$TMPD/third" 2>&1
check "changed feed: exit 0" [ $? -eq 0 ]
check "changed feed: the new title" grep -q '改过的文章' "$TMPD/third"

# --export-opml names a source by the feed's own title (from the store), a ~name first
mkdir -p "$XDG_CONFIG_HOME/newsread"
printf '%s\n%s "~我的名字"\n' "$U" "http://127.0.0.1:$PORT/f.xml?etag=2" > "$XDG_CONFIG_HOME/newsread/urls"
"$NR" --list > /dev/null 2>&1
"$NR" --export-opml > "$TMPD/opml" 2> "$TMPD/err"
check "--export-opml: exit 0" [ $? -eq 0 ]
check "--export-opml: the feed's own title" grep -q 'text="示例财经 &amp; 快讯".*xmlUrl="http://127.0.0.1:[0-9]*/f.xml?etag=1"' "$TMPD/opml"
check "--export-opml: a ~name wins" grep -q 'text="我的名字".*etag=2' "$TMPD/opml"
"$NR" --no-store --export-opml > "$TMPD/opml2"
check "--export-opml --no-store: the URL names it" grep -q 'text="http://127.0.0.1:[0-9]*/f.xml?etag=1"' "$TMPD/opml2"

# the server is gone: --offline still lists what was stored, and touches no network
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
"$NR" --offline --list "$U" > "$TMPD/off" 2> "$TMPD/offerr"
check "--offline without the server: exit 0" [ $? -eq 0 ]
check "--offline: the stored articles" grep -q '改过的文章' "$TMPD/off"

# SQLite is loaded when the store first opens: a broken libsqlite3.so.0 found first leaves
# --list going on without the store (one line saying so), -x failing with exit 1, and
# --dump of a local file never reaching for it
mkdir -p "$TMPD/nosq"
: >"$TMPD/nosq/libsqlite3.so.0"
LD_LIBRARY_PATH="$TMPD/nosq" "$NR" --list "$FIX/feeds/rss20_zh.xml" --db "$TMPD/nosq.db" > "$TMPD/out" 2> "$TMPD/err"
check "no SQLite: --list exit 0, the feed listed" sh -c '[ $1 -eq 0 ] && [ -s "$2" ]' _ $? "$TMPD/out"
check "no SQLite: one line naming the file and the library" sh -c '[ $(wc -l < "$1") -eq 1 ] && grep -q "nosq.db: cannot load libsqlite3.so.0 (.*going on without the store" "$1"' _ "$TMPD/err"
LD_LIBRARY_PATH="$TMPD/nosq" "$NR" --db "$TMPD/nosq.db" -x vacuum 2> "$TMPD/err"
check "no SQLite: -x vacuum exit 1, no crash" [ $? -eq 1 ]
LD_LIBRARY_PATH="$TMPD/nosq" "$NR" --dump "$FIX/feeds/rss20_zh.xml" > "$TMPD/out" 2> "$TMPD/err"
check "no SQLite: --dump of a local file is untouched" sh -c '[ $1 -eq 0 ] && [ ! -s "$2" ] && [ -s "$3" ]' _ $? "$TMPD/err" "$TMPD/out"
finish
