/*
** test_store.c -- the SQLite store: schema and upgrades, atomic loads,
** upserts, span checks against stored documents, queries.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static char tmpdir[256];

/* ---- helpers --------------------------------------------------------------- */

static void path_in(char *out, size_t size, const char *name) {
    int n = snprintf(out, size, "%s/%s", tmpdir, name);
    assert_true(n > 0 && (size_t)n < size);
}

static void write_file(const char *name, const char *text, char *path,
                       size_t size) {
    FILE *fp;
    path_in(path, size, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
}

static int empty_dir(const char *dir) {
    DIR *dp = opendir(dir);
    struct dirent *e;
    char path[512];
    if (!dp) return -1;
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(dp);
    return 0;
}

static int setup(void **state) {
    const char *base = getenv("TMPDIR");
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "%s/fc_store_XXXXXX",
             base && *base ? base : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    empty_dir(tmpdir);
    return rmdir(tmpdir);
}

/* Each test starts from an empty folder. */
static int clean(void **state) {
    (void)state;
    return empty_dir(tmpdir);
}

/* Diagnostic i, formatted. */
static const char *diag_str(const fc_diags *d, size_t i) {
    static char buf[2048];
    const fc_diag *g = fc_diags_get(d, i);
    if (!g) return "(no diagnostic)";
    fc_diag_format(g, buf, sizeof buf);
    return buf;
}

/* One fact line in the facts format. */
static void fact_line(fc_buf *b, const char *id, const char *doc,
                      const char *metric, const char *period, double value) {
    fc_buf_printf(b,
                  "{\"id\": \"%s\", \"doc\": \"%s\", \"subject\": \"china\", "
                  "\"metric\": \"%s\", \"value\": %g, \"unit\": \"count\"",
                  id, doc, metric, value);
    if (period) fc_buf_printf(b, ", \"period\": \"%s\"", period);
    fc_buf_puts(b, "}\n");
}

/* Raw SQLite: one integer or text answer of a constant query. */
static long long raw_int(const char *db, const char *sql) {
    sqlite3 *h;
    sqlite3_stmt *st;
    long long v = -1;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static void raw_text(const char *db, const char *sql, char *out,
                     size_t size) {
    sqlite3 *h;
    sqlite3_stmt *st;
    out[0] = '\0';
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
}

static void raw_exec(const char *db, const char *sql) {
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

static int file_exists(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Collect ids (space-separated) from fc_store_each_fact. */
typedef struct collect {
    char ids[4096];
    int n;
} collect;

static int collect_fn(void *ctx, const fc_fact *f, const fc_loc *loc) {
    collect *c = ctx;
    size_t len = strlen(c->ids);
    assert_null(loc);
    snprintf(c->ids + len, sizeof c->ids - len, "%s%s", len ? " " : "",
             f->id);
    c->n++;
    return FC_OK;
}

static const char *ids_of(fc_store *s, const char *metric, const char *doc,
                          const char *period) {
    static collect c;
    fc_fact_filter flt;
    flt.metric = metric;
    flt.doc = doc;
    flt.period = period;
    memset(&c, 0, sizeof c);
    assert_int_equal(fc_store_each_fact(s, &flt, collect_fn, &c), FC_OK);
    return c.ids;
}

/* A fact by id, copied. */
typedef struct find {
    const char *id;
    fc_fact *found;
} find;

static int find_fn(void *ctx, const fc_fact *f, const fc_loc *loc) {
    find *x = ctx;
    (void)loc;
    if (strcmp(f->id, x->id) == 0) {
        assert_null(x->found);
        x->found = fc_fact_dup(f);
        assert_non_null(x->found);
    }
    return FC_OK;
}

static fc_fact *get_fact(fc_store *s, const char *id) {
    find x;
    x.id = id;
    x.found = NULL;
    assert_int_equal(fc_store_each_fact(s, NULL, find_fn, &x), FC_OK);
    return x.found;
}

/* A manifest built in memory from (id, text) pairs, without files. */
static fc_manifest *make_manifest(int n, ...) {
    fc_manifest *m = calloc(1, sizeof *m);
    va_list ap;
    int i;
    assert_non_null(m);
    m->docs = calloc((size_t)n, sizeof *m->docs);
    assert_non_null(m->docs);
    va_start(ap, n);
    for (i = 0; i < n; i++) {
        const char *id = va_arg(ap, const char *);
        const char *text = va_arg(ap, const char *);
        char name[64];
        fc_doc *doc;
        snprintf(name, sizeof name, "%s.txt", id);
        assert_int_equal(fc_doc_new_from_buffer(&doc, id, name, text,
                                                strlen(text), NULL),
                         FC_OK);
        m->docs[m->ndocs++] = doc;
    }
    va_end(ap);
    return m;
}

/* A manifest made here, not by fc_manifest_load: freed here too. */
static void free_manifest(fc_manifest *m) {
    size_t i;
    for (i = 0; i < m->ndocs; i++) fc_doc_free(m->docs[i]);
    free(m->docs);
    free(m);
}

static int load1(fc_store *s, const char *path, fc_load_stats *st,
                 fc_diags *d) {
    const char *paths[1];
    paths[0] = path;
    return fc_store_load_files(s, paths, 1, st, d);
}

/* ---- open, schema, upgrades -------------------------------------------------- */

static void test_open_memory(void **state) {
    fc_store *s = NULL;
    (void)state;
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_non_null(s);
    assert_int_equal(fc_store_fact_count(s), 0);
    fc_store_close(s);
    assert_int_equal(fc_store_open(&s, ":memory:", NULL), FC_OK);
    assert_int_equal(fc_store_fact_count(s), 0);
    fc_store_close(s);
    fc_store_close(NULL);
}

static void test_create_file_schema(void **state) {
    char db[512], mode[32];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    (void)state;
    path_in(db, sizeof db, "new.db");
    assert_int_equal(fc_store_open(&s, db, d), FC_OK);
    assert_int_equal(fc_diags_count(d), 0);
    fc_store_close(s);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), FC_STORE_SCHEMA);
    assert_int_equal(
        raw_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                    " AND name IN ('documents', 'facts', 'runs', 'findings',"
                    " 'finding_facts')"),
        5);
    assert_int_equal(
        raw_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                    " AND name IN ('facts_key', 'facts_doc',"
                    " 'facts_period')"),
        3);
    raw_text(db, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "wal");
    fc_diags_free(d);
}

static void test_reopen_keeps_facts(void **state) {
    char db[512], facts[512];
    fc_store *s = NULL;
    (void)state;
    path_in(db, sizeof db, "re.db");
    write_file("re.jsonl",
               "{\"id\": \"a\", \"doc\": \"000\", \"value\": 1}\n"
               "{\"id\": \"b\", \"doc\": \"000\", \"value\": 2}\n",
               facts, sizeof facts);
    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    assert_int_equal(load1(s, facts, NULL, NULL), FC_OK);
    fc_store_close(s);
    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    assert_int_equal(fc_store_fact_count(s), 2);
    fc_store_close(s);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), FC_STORE_SCHEMA);
}

static void test_upgrade_from_version_0(void **state) {
    char db[512];
    fc_store *s = NULL;
    fc_doc *doc = NULL;
    char sha[65];
    char sql[1024];
    (void)state;
    path_in(db, sizeof db, "v0.db");
    /* a version-0 file holding only the documents table, with one row */
    fc_sha256_hex("hello", 5, sha);
    snprintf(sql, sizeof sql,
             "CREATE TABLE documents(id TEXT PRIMARY KEY NOT NULL, path TEXT,"
             " title TEXT, publisher TEXT, event TEXT, authority TEXT,"
             " published TEXT, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,"
             " content BLOB NOT NULL);"
             "INSERT INTO documents VALUES('d1', 'd1.txt', 'T', NULL, NULL,"
             " 'press', '2023-03-02', '%s', 5, CAST('hello' AS BLOB));",
             sha);
    raw_exec(db, sql);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 0);

    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    assert_int_equal(fc_store_fact_count(s), 0);
    assert_int_equal(fc_store_get_doc(s, "d1", &doc), FC_OK);
    assert_non_null(doc);
    assert_string_equal(doc->text, "hello");
    assert_string_equal(doc->title, "T");
    assert_string_equal(doc->published, "2023-03-02");
    fc_doc_free(doc);
    fc_store_close(s);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), FC_STORE_SCHEMA);
    assert_int_equal(
        raw_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                    " AND name IN ('facts', 'runs', 'findings',"
                    " 'finding_facts')"),
        4);
    assert_int_equal(
        raw_int(db, "SELECT count(*) FROM sqlite_master WHERE name ="
                    " 'facts_key'"),
        1);
}

/* A version-0 file whose tables are another program's: refused, as is. */
static void test_foreign_tables_refused(void **state) {
    char db[512], want[700];
    fc_store *s = (fc_store *)1;
    fc_diags *d = fc_diags_new();
    (void)state;
    path_in(db, sizeof db, "other.db");
    raw_exec(db, "CREATE TABLE facts(x); INSERT INTO facts VALUES(1);");
    assert_int_equal(fc_store_open(&s, db, d), FC_EINPUT);
    assert_null(s);
    snprintf(want, sizeof want,
             "%s: cannot upgrade the database from schema version 0 to 1: "
             "no such column: metric",
             db);
    assert_string_equal(diag_str(d, 0), want);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), 1);
    assert_int_equal(raw_int(db, "SELECT x FROM facts"), 1);
    fc_diags_free(d);
}

static void test_newer_version_refused(void **state) {
    char db[512], want[600], wal[600];
    fc_store *s = (fc_store *)1;
    fc_diags *d = fc_diags_new();
    (void)state;
    path_in(db, sizeof db, "v7.db");
    raw_exec(db, "CREATE TABLE future(x); PRAGMA user_version = 7;");
    assert_int_equal(fc_store_open(&s, db, d), FC_EINPUT);
    assert_null(s);
    assert_int_equal(fc_diags_count(d), 1);
    snprintf(want, sizeof want,
             "%s: schema version 7 is newer than this factcheck supports (2)",
             db);
    assert_string_equal(diag_str(d, 0), want);
    /* untouched: same version, no tables added, no WAL */
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 7);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), 1);
    snprintf(wal, sizeof wal, "%s-wal", db);
    assert_false(file_exists(wal));
    fc_diags_free(d);
}

static void test_not_a_database(void **state) {
    char db[512], want[600];
    fc_store *s = (fc_store *)1;
    fc_diags *d = fc_diags_new();
    FILE *fp;
    char buf[64];
    (void)state;
    write_file("notes.db",
               "These are my notes, not a database.  They are long enough "
               "to have a header SQLite can read and reject.\n",
               db, sizeof db);
    assert_int_equal(fc_store_open(&s, db, d), FC_EINPUT);
    assert_null(s);
    snprintf(want, sizeof want,
             "%s: not a factcheck database: file is not a database", db);
    assert_int_equal(fc_diags_count(d), 1);
    assert_string_equal(diag_str(d, 0), want);
    fp = fopen(db, "rb");
    assert_non_null(fp);
    assert_int_equal(fread(buf, 1, 18, fp), 18);
    fclose(fp);
    assert_memory_equal(buf, "These are my notes", 18);
    fc_diags_free(d);
}

static void test_cannot_open(void **state) {
    char db[512], want[700];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    (void)state;
    path_in(db, sizeof db, "no/such/dir/x.db");
    assert_int_equal(fc_store_open(&s, db, d), FC_EIO);
    assert_null(s);
    snprintf(want, sizeof want,
             "%s: cannot open the database: unable to open database file", db);
    assert_string_equal(diag_str(d, 0), want);
    fc_diags_free(d);
}

/* ---- loading ----------------------------------------------------------------- */

static const char three_facts[] =
    "{\"id\": \"f1\", \"doc\": \"000\", \"metric\": \"sme.count\", "
    "\"subject\": \"china\", \"value\": 70000, \"unit\": \"count\", "
    "\"qualifier\": \"more_than\", \"interval\": [70000, 80000], "
    "\"period\": \"2022\"}\n"
    "\n"
    "{\"id\": \"f2\", \"doc\": \"000\", \"metric\": \"gdp.share\", "
    "\"basis\": \"gdp\", \"value\": 27.7, \"unit\": \"%\", "
    "\"period\": \"2021\"}\n"
    "{\"id\": \"f3\", \"doc\": \"001\", \"metric\": \"sme.count\", "
    "\"value\": 124000, \"period\": \"as-of 2024-03-08\", "
    "\"status\": \"actual\", \"speaker\": \"Jin\"}\n";

static void test_load_valid(void **state) {
    char facts[512];
    fc_store *s = NULL;
    fc_load_stats st;
    fc_diags *d = fc_diags_new();
    fc_fact *f;
    (void)state;
    write_file("three.jsonl", three_facts, facts, sizeof facts);
    assert_int_equal(fc_store_open(&s, NULL, d), FC_OK);
    assert_int_equal(load1(s, facts, &st, d), FC_OK);
    assert_int_equal(fc_diags_count(d), 0);
    assert_int_equal(st.files, 1);
    assert_int_equal(st.records, 3);
    assert_int_equal(st.added, 3);
    assert_int_equal(st.updated, 0);
    assert_int_equal(st.unchanged, 0);
    assert_int_equal(st.docs, 0);
    assert_int_equal(fc_store_fact_count(s), 3);

    f = get_fact(s, "f1");
    assert_non_null(f);
    assert_string_equal(f->doc, "000");
    assert_string_equal(f->metric, "sme.count");
    assert_string_equal(f->subject, "china");
    assert_null(f->basis);
    assert_true(f->value == 70000);
    assert_true(f->lo == 70000 && f->hi == 80000);
    assert_string_equal(f->qualifier, "more_than");
    assert_string_equal(f->period, "2022");
    assert_int_equal(f->span.start, -1);
    fc_fact_free(f);
    f = get_fact(s, "f3");
    assert_non_null(f);
    assert_string_equal(f->speaker, "Jin");
    assert_string_equal(f->status, "actual");
    assert_string_equal(f->period, "as-of 2024-03-08");
    assert_true(f->lo == 124000 && f->hi == 124000);
    fc_fact_free(f);
    fc_store_close(s);
    fc_diags_free(d);
}

/* The fields of what a figure measures are kept, and a change in one of
** them is an update. */
static void test_measure_fields_kept(void **state) {
    char facts[512];
    fc_store *s = NULL;
    fc_load_stats st;
    fc_fact *f;
    (void)state;
    write_file("m.jsonl",
               "{\"id\": \"m1\", \"doc\": \"000\", \"value\": 447,"
               " \"role\": \"change\", \"measured\": {\"text\": \"ports\","
               " \"start\": 3, \"end\": 8}, \"metric\": \"port.change\","
               " \"metric_source\": \"phrase\", \"confidence\": 0.5,"
               " \"population\": \"urban\", \"period\": \"2023\","
               " \"period_source\": \"document_date\","
               " \"base_period\": \"2022\"}\n",
               facts, sizeof facts);
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, facts, &st, NULL), FC_OK);
    f = get_fact(s, "m1");
    assert_non_null(f);
    assert_string_equal(f->role, "change");
    assert_string_equal(f->measured, "ports");
    assert_int_equal(f->measured_start, 3);
    assert_int_equal(f->measured_end, 8);
    assert_string_equal(f->metric_source, "phrase");
    assert_true(f->has_confidence && f->confidence == 0.5);
    assert_string_equal(f->population, "urban");
    assert_string_equal(f->period_source, "document_date");
    assert_string_equal(f->base_period, "2022");
    fc_fact_free(f);
    write_file("m.jsonl",
               "{\"id\": \"m1\", \"doc\": \"000\", \"value\": 447,"
               " \"role\": \"level\", \"measured\": {\"text\": \"ports\","
               " \"start\": 3, \"end\": 8}, \"metric\": \"port.change\","
               " \"metric_source\": \"phrase\", \"confidence\": 0.5,"
               " \"population\": \"urban\", \"period\": \"2023\","
               " \"period_source\": \"document_date\","
               " \"base_period\": \"2022\"}\n",
               facts, sizeof facts);
    assert_int_equal(load1(s, facts, &st, NULL), FC_OK);
    assert_int_equal(st.updated, 1);
    f = get_fact(s, "m1");
    assert_string_equal(f->role, "level");
    assert_null(f->speaker);
    fc_fact_free(f);
    fc_store_close(s);
}

static void test_load_twice_unchanged(void **state) {
    char facts[512], db[512];
    fc_store *s = NULL;
    fc_load_stats st;
    (void)state;
    write_file("three.jsonl", three_facts, facts, sizeof facts);
    path_in(db, sizeof db, "twice.db");
    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    assert_int_equal(load1(s, facts, &st, NULL), FC_OK);
    assert_int_equal(st.added, 3);
    assert_int_equal(load1(s, facts, &st, NULL), FC_OK);
    assert_int_equal(st.records, 3);
    assert_int_equal(st.added, 0);
    assert_int_equal(st.updated, 0);
    assert_int_equal(st.unchanged, 3);
    assert_int_equal(fc_store_fact_count(s), 3);
    fc_store_close(s);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM facts"), 3);
}

static void test_load_modified_updates(void **state) {
    char facts[512], facts2[512];
    fc_store *s = NULL;
    fc_load_stats st;
    fc_fact *f;
    fc_buf b;
    (void)state;
    write_file("three.jsonl", three_facts, facts, sizeof facts);
    fc_buf_init(&b);
    /* f2 changes its value, f4 is new, f1 is as it was */
    fc_buf_puts(&b,
                "{\"id\": \"f1\", \"doc\": \"000\", \"metric\": "
                "\"sme.count\", \"subject\": \"china\", \"value\": 70000, "
                "\"unit\": \"count\", \"qualifier\": \"more_than\", "
                "\"interval\": [70000, 80000], \"period\": \"2022\"}\n"
                "{\"id\": \"f2\", \"doc\": \"000\", \"metric\": "
                "\"gdp.share\", \"basis\": \"gdp\", \"value\": 27.8, "
                "\"unit\": \"%\", \"period\": \"2021\"}\n"
                "{\"id\": \"f4\", \"doc\": \"002\", \"value\": 1}\n");
    write_file("mod.jsonl", b.data, facts2, sizeof facts2);
    fc_buf_free(&b);
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, facts, &st, NULL), FC_OK);
    assert_int_equal(load1(s, facts2, &st, NULL), FC_OK);
    assert_int_equal(st.records, 3);
    assert_int_equal(st.added, 1);
    assert_int_equal(st.updated, 1);
    assert_int_equal(st.unchanged, 1);
    assert_int_equal(fc_store_fact_count(s), 4);
    f = get_fact(s, "f2");
    assert_non_null(f);
    assert_true(f->value == 27.8);
    assert_true(f->lo == 27.8 && f->hi == 27.8);
    fc_fact_free(f);
    fc_store_close(s);
}

/* 1,000 records, record 537 with a string for a value: nothing changes,
** and the diagnostic points at that value. */
static void test_one_bad_record_changes_nothing(void **state) {
    char facts[512], first[512], db[512], prefix[700], line[64];
    fc_store *s = NULL;
    fc_load_stats st;
    fc_diags *d = fc_diags_new();
    fc_buf b;
    int i;
    (void)state;
    fc_buf_init(&b);
    for (i = 1; i <= 1000; i++) {
        snprintf(line, sizeof line, "g%04d", i);
        if (i == 537)
            fc_buf_puts(&b, "{\"id\": \"g0537\", \"doc\": \"000\", "
                            "\"value\": \"7.058 million\"}\n");
        else
            fact_line(&b, line, "000", "sme.count", "2023", i);
    }
    write_file("thousand.jsonl", b.data, facts, sizeof facts);
    fc_buf_free(&b);
    write_file("first.jsonl",
               "{\"id\": \"g0001\", \"doc\": \"000\", \"value\": 5}\n", first,
               sizeof first);
    path_in(db, sizeof db, "bad.db");
    assert_int_equal(fc_store_open(&s, db, d), FC_OK);
    assert_int_equal(load1(s, first, NULL, d), FC_OK);
    assert_int_equal(fc_store_fact_count(s), 1);

    assert_int_equal(load1(s, facts, &st, d), FC_EINPUT);
    assert_int_equal(fc_store_fact_count(s), 1);
    assert_int_equal(st.added + st.updated + st.unchanged, 0);
    assert_int_equal(fc_diags_errors(d), 1);
    /* the value of "value" starts at column 40 of that line */
    snprintf(prefix, sizeof prefix,
             "%s:537:40: value: expected a number, got string "
             "\"7.058 million\"",
             facts);
    assert_string_equal(diag_str(d, 0), prefix);
    fc_store_close(s);
    /* another connection sees the first fact only, unchanged */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM facts"), 1);
    assert_int_equal(raw_int(db, "SELECT value FROM facts WHERE id='g0001'"),
                     5);
    fc_diags_free(d);
}

static void test_duplicate_across_files(void **state) {
    char a[512], b[512], want[1400];
    const char *paths[2];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_load_stats st;
    (void)state;
    write_file("a.jsonl",
               "{\"id\": \"f0\", \"doc\": \"000\", \"value\": 1}\n"
               "{\"id\": \"f2\", \"doc\": \"000\", \"value\": 1}\n"
               "{\"id\": \"f1\", \"doc\": \"000\", \"value\": 1}\n",
               a, sizeof a);
    write_file("b.jsonl", "{\"doc\": \"001\", \"id\": \"f1\", \"value\": 2}\n",
               b, sizeof b);
    paths[0] = a;
    paths[1] = b;
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_load_files(s, paths, 2, &st, d), FC_EINPUT);
    assert_int_equal(fc_store_fact_count(s), 0);
    assert_int_equal(st.files, 2);
    assert_int_equal(fc_diags_count(d), 1);
    snprintf(want, sizeof want,
             "%s:1:22: id: duplicate id \"f1\" (first in %s line 3)", b, a);
    assert_string_equal(diag_str(d, 0), want);
    fc_store_close(s);
    fc_diags_free(d);
}

/* Every bad record of every file is reported, and nothing is loaded. */
static void test_reports_every_file(void **state) {
    char a[512], b[512], c[512];
    const char *paths[3];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    char want[700];
    (void)state;
    write_file("a.jsonl", "{\"id\": \"x\", \"doc\": \"0\", \"value\": true}\n",
               a, sizeof a);
    write_file("b.jsonl", "{\"id\": \"y\", \"doc\": \"0\", \"value\": 1}\n", b,
               sizeof b);
    path_in(c, sizeof c, "missing.jsonl");
    paths[0] = a;
    paths[1] = b;
    paths[2] = c;
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_load_files(s, paths, 3, NULL, d), FC_EINPUT);
    assert_int_equal(fc_store_fact_count(s), 0);
    assert_int_equal(fc_diags_errors(d), 2);
    snprintf(want, sizeof want, "%s:1:34: value: expected a number, got true",
             a);
    assert_string_equal(diag_str(d, 0), want);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory",
             c);
    assert_string_equal(diag_str(d, 1), want);
    fc_store_close(s);
    fc_diags_free(d);
}

static void test_missing_file_is_eio(void **state) {
    char c[512];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    (void)state;
    path_in(c, sizeof c, "missing.jsonl");
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, c, NULL, d), FC_EIO);
    assert_int_equal(fc_diags_errors(d), 1);
    fc_store_close(s);
    fc_diags_free(d);
}

/* Write n facts "x00001".. with the record `bad` (1-based, 0: none)
** replaced by `bad_line`. */
static void write_many(const char *name, int n, int bad, const char *bad_line,
                       char *path, size_t size) {
    fc_buf b;
    int i;
    fc_buf_init(&b);
    for (i = 1; i <= n; i++) {
        char id[16];
        snprintf(id, sizeof id, "x%05d", i);
        if (i == bad)
            fc_buf_puts(&b, bad_line);
        else
            fact_line(&b, id, i % 2 ? "000" : "001", "sme.count", "2023", i);
    }
    write_file(name, b.data, path, size);
    fc_buf_free(&b);
}

/* Loads of several batches go through the writer thread. */
static void test_large_load(void **state) {
    char facts[512], db[512];
    fc_store *s = NULL;
    fc_load_stats st;
    fc_fact *f;
    (void)state;
    write_many("large.jsonl", 10000, 0, NULL, facts, sizeof facts);
    path_in(db, sizeof db, "large.db");
    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    assert_int_equal(load1(s, facts, &st, NULL), FC_OK);
    assert_int_equal(st.records, 10000);
    assert_int_equal(st.added, 10000);
    assert_int_equal(fc_store_fact_count(s), 10000);
    assert_int_equal(load1(s, facts, &st, NULL), FC_OK);
    assert_int_equal(st.added, 0);
    assert_int_equal(st.updated, 0);
    assert_int_equal(st.unchanged, 10000);
    f = get_fact(s, "x09999");
    assert_non_null(f);
    assert_true(f->value == 9999);
    assert_string_equal(f->doc, "000");
    fc_fact_free(f);
    fc_store_close(s);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM facts"), 10000);
}

/* A bad record after several batches went to the writer: rolled back. */
static void test_large_load_bad_record(void **state) {
    char facts[512], first[512], want[700];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_load_stats st;
    (void)state;
    write_many("large.jsonl", 10000, 9500,
               "{\"id\": \"x09500\", \"doc\": \"000\", \"value\": 1, "
               "\"period\": \"2023-02-30\"}\n",
               facts, sizeof facts);
    write_file("first.jsonl", "{\"id\": \"x00001\", \"doc\": \"0\", "
                              "\"value\": 5}\n",
               first, sizeof first);
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, first, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, facts, &st, d), FC_EINPUT);
    assert_int_equal(st.records, 9999);
    assert_int_equal(st.added + st.updated + st.unchanged, 0);
    assert_int_equal(fc_store_fact_count(s), 1);
    assert_int_equal(fc_diags_count(d), 1);
    snprintf(want, sizeof want,
             "%s:9500:54: period: impossible date \"2023-02-30\"", facts);
    assert_string_equal(diag_str(d, 0), want);
    fc_store_close(s);
    fc_diags_free(d);
}

/* A database failure in the middle of a load, in the calling thread (a
** small load) and in the writer (a large one): reported, rolled back. */
static void test_database_failure_rolls_back(void **state) {
    char small[512], large[512], db[512], want[700];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    int i;
    (void)state;
    path_in(db, sizeof db, "fail.db");
    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    raw_exec(db, "CREATE TRIGGER boom BEFORE INSERT ON facts"
                 " WHEN NEW.id = 'x00007' OR NEW.id = 'x07000'"
                 " BEGIN SELECT RAISE(ABORT, 'boom'); END;");
    write_many("small.jsonl", 10, 0, NULL, small, sizeof small);
    write_many("large.jsonl", 10000, 0, NULL, large, sizeof large);
    snprintf(want, sizeof want,
             "%s: database error while storing facts: boom", db);
    for (i = 0; i < 2; i++) {
        fc_diags_clear(d);
        assert_int_equal(load1(s, i ? large : small, NULL, d), FC_EINTERNAL);
        assert_int_equal(fc_diags_count(d), 1);
        assert_string_equal(diag_str(d, 0), want);
        assert_string_equal(fc_store_errmsg(s), "boom");
        assert_int_equal(fc_store_fact_count(s), 0);
    }
    fc_store_close(s);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM facts"), 0);
    fc_diags_free(d);
}

/* ---- spans against stored documents ---------------------------------------- */

static const char doc000[] =
    "Press conference\n"
    "The added value reached 40 trillion yuan, and there are 7.058 million\n"
    "enterprises.\n";

static void test_span_past_document(void **state) {
    char facts[512], want[700];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_manifest *m = make_manifest(1, "000", doc000);
    fc_buf b;
    long long far_off;
    int i;
    (void)state;
    fc_buf_init(&b);
    for (i = 0; i < 999; i++) {
        char id[16];
        snprintf(id, sizeof id, "s%03d", i);
        fact_line(&b, id, "000", "x", NULL, i);
    }
    far_off = (long long)b.len + 71;
    fc_buf_puts(&b, "{\"id\": \"far\", \"doc\": \"000\", \"value\": 1, "
                    "\"span\": {\"start\": 9000, \"end\": 9001}}\n");
    write_file("far.jsonl", b.data, facts, sizeof facts);
    fc_buf_free(&b);
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_put_manifest(s, m, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, facts, NULL, d), FC_EINPUT);
    assert_int_equal(fc_store_fact_count(s), 0);
    assert_int_equal(fc_diags_count(d), 1);
    snprintf(want, sizeof want,
             "%s:1000:72: span: end 9001 is past the end of document "
             "\"000\" (%zu bytes)",
             facts, strlen(doc000));
    assert_string_equal(diag_str(d, 0), want);
    /* the byte offset of the span object in the file */
    assert_int_equal(fc_diags_get(d, 0)->offset, far_off);
    fc_store_close(s);
    free_manifest(m);
    fc_diags_free(d);
}

static void test_text_mismatch(void **state) {
    char facts[512], want[800];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_manifest *m = make_manifest(1, "000", doc000);
    const char *at = strstr(doc000, "7.058 million");
    long long start = at - doc000;
    char text[512];
    fc_fact *f;
    (void)state;
    /* good: the text is at the span; line and column come from the doc */
    snprintf(text, sizeof text,
             "{\"id\": \"ok\", \"doc\": \"000\", \"value\": 7058000, "
             "\"text\": \"7.058 million\", \"span\": {\"start\": %lld, "
             "\"end\": %lld}}\n",
             start, start + 13);
    write_file("ok.jsonl", text, facts, sizeof facts);
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_put_manifest(s, m, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, facts, NULL, d), FC_OK);
    assert_int_equal(fc_diags_count(d), 0);
    f = get_fact(s, "ok");
    assert_non_null(f);
    assert_int_equal(f->span.start, start);
    assert_int_equal(f->span.end, start + 13);
    assert_int_equal(f->span.line, 2);
    assert_int_equal(f->span.column, 57);
    fc_fact_free(f);

    /* bad: the span is off by two bytes */
    snprintf(text, sizeof text,
             "{\"id\": \"bad\", \"doc\": \"000\", \"value\": 7058000, "
             "\"text\": \"7.058 million\", \"span\": {\"start\": %lld, "
             "\"end\": %lld}}\n",
             start - 2, start + 11);
    write_file("bad.jsonl", text, facts, sizeof facts);
    assert_int_equal(load1(s, facts, NULL, d), FC_EINPUT);
    assert_int_equal(fc_store_fact_count(s), 1);
    snprintf(want, sizeof want,
             "%s:1:55: text: \"7.058 million\" does not match the document "
             "at bytes %lld..%lld, which read \"e 7.058 milli\"",
             facts, start - 2, start + 11);
    assert_string_equal(diag_str(d, 0), want);
    fc_store_close(s);
    free_manifest(m);
    fc_diags_free(d);
}

/* Documents and facts together: a bad fact keeps the documents out too. */
static void test_load_with_manifest_atomic(void **state) {
    char facts[512];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_manifest *m = make_manifest(2, "000", doc000, "001", "short");
    const char *paths[1];
    fc_load_stats st;
    fc_doc *doc = NULL;
    (void)state;
    write_file("m.jsonl",
               "{\"id\": \"a\", \"doc\": \"000\", \"value\": 1, \"span\": "
               "{\"start\": 0, \"end\": 5}, \"text\": \"Press\"}\n"
               "{\"id\": \"b\", \"doc\": \"001\", \"value\": 1, \"span\": "
               "{\"start\": 0, \"end\": 6}}\n",
               facts, sizeof facts);
    paths[0] = facts;
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    /* the manifest's own documents are checked, before they are stored */
    assert_int_equal(fc_store_load(s, m, paths, 1, &st, d), FC_EINPUT);
    assert_int_equal(st.docs, 0);
    assert_int_equal(fc_store_get_doc(s, "000", &doc), FC_OK);
    assert_null(doc);
    assert_int_equal(fc_store_fact_count(s), 0);
    assert_int_equal(fc_diags_count(d), 1);
    assert_string_equal(fc_diags_get(d, 0)->text,
                        "end 6 is past the end of document \"001\" (5 bytes)");

    write_file("m.jsonl",
               "{\"id\": \"a\", \"doc\": \"000\", \"value\": 1, \"span\": "
               "{\"start\": 0, \"end\": 5}, \"text\": \"Press\"}\n",
               facts, sizeof facts);
    assert_int_equal(fc_store_load(s, m, paths, 1, &st, NULL), FC_OK);
    assert_int_equal(st.docs, 2);
    assert_int_equal(st.added, 1);
    assert_int_equal(fc_store_get_doc(s, "001", &doc), FC_OK);
    assert_non_null(doc);
    assert_string_equal(doc->text, "short");
    fc_doc_free(doc);
    fc_store_close(s);
    free_manifest(m);
    fc_diags_free(d);
}

/* With a manifest, every fact names one of its documents: one that does
** not is refused at its doc field, each time, and nothing is stored. */
static void test_doc_not_in_manifest(void **state) {
    char facts[512], want[700];
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_manifest *m = make_manifest(2, "000", doc000, "001", "short");
    const char *paths[1];
    fc_load_stats st;
    fc_doc *doc = NULL;
    (void)state;
    write_file("nm.jsonl",
               "{\"id\": \"a\", \"doc\": \"000\", \"value\": 1}\n"
               "{\"id\": \"b\", \"doc\": \"002\", \"value\": 1}\n"
               "{\"id\": \"c\", \"doc\": \"002\", \"value\": 2}\n",
               facts, sizeof facts);
    paths[0] = facts;
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_load(s, m, paths, 1, &st, d), FC_EINPUT);
    assert_int_equal(st.docs, 0);
    assert_int_equal(fc_store_fact_count(s), 0);
    assert_int_equal(fc_store_get_doc(s, "000", &doc), FC_OK);
    assert_null(doc);
    assert_int_equal(fc_diags_count(d), 2);
    snprintf(want, sizeof want,
             "%s:2:20: doc: unknown document \"002\": the manifest does "
             "not name it (expected one of its ids: \"000\", \"001\")",
             facts);
    assert_string_equal(diag_str(d, 0), want);
    snprintf(want, sizeof want,
             "%s:3:20: doc: unknown document \"002\": the manifest does "
             "not name it (expected one of its ids: \"000\", \"001\")",
             facts);
    assert_string_equal(diag_str(d, 1), want);
    /* without a manifest the same facts load */
    assert_int_equal(fc_store_load(s, NULL, paths, 1, &st, NULL), FC_OK);
    assert_int_equal(fc_store_fact_count(s), 3);
    fc_store_close(s);
    free_manifest(m);
    fc_diags_free(d);
}

/* A manifest read by fc_manifest_load, stored with facts in one load. */
static void test_manifest_file(void **state) {
    char doc[512], man[512], facts[512], want[700];
    fc_manifest *m = NULL;
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    const char *paths[1];
    fc_load_stats st;
    fc_doc *got = NULL;
    (void)state;
    write_file("000.txt", doc000, doc, sizeof doc);
    write_file("manifest.json",
               "{\"documents\": [{\"id\": \"000\", \"path\": \"000.txt\", "
               "\"published\": \"2023-03-02\", \"title\": \"Press\", "
               "\"authority\": \"press\"}]}\n",
               man, sizeof man);
    write_file("f.jsonl",
               "{\"id\": \"a\", \"doc\": \"000\", \"value\": 40, "
               "\"text\": \"Press\", \"span\": {\"start\": 0, \"end\": 5}}\n"
               "{\"id\": \"b\", \"doc\": \"000\", \"value\": 40, "
               "\"text\": \"40 trillion\", \"span\": {\"start\": 33, "
               "\"end\": 44}}\n",
               facts, sizeof facts);
    paths[0] = facts;
    assert_int_equal(fc_manifest_load(&m, man, NULL, d), FC_OK);
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_load(s, m, paths, 1, &st, d), FC_EINPUT);
    snprintf(want, sizeof want,
             "%s:2:48: text: \"40 trillion\" does not match the document at "
             "bytes 33..44, which read \"reached 40 \"",
             facts);
    assert_string_equal(diag_str(d, 0), want);
    assert_int_equal(fc_store_get_doc(s, "000", &got), FC_OK);
    assert_null(got);
    /* the figure is at 41..52 */
    write_file("f.jsonl",
               "{\"id\": \"a\", \"doc\": \"000\", \"value\": 40, "
               "\"text\": \"Press\", \"span\": {\"start\": 0, \"end\": 5}}\n"
               "{\"id\": \"b\", \"doc\": \"000\", \"value\": 40, "
               "\"text\": \"40 trillion\", \"span\": {\"start\": 41, "
               "\"end\": 52}}\n",
               facts, sizeof facts);
    fc_diags_clear(d);
    assert_int_equal(fc_store_load(s, m, paths, 1, &st, d), FC_OK);
    assert_int_equal(st.docs, 1);
    assert_int_equal(st.added, 2);
    assert_int_equal(fc_store_get_doc(s, "000", &got), FC_OK);
    assert_non_null(got);
    assert_string_equal(got->text, doc000);
    assert_string_equal(got->sha256, m->docs[0]->sha256);
    assert_string_equal(got->path, "000.txt");
    assert_string_equal(got->title, "Press");
    fc_doc_free(got);
    fc_store_close(s);
    fc_manifest_free(m);
    fc_diags_free(d);
}

/* ---- queries ----------------------------------------------------------------- */

static void test_each_fact_order_and_filters(void **state) {
    char facts[512];
    fc_store *s = NULL;
    fc_buf b;
    (void)state;
    fc_buf_init(&b);
    fact_line(&b, "p5", "001", "sme.count", "2024", 5);
    fact_line(&b, "p1", "000", "sme.count", "2023", 1);
    fact_line(&b, "p2", "001", "sme.count", "2023-03", 2);
    fact_line(&b, "p3", "000", "sme.count", "as-of 2023-12-31", 3);
    fact_line(&b, "p4", "000", "sme.count", "2022/2023", 4);
    fact_line(&b, "q1", "000", "sme.growth", "2023", 1);
    fact_line(&b, "r1", "002", "industry.share", "2023", 1);
    fact_line(&b, "r2", "002", "industry[1].share", NULL, 1);
    fact_line(&b, "r3", "002", "industry.shares", "2023", 1);
    fc_buf_puts(&b, "{\"id\": \"n1\", \"doc\": \"003\", \"value\": 1}\n");
    fc_buf_puts(&b, "{\"id\": \"n0\", \"doc\": \"003\", \"value\": 1}\n");
    write_file("q.jsonl", b.data, facts, sizeof facts);
    fc_buf_free(&b);
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, facts, NULL, NULL), FC_OK);

    /* metric, subject, period (first day), doc, span, id; NULLs first */
    assert_string_equal(ids_of(s, NULL, NULL, NULL),
                        "n0 n1 r1 r3 r2 p4 p1 p2 p3 p5 q1");
    assert_string_equal(ids_of(s, "sme.*", NULL, NULL),
                        "p4 p1 p2 p3 p5 q1");
    assert_string_equal(ids_of(s, "sme.count", NULL, NULL),
                        "p4 p1 p2 p3 p5");
    assert_string_equal(ids_of(s, "*.growth", NULL, NULL), "q1");
    assert_string_equal(ids_of(s, "industry.share?", NULL, NULL), "r3");
    assert_string_equal(ids_of(s, "industry?share", NULL, NULL), "r1");
    /* '[' is a plain character, as in fc_glob_match */
    assert_string_equal(ids_of(s, "industry[1]*", NULL, NULL), "r2");
    assert_string_equal(ids_of(s, "industry[1]", NULL, NULL), "");
    assert_string_equal(ids_of(s, "*", NULL, NULL),
                        "n0 n1 r1 r3 r2 p4 p1 p2 p3 p5 q1");
    assert_string_equal(ids_of(s, "nothing*", NULL, NULL), "");
    assert_string_equal(ids_of(s, NULL, "000", NULL), "p4 p1 p3 q1");
    assert_string_equal(ids_of(s, NULL, "00", NULL), "");
    /* a year: periods inside it, not spans that reach past it */
    assert_string_equal(ids_of(s, NULL, NULL, "2023"), "r1 r3 p1 p2 p3 q1");
    assert_string_equal(ids_of(s, NULL, NULL, "2023-03"), "p2");
    assert_string_equal(ids_of(s, NULL, NULL, "2022/2023"), "p4");
    assert_string_equal(ids_of(s, NULL, NULL, "2022"), "");
    assert_string_equal(ids_of(s, "sme.count", "000", "2023"), "p1 p3");
    fc_store_close(s);
}

static int nested_fn(void *ctx, const fc_fact *f, const fc_loc *loc) {
    fc_store *s = ctx;
    collect c;
    fc_fact_filter flt = {NULL, NULL, NULL};
    (void)loc;
    (void)f;
    memset(&c, 0, sizeof c);
    assert_int_equal(fc_store_each_fact(s, &flt, collect_fn, &c), FC_OK);
    assert_string_equal(c.ids, "a b");
    return FC_OK;
}

static int stop_fn(void *ctx, const fc_fact *f, const fc_loc *loc) {
    int *n = ctx;
    (void)f;
    (void)loc;
    return ++*n == 1 ? 77 : FC_OK;
}

static void test_each_fact_nested_and_stop(void **state) {
    char facts[512];
    fc_store *s = NULL;
    int n = 0;
    (void)state;
    write_file("n.jsonl",
               "{\"id\": \"b\", \"doc\": \"0\", \"value\": 1}\n"
               "{\"id\": \"a\", \"doc\": \"0\", \"value\": 1}\n",
               facts, sizeof facts);
    assert_int_equal(fc_store_open(&s, NULL, NULL), FC_OK);
    assert_int_equal(load1(s, facts, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_each_fact(s, NULL, nested_fn, s), FC_OK);
    assert_int_equal(fc_store_each_fact(s, NULL, stop_fn, &n), 77);
    assert_int_equal(n, 1);
    /* the statement is usable again after a stop */
    assert_string_equal(ids_of(s, NULL, NULL, NULL), "a b");
    fc_store_close(s);
}

typedef struct doclist {
    char ids[256];
    char sha[2][65];
    int n;
} doclist;

static int doc_fn(void *ctx, const fc_doc *doc) {
    doclist *l = ctx;
    size_t len = strlen(l->ids);
    snprintf(l->ids + len, sizeof l->ids - len, "%s%s", len ? " " : "",
             doc->id);
    if (l->n < 2) memcpy(l->sha[l->n], doc->sha256, 65);
    l->n++;
    return FC_OK;
}

static void test_documents_round_trip(void **state) {
    char db[512];
    fc_store *s = NULL;
    fc_manifest *m = make_manifest(2, "b", "second\n", "a", "first\nline 2\n");
    fc_manifest *m2;
    fc_load_stats st;
    fc_doc *doc = NULL;
    doclist l;
    (void)state;
    free(m->docs[1]->title);
    m->docs[1]->title = fc_strdup("First");
    free(m->docs[1]->published);
    m->docs[1]->published = fc_strdup("2023-03-02");
    free(m->docs[1]->authority);
    m->docs[1]->authority = fc_strdup("official");
    m->docs[1]->source = fc_strdup("https://example.org/first");
    path_in(db, sizeof db, "docs.db");
    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    assert_int_equal(fc_store_put_manifest(s, m, &st, NULL), FC_OK);
    assert_int_equal(st.docs, 2);
    assert_int_equal(fc_store_put_manifest(s, m, &st, NULL), FC_OK);
    assert_int_equal(st.docs, 0);
    fc_store_close(s);

    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    memset(&l, 0, sizeof l);
    assert_int_equal(fc_store_each_doc(s, doc_fn, &l), FC_OK);
    assert_string_equal(l.ids, "a b");
    assert_string_equal(l.sha[0], m->docs[1]->sha256);
    assert_string_equal(l.sha[1], m->docs[0]->sha256);

    assert_int_equal(fc_store_get_doc(s, "a", &doc), FC_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "a");
    assert_string_equal(doc->path, "a.txt");
    assert_string_equal(doc->title, "First");
    assert_string_equal(doc->published, "2023-03-02");
    assert_string_equal(doc->authority, "official");
    assert_string_equal(doc->source, "https://example.org/first");
    assert_null(doc->publisher);
    assert_null(doc->event);
    assert_int_equal(doc->len, 13);
    assert_string_equal(doc->text, "first\nline 2\n");
    assert_string_equal(doc->sha256, m->docs[1]->sha256);
    assert_int_equal(doc->nlines, 2);
    fc_doc_free(doc);
    assert_int_equal(fc_store_get_doc(s, "zzz", &doc), FC_OK);
    assert_null(doc);

    /* new content for "b": one document updated */
    m2 = make_manifest(1, "b", "second, revised\n");
    assert_int_equal(fc_store_put_manifest(s, m2, &st, NULL), FC_OK);
    assert_int_equal(st.docs, 1);
    assert_int_equal(fc_store_get_doc(s, "b", &doc), FC_OK);
    assert_string_equal(doc->text, "second, revised\n");
    assert_string_equal(doc->sha256, m2->docs[0]->sha256);
    fc_doc_free(doc);
    fc_store_close(s);
    assert_int_equal(raw_int(db, "SELECT bytes FROM documents WHERE id='b'"),
                     16);
    free_manifest(m);
    free_manifest(m2);
}

/* ---- concurrency --------------------------------------------------------------- */

static void test_two_handles(void **state) {
    char db[512], facts[512];
    fc_store *s1 = NULL, *s2 = NULL;
    (void)state;
    path_in(db, sizeof db, "two.db");
    write_file("three.jsonl", three_facts, facts, sizeof facts);
    assert_int_equal(fc_store_open(&s1, db, NULL), FC_OK);
    assert_int_equal(fc_store_open(&s2, db, NULL), FC_OK);
    assert_int_equal(fc_store_fact_count(s2), 0);
    assert_int_equal(load1(s1, facts, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_fact_count(s2), 3);
    /* f3 has no subject: NULLs sort first */
    assert_string_equal(ids_of(s2, "sme.*", NULL, NULL), "f3 f1");
    fc_store_close(s1);
    fc_store_close(s2);
}

static void test_busy_database(void **state) {
    char db[512], facts[512], want[700];
    fc_store *s = NULL;
    sqlite3 *h;
    fc_diags *d = fc_diags_new();
    (void)state;
    path_in(db, sizeof db, "busy.db");
    write_file("three.jsonl", three_facts, facts, sizeof facts);
    assert_int_equal(fc_store_open(&s, db, NULL), FC_OK);
    /* another connection holds the write lock */
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(load1(s, facts, NULL, d), FC_EINTERNAL);
    snprintf(want, sizeof want,
             "%s: the database is locked by another connection; gave up "
             "starting a transaction after waiting 5 seconds (database is "
             "locked)",
             db);
    assert_string_equal(diag_str(d, 0), want);
    assert_string_equal(fc_store_errmsg(s), "database is locked");
    sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(h);
    /* and works once the lock is gone */
    assert_int_equal(load1(s, facts, NULL, NULL), FC_OK);
    assert_int_equal(fc_store_fact_count(s), 3);
    fc_store_close(s);
    fc_diags_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_open_memory, clean),
        cmocka_unit_test_setup(test_create_file_schema, clean),
        cmocka_unit_test_setup(test_reopen_keeps_facts, clean),
        cmocka_unit_test_setup(test_upgrade_from_version_0, clean),
        cmocka_unit_test_setup(test_foreign_tables_refused, clean),
        cmocka_unit_test_setup(test_newer_version_refused, clean),
        cmocka_unit_test_setup(test_not_a_database, clean),
        cmocka_unit_test_setup(test_cannot_open, clean),
        cmocka_unit_test_setup(test_load_valid, clean),
        cmocka_unit_test_setup(test_measure_fields_kept, clean),
        cmocka_unit_test_setup(test_load_twice_unchanged, clean),
        cmocka_unit_test_setup(test_load_modified_updates, clean),
        cmocka_unit_test_setup(test_one_bad_record_changes_nothing, clean),
        cmocka_unit_test_setup(test_duplicate_across_files, clean),
        cmocka_unit_test_setup(test_reports_every_file, clean),
        cmocka_unit_test_setup(test_missing_file_is_eio, clean),
        cmocka_unit_test_setup(test_large_load, clean),
        cmocka_unit_test_setup(test_large_load_bad_record, clean),
        cmocka_unit_test_setup(test_database_failure_rolls_back, clean),
        cmocka_unit_test_setup(test_span_past_document, clean),
        cmocka_unit_test_setup(test_text_mismatch, clean),
        cmocka_unit_test_setup(test_load_with_manifest_atomic, clean),
        cmocka_unit_test_setup(test_doc_not_in_manifest, clean),
        cmocka_unit_test_setup(test_manifest_file, clean),
        cmocka_unit_test_setup(test_each_fact_order_and_filters, clean),
        cmocka_unit_test_setup(test_each_fact_nested_and_stop, clean),
        cmocka_unit_test_setup(test_documents_round_trip, clean),
        cmocka_unit_test_setup(test_two_handles, clean),
        cmocka_unit_test_setup(test_busy_database, clean),
    };
    return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
