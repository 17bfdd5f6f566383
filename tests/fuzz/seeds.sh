#!/bin/sh
# seeds.sh -- build the seed corpus and the dictionary of each fuzz target
# from the project's own files (the sample corpus, the rules and lexicon,
# the inputs of the e2e and hostile cases), under OUT/seeds/TARGET and
# OUT/dict/TARGET.dict.  Nothing here is committed: it is made again on
# every run, so the seeds follow the tests.
# Usage: sh tests/fuzz/seeds.sh OUT
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: seeds.sh OUT}
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/seeds" "$out/dict"
mkdir -p "$out/dict"
for t in facts rules manifest lexicon extract; do mkdir -p "$out/seeds/$t"; done
cd "$top"
n=0
# seed TARGET FILE [PREFIX]: one seed, the file's bytes after PREFIX (a
# mode byte, printf-escaped).
seed() {
    n=$((n + 1))
    { [ -z "${3:-}" ] || printf "$3"; head -c 16384 "$2"; } >"$out/seeds/$1/s$n"
}
cases=$(ls -d tests/e2e/cases/* tests/hostile/cases/* tests/hostile/data 2>/dev/null)
inputs() { # every regular file of the cases that is not their script
    for c in $cases; do
        find "$c" -type f ! -name cmd ! -name setup ! -name check ! -name exit \
            ! -name stderr ! -name stdout ! -name check.out ! -name db \
            ! -name unprivileged ! -name '*.awk'
    done
}

# The fact reader: fact files whole, and the lines of the sample facts
# and of the first facts of the seed dataset one by one.
for f in facts/sample/facts.jsonl $(inputs | grep -E '\.jsonl$|/facts\.json$'); do
    seed facts "$f"
done
head -200 facts/sample/facts.jsonl facts/seeds/facts.jsonl 2>/dev/null | grep '^{' |
    while IFS= read -r line; do
        n=$((n + 1))
        printf '%s\n' "$line" >"$out/seeds/facts/l$n"
    done

# The rule reader: the rulebook, its domains and every rule file of the cases.
for f in rules/*.json rules/domains/*/*.json; do
    [ -f "$f" ] && seed rules "$f"
done
for f in $(inputs | grep '\.json$' | grep -v -e manifest -e baseline -e facts.json -e factcheck.json -e /lexicon/); do
    case $(head -c 200 "$f") in *'"rules"'*|*'"kind"'*) seed rules "$f" ;; esac
done

# The manifest reader: every manifest of the project and of the cases.
for f in facts/sample/manifest.json facts/seeds/manifest.json \
    tests/eval/*/manifest.json $(inputs | grep -e 'manifest' -e '/m\.json$'); do
    [ -f "$f" ] && seed manifest "$f"
done

# The lexicon reader: the first byte picks the file (the order of
# fuzz_lexicon.c), the rest is its text.
i=0
for name in numbers qualifiers units periods metrics; do
    seed lexicon "rules/lexicon/$name.json" "\\00$i"
    i=$((i + 1))
done

# Extraction: the sample documents, drafts and case documents, as plain
# text with and without a date (mode bytes 0 and 1) and Markdown (3).
for f in facts/sample/*.txt facts/sample/*.md facts/drafts/*.md \
    tests/eval/unseen*/*.txt $(inputs | grep -e '\.txt$' -e '\.md$'); do
    [ -f "$f" ] || continue
    case $f in
    *.md) seed extract "$f" '\003' ;;
    *) seed extract "$f" '\001'; seed extract "$f" '\000' ;;
    esac
done

# Dictionaries: JSON punctuation and literals, and the keys and short
# string values of the project's own JSON files.
json_tokens() {
    printf '%s\n' '"{"' '"}"' '"["' '"]"' '":"' '","' '"\""' '"null"' \
        '"true"' '"false"' '"-0"' '"1e400"' '"9007199254740993"' '"\\u0000"' \
        '"\xef\xbb\xbf"' '"\x0d\x0a"'
}
words() { # the "strings" of files, each as a dictionary entry
    cat "$@" | grep -o '"[A-Za-z_][A-Za-z0-9_ .-]\{0,30\}"' | sort -u |
        sed 's/"/\\"/g; s/^/"/; s/$/"/'
}
{ json_tokens; words facts/sample/facts.jsonl; } >"$out/dict/facts.dict"
{ json_tokens; words rules/*.json rules/domains/*/*.json; } >"$out/dict/rules.dict"
{ json_tokens; words facts/sample/manifest.json;
  printf '%s\n' '"a.txt"' '"b.md"' '"c.txt"' '"sub/d.txt"' '"../"' '"/etc/passwd"'; } \
    >"$out/dict/manifest.dict"
{ json_tokens; words rules/lexicon/*.json; } >"$out/dict/lexicon.dict"
{ words rules/lexicon/numbers.json rules/lexicon/qualifiers.json rules/lexicon/units.json;
  printf '%s\n' '"%"' '" percent"' '" million"' '" billion"' '"2023-03-01"' \
      '" in 2022"' '"---\\x0adate: "' '"```"' '"<!--"' '"]("' '" year on year"'; } \
    >"$out/dict/extract.dict"
for t in facts rules manifest lexicon extract; do
    echo "seeds: $t $(ls "$out/seeds/$t" | wc -l) seeds, $(wc -l <"$out/dict/$t.dict") dictionary entries"
done
