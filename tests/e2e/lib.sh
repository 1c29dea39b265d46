# lib.sh - shared helpers for the end-to-end tests (sourced by tests/e2e/*.sh).
# Each test drives the real ./newsread: in tmux for the interface, directly for --dump,
# --list and friends, against a real HTTP server on 127.0.0.1 where it fetches.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NR="$ROOT/newsread"
FIX="$ROOT/tests/fixtures"
TMPD=$(mktemp -d /tmp/nr-e2e.XXXXXX)
export XDG_CONFIG_HOME="$TMPD/config" XDG_DATA_HOME="$TMPD/data" XDG_CACHE_HOME="$TMPD/cache"
export TZ=Asia/Shanghai
SOCK="nr-e2e-$$"
TM="tmux -L $SOCK -f /dev/null"
FAILS=0
CHECKS=0
SERVER_PID=""

cleanup() {
	$TM kill-server 2>/dev/null
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	rm -rf "$TMPD"
}
trap cleanup EXIT INT TERM

ok() { CHECKS=$((CHECKS + 1)); echo "ok - $1"; }
fail() { CHECKS=$((CHECKS + 1)); FAILS=$((FAILS + 1)); echo "FAIL - $1"; }
check() { # check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@"; then ok "$d"; else fail "$d"; fi
}
finish() {
	echo "$((CHECKS - FAILS)) passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
	exit $?
}
skip() { echo "skip - $1"; exit 77; }

# tui_start WIDTH HEIGHT ARGS... : start newsread in a detached tmux session.
tui_start() {
	w=$1; h=$2; shift 2
	$TM new-session -d -s t -x "$w" -y "$h" \
		"env LANG=${TUI_LANG:-C.UTF-8} TERM=${TUI_TERM:-xterm-256color} XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' $NR $*; echo EXIT=\$?; sleep 30"
}
# tui_stop: end the interface's tmux server and wait until it is gone, so that the next
# tui_start makes a fresh one instead of racing the old one's exit ("server exited
# unexpectedly").
tui_stop() {
	$TM kill-server 2>/dev/null
	n=50
	while $TM list-sessions >/dev/null 2>&1 && [ $n -gt 0 ]; do
		sleep 0.1
		n=$((n - 1))
	done
}
keys() { $TM send-keys -t t "$@"; sleep 0.3; }
screen() { $TM capture-pane -p -t t; }
screen_attrs() { $TM capture-pane -p -e -t t; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string).
wait_for() {
	n=$(( ${2:-5} * 10 ))
	while [ $n -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "--- screen (waiting for '$1'):"; screen; echo "---"
	return 1
}
# screen_width_ok N: no line of the captured screen is wider than N columns.
lines_fit() { # lines_fit N FILE
	python3 - "$1" "$2" <<'PY'
import sys, unicodedata
n = int(sys.argv[1])
def w(s):
    t = 0
    for ch in s:
        if unicodedata.combining(ch) or ch in '\u200b\u200d\ufe0f': continue
        t += 2 if unicodedata.east_asian_width(ch) in 'WF' else 1
    return t
bad = [l for l in open(sys.argv[2], encoding='utf-8').read().split('\n') if w(l) > n]
for l in bad[:5]: print('too wide (%d > %d): %s' % (w(l), n, l))
sys.exit(1 if bad else 0)
PY
}

# server_start DIR: serve DIR on 127.0.0.1 with tests/e2e/server.py; sets PORT.
server_start() {
	pf="$TMPD/port"
	rm -f "$pf"
	python3 "$ROOT/tests/e2e/server.py" "$1" "$pf" >"$TMPD/server.log" 2>&1 &
	SERVER_PID=$!
	n=50
	while [ ! -s "$pf" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
	PORT=$(cat "$pf")
}
