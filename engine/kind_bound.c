/*
** kind_bound.c -- bound rules, in three modes:
**
**   part_whole   a part larger than its whole: by the part_of links that
**                extraction records ("of which 209 ..."), or, with "part"
**                and "whole" globs, by metric within a subject and period;
**   share_range  a share (unit %) outside 0..100;
**   share_sum    the shares of disjoint parts of one whole ("metrics")
**                adding up past 100, per document and period.
*/
#include "check.h"

#include <stdlib.h>
#include <string.h>

static const char *const part_whole[2] = {"part", "whole"};

/* ---- part_whole by links ------------------------------------------------------- */

static int by_id(const void *x, const void *y) {
    return strcmp((*(fc_fact *const *)x)->id, (*(fc_fact *const *)y)->id);
}

static int by_part_of(const void *x, const void *y) {
    return strcmp((*(fc_fact *const *)x)->part_of,
                  (*(fc_fact *const *)y)->part_of);
}

static int id_in_part_of(const void *key, const void *elt) {
    return strcmp(key, (*(fc_fact *const *)elt)->part_of);
}

static int id_is(const void *key, const void *elt) {
    return strcmp(key, (*(fc_fact *const *)elt)->id);
}

/* Whether a part can be set against its whole: one unit, and one role
** when both say theirs (a share of sales is no part of the growth of
** sales). */
static int comparable(const fc_fact *part, const fc_fact *whole) {
    if (!ck_str_eq(part->unit, whole->unit)) return 0;
    return !part->role || !whole->role || !strcmp(part->role, whole->role);
}

/* Parts named by extraction ("of which 209 ..."): each against the fact
** it names as its whole.  The parts are few; the wholes are found in one
** pass over the facts. */
static int part_whole_links(ck_ctx *c) {
    size_t n = fc_facttab_count(c->t), np = 0, nw = 0, i;
    fc_fact **parts = NULL, **wholes = NULL;
    for (i = 0; i < n; i++) {
        fc_fact *f = &fc_facttab_fact(c->t, i)->f;
        if (f->part_of && ck_selected(c, f)) np++;
    }
    if (!np) return FC_OK;
    if (!(parts = malloc(np * sizeof *parts))) return FC_ENOMEM;
    for (i = 0, np = 0; i < n; i++) {
        fc_fact *f = &fc_facttab_fact(c->t, i)->f;
        if (f->part_of && ck_selected(c, f)) parts[np++] = f;
    }
    qsort(parts, np, sizeof *parts, by_part_of);
    for (i = 0; i < n; i++)
        if (bsearch(fc_facttab_fact(c->t, i)->f.id, parts, np, sizeof *parts,
                    id_in_part_of))
            nw++;
    if (nw && !(wholes = malloc(nw * sizeof *wholes))) {
        free(parts);
        return FC_ENOMEM;
    }
    for (i = 0, nw = 0; i < n; i++) {
        fc_fact *f = &fc_facttab_fact(c->t, i)->f;
        if (bsearch(f->id, parts, np, sizeof *parts, id_in_part_of))
            wholes[nw++] = f;
    }
    qsort(wholes, nw, sizeof *wholes, by_id);
    qsort(parts, np, sizeof *parts, by_id);
    for (i = 0; i < np && c->status == FC_OK; i++) {
        fc_fact **w = nw ? bsearch(parts[i]->part_of, wholes, nw,
                                   sizeof *wholes, id_is)
                         : NULL;
        fc_fact *pair[2];
        if (!w || !comparable(parts[i], *w) ||
            !ck_below(ck_bounds(c->rule, *w), ck_bounds(c->rule, parts[i])))
            continue;
        pair[0] = parts[i];
        pair[1] = *w;
        ck_add(c, FC_TYPE_PART_WHOLE, c->rule->severity, pair, part_whole, 2,
               NULL, 0);
    }
    free(parts);
    free(wholes);
    return c->status;
}

/* ---- part_whole by metric ------------------------------------------------------ */

/* Whether whole x is below more parts than whole y: a lower end, or an
** open end where they are equal. */
static int lower_end(ck_ival x, ck_ival y) {
    return x.hi < y.hi || (x.hi == y.hi && x.hi_open && !y.hi_open);
}

/* Part and whole by metric, within a group of subject and status: each
** part against the first whole of its period (in group order) lying
** entirely below it.  Within one period the wholes carry the lowest end
** seen so far, so that the first whole below a part is found by binary
** search. */
static void group_part_whole_metrics(ck_ctx *c) {
    size_t a = 0, b, i, nw;
    while (a < c->ng && c->status == FC_OK) {
        uint32_t per = TF(c->g[a])->rank[F_PERIOD];
        b = a + 1;
        while (b < c->ng && TF(c->g[b])->rank[F_PERIOD] == per) b++;
        if (ck_scratch(c, b - a) != FC_OK) return;
        for (i = a, nw = 0; i < b; i++) {
            ck_ival w;
            if (!c->mwhole[TF(c->g[i])->rank[F_METRIC]]) continue;
            w = ck_bounds(c->rule, c->g[i]);
            if (nw && !lower_end(w, c->iv[nw - 1])) {
                c->iv[nw] = c->iv[nw - 1];
                c->ix[nw] = c->ix[nw - 1];
            } else {
                c->iv[nw] = w;
                c->ix[nw] = i;
            }
            nw++;
        }
        for (i = a; nw && i < b && c->status == FC_OK; i++) {
            ck_ival p;
            size_t lo = 0, hi = nw;
            fc_fact *pair[2];
            if (!c->mpart[TF(c->g[i])->rank[F_METRIC]]) continue;
            p = ck_bounds(c->rule, c->g[i]);
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (ck_below(c->iv[mid], p)) hi = mid;
                else lo = mid + 1;
            }
            if (lo == nw) continue;
            pair[0] = c->g[i];
            pair[1] = c->g[c->ix[lo]];
            ck_add(c, FC_TYPE_PART_WHOLE, ck_severity_for(c, pair[0], pair[1]),
                   pair, part_whole, 2, NULL, 0);
        }
        a = b;
    }
}

/* ---- share_range, share_sum ---------------------------------------------------- */

/* One fact at a time. */
static int share_range_all(ck_ctx *c) {
    size_t i;
    for (i = 0; i < fc_facttab_count(c->t) && c->status == FC_OK; i++) {
        fc_fact *f = &fc_facttab_fact(c->t, i)->f, *one[1];
        if (!ck_selected(c, f)) continue;
        if (!f->unit || strcmp(f->unit, "%") != 0) continue;
        if (f->lo <= 100 + c->rule->tol_abs && f->hi >= -c->rule->tol_abs)
            continue;
        one[0] = f;
        ck_add(c, FC_TYPE_SHARE_RANGE, c->rule->severity, one, NULL, 1, NULL,
               0);
    }
    return c->status;
}

/* Shares of disjoint parts of one whole, per document and period: the
** lowest figure of each part. */
static void group_share_sum(ck_ctx *c) {
    size_t i, m;
    fc_fact *pick[32];
    size_t npick = 0;
    double sum = 0;
    char text[64];
    ck_extra ex[1];
    for (m = 0; m < c->rule->nmetrics && npick < 32; m++) {
        fc_fact *low = NULL;
        for (i = 0; i < c->ng; i++)
            if (fc_glob_match(c->rule->metrics[m], c->g[i]->metric) &&
                (!low || c->g[i]->lo < low->lo))
                low = c->g[i];
        if (low) {
            pick[npick++] = low;
            sum += low->lo;
        }
    }
    if (npick < 2 || sum <= 100 + c->rule->tol_abs) return;
    fc_format_value(sum, "%", text, sizeof text);
    ex[0].name = "sum";
    ex[0].value = text;
    ck_add(c, FC_TYPE_SHARE_SUM, c->rule->severity, pick, NULL, npick, ex, 1);
}

/* ---- the kind -------------------------------------------------------------------- */

static void plan(const fc_rule *r, ck_plan *p) {
    if (r->mode == BM_PART_WHOLE && !r->part) {
        p->run = part_whole_links;
    } else if (r->mode == BM_PART_WHOLE) {
        static const int o[] = {F_SUBJECT, F_STATUS};
        memcpy(p->order, o, sizeof o);
        p->norder = 2;
        p->group = group_part_whole_metrics;
    } else if (r->mode == BM_SHARE_SUM) {
        static const int o[] = {F_SUBJECT, F_BASIS, F_PERIOD, F_DOC};
        memcpy(p->order, o, sizeof o);
        p->norder = 4;
        p->group = group_share_sum;
    } else {
        p->run = share_range_all;
    }
}

/* A share_sum rule reads its parts' metrics; a part_whole rule by metric,
** its part's and its whole's. */
static int reads(const fc_rule *r, const char *metric) {
    size_t i;
    if (r->mode == BM_SHARE_SUM) {
        for (i = 0; i < r->nmetrics; i++)
            if (fc_glob_match(r->metrics[i], metric)) return 1;
        return 0;
    }
    if (r->mode == BM_PART_WHOLE && r->part)
        return fc_glob_match(r->part, metric) || fc_glob_match(r->whole, metric);
    return 1;
}

const ck_kind ck_kind_bound = {"bound", plan, reads};
