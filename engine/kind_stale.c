/*
** kind_stale.c -- stale rules: a newer period gives a figure that differs
** from every figure of the period before it (the figure was updated).
**
** The group is taken in period order, once per length of period (a
** month's figure is no update of a year's); each period is set against
** the next.  The older period's intervals are sorted by start, each
** carrying the furthest end among those before it, so the first newer
** figure that meets none of them is found by binary search.
*/
#include "check.h"

#include <stdlib.h>

/* Order intervals by where they start, closed starts first. */
static int by_start(const void *x, const void *y) {
    const ck_ival *a = x, *b = y;
    if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
    return a->lo_open - b->lo_open;
}

/* Whether x ends after y (a closed end after an open one at equal ends). */
static int ends_after(ck_ival x, ck_ival y) {
    return x.hi > y.hi || (x.hi == y.hi && y.hi_open && !x.hi_open);
}

static void stale_sequence(ck_ctx *c) {
    size_t a = 0, b, e, i, j;
    static const char *const roles[2] = {"earlier", "later"};
    while (a < c->ng && c->status == FC_OK) {
        ck_ival *iv;
        fc_fact *y = NULL;
        b = a + 1;
        while (b < c->ng &&
               ck_same_period(c->g[a], c->g[b], c->rule->as_of_days))
            b++;
        if (b >= c->ng) break;
        e = b + 1;
        while (e < c->ng &&
               ck_same_period(c->g[b], c->g[e], c->rule->as_of_days))
            e++;
        if (!TF(c->g[a])->has_period || !TF(c->g[b])->has_period ||
            TF(c->g[a])->last >= TF(c->g[b])->last) {
            a = b;
            continue;
        }
        /* the older period's intervals by start, each carrying the end
           that reaches furthest among those before it: a newer figure
           meets one of them when one starting before its end reaches
           past its start */
        if (ck_scratch(c, b - a) != FC_OK) return;
        iv = c->iv;
        for (i = a; i < b; i++) iv[i - a] = ck_bounds(c->rule, c->g[i]);
        qsort(iv, b - a, sizeof *iv, by_start);
        for (i = 1; i < b - a; i++)
            if (!ends_after(iv[i], iv[i - 1])) {
                iv[i].hi = iv[i - 1].hi;
                iv[i].hi_open = iv[i - 1].hi_open;
            }
        /* the first newer figure that differs from every older one */
        for (j = b; j < e && !y; j++) {
            ck_ival ij = ck_bounds(c->rule, c->g[j]);
            size_t lo = 0, hi = b - a;
            while (lo < hi) { /* how many start before ij ends */
                size_t mid = lo + (hi - lo) / 2;
                if (!ck_below(ij, iv[mid])) lo = mid + 1;
                else hi = mid;
            }
            if (lo == 0 || ck_below(iv[lo - 1], ij)) y = c->g[j];
        }
        if (y) {
            fc_fact *pair[2];
            pair[0] = c->g[b - 1];
            pair[1] = y;
            ck_add(c, FC_TYPE_PERIOD_DIFFERENCE, c->rule->severity, pair,
                   roles, 2, NULL, 0);
        }
        a = b;
    }
}

static void group_stale(ck_ctx *c) { ck_by_span_class(c, stale_sequence); }

static void plan(const fc_rule *r, ck_plan *p) {
    (void)r;
    p->group = group_stale;
}

const ck_kind ck_kind_stale = {"stale", plan, NULL};
