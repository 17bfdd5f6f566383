/*
** test_report.c -- the report formats (report*.c) with hostile input.
**
** Two documents in memory hold a figure whose text carries markup
** (<script>alert(1)</script>, ]]>), double quotes, a backslash, control
** characters (U+0001, a tab, a newline) and something SARIF would read as
** an embedded link ([x](1)); the facts' other strings and the rule's
** description and message carry the same.  A rule folder written to a
** temporary folder holds one agree rule, which finds the two figures in
** conflict.  Each format is written to memory and read back:
**
**   json, sarif   parse with jansson (which refuses invalid JSON and
**                 invalid UTF-8) and every string comes back as it went in
**   text          no control character reaches the terminal
**
** and what every format shares: the advice of a finding (in JSON too), the
** verdicts of an audit, and the HTML charts' time axis (findings and
** facts made in memory).
**
** Invalid UTF-8 cannot be inside a loaded document (documents are
** validated), so it is tested where it can occur: fc_json_quote, and
** findings made in memory whose message and fact strings hold it.
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
#include <unistd.h>

#include <jansson.h>

#include "internal.h"
#include "report.h"

/* ---- the corpus ----------------------------------------------------------- */

#define RULE_ID "hostile-agree"
#define RULE_DESC                                                         \
    "Hostile <script>alert(2)</script> \"quoted\" \\ text. Second "       \
    "sentence ]]> here."
#define RULE_SHORT "Hostile <script>alert(2)</script> \"quoted\" \\ text."
#define REASON "known <b>\"ok\"</b> \\ ]]> \x01 tab\there"

/* The figure of d1 runs from "<script>" over a line break to "12". */
static const char doc1[] =
    "Report one\n"
    "He said <script>alert(1)</script> \"q\" \\ ]]> \x01\t[x](1) \n"
    "12 firms\n";
/* The figure of d2 follows two two-byte characters: column 4, byte 5. */
static const char doc2[] = "Other report\n\xC3\xA9\xC3\xA9 about 99 firms\n";

static const char subject[] = "<b>land</b> \"x\" \\";
static const char metric[] = "firms.\"count\"<i>";
static const char speaker[] = "Ann \"The\" <Voice> \\ ]]>";
static const char context[] = "ctx ]]> \x01 </script>";

typedef struct corpus {
    char dir[64];
    fc_doc *docs[2];
    fc_manifest m;      /* built by hand: its parts are freed here */
    fc_store *s;
    fc_rules *rs;
    fc_findings *fs;
    size_t a_start, a_end, b_start, b_end;
} corpus;

static corpus C;

static void put_file(const char *name, const char *text) {
    char path[256];
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", C.dir, name);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void remove_file(const char *name) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", C.dir, name);
    unlink(path);
}

/* One line of a fact file for a figure of doc at [start, end). */
static void fact_line(fc_buf *b, const char *id, const char *doc,
                      const char *text, size_t start, size_t end,
                      double value, const char *qualifier, double lo,
                      double hi) {
    char *qt = fc_strndup(text + start, end - start);
    char *t = fc_json_quote(qt), *su = fc_json_quote(subject),
         *me = fc_json_quote(metric), *sp = fc_json_quote(speaker),
         *co = fc_json_quote(context);
    assert_non_null(t);
    fc_buf_printf(b,
                  "{\"id\": \"%s\", \"doc\": \"%s\", \"span\": {\"start\": "
                  "%zu, \"end\": %zu}, \"text\": %s, \"subject\": %s, "
                  "\"metric\": %s, \"basis\": null, \"value\": %g, "
                  "\"unit\": \"count\", \"qualifier\": \"%s\", "
                  "\"interval\": [%g, %g], \"period\": \"2023\", "
                  "\"status\": \"actual\", \"speaker\": %s, \"part_of\": "
                  "null, \"context\": %s}\n",
                  id, doc, start, end, t, su, me, value, qualifier, lo, hi,
                  sp, co);
    free(qt);
    free(t);
    free(su);
    free(me);
    free(sp);
    free(co);
}

static void print_diags(const fc_diags *d) {
    size_t i;
    char line[1200];
    for (i = 0; i < fc_diags_count(d); i++) {
        fc_diag_format(fc_diags_get(d, i), line, sizeof line);
        fprintf(stderr, "  %s\n", line);
    }
}

static int setup(void **state) {
    fc_diags *d = fc_diags_new();
    const char *dirs[1];
    const char *names[1] = {"hostile.jsonl"};
    const char *bufs[1];
    size_t lens[1];
    fc_buf b;
    int rc;
    char *desc = fc_json_quote(RULE_DESC);
    fc_buf rule;
    (void)state;
    memset(&C, 0, sizeof C);
    snprintf(C.dir, sizeof C.dir, "/tmp/fc-test-report-XXXXXX");
    if (!mkdtemp(C.dir) || !d || !desc) return -1;

    fc_buf_init(&rule);
    fc_buf_printf(&rule,
                  "{\"about\": \"one agree rule, with markup in its "
                  "texts\",\n \"rules\": [{\"id\": \"" RULE_ID "\", "
                  "\"kind\": \"agree\",\n  \"description\": %s,\n"
                  "  \"select\": {\"metric\": \"*\"},\n"
                  "  \"key\": [\"metric\", \"subject\", \"basis\", "
                  "\"period\", \"status\"],\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"{a.doc} gives {a.quote} but {b.doc} "
                  "gives {b.quote} for {metric} <b>&amp;</b> ]]>\"}]}\n",
                  desc);
    free(desc);
    put_file("agree.json", rule.data);
    fc_buf_free(&rule);
    dirs[0] = C.dir;
    rc = fc_rules_load(&C.rs, dirs, 1, NULL, d);
    if (rc != FC_OK) {
        print_diags(d);
        return -1;
    }

    if (fc_doc_new_from_buffer(&C.docs[0], "d1", "d1.txt", doc1,
                               sizeof doc1 - 1, d) != FC_OK ||
        fc_doc_new_from_buffer(&C.docs[1], "d2", "sub dir/d2 é.txt", doc2,
                               sizeof doc2 - 1, d) != FC_OK)
        return -1;
    C.docs[0]->published = fc_strdup("2023-05-01");
    C.docs[1]->published = fc_strdup("2023-06-01");
    C.docs[1]->title = fc_strdup("Title <script>alert(3)</script> \"t\"");
    C.m.docs = C.docs;
    C.m.ndocs = 2;

    C.a_start = (size_t)(strstr(doc1, "<script>") - doc1);
    C.a_end = (size_t)(strstr(doc1, "12 firms") - doc1) + 2;
    C.b_start = (size_t)(strstr(doc2, "about") - doc2);
    C.b_end = C.b_start + strlen("about 99 firms");
    fc_buf_init(&b);
    fact_line(&b, "a1", "d1", doc1, C.a_start, C.a_end, 12, "exact", 12, 12);
    fact_line(&b, "b1", "d2", doc2, C.b_start, C.b_end, 99, "approx", 94,
              104);
    assert_false(b.oom);
    bufs[0] = b.data;
    lens[0] = b.len;
    rc = fc_store_open(&C.s, NULL, d);
    if (rc == FC_OK)
        rc = fc_store_load_buffers(C.s, &C.m, names, bufs, lens, 1, NULL, d);
    if (rc == FC_OK) rc = fc_check(C.s, C.rs, &C.fs, d);
    fc_buf_free(&b);
    if (rc != FC_OK) print_diags(d);
    fc_diags_free(d);
    return rc == FC_OK ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    fc_findings_free(C.fs);
    fc_store_close(C.s);
    fc_rules_free(C.rs);
    fc_doc_free(C.docs[0]);
    fc_doc_free(C.docs[1]);
    remove_file("agree.json");
    remove_file("baseline.json");
    rmdir(C.dir);
    return 0;
}

/* ---- helpers ------------------------------------------------------------- */

/* A report in memory (caller frees); *len its length. */
static char *render(const char *format, const fc_findings *fs, fc_store *s,
                    const fc_rules *rules, size_t *len) {
    char *out = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&out, &n);
    fc_report_opts o;
    fc_diags *d = fc_diags_new();
    assert_non_null(fp);
    memset(&o, 0, sizeof o);
    o.format = format;
    o.fail_on = "error";
    o.facts = 2;
    o.rules = rules;
    assert_int_equal(fc_report_write(fp, fs, s, &o, d), FC_OK);
    assert_int_equal(fclose(fp), 0);
    fc_diags_free(d);
    *len = n;
    return out;
}

/* The report parsed by jansson: it must be valid JSON in valid UTF-8. */
static json_t *parse(const char *format, const fc_findings *fs, fc_store *s,
                     const fc_rules *rules) {
    size_t len;
    char *out = render(format, fs, s, rules, &len);
    json_error_t err;
    json_t *root = json_loadb(out, len, 0, &err);
    if (!root)
        fprintf(stderr, "%s report: %d:%d: %s\n", format, err.line,
                err.column, err.text);
    assert_non_null(root);
    /* JSON escapes every control character: none is written raw */
    {
        size_t i;
        for (i = 0; i < len; i++)
            if ((unsigned char)out[i] < 0x20) assert_int_equal(out[i], '\n');
    }
    free(out);
    return root;
}

/* The string at a path of object keys and array indexes, e.g.
** get_str(root, "runs", 0, "tool", NULL): keys are strings, indexes are
** given as "#N". */
static json_t *at(json_t *v, const char *const *path) {
    for (; v && *path; path++) {
        if ((*path)[0] == '#')
            v = json_array_get(v, (size_t)strtoul(*path + 1, NULL, 10));
        else
            v = json_object_get(v, *path);
    }
    return v;
}

#define AT(root, ...) at((root), (const char *const[]){__VA_ARGS__, NULL})

static void assert_json_str(json_t *v, const char *want) {
    if (!json_is_string(v)) fail_msg("expected the string \"%s\"", want);
    assert_string_equal(json_string_value(v), want);
}

static void assert_json_int(json_t *v, long long want) {
    if (!json_is_integer(v)) fail_msg("expected the integer %lld", want);
    assert_int_equal(json_integer_value(v), want);
}

/* The message as SARIF plain text: it holds "](", so brackets and
** backslashes are escaped. */
static char *link_escaped(const char *s) {
    fc_buf b;
    fc_buf_init(&b);
    for (; *s; s++) {
        if (*s == '[' || *s == ']' || *s == '\\') fc_buf_putc(&b, '\\');
        fc_buf_putc(&b, *s);
    }
    return fc_buf_take(&b);
}

static const fc_finding *the_finding(void) {
    assert_int_equal(fc_findings_count(C.fs), 1);
    return fc_findings_get(C.fs, 0);
}

/* ---- tests: the corpus ---------------------------------------------------- */

static void test_finding_carries_the_hostile_text(void **state) {
    const fc_finding *f = the_finding();
    (void)state;
    assert_string_equal(f->rule, RULE_ID);
    assert_int_equal(f->nfacts, 2);
    assert_non_null(strstr(f->message, "<script>alert(1)</script>"));
    assert_non_null(strstr(f->message, "\x01"));
    assert_non_null(strstr(f->message, "[x](1)"));
    assert_non_null(strstr(f->message, "<b>&amp;</b> ]]>"));
}

static void test_json_round_trips_every_string(void **state) {
    const fc_finding *f = the_finding();
    json_t *root = parse("json", C.fs, C.s, C.rs), *facts;
    size_t k;
    (void)state;
    assert_json_int(AT(root, "version"), 2);
    assert_json_str(AT(root, "findings", "#0", "id"), f->id);
    assert_json_str(AT(root, "findings", "#0", "rule"), RULE_ID);
    assert_json_str(AT(root, "findings", "#0", "message"), f->message);
    facts = AT(root, "findings", "#0", "facts");
    assert_int_equal(json_array_size(facts), 2);
    for (k = 0; k < 2; k++) {
        json_t *j = json_array_get(facts, k);
        const fc_fact *x = f->facts[k];
        assert_json_str(json_object_get(j, "id"), x->id);
        assert_json_str(json_object_get(j, "text"), x->text);
        assert_json_str(json_object_get(j, "subject"), subject);
        assert_json_str(json_object_get(j, "metric"), metric);
        assert_json_str(json_object_get(j, "speaker"), speaker);
        assert_json_str(json_object_get(j, "context"), context);
        /* the part in the finding and the figure's role are two keys */
        if (f->roles[k])
            assert_json_str(json_object_get(j, "finding_role"), f->roles[k]);
        else
            assert_true(json_is_null(json_object_get(j, "finding_role")));
        assert_non_null(json_object_get(j, "role"));
    }
    /* the figure of d1, with its control characters, came through whole */
    {
        char *want = fc_strndup(doc1 + C.a_start, C.a_end - C.a_start);
        const char *got = json_string_value(
            AT(root, "findings", "#0", "facts", !strcmp(f->facts[0]->id, "a1")
                                                    ? "#0"
                                                    : "#1",
               "text"));
        assert_non_null(got);
        assert_string_equal(got, want);
        free(want);
    }
    assert_json_int(AT(root, "summary", "findings"), 1);
    assert_json_int(AT(root, "summary", "by_rule", RULE_ID), 1);
    json_decref(root);
}

/* Region, snippet and message of the location of fact k. */
static void check_location(json_t *loc, const fc_finding *f, size_t k) {
    const fc_fact *x = f->facts[k];
    int is_a = !strcmp(x->id, "a1");
    json_t *pl = json_object_get(loc, "physicalLocation");
    json_t *region = json_object_get(pl, "region");
    json_t *msg = AT(loc, "message", "text");
    assert_json_int(json_object_get(loc, "id"), (long long)k + 1);
    assert_json_str(AT(pl, "artifactLocation", "uri"),
                    is_a ? "d1.txt" : "sub%20dir/d2%20%C3%A9.txt");
    assert_json_str(AT(pl, "artifactLocation", "uriBaseId"), "DOCROOT");
    assert_json_str(AT(region, "snippet", "text"), x->text);
    assert_json_int(json_object_get(region, "byteOffset"),
                    (long long)(is_a ? C.a_start : C.b_start));
    assert_json_int(json_object_get(region, "byteLength"),
                    (long long)(is_a ? C.a_end - C.a_start
                                     : C.b_end - C.b_start));
    if (is_a) {
        /* "He said " is 8 characters; the figure ends after "12" */
        assert_json_int(json_object_get(region, "startLine"), 2);
        assert_json_int(json_object_get(region, "startColumn"), 9);
        assert_json_int(json_object_get(region, "endLine"), 3);
        assert_json_int(json_object_get(region, "endColumn"), 3);
    } else {
        /* after two two-byte characters and a space: code point 4 */
        assert_json_int(json_object_get(region, "startLine"), 2);
        assert_json_int(json_object_get(region, "startColumn"), 4);
        assert_json_int(json_object_get(region, "endLine"), 2);
        assert_json_int(json_object_get(region, "endColumn"), 18);
    }
    assert_true(json_is_string(msg));
    assert_non_null(strstr(json_string_value(msg), x->text));
    if (f->roles[k])
        assert_int_equal(strncmp(json_string_value(msg), f->roles[k],
                                 strlen(f->roles[k])),
                         0);
    assert_json_str(AT(loc, "properties", "fact"), x->id);
}

static void test_sarif_round_trips_every_string(void **state) {
    const fc_finding *f = the_finding();
    json_t *root = parse("sarif", C.fs, C.s, C.rs);
    json_t *run = AT(root, "runs", "#0"), *res = AT(run, "results", "#0");
    char *escaped = link_escaped(f->message);
    size_t i;
    (void)state;
    assert_json_str(AT(root, "version"), "2.1.0");
    assert_int_equal(json_array_size(json_object_get(root, "runs")), 1);
    assert_json_str(AT(run, "columnKind"), "unicodeCodePoints");
    assert_json_str(AT(run, "tool", "driver", "name"), "factcheck");
    assert_json_str(AT(run, "tool", "driver", "version"), FC_VERSION);
    /* the rule, described from the rules given */
    assert_json_str(AT(run, "tool", "driver", "rules", "#0", "id"), RULE_ID);
    assert_json_str(AT(run, "tool", "driver", "rules", "#0",
                       "fullDescription", "text"),
                    RULE_DESC);
    assert_json_str(AT(run, "tool", "driver", "rules", "#0",
                       "shortDescription", "text"),
                    RULE_SHORT);
    assert_json_str(AT(run, "tool", "driver", "rules", "#0",
                       "defaultConfiguration", "level"),
                    "error");
    /* the result */
    assert_json_str(AT(res, "ruleId"), RULE_ID);
    assert_json_int(AT(res, "ruleIndex"), 0);
    assert_json_str(AT(res, "level"), "error");
    assert_json_str(AT(res, "message", "text"), escaped);
    assert_json_str(AT(res, "partialFingerprints", "factcheckFindingId/v1"),
                    f->id);
    assert_json_str(AT(res, "properties", "type"), f->type);
    assert_json_str(AT(res, "properties", "kind"), "agree");
    assert_true(json_is_false(AT(res, "properties", "baselined")));
    assert_null(AT(res, "suppressions"));
    check_location(AT(res, "locations", "#0"), f, 0);
    check_location(AT(res, "relatedLocations", "#0"), f, 1);
    /* the artifacts: the documents, with their hashes */
    assert_int_equal(json_array_size(json_object_get(run, "artifacts")), 2);
    for (i = 0; i < 2; i++) {
        json_t *a = AT(run, "artifacts", i ? "#1" : "#0");
        assert_json_str(AT(a, "properties", "doc"), C.docs[i]->id);
        assert_json_str(AT(a, "hashes", "sha-256"), C.docs[i]->sha256);
        assert_json_int(AT(a, "length"), (long long)C.docs[i]->len);
    }
    assert_json_str(AT(run, "artifacts", "#1", "description", "text"),
                    "Title <script>alert(3)</script> \"t\"");
    free(escaped);
    json_decref(root);
}

static void test_sarif_without_rules_names_rules_by_finding(void **state) {
    json_t *root = parse("sarif", C.fs, C.s, NULL);
    json_t *rule = AT(root, "runs", "#0", "tool", "driver", "rules", "#0");
    (void)state;
    assert_int_equal(
        json_array_size(AT(root, "runs", "#0", "tool", "driver", "rules")),
        1);
    assert_json_str(AT(rule, "id"), RULE_ID);
    assert_json_str(AT(rule, "shortDescription", "text"),
                    "agree rule " RULE_ID);
    assert_null(AT(rule, "fullDescription"));
    assert_json_str(AT(rule, "defaultConfiguration", "level"), "error");
    assert_json_str(AT(rule, "properties", "kind"), "agree");
    json_decref(root);
}

static void test_text_prints_no_control_characters(void **state) {
    size_t len, i, lines = 0;
    char *out = render("text", C.fs, C.s, C.rs, &len);
    (void)state;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)out[i];
        if (c == '\n') {
            lines++;
            continue;
        }
        if (c < 0x20 || c == 0x7f)
            fail_msg("control character 0x%02x at byte %zu of:\n%s", c, i,
                     out);
    }
    /* the message on one line, two quotes of two lines, the link, what
       to do, the summary */
    assert_non_null(strstr(out, "<script>alert(1)</script>"));
    assert_non_null(strstr(out, "1 finding: 1 error"));
    assert_non_null(strstr(out, "  = linked: the same metric: "));
    assert_non_null(strstr(out, "  = do: check which figure the source "
                                "published"));
    assert_int_equal(lines, 1 + 2 * 2 + 1 + 1 + 1 + 1 + 1);
    free(out);
}

static void test_baselined_finding_is_a_suppressed_result(void **state) {
    const fc_finding *f = the_finding();
    fc_baseline *bl = NULL;
    fc_diags *d = fc_diags_new();
    fc_buf b;
    char path[128];
    char *reason = fc_json_quote(REASON);
    json_t *root, *sup;
    (void)state;
    fc_buf_init(&b);
    fc_buf_printf(&b, "{\"version\": 1, \"accepted\": [{\"id\": \"%s\", "
                      "\"reason\": %s}]}\n",
                  f->id, reason);
    free(reason);
    put_file("baseline.json", b.data);
    fc_buf_free(&b);
    snprintf(path, sizeof path, "%s/baseline.json", C.dir);
    assert_int_equal(fc_baseline_load(&bl, path, d), FC_OK);
    assert_int_equal(fc_baseline_apply(bl, C.fs, "2024-01-01"), 1);

    root = parse("sarif", C.fs, C.s, C.rs);
    sup = AT(root, "runs", "#0", "results", "#0", "suppressions", "#0");
    assert_json_str(AT(sup, "kind"), "external");
    assert_json_str(AT(sup, "justification"), REASON);
    assert_true(json_is_true(
        AT(root, "runs", "#0", "results", "#0", "properties", "baselined")));
    json_decref(root);

    root = parse("json", C.fs, C.s, C.rs);
    assert_int_equal(json_array_size(AT(root, "findings")), 0);
    assert_json_int(AT(root, "summary", "baselined"), 1);
    json_decref(root);

    fc_findings_at(C.fs, 0)->baselined = 0; /* as the other tests expect */
    fc_baseline_free(bl);
    fc_diags_free(d);
}

/* ---- tests: invalid UTF-8 ------------------------------------------------- */

static void test_json_quote_replaces_invalid_utf8(void **state) {
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"a\xFF" "b", "a\xEF\xBF\xBD" "b"},                  /* stray byte */
        {"a\xC3", "a\xEF\xBF\xBD"},                          /* cut at end */
        {"\xE2\x82", "\xEF\xBF\xBD\xEF\xBF\xBD"},            /* cut, 2 bytes */
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},            /* overlong */
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* surrogate */
        {"\x80x", "\xEF\xBF\xBDx"},                          /* continuation */
        {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"},
        {"\x01\t\n\r\x1F\x7F\"\\/", "\x01\t\n\r\x1F\x7F\"\\/"},
        {"</script>]]>", "</script>]]>"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *q = fc_json_quote(cases[i].in);
        json_error_t err;
        json_t *v;
        assert_non_null(q);
        v = json_loads(q, JSON_DECODE_ANY, &err);
        if (!v) fail_msg("case %zu: %s is not JSON: %s", i, q, err.text);
        assert_true(json_is_string(v));
        assert_string_equal(json_string_value(v), cases[i].out);
        json_decref(v);
        free(q);
    }
    {
        char *q = fc_json_quote(NULL);
        assert_string_equal(q, "\"\"");
        free(q);
    }
}

/* Findings made in memory can carry invalid UTF-8 (nothing validated
** them); every format must still write valid output.  The document is
** not in the store, so SARIF names it by its id, as a URI. */
static void test_invalid_utf8_in_findings(void **state) {
    fc_findings *fs = fc_findings_new();
    fc_fact *x = fc_fact_new();
    const char *roles[1] = {"checked"};
    json_t *root, *res;
    size_t len, i;
    char *text;
    (void)state;
    assert_non_null(fs);
    assert_non_null(x);
    fc_fact_set(&x->id, "x\xFF");
    fc_fact_set(&x->doc, "d 3/\xC3\xA9:x");
    fc_fact_set(&x->text, "bad \xFF\xFE <script>");
    fc_fact_set(&x->metric, "m\xC3");
    x->span.start = 0;
    x->span.end = 5;
    x->span.line = 1;
    x->span.column = 1;
    x->value = x->lo = x->hi = 1;
    assert_int_equal(fc_findings_append(fs, "r\xFF", "agree", FC_TYPE_VALUE_CONFLICT,
                                        "warning", "msg \xC3 \xED\xA0\x80 [a](b)",
                                        &x, roles, 1),
                     FC_OK);

    root = parse("json", fs, NULL, NULL);
    assert_json_str(AT(root, "findings", "#0", "message"),
                    "msg \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD [a](b)");
    assert_json_str(AT(root, "findings", "#0", "facts", "#0", "text"),
                    "bad \xEF\xBF\xBD\xEF\xBF\xBD <script>");
    json_decref(root);

    root = parse("sarif", fs, NULL, NULL);
    res = AT(root, "runs", "#0", "results", "#0");
    assert_json_str(AT(res, "message", "text"),
                    "msg \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                    "\\[a\\](b)");
    assert_json_str(AT(res, "level"), "warning");
    assert_json_str(AT(res, "locations", "#0", "physicalLocation",
                       "artifactLocation", "uri"),
                    "d%203/%C3%A9%3Ax");
    assert_json_int(AT(res, "locations", "#0", "physicalLocation", "region",
                       "startLine"),
                    1);
    assert_json_int(AT(res, "locations", "#0", "physicalLocation", "region",
                       "byteLength"),
                    5);
    json_decref(root);

    text = render("text", fs, NULL, NULL, &len);
    for (i = 0; i < len; i++)
        if ((unsigned char)text[i] < 0x20 && text[i] != '\n')
            fail_msg("control character at byte %zu", i);
    free(text);
    fc_fact_free(x);
    fc_findings_free(fs);
}

/* An absolute document path is a file: URI, with no base id. */
static void test_sarif_absolute_path_is_a_file_uri(void **state) {
    fc_findings *fs = fc_findings_new();
    fc_fact *x = fc_fact_new();
    fc_store *s = NULL;
    fc_doc *doc = NULL;
    fc_manifest m;
    const char *names[1] = {"f.jsonl"};
    const char *bufs[1] = {"{\"id\": \"y\", \"doc\": \"abs\", \"value\": 3}\n"};
    size_t lens[1];
    json_t *root, *al;
    (void)state;
    lens[0] = strlen(bufs[0]);
    assert_int_equal(fc_doc_new_from_buffer(&doc, "abs", "/srv/x y.txt", "3\n",
                                            2, NULL),
                     FC_OK);
    memset(&m, 0, sizeof m);
    m.docs = &doc;
    m.ndocs = 1;
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(
        fc_store_load_buffers(s, &m, names, bufs, lens, 1, NULL, NULL), FC_OK);
    fc_fact_set(&x->id, "y");
    fc_fact_set(&x->doc, "abs");
    x->span.start = 0;
    x->span.end = 1;
    x->value = x->lo = x->hi = 3;
    assert_int_equal(fc_findings_append(fs, "r", "bound", FC_TYPE_SHARE_RANGE,
                                        "info", "m", &x, NULL, 1),
                     FC_OK);
    root = parse("sarif", fs, s, NULL);
    al = AT(root, "runs", "#0", "results", "#0", "locations", "#0",
            "physicalLocation", "artifactLocation");
    assert_json_str(AT(al, "uri"), "file:///srv/x%20y.txt");
    assert_null(AT(al, "uriBaseId"));
    assert_json_str(AT(root, "runs", "#0", "results", "#0", "level"), "note");
    assert_json_str(AT(root, "runs", "#0", "results", "#0", "locations", "#0",
                       "physicalLocation", "region", "snippet", "text"),
                    "3");
    json_decref(root);
    fc_fact_free(x);
    fc_findings_free(fs);
    fc_store_close(s);
    fc_doc_free(doc);
}

/* ---- tests: advice, verdicts, the time axis -------------------------------- */

/* What to do, for errors and warnings: in the JSON report as "advice",
** the advice of the finding's type; nothing for information, nor for a
** type without advice. */
static void test_json_advice(void **state) {
    fc_findings *fs = fc_findings_new();
    fc_fact *x = fc_fact_new();
    json_t *root;
    (void)state;
    assert_string_equal(the_finding()->type, FC_TYPE_VALUE_CONFLICT);
    root = parse("json", C.fs, C.s, C.rs);
    assert_json_str(AT(root, "findings", "#0", "advice"),
                    "check which figure the source published, and correct "
                    "the other");
    json_decref(root);

    assert_non_null(fs);
    assert_non_null(x);
    fc_fact_set(&x->id, "x");
    fc_fact_set(&x->doc, "d");
    x->value = x->lo = x->hi = 1;
    assert_int_equal(fc_findings_append(fs, "r1", "agree", FC_TYPE_ROUNDING,
                                        "warning", "m1", &x, NULL, 1), FC_OK);
    assert_int_equal(fc_findings_append(fs, "r2", "agree",
                                        FC_TYPE_VALUE_CONFLICT, "info", "m2",
                                        &x, NULL, 1), FC_OK);
    assert_int_equal(fc_findings_append(fs, "r3", "target", FC_TYPE_TARGET_MET,
                                        "error", "m3", &x, NULL, 1), FC_OK);
    assert_string_equal(rp_finding_advice(fc_findings_get(fs, 0)),
                        rp_type_advice(FC_TYPE_ROUNDING));
    assert_null(rp_finding_advice(fc_findings_get(fs, 1)));
    assert_null(rp_finding_advice(fc_findings_get(fs, 2)));
    assert_null(rp_finding_advice(NULL));
    root = parse("json", fs, NULL, NULL);
    assert_json_str(AT(root, "findings", "#0", "rule"), "r1");
    assert_json_str(AT(root, "findings", "#0", "advice"),
                    rp_type_advice(FC_TYPE_ROUNDING));
    assert_json_str(AT(root, "findings", "#1", "rule"), "r2");
    assert_null(AT(root, "findings", "#1", "advice"));
    assert_json_str(AT(root, "findings", "#2", "rule"), "r3");
    assert_null(AT(root, "findings", "#2", "advice"));
    json_decref(root);
    fc_fact_free(x);
    fc_findings_free(fs);
}

/* An audit's verdict on a figure from its finding's type; findings of
** other kinds (the rules on the draft itself) give none. */
static void test_audit_verdicts(void **state) {
    static const struct { const char *kind, *type, *verdict; } cases[] = {
        {"audit", "supported", "supported"},
        {"audit", FC_TYPE_PERIOD_DIFFERENCE, "stale"},
        {"audit", FC_TYPE_VALUE_CONFLICT, "contradicted"},
        {"audit", FC_TYPE_BASIS_MISMATCH, "confused"},
        {"audit", FC_TYPE_POPULATION, "confused"},
        {"audit", FC_TYPE_SCALE_SLIP, "slip"},
        {"audit", FC_TYPE_ROUNDING, "rounding"},
        {"audit", "unsupported", "unsupported"},
        {"audit", FC_TYPE_STREAK, NULL},
        {"agree", FC_TYPE_VALUE_CONFLICT, NULL},
        {"stale", FC_TYPE_PERIOD_DIFFERENCE, NULL},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fc_finding f;
        const char *v;
        memset(&f, 0, sizeof f);
        f.kind = cases[i].kind;
        f.type = cases[i].type;
        f.severity = "info";
        v = rp_audit_verdict(&f);
        if (cases[i].verdict)
            assert_string_equal(v, cases[i].verdict);
        else
            assert_null(v);
    }
    assert_null(rp_audit_verdict(NULL));
}

/* The x of the dot of the point whose period starts at `first` in the
** chart of metric m (an HTML report). */
static double point_x(const char *html, const char *m, const char *first) {
    char h3[128], attr[64];
    const char *c, *p, *end;
    snprintf(h3, sizeof h3, "<h3>%s</h3>", m);
    snprintf(attr, sizeof attr, "data-first=\"%s\"", first);
    c = strstr(html, h3);
    if (!c) fail_msg("no chart of %s", m);
    end = strstr(c, "</figure>");
    p = strstr(c, attr);
    if (!p || (end && p > end)) fail_msg("no point of %s in %s", first, m);
    p = strstr(p, "class=\"v\" cx=\"");
    assert_non_null(p);
    return strtod(p + strlen("class=\"v\" cx=\""), NULL);
}

/* The middle of a period in days. */
static double mid_days(const char *first, const char *last) {
    return ((double)fc_date_days(first) + (double)fc_date_days(last) + 1) / 2;
}

/* The HTML charts put each figure at the middle of its period on a time
** axis in proportion to time (not evenly, one period after another), and
** draw only the metrics of findings. */
static void test_html_time_axis(void **state) {
    static const char facts[] =
        "{\"id\": \"a\", \"doc\": \"p\", \"metric\": \"m.count\", \"subject\": \"x\", \"unit\": \"count\", \"value\": 10, \"period\": \"2020\"}\n"
        "{\"id\": \"b\", \"doc\": \"p\", \"metric\": \"m.count\", \"subject\": \"x\", \"unit\": \"count\", \"value\": 12, \"period\": \"2021\"}\n"
        "{\"id\": \"c\", \"doc\": \"q\", \"metric\": \"m.count\", \"subject\": \"x\", \"unit\": \"count\", \"value\": 15, \"period\": \"2023\"}\n"
        "{\"id\": \"d\", \"doc\": \"q\", \"metric\": \"m.count\", \"subject\": \"x\", \"unit\": \"count\", \"value\": 13, \"period\": \"as-of 2022-04-01\"}\n"
        "{\"id\": \"e\", \"doc\": \"p\", \"metric\": \"other.count\", \"subject\": \"x\", \"unit\": \"count\", \"value\": 5, \"period\": \"2021\"}\n"
        "{\"id\": \"f\", \"doc\": \"q\", \"metric\": \"other.count\", \"subject\": \"x\", \"unit\": \"count\", \"value\": 9, \"period\": \"2022\"}\n";
    const char *names[1] = {"f.jsonl"}, *bufs[1] = {facts};
    size_t lens[1] = {sizeof facts - 1}, len;
    fc_store *s = NULL;
    fc_findings *fs = fc_findings_new();
    fc_fact *x = fc_fact_new();
    fc_diags *d = fc_diags_new();
    double x20, x21, x23, xd, t20, slope;
    char *html;
    (void)state;
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    if (fc_store_load_buffers(s, NULL, names, bufs, lens, 1, NULL, d) != FC_OK)
        print_diags(d);
    assert_int_equal(fc_store_fact_count(s), 6);
    fc_fact_set(&x->id, "c");
    fc_fact_set(&x->doc, "q");
    fc_fact_set(&x->metric, "m.count");
    fc_fact_set(&x->period, "2023");
    x->value = x->lo = x->hi = 15;
    assert_int_equal(fc_findings_append(fs, "r", "trend", FC_TYPE_GROWTH,
                                        "warning", "m", &x, NULL, 1), FC_OK);
    html = render("html", fs, s, NULL, &len);
    assert_null(strstr(html, "<h3>other.count</h3>"));
    x20 = point_x(html, "m.count", "2020-01-01");
    x21 = point_x(html, "m.count", "2021-01-01");
    x23 = point_x(html, "m.count", "2023-01-01");
    xd = point_x(html, "m.count", "2022-04-01");
    t20 = mid_days("2020-01-01", "2020-12-31");
    slope = (x23 - x20) / (mid_days("2023-01-01", "2023-12-31") - t20);
    assert_true(slope > 0);
    /* two years from 2021 to 2023, one from 2020 to 2021: not even */
    assert_true(fabs(x21 - (x20 + (mid_days("2021-01-01", "2021-12-31") - t20) * slope)) < 0.2);
    assert_true(fabs(xd - (x20 + (mid_days("2022-04-01", "2022-04-01") - t20) * slope)) < 0.2);
    assert_true(x23 - x21 > 1.9 * (x21 - x20));
    /* the year lines carry their dates, on the same scale */
    {
        const char *y = strstr(html, "data-date=\"2022-01-01\" x1=\"");
        assert_non_null(y);
        assert_true(fabs(strtod(y + strlen("data-date=\"2022-01-01\" x1=\""), NULL) -
                         (x20 + ((double)fc_date_days("2022-01-01") - t20) * slope)) < 0.2);
    }
    free(html);
    fc_fact_free(x);
    fc_findings_free(fs);
    fc_store_close(s);
    fc_diags_free(d);
}

static void test_formats_list_sarif(void **state) {
    const char *const *f = fc_report_formats();
    int seen = 0;
    (void)state;
    for (; *f; f++) seen |= !strcmp(*f, "sarif");
    assert_true(seen);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finding_carries_the_hostile_text),
        cmocka_unit_test(test_json_round_trips_every_string),
        cmocka_unit_test(test_sarif_round_trips_every_string),
        cmocka_unit_test(test_sarif_without_rules_names_rules_by_finding),
        cmocka_unit_test(test_text_prints_no_control_characters),
        cmocka_unit_test(test_baselined_finding_is_a_suppressed_result),
        cmocka_unit_test(test_json_quote_replaces_invalid_utf8),
        cmocka_unit_test(test_invalid_utf8_in_findings),
        cmocka_unit_test(test_sarif_absolute_path_is_a_file_uri),
        cmocka_unit_test(test_formats_list_sarif),
        cmocka_unit_test(test_json_advice),
        cmocka_unit_test(test_audit_verdicts),
        cmocka_unit_test(test_html_time_axis),
    };
    return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
