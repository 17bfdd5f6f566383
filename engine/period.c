/*
** period.c -- the time a figure is about: parse "2022", "2023-03",
** "2023-12-31", "as-of 2024-03-08", "2021/2025" and "2023-01/2023-09" into
** a closed range of calendar days.  Digits are read by hand; nothing here depends on locale.
*/
#include "internal.h"

#include <string.h>

#define PERIOD_FORMS \
    "YYYY, YYYY-MM, YYYY-MM-DD, as-of YYYY-MM-DD, YYYY/YYYY or YYYY-MM/YYYY-MM"

/* Longest part of the user's text quoted in a message, in bytes. */
#define QUOTE_MAX 40

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Value of the n decimal digits at s, or -1 if any is not a digit. */
static int digits(const char *s, int n) {
    int v = 0, i;
    for (i = 0; i < n; i++) {
        if (!is_digit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap(y)) return 29;
    return days[m - 1];
}

/* The four digits of a year in 1000..9999 at s, or -1. */
static int year_at(const char *s) {
    int y = digits(s, 4);
    return y >= 1000 ? y : -1;
}

/* Shape of YYYY-MM-DD at s (exactly 10 bytes, then NUL): 1 if it has the
** shape, filling y, m, d; 0 otherwise. */
static int date_shape(const char *s, int *y, int *m, int *d) {
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    *y = year_at(s);
    *m = digits(s + 5, 2);
    *d = digits(s + 8, 2);
    return *y >= 0 && *m >= 0 && *d >= 0;
}

static int date_ok(int y, int m, int d) {
    return m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

int fc_date_valid(const char *s) {
    int y, m, d;
    if (!s || !date_shape(s, &y, &m, &d)) return 0;
    return date_ok(y, m, d);
}

/* Copy at most QUOTE_MAX bytes of s into out, at a UTF-8 boundary, with
** control bytes shown as '?' and "..." when cut. */
static void quote(char *out, size_t size, const char *s) {
    char tmp[QUOTE_MAX + 1];
    size_t i, n = strlen(s);
    fc_copy_utf8(tmp, sizeof tmp, s);
    for (i = 0; tmp[i]; i++)
        if ((unsigned char)tmp[i] < 0x20 || tmp[i] == 0x7f) tmp[i] = '?';
    snprintf(out, size, "%s%s", tmp, i < n ? "..." : "");
}

static int fail(char *err, size_t errsize, const char *what, const char *s) {
    char q[QUOTE_MAX + 8];
    if (!err || errsize == 0) return FC_EINPUT;
    quote(q, sizeof q, s);
    if (strcmp(what, "malformed") == 0)
        snprintf(err, errsize, "malformed period \"%s\" (expected %s)", q,
                 PERIOD_FORMS);
    else if (strcmp(what, "reversed") == 0)
        snprintf(err, errsize,
                 "reversed period \"%s\" (it ends before it starts)",
                 q);
    else
        snprintf(err, errsize, "impossible date \"%s\"", q);
    return FC_EINPUT;
}

/* Write YYYY-MM-DD and a NUL; y is 1000..9999, m 1..12, d 1..31. */
static void put_date(char out[11], int y, int m, int d) {
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int fc_period_parse(const char *s, fc_period *out, char *err,
                    size_t errsize) {
    fc_period p;
    size_t n;
    int y, m, d, y2, m2;

    if (err && errsize) err[0] = '\0';
    if (!s) s = "";
    memset(&p, 0, sizeof p);
    n = strlen(s);

    if (n == 4 && (y = year_at(s)) >= 0) {
        put_date(p.first, y, 1, 1);
        put_date(p.last, y, 12, 31);
    } else if (n == 7 && s[4] == '-' && (y = year_at(s)) >= 0 &&
               (m = digits(s + 5, 2)) >= 0) {
        if (m < 1 || m > 12) return fail(err, errsize, "malformed", s);
        put_date(p.first, y, m, 1);
        put_date(p.last, y, m, month_days(y, m));
    } else if (n == 10 && date_shape(s, &y, &m, &d)) {
        if (!date_ok(y, m, d)) return fail(err, errsize, "impossible", s);
        put_date(p.first, y, m, d);
        put_date(p.last, y, m, d);
    } else if (n == 16 && strncmp(s, "as-of ", 6) == 0 &&
               date_shape(s + 6, &y, &m, &d)) {
        if (!date_ok(y, m, d)) return fail(err, errsize, "impossible", s + 6);
        put_date(p.first, y, m, d);
        put_date(p.last, y, m, d);
        p.as_of = 1;
    } else if (n == 9 && s[4] == '/' && (y = year_at(s)) >= 0 &&
               (y2 = year_at(s + 5)) >= 0) {
        if (y > y2) return fail(err, errsize, "reversed", s);
        put_date(p.first, y, 1, 1);
        put_date(p.last, y2, 12, 31);
    } else if (n == 15 && s[4] == '-' && s[7] == '/' && s[12] == '-' &&
               (y = year_at(s)) >= 0 && (m = digits(s + 5, 2)) >= 0 &&
               (y2 = year_at(s + 8)) >= 0 && (m2 = digits(s + 13, 2)) >= 0) {
        /* a span of months: "2023-01/2023-09" */
        if (m < 1 || m > 12 || m2 < 1 || m2 > 12)
            return fail(err, errsize, "malformed", s);
        if (y * 12 + m > y2 * 12 + m2) return fail(err, errsize, "reversed", s);
        put_date(p.first, y, m, 1);
        put_date(p.last, y2, m2, month_days(y2, m2));
    } else {
        return fail(err, errsize, "malformed", s);
    }
    if (out) *out = p;
    return FC_OK;
}

/* ---- for comparisons (check.c, audit.c) ----------------------------------- */

fc_when fc_when_of(const fc_fact *f) {
    fc_when w;
    memset(&w, 0, sizeof w);
    if (f->period && fc_period_parse(f->period, &w.p, NULL, 0) == FC_OK)
        w.ok = 1;
    return w;
}

int fc_date_year(const char *d) {
    return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
           (d[3] - '0');
}

long fc_date_days(const char *d) {
    long y = fc_date_year(d), m = (d[5] - '0') * 10 + (d[6] - '0'),
         dd = (d[8] - '0') * 10 + (d[9] - '0');
    if (m <= 2) {
        y--;
        m += 12;
    }
    return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + dd;
}

/* ---- as a reader writes it -------------------------------------------------- */

static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"};

/* "2023-12" as "December 2023", "2024-03-08" as "8 March 2024". */
static size_t date_words(const char *s, size_t n, char *out, size_t size) {
    int y = digits(s, 4), m = n >= 7 ? digits(s + 5, 2) : 0,
        d = n >= 10 ? digits(s + 8, 2) : 0;
    if (m < 1 || m > 12) return (size_t)snprintf(out, size, "%.*s", (int)n, s);
    if (d > 0) return (size_t)snprintf(out, size, "%d %s %04d", d,
                                       month_names[m - 1], y);
    return (size_t)snprintf(out, size, "%s %04d", month_names[m - 1], y);
}

const char *fc_period_words(const char *p, char *out, size_t size) {
    fc_period pd;
    const char *slash;
    if (!p || size == 0) return p;
    if (fc_period_parse(p, &pd, NULL, 0) != FC_OK) {
        snprintf(out, size, "%s", p);
        return out;
    }
    if (!strncmp(p, "as-of ", 6)) {
        size_t k = (size_t)snprintf(out, size, "as of ");
        if (k < size) date_words(p + 6, strlen(p + 6), out + k, size - k);
        return out;
    }
    if ((slash = strchr(p, '/')) != NULL) {
        size_t a = (size_t)(slash - p), k;
        const char *b = slash + 1;
        if (a == 4) {
            snprintf(out, size, "%.4s to %.4s", p, b);
            return out;
        }
        /* "2023-01/2023-09": January to September 2023 */
        if (!strncmp(p, b, 4)) {
            int m = digits(p + 5, 2);
            k = (size_t)snprintf(out, size, "%s to ",
                                 m >= 1 && m <= 12 ? month_names[m - 1] : p);
            if (k < size) date_words(b, strlen(b), out + k, size - k);
            return out;
        }
        k = date_words(p, a, out, size);
        if (k < size) k += (size_t)snprintf(out + k, size - k, " to ");
        if (k < size) date_words(b, strlen(b), out + k, size - k);
        return out;
    }
    date_words(p, strlen(p), out, size);
    return out;
}
