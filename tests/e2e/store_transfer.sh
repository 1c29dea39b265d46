#!/bin/sh
# Moving marks and sources: --export-read / --import-read between two stores, a bad line
# named FILE:LINE while the good ones count, and --import-newsboat from a real newsboat
# cache (tests/fixtures/newsboat/, made by Debian's newsboat) with its urls file.
. "$(dirname "$0")/lib.sh"

S="$ROOT/samples/金融"
A="$TMPD/a.db" B="$TMPD/b.db"
total=$("$NR" --no-store --list "$S" | wc -l)
src=$(cd "$S" && pwd -P)
"$NR" --no-store --list --json "$S" | python3 -c '
import json, sys
ids = [json.loads(l)["id"] for l in sys.stdin][:2]
for i in ids: print(sys.argv[1] + "\t" + i)' "$src" > "$TMPD/marks"
check "two marks to import" [ "$(wc -l < "$TMPD/marks")" -eq 2 ]

"$NR" --db "$A" --import-read "$TMPD/marks" > "$TMPD/out" 2>&1
check "--import-read: exit 0" [ $? -eq 0 ]
u=$("$NR" --db "$A" "$S" -x print-unread)
check "the two articles are read ($u of $total unread)" [ "$u" -eq $((total - 2)) ]

"$NR" --db "$A" --export-read "$TMPD/exported" 2> "$TMPD/err"
check "--export-read: exit 0" [ $? -eq 0 ]
sort "$TMPD/marks" > "$TMPD/marks.sorted"
check "--export-read: the same two lines" cmp -s "$TMPD/marks.sorted" "$TMPD/exported"
"$NR" --db "$A" --export-read - > "$TMPD/exported2"
check "--export-read -: to standard output" cmp -s "$TMPD/exported" "$TMPD/exported2"

"$NR" --db "$B" --import-read - < "$TMPD/exported"
check "--import-read -: exit 0" [ $? -eq 0 ]
check "the second store has the marks" [ "$("$NR" --db "$B" "$S" -x print-unread)" -eq $((total - 2)) ]

{ printf 'no tab on this line\n'; cat "$TMPD/marks"; } > "$TMPD/bad"
"$NR" --db "$TMPD/c.db" --import-read "$TMPD/bad" > "$TMPD/out" 2> "$TMPD/err"
check "a bad line: exit 1" [ $? -eq 1 ]
check "a bad line: named FILE:1" grep -q "^newsread: $TMPD/bad:1: " "$TMPD/err"
check "a bad line: the good ones still count" [ "$("$NR" --db "$TMPD/c.db" "$S" -x print-unread)" -eq $((total - 2)) ]
"$NR" --db "$A" --import-read "$TMPD/nosuch" 2> "$TMPD/err"
check "a missing file: exit 1, named" sh -c '[ $1 -eq 1 ] && grep -q "nosuch: No such file" "$2"' _ $? "$TMPD/err"
"$NR" --no-store --import-read "$TMPD/marks" 2> "$TMPD/err"
check "--no-store --import-read: usage error" [ $? -eq 2 ]
"$NR" --import-read "$TMPD/marks" --list 2> "$TMPD/err"
check "--import-read --list: one mode at a time" [ $? -eq 2 ]

# newsboat: the cache is read, never changed; its sources join the urls file
NB="$ROOT/tests/fixtures/newsboat"
cp "$NB/cache.db" "$TMPD/cache.db"
"$NR" --db "$TMPD/nb.db" --import-newsboat "$TMPD/cache.db" "$NB/urls" > "$TMPD/out" 2> "$TMPD/err"
rc=$?
check "--import-newsboat: exit 1 (the urls file's query: line is reported)" [ $rc -eq 1 ]
check "--import-newsboat: the query: line named" grep -q "urls:4: query:" "$TMPD/err"
check "--import-newsboat: the cache unchanged" cmp -s "$NB/cache.db" "$TMPD/cache.db"
check "--import-newsboat: says what it did" grep -q "3 new sources, 6 new articles" "$TMPD/out"
check "--import-newsboat: sources in the urls file" [ "$(grep -c '^http://127.0.0.1:8765/' "$XDG_CONFIG_HOME/newsread/urls")" -eq 3 ]
"$NR" --db "$TMPD/nb.db" --offline --list > "$TMPD/list" 2> "$TMPD/err"
check "offline: the imported articles listed" [ "$(wc -l < "$TMPD/list")" -eq 6 ]
check "offline: Chinese titles intact" grep -q '证券时报网\|财经' "$TMPD/list"
want=$(python3 -c "
import sqlite3, sys
c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
print(c.execute('select count(*) from rss_item where unread = 1 and deleted = 0').fetchone()[0])" "$NB/cache.db")
got=$("$NR" --db "$TMPD/nb.db" --offline -x print-unread)
check "newsboat's unread state kept ($got unread, newsboat had $want)" [ "$got" = "$want" ]
"$NR" --db "$TMPD/nb2.db" --import-newsboat "$ROOT/README.md" 2> "$TMPD/err"
check "not a cache: exit 1, one line naming it" sh -c '[ $1 -eq 1 ] && grep -q "README.md: not a newsboat cache" "$2" && [ $(wc -l < "$2") -eq 1 ]' _ $? "$TMPD/err"
finish
