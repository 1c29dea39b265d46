#!/bin/sh
# The article view draws stock annotations in the theme's `stock` colour: the inserted
# code carries the colour escape, the company name before it does not.
. "$(dirname "$0")/lib.sh"
[ -x "$NR" ] || skip "no ./newsread (run make)"
command -v tmux >/dev/null || skip "no tmux"
cat >"$TMPD/colour.py" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
want_code, want_name = sys.argv[2], sys.argv[3]
line = next(l for l in text.split('\n') if want_code in l)
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
start = s.index(want_code)
code = cells[start:start + len(want_code)]
name = cells[s.index(want_name):start]
print('code colours:', {f for _, f in code}, 'name colours:', {f for _, f in name})
assert all(f == 'red' for _, f in code), code
assert not any(f == 'red' for _, f in name), name
PY
printf '%s\n' "color stock red default" >"$TMPD/rc"
# view_colour POST NAME CODE TEXT: open POST, find NAME followed by CODE, check the colours
view_colour() {
	tui_start 100 30 -c "$TMPD/rc" "'$1'"
	if ! wait_for "$2" 5; then
		fail "the article view did not open for $1"
		tui_stop
		return
	fi
	screen | grep -qF "$4" || keys Enter
	wait_for "$2$3" 5 || true
	screen_attrs >"$TMPD/attrs"
	screen >"$TMPD/plain"
	check "$2$3 is on screen" grep -qF "$2$3" "$TMPD/plain"
	if python3 "$TMPD/colour.py" "$TMPD/attrs" "$3" "$2"; then ok "$3 is red, $2 is not"; else fail "stock colour of $3"; fi
	tui_stop
}
P="$FIX/stocks/posts/金融"
view_colour "$P/格隆汇/港股/港股异动.md" 中海油田服务 "(02883.HK)" "涨超5%"     # a code in the text
view_colour "$P/证券时报网/要闻/媒体联盟成立.md" 人民网 "(603000.SH)" "首批成员" # stcn markup
finish
