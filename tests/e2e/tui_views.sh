#!/bin/sh
# The help view (from the action table), a single article (q quits), LANG=C showing
# Chinese, the theme's colours on the screen (stock annotations, config over theme),
# next/previous article (the list's selection follows), messages for unbound keys, and the bundled demo.
. "$(dirname "$0")/lib.sh"
P="$FIX/ui/posts"
A="$P/金融/央行降准.md"
has() { screen | grep -qF -- "$1"; }
stop() { tui_stop; }

# help view, in LANG=C (newsread falls back to UTF-8 character tables)
TUI_LANG=C tui_start 80 24 "'$A'"
check "LANG=C: Chinese title and body" wait_for "中国人民银行今日宣布"
check "LANG=C: header categories" has "金融 › 证券时报 › 要闻"
keys '?'
check "help opens" wait_for "newsread: help"
check "help lists page-down with its keys" has "Space, PgDn, f, ^F"
screen >"$TMPD/help"
check "help fits" lines_fit 80 "$TMPD/help"
keys G
check "help scrolls to the article section" has "scroll-right"
check "help shows next-article" has "next-article"
keys q
check "q closes help" wait_for "中国人民银行今日宣布"
keys z
check "unbound key: a message" wait_for "no action on this key"
keys '>'
check "no wide lines: a message" wait_for "no wide lines to scroll"
keys q
check "single article: q quits, exit 0" wait_for "EXIT=0"
stop

# colours: the default theme draws stock annotations red and bold; the config wins
tui_start 80 24 "'$A'"
wait_for "中国人民银行今日宣布" >/dev/null
check "stock annotation shown" has "平安银行(000001.SZ)"
check "default theme: stock in bold red" sh -c "$TM capture-pane -p -e -t t | grep -q '\[1m.\[31m(000001.SZ)'"
check "default theme: title yellow" sh -c "$TM capture-pane -p -e -t t | grep -q '\[33m央行宣布下调存款准备金率'"
keys q
stop
mkdir -p "$XDG_CONFIG_HOME/newsread"
printf 'color stock magenta default underline\nset theme light\n' >"$XDG_CONFIG_HOME/newsread/config"
tui_start 80 24 "'$A'"
wait_for "中国人民银行今日宣布" >/dev/null
check "config colour wins over the theme" sh -c "$TM capture-pane -p -e -t t | grep -q '\[4m.\[35m(000001.SZ)'"
check "light theme: 256-colour title" sh -c "$TM capture-pane -p -e -t t | grep -q '38;5;88m央行宣布'"
keys q
stop
rm -f "$XDG_CONFIG_HOME/newsread/config"

# next/previous article from a list
tui_start 80 24 "'$P'"
wait_for "All articles" >/dev/null
keys k Enter Enter
check "first article from the list" wait_for "第十四届全国冬季运动会"
check "status counts articles" has "article 1/6"
keys n
check "n opens the next" wait_for "多家芯片企业"
check "status follows" has "article 2/6"
keys p
check "p opens the previous" wait_for "第十四届全国冬季运动会"
keys p
check "p at the first: a message" wait_for "this is the first article"
keys n n q
check "back in the list: the article read last is selected" wait_for "3/6"
check "back in the list: the list, not the article" sh -c "! $TM capture-pane -p -t t | grep -q 'article 3/6'"
keys Enter
check "Enter opens the selected (third) article" wait_for "article 3/6"
keys Q
check "Q quits at once, exit 0" wait_for "EXIT=0"
stop

# the bundled demo (samples/) opens with no argument
if [ -d "$ROOT/samples" ] && "$NR" --list 2>/dev/null | grep -q .; then
	tui_start 80 24 ""
	check "demo opens" wait_for "All articles"
	screen >"$TMPD/demo"
	check "demo tree fits" lines_fit 80 "$TMPD/demo"
	check "demo has 金融" has "金融"
	keys k Enter Enter
	sleep 0.5
	screen >"$TMPD/demo2"
	check "demo article fits" lines_fit 80 "$TMPD/demo2"
	check "demo article shows a position" has "line 1/"
	keys q q q
	check "demo quits, exit 0" wait_for "EXIT=0"
	stop
else
	echo "# no demo samples here: skipped that part"
fi
finish
