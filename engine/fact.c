/*
** fact.c -- facts: the fact record, its JSON Lines / JSON array reader with
** positioned diagnostics, and its one-line JSON writer.
**
** Reading is built for large inputs.  On the happy path each JSON Lines
** record costs one memchr for its newline, one json_loadb on that line,
** one pass over its members and one hash-set insertion; positions of
** members are only looked up (with jsonloc.c) when a record is invalid.
** A JSON array is walked element by element with fc_jsonloc_skip, each
** element parsed on its own, so a bad element does not hide the rest.
*/
#include "internal.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Longest id accepted, in bytes. */
#define FACT_ID_MAX 200
/* Longest part of a string value quoted in a diagnostic, in bytes. */
#define QUOTE_MAX 40
/* Problems reported per record; past it one note says the rest are not
** (each report rescans the record, so a record holding thousands of
** unknown keys must not cost thousands of rescans). */
#define RECORD_DIAGS_MAX 20
/* Integers in spans must be exact in a double. */
#define EXACT_INT_MAX 9007199254740992.0

#define JSON_FLAGS \
    (JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL | JSON_REJECT_DUPLICATES)

/* ---- the lists ------------------------------------------------------- */

static const char *const qualifiers[] = {
    "exact", "approx", "more_than", "at_least", "less_than", "at_most",
    "nearly", "range", NULL};

static const char *const statuses[] = {"actual", "target", "forecast", NULL};

static const char *const roles[] = {
    "level", "change", "growth", "share", "share_change", "rank", "streak",
    "multiple", NULL};

static const char *const metric_sources[] = {"lexicon", "phrase", NULL};

static const char *const period_sources[] = {"stated", "document_date", NULL};

/* Output order; the enum below follows it. */
static const char *const fields[] = {
    "id", "doc", "span", "text", "subject", "metric", "metric_source",
    "confidence", "measured", "role", "basis", "population", "value",
    "unit", "qualifier", "interval", "period", "period_source",
    "base_period", "status", "speaker", "part_of", "context", NULL};

enum {
    F_ID, F_DOC, F_SPAN, F_TEXT, F_SUBJECT, F_METRIC, F_METRIC_SOURCE,
    F_CONFIDENCE, F_MEASURED, F_ROLE, F_BASIS, F_POPULATION, F_VALUE,
    F_UNIT, F_QUALIFIER, F_INTERVAL, F_PERIOD, F_PERIOD_SOURCE,
    F_BASE_PERIOD, F_STATUS, F_SPEAKER, F_PART_OF, F_CONTEXT, F_COUNT
};

static const char *const span_fields[] = {"start", "end", "line", "column",
                                          NULL};

#define NOT_STRING ((size_t)-1)

/* Offset in fc_fact of each string field, NOT_STRING for the others. */
static const size_t string_offset[F_COUNT] = {
    offsetof(fc_fact, id),            offsetof(fc_fact, doc),
    NOT_STRING,                       offsetof(fc_fact, text),
    offsetof(fc_fact, subject),       offsetof(fc_fact, metric),
    offsetof(fc_fact, metric_source), NOT_STRING,
    offsetof(fc_fact, measured),      offsetof(fc_fact, role),
    offsetof(fc_fact, basis),         offsetof(fc_fact, population),
    NOT_STRING,                       offsetof(fc_fact, unit),
    offsetof(fc_fact, qualifier),     NOT_STRING,
    offsetof(fc_fact, period),        offsetof(fc_fact, period_source),
    offsetof(fc_fact, base_period),   offsetof(fc_fact, status),
    offsetof(fc_fact, speaker),       offsetof(fc_fact, part_of),
    offsetof(fc_fact, context)};

const char *const *fc_fact_qualifiers(void) { return qualifiers; }
const char *const *fc_fact_statuses(void) { return statuses; }
const char *const *fc_fact_roles(void) { return roles; }
const char *const *fc_fact_metric_sources(void) { return metric_sources; }
const char *const *fc_fact_period_sources(void) { return period_sources; }
const char *const *fc_fact_fields(void) { return fields; }

static char **string_slot(fc_fact *f, int k) {
    return (char **)(void *)((char *)f + string_offset[k]);
}

static const char *string_value(const fc_fact *f, int k) {
    return *(char *const *)(const void *)((const char *)f + string_offset[k]);
}

/* ---- the record ------------------------------------------------------ */

fc_fact *fc_fact_new(void) {
    fc_fact *f = calloc(1, sizeof *f);
    if (f) f->span.start = f->measured_start = f->measured_end = -1;
    return f;
}

void fc_fact_clear(fc_fact *f) {
    int k;
    if (!f) return;
    for (k = 0; k < F_COUNT; k++)
        if (string_offset[k] != NOT_STRING) free(*string_slot(f, k));
    memset(f, 0, sizeof *f);
}

void fc_fact_free(fc_fact *f) {
    fc_fact_clear(f);
    free(f);
}

fc_fact *fc_fact_dup(const fc_fact *f) {
    fc_fact *g;
    int k;
    if (!f) return NULL;
    g = malloc(sizeof *g);
    if (!g) return NULL;
    *g = *f;
    for (k = 0; k < F_COUNT; k++)
        if (string_offset[k] != NOT_STRING) *string_slot(g, k) = NULL;
    for (k = 0; k < F_COUNT; k++) {
        const char *s;
        if (string_offset[k] == NOT_STRING) continue;
        s = string_value(f, k);
        if (s && !(*string_slot(g, k) = fc_strdup(s))) {
            fc_fact_free(g);
            return NULL;
        }
    }
    return g;
}

int fc_fact_set(char **field, const char *s) {
    char *copy = NULL;
    if (!field) return FC_EINTERNAL;
    /* copy first: s may be *field itself */
    if (s && !(copy = fc_strdup(s))) return FC_ENOMEM;
    free(*field);
    *field = copy;
    return FC_OK;
}

/* ---- writing JSON ---------------------------------------------------- */

/* The shortest of %.15g, %.16g, %.17g that reads back as v, with '.' as
** the decimal point whatever the locale; "null" if v is not finite. */
static void number_text(double v, char out[32]) {
    char tmp[32];
    int prec;
    size_t i, j = 0;
    if (!isfinite(v)) {
        memcpy(out, "null", 5);
        return;
    }
    for (prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v) break;
    }
    /* past 2^53 a whole number is written with an exponent, since the
    ** reader refuses integers a double does not hold exactly */
    if (fabs(v) > EXACT_INT_MAX && !strpbrk(tmp, ".e"))
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
    for (i = 0; tmp[i]; i++) {
        char c = tmp[i];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e')
            out[j++] = c;
        else if (j == 0 || out[j - 1] != '.')
            out[j++] = '.'; /* the locale's decimal point, of any length */
    }
    out[j] = '\0';
}

/* Length of the valid UTF-8 sequence at s (NUL-terminated), or 0. */
static size_t utf8_valid_at(const unsigned char *s) {
    unsigned char c = s[0];
    size_t n, k;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3;
    else if (c >= 0xF0 && c <= 0xF4) n = 4;
    else return 0;
    for (k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80) return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return n;
}

/* Append s as a JSON string.  When max is not 0, at most max bytes of s
** are written (never cutting a character) and "..." marks a cut.  Bytes
** that are not valid UTF-8 are written as U+FFFD, so the output is always
** valid JSON. */
static void put_json_string(fc_buf *b, const char *s, size_t max) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    fc_buf_putc(b, '"');
    for (;;) {
        unsigned char c = u[i];
        size_t n;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            n = 1;
        } else if (c >= 0x80 && (n = utf8_valid_at(u + i)) > 0) {
            /* a whole character: part of the run */
        } else {
            n = 0;
        }
        if (c == '\0' || (max && i + (n ? n : 1) > max)) {
            fc_buf_append(b, s + run, i - run);
            if (c != '\0') fc_buf_puts(b, "...");
            break;
        }
        if (n) {
            i += n;
            continue;
        }
        fc_buf_append(b, s + run, i - run);
        switch (c) {
        case '"': fc_buf_puts(b, "\\\""); break;
        case '\\': fc_buf_puts(b, "\\\\"); break;
        case '\n': fc_buf_puts(b, "\\n"); break;
        case '\t': fc_buf_puts(b, "\\t"); break;
        case '\r': fc_buf_puts(b, "\\r"); break;
        case '\b': fc_buf_puts(b, "\\b"); break;
        case '\f': fc_buf_puts(b, "\\f"); break;
        default:
            if (c < 0x20)
                fc_buf_printf(b, "\\u%04x", c);
            else
                fc_buf_puts(b, "\\ufffd");
            break;
        }
        i++;
        run = i;
    }
    fc_buf_putc(b, '"');
}

static void put_number(fc_buf *b, double v) {
    char t[32];
    number_text(v, t);
    fc_buf_puts(b, t);
}

char *fc_fact_to_json(const fc_fact *f) {
    fc_buf b;
    int k;
    if (!f) return NULL;
    fc_buf_init(&b);
    fc_buf_putc(&b, '{');
    for (k = 0; k < F_COUNT; k++) {
        if (k) fc_buf_putc(&b, ',');
        fc_buf_putc(&b, '"');
        fc_buf_puts(&b, fields[k]);
        fc_buf_puts(&b, "\":");
        switch (k) {
        case F_SPAN:
            if (f->span.start < 0) {
                fc_buf_puts(&b, "null");
                break;
            }
            fc_buf_printf(&b, "{\"start\":%lld,\"end\":%lld", f->span.start,
                          f->span.end);
            if (f->span.line > 0)
                fc_buf_printf(&b, ",\"line\":%d", f->span.line);
            if (f->span.column > 0)
                fc_buf_printf(&b, ",\"column\":%d", f->span.column);
            fc_buf_putc(&b, '}');
            break;
        case F_VALUE:
            put_number(&b, f->value);
            break;
        case F_INTERVAL:
            fc_buf_putc(&b, '[');
            put_number(&b, f->lo);
            fc_buf_putc(&b, ',');
            put_number(&b, f->hi);
            fc_buf_putc(&b, ']');
            break;
        case F_CONFIDENCE:
            if (f->has_confidence)
                put_number(&b, f->confidence);
            else
                fc_buf_puts(&b, "null");
            break;
        case F_MEASURED:
            if (!f->measured) {
                fc_buf_puts(&b, "null");
                break;
            }
            fc_buf_puts(&b, "{\"text\":");
            put_json_string(&b, f->measured, 0);
            if (f->measured_start >= 0 && f->measured_end >= f->measured_start)
                fc_buf_printf(&b, ",\"start\":%lld,\"end\":%lld",
                              f->measured_start, f->measured_end);
            fc_buf_putc(&b, '}');
            break;
        default: {
            const char *s = string_value(f, k);
            if (s)
                put_json_string(&b, s, 0);
            else
                fc_buf_puts(&b, "null");
            break;
        }
        }
    }
    fc_buf_putc(&b, '}');
    if (b.oom) {
        fc_buf_free(&b);
        return NULL;
    }
    return fc_buf_take(&b);
}

/* ---- positions ------------------------------------------------------- */

/* Line and column of buf[target], counted from buf[off], which is at
** line:column; target >= off. */
static void pos_from(const char *buf, size_t off, int line, int column,
                     size_t target, int *oline, int *ocolumn) {
    size_t ls = off, i = off;
    int crossed = 0;
    for (;;) {
        const char *nl = memchr(buf + i, '\n', target - i);
        if (!nl) break;
        line++;
        crossed = 1;
        i = ls = (size_t)(nl - buf) + 1;
    }
    *oline = line;
    if (crossed)
        *ocolumn = (int)fc_utf8_count(buf + ls, target - ls) + 1;
    else
        *ocolumn = column + (int)fc_utf8_count(buf + off, target - off);
}

void fc_loc_member(const fc_loc *loc, const char *key, int *line,
                   int *column) {
    int l = 0, c = 0;
    if (loc) {
        l = loc->line;
        c = loc->column;
    }
    if (loc && key && loc->buf && loc->offset >= 0 &&
        (size_t)loc->offset < loc->len) {
        /* a dotted key ("span.end") descends into nested objects */
        size_t off = (size_t)loc->offset;
        const char *k = key;
        while (*k) {
            char seg[128];
            const char *dot = strchr(k, '.');
            size_t n = dot ? (size_t)(dot - k) : strlen(k);
            long long m;
            if (n >= sizeof seg) break;
            memcpy(seg, k, n);
            seg[n] = '\0';
            m = fc_jsonloc_member(loc->buf, loc->len, off, seg);
            if (m < 0) break;
            off = (size_t)m;
            if (!dot) break;
            k = dot + 1;
        }
        if (off != (size_t)loc->offset)
            pos_from(loc->buf, (size_t)loc->offset, l, c, off, &l, &c);
    }
    if (line) *line = l;
    if (column) *column = c;
}

/* ---- reading --------------------------------------------------------- */

typedef struct parser {
    const char *name;
    const char *buf;
    size_t len;
    fc_fact_fn fn;
    void *ctx;
    fc_diags *d;
    fc_strset *ids;
    int bad;            /* some record was invalid */
} parser;

/* One record being checked: buf[off..end) at line:column. */
typedef struct record {
    parser *p;
    size_t off, end;
    int line, column;
    int bad;
    int ndiags;         /* problems reported for it */
} record;

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static int is_ws(char c) { return is_blank(c) || c == '\n'; }

/* Offset of the value at key (and then at sub-key sub, or at element
** index when index >= 0) in the record; the deepest part found, or the
** record itself when key is NULL or absent. */
static size_t rec_find(const record *r, const char *key, const char *sub,
                       long long index) {
    const char *buf = r->p->buf;
    long long m;
    size_t o;
    if (!key) return r->off;
    m = fc_jsonloc_member(buf, r->end, r->off, key);
    if (m < 0) return r->off;
    o = (size_t)m;
    if (sub)
        m = fc_jsonloc_member(buf, r->end, o, sub);
    else if (index >= 0)
        m = fc_jsonloc_element(buf, r->end, o, (size_t)index);
    else
        m = -1;
    return m >= 0 ? (size_t)m : o;
}

static void rec_error(record *r, const char *key, const char *sub,
                      long long index, const char *field, const char *fmt,
                      ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Report a problem with the value at key/sub/index of record r. */
static void rec_error(record *r, const char *key, const char *sub,
                      long long index, const char *field, const char *fmt,
                      ...) {
    char msg[sizeof ((fc_diag *)0)->text];
    va_list ap;
    size_t off;
    int line, column;

    r->bad = 1;
    r->p->bad = 1;
    if (!r->p->d) return;
    if (++r->ndiags > RECORD_DIAGS_MAX) {
        if (r->ndiags == RECORD_DIAGS_MAX + 1)
            fc_diags_add(r->p->d, FC_DIAG_ERROR, r->p->name, r->line,
                         r->column, (long long)r->off, "",
                         "more than %d problems in this record; the rest "
                         "are not reported",
                         RECORD_DIAGS_MAX);
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    off = rec_find(r, key, sub, index);
    pos_from(r->p->buf, r->off, r->line, r->column, off, &line, &column);
    fc_diags_add(r->p->d, FC_DIAG_ERROR, r->p->name, line, column,
                 (long long)off, field, "%s", msg);
}

/* A jansson error for the text that starts at buf[base], at line:column.
** The position is worked out from jansson's byte position, which is just
** past the last byte it read: the diagnostic points at that character or,
** when jansson names a token ("invalid token near 'NaN'"), at the token's
** first character, where the user has to look. */
static void syntax_error(parser *p, const json_error_t *e, size_t base,
                         int line, int column) {
    const char *near = strstr(e->text, " near '");
    size_t tl = strlen(e->text), avail = p->len - base, pos, target;
    int l, c;

    p->bad = 1;
    pos = e->position > 0 ? (size_t)e->position : 0;
    if (pos > avail) pos = avail;
    if (json_error_code(e) == json_error_invalid_utf8) {
        target = base + pos; /* jansson stops before the bad byte */
    } else {
        target = pos > 0 ? base + pos - 1 : base;
        if (near && tl > 0 && e->text[tl - 1] == '\'') {
            const char *tok = near + 7;
            size_t bytes = (size_t)(e->text + tl - 1 - tok);
            if (bytes > 0 && bytes <= pos &&
                memcmp(p->buf + base + pos - bytes, tok, bytes) == 0)
                target = base + pos - bytes;
        }
    }
    if (target >= p->len) target = p->len;
    /* the first byte of a multibyte character */
    while (target > base && target < p->len &&
           ((unsigned char)p->buf[target] & 0xC0) == 0x80)
        target--;
    pos_from(p->buf, base, line, column, target, &l, &c);
    fc_diags_add(p->d, FC_DIAG_ERROR, p->name, l, c, (long long)target, "",
                 "%s%s", e->text,
                 target < p->len && p->buf[target] == '\0'
                     ? " (a NUL byte; expected JSON text)"
                     : fc_json_token_hint(p->buf, p->len, target));
}

/* "string \"...\"", "number 12", "object" ... for "got %s". */
static void describe(const json_t *v, char *out, size_t size) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: snprintf(out, size, "object"); break;
    case JSON_ARRAY: snprintf(out, size, "array"); break;
    case JSON_TRUE: snprintf(out, size, "true"); break;
    case JSON_FALSE: snprintf(out, size, "false"); break;
    case JSON_NULL: snprintf(out, size, "null"); break;
    case JSON_INTEGER:
    case JSON_REAL: {
        char t[32];
        number_text(json_number_value(v), t);
        snprintf(out, size, "number %s", t);
        break;
    }
    case JSON_STRING: {
        fc_buf b;
        fc_buf_init(&b);
        fc_buf_puts(&b, "string ");
        put_json_string(&b, json_string_value(v), QUOTE_MAX);
        fc_copy_utf8(out, size, b.oom ? "string" : b.data);
        fc_buf_free(&b);
        break;
    }
    default: snprintf(out, size, "unknown"); break;
    }
}

/* s quoted as JSON, cut after max bytes (0: whole). */
static void quoted(const char *s, size_t max, char *out, size_t size) {
    fc_buf b;
    fc_buf_init(&b);
    put_json_string(&b, s, max);
    fc_copy_utf8(out, size, b.oom ? "\"\"" : b.data);
    fc_buf_free(&b);
}

static void join(const char *const *list, char *out, size_t size) {
    fc_buf b;
    size_t i;
    fc_buf_init(&b);
    for (i = 0; list[i]; i++) {
        if (i) fc_buf_puts(&b, ", ");
        fc_buf_puts(&b, list[i]);
    }
    fc_copy_utf8(out, size, b.oom ? "" : b.data);
    fc_buf_free(&b);
}

/* Edit distance with adjacent transpositions (optimal string alignment),
** or 3 when it is more than 2. */
static int edit_distance(const char *a, const char *b) {
    enum { N = 32 };
    int d[N + 1][N + 1];
    size_t la = strlen(a), lb = strlen(b), i, j;
    if (la > N || lb > N || (la > lb ? la - lb : lb - la) > 2) return 3;
    for (i = 0; i <= la; i++) d[i][0] = (int)i;
    for (j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (i = 1; i <= la; i++) {
        for (j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[la][lb] > 2 ? 3 : d[la][lb];
}

/* The closest name in list within edit distance 2 (and no more than half
** the longer length, so "x" does not suggest "id"), or NULL. */
static const char *suggest(const char *key, const char *const *list) {
    const char *best = NULL;
    int best_d = 3;
    size_t i;
    for (i = 0; list[i]; i++) {
        size_t la = strlen(key), lb = strlen(list[i]);
        size_t longer = la > lb ? la : lb;
        int dist = edit_distance(key, list[i]);
        if (dist < best_d && (size_t)dist * 2 <= longer) {
            best = list[i];
            best_d = dist;
        }
    }
    return best;
}

/* Report member key (shown as field) as unknown among list.  The position
** is that of the member's value, which fc_jsonloc_member finds; the key
** is just before it on the same line in any usual layout. */
static void unknown_member(record *r, const char *key, const char *sub,
                           const char *field, const char *const *list) {
    const char *s = suggest(sub ? sub : key, list);
    if (s) {
        rec_error(r, key, sub, -1, field,
                  "unknown field; did you mean \"%s\"?", s);
    } else {
        char all[256];
        join(list, all, sizeof all);
        rec_error(r, key, sub, -1, field,
                  "unknown field (expected one of %s)", all);
    }
}

static int field_index(const char *key) {
    int k;
    for (k = 0; k < F_COUNT; k++)
        if (key[0] == fields[k][0] && strcmp(key, fields[k]) == 0) return k;
    return -1;
}

static int in_list(const char *s, const char *const *list) {
    size_t i;
    for (i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0) return 1;
    return 0;
}

/* A whole number in [min, max] (both exact in a double). */
static int whole_number(const json_t *v, double min, double max,
                        double *out) {
    double x;
    if (!json_is_number(v)) return 0;
    x = json_number_value(v);
    if (!(x >= min && x <= max) || floor(x) != x) return 0;
    *out = x;
    return 1;
}

/* Whether the number v at key/sub/index of the record is held exactly: a
** number written as an integer past 2^53 is not (a double rounds it), and
** is reported as field.  Returns 1 when it is fine. */
static int exact_number(record *r, const char *key, const char *sub,
                        long long index, const char *field, double v) {
    size_t off;
    if (!(fabs(v) >= EXACT_INT_MAX)) return 1;
    off = rec_find(r, key, sub, index);
    if (!fc_json_integer_past_exact(r->p->buf, r->end, off)) return 1;
    {
        size_t n = 0;
        while (off + n < r->end && n <= QUOTE_MAX &&
               (r->p->buf[off + n] == '-' ||
                (r->p->buf[off + n] >= '0' && r->p->buf[off + n] <= '9')))
            n++;
        rec_error(r, key, sub, index, field,
                  "integer %.*s%s is past 2^53 = 9007199254740992, more "
                  "than a double holds exactly (expected an integer of at "
                  "most that magnitude)",
                  (int)(n > QUOTE_MAX ? QUOTE_MAX : n), r->p->buf + off,
                  n > QUOTE_MAX ? "..." : "");
    }
    return 0;
}

/* The member "start" or "end" (key) of the object field ("span",
** "measured"): a byte offset into *start or *end, its flag set; an error
** otherwise. */
static void offset_member(record *r, const char *field, const char *key,
                          json_t *v, long long *start, long long *end,
                          int *have_start, int *have_end) {
    char got[128], path[32];
    double x = 0;
    int is_start = key[0] == 's';
    snprintf(path, sizeof path, "%s.%s", field, is_start ? "start" : "end");
    if (!whole_number(v, 0, EXACT_INT_MAX, &x)) {
        describe(v, got, sizeof got);
        rec_error(r, field, key, -1, path,
                  "expected a non-negative integer, got %s", got);
        return;
    }
    if (!exact_number(r, field, key, -1, path, x)) return;
    if (is_start) {
        *start = (long long)x;
        *have_start = 1;
    } else {
        *end = (long long)x;
        *have_end = 1;
    }
}

static void check_span(record *r, json_t *span, fc_span *out, int *ok) {
    const char *key;
    json_t *v;
    int have_start = 0, have_end = 0;
    char got[128];

    *ok = 0;
    out->start = -1;
    out->end = -1;
    out->line = out->column = 0;
    json_object_foreach(span, key, v) {
        double x = 0;
        if (strcmp(key, "start") == 0 || strcmp(key, "end") == 0) {
            offset_member(r, "span", key, v, &out->start, &out->end,
                          &have_start, &have_end);
        } else if (strcmp(key, "line") == 0 || strcmp(key, "column") == 0) {
            int is_line = key[0] == 'l';
            if (json_is_null(v)) continue; /* unknown, as 0 */
            if (!whole_number(v, 1, INT_MAX, &x)) {
                describe(v, got, sizeof got);
                rec_error(r, "span", key, -1,
                          is_line ? "span.line" : "span.column",
                          "expected a positive integer, got %s", got);
                continue;
            }
            if (is_line)
                out->line = (int)x;
            else
                out->column = (int)x;
        } else {
            char field[128];
            snprintf(field, sizeof field, "span.%s", key);
            unknown_member(r, "span", key, field, span_fields);
        }
    }
    if (!json_object_get(span, "start"))
        rec_error(r, "span", NULL, -1, "span.start", "missing required field");
    if (!json_object_get(span, "end"))
        rec_error(r, "span", NULL, -1, "span.end", "missing required field");
    if (have_start && have_end && out->start > out->end) {
        rec_error(r, "span", "end", -1, "span", "end %lld is before start %lld",
                  out->end, out->start);
        return;
    }
    *ok = have_start && have_end;
}

/* The measured phrase: {"text": "...", "start": N, "end": N}, the span
** optional. */
static void check_measured(record *r, json_t *m, fc_fact *f) {
    static const char *const measured_fields[] = {"text", "start", "end",
                                                  NULL};
    const char *key;
    json_t *v;
    char got[128];
    int have_start = 0, have_end = 0;

    json_object_foreach(m, key, v) {
        if (strcmp(key, "text") == 0) {
            if (!json_is_string(v) || json_string_length(v) == 0) {
                describe(v, got, sizeof got);
                rec_error(r, "measured", key, -1, "measured.text",
                          "expected a non-empty string, got %s", got);
                continue;
            }
            f->measured = (char *)json_string_value(v); /* borrowed */
        } else if (strcmp(key, "start") == 0 || strcmp(key, "end") == 0) {
            offset_member(r, "measured", key, v, &f->measured_start,
                          &f->measured_end, &have_start, &have_end);
        } else {
            char field[128];
            snprintf(field, sizeof field, "measured.%s", key);
            unknown_member(r, "measured", key, field, measured_fields);
        }
    }
    if (!json_object_get(m, "text"))
        rec_error(r, "measured", NULL, -1, "measured.text",
                  "missing required field");
    if (have_start != have_end) {
        rec_error(r, "measured", NULL, -1,
                  have_start ? "measured.end" : "measured.start",
                  "missing (give both start and end, or neither)");
    } else if (have_start && f->measured_start > f->measured_end) {
        rec_error(r, "measured", "end", -1, "measured",
                  "end %lld is before start %lld", f->measured_end,
                  f->measured_start);
    }
    if (!have_start || !have_end) f->measured_start = f->measured_end = -1;
}

/* Check one record (an object) and hand it to fn when valid.  Returns
** FC_OK, FC_ENOMEM or fn's status. */
static int check_record(record *r, json_t *obj) {
    parser *p = r->p;
    fc_fact f;
    const char *key;
    json_t *v;
    int seen[F_COUNT] = {0};
    int id_ok = 0, value_ok = 0, interval = 0, interval_ok = 0;
    char got[128], err[256];

    memset(&f, 0, sizeof f);
    f.span.start = -1;
    f.span.end = -1;
    f.measured_start = f.measured_end = -1;
    json_object_foreach(obj, key, v) {
        int k = field_index(key);
        if (k < 0) {
            unknown_member(r, key, NULL, key, fields);
            continue;
        }
        seen[k] = 1;
        switch (k) {
        case F_ID:
        case F_DOC:
            if (!json_is_string(v) || json_string_length(v) == 0) {
                describe(v, got, sizeof got);
                rec_error(r, key, NULL, -1, key,
                          "expected a non-empty string, got %s", got);
                break;
            }
            if (k == F_ID && json_string_length(v) > FACT_ID_MAX) {
                rec_error(r, key, NULL, -1, key,
                          "too long: %zu bytes (at most %d)",
                          json_string_length(v), FACT_ID_MAX);
                break;
            }
            /* Borrowed from jansson for the callback: fn sees a const
            ** fact and the object outlives the call. */
            *string_slot(&f, k) = (char *)json_string_value(v);
            if (k == F_ID) id_ok = 1;
            break;
        case F_VALUE:
            if (!json_is_number(v)) {
                describe(v, got, sizeof got);
                rec_error(r, key, NULL, -1, key, "expected a number, got %s",
                          got);
                break;
            }
            f.value = json_number_value(v);
            if (!isfinite(f.value)) {
                rec_error(r, key, NULL, -1, key, "expected a finite number");
                break;
            }
            if (!exact_number(r, key, NULL, -1, key, f.value)) break;
            value_ok = 1;
            break;
        case F_SPAN: {
            int ok;
            if (json_is_null(v)) break;
            if (!json_is_object(v)) {
                describe(v, got, sizeof got);
                rec_error(r, key, NULL, -1, key,
                          "expected an object or null, got %s", got);
                break;
            }
            check_span(r, v, &f.span, &ok);
            if (!ok) f.span.start = -1;
            break;
        }
        case F_INTERVAL: {
            size_t i;
            int ok = 1;
            if (json_is_null(v)) break;
            interval = 1;
            if (!json_is_array(v)) {
                describe(v, got, sizeof got);
                rec_error(r, key, NULL, -1, key,
                          "expected an array [lo, hi] or null, got %s", got);
                break;
            }
            if (json_array_size(v) != 2) {
                rec_error(r, key, NULL, -1, key,
                          "expected an array [lo, hi] or null, got an array "
                          "of %zu element%s",
                          json_array_size(v),
                          json_array_size(v) == 1 ? "" : "s");
                break;
            }
            for (i = 0; i < 2; i++) {
                json_t *e = json_array_get(v, i);
                if (!json_is_number(e) || !isfinite(json_number_value(e))) {
                    describe(e, got, sizeof got);
                    rec_error(r, key, NULL, (long long)i, key,
                              "expected a number for %s, got %s",
                              i ? "hi" : "lo", got);
                    ok = 0;
                } else if (!exact_number(r, key, NULL, (long long)i, key,
                                         json_number_value(e))) {
                    ok = 0;
                }
            }
            if (!ok) break;
            f.lo = json_number_value(json_array_get(v, 0));
            f.hi = json_number_value(json_array_get(v, 1));
            interval_ok = 1;
            break;
        }
        case F_CONFIDENCE:
            if (json_is_null(v)) break;
            if (!json_is_number(v) || !(json_number_value(v) >= 0 &&
                                        json_number_value(v) <= 1)) {
                describe(v, got, sizeof got);
                rec_error(r, key, NULL, -1, key,
                          "expected a number from 0 to 1 or null, got %s",
                          got);
                break;
            }
            f.confidence = json_number_value(v);
            f.has_confidence = 1;
            break;
        case F_MEASURED:
            if (json_is_null(v)) break;
            if (!json_is_object(v)) {
                describe(v, got, sizeof got);
                rec_error(r, key, NULL, -1, key,
                          "expected an object {\"text\", \"start\", "
                          "\"end\"} or null, got %s", got);
                break;
            }
            check_measured(r, v, &f);
            break;
        default: {
            const char *s;
            if (json_is_null(v)) break;
            if (!json_is_string(v)) {
                describe(v, got, sizeof got);
                rec_error(r, key, NULL, -1, key,
                          "expected a string or null, got %s", got);
                break;
            }
            s = json_string_value(v);
            if (k == F_QUALIFIER || k == F_STATUS || k == F_ROLE ||
                k == F_METRIC_SOURCE || k == F_PERIOD_SOURCE) {
                const char *const *list =
                    k == F_QUALIFIER       ? qualifiers
                    : k == F_STATUS        ? statuses
                    : k == F_ROLE          ? roles
                    : k == F_METRIC_SOURCE ? metric_sources
                                           : period_sources;
                if (!in_list(s, list)) {
                    char q[64], all[256];
                    quoted(s, QUOTE_MAX, q, sizeof q);
                    join(list, all, sizeof all);
                    rec_error(r, key, NULL, -1, key,
                              "unknown %s %s (expected one of %s)", key, q,
                              all);
                    break;
                }
            } else if ((k == F_PERIOD || k == F_BASE_PERIOD) &&
                       fc_period_parse(s, NULL, err, sizeof err) != FC_OK) {
                rec_error(r, key, NULL, -1, key, "%s", err);
                break;
            }
            *string_slot(&f, k) = (char *)json_string_value(v);
            break;
        }
        }
    }

    if (!seen[F_ID]) rec_error(r, NULL, NULL, -1, "id", "missing required field");
    if (!seen[F_DOC])
        rec_error(r, NULL, NULL, -1, "doc", "missing required field");
    if (!seen[F_VALUE])
        rec_error(r, NULL, NULL, -1, "value", "missing required field");

    if (interval_ok && (f.lo > f.hi || (value_ok && (f.value < f.lo ||
                                                      f.value > f.hi)))) {
        /* the numbers are written out only for the message */
        char a[32], b[32], c[32];
        number_text(f.lo, a);
        number_text(f.hi, b);
        number_text(f.value, c);
        if (f.lo > f.hi)
            rec_error(r, "interval", NULL, -1, "interval",
                      "lo %s is greater than hi %s", a, b);
        else
            rec_error(r, "interval", NULL, -1, "interval",
                      "value %s is outside the interval [%s, %s]", c, a, b);
    } else if (!interval) {
        f.lo = f.hi = f.value;
    }

    if (id_ok && f.part_of && strcmp(f.part_of, f.id) == 0) {
        char q[FACT_ID_MAX * 6 + 8];
        quoted(f.id, QUOTE_MAX, q, sizeof q);
        rec_error(r, "part_of", NULL, -1, "part_of",
                  "a fact cannot be part of itself: %s is its own id "
                  "(expected the id of another fact, or null)", q);
    }

    if (id_ok) {
        long long first = 0;
        int added = fc_strset_add(p->ids, f.id, r->line, &first);
        if (added < 0) return FC_ENOMEM;
        if (added == 0) {
            char q[FACT_ID_MAX * 6 + 8];
            quoted(f.id, 0, q, sizeof q);
            rec_error(r, "id", NULL, -1, "id",
                      "duplicate id %s (first at line %lld)", q, first);
        }
    }

    if (r->bad || !p->fn) return FC_OK;
    {
        fc_loc loc;
        loc.file = p->name;
        loc.line = r->line;
        loc.column = r->column;
        loc.offset = (long long)r->off;
        loc.buf = p->buf;
        loc.len = p->len;
        return p->fn(p->ctx, &f, &loc);
    }
}

/* Parse and check the record buf[off..end), at line:column. */
static int parse_record(parser *p, size_t off, size_t end, int line,
                        int column) {
    json_error_t e;
    json_t *v;
    record r;
    int rc;

    v = json_loadb(p->buf + off, end - off, JSON_FLAGS, &e);
    if (!v) {
        if (json_error_code(&e) == json_error_out_of_memory) return FC_ENOMEM;
        syntax_error(p, &e, off, line, column);
        return FC_OK;
    }
    r.p = p;
    r.off = off;
    r.end = end;
    r.line = line;
    r.column = column;
    r.bad = 0;
    r.ndiags = 0;
    if (!json_is_object(v)) {
        char got[128];
        describe(v, got, sizeof got);
        rec_error(&r, NULL, NULL, -1, "", "expected an object, got %s", got);
        rc = FC_OK;
    } else {
        rc = check_record(&r, v);
    }
    json_decref(v);
    return rc;
}

/* JSON Lines from buf[start]: one record per line, blank lines skipped. */
static int parse_lines(parser *p, size_t start) {
    size_t ls = start;
    int line = 1;
    while (ls < p->len) {
        const char *nl = memchr(p->buf + ls, '\n', p->len - ls);
        size_t le = nl ? (size_t)(nl - p->buf) : p->len, j = ls;
        while (j < le && is_blank(p->buf[j])) j++;
        if (j < le) {
            /* the blanks before j are ASCII: one column each */
            int rc = parse_record(p, j, le, line, (int)(j - ls) + 1);
            if (rc != FC_OK) return rc;
        }
        if (!nl) break;
        ls = le + 1;
        line++;
    }
    return FC_OK;
}

/* A position that moves forward through the input. */
typedef struct cursor {
    size_t off;
    int line, column;
} cursor;

static void cursor_to(const parser *p, cursor *c, size_t target) {
    pos_from(p->buf, c->off, c->line, c->column, target, &c->line,
             &c->column);
    c->off = target;
}

static size_t skip_ws(const parser *p, size_t i) {
    while (i < p->len && is_ws(p->buf[i])) i++;
    return i;
}

/* A structural problem in the array at buf[at]: report and stop. */
static int array_error(parser *p, cursor *c, size_t at, const char *msg) {
    cursor_to(p, c, at);
    p->bad = 1;
    fc_diags_add(p->d, FC_DIAG_ERROR, p->name, c->line, c->column,
                 (long long)at, "", "%s", msg);
    return FC_OK;
}

/* One JSON array whose '[' is at c->off.  Each element is delimited with
** fc_jsonloc_skip and parsed on its own; the cursor follows, so positions
** cost one pass over the input in all. */
static int parse_array(parser *p, cursor *c) {
    size_t i = skip_ws(p, c->off + 1), k;

    if (i < p->len && p->buf[i] == ']') {
        k = i + 1;
    } else {
        for (;;) {
            long long e;
            int rc;
            if (i >= p->len)
                return array_error(p, c, i,
                                   "premature end of input (the array is not "
                                   "closed)");
            cursor_to(p, c, i);
            e = fc_jsonloc_skip(p->buf, p->len, i);
            if (e < 0) {
                /* let jansson say what is wrong here, then stop */
                json_error_t je;
                json_t *v = json_loadb(p->buf + i, p->len - i,
                                       JSON_FLAGS | JSON_DISABLE_EOF_CHECK,
                                       &je);
                if (v) {
                    json_decref(v);
                    return array_error(p, c, i, "malformed JSON value");
                }
                if (json_error_code(&je) == json_error_out_of_memory)
                    return FC_ENOMEM;
                syntax_error(p, &je, i, c->line, c->column);
                return FC_OK;
            }
            rc = parse_record(p, i, (size_t)e, c->line, c->column);
            if (rc != FC_OK) return rc;
            k = skip_ws(p, (size_t)e);
            if (k < p->len && p->buf[k] == ',') {
                i = skip_ws(p, k + 1);
                continue;
            }
            if (k < p->len && p->buf[k] == ']') {
                k++;
                break;
            }
            if (k >= p->len)
                return array_error(p, c, k,
                                   "premature end of input (the array is not "
                                   "closed)");
            return array_error(p, c, k,
                               "expected ',' or ']' after an array element");
        }
    }
    k = skip_ws(p, k);
    if (k < p->len)
        return array_error(p, c, k, "unexpected data after the array");
    return FC_OK;
}

int fc_facts_parse(const char *name, const char *buf, size_t len,
                   fc_fact_fn fn, void *ctx, fc_diags *d) {
    parser p;
    size_t start = 0, i;
    int rc;

    if (!buf) len = 0;
    /* a UTF-8 byte order mark is skipped; columns count from after it */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) start = 3;
    memset(&p, 0, sizeof p);
    p.name = name;
    p.buf = buf;
    p.len = len;
    p.fn = fn;
    p.ctx = ctx;
    p.d = d;
    i = skip_ws(&p, start);
    if (i >= len) return FC_OK;
    p.ids = fc_strset_new();
    if (!p.ids) return FC_ENOMEM;
    if (buf[i] == '[') {
        cursor c;
        c.off = start;
        c.line = 1;
        c.column = 1;
        cursor_to(&p, &c, i);
        rc = parse_array(&p, &c);
    } else {
        rc = parse_lines(&p, start);
    }
    fc_strset_free(p.ids);
    if (rc != FC_OK) return rc;
    return p.bad ? FC_EINPUT : FC_OK;
}

int fc_facts_parse_file(const char *path, fc_fact_fn fn, void *ctx,
                        fc_diags *d) {
    char *buf;
    size_t len;
    int rc = fc_read_file(path, &buf, &len, d);
    if (rc != FC_OK) return rc;
    rc = fc_facts_parse(path, buf, len, fn, ctx, d);
    free(buf);
    return rc;
}
