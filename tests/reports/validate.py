"""validate.py -- check one factcheck report against its schema, and what a
schema cannot say (counts that add up, indexes that point where they
should, URIs that are URI references).

    validate.py json  SCHEMA REPORT
    validate.py sarif SCHEMA REPORT
    validate.py pair  JSON_REPORT SARIF_REPORT   (the same run: same findings)

Prints each problem as "REPORT: where: what" and exits 1 when there is one.
Needs Debian's python3-jsonschema (tools/deps.sh installs it).
"""
import json
import re
import sys

try:
    import jsonschema
    from jsonschema import validators
except ImportError:
    sys.stderr.write("validate.py: python3-jsonschema is missing; run "
                     "'sh tools/deps.sh' (as root) or: apt-get install "
                     "python3-jsonschema\n")
    sys.exit(2)

# A URI reference (RFC 3986): only these characters, '%' before two hex
# digits.
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
URI_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
SEVERITIES = {"error": "errors", "warning": "warnings", "info": "info"}
# The finding types that say nothing of what to do (engine/report.c,
# rp_type_advice has no entry for them): an error or a warning of any
# other type carries "advice", information never does.
NO_ADVICE = {"target_met", "supported", "unsupported"}
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


class Problems:
    def __init__(self, name):
        self.name = name
        self.n = 0

    def add(self, where, what):
        self.n += 1
        if self.n <= 50:
            print("%s: %s: %s" % (self.name, where, what))


def load(path, out):
    try:
        with open(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8")  # strict: invalid UTF-8 is a problem
        return json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        out.add("file", "not valid UTF-8 JSON: %s" % e)
        return None


def schema_check(schema_path, doc, out):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema)
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/" + "/".join(str(p) for p in e.absolute_path)
        out.add(where, e.message[:300])


def check_json(doc, out):
    findings = doc.get("findings", [])
    summary = doc.get("summary", {})
    counts = {"errors": 0, "warnings": 0, "info": 0}
    by_rule = {}
    ids = set()
    advice_of = {}
    for i, f in enumerate(findings):
        where = "/findings/%d" % i
        advice = f.get("advice")
        if f.get("severity") == "info" and advice is not None:
            out.add(where, "advice on an info finding")
        elif (f.get("severity") in ("error", "warning") and
              f.get("type") not in NO_ADVICE and advice is None):
            out.add(where, "%s %s of type %s without advice"
                    % ("an" if f.get("severity") == "error" else "a",
                       f.get("severity"), f.get("type")))
        if f.get("type") in NO_ADVICE and advice is not None:
            out.add(where, "advice for type %s" % f.get("type"))
        if advice is not None and \
                advice_of.setdefault(f.get("type"), advice) != advice:
            out.add(where, "advice %r, but another %s finding says %r"
                    % (advice, f.get("type"), advice_of[f.get("type")]))
        counts[SEVERITIES.get(f.get("severity"), "info")] += 1
        by_rule[f.get("rule")] = by_rule.get(f.get("rule"), 0) + 1
        if f.get("id") in ids:
            out.add(where, "id %s appears twice" % f.get("id"))
        ids.add(f.get("id"))
        if not f.get("facts"):
            out.add(where, "a finding without facts")
        for k, fact in enumerate(f.get("facts", [])):
            fw = "%s/facts/%d" % (where, k)
            iv = fact.get("interval") or [0, 0]
            if len(iv) == 2 and iv[0] > iv[1]:
                out.add(fw, "interval lo > hi")
            sp = fact.get("span")
            if sp and sp.get("start", 0) > sp.get("end", 0):
                out.add(fw, "span start > end")
    if summary.get("findings") != len(findings):
        out.add("/summary/findings", "%s, but %d findings are listed"
                % (summary.get("findings"), len(findings)))
    for k, v in counts.items():
        if summary.get(k) != v:
            out.add("/summary/" + k, "%s, but the findings have %d"
                    % (summary.get(k), v))
    if summary.get("by_rule") != by_rule:
        out.add("/summary/by_rule", "does not count the findings listed")
    fail_on = summary.get("fail_on")
    limit = {"error": 0, "warning": 1, "info": 2}.get(fail_on, 3)
    rank = {"error": 0, "warning": 1, "info": 2}
    failed = limit < 3 and any(rank.get(f.get("severity"), 2) <= limit
                               for f in findings)
    if summary.get("failed") != failed:
        out.add("/summary/failed", "%s, but the findings say %s"
                % (summary.get("failed"), failed))


def check_uri(where, loc, bases, out):
    uri = loc.get("uri")
    if uri is None:
        return
    if not URI_CHARS.match(uri) or URI_PCT.search(uri):
        out.add(where, "uri %r is not a URI reference" % uri)
    if "uriBaseId" in loc:
        if URI_SCHEME.match(uri) or uri.startswith("/"):
            out.add(where, "uri %r has a base id but is not relative" % uri)
        if loc["uriBaseId"] not in bases:
            out.add(where, "uriBaseId %r is not in originalUriBaseIds"
                    % loc["uriBaseId"])
    elif not URI_SCHEME.match(uri):
        out.add(where, "relative uri %r without a uriBaseId" % uri)


def check_sarif(doc, out):
    runs = doc.get("runs") or []
    if len(runs) != 1:
        out.add("/runs", "%d runs, expected one" % len(runs))
        return
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    rules = driver.get("rules", [])
    artifacts = run.get("artifacts", [])
    bases = run.get("originalUriBaseIds", {})
    if driver.get("name") != "factcheck":
        out.add("/runs/0/tool/driver/name", "not factcheck")
    if run.get("columnKind") != "unicodeCodePoints":
        out.add("/runs/0/columnKind", "expected unicodeCodePoints")
    rule_ids = [r.get("id") for r in rules]
    if len(set(rule_ids)) != len(rule_ids):
        out.add("/runs/0/tool/driver/rules", "a rule id appears twice")
    # a base's uri is absolute, or relative to another base it names
    # (SARIF 2.1.0 3.14.14; the SARIF SDK's rule SARIF1018)
    for name, base in bases.items():
        where = "/runs/0/originalUriBaseIds/" + name
        if "uriBaseId" in base:
            if base["uriBaseId"] not in bases or base["uriBaseId"] == name:
                out.add(where, "uriBaseId %r names no other base"
                        % base["uriBaseId"])
            if "uri" in base and URI_SCHEME.match(base["uri"]):
                out.add(where, "a uri relative to a base must be relative")
        elif "uri" in base and not URI_SCHEME.match(base["uri"]):
            out.add(where, "a base's uri must be absolute")
        if "uri" in base and not base["uri"].endswith("/"):
            out.add(where, "a base's uri must end with a slash")
    for i, a in enumerate(artifacts):
        check_uri("/runs/0/artifacts/%d/location" % i, a.get("location", {}),
                  bases, out)
    fingerprints = set()
    for i, r in enumerate(run.get("results", [])):
        where = "/runs/0/results/%d" % i
        idx = r.get("ruleIndex")
        if idx is None or not 0 <= idx < len(rules):
            out.add(where, "ruleIndex %s points at no rule" % idx)
        elif rules[idx].get("id") != r.get("ruleId"):
            out.add(where, "ruleIndex %d is rule %s, not %s"
                    % (idx, rules[idx].get("id"), r.get("ruleId")))
        if not r.get("message", {}).get("text"):
            out.add(where, "no message text")
        fp = r.get("partialFingerprints", {}).get("factcheckFindingId/v1")
        if not fp or not re.match(r"^[0-9a-f]{16}$", fp):
            out.add(where, "no factcheckFindingId/v1 fingerprint")
        elif fp in fingerprints:
            out.add(where, "fingerprint %s appears twice" % fp)
        fingerprints.add(fp)
        props = r.get("properties", {})
        if bool(r.get("suppressions")) != bool(props.get("baselined")):
            out.add(where, "suppressions and properties.baselined disagree")
        if LEVELS.get(props.get("severity")) != r.get("level"):
            out.add(where, "level %s for severity %s"
                    % (r.get("level"), props.get("severity")))
        locs = r.get("locations", []) + r.get("relatedLocations", [])
        if not r.get("locations"):
            out.add(where, "no location")
        ids = [l.get("id") for l in locs]
        if len(set(ids)) != len(ids):
            out.add(where, "location ids are not unique")
        for k, l in enumerate(locs):
            lw = "%s/location %s" % (where, l.get("id"))
            pl = l.get("physicalLocation", {})
            al = pl.get("artifactLocation", {})
            check_uri(lw, al, bases, out)
            ai = al.get("index")
            if ai is not None:
                if not 0 <= ai < len(artifacts):
                    out.add(lw, "artifact index %d points at no artifact" % ai)
                elif artifacts[ai].get("location", {}).get("uri") != al.get("uri"):
                    out.add(lw, "artifact index %d names another uri" % ai)
            reg = pl.get("region")
            if reg and "endLine" in reg and (
                    (reg["endLine"], reg.get("endColumn", 0)) <
                    (reg.get("startLine", 1), reg.get("startColumn", 0))):
                out.add(lw, "region ends before it starts")
            if reg and "snippet" in reg and "byteLength" in reg and \
                    len(reg["snippet"]["text"].encode("utf-8")) != reg["byteLength"]:
                out.add(lw, "snippet is not byteLength bytes long")
            if not l.get("message", {}).get("text"):
                out.add(lw, "no message naming the fact's role")


def check_pair(jdoc, sdoc, out):
    jids = [f["id"] for f in jdoc.get("findings", [])]
    results = (sdoc.get("runs") or [{}])[0].get("results", [])
    shown = [r["partialFingerprints"]["factcheckFindingId/v1"]
             for r in results if not r.get("suppressions")]
    hidden = [r for r in results if r.get("suppressions")]
    if jids != shown:
        out.add("results", "the SARIF results (not suppressed) are not the "
                "JSON findings, in order")
    if len(hidden) != jdoc.get("summary", {}).get("baselined"):
        out.add("results", "%d suppressed results, but the JSON counts %s "
                "baselined" % (len(hidden),
                               jdoc.get("summary", {}).get("baselined")))
    for f, r in zip(jdoc.get("findings", []),
                    [r for r in results if not r.get("suppressions")]):
        if f["message"] != r["message"]["text"] and "](" not in f["message"]:
            out.add("results", "message of %s differs" % f["id"])


def main(argv):
    if len(argv) != 4 or argv[1] not in ("json", "sarif", "pair"):
        sys.stderr.write(__doc__)
        return 2
    mode = argv[1]
    if mode == "pair":
        out = Problems(argv[2] + " + " + argv[3])
        j, s = load(argv[2], out), load(argv[3], out)
        if j is not None and s is not None:
            check_pair(j, s, out)
        return 1 if out.n else 0
    out = Problems(argv[3])
    doc = load(argv[3], out)
    if doc is None:
        return 1
    schema_check(argv[2], doc, out)
    if not out.n:  # the semantic checks assume the shape is right
        (check_json if mode == "json" else check_sarif)(doc, out)
    return 1 if out.n else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
