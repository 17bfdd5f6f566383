/* test_period.c -- periods and calendar dates (period.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "factcheck.h"

/* Parse s, expecting success and the range [first, last]. */
static void ok(const char *s, const char *first, const char *last,
               int as_of) {
    fc_period p;
    char err[256] = "untouched";
    memset(&p, 0x55, sizeof p);
    assert_int_equal(fc_period_parse(s, &p, err, sizeof err), FC_OK);
    assert_string_equal(p.first, first);
    assert_string_equal(p.last, last);
    assert_int_equal(p.as_of, as_of);
    assert_string_equal(err, "");
}

/* Parse s, expecting FC_EINPUT and exactly the message msg. */
static void bad(const char *s, const char *msg) {
    fc_period p;
    char err[256];
    memcpy(p.first, "kept", 5);
    assert_int_equal(fc_period_parse(s, &p, err, sizeof err), FC_EINPUT);
    assert_string_equal(err, msg);
    assert_true(strlen(err) <= 200);
    assert_string_equal(p.first, "kept"); /* out untouched on error */
}

#define MALFORMED(q)                                                        \
    "malformed period \"" q "\" (expected YYYY, YYYY-MM, YYYY-MM-DD, "      \
    "as-of YYYY-MM-DD, YYYY/YYYY or YYYY-MM/YYYY-MM)"

static void test_year(void **state) {
    (void)state;
    ok("2022", "2022-01-01", "2022-12-31", 0);
    ok("1000", "1000-01-01", "1000-12-31", 0);
    ok("9999", "9999-01-01", "9999-12-31", 0);
}

static void test_month(void **state) {
    (void)state;
    ok("2023-03", "2023-03-01", "2023-03-31", 0);
    ok("2023-02", "2023-02-01", "2023-02-28", 0);
    ok("2024-02", "2024-02-01", "2024-02-29", 0);
    ok("2000-02", "2000-02-01", "2000-02-29", 0);
    ok("1900-02", "1900-02-01", "1900-02-28", 0);
    ok("2023-04", "2023-04-01", "2023-04-30", 0);
    ok("2023-12", "2023-12-01", "2023-12-31", 0);
}

static void test_day(void **state) {
    (void)state;
    ok("2023-12-31", "2023-12-31", "2023-12-31", 0);
    ok("2024-02-29", "2024-02-29", "2024-02-29", 0);
    ok("as-of 2024-03-08", "2024-03-08", "2024-03-08", 1);
}

static void test_span_of_years(void **state) {
    (void)state;
    ok("2021/2025", "2021-01-01", "2025-12-31", 0);
    ok("2023/2023", "2023-01-01", "2023-12-31", 0);
}

static void test_span_of_months(void **state) {
    (void)state;
    ok("2023-01/2023-09", "2023-01-01", "2023-09-30", 0);
    ok("2023-12/2024-02", "2023-12-01", "2024-02-29", 0);
    ok("2024-06/2024-06", "2024-06-01", "2024-06-30", 0);
    bad("2023-00/2023-09", MALFORMED("2023-00/2023-09"));
    bad("2023-01/2023-13", MALFORMED("2023-01/2023-13"));
    bad("2023-01/2023-9", MALFORMED("2023-01/2023-9"));
}

static void test_malformed(void **state) {
    (void)state;
    bad("2023-13", MALFORMED("2023-13"));
    bad("2023-00", MALFORMED("2023-00"));
    bad("", MALFORMED(""));
    bad("23", MALFORMED("23"));
    bad("0999", MALFORMED("0999"));
    bad("20233", MALFORMED("20233"));
    bad(" 2023", MALFORMED(" 2023"));
    bad("2023 ", MALFORMED("2023 "));
    bad("2023-3", MALFORMED("2023-3"));
    bad("2023-03-1", MALFORMED("2023-03-1"));
    bad("2023/03/01", MALFORMED("2023/03/01"));
    bad("as of 2024-03-08", MALFORMED("as of 2024-03-08"));
    bad("as-of 2024", MALFORMED("as-of 2024"));
    bad("as-of  2024-03-08", MALFORMED("as-of  2024-03-08"));
    bad("FY2023", MALFORMED("FY2023"));
    bad("2021-2025", MALFORMED("2021-2025"));
    bad("2021/25", MALFORMED("2021/25"));
    bad("２０２３", MALFORMED("２０２３"));
}

static void test_impossible(void **state) {
    (void)state;
    bad("2023-02-29", "impossible date \"2023-02-29\"");
    bad("1900-02-29", "impossible date \"1900-02-29\"");
    bad("2023-04-31", "impossible date \"2023-04-31\"");
    bad("2023-13-01", "impossible date \"2023-13-01\"");
    bad("2023-00-10", "impossible date \"2023-00-10\"");
    bad("2023-01-00", "impossible date \"2023-01-00\"");
    bad("2023-01-32", "impossible date \"2023-01-32\"");
    bad("as-of 2023-02-30", "impossible date \"2023-02-30\"");
}

static void test_reversed(void **state) {
    (void)state;
    bad("2025/2021",
        "reversed period \"2025/2021\" (it ends before it starts)");
    bad("2022/2021",
        "reversed period \"2022/2021\" (it ends before it starts)");
    bad("2023-10/2023-09",
        "reversed period \"2023-10/2023-09\" (it ends before it starts)");
}

static void test_long_input_is_cut(void **state) {
    char s[300], err[256];
    (void)state;
    memset(s, 'x', sizeof s - 1);
    s[sizeof s - 1] = '\0';
    assert_int_equal(fc_period_parse(s, NULL, err, sizeof err), FC_EINPUT);
    assert_true(strlen(err) <= 200);
    assert_non_null(strstr(err, "malformed period \"xxxxxxxxxx"));
    assert_non_null(strstr(err, "...\" (expected"));
    /* a multibyte character is never cut */
    memset(s, 0, sizeof s);
    memset(s, 'a', 39);
    memcpy(s + 39, "\xC3\xA9zzz", 6);
    assert_int_equal(fc_period_parse(s, NULL, err, sizeof err), FC_EINPUT);
    assert_non_null(strstr(err, "aaa...\""));
    /* control characters are not echoed */
    assert_int_equal(fc_period_parse("20\n23", NULL, err, sizeof err),
                     FC_EINPUT);
    assert_string_equal(err, MALFORMED("20?23"));
}

static void test_null_err_and_small_buffer(void **state) {
    char err[10];
    fc_period p;
    (void)state;
    assert_int_equal(fc_period_parse("2023-13", NULL, NULL, 0), FC_EINPUT);
    assert_int_equal(fc_period_parse("2023", NULL, NULL, 0), FC_OK);
    assert_int_equal(fc_period_parse("2023-13", &p, err, sizeof err),
                     FC_EINPUT);
    assert_string_equal(err, "malformed");
    assert_int_equal(fc_period_parse(NULL, &p, err, sizeof err), FC_EINPUT);
}

static void test_date_valid(void **state) {
    (void)state;
    assert_int_equal(fc_date_valid("2024-02-29"), 1);
    assert_int_equal(fc_date_valid("2000-02-29"), 1);
    assert_int_equal(fc_date_valid("2023-12-31"), 1);
    assert_int_equal(fc_date_valid("1000-01-01"), 1);
    assert_int_equal(fc_date_valid("2023-02-29"), 0);
    assert_int_equal(fc_date_valid("2100-02-29"), 0);
    assert_int_equal(fc_date_valid("2023-06-31"), 0);
    assert_int_equal(fc_date_valid("2023-13-01"), 0);
    assert_int_equal(fc_date_valid("0999-01-01"), 0);
    assert_int_equal(fc_date_valid("2023-1-01"), 0);
    assert_int_equal(fc_date_valid("2023-01-01 "), 0);
    assert_int_equal(fc_date_valid("2023/01/01"), 0);
    assert_int_equal(fc_date_valid("2023"), 0);
    assert_int_equal(fc_date_valid(""), 0);
    assert_int_equal(fc_date_valid(NULL), 0);
}

static void test_period_words(void **state) {
    char b[64];
    (void)state;
    assert_string_equal(fc_period_words("2023", b, sizeof b), "2023");
    assert_string_equal(fc_period_words("2023-12", b, sizeof b),
                        "December 2023");
    assert_string_equal(fc_period_words("2024-03-08", b, sizeof b),
                        "8 March 2024");
    assert_string_equal(fc_period_words("as-of 2024-03-08", b, sizeof b),
                        "as of 8 March 2024");
    assert_string_equal(fc_period_words("2016/2020", b, sizeof b),
                        "2016 to 2020");
    assert_string_equal(fc_period_words("2023-01/2023-09", b, sizeof b),
                        "January to September 2023");
    assert_string_equal(fc_period_words("2023-12/2024-01", b, sizeof b),
                        "December 2023 to January 2024");
    /* what does not parse is kept as written; a small buffer truncates */
    assert_string_equal(fc_period_words("Q3 2023", b, sizeof b), "Q3 2023");
    assert_string_equal(fc_period_words("as-of 2024-03-08", b, 8), "as of 8");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_month),
        cmocka_unit_test(test_day),
        cmocka_unit_test(test_span_of_years),
        cmocka_unit_test(test_span_of_months),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_impossible),
        cmocka_unit_test(test_reversed),
        cmocka_unit_test(test_long_input_is_cut),
        cmocka_unit_test(test_null_err_and_small_buffer),
        cmocka_unit_test(test_date_valid),
        cmocka_unit_test(test_period_words),
    };
    return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
