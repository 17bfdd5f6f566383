#!/bin/sh
# run.sh -- run every fuzz target of BUILD/fuzz/ for SECONDS on its seeds
# (tests/fuzz/seeds.sh) and the corpus it grew before (BUILD/corpus/), and
# print one line per target: executions, executions per second, coverage
# (libFuzzer's edges "cov" and features "ft") and corpus size.  A crash, a
# leak, a timeout or running out of memory fails the run; the input is left
# in BUILD/crashes/TARGET/ and the end of the log shown.
# Usage: sh tests/fuzz/run.sh BUILD SECONDS
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: run.sh BUILD SECONDS}
secs=${2:-60}
build=$(cd "$build" && pwd)
cd "$top"
sh tests/fuzz/seeds.sh "$build" || exit 1
FC_FUZZ_RULES=$top/rules
export FC_FUZZ_RULES
failed=""
for bin in "$build"/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    t=${name#fuzz_}
    mkdir -p "$build/corpus/$t" "$build/crashes/$t" "$build/logs"
    log=$build/logs/$t.log
    "$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=20 \
        -rss_limit_mb=2048 -max_len=16384 \
        -dict="$build/dict/$t.dict" -artifact_prefix="$build/crashes/$t/" \
        "$build/corpus/$t" "$build/seeds/$t" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -1)
    cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
    if [ $rc = 0 ]; then
        echo "fuzz $t: ${runs:-?} executions in ${secs}s, ${rate:-?} exec/s, cov ${cov:-?} edges, ft ${ft:-?}, corpus ${corp:-?}"
    else
        echo "FAIL fuzz $t: exit status $rc after ${runs:-?} executions (log $log)"
        grep -E 'ERROR|SUMMARY|fuzz_|Test unit written' "$log" | head -20 | sed 's/^/    /'
        failed="$failed $t"
    fi
done
[ -z "$failed" ] || { echo "fuzz: failed:$failed"; exit 1; }
echo "fuzz: every target ran ${secs}s without a crash"
