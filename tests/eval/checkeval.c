/*
** checkeval.c -- measure `check` against hand-made pairs of gold figures.
**
** usage: checkeval PAIRS RULES MANIFEST DOCS GOLD [MANIFEST DOCS GOLD]...
**                  [--target found=MIN] [--target precision=MIN]
**                  [--target wrong_errors=MAX] [--report-only]
**
** Extracts every document of every corpus (a manifest, its documents
** folder and its gold figures) into one in-memory store, runs fc_check
** with the rules of RULES, and maps each fact of each finding to a gold
** figure (same document, greatest span overlap).  PAIRS lists the pairs of
** gold figures a checker must flag ("must_flag") and those it must not
** call an error ("not_error"); see tests/eval/README.md for the format.
** The first corpus is the one scored; the others are checked with it, so
** that their figures meet its figures, and PAIRS may name their figures too.
**
** It prints three numbers:
**
**   found         must-flag pairs that one finding links at or above the
**                 pair's lowest acceptable severity, over all of them;
**   precision     of the errors that involve a fact of the scored corpus,
**                 the share that is real: an error is real when it links
**                 a must-flag pair whose "error" is true;
**   wrong_errors  pairs that must not be errors (the not_error pairs and
**                 the must-flag pairs whose "error" is false) that an
**                 error links.
**
** A finding links a pair when one of its facts maps to a figure on one
** side and another to a figure on the other side.  The program exits 1
** when a target is missed (0 with --report-only), 2 on bad usage or a bad
** PAIRS or gold file (with its file, line and column), 3 when the library
** fails.  Set EVAL_VERBOSE to list every miss, every error that is not
** real and every pair wrongly raised as an error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factcheck.h"
#include "internal.h"

#define SEV_NONE (-1)
#define SEV_INFO 0
#define SEV_WARNING 1
#define SEV_ERROR 2

static const char *const sev_names[] = {"info", "warning", "error", NULL};
static const char *const why_names[] = {
    "agree", "rounding", "population", "period", "base",
    "status", "vintage", "source", NULL};

static int sev_rank(const char *s) {
    int i;
    for (i = 0; s && sev_names[i]; i++)
        if (!strcmp(s, sev_names[i])) return i;
    return SEV_NONE;
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "checkeval: out of memory\n");
        exit(3);
    }
    return p;
}

static void *xgrow(void *p, size_t *cap, size_t n, size_t size) {
    if (n < *cap) return p;
    *cap = *cap ? *cap * 2 : 64;
    p = realloc(p, *cap * size);
    if (!p) {
        fprintf(stderr, "checkeval: out of memory\n");
        exit(3);
    }
    return p;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* ---- gold figures -------------------------------------------------------- */

typedef struct figure {
    char *doc, *text;
    long long start, end;
    int scored; /* of the first corpus */
} figure;

static figure *figs;
static size_t nfigs, capfigs;

static int cmp_fig(const void *a, const void *b) {
    const figure *x = a, *y = b;
    int c = strcmp(x->doc, y->doc);
    if (c) return c;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* Reads the doc, span and text of each record of a gold file (JSON Lines);
** a malformed record is reported at its line and column. */
static int load_figures(const char *path, int scored, fc_diags *d) {
    char *buf, *line;
    size_t len, ln = 0;
    int st = fc_read_file(path, &buf, &len, d);
    if (st != FC_OK) return st;
    for (line = buf; line < buf + len; ) {
        char *nl = memchr(line, '\n', (size_t)(buf + len - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(buf + len - line);
        json_error_t err;
        json_t *o, *span, *doc, *text, *s, *e;
        size_t blank = 0;
        ln++;
        while (blank < n && strchr(" \t\r", line[blank])) blank++;
        if (blank < n) {
            o = json_loadb(line, n, 0, &err);
            if (!o || !json_is_object(o)) {
                fc_diags_add(d, FC_DIAG_ERROR, path, (int)ln,
                             o ? 1 : err.column, -1, NULL, "%s",
                             o ? "expected an object" : err.text);
                json_decref(o);
                st = FC_EINPUT;
            } else {
                span = json_object_get(o, "span");
                doc = json_object_get(o, "doc");
                text = json_object_get(o, "text");
                s = json_object_get(span, "start");
                e = json_object_get(span, "end");
                if (!json_is_string(doc) || !json_is_string(text) ||
                    !json_is_integer(s) || !json_is_integer(e)) {
                    fc_diags_add(d, FC_DIAG_ERROR, path, (int)ln, 1, -1, NULL,
                                 "expected \"doc\", \"text\" and \"span\" "
                                 "with integer \"start\" and \"end\"");
                    st = FC_EINPUT;
                } else {
                    figure *f;
                    figs = xgrow(figs, &capfigs, nfigs, sizeof *figs);
                    f = &figs[nfigs++];
                    f->doc = xstrdup(json_string_value(doc));
                    f->text = xstrdup(json_string_value(text));
                    f->start = json_integer_value(s);
                    f->end = json_integer_value(e);
                    f->scored = scored;
                }
                json_decref(o);
            }
        }
        line += n + 1;
    }
    free(buf);
    return st;
}

/* The figure at exactly doc[start, end), or -1. */
static long find_figure(const char *doc, long long start, long long end) {
    size_t lo = 0, hi = nfigs;
    figure key;
    key.doc = (char *)doc;
    key.start = start;
    key.end = end;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_fig(&key, &figs[mid]);
        if (c == 0) return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

/* The figure of doc that overlaps [start, end) the most (ties: the first),
** or -1. */
static long map_fact(const fc_fact *f) {
    size_t lo = 0, hi = nfigs, i;
    long best = -1;
    long long most = 0;
    if (f->span.start < 0) return -1;
    while (lo < hi) { /* the first figure of the document */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(figs[mid].doc, f->doc) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < nfigs && !strcmp(figs[i].doc, f->doc); i++) {
        long long s = figs[i].start > f->span.start ? figs[i].start
                                                    : f->span.start;
        long long e = figs[i].end < f->span.end ? figs[i].end : f->span.end;
        if (figs[i].start >= f->span.end) break;
        if (e - s > most) {
            most = e - s;
            best = (long)i;
        }
    }
    return best;
}

/* ---- the pairs file ------------------------------------------------------ */

typedef struct side {
    long *fig;
    size_t n;
} side;

typedef struct pair {
    const char *group, *why; /* borrowed from the JSON */
    side a, b;
    int must;       /* a must-flag pair */
    int severity;   /* its lowest acceptable severity (must-flag) */
    int error_ok;   /* an error on it is acceptable */
    int best;       /* the highest severity a finding linked it at */
    const fc_finding *best_by, *error_by;
} pair;

static pair *pairs;
static size_t npairs, cappairs;

static const char *const must_fields[] = {"group", "a", "b", "severity",
                                          "error", "reason", NULL};
static const char *const not_fields[] = {"group", "a", "b", "why", "reason",
                                         NULL};
static const char *const fig_fields[] = {"doc", "span", "text", NULL};
static const char *const span_fields[] = {"start", "end", NULL};
static const char *const top_fields[] = {"version", "must_flag", "not_error",
                                         NULL};

/* A figure reference {"doc", "span": {"start", "end"}, "text"}: the index
** of the gold figure it names, or -1 (reported). */
static long read_ref(fc_jval at) {
    const char *doc = NULL, *text = NULL;
    fc_jval span, s, e;
    long k;
    if (!json_is_object(at.v)) {
        fc_jval_error(at, NULL, "expected a figure {\"doc\", \"span\", "
                                "\"text\"}, got %s",
                      fc_json_type_name(at.v));
        return -1;
    }
    if (fc_jval_unknown_fields(at, fig_fields) ||
        fc_jval_require(at, "doc") != FC_OK ||
        fc_jval_require(at, "span") != FC_OK ||
        fc_jval_string(at, "doc", &doc) != FC_OK ||
        fc_jval_string(at, "text", &text) != FC_OK)
        return -1;
    span = fc_jval_member(at, "span");
    if (!json_is_object(span.v)) {
        fc_jval_error(span, "span", "expected an object, got %s",
                      fc_json_type_name(span.v));
        return -1;
    }
    if (fc_jval_unknown_fields(span, span_fields) ||
        fc_jval_require(span, "start") != FC_OK ||
        fc_jval_require(span, "end") != FC_OK)
        return -1;
    s = fc_jval_member(span, "start");
    e = fc_jval_member(span, "end");
    if (!json_is_integer(s.v) || !json_is_integer(e.v)) {
        fc_jval_error(json_is_integer(s.v) ? e : s, "span",
                      "expected an integer byte offset, got %s",
                      fc_json_type_name(json_is_integer(s.v) ? e.v : s.v));
        return -1;
    }
    k = find_figure(doc, json_integer_value(s.v), json_integer_value(e.v));
    if (k < 0) {
        fc_jval_error(span, "span", "no gold figure of %s has the span "
                                    "[%lld, %lld)",
                      doc, (long long)json_integer_value(s.v),
                      (long long)json_integer_value(e.v));
        return -1;
    }
    if (text && strcmp(text, figs[k].text)) {
        fc_jval_error(fc_jval_member(at, "text"), "text",
                      "the gold figure at this span reads \"%s\"",
                      figs[k].text);
        return -1;
    }
    return k;
}

/* One side of a pair: a figure, or (must-flag) a non-empty array of
** figures that state one claim. */
static int read_side(fc_jval obj, const char *key, int many, side *out) {
    fc_jval at = fc_jval_member(obj, key);
    size_t i, n;
    int st = FC_OK;
    out->fig = NULL;
    out->n = 0;
    if (fc_jval_require(obj, key) != FC_OK) return FC_EINPUT;
    if (!many) {
        long k = read_ref(at);
        if (k < 0) return FC_EINPUT;
        out->fig = xmalloc(sizeof *out->fig);
        out->fig[0] = k;
        out->n = 1;
        return FC_OK;
    }
    if (!json_is_array(at.v) || json_array_size(at.v) == 0) {
        fc_jval_error(at, key, "expected a non-empty array of figures, got %s",
                      fc_json_type_name(at.v));
        return FC_EINPUT;
    }
    n = json_array_size(at.v);
    out->fig = xmalloc(n * sizeof *out->fig);
    for (i = 0; i < n; i++) {
        long k = read_ref(fc_jval_element(at, i));
        if (k < 0)
            st = FC_EINPUT;
        else
            out->fig[out->n++] = k;
    }
    return st;
}

static int sides_meet(const side *a, const side *b) {
    size_t i, j;
    for (i = 0; i < a->n; i++)
        for (j = 0; j < b->n; j++)
            if (a->fig[i] == b->fig[j]) return 1;
    return 0;
}

static int read_pair(fc_jval e, int must) {
    const char *group = NULL, *reason = NULL, *sev = NULL, *why = NULL;
    pair p;
    int st = FC_OK;
    memset(&p, 0, sizeof p);
    if (!json_is_object(e.v)) {
        fc_jval_error(e, NULL, "expected an object, got %s",
                      fc_json_type_name(e.v));
        return FC_EINPUT;
    }
    if (fc_jval_unknown_fields(e, must ? must_fields : not_fields))
        st = FC_EINPUT;
    if (fc_jval_require(e, "group") != FC_OK ||
        fc_jval_require(e, "reason") != FC_OK ||
        fc_jval_string(e, "group", &group) != FC_OK ||
        fc_jval_string(e, "reason", &reason) != FC_OK)
        st = FC_EINPUT;
    if (read_side(e, "a", must, &p.a) != FC_OK) st = FC_EINPUT;
    if (read_side(e, "b", must, &p.b) != FC_OK) st = FC_EINPUT;
    if (st == FC_OK && sides_meet(&p.a, &p.b)) {
        fc_jval_error(fc_jval_member(e, "b"), "b",
                      "a figure cannot be on both sides of a pair");
        st = FC_EINPUT;
    }
    if (must) {
        fc_jval at = fc_jval_member(e, "error");
        if (fc_jval_require(e, "severity") != FC_OK ||
            fc_jval_string(e, "severity", &sev) != FC_OK) {
            st = FC_EINPUT;
        } else if ((p.severity = sev_rank(sev)) == SEV_NONE) {
            fc_jval_error(fc_jval_member(e, "severity"), "severity",
                          "expected \"info\", \"warning\" or \"error\", got "
                          "\"%s\"",
                          sev);
            st = FC_EINPUT;
        }
        if (fc_jval_require(e, "error") != FC_OK) {
            st = FC_EINPUT;
        } else if (!json_is_boolean(at.v)) {
            fc_jval_error(at, "error", "expected true or false, got %s",
                          fc_json_type_name(at.v));
            st = FC_EINPUT;
        } else {
            p.error_ok = json_is_true(at.v);
            if (!p.error_ok && p.severity == SEV_ERROR) {
                fc_jval_error(at, "error", "a pair that must be flagged as an "
                                           "error cannot forbid errors");
                st = FC_EINPUT;
            }
        }
    } else {
        size_t i;
        fc_jval at = fc_jval_member(e, "why");
        if (fc_jval_require(e, "why") != FC_OK ||
            fc_jval_string(e, "why", &why) != FC_OK) {
            st = FC_EINPUT;
        } else {
            for (i = 0; why_names[i] && strcmp(why, why_names[i]); i++)
                ;
            if (!why_names[i]) {
                const char *s = fc_suggest(why, why_names);
                fc_jval_error(at, "why", "unknown reason \"%s\"%s%s%s", why,
                              s ? "; did you mean \"" : "", s ? s : "",
                              s ? "\"?" : "");
                st = FC_EINPUT;
            }
        }
        p.severity = SEV_NONE;
        p.error_ok = 0;
    }
    if (st != FC_OK) {
        free(p.a.fig);
        free(p.b.fig);
        return st;
    }
    p.group = group;
    p.why = why;
    p.must = must;
    p.best = SEV_NONE;
    pairs = xgrow(pairs, &cappairs, npairs, sizeof *pairs);
    pairs[npairs++] = p;
    return FC_OK;
}

/* Two not_error pairs, or a not_error pair and a must-flag pair, over the
** same two figures are one pair written twice. */
static int same_pair(const pair *x, const pair *y) {
    return x->a.n == 1 && x->b.n == 1 && y->a.n == 1 && y->b.n == 1 &&
           ((x->a.fig[0] == y->a.fig[0] && x->b.fig[0] == y->b.fig[0]) ||
            (x->a.fig[0] == y->b.fig[0] && x->b.fig[0] == y->a.fig[0]));
}

static int load_pairs(fc_jfile *jf, const char *path, fc_diags *d) {
    fc_jval root, list;
    size_t i, j, k, first;
    int st = fc_jfile_load(jf, path, d), w;
    double version = 0;
    if (st != FC_OK) return st;
    root = fc_jfile_root(jf);
    if (!json_is_object(root.v)) {
        fc_jval_error(root, NULL, "expected an object, got %s",
                      fc_json_type_name(root.v));
        return FC_EINPUT;
    }
    fc_jval_unknown_fields(root, top_fields);
    if (fc_jval_require(root, "version") == FC_OK &&
        fc_jval_number(root, "version", &version) == FC_OK && version != 1)
        fc_jval_error(fc_jval_member(root, "version"), "version",
                      "unknown version (expected 1)");
    for (w = 1; w >= 0; w--) {
        const char *key = w ? "must_flag" : "not_error";
        list = fc_jval_member(root, key);
        if (fc_jval_require(root, key) != FC_OK) continue;
        if (!json_is_array(list.v)) {
            fc_jval_error(list, key, "expected an array, got %s",
                          fc_json_type_name(list.v));
            continue;
        }
        first = npairs;
        for (i = 0; i < json_array_size(list.v); i++) {
            fc_jval e = fc_jval_element(list, i);
            if (read_pair(e, w) != FC_OK) continue;
            for (j = 0; j < npairs - 1; j++)
                if (same_pair(&pairs[j], &pairs[npairs - 1])) {
                    k = j < first ? j : j - first;
                    fc_jval_error(e, NULL, "the same two figures as %s "
                                           "entry %zu",
                                  j < first ? "must_flag" : "not_error",
                                  k + 1);
                    break;
                }
        }
    }
    return jf->errors ? FC_EINPUT : FC_OK;
}

/* ---- the corpora --------------------------------------------------------- */

/* Appends an extracted fact to a buffer of JSON Lines. */
static int add_line(void *ctx, const fc_fact *f, const fc_loc *loc) {
    fc_buf *b = ctx;
    char *line = fc_fact_to_json(f);
    (void)loc;
    if (!line) return FC_ENOMEM;
    fc_buf_puts(b, line);
    fc_buf_putc(b, '\n');
    free(line);
    return b->oom ? FC_ENOMEM : FC_OK;
}

/* ---- reporting ----------------------------------------------------------- */

static void print_fig(FILE *fp, long k) {
    fprintf(fp, "%s:\"%s\"", figs[k].doc, figs[k].text);
}

static void print_side(FILE *fp, const side *s) {
    size_t i;
    for (i = 0; i < s->n; i++) {
        if (i) fputs(i + 1 == s->n ? " or " : ", ", fp);
        print_fig(fp, s->fig[i]);
    }
}

static void print_finding(FILE *fp, const fc_finding *f) {
    size_t i;
    fprintf(fp, "      %s %s [%s]: %s\n", f->severity, f->rule, f->type,
            f->message);
    for (i = 0; i < f->nfacts; i++)
        fprintf(fp, "        %s:\"%s\"%s%s\n", f->facts[i]->doc,
                f->facts[i]->text ? f->facts[i]->text : "",
                f->roles && f->roles[i] ? " " : "",
                f->roles && f->roles[i] ? f->roles[i] : "");
}

static int links(const pair *p, const unsigned char *mark) {
    size_t i, j;
    for (i = 0; i < p->a.n; i++)
        if (mark[p->a.fig[i]])
            for (j = 0; j < p->b.n; j++)
                if (mark[p->b.fig[j]]) return 1;
    return 0;
}

typedef struct target {
    const char *name;
    double v;
} target;

int main(int argc, char **argv) {
    fc_diags *d = fc_diags_new();
    fc_lexicon *lx = NULL;
    fc_rules *rs = NULL;
    fc_store *s = NULL;
    fc_findings *fs = NULL;
    fc_manifest **ms, all;
    fc_jfile jf;
    fc_buf j;
    target *targets = xmalloc((size_t)argc * sizeof *targets);
    size_t ncorp = 0, nt = 0, i, k, nmust = 0, nnot = 0, found = 0;
    size_t errors = 0, real = 0, wrong = 0, nfind;
    const char *pairs_path, *rules_dir, *name = "(extracted facts)";
    const char **pos = xmalloc((size_t)argc * sizeof *pos);
    int npos = 0, a, report_only = 0, st = FC_OK, fail = 0;
    int verbose = getenv("EVAL_VERBOSE") != NULL;
    unsigned char *mark;
    long *mapped;
    const char *bufs[1];
    size_t lens[1];

    for (a = 1; a < argc; a++) {
        const char *eq;
        char *end;
        if (!strcmp(argv[a], "--report-only")) {
            report_only = 1;
            continue;
        }
        if (!strncmp(argv[a], "--", 2) && strcmp(argv[a], "--target")) {
            fprintf(stderr, "checkeval: unknown option %s\n", argv[a]);
            return 2;
        }
        if (strcmp(argv[a], "--target") != 0) {
            pos[npos++] = argv[a];
            continue;
        }
        if (a + 1 >= argc || !(eq = strchr(argv[a + 1], '='))) {
            fprintf(stderr, "checkeval: expected --target NAME=VALUE\n");
            return 2;
        }
        a++;
        argv[a][eq - argv[a]] = '\0';
        targets[nt].name = argv[a];
        targets[nt].v = strtod(eq + 1, &end);
        if (*end || end == eq + 1) {
            fprintf(stderr, "checkeval: --target %s: expected a number after "
                            "\"=\"\n",
                    argv[a]);
            return 2;
        }
        if (strcmp(argv[a], "found") && strcmp(argv[a], "precision") &&
            strcmp(argv[a], "wrong_errors")) {
            fprintf(stderr, "checkeval: --target %s: expected found, "
                            "precision or wrong_errors\n",
                    argv[a]);
            return 2;
        }
        nt++;
    }
    if (npos < 5 || (npos - 2) % 3 != 0) {
        fprintf(stderr,
                "usage: checkeval PAIRS RULES MANIFEST DOCS GOLD "
                "[MANIFEST DOCS GOLD]...\n"
                "                 [--target found=MIN] [--target "
                "precision=MIN]\n"
                "                 [--target wrong_errors=MAX] "
                "[--report-only]\n");
        return 2;
    }
    pairs_path = pos[0];
    rules_dir = pos[1];
    ncorp = (size_t)(npos - 2) / 3;
    ms = xmalloc(ncorp * sizeof *ms);
    memset(ms, 0, ncorp * sizeof *ms);
    memset(&jf, 0, sizeof jf);
    fc_buf_init(&j);

    /* the gold: figures first, so that the pairs can name them */
    for (i = 0; i < ncorp; i++)
        if (load_figures(pos[2 + 3 * i + 2], i == 0, d) != FC_OK)
            st = FC_EINPUT;
    if (st == FC_OK) {
        qsort(figs, nfigs, sizeof *figs, cmp_fig);
        for (i = 1; i < nfigs; i++)
            if (!cmp_fig(&figs[i - 1], &figs[i])) {
                fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                             "two gold figures of %s have the span [%lld, "
                             "%lld)",
                             figs[i].doc, figs[i].start, figs[i].end);
                st = FC_EINPUT;
            }
    }
    if (st == FC_OK) st = load_pairs(&jf, pairs_path, d);

    /* the corpora, extracted into one store, and the check */
    if (st == FC_OK) st = fc_lexicon_load(&lx, rules_dir, d);
    if (st == FC_OK) st = fc_rules_load(&rs, &rules_dir, 1, lx, d);
    memset(&all, 0, sizeof all);
    for (i = 0; st == FC_OK && i < ncorp; i++) {
        st = fc_manifest_load(&ms[i], pos[2 + 3 * i], pos[2 + 3 * i + 1], d);
        all.ndocs += st == FC_OK ? ms[i]->ndocs : 0;
    }
    if (st == FC_OK) {
        size_t n = 0;
        all.docs = xmalloc(all.ndocs * sizeof *all.docs);
        for (i = 0; i < ncorp; i++)
            for (k = 0; k < ms[i]->ndocs; k++) all.docs[n++] = ms[i]->docs[k];
        for (i = 0; st == FC_OK && i < all.ndocs; i++)
            st = fc_extract(lx, all.docs[i], add_line, &j, d);
    }
    if (st == FC_OK) st = fc_store_open(&s, NULL, d);
    if (st == FC_OK) {
        bufs[0] = j.data ? j.data : "";
        lens[0] = j.len;
        st = fc_store_load_buffers(s, &all, &name, bufs, lens, 1, NULL, d);
    }
    if (st == FC_OK) st = fc_check(s, rs, &fs, d);
    if (st != FC_OK) {
        char buf[1200];
        for (i = 0; i < fc_diags_count(d); i++) {
            fc_diag_format(fc_diags_get(d, i), buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
        }
        if (st != FC_EINPUT && st != FC_EIO)
            fprintf(stderr, "checkeval: %s\n", fc_status_str(st));
        fail = st == FC_EINPUT || st == FC_EIO ? 2 : 3;
        goto done;
    }

    /* which pairs each finding links */
    nfind = fc_findings_count(fs);
    mark = xmalloc(nfigs ? nfigs : 1);
    memset(mark, 0, nfigs ? nfigs : 1);
    for (i = 0; i < nfind; i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        int sev = sev_rank(f->severity), scored = 0, is_real = 0;
        size_t m = 0, p;
        if (f->baselined) continue;
        mapped = xmalloc(f->nfacts * sizeof *mapped);
        for (k = 0; k < f->nfacts; k++) {
            long g = map_fact(f->facts[k]);
            if (fc_manifest_get(ms[0], f->facts[k]->doc)) scored = 1;
            if (g >= 0 && !mark[g]) {
                mark[g] = 1;
                mapped[m++] = g;
            }
        }
        for (p = 0; p < npairs; p++) {
            pair *q = &pairs[p];
            if (!links(q, mark)) continue;
            if (q->must && sev > q->best) {
                q->best = sev;
                q->best_by = f;
            }
            if (sev == SEV_ERROR && q->must && q->error_ok) is_real = 1;
            if (sev == SEV_ERROR && !q->error_ok && !q->error_by)
                q->error_by = f;
        }
        for (k = 0; k < m; k++) mark[mapped[k]] = 0;
        free(mapped);
        if (sev == SEV_ERROR && scored) {
            errors++;
            if (is_real)
                real++;
            else if (verbose) {
                fprintf(stderr, "  unreal error:\n");
                print_finding(stderr, f);
            }
        }
    }
    free(mark);

    for (i = 0; i < npairs; i++) {
        pair *q = &pairs[i];
        if (q->must) {
            nmust++;
            if (q->best >= q->severity)
                found++;
            else if (verbose) {
                fprintf(stderr, "  missed [%s] ", q->group);
                print_side(stderr, &q->a);
                fputs(" against ", stderr);
                print_side(stderr, &q->b);
                fprintf(stderr, ": wanted %s, got %s\n",
                        sev_names[q->severity],
                        q->best >= 0 ? sev_names[q->best] : "nothing");
                if (q->best_by) print_finding(stderr, q->best_by);
            }
        } else {
            nnot++;
        }
        if (!q->error_ok && q->error_by) {
            wrong++;
            if (verbose) {
                fprintf(stderr, "  wrongly raised [%s] (%s) ", q->group,
                        q->must ? "must flag, not as an error" : q->why);
                print_side(stderr, &q->a);
                fputs(" against ", stderr);
                print_side(stderr, &q->b);
                fputc('\n', stderr);
                print_finding(stderr, q->error_by);
            }
        }
    }

    {
        double vf = nmust ? (double)found / (double)nmust : 1;
        double vp = errors ? (double)real / (double)errors : 1;
        size_t nforbid = 0;
        const char *names[3] = {"found", "precision", "wrong_errors"};
        double vals[3];
        char what[3][64];
        vals[0] = vf;
        vals[1] = vp;
        vals[2] = (double)wrong;
        for (i = 0; i < npairs; i++) nforbid += !pairs[i].error_ok;
        snprintf(what[0], sizeof what[0], "%zu/%zu must-flag pairs", found,
                 nmust);
        snprintf(what[1], sizeof what[1], "%zu/%zu errors real", real, errors);
        snprintf(what[2], sizeof what[2], "%zu/%zu pairs", wrong, nforbid);
        printf("check: %zu findings over %zu facts; %zu must-flag and %zu "
               "not-error pairs\n",
               nfind, fc_store_fact_count(s), nmust, nnot);
        for (i = 0; i < 3; i++) {
            int has = 0, missed = 0;
            double t = 0;
            for (k = 0; k < nt; k++)
                if (!strcmp(targets[k].name, names[i])) {
                    has = 1;
                    t = targets[k].v;
                }
            if (has) missed = i == 2 ? vals[i] > t : vals[i] < t;
            if (i == 2)
                printf("  %-13s %7.0f  %-28s", names[i], vals[i], what[i]);
            else
                printf("  %-13s %7.3f  %-28s", names[i], vals[i], what[i]);
            if (has)
                printf(" target %s %g%s\n", i == 2 ? "<=" : ">=", t,
                       missed ? "  MISSED" : "");
            else
                printf(" target -\n");
            if (missed) fail = 1;
        }
    }
    if (fail && report_only) {
        printf("  check: targets missed (reported only; 'make eval' fails on "
               "them)\n");
        fail = 0;
    }

done:
    fc_findings_free(fs);
    fc_store_close(s);
    free(all.docs);
    for (i = 0; i < ncorp; i++) fc_manifest_free(ms[i]);
    free(ms);
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    for (i = 0; i < npairs; i++) {
        free(pairs[i].a.fig);
        free(pairs[i].b.fig);
    }
    free(pairs);
    fc_jfile_free(&jf);
    for (i = 0; i < nfigs; i++) {
        free(figs[i].doc);
        free(figs[i].text);
    }
    free(figs);
    fc_buf_free(&j);
    free(targets);
    free(pos);
    fc_diags_free(d);
    return fail;
}
