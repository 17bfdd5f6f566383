#!/bin/sh
# demo.sh -- run factcheck on the sample corpus in facts/sample.
# Usage: sh tools/demo.sh build/factcheck
set -e
fc=${1:-build/factcheck}
top=$(cd "$(dirname "$0")/.." && pwd)
sample=$top/facts/sample
out=$top/build/demo
mkdir -p "$out"
rm -f "$out/sample.db" "$out/sample.db-wal" "$out/sample.db-shm"

echo "== The sample corpus: documents"
"$fc" docs --manifest "$sample/manifest.json"
echo
echo "== Loading the documents and their facts into $out/sample.db"
"$fc" load "$sample/facts.jsonl" --manifest "$sample/manifest.json" --db "$out/sample.db"
echo
echo "== The facts, grouped by metric"
"$fc" facts --db "$out/sample.db"
echo
echo "The database is $out/sample.db; try:"
echo "  $fc facts --db $out/sample.db --metric 'sme.*'"
