/*
** kind_agree.c -- agree rules: figures of one key (metric, subject, basis,
** status by default) and one period must agree within the tolerance.
**
** A group is split into periods (as-of dates within as_of_days are one),
** and each period's figures are swept in order of their lower ends: a
** figure that starts above the highest end so far conflicts with the
** figure that reaches highest.  A conflict is a value conflict, a slip of
** scale words, or only rounding.  Two open hedges that meet only where
** truncation ends one of them are a conflict, at most a warning.
*/
#include "check.h"

#include <stdlib.h>
#include <string.h>

static const fc_rule *sort_rule;

static int by_lo(const void *x, const void *y) {
    const fc_fact *a = *(fc_fact *const *)x, *b = *(fc_fact *const *)y;
    ck_ival ia = ck_bounds(sort_rule, a), ib = ck_bounds(sort_rule, b);
    if (ia.lo != ib.lo) return ia.lo < ib.lo ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Whether a slip of scale words (thousand, million, billion) explains the
** difference: one figure's range, moved by a power of a thousand, meets
** the other's ("7.058 billion" against "exceeding 6.5 million"). */
int fc_scale_slip(const fc_fact *a, const fc_fact *b) {
    double k;
    if (a->value == 0 || b->value == 0 || (a->value < 0) != (b->value < 0))
        return 0;
    for (k = 1e3; k <= 1e12; k *= 1e3) {
        /* a little slack for rounding of the written figures */
        if (a->lo * k <= b->hi * 1.02 && b->lo <= a->hi * k * 1.02 &&
            a->hi * k >= b->lo * 0.98)
            return 1;
        if (b->lo * k <= a->hi * 1.02 && a->lo <= b->hi * k * 1.02 &&
            b->hi * k >= a->lo * 0.98)
            return 1;
    }
    return 0;
}

/* A hedge that bounds a figure on one side only ("more than", "nearly")
** says nothing of its rounding. */
int fc_one_sided(const fc_fact *f) {
    const char *q = f->qualifier ? f->qualifier : "exact";
    return strcmp(q, "exact") && strcmp(q, "approx") && strcmp(q, "range");
}

/* Whether a hedge bounds its figure from below only ("more than", "at
** least"), so that its upper end is a reading, not the text's; and the
** mirror image. */
static int bounds_below(const fc_fact *f) {
    return f->qualifier && (!strcmp(f->qualifier, "more_than") ||
                            !strcmp(f->qualifier, "at_least"));
}

static int bounds_above(const fc_fact *f) {
    return f->qualifier && (!strcmp(f->qualifier, "less_than") ||
                            !strcmp(f->qualifier, "at_most") ||
                            !strcmp(f->qualifier, "nearly"));
}

/* Releases of statistics further apart than this are two releases; two
** reports this close report one. */
#define RELEASE_DAYS 7

/* Whether y and x, of one stated period that was over before either was
** published, come from releases far enough apart that the later may
** revise the earlier: statistics are revised between releases.  A later
** report of lower authority than the earlier (a blog after the official
** figure) revises nothing. */
static int revision(const ck_ctx *c, const fc_fact *x, const fc_fact *y) {
    const docmeta *dx = TF(x)->dm, *dy = TF(y)->dm, *early, *late;
    long first;
    if (!ck_str_eq(x->period, y->period) || !TF(x)->has_period) return 0;
    /* the text itself says the figure was revised: "raised by 60 on
       review, from 410 to 470" gives both figures */
    if (ck_str_eq(x->doc, y->doc)) return ck_states_revision(c, x);
    if (!dx || !dy || !dx->days || !dy->days) return 0;
    if (labs(dx->days - dy->days) <= RELEASE_DAYS || ck_one_event(x, y))
        return 0;
    early = dx->days < dy->days ? dx : dy;
    late = early == dx ? dy : dx;
    /* a later report that says the figure was revised is believed
       whatever its authority */
    if (late->rank > early->rank &&
        !ck_states_revision(c, late == dx ? x : y))
        return 0;
    if ((x->period_source && strcmp(x->period_source, "stated")) ||
        (y->period_source && strcmp(y->period_source, "stated")))
        return 0;
    first = dx->days < dy->days ? dx->days : dy->days;
    return TF(x)->last < first;
}

static const char *const release_roles[2] = {"earlier", "later"};

static void conflict(ck_ctx *c, fc_fact *x, fc_fact *y) {
    ck_ival ix = ck_bounds(c->rule, x), iy = ck_bounds(c->rule, y);
    const char *type = FC_TYPE_VALUE_CONFLICT, *ra, *rb;
    int sev = ck_severity_for(c, x, y);
    double gap = iy.lo - ix.hi, wx = x->hi - x->lo, wy = y->hi - y->lo;
    fc_fact *pair[2];
    const char *roles[2];
    if (fc_scale_slip(x, y))
        type = FC_TYPE_SCALE_SLIP;
    else if (fc_one_sided(x) && fc_one_sided(y)) {
        /* open hedges that only touch ("over 70,000", read as below
           80,000, and "more than 80,000") cannot both hold, but only the
           reading of a hedge as truncation keeps them apart */
        if (gap <= 0) {
            c->doubt_cap = SEV_WARNING;
            c->doubt = bounds_below(x) || bounds_above(y)
                           ? "the hedged figures are apart only when read as "
                             "truncated"
                           : "the hedged figures meet at their open ends";
        }
    } else if (!fc_one_sided(x) && !fc_one_sided(y) &&
               gap <= 0.5 * (wx > wy ? wx : wy) && gap >= 0 && wx + wy > 0)
        type = FC_TYPE_ROUNDING;
    pair[0] = x;
    pair[1] = y;
    if (!strcmp(type, FC_TYPE_VALUE_CONFLICT) && revision(c, x, y)) {
        /* the earlier release first; in one document, the figure written
           first ("from 173,000 to 182,000") */
        if (ck_str_eq(x->doc, y->doc) ? y->span.start < x->span.start
                                      : TF(y)->dm->days < TF(x)->dm->days) {
            pair[0] = y;
            pair[1] = x;
        }
        c->doubt = NULL;
        c->doubt_cap = -1;
        ck_add(c, FC_TYPE_REVISION, SEV_INFO, pair, release_roles, 2, NULL,
               0);
        return;
    }
    ck_sides(&pair[0], &pair[1], &ra, &rb);
    roles[0] = ra;
    roles[1] = rb;
    ck_add(c, type, sev, pair, roles, 2, NULL, 0);
}

/* Figures that agree may still differ in how exactly they are written:
** "350,000" given as exact where another report of the same thing gives
** "353,000" is the finer figure rounded without a word of it.  A reader
** notices a difference from ROUNDED_NOTICED of the value on; below it
** ("9.59 million" for "9.587 million") rounding is only good style. */
#define ROUNDED_NOTICED 0.005

static int exact_written(const fc_fact *f) {
    return !f->qualifier || !strcmp(f->qualifier, "exact");
}

/* Each figure of the bucket written as exact that is the finest figure of
** the bucket rounded, noted once against it (info): one pass for the
** finest, one for the rest, no pair compared twice. */
static void rounded_notes(ck_ctx *c, fc_fact **f, size_t n) {
    size_t i, fine = n;
    for (i = 0; i < n; i++) {
        double w = f[i]->hi - f[i]->lo;
        if (fc_one_sided(f[i]) || w <= 0) continue;
        if (fine == n || w < f[fine]->hi - f[fine]->lo) fine = i;
    }
    if (fine == n || f[fine]->value == 0) return;
    for (i = 0; i < n; i++) {
        fc_fact *pair[2];
        const char *roles[2] = {"checked", "reference"};
        double d;
        if (i == fine || !exact_written(f[i]) ||
            f[i]->hi - f[i]->lo <= f[fine]->hi - f[fine]->lo)
            continue;
        d = f[i]->value - f[fine]->value;
        if (d < 0) d = -d;
        if (d < ROUNDED_NOTICED * (f[fine]->value < 0 ? -f[fine]->value
                                                       : f[fine]->value))
            continue;
        if (f[fine]->value < f[i]->lo || f[fine]->value > f[i]->hi) continue;
        pair[0] = f[i];
        pair[1] = f[fine];
        c->doubt = "the figure agrees only as the other rounded, and is "
                   "written as exact";
        ck_add(c, FC_TYPE_ROUNDING, SEV_INFO, pair, roles, 2, NULL, 0);
    }
}

/* Sweep one bucket of facts that must agree. */
static void agree_bucket(ck_ctx *c, fc_fact **f, size_t n) {
    size_t i, top, low = 0, found = 0;
    if (n < 2) return;
    sort_rule = c->rule;
    qsort(f, n, sizeof *f, by_lo);
    top = 0; /* the fact with the highest hi so far */
    for (i = 1; i < n; i++) {
        ck_ival it = ck_bounds(c->rule, f[top]), ii = ck_bounds(c->rule, f[i]);
        if (ck_below(it, ii)) {
            conflict(c, f[top], f[i]);
            found++;
        }
        if (ii.hi > it.hi || (ii.hi == it.hi && !ii.hi_open && it.hi_open))
            top = i;
    }
    /* a wide range can bridge two figures that still contradict each
       other ([400k, 500k], [420k, 520k), 520k): the figure that ends
       lowest against the one that starts highest */
    if (found) return;
    if (!c->rule->near) rounded_notes(c, f, n);
    for (i = 1; i < n; i++) {
        ck_ival il = ck_bounds(c->rule, f[low]), ii = ck_bounds(c->rule, f[i]);
        if (ii.hi < il.hi || (ii.hi == il.hi && ii.hi_open && !il.hi_open))
            low = i;
    }
    if (ck_below(ck_bounds(c->rule, f[low]), ck_bounds(c->rule, f[n - 1])))
        conflict(c, f[low], f[n - 1]);
}

/* Split the group into periods (as-of dates within as_of_days are one). */
static void group_agree(ck_ctx *c) {
    size_t a = 0, b;
    qsort(c->g, c->ng, sizeof *c->g, ck_by_period);
    while (a < c->ng) {
        b = a + 1;
        while (b < c->ng &&
               ck_same_period(c->g[a], c->g[b], c->rule->as_of_days))
            b++;
        agree_bucket(c, c->g + a, b - a);
        a = b;
    }
}

/* A key without period: every figure of the group must agree. */
static void agree_all(ck_ctx *c) { agree_bucket(c, c->g, c->ng); }

/* ---- near-equal phrase keys ---------------------------------------------- */

/* Figures whose metrics are keys made from measured phrases that are not
** equal but share most of their words ("nonfarm_payrol_employ" and
** "payrol_employ": two words or more, and half the words or more, in
** common) may be one thing written two ways.  Candidates are
** found by blocking on the words of the keys: each fact is listed under
** each word of its key (and the rest of the rule's key: subject, unit,
** role, period...), and only the facts of one block are compared, each
** pair once (in the block of the first word they share).  A word so
** common that its block is larger than NEAR_BLOCK names nothing and is
** skipped: the work is at most NEAR_BLOCK comparisons per word of a key,
** never all pairs. */

#define NEAR_BLOCK 256
#define NEAR_WORDS 8
#define NEAR_SIMILARITY 0.5

typedef struct key_words {
    const char *w[NEAR_WORDS]; /* into the interned metric */
    size_t len[NEAR_WORDS];
    size_t n;
    const char *aspect;        /* from the first '.', or "" */
} key_words;

typedef struct near_entry {
    const char *w;
    uint64_t key;              /* the rule's key but for the metric */
    uint32_t len;
    uint32_t fact;             /* index into the selected facts */
} near_entry;

/* A hash of the fields of the rule's key other than the metric: facts
** that differ in one of them are never compared, so they need not share
** a block. */
static uint64_t key_hash(const ck_ctx *c, const fc_fact *f) {
    uint64_t h = 1469598103934665603ULL;
    int i;
    for (i = 0; i < c->rule->nkey; i++) {
        int k = c->rule->key[i];
        if (k == F_METRIC) continue;
        h = (h ^ TF(f)->rank[k]) * 1099511628211ULL;
    }
    return h;
}

static int word_cmp(const char *a, size_t na, const char *b, size_t nb) {
    int k = memcmp(a, b, na < nb ? na : nb);
    return k ? k : (na > nb) - (na < nb);
}

static int by_word(const void *x, const void *y) {
    const near_entry *a = x, *b = y;
    int k = word_cmp(a->w, a->len, b->w, b->len);
    if (k) return k;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return (a->fact > b->fact) - (a->fact < b->fact);
}

static void split_key(const char *metric, key_words *kw) {
    const char *dot = strchr(metric, '.'), *p = metric;
    const char *end = dot ? dot : metric + strlen(metric);
    kw->n = 0;
    kw->aspect = dot ? dot : "";
    while (p < end && kw->n < NEAR_WORDS) {
        const char *q = p;
        while (q < end && *q != '_') q++;
        if (q > p) {
            kw->w[kw->n] = p;
            kw->len[kw->n++] = (size_t)(q - p);
        }
        p = q + 1;
    }
}

/* The words two keys share, and the first of them in word order. */
static size_t shared(const key_words *a, const key_words *b, size_t *first) {
    size_t i, j, n = 0;
    for (i = 0; i < a->n; i++)
        for (j = 0; j < b->n; j++)
            if (!word_cmp(a->w[i], a->len[i], b->w[j], b->len[j])) {
                if (!n || word_cmp(a->w[i], a->len[i], a->w[*first],
                                   a->len[*first]) < 0)
                    *first = i;
                n++;
                break;
            }
    return n;
}

/* Whether the rule's key, but for metric and period, is equal. */
static int same_key(const ck_ctx *c, const fc_fact *a, const fc_fact *b) {
    int i;
    for (i = 0; i < c->rule->nkey; i++) {
        int k = c->rule->key[i];
        if (k == F_METRIC || k == F_PERIOD) continue;
        if (TF(a)->rank[k] != TF(b)->rank[k]) return 0;
    }
    return ck_same_period(a, b, c->rule->as_of_days);
}

static void near_pair(ck_ctx *c, fc_fact *x, fc_fact *y, double sim) {
    ck_ival ix = ck_bounds(c->rule, x), iy = ck_bounds(c->rule, y);
    static char why[160];
    fc_fact *pair[2];
    const char *ra, *rb;
    const char *roles[2];
    if (ck_overlap(ix, iy)) return;
    if (ck_below(iy, ix)) {
        fc_fact *t = x;
        x = y;
        y = t;
    }
    pair[0] = x;
    pair[1] = y;
    ck_sides(&pair[0], &pair[1], &ra, &rb);
    roles[0] = ra;
    roles[1] = rb;
    snprintf(why, sizeof why, "near measured phrases: %s and %s (%.0f%% of "
             "their words shared)",
             x->measured ? x->measured : x->metric,
             y->measured ? y->measured : y->metric, 100 * sim);
    c->doubt = why;
    c->doubt_cap = SEV_WARNING;
    c->doubt_factor = sim;
    ck_add(c, fc_scale_slip(x, y) ? FC_TYPE_SCALE_SLIP : FC_TYPE_VALUE_CONFLICT,
           c->rule->severity, pair, roles, 2, NULL, 0);
}

static int agree_near(ck_ctx *c) {
    size_t n = fc_facttab_count(c->t), nf = 0, ne = 0, i, a, b;
    fc_fact **f = NULL;
    key_words *kw = NULL;
    near_entry *e = NULL;
    for (i = 0; i < n; i++) {
        fc_fact *x = &fc_facttab_fact(c->t, i)->f;
        if (x->metric && x->metric_source &&
            !strcmp(x->metric_source, "phrase") && ck_selected(c, x))
            nf++;
    }
    if (nf < 2) return FC_OK;
    f = malloc(nf * sizeof *f);
    kw = malloc(nf * sizeof *kw);
    e = malloc(nf * NEAR_WORDS * sizeof *e);
    if (!f || !kw || !e) {
        free(f);
        free(kw);
        free(e);
        return FC_ENOMEM;
    }
    for (i = 0, nf = 0; i < n; i++) {
        fc_fact *x = &fc_facttab_fact(c->t, i)->f;
        size_t k;
        if (!x->metric || !x->metric_source ||
            strcmp(x->metric_source, "phrase") || !ck_selected(c, x))
            continue;
        split_key(x->metric, &kw[nf]);
        for (k = 0; k < kw[nf].n; k++) {
            e[ne].w = kw[nf].w[k];
            e[ne].len = (uint32_t)kw[nf].len[k];
            e[ne].key = key_hash(c, x);
            e[ne++].fact = (uint32_t)nf;
        }
        f[nf++] = x;
    }
    qsort(e, ne, sizeof *e, by_word);
    for (a = 0; a < ne && c->status == FC_OK; a = b) {
        size_t p, q;
        for (b = a + 1; b < ne && e[b].key == e[a].key &&
                        !word_cmp(e[a].w, e[a].len, e[b].w, e[b].len);
             b++)
            ;
        if (b - a < 2 || b - a > NEAR_BLOCK) continue;
        for (p = a; p < b && c->status == FC_OK; p++)
            for (q = p + 1; q < b && c->status == FC_OK; q++) {
                const key_words *kx = &kw[e[p].fact], *ky = &kw[e[q].fact];
                fc_fact *x = f[e[p].fact], *y = f[e[q].fact];
                size_t first = 0, common;
                double sim;
                if (TF(x)->rank[F_METRIC] == TF(y)->rank[F_METRIC] ||
                    strcmp(kx->aspect, ky->aspect))
                    continue;
                common = shared(kx, ky, &first);
                /* each pair once: in the block of its first shared word */
                if (word_cmp(kx->w[first], kx->len[first], e[a].w, e[a].len))
                    continue;
                sim = (double)common / (double)(kx->n + ky->n - common);
                if (common < 2 || sim < NEAR_SIMILARITY || !same_key(c, x, y))
                    continue;
                near_pair(c, x, y, sim);
            }
    }
    free(f);
    free(kw);
    free(e);
    return c->status;
}

static void plan(const fc_rule *r, ck_plan *p) {
    int i, has_period = 0;
    if (r->near) {
        p->run = agree_near;
        return;
    }
    for (i = 0; i < r->nkey; i++)
        if (r->key[i] == F_PERIOD) has_period = 1;
    p->group = has_period ? group_agree : agree_all;
}

const ck_kind ck_kind_agree = {"agree", plan, NULL};
