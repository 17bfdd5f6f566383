/*
** baseline.c -- known findings accepted by id, so that CI fails only on
** what is new.  A baseline is
**   {"version": 1, "accepted": [{"id", "reason", "expires"?, "rule"?,
**                                "message"?}]}
** where rule and message are notes for the reader, and an entry whose
** expiry date has passed accepts nothing.
*/
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct entry {
    char id[17];
    char *reason;
    char expires[11];      /* "" when it never expires */
    int line, column;      /* where the entry is written */
} entry;

struct fc_baseline {
    entry *items;          /* sorted by id once loaded */
    size_t n;
    char *path;
    unsigned char *met;    /* per entry: a finding of the last apply has
                              its id */
};

static int by_id(const void *x, const void *y) {
    return strcmp(((const entry *)x)->id, ((const entry *)y)->id);
}

void fc_baseline_free(fc_baseline *b) {
    size_t i;
    if (!b) return;
    for (i = 0; i < b->n; i++) free(b->items[i].reason);
    free(b->items);
    free(b->path);
    free(b->met);
    free(b);
}

static int is_hex_id(const char *s) {
    size_t i;
    if (strlen(s) != 16) return 0;
    for (i = 0; i < 16; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

int fc_baseline_load(fc_baseline **out, const char *path, fc_diags *d) {
    static const char *const top[] = {"version", "accepted", NULL};
    static const char *const fields[] = {"id", "reason", "expires", "rule",
                                         "message", NULL};
    fc_jfile jf;
    fc_jval root, list;
    fc_baseline *b;
    size_t i, n;
    double version = 0;
    int st;

    *out = NULL;
    if ((st = fc_jfile_load(&jf, path, d)) != FC_OK) {
        fc_jfile_free(&jf);
        return st == FC_EIO ? FC_EINPUT : st;
    }
    root = fc_jfile_root(&jf);
    if (!json_is_object(root.v)) {
        fc_jval_error(root, NULL, "expected an object {\"version\": 1, "
                                  "\"accepted\": [...]}, got %s",
                      fc_json_type_name(root.v));
        fc_jfile_free(&jf);
        return FC_EINPUT;
    }
    fc_jval_unknown_fields(root, top);
    if (fc_jval_require(root, "version") == FC_OK &&
        fc_jval_number(root, "version", &version) == FC_OK && version != 1)
        fc_jval_error(fc_jval_member(root, "version"), "version",
                      "unsupported baseline version %g (expected 1)", version);
    list = fc_jval_member(root, "accepted");
    if (!json_is_array(list.v)) {
        fc_jval_error(list.v ? list : root, "accepted",
                      list.v ? "expected an array" : "missing required field");
        fc_jfile_free(&jf);
        return FC_EINPUT;
    }
    n = json_array_size(list.v);
    if (!(b = calloc(1, sizeof *b)) ||
        !(b->items = calloc(n + 1, sizeof *b->items))) {
        free(b);
        fc_jfile_free(&jf);
        return FC_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        fc_jval e = fc_jval_element(list, i);
        const char *id = NULL, *reason = NULL, *expires = NULL, *note = NULL;
        entry *x = &b->items[b->n];
        if (!json_is_object(e.v)) {
            fc_jval_error(e, NULL, "expected an object, got %s",
                          fc_json_type_name(e.v));
            continue;
        }
        fc_jval_unknown_fields(e, fields);
        if (fc_jval_require(e, "id") != FC_OK ||
            fc_jval_require(e, "reason") != FC_OK ||
            fc_jval_string(e, "id", &id) != FC_OK ||
            fc_jval_string(e, "reason", &reason) != FC_OK ||
            fc_jval_string(e, "expires", &expires) != FC_OK ||
            fc_jval_string(e, "rule", &note) != FC_OK ||
            fc_jval_string(e, "message", &note) != FC_OK)
            continue;
        if (!is_hex_id(id)) {
            fc_jval_error(fc_jval_member(e, "id"), "id",
                          "expected a finding id of 16 hex digits, got \"%s\"",
                          id);
            continue;
        }
        if (!reason[0]) {
            fc_jval_error(fc_jval_member(e, "reason"), "reason",
                          "say why this finding is accepted");
            continue;
        }
        if (expires && !fc_date_valid(expires)) {
            fc_jval_error(fc_jval_member(e, "expires"), "expires",
                          "invalid date \"%s\" (expected YYYY-MM-DD)",
                          expires);
            continue;
        }
        memcpy(x->id, id, 17);
        if (expires) memcpy(x->expires, expires, 11);
        if (e.off >= 0)
            fc_linecol(jf.buf, jf.len, (size_t)e.off, &x->line, &x->column);
        if (!(x->reason = fc_strdup(reason))) {
            fc_baseline_free(b);
            fc_jfile_free(&jf);
            return FC_ENOMEM;
        }
        b->n++;
    }
    st = jf.errors ? FC_EINPUT : FC_OK;
    fc_jfile_free(&jf);
    if (st == FC_OK && (!(b->path = fc_strdup(path)) ||
                        !(b->met = calloc(b->n + 1, 1))))
        st = FC_ENOMEM;
    if (st != FC_OK) {
        fc_baseline_free(b);
        return st;
    }
    if (b->n) qsort(b->items, b->n, sizeof *b->items, by_id);
    *out = b;
    return FC_OK;
}

size_t fc_baseline_apply(const fc_baseline *b, fc_findings *fs,
                         const char *today) {
    size_t i, marked = 0;
    if (!b || !fs) return 0;
    memset(b->met, 0, b->n + 1);
    for (i = 0; i < fc_findings_count(fs); i++) {
        fc_finding *f = fc_findings_at(fs, i);
        entry key;
        const entry *x;
        memcpy(key.id, f->id, 17);
        if (!(x = bsearch(&key, b->items, b->n, sizeof *b->items, by_id)))
            continue;
        b->met[x - b->items] = 1;
        if (x->expires[0] && today && strcmp(x->expires, today) < 0)
            continue; /* expired: counts again */
        f->baselined = 1;
        free(f->baseline_reason);
        f->baseline_reason = fc_strdup(x->reason);
        memcpy(f->baseline_expires, x->expires, 11);
        marked++;
    }
    return marked;
}

void fc_baseline_report(const fc_baseline *b, const char *today,
                        fc_diags *d, size_t *expired, size_t *unmatched) {
    size_t i;
    *expired = *unmatched = 0;
    if (!b) return;
    for (i = 0; i < b->n; i++) {
        const entry *x = &b->items[i];
        if (!b->met[i]) {
            (*unmatched)++;
            fc_diags_add(d, FC_DIAG_WARNING, b->path, x->line, x->column, -1,
                         "id", "baseline entry %s matches no finding any "
                         "more: remove it",
                         x->id);
        } else if (x->expires[0] && today && strcmp(x->expires, today) < 0) {
            (*expired)++;
            fc_diags_add(d, FC_DIAG_WARNING, b->path, x->line, x->column, -1,
                         "expires", "baseline entry %s expired on %s: its "
                         "finding counts again",
                         x->id, x->expires);
        }
    }
}

static void put_quoted(fc_buf *b, const char *s) {
    char *q = fc_json_quote(s);
    fc_buf_puts(b, q ? q : "\"\"");
    free(q);
}

int fc_baseline_write(const fc_findings *fs, const char *path,
                      const char *reason, fc_diags *d) {
    fc_buf b;
    size_t i;
    char *tmp;
    FILE *fp;
    int fd, ok;
    fc_buf_init(&b);
    fc_buf_puts(&b, "{\n  \"version\": 1,\n  \"accepted\": [");
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        fc_buf_printf(&b, "%s\n    {\"id\": \"%s\", \"rule\": ", i ? "," : "",
                      f->id);
        put_quoted(&b, f->rule);
        fc_buf_puts(&b, ", \"reason\": ");
        put_quoted(&b, f->baseline_reason ? f->baseline_reason : reason);
        if (f->baseline_expires[0])
            fc_buf_printf(&b, ", \"expires\": \"%s\"", f->baseline_expires);
        fc_buf_puts(&b, ",\n     \"message\": ");
        put_quoted(&b, f->message);
        fc_buf_puts(&b, "}");
    }
    fc_buf_puts(&b, i ? "\n  ]\n}\n" : "]\n}\n");
    if (b.oom) {
        fc_buf_free(&b);
        return FC_ENOMEM;
    }
    /* whole or not at all: a temporary file renamed over the target */
    tmp = malloc(strlen(path) + 16);
    if (!tmp) {
        fc_buf_free(&b);
        return FC_ENOMEM;
    }
    snprintf(tmp, strlen(path) + 16, "%s.tmp.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd >= 0) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    ok = fp && fwrite(b.data, 1, b.len, fp) == b.len;
    if (fp && fclose(fp) != 0) ok = 0;
    if (!fp && fd >= 0) close(fd);
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) {
        fc_diags_add(d, FC_DIAG_ERROR, path, 0, 0, -1, NULL,
                     "cannot write the baseline: %s", strerror(errno));
        if (fd >= 0) remove(tmp);
    }
    free(tmp);
    fc_buf_free(&b);
    return ok ? FC_OK : FC_EIO;
}
