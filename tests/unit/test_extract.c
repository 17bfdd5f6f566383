/*
** test_extract.c -- the extractor (extract.c) with the real lexicon of
** rules/: numbers, scale words and units; hedges and the intervals they
** imply; metrics, bases and parts; periods and status; spans and ids;
** robustness.  Every sentence is written for these tests.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factcheck.h"
#include "lexicon.h" /* the compiled patterns, for test_anchored_twins */

#define PUBLISHED "2023-03-02"

static fc_lexicon *lexicon; /* loaded once, by the group setup */

/* ---- helpers ------------------------------------------------------------ */

typedef struct factlist {
    fc_fact **items;
    size_t n, cap;
} factlist;

static int collect(void *ctx, const fc_fact *f, const fc_loc *loc) {
    factlist *l = ctx;
    fc_fact *copy;
    assert_null(loc);
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 16;
        fc_fact **p = realloc(l->items, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        l->items = p;
        l->cap = ncap;
    }
    copy = fc_fact_dup(f);
    if (!copy) return FC_ENOMEM;
    l->items[l->n++] = copy;
    return FC_OK;
}

/* Lists handed to a test are remembered until it frees them, so that the
** teardown can free what a failed assertion left behind. */
#define MAX_HELD 16
static factlist held[MAX_HELD];

static void hold(const factlist *l) {
    size_t i;
    for (i = 0; i < MAX_HELD; i++)
        if (!held[i].items) {
            held[i] = *l;
            return;
        }
    fail_msg("more than %d fact lists held at once", MAX_HELD);
}

static void release(factlist *l) {
    size_t i;
    for (i = 0; i < l->n; i++) fc_fact_free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static void facts_free(factlist *l) {
    size_t i;
    for (i = 0; i < MAX_HELD; i++)
        if (l->items && held[i].items == l->items)
            memset(&held[i], 0, sizeof held[i]);
    release(l);
}

static int release_held(void **state) {
    size_t i;
    (void)state;
    for (i = 0; i < MAX_HELD; i++) release(&held[i]);
    return 0;
}

static fc_doc *make_doc(const char *id, const char *text, size_t len,
                        const char *published) {
    fc_doc *doc = NULL;
    assert_int_equal(fc_doc_new_from_buffer(&doc, id, "d.txt", text, len, NULL),
                     FC_OK);
    assert_non_null(doc);
    if (published) {
        doc->published = strdup(published);
        assert_non_null(doc->published);
    }
    return doc;
}

/* Extract text (published on date, which may be NULL) into *out; the
** status must be FC_OK and, when d is NULL, nothing may be reported. */
static void run_text(const char *text, const char *published, factlist *out,
                     fc_diags *d) {
    fc_doc *doc = make_doc("d", text, strlen(text), published);
    fc_diags *own = d ? NULL : fc_diags_new();
    memset(out, 0, sizeof *out);
    assert_int_equal(fc_extract(lexicon, doc, collect, out, d ? d : own),
                     FC_OK);
    fc_doc_free(doc);
    hold(out);
    if (own) {
        size_t n = fc_diags_count(own);
        fc_diags_free(own);
        assert_int_equal(n, 0);
    }
}

/* Extract text published on PUBLISHED, expecting exactly n facts. */
static void run_n(const char *text, size_t n, factlist *out) {
    run_text(text, PUBLISHED, out, NULL);
    if (out->n != n) {
        size_t i;
        for (i = 0; i < out->n; i++)
            print_message("  got \"%s\"\n", out->items[i]->text);
        fail_msg("\"%s\": expected %zu facts, got %zu", text, n, out->n);
    }
}

/* The only fact of text, in *out (freed by the caller with facts_free). */
static const fc_fact *one(const char *text, factlist *out) {
    run_n(text, 1, out);
    return out->items[0];
}

/* The fact whose text is t. */
static const fc_fact *with_text(const factlist *l, const char *t) {
    size_t i;
    for (i = 0; i < l->n; i++)
        if (strcmp(l->items[i]->text, t) == 0) return l->items[i];
    fail_msg("no fact with text \"%s\" among %zu", t, l->n);
    return NULL;
}

/* Failures in these helpers are reported at the caller's line. */
static void num_at(double got, double want, const char *what,
                   const char *file, int line) {
    double tol = fabs(want) * 1e-9 + 1e-9;
    if (!(fabs(got - want) <= tol)) {
        print_error("%s: expected %.17g, got %.17g\n", what, want, got);
        _fail(file, line);
    }
}

static void str_at(const char *got, const char *want, const char *what,
                   const char *file, int line) {
    if (want && got && strcmp(got, want) == 0) return;
    if (!want && !got) return;
    if (want)
        print_error("%s: expected \"%s\", got %s%s%s\n", what, want,
                    got ? "\"" : "", got ? got : "null", got ? "\"" : "");
    else
        print_error("%s: expected null, got \"%s\"\n", what, got);
    _fail(file, line);
}

#define assert_num(got, want) num_at((got), (want), #got, __FILE__, __LINE__)
#define assert_str(got, want) str_at((got), (want), #got, __FILE__, __LINE__)
#define assert_interval(f, want_lo, want_hi)                                \
    do {                                                                    \
        const fc_fact *f_ = (f);                                            \
        num_at(f_->lo, (want_lo), "lo of " #f, __FILE__, __LINE__);         \
        num_at(f_->hi, (want_hi), "hi of " #f, __FILE__, __LINE__);         \
    } while (0)

/* value, unit and qualifier of the only fact of text, and its text */
static void figure_at(const char *text, const char *ftext, double value,
                      const char *unit, const char *qualifier,
                      const char *file, int line) {
    factlist l;
    const fc_fact *f = one(text, &l);
    str_at(f->text, ftext, "text", file, line);
    num_at(f->value, value, "value", file, line);
    str_at(f->unit, unit, "unit", file, line);
    str_at(f->qualifier, qualifier, "qualifier", file, line);
    if (!(f->lo <= f->value && f->value <= f->hi)) _fail(file, line);
    facts_free(&l);
}
#define assert_figure(text, ftext, value, unit, qualifier)                  \
    figure_at(text, ftext, value, unit, qualifier, __FILE__, __LINE__)

static int overlap(const fc_fact *a, const fc_fact *b) {
    return a->lo <= b->hi && b->lo <= a->hi;
}

/* Whether the intervals of the only figures of two sentences overlap. */
static int overlaps(const char *s1, const char *s2) {
    factlist a, b;
    int r;
    one(s1, &a);
    one(s2, &b);
    r = overlap(a.items[0], b.items[0]);
    facts_free(&a);
    facts_free(&b);
    return r;
}

/* The period and status of the only fact of text. */
static void when_at(const char *text, const char *period, const char *status,
                    const char *file, int line) {
    factlist l;
    const fc_fact *f = one(text, &l);
    str_at(f->period, period, "period", file, line);
    str_at(f->status, status, "status", file, line);
    facts_free(&l);
}
#define assert_when(text, period, status)                                   \
    when_at(text, period, status, __FILE__, __LINE__)

static int setup(void **state) {
    fc_diags *d = fc_diags_new();
    (void)state;
    if (fc_lexicon_load(&lexicon, "rules", d) != FC_OK) {
        size_t i;
        for (i = 0; i < fc_diags_count(d); i++) {
            char buf[1200];
            fc_diag_format(fc_diags_get(d, i), buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
        }
        fc_diags_free(d);
        return -1;
    }
    fc_diags_free(d);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    fc_lexicon_free(lexicon);
    lexicon = NULL;
    return 0;
}

/* ---- 1. numbers and units ---------------------------------------------- */

static void test_thousands_separator(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("The registry lists 8,997 workshops.", &l);
    assert_str(f->text, "8,997");
    assert_num(f->value, 8997);
    assert_str(f->unit, "count");
    assert_str(f->qualifier, "exact");
    assert_interval(f, 8996.5, 8997.5);
    facts_free(&l);
}

static void test_scale_words(void **state) {
    (void)state;
    assert_figure("Shipments came to 7.058 million last season.",
                  "7.058 million", 7058000, "count", "exact");
    assert_figure("The fund holds 40 trillion yuan in deposits.",
                  "40 trillion yuan", 4e13, "CNY", "exact");
    assert_figure("A bank lent 2.5 billion to farmers.", "2.5 billion", 2.5e9,
                  "count", "exact");
}

static void test_currency_before(void **state) {
    (void)state;
    assert_figure("The province spent RMB 1.7 trillion on roads.",
                  "RMB 1.7 trillion", 1.7e12, "CNY", "exact");
    assert_figure("The startup raised $1.2 billion from investors.",
                  "$1.2 billion", 1.2e9, "USD", "exact");
}

/* An amount converted into another currency in parentheses is the same
** figure, not a second one. */
static void test_converted_currency(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("The fund put $1.2 billion (8.3 billion yuan) into new plants.",
            &l);
    assert_string_equal(f->text, "$1.2 billion");
    assert_string_equal(f->unit, "USD");
    f = one("Exports earned RMB 5 billion (about $0.7 billion) last year.",
            &l);
    assert_string_equal(f->text, "RMB 5 billion");
    /* a parenthesis that holds something else is read */
    run_n("The fund spent $1.2 billion (in 12 provinces).", 2, &l);
}

static void test_scale_suffixes(void **state) {
    (void)state;
    assert_figure("Dealers moved 7.06m units in the spring.", "7.06m units",
                  7.06e6, "count", "exact");
    assert_figure("Its turnover hit 10.8tn yuan at the peak.", "10.8tn yuan",
                  1.08e13, "CNY", "exact");
}

static void test_percent_spellings(void **state) {
    factlist l;
    (void)state;
    assert_figure("Exports were 27.7% higher.", "27.7%", 27.7, "%", "exact");
    assert_figure("Exports were 27.7 percent higher.", "27.7 percent", 27.7,
                  "%", "exact");
    assert_figure("Exports were 27.7 per cent higher.", "27.7 per cent", 27.7,
                  "%", "exact");
    /* the same interval whatever the spelling */
    assert_interval(one("The rate stood at 27.7 per cent.", &l), 27.65, 27.75);
    facts_free(&l);
}

static void test_tons(void **state) {
    (void)state;
    assert_figure("The mills recycled 265 million tons of slag.",
                  "265 million tons", 2.65e8, "t", "exact");
    assert_figure("The mills recycled 265 million tonnes of slag.",
                  "265 million tonnes", 2.65e8, "t", "exact");
}

static void test_streak_years(void **state) {
    (void)state;
    assert_figure("The port has led the region for 13 consecutive years.",
                  "13 consecutive years", 13, "years", "exact");
}

static void test_number_words(void **state) {
    factlist l;
    (void)state;
    assert_figure("The port has led the region for eight consecutive years.",
                  "eight consecutive years", 8, "years", "exact");
    /* bare number words are not figures */
    run_n("The reform covers six aspects of daily life.", 0, &l);
    facts_free(&l);
    run_n("The city approved two projects on Monday.", 0, &l);
    facts_free(&l);
    /* ... but the digits beside them are */
    assert_figure("The city approved two projects worth 300 million yuan.",
                  "300 million yuan", 3e8, "CNY", "exact");
}

static void test_fractions(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("The valley grows more than half of the world supply of hops.",
            &l);
    assert_str(f->text, "more than half");
    assert_num(f->value, 50);
    assert_str(f->unit, "%");
    assert_str(f->qualifier, "more_than");
    assert_str(f->basis, "world");
    assert_true(f->lo >= 50 && f->hi > 50);
    facts_free(&l);
    /* "half" that is no share of anything is not a figure */
    run_n("The meeting lasted half an hour.", 0, &l);
    facts_free(&l);
}

static void test_ranges(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("Visitors numbered between 3 and 5 million each summer.", &l);
    assert_str(f->text, "between 3 and 5 million");
    assert_str(f->qualifier, "range");
    assert_interval(f, 3e6, 5e6);
    assert_true(f->value >= 3e6 && f->value <= 5e6);
    facts_free(&l);

    f = one("Visitors numbered 3-5 million each summer.", &l);
    assert_str(f->text, "3-5 million");
    assert_str(f->qualifier, "range");
    assert_interval(f, 3e6, 5e6);
    facts_free(&l);

    f = one("Visitors numbered 3 to 5 million each summer.", &l);
    assert_str(f->qualifier, "range");
    assert_interval(f, 3e6, 5e6);
    facts_free(&l);
}

static void test_growth_metric(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    run_n("NEV production reached 7.058 million, up by 96.9% from a year "
          "before.",
          2, &l);
    f = with_text(&l, "7.058 million");
    assert_str(f->metric, "nev.production");
    assert_str(f->unit, "count");
    f = with_text(&l, "96.9%");
    assert_num(f->value, 96.9);
    assert_str(f->unit, "%");
    assert_str(f->metric, "nev.production.growth");
    assert_interval(f, 96.85, 96.95);
    facts_free(&l);
}

static void test_signed_fall(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("At the pilot smart factories, the development cycle was "
            "shortened by 20.7% on average.",
            &l);
    assert_str(f->text, "20.7%");
    assert_str(f->metric, "factories.smart.dev_cycle.change");
    assert_num(f->value, -20.7);
    assert_interval(f, -20.75, -20.65);
    facts_free(&l);
    /* a rise keeps its sign */
    f = one("At the pilot smart factories, production efficiency rose by "
            "34.8%.",
            &l);
    assert_str(f->metric, "factories.smart.efficiency.change");
    assert_num(f->value, 34.8);
    facts_free(&l);
}

/* Each sentence holds furniture and one real figure, "300 plants". */
static void only_300_at(const char *text, const char *file, int line) {
    factlist l;
    const fc_fact *f = one(text, &l);
    str_at(f->text, "300", "text", file, line);
    num_at(f->value, 300, "value", file, line);
    facts_free(&l);
}
#define assert_only_300(text) only_300_at(text, __FILE__, __LINE__)

static void test_furniture_filtered(void **state) {
    factlist l;
    (void)state;
    /* years */
    assert_only_300("In 2022 the county opened 300 plants.");
    assert_only_300("In 2022, the county opened 300 plants.");
    /* dates */
    assert_only_300("On March 1 the county opened 300 plants.");
    assert_only_300("On 1 March 2023 the county opened 300 plants.");
    assert_only_300("The county opened 300 plants (report of 2023-03-02).");
    /* ordinals */
    assert_only_300("Under the 14th plan the county opened 300 plants.");
    assert_only_300("Under the 14 th plan the county opened 300 plants.");
    assert_only_300("Under the Tenth Plan the county opened 300 plants.");
    /* model names and codes */
    assert_only_300("With 5G and 6G links the county opened 300 plants.");
    assert_only_300("The IMT2030 group saw the county open 300 plants.");
    assert_only_300("After COVID-19 the county opened 300 plants.");
    /* a line of page numbers */
    run_n("< 1 2 3 >", 0, &l);
    facts_free(&l);
    run_n("The county opened 300 plants.\n< 1 2 3 >\n", 1, &l);
    assert_str(l.items[0]->text, "300");
    facts_free(&l);
}

/* ---- 2. intervals (the issue) ------------------------------------------- */

static void test_interval_more_than_steps(void **state) {
    factlist l;
    (void)state;
    assert_false(overlaps("The club has more than 70,000 members.",
                          "The club has more than 90,000 members."));
    assert_interval(one("The club has more than 70,000 members.", &l), 70000,
                    80000);
    assert_str(l.items[0]->qualifier, "more_than");
    facts_free(&l);
    assert_true(overlaps("The city has more than 52 million trees.",
                         "The city has more than 50 million trees."));
}

static void test_interval_nearly(void **state) {
    factlist l;
    (void)state;
    assert_true(overlaps("Riders took 15.96 million trips.",
                         "Riders took nearly 16 million trips."));
    assert_interval(one("Riders took nearly 16 million trips.", &l), 15.5e6,
                    16e6);
    assert_str(l.items[0]->qualifier, "nearly");
    facts_free(&l);
}

static void test_interval_rounding(void **state) {
    factlist l;
    (void)state;
    assert_true(overlaps("The rate reached 28 percent.",
                         "The rate reached 27.7%."));
    assert_interval(one("The rate reached 27.7%.", &l), 27.65, 27.75);
    facts_free(&l);
    assert_true(overlaps("The fleet logged 1.845 billion kilometres.",
                         "The fleet logged 1.84 billion kilometres."));
    assert_interval(one("The fleet logged 1.84 billion kilometres.", &l),
                    1.835e9, 1.845e9);
    facts_free(&l);
    /* precision matters: 1.85 billion is not 1.845 billion */
    assert_false(overlaps("The fleet logged 1.845 billion kilometres.",
                          "The fleet logged 1.86 billion kilometres."));
}

/* ---- 3. metrics, bases, parts ------------------------------------------- */

static void test_share_of_gdp(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("In that year manufacturing value added accounted for 27.7% of "
            "GDP.",
            &l);
    assert_str(f->metric, "manufacturing.value_added.share");
    assert_str(f->basis, "gdp");
    assert_str(f->unit, "%");
    assert_str(f->subject, "china");
    assert_null(f->context);
    facts_free(&l);
}

static void test_share_of_world(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("Its manufacturing value added makes up more than 30% of the "
            "world's total.",
            &l);
    assert_str(f->metric, "manufacturing.value_added.share");
    assert_str(f->basis, "world");
    assert_str(f->qualifier, "more_than");
    facts_free(&l);
}

static void test_basis_industry_vs_manufacturing(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("Traditional industries still make up over 80% of the industrial "
            "sector.",
            &l);
    assert_str(f->metric, "traditional_industries.share");
    assert_str(f->basis, "industry");
    assert_str(f->qualifier, "more_than");
    facts_free(&l);
    f = one("Traditional industries still make up over 80% of the "
            "manufacturing industry.",
            &l);
    assert_str(f->metric, "traditional_industries.share");
    assert_str(f->basis, "manufacturing");
    facts_free(&l);
}

static void test_part_of_including(void **state) {
    factlist l;
    const fc_fact *whole, *part;
    (void)state;
    run_n("The ministry has fostered more than 70,000 specialized and "
          "innovative SMEs, including 8,997 little giant firms.",
          2, &l);
    whole = with_text(&l, "more than 70,000");
    part = with_text(&l, "8,997");
    assert_str(whole->metric, "sme.specialized.count");
    assert_str(part->metric, "sme.little_giant.count");
    assert_null(whole->part_of);
    assert_str(part->part_of, whole->id);
    facts_free(&l);
}

static void test_part_of_of_which(void **state) {
    factlist l;
    const fc_fact *whole, *part;
    (void)state;
    run_n("The region now runs 2,100 smart factories, of which 209 are "
          "benchmark factories.",
          2, &l);
    whole = with_text(&l, "2,100");
    part = with_text(&l, "209");
    assert_str(whole->metric, "factories.smart.count");
    assert_str(part->metric, "factories.smart.benchmark.count");
    assert_str(part->part_of, whole->id);
    facts_free(&l);
}

/* "Of the N X, M were ...": the sentence opens with the whole */
static void test_part_of_of_the(void **state) {
    factlist l;
    (void)state;
    run_n("Of the 2,750 ferries built in May, 2,230 were electric.", 2, &l);
    assert_str(with_text(&l, "2,230")->part_of, with_text(&l, "2,750")->id);
    assert_null(with_text(&l, "2,750")->part_of);
    facts_free(&l);
    /* not a figure further on, nor one the "of the" does not open */
    run_n("Of the 2,750 ferries built, 2,230 were electric and 300 were "
          "sold.",
          3, &l);
    assert_null(with_text(&l, "300")->part_of);
    facts_free(&l);
    run_n("Yards built 2,750 ferries of the fleet, and 2,230 were electric.",
          2, &l);
    assert_null(with_text(&l, "2,230")->part_of);
    facts_free(&l);
}

static void test_no_part_without_cue(void **state) {
    factlist l;
    (void)state;
    run_n("The region runs 2,100 smart factories and 300 data centres.", 2,
          &l);
    assert_null(l.items[0]->part_of);
    assert_null(l.items[1]->part_of);
    facts_free(&l);
}

static void test_unknown_metric_has_context(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("The ferries carried an average of 23,800 a day.", &l);
    assert_num(f->value, 23800);
    /* no lexicon metric: a key made from what the clause is about */
    assert_str(f->metric, "ferri.average");
    assert_str(f->metric_source, "phrase");
    assert_str(f->measured, "ferries");
    assert_null(f->subject);
    assert_non_null(f->context);
    assert_non_null(strstr(f->context, "23,800"));
    /* three words on each side, not the whole sentence */
    assert_string_equal(f->context, "an average of 23,800 a day.");
    facts_free(&l);
}

/* ---- 4. periods and status ---------------------------------------------- */

static void test_period_cues(void **state) {
    (void)state;
    assert_when("Last year the county opened 300 plants.", "2022", "actual");
    assert_when("This year the county opened 300 plants.", "2023", "actual");
    assert_when("At present the county runs 300 plants.",
                "as-of " PUBLISHED, "actual");
    assert_when("In 2021, the county opened 300 plants.", "2021", "actual");
    /* a stock at the end of a year is December's */
    assert_when("By the end of 2023 the county had opened 300 plants.",
                "2023-12", "actual");
    assert_when("The county ended 2022 with 300 plants.", "2022-12",
                "actual");
    assert_when("The county runs 300 plants.", "as-of " PUBLISHED, "actual");
}

static void test_period_spans_of_months(void **state) {
    (void)state;
    assert_when("In the first 11 months of 2022, ferry traffic rose 3 "
                "percent.", "2022-01/2022-11", "actual");
    assert_when("In the first three quarters of this year, ferry traffic "
                "rose 3 percent.", "2023-01/2023-09", "actual");
    assert_when("In the first half of 2022, ferry traffic rose 3 percent.",
                "2022-01/2022-06", "actual");
    assert_when("From January to July 2022, the county opened 300 plants.",
                "2022-01/2022-07", "actual");
    /* without a year: the latest such span that ends by the document's
       month (March 2023) */
    assert_when("Between March and May the county opened 300 plants.",
                "2022-03/2022-05", "actual");
    /* two months in a list are no span */
    assert_when("In December and January the county opened 300 plants.",
                "2022-12", "actual");
}

static void test_period_relative_to_the_text(void **state) {
    factlist l;
    (void)state;
    /* a change from a year, with no time of its own, is of the year after
       it; the sentence's other figures and the past tense of the next
       paragraph follow, all inferred rather than written */
    run_text("Ferry output reached 9.6 million tons, up 35.8% compared to "
             "2021.\n\nFerry exports climbed 7.6%.",
             "2023-01-24", &l, NULL);
    assert_int_equal(l.n, 3);
    assert_str(with_text(&l, "35.8%")->period, "2022");
    assert_str(with_text(&l, "35.8%")->base_period, "2021");
    assert_str(with_text(&l, "35.8%")->period_source, "document_date");
    assert_str(with_text(&l, "9.6 million tons")->period, "2022");
    assert_str(with_text(&l, "7.6%")->period, "2022");
    assert_str(with_text(&l, "7.6%")->period_source, "document_date");
    facts_free(&l);
    /* not when the year after is not over by the document's date */
    run_text("Ferry output is up 35.8% compared to 2022.", "2023-01-24", &l,
             NULL);
    assert_str(with_text(&l, "35.8%")->period, "as-of 2023-01-24");
    facts_free(&l);
    /* "a year earlier" is a year before the time the text spoke of */
    run_n("The jobless rate was 3.7 percent in December 2022. A year earlier, "
          "it was 3.5 percent.",
          2, &l);
    assert_str(with_text(&l, "3.7 percent")->period, "2022-12");
    assert_str(with_text(&l, "3.5 percent")->period, "2021-12");
    facts_free(&l);
    /* a base that introduces figures is their time */
    run_n("The rate was 3.7 percent in December 2022, higher than a year "
          "earlier, when it was 3.5 percent.",
          2, &l);
    assert_str(with_text(&l, "3.5 percent")->period, "2021-12");
    facts_free(&l);
    /* a cue right after a figure is that figure's */
    run_n("The rate rose to 3.9 percent in February 2023 from 3.7 percent in "
          "January 2023.",
          2, &l);
    assert_str(with_text(&l, "3.9 percent")->period, "2023-02");
    assert_str(with_text(&l, "3.7 percent")->period, "2023-01");
    facts_free(&l);
    /* blank lines between paragraphs of one line each end one paragraph:
       a past-tense figure takes the time of the paragraph before */
    run_n("In 2021 an average of 23,800 ferries sailed each day, while the "
          "number of berths in the whole of the county exceeded 52 "
          "thousand, as the port authority said in its yearly report.\n\n"
          "The number of ferries also saw an increase of 10.5 percent.",
          3, &l);
    assert_str(with_text(&l, "10.5 percent")->period, "2021");
    facts_free(&l);
}

/* Months that a clause names in other ways than "in December": as a
** modifier ("November sailings"), by "the previous month" in the
** paragraph after one that named a month, and before a "now". */
static void test_period_months_named(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    run_text("Ferry sailings rose by 4,100 in December.\n"
             "This follows the 3,000 sailings added in the previous month, "
             "while the agency revised November sailings up by 200. "
             "December's ferry gains now stand at an estimated 4,300 (up "
             "from 4,150).",
             "2024-01-20", &l, NULL);
    f = with_text(&l, "3,000");
    assert_str(f->period, "2023-11");
    assert_null(f->base_period);
    assert_str(with_text(&l, "200")->period, "2023-11");
    assert_str(with_text(&l, "an estimated 4,300")->period, "2023-12");
    assert_str(with_text(&l, "4,150")->period, "2023-12");
    facts_free(&l);
    /* a figure that sums over the months named before it spans them */
    run_text("Ferry sailings of May and June were cut on review by a "
             "combined 1,670.",
             "2024-03-08", &l, NULL);
    assert_str(with_text(&l, "1,670")->period, "2023-05/2023-06");
    facts_free(&l);
    /* the earlier value's month does not carry into the next paragraph;
       a change from a recent month is of the month after it; a
       percentage "more" than before is a growth */
    run_text("Fares cost 2.4 percent more in March than a year before. The "
             "reading was down from 2.8 percent in February.\n\n"
             "Ferry fares climbed 3.1 percent.\n\n"
             "Berth fees rose by 0.4 percent from February.",
             "2025-04-11", &l, NULL);
    f = with_text(&l, "2.4 percent");
    assert_str(f->role, "growth");
    assert_str(f->period, "2025-03");
    assert_str(with_text(&l, "2.8 percent")->period, "2025-02");
    /* a reading of a growth rate is one */
    assert_str(with_text(&l, "2.8 percent")->role, "growth");
    assert_str(with_text(&l, "3.1 percent")->period, "2025-03");
    f = with_text(&l, "0.4 percent");
    assert_str(f->period, "2025-03");
    assert_str(f->base_period, "2025-02");
    facts_free(&l);
    /* "now" stays the time of a clause that names no other */
    run_text("In 2023 ferries carried 59% of trips, and more than 1,300 "
             "ferries now sail, about 27% of all boats there.",
             "2024-01-20", &l, NULL);
    assert_str(with_text(&l, "about 27%")->period, "as-of 2024-01-20");
    facts_free(&l);
}

static void test_period_carried_in_paragraph(void **state) {
    factlist l;
    (void)state;
    run_n("In 2021, the county opened 300 plants. Its neighbour opened 40 "
          "plants.",
          2, &l);
    assert_str(with_text(&l, "300")->period, "2021");
    assert_str(with_text(&l, "40")->period, "2021");
    facts_free(&l);
    /* a new cue replaces it */
    run_n("In 2021, the county opened 300 plants. Last year it opened 40 "
          "plants. Its neighbour opened 50 plants.",
          3, &l);
    assert_str(with_text(&l, "300")->period, "2021");
    assert_str(with_text(&l, "40")->period, "2022");
    assert_str(with_text(&l, "50")->period, "2022");
    facts_free(&l);
}

static void test_period_not_carried_across_paragraphs(void **state) {
    factlist l;
    (void)state;
    /* a present-tense figure of the next paragraph is of the date */
    run_n("In 2021, the county opened 300 plants.\n\nIts neighbour has 40 "
          "plants.\n",
          2, &l);
    assert_str(with_text(&l, "300")->period, "2021");
    assert_str(with_text(&l, "40")->period, "as-of " PUBLISHED);
    assert_str(with_text(&l, "40")->period_source, "document_date");
    facts_free(&l);
    /* one told in the past tense right after is of the time just told */
    run_n("In 2021, the county opened 300 plants.\n\nIts neighbour opened 40 "
          "plants.\n\nA third county keeps 7 plants. Its rival opened 9 "
          "plants.\n",
          4, &l);
    assert_str(with_text(&l, "40")->period, "2021");
    assert_str(with_text(&l, "40")->period_source, "stated");
    /* but not two paragraphs on */
    assert_str(with_text(&l, "9")->period, "as-of " PUBLISHED);
    facts_free(&l);
    /* nor from a time not over by the document's date (a plan) */
    run_n("For 2023, the county aims to open 300 plants.\n\nIts neighbour "
          "opened 40 plants.\n",
          2, &l);
    assert_str(with_text(&l, "40")->period, "as-of " PUBLISHED);
    facts_free(&l);
}

static void test_status(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("The agency will strive to have more than 80,000 certified "
            "firms this year.",
            &l);
    assert_str(f->status, "target");
    assert_str(f->period, "2023");
    assert_str(f->qualifier, "more_than");
    facts_free(&l);
    assert_when("Harvests are expected to reach 900 tons.",
                "as-of " PUBLISHED, "forecast");
    /* will + a past year reports what happened */
    f = one("In 2022, industrial value added will exceed 40 trillion yuan, "
            "the report shows.",
            &l);
    assert_str(f->status, "actual");
    assert_str(f->period, "2022");
    assert_str(f->metric, "industry.value_added");
    assert_num(f->value, 4e13);
    facts_free(&l);
    /* will + this year is a plan */
    assert_when("This year the county will open 300 plants.", "2023",
                "target");
}

static void test_dateline(void **state) {
    const char *text = "Harbour Daily\nMarch 21, 2023\n\nLast year the county "
                       "opened 300 plants. At present it runs 400 plants.\n";
    fc_doc *doc = make_doc("d", text, strlen(text), NULL);
    char date[11] = "";
    factlist l;
    (void)state;
    assert_int_equal(fc_extract_date(lexicon, doc, date), FC_OK);
    assert_string_equal(date, "2023-03-21");
    fc_doc_free(doc);

    run_text(text, NULL, &l, NULL); /* no warning either */
    assert_int_equal(l.n, 2);
    assert_str(with_text(&l, "300")->period, "2022");
    assert_str(with_text(&l, "400")->period, "as-of 2023-03-21");
    facts_free(&l);

    /* the manifest's date wins over the dateline */
    doc = make_doc("d", text, strlen(text), "2024-01-05");
    assert_int_equal(fc_extract_date(lexicon, doc, date), FC_OK);
    assert_string_equal(date, "2024-01-05");
    fc_doc_free(doc);
}

static void test_undated(void **state) {
    const char *text = "No date anywhere.\n\nThe county opened 300 plants "
                       "last year.\n";
    fc_doc *doc = make_doc("d", text, strlen(text), NULL);
    fc_diags *d = fc_diags_new();
    char date[11] = "x";
    char line[700];
    factlist l;
    (void)state;
    assert_int_equal(fc_extract_date(lexicon, doc, date), FC_EINPUT);
    fc_doc_free(doc);

    run_text(text, NULL, &l, d);
    assert_int_equal(l.n, 1);
    assert_null(l.items[0]->period);
    assert_num(l.items[0]->value, 300);
    facts_free(&l);
    assert_int_equal(fc_diags_count(d), 1);
    assert_int_equal(fc_diags_errors(d), 0);
    assert_int_equal(fc_diags_warnings(d), 1);
    assert_int_equal(fc_diags_get(d, 0)->severity, FC_DIAG_WARNING);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    assert_string_equal(line, "d.txt: warning: no publication date in the "
                              "manifest or the text; periods that depend on it "
                              "(\"this year\", \"at present\") are left "
                              "null");
    fc_diags_free(d);
}

/* ---- 5. spans and ids --------------------------------------------------- */

static void assert_spans(const char *text, const factlist *l) {
    size_t i, len = strlen(text);
    for (i = 0; i < l->n; i++) {
        const fc_fact *f = l->items[i];
        size_t n = strlen(f->text);
        assert_true(f->span.start >= 0);
        assert_true(f->span.end <= (long long)len);
        assert_int_equal(f->span.end - f->span.start, n);
        assert_memory_equal(text + f->span.start, f->text, n);
    }
}

static void test_spans_are_byte_offsets(void **state) {
    const char *text = "Exports rose to $1.2 billion, about 7.06m units, and "
                       "more than half of the world total.";
    factlist l;
    (void)state;
    run_n(text, 3, &l);
    assert_spans(text, &l);
    assert_int_equal(with_text(&l, "$1.2 billion")->span.start, 16);
    assert_int_equal(with_text(&l, "$1.2 billion")->span.end, 28);
    assert_int_equal(with_text(&l, "about 7.06m units")->span.start, 30);
    facts_free(&l);
}

static void test_line_column_after_multibyte(void **state) {
    /* "Caf" e-acute " " euro " sold 300 units." newline
    ** "The na" i-diaeresis "ve caf" e-acute " sold 42 units." */
    const char *text = "Caf\xC3\xA9 \xE2\x82\xAC sold 300 units.\n"
                       "The na\xC3\xAFve caf\xC3\xA9 sold 42 units.";
    factlist l;
    const fc_fact *f;
    (void)state;
    run_n(text, 2, &l);
    assert_spans(text, &l);
    f = with_text(&l, "300 units");
    assert_int_equal(f->span.start, 15);
    assert_int_equal(f->span.line, 1);
    assert_int_equal(f->span.column, 13);
    f = with_text(&l, "42 units");
    assert_int_equal(f->span.start, 48);
    assert_int_equal(f->span.line, 2);
    assert_int_equal(f->span.column, 21);
    facts_free(&l);
}

static void test_ids_in_text_order(void **state) {
    const char *text = "The county opened 300 plants.\n\nIt hired 4,500 "
                       "people, up 12%.\n\nLast year it earned 2.5 billion "
                       "yuan.\n";
    fc_doc *doc = make_doc("rep7", text, strlen(text), PUBLISHED);
    factlist l;
    size_t i;
    (void)state;
    memset(&l, 0, sizeof l);
    assert_int_equal(fc_extract(lexicon, doc, collect, &l, NULL), FC_OK);
    hold(&l);
    assert_int_equal(l.n, 4);
    assert_spans(text, &l);
    assert_string_equal(l.items[0]->id, "rep7-001");
    for (i = 0; i < l.n; i++) {
        const fc_fact *f = l.items[i];
        char *end;
        assert_string_equal(f->doc, "rep7");
        assert_int_equal(strncmp(f->id, "rep7-", 5), 0);
        assert_int_equal(strlen(f->id), 8);
        strtol(f->id + 5, &end, 10);
        assert_int_equal(*end, '\0');
        if (i) {
            assert_true(strcmp(l.items[i - 1]->id, f->id) < 0);
            assert_true(l.items[i - 1]->span.start < f->span.start);
        }
    }
    fc_doc_free(doc);
    facts_free(&l);
}

static char *all_json(const char *text) {
    factlist l;
    size_t i, total = 1;
    char *out, **lines;
    run_text(text, PUBLISHED, &l, NULL);
    lines = calloc(l.n + 1, sizeof *lines);
    assert_non_null(lines);
    for (i = 0; i < l.n; i++) {
        lines[i] = fc_fact_to_json(l.items[i]);
        assert_non_null(lines[i]);
        total += strlen(lines[i]) + 1;
    }
    out = malloc(total);
    assert_non_null(out);
    total = 0;
    for (i = 0; i < l.n; i++) {
        size_t n = strlen(lines[i]);
        memcpy(out + total, lines[i], n);
        out[total + n] = '\n';
        total += n + 1;
        free(lines[i]);
    }
    out[total] = '\0';
    free(lines);
    facts_free(&l);
    return out;
}

static void test_deterministic(void **state) {
    const char *text = "In 2021, the county opened more than 300 plants, "
                       "including 42 smart factories. Exports rose 12.5% "
                       "to $1.2 billion.\n\nAt present it runs between 3 "
                       "and 5 million units.\n";
    char *a, *b;
    (void)state;
    a = all_json(text);
    b = all_json(text);
    assert_true(strlen(a) > 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* ---- 6. robustness ------------------------------------------------------ */

static void test_empty_document(void **state) {
    factlist l;
    (void)state;
    run_n("", 0, &l);
    facts_free(&l);
    run_n("\n\n   \n", 0, &l);
    facts_free(&l);
}

static void test_no_figures(void **state) {
    factlist l;
    (void)state;
    run_n("The council met on a quiet morning.\n\nNobody counted anything, "
          "and nobody said how many.\n",
          0, &l);
    facts_free(&l);
}

static void test_large_document(void **state) {
    static const char unit[] =
        "In 2022, the plant made 300 units and sold 27.7% of them abroad. ";
    size_t n = (1u << 20) / (sizeof unit - 1) + 1, i, len = 0;
    char *text = malloc(n * (sizeof unit - 1) + n / 10 + 2);
    factlist l;
    (void)state;
    assert_non_null(text);
    for (i = 0; i < n; i++) {
        memcpy(text + len, unit, sizeof unit - 1);
        len += sizeof unit - 1;
        if (i % 10 == 9) text[len++] = '\n'; /* one paragraph per line */
    }
    text[len] = '\0';
    assert_true(len >= (1u << 20));
    run_text(text, PUBLISHED, &l, NULL);
    assert_int_equal(l.n, 2 * n);
    assert_str(l.items[0]->period, "2022");
    assert_str(l.items[l.n - 1]->period, "2022");
    assert_num(l.items[l.n - 1]->value, 27.7);
    assert_spans(text, &l);
    facts_free(&l);
    free(text);
}

/* Whether re, matched at one position by the extractor, can run as JIT
** code there: compiled anchored (PCRE2_ANCHORED given to pcre2_match
** instead sends it to the interpreter) and JIT-compiled if PCRE2 can. */
static void anchored_jit_at(const pcre2_code *re, const char *what,
                            size_t i, const char *file, int line) {
    uint32_t opts = 0, have_jit = 0;
    size_t jit = 0;
    if (!re) return;
    pcre2_pattern_info(re, PCRE2_INFO_ARGOPTIONS, &opts);
    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
    pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &jit);
    if (!(opts & PCRE2_ANCHORED)) {
        print_error("%s %zu: not compiled anchored\n", what, i);
        _fail(file, line);
    }
    if (have_jit && jit == 0) {
        print_error("%s %zu: no JIT code\n", what, i);
        _fail(file, line);
    }
}
#define assert_anchored_jit(re, what, i)                                    \
    anchored_jit_at((re), (what), (i), __FILE__, __LINE__)

/* At every offset of text, twin (run as the extractor runs it) matches
** where re matches with PCRE2_ANCHORED given at match time, as far, with
** the same groups. */
static void same_as_anchored_at(const pcre2_code *re, const pcre2_code *twin,
                                const char *text, const char *what,
                                const char *file, int line) {
    size_t len = strlen(text), at, k;
    uint32_t n1 = 0, n2 = 0, have_jit = 0;
    pcre2_match_data *m1 = pcre2_match_data_create_from_pattern(re, NULL);
    pcre2_match_data *m2 = pcre2_match_data_create_from_pattern(twin, NULL);
    assert_non_null(m1);
    assert_non_null(m2);
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &n1);
    pcre2_pattern_info(twin, PCRE2_INFO_CAPTURECOUNT, &n2);
    assert_int_equal(n1, n2);
    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
    for (at = 0; at <= len; at++) {
        int r1 = pcre2_match(re, (PCRE2_SPTR)text, len, at, PCRE2_ANCHORED,
                             m1, NULL);
        int r2 = have_jit ? pcre2_jit_match(twin, (PCRE2_SPTR)text, len, at,
                                            0, m2, NULL)
                          : pcre2_match(twin, (PCRE2_SPTR)text, len, at, 0,
                                        m2, NULL);
        const PCRE2_SIZE *o1 = pcre2_get_ovector_pointer(m1);
        const PCRE2_SIZE *o2 = pcre2_get_ovector_pointer(m2);
        if (r1 != r2) {
            print_error("%s at %zu: %d, its twin %d\n", what, at, r1, r2);
            _fail(file, line);
        }
        for (k = 0; r1 > 0 && k < 2 * (size_t)r1; k++)
            if (o1[k] != o2[k]) {
                print_error("%s at %zu: group %zu differs\n", what, at, k / 2);
                _fail(file, line);
            }
    }
    pcre2_match_data_free(m1);
    pcre2_match_data_free(m2);
}
#define assert_same_as_anchored(re, twin, text, what)                       \
    same_as_anchored_at((re), (twin), (text), (what), __FILE__, __LINE__)

/* Every pattern the extractor matches at one position runs as JIT code,
** and the anchored twins of searched patterns match as the patterns do
** with PCRE2_ANCHORED at match time. */
static void test_anchored_twins(void **state) {
    const fc_lexicon *lx = lexicon;
    const char *text = "In 2023, 3-5 million tons were made, of which 40% "
                       "abroad; by the end of last year 1.2 billion yuan, "
                       "among them 2,100 factories, since 2019 about "
                       "124,000 firms.";
    size_t i;
    uint32_t have_jit = 0;
    (void)state;
    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
    if (have_jit) assert_int_equal(lx->no_jit, 0);
    assert_anchored_jit(lx->number_at, "number_at", 0);
    assert_anchored_jit(lx->scale_at, "scale_at", 0);
    assert_anchored_jit(lx->part_cues_at, "part_cues_at", 0);
    for (i = 0; i < lx->nperiods; i++)
        assert_anchored_jit(lx->periods[i].at, "periods.at", i);
    for (i = 0; i < lx->nunits_after; i++)
        assert_anchored_jit(lx->units_after[i].re, "units.after", i);
    for (i = 0; i < lx->nquals; i++)
        if (lx->quals[i].after)
            assert_anchored_jit(lx->quals[i].re, "qualifiers.after", i);
    for (i = 0; i < lx->nmetrics; i++)
        assert_anchored_jit(lx->metrics[i].after, "metrics.after", i);
    for (i = 0; i < lx->nbases; i++)
        assert_anchored_jit(lx->bases[i].re, "bases.after", i);
    assert_same_as_anchored(lx->number, lx->number_at, text, "number");
    assert_same_as_anchored(lx->scale_re, lx->scale_at, text, "scale");
    assert_same_as_anchored(lx->part_cues, lx->part_cues_at, text,
                            "part_cues");
    for (i = 0; i < lx->nperiods; i++)
        assert_same_as_anchored(lx->periods[i].re, lx->periods[i].at, text,
                                "period");
}

/* Characters (not bytes) of text[0, n): the column of offset n, less 1,
** on the first line. */
static long long chars_before(const char *text, long long n) {
    long long i, c = 0;
    for (i = 0; i < n; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80) c++;
    return c;
}

/* A document written on one line (as a text field of JSON or a page
** scraped without its breaks) is no page furniture: every figure counts,
** and its columns run on along the line. */
static void test_long_line_document(void **state) {
    static const char *const pre[] = {"The mill by the weir shipped ",
                                      "Its bakery sold ",
                                      "A ferry carried "};
    static const char *const post[] = {
        " crates of pears \xe2\x80\x94 by barge. ", " loaves before noon. ",
        " riders across the sound. "};
    const size_t n = 5000;
    size_t i, len = 0, cap = n * 80;
    char *text = malloc(cap);
    factlist l;
    (void)state;
    assert_non_null(text);
    for (i = 0; i < n; i++) {
        int w = snprintf(text + len, cap - len, "%s%u%s", pre[i % 3],
                         (unsigned)(101 + i % 800), post[i % 3]);
        assert_true(w > 0 && (size_t)w < cap - len);
        len += (size_t)w;
    }
    assert_null(memchr(text, '\n', len));
    run_text(text, PUBLISHED, &l, NULL);
    assert_int_equal(l.n, n);
    assert_str(l.items[0]->text, "101");
    assert_str(l.items[n - 1]->text, "300"); /* 101 + 4999 % 800 */
    assert_spans(text, &l);
    for (i = 0; i < l.n; i += 997) {
        assert_int_equal(l.items[i]->span.line, 1);
        assert_int_equal(l.items[i]->span.column,
                         chars_before(text, l.items[i]->span.start) + 1);
    }
    assert_int_equal(l.items[n - 1]->span.column,
                     chars_before(text, l.items[n - 1]->span.start) + 1);
    facts_free(&l);
    free(text);
}

/* A sentence that lists figures keeps every one of them, even when it has
** so many that its line holds few letters; only a short line of them is
** page furniture. */
static void test_sentence_listing_figures(void **state) {
    char text[1024];
    size_t i, len;
    factlist l;
    (void)state;
    run_n("The five plants made 12, 15, 17, 22 and 31 tonnes of glass.\n", 5,
          &l);
    assert_str(l.items[0]->text, "12");
    assert_str(l.items[4]->text, "31 tonnes");
    facts_free(&l);
    /* 60 readings: about four digits and marks to every letter */
    len = (size_t)snprintf(text, sizeof text, "Gauges read ");
    for (i = 0; i < 59; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%u.%u, ",
                                (unsigned)(11 + i), (unsigned)(i % 9 + 1));
    len += (size_t)snprintf(text + len, sizeof text - len,
                            "and 99.5 tonnes.\nThe log ends here.\n");
    assert_true(len < sizeof text);
    run_n(text, 60, &l);
    assert_str(l.items[0]->text, "11.1");
    assert_str(l.items[59]->text, "99.5 tonnes");
    facts_free(&l);
    /* a row of bare figures on a short line of its own stays furniture */
    run_n("The gauges were read at dawn.\n11.1 12.2 13.3 14.4 15.5\n", 0, &l);
    facts_free(&l);
}

typedef struct parsed {
    fc_fact *f;
} parsed;

static int keep_one(void *ctx, const fc_fact *f, const fc_loc *loc) {
    parsed *p = ctx;
    (void)loc;
    assert_null(p->f);
    p->f = fc_fact_dup(f);
    return p->f ? FC_OK : FC_ENOMEM;
}

/* ---- what a figure measures ---------------------------------------------- */

static void test_measured_and_phrase_keys(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    /* a figure followed by its own noun measures that noun */
    run_n("In 2023 some 3 million stations were built and there are 20 "
          "million ports with gigabit capability.",
          2, &l);
    f = with_text(&l, "20 million");
    assert_str(f->measured, "ports with gigabit capability");
    assert_str(f->metric, "port_gigabit_capabl");
    assert_str(f->metric_source, "phrase");
    assert_true(f->has_confidence && f->confidence > 0 && f->confidence < 1);
    assert_str(f->role, "level");
    assert_str(f->period, "2023");
    assert_str(f->period_source, "stated");
    f = with_text(&l, "some 3 million");
    assert_str(f->measured, "stations");
    facts_free(&l);
    /* both figures of a change are about the clause's subject */
    run_n("Ferry traffic rose 30 percent to 9 million in 2023.", 2, &l);
    f = with_text(&l, "30 percent");
    assert_str(f->measured, "Ferry traffic");
    assert_str(f->role, "growth");
    assert_str(f->metric, "ferri_traffic.growth");
    f = with_text(&l, "9 million");
    assert_str(f->measured, "Ferry traffic");
    assert_str(f->role, "level");
    assert_str(f->metric, "ferri_traffic");
    facts_free(&l);
    /* the same thing in other words of the same stem: one key */
    f = one("The harbour now counts 412 ferry berths.", &l);
    assert_str(f->metric, "ferri_berth");
    assert_str(f->period_source, "document_date");
    facts_free(&l);
    f = one("There were 400 ferry berth in 2021.", &l);
    assert_str(f->metric, "ferri_berth");
    assert_str(f->period_source, "stated");
    facts_free(&l);
    /* a lexicon metric says so */
    f = one("China had 8,997 high-tech zones in 2022.", &l);
    assert_str(f->metric_source, "lexicon");
    facts_free(&l);
    /* a lexicon phrase of an earlier clause does not name the thing a
       figure's own clause names */
    run_n("The number of 5G base stations hit 3.38 million in 2023, with "
          "the number of ferry berths reaching 2,000.",
          2, &l);
    assert_str(with_text(&l, "3.38 million")->metric,
               "telecom.5g_base_stations");
    assert_str(with_text(&l, "2,000")->metric, "ferri_berth");
    assert_str(with_text(&l, "2,000")->metric_source, "phrase");
    facts_free(&l);
    /* and a change of a lexicon count is keyed as a change, as a
       phrase's is */
    f = one("The region plans to add around 600 high-tech zones in 2024.", &l);
    assert_str(f->role, "change");
    assert_str(f->metric, "hightech.zones.count.change");
    facts_free(&l);
}

static void test_roles(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("Berths increased by 447 in 2023.", &l);
    assert_str(f->role, "change");
    assert_num(f->value, 447);
    assert_str(f->metric, "berth.change");
    facts_free(&l);
    f = one("Ferry crossings were down 26,000 in 2023.", &l);
    assert_str(f->role, "change");
    assert_num(f->value, -26000);
    facts_free(&l);
    f = one("The ferry share of trips was up 1.5 percentage points in 2023.",
            &l);
    assert_str(f->role, "share_change");
    facts_free(&l);
    f = one("The harbour ranked first for the 14 consecutive years to 2023.",
            &l);
    assert_str(f->role, "streak");
    facts_free(&l);
    f = one("Ferry fares made up 29% of the cost of travel in 2023.", &l);
    assert_str(f->role, "share");
    facts_free(&l);
    f = one("The jobless rate was 3.7 percent in 2023.", &l);
    assert_str(f->role, "level");
    assert_str(f->measured, "jobless rate");
    facts_free(&l);
}

/* A noun that only points back takes the thing of a figure before it of
** the same unit, and a noun of change makes the figure a change of it. */
static void test_pointing_back(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    run_text("Ferry sailings rose by 4,100 in October 2023. "
             "The ferry share of trips held at 3 percent.\n\n"
             "The agency later revised October's gains to 4,300.",
             "2023-11-20", &l, NULL);
    f = with_text(&l, "4,300");
    assert_str(f->measured, "Ferry sailings");
    assert_str(f->role, "change");
    assert_str(f->metric, "ferri_sail.change");
    facts_free(&l);
    /* "the change for October" after "the change in X for September" */
    run_text("The change in ferry sailings for September was revised up by "
             "200, and the change for October was revised up by 300, from "
             "4,000 to 4,300.",
             "2023-11-20", &l, NULL);
    f = with_text(&l, "300");
    assert_str(f->measured, "ferry sailings");
    assert_str(f->metric, "ferri_sail.change.revision");
    facts_free(&l);
    /* "the average monthly gain" is an average of the change of the
       thing before it; a year's possessive gives the period */
    run_text("Ferry sailings rose by 4,100 in October 2023. The average "
             "monthly gain in 2023 was 3,900, and 2022's total sailings "
             "reached 51,000.",
             "2023-11-20", &l, NULL);
    f = with_text(&l, "3,900");
    assert_str(f->metric, "ferri_sail.change.average");
    assert_str(f->period, "2023");
    f = with_text(&l, "51,000");
    assert_str(f->period, "2022");
    facts_free(&l);
    /* a part's population sets it apart from its whole; so does who
       added the things counted, unless it is the whole itself */
    run_text("Of the 4,100 sailings added in October, 3,000 were in the "
             "northern fleet. Island ferries added 900 sailings in October, "
             "above the average monthly gain of 700. Ferry employment added "
             "5,000 sailings in October.",
             "2023-11-20", &l, NULL);
    assert_str(with_text(&l, "3,000")->population, "northern_fleet");
    assert_null(with_text(&l, "4,100")->population);
    assert_str(with_text(&l, "900")->population, "island_ferries");
    assert_str(with_text(&l, "700")->population, "island_ferries");
    assert_null(with_text(&l, "5,000")->population);
    facts_free(&l);
    /* "8,997 of them": a part of what the figure before it counts */
    run_text("At present more than 70,000 ferries are in service, and 900 "
             "of them are electric.",
             "2023-11-20", &l, NULL);
    f = with_text(&l, "900");
    assert_str(f->measured, "ferries");
    facts_free(&l);
}

static void test_lists_and_aspects(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    /* "respectively" hands out the coordinated things in order */
    run_n("In 2023 ferry output of cabins, engines and hulls rose 54 percent, "
          "30 percent and 28 percent respectively.",
          3, &l);
    assert_str(with_text(&l, "54 percent")->measured, "cabins");
    assert_str(with_text(&l, "28 percent")->metric, "hull.growth");
    facts_free(&l);
    /* the head before the list is the head of each item: "output of
       ferries, new energy vehicles and turbines" is NEV output for the
       second figure, and only for it */
    run_n("In 2023 the output of ferries, new energy vehicles and turbines "
          "rose 12 percent, 30 percent and 8 percent, respectively.",
          3, &l);
    assert_str(with_text(&l, "30 percent")->metric, "nev.production.growth");
    assert_str(with_text(&l, "30 percent")->measured, "new energy vehicles");
    assert_str(with_text(&l, "12 percent")->metric, "ferri.growth");
    assert_str(with_text(&l, "8 percent")->metric, "turbin.growth");
    facts_free(&l);
    /* and the tail after it the tail of each: "the production and sales
       of NEVs" */
    run_n("In 2023 the production and sales of NEVs reached 9.59 million "
          "and 9.5 million, respectively.",
          2, &l);
    assert_str(with_text(&l, "9.59 million")->metric, "nev.production");
    assert_str(with_text(&l, "9.5 million")->metric, "nev.sales");
    facts_free(&l);
    /* or the verbs that tell the figures apart, and a later list follows */
    run_n("In 2023 the yards built and sold 310 and 290 ferries, "
          "respectively, up 4 percent and 3 percent.",
          4, &l);
    assert_str(with_text(&l, "310")->metric, "ferri_built");
    assert_str(with_text(&l, "290")->metric, "ferri_sold");
    assert_str(with_text(&l, "3 percent")->metric, "ferri_sold.growth");
    facts_free(&l);
    /* a count of jobs gained, or given as job growth, is a change */
    f = one("The county counted 173 jobs gained in May.", &l);
    assert_str(f->role, "change");
    facts_free(&l);
    f = one("Ferry job growth was revised to 290 jobs.", &l);
    assert_str(f->role, "change");
    facts_free(&l);
    /* but not a count had in another clause */
    f = one("Job growth slowed while the county had 5,000 jobs.", &l);
    assert_str(f->role, "level");
    facts_free(&l);
    /* a list of months says when, not what: both figures count sailings,
       the first in the first month and the second in the second */
    run_n("Ferry sailings in May and June came to 310 and 290, respectively.",
          2, &l);
    assert_str(with_text(&l, "310")->metric, "ferri_sail");
    assert_str(with_text(&l, "290")->metric, "ferri_sail");
    assert_str(with_text(&l, "310")->period, "2022-05");
    assert_str(with_text(&l, "290")->period, "2022-06");
    facts_free(&l);
    /* across the turn of a year, and with the year written after them */
    run_n("Ferry sailings in December and January came to 310 and 290, "
          "respectively.",
          2, &l);
    assert_str(with_text(&l, "310")->period, "2022-12");
    assert_str(with_text(&l, "290")->period, "2023-01");
    facts_free(&l);
    run_n("Ferry sailings in May and June 2021 came to 310 and 290, "
          "respectively.",
          2, &l);
    assert_str(with_text(&l, "310")->period, "2021-05");
    assert_str(with_text(&l, "290")->period, "2021-06");
    facts_free(&l);
    /* a count unit word after a level verb: the subject is counted */
    f = one("In 2023 ferry exports reached 4,900 vehicles.", &l);
    assert_str(f->measured, "ferry exports");
    facts_free(&l);
    f = one("In 2023 ferry makers built 4,900 vehicles.", &l);
    assert_str(f->measured, "vehicles");
    facts_free(&l);
    /* "the number of X" counts X, whatever counter follows */
    f = one("The number of ferry users reached 695 million households.", &l);
    assert_str(f->measured, "ferry users");
    facts_free(&l);
    /* nouns of change, averages, revisions */
    f = one("Ferry job gains were 12,000 in 2023.", &l);
    assert_str(f->role, "change");
    assert_str(f->metric, "ferri_job.change");
    facts_free(&l);
    f = one("In 2023 ferry jobs rose by an average of 900 a month.", &l);
    assert_str(f->metric, "ferri_job.change.average");
    facts_free(&l);
    f = one("In 2023 ferry jobs were revised down by 4,300.", &l);
    assert_str(f->metric, "ferri_job.change.revision");
    assert_num(f->value, -4300);
    facts_free(&l);
    /* an anaphor points back */
    run_n("In 2023 ferry berths numbered 412. The figure rose 3 percent.", 2,
          &l);
    assert_str(with_text(&l, "3 percent")->measured, "ferry berths");
    facts_free(&l);
}

static void test_comparison_base(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    /* "year on year" is the same period a year before */
    f = one("In 2023 ferry traffic rose 7.2 percent year on year.", &l);
    assert_str(f->period, "2023");
    assert_str(f->base_period, "2022");
    facts_free(&l);
    /* a base written as a period is no period of the figure */
    f = one("Berths rose by 447 in 2023 from the end of 2021.", &l);
    assert_str(f->period, "2023");
    assert_str(f->base_period, "2021-12");
    facts_free(&l);
    f = one("Ferry traffic grew 5 percent over 2021.", &l);
    assert_str(f->base_period, "2021");
    assert_str(f->period_source, "document_date");
    facts_free(&l);
    /* a level has no base */
    f = one("In 2023 there were 400 berths, compared with 2021.", &l);
    assert_null(f->base_period);
    facts_free(&l);
}

static void test_population_in_parentheses(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    run_n("In 2023 the jobless rates for adult men (3.6 percent) and "
          "teenagers (10.6 percent) held.",
          2, &l);
    f = with_text(&l, "3.6 percent");
    assert_str(f->population, "adult_men");
    assert_str(f->measured, "jobless rates");
    f = with_text(&l, "10.6 percent");
    assert_str(f->population, "teenagers");
    assert_str(f->measured, "jobless rates");
    assert_str(f->metric, with_text(&l, "3.6 percent")->metric);
    facts_free(&l);
}

static void test_population_from_lexicon(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    f = one("In 2023 the profits of ferry firms above designated size rose "
            "by 4 percent.",
            &l);
    assert_str(f->population, "above_designated_size");
    facts_free(&l);
    f = one("In 2023 rural ferry fares were 12 yuan.", &l);
    assert_str(f->population, "rural");
    facts_free(&l);
    f = one("In 2023 ferry fares were 12 yuan.", &l);
    assert_null(f->population);
    facts_free(&l);
}

static void test_month_without_year(void **state) {
    factlist l;
    const fc_fact *f;
    (void)state;
    /* the latest such month not after the document's date */
    run_text("In December the ferries carried 9,000 cars.", "2024-01-05", &l,
             NULL);
    assert_int_equal(l.n, 1);
    assert_str(l.items[0]->period, "2023-12");
    facts_free(&l);
    run_text("In January the ferries carried 9,000 cars.", "2024-01-05", &l,
             NULL);
    f = l.items[0];
    assert_str(f->period, "2024-01");
    facts_free(&l);
}

static void test_special_characters_round_trip(void **state) {
    const char *text = "He wrote \"<script>x</script>\" and a \\ backslash: "
                       "RMB 300 \"billion\" & 'more'.";
    factlist l;
    const fc_fact *f;
    parsed p = {NULL};
    char *json;
    (void)state;
    f = one(text, &l);
    assert_str(f->text, "RMB 300");
    assert_str(f->unit, "CNY");
    assert_non_null(f->context);
    assert_string_equal(f->context,
                        "a \\ backslash: RMB 300 \"billion\" & 'more'.");
    json = fc_fact_to_json(f);
    assert_non_null(json);
    assert_int_equal(fc_facts_parse("x.jsonl", json, strlen(json), keep_one,
                                    &p, NULL),
                     FC_OK);
    assert_non_null(p.f);
    assert_string_equal(p.f->text, f->text);
    assert_string_equal(p.f->context, f->context);
    assert_string_equal(p.f->id, f->id);
    assert_num(p.f->value, f->value);
    fc_fact_free(p.f);
    free(json);
    facts_free(&l);
}

/* Each test frees what a failed assertion left held. */
#define T(f) cmocka_unit_test_teardown(f, release_held)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(test_thousands_separator),
        T(test_scale_words),
        T(test_currency_before),
        T(test_converted_currency),
        T(test_scale_suffixes),
        T(test_percent_spellings),
        T(test_tons),
        T(test_streak_years),
        T(test_number_words),
        T(test_fractions),
        T(test_ranges),
        T(test_growth_metric),
        T(test_signed_fall),
        T(test_furniture_filtered),
        T(test_interval_more_than_steps),
        T(test_interval_nearly),
        T(test_interval_rounding),
        T(test_share_of_gdp),
        T(test_share_of_world),
        T(test_basis_industry_vs_manufacturing),
        T(test_part_of_including),
        T(test_part_of_of_which),
        T(test_part_of_of_the),
        T(test_no_part_without_cue),
        T(test_unknown_metric_has_context),
        T(test_period_cues),
        T(test_period_spans_of_months),
        T(test_period_relative_to_the_text),
        T(test_period_carried_in_paragraph),
        T(test_period_not_carried_across_paragraphs),
        T(test_status),
        T(test_dateline),
        T(test_undated),
        T(test_spans_are_byte_offsets),
        T(test_line_column_after_multibyte),
        T(test_ids_in_text_order),
        T(test_deterministic),
        T(test_empty_document),
        T(test_no_figures),
        T(test_large_document),
        T(test_anchored_twins),
        T(test_long_line_document),
        T(test_sentence_listing_figures),
        T(test_measured_and_phrase_keys),
        T(test_roles),
    T(test_pointing_back),
    T(test_period_months_named),
        T(test_lists_and_aspects),
        T(test_comparison_base),
        T(test_population_in_parentheses),
        T(test_population_from_lexicon),
        T(test_month_without_year),
        T(test_special_characters_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
