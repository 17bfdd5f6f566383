#!/bin/sh
# bless.sh -- record what the given hostile cases print now as their
# expected output (exit, stderr, stdout when not empty).  Review the result
# with 'git diff' before committing: blessing a wrong message makes a
# wrong test.  A case whose database changed is not blessed.
# Usage: FACTCHECK=build/factcheck sh tests/hostile/bless.sh CASE...
top=$(cd "$(dirname "$0")/../.." && pwd)
FC=$(cd "$(dirname "${FACTCHECK:-build/factcheck}")" && pwd)/$(basename "${FACTCHECK:-build/factcheck}")
TESTS=$top/tests/hostile
RULES=$top/rules
BIG=${FC_HOSTILE_BIG:-0}
export FC TESTS RULES BIG
. "$TESTS/lib.sh"
for name in "$@"; do
    dir=$TESTS/cases/$name
    [ -f "$dir/cmd" ] || { echo "no case $name" >&2; continue; }
    work=$(mktemp -d)
    hostile_run "$dir" "$work"
    if [ -n "$setup_failed" ] || [ -n "$db_changed" ]; then
        echo "not blessed $name: ${db_changed:-setup failed}" >&2
    else
        cp "$work/.exit" "$dir/exit"
        cp "$work/.err" "$dir/stderr"
        if [ -s "$work/.out" ]; then cp "$work/.out" "$dir/stdout"; else rm -f "$dir/stdout"; fi
        echo "blessed $name (exit $(cat "$dir/exit"))"
    fi
    chmod -R u+rwX "$work" 2>/dev/null
    rm -rf "$work"
done
