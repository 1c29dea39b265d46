#!/bin/sh
# Install the Debian packages newsread needs, only those missing. Usage: deps.sh build|bench
set -e
build="gcc make pkg-config libncurses-dev libcurl4-openssl-dev libxml2-dev libunistring-dev libyaml-dev
libcmark-dev libsqlite3-dev libjson-c-dev libcmocka-dev tmux python3 unicode-data mandoc locales
libxml2-utils"
bench="w3m lynx elinks html2text newsboat valgrind time"
case "$1" in
bench) want=$bench ;;
*) want=$build ;;
esac
missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: missing packages:$missing (install them with your package manager)" >&2
	exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "deps: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
