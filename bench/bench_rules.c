/*
** bench_rules.c -- how fast fc_rules_load validates a rulebook of many
** rules, beside a baseline measured in the same run on the same file:
**
**   jansson parse     json_loadb and json_decref of the file, nothing else
**   rules load        fc_rules_load of the folder: parse, validate every
**                     rule (ids, kinds, fields, patterns, messages), find
**                     duplicate ids
**
** Both are measured at N and at N/10 rules (FC_BENCH_RULES_N, default
** 100,000): validation is linear when the ratio of the two loads follows
** the ratio of the two parses.  The rules are generated into a temporary
** folder, removed at the end; each measure takes the best of three runs.
**
** Usage: bench_rules      (FC_BENCH_RULES_N rules, default 100000)
** Exit status: 0, or 1 if a measure failed (or, with FC_BENCH_STRICT=1, if
** the load at N takes more than 40 times the parse at N, or grows from
** N/10 to N more than twice as fast as the parse).  The same is a row of
** the report (bench_row), with this process's peak memory.
*/
#define _DEFAULT_SOURCE 1

#include "internal.h"
#include "bench.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_N 100000L

/* A rules file of n rules of the kinds whose validation does the most
** (patterns, expressions, placeholders), one a line. */
static int gen_rules(const char *path, long n) {
    FILE *fp = fopen(path, "wb");
    long i;
    if (!fp) return 1;
    fputs("{\"rules\": [\n", fp);
    for (i = 0; i < n; i++) {
        const char *sep = i + 1 == n ? "\n" : ",\n";
        switch (i % 3) {
        case 0:
            fprintf(fp,
                    "{\"id\": \"agree-%ld\", \"kind\": \"agree\", "
                    "\"description\": \"figures of m%ld agree\", \"select\": "
                    "{\"metric\": \"m%ld.*\"}, \"severity\": \"warning\", "
                    "\"message\": \"{a.doc} and {b.doc} differ on "
                    "{metric}\"}%s",
                    i, i, i, sep);
            break;
        case 1:
            fprintf(fp,
                    "{\"id\": \"derive-%ld\", \"kind\": \"derive\", "
                    "\"description\": \"m%ld is a share of total\", "
                    "\"left\": \"m%ld\", \"expr\": \"m%ld.share / 100 * "
                    "total%ld\", \"severity\": \"error\", \"message\": "
                    "\"{a.doc} gives {a.value}, expected {expected}\"}%s",
                    i, i, i, i, i, sep);
            break;
        default:
            fprintf(fp,
                    "{\"id\": \"text-%ld\", \"kind\": \"text\", "
                    "\"description\": \"plan %ld\", \"pattern\": "
                    "\"(?<n>[0-9]+)th plan %ld\", \"condition\": \"n > "
                    "doc_year\", \"severity\": \"info\", \"message\": "
                    "\"plan {n} in {doc_year}\"}%s",
                    i, i, i, sep);
            break;
        }
    }
    fputs("]}\n", fp);
    return fclose(fp) != 0;
}

static int time_parse(const char *path, double *secs) {
    char *buf;
    size_t len;
    double t0;
    json_t *root;
    json_error_t err;
    if (fc_read_file(path, &buf, &len, NULL) != FC_OK) return 1;
    t0 = bench_cpu_now();
    root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    json_decref(root);
    *secs = bench_cpu_now() - t0;
    free(buf);
    return root == NULL;
}

static int time_load(const char *dir, size_t want, double *secs) {
    fc_diags *d = fc_diags_new();
    fc_rules *rs = NULL;
    const char *dirs[1];
    double t0;
    int st;
    dirs[0] = dir;
    t0 = bench_cpu_now();
    st = fc_rules_load(&rs, dirs, 1, NULL, d);
    *secs = bench_cpu_now() - t0;
    if (st != FC_OK || fc_rules_count(rs) != want) {
        char line[1024];
        if (fc_diags_count(d)) {
            fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
            fprintf(stderr, "bench_rules: %s\n", line);
        }
        st = 1;
    }
    fc_rules_free(rs);
    fc_diags_free(d);
    return st != FC_OK;
}

/* Best of three of each measure for a file of n rules. */
static int measure(const char *dir, long n, double *parse, double *load) {
    char path[600];
    int k, bad = 0;
    snprintf(path, sizeof path, "%s/many.json", dir);
    if (gen_rules(path, n)) return 1;
    *parse = *load = 1e9;
    for (k = 0; k < 3 && !bad; k++) {
        double p = 0, l = 0;
        bad = time_parse(path, &p) || time_load(dir, (size_t)n, &l);
        if (p < *parse) *parse = p;
        if (l < *load) *load = l;
    }
    remove(path);
    return bad;
}

int main(void) {
    const char *env = getenv("FC_BENCH_RULES_N");
    const char *tmp = getenv("TMPDIR");
    long n = env ? strtol(env, NULL, 10) : DEFAULT_N;
    char dir[512];
    double p1, l1, p10, l10;
    int strict = getenv("FC_BENCH_STRICT") &&
                 !strcmp(getenv("FC_BENCH_STRICT"), "1");
    int bad;
    if (n < 10) n = DEFAULT_N;
    snprintf(dir, sizeof dir, "%s/fc-bench-rules-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("bench_rules: mkdtemp");
        return 1;
    }
    bad = measure(dir, n / 10, &p10, &l10) || measure(dir, n, &p1, &l1);
    rmdir(dir);
    if (bad) {
        fprintf(stderr, "bench_rules: a measure failed\n");
        return 1;
    }
    printf("  %-8s %14s %14s %8s\n", "rules", "jansson parse", "rules load",
           "ratio");
    printf("  %-8ld %12.3f s %12.3f s %8.1f\n", n / 10, p10, l10,
           p10 > 0 ? l10 / p10 : 0);
    printf("  %-8ld %12.3f s %12.3f s %8.1f\n", n, p1, l1,
           p1 > 0 ? l1 / p1 : 0);
    printf("  growth from %ld to %ld rules: parse x%.1f, load x%.1f (linear: "
           "x10)\n",
           n / 10, n, p10 > 0 ? p1 / p10 : 0, l10 > 0 ? l1 / l10 : 0);
    {
        /* this process's peak: both sizes, generation included (the
           measures run here, not in children of their own) */
        struct rusage ru;
        long peak = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
        int met = l1 <= 40 * p1 &&
                  !(p10 > 0 && l10 > 0 && l1 / l10 > 2 * (p1 / p10));
        char what[64], figure[96], bl[96];
        snprintf(what, sizeof what, "load and validate %ld rules", n);
        snprintf(figure, sizeof figure, "%.3f s; x%.1f from N/10", l1,
                 l10 > 0 ? l1 / l10 : 0);
        snprintf(bl, sizeof bl, "jansson parse %.3f s; x%.1f from N/10", p1,
                 p10 > 0 ? p1 / p10 : 0);
        bench_row("rules lint", what, figure, bl, p1 > 0 ? l1 / p1 : 0, peak,
                  "<= 40x parse; growth <= 2x parse's",
                  met ? BENCH_MET : BENCH_NOT_MET);
    }
    if (strict && (l1 > 40 * p1 ||
                   (p10 > 0 && l10 > 0 && l1 / l10 > 2 * (p1 / p10)))) {
        fprintf(stderr, "bench_rules: missed a target\n");
        return 1;
    }
    return 0;
}
