#!/bin/sh
# Reload over HTTP against a real server on 127.0.0.1 (tests/e2e/server.py): redirects and
# their loops, retries (429 with Retry-After, 5xx), limits (size, stall, timeout), a reset,
# encodings, a charset only in the header, and 12 slow feeds on one host that all load
# within their own timeout. Each case: exit status, the stderr line, the --list output.
. "$(dirname "$0")/lib.sh"
W="$TMPD/www"
mkdir -p "$W"
python3 - "$W" <<'PY'
import sys
w = sys.argv[1]
for i in range(1, 31):
    open("%s/f%d.xml" % (w, i), "w", encoding="utf-8").write(
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>频道%d</title>'
        '<link>http://example.cn/</link><item><title>条目%d</title><link>http://example.cn/%d</link>'
        '<pubDate>Wed, 01 Mar 2023 %02d:00:00 GMT</pubDate><description>摘要</description></item>'
        '</channel></rss>\n' % (i, i, i, i % 24))
html = "<html><body><h1>秋季运动会圆满落幕</h1><p>本届运动会共有一千二百名学生参赛，打破校纪录三项。</p></body></html>"
open("%s/gbk.html" % w, "wb").write(html.encode("gbk"))
PY
server_start "$W"
U="http://127.0.0.1:$PORT"
LOG="$TMPD/server.log"
out="$TMPD/out"; err="$TMPD/err"
nreq() { grep -c "^$1\$" "$LOG"; }  # requests of exactly this path
run() { "$NR" "$@" >"$out" 2>"$err"; rc=$?; }
only_err() { [ "$(wc -l <"$err")" -eq 1 ] && grep -qxF "newsread: $1" "$err"; }

run --list "$U/f1.xml"
check "200: exit 0, the item, nothing on stderr" sh -c "[ $rc -eq 0 ] && [ ! -s '$err' ] && grep -q '	条目1	http://example.cn/1	$U/f1.xml\$' '$out'"

run --list "$U/chain/4/f2.xml"
check "301/302 chain of 4: exit 0, source is what was given" sh -c "[ $rc -eq 0 ] && [ ! -s '$err' ] && grep -q '	条目2	.*	$U/chain/4/f2.xml\$' '$out'"
check "301/302 chain: every hop requested" sh -c "[ $(nreq /chain/4/f2.xml) -eq 1 ] && [ $(nreq /chain/1/f2.xml) -eq 1 ] && [ $(nreq /f2.xml) -eq 1 ]"
run --list "$U/chain/10/f3.xml"
check "10 redirects are followed" sh -c "[ $rc -eq 0 ] && grep -q '条目3' '$out'"
run --list "$U/chain/11/f3.xml"
check "11 redirects: exit 1, named" sh -c "[ $rc -eq 1 ] && [ ! -s '$out' ]" && check "11 redirects: the line" only_err "$U/chain/11/f3.xml: more than 10 redirects"

run --list "$U/loop/a"
check "redirect loop: exit 1, nothing listed" sh -c "[ $rc -eq 1 ] && [ ! -s '$out' ]"
check "redirect loop: named with its URLs" only_err "$U/loop/a: redirect loop: $U/loop/a -> $U/loop/b -> $U/loop/a"

run --list "$U/to?url=file:///etc/passwd"
check "redirect to a file:// URL: not followed, exit 1" sh -c "[ $rc -eq 1 ] && [ ! -s '$out' ]"
check "redirect to a file:// URL: the line" only_err "$U/to?url=file:///etc/passwd: redirected to file:///etc/passwd, not an http or https URL"

run --list "$U/status/404"
check "404: exit 1, one line" sh -c "[ $rc -eq 1 ] && [ ! -s '$out' ]" && check "404: the line" only_err "$U/status/404: HTTP status 404"

# retries, all in one run: the loop goes on while one source waits
start=$(date +%s)
run --list "$U/f4.xml?fail=1&code=429&ra=1" "$U/f5.xml?fail=1&code=500" "$U/f6.xml?fail=9&code=503" \
	"$U/f7.xml?fail=9&code=429&ra=120" "$U/f8.xml"
took=$(( $(date +%s) - start ))
check "retries: exit 1 (two sources failed)" [ $rc -eq 1 ]
check "429 with Retry-After 1, then 200: loaded after a second request" sh -c "grep -q '	条目4	' '$out' && [ $(nreq '/f4.xml?fail=1&code=429&ra=1') -eq 2 ]"
check "500 then 200: loaded after a second request" sh -c "grep -q '	条目5	' '$out' && [ $(nreq '/f5.xml?fail=1&code=500') -eq 2 ]"
check "503 each time: three tries, then one line" sh -c "[ $(nreq '/f6.xml?fail=9&code=503') -eq 3 ] && grep -qxF 'newsread: $U/f6.xml?fail=9&code=503: HTTP status 503 (3 tries)' '$err'"
check "Retry-After 120: not waited for, one request, the reason" sh -c "[ $(nreq '/f7.xml?fail=9&code=429&ra=120') -eq 1 ] && grep -qxF 'newsread: $U/f7.xml?fail=9&code=429&ra=120: HTTP 429, Retry-After 120 s is over 60 s' '$err'"
check "retries: the other sources load, two lines on stderr" sh -c "[ \$(wc -l <'$out') -eq 3 ] && grep -q '	条目8	' '$out' && [ \$(wc -l <'$err') -eq 2 ]"
check "retries: waited 1 s then 2 s, not more ($took s)" [ "$took" -ge 3 ] && [ "$took" -le 8 ]

run --list "$U/gzip/f9.xml" "$U/f10.xml?chunked=1"
check "gzip and chunked: exit 0, both decoded" sh -c "[ $rc -eq 0 ] && [ ! -s '$err' ] && grep -q '	条目9	' '$out' && grep -q '	条目10	' '$out'"

run --list "$U/bigdecl/70000000"
check "declared body over the limit: exit 1, the limit named" sh -c "[ $rc -eq 1 ]" && check "declared over the limit: the line" only_err "$U/bigdecl/70000000: larger than the limit of 67108864 bytes"
run --list "$U/big/70000000"
check "streamed body over the limit: exit 1, the limit named" sh -c "[ $rc -eq 1 ]" && check "streamed over the limit: the line" only_err "$U/big/70000000: larger than the limit of 67108864 bytes"

run -o fetch-timeout=5 --list "$U/f11.xml?trickle=3"
check "slow trickle (3 s, gaps under the 2 s stall window): exit 0, loaded" sh -c "[ $rc -eq 0 ] && [ ! -s '$err' ] && grep -q '	条目11	' '$out'"

# failures of the connection, in one run beside a good source
start=$(date +%s)
run -o fetch-timeout=2 --list "$U/stall/f12.xml" "$U/f13.xml?delay=5" "$U/reset/f14.xml" "$U/f15.xml"
took=$(( $(date +%s) - start ))
check "connection failures: exit 1, the good source loads" sh -c "[ $rc -eq 1 ] && [ \$(wc -l <'$out') -eq 1 ] && grep -q '	条目15	' '$out'"
check "stalled connection: three tries, named" sh -c "[ $(nreq /stall/f12.xml) -eq 3 ] && grep -qxF 'newsread: $U/stall/f12.xml: stalled: nothing received for 1 s (3 tries)' '$err'"
check "no answer within the timeout: three tries, named" grep -qxF "newsread: $U/f13.xml?delay=5: timed out after 2 s (3 tries)" "$err"
check "reset: not retried, named" sh -c "[ $(nreq /reset/f14.xml) -eq 1 ] && grep -qF 'newsread: $U/reset/f14.xml: ' '$err' && grep -q 'f14.xml: .*reset' '$err'"
check "connection failures: one line each" [ "$(wc -l <"$err")" -eq 3 ]
check "connection failures: in parallel, not one after another ($took s)" [ "$took" -le 14 ]

run --list "$U/f16.xml?ctype=text/html" "$U/f17.xml?ctype=application/octet-stream"
check "wrong Content-Type: the content decides, exit 0" sh -c "[ $rc -eq 0 ] && [ ! -s '$err' ] && grep -q '	条目16	' '$out' && grep -q '	条目17	' '$out'"

run --dump --width 60 "$U/gbk.html?ctype=text/html;%20charset=gbk"
check "GBK page, charset only in the header: exit 0, decoded" sh -c "[ $rc -eq 0 ] && [ ! -s '$err' ] && tr -d '\n' <'$out' | grep -q '本届运动会共有一千二百名学生参赛'"

# 12 slow feeds on one host: two at a time, each answering after 1 s, so the last starts
# about 5 s after the run did; with a 3 s timeout all must load (a timeout counted from
# the time a transfer was queued failed the later ones)
kill "$SERVER_PID"; SERVER_PID=""
server_start "$W"
U="http://127.0.0.1:$PORT"
start=$(date +%s)
run -o fetch-timeout=3 --list $(for i in 18 19 20 21 22 23 24 25 26 27 28 29; do printf '%s ' "$U/slow/f$i.xml"; done)
took=$(( $(date +%s) - start ))
check "12 slow feeds on one host: exit 0, no error" sh -c "[ $rc -eq 0 ] && [ ! -s '$err' ]" || cat "$err"
check "12 slow feeds on one host: 12 articles" [ "$(wc -l <"$out")" -eq 12 ]
max=$(python3 -c "import urllib.request;print(urllib.request.urlopen('$U/stats').read().decode())")
check "12 slow feeds: never more than two at once on the host ($max)" [ "$max" -le 2 ]
check "12 slow feeds: took about 6 s, two at a time ($took s)" [ "$took" -ge 5 ]
finish
