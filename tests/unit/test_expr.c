/* test_expr.c -- the expression language of expr.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "expr.h"
#include "factcheck.h"

static int vars(void *ctx, const char *name, double *out) {
    (void)ctx;
    if (strcmp(name, "v") == 0) { *out = 70000; return FC_OK; }
    if (strcmp(name, "p") == 0) { *out = 10000; return FC_OK; }
    if (strcmp(name, "industry.value_added") == 0) { *out = 39.9; return FC_OK; }
    if (strcmp(name, "gdp") == 0) { *out = 126.06; return FC_OK; }
    return FC_EINPUT;
}

static int calls(void *ctx, const char *name, int nargs, const double *args,
                 const char *const *argnames, double *out) {
    (void)ctx;
    if (strcmp(name, "max") == 0 && nargs == 2) {
        *out = args[0] > args[1] ? args[0] : args[1];
        return FC_OK;
    }
    if (strcmp(name, "prev") == 0 && nargs == 1 && argnames[0] &&
        strcmp(argnames[0], "stock.unknown") == 0 && isnan(args[0])) {
        *out = 5;
        return FC_OK;
    }
    return FC_EINPUT;
}

static double ev(const char *src) {
    fc_expr *e = NULL;
    double out = -999;
    char err[128];
    size_t off;
    assert_int_equal(fc_expr_parse(src, &e, &off, err, sizeof err), FC_OK);
    assert_int_equal(fc_expr_eval(e, vars, calls, NULL, &out), FC_OK);
    fc_expr_free(e);
    return out;
}

static void parse_fails(const char *src, size_t want_off, const char *want) {
    fc_expr *e = (fc_expr *)1;
    char err[128];
    size_t off = 999;
    assert_int_equal(fc_expr_parse(src, &e, &off, err, sizeof err), FC_EINPUT);
    assert_null(e);
    assert_int_equal(off, want_off);
    assert_string_equal(err, want);
}

static void test_arithmetic(void **state) {
    (void)state;
    assert_true(ev("1 + 2 * 3") == 7);
    assert_true(ev("(1 + 2) * 3") == 9);
    assert_true(ev("10 - 4 - 3") == 3);
    assert_true(ev("8 / 4 / 2") == 1);
    assert_true(ev("-2 * -3") == 6);
    assert_true(ev("v - p/2") == 65000);
    assert_true(ev("v + p") == 80000);
    assert_true(fabs(ev("industry.value_added / gdp * 100") - 31.6516) < 1e-3);
    assert_true(ev(".5 + 1e3") == 1000.5);
}

static void test_logic(void **state) {
    (void)state;
    assert_true(ev("1 < 2") == 1);
    assert_true(ev("2 <= 2 && 3 >= 4") == 0);
    assert_true(ev("1 == 2 || 2 != 3") == 1);
    assert_true(ev("!0") == 1);
    assert_true(ev("!(v > p)") == 0);
}

static void test_calls(void **state) {
    (void)state;
    assert_true(ev("max(v, p * 10)") == 100000);
    assert_true(ev("prev(stock.unknown) + 1") == 6);
}

static void test_errors(void **state) {
    (void)state;
    parse_fails("1 +", 3, "unexpected end of the expression");
    parse_fails("(1 + 2", 6, "expected ')'");
    parse_fails("1 + 2)", 5, "unexpected text after the expression");
    parse_fails("max(1 2)", 6, "expected ',' or ')' in the arguments");
    parse_fails("a. + 1", 1, "a name cannot end with '.'");
    parse_fails("1 + # 2", 4, "expected a number, a name or '('");
    parse_fails("1e999", 0, "number out of range");
}

static void test_eval_errors(void **state) {
    fc_expr *e;
    double out;
    char err[64];
    (void)state;
    assert_int_equal(fc_expr_parse("1 / (v - v)", &e, NULL, err, sizeof err), FC_OK);
    assert_int_equal(fc_expr_eval(e, vars, calls, NULL, &out), FC_EINPUT);
    fc_expr_free(e);
    assert_int_equal(fc_expr_parse("nosuch + 1", &e, NULL, err, sizeof err), FC_OK);
    assert_int_equal(fc_expr_eval(e, vars, calls, NULL, &out), FC_EINPUT);
    fc_expr_free(e);
    fc_expr_free(NULL);
}

static void test_deep_nesting_refused(void **state) {
    char src[2000];
    size_t i;
    fc_expr *e;
    char err[64];
    size_t off;
    (void)state;
    for (i = 0; i < 900; i++) src[i] = '(';
    src[900] = '1';
    src[901] = '\0';
    assert_int_equal(fc_expr_parse(src, &e, &off, err, sizeof err), FC_EINPUT);
    assert_string_equal(err, "expression nested too deeply");
}

static int count_names(void *ctx, const char *name, size_t offset, int is_call,
                       int nargs) {
    char *log = ctx;
    size_t used = strlen(log);
    if (is_call)
        snprintf(log + used, 256 - used, "%s/%d@%zu;", name, nargs, offset);
    else
        snprintf(log + used, 256 - used, "%s@%zu;", name, offset);
    return FC_OK;
}

static void test_each_name(void **state) {
    fc_expr *e;
    char log[256] = "";
    char err[64];
    (void)state;
    assert_int_equal(fc_expr_parse("a.b + prev(c) * 2", &e, NULL, err, sizeof err), FC_OK);
    assert_int_equal(fc_expr_each_name(e, count_names, log), FC_OK);
    assert_string_equal(log, "a.b@0;prev/1@6;c@11;");
    fc_expr_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_logic),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_eval_errors),
        cmocka_unit_test(test_deep_nesting_refused),
        cmocka_unit_test(test_each_name),
    };
    return cmocka_run_group_tests_name("expr", tests, NULL, NULL);
}
