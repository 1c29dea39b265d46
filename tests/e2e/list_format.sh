#!/bin/sh
# --list and --list --json: the exact scripting formats of issue 4 (tabs, categories joined
# with / and "; ", local dates, newest first, undated last, control characters dropped).
. "$(dirname "$0")/lib.sh"
S="$FIX/sources"

"$NR" --list "$S/folder" "$S/archive" "$S/list" >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "--list exits 0" [ $rc -eq 0 ]
check "--list: nothing on stderr" [ ! -s "$TMPD/err" ]
A="$S/archive/source/_posts"
T="$(printf '\t')"
cat >"$TMPD/want" <<WANT
2023-05-20 18:30${T}国内/城市${T}滨江公园改造完成 周末重新开放${T}$S/folder/国内/城市/公园改造完成.md${T}$S/folder
2022-04-02 14:00${T}科技/示例科技网/快讯${T}国产开源数据库发布新版本${T}$A/科技/示例科技网/快讯/国产开源数据库发布新版本.md${T}$S/archive
2022-04-01 09:20${T}金融/示例财经网/要闻${T}央行开展逆回购操作 维护流动性合理充裕${T}$A/金融/示例财经网/要闻/央行开展逆回购操作 维护流动性合理充裕.md${T}$S/archive
2022-03-10 07:00${T}${T}早间简报：三月十日${T}$S/folder/早间简报.md${T}$S/folder
2021-01-05 08:00${T}财经/股票; 科技${T}多个分类 与控制字符的标题 第二行${T}https://news.example.cn/a?id=1&b=2${T}$S/list
${T}说明${T}一篇没有日期的说明${T}$S/folder/无日期的说明.txt${T}$S/folder
WANT
# list/无日期的说明.txt has the same id (path below its folder) as folder/'s: shown once
check "--list output exactly as specified" cmp "$TMPD/want" "$TMPD/out" || diff "$TMPD/want" "$TMPD/out"
check "--list: 5 fields on every line, no control characters" python3 -c '
import sys
for l in open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]:
    assert l.count("\t") == 4, l
    assert not any(ord(c) < 32 and c != "\t" or 0x7f <= ord(c) < 0xa0 for c in l), l
' "$TMPD/out"

# the date is local time
TZ=UTC "$NR" --list "$S/list" >"$TMPD/utc"
check "--list date in local time (TZ=UTC)" grep -q '^2021-01-05 00:00	财经/股票; 科技	' "$TMPD/utc"

"$NR" --list --json "$S/folder" "$S/list" >"$TMPD/json"; rc=$?
check "--list --json exits 0" [ $rc -eq 0 ]
check "--list --json: every line a JSON object with the contract's keys and values" python3 - "$TMPD/json" "$S" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
S = sys.argv[2]
assert lines[-1] == '', 'ends with a newline'
objs = [json.loads(l) for l in lines[:-1]]
assert len(objs) == 4, len(objs)
for o in objs:
    assert sorted(o) == sorted(['date', 'categories', 'title', 'link', 'source', 'source_title', 'author', 'id']), o
    assert o['source_title'] is None, o  # local posts: no feed title
    assert isinstance(o['categories'], list) and all(isinstance(p, list) and all(isinstance(x, str) for x in p) for p in o['categories'])
park, brief, multi, undated1 = objs
assert park['date'] == '2023-05-20T18:30:00+08:00', park['date']
assert park['categories'] == [['国内', '城市']]
assert park['title'] == '滨江公园改造完成 周末重新开放'
assert park['source'] == S + '/folder' and park['id'] == '国内/城市/公园改造完成.md'
assert park['author'] is None
assert brief['date'] == '2022-03-10T07:00:00+08:00' and brief['categories'] == []
assert multi['date'] == '2021-01-05T08:00:00+08:00'
assert multi['categories'] == [['财经', '股票'], ['科技']]
assert multi['title'] == '多个分类 与控制字符的标题 第二行', repr(multi['title'])
assert multi['author'] == '作者[31m甲', repr(multi['author'])
assert multi['link'] == 'https://news.example.cn/a?id=1&b=2'
assert undated1['date'] is None and undated1['source'] == S + '/folder'
assert undated1['categories'] == [['说明']]
for o in objs:
    for v in [o['title'], o['author'] or '', o['link'] or '', o['source'], o['id']]:
        assert not any(ord(c) < 32 for c in v), repr(v)
PY

# an HTML page: reader mode's title (without the site's suffix) and its Chinese date
"$NR" --list "$S/page.html" >"$TMPD/page"
printf '2022-12-28 10:05\t\t城市地铁新线今日开通\t%s\t%s\n' "$S/page.html" "$S/page.html" >"$TMPD/want"
check "--list on an HTML page" cmp "$TMPD/want" "$TMPD/page"

# the same article through two sources is shown once
"$NR" --list "$S/post_seedlike.md" "$S/post_seedlike.md" >"$TMPD/dup"
check "one line for an article given twice" [ "$(wc -l <"$TMPD/dup")" -eq 1 ]
finish
