#!/bin/sh
# Feeds of 1,000 and 10,000 items (RSS 2.0, Chinese text) parsed by `newsread --list`
# beside `xmllint --noout` on the same file: best of 3 wall times and peak memory.
# Target: the 10,000-item feed in under 4x xmllint's time.
cd "$(dirname "$0")/.." || exit 1
mkdir -p bench/out
for n in 1000 10000; do
	f=bench/out/feed-$n.xml
	[ -s "$f" ] || python3 - "$n" "$f" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
cats = ['金融/证券', '科技', '新媒体/快讯', '编程', '科学期刊']
para = '<p>　　这是为性能测试生成的第%d段正文，含数字 2021、英文 words 与 <a href="/s/%d">链接</a>。</p>'
with open(path, 'w', encoding='utf-8') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            '<title>性能测试订阅</title>\n<link>https://bench.example.cn/</link>\n'
            '<description>生成的新闻</description>\n<language>zh-cn</language>\n')
    for i in range(n):
        body = ''.join(para % (i * 10 + k, k) for k in range(6))
        f.write('<item>\n<title>第%d条：市场早报 &amp; 行业动态</title>\n'
                '<link>https://bench.example.cn/a/%d.html</link>\n<guid>https://bench.example.cn/a/%d.html</guid>\n'
                '<dc:creator>记者%d</dc:creator>\n<pubDate>Wed, %02d Nov 2021 %02d:%02d:00 +0800</pubDate>\n'
                '<category>%s</category>\n<description>摘要第%d条</description>\n'
                '<content:encoded><![CDATA[%s]]></content:encoded>\n</item>\n'
                % (i, i, i, i % 50, 1 + i % 28, i % 24, i % 60, cats[i % 5], i, body))
    f.write('</channel>\n</rss>\n')
PY
done

# best of 3: prints "seconds peak_kb"
tf=$(mktemp /tmp/nr-bench-time.XXXXXX)
trap 'rm -f "$tf"' EXIT INT TERM
best() {
	b_t=""
	b_m=""
	for _ in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$tf" "$@" >/dev/null 2>&1
		out=$(tail -1 "$tf")
		t=${out% *}
		m=${out#* }
		if [ -z "$b_t" ] || awk "BEGIN{exit !($t < $b_t)}"; then b_t=$t; fi
		if [ -z "$b_m" ] || [ "$m" -gt "$b_m" ]; then b_m=$m; fi
	done
	echo "$b_t $b_m"
}

printf '%-40s %10s %10s %10s %10s %7s\n' feed "newsread s" "peak KB" "xmllint s" "peak KB" ratio
status=0
for n in 1000 10000; do
	f=bench/out/feed-$n.xml
	set -- $(best ./newsread --list "$f")
	nt=$1 nm=$2
	set -- $(best xmllint --noout "$f")
	xt=$1 xm=$2
	items=$(./newsread --list "$f" | wc -l)
	ratio=$(awk "BEGIN{ if ($xt > 0) printf \"%.1f\", $nt / $xt; else print \"-\" }")
	printf '%-40s %10s %10s %10s %10s %7s\n' "$n items ($(du -k "$f" | cut -f1) KB, $items listed)" "$nt" "$nm" "$xt" "$xm" "${ratio}x"
	if [ "$n" = 10000 ]; then
		if awk "BEGIN{exit !($nt < 4 * $xt || $nt <= 0.05)}"; then
			echo "target met: 10,000 items in under 4x xmllint"
		else
			echo "target missed: 10,000 items take ${ratio}x xmllint (want < 4x)"
			status=1
		fi
	fi
	# newsboat, where installed: a non-interactive reload of the same feed from a file://
	# URL into a fresh cache (it also writes SQLite, so it does more than parse)
	if command -v newsboat >/dev/null 2>&1; then
		nb=$(mktemp -d /tmp/nr-bench-nb.XXXXXX)
		echo "file://$(pwd)/$f" >"$nb/urls"
		b_t=""
		b_m=""
		for _ in 1 2 3; do
			rm -f "$nb/cache.db"
			/usr/bin/time -f '%e %M' -o "$tf" newsboat -u "$nb/urls" -c "$nb/cache.db" -C /dev/null -x reload \
				>/dev/null 2>&1
			out=$(tail -1 "$tf")
			t=${out% *}
			m=${out#* }
			if [ -z "$b_t" ] || awk "BEGIN{exit !($t < $b_t)}"; then b_t=$t; fi
			b_m=$m
		done
		rm -rf "$nb"
		printf '%-40s newsboat reload: %s s, peak %s KB; newsboat/newsread = %s\n' "$n items" "$b_t" "$b_m" \
			"$(awk "BEGIN{ if ($nt > 0) printf \"%.1fx\", $b_t / $nt; else print \"-\" }")"
	fi
done
exit $status
