#!/bin/sh
# Reloads into the store (issue 11): 100 feeds of 100 items served from 127.0.0.1 by
# tests/e2e/server.py (ETag and Last-Modified on), timed as `newsread -x reload` into an
# empty store (cold) and again (conditional: every feed answers 304), beside
# `newsboat -x reload` cold and warm (after two reloads) on the same URLs; then one
# 10,000-item feed into an empty store, beside newsboat's reload of it, with peak memory
# beside `xmllint --noout`. Best of 3 wall times; ratios printed, never asserted.
cd "$(dirname "$0")/.." || exit 1
mkdir -p bench/out/www
sh bench/feeds.sh >/dev/null 2>&1 || true # makes bench/out/feed-10000.xml when missing
[ -s bench/out/www/f99.xml ] || python3 - bench/out/www <<'PY'
import sys
d = sys.argv[1]
for k in range(100):
    with open('%s/f%d.xml' % (d, k), 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
                '<title>测试源%d</title><link>https://feeds.example.cn/%d/</link>\n' % (k, k))
        for i in range(100):
            f.write('<item><title>第%d源第%d条：早盘快讯 %d</title><link>https://feeds.example.cn/%d/%d.html</link>'
                    '<guid>https://feeds.example.cn/%d/%d.html</guid><pubDate>Wed, %02d Nov 2021 %02d:%02d:00 +0800'
                    '</pubDate><description><![CDATA[<p>　　这是第%d条消息的正文，说明 %d 项数据。</p>]]>'
                    '</description></item>\n' % (k, i, i, k, i, k, i, 1 + i % 28, i % 24, i % 60, i, i * 7))
        f.write('</channel></rss>\n')
PY
cp bench/out/feed-10000.xml bench/out/www/big.xml

tmp=$(mktemp -d /tmp/nr-bench-store.XXXXXX)
spid=""
trap '[ -n "$spid" ] && kill $spid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
python3 tests/e2e/server.py bench/out/www "$tmp/port" 2>/dev/null &
spid=$!
n=0
while [ ! -s "$tmp/port" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
port=$(cat "$tmp/port")
mkdir -p "$tmp/cfg/newsread"
k=0
while [ $k -lt 100 ]; do
	echo "http://127.0.0.1:$port/f$k.xml?etag=1"
	k=$((k + 1))
done >"$tmp/cfg/newsread/urls"
echo "http://127.0.0.1:$port/big.xml?etag=1" >"$tmp/big-urls"

tf="$tmp/time"
# one timed run: prints "seconds peak_kb"
timed() {
	/usr/bin/time -f '%e %M' -o "$tf" "$@" >/dev/null 2>&1
	tail -1 "$tf"
}
# best of 3 runs of: PREP; COMMAND (PREP resets state), prints "seconds peak_kb"
best() {
	prep=$1
	shift
	b_t="" b_m=""
	for _ in 1 2 3; do
		eval "$prep"
		set -- "$@"
		out=$(timed "$@")
		t=${out% *} m=${out#* }
		if [ -z "$b_t" ] || awk "BEGIN{exit !($t < $b_t)}"; then b_t=$t; fi
		if [ -z "$b_m" ] || [ "$m" -gt "$b_m" ]; then b_m=$m; fi
	done
	echo "$b_t $b_m"
}
ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"-\" }"; }

export XDG_CONFIG_HOME="$tmp/cfg" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
db="$tmp/nr.db"
set -- $(best 'rm -f "$db" "$db-wal" "$db-shm"' ./newsread --db "$db" -x reload)
cold=$1
set -- $(best ':' ./newsread --db "$db" -x reload)
warm=$1
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$db" 2>/dev/null)
printf '%-44s %8s s  (%s articles stored)\n' "newsread cold reload, 100 feeds x 100" "$cold" "$stored"
printf '%-44s %8s s\n' "newsread conditional reload (all 304)" "$warm"
if command -v newsboat >/dev/null 2>&1; then
	nb="$tmp/nb"
	mkdir -p "$nb"
	set -- $(best 'rm -f "$nb/cache.db"' newsboat -u "$XDG_CONFIG_HOME/newsread/urls" -c "$nb/cache.db" -C /dev/null -x reload)
	nbcold=$1
	newsboat -u "$XDG_CONFIG_HOME/newsread/urls" -c "$nb/cache.db" -C /dev/null -x reload >/dev/null 2>&1
	set -- $(best ':' newsboat -u "$XDG_CONFIG_HOME/newsread/urls" -c "$nb/cache.db" -C /dev/null -x reload)
	nbwarm=$1
	printf '%-44s %8s s  cold: newsread/newsboat = %s (target <= 0.15)\n' "newsboat cold reload" "$nbcold" "$(ratio "$cold" "$nbcold")"
	printf '%-44s %8s s  warm: newsread/newsboat = %s (target <= 0.2)\n' "newsboat warm reload" "$nbwarm" "$(ratio "$warm" "$nbwarm")"
fi

# one 10,000-item feed into an empty store
bdb="$tmp/big.db"
big="http://127.0.0.1:$port/big.xml"
set -- $(best 'rm -f "$bdb" "$bdb-wal" "$bdb-shm"' ./newsread --db "$bdb" --list "$big")
bt=$1 bm=$2
set -- $(best ':' xmllint --noout bench/out/feed-10000.xml)
xt=$1 xm=$2
printf '%-44s %8s s  peak %s KB; xmllint --noout %s s, peak %s KB (memory %sx, target <= 1.5)\n' \
	"newsread 10,000-item feed into the store" "$bt" "$bm" "$xt" "$xm" "$(ratio "$bm" "$xm")"
if command -v newsboat >/dev/null 2>&1; then
	echo "$big" >"$tmp/big-urls"
	set -- $(best 'rm -f "$nb/big.db"' newsboat -u "$tmp/big-urls" -c "$nb/big.db" -C /dev/null -x reload)
	printf '%-44s %8s s  newsread/newsboat = %s (target <= 0.2)\n' "newsboat 10,000-item feed" "$1" "$(ratio "$bt" "$1")"
fi

# the store read back: what a start from the store costs with 10,000 articles
set -- $(best ':' ./newsread --db "$bdb" --offline --list "$big")
printf '%-44s %8s s  peak %s KB\n' "--offline --list of the 10,000 stored" "$1" "$2"
