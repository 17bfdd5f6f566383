/*
** test_realtext_mutations.c -- the default rulebook (rules/) over the
** real-text corpus (../shared/realtext), one figure changed at a time.
**
** Each test copies the 38 excerpts and their manifest into a mkdtemp
** folder, replaces one figure of one excerpt (a few bytes, unique in that
** excerpt), extracts, loads and checks the copy, and asserts the finding
** the rules must raise: its rule, type and severity, and the exact span
** and quote of every figure it connects.  Where the unchanged corpus
** could already hold the finding, the test checks that it does not, so
** the finding is the mutation's doing.
**
** The excerpts are read at test time (tests run from the repository
** root); SOURCES.md there says which excerpts report the same figures.
** Mutations the rules should flag but do not (or flag at another
** severity) are not here: a test bent to pass would hide the gap, and
** the engine is not this file's to change.  They were reported with the
** change that added this file.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "internal.h"
#include "testutil.h"
#include "testcorpus.h"

#define RT_DOCS "../shared/realtext"
#define RT_MANIFEST RT_DOCS "/manifest.json"

static fc_lexicon *lx;
static fc_rules *rs;
/* The corpus as published, read once: every copy is written from it. */
static fc_manifest *corpus;

/* ---- helpers: files ------------------------------------------------------ */




/* A fresh folder holding a byte-for-byte copy of the excerpts and of the
** manifest (whose relative paths then point into the folder). */
static void copy_corpus(char *dir, size_t size) {
    const char *base = getenv("TMPDIR");
    char path[1024], *man;
    size_t i, len;
    snprintf(dir, size, "%s/fc_realtext_XXXXXX",
             base && *base ? base : "/tmp");
    assert_non_null(mkdtemp(dir));
    for (i = 0; i < corpus->ndocs; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, corpus->docs[i]->path);
        spill(path, corpus->docs[i]->text, corpus->docs[i]->len);
    }
    man = slurp(RT_MANIFEST, &len);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    spill(path, man, len);
    free(man);
}


/* Replace the one occurrence of `from` in excerpt doc of the copy in dir
** with `to`; nothing else changes.  A `from` that is not unique would
** make the test's intent ambiguous, so it fails the test. */
static void mutate(const char *dir, const char *doc, const char *from,
                   const char *to) {
    const fc_doc *src = fc_manifest_get(corpus, doc);
    char path[1024], *text, *out, *at;
    size_t len, lf = strlen(from), lt = strlen(to);
    assert_non_null(src);
    snprintf(path, sizeof path, "%s/%s", dir, src->path);
    text = slurp(path, &len);
    if (count_of(text, len, from) != 1)
        fail_msg("\"%s\" occurs %zu times in document %s, not once", from,
                 count_of(text, len, from), doc);
    at = strstr(text, from);
    out = malloc(len - lf + lt + 1);
    assert_non_null(out);
    memcpy(out, text, (size_t)(at - text));
    memcpy(out + (at - text), to, lt);
    memcpy(out + (at - text) + lt, at + lf, len - (size_t)(at - text) - lf);
    spill(path, out, len - lf + lt);
    free(out);
    free(text);
}

/* Give the documents ids[0..n) of the copy's manifest the event `event`.
** The published manifest names no events, though some excerpts are
** accounts of one press conference; the tests of one event say so. */
static void set_event(const char *dir, const char *const *ids, size_t n,
                      const char *event) {
    char path[1024];
    json_t *man, *docs;
    json_error_t err;
    size_t i, k, found = 0;
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    man = json_load_file(path, 0, &err);
    assert_non_null(man);
    docs = json_object_get(man, "documents");
    assert_true(json_is_array(docs));
    for (i = 0; i < json_array_size(docs); i++) {
        json_t *doc = json_array_get(docs, i);
        const char *id = json_string_value(json_object_get(doc, "id"));
        for (k = 0; k < n; k++)
            if (id && !strcmp(id, ids[k])) {
                json_object_set_new(doc, "event", json_string(event));
                found++;
            }
    }
    assert_int_equal(found, n);
    assert_int_equal(json_dump_file(man, path, JSON_INDENT(1)), 0);
    json_decref(man);
}

/* ---- helpers: extraction, load, check ------------------------------------ */



/* Facts of every document of m in manifest order, as JSON Lines. */
static char *extract_all(const fc_manifest *m, size_t *len) {
    fc_buf b;
    size_t i;
    fc_diags *d = fc_diags_new();
    fc_buf_init(&b);
    for (i = 0; i < m->ndocs; i++)
        assert_int_equal(fc_extract(lx, m->docs[i], to_jsonl, &b, d), FC_OK);
    assert_no_errors(d);
    fc_diags_free(d);
    assert_false(b.oom);
    *len = b.len;
    if (!b.data) {
        fc_buf_puts(&b, "");
        *len = 0;
    }
    return fc_buf_take(&b);
}

/* Extract every document of the copy's manifest, load the facts (one
** buffer) and check them with the default rules. */
static void run_copy(run *r) {
    fc_diags *d = fc_diags_new();
    const char *names[1] = {"facts.jsonl"};
    const char *bufs[1];
    size_t lens[1];
    char path[1024];
    int rc;
    snprintf(path, sizeof path, "%s/manifest.json", r->dir);
    assert_int_equal(fc_manifest_load(&r->m, path, NULL, d), FC_OK);
    assert_no_errors(d);
    r->facts = extract_all(r->m, &r->len);
    bufs[0] = r->facts;
    lens[0] = r->len;
    assert_int_equal(fc_store_open(&r->s, NULL, d), FC_OK);
    rc = fc_store_load_buffers(r->s, r->m, names, bufs, lens, 1, NULL, d);
    if (rc != FC_OK) print_diags(d);
    assert_int_equal(rc, FC_OK);
    rc = fc_check(r->s, rs, &r->fs, d);
    if (rc != FC_OK) print_diags(d);
    assert_int_equal(rc, FC_OK);
    assert_no_errors(d);
    fc_diags_free(d);
}


/* The runs of the current test, released by its teardown even when an
** assertion fails half-way (and the copies' folders removed with them). */
static run R1, R2, R3;

static int free_runs(void **state) {
    (void)state;
    run_free(&R1);
    run_free(&R2);
    run_free(&R3);
    return 0;
}

/* A copy of the corpus, not yet run: for a manifest edited first. */
static void start_copy(run *r) {
    memset(r, 0, sizeof *r);
    copy_corpus(r->dir, sizeof r->dir);
}

/* The corpus as published (in a copy, like the mutants). */
static void run_unchanged(run *r) {
    start_copy(r);
    run_copy(r);
}

/* A copy of the corpus with one replacement. */
static void run_mutant(run *r, const char *doc, const char *from,
                       const char *to) {
    start_copy(r);
    mutate(r->dir, doc, from, to);
    run_copy(r);
}

/* ---- helpers: findings --------------------------------------------------- */

static void dump(const fc_findings *fs) {
    size_t i, k;
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        print_message("  [%zu] %s %s %s %s\n", i, f->id, f->rule, f->type,
                      f->severity);
        for (k = 0; k < f->nfacts; k++) {
            const fc_fact *x = f->facts[k];
            print_message("        %s [%lld,%lld) \"%s\" %s period=%s "
                          "role=%s\n",
                          x->doc, x->span.start, x->span.end,
                          x->text ? x->text : "", x->metric ? x->metric : "-",
                          x->period ? x->period : "-",
                          f->roles[k] ? f->roles[k] : "-");
        }
    }
}




/* Findings of rule (NULL: any) with a fact of this metric. */
static size_t count_metric(const fc_findings *fs, const char *rule,
                           const char *metric) {
    size_t i, k, n = 0;
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (rule && strcmp(f->rule, rule) != 0) continue;
        for (k = 0; k < f->nfacts; k++)
            if (str_eq(f->facts[k]->metric, metric)) {
                n++;
                break;
            }
    }
    return n;
}

/* Findings of this type, whatever their rule. */
static size_t count_type(const fc_findings *fs, const char *type) {
    size_t i, n = 0;
    for (i = 0; i < fc_findings_count(fs); i++)
        if (!strcmp(fc_findings_get(fs, i)->type, type)) n++;
    return n;
}


/* One expected figure of a finding: in document doc, the text quote, which
** is the first occurrence of quote inside anchor, and anchor occurs once in
** the document.  role NULL: not checked. */


/* The finding of rule over exactly the facts of w (in any order, each
** fact a different one), whatever its type and severity; NULL if none. */
static const fc_finding *lookup(const run *r, const char *rule,
                                const want *w, size_t nw) {
    size_t i, k, j;
    for (i = 0; i < fc_findings_count(r->fs); i++) {
        const fc_finding *f = fc_findings_get(r->fs, i);
        int ok = 1;
        if (strcmp(f->rule, rule) != 0 || f->nfacts != nw) continue;
        for (k = 0; k < nw && ok; k++)
            if (fact_at(f, w[k].doc, w[k].quote) < 0) ok = 0;
        for (k = 0; k < nw && ok; k++)
            for (j = k + 1; j < nw && ok; j++)
                if (fact_at(f, w[k].doc, w[k].quote) ==
                    fact_at(f, w[j].doc, w[j].quote))
                    ok = 0;
        if (ok) return f;
    }
    return NULL;
}

/* The finding of rule over the facts of w; its type and severity must be
** as given, and every fact's span and role exact. */
static const fc_finding *expect(const run *r, const char *rule,
                                const char *type, const char *severity,
                                const want *w, size_t nw) {
    const fc_finding *f = lookup(r, rule, w, nw);
    size_t k;
    if (!f) {
        dump(r->fs);
        if (nw >= 2)
            fail_msg("no %s finding between %s \"%s\" and %s \"%s\"", rule,
                     w[0].doc, w[0].quote, w[1].doc, w[1].quote);
        fail_msg("no %s finding over %s \"%s\"", rule, w[0].doc, w[0].quote);
        return NULL;
    }
    if (strcmp(f->type, type) != 0 || strcmp(f->severity, severity) != 0) {
        dump(r->fs);
        fail_msg("%s: found as %s/%s, expected %s/%s", rule, f->type,
                 f->severity, type, severity);
    }
    for (k = 0; k < nw; k++) {
        int j = fact_at(f, w[k].doc, w[k].quote);
        assert_span(r, f->facts[j], &w[k]);
        if (w[k].role && !str_eq(f->roles[j], w[k].role))
            fail_msg("%s: %s \"%s\" has role %s, expected %s", rule, w[k].doc,
                     w[k].quote, f->roles[j] ? f->roles[j] : "(none)",
                     w[k].role);
    }
    return f;
}

/* Of two sets of figures that differ only in which of two twin reports
** gives one figure (R06 and R07 print the same story), the one the
** finding uses: the rules may take either twin, and the test should not
** care which. */
static const want *either(const run *r, const char *rule, const want *a,
                          const want *b, size_t nw) {
    return lookup(r, rule, a, nw) ? a : b;
}

/* Whether the finding's link (why its figures were taken as one) says
** `words`. */
static void assert_link(const fc_finding *f, const char *words) {
    if (!f->link || !strstr(f->link, words))
        fail_msg("link of %s is \"%s\", expected it to say \"%s\"", f->rule,
                 f->link ? f->link : "(none)", words);
}

/* ---- group setup --------------------------------------------------------- */

static int group_setup(void **state) {
    fc_diags *d = fc_diags_new();
    const char *dirs[1] = {"rules"};
    int rc;
    (void)state;
    rc = fc_lexicon_load(&lx, "rules", d);
    if (rc == FC_OK) rc = fc_rules_load(&rs, dirs, 1, lx, d);
    if (rc == FC_OK) rc = fc_manifest_load(&corpus, RT_MANIFEST, NULL, d);
    if (rc != FC_OK || fc_diags_errors(d)) {
        print_diags(d);
        fc_diags_free(d);
        return -1;
    }
    fc_diags_free(d);
    return 0;
}

static int group_teardown(void **state) {
    (void)state;
    fc_manifest_free(corpus);
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    return 0;
}

/* ========================================================================== */
/* Counts of one stock                                                        */
/* ========================================================================== */

/* The 5G base stations at the end of 2024 (R23) and in a release three
** weeks later (R22) already differ a little (a warning: two dates within
** the stock's reporting window).  The year-end count raised far above the
** later one: still one point in time, so still only a warning, and now a
** fall between the two dates as well. */
static void test_mut_near_dates_conflict(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[2] = {
        {"R23", "with 4.91 million", "4.91 million", NULL},
        {"R22", "hit 4.25 million", "4.25 million", NULL}};
    static const want fell[2] = {
        {"R23", "with 4.91 million", "4.91 million", "earlier"},
        {"R22", "hit 4.25 million", "4.25 million", "later"}};
    static const want before[2] = {
        {"R23", "with 4.19 million", "4.19 million", NULL},
        {"R22", "hit 4.25 million", "4.25 million", NULL}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    f = expect(u, "figures-agree", FC_TYPE_VALUE_CONFLICT, "warning", before,
               2);
    assert_link(f, "days apart");
    assert_false(any_with(u->fs, "level-fell", "R23", "4.19 million"));
    run_mutant(r, "R23", "with 4.19 million", "with 4.91 million");
    f = expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "warning", w, 2);
    assert_link(f, "days apart");
    f = expect(r, "level-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", fell, 2);
    assert_string_equal(f->facts[fact_at(f, "R23", "4.91 million")]->period,
                        "2024-12");
}

/* The later count brought into line with the year-end one (4.2 million
** holds 4.19 million): the warning between them goes away, and nothing
** else takes up the year-end figure. */
static void test_mut_near_dates_agree(void **state) {
    run *r = &R1, *u = &R2;
    static const want before[2] = {
        {"R23", "with 4.19 million", "4.19 million", NULL},
        {"R22", "hit 4.25 million", "4.25 million", NULL}};
    (void)state;
    run_unchanged(u);
    expect(u, "figures-agree", FC_TYPE_VALUE_CONFLICT, "warning", before, 2);
    run_mutant(r, "R22", "hit 4.25 million", "hit 4.2 million");
    if (any_with(r->fs, "figures-agree", "R23", "4.19 million")) dump(r->fs);
    assert_false(any_with(r->fs, "figures-agree", "R23", "4.19 million"));
    assert_false(any_with(r->fs, "level-fell", "R23", "4.19 million"));
}

/* Two reports of the count at the end of November 2023 (R03, R05), both
** "more than": 4.38 million cannot be right if 3.28 million (read as
** 3.28 to 4.28 million) is, and the rule keeps its severity.  The count
** also falls from November 2023 to the end of 2024 (R23, 4.19 million). */
static void test_mut_same_date_hedges_apart(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[2] = {
        {"R03", "exceeding 3.28 million", "exceeding 3.28 million", NULL},
        {"R05", "exceeded 4.38 million", "exceeded 4.38 million", NULL}};
    static const want fell[2] = {
        {"R05", "exceeded 4.38 million", "exceeded 4.38 million", "earlier"},
        {"R23", "with 4.19 million", "4.19 million", "later"}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    assert_false(any_with(u->fs, "figures-agree", "R05",
                          "exceeded 3.28 million"));
    assert_int_equal(
        count_metric(u->fs, "level-fell", "telecom.5g_base_stations"), 0);
    run_mutant(r, "R05", "exceeded 3.28 million", "exceeded 4.38 million");
    f = expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "error", w, 2);
    assert_string_equal(f->kind, "agree");
    assert_string_equal(f->facts[0]->metric, "telecom.5g_base_stations");
    assert_string_equal(f->facts[0]->period, "2023-11");
    expect(r, "level-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", fell, 2);
}

/* The same two reports, "more than 2.28 million" against "more than 3.28
** million": apart only if a hedge is read as truncated (below 3.28
** million), so a conflict, but at most a warning, and the link says why. */
static void test_mut_same_date_hedges_touch(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"R05", "exceeded 2.28 million", "exceeded 2.28 million", NULL},
        {"R03", "exceeding 3.28 million", "exceeding 3.28 million", NULL}};
    const fc_finding *f;
    (void)state;
    run_mutant(r, "R05", "exceeded 3.28 million", "exceeded 2.28 million");
    f = expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "warning", w, 2);
    assert_link(f, "truncated");
    /* July's 3.055 million lies within what the hedge allows: no fall */
    assert_false(any_with(r->fs, "level-fell", "R05", "exceeded 2.28 million"));
}

/* The count given as 3.25 million in January 2025, after nearly 3.38
** million at the end of 2023 (R06 and R07 print the same story) and 4.19
** million at the end of 2024: a stock that falls, twice. */
static void test_mut_stock_fell_between_years(void **state) {
    run *r = &R1;
    static const want from06[2] = {
        {"R06", "nearly 3.38 million", "nearly 3.38 million", "earlier"},
        {"R22", "hit 3.25 million", "3.25 million", "later"}};
    static const want from07[2] = {
        {"R07", "nearly 3.38 million", "nearly 3.38 million", "earlier"},
        {"R22", "hit 3.25 million", "3.25 million", "later"}};
    static const want from23[2] = {
        {"R23", "with 4.19 million", "4.19 million", "earlier"},
        {"R22", "hit 3.25 million", "3.25 million", "later"}};
    const fc_finding *f;
    const want *w;
    (void)state;
    run_mutant(r, "R22", "hit 4.25 million", "hit 3.25 million");
    w = either(r, "level-fell", from06, from07, 2);
    f = expect(r, "level-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", w, 2);
    assert_string_equal(f->kind, "trend");
    assert_string_equal(f->facts[fact_at(f, w[0].doc, w[0].quote)]->period,
                        "2023");
    assert_string_equal(f->facts[fact_at(f, "R22", "3.25 million")]->period,
                        "as-of 2025-01-21");
    expect(r, "level-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", from23, 2);
}

/* ========================================================================== */
/* Two reports of one event                                                   */
/* ========================================================================== */

/* R06 and R07 are one account of the MIIT press conference of 19 January
** 2024, and R15 reports the same conference.  Nearly 3.83 million base
** stations against nearly 3.38 million: an error, the official site the
** reference, and the link names the event. */
static void test_mut_one_event_count(void **state) {
    run *r = &R1, *plain = &R2, *u = &R3;
    static const char *const ids[3] = {"R06", "R07", "R15"};
    static const char event[] = "MIIT press conference, 2024-01-19";
    static const want w[2] = {
        {"R06", "nearly 3.38 million", "nearly 3.38 million", "reference"},
        {"R07", "nearly 3.83 million", "nearly 3.83 million", "checked"}};
    const fc_finding *f;
    (void)state;
    /* the agreeing figures of one event give no finding */
    start_copy(u);
    set_event(u->dir, ids, 3, event);
    run_copy(u);
    assert_false(
        any_with(u->fs, "figures-agree", "R06", "nearly 3.38 million"));
    start_copy(r);
    set_event(r->dir, ids, 3, event);
    mutate(r->dir, "R07", "nearly 3.38 million", "nearly 3.83 million");
    run_copy(r);
    f = expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "error", w, 2);
    assert_link(f, "reports of one event");
    /* without the event, the same error for another reason */
    run_mutant(plain, "R07", "nearly 3.38 million", "nearly 3.83 million");
    f = expect(plain, "figures-agree", FC_TYPE_VALUE_CONFLICT, "error", w, 2);
    assert_null(strstr(f->link ? f->link : "", "one event"));
}

/* The same event, 5G users: 850 million against 805 million.  What is
** counted is known only from the words around the figure (no lexicon
** entry), so even one event makes it a warning, not an error. */
static void test_mut_one_event_phrase_metric(void **state) {
    run *r = &R1;
    static const char *const ids[2] = {"R06", "R07"};
    static const want w[2] = {
        {"R06", "805 million", "805 million", "reference"},
        {"R07", "850 million", "850 million", "checked"}};
    const fc_finding *f;
    (void)state;
    start_copy(r);
    set_event(r->dir, ids, 2, "MIIT press conference, 2024-01-19");
    mutate(r->dir, "R07", "805 million", "850 million");
    run_copy(r);
    f = expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "warning", w, 2);
    assert_link(f, "reports of one event");
    assert_string_equal(f->facts[0]->metric_source, "phrase");
}

/* ========================================================================== */
/* Scale words                                                                */
/* ========================================================================== */

/* Nearly 3.38 billion base stations against nearly 3.38 million: a slip
** of scale words, an error; the unchanged corpus has no slip at all. */
static void test_mut_scale_slip(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[2] = {
        {"R06", "nearly 3.38 million", "nearly 3.38 million", "reference"},
        {"R07", "nearly 3.38 billion", "nearly 3.38 billion", "checked"}};
    (void)state;
    run_unchanged(u);
    assert_int_equal(count_type(u->fs, FC_TYPE_SCALE_SLIP), 0);
    run_mutant(r, "R07", "nearly 3.38 million", "nearly 3.38 billion");
    expect(r, "figures-agree", FC_TYPE_SCALE_SLIP, "error", w, 2);
    assert_int_equal(count_type(r->fs, FC_TYPE_SCALE_SLIP), 1);
}

/* A slip between two hedged figures of one date: "exceeded 3.28 billion"
** against "exceeding 3.28 million". */
static void test_mut_scale_slip_hedged(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"R03", "exceeding 3.28 million", "exceeding 3.28 million", NULL},
        {"R05", "exceeded 3.28 billion", "exceeded 3.28 billion", NULL}};
    (void)state;
    run_mutant(r, "R05", "exceeded 3.28 million", "exceeded 3.28 billion");
    expect(r, "figures-agree", FC_TYPE_SCALE_SLIP, "error", w, 2);
}

/* 6.3 billion unemployed against 6.3 million (December 2023): a slip, but
** of a metric known only by its phrase, so a warning. */
static void test_mut_scale_slip_phrase_metric(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"R27", "at 6.3 million", "6.3 million", NULL},
        {"R33", "6.3 billion unemployed", "6.3 billion", NULL}};
    (void)state;
    run_mutant(r, "R33", "6.3 million unemployed", "6.3 billion unemployed");
    expect(r, "figures-agree", FC_TYPE_SCALE_SLIP, "warning", w, 2);
}

/* ========================================================================== */
/* Levels over time, shares, streaks, growth, targets                         */
/* ========================================================================== */

/* NEV production of 2024 made 8.89 million, below 2023's 9.587 million: a
** flow that fell between years (a warning), and a contradiction of the
** same report's "exceeded 12 million" for 2024 (an error). */
static void test_mut_flow_fell(void **state) {
    run *r = &R1, *u = &R2;
    static const want fell[2] = {
        {"R08", "9.587 million", "9.587 million", "earlier"},
        {"R21", "reached 8.89 million", "8.89 million", "later"}};
    static const want w[2] = {
        {"R21", "reached 8.89 million", "8.89 million", NULL},
        {"R21", "exceeded 12 million", "exceeded 12 million", NULL}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    assert_int_equal(count_rule(u->fs, "flow-fell"), 0);
    run_mutant(r, "R21", "12.89 million", "8.89 million");
    f = expect(r, "flow-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", fell, 2);
    assert_string_equal(f->facts[0]->metric, "nev.production");
    expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "error", w, 2);
}

/* The share of 5G among mobile base stations made 126.9%: not a share. */
static void test_mut_share_out_of_range(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[1] = {{"R02", "for 126.9% of", "126.9%", NULL}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    assert_int_equal(count_rule(u->fs, "share-in-range"), 0);
    run_mutant(r, "R02", "26.9%", "126.9%");
    f = expect(r, "share-in-range", FC_TYPE_SHARE_RANGE, "error", w, 1);
    assert_string_equal(f->kind, "bound");
    assert_string_equal(f->facts[0]->metric,
                        "telecom.5g_base_stations.share");
    assert_int_equal(count_rule(r->fs, "share-in-range"), 1);
}

/* The employment excerpts, of another domain than the rules' own, get
** findings from the generic rules alone (the China domain left out): the
** payroll figures that later releases revised are revisions. */
static void test_generic_rules_other_domain(void **state) {
    run *r = &R1;
    fc_rules *generic = NULL, *all = rs;
    fc_diags *d = fc_diags_new();
    const char *dirs[1] = {"rules"}, *skip[1] = {"china-industry"};
    size_t i, k, revisions = 0;
    (void)state;
    assert_int_equal(fc_rules_load_except(&generic, dirs, 1, skip, 1, NULL, d),
                     FC_OK);
    fc_diags_free(d);
    rs = generic;
    run_unchanged(r);
    rs = all;
    for (i = 0; i < fc_findings_count(r->fs); i++) {
        const fc_finding *f = fc_findings_get(r->fs, i);
        int employment = 1;
        assert_string_not_equal(f->rule, "five-year-plan-ordinal");
        for (k = 0; k < f->nfacts; k++)
            if (strcmp(f->facts[k]->doc, "R24") < 0) employment = 0;
        if (employment && !strcmp(f->type, FC_TYPE_REVISION)) revisions++;
    }
    fc_rules_free(generic);
    if (revisions < 2) dump(r->fs);
    assert_true(revisions >= 2);
}

/* "Of the N jobs added, M were in the private sector": the text gives the
** part its whole, so a part made larger than the whole is flagged however
** unsure the words of what is counted (a warning: a phrase key). */
static void test_mut_part_exceeds_whole(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[2] = {
        {"R37", "323,000 were", "323,000", "part"},
        {"R37", "275,000 jobs", "275,000", "whole"}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    assert_int_equal(count_rule(u->fs, "part-within-whole"), 0);
    run_mutant(r, "R37", "223,000 were", "323,000 were");
    f = expect(r, "part-within-whole", FC_TYPE_PART_WHOLE, "warning", w, 2);
    assert_non_null(f->link);
    assert_non_null(strstr(f->link, "the text gives the part of its whole"));
}

/* Two reports of the January 2024 release say the jobless rate held for
** the third month in a row; one made the second: the counts of one streak
** for one month disagree (a warning: the streak is known by its phrase). */
static void test_mut_streak_stuck(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[2] = {
        {"R31", "second month in a row", "second month in a row", NULL},
        {"R26", "third month in a row", "third month in a row", NULL}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    assert_int_equal(count_rule(u->fs, "streak-advances"), 0);
    run_mutant(r, "R31", "third month in a row", "second month in a row");
    f = expect(r, "streak-advances", FC_TYPE_STREAK, "warning", w, 2);
    assert_string_equal(f->facts[0]->period, "2024-01");
    assert_string_equal(f->facts[1]->period, "2024-01");
    assert_int_equal(count_rule(r->fs, "streak-advances"), 1);
}

/* NEV sales grew from 9.495 million (2023) to 12.87 million (2024): 35.5%,
** as R21 says.  Made 36.5%, the rate is one the levels cannot give. */
static void test_mut_growth_from_levels(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[3] = {
        {"R21", "and 36.5 percent", "36.5 percent", "growth"},
        {"R21", "12.87 million units", "12.87 million units", "level"},
        {"R08", "9.495 million", "9.495 million", "previous level"}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    assert_int_equal(count_rule(u->fs, "growth-from-levels"), 0);
    run_mutant(r, "R21", "35.5 percent", "36.5 percent");
    f = expect(r, "growth-from-levels", FC_TYPE_GROWTH, "warning", w, 3);
    assert_string_equal(f->facts[fact_at(f, "R21", "36.5 percent")]->metric,
                        "nev.sales.growth");
    assert_int_equal(count_rule(r->fs, "growth-from-levels"), 1);
}

/* The end-2023 target of base stations raised from 2.9 to 3.9 million:
** the nearly 3.38 million reached is now short of it. */
static void test_mut_target_missed(void **state) {
    run *r = &R1, *u = &R2;
    static const want met06[2] = {
        {"R01", "to 2.9 million", "2.9 million", "target"},
        {"R06", "nearly 3.38 million", "nearly 3.38 million", "actual"}};
    static const want met07[2] = {
        {"R01", "to 2.9 million", "2.9 million", "target"},
        {"R07", "nearly 3.38 million", "nearly 3.38 million", "actual"}};
    static const want miss06[2] = {
        {"R01", "to 3.9 million", "3.9 million", "target"},
        {"R06", "nearly 3.38 million", "nearly 3.38 million", "actual"}};
    static const want miss07[2] = {
        {"R01", "to 3.9 million", "3.9 million", "target"},
        {"R07", "nearly 3.38 million", "nearly 3.38 million", "actual"}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    expect(u, "target-outcome", FC_TYPE_TARGET_MET, "info",
           either(u, "target-outcome", met06, met07, 2), 2);
    run_mutant(r, "R01", "to 2.9 million", "to 3.9 million");
    f = expect(r, "target-outcome", FC_TYPE_TARGET_MISSED, "warning",
               either(r, "target-outcome", miss06, miss07, 2), 2);
    assert_string_equal(f->kind, "target");
    assert_false(any_with(r->fs, "target-outcome", "R01", "2.9 million"));
}

/* ========================================================================== */
/* US employment                                                              */
/* ========================================================================== */

/* The December 2023 jobless rate, 3.4% in one report against 3.7 percent
** in the BLS release of the same day: the official figure the reference;
** a warning (the rate is known by its phrase). */
static void test_mut_rate_december(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[2] = {
        {"R24", "unchanged at 3.7 percent", "3.7 percent", "reference"},
        {"R32", "steady at 3.4%", "3.4%", "checked"}};
    const fc_finding *f;
    (void)state;
    run_unchanged(u);
    assert_false(any_with(u->fs, "figures-agree", "R32", "3.7%"));
    run_mutant(r, "R32", "steady at 3.7%", "steady at 3.4%");
    f = expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "warning", w, 2);
    assert_string_equal(f->facts[0]->period, "2023-12");
    assert_string_equal(f->facts[1]->period, "2023-12");
}

/* The January 2024 rate in the reprint of the release made 3.9 percent,
** against the release's 3.7 percent. */
static void test_mut_rate_january(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[2] = {
        {"R25", "remained at 3.7 percent", "3.7 percent", "reference"},
        {"R26", "was 3.9 percent", "3.9 percent", "checked"}};
    (void)state;
    run_unchanged(u);
    assert_false(any_with(u->fs, "figures-agree", "R26", "3.7 percent"));
    run_mutant(r, "R26", "was 3.7 percent", "was 3.9 percent");
    expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "warning", w, 2);
}

/* December's first payroll estimate, 261,000 in one report against
** 216,000 in another of the same day: a conflict.  Against the revised
** 290,000 published two months later it is a revision, not a conflict. */
static void test_mut_payrolls_same_release(void **state) {
    run *r = &R1, *u = &R2;
    static const want w[2] = {
        {"R32", "adding 216,000", "216,000", NULL},
        {"R33", "added 261,000", "261,000", NULL}};
    static const want rev[2] = {
        {"R33", "added 261,000", "261,000", "earlier"},
        {"R35", "at 290,000", "290,000", "later"}};
    (void)state;
    run_unchanged(u);
    assert_false(any_with(u->fs, "figures-agree", "R33", "216,000"));
    run_mutant(r, "R33", "added 216,000", "added 261,000");
    expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "warning", w, 2);
    expect(r, "figures-agree", FC_TYPE_REVISION, "info", rev, 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_mut_near_dates_conflict, free_runs),
        cmocka_unit_test_teardown(test_mut_near_dates_agree, free_runs),
        cmocka_unit_test_teardown(test_mut_same_date_hedges_apart, free_runs),
        cmocka_unit_test_teardown(test_mut_same_date_hedges_touch, free_runs),
        cmocka_unit_test_teardown(test_mut_stock_fell_between_years,
                                  free_runs),
        cmocka_unit_test_teardown(test_mut_one_event_count, free_runs),
        cmocka_unit_test_teardown(test_mut_one_event_phrase_metric, free_runs),
        cmocka_unit_test_teardown(test_mut_scale_slip, free_runs),
        cmocka_unit_test_teardown(test_mut_scale_slip_hedged, free_runs),
        cmocka_unit_test_teardown(test_mut_scale_slip_phrase_metric,
                                  free_runs),
        cmocka_unit_test_teardown(test_mut_flow_fell, free_runs),
        cmocka_unit_test_teardown(test_mut_share_out_of_range, free_runs),
        cmocka_unit_test_teardown(test_mut_streak_stuck, free_runs),
        cmocka_unit_test_teardown(test_mut_growth_from_levels, free_runs),
        cmocka_unit_test_teardown(test_mut_target_missed, free_runs),
        cmocka_unit_test_teardown(test_mut_rate_december, free_runs),
        cmocka_unit_test_teardown(test_mut_rate_january, free_runs),
        cmocka_unit_test_teardown(test_mut_payrolls_same_release, free_runs),
        cmocka_unit_test_teardown(test_mut_part_exceeds_whole, free_runs),
        cmocka_unit_test_teardown(test_generic_rules_other_domain, free_runs),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
