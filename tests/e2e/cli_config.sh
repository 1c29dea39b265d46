#!/bin/sh
# The command line and the config file: errors as FILE:LINE, exit statuses, -o, --list-options.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/newsread"
cfg="$XDG_CONFIG_HOME/newsread/config"

# a good config with quotes, comments and an include
cat >"$cfg" <<'CFG'
# comment line
set kinsoku strict   # trailing comment
set stock-format "%n [%c]"
include extra
CFG
echo "set paragraph-indent 'auto'" >"$XDG_CONFIG_HOME/newsread/extra"
out=$("$NR" --list-options 2>&1); rc=$?
check "--list-options exits 0" [ $rc -eq 0 ]
check "config value shown" sh -c "echo '$out' | grep -q '^kinsoku  *strict  *(default: basic'"
check "included file applied" sh -c "echo '$out' | grep -q '^paragraph-indent  *auto'"
check "quoted value kept whole" sh -c "printf '%s\n' \"\$1\" | grep -qF '%n [%c]'" _ "$out"

out=$("$NR" --check-config 2>&1); rc=$?
check "--check-config on a good file exits 0" [ $rc -eq 0 ]

# -o overrides the config
out=$("$NR" -o kinsoku=basic --list-options 2>&1)
check "-o overrides the file" sh -c "printf '%s\n' \"\$1\" | grep -q '^kinsoku  *basic'" _ "$out"
out=$("$NR" -o kinsoku=loose --list-options 2>&1); rc=$?
check "-o with a bad value exits 2" [ $rc -eq 2 ]
check "-o error names the option" sh -c "printf '%s\n' \"\$1\" | grep -q 'kinsoku: expected one of basic|strict'" _ "$out"
out=$("$NR" -o nonsense --list-options 2>&1); rc=$?
check "-o without = exits 2" [ $rc -eq 2 ]

# a bad line stops everything with FILE:LINE and exit 2
printf 'set kinsoku basic\n\nset no-such-thing 1\n' >"$cfg"
out=$("$NR" --dump "$FIX/../../README.md" 2>&1); rc=$?
check "bad config exits 2" [ $rc -eq 2 ]
check "bad config names file and line" sh -c "printf '%s\n' \"\$1\" | grep -qF '$cfg:3: unknown option: no-such-thing'" _ "$out"
check "bad config error is one line" [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]
out=$("$NR" --check-config 2>&1); rc=$?
check "--check-config on a bad file exits 2" [ $rc -eq 2 ]
printf 'set stock-format "unterminated\n' >"$cfg"
out=$("$NR" --check-config 2>&1); rc=$?
check "unterminated quote is a config error" sh -c "[ $rc -eq 2 ] && printf '%s\n' \"\$1\" | grep -qF 'config:1: unterminated double quote'" _ "$out"
printf 'frobnicate all\n' >"$cfg"
out=$("$NR" --check-config 2>&1)
check "unknown command named" sh -c "printf '%s\n' \"\$1\" | grep -qF 'config:1: unknown command: frobnicate'" _ "$out"
rm -f "$cfg"

# -c FILE must exist
out=$("$NR" -c "$TMPD/none" --check-config 2>&1); rc=$?
check "-c with a missing file exits 2" [ $rc -eq 2 ]
check "-c error names the file" sh -c "printf '%s\n' \"\$1\" | grep -qF '$TMPD/none: No such file or directory'" _ "$out"

# usage errors
"$NR" --bogus >/dev/null 2>&1; rc=$?
check "unknown option exits 2" [ $rc -eq 2 ]
"$NR" --width 0 --dump x >/dev/null 2>&1; rc=$?
check "--width 0 exits 2" [ $rc -eq 2 ]
"$NR" --json >/dev/null 2>&1; rc=$?
check "--json alone exits 2" [ $rc -eq 2 ]
out=$("$NR" --help); rc=$?
check "--help exits 0 and lists --dump" sh -c "[ $rc -eq 0 ] && printf '%s\n' \"\$1\" | grep -q -- '--dump'" _ "$out"
out=$("$NR" --version)
check "--version" sh -c "printf '%s\n' \"\$1\" | grep -q '^newsread [0-9]'" _ "$out"

# a missing source: one line naming it, exit 1
out=$("$NR" --dump "$TMPD/missing.md" 2>&1); rc=$?
check "missing file exits 1" [ $rc -eq 1 ]
check "missing file error names it" sh -c "printf '%s\n' \"\$1\" | grep -qF 'newsread: $TMPD/missing.md: No such file or directory'" _ "$out"
# the theme is part of the config stage: checked before any source is opened
printf 'set kinsoku basic\nset theme nosuch\n' >"$cfg"
out=$("$NR" --check-config 2>&1); rc=$?
check "unknown theme: --check-config exits 2" [ $rc -eq 2 ]
check "unknown theme: FILE:LINE and the name, one line" [ "$out" = "newsread: $cfg:2: unknown theme: nosuch" ]
out=$("$NR" --dump "$TMPD/missing.md" 2>&1); rc=$?
check "unknown theme: exit 2 before the sources" sh -c "[ $rc -eq 2 ] && ! printf '%s\n' \"\$1\" | grep -q missing.md" _ "$out"
printf 'color title red\ncolor nosuch blue\n' >"$TMPD/bad.theme"
printf 'set theme %s\n' "$TMPD/bad.theme" >"$cfg"
out=$("$NR" --check-config 2>&1); rc=$?
check "bad theme file: --check-config exits 2" [ $rc -eq 2 ]
check "bad theme file: its FILE:LINE" [ "$out" = "newsread: $TMPD/bad.theme:2: unknown theme element: nosuch" ]
mkdir -p "$XDG_CONFIG_HOME/newsread/themes"
printf 'color title green\n' >"$XDG_CONFIG_HOME/newsread/themes/mine.theme"
printf 'set theme mine\n' >"$cfg"
out=$("$NR" --check-config 2>&1); rc=$?
check "a theme of the user's by name: OK" [ $rc -eq 0 ]
rm -f "$cfg"
out=$("$NR" -o theme=nosuch --dump "$TMPD/missing.md" 2>&1); rc=$?
check "-o theme=nosuch exits 2" [ $rc -eq 2 ]
check "-o theme=nosuch: one clear line" [ "$out" = "newsread: -o: unknown theme: nosuch" ]
out=$("$NR" -o theme="$TMPD/bad.theme" --check-config 2>&1); rc=$?
check "-o with a bad theme file: exit 2 and its FILE:LINE" sh -c "[ $rc -eq 2 ] && [ \"\$1\" = 'newsread: $TMPD/bad.theme:2: unknown theme element: nosuch' ]" _ "$out"

# --list-commands: name, usage, help per command, whatever the config holds
printf 'frobnicate all\n' >"$cfg"
out=$("$NR" --list-commands 2>&1); rc=$?
check "--list-commands exits 0 with a bad config" [ $rc -eq 0 ]
check "--list-commands: the commands in order" [ "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" = "set include color stock-rule " ]
check "--list-commands: three tab-separated fields" sh -c "printf '%s\n' \"\$1\" | awk -F '\t' 'NF != 3 { exit 1 }'" _ "$out"
check "--list-commands: usage names the command" sh -c "printf '%s\n' \"\$1\" | grep -qx 'color	color ELEMENT FOREGROUND \[BACKGROUND\] \[ATTRIBUTE...\]	.*'" _ "$out"
rm -f "$cfg"
finish
