#!/bin/sh
# Terminal errors of the interface: TERM unset or unknown, a terminal too small, no
# terminal at all; standard output redirected still works; theme errors exit 2.
. "$(dirname "$0")/lib.sh"
P="$FIX/ui/posts"
A="$P/金融/港股收盘.md"

# TERM unset: one line on stderr, exit 1 (before any terminal is touched)
env -u TERM "$NR" "$A" </dev/null >"$TMPD/out" 2>"$TMPD/err"
rc=$?
check "TERM unset: exit 1 (got $rc)" test "$rc" -eq 1
check "TERM unset: the message" grep -qx "newsread: TERM is not set" "$TMPD/err"
check "TERM unset: one line" test "$(wc -l <"$TMPD/err")" -eq 1
check "TERM unset: nothing on stdout" test ! -s "$TMPD/out"
env TERM= "$NR" "$A" </dev/null >/dev/null 2>"$TMPD/err"
check "TERM empty: exit 1" test $? -eq 1

# unknown TERM, in a real terminal
TUI_TERM=no-such-terminal tui_start 80 24 "'$A'"
check "unknown TERM: exit 1" wait_for "EXIT=1"
check "unknown TERM: the message names it" wait_for "newsread: TERM=no-such-terminal: unknown terminal type"
tui_stop

# too small at start: one line, exit 1
tui_start 15 4 "'$A'"
check "too small: exit 1" wait_for "EXIT=1"
check "too small: the message" sh -c "$TM capture-pane -p -J -S -20 -t t | tr -d '\n' | grep -qF 'newsread: terminal too small (15x4, need at least 20x5)'"
tui_stop

# standard output redirected: the interface still runs on the terminal, exits 0
tui_start 80 24 "'$A' >'$TMPD/redirected'"
check "stdout redirected: the article shows" wait_for "恒生指数收盘上涨"
keys q
check "stdout redirected: q quits, exit 0" wait_for "EXIT=0"
tui_stop

# no terminal at all (setsid: no controlling terminal; pipes for input and output)
if command -v setsid >/dev/null; then
	echo | TERM=xterm setsid "$NR" "$A" 2>"$TMPD/err" | cat >"$TMPD/out"
	check "no terminal: an error, no crash" grep -q "^newsread: no terminal" "$TMPD/err"
fi

# theme errors are config errors: FILE:LINE, exit 2
printf 'color title red\ncolor nosuch blue\n' >"$TMPD/bad.theme"
TERM=xterm "$NR" -o "theme=$TMPD/bad.theme" "$A" </dev/null >/dev/null 2>"$TMPD/err"
rc=$?
check "bad theme: exit 2 (got $rc)" test "$rc" -eq 2
check "bad theme: FILE:LINE and the element" grep -q "bad.theme:2: unknown theme element: nosuch" "$TMPD/err"
printf 'color title reddish\n' >"$TMPD/cfg"
TERM=xterm "$NR" -c "$TMPD/cfg" "$A" </dev/null >/dev/null 2>"$TMPD/err"
rc=$?
check "bad colour in the config: exit 2" test "$rc" -eq 2
check "bad colour: FILE:LINE and the colour" grep -q "cfg:1: unknown color: reddish" "$TMPD/err"
TERM=xterm "$NR" -o theme=no-such-theme "$A" </dev/null >/dev/null 2>"$TMPD/err"
check "missing theme: exit 2" test $? -eq 2
check "missing theme: named" grep -qx "newsread: -o: unknown theme: no-such-theme" "$TMPD/err"
finish
