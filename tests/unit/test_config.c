/*
** test_config.c -- the project's config file (config.c): values read as
** strings, every problem reported at its position, all or nothing.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "factcheck.h"
#include "testutil.h"

static char path[64];

static int make_file(void **state) {
    (void)state;
    snprintf(path, sizeof path, "/tmp/fc-test-config-%ld.json",
             (long)getpid());
    return 0;
}

static int drop_file(void **state) {
    (void)state;
    unlink(path);
    return 0;
}

static void put(const char *text) {
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
}

static void test_values(void **state) {
    fc_config *c = NULL;
    fc_diags *d = fc_diags_new();
    const char *const *v;
    size_t n;
    (void)state;
    put("{\"about\": \"ours\", \"rules\": [\"rules\", \"more\"],\n"
        " \"severity\": {\"figures-agree\": \"warning\"},\n"
        " \"fail_on\": \"info\"}\n");
    assert_int_equal(fc_config_load(&c, path, d), FC_OK);
    assert_no_errors(d);
    v = fc_config_get(c, "rules", &n);
    assert_int_equal(n, 2);
    assert_string_equal(v[0], "rules");
    assert_string_equal(v[1], "more");
    v = fc_config_get(c, "severity", &n);
    assert_int_equal(n, 1);
    assert_string_equal(v[0], "figures-agree=warning");
    v = fc_config_get(c, "fail_on", &n);
    assert_int_equal(n, 1);
    assert_string_equal(v[0], "info");
    /* a key the file does not give, and one that is no key */
    fc_config_get(c, "baseline", &n);
    assert_int_equal(n, 0);
    assert_null(fc_config_get(c, "nothing", &n));
    assert_int_equal(n, 0);
    fc_config_free(c);
    fc_diags_free(d);
}

static void test_every_problem_at_its_place(void **state) {
    fc_config *c = (fc_config *)(void *)&c; /* must become NULL */
    fc_diags *d = fc_diags_new();
    char got[600], want[600];
    (void)state;
    put("{\"skip_rules\": [\"x\"],\n \"fail_on\": 3,\n"
        " \"rule\": [\"a\", 7]}\n");
    assert_int_equal(fc_config_load(&c, path, d), FC_EINPUT);
    assert_null(c);
    assert_int_equal(fc_diags_count(d), 3);
    fc_diag_format(fc_diags_get(d, 0), got, sizeof got);
    snprintf(want, sizeof want,
             "%s:1:16: skip_rules: unknown field; did you mean "
             "\"skip_rule\"?",
             path);
    assert_string_equal(got, want);
    /* then by key, in the order of the keys */
    fc_diag_format(fc_diags_get(d, 1), got, sizeof got);
    snprintf(want, sizeof want, "%s:3:16: rule: expected a string, got a "
                                "number",
             path);
    assert_string_equal(got, want);
    fc_diag_format(fc_diags_get(d, 2), got, sizeof got);
    snprintf(want, sizeof want,
             "%s:2:13: fail_on: expected a string, got a number", path);
    assert_string_equal(got, want);
    fc_diags_free(d);
}

static void test_missing_and_not_an_object(void **state) {
    fc_config *c = NULL;
    fc_diags *d = fc_diags_new();
    (void)state;
    assert_int_equal(fc_config_load(&c, "/nonexistent/factcheck.json", d),
                     FC_EINPUT);
    assert_null(c);
    assert_true(fc_diags_errors(d) > 0);
    fc_diags_free(d);
    d = fc_diags_new();
    put("[1, 2]\n");
    assert_int_equal(fc_config_load(&c, path, d), FC_EINPUT);
    assert_null(c);
    assert_int_equal(fc_diags_errors(d), 1);
    fc_diags_free(d);
}

#define T(f) cmocka_unit_test_setup_teardown(f, make_file, drop_file)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(test_values),
        T(test_every_problem_at_its_place),
        T(test_missing_and_not_an_object),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
