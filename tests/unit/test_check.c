/*
** test_check.c -- the consistency checker (fc_check) over the default
** rulebook (the JSON files of rules/) and the five seed documents.
**
**   1. What the seeds must produce, and what they must not.
**   2. Mutations: a copy of the seeds with one figure changed in one
**      document; the finding the rules must raise (rule, type, severity,
**      and the spans of both figures), or the one that must go away.
**   3. Determinism (ids and order across runs, fact ids and load order)
**      and a synthetic dataset of 10,000 facts with known conflicts.
**   4. The table of kinds (check.h) against the kinds rule files name.
**
** The seeds are read from ../shared/seeds at test time (tests run from the
** repository root); mutations edit a copy in a mkdtemp folder.
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
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "check.h"
#include "internal.h"
#include "testutil.h"
#include "testcorpus.h"

#define SEED_MANIFEST "facts/seeds/manifest.json"
#define SEED_DOCS "../shared/seeds"

static fc_lexicon *lx;
static fc_rules *rs;

/* ---- helpers: diagnostics, files ------------------------------------------ */




/* A fresh folder holding a byte-for-byte copy of the seeds and of the
** seed manifest (whose relative paths then point into the folder). */
static void copy_seeds(char *dir, size_t size) {
    const char *base = getenv("TMPDIR");
    fc_manifest *m = NULL;
    fc_diags *d = fc_diags_new();
    char path[1024], *man;
    size_t i, len;
    snprintf(dir, size, "%s/fc_check_XXXXXX", base && *base ? base : "/tmp");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(fc_manifest_load(&m, SEED_MANIFEST, SEED_DOCS, d), FC_OK);
    assert_no_errors(d);
    for (i = 0; i < m->ndocs; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, m->docs[i]->path);
        spill(path, m->docs[i]->text, m->docs[i]->len);
    }
    fc_manifest_free(m);
    fc_diags_free(d);
    man = slurp(SEED_MANIFEST, &len);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    spill(path, man, len);
    free(man);
}


/* Replace the one occurrence of `from` in document `doc` (file name
** "<doc>_*.txt") of the copy in dir with `to`; nothing else changes. */
static void mutate(const char *dir, const char *doc, const char *from,
                   const char *to) {
    DIR *dp = opendir(dir);
    struct dirent *e;
    char path[1024], prefix[32];
    char *text, *out, *at;
    size_t len, lf = strlen(from), lt = strlen(to);
    int found = 0;
    assert_non_null(dp);
    snprintf(prefix, sizeof prefix, "%s_", doc);
    while ((e = readdir(dp)) != NULL)
        if (!strncmp(e->d_name, prefix, strlen(prefix))) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            found++;
        }
    closedir(dp);
    assert_int_equal(found, 1);
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

/* ---- helpers: extraction, load, check --------------------------------------- */



/* Facts of documents m->docs[first..] in manifest order, as JSON Lines. */
static char *extract_docs(const fc_manifest *m, size_t lo, size_t hi,
                          size_t *len) {
    fc_buf b;
    size_t i;
    fc_diags *d = fc_diags_new();
    fc_buf_init(&b);
    for (i = lo; i < hi; i++)
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

static void load_and_check(run *r, const char *const *names,
                           const char *const *bufs, const size_t *lens,
                           size_t n) {
    fc_diags *d = fc_diags_new();
    int rc;
    assert_int_equal(fc_store_open(&r->s, NULL, d), FC_OK);
    rc = fc_store_load_buffers(r->s, r->m, names, bufs, lens, n, NULL, d);
    if (rc != FC_OK) print_diags(d);
    assert_int_equal(rc, FC_OK);
    rc = fc_check(r->s, rs, &r->fs, d);
    if (rc != FC_OK) print_diags(d);
    assert_int_equal(rc, FC_OK);
    assert_no_errors(d);
    fc_diags_free(d);
}

/* Extract every document of the manifest, load the facts (one buffer) and
** check them with the default rules. */
static void run_manifest(run *r, const char *manifest, const char *docs) {
    fc_diags *d = fc_diags_new();
    const char *names[1] = {"facts.jsonl"};
    const char *bufs[1];
    size_t lens[1];
    assert_int_equal(fc_manifest_load(&r->m, manifest, docs, d), FC_OK);
    assert_no_errors(d);
    fc_diags_free(d);
    r->facts = extract_docs(r->m, 0, r->m->ndocs, &r->len);
    bufs[0] = r->facts;
    lens[0] = r->len;
    load_and_check(r, names, bufs, lens, 1);
}

static void run_seeds(run *r) {
    memset(r, 0, sizeof *r);
    run_manifest(r, SEED_MANIFEST, SEED_DOCS);
}

/* The copy in r->dir (after its mutations). */
static void run_copy(run *r) {
    char path[1024];
    snprintf(path, sizeof path, "%s/manifest.json", r->dir);
    run_manifest(r, path, NULL);
}


/* The runs of the current test, released by its teardown even when an
** assertion fails half-way (and the copy's folder removed with them). */
static run R1, R2;

static int free_runs(void **state) {
    (void)state;
    run_free(&R1);
    run_free(&R2);
    return 0;
}

/* Start a mutation test: a copy of the seeds with one replacement. */
static void run_mutant(run *r, const char *doc, const char *from,
                       const char *to) {
    memset(r, 0, sizeof *r);
    copy_seeds(r->dir, sizeof r->dir);
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
            print_message("        %s [%lld,%lld) \"%s\" %s basis=%s "
                          "period=%s role=%s\n",
                          x->doc, x->span.start, x->span.end,
                          x->text ? x->text : "", x->metric ? x->metric : "-",
                          x->basis ? x->basis : "-",
                          x->period ? x->period : "-",
                          f->roles[k] ? f->roles[k] : "-");
        }
    }
}




/* One expected figure of a finding: in document doc, the text quote, which
** is the first occurrence of quote inside anchor, and anchor occurs once in
** the document.  role NULL: not checked. */


/* The finding of `rule` over exactly the facts of w (in any order); its
** type and severity must be as given, and every fact's span exact. */
static const fc_finding *expect(const run *r, const char *rule,
                                const char *type, const char *severity,
                                const want *w, size_t nw) {
    size_t i, k;
    for (i = 0; i < fc_findings_count(r->fs); i++) {
        const fc_finding *f = fc_findings_get(r->fs, i);
        int ok = 1;
        if (strcmp(f->rule, rule) != 0 || f->nfacts != nw) continue;
        for (k = 0; k < nw && ok; k++)
            if (fact_at(f, w[k].doc, w[k].quote) < 0) ok = 0;
        if (nw == 2 && ok && fact_at(f, w[0].doc, w[0].quote) ==
                                 fact_at(f, w[1].doc, w[1].quote))
            ok = 0;
        if (!ok) continue;
        if (strcmp(f->type, type) != 0 || strcmp(f->severity, severity) != 0) {
            dump(r->fs);
            fail_msg("%s: found as %s/%s, expected %s/%s", rule, f->type,
                     f->severity, type, severity);
        }
        for (k = 0; k < nw; k++) {
            int j = fact_at(f, w[k].doc, w[k].quote);
            assert_span(r, f->facts[j], &w[k]);
            if (w[k].role && !str_eq(f->roles[j], w[k].role))
                fail_msg("%s: %s \"%s\" has role %s, expected %s", rule,
                         w[k].doc, w[k].quote,
                         f->roles[j] ? f->roles[j] : "(none)", w[k].role);
        }
        return f;
    }
    dump(r->fs);
    if (nw == 2)
        fail_msg("no %s finding between %s \"%s\" and %s \"%s\"", rule,
                 w[0].doc, w[0].quote, w[1].doc, w[1].quote);
    fail_msg("no %s finding over %s \"%s\"", rule, w[0].doc, w[0].quote);
    return NULL;
}


/* Whether any finding involves a fact of this metric. */
static int any_metric(const fc_findings *fs, const char *metric) {
    size_t i, k;
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        for (k = 0; k < f->nfacts; k++)
            if (str_eq(f->facts[k]->metric, metric)) return 1;
    }
    return 0;
}

/* ---- group setup ------------------------------------------------------------- */

static int group_setup(void **state) {
    fc_diags *d = fc_diags_new();
    const char *dirs[1] = {"rules"};
    int rc;
    (void)state;
    rc = fc_lexicon_load(&lx, "rules", d);
    if (rc == FC_OK) rc = fc_rules_load(&rs, dirs, 1, lx, d);
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
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    return 0;
}

/* ============================================================================ */
/* 1. The seeds                                                                  */
/* ============================================================================ */

/* (a) a share of GDP (000, 2022) against a share of the world (003). */
static void test_seeds_share_basis_gdp_world(void **state) {
    run *r = &R1;
    const fc_finding *f;
    static const want w[2] = {
        {"000", "accounts for 27.7% of GDP", "27.7%", NULL},
        {"003", "more than 30% of the world's total", "more than 30%", NULL}};
    (void)state;
    run_seeds(r);
    f = expect(r, "share-basis", FC_TYPE_BASIS_MISMATCH, "warning", w, 2);
    assert_string_equal(f->kind, "basis");
    assert_string_equal(f->facts[fact_at(f, "000", "27.7%")]->metric,
                        "manufacturing.value_added.share");
    assert_string_equal(f->facts[fact_at(f, "000", "27.7%")]->basis, "gdp");
    assert_string_equal(f->facts[fact_at(f, "003", "more than 30%")]->metric,
                        "manufacturing.value_added.share");
    assert_string_equal(f->facts[fact_at(f, "003", "more than 30%")]->basis,
                        "world");
    run_free(r);
}

/* (b) two reports of one press conference give traditional industries'
** share of manufacturing (001) and of industry (004): an error. */
static void test_seeds_share_basis_same_event(void **state) {
    run *r = &R1;
    const fc_finding *f;
    static const want w[2] = {
        {"001", "more than 80% of the manufacturing industry", "more than 80%",
         "checked"},
        {"004", "over 80% of China's industrial sector", "over 80%",
         "reference"}};
    (void)state;
    run_seeds(r);
    f = expect(r, "share-basis", FC_TYPE_BASIS_MISMATCH, "error", w, 2);
    assert_string_equal(f->facts[fact_at(f, "001", "more than 80%")]->metric,
                        "traditional_industries.share");
    assert_string_equal(f->facts[fact_at(f, "001", "more than 80%")]->basis,
                        "manufacturing");
    assert_string_equal(f->facts[fact_at(f, "004", "over 80%")]->metric,
                        "traditional_industries.share");
    assert_string_equal(f->facts[fact_at(f, "004", "over 80%")]->basis,
                        "industry");
    run_free(r);
}

/* The figure-updated finding for metric between 000 or 002 (earlier) and
** 003 (later, with text `later`), both periods present and different. */
static void expect_updated(const run *r, const char *metric,
                           const char *later) {
    size_t i, n = 0;
    for (i = 0; i < fc_findings_count(r->fs); i++) {
        const fc_finding *f = fc_findings_get(r->fs, i);
        int e, l;
        if (strcmp(f->rule, "figure-updated") != 0 || f->nfacts != 2) continue;
        if (!str_eq(f->facts[0]->metric, metric) ||
            !str_eq(f->facts[1]->metric, metric))
            continue;
        l = fact_at(f, "003", later);
        if (l < 0) continue;
        e = 1 - l;
        if (strcmp(f->facts[e]->doc, "000") != 0 &&
            strcmp(f->facts[e]->doc, "002") != 0)
            continue;
        n++;
        assert_string_equal(f->type, FC_TYPE_PERIOD_DIFFERENCE);
        assert_string_equal(f->severity, "info");
        assert_string_equal(f->kind, "stale");
        assert_non_null(f->facts[e]->period);
        assert_non_null(f->facts[l]->period);
        assert_string_not_equal(f->facts[e]->period, f->facts[l]->period);
        assert_string_equal(f->roles[e], "earlier");
        assert_string_equal(f->roles[l], "later");
        assert_string_equal(f->facts[l]->period, "as-of 2024-03-08");
    }
    if (n != 1) {
        dump(r->fs);
        fail_msg("%zu figure-updated findings for %s to 003 \"%s\", expected 1",
                 n, metric, later);
    }
}

/* (c) the counts of specialised SMEs and of little giants were updated. */
static void test_seeds_figure_updated(void **state) {
    run *r = &R1;
    static const want w1 = {"003", "cultivated 124,000 specialized", "124,000",
                            NULL};
    static const want w2 = {"003", "of which 12,000 are", "12,000", NULL};
    size_t i;
    (void)state;
    run_seeds(r);
    expect_updated(r, "sme.specialized.count", "124,000");
    expect_updated(r, "sme.little_giant.count", "12,000");
    for (i = 0; i < fc_findings_count(r->fs); i++) {
        const fc_finding *f = fc_findings_get(r->fs, i);
        int k;
        if (strcmp(f->rule, "figure-updated") != 0) continue;
        if ((k = fact_at(f, "003", "124,000")) >= 0)
            assert_span(r, f->facts[k], &w1);
        if ((k = fact_at(f, "003", "12,000")) >= 0)
            assert_span(r, f->facts[k], &w2);
    }
    run_free(r);
}

/* (d) "During the Tenth Five-Year Plan period, we will ..." in 2023. */
static void test_seeds_five_year_plan(void **state) {
    run *r = &R1;
    const fc_finding *f;
    static const want w[1] = {
        {"002", "\"Tenth Five-Year Plan\" period, we will", "Tenth Five-Year Plan",
         NULL}};
    (void)state;
    run_seeds(r);
    f = expect(r, "five-year-plan-ordinal", FC_TYPE_TEXT, "error", w, 1);
    assert_string_equal(f->kind, "text");
    assert_non_null(strstr(f->facts[0]->text, "Tenth Five-Year Plan"));
    /* the "14 th Five-Year Plan" of the same document is within its years */
    assert_int_equal(count_rule(r->fs, "five-year-plan-ordinal"), 1);
    run_free(r);
}

/* (e) industrial value added: over 40 trillion in 2022, under it in 2023. */
static void test_seeds_level_fell(void **state) {
    run *r = &R1;
    const fc_finding *f;
    static const want w[2] = {
        {"000", "exceed the 40 trillion yuan mark", "exceed the 40 trillion yuan",
         "earlier"},
        {"003", "close to 40 trillion yuan", "close to 40 trillion yuan",
         "later"}};
    (void)state;
    run_seeds(r);
    f = expect(r, "flow-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", w, 2);
    assert_string_equal(f->facts[fact_at(f, "000", w[0].quote)]->period, "2022");
    assert_string_equal(f->facts[fact_at(f, "003", w[1].quote)]->period, "2023");
    assert_string_equal(f->facts[0]->metric, "industry.value_added");
    assert_int_equal(count_rule(r->fs, "flow-fell"), 1);
    /* and no stock of the seeds falls */
    if (count_rule(r->fs, "level-fell")) dump(r->fs);
    assert_int_equal(count_rule(r->fs, "level-fell"), 0);
    run_free(r);
}

/* Nothing else is an error; the figures that agree raise nothing. */
static void test_seeds_non_findings(void **state) {
    run *r = &R1;
    size_t i, errors = 0;
    (void)state;
    run_seeds(r);
    for (i = 0; i < fc_findings_count(r->fs); i++) {
        const fc_finding *f = fc_findings_get(r->fs, i);
        if (strcmp(f->severity, "error") != 0) continue;
        errors++;
        if (!strcmp(f->rule, "five-year-plan-ordinal") &&
            fact_at(f, "002", "Tenth Five-Year Plan") >= 0)
            continue;
        if (!strcmp(f->rule, "share-basis") && f->nfacts == 2 &&
            fact_at(f, "001", "more than 80%") >= 0 &&
            fact_at(f, "004", "over 80%") >= 0)
            continue;
        dump(r->fs);
        fail_msg("unexpected error finding %zu: %s %s", i, f->rule, f->type);
    }
    assert_int_equal(errors, 2);
    /* 13 consecutive years (2022) and 14 (2023) agree */
    assert_int_equal(count_rule(r->fs, "streak-advances"), 0);
    assert_false(any_metric(r->fs, "manufacturing.rank_first.streak"));
    /* more than 52 million SMEs (2022) and more than 50 million (2024) */
    assert_false(any_metric(r->fs, "sme.count"));
    /* exceeding 6.5 million NEVs and 7.058 / 6.887 million */
    assert_false(any_with(r->fs, NULL, "002", "exceeding 6.5 million"));
    assert_false(any_with(r->fs, NULL, "002", "7.058 million"));
    assert_false(any_with(r->fs, NULL, "002", "6.887 million"));
    assert_false(any_metric(r->fs, "nev.production"));
    assert_false(any_metric(r->fs, "nev.sales"));
    /* 15.96 million and nearly 16 million */
    assert_false(any_with(r->fs, NULL, "002", "15.96 million"));
    assert_false(any_with(r->fs, NULL, "002", "nearly 16 million"));
    assert_false(any_metric(r->fs, "nev.cumulative.count"));
    /* no figures-agree conflict at all on the seeds */
    assert_int_equal(count_rule(r->fs, "figures-agree"), 0);
    run_free(r);
}

/* No finding connects two agreeing figures (same metric and basis,
** overlapping ranges) from reports of one event. */
static void test_seeds_same_event_agreeing(void **state) {
    run *r = &R1;
    size_t i, k, j;
    (void)state;
    run_seeds(r);
    for (i = 0; i < fc_findings_count(r->fs); i++) {
        const fc_finding *f = fc_findings_get(r->fs, i);
        for (k = 0; k < f->nfacts; k++)
            for (j = k + 1; j < f->nfacts; j++) {
                const fc_fact *a = f->facts[k], *b = f->facts[j];
                const fc_doc *da = fc_manifest_get(r->m, a->doc),
                             *db = fc_manifest_get(r->m, b->doc);
                assert_non_null(da);
                assert_non_null(db);
                if (!str_eq(da->event, db->event)) continue;
                if (!str_eq(a->metric, b->metric) ||
                    !str_eq(a->basis, b->basis))
                    continue;
                if (a->hi < b->lo || b->hi < a->lo) continue;
                dump(r->fs);
                fail_msg("finding %s (%s) connects agreeing figures %s \"%s\" "
                         "and %s \"%s\" of one event",
                         f->id, f->rule, a->doc, a->text, b->doc, b->text);
            }
    }
    run_free(r);
}

/* Every finding's facts point into their documents at their own text. */
static void test_seeds_spans_quote_documents(void **state) {
    run *r = &R1;
    size_t i, k;
    (void)state;
    run_seeds(r);
    assert_true(fc_findings_count(r->fs) > 0);
    for (i = 0; i < fc_findings_count(r->fs); i++) {
        const fc_finding *f = fc_findings_get(r->fs, i);
        assert_int_equal(strlen(f->id), 16);
        assert_non_null(f->message);
        assert_true(f->nfacts >= 1);
        for (k = 0; k < f->nfacts; k++) {
            const fc_fact *x = f->facts[k];
            const fc_doc *doc = fc_manifest_get(r->m, x->doc);
            assert_non_null(doc);
            assert_non_null(x->text);
            assert_true(x->span.start >= 0);
            assert_true(x->span.end <= (long long)doc->len);
            assert_int_equal(x->span.end - x->span.start,
                             (long long)strlen(x->text));
            assert_memory_equal(doc->text + x->span.start, x->text,
                                strlen(x->text));
        }
    }
    run_free(r);
}

/* ---- determinism ----------------------------------------------------------- */

static char **ids_of(const fc_findings *fs, size_t *n) {
    size_t i;
    char **ids = calloc(fc_findings_count(fs) + 1, sizeof *ids);
    assert_non_null(ids);
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        ids[i] = malloc(256);
        assert_non_null(ids[i]);
        snprintf(ids[i], 256, "%s %s %s %s", f->id, f->rule, f->type,
                 f->severity);
    }
    *n = fc_findings_count(fs);
    return ids;
}

static void free_ids(char **ids, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) free(ids[i]);
    free(ids);
}

static void assert_same_ids(char **a, size_t na, char **b, size_t nb) {
    size_t i;
    for (i = 0; i < na || i < nb; i++)
        if (i >= na || i >= nb || strcmp(a[i], b[i]) != 0) {
            for (i = 0; i < na || i < nb; i++)
                print_message("  %-60s | %s\n", i < na ? a[i] : "",
                              i < nb ? b[i] : "");
            fail_msg("the findings differ (%zu vs %zu)", na, nb);
        }
}

/* Two checks of one store: the same findings, ids and order. */
static void test_check_twice_same_ids(void **state) {
    run *r = &R1;
    fc_findings *again = NULL;
    fc_diags *d = fc_diags_new();
    char **a, **b;
    size_t na, nb, i;
    (void)state;
    run_seeds(r);
    assert_int_equal(fc_check(r->s, rs, &again, d), FC_OK);
    assert_no_errors(d);
    a = ids_of(r->fs, &na);
    b = ids_of(again, &nb);
    assert_same_ids(a, na, b, nb);
    for (i = 0; i < na; i++)
        assert_string_equal(fc_findings_get(r->fs, i)->message,
                            fc_findings_get(again, i)->message);
    free_ids(a, na);
    free_ids(b, nb);
    fc_findings_free(again);
    fc_diags_free(d);
    run_free(r);
}

typedef struct factlist {
    fc_fact **items;
    size_t n;
} factlist;

static int collect(void *p, const fc_fact *f, const fc_loc *loc) {
    factlist *l = p;
    fc_fact **q = realloc(l->items, (l->n + 1) * sizeof *q);
    (void)loc;
    if (!q) return FC_ENOMEM;
    l->items = q;
    if (!(l->items[l->n] = fc_fact_dup(f))) return FC_ENOMEM;
    l->n++;
    return FC_OK;
}

/* The same facts under other ids (in reverse order of the old ones, part_of
** links renamed to match), loaded in reverse order: the same findings. */
static void test_ids_independent_of_fact_ids(void **state) {
    run *r = &R1, *r2 = &R2;
    factlist l = {NULL, 0};
    fc_diags *d = fc_diags_new();
    fc_buf b;
    char **a, **c;
    size_t na, nc, i, k;
    const char *names[1] = {"renamed.jsonl"};
    const char *bufs[1];
    size_t lens[1];
    (void)state;
    run_seeds(r);
    assert_int_equal(fc_facts_parse("seeds", r->facts, r->len, collect, &l, d),
                     FC_OK);
    assert_true(l.n > 50);
    fc_buf_init(&b);
    for (i = l.n; i-- > 0;) {
        /* old fact i becomes "q<n-1-i>": ids now sort the other way round */
        fc_fact *f = fc_fact_dup(l.items[i]);
        char id[32], *line;
        assert_non_null(f);
        snprintf(id, sizeof id, "q%06zu", l.n - 1 - i);
        assert_int_equal(fc_fact_set(&f->id, id), FC_OK);
        if (f->part_of) {
            for (k = 0; k < l.n; k++)
                if (!strcmp(l.items[k]->id, f->part_of)) break;
            assert_true(k < l.n);
            snprintf(id, sizeof id, "q%06zu", l.n - 1 - k);
            assert_int_equal(fc_fact_set(&f->part_of, id), FC_OK);
        }
        line = fc_fact_to_json(f);
        assert_non_null(line);
        fc_buf_puts(&b, line);
        fc_buf_putc(&b, '\n');
        free(line);
        fc_fact_free(f);
    }
    memset(r2, 0, sizeof *r2);
    assert_int_equal(fc_manifest_load(&r2->m, SEED_MANIFEST, SEED_DOCS, d),
                     FC_OK);
    r2->len = b.len;
    r2->facts = fc_buf_take(&b);
    bufs[0] = r2->facts;
    lens[0] = r2->len;
    load_and_check(r2, names, bufs, lens, 1);
    /* the renaming took effect: the findings carry the new ids */
    assert_true(fc_findings_count(r2->fs) > 0);
    for (i = 0; i < fc_findings_count(r2->fs); i++)
        for (k = 0; k < fc_findings_get(r2->fs, i)->nfacts; k++) {
            const fc_fact *x = fc_findings_get(r2->fs, i)->facts[k];
            if (x->metric) assert_int_equal(x->id[0], 'q');
        }
    a = ids_of(r->fs, &na);
    c = ids_of(r2->fs, &nc);
    assert_same_ids(a, na, c, nc);
    free_ids(a, na);
    free_ids(c, nc);
    for (i = 0; i < l.n; i++) fc_fact_free(l.items[i]);
    free(l.items);
    fc_diags_free(d);
    run_free(r2);
    run_free(r);
}

/* A manifest listing the documents in reverse order, each document's facts
** extracted again and loaded as its own file, last document first. */
static void test_ids_independent_of_document_order(void **state) {
    run *r = &R1, *r2 = &R2;
    json_t *man, *docs, *rev;
    json_error_t err;
    char path[1024], *bufs[8];
    const char *names[8], *cbufs[8];
    size_t lens[8], i, n, na, nc;
    char **a, **c;
    fc_diags *d = fc_diags_new();
    (void)state;
    run_seeds(r);
    memset(r2, 0, sizeof *r2);
    copy_seeds(r2->dir, sizeof r2->dir);
    snprintf(path, sizeof path, "%s/manifest.json", r2->dir);
    man = json_load_file(path, 0, &err);
    assert_non_null(man);
    docs = json_object_get(man, "documents");
    assert_true(json_is_array(docs));
    n = json_array_size(docs);
    assert_true(n == 5);
    rev = json_array();
    for (i = n; i-- > 0;) json_array_append(rev, json_array_get(docs, i));
    json_object_set_new(man, "documents", rev);
    assert_int_equal(json_dump_file(man, path, JSON_INDENT(1)), 0);
    json_decref(man);
    assert_int_equal(fc_manifest_load(&r2->m, path, NULL, d), FC_OK);
    assert_no_errors(d);
    assert_string_equal(r2->m->docs[0]->id, "004");
    for (i = 0; i < n; i++) {
        bufs[i] = extract_docs(r2->m, i, i + 1, &lens[i]);
        cbufs[i] = bufs[i];
        names[i] = r2->m->docs[i]->id;
    }
    load_and_check(r2, names, cbufs, lens, n);
    a = ids_of(r->fs, &na);
    c = ids_of(r2->fs, &nc);
    assert_same_ids(a, na, c, nc);
    free_ids(a, na);
    free_ids(c, nc);
    for (i = 0; i < n; i++) free(bufs[i]);
    fc_diags_free(d);
    run_free(r2);
    run_free(r);
}

/* ============================================================================ */
/* 2. Mutations                                                                 */
/* ============================================================================ */

/* Two reports of one press conference (000 news, 002 press transcript) give
** the number of listed specialised SMEs for 2022: 3,300+ against 1,300+. */
static void test_mut_listed_count_conflict(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"002", "more than 1,300 specialized and innovative SMEs",
         "more than 1,300", "reference"},
        {"000", "more than 3,300 specialized", "more than 3,300", "checked"}};
    (void)state;
    run_mutant(r, "000", "more than 1,300 specialized",
               "more than 3,300 specialized");
    expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "error", w, 2);
    assert_int_equal(count_rule(r->fs, "figures-agree"), 1);
    run_free(r);
}

/* The same event, a share: 69% of new listings against 59%. */
static void test_mut_listed_share_conflict(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"002", "accounted for 59%", "59%", "reference"},
        {"000", "accounted for 69%", "69%", "checked"}};
    (void)state;
    run_mutant(r, "000", "accounted for 59%", "accounted for 69%");
    expect(r, "figures-agree", FC_TYPE_VALUE_CONFLICT, "error", w, 2);
    assert_int_equal(count_rule(r->fs, "figures-agree"), 1);
    run_free(r);
}

/* A slip of scale words: 15.96 billion against nearly 16 million. */
static void test_mut_scale_slip_cumulative(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"002", "reached 15.96 billion", "15.96 billion", NULL},
        {"002", "nearly 16 million", "nearly 16 million", NULL}};
    (void)state;
    run_mutant(r, "002", "15.96 million", "15.96 billion");
    expect(r, "figures-agree", FC_TYPE_SCALE_SLIP, "error", w, 2);
    run_free(r);
}

/* A slip of scale words against a hedged figure: 7.058 billion vehicles
** against production "exceeding 6.5 million" (read as 6.5 to 7.5 million,
** which holds 7.058 million): a thousandfold slip, not a plain conflict. */
static void test_mut_scale_slip_production(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"002", "exceeding 6.5 million", "exceeding 6.5 million", NULL},
        {"002", "reached 7.058 billion", "7.058 billion", NULL}};
    (void)state;
    run_mutant(r, "002", "7.058 million", "7.058 billion");
    expect(r, "figures-agree", FC_TYPE_SCALE_SLIP, "error", w, 2);
    run_free(r);
}

/* A part larger than its whole: 80,997 little giants among more than
** 70,000 specialised SMEs. */
static void test_mut_part_exceeds_whole_sme(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"000", "including 80,997 specialized", "80,997", "part"},
        {"000", "cultivated more than 70,000", "more than 70,000", "whole"}};
    (void)state;
    run_mutant(r, "000", "including 8,997", "including 80,997");
    expect(r, "part-within-whole", FC_TYPE_PART_WHOLE, "error", w, 2);
    expect(r, "little-giants-within-specialised", FC_TYPE_PART_WHOLE, "error",
           w, 2);
    run_free(r);
}

/* A part larger than its whole: 3,209 benchmark factories among more than
** 2,100 smart factories. */
static void test_mut_part_exceeds_whole_factories(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"002", "among which 3,209 are", "3,209", "part"},
        {"002", "more than 2,100 high-level", "more than 2,100", "whole"}};
    (void)state;
    run_mutant(r, "002", "among which 209 are", "among which 3,209 are");
    expect(r, "part-within-whole", FC_TYPE_PART_WHOLE, "error", w, 2);
    assert_int_equal(count_rule(r->fs, "part-within-whole"), 1);
    run_free(r);
}

/* A streak that does not advance: 13 years for 2022 and 13 for 2023. */
static void test_mut_streak_stuck(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"000", "for 13 consecutive years", "13 consecutive years", "earlier"},
        {"003", "for 13 consecutive years", "13 consecutive years", "later"}};
    (void)state;
    run_mutant(r, "003", "14 consecutive years", "13 consecutive years");
    expect(r, "streak-advances", FC_TYPE_STREAK, "error", w, 2);
    assert_int_equal(count_rule(r->fs, "streak-advances"), 1);
    run_free(r);
}

/* A streak that advances too fast: 12 years for 2022, 14 for 2023. */
static void test_mut_streak_jumps(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"000", "for 12 consecutive years", "12 consecutive years", "earlier"},
        {"003", "for 14 consecutive years", "14 consecutive years", "later"}};
    (void)state;
    run_mutant(r, "000", "13 consecutive years", "12 consecutive years");
    expect(r, "streak-advances", FC_TYPE_STREAK, "error", w, 2);
    run_free(r);
}

/* Industry's share moved to another basis: 31.7% of the world's total
** (003) against 33.2% of GDP (000): not comparable, and no longer an
** update of one figure. */
static void test_mut_basis_moved(void **state) {
    run *r = &R1;
    const fc_finding *f;
    static const want w[2] = {
        {"000", "accounting for 33.2% of GDP", "33.2%", NULL},
        {"003", "accounting for 31.7% of the world's total", "31.7%", NULL}};
    (void)state;
    run_mutant(r, "003", "31.7% of GDP", "31.7% of the world's total");
    f = expect(r, "share-basis", FC_TYPE_BASIS_MISMATCH, "warning", w, 2);
    assert_string_equal(f->facts[fact_at(f, "003", "31.7%")]->basis, "world");
    assert_false(any_with(r->fs, "figure-updated", "003", "31.7%"));
    run_free(r);
}

/* Traditional industries' basis made the same in both reports: the error
** between 001 and 004 goes away (and nothing replaces it). */
static void test_mut_basis_fixed(void **state) {
    run *r = &R1;
    (void)state;
    run_mutant(r, "004", "over 80% of China's industrial sector",
               "over 80% of China's manufacturing industry");
    assert_false(any_metric(r->fs, "traditional_industries.share"));
    assert_false(any_with(r->fs, "share-basis", "004", "over 80%"));
    assert_int_equal(count_rule(r->fs, "share-basis"), 1);
    run_free(r);
}

/* A share above 100%. */
static void test_mut_share_out_of_range(void **state) {
    run *r = &R1;
    const fc_finding *f;
    static const want w[1] = {{"000", "accounts for 127.7% of GDP", "127.7%",
                               NULL}};
    (void)state;
    run_mutant(r, "000", "27.7% of GDP", "127.7% of GDP");
    f = expect(r, "share-in-range", FC_TYPE_SHARE_RANGE, "error", w, 1);
    assert_string_equal(f->kind, "bound");
    assert_int_equal(count_rule(r->fs, "share-in-range"), 1);
    run_free(r);
}

/* Manufacturing's share of GDP above industry's for 2022. */
static void test_mut_manufacturing_above_industry(void **state) {
    run *r = &R1;
    const fc_finding *f;
    static const want w[2] = {
        {"000", "accounts for 37.7% of GDP", "37.7%", NULL},
        {"000", "accounting for 33.2% of GDP", "33.2%", NULL}};
    (void)state;
    run_mutant(r, "000", "27.7% of GDP", "37.7% of GDP");
    f = expect(r, "manufacturing-within-industry", FC_TYPE_DERIVED, "error",
               w, 2);
    assert_string_equal(f->kind, "derive");
    assert_int_equal(count_rule(r->fs, "manufacturing-within-industry"), 1);
    assert_int_equal(count_rule(r->fs, "share-in-range"), 0);
    run_free(r);
}

/* A target missed: more than 80,000 specialised SMEs in 2023, 74,000 by
** March 2024; both reports of the target are compared. */
static void test_mut_target_missed(void **state) {
    run *r = &R1;
    static const want w1[2] = {
        {"000", "have more than 80,000 specialized", "more than 80,000",
         "target"},
        {"003", "cultivated 74,000 specialized", "74,000", "actual"}};
    static const want w2[2] = {
        {"002", "have more than 80,000 specialized", "more than 80,000",
         "target"},
        {"003", "cultivated 74,000 specialized", "74,000", "actual"}};
    size_t i;
    (void)state;
    run_mutant(r, "003", "cultivated 124,000", "cultivated 74,000");
    expect(r, "target-outcome", FC_TYPE_TARGET_MISSED, "warning", w1, 2);
    expect(r, "target-outcome", FC_TYPE_TARGET_MISSED, "warning", w2, 2);
    for (i = 0; i < fc_findings_count(r->fs); i++)
        assert_string_not_equal(fc_findings_get(r->fs, i)->type,
                                FC_TYPE_TARGET_MET);
    run_free(r);
}

/* A count that fell: more than 52 million SMEs in 2022, more than 40
** million in March 2024. */
static void test_mut_sme_count_fell(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"002", "has exceeded 52 million", "exceeded 52 million", "earlier"},
        {"003", "more than 40 million small", "more than 40 million", "later"}};
    (void)state;
    run_mutant(r, "003", "more than 50 million", "more than 40 million");
    expect(r, "level-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", w, 2);
    expect(r, "figure-updated", FC_TYPE_PERIOD_DIFFERENCE, "info", w, 2);
    run_free(r);
}

/* Little giants fell from 8,997 (March 2023) to 8,000 (March 2024). */
static void test_mut_little_giants_fell(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"000", "including 8,997 specialized", "8,997", "earlier"},
        {"003", "of which 8,000 are", "8,000", "later"}};
    (void)state;
    run_mutant(r, "003", "of which 12,000 are", "of which 8,000 are");
    expect(r, "level-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", w, 2);
    run_free(r);
}

/* 5G base stations are a stock, and no rule names them: a count that
** falls from one year to the next is a fall to look at (a warning of the
** generic rule), and an update of the figure. */
static void test_mut_base_stations_fell(void **state) {
    run *r = &R1;
    static const want w[2] = {
        {"002", "more than 2.31 million 5G", "more than 2.31 million",
         "earlier"},
        {"003", "reached 1.38 million", "1.38 million", "later"}};
    (void)state;
    run_mutant(r, "003", "3.38 million", "1.38 million");
    expect(r, "figure-updated", FC_TYPE_PERIOD_DIFFERENCE, "info", w, 2);
    expect(r, "level-fell", FC_TYPE_PERIOD_DIFFERENCE, "warning", w, 2);
    run_free(r);
}

/* The plan's ordinal corrected: the text finding disappears. */
static void test_mut_five_year_plan_fixed(void **state) {
    run *r = &R1;
    (void)state;
    run_mutant(r, "002", "\"Tenth Five-Year Plan\"", "\"14th Five-Year Plan\"");
    assert_int_equal(count_rule(r->fs, "five-year-plan-ordinal"), 0);
    run_free(r);
}

/* The plan's ordinal spelt out and right: no finding either. */
static void test_mut_five_year_plan_fixed_word(void **state) {
    run *r = &R1;
    (void)state;
    run_mutant(r, "002", "\"Tenth Five-Year Plan\"",
               "\"Fourteenth Five-Year Plan\"");
    assert_int_equal(count_rule(r->fs, "five-year-plan-ordinal"), 0);
    run_free(r);
}

/* A plan to be implemented ("is to implement") made the Ninth: a finding,
** beside the seeds' Tenth. */
static void test_mut_five_year_plan_moved(void **state) {
    run *r = &R1;
    static const want w[1] = {
        {"002", "\"Ninth Five-Year Plan\" to promote", "Ninth Five-Year Plan",
         NULL}};
    static const want tenth[1] = {
        {"002", "\"Tenth Five-Year Plan\" period", "Tenth Five-Year Plan",
         NULL}};
    (void)state;
    run_mutant(r, "002", "\"14 th Five-Year Plan\"", "\"Ninth Five-Year Plan\"");
    expect(r, "five-year-plan-ordinal", FC_TYPE_TEXT, "error", w, 1);
    expect(r, "five-year-plan-ordinal", FC_TYPE_TEXT, "error", tenth, 1);
    assert_int_equal(count_rule(r->fs, "five-year-plan-ordinal"), 2);
    run_free(r);
}

/* ============================================================================ */
/* 3. Scale                                                                      */
/* ============================================================================ */

#define SYN_KEYS 400
#define SYN_PER_KEY 25

static void syn_fact(fc_buf *b, size_t *id, int key, int j, double v,
                     double lo, double hi, const char *period) {
    fc_buf_printf(b,
                  "{\"id\":\"s%06zu\",\"doc\":\"d%02d\",\"text\":\"v%d-%d\","
                  "\"subject\":\"china\",\"metric\":\"syn.k%03d.count\","
                  "\"value\":%.17g,\"unit\":\"count\",\"qualifier\":\"%s\","
                  "\"interval\":[%.17g,%.17g],\"period\":\"%s\","
                  "\"status\":\"actual\"}\n",
                  (*id)++, (key + j) % 20, key, j, key, v,
                  lo == hi ? "exact" : "approx", lo, hi, period);
}

/* 10,000 facts over 400 keys of eight kinds (key % 8):
**   0  all agree                                   nothing
**   1  one outlier                                 1 conflict
**   2  two clusters and an outlier                 2 conflicts
**   3  one figure a thousand times the others      1 scale slip
**   4  2022 then a higher 2023                     1 update
**   5  2022 then a lower 2023                      1 update, 1 fall
**   6  as-of dates 10 days apart, disagreeing      1 conflict (warning:
**      two counts of a stock within its 31-day reporting window)
**   7  as-of dates 40 days apart, disagreeing      1 update            */
static char *synthetic(size_t *len) {
    fc_buf b;
    size_t id = 0;
    int key, j;
    fc_buf_init(&b);
    for (key = 0; key < SYN_KEYS; key++)
        for (j = 0; j < SYN_PER_KEY; j++) {
            int kind = key % 8, last = j == SYN_PER_KEY - 1, first = j < 12;
            switch (kind) {
            case 0:
                syn_fact(&b, &id, key, j, 1000 + j % 3, 990, 1010, "2022");
                break;
            case 1:
                if (last) syn_fact(&b, &id, key, j, 5000, 5000, 5000, "2022");
                else syn_fact(&b, &id, key, j, 1000, 990, 1010, "2022");
                break;
            case 2:
                if (last) syn_fact(&b, &id, key, j, 9000, 9000, 9000, "2022");
                else if (first)
                    syn_fact(&b, &id, key, j, 1000, 990, 1010, "2022");
                else syn_fact(&b, &id, key, j, 3000, 2990, 3010, "2022");
                break;
            case 3:
                if (last) syn_fact(&b, &id, key, j, 1e6, 1e6, 1e6, "2022");
                else syn_fact(&b, &id, key, j, 1000, 990, 1010, "2022");
                break;
            case 4:
                if (first) syn_fact(&b, &id, key, j, 1000, 990, 1010, "2022");
                else syn_fact(&b, &id, key, j, 2000, 1990, 2010, "2023");
                break;
            case 5:
                if (first) syn_fact(&b, &id, key, j, 2000, 1990, 2010, "2022");
                else syn_fact(&b, &id, key, j, 1000, 990, 1010, "2023");
                break;
            case 6:
                if (first)
                    syn_fact(&b, &id, key, j, 1000, 990, 1010,
                             "as-of 2023-03-01");
                else
                    syn_fact(&b, &id, key, j, 5000, 4990, 5010,
                             "as-of 2023-03-11");
                break;
            default:
                if (first)
                    syn_fact(&b, &id, key, j, 1000, 990, 1010,
                             "as-of 2023-03-01");
                else
                    syn_fact(&b, &id, key, j, 5000, 4990, 5010,
                             "as-of 2023-04-10");
                break;
            }
        }
    assert_false(b.oom);
    assert_int_equal(id, 10000);
    *len = b.len;
    return fc_buf_take(&b);
}

static int syn_key_kind(const fc_fact *f) {
    int key = -1;
    assert_non_null(f->metric);
    assert_int_equal(sscanf(f->metric, "syn.k%d.count", &key), 1);
    return key % 8;
}

static void test_scale_synthetic(void **state) {
    fc_store *s = NULL;
    fc_findings *fs = NULL, *again = NULL;
    fc_diags *d = fc_diags_new();
    fc_load_stats st;
    char *buf, **a, **b2;
    const char *names[1] = {"synthetic.jsonl"};
    const char *bufs[1];
    size_t len, lens[1], i, na, nb;
    size_t agree = 0, slips = 0, updated = 0, fell = 0, per_kind[8] = {0};
    clock_t t0, t1;
    (void)state;
    buf = synthetic(&len);
    bufs[0] = buf;
    lens[0] = len;
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    memset(&st, 0, sizeof st);
    assert_int_equal(fc_store_load_buffers(s, NULL, names, bufs, lens, 1, &st,
                                           d),
                     FC_OK);
    assert_no_errors(d);
    assert_int_equal(st.records, 10000);
    assert_int_equal(fc_store_fact_count(s), 10000);
    t0 = clock();
    assert_int_equal(fc_check(s, rs, &fs, d), FC_OK);
    t1 = clock();
    assert_no_errors(d);
    print_message("  10,000 facts checked in %.3f s (CPU)\n",
                  (double)(t1 - t0) / CLOCKS_PER_SEC);
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        int kind;
        assert_int_equal(f->nfacts, 2);
        kind = syn_key_kind(f->facts[0]);
        assert_string_equal(f->facts[0]->metric, f->facts[1]->metric);
        if (!strcmp(f->rule, "figures-agree")) {
            agree++;
            per_kind[kind]++;
            assert_string_equal(f->severity, kind == 6 ? "warning" : "error");
            assert_true(kind == 1 || kind == 2 || kind == 3 || kind == 6);
            if (kind == 3) {
                slips++;
                assert_string_equal(f->type, FC_TYPE_SCALE_SLIP);
            } else {
                assert_string_equal(f->type, FC_TYPE_VALUE_CONFLICT);
            }
        } else if (!strcmp(f->rule, "figure-updated")) {
            updated++;
            assert_true(kind == 4 || kind == 5 || kind == 7);
            assert_string_equal(f->type, FC_TYPE_PERIOD_DIFFERENCE);
        } else if (!strcmp(f->rule, "level-fell")) {
            fell++;
            assert_int_equal(kind, 5);
            assert_string_equal(f->severity, "warning");
        } else {
            dump(fs);
            fail_msg("unexpected finding of rule %s", f->rule);
        }
    }
    if (agree != 250) dump(fs);
    assert_int_equal(per_kind[1], 50);
    assert_int_equal(per_kind[2], 100);
    assert_int_equal(per_kind[3], 50);
    assert_int_equal(per_kind[6], 50);
    assert_int_equal(agree, 250);
    assert_int_equal(slips, 50);
    assert_int_equal(updated, 150);
    assert_int_equal(fell, 50);
    assert_int_equal(fc_findings_count(fs), 450);
    /* and again: the same ids in the same order */
    assert_int_equal(fc_check(s, rs, &again, d), FC_OK);
    a = ids_of(fs, &na);
    b2 = ids_of(again, &nb);
    assert_same_ids(a, na, b2, nb);
    free_ids(a, na);
    free_ids(b2, nb);
    fc_findings_free(again);
    fc_findings_free(fs);
    fc_store_close(s);
    fc_diags_free(d);
    free(buf);
}

/* Load the fact lines of `facts` into a store in memory and check them
** with the default rulebook; the store and the findings come back. */
static void check_jsonl(const char *name, const char *facts, fc_store **s,
                        fc_findings **fs) {
    fc_diags *d = fc_diags_new();
    fc_load_stats st;
    const char *names[1], *bufs[1];
    size_t lens[1];
    names[0] = name;
    bufs[0] = facts;
    lens[0] = strlen(facts);
    *s = NULL;
    *fs = NULL;
    assert_int_equal(fc_store_open(s, NULL, d), FC_OK);
    memset(&st, 0, sizeof st);
    assert_int_equal(fc_store_load_buffers(*s, NULL, names, bufs, lens, 1, &st,
                                           d),
                     FC_OK);
    assert_no_errors(d);
    assert_int_equal(fc_check(*s, rs, fs, d), FC_OK);
    assert_no_errors(d);
    fc_diags_free(d);
}

/* A figure written as exact that is another's rounded ("350,000" for
** "353,000") is noted, as information; rounding a reader does not notice
** ("9,590" for "9,587") and a hedged figure ("about 350,000") are not. */
static void test_rounded_note(void **state) {
    static const char facts[] =
        "{\"id\":\"f1\",\"doc\":\"d1\",\"text\":\"353,000\","
        "\"metric\":\"ferry.sailings\",\"value\":353000,\"unit\":\"count\","
        "\"qualifier\":\"exact\",\"interval\":[352500,353500],"
        "\"period\":\"2024-01\",\"status\":\"actual\"}\n"
        "{\"id\":\"f2\",\"doc\":\"d2\",\"text\":\"350,000\","
        "\"metric\":\"ferry.sailings\",\"value\":350000,\"unit\":\"count\","
        "\"qualifier\":\"exact\",\"interval\":[345000,355000],"
        "\"period\":\"2024-01\",\"status\":\"actual\"}\n"
        "{\"id\":\"f3\",\"doc\":\"d3\",\"text\":\"about 350,000\","
        "\"metric\":\"ferry.sailings\",\"value\":350000,\"unit\":\"count\","
        "\"qualifier\":\"approx\",\"interval\":[340000,360000],"
        "\"period\":\"2024-01\",\"status\":\"actual\"}\n"
        "{\"id\":\"f4\",\"doc\":\"d1\",\"text\":\"9,587\","
        "\"metric\":\"ferry.berths\",\"value\":9587,\"unit\":\"count\","
        "\"qualifier\":\"exact\",\"interval\":[9586.5,9587.5],"
        "\"period\":\"2024-01\",\"status\":\"actual\"}\n"
        "{\"id\":\"f5\",\"doc\":\"d2\",\"text\":\"9,590\","
        "\"metric\":\"ferry.berths\",\"value\":9590,\"unit\":\"count\","
        "\"qualifier\":\"exact\",\"interval\":[9585,9595],"
        "\"period\":\"2024-01\",\"status\":\"actual\"}\n";
    fc_store *s;
    fc_findings *fs;
    const fc_finding *f;
    (void)state;
    check_jsonl("rounded.jsonl", facts, &s, &fs);
    if (fc_findings_count(fs) != 1) dump(fs);
    assert_int_equal(fc_findings_count(fs), 1);
    f = fc_findings_get(fs, 0);
    assert_string_equal(f->rule, "figures-agree");
    assert_string_equal(f->type, FC_TYPE_ROUNDING);
    assert_string_equal(f->severity, "info");
    assert_string_equal(f->facts[0]->id, "f2");
    assert_string_equal(f->facts[1]->id, "f1");
    assert_non_null(f->link);
    assert_non_null(strstr(f->link, "written as exact"));
    fc_findings_free(fs);
    fc_store_close(s);
}

/* Two figures of one thing and period in one document are a revision
** when the document says the figure was revised (a fact of the thing's
** ".revision"), whatever role its key ends with; else a conflict. */
static void test_revision_stated(void **state) {
    static const char facts[] =
        "{\"id\":\"r1\",\"doc\":\"d1\",\"text\":\"200\","
        "\"metric\":\"ferri_sail.change.revision\",\"value\":200,"
        "\"unit\":\"count\",\"interval\":[199.5,200.5],"
        "\"period\":\"2023-11\",\"status\":\"actual\","
        "\"span\":{\"start\":10,\"end\":13}}\n"
        "{\"id\":\"r2\",\"doc\":\"d1\",\"text\":\"4,200\","
        "\"metric\":\"ferri_sail\",\"value\":4200,"
        "\"unit\":\"count\",\"interval\":[4199.5,4200.5],"
        "\"period\":\"2023-11\",\"status\":\"actual\","
        "\"span\":{\"start\":30,\"end\":35}}\n"
        "{\"id\":\"r3\",\"doc\":\"d1\",\"text\":\"4,000\","
        "\"metric\":\"ferri_sail\",\"value\":4000,"
        "\"unit\":\"count\",\"interval\":[3999.5,4000.5],"
        "\"period\":\"2023-11\",\"status\":\"actual\","
        "\"span\":{\"start\":20,\"end\":25}}\n"
        "{\"id\":\"r4\",\"doc\":\"d1\",\"text\":\"900\","
        "\"metric\":\"ferri_berth\",\"value\":900,"
        "\"unit\":\"count\",\"interval\":[899.5,900.5],"
        "\"period\":\"2023-11\",\"status\":\"actual\","
        "\"span\":{\"start\":40,\"end\":43}}\n"
        "{\"id\":\"r5\",\"doc\":\"d1\",\"text\":\"700\","
        "\"metric\":\"ferri_berth\",\"value\":700,"
        "\"unit\":\"count\",\"interval\":[699.5,700.5],"
        "\"period\":\"2023-11\",\"status\":\"actual\","
        "\"span\":{\"start\":50,\"end\":53}}\n";
    fc_store *s;
    fc_findings *fs;
    size_t i, seen = 0;
    (void)state;
    check_jsonl("revised.jsonl", facts, &s, &fs);
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (strcmp(f->rule, "figures-agree")) continue;
        seen++;
        if (!strcmp(f->facts[0]->metric, "ferri_sail")) {
            assert_string_equal(f->type, FC_TYPE_REVISION);
            assert_string_equal(f->severity, "info");
            /* the figure written first is the earlier */
            assert_string_equal(f->facts[0]->id, "r3");
            assert_string_equal(f->facts[1]->id, "r2");
        } else {
            assert_string_equal(f->type, FC_TYPE_VALUE_CONFLICT);
        }
    }
    if (seen != 2) dump(fs);
    assert_int_equal(seen, 2);
    fc_findings_free(fs);
    fc_store_close(s);
}

/* What a store tells of a long run: the facts a load has read, every
** 65,536 and once at the end; then the rules a check has run, one by one
** and once at the end. */
typedef struct progress_log {
    size_t loads, last_load, load_total, checks, last_check, check_total;
    int check_done;
} progress_log;

static void log_progress(void *ctx, const char *stage, size_t done,
                         size_t total) {
    progress_log *p = ctx;
    if (!strcmp(stage, "load")) {
        p->loads++;
        p->last_load = done;
        p->load_total = total;
    } else if (!strcmp(stage, "check")) {
        assert_true(done <= total);
        if (done == total) p->check_done = 1;
        else assert_int_equal(done, p->checks);
        p->checks += done < total;
        p->last_check = done;
        p->check_total = total;
    } else {
        fail_msg("unknown stage %s", stage);
    }
}

static void test_progress(void **state) {
    fc_store *s = NULL;
    fc_findings *fs = NULL;
    fc_diags *d = fc_diags_new();
    fc_buf b;
    progress_log p;
    const char *names[1] = {"many.jsonl"}, *bufs[1];
    size_t lens[1], i, n = 70000;
    (void)state;
    fc_buf_init(&b);
    for (i = 0; i < n; i++)
        fc_buf_printf(&b,
                      "{\"id\":\"p%zu\",\"doc\":\"d%zu\",\"metric\":"
                      "\"ferri_sail\",\"value\":%zu,\"unit\":\"count\","
                      "\"period\":\"2023\"}\n",
                      i, i % 50, 1000 + i % 3);
    assert_non_null(b.data);
    bufs[0] = b.data;
    lens[0] = b.len;
    memset(&p, 0, sizeof p);
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    fc_store_set_progress(s, log_progress, &p);
    assert_int_equal(fc_store_load_buffers(s, NULL, names, bufs, lens, 1, NULL,
                                           d),
                     FC_OK);
    assert_no_errors(d);
    assert_int_equal(p.loads, 2); /* at 65,536 and at the end */
    assert_int_equal(p.last_load, n);
    assert_int_equal(p.load_total, n);
    assert_int_equal(fc_check(s, rs, &fs, d), FC_OK);
    assert_int_equal(p.checks, rs->n);
    assert_int_equal(p.check_total, rs->n);
    assert_true(p.check_done);
    /* and nothing once it is taken away */
    fc_store_set_progress(s, NULL, NULL);
    fc_findings_free(fs);
    assert_int_equal(fc_check(s, rs, &fs, d), FC_OK);
    assert_int_equal(p.checks, rs->n);
    fc_findings_free(fs);
    fc_store_close(s);
    fc_diags_free(d);
    fc_buf_free(&b);
}

/* A fall of a count keyed by its phrase is only noted, unless both
** figures are worded as cumulative ("a total of", "built"): a warning. */
static void test_cumulative_fall(void **state) {
    static const char facts[] =
        "{\"id\":\"c1\",\"doc\":\"d1\",\"text\":\"412\","
        "\"metric\":\"ferri_berth\",\"metric_source\":\"phrase\","
        "\"measured\":{\"text\":\"ferry berths\",\"start\":0,\"end\":12},"
        "\"role\":\"level\",\"value\":412,"
        "\"unit\":\"count\",\"qualifier\":\"exact\","
        "\"interval\":[411.5,412.5],\"period\":\"as-of 2022-12-31\","
        "\"status\":\"actual\",\"context\":\"has built a total of 412 "
        "ferry berths\"}\n"
        "{\"id\":\"c2\",\"doc\":\"d2\",\"text\":\"380\","
        "\"metric\":\"ferri_berth\",\"metric_source\":\"phrase\","
        "\"measured\":{\"text\":\"ferry berths\",\"start\":0,\"end\":12},"
        "\"role\":\"level\",\"value\":380,"
        "\"unit\":\"count\",\"qualifier\":\"exact\","
        "\"interval\":[379.5,380.5],\"period\":\"as-of 2023-12-31\","
        "\"status\":\"actual\",\"context\":\"berths built so far number "
        "380\"}\n"
        "{\"id\":\"c3\",\"doc\":\"d1\",\"text\":\"90\","
        "\"metric\":\"ferri_crew\",\"metric_source\":\"phrase\","
        "\"measured\":{\"text\":\"ferry crews\",\"start\":0,\"end\":11},"
        "\"role\":\"level\",\"value\":90,"
        "\"unit\":\"count\",\"qualifier\":\"exact\","
        "\"interval\":[89.5,90.5],\"period\":\"as-of 2022-12-31\","
        "\"status\":\"actual\",\"context\":\"the port has 90 ferry "
        "crews\"}\n"
        "{\"id\":\"c4\",\"doc\":\"d2\",\"text\":\"70\","
        "\"metric\":\"ferri_crew\",\"metric_source\":\"phrase\","
        "\"measured\":{\"text\":\"ferry crews\",\"start\":0,\"end\":11},"
        "\"role\":\"level\",\"value\":70,"
        "\"unit\":\"count\",\"qualifier\":\"exact\","
        "\"interval\":[69.5,70.5],\"period\":\"as-of 2023-12-31\","
        "\"status\":\"actual\",\"context\":\"the port has 70 ferry "
        "crews\"}\n";
    fc_store *s;
    fc_findings *fs;
    size_t i, falls = 0;
    (void)state;
    check_jsonl("fall.jsonl", facts, &s, &fs);
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (strcmp(f->rule, "level-fell")) continue;
        falls++;
        if (!strcmp(f->facts[0]->id, "c1")) {
            assert_string_equal(f->severity, "warning");
            assert_non_null(strstr(f->link, "worded as cumulative"));
        } else {
            assert_string_equal(f->facts[0]->id, "c3");
            assert_string_equal(f->severity, "info");
            assert_non_null(strstr(f->link, "only noted"));
        }
    }
    if (falls != 2) dump(fs);
    assert_int_equal(falls, 2);
    fc_findings_free(fs);
    fc_store_close(s);
}

/* The table of kinds: one entry per kind of rule.h, named as rule files
** name it, each with a plan. */
static void test_kind_table(void **state) {
    int k;
    (void)state;
    for (k = 0; k < RK_COUNT; k++) {
        const ck_kind *kind = ck_kind_of(k);
        assert_non_null(kind);
        assert_string_equal(kind->name, fc_rule_kinds[k]);
        assert_non_null(kind->plan);
    }
    assert_null(ck_kind_of(RK_COUNT));
    assert_null(ck_kind_of(-1));
}

/* A fact for the link tests: a lexicon metric, a stated period. */
static void link_fact(fc_tfact *t, const char *doc, long long start, int line,
                      const char *measured, long long mstart) {
    memset(t, 0, sizeof *t);
    t->f.doc = (char *)doc;
    t->f.metric = (char *)"port.berths";
    t->f.metric_source = (char *)"lexicon";
    t->f.confidence = 0.9;
    t->f.has_confidence = 1;
    t->f.period = (char *)"2023";
    t->f.period_source = (char *)"stated";
    t->f.span.start = start;
    t->f.span.end = start + 4;
    t->f.span.line = line;
    t->f.measured = (char *)measured;
    t->f.measured_start = mstart;
    t->f.measured_end = measured ? mstart + (long long)strlen(measured) : 0;
}

static void test_link_confidence(void **state) {
    fc_tfact a, b;
    const fc_fact *pair[2] = {&a.f, &b.f};
    ck_linkinfo li;
    (void)state;
    /* one lexicon metric, stated periods, two documents: sure */
    link_fact(&a, "d1", 10, 1, NULL, 0);
    link_fact(&b, "d2", 10, 1, NULL, 0);
    ck_link(pair, 2, FC_TYPE_VALUE_CONFLICT, &li);
    assert_true(li.confidence > 0.89 && li.confidence < 0.91);
    assert_string_equal(li.why, "the same metric: port.berths; periods stated");
    assert_int_equal(ck_link_cap(li.confidence), SEV_ERROR);
    /* a period from the document's date: at most a warning */
    b.f.period_source = (char *)"document_date";
    ck_link(pair, 2, FC_TYPE_VALUE_CONFLICT, &li);
    assert_int_equal(ck_link_cap(li.confidence), SEV_WARNING);
    assert_non_null(strstr(li.why, "the period in d2 is its document's date"));
    /* which does not matter to a streak, that reasons across times */
    ck_link(pair, 2, FC_TYPE_STREAK, &li);
    assert_int_equal(ck_link_cap(li.confidence), SEV_ERROR);
    /* two values of one thing in one sentence: only information */
    link_fact(&b, "d1", 60, 1, NULL, 0);
    ck_link(pair, 2, FC_TYPE_VALUE_CONFLICT, &li);
    assert_int_equal(ck_link_cap(li.confidence), SEV_INFO);
    assert_non_null(strstr(li.why, "one sentence of d1"));
    /* but a slip of scale words there is still one */
    ck_link(pair, 2, FC_TYPE_SCALE_SLIP, &li);
    assert_int_equal(ck_link_cap(li.confidence), SEV_ERROR);
    /* the nouns right after the figures share no word */
    link_fact(&a, "d1", 10, 1, "ferry berths", 15);
    link_fact(&b, "d2", 10, 1, "cargo cranes", 15);
    ck_link(pair, 2, FC_TYPE_VALUE_CONFLICT, &li);
    assert_int_equal(ck_link_cap(li.confidence), SEV_INFO);
    assert_non_null(strstr(li.why, "\"ferry berths\" and \"cargo cranes\""));
    /* one shared word is enough, in any inflection */
    b.f.measured = (char *)"the berth of ferries";
    b.f.measured_end = 15 + (long long)strlen(b.f.measured);
    ck_link(pair, 2, FC_TYPE_VALUE_CONFLICT, &li);
    assert_int_equal(ck_link_cap(li.confidence), SEV_ERROR);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_table),
        cmocka_unit_test(test_link_confidence),
        cmocka_unit_test_teardown(test_seeds_share_basis_gdp_world, free_runs),
        cmocka_unit_test_teardown(test_seeds_share_basis_same_event, free_runs),
        cmocka_unit_test_teardown(test_seeds_figure_updated, free_runs),
        cmocka_unit_test_teardown(test_seeds_five_year_plan, free_runs),
        cmocka_unit_test_teardown(test_seeds_level_fell, free_runs),
        cmocka_unit_test_teardown(test_seeds_non_findings, free_runs),
        cmocka_unit_test_teardown(test_seeds_same_event_agreeing, free_runs),
        cmocka_unit_test_teardown(test_seeds_spans_quote_documents, free_runs),
        cmocka_unit_test_teardown(test_check_twice_same_ids, free_runs),
        cmocka_unit_test_teardown(test_ids_independent_of_fact_ids, free_runs),
        cmocka_unit_test_teardown(test_ids_independent_of_document_order, free_runs),
        cmocka_unit_test_teardown(test_mut_listed_count_conflict, free_runs),
        cmocka_unit_test_teardown(test_mut_listed_share_conflict, free_runs),
        cmocka_unit_test_teardown(test_mut_scale_slip_cumulative, free_runs),
        cmocka_unit_test_teardown(test_mut_scale_slip_production, free_runs),
        cmocka_unit_test_teardown(test_mut_part_exceeds_whole_sme, free_runs),
        cmocka_unit_test_teardown(test_mut_part_exceeds_whole_factories, free_runs),
        cmocka_unit_test_teardown(test_mut_streak_stuck, free_runs),
        cmocka_unit_test_teardown(test_mut_streak_jumps, free_runs),
        cmocka_unit_test_teardown(test_mut_basis_moved, free_runs),
        cmocka_unit_test_teardown(test_mut_basis_fixed, free_runs),
        cmocka_unit_test_teardown(test_mut_share_out_of_range, free_runs),
        cmocka_unit_test_teardown(test_mut_manufacturing_above_industry, free_runs),
        cmocka_unit_test_teardown(test_mut_target_missed, free_runs),
        cmocka_unit_test_teardown(test_mut_sme_count_fell, free_runs),
        cmocka_unit_test_teardown(test_mut_little_giants_fell, free_runs),
        cmocka_unit_test_teardown(test_mut_base_stations_fell, free_runs),
        cmocka_unit_test_teardown(test_mut_five_year_plan_fixed, free_runs),
        cmocka_unit_test_teardown(test_mut_five_year_plan_fixed_word, free_runs),
        cmocka_unit_test_teardown(test_mut_five_year_plan_moved, free_runs),
        cmocka_unit_test_teardown(test_scale_synthetic, free_runs),
        cmocka_unit_test(test_rounded_note),
        cmocka_unit_test(test_cumulative_fall),
        cmocka_unit_test(test_revision_stated),
        cmocka_unit_test(test_progress),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
