#!/bin/bash
# bench/samecheck.sh OLD NEW [--quick]: run two newsread binaries over every input the tree
# has (fixtures, samples, bench pages; the seed and the feed corpus of ../shared when it is
# there) and report any difference in --dump (several widths and options), --list --json
# and --stocks --json. Exit 0 when all outputs are byte-identical. For changes meant to keep
# the output (speed, memory): build the old binary from the commit before, then compare.
# --quick leaves out the feed corpus.
old=$(readlink -f "$1") new=$(readlink -f "$2") quick=$3
[ -x "$old" ] && [ -x "$new" ] || { echo "usage: samecheck.sh OLD NEW [--quick]"; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
tmp=$(mktemp -d)
inputs=()
while IFS= read -r f; do inputs+=("$f"); done < <(
	find "$root/tests/fixtures" "$root/samples" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.md' \
		-o -name '*.xml' -o -name '*.json' -o -name '*.txt' -o -name '*.rss' -o -name '*.atom' \) | sort
	ls "$root"/bench/out/zh-100k.html "$root"/bench/out/zh-1m.html 2>/dev/null
	find "$shared/seed" -type f -name '*.txt' 2>/dev/null
)
corpus=()
if [ "$quick" != --quick ]; then
	while IFS= read -r f; do corpus+=("$f"); done < <(find "$shared/corpus" -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' -o -name '*.rdf' \) 2>/dev/null | sort)
fi
fail=0 n=0
run() { # binary out args...
	local b=$1 o=$2; shift 2
	HOME=$tmp XDG_CONFIG_HOME=$tmp timeout 20 "$b" "$@" >"$o" 2>&1 </dev/null
	echo "exit $?" >>"$o"
}
cmpone() { # label args...
	local label=$1; shift
	run "$old" "$tmp/a" "$@"
	run "$new" "$tmp/b" "$@"
	n=$((n + 1))
	if ! cmp -s "$tmp/a" "$tmp/b"; then
		echo "DIFF: $label: $*"
		diff "$tmp/a" "$tmp/b" | head -8
		fail=$((fail + 1))
	fi
}
for f in "${inputs[@]}"; do
	for w in 12 20 33 40 80 120; do cmpone dump --dump --width $w "$f"; done
	cmpone list --list --json "$f"
	cmpone stocks --stocks --json "$f"
	cmpone dump-o --dump --width 50 -o kinsoku=strict -o paragraph-indent=auto -o cjk-latin-space=on "$f"
done
cmpone folder --dump --width 60 "$root/samples"
for f in "${corpus[@]}"; do cmpone corpus --dump --width 72 "$f"; done
rm -rf "$tmp"
echo "samecheck: $n comparisons, $fail differ"
[ "$fail" -eq 0 ]
