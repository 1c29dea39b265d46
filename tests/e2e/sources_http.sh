#!/bin/sh
# Sources over HTTP from a real server on 127.0.0.1 (libcurl loaded only then): a post, a page (plain, gzip-compressed,
# in GBK labelled by Content-Type), a redirect, a 404, a refused connection, feed discovery.
. "$(dirname "$0")/lib.sh"
S="$FIX/sources"
W="$TMPD/www"
mkdir -p "$W"
cp "$S/post_seedlike.md" "$W/post.md"
cp "$S/post_seedlike.md" "$W/post-as-html.html"   # served as text/html: the content decides
cp "$S/page.html" "$W/page.html"
printf '' >"$W/empty.txt"
cp "$S/binary.png" "$W/logo.md"
python3 -c '
import sys
html = "<html><body><h1>秋季运动会圆满落幕</h1><p>本届运动会共有一千二百名学生参赛，打破校纪录三项。</p></body></html>"
open(sys.argv[1], "wb").write(html.encode("gbk"))
' "$W/gbk.html"
echo "Content-Type: text/html; charset=gb2312" >"$W/gbk.html.headers"
server_start "$W"
U="http://127.0.0.1:$PORT"
out="$TMPD/out"; err="$TMPD/err"

"$NR" --dump --width 40 "$U/post.md" >"$out" 2>"$err"; rc=$?
check "post over HTTP: exit 0" [ $rc -eq 0 ]
check "post over HTTP: title" grep -q '^江南新能源装备公司' "$out"
check "post over HTTP: category path from front matter" grep -qx '金融 › 示例财经网 › 公司' "$out"
check "post over HTTP: fits 40" lines_fit 40 "$out"

# libcurl is loaded on the first download, not for local files (start-up time)
LD_DEBUG=files "$NR" --dump --width 40 "$S/page.html" >"$out" 2>"$err"
check "local file: libcurl not loaded" sh -c "! grep -q 'libcurl' '$err'"
LD_DEBUG=files "$NR" --list "$U/post.md" >"$out" 2>"$err"; rc=$?
check "download: libcurl loaded on first use, exit 0" sh -c "[ $rc -eq 0 ] && grep -q 'file=libcurl.so.4.*dynamically loaded' '$err'"

"$NR" --list "$U/post-as-html.html" >"$out" 2>"$err"; rc=$?
check "front matter served as text/html is still a post" sh -c "[ $rc -eq 0 ] && grep -q '	金融/示例财经网/公司	江南新能源' '$out'"

"$NR" --dump --width 40 "$U/gzip/page.html" >"$out" 2>"$err"; rc=$?
check "gzip-compressed page: exit 0" [ $rc -eq 0 ]
check "gzip-compressed page: text decoded" sh -c "tr -d '\n' <'$out' | grep -q '地铁十九号线今日上午正式开通运营'"
check "gzip-compressed page: fits 40" lines_fit 40 "$out"

"$NR" --list "$U/redirect/post.md" >"$out" 2>"$err"; rc=$?
check "redirect followed: exit 0" [ $rc -eq 0 ]
check "redirect: link is the final URL, source what was given" grep -qF "	$U/post.md	$U/redirect/post.md" "$out"

"$NR" --dump --width 60 "$U/gbk.html" >"$out" 2>"$err"; rc=$?
check "GBK page (charset from Content-Type): exit 0" [ $rc -eq 0 ]
check "GBK page decoded to UTF-8" sh -c "tr -d '\n' <'$out' | grep -q '本届运动会共有一千二百名学生参赛'"

"$NR" --dump "$U/status/404" >"$out" 2>"$err"; rc=$?
check "404: exit 1" [ $rc -eq 1 ]
check "404: one line on stderr naming the URL" sh -c "[ \$(wc -l <'$err') -eq 1 ] && grep -qF '$U/status/404: HTTP status 404' '$err'"
check "404: nothing on stdout" [ ! -s "$out" ]

"$NR" --list "$U/missing.md" >"$out" 2>"$err"; rc=$?
check "missing file on the server: exit 1, named" sh -c "[ $rc -eq 1 ] && grep -qF '$U/missing.md: HTTP status 404' '$err'"

"$NR" --list "$U/empty.txt" >"$out" 2>"$err"; rc=$?
check "empty response: exit 1, named" sh -c "[ $rc -eq 1 ] && grep -qxF 'newsread: $U/empty.txt: empty document' '$err'"
"$NR" --list "$U/logo.md" >"$out" 2>"$err"; rc=$?
check "binary response: exit 1, named" sh -c "[ $rc -eq 1 ] && grep -qxF 'newsread: $U/logo.md: not a text document (binary data)' '$err'"

CLOSED=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
start=$(date +%s)
"$NR" --dump "http://127.0.0.1:$CLOSED/x" >"$out" 2>"$err"; rc=$?
check "refused connection: exit 1" [ $rc -eq 1 ]
check "refused connection: one line naming the URL and the reason" sh -c "[ \$(wc -l <'$err') -eq 1 ] && grep -qxF 'newsread: http://127.0.0.1:$CLOSED/x: Couldn'\''t connect to server' '$err'"
check "refused connection: no hang" [ $(( $(date +%s) - start )) -lt 10 ]

# a front page that announces its feeds opens the feeds (needs feed and page support)
cat >"$W/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>示例站点</title><link>http://example.cn/</link>
<item><title>订阅源里的第一篇</title><link>http://example.cn/1</link><category>要闻</category>
<pubDate>Wed, 01 Mar 2023 02:00:00 GMT</pubDate><description>摘要一</description></item>
<item><title>订阅源里的第二篇</title><link>http://example.cn/2</link>
<pubDate>Thu, 02 Mar 2023 02:00:00 GMT</pubDate><description>摘要二</description></item>
</channel></rss>
XML
cat >"$W/index.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例站点首页</title>
<link rel="alternate" type="application/rss+xml" title="全部文章" href="/feed.xml">
</head><body><div class="nav"><a href="/">首页</a></div><p>欢迎访问。</p></body></html>
HTML
if "$NR" --list "$W/feed.xml" >/dev/null 2>&1 && "$NR" --list "$U/index.html" 2>/dev/null | grep -q '订阅源'; then
	"$NR" --list "$U/index.html" >"$out" 2>"$err"; rc=$?
	check "feed discovery: exit 0" [ $rc -eq 0 ]
	check "feed discovery: the feed's items, newest first, source is the page" sh -c "
		sed -n 1p '$out' | grep -q '	订阅源里的第二篇	http://example.cn/2	$U/index.html\$' &&
		sed -n 2p '$out' | grep -q '	要闻	订阅源里的第一篇	'"
	check "feed discovery: the page itself is not an article" sh -c "! grep -q '示例站点首页' '$out'"
else
	echo "skip - feed discovery: feed.c or page_feed_links() not in this tree yet"
fi
finish
