#!/bin/sh
# make install / uninstall with PREFIX and DESTDIR: binary, man pages, themes and the demo
# land where they should, the installed binary finds its demo and themes, and uninstall
# removes it all.
. "$(dirname "$0")/lib.sh"

D="$TMPD/stage"
make -s -C "$ROOT" install DESTDIR="$D" PREFIX=/opt/nr >"$TMPD/log" 2>&1
check "make install succeeds" [ $? -eq 0 ]
for f in bin/newsread share/man/man1/newsread.1 share/man/man5/newsread-config.5 \
	share/newsread/themes/default.theme share/newsread/themes/light.theme; do
	check "installed $f" [ -f "$D/opt/nr/$f" ]
done
check "demo installed" [ "$(find "$D/opt/nr/share/newsread/samples" -name '*.md' | wc -l)" -ge 20 ]
check "binary is executable" [ -x "$D/opt/nr/bin/newsread" ]
# the staged binary, run from elsewhere with no config, opens the installed demo
out=$(cd / && "$D/opt/nr/bin/newsread" --list 2>&1); rc=$?
check "installed binary opens its demo" sh -c "[ $rc -eq 0 ] && printf '%s\n' \"\$1\" | grep -q 'share/newsread/samples'" _ "$out"
if command -v man >/dev/null 2>&1; then
	check "man page renders" sh -c "man -l '$D/opt/nr/share/man/man1/newsread.1' 2>/dev/null | grep -q 'EXIT STATUS'"
fi
make -s -C "$ROOT" uninstall DESTDIR="$D" PREFIX=/opt/nr >>"$TMPD/log" 2>&1
check "make uninstall succeeds" [ $? -eq 0 ]
check "nothing left but folders" [ -z "$(find "$D" -type f)" ]
finish
