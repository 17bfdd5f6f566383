/*
** internal.h -- helpers shared by the library's modules.  Not installed;
** the command-line tool does not include it.
*/
#ifndef FC_INTERNAL_H
#define FC_INTERNAL_H

#include "factcheck.h"

#include <stdarg.h>
#include <stdint.h>

/* Largest input file any reader accepts (documents, facts, manifests,
** rules): 1 GiB.  Growable buffers are capped by it too. */
#define FC_MAX_FILE ((size_t)1 << 30)

/* ---- growable byte buffer (util.c) ----------------------------------- */

typedef struct fc_buf {
    char *data;     /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    int oom;        /* set once an allocation failed; later appends no-op */
} fc_buf;

void fc_buf_init(fc_buf *b);
void fc_buf_free(fc_buf *b);
int fc_buf_append(fc_buf *b, const void *data, size_t len);
int fc_buf_puts(fc_buf *b, const char *s);
int fc_buf_putc(fc_buf *b, int c);
int fc_buf_printf(fc_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hand the data over to the caller (who frees it); the buffer is reset. */
char *fc_buf_take(fc_buf *b);

/* ---- strings and files (util.c) ---------------------------------------- */

/* strdup that accepts NULL (returns NULL). */
char *fc_strdup(const char *s);
char *fc_strndup(const char *s, size_t n);
/* Read a whole file into a NUL-terminated buffer ("-" = stdin).  On error
** returns FC_EIO and adds a diagnostic naming the file and errno's text. */
int fc_read_file(const char *path, char **out, size_t *len, fc_diags *d);
/* Copy at most size-1 bytes of src into dst, never cutting a UTF-8
** sequence, always NUL-terminating. */
void fc_copy_utf8(char *dst, size_t size, const char *src);
/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t fc_utf8_count(const char *s, size_t len);
/* 1-based line and code-point column of offset in buf. */
void fc_linecol(const char *buf, size_t len, size_t offset, int *line,
                int *column);

/* ---- hash set of strings (util.c) -------------------------------------- */

/* FNV-1a hash of a string. */
uint64_t fc_hash_str(const char *s);

typedef struct fc_strset fc_strset;
fc_strset *fc_strset_new(void);
void fc_strset_free(fc_strset *set);
/* Insert a copy of s.  Returns 1 if added, 0 if already present, -1 when
** out of memory.  When present and val is not NULL, *val receives the value
** stored with the first insertion; the new value is stored otherwise. */
int fc_strset_add(fc_strset *set, const char *s, long long value,
                  long long *val);
/* Bytes past the end of a text that the code PCRE2's JIT compiles may
** read in its vector loads (it never uses them): texts matched against
** patterns are allocated with this much more, zeroed. */
#define FC_TEXT_SLACK 32

/* Tell the store's progress function, if any (store.c). */
void fc_store_progress(fc_store *s, const char *stage, size_t done,
                       size_t total);

/* Whether s is in the set. */
int fc_strset_has(const fc_strset *set, const char *s);

/* ---- JSON positions (jsonloc.c) ---------------------------------------- */

/* Given the text of one JSON value starting at buf[start], find the byte
** offset of the value of member `key` of that object (key NULL: the object
** itself).  Returns -1 if not found.  Used to point diagnostics at the
** offending value; assumes syntactically valid JSON. */
long long fc_jsonloc_member(const char *buf, size_t len, size_t start,
                            const char *key);
/* Offset of element `index` of the array whose '[' is at buf[start], or -1. */
long long fc_jsonloc_element(const char *buf, size_t len, size_t start,
                             size_t index);
/* Offset one past the end of the JSON value starting at buf[start] (after
** skipping white space), or -1 on malformed input. */
long long fc_jsonloc_skip(const char *buf, size_t len, size_t start);

/* ---- JSON files with positions (json.c) --------------------------------- */

#include <jansson.h>

/* A JSON file held with its text, so that any value can be located. */
typedef struct fc_jfile {
    char *name;        /* as the user gave it */
    char *buf;         /* the text */
    size_t len;
    json_t *root;
    fc_diags *d;       /* where problems go (may be NULL) */
    size_t errors;     /* errors reported through this file */
} fc_jfile;

/* A value of a jfile with the byte offset where it starts (-1 unknown).
** v is NULL for an absent member. */
typedef struct fc_jval {
    fc_jfile *f;
    json_t *v;
    long long off;
} fc_jval;

/* Read and parse a JSON file; a syntax error is reported with jansson's
** position and text (FC_EINPUT). */
int fc_jfile_load(fc_jfile *jf, const char *path, fc_diags *d);
void fc_jfile_free(fc_jfile *jf);
fc_jval fc_jfile_root(fc_jfile *jf);
fc_jval fc_jval_member(fc_jval obj, const char *key);
fc_jval fc_jval_element(fc_jval arr, size_t index);
/* Report an error at a value (field names the key, may be NULL). */
void fc_jval_error(fc_jval at, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The same, as a warning: the load goes on. */
void fc_jval_warning(fc_jval at, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The file offset of byte `want` of the decoded string value at `at` (for
** pointing into a pattern or an expression). */
long long fc_jval_string_offset(fc_jval at, size_t want);
/* Report every member of obj not in the NULL-terminated list `known`, with
** a suggestion when one is close.  Returns the number reported. */
size_t fc_jval_unknown_fields(fc_jval obj, const char *const *known);
/* Typed getters: on a wrong type they report "expected ..., got ..." and
** return FC_EINPUT; an absent member leaves *out as it is and returns
** FC_OK (required ones are checked by the caller with fc_jval_require). */
int fc_jval_string(fc_jval obj, const char *key, const char **out);
int fc_jval_number(fc_jval obj, const char *key, double *out);
int fc_jval_require(fc_jval obj, const char *key);

/* s as a JSON string literal (quotes included), valid JSON whatever s
** holds: control characters escaped, invalid UTF-8 as \ufffd.  NULL s is
** "".  Caller frees; NULL when out of memory. */
char *fc_json_quote(const char *s);
/* "an object", "a string", ... for messages. */
const char *fc_json_type_name(const json_t *v);
/* A hint to append to a syntax error at the token buf[at]: what was
** expected of a NaN or an Infinity; "" for other tokens. */
const char *fc_json_token_hint(const char *buf, size_t len, size_t at);
/* 1 when the number at buf[at] is written as an integer (no fraction, no
** exponent) of magnitude past 2^53, which a double does not hold exactly. */
int fc_json_integer_past_exact(const char *buf, size_t len, size_t at);
/* Levenshtein distance, capped: anything above 3 reads as 4. */
size_t fc_edit_distance(const char *a, const char *b);
/* The entry of `known` closest to `word` within distance 2, or NULL. */
const char *fc_suggest(const char *word, const char *const *known);

/* ---- periods for comparisons (period.c) ------------------------------------ */

/* A fact's period as a range of days; ok is 0 when it has none. */
typedef struct fc_when {
    fc_period p;
    int ok;
} fc_when;
fc_when fc_when_of(const fc_fact *f);
/* The year of a YYYY-MM-DD date, and a day number for differences. */
int fc_date_year(const char *date);
long fc_date_days(const char *date);

/* ---- store queries for the checks (store.c) ------------------------------ */

/* Every fact, in no particular order (the checks sort them).  loc is
** NULL. */
int fc_store_scan(fc_store *s, fc_fact_fn fn, void *ctx);

/* ---- findings (findings.c) --------------------------------------------- */

/* Mutable access for the baseline and the audit. */
fc_finding *fc_findings_at(fc_findings *fs, size_t i);
fc_findings *fc_findings_new(void);
/* Add a finding: rule, kind, type and severity are borrowed (static
** strings or the rules'), the message and facts are copied; the id is
** computed as for check findings. */
int fc_findings_append(fc_findings *fs, const char *rule, const char *kind,
                       const char *type, const char *severity,
                       const char *message, fc_fact *const *facts,
                       const char *const *roles, size_t n);
/* Move finding i of src to dst, leaving an empty (freeable) slot. */
int fc_findings_take(fc_findings *dst, fc_findings *src, size_t i);
/* Put the findings in report order. */
void fc_findings_sort(fc_findings *fs);
/* Keep one finding of each id (the first in report order), then put them
** in report order. */
void fc_findings_dedup(fc_findings *fs);

/* ---- comparing two figures (kind_agree.c) ------------------------------- */

/* Whether a slip of scale words explains the difference of two figures. */
int fc_scale_slip(const fc_fact *a, const fc_fact *b);
/* Whether a fact's hedge bounds it on one side only ("more than",
** "nearly"), so that it says nothing of its rounding. */
int fc_one_sided(const fc_fact *f);

#endif /* FC_INTERNAL_H */
