/*
** factcheck.h -- the public interface of the factcheck library.
**
** factcheck loads facts (figures extracted from documents), keeps them in a
** SQLite store and checks them against declarative rules.  This header is the
** only one a client needs; the command-line tool uses nothing else.
**
** Conventions, obeyed by every function below:
**
**   - Functions that can fail return an int status (FC_OK on success, one of
**     the FC_E* codes otherwise).  The library never prints and never exits.
**   - Problems with the user's input are reported as diagnostics appended to
**     an fc_diags list the caller passes in (it may be NULL when the caller
**     does not care).  Each names a file, line, column and what was wrong.
**   - Ownership: a function named *_new or *_load returns an object the
**     caller owns and releases with the matching *_free.  *_get returns a
**     borrowed pointer, valid until the owner is changed or freed.
**     *_free(NULL) is always a no-op.  Strings passed in are copied.
**   - Lines and columns are 1-based; columns count Unicode code points (as
**     jansson does), so an error under a multibyte character points at it.
**     Byte offsets are 0-based.  0 means "unknown" for lines and columns.
*/
#ifndef FACTCHECK_H
#define FACTCHECK_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FC_VERSION "0.1.0"

/* Status codes.  The values of the first four match the exit codes of the
** command-line tool (see README.md). */
#define FC_OK        0   /* success */
#define FC_EFOUND    1   /* findings at or above the failure threshold */
#define FC_EINPUT    2   /* bad input or usage: the diagnostics say where */
#define FC_EINTERNAL 3   /* a bug, or the database failed */
#define FC_ENOMEM    4   /* out of memory (reported as exit code 3) */
#define FC_EIO       5   /* a file could not be read or written (exit 2) */

/* Map a status to the process exit code documented in README.md. */
int fc_status_exit_code(int status);
/* A short English description of a status ("bad input", ...). Static. */
const char *fc_status_str(int status);

/* ---------------------------------------------------------------------- */
/* Diagnostics                                                             */
/* ---------------------------------------------------------------------- */

#define FC_DIAG_ERROR   0
#define FC_DIAG_WARNING 1

/* One problem found in the user's input.  Fixed buffers, as in jansson's
** json_error_t, so that an out-of-memory condition can still be described.
** Longer texts are cut at a UTF-8 character boundary, never mid-character. */
typedef struct fc_diag {
    int severity;          /* FC_DIAG_ERROR or FC_DIAG_WARNING */
    char file[512];        /* the input's name as the user gave it, or "" */
    int line;              /* 1-based, 0 = unknown */
    int column;            /* 1-based in code points, 0 = unknown */
    long long offset;      /* 0-based byte offset, -1 = unknown */
    char field[64];        /* the field or key concerned, or "" */
    char text[512];        /* what was wrong / what was expected */
} fc_diag;

/* An ordered list of diagnostics.  It keeps the first FC_DIAGS_KEEP entries
** and counts the rest, so a file with a million bad records cannot exhaust
** memory. */
#define FC_DIAGS_KEEP 10000
typedef struct fc_diags fc_diags;

fc_diags *fc_diags_new(void);
void fc_diags_free(fc_diags *d);
/* Append a diagnostic; fmt is printf-style.  file may be NULL, field may
** be NULL.  d may be NULL (the call does nothing). */
void fc_diags_add(fc_diags *d, int severity, const char *file, int line,
                  int column, long long offset, const char *field,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;
size_t fc_diags_count(const fc_diags *d);      /* entries kept */
size_t fc_diags_errors(const fc_diags *d);     /* errors, including dropped */
size_t fc_diags_warnings(const fc_diags *d);   /* warnings, including dropped */
size_t fc_diags_dropped(const fc_diags *d);    /* entries counted, not kept */
const fc_diag *fc_diags_get(const fc_diags *d, size_t i);
void fc_diags_clear(fc_diags *d);
/* Format as "file:line:column: field: text", with "warning: " before the
** field for warnings (parts that are unknown are left out).  Returns the length snprintf would return. */
int fc_diag_format(const fc_diag *g, char *buf, size_t size);

/* ---------------------------------------------------------------------- */
/* Facts                                                                   */
/* ---------------------------------------------------------------------- */

/* A byte span into a document.  start == -1 when the fact has no span. */
typedef struct fc_span {
    long long start;   /* first byte, 0-based */
    long long end;     /* one past the last byte */
    int line;          /* line of start, 1-based, 0 = unknown */
    int column;        /* column of start in code points, 0 = unknown */
} fc_span;

/* One figure.  Every string may be NULL (JSON null or absent) except id and
** doc.  The fields are those of DESIGN.md, plus part_of (the id of the fact
** this one is a part of, for part-whole rules) and context (a little text
** around the figure, for figures no lexicon entry names). */
typedef struct fc_fact {
    char *id;          /* unique within a dataset */
    char *doc;         /* document id from the manifest */
    fc_span span;
    char *text;        /* the matched text */
    char *subject;
    char *metric;
    char *basis;
    double value;      /* finite */
    char *unit;
    char *qualifier;   /* one of fc_fact_qualifiers(), or NULL = exact */
    double lo, hi;     /* interval; lo <= hi; equal to value when absent */
    char *period;      /* see fc_period_parse */
    char *status;      /* "actual", "target", "forecast", or NULL = actual */
    char *speaker;
    char *part_of;
    char *context;
    /* What the figure is, beyond its number (NULL: not known). */
    char *role;        /* one of fc_fact_roles() */
    char *measured;    /* the measured noun phrase as written */
    long long measured_start, measured_end; /* its bytes in the document,
                                               -1 when not known */
    char *metric_source; /* "lexicon" or "phrase" */
    double confidence;   /* how sure the metric is, 0..1, when has_confidence */
    int has_confidence;
    char *population;  /* the population the text narrows the figure to */
    char *period_source; /* "stated" or "document_date" */
    char *base_period; /* the comparison base of a change (a period) */
} fc_fact;

/* A zeroed fact with span.start = measured_start = measured_end = -1.
** Caller frees with fc_fact_free. */
fc_fact *fc_fact_new(void);
void fc_fact_free(fc_fact *f);
/* Release the strings of a fact that lives on the stack, and zero it. */
void fc_fact_clear(fc_fact *f);
/* A deep copy, or NULL when out of memory. */
fc_fact *fc_fact_dup(const fc_fact *f);
/* Replace a string field: *field is freed and set to a copy of s (NULL ok).
** Returns FC_OK or FC_ENOMEM. */
int fc_fact_set(char **field, const char *s);

/* NULL-terminated static lists of the accepted values. */
const char *const *fc_fact_qualifiers(void);
const char *const *fc_fact_statuses(void);
const char *const *fc_fact_roles(void);
const char *const *fc_fact_metric_sources(void);
const char *const *fc_fact_period_sources(void);
/* The JSON field names of a fact, NULL-terminated, in output order. */
const char *const *fc_fact_fields(void);

/* Where a record came from, for diagnostics raised after parsing (for
** example by the store, when it finds a span past a document's end). */
typedef struct fc_loc {
    const char *file;  /* name of the input */
    int line;          /* line where the record starts */
    int column;        /* column where the record starts */
    long long offset;  /* byte offset of the record in the input */
    const char *buf;   /* the whole input (borrowed), so that a later check
                          can point at one member of the record */
    size_t len;        /* bytes of buf */
} fc_loc;

/* Line and column of the value of member `key` of the record at loc (of
** the record itself when key is NULL or absent from it). */
void fc_loc_member(const fc_loc *loc, const char *key, int *line,
                   int *column);

/* Called once per valid record, in input order.  The fact is borrowed for
** the duration of the call.  Return FC_OK to go on; any other status stops
** the parse and is returned by it. */
typedef int (*fc_fact_fn)(void *ctx, const fc_fact *f, const fc_loc *loc);

/* Parse facts from a buffer: JSON Lines (one object per line; blank lines
** allowed) or a single JSON array of objects, told apart by the first
** non-blank byte.  name is used in diagnostics.  Every invalid record is
** reported (not only the first) as "name:line:column: field: message", with
** the position of the offending value; valid records go to fn (which may be
** NULL).  Checked: JSON syntax, unknown fields, types, required fields
** (id, doc, value), non-finite numbers, span start > end, interval lo > hi,
** value outside its interval, unknown qualifier or status, malformed period,
** duplicate ids within the buffer.
** Returns FC_OK when every record was valid, FC_EINPUT when any was not
** (fn has still seen the valid ones), or fn's non-OK status. */
int fc_facts_parse(const char *name, const char *buf, size_t len,
                   fc_fact_fn fn, void *ctx, fc_diags *d);
/* The same for a file ("-" reads standard input).  An unreadable file is
** FC_EIO with a diagnostic. */
int fc_facts_parse_file(const char *path, fc_fact_fn fn, void *ctx,
                        fc_diags *d);

/* Serialise a fact as one line of JSON (no newline), fields in the order of
** fc_fact_fields(), absent strings as null.  Caller frees with free().
** NULL when out of memory. */
char *fc_fact_to_json(const fc_fact *f);

/* ---------------------------------------------------------------------- */
/* Periods                                                                 */
/* ---------------------------------------------------------------------- */

/* A period names the time a figure is about.  Accepted forms:
**   "2022"               the calendar year
**   "2023-03"            a month
**   "2023-12-31"         a day
**   "as-of 2024-03-08"   a stock observed at that date
**   "2021/2025"          a span of whole years (a plan, a streak)
** Each maps to a closed range of days [first, last], as YYYY-MM-DD. */
typedef struct fc_period {
    char first[11];    /* "YYYY-MM-DD" */
    char last[11];     /* "YYYY-MM-DD" */
    int as_of;         /* 1 for the "as-of" form */
} fc_period;

/* Returns FC_OK, or FC_EINPUT (with a message of at most 200 bytes in err,
** when err is not NULL) for a malformed period or an impossible date. */
int fc_period_parse(const char *s, fc_period *out, char *err, size_t errsize);
/* A period as a reader writes it, in out: "2023", "December 2023", "as of
** 8 March 2024", "2016 to 2020", "January to September 2023".  A period
** that does not parse is copied as it is. */
const char *fc_period_words(const char *p, char *out, size_t size);
/* 1 if s is a valid YYYY-MM-DD calendar date, else 0. */
int fc_date_valid(const char *s);

/* ---------------------------------------------------------------------- */
/* Documents and manifests                                                 */
/* ---------------------------------------------------------------------- */

/* A document and its metadata.  text is the whole file, NUL-terminated,
** validated as UTF-8. */
typedef struct fc_doc {
    char *id;
    char *path;        /* as written in the manifest (relative) */
    char *fullpath;    /* the file that was read */
    char *title, *publisher, *event, *authority;
    char *source;      /* the address it was published at, or NULL */
    char *published;   /* "YYYY-MM-DD" or NULL */
    char *text;
    size_t len;        /* bytes of text */
    char sha256[65];   /* lowercase hex of the content */
    size_t *lines;     /* byte offset of the start of each line */
    size_t nlines;
} fc_doc;

/* Authority ranks, highest first: "official", "press", "news", "blog". */
const char *const *fc_doc_authorities(void);

/* Read one document from a file.  id may be NULL (the file's base name
** without its extension is used).  Invalid UTF-8 is FC_EINPUT with a
** diagnostic naming the byte offset. */
int fc_doc_load(fc_doc **out, const char *path, const char *id, fc_diags *d);
/* Build a document from a buffer already in memory (copied). */
int fc_doc_new_from_buffer(fc_doc **out, const char *id, const char *name,
                           const char *buf, size_t len, fc_diags *d);
void fc_doc_free(fc_doc *doc);

/* Blank out, byte for byte (newlines kept), what in a Markdown text is
** not prose: front matter, fenced and inline code, HTML comments, link
** targets and reference link definitions.  date receives the front
** matter's "date: YYYY-MM-DD", or "". */
int fc_markdown_mask(char *text, size_t len, char date[11]);

/* Whether a document is Markdown (its path ends in .md or .markdown). */
int fc_doc_is_markdown(const fc_doc *doc);
/* Line and code-point column (1-based) of a byte offset; offset may equal
** len.  Returns FC_EINPUT if offset is past the end. */
int fc_doc_linecol(const fc_doc *doc, size_t offset, int *line, int *column);
/* Borrowed pointer to the start of line n (1-based) and its length without
** the newline; NULL if there is no such line. */
const char *fc_doc_line(const fc_doc *doc, int n, size_t *len);

typedef struct fc_manifest {
    char *file;        /* the manifest's path */
    char *docs_dir;    /* the documents folder used */
    fc_doc **docs;
    size_t ndocs;
} fc_manifest;

/* Load a manifest and every document it names.  Paths are relative to
** docs_dir, or to the manifest's own folder when docs_dir is NULL; a path
** may not escape that folder.  Reports missing files, duplicate ids, bad
** dates, unknown fields and escaping paths, all of them, with positions in
** the manifest.  All or nothing: on error *out is NULL. */
int fc_manifest_load(fc_manifest **out, const char *path,
                     const char *docs_dir, fc_diags *d);
/* fc_manifest_free and fc_manifest_get take only manifests made by
** fc_manifest_load (they keep an index beside the public fields).  A caller
** may build an fc_manifest of its own to hand documents to the store, but
** then frees its parts itself. */
void fc_manifest_free(fc_manifest *m);
/* Borrowed; NULL when no document has that id. */
fc_doc *fc_manifest_get(const fc_manifest *m, const char *id);

/* ---------------------------------------------------------------------- */
/* Store                                                                   */
/* ---------------------------------------------------------------------- */

/* The schema version this library writes (PRAGMA user_version). */
#define FC_STORE_SCHEMA 2

typedef struct fc_store fc_store;

/* Open or create a store.  path NULL or ":memory:" is an in-memory store.
** An older schema is upgraded in place; a newer one is refused with
** FC_EINPUT.  File stores use WAL and a busy timeout.  A write-protected
** file is opened read-only (as an unchanging file when its WAL files cannot
** be made beside it); one whose schema needs an upgrade is refused. */
int fc_store_open(fc_store **out, const char *path, fc_diags *d);
void fc_store_close(fc_store *s);
/* 1 when the store's file is write-protected and was opened read-only:
** it can be read (checks, audits, listings); writes fail with FC_EIO and
** a diagnostic naming the file. */
int fc_store_readonly(const fc_store *s);

/* The last SQLite error text of this store (borrowed), for FC_EINTERNAL. */
const char *fc_store_errmsg(const fc_store *s);

typedef struct fc_load_stats {
    size_t files;
    size_t records;    /* valid records read */
    size_t added;      /* facts new to the store */
    size_t updated;    /* facts whose id existed with other content */
    size_t unchanged;  /* facts already stored as they are */
    size_t docs;       /* documents added or updated */
} fc_load_stats;

/* Store every document of a manifest (metadata, content and hash), in one
** transaction.  stats may be NULL. */
int fc_store_put_manifest(fc_store *s, const fc_manifest *m,
                          fc_load_stats *stats, fc_diags *d);

/* Load fact files into the store, all or nothing: every file is parsed and
** validated (and spans checked against the stored documents they name);
** if any record of any file is invalid, or two records share an id, nothing
** is changed, every problem is reported and FC_EINPUT is returned.  A fact
** whose id is already stored is replaced if its content differs. */
int fc_store_load_files(fc_store *s, const char *const *paths, size_t n,
                        fc_load_stats *stats, fc_diags *d);

/* fc_store_put_manifest (when m is not NULL) and fc_store_load_files in
** one transaction: the documents and the facts load together or nothing
** changes.  Spans are checked against the manifest's documents too. */
/* How a long run goes, for someone watching it: fn is called now and then
** with the stage ("load": facts read so far, total 0, and once at the end
** with done == total; "check": rules run so far, of total) and never
** otherwise.  fn NULL: no reports. */
typedef void (*fc_progress_fn)(void *ctx, const char *stage, size_t done,
                               size_t total);
void fc_store_set_progress(fc_store *s, fc_progress_fn fn, void *ctx);

int fc_store_load(fc_store *s, const fc_manifest *m,
                  const char *const *paths, size_t n, fc_load_stats *stats,
                  fc_diags *d);

/* fc_store_load over fact files already in memory: bufs[i] (lens[i] bytes)
** is read as if it were the file names[i]. */
int fc_store_load_buffers(fc_store *s, const fc_manifest *m,
                          const char *const *names, const char *const *bufs,
                          const size_t *lens, size_t n, fc_load_stats *stats,
                          fc_diags *d);

/* Selection for fc_store_each_fact; NULL members match everything. */
typedef struct fc_fact_filter {
    const char *metric;   /* glob: * any run, ? one character */
    const char *doc;      /* exact document id */
    const char *period;   /* exact period text, or a year "2023" that also
                             matches periods inside that year */
} fc_fact_filter;

/* Call fn for each stored fact that matches, ordered by metric, subject,
** period, document and span start (then id).  loc is NULL. */
int fc_store_each_fact(fc_store *s, const fc_fact_filter *filter,
                       fc_fact_fn fn, void *ctx);

/* Documents in the store, ordered by id.  The callback receives a document
** whose text is loaded from the store.  Borrowed for the call. */
typedef int (*fc_doc_fn)(void *ctx, const fc_doc *doc);
/* Each document id that facts of the store name but that the store does
** not hold, with how many facts name it, in id order. */
int fc_store_missing_docs(fc_store *s,
                          int (*fn)(void *ctx, const char *doc, long facts),
                          void *ctx);
int fc_store_each_doc(fc_store *s, fc_doc_fn fn, void *ctx);
/* A stored document by id, loaded into a new fc_doc (caller frees), or
** *out = NULL when none has that id. */
int fc_store_get_doc(fc_store *s, const char *id, fc_doc **out);

size_t fc_store_fact_count(fc_store *s);

/* ---------------------------------------------------------------------- */
/* Extraction                                                              */
/* ---------------------------------------------------------------------- */

/* What the extractor knows, compiled from the JSON files of DIR/lexicon/
** (numbers, qualifiers, units, periods, metrics; see rules/README.md).
** Every problem in them is reported with its position; a bad pattern at
** the character PCRE2 names. */
typedef struct fc_lexicon fc_lexicon;
int fc_lexicon_load(fc_lexicon **out, const char *dir, fc_diags *d);
void fc_lexicon_free(fc_lexicon *lx);

/* Extract the figures of a document as facts, in text order, calling fn
** for each (the fact is borrowed for the call; loc is NULL).  Ids are
** "<doc id>-NNN".  Periods are resolved against the document's published
** date, else a date found near its top, else left null with a warning. */
int fc_extract(const fc_lexicon *lx, const fc_doc *doc, fc_fact_fn fn,
               void *ctx, fc_diags *d);
/* The date extraction resolves periods against, as YYYY-MM-DD; FC_EINPUT
** when there is none. */
int fc_extract_date(const fc_lexicon *lx, const fc_doc *doc, char out[11]);

/* ---------------------------------------------------------------------- */
/* A project's config file                                                 */
/* ---------------------------------------------------------------------- */

/* factcheck.json: option defaults (rules, no_domain, rule, skip_rule,
** severity, fail_on, baseline, format; about is free text).  A key not
** among these, or a value of the wrong type, is FC_EINPUT with a
** diagnostic at its position. */
typedef struct fc_config fc_config;
int fc_config_load(fc_config **out, const char *path, fc_diags *d);
void fc_config_free(fc_config *c);
/* The values of key, as strings (an array's elements; a severity object
** as "ID=LEVEL"), borrowed; *n is 0 when the file does not give it. */
const char *const *fc_config_get(const fc_config *c, const char *key,
                                 size_t *n);

/* ---------------------------------------------------------------------- */
/* Rules and checks                                                        */
/* ---------------------------------------------------------------------- */

/* The consistency rules of one or more rules folders: every *.json file
** directly in each, then those of each domain folder domains/NAME/ of it,
** by name (lexicon/ is not a rule file).  Everything is validated before
** anything runs; all problems are reported.  lx (borrowed, must outlive
** the rules) gives text rules their number words. */
typedef struct fc_rules fc_rules;
int fc_rules_load(fc_rules **out, const char *const *dirs, size_t ndirs,
                  const fc_lexicon *lx, fc_diags *d);
/* The same, leaving out the domains named in skip; a name that is no
** domain of any folder is an error. */
int fc_rules_load_except(fc_rules **out, const char *const *dirs,
                         size_t ndirs, const char *const *skip, size_t nskip,
                         const fc_lexicon *lx, fc_diags *d);
void fc_rules_free(fc_rules *rs);
/* Narrow the rules to those named in only (when n_only > 0), less those
** named in skip; then set the severities of "ID=LEVEL" overrides (of
** every finding of the rule, same_event's too).  An id
** no rule has, or a level that is not error, warning or info, is an
** error (FC_EINPUT, with a suggestion); a level the rule's kind never
** reports is a warning and is lowered. */
int fc_rules_narrow(fc_rules *rs, const char *const *only, size_t n_only,
                    const char *const *skip, size_t n_skip,
                    const char *const *severity, size_t n_severity,
                    fc_diags *d);
size_t fc_rules_count(const fc_rules *rs);

typedef struct fc_rule_info {
    const char *id, *kind, *severity, *description;
    const char *file;  /* where it is defined */
    int line;
} fc_rule_info;
/* Borrowed strings; FC_EINPUT when i is out of range. */
int fc_rules_get(const fc_rules *rs, size_t i, fc_rule_info *out);

/* Finding types. */
#define FC_TYPE_VALUE_CONFLICT      "value_conflict"
#define FC_TYPE_BASIS_MISMATCH      "basis_mismatch"
#define FC_TYPE_PERIOD_DIFFERENCE   "period_difference"
#define FC_TYPE_POPULATION          "population_difference"
#define FC_TYPE_SCALE_SLIP          "unit_or_scale_slip"
#define FC_TYPE_ROUNDING            "rounding_only"
#define FC_TYPE_REVISION            "revision"
#define FC_TYPE_STREAK              "streak_mismatch"
#define FC_TYPE_GROWTH              "growth_mismatch"
#define FC_TYPE_PART_WHOLE          "part_exceeds_whole"
#define FC_TYPE_SHARE_RANGE         "share_out_of_range"
#define FC_TYPE_SHARE_SUM           "shares_exceed_whole"
#define FC_TYPE_DERIVED             "arithmetic_mismatch"
#define FC_TYPE_TARGET_MET          "target_met"
#define FC_TYPE_TARGET_MISSED       "target_missed"
#define FC_TYPE_TEXT                "text_condition"

/* One finding: a rule's conclusion about one or more facts. */
typedef struct fc_finding {
    char id[17];          /* stable: a hash of the rule id and the facts'
                             content (document, metric, subject, basis,
                             period, status, value, quote), not their ids */
    const char *rule;     /* borrowed from the rules */
    const char *kind;
    const char *type;     /* one of FC_TYPE_* */
    const char *severity; /* "error", "warning" or "info" */
    char *message;
    fc_fact **facts;      /* owned copies */
    char **roles;         /* per fact: "reference", "checked", "part",
                             "whole", "target", "actual", "earlier",
                             "later"; in audits "draft", "source" and
                             "newer"; or NULL */
    size_t nfacts;
    double confidence;    /* how sure the link between the facts is, 0..1 */
    char *link;           /* why the facts were taken as one thing (and
                             why the severity was lowered), or NULL */
    int baselined;        /* accepted by a baseline entry */
    char *baseline_reason;
    char baseline_expires[11]; /* that entry's expiry date, or "" */
} fc_finding;

typedef struct fc_findings fc_findings;
void fc_findings_free(fc_findings *fs);
size_t fc_findings_count(const fc_findings *fs);
/* Borrowed; in the deterministic report order: severity (errors first),
** rule id, first document, first span, id. */
const fc_finding *fc_findings_get(const fc_findings *fs, size_t i);

/* Run every rule over the store.  Findings are grouped by key (sorting,
** never all pairs), so time and memory grow with the facts, not with the
** pairs of facts. */
int fc_check(fc_store *s, const fc_rules *rs, fc_findings **out, fc_diags *d);

/* Record a run and its findings in the store; *run_id (may be NULL)
** receives the run's id. */
int fc_store_put_findings(fc_store *s, const fc_findings *fs,
                          const char *command, long long *run_id,
                          fc_diags *d);

/* Baselines: known findings accepted by id, each with a reason and an
** optional expiry date:
**   {"version": 1, "accepted": [{"id": "...", "reason": "...",
**                                "expires": "2025-12-31"}]}
** fc_baseline_apply marks the findings it accepts (an entry whose expiry
** date is before `today`, YYYY-MM-DD, accepts nothing) and returns how
** many it marked. */
typedef struct fc_baseline fc_baseline;
int fc_baseline_load(fc_baseline **out, const char *path, fc_diags *d);
void fc_baseline_free(fc_baseline *b);
size_t fc_baseline_apply(const fc_baseline *b, fc_findings *fs,
                         const char *today);
/* After fc_baseline_apply: a warning for each entry that matched no
** finding (it can go) and for each expired entry whose finding came back,
** at the entry's line in the baseline file, and their counts. */
void fc_baseline_report(const fc_baseline *b, const char *today,
                        fc_diags *d, size_t *expired, size_t *unmatched);
/* Write every finding of fs as an accepted entry: a finding a baseline
** already accepted keeps that entry's reason and expiry; the others get
** `reason`. */
int fc_baseline_write(const fc_findings *fs, const char *path,
                      const char *reason, fc_diags *d);

/* ---------------------------------------------------------------------- */
/* Reports                                                                 */
/* ---------------------------------------------------------------------- */

typedef struct fc_report_opts {
    const char *format;   /* one of fc_report_formats() */
    const char *fail_on;  /* "error", "warning", "info" or "never" */
    int color;            /* text: ANSI colours */
    size_t facts;         /* facts checked, for the summary */
    const fc_doc *const *docs; /* documents to quote from before the store's
                                  (an audited draft); may be NULL */
    size_t ndocs;
    const fc_rules *rules; /* the rules that were run (borrowed), or NULL.
                              sarif describes each of them; without them,
                              only the rules findings name, by id and kind */
    const char *today;     /* the date of the run (YYYY-MM-DD), or NULL */
    const struct fc_audit_stats *audit; /* an audit's counts, or NULL */
    const char *doc_root;  /* the folder the stored documents' paths are
                              relative to (a manifest's documents folder),
                              or NULL */
    int baseline;          /* a baseline was applied: its entries that */
    size_t baseline_expired,   /* expired while their finding came back */
        baseline_unmatched;    /* and that matched no finding */
    const char *const *fact_files; /* the fact files the facts were read
                                      from, when no document is at hand:
                                      text, github and junit then point at
                                      a fact's line in its file; may be
                                      NULL */
    size_t nfact_files;
    int charts_all;        /* html: chart every metric of the store, not
                              only those the findings name */
} fc_report_opts;

/* The formats fc_report_write knows, NULL-terminated. */
const char *const *fc_report_formats(void);

/* Write the findings (those a baseline accepted are counted, not shown).
** Documents are read from the store to quote the figures in context.
** Writes to fp; the caller makes the file whole-or-nothing. */
int fc_report_write(FILE *fp, const fc_findings *fs, fc_store *s,
                    const fc_report_opts *o, fc_diags *d);

/* Whether any finding not accepted by a baseline is at or above fail_on. */
int fc_findings_fail(const fc_findings *fs, const char *fail_on);

/* ---------------------------------------------------------------------- */
/* Audits                                                                  */
/* ---------------------------------------------------------------------- */

/* How the figures of a draft fared against the reference. */
typedef struct fc_audit_stats {
    size_t figures;       /* figures found in the draft */
    size_t supported;     /* agree with a reference figure of the same key */
    size_t stale;         /* a newer reference figure differs */
    size_t contradicted;  /* a reference figure of the same key differs */
    size_t confused;      /* another basis or population than the reference */
    size_t slips;         /* off from the reference by a power of a thousand */
    size_t rounding;      /* off only by the rounding of the figures */
    size_t unsupported;   /* nothing in the reference to compare with */
} fc_audit_stats;

/* Audit a draft (a document whose text is already masked, with its
** publication date set) against the reference facts of a store: every
** figure of the draft is classified, as a finding of kind "audit" (rules
** audit-contradicted, audit-stale, audit-basis, audit-population,
** audit-scale-slip, audit-rounding, audit-supported, audit-unsupported; the
** draft's fact first, role "draft"), and the draft is checked against
** itself with the rules (rs may be NULL).  Only the reference facts of the
** draft's metrics are read. */
int fc_audit(fc_store *ref, const fc_rules *rs, const fc_lexicon *lx,
             const fc_doc *draft, fc_findings **out, fc_audit_stats *stats,
             fc_diags *d);

/* The draft written back with each problem marked where it is: a footnote
** mark after the figure and the notes at the end (Markdown footnotes when
** markdown is set), then the figures nothing supports and the summary
** line.  original is the unmasked text; draft_id the draft's document id. */
int fc_report_annotated(FILE *fp, const char *original, size_t len,
                        int markdown, const char *draft_id,
                        const fc_findings *fs, const fc_audit_stats *st);
/* "N figures checked: S supported, T stale, ..." into out. */
void fc_audit_summary(const fc_audit_stats *st, char *out, size_t size);

/* ---------------------------------------------------------------------- */
/* Utilities                                                               */
/* ---------------------------------------------------------------------- */

/* A figure as a reader would write it: "7.058 million", "27.7%",
** "40 trillion CNY", "8,997" (unit "count" or NULL is left out). */
void fc_format_value(double v, const char *unit, char *out, size_t size);
/* "[lo, hi]" with both ends formatted as by fc_format_value, or one value
** when both ends read the same. */
void fc_format_interval(double lo, double hi, const char *unit, char *out,
                        size_t size);

/* SHA-256 of a buffer as 64 lowercase hex digits and a NUL. */
void fc_sha256_hex(const void *data, size_t len, char out[65]);

/* Validate UTF-8.  Returns 1 if valid; else 0 and, when bad_offset is not
** NULL, the offset of the first invalid byte. */
int fc_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Glob match: '*' any run of characters, '?' one byte, no escapes. */
int fc_glob_match(const char *pattern, const char *s);

#ifdef __cplusplus
}
#endif
#endif /* FACTCHECK_H */
