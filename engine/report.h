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
} rp_docs;
void rp_docs_init(rp_docs *dc, fc_store *s);
/* Borrowed; NULL when the store does not hold that document. */
const fc_doc *rp_docs_get(rp_docs *dc, const char *id);
void rp_docs_free(rp_docs *dc);

int rp_text(FILE *fp, const fc_findings *fs, fc_store *s,
            const fc_report_opts *o);
int rp_json(FILE *fp, const fc_findings *fs, fc_store *s,
            const fc_report_opts *o);

#endif /* FC_REPORT_H */
