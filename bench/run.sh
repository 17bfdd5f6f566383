#!/bin/sh
# run.sh -- run every benchmark built in BUILD/bench (what `make bench` does),
# then print one report of them all.
#
#   sh bench/run.sh BUILD
#
# Each benchmark prints its measures beside baselines measured in the same
# run, and adds its headline rows to the file named by FC_BENCH_ROWS
# (bench_row in bench/bench.h: stage, measure, figure, baseline, ratio,
# peak memory, target, verdict, tab-separated).  After the last benchmark
# the rows are printed as one aligned table.
# Environment: FC_BENCH_N (facts to generate, default 1000000),
# FC_BENCH_BIG=1 (bench_check also scales to 10^7 facts), FC_BENCH_STRICT=1
# (a missed target fails: each benchmark's own, and every row of the
# report that says NOT MET), FC_BENCH_KEEP=1 (keep the generated input),
# TMPDIR (where inputs and databases go).
# Exit status: 0 when every benchmark succeeded (and, with
# FC_BENCH_STRICT=1, every target of the report was met), 1 when one failed
# or a target was missed, 2 when there was nothing to run.
set -u
build=${1:-build}
dir="$build/bench"
if [ ! -d "$dir" ]; then
    echo "bench: no folder $dir (run: make bench)" >&2
    exit 2
fi
rows=$(mktemp "${TMPDIR:-/tmp}/fc_bench_rows.XXXXXX") || exit 1
trap 'rm -f "$rows"' EXIT
trap 'exit 1' INT TERM
FC_BENCH_ROWS=$rows
export FC_BENCH_ROWS
echo "bench: $(uname -sm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores, FC_BENCH_N=${FC_BENCH_N:-1000000 (default)}"
status=0
ran=0
failed=""
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
        failed="$failed $name"
        status=1
    fi
    ran=$((ran + 1))
done
if [ "$ran" -eq 0 ]; then
    echo "bench: no benchmark programs in $dir" >&2
    exit 2
fi

# The report: every row, aligned; stages in the order of the pipeline.
echo
echo "== report (ratio = figure / baseline, both measured in this run;" \
    "peak = peak resident memory of the figure's process)"
awk -F '\t' '
function order(s,   k, st, o) {
    k = split("extract load check audit report rules", st, " ")
    for (o = 1; o <= k; o++) if (index(s, st[o]) == 1) return o
    return k + 1
}
BEGIN {
    split("stage|measure|figure|baseline|ratio|peak|target|verdict", head, "|")
    for (i = 1; i <= 8; i++) { cell[0, i] = head[i]; w[i] = length(head[i]) }
}
NF == 8 {
    n++
    for (i = 1; i <= 8; i++) {
        cell[n, i] = $i
        if (length($i) > w[i]) w[i] = length($i)
    }
    key[n] = order($1) * 1000 + n
}
END {
    # rows by stage, in the order each benchmark wrote them
    for (i = 1; i <= n; i++) idx[i] = i
    for (i = 2; i <= n; i++)
        for (j = i; j > 1 && key[idx[j - 1]] > key[idx[j]]; j--) {
            t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t
        }
    line(0)
    for (i = 1; i <= 8; i++) {
        dash = sprintf("%" w[i] "s", ""); gsub(/ /, "-", dash)
        printf "%s%s", (i > 1 ? "  " : ""), dash
    }
    printf "\n"
    for (k = 1; k <= n; k++) {
        line(idx[k])
        v = cell[idx[k], 8]
        if (v == "met") met++
        else if (v == "NOT MET") missed++
        else if (v == "not measured") unmeasured++
    }
    printf "targets: %d met, %d NOT MET, %d not measured\n", \
        met, missed, unmeasured
    if (missed) exit 3
}
function line(r,   i) {
    for (i = 1; i <= 8; i++)
        if (i == 5 || i == 6)
            printf "  %" w[i] "s", cell[r, i]
        else if (i == 8)
            printf "  %s", cell[r, i]
        else
            printf "%s%-" w[i] "s", (i > 1 ? "  " : ""), cell[r, i]
    printf "\n"
}' "$rows"
report=$?
for name in $failed; do
    echo "$name failed: its rows are missing from the report"
done
if [ "$report" -eq 3 ]; then
    if [ "${FC_BENCH_STRICT:-}" = 1 ]; then
        echo "bench: a target of the report was missed (FC_BENCH_STRICT=1)"
        status=1
    fi
elif [ "$report" -ne 0 ]; then
    echo "bench: could not print the report" >&2
    status=1
fi
exit $status
