#!/bin/sh
# The documentation keeps step with the program: every option of the options table is in
# newsread-config(5) and the README, every command-line flag of --help is in newsread(1),
# and the man pages are lint-clean.
. "$(dirname "$0")/lib.sh"

for opt in $("$NR" --list-options | awk '{print $1}'); do
	m=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
	check "option $opt in newsread-config.5" grep -q "^\.BR $m " "$ROOT/man/newsread-config.5"
done
for flag in $("$NR" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	m=$(printf '%s' "$flag" | sed 's/-/\\\\-/g')
	check "flag $flag in newsread.1" grep -q -- "$m" "$ROOT/man/newsread.1"
	check "flag $flag in README" grep -q -- "$flag" "$ROOT/README.md"
done
# every action of the interface's table and every theme element is in the man pages
for act in $(sed -n 's/^[[:space:]]*X([A-Z_]*, "\([a-z-]*\)", CX_.*/\1/p' "$ROOT/include/newsread/keymap.h"); do
	m=$(printf '%s' "$act" | sed 's/-/\\\\-/g')
	check "action $act in newsread.1" grep -q "($m)" "$ROOT/man/newsread.1"
done
for el in $(sed -n 's/^[[:space:]]*X([A-Z_]*, "\([a-z-]*\)", ".*/\1/p' "$ROOT/include/newsread/theme.h"); do
	check "theme element $el in newsread-config.5" grep -q "^\.B $el\$" "$ROOT/man/newsread-config.5"
done
if command -v mandoc >/dev/null 2>&1; then
	out=$(mandoc -Tlint -Wwarning "$ROOT"/man/*.1 "$ROOT"/man/*.5 2>&1)
	check "man pages lint-clean" [ -z "$out" ]
	[ -n "$out" ] && echo "$out"
fi
finish
