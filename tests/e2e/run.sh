#!/bin/sh
# run.sh -- data-driven end-to-end cases of the factcheck command.
#
# Each folder in tests/e2e/cases/ is one case:
#   cmd       shell commands to run (one or more lines); $FC is the factcheck
#             binary, $SAMPLE the sample corpus (facts/sample), $SEEDS the
#             seed documents (../shared/seeds), $TESTS this folder; they
#             run in a fresh temporary folder holding a copy of the case
#   exit      the expected exit status of the last command of cmd
#   stdout    expected standard output (optional; compared exactly)
#   stderr    expected standard error (optional; compared exactly)
#   check     optional commands run afterwards in the same folder; their
#             output must equal check.out (e.g. to prove nothing was written)
# Usage: FACTCHECK=build/factcheck sh tests/e2e/run.sh [CASE...]
top=$(cd "$(dirname "$0")/../.." && pwd)
FC=$(cd "$(dirname "${FACTCHECK:-build/factcheck}")" && pwd)/$(basename "${FACTCHECK:-build/factcheck}")
SAMPLE=$top/facts/sample
TESTS=$top/tests/e2e
SEEDS=$(cd "$top/.." && pwd)/shared/seeds
export FC SAMPLE SEEDS TESTS
normalise() { sed -e "s#$SEEDS#\$SEEDS#g" -e "s#$top#\$TOP#g"; }
pass=0
fail=0
failed=""
if [ $# -gt 0 ]; then cases="$*"; else cases=$(ls "$top/tests/e2e/cases"); fi
for name in $cases; do
    dir=$top/tests/e2e/cases/$name
    [ -f "$dir/cmd" ] || continue
    work=$(mktemp -d)
    cp -R "$dir/." "$work/"
    (cd "$work" && sh ./cmd >"$work/.raw" 2>"$work/.rawerr"; echo $? >"$work/.exit")
    # the folders of this checkout are written as $SEEDS and $TOP, so an
    # expected output holds no path of one machine
    normalise <"$work/.raw" >"$work/.out"
    normalise <"$work/.rawerr" >"$work/.err"
    ok=1
    want=$(cat "$dir/exit" 2>/dev/null || echo 0)
    got=$(cat "$work/.exit")
    if [ "$want" != "$got" ]; then
        echo "FAIL $name: exit status $got, expected $want"
        ok=0
    fi
    for s in stdout stderr; do
        [ -f "$dir/$s" ] || continue
        if [ $s = stdout ]; then f=.out; else f=.err; fi
        if ! diff -u "$dir/$s" "$work/$f" >"$work/.diff"; then
            echo "FAIL $name: $s differs"
            sed 's/^/    /' "$work/.diff" | head -40
            ok=0
        fi
    done
    if [ -f "$dir/check" ]; then
        (cd "$work" && sh ./check >"$work/.rawcheck" 2>&1)
        normalise <"$work/.rawcheck" >"$work/.check"
        if ! diff -u "$dir/check.out" "$work/.check" >"$work/.diff"; then
            echo "FAIL $name: check differs"
            sed 's/^/    /' "$work/.diff" | head -40
            ok=0
        fi
    fi
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        failed="$failed $name"
        [ -s "$work/.err" ] && [ ! -f "$dir/stderr" ] && sed 's/^/    stderr: /' "$work/.err" | head -10
    fi
    rm -rf "$work"
done
echo "e2e: $pass passed, $fail failed"
[ $fail = 0 ] || { echo "failed:$failed"; exit 1; }
