/*
** kind_basis.c -- basis rules: figures of one metric (and subject) on
** different bases ("share of GDP" against "share of the world"), or, with
** "field": "subject", about different populations.
**
** Each minority value is reported once, against the value most facts
** give, unless one document gives both (two claims, not a confusion).
** Sorting keeps this O(k log k) for k facts.
*/
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* The field a basis rule compares: the basis, or the subject. */
static const char *bfield(const ck_ctx *c, const fc_fact *f) {
    return c->rule->field == F_SUBJECT ? f->subject : f->basis;
}

static const ck_ctx *basis_ctx;

static int cmp_opt(const char *x, const char *y) {
    if (!x || !y) return x ? 1 : y ? -1 : 0;
    return strcmp(x, y);
}

/* Order a basis group by the compared field, then document, then the end
** of the period (latest last). */
static int by_field_doc(const void *x, const void *y) {
    const fc_tfact *a = *(fc_tfact *const *)x, *b = *(fc_tfact *const *)y;
    int field = basis_ctx->rule->field == F_SUBJECT ? F_SUBJECT : F_BASIS, k;
    if ((k = ck_cmp_u(a->rank[field], b->rank[field])) != 0) return k;
    if ((k = ck_cmp_u(a->rank[F_DOC], b->rank[F_DOC])) != 0) return k;
    if (a->has_period != b->has_period) return a->has_period ? 1 : -1;
    if (a->last != b->last) return a->last < b->last ? -1 : 1;
    return strcmp(a->f.id, b->f.id);
}

/* Whether the sorted ranges [a0, a1) and [b0, b1) share a document. */
static int share_doc(fc_fact **g, size_t a0, size_t a1, size_t b0, size_t b1) {
    while (a0 < a1 && b0 < b1) {
        int k = ck_cmp_u(TF(g[a0])->rank[F_DOC], TF(g[b0])->rank[F_DOC]);
        if (!k) return 1;
        if (k < 0) a0++;
        else b0++;
    }
    return 0;
}

/* The fact of [a, b) with the latest period. */
static fc_fact *latest_of(fc_fact **g, size_t a, size_t b) {
    fc_fact *best = g[a];
    size_t i;
    for (i = a + 1; i < b; i++)
        if (TF(g[i])->has_period &&
            (!TF(best)->has_period || TF(g[i])->last > TF(best)->last))
            best = g[i];
    return best;
}

static void group_basis(ck_ctx *c) {
    size_t i, j, nv = 0, top = 0, *start;
    fc_fact **g = c->g;
    if (c->ng < 2) return;
    basis_ctx = c;
    qsort(g, c->ng, sizeof *g, by_field_doc);
    if (!(start = malloc((c->ng + 1) * sizeof *start))) {
        c->status = FC_ENOMEM;
        return;
    }
    /* the runs of equal values (facts without one are skipped) */
    for (i = 0; i < c->ng; i++) {
        if (!bfield(c, g[i])) continue;
        if (!nv || cmp_opt(bfield(c, g[start[nv - 1]]), bfield(c, g[i])))
            start[nv++] = i;
    }
    start[nv] = c->ng;
    for (j = 0; j < nv; j++)
        if (start[j + 1] - start[j] > start[top + 1] - start[top]) top = j;
    for (j = 0; j < nv && c->status == FC_OK; j++) {
        fc_fact *pair[2];
        const char *roles[2];
        if (j == top) continue;
        if (share_doc(g, start[j], start[j + 1], start[top], start[top + 1]))
            continue;
        pair[0] = latest_of(g, start[top], start[top + 1]);
        pair[1] = latest_of(g, start[j], start[j + 1]);
        ck_sides(&pair[0], &pair[1], &roles[0], &roles[1]);
        ck_add(c, c->rule->field == F_SUBJECT ? FC_TYPE_POPULATION
                                              : FC_TYPE_BASIS_MISMATCH,
               ck_severity_for(c, pair[0], pair[1]), pair, roles, 2, NULL, 0);
    }
    free(start);
}

static void plan(const fc_rule *r, ck_plan *p) {
    (void)r;
    p->group = group_basis;
}

const ck_kind ck_kind_basis = {"basis", plan, NULL};
