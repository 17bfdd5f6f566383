/*
** report.c -- choose a renderer; what every renderer shares: the
** severity order, the summary counts, the failure threshold and a cache of
** documents for quoting figures in context.
*/
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const formats[] = {"text", "json", "sarif", "markdown",
                                      "html", "github", "junit",
                                      "claimreview", NULL};

const char *const *fc_report_formats(void) { return formats; }

int rp_severity_rank(const char *s) {
    if (!s) return 3;
    return !strcmp(s, "error") ? 0 : !strcmp(s, "warning") ? 1
                                 : !strcmp(s, "info")      ? 2
                                                           : 3;
}

int fc_findings_fail(const fc_findings *fs, const char *fail_on) {
    size_t i;
    int limit = fail_on ? rp_severity_rank(fail_on) : 0;
    if (limit >= 3) return 0; /* never */
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (!f->baselined && rp_severity_rank(f->severity) <= limit) return 1;
    }
    return 0;
}

void rp_summary(const fc_findings *fs, rp_counts *c) {
    size_t i;
    memset(c, 0, sizeof *c);
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (f->baselined) {
            c->baselined++;
            continue;
        }
        c->shown++;
        switch (rp_severity_rank(f->severity)) {
        case 0: c->errors++; break;
        case 1: c->warnings++; break;
        default: c->info++; break;
        }
    }
}

int rp_rule_counts(const fc_findings *fs, rp_rule_count **out, size_t *n) {
    size_t i, k, cap = 0;
    rp_rule_count *rc = NULL;
    *out = NULL;
    *n = 0;
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (f->baselined) continue;
        for (k = 0; k < *n && strcmp(rc[k].rule, f->rule); k++)
            ;
        if (k == *n) {
            if (*n == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                rp_rule_count *r2 = realloc(rc, ncap * sizeof *r2);
                if (!r2) {
                    free(rc);
                    *n = 0;
                    return FC_ENOMEM;
                }
                rc = r2;
                cap = ncap;
            }
            memset(&rc[k], 0, sizeof rc[k]);
            rc[k].rule = f->rule;
            rc[k].kind = f->kind;
            (*n)++;
        }
        rc[k].n++;
        switch (rp_severity_rank(f->severity)) {
        case 0: rc[k].errors++; break;
        case 1: rc[k].warnings++; break;
        default: rc[k].info++; break;
        }
    }
    *out = rc;
    return FC_OK;
}

const char *rp_type_advice(const char *type) {
    static const struct { const char *type, *text; } advice[] = {
        {FC_TYPE_VALUE_CONFLICT, "check which figure the source published, "
                                 "and correct the other"},
        {FC_TYPE_SCALE_SLIP, "check the scale word or unit against the "
                             "source"},
        {FC_TYPE_ROUNDING, "nothing, unless the text claims more precision "
                           "than it has"},
        {FC_TYPE_REVISION, "cite the latest release, and say the figure "
                           "was revised"},
        {FC_TYPE_BASIS_MISMATCH, "say which whole each share is of, or "
                                 "compare shares of one whole"},
        {FC_TYPE_POPULATION, "say which population each figure covers"},
        {FC_TYPE_PERIOD_DIFFERENCE, "cite the newer figure, or say that it "
                                    "changed"},
        {FC_TYPE_STREAK, "count the years again from the source"},
        {FC_TYPE_GROWTH, "check the rate and the levels against the source "
                         "(prices, constant or current)"},
        {FC_TYPE_PART_WHOLE, "check the part and the whole against the "
                             "source"},
        {FC_TYPE_SHARE_RANGE, "check the share against the source"},
        {FC_TYPE_SHARE_SUM, "check the shares against the source"},
        {FC_TYPE_DERIVED, "check the figures the arithmetic joins"},
        {FC_TYPE_TARGET_MISSED, "report the target as missed, or check the "
                                "actual"},
        {FC_TYPE_TEXT, "correct the text against the document's date"},
    };
    size_t i;
    for (i = 0; type && i < sizeof advice / sizeof advice[0]; i++)
        if (!strcmp(advice[i].type, type)) return advice[i].text;
    return NULL;
}

const char *rp_finding_advice(const fc_finding *f) {
    if (!f || rp_severity_rank(f->severity) >= 2) return NULL;
    return rp_type_advice(f->type);
}

const char *rp_audit_verdict(const fc_finding *f) {
    static const struct { const char *type, *verdict; } verdicts[] = {
        {"supported", "supported"},
        {FC_TYPE_PERIOD_DIFFERENCE, "stale"},
        {FC_TYPE_VALUE_CONFLICT, "contradicted"},
        {FC_TYPE_BASIS_MISMATCH, "confused"},
        {FC_TYPE_POPULATION, "confused"},
        {FC_TYPE_SCALE_SLIP, "slip"},
        {FC_TYPE_ROUNDING, "rounding"},
        {"unsupported", "unsupported"},
    };
    size_t i;
    if (!f || !f->kind || strcmp(f->kind, "audit") || !f->type) return NULL;
    for (i = 0; i < sizeof verdicts / sizeof verdicts[0]; i++)
        if (!strcmp(verdicts[i].type, f->type)) return verdicts[i].verdict;
    return NULL;
}

const char *rp_type_text(const char *type) {
    static const struct { const char *type, *text; } types[] = {
        {FC_TYPE_VALUE_CONFLICT, "the figures cannot both be right: the "
                                 "ranges their wording allows do not overlap"},
        {FC_TYPE_BASIS_MISMATCH, "the figures are shares of different wholes "
                                 "and cannot be compared"},
        {FC_TYPE_PERIOD_DIFFERENCE, "the figures are about different periods: "
                                    "an update to check, not a contradiction"},
        {FC_TYPE_POPULATION, "the figures are about different populations and "
                             "cannot be compared"},
        {FC_TYPE_SCALE_SLIP, "the figures differ by a factor of a thousand or "
                             "more: a scale word or a unit slipped"},
        {FC_TYPE_ROUNDING, "the figures differ only by rounding"},
        {FC_TYPE_REVISION, "a later release gives another figure for the "
                           "same period: a revision, not a contradiction"},
        {FC_TYPE_STREAK, "the streak does not advance with the years"},
        {FC_TYPE_GROWTH, "the growth rate does not follow from the levels of "
                         "its year and the year before"},
        {FC_TYPE_PART_WHOLE, "a part is larger than its whole"},
        {FC_TYPE_SHARE_RANGE, "a share lies outside 0% to 100%"},
        {FC_TYPE_SHARE_SUM, "the parts add up to more than the whole"},
        {FC_TYPE_DERIVED, "the figures do not satisfy the arithmetic that "
                          "relates them"},
        {FC_TYPE_TARGET_MET, "the target was met by the later actual"},
        {FC_TYPE_TARGET_MISSED, "the target was missed by the later actual"},
        {FC_TYPE_TEXT, "the text contradicts the document's date or a "
                       "condition of the rule"},
    };
    size_t i;
    for (i = 0; type && i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(types[i].type, type)) return types[i].text;
    return NULL;
}

/* ---- quoting in context ------------------------------------------------------ */

static int is_cont(const char *s, size_t i) {
    return ((unsigned char)s[i] & 0xC0) == 0x80;
}

int rp_span_ok(const fc_doc *doc, const fc_fact *f) {
    size_t s, e;
    if (!doc || !f || f->span.start < 0 || f->span.end < f->span.start ||
        (unsigned long long)f->span.end > (unsigned long long)doc->len)
        return 0;
    s = (size_t)f->span.start;
    e = (size_t)f->span.end;
    return (s == doc->len || !is_cont(doc->text, s)) &&
           (e == doc->len || !is_cont(doc->text, e));
}

/* A sentence ends at . ! ? (and a closing quote or bracket after it)
** followed by white space. */
static int sentence_end(const char *t, size_t i, size_t len) {
    size_t j = i;
    if (t[i] != '.' && t[i] != '!' && t[i] != '?') return 0;
    j++;
    while (j < len && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) j++;
    return j == len || t[j] == ' ' || t[j] == '\n' || t[j] == '\t' ||
           t[j] == '\r';
}

int rp_window(const fc_doc *doc, size_t start, size_t end, size_t max,
              size_t *a, size_t *b) {
    const char *t = doc->text;
    size_t len = doc->len, i, n;
    int cut = 0;
    /* backwards to the start of the sentence */
    for (i = start, n = 0; i > 0; ) {
        size_t p = i - 1;
        while (p > 0 && is_cont(t, p)) p--;
        if (t[p] == '\n' || sentence_end(t, p, len)) break;
        if (++n > max) {
            /* too long: start after a space within the limit */
            size_t q = i;
            while (q < start && t[q] != ' ') q++;
            i = q < start ? q + 1 : i;
            cut |= 1;
            break;
        }
        i = p;
    }
    while (i < start && (t[i] == ' ' || t[i] == '\t')) i++;
    *a = i;
    /* forwards to the end of the sentence */
    for (i = end, n = 0; i < len; ) {
        size_t q = i + 1;
        if (t[i] == '\n' || t[i] == '\r') break;
        while (q < len && is_cont(t, q)) q++;
        if (sentence_end(t, i, len)) {
            i = q;
            while (i < len && (t[i] == '"' || t[i] == '\'' || t[i] == ')'))
                i++;
            break;
        }
        if (++n > max) {
            size_t p = i;
            while (p > end && t[p - 1] != ' ') p--;
            i = p > end ? p - 1 : i;
            cut |= 2;
            break;
        }
        i = q;
    }
    while (i > end && (t[i - 1] == ' ' || t[i - 1] == '\t')) i--;
    *b = i;
    return cut;
}

/* ---- documents -------------------------------------------------------------- */

void rp_docs_init(rp_docs *dc, fc_store *s) {
    memset(dc, 0, sizeof *dc);
    dc->s = s;
}

void rp_docs_init_opts(rp_docs *dc, fc_store *s, const fc_report_opts *o) {
    rp_docs_init(dc, s);
    if (o) {
        dc->extra = o->docs;
        dc->nextra = o->ndocs;
        dc->fact_files = o->fact_files;
        dc->nfact_files = o->nfact_files;
    }
}

typedef struct line_ctx {
    fc_strset *set;
    long long file;
} line_ctx;

static int keep_line(void *p, const fc_fact *f, const fc_loc *loc) {
    line_ctx *c = p;
    if (!loc || !f->id) return FC_OK;
    /* the first file that gives an id is where it was read */
    return fc_strset_add(c->set, f->id, c->file << 32 | (long long)loc->line,
                         NULL) < 0
               ? FC_ENOMEM
               : FC_OK;
}

/* Read the lines of the facts of the fact files, once.  A file that no
** longer reads leaves its facts without a line. */
static void read_fact_lines(rp_docs *dc) {
    size_t i;
    dc->fact_lines_read = 1;
    if (!dc->nfact_files || !(dc->fact_lines = fc_strset_new())) return;
    for (i = 0; i < dc->nfact_files; i++) {
        line_ctx c;
        fc_diags *d = fc_diags_new();
        if (!d) return;
        c.set = dc->fact_lines;
        c.file = (long long)i;
        if (strcmp(dc->fact_files[i], "-"))
            (void)fc_facts_parse_file(dc->fact_files[i], keep_line, &c, d);
        fc_diags_free(d);
    }
}

const char *rp_fact_place(rp_docs *dc, const fc_report_opts *o,
                          const fc_fact *x, char *buf, size_t size, int *line,
                          int *column) {
    long long v = -1;
    *line = x->span.start >= 0 && x->span.line > 0 ? x->span.line : 0;
    *column = *line ? (x->span.column > 0 ? x->span.column : 1) : 0;
    if (!x->doc || rp_docs_get(dc, x->doc) || !dc->nfact_files || !x->id)
        return x->doc ? rp_doc_path(dc, o, x->doc, buf, size) : NULL;
    if (!dc->fact_lines_read) read_fact_lines(dc);
    if (dc->fact_lines && fc_strset_add(dc->fact_lines, x->id, -1, &v) == 0 &&
        v >= 0 && (size_t)(v >> 32) < dc->nfact_files) {
        const char *f = dc->fact_files[v >> 32];
        snprintf(buf, size, "%s", f[0] == '.' && f[1] == '/' ? f + 2 : f);
        *line = (int)(v & 0xffffffff);
        *column = 1;
        return buf;
    }
    return rp_doc_path(dc, o, x->doc, buf, size);
}

const fc_doc *rp_docs_get(rp_docs *dc, const char *id) {
    size_t i;
    fc_doc *doc = NULL;
    for (i = 0; i < dc->nextra; i++)
        if (dc->extra[i] && !strcmp(dc->extra[i]->id, id)) return dc->extra[i];
    for (i = 0; i < dc->n; i++)
        if (!strcmp(dc->ids[i], id)) return dc->docs[i];
    if (!dc->s || fc_store_get_doc(dc->s, id, &doc) != FC_OK) doc = NULL;
    if (dc->n == dc->cap) {
        size_t ncap = dc->cap ? dc->cap * 2 : 16;
        fc_doc **d2 = realloc(dc->docs, ncap * sizeof *d2);
        char **i2;
        if (!d2) {
            fc_doc_free(doc);
            return NULL;
        }
        dc->docs = d2;
        i2 = realloc(dc->ids, ncap * sizeof *i2);
        if (!i2) {
            fc_doc_free(doc);
            return NULL;
        }
        dc->ids = i2;
        dc->cap = ncap;
    }
    dc->ids[dc->n] = malloc(strlen(id) + 1);
    if (!dc->ids[dc->n]) {
        fc_doc_free(doc);
        return NULL;
    }
    memcpy(dc->ids[dc->n], id, strlen(id) + 1);
    dc->docs[dc->n++] = doc; /* NULL is remembered too */
    return doc;
}

const char *rp_doc_path(rp_docs *dc, const fc_report_opts *o, const char *id,
                        char *buf, size_t size) {
    const fc_doc *doc = id ? rp_docs_get(dc, id) : NULL;
    const char *p, *root = o ? o->doc_root : NULL;
    char cwd[4096];
    size_t i, n;
    if (!doc || !doc->path || !*doc->path) return id;
    p = doc->path;
    for (i = 0; i < dc->nextra; i++)
        if (dc->extra[i] == doc) root = NULL; /* a draft: as given */
    if (p[0] != '/' && root && *root && strcmp(root, "."))
        snprintf(buf, size, "%s/%s", root, p[0] == '.' && p[1] == '/' ? p + 2
                                                                     : p);
    else
        snprintf(buf, size, "%s", p[0] == '.' && p[1] == '/' ? p + 2 : p);
    if (buf[0] == '/' && getcwd(cwd, sizeof cwd)) {
        n = strlen(cwd);
        if (!strncmp(buf, cwd, n) && buf[n] == '/')
            memmove(buf, buf + n + 1, strlen(buf + n + 1) + 1);
    }
    while (buf[0] == '.' && buf[1] == '/') memmove(buf, buf + 2, strlen(buf + 1));
    return buf;
}

void rp_docs_free(rp_docs *dc) {
    size_t i;
    fc_strset_free(dc->fact_lines);
    dc->fact_lines = NULL;
    for (i = 0; i < dc->n; i++) {
        fc_doc_free(dc->docs[i]);
        free(dc->ids[i]);
    }
    free(dc->docs);
    free(dc->ids);
    memset(dc, 0, sizeof *dc);
}

int fc_report_write(FILE *fp, const fc_findings *fs, fc_store *s,
                    const fc_report_opts *o, fc_diags *d) {
    const char *fmt = o && o->format ? o->format : "text";
    if (!strcmp(fmt, "text")) return rp_text(fp, fs, s, o);
    if (!strcmp(fmt, "json")) return rp_json(fp, fs, s, o);
    if (!strcmp(fmt, "sarif")) return rp_sarif(fp, fs, s, o);
    if (!strcmp(fmt, "markdown")) return rp_markdown(fp, fs, s, o);
    if (!strcmp(fmt, "html")) return rp_html(fp, fs, s, o);
    if (!strcmp(fmt, "github")) return rp_github(fp, fs, s, o);
    if (!strcmp(fmt, "junit")) return rp_junit(fp, fs, s, o);
    if (!strcmp(fmt, "claimreview")) return rp_claimreview(fp, fs, s, o);
    fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, "format",
                 "unknown report format \"%s\"", fmt);
    return FC_EINPUT;
}
