#!/bin/sh
# run.sh -- crash safety and concurrency of the store, measured.
#
#   FACTCHECK=build/factcheck sh tests/stress/run.sh
#
# 1. Kills.  A database holds a first dataset; `factcheck load` of a large
#    second one is killed with SIGKILL at random moments.  After each kill
#    the database must open, pass PRAGMA integrity_check, and hold the
#    first dataset and either all or none of the second.
# 2. Concurrency.  Two loads of different files and a check run on one
#    database at once, for several rounds.  Each command succeeds, or fails
#    saying the database is locked; afterwards the database holds exactly
#    the datasets whose loads succeeded, and the check saw a whole number
#    of datasets, never half a load.
#
# Scaled down by default (10 kills of a 50,000-fact load, 5 rounds); with
# FC_STRESS_FULL=1 (make stress) 50 kills of 1,000,000 facts, 20 rounds.
# Needs python3 (its sqlite3 module reads the database independently).
set -u
FC=${FACTCHECK:-build/factcheck}
case $FC in /*) ;; *) FC=$(pwd)/$FC ;; esac
if [ "${FC_STRESS_FULL:-0}" = 1 ]; then
    kills=50 big=1000000 rounds=20
else
    kills=10 big=50000 rounds=5
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/fc_stress.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
fail=0

# facts PREFIX N FILE: N valid facts with ids PREFIX1..PREFIXN
facts() {
    awk -v p="$1" -v n="$2" 'BEGIN {
        for (i = 1; i <= n; i++)
            printf("{\"id\":\"%s%d\",\"doc\":\"d%d\",\"metric\":\"ferry.sailings\"," \
                   "\"subject\":\"harbour\",\"value\":%d,\"unit\":\"count\"," \
                   "\"qualifier\":\"exact\",\"interval\":[%d,%d],\"period\":\"%d\"}\n",
                   p, i, i % 7, 1000 + i % 97, 1000 + i % 97, 1000 + i % 97,
                   2000 + i % 25)
    }' > "$3"
}

# state DB: "ok COUNT" when the database passes integrity_check, else why
state() {
    python3 - "$1" <<'PY'
import sqlite3, sys
try:
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
    ok = db.execute("PRAGMA integrity_check").fetchone()[0]
    n = db.execute("SELECT count(*) FROM facts").fetchone()[0]
    print("ok %d" % n if ok == "ok" else "corrupt: %s" % ok)
except Exception as e:
    print("cannot read: %s" % e)
PY
}

facts a 1000 "$work/a.jsonl"
facts b "$big" "$work/b.jsonl"
facts c 20000 "$work/c.jsonl"
"$FC" load -q --db "$work/base.db" "$work/a.jsonl" || exit 1

# how long a whole load of b takes, to spread the kills over it
start=$(date +%s%N)
cp "$work/base.db" "$work/t.db"
"$FC" load -q --db "$work/t.db" "$work/b.jsonl" || exit 1
whole=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$whole" -gt 0 ] || whole=1

i=0 killed=0 none=0 all=0
while [ $i -lt $kills ]; do
    i=$((i + 1))
    rm -f "$work/t.db" "$work/t.db-wal" "$work/t.db-shm"
    cp "$work/base.db" "$work/t.db"
    ms=$(awk -v s="$i" -v w="$whole" 'BEGIN { srand(s * 7919); print int(rand() * w * 1.1) }')
    "$FC" load -q --db "$work/t.db" "$work/b.jsonl" 2>/dev/null &
    pid=$!
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
    wait "$pid" 2>/dev/null
    s=$(state "$work/t.db")
    case $s in
    "ok 1000") none=$((none + 1)) ;;
    "ok $((1000 + big))") all=$((all + 1)) ;;
    *)
        echo "FAIL kill $i after $ms ms: $s (wanted 1000 or $((1000 + big)) facts)"
        fail=1
        ;;
    esac
done
echo "stress: $kills kills of a load of $big facts into a database of 1000 ($killed while it ran): $none held none of it, $all all of it, nothing else"

r=0 busy=0
while [ $r -lt $rounds ]; do
    r=$((r + 1))
    rm -f "$work/t.db" "$work/t.db-wal" "$work/t.db-shm"
    cp "$work/base.db" "$work/t.db"
    "$FC" load -q --db "$work/t.db" "$work/b.jsonl" >"$work/1.out" 2>&1 &
    p1=$!
    "$FC" load -q --db "$work/t.db" "$work/c.jsonl" >"$work/2.out" 2>&1 &
    p2=$!
    "$FC" check --db "$work/t.db" --format json --fail-on never \
        -o "$work/check.json" >"$work/3.out" 2>&1 &
    p3=$!
    wait $p1; s1=$?
    wait $p2; s2=$?
    wait $p3; s3=$?
    want=1000
    for k in 1 2 3; do
        eval "st=\$s$k"
        if [ "$st" -ne 0 ]; then
            if grep -q "database is locked" "$work/$k.out"; then
                busy=$((busy + 1))
            else
                echo "FAIL round $r: command $k exit $st without saying the database is locked:"
                sed 's/^/    /' "$work/$k.out"
                fail=1
            fi
        fi
    done
    [ "$s1" -eq 0 ] && want=$((want + big))
    [ "$s2" -eq 0 ] && want=$((want + 20000))
    s=$(state "$work/t.db")
    if [ "$s" != "ok $want" ]; then
        echo "FAIL round $r: $s (wanted ok $want)"
        fail=1
    fi
    if [ "$s3" -eq 0 ]; then
        seen=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["facts"])' "$work/check.json")
        case $seen in
        1000 | $((1000 + big)) | 21000 | $((21000 + big))) ;;
        *)
            echo "FAIL round $r: the check saw $seen facts, not a whole number of loads"
            fail=1
            ;;
        esac
    fi
done
echo "stress: $rounds rounds of two loads and a check at once: counts exact, $busy commands refused as locked"
exit $fail
