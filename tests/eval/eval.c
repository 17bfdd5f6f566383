/*
** eval.c -- measure extraction against a hand-made gold file.
**
** usage: eval NAME MANIFEST DOCS_DIR GOLD RULES_DIR [--targets]
**
** Extracts every document of the manifest, matches extracted facts to gold
** records (same document, overlapping spans, one-to-one, greatest overlap
** first) and prints precision and recall per field.  With --targets, exits
** 1 unless value and unit reach 0.97 and metric, basis, period and status
** 0.9, both ways.  See tests/eval/README.md.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factcheck.h"

typedef struct rec {
    char *doc;
    long long start, end;
    double value;
    char *f[6]; /* unit, metric, basis, period, status, qualifier */
    char *text;
    int match;  /* index of the matched record on the other side, or -1 */
} rec;

static const char *const fields[] = {"unit", "metric", "basis", "period",
                                     "status", "qualifier"};
#define NF 6

typedef struct recs {
    rec *items;
    size_t n, cap;
} recs;

static char *dup_or_null(const char *s) {
    char *p;
    if (!s) return NULL;
    p = malloc(strlen(s) + 1);
    if (p) memcpy(p, s, strlen(s) + 1);
    return p;
}

static rec *push(recs *r) {
    if (r->n == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 128;
        rec *p = realloc(r->items, ncap * sizeof *p);
        if (!p) {
            fprintf(stderr, "eval: out of memory\n");
            exit(3);
        }
        r->items = p;
        r->cap = ncap;
    }
    memset(&r->items[r->n], 0, sizeof r->items[0]);
    r->items[r->n].match = -1;
    return &r->items[r->n++];
}

static int on_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    recs *r = ctx;
    rec *x = push(r);
    (void)loc;
    x->doc = dup_or_null(f->doc);
    x->start = f->span.start;
    x->end = f->span.end;
    x->value = f->value;
    x->text = dup_or_null(f->text);
    x->f[0] = dup_or_null(f->unit);
    x->f[1] = dup_or_null(f->metric);
    x->f[2] = dup_or_null(f->basis);
    x->f[3] = dup_or_null(f->period);
    x->f[4] = dup_or_null(f->status ? f->status : "actual");
    x->f[5] = dup_or_null(f->qualifier ? f->qualifier : "exact");
    return FC_OK;
}

static void load_gold(const char *path, recs *r) {
    FILE *fp = fopen(path, "r");
    char line[8192];
    int ln = 0;
    if (!fp) {
        fprintf(stderr, "eval: cannot open %s\n", path);
        exit(2);
    }
    while (fgets(line, sizeof line, fp)) {
        json_error_t err;
        json_t *o, *span;
        rec *x;
        size_t i;
        ln++;
        if (line[strspn(line, " \t\r\n")] == '\0') continue;
        o = json_loads(line, JSON_DECODE_INT_AS_REAL, &err);
        if (!o) {
            fprintf(stderr, "%s:%d:%d: %s\n", path, ln, err.column, err.text);
            exit(2);
        }
        x = push(r);
        span = json_object_get(o, "span");
        x->doc = dup_or_null(json_string_value(json_object_get(o, "doc")));
        x->start = (long long)json_number_value(json_object_get(span, "start"));
        x->end = (long long)json_number_value(json_object_get(span, "end"));
        x->value = json_number_value(json_object_get(o, "value"));
        x->text = dup_or_null(json_string_value(json_object_get(o, "text")));
        for (i = 0; i < NF; i++)
            x->f[i] = dup_or_null(json_string_value(json_object_get(o, fields[i])));
        if (!x->f[4]) x->f[4] = dup_or_null("actual");
        if (!x->f[5]) x->f[5] = dup_or_null("exact");
        json_decref(o);
    }
    fclose(fp);
}

static long long overlap(const rec *a, const rec *b) {
    long long s = a->start > b->start ? a->start : b->start;
    long long e = a->end < b->end ? a->end : b->end;
    if (strcmp(a->doc, b->doc) != 0) return 0;
    return e - s;
}

static int same_str(const char *a, const char *b) {
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static void free_recs(recs *r) {
    size_t i, k;
    for (i = 0; i < r->n; i++) {
        free(r->items[i].doc);
        free(r->items[i].text);
        for (k = 0; k < NF; k++) free(r->items[i].f[k]);
    }
    free(r->items);
}

int main(int argc, char **argv) {
    recs got = {0}, gold = {0};
    fc_diags *d = fc_diags_new();
    fc_manifest *m = NULL;
    fc_lexicon *lx = NULL;
    size_t i, j, k, matched = 0;
    int targets = argc > 6 && strcmp(argv[6], "--targets") == 0, fail = 0;
    int verbose = getenv("EVAL_VERBOSE") != NULL;

    if (argc < 6) {
        fprintf(stderr, "usage: eval NAME MANIFEST DOCS GOLD RULES [--targets]\n");
        return 2;
    }
    if (fc_lexicon_load(&lx, argv[5], d) != FC_OK ||
        fc_manifest_load(&m, argv[2], argv[3], d) != FC_OK) {
        char buf[1200];
        for (i = 0; i < fc_diags_count(d); i++) {
            fc_diag_format(fc_diags_get(d, i), buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
        }
        return 2;
    }
    for (i = 0; i < m->ndocs; i++)
        if (fc_extract(lx, m->docs[i], on_fact, &got, d) != FC_OK) {
            fprintf(stderr, "eval: extraction failed on %s\n", m->docs[i]->id);
            return 3;
        }
    load_gold(argv[4], &gold);

    /* one-to-one matching, greatest overlap first */
    for (;;) {
        long long best = 0;
        size_t bi = 0, bj = 0;
        for (i = 0; i < gold.n; i++) {
            if (gold.items[i].match >= 0) continue;
            for (j = 0; j < got.n; j++) {
                long long o;
                if (got.items[j].match >= 0) continue;
                o = overlap(&gold.items[i], &got.items[j]);
                if (o > best) {
                    best = o;
                    bi = i;
                    bj = j;
                }
            }
        }
        if (best <= 0) break;
        gold.items[bi].match = (int)bj;
        got.items[bj].match = (int)bi;
        matched++;
    }

    printf("%s: %zu gold figures, %zu extracted, %zu matched\n", argv[1],
           gold.n, got.n, matched);
    printf("  %-10s %9s %9s %9s\n", "field", "precision", "recall", "target");
    for (k = 0; k <= NF; k++) {
        /* k == 0: value; then the string fields */
        size_t correct = 0;
        double p, r, target;
        const char *name = k == 0 ? "value" : fields[k - 1];
        for (i = 0; i < gold.n; i++) {
            const rec *g = &gold.items[i], *x;
            int ok;
            if (g->match < 0) continue;
            x = &got.items[g->match];
            if (k == 0)
                ok = fabs(g->value - x->value) <= 1e-9 * fabs(g->value) + 1e-12;
            else
                ok = same_str(g->f[k - 1], x->f[k - 1]);
            if (ok)
                correct++;
            else if (verbose)
                fprintf(stderr, "  %s %s %s: gold %s, got %s (\"%s\")\n",
                        name, g->doc, g->text,
                        k == 0 ? "-" : g->f[k - 1] ? g->f[k - 1] : "null",
                        k == 0 ? "-" : x->f[k - 1] ? x->f[k - 1] : "null",
                        x->text);
        }
        p = got.n ? (double)correct / (double)got.n : 0;
        r = gold.n ? (double)correct / (double)gold.n : 0;
        target = k <= 1 ? 0.97 : (k == NF ? 0 : 0.9);
        if (target > 0)
            printf("  %-10s %9.3f %9.3f %9.2f%s\n", name, p, r, target,
                   targets && (p < target || r < target) ? "  MISSED" : "");
        else
            printf("  %-10s %9.3f %9.3f %9s\n", name, p, r, "-");
        if (targets && target > 0 && (p < target || r < target)) fail = 1;
    }
    if (verbose) {
        for (i = 0; i < gold.n; i++)
            if (gold.items[i].match < 0)
                fprintf(stderr, "  missed %s \"%s\"\n", gold.items[i].doc,
                        gold.items[i].text);
        for (j = 0; j < got.n; j++)
            if (got.items[j].match < 0)
                fprintf(stderr, "  extra %s \"%s\"\n", got.items[j].doc,
                        got.items[j].text);
    }
    free_recs(&got);
    free_recs(&gold);
    fc_manifest_free(m);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    return fail;
}
