/*
** check.c -- evaluate consistency rules over the store.
**
** The facts are read from the store once; each rule selects its facts,
** sorts them by its key and handles one group of equal keys at a time, so
** time grows with the number of facts (times log) and memory with the
** facts, never with the number of pairs.  Within a group, intervals are
** compared by sorting and sweeping: a group with k figures yields at most
** k - 1 conflicts, each between the two figures on either side of a gap.
*/
#include "facttab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- findings --------------------------------------------------------------- */

struct fc_findings {
    fc_finding *items;
    size_t n, cap;
};

static void finding_clear(fc_finding *f);

void fc_findings_free(fc_findings *fs) {
    size_t i;
    if (!fs) return;
    for (i = 0; i < fs->n; i++) finding_clear(&fs->items[i]);
    free(fs->items);
    free(fs);
}

size_t fc_findings_count(const fc_findings *fs) { return fs ? fs->n : 0; }

const fc_finding *fc_findings_get(const fc_findings *fs, size_t i) {
    return fs && i < fs->n ? &fs->items[i] : NULL;
}

fc_finding *fc_findings_at(fc_findings *fs, size_t i) {
    return fs && i < fs->n ? &fs->items[i] : NULL;
}

fc_findings *fc_findings_new(void) { return calloc(1, sizeof(fc_findings)); }

static void finding_id(const char *rule, fc_fact *const *facts, size_t n,
                       char out[17]);

int fc_findings_append(fc_findings *fs, const char *rule, const char *kind,
                       const char *type, const char *severity,
                       const char *message, fc_fact *const *facts,
                       const char *const *roles, size_t n) {
    fc_finding *f;
    size_t i;
    if (fs->n == fs->cap) {
        size_t ncap = fs->cap ? fs->cap * 2 : 64;
        fc_finding *p = realloc(fs->items, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        fs->items = p;
        fs->cap = ncap;
    }
    f = &fs->items[fs->n];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->kind = kind;
    f->type = type;
    f->severity = severity;
    f->facts = calloc(n ? n : 1, sizeof *f->facts);
    f->roles = calloc(n ? n : 1, sizeof *f->roles);
    f->message = fc_strdup(message);
    if (!f->facts || !f->roles || !f->message) {
        free(f->facts);
        free(f->roles);
        free(f->message);
        return FC_ENOMEM;
    }
    fs->n++;
    for (i = 0; i < n; i++) {
        f->facts[i] = fc_fact_dup(facts[i]);
        f->roles[i] = roles && roles[i] ? fc_strdup(roles[i]) : NULL;
        f->nfacts = i + 1;
        if (!f->facts[i]) return FC_ENOMEM;
    }
    finding_id(rule, facts, n, f->id);
    return FC_OK;
}

/* Move finding i of src to the end of dst (src keeps an empty slot that
** fc_findings_compact removes). */
int fc_findings_take(fc_findings *dst, fc_findings *src, size_t i) {
    if (dst->n == dst->cap) {
        size_t ncap = dst->cap ? dst->cap * 2 : 64;
        fc_finding *p = realloc(dst->items, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        dst->items = p;
        dst->cap = ncap;
    }
    dst->items[dst->n++] = src->items[i];
    memset(&src->items[i], 0, sizeof src->items[i]);
    return FC_OK;
}

static int finding_cmp(const void *x, const void *y);

void fc_findings_sort(fc_findings *fs) {
    if (fs && fs->n) qsort(fs->items, fs->n, sizeof *fs->items, finding_cmp);
}

static void finding_clear(fc_finding *f) {
    size_t k;
    free(f->message);
    for (k = 0; k < f->nfacts; k++) {
        fc_fact_free(f->facts[k]);
        free(f->roles[k]);
    }
    free(f->facts);
    free(f->roles);
    free(f->baseline_reason);
    memset(f, 0, sizeof *f);
}
/* ---- documents' metadata ---------------------------------------------------- */

typedef struct docmeta {
    char *id, *published, *event, *authority, *publisher;
    int rank;              /* 0 official .. 3 blog, 4 unknown */
} docmeta;

typedef struct ival {
    double lo, hi;
    int lo_open, hi_open;
} ival;

typedef struct ctx {
    fc_store *s;
    const fc_rules *rs;
    const fc_rule *rule;
    fc_findings *out;
    fc_diags *d;
    docmeta *docs;
    size_t ndocs;
    int status;
    /* every fact, read once */
    fc_facttab *t;
    /* the current rule's selection: by metric rank, whether the rule
       reads the metric (part and whole for part_whole by metrics); the
       rank each other selected field must have (0: any) */
    unsigned char *msel, *mpart, *mwhole;
    uint32_t want[F_COUNT];
    /* the current group: borrowed facts of t */
    fc_fact **g;
    size_t ng, capg;
    ival *iv;              /* scratch intervals */
    size_t *ix;            /* and indexes, as many */
    size_t capiv;
    /* every fact with a metric, sorted by the key most rules share */
    uint32_t *cache;
    size_t ncache;
    int corder[F_COUNT], cnorder, cwidth;
    /* for prev(): facts by metric, subject, period and document order */
    fc_tfact **byper;
    size_t nbyper;
    int byper_built;
} ctx;

/* The table's view of a fact: every fact a check handles is one. */
#define TF(f) ((const fc_tfact *)(f))

static int docmeta_cmp(const void *a, const void *b) {
    return strcmp(((const docmeta *)a)->id, ((const docmeta *)b)->id);
}

static int collect_doc(void *p, const fc_doc *doc) {
    ctx *c = p;
    docmeta *m, *dm;
    const char *const *auth = fc_doc_authorities();
    int i;
    m = realloc(c->docs, (c->ndocs + 1) * sizeof *m);
    if (!m) return FC_ENOMEM;
    c->docs = m;
    dm = &m[c->ndocs];
    memset(dm, 0, sizeof *dm);
    dm->id = fc_strdup(doc->id);
    dm->published = fc_strdup(doc->published);
    dm->event = fc_strdup(doc->event);
    dm->authority = fc_strdup(doc->authority);
    dm->publisher = fc_strdup(doc->publisher);
    dm->rank = 4;
    for (i = 0; doc->authority && auth[i]; i++)
        if (strcmp(auth[i], doc->authority) == 0) dm->rank = i;
    c->ndocs++;
    return dm->id ? FC_OK : FC_ENOMEM;
}

static const docmeta *doc_of(const ctx *c, const char *id) {
    docmeta key;
    key.id = (char *)id;
    if (!id || !c->ndocs) return NULL;
    return bsearch(&key, c->docs, c->ndocs, sizeof *c->docs, docmeta_cmp);
}

/* ---- intervals ---------------------------------------------------------------- */

static ival bounds(const fc_rule *r, const fc_fact *f) {
    ival v;
    int q = TF(f)->qual;
    double t = r->tol_abs;
    if (r->tol_rel * fabs(f->value) > t) t = r->tol_rel * fabs(f->value);
    v.lo = f->lo - t;
    v.hi = f->hi + t;
    v.lo_open = q == TQ_MORE_THAN && t == 0;
    v.hi_open = (q == TQ_LESS_THAN || q == TQ_NEARLY) && t == 0;
    return v;
}

/* Whether a lies entirely below b. */
static int below(ival a, ival b) {
    return a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open));
}

static int overlap(ival a, ival b) { return !below(a, b) && !below(b, a); }

/* ---- periods ------------------------------------------------------------------ */

/* Whether two facts' periods are one period for comparison: equal, or
** both as-of dates within `days` of each other. */
static int same_period(const fc_fact *a, const fc_fact *b, int days) {
    const fc_tfact *ta = TF(a), *tb = TF(b);
    if (ta->rank[F_PERIOD] == tb->rank[F_PERIOD]) return 1; /* or none */
    if (days <= 0 || !ta->rank[F_PERIOD] || !tb->rank[F_PERIOD]) return 0;
    return ta->as_of && tb->as_of && labs((long)ta->first - tb->first) <= days;
}

/* ---- stable ids, messages, adding findings ------------------------------------ */

static void content_key(const fc_fact *f, fc_buf *b) {
    fc_buf_printf(b, "%s|%s|%s|%s|%s|%s|%.17g|%s\n", f->doc,
                  f->metric ? f->metric : "", f->subject ? f->subject : "",
                  f->basis ? f->basis : "", f->period ? f->period : "",
                  f->status ? f->status : "actual", f->value,
                  f->text ? f->text : "");
}

static int str_ptr_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void finding_id(const char *rule, fc_fact *const *facts, size_t n,
                       char out[17]) {
    fc_buf b, k;
    char **keys = calloc(n ? n : 1, sizeof *keys), hex[65];
    size_t i;
    fc_buf_init(&b);
    fc_buf_puts(&b, rule);
    fc_buf_putc(&b, '\n');
    for (i = 0; keys && i < n; i++) {
        fc_buf_init(&k);
        content_key(facts[i], &k);
        keys[i] = fc_buf_take(&k);
    }
    if (keys) {
        qsort(keys, n, sizeof *keys, str_ptr_cmp);
        for (i = 0; i < n; i++) {
            if (keys[i]) fc_buf_puts(&b, keys[i]);
            free(keys[i]);
        }
    }
    free(keys);
    fc_sha256_hex(b.data ? b.data : "", b.len, hex);
    memcpy(out, hex, 16);
    out[16] = '\0';
    fc_buf_free(&b);
}

typedef struct extra {
    const char *name;
    const char *value;
} extra;

static void side_field(const fc_fact *f, const char *name, fc_buf *b) {
    const docmeta *dm = TF(f)->dm;
    char tmp[160];
    if (!strcmp(name, "doc")) fc_buf_puts(b, f->doc);
    else if (!strcmp(name, "quote")) {
        /* on one line: the line breaks of wrapped text become spaces */
        const char *p = f->text ? f->text : "";
        int space = 0;
        fc_buf_putc(b, '"');
        for (; *p; p++) {
            if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
                space = 1;
                continue;
            }
            if (space) fc_buf_putc(b, ' ');
            space = 0;
            fc_buf_putc(b, *p);
        }
        fc_buf_putc(b, '"');
    }
    else if (!strcmp(name, "value")) {
        fc_format_value(f->value, f->unit, tmp, sizeof tmp);
        fc_buf_puts(b, tmp);
    } else if (!strcmp(name, "interval")) {
        fc_format_interval(f->lo, f->hi, f->unit, tmp, sizeof tmp);
        fc_buf_puts(b, tmp);
    } else if (!strcmp(name, "period"))
        fc_buf_puts(b, f->period ? f->period : "no period");
    else if (!strcmp(name, "date"))
        fc_buf_puts(b, dm && dm->published ? dm->published : "undated");
    else if (!strcmp(name, "basis")) fc_buf_puts(b, f->basis ? f->basis : "no basis");
    else if (!strcmp(name, "unit")) fc_buf_puts(b, f->unit ? f->unit : "");
    else if (!strcmp(name, "metric")) fc_buf_puts(b, f->metric ? f->metric : "no metric");
    else if (!strcmp(name, "subject")) fc_buf_puts(b, f->subject ? f->subject : "");
    else if (!strcmp(name, "status")) fc_buf_puts(b, f->status ? f->status : "actual");
    else if (!strcmp(name, "publisher"))
        fc_buf_puts(b, dm && dm->publisher ? dm->publisher : f->doc);
    else if (!strcmp(name, "event")) fc_buf_puts(b, dm && dm->event ? dm->event : "");
    else if (!strcmp(name, "authority"))
        fc_buf_puts(b, dm && dm->authority ? dm->authority : "unknown");
    else if (!strcmp(name, "line")) fc_buf_printf(b, "%d", f->span.line);
    else if (!strcmp(name, "column")) fc_buf_printf(b, "%d", f->span.column);
}

static char *render(const fc_rule *r, const char *type, int severity,
                    fc_fact *const *facts, size_t n,
                    const extra *ex, size_t nex) {
    fc_buf b;
    size_t i, k;
    fc_buf_init(&b);
    for (i = 0; i < r->nmsg; i++) {
        const char *t = r->msg[i].text;
        if (!r->msg[i].is_field) {
            fc_buf_puts(&b, t);
            continue;
        }
        if ((t[0] == 'a' || t[0] == 'b' || t[0] == 'c') && t[1] == '.') {
            size_t side = (size_t)(t[0] - 'a');
            if (side < n) side_field(facts[side], t + 2, &b);
            continue;
        }
        if (!strcmp(t, "rule")) { fc_buf_puts(&b, r->id); continue; }
        if (!strcmp(t, "type")) { fc_buf_puts(&b, type); continue; }
        if (!strcmp(t, "severity")) {
            fc_buf_puts(&b, fc_rule_severities[severity]);
            continue;
        }
        if (n && (!strcmp(t, "metric") || !strcmp(t, "subject") ||
                  !strcmp(t, "basis") || !strcmp(t, "period"))) {
            side_field(facts[0], t, &b);
            continue;
        }
        for (k = 0; k < nex; k++)
            if (!strcmp(ex[k].name, t)) {
                fc_buf_puts(&b, ex[k].value);
                break;
            }
    }
    return fc_buf_take(&b);
}

/* Add a finding over n facts (copied).  Period differences and rounding
** never reach error. */
static void add(ctx *c, const char *type, int severity, fc_fact *const *facts,
                const char *const *roles, size_t n, const extra *ex,
                size_t nex) {
    const fc_rule *r = c->rule;
    fc_finding *f;
    size_t i;
    if (c->status != FC_OK) return;
    if ((!strcmp(type, FC_TYPE_PERIOD_DIFFERENCE) ||
         !strcmp(type, FC_TYPE_ROUNDING)) &&
        severity > SEV_WARNING)
        severity = SEV_WARNING;
    if (!strcmp(type, FC_TYPE_ROUNDING)) severity = SEV_INFO;
    /* an error says a publication is wrong: not while the metric is only
       a key made from the words around a figure */
    if (severity > SEV_WARNING)
        for (i = 0; i < n; i++)
            if (facts[i]->metric_source &&
                !strcmp(facts[i]->metric_source, "phrase"))
                severity = SEV_WARNING;
    if (c->out->n == c->out->cap) {
        size_t ncap = c->out->cap ? c->out->cap * 2 : 64;
        fc_finding *p = realloc(c->out->items, ncap * sizeof *p);
        if (!p) {
            c->status = FC_ENOMEM;
            return;
        }
        c->out->items = p;
        c->out->cap = ncap;
    }
    f = &c->out->items[c->out->n];
    memset(f, 0, sizeof *f);
    f->rule = r->id;
    f->kind = fc_rule_kinds[r->kind];
    f->type = type;
    f->severity = fc_rule_severities[severity];
    f->facts = calloc(n ? n : 1, sizeof *f->facts);
    f->roles = calloc(n ? n : 1, sizeof *f->roles);
    if (!f->facts || !f->roles) {
        free(f->facts);
        free(f->roles);
        c->status = FC_ENOMEM;
        return;
    }
    for (i = 0; i < n; i++) {
        f->facts[i] = fc_fact_dup(facts[i]);
        f->roles[i] = roles && roles[i] ? fc_strdup(roles[i]) : NULL;
        if (!f->facts[i]) c->status = FC_ENOMEM;
    }
    f->nfacts = n;
    finding_id(r->id, facts, n, f->id);
    f->message = render(r, type, severity, facts, n, ex, nex);
    if (!f->message) c->status = FC_ENOMEM;
    c->out->n++;
}

/* The severity for a finding between facts a and b: the rule's, raised
** to same_event when both come from reports of one event. */
static int severity_for(const ctx *c, const fc_fact *a, const fc_fact *b) {
    const fc_rule *r = c->rule;
    const docmeta *da = TF(a)->dm, *db = b ? TF(b)->dm : NULL;
    if (r->same_event >= 0 && da && db && da->event && db->event &&
        strcmp(da->event, db->event) == 0 && r->same_event > r->severity)
        return r->same_event;
    return r->severity;
}

/* Order two facts so that the side of higher authority comes first, and
** name the roles when the authorities differ. */
static void sides(fc_fact **a, fc_fact **b, const char **ra, const char **rb) {
    const docmeta *da = TF(*a)->dm, *db = TF(*b)->dm;
    int ka = da ? da->rank : 4, kb = db ? db->rank : 4;
    *ra = *rb = NULL;
    if (ka == kb) return;
    if (kb < ka) {
        fc_fact *t = *a;
        *a = *b;
        *b = t;
    }
    *ra = "reference";
    *rb = "checked";
}

/* ---- selection and grouping ---------------------------------------------------- */

/* Whether the metric alone lets the rule read a fact: its selection
** (glob or regular expression) and, for rules that name their metrics,
** one of those. */
static int metric_selected(const fc_rule *r, const char *metric,
                           pcre2_match_data *md) {
    size_t i;
    if (!metric) return 0;
    if (r->sel[F_METRIC] && !fc_glob_match(r->sel[F_METRIC], metric)) return 0;
    if (r->metric_re && pcre2_match(r->metric_re, (PCRE2_SPTR)metric,
                                    PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) < 0)
        return 0;
    if (r->kind == RK_DERIVE) {
        if (r->left && !strcmp(r->left, metric)) return 1;
        for (i = 0; i < r->nrefs; i++)
            if (!strcmp(r->refs[i], metric)) return 1;
        return 0;
    }
    if (r->kind == RK_BOUND && r->mode == BM_SHARE_SUM) {
        for (i = 0; i < r->nmetrics; i++)
            if (fc_glob_match(r->metrics[i], metric)) return 1;
        return 0;
    }
    if (r->kind == RK_BOUND && r->mode == BM_PART_WHOLE && r->part)
        return fc_glob_match(r->part, metric) || fc_glob_match(r->whole, metric);
    return 1;
}

/* Compile the current rule's selection against the table's values: the
** metrics it reads, and the rank of every other field it selects. */
static int select_rule(ctx *c) {
    const fc_rule *r = c->rule;
    size_t n = fc_facttab_nvalues(c->t), i;
    pcre2_match_data *md = NULL;
    int k;
    free(c->msel);
    free(c->mpart);
    free(c->mwhole);
    c->msel = calloc(n + 1, 1);
    c->mpart = calloc(n + 1, 1);
    c->mwhole = calloc(n + 1, 1);
    if (r->metric_re) md = pcre2_match_data_create(1, NULL);
    if (!c->msel || !c->mpart || !c->mwhole || (r->metric_re && !md)) {
        pcre2_match_data_free(md);
        return FC_ENOMEM;
    }
    for (i = 1; i <= n; i++) {
        const char *v = fc_facttab_value(c->t, (uint32_t)i);
        c->msel[i] = (unsigned char)metric_selected(r, v, md);
        if (c->msel[i] && r->part) {
            c->mpart[i] = (unsigned char)fc_glob_match(r->part, v);
            c->mwhole[i] = (unsigned char)fc_glob_match(r->whole, v);
        }
    }
    pcre2_match_data_free(md);
    for (k = 0; k < F_COUNT; k++) {
        c->want[k] = 0;
        if (k == F_METRIC || !r->sel[k]) continue;
        c->want[k] = fc_facttab_rank(c->t, r->sel[k]);
        if (!c->want[k]) c->want[k] = UINT32_MAX; /* no fact has it */
    }
    return FC_OK;
}

static int selected(const ctx *c, const fc_fact *f) {
    const fc_tfact *t = TF(f);
    int k;
    if (!c->msel[t->rank[F_METRIC]]) return 0;
    for (k = 0; k < F_COUNT; k++) {
        if (!c->want[k] || k == F_METRIC) continue;
        if (k == F_BASIS && !t->rank[k])
            continue; /* a basis selects among shares; others pass */
        if (t->rank[k] != c->want[k]) return 0;
    }
    return 1;
}

static int str_eq(const char *a, const char *b) {
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}


/* ---- agree ---------------------------------------------------------------------- */

static const fc_rule *sort_rule;

static int by_lo(const void *x, const void *y) {
    const fc_fact *a = *(fc_fact *const *)x, *b = *(fc_fact *const *)y;
    ival ia = bounds(sort_rule, a), ib = bounds(sort_rule, b);
    if (ia.lo != ib.lo) return ia.lo < ib.lo ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int cmp_u(uint32_t a, uint32_t b) { return a < b ? -1 : a > b; }

static int by_period(const void *x, const void *y) {
    const fc_tfact *a = *(fc_tfact *const *)x, *b = *(fc_tfact *const *)y;
    int k;
    if (a->last != b->last) return a->last < b->last ? -1 : 1;
    if (a->first != b->first) return a->first < b->first ? -1 : 1;
    if ((k = cmp_u(a->rank[F_PERIOD], b->rank[F_PERIOD])) != 0) return k;
    return strcmp(a->f.id, b->f.id);
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

static void conflict(ctx *c, fc_fact *x, fc_fact *y) {
    ival ix = bounds(c->rule, x), iy = bounds(c->rule, y);
    const char *type = FC_TYPE_VALUE_CONFLICT, *ra, *rb;
    int sev = severity_for(c, x, y);
    double gap = iy.lo - ix.hi, wx = x->hi - x->lo, wy = y->hi - y->lo;
    fc_fact *pair[2];
    const char *roles[2];
    if (fc_scale_slip(x, y))
        type = FC_TYPE_SCALE_SLIP;
    else if (fc_one_sided(x) && fc_one_sided(y) ? gap <= 0 /* they only touch */
             : !fc_one_sided(x) && !fc_one_sided(y) &&
                   gap <= 0.5 * (wx > wy ? wx : wy) && gap >= 0 && wx + wy > 0)
        type = FC_TYPE_ROUNDING;
    pair[0] = x;
    pair[1] = y;
    sides(&pair[0], &pair[1], &ra, &rb);
    roles[0] = ra;
    roles[1] = rb;
    add(c, type, sev, pair, roles, 2, NULL, 0);
    (void)ix;
}

/* Sweep one bucket of facts that must agree. */
static void agree_bucket(ctx *c, fc_fact **f, size_t n) {
    size_t i, top;
    if (n < 2) return;
    sort_rule = c->rule;
    qsort(f, n, sizeof *f, by_lo);
    size_t low = 0, found = 0;
    top = 0; /* the fact with the highest hi so far */
    for (i = 1; i < n; i++) {
        ival it = bounds(c->rule, f[top]), ii = bounds(c->rule, f[i]);
        if (below(it, ii)) {
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
    for (i = 1; i < n; i++) {
        ival il = bounds(c->rule, f[low]), ii = bounds(c->rule, f[i]);
        if (ii.hi < il.hi || (ii.hi == il.hi && ii.hi_open && !il.hi_open))
            low = i;
    }
    if (below(bounds(c->rule, f[low]), bounds(c->rule, f[n - 1])))
        conflict(c, f[low], f[n - 1]);
}

/* Split the group into periods (as-of dates within as_of_days are one). */
static void by_buckets(ctx *c, void (*fn)(ctx *, fc_fact **, size_t)) {
    size_t a = 0, b;
    qsort(c->g, c->ng, sizeof *c->g, by_period);
    while (a < c->ng) {
        b = a + 1;
        while (b < c->ng && same_period(c->g[a], c->g[b], c->rule->as_of_days))
            b++;
        fn(c, c->g + a, b - a);
        a = b;
    }
}

static void group_agree(ctx *c) { by_buckets(c, agree_bucket); }

/* A key without period: every figure of the group must agree. */
static void agree_all(ctx *c) { agree_bucket(c, c->g, c->ng); }

/* ---- basis ------------------------------------------------------------------------ */

/* The field a basis rule compares: the basis, or the subject. */
static const char *bfield(const ctx *c, const fc_fact *f) {
    return c->rule->field == F_SUBJECT ? f->subject : f->basis;
}

static const ctx *basis_ctx;

static int cmp_opt(const char *x, const char *y) {
    if (!x || !y) return x ? 1 : y ? -1 : 0;
    return strcmp(x, y);
}

/* Order a basis group by the compared field, then document, then the end
** of the period (latest last). */
static int by_field_doc(const void *x, const void *y) {
    const fc_tfact *a = *(fc_tfact *const *)x, *b = *(fc_tfact *const *)y;
    int field = basis_ctx->rule->field == F_SUBJECT ? F_SUBJECT : F_BASIS, k;
    if ((k = cmp_u(a->rank[field], b->rank[field])) != 0) return k;
    if ((k = cmp_u(a->rank[F_DOC], b->rank[F_DOC])) != 0) return k;
    if (a->has_period != b->has_period) return a->has_period ? 1 : -1;
    if (a->last != b->last) return a->last < b->last ? -1 : 1;
    return strcmp(a->f.id, b->f.id);
}

/* Whether the sorted ranges [a0, a1) and [b0, b1) share a document. */
static int share_doc(fc_fact **g, size_t a0, size_t a1, size_t b0, size_t b1) {
    while (a0 < a1 && b0 < b1) {
        int k = cmp_u(TF(g[a0])->rank[F_DOC], TF(g[b0])->rank[F_DOC]);
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

/* Facts of one metric (and subject) on different bases (or about
** different populations): each minority value is reported once, against
** the value most facts give, unless one document gives both (two claims,
** not a confusion).  Sorting keeps this O(k log k) for k facts. */
static void group_basis(ctx *c) {
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
        sides(&pair[0], &pair[1], &roles[0], &roles[1]);
        add(c, c->rule->field == F_SUBJECT ? FC_TYPE_POPULATION
                                           : FC_TYPE_BASIS_MISMATCH,
            severity_for(c, pair[0], pair[1]), pair, roles, 2, NULL, 0);
    }
    free(start);
}

/* ---- trend -------------------------------------------------------------------------- */

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
    if ((k = cmp_u(TF(a)->rank[F_DOC], TF(b)->rank[F_DOC])) != 0) return k;
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
static void group_streak(ctx *c) {
    static const char *const roles[2] = {"earlier", "later"};
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
                    add(c, FC_TYPE_STREAK, severity_for(c, pair[0], pair[1]),
                        pair, roles, 2, NULL, 0);
                    continue;
                }
            }
            if (i != m && fabs(g[i]->value - g[m]->value) > c->rule->tol_abs) {
                pair[0] = g[m];
                pair[1] = g[i];
                add(c, FC_TYPE_STREAK, severity_for(c, pair[0], pair[1]),
                    pair, NULL, 2, NULL, 0);
            }
        }
        prev_year = year;
        prev_mode = m;
        a = b;
    }
}

/* Falls between consecutive periods that do not overlap: the pair with
** the widest gap (the last such pair in group order), found in one pass
** over each period's figures. */
static void fall_sequence(ctx *c) {
    size_t a = 0, b, i, j;
    static const char *const roles[2] = {"earlier", "later"};
    while (a < c->ng) {
        size_t e, li = 0, lj = 0, oi = 0, oj = 0;
        int any_i_open = 0, any_j_open = 0;
        double maxlo = 0, minhi = 0;
        b = a + 1;
        while (b < c->ng && str_eq(c->g[b]->period, c->g[a]->period)) b++;
        if (b >= c->ng) break;
        e = b + 1;
        while (e < c->ng && str_eq(c->g[e]->period, c->g[b]->period)) e++;
        if (TF(c->g[a])->has_period && TF(c->g[b])->has_period &&
            TF(c->g[a])->last < TF(c->g[b])->first) {
            for (i = a; i < b; i++) {
                ival ix = bounds(c->rule, c->g[i]);
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
                ival iy = bounds(c->rule, c->g[j]);
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
                lj = bounds(c->rule, c->g[li]).lo_open ? lj : oj;
            else if (maxlo == minhi && any_i_open)
                li = oi;
            if (maxlo > minhi || (maxlo == minhi && (any_i_open || any_j_open))) {
                fc_fact *pair[2];
                pair[0] = c->g[li];
                pair[1] = c->g[lj];
                add(c, FC_TYPE_PERIOD_DIFFERENCE,
                    severity_for(c, pair[0], pair[1]), pair, roles, 2, NULL, 0);
            }
        }
        a = b;
    }
}

/* ---- stale ---------------------------------------------------------------------------- */

/* Room for n scratch intervals and indexes. */
static int scratch(ctx *c, size_t n) {
    ival *p;
    size_t *q;
    if (n <= c->capiv) return FC_OK;
    if ((p = realloc(c->iv, n * sizeof *p)) != NULL) c->iv = p;
    if ((q = p ? realloc(c->ix, n * sizeof *q) : NULL) != NULL) c->ix = q;
    if (!p || !q) return c->status = FC_ENOMEM;
    c->capiv = n;
    return FC_OK;
}

/* Order intervals by where they start, closed starts first. */
static int by_start(const void *x, const void *y) {
    const ival *a = x, *b = y;
    if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
    return a->lo_open - b->lo_open;
}

/* Whether x ends after y (a closed end after an open one at equal ends). */
static int ends_after(ival x, ival y) {
    return x.hi > y.hi || (x.hi == y.hi && y.hi_open && !x.hi_open);
}

static void stale_sequence(ctx *c) {
    size_t a = 0, b, e, i, j;
    static const char *const roles[2] = {"earlier", "later"};
    while (a < c->ng && c->status == FC_OK) {
        ival *iv;
        fc_fact *y = NULL;
        b = a + 1;
        while (b < c->ng && same_period(c->g[a], c->g[b], c->rule->as_of_days))
            b++;
        if (b >= c->ng) break;
        e = b + 1;
        while (e < c->ng && same_period(c->g[b], c->g[e], c->rule->as_of_days))
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
        if (scratch(c, b - a) != FC_OK) return;
        iv = c->iv;
        for (i = a; i < b; i++) iv[i - a] = bounds(c->rule, c->g[i]);
        qsort(iv, b - a, sizeof *iv, by_start);
        for (i = 1; i < b - a; i++)
            if (!ends_after(iv[i], iv[i - 1])) {
                iv[i].hi = iv[i - 1].hi;
                iv[i].hi_open = iv[i - 1].hi_open;
            }
        /* the first newer figure that differs from every older one */
        for (j = b; j < e && !y; j++) {
            ival ij = bounds(c->rule, c->g[j]);
            size_t lo = 0, hi = b - a;
            while (lo < hi) { /* how many start before ij ends */
                size_t mid = lo + (hi - lo) / 2;
                if (!below(ij, iv[mid])) lo = mid + 1;
                else hi = mid;
            }
            if (lo == 0 || below(iv[lo - 1], ij)) y = c->g[j];
        }
        if (y) {
            fc_fact *pair[2];
            pair[0] = c->g[b - 1];
            pair[1] = y;
            add(c, FC_TYPE_PERIOD_DIFFERENCE, c->rule->severity, pair, roles,
                2, NULL, 0);
        }
        a = b;
    }
}

/* The length class of a fact's period, in months, from its form: 0 for a
** moment (an as-of date or a day), 1 for a month, 12 for a year, 12 per
** year for a span of years (2016/2020 and 2021/2025 are both 60,
** whatever their leap days). */
static long span_class(const fc_fact *f) {
    const fc_tfact *t = TF(f);
    size_t n;
    if (!t->has_period || t->as_of || !f->period) return 0;
    n = strlen(f->period);
    if (n == 7) return 1;
    if (n == 4 || n == 9) return 12L * (t->year_last - t->year_first + 1);
    return 0;
}

static int cmp_long(const void *x, const void *y) {
    long a = *(const long *)x, b = *(const long *)y;
    return a < b ? -1 : a > b;
}

/* Run `seq` over the group in period order, once per length of period:
** a month's figure is not an update of a year's, nor a fall from it.
** Moments (as-of dates) go with every length, since a stock is given as
** of a date or for a year alike. */
static void by_span_class(ctx *c, void (*seq)(ctx *)) {
    fc_fact **all = c->g, **sub;
    size_t n = c->ng, capg = c->capg, i, k, nk = 0;
    long *cls;
    qsort(c->g, c->ng, sizeof *c->g, by_period);
    if (!(cls = malloc((n + 1) * sizeof *cls))) {
        c->status = FC_ENOMEM;
        return;
    }
    for (i = 0; i < n; i++)
        if ((cls[nk] = span_class(all[i])) != 0) nk++;
    qsort(cls, nk, sizeof *cls, cmp_long);
    for (i = 0, k = 0; i < nk; i++)
        if (!k || cls[i] != cls[k - 1]) cls[k++] = cls[i];
    nk = k;
    if (nk <= 1) {
        free(cls);
        seq(c);
        return;
    }
    if (!(sub = malloc(n * sizeof *sub))) {
        free(cls);
        c->status = FC_ENOMEM;
        return;
    }
    for (k = 0; k < nk && c->status == FC_OK; k++) {
        size_t m = 0;
        for (i = 0; i < n; i++) {
            long sc = span_class(all[i]);
            if (!sc || sc == cls[k]) sub[m++] = all[i];
        }
        c->g = sub;
        c->ng = m;
        c->capg = n;
        seq(c);
    }
    c->g = all;
    c->ng = n;
    c->capg = capg;
    free(sub);
    free(cls);
}

static void group_stale(ctx *c) { by_span_class(c, stale_sequence); }

static void group_trend(ctx *c) {
    if (c->rule->mode == TM_STREAK) group_streak(c);
    else by_span_class(c, fall_sequence);
}

/* ---- target ---------------------------------------------------------------------------- */

static void group_target(ctx *c) {
    size_t i, j;
    static const char *const roles[2] = {"target", "actual"};
    /* the group is in order of the periods' last days */
    for (i = 0; i < c->ng; i++) {
        fc_fact *t = c->g[i], *best = NULL, *pair[2];
        long tend, bestd = 0;
        size_t lo = 0, hi = c->ng;
        ival it, ia;
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
        it = bounds(c->rule, t);
        ia = bounds(c->rule, best);
        pair[0] = t;
        pair[1] = best;
        if (!strcmp(t->qualifier ? t->qualifier : "", "at_most") ||
            !strcmp(t->qualifier ? t->qualifier : "", "less_than")) {
            if (ia.lo <= it.hi)
                add(c, FC_TYPE_TARGET_MET, SEV_INFO, pair, roles, 2, NULL, 0);
            else
                add(c, FC_TYPE_TARGET_MISSED, c->rule->severity, pair, roles, 2,
                    NULL, 0);
        } else if (ia.hi >= it.lo) {
            add(c, FC_TYPE_TARGET_MET, SEV_INFO, pair, roles, 2, NULL, 0);
        } else {
            add(c, FC_TYPE_TARGET_MISSED, c->rule->severity, pair, roles, 2,
                NULL, 0);
        }
    }
}

/* ---- bound ------------------------------------------------------------------------------- */

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

/* Parts named by extraction ("of which 209 ..."): each against the fact
** it names as its whole.  The parts are few; the wholes are found in one
** pass over the facts. */
static int part_whole_links(ctx *c) {
    static const char *const roles[2] = {"part", "whole"};
    size_t n = fc_facttab_count(c->t), np = 0, nw = 0, i;
    fc_fact **parts = NULL, **wholes = NULL;
    for (i = 0; i < n; i++) {
        fc_fact *f = &fc_facttab_fact(c->t, i)->f;
        if (f->part_of && selected(c, f)) np++;
    }
    if (!np) return FC_OK;
    if (!(parts = malloc(np * sizeof *parts))) return FC_ENOMEM;
    for (i = 0, np = 0; i < n; i++) {
        fc_fact *f = &fc_facttab_fact(c->t, i)->f;
        if (f->part_of && selected(c, f)) parts[np++] = f;
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
        if (!w || !below(bounds(c->rule, *w), bounds(c->rule, parts[i])))
            continue;
        pair[0] = parts[i];
        pair[1] = *w;
        add(c, FC_TYPE_PART_WHOLE, c->rule->severity, pair, roles, 2, NULL, 0);
    }
    free(parts);
    free(wholes);
    return c->status;
}

/* part/whole by metric: within a group of subject and period */
/* Whether whole x is below more parts than whole y: a lower end, or an
** open end where they are equal. */
static int lower_end(ival x, ival y) {
    return x.hi < y.hi || (x.hi == y.hi && x.hi_open && !y.hi_open);
}

/* Part and whole by metric, within a group of subject and status: each
** part against the first whole of its period (in group order) lying
** entirely below it.  Within one period the wholes carry the lowest end
** seen so far, so that the first whole below a part is found by binary
** search. */
static void group_part_whole_metrics(ctx *c) {
    static const char *const roles[2] = {"part", "whole"};
    size_t a = 0, b, i, nw;
    while (a < c->ng && c->status == FC_OK) {
        uint32_t per = TF(c->g[a])->rank[F_PERIOD];
        b = a + 1;
        while (b < c->ng && TF(c->g[b])->rank[F_PERIOD] == per) b++;
        if (scratch(c, b - a) != FC_OK) return;
        for (i = a, nw = 0; i < b; i++) {
            ival w;
            if (!c->mwhole[TF(c->g[i])->rank[F_METRIC]]) continue;
            w = bounds(c->rule, c->g[i]);
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
            ival p;
            size_t lo = 0, hi = nw;
            fc_fact *pair[2];
            if (!c->mpart[TF(c->g[i])->rank[F_METRIC]]) continue;
            p = bounds(c->rule, c->g[i]);
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (below(c->iv[mid], p)) hi = mid;
                else lo = mid + 1;
            }
            if (lo == nw) continue;
            pair[0] = c->g[i];
            pair[1] = c->g[c->ix[lo]];
            add(c, FC_TYPE_PART_WHOLE, severity_for(c, pair[0], pair[1]), pair,
                roles, 2, NULL, 0);
        }
        a = b;
    }
}

static void share_range(ctx *c, fc_fact *f) {
    fc_fact *one[1];
    if (!f->unit || strcmp(f->unit, "%") != 0) return;
    if (f->lo <= 100 + c->rule->tol_abs && f->hi >= -c->rule->tol_abs) return;
    one[0] = f;
    add(c, FC_TYPE_SHARE_RANGE, c->rule->severity, one, NULL, 1, NULL, 0);
}

/* shares of disjoint parts of one whole, per document and period */
static void group_share_sum(ctx *c) {
    size_t i, m;
    fc_fact *pick[32];
    size_t npick = 0;
    double sum = 0;
    char text[64];
    extra ex[1];
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
    add(c, FC_TYPE_SHARE_SUM, c->rule->severity, pick, NULL, npick, ex, 1);
}

/* ---- derive ----------------------------------------------------------------------------- */

typedef struct dvals {
    const fc_rule *r;
    fc_fact **facts;       /* one per reference, or NULL */
    double *vals;          /* chosen value per reference */
    ctx *c;
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

/* The order of the index for prev(): metric, subject, period, then the
** order in which a query would list them (document, position, id). */
static int by_metric_subject_period(const void *x, const void *y) {
    const fc_tfact *a = *(fc_tfact *const *)x, *b = *(fc_tfact *const *)y;
    static const int fields[] = {F_METRIC, F_SUBJECT, F_PERIOD, F_DOC};
    int i, k;
    for (i = 0; i < 4; i++)
        if ((k = cmp_u(a->rank[fields[i]], b->rank[fields[i]])) != 0) return k;
    if (a->f.span.start != b->f.span.start)
        return a->f.span.start < b->f.span.start ? -1 : 1;
    return strcmp(a->f.id, b->f.id);
}

/* Index the facts whose metric's rank is marked in `want` (want[0] is
** ignored), by metric, subject and period. */
static int build_index(ctx *c, unsigned char *want) {
    size_t n = fc_facttab_count(c->t), i;
    want[0] = 0;
    free(c->byper);
    c->nbyper = 0;
    if (!(c->byper = malloc((n + 1) * sizeof *c->byper))) return FC_ENOMEM;
    for (i = 0; i < n; i++) {
        fc_tfact *f = fc_facttab_fact(c->t, i);
        if (want[f->rank[F_METRIC]]) c->byper[c->nbyper++] = f;
    }
    qsort(c->byper, c->nbyper, sizeof *c->byper, by_metric_subject_period);
    c->byper_built = 1;
    return FC_OK;
}

/* The first indexed fact of metric m, subject s and period p (ranks), or
** the index's size when there is none. */
static size_t index_find(const ctx *c, uint32_t m, uint32_t s, uint32_t p) {
    size_t lo = 0, hi = c->nbyper;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const fc_tfact *f = c->byper[mid];
        int k = cmp_u(f->rank[F_METRIC], m);
        if (!k) k = cmp_u(f->rank[F_SUBJECT], s);
        if (!k) k = cmp_u(f->rank[F_PERIOD], p);
        if (k < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < c->nbyper && (c->byper[lo]->rank[F_METRIC] != m ||
                           c->byper[lo]->rank[F_SUBJECT] != s ||
                           c->byper[lo]->rank[F_PERIOD] != p))
        return c->nbyper;
    return lo;
}

/* The period one year before a year, month or day period ("2023" for
** "2024", "2023-06" for "2024-06"); 0 when it has none (as-of dates,
** spans). */
static int year_before(const char *per, char out[16]) {
    size_t n;
    if (!per || strncmp(per, "as-of", 5) == 0) return 0;
    n = strlen(per);
    if (n != 4 && n != 7 && n != 10) return 0;
    snprintf(out, 16, "%04d%s", fc_date_year(per) - 1, per + 4);
    return 1;
}

/* Index the facts of the metrics the current derive rule names. */
static int build_byper(ctx *c) {
    const fc_rule *r = c->rule;
    size_t i;
    unsigned char *ref = calloc(fc_facttab_nvalues(c->t) + 1, 1);
    int rc;
    if (!ref) return FC_ENOMEM;
    for (i = 0; i < r->nrefs; i++)
        ref[fc_facttab_rank(c->t, r->refs[i])] = 1;
    rc = build_index(c, ref);
    free(ref);
    return rc;
}

/* The value of `metric` for the anchor's subject and basis one year
** before the anchor's period; FC_EINPUT when there is none (or the period
** is an as-of date, which has no "year before" in the same form). */
static int prev_value(dvals *v, const char *metric, double *out) {
    ctx *c = v->c;
    const fc_tfact *an = TF(v->anchor);
    char prev[16];
    uint32_t m, p;
    size_t i;
    if (!year_before(v->anchor->period, prev)) return FC_EINPUT;
    if (!c->byper_built && (c->status = build_byper(c)) != FC_OK)
        return FC_EINPUT;
    m = fc_facttab_rank(c->t, metric);
    p = fc_facttab_rank(c->t, prev);
    if (!m || !p) return FC_EINPUT;
    for (i = index_find(c, m, an->rank[F_SUBJECT], p); i < c->nbyper; i++) {
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
** giving the range of results. */
static int derive_range(dvals *v, double *lo, double *hi) {
    size_t n = v->r->nrefs, i;
    unsigned long combo, ncombo = n <= 10 ? 1UL << n : 1;
    int any = 0;
    for (combo = 0; combo < ncombo; combo++) {
        double out;
        for (i = 0; i < n; i++)
            if (v->facts[i])
                v->vals[i] = n <= 10 && (combo >> i) & 1 ? v->facts[i]->hi
                                                         : v->facts[i]->lo;
        v->missing = 0;
        if (fc_expr_eval(v->r->expr, dvar, dcall, v, &out) != FC_OK ||
            v->missing > 0) {
            if (v->missing > 0) return FC_EINPUT;
            continue;
        }
        if (!any || out < *lo) *lo = out;
        if (!any || out > *hi) *hi = out;
        any = 1;
    }
    return any ? FC_OK : FC_EINPUT;
}

/* The derive group holds the facts of every referenced metric for one
** subject and period. */
static void group_derive(ctx *c) {
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
            if (!str_eq(c->g[i]->metric, r->refs[k])) continue;
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
        /* a condition: it must be able to hold within the figures' ranges */
        if (derive_range(&v, &lo, &hi) == FC_OK && hi == 0 && lo == 0) {
            fc_fact *used[16];
            size_t n = 0;
            for (k = 0; k < r->nrefs && n < 16; k++)
                if (pick[k]) used[n++] = pick[k];
            for (k = 0; k < v.nprev && n < 16; k++) used[n++] = v.prev[k];
            add(c, FC_TYPE_DERIVED, r->severity, used, NULL, n, NULL, 0);
        }
    } else {
        double lo = 0, hi = 0;
        if (derive_range(&v, &lo, &hi) == FC_OK) {
            for (i = 0; i < c->ng; i++) {
                fc_fact *l = c->g[i], *used[16];
                ival il, ie;
                char text[160];
                extra ex[1];
                size_t n = 0;
                if (!str_eq(l->metric, r->left)) continue;
                il = bounds(r, l);
                ie.lo = lo;
                ie.hi = hi;
                ie.lo_open = ie.hi_open = 0;
                if (overlap(il, ie)) continue;
                used[n++] = l;
                for (k = 0; k < r->nrefs && n < 16; k++)
                    if (pick[k] && pick[k] != l) used[n++] = pick[k];
                for (k = 0; k < v.nprev && n < 16; k++) used[n++] = v.prev[k];
                fc_format_interval(lo, hi, l->unit, text, sizeof text);
                ex[0].name = "expected";
                ex[0].value = text;
                add(c, FC_TYPE_DERIVED, severity_for(c, l, n > 1 ? used[1] : NULL),
                    used, NULL, n, ex, 1);
            }
        }
    }
    free(pick);
    free(vals);
}

/* ---- trend: growth against levels ------------------------------------------------ */

/* The range of the levels of metric m for a subject, basis and period
** (ranks) given by actual figures, and the one of highest authority (the
** first among equals).  Returns how many figures there are. */
static size_t level_range(const ctx *c, uint32_t m, const fc_tfact *g,
                          uint32_t per, uint32_t actual, double *lo,
                          double *hi, fc_fact **best) {
    size_t i, n = 0;
    *best = NULL;
    for (i = index_find(c, m, g->rank[F_SUBJECT], per); i < c->nbyper; i++) {
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
static int growth_all(ctx *c) {
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
    if (rc == FC_OK) rc = build_index(c, want);
    for (i = 0; rc == FC_OK && i < n && c->status == FC_OK; i++) {
        fc_tfact *g = fc_facttab_fact(c->t, i);
        fc_fact *facts[3];
        uint32_t lv = level_of[g->rank[F_METRIC]], prev;
        double clo = 0, chi = 0, plo = 0, phi = 0;
        char before[16], text[160];
        extra ex[1];
        ival ig, ie;
        if (!lv || g->rank[F_STATUS] != actual || !g->f.unit ||
            strcmp(g->f.unit, "%") != 0 || !selected(c, &g->f))
            continue;
        if (!year_before(g->f.period, before) ||
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
        ig = bounds(r, &g->f);
        if (overlap(ig, ie)) continue;
        facts[0] = &g->f;
        fc_format_interval(ie.lo, ie.hi, "%", text, sizeof text);
        ex[0].name = "expected";
        ex[0].value = text;
        add(c, FC_TYPE_GROWTH, severity_for(c, facts[0], facts[1]), facts,
            roles, 3, ex, 1);
    }
    free(level_of);
    free(want);
    return rc != FC_OK ? rc : c->status;
}

/* ---- text ---------------------------------------------------------------------------------- */

typedef struct tvars {
    const fc_rule *r;
    const fc_rules *rs;
    const char *text;
    pcre2_match_data *md;
    int doc_year;
} tvars;

/* A number from a group's text: digits (with an ordinal suffix), or a
** number or ordinal word of the lexicon. */
static int group_number(const tvars *t, const char *s, size_t n, double *out) {
    size_t i = 0;
    double v = 0;
    const lx_word *w;
    while (i < n && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    if (i > 0) {
        *out = v;
        return FC_OK;
    }
    if (t->rs->lx) {
        if ((w = lx_words_find(&t->rs->lx->ordinals, s, n)) != NULL ||
            (w = lx_words_find(&t->rs->lx->words, s, n)) != NULL) {
            *out = w->value;
            return FC_OK;
        }
    }
    return FC_EINPUT;
}

static int tvar(void *p, const char *name, double *out) {
    const tvars *t = p;
    int k;
    PCRE2_SIZE *o;
    if (!strcmp(name, "doc_year")) {
        *out = t->doc_year;
        return FC_OK;
    }
    o = pcre2_get_ovector_pointer(t->md);
    k = pcre2_substring_number_from_name(t->r->pattern, (PCRE2_SPTR)name);
    if (k < 0) {
        /* a name given to several groups: the first that matched */
        PCRE2_SPTR first, last;
        int size = pcre2_substring_nametable_scan(t->r->pattern,
                                                  (PCRE2_SPTR)name, &first,
                                                  &last);
        if (size <= 0) return FC_EINPUT;
        for (; first <= last; first += size) {
            int g = (first[0] << 8) | first[1];
            if (o[2 * g] != PCRE2_UNSET) {
                k = g;
                break;
            }
        }
        if (k < 0) return FC_EINPUT;
    }
    if (o[2 * k] == PCRE2_UNSET) return FC_EINPUT;
    return group_number(t, t->text + o[2 * k], o[2 * k + 1] - o[2 * k], out);
}

typedef struct text_ctx {
    ctx *c;
} text_ctx;

static int text_doc(void *p, const fc_doc *doc) {
    ctx *c = p;
    const fc_rule *r = c->rule;
    tvars t;
    size_t pos = 0;
    double cond;
    if (!doc->published) return FC_OK;
    t.r = r;
    t.rs = c->rs;
    t.text = doc->text;
    t.doc_year = fc_date_year(doc->published);
    t.md = pcre2_match_data_create_from_pattern(r->pattern, NULL);
    if (!t.md) return FC_ENOMEM;
    while (pos <= doc->len &&
           pcre2_match(r->pattern, (PCRE2_SPTR)doc->text, doc->len, pos, 0,
                       t.md, NULL) > 0) {
        PCRE2_SIZE *o = pcre2_get_ovector_pointer(t.md);
        size_t s = o[0], e = o[1];
        pos = e > s ? e : s + 1;
        if (fc_expr_eval(r->expr, tvar, NULL, &t, &cond) != FC_OK || cond == 0)
            continue;
        if (r->sentence) {
            /* the sentence around the match must say it too */
            size_t a = s, b = e;
            pcre2_match_data *md2 =
                pcre2_match_data_create_from_pattern(r->sentence, NULL);
            int hit;
            while (a > 0 && !strchr(".!?\n", doc->text[a - 1])) a--;
            while (b < doc->len && !strchr(".!?\n", doc->text[b])) b++;
            hit = md2 && pcre2_match(r->sentence, (PCRE2_SPTR)doc->text + a,
                                     b - a, 0, 0, md2, NULL) > 0;
            pcre2_match_data_free(md2);
            if (!hit) continue;
        }
        {
            fc_tfact tf;
            fc_fact *one[1];
            char id[96], year[16];
            extra ex[24];
            char vals[16][48];
            size_t nex = 0, g;
            uint32_t count = 0, size = 0;
            PCRE2_SPTR table;
            char *quote = fc_strndup(doc->text + s, e - s);
            memset(&tf, 0, sizeof tf);
            snprintf(id, sizeof id, "%s:%s:%zu", doc->id, r->id, s);
            tf.f.id = id;
            tf.f.doc = doc->id;
            tf.dm = doc_of(c, doc->id);
            tf.f.span.start = (long long)s;
            tf.f.span.end = (long long)e;
            fc_doc_linecol(doc, s, &tf.f.span.line, &tf.f.span.column);
            tf.f.text = quote;
            tf.f.value = tf.f.lo = tf.f.hi = 0;
            /* the first numeric group is the figure's value */
            pcre2_pattern_info(r->pattern, PCRE2_INFO_NAMECOUNT, &count);
            pcre2_pattern_info(r->pattern, PCRE2_INFO_NAMEENTRYSIZE, &size);
            pcre2_pattern_info(r->pattern, PCRE2_INFO_NAMETABLE, &table);
            snprintf(year, sizeof year, "%d", t.doc_year);
            ex[nex].name = "doc_year";
            ex[nex++].value = year;
            for (g = 0; g < count && g < 16; g++) {
                const char *name = (const char *)(table + g * size + 2);
                double num;
                if (tvar(&t, name, &num) == FC_OK) {
                    snprintf(vals[g], sizeof vals[g], "%.15g", num);
                    if (tf.f.value == 0) tf.f.value = tf.f.lo = tf.f.hi = num;
                } else {
                    snprintf(vals[g], sizeof vals[g], "?");
                }
                ex[nex].name = name;
                ex[nex++].value = vals[g];
            }
            /* {=expression} placeholders */
            {
                size_t i;
                static char evals[8][48];
                size_t ne = 0;
                for (i = 0; i < r->nmsg && ne < 8 && nex < 24; i++) {
                    fc_expr *e2 = NULL;
                    double out;
                    if (!r->msg[i].is_field || r->msg[i].text[0] != '=') continue;
                    if (fc_expr_parse(r->msg[i].text + 1, &e2, NULL, NULL, 0) ==
                            FC_OK &&
                        fc_expr_eval(e2, tvar, NULL, &t, &out) == FC_OK)
                        snprintf(evals[ne], sizeof evals[ne], "%.15g", out);
                    else
                        snprintf(evals[ne], sizeof evals[ne], "?");
                    fc_expr_free(e2);
                    ex[nex].name = r->msg[i].text;
                    ex[nex++].value = evals[ne++];
                }
            }
            one[0] = &tf.f;
            add(c, FC_TYPE_TEXT, r->severity, one, NULL, 1, ex, nex);
            free(quote);
        }
        if (c->status != FC_OK) break;
    }
    pcre2_match_data_free(t.md);
    return c->status;
}

/* ---- driving the rules ------------------------------------------------------------------- */

/* How a rule runs: the function handed each group of facts with equal
** values of the fields in `order` (NULL: one fact at a time), or a rule
** that runs on its own (text, part-whole links). */
typedef struct plan {
    void (*group)(ctx *);
    int order[F_COUNT];
    int norder;
    int alone;
} plan;

static void plan_rule(const fc_rule *r, plan *p) {
    int i, has_period = 0;
    memset(p, 0, sizeof *p);
    for (i = 0; i < r->nkey; i++) {
        if (r->key[i] == F_PERIOD) {
            has_period = 1;
            continue; /* periods are bucketed in C */
        }
        /* targets and actuals share a key without status */
        if (r->kind == RK_TARGET && r->key[i] == F_STATUS) continue;
        p->order[p->norder++] = r->key[i];
    }
    switch (r->kind) {
    case RK_AGREE: p->group = has_period ? group_agree : agree_all; break;
    case RK_BASIS: p->group = group_basis; break;
    case RK_TREND:
        if (r->mode == TM_GROWTH) p->alone = 1; /* by an index of levels */
        else p->group = group_trend;
        break;
    case RK_STALE: p->group = group_stale; break;
    case RK_TARGET: p->group = group_target; break;
    case RK_BOUND:
        if (r->mode == BM_PART_WHOLE && !r->part) {
            p->alone = 1;
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
        }
        break;
    case RK_DERIVE: {
        static const int o[] = {F_SUBJECT, F_PERIOD};
        memcpy(p->order, o, sizeof o);
        p->norder = 2;
        p->group = group_derive;
        break;
    }
    default: p->alone = 1;
    }
}

/* Whether facts sorted by `by` are grouped by `order` (a prefix of it). */
static int is_prefix(const int *order, int norder, const int *by, int nby) {
    return norder <= nby && memcmp(order, by, norder * sizeof *order) == 0;
}

/* Facts are sorted as rows of integers: the ranks of the key fields, the
** period's last and first days and rank, the document's rank and the
** position, and last the fact's index in the table (the id breaks the
** rare ties of document and position).  Within a group this tail is the
** order every group function receives. */
#define TAIL 7

static const fc_facttab *sort_tab;
static int sort_width;

static int row_cmp(const void *x, const void *y) {
    const uint32_t *a = x, *b = y;
    int i, w = sort_width - 1;
    for (i = 0; i < w; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return strcmp(fc_facttab_fact((fc_facttab *)sort_tab, a[w])->f.id,
                  fc_facttab_fact((fc_facttab *)sort_tab, b[w])->f.id);
}

/* The same order for two facts of one group. */
static int tail_cmp(const void *x, const void *y) {
    const fc_tfact *a = *(fc_tfact *const *)x, *b = *(fc_tfact *const *)y;
    int k;
    if (a->last != b->last) return a->last < b->last ? -1 : 1;
    if (a->first != b->first) return a->first < b->first ? -1 : 1;
    if ((k = cmp_u(a->rank[F_PERIOD], b->rank[F_PERIOD])) != 0) return k;
    if ((k = cmp_u(a->rank[F_DOC], b->rank[F_DOC])) != 0) return k;
    if (a->f.span.start != b->f.span.start)
        return a->f.span.start < b->f.span.start ? -1 : 1;
    return strcmp(a->f.id, b->f.id);
}

/* Sorted rows of the facts that pass `keep` (NULL: every fact with a
** metric), or NULL when out of memory. */
static uint32_t *sorted_rows(ctx *c, const int *order, int norder,
                             int (*keep)(const ctx *, const fc_fact *),
                             size_t *count) {
    size_t nt = fc_facttab_count(c->t), n = 0, i;
    int width = norder + TAIL, k;
    uint32_t *rows, *row;
    for (i = 0; i < nt; i++) {
        const fc_tfact *f = fc_facttab_fact(c->t, i);
        if (keep ? keep(c, &f->f) : f->rank[F_METRIC] != 0) n++;
    }
    *count = n;
    if (!(rows = malloc((n ? n : 1) * width * sizeof *rows))) return NULL;
    for (i = 0, row = rows; i < nt; i++) {
        const fc_tfact *f = fc_facttab_fact(c->t, i);
        /* span.start is -1 for facts without a span: it sorts first */
        uint64_t start = (uint64_t)f->f.span.start + 1;
        if (!(keep ? keep(c, &f->f) : f->rank[F_METRIC] != 0)) continue;
        for (k = 0; k < norder; k++) row[k] = f->rank[order[k]];
        row[k++] = (uint32_t)f->last;
        row[k++] = (uint32_t)f->first;
        row[k++] = f->rank[F_PERIOD];
        row[k++] = f->rank[F_DOC];
        row[k++] = (uint32_t)(start >> 32);
        row[k++] = (uint32_t)start;
        row[k] = (uint32_t)i;
        row += width;
    }
    sort_tab = c->t;
    sort_width = width;
    qsort(rows, n, width * sizeof *rows, row_cmp);
    return rows;
}

/* Hand `group` each group of the selected facts of sorted rows whose first
** norder integers are the group's key.  When the rows are sorted by more
** fields than the key, each group is put back in the tail order. */
static int walk_groups(ctx *c, void (*group)(ctx *), const uint32_t *rows,
                       size_t n, int width, int norder, int resort) {
    size_t a, b, i;
    if (n > c->capg) {
        fc_fact **g = realloc(c->g, n * sizeof *g);
        if (!g) return FC_ENOMEM;
        c->g = g;
        c->capg = n;
    }
    for (a = 0; a < n && c->status == FC_OK; a = b) {
        const uint32_t *ra = rows + a * width;
        b = a + 1;
        while (b < n && memcmp(ra, rows + b * width, norder * sizeof *ra) == 0)
            b++;
        c->ng = 0;
        for (i = a; i < b; i++) {
            fc_fact *f = &fc_facttab_fact(c->t, rows[i * width + width - 1])->f;
            if (selected(c, f)) c->g[c->ng++] = f;
        }
        if (!c->ng) continue;
        if (resort) qsort(c->g, c->ng, sizeof *c->g, tail_cmp);
        group(c);
    }
    c->ng = 0;
    return c->status;
}

/* The order most rules can share: the one that groups the most rules (the
** longest among equals).  Sorting every fact once by it serves all of them;
** a rule it does not serve sorts its own selection.  Only worth it when it
** serves two rules or more. */
static int shared_index(ctx *c) {
    plan best, p, q;
    size_t i, j;
    int best_score = 0;
    memset(&best, 0, sizeof best);
    for (i = 0; i < c->rs->n; i++) {
        int score = 0;
        plan_rule(&c->rs->items[i], &p);
        if (p.alone || !p.group) continue;
        for (j = 0; j < c->rs->n; j++) {
            plan_rule(&c->rs->items[j], &q);
            if (!q.alone && q.group &&
                is_prefix(q.order, q.norder, p.order, p.norder))
                score++;
        }
        if (score > best_score ||
            (score == best_score && p.norder > best.norder)) {
            best = p;
            best_score = score;
        }
    }
    if (best_score < 2) return FC_OK;
    memcpy(c->corder, best.order, sizeof best.order);
    c->cnorder = best.norder;
    c->cwidth = best.norder + TAIL;
    c->cache = sorted_rows(c, best.order, best.norder, NULL, &c->ncache);
    return c->cache ? FC_OK : FC_ENOMEM;
}

static int run_rule(ctx *c) {
    const fc_rule *r = c->rule;
    plan p;
    size_t n, i;
    uint32_t *rows;
    int rc;
    if (r->kind == RK_TEXT) return fc_store_each_doc(c->s, text_doc, c);
    if ((rc = select_rule(c)) != FC_OK) return rc;
    plan_rule(r, &p);
    c->byper_built = 0;
    if (r->kind == RK_TREND && r->mode == TM_GROWTH) return growth_all(c);
    if (p.alone) return part_whole_links(c);
    if (!p.group) { /* share_range: one fact at a time */
        for (i = 0; i < fc_facttab_count(c->t) && c->status == FC_OK; i++) {
            fc_fact *f = &fc_facttab_fact(c->t, i)->f;
            if (selected(c, f)) share_range(c, f);
        }
        return c->status;
    }
    if (c->cache && is_prefix(p.order, p.norder, c->corder, c->cnorder))
        return walk_groups(c, p.group, c->cache, c->ncache, c->cwidth,
                           p.norder, p.norder < c->cnorder);
    if (!(rows = sorted_rows(c, p.order, p.norder, selected, &n)))
        return FC_ENOMEM;
    rc = walk_groups(c, p.group, rows, n, p.norder + TAIL, p.norder, 0);
    free(rows);
    return rc;
}

/* ---- the check ------------------------------------------------------------------------------ */

static int severity_rank(const char *s) {
    return !strcmp(s, "error") ? 0 : !strcmp(s, "warning") ? 1 : 2;
}

static int finding_cmp(const void *x, const void *y) {
    const fc_finding *a = x, *b = y;
    int k = severity_rank(a->severity) - severity_rank(b->severity);
    if (k) return k;
    if ((k = strcmp(a->rule, b->rule)) != 0) return k;
    if (a->nfacts && b->nfacts) {
        if ((k = strcmp(a->facts[0]->doc, b->facts[0]->doc)) != 0) return k;
        if (a->facts[0]->span.start != b->facts[0]->span.start)
            return a->facts[0]->span.start < b->facts[0]->span.start ? -1 : 1;
    }
    return strcmp(a->id, b->id);
}

/* Point every fact at its document's metadata (looked up once per
** document). */
static int attach_docs(ctx *c) {
    size_t nv = fc_facttab_nvalues(c->t), n = fc_facttab_count(c->t), i;
    const docmeta **dm = calloc(nv + 1, sizeof *dm);
    unsigned char *done = calloc(nv + 1, 1);
    if (!dm || !done) {
        free(dm);
        free(done);
        return FC_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        fc_tfact *f = fc_facttab_fact(c->t, i);
        uint32_t r = f->rank[F_DOC];
        if (!done[r]) {
            dm[r] = doc_of(c, f->f.doc);
            done[r] = 1;
        }
        f->dm = dm[r];
    }
    free(dm);
    free(done);
    return FC_OK;
}

/* By id, then in report order: of two findings with one id, the one
** reported first comes first. */
static int by_id_first(const void *x, const void *y) {
    const fc_finding *a = x, *b = y;
    int k = strcmp(a->id, b->id);
    return k ? k : finding_cmp(x, y);
}

int fc_check(fc_store *s, const fc_rules *rs, fc_findings **out, fc_diags *d) {
    ctx c;
    size_t i, k;
    int rc = FC_OK;
    memset(&c, 0, sizeof c);
    *out = NULL;
    c.s = s;
    c.rs = rs;
    c.d = d;
    c.status = FC_OK;
    if (!(c.out = calloc(1, sizeof *c.out))) return FC_ENOMEM;
    rc = fc_store_each_doc(s, collect_doc, &c);
    if (rc == FC_OK && c.ndocs)
        qsort(c.docs, c.ndocs, sizeof *c.docs, docmeta_cmp);
    /* every fact, once; each rule sorts its own selection */
    if (rc == FC_OK) rc = fc_facttab_load(s, &c.t);
    if (rc == FC_OK) rc = attach_docs(&c);
    if (rc == FC_OK) rc = shared_index(&c);
    for (i = 0; rc == FC_OK && i < rs->n; i++) {
        c.rule = &rs->items[i];
        rc = run_rule(&c);
        if (rc == FC_OK) rc = c.status;
    }
    /* the same finding twice (one pair met from both sides) counts once */
    if (rc == FC_OK && c.out->n) {
        qsort(c.out->items, c.out->n, sizeof *c.out->items, by_id_first);
        for (i = 1, k = 1; i < c.out->n; i++) {
            if (!strcmp(c.out->items[i].id, c.out->items[k - 1].id)) {
                finding_clear(&c.out->items[i]);
                continue;
            }
            c.out->items[k++] = c.out->items[i];
        }
        c.out->n = k;
        qsort(c.out->items, c.out->n, sizeof *c.out->items, finding_cmp);
    }
    free(c.g);
    free(c.iv);
    free(c.ix);
    free(c.msel);
    free(c.mpart);
    free(c.mwhole);
    free(c.byper);
    free(c.cache);
    fc_facttab_free(c.t);
    for (i = 0; i < c.ndocs; i++) {
        free(c.docs[i].id);
        free(c.docs[i].published);
        free(c.docs[i].event);
        free(c.docs[i].authority);
        free(c.docs[i].publisher);
    }
    free(c.docs);
    if (rc != FC_OK) {
        fc_findings_free(c.out);
        if (rc == FC_EINTERNAL)
            fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                         "checking failed: %s", fc_store_errmsg(s));
        return rc;
    }
    *out = c.out;
    return FC_OK;
}
