/*
** testcorpus.h -- helpers of the tests that extract, load and check a
** corpus and look for findings (test_check.c over the seeds,
** test_realtext_mutations.c over the real-text excerpts).  Include after
** cmocka.h, internal.h and testutil.h.
*/
#ifndef FC_TESTCORPUS_H
#define FC_TESTCORPUS_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Functions each including file may or may not use. */
#define TC_FN static __attribute__((unused))

/* ---- files --------------------------------------------------------------- */

TC_FN char *slurp(const char *path, size_t *len) {
    char *buf = NULL;
    size_t n = 0;
    fc_diags *d = fc_diags_new();
    int rc = fc_read_file(path, &buf, &n, d);
    if (rc != FC_OK) print_diags(d);
    fc_diags_free(d);
    assert_int_equal(rc, FC_OK);
    if (len) *len = n;
    return buf;
}

TC_FN void spill(const char *path, const char *data, size_t len) {
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

TC_FN size_t count_of(const char *hay, size_t len, const char *needle) {
    size_t n = 0, k = strlen(needle), i;
    for (i = 0; k && i + k <= len; i++)
        if (memcmp(hay + i, needle, k) == 0) n++;
    return n;
}

TC_FN void remove_dir(const char *dir) {
    DIR *dp = opendir(dir);
    struct dirent *e;
    char path[1024];
    if (!dp) return;
    while ((e = readdir(dp)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(dp);
    rmdir(dir);
}

/* ---- a run: a corpus extracted, loaded and checked ----------------------- */

typedef struct run {
    char dir[512];      /* a copy of the corpus, or "" */
    fc_manifest *m;
    fc_store *s;
    fc_findings *fs;
    char *facts;        /* JSON Lines of every document's facts */
    size_t len;
} run;

TC_FN int to_jsonl(void *p, const fc_fact *f, const fc_loc *loc) {
    fc_buf *b = p;
    char *line = fc_fact_to_json(f);
    (void)loc;
    if (!line) return FC_ENOMEM;
    fc_buf_puts(b, line);
    fc_buf_putc(b, '\n');
    free(line);
    return b->oom ? FC_ENOMEM : FC_OK;
}

TC_FN void run_free(run *r) {
    fc_findings_free(r->fs);
    fc_store_close(r->s);
    fc_manifest_free(r->m);
    free(r->facts);
    if (r->dir[0]) remove_dir(r->dir);
    memset(r, 0, sizeof *r);
}

/* ---- findings ------------------------------------------------------------ */

TC_FN int str_eq(const char *a, const char *b) {
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

/* Index of the fact of f from document doc whose text is quote, else -1. */
TC_FN int fact_at(const fc_finding *f, const char *doc, const char *quote) {
    size_t k;
    for (k = 0; k < f->nfacts; k++)
        if (str_eq(f->facts[k]->doc, doc) && str_eq(f->facts[k]->text, quote))
            return (int)k;
    return -1;
}

TC_FN size_t count_rule(const fc_findings *fs, const char *rule) {
    size_t i, n = 0;
    for (i = 0; i < fc_findings_count(fs); i++)
        if (!strcmp(fc_findings_get(fs, i)->rule, rule)) n++;
    return n;
}

/* Whether any finding of rule (NULL: any) has a fact of doc with text. */
TC_FN int any_with(const fc_findings *fs, const char *rule,
                  const char *doc, const char *quote) {
    size_t i;
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (rule && strcmp(f->rule, rule) != 0) continue;
        if (fact_at(f, doc, quote) >= 0) return 1;
    }
    return 0;
}

typedef struct want {
    const char *doc, *anchor, *quote, *role;
} want;

/* Assert that the fact sits exactly where w says, in the run's documents. */
TC_FN void assert_span(const run *r, const fc_fact *x, const want *w) {
    const fc_doc *doc = fc_manifest_get(r->m, w->doc);
    const char *a, *q;
    long long start, end;
    assert_non_null(doc);
    if (count_of(doc->text, doc->len, w->anchor) != 1)
        fail_msg("anchor \"%s\" is not unique in document %s", w->anchor,
                 w->doc);
    a = strstr(doc->text, w->anchor);
    q = strstr(w->anchor, w->quote);
    assert_non_null(q);
    start = (long long)(a - doc->text) + (long long)(q - w->anchor);
    end = start + (long long)strlen(w->quote);
    if (x->span.start != start || x->span.end != end)
        fail_msg("%s \"%s\": span [%lld,%lld), expected [%lld,%lld)", w->doc,
                 w->quote, x->span.start, x->span.end, start, end);
    assert_true(x->span.end <= (long long)doc->len);
    assert_memory_equal(doc->text + x->span.start, w->quote, strlen(w->quote));
    assert_string_equal(x->text, w->quote);
}

#endif /* FC_TESTCORPUS_H */
