#!/bin/sh
# SIGTERM and SIGINT while the interface runs: the terminal is restored (the shell's
# tty modes are sane again, the alternate screen is gone) and newsread dies of the
# signal (exit status 128 + N as the shell reports it).
. "$(dirname "$0")/lib.sh"
P="$FIX/ui/posts"
A="$P/金融/央行降准.md"

# start newsread in tmux, then report the exit status and the terminal's modes
start() {
	$TM new-session -d -s t -x 80 -y 24 \
		"trap : INT; env LANG=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME='$XDG_CONFIG_HOME' $NR '$A'; echo EXIT=\$?; stty -a | tr ' ;' '\n\n' | grep -x -e '-*icanon' -e '-*echo' | tr '\n' ' '; echo; sleep 30"
}
nr_pid() {
	shell=$($TM list-panes -t t -F '#{pane_pid}')
	ps -o pid= --ppid "$shell" | tr -d ' '
}

start
check "running" wait_for "中国人民银行今日宣布"
keys j j
pid=$(nr_pid)
check "found the process ($pid)" test -n "$pid"
kill -TERM "$pid"
check "SIGTERM: exit status 143" wait_for "EXIT=143"
check "SIGTERM: canonical mode and echo restored" wait_for "icanon echo"
check "SIGTERM: the interface left the screen" sh -c "! $TM capture-pane -p -t t | grep -q 中国人民银行今日宣布"
tui_stop

start
check "running again" wait_for "中国人民银行今日宣布"
keys C-c
check "Ctrl-C: exit status 130" wait_for "EXIT=130"
check "Ctrl-C: canonical mode and echo restored" wait_for "icanon echo"
tui_stop

start
check "running a third time" wait_for "中国人民银行今日宣布"
pid=$(nr_pid)
kill -HUP "$pid"
check "SIGHUP: exit status 129" wait_for "EXIT=129"
check "SIGHUP: terminal restored" wait_for "icanon echo"
finish
