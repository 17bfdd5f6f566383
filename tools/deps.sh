#!/bin/sh
# deps.sh -- make sure the Debian packages factcheck builds and tests with
# are here.  As root, installs what is missing with apt-get; otherwise
# prints the exact command to run and fails.  python3-jsonschema is for
# the tests only (tests/reports/validate.sh checks the JSON and SARIF
# reports against their schemas); nothing at run time needs it.
set -u
pkgs="libjansson-dev libsqlite3-dev libpcre2-dev libcmocka-dev libstemmer-dev pkg-config gcc make"
pkgs="$pkgs python3-jsonschema"
[ "${1:-}" = "--browser" ] && pkgs="$pkgs chromium"
missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends $missing >&2 && exit 0
    echo "deps: apt-get failed; run: apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "deps: missing Debian packages:$missing" >&2
echo "deps: run as root: sudo apt-get update && sudo apt-get install -y$missing" >&2
exit 1
