#!/bin/sh
# validate.sh -- the JSON and SARIF reports against their schemas.
#
# Runs 'factcheck check' on the sample corpus (facts/sample) and on the
# seeds (facts/seeds/manifest.json with --docs $SEEDS), and 'factcheck
# audit' of the drafts of facts/drafts against the seeds, with --format
# json and --format sarif, and checks each report with validate.py: the JSON
# against reports/findings.schema.json, the SARIF against the SARIF 2.1.0
# schema ($SARIF_SCHEMA, default ../shared/schemas/sarif-schema-2.1.0.json),
# then what a schema cannot say (counts, indexes, URIs) and that the two
# formats of one run list the same findings.  The golden reports of the
# e2e cases (every expected stdout that is a JSON report or a SARIF log)
# are checked too, and so is the validator (a report that drifted must
# fail).
#
# Needs /usr/bin/python3 with Debian's python3-jsonschema (tools/deps.sh).
# Usage: FACTCHECK=build/factcheck sh tests/reports/validate.sh
top=$(cd "$(dirname "$0")/../.." && pwd)
FC=${FACTCHECK:-build/factcheck}
case $FC in /*) ;; *) FC=$top/$FC ;; esac
SEEDS=${SEEDS:-$(cd "$top/.." && pwd)/shared/seeds}
SARIF_SCHEMA=${SARIF_SCHEMA:-$(cd "$top/.." && pwd)/shared/schemas/sarif-schema-2.1.0.json}
PY=/usr/bin/python3
VALIDATE=$top/tests/reports/validate.py
JSON_SCHEMA=$top/reports/findings.schema.json

if ! "$PY" -c 'import jsonschema' 2>/dev/null; then
    echo "reports: $PY cannot import jsonschema; run 'sh tools/deps.sh' as" \
         "root (it installs python3-jsonschema)" >&2
    echo "reports: 0 passed, 1 failed"
    exit 1
fi
if [ ! -f "$SARIF_SCHEMA" ]; then
    echo "reports: no SARIF schema at $SARIF_SCHEMA" >&2
    echo "reports: 0 passed, 1 failed"
    exit 1
fi

pass=0
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# validate KIND SCHEMA FILE LABEL
validate() {
    if "$PY" "$VALIDATE" "$1" "$2" "$3" >"$work/.out" 2>&1; then
        ok "$4"
    else
        bad "$4"
        sed 's/^/    /' "$work/.out" | head -20
    fi
}

# corpus NAME ARGS...: 'factcheck ${CMD:-check} ARGS' in both formats with
# --fail-on $FAIL_ON (default never; exit 0 or 1 is fine), validate each,
# compare the two.
corpus() {
    name=$1
    shift
    for fmt in json sarif; do
        "$FC" "${CMD:-check}" "$@" --format $fmt --fail-on "${FAIL_ON:-never}" \
            -o "$work/$name.$fmt" 2>"$work/$name.$fmt.err"
        st=$?
        if [ $st -le 1 ] && [ -s "$work/$name.$fmt" ]; then
            if [ $fmt = json ]; then schema=$JSON_SCHEMA; else schema=$SARIF_SCHEMA; fi
            validate $fmt "$schema" "$work/$name.$fmt" "$name: $fmt report"
        else
            bad "$name: factcheck ${CMD:-check} --format $fmt exited $st"
            sed 's/^/    /' "$work/$name.$fmt.err" | head -10
        fi
    done
    if [ -s "$work/$name.json" ] && [ -s "$work/$name.sarif" ]; then
        validate pair "$work/$name.json" "$work/$name.sarif" \
            "$name: json and sarif list the same findings"
    fi
}

cd "$work" || exit 1
sample=$top/facts/sample
FAIL_ON=error corpus sample --manifest "$sample/manifest.json"
corpus sample-facts --manifest "$sample/manifest.json" \
    --facts "$sample/facts.jsonl"
# every finding accepted by a baseline: SARIF suppressions, JSON counts
if "$FC" check --manifest "$sample/manifest.json" --fail-on never \
       --write-baseline "$work/baseline.json" >/dev/null 2>&1; then
    FAIL_ON=info corpus sample-baselined --manifest "$sample/manifest.json" \
        --baseline "$work/baseline.json" --today 2024-01-01
else
    bad "sample: --write-baseline failed"
fi
if [ -d "$SEEDS" ]; then
    FAIL_ON=warning corpus seeds --manifest "$top/facts/seeds/manifest.json" \
        --docs "$SEEDS"
    # an audit's findings (kind audit, role draft) are reports too
    for draft in "$top"/facts/drafts/*.md; do
        [ -f "$draft" ] || continue
        cp "$draft" "$work/"
        CMD=audit corpus "audit $(basename "$draft")" "$(basename "$draft")" \
            --manifest "$top/facts/seeds/manifest.json" --docs "$SEEDS" \
            --date 2024-06-01
    done
else
    bad "seeds: no seed documents at $SEEDS"
fi

# the golden reports of the e2e cases: every expected stdout that is a
# JSON report or a SARIF log
for out in "$top"/tests/e2e/cases/*/stdout; do
    name=$(basename "$(dirname "$out")")
    if head -n 1 "$out" | grep -q '^{"version": 2, "tool": {"name": "factcheck"'; then
        validate json "$JSON_SCHEMA" "$out" "e2e $name: golden json"
    elif head -n 2 "$out" | grep -q '"\$schema": "https://json.schemastore.org/sarif-2.1.0.json"'; then
        validate sarif "$SARIF_SCHEMA" "$out" "e2e $name: golden sarif"
    fi
done

# the validator itself: a fact with a field the schema does not know, an
# error whose advice was left out, and a SARIF result whose rule index
# names another rule, must fail
if [ -s "$work/sample.json" ] && [ -s "$work/sample.sarif" ]; then
    "$PY" "$top/tests/reports/drift.py" "$work/sample.json" \
        "$work/sample.sarif" "$work/drift"
    if "$PY" "$VALIDATE" json "$JSON_SCHEMA" "$work/drift.json" >/dev/null 2>&1; then
        bad "validator: a fact with an unknown field passed"
    else
        ok "validator: a fact with an unknown field fails"
    fi
    if "$PY" "$VALIDATE" json "$JSON_SCHEMA" "$work/drift.advice.json" >/dev/null 2>&1; then
        bad "validator: an error without its advice passed"
    else
        ok "validator: an error without its advice fails"
    fi
    if "$PY" "$VALIDATE" sarif "$SARIF_SCHEMA" "$work/drift.sarif" >/dev/null 2>&1; then
        bad "validator: a result naming another rule passed"
    else
        ok "validator: a result naming another rule fails"
    fi
fi

# the CI formats of one run agree with its JSON report
for fo in error warning; do
    "$FC" check --manifest "$sample/manifest.json" --format json \
        --fail-on never >"$work/ci.json" 2>/dev/null
    "$FC" check --manifest "$sample/manifest.json" --format github \
        --fail-on never >"$work/ci.github" 2>/dev/null
    "$FC" check --manifest "$sample/manifest.json" --format junit \
        --fail-on "$fo" >"$work/ci.junit" 2>/dev/null
    if "$PY" "$top/tests/reports/ci_formats.py" "$work/ci.json" \
        "$work/ci.github" "$work/ci.junit" "$fo" >"$work/.out" 2>&1; then
        ok "sample: github and junit (fail-on $fo) agree with json"
    else
        bad "sample: github and junit (fail-on $fo) agree with json"
        sed 's/^/    /' "$work/.out" | head -20
    fi
done

# the ClaimReview report of a run: one review per finding that says a
# published figure is wrong, with the fields schema.org requires
for m in "$sample/manifest.json" "$top/facts/seeds/manifest.json --docs $SEEDS"; do
    # shellcheck disable=SC2086
    "$FC" check --manifest $m --format json --fail-on never \
        >"$work/cr.json" 2>/dev/null
    # shellcheck disable=SC2086
    "$FC" check --manifest $m --format claimreview --fail-on never \
        >"$work/cr.jsonld" 2>/dev/null
    if "$PY" "$top/tests/reports/claimreview.py" "$work/cr.json" \
        "$work/cr.jsonld" >"$work/.out" 2>&1; then
        ok "claimreview: $(basename "$(dirname "${m%% *}")")"
    else
        bad "claimreview: $(basename "$(dirname "${m%% *}")")"
        sed 's/^/    /' "$work/.out" | head -20
    fi
done

echo "reports: $pass passed, $fail failed"
[ $fail = 0 ]
