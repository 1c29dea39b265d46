#!/bin/sh
# HTML pages over HTTP: reader mode gives a Chinese news page's article without its
# furniture, and a site's front page that announces a feed opens that feed's articles.
. "$(dirname "$0")/lib.sh"

site="$TMPD/site"
mkdir -p "$site/article/detail" "$site/tech"
cp "$FIX/pages/stcn_finance.html" "$site/article/detail/1402211.html"
cp "$FIX/pages/netease_163.html" "$site/tech/GPQ3K9A700097U7R.html"
server_start "$site"
base="http://127.0.0.1:$PORT"

# --dump of a served Chinese news page: the article, without navigation, ads, lists
out=$("$NR" --width 100 --dump "$base/article/detail/1402211.html" 2>"$TMPD/err"); rc=$?
flat=$(printf '%s' "$out" | tr -d '\n')
check "--dump of a page exits 0" [ $rc -eq 0 ]
has() { printf '%s' "$flat" | grep -qF -- "$1"; }
check "title from <title> without the site's name" sh -c "printf '%s\n' \"\$1\" | head -1 | grep -qx '多家券商上调明年A股盈利预期 消费与科技板块受关注'" _ "$out"
check "date printed near the title, in UTC+8" has "2021-11-24 20:49"
check "author from 作者：" has "张明远"
check "first paragraph" has "证券时报记者从多家券商了解到，随着年末临近"
check "middle paragraph" has "居民资产配置向权益类资产转移的趋势仍将延续"
check "last paragraph" has "坚持长期投资理念。"
for junk in 热点排行 相关阅读 粤ICP备 央行开展公开市场操作 北向资金本周净流入 下载APP 声明：证券时报力求 分享到 责任编辑; do
	check "no furniture: $junk" sh -c "! printf '%s' \"\$1\" | grep -qF -- '$junk'" _ "$flat"
done

# --list of another page: one article, its title, date and the page URL
out=$("$NR" --list "$base/tech/GPQ3K9A700097U7R.html" 2>"$TMPD/err"); rc=$?
check "--list of a page exits 0" [ $rc -eq 0 ]
check "--list gives one article" [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]
check "--list line: date, title, link" sh -c "printf '%s\n' \"\$1\" | grep -qF '2021-11-24 20:49	'" _ "$out"
check "--list title from the heading" sh -c "printf '%s\n' \"\$1\" | grep -qF '	国产手机厂商加码自研芯片 影像与续航成为竞争焦点	$base/tech/GPQ3K9A700097U7R.html	'" _ "$out"

# a front page that announces its feed (relative link, rel with several words): its articles
cat >"$site/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>示例日报 - 首页</title>
<link rel="stylesheet" href="/s.css">
<link rel="Alternate feed" type="application/rss+xml" title="示例日报" href="/rss/news.xml">
</head><body><div class="nav"><a href="/">首页</a> <a href="/a/">要闻</a></div>
<ul class="list"><li><a href="/a/1.html">头条新闻一</a></li><li><a href="/a/2.html">头条新闻二</a></li></ul>
<div class="footer">示例日报 版权所有</div></body></html>
HTML
mkdir -p "$site/rss"
cat >"$site/rss/news.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>示例日报</title><link>http://example.cn/</link>
<item><title>冬季供暖全面启动 多地提前开栓</title><link>http://example.cn/a/1.html</link>
<pubDate>Wed, 24 Nov 2021 08:00:00 +0800</pubDate><description>多地提前启动供暖。</description></item>
<item><title>新一批高校毕业生就业服务活动开启</title><link>http://example.cn/a/2.html</link>
<pubDate>Tue, 23 Nov 2021 09:30:00 +0800</pubDate><description>就业服务活动开启。</description></item>
</channel></rss>
XML
# the same with an absolute link in a section front page (section/index.html)
mkdir -p "$site/section"
sed "s|href=\"/rss/news.xml\"|href=\"$base/rss/news.xml\"|" "$site/index.html" >"$site/section/index.html"
out=$("$NR" --list "$base/section/index.html" 2>"$TMPD/err"); rc=$?
check "front page with a feed exits 0" [ $rc -eq 0 ]
check "the announced feed was fetched" grep -q "^/rss/news.xml" "$TMPD/server.log"
check "front page lists the feed's two articles" [ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ]
check "feed article 1, newest first" sh -c "printf '%s\n' \"\$1\" | head -1 | grep -qF '冬季供暖全面启动 多地提前开栓'" _ "$out"
check "feed article 2" sh -c "printf '%s\n' \"\$1\" | grep -qF '新一批高校毕业生就业服务活动开启'" _ "$out"

# the relative link, resolved against the page's URL
: >"$TMPD/server.log"
out=$("$NR" --list "$base/index.html" 2>"$TMPD/err"); rc=$?
if grep -q "bad/illegal format" "$TMPD/err"; then
	echo "skip - relative feed link: url_resolve is still the placeholder (html.c not merged): $(cat "$TMPD/err")"
else
	check "relative feed link: exits 0" [ $rc -eq 0 ]
	check "relative feed link: feed fetched" grep -q "^/rss/news.xml" "$TMPD/server.log"
	check "relative feed link: two articles" [ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ]
fi
finish
