#!/bin/sh
# Odd inputs a user may point newsread at: each gives one line on stderr naming the input
# and the reason, exit 1 (2 for usage), and nothing hangs (a named pipe without a writer
# fails after fetch-timeout; one with a writer is read).
. "$(dirname "$0")/lib.sh"
cd "$TMPD" || exit 1
P="$FIX/sources/post_markdown.md"

# one_error EXIT-STATUS PATTERN ARGS...: exit status, exactly one stderr line matching PATTERN
one_error() {
	want=$1 pat=$2; shift 2
	timeout 20 "$NR" "$@" >out 2>err; rc=$?
	[ $rc -eq "$want" ] && [ "$(wc -l <err)" -eq 1 ] && grep -q -- "$pat" err && return 0
	echo "  rc=$rc stderr: $(cat err)"
	return 1
}

mkfifo pipe
check "FIFO without a writer: fails after fetch-timeout, no hang" \
	one_error 1 '^newsread: pipe: nothing written to this pipe within 1 seconds$' -o fetch-timeout=1 --list pipe
(sleep 1; cat "$P" >pipe) &
timeout 20 "$NR" --list pipe >out 2>err; rc=$?
check "FIFO with a late writer: read" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <out) -eq 1 ] && [ ! -s err ]"
(sleep 1; : >pipe) &
check "FIFO closed without data: empty document" one_error 1 '^newsread: pipe: empty document$' --list pipe
check "/dev/null: empty document" one_error 1 '^newsread: /dev/null: empty document$' --list /dev/null
check "/dev/zero: over the size limit, no hang" one_error 1 '^newsread: /dev/zero: larger than the limit' --list /dev/zero
python3 -c "import socket; socket.socket(socket.AF_UNIX).bind('sock')"
check "socket: not a file" one_error 1 '^newsread: sock: not a file or folder$' --list sock
truncate -s 100M huge.md
check "100 MB sparse file: over the limit" one_error 1 '^newsread: huge.md: larger than the limit of 67108864 bytes$' --list huge.md
head -c 20000 /dev/urandom >random.bin
check "random bytes: binary" one_error 1 '^newsread: random.bin: not a text document' --list random.bin
: >empty.md
check "empty file" one_error 1 '^newsread: empty.md: empty document$' --dump empty.md
check "closed port" one_error 1 '^newsread: http://127.0.0.1:1/feed: ' --list http://127.0.0.1:1/feed
check "ftp:// refused" one_error 1 '^newsread: ftp://example.com/feed: unsupported URL scheme' --list ftp://example.com/feed
check "file:// URL of a feed: read as the file, the URL is the source" sh -c "'$NR' --list 'file://$FIX/fetch/feed1.xml' 2>&1 | grep -q '第1条.*	file://$FIX/fetch/feed1.xml\$'"
check "file:// URL, percent-encoded, of a folder" sh -c "'$NR' --list 'file://$ROOT/sample%73' | grep -q ."
check "file:// of a missing file: named by its URL" one_error 1 '^newsread: file:///nonexistent/feed.xml: No such file or directory$' --list file:///nonexistent/feed.xml
check "file:// of another host refused" one_error 1 '^newsread: file://example.com/feed.xml: unsupported file URL' --list file://example.com/feed.xml
check "http:// without a host" one_error 1 '^newsread: http://: ' --list http://
nl='
'
cp "$P" "a name with spaces${nl}and a newline.md"
timeout 20 "$NR" --list "a name with spaces${nl}and a newline.md" >out 2>err; rc=$?
check "name with spaces and newline: read, one line out" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <out) -eq 1 ] && grep -q 'a name with spaces and a newline.md' out"
check "missing name with a newline: one line" one_error 1 '^newsread: gone with spaces and a newline.md: No such file' --list "gone with spaces${nl}and a newline.md"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir -p locked && cp "$P" locked/ && chmod 000 locked && chmod 755 "$TMPD"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$NR" --list locked >out 2>err; rc=$?
	check "unreadable folder: one line with the reason" sh -c "[ $rc -eq 1 ] && grep -qxF 'newsread: locked: cannot open folder: Permission denied' err"
elif [ "$(id -u)" != 0 ]; then
	mkdir -p locked && cp "$P" locked/ && chmod 000 locked
	check "unreadable folder: one line with the reason" one_error 1 '^newsread: locked: cannot open folder: Permission denied$' --list locked
	chmod 755 locked
fi
check "config /dev/zero: bounded, exit 2" one_error 2 '^newsread: /dev/zero: larger than the limit of 1048576 bytes$' -c /dev/zero --check-config
printf 'set fetch-timeout 5\000\n' >nul.conf
check "config with NUL bytes: exit 2" one_error 2 '^newsread: nul.conf: not a text file' -c nul.conf --check-config
check "usage error: exit 2" one_error 2 '^newsread: --bogus: unknown option' --bogus
finish
