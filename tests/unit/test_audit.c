/*
** test_audit.c -- auditing a draft against reference facts (audit.c) and
** writing it back annotated (report_annotated.c).
**
**   (what a Markdown draft has blanked is tested in test_doc.c)
**   1. fc_audit: a reference store built in memory (three documents with
**      publication dates, facts written by hand as JSON Lines), drafts
**      built from buffers; the exact stats, and per figure the finding's
**      rule, type, severity and the reference fact it names.
**   2. fc_report_annotated: marks after the figures, notes in text order,
**      the unsupported list, the summary line; the original text kept.
**
** The lexicon and rules are the project's (rules/); tests run from the
** repository root.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "report.h"
#include "testutil.h"

static fc_lexicon *lx;
static fc_rules *rs;

/* ---- helpers --------------------------------------------------------------- */

static int setup_rules(void **state) {
    fc_diags *d = fc_diags_new();
    const char *dirs[1] = {"rules"};
    (void)state;
    if (fc_lexicon_load(&lx, "rules", d) != FC_OK ||
        fc_rules_load(&rs, dirs, 1, lx, d) != FC_OK) {
        print_diags(d);
        fc_diags_free(d);
        return -1;
    }
    fc_diags_free(d);
    return 0;
}

static int teardown_rules(void **state) {
    (void)state;
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    rs = NULL;
    lx = NULL;
    return 0;
}

/* ---- 1. fc_audit --------------------------------------------------------------- */

/* The reference: three documents, each a few sentences of my own, and the
** facts of their figures written by hand (spans found in the texts). */
typedef struct refdoc {
    const char *id, *published, *text;
} refdoc;

static const refdoc ref_docs[] = {
    {"ra", "2023-03-01",
     "Industry review, March 2023.\n"
     "In 2022 NEV production reached 7.058 million, or about 7.06 million by "
     "the association's count.\n"
     "The country has 2.31 million 5G base stations.\n"
     "A narrow measure put industrial value added at 52 billion yuan in "
     "2022.\n"
     "NEV production was 3.67 million in 2021, 1.37 million in 2020 and 1.26 "
     "million in 2019.\n"},
    {"rb", "2024-03-08",
     "Press briefing, March 2024.\n"
     "NEV output in 2022 was 7.058 million.\n"
     "China now has 3.38 million 5G base stations.\n"
     "Industrial value added exceeded 40 trillion yuan in 2022.\n"
     "Manufacturing made up 26.2% of GDP in 2023 and 30.2% of the world's "
     "total.\n"
     "Guangdong alone counts 8,000 specialised and innovative SMEs.\n"},
    {"rc", "2024-06-01",
     "Mid-year note, June 2024.\n"
     "China now has 4.1 million 5G base stations.\n"},
};
#define NREF (sizeof ref_docs / sizeof ref_docs[0])

/* One reference fact, located in its document's text by its quote. */
typedef struct reffact {
    const char *id, *doc, *quote, *subject, *metric, *basis;
    double value;
    const char *unit, *qualifier;
    double lo, hi;
    const char *period;
} reffact;

static const reffact ref_facts[] = {
    {"ra-1", "ra", "7.058 million", "china", "nev.production", NULL, 7058000,
     "count", "exact", 7057500, 7058500, "2022"},
    {"ra-2", "ra", "about 7.06 million", "china", "nev.production", NULL,
     7060000, "count", "approx", 6707000, 7413000, "2022"},
    {"ra-3", "ra", "2.31 million", "china", "telecom.5g_base_stations", NULL,
     2310000, "count", "exact", 2305000, 2315000, "as-of 2023-03-01"},
    {"ra-4", "ra", "52 billion yuan", "china", "industry.value_added", NULL,
     52e9, "CNY", "exact", 51.5e9, 52.5e9, "2022"},
    {"ra-5", "ra", "3.67 million", "china", "nev.production", NULL, 3670000,
     "count", "exact", 3665000, 3675000, "2021"},
    {"ra-6", "ra", "1.37 million", "china", "nev.production", NULL, 1370000,
     "count", "exact", 1365000, 1375000, "2020"},
    {"ra-7", "ra", "1.26 million", "china", "nev.production", NULL, 1260000,
     "count", "exact", 1255000, 1265000, "2019"},
    {"rb-1", "rb", "7.058 million", "china", "nev.production", NULL, 7058000,
     "count", "exact", 7057500, 7058500, "2022"},
    {"rb-2", "rb", "3.38 million", "china", "telecom.5g_base_stations", NULL,
     3380000, "count", "exact", 3375000, 3385000, "as-of 2024-03-08"},
    {"rb-3", "rb", "exceeded 40 trillion yuan", "china",
     "industry.value_added", NULL, 40e12, "CNY", "more_than", 40e12, 50e12,
     "2022"},
    {"rb-4", "rb", "26.2%", "china", "manufacturing.value_added.share", "gdp",
     26.2, "%", "exact", 26.15, 26.25, "2023"},
    {"rb-5", "rb", "30.2%", "china", "manufacturing.value_added.share",
     "world", 30.2, "%", "exact", 30.15, 30.25, "2023"},
    {"rb-6", "rb", "8,000", "guangdong", "sme.specialized.count", NULL, 8000,
     "count", "exact", 7500, 8500, "as-of 2024-03-08"},
    {"rc-1", "rc", "4.1 million", "china", "telecom.5g_base_stations", NULL,
     4100000, "count", "exact", 4050000, 4150000, "as-of 2024-06-01"},
};
#define NFACTS (sizeof ref_facts / sizeof ref_facts[0])

static fc_doc *new_doc(const char *id, const char *text, const char *published) {
    fc_doc *doc = NULL;
    fc_diags *d = fc_diags_new();
    int rc = fc_doc_new_from_buffer(&doc, id, id, text, strlen(text), d);
    if (rc != FC_OK) print_diags(d);
    assert_int_equal(rc, FC_OK);
    fc_diags_free(d);
    free(doc->published);
    doc->published = published ? fc_strdup(published) : NULL;
    if (published) assert_non_null(doc->published);
    return doc;
}

static void put_str(fc_buf *b, const char *key, const char *v) {
    if (v)
        fc_buf_printf(b, ",\"%s\":\"%s\"", key, v);
    else
        fc_buf_printf(b, ",\"%s\":null", key);
}

/* The reference store: documents with their dates, then the facts. */
static fc_store *reference(void) {
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_doc *docs[NREF];
    fc_manifest m;
    fc_load_stats ls;
    fc_buf b;
    const char *name = "reference.jsonl", *bufs[1];
    size_t i, lens[1];
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    for (i = 0; i < NREF; i++)
        docs[i] = new_doc(ref_docs[i].id, ref_docs[i].text,
                          ref_docs[i].published);
    fc_buf_init(&b);
    for (i = 0; i < NFACTS; i++) {
        const reffact *r = &ref_facts[i];
        size_t k;
        const char *text = NULL, *at;
        for (k = 0; k < NREF; k++)
            if (!strcmp(ref_docs[k].id, r->doc)) text = ref_docs[k].text;
        assert_non_null(text);
        at = strstr(text, r->quote);
        if (!at) fail_msg("quote \"%s\" not in %s", r->quote, r->doc);
        fc_buf_printf(&b, "{\"id\":\"%s\",\"doc\":\"%s\",\"span\":{\"start\":"
                          "%zu,\"end\":%zu}",
                      r->id, r->doc, (size_t)(at - text),
                      (size_t)(at - text) + strlen(r->quote));
        put_str(&b, "text", r->quote);
        put_str(&b, "subject", r->subject);
        put_str(&b, "metric", r->metric);
        put_str(&b, "basis", r->basis);
        fc_buf_printf(&b, ",\"value\":%.17g", r->value);
        put_str(&b, "unit", r->unit);
        put_str(&b, "qualifier", r->qualifier);
        fc_buf_printf(&b, ",\"interval\":[%.17g,%.17g]", r->lo, r->hi);
        put_str(&b, "period", r->period);
        fc_buf_puts(&b, ",\"status\":\"actual\"}\n");
    }
    assert_false(b.oom);
    memset(&m, 0, sizeof m);
    m.docs = docs;
    m.ndocs = NREF;
    bufs[0] = b.data;
    lens[0] = b.len;
    i = fc_store_load_buffers(s, &m, &name, bufs, lens, 1, &ls, d);
    if (i != FC_OK) print_diags(d);
    assert_int_equal(i, FC_OK);
    assert_no_errors(d);
    assert_int_equal(ls.added, NFACTS);
    assert_int_equal(fc_store_fact_count(s), NFACTS);
    fc_buf_free(&b);
    for (i = 0; i < NREF; i++) fc_doc_free(docs[i]);
    fc_diags_free(d);
    return s;
}

/* A draft as the command-line tool builds one: masked, dated by --date,
** else by its front matter. */
typedef struct draft {
    char *orig;
    size_t len;
    fc_doc *doc;
} draft;

static draft make_draft(const char *id, const char *text, const char *date) {
    draft dr;
    char *masked, fm[11];
    dr.len = strlen(text);
    dr.orig = fc_strdup(text);
    masked = fc_strdup(text);
    assert_non_null(dr.orig);
    assert_non_null(masked);
    assert_int_equal(fc_markdown_mask(masked, dr.len, fm), FC_OK);
    dr.doc = new_doc(id, masked, date ? date : fm[0] ? fm : NULL);
    free(masked);
    return dr;
}

static void draft_free(draft *dr) {
    free(dr->orig);
    fc_doc_free(dr->doc);
}

static fc_findings *run_audit(fc_store *s, const fc_rules *rules,
                              const draft *dr, fc_audit_stats *st) {
    fc_findings *fs = NULL;
    fc_diags *d = fc_diags_new();
    int rc = fc_audit(s, rules, lx, dr->doc, &fs, st, d);
    if (rc != FC_OK) print_diags(d);
    assert_int_equal(rc, FC_OK);
    assert_no_errors(d);
    assert_non_null(fs);
    fc_diags_free(d);
    return fs;
}

static void dump_findings(const fc_findings *fs) {
    size_t i, k;
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        print_message("  [%zu] %s %s %s %s:", i, f->rule, f->kind, f->type,
                      f->severity);
        for (k = 0; k < f->nfacts; k++)
            print_message(" %s/%s \"%s\" (%s)", f->facts[k]->doc,
                          f->facts[k]->id, f->facts[k]->text,
                          f->roles[k] ? f->roles[k] : "-");
        print_message("\n      %s\n", f->message);
    }
}

/* The only audit finding whose draft figure (its first fact) is quoted
** `quote`. */
static const fc_finding *finding_for(const fc_findings *fs, const char *quote) {
    const fc_finding *got = NULL;
    size_t i, n = 0;
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (strcmp(f->kind, "audit") || !f->nfacts || !f->facts[0]->text ||
            strcmp(f->facts[0]->text, quote))
            continue;
        got = f;
        n++;
    }
    if (n != 1) {
        dump_findings(fs);
        fail_msg("%zu audit findings for \"%s\", expected 1", n, quote);
    }
    return got;
}

/* Check a finding: rule, type, severity, the draft's fact (doc, role), and
** the reference fact (doc, quote, role), or none when ref_doc is NULL. */
static void check_finding(const fc_finding *f, const char *draft_id,
                          const char *rule, const char *type,
                          const char *severity, const char *ref_doc,
                          const char *ref_quote, const char *ref_role) {
    assert_string_equal(f->rule, rule);
    assert_string_equal(f->kind, "audit");
    assert_string_equal(f->type, type);
    assert_string_equal(f->severity, severity);
    assert_string_equal(f->facts[0]->doc, draft_id);
    assert_string_equal(f->roles[0], "draft");
    assert_true(f->facts[0]->span.start >= 0);
    if (!ref_doc) {
        assert_int_equal(f->nfacts, 1);
        return;
    }
    assert_int_equal(f->nfacts, 2);
    assert_string_equal(f->facts[1]->doc, ref_doc);
    assert_string_equal(f->facts[1]->text, ref_quote);
    assert_string_equal(f->roles[1], ref_role);
}

static void assert_contains(const char *hay, const char *needle) {
    if (!strstr(hay, needle))
        fail_msg("\"%s\"\n  does not contain \"%s\"", hay, needle);
}

static void assert_stats(const fc_audit_stats *st, size_t figures,
                         size_t supported, size_t stale, size_t contradicted,
                         size_t confused, size_t slips, size_t rounding,
                         size_t unsupported) {
    assert_int_equal(st->figures, figures);
    assert_int_equal(st->supported, supported);
    assert_int_equal(st->stale, stale);
    assert_int_equal(st->contradicted, contradicted);
    assert_int_equal(st->confused, confused);
    assert_int_equal(st->slips, slips);
    assert_int_equal(st->rounding, rounding);
    assert_int_equal(st->unsupported, unsupported);
    /* every figure has exactly one class */
    assert_int_equal(supported + stale + contradicted + confused + slips +
                         rounding + unsupported,
                     figures);
}

/* A Markdown draft with a figure of every class, and figures hidden in
** code, a comment, a link target and a link definition that the audit must
** not see (they would add findings). */
static const char draft_all[] =
    "---\n"
    "title: Cars, networks and factories\n"
    "date: 2024-04-10\n"
    "---\n"
    "# Cars, networks and factories\n"
    "\n"
    "In 2022 NEV production reached 7.058 million. China now has 2.31 million "
    "5G\n"
    "base stations. In 2021 NEV production reached 3.5 million.\n"
    "Manufacturing accounts for 30.2% of GDP in 2023. Industrial value added "
    "came\n"
    "to 48 billion yuan in 2022. In 2019 NEV production reached 1.2 million.\n"
    "China now has more than 70,000 specialised and innovative SMEs. The fair "
    "drew\n"
    "450 exhibitors. About 2,100 smart factories were built.\n"
    "\n"
    "```sh\n"
    "echo 'In 2021 NEV production reached 9.9 million'\n"
    "```\n"
    "See [the release](https://example.org/2022/nev-8.8-million) and `NEV "
    "production reached 2.2 million in 2019`.\n"
    "<!-- In 2022 NEV production reached\n"
    "     7.7 million? -->\n"
    "[src]: https://example.org/2023/1.1-million\n";

static void test_audit_classes(void **state) {
    fc_store *s = reference();
    draft dr = make_draft("cars", draft_all, NULL);
    fc_audit_stats st;
    fc_findings *fs;
    const fc_finding *f;
    size_t i;
    (void)state;
    /* the date comes from the front matter */
    assert_string_equal(dr.doc->published, "2024-04-10");
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 9, 1, 1, 1, 2, 1, 1, 2);
    /* one finding per figure, and nothing from the self-check */
    if (fc_findings_count(fs) != 9) dump_findings(fs);
    assert_int_equal(fc_findings_count(fs), 9);
    for (i = 0; i < fc_findings_count(fs); i++)
        assert_string_equal(fc_findings_get(fs, i)->kind, "audit");

    /* supported: three agreeing figures of 2022, in two documents; the
       first of them in store order is named */
    f = finding_for(fs, "7.058 million");
    check_finding(f, "cars", "audit-supported", "supported", "info", "ra",
                  "7.058 million", "source");
    assert_string_equal(f->facts[1]->id, "ra-1");
    assert_string_equal(f->facts[0]->period, "2022");
    assert_contains(f->message, "agrees with 3 reference figures in 2 "
                                "documents, such as ra (2023-03-01)");

    /* stale: "now" (as of 2024-04-10) the latest reference figure is
       rb's 3.38 million of 2024-03-08 (rc's of June is after the draft);
       the draft's 2.31 million agrees with ra's older figure */
    f = finding_for(fs, "2.31 million");
    check_finding(f, "cars", "audit-stale", "period_difference", "warning",
                  "rb", "3.38 million", "newer");
    assert_string_equal(f->facts[0]->period, "as-of 2024-04-10");
    assert_contains(f->message, "as ra did, but a newer figure exists: 3.38 "
                                "million (3.38 million) for as-of "
                                "2024-03-08, from rb (2024-03-08)");

    /* contradicted: an explicit period, 2021, against ra's 3.67 million */
    f = finding_for(fs, "3.5 million");
    check_finding(f, "cars", "audit-contradicted", "value_conflict", "error",
                  "ra", "3.67 million", "reference");
    assert_string_equal(f->facts[0]->period, "2021");
    assert_contains(f->message, "ra (2023-03-01) gives 3.67 million");
    assert_contains(f->message, "for 2021");

    /* basis: 30.2% is manufacturing's share of the world, not of GDP */
    f = finding_for(fs, "30.2%");
    check_finding(f, "cars", "audit-basis", "basis_mismatch", "warning", "rb",
                  "30.2%", "reference");
    assert_string_equal(f->facts[0]->basis, "gdp");
    assert_string_equal(f->facts[1]->basis, "world");
    assert_contains(f->message, "as a share of gdp, but the reference gives "
                                "this figure as a share of world");

    /* scale slip: billion for trillion; ra's 52 billion is nearer in value
       but the slip explains rb's figure */
    f = finding_for(fs, "48 billion yuan");
    check_finding(f, "cars", "audit-scale-slip", "unit_or_scale_slip", "error",
                  "rb", "exceeded 40 trillion yuan", "reference");
    assert_contains(f->message, "a slip of scale words");

    /* rounding: 1.2 million against 1.26 million, a gap within rounding */
    f = finding_for(fs, "1.2 million");
    check_finding(f, "cars", "audit-rounding", "rounding_only", "info", "ra",
                  "1.26 million", "reference");
    assert_contains(f->message, "a difference of rounding");

    /* population: the reference speaks of Guangdong only */
    f = finding_for(fs, "more than 70,000");
    check_finding(f, "cars", "audit-population", "population_difference",
                  "warning", "rb", "8,000", "reference");
    assert_string_equal(f->facts[0]->subject, "china");
    assert_string_equal(f->facts[1]->subject, "guangdong");

    /* unsupported: a figure the lexicon does not know, measured by its
       own noun, and one no reference has */
    f = finding_for(fs, "450");
    check_finding(f, "cars", "audit-unsupported", "unsupported", "info", NULL,
                  NULL, NULL);
    assert_string_equal(f->facts[0]->metric, "exhibitor");
    assert_string_equal(f->facts[0]->metric_source, "phrase");
    assert_contains(f->message, "no reference figure for this metric");
    f = finding_for(fs, "About 2,100");
    check_finding(f, "cars", "audit-unsupported", "unsupported", "info", NULL,
                  NULL, NULL);
    assert_string_equal(f->facts[0]->metric, "factories.smart.count");
    assert_contains(f->message, "no reference figure for this metric");

    /* report order: errors first */
    for (i = 1; i < fc_findings_count(fs); i++) {
        static const char *const sev[] = {"error", "warning", "info"};
        const char *a = fc_findings_get(fs, i - 1)->severity,
                   *b = fc_findings_get(fs, i)->severity;
        int ra = 0, rb = 0;
        while (strcmp(sev[ra], a)) ra++;
        while (strcmp(sev[rb], b)) rb++;
        assert_true(ra <= rb);
    }
    fc_findings_free(fs);
    draft_free(&dr);
    fc_store_close(s);
}

/* Spans of the draft's facts point into the original text. */
static void test_audit_spans_in_original(void **state) {
    fc_store *s = reference();
    draft dr = make_draft("cars", draft_all, NULL);
    fc_audit_stats st;
    fc_findings *fs = run_audit(s, rs, &dr, &st);
    size_t i;
    (void)state;
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_fact *x = fc_findings_get(fs, i)->facts[0];
        size_t a = (size_t)x->span.start, b = (size_t)x->span.end;
        assert_true(b <= dr.len && a < b);
        if (strlen(x->text) != b - a || memcmp(dr.orig + a, x->text, b - a))
            fail_msg("span [%zu, %zu) of \"%s\" is \"%.*s\" in the draft", a,
                     b, x->text, (int)(b - a), dr.orig + a);
    }
    fc_findings_free(fs);
    draft_free(&dr);
    fc_store_close(s);
}

/* The same "now" figure, judged as of different dates. */
static void test_audit_as_of_draft_date(void **state) {
    fc_store *s = reference();
    fc_audit_stats st;
    fc_findings *fs;
    const fc_finding *f;
    draft dr;
    (void)state;

    /* in June 2023 the latest reference figure was ra's 2.31 million */
    dr = make_draft("d1", "China now has 2.31 million 5G base stations.\n",
                    "2023-06-01");
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 1, 1, 0, 0, 0, 0, 0, 0);
    f = finding_for(fs, "2.31 million");
    check_finding(f, "d1", "audit-supported", "supported", "info", "ra",
                  "2.31 million", "source");
    assert_string_equal(f->facts[0]->period, "as-of 2023-06-01");
    assert_contains(f->message, "agrees with 1 reference figure in 1 "
                                "document, such as ra");
    fc_findings_free(fs);
    draft_free(&dr);

    /* a day after rb's briefing, 3.38 million is current */
    dr = make_draft("d2", "China now has 3.38 million 5G base stations.\n",
                    "2024-03-09");
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 1, 1, 0, 0, 0, 0, 0, 0);
    check_finding(finding_for(fs, "3.38 million"), "d2", "audit-supported",
                  "supported", "info", "rb", "3.38 million", "source");
    fc_findings_free(fs);
    draft_free(&dr);

    /* in July 2024 rc's 4.1 million of June has replaced it */
    dr = make_draft("d3", "China now has 3.38 million 5G base stations.\n",
                    "2024-07-01");
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 1, 0, 1, 0, 0, 0, 0, 0);
    check_finding(finding_for(fs, "3.38 million"), "d3", "audit-stale",
                  "period_difference", "warning", "rc", "4.1 million",
                  "newer");
    fc_findings_free(fs);
    draft_free(&dr);

    /* a figure no reference figure ever had, "now": contradicted by the
       latest one up to the draft's date (rb's), not by rc's later one */
    dr = make_draft("d4", "China now has 2.9 million 5G base stations.\n",
                    "2024-04-10");
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 1, 0, 0, 1, 0, 0, 0, 0);
    check_finding(finding_for(fs, "2.9 million"), "d4", "audit-contradicted",
                  "value_conflict", "error", "rb", "3.38 million",
                  "reference");
    fc_findings_free(fs);
    draft_free(&dr);
    fc_store_close(s);
}

/* The draft against itself: two figures for one metric and period. */
static const char draft_self[] =
    "In 2020 NEV production reached 1.1 million, while another count has\n"
    "NEV production at 1.9 million in 2020.\n";

static void test_audit_self_check(void **state) {
    fc_store *s = reference();
    draft dr = make_draft("self", draft_self, "2024-04-10");
    fc_audit_stats st;
    fc_findings *fs = run_audit(s, rs, &dr, &st);
    const fc_finding *agree = NULL;
    size_t i, k, nagree = 0;
    (void)state;
    /* both contradict ra's 1.37 million of 2020 */
    assert_stats(&st, 2, 0, 0, 2, 0, 0, 0, 0);
    check_finding(finding_for(fs, "1.1 million"), "self", "audit-contradicted",
                  "value_conflict", "error", "ra", "1.37 million",
                  "reference");
    check_finding(finding_for(fs, "1.9 million"), "self", "audit-contradicted",
                  "value_conflict", "error", "ra", "1.37 million",
                  "reference");
    /* and each other: a finding of the rules, on two facts of the draft */
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (!strcmp(f->kind, "audit")) continue;
        agree = f;
        nagree++;
    }
    if (nagree != 1) dump_findings(fs);
    assert_int_equal(nagree, 1);
    assert_int_equal(fc_findings_count(fs), 3);
    assert_string_equal(agree->rule, "figures-agree");
    assert_string_equal(agree->kind, "agree");
    assert_string_equal(agree->type, FC_TYPE_VALUE_CONFLICT);
    assert_string_equal(agree->severity, "error");
    assert_int_equal(agree->nfacts, 2);
    for (k = 0; k < 2; k++) {
        assert_string_equal(agree->facts[k]->doc, "self");
        assert_string_equal(agree->facts[k]->period, "2020");
    }
    assert_true((!strcmp(agree->facts[0]->text, "1.1 million") &&
                 !strcmp(agree->facts[1]->text, "1.9 million")) ||
                (!strcmp(agree->facts[0]->text, "1.9 million") &&
                 !strcmp(agree->facts[1]->text, "1.1 million")));
    fc_findings_free(fs);

    /* without rules, no self-check: only the two audit findings */
    fs = run_audit(s, NULL, &dr, &st);
    assert_stats(&st, 2, 0, 0, 2, 0, 0, 0, 0);
    assert_int_equal(fc_findings_count(fs), 2);
    fc_findings_free(fs);
    draft_free(&dr);
    fc_store_close(s);
}

/* fc_extract's callback: each fact as a line of JSON. */
static int extract_line(void *ctx, const fc_fact *f, const fc_loc *loc) {
    fc_buf *b = ctx;
    char *line = fc_fact_to_json(f);
    (void)loc;
    if (!line) return FC_ENOMEM;
    fc_buf_puts(b, line);
    fc_buf_putc(b, '\n');
    free(line);
    return b->oom ? FC_ENOMEM : FC_OK;
}

/* A reference built by extraction of my own texts, and an empty one. */
static void test_audit_extracted_reference(void **state) {
    fc_store *s = NULL;
    fc_doc *docs[2];
    fc_manifest m;
    fc_buf b;
    fc_diags *d = fc_diags_new();
    fc_audit_stats st;
    fc_findings *fs;
    const char *name = "extracted.jsonl", *bufs[1];
    size_t i, lens[1];
    draft dr;
    static const char *const texts[2] = {
        "The ministry reported on 2 March 2023 that there are 2.31 million 5G "
        "base stations in the country.\n",
        "At a briefing, officials said the country now has 3.38 million 5G "
        "base stations.\n"};
    (void)state;
    docs[0] = new_doc("x1", texts[0], "2023-03-02");
    docs[1] = new_doc("x2", texts[1], "2024-03-08");
    fc_buf_init(&b);
    for (i = 0; i < 2; i++)
        assert_int_equal(fc_extract(lx, docs[i], extract_line, &b, d), FC_OK);
    assert_no_errors(d);
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    memset(&m, 0, sizeof m);
    m.docs = docs;
    m.ndocs = 2;
    bufs[0] = b.data;
    lens[0] = b.len;
    assert_int_equal(fc_store_load_buffers(s, &m, &name, bufs, lens, 1, NULL, d),
                     FC_OK);
    assert_int_equal(fc_store_fact_count(s), 2);

    dr = make_draft("now", "There are 2.31 million 5G base stations today.\n",
                    "2024-04-01");
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 1, 0, 1, 0, 0, 0, 0, 0);
    check_finding(finding_for(fs, "2.31 million"), "now", "audit-stale",
                  "period_difference", "warning", "x2", "3.38 million",
                  "newer");
    fc_findings_free(fs);
    fc_store_close(s);

    /* an empty reference: every figure is unsupported */
    s = NULL;
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 1, 0, 0, 0, 0, 0, 0, 1);
    check_finding(finding_for(fs, "2.31 million"), "now", "audit-unsupported",
                  "unsupported", "info", NULL, NULL, NULL);
    fc_findings_free(fs);
    draft_free(&dr);

    /* a draft without figures */
    dr = make_draft("empty", "Nothing to count here.\n", "2024-04-01");
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 0, 0, 0, 0, 0, 0, 0, 0);
    assert_int_equal(fc_findings_count(fs), 0);
    fc_findings_free(fs);
    draft_free(&dr);
    fc_store_close(s);
    fc_buf_free(&b);
    fc_doc_free(docs[0]);
    fc_doc_free(docs[1]);
    fc_diags_free(d);
}

/* ---- 2. fc_report_annotated ------------------------------------------------------ */

static char *annotate(const draft *dr, int markdown, const fc_findings *fs,
                      const fc_audit_stats *st, size_t *outlen) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(fc_report_annotated(fp, dr->orig, dr->len, markdown,
                                         dr->doc->id, fs, st),
                     FC_OK);
    assert_int_equal(fclose(fp), 0);
    *outlen = len;
    return buf;
}

/* out without every occurrence of the marks "[^fcN]" (markdown) or " [N]"
** (text) in its first `upto` bytes. */
static char *strip_marks(const char *out, size_t upto, int markdown) {
    char *r = malloc(upto + 1);
    size_t i = 0, n = 0;
    assert_non_null(r);
    while (i < upto) {
        const char *p = out + i;
        size_t k = 0;
        if (markdown && !strncmp(p, "[^fc", 4)) {
            k = 4;
            while (p[k] >= '0' && p[k] <= '9') k++;
            k = k > 4 && p[k] == ']' ? k + 1 : 0;
        } else if (!markdown && !strncmp(p, " [", 2)) {
            k = 2;
            while (p[k] >= '0' && p[k] <= '9') k++;
            k = k > 2 && p[k] == ']' ? k + 1 : 0;
        }
        if (k) {
            i += k;
            continue;
        }
        r[n++] = out[i++];
    }
    r[n] = '\0';
    return r;
}

static void test_annotated_markdown(void **state) {
    fc_store *s = reference();
    draft dr = make_draft("cars", draft_all, NULL);
    fc_audit_stats st;
    fc_findings *fs = run_audit(s, rs, &dr, &st);
    size_t len;
    char *out = annotate(&dr, 1, fs, &st, &len), *notes, *body;
    (void)state;
    /* marks right after each figure, numbered in text order */
    assert_contains(out, "now has 2.31 million[^fc1] 5G\n");
    assert_contains(out, "reached 3.5 million[^fc2].\n");
    assert_contains(out, "accounts for 30.2%[^fc3] of GDP");
    assert_contains(out, "to 48 billion yuan[^fc4] in 2022");
    assert_contains(out, "reached 1.2 million[^fc5].\n");
    assert_contains(out, "has more than 70,000[^fc6] specialised");
    assert_null(strstr(out, "[^fc7]"));
    /* supported and unsupported figures carry no mark */
    assert_contains(out, "reached 7.058 million. China");
    assert_contains(out, "\n450 exhibitors. About 2,100 smart");

    /* the notes after the text, one a line, in number order */
    notes = strstr(out, "\n[^fc1]: ");
    assert_non_null(notes);
    assert_contains(notes, "[^fc1]: **stale** (warning): the draft gives 2.31 "
                           "million");
    assert_contains(notes, "\n[^fc2]: **contradicted** (error): the draft "
                           "gives 3.5 million");
    assert_contains(notes, "\n[^fc3]: **basis confusion** (warning): ");
    assert_contains(notes, "\n[^fc4]: **scale slip** (error): ");
    assert_contains(notes, "\n[^fc5]: **rounding** (info): ");
    assert_contains(notes, "\n[^fc6]: **population confusion** (warning): ");
    assert_true(strstr(notes, "[^fc1]:") < strstr(notes, "[^fc2]:"));
    assert_true(strstr(notes, "[^fc5]:") < strstr(notes, "[^fc6]:"));
    /* then the unsupported figures, with their lines, then the summary */
    assert_contains(notes, "\n\n**Figures no reference supports:**\n\n"
                           "- line 12: 450 (450) for exhibitor, as-of 2024-04-10: no "
                           "reference figure for this metric");
    assert_contains(notes, "\n- line 12: About 2,100 (2,100) for "
                           "factories.smart.count, as-of 2024-04-10: no "
                           "reference figure");
    {
        const char *tail = "\n*factcheck: 9 figures checked: 1 supported, 1 "
                           "stale, 1 contradicted, 2 unsupported, 2 basis or "
                           "population confusions, 1 scale slip, 1 "
                           "rounding.*\n";
        assert_true(len > strlen(tail));
        assert_string_equal(out + len - strlen(tail), tail);
    }

    /* the original, byte for byte, once the marks and notes are removed:
       front matter, code, comment and links included */
    body = strip_marks(out, (size_t)(notes - out), 1);
    assert_string_equal(body, dr.orig);
    free(body);
    free(out);
    fc_findings_free(fs);
    draft_free(&dr);
    fc_store_close(s);
}

static void test_annotated_text(void **state) {
    static const char txt[] =
        "Notes for the column.\n"
        "China now has 2.31 million 5G base stations. In 2021 NEV production\n"
        "reached 3.5 million. The fair drew 450 exhibitors.";   /* no final \n */
    fc_store *s = reference();
    draft dr = make_draft("col", txt, "2024-04-10");
    fc_audit_stats st;
    fc_findings *fs = run_audit(s, rs, &dr, &st);
    size_t len;
    char *out = annotate(&dr, 0, fs, &st, &len), *notes, *body;
    (void)state;
    assert_stats(&st, 3, 0, 1, 1, 0, 0, 0, 1);
    assert_contains(out, "now has 2.31 million [1] 5G base");
    assert_contains(out, "reached 3.5 million [2]. The fair drew 450 "
                         "exhibitors.\n");
    notes = strstr(out, "\n\n---- Notes from factcheck ----\n");
    assert_non_null(notes);
    assert_contains(notes, "\n[1] stale (warning): the draft gives 2.31 "
                           "million");
    assert_contains(notes, "\n[2] contradicted (error): the draft gives 3.5 "
                           "million");
    assert_contains(notes, "\n\n---- Figures no reference supports ----\n"
                           "  line 3: 450 (450) for exhibitor, 2021: no reference "
                           "figure for this metric and period");
    assert_contains(notes, "\n\nfactcheck: 3 figures checked: 0 supported, 1 "
                           "stale, 1 contradicted, 1 unsupported, 0 basis or "
                           "population confusions, 0 scale slips, 0 "
                           "rounding.\n");
    assert_null(strstr(out, "[^fc"));
    /* the text unchanged apart from the marks; the notes begin with the
       newline added after its last line */
    body = strip_marks(out, (size_t)(notes - out), 0);
    assert_string_equal(body, dr.orig);
    free(body);
    free(out);
    fc_findings_free(fs);
    draft_free(&dr);
    fc_store_close(s);
}

static void test_annotated_shared_position(void **state) {
    fc_store *s = reference();
    draft dr = make_draft("self", draft_self, "2024-04-10");
    fc_audit_stats st;
    fc_findings *fs = run_audit(s, rs, &dr, &st);
    size_t len, n1, n2;
    char *out, *body, *notes;
    const char *first = NULL;
    (void)state;
    /* the figures-agree finding is marked at its first fact of the draft,
       which also has its own contradiction: two marks at one place */
    {
        size_t i;
        for (i = 0; i < fc_findings_count(fs); i++)
            if (!strcmp(fc_findings_get(fs, i)->kind, "agree"))
                first = fc_findings_get(fs, i)->facts[0]->text;
    }
    assert_non_null(first);
    out = annotate(&dr, 1, fs, &st, &len);
    if (!strcmp(first, "1.1 million")) {
        assert_contains(out, "reached 1.1 million[^fc1][^fc2], while");
        assert_contains(out, "at 1.9 million[^fc3] in 2020");
        n1 = 1;
        n2 = 3;
    } else {
        assert_contains(out, "reached 1.1 million[^fc1], while");
        assert_contains(out, "at 1.9 million[^fc2][^fc3] in 2020");
        n1 = 1;
        n2 = 2;
    }
    notes = strstr(out, "\n[^fc1]: ");
    assert_non_null(notes);
    {
        char want[64];
        snprintf(want, sizeof want, "[^fc%zu]: **contradicted** (error): the "
                                    "draft gives 1.1", n1);
        assert_contains(notes, want);
        snprintf(want, sizeof want, "[^fc%zu]: **contradicted** (error): the "
                                    "draft gives 1.9", n2);
        assert_contains(notes, want);
        /* the rules' finding is labelled with its rule */
        assert_contains(notes, "**figures-agree** (error): ");
    }
    body = strip_marks(out, (size_t)(notes - out), 1);
    assert_string_equal(body, dr.orig);
    free(body);
    free(out);
    fc_findings_free(fs);
    draft_free(&dr);
    fc_store_close(s);
}

/* Findings made by hand: marks of a fact outside the draft, of a baselined
** finding, or past the end of the text are not written; two findings at
** one figure share its position, numbered in findings order. */
static void test_annotated_crafted(void **state) {
    static const char text[] = "Alpha 10 and beta 20.\n";
    fc_findings *fs = fc_findings_new();
    fc_fact *a = fc_fact_new(), *b = fc_fact_new(), *other = fc_fact_new(),
            *past = fc_fact_new(), *pair[2];
    const char *roles[2] = {"draft", "reference"};
    fc_audit_stats st;
    draft dr;
    size_t len;
    char *out, *body;
    (void)state;
    assert_non_null(fs);
    dr.orig = fc_strdup(text);
    dr.len = strlen(text);
    dr.doc = new_doc("t", text, "2024-01-01");
    assert_int_equal(fc_fact_set(&a->id, "t-001"), FC_OK);
    assert_int_equal(fc_fact_set(&a->doc, "t"), FC_OK);
    assert_int_equal(fc_fact_set(&a->text, "10"), FC_OK);
    a->span.start = 6;
    a->span.end = 8;
    a->span.line = 1;
    assert_int_equal(fc_fact_set(&b->id, "t-002"), FC_OK);
    assert_int_equal(fc_fact_set(&b->doc, "t"), FC_OK);
    assert_int_equal(fc_fact_set(&b->text, "20"), FC_OK);
    b->span.start = 18;
    b->span.end = 20;
    b->span.line = 1;
    assert_int_equal(fc_fact_set(&other->id, "r-1"), FC_OK);
    assert_int_equal(fc_fact_set(&other->doc, "r"), FC_OK);
    other->span.start = 0;
    other->span.end = 3;
    assert_int_equal(fc_fact_set(&past->id, "t-009"), FC_OK);
    assert_int_equal(fc_fact_set(&past->doc, "t"), FC_OK);
    past->span.start = 30;
    past->span.end = 40;

    /* in findings order: b's conflict, a's two findings, then ignored ones */
    pair[0] = b;
    pair[1] = other;
    assert_int_equal(fc_findings_append(fs, "audit-contradicted", "audit",
                                        "value_conflict", "error", "b wrong",
                                        pair, roles, 2), FC_OK);
    pair[0] = a;
    assert_int_equal(fc_findings_append(fs, "audit-scale-slip", "audit",
                                        "unit_or_scale_slip", "error",
                                        "a slipped", pair, roles, 2), FC_OK);
    /* the reference's fact first: the mark goes to the draft's one */
    pair[0] = other;
    pair[1] = a;
    assert_int_equal(fc_findings_append(fs, "some-rule", "agree",
                                        "value_conflict", "warning",
                                        "a again\nover two lines", pair, NULL,
                                        2), FC_OK);
    pair[0] = a;
    assert_int_equal(fc_findings_append(fs, "audit-stale", "audit",
                                        "period_difference", "warning",
                                        "accepted", pair, roles, 1), FC_OK);
    fc_findings_at(fs, 3)->baselined = 1;
    pair[0] = past;
    assert_int_equal(fc_findings_append(fs, "audit-contradicted", "audit",
                                        "value_conflict", "error", "past end",
                                        pair, roles, 1), FC_OK);
    pair[0] = a;
    assert_int_equal(fc_findings_append(fs, "audit-supported", "audit",
                                        "supported", "info", "fine", pair,
                                        roles, 1), FC_OK);
    memset(&st, 0, sizeof st);
    st.figures = 2;
    st.contradicted = 1;
    st.slips = 1;

    out = annotate(&dr, 0, fs, &st, &len);
    assert_string_equal(out,
                        "Alpha 10 [1] [2] and beta 20 [3].\n"
                        "\n---- Notes from factcheck ----\n"
                        "[1] scale slip (error): a slipped\n"
                        "[2] some-rule (warning): a again over two lines\n"
                        "[3] contradicted (error): b wrong\n"
                        "\nfactcheck: 2 figures checked: 0 supported, 0 "
                        "stale, 1 contradicted, 0 unsupported, 0 basis or "
                        "population confusions, 1 scale slip, 0 rounding.\n");
    body = strip_marks(out, strlen("Alpha 10 [1] [2] and beta 20 [3].\n"), 0);
    assert_string_equal(body, text);
    free(body);
    free(out);

    /* no findings: the text as it is, and the summary */
    fc_findings_free(fs);
    fs = fc_findings_new();
    memset(&st, 0, sizeof st);
    out = annotate(&dr, 1, fs, &st, &len);
    assert_string_equal(out, "Alpha 10 and beta 20.\n"
                             "\n*factcheck: 0 figures checked: 0 supported, 0 "
                             "stale, 0 contradicted, 0 unsupported, 0 basis or "
                             "population confusions, 0 scale slips, 0 "
                             "rounding.*\n");
    free(out);
    fc_findings_free(fs);
    fc_fact_free(a);
    fc_fact_free(b);
    fc_fact_free(other);
    fc_fact_free(past);
    draft_free(&dr);
}

/* ---- 3. the HTML report of an audit ------------------------------------------- */

/* The number of times needle occurs in hay[0..n). */
static size_t count_in(const char *hay, size_t n, const char *needle) {
    size_t k = 0, len = strlen(needle);
    const char *p = hay, *end = hay + n;
    while (p < end && (p = strstr(p, needle)) && p < end) {
        k++;
        p += len;
    }
    return k;
}

/* The page is about the draft: titled as its audit, the draft before the
** summary, each figure marked in place by the verdict of its finding with
** that finding's message and the reference figure in its title; the
** verdicts counted; markup in the draft is text. */
static void test_audit_html(void **state) {
    static const char markup[] = "Markup <script>alert(x)</script> & \"co\".\n";
    fc_store *s = reference();
    char *text = malloc(sizeof draft_all + sizeof markup), *html = NULL;
    const char *heading = strstr(draft_all, "# Cars");
    size_t hl = (size_t)(strchr(heading, '\n') - draft_all) + 1, len = 0, i;
    draft dr;
    fc_audit_stats st;
    fc_findings *fs;
    fc_report_opts ro;
    const fc_doc *docs[1];
    const char *sec_draft, *sec_summary, *article, *article_end;
    fc_diags *d = fc_diags_new();
    FILE *fp;
    (void)state;
    assert_non_null(text);
    /* the draft of every class, with a line of markup after its heading */
    memcpy(text, draft_all, hl);
    memcpy(text + hl, markup, sizeof markup - 1);
    memcpy(text + hl + sizeof markup - 1, draft_all + hl, sizeof draft_all - hl);
    dr = make_draft("cars", text, NULL);
    fs = run_audit(s, rs, &dr, &st);
    assert_stats(&st, 9, 1, 1, 1, 2, 1, 1, 2);

    memset(&ro, 0, sizeof ro);
    docs[0] = dr.doc;
    ro.format = "html";
    ro.docs = docs;
    ro.ndocs = 1;
    ro.audit = &st;
    fp = open_memstream(&html, &len);
    assert_non_null(fp);
    assert_int_equal(fc_report_write(fp, fs, s, &ro, d), FC_OK);
    assert_int_equal(fclose(fp), 0);

    assert_contains(html, "<title>factcheck audit of cars: 9 figures checked"
                          "</title>");
    assert_contains(html, "<h1>Audit of cars</h1>");
    assert_null(strstr(html, "Discrepancy report"));
    sec_draft = strstr(html, "<section id=\"draft\">");
    sec_summary = strstr(html, "<section id=\"summary\">");
    assert_non_null(sec_draft);
    assert_non_null(sec_summary);
    assert_true(sec_draft < sec_summary);
    article = strstr(sec_draft, "<article class=\"doc draft\"");
    article_end = strstr(sec_draft, "</article>");
    assert_non_null(article);
    assert_non_null(article_end);
    assert_true(article_end < sec_summary);
    /* the draft's markup is text: the page's two scripts only */
    assert_contains(sec_draft, "Markup &lt;script&gt;alert(x)&lt;/script&gt; "
                               "&amp; &quot;co&quot;.");
    assert_int_equal(count_in(html, len, "<script"), 2);
    /* every figure marked once, inside the draft's article */
    assert_int_equal(count_in(article, (size_t)(article_end - article),
                              "<mark class=\"fig hit verdict v-"),
                     st.figures);
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        const char *v = rp_audit_verdict(f), *m, *t, *tend;
        char want[256];
        assert_non_null(v);
        /* the mark of its figure, at its span, with its verdict */
        snprintf(want, sizeof want, "-%lld-%lld\" title=\"%s (%s): ",
                 f->facts[0]->span.start, f->facts[0]->span.end, v,
                 f->severity);
        m = strstr(article, want);
        if (!m || m > article_end)
            fail_msg("no %s mark at %lld-%lld", v, f->facts[0]->span.start,
                     f->facts[0]->span.end);
        while (m > article && strncmp(m, "<mark ", 6)) m--;
        snprintf(want, sizeof want,
                 "<mark class=\"fig hit verdict v-%s\" data-verdict=\"%s\" "
                 "id=\"d",
                 v, v);
        assert_int_equal(strncmp(m, want, strlen(want)), 0);
        t = strstr(m, "title=\"") + 7;
        tend = strchr(t, '"');
        /* the title: the verdict, the message, the reference figure */
        t += strlen(v) + strlen(f->severity) + strlen(" (): ");
        if (!strchr(f->message, '"') && !strchr(f->message, '&') &&
            !strchr(f->message, '<') && !strchr(f->message, '\''))
            assert_int_equal(strncmp(t, f->message, strlen(f->message)), 0);
        if (f->nfacts > 1) {
            snprintf(want, sizeof want, "\n%s: %s", f->roles[1],
                     f->facts[1]->doc);
            assert_true(strstr(t, want) && strstr(t, want) < tend);
        }
        /* and a link to the finding, named by the verdict */
        snprintf(want, sizeof want, "<a class=\"vw v-%s\" href=\"#f-%s\">%s"
                                    "</a>", v, f->id, v);
        assert_true(strstr(m, want) && strstr(m, want) < article_end);
        snprintf(want, sizeof want, "<details class=\"finding sev-%s\" open "
                                    "id=\"f-%s\"", f->severity, f->id);
        assert_contains(html, want);
    }
    /* the counts of the verdicts */
    assert_contains(html, "<tr class=\"v-confused\" data-verdict=\"confused\">"
                          "<td><span class=\"pill\">confused</span></td>"
                          "<td class=\"n\">2</td>");
    assert_contains(html, "<div class=\"stat v-unsupported\"><b>2</b>");
    free(html);
    fc_diags_free(d);
    fc_findings_free(fs);
    draft_free(&dr);
    free(text);
    fc_store_close(s);
}

static void test_audit_summary(void **state) {
    fc_audit_stats st = {1, 1, 0, 0, 1, 0, 0, 0};
    char buf[400], small[16];
    (void)state;
    fc_audit_summary(&st, buf, sizeof buf);
    assert_string_equal(buf, "1 figure checked: 1 supported, 0 stale, 0 "
                             "contradicted, 0 unsupported, 1 basis or "
                             "population confusion, 0 scale slips, 0 "
                             "rounding");
    fc_audit_summary(&st, small, sizeof small);
    assert_string_equal(small, "1 figure checke");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_audit_classes),
        cmocka_unit_test(test_audit_spans_in_original),
        cmocka_unit_test(test_audit_as_of_draft_date),
        cmocka_unit_test(test_audit_self_check),
        cmocka_unit_test(test_audit_extracted_reference),
        cmocka_unit_test(test_annotated_markdown),
        cmocka_unit_test(test_annotated_text),
        cmocka_unit_test(test_annotated_shared_position),
        cmocka_unit_test(test_annotated_crafted),
        cmocka_unit_test(test_audit_summary),
        cmocka_unit_test(test_audit_html),
    };
    return cmocka_run_group_tests(tests, setup_rules, teardown_rules);
}
