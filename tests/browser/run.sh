#!/bin/sh
# run.sh -- the HTML report in a real browser: Debian's chromium, headless.
#
# Writes the HTML reports of the sample corpus and of the hostile corpus of
# tests/e2e/cases/report-html-hostile, opens them and checks, from the DOM
# the browser dumps after running the page's scripts:
#   - the page initialised (body data-ok="1") and recorded no error: the
#     page's first script writes every JavaScript error, console.error and
#     content-security-policy violation (such as an attempt to load from
#     the network) into <pre id="fc-errors">; the browser's console log
#     must be empty too;
#   - every finding of the JSON report is there, with its charts and its
#     documents, every figure of the store marked;
#   - hostile quotes and titles stay text: two script elements, no event
#     handler attributes;
#   - the filters, links and folding work (interact.js, run in a copy);
#   - the charts place their points by date, in proportion, and only for
#     metrics that have findings; each finding says what to do as the
#     JSON report of the same run does (interact.js, given that report);
#   - the audit of each draft of facts/drafts against the seeds is a page
#     about the draft: its title, the draft first with every figure
#     marked by its verdict and explaining itself, the verdicts counted
#     as in the JSON report, charts only for the draft's metrics;
# then saves screenshots (1280x2000) of the sample report and of an audit
# and a PDF print of the sample report in the binary's folder, under
# browser/.
#
# Usage: sh tests/browser/run.sh [FACTCHECK]    (default: build/factcheck)
# Chromium comes from 'sh tools/deps.sh --browser' (run as root).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
fc=${1:-${FACTCHECK:-$top/build/factcheck}}
case $fc in /*) ;; *) fc=$(pwd)/$fc ;; esac
out=$(dirname "$fc")/browser
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $*"; }
no() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # WHAT COMMAND...: ok when the command succeeds
    what=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$what"; else no "$what"; fi
}
finish() {
    echo "browser: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
}

# The style and scripts compiled in are those of reports/html/.
check "engine/report_html.c embeds reports/html/" \
    sh "$top/reports/html/embed.sh" --check

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        sh "$top/tools/deps.sh" --browser || true
        chromium=$(command -v chromium || true)
    fi
    if [ -z "$chromium" ]; then
        echo "browser: chromium is missing; run as root: sh tools/deps.sh --browser" >&2
        no "chromium is installed"
        finish
    fi
fi
if [ ! -x "$fc" ]; then
    no "$fc is built"
    finish
fi
mkdir -p "$out"

# browse ERR ARGS...: run headless chromium with a fresh profile, its log
# in ERR; standard output is the browser's.
browse() {
    err=$1
    shift
    profile=$(mktemp -d)
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-extensions \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" \
        2>"$err"
    st=$?
    rm -rf "$profile"
    return $st
}

# page NAME HTML: the checks every report must pass; leaves the DOM in
# $out/NAME.dom.html.
page() {
    name=$1
    html=$2
    dom=$out/$name.dom.html
    if browse "$out/$name.log" --virtual-time-budget=2000 --dump-dom \
        "file://$html" >"$dom" && [ -s "$dom" ]; then
        ok "$name: the browser dumped the DOM"
    else
        no "$name: the browser dumped the DOM (see $out/$name.log)"
        return 1
    fi
    check "$name: the page's script ran to the end" \
        grep -q '<body data-ok="1"' "$dom"
    if grep -q 'id="fc-errors"[^>]*data-count' "$dom"; then
        no "$name: no JavaScript error or blocked resource:"
        sed -n '/id="fc-errors"/,/<\/pre>/p' "$dom" | sed 's/^/    /' | head -20
    else
        ok "$name: no JavaScript error or blocked resource"
    fi
    if grep -q ':CONSOLE' "$out/$name.log"; then
        no "$name: nothing in the console:"
        grep ':CONSOLE' "$out/$name.log" | sed 's/^/    /' | head -10
    else
        ok "$name: nothing in the console"
    fi
    check "$name: two script elements, the page's own" \
        test "$(grep -o '<script' "$dom" | wc -l)" -eq 2
    return 0
}

# interact NAME HTML [JSON]: the controls and the DOM, checked by
# interact.js run after the page's scripts in a copy of the page (without
# the content security policy, which would block it).  JSON, the JSON
# report of the same run, goes into the copy as <pre id="fc-expect">, for
# the checks of the page against it.
interact() {
    iname=$1
    expect=${3:-/dev/null}
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' "$expect" >"$out/$iname.expect"
    sed -e '/http-equiv="Content-Security-Policy"/d' "$2" |
        awk -v js="$top/tests/browser/interact.js" -v ex="$out/$iname.expect" -v has="${3:+1}" '
            /^<\/body>/ {
                if (has) {
                    printf "<pre id=\"fc-expect\" hidden>"
                    while ((getline l < ex) > 0) print l
                    print "</pre>"
                }
                print "<script>"; while ((getline l < js) > 0) print l; print "</script>"
            }
            { print }' >"$out/$iname.interact.html"
    if browse "$out/$iname.interact.log" --virtual-time-budget=2000 --dump-dom \
        "file://$out/$iname.interact.html" >"$out/$iname.interact.dom.html"; then
        sed -n '/<pre id="test-results">/,/<\/pre>/p' "$out/$iname.interact.dom.html" |
            grep -E '^(ok|FAIL) ' >"$out/$iname.interact.txt"
        [ -s "$out/$iname.interact.txt" ] ||
            echo "FAIL interact.js reported nothing" >"$out/$iname.interact.txt"
        while IFS= read -r line; do
            case $line in
            "ok "*) ok "$iname: ${line#ok }" ;;
            *) no "$iname: ${line#FAIL }" ;;
            esac
        done <"$out/$iname.interact.txt"
    else
        no "$iname: the browser ran interact.js"
    fi
}

# ---- the sample corpus -------------------------------------------------------

manifest=$top/facts/sample/manifest.json
sample=$out/sample.html
if "$fc" check --manifest "$manifest" --format html -o "$sample" \
    --fail-on never && [ -s "$sample" ]; then
    ok "sample: the report is written"
else
    no "sample: the report is written"
    finish
fi
"$fc" check --manifest "$manifest" --format json --fail-on never \
    >"$out/sample.json" 2>/dev/null
if page sample "$sample"; then
    dom=$out/sample.dom.html
    ids=$(grep -o '^  {"id": "[0-9a-f]*"' "$out/sample.json" | sed 's/.*"\([0-9a-f]*\)"$/\1/')
    nids=0
    missing=""
    for id in $ids; do
        nids=$((nids + 1))
        grep -q "id=\"f-$id\"" "$dom" || missing="$missing $id"
    done
    if [ "$nids" -gt 0 ] && [ -z "$missing" ]; then
        ok "sample: all $nids findings of the JSON report are on the page"
    else
        no "sample: findings of the JSON report on the page (missing:$missing)"
    fi
    ncharts=$(grep -o '<figure class="chart"' "$dom" | wc -l)
    nsvg=$(grep -o '<svg class="fc-chart"' "$dom" | wc -l)
    check "sample: charts are drawn ($ncharts)" \
        test "$ncharts" -gt 0 -a "$ncharts" -eq "$nsvg"
    check "sample: the scale slip of nev.production is charted" \
        grep -q '<h3>nev.production</h3>' "$dom"
    ndocs=$(grep -o '"id": *"' "$manifest" | wc -l)
    check "sample: the $ndocs documents are rendered" \
        test "$(grep -o '<article class="doc"' "$dom" | wc -l)" -eq "$ndocs"
    # the store's facts, and the figures text rules found
    nfacts=$(sed -n 's/.*"facts": \([0-9][0-9]*\).*/\1/p' "$out/sample.json")
    nfigs=$(grep -o 'id="d[0-9]*-[0-9]*-[0-9]*"' "$dom" | sort -u | wc -l)
    check "sample: every extracted figure is marked ($nfigs for ${nfacts:-?} facts)" \
        test "$nfigs" -ge "${nfacts:-1}"
    check "sample: figures in findings link to them" \
        grep -q '"><a href="#f-[0-9a-f]*">' "$dom"

    check "sample: the JSON report's advice is on the page" \
        test "$(grep -c '"advice": ' "$out/sample.json")" -gt 0 -a \
             "$(grep -o '<p class="todo">' "$dom" | wc -l)" -eq \
             "$(grep -o '"advice": ' "$out/sample.json" | wc -l)"
    check "sample: charts have a time axis" grep -q 'class="tick year" data-date="2023-01-01"' "$dom"

    interact sample "$sample" "$out/sample.json"

    rm -f "$out/sample.png" "$out/sample.pdf"
    browse "$out/screenshot.log" --hide-scrollbars --window-size=1280,2000 \
        --screenshot="$out/sample.png" "file://$sample" >/dev/null
    check "sample: screenshot $out/sample.png" \
        sh -c "head -c 8 '$out/sample.png' | grep -q PNG"
    browse "$out/print.log" --no-pdf-header-footer \
        --print-to-pdf="$out/sample.pdf" "file://$sample" >/dev/null
    check "sample: printed to $out/sample.pdf" \
        sh -c "head -c 5 '$out/sample.pdf' | grep -q '%PDF'"
fi

# ---- hostile input -----------------------------------------------------------

hc=$top/tests/e2e/cases/report-html-hostile
hostile=$out/hostile.html
if "$fc" check --manifest "$hc/manifest.json" --facts "$hc/facts.jsonl" \
    --format html -o "$hostile" --fail-on never && [ -s "$hostile" ]; then
    ok "hostile: the report is written"
    if page hostile "$hostile"; then
        dom=$out/hostile.dom.html
        check "hostile: a quoted <script> is text" \
            grep -q '&lt;script&gt;alert(3)&lt;/script&gt;</mark>' "$dom"
        check "hostile: a title with <script> is text" \
            grep -q 'Title &lt;script&gt;alert("t")&lt;/script&gt;' "$dom"
        "$fc" check --manifest "$hc/manifest.json" --facts "$hc/facts.jsonl" \
            --format json --fail-on never >"$out/hostile.json" 2>/dev/null
        interact hostile "$hostile" "$out/hostile.json"
    fi
else
    no "hostile: the report is written"
fi

# ---- audits of drafts ---------------------------------------------------------

# Each example draft of facts/drafts audited against the seeds: the page is
# about the draft (title, the draft first), every figure marked by the
# verdict the JSON report of the same audit gives it, the counts of the
# verdicts, charts only for the draft's metrics (interact.js checks each
# against the JSON report).
seeds=${SEEDS:-$(cd "$top/.." && pwd)/shared/seeds}
if [ -d "$seeds" ]; then
    for draft in "$top"/facts/drafts/*.md; do
        name=audit-$(basename "$draft" .md)
        for fmt in html json; do
            "$fc" audit "$draft" --manifest "$top/facts/seeds/manifest.json" \
                --docs "$seeds" --date 2024-06-01 --fail-on never \
                --format $fmt -o "$out/$name.$fmt" 2>"$out/$name.$fmt.err"
        done
        if [ -s "$out/$name.html" ] && [ -s "$out/$name.json" ]; then
            ok "$name: the report is written"
        else
            no "$name: the report is written (see $out/$name.html.err)"
            continue
        fi
        if page "$name" "$out/$name.html"; then
            dom=$out/$name.dom.html
            check "$name: titled as an audit of the draft" \
                grep -q "<title>factcheck audit of $draft: " "$dom"
            check "$name: the heading names the draft" \
                grep -q "<h1>Audit of $draft</h1>" "$dom"
            check "$name: no check report heading" \
                sh -c "! grep -q 'Discrepancy report' '$dom'"
            nfig=$(sed -n 's/.*"audit": {"figures": \([0-9]*\).*/\1/p' "$out/$name.json")
            check "$name: ${nfig:-?} figures marked by their verdicts" \
                test "$(grep -o '<mark class="fig hit verdict v-[a-z]*" data-verdict="[a-z]*"' "$dom" | wc -l)" -eq "${nfig:--1}"
            interact "$name" "$out/$name.html" "$out/$name.json"
        fi
    done
    rm -f "$out/audit.png"
    browse "$out/screenshot.log" --hide-scrollbars --window-size=1280,2000 \
        --screenshot="$out/audit.png" "file://$out/audit-stale.html" >/dev/null
    check "audit: screenshot $out/audit.png" \
        sh -c "head -c 8 '$out/audit.png' | grep -q PNG"
else
    no "audit: the seed documents are at $seeds"
fi

finish
