#!/bin/sh
# demo.sh -- run factcheck on the sample corpus in facts/sample: the
# documents, the facts extracted from them, and the check with the default
# rules.
# Usage: sh tools/demo.sh build/factcheck
set -e
fc=${1:-build/factcheck}
top=$(cd "$(dirname "$0")/.." && pwd)
sample=$top/facts/sample
out=$top/build/demo
mkdir -p "$out"
rm -f "$out/sample.db" "$out/sample.db-wal" "$out/sample.db-shm"

echo "== The sample corpus: six short reports about Chinese industry"
"$fc" docs --manifest "$sample/manifest.json"
echo
echo "== Extracting their figures and storing them in $out/sample.db"
"$fc" extract --manifest "$sample/manifest.json" -o "$out/extracted.jsonl"
"$fc" load "$out/extracted.jsonl" --manifest "$sample/manifest.json" --db "$out/sample.db"
echo
echo "== The facts"
"$fc" facts --db "$out/sample.db"
echo
echo "== Checking them against the default rules (rules/*.json)"
status=0
"$fc" check --db "$out/sample.db" --format text --color never || status=$?
"$fc" check --db "$out/sample.db" --format json -o "$out/report.json" --fail-on never
"$fc" check --db "$out/sample.db" --format html -o "$out/report.html" --fail-on never
echo
echo "The check exited with status $status (1: findings at or above --fail-on error)."
echo "JSON report: $out/report.json"
echo "Try: $fc facts --db $out/sample.db --metric 'sme.*'"
echo "     $fc audit facts/drafts/stale.md --manifest facts/sample/manifest.json"
echo
echo "HTML report (open it in a browser): $out/report.html"
