/*
** eval.c -- measure extraction against a hand-made gold file.
**
** usage: eval NAME MANIFEST DOCS_DIR GOLD RULES_DIR [--target FIELD=MIN]...
**             [--report-only]
**
** Extracts every document of the manifest, matches extracted facts to gold
** records (same document, overlapping spans, one-to-one, greatest overlap
** first) and prints precision and recall per field, then the pair score:
** of every two gold figures about the same thing (same metric and
** population), how many the extractor gives the same metric, and of every
** two it gives the same metric, how many are about the same thing.
**
** A field the gold file never names is not scored ("-").  Each --target
** names a field (both precision and recall must reach MIN), or
** pairs.precision / pairs.recall; the program exits 1 when one is missed,
** unless --report-only is given (then it says so and exits 0).
** Set EVAL_VERBOSE to list every disagreement.  See tests/eval/README.md.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factcheck.h"
#include "measure.h"

static const char *const fields[] = {
    "unit",   "metric",     "basis",         "period",
    "status", "qualifier",  "role",          "population",
    "period_source", "base_period", "measured"};
#define NF 11
#define F_METRIC 1
#define F_STATUS 4
#define F_QUALIFIER 5
#define F_POPULATION 7
#define F_MEASURED 10

typedef struct rec {
    char *doc;
    long long start, end;
    double value;
    char *f[NF];
    char *text;
    int match; /* index of the matched record on the other side, or -1 */
} rec;

typedef struct recs {
    rec *items;
    size_t n, cap;
} recs;

static struct sb_stemmer *stemmer;

/* Whether the gold names populations; when it does not, things are told
** apart by metric alone on both sides. */
static int gold_has_population;

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "eval: out of memory\n");
        exit(3);
    }
    return p;
}

static char *dup_or_null(const char *s) {
    char *p;
    if (!s) return NULL;
    p = xmalloc(strlen(s) + 1);
    memcpy(p, s, strlen(s) + 1);
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
    x->f[6] = dup_or_null(f->role);
    x->f[7] = dup_or_null(f->population);
    x->f[8] = dup_or_null(f->period_source);
    x->f[9] = dup_or_null(f->base_period);
    x->f[10] = dup_or_null(f->measured);
    return FC_OK;
}

/* Reads the gold file; present[k] counts the records that name field k. */
static void load_gold(const char *path, recs *r, size_t *present) {
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
        if (!o || !json_is_object(o)) {
            fprintf(stderr, "%s:%d:%d: %s\n", path, ln, err.column,
                    o ? "expected an object" : err.text);
            exit(2);
        }
        x = push(r);
        span = json_object_get(o, "span");
        x->doc = dup_or_null(json_string_value(json_object_get(o, "doc")));
        if (!x->doc || !json_is_object(span)) {
            fprintf(stderr, "%s:%d: expected \"doc\" and \"span\"\n", path, ln);
            exit(2);
        }
        x->start = (long long)json_number_value(json_object_get(span, "start"));
        x->end = (long long)json_number_value(json_object_get(span, "end"));
        x->value = json_number_value(json_object_get(o, "value"));
        x->text = dup_or_null(json_string_value(json_object_get(o, "text")));
        for (i = 0; i < NF; i++) {
            json_t *v = json_object_get(o, fields[i]);
            if (v) present[i]++;
            x->f[i] = dup_or_null(json_string_value(v));
        }
        if (!x->f[F_STATUS]) x->f[F_STATUS] = dup_or_null("actual");
        if (!x->f[F_QUALIFIER]) x->f[F_QUALIFIER] = dup_or_null("exact");
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

/* Two measured phrases agree when their keys do: "base stations" and
** "Base Station" are one thing. */
static int same_measured(const char *a, const char *b) {
    char ka[256], kb[256];
    if (!a || !b) return a == b;
    if (!fc_phrase_key(stemmer, a, strlen(a), ka, sizeof ka) ||
        !fc_phrase_key(stemmer, b, strlen(b), kb, sizeof kb))
        return strcmp(a, b) == 0;
    return strcmp(ka, kb) == 0;
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

/* ---- the pair score -------------------------------------------------------- */

/* What a record is about: its metric and population, or NULL without a
** metric. */
static char *thing_of(const rec *x) {
    size_t a, b;
    char *s;
    if (!x->f[F_METRIC]) return NULL;
    a = strlen(x->f[F_METRIC]);
    b = gold_has_population && x->f[F_POPULATION] ? strlen(x->f[F_POPULATION])
                                                  : 0;
    s = xmalloc(a + b + 2);
    memcpy(s, x->f[F_METRIC], a);
    s[a] = '|';
    if (b) memcpy(s + a + 1, x->f[F_POPULATION], b);
    s[a + 1 + b] = '\0';
    return s;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The number of pairs of equal strings among v[0, n) (sorted in place):
** the sum of k(k-1)/2 over the groups, no pair compared. */
static double equal_pairs(char **v, size_t n) {
    size_t i = 0;
    double pairs = 0;
    qsort(v, n, sizeof *v, cmp_str);
    while (i < n) {
        size_t j = i + 1;
        while (j < n && !strcmp(v[i], v[j])) j++;
        pairs += (double)(j - i) * (double)(j - i - 1) / 2;
        i = j;
    }
    return pairs;
}

/* Joins two strings with a separator no key holds. */
static char *join2(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    char *s = xmalloc(na + nb + 2);
    memcpy(s, a, na);
    s[na] = '\x1f';
    memcpy(s + na + 1, b, nb + 1);
    return s;
}

typedef struct pairscore {
    double gold, given, both;
} pairscore;

static pairscore pair_score(const recs *gold, const recs *got, int verbose) {
    char **g = xmalloc(gold->n * sizeof *g), **x = xmalloc(gold->n * sizeof *x),
         **gx = xmalloc(gold->n * sizeof *gx);
    size_t ng = 0, nx = 0, ngx = 0, i;
    pairscore ps;
    for (i = 0; i < gold->n; i++) {
        const rec *r = &gold->items[i];
        char *gt = thing_of(r), *xt = NULL;
        if (!gt) continue;
        if (r->match >= 0) xt = thing_of(&got->items[r->match]);
        g[ng++] = gt;
        if (xt) {
            x[nx++] = xt;
            gx[ngx++] = join2(gt, xt);
        }
    }
    if (verbose) {
        /* each gold thing with the keys it was given */
        size_t k;
        qsort(gx, ngx, sizeof *gx, cmp_str);
        for (k = 0; k < ngx; k++)
            fprintf(stderr, "  pair-key %s\n", gx[k]);
    }
    ps.gold = equal_pairs(g, ng);
    ps.given = equal_pairs(x, nx);
    ps.both = equal_pairs(gx, ngx);
    for (i = 0; i < ng; i++) free(g[i]);
    for (i = 0; i < nx; i++) free(x[i]);
    for (i = 0; i < ngx; i++) free(gx[i]);
    free(g);
    free(x);
    free(gx);
    return ps;
}

/* ---- targets ---------------------------------------------------------------- */

typedef struct target {
    const char *name;
    double min;
} target;

static double target_of(const target *t, size_t n, const char *name) {
    size_t i;
    for (i = 0; i < n; i++)
        if (!strcmp(t[i].name, name)) return t[i].min;
    return 0;
}

static void print_row(const char *name, double p, double r, double t,
                      int *fail) {
    int missed = t > 0 && (p < t || r < t);
    if (t > 0)
        printf("  %-14s %9.3f %9.3f %9.2f%s\n", name, p, r, t,
               missed ? "  MISSED" : "");
    else
        printf("  %-14s %9.3f %9.3f %9s\n", name, p, r, "-");
    if (missed) *fail = 1;
}

int main(int argc, char **argv) {
    recs got = {0}, gold = {0};
    fc_diags *d = fc_diags_new();
    fc_manifest *m = NULL;
    fc_lexicon *lx = NULL;
    size_t i, j, k, matched = 0, present[NF] = {0}, nt = 0;
    target *targets = xmalloc((size_t)argc * sizeof *targets);
    int fail = 0, verbose = getenv("EVAL_VERBOSE") != NULL, a, report_only = 0;
    pairscore ps;

    if (argc < 6) {
        fprintf(stderr, "usage: eval NAME MANIFEST DOCS GOLD RULES "
                        "[--target FIELD=MIN]... [--report-only]\n");
        return 2;
    }
    for (a = 6; a < argc; a++) {
        const char *eq;
        char *end;
        if (!strcmp(argv[a], "--report-only")) {
            report_only = 1;
            continue;
        }
        if (strcmp(argv[a], "--target") != 0 || a + 1 >= argc ||
            !(eq = strchr(argv[a + 1], '='))) {
            fprintf(stderr, "eval: expected --target FIELD=MIN, not \"%s\"\n",
                    argv[a]);
            return 2;
        }
        a++;
        argv[a][eq - argv[a]] = '\0';
        targets[nt].name = argv[a];
        targets[nt].min = strtod(eq + 1, &end);
        if (*end || end == eq + 1) {
            fprintf(stderr, "eval: %s: expected a number after \"=\"\n",
                    argv[a]);
            return 2;
        }
        nt++;
    }
    stemmer = fc_stemmer_new();
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
    load_gold(argv[4], &gold, present);

    /* one-to-one matching, greatest overlap first (ties: gold order, then
       extraction order) */
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
    printf("  %-14s %9s %9s %9s\n", "field", "precision", "recall", "target");
    for (k = 0; k <= NF; k++) {
        /* k == 0: value; then the string fields */
        size_t correct = 0;
        const char *name = k == 0 ? "value" : fields[k - 1];
        if (k > 0 && present[k - 1] == 0) {
            printf("  %-14s %9s %9s %9s\n", name, "-", "-", "-");
            continue;
        }
        for (i = 0; i < gold.n; i++) {
            const rec *g = &gold.items[i], *x;
            int ok;
            if (g->match < 0) continue;
            x = &got.items[g->match];
            if (k == 0)
                ok = fabs(g->value - x->value) <=
                     1e-9 * fmax(fabs(g->value), fabs(x->value)) + 1e-12;
            else if (k - 1 == F_MEASURED)
                ok = same_measured(g->f[k - 1], x->f[k - 1]);
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
        print_row(name, got.n ? (double)correct / (double)got.n : 0,
                  gold.n ? (double)correct / (double)gold.n : 0,
                  target_of(targets, nt, name), &fail);
    }
    gold_has_population = present[F_POPULATION] > 0;
    ps = pair_score(&gold, &got, verbose);
    printf("  pairs: %.0f same-thing pairs in the gold, %.0f given one metric,"
           " %.0f of them right\n",
           ps.gold, ps.given, ps.both);
    {
        double p = ps.given > 0 ? ps.both / ps.given : 0;
        double r = ps.gold > 0 ? ps.both / ps.gold : 0;
        double tp = target_of(targets, nt, "pairs.precision");
        double tr = target_of(targets, nt, "pairs.recall");
        int missed = (tp > 0 && p < tp) || (tr > 0 && r < tr);
        char t[32];
        if (tp > 0 || tr > 0)
            snprintf(t, sizeof t, "%.2f/%.2f", tp, tr);
        else
            snprintf(t, sizeof t, "-");
        printf("  %-14s %9.3f %9.3f %9s%s\n", "pairs", p, r, t,
               missed ? "  MISSED" : "");
        if (missed) fail = 1;
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
    for (i = 0; i < nt; i++) {
        int known = !strcmp(targets[i].name, "value") ||
                    !strcmp(targets[i].name, "pairs.precision") ||
                    !strcmp(targets[i].name, "pairs.recall");
        for (k = 0; k < NF && !known; k++)
            known = !strcmp(targets[i].name, fields[k]);
        if (!known) {
            fprintf(stderr, "eval: --target %s: no such field\n",
                    targets[i].name);
            fail = 2;
        }
    }
    if (fail == 1 && report_only) {
        printf("  %s: targets missed (reported only; 'make eval' fails on "
               "them)\n",
               argv[1]);
        fail = 0;
    }
    free(targets);
    free_recs(&got);
    free_recs(&gold);
    fc_manifest_free(m);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    fc_stemmer_free(stemmer);
    return fail;
}
