#!/bin/sh
# --stocks and --stocks --json over a folder of posts in each site's markup: one line per
# stock, most mentioned first, then by code; the name is the most frequent one.
. "$(dirname "$0")/lib.sh"
[ -x "$NR" ] || skip "no ./newsread (run make)"
P="$FIX/stocks/posts"
"$NR" --stocks "$P" >"$TMPD/out" 2>"$TMPD/err"
check "--stocks exits 0" [ $? -eq 0 ]
cat >"$TMPD/want" <<'W'
00700.HK	腾讯控股	4
600519.SH	贵州茅台	3
300059.SZ	东方财富	2
AAPL.US	苹果	2
000001.SH	上证指数	1
000063.SZ	中兴通讯	1
002594.SZ	比亚迪	1
00956.HK	新天绿色能源	1
02883.HK	中海油田服务	1
600030.SH	中信证券	1
600346.SH	恒力石化	1
600426.SH	华鲁恒升	1
600968.SH		1
601728.SH	中国电信	1
603000.SH	人民网	1
BABA.US	阿里巴巴	1
BIDU.US	百度	1
NVDA.US	英伟达	1
W
if diff -u "$TMPD/want" "$TMPD/out"; then ok "--stocks table"; else fail "--stocks table"; fi

"$NR" --stocks --json "$P" >"$TMPD/json" 2>"$TMPD/err"
check "--stocks --json exits 0" [ $? -eq 0 ]
python3 - "$TMPD/json" "$TMPD/want" <<'PY' && ok "--stocks --json matches the table" || fail "--stocks --json"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
want = [l.rstrip('\n').split('\t') for l in open(sys.argv[2], encoding='utf-8')]
got = [[r['code'], r['name'], str(r['articles'])] for r in rows]
assert got == want, (got, want)
for r in rows:
    assert set(r) == {'code', 'name', 'market', 'articles'}, r
    assert r['market'] == r['code'].rsplit('.', 1)[1], r
    assert isinstance(r['articles'], int)
PY

# one article: the same stock named twice counts once; annotations off still count
"$NR" --stocks -o stock-annotations=off "$P/金融/格隆汇/港股/港股异动.md" >"$TMPD/one" 2>&1
check "annotations off still records stocks" grep -qx '00700.HK	腾讯控股	1' "$TMPD/one"
check "five stocks in the 格隆汇 post" [ "$(wc -l <"$TMPD/one")" -eq 5 ]
finish
