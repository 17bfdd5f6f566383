/* test_jsonloc.c -- positions in JSON text (jsonloc.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* Offset of the first occurrence of needle in hay (which must hold it). */
static long long at(const char *hay, const char *needle) {
    const char *p = strstr(hay, needle);
    assert_non_null(p);
    return (long long)(p - hay);
}

static long long member(const char *s, const char *key) {
    return fc_jsonloc_member(s, strlen(s), 0, key);
}

static long long skip_at(const char *s, size_t start) {
    return fc_jsonloc_skip(s, strlen(s), start);
}

static void test_member_flat(void **state) {
    const char *s = "{\"id\": \"f1\", \"doc\":\"d\" ,\"value\" :  12.5}";
    (void)state;
    assert_int_equal(member(s, "id"), at(s, "\"f1\""));
    assert_int_equal(member(s, "doc"), at(s, "\"d\""));
    assert_int_equal(member(s, "value"), at(s, "12.5"));
    assert_int_equal(member(s, "missing"), -1);
    assert_int_equal(member(s, NULL), 0);
    assert_int_equal(member(s, "i"), -1);  /* a prefix is not the key */
    assert_int_equal(member(s, "ids"), -1);
}

static void test_member_skips_nested_values(void **state) {
    const char *s =
        "{\"a\": {\"value\": 1, \"b\": [1, {\"value\": 2}]},\n"
        " \"c\": [[], {}, \"}]\\\"{[\"],\n"
        " \"value\": {\"x\": [true, false, null]}}";
    long long v;
    (void)state;
    v = member(s, "value");
    assert_int_equal(v, at(s, "{\"x\""));
    assert_int_equal(member(s, "c"), at(s, "[[]"));
    /* descend: member of a member */
    assert_int_equal(fc_jsonloc_member(s, strlen(s), (size_t)v, "x"),
                     at(s, "[true"));
    assert_int_equal(
        fc_jsonloc_member(s, strlen(s), (size_t)member(s, "a"), "b"),
        at(s, "[1, {"));
}

static void test_member_strings_with_braces_and_quotes(void **state) {
    const char *s = "{\"text\": \"a \\\"quoted\\\" {brace} [x], \\\\\","
                    " \"k\\\"ey\": 1, \"\\\\\": 2, \"value\": 3}";
    (void)state;
    assert_int_equal(member(s, "value"), at(s, "3}"));
    assert_int_equal(member(s, "k\"ey"), at(s, "1,"));
    assert_int_equal(member(s, "\\"), at(s, "2,"));
    assert_int_equal(member(s, "text"), at(s, "\"a "));
}

static void test_member_escaped_keys(void **state) {
    /* "val\u0075e" is "value"; "\u00e9t\u00e9" is "été"; a surrogate pair */
    const char *s = "{\"x\": 0, \"val\\u0075e\": 7, \"\\u00e9t\\u00E9\": 8,"
                    " \"\\ud83d\\ude00\": 9, \"tab\\there\": 10}";
    (void)state;
    assert_int_equal(member(s, "value"), at(s, " 7,") + 1);
    assert_int_equal(member(s, "\xC3\xA9t\xC3\xA9"), at(s, " 8,") + 1);
    assert_int_equal(member(s, "\xF0\x9F\x98\x80"), at(s, " 9,") + 1);
    assert_int_equal(member(s, "tab\there"), at(s, " 10}") + 1);
    assert_int_equal(member(s, "val"), -1);
}

static void test_member_with_offset_and_whitespace(void **state) {
    const char *s = "xx\n  \t{ \"a\" : 1 }";
    (void)state;
    assert_int_equal(fc_jsonloc_member(s, strlen(s), 2, "a"), at(s, "1 }"));
    assert_int_equal(fc_jsonloc_member(s, strlen(s), 2, NULL), at(s, "{"));
    /* not an object */
    assert_int_equal(member("[1, 2]", "a"), -1);
    assert_int_equal(member("", "a"), -1);
    assert_int_equal(member("{}", "a"), -1);
    /* len limits the scan */
    assert_int_equal(fc_jsonloc_member("{\"a\":1,\"b\":2}", 7, 0, "b"), -1);
}

static void test_element(void **state) {
    const char *s = "[ {\"a\": [1,2]}, \"s,]\" ,\n 3.5e2, [], null ]";
    size_t n = strlen(s);
    (void)state;
    assert_int_equal(fc_jsonloc_element(s, n, 0, 0), at(s, "{\"a\""));
    assert_int_equal(fc_jsonloc_element(s, n, 0, 1), at(s, "\"s,]\""));
    assert_int_equal(fc_jsonloc_element(s, n, 0, 2), at(s, "3.5e2"));
    assert_int_equal(fc_jsonloc_element(s, n, 0, 3), at(s, "[]"));
    assert_int_equal(fc_jsonloc_element(s, n, 0, 4), at(s, "null"));
    assert_int_equal(fc_jsonloc_element(s, n, 0, 5), -1);
    assert_int_equal(fc_jsonloc_element("[]", 2, 0, 0), -1);
    assert_int_equal(fc_jsonloc_element("{}", 2, 0, 0), -1);
    /* inside an object member */
    {
        const char *o = "{\"interval\": [1, \"x\"]}";
        long long iv = member(o, "interval");
        assert_int_equal(fc_jsonloc_element(o, strlen(o), (size_t)iv, 1),
                         at(o, "\"x\""));
    }
}

static void test_skip(void **state) {
    const char *s = "  {\"a\": [1, {\"b\": \"}\"}], \"c\": \"\\\\\"} , 5";
    (void)state;
    assert_int_equal(skip_at(s, 0), at(s, " , 5"));
    assert_int_equal(skip_at("123, 4", 0), 3);
    assert_int_equal(skip_at("-1.5e+3]", 0), 7);
    assert_int_equal(skip_at("true}", 0), 4);
    assert_int_equal(skip_at("\"a\\\"b\" x", 0), 6);
    assert_int_equal(skip_at("[[[]]]x", 0), 6);
    /* loose bare tokens: NaN is skipped, jansson rejects it later */
    assert_int_equal(skip_at("NaN, 1", 0), 3);
    assert_int_equal(skip_at("{\"v\": -Infinity}", 0), 16);
}

static void test_skip_malformed(void **state) {
    (void)state;
    assert_int_equal(skip_at("", 0), -1);
    assert_int_equal(skip_at("   ", 0), -1);
    assert_int_equal(skip_at("{\"a\": 1", 0), -1);
    assert_int_equal(skip_at("[1, 2}", 0), -1);
    assert_int_equal(skip_at("{\"a\": [1}", 0), -1);
    assert_int_equal(skip_at("\"unterminated", 0), -1);
    assert_int_equal(skip_at("\"ends in escape\\\"", 0), -1);
    assert_int_equal(skip_at("]", 0), -1);
    assert_int_equal(skip_at(",", 0), -1);
    assert_int_equal(fc_jsonloc_skip(NULL, 0, 0), -1);
}

static void test_skip_deep_and_long(void **state) {
    enum { DEPTH = 3000 };
    static char deep[2 * DEPTH + 1];
    static char str[200001];
    size_t i;
    (void)state;
    for (i = 0; i < DEPTH; i++) {
        deep[i] = '[';
        deep[2 * DEPTH - 1 - i] = ']';
    }
    /* deeper than jansson's own limit: malformed, and no stack overflow */
    assert_int_equal(fc_jsonloc_skip(deep, 2 * DEPTH, 0), -1);
    assert_int_equal(fc_jsonloc_skip(deep + 1000, 2 * DEPTH - 2000, 0),
                     2 * DEPTH - 2000);
    /* a long string full of escapes */
    str[0] = '"';
    for (i = 1; i + 2 < sizeof str; i += 2) {
        str[i] = '\\';
        str[i + 1] = 'n';
    }
    str[i] = '"';
    assert_int_equal(fc_jsonloc_skip(str, i + 1, 0), (long long)i + 1);
}

/* ---- the number checks JSON files share (json.c) ------------------------ */

static void test_integer_past_exact(void **state) {
    static const char *const past[] = {
        "9007199254740993", "-9007199254740993", "18014398509481984",
        "123456789012345678901234567890", "9007199254740993]", NULL};
    static const char *const fine[] = {
        "9007199254740992", "-9007199254740992", "1", "0", "-0",
        "9007199254740993.0", "9007199254740993e0", "1E30", "1e400", "x",
        "", "-", NULL};
    size_t i;
    (void)state;
    for (i = 0; past[i]; i++)
        assert_int_equal(fc_json_integer_past_exact(past[i], strlen(past[i]),
                                                     0),
                         1);
    for (i = 0; fine[i]; i++)
        assert_int_equal(fc_json_integer_past_exact(fine[i], strlen(fine[i]),
                                                     0),
                         0);
    /* at an offset, and bounded by len */
    assert_int_equal(fc_json_integer_past_exact("[1, 90071992547409930]", 22, 4),
                     1);
    assert_int_equal(fc_json_integer_past_exact("90071992547409930", 4, 0), 0);
}

static void test_token_hint(void **state) {
    static const char *const tokens[] = {"NaN", "-Infinity", "Infinity}",
                                         "inf", "nan", NULL};
    size_t i;
    (void)state;
    for (i = 0; tokens[i]; i++)
        assert_string_equal(fc_json_token_hint(tokens[i], strlen(tokens[i]), 0),
                            ": NaN and Infinity are not JSON numbers "
                            "(expected a finite number)");
    assert_string_equal(fc_json_token_hint("nul", 3, 0), "");
    assert_string_equal(fc_json_token_hint("Na", 2, 0), "");
    assert_string_equal(fc_json_token_hint("NaN", 3, 3), "");
}

/* Every JSON file read with fc_jfile_load (rules, lexicon, baselines,
** config) refuses integers a double does not hold exactly, each at its
** position, and says what was expected of a NaN. */
static void test_jfile_refuses_inexact_integers(void **state) {
    char path[] = "/tmp/fc_test_jfile_XXXXXX";
    const char *text = "{\"a\": 1,\n \"b\": [2, 9007199254740993],\n"
                       " \"c\": {\"d\": -18014398509481984}, \"e\": 1e300}\n";
    fc_jfile jf;
    fc_diags *d = fc_diags_new();
    char line[512];
    FILE *fp;
    int fd;
    (void)state;
    fd = mkstemp(path);
    assert_true(fd >= 0);
    fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    assert_int_equal(fc_jfile_load(&jf, path, d), FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 2);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    assert_non_null(strstr(line, ":2:11: b: integer 9007199254740993 is past 2^53 "
                                 "= 9007199254740992, more than a double "
                                 "holds exactly (expected an integer of at "
                                 "most that magnitude)"));
    fc_diag_format(fc_diags_get(d, 1), line, sizeof line);
    assert_non_null(strstr(line, ":3:13: d: integer -18014398509481984 is past"));
    fc_jfile_free(&jf);

    fc_diags_clear(d);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("{\"a\": [1,\n  NaN]}\n", fp);
    fclose(fp);
    assert_int_equal(fc_jfile_load(&jf, path, d), FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    assert_non_null(strstr(line, "invalid token near 'NaN': NaN and Infinity "
                                 "are not JSON numbers (expected a finite "
                                 "number)"));
    fc_jfile_free(&jf);
    unlink(path);
    fc_diags_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_member_flat),
        cmocka_unit_test(test_member_skips_nested_values),
        cmocka_unit_test(test_member_strings_with_braces_and_quotes),
        cmocka_unit_test(test_member_escaped_keys),
        cmocka_unit_test(test_member_with_offset_and_whitespace),
        cmocka_unit_test(test_element),
        cmocka_unit_test(test_skip),
        cmocka_unit_test(test_skip_malformed),
        cmocka_unit_test(test_skip_deep_and_long),
        cmocka_unit_test(test_integer_past_exact),
        cmocka_unit_test(test_token_hint),
        cmocka_unit_test(test_jfile_refuses_inexact_integers),
    };
    return cmocka_run_group_tests_name("jsonloc", tests, NULL, NULL);
}
