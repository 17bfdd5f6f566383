/*
** util.c -- buffers, strings, files, UTF-8, globs and a string set.
*/
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- buffers ----------------------------------------------------------- */

void fc_buf_init(fc_buf *b) {
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void fc_buf_free(fc_buf *b) {
    free(b->data);
    fc_buf_init(b);
}

static int buf_reserve(fc_buf *b, size_t extra) {
    size_t need, cap;
    char *p;
    if (b->oom) return FC_ENOMEM;
    if (extra > FC_MAX_FILE || b->len + extra + 1 > FC_MAX_FILE) {
        b->oom = 1;
        return FC_ENOMEM;
    }
    need = b->len + extra + 1;
    if (need <= b->cap) return FC_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return FC_ENOMEM;
    }
    b->data = p;
    b->cap = cap;
    return FC_OK;
}

int fc_buf_append(fc_buf *b, const void *data, size_t len) {
    if (buf_reserve(b, len) != FC_OK) return FC_ENOMEM;
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return FC_OK;
}

int fc_buf_puts(fc_buf *b, const char *s) {
    return fc_buf_append(b, s, strlen(s));
}

int fc_buf_putc(fc_buf *b, int c) {
    char ch = (char)c;
    return fc_buf_append(b, &ch, 1);
}

int fc_buf_printf(fc_buf *b, const char *fmt, ...) {
    va_list ap;
    int n;
    if (buf_reserve(b, 64) != FC_OK) return FC_ENOMEM;
    va_start(ap, fmt);
    n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n < 0) return FC_EINTERNAL;
    if ((size_t)n >= b->cap - b->len) {
        if (buf_reserve(b, (size_t)n) != FC_OK) return FC_ENOMEM;
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
    return FC_OK;
}

char *fc_buf_take(fc_buf *b) {
    char *p = b->data;
    if (b->oom) {
        /* an append failed: the data is incomplete, so hand nothing over */
        fc_buf_free(b);
        return NULL;
    }
    if (!p) p = fc_strdup("");
    fc_buf_init(b);
    return p;
}

/* ---- strings and files -------------------------------------------------- */

char *fc_strdup(const char *s) {
    return s ? fc_strndup(s, strlen(s)) : NULL;
}

char *fc_strndup(const char *s, size_t n) {
    char *p;
    if (!s) return NULL;
    p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int fc_read_file(const char *path, char **out, size_t *len, fc_diags *d) {
    FILE *fp;
    fc_buf b;
    char chunk[65536];
    size_t n;
    int is_stdin = strcmp(path, "-") == 0;

    *out = NULL;
    *len = 0;
    if (!*path) {
        fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                     "cannot open \"\": the file name is empty (expected "
                     "the path of a file, or - for standard input)");
        return FC_EIO;
    }
    fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        fc_diags_add(d, FC_DIAG_ERROR, path, 0, 0, -1, NULL,
                     "cannot open: %s", strerror(errno));
        return FC_EIO;
    }
    fc_buf_init(&b);
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (fc_buf_append(&b, chunk, n) != FC_OK) {
            if (!is_stdin) fclose(fp);
            fc_buf_free(&b);
            fc_diags_add(d, FC_DIAG_ERROR, path, 0, 0, -1, NULL,
                         "file too large (the limit is %zu bytes)",
                         (size_t)FC_MAX_FILE);
            return FC_EINPUT;
        }
    }
    if (ferror(fp)) {
        int e = errno;
        if (!is_stdin) fclose(fp);
        fc_buf_free(&b);
        fc_diags_add(d, FC_DIAG_ERROR, path, 0, 0, -1, NULL,
                     "cannot read: %s", strerror(e));
        return FC_EIO;
    }
    if (!is_stdin) fclose(fp);
    /* zeroed slack after the text, for the vector loads of JIT code */
    if (buf_reserve(&b, FC_TEXT_SLACK) == FC_OK)
        memset(b.data + b.len, 0, FC_TEXT_SLACK + 1);
    *len = b.len;
    *out = fc_buf_take(&b);
    if (!*out) return FC_ENOMEM;
    return FC_OK;
}

/* Length of the UTF-8 sequence starting with byte c, or 0 if c cannot
** start one. */
static int utf8_seqlen(unsigned char c) {
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
}

/* Bytes taken by the character at s[i] of s[0..len): its sequence length
** when the lead byte is followed by enough continuation bytes, else 1 (an
** invalid or truncated sequence counts one byte at a time).  Never reads at
** or past len, so a NUL that ends a C string stops a sequence. */
static size_t utf8_charlen(const unsigned char *s, size_t i, size_t len) {
    int k = utf8_seqlen(s[i]), j;
    if (k <= 1 || (size_t)k > len - i) return 1;
    for (j = 1; j < k; j++)
        if ((s[i + (size_t)j] & 0xC0) != 0x80) return 1;
    return (size_t)k;
}

void fc_copy_utf8(char *dst, size_t size, const char *src) {
    const unsigned char *u;
    size_t i = 0, len;
    if (size == 0) return;
    if (!src) src = "";
    u = (const unsigned char *)src;
    len = strlen(src);
    while (i < len) {
        size_t k = utf8_charlen(u, i, len);
        if (k > size - 1 - i) break;
        i += k;
    }
    memcpy(dst, src, i);
    dst[i] = '\0';
}

int fc_utf8_valid(const char *s, size_t len, size_t *bad_offset) {
    size_t i = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < len) {
        unsigned char c = u[i];
        int k;
        if (c < 0x80) {
            i++;
            continue;
        }
        k = utf8_seqlen(c);
        if (k == 0 || i + (size_t)k > len) goto bad;
        if (k >= 2 && (u[i + 1] & 0xC0) != 0x80) goto bad;
        if (k >= 3 && (u[i + 2] & 0xC0) != 0x80) goto bad;
        if (k == 4 && (u[i + 3] & 0xC0) != 0x80) goto bad;
        /* overlongs, surrogates and values past U+10FFFF */
        if (c == 0xE0 && u[i + 1] < 0xA0) goto bad;
        if (c == 0xED && u[i + 1] > 0x9F) goto bad;
        if (c == 0xF0 && u[i + 1] < 0x90) goto bad;
        if (c == 0xF4 && u[i + 1] > 0x8F) goto bad;
        i += (size_t)k;
    }
    return 1;
bad:
    if (bad_offset) *bad_offset = i;
    return 0;
}

size_t fc_utf8_count(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0, i = 0;
    while (i < len) {
        if (u[i] < 0x80)
            i++;
        else
            i += utf8_charlen(u, i, len);
        n++;
    }
    return n;
}

void fc_linecol(const char *buf, size_t len, size_t offset, int *line,
                int *column) {
    size_t i, start = 0;
    int ln = 1;
    if (offset > len) offset = len;
    for (i = 0; i < offset; i++) {
        if (buf[i] == '\n') {
            ln++;
            start = i + 1;
        }
    }
    *line = ln;
    *column = (int)fc_utf8_count(buf + start, offset - start) + 1;
}

int fc_glob_match(const char *p, const char *s) {
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*p == '*') {
            star = p++;
            resume = s;
        } else if (*p == '?' || *p == *s) {
            p++;
            s++;
        } else if (star) {
            p = star + 1;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*p == '*') p++;
    return *p == '\0';
}

/* ---- string set: open addressing, FNV-1a ------------------------------- */

struct fc_strset {
    char **keys;
    long long *vals;
    size_t cap;    /* power of two */
    size_t count;
};

uint64_t fc_hash_str(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h;
}

fc_strset *fc_strset_new(void) {
    fc_strset *set = calloc(1, sizeof *set);
    if (!set) return NULL;
    set->cap = 64;
    set->keys = calloc(set->cap, sizeof *set->keys);
    set->vals = calloc(set->cap, sizeof *set->vals);
    if (!set->keys || !set->vals) {
        fc_strset_free(set);
        return NULL;
    }
    return set;
}

void fc_strset_free(fc_strset *set) {
    size_t i;
    if (!set) return;
    if (set->keys)
        for (i = 0; i < set->cap; i++) free(set->keys[i]);
    free(set->keys);
    free(set->vals);
    free(set);
}

static int strset_grow(fc_strset *set) {
    size_t ncap = set->cap * 2, i;
    char **nk = calloc(ncap, sizeof *nk);
    long long *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return -1;
    }
    for (i = 0; i < set->cap; i++) {
        size_t j;
        if (!set->keys[i]) continue;
        j = (size_t)fc_hash_str(set->keys[i]) & (ncap - 1);
        while (nk[j]) j = (j + 1) & (ncap - 1);
        nk[j] = set->keys[i];
        nv[j] = set->vals[i];
    }
    free(set->keys);
    free(set->vals);
    set->keys = nk;
    set->vals = nv;
    set->cap = ncap;
    return 0;
}

int fc_strset_has(const fc_strset *set, const char *s) {
    size_t j;
    if (!set || !set->cap) return 0;
    j = (size_t)fc_hash_str(s) & (set->cap - 1);
    while (set->keys[j]) {
        if (strcmp(set->keys[j], s) == 0) return 1;
        j = (j + 1) & (set->cap - 1);
    }
    return 0;
}

int fc_strset_add(fc_strset *set, const char *s, long long value,
                  long long *val) {
    size_t j;
    if ((set->count + 1) * 2 > set->cap && strset_grow(set) != 0) return -1;
    j = (size_t)fc_hash_str(s) & (set->cap - 1);
    while (set->keys[j]) {
        if (strcmp(set->keys[j], s) == 0) {
            if (val) *val = set->vals[j];
            return 0;
        }
        j = (j + 1) & (set->cap - 1);
    }
    set->keys[j] = fc_strdup(s);
    if (!set->keys[j]) return -1;
    set->vals[j] = value;
    set->count++;
    return 1;
}
