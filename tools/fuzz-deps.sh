#!/bin/sh
# fuzz-deps.sh -- make sure clang and its libFuzzer runtime are here for
# 'make fuzz' (Debian: clang, and libclang-rt-dev, which clang only
# recommends).  As root, installs what is missing with apt-get; otherwise
# prints the exact command to run and fails.
set -u
pkgs="clang libclang-rt-dev"
have() {
    command -v clang >/dev/null 2>&1 &&
        [ -f "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]
}
have && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "fuzz-deps: installing $pkgs" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends $pkgs >&2 && have && exit 0
    echo "fuzz-deps: apt-get failed; run: apt-get update && apt-get install -y $pkgs" >&2
    exit 1
fi
echo "fuzz-deps: clang with its libFuzzer runtime is missing" >&2
echo "fuzz-deps: run as root: sudo apt-get update && sudo apt-get install -y $pkgs" >&2
exit 1
