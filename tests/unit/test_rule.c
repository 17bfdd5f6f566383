/*
** test_rule.c -- loading consistency rules (rule.c): the real rules/ folder
** loads cleanly, fc_rules_get describes each rule, and every kind of mistake
** in a rule file is reported at its file, line and column with the exact
** message, as fc_diag_format prints it.
**
** Each test writes one small rule file (sometimes two) into a fresh
** temporary folder and loads that folder.  The files put each field on a
** line of its own, so that a value's column is easy to count: a field
** written as
**       "kind": "agre",
** (two spaces of indent) has its value at column 7 + strlen("kind") = 11.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "factcheck.h"

/* ---- helpers ------------------------------------------------------------ */

static char dir[64];          /* the running test's folder */
static fc_diags *held;        /* freed by the teardown, even on failure */
static fc_rules *held_rules;

static int make_dir(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fc-test-rule-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    held = NULL;
    held_rules = NULL;
    return 0;
}

/* Remove a folder and what it holds (files and folders of files). */
static void remove_tree(const char *path) {
    DIR *dp = opendir(path);
    struct dirent *de;
    char sub[512];
    struct stat st;
    if (!dp) return;
    while ((de = readdir(dp)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
        snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
        if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(sub);
        else
            unlink(sub);
    }
    closedir(dp);
    rmdir(path);
}

static int drop_dir(void **state) {
    (void)state;
    fc_diags_free(held);
    fc_rules_free(held_rules);
    held = NULL;
    held_rules = NULL;
    remove_tree(dir);
    return 0;
}

/* Write text to the file `name` of the test's folder (name may name a
** subfolder, which is created). */
static void put(const char *name, const char *text) {
    char path[512];
    const char *slash = strchr(name, '/');
    FILE *fp;
    if (slash) {
        snprintf(path, sizeof path, "%s/%.*s", dir, (int)(slash - name), name);
        mkdir(path, 0700);
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
}

static fc_diags *new_diags(void) {
    fc_diags *d = fc_diags_new();
    assert_non_null(d);
    fc_diags_free(held);
    held = d;
    return d;
}

/* Load the test's folder. */
static int load(fc_rules **rs, fc_diags *d) {
    const char *dirs[1];
    int st;
    dirs[0] = dir;
    st = fc_rules_load(rs, dirs, 1, NULL, d);
    held_rules = *rs;
    return st;
}

/* want with every "{D}" replaced by the test's folder. */
static void expand(const char *want, char *out, size_t size) {
    size_t o = 0;
    while (*want && o + 1 < size) {
        if (!strncmp(want, "{D}", 3)) {
            size_t n = strlen(dir);
            assert_true(o + n < size);
            memcpy(out + o, dir, n);
            o += n;
            want += 3;
        } else {
            out[o++] = *want++;
        }
    }
    out[o] = '\0';
}

/* The diagnostics must be exactly want (NULL-terminated), in order; each
** expected line is "{D}/FILE:LINE:COLUMN: FIELD: MESSAGE". */
static void expect_diags(const fc_diags *d, const char *const *want) {
    size_t n = 0, i;
    char got[1400], exp[1400];
    while (want[n]) n++;
    if (fc_diags_count(d) != n) {
        for (i = 0; i < fc_diags_count(d); i++) {
            fc_diag_format(fc_diags_get(d, i), got, sizeof got);
            print_message("got: %s\n", got);
        }
    }
    assert_int_equal(fc_diags_count(d), n);
    for (i = 0; i < n; i++) {
        fc_diag_format(fc_diags_get(d, i), got, sizeof got);
        expand(want[i], exp, sizeof exp);
        assert_string_equal(got, exp);
    }
}

/* Write text as r.json, load the folder, expect it to fail with exactly
** the diagnostics want and no rules. */
static void expect_errors(const char *text, const char *const *want) {
    fc_diags *d = new_diags();
    fc_rules *rs = (fc_rules *)(void *)&rs; /* must become NULL */
    put("r.json", text);
    assert_int_equal(load(&rs, d), FC_EINPUT);
    assert_null(rs);
    expect_diags(d, want);
    assert_int_equal(fc_diags_errors(d), fc_diags_count(d));
}

/* Write text as r.json and expect it to load, with no diagnostics. */
static fc_rules *expect_ok(const char *text) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    char got[1400];
    put("r.json", text);
    if (load(&rs, d) != FC_OK || fc_diags_count(d)) {
        size_t i;
        for (i = 0; i < fc_diags_count(d); i++) {
            fc_diag_format(fc_diags_get(d, i), got, sizeof got);
            print_message("got: %s\n", got);
        }
        fail_msg("the rule file should load");
    }
    assert_non_null(rs);
    return rs;
}

/* ---- the real rules -------------------------------------------------------- */

static char *slurp(const char *path) {
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
    return buf;
}

/* The line of the '{' that opens the rule whose "id" is `id`. */
static int rule_line(const char *text, const char *id) {
    char needle[256];
    const char *at, *p;
    int line = 1;
    snprintf(needle, sizeof needle, "\"id\": \"%s\"", id);
    at = strstr(text, needle);
    assert_non_null(at);
    while (at > text && *at != '{') at--;
    for (p = text; p < at; p++)
        if (*p == '\n') line++;
    return line;
}

static int name_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* rules/ loads with no diagnostic; the rules are those of its files, in
** file-name order and then file order, with their kind, severity,
** description, file and line as written. */
/* Append the .json files of dir to names[n..], sorted, as paths; the new
** count. */
static size_t json_files(const char *folder, char **names, size_t n) {
    DIR *dp = opendir(folder);
    struct dirent *de;
    size_t first = n;
    assert_non_null(dp);
    while ((de = readdir(dp)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len > 5 && !strcmp(de->d_name + len - 5, ".json")) {
            char path[1024];
            int w;
            assert_true(n < 64);
            w = snprintf(path, sizeof path, "%s/%s", folder, de->d_name);
            assert_true(w > 0 && (size_t)w < sizeof path);
            names[n++] = strdup(path);
        }
    }
    closedir(dp);
    qsort(names + first, n - first, sizeof *names, name_cmp);
    return n;
}

static void test_real_rules_load(void **state) {
    const char *dirs[1] = {"rules"};
    fc_diags *d = new_diags();
    fc_lexicon *lx = NULL;
    fc_rules *rs = NULL;
    DIR *dp;
    struct dirent *de;
    char *names[64];
    size_t nnames = 0, i, k, at = 0;
    (void)state;
    assert_int_equal(fc_lexicon_load(&lx, "rules", d), FC_OK);
    assert_int_equal(fc_rules_load(&rs, dirs, 1, lx, d), FC_OK);
    held_rules = rs;
    assert_int_equal(fc_diags_count(d), 0);
    /* the folder's own files, then each domain's, by name */
    nnames = json_files("rules", names, 0);
    assert_true(nnames >= 4); /* agree, arithmetic, basis, time */
    dp = opendir("rules/domains");
    assert_non_null(dp);
    {
        char *domains[16];
        size_t nd = 0, j;
        while ((de = readdir(dp)) != NULL)
            if (de->d_name[0] != '.') {
                assert_true(nd < 16);
                domains[nd++] = strdup(de->d_name);
            }
        qsort(domains, nd, sizeof *domains, name_cmp);
        assert_true(nd >= 1); /* china-industry */
        for (j = 0; j < nd; j++) {
            char sub[512];
            int w = snprintf(sub, sizeof sub, "rules/domains/%s", domains[j]);
            assert_true(w > 0 && (size_t)w < sizeof sub);
            nnames = json_files(sub, names, nnames);
            free(domains[j]);
        }
    }
    closedir(dp);
    for (i = 0; i < nnames; i++) {
        char *path = names[i];
        char *text;
        json_t *root, *list;
        json_error_t err;
        text = slurp(path);
        root = json_loads(text, 0, &err);
        assert_non_null(root);
        list = json_object_get(root, "rules");
        assert_true(json_is_array(list));
        for (k = 0; k < json_array_size(list); k++, at++) {
            json_t *r = json_array_get(list, k);
            fc_rule_info ri;
            assert_int_equal(fc_rules_get(rs, at, &ri), FC_OK);
            assert_string_equal(ri.id,
                                json_string_value(json_object_get(r, "id")));
            assert_string_equal(ri.kind, json_string_value(
                                             json_object_get(r, "kind")));
            assert_string_equal(ri.severity, json_string_value(json_object_get(
                                                 r, "severity")));
            assert_string_equal(ri.description,
                                json_string_value(
                                    json_object_get(r, "description")));
            assert_string_equal(ri.file, path);
            assert_int_equal(ri.line, rule_line(text, ri.id));
        }
        json_decref(root);
        free(text);
        free(names[i]);
    }
    assert_int_equal(fc_rules_count(rs), at);
    assert_true(at >= 11);
    fc_lexicon_free(lx);
}

/* One rule of each kind, with every placeholder its kind provides, loads
** without a word. */
static void test_every_kind_loads(void **state) {
    fc_rules *rs;
    fc_rule_info ri;
    static const char *const kinds[] = {
        "agree", "basis", "basis", "trend", "trend", "bound", "bound",
        "bound", "bound", "derive", "derive", "target", "stale", "text"};
    size_t i;
    (void)state;
    rs = expect_ok(
        "{\"about\": \"one rule of each kind\", \"rules\": [\n"
        " {\"id\": \"k-agree\", \"kind\": \"agree\", \"description\": \"d\",\n"
        "  \"select\": {\"metric\": \"*.count\", \"subject\": \"x\", "
        "\"basis\": \"gdp\", \"period\": \"2023\", \"status\": \"actual\", "
        "\"unit\": \"count\", \"doc\": \"d1\"},\n"
        "  \"key\": [\"metric\", \"subject\", \"basis\", \"period\", "
        "\"status\", \"unit\", \"doc\"],\n"
        "  \"as_of_days\": 3, \"tolerance\": {\"abs\": 0.5, \"rel\": 0.01},\n"
        "  \"severity\": \"warning\", \"same_event\": \"error\",\n"
        "  \"message\": \"{a.doc}{a.quote}{a.value}{a.period}{a.date}"
        "{a.interval}{a.basis}{a.unit}{a.metric}{a.subject}{a.status}"
        "{a.publisher}{a.event}{a.authority}{a.line}{a.column}"
        "{b.doc}{b.quote}{b.value}{b.period}{b.date}{b.interval}{b.basis}"
        "{b.unit}{b.metric}{b.subject}{b.status}{b.publisher}{b.event}"
        "{b.authority}{b.line}{b.column}{rule}{metric}{subject}{basis}"
        "{period}{type}{severity}\"},\n"
        " {\"id\": \"k-basis\", \"kind\": \"basis\", \"description\": \"d\",\n"
        "  \"select\": {\"metric_re\": \"^a\\\\.(b|c)$\"}, \"key\": "
        "[\"metric\"],\n"
        "  \"severity\": \"info\", \"message\": \"{a.basis} {b.basis}\"},\n"
        " {\"id\": \"k-population\", \"kind\": \"basis\", \"field\": "
        "\"subject\",\n"
        "  \"description\": \"d\", \"severity\": \"warning\",\n"
        "  \"message\": \"{a.subject} {b.subject}\"},\n"
        " {\"id\": \"k-fall\", \"kind\": \"trend\", \"description\": \"d\",\n"
        "  \"severity\": \"warning\", \"message\": \"{a.value} {b.value}\"},\n"
        " {\"id\": \"k-streak\", \"kind\": \"trend\", \"mode\": \"streak\",\n"
        "  \"description\": \"d\", \"key\": [\"metric\", \"subject\"],\n"
        "  \"severity\": \"error\", \"message\": \"{a.value} {b.value}\"},\n"
        " {\"id\": \"k-links\", \"kind\": \"bound\", \"mode\": \"part_whole\",\n"
        "  \"description\": \"d\", \"severity\": \"error\",\n"
        "  \"message\": \"{a.quote} {b.quote}\"},\n"
        " {\"id\": \"k-part\", \"kind\": \"bound\", \"mode\": \"part_whole\",\n"
        "  \"part\": \"a.*\", \"whole\": \"b.*\", \"description\": \"d\",\n"
        "  \"severity\": \"error\", \"message\": \"{a.quote} {b.quote}\"},\n"
        " {\"id\": \"k-range\", \"kind\": \"bound\", \"mode\": "
        "\"share_range\",\n"
        "  \"description\": \"d\", \"severity\": \"error\",\n"
        "  \"message\": \"{a.quote}\"},\n"
        " {\"id\": \"k-sum\", \"kind\": \"bound\", \"mode\": \"share_sum\",\n"
        "  \"metrics\": [\"a.share\", \"b.share\"], \"description\": \"d\",\n"
        "  \"severity\": \"error\", \"message\": \"{sum} {a.quote}\"},\n"
        " {\"id\": \"k-cond\", \"kind\": \"derive\", \"description\": \"d\",\n"
        "  \"expr\": \"min(a.x, b.x) <= max(c.x, abs(d.x)) && prev(a.x) > 0\","
        "\n"
        "  \"severity\": \"error\", \"message\": \"{a.quote} {period}\"},\n"
        " {\"id\": \"k-left\", \"kind\": \"derive\", \"left\": \"a.x\",\n"
        "  \"expr\": \"b.x * c.share / 100\", \"description\": \"d\",\n"
        "  \"severity\": \"error\",\n"
        "  \"message\": \"{a.quote} {b.quote} {expected}\"},\n"
        " {\"id\": \"k-target\", \"kind\": \"target\", \"window_days\": 0,\n"
        "  \"description\": \"d\", \"severity\": \"warning\",\n"
        "  \"message\": \"{a.quote} {b.quote}\"},\n"
        " {\"id\": \"k-stale\", \"kind\": \"stale\", \"as_of_days\": 366,\n"
        "  \"description\": \"d\", \"severity\": \"info\",\n"
        "  \"message\": \"{a.quote} {b.quote}\"},\n"
        " {\"id\": \"k-text\", \"kind\": \"text\", \"description\": \"d\",\n"
        "  \"pattern\": \"(?<n>\\\\d+)(?<m>st|nd)?\", \"sentence\": \"will\",\n"
        "  \"condition\": \"doc_year - n > 1 || !m\", \"severity\": \"error\","
        "\n"
        "  \"message\": \"{a.quote} {n} {m} {doc_year} {=doc_year - n}\"}\n"
        "]}\n");
    assert_int_equal(fc_rules_count(rs), 14);
    for (i = 0; i < 14; i++) {
        assert_int_equal(fc_rules_get(rs, i, &ri), FC_OK);
        assert_string_equal(ri.kind, kinds[i]);
    }
}

/* fc_rules_get: id, kind, severity, description, file and line; files in
** name order; FC_EINPUT past the end. */
static void test_rules_get(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    fc_rule_info ri;
    char file[128];
    (void)state;
    put("b.json", "{\"rules\": [\n"
                  "\n"
                  "  {\"id\": \"second\", \"kind\": \"stale\",\n"
                  "   \"description\": \"newer figures\",\n"
                  "   \"severity\": \"info\", \"message\": \"m\"}]}\n");
    put("a.json", "{\"rules\": [{\"id\": \"first\", \"kind\": \"basis\", "
                  "\"description\": \"bases differ\", \"severity\": "
                  "\"warning\", \"message\": \"m\"}]}\n");
    put("notes.txt", "not a rule file");
    put("lexicon/x.json", "not read: lexicon/ is not a rule file");
    assert_int_equal(load(&rs, d), FC_OK);
    assert_int_equal(fc_diags_count(d), 0);
    assert_int_equal(fc_rules_count(rs), 2);

    assert_int_equal(fc_rules_get(rs, 0, &ri), FC_OK);
    assert_string_equal(ri.id, "first");
    assert_string_equal(ri.kind, "basis");
    assert_string_equal(ri.severity, "warning");
    assert_string_equal(ri.description, "bases differ");
    snprintf(file, sizeof file, "%s/a.json", dir);
    assert_string_equal(ri.file, file);
    assert_int_equal(ri.line, 1);

    assert_int_equal(fc_rules_get(rs, 1, &ri), FC_OK);
    assert_string_equal(ri.id, "second");
    assert_string_equal(ri.kind, "stale");
    assert_string_equal(ri.severity, "info");
    assert_string_equal(ri.description, "newer figures");
    snprintf(file, sizeof file, "%s/b.json", dir);
    assert_string_equal(ri.file, file);
    assert_int_equal(ri.line, 3);

    assert_int_equal(fc_rules_get(rs, 2, &ri), FC_EINPUT);
    assert_int_equal(fc_rules_get(NULL, 0, &ri), FC_EINPUT);
    assert_int_equal(fc_rules_count(NULL), 0);
}

/* Two folders: the rules of both, the first folder's first. */
static void test_two_folders(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    fc_rule_info ri;
    char other[96];
    const char *dirs[2];
    (void)state;
    put("z.json", "{\"rules\": [{\"id\": \"mine\", \"kind\": \"agree\", "
                  "\"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"}]}");
    put("more/a.json", "{\"rules\": [{\"id\": \"theirs\", \"kind\": "
                       "\"agree\", \"description\": \"d\", \"severity\": "
                       "\"error\", \"message\": \"m\"}]}");
    snprintf(other, sizeof other, "%s/more", dir);
    dirs[0] = dir;
    dirs[1] = other;
    assert_int_equal(fc_rules_load(&rs, dirs, 2, NULL, d), FC_OK);
    held_rules = rs;
    assert_int_equal(fc_rules_count(rs), 2);
    assert_int_equal(fc_rules_get(rs, 0, &ri), FC_OK);
    assert_string_equal(ri.id, "mine");
    assert_int_equal(fc_rules_get(rs, 1, &ri), FC_OK);
    assert_string_equal(ri.id, "theirs");
}

/* An empty folder has no rules, and that is fine; a missing one is not. */
static void test_empty_and_missing_folder(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    const char *dirs[1];
    char missing[96];
    (void)state;
    /* a folder of no rules would check nothing: refused */
    assert_int_equal(load(&rs, d), FC_EINPUT);
    assert_null(rs);
    held_rules = NULL;
    {
        static const char *const want[] = {
            "{D}: no rule files in this folder (expected *.json files of "
            "rules, or domains/NAME/*.json)",
            NULL};
        expect_diags(d, want);
    }
    fc_diags_clear(d);
    snprintf(missing, sizeof missing, "%s/nowhere", dir);
    dirs[0] = missing;
    rs = (fc_rules *)(void *)&rs;
    assert_int_equal(fc_rules_load(&rs, dirs, 1, NULL, d), FC_EINPUT);
    assert_null(rs);
    {
        static const char *const want[] = {
            "{D}/nowhere: cannot open the rules folder", NULL};
        expect_diags(d, want);
    }
}

/* ---- kinds and fields ------------------------------------------------------ */

static void test_unknown_kind_suggestion(void **state) {
    static const char *const want[] = {
        "{D}/r.json:3:11: kind: unknown kind \"agre\"; did you mean "
        "\"agree\"?",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"r1\",\n"
                  "  \"kind\": \"agre\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_unknown_kind_no_suggestion(void **state) {
    static const char *const want[] = {
        "{D}/r.json:3:11: kind: unknown kind \"compare\" (expected one of "
        "agree, basis, trend, bound, derive, target, stale, text)",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"r1\",\n"
                  "  \"kind\": \"compare\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_unknown_field(void **state) {
    static const char *const want[] = {
        "{D}/r.json:9:13: rulez: unknown field; did you mean \"rules\"?",
        "{D}/r.json:4:16: tolerence: unknown field; did you mean "
        "\"tolerance\"?",
        "{D}/r.json:5:13: weight: unknown field",
        NULL};
    (void)state;
    /* the top level is checked before its rules */
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"r1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"tolerence\": {\"abs\": 1},\n"
                  "  \"weight\": 2,\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "], \"rulez\": []}\n",
                  want);
}

static void test_unknown_field_inside(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:38: metrc: unknown field; did you mean \"metric\"?",
        "{D}/r.json:5:35: abbs: unknown field; did you mean \"abs\"?",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"r1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"select\": {\"metric\": \"x\", \"metrc\": \"y\"},\n"
                  "  \"tolerance\": {\"rel\": 0, \"abbs\": 1},\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_field_of_another_kind(void **state) {
    static const char *const want[] = {
        "{D}/r.json:7:10: key: a text rule takes no \"key\"",
        "{D}/r.json:12:11: expr: a basis rule takes no \"expr\"",
        "{D}/r.json:13:18: window_days: a basis rule takes no "
        "\"window_days\"",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"t1\",\n"
                  "  \"kind\": \"text\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"pattern\": \"x\",\n"
                  "  \"condition\": \"1\",\n"
                  "  \"key\": [\"doc\"],\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"},\n"
                  " {\"id\": \"b1\",\n"
                  "  \"kind\": \"basis\",\n"
                  "  \"expr\": \"a > b\",\n"
                  "  \"window_days\": 30,\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

/* A basis rule compares bases, or with "field": "subject" subjects; no
** other field, and no other kind takes "field". */
static void test_basis_field(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:12: field: expected \"basis\" (shares on different "
        "bases) or \"subject\" (figures about different populations)",
        "{D}/r.json:9:12: field: a stale rule takes no \"field\"",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"b1\",\n"
                  "  \"kind\": \"basis\",\n"
                  "  \"field\": \"period\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  " {\"id\": \"s1\",\n"
                  "  \"kind\": \"stale\",\n"
                  "\n"
                  "  \"field\": \"subject\",\n"
                  "  \"description\": \"d\", \"severity\": \"warning\", "
                  "\"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

/* ---- types and required fields --------------------------------------------- */

static void test_wrong_types(void **state) {
    static const char *const want[] = {
        "{D}/r.json:2:9: id: expected a string, got a number",
        "{D}/r.json:4:23: kind: expected a string, got an array",
        "{D}/r.json:7:15: severity: expected a string, got a number",
        "{D}/r.json:8:17: same_event: expected a string, got a boolean",
        "{D}/r.json:9:13: select: expected an object, got a string",
        "{D}/r.json:10:10: key: expected an array of field names (metric, "
        "subject, basis, period, status, unit, doc, population, role, time)",
        "{D}/r.json:11:16: tolerance: expected {\"abs\": N, \"rel\": N}, got "
        "a number",
        "{D}/r.json:12:17: as_of_days: expected a number, got a string",
        "{D}/r.json:13:14: message: expected a string, got null",
        "{D}/r.json:17:18: description: expected a string, got a number",
        "{D}/r.json:20:13: select: expected an object, got an array",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": 5,\n"
                  "  \"kind\": \"agree\"},\n"
                  " {\"id\": \"r2\", \"kind\": [\"agree\"]},\n"
                  " {\"id\": \"r3\",\n"
                  "  \"kind\": \"agree\", \"description\": \"d\",\n"
                  "  \"severity\": 2,\n"
                  "  \"same_event\": true,\n"
                  "  \"select\": \"*\",\n"
                  "  \"key\": \"metric\",\n"
                  "  \"tolerance\": 0.5,\n"
                  "  \"as_of_days\": \"3\",\n"
                  "  \"message\": null},\n"
                  " {\"id\": \"r4\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"severity\": \"error\", \"message\": \"m\",\n"
                  "  \"description\": 12},\n"
                  " {\"id\": \"r5\", \"kind\": \"agree\", \"description\": "
                  "\"d\",\n"
                  "  \"severity\": \"error\", \"message\": \"m\",\n"
                  "  \"select\": [\"*\"]}\n"
                  "]}\n",
                  want);
}

static void test_wrong_types_inside(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:24: metric: expected a string, got a number",
        "{D}/r.json:5:11: key: expected one of metric, subject, basis, "
        "period, status, unit, doc, population, role, time",
        "{D}/r.json:5:14: key: expected one of metric, subject, basis, "
        "period, status, unit, doc, population, role, time",
        "{D}/r.json:6:24: abs: expected a number, got a string",
        "{D}/r.json:12:20: metrics: expected a metric glob, got a number",
        "{D}/r.json:17:11: expr: expected an expression string, got a "
        "number",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"r1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"select\": {\"metric\": 7},\n"
                  "  \"key\": [3, \"colour\"],\n"
                  "  \"tolerance\": {\"abs\": \"1\"},\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  " {\"id\": \"r2\",\n"
                  "  \"kind\": \"bound\",\n"
                  "  \"mode\": \"share_sum\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\",\n"
                  "  \"metrics\": [\"a\", 2]},\n"
                  " {\"id\": \"r3\",\n"
                  "  \"kind\": \"derive\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\",\n"
                  "\n"
                  "  \"expr\": 42}\n"
                  "]}\n",
                  want);
}

static void test_missing_fields(void **state) {
    static const char *const want[] = {
        "{D}/r.json:2:2: id: missing required field",
        "{D}/r.json:3:2: kind: missing required field",
        "{D}/r.json:4:2: description: missing required field (say what the "
        "rule flags and why)",
        "{D}/r.json:4:2: severity: missing required field",
        "{D}/r.json:4:2: message: missing required field",
        "{D}/r.json:5:2: description: missing required field (say what the "
        "rule flags and why)",
        "{D}/r.json:7:2: pattern: missing required field",
        "{D}/r.json:7:2: condition: missing required field",
        "{D}/r.json:8:2: expr: missing required field",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"kind\": \"agree\", \"description\": \"d\", "
                  "\"severity\": \"error\", \"message\": \"m\"},\n"
                  " {\"id\": \"r2\", \"description\": \"d\"},\n"
                  " {\"id\": \"r3\", \"kind\": \"agree\"},\n"
                  " {\"id\": \"r4\", \"kind\": \"agree\", \"description\": "
                  "\"\",\n"
                  "  \"severity\": \"error\", \"message\": \"m\"},\n"
                  " {\"id\": \"r5\", \"kind\": \"text\", \"description\": "
                  "\"d\", \"severity\": \"error\", \"message\": \"m\"},\n"
                  " {\"id\": \"r6\", \"kind\": \"derive\", \"description\": "
                  "\"d\", \"severity\": \"error\", \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_invalid_id(void **state) {
    static const char *const want[] = {
        "{D}/r.json:2:9: id: invalid id \"two words\" (letters, digits, "
        "'-', '_' and '.')",
        "{D}/r.json:3:9: id: invalid id \"\" (letters, digits, '-', '_' and "
        "'.')",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"two words\", \"kind\": \"agree\"},\n"
                  " {\"id\": \"\", \"kind\": \"agree\"}\n"
                  "]}\n",
                  want);
}

static void test_file_shape(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    static const char *const want[] = {
        "{D}/a.json:1:1: expected an object {\"rules\": [...]}, got an "
        "array",
        "{D}/b.json:1:1: rules: missing required field",
        "{D}/c.json:2:11: rules: expected an array of rules",
        "{D}/d.json:2:3: expected a rule object, got a string",
        NULL};
    (void)state;
    put("a.json", "[{\"id\": \"r1\"}]\n");
    put("b.json", "{\"about\": \"no rules\"}\n");
    put("c.json", "{\"about\": \"x\",\n \"rules\": {}}\n");
    put("d.json", "{\"rules\": [\n  \"figures-agree\"\n]}\n");
    assert_int_equal(load(&rs, d), FC_EINPUT);
    assert_null(rs);
    expect_diags(d, want);
}

/* jansson's own message, at its position; the other files are still
** checked. */
static void test_syntax_error(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    const fc_diag *g;
    char path[128];
    (void)state;
    put("a.json", "{\"rules\": [\n  {\"id\": \"r1\",}\n]}\n");
    put("b.json", "{\"rules\": [{\"id\": \"r2\", \"kind\": \"agre\"}]}");
    assert_int_equal(load(&rs, d), FC_EINPUT);
    assert_null(rs);
    assert_int_equal(fc_diags_count(d), 2);
    g = fc_diags_get(d, 0);
    snprintf(path, sizeof path, "%s/a.json", dir);
    assert_string_equal(g->file, path);
    assert_int_equal(g->line, 2);
    assert_int_equal(g->column, 15);
    assert_string_equal(g->field, "");
    assert_non_null(strstr(g->text, "string or '}' expected"));
    g = fc_diags_get(d, 1);
    snprintf(path, sizeof path, "%s/b.json", dir);
    assert_string_equal(g->file, path);
    assert_string_equal(g->field, "kind");
}

/* ---- patterns and expressions ------------------------------------------- */

static void test_bad_metric_re(void **state) {
    /* the pattern is sme\.(count: the escaped backslash is two characters
       of the file but one byte of the pattern; PCRE2 names offset 11, the
       end, which is the closing quote at column 27 + 1 + 12 */
    static const char *const want[] = {
        "{D}/r.json:4:40: metric_re: bad pattern: missing closing "
        "parenthesis (at offset 11 of the pattern)",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"r1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"select\": {\"metric_re\": \"sme\\\\.(count\"},\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_metric_and_metric_re(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:43: metric_re: give metric (a glob) or metric_re (a "
        "pattern), not both",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"r1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"select\": {\"metric\": \"a*\", \"metric_re\": \"^a\"},\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

/* Errors in the middle of text patterns: in the pattern, in the sentence
** pattern, after a non-ASCII character (columns count code points) and
** after a \u escape (six characters of the file for two bytes). */
static void test_bad_text_pattern(void **state) {
    static const char *const want[] = {
        "{D}/r.json:5:27: pattern: bad pattern: range out of order in "
        "character class (at offset 11 of the pattern)",
        "{D}/r.json:6:22: sentence: bad pattern: quantifier does not follow "
        "a repeatable item (at offset 6 of the pattern)",
        "{D}/r.json:13:19: pattern: bad pattern: missing closing parenthesis "
        "(at offset 6 of the pattern)",
        "{D}/r.json:14:30: sentence: bad pattern: missing closing "
        "parenthesis (at offset 6 of the pattern)",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"t1\",\n"
                  "  \"kind\": \"text\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"pattern\": \"(?<n>\\\\d)[z-a]\",\n"
                  "  \"sentence\": \"will*+?\",\n"
                  "  \"condition\": \"doc_year > 1\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"},\n"
                  " {\"id\": \"t2\",\n"
                  "  \"kind\": \"text\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"pattern\": \"\xc3\xa9t\xc3\xa9(\",\n"
                  "  \"sentence\": \"\\u00e9t\\u00e9(\",\n"
                  "  \"condition\": \"doc_year > 2000\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_bad_derive_expr(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:17: expr: expected a number, a name or '('",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"d1\",\n"
                  "  \"kind\": \"derive\",\n"
                  "  \"expr\": \"a.b +* c\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_unknown_function(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:16: expr: unknown function sqrt() with 1 argument "
        "(expected prev(metric), min(a, b), max(a, b) or abs(x))",
        "{D}/r.json:4:26: expr: unknown function min() with 3 arguments "
        "(expected prev(metric), min(a, b), max(a, b) or abs(x))",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"d1\",\n"
                  "  \"kind\": \"derive\",\n"
                  "  \"expr\": \"x + sqrt(y) < min(a, b, c)\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_bad_text_condition(void **state) {
    static const char *const want[] = {
        "{D}/r.json:5:27: condition: unexpected end of the expression",
        "{D}/r.json:13:17: condition: unknown name \"year\" (expected "
        "doc_year or a named group of the pattern)",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"t1\",\n"
                  "  \"kind\": \"text\",\n"
                  "  \"pattern\": \"(?<n>\\\\d+)\",\n"
                  "  \"condition\": \"doc_year >\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"},\n"
                  " {\"id\": \"t2\",\n"
                  "  \"kind\": \"text\",\n"
                  "  \"pattern\": \"(?<n>\\\\d+)\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"condition\": \"year > n\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

/* ---- message placeholders ---------------------------------------------------- */

static void test_placeholders(void **state) {
    static const char *const want[] = {
        "{D}/r.json:8:15: message: placeholder {b.quote}: a text rule has "
        "one side: use a.*",
        "{D}/r.json:8:29: message: placeholder {m}: unknown placeholder",
        "{D}/r.json:8:33: message: placeholder {=n +}: unexpected end of "
        "the expression",
        "{D}/r.json:8:40: message: placeholder {=year}: only doc_year and "
        "the pattern's named groups may be used",
        "{D}/r.json:12:15: message: placeholder {a.nosuch}: expected "
        "a.FIELD or b.FIELD with FIELD one of doc, quote, value, period, "
        "date, interval, basis, unit, metric, subject, status, publisher, "
        "event, authority, line, column",
        "{D}/r.json:12:26: message: placeholder {expected}: unknown "
        "placeholder",
        "{D}/r.json:12:37: message: placeholder {sum}: unknown placeholder",
        "{D}/r.json:12:43: message: placeholder {doc_year}: unknown "
        "placeholder",
        "{D}/r.json:17:15: message: placeholder {b.doc}: a bound rule has "
        "one side: use a.*",
        "{D}/r.json:21:15: message: placeholder {b.doc}: a derive rule has "
        "one side: use a.*",
        "{D}/r.json:21:23: message: placeholder {expected}: only a derive "
        "rule with \"left\" has an expected value",
        NULL};
    (void)state;
    expect_errors(
        "{\"rules\": [\n"
        " {\"id\": \"t1\",\n"
        "  \"kind\": \"text\",\n"
        "  \"pattern\": \"(?<n>\\\\d+)\",\n"
        "  \"condition\": \"n > 1\",\n"
        "  \"description\": \"d\",\n"
        "  \"severity\": \"error\",\n"
        "  \"message\": \"{b.quote} {n} {m} {=n +} {=year} {=doc_year - n}\"},\n"
        " {\"id\": \"a1\",\n"
        "  \"kind\": \"agree\",\n"
        "  \"description\": \"d\", \"severity\": \"error\",\n"
        "  \"message\": \"{a.nosuch} {expected} {sum} {doc_year} {b.doc}\"},\n"
        " {\"id\": \"s1\",\n"
        "  \"kind\": \"bound\",\n"
        "  \"mode\": \"share_range\",\n"
        "  \"description\": \"d\", \"severity\": \"error\",\n"
        "  \"message\": \"{b.doc}\"},\n"
        " {\"id\": \"d1\",\n"
        "  \"kind\": \"derive\", \"expr\": \"a <= b\",\n"
        "  \"description\": \"d\", \"severity\": \"error\",\n"
        "  \"message\": \"{b.doc} {expected}\"}\n"
        "]}\n",
        want);
}

static void test_unclosed_brace(void **state) {
    static const char *const want[] = {
        "{D}/r.json:6:27: message: unclosed placeholder '{'",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"a1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"error\",\n"
                  "  \"message\": \"{a.doc} and {b.doc\"}\n"
                  "]}\n",
                  want);
}

/* ---- values --------------------------------------------------------------------- */

static void test_duplicate_id_across_files(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    static const char *const want[] = {
        "{D}/b.json:4:9: id: duplicate rule id \"same\" (first in "
        "{D}/a.json line 3)",
        "{D}/b.json:5:9: id: duplicate rule id \"b1\" (first in {D}/b.json "
        "line 2)",
        NULL};
    (void)state;
    put("a.json", "{\"rules\": [\n"
                  " {\"id\": \"a1\", \"kind\": \"agree\", \"description\": "
                  "\"d\", \"severity\": \"error\", \"message\": \"m\"},\n"
                  " {\"id\": \"same\", \"kind\": \"agree\", \"description\": "
                  "\"d\", \"severity\": \"error\", \"message\": \"m\"}\n"
                  "]}\n");
    put("b.json", "{\"rules\": [\n"
                  " {\"id\": \"b1\", \"kind\": \"basis\", \"description\": "
                  "\"d\", \"severity\": \"error\", \"message\": \"m\"},\n"
                  " {\"id\": \"b2\", \"kind\": \"basis\", \"description\": "
                  "\"d\", \"severity\": \"error\", \"message\": \"m\"},\n"
                  " {\"id\": \"same\", \"kind\": \"basis\", \"description\": "
                  "\"d\", \"severity\": \"error\", \"message\": \"m\"},\n"
                  " {\"id\": \"b1\", \"kind\": \"basis\", \"description\": "
                  "\"d\", \"severity\": \"error\", \"message\": \"m\"}\n"
                  "]}\n");
    assert_int_equal(load(&rs, d), FC_EINPUT);
    assert_null(rs);
    expect_diags(d, want);
}

static void test_bad_severity(void **state) {
    static const char *const want[] = {
        "{D}/r.json:5:15: severity: unknown severity \"fatal\" (expected "
        "error, warning or info)",
        "{D}/r.json:6:17: same_event: unknown severity \"Error\" (expected "
        "error, warning or info)",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"a1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"description\": \"d\",\n"
                  "  \"severity\": \"fatal\",\n"
                  "  \"same_event\": \"Error\",\n"
                  "  \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_bad_tolerance(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:24: abs: expected a number >= 0",
        "{D}/r.json:4:37: rel: expected a fraction from 0 up to 1",
        "{D}/r.json:12:24: rel: expected a fraction from 0 up to 1",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"a1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"tolerance\": {\"abs\": -0.5, \"rel\": 1},\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  " {\"id\": \"a2\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"tolerance\": {\"abs\": 0, \"rel\": 0.999},\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  " {\"id\": \"a3\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"tolerance\": {\"rel\": -0.01},\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_bad_days(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:17: as_of_days: expected a whole number of days from "
        "0 to 366",
        "{D}/r.json:9:18: window_days: expected a whole number of days from "
        "0 to 3660",
        "{D}/r.json:14:17: as_of_days: expected a whole number of days "
        "from 0 to 366",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"a1\",\n"
                  "  \"kind\": \"agree\",\n"
                  "  \"as_of_days\": 1.5,\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  " {\"id\": \"t1\",\n"
                  "  \"kind\": \"target\",\n"
                  "\n"
                  "  \"window_days\": -1,\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  " {\"id\": \"s1\",\n"
                  "  \"kind\": \"stale\",\n"
                  "\n"
                  "  \"as_of_days\": 367,\n"
                  "  \"description\": \"d\", \"severity\": \"warning\", "
                  "\"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_bad_mode(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:11: mode: unknown trend mode \"rise\" (expected fall, "
        "streak or growth)",
        "{D}/r.json:9:11: mode: unknown bound mode \"sum\" (expected "
        "part_whole, share_range or share_sum)",
        "{D}/r.json:12:2: mode: missing required field (part_whole, "
        "share_range or share_sum)",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"t1\",\n"
                  "  \"kind\": \"trend\",\n"
                  "  \"mode\": \"rise\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  " {\"id\": \"b1\",\n"
                  "  \"kind\": \"bound\",\n"
                  "\n"
                  "  \"mode\": \"sum\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  "\n"
                  " {\"id\": \"b2\",\n"
                  "  \"kind\": \"bound\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_growth_suffix_and_third_side(void **state) {
    static const char *const want[] = {
        "{D}/r.json:5:13: suffix: only a trend rule of mode growth takes a "
        "suffix",
        "{D}/r.json:10:13: suffix: expected what the growth metric adds to "
        "its level's, such as \".growth\"",
        "{D}/r.json:15:23: message: placeholder {c.doc}: only a trend rule "
        "of mode growth has a third side (c: the level of the year before)",
        "{D}/r.json:17:10: key: a trend rule of mode growth takes no "
        "\"key\": rates meet their levels by subject, basis and period",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"f1\",\n"
                  "  \"kind\": \"trend\",\n"
                  "  \"mode\": \"fall\",\n"
                  "  \"suffix\": \".growth\",\n"
                  "  \"description\": \"d\", \"severity\": \"warning\", "
                  "\"message\": \"m\"},\n"
                  " {\"id\": \"g1\",\n"
                  "  \"kind\": \"trend\",\n"
                  "  \"mode\": \"growth\",\n"
                  "  \"suffix\": \"\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"{c.doc} {expected}\"},\n"
                  " {\"id\": \"s1\",\n"
                  "  \"kind\": \"trend\", \"mode\": \"streak\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\",\n"
                  "  \"message\": \"{a.doc} {c.doc}\"},\n"
                  " {\"id\": \"g2\", \"kind\": \"trend\", \"mode\": \"growth\",\n"
                  "  \"key\": [\"metric\"],\n"
                  "  \"description\": \"d\", \"severity\": \"error\", \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_share_sum_metrics(void **state) {
    static const char *const want[] = {
        "{D}/r.json:2:2: metrics: a share_sum rule needs \"metrics\": an "
        "array of two or more metric globs whose shares may not add up past "
        "100",
        "{D}/r.json:9:14: metrics: a share_sum rule needs \"metrics\": an "
        "array of two or more metric globs whose shares may not add up past "
        "100",
        "{D}/r.json:14:14: metrics: only a share_sum rule takes "
        "\"metrics\"",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"b1\",\n"
                  "  \"kind\": \"bound\",\n"
                  "  \"mode\": \"share_sum\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"{sum}\"},\n"
                  " {\"id\": \"b2\",\n"
                  "  \"kind\": \"bound\",\n"
                  "  \"mode\": \"share_sum\",\n"
                  "  \"metrics\": [\"a.share\"],\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"{sum}\"},\n"
                  " {\"id\": \"b3\",\n"
                  "  \"kind\": \"bound\",\n"
                  "  \"mode\": \"share_range\",\n"
                  "  \"metrics\": [\"a.share\", \"b.share\"],\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

static void test_part_without_whole(void **state) {
    static const char *const want[] = {
        "{D}/r.json:2:2: whole: give both part and whole, or neither (then "
        "the part_of links of the facts are used)",
        "{D}/r.json:8:2: part: give both part and whole, or neither (then "
        "the part_of links of the facts are used)",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"b1\",\n"
                  "  \"kind\": \"bound\",\n"
                  "  \"mode\": \"part_whole\",\n"
                  "  \"part\": \"sme.little_giant.count\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"},\n"
                  "\n"
                  " {\"id\": \"b2\",\n"
                  "  \"kind\": \"bound\",\n"
                  "  \"mode\": \"part_whole\",\n"
                  "  \"whole\": \"sme.specialized.count\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

/* ---- all of them ----------------------------------------------------------------- */

/* One file with a mistake in each of several rules: every one is reported,
** in file order, and nothing is loaded. */
static void test_several_errors_one_file(void **state) {
    static const char *const want[] = {
        "{D}/r.json:2:23: kind: unknown kind \"agre\"; did you mean "
        "\"agree\"?",
        "{D}/r.json:3:46: descripton: unknown field; did you mean "
        "\"description\"?",
        "{D}/r.json:3:2: description: missing required field (say what the "
        "rule flags and why)",
        "{D}/r.json:4:64: severity: unknown severity \"high\" (expected "
        "error, warning or info)",
        "{D}/r.json:5:85: message: placeholder {a.valeu}: expected a.FIELD "
        "or b.FIELD with FIELD one of doc, quote, value, period, date, "
        "interval, basis, unit, metric, subject, status, publisher, event, "
        "authority, line, column",
        "{D}/r.json:6:9: id: duplicate rule id \"r1\" (first in {D}/r.json "
        "line 2)",
        NULL};
    (void)state;
    expect_errors(
        "{\"rules\": [\n"
        " {\"id\": \"r1\", \"kind\": \"agre\", \"description\": \"d\", "
        "\"severity\": \"error\", \"message\": \"m\"},\n"
        " {\"id\": \"r2\", \"kind\": \"agree\", \"descripton\": \"d\", "
        "\"severity\": \"error\", \"message\": \"m\"},\n"
        " {\"id\": \"r3\", \"kind\": \"agree\", \"description\": \"d\", "
        "\"severity\": \"high\", \"message\": \"m\"},\n"
        " {\"id\": \"r4\", \"kind\": \"agree\", \"description\": \"d\", "
        "\"severity\": \"error\", \"message\": \"{a.valeu}\"},\n"
        " {\"id\": \"r1\", \"kind\": \"agree\", \"description\": \"d\", "
        "\"severity\": \"error\", \"message\": \"m\"},\n"
        " {\"id\": \"r6\", \"kind\": \"agree\", \"description\": \"d\", "
        "\"severity\": \"error\", \"message\": \"m\"}\n"
        "]}\n",
        want);
}

/* Diagnostics a caller already holds do not make a good folder fail. */
static void test_earlier_errors_not_counted(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    (void)state;
    fc_diags_add(d, FC_DIAG_ERROR, "other", 1, 1, 0, NULL, "earlier");
    put("r.json", "{\"rules\": [{\"id\": \"r1\", \"kind\": \"agree\", "
                  "\"description\": \"d\", \"severity\": \"error\", "
                  "\"message\": \"m\"}]}");
    assert_int_equal(load(&rs, d), FC_OK);
    assert_int_equal(fc_rules_count(rs), 1);
    assert_int_equal(fc_diags_count(d), 1);
}

/* Without a diagnostics list (the caller does not care why) a bad file
** still fails. */
static void test_bad_file_fails_without_diags(void **state) {
    fc_rules *rs = (fc_rules *)(void *)&rs;
    (void)state;
    put("r.json", "{\"rules\": [{\"id\": \"r1\", \"kind\": \"agree\", "
                  "\"description\": \"d\", \"severity\": \"fatal\", "
                  "\"message\": \"m\"}]}");
    assert_int_equal(load(&rs, NULL), FC_EINPUT);
    assert_null(rs);
}

/* Domain folders load after the folder's own files, by name, and a domain
** can be left out; leaving out one that does not exist is an error. */
static void test_domains(void **state) {
    static const char rule[] =
        "{\"rules\": [{\"id\": \"%s\", \"kind\": \"agree\", "
        "\"description\": \"d\", \"severity\": \"error\", "
        "\"message\": \"m\"}]}";
    char text[256], path[512];
    const char *dirs[1], *skip[2];
    fc_rules *rs = NULL;
    fc_rule_info ri;
    fc_diags *d = new_diags();
    (void)state;
    dirs[0] = dir;
    snprintf(path, sizeof path, "%s/domains", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/domains/a", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/domains/b", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(text, sizeof text, rule, "own");
    put("z.json", text);
    snprintf(text, sizeof text, rule, "of-b");
    put("domains/b/r.json", text);
    snprintf(text, sizeof text, rule, "of-a");
    put("domains/a/r.json", text);
    assert_int_equal(fc_rules_load(&rs, dirs, 1, NULL, d), FC_OK);
    assert_int_equal(fc_rules_count(rs), 3);
    assert_int_equal(fc_rules_get(rs, 0, &ri), FC_OK);
    assert_string_equal(ri.id, "own");
    assert_int_equal(fc_rules_get(rs, 1, &ri), FC_OK);
    assert_string_equal(ri.id, "of-a");
    assert_int_equal(fc_rules_get(rs, 2, &ri), FC_OK);
    assert_string_equal(ri.id, "of-b");
    fc_rules_free(rs);
    skip[0] = "a";
    assert_int_equal(fc_rules_load_except(&rs, dirs, 1, skip, 1, NULL, d),
                     FC_OK);
    assert_int_equal(fc_rules_count(rs), 2);
    assert_int_equal(fc_rules_get(rs, 1, &ri), FC_OK);
    assert_string_equal(ri.id, "of-b");
    fc_rules_free(rs);
    assert_int_equal(fc_diags_count(d), 0);
    skip[1] = "c";
    assert_int_equal(fc_rules_load_except(&rs, dirs, 1, skip, 2, NULL, d),
                     FC_EINPUT);
    assert_null(rs);
    {
        static const char *const want[] = {
            "no domain \"c\" in the rules folders (looked for domains/c/)",
            NULL};
        expect_diags(d, want);
    }
}

/* min_months belongs to falls. */
static void test_min_months(void **state) {
    static const char *const want[] = {
        "{D}/r.json:4:17: min_months: only a trend rule of mode fall takes "
        "min_months",
        "{D}/r.json:6:40: min_months: expected a whole number of months "
        "from 0 to 1200",
        NULL};
    (void)state;
    expect_errors("{\"rules\": [\n"
                  " {\"id\": \"r1\", \"kind\": \"trend\", \"mode\": \"streak\",\n"
                  "  \"description\": \"d\", \"severity\": \"error\",\n"
                  "  \"min_months\": 12, \"message\": \"m\"},\n"
                  " {\"id\": \"r2\", \"kind\": \"trend\", \"description\": \"d\",\n"
                  "  \"severity\": \"warning\", \"min_months\": 1.5, \"message\": \"m\"}\n"
                  "]}\n",
                  want);
}

/* The generic rules (directly in rules/) select by meaning: no metric
** named, no pattern over metrics, no part or whole, no expression over
** metrics.  Knowledge of a domain lives in rules/domains/. */
static void test_generic_rules_name_no_metric(void **state) {
    char *names[64];
    size_t n, i, k;
    (void)state;
    n = json_files("rules", names, 0);
    assert_true(n >= 4);
    for (i = 0; i < n; i++) {
        char *text = slurp(names[i]);
        json_error_t err;
        json_t *root = json_loads(text, 0, &err), *list;
        assert_non_null(root);
        list = json_object_get(root, "rules");
        for (k = 0; k < json_array_size(list); k++) {
            json_t *r = json_array_get(list, k), *sel;
            const char *id = json_string_value(json_object_get(r, "id"));
            const char *m;
            sel = json_object_get(r, "select");
            m = json_string_value(json_object_get(sel, "metric"));
            if (m && strcmp(m, "*") && strncmp(m, "*.", 2))
                fail_msg("%s: rule %s selects the metric %s", names[i], id, m);
            if (json_object_get(sel, "metric_re") ||
                json_object_get(r, "part") || json_object_get(r, "whole") ||
                json_object_get(r, "metrics") || json_object_get(r, "expr") ||
                json_object_get(r, "left"))
                fail_msg("%s: rule %s names metrics", names[i], id);
        }
        json_decref(root);
        free(text);
        free(names[i]);
    }
}

/* ---- many rules ------------------------------------------------------------ */

#define MANY 20000

/* A file of MANY rules, one a line after the opening line, laid out three
** ways in turn (spaces around the comma, none, a blank line), so that each
** rule's line is 2 + its index plus the blank lines before it.  Rule
** `dup` (when not 0) takes the id of rule 7. */
static void put_many(const char *name, size_t dup) {
    char path[512], id[32];
    FILE *fp;
    size_t i;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("{\"rules\": [\n", fp);
    for (i = 0; i < MANY; i++) {
        snprintf(id, sizeof id, "many-%zu", i == dup && dup ? (size_t)7 : i);
        fprintf(fp, "{\"id\": \"%s\", \"kind\": \"agree\", \"description\": "
                    "\"d\", \"select\": {\"metric\": \"m%zu.*\"}, "
                    "\"severity\": \"warning\", \"message\": \"{a.doc} and "
                    "{b.doc}\"}%s",
                id, i,
                i + 1 == MANY ? "\n"
                : i % 3 == 0  ? " ,\n"
                : i % 3 == 1  ? ",\n"
                              : ",\n\n");
    }
    fputs("]}\n", fp);
    assert_int_equal(fclose(fp), 0);
}

/* The line of rule i of put_many's file. */
static int many_line(size_t i) { return 2 + (int)i + (int)(i / 3); }

/* Many rules load, each at its own line: the rules of a file are read in
** one pass, not one pass a rule. */
static void test_many_rules_lines(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    fc_rule_info ri;
    static const size_t probe[] = {0, 1, 2, 3, 4999, 12345, MANY - 1};
    size_t k;
    (void)state;
    put_many("many.json", 0);
    assert_int_equal(load(&rs, d), FC_OK);
    assert_int_equal(fc_diags_count(d), 0);
    assert_int_equal(fc_rules_count(rs), MANY);
    for (k = 0; k < sizeof probe / sizeof probe[0]; k++) {
        char want[32];
        assert_int_equal(fc_rules_get(rs, probe[k], &ri), FC_OK);
        snprintf(want, sizeof want, "many-%zu", probe[k]);
        assert_string_equal(ri.id, want);
        assert_int_equal(ri.line, many_line(probe[k]));
    }
}

/* A duplicate id among many rules is still reported at its position,
** naming where the first is. */
static void test_many_rules_duplicate(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    char want[512];
    (void)state;
    put_many("many.json", 15000);
    assert_int_equal(load(&rs, d), FC_EINPUT);
    assert_null(rs);
    snprintf(want, sizeof want,
             "{D}/many.json:%d:8: id: duplicate rule id \"many-7\" (first in "
             "{D}/many.json line %d)",
             many_line(15000), many_line(7));
    {
        const char *const w[] = {want, NULL};
        expect_diags(d, w);
    }
}

/* An id that no rule among many has is refused with the nearest one. */
static void test_many_rules_suggestion(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    static const char *const only[] = {"many-19999", "many-1234x"};
    static const char *const want[] = {
        "--rule many-1234x: no rule has this id; did you mean \"many-1234\"?",
        NULL};
    (void)state;
    put_many("many.json", 0);
    assert_int_equal(load(&rs, d), FC_OK);
    assert_int_equal(fc_rules_narrow(rs, only, 2, NULL, 0, NULL, 0, d),
                     FC_EINPUT);
    expect_diags(d, want);
    assert_int_equal(fc_rules_count(rs), MANY);
    assert_int_equal(fc_rules_narrow(rs, only, 1, NULL, 0, NULL, 0, d),
                     FC_OK);
    assert_int_equal(fc_rules_count(rs), 1);
}

/* A file of many rules on one line, all with one id: every duplicate is
** reported at its column, in one pass over the file. */
static void test_many_duplicates_one_line(void **state) {
    fc_diags *d = new_diags();
    fc_rules *rs = NULL;
    char path[512], want[512];
    const char *rule = "{\"id\": \"same\", \"kind\": \"agree\", "
                       "\"description\": \"d\", \"severity\": \"warning\", "
                       "\"message\": \"{a.doc} and {b.doc}\"}";
    size_t w = strlen(rule) + 1, i, k;
    FILE *fp;
    (void)state;
    snprintf(path, sizeof path, "%s/one.json", dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("{\"rules\": [", fp);
    for (i = 0; i < MANY; i++) fprintf(fp, "%s%s", i ? "," : "", rule);
    fputs("]}\n", fp);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(load(&rs, d), FC_EINPUT);
    assert_null(rs);
    assert_int_equal(fc_diags_errors(d), MANY - 1);
    assert_int_equal(fc_diags_count(d), FC_DIAGS_KEEP);
    for (k = 0; k < FC_DIAGS_KEEP; k += FC_DIAGS_KEEP - 1) {
        char got[600], exp[600];
        /* rule k + 1 starts at column 12 + (k + 1) * w; its id value 7
           columns on */
        snprintf(want, sizeof want,
                 "{D}/one.json:1:%zu: id: duplicate rule id \"same\" (first "
                 "in {D}/one.json line 1)",
                 12 + (k + 1) * w + 7);
        expand(want, exp, sizeof exp);
        fc_diag_format(fc_diags_get(d, k), got, sizeof got);
        assert_string_equal(got, exp);
    }
}

#define T(f) cmocka_unit_test_setup_teardown(f, make_dir, drop_dir)

int main(void) {
    const struct CMUnitTest tests[] = {
        T(test_real_rules_load),
        T(test_domains),
        T(test_min_months),
        T(test_generic_rules_name_no_metric),
        T(test_every_kind_loads),
        T(test_rules_get),
        T(test_two_folders),
        T(test_empty_and_missing_folder),
        T(test_unknown_kind_suggestion),
        T(test_unknown_kind_no_suggestion),
        T(test_unknown_field),
        T(test_unknown_field_inside),
        T(test_field_of_another_kind),
        T(test_basis_field),
        T(test_wrong_types),
        T(test_wrong_types_inside),
        T(test_missing_fields),
        T(test_invalid_id),
        T(test_file_shape),
        T(test_syntax_error),
        T(test_bad_metric_re),
        T(test_metric_and_metric_re),
        T(test_bad_text_pattern),
        T(test_bad_derive_expr),
        T(test_unknown_function),
        T(test_bad_text_condition),
        T(test_placeholders),
        T(test_unclosed_brace),
        T(test_duplicate_id_across_files),
        T(test_bad_severity),
        T(test_bad_tolerance),
        T(test_bad_days),
        T(test_bad_mode),
        T(test_growth_suffix_and_third_side),
        T(test_share_sum_metrics),
        T(test_part_without_whole),
        T(test_several_errors_one_file),
        T(test_earlier_errors_not_counted),
        T(test_bad_file_fails_without_diags),
        T(test_many_rules_lines),
        T(test_many_rules_duplicate),
        T(test_many_rules_suggestion),
        T(test_many_duplicates_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
