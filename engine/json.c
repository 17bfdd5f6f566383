/*
** json.c -- JSON files held with their text, so that every problem found in
** a value can be reported at its line and column; and the small helpers
** that messages about JSON share (type names, suggestions).
*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

const char *fc_json_type_name(const json_t *v) {
    if (!v) return "nothing";
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

char *fc_json_quote(const char *s) {
    static const char hex[] = "0123456789abcdef";
    fc_buf b;
    size_t i, n;
    fc_buf_init(&b);
    fc_buf_putc(&b, '"');
    n = s ? strlen(s) : 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t bad;
        switch (c) {
        case '"': fc_buf_puts(&b, "\\\""); continue;
        case '\\': fc_buf_puts(&b, "\\\\"); continue;
        case '\n': fc_buf_puts(&b, "\\n"); continue;
        case '\r': fc_buf_puts(&b, "\\r"); continue;
        case '\t': fc_buf_puts(&b, "\\t"); continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7f) {
            fc_buf_printf(&b, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
        } else if (c < 0x80) {
            fc_buf_putc(&b, (int)c);
        } else {
            /* a whole valid character, else U+FFFD for the bad byte */
            size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (i + k <= n && fc_utf8_valid(s + i, k, &bad)) {
                fc_buf_append(&b, s + i, k);
                i += k - 1;
            } else {
                fc_buf_puts(&b, "\\ufffd");
            }
        }
    }
    fc_buf_putc(&b, '"');
    return b.oom ? (fc_buf_free(&b), NULL) : fc_buf_take(&b);
}

size_t fc_edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t prev[65], row[65];
    if (la > 64 || lb > 64 || (la > lb ? la - lb : lb - la) > 3) return 4;
    for (j = 0; j <= lb; j++) prev[j] = j;
    for (i = 1; i <= la; i++) {
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t del = prev[j] + 1, ins = row[j - 1] + 1,
                   sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t m = del < ins ? del : ins;
            row[j] = m < sub ? m : sub;
        }
        memcpy(prev, row, (lb + 1) * sizeof *row);
    }
    return prev[lb] > 4 ? 4 : prev[lb];
}

const char *fc_suggest(const char *word, const char *const *known) {
    const char *best = NULL;
    size_t best_dist = 3, i;
    for (i = 0; known[i]; i++) {
        size_t dist = fc_edit_distance(word, known[i]);
        if (dist < best_dist) {
            best_dist = dist;
            best = known[i];
        }
    }
    return best;
}

/* The largest integer a double holds exactly, with all below it: 2^53. */
#define EXACT_DIGITS "9007199254740992"

const char *fc_json_token_hint(const char *buf, size_t len, size_t at) {
    static const char *const spellings[] = {
        "NaN", "-NaN", "nan", "-nan", "Infinity", "-Infinity", "+Infinity",
        "inf", "-inf", "+inf", NULL};
    size_t i, n;
    if (!buf || at >= len) return "";
    for (i = 0; spellings[i]; i++) {
        n = strlen(spellings[i]);
        if (len - at >= n && memcmp(buf + at, spellings[i], n) == 0)
            return ": NaN and Infinity are not JSON numbers (expected a "
                   "finite number)";
    }
    return "";
}

int fc_json_integer_past_exact(const char *buf, size_t len, size_t at) {
    size_t i = at, s, n;
    if (!buf || at >= len) return 0;
    if (buf[i] == '-') i++;
    s = i;
    while (i < len && buf[i] >= '0' && buf[i] <= '9') i++;
    n = i - s;
    if (n == 0 || (i < len && (buf[i] == '.' || buf[i] == 'e' ||
                               buf[i] == 'E')))
        return 0; /* not written as an integer */
    while (n > 1 && buf[s] == '0') {
        s++;
        n--;
    }
    if (n != sizeof EXACT_DIGITS - 1) return n > sizeof EXACT_DIGITS - 1;
    return memcmp(buf + s, EXACT_DIGITS, n) > 0;
}

/* 1 when v holds an integer past 2^53 anywhere. */
static int has_inexact(const json_t *v) {
    const char *key;
    json_t *m;
    size_t i;
    switch (json_typeof(v)) {
    case JSON_INTEGER: {
        json_int_t x = json_integer_value(v);
        return x > 9007199254740992LL || x < -9007199254740992LL;
    }
    case JSON_OBJECT:
        json_object_foreach((json_t *)v, key, m)
            if (has_inexact(m)) return 1;
        return 0;
    case JSON_ARRAY:
        json_array_foreach(v, i, m)
            if (has_inexact(m)) return 1;
        return 0;
    default: return 0;
    }
}

/* Report each integer past 2^53 under at (the value of member field, or
** of an element of it), at its position. */
static void report_inexact(fc_jval at, const char *field) {
    const char *key;
    json_t *m;
    size_t i;
    if (!has_inexact(at.v)) return;
    if (json_is_integer(at.v)) {
        fc_jval_error(at, field,
                      "integer %" JSON_INTEGER_FORMAT " is past 2^53 = "
                      EXACT_DIGITS ", more than a double holds exactly "
                      "(expected an integer of at most that magnitude)",
                      json_integer_value(at.v));
    } else if (json_is_object(at.v)) {
        json_object_foreach(at.v, key, m)
            if (has_inexact(m)) report_inexact(fc_jval_member(at, key), key);
    } else if (json_is_array(at.v)) {
        json_array_foreach(at.v, i, m)
            if (has_inexact(m))
                report_inexact(fc_jval_element(at, i), field);
    }
}

static int has_bom(const fc_jfile *jf) {
    return jf->len >= 3 && memcmp(jf->buf, "\xEF\xBB\xBF", 3) == 0;
}

int fc_jfile_load(fc_jfile *jf, const char *path, fc_diags *d) {
    json_error_t err;
    size_t bom;
    int st;
    memset(jf, 0, sizeof *jf);
    jf->d = d;
    jf->name = fc_strdup(path);
    if (!jf->name) return FC_ENOMEM;
    st = fc_read_file(path, &jf->buf, &jf->len, d);
    if (st != FC_OK) return st;
    /* a byte order mark is skipped; columns count from after it */
    bom = has_bom(jf) ? 3 : 0;
    jf->root = json_loadb(jf->buf + bom, jf->len - bom,
                          JSON_REJECT_DUPLICATES, &err);
    if (!jf->root) {
        /* jansson's position is past the token it names: find the token */
        const char *hint = "";
        size_t at = (err.position > 0 ? (size_t)err.position : 0) + bom;
        const char *near = strstr(err.text, " near '");
        size_t tl = strlen(err.text);
        if (near && tl > 0 && err.text[tl - 1] == '\'') {
            size_t bytes = (size_t)(err.text + tl - 1 - (near + 7));
            if (bytes <= at) hint = fc_json_token_hint(jf->buf, jf->len,
                                                       at - bytes);
        }
        if (strncmp(err.text, "too big integer", 15) == 0)
            hint = " (expected an integer of at most 2^53 = " EXACT_DIGITS
                   ")";
        if (at < jf->len && jf->buf[at] == '\0')
            hint = " (a NUL byte; expected JSON text)";
        else if (at > 0 && at - 1 < jf->len && jf->buf[at - 1] == '\0')
            hint = " (a NUL byte; expected JSON text)";
        fc_diags_add(d, FC_DIAG_ERROR, path, err.line > 0 ? err.line : 0,
                     err.line > 0 ? err.column : 0, (long long)at, NULL,
                     "%s%s", err.text, hint);
        jf->errors++;
        return FC_EINPUT;
    }
    if (has_inexact(jf->root)) {
        report_inexact(fc_jfile_root(jf), NULL);
        return FC_EINPUT;
    }
    return FC_OK;
}

void fc_jfile_free(fc_jfile *jf) {
    if (!jf) return;
    json_decref(jf->root);
    free(jf->buf);
    free(jf->name);
    memset(jf, 0, sizeof *jf);
}

fc_jval fc_jfile_root(fc_jfile *jf) {
    fc_jval r;
    size_t i = has_bom(jf) ? 3 : 0;
    while (i < jf->len && (jf->buf[i] == ' ' || jf->buf[i] == '\t' ||
                           jf->buf[i] == '\n' || jf->buf[i] == '\r'))
        i++;
    r.f = jf;
    r.v = jf->root;
    r.off = (long long)i;
    return r;
}

fc_jval fc_jval_member(fc_jval obj, const char *key) {
    fc_jval r;
    r.f = obj.f;
    r.v = json_is_object(obj.v) ? json_object_get(obj.v, key) : NULL;
    r.off = r.v && obj.off >= 0
                ? fc_jsonloc_member(obj.f->buf, obj.f->len, (size_t)obj.off,
                                    key)
                : -1;
    if (r.v && r.off < 0) r.off = obj.off;
    return r;
}

fc_jval fc_jval_element(fc_jval arr, size_t index) {
    fc_jval r;
    r.f = arr.f;
    r.v = json_is_array(arr.v) ? json_array_get(arr.v, index) : NULL;
    r.off = r.v && arr.off >= 0
                ? fc_jsonloc_element(arr.f->buf, arr.f->len, (size_t)arr.off,
                                     index)
                : -1;
    if (r.v && r.off < 0) r.off = arr.off;
    return r;
}

long long fc_jval_string_offset(fc_jval at, size_t want) {
    const char *b = at.f->buf;
    size_t i, len = at.f->len, got = 0;
    if (at.off < 0 || !json_is_string(at.v)) return at.off;
    i = (size_t)at.off + 1;
    while (i < len && b[i] != '"' && got < want) {
        if (b[i] == '\\' && i + 1 < len) {
            if (b[i + 1] == 'u' && i + 5 < len) {
                unsigned cp = 0;
                int k;
                for (k = 2; k < 6; k++) {
                    char ch = b[i + k];
                    cp = cp * 16 + (unsigned)(ch <= '9'   ? ch - '0'
                                              : ch <= 'F' ? ch - 'A' + 10
                                                          : ch - 'a' + 10);
                }
                i += 6;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 5 < len &&
                    b[i] == '\\' && b[i + 1] == 'u') {
                    i += 6; /* the low half of a surrogate pair */
                    got += 4;
                } else {
                    got += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
                }
                continue;
            }
            i += 2;
        } else {
            i++;
        }
        got++;
    }
    return (long long)i;
}

/* A diagnostic at a value, of either severity. */
static void jval_diag(fc_jval at, int severity, const char *field,
                      const char *fmt, va_list ap) {
    char text[768];
    int line = 0, column = 0;
    vsnprintf(text, sizeof text, fmt, ap);
    if (at.off >= 0)
        fc_linecol(at.f->buf, at.f->len, (size_t)at.off, &line, &column);
    if (line == 1 && column > 1 && has_bom(at.f)) column--;
    fc_diags_add(at.f->d, severity, at.f->name, line, column, at.off, field,
                 "%s", text);
}

void fc_jval_error(fc_jval at, const char *field, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    jval_diag(at, FC_DIAG_ERROR, field, fmt, ap);
    va_end(ap);
    at.f->errors++;
}

void fc_jval_warning(fc_jval at, const char *field, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    jval_diag(at, FC_DIAG_WARNING, field, fmt, ap);
    va_end(ap);
}

size_t fc_jval_unknown_fields(fc_jval obj, const char *const *known) {
    const char *key;
    json_t *value;
    size_t n = 0, i;
    if (!json_is_object(obj.v)) return 0;
    json_object_foreach(obj.v, key, value) {
        const char *best;
        fc_jval at;
        int ok = 0;
        (void)value;
        for (i = 0; known[i]; i++)
            if (strcmp(known[i], key) == 0) ok = 1;
        if (ok) continue;
        at = fc_jval_member(obj, key);
        best = fc_suggest(key, known);
        if (best) {
            fc_jval_error(at, key, "unknown field; did you mean \"%s\"?", best);
        } else {
            char list[400];
            size_t o = 0;
            list[0] = '\0';
            for (i = 0; known[i] && o < sizeof list; i++) {
                int k = snprintf(list + o, sizeof list - o, "%s%s",
                                 i ? ", " : "", known[i]);
                if (k < 0) break;
                o += (size_t)k;
            }
            fc_jval_error(at, key, "unknown field (expected one of %s)", list);
        }
        n++;
    }
    return n;
}

int fc_jval_string(fc_jval obj, const char *key, const char **out) {
    fc_jval m = fc_jval_member(obj, key);
    if (!m.v) return FC_OK;
    if (!json_is_string(m.v)) {
        fc_jval_error(m, key, "expected a string, got %s",
                      fc_json_type_name(m.v));
        return FC_EINPUT;
    }
    *out = json_string_value(m.v);
    return FC_OK;
}

int fc_jval_number(fc_jval obj, const char *key, double *out) {
    fc_jval m = fc_jval_member(obj, key);
    if (!m.v) return FC_OK;
    if (!json_is_number(m.v)) {
        fc_jval_error(m, key, "expected a number, got %s",
                      fc_json_type_name(m.v));
        return FC_EINPUT;
    }
    *out = json_number_value(m.v);
    return FC_OK;
}

int fc_jval_require(fc_jval obj, const char *key) {
    if (json_is_object(obj.v) && json_object_get(obj.v, key)) return FC_OK;
    fc_jval_error(obj, key, "missing required field");
    return FC_EINPUT;
}
