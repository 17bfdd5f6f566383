"""drift.py JSON SARIF OUT -- write OUT.json and OUT.sarif: the reports
with one mistake each, which validate.py must catch (validate.sh); and
OUT.advice.json, the JSON report with the advice of its first finding
that has advice left out."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    j = json.load(f)
j["findings"][0]["facts"][0]["extra"] = 1
with open(sys.argv[3] + ".json", "w", encoding="utf-8") as f:
    json.dump(j, f)

with open(sys.argv[2], encoding="utf-8") as f:
    s = json.load(f)
s["runs"][0]["results"][0]["ruleId"] = "no-such-rule"
with open(sys.argv[3] + ".sarif", "w", encoding="utf-8") as f:
    json.dump(s, f)

with open(sys.argv[1], encoding="utf-8") as f:
    j = json.load(f)
for finding in j["findings"]:
    if "advice" in finding:
        del finding["advice"]
        break
with open(sys.argv[3] + ".advice.json", "w", encoding="utf-8") as f:
    json.dump(j, f)
