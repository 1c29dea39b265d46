#!/bin/sh
# The sources view as a user meets it: a urls file with a feed from the test server
# (Chinese title), a local folder and a URL that answers 404. The status line says one
# source failed; S lists the three with their counts, last fetch and the error, in
# columns aligned by display width at 80x24 and 160x30; Enter on the feed lists its
# articles; the feed's own title names it in the sources view, the list and the article
# header (a "~name" instead when the urls file gives one); --dump's header is unchanged.
. "$(dirname "$0")/lib.sh"
has() { screen | grep -qF -- "$1"; }
restart_tm() { $TM kill-server 2>/dev/null; sleep 0.2; } # as store_marks.sh: let tmux go

W="$TMPD/www"
mkdir -p "$W"
cat >"$W/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>证券时报网要闻</title><link>http://example.com/</link>
<item><title>第一条新闻</title><link>http://example.com/a</link><guid>f-a</guid><pubDate>Wed, 24 Nov 2021 11:00:00 +0800</pubDate><description>正文一。</description></item>
<item><title>第二条新闻</title><link>http://example.com/b</link><guid>f-b</guid><pubDate>Wed, 24 Nov 2021 10:00:00 +0800</pubDate><description>正文二。</description></item>
</channel></rss>
XML
P="$TMPD/posts"
mkdir -p "$P"
printf -- '---\ntitle: Local post\ndate: 2021-01-02 10:00\n---\nLocal body.\n' >"$P/one.md"
server_start "$W"
F="http://127.0.0.1:$PORT/feed.xml"
M="http://127.0.0.1:$PORT/missing.xml"
mkdir -p "$XDG_CONFIG_HOME/newsread"
printf '%s\n%s\n%s\n' "$F" "$P" "$M" >"$XDG_CONFIG_HOME/newsread/urls"

for size in "80 24" "160 30"; do
	set -- $size
	cols=$1
	restart_tm
	tui_start "$1" "$2"
	# the sources come with the background reload (the interface starts from the store):
	# its outcome names the failure in the status line
	check "$cols: the status line names the failed source" wait_for "1 failed: http://127.0.0.1:$PORT/missing.xml"
	keys S
	check "$cols: S opens the sources view" wait_for "3 sources, 1 failed"
	screen >"$TMPD/s.txt"
	# the first pass reads one article: the second shows 1 unread of 2
	[ "$cols" = 80 ] && u=2 || u=1
	check "$cols: the feed by its own title, $u unread of 2" grep -qE "证券时报网要闻 +$u/2 " "$TMPD/s.txt"
	check "$cols: the folder with its count, never fetched" grep -qE "posts +1/1 " "$TMPD/s.txt"
	check "$cols: the 404 with its error" grep -qF "HTTP status 404" "$TMPD/s.txt"
	check "$cols: no line wider than the terminal" lines_fit "$cols" "$TMPD/s.txt"
	# the counts column is aligned: "2/2" and "1/1" end in the same column
	check "$cols: counts aligned by display width" python3 - "$TMPD/s.txt" <<'PY'
import sys, unicodedata, re
def w(s): return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
ends = []
for l in open(sys.argv[1], encoding='utf-8'):
    m = re.search(r'\d+/\d+ ', l)
    if m and ('证券' in l or 'posts' in l):
        ends.append(w(l[:m.end()]))
sys.exit(0 if len(ends) == 2 and ends[0] == ends[1] else 1)
PY
	keys g Enter
	check "$cols: Enter lists the feed's articles" eval "wait_for '第二条新闻' && ! has 'Local post'"
	keys Enter
	check "$cols: the article header names the feed by its title" eval "wait_for '正文一' && screen | grep -qE '^ 2021-11-24 11:00  证券时报网要闻'"
	keys q q
	check "$cols: back in the sources view, the article read counted" eval "wait_for '3 sources, 1 failed' && screen | grep -qE '证券时报网要闻 +1/2 '"
	keys q q
	# a failure in a background reload does not change the exit status (newsread(1))
	check "$cols: quits" wait_for "EXIT=0"
done

# the list of all articles (the first view: fewer than two categories) names each
# article's source
restart_tm
tui_start 100 24
wait_for "1 failed:"
check "all articles: the source column shows the feed's title and the folder" eval "wait_for 'Local post' && screen | grep -qE '第一条新闻|证券时报网要闻' && screen | grep 'Local post' | grep -qF nr-e2e"

# a "~name" wins over the feed's title; --list keeps what the user gave
printf '"%s" "~我的源"\n' "$F" >"$XDG_CONFIG_HOME/newsread/urls"
restart_tm
tui_start 80 24
check "~name: no failure note" eval "wait_for '第一条新闻' && ! has 'failed'"
keys S
check "~name: the sources view shows the user's name" eval "wait_for '1 sources' && has '我的源'"
"$NR" --list >"$TMPD/list.txt" 2>/dev/null
keys Escape q
wait_for "第一条新闻"
keys Enter
check "~name: the article header names the source by it" eval "wait_for '正文一' && screen | grep -qE '^ 2021-11-24 11:00  我的源'"
"$NR" --dump "$F" 2>/dev/null | head -3 >"$TMPD/dump.txt"
check "--dump: the header does not name the source" eval "! grep -qF '我的源' '$TMPD/dump.txt' && ! grep -qF '证券时报网要闻' '$TMPD/dump.txt'"
check "--list: the source column is what the user gave" eval "cut -f5 '$TMPD/list.txt' | sort -u | grep -qxF '我的源'"

# --no-store: counts from memory
printf '%s\n%s\n' "$F" "$P" >"$XDG_CONFIG_HOME/newsread/urls"
restart_tm
tui_start 80 24 --no-store
wait_for "newsread"
keys S
check "--no-store: the sources view counts what is in memory" eval "wait_for '2 sources' && screen | grep -qE '证券时报网要闻 +2/2 ' && screen | grep -qE 'posts +1/1 '"
finish
