/*
** kind_target.c -- target rules: a target ("status": "target") against the
** actual figure that reports on its period, met or missed.
**
** Targets and actuals share a key without status.  The group is in order
** of the periods' last days, so the actual nearest a target's end (from a
** month before it to window_days after it) is found by binary search.
*/
#include "check.h"

#include <stdlib.h>
#include <string.h>

static void group_target(ck_ctx *c) {
    size_t i, j;
    static const char *const roles[2] = {"target", "actual"};
    /* the group is in order of the periods' last days */
    for (i = 0; i < c->ng; i++) {
        fc_fact *t = c->g[i], *best = NULL, *pair[2];
        long tend, bestd = 0;
        size_t lo = 0, hi = c->ng;
        ck_ival it, ia;
        if (!t->status || strcmp(t->status, "target") != 0) continue;
        if (!TF(t)->has_period) continue;
        tend = TF(t)->last;
        while (lo < hi) { /* the first that ends at most a month before */
            size_t mid = lo + (hi - lo) / 2;
            if (TF(c->g[mid])->last < tend - 31) lo = mid + 1;
            else hi = mid;
        }
        for (j = lo; j < c->ng; j++) {
            fc_fact *a = c->g[j];
            long aend = TF(a)->last;
            if (aend > tend + c->rule->window_days) break;
            if (best && aend - tend >= bestd) break;
            if (a->status && strcmp(a->status, "actual") != 0) continue;
            if (!TF(a)->has_period) continue;
            if (!best || labs(aend - tend) < bestd) {
                best = a;
                bestd = labs(aend - tend);
            }
        }
        if (!best) continue;
        it = ck_bounds(c->rule, t);
        ia = ck_bounds(c->rule, best);
        pair[0] = t;
        pair[1] = best;
        if (!strcmp(t->qualifier ? t->qualifier : "", "at_most") ||
            !strcmp(t->qualifier ? t->qualifier : "", "less_than")) {
            if (ia.lo <= it.hi)
                ck_add(c, FC_TYPE_TARGET_MET, SEV_INFO, pair, roles, 2, NULL,
                       0);
            else
                ck_add(c, FC_TYPE_TARGET_MISSED, c->rule->severity, pair,
                       roles, 2, NULL, 0);
        } else if (ia.hi >= it.lo) {
            ck_add(c, FC_TYPE_TARGET_MET, SEV_INFO, pair, roles, 2, NULL, 0);
        } else {
            ck_add(c, FC_TYPE_TARGET_MISSED, c->rule->severity, pair, roles, 2,
                   NULL, 0);
        }
    }
}

/* Targets and actuals share a key without status. */
static void plan(const fc_rule *r, ck_plan *p) {
    int i, n = 0;
    (void)r;
    for (i = 0; i < p->norder; i++)
        if (p->order[i] != F_STATUS) p->order[n++] = p->order[i];
    p->norder = n;
    p->group = group_target;
}

const ck_kind ck_kind_target = {"target", plan, NULL};
