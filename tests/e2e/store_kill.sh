#!/bin/sh
# SIGKILL at random moments of a reload and of marking articles read in the interface
# (over 100 kills in all): the store opens, PRAGMA integrity_check says ok, and every mark
# seen written before a kill is still there. The work is in store_kill.py.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || skip "no tmux"
W="$TMPD/www"
mkdir -p "$W"
python3 - "$W/feed.xml" <<'PY'
import sys
items = []
for i in range(3000):
    d = 1 + (2999 - i) // 1440; m = (2999 - i) % 1440
    items.append('<item><title>Item %04d of the kill test</title><guid>item-%04d</guid>'
                 '<pubDate>%02d Mar 2022 %02d:%02d:00 +0000</pubDate>'
                 '<description>&lt;p&gt;Body of item %04d, long enough to be a real paragraph of a '
                 'real article that takes some room in the store.&lt;/p&gt;</description></item>'
                 % (i, i, d, m // 60, m % 60, i))
open(sys.argv[1], "w").write('<?xml version="1.0"?><rss version="2.0"><channel><title>kill</title>'
                             + "".join(items) + "</channel></rss>")
PY
server_start "$W"
mkdir -p "$XDG_CONFIG_HOME/newsread"
echo "http://127.0.0.1:$PORT/feed.xml" >"$XDG_CONFIG_HOME/newsread/urls"
NR="$NR" TM="$TM" DB="$XDG_DATA_HOME/newsread/newsread.db" FEED_URL="http://127.0.0.1:$PORT/feed.xml" \
	python3 "$ROOT/tests/e2e/store_kill.py"
