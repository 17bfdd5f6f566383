/*
** test_lexicon.c -- loading the extraction lexicon (lexicon.c): the real
** rules/ lexicon loads cleanly, and each kind of mistake in its files is
** reported at its file, line and column with the exact message.
**
** Each error test copies rules/lexicon into a fresh temporary folder, breaks
** one thing in one file (through jansson, or by editing the text) and loads
** the copy, so the tests follow the real files as they change.  Expected
** positions are found by searching the broken file's text.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "factcheck.h"
#include "lexicon.h"

static const char *const files[] = {"numbers.json", "qualifiers.json",
                                    "units.json", "periods.json",
                                    "metrics.json", NULL};

/* ---- helpers ------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    n = ftell(fp);
    assert_true(n >= 0);
    rewind(fp);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    if (len) *len = (size_t)n;
    return buf;
}

static void spit(const char *path, const char *text, size_t len) {
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

static void path_of(char *out, size_t size, const char *dir,
                    const char *file) {
    int n = snprintf(out, size, "%s/lexicon/%s", dir, file);
    assert_true(n > 0 && (size_t)n < size);
}

/* A fresh copy of rules/lexicon in a new temporary folder, named in dir. */
static void copy_lexicon(char dir[64]) {
    char path[256], src[256];
    size_t i, len;
    snprintf(dir, 64, "/tmp/fc-test-lexicon-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/lexicon", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    for (i = 0; files[i]; i++) {
        char *text;
        snprintf(src, sizeof src, "rules/lexicon/%s", files[i]);
        text = slurp(src, &len);
        path_of(path, sizeof path, dir, files[i]);
        spit(path, text, len);
        free(text);
    }
}

static void remove_copy(const char *dir) {
    char path[256];
    size_t i;
    for (i = 0; files[i]; i++) {
        path_of(path, sizeof path, dir, files[i]);
        unlink(path); /* may be gone already */
    }
    snprintf(path, sizeof path, "%s/lexicon", dir);
    assert_int_equal(rmdir(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* Load file of the copy with jansson, let fn change it, and write it back
** indented (so that each changed value sits on a line of its own). */
static void mutate(const char *dir, const char *file,
                   void (*fn)(json_t *root)) {
    char path[256];
    json_error_t err;
    json_t *root;
    path_of(path, sizeof path, dir, file);
    root = json_load_file(path, 0, &err);
    assert_non_null(root);
    fn(root);
    assert_int_equal(json_dump_file(root, path, JSON_INDENT(2)), 0);
    json_decref(root);
}

/* Replace the first occurrence of old in file of the copy with new. */
static void replace_text(const char *dir, const char *file, const char *old,
                         const char *new) {
    char path[256];
    size_t len, a = strlen(old), b = strlen(new);
    char *text, *at, *out;
    path_of(path, sizeof path, dir, file);
    text = slurp(path, &len);
    at = strstr(text, old);
    assert_non_null(at);
    out = malloc(len - a + b + 1);
    assert_non_null(out);
    memcpy(out, text, (size_t)(at - text));
    memcpy(out + (at - text), new, b);
    memcpy(out + (at - text) + b, at + a, len - (size_t)(at - text) - a);
    spit(path, out, len - a + b);
    free(out);
    free(text);
}

/* Line, column (in code points) and byte offset of the byte `extra` bytes
** after the start of needle in file of the copy; needle must occur once. */
typedef struct where {
    int line, column;
    long long offset;
} where;

static where locate(const char *dir, const char *file, const char *needle,
                    size_t extra) {
    char path[256];
    char *text, *at;
    size_t i, off;
    where w = {1, 1, 0};
    path_of(path, sizeof path, dir, file);
    text = slurp(path, NULL);
    at = strstr(text, needle);
    assert_non_null(at);
    assert_null(strstr(at + 1, needle)); /* unique */
    off = (size_t)(at - text) + extra;
    for (i = 0; i < off; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            w.line++;
            w.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            w.column++;
        }
    }
    w.offset = (long long)off;
    free(text);
    return w;
}

/* The raw index, in the JSON text of a string's contents, of decoded byte
** `want`: escapes take several raw bytes for one or more decoded ones. */
static size_t raw_index(const char *raw, size_t want) {
    size_t i = 0, got = 0;
    while (raw[i] && got < want) {
        if (raw[i] == '\\' && raw[i + 1] == 'u') {
            char hex[5];
            unsigned long cp;
            memcpy(hex, raw + i + 2, 4);
            hex[4] = '\0';
            cp = strtoul(hex, NULL, 16);
            got += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
            i += 6;
        } else if (raw[i] == '\\') {
            got++;
            i += 2;
        } else {
            got++;
            i++;
        }
    }
    assert_int_equal(got, want);
    return i;
}

/* What PCRE2 says about pattern, compiled as the lexicon compiles it. */
static void pcre2_says(const char *pattern, char *msg, size_t size,
                       size_t *offset) {
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_CASELESS | PCRE2_UTF, &code, &off,
                                   NULL);
    assert_null(re);
    assert_true(pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, size) > 0);
    *offset = off;
}

/* The diagnostics of the running test, freed by its teardown even when an
** assertion fails. */
static fc_diags *held;

static fc_diags *hold(fc_diags *d) {
    assert_non_null(d);
    fc_diags_free(held);
    held = d;
    return d;
}

/* Load the copy in dir, expecting status and no lexicon. */
static fc_diags *load_fails(const char *dir, int status) {
    static int sentinel;
    fc_diags *d = hold(fc_diags_new());
    fc_lexicon *lx = (fc_lexicon *)(void *)&sentinel; /* must become NULL */
    assert_non_null(d);
    assert_int_equal(fc_lexicon_load(&lx, dir, d), status);
    assert_null(lx);
    assert_true(fc_diags_errors(d) > 0);
    return d;
}

/* The formatted diagnostic i of d is exactly want. */
static void diag_is(const fc_diags *d, size_t i, const char *want) {
    char line[1400];
    assert_true(i < fc_diags_count(d));
    fc_diag_format(fc_diags_get(d, i), line, sizeof line);
    assert_string_equal(line, want);
}

static void diag_at(const fc_diags *d, size_t i, const char *dir,
                    const char *file, where w, const char *field) {
    const fc_diag *g = fc_diags_get(d, i);
    char path[256];
    assert_non_null(g);
    path_of(path, sizeof path, dir, file);
    assert_int_equal(g->severity, FC_DIAG_ERROR);
    assert_string_equal(g->file, path);
    assert_int_equal(g->line, w.line);
    assert_int_equal(g->column, w.column);
    assert_int_equal(g->offset, w.offset);
    assert_string_equal(g->field, field ? field : "");
}

/* "DIR/lexicon/FILE:L:C: " + rest */
static void expect_line(char *out, size_t size, const char *dir,
                        const char *file, where w, const char *rest) {
    int n = snprintf(out, size, "%s/lexicon/%s:%d:%d: %s", dir, file, w.line,
                     w.column, rest);
    assert_true(n > 0 && (size_t)n < size);
}

static void load_clean(const char *dir) {
    fc_diags *d = fc_diags_new();
    fc_lexicon *lx = NULL;
    assert_int_equal(fc_lexicon_load(&lx, dir, d), FC_OK);
    assert_non_null(lx);
    assert_int_equal(fc_diags_count(d), 0);
    fc_lexicon_free(lx);
    fc_diags_free(d);
}

/* Per-test fixture: *state is the folder of a fresh copy. */
static int make_copy(void **state) {
    char *dir = malloc(64);
    if (!dir) return -1;
    copy_lexicon(dir);
    *state = dir;
    return 0;
}

static int drop_copy(void **state) {
    fc_diags_free(held);
    held = NULL;
    remove_copy(*state);
    free(*state);
    return 0;
}

/* ---- mutations ----------------------------------------------------------- */

static json_t *metric_entry(const char *key, json_t *value) {
    json_t *e = json_object();
    json_object_set_new(e, "metric", json_string("test.widgets"));
    json_object_set_new(e, "unit", json_string("count"));
    json_object_set_new(e, key, value);
    return e;
}

static void add_metric(json_t *root, json_t *entry) {
    json_t *list = json_object_get(root, "metrics");
    assert_true(json_is_array(list));
    assert_int_equal(json_array_insert_new(list, 0, entry), 0);
}

static void bad_before_pattern(json_t *root) {
    add_metric(root, metric_entry("before", json_string("ab\\d)cd")));
}

static void bad_multibyte_pattern(json_t *root) {
    add_metric(root, metric_entry("before", json_string("\xC3\xA9+)x")));
}

static void misspelt_priority(json_t *root) {
    json_t *e = metric_entry("after", json_string("\\s*widgets"));
    json_object_set_new(e, "prority", json_integer(1));
    add_metric(root, e);
}

static void window_of_flow(json_t *root) {
    json_t *e = metric_entry("after", json_string("\\s*widgets"));
    json_object_set_new(e, "time", json_string("flow"));
    json_object_set_new(e, "window_days", json_integer(10));
    add_metric(root, e);
}

static void window_too_long(json_t *root) {
    json_t *e = metric_entry("after", json_string("\\s*widgets"));
    json_object_set_new(e, "time", json_string("stock"));
    json_object_set_new(e, "window_days", json_real(400.5));
    add_metric(root, e);
}

static void unknown_top_field(json_t *root) {
    json_object_set_new(root, "zzzz", json_true());
}

static void unknown_kind(json_t *root) {
    json_t *list = json_object_get(root, "qualifiers"), *q = json_object();
    assert_true(json_is_array(list));
    json_object_set_new(q, "kind", json_string("roughish"));
    json_object_set_new(q, "before", json_string("ish"));
    assert_int_equal(json_array_insert_new(list, 0, q), 0);
}

static void drop_nearly_interval(json_t *root) {
    json_t *iv = json_object_get(root, "intervals");
    assert_true(json_is_object(iv));
    assert_int_equal(json_object_del(iv, "nearly"), 0);
}

static void unknown_formula_name(json_t *root) {
    json_t *iv = json_object_get(root, "intervals");
    json_t *exact = json_object_get(iv, "exact");
    assert_true(json_is_object(exact));
    json_object_set_new(exact, "lo", json_string("v - w/2"));
}

static void unknown_formula_function(json_t *root) {
    json_t *iv = json_object_get(root, "intervals");
    json_t *exact = json_object_get(iv, "exact");
    assert_true(json_is_object(exact));
    json_object_set_new(exact, "hi", json_string("v + avg(u, m)"));
}

static void unknown_resolution(json_t *root) {
    json_t *list = json_object_get(root, "periods"), *p = json_object();
    assert_true(json_is_array(list));
    json_object_set_new(p, "resolve", json_string("fortnight"));
    json_object_set_new(p, "pattern", json_string("\\bthis fortnight\\b"));
    assert_int_equal(json_array_insert_new(list, 0, p), 0);
}

static void untouched(json_t *root) { (void)root; }

/* ---- tests -------------------------------------------------------------- */

static void test_real_lexicon_loads_clean(void **state) {
    const char *dir = *state;
    load_clean("rules");
    /* the copies the other tests break load cleanly before they are
       broken, also when rewritten by jansson */
    load_clean(dir);
    mutate(dir, "metrics.json", untouched);
    mutate(dir, "qualifiers.json", untouched);
    mutate(dir, "periods.json", untouched);
    load_clean(dir);
}

/* Labels: an entry's own, a derived metric's from its entry's, and none
** for a metric no entry labels. */
static void test_metric_labels(void **state) {
    fc_diags *d = fc_diags_new();
    fc_lexicon *lx = NULL;
    char b[128];
    (void)state;
    assert_int_equal(fc_lexicon_load(&lx, "rules", d), FC_OK);
    assert_string_equal(lx_metric_label(lx, "nev.production", b, sizeof b),
                        "NEV production");
    assert_string_equal(lx_metric_label(lx, "nev.production.growth", b,
                                        sizeof b),
                        "NEV production growth");
    /* an entry of its own wins over a derivation */
    assert_string_equal(lx_metric_label(lx, "manufacturing.value_added.share",
                                        b, sizeof b),
                        "manufacturing's share");
    assert_null(lx_metric_label(lx, "ferri_sail", b, sizeof b));
    assert_null(lx_metric_label(lx, "nev.production.unknown", b, sizeof b));
    fc_lexicon_free(lx);
    fc_diags_free(d);
}

static void test_bad_pattern(void **state) {
    const char *dir = *state;
    char msg[256], rest[600], want[1400];
    size_t erroff;
    where w;
    fc_diags *d;
    const fc_diag *g;
    mutate(dir, "metrics.json", bad_before_pattern);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);

    /* PCRE2 names the ")" at offset 4 of "ab\d)cd"; in the file the
       pattern is written "ab\\d)cd", so the ")" is raw byte 5 */
    pcre2_says("ab\\d)cd", msg, sizeof msg, &erroff);
    assert_int_equal(erroff, 4);
    w = locate(dir, "metrics.json", "\"ab\\\\d)cd\"",
               1 + raw_index("ab\\\\d)cd", erroff));
    diag_at(d, 0, dir, "metrics.json", w, "before");
    g = fc_diags_get(d, 0);
    assert_int_equal(strncmp(g->text, "bad pattern: ", 13), 0);
    snprintf(rest, sizeof rest,
             "before: bad pattern: %s (at offset 4 of the pattern)", msg);
    expect_line(want, sizeof want, dir, "metrics.json", w, rest);
    diag_is(d, 0, want);
}

static void test_bad_pattern_column_in_code_points(void **state) {
    const char *dir = *state;
    char msg[256], rest[600], want[1400];
    size_t erroff;
    where w;
    fc_diags *d;
    mutate(dir, "metrics.json", bad_multibyte_pattern);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    /* "é+)x": the ")" is byte 3 but the third character */
    pcre2_says("\xC3\xA9+)x", msg, sizeof msg, &erroff);
    assert_int_equal(erroff, 3);
    w = locate(dir, "metrics.json", "\"\xC3\xA9+)x\"", 1 + 3);
    diag_at(d, 0, dir, "metrics.json", w, "before");
    snprintf(rest, sizeof rest,
             "before: bad pattern: %s (at offset 3 of the pattern)", msg);
    expect_line(want, sizeof want, dir, "metrics.json", w, rest);
    diag_is(d, 0, want);
}

static void test_bad_pattern_after_unicode_escape(void **state) {
    const char *dir = *state;
    char msg[256], rest[600], want[1400];
    size_t erroff;
    where w;
    fc_diags *d;
    mutate(dir, "metrics.json", bad_multibyte_pattern);
    /* the same pattern written with an escape: "\u00e9+)x" */
    replace_text(dir, "metrics.json", "\"\xC3\xA9+)x\"", "\"\\u00e9+)x\"");
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    pcre2_says("\xC3\xA9+)x", msg, sizeof msg, &erroff);
    /* the ")" is raw byte 7 of \u00e9+)x */
    w = locate(dir, "metrics.json", "\"\\u00e9+)x\"",
               1 + raw_index("\\u00e9+)x", erroff));
    assert_int_equal(raw_index("\\u00e9+)x", erroff), 7);
    snprintf(rest, sizeof rest,
             "before: bad pattern: %s (at offset 3 of the pattern)", msg);
    expect_line(want, sizeof want, dir, "metrics.json", w, rest);
    diag_is(d, 0, want);
    diag_at(d, 0, dir, "metrics.json", w, "before");
}

static void test_unknown_field_suggestion(void **state) {
    const char *dir = *state;
    char want[1400];
    where w;
    fc_diags *d;
    mutate(dir, "metrics.json", misspelt_priority);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    w = locate(dir, "metrics.json", "\"prority\": 1", strlen("\"prority\": "));
    diag_at(d, 0, dir, "metrics.json", w, "prority");
    expect_line(want, sizeof want, dir, "metrics.json", w,
                "prority: unknown field; did you mean \"priority\"?");
    diag_is(d, 0, want);
}

/* A reporting window belongs to a stock, and is a whole number of days. */
static void test_window_days(void **state) {
    const char *dir = *state;
    char want[1400];
    where w;
    fc_diags *d;
    mutate(dir, "metrics.json", window_of_flow);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    w = locate(dir, "metrics.json", "\"window_days\": 10",
               strlen("\"window_days\": "));
    expect_line(want, sizeof want, dir, "metrics.json", w,
                "window_days: a reporting window needs \"time\": \"stock\"");
    diag_is(d, 0, want);
    mutate(dir, "metrics.json", window_too_long);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 2); /* both entries */
    w = locate(dir, "metrics.json", "\"window_days\": 400.5",
               strlen("\"window_days\": "));
    expect_line(want, sizeof want, dir, "metrics.json", w,
                "window_days: expected a whole number of days from 0 to 366");
    diag_is(d, 0, want); /* the new entry comes first */
}

static void test_unknown_field_list(void **state) {
    const char *dir = *state;
    char want[1400];
    where w;
    fc_diags *d;
    mutate(dir, "units.json", unknown_top_field);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    w = locate(dir, "units.json", "\"zzzz\": true", strlen("\"zzzz\": "));
    expect_line(want, sizeof want, dir, "units.json", w,
                "zzzz: unknown field (expected one of about, before, after, "
                "growth)");
    diag_is(d, 0, want);
}

static void test_unknown_qualifier_kind(void **state) {
    const char *dir = *state;
    char want[1400];
    where w;
    fc_diags *d;
    mutate(dir, "qualifiers.json", unknown_kind);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    w = locate(dir, "qualifiers.json", "\"roughish\"", 0);
    diag_at(d, 0, dir, "qualifiers.json", w, "kind");
    expect_line(want, sizeof want, dir, "qualifiers.json", w,
                "kind: unknown qualifier \"roughish\" (expected one of exact, "
                "approx, more_than, at_least, less_than, at_most, nearly, "
                "range)");
    diag_is(d, 0, want);
}

static void test_missing_interval(void **state) {
    const char *dir = *state;
    char want[1400];
    where w;
    fc_diags *d;
    mutate(dir, "qualifiers.json", drop_nearly_interval);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    /* reported at the intervals object */
    w = locate(dir, "qualifiers.json", "\"intervals\": {",
               strlen("\"intervals\": "));
    diag_at(d, 0, dir, "qualifiers.json", w, "nearly");
    expect_line(want, sizeof want, dir, "qualifiers.json", w,
                "nearly: missing the interval of this qualifier");
    diag_is(d, 0, want);
}

static void test_interval_unknown_name(void **state) {
    const char *dir = *state;
    char want[1400];
    where w;
    fc_diags *d;
    mutate(dir, "qualifiers.json", unknown_formula_name);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    /* at the "w" */
    w = locate(dir, "qualifiers.json", "\"v - w/2\"", strlen("\"v - "));
    diag_at(d, 0, dir, "qualifiers.json", w, "lo");
    expect_line(want, sizeof want, dir, "qualifiers.json", w,
                "lo: unknown name \"w\" (expected v, u, m, lo or hi)");
    diag_is(d, 0, want);
}

static void test_interval_unknown_function(void **state) {
    const char *dir = *state;
    char want[1400];
    where w;
    fc_diags *d;
    mutate(dir, "qualifiers.json", unknown_formula_function);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    w = locate(dir, "qualifiers.json", "\"v + avg(u, m)\"", strlen("\"v + "));
    diag_at(d, 0, dir, "qualifiers.json", w, "hi");
    expect_line(want, sizeof want, dir, "qualifiers.json", w,
                "hi: unknown function \"avg\" (expected min or max)");
    diag_is(d, 0, want);
}

static void test_unknown_resolution(void **state) {
    const char *dir = *state;
    char want[1400];
    where w;
    fc_diags *d;
    mutate(dir, "periods.json", unknown_resolution);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    w = locate(dir, "periods.json", "\"fortnight\"", 0);
    expect_line(want, sizeof want, dir, "periods.json", w,
                "resolve: unknown resolution \"fortnight\" (expected one of "
                "year, year_end, date, span, doc_year, as_of_doc, since, "
                "doc_year_end, doc_date, month, doc_month, months, earlier)");
    diag_is(d, 0, want);
}

static void test_every_error_reported(void **state) {
    const char *dir = *state;
    fc_diags *d;
    mutate(dir, "qualifiers.json", unknown_kind);
    mutate(dir, "qualifiers.json", unknown_formula_name);
    mutate(dir, "metrics.json", misspelt_priority);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 3);
    assert_non_null(strstr(fc_diags_get(d, 0)->text, "\"roughish\""));
    assert_non_null(strstr(fc_diags_get(d, 1)->text, "\"w\""));
    assert_non_null(strstr(fc_diags_get(d, 2)->text, "\"priority\""));
}

static void test_syntax_error(void **state) {
    const char *dir = *state;
    char path[256], want[1400];
    json_error_t err;
    json_t *root;
    char *text;
    size_t len;
    where w, comma;
    fc_diags *d;
    mutate(dir, "periods.json", untouched);
    replace_text(dir, "periods.json", "\"months\": {", "\"months\": {,");
    path_of(path, sizeof path, dir, "periods.json");
    text = slurp(path, &len);
    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    assert_null(root);
    free(text);

    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    /* jansson's own position and text */
    w.line = err.line;
    w.column = err.column;
    w.offset = err.position;
    diag_at(d, 0, dir, "periods.json", w, NULL);
    assert_string_equal(fc_diags_get(d, 0)->text, err.text);
    /* which is the line of the stray comma */
    comma = locate(dir, "periods.json", "\"months\": {,",
                   strlen("\"months\": {"));
    assert_int_equal(err.line, comma.line);
    expect_line(want, sizeof want, dir, "periods.json", w, err.text);
    diag_is(d, 0, want);
}

static void test_not_an_object(void **state) {
    const char *dir = *state;
    char path[256], want[1400];
    fc_diags *d;
    path_of(path, sizeof path, dir, "numbers.json");
    spit(path, "[1, 2]\n", 7);
    d = load_fails(dir, FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 1);
    snprintf(want, sizeof want,
             "%s/lexicon/numbers.json:1:1: expected an object, got an array",
             dir);
    diag_is(d, 0, want);
}

static void test_missing_file(void **state) {
    const char *dir = *state;
    char path[256], want[1400];
    fc_diags *d = hold(fc_diags_new());
    fc_lexicon *lx = NULL;
    int rc;
    path_of(path, sizeof path, dir, "units.json");
    assert_int_equal(unlink(path), 0);
    rc = fc_lexicon_load(&lx, dir, d);
    assert_true(rc == FC_EINPUT || rc == FC_EIO);
    assert_null(lx);
    assert_int_equal(fc_diags_count(d), 1);
    snprintf(want, sizeof want, "%s: cannot open: %s", path, strerror(ENOENT));
    diag_is(d, 0, want);
    assert_string_equal(fc_diags_get(d, 0)->file, path);

    /* a folder with no lexicon at all: each file is named */
    d = load_fails("tests/unit/data/no-such-folder", rc);
    assert_int_equal(fc_diags_count(d), 5);
    snprintf(want, sizeof want,
             "tests/unit/data/no-such-folder/lexicon/numbers.json: cannot "
             "open: %s",
             strerror(ENOENT));
    diag_is(d, 0, want);
}

/* Each test works on a fresh copy of rules/lexicon. */
#define T(f) cmocka_unit_test_setup_teardown(f, make_copy, drop_copy)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(test_real_lexicon_loads_clean),
        T(test_bad_pattern),
        T(test_bad_pattern_column_in_code_points),
        T(test_bad_pattern_after_unicode_escape),
        T(test_unknown_field_suggestion),
        T(test_window_days),
        T(test_metric_labels),
        T(test_unknown_field_list),
        T(test_unknown_qualifier_kind),
        T(test_missing_interval),
        T(test_interval_unknown_name),
        T(test_interval_unknown_function),
        T(test_unknown_resolution),
        T(test_every_error_reported),
        T(test_syntax_error),
        T(test_not_an_object),
        T(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
