/*
** report.h -- what the renderers (report_*.c) share.  Internal.
*/
#ifndef FC_REPORT_H
#define FC_REPORT_H

#include "internal.h"

typedef struct rp_counts {
    size_t shown, errors, warnings, info, baselined;
} rp_counts;

/* 0 error, 1 warning, 2 info, 3 anything else ("never"). */
int rp_severity_rank(const char *s);
void rp_summary(const fc_findings *fs, rp_counts *c);

/* Documents read from the store once each, for quoting. */
typedef struct rp_docs {
    fc_store *s;
    fc_doc **docs;
    char **ids;
    size_t n, cap;
    const fc_doc *const *extra; /* consulted first (an audited draft) */
    size_t nextra;
    /* where each fact was read, from the report options' fact files: fact
       id to (file index << 32 | line), read the first time it is asked */
    const char *const *fact_files;
    size_t nfact_files;
    fc_strset *fact_lines;
    int fact_lines_read;
} rp_docs;
void rp_docs_init(rp_docs *dc, fc_store *s);
/* The same, with the extra documents of the report options. */
void rp_docs_init_opts(rp_docs *dc, fc_store *s, const fc_report_opts *o);
/* Borrowed; NULL when the store does not hold that document. */
const fc_doc *rp_docs_get(rp_docs *dc, const char *id);
void rp_docs_free(rp_docs *dc);
/* The name of document id for a tool that opens files: its path under
** o->doc_root (a draft's as given), relative to the working directory when
** it lies under it, as compilers write it; else its id.  In buf. */
const char *rp_doc_path(rp_docs *dc, const fc_report_opts *o, const char *id,
                        char *buf, size_t size);
/* Where a tool should open fact x: its document's path (rp_doc_path) and
** its span's line and column; or, when the document is not at hand and
** the report options name the fact files, the file the fact was read
** from and its line (column 1); else the document id and the span's
** line and column (0 when it has none).  In buf. */
const char *rp_fact_place(rp_docs *dc, const fc_report_opts *o,
                          const fc_fact *x, char *buf, size_t size, int *line,
                          int *column);

/* The findings shown (not baselined) of each rule, in order of first
** appearance (so errors first), with counts per severity. */
typedef struct rp_rule_count {
    const char *rule, *kind;   /* borrowed from the findings */
    size_t n, errors, warnings, info;
} rp_rule_count;
/* *out is malloc'd (caller frees); FC_ENOMEM when out of memory. */
int rp_rule_counts(const fc_findings *fs, rp_rule_count **out, size_t *n);

/* A plain-English sentence for a finding type ("the figures cannot both be
** right"), or NULL for an unknown type.  Static. */
const char *rp_type_text(const char *type);
/* What an editor should do about a finding of this type ("check which
** figure the source published"), or NULL.  Static. */
const char *rp_type_advice(const char *type);
/* What to do about f, as every report says it: the advice of its type for
** an error or a warning; NULL for information and unknown types.  Static. */
const char *rp_finding_advice(const fc_finding *f);
/* The verdict of an audit on one figure of a draft: "supported", "stale",
** "contradicted", "confused" (basis or population), "slip", "rounding" or
** "unsupported"; NULL for a finding that is no verdict (a rule's, such as
** the draft checked against itself).  Static. */
const char *rp_audit_verdict(const fc_finding *f);

/* Whether f has a span that lies in doc, at character boundaries. */
int rp_span_ok(const fc_doc *doc, const fc_fact *f);
/* A sentence-sized window [*a, *b) of doc->text around the span
** [start, end): back to the start of its sentence and on to its end, never
** past a line break nor more than `max` code points either side (then cut
** at a space).  start..end must lie at character boundaries.  Returns
** 1 | 2 when the window was cut before (1) or after (2) the sentence. */
int rp_window(const fc_doc *doc, size_t start, size_t end, size_t max,
              size_t *a, size_t *b);

int rp_text(FILE *fp, const fc_findings *fs, fc_store *s,
            const fc_report_opts *o);
int rp_json(FILE *fp, const fc_findings *fs, fc_store *s,
            const fc_report_opts *o);
/* SARIF 2.1.0 (report_sarif.c): baselined findings are written too, with
** a suppression. */
int rp_sarif(FILE *fp, const fc_findings *fs, fc_store *s,
             const fc_report_opts *o);
int rp_markdown(FILE *fp, const fc_findings *fs, fc_store *s,
                const fc_report_opts *o);
int rp_html(FILE *fp, const fc_findings *fs, fc_store *s,
            const fc_report_opts *o);
/* GitHub Actions workflow commands and JUnit XML (report_ci.c). */
int rp_github(FILE *fp, const fc_findings *fs, fc_store *s,
              const fc_report_opts *o);
int rp_junit(FILE *fp, const fc_findings *fs, fc_store *s,
             const fc_report_opts *o);
/* schema.org ClaimReview JSON-LD (report_claimreview.c). */
int rp_claimreview(FILE *fp, const fc_findings *fs, fc_store *s,
                   const fc_report_opts *o);

#endif /* FC_REPORT_H */
