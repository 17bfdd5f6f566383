/*
** jsonloc.c -- find positions in JSON text, for diagnostics and for
** walking a large array one element at a time.
**
** This is a small scanner, not a parser: it knows white space, strings
** (with escapes), bare tokens (numbers and literals, taken as any run of
** bytes that are neither white space nor structural), and nested arrays
** and objects, whose brackets must match.  It does not check commas and
** colons inside a skipped value: jansson does that when it parses the
** value.  Bare tokens are accepted loosely on purpose, so that a record
** holding NaN can be skipped and the next one read.
*/
#include "internal.h"

#include <string.h>

/* Nesting deeper than this is malformed (jansson's own limit is 2048). */
#define JSONLOC_MAX_DEPTH 2048

static int is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_structural(char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' ||
           c == ':' || c == '"';
}

static size_t skip_ws(const char *buf, size_t len, size_t i) {
    while (i < len && is_ws(buf[i])) i++;
    return i;
}

/* buf[i] is '"': the offset after the closing quote, or -1.  Linear in
** the string's length however many escapes it holds. */
static long long skip_string(const char *buf, size_t len, size_t i) {
    size_t q = 0;           /* a quote at or after i, when have_q */
    int have_q = 0;
    i++;
    while (i < len) {
        const char *p;
        if (!have_q || q < i) {
            const char *qp = memchr(buf + i, '"', len - i);
            if (!qp) return -1;
            q = (size_t)(qp - buf);
            have_q = 1;
        }
        p = memchr(buf + i, '\\', q - i);
        if (!p) return (long long)q + 1;
        i = (size_t)(p - buf) + 2; /* past the backslash and escaped byte */
    }
    return -1;
}

long long fc_jsonloc_skip(const char *buf, size_t len, size_t start) {
    /* The kind of each open bracket, as its closing byte. */
    char stack[JSONLOC_MAX_DEPTH];
    size_t depth = 0, i;

    if (!buf) return -1;
    i = skip_ws(buf, len, start);
    if (i >= len) return -1;
    for (;;) {
        char c;
        i = skip_ws(buf, len, i);
        if (i >= len) return -1;
        c = buf[i];
        if (c == '"') {
            long long e = skip_string(buf, len, i);
            if (e < 0) return -1;
            i = (size_t)e;
        } else if (c == '{' || c == '[') {
            if (depth == JSONLOC_MAX_DEPTH) return -1;
            stack[depth++] = c == '{' ? '}' : ']';
            i++;
            continue;
        } else if (c == '}' || c == ']') {
            if (depth == 0 || stack[depth - 1] != c) return -1;
            depth--;
            i++;
        } else if (c == ',' || c == ':') {
            if (depth == 0) return -1;
            i++;
            continue;
        } else {
            size_t s = i;
            while (i < len && !is_ws(buf[i]) && !is_structural(buf[i])) i++;
            if (i == s) return -1;
        }
        if (depth == 0) return (long long)i;
    }
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The four hex digits at buf[i], or -1. */
static long hex4(const char *buf, size_t len, size_t i) {
    long v = 0;
    size_t k;
    if (i + 4 > len) return -1;
    for (k = 0; k < 4; k++) {
        int h = hexval(buf[i + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t utf8_encode(unsigned long cp, unsigned char out[4]) {
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* buf[i] is the '"' of a string.  Returns 1 if its decoded text equals key,
** 0 if not, -1 if the string is malformed; *end is set past the closing
** quote (when not malformed). */
static int string_equals(const char *buf, size_t len, size_t i,
                         const char *key, size_t *end) {
    const unsigned char *k = (const unsigned char *)key;
    int same = 1;

    for (i++; i < len; i++) {
        unsigned char c = (unsigned char)buf[i], enc[4];
        size_t n = 1, j;
        if (c == '"') {
            *end = i + 1;
            return same && *k == '\0';
        }
        if (c != '\\') {
            enc[0] = c;
        } else {
            if (++i >= len) return -1;
            switch (buf[i]) {
            case 'b': enc[0] = '\b'; break;
            case 'f': enc[0] = '\f'; break;
            case 'n': enc[0] = '\n'; break;
            case 'r': enc[0] = '\r'; break;
            case 't': enc[0] = '\t'; break;
            case 'u': {
                long cp = hex4(buf, len, i + 1);
                if (cp < 0) return -1;
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < len &&
                    buf[i + 1] == '\\' && buf[i + 2] == 'u') {
                    long lo = hex4(buf, len, i + 3);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        i += 6;
                    }
                }
                n = utf8_encode((unsigned long)cp, enc);
                break;
            }
            default: enc[0] = (unsigned char)buf[i]; break; /* " \ / */
            }
        }
        for (j = 0; j < n && same; j++) {
            if (*k != enc[j])
                same = 0;
            else
                k++;
        }
    }
    return -1;
}

long long fc_jsonloc_member(const char *buf, size_t len, size_t start,
                            const char *key) {
    size_t i;
    if (!buf) return -1;
    i = skip_ws(buf, len, start);
    if (i >= len) return -1;
    if (!key) return (long long)i;
    if (buf[i] != '{') return -1;
    i++;
    for (;;) {
        size_t end;
        int eq;
        long long e;
        i = skip_ws(buf, len, i);
        if (i >= len || buf[i] != '"') return -1;
        eq = string_equals(buf, len, i, key, &end);
        if (eq < 0) return -1;
        i = skip_ws(buf, len, end);
        if (i >= len || buf[i] != ':') return -1;
        i = skip_ws(buf, len, i + 1);
        if (i >= len) return -1;
        if (eq) return (long long)i;
        e = fc_jsonloc_skip(buf, len, i);
        if (e < 0) return -1;
        i = skip_ws(buf, len, (size_t)e);
        if (i >= len || buf[i] != ',') return -1;
        i++;
    }
}

long long fc_jsonloc_element(const char *buf, size_t len, size_t start,
                             size_t index) {
    size_t i, n;
    if (!buf) return -1;
    i = skip_ws(buf, len, start);
    if (i >= len || buf[i] != '[') return -1;
    i = skip_ws(buf, len, i + 1);
    if (i >= len || buf[i] == ']') return -1;
    for (n = 0;; n++) {
        long long e;
        if (n == index) return (long long)i;
        e = fc_jsonloc_skip(buf, len, i);
        if (e < 0) return -1;
        i = skip_ws(buf, len, (size_t)e);
        if (i >= len || buf[i] != ',') return -1;
        i = skip_ws(buf, len, i + 1);
        if (i >= len) return -1;
    }
}
