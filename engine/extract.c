/*
** extract.c -- turn a document into facts.
**
** One pass of the lexicon's master pattern finds the figures; each is read
** (number, scale word, range, unit, hedge, growth cue), filtered (years,
** dates, ordinals, model names, page furniture), then placed in its
** sentence: the metric from the phrase right after it or the nearest one
** before it, the basis from what follows, the period and status from the
** cues of its sentence or paragraph, the whole it is a part of from "of
** which" and the like.  All patterns come compiled from the lexicon; one
** match block is reused for the whole document.
*/
#include "lexicon.h"
#include "measure.h"
#include "regex.h"

#include <ctype.h>
#include <strings.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { K_DIGITS, K_WORD, K_FRACTION, K_MULTIPLE };

typedef struct fig {
    size_t start, end;        /* the span reported: hedge .. unit */
    size_t num_start;         /* the number itself */
    size_t tail;              /* after number, scale and unit */
    size_t unit_from;         /* where a unit word after the number starts,
                                 0 when there is none */
    double v, u, m, rlo, rhi; /* value, last-digit unit, leading place */
    int kind;
    int qual;
    int is_range;
    int growth;               /* +1 rise cue, -1 fall cue, 0 none */
    char unit[16];
    size_t sent;
    /* placement */
    const char *metric;
    const char *basis;
    const char *subject;
    char period[24];
    int status;               /* 0 actual, 1 target, 2 forecast */
    long part_of;             /* index of the whole, or -1 */
    int metric_entry;         /* index into lx->metrics, or -1 */
    int derive;               /* D_NONE, D_SHARE or D_GROWTH of the entry */
    int needs_after;          /* a number word: counts only with a unit or
                                 a phrase right after it */
    /* what it measures */
    size_t ms, me;            /* the measured phrase, ms == me when none */
    size_t kend;              /* where its key ends: before a noun of
                                 change ("job gains"), else me */
    int aspect;               /* A_NONE, A_AVERAGE or A_REVISION */
    size_t qs, qe;            /* a word that tells list members apart
                                 ("produced and sold ... respectively"),
                                 qs == qe when none */
    int mfrom;                /* how it was found: M_NONE ... */
    int of_change;            /* its phrase, a noun of change, pointed
                                 back to the thing that changed */
    int of_average;           /* ... and that phrase said "average" */
    int like_role;            /* the role of the figure it points back to,
                                 for a noun of a reading of it; or -1 */
    size_t cue_end;           /* the end of the lexicon phrase before it
                                 that gave its metric, SIZE_MAX when it
                                 came otherwise */
    int head_item;            /* its metric is that of the head of a list
                                 with its item ("production of A, B and
                                 C") */
    int role;                 /* R_LEVEL ... */
    char base[24];            /* the comparison base, "" when none */
    char population[48];      /* the population it is about, "" when none */
    int stated;               /* the period comes from the text */
    int inferred;             /* the period is inferred, not written (from
                                 a base and the document's date) */
    size_t seq;               /* its number among the facts, 0 if dropped */
} fig;

enum { D_NONE, D_SHARE, D_GROWTH };

/* Where a measured phrase was read: right after the figure, before it in
** its clause, inherited from the figure before it in the sentence, or
** before it in the sentence. */
enum { M_NONE, M_AFTER, M_CLAUSE, M_INHERITED, M_SENTENCE };

/* Roles, in the order of fc_fact_roles(). */
/* What a key adds to the thing: an average of it, a revision of it. */
enum { A_NONE, A_AVERAGE, A_REVISION };

enum { R_LEVEL, R_CHANGE, R_GROWTH, R_SHARE, R_SHARE_CHANGE, R_RANK,
       R_STREAK, R_MULTIPLE };

typedef struct sentence {
    size_t start, end;
    size_t para;
} sentence;

typedef struct cue {
    size_t start, end;
    int entry;                /* metric entry, period index, status kind */
    int base;                 /* a period cue that names a comparison base */
    char period[24];
} cue;

typedef struct run {
    const fc_lexicon *lx;
    const fc_doc *doc;
    const char *t;            /* the text */
    size_t len;
    pcre2_match_data *md;
    fc_rematch *rm;           /* the limits every match runs under */
    int re_error;             /* the first match that hit one, or 0 */
    const pcre2_code *re_bad; /* its pattern */
    size_t re_at;             /* and where in the text it started */
    int year;                 /* the document's year, 0 when undated */
    char date[11];            /* its date, "" when undated */
    sentence *sents;
    size_t nsents;
    fig *figs;
    size_t nfigs, capfigs;
    int oom;
    struct sb_stemmer *stem;  /* for keys made from measured phrases */
    char last_period[24];     /* the last period cue of the text so far
                                 that is over by the document's date */
    size_t last_para;         /* the paragraph it is in */
    int last_inferred;        /* it was inferred, not written */
    size_t lc_at;             /* the offset linecol() answered last */
    int lc_line, lc_col;      /* and its line and column, 0 before */
} run;

/* ---- small helpers ------------------------------------------------------- */

/* Match re in t[from, until), with the JIT code when every pattern has
** one.  No match-time options: given one the JIT code does not take
** (PCRE2_ANCHORED above all), pcre2_match runs its interpreter instead.
** So a match at one position takes a pattern compiled anchored: the
** lexicon's `_at` twins and its after-patterns.  A twin has the groups of
** its pattern, so either names them.  The text is valid UTF-8 (fc_doc
** checks it), so it is not checked again. */
static int pattern_failed(run *r, fc_diags *d);

static int match_at(run *r, const pcre2_code *re, size_t from,
                    size_t until) {
    int rc;
    if (!re || from > until) return 0;
    /* under the limits of regex.h: a pattern that backtracks without end
       stops, and the document's extraction fails (see fc_extract) */
    if (r->lx->no_jit)
        rc = fc_rematch_run(r->rm, re, r->t, until, from,
                            PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, r->md);
    else
        rc = fc_rematch_jit(r->rm, re, r->t, until, from, r->md);
    if (rc < 0) {
        if (!r->re_error) {
            r->re_error = rc;
            r->re_bad = re;
            r->re_at = from;
        }
        return 0;
    }
    return rc > 0;
}

static size_t ov(run *r, int i) {
    return pcre2_get_ovector_pointer(r->md)[2 * i];
}

static size_t ov_end(run *r, int i) {
    return pcre2_get_ovector_pointer(r->md)[2 * i + 1];
}

/* Start and end of named group `name` of the last match; 0 if unset. */
static int group(run *r, const pcre2_code *re, const char *name, size_t *s,
                 size_t *e) {
    int n = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
    PCRE2_SIZE *o = pcre2_get_ovector_pointer(r->md);
    uint32_t count = pcre2_get_ovector_count(r->md);
    if (n < 0) {
        /* duplicate names: take the first set one */
        PCRE2_SPTR first, last;
        int size = pcre2_substring_nametable_scan(re, (PCRE2_SPTR)name, &first,
                                                  &last);
        if (size <= 0) return 0;
        for (; first <= last; first += size) {
            int k = (first[0] << 8) | first[1];
            if ((uint32_t)k < count && o[2 * k] != PCRE2_UNSET) {
                *s = o[2 * k];
                *e = o[2 * k + 1];
                return 1;
            }
        }
        return 0;
    }
    if ((uint32_t)n >= count || o[2 * n] == PCRE2_UNSET) return 0;
    *s = o[2 * n];
    *e = o[2 * n + 1];
    return 1;
}

/* Start of the UTF-8 character at or before p. */
static size_t char_start(const char *t, size_t p) {
    while (p > 0 && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
    return p;
}

static size_t window_start(run *r, size_t at, size_t width) {
    return char_start(r->t, at > width ? at - width : 0);
}

/* Line and column of offset `at`, as fc_doc_linecol gives them, but
** counted on from the offset asked last when `at` is further along its
** line: fc_doc_linecol counts the column from the start of the line, once
** per figure, which is quadratic in a document written on one line. */
static void linecol(run *r, size_t at, int *line, int *column) {
    const char *t = r->doc->text;
    if (r->lc_line && at >= r->lc_at && at < r->doc->len &&
        ((unsigned char)t[at] & 0xC0) != 0x80 &&
        ((unsigned char)t[r->lc_at] & 0xC0) != 0x80 &&
        !memchr(t + r->lc_at, '\n', at - r->lc_at))
        r->lc_col += (int)fc_utf8_count(t + r->lc_at, at - r->lc_at);
    else if (fc_doc_linecol(r->doc, at, &r->lc_line, &r->lc_col) != FC_OK)
        r->lc_line = r->lc_col = 0;
    r->lc_at = at;
    *line = r->lc_line;
    *column = r->lc_col;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int valid_date(int y, int mo, int d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1) return 0;
    return d <= days[mo - 1] + (mo == 2 && is_leap(y));
}

static int digits_value(const char *s, size_t n) {
    int v = 0;
    size_t i;
    if (n == 0 || n > 4) return -1;
    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int month_value(run *r, size_t s, size_t e) {
    const lx_word *w;
    int v = digits_value(r->t + s, e - s);
    if (v > 0) return v;
    w = lx_words_find(&r->lx->months, r->t + s, e - s);
    return w ? (int)w->value : -1;
}

/* ---- the document's date ---------------------------------------------------- */

static void find_date(run *r, fc_diags *d) {
    size_t i, limit = r->len < 800 ? r->len : 800;
    const fc_lexicon *lx = r->lx;
    r->date[0] = '\0';
    r->year = 0;
    if (r->doc->published && strlen(r->doc->published) == 10) {
        memcpy(r->date, r->doc->published, 11);
        r->year = digits_value(r->date, 4);
        return;
    }
    limit = char_start(r->t, limit);
    for (i = 0; i < lx->ndatelines; i++) {
        size_t s, e;
        int y, mo, dd;
        if (!match_at(r, lx->datelines[i], 0, limit)) continue;
        if (!group(r, lx->datelines[i], "year", &s, &e)) continue;
        y = digits_value(r->t + s, e - s);
        mo = group(r, lx->datelines[i], "month", &s, &e) ? month_value(r, s, e)
                                                         : -1;
        dd = group(r, lx->datelines[i], "day", &s, &e)
                 ? digits_value(r->t + s, e - s)
                 : -1;
        if (!valid_date(y, mo, dd)) continue;
        {
            char tmp[40];
            snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, mo, dd);
            memcpy(r->date, tmp, 10);
            r->date[10] = '\0';
        }
        r->year = y;
        return;
    }
    fc_diags_add(d, FC_DIAG_WARNING, r->doc->path ? r->doc->path : r->doc->id,
                 0, 0, -1, NULL,
                 "no publication date in the manifest or the text; periods "
                 "that depend on it (\"this year\", \"at present\") are "
                 "left null");
}

/* ---- sentences and paragraphs ----------------------------------------------- */

static int push_sentence(run *r, size_t s, size_t e, size_t para,
                         size_t *cap) {
    while (s < e && isspace((unsigned char)r->t[s])) s++;
    if (s >= e) return FC_OK;
    if (r->nsents == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        sentence *p = realloc(r->sents, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        r->sents = p;
        *cap = ncap;
    }
    r->sents[r->nsents].start = s;
    r->sents[r->nsents].end = e;
    r->sents[r->nsents].para = para;
    r->nsents++;
    return FC_OK;
}

/* Whether the line that ends at the newline t[i] holds only spaces. */
static int line_empty(const char *t, size_t i) {
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\r'))
        i--;
    return i == 0 || t[i - 1] == '\n';
}

/* Sentences end at . ! ? (followed by space and not inside a number or
** after a single capital such as an initial), at a line that is a heading
** or list item, and at paragraph breaks.  Paragraphs end at blank lines;
** in documents written one paragraph per line, at every line end. */
static int split(run *r) {
    const char *t = r->t;
    size_t i, s = 0, para = 0, cap = 0, lines = 0, chars = 0, linelen = 0;
    int long_lines;

    for (i = 0; i < r->len; i++) {
        if (t[i] == '\n') {
            if (linelen) {
                lines++;
                chars += linelen;
            }
            linelen = 0;
        } else {
            linelen++;
        }
    }
    if (linelen) {
        lines++;
        chars += linelen;
    }
    long_lines = lines && chars / lines > 160;

    for (i = 0; i < r->len; i++) {
        char c = t[i];
        if (c == '\n') {
            size_t j = i + 1, k;
            int blank = 0, heading = 0, end_punct = 0;
            while (j < r->len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
                j++;
            if (j >= r->len || t[j] == '\n') blank = 1;
            /* what ends the line just finished */
            k = i;
            while (k > s && isspace((unsigned char)t[k - 1])) k--;
            if (k > s && strchr(".!?:\"')]", t[k - 1])) end_punct = 1;
            if (!blank && j < r->len &&
                (t[j] == '#' || t[j] == '-' || t[j] == '*' || t[j] == '>' ||
                 t[j] == '|'))
                heading = 1;
            if (blank || long_lines || heading || end_punct) {
                if (push_sentence(r, s, i, para, &cap) != FC_OK) return FC_ENOMEM;
                /* a paragraph ends once, however many blank lines
                   follow it */
                if ((blank || long_lines) && !line_empty(t, i)) para++;
                s = i + 1;
            }
            continue;
        }
        if ((c == '.' || c == '!' || c == '?' || c == ';') && i + 1 < r->len) {
            size_t j = i + 1;
            while (j < r->len && (t[j] == '"' || t[j] == '\'' ||
                                  (unsigned char)t[j] == 0xE2))
                break;
            if (!(t[j] == ' ' || t[j] == '\n' || t[j] == '\r' || t[j] == '"'))
                continue;
            if (c == ';') continue; /* clauses stay in their sentence */
            /* an initial or an abbreviation such as "Mr." or "No." */
            if (c == '.' && i >= 1 && isupper((unsigned char)t[i - 1]) &&
                (i < 2 || !isalpha((unsigned char)t[i - 2])))
                continue;
            if (c == '.' && i >= 2 &&
                ((t[i - 2] == 'M' && t[i - 1] == 'r') ||
                 (t[i - 2] == 'N' && t[i - 1] == 'o') ||
                 (t[i - 2] == 'D' && t[i - 1] == 'r') ||
                 (t[i - 2] == 'S' && t[i - 1] == 't')))
                continue;
            if (push_sentence(r, s, i + 1, para, &cap) != FC_OK) return FC_ENOMEM;
            s = i + 1;
        }
    }
    if (push_sentence(r, s, r->len, para, &cap) != FC_OK) return FC_ENOMEM;
    return FC_OK;
}

/* ---- reading a figure ----------------------------------------------------------- */

/* Parse digits with optional thousands separators and decimals: value,
** the unit of the last written digit and the place of the leading one.
** The value is NaN when the digits say more than a double holds exactly:
** more than 15 significant digits (DBL_DIG), unless a whole number of at
** most 2^53, or a number past the largest double; such digits are no
** figure (scan skips them), rather than a rounded one. */
static void parse_digits(const char *s, size_t n, double *v, double *u,
                         double *m) {
    char buf[64];
    size_t i, o = 0, decimals = 0, zeros = 0, intdigits = 0;
    size_t first = 0, last = 0, ndigits = 0; /* nonzero digits: 1-based */
    int dot = 0, frac_nonzero = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == ',') continue;
        if (s[i] == '.') {
            dot = 1;
            continue;
        }
        ndigits++;
        if (dot) {
            decimals++;
        } else {
            intdigits++;
            zeros = s[i] == '0' ? zeros + 1 : 0;
        }
        if (s[i] != '0') {
            if (!first) first = ndigits;
            last = ndigits;
            if (dot) frac_nonzero = 1;
        }
    }
    /* the significant digits, then the power of ten of the last one */
    if (first) {
        size_t k = 0;
        for (i = 0; i < n && o + 8 < sizeof buf; i++) {
            if (s[i] == ',' || s[i] == '.') continue;
            k++;
            if (k >= first && k <= last) buf[o++] = s[i];
        }
        snprintf(buf + o, sizeof buf - o, "e%ld",
                 (long)(ndigits - last) - (long)decimals);
        *v = strtod(buf, NULL);
    } else {
        *v = 0;
    }
    /* sixteen digits of a whole number are exact up to 2^53 */
    if (first && (!isfinite(*v) ||
                  (last - first + 1 > 15 &&
                   !(last - first + 1 == 16 && !frac_nonzero &&
                     ndigits - last == decimals &&
                     memcmp(buf, "9007199254740992", 16) <= 0)))) {
        *v = NAN;
        *u = *m = 1;
        return;
    }
    if (dot)
        *u = pow(10, -(double)decimals);
    else
        *u = intdigits > zeros ? pow(10, (double)zeros) : 1;
    *m = *v > 0 ? pow(10, floor(log10(*v) + 1e-9)) : 1;
    if (*m > *v && *v > 0) *m /= 10;
}

static int is_alpha_at(const char *t, size_t len, size_t i) {
    return i < len && (isalpha((unsigned char)t[i]) ||
                       ((unsigned char)t[i] >= 0xC0));
}

/* The longest line, in bytes, that can be page furniture. */
#define FURNITURE_LINE 200

/* Whether the figure at [s, e) is furniture rather than a quantity. */
static int skip_number(run *r, size_t s, size_t e, double v, int has_scale,
                       int has_unit, int has_sep, int has_dot) {
    const char *t = r->t;
    size_t p;
    /* ordinals: 14th, 20 th, 1st */
    p = e;
    if (p < r->len && t[p] == ' ') p++;
    if (p + 1 < r->len &&
        ((t[p] == 't' && t[p + 1] == 'h') || (t[p] == 's' && t[p + 1] == 't') ||
         (t[p] == 'n' && t[p + 1] == 'd') || (t[p] == 'r' && t[p + 1] == 'd')) &&
        !is_alpha_at(t, r->len, p + 2))
        return 1;
    /* a model name or code: 5G, G20, COVID-19, IMT2030 */
    if (s > 0 && t[s - 1] == '-' && s > 1 && isalpha((unsigned char)t[s - 2]))
        return 1;
    if (e < r->len && t[e] == '-' && is_alpha_at(t, r->len, e + 1) &&
        !has_unit)
        return 1;
    /* parts of dates: 2023-03-02, 3/8, March 1 */
    if (s > 0 && (t[s - 1] == '-' || t[s - 1] == '/') && s > 1 &&
        isdigit((unsigned char)t[s - 2]))
        return 1;
    if (e < r->len && (t[e] == '-' || t[e] == '/') &&
        e + 1 < r->len && isdigit((unsigned char)t[e + 1]) && !has_sep &&
        !has_dot && v >= 1000 && v < 3000)
        return 1;
    if (!has_scale && !has_unit && !has_sep && !has_dot) {
        size_t w = s;
        /* a month name right before: "March 1", "Dec. 21" */
        while (w > 0 && t[w - 1] == ' ') w--;
        if (w > 1 && t[w - 1] == '.' && isalpha((unsigned char)t[w - 2])) w--;
        if (w > 0 && isalpha((unsigned char)t[w - 1])) {
            size_t b = w;
            while (b > 0 && isalpha((unsigned char)t[b - 1])) b--;
            if (lx_words_find(&r->lx->months, t + b, w - b)) return 1;
        }
        /* a month name right after: "1 March" */
        p = e;
        while (p < r->len && t[p] == ' ') p++;
        if (p > e && is_alpha_at(t, r->len, p)) {
            size_t b = p;
            while (b < r->len && isalpha((unsigned char)t[b])) b++;
            if (lx_words_find(&r->lx->months, t + p, b - p)) return 1;
        }
        /* a year, or one cut short: "H1'24", "H1’24" */
        if (e - s == 4 && v >= 1900 && v <= 2100) return 1;
        if (e - s == 2 && s > 0 &&
            (t[s - 1] == '\'' ||
             (s > 2 && (unsigned char)t[s - 3] == 0xE2 &&
              (unsigned char)t[s - 2] == 0x80 && (unsigned char)t[s - 1] == 0x99)))
            return 1;
        /* the length of the period a figure is of: "the first 11 months",
           "over the prior 12 months", "the past three weeks" */
        {
            static const char *const spans[] = {"days", "months", "quarters",
                                                "weeks", "years", NULL};
            static const char *const opens[] = {"first", "last", "next",
                                                "past", "previous", "prior",
                                                NULL};
            size_t q = e, b = s, k2;
            int span = 0, open = 0;
            while (q < r->len && t[q] == ' ') q++;
            for (k2 = 0; spans[k2]; k2++)
                if (!strncasecmp(t + q, spans[k2], strlen(spans[k2])) &&
                    !is_alpha_at(t, r->len, q + strlen(spans[k2])))
                    span = 1;
            while (b > 0 && t[b - 1] == ' ') b--;
            for (k2 = 0; opens[k2] && span; k2++) {
                size_t n2 = strlen(opens[k2]);
                if (b >= n2 && !strncasecmp(t + b - n2, opens[k2], n2) &&
                    (b == n2 || !isalpha((unsigned char)t[b - n2 - 1])))
                    open = 1;
            }
            if (span && open) return 1;
        }
        /* a leading zero: 03 */
        if (t[s] == '0' && e - s > 1) return 1;
    }
    /* page furniture: a short line with almost no letters (a page number,
       a running head, a row of bare numbers).  A longer line is text,
       however many figures it lists; so only FURNITURE_LINE bytes on each
       side of the figure are looked at, and a document written on one
       line costs no more per figure than one written in short lines */
    {
        size_t a = s, b = e, letters = 0, total = 0, i;
        size_t amin = s > FURNITURE_LINE ? s - FURNITURE_LINE : 0;
        size_t bmax = r->len - e > FURNITURE_LINE ? e + FURNITURE_LINE : r->len;
        while (a > amin && t[a - 1] != '\n') a--;
        while (b < bmax && t[b] != '\n') b++;
        if ((a > 0 && t[a - 1] != '\n') || (b < r->len && t[b] != '\n') ||
            b - a > FURNITURE_LINE)
            return 0;
        for (i = a; i < b; i++) {
            unsigned char c = (unsigned char)t[i];
            if (isspace(c) || (c & 0xC0) == 0x80) continue;
            if (c == 0xC2 && i + 1 < b && (unsigned char)t[i + 1] == 0xA0)
                continue; /* no-break space */
            total++;
            if (is_alpha_at(t, r->len, i)) letters++;
        }
        if (total && letters * 4 < total) return 1;
    }
    return 0;
}

static int add_fig(run *r, const fig *f) {
    if (r->nfigs == r->capfigs) {
        size_t ncap = r->capfigs ? r->capfigs * 2 : 64;
        fig *p = realloc(r->figs, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        r->figs = p;
        r->capfigs = ncap;
    }
    r->figs[r->nfigs++] = *f;
    return FC_OK;
}

/* Read the number whose master match is in the match block: fills value,
** u, m, kind and returns the end of the number (before any scale). */
static size_t read_number(run *r, fig *f, int *has_sep, int *has_dot) {
    const fc_lexicon *lx = r->lx;
    size_t s, e, s2, e2;
    *has_sep = *has_dot = 0;
    if (group(r, lx->number, "num", &s, &e)) {
        size_t i;
        for (i = s; i < e; i++) {
            if (r->t[i] == ',') *has_sep = 1;
            if (r->t[i] == '.') *has_dot = 1;
        }
        parse_digits(r->t + s, e - s, &f->v, &f->u, &f->m);
        f->kind = K_DIGITS;
        if (group(r, lx->number, "suf", &s2, &e2)) {
            const lx_word *w = lx_words_find(&lx->suffixes, r->t + s2, e2 - s2);
            if (w) {
                f->v *= w->value;
                f->u *= w->value;
                f->m *= w->value;
            }
            return e2;
        }
        return e;
    }
    if (group(r, lx->number, "mult", &s, &e)) {
        const lx_word *w = lx_words_find(&lx->multiples, r->t + s, e - s);
        f->v = w ? w->value : 0;
        f->u = 1;
        f->m = 10;
        f->kind = K_MULTIPLE;
        f->growth = 1;
        snprintf(f->unit, sizeof f->unit, "%%");
        return e;
    }
    if (group(r, lx->number, "frac", &s, &e)) {
        const lx_word *w = lx_words_find(&lx->fractions, r->t + s, e - s);
        f->v = w ? w->value : 0;
        f->u = 1;
        f->m = 10;
        f->kind = K_FRACTION;
        snprintf(f->unit, sizeof f->unit, "%%");
        return e;
    }
    if (group(r, lx->number, "word", &s, &e)) {
        const lx_word *w = lx_words_find(&lx->words, r->t + s, e - s);
        size_t end = e;
        f->v = w ? w->value : 0;
        if (group(r, lx->number, "word2", &s2, &e2)) {
            const lx_word *w2 = lx_words_find(&lx->words, r->t + s2, e2 - s2);
            if (w2) f->v += w2->value;
            end = e2;
        }
        f->u = 1;
        f->m = f->v >= 10 ? 10 : 1;
        f->kind = K_WORD;
        return end;
    }
    return ov_end(r, 0);
}

/* After the number: a scale word, then a unit.  Returns the new end. */
static size_t read_scale_unit(run *r, fig *f, size_t e, int *has_scale,
                              int *has_unit) {
    const fc_lexicon *lx = r->lx;
    size_t i, s2, e2;
    *has_scale = *has_unit = 0;
    if ((f->kind == K_DIGITS || f->kind == K_WORD) &&
        match_at(r, lx->scale_at, e, r->len) &&
        group(r, lx->scale_at, "scale", &s2, &e2)) {
        char word[64];
        size_t n = 0, k;
        const lx_word *w;
        /* fold runs of white space to one space for the lookup */
        for (k = s2; k < e2 && n + 1 < sizeof word; k++) {
            if (isspace((unsigned char)r->t[k])) {
                if (n && word[n - 1] != ' ') word[n++] = ' ';
            } else {
                word[n++] = r->t[k];
            }
        }
        word[n] = '\0';
        w = lx_words_find(&lx->scales, word, n);
        if (w) {
            f->v *= w->value;
            f->u *= w->value;
            f->m *= w->value;
            *has_scale = 1;
            e = e2;
        }
    }
    if (f->kind == K_FRACTION || f->kind == K_MULTIPLE) return e;
    for (i = 0; i < lx->nunits_after; i++)
        if (match_at(r, lx->units_after[i].re, e, r->len)) {
            size_t ue = ov_end(r, 0);
            if (ue > e) {
                snprintf(f->unit, sizeof f->unit, "%s",
                         lx->units_after[i].unit);
                *has_unit = 1;
                f->unit_from = e;
                return ue;
            }
        }
    return e;
}

static void read_before(run *r, fig *f, size_t sent_start) {
    const fc_lexicon *lx = r->lx;
    size_t i, from = window_start(r, f->start, 64), at = f->start;
    if (from < sent_start) from = sent_start;
    /* a currency sign */
    for (i = 0; i < lx->nunits_before; i++)
        if (match_at(r, lx->units_before[i].re, from, at)) {
            if (!f->unit[0] || strcmp(f->unit, "count") == 0)
                snprintf(f->unit, sizeof f->unit, "%s",
                         lx->units_before[i].unit);
            at = ov(r, 0);
            f->start = at;
            break;
        }
    /* a hedge */
    for (i = 0; i < lx->nquals; i++) {
        if (lx->quals[i].after) continue;
        /* "from 199,000 to 173,000" is no range: "from" is no hedge */
        if (lx->quals[i].kind == QK_RANGE && !f->is_range) continue;
        if (match_at(r, lx->quals[i].re, from, at)) {
            f->qual = lx->quals[i].kind;
            f->start = ov(r, 0);
            at = f->start;
            break;
        }
    }
    /* a growth cue */
    if (match_at(r, lx->growth_down, from, at))
        f->growth = -1;
    else if (match_at(r, lx->growth_up, from, at))
        f->growth = 1;
}

static void read_after(run *r, fig *f) {
    const fc_lexicon *lx = r->lx;
    size_t i;
    for (i = 0; i < lx->nquals; i++) {
        if (!lx->quals[i].after) continue;
        if (match_at(r, lx->quals[i].re, f->end, r->len)) {
            f->qual = lx->quals[i].kind;
            f->end = ov_end(r, 0);
            f->tail = f->end;
            return;
        }
    }
}

static int is_money(const char *unit) {
    return !strcmp(unit, "CNY") || !strcmp(unit, "USD") || !strcmp(unit, "EUR");
}

/* Whether t[a, b) holds an amount of money: a figure and a currency. */
static int converted_amount(run *r, size_t a, size_t b) {
    static const char *const marks[] = {"$", "\xc2\xa5", "\xe2\x82\xac",
                                        "RMB", "yuan", "dollar", "USD", "CNY",
                                        "EUR", "euro", NULL};
    size_t i, k;
    if (!match_at(r, r->lx->number, a, b)) return 0;
    for (k = 0; marks[k]; k++) {
        size_t n = strlen(marks[k]);
        for (i = a; i + n <= b; i++)
            if (!strncmp(r->t + i, marks[k], n)) return 1;
    }
    return 0;
}

/* Find every figure in the text. */
static int scan(run *r) {
    const fc_lexicon *lx = r->lx;
    size_t pos = 0, si = 0;
    while (pos < r->len &&
           match_at(r, lx->number, pos, r->len)) {
        fig f;
        size_t mstart = ov(r, 0), mend = ov_end(r, 0), e;
        int has_sep, has_dot, has_scale, has_unit;

        memset(&f, 0, sizeof f);
        f.part_of = -1;
        f.metric_entry = -1;
        f.cue_end = SIZE_MAX;
        f.qual = QK_EXACT;
        f.num_start = f.start = mstart;
        e = read_number(r, &f, &has_sep, &has_dot);
        pos = mend > mstart ? mend : mstart + 1;
        /* a range: 3-5 million, 3 to 5 million, between 3 and 5 million */
        {
            size_t p = e, q;
            int between = 0;
            while (p < r->len && r->t[p] == ' ') p++;
            q = p;
            if (q < r->len && (r->t[q] == '-' || r->t[q] == '/'))
                q++;
            else if (q + 2 < r->len && (unsigned char)r->t[q] == 0xE2 &&
                     (unsigned char)r->t[q + 1] == 0x80 &&
                     ((unsigned char)r->t[q + 2] == 0x93))
                q += 3; /* en dash */
            else if (q + 2 < r->len && strncmp(r->t + q, "to ", 3) == 0)
                q += 2;
            else if (q + 3 < r->len && strncmp(r->t + q, "and ", 4) == 0) {
                size_t w = mstart;
                while (w > 0 && r->t[w - 1] == ' ') w--;
                between = w >= 7 && strncmp(r->t + w - 7, "between", 7) == 0;
                q = between ? q + 3 : p;
            }
            if (q > p && r->t[p] != '/' && f.kind == K_DIGITS) {
                while (q < r->len && r->t[q] == ' ') q++;
                if (match_at(r, lx->number_at, q, r->len)) {
                    fig g;
                    int s2, d2;
                    size_t ge;
                    memset(&g, 0, sizeof g);
                    ge = read_number(r, &g, &s2, &d2);
                    if (g.kind == K_DIGITS && g.v > f.v &&
                        !(f.v >= 1900 && f.v <= 2100 && g.v <= 2100 && !has_sep)) {
                        int gs, gu;
                        double scale = 1;
                        ge = read_scale_unit(r, &g, ge, &gs, &gu);
                        if (gs && g.v > 0) {
                            /* the second's scale word applies to both */
                            double raw = 0, uu, mm;
                            size_t k = q;
                            while (k < r->len && (isdigit((unsigned char)r->t[k]) ||
                                                  r->t[k] == ',' || r->t[k] == '.'))
                                k++;
                            parse_digits(r->t + q, k - q, &raw, &uu, &mm);
                            if (raw > 0) scale = g.v / raw;
                        }
                        f.rlo = f.v * scale;
                        f.rhi = g.v;
                        f.v = (f.rlo + f.rhi) / 2;
                        f.u *= scale;
                        f.m *= scale;
                        f.is_range = 1;
                        f.qual = QK_RANGE;
                        memcpy(f.unit, g.unit, sizeof f.unit);
                        f.unit_from = g.unit_from;
                        has_scale = gs;
                        has_unit = gu;
                        e = ge;
                        pos = ge;
                    }
                }
            }
        }
        if (!f.is_range) e = read_scale_unit(r, &f, e, &has_scale, &has_unit);
        f.end = f.tail = e;
        if (f.kind == K_DIGITS && isnan(f.v)) continue; /* parse_digits */
        if (f.kind == K_DIGITS &&
            skip_number(r, f.num_start, ov_end(r, 0) > f.num_start ? e : e,
                        f.v, has_scale, has_unit, has_sep, has_dot)) {
            /* re-check with the bare number end for ordinals and dates */
            continue;
        }
        while (si + 1 < r->nsents && r->sents[si].end <= f.num_start) si++;
        f.sent = si;
        read_before(r, &f, r->sents[si].start);
        read_after(r, &f);
        if (f.qual == QK_RANGE && !f.is_range) f.qual = QK_EXACT;
        if (!f.unit[0]) snprintf(f.unit, sizeof f.unit, "count");
        /* number words count only with a unit; fractions only as "of" */
        if (f.kind == K_WORD && !has_unit) f.needs_after = 1;
        if (f.kind == K_MULTIPLE) {
            /* "doubled" is a change; "double" only when hedged ("almost
               double"), not an adjective ("double points") */
            size_t n0 = ov(r, 0) < f.num_start ? f.num_start : f.num_start;
            size_t k = n0;
            while (k < r->len && isalpha((unsigned char)r->t[k])) k++;
            if (!(k > n0 && r->t[k - 1] == 'd') && f.qual == QK_EXACT)
                continue;
        }
        if (f.kind == K_FRACTION) {
            size_t p = f.end, w = f.num_start;
            /* "the second half of the game" is no share */
            while (w > 0 && r->t[w - 1] == ' ') w--;
            {
                size_t b = w;
                while (b > 0 && isalpha((unsigned char)r->t[b - 1])) b--;
                if (w > b && (!strncmp(r->t + b, "first", w - b) ||
                              !strncmp(r->t + b, "second", w - b) ||
                              !strncmp(r->t + b, "latter", w - b) ||
                              !strncmp(r->t + b, "former", w - b) ||
                              !strncmp(r->t + b, "other", w - b)) &&
                    (w - b == 5 || w - b == 6))
                    continue;
            }
            while (p < r->len && r->t[p] == ' ') p++;
            if (!(p + 2 < r->len && strncmp(r->t + p, "of", 2) == 0 &&
                  !is_alpha_at(r->t, r->len, p + 2)))
                continue;
        }
        if (add_fig(r, &f) != FC_OK) return FC_ENOMEM;
        if (pos < f.end) pos = f.end;
        /* an amount converted into another currency in parentheses is the
           same figure: "$1.2 billion (8.3 billion yuan)" */
        if (is_money(f.unit)) {
            size_t p = f.end, q;
            while (p < r->len && r->t[p] == ' ') p++;
            if (p < r->len && r->t[p] == '(') {
                for (q = p + 1; q < r->len && q < p + 80 && r->t[q] != ')' &&
                                r->t[q] != '\n';
                     q++)
                    ;
                if (q < r->len && r->t[q] == ')' &&
                    converted_amount(r, p + 1, q))
                    pos = q + 1;
            }
        }
    }
    return FC_OK;
}

/* An ordinal that gives the length of a run is a figure: "for the 14th
** consecutive year", "the third month in a row", "an eighth straight
** year".  Other ordinals name or rank and stay out. */
static int fig_cmp(const void *a, const void *b) {
    const fig *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int scan_streaks(run *r) {
    const char *t = r->t;
    size_t i = 0, n0 = r->nfigs, si = 0;
    while (i < r->len) {
        size_t s = i, e, k, unit_end = 0, lim;
        double v = 0;
        const lx_word *w;
        char unit[16] = "";
        fig f;
        if (!isalnum((unsigned char)t[i]) ||
            (i > 0 && isalnum((unsigned char)t[i - 1]))) {
            i++;
            continue;
        }
        e = s;
        while (e < r->len && isalnum((unsigned char)t[e])) e++;
        i = e;
        /* an ordinal, in digits or words, ends in st, nd, rd or th */
        if (e - s < 3 ||
            (strncasecmp(t + e - 2, "th", 2) && strncasecmp(t + e - 2, "st", 2) &&
             strncasecmp(t + e - 2, "nd", 2) && strncasecmp(t + e - 2, "rd", 2)))
            continue;
        if (isdigit((unsigned char)t[s])) {
            size_t d = s;
            while (d < e && isdigit((unsigned char)t[d])) d++;
            if (e - d != 2 || d - s > 3 ||
                (strncasecmp(t + d, "th", 2) && strncasecmp(t + d, "st", 2) &&
                 strncasecmp(t + d, "nd", 2) && strncasecmp(t + d, "rd", 2)))
                continue;
            for (k = s; k < d; k++) v = v * 10 + (t[k] - '0');
        } else if ((w = lx_words_find(&r->lx->ordinals, t + s, e - s))) {
            v = w->value;
        } else {
            continue;
        }
        if (v < 2 || !fc_streak_cue_after(t, e, r->len)) continue;
        /* the span runs to "year(s)" / "month(s)" and "in a row" */
        lim = e + 48 < r->len ? e + 48 : r->len;
        for (k = e; k + 4 <= lim; k++) {
            if (!strncasecmp(t + k, "year", 4) && !isalpha((unsigned char)t[k - 1])) {
                snprintf(unit, sizeof unit, "years");
                unit_end = k + 4;
            } else if (k + 5 <= lim && !strncasecmp(t + k, "month", 5) &&
                       !isalpha((unsigned char)t[k - 1])) {
                snprintf(unit, sizeof unit, "months");
                unit_end = k + 5;
            }
            if (unit_end) break;
        }
        if (!unit_end) continue;
        if (unit_end < r->len && t[unit_end] == 's') unit_end++;
        if (unit_end + 9 <= r->len && !strncasecmp(t + unit_end, " in a row", 9))
            unit_end += 9;
        /* not where the scan found a figure already */
        for (k = 0; k < n0; k++)
            if (r->figs[k].start < unit_end && r->figs[k].end > s) break;
        if (k < n0) continue;
        memset(&f, 0, sizeof f);
        f.part_of = -1;
        f.metric_entry = -1;
        f.cue_end = SIZE_MAX;
        f.qual = QK_EXACT;
        f.kind = K_WORD;
        f.start = f.num_start = s;
        f.end = f.tail = unit_end;
        f.v = v;
        f.u = 1;
        f.m = v >= 10 ? 10 : 1;
        memcpy(f.unit, unit, sizeof f.unit);
        while (si + 1 < r->nsents && r->sents[si].end <= s) si++;
        f.sent = si;
        if (add_fig(r, &f) != FC_OK) return FC_ENOMEM;
        i = unit_end;
    }
    if (r->nfigs > n0) qsort(r->figs, r->nfigs, sizeof *r->figs, fig_cmp);
    return FC_OK;
}

/* ---- placing a figure in its sentence ------------------------------------------ */

static int unit_class_ok(const char *entry_unit, const char *unit) {
    static const char *const money[] = {"CNY", "USD", "EUR", NULL};
    int a = 0, b = 0, i;
    if (strcmp(entry_unit, unit) == 0) return 1;
    for (i = 0; money[i]; i++) {
        if (strcmp(entry_unit, money[i]) == 0) a = 1;
        if (strcmp(unit, money[i]) == 0) b = 1;
    }
    return a && b;
}

typedef struct cues {
    cue *items;
    size_t n, cap;
} cues;

static int push_cue(cues *c, size_t s, size_t e, int entry) {
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 32;
        cue *p = realloc(c->items, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        c->items = p;
        c->cap = ncap;
    }
    memset(&c->items[c->n], 0, sizeof c->items[c->n]);
    c->items[c->n].start = s;
    c->items[c->n].end = e;
    c->items[c->n].entry = entry;
    c->n++;
    return FC_OK;
}

/* Every match of re in [from, to), as cues with the given entry. */
static int all_matches(run *r, const pcre2_code *re, size_t from, size_t to,
                       int entry, cues *c) {
    size_t pos = from;
    while (pos < to && match_at(r, re, pos, to)) {
        size_t s = ov(r, 0), e = ov_end(r, 0);
        if (push_cue(c, s, e, entry) != FC_OK) return FC_ENOMEM;
        pos = e > s ? e : char_start(r->t, s + 1) + 1;
        while (pos < to && ((unsigned char)r->t[pos] & 0xC0) == 0x80) pos++;
    }
    return FC_OK;
}

/* A count from a group: digits or a number word ("eleven"), or -1. */
static int count_value(run *r, size_t s, size_t e) {
    const lx_word *w;
    int v = digits_value(r->t + s, e - s);
    if (v >= 0) return v;
    w = lx_words_find(&r->lx->words, r->t + s, e - s);
    return w && w->value >= 1 && w->value <= 12 ? (int)w->value : -1;
}

/* A span of months: named groups from and to (months), or n, a count of
** units of `per` months from January ("the first 11 months", "the first
** three quarters"; no n is one unit: "the first half"), in the year of
** group year, or of group rel ("this" year, "last" year), or else the
** latest such span that ends by the document's month.  One month is
** written as a month: "2023-05". */
static void months_span(run *r, const lx_period *p, char *out, size_t size) {
    size_t s, e;
    int from = 1, to, y, dmo;
    if (group(r, p->re, "from", &s, &e)) {
        from = month_value(r, s, e);
        if (!group(r, p->re, "to", &s, &e)) return;
        to = month_value(r, s, e);
    } else {
        int n = 1;
        if (group(r, p->re, "n", &s, &e) && (n = count_value(r, s, e)) < 0)
            return;
        to = n * p->per;
    }
    if (from < 1 || from > 12 || to < 1 || to > 12 || from > to) return;
    if (group(r, p->re, "year", &s, &e)) {
        y = digits_value(r->t + s, e - s);
    } else if (!r->year) {
        return;
    } else if (group(r, p->re, "rel", &s, &e)) {
        y = r->year - (r->t[s] == 'l' || r->t[s] == 'L' || r->t[s] == 'p' ||
                       r->t[s] == 'P');
    } else {
        dmo = digits_value(r->date + 5, 2);
        y = to > dmo ? r->year - 1 : r->year;
    }
    if (y < 1000 || y > 9999) return;
    if (from == to)
        snprintf(out, size, "%04d-%02d", y, to);
    else
        snprintf(out, size, "%04d-%02d/%04d-%02d", y, from, y, to);
}

/* Resolve a period cue whose match is in the match block. */
static void resolve_period(run *r, const lx_period *p, char *out, size_t size) {
    size_t s, e, s2, e2;
    int y;
    out[0] = '\0';
    switch (p->resolve) {
    case PR_YEAR:
        if (group(r, p->re, "year", &s, &e))
            snprintf(out, size, "%.*s", (int)(e - s), r->t + s);
        break;
    case PR_YEAR_END:
        /* a stock at the end of a year is December's, as one at the end
           of a month is that month's */
        if (group(r, p->re, "year", &s, &e))
            snprintf(out, size, "%.4s-12", r->t + s);
        break;
    case PR_DATE:
        if (group(r, p->re, "year", &s, &e) &&
            group(r, p->re, "month", &s2, &e2)) {
            int mo = month_value(r, s2, e2), d = 0;
            size_t s3, e3;
            y = digits_value(r->t + s, e - s);
            if (group(r, p->re, "day", &s3, &e3))
                d = digits_value(r->t + s3, e3 - s3);
            if (d > 0 && valid_date(y, mo, d))
                snprintf(out, size, "%04d-%02d-%02d", y % 10000, mo % 100,
                         d % 100);
            else if (mo >= 1 && mo <= 12 && y >= 1000 && y <= 9999)
                snprintf(out, size, "%04d-%02d", y % 10000, mo % 100);
        }
        break;
    case PR_SPAN:
        if (group(r, p->re, "from", &s, &e) && group(r, p->re, "to", &s2, &e2) &&
            digits_value(r->t + s, e - s) <= digits_value(r->t + s2, e2 - s2))
            snprintf(out, size, "%.4s/%.4s", r->t + s, r->t + s2);
        break;
    case PR_DOC_YEAR:
        if (r->year) snprintf(out, size, "%d", r->year + p->offset);
        break;
    case PR_DOC_YEAR_END:
        if (r->year) snprintf(out, size, "%04d-12", (r->year + p->offset) % 10000);
        break;
    case PR_DOC_DATE:
        /* a day and month without a year: in the document's year */
        if (r->year && group(r, p->re, "month", &s2, &e2) &&
            group(r, p->re, "day", &s, &e)) {
            int mo = month_value(r, s2, e2), d = digits_value(r->t + s, e - s);
            if (valid_date(r->year, mo, d))
                snprintf(out, size, "as-of %04d-%02d-%02d", r->year % 10000,
                         mo % 100, d % 100);
        }
        break;
    case PR_MONTH:
        /* a month without a year: the latest such month that is not after
           the document's ("in December" in January 2024 is 2023-12) */
        if (r->year && group(r, p->re, "month", &s2, &e2)) {
            int mo = month_value(r, s2, e2), dmo = digits_value(r->date + 5, 2);
            if (mo >= 1 && mo <= 12)
                snprintf(out, size, "%04d-%02d",
                         (mo > dmo ? r->year - 1 : r->year) % 10000, mo % 100);
        }
        break;
    case PR_DOC_MONTH:
        /* the document's month plus the offset: "last month" */
        if (r->year) {
            int m = r->year * 12 + digits_value(r->date + 5, 2) - 1 + p->offset;
            snprintf(out, size, "%04d-%02d", (m / 12) % 10000, m % 12 + 1);
        }
        break;
    case PR_MONTHS:
        months_span(r, p, out, size);
        break;
    case PR_SINCE:
        /* since a year: from it to the last full year before the document */
        if (group(r, p->re, "year", &s, &e) && r->year &&
            (y = digits_value(r->t + s, e - s)) > 0 && y < r->year)
            snprintf(out, size, "%d/%d", y, r->year - 1);
        break;
    default:
        if (r->date[0]) snprintf(out, size, "as-of %s", r->date);
        break;
    }
}

static int period_year(const char *p) {
    if (strncmp(p, "as-of ", 6) == 0) p += 6;
    return digits_value(p, 4);
}

/* Whether a clause ends between two positions of a sentence: "; ",
** ", and that", ", while", ", but". */
static int has_clause_break(run *r, size_t from, size_t to) {
    static const char *const breaks[] = {";", ", and that", " and that ",
                                         ", while", ", but", ", whereas",
                                         NULL};
    size_t i, k;
    for (i = from; i < to; i++)
        for (k = 0; breaks[k]; k++) {
            size_t n = strlen(breaks[k]);
            if (i + n <= to && strncmp(r->t + i, breaks[k], n) == 0) return 1;
        }
    return 0;
}

/* Whether the figure ends its clause (only punctuation or a quote mark
** follows), as in an elliptical "Now there are 200." where no noun says
** what is counted. */
static int ends_clause(run *r, size_t at, size_t end) {
    while (at < end && (r->t[at] == ' ' || r->t[at] == '"' || r->t[at] == '\''))
        at++;
    return at >= end || strchr(".!?;,)", r->t[at]) != NULL;
}

/* Whether a comma or a conjunction stands between two positions: a phrase
** so separated from a figure does not name it ("SMEs, and 8,997 ..."). */
static int gap_has_break(run *r, size_t from, size_t to) {
    size_t i;
    for (i = from; i < to; i++) {
        if (r->t[i] == ',' || r->t[i] == ';' || r->t[i] == ':') return 1;
        if (to - i >= 4 && (!strncmp(r->t + i, " and", 4) ||
                            !strncmp(r->t + i, " but", 4)))
            return 1;
    }
    return 0;
}

/* Whether only list punctuation separates two figures: ", ", " and ". */
static int gap_is_list(run *r, size_t from, size_t to) {
    size_t i;
    int words = 0;
    for (i = from; i < to; i++) {
        char c = r->t[i];
        if (c == ' ' || c == ',') continue;
        if (to - i >= 3 && strncmp(r->t + i, "and", 3) == 0 && !words) {
            i += 2;
            words++;
            continue;
        }
        if (to - i >= 2 && strncmp(r->t + i, "or", 2) == 0 && !words) {
            i += 1;
            words++;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Whether metric cue c can name figure f: the same kind of unit, or a
** percentage that is a share (*share) or a growth rate (*grow) of it. */
static int cue_fits(const fc_lexicon *lx, const cue *c, const fig *f,
                    int *share, int *grow) {
    const lx_metric *m = &lx->metrics[c->entry];
    int pct = strcmp(f->unit, "%") == 0, mpct = strcmp(m->unit, "%") == 0;
    *share = *grow = 0;
    if (pct && !mpct) {
        if (f->growth)
            *grow = 1;
        else
            *share = 1;
        return 1;
    }
    return unit_class_ok(m->unit, f->unit);
}

static int same_kind(const fig *a, const fig *b) {
    return !strcmp(a->unit, b->unit) && (a->growth != 0) == (b->growth != 0);
}

/* If figure fi is the k-th of a list of n figures closed by
** "respectively", and the sentence names n distinct metrics before the
** list, give it the k-th of them. */
static void respectively(run *r, const fc_lexicon *lx, const cues *mc,
                         size_t first, size_t last, size_t fi, int *best,
                         int *share, int *grow, size_t *best_end) {
    size_t a = fi, b = fi, n, k, j, found = 0;
    const cue *picked[16];
    const char *after;
    size_t end;
    while (a > first && same_kind(&r->figs[a - 1], &r->figs[fi]) &&
           gap_is_list(r, r->figs[a - 1].end, r->figs[a].start))
        a--;
    while (b + 1 < last && same_kind(&r->figs[b + 1], &r->figs[fi]) &&
           gap_is_list(r, r->figs[b].end, r->figs[b + 1].start))
        b++;
    n = b - a + 1;
    if (n < 2 || n > 16) return;
    /* "respectively" soon after the list */
    end = r->figs[b].end;
    after = r->t + end;
    {
        size_t lim = r->len - end < 60 ? r->len - end : 60;
        int hit = 0;
        for (k = 0; k + 12 <= lim; k++)
            if (strncmp(after + k, "respectively", 12) == 0) hit = 1;
        if (!hit) return;
    }
    /* the last n distinct metric phrases before the list: repeatedly take
       the fitting phrase that ends latest among those not yet taken */
    while (found < n) {
        const cue *latest = NULL;
        for (k = 0; k < mc->n; k++) {
            const cue *c = &mc->items[k];
            int sh, gr, dup = 0;
            if (c->end > r->figs[a].start) continue;
            if (found && c->end > picked[found - 1]->end) continue;
            if (!cue_fits(lx, c, &r->figs[fi], &sh, &gr)) continue;
            for (j = 0; j < found; j++)
                if (picked[j]->entry == c->entry) dup = 1;
            if (dup) continue;
            if (!latest || c->end > latest->end) latest = c;
        }
        if (!latest) break;
        picked[found++] = latest;
    }
    if (found != n) return;
    /* picked[] runs from the last phrase back; sort it by where each ends */
    for (k = 1; k < found; k++)
        for (j = k; j > 0 && picked[j - 1]->end < picked[j]->end; j--) {
            const cue *t = picked[j];
            picked[j] = picked[j - 1];
            picked[j - 1] = t;
        }
    {
        const cue *c = picked[found - 1 - (fi - a)];
        cue_fits(lx, c, &r->figs[fi], share, grow);
        *best = c->entry;
        *best_end = c->start;
    }
}

/* "A reached 7 and B 6, growth of 97% and 93%": a list of growth rates
** right after as many levels of distinct metrics takes their metrics in
** order, even without "respectively". */
static void parallel_growth(run *r, size_t first, size_t fi, size_t last) {
    size_t a = fi, b = fi, n, k, nlev = 0;
    fig *f = &r->figs[fi];
    const fig *lev[16];
    while (a > first && r->figs[a - 1].growth && same_kind(&r->figs[a - 1], f) &&
           gap_is_list(r, r->figs[a - 1].end, r->figs[a].start))
        a--;
    while (b + 1 < last && r->figs[b + 1].growth &&
           same_kind(&r->figs[b + 1], f) &&
           gap_is_list(r, r->figs[b].end, r->figs[b + 1].start))
        b++;
    n = b - a + 1;
    if (n < 2 || n > 16) return;
    /* the levels just before the list */
    for (k = a; k-- > first && nlev < n;) {
        const fig *g = &r->figs[k];
        if (g->growth || !g->metric || g->derive != D_NONE) break;
        lev[nlev++] = g;
    }
    if (nlev != n) return;
    for (k = 0; k + 1 < n; k++)
        if (!strcmp(lev[k]->metric, lev[k + 1]->metric)) return;
    /* lev[] runs backwards from the list */
    {
        const fig *g = lev[n - 1 - (fi - a)];
        f->metric_entry = g->metric_entry;
        f->cue_end = SIZE_MAX;
        f->metric = g->metric;
        f->derive = D_GROWTH;
    }
}

/* ---- what a figure measures ---------------------------------------------- */

/* The end of the clause a figure at t[at] is in: the next ";", ",", ":"
** or ")" (within the sentence). */
static size_t clause_end(run *r, size_t at, size_t end) {
    size_t i;
    for (i = at; i < end; i++)
        if (strchr(";,:)", r->t[i]) &&
            !(r->t[i] == ',' && i > at && isdigit((unsigned char)r->t[i - 1]) &&
              isdigit((unsigned char)r->t[i + 1])))
            return i;
    return end;
}

/* Whether t[s, e) is a unit word that counts anything at all ("units",
** "pieces"): no measured thing. */
static int generic_noun(run *r, size_t s, size_t e) {
    static const char *const words[] = {"items", "pieces", "times", "unit",
                                        "units", NULL};
    size_t k;
    for (k = 0; words[k]; k++)
        if (e - s == strlen(words[k]) &&
            !strncasecmp(r->t + s, words[k], e - s))
            return 1;
    return 0;
}

/* Whether "of them", "of these", "of those" or "of which" follows
** t[at]. */
static int of_them(run *r, size_t at, size_t end) {
    static const char *const words[] = {"of them", "of these", "of those",
                                        "of which", NULL};
    size_t k;
    while (at < end && r->t[at] == ' ') at++;
    for (k = 0; words[k]; k++) {
        size_t n = strlen(words[k]);
        if (at + n <= end && !strncasecmp(r->t + at, words[k], n) &&
            (at + n == end || !isalnum((unsigned char)r->t[at + n])))
            return 1;
    }
    return 0;
}

/* The measured phrase of figure f (prev: the figure before it in its
** sentence, or NULL): the noun phrase right after it ("20 million
** ports"); else the thing its clause is about ("output rose 30 percent to
** 9 million"); else what the figure before it in the sentence measured;
** else the thing the sentence is about.  A figure in parentheses after a
** population ("adult men (3.6 percent)") names that population and
** measures what the sentence names before it. */
static void measured_phrase(run *r, fig *f, const sentence *st,
                            const fig *prev, const fig *next) {
    size_t s, e, from, at = f->tail;
    f->population[0] = '\0';
    if (fc_paren_population(r->t, st->start, f->start, &s, &e)) {
        fc_population_text(r->t + s, e - s, f->population,
                           sizeof f->population);
        if (prev && prev->mfrom != M_NONE &&
            fc_paren_population(r->t, st->start, prev->start, &from, &at)) {
            f->ms = prev->ms;
            f->me = prev->me;
            f->mfrom = M_INHERITED;
        } else if (fc_measured_before(r->t, st->start, s, &f->ms, &f->me)) {
            f->mfrom = M_SENTENCE;
        }
        return;
    }
    from = fc_clause_start(r->t, st->start, f->start);
    /* "70,000 firms ... and 8,997 of them": a part of what the figure
       before it counts */
    if (prev && prev->mfrom != M_NONE && of_them(r, f->tail, st->end)) {
        f->ms = prev->ms;
        f->me = prev->me;
        f->mfrom = M_INHERITED;
        return;
    }
    /* a unit word that counts things is the noun itself: "7 million
       vehicles"; but "the number of users reached 695 million households"
       counts users */
    if (!strcmp(f->unit, "count") && f->unit_from) at = f->unit_from;
    if (strcmp(f->unit, "%") && strcmp(f->unit, "pp") &&
        fc_measured_after(r->t, at, st->end, &s, &e) &&
        !generic_noun(r, s, e) &&
        !(at == f->unit_from && at &&
          (fc_number_of(r->t, from, f->start, &f->ms, &f->me) ||
           (fc_measured_before(r->t, from, f->start, &f->ms, &f->me) &&
            fc_linking_verb(r->t, f->me, f->start))))) {
        f->ms = s;
        f->me = e;
        f->mfrom = M_AFTER;
        return;
    }
    if (fc_number_of(r->t, from, f->start, &s, &e)) {
        f->ms = s;
        f->me = e;
        f->mfrom = M_CLAUSE;
        return;
    }
    /* "30.1 million and 30.0 million vehicles": a list shares the noun of
       its last figure */
    {
        const fig *g = f, *h = next, *end = r->figs + r->nfigs;
        while (h && h->sent == f->sent && !strcmp(h->unit, f->unit) &&
               gap_is_list(r, g->end, h->start)) {
            size_t hat = !strcmp(h->unit, "count") && h->unit_from
                             ? h->unit_from
                             : h->tail;
            if (strcmp(h->unit, "%") && strcmp(h->unit, "pp") &&
                fc_measured_after(r->t, hat, st->end, &s, &e) &&
                !generic_noun(r, s, e)) {
                f->ms = s;
                f->me = e;
                f->mfrom = M_AFTER;
                return;
            }
            g = h;
            h = h + 1 < end ? h + 1 : NULL;
        }
    }
    /* "(down from the blowout 353,000)": an aside is about what the
       figure before it measured */
    if (from > st->start && r->t[from - 1] == '(' && prev &&
        prev->mfrom != M_NONE) {
        f->ms = prev->ms;
        f->me = prev->me;
        f->mfrom = M_INHERITED;
        return;
    }
    if (fc_measured_before(r->t, from, f->start, &s, &e)) {
        f->ms = s;
        f->me = e;
        f->mfrom = M_CLAUSE;
        return;
    }
    if (prev && prev->mfrom != M_NONE) {
        f->ms = prev->ms;
        f->me = prev->me;
        f->mfrom = M_INHERITED;
        return;
    }
    if (from > st->start &&
        (fc_number_of(r->t, st->start, f->start, &s, &e) ||
         fc_measured_subject(r->t, st->start, from, &s, &e))) {
        f->ms = s;
        f->me = e;
        f->mfrom = M_SENTENCE;
    }
}

/* "The figure grew 6.8 percent", "The volume accounted for 28.5
** percent": a phrase that only points back takes the measured thing of
** the last figure before it in the paragraph. */
static void resolve_anaphor(run *r, size_t fi) {
    fig *f = &r->figs[fi];
    size_t k;
    int kind;
    f->of_change = f->of_average = 0;
    f->like_role = -1;
    if (f->mfrom == M_NONE ||
        !(kind = fc_is_anaphor(r->t, f->ms, f->me)))
        return;
    /* the paragraph before counts too: "The volume accounted for ..."
       may open one; a figure the text gives no time of is then of the
       time of the figure it points back to */
    for (k = fi; k-- > 0;) {
        const fig *g = &r->figs[k];
        if (r->sents[g->sent].para + 1 < r->sents[f->sent].para) break;
        /* a count or an amount is one of the same unit; a percentage
           may be one of anything ("the figure grew 6.8 percent") */
        if (strcmp(f->unit, "%") && strcmp(f->unit, g->unit)) continue;
        if (g->mfrom != M_NONE && !fc_is_anaphor(r->t, g->ms, g->me)) {
            f->ms = g->ms;
            f->me = g->me;
            f->mfrom = M_INHERITED;
            f->of_change = (kind & FC_ANAPHOR_CHANGE) != 0;
            /* "The reading was down from 2.8 percent": a reading of a
               growth rate is one */
            if ((kind & FC_ANAPHOR_READING) && !strcmp(f->unit, g->unit) &&
                g->role != R_LEVEL)
                f->like_role = g->role;
            if (!f->population[0])
                memcpy(f->population, g->population, sizeof f->population);
            f->of_average = (kind & FC_ANAPHOR_AVERAGE) != 0;
            if (!f->stated && g->stated) {
                memcpy(f->period, g->period, sizeof f->period);
                f->stated = 1;
            }
            return;
        }
    }
}

/* "The harbour's 5G base stations came to 4,200, with the number of
** ferry passengers topping 9 million": a lexicon phrase
** in an earlier clause does not name what a figure measures when the
** figure's own clause names another thing (the noun after it, or "the
** number of X"); the figure keeps that thing's phrase key instead. */
static void foreign_metric(run *r, fig *f, const sentence *st) {
    size_t i, from = 0;
    (void)st;
    if (f->metric_entry < 0 || f->cue_end == SIZE_MAX) return;
    if (f->mfrom != M_AFTER && f->mfrom != M_CLAUSE) return;
    /* the last comma or semicolon between the phrase and the figure (a
       parenthesis closed before the figure ends no clause) */
    for (i = f->cue_end; i < f->start; i++)
        if (r->t[i] == ';' ||
            (r->t[i] == ',' && !(i > 0 && isdigit((unsigned char)r->t[i - 1]) &&
                                 isdigit((unsigned char)r->t[i + 1]))))
            from = i + 1;
    if (!from || f->ms < from) return;
    /* the clause names its thing: a noun right after the figure, or "the
       number of X" (a subject alone may be a source: "plants supply
       over 50 per cent of world output") */
    if (f->mfrom == M_CLAUSE) {
        size_t s, e;
        if (!fc_number_of(r->t, from, f->start, &s, &e) || s != f->ms) return;
    }
    f->metric_entry = -1;
    f->metric = NULL;
    f->subject = NULL;
    f->basis = NULL;
    f->derive = D_NONE;
}

/* Whether the noun phrase t[s, e) names a whole or a measure rather than
** a part of it that could add things: "the economy", "employers",
** "nonfarm payroll employment", "production" (but "health care",
** "shipyards", "the island ferries" are parts). */
static int aggregate(run *r, size_t s, size_t e) {
    static const char *const wholes[] = {"country", "economy", "employers",
                                         "nation", "world", NULL};
    size_t w = e, n, k;
    while (w > s && isalpha((unsigned char)r->t[w - 1])) w--;
    n = e - w;
    for (k = 0; wholes[k]; k++)
        if (n == strlen(wholes[k]) && !strncasecmp(r->t + w, wholes[k], n))
            return 1;
    /* a noun of an action or its result: employment, production */
    return (n > 4 && !strncasecmp(r->t + e - 4, "ment", 4)) ||
           (n > 4 && !strncasecmp(r->t + e - 4, "tion", 4)) ||
           (n > 5 && !strncasecmp(r->t + e - 5, "ments", 5)) ||
           (n > 5 && !strncasecmp(r->t + e - 5, "tions", 5));
}

/* The population of figure f, when the lexicon names one in its clause
** or its measured phrase ("enterprises above designated size", "per
** capita"); a population read from the text itself (in parentheses)
** stays. */
static void population_of(run *r, fig *f, const sentence *st) {
    size_t from = fc_clause_start(r->t, st->start, f->start), to, i;
    if (f->population[0]) return;
    if (f->mfrom != M_NONE && f->ms < from) from = f->ms;
    to = clause_end(r, f->end, st->end);
    if (f->mfrom != M_NONE && f->me > to) to = f->me;
    for (i = 0; i < r->lx->npopulations; i++)
        if (match_at(r, r->lx->populations[i].re, from, to)) {
            snprintf(f->population, sizeof f->population, "%s",
                     r->lx->populations[i].name);
            return;
        }
    /* a figure that measures what the one before it in its sentence
       measured is of its population: "Island ferries added 900 sailings,
       more than their usual monthly gain of 700" */
    if (f->mfrom == M_INHERITED && f > r->figs && (f - 1)->sent == f->sent &&
        (f - 1)->ms == f->ms && (f - 1)->population[0]) {
        memcpy(f->population, (f - 1)->population, sizeof f->population);
        return;
    }
    /* "Island ferries added 900 sailings": who adds the thing counted after
       the figure is its population */
    if (f->mfrom == M_AFTER && !f->population[0]) {
        static const char *const verbs[] = {" added", " created", " cut",
                                            " gained", " lost", " shed",
                                            NULL};
        size_t end = f->start, k, s, e;
        while (end > from && r->t[end - 1] == ' ') end--;
        for (k = 0; verbs[k]; k++) {
            size_t n = strlen(verbs[k]);
            if (end >= from + n && !strncmp(r->t + end - n, verbs[k], n)) {
                end -= n;
                break;
            }
        }
        if (verbs[k] && fc_measured_subject(r->t, from, end, &s, &e) &&
            e == end && !fc_is_anaphor(r->t, s, e) && !aggregate(r, s, e)) {
            fc_population_text(r->t + s, e - s, f->population,
                               sizeof f->population);
            return;
        }
    }
    /* "Of the 4,100 sailings added, 3,000 were in the northern fleet"
       what sets a part apart from its whole is its population */
    if (f->part_of >= 0) {
        static const char *const verbs[] = {"were ", "was ", "are ", "is ",
                                            NULL};
        size_t at = f->tail, k, s, e;
        while (at < to && r->t[at] == ' ') at++;
        for (k = 0; verbs[k]; k++)
            if (!strncmp(r->t + at, verbs[k], strlen(verbs[k]))) {
                at += strlen(verbs[k]);
                break;
            }
        if (strncmp(r->t + at, "in ", 3)) return;
        at += 3;
        if (!strncmp(r->t + at, "the ", 4)) at += 4;
        if (fc_measured_after(r->t, at, to, &s, &e))
            fc_population_text(r->t + s, e - s, f->population,
                               sizeof f->population);
    }
}

/* Whether the lexicon's metric of f names a share or a change. */
static int metric_ends(const fig *f, const char *suffix) {
    size_t n, k;
    if (!f->metric) return 0;
    n = strlen(f->metric);
    k = strlen(suffix);
    return n > k && !strcmp(f->metric + n - k, suffix);
}

/* Whether a comparative makes figure f a difference: "paid 2.4 percent
** more than a year before", "lower by 1.9% than in March". */
static int comparative(run *r, const fig *f, const sentence *st) {
    static const char *const after[] = {"more ", "less ", "higher ",
                                        "lower ", "cheaper ", "dearer ",
                                        NULL};
    static const char *const before[] = {"higher by ", "lower by ",
                                         "more by ", "less by ", NULL};
    size_t k, at = f->tail;
    while (at < st->end && r->t[at] == ' ') at++;
    for (k = 0; after[k]; k++)
        if (!strncmp(r->t + at, after[k], strlen(after[k]))) return 1;
    for (k = 0; before[k]; k++) {
        size_t n = strlen(before[k]);
        if (f->start >= st->start + n &&
            !strncmp(r->t + f->start - n, before[k], n))
            return 1;
    }
    return 0;
}

/* The role of figure f: a multiple, a streak, a change of a share in
** points, a growth rate, a share, an absolute change, or a level. */
static int figure_role(run *r, const fig *f, const sentence *st) {
    size_t from = fc_clause_start(r->t, st->start, f->start);
    size_t to = clause_end(r, f->end, st->end);
    if (f->kind == K_MULTIPLE) return R_MULTIPLE;
    if (!strcmp(f->unit, "years") || !strcmp(f->unit, "months") ||
        fc_streak_cue_after(r->t, f->tail, st->end))
        return R_STREAK;
    if (!strcmp(f->unit, "pp")) return R_SHARE_CHANGE;
    if (!strcmp(f->unit, "%")) {
        if (f->growth || f->derive == D_GROWTH || comparative(r, f, st) ||
            fc_change_cue_before(r->t, from, f->start) ||
            fc_base_cue(r->t, from, to) != BASE_NONE ||
            metric_ends(f, ".growth") || metric_ends(f, ".change") ||
            metric_ends(f, ".cagr"))
            return R_GROWTH;
        if (f->derive == D_SHARE || f->basis || metric_ends(f, ".share") ||
            fc_phrase_is_share(r->t, f->ms, f->me))
            return R_SHARE;
        {
            size_t p = f->tail;
            while (p < st->end && r->t[p] == ' ') p++;
            if (p + 3 <= st->end && !strncmp(r->t + p, "of ", 3))
                return R_SHARE;
        }
        return R_LEVEL;
    }
    if (f->growth || fc_change_cue_before(r->t, from, f->start))
        return R_CHANGE;
    if (f->mfrom == M_AFTER &&
        fc_counted_change(r->t, from, f->start, f->ms, f->me, st->end))
        return R_CHANGE;
    return R_LEVEL;
}

/* A period moved by whole years and months: "2023-11" one month back is
** "2023-10"; a year has no month before it (""). */
static void shift_period(const char *p, int years, int months, char *out,
                         size_t size) {
    int y, m, d, as_of = 0;
    out[0] = '\0';
    if (!strncmp(p, "as-of ", 6)) {
        p += 6;
        as_of = 1;
    }
    if (strlen(p) == 4 && !months) {
        snprintf(out, size, "%04d", (digits_value(p, 4) + years) % 10000);
        return;
    }
    if (!as_of && (strlen(p) == 9 || strlen(p) == 15) && strchr(p, '/')) {
        /* a span: both ends move */
        char a[8], b[8], sa[12], sb[12];
        size_t half = strlen(p) == 9 ? 4 : 7;
        snprintf(a, sizeof a, "%.*s", (int)half, p);
        snprintf(b, sizeof b, "%s", p + half + 1);
        shift_period(a, years, months, sa, sizeof sa);
        shift_period(b, years, months, sb, sizeof sb);
        if (sa[0] && sb[0]) snprintf(out, size, "%s/%s", sa, sb);
        return;
    }
    if (strlen(p) < 7 || p[4] != '-') return;
    y = digits_value(p, 4) + years;
    m = digits_value(p + 5, 2) + months;
    while (m < 1) {
        m += 12;
        y--;
    }
    if (y < 1000 || y > 9999 || m > 12) return;
    if (strlen(p) == 7) {
        snprintf(out, size, "%04d-%02d", y, m);
        return;
    }
    d = digits_value(p + 8, 2);
    while (d > 28 && !valid_date(y, m, d)) d--;
    snprintf(out, size, "%s%04d-%02d-%02d", as_of ? "as-of " : "", y, m, d);
}

/* The comparison base of a change: what "year on year", "month on month"
** and the like make of the figure's period, unless a period cue marked as
** a base ("from the end of 2021") gave one. */
static void comparison_base(run *r, fig *f, const sentence *st) {
    size_t from, to;
    int kind;
    if (f->role != R_CHANGE && f->role != R_GROWTH &&
        f->role != R_SHARE_CHANGE && f->role != R_MULTIPLE) {
        f->base[0] = '\0';
        return;
    }
    if (f->base[0] || !f->period[0]) return;
    from = fc_clause_start(r->t, st->start, f->start);
    to = clause_end(r, f->end, st->end);
    kind = fc_base_cue(r->t, from, to);
    if (kind == BASE_YEAR)
        shift_period(f->period, -1, 0, f->base, sizeof f->base);
    else if (kind == BASE_MONTH)
        shift_period(f->period, 0, -1, f->base, sizeof f->base);
}

/* A fall is a negative change: "down 26,000" is -26,000 (the lexicon's
** metrics sign their own figures when they are placed). */
static void sign_change(fig *f) {
    if (f->metric_entry >= 0 || f->growth >= 0 || f->v <= 0) return;
    if (f->role != R_CHANGE && f->role != R_GROWTH &&
        f->role != R_SHARE_CHANGE)
        return;
    f->v = -f->v;
    if (f->is_range) {
        double lo = -f->rhi;
        f->rhi = -f->rlo;
        f->rlo = lo;
    }
}

/* What the key of figure f says beside its thing and role: "job gains"
** are a change of jobs; "averaged 225,000 a month" is an average;
** "revised down by 43,000" is the size of a revision, not a change in
** the thing. */
static void figure_aspect(run *r, fig *f, const sentence *st) {
    size_t head, from = fc_clause_start(r->t, st->start, f->start);
    int rev;
    f->kend = f->me;
    f->aspect = A_NONE;
    if (f->mfrom == M_NONE) return;
    if (fc_change_head(r->t, f->ms, f->me, &head)) {
        f->kend = head;
        if (f->role == R_LEVEL)
            f->role = !strcmp(f->unit, "%") ? R_GROWTH : R_CHANGE;
    }
    if ((f->role == R_CHANGE || f->role == R_LEVEL) &&
        (rev = fc_revision_cue_before(r->t, from, f->start)) != 0) {
        f->role = R_CHANGE;
        f->aspect = A_REVISION;
        if (rev < 0 && !f->growth) f->growth = -1;
    } else if (f->of_average ||
               fc_average_cue(r->t, from, f->start, f->tail, st->end)) {
        f->aspect = A_AVERAGE;
    }
}

/* The list of figures of one unit, written "A, B and C", that figure fi
** is in: [*a, *b] within [first, last). */
static size_t list_of(run *r, size_t first, size_t last, size_t fi,
                      size_t *a, size_t *b) {
    *a = *b = fi;
    while (*a > first && same_kind(&r->figs[*a - 1], &r->figs[fi]) &&
           gap_is_list(r, r->figs[*a - 1].end, r->figs[*a].start))
        (*a)--;
    while (*b + 1 < last && same_kind(&r->figs[*b + 1], &r->figs[fi]) &&
           gap_is_list(r, r->figs[*b].end, r->figs[*b + 1].start))
        (*b)++;
    return *b - *a + 1;
}

static int respectively_after(run *r, size_t at, size_t end) {
    size_t k, lim = end - at < 60 ? end - at : 60;
    for (k = 0; k + 12 <= lim; k++)
        if (!strncmp(r->t + at + k, "respectively", 12)) return 1;
    return 0;
}

/* "output of cells, cars and turbines rose 54, 30 and 28 percent
** respectively": the k-th figure of a list closed by "respectively"
** measures the k-th of the things coordinated before it; "produced and
** sold 30.1 million and 30.0 million vehicles, respectively" tells the
** two apart by the k-th verb.  A list of as many figures later in the
** sentence with nothing of its own ("up 11.6 and 12 percent") follows the
** same order. */
static void respective_things(run *r, size_t first, size_t last,
                              const sentence *st) {
    size_t fi = first, prev_a = 0, prev_n = 0;
    while (fi < last) {
        size_t a, b, n = list_of(r, first, last, fi, &a, &b), k;
        if (n >= 2 && respectively_after(r, r->figs[b].end, st->end)) {
            for (k = 0; k < n; k++) {
                fig *f = &r->figs[a + k];
                size_t s, e;
                int phrase;
                if (!fc_respective(r->t, st->start, r->figs[a].start, n, k,
                                   &s, &e, &phrase))
                    break;
                if (f->metric_entry >= 0 && phrase >= 0 && !f->head_item)
                    continue;
                if (phrase < 0) {
                    /* the k-th month is the k-th figure's time: of the
                       year that puts it nearest the month its cue gave
                       ("December and January" of 2023-12: 2024-01), or
                       the latest such month not after the document's */
                    int mo = month_value(r, s, e), y = 0, m0 = 0, y0 = 0;
                    size_t ls, le;
                    int lp, on_doc = 0;
                    if (fc_respective(r->t, st->start, r->figs[a].start, n,
                                      n - 1, &ls, &le, &lp) &&
                        le + 5 <= st->end && r->t[le] == ' ' &&
                        isdigit((unsigned char)r->t[le + 1]) &&
                        digits_value(r->t + le + 1, 4) >= 1900 &&
                        digits_value(r->t + le + 1, 4) <= 2099 &&
                        !isdigit((unsigned char)r->t[le + 5])) {
                        /* "May and June 2021": the year of the last */
                        y0 = digits_value(r->t + le + 1, 4);
                        m0 = month_value(r, ls, le);
                    } else if (strlen(f->period) == 7 && f->period[4] == '-') {
                        y0 = digits_value(f->period, 4);
                        m0 = digits_value(f->period + 5, 2);
                    } else if (r->year && !f->stated) {
                        y0 = r->year;
                        m0 = digits_value(r->date + 5, 2);
                        on_doc = 1;
                    }
                    if (y0 && mo >= 1 && mo <= 12 && !f->inferred) {
                        y = y0;
                        if (mo - m0 > 6) y--;
                        else if (m0 - mo > 6) y++;
                        if (on_doc && mo > m0 && y == y0) y--;
                        snprintf(f->period, sizeof f->period, "%04d-%02d",
                                 y % 10000, mo % 100);
                    }
                } else if (phrase) {
                    f->ms = s;
                    f->me = f->kend = e;
                    f->mfrom = M_CLAUSE;
                } else {
                    f->qs = s;
                    f->qe = e;
                }
            }
            prev_a = a;
            prev_n = n;
        } else if (n >= 2 && n == prev_n) {
            for (k = 0; k < n; k++) {
                fig *f = &r->figs[a + k];
                const fig *g = &r->figs[prev_a + k];
                if (f->metric_entry >= 0 || f->mfrom != M_INHERITED) continue;
                f->ms = g->ms;
                f->me = g->me;
                f->kend = g->kend;
                f->qs = g->qs;
                f->qe = g->qe;
            }
        }
        fi = b + 1;
    }
}

/* Place every figure of sentence si. */
/* Whether the sentence opens with a pronoun that names something of the
** sentence before ("They make up over 80% ..."). */
static int opens_with_pronoun(run *r, const sentence *st) {
    static const char *const words[] = {"They ", "These ", "Those ", "It ",
                                        "Its ", "Their ", "This ", NULL};
    size_t i, n = st->end - st->start;
    const char *p = r->t + st->start;
    for (i = 0; words[i]; i++)
        if (n > strlen(words[i]) && !strncmp(p, words[i], strlen(words[i])))
            return 1;
    return 0;
}

/* "a year earlier", "the month before": the time before the one the
** sentence spoke of last before the cue, else the paragraph, else the
** document's (a year before it is the year before the document's). */
static void resolve_earlier(run *r, cues *pc, const char *carry,
                            size_t para) {
    size_t k, j;
    for (k = 0; k < pc->n; k++) {
        cue *c = &pc->items[k];
        const lx_period *p = &r->lx->periods[c->entry];
        const cue *ref = NULL;
        if (p->resolve != PR_EARLIER) continue;
        for (j = 0; j < pc->n; j++) {
            const cue *o = &pc->items[j];
            if (j == k || !o->period[0] || o->end > c->start ||
                r->lx->periods[o->entry].resolve == PR_EARLIER)
                continue;
            if (!ref || o->end > ref->end) ref = o;
        }
        if (ref)
            shift_period(ref->period, p->offset / 12, p->offset % 12,
                         c->period, sizeof c->period);
        else if (carry[0])
            shift_period(carry, p->offset / 12, p->offset % 12, c->period,
                         sizeof c->period);
        else if (r->last_period[0] && r->last_para + 1 == para &&
                 !r->last_inferred)
            /* "the previous month" in the paragraph after one that told
               of December is November */
            shift_period(r->last_period, p->offset / 12, p->offset % 12,
                         c->period, sizeof c->period);
        else if (r->year && p->offset % 12 == 0)
            snprintf(c->period, sizeof c->period, "%04d",
                     (r->year + p->offset / 12) % 10000);
        else if (r->year) {
            char m[8];
            snprintf(m, sizeof m, "%.7s", r->date);
            shift_period(m, p->offset / 12, p->offset % 12, c->period,
                         sizeof c->period);
        }
    }
}

/* Whether t[from, to) is only spaces. */
static int only_spaces(run *r, size_t from, size_t to) {
    for (; from < to; from++)
        if (r->t[from] != ' ') return 0;
    return 1;
}

/* Whether the cue at `to` follows right after another figure of the
** sentence (figures [first, last)) that starts at or after `from`: that
** figure's, not one before it. */
static int figure_between(run *r, size_t first, size_t last, size_t from,
                          size_t to) {
    size_t k;
    for (k = first; k < last; k++)
        if (r->figs[k].start >= from && r->figs[k].end <= to &&
            only_spaces(r, r->figs[k].end, to))
            return 1;
    return 0;
}

/* Whether a base cue ending at `from` tells the time of the figure at
** `to` rather than of a comparison: "higher than a year earlier, when the
** rate was 3.5 percent", "than a year earlier (3.5% and 5.7 million)". */
static int introduces(run *r, size_t from, size_t to) {
    size_t i = from;
    while (i < to && r->t[i] == ' ') i++;
    if (i < to && r->t[i] == '(')
        return !memchr(r->t + i, ')', to - i);
    if (i + 6 <= to && !strncmp(r->t + i, ", when", 6))
        return !has_clause_break(r, i + 6, to);
    return 0;
}

/* Whether figure f's period is only its document's date. */
static int dated_by_document(const run *r, const fig *f) {
    return !f->stated && !f->inferred && !strncmp(f->period, "as-of ", 6) &&
           !strcmp(f->period + 6, r->date);
}

/* "rose 35.8% compared to 2022", with no time of its own, in a document
** of 2024: a change from a year is of the year after it, when that year
** is over by the document's date.  The figures of the sentence that have
** no time of their own either are of that year too ("production surpassed
** 9.58 million, an increase of 35.8% compared to 2022"), and so is what
** the paragraph tells next in the past tense. */
static void base_gives_period(run *r, size_t first, size_t last,
                              const sentence *st) {
    size_t fi;
    char year[16] = "";
    for (fi = first; fi < last && !year[0]; fi++) {
        const fig *f = &r->figs[fi];
        int y, m, dy, dm, months;
        if (!dated_by_document(r, f) || !r->date[0]) continue;
        dy = digits_value(r->date, 4);
        dm = digits_value(r->date + 5, 2);
        if (strlen(f->base) == 4) {
            y = digits_value(f->base, 4) + 1;
            if (y < dy) snprintf(year, sizeof year, "%04d", y % 10000);
        } else if (strlen(f->base) == 7 && f->base[4] == '-') {
            /* "rose by 0.4 percent from February": a change over a month
               is of the month after, when that is over and recent (a
               base a year back measures a year, not a month) */
            y = digits_value(f->base, 4);
            m = digits_value(f->base + 5, 2) + 1;
            if (m > 12) {
                m = 1;
                y++;
            }
            months = (dy - y) * 12 + (dm - m);
            if (months >= 1 && months <= 2)
                snprintf(year, sizeof year, "%04d-%02d", y % 10000, m % 100);
        }
    }
    if (!year[0]) return;
    for (fi = first; fi < last; fi++) {
        fig *f = &r->figs[fi];
        if (!dated_by_document(r, f)) continue;
        snprintf(f->period, sizeof f->period, "%s", year);
        f->inferred = 1;
    }
    snprintf(r->last_period, sizeof r->last_period, "%s", year);
    r->last_para = st->para;
    r->last_inferred = 1;
}

/* Whether t[from, at) is "Of the " (or "Of those", "Of these", "Out of
** the"), opening a sentence with the whole its parts come after. */
static int opens_with_of_the(const run *r, size_t from, size_t at) {
    static const char *const opens[] = {"of the ", "of those ", "of these ",
                                        "out of the ", NULL};
    size_t k;
    while (from < at && (r->t[from] == ' ' || r->t[from] == '\n')) from++;
    for (k = 0; opens[k]; k++) {
        size_t n = strlen(opens[k]);
        if (at - from == n && !strncasecmp(r->t + from, opens[k], n))
            return 1;
    }
    return 0;
}

/* Whether re matches in text[0, n) (not the document's text), ending at
** its end. */
static int matches_to_end(run *r, const pcre2_code *re, const char *text,
                          size_t n) {
    const char *t = r->t;
    size_t len = r->len, pos = 0;
    int hit = 0;
    r->t = text;
    r->len = n;
    while (!hit && pos < n && match_at(r, re, pos, n)) {
        size_t e = ov_end(r, 0);
        hit = e == n;
        pos = ov(r, 0) + 1;
    }
    r->t = t;
    r->len = len;
    return hit;
}

/* "The production of cells, new energy vehicles and turbines rose 54, 30.3
** and 28.5 percent, respectively": the head before a coordinated list is
** the head of each item, so the k-th figure is read against the lexicon
** as "production of <k-th item>".  head[fi - first] is set to the entry
** so found, or -1. */
#define HEAD_TAIL 0x40000000

static void list_heads(run *r, const sentence *st, size_t first, size_t last,
                       int *head) {
    const fc_lexicon *lx = r->lx;
    size_t fi = first, i;
    for (i = first; i < last; i++) head[i - first] = -1;
    while (fi < last) {
        size_t a, b, n = list_of(r, first, last, fi, &a, &b), k, s0, e0,
                     hs, he;
        int phrase, tail;
        fi = b + 1;
        if (n < 2 || !respectively_after(r, r->figs[b].end, st->end) ||
            !fc_respective(r->t, st->start, r->figs[a].start, n, 0, &s0, &e0,
                           &phrase) ||
            phrase != 1)
            continue;
        /* "<head> of " right before the first item, or " of <tail>"
           right after the last ("the building and sale of ferries") */
        tail = 0;
        if (s0 < st->start + 4 || strncmp(r->t + s0 - 4, " of ", 4) ||
            !fc_measured_before(r->t, st->start, s0 - 1, &hs, &he) ||
            he != s0 - 4) {
            size_t sl, el;
            if (!fc_respective(r->t, st->start, r->figs[a].start, n, n - 1,
                               &sl, &el, &phrase) ||
                el + 4 > r->figs[a].start || strncmp(r->t + el, " of ", 4) ||
                !fc_noun_phrase_at(r->t, el + 4, r->figs[a].start, &hs, &he))
                continue;
            tail = 1;
        }
        for (k = 0; k < n; k++) {
            char buf[256];
            size_t s, e, len;
            int best = -1;
            if (!fc_respective(r->t, st->start, r->figs[a].start, n, k, &s,
                               &e, &phrase))
                break;
            if (tail)
                len = (size_t)snprintf(buf, sizeof buf, "%.*s of %.*s",
                                       (int)(e - s), r->t + s,
                                       (int)(he - hs), r->t + hs);
            else
                len = (size_t)snprintf(buf, sizeof buf, "%.*s of %.*s",
                                       (int)(he - hs), r->t + hs,
                                       (int)(e - s), r->t + s);
            if (len >= sizeof buf) continue;
            for (i = 0; i < lx->nmetrics; i++) {
                const lx_metric *m = &lx->metrics[i];
                if (!m->before || m->nmetrics) continue;
                if (best >= 0 && m->priority <= lx->metrics[best].priority)
                    continue;
                if (matches_to_end(r, m->before, buf, len)) best = (int)i;
            }
            /* a tail leaves the figure its own phrase (HEAD_TAIL) */
            head[a + k - first] = best >= 0 && tail ? best | HEAD_TAIL : best;
        }
    }
}

/* "Counts for May and June were cut by a combined 1,670 on review": a
** figure that sums over the months its sentence names
** before it is of the span from the first to the last.  Months are read
** as words (capitalised, as the lexicon names them) and placed in the
** year that puts them nearest the month the figure was given. */
static void combined_months(run *r, fig *f, const sentence *st) {
    static const char *const words[] = {"combined ", "together ", NULL};
    size_t i, k, n = 0;
    int y0, m0, lo = 0, hi = 0;
    if (strlen(f->period) != 7 || f->period[4] != '-') return;
    for (k = 0; words[k]; k++) {
        size_t len = strlen(words[k]);
        if (f->start >= st->start + len &&
            !strncmp(r->t + f->start - len, words[k], len))
            break;
    }
    if (!words[k]) return;
    y0 = digits_value(f->period, 4);
    m0 = digits_value(f->period + 5, 2);
    for (i = st->start; i < f->start; i++) {
        size_t e = i;
        int mo, y, v;
        if (!isupper((unsigned char)r->t[i]) ||
            (i > st->start && isalpha((unsigned char)r->t[i - 1])))
            continue;
        while (e < f->start && isalpha((unsigned char)r->t[e])) e++;
        if (e - i < 3 || (mo = month_value(r, i, e)) < 1 || mo > 12) continue;
        y = y0;
        if (mo - m0 > 6) y--;
        else if (m0 - mo > 6) y++;
        v = y * 12 + mo - 1;
        if (!n || v < lo) lo = v;
        if (!n || v > hi) hi = v;
        n++;
        i = e;
    }
    if (n < 2 || lo == hi) return;
    snprintf(f->period, sizeof f->period, "%04d-%02d/%04d-%02d",
             (lo / 12) % 10000, lo % 12 + 1, (hi / 12) % 10000, hi % 12 + 1);
}

/* Whether cue c tells the time of a figure given as the earlier value of
** a change ("down from 2.8 percent in February"): that time is not what
** the sentences after it speak of. */
static int of_earlier_value(run *r, size_t first, size_t last,
                            const sentence *st, const cue *c) {
    size_t k;
    for (k = first; k < last; k++) {
        const fig *f = &r->figs[k];
        size_t a = f->start, e = f->end;
        while (e < c->start && r->t[e] == ' ') e++;
        if (e != c->start && !(e + 3 <= c->start &&
                               !strncmp(r->t + e, "in ", 3) &&
                               e + 3 == c->start))
            continue;
        while (a > st->start && r->t[a - 1] == ' ') a--;
        if (a >= st->start + 4 && !strncasecmp(r->t + a - 4, "from", 4))
            return 1;
    }
    return 0;
}

/* Whether "in", "during" or "for" stands right before t[at]: "the jobs
** gained in the previous month" are of that month, not measured from it. */
static int in_before(run *r, size_t from, size_t at) {
    static const char *const words[] = {"in ", "during ", "for ", NULL};
    size_t k;
    for (k = 0; words[k]; k++) {
        size_t n = strlen(words[k]);
        if (at >= from + n && !strncasecmp(r->t + at - n, words[k], n) &&
            (at == from + n || !isalpha((unsigned char)r->t[at - n - 1])))
            return 1;
    }
    return 0;
}

static int place_sentence(run *r, size_t si, size_t first, size_t last,
                          char *carry, cues *prev_mc) {
    const fc_lexicon *lx = r->lx;
    const sentence *st = &r->sents[si];
    cues mc = {0}, pc = {0}, sc = {0};
    size_t i, k, fi;
    int rc = FC_OK, heads[64];

    for (i = 0; i < lx->nmetrics && rc == FC_OK; i++)
        if (lx->metrics[i].before)
            rc = all_matches(r, lx->metrics[i].before, st->start, st->end,
                             (int)i, &mc);
    for (i = 0; i < lx->nperiods && rc == FC_OK; i++) {
        size_t n0 = pc.n;
        rc = all_matches(r, lx->periods[i].re, st->start, st->end, (int)i, &pc);
        for (k = n0; k < pc.n && rc == FC_OK; k++) {
            /* resolve each (re-running the match at its start) */
            if (match_at(r, lx->periods[i].at, pc.items[k].start, st->end))
                resolve_period(r, &lx->periods[i], pc.items[k].period,
                               sizeof pc.items[k].period);
            /* "over 2021", "from the end of 2022": a comparison base */
            pc.items[k].base =
                lx->periods[i].base ||
                fc_base_marker_before(r->t, st->start, pc.items[k].start) ||
                /* "almost double the year before" */
                (lx->periods[i].resolve == PR_EARLIER &&
                 !fc_opens_clause(r->t, st->start, pc.items[k].start) &&
                 !in_before(r, st->start, pc.items[k].start)) ||
                (!strncasecmp(r->t + pc.items[k].start, "from ", 5) &&
                 lx->periods[i].resolve != PR_MONTHS &&
                 lx->periods[i].resolve != PR_SPAN) ||
                (!strncasecmp(r->t + pc.items[k].start, "over ", 5) &&
                 isdigit((unsigned char)r->t[pc.items[k].start + 5]));
        }
    }
    resolve_earlier(r, &pc, carry, st->para);
    for (i = 0; i < lx->nstatuses && rc == FC_OK; i++)
        rc = all_matches(r, lx->statuses[i].re, st->start, st->end,
                         lx->statuses[i].status, &sc);
    if (rc != FC_OK) goto done;

    /* a figure listed right after a rise or a fall is one too: "up by
       96.9% and 93.4%" */
    for (fi = first + 1; fi < last; fi++) {
        fig *f = &r->figs[fi], *p = &r->figs[fi - 1];
        if (!f->growth && p->growth && !strcmp(p->unit, f->unit) &&
            gap_is_list(r, p->end, f->start))
            f->growth = p->growth;
    }
    if (last - first <= sizeof heads / sizeof heads[0])
        list_heads(r, st, first, last, heads);
    for (fi = first; fi < last; fi++) {
        fig *f = &r->figs[fi];
        int best = -1, best_prio = -1000;
        size_t best_end = 0;
        const char *metric = NULL;
        int derived_share = 0, growth_metric = 0, from_head = 0;
        size_t cue_end = SIZE_MAX; /* where the phrase before it ends */

        /* the metric: a phrase right after the figure */
        for (i = 0; i < lx->nmetrics; i++) {
            const lx_metric *m = &lx->metrics[i];
            size_t e;
            if (!m->after || !unit_class_ok(m->unit, f->unit)) continue;
            if (!match_at(r, m->after, f->tail, r->len)) continue;
            e = ov_end(r, 0);
            if (m->priority > best_prio ||
                (m->priority == best_prio && e > best_end)) {
                best = (int)i;
                best_prio = m->priority;
                best_end = e;
            }
        }
        /* else the nearest phrase before it (of phrases that overlap, the
           one of higher priority); a phrase that ends right where the
           figure starts ("diagnostic services for 1,000") beats the one
           after it */
        if (!f->needs_after) {
            const cue *pick = NULL;
            int share = 0, grow = 0;
            for (k = 0; k < mc.n; k++) {
                const cue *c = &mc.items[k];
                int ok, sh, gr;
                if (c->end > f->start) continue;
                if (!cue_fits(lx, c, f, &sh, &gr)) continue;
                (void)ok;
                if (!pick || c->end > pick->end ||
                    (c->end == pick->end && c->start < pick->start)) {
                    pick = c;
                    share = sh;
                    grow = gr;
                }
            }
            if (pick) {
                /* prefer an overlapping phrase of higher priority */
                for (k = 0; k < mc.n; k++) {
                    const cue *c = &mc.items[k];
                    int sh, gr;
                    if (c == pick || c->end > f->start) continue;
                    if (c->start >= pick->end || c->end <= pick->start) continue;
                    if (lx->metrics[c->entry].priority <=
                        lx->metrics[pick->entry].priority)
                        continue;
                    if (!cue_fits(lx, c, f, &sh, &gr)) continue;
                    pick = c;
                    share = sh;
                    grow = gr;
                }
            }
            if (pick && (best < 0 || (f->start - pick->end <= 8 &&
                                      !gap_has_break(r, pick->end, f->start)))) {
                best = pick->entry;
                best_prio = lx->metrics[best].priority;
                derived_share = share;
                growth_metric = grow;
                best_end = pick->start;
                cue_end = pick->end;
            }
        }
        /* the head of the list the figure is the k-th of: "production
           of A, B and C" */
        if (last - first <= sizeof heads / sizeof heads[0] &&
            heads[fi - first] >= 0) {
            cue c;
            int sh, gr;
            memset(&c, 0, sizeof c);
            c.entry = heads[fi - first] & ~HEAD_TAIL;
            if (cue_fits(lx, &c, f, &sh, &gr)) {
                best = c.entry;
                derived_share = sh;
                growth_metric = gr;
                best_end = st->start;
                from_head = 1;
                f->head_item = !(heads[fi - first] & HEAD_TAIL);
            }
        }
        /* "A reached 7 and B 6 ... respectively": a list of figures takes
           the list of phrases before it, in order */
        if (best >= 0 && !from_head && !lx->metrics[best].nmetrics) {
            int was = best;
            respectively(r, lx, &mc, first, last, fi, &best, &derived_share,
                         &growth_metric, &best_end);
            if (best != was) cue_end = SIZE_MAX;
        }
        if (from_head) cue_end = SIZE_MAX;
        /* a sentence that opens with a pronoun takes its metric from the
           phrases of the sentence before */
        if (best < 0 && !f->needs_after && prev_mc && prev_mc->n &&
            opens_with_pronoun(r, st)) {
            const cue *pick = NULL;
            int sh = 0, gr = 0;
            for (k = 0; k < prev_mc->n; k++) {
                int a1, a2;
                if (!cue_fits(lx, &prev_mc->items[k], f, &a1, &a2)) continue;
                if (!pick || prev_mc->items[k].end > pick->end) {
                    pick = &prev_mc->items[k];
                    sh = a1;
                    gr = a2;
                }
            }
            if (pick) {
                best = pick->entry;
                derived_share = sh;
                growth_metric = gr;
                best_end = st->start;
            }
        }
        /* a short sentence with no phrase of its own continues the last
           one: "Now there are 200." */
        if (best < 0 && !f->needs_after && st->end - st->start < 80 &&
            si > 0 && r->sents[si - 1].para == st->para && first > 0 &&
            fi == first && ends_clause(r, f->tail, st->end)) {
            const fig *prev = &r->figs[first - 1];
            /* a plan's figure is no level: "we will build about 100. Now
               there are 200." */
            if (prev->sent == si - 1 && prev->metric_entry >= 0 &&
                prev->status == 0 &&
                prev->derive == D_NONE && !strcmp(prev->unit, f->unit) &&
                !lx->metrics[prev->metric_entry].nmetrics) {
                best = prev->metric_entry;
                best_end = st->start;
            }
        }
        if (best >= 0) {
            const lx_metric *m = &lx->metrics[best];
            f->metric_entry = best;
            f->cue_end = cue_end;
            f->derive = derived_share ? D_SHARE : growth_metric ? D_GROWTH
                                                                : D_NONE;
            if (m->nmetrics) {
                /* hand the metrics out in order to figures after the cue */
                size_t idx = 0, g;
                for (g = first; g < fi; g++)
                    if (r->figs[g].metric_entry == best &&
                        r->figs[g].num_start > best_end &&
                        !strcmp(r->figs[g].unit, f->unit) &&
                        (r->figs[g].growth != 0) == (f->growth != 0))
                        idx++;
                metric = m->metrics[idx < m->nmetrics ? idx : m->nmetrics - 1];
            } else {
                metric = m->metric;
            }
            f->subject = m->subject;
            f->basis = derived_share ? m->share_basis : m->basis;
            if (m->is_signed && f->growth < 0 && f->v > 0) {
                f->v = -f->v;
                if (f->is_range) {
                    double lo = -f->rhi;
                    f->rhi = -f->rlo;
                    f->rlo = lo;
                }
            }
            f->metric = metric; /* shares and growth are named in emit() */
            if (growth_metric && f->growth < 0 && f->v > 0 && !m->is_signed)
                f->v = -f->v; /* "fell by 5%" is a growth of -5% */
            if (growth_metric) parallel_growth(r, first, fi, last);
        }
        /* the basis: right after the figure */
        for (i = 0; i < lx->nbases; i++)
            if (match_at(r, lx->bases[i].re, f->tail, r->len)) {
                f->basis = lx->bases[i].name;
                break;
            }
        /* the period: the nearest cue before it in its clause, else the
           first after it in its clause, else the nearest before it in the
           sentence, else what the paragraph said last, else the
           document's date */
        {
            const cue *before = NULL, *after = NULL, *pick, *base = NULL;
            for (k = 0; k < pc.n; k++) {
                const cue *c = &pc.items[k];
                if (!c->period[0]) continue;
                if (c->base && !(c->end <= f->start &&
                                 introduces(r, c->end, f->start))) {
                    /* "from the end of 2021": the base of the nearest
                       figure before it in its clause */
                    if (c->start >= f->end &&
                        !has_clause_break(r, f->end, c->start) &&
                        (!base || c->start < base->start))
                        base = c;
                    continue;
                }
                if (c->end <= f->start) {
                    if (!before || c->end > before->end) before = c;
                } else if (c->start >= f->end &&
                           !figure_between(r, first, last, f->end,
                                           c->start)) {
                    /* a cue after another figure is that figure's:
                       "to 3.9% in February from 3.7% in January" */
                    if (!after || c->start < after->start) after = c;
                }
            }
            /* "October's sailings now stand at 4,300": a time the
               clause names beats its "now" */
            size_t own = fc_clause_start(r->t, st->start, f->start);
            /* an aside ("(down from the blowout 353,000)") is of the
               clause it stands in */
            if (own > st->start && r->t[own - 1] == '(')
                own = fc_clause_start(r->t, st->start, own - 1);
            if (before && lx->periods[before->entry].resolve == PR_AS_OF_DOC)
                for (k = 0; k < pc.n; k++) {
                    const cue *c = &pc.items[k];
                    if (c == before || !c->period[0] || c->base ||
                        c->end > before->start ||
                        c->start < own ||
                        lx->periods[c->entry].resolve == PR_AS_OF_DOC)
                        continue;
                    before = c;
                    break;
                }
            pick = before;
            if (before && after &&
                ((has_clause_break(r, before->end, f->start) &&
                  !has_clause_break(r, f->end, after->start)) ||
                 only_spaces(r, f->end, after->start)))
                pick = after; /* its own clause's, or right after it */
            if (!pick) pick = after;
            f->stated = pick || carry[0];
            if (pick)
                snprintf(f->period, sizeof f->period, "%s", pick->period);
            else if (carry[0])
                snprintf(f->period, sizeof f->period, "%s", carry);
            else if (r->last_period[0] &&
                     r->last_para + 1 == st->para &&
                     fc_past_tense(r->t, st->start, st->end)) {
                /* told in the past tense, it is of the time the document
                   spoke of last, not of its date */
                snprintf(f->period, sizeof f->period, "%s", r->last_period);
                if (r->last_inferred) f->inferred = 1;
                else f->stated = 1;
            } else if (r->date[0])
                snprintf(f->period, sizeof f->period, "as-of %s", r->date);
            f->base[0] = '\0';
            if (base) snprintf(f->base, sizeof f->base, "%s", base->period);
            combined_months(r, f, st);
        }
        /* the status: the nearest cue before it in the sentence */
        {
            const cue *pick = NULL;
            for (k = 0; k < sc.n; k++)
                if (sc.items[k].end <= f->start &&
                    (!pick || sc.items[k].end > pick->end ||
                     sc.items[k].entry != ST_WILL))
                    if (!pick || pick->entry == ST_WILL ||
                        sc.items[k].end > pick->end)
                        pick = &sc.items[k];
            f->status = 0;
            if (pick) {
                if (pick->entry == ST_TARGET)
                    f->status = 1;
                else if (pick->entry == ST_FORECAST)
                    f->status = 2;
                else if (r->year && f->period[0] &&
                         period_year(f->period) >= r->year)
                    f->status = 1;
            }
        }
        /* the whole it is part of: an earlier figure of the sentence with a
           part cue just before this one */
        if (fi > first && lx->part_cues) {
            const fig *p = &r->figs[fi - 1];
            size_t from = p->end, to = f->start;
            if (to > from && to - from < 200 &&
                strcmp(p->unit, f->unit) == 0) {
                size_t pos = from;
                while (pos < to && match_at(r, lx->part_cues, pos, to)) {
                    if (to - ov_end(r, 0) < 24) {
                        f->part_of = (long)(fi - 1);
                        break;
                    }
                    pos = ov_end(r, 0) > ov(r, 0) ? ov_end(r, 0) : pos + 1;
                }
                /* or right after it: "and 209 of them are ..." */
                if (f->part_of < 0) {
                    size_t at = f->tail;
                    while (at < r->len && r->t[at] == ' ') at++;
                    if (match_at(r, lx->part_cues_at, at, st->end))
                        f->part_of = (long)(fi - 1);
                }
                /* "Of the 275,000 jobs added, 223,000 were ...": a whole
                   that opens the sentence, a part after its comma */
                if (f->part_of < 0 && fi - 1 == first &&
                    opens_with_of_the(r, st->start, p->start)) {
                    size_t comma = to;
                    while (comma > from && r->t[comma - 1] != ',') comma--;
                    if (comma > from && only_spaces(r, comma, f->start))
                        f->part_of = (long)(fi - 1);
                }
            }
        }
    }
    /* what each figure measures, its role and its comparison base */
    for (fi = first; fi < last; fi++) {
        fig *f = &r->figs[fi];
        measured_phrase(r, f, st, fi > first ? &r->figs[fi - 1] : NULL,
                        fi + 1 < last ? &r->figs[fi + 1] : NULL);
        resolve_anaphor(r, fi);
        foreign_metric(r, f, st);
        population_of(r, f, st);
        f->role = figure_role(r, f, st);
        if (f->of_change && f->role == R_LEVEL)
            f->role = !strcmp(f->unit, "%") ? R_GROWTH : R_CHANGE;
        else if (f->like_role >= 0 && f->role == R_LEVEL)
            f->role = f->like_role;
        /* a part of a change is a change: "of the 4,100 sailings added,
           3,000 were by the northern fleet" */
        if (f->role == R_LEVEL && f->part_of >= 0 &&
            r->figs[f->part_of].role == R_CHANGE)
            f->role = R_CHANGE;
        figure_aspect(r, f, st);
        sign_change(f);
        comparison_base(r, f, st);
    }
    respective_things(r, first, last, st);
    base_gives_period(r, first, last, st);
    /* carry the last period cue written in the sentence into the
       paragraph */
    {
        const cue *last_cue = NULL;
        for (k = 0; k < pc.n; k++)
            if (pc.items[k].period[0] && !pc.items[k].base &&
                !of_earlier_value(r, first, last, st, &pc.items[k]) &&
                (!last_cue || pc.items[k].end > last_cue->end))
                last_cue = &pc.items[k];
        if (last_cue) {
            fc_period pd;
            snprintf(carry, 24, "%s", last_cue->period);
            /* only a time that is over by the document's date is what
               later past-tense figures tell of ("For 2023, the ministry
               aims ..." in March 2023 is not) */
            if (r->date[0] &&
                fc_period_parse(last_cue->period, &pd, NULL, 0) == FC_OK &&
                !pd.as_of && strcmp(pd.last, r->date) < 0)
            {
                snprintf(r->last_period, sizeof r->last_period, "%s",
                         last_cue->period);
                r->last_para = st->para;
                r->last_inferred = 0;
            }
        }
    }
done:
    /* this sentence's phrases serve a pronoun in the next one */
    if (prev_mc) {
        free(prev_mc->items);
        *prev_mc = mc;
        mc.items = NULL;
    }
    free(mc.items);
    free(pc.items);
    free(sc.items);
    return rc;
}

/* ---- emitting --------------------------------------------------------------------- */

static int eval_var(void *ctx, const char *name, double *out) {
    const fig *f = ctx;
    if (strcmp(name, "v") == 0) *out = f->v;
    else if (strcmp(name, "u") == 0) *out = f->u;
    else if (strcmp(name, "m") == 0) *out = f->m;
    else if (strcmp(name, "lo") == 0) *out = f->is_range ? f->rlo : f->v;
    else if (strcmp(name, "hi") == 0) *out = f->is_range ? f->rhi : f->v;
    else return FC_EINPUT;
    return FC_OK;
}

static int eval_call(void *ctx, const char *name, int nargs, const double *a,
                     const char *const *names, double *out) {
    (void)ctx;
    (void)names;
    if (nargs != 2) return FC_EINPUT;
    if (strcmp(name, "min") == 0) *out = a[0] < a[1] ? a[0] : a[1];
    else if (strcmp(name, "max") == 0) *out = a[0] > a[1] ? a[0] : a[1];
    else return FC_EINPUT;
    return FC_OK;
}

/* Round away the binary noise of v * 10^-k products: 27.650000000000002.
** Fifteen significant digits (DBL_DIG) keep every number written with at
** most that many; a rounding that moves the value by more than a few
** units in its last place is no noise (123456789012344.5 stays), and a
** whole number of at most 2^53 is kept as it is. */
static double tidy(double x) {
    char buf[40];
    double r;
    if (x == 0 || !isfinite(x)) return x;
    if (floor(x) == x && fabs(x) <= 9007199254740992.0) return x;
    snprintf(buf, sizeof buf, "%.15g", x);
    r = strtod(buf, NULL);
    return fabs(r - x) <= 8 * (nextafter(fabs(x), INFINITY) - fabs(x)) ? r : x;
}

/* A metric made from the measured phrase, with the suffix of the role
** (".growth", ".share", ...), so that the same thing written alike in two
** documents gets one key; "" when the phrase leaves no word. */
static void phrase_metric(run *r, const fig *f, char *out, size_t size) {
    static const char *const suffix[] = {"", ".change", ".growth", ".share",
                                         ".share_change", ".rank", ".streak",
                                         ".growth"};
    static const char *const aspect[] = {"", ".average", ".revision"};
    size_t n;
    out[0] = '\0';
    if (!r->stem) return;
    n = fc_phrase_key(r->stem, r->t + f->ms, f->kend - f->ms, out, size);
    if (!n || n + strlen(suffix[f->role]) + strlen(aspect[f->aspect]) + 1 >
                  size) {
        out[0] = '\0';
        return;
    }
    if (f->qe > f->qs) {
        /* the word that tells list members apart: "vehicl_sold" */
        char q[64];
        size_t m = fc_stem_word(r->stem, r->t + f->qs, f->qe - f->qs, q,
                                sizeof q);
        if (m && n + 1 + m + 1 < size) {
            out[n++] = '_';
            memcpy(out + n, q, m + 1);
            n += m;
        }
    }
    if (n + strlen(suffix[f->role]) + strlen(aspect[f->aspect]) + 1 > size) {
        out[0] = '\0';
        return;
    }
    memcpy(out + n, suffix[f->role], strlen(suffix[f->role]) + 1);
    strcat(out + n, aspect[f->aspect]);
}

static int emit(run *r, size_t fi, fc_fact_fn fn, void *ctx) {
    static const char *const statuses[] = {"actual", "target", "forecast"};
    const fc_lexicon *lx = r->lx;
    fig *f = &r->figs[fi];
    fc_fact fact;
    char id[96], part[96], metric[256], context[200], *measured = NULL;
    int rc, q = f->qual;
    double lo, hi, v = f->v;
    fig absf = *f;

    memset(&fact, 0, sizeof fact);
    snprintf(id, sizeof id, "%s-%03zu", r->doc->id, f->seq);
    fact.id = id;
    fact.doc = r->doc->id;
    fact.span.start = (long long)f->start;
    fact.span.end = (long long)f->end;
    linecol(r, f->start, &fact.span.line, &fact.span.column);
    fact.text = fc_strndup(r->t + f->start, f->end - f->start);
    if (!fact.text) return FC_ENOMEM;
    /* the metric, derived for shares and growth */
    metric[0] = '\0';
    if (f->metric) {
        const lx_metric *m = &lx->metrics[f->metric_entry];
        if (f->derive == D_SHARE && m->share && !m->nmetrics)
            snprintf(metric, sizeof metric, "%s", m->share);
        else if (f->derive == D_SHARE)
            snprintf(metric, sizeof metric, "%s.share", f->metric);
        else if (f->derive == D_GROWTH && m->growth && !m->nmetrics)
            snprintf(metric, sizeof metric, "%s", m->growth);
        else if (f->derive == D_GROWTH)
            snprintf(metric, sizeof metric, "%s.growth", f->metric);
        else if (f->role == R_CHANGE && m->unit && !strcmp(m->unit, "count") &&
                 !metric_ends(f, ".change") && !metric_ends(f, ".added"))
            /* "plans to add 600,000 base stations": a change of the
               lexicon's level, keyed as a phrase's change is */
            snprintf(metric, sizeof metric, "%s.change", f->metric);
        else
            snprintf(metric, sizeof metric, "%s", f->metric);
    }
    fact.role = (char *)fc_fact_roles()[f->role];
    if (f->mfrom != M_NONE) {
        measured = fc_strndup(r->t + f->ms, f->me - f->ms);
        if (!measured) {
            free(fact.text);
            return FC_ENOMEM;
        }
        fact.measured = measured;
        fact.measured_start = (long long)f->ms;
        fact.measured_end = (long long)f->me;
    } else {
        fact.measured_start = fact.measured_end = -1;
    }
    if (metric[0]) {
        fact.metric_source = (char *)"lexicon";
        fact.confidence = 0.9;
        fact.has_confidence = 1;
    } else if (f->mfrom != M_NONE) {
        phrase_metric(r, f, metric, sizeof metric);
        if (metric[0]) {
            static const double conf[] = {0, 0.6, 0.5, 0.45, 0.35};
            fact.metric_source = (char *)"phrase";
            fact.confidence = conf[f->mfrom];
            fact.has_confidence = 1;
        }
    }
    fact.metric = metric[0] ? metric : NULL;
    fact.population = f->population[0] ? f->population : NULL;
    fact.base_period = f->base[0] ? f->base : NULL;
    /* the lexicon's default subject is that of the figures it knows; of
       a figure it does not know, the subject is not known either */
    fact.subject = (char *)(f->subject                ? f->subject
                            : f->metric_entry >= 0 ? lx->default_subject
                                                   : NULL);
    fact.basis = (char *)f->basis;
    fact.unit = f->unit;
    fact.value = tidy(v);
    fact.qualifier = (char *)fc_fact_qualifiers()[q];
    /* the interval, from the formulas of the lexicon; a negative (fallen)
       figure is bounded like its magnitude, mirrored */
    if (v < 0) {
        absf.v = -v;
        if (f->is_range) {
            absf.rlo = -f->rhi;
            absf.rhi = -f->rlo;
        }
    }
    if (fc_expr_eval(lx->lo[q], eval_var, eval_call, &absf, &lo) != FC_OK ||
        fc_expr_eval(lx->hi[q], eval_var, eval_call, &absf, &hi) != FC_OK) {
        lo = hi = absf.v;
    }
    if (v < 0) {
        double t = lo;
        lo = -hi;
        hi = -t;
    }
    if (lo > v) lo = v;
    if (hi < v) hi = v;
    fact.lo = tidy(lo);
    fact.hi = tidy(hi);
    if (fact.lo > fact.value) fact.lo = fact.value;
    if (fact.hi < fact.value) fact.hi = fact.value;
    fact.period = f->period[0] ? f->period : NULL;
    if (fact.period)
        fact.period_source =
            (char *)(f->inferred || (!strncmp(f->period, "as-of ", 6) &&
                                     !strcmp(f->period + 6, r->date))
                         ? "document_date"
                         : "stated");
    fact.status = (char *)statuses[f->status];
    if (f->part_of >= 0 && r->figs[f->part_of].seq) {
        snprintf(part, sizeof part, "%s-%03zu", r->doc->id,
                 r->figs[f->part_of].seq);
        fact.part_of = part;
    }
    if (!fact.metric || f->metric_entry < 0) {
        /* a few words around a figure the lexicon does not know (three on
           each side), so it can be classified by hand; the document itself
           says the rest */
        const sentence *st = &r->sents[f->sent];
        size_t a = f->start, b = f->end, o = 0, i;
        int words = 0;
        while (a > st->start && words < 4) {
            a--;
            if (r->t[a] == ' ' && a > st->start && r->t[a - 1] != ' ') words++;
        }
        while (a < f->start && r->t[a] == ' ') a++;
        words = 0;
        while (b < st->end && words < 3) {
            if (r->t[b] == ' ' && b > f->end && r->t[b - 1] != ' ') words++;
            if (words < 3) b++;
        }
        a = char_start(r->t, a);
        b = char_start(r->t, b);
        for (i = a; i < b && o + 1 < sizeof context; i++) {
            unsigned char c = (unsigned char)r->t[i];
            if (c >= 0xC0 && o + 5 >= sizeof context) break;
            context[o++] = c == '\n' || c == '\r' || c == '\t' ? ' ' : (char)c;
        }
        context[o] = '\0';
        fact.context = context;
    }
    rc = fn ? fn(ctx, &fact, NULL) : FC_OK;
    free(fact.text);
    free(measured);
    return rc;
}

/* ---- public ------------------------------------------------------------------------- */

int fc_extract(const fc_lexicon *lx, const fc_doc *doc, fc_fact_fn fn,
               void *ctx, fc_diags *d) {
    run r;
    size_t i, si, first;
    int rc = FC_OK;
    char carry[24] = "";
    size_t para = (size_t)-1;
    cues prev_mc = {0};
    char *masked = NULL;

    memset(&r, 0, sizeof r);
    r.lx = lx;
    r.doc = doc;
    r.t = doc->text;
    r.len = doc->len;
    r.md = pcre2_match_data_create(lx->max_groups + 1, NULL);
    if (!r.md) return FC_ENOMEM;
    if (!(r.stem = fc_stemmer_new()) || !(r.rm = fc_rematch_new())) {
        fc_stemmer_free(r.stem);
        pcre2_match_data_free(r.md);
        return FC_ENOMEM;
    }
    /* Markdown: front matter, code and link targets are no prose; they are
       blanked byte for byte, so spans still point into the file */
    if (fc_doc_is_markdown(doc)) {
        char fm[11];
        if (!(masked = calloc(doc->len + 1 + FC_TEXT_SLACK, 1))) {
            pcre2_match_data_free(r.md);
            fc_stemmer_free(r.stem);
            fc_rematch_free(r.rm);
            return FC_ENOMEM;
        }
        memcpy(masked, doc->text, doc->len + 1);
        fc_markdown_mask(masked, doc->len, fm);
        r.t = masked;
        if (!doc->published && fm[0]) {
            memcpy(r.date, fm, 11);
            r.year = digits_value(fm, 4);
        }
    }
    if (!r.date[0]) find_date(&r, d);
    if ((rc = split(&r)) != FC_OK) goto done;
    if (r.nsents == 0) goto done;
    if ((rc = scan(&r)) != FC_OK) goto done;
    if ((rc = scan_streaks(&r)) != FC_OK) goto done;
    /* place figures sentence by sentence, carrying periods through each
       paragraph */
    i = 0;
    for (si = 0; si < r.nsents && rc == FC_OK; si++) {
        if (r.sents[si].para != para) {
            para = r.sents[si].para;
            carry[0] = '\0';
            prev_mc.n = 0; /* pronouns do not reach across paragraphs */
        }
        first = i;
        while (i < r.nfigs && r.figs[i].sent == si) i++;
        rc = place_sentence(&r, si, first, i, carry, &prev_mc);
    }
    /* number words with neither a unit nor a phrase after them ("six
       aspects") are not figures; the rest are numbered in text order */
    {
        size_t seq = 0;
        for (i = 0; i < r.nfigs; i++) {
            fig *f = &r.figs[i];
            f->seq = f->needs_after && f->metric_entry < 0 ? 0 : ++seq;
        }
    }
    /* a pattern that hit a limit may have missed figures: nothing of the
       document is given, rather than part of it */
    if (rc == FC_OK && r.re_error) rc = pattern_failed(&r, d);
    for (i = 0; i < r.nfigs && rc == FC_OK; i++)
        if (r.figs[i].seq) rc = emit(&r, i, fn, ctx);
done:
    if (rc == FC_OK && r.re_error) rc = pattern_failed(&r, d);
    fc_stemmer_free(r.stem);
    fc_rematch_free(r.rm);
    free(masked);
    free(prev_mc.items);
    pcre2_match_data_free(r.md);
    free(r.sents);
    free(r.figs);
    return rc;
}

/* The lexicon entry a pattern belongs to, in words, into buf. */
static void pattern_owner(const run *r, const pcre2_code *re, char *buf,
                          size_t size) {
    const fc_lexicon *lx = r->lx;
    size_t i;
    for (i = 0; i < lx->nmetrics; i++)
        if (lx->metrics[i].before == re || lx->metrics[i].after == re) {
            snprintf(buf, size, "the %s pattern of metric \"%s\"",
                     lx->metrics[i].before == re ? "before" : "after",
                     lx->metrics[i].metric ? lx->metrics[i].metric
                                           : "(listed metrics)");
            return;
        }
    for (i = 0; i < lx->nperiods; i++)
        if (lx->periods[i].re == re || lx->periods[i].at == re) {
            snprintf(buf, size, "period pattern %zu of periods.json", i + 1);
            return;
        }
    snprintf(buf, size, "a pattern of the lexicon");
}

/* A match stopped at a limit: an error naming the document, where, the
** pattern and why.  Returns FC_EINPUT. */
static int pattern_failed(run *r, fc_diags *d) {
    char why[160], who[200];
    int line = 1, col = 1;
    size_t i;
    fc_rematch_error(r->re_error, why, sizeof why);
    pattern_owner(r, r->re_bad, who, sizeof who);
    for (i = 0; i < r->re_at && i < r->len; i++) {
        if (r->t[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)r->t[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    fc_diags_add(d, FC_DIAG_ERROR, r->doc->path ? r->doc->path : r->doc->id,
                 line, col, -1, NULL,
                 "extraction stopped: matching %s here: %s (simplify the "
                 "pattern; nothing of document \"%s\" was extracted)",
                 who, why, r->doc->id);
    r->re_error = 0;
    return FC_EINPUT;
}

int fc_extract_date(const fc_lexicon *lx, const fc_doc *doc, char out[11]) {
    run r;
    memset(&r, 0, sizeof r);
    r.lx = lx;
    r.doc = doc;
    r.t = doc->text;
    r.len = doc->len;
    r.md = pcre2_match_data_create(lx->max_groups + 1, NULL);
    if (!r.md) return FC_ENOMEM;
    find_date(&r, NULL);
    pcre2_match_data_free(r.md);
    memcpy(out, r.date, 11);
    return r.date[0] ? FC_OK : FC_EINPUT;
}
