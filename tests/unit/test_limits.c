/*
** test_limits.c -- bounded work on hostile rules: patterns run under
** PCRE2's match, depth and heap limits and a JIT stack of known size
** (regex.c), and a limit reached is an error naming the rule and the
** document, never "no match"; expressions refuse arithmetic that can never
** have a value (1/0) where it is written, and a derive rule whose
** expression has no value for the figures of a group (x / (y - y)) says
** so in a warning at the rule's expression, naming the rule, subject,
** period and figures.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rule.h"
#include "expr.h"
#include "regex.h"
#include "testutil.h"

/* ---- the match limits ------------------------------------------------------ */

static pcre2_code *compile(const char *pat, int jit) {
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF, &code, &off, NULL);
    assert_non_null(re);
    if (jit) pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* n times 'a', then tail. */
static char *run_of_a(size_t n, const char *tail) {
    char *s = malloc(n + strlen(tail) + 1);
    assert_non_null(s);
    memset(s, 'a', n);
    strcpy(s + n, tail);
    return s;
}

static void test_match_no_match_and_words(void **state) {
    fc_rematch *m = fc_rematch_new();
    pcre2_code *re = compile("b+", 1);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    char why[256];
    (void)state;
    assert_non_null(m);
    assert_int_equal(fc_rematch_run(m, re, "aabba", 5, 0, 0, md), 1);
    assert_int_equal(pcre2_get_ovector_pointer(md)[0], 2);
    assert_int_equal(fc_rematch_run(m, re, "aabba", 5, 4, 0, md), 0);
    assert_int_equal(fc_rematch_run(m, re, "aabba", 5, 6, 0, md), 0);
    fc_rematch_error(PCRE2_ERROR_MATCHLIMIT, why, sizeof why);
    assert_string_equal(why, "the match limit (1000000 steps) was reached");
    fc_rematch_error(PCRE2_ERROR_DEPTHLIMIT, why, sizeof why);
    assert_string_equal(why, "the backtracking depth limit (10000) was "
                             "reached");
    fc_rematch_error(PCRE2_ERROR_JIT_STACKLIMIT, why, sizeof why);
    assert_string_equal(why, "the JIT stack (1024 KiB) ran out");
    fc_rematch_error(PCRE2_ERROR_HEAPLIMIT, why, sizeof why);
    assert_string_equal(why, "the backtracking memory limit (65536 KiB) was "
                             "reached");
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    fc_rematch_free(m);
    fc_rematch_free(NULL);
}

/* (a+)+$ against a run of a and a b: 2^n ways to fail.  Under the limits
** it stops with an error at once, with the JIT code and without. */
static void test_catastrophic_pattern_stops(void **state) {
    fc_rematch *m = fc_rematch_new();
    char *s = run_of_a(5000, "b");
    int jit;
    (void)state;
    assert_non_null(m);
    for (jit = 0; jit <= 1; jit++) {
        pcre2_code *re = compile("(a+)+$", jit);
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
        int rc = fc_rematch_run(m, re, s, strlen(s), 0, 0, md);
        assert_true(rc == PCRE2_ERROR_MATCHLIMIT ||
                    rc == PCRE2_ERROR_JIT_STACKLIMIT ||
                    rc == PCRE2_ERROR_DEPTHLIMIT);
        pcre2_match_data_free(md);
        pcre2_code_free(re);
    }
    free(s);
    fc_rematch_free(m);
}

/* A group repeated 20,000 times nests 20,000 backtracking points: past the
** interpreter's depth limit, which the match limit alone would allow. */
static void test_depth_limit(void **state) {
    fc_rematch *m = fc_rematch_new();
    char *s = run_of_a(20000, "");
    pcre2_code *re = compile("(?:(a)|b)*z", 0);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc;
    (void)state;
    rc = fc_rematch_run(m, re, s, strlen(s), 0, PCRE2_ANCHORED, md);
    assert_true(rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT);
    /* the same text a thousand times shorter has no match, and says so */
    assert_int_equal(fc_rematch_run(m, re, s, 20, 0, PCRE2_ANCHORED, md), 0);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    free(s);
    fc_rematch_free(m);
}

/* ---- rules over a store ---------------------------------------------------- */

static char dir[64];

static int make_dir(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fc-test-limits-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int drop_dir(void **state) {
    char path[128];
    (void)state;
    snprintf(path, sizeof path, "%s/r.json", dir);
    unlink(path);
    rmdir(dir);
    return 0;
}

static fc_rules *rules_of(const char *text, fc_diags *d) {
    char path[128];
    const char *dirs[1];
    fc_rules *rs = NULL;
    FILE *fp;
    snprintf(path, sizeof path, "%s/r.json", dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    dirs[0] = dir;
    if (fc_rules_load(&rs, dirs, 1, NULL, d) != FC_OK) print_diags(d);
    assert_non_null(rs);
    return rs;
}

/* A store with one dated document of the given text and the given facts
** (JSON Lines, may be ""). */
static fc_store *store_of(const char *text, const char *facts) {
    fc_store *s = NULL;
    fc_doc *doc = NULL, *docs[1];
    fc_manifest m;
    fc_diags *d = fc_diags_new();
    const char *names[1] = {"facts.jsonl"}, *bufs[1];
    size_t lens[1];
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    assert_int_equal(fc_doc_new_from_buffer(&doc, "d1", "d1.txt", text,
                                            strlen(text), d),
                     FC_OK);
    free(doc->published);
    doc->published = fc_strdup("2024-03-01");
    docs[0] = doc;
    memset(&m, 0, sizeof m);
    m.docs = docs;
    m.ndocs = 1;
    bufs[0] = facts;
    lens[0] = strlen(facts);
    if (fc_store_load_buffers(s, &m, names, bufs, lens, 1, NULL, d) != FC_OK)
        print_diags(d);
    assert_no_errors(d);
    fc_doc_free(doc);
    fc_diags_free(d);
    return s;
}

static void expect_diag(const fc_diags *d, size_t i, const char *want) {
    char got[1400], exp[1400];
    const char *at = strstr(want, "{D}");
    assert_true(i < fc_diags_count(d));
    fc_diag_format(fc_diags_get(d, i), got, sizeof got);
    if (at)
        snprintf(exp, sizeof exp, "%.*s%s%s", (int)(at - want), want, dir,
                 at + 3);
    else
        snprintf(exp, sizeof exp, "%s", want);
    assert_string_equal(got, exp);
}

/* A text rule whose pattern stops at the match limit is an error at the
** pattern naming the rule and the document: the check fails (exit 2),
** it does not report "no findings". */
static void test_text_rule_limit_is_an_error(void **state) {
    fc_diags *d = fc_diags_new();
    fc_rules *rs;
    fc_store *s;
    fc_findings *fs = NULL;
    char *text = run_of_a(5000, "b\n");
    (void)state;
    rs = rules_of("{\"rules\": [\n"
                  "  {\"id\": \"slow\", \"kind\": \"text\",\n"
                  "   \"description\": \"backtracks\",\n"
                  "   \"pattern\": \"(?<n>(a+)+)$\",\n"
                  "   \"condition\": \"doc_year > 0\",\n"
                  "   \"severity\": \"info\", \"message\": \"{doc_year}\"}\n"
                  "]}\n",
                  d);
    s = store_of(text, "");
    assert_int_equal(fc_check(s, rs, &fs, d), FC_EINPUT);
    assert_null(fs);
    assert_int_equal(fc_diags_count(d), 1);
    expect_diag(d, 0,
                "{D}/r.json:4:15: pattern: rule \"slow\": matching document "
                "\"d1\" (d1.txt) from byte 0 stopped: the match limit "
                "(1000000 steps) was reached (nested repeats such as (a+)+ "
                "can take forever to fail: simplify the pattern)");
    assert_int_equal(fc_status_exit_code(FC_EINPUT), 2);
    fc_store_close(s);
    fc_rules_free(rs);
    fc_diags_free(d);
    free(text);
}

/* The same for a pattern that selects metrics. */
static void test_metric_re_limit_is_an_error(void **state) {
    fc_diags *d = fc_diags_new();
    fc_rules *rs;
    fc_store *s;
    fc_findings *fs = NULL;
    char facts[512];
    char *metric = run_of_a(40, "b");
    (void)state;
    rs = rules_of("{\"rules\": [\n"
                  "  {\"id\": \"slow-metric\", \"kind\": \"agree\",\n"
                  "   \"description\": \"backtracks\",\n"
                  "   \"select\": {\"metric_re\": \"^(a+)+$\"},\n"
                  "   \"severity\": \"error\", \"message\": \"{a.doc}\"}\n"
                  "]}\n",
                  d);
    snprintf(facts, sizeof facts,
             "{\"id\": \"f1\", \"doc\": \"d1\", \"metric\": \"%s\", "
             "\"value\": 1, \"unit\": \"count\", \"period\": \"2023\"}\n",
             metric);
    s = store_of("one\n", facts);
    assert_int_equal(fc_check(s, rs, &fs, d), FC_EINPUT);
    assert_null(fs);
    assert_int_equal(fc_diags_count(d), 1);
    {
        char want[600];
        snprintf(want, sizeof want,
                 "{D}/r.json:4:28: metric_re: rule \"slow-metric\": matching "
                 "metric \"%s\" stopped: the match limit (1000000 steps) was "
                 "reached (nested repeats such as (a+)+ can take forever to "
                 "fail: simplify the pattern)",
                 metric);
        expect_diag(d, 0, want);
    }
    fc_store_close(s);
    fc_rules_free(rs);
    fc_diags_free(d);
    free(metric);
}

/* ---- expressions ----------------------------------------------------------- */

static void expect_parse_error(const char *src, size_t off, const char *msg) {
    fc_expr *e = NULL;
    char err[200];
    size_t at = 0;
    assert_int_equal(fc_expr_parse(src, &e, &at, err, sizeof err), FC_EINPUT);
    assert_null(e);
    assert_string_equal(err, msg);
    assert_int_equal(at, off);
}

static void test_constant_arithmetic_refused(void **state) {
    fc_expr *e = NULL;
    (void)state;
    expect_parse_error("1/0", 1, "division by zero");
    expect_parse_error("x / (2 - 2) > 1", 2, "division by zero");
    expect_parse_error("a + 1e308 * 10", 10,
                       "the value is out of range (past what a double "
                       "holds)");
    expect_parse_error("-(1e308 + 1e308)", 8,
                       "the value is out of range (past what a double "
                       "holds)");
    /* a divisor that is a name is only known from the facts */
    assert_int_equal(fc_expr_parse("x / (y - y)", &e, NULL, NULL, 0), FC_OK);
    fc_expr_free(e);
    assert_int_equal(fc_expr_parse("1 / 4 + 0 / 3", &e, NULL, NULL, 0),
                     FC_OK);
    fc_expr_free(e);
}

/* 100,000 nested parentheses are an error at the place the nesting
** passes the cap, not a stack overflow. */
static void test_nesting_refused(void **state) {
    size_t n = 100000, i;
    char *src = malloc(2 * n + 2);
    fc_expr *e = NULL;
    char err[200];
    size_t at = 0;
    (void)state;
    assert_non_null(src);
    for (i = 0; i < n; i++) src[i] = '(';
    src[n] = '1';
    for (i = 0; i < n; i++) src[n + 1 + i] = ')';
    src[2 * n + 1] = '\0';
    assert_int_equal(fc_expr_parse(src, &e, &at, err, sizeof err), FC_EINPUT);
    assert_null(e);
    assert_string_equal(err, "expression nested too deeply");
    assert_true(at > 0 && at < 200);
    memset(src, '-', n);
    src[n] = '1';
    src[n + 1] = '\0';
    assert_int_equal(fc_expr_parse(src, &e, &at, err, sizeof err), FC_EINPUT);
    assert_string_equal(err, "expression nested too deeply");
    free(src);
}

static int xy(void *ctx, const char *name, double *out) {
    (void)ctx;
    if (!strcmp(name, "x")) *out = 4;
    else if (!strcmp(name, "y")) *out = 2;
    else if (!strcmp(name, "big")) *out = 1e308;
    else return FC_EINPUT;
    return FC_OK;
}

static void test_eval_says_why(void **state) {
    fc_expr *e = NULL;
    const char *why = "unset";
    size_t off = 0;
    double out = 0;
    (void)state;
    assert_int_equal(fc_expr_parse("x / (y - y) > 1", &e, NULL, NULL, 0),
                     FC_OK);
    assert_int_equal(fc_expr_eval_why(e, xy, NULL, NULL, &out, &why, &off),
                     FC_EINPUT);
    assert_string_equal(why, "division by zero");
    assert_int_equal(off, 2);
    fc_expr_free(e);
    assert_int_equal(fc_expr_parse("big * big", &e, NULL, NULL, 0), FC_OK);
    assert_int_equal(fc_expr_eval_why(e, xy, NULL, NULL, &out, &why, &off),
                     FC_EINPUT);
    assert_string_equal(why, "the value is out of range (past what a double "
                             "holds)");
    assert_int_equal(off, 4);
    fc_expr_free(e);
    assert_int_equal(fc_expr_parse("x / y + nobody", &e, NULL, NULL, 0),
                     FC_OK);
    assert_int_equal(fc_expr_eval_why(e, xy, NULL, NULL, &out, &why, &off),
                     FC_EINPUT);
    assert_null(why); /* a name without a value: not arithmetic */
    fc_expr_free(e);
    assert_int_equal(fc_expr_parse("x / y", &e, NULL, NULL, 0), FC_OK);
    assert_int_equal(fc_expr_eval_why(e, xy, NULL, NULL, &out, &why, &off),
                     FC_OK);
    assert_true(out == 2);
    assert_null(why);
    fc_expr_free(e);
}

/* A derive rule whose expression has no value for a group's figures warns
** at the expression, naming the rule, the subject, the period and the
** figures; the check goes on (no finding is invented, none is dropped
** silently). */
static void test_derive_cannot_evaluate_warns(void **state) {
    fc_diags *d = fc_diags_new();
    fc_rules *rs;
    fc_store *s;
    fc_findings *fs = NULL;
    (void)state;
    rs = rules_of("{\"rules\": [\n"
                  "  {\"id\": \"ratio\", \"kind\": \"derive\",\n"
                  "   \"description\": \"a ratio over a difference\",\n"
                  "   \"expr\": \"x / (y - y) > 1\",\n"
                  "   \"severity\": \"warning\", \"message\": \"{a.doc}\"}\n"
                  "]}\n",
                  d);
    s = store_of("x is 4 and y is 2.\n",
                 "{\"id\": \"f1\", \"doc\": \"d1\", \"metric\": \"x\", "
                 "\"subject\": \"china\", \"value\": 4, \"unit\": \"count\", "
                 "\"interval\": [4, 4], \"period\": \"2023\"}\n"
                 "{\"id\": \"f2\", \"doc\": \"d1\", \"metric\": \"y\", "
                 "\"subject\": \"china\", \"value\": 2, \"unit\": \"count\", "
                 "\"interval\": [2, 2], \"period\": \"2023\"}\n");
    assert_int_equal(fc_check(s, rs, &fs, d), FC_OK);
    assert_int_equal(fc_findings_count(fs), 0);
    assert_int_equal(fc_diags_errors(d), 0);
    assert_int_equal(fc_diags_count(d), 1);
    expect_diag(d, 0,
                "{D}/r.json:4:12: warning: expr: rule \"ratio\": the "
                "expression cannot be evaluated for subject china, period "
                "2023: division by zero; nothing was checked (x = 4 (f1 in "
                "d1); y = 2 (f2 in d1))");
    fc_findings_free(fs);
    fc_store_close(s);
    fc_rules_free(rs);
    fc_diags_free(d);
}

/* A text rule's condition with no value for a match warns, naming the
** rule, the match and the document; the other matches are still checked. */
static void test_text_condition_cannot_evaluate_warns(void **state) {
    fc_diags *d = fc_diags_new();
    fc_rules *rs;
    fc_store *s;
    fc_findings *fs = NULL;
    (void)state;
    rs = rules_of("{\"rules\": [\n"
                  "  {\"id\": \"plan\", \"kind\": \"text\",\n"
                  "   \"description\": \"a plan's number\",\n"
                  "   \"pattern\": \"plan (?<n>[0-9]+)\",\n"
                  "   \"condition\": \"doc_year / (n - 7) > 0\",\n"
                  "   \"severity\": \"info\", \"message\": \"{n}\"}\n"
                  "]}\n",
                  d);
    s = store_of("plan 7 and plan 9.\n", "");
    assert_int_equal(fc_check(s, rs, &fs, d), FC_OK);
    assert_int_equal(fc_findings_count(fs), 1);
    assert_string_equal(fc_findings_get(fs, 0)->facts[0]->text, "plan 9");
    assert_int_equal(fc_diags_count(d), 1);
    expect_diag(d, 0,
                "{D}/r.json:5:17: warning: condition: rule \"plan\": the "
                "condition cannot be evaluated for the match at byte 0 of "
                "document \"d1\": division by zero; the match was not "
                "checked");
    fc_findings_free(fs);
    fc_store_close(s);
    fc_rules_free(rs);
    fc_diags_free(d);
}

/* lint refuses 1/0 in a derive rule at the operator. */
static void test_lint_refuses_constant_division(void **state) {
    fc_diags *d = fc_diags_new();
    fc_rules *rs = NULL;
    char path[128];
    const char *dirs[1];
    FILE *fp;
    (void)state;
    snprintf(path, sizeof path, "%s/r.json", dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("{\"rules\": [\n"
          "  {\"id\": \"zero\", \"kind\": \"derive\",\n"
          "   \"description\": \"never holds\", \"left\": \"x\",\n"
          "   \"expr\": \"y + 1/0\",\n"
          "   \"severity\": \"error\", \"message\": \"{a.doc}\"}\n"
          "]}\n",
          fp);
    assert_int_equal(fclose(fp), 0);
    dirs[0] = dir;
    assert_int_equal(fc_rules_load(&rs, dirs, 1, NULL, d), FC_EINPUT);
    assert_null(rs);
    assert_int_equal(fc_diags_count(d), 1);
    expect_diag(d, 0, "{D}/r.json:4:18: expr: division by zero");
    fc_diags_free(d);
}

#define T(f) cmocka_unit_test_setup_teardown(f, make_dir, drop_dir)

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_no_match_and_words),
        cmocka_unit_test(test_catastrophic_pattern_stops),
        cmocka_unit_test(test_depth_limit),
        T(test_text_rule_limit_is_an_error),
        T(test_metric_re_limit_is_an_error),
        cmocka_unit_test(test_constant_arithmetic_refused),
        cmocka_unit_test(test_nesting_refused),
        cmocka_unit_test(test_eval_says_why),
        T(test_derive_cannot_evaluate_warns),
        T(test_lint_refuses_constant_division),
        T(test_text_condition_cannot_evaluate_warns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
