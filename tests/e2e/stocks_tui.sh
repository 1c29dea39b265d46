#!/bin/sh
# The article view draws stock annotations in the theme's `stock` colour: the inserted
# code carries the colour escape, the company name before it does not.
. "$(dirname "$0")/lib.sh"
[ -x "$NR" ] || skip "no ./newsread (run make)"
command -v tmux >/dev/null || skip "no tmux"
if head -1 "$ROOT/src/ui/ui.c" | grep -q placeholder || head -1 "$ROOT/src/theme.c" | grep -q placeholder; then
	skip "the interface or theme.c is still the placeholder"
fi
POST="$FIX/stocks/posts/金融/格隆汇/港股/港股异动.md"
printf '%s\n' "color stock red default" >"$TMPD/rc"
tui_start 100 30 -c "$TMPD/rc" "'$POST'"
if ! wait_for "中海油田服务" 5; then
	fail "the article view did not open"
	finish
fi
# open the article when the list came first
screen | grep -qF "涨超5%" || keys Enter
wait_for "(02883.HK)" 5 || true
screen_attrs >"$TMPD/attrs"
screen >"$TMPD/plain"
check "the annotation is on screen" grep -qF "中海油田服务(02883.HK)" "$TMPD/plain"
python3 - "$TMPD/attrs" <<'PY' && ok "the code is red, the name is not" || fail "stock colour"
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
line = next(l for l in text.split('\n') if '02883.HK' in l)
# walk the line keeping the current SGR state; record the foreground of each character
fg, cells = None, []
for tok in re.findall(r'\x1b\[[0-9;]*m|.', line):
    if tok.startswith('\x1b['):
        codes = tok[2:-1].split(';') if tok[2:-1] else ['0']
        i = 0
        while i < len(codes):
            c = codes[i]
            if c in ('0', '39', ''): fg = None
            elif c in ('31', '91'): fg = 'red'
            elif c == '38' and i + 2 < len(codes) and codes[i + 1] == '5':
                fg = 'red' if codes[i + 2] in ('1', '9', '160', '196') else codes[i + 2]; i += 2
            elif re.fullmatch(r'3[0-7]|9[0-7]', c): fg = c
            i += 1
    else:
        cells.append((tok, fg))
s = ''.join(ch for ch, _ in cells)
start = s.index('(02883.HK)')
code = cells[start:start + len('(02883.HK)')]
name = cells[s.index('中海油田服务'):start]
print('code colours:', {f for _, f in code}, 'name colours:', {f for _, f in name})
assert all(f == 'red' for _, f in code), code
assert not any(f == 'red' for _, f in name), name
PY
finish
