/*
** check.c -- evaluate consistency rules over the store: the driver, and
** the helpers every kind of rule shares (check.h).
**
** The facts are read from the store once; each rule selects its facts,
** sorts them by its key and handles one group of equal keys at a time, so
** time grows with the number of facts (times log) and memory with the
** facts, never with the number of pairs.  Within a group, intervals are
** compared by sorting and sweeping: a group with k figures yields at most
** k - 1 conflicts, each between the two figures on either side of a gap.
** What a group means is the business of the rule's kind, one file each
** (kind_agree.c, kind_basis.c, kind_trend.c, kind_stale.c, kind_target.c,
** kind_bound.c, kind_derive.c, kind_text.c).
*/
#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the kinds ---------------------------------------------------------------- */

static const ck_kind *const kinds[RK_COUNT] = {
    [RK_AGREE] = &ck_kind_agree,   [RK_BASIS] = &ck_kind_basis,
    [RK_TREND] = &ck_kind_trend,   [RK_BOUND] = &ck_kind_bound,
    [RK_DERIVE] = &ck_kind_derive, [RK_TARGET] = &ck_kind_target,
    [RK_STALE] = &ck_kind_stale,   [RK_TEXT] = &ck_kind_text,
};

const ck_kind *ck_kind_of(int k) {
    return k >= 0 && k < RK_COUNT ? kinds[k] : NULL;
}

/* ---- documents' metadata ---------------------------------------------------- */

static int docmeta_cmp(const void *a, const void *b) {
    return strcmp(((const docmeta *)a)->id, ((const docmeta *)b)->id);
}

static int collect_doc(void *p, const fc_doc *doc) {
    ck_ctx *c = p;
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
    dm->days = doc->published ? fc_date_days(doc->published) : 0;
    for (i = 0; doc->authority && auth[i]; i++)
        if (strcmp(auth[i], doc->authority) == 0) dm->rank = i;
    c->ndocs++;
    return dm->id ? FC_OK : FC_ENOMEM;
}

const docmeta *ck_doc_of(const ck_ctx *c, const char *id) {
    docmeta key;
    key.id = (char *)id;
    if (!id || !c->ndocs) return NULL;
    return bsearch(&key, c->docs, c->ndocs, sizeof *c->docs, docmeta_cmp);
}

/* Point every fact at its document's metadata (looked up once per
** document). */
static int attach_docs(ck_ctx *c) {
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
            dm[r] = ck_doc_of(c, f->f.doc);
            done[r] = 1;
        }
        f->dm = dm[r];
    }
    free(dm);
    free(done);
    return FC_OK;
}

/* The key of the revised set for a document, metric and period.  The
** role a metric key may end with does not part what is revised: "jobs"
** and their change "job.change" are revised together. */
static int revised_key(fc_buf *b, const char *doc, const char *metric,
                       size_t mlen, const char *period) {
    if (mlen > 7 && !strncmp(metric + mlen - 7, ".change", 7)) mlen -= 7;
    b->len = 0;
    return fc_buf_printf(b, "%s\x1f%.*s\x1f%s", doc, (int)mlen, metric,
                         period ? period : "");
}

/* Which documents state a revision of which metric and period: every
** fact whose metric ends in ".revision" says so of its metric without
** the suffix. */
static int find_revisions(ck_ctx *c) {
    size_t n = fc_facttab_count(c->t), i;
    fc_buf b;
    int rc = FC_OK;
    fc_buf_init(&b);
    for (i = 0; i < n && rc == FC_OK; i++) {
        const fc_fact *f = &fc_facttab_fact(c->t, i)->f;
        size_t len = f->metric ? strlen(f->metric) : 0;
        if (len <= 9 || strcmp(f->metric + len - 9, ".revision")) continue;
        if (!c->revised && !(c->revised = fc_strset_new())) rc = FC_ENOMEM;
        else if ((rc = revised_key(&b, f->doc, f->metric, len - 9,
                                   f->period)) == FC_OK &&
                 fc_strset_add(c->revised, b.data, 0, NULL) < 0)
            rc = FC_ENOMEM;
    }
    fc_buf_free(&b);
    return rc;
}

int ck_states_revision(const ck_ctx *c, const fc_fact *f) {
    fc_buf b;
    int has = 0;
    if (!c->revised || !f->metric) return 0;
    fc_buf_init(&b);
    if (revised_key(&b, f->doc, f->metric, strlen(f->metric), f->period) ==
        FC_OK)
        has = fc_strset_has(c->revised, b.data);
    fc_buf_free(&b);
    return has;
}

/* ---- intervals ---------------------------------------------------------------- */

ck_ival ck_bounds(const fc_rule *r, const fc_fact *f) {
    ck_ival v;
    int q = TF(f)->qual;
    double t = r->tol_abs;
    if (r->tol_rel * fabs(f->value) > t) t = r->tol_rel * fabs(f->value);
    v.lo = f->lo - t;
    v.hi = f->hi + t;
    v.lo_open = q == TQ_MORE_THAN && t == 0;
    v.hi_open = (q == TQ_LESS_THAN || q == TQ_NEARLY) && t == 0;
    return v;
}

int ck_below(ck_ival a, ck_ival b) {
    return a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open));
}

int ck_overlap(ck_ival a, ck_ival b) {
    return !ck_below(a, b) && !ck_below(b, a);
}

int ck_scratch(ck_ctx *c, size_t n) {
    ck_ival *p;
    size_t *q;
    if (n <= c->capiv) return FC_OK;
    if ((p = realloc(c->iv, n * sizeof *p)) != NULL) c->iv = p;
    if ((q = p ? realloc(c->ix, n * sizeof *q) : NULL) != NULL) c->ix = q;
    if (!p || !q) return c->status = FC_ENOMEM;
    c->capiv = n;
    return FC_OK;
}

/* ---- small comparisons ------------------------------------------------------- */

int ck_str_eq(const char *a, const char *b) {
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

int ck_cmp_u(uint32_t a, uint32_t b) { return a < b ? -1 : a > b; }

/* ---- periods ------------------------------------------------------------------ */

int ck_same_period(const fc_fact *a, const fc_fact *b, int days) {
    const fc_tfact *ta = TF(a), *tb = TF(b);
    if (ta->rank[F_PERIOD] == tb->rank[F_PERIOD]) return 1; /* or none */
    if (!ta->rank[F_PERIOD] || !tb->rank[F_PERIOD]) return 0;
    if (ta->point && tb->point && (ta->as_of || tb->as_of)) {
        /* two counts of a stock within its reporting window are one (two
           months are two points, however close their ends) */
        int w = ta->window < tb->window ? ta->window : tb->window;
        if (days > w) w = days;
        return labs((long)ta->point - tb->point) <= w;
    }
    if (days <= 0) return 0;
    return ta->as_of && tb->as_of && labs((long)ta->first - tb->first) <= days;
}

int ck_by_period(const void *x, const void *y) {
    const fc_tfact *a = *(fc_tfact *const *)x, *b = *(fc_tfact *const *)y;
    int k;
    if (a->last != b->last) return a->last < b->last ? -1 : 1;
    if (a->first != b->first) return a->first < b->first ? -1 : 1;
    if ((k = ck_cmp_u(a->rank[F_PERIOD], b->rank[F_PERIOD])) != 0) return k;
    return strcmp(a->f.id, b->f.id);
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

/* Moments (as-of dates) go with every length, since a stock is given as
** of a date or for a year alike. */
void ck_by_span_class(ck_ctx *c, void (*seq)(ck_ctx *)) {
    fc_fact **all = c->g, **sub;
    size_t n = c->ng, capg = c->capg, i, k, nk = 0;
    long *cls;
    if (c->rule->min_months > 0) {
        /* only the periods the rule compares */
        for (i = 0, k = 0; i < n; i++)
            if (span_class(all[i]) >= c->rule->min_months) all[k++] = all[i];
        c->ng = n = k;
    }
    qsort(c->g, c->ng, sizeof *c->g, ck_by_period);
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

int ck_year_before(const char *per, char out[16]) {
    size_t n;
    if (!per || strncmp(per, "as-of", 5) == 0) return 0;
    n = strlen(per);
    if (n != 4 && n != 7 && n != 10) return 0;
    snprintf(out, 16, "%04d%s", fc_date_year(per) - 1, per + 4);
    return 1;
}

/* ---- an index by metric, subject and period ------------------------------------ */

/* The order of the index: metric, subject, period, then the order in which
** a query would list them (document, position, id). */
static int by_metric_subject_period(const void *x, const void *y) {
    const fc_tfact *a = *(fc_tfact *const *)x, *b = *(fc_tfact *const *)y;
    static const int fields[] = {F_METRIC, F_SUBJECT, F_PERIOD, F_DOC};
    int i, k;
    for (i = 0; i < 4; i++)
        if ((k = ck_cmp_u(a->rank[fields[i]], b->rank[fields[i]])) != 0)
            return k;
    if (a->f.span.start != b->f.span.start)
        return a->f.span.start < b->f.span.start ? -1 : 1;
    return strcmp(a->f.id, b->f.id);
}

int ck_index_build(ck_ctx *c, unsigned char *want) {
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

size_t ck_index_find(const ck_ctx *c, uint32_t m, uint32_t s, uint32_t p) {
    size_t lo = 0, hi = c->nbyper;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const fc_tfact *f = c->byper[mid];
        int k = ck_cmp_u(f->rank[F_METRIC], m);
        if (!k) k = ck_cmp_u(f->rank[F_SUBJECT], s);
        if (!k) k = ck_cmp_u(f->rank[F_PERIOD], p);
        if (k < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < c->nbyper && (c->byper[lo]->rank[F_METRIC] != m ||
                           c->byper[lo]->rank[F_SUBJECT] != s ||
                           c->byper[lo]->rank[F_PERIOD] != p))
        return c->nbyper;
    return lo;
}

/* ---- messages, adding findings ----------------------------------------------- */

/* The lexicon whose labels messages use (of the rules being run). */
static const fc_lexicon *label_lx;

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
    } else if (!strcmp(name, "period")) {
        char words[64];
        fc_buf_puts(b, f->period ? fc_period_words(f->period, words,
                                                   sizeof words)
                                 : "no period");
    }
    else if (!strcmp(name, "date"))
        fc_buf_puts(b, dm && dm->published ? dm->published : "undated");
    else if (!strcmp(name, "basis")) fc_buf_puts(b, f->basis ? f->basis : "no basis");
    else if (!strcmp(name, "unit")) fc_buf_puts(b, f->unit ? f->unit : "");
    else if (!strcmp(name, "metric")) {
        /* in words: the lexicon's label, the measured phrase of a key made
           from it, else the key */
        const char *label = lx_metric_label(label_lx, f->metric, tmp,
                                            sizeof tmp);
        if (!label && f->metric_source && !strcmp(f->metric_source, "phrase") &&
            f->measured && *f->measured)
            label = f->measured;
        fc_buf_puts(b, label ? label : f->metric ? f->metric : "no metric");
    }
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

/* A quote followed by its own value in parentheses says it twice
** ("209" (209)): keep the quote. */
static void undouble(fc_buf *b, fc_fact *const *facts, size_t n) {
    size_t i;
    for (i = 0; i < n && b->data && !b->oom; i++) {
        fc_buf v, pat;
        char *at;
        fc_buf_init(&v);
        fc_buf_init(&pat);
        side_field(facts[i], "value", &v);
        if (v.data && facts[i]->text && !strcmp(v.data, facts[i]->text)) {
            fc_buf_printf(&pat, "\"%s\" (%s)", facts[i]->text, v.data);
            while (pat.data && (at = strstr(b->data, pat.data)) != NULL) {
                size_t keep = strlen(facts[i]->text) + 2;
                memmove(at + keep, at + pat.len,
                        b->len - (size_t)(at - b->data) - pat.len + 1);
                b->len -= pat.len - keep;
            }
        }
        fc_buf_free(&v);
        fc_buf_free(&pat);
    }
}

static char *render(const fc_rule *r, const char *type, int severity,
                    fc_fact *const *facts, size_t n,
                    const ck_extra *ex, size_t nex) {
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
    undouble(&b, facts, n);
    return fc_buf_take(&b);
}

void ck_add(ck_ctx *c, const char *type, int severity, fc_fact *const *facts,
            const char *const *roles, size_t n, const ck_extra *ex,
            size_t nex) {
    const fc_rule *r = c->rule;
    char *msg;
    int asked, cap;
    ck_linkinfo li;
    fc_finding *f;
    if (c->status != FC_OK) return;
    if ((!strcmp(type, FC_TYPE_PERIOD_DIFFERENCE) ||
         !strcmp(type, FC_TYPE_ROUNDING)) &&
        severity > SEV_WARNING)
        severity = SEV_WARNING;
    if (!strcmp(type, FC_TYPE_ROUNDING)) severity = SEV_INFO;
    /* an error says a publication is wrong: only when the link between
       the figures is sure, and never while the metric is only a key made
       from the words around a figure */
    ck_link((const fc_fact *const *)facts, n, type, &li);
    if (c->doubt_factor > 0) li.confidence *= c->doubt_factor;
    c->doubt_factor = 0;
    asked = severity;
    cap = ck_link_cap(li.confidence);
    if (li.phrase && cap > SEV_WARNING) cap = SEV_WARNING;
    if (c->doubt_cap >= 0 && cap > c->doubt_cap) cap = c->doubt_cap;
    if (c->doubt) {
        size_t len;
        /* the kind says why it linked them */
        if (!strcmp(li.why, "linked by the rule")) li.why[0] = '\0';
        len = strlen(li.why);
        snprintf(li.why + len, sizeof li.why - len, "%s%s", len ? "; " : "",
                 c->doubt);
    }
    c->doubt_cap = -1;
    c->doubt = NULL;
    if (severity > cap) severity = cap;
    if (!(msg = render(r, type, severity, facts, n, ex, nex))) {
        c->status = FC_ENOMEM;
        return;
    }
    c->status = fc_findings_append(c->out, r->id, kinds[r->kind]->name, type,
                                   fc_rule_severities[severity], msg, facts,
                                   roles, n);
    free(msg);
    if (c->status != FC_OK) return;
    f = fc_findings_at(c->out, fc_findings_count(c->out) - 1);
    f->confidence = li.confidence;
    if (severity < asked) {
        size_t len = strlen(li.why);
        snprintf(li.why + len, sizeof li.why - len, "%s%s lowered to %s",
                 len ? "; " : "", fc_rule_severities[asked],
                 fc_rule_severities[severity]);
    }
    if (li.why[0] && !(f->link = fc_strdup(li.why))) c->status = FC_ENOMEM;
}

int ck_one_event(const fc_fact *a, const fc_fact *b) {
    const docmeta *da = TF(a)->dm, *db = b ? TF(b)->dm : NULL;
    return da && db && da->event && db->event && !strcmp(da->event, db->event);
}

int ck_severity_for(const ck_ctx *c, const fc_fact *a, const fc_fact *b) {
    const fc_rule *r = c->rule;
    if (r->same_event >= 0 && ck_one_event(a, b) && r->same_event > r->severity)
        return r->same_event;
    return r->severity;
}

void ck_sides(fc_fact **a, fc_fact **b, const char **ra, const char **rb) {
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

/* ---- selection ------------------------------------------------------------------ */

/* Whether the metric alone lets the rule read a fact: its selection
** (glob or regular expression) and, for rules that name their metrics,
** one of those.  A pattern that stopped at a limit is an error (the
** PCRE2 code, below 0), not "no". */
static int metric_selected(const ck_ctx *c, const fc_rule *r,
                           const char *metric, pcre2_match_data *md) {
    const ck_kind *k = kinds[r->kind];
    int rc;
    if (!metric) return 0;
    if (r->sel[F_METRIC] && !fc_glob_match(r->sel[F_METRIC], metric)) return 0;
    if (r->metric_re &&
        (rc = fc_rematch_run(c->rs->rm, r->metric_re, metric, strlen(metric),
                             0, 0, md)) <= 0)
        return rc;
    return k->reads ? k->reads(r, metric) : 1;
}

/* Compile the current rule's selection against the table's values: the
** metrics it reads, and the rank of every other field it selects. */
static int select_rule(ck_ctx *c) {
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
        int sel = metric_selected(c, r, v, md);
        if (sel < 0) {
            char why[256];
            fc_rematch_error(sel, why, sizeof why);
            fc_diags_add(c->d, FC_DIAG_ERROR, r->file, r->at_metric_re.line,
                         r->at_metric_re.column, -1, "metric_re",
                         "rule \"%s\": matching metric \"%s\" stopped: %s "
                         "(nested repeats such as (a+)+ can take forever to "
                         "fail: simplify the pattern)",
                         r->id, v, why);
            pcre2_match_data_free(md);
            return FC_EINPUT;
        }
        c->msel[i] = (unsigned char)sel;
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

int ck_selected(const ck_ctx *c, const fc_fact *f) {
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

/* ---- planning, sorting and walking the groups ------------------------------------ */

/* The rule's key without period (the kinds that compare periods bucket
** them), then what its kind makes of it. */
static void plan_rule(const fc_rule *r, ck_plan *p) {
    int i;
    memset(p, 0, sizeof *p);
    for (i = 0; i < r->nkey; i++)
        if (r->key[i] != F_PERIOD) p->order[p->norder++] = r->key[i];
    kinds[r->kind]->plan(r, p);
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
    if ((k = ck_cmp_u(a->rank[F_PERIOD], b->rank[F_PERIOD])) != 0) return k;
    if ((k = ck_cmp_u(a->rank[F_DOC], b->rank[F_DOC])) != 0) return k;
    if (a->f.span.start != b->f.span.start)
        return a->f.span.start < b->f.span.start ? -1 : 1;
    return strcmp(a->f.id, b->f.id);
}

/* Sorted rows of the facts that pass `keep` (NULL: every fact with a
** metric), or NULL when out of memory. */
static uint32_t *sorted_rows(ck_ctx *c, const int *order, int norder,
                             int (*keep)(const ck_ctx *, const fc_fact *),
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
static int walk_groups(ck_ctx *c, void (*group)(ck_ctx *),
                       const uint32_t *rows, size_t n, int width, int norder,
                       int resort) {
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
            if (ck_selected(c, f)) c->g[c->ng++] = f;
        }
        if (!c->ng) continue;
        if (resort) qsort(c->g, c->ng, sizeof *c->g, tail_cmp);
        group(c);
    }
    c->ng = 0;
    return c->status;
}

/* A key order and how many grouping rules have exactly it. */
typedef struct order_count {
    int order[F_COUNT];
    int norder;
    size_t n;
} order_count;

static int order_cmp(const void *x, const void *y) {
    const order_count *a = x, *b = y;
    int i;
    if (a->norder != b->norder) return a->norder < b->norder ? -1 : 1;
    for (i = 0; i < a->norder; i++)
        if (a->order[i] != b->order[i]) return a->order[i] < b->order[i] ? -1
                                                                       : 1;
    return 0;
}

/* The order most rules can share: the one that groups the most rules (the
** longest among equals, the first rule's among those).  Sorting every fact
** once by it serves all of them; a rule it does not serve sorts its own
** selection.  Only worth it when it serves two rules or more.  A rule's
** score is the number of grouping rules whose order is a prefix of its
** own, counted from the distinct orders, so many rules cost n log n. */
static int shared_index(ck_ctx *c) {
    ck_plan best, p;
    order_count *oc, key;
    size_t i, n = 0, m = 0, score, best_score = 0;
    memset(&best, 0, sizeof best);
    if (!(oc = malloc((c->rs->n ? c->rs->n : 1) * sizeof *oc))) return FC_ENOMEM;
    for (i = 0; i < c->rs->n; i++) {
        plan_rule(&c->rs->items[i], &p);
        if (!p.group) continue;
        memset(&oc[n], 0, sizeof oc[n]);
        memcpy(oc[n].order, p.order, (size_t)p.norder * sizeof *p.order);
        oc[n].norder = p.norder;
        oc[n++].n = 1;
    }
    if (n) qsort(oc, n, sizeof *oc, order_cmp);
    for (i = 0; i < n; i++) {
        if (m && order_cmp(&oc[m - 1], &oc[i]) == 0) oc[m - 1].n++;
        else oc[m++] = oc[i];
    }
    for (i = 0; i < c->rs->n; i++) {
        int len;
        plan_rule(&c->rs->items[i], &p);
        if (!p.group) continue;
        score = 0;
        memset(&key, 0, sizeof key);
        memcpy(key.order, p.order, (size_t)p.norder * sizeof *p.order);
        for (len = 0; len <= p.norder; len++) {
            const order_count *hit;
            key.norder = len;
            hit = bsearch(&key, oc, m, sizeof *oc, order_cmp);
            if (hit) score += hit->n;
        }
        if (score > best_score ||
            (score == best_score && p.norder > best.norder)) {
            best = p;
            best_score = score;
        }
    }
    free(oc);
    if (best_score < 2) return FC_OK;
    memcpy(c->corder, best.order, sizeof best.order);
    c->cnorder = best.norder;
    c->cwidth = best.norder + TAIL;
    c->cache = sorted_rows(c, best.order, best.norder, NULL, &c->ncache);
    return c->cache ? FC_OK : FC_ENOMEM;
}

static int run_rule(ck_ctx *c) {
    ck_plan p;
    size_t n;
    uint32_t *rows;
    int rc;
    plan_rule(c->rule, &p);
    if (p.doc) return fc_store_each_doc(c->s, p.doc, c);
    if ((rc = select_rule(c)) != FC_OK) return rc;
    c->byper_built = 0;
    if (p.run) return p.run(c);
    if (c->cache && is_prefix(p.order, p.norder, c->corder, c->cnorder))
        return walk_groups(c, p.group, c->cache, c->ncache, c->cwidth,
                           p.norder, p.norder < c->cnorder);
    if (!(rows = sorted_rows(c, p.order, p.norder, ck_selected, &n)))
        return FC_ENOMEM;
    rc = walk_groups(c, p.group, rows, n, p.norder + TAIL, p.norder, 0);
    free(rows);
    return rc;
}

/* ---- the check ------------------------------------------------------------------------------ */

int fc_check(fc_store *s, const fc_rules *rs, fc_findings **out, fc_diags *d) {
    ck_ctx c;
    size_t i;
    int rc = FC_OK;
    memset(&c, 0, sizeof c);
    *out = NULL;
    c.s = s;
    c.rs = rs;
    c.d = d;
    c.status = FC_OK;
    c.doubt_cap = -1;
    label_lx = rs ? rs->lx : NULL;
    if (!(c.out = fc_findings_new())) return FC_ENOMEM;
    rc = fc_store_each_doc(s, collect_doc, &c);
    if (rc == FC_OK && c.ndocs)
        qsort(c.docs, c.ndocs, sizeof *c.docs, docmeta_cmp);
    /* every fact, once; each rule sorts its own selection */
    if (rc == FC_OK) rc = fc_facttab_load(s, rs->lx, &c.t);
    if (rc == FC_OK) rc = attach_docs(&c);
    if (rc == FC_OK) rc = find_revisions(&c);
    if (rc == FC_OK) rc = shared_index(&c);
    for (i = 0; rc == FC_OK && i < rs->n; i++) {
        fc_store_progress(s, "check", i, rs->n);
        c.rule = &rs->items[i];
        rc = run_rule(&c);
        if (rc == FC_OK) rc = c.status;
    }
    if (rc == FC_OK) fc_store_progress(s, "check", rs->n, rs->n);
    /* the same finding twice (one pair met from both sides) counts once */
    if (rc == FC_OK) fc_findings_dedup(c.out);
    free(c.g);
    free(c.iv);
    free(c.ix);
    free(c.msel);
    free(c.mpart);
    free(c.mwhole);
    free(c.byper);
    free(c.cache);
    fc_facttab_free(c.t);
    fc_strset_free(c.revised);
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
