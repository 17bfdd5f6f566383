/* test_fact.c -- facts: the record, the reader and its diagnostics, the
** writer (fact.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factcheck.h"

#define NAME "facts.jsonl"
#define MAX_SEEN 64

/* What the callback received. */
typedef struct seen {
    int n;
    fc_fact *f[MAX_SEEN];
    fc_loc loc[MAX_SEEN];
    int stop_at;        /* return FC_EFOUND at this record (0: never) */
} seen;

static int take(void *ctx, const fc_fact *f, const fc_loc *loc) {
    seen *s = ctx;
    assert_true(s->n < MAX_SEEN);
    s->f[s->n] = fc_fact_dup(f);
    assert_non_null(s->f[s->n]);
    s->loc[s->n] = *loc;
    s->n++;
    if (s->stop_at && s->n == s->stop_at) return FC_EFOUND;
    return FC_OK;
}

static void seen_free(seen *s) {
    int i;
    for (i = 0; i < s->n; i++) fc_fact_free(s->f[i]);
    memset(s, 0, sizeof *s);
}

/* Diagnostic i as "file:line:column: field: text". */
static const char *diag(const fc_diags *d, size_t i) {
    static char out[1200];
    const fc_diag *g = fc_diags_get(d, i);
    assert_non_null(g);
    fc_diag_format(g, out, sizeof out);
    return out;
}

static int parse(const char *text, seen *s, fc_diags *d) {
    return fc_facts_parse(NAME, text, strlen(text), s ? take : NULL, s, d);
}

/* Parse an input expected to be invalid with exactly one diagnostic and
** nvalid valid records, and compare the diagnostic. */
static void one_error_n(const char *text, int nvalid, const char *expected) {
    fc_diags *d = fc_diags_new();
    seen s = {0};
    assert_int_equal(parse(text, &s, d), FC_EINPUT);
    assert_int_equal(s.n, nvalid);
    assert_int_equal(fc_diags_count(d), 1);
    assert_string_equal(diag(d, 0), expected);
    seen_free(&s);
    fc_diags_free(d);
}

static void one_error(const char *text, const char *expected) {
    one_error_n(text, 0, expected);
}

/* ---- the record ------------------------------------------------------ */

static void test_lists(void **state) {
    const char *const *q = fc_fact_qualifiers(), *const *st =
                                                     fc_fact_statuses();
    const char *const *f = fc_fact_fields();
    const char *want_q[] = {"exact", "approx", "more_than", "at_least",
                            "less_than", "at_most", "nearly", "range"};
    const char *want_f[] = {
        "id",        "doc",        "span",          "text",
        "subject",   "metric",     "metric_source", "confidence",
        "measured",  "role",       "basis",         "population",
        "value",     "unit",       "qualifier",     "interval",
        "period",    "period_source", "base_period", "status",
        "speaker",   "part_of",    "context"};
    const char *want_r[] = {"level", "change",       "growth", "share",
                            "share_change", "rank", "streak", "multiple"};
    const char *const *r = fc_fact_roles();
    const char *const *ms = fc_fact_metric_sources();
    const char *const *ps = fc_fact_period_sources();
    size_t i;
    (void)state;
    for (i = 0; i < 8; i++) assert_string_equal(q[i], want_q[i]);
    assert_null(q[8]);
    assert_string_equal(st[0], "actual");
    assert_string_equal(st[1], "target");
    assert_string_equal(st[2], "forecast");
    assert_null(st[3]);
    for (i = 0; i < 23; i++) assert_string_equal(f[i], want_f[i]);
    assert_null(f[23]);
    for (i = 0; i < 8; i++) assert_string_equal(r[i], want_r[i]);
    assert_null(r[8]);
    assert_string_equal(ms[0], "lexicon");
    assert_string_equal(ms[1], "phrase");
    assert_null(ms[2]);
    assert_string_equal(ps[0], "stated");
    assert_string_equal(ps[1], "document_date");
    assert_null(ps[2]);
}

static void test_new_set_dup_free(void **state) {
    fc_fact *f = fc_fact_new(), *g;
    fc_fact stack;
    (void)state;
    assert_non_null(f);
    assert_int_equal(f->span.start, -1);
    assert_null(f->id);
    assert_true(f->value == 0);
    assert_int_equal(fc_fact_set(&f->id, "f1"), FC_OK);
    assert_int_equal(fc_fact_set(&f->doc, "d1"), FC_OK);
    assert_int_equal(fc_fact_set(&f->metric, "m"), FC_OK);
    assert_int_equal(fc_fact_set(&f->metric, f->metric), FC_OK); /* alias */
    assert_string_equal(f->metric, "m");
    assert_int_equal(fc_fact_set(&f->unit, NULL), FC_OK);
    assert_null(f->unit);
    f->value = 70000;
    f->span.start = 3;
    f->span.end = 9;

    g = fc_fact_dup(f);
    assert_non_null(g);
    assert_ptr_not_equal(g->id, f->id);
    assert_string_equal(g->id, "f1");
    assert_string_equal(g->doc, "d1");
    assert_string_equal(g->metric, "m");
    assert_null(g->unit);
    assert_true(g->value == 70000);
    assert_int_equal(g->span.end, 9);
    fc_fact_free(f);
    assert_string_equal(g->id, "f1"); /* independent of the original */
    fc_fact_free(g);
    fc_fact_free(NULL);
    assert_null(fc_fact_dup(NULL));

    memset(&stack, 0, sizeof stack);
    assert_int_equal(fc_fact_set(&stack.context, "around"), FC_OK);
    stack.value = 2;
    fc_fact_clear(&stack);
    assert_null(stack.context);
    assert_true(stack.value == 0);
    fc_fact_clear(NULL);
}

/* ---- reading: the happy path ----------------------------------------- */

static void test_jsonl_valid(void **state) {
    const char *text =
        "{\"id\":\"f1\",\"doc\":\"000\",\"value\":70000,\"unit\":\"count\","
        "\"qualifier\":\"more_than\",\"interval\":[70000,80000],"
        "\"period\":\"2022\",\"status\":\"actual\",\"subject\":\"china\","
        "\"metric\":\"sme.count\",\"basis\":null,\"speaker\":\"x\","
        "\"part_of\":null,\"context\":\"c\",\"text\":\"more than 70,000\","
        "\"span\":{\"start\":10,\"end\":26,\"line\":2,\"column\":5}}\r\n"
        "\n"
        "   \t \r\n"
        "  {\"id\": \"f2\", \"doc\": \"001\", \"value\": 27.7, \"span\": null,"
        " \"interval\": null}\n"
        "{\"value\":-1.5e3,\"doc\":\"001\",\"id\":\"f3\","
        "\"span\":{\"start\":0,\"end\":0,\"line\":null}}";
    fc_diags *d = fc_diags_new();
    seen s = {0};
    const fc_fact *f;
    (void)state;

    assert_int_equal(parse(text, &s, d), FC_OK);
    assert_int_equal(fc_diags_count(d), 0);
    assert_int_equal(s.n, 3);

    f = s.f[0];
    assert_string_equal(f->id, "f1");
    assert_string_equal(f->doc, "000");
    assert_true(f->value == 70000);
    assert_string_equal(f->unit, "count");
    assert_string_equal(f->qualifier, "more_than");
    assert_true(f->lo == 70000 && f->hi == 80000);
    assert_string_equal(f->period, "2022");
    assert_string_equal(f->status, "actual");
    assert_string_equal(f->subject, "china");
    assert_string_equal(f->metric, "sme.count");
    assert_null(f->basis);
    assert_string_equal(f->speaker, "x");
    assert_null(f->part_of);
    assert_string_equal(f->context, "c");
    assert_string_equal(f->text, "more than 70,000");
    assert_int_equal(f->span.start, 10);
    assert_int_equal(f->span.end, 26);
    assert_int_equal(f->span.line, 2);
    assert_int_equal(f->span.column, 5);
    assert_string_equal(s.loc[0].file, NAME);
    assert_int_equal(s.loc[0].line, 1);
    assert_int_equal(s.loc[0].column, 1);
    assert_int_equal(s.loc[0].offset, 0);
    assert_ptr_equal(s.loc[0].buf, text);
    assert_int_equal(s.loc[0].len, strlen(text));

    f = s.f[1];
    assert_string_equal(f->id, "f2");
    assert_int_equal(f->span.start, -1);
    assert_null(f->unit);
    assert_null(f->qualifier);
    assert_true(f->lo == 27.7 && f->hi == 27.7); /* no interval: the value */
    assert_int_equal(s.loc[1].line, 4);
    assert_int_equal(s.loc[1].column, 3);
    assert_int_equal(s.loc[1].offset, strstr(text, "{\"id\": \"f2\"") - text);

    f = s.f[2];
    assert_true(f->value == -1500);
    assert_true(f->lo == -1500 && f->hi == -1500);
    assert_int_equal(f->span.start, 0);
    assert_int_equal(f->span.end, 0);
    assert_int_equal(f->span.line, 0);
    assert_int_equal(s.loc[2].line, 5);
    seen_free(&s);
    fc_diags_free(d);
}

static void test_empty_inputs(void **state) {
    fc_diags *d = fc_diags_new();
    seen s = {0};
    (void)state;
    assert_int_equal(parse("", &s, d), FC_OK);
    assert_int_equal(parse(" \n\r\n\t\n", &s, d), FC_OK);
    assert_int_equal(parse("[]", &s, d), FC_OK);
    assert_int_equal(parse("\n  [ \n ]\n", &s, d), FC_OK);
    assert_int_equal(fc_facts_parse(NAME, NULL, 0, take, &s, d), FC_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(fc_diags_count(d), 0);
    fc_diags_free(d);
}

static void test_no_callback_no_diags(void **state) {
    (void)state;
    assert_int_equal(parse("{\"id\":\"a\",\"doc\":\"d\",\"value\":1}", NULL,
                           NULL),
                     FC_OK);
    assert_int_equal(parse("{\"id\":\"a\",\"doc\":\"d\",\"value\":\"1\"}\n{",
                           NULL, NULL),
                     FC_EINPUT);
}

static void test_callback_stops(void **state) {
    const char *text = "{\"id\":\"a\",\"doc\":\"d\",\"value\":1}\n"
                       "{\"id\":\"b\",\"doc\":\"d\",\"value\":2}\n"
                       "{\"id\":\"c\",\"doc\":\"d\",\"value\":3}\n";
    fc_diags *d = fc_diags_new();
    seen s = {0};
    (void)state;
    s.stop_at = 2;
    assert_int_equal(parse(text, &s, d), FC_EFOUND);
    assert_int_equal(s.n, 2);
    seen_free(&s);
    /* the same in array mode */
    s.stop_at = 1;
    assert_int_equal(parse("[{\"id\":\"a\",\"doc\":\"d\",\"value\":1},"
                           "{\"id\":\"b\",\"doc\":\"d\",\"value\":2}]",
                           &s, d),
                     FC_EFOUND);
    assert_int_equal(s.n, 1);
    seen_free(&s);
    fc_diags_free(d);
}

/* ---- reading: each error class --------------------------------------- */

static void test_wrong_type_line_17(void **state) {
    char text[2048] = "";
    size_t len = 0;
    int i;
    fc_diags *d = fc_diags_new();
    seen s = {0};
    (void)state;
    for (i = 1; i <= 16; i++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "{\"id\":\"f%d\",\"doc\":\"d\",\"value\":%d}\n",
                                i, i);
    snprintf(text + len, sizeof text - len,
             "{\"id\":\"f17\",\"doc\":\"d\",\"value\":\"7.058 million\"}\n"
             "{\"id\":\"f18\",\"doc\":\"d\",\"value\":18}\n");
    assert_int_equal(parse(text, &s, d), FC_EINPUT);
    assert_int_equal(s.n, 17); /* the valid ones, before and after */
    assert_string_equal(s.f[16]->id, "f18");
    assert_int_equal(s.loc[16].line, 18);
    assert_int_equal(fc_diags_count(d), 1);
    assert_string_equal(diag(d, 0), "facts.jsonl:17:31: value: expected a "
                                    "number, got string \"7.058 million\"");
    assert_int_equal(fc_diags_get(d, 0)->line, 17);
    assert_int_equal(fc_diags_get(d, 0)->column, 31);
    assert_string_equal(fc_diags_get(d, 0)->field, "value");
    assert_int_equal(fc_diags_get(d, 0)->offset,
                     strstr(text, "\"7.058") - text);
    seen_free(&s);
    fc_diags_free(d);
}

static void test_type_descriptions(void **state) {
    (void)state;
    one_error("{\"id\":\"a1\",\"doc\":\"d\",\"value\":{\"x\":1}}",
              "facts.jsonl:1:30: value: expected a number, got object");
    one_error("{\"id\":\"a2\",\"doc\":\"d\",\"value\":[1]}",
              "facts.jsonl:1:30: value: expected a number, got array");
    one_error("{\"id\":\"a3\",\"doc\":\"d\",\"value\":true}",
              "facts.jsonl:1:30: value: expected a number, got true");
    one_error("{\"id\":\"a4\",\"doc\":\"d\",\"value\":false}",
              "facts.jsonl:1:30: value: expected a number, got false");
    one_error("{\"id\":\"a5\",\"doc\":\"d\",\"value\":null}",
              "facts.jsonl:1:30: value: expected a number, got null");
    one_error("{\"id\":\"a6\",\"doc\":\"d\",\"value\":1,\"text\":12}",
              "facts.jsonl:1:39: text: expected a string or null, got "
              "number 12");
    one_error("{\"id\":\"a7\",\"doc\":\"d\",\"value\":1,\"unit\":0.25}",
              "facts.jsonl:1:39: unit: expected a string or null, got "
              "number 0.25");
    one_error("{\"id\":\"a8\",\"doc\":\"d\",\"value\":1,\"metric\":[]}",
              "facts.jsonl:1:41: metric: expected a string or null, got "
              "array");
    one_error("{\"id\":\"a9\",\"doc\":\"d\",\"value\":1,\"span\":[1,2]}",
              "facts.jsonl:1:39: span: expected an object or null, got "
              "array");
    one_error("{\"id\":\"b1\",\"doc\":\"d\",\"value\":1,\"interval\":\"1-2\"}",
              "facts.jsonl:1:43: interval: expected an array [lo, hi] or "
              "null, got string \"1-2\"");
}

static void test_long_string_is_cut(void **state) {
    (void)state;
    /* 40 bytes, then cut before the multibyte character */
    one_error("{\"id\":\"c4\",\"doc\":\"d\",\"value\":"
              "\"a very long string that goes on and on, \xC3\xBCnd on\"}",
              "facts.jsonl:1:30: value: expected a number, got string "
              "\"a very long string that goes on and on, ...\"");
    one_error("{\"id\":\"c4\",\"doc\":\"d\",\"value\":"
              "\"a very long string that goes on and on!\xC3\xBCnd on\"}",
              "facts.jsonl:1:30: value: expected a number, got string "
              "\"a very long string that goes on and on!...\"");
    /* exactly 40 bytes: not cut */
    one_error("{\"id\":\"c4\",\"doc\":\"d\",\"value\":"
              "\"a very long string that goes on and on\xC3\xBC\"}",
              "facts.jsonl:1:30: value: expected a number, got string "
              "\"a very long string that goes on and on\xC3\xBC\"");
    /* escapes are shown as escapes */
    one_error("{\"id\":\"c7\",\"doc\":\"d\",\"value\":\"\\u00e9\\n\\\"\\t\"}",
              "facts.jsonl:1:30: value: expected a number, got string "
              "\"\xC3\xA9\\n\\\"\\t\"");
}

static void test_multibyte_column(void **state) {
    (void)state;
    /* "é中" is 5 bytes but 2 code points */
    one_error("{\"id\":\"\xC3\xA9\xE4\xB8\xAD\",\"doc\":\"d\",\"value\":\"x\"}",
              "facts.jsonl:1:30: value: expected a number, got string \"x\"");
    one_error("{\"id\":\"\xF0\x9F\x98\x80\",\"doc\":\"d\",\"value\":\"x\"}",
              "facts.jsonl:1:29: value: expected a number, got string \"x\"");
}

static void test_unknown_field(void **state) {
    fc_diags *d = fc_diags_new();
    (void)state;
    assert_int_equal(parse("{\"id\":\"b1\",\"doc\":\"d\",\"vlaue\":1}", NULL, d),
                     FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 2);
    /* the position is that of the unknown member's value */
    assert_string_equal(diag(d, 0), "facts.jsonl:1:30: vlaue: unknown field; "
                                    "did you mean \"value\"?");
    assert_string_equal(diag(d, 1),
                        "facts.jsonl:1:1: value: missing required field");
    fc_diags_free(d);

    one_error("{\"id\":\"b2\",\"doc\":\"d\",\"value\":1,\"foo\":1}",
              "facts.jsonl:1:38: foo: unknown field (expected one of id, doc, "
              "span, text, subject, metric, metric_source, confidence, "
              "measured, role, basis, population, value, unit, qualifier, "
              "interval, period, period_source, base_period, status, "
              "speaker, part_of, context)");
    one_error("{\"id\":\"b2\",\"doc\":\"d\",\"value\":1,\"partof\":\"x\"}",
              "facts.jsonl:1:41: partof: unknown field; did you mean "
              "\"part_of\"?");
    one_error("{\"id\":\"b2\",\"doc\":\"d\",\"value\":1,\"Unit\":\"x\"}",
              "facts.jsonl:1:39: Unit: unknown field; did you mean \"unit\"?");
    /* too far from every name to suggest one */
    one_error("{\"id\":\"b2\",\"doc\":\"d\",\"value\":1,\"x\":\"y\"}",
              "facts.jsonl:1:36: x: unknown field (expected one of id, doc, "
              "span, text, subject, metric, metric_source, confidence, "
              "measured, role, basis, population, value, unit, qualifier, "
              "interval, period, period_source, base_period, status, "
              "speaker, part_of, context)");
}

static void test_missing_required(void **state) {
    fc_diags *d = fc_diags_new();
    (void)state;
    assert_int_equal(parse("\n   {}", NULL, d), FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 3);
    assert_string_equal(diag(d, 0),
                        "facts.jsonl:2:4: id: missing required field");
    assert_string_equal(diag(d, 1),
                        "facts.jsonl:2:4: doc: missing required field");
    assert_string_equal(diag(d, 2),
                        "facts.jsonl:2:4: value: missing required field");
    fc_diags_free(d);
}

static void test_id_and_doc(void **state) {
    fc_diags *d = fc_diags_new();
    char text[512];
    char longid[202];
    (void)state;
    assert_int_equal(parse("{\"id\":\"\",\"doc\":5,\"value\":1}", NULL, d),
                     FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 2);
    assert_string_equal(diag(d, 0), "facts.jsonl:1:7: id: expected a "
                                    "non-empty string, got string \"\"");
    assert_string_equal(diag(d, 1), "facts.jsonl:1:16: doc: expected a "
                                    "non-empty string, got number 5");
    fc_diags_free(d);

    one_error("{\"id\":null,\"doc\":\"d\",\"value\":1}",
              "facts.jsonl:1:7: id: expected a non-empty string, got null");
    memset(longid, 'i', 201);
    longid[201] = '\0';
    snprintf(text, sizeof text, "{\"id\":\"%s\",\"doc\":\"d\",\"value\":1}",
             longid);
    one_error(text, "facts.jsonl:1:7: id: too long: 201 bytes (at most 200)");
    longid[200] = '\0'; /* 200 bytes is fine */
    snprintf(text, sizeof text, "{\"id\":\"%s\",\"doc\":\"d\",\"value\":1}",
             longid);
    assert_int_equal(parse(text, NULL, NULL), FC_OK);
}

/* What a syntax error at a NaN or an Infinity adds to jansson's text. */
#define NAN_HINT \
    ": NaN and Infinity are not JSON numbers (expected a finite number)"

static void test_syntax_errors(void **state) {
    (void)state;
    /* jansson's text; the position of the token it names */
    one_error("{\"id\":\"a7\",\"doc\":\"d\",\"value\":NaN}",
              "facts.jsonl:1:30: invalid token near 'NaN'" NAN_HINT);
    one_error("{\"id\":\"a7\",\"doc\":\"d\",\"value\":-Infinity}",
              "facts.jsonl:1:30: invalid token near '-'" NAN_HINT);
    one_error("{\"id\":\"a7\",\"doc\":\"d\",\"value\":Infinity}",
              "facts.jsonl:1:30: invalid token near 'Infinity'" NAN_HINT);
    one_error("{\"id\":\"a8\",\"doc\":\"d\",\"value\":1e400}",
              "facts.jsonl:1:30: real number overflow near '1e400'");
    one_error("{\"id\":\"a9\",\"doc\":\"d\",\"value\":1,}",
              "facts.jsonl:1:32: string or '}' expected near '}'");
    one_error("{\"id\":\"a10\",\"doc\":\"d\",\"value\":1,\"value\":2}",
              "facts.jsonl:1:33: duplicate object key near '\"value\"'");
    one_error("{\"id\":\"c6\",\"doc\":\"d\",\"value\":1} x",
              "facts.jsonl:1:33: end of file expected near 'x'");
    one_error("{\"id\":\"c6\",\"doc\":\"d\",\"value\":1",
              "facts.jsonl:1:30: '}' expected near end of file");
    one_error("{\"id\":\"\xC3\xA9\xE4\xB8\xAD\",\"doc\":\"d\",\"value\":nul}",
              "facts.jsonl:1:30: invalid token near 'nul'");
    /* a NUL byte: where it is, and that JSON text was expected */
    {
        static const char nul[] = "{\"id\":\"z\",\"doc\":\"d\",\"value\":1}\n"
                                  "{\"id\":\"z1\",\0\"doc\":\"d\",\"value\":1}";
        fc_diags *d = fc_diags_new();
        assert_int_equal(fc_facts_parse(NAME, nul, sizeof nul - 1, NULL, NULL,
                                        d),
                         FC_EINPUT);
        assert_int_equal(fc_diags_count(d), 1);
        assert_string_equal(diag(d, 0),
                            "facts.jsonl:2:12: string or '}' expected near "
                            "end of file (a NUL byte; expected JSON text)");
        fc_diags_free(d);
    }
    /* invalid UTF-8: the bad byte itself */
    one_error("{\"id\":\"\xC3\xA9x\xFF\",\"doc\":\"d\",\"value\":1}",
              "facts.jsonl:1:10: unable to decode byte 0xff near "
              "'\"\xC3\xA9x'");
    /* an element of an array whose error follows a newline; the next
    ** element is still read */
    one_error_n("[\n {\"id\":\"a\\\n\",\"doc\":\"d\",\"value\":1},\n"
                " {\"id\":\"b\",\"doc\":\"d\",\"value\":2}]",
                1, "facts.jsonl:2:8: invalid escape near '\"a\\\n'");
}

static void test_not_an_object(void **state) {
    (void)state;
    fc_diags *d = fc_diags_new();
    seen s = {0};
    /* a line starting with '[' after the first is a JSON Lines record */
    assert_int_equal(parse("{\"id\":\"a\",\"doc\":\"d\",\"value\":1}\n"
                           "[1,2]\n"
                           "  \"str\"\n"
                           "12\n"
                           "null\n",
                           &s, d),
                     FC_EINPUT);
    assert_int_equal(s.n, 1);
    assert_int_equal(fc_diags_count(d), 4);
    assert_string_equal(diag(d, 0),
                        "facts.jsonl:2:1: expected an object, got array");
    assert_string_equal(diag(d, 1), "facts.jsonl:3:3: expected an object, "
                                    "got string \"str\"");
    assert_string_equal(diag(d, 2),
                        "facts.jsonl:4:1: expected an object, got number 12");
    assert_string_equal(diag(d, 3),
                        "facts.jsonl:5:1: expected an object, got null");
    seen_free(&s);
    fc_diags_free(d);
    /* in a JSON array, each element that is not an object */
    d = fc_diags_new();
    assert_int_equal(parse("[1,\n true]", NULL, d), FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 2);
    assert_string_equal(diag(d, 0),
                        "facts.jsonl:1:2: expected an object, got number 1");
    assert_string_equal(diag(d, 1),
                        "facts.jsonl:2:2: expected an object, got true");
    fc_diags_free(d);
}

static void test_span_errors(void **state) {
    fc_diags *d = fc_diags_new();
    (void)state;
    one_error("{\"id\":\"b3\",\"doc\":\"d\",\"value\":1,"
              "\"span\":{\"start\":10,\"end\":3}}",
              "facts.jsonl:1:57: span: end 3 is before start 10");
    assert_int_equal(
        parse("{\"id\":\"b4\",\"doc\":\"d\",\"value\":1,\"span\":{\"start\":-1,"
              "\"end\":3.5,\"lin\":2,\"column\":0}}",
              NULL, d),
        FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 4);
    assert_string_equal(diag(d, 0), "facts.jsonl:1:48: span.start: expected a "
                                    "non-negative integer, got number -1");
    assert_string_equal(diag(d, 1), "facts.jsonl:1:57: span.end: expected a "
                                    "non-negative integer, got number 3.5");
    assert_string_equal(diag(d, 2), "facts.jsonl:1:67: span.lin: unknown "
                                    "field; did you mean \"line\"?");
    assert_string_equal(diag(d, 3), "facts.jsonl:1:78: span.column: expected "
                                    "a positive integer, got number 0");
    fc_diags_clear(d);
    assert_int_equal(parse("{\"id\":\"b5\",\"doc\":\"d\",\"value\":1,"
                           "\"span\":{}}",
                           NULL, d),
                     FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 2);
    assert_string_equal(diag(d, 0),
                        "facts.jsonl:1:39: span.start: missing required field");
    assert_string_equal(diag(d, 1),
                        "facts.jsonl:1:39: span.end: missing required field");
    fc_diags_free(d);
    one_error("{\"id\":\"b6\",\"doc\":\"d\",\"value\":1,"
              "\"span\":{\"start\":\"0\",\"end\":1}}",
              "facts.jsonl:1:48: span.start: expected a non-negative "
              "integer, got string \"0\"");
    one_error("{\"id\":\"b6\",\"doc\":\"d\",\"value\":1,"
              "\"span\":{\"start\":0,\"end\":1,\"foo\":1}}",
              "facts.jsonl:1:64: span.foo: unknown field (expected one of "
              "start, end, line, column)");
}

static void test_interval_errors(void **state) {
    fc_diags *d = fc_diags_new();
    (void)state;
    one_error("{\"id\":\"b6\",\"doc\":\"d\",\"value\":7,\"interval\":[1,5]}",
              "facts.jsonl:1:43: interval: value 7 is outside the interval "
              "[1, 5]");
    one_error("{\"id\":\"b7\",\"doc\":\"d\",\"value\":7,\"interval\":[5,3]}",
              "facts.jsonl:1:43: interval: lo 5 is greater than hi 3");
    one_error("{\"id\":\"b7\",\"doc\":\"d\",\"value\":5,"
              "\"interval\":[5,4.99]}",
              "facts.jsonl:1:43: interval: lo 5 is greater than hi 4.99");
    one_error("{\"id\":\"b8\",\"doc\":\"d\",\"value\":7,\"interval\":[5,\"x\"]}",
              "facts.jsonl:1:46: interval: expected a number for hi, got "
              "string \"x\"");
    one_error("{\"id\":\"b9\",\"doc\":\"d\",\"value\":7,\"interval\":[5]}",
              "facts.jsonl:1:43: interval: expected an array [lo, hi] or "
              "null, got an array of 1 element");
    one_error("{\"id\":\"b9\",\"doc\":\"d\",\"value\":7,\"interval\":[1,7,9]}",
              "facts.jsonl:1:43: interval: expected an array [lo, hi] or "
              "null, got an array of 3 elements");
    one_error("{\"id\":\"b6\",\"doc\":\"d\",\"value\":0.5,"
              "\"interval\":[0.25,0.375]}",
              "facts.jsonl:1:45: interval: value 0.5 is outside the "
              "interval [0.25, 0.375]");
    /* both elements wrong: both reported */
    assert_int_equal(parse("{\"id\":\"b8\",\"doc\":\"d\",\"value\":7,"
                           "\"interval\":[null,{}]}",
                           NULL, d),
                     FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 2);
    assert_string_equal(diag(d, 0), "facts.jsonl:1:44: interval: expected a "
                                    "number for lo, got null");
    assert_string_equal(diag(d, 1), "facts.jsonl:1:49: interval: expected a "
                                    "number for hi, got object");
    fc_diags_free(d);
    /* bounds equal to the value are inside */
    assert_int_equal(parse("{\"id\":\"b6\",\"doc\":\"d\",\"value\":7,"
                           "\"interval\":[7,7]}",
                           NULL, NULL),
                     FC_OK);
}

static void test_qualifier_status_period(void **state) {
    fc_diags *d = fc_diags_new();
    (void)state;
    assert_int_equal(parse("{\"id\":\"c1\",\"doc\":\"d\",\"value\":7,"
                           "\"qualifier\":\"roughly\",\"status\":\"planned\"}",
                           NULL, d),
                     FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 2);
    assert_string_equal(diag(d, 0),
                        "facts.jsonl:1:44: qualifier: unknown qualifier "
                        "\"roughly\" (expected one of exact, approx, "
                        "more_than, at_least, less_than, at_most, nearly, "
                        "range)");
    assert_string_equal(diag(d, 1),
                        "facts.jsonl:1:63: status: unknown status \"planned\" "
                        "(expected one of actual, target, forecast)");
    fc_diags_free(d);
    one_error("{\"id\":\"c1\",\"doc\":\"d\",\"value\":7,\"qualifier\":1}",
              "facts.jsonl:1:44: qualifier: expected a string or null, got "
              "number 1");
    one_error("{\"id\":\"c2\",\"doc\":\"d\",\"value\":7,\"period\":\"2023-13\"}",
              "facts.jsonl:1:41: period: malformed period \"2023-13\" "
              "(expected YYYY, YYYY-MM, YYYY-MM-DD, as-of YYYY-MM-DD, "
              "YYYY/YYYY or YYYY-MM/YYYY-MM)");
    one_error("{\"id\":\"c3\",\"doc\":\"d\",\"value\":7,"
              "\"period\":\"2023-02-29\"}",
              "facts.jsonl:1:41: period: impossible date \"2023-02-29\"");
    assert_int_equal(parse("{\"id\":\"c1\",\"doc\":\"d\",\"value\":7,"
                           "\"qualifier\":null,\"status\":\"target\","
                           "\"period\":\"as-of 2024-03-08\"}\n"
                           "{\"id\":\"c2\",\"doc\":\"d\",\"value\":7,"
                           "\"qualifier\":\"nearly\",\"status\":null,"
                           "\"period\":null}",
                           NULL, NULL),
                     FC_OK);
}

/* The fields of what a figure measures: role, measured phrase, metric
** source and confidence, population, period source, comparison base. */
static void test_measure_fields(void **state) {
    fc_diags *d = fc_diags_new();
    seen s = {0};
    (void)state;
    assert_int_equal(
        parse("{\"id\":\"m1\",\"doc\":\"d\",\"value\":20000000,"
              "\"role\":\"level\",\"measured\":{\"text\":\"ports\","
              "\"start\":12,\"end\":17},\"metric\":\"port\","
              "\"metric_source\":\"phrase\",\"confidence\":0.6,"
              "\"population\":\"urban\",\"period\":\"2023\","
              "\"period_source\":\"stated\",\"base_period\":\"2022\"}\n"
              "{\"id\":\"m2\",\"doc\":\"d\",\"value\":1,"
              "\"measured\":{\"text\":\"users\"},\"confidence\":1}",
              &s, d),
        FC_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.f[0]->role, "level");
    assert_string_equal(s.f[0]->measured, "ports");
    assert_int_equal(s.f[0]->measured_start, 12);
    assert_int_equal(s.f[0]->measured_end, 17);
    assert_string_equal(s.f[0]->metric_source, "phrase");
    assert_true(s.f[0]->has_confidence && s.f[0]->confidence == 0.6);
    assert_string_equal(s.f[0]->population, "urban");
    assert_string_equal(s.f[0]->period_source, "stated");
    assert_string_equal(s.f[0]->base_period, "2022");
    assert_string_equal(s.f[1]->measured, "users");
    assert_int_equal(s.f[1]->measured_start, -1);
    assert_null(s.f[1]->role);
    seen_free(&s);
    fc_diags_free(d);

    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,\"role\":\"stock\"}",
              "facts.jsonl:1:39: role: unknown role \"stock\" (expected one of level, change, growth, share, share_change, rank, streak, multiple)");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,"
              "\"metric_source\":\"guess\"}",
              "facts.jsonl:1:48: metric_source: unknown metric_source \"guess\" (expected one of lexicon, phrase)");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,\"confidence\":1.5}",
              "facts.jsonl:1:45: confidence: expected a number from 0 to 1 or null, got number 1.5");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,\"confidence\":\"high\"}",
              "facts.jsonl:1:45: confidence: expected a number from 0 to 1 or null, got string \"high\"");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,"
              "\"period_source\":\"guessed\"}",
              "facts.jsonl:1:48: period_source: unknown period_source \"guessed\" (expected one of stated, document_date)");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,"
              "\"base_period\":\"last year\"}",
              "facts.jsonl:1:46: base_period: malformed period \"last year\" (expected YYYY, YYYY-MM, YYYY-MM-DD, as-of YYYY-MM-DD, YYYY/YYYY or YYYY-MM/YYYY-MM)");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,\"measured\":\"ports\"}",
              "facts.jsonl:1:43: measured: expected an object {\"text\", \"start\", \"end\"} or null, got string \"ports\"");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,"
              "\"measured\":{\"start\":1,\"end\":2}}",
              "facts.jsonl:1:43: measured.text: missing required field");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,"
              "\"measured\":{\"text\":\"x\",\"start\":5,\"end\":2}}",
              "facts.jsonl:1:71: measured: end 2 is before start 5");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,"
              "\"measured\":{\"text\":\"x\",\"start\":5}}",
              "facts.jsonl:1:43: measured.end: missing (give both start and end, or neither)");
    one_error("{\"id\":\"m1\",\"doc\":\"d\",\"value\":1,"
              "\"measured\":{\"text\":\"x\",\"stat\":5}}",
              "facts.jsonl:1:62: measured.stat: unknown field; did you mean \"start\"?");
}

static void test_duplicate_id(void **state) {
    fc_diags *d = fc_diags_new();
    seen s = {0};
    (void)state;
    assert_int_equal(parse("{\"id\":\"x\",\"doc\":\"d\",\"value\":1}\n"
                           "\n"
                           "{\"id\":\"f12\",\"doc\":\"d\",\"value\":2}\n"
                           "{\"id\":\"f13\",\"doc\":\"d\",\"value\":3}\n"
                           "{\"doc\":\"d\",\"value\":4, \"id\":\"f12\"}\n",
                           &s, d),
                     FC_EINPUT);
    assert_int_equal(s.n, 3);
    assert_int_equal(fc_diags_count(d), 1);
    assert_string_equal(diag(d, 0), "facts.jsonl:5:28: id: duplicate id "
                                    "\"f12\" (first at line 3)");
    seen_free(&s);
    fc_diags_free(d);
}

static void test_many_bad_records_all_reported(void **state) {
    const char *text =
        "{\"id\":\"ok1\",\"doc\":\"d\",\"value\":1}\n"
        "{\"id\":\"bad1\",\"doc\":\"d\",\"value\":\"1\"}\n"
        "{\"id\":\"ok2\",\"doc\":\"d\",\"value\":2}\n"
        "{\"id\":\"bad2\" \"doc\":\"d\"}\n"
        "{\"id\":\"bad3\",\"doc\":\"d\",\"value\":3,\"qualifier\":\"about\"}\n"
        "{\"id\":\"ok3\",\"doc\":\"d\",\"value\":3}\n";
    fc_diags *d = fc_diags_new();
    seen s = {0};
    (void)state;
    assert_int_equal(parse(text, &s, d), FC_EINPUT);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.f[0]->id, "ok1");
    assert_string_equal(s.f[1]->id, "ok2");
    assert_string_equal(s.f[2]->id, "ok3");
    assert_int_equal(s.loc[2].line, 6);
    assert_int_equal(fc_diags_count(d), 3);
    assert_int_equal(fc_diags_errors(d), 3);
    assert_string_equal(diag(d, 0), "facts.jsonl:2:32: value: expected a "
                                    "number, got string \"1\"");
    assert_string_equal(diag(d, 1), "facts.jsonl:4:14: '}' expected near "
                                    "'\"doc\"'");
    assert_string_equal(diag(d, 2),
                        "facts.jsonl:5:46: qualifier: unknown qualifier "
                        "\"about\" (expected one of exact, approx, more_than, "
                        "at_least, less_than, at_most, nearly, range)");
    seen_free(&s);
    fc_diags_free(d);
}

static void test_record_diag_cap(void **state) {
    char text[2048];
    size_t len;
    int i;
    fc_diags *d = fc_diags_new();
    (void)state;
    len = (size_t)snprintf(text, sizeof text,
                           "{\"id\":\"a\",\"doc\":\"d\",\"value\":1");
    for (i = 0; i < 30; i++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                ",\"zz%02d\":%d", i, i);
    snprintf(text + len, sizeof text - len, "}\n{\"id\":\"b\"}");
    assert_int_equal(parse(text, NULL, d), FC_EINPUT);
    /* 20 problems, one note, then the next record's two */
    assert_int_equal(fc_diags_count(d), 23);
    assert_string_equal(fc_diags_get(d, 19)->field, "zz19");
    assert_string_equal(diag(d, 20), "facts.jsonl:1:1: more than 20 problems "
                                     "in this record; the rest are not "
                                     "reported");
    assert_string_equal(diag(d, 21),
                        "facts.jsonl:2:1: doc: missing required field");
    fc_diags_free(d);
}

/* ---- reading: JSON array mode ---------------------------------------- */

static const char array_text[] =
    "\n"
    "[\n"
    "  {\"id\": \"a1\", \"doc\": \"d\",\n"
    "   \"value\": 5},\n"
    "  {\"id\": \"a2\", \"doc\": \"d\",\n"
    "   \"value\": \"5\"},\n"
    "  {\"id\": \"a3\",\n"
    "   \"doc\": \"d\", \"value\": NaN},\n"
    "  {\"id\": \"\xC3\xA9\xE4\xB8\xAD\", \"doc\": \"d\", \"value\": 1, "
    "\"span\": {\"start\": 1, \"end\": 0}}, {\"id\":\"a5\",\"doc\":\"d\","
    "\"value\":2},\n"
    "  7,\n"
    "  {\"id\": \"a6\", \"doc\": \"d\", \"value\": 3,\n"
    "   \"span\": {\"start\": 4,\n"
    "            \"end\": 9}}\n"
    "]\n";

static void test_array_positions(void **state) {
    fc_diags *d = fc_diags_new();
    seen s = {0};
    int line, col;
    (void)state;
    assert_int_equal(parse(array_text, &s, d), FC_EINPUT);
    assert_int_equal(fc_diags_count(d), 4);
    assert_string_equal(diag(d, 0), "facts.jsonl:6:13: value: expected a "
                                    "number, got string \"5\"");
    assert_string_equal(diag(d, 1),
                        "facts.jsonl:8:25: invalid token near 'NaN'" NAN_HINT);
    assert_string_equal(diag(d, 2),
                        "facts.jsonl:9:68: span: end 0 is before start 1");
    assert_string_equal(diag(d, 3),
                        "facts.jsonl:10:3: expected an object, got number 7");
    assert_int_equal(s.n, 3);
    assert_string_equal(s.f[0]->id, "a1");
    assert_int_equal(s.loc[0].line, 3);
    assert_int_equal(s.loc[0].column, 3);
    assert_int_equal(s.loc[0].offset, strstr(array_text, "{\"id\": \"a1\"") -
                                          array_text);
    assert_string_equal(s.f[1]->id, "a5");
    assert_int_equal(s.loc[1].line, 9);
    assert_int_equal(s.loc[1].column, 73);
    assert_string_equal(s.f[2]->id, "a6");
    assert_int_equal(s.loc[2].line, 11);
    assert_int_equal(s.loc[2].column, 3);
    assert_int_equal(s.f[2]->span.end, 9);

    /* fc_loc_member: positions of members, scanning from the record */
    fc_loc_member(&s.loc[2], "value", &line, &col);
    assert_int_equal(line, 11);
    assert_int_equal(col, 37);
    fc_loc_member(&s.loc[2], "span", &line, &col);
    assert_int_equal(line, 12);
    assert_int_equal(col, 12);
    fc_loc_member(&s.loc[2], "span.end", &line, &col);
    assert_int_equal(line, 13);
    assert_int_equal(col, 20);
    fc_loc_member(&s.loc[2], "nothing", &line, &col);
    assert_int_equal(line, 11);
    assert_int_equal(col, 3);
    fc_loc_member(&s.loc[2], NULL, &line, &col);
    assert_int_equal(line, 11);
    assert_int_equal(col, 3);
    /* after a multibyte character on the same line */
    fc_loc_member(&s.loc[1], "value", &line, &col);
    assert_int_equal(line, 9);
    assert_int_equal(col, 102);
    fc_loc_member(NULL, "value", &line, &col);
    assert_int_equal(line, 0);
    assert_int_equal(col, 0);
    seen_free(&s);
    fc_diags_free(d);
}

static void test_array_structure_errors(void **state) {
    (void)state;
    /* a missing comma stops the walk after reporting */
    {
        fc_diags *d = fc_diags_new();
        seen s = {0};
        assert_int_equal(parse("[{\"id\":\"a\",\"doc\":\"d\",\"value\":1} "
                               "{\"id\":\"b\",\"doc\":\"d\",\"value\":2}]",
                               &s, d),
                         FC_EINPUT);
        assert_int_equal(s.n, 1);
        assert_int_equal(fc_diags_count(d), 1);
        assert_string_equal(diag(d, 0), "facts.jsonl:1:33: expected ',' or "
                                        "']' after an array element");
        seen_free(&s);
        fc_diags_free(d);
    }
    one_error("[{\"id\":\"b\", \"x\": [1}]",
              "facts.jsonl:1:20: ']' expected near '}'");
    one_error_n("[\n{\"id\":\"a\",\"doc\":\"d\",\"value\":1},]", 1,
              "facts.jsonl:2:32: unexpected token near ']'");
    one_error_n("[{\"id\":\"a\",\"doc\":\"d\",\"value\":1}] x", 1,
              "facts.jsonl:1:34: unexpected data after the array");
    one_error_n("[{\"id\":\"a\",\"doc\":\"d\",\"value\":1},\n", 1,
              "facts.jsonl:2:1: premature end of input (the array is not "
              "closed)");
    one_error_n("[{\"id\":\"a\",\"doc\":\"d\",\"value\":1}\n", 1,
              "facts.jsonl:2:1: premature end of input (the array is not "
              "closed)");
    one_error("[{\"id\":\"b\", \"x\": \"\t\"}]",
              "facts.jsonl:1:18: control character 0x9 near '\"'");
}

static void test_byte_order_mark(void **state) {
    (void)state;
    one_error("\xEF\xBB\xBF{\"id\":\"a\",\"doc\":\"d\",\"value\":\"x\"}",
              "facts.jsonl:1:29: value: expected a number, got string \"x\"");
    one_error("\xEF\xBB\xBF[{\"id\":\"a\",\"doc\":\"d\",\"value\":\"x\"}]",
              "facts.jsonl:1:30: value: expected a number, got string \"x\"");
}

/* ---- writing ---------------------------------------------------------- */

/* Integers past 2^53 are refused where they are written: a double would
** round them.  2^53 itself, and large numbers written with an exponent or
** a fraction, are read. */
static void test_integers_past_2_53(void **state) {
    seen s = {0};
    (void)state;
#define PAST " is past 2^53 = 9007199254740992, more than a double holds " \
             "exactly (expected an integer of at most that magnitude)"
    one_error("{\"id\":\"b1\",\"doc\":\"d\",\"value\":9007199254740993}",
              "facts.jsonl:1:30: value: integer 9007199254740993" PAST);
    one_error("{\"id\":\"b1\",\"doc\":\"d\",\"value\":-9007199254740993}",
              "facts.jsonl:1:30: value: integer -9007199254740993" PAST);
    one_error("{\"id\":\"b2\",\"doc\":\"d\",\"value\":"
              "123456789012345678901234567890123456789012345678901234567890}",
              "facts.jsonl:1:30: value: integer "
              "1234567890123456789012345678901234567890..." PAST);
    one_error("{\"id\":\"b3\",\"doc\":\"d\",\"value\":1,"
              "\"interval\":[0, 18014398509481984]}",
              "facts.jsonl:1:47: interval: integer 18014398509481984" PAST);
    one_error("{\"id\":\"b4\",\"doc\":\"d\",\"value\":1,"
              "\"span\":{\"start\":0,\"end\":9007199254740993}}",
              "facts.jsonl:1:56: span.end: integer 9007199254740993" PAST);
#undef PAST
    assert_int_equal(
        parse("{\"id\":\"c1\",\"doc\":\"d\",\"value\":9007199254740992}\n"
              "{\"id\":\"c2\",\"doc\":\"d\",\"value\":-9007199254740992}\n"
              "{\"id\":\"c3\",\"doc\":\"d\",\"value\":1e21}\n"
              "{\"id\":\"c4\",\"doc\":\"d\",\"value\":12345678901234567890.5}\n",
              &s, NULL),
        FC_OK);
    assert_int_equal(s.n, 4);
    assert_true(s.f[0]->value == 9007199254740992.0);
    assert_true(s.f[1]->value == -9007199254740992.0);
    assert_true(s.f[2]->value == 1e21);
    seen_free(&s);
}

static void test_part_of_itself(void **state) {
    seen s = {0};
    (void)state;
    one_error("{\"id\":\"p1\",\"doc\":\"d\",\"value\":1,\"part_of\":\"p1\"}",
              "facts.jsonl:1:42: part_of: a fact cannot be part of itself: "
              "\"p1\" is its own id (expected the id of another fact, or "
              "null)");
    assert_int_equal(
        parse("{\"id\":\"p1\",\"doc\":\"d\",\"value\":1,\"part_of\":\"p0\"}",
              &s, NULL),
        FC_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.f[0]->part_of, "p0");
    seen_free(&s);
}

/* Every number the writer writes reads back as the same double, and an
** integer past 2^53 is written with an exponent, so the reader takes it. */
static void test_to_json_round_trips(void **state) {
    static const double values[] = {
        0.1, 1.0 / 3, 27.7, 2.0 / 3 * 1e-300, 9007199254740992.0,
        9007199254740994.0, 12345678901234567890.0, 1.2345678901234567e22,
        -1e300, 5e-324, 0.30000000000000004};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        fc_fact *f = fc_fact_new();
        seen s = {0};
        char *j;
        fc_fact_set(&f->id, "r");
        fc_fact_set(&f->doc, "d");
        f->value = f->lo = f->hi = values[i];
        j = fc_fact_to_json(f);
        assert_non_null(j);
        if (fabs(values[i]) > 9007199254740992.0) {
            const char *v = strstr(j, "\"value\":");
            const char *end = v ? strchr(v, ',') : NULL;
            const char *e = v ? strchr(v, 'e') : NULL;
            assert_true(v && end && e && e < end);
        }
        assert_int_equal(parse(j, &s, NULL), FC_OK);
        assert_int_equal(s.n, 1);
        assert_true(s.f[0]->value == values[i]);
        seen_free(&s);
        free(j);
        fc_fact_free(f);
    }
}

static void test_to_json_exact(void **state) {
    fc_fact *f = fc_fact_new();
    char *j;
    (void)state;
    fc_fact_set(&f->id, "f1");
    fc_fact_set(&f->doc, "000");
    fc_fact_set(&f->metric, "sme.count");
    f->value = 70000;
    f->lo = 70000;
    f->hi = 80000;
    j = fc_fact_to_json(f);
    assert_string_equal(
        j, "{\"id\":\"f1\",\"doc\":\"000\",\"span\":null,\"text\":null,"
           "\"subject\":null,\"metric\":\"sme.count\","
           "\"metric_source\":null,\"confidence\":null,\"measured\":null,"
           "\"role\":null,\"basis\":null,\"population\":null,"
           "\"value\":70000,\"unit\":null,\"qualifier\":null,"
           "\"interval\":[70000,80000],\"period\":null,"
           "\"period_source\":null,\"base_period\":null,\"status\":null,"
           "\"speaker\":null,\"part_of\":null,\"context\":null}");
    free(j);
    f->span.start = 3;
    f->span.end = 12;
    f->value = 27.7;
    f->lo = 0.1;
    f->hi = 1e20;
    j = fc_fact_to_json(f);
    assert_non_null(strstr(j, "\"span\":{\"start\":3,\"end\":12},"));
    assert_non_null(strstr(j, "\"value\":27.7,"));
    assert_non_null(strstr(j, "\"interval\":[0.1,1e+20],"));
    free(j);
    f->span.line = 4;
    f->span.column = 7;
    f->value = 1.0 / 3;
    j = fc_fact_to_json(f);
    assert_non_null(
        strstr(j, "\"span\":{\"start\":3,\"end\":12,\"line\":4,\"column\":7},"));
    assert_non_null(strstr(j, "\"value\":0.3333333333333333,"));
    free(j);
    fc_fact_free(f);
}

static void test_to_json_escapes(void **state) {
    fc_fact *f = fc_fact_new();
    char *j;
    (void)state;
    fc_fact_set(&f->id, "q\"b\\n\nt\tr\rb\bf\f\x01\x1f\x7f");
    fc_fact_set(&f->doc, "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
    fc_fact_set(&f->text, "bad \xFF\xC3 end");
    j = fc_fact_to_json(f);
    assert_non_null(strstr(j, "{\"id\":\"q\\\"b\\\\n\\nt\\tr\\rb\\bf\\f"
                              "\\u0001\\u001f\x7f\","));
    assert_non_null(
        strstr(j, "\"doc\":\"\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\","));
    /* invalid UTF-8 becomes U+FFFD, so the line stays valid JSON */
    assert_non_null(strstr(j, "\"text\":\"bad \\ufffd\\ufffd end\","));
    free(j);
    fc_fact_free(f);
}

static int eq_str(const char *a, const char *b) {
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static void assert_same_fact(const fc_fact *a, const fc_fact *b) {
    assert_true(eq_str(a->id, b->id));
    assert_true(eq_str(a->doc, b->doc));
    assert_true(eq_str(a->text, b->text));
    assert_true(eq_str(a->subject, b->subject));
    assert_true(eq_str(a->metric, b->metric));
    assert_true(eq_str(a->basis, b->basis));
    assert_true(eq_str(a->unit, b->unit));
    assert_true(eq_str(a->qualifier, b->qualifier));
    assert_true(eq_str(a->period, b->period));
    assert_true(eq_str(a->status, b->status));
    assert_true(eq_str(a->speaker, b->speaker));
    assert_true(eq_str(a->part_of, b->part_of));
    assert_true(eq_str(a->context, b->context));
    assert_true(eq_str(a->role, b->role));
    assert_true(eq_str(a->measured, b->measured));
    assert_true(eq_str(a->metric_source, b->metric_source));
    assert_true(eq_str(a->population, b->population));
    assert_true(eq_str(a->period_source, b->period_source));
    assert_true(eq_str(a->base_period, b->base_period));
    assert_int_equal(a->has_confidence, b->has_confidence);
    if (a->has_confidence) assert_true(a->confidence == b->confidence);
    if (a->measured) {
        assert_int_equal(a->measured_start, b->measured_start);
        assert_int_equal(a->measured_end, b->measured_end);
    }
    assert_true(a->value == b->value);
    assert_true(a->lo == b->lo);
    assert_true(a->hi == b->hi);
    assert_int_equal(a->span.start, b->span.start);
    if (a->span.start >= 0) {
        assert_int_equal(a->span.end, b->span.end);
        assert_int_equal(a->span.line, b->span.line);
        assert_int_equal(a->span.column, b->span.column);
    }
}

static void round_trip(const fc_fact *f) {
    char *j = fc_fact_to_json(f);
    seen s = {0};
    fc_diags *d = fc_diags_new();
    assert_non_null(j);
    assert_null(strchr(j, '\n'));
    assert_int_equal(fc_facts_parse("rt", j, strlen(j), take, &s, d), FC_OK);
    assert_int_equal(fc_diags_count(d), 0);
    assert_int_equal(s.n, 1);
    assert_same_fact(f, s.f[0]);
    seen_free(&s);
    fc_diags_free(d);
    free(j);
}

static void test_round_trip(void **state) {
    static const double values[] = {
        0,     70000,  27.7,   0.1,     1.0 / 3,  -1500.25, 1e20,
        1e-7,  5e-324, 1.7976931348623157e308, 0.30000000000000004,
        123456789012345678.0, 7.058e6, -0.0};
    fc_fact *f = fc_fact_new();
    size_t i;
    (void)state;
    fc_fact_set(&f->id, "id \"with\" \\ escapes\n\t\x01 and \xC3\xA9\xE4\xB8\xAD");
    fc_fact_set(&f->doc, "000");
    fc_fact_set(&f->text, "more than 70,000 \xF0\x9F\x98\x80 / \\u0041");
    fc_fact_set(&f->subject, "china");
    fc_fact_set(&f->metric, "sme.count");
    fc_fact_set(&f->basis, "");
    fc_fact_set(&f->unit, "%");
    fc_fact_set(&f->qualifier, "approx");
    fc_fact_set(&f->period, "2021/2025");
    fc_fact_set(&f->status, "forecast");
    fc_fact_set(&f->speaker, "\x1f\x7f");
    fc_fact_set(&f->part_of, "f0");
    fc_fact_set(&f->context, "{\"not\": \"json\"}");
    fc_fact_set(&f->role, "growth");
    fc_fact_set(&f->measured, "ports with \"gigabit\" capability");
    f->measured_start = 40;
    f->measured_end = 70;
    fc_fact_set(&f->metric_source, "phrase");
    f->confidence = 0.6;
    f->has_confidence = 1;
    fc_fact_set(&f->population, "above_designated_size");
    fc_fact_set(&f->period_source, "document_date");
    fc_fact_set(&f->base_period, "2022-11");
    f->span.start = 100;
    f->span.end = 116;
    f->span.line = 3;
    f->span.column = 17;
    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        f->value = f->lo = values[i];
        f->hi = values[i] + 1;
        if (f->hi == f->value) f->hi = f->value; /* huge values */
        round_trip(f);
    }
    /* absent strings and no span */
    fc_fact_clear(f);
    fc_fact_set(&f->id, "x");
    fc_fact_set(&f->doc, "y");
    f->span.start = -1;
    f->value = f->lo = f->hi = 2;
    round_trip(f);
    fc_fact_free(f);
}

/* ---- files ------------------------------------------------------------ */

static void test_parse_file(void **state) {
    char path[] = "/tmp/test_fact_XXXXXX";
    fc_diags *d = fc_diags_new();
    seen s = {0};
    FILE *fp;
    int fd;
    const char *text = "{\"id\":\"a\",\"doc\":\"d\",\"value\":1}\n"
                       "{\"id\":\"b\",\"doc\":\"d\",\"valu\":2}\n";
    (void)state;
    fd = mkstemp(path);
    assert_true(fd >= 0);
    fp = fdopen(fd, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    fclose(fp);
    assert_int_equal(fc_facts_parse_file(path, take, &s, d), FC_EINPUT);
    assert_int_equal(s.n, 1);
    assert_int_equal(fc_diags_count(d), 2);
    assert_string_equal(fc_diags_get(d, 0)->file, path);
    assert_int_equal(fc_diags_get(d, 0)->line, 2);
    assert_string_equal(fc_diags_get(d, 0)->field, "valu");
    assert_string_equal(fc_diags_get(d, 0)->text,
                        "unknown field; did you mean \"value\"?");
    remove(path);
    seen_free(&s);
    fc_diags_clear(d);
    assert_int_equal(fc_facts_parse_file(path, take, &s, d), FC_EIO);
    assert_int_equal(fc_diags_count(d), 1);
    assert_string_equal(fc_diags_get(d, 0)->file, path);
    assert_non_null(strstr(fc_diags_get(d, 0)->text, "cannot open"));
    fc_diags_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_new_set_dup_free),
        cmocka_unit_test(test_jsonl_valid),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_no_callback_no_diags),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_wrong_type_line_17),
        cmocka_unit_test(test_type_descriptions),
        cmocka_unit_test(test_long_string_is_cut),
        cmocka_unit_test(test_multibyte_column),
        cmocka_unit_test(test_unknown_field),
        cmocka_unit_test(test_missing_required),
        cmocka_unit_test(test_id_and_doc),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_not_an_object),
        cmocka_unit_test(test_span_errors),
        cmocka_unit_test(test_interval_errors),
        cmocka_unit_test(test_qualifier_status_period),
        cmocka_unit_test(test_measure_fields),
        cmocka_unit_test(test_duplicate_id),
        cmocka_unit_test(test_many_bad_records_all_reported),
        cmocka_unit_test(test_record_diag_cap),
        cmocka_unit_test(test_array_positions),
        cmocka_unit_test(test_array_structure_errors),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_integers_past_2_53),
        cmocka_unit_test(test_part_of_itself),
        cmocka_unit_test(test_to_json_round_trips),
        cmocka_unit_test(test_to_json_exact),
        cmocka_unit_test(test_to_json_escapes),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_parse_file),
    };
    return cmocka_run_group_tests_name("fact", tests, NULL, NULL);
}
