/*
** kind_derive.c -- derive rules: an arithmetic relation between metrics
** of one subject and period, as an expression (expr.c).  With "left", the
** figures of that metric must lie within the range the expression gives;
** without it, the expression is a condition that must be able to hold.
**
** The expression is evaluated at every combination of the references'
** ends, giving a range; prev(metric) reads the metric's figure of the
** year before from an index built when a rule first asks for it.
*/
#include "check.h"
#include "expr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct dvals {
    const fc_rule *r;
    fc_fact **facts;       /* one per reference, or NULL */
    double *vals;          /* chosen value per reference */
    ck_ctx *c;
    const fc_fact *anchor; /* for prev(): the period one year before */
    int missing;
    fc_fact *prev[8];      /* the figures prev() used */
    size_t nprev;
} dvals;

static int dvar(void *p, const char *name, double *out) {
    dvals *v = p;
    size_t i;
    for (i = 0; i < v->r->nrefs; i++)
        if (!strcmp(v->r->refs[i], name)) {
            if (!v->facts[i]) {
                v->missing++;
                return FC_EINPUT;
            }
            *out = v->vals[i];
            return FC_OK;
        }
    return FC_EINPUT;
}

/* Index the facts of the metrics the current derive rule names. */
static int build_byper(ck_ctx *c) {
    const fc_rule *r = c->rule;
    size_t i;
    unsigned char *ref = calloc(fc_facttab_nvalues(c->t) + 1, 1);
    int rc;
    if (!ref) return FC_ENOMEM;
    for (i = 0; i < r->nrefs; i++)
        ref[fc_facttab_rank(c->t, r->refs[i])] = 1;
    rc = ck_index_build(c, ref);
    free(ref);
    return rc;
}

/* The value of `metric` for the anchor's subject and basis one year
** before the anchor's period; FC_EINPUT when there is none (or the period
** is an as-of date, which has no "year before" in the same form). */
static int prev_value(dvals *v, const char *metric, double *out) {
    ck_ctx *c = v->c;
    const fc_tfact *an = TF(v->anchor);
    char prev[16];
    uint32_t m, p;
    size_t i;
    if (!ck_year_before(v->anchor->period, prev)) return FC_EINPUT;
    if (!c->byper_built && (c->status = build_byper(c)) != FC_OK)
        return FC_EINPUT;
    m = fc_facttab_rank(c->t, metric);
    p = fc_facttab_rank(c->t, prev);
    if (!m || !p) return FC_EINPUT;
    for (i = ck_index_find(c, m, an->rank[F_SUBJECT], p); i < c->nbyper; i++) {
        const fc_tfact *f = c->byper[i];
        if (f->rank[F_METRIC] != m || f->rank[F_SUBJECT] != an->rank[F_SUBJECT] ||
            f->rank[F_PERIOD] != p)
            break;
        if (f->rank[F_BASIS] == an->rank[F_BASIS]) {
            size_t k;
            for (k = 0; k < v->nprev && v->prev[k] != &f->f; k++) continue;
            if (k == v->nprev && v->nprev < 8) v->prev[v->nprev++] = (fc_fact *)&f->f;
            *out = f->f.value;
            return FC_OK;
        }
    }
    return FC_EINPUT;
}

static int dcall(void *p, const char *name, int nargs, const double *args,
                 const char *const *names, double *out) {
    dvals *v = p;
    if (!strcmp(name, "min") && nargs == 2) {
        *out = args[0] < args[1] ? args[0] : args[1];
        return FC_OK;
    }
    if (!strcmp(name, "max") && nargs == 2) {
        *out = args[0] > args[1] ? args[0] : args[1];
        return FC_OK;
    }
    if (!strcmp(name, "abs") && nargs == 1) {
        *out = fabs(args[0]);
        return FC_OK;
    }
    /* prev(metric): the metric's figure for the same subject one year
       before the group's period (a year, month or day period) */
    if (!strcmp(name, "prev") && nargs == 1 && names[0] && v->anchor) {
        if (!isfinite(args[0])) v->missing--; /* not needed this period */
        if (prev_value(v, names[0], out) == FC_OK) return FC_OK;
    }
    v->missing++;
    return FC_EINPUT;
}

/* Evaluate the expression at every combination of the references' ends,
** giving the range of results.  When no combination can be computed
** (every one divides by zero or overflows), *why says why, else NULL. */
static int derive_range(dvals *v, double *lo, double *hi, const char **why) {
    size_t n = v->r->nrefs, i;
    unsigned long combo, ncombo = n <= 10 ? 1UL << n : 1;
    int any = 0;
    *why = NULL;
    for (combo = 0; combo < ncombo; combo++) {
        double out;
        const char *w = NULL;
        for (i = 0; i < n; i++)
            if (v->facts[i])
                v->vals[i] = n <= 10 && (combo >> i) & 1 ? v->facts[i]->hi
                                                         : v->facts[i]->lo;
        v->missing = 0;
        if (fc_expr_eval_why(v->r->expr, dvar, dcall, v, &out, &w, NULL) !=
                FC_OK ||
            v->missing > 0) {
            if (v->missing > 0) {
                *why = NULL;
                return FC_EINPUT;
            }
            if (!*why) *why = w;
            continue;
        }
        if (!any || out < *lo) *lo = out;
        if (!any || out > *hi) *hi = out;
        any = 1;
    }
    if (any) *why = NULL;
    return any ? FC_OK : FC_EINPUT;
}

/* The expression has no value for the group's figures (x / (y - y)): a
** warning at the rule's expression naming the rule, the subject, the
** period and the figures, never a silent skip. */
static void cannot_evaluate(ck_ctx *c, const dvals *v, const char *why) {
    const fc_rule *r = c->rule;
    const fc_fact *a = v->anchor;
    fc_buf b;
    size_t k;
    fc_buf_init(&b);
    for (k = 0; k < r->nrefs; k++) {
        const fc_fact *f = v->facts[k];
        if (!f) continue;
        fc_buf_printf(&b, "%s%s = %.15g (%s in %s", b.len ? "; " : "",
                      r->refs[k], f->value, f->id, f->doc ? f->doc : "?");
        if (f->span.line > 0) fc_buf_printf(&b, " line %d", f->span.line);
        fc_buf_putc(&b, ')');
    }
    fc_diags_add(c->d, FC_DIAG_WARNING, r->file, r->at_expr.line,
                 r->at_expr.column, -1, "expr",
                 "rule \"%s\": the expression cannot be evaluated for "
                 "subject %s, period %s: %s; nothing was checked (%s)",
                 r->id, a && a->subject ? a->subject : "(none)",
                 a && a->period ? a->period : "(none)", why,
                 b.oom || !b.data ? "the figures" : b.data);
    fc_buf_free(&b);
}

/* The derive group holds the facts of every referenced metric for one
** subject and period. */
static void group_derive(ck_ctx *c) {
    const fc_rule *r = c->rule;
    dvals v;
    size_t i, k;
    fc_fact **pick = calloc(r->nrefs + 1, sizeof *pick);
    double *vals = calloc(r->nrefs + 1, sizeof *vals);
    if (!pick || !vals) {
        free(pick);
        free(vals);
        c->status = FC_ENOMEM;
        return;
    }
    /* one figure per reference: the most authoritative, then the first
       document by id */
    for (k = 0; k < r->nrefs; k++)
        for (i = 0; i < c->ng; i++) {
            const docmeta *di, *dp;
            if (!ck_str_eq(c->g[i]->metric, r->refs[k])) continue;
            if (!pick[k]) {
                pick[k] = c->g[i];
                continue;
            }
            di = TF(c->g[i])->dm;
            dp = TF(pick[k])->dm;
            if ((di ? di->rank : 4) < (dp ? dp->rank : 4)) pick[k] = c->g[i];
        }
    v.r = r;
    v.facts = pick;
    v.vals = vals;
    v.c = c;
    v.anchor = c->ng ? c->g[0] : NULL;
    v.missing = 0;
    v.nprev = 0;
    if (!r->left) {
        double lo = 0, hi = 0;
        const char *why;
        /* a condition: it must be able to hold within the figures' ranges */
        int st = derive_range(&v, &lo, &hi, &why);
        if (st != FC_OK && why) cannot_evaluate(c, &v, why);
        if (st == FC_OK && hi == 0 && lo == 0) {
            fc_fact *used[16];
            size_t n = 0;
            for (k = 0; k < r->nrefs && n < 16; k++)
                if (pick[k]) used[n++] = pick[k];
            for (k = 0; k < v.nprev && n < 16; k++) used[n++] = v.prev[k];
            ck_add(c, FC_TYPE_DERIVED, r->severity, used, NULL, n, NULL, 0);
        }
    } else {
        double lo = 0, hi = 0;
        const char *why;
        int st = derive_range(&v, &lo, &hi, &why);
        if (st != FC_OK && why) cannot_evaluate(c, &v, why);
        if (st == FC_OK) {
            for (i = 0; i < c->ng; i++) {
                fc_fact *l = c->g[i], *used[16];
                ck_ival il, ie;
                char text[160];
                ck_extra ex[1];
                size_t n = 0;
                if (!ck_str_eq(l->metric, r->left)) continue;
                il = ck_bounds(r, l);
                ie.lo = lo;
                ie.hi = hi;
                ie.lo_open = ie.hi_open = 0;
                if (ck_overlap(il, ie)) continue;
                used[n++] = l;
                for (k = 0; k < r->nrefs && n < 16; k++)
                    if (pick[k] && pick[k] != l) used[n++] = pick[k];
                for (k = 0; k < v.nprev && n < 16; k++) used[n++] = v.prev[k];
                fc_format_interval(lo, hi, l->unit, text, sizeof text);
                ex[0].name = "expected";
                ex[0].value = text;
                ck_add(c, FC_TYPE_DERIVED,
                       ck_severity_for(c, l, n > 1 ? used[1] : NULL), used,
                       NULL, n, ex, 1);
            }
        }
    }
    free(pick);
    free(vals);
}

/* ---- the kind -------------------------------------------------------------------- */

static void plan(const fc_rule *r, ck_plan *p) {
    static const int o[] = {F_SUBJECT, F_PERIOD};
    (void)r;
    memcpy(p->order, o, sizeof o);
    p->norder = 2;
    p->group = group_derive;
}

/* A derive rule reads the metric it checks and those its expression
** names. */
static int reads(const fc_rule *r, const char *metric) {
    size_t i;
    if (r->left && !strcmp(r->left, metric)) return 1;
    for (i = 0; i < r->nrefs; i++)
        if (!strcmp(r->refs[i], metric)) return 1;
    return 0;
}

const ck_kind ck_kind_derive = {"derive", plan, reads};
