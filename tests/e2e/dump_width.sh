#!/bin/sh
# --dump: every kind of local source at several widths, the default width ($COLUMNS, else
# 80), the folder's order and separators, and UTF-8 output whatever the locale.
. "$(dirname "$0")/lib.sh"
S="$FIX/sources"
out="$TMPD/out"

maxw() { # maxw FILE: the widest line in display columns
	python3 - "$1" <<'PY'
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
print(max([w(l) for l in open(sys.argv[1], encoding='utf-8').read().split('\n')] + [0]))
PY
}

for n in 20 40 80; do
	for src in post_seedlike.md post_invalid_date.md post_markdown.md page.html folder archive; do
		"$NR" --dump --width $n "$S/$src" >"$out" 2>"$TMPD/err"; rc=$?
		check "$src at width $n: exit 0" [ $rc -eq 0 ]
		check "$src at width $n: no line wider than $n" lines_fit $n "$out"
		check "$src at width $n: nothing on stderr" [ ! -s "$TMPD/err" ]
	done
	"$NR" --dump --width $n - <"$S/post_markdown.md" >"$out"; rc=$?
	check "stdin at width $n: exit 0" [ $rc -eq 0 ]
	check "stdin at width $n: fits" lines_fit $n "$out"
	check "stdin at width $n: shows the post" sh -c "tr -d '\n' <'$out' | grep -q '终端里的阅读器'"
done

"$NR" --dump --width 40 "$S/post_seedlike.md" >"$out"
check "post: title first" sh -c "head -1 '$out' | grep -q '^江南新能源装备公司'"
check "post: date and author" grep -qx '2022-03-15 17:30  示例财经网' "$out"
check "post: category path" grep -qx '金融 › 示例财经网 › 公司' "$out"
check "post: body text" sh -c "tr -d '\n' <'$out' | grep -q '海上风电业务成为新的增长点'"
check "post: no front matter in the body" sh -c "! grep -q 'headimg\|comments: false' '$out'"

"$NR" --dump --width 60 "$S/post_invalid_date.md" >"$out"
check "Invalid Date: no date line, author alone" grep -qx '示例日报' "$out"
check "&#123; in the title becomes {" grep -q '^关于{测试}栏目调整的说明' "$out"
check "bare text body shown" sh -c "tr -d '\n' <'$out' | grep -q '感谢大家长期以来的支持。'"

"$NR" --dump --width 60 "$S/post_markdown.md" >"$out"
check "Markdown rendered, not shown raw" sh -c "grep -q '为什么要自己写' '$out' && ! grep -q '^## \|\*\*很多' '$out'"

COLUMNS=33 "$NR" --dump "$S/post_seedlike.md" >"$out"
w=$(maxw "$out")
check "default width from \$COLUMNS (widest line $w)" [ "$w" -le 33 -a "$w" -ge 28 ]
env -u COLUMNS "$NR" --dump "$S/post_seedlike.md" >"$out"
w=$(maxw "$out")
check "default width 80 without \$COLUMNS (widest line $w)" [ "$w" -le 80 -a "$w" -ge 70 ]

# a folder: every article, newest first, separated by 40 dashes
"$NR" --dump --width 50 "$S/folder" "$S/archive" >"$out"; rc=$?
check "two folders: exit 0" [ $rc -eq 0 ]
sep=$(printf '%040d' 0 | tr 0 -)
check "folders: 4 separators for 5 articles" [ "$(grep -cx -- "$sep" "$out")" -eq 4 ]
"$NR" --dump --width 30 "$S/folder" >"$out"
check "a width under 40: the separator is as wide as the width" [ "$(grep -cx -- "$(printf '%030d' 0 | tr 0 -)" "$out")" -eq 2 ]
"$NR" --dump --width 50 "$S/folder" "$S/archive" >"$out"
order=$(grep -n -e '^滨江公园改造完成' -e '^国产开源数据库发布新版本' -e '^央行开展逆回购操作' -e '^早间简报：' -e '^一篇没有日期的说明' "$out" | cut -d: -f2 | cut -c1-6 | tr '\n' ' ')
check "folders: newest first, undated last ($order)" [ "$order" = "滨江 国产 央行 早间 一篇 " ]
check "folder post without categories takes its folder path" grep -qx '科技 › 示例科技网 › 快讯' "$out"
check "separator never first or last" sh -c "head -1 '$out' | grep -vqx -- '$sep' && tail -1 '$out' | grep -vqx -- '$sep'"

# any locale: the Chinese text comes out as UTF-8
"$NR" --dump --width 40 "$S/post_seedlike.md" >"$TMPD/ref"
for loc in C POSIX unset; do
	if [ $loc = unset ]; then
		env -u LANG -u LC_ALL -u LC_CTYPE "$NR" --dump --width 40 "$S/post_seedlike.md" >"$out"
	else
		env -u LC_ALL -u LC_CTYPE LANG=$loc "$NR" --dump --width 40 "$S/post_seedlike.md" >"$out"
	fi
	check "LANG=$loc: same UTF-8 output as in a UTF-8 locale" cmp -s "$TMPD/ref" "$out"
	check "LANG=$loc: Chinese shown" grep -q '江南新能源装备' "$out"
	check "LANG=$loc: fits 40 columns" lines_fit 40 "$out"
done
finish
