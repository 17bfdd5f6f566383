/*
** report_sarif.c -- findings as SARIF 2.1.0, the format code-review systems
** read (one log, one run):
**
**   run.tool.driver     name, version, one rule per rule loaded (when the
**                       caller passes them in fc_report_opts.rules) or else
**                       per rule that produced a finding
**   run.artifacts       the documents the findings quote, with their hashes
**   run.results         one per finding: its first fact is the location,
**                       the others are related locations named by role;
**                       baselined findings carry an external suppression
**
** Document paths are relative references against the base id DOCROOT (the
** documents folder of the manifest, or the working directory for documents
** named on the command line), so a log names no machine's folders.
** Columns count code points (columnKind unicodeCodePoints), like the
** facts'.  reports/README.md shows an example.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include "report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define DOC_BASE "DOCROOT"
#define FINGERPRINT "factcheckFindingId/v1"
#define MAX_DEPTH 32       /* deepest nesting the writer produces is ~10 */
#define SHORT_MAX 200      /* bytes of a rule's short description */

/* ---- an indenting JSON writer ------------------------------------------------ */

/* Containers are written one member a line, except "flat" ones (small
** leaves such as messages and regions), written on one line. */
typedef struct jw {
    FILE *fp;
    int depth;
    unsigned char more[MAX_DEPTH]; /* the container at depth has members */
    unsigned char flat[MAX_DEPTH]; /* ... and is written on one line */
    int oom;
} jw;

static void jw_indent(jw *w) {
    int i;
    fputc('\n', w->fp);
    for (i = 0; i < w->depth; i++) fputs("  ", w->fp);
}

/* The separator before a member, then its key. */
static void jw_key(jw *w, const char *key) {
    if (w->flat[w->depth]) {
        if (w->more[w->depth]) fputs(", ", w->fp);
    } else {
        if (w->more[w->depth]) fputc(',', w->fp);
        jw_indent(w);
    }
    if (key) fprintf(w->fp, "\"%s\": ", key);
    w->more[w->depth] = 1;
}

/* Open an object ('{') or array ('['); flat: on one line. */
static void jw_open(jw *w, const char *key, int c, int flat) {
    int parent = w->flat[w->depth];
    if (w->depth > 0 || w->more[0]) jw_key(w, key);
    fputc(c, w->fp);
    if (w->depth + 1 < MAX_DEPTH) w->depth++;
    w->more[w->depth] = 0;
    w->flat[w->depth] = (unsigned char)(flat || parent);
}

static void jw_close(jw *w, int c) {
    int had = w->more[w->depth], flat = w->flat[w->depth];
    if (w->depth > 0) w->depth--;
    if (had && !flat) jw_indent(w);
    fputc(c, w->fp);
}

/* A string member; s NULL writes "". */
static void jw_str(jw *w, const char *key, const char *s) {
    char *q = fc_json_quote(s);
    jw_key(w, key);
    if (!q) {
        w->oom = 1;
        fputs("\"\"", w->fp);
        return;
    }
    fputs(q, w->fp);
    free(q);
}

/* A string member from n bytes of s. */
static void jw_strn(jw *w, const char *key, const char *s, size_t n) {
    char *t = fc_strndup(s, n);
    if (!t) w->oom = 1;
    jw_str(w, key, t);
    free(t);
}

static void jw_int(jw *w, const char *key, long long v) {
    jw_key(w, key);
    fprintf(w->fp, "%lld", v);
}

/* A number in [0, 1] with two decimals. */
static void jw_fraction(jw *w, const char *key, double v) {
    jw_key(w, key);
    fprintf(w->fp, "%.2f", v);
}

static void jw_bool(jw *w, const char *key, int v) {
    jw_key(w, key);
    fputs(v ? "true" : "false", w->fp);
}

/* {"text": s} */
static void jw_message(jw *w, const char *key, const char *s) {
    jw_open(w, key, '{', 1);
    jw_str(w, "text", s);
    jw_close(w, '}');
}

/* ---- what the log refers to ------------------------------------------------- */

static const char *level_of(const char *severity) {
    switch (rp_severity_rank(severity)) {
    case 0: return "error";
    case 1: return "warning";
    default: return "note";
    }
}

typedef struct rule_desc {
    const char *id, *kind, *description;
    const char *file;   /* the rule file it was defined in, or NULL */
    int rank;           /* rp_severity_rank of its default severity */
} rule_desc;

typedef struct sarif {
    jw w;
    rp_docs dc;
    const fc_findings *fs;
    const fc_report_opts *o;
    rule_desc *rules;
    size_t nrules;
    fc_strset *rule_index;  /* rule id -> index in rules */
    const char **docs;      /* document ids (borrowed), in id order */
    size_t ndocs;
    fc_strset *doc_index;   /* document id -> index in docs */
} sarif;

/* Index of key in set, adding it with index *n (and counting it) when new;
** -1 when out of memory. */
static long long index_of(fc_strset *set, const char *key, size_t *n) {
    long long at = (long long)*n;
    int r = fc_strset_add(set, key, at, &at);
    if (r < 0) return -1;
    if (r == 1) (*n)++;
    return at;
}

static int str_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Put the documents in id order and index them again. */
static int sort_docs(sarif *sr) {
    size_t i, n = 0;
    qsort(sr->docs, sr->ndocs, sizeof *sr->docs, str_cmp);
    fc_strset_free(sr->doc_index);
    if (!(sr->doc_index = fc_strset_new())) return FC_ENOMEM;
    for (i = 0; i < sr->ndocs; i++)
        if (index_of(sr->doc_index, sr->docs[i], &n) < 0) return FC_ENOMEM;
    return FC_OK;
}

/* The rules: every rule loaded, in order, when the caller gave them; then
** any rule a finding names that is not among them.  The documents: those
** the findings quote, in id order. */
static int collect(sarif *sr) {
    size_t i, k, nf = fc_findings_count(sr->fs), cap;
    size_t nloaded = sr->o && sr->o->rules ? fc_rules_count(sr->o->rules) : 0;
    size_t nfacts = 0;
    if (!(sr->rule_index = fc_strset_new()) ||
        !(sr->doc_index = fc_strset_new()))
        return FC_ENOMEM;
    for (i = 0; i < nf; i++) nfacts += fc_findings_get(sr->fs, i)->nfacts;
    cap = nloaded + nf + 1;
    if (!(sr->rules = calloc(cap, sizeof *sr->rules)) ||
        !(sr->docs = calloc(nfacts + 1, sizeof *sr->docs)))
        return FC_ENOMEM;
    for (i = 0; i < nloaded; i++) {
        fc_rule_info info;
        size_t before = sr->nrules;
        long long at;
        if (fc_rules_get(sr->o->rules, i, &info) != FC_OK || !info.id)
            continue;
        if ((at = index_of(sr->rule_index, info.id, &sr->nrules)) < 0)
            return FC_ENOMEM;
        if (sr->nrules == before) continue; /* the same id twice */
        sr->rules[at].id = info.id;
        sr->rules[at].kind = info.kind;
        sr->rules[at].description = info.description;
        sr->rules[at].file = info.file;
        sr->rules[at].rank = rp_severity_rank(info.severity);
    }
    for (i = 0; i < nf; i++) {
        const fc_finding *f = fc_findings_get(sr->fs, i);
        size_t before = sr->nrules;
        long long at = index_of(sr->rule_index, f->rule, &sr->nrules);
        int rank = rp_severity_rank(f->severity);
        if (at < 0) return FC_ENOMEM;
        if (sr->nrules > before) {
            /* a rule known only from its findings: its level is the
            ** highest they have */
            sr->rules[at].id = f->rule;
            sr->rules[at].kind = f->kind;
            sr->rules[at].rank = rank;
        } else if ((size_t)at >= nloaded && rank < sr->rules[at].rank) {
            sr->rules[at].rank = rank;
        }
        for (k = 0; k < f->nfacts; k++) {
            const char *doc = f->facts[k]->doc;
            before = sr->ndocs;
            if ((at = index_of(sr->doc_index, doc, &sr->ndocs)) < 0)
                return FC_ENOMEM;
            if (sr->ndocs > before) sr->docs[at] = doc;
        }
    }
    return sort_docs(sr);
}

static long long doc_index(const sarif *sr, const char *id) {
    long long at = -1;
    if (fc_strset_add(sr->doc_index, id, -1, &at) != 0) return -1;
    return at;
}

/* ---- URIs ------------------------------------------------------------------- */

/* A path as a URI reference: every byte but the unreserved characters and
** '/' percent-encoded (so ':' in a name cannot read as a scheme). */
static void put_uri_path(fc_buf *b, const char *path) {
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)path;
    for (; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
            c == '~' || c == '/') {
            fc_buf_putc(b, c);
        } else {
            fc_buf_putc(b, '%');
            fc_buf_putc(b, hex[c >> 4]);
            fc_buf_putc(b, hex[c & 15]);
        }
    }
}

/* The location of a document, as member `key`: its path (else its id)
** relative to DOCROOT, or a file: URI when the path is absolute; with the
** index of its artifact when at >= 0. */
static void put_doc_location(sarif *sr, const char *key, const char *id,
                             long long at) {
    jw *w = &sr->w;
    const fc_doc *doc = rp_docs_get(&sr->dc, id);
    const char *path = doc && doc->path && *doc->path ? doc->path : id;
    fc_buf b;
    fc_buf_init(&b);
    if (path[0] == '/') fc_buf_puts(&b, "file://");
    put_uri_path(&b, path);
    if (b.oom) w->oom = 1;
    jw_open(w, key, '{', 1);
    jw_str(w, "uri", b.data ? b.data : "");
    if (path[0] != '/') jw_str(w, "uriBaseId", DOC_BASE);
    if (at >= 0) jw_int(w, "index", at);
    jw_close(w, '}');
    fc_buf_free(&b);
}

/* ---- where a rule is documented --------------------------------------------- */

/* The sections of rules/README.md that document each kind, as the anchors a Markdown renderer gives their
** headings ("#### 6.5.3 trend": "653-trend"). */
static const char *const kind_anchor[][2] = {
    {"agree", "651-agree"},   {"basis", "652-basis"},
    {"trend", "653-trend"},   {"bound", "654-bound"},
    {"derive", "655-derive"}, {"target", "656-target"},
    {"stale", "657-stale"},   {"text", "658-text"}};

/* The README.md that documents the rules of `file`: in its folder or the
** nearest one above it that has one (domains/NAME/x.json uses the
** rules folder's), as an absolute file: URI with `anchor`; 0 when none is
** found. */
static int readme_uri(fc_buf *out, const char *file, const char *anchor) {
    char *dir, *slash, *real = NULL;
    int depth, found = 0;
    fc_buf p;
    if (!file) return 0;
    if (!(dir = fc_strdup(file))) return 0;
    fc_buf_init(&p);
    for (depth = 0; depth < 4 && !found; depth++) {
        struct stat st;
        slash = strrchr(dir, '/');
        if (slash) *slash = '\0';
        else if (strcmp(dir, ".")) strcpy(dir, ".");
        else break;
        p.len = 0;
        if (fc_buf_printf(&p, "%s/README.md", dir) != FC_OK) break;
        if (stat(p.data, &st) == 0 && S_ISREG(st.st_mode)) found = 1;
    }
    if (found && (real = realpath(p.data, NULL)) != NULL) {
        const unsigned char *c;
        out->len = 0;
        fc_buf_puts(out, "file://");
        for (c = (const unsigned char *)real; *c; c++) {
            if (isalnum(*c) || strchr("/-._~", *c))
                fc_buf_putc(out, *c);
            else
                fc_buf_printf(out, "%%%02X", *c);
        }
        if (anchor) fc_buf_printf(out, "#%s", anchor);
    }
    free(real);
    free(dir);
    fc_buf_free(&p);
    return found && out->data;
}

static const char *anchor_of(const char *kind) {
    size_t k;
    for (k = 0; kind && k < sizeof kind_anchor / sizeof kind_anchor[0]; k++)
        if (!strcmp(kind_anchor[k][0], kind)) return kind_anchor[k][1];
    return NULL;
}

/* ---- the parts of the log --------------------------------------------------- */

/* A rule's short description: the first sentence of its description, or
** its kind when it has none. */
static void put_short(jw *w, const rule_desc *r) {
    char buf[SHORT_MAX + 8];
    const char *d = r->description, *end;
    size_t n;
    if (!d || !*d) {
        snprintf(buf, sizeof buf, "%s rule %s", r->kind ? r->kind : "a",
                 r->id);
        jw_message(w, "shortDescription", buf);
        return;
    }
    end = strstr(d, ". ");
    n = end ? (size_t)(end - d) + 1 : strlen(d);
    if (n > SHORT_MAX) {
        char *t = fc_strndup(d, SHORT_MAX);
        fc_copy_utf8(buf, SHORT_MAX - 2, t ? t : "");
        free(t);
        memcpy(buf + strlen(buf), "...", 4);
        jw_message(w, "shortDescription", buf);
        return;
    }
    {
        char *t = fc_strndup(d, n);
        if (!t) w->oom = 1;
        jw_message(w, "shortDescription", t);
        free(t);
    }
}

static void put_driver(sarif *sr) {
    jw *w = &sr->w;
    size_t i;
    fc_buf uri;
    fc_buf_init(&uri);
    jw_open(w, "tool", '{', 0);
    jw_open(w, "driver", '{', 0);
    jw_str(w, "name", "factcheck");
    jw_str(w, "version", FC_VERSION);
    jw_str(w, "semanticVersion", FC_VERSION);
    for (i = 0; i < sr->nrules; i++)
        if (readme_uri(&uri, sr->rules[i].file, NULL)) {
            jw_str(w, "informationUri", uri.data);
            break;
        }
    jw_open(w, "rules", '[', 0);
    for (i = 0; i < sr->nrules; i++) {
        const rule_desc *r = &sr->rules[i];
        jw_open(w, NULL, '{', 0);
        jw_str(w, "id", r->id);
        put_short(w, r);
        if (r->description && *r->description)
            jw_message(w, "fullDescription", r->description);
        if (readme_uri(&uri, r->file, anchor_of(r->kind)))
            jw_str(w, "helpUri", uri.data);
        jw_open(w, "defaultConfiguration", '{', 1);
        jw_str(w, "level", level_of(r->rank == 0   ? "error"
                                    : r->rank == 1 ? "warning"
                                                   : "info"));
        jw_close(w, '}');
        jw_open(w, "properties", '{', 1);
        if (r->kind) jw_str(w, "kind", r->kind);
        jw_close(w, '}');
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_close(w, '}');
    jw_close(w, '}');
    fc_buf_free(&uri);
}

static void put_artifacts(sarif *sr) {
    jw *w = &sr->w;
    size_t i;
    jw_open(w, "artifacts", '[', 0);
    for (i = 0; i < sr->ndocs; i++) {
        const fc_doc *doc = rp_docs_get(&sr->dc, sr->docs[i]);
        jw_open(w, NULL, '{', 0);
        put_doc_location(sr, "location", sr->docs[i], -1);
        if (doc) {
            jw_int(w, "length", (long long)doc->len);
            if (doc->title) jw_message(w, "description", doc->title);
            jw_open(w, "hashes", '{', 1);
            jw_str(w, "sha-256", doc->sha256);
            jw_close(w, '}');
        }
        jw_open(w, "properties", '{', 1);
        jw_str(w, "doc", sr->docs[i]);
        if (doc && doc->published) jw_str(w, "published", doc->published);
        if (doc && doc->publisher) jw_str(w, "publisher", doc->publisher);
        if (doc && doc->authority) jw_str(w, "authority", doc->authority);
        if (doc && doc->event) jw_str(w, "event", doc->event);
        jw_close(w, '}');
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

/* The region of a fact: positions computed from the document when it is
** in the store, else those the fact carries.  Nothing without a span. */
static void put_region(sarif *sr, const fc_fact *f, const fc_doc *doc) {
    jw *w = &sr->w;
    long long s = f->span.start, e = f->span.end;
    if (s < 0 || e < s) return;
    jw_open(w, "region", '{', 1);
    if (doc && (unsigned long long)e <= doc->len) {
        int l1 = 0, c1 = 0, l2 = 0, c2 = 0;
        fc_doc_linecol(doc, (size_t)s, &l1, &c1);
        fc_doc_linecol(doc, (size_t)e, &l2, &c2);
        if (l1 > 0 && c1 > 0 && l2 > 0 && c2 > 0) {
            jw_int(w, "startLine", l1);
            jw_int(w, "startColumn", c1);
            jw_int(w, "endLine", l2);
            jw_int(w, "endColumn", c2);
        }
        jw_int(w, "byteOffset", s);
        jw_int(w, "byteLength", e - s);
        jw_open(w, "snippet", '{', 1);
        jw_strn(w, "text", doc->text + s, (size_t)(e - s));
        jw_close(w, '}');
    } else {
        if (f->span.line > 0) {
            jw_int(w, "startLine", f->span.line);
            if (f->span.column > 0) jw_int(w, "startColumn", f->span.column);
        }
        jw_int(w, "byteOffset", s);
        jw_int(w, "byteLength", e - s);
        if (f->text) {
            jw_open(w, "snippet", '{', 1);
            jw_str(w, "text", f->text);
            jw_close(w, '}');
        }
    }
    jw_close(w, '}');
}

/* One fact as a location: where it is, and a message naming its role. */
static void put_location(sarif *sr, const fc_finding *fd, size_t k) {
    jw *w = &sr->w;
    const fc_fact *f = fd->facts[k];
    const char *role = fd->roles ? fd->roles[k] : NULL;
    const fc_doc *doc = rp_docs_get(&sr->dc, f->doc);
    char value[96];
    fc_buf m;
    jw_open(w, NULL, '{', 0);
    jw_int(w, "id", (long long)k + 1);
    jw_open(w, "physicalLocation", '{', 0);
    put_doc_location(sr, "artifactLocation", f->doc, doc_index(sr, f->doc));
    put_region(sr, f, doc);
    jw_close(w, '}');
    fc_format_value(f->value, f->unit, value, sizeof value);
    fc_buf_init(&m);
    fc_buf_printf(&m, "%s: \"%s\" (%s%s%s) in %s", role ? role : "figure",
                  f->text ? f->text : "", value, f->period ? ", " : "",
                  f->period ? f->period : "", f->doc);
    if (m.oom) w->oom = 1;
    jw_message(w, "message", m.data ? m.data : "");
    fc_buf_free(&m);
    jw_open(w, "properties", '{', 1);
    jw_str(w, "fact", f->id);
    if (role) jw_str(w, "role", role);
    jw_close(w, '}');
    jw_close(w, '}');
}

/* A message as SARIF plain text: where it holds "](", which a consumer
** would read as an embedded link, brackets and backslashes are escaped
** (SARIF 2.1.0, 3.11.6).  Caller frees; NULL when out of memory. */
static char *plain_text(const char *s) {
    fc_buf b;
    if (!s) s = "";
    if (!strstr(s, "](")) return fc_strdup(s);
    fc_buf_init(&b);
    for (; *s; s++) {
        if (*s == '[' || *s == ']' || *s == '\\') fc_buf_putc(&b, '\\');
        fc_buf_putc(&b, *s);
    }
    if (b.oom) {
        fc_buf_free(&b);
        return NULL;
    }
    return fc_buf_take(&b);
}

static void put_result(sarif *sr, const fc_finding *f) {
    jw *w = &sr->w;
    long long rule = -1;
    size_t k;
    char *text = plain_text(f->message);
    if (!text) w->oom = 1;
    fc_strset_add(sr->rule_index, f->rule, -1, &rule);
    jw_open(w, NULL, '{', 0);
    jw_str(w, "ruleId", f->rule);
    if (rule >= 0) jw_int(w, "ruleIndex", rule);
    jw_str(w, "level", level_of(f->severity));
    jw_message(w, "message", text);
    free(text);
    if (f->nfacts) {
        jw_open(w, "locations", '[', 0);
        put_location(sr, f, 0);
        jw_close(w, ']');
    }
    if (f->nfacts > 1) {
        jw_open(w, "relatedLocations", '[', 0);
        for (k = 1; k < f->nfacts; k++) put_location(sr, f, k);
        jw_close(w, ']');
    }
    jw_open(w, "partialFingerprints", '{', 1);
    jw_str(w, FINGERPRINT, f->id);
    jw_close(w, '}');
    if (f->baselined) {
        jw_open(w, "suppressions", '[', 0);
        jw_open(w, NULL, '{', 1);
        jw_str(w, "kind", "external");
        jw_str(w, "status", "accepted");
        if (f->baseline_reason)
            jw_str(w, "justification", f->baseline_reason);
        jw_close(w, '}');
        jw_close(w, ']');
    }
    jw_open(w, "properties", '{', 1);
    jw_str(w, "type", f->type);
    jw_str(w, "kind", f->kind);
    jw_str(w, "severity", f->severity);
    jw_fraction(w, "confidence", f->confidence);
    if (f->link) jw_str(w, "link", f->link);
    jw_bool(w, "baselined", f->baselined);
    jw_close(w, '}');
    jw_close(w, '}');
}

static void sarif_free(sarif *sr) {
    free(sr->rules);
    free(sr->docs);
    fc_strset_free(sr->rule_index);
    fc_strset_free(sr->doc_index);
    rp_docs_free(&sr->dc);
}

int rp_sarif(FILE *fp, const fc_findings *fs, fc_store *s,
             const fc_report_opts *o) {
    sarif sr;
    jw *w = &sr.w;
    size_t i;
    int st;
    const char *fail_on = o && o->fail_on ? o->fail_on : "error";
    memset(&sr, 0, sizeof sr);
    w->fp = fp;
    sr.fs = fs;
    sr.o = o;
    rp_docs_init_opts(&sr.dc, s, o);
    if ((st = collect(&sr)) != FC_OK) {
        sarif_free(&sr);
        return st;
    }
    jw_open(w, NULL, '{', 0);
    jw_str(w, "$schema", SARIF_SCHEMA);
    jw_str(w, "version", "2.1.0");
    jw_open(w, "runs", '[', 0);
    jw_open(w, NULL, '{', 0);
    put_driver(&sr);
    jw_open(w, "originalUriBaseIds", '{', 0);
    if (o && o->doc_root && *o->doc_root) {
        /* the documents folder, relative to the working directory (the
           repository's root in CI), so that tools resolve the paths */
        fc_buf b;
        const char *root = o->doc_root;
        fc_buf_init(&b);
        if (root[0] == '/') fc_buf_puts(&b, "file://");
        while (root[0] == '.' && root[1] == '/') root += 2;
        if (strcmp(root, ".")) {
            put_uri_path(&b, root);
            if (!b.data || b.data[b.len - 1] != '/') fc_buf_putc(&b, '/');
        }
        if (b.oom) w->oom = 1;
        jw_open(w, "SRCROOT", '{', 0);
        jw_message(w, "description",
                   "The working directory of the run (in CI, the "
                   "repository's root).");
        jw_close(w, '}');
        jw_open(w, DOC_BASE, '{', 0);
        if (b.data && b.len) jw_str(w, "uri", b.data);
        if (root[0] != '/') jw_str(w, "uriBaseId", "SRCROOT");
        jw_message(w, "description",
                   "The documents folder of the manifest (--docs, else the "
                   "manifest's own folder), which document paths are "
                   "relative to.");
        jw_close(w, '}');
        fc_buf_free(&b);
    } else {
        jw_open(w, DOC_BASE, '{', 0);
        jw_message(w, "description",
                   "The folder document paths are relative to: the "
                   "documents folder of the manifest (--docs, else the "
                   "manifest's own folder), or the working directory for "
                   "documents named on the command line.");
        jw_close(w, '}');
    }
    jw_close(w, '}');
    jw_str(w, "columnKind", "unicodeCodePoints");
    jw_str(w, "defaultEncoding", "utf-8");
    put_artifacts(&sr);
    jw_open(w, "results", '[', 0);
    for (i = 0; i < fc_findings_count(fs); i++)
        put_result(&sr, fc_findings_get(fs, i));
    jw_close(w, ']');
    jw_open(w, "properties", '{', 1);
    jw_int(w, "facts", o ? (long long)o->facts : 0);
    jw_str(w, "fail_on", fail_on);
    jw_bool(w, "failed", fc_findings_fail(fs, fail_on));
    if (o && o->audit) {
        jw_int(w, "audit_figures", (long long)o->audit->figures);
        jw_int(w, "audit_supported", (long long)o->audit->supported);
        jw_int(w, "audit_stale", (long long)o->audit->stale);
        jw_int(w, "audit_contradicted", (long long)o->audit->contradicted);
        jw_int(w, "audit_confused", (long long)o->audit->confused);
        jw_int(w, "audit_slips", (long long)o->audit->slips);
        jw_int(w, "audit_rounding", (long long)o->audit->rounding);
        jw_int(w, "audit_unsupported", (long long)o->audit->unsupported);
    }
    if (o && o->baseline) {
        jw_int(w, "baseline_expired", (long long)o->baseline_expired);
        jw_int(w, "baseline_unmatched", (long long)o->baseline_unmatched);
    }
    jw_close(w, '}');
    jw_close(w, '}');
    jw_close(w, ']');
    jw_close(w, '}');
    fputc('\n', fp);
    st = w->oom ? FC_ENOMEM : ferror(fp) ? FC_EIO : FC_OK;
    sarif_free(&sr);
    return st;
}
