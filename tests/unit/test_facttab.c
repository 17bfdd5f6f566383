/*
** test_facttab.c -- the facts of a store held in memory for the checks
** (facttab.c):
**
**   1. An empty store, and a handful of facts read back exactly once with
**      every field as it was loaded.
**   2. Ranks: strcmp order across facts and fields, 0 for no value, a
**      missing status ranked as "actual", value and rank look-ups.
**   3. Periods as day numbers, qualifier classes, interned strings.
**   4. 20,000 generated facts (the hash table and the arena grow) and one
**      string larger than an arena chunk.
**
** Stores are in memory; facts are loaded from JSON Lines held in strings.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facttab.h"
#include "internal.h"
#include "testutil.h"

/* ---- helpers ------------------------------------------------------------ */

/* An in-memory store holding the facts of `jsonl` (len bytes). */
static fc_store *store_of(const char *jsonl, size_t len) {
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    const char *names[1] = {"facts.jsonl"};
    const char *bufs[1];
    size_t lens[1];
    int rc;
    bufs[0] = jsonl;
    lens[0] = len;
    assert_non_null(d);
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    rc = fc_store_load_buffers(s, NULL, names, bufs, lens, 1, NULL, d);
    if (rc != FC_OK || fc_diags_errors(d)) print_diags(d);
    assert_int_equal(rc, FC_OK);
    assert_int_equal(fc_diags_errors(d), 0);
    fc_diags_free(d);
    return s;
}

static fc_facttab *table_of(fc_store *s) {
    fc_facttab *t = NULL;
    assert_int_equal(fc_facttab_load(s, NULL, &t), FC_OK);
    assert_non_null(t);
    return t;
}

/* The facts of a buffer as the parser reads them: what a store must give
** back. */
typedef struct factlist {
    fc_fact **items;
    size_t n, cap;
} factlist;

static int collect(void *p, const fc_fact *f, const fc_loc *loc) {
    factlist *l = p;
    (void)loc;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 16;
        fc_fact **q = realloc(l->items, ncap * sizeof *q);
        if (!q) return FC_ENOMEM;
        l->items = q;
        l->cap = ncap;
    }
    if (!(l->items[l->n] = fc_fact_dup(f))) return FC_ENOMEM;
    l->n++;
    return FC_OK;
}

static void parse_all(const char *jsonl, factlist *l) {
    fc_diags *d = fc_diags_new();
    int rc;
    memset(l, 0, sizeof *l);
    rc = fc_facts_parse("facts.jsonl", jsonl, strlen(jsonl), collect, l, d);
    if (rc != FC_OK) print_diags(d);
    assert_int_equal(rc, FC_OK);
    fc_diags_free(d);
}

static void factlist_free(factlist *l) {
    size_t i;
    for (i = 0; i < l->n; i++) fc_fact_free(l->items[i]);
    free(l->items);
}

static const char *field_of(const fc_fact *f, int k) {
    switch (k) {
    case F_METRIC: return f->metric;
    case F_SUBJECT: return f->subject;
    case F_BASIS: return f->basis;
    case F_PERIOD: return f->period;
    case F_STATUS: return f->status;
    case F_UNIT: return f->unit;
    case F_DOC: return f->doc;
    case F_POPULATION: return f->population;
    case F_ROLE: return fc_role_of(f);
    case F_TIME: {
        int t = fc_time_of(f, NULL);
        return t == LX_STOCK ? "stock" : t == LX_FLOW ? "flow" : NULL;
    }
    default: fail_msg("no field %d", k);
    }
    return NULL;
}

/* The value a field ranks as: a missing status is "actual". */
static const char *ranked_as(const fc_fact *f, int k) {
    const char *s = field_of(f, k);
    return k == F_STATUS && !s ? "actual" : s;
}

static void assert_str_same(const char *what, const char *id, const char *got,
                            const char *want) {
    if (!got && !want) return;
    if (!got || !want || strcmp(got, want) != 0)
        fail_msg("fact %s: %s is \"%s\", expected \"%s\"", id, what,
                 got ? got : "(null)", want ? want : "(null)");
}

/* Every field of got equal to want's. */
static void assert_fact_equal(const fc_fact *got, const fc_fact *want) {
    const char *id = want->id;
    assert_str_same("id", id, got->id, want->id);
    assert_str_same("doc", id, got->doc, want->doc);
    assert_str_same("text", id, got->text, want->text);
    assert_str_same("metric", id, got->metric, want->metric);
    assert_str_same("subject", id, got->subject, want->subject);
    assert_str_same("basis", id, got->basis, want->basis);
    assert_str_same("unit", id, got->unit, want->unit);
    assert_str_same("qualifier", id, got->qualifier, want->qualifier);
    assert_str_same("period", id, got->period, want->period);
    assert_str_same("status", id, got->status, want->status);
    assert_str_same("speaker", id, got->speaker, want->speaker);
    assert_str_same("part_of", id, got->part_of, want->part_of);
    assert_str_same("context", id, got->context, want->context);
    if (got->value != want->value || got->lo != want->lo ||
        got->hi != want->hi)
        fail_msg("fact %s: value %.17g [%.17g, %.17g], expected %.17g "
                 "[%.17g, %.17g]",
                 id, got->value, got->lo, got->hi, want->value, want->lo,
                 want->hi);
    assert_int_equal(got->span.start, want->span.start);
    assert_int_equal(got->span.end, want->span.end);
    assert_int_equal(got->span.line, want->span.line);
    assert_int_equal(got->span.column, want->span.column);
}

/* The table's fact with this id (there must be exactly one). */
static fc_tfact *by_id(fc_facttab *t, const char *id) {
    fc_tfact *found = NULL;
    size_t i;
    for (i = 0; i < fc_facttab_count(t); i++) {
        fc_tfact *tf = fc_facttab_fact(t, i);
        assert_non_null(tf);
        if (!strcmp(tf->f.id, id)) {
            if (found) fail_msg("fact %s is in the table twice", id);
            found = tf;
        }
    }
    if (!found) fail_msg("fact %s is not in the table", id);
    return found;
}

static int sign(long long x) { return (x > 0) - (x < 0); }

/* Ranks 1..nvalues name distinct values in strictly increasing strcmp
** order; 0 and past the end name nothing. */
static void assert_ranks_sorted(const fc_facttab *t) {
    size_t n = fc_facttab_nvalues(t), r;
    assert_null(fc_facttab_value(t, 0));
    assert_null(fc_facttab_value(t, (uint32_t)n + 1));
    assert_null(fc_facttab_value(t, UINT32_MAX));
    for (r = 1; r <= n; r++) {
        const char *v = fc_facttab_value(t, (uint32_t)r);
        assert_non_null(v);
        assert_int_equal(fc_facttab_rank(t, v), r);
        if (r > 1 && strcmp(fc_facttab_value(t, (uint32_t)r - 1), v) >= 0)
            fail_msg("rank %zu \"%s\" does not sort after rank %zu \"%s\"", r,
                     v, r - 1, fc_facttab_value(t, (uint32_t)r - 1));
    }
}

/* Each field's rank names its value (0 for none) both ways. */
static void assert_fact_ranks(const fc_facttab *t, const fc_tfact *tf) {
    int k;
    for (k = 0; k < F_COUNT; k++) {
        const char *s = ranked_as(&tf->f, k);
        uint32_t r = tf->rank[k];
        if (!s) {
            if (r != 0)
                fail_msg("fact %s: field %d has no value but rank %u",
                         tf->f.id, k, (unsigned)r);
            continue;
        }
        if (r < 1 || r > fc_facttab_nvalues(t))
            fail_msg("fact %s: field %d (\"%s\") has rank %u of %zu",
                     tf->f.id, k, s, (unsigned)r, fc_facttab_nvalues(t));
        assert_string_equal(fc_facttab_value(t, r), s);
        assert_int_equal(fc_facttab_rank(t, s), r);
    }
}

/* ---- 1. empty and small stores ------------------------------------------ */

static void test_empty_store(void **state) {
    fc_store *s = NULL;
    fc_facttab *t = NULL;
    (void)state;
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(fc_facttab_load(s, NULL, &t), FC_OK);
    assert_non_null(t);
    assert_int_equal(fc_facttab_count(t), 0);
    assert_int_equal(fc_facttab_nvalues(t), 0);
    assert_null(fc_facttab_fact(t, 0));
    assert_null(fc_facttab_value(t, 0));
    assert_null(fc_facttab_value(t, 1));
    assert_int_equal(fc_facttab_rank(t, "actual"), 0);
    assert_int_equal(fc_facttab_rank(t, NULL), 0);
    fc_facttab_free(t);
    fc_facttab_free(NULL);
    fc_store_close(s);
}

/* Eight facts: shared and cross-field values ("world" is a subject and a
** basis, "gdp" a metric and a basis), an upper-case metric (strcmp puts it
** before lower case), a metric that is a prefix of another, every period
** form, statuses present, null and absent, every qualifier class. */
static const char SMALL[] =
    "{\"id\":\"a1\",\"doc\":\"d1\",\"span\":{\"start\":10,\"end\":15,"
    "\"line\":2,\"column\":3},\"text\":\"33.2%\",\"subject\":\"china\","
    "\"metric\":\"gdp.share\",\"basis\":\"world\",\"value\":33.2,"
    "\"unit\":\"%\",\"qualifier\":\"exact\",\"interval\":[33.15,33.25],"
    "\"period\":\"2023\",\"status\":\"actual\",\"speaker\":\"NBS\","
    "\"part_of\":null,\"context\":\"share of world output\"}\n"
    "{\"id\":\"a2\",\"doc\":\"d1\",\"text\":\"more than 40\","
    "\"subject\":\"world\",\"metric\":\"gdp.share\",\"value\":40,"
    "\"unit\":\"%\",\"qualifier\":\"more_than\",\"interval\":[40,50],"
    "\"period\":\"2023\",\"speaker\":\"NBS\"}\n"
    "\n"
    "{\"id\":\"b1\",\"doc\":\"d2\",\"span\":{\"start\":0,\"end\":4},"
    "\"text\":\"1200\",\"subject\":\"china\",\"metric\":\"output.count\","
    "\"value\":1200,\"unit\":\"count\",\"qualifier\":\"less_than\","
    "\"interval\":[0,1200],\"period\":\"2023-06\",\"status\":\"target\","
    "\"part_of\":\"a1\"}\n"
    "{\"id\":\"b2\",\"doc\":\"d2\",\"metric\":\"output.count\",\"value\":7,"
    "\"qualifier\":\"nearly\",\"interval\":[6.5,7],"
    "\"period\":\"as-of 2024-03-01\",\"status\":\"forecast\","
    "\"context\":\"nearly seven\"}\n"
    "{\"id\":\"c1\",\"doc\":\"d3\",\"subject\":\"china\",\"metric\":\"Zeta\","
    "\"value\":-2.5,\"qualifier\":\"approx\",\"interval\":[-3,-2],"
    "\"status\":null}\n"
    "{\"id\":\"c2\",\"doc\":\"d3\",\"metric\":\"gdp.share\",\"basis\":\"gdp\","
    "\"value\":0.001,\"qualifier\":\"range\",\"interval\":[0,0.002],"
    "\"period\":\"2021/2025\",\"status\":\"actual\"}\n"
    "{\"id\":\"c3\",\"doc\":\"d1\",\"metric\":\"gdp\",\"value\":0,"
    "\"unit\":\"%\",\"qualifier\":\"at_least\",\"interval\":[0,0],"
    "\"period\":\"2024-02-29\"}\n"
    "{\"id\":\"c4\",\"doc\":\"d2\",\"subject\":\"china\","
    "\"metric\":\"gdp.share\",\"value\":5,\"period\":\"2023\","
    "\"status\":\"target\"}\n";

#define SMALL_N 8

typedef struct small {
    fc_store *s;
    fc_facttab *t;
    factlist want;
} small;

static int small_setup(void **state) {
    small *c = calloc(1, sizeof *c);
    if (!c) return -1;
    c->s = store_of(SMALL, strlen(SMALL));
    c->t = table_of(c->s);
    parse_all(SMALL, &c->want);
    *state = c;
    return 0;
}

static int small_teardown(void **state) {
    small *c = *state;
    fc_facttab_free(c->t);
    fc_store_close(c->s);
    factlist_free(&c->want);
    free(c);
    return 0;
}

static void test_every_fact_once(void **state) {
    small *c = *state;
    size_t i, j;
    int seen[SMALL_N] = {0};
    assert_int_equal(c->want.n, SMALL_N);
    assert_int_equal(fc_facttab_count(c->t), SMALL_N);
    assert_null(fc_facttab_fact(c->t, SMALL_N));
    for (i = 0; i < fc_facttab_count(c->t); i++) {
        fc_tfact *tf = fc_facttab_fact(c->t, i);
        int found = 0;
        assert_non_null(tf);
        assert_ptr_equal(&tf->f, (fc_fact *)tf);
        for (j = 0; j < c->want.n; j++)
            if (!strcmp(c->want.items[j]->id, tf->f.id)) {
                if (seen[j]++) fail_msg("fact %s read twice", tf->f.id);
                assert_fact_equal(&tf->f, c->want.items[j]);
                found = 1;
            }
        if (!found) fail_msg("fact %s was never loaded", tf->f.id);
    }
    for (j = 0; j < SMALL_N; j++) assert_int_equal(seen[j], 1);
}

/* The same, against values written out by hand rather than parsed. */
static void test_fields_by_hand(void **state) {
    small *c = *state;
    fc_tfact *a1 = by_id(c->t, "a1"), *a2 = by_id(c->t, "a2");
    fc_tfact *b1 = by_id(c->t, "b1"), *b2 = by_id(c->t, "b2");
    fc_tfact *c1 = by_id(c->t, "c1");
    assert_string_equal(a1->f.doc, "d1");
    assert_string_equal(a1->f.text, "33.2%");
    assert_string_equal(a1->f.subject, "china");
    assert_string_equal(a1->f.metric, "gdp.share");
    assert_string_equal(a1->f.basis, "world");
    assert_true(a1->f.value == 33.2);
    assert_true(a1->f.lo == 33.15 && a1->f.hi == 33.25);
    assert_string_equal(a1->f.unit, "%");
    assert_string_equal(a1->f.qualifier, "exact");
    assert_string_equal(a1->f.period, "2023");
    assert_string_equal(a1->f.status, "actual");
    assert_string_equal(a1->f.speaker, "NBS");
    assert_null(a1->f.part_of);
    assert_string_equal(a1->f.context, "share of world output");
    assert_int_equal(a1->f.span.start, 10);
    assert_int_equal(a1->f.span.end, 15);
    assert_int_equal(a1->f.span.line, 2);
    assert_int_equal(a1->f.span.column, 3);

    assert_null(a2->f.status);
    assert_null(a2->f.basis);
    assert_null(a2->f.context);
    assert_int_equal(a2->f.span.start, -1);
    assert_int_equal(a2->f.span.end, -1);

    assert_string_equal(b1->f.part_of, "a1");
    assert_int_equal(b1->f.span.start, 0);
    assert_int_equal(b1->f.span.end, 4);
    assert_true(b1->f.lo == 0 && b1->f.hi == 1200);

    assert_null(b2->f.subject);
    assert_null(b2->f.unit);
    assert_null(b2->f.speaker);
    assert_null(b2->f.text);
    assert_string_equal(b2->f.status, "forecast");

    assert_null(c1->f.period);
    assert_null(c1->f.status);
    assert_true(c1->f.value == -2.5);
    assert_true(c1->f.lo == -3 && c1->f.hi == -2);
    assert_true(by_id(c->t, "c4")->f.lo == 5 && by_id(c->t, "c4")->f.hi == 5);
    assert_null(by_id(c->t, "c4")->f.qualifier);
}

/* ---- 2. ranks ----------------------------------------------------------- */

static void test_ranks(void **state) {
    small *c = *state;
    size_t n = fc_facttab_count(c->t), i, j;
    int k, l;
    fc_tfact *a1 = by_id(c->t, "a1"), *a2 = by_id(c->t, "a2");
    fc_tfact *c1 = by_id(c->t, "c1"), *c2 = by_id(c->t, "c2");
    fc_tfact *c3 = by_id(c->t, "c3"), *b2 = by_id(c->t, "b2");
    uint32_t actual = fc_facttab_rank(c->t, "actual");

    assert_ranks_sorted(c->t);
    for (i = 0; i < n; i++) assert_fact_ranks(c->t, fc_facttab_fact(c->t, i));

    /* rank order is strcmp order, across facts and fields */
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            for (k = 0; k < F_COUNT; k++)
                for (l = 0; l < F_COUNT; l++) {
                    const fc_tfact *x = fc_facttab_fact(c->t, i);
                    const fc_tfact *y = fc_facttab_fact(c->t, j);
                    const char *sx = ranked_as(&x->f, k);
                    const char *sy = ranked_as(&y->f, l);
                    if (!sx || !sy) continue;
                    if (sign(strcmp(sx, sy)) !=
                        sign((long long)x->rank[k] - (long long)y->rank[l]))
                        fail_msg("\"%s\" (rank %u) and \"%s\" (rank %u) are "
                                 "out of strcmp order",
                                 sx, (unsigned)x->rank[k], sy,
                                 (unsigned)y->rank[l]);
                }

    /* equal strings, equal ranks, whatever the field */
    assert_int_equal(a1->rank[F_BASIS], a2->rank[F_SUBJECT]);    /* world */
    assert_int_equal(c2->rank[F_BASIS], c3->rank[F_METRIC]);     /* gdp */
    assert_int_equal(a1->rank[F_METRIC], c2->rank[F_METRIC]);
    assert_int_equal(a1->rank[F_UNIT], c3->rank[F_UNIT]);
    /* by hand: "Zeta" < "gdp" < "gdp.share" < "output.count" */
    assert_true(c1->rank[F_METRIC] < c3->rank[F_METRIC]);
    assert_true(c3->rank[F_METRIC] < a1->rank[F_METRIC]);
    assert_true(a1->rank[F_METRIC] < b2->rank[F_METRIC]);
    assert_true(fc_facttab_rank(c->t, "d1") < fc_facttab_rank(c->t, "d2"));
    assert_true(fc_facttab_rank(c->t, "d2") < fc_facttab_rank(c->t, "d3"));
    /* no value ranks 0, below everything */
    assert_int_equal(a2->rank[F_BASIS], 0);
    assert_int_equal(c1->rank[F_PERIOD], 0);
    assert_int_equal(b2->rank[F_UNIT], 0);
    assert_int_equal(b2->rank[F_SUBJECT], 0);
    /* a missing status (absent or null) ranks as "actual" */
    assert_int_not_equal(actual, 0);
    assert_int_equal(a2->rank[F_STATUS], actual);
    assert_int_equal(c1->rank[F_STATUS], actual);
    assert_int_equal(c3->rank[F_STATUS], actual);
    assert_int_equal(a1->rank[F_STATUS], actual);
    assert_int_not_equal(b2->rank[F_STATUS], actual);
    /* round trips and misses */
    assert_string_equal(fc_facttab_value(c->t, a1->rank[F_METRIC]),
                        "gdp.share");
    assert_string_equal(fc_facttab_value(c->t, actual), "actual");
    assert_int_equal(fc_facttab_rank(c->t, NULL), 0);
    assert_int_equal(fc_facttab_rank(c->t, ""), 0);
    assert_int_equal(fc_facttab_rank(c->t, "gdp.shar"), 0);
    assert_int_equal(fc_facttab_rank(c->t, "gdp.share "), 0);
    assert_int_equal(fc_facttab_rank(c->t, "zeta"), 0);
    assert_int_equal(fc_facttab_rank(c->t, "no such value"), 0);
    /* at least the distinct ranked values: 4 metrics, 2 subjects + world,
    ** gdp as a basis is a metric already, 5 periods, 3 statuses, 2 units,
    ** 3 documents */
    assert_true(fc_facttab_nvalues(c->t) >= 4 + 2 + 5 + 3 + 2 + 3);
}

/* No fact says "actual", yet the facts without a status rank as it. */
static void test_actual_without_actual(void **state) {
    static const char facts[] =
        "{\"id\":\"x1\",\"doc\":\"d\",\"metric\":\"m\",\"value\":1,"
        "\"status\":\"target\"}\n"
        "{\"id\":\"x2\",\"doc\":\"d\",\"metric\":\"m\",\"value\":2}\n"
        "{\"id\":\"x3\",\"doc\":\"d\",\"metric\":\"m\",\"value\":3,"
        "\"status\":\"forecast\"}\n";
    fc_store *s = store_of(facts, strlen(facts));
    fc_facttab *t = table_of(s);
    uint32_t actual = fc_facttab_rank(t, "actual");
    fc_tfact *x1 = by_id(t, "x1"), *x2 = by_id(t, "x2"), *x3 = by_id(t, "x3");
    (void)state;
    assert_int_not_equal(actual, 0);
    assert_string_equal(fc_facttab_value(t, actual), "actual");
    assert_null(x2->f.status);
    assert_int_equal(x2->rank[F_STATUS], actual);
    /* "actual" < "forecast" < "target" */
    assert_true(actual < x3->rank[F_STATUS]);
    assert_true(x3->rank[F_STATUS] < x1->rank[F_STATUS]);
    assert_ranks_sorted(t);
    assert_fact_ranks(t, x1);
    assert_fact_ranks(t, x2);
    assert_fact_ranks(t, x3);
    fc_facttab_free(t);
    fc_store_close(s);
}

/* ---- 3. periods, qualifiers, interned strings --------------------------- */

static void assert_period(const fc_tfact *tf, const char *first,
                          const char *last, int as_of) {
    if (!tf->has_period)
        fail_msg("fact %s: period \"%s\" not parsed", tf->f.id, tf->f.period);
    assert_int_equal(tf->first, fc_date_days(first));
    assert_int_equal(tf->last, fc_date_days(last));
    assert_int_equal(tf->year_first, fc_date_year(first));
    assert_int_equal(tf->year_last, fc_date_year(last));
    assert_int_equal(tf->as_of, as_of);
}

static void test_periods(void **state) {
    small *c = *state;
    fc_tfact *tf;
    assert_period(by_id(c->t, "a1"), "2023-01-01", "2023-12-31", 0);
    assert_period(by_id(c->t, "a2"), "2023-01-01", "2023-12-31", 0);
    assert_period(by_id(c->t, "c4"), "2023-01-01", "2023-12-31", 0);
    assert_period(by_id(c->t, "b1"), "2023-06-01", "2023-06-30", 0);
    assert_period(by_id(c->t, "b2"), "2024-03-01", "2024-03-01", 1);
    assert_period(by_id(c->t, "c2"), "2021-01-01", "2025-12-31", 0);
    assert_period(by_id(c->t, "c3"), "2024-02-29", "2024-02-29", 0);
    /* day numbers by hand */
    tf = by_id(c->t, "a1");
    assert_int_equal(tf->last - tf->first, 364);
    assert_int_equal(tf->year_first, 2023);
    assert_int_equal(tf->year_last, 2023);
    tf = by_id(c->t, "b1");
    assert_int_equal(tf->last - tf->first, 29);
    tf = by_id(c->t, "c2");
    assert_int_equal(tf->year_first, 2021);
    assert_int_equal(tf->year_last, 2025);
    assert_int_equal(tf->last - tf->first + 1, 365 * 5 + 1);   /* 2024 leaps */
    assert_int_equal(by_id(c->t, "b2")->first - by_id(c->t, "c3")->first, 1);
    /* none */
    tf = by_id(c->t, "c1");
    assert_int_equal(tf->has_period, 0);
    assert_int_equal(tf->first, 0);
    assert_int_equal(tf->last, 0);
    assert_int_equal(tf->year_first, 0);
    assert_int_equal(tf->year_last, 0);
    assert_int_equal(tf->as_of, 0);
}

static void test_qualifier_classes(void **state) {
    small *c = *state;
    assert_int_equal(fc_tqual(NULL), TQ_EXACT);
    assert_int_equal(fc_tqual("exact"), TQ_EXACT);
    assert_int_equal(fc_tqual("more_than"), TQ_MORE_THAN);
    assert_int_equal(fc_tqual("less_than"), TQ_LESS_THAN);
    assert_int_equal(fc_tqual("nearly"), TQ_NEARLY);
    assert_int_equal(fc_tqual("approx"), TQ_OTHER);
    assert_int_equal(fc_tqual("range"), TQ_OTHER);
    assert_int_equal(fc_tqual("at_least"), TQ_OTHER);
    assert_int_equal(fc_tqual("at_most"), TQ_OTHER);
    assert_int_equal(fc_tqual(""), TQ_OTHER);
    assert_int_equal(fc_tqual("Exact"), TQ_OTHER);
    assert_int_equal(fc_tqual("more_than "), TQ_OTHER);
    /* in the table, both for facts whose period was parsed and for those
    ** that took it from the fact before (a1, a2 and c4 share "2023") */
    assert_int_equal(by_id(c->t, "a1")->qual, TQ_EXACT);
    assert_int_equal(by_id(c->t, "a2")->qual, TQ_MORE_THAN);
    assert_int_equal(by_id(c->t, "b1")->qual, TQ_LESS_THAN);
    assert_int_equal(by_id(c->t, "b2")->qual, TQ_NEARLY);
    assert_int_equal(by_id(c->t, "c1")->qual, TQ_OTHER);
    assert_int_equal(by_id(c->t, "c2")->qual, TQ_OTHER);
    assert_int_equal(by_id(c->t, "c3")->qual, TQ_OTHER);
    assert_int_equal(by_id(c->t, "c4")->qual, TQ_EXACT);
}

static void test_interned(void **state) {
    small *c = *state;
    fc_tfact *a1 = by_id(c->t, "a1"), *a2 = by_id(c->t, "a2");
    fc_tfact *b1 = by_id(c->t, "b1"), *b2 = by_id(c->t, "b2");
    fc_tfact *c2 = by_id(c->t, "c2"), *c3 = by_id(c->t, "c3");
    fc_tfact *c4 = by_id(c->t, "c4"), *c1 = by_id(c->t, "c1");
    assert_ptr_equal(a1->f.metric, a2->f.metric);
    assert_ptr_equal(a1->f.metric, c2->f.metric);
    assert_ptr_equal(a1->f.metric, c4->f.metric);
    assert_ptr_equal(b1->f.metric, b2->f.metric);
    assert_ptr_not_equal(a1->f.metric, b1->f.metric);
    assert_ptr_equal(a1->f.doc, a2->f.doc);
    assert_ptr_equal(a1->f.doc, c3->f.doc);
    assert_ptr_equal(a1->f.period, a2->f.period);
    assert_ptr_equal(a1->f.period, c4->f.period);
    assert_ptr_equal(a1->f.unit, c3->f.unit);
    assert_ptr_equal(a1->f.subject, c1->f.subject);
    assert_ptr_equal(a1->f.speaker, a2->f.speaker);
    assert_ptr_equal(a1->f.status, c2->f.status);
    assert_ptr_equal(b1->f.status, c4->f.status);
    /* across fields */
    assert_ptr_equal(a1->f.basis, a2->f.subject);
    assert_ptr_equal(c2->f.basis, c3->f.metric);
    /* the value of a rank is that same copy */
    assert_ptr_equal(fc_facttab_value(c->t, a1->rank[F_METRIC]), a1->f.metric);
    assert_ptr_equal(fc_facttab_value(c->t, a1->rank[F_DOC]), a1->f.doc);
}

/* A fact outside a table: derived fields filled, ranks left alone. */
static void test_tfact_init(void **state) {
    fc_tfact tf;
    int k;
    (void)state;
    memset(&tf, 0, sizeof tf);
    tf.f.period = (char *)"2023-06";
    tf.f.qualifier = (char *)"nearly";
    fc_tfact_init(&tf);
    assert_int_equal(tf.has_period, 1);
    assert_int_equal(tf.as_of, 0);
    assert_int_equal(tf.first, fc_date_days("2023-06-01"));
    assert_int_equal(tf.last, fc_date_days("2023-06-30"));
    assert_int_equal(tf.year_first, 2023);
    assert_int_equal(tf.year_last, 2023);
    assert_int_equal(tf.qual, TQ_NEARLY);
    for (k = 0; k < F_COUNT; k++) assert_int_equal(tf.rank[k], 0);

    tf.f.period = (char *)"as-of 2022-12-31";
    tf.f.qualifier = NULL;
    fc_tfact_init(&tf);
    assert_int_equal(tf.has_period, 1);
    assert_int_equal(tf.as_of, 1);
    assert_int_equal(tf.first, fc_date_days("2022-12-31"));
    assert_int_equal(tf.last, tf.first);
    assert_int_equal(tf.qual, TQ_EXACT);

    tf.f.period = NULL;
    tf.f.qualifier = (char *)"range";
    fc_tfact_init(&tf);
    assert_int_equal(tf.has_period, 0);
    assert_int_equal(tf.as_of, 0);
    assert_int_equal(tf.first, 0);
    assert_int_equal(tf.last, 0);
    assert_int_equal(tf.year_first, 0);
    assert_int_equal(tf.year_last, 0);
    assert_int_equal(tf.qual, TQ_OTHER);
}

/* ---- 4. many facts ------------------------------------------------------ */

#define GEN_N 20000
#define GEN_METRICS 300
#define GEN_SUBJECTS 2000
#define GEN_DOCS 40

static const char *const gen_quals[] = {"exact", "approx", "more_than",
                                        "at_least", "less_than", "at_most",
                                        "nearly", "range"};
static const char *const gen_status[] = {NULL, "actual", "target", "forecast"};
static const char *const gen_units[] = {"%", "count", NULL};

/* The strings of generated fact i (NULL where it has none). */
typedef struct gen {
    char id[16], doc[16], metric[32], subject[32], basis[16], period[32];
    char speaker[32], part_of[16], text[16], context[320];
    const char *unit, *status, *qualifier;
    int has_basis, has_speaker, has_part_of;
    double value, lo, hi;
} gen;

static void gen_fact(size_t i, gen *g) {
    size_t p = i / 8;   /* runs of eight facts share a period */
    memset(g, 0, sizeof *g);
    snprintf(g->id, sizeof g->id, "g%05zu", i);
    snprintf(g->doc, sizeof g->doc, "doc%02zu", i % GEN_DOCS);
    snprintf(g->metric, sizeof g->metric, "metric.%03zu",
             (i * 7) % GEN_METRICS);
    snprintf(g->subject, sizeof g->subject, "subject %04zu",
             (i * 13) % GEN_SUBJECTS);
    g->has_basis = i % 5 != 0;
    snprintf(g->basis, sizeof g->basis, "basis%zu", i % 7);
    switch (p % 4) {
    case 0:
        snprintf(g->period, sizeof g->period, "%zu", 1990 + p % 40);
        break;
    case 1:
        snprintf(g->period, sizeof g->period, "20%02zu-%02zu", p % 30,
                 1 + p % 12);
        break;
    case 2:
        snprintf(g->period, sizeof g->period, "as-of 2020-%02zu-%02zu",
                 1 + p % 12, 1 + p % 28);
        break;
    default:
        snprintf(g->period, sizeof g->period, "2000/20%02zu", p % 30);
        break;
    }
    g->has_speaker = i % 10 == 0;
    snprintf(g->speaker, sizeof g->speaker, "speaker %zu", (i / 10) % 100);
    g->has_part_of = i % 9 == 1;
    snprintf(g->part_of, sizeof g->part_of, "g%05zu", i - 1);
    snprintf(g->text, sizeof g->text, "v%zu", i);
    /* long enough that the arena needs more than one chunk */
    snprintf(g->context, sizeof g->context,
             "context of %05zu: %0280d", i, 0);
    g->unit = gen_units[i % 3];
    g->status = gen_status[i % 4];
    g->qualifier = gen_quals[i % 8];
    g->value = (double)i * 0.5;
    g->lo = g->value - 1;
    g->hi = g->value + 1;
}

static void put_str(fc_buf *b, const char *key, const char *s) {
    if (s)
        fc_buf_printf(b, ",\"%s\":\"%s\"", key, s);
    else
        fc_buf_printf(b, ",\"%s\":null", key);
}

static char *generate(size_t *len) {
    fc_buf b;
    size_t i;
    gen g;
    fc_buf_init(&b);
    for (i = 0; i < GEN_N; i++) {
        gen_fact(i, &g);
        fc_buf_printf(&b, "{\"id\":\"%s\",\"doc\":\"%s\"", g.id, g.doc);
        fc_buf_printf(&b,
                      ",\"span\":{\"start\":%zu,\"end\":%zu,\"line\":%zu,"
                      "\"column\":%zu}",
                      i, i + 3, 1 + i % 50, 1 + i % 80);
        put_str(&b, "text", g.text);
        put_str(&b, "subject", g.subject);
        put_str(&b, "metric", g.metric);
        put_str(&b, "basis", g.has_basis ? g.basis : NULL);
        fc_buf_printf(&b, ",\"value\":%.17g,\"interval\":[%.17g,%.17g]",
                      g.value, g.lo, g.hi);
        put_str(&b, "unit", g.unit);
        put_str(&b, "qualifier", g.qualifier);
        put_str(&b, "period", g.period);
        if (g.status || i % 8 == 0) put_str(&b, "status", g.status);
        put_str(&b, "speaker", g.has_speaker ? g.speaker : NULL);
        put_str(&b, "part_of", g.has_part_of ? g.part_of : NULL);
        put_str(&b, "context", g.context);
        fc_buf_puts(&b, "}\n");
    }
    assert_false(b.oom);
    *len = b.len;
    return fc_buf_take(&b);
}

static void test_many_facts(void **state) {
    size_t len, i, nvalues, metrics = 0, subjects = 0;
    char *buf = generate(&len);
    fc_store *s = store_of(buf, len);
    fc_facttab *t = table_of(s);
    unsigned char *seen = calloc(GEN_N, 1);
    const char **metric_ptr = calloc(GEN_METRICS, sizeof *metric_ptr);
    unsigned char *rank_used;
    gen g;
    (void)state;
    assert_non_null(seen);
    assert_non_null(metric_ptr);
    free(buf);
    assert_int_equal(fc_facttab_count(t), GEN_N);
    nvalues = fc_facttab_nvalues(t);
    assert_true(nvalues >= GEN_METRICS + GEN_SUBJECTS + GEN_DOCS + 7 + 4);
    rank_used = calloc(nvalues + 1, 1);
    assert_non_null(rank_used);
    assert_ranks_sorted(t);
    for (i = 0; i < GEN_N; i++) {
        fc_tfact *tf = fc_facttab_fact(t, i);
        fc_fact want;
        fc_when w;
        char *end;
        size_t ix, m;
        assert_non_null(tf);
        assert_non_null(tf->f.id);
        assert_int_equal(tf->f.id[0], 'g');
        ix = (size_t)strtoul(tf->f.id + 1, &end, 10);
        assert_int_equal(*end, '\0');
        assert_true(ix < GEN_N);
        if (seen[ix]++) fail_msg("fact %s read twice", tf->f.id);
        gen_fact(ix, &g);
        memset(&want, 0, sizeof want);
        want.id = g.id;
        want.doc = g.doc;
        want.span.start = (long long)ix;
        want.span.end = (long long)ix + 3;
        want.span.line = (int)(1 + ix % 50);
        want.span.column = (int)(1 + ix % 80);
        want.text = g.text;
        want.subject = g.subject;
        want.metric = g.metric;
        want.basis = g.has_basis ? g.basis : NULL;
        want.value = g.value;
        want.lo = g.lo;
        want.hi = g.hi;
        want.unit = (char *)g.unit;
        want.qualifier = (char *)g.qualifier;
        want.period = g.period;
        want.status = (char *)g.status;
        want.speaker = g.has_speaker ? g.speaker : NULL;
        want.part_of = g.has_part_of ? g.part_of : NULL;
        want.context = g.context;
        assert_fact_equal(&tf->f, &want);
        assert_fact_ranks(t, tf);
        assert_int_equal(tf->rank[F_METRIC], fc_facttab_rank(t, g.metric));
        assert_int_equal(tf->qual, fc_tqual(g.qualifier));
        /* one copy per metric */
        m = (ix * 7) % GEN_METRICS;
        if (!metric_ptr[m]) {
            metric_ptr[m] = tf->f.metric;
            metrics++;
        } else {
            assert_ptr_equal(metric_ptr[m], tf->f.metric);
        }
        if (!rank_used[tf->rank[F_SUBJECT]]) {
            rank_used[tf->rank[F_SUBJECT]] = 1;
            subjects++;
        }
        /* periods, also where the table took them from the fact before */
        w = fc_when_of(&want);
        assert_true(w.ok);
        assert_int_equal(tf->has_period, 1);
        assert_int_equal(tf->as_of, w.p.as_of);
        assert_int_equal(tf->as_of, strncmp(g.period, "as-of", 5) == 0);
        assert_int_equal(tf->first, fc_date_days(w.p.first));
        assert_int_equal(tf->last, fc_date_days(w.p.last));
        assert_int_equal(tf->year_first, fc_date_year(w.p.first));
        assert_int_equal(tf->year_last, fc_date_year(w.p.last));
    }
    for (i = 0; i < GEN_N; i++)
        if (seen[i] != 1) fail_msg("fact g%05zu read %d times", i, seen[i]);
    assert_int_equal(metrics, GEN_METRICS);
    assert_int_equal(subjects, GEN_SUBJECTS);
    /* every metric by name, and the 300 metric ranks distinct */
    memset(rank_used, 0, nvalues + 1);
    for (i = 0; i < GEN_METRICS; i++) {
        char name[32];
        uint32_t r;
        snprintf(name, sizeof name, "metric.%03zu", i);
        r = fc_facttab_rank(t, name);
        assert_true(r >= 1 && r <= nvalues);
        assert_false(rank_used[r]);
        rank_used[r] = 1;
        assert_ptr_equal(fc_facttab_value(t, r), metric_ptr[i]);
        if (i) {
            char prev[32];
            snprintf(prev, sizeof prev, "metric.%03zu", i - 1);
            assert_true(fc_facttab_rank(t, prev) < r);
        }
    }
    assert_int_equal(fc_facttab_rank(t, "metric.300"), 0);
    free(rank_used);
    free(metric_ptr);
    free(seen);
    fc_facttab_free(t);
    fc_store_close(s);
}

/* One string larger than an arena chunk (4 MiB), between two small facts:
** every string stays intact. */
static void test_string_larger_than_chunk(void **state) {
    size_t big = (size_t)5 << 20, len, i;
    fc_buf b;
    char *buf;
    fc_store *s;
    fc_facttab *t;
    fc_tfact *tf;
    (void)state;
    fc_buf_init(&b);
    fc_buf_puts(&b, "{\"id\":\"before\",\"doc\":\"d\",\"metric\":\"m\","
                    "\"value\":1,\"context\":\"small before\"}\n"
                    "{\"id\":\"big\",\"doc\":\"d\",\"metric\":\"m\","
                    "\"value\":2,\"context\":\"");
    for (i = 0; i < big; i++) fc_buf_putc(&b, 'a' + (int)(i % 26));
    fc_buf_puts(&b, "\"}\n{\"id\":\"after\",\"doc\":\"e\",\"metric\":\"n\","
                    "\"value\":3,\"context\":\"small after\"}\n");
    assert_false(b.oom);
    len = b.len;
    buf = fc_buf_take(&b);
    s = store_of(buf, len);
    free(buf);
    t = table_of(s);
    assert_int_equal(fc_facttab_count(t), 3);
    tf = by_id(t, "big");
    assert_int_equal(strlen(tf->f.context), big);
    for (i = 0; i < big; i++)
        if (tf->f.context[i] != 'a' + (int)(i % 26))
            fail_msg("byte %zu of the big context is '%c'", i,
                     tf->f.context[i]);
    assert_string_equal(by_id(t, "before")->f.context, "small before");
    assert_string_equal(by_id(t, "after")->f.context, "small after");
    assert_string_equal(by_id(t, "after")->f.metric, "n");
    assert_ptr_equal(by_id(t, "before")->f.metric, tf->f.metric);
    assert_true(by_id(t, "before")->rank[F_METRIC] <
                by_id(t, "after")->rank[F_METRIC]);
    assert_ranks_sorted(t);
    fc_facttab_free(t);
    fc_store_close(s);
}

static const char *time_name(const char *metric, const char *role,
                             const char *unit, const char *measured) {
    fc_fact f;
    int t;
    memset(&f, 0, sizeof f);
    f.metric = (char *)metric;
    f.role = (char *)role;
    f.unit = (char *)unit;
    f.measured = (char *)measured;
    t = fc_time_of(&f, NULL);
    return t == LX_STOCK ? "stock" : t == LX_FLOW ? "flow" : "none";
}

static void test_time_of(void **state) {
    (void)state;
    /* a count of things is a stock; what is produced or sold, a flow */
    assert_string_equal(time_name("port_berth", "level", "count", "berths"),
                        "stock");
    assert_string_equal(
        time_name("ferri_sold", "level", "count", "ferries sold"), "flow");
    assert_string_equal(time_name("nev.production", NULL, "count", NULL),
                        "flow");
    /* money is a flow unless it is held */
    assert_string_equal(time_name("toll_incom", "level", "CNY", NULL), "flow");
    assert_string_equal(time_name("port_fund", "level", "EUR", "port fund"),
                        "flow");
    assert_string_equal(
        time_name("port_asset", "level", "EUR", "the port's assets"), "stock");
    /* changes are flows; rates, shares and streaks live in neither way */
    assert_string_equal(time_name("berth.change", "change", "count", NULL),
                        "flow");
    assert_string_equal(time_name("berth.growth", NULL, "%", NULL), "flow");
    assert_string_equal(time_name("jobless_rate", "level", "%", NULL), "none");
    assert_string_equal(time_name("berth.share", "share", "%", NULL), "none");
    assert_string_equal(time_name("port.streak", NULL, "years", NULL),
                        "none");
}

/* A stock is counted at a point: its as-of date, or its month's last day;
** its reporting window is the default when the metric declares none. */
static void test_stock_points(void **state) {
    static const char jsonl[] =
        "{\"id\":\"m\",\"doc\":\"d\",\"metric\":\"berth\","
        "\"value\":1,\"unit\":\"count\",\"period\":\"2024-12\"}\n"
        "{\"id\":\"a\",\"doc\":\"d\",\"metric\":\"berth\","
        "\"value\":1,\"unit\":\"count\",\"period\":\"as-of 2025-01-21\"}\n"
        "{\"id\":\"y\",\"doc\":\"d\",\"metric\":\"berth\","
        "\"value\":1,\"unit\":\"count\",\"period\":\"2024\"}\n"
        "{\"id\":\"f\",\"doc\":\"d\",\"metric\":\"steel.output\","
        "\"value\":1,\"unit\":\"t\",\"period\":\"2024-12\"}\n"
        "{\"id\":\"n\",\"doc\":\"d\",\"metric\":\"berth\","
        "\"value\":1,\"unit\":\"count\"}\n";
    fc_store *s = store_of(jsonl, sizeof jsonl - 1);
    fc_facttab *t = table_of(s);
    fc_tfact *m = by_id(t, "m"), *a = by_id(t, "a");
    (void)state;
    assert_int_equal(m->time, LX_STOCK);
    assert_int_equal(m->point, m->last);
    assert_int_equal(a->point, a->first);
    assert_int_equal(a->point - m->point, 21);
    assert_int_equal(m->window, FC_STOCK_WINDOW);
    /* a year is no point; a flow has none; nor has a fact without period */
    assert_int_equal(by_id(t, "y")->point, 0);
    assert_int_equal(by_id(t, "f")->time, LX_FLOW);
    assert_int_equal(by_id(t, "f")->point, 0);
    assert_int_equal(by_id(t, "f")->window, 0);
    assert_int_equal(by_id(t, "n")->point, 0);
    fc_facttab_free(t);
    fc_store_close(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_of),
        cmocka_unit_test(test_empty_store),
        cmocka_unit_test_setup_teardown(test_every_fact_once, small_setup,
                                        small_teardown),
        cmocka_unit_test_setup_teardown(test_fields_by_hand, small_setup,
                                        small_teardown),
        cmocka_unit_test_setup_teardown(test_ranks, small_setup,
                                        small_teardown),
        cmocka_unit_test(test_actual_without_actual),
        cmocka_unit_test_setup_teardown(test_periods, small_setup,
                                        small_teardown),
        cmocka_unit_test_setup_teardown(test_qualifier_classes, small_setup,
                                        small_teardown),
        cmocka_unit_test_setup_teardown(test_interned, small_setup,
                                        small_teardown),
        cmocka_unit_test(test_tfact_init),
        cmocka_unit_test(test_many_facts),
        cmocka_unit_test(test_string_larger_than_chunk),
        cmocka_unit_test(test_stock_points),
    };
    return cmocka_run_group_tests_name("facttab", tests, NULL, NULL);
}
