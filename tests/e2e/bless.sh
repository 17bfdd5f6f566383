#!/bin/sh
# bless.sh -- record what the given cases print now as their expected
# output (stdout, stderr, exit, check.out).  Review the result with
# 'git diff' before committing: blessing a wrong output makes a wrong test.
# Usage: FACTCHECK=build/factcheck sh tests/e2e/bless.sh CASE...
top=$(cd "$(dirname "$0")/../.." && pwd)
FC=$(cd "$(dirname "${FACTCHECK:-build/factcheck}")" && pwd)/$(basename "${FACTCHECK:-build/factcheck}")
SAMPLE=$top/facts/sample
TESTS=$top/tests/e2e
SEEDS=$(cd "$top/.." && pwd)/shared/seeds
export FC SAMPLE SEEDS TESTS
for name in "$@"; do
    dir=$top/tests/e2e/cases/$name
    [ -f "$dir/cmd" ] || { echo "no case $name" >&2; continue; }
    work=$(mktemp -d)
    cp -R "$dir/." "$work/"
    (cd "$work" && sh ./cmd >"$dir/stdout" 2>"$dir/stderr"; echo $? >"$dir/exit")
    [ -s "$dir/stdout" ] || rm -f "$dir/stdout"
    if [ -f "$dir/check" ]; then
        (cd "$work" && sh ./check >"$dir/check.out" 2>&1)
    fi
    rm -rf "$work"
    echo "blessed $name (exit $(cat "$dir/exit"))"
done
