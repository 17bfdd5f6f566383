/*
** kind_trend.c -- trend rules, in three modes:
**
**   fall    a level for a period lying wholly below the level for the
**           period before it;
**   streak  "the 5th consecutive year" must advance by the years between
**           the periods;
**   growth  a growth rate (metric = level + suffix, in %) must fall within
**           what the levels of its period and of the year before allow.
**
** Fall and streak judge one group at a time; growth runs once over the
** rule's selection, against an index of the levels.
*/
#include "check.h"

#include <ctype.h>
#include <strings.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const earlier_later[2] = {"earlier", "later"};

/* ---- streak ---------------------------------------------------------------------- */

/* The last full year a period's streak counts: the year itself, or the
** year before an as-of date. */
static int streak_year(const fc_fact *f) {
    const fc_tfact *t = TF(f);
    if (!t->has_period) return 0;
    return t->as_of ? t->year_first - 1 : t->year_last;
}

/* Order streaks by the year they count, then value, then document. */
static int by_streak(const void *x, const void *y) {
    const fc_fact *a = *(fc_fact *const *)x, *b = *(fc_fact *const *)y;
    int ya = streak_year(a), yb = streak_year(b), k;
    if (ya != yb) return ya < yb ? -1 : 1;
    if (a->value != b->value) return a->value < b->value ? -1 : 1;
    if ((k = ck_cmp_u(TF(a)->rank[F_DOC], TF(b)->rank[F_DOC])) != 0) return k;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* The fact whose value most facts of [a, b) share (sorted by value). */
static size_t modal(fc_fact **g, size_t a, size_t b) {
    size_t i = a, best = a, bestn = 0;
    while (i < b) {
        size_t j = i;
        while (j < b && g[j]->value == g[i]->value) j++;
        if (j - i > bestn) {
            bestn = j - i;
            best = i;
        }
        i = j;
    }
    return best;
}

/* Streaks must advance by the years between their periods.  Facts are
** bucketed by the year they count; within a year every value other than
** the most common one is reported once against it, and from one year to
** the next every value that does not follow from the previous year's
** most common one.  Sorting keeps this O(k log k). */
static void group_streak(ck_ctx *c) {
    fc_fact **g = c->g;
    size_t a = 0, prev_mode = 0, i, j;
    int prev_year = 0;
    qsort(g, c->ng, sizeof *g, by_streak);
    while (a < c->ng && !streak_year(g[a])) a++; /* no period */
    while (a < c->ng && c->status == FC_OK) {
        int year = streak_year(g[a]);
        size_t b = a, m;
        while (b < c->ng && streak_year(g[b]) == year) b++;
        m = modal(g, a, b);
        for (i = a; i < b; i = j) {
            fc_fact *pair[2];
            j = i;
            while (j < b && g[j]->value == g[i]->value) j++;
            if (prev_year) {
                double want = year - prev_year,
                       got = g[i]->value - g[prev_mode]->value;
                if (fabs(got - want) > c->rule->tol_abs) {
                    pair[0] = g[prev_mode];
                    pair[1] = g[i];
                    ck_add(c, FC_TYPE_STREAK,
                           ck_severity_for(c, pair[0], pair[1]), pair,
                           earlier_later, 2, NULL, 0);
                    continue;
                }
            }
            if (i != m && fabs(g[i]->value - g[m]->value) > c->rule->tol_abs) {
                pair[0] = g[m];
                pair[1] = g[i];
                ck_add(c, FC_TYPE_STREAK, ck_severity_for(c, pair[0], pair[1]),
                       pair, NULL, 2, NULL, 0);
            }
        }
        prev_year = year;
        prev_mode = m;
        a = b;
    }
}

/* ---- fall ------------------------------------------------------------------------ */

static int phrase_keyed(const fc_fact *f) {
    return f->metric_source && !strcmp(f->metric_source, "phrase");
}

/* Whether the words of f say its count only grows: "a total of", "built",
** "cultivated", "so far", "to date", "cumulative" in its measured phrase
** or the words around it. */
static int has_word(const char *s, const char *w) {
    size_t n = strlen(w);
    const char *p;
    if (!s) return 0;
    for (p = s; *p; p++)
        if (!strncasecmp(p, w, n) &&
            (p == s || !isalpha((unsigned char)p[-1])) &&
            !isalpha((unsigned char)p[n]))
            return 1;
    return 0;
}

static int cumulative_worded(const fc_fact *f) {
    static const char *const words[] = {
        "a total of", "altogether", "built", "cultivated", "cumulative",
        "cumulatively", "in all", "in total", "so far", "to date", NULL};
    size_t k;
    for (k = 0; words[k]; k++)
        if (has_word(f->measured, words[k]) || has_word(f->context, words[k]))
            return 1;
    return 0;
}

/* Falls between consecutive periods that do not overlap: the pair with
** the widest gap (the last such pair in group order), found in one pass
** over each period's figures. */
static void fall_sequence(ck_ctx *c) {
    size_t a = 0, b, i, j;
    while (a < c->ng) {
        size_t e, li = 0, lj = 0, oi = 0, oj = 0;
        int any_i_open = 0, any_j_open = 0;
        double maxlo = 0, minhi = 0;
        b = a + 1;
        while (b < c->ng && ck_str_eq(c->g[b]->period, c->g[a]->period)) b++;
        if (b >= c->ng) break;
        e = b + 1;
        while (e < c->ng && ck_str_eq(c->g[e]->period, c->g[b]->period)) e++;
        if (TF(c->g[a])->has_period && TF(c->g[b])->has_period &&
            TF(c->g[a])->last < TF(c->g[b])->first) {
            for (i = a; i < b; i++) {
                ck_ival ix = ck_bounds(c->rule, c->g[i]);
                if (i == a || ix.lo > maxlo) {
                    maxlo = ix.lo;
                    any_i_open = 0;
                }
                if (ix.lo == maxlo) {
                    li = i;
                    if (ix.lo_open) {
                        oi = i;
                        any_i_open = 1;
                    }
                }
            }
            for (j = b; j < e; j++) {
                ck_ival iy = ck_bounds(c->rule, c->g[j]);
                if (j == b || iy.hi < minhi) {
                    minhi = iy.hi;
                    any_j_open = 0;
                }
                if (iy.hi == minhi) {
                    lj = j;
                    if (iy.hi_open) {
                        oj = j;
                        any_j_open = 1;
                    }
                }
            }
            /* at a gap of zero only an open end makes a fall */
            if (maxlo == minhi && any_j_open)
                lj = ck_bounds(c->rule, c->g[li]).lo_open ? lj : oj;
            else if (maxlo == minhi && any_i_open)
                li = oi;
            if (maxlo > minhi || (maxlo == minhi && (any_i_open || any_j_open))) {
                fc_fact *pair[2];
                pair[0] = c->g[li];
                pair[1] = c->g[lj];
                if ((phrase_keyed(pair[0]) || phrase_keyed(pair[1])) &&
                    cumulative_worded(pair[0]) && cumulative_worded(pair[1])) {
                    /* but one both texts word as cumulative cannot */
                    c->doubt_cap = SEV_WARNING;
                    c->doubt = "both figures are worded as cumulative "
                               "counts, which cannot fall";
                } else if (phrase_keyed(pair[0]) || phrase_keyed(pair[1])) {
                    /* a thing named only by the words around its figures
                       may be one that falls as well as rises */
                    c->doubt_cap = SEV_INFO;
                    c->doubt = "no lexicon entry says what is counted, so "
                               "a fall is only noted";
                }
                ck_add(c, FC_TYPE_PERIOD_DIFFERENCE,
                       ck_severity_for(c, pair[0], pair[1]), pair,
                       earlier_later, 2, NULL, 0);
            }
        }
        a = b;
    }
}

static void group_fall(ck_ctx *c) { ck_by_span_class(c, fall_sequence); }

/* ---- growth against levels ------------------------------------------------------- */

/* The range of the levels of metric m for a subject, basis and period
** (ranks) given by actual figures, and the one of highest authority (the
** first among equals).  Returns how many figures there are. */
static size_t level_range(const ck_ctx *c, uint32_t m, const fc_tfact *g,
                          uint32_t per, uint32_t actual, double *lo,
                          double *hi, fc_fact **best) {
    size_t i, n = 0;
    *best = NULL;
    for (i = ck_index_find(c, m, g->rank[F_SUBJECT], per); i < c->nbyper;
         i++) {
        const fc_tfact *f = c->byper[i];
        if (f->rank[F_METRIC] != m || f->rank[F_SUBJECT] != g->rank[F_SUBJECT] ||
            f->rank[F_PERIOD] != per)
            break;
        if (f->rank[F_BASIS] != g->rank[F_BASIS] || f->rank[F_STATUS] != actual)
            continue;
        if (!n || f->f.lo < *lo) *lo = f->f.lo;
        if (!n || f->f.hi > *hi) *hi = f->f.hi;
        if (!*best || (f->dm ? f->dm->rank : 4) <
                          (TF(*best)->dm ? TF(*best)->dm->rank : 4))
            *best = (fc_fact *)&f->f;
        n++;
    }
    return n;
}

/* Growth rates (metric = level + suffix, in %) against the levels of their
** period and of the year before, for the same subject and basis: the rate
** must fall within what the levels' ranges allow. */
static int growth_all(ck_ctx *c) {
    static const char *const roles[3] = {"growth", "level", "previous level"};
    const fc_rule *r = c->rule;
    size_t nv = fc_facttab_nvalues(c->t), n = fc_facttab_count(c->t), i;
    size_t slen = strlen(r->suffix);
    uint32_t *level_of = calloc(nv + 1, sizeof *level_of);
    uint32_t actual = fc_facttab_rank(c->t, "actual");
    unsigned char *want = calloc(nv + 1, 1);
    int rc = FC_OK;
    if (!level_of || !want) {
        free(level_of);
        free(want);
        return FC_ENOMEM;
    }
    for (i = 1; i <= nv; i++) {
        const char *v = fc_facttab_value(c->t, (uint32_t)i);
        size_t len = strlen(v);
        char *level;
        if (!c->msel[i] || len <= slen || strcmp(v + len - slen, r->suffix))
            continue;
        if (!(level = fc_strndup(v, len - slen))) {
            rc = FC_ENOMEM;
            break;
        }
        level_of[i] = fc_facttab_rank(c->t, level);
        want[level_of[i]] = 1;
        free(level);
    }
    if (rc == FC_OK) rc = ck_index_build(c, want);
    for (i = 0; rc == FC_OK && i < n && c->status == FC_OK; i++) {
        fc_tfact *g = fc_facttab_fact(c->t, i);
        fc_fact *facts[3];
        uint32_t lv = level_of[g->rank[F_METRIC]], prev;
        double clo = 0, chi = 0, plo = 0, phi = 0;
        char before[16], text[160];
        ck_extra ex[1];
        ck_ival ig, ie;
        if (!lv || g->rank[F_STATUS] != actual || !g->f.unit ||
            strcmp(g->f.unit, "%") != 0 || !ck_selected(c, &g->f))
            continue;
        if (!ck_year_before(g->f.period, before) ||
            !(prev = fc_facttab_rank(c->t, before)))
            continue;
        if (!level_range(c, lv, g, g->rank[F_PERIOD], actual, &clo, &chi,
                         &facts[1]) ||
            !level_range(c, lv, g, prev, actual, &plo, &phi, &facts[2]) ||
            plo <= 0 || clo < 0)
            continue;
        ie.lo = (clo / phi - 1) * 100;
        ie.hi = (chi / plo - 1) * 100;
        ie.lo_open = ie.hi_open = 0;
        ig = ck_bounds(r, &g->f);
        if (ck_overlap(ig, ie)) continue;
        facts[0] = &g->f;
        fc_format_interval(ie.lo, ie.hi, "%", text, sizeof text);
        ex[0].name = "expected";
        ex[0].value = text;
        ck_add(c, FC_TYPE_GROWTH, ck_severity_for(c, facts[0], facts[1]),
               facts, roles, 3, ex, 1);
    }
    free(level_of);
    free(want);
    return rc != FC_OK ? rc : c->status;
}

/* ---- the kind -------------------------------------------------------------------- */

static void plan(const fc_rule *r, ck_plan *p) {
    if (r->mode == TM_GROWTH) p->run = growth_all; /* by an index of levels */
    else if (r->mode == TM_STREAK) p->group = group_streak;
    else p->group = group_fall;
}

const ck_kind ck_kind_trend = {"trend", plan, NULL};
