/*
** manifest.c -- the manifest: which documents there are, with their
** metadata, and loading every one of them.
**
** {"documents": [{"id", "path", "published", "title", "publisher",
**                 "event", "authority", "source"}, ...]}
**
** Every problem is reported, each at the position of the offending value
** (or of the object lacking a required field), as
** "manifest:line:column: field: message".  Loading is all or nothing.
*/
/* realpath() is an X/Open extension in glibc's headers */
#define _XOPEN_SOURCE 700

#include "internal.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ID_MAX 64

/* The public struct, plus an index by id for fc_manifest_get.  A manifest
** therefore only comes from fc_manifest_load. */
typedef struct manifest_impl {
    fc_manifest pub;
    fc_doc **byid;     /* the documents sorted by id */
} manifest_impl;

static const char *const top_fields[] = {"documents", NULL};
static const char *const doc_fields[] = {"id",        "path",  "published",
                                         "title",     "publisher", "event",
                                         "authority", "source", NULL};

typedef struct loader {
    const char *file;     /* the manifest's path, for diagnostics */
    const fc_doc *src;    /* its text, with a line index */
    fc_diags *d;
    size_t errors;        /* errors reported so far */
    int oom;
    const char *base;     /* the documents folder as the user names it */
    int bare;             /* base is "." only because the manifest path has
                             no folder: show document paths as written */
    char *realbase;       /* its realpath, NULL when it is unusable */
    fc_strset *ids;       /* ids seen, with the line of the first */
    size_t bom;           /* 3 when the text starts with a byte order mark
                             (skipped; columns count from after it) */
} loader;

typedef struct member {
    const char *key;
    json_t *value;
    long long off;        /* of the value in the manifest text */
} member;

/* ---- diagnostics ------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void emit(loader *L, long long off, const char *field,
                 const char *fmt, ...) {
    char text[1024];
    int line = 0, column = 0;
    va_list ap;

    if (off >= 0 &&
        fc_doc_linecol(L->src, (size_t)off, &line, &column) != FC_OK)
        line = column = 0;
    if (line == 1 && L->bom && column > 1) column--;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fc_diags_add(L->d, FC_DIAG_ERROR, L->file, line, column, off, field, "%s",
                 text);
    L->errors++;
}

/* s as a JSON string literal in dst, cut (with "...") to fit size >= 16. */
static const char *quote(char *dst, size_t size, const char *s) {
    static const char hex[] = "0123456789abcdef";
    size_t o = 0, i = 0;

    dst[o++] = '"';
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        char esc[6];
        size_t n = 0, k;
        if (c == '"' || c == '\\') {
            esc[n++] = '\\';
            esc[n++] = (char)c;
            k = 1;
        } else if (c < 0x20) {
            esc[n++] = '\\';
            esc[n++] = 'u';
            esc[n++] = '0';
            esc[n++] = '0';
            esc[n++] = hex[c >> 4];
            esc[n++] = hex[c & 15];
            k = 1;
        } else {
            /* jansson strings are valid UTF-8: copy one whole character */
            k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            for (n = 0; n < k && s[i + n]; n++) esc[n] = s[i + n];
            k = n;
        }
        if (o + n + 5 > size) { /* keep room for ..." and the NUL */
            memcpy(dst + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(dst + o, esc, n);
        o += n;
        i += k;
    }
    dst[o++] = '"';
    dst[o] = '\0';
    return dst;
}

/* "a, b, c" from a NULL-terminated list, cut to fit size. */
static const char *list_text(char *dst, size_t size, const char *const *list) {
    size_t o = 0, i;
    dst[0] = '\0';
    for (i = 0; list[i]; i++) {
        int n = snprintf(dst + o, size - o, "%s%s", i ? ", " : "", list[i]);
        if (n < 0 || (size_t)n >= size - o) break;
        o += (size_t)n;
    }
    return dst;
}

static void unknown_field(loader *L, const member *mb,
                          const char *const *known) {
    const char *best = NULL;
    size_t best_dist = 3, i;
    char list[256];

    for (i = 0; known[i]; i++) {
        size_t dist = fc_edit_distance(mb->key, known[i]);
        if (dist < best_dist) {
            best_dist = dist;
            best = known[i];
        }
    }
    if (best) {
        emit(L, mb->off, mb->key, "unknown field; did you mean \"%s\"?", best);
        return;
    }
    emit(L, mb->off, mb->key, "unknown field (expected one of %s)",
         list_text(list, sizeof list, known));
}

/* ---- members in text order -------------------------------------------- */

static int member_cmp(const void *a, const void *b) {
    const member *x = a, *y = b;
    return (x->off > y->off) - (x->off < y->off);
}

/* The members of obj (the object at offset off), sorted by position.
** NULL with *n = 0 for an empty object; NULL with L->oom when out of
** memory. */
static member *members(loader *L, json_t *obj, long long off, size_t *n) {
    const char *key;
    json_t *value;
    member *mb;
    size_t i = 0;

    *n = json_object_size(obj);
    if (*n == 0) return NULL;
    mb = calloc(*n, sizeof *mb);
    if (!mb) {
        L->oom = 1;
        *n = 0;
        return NULL;
    }
    json_object_foreach(obj, key, value) {
        long long v = -1;
        if (off >= 0)
            v = fc_jsonloc_member(L->src->text, L->src->len, (size_t)off, key);
        mb[i].key = key;
        mb[i].value = value;
        mb[i].off = v >= 0 ? v : off;
        i++;
    }
    qsort(mb, *n, sizeof *mb, member_cmp);
    return mb;
}

/* ---- one document ------------------------------------------------------- */

static int id_valid(const char *s) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* 1 when the relative path p, read lexically, climbs out of its folder. */
static int climbs_out(const char *p) {
    long depth = 0;
    if (p[0] == '/') return 1;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (--depth < 0) return 1;
        } else if (!(n == 0 || (n == 1 && p[0] == '.'))) {
            depth++;
        }
        p += n;
        if (*p) p++;
    }
    return 0;
}

/* 1 when the absolute, resolved path real lies inside folder root. */
static int inside(const char *real, const char *root) {
    size_t n = strlen(root);
    if (strncmp(real, root, n) != 0) return 0;
    return real[n] == '/' || real[n] == '\0' || (n > 0 && root[n - 1] == '/');
}

/* The file a manifest path names, as the user would write it. */
static char *join(const loader *L, const char *path) {
    fc_buf b;
    size_t n = strlen(L->base);
    if (L->bare) return fc_strdup(path);
    fc_buf_init(&b);
    fc_buf_puts(&b, L->base);
    if (n == 0 || L->base[n - 1] != '/') fc_buf_putc(&b, '/');
    fc_buf_puts(&b, path);
    return fc_buf_take(&b);
}

/* Check the path value; returns the file to read (caller frees) or NULL
** when it was reported (or memory ran out: L->oom). */
static char *check_path(loader *L, const member *mb) {
    const char *path = json_string_value(mb->value);
    char q[256], qb[256];
    char *full, *real;
    struct stat st;
    FILE *fp;
    int e;

    if (path[0] == '\0') {
        emit(L, mb->off, "path", "empty path");
        return NULL;
    }
    if (climbs_out(path)) {
        emit(L, mb->off, "path", "%s escapes the documents folder %s",
             quote(q, sizeof q, path), quote(qb, sizeof qb, L->base));
        return NULL;
    }
    if (!L->realbase) return NULL; /* the folder was reported already */
    full = join(L, path);
    if (!full) {
        L->oom = 1;
        return NULL;
    }
    errno = 0;
    real = realpath(full, NULL);
    if (!real) {
        e = errno;
        if (e == ENOMEM) {
            L->oom = 1;
        } else {
            emit(L, mb->off, "path", "cannot open %s: %s",
                 quote(q, sizeof q, full), strerror(e));
        }
        free(full);
        return NULL;
    }
    if (!inside(real, L->realbase)) {
        emit(L, mb->off, "path", "%s escapes the documents folder %s",
             quote(q, sizeof q, path), quote(qb, sizeof qb, L->base));
        free(real);
        free(full);
        return NULL;
    }
    free(real);
    e = 0;
    if (stat(full, &st) != 0) {
        e = errno;
    } else if (S_ISDIR(st.st_mode)) {
        e = EISDIR;
    } else if (!S_ISREG(st.st_mode)) {
        /* a FIFO or a device would be read (and waited for) unseen */
        emit(L, mb->off, "path",
             "%s is not a regular file (expected a text document)",
             quote(q, sizeof q, full));
        free(full);
        return NULL;
    } else if (!(fp = fopen(full, "rb"))) {
        e = errno;
    } else {
        fclose(fp);
    }
    if (e) {
        emit(L, mb->off, "path", "cannot open %s: %s",
             quote(q, sizeof q, full), strerror(e));
        free(full);
        return NULL;
    }
    return full;
}

/* Copy a string value (NULL, JSON null: leave the field NULL). */
static void set_string(loader *L, char **field, const json_t *v) {
    if (!json_is_string(v)) return;
    *field = fc_strdup(json_string_value(v));
    if (!*field) L->oom = 1;
}

/* An absolute URL: a scheme (a letter, then letters, digits, "+", "-",
** "."), ":", then at least one character and no white space or control
** character. */
static int source_valid(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
           (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p++ != ':' || !*p) return 0;
    for (; *p; p++)
        if (*p <= ' ' || *p == 0x7f) return 0;
    return 1;
}

/* Check one entry of "documents" (at offset off) and load its file when
** the path is usable.  *slot receives the document, or stays NULL (always
** once an error has been seen, since nothing will be returned). */
static void check_doc(loader *L, json_t *obj, long long off, fc_doc **slot) {
    member *mb;
    size_t n, i;
    const char *id = NULL;
    char *full = NULL;
    const json_t *published = NULL, *title = NULL, *publisher = NULL,
                 *event = NULL, *authority = NULL, *source = NULL;
    const char *written = NULL;
    char q[256], list[256];
    fc_doc *doc;
    int rc, line = 0, column = 0;

    if (!json_is_object(obj)) {
        emit(L, off, "documents", "expected an object for each document, not %s",
             fc_json_type_name(obj));
        return;
    }
    mb = members(L, obj, off, &n);
    if (L->oom) return;
    if (!json_object_get(obj, "id"))
        emit(L, off, "id", "required field missing");
    if (!json_object_get(obj, "path"))
        emit(L, off, "path", "required field missing");

    for (i = 0; i < n && !L->oom; i++) {
        const char *key = mb[i].key;
        json_t *v = mb[i].value;
        const char *s = json_string_value(v); /* NULL unless a string */

        if (strcmp(key, "id") == 0) {
            long long first = 0;
            size_t len;
            int added;
            if (!s) {
                emit(L, mb[i].off, key, "expected a string, not %s",
                     fc_json_type_name(v));
                continue;
            }
            len = strlen(s);
            if (len == 0) {
                emit(L, mb[i].off, key, "empty id");
                continue;
            }
            if (len > ID_MAX || !id_valid(s)) {
                emit(L, mb[i].off, key,
                     "invalid id %s (at most %d bytes of letters, digits, "
                     "\".\", \"_\" and \"-\")",
                     quote(q, sizeof q, s), ID_MAX);
                continue;
            }
            fc_doc_linecol(L->src, (size_t)mb[i].off, &line, &column);
            added = fc_strset_add(L->ids, s, line, &first);
            if (added < 0) {
                L->oom = 1;
            } else if (added == 0) {
                emit(L, mb[i].off, key,
                     "duplicate id \"%s\" (first at line %lld)", s, first);
            } else {
                id = s;
            }
        } else if (strcmp(key, "path") == 0) {
            if (!s) {
                emit(L, mb[i].off, key, "expected a string, not %s",
                     fc_json_type_name(v));
                continue;
            }
            written = s;
            full = check_path(L, &mb[i]);
        } else if (strcmp(key, "published") == 0) {
            if (json_is_null(v)) continue;
            if (!s)
                emit(L, mb[i].off, key,
                     "expected a date \"YYYY-MM-DD\" or null, not %s",
                     fc_json_type_name(v));
            else if (!fc_date_valid(s))
                emit(L, mb[i].off, key, "invalid date %s (expected YYYY-MM-DD)",
                     quote(q, sizeof q, s));
            else
                published = v;
        } else if (strcmp(key, "authority") == 0) {
            const char *const *a = fc_doc_authorities();
            size_t k;
            if (json_is_null(v)) continue;
            if (!s) {
                emit(L, mb[i].off, key, "expected a string or null, not %s",
                     fc_json_type_name(v));
                continue;
            }
            for (k = 0; a[k] && strcmp(a[k], s) != 0; k++)
                ;
            if (a[k])
                authority = v;
            else
                emit(L, mb[i].off, key,
                     "unknown authority %s (expected one of %s)",
                     quote(q, sizeof q, s), list_text(list, sizeof list, a));
        } else if (strcmp(key, "source") == 0) {
            if (json_is_null(v)) continue;
            if (!s || !source_valid(s)) {
                emit(L, mb[i].off, key,
                     "expected the address the document was published at "
                     "(an absolute URL such as \"https://example.org/a\") "
                     "or null, not %s",
                     s ? quote(q, sizeof q, s) : fc_json_type_name(v));
                continue;
            }
            source = v;
        } else if (strcmp(key, "title") == 0 ||
                   strcmp(key, "publisher") == 0 ||
                   strcmp(key, "event") == 0) {
            if (!s && !json_is_null(v)) {
                emit(L, mb[i].off, key, "expected a string or null, not %s",
                     fc_json_type_name(v));
                continue;
            }
            if (strcmp(key, "title") == 0)
                title = v;
            else if (strcmp(key, "publisher") == 0)
                publisher = v;
            else
                event = v;
        } else {
            unknown_field(L, &mb[i], doc_fields);
        }
    }
    free(mb);
    if (!full || L->oom) {
        free(full);
        return;
    }

    /* Load the file even when this entry has other problems, so that its
    ** own problems (invalid UTF-8) are reported in the same run. */
    rc = fc_doc_load(&doc, full, id, L->d);
    free(full);
    if (rc == FC_ENOMEM) {
        L->oom = 1;
        return;
    }
    if (rc != FC_OK) {
        L->errors++;
        return;
    }
    if (L->errors) {
        fc_doc_free(doc); /* validated; no need to keep it */
        return;
    }
    *slot = doc;
    free(doc->path);
    doc->path = fc_strdup(written);
    if (!doc->path) L->oom = 1;
    set_string(L, &doc->published, published);
    set_string(L, &doc->title, title);
    set_string(L, &doc->publisher, publisher);
    set_string(L, &doc->event, event);
    set_string(L, &doc->authority, authority);
    set_string(L, &doc->source, source);
}

/* ---- the manifest ------------------------------------------------------- */

static int doc_cmp(const void *a, const void *b) {
    const fc_doc *const *x = a, *const *y = b;
    return strcmp((*x)->id, (*y)->id);
}

void fc_manifest_free(fc_manifest *m) {
    manifest_impl *mi = (manifest_impl *)m;
    size_t i;
    if (!m) return;
    for (i = 0; i < m->ndocs; i++) fc_doc_free(m->docs[i]);
    free(m->docs);
    free(m->file);
    free(m->docs_dir);
    free(mi->byid);
    free(mi);
}

fc_doc *fc_manifest_get(const fc_manifest *m, const char *id) {
    const manifest_impl *mi = (const manifest_impl *)m;
    fc_doc key, *kp = &key, **hit;
    if (!m || !id || !mi->byid) return NULL;
    key.id = (char *)(uintptr_t)id;
    hit = bsearch(&kp, mi->byid, m->ndocs, sizeof *mi->byid, doc_cmp);
    return hit ? *hit : NULL;
}

/* The folder the documents are in, as the user names it: docs_dir, or the
** manifest's folder.  *bare is set when that is "." only because path has
** no folder. */
static char *docs_folder(const char *path, const char *docs_dir, int *bare) {
    const char *slash;
    size_t n;
    *bare = 0;
    if (docs_dir) return fc_strdup(docs_dir);
    slash = strrchr(path, '/');
    if (!slash) {
        *bare = 1;
        return fc_strdup(".");
    }
    n = (size_t)(slash - path);
    while (n > 1 && path[n - 1] == '/') n--;
    return n == 0 ? fc_strdup("/") : fc_strndup(path, n);
}

static size_t skip_ws(const char *s, size_t len, size_t i) {
    while (i < len &&
           (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The offset of the array element after the one at off, or -1. */
static long long next_element(const char *buf, size_t len, long long off) {
    long long e;
    size_t i;
    if (off < 0) return -1;
    e = fc_jsonloc_skip(buf, len, (size_t)off);
    if (e < 0) return -1;
    i = skip_ws(buf, len, (size_t)e);
    if (i >= len || buf[i] != ',') return -1;
    return (long long)skip_ws(buf, len, i + 1);
}

int fc_manifest_load(fc_manifest **out, const char *path,
                     const char *docs_dir, fc_diags *d) {
    loader L;
    fc_doc *src = NULL;
    manifest_impl *mi = NULL;
    fc_manifest *m;
    json_t *root = NULL, *docs;
    json_error_t jerr;
    char *base = NULL;
    long long root_off, docs_off = -1;
    member *top = NULL;
    size_t ntop = 0, i, k, n = 0;
    long long off;
    fc_doc **list = NULL;
    int rc;

    *out = NULL;
    memset(&L, 0, sizeof L);
    L.file = path;
    L.d = d;

    rc = fc_doc_load(&src, path, "manifest", d);
    if (rc != FC_OK) return rc;
    L.src = src;

    base = docs_folder(path, docs_dir, &L.bare);
    L.ids = fc_strset_new();
    if (!base || !L.ids) {
        rc = FC_ENOMEM;
        goto done;
    }
    L.base = base;
    {
        struct stat st;
        if (stat(base, &st) != 0) {
            fc_diags_add(d, FC_DIAG_ERROR, base, 0, 0, -1, NULL,
                         "cannot open the documents folder: %s",
                         strerror(errno));
            L.errors++;
        } else if (!S_ISDIR(st.st_mode)) {
            fc_diags_add(d, FC_DIAG_ERROR, base, 0, 0, -1, NULL,
                         "cannot open the documents folder: %s",
                         strerror(ENOTDIR));
            L.errors++;
        } else if (!(L.realbase = realpath(base, NULL))) {
            if (errno == ENOMEM) {
                rc = FC_ENOMEM;
                goto done;
            }
            fc_diags_add(d, FC_DIAG_ERROR, base, 0, 0, -1, NULL,
                         "cannot open the documents folder: %s",
                         strerror(errno));
            L.errors++;
        }
    }

    if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0) L.bom = 3;
    root = json_loadb(src->text + L.bom, src->len - L.bom,
                      JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        fc_diags_add(d, FC_DIAG_ERROR, path, jerr.line, jerr.column,
                     jerr.position + (int)L.bom, NULL, "%s", jerr.text);
        rc = FC_EINPUT;
        goto done;
    }
    root_off = (long long)skip_ws(src->text, src->len, L.bom);
    if (!json_is_object(root)) {
        emit(&L, root_off, NULL,
             "expected an object {\"documents\": [...]}, not %s",
             fc_json_type_name(root));
        rc = FC_EINPUT;
        goto done;
    }

    top = members(&L, root, root_off, &ntop);
    docs = json_object_get(root, "documents");
    if (!docs)
        emit(&L, root_off, "documents", "required field missing");
    for (i = 0; i < ntop && !L.oom; i++) {
        if (strcmp(top[i].key, "documents") != 0) {
            unknown_field(&L, &top[i], top_fields);
            continue;
        }
        if (!json_is_array(docs)) {
            emit(&L, top[i].off, "documents", "expected an array, not %s",
                 fc_json_type_name(docs));
            continue;
        }
        docs_off = top[i].off;
        n = json_array_size(docs);
        if (n == 0) continue;
        list = calloc(n, sizeof *list);
        if (!list) {
            L.oom = 1;
            break;
        }
        /* walk the elements in step, rather than asking for element k
        ** from the start each time, which would be quadratic */
        off = fc_jsonloc_element(src->text, src->len, (size_t)docs_off, 0);
        for (k = 0; k < n && !L.oom; k++) {
            check_doc(&L, json_array_get(docs, k), off >= 0 ? off : docs_off,
                      &list[k]);
            off = next_element(src->text, src->len, off);
        }
    }
    if (L.oom) {
        rc = FC_ENOMEM;
        goto done;
    }
    if (L.errors) {
        rc = FC_EINPUT;
        goto done;
    }

    mi = calloc(1, sizeof *mi);
    if (!mi) {
        rc = FC_ENOMEM;
        goto done;
    }
    m = &mi->pub;
    m->file = fc_strdup(path);
    m->docs_dir = base;
    base = NULL;
    m->docs = list;
    m->ndocs = n;
    list = NULL;
    if (n) {
        mi->byid = malloc(n * sizeof *mi->byid);
        if (mi->byid) {
            memcpy(mi->byid, m->docs, n * sizeof *mi->byid);
            qsort(mi->byid, n, sizeof *mi->byid, doc_cmp);
        }
    }
    if (!m->file || (n && !mi->byid)) {
        fc_manifest_free(m);
        rc = FC_ENOMEM;
        goto done;
    }
    *out = m;
    rc = FC_OK;

done:
    if (list) {
        for (i = 0; i < n; i++) fc_doc_free(list[i]);
        free(list);
    }
    free(top);
    json_decref(root);
    fc_strset_free(L.ids);
    free(L.realbase);
    free(base);
    fc_doc_free(src);
    return rc;
}
