#!/bin/sh
# Writes of the urls file (--import-opml) are locked and atomic: imports at once all land,
# a symlinked urls file stays a symlink, and a killed import leaves no temporary file.
. "$(dirname "$0")/lib.sh"
C="$XDG_CONFIG_HOME/newsread"
U="$C/urls"
out="$TMPD/out"; err="$TMPD/err"

opml() { # opml FILE TAG COUNT: COUNT feeds https://TAG.example.com/N in a folder TAG
	python3 - "$@" <<'PY'
import sys
path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, 'w', encoding='utf-8') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><body><outline text="%s">\n' % tag)
    for i in range(n):
        f.write('<outline type="rss" text="源 %d" xmlUrl="https://%s.example.com/%d"/>\n' % (i, tag, i))
    f.write('</outline></body></opml>\n')
PY
}

# four imports at once, each of its own feeds: every feed lands, each once
for t in a b c d; do opml "$TMPD/$t.opml" "$t" 3000; done
for t in a b c d; do "$NR" --import-opml "$TMPD/$t.opml" >"$TMPD/$t.out" 2>"$TMPD/$t.err" & done
wait
check "concurrent imports: each added its 3000" sh -c "cat '$TMPD'/?.out | grep -c '^3000 sources added' | grep -qx 4"
check "concurrent imports: no errors" sh -c "! cat '$TMPD'/?.err | grep -q ."
check "concurrent imports: all 12000 feeds, each once" sh -c "[ \$(grep -c '^https://' '$U') -eq 12000 ] &&
	[ \$(cut -d' ' -f1 '$U' | sort -u | wc -l) -eq 12000 ]"
check "concurrent imports: file 0600, lock beside it" sh -c "[ \$(stat -c %a '$U') = 600 ] && [ -f '$U.lock' ]"
"$NR" --import-opml "$TMPD/a.opml" >"$out" 2>"$err"
check "import again: nothing added" grep -q '^0 sources added.*(3000 already present)' "$out"

# a symlinked urls file stays a symlink; its target gets the feeds
rm -f "$U" "$U.lock"
mkdir -p "$TMPD/dotfiles"
printf '# kept in git\n' >"$TMPD/dotfiles/urls"
ln -s ../../dotfiles/urls "$U"
opml "$TMPD/e.opml" e 3
"$NR" --import-opml "$TMPD/e.opml" >"$out" 2>"$err"; rc=$?
check "symlink: import exit 0" [ $rc -eq 0 ]
check "symlink: still a symlink" [ -L "$U" ]
check "symlink: the target has the feeds" sh -c "grep -qx '# kept in git' '$TMPD/dotfiles/urls' && [ \$(grep -c '^https://e.example.com/' '$TMPD/dotfiles/urls') -eq 3 ]"
check "symlink: newsread reads them through the link" sh -c "'$NR' --export-opml | grep -c 'xmlUrl=\"https://e.example.com/' | grep -qx 3"

# a killed import leaves no temporary file: kill imports of a large OPML at several
# moments, plant the leftover of one killed while writing, then one more import cleans up
rm -f "$U"
opml "$TMPD/big.opml" big 60000
for delay in 0.05 0.2 0.4 0.6 0.8; do
	"$NR" --import-opml "$TMPD/big.opml" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
printf 'half a file' >"$U.newsread-tmp-Kx81Qz"
"$NR" --import-opml "$TMPD/e.opml" >"$out" 2>"$err"; rc=$?
check "after killed imports: the next import works" [ $rc -eq 0 ]
left=$(ls -a "$C" | grep -c 'newsread-tmp')
check "after killed imports: no temporary file stays ($left)" [ "$left" -eq 0 ]
check "after killed imports: the file is whole (every line good)" sh -c "'$NR' --export-opml >/dev/null 2>'$err'"

# SIGTERM while writing removes the temporary file at once
"$NR" --import-opml "$TMPD/big.opml" >/dev/null 2>&1 &
pid=$!
sleep 0.3
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
left=$(ls -a "$C" | grep -c 'newsread-tmp')
check "SIGTERM: no temporary file ($left)" [ "$left" -eq 0 ]
finish
