/*
** test_findings.c -- the findings collection (findings.c): stable ids,
** the report order, keeping one finding of each id, moving findings
** between collections.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "internal.h"

static fc_fact *fact(const char *id, const char *doc, double value,
                     const char *text, long long start) {
    fc_fact *f = fc_fact_new();
    assert_non_null(f);
    fc_fact_set(&f->id, id);
    fc_fact_set(&f->doc, doc);
    fc_fact_set(&f->metric, "m.x");
    fc_fact_set(&f->period, "2022");
    fc_fact_set(&f->text, text);
    f->value = f->lo = f->hi = value;
    f->span.start = start;
    f->span.end = start + 3;
    return f;
}

/* The id hashes the rule id and the facts' content in sorted order:
** sha256("r\n" + the sorted lines "doc|metric|subject|basis|period|
** status|value|quote\n"), its first 16 hex digits.  Not the facts' ids,
** not the order they were given in. */
static void test_id_is_stable(void **state) {
    fc_findings *fs = fc_findings_new();
    fc_fact *a = fact("a", "d1", 1, "one", 0), *b = fact("b", "d2", 2, "two", 5);
    fc_fact *ab[2], *ba[2];
    (void)state;
    ab[0] = ba[1] = a;
    ab[1] = ba[0] = b;
    assert_int_equal(fc_findings_append(fs, "r", "agree", FC_TYPE_VALUE_CONFLICT,
                                        "error", "m", ab, NULL, 2),
                     FC_OK);
    assert_int_equal(fc_findings_append(fs, "r", "agree", FC_TYPE_VALUE_CONFLICT,
                                        "error", "m", ba, NULL, 2),
                     FC_OK);
    assert_int_equal(fc_findings_append(fs, "q", "agree", FC_TYPE_VALUE_CONFLICT,
                                        "error", "m", ab, NULL, 2),
                     FC_OK);
    fc_fact_set(&a->id, "another-id");
    assert_int_equal(fc_findings_append(fs, "r", "agree", FC_TYPE_VALUE_CONFLICT,
                                        "error", "m", ab, NULL, 2),
                     FC_OK);
    assert_int_equal(fc_findings_count(fs), 4);
    assert_string_equal(fc_findings_get(fs, 0)->id, "b5291919b7e63186");
    assert_string_equal(fc_findings_get(fs, 1)->id, "b5291919b7e63186");
    assert_string_not_equal(fc_findings_get(fs, 2)->id, "b5291919b7e63186");
    assert_string_equal(fc_findings_get(fs, 3)->id, "b5291919b7e63186");
    /* the facts and the message are copies */
    assert_ptr_not_equal(fc_findings_get(fs, 0)->facts[0], a);
    assert_string_equal(fc_findings_get(fs, 0)->facts[1]->text, "two");
    fc_fact_free(a);
    fc_fact_free(b);
    fc_findings_free(fs);
}

/* Report order: severity (errors first), rule id, first document, first
** span, id. */
static void test_sort(void **state) {
    fc_findings *fs = fc_findings_new();
    fc_fact *x = fact("x", "d2", 1, "one", 9), *y = fact("y", "d2", 1, "one", 3),
            *z = fact("z", "d1", 1, "one", 9);
    static const char *const want[][3] = {
        {"error", "b", "d2"}, {"warning", "a", "d1"}, {"warning", "a", "d2"},
        {"warning", "b", "d2"}, {"info", "a", "d1"}};
    size_t i;
    (void)state;
    assert_int_equal(fc_findings_append(fs, "a", "k", "t", "info", "", &z, NULL, 1), FC_OK);
    assert_int_equal(fc_findings_append(fs, "b", "k", "t", "warning", "", &x, NULL, 1), FC_OK);
    assert_int_equal(fc_findings_append(fs, "a", "k", "t", "warning", "", &x, NULL, 1), FC_OK);
    assert_int_equal(fc_findings_append(fs, "a", "k", "t", "warning", "", &z, NULL, 1), FC_OK);
    assert_int_equal(fc_findings_append(fs, "b", "k", "t", "error", "", &x, NULL, 1), FC_OK);
    fc_findings_sort(fs);
    for (i = 0; i < 5; i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        assert_string_equal(f->severity, want[i][0]);
        assert_string_equal(f->rule, want[i][1]);
        assert_string_equal(f->facts[0]->doc, want[i][2]);
    }
    /* within one document, by the first span */
    assert_int_equal(fc_findings_append(fs, "c", "k", "t", "info", "", &x, NULL, 1), FC_OK);
    fc_fact_set(&y->text, "other");
    assert_int_equal(fc_findings_append(fs, "c", "k", "t", "info", "", &y, NULL, 1), FC_OK);
    fc_findings_sort(fs);
    assert_int_equal(fc_findings_get(fs, 5)->facts[0]->span.start, 3);
    assert_int_equal(fc_findings_get(fs, 6)->facts[0]->span.start, 9);
    fc_fact_free(x);
    fc_fact_free(y);
    fc_fact_free(z);
    fc_findings_free(fs);
}

/* One finding of each id stays: the first in report order. */
static void test_dedup(void **state) {
    fc_findings *fs = fc_findings_new();
    fc_fact *a = fact("a", "d1", 1, "one", 0), *b = fact("b", "d2", 2, "two", 5);
    const char *roles[1] = {"checked"};
    (void)state;
    fc_findings_dedup(fs); /* empty */
    assert_int_equal(fc_findings_count(fs), 0);
    assert_int_equal(fc_findings_append(fs, "r", "k", "t", "warning", "second", &a, roles, 1), FC_OK);
    assert_int_equal(fc_findings_append(fs, "r", "k", "t", "info", "other", &b, NULL, 1), FC_OK);
    assert_int_equal(fc_findings_append(fs, "r", "k", "t", "error", "first", &a, roles, 1), FC_OK);
    fc_findings_dedup(fs);
    assert_int_equal(fc_findings_count(fs), 2);
    assert_string_equal(fc_findings_get(fs, 0)->message, "first");
    assert_string_equal(fc_findings_get(fs, 0)->roles[0], "checked");
    assert_string_equal(fc_findings_get(fs, 1)->message, "other");
    fc_fact_free(a);
    fc_fact_free(b);
    fc_findings_free(fs);
}

/* take moves a finding and leaves an empty slot that frees cleanly. */
static void test_take(void **state) {
    fc_findings *src = fc_findings_new(), *dst = fc_findings_new();
    fc_fact *a = fact("a", "d1", 1, "one", 0);
    (void)state;
    assert_int_equal(fc_findings_append(src, "r", "k", "t", "info", "m", &a, NULL, 1), FC_OK);
    assert_int_equal(fc_findings_take(dst, src, 0), FC_OK);
    assert_int_equal(fc_findings_count(dst), 1);
    assert_string_equal(fc_findings_get(dst, 0)->message, "m");
    assert_int_equal(fc_findings_get(src, 0)->nfacts, 0);
    assert_null(fc_findings_get(src, 0)->message);
    fc_findings_at(dst, 0)->baselined = 1;
    assert_true(fc_findings_get(dst, 0)->baselined);
    assert_null(fc_findings_get(dst, 1));
    assert_null(fc_findings_at(dst, 1));
    fc_fact_free(a);
    fc_findings_free(src);
    fc_findings_free(dst);
}

static void test_null(void **state) {
    (void)state;
    assert_int_equal(fc_findings_count(NULL), 0);
    assert_null(fc_findings_get(NULL, 0));
    assert_null(fc_findings_at(NULL, 0));
    fc_findings_sort(NULL);
    fc_findings_dedup(NULL);
    fc_findings_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_is_stable),
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_dedup),
        cmocka_unit_test(test_take),
        cmocka_unit_test(test_null),
    };
    return cmocka_run_group_tests_name("findings", tests, NULL, NULL);
}
