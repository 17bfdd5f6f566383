/*
** audit.c -- check a draft article against a body of reference facts.
**
** The draft is read as plain text or Markdown, the parts of Markdown that
** carry no prose blanked by the documents module (fc_markdown_mask), so
** every span still points into the file.  Its figures are
** extracted, and each is classified against the reference facts of the
** same metric: contradicted, stale, a basis or population confusion, a
** slip of scale, rounding, supported, or unsupported.  The draft is also
** checked against itself with the rules.  Only the reference facts of the
** metrics the draft names are read (by indexed lookups), so an audit costs
** what the draft costs, not what the reference holds.
*/
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- classifying ------------------------------------------------------------- */

typedef struct refs {
    fc_fact **items;
    size_t n, cap;
} refs;

static int keep_ref(void *ctx, const fc_fact *f, const fc_loc *loc) {
    refs *r = ctx;
    (void)loc;
    if (r->n == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 32;
        fc_fact **p = realloc(r->items, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        r->items = p;
        r->cap = ncap;
    }
    if (!(r->items[r->n] = fc_fact_dup(f))) return FC_ENOMEM;
    r->n++;
    return FC_OK;
}

static void refs_free(refs *r) {
    size_t i;
    for (i = 0; i < r->n; i++) fc_fact_free(r->items[i]);
    free(r->items);
    memset(r, 0, sizeof *r);
}

static int str_eq(const char *a, const char *b) {
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

typedef struct span_ends {
    double lo, hi;
    int lo_open, hi_open;
} span_ends;

static span_ends ends(const fc_fact *f) {
    span_ends e;
    const char *q = f->qualifier ? f->qualifier : "exact";
    e.lo = f->lo;
    e.hi = f->hi;
    e.lo_open = !strcmp(q, "more_than");
    e.hi_open = !strcmp(q, "less_than") || !strcmp(q, "nearly");
    return e;
}

static int below(span_ends a, span_ends b) {
    return a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open));
}

static int agree(const fc_fact *a, const fc_fact *b) {
    span_ends x = ends(a), y = ends(b);
    return !below(x, y) && !below(y, x);
}


static int rounding_gap(const fc_fact *a, const fc_fact *b) {
    double gap = a->lo > b->hi ? a->lo - b->hi : b->lo - a->hi;
    double wa = a->hi - a->lo, wb = b->hi - b->lo;
    if (fc_one_sided(a) && fc_one_sided(b)) {
        /* "more than 2,100" and "nearly 2,100" only touch */
        if (gap > 0) return 0;
    } else if (fc_one_sided(a) || fc_one_sided(b)) {
        return 0;
    }
    return gap >= 0 && gap <= 0.5 * (wa > wb ? wa : wb) && wa + wb > 0;
}

/* The last full year a streak counts: its year, or the year before an
** as-of date. */
static int streak_year(const fc_when *w) {
    return w->p.as_of ? fc_date_year(w->p.first) - 1
                      : fc_date_year(w->p.last);
}

static int is_streak(const fc_fact *f) {
    size_t n = f->metric ? strlen(f->metric) : 0;
    return n > 7 && !strcmp(f->metric + n - 7, ".streak");
}

/* One period for comparison: the same text, or as-of dates within days;
** streaks compare by the years they count. */
static int same_period(const fc_fact *a, const fc_fact *b, int days) {
    fc_when pa, pb;
    if (str_eq(a->period, b->period)) return 1;
    pa = fc_when_of(a);
    pb = fc_when_of(b);
    if (!pa.ok || !pb.ok) return 0;
    if (is_streak(a) && is_streak(b))
        return streak_year(&pa) == streak_year(&pb);
    if (pa.p.as_of && pb.p.as_of)
        return labs(fc_date_days(pa.p.first) - fc_date_days(pb.p.first)) <= days;
    /* an as-of date inside a year, month or day period says the same */
    if (pa.p.as_of != pb.p.as_of) {
        const fc_when *d = pa.p.as_of ? &pa : &pb, *y = pa.p.as_of ? &pb : &pa;
        return strcmp(d->p.first, y->p.first) >= 0 && strcmp(d->p.first, y->p.last) <= 0;
    }
    return 0;
}

static int newer(const fc_fact *a, const fc_fact *b) {
    fc_when pa = fc_when_of(a), pb = fc_when_of(b);
    return pa.ok && pb.ok && strcmp(pa.p.last, pb.p.last) > 0;
}

/* A quote on one line: runs of white space (line breaks of wrapped text)
** as one space.  Returns a static buffer per slot (two slots in a message). */
static const char *one_line(const char *s, int slot) {
    static char bufs[2][200];
    char *o = bufs[slot & 1];
    size_t n = 0;
    int space = 0;
    for (; s && *s && n + 1 < sizeof bufs[0]; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t') {
            space = n > 0;
            continue;
        }
        if (space && n + 2 < sizeof bufs[0]) o[n++] = ' ';
        space = 0;
        o[n++] = *s;
    }
    o[n] = '\0';
    return o;
}

static const char *value_text(const fc_fact *f, char *buf, size_t size) {
    fc_format_value(f->value, f->unit, buf, size);
    return buf;
}

/* The reference facts of one metric, read once per audit. */
typedef struct metric_cache {
    char *metric;
    refs r;
} metric_cache;

typedef struct audit {
    metric_cache *cache;
    size_t ncache;
    fc_store *ref;
    fc_findings *out;
    fc_audit_stats *st;
    int days;
    /* documents' dates, for messages */
    fc_doc **docs;
    size_t ndocs;
} audit;

static const char *doc_date(audit *a, const char *id) {
    size_t i;
    fc_doc *doc = NULL, **p;
    for (i = 0; i < a->ndocs; i++)
        if (!strcmp(a->docs[i]->id, id))
            return a->docs[i]->published ? a->docs[i]->published : "undated";
    if (fc_store_get_doc(a->ref, id, &doc) != FC_OK || !doc) return "undated";
    p = realloc(a->docs, (a->ndocs + 1) * sizeof *p);
    if (!p) {
        fc_doc_free(doc);
        return "undated";
    }
    a->docs = p;
    a->docs[a->ndocs++] = doc;
    return doc->published ? doc->published : "undated";
}

static int metric_refs(audit *a, const char *metric, const refs **out) {
    fc_fact_filter flt;
    metric_cache *p;
    size_t i;
    int st;
    for (i = 0; i < a->ncache; i++)
        if (!strcmp(a->cache[i].metric, metric)) {
            *out = &a->cache[i].r;
            return FC_OK;
        }
    p = realloc(a->cache, (a->ncache + 1) * sizeof *p);
    if (!p) return FC_ENOMEM;
    a->cache = p;
    p = &a->cache[a->ncache];
    memset(p, 0, sizeof *p);
    if (!(p->metric = fc_strdup(metric))) return FC_ENOMEM;
    a->ncache++;
    memset(&flt, 0, sizeof flt);
    flt.metric = metric;
    if ((st = fc_store_each_fact(a->ref, &flt, keep_ref, &p->r)) != FC_OK)
        return st;
    *out = &p->r;
    return FC_OK;
}

static int emit(audit *a, const char *rule, const char *type,
                const char *severity, const char *msg, const fc_fact *draft,
                const fc_fact *ref, const char *ref_role) {
    fc_fact *facts[2];
    const char *roles[2];
    facts[0] = (fc_fact *)draft;
    roles[0] = "draft";
    facts[1] = (fc_fact *)ref;
    roles[1] = ref_role;
    return fc_findings_append(a->out, rule, "audit", type, severity, msg, facts,
                              roles, ref ? 2 : 1);
}

/* The reference figure nearest in value to f among those that differ,
** preferring one a slip of scale explains. */
static const fc_fact *nearest(const fc_fact *f, const fc_fact *const *c,
                              size_t n) {
    const fc_fact *best = NULL;
    double bestd = 0;
    size_t i;
    int slip = 0;
    for (i = 0; i < n; i++) {
        double d = fabs(log((fabs(f->value) + 1e-12) /
                            (fabs(c[i]->value) + 1e-12)));
        int s = fc_scale_slip(f, c[i]);
        if (s) d = fmod(d, log(1000.0)); /* the distance once rescaled */
        if (s && d > log(1000.0) / 2) d = log(1000.0) - d;
        if (!best || s > slip || (s == slip && d < bestd)) {
            best = c[i];
            bestd = d;
            slip = s;
        }
    }
    return best;
}

static int conflict_finding(audit *a, const fc_fact *f, const fc_fact *g) {
    const char *type = "value_conflict", *sev = "error",
               *rule = "audit-contradicted";
    char msg[1024], v1[64], v2[64];
    if (fc_scale_slip(f, g)) {
        type = "unit_or_scale_slip";
        rule = "audit-scale-slip";
        a->st->slips++;
    } else if (rounding_gap(f, g)) {
        type = "rounding_only";
        sev = "info";
        rule = "audit-rounding";
        a->st->rounding++;
    } else {
        a->st->contradicted++;
    }
    snprintf(msg, sizeof msg,
             "the draft gives %s (%s) for %s, %s; %s (%s) gives %s (%s) for "
             "%s%s",
             one_line(f->text, 0), value_text(f, v1, sizeof v1), f->metric,
             f->period ? f->period : "no period", g->doc, doc_date(a, g->doc),
             one_line(g->text, 1), value_text(g, v2, sizeof v2),
             g->period ? g->period : "no period",
             !strcmp(type, "unit_or_scale_slip")
                 ? ": a slip of scale words (a factor of a thousand or more)"
             : !strcmp(type, "rounding_only") ? ": a difference of rounding"
                                              : "");
    return emit(a, rule, type, sev, msg, f, g, "reference");
}

static int stale_finding(audit *a, const fc_fact *f, const fc_fact *newest,
                         const fc_fact *old) {
    char msg[1024], v1[64], v2[64];
    a->st->stale++;
    snprintf(msg, sizeof msg,
             "the draft gives %s (%s) for %s%s%s%s, but a newer figure exists: "
             "%s (%s) for %s, from %s (%s)",
             one_line(f->text, 0), value_text(f, v1, sizeof v1), f->metric,
             old ? " as " : "", old ? old->doc : "",
             old ? " did" : "", one_line(newest->text, 1),
             value_text(newest, v2, sizeof v2),
             newest->period ? newest->period : "no period", newest->doc,
             doc_date(a, newest->doc));
    return emit(a, "audit-stale", "period_difference", "warning", msg, f,
                newest, "newer");
}

static int support_finding(audit *a, const fc_fact *f, const fc_fact *g,
                           size_t agreeing, size_t docs) {
    char msg[1024], v1[64];
    a->st->supported++;
    snprintf(msg, sizeof msg,
             "%s (%s) for %s, %s agrees with %zu reference figure%s in %zu "
             "document%s, such as %s (%s)",
             one_line(f->text, 0), value_text(f, v1, sizeof v1), f->metric,
             f->period ? f->period : "no period", agreeing,
             agreeing == 1 ? "" : "s", docs, docs == 1 ? "" : "s", g->doc,
             doc_date(a, g->doc));
    return emit(a, "audit-supported", "supported", "info", msg, f, g,
                "source");
}

/* Reference figures in g's period (as-of dates within a->days) that agree
** with f, and the documents they come from. */
static void count_support(audit *a, const fc_fact *f, const fc_fact *g,
                          const fc_fact *const *c, size_t n, size_t *agreeing,
                          size_t *docs) {
    size_t i, k;
    *agreeing = *docs = 0;
    for (i = 0; i < n; i++) {
        int seen = 0;
        if (!same_period(g, c[i], a->days) || !agree(f, c[i])) continue;
        (*agreeing)++;
        for (k = 0; k < i; k++)
            if (!strcmp(c[k]->doc, c[i]->doc) &&
                same_period(g, c[k], a->days) && agree(f, c[k]))
                seen = 1;
        if (!seen) (*docs)++;
    }
}

/* Classify one figure of the draft against the reference facts of its
** metric.  A figure with an explicit period is compared with the reference
** figures of that period; one the draft states as of its own date ("now")
** with the latest reference figure before that date. */
static int classify(audit *a, const fc_fact *f) {
    const refs *r;
    const fc_fact **c = NULL;
    size_t i, n = 0, agreeing, docs;
    const fc_fact *other_basis = NULL, *other_subject = NULL;
    char msg[1024], v1[64];
    fc_when pf;
    int st = FC_OK, nothing_then = 0;

    a->st->figures++;
    if (!f->metric) {
        a->st->unsupported++;
        snprintf(msg, sizeof msg, "%s: no metric is known for this figure, "
                                  "so nothing can support or contradict it",
                 one_line(f->text, 0));
        return emit(a, "audit-unsupported", "unsupported", "info", msg, f,
                    NULL, NULL);
    }
    if ((st = metric_refs(a, f->metric, &r)) != FC_OK) return st;
    if (!(c = calloc(r->n + 1, sizeof *c))) return FC_ENOMEM;
    /* the candidates: same status, subject and basis; and figures of
       another basis or population, preferring one the draft's value
       matches (the draft may have moved it) */
    for (i = 0; i < r->n; i++) {
        const fc_fact *g = r->items[i];
        if (!str_eq(g->status ? g->status : "actual",
                    f->status ? f->status : "actual"))
            continue;
        if (!str_eq(g->subject, f->subject)) {
            if (!other_subject || (agree(f, g) && !agree(f, other_subject)))
                other_subject = g;
            continue;
        }
        if (!str_eq(g->basis, f->basis)) {
            if (!other_basis || (agree(f, g) && !agree(f, other_basis)))
                other_basis = g;
            continue;
        }
        c[n++] = g;
    }
    /* a figure that matches another basis and not its own was moved */
    if (other_basis && agree(f, other_basis)) {
        int own = 0;
        for (i = 0; i < n; i++)
            if (agree(f, c[i])) own = 1;
        if (!own) n = 0;
    }
    pf = fc_when_of(f);
    if (n && pf.ok && pf.p.as_of) {
        /* "now": the latest reference figure up to the draft's date */
        const fc_fact *latest = NULL, *older = NULL;
        for (i = 0; i < n; i++) {
            fc_when pg = fc_when_of(c[i]);
            if (!pg.ok || strcmp(pg.p.last, pf.p.last) > 0) continue;
            if (!latest || newer(c[i], latest)) latest = c[i];
        }
        if (!latest) {
            n = 0; /* every reference figure is later than the draft */
            nothing_then = 1;
        } else if (agree(f, latest)) {
            count_support(a, f, latest, c, n, &agreeing, &docs);
            st = support_finding(a, f, latest, agreeing, docs);
        } else {
            for (i = 0; i < n; i++)
                if (newer(latest, c[i]) && agree(f, c[i])) older = c[i];
            if (older) {
                st = stale_finding(a, f, latest, older);
            } else {
                const fc_fact *same[64];
                size_t k = 0;
                for (i = 0; i < n && k < 64; i++)
                    if (same_period(latest, c[i], a->days)) same[k++] = c[i];
                st = conflict_finding(a, f, nearest(f, same, k));
            }
        }
    } else if (n) {
        const fc_fact *support = NULL, *newest = NULL, *conf[64];
        size_t k = 0;
        for (i = 0; i < n; i++) {
            if (same_period(f, c[i], a->days)) {
                if (agree(f, c[i])) {
                    if (!support) support = c[i];
                } else if (k < 64) {
                    conf[k++] = c[i];
                }
            } else if (newer(c[i], f) && (!newest || newer(c[i], newest))) {
                newest = c[i];
            }
        }
        if (support) {
            count_support(a, f, support, c, n, &agreeing, &docs);
            st = support_finding(a, f, support, agreeing, docs);
        } else if (k) {
            st = conflict_finding(a, f, nearest(f, conf, k));
        } else if (newest && !agree(f, newest)) {
            st = stale_finding(a, f, newest, NULL);
        } else {
            n = 0; /* nothing of this period: unsupported below */
            nothing_then = 1;
        }
    }
    if (st == FC_OK && !n) {
        if (other_basis && !nothing_then) {
            a->st->confused++;
            snprintf(msg, sizeof msg,
                     "the draft gives %s for %s as a share of %s, but the "
                     "reference gives %s as a share of %s (%s in %s): shares "
                     "of different wholes are not comparable",
                     one_line(f->text, 0), f->metric,
                     f->basis ? f->basis : "no stated basis",
                     agree(f, other_basis) ? "this figure" : "it",
                     other_basis->basis ? other_basis->basis
                                        : "no stated basis",
                     one_line(other_basis->text, 1),
                     other_basis->doc);
            st = emit(a, "audit-basis", "basis_mismatch", "warning", msg, f,
                      other_basis, "reference");
        } else if (other_subject && !nothing_then) {
            a->st->confused++;
            snprintf(msg, sizeof msg,
                     "the draft gives %s for %s about %s, but the reference "
                     "speaks of %s (%s in %s)",
                     one_line(f->text, 0), f->metric,
                     f->subject ? f->subject : "no subject",
                     other_subject->subject ? other_subject->subject
                                            : "no subject",
                     one_line(other_subject->text, 1),
                     other_subject->doc);
            st = emit(a, "audit-population", "population_difference",
                      "warning", msg, f, other_subject, "reference");
        } else {
            a->st->unsupported++;
            snprintf(msg, sizeof msg,
                     "%s (%s) for %s, %s: no reference figure for this "
                     "metric and period",
                     one_line(f->text, 0), value_text(f, v1, sizeof v1),
                     f->metric, f->period ? f->period : "no period");
            st = emit(a, "audit-unsupported", "unsupported", "info", msg, f,
                      NULL, NULL);
        }
    }
    free(c);
    return st;
}

typedef struct draft_facts {
    refs r;
} draft_facts;

static int on_draft_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    return keep_ref(ctx, f, loc);
}

int fc_audit(fc_store *ref, const fc_rules *rs, const fc_lexicon *lx,
             const fc_doc *draft, fc_findings **out, fc_audit_stats *stats,
             fc_diags *d) {
    audit a;
    refs df = {0};
    fc_findings *self = NULL;
    fc_store *mem = NULL;
    fc_manifest m;
    fc_doc *docs[1];
    char *buf = NULL;
    size_t i, len = 0;
    int st;
    fc_buf b;

    *out = NULL;
    memset(stats, 0, sizeof *stats);
    memset(&a, 0, sizeof a);
    a.ref = ref;
    a.st = stats;
    a.days = 3;
    if (!(a.out = fc_findings_new())) return FC_ENOMEM;

    st = fc_extract(lx, draft, on_draft_fact, &df, d);
    for (i = 0; st == FC_OK && i < df.n; i++) st = classify(&a, df.items[i]);

    /* the draft against itself, with the rules */
    if (st == FC_OK && rs) {
        fc_buf_init(&b);
        for (i = 0; i < df.n; i++) {
            char *line = fc_fact_to_json(df.items[i]);
            if (!line) {
                st = FC_ENOMEM;
                break;
            }
            fc_buf_puts(&b, line);
            fc_buf_putc(&b, '\n');
            free(line);
        }
        if (b.oom) st = FC_ENOMEM;
        len = b.len;
        buf = fc_buf_take(&b);
        if (st == FC_OK) st = fc_store_open(&mem, NULL, d);
        if (st == FC_OK) {
            const char *name = "(draft facts)";
            const char *bufs[1];
            memset(&m, 0, sizeof m);
            docs[0] = (fc_doc *)draft;
            m.docs = docs;
            m.ndocs = 1;
            bufs[0] = buf ? buf : "";
            st = fc_store_load_buffers(mem, &m, &name, bufs, &len, 1, NULL, d);
        }
        if (st == FC_OK) st = fc_check(mem, rs, &self, d);
        for (i = 0; st == FC_OK && i < fc_findings_count(self); i++) {
            const fc_finding *f = fc_findings_get(self, i);
            /* updates and targets inside one draft are no problem of it */
            if (!strcmp(f->type, FC_TYPE_PERIOD_DIFFERENCE) ||
                !strcmp(f->type, FC_TYPE_TARGET_MET))
                continue;
            st = fc_findings_take(a.out, self, i);
        }
    }
    fc_findings_free(self);
    fc_store_close(mem);
    free(buf);
    refs_free(&df);
    for (i = 0; i < a.ncache; i++) {
        free(a.cache[i].metric);
        refs_free(&a.cache[i].r);
    }
    free(a.cache);
    for (i = 0; i < a.ndocs; i++) fc_doc_free(a.docs[i]);
    free(a.docs);
    if (st != FC_OK) {
        fc_findings_free(a.out);
        return st;
    }
    fc_findings_sort(a.out);
    *out = a.out;
    return FC_OK;
}
