#!/bin/sh
# run.sh -- run every benchmark built in BUILD/bench (what `make bench` does).
#
#   sh bench/run.sh BUILD
#
# Each benchmark prints its measures beside baselines measured in the same
# run.  Environment: FC_BENCH_N (facts to generate, default 1000000),
# FC_BENCH_STRICT=1 (a missed target fails), FC_BENCH_KEEP=1 (keep the
# generated input), TMPDIR (where inputs and databases go).
# Exit status: 0 when every benchmark succeeded, 1 when one failed, 2 when
# there was nothing to run.
set -u
build=${1:-build}
dir="$build/bench"
if [ ! -d "$dir" ]; then
    echo "bench: no folder $dir (run: make bench)" >&2
    exit 2
fi
echo "bench: $(uname -sm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores, FC_BENCH_N=${FC_BENCH_N:-1000000 (default)}"
status=0
ran=0
for b in "$dir"/*; do
    [ -f "$b" ] && [ -x "$b" ] || continue
    name=$(basename "$b")
    echo "== $name"
    start=$(date +%s)
    "$b"
    rc=$?
    secs=$(( $(date +%s) - start ))
    if [ "$rc" -eq 0 ]; then
        echo "== $name: ok (${secs} s)"
    else
        echo "== $name: FAILED (exit status $rc, ${secs} s)"
        status=1
    fi
    ran=$((ran + 1))
done
if [ "$ran" -eq 0 ]; then
    echo "bench: no benchmark programs in $dir" >&2
    exit 2
fi
exit $status
