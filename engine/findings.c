/*
** findings.c -- the findings collection: a growable array of fc_finding
** that owns its messages, roles and copies of the facts.
**
** Every finding has a stable id, a hash of its rule id and its facts'
** content (never their ids, which change between loads), so that a
** baseline accepts the same finding in the next run.  The report order is
** fixed here too: severity (errors first), rule id, first document, first
** span, id.  The checks, the audit and the baseline build and reorder
** findings only through these functions.
*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct fc_findings {
    fc_finding *items;
    size_t n, cap;
};

/* ---- ids ---------------------------------------------------------------------- */

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

/* The rule id and the facts' content keys in sorted order, hashed: the
** order in which a rule met the facts does not change the id. */
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

/* ---- the collection ------------------------------------------------------------- */

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
    free(f->link);
    memset(f, 0, sizeof *f);
}

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

/* Room for one more finding. */
static int grow(fc_findings *fs) {
    if (fs->n == fs->cap) {
        size_t ncap = fs->cap ? fs->cap * 2 : 64;
        fc_finding *p = realloc(fs->items, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        fs->items = p;
        fs->cap = ncap;
    }
    return FC_OK;
}

int fc_findings_append(fc_findings *fs, const char *rule, const char *kind,
                       const char *type, const char *severity,
                       const char *message, fc_fact *const *facts,
                       const char *const *roles, size_t n) {
    fc_finding *f;
    size_t i;
    if (grow(fs) != FC_OK) return FC_ENOMEM;
    f = &fs->items[fs->n];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->kind = kind;
    f->type = type;
    f->severity = severity;
    f->confidence = 1.0;
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

/* Move finding i of src to the end of dst (src keeps an empty slot, freed
** with it). */
int fc_findings_take(fc_findings *dst, fc_findings *src, size_t i) {
    if (grow(dst) != FC_OK) return FC_ENOMEM;
    dst->items[dst->n++] = src->items[i];
    memset(&src->items[i], 0, sizeof src->items[i]);
    return FC_OK;
}

/* ---- order -------------------------------------------------------------------- */

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

void fc_findings_sort(fc_findings *fs) {
    if (fs && fs->n) qsort(fs->items, fs->n, sizeof *fs->items, finding_cmp);
}

/* By id, then in report order: of two findings with one id, the one
** reported first comes first. */
static int by_id_first(const void *x, const void *y) {
    const fc_finding *a = x, *b = y;
    int k = strcmp(a->id, b->id);
    return k ? k : finding_cmp(x, y);
}

void fc_findings_dedup(fc_findings *fs) {
    size_t i, k;
    if (!fs || !fs->n) return;
    qsort(fs->items, fs->n, sizeof *fs->items, by_id_first);
    for (i = 1, k = 1; i < fs->n; i++) {
        if (!strcmp(fs->items[i].id, fs->items[k - 1].id)) {
            finding_clear(&fs->items[i]);
            continue;
        }
        fs->items[k++] = fs->items[i];
    }
    fs->n = k;
    qsort(fs->items, fs->n, sizeof *fs->items, finding_cmp);
}
