#!/usr/bin/python3
"""claimreview.py -- a ClaimReview report against the JSON report of its run.

Usage: claimreview.py REPORT.json REPORT.claimreview

Each review has what schema.org and the fact-check markup of search
engines require (claimReviewed, reviewRating with a value within its
bounds and its alternateName, author, itemReviewed as a Claim with an
appearance, datePublished), and there is one per finding, warning or
error, that says a published figure is wrong.
"""
import json
import re
import sys

CONTRADICTS = {"value_conflict", "unit_or_scale_slip", "basis_mismatch",
               "population_difference", "streak_mismatch", "growth_mismatch",
               "part_exceeds_whole", "share_out_of_range",
               "shares_exceed_whole", "arithmetic_mismatch", "text_condition"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fail(msg):
    print(msg)
    sys.exit(1)


def main():
    rep = json.load(open(sys.argv[1], encoding="utf-8"))
    reviews = json.load(open(sys.argv[2], encoding="utf-8"))
    want = [f for f in rep["findings"] if not f.get("baselined") and
            f["severity"] in ("error", "warning") and f["type"] in CONTRADICTS]
    if not isinstance(reviews, list) or len(reviews) != len(want):
        fail("%d reviews for %d findings" % (len(reviews), len(want)))
    for r, f in zip(reviews, want):
        where = "review %s" % r.get("identifier")
        if r.get("@context") != "https://schema.org" or \
                r.get("@type") != "ClaimReview":
            fail(where + ": not a schema.org ClaimReview")
        if r.get("identifier") != f["id"]:
            fail(where + ": for finding %s" % f["id"])
        if not isinstance(r.get("claimReviewed"), str) or \
                not r["claimReviewed"].strip():
            fail(where + ": no claimReviewed")
        if not DATE.match(r.get("datePublished", "")):
            fail(where + ": datePublished is not a date")
        a = r.get("author") or {}
        if a.get("@type") not in ("Organization", "Person") or \
                not a.get("name"):
            fail(where + ": no author")
        rr = r.get("reviewRating") or {}
        if rr.get("@type") != "Rating" or not rr.get("alternateName"):
            fail(where + ": no rating in words")
        lo, hi, v = rr.get("worstRating"), rr.get("bestRating"), \
            rr.get("ratingValue")
        if not all(isinstance(x, int) for x in (lo, hi, v)) or \
                not lo <= v <= hi:
            fail(where + ": rating %r outside [%r, %r]" % (v, lo, hi))
        it = r.get("itemReviewed") or {}
        app = it.get("appearance") or {}
        if it.get("@type") != "Claim" or app.get("@type") != "CreativeWork":
            fail(where + ": itemReviewed is not a Claim that appeared")
        if not (app.get("url") or app.get("name")):
            fail(where + ": the appearance names nothing")
        quotes = [x["text"] for x in f["facts"] if x.get("text")]
        if quotes and not any(q in r["claimReviewed"] for q in quotes):
            fail(where + ": the claim quotes none of the finding's figures")
    print("ok: %d reviews" % len(reviews))


main()
