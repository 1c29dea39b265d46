#!/bin/sh
# The documentation keeps step with the program: the man pages and the README are checked
# against the tables the binary prints (--list-actions, --list-colors, --list-options,
# --list-commands, --help) by tests/docs_check.py, and the man pages are lint-clean.
. "$(dirname "$0")/lib.sh"

out=$(python3 "$ROOT/tests/docs_check.py" "$NR" "$ROOT" 2>&1)
rc=$?
check "man pages and README match the program's tables ($(echo "$out" | tail -1))" [ $rc -eq 0 ]
[ $rc -eq 0 ] || echo "$out"

# the check itself fails on a page that drifted: a copy with one action's help changed
mkdir -p "$TMPD/root/man"
cp "$ROOT/README.md" "$TMPD/root/"
cp "$ROOT/man/newsread-config.5" "$TMPD/root/man/"
sed 's/^Quit at once\.$/Quit after a while./' "$ROOT/man/newsread.1" > "$TMPD/root/man/newsread.1"
out=$(python3 "$ROOT/tests/docs_check.py" "$NR" "$TMPD/root" 2>&1)
check "a drifted action help is caught" sh -c 'printf "%s" "$1" | grep -q "action quit-all"' _ "$out"
sed 's/^Link text (default: blue default underline)\.$/Link text./' "$ROOT/man/newsread-config.5" \
	> "$TMPD/root/man/newsread-config.5"
out=$(python3 "$ROOT/tests/docs_check.py" "$NR" "$TMPD/root" 2>&1)
check "a drifted colour default is caught" sh -c 'printf "%s" "$1" | grep -q "element link"' _ "$out"

# every attribute of the theme's table is in the colour attributes of newsread-config(5)
attrs=$(sed -n '/^Attributes:$/{n;p;}' "$ROOT/man/newsread-config.5")
for at in $(sed -n '/^#define THEME_ATTRS/,/^$/p' "$ROOT/include/newsread/theme.h" | grep -o 'X([A-Z_]*, "[a-z]*")' | sed 's/.*"\(.*\)")/\1/'); do
	check "theme attribute $at in newsread-config.5" sh -c "printf '%s\n' \"\$1\" | grep -qw '$at'" _ "$attrs"
done

if command -v mandoc >/dev/null 2>&1; then
	out=$(mandoc -Tlint -Wwarning "$ROOT"/man/*.1 "$ROOT"/man/*.5 2>&1)
	check "man pages lint-clean" [ -z "$out" ]
	[ -n "$out" ] && echo "$out"
fi
finish
