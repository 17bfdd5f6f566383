/*
** report.c -- choose a renderer; what every renderer shares: the
** severity order, the summary counts, the failure threshold and a cache of
** documents for quoting figures in context.
*/
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"text", "json", NULL};

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

/* ---- documents -------------------------------------------------------------- */

void rp_docs_init(rp_docs *dc, fc_store *s) {
    memset(dc, 0, sizeof *dc);
    dc->s = s;
}

const fc_doc *rp_docs_get(rp_docs *dc, const char *id) {
    size_t i;
    fc_doc *doc = NULL;
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

void rp_docs_free(rp_docs *dc) {
    size_t i;
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
    fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, "format",
                 "unknown report format \"%s\"", fmt);
    return FC_EINPUT;
}
