#!/usr/bin/python3
"""ci_formats.py -- the github and junit reports of one run against its JSON.

Usage: ci_formats.py REPORT.json REPORT.github REPORT.junit FAIL_ON

Checks that the JUnit file is well-formed XML whose counts add up, with
one failure per finding at or above FAIL_ON and every other finding in its
rule's system-out, and that the GitHub file has one well-formed workflow
command per finding shown, of the right level, at the first figure.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

RANK = {"error": 0, "warning": 1, "info": 2, "never": 3}
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def fail(msg):
    print(msg)
    sys.exit(1)


def main():
    rep = json.load(open(sys.argv[1], encoding="utf-8"))
    gh = open(sys.argv[2], encoding="utf-8").read().splitlines()
    root = ET.parse(sys.argv[3]).getroot()
    fail_on = RANK[sys.argv[4]]
    shown = [f for f in rep["findings"] if not f.get("baselined")]
    failing = [f for f in shown if RANK[f["severity"]] <= fail_on]
    if root.tag != "testsuites":
        fail("junit: the root is %s, not testsuites" % root.tag)
    suites = root.findall("testsuite")
    cases = [c for s in suites for c in s.findall("testcase")]
    failures = [x for c in cases for x in c.findall("failure")]
    if int(root.get("failures")) != len(failures) or \
            len(failures) != len(failing):
        fail("junit: %s failures declared, %d written, %d findings at or "
             "above the threshold" % (root.get("failures"), len(failures),
                                      len(failing)))
    if int(root.get("tests")) != len(cases):
        fail("junit: %s tests declared, %d cases" % (root.get("tests"),
                                                    len(cases)))
    names = [c.get("name") for c in cases]
    if len(set(names)) != len(names):
        fail("junit: a rule has two test cases")
    for f in failing:
        case = [c for c in cases if c.get("name") == f["rule"]]
        if not case or not any(f["id"] in (x.text or "")
                               for x in case[0].findall("failure")):
            fail("junit: finding %s has no failure in case %s" %
                 (f["id"], f["rule"]))
    for f in shown:
        if f in failing:
            continue
        case = [c for c in cases if c.get("name") == f["rule"]][0]
        out = case.find("system-out")
        if out is None or f["message"] not in (out.text or ""):
            fail("junit: finding %s is not in the system-out of %s" %
                 (f["id"], f["rule"]))
    if len(gh) != len(shown):
        fail("github: %d lines for %d findings" % (len(gh), len(shown)))
    cmd = re.compile(r"^::(error|warning|notice) (?:file=([^,:]+)"
                     r"(?:,line=(\d+),col=(\d+))?,)?title=([^:]+)::(.*)$")
    for line, f in zip(gh, shown):
        m = cmd.match(line)
        if not m:
            fail("github: not a workflow command: %s" % line)
        if m.group(1) != LEVEL[f["severity"]]:
            fail("github: %s for a finding of severity %s" %
                 (m.group(1), f["severity"]))
        first = f["facts"][0]
        span = first.get("span") or {}
        if span.get("line") and m.group(3) != str(span["line"]):
            fail("github: line %s, the first figure is on line %s" %
                 (m.group(3), span["line"]))
        if not m.group(5).startswith(f["rule"].replace(":", "%3A")):
            fail("github: title %s does not name rule %s" %
                 (m.group(5), f["rule"]))
    print("ok: %d findings, %d failures, %d cases" %
          (len(shown), len(failures), len(cases)))


main()
