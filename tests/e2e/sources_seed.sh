#!/bin/sh
# The seed post of ../shared/seed in an archive-like tree: front matter read, categories from
# the front matter or, when removed, from the folder path below source/_posts.
. "$(dirname "$0")/lib.sh"
SEED="$ROOT/../shared/seed/000_f09f82fbeb2102f8.txt"
[ -f "$SEED" ] || skip "../shared/seed is not beside the checkout"
P="$TMPD/archive/source/_posts"
mkdir -p "$P/金融/证券时报网/要闻" "$P/新媒体/某网站/头条" "$TMPD/archive/themes/x"
cp "$SEED" "$P/金融/证券时报网/要闻/内容科技联盟在广州成立.md"
# the same post without categories, in another folder
awk '/^categories:/ {skip=1; next} skip && /^ - / {next} {skip=0; print}' "$SEED" >"$P/新媒体/某网站/头条/无分类.md"
echo "# not a post" >"$TMPD/archive/themes/x/README.md"

"$NR" --list --json "$TMPD/archive" >"$TMPD/out" 2>"$TMPD/err"; rc=$?
check "archive: exit 0" [ $rc -eq 0 ]
check "archive: the two posts, categories from front matter and from folders" python3 - "$TMPD/out" <<'PY'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert len(objs) == 2, objs
cats = sorted(o['categories'] for o in objs)
assert cats == [[['新媒体', '某网站', '头条']], [['金融', '证券时报网', '要闻']]], cats
for o in objs:
    assert o['title'] == '探索技术赋能内容产业发展 内容科技联盟在广州成立', o['title']
    assert o['author'] == '证券时报网'
    assert o['date'] == '2021-11-25T04:49:00+08:00', o['date']
    assert o['id'].startswith('source/_posts/')
PY
"$NR" --dump --width 40 "$P/金融/证券时报网/要闻/内容科技联盟在广州成立.md" >"$TMPD/out"; rc=$?
check "seed --dump: exit 0, fits 40" sh -c "[ $rc -eq 0 ]" && check "seed fits 40" lines_fit 40 "$TMPD/out"
check "seed --dump: body shown, no markup" sh -c "tr -d '\n' <'$TMPD/out' | grep -q '内容科技联盟正式成立' && ! grep -q '<p>\|trsHotWords' '$TMPD/out'"
finish
