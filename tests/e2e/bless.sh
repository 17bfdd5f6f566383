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
# as run.sh writes them: the folders of this checkout as $SEEDS and $TOP
normalise() { sed -e "s#$SEEDS#\$SEEDS#g" -e "s#$top#\$TOP#g"; }
for name in "$@"; do
    dir=$top/tests/e2e/cases/$name
    [ -f "$dir/cmd" ] || { echo "no case $name" >&2; continue; }
    work=$(mktemp -d)
    cp -R "$dir/." "$work/"
    (cd "$work" && sh ./cmd >"$work/.raw" 2>"$work/.rawerr"; echo $? >"$dir/exit")
    normalise <"$work/.raw" >"$dir/stdout"
    normalise <"$work/.rawerr" >"$dir/stderr"
    [ -s "$dir/stdout" ] || rm -f "$dir/stdout"
    if [ -f "$dir/check" ]; then
        (cd "$work" && sh ./check >"$work/.rawcheck" 2>&1)
        normalise <"$work/.rawcheck" >"$dir/check.out"
    fi
    rm -rf "$work"
    echo "blessed $name (exit $(cat "$dir/exit"))"
done
