#!/bin/sh
# The interface never waits on the network: it starts from the store and reloads in the
# background (reload-on-start), answers keys meanwhile, adds new articles without moving
# the selection, reloads on R, shows failures in the status line, and with
# reload-on-start off downloads nothing at start.
. "$(dirname "$0")/lib.sh"

feed() { # feed TITLE... : an RSS feed whose items are TITLE..., newest first
	{
		echo '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Slow feed</title>'
		d=28
		for t in "$@"; do
			echo "<item><title>$t</title><link>http://example.com/$t</link><guid>$t</guid><pubDate>Sun, $d Nov 2021 10:00:00 +0000</pubDate><description>body of $t</description></item>"
			d=$((d - 1))
		done
		echo '</channel></rss>'
	}
}
# stop_tui: end the tmux server and wait until it is gone (a new one cannot start before)
stop_tui() {
	$TM kill-server 2>/dev/null
	n=50
	while $TM has-session 2>/dev/null && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
	rm -f "/tmp/tmux-$(id -u)/$SOCK"
}
mkdir -p "$TMPD/www" "$XDG_CONFIG_HOME/newsread"
feed Gamma Beta Alpha > "$TMPD/www/f.xml"
server_start "$TMPD/www"
U="http://127.0.0.1:$PORT/f.xml?delay=3"
echo "$U" > "$XDG_CONFIG_HOME/newsread/urls"
requests() { grep -c '^/f.xml' "$TMPD/server.log"; }

# the first start, nothing stored: the interface is up at once, the feed comes with the reload
tui_start 80 24
check "first start: the interface is up before the slow feed answers" wait_for "reloading 0/1" 2
check "first start: the feed's articles come with the reload" wait_for "Gamma" 10
check "first start: reloaded" wait_for "reloaded 1 source" 2
check "first start: one request" [ "$(requests)" -eq 1 ]
keys q
stop_tui

# a new article on the feed, served slowly: the stored ones show at once
feed Delta Gamma Beta Alpha > "$TMPD/www/f.xml"
tui_start 80 24
check "the stored articles show while the slow reload runs" wait_for "Gamma" 2
check "the status line shows the reload's progress" wait_for "reloading 0/1" 1
check "the new article is not there yet" sh -c '! (screen | grep -q Delta)' 2>/dev/null
keys j
check "keys are answered during the reload (j moves to 2/3)" wait_for "2/3" 1
check "the new article appears after the reload" wait_for "Delta" 10
check "the status line says the reload is done" wait_for "reloaded 1 source" 2
check "the selection stays on its article (Beta, now 3/4)" wait_for "3/4" 1
check "the selected row is Beta" sh -c "$TM capture-pane -p -e -t t | grep 'Beta' | grep -q '7m\|\[4[0-9]m'"
check "two requests in all" [ "$(requests)" -eq 2 ]

# R picks up a change: a new article, and one whose title changed (the same guid)
feed Epsilon Delta Gamma Beta Alpha | sed 's|<title>Alpha</title>|<title>Alpha renamed</title>|' > "$TMPD/www/f.xml"
keys R
check "R: reloading" wait_for "reloading" 2
check "R picks up the new article" wait_for "Epsilon" 10
check "R picks up the changed title" wait_for "Alpha renamed" 2
check "R: the selection still on Beta (4/5)" wait_for "4/5" 2

# r on the article's source: the list's selection, the one source
feed Zeta Epsilon Delta Gamma Beta Alpha | sed 's|<title>Alpha</title>|<title>Alpha renamed</title>|' > "$TMPD/www/f.xml"
keys r
check "r reloads the selected article's source" wait_for "Zeta" 10
keys q
wait_for "EXIT=" 5 >/dev/null
stop_tui

# reload-on-start off: the store's articles, and no request at all
before=$(requests)
tui_start 80 24 -o reload-on-start=off
check "reload-on-start off: the stored articles show" wait_for "Zeta" 2
keys q
check "reload-on-start off: quits" wait_for "EXIT=0" 5
check "reload-on-start off: no request made" [ "$(requests)" -eq "$before" ]
stop_tui

# a source that fails: counted in the status line, its reason shown
cp "$TMPD/www/f.xml" "$TMPD/www/g.xml"
printf '%s\nhttp://127.0.0.1:%s/g.xml\n' "$U" "$PORT" > "$XDG_CONFIG_HOME/newsread/urls"
"$NR" -x reload
rm "$TMPD/www/g.xml"
tui_start 80 24
check "a failing source: its failure counted in the status line" wait_for "reloaded 2 sources, 1 failed" 10
check "a failing source: its reason shown" wait_for "1 failed: http://127.0.0.1:$PORT/g.xml: HTTP" 1
check "a failing source: its stored articles still show" wait_for "Zeta" 1
keys q
stop_tui

# a source given on the command line and never stored is loaded before the interface;
# its failure went to stderr, which the screen hides: the status line says it
tui_start 80 24 "'$U'" "'http://127.0.0.1:$PORT/never.xml'"
check "a failure at start: named in the status line" wait_for "1 failed at start: http://127.0.0.1:$PORT/never.xml" 5
check "a failure at start: the stored articles show" wait_for "Zeta" 1
keys q
finish
