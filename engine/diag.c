/*
** diag.c -- diagnostics: a bounded list of positioned problems.
*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct fc_diags {
    fc_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    size_t warnings;
    size_t dropped;
};

int fc_status_exit_code(int status) {
    switch (status) {
    case FC_OK: return 0;
    case FC_EFOUND: return 1;
    case FC_EINPUT:
    case FC_EIO: return 2;
    default: return 3;
    }
}

const char *fc_status_str(int status) {
    switch (status) {
    case FC_OK: return "success";
    case FC_EFOUND: return "findings at or above the threshold";
    case FC_EINPUT: return "bad input";
    case FC_EINTERNAL: return "internal error";
    case FC_ENOMEM: return "out of memory";
    case FC_EIO: return "input/output error";
    default: return "unknown status";
    }
}

fc_diags *fc_diags_new(void) {
    return calloc(1, sizeof(fc_diags));
}

void fc_diags_free(fc_diags *d) {
    if (!d) return;
    free(d->items);
    free(d);
}

void fc_diags_add(fc_diags *d, int severity, const char *file, int line,
                  int column, long long offset, const char *field,
                  const char *fmt, ...) {
    fc_diag *g;
    char text[sizeof g->text * 2];
    va_list ap;

    if (!d) return;
    if (severity == FC_DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->count >= FC_DIAGS_KEEP) {
        d->dropped++;
        return;
    }
    if (d->count == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 16;
        fc_diag *p;
        if (ncap > FC_DIAGS_KEEP) ncap = FC_DIAGS_KEEP;
        if (!(p = realloc(d->items, ncap * sizeof *p))) {
            d->dropped++;
            return;
        }
        d->items = p;
        d->cap = ncap;
    }
    g = &d->items[d->count++];
    memset(g, 0, sizeof *g);
    g->severity = severity;
    fc_copy_utf8(g->file, sizeof g->file, file);
    g->line = line;
    g->column = column;
    g->offset = offset;
    fc_copy_utf8(g->field, sizeof g->field, field);
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fc_copy_utf8(g->text, sizeof g->text, text);
}

size_t fc_diags_count(const fc_diags *d) { return d ? d->count : 0; }
size_t fc_diags_errors(const fc_diags *d) { return d ? d->errors : 0; }
size_t fc_diags_warnings(const fc_diags *d) { return d ? d->warnings : 0; }
size_t fc_diags_dropped(const fc_diags *d) { return d ? d->dropped : 0; }

const fc_diag *fc_diags_get(const fc_diags *d, size_t i) {
    return d && i < d->count ? &d->items[i] : NULL;
}

void fc_diags_clear(fc_diags *d) {
    if (!d) return;
    d->count = d->errors = d->warnings = d->dropped = 0;
}

int fc_diag_format(const fc_diag *g, char *buf, size_t size) {
    fc_buf b;
    int n;
    fc_buf_init(&b);
    if (g->file[0]) {
        fc_buf_puts(&b, g->file);
        if (g->line > 0) {
            fc_buf_printf(&b, ":%d", g->line);
            if (g->column > 0) fc_buf_printf(&b, ":%d", g->column);
        }
        fc_buf_puts(&b, ": ");
    }
    if (g->severity == FC_DIAG_WARNING) fc_buf_puts(&b, "warning: ");
    if (g->field[0]) fc_buf_printf(&b, "%s: ", g->field);
    fc_buf_puts(&b, g->text);
    if (b.oom) {
        fc_buf_free(&b);
        if (size) buf[0] = '\0';
        return 0;
    }
    n = (int)b.len;
    if (size) fc_copy_utf8(buf, size, b.data);
    fc_buf_free(&b);
    return n;
}
