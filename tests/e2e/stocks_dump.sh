#!/bin/sh
# --dump marks every stock the fixtures name, in each site's markup (stcn trsHotWords,
# sina stock_ spans, eastmoney keytip with `</a >` and `href= "…"`, xueqiu, 10jqka) and
# as text codes (财联社, 格隆汇); the options stock-annotations and stock-format and the
# stock-rule command change what is printed.
. "$(dirname "$0")/lib.sh"
P="$FIX/stocks/posts/金融"
[ -x "$NR" ] || skip "no ./newsread (run make)"
dump() { "$NR" --dump --width 400 "$@" 2>"$TMPD/err"; }
has() { # has DESCRIPTION FILE TEXT
	if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1: no '$3' in:"; cat "$2"; fi
}
hasnt() {
	if grep -qF -- "$3" "$2"; then fail "$1: unexpected '$3' in:"; cat "$2"; else ok "$1"; fi
}

# text codes: 财联社 and 格隆汇
dump "$P/财联社/电报/化工板块.md" >"$TMPD/cls"
has "cls: .SH suffix" "$TMPD/cls" "华鲁恒升(600426.SH)、"
has "cls: SH glued to the number" "$TMPD/cls" "恒力石化(600346.SH)涨超4%"
has "cls: name of a function word only" "$TMPD/cls" "龙头(600968.SH)跟涨"
has "cls: bare number takes its market from the prefix" "$TMPD/cls" "比亚迪(002594.SZ)同日"
has "cls: order number untouched" "$TMPD/cls" "订单号（300750123）"
dump "$P/格隆汇/港股/港股异动.md" >"$TMPD/glh"
has "glh: HK code" "$TMPD/glh" "中海油田服务(02883.HK)涨超5%"
has "glh: full-width brackets in bold" "$TMPD/glh" "腾讯控股(00700.HK)公布业绩"
has "glh: NYSE" "$TMPD/glh" "阿里巴巴(BABA.US)及"
has "glh: 纳斯达克" "$TMPD/glh" "百度(BIDU.US)盘前"
has "glh: a price untouched" "$TMPD/glh" "价格（100.5元）"

# options
dump -o stock-annotations=off "$P/格隆汇/港股/港股异动.md" >"$TMPD/off"
has "annotations off: the text as written" "$TMPD/off" "中海油田服务(02883.HK)涨超5%"
has "annotations off: full-width kept" "$TMPD/off" "腾讯控股（00700.HK）公布业绩"
hasnt "annotations off: nothing inserted" "$TMPD/off" "(BABA.US)"
dump -o 'stock-format=%n[%m:%s]' "$P/格隆汇/港股/港股异动.md" >"$TMPD/fmt"
has "stock-format %m:%s" "$TMPD/fmt" "百度[US:BIDU]盘前"
dump -o 'stock-format= <%c>' "$P/财联社/电报/化工板块.md" >"$TMPD/fmt2"
has "stock-format without %n" "$TMPD/fmt2" "比亚迪 <002594.SZ>同日"

# a config rule for another site's text
mkdir -p "$XDG_CONFIG_HOME/newsread"
cat >"$TMPD/post.md" <<'P'

---
title: 自定义规则
categories:
 - 测试
author: 测试
date: Fri, 17 Mar 2023 03:20:00 GMT
---

<p>浦发银行（沪市：600000）公告。<a href="https://quote.example.com/s/600036">招商银行</a>跟进。</p>
P
printf '%s\n' "stock-rule text '沪市:{code}' SH" "stock-rule href 'quote.example.com/s/{code}' SH" >"$TMPD/rc"
"$NR" -c "$TMPD/rc" --dump --width 400 "$TMPD/post.md" >"$TMPD/rule" 2>&1
has "stock-rule text" "$TMPD/rule" "浦发银行(600000.SH)公告"
printf '%s\n' "set theme default" "stock-rule href 'quote.example.com/{ticker}' SH" >"$TMPD/bad"
"$NR" -c "$TMPD/bad" --check-config >"$TMPD/badout" 2>&1
rc=$?
check "stock-rule error exits 2" [ "$rc" -eq 2 ]
has "stock-rule error names file, line and placeholder" "$TMPD/badout" "bad:2: stock-rule: unknown placeholder {ticker}"

# markup of each site
has "rule href" "$TMPD/rule" "招商银行(600036.SH)跟进"
dump "$P/证券时报网/要闻/媒体联盟成立.md" >"$TMPD/stcn"
has "stcn trsHotWords" "$TMPD/stcn" "人民网(603000.SH)杭州"
has "stcn second element" "$TMPD/stcn" "中国电信(601728.SH)与中兴通讯(000063.SZ)为"
has "stcn SS000001 is the index" "$TMPD/stcn" "上证指数(000001.SH)小幅"
has "stcn postcode untouched" "$TMPD/stcn" "邮编（310000）"
dump "$P/新浪财经/港股/港股午评.md" >"$TMPD/sina"
has "sina hk quote link" "$TMPD/sina" "腾讯控股(00700.HK)涨2%"
has "sina realstock link" "$TMPD/sina" "东方财富(300059.SZ)跟涨"
has "sina us quote link" "$TMPD/sina" "苹果(AAPL.US)夜盘"
has "sina stock_sh span" "$TMPD/sina" "贵州茅台(600519.SH)维持"
dump "$P/东方财富网/要闻/券商板块异动.md" >"$TMPD/em"
has "eastmoney keytip with </a >" "$TMPD/em" "中信证券(600030.SH)涨超3%"
has "eastmoney 0 is Shenzhen" "$TMPD/em" "东方财富(300059.SZ)跟涨"
has "eastmoney 105 is the US" "$TMPD/em" "英伟达(NVDA.US)收涨"
hasnt "eastmoney board is no stock" "$TMPD/em" "板块指数证券("
dump "$P/雪球/热帖/白酒讨论.md" >"$TMPD/xq"
has "xueqiu SH600519" "$TMPD/xq" "\$贵州茅台(600519.SH)\$回调"
has "xueqiu 00700" "$TMPD/xq" "\$腾讯控股(00700.HK)\$和"
has "xueqiu AAPL" "$TMPD/xq" "\$苹果(AAPL.US)\$反而"
dump "$P/同花顺/个股/茅台公告.md" >"$TMPD/ths"
has "10jqka A share" "$TMPD/ths" "贵州茅台(600519.SH)晚间"
has "10jqka HK" "$TMPD/ths" "腾讯控股(00700.HK)同日"
finish
