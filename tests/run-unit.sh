#!/bin/sh
# run-unit.sh -- run each cmocka unit test binary; fail if any fails.
# Each binary runs from the repository root, so tests find their data in
# tests/unit/data and the seeds in ../shared/seeds.
status=0
for t in "$@"; do
    if ! "$t"; then
        echo "FAILED: $t" >&2
        status=1
    fi
done
exit $status
