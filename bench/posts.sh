#!/bin/sh
# A folder of 10,000 posts in the archive's layout (source/_posts/<category>/<source>/<section>/),
# loaded by `newsread --list`: time and peak memory.
cd "$(dirname "$0")/.." || exit 1
dir=$(mktemp -d /tmp/nr-bench-posts.XXXXXX)
trap 'rm -rf "$dir"' EXIT INT TERM
python3 - "$dir" <<'PY'
import os, sys
root = os.path.join(sys.argv[1], 'source', '_posts')
cats = [('金融', '示例财经网', '要闻'), ('科技', '示例科技网', '快讯'), ('新媒体', '示例日报', '头条'), ('编程', '示例社区', '资讯')]
para = '<p>　　这是一段为性能测试生成的正文，含数字 2021 与英文 words，以及（600000.SH）这样的代码。</p>'
for i in range(10000):
    c = cats[i % 4]
    d = os.path.join(root, *c)
    os.makedirs(d, exist_ok=True)
    date = 'Invalid Date' if i % 97 == 0 else 'Wed, %02d Nov 2021 %02d:%02d:00 GMT' % (1 + i % 28, i % 24, i % 60)
    body = ('<div>\n' + para * 12 + '\n</div>\n') if i % 5 else ('　　第%d篇没有标签的正文。\n' % i) * 8
    with open(os.path.join(d, '生成的文章%05d.md' % i), 'w', encoding='utf-8') as f:
        f.write("\n---\ntitle: '生成的文章第%d篇 &#123;测试&#125;'\ncategories: \n - %s\n - %s\n - %s\n"
                "headimg: 'https://img.example.cn/%d.png'\nauthor: %s\ncomments: false\ndate: %s\n---\n\n%s"
                % (i, c[0], c[1], c[2], i, c[1], date, body))
PY
out=$( { /usr/bin/time -f '%e %M' ./newsread --list "$dir" >"$dir/list.out"; } 2>&1 )
n=$(wc -l <"$dir/list.out")
set -- $out
printf '%-36s %8s s %8s KB  (%s articles)\n' "folder of 10,000 posts (--list)" "$1" "$2" "$n"
