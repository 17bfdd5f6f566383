/*
** check.h -- what the checks share: the evaluation context, the helpers
** every kind of rule uses, and the interface of a kind.  Internal; shared
** by check.c (the driver) and the kind_*.c files (one kind of rule each).
**
** The driver reads every fact once, and for each rule asks its kind for a
** plan: which fields group the rule's facts and which function judges one
** group (or, for rules that do not work by groups, a function that runs
** over all the selected facts, or over every document).  A kind adds its
** findings with ck_add; it never frees or reorders them.
*/
#ifndef FC_CHECK_H
#define FC_CHECK_H

#include "facttab.h"

/* ---- the evaluation context (check.c) ---------------------------------------- */

/* A document's metadata, looked up once per document. */
typedef struct docmeta {
    char *id, *published, *event, *authority, *publisher;
    int rank;              /* 0 official .. 3 blog, 4 unknown */
    long days;             /* published, as a day number; 0 when undated */
} docmeta;

/* A figure's interval with the rule's tolerance; an open end is one the
** figure does not reach ("more than 70,000"). */
typedef struct ck_ival {
    double lo, hi;
    int lo_open, hi_open;
} ck_ival;

typedef struct ck_ctx {
    fc_store *s;
    const fc_rules *rs;
    const fc_rule *rule;   /* the rule being run */
    fc_findings *out;
    fc_diags *d;
    docmeta *docs;         /* sorted by id */
    size_t ndocs;
    int status;            /* the first error; once set, nothing is added */
    /* every fact, read once */
    fc_facttab *t;
    /* the current rule's selection: by metric rank, whether the rule
       reads the metric (part and whole for part_whole by metrics); the
       rank each other selected field must have (0: any) */
    unsigned char *msel, *mpart, *mwhole;
    uint32_t want[F_COUNT];
    /* the current group: borrowed facts of t */
    fc_fact **g;
    size_t ng, capg;
    ck_ival *iv;           /* scratch intervals */
    size_t *ix;            /* and indexes, as many */
    size_t capiv;
    /* every fact with a metric, sorted by the key most rules share */
    uint32_t *cache;
    size_t ncache;
    int corder[F_COUNT], cnorder, cwidth;
    /* the index of ck_index_build: facts by metric, subject, period and
       document order; byper_built is reset for every rule */
    fc_tfact **byper;
    size_t nbyper;
    int byper_built;
    /* a doubt the kind has about the next finding it adds: the highest
       severity it allows and why (cleared by ck_add); cap -1 for none */
    int doubt_cap;
    const char *doubt;
    double doubt_factor;   /* and how much less sure (0: not) */
    /* "doc\x1fmetric\x1fperiod" for each document that states a revision
       of a metric for a period (a fact of metric "<metric>.revision":
       "a count raised by 60 on review") */
    fc_strset *revised;
} ck_ctx;

/* The table's view of a fact: every fact a check handles is one. */
#define TF(f) ((const fc_tfact *)(f))

/* ---- the interface of a kind -------------------------------------------------- */

/* How a rule runs: exactly one of group, run and doc is set. */
typedef struct ck_plan {
    /* handed each group of the selected facts with equal values of the
       fields order[0..norder), in ck_ctx g[0..ng); within a group the
       facts are in period order (last day, first day, period), then by
       document and position */
    void (*group)(ck_ctx *c);
    int order[F_COUNT];
    int norder;
    /* or: run once over the selected facts (ck_selected); returns a status */
    int (*run)(ck_ctx *c);
    /* or: run over every document (the ck_ctx is p); the rule selects no
       facts */
    int (*doc)(void *p, const fc_doc *doc);
} ck_plan;

typedef struct ck_kind {
    const char *name;      /* as rule files name it: fc_rule_kinds[] */
    /* Fill in how rule r runs.  p arrives with order set to the rule's key
       without period (periods are bucketed by the kinds that compare
       them); the kind may change it. */
    void (*plan)(const fc_rule *r, ck_plan *p);
    /* Whether rule r reads the facts of a metric its selection lets
       through: for kinds whose rules name their metrics.  NULL: every
       selected metric. */
    int (*reads)(const fc_rule *r, const char *metric);
} ck_kind;

extern const ck_kind ck_kind_agree, ck_kind_basis, ck_kind_trend,
    ck_kind_bound, ck_kind_derive, ck_kind_target, ck_kind_stale,
    ck_kind_text;

/* The kind of RK_* k (check.c). */
const ck_kind *ck_kind_of(int k);

/* ---- documents, selection (check.c) ------------------------------------------- */

/* Whether the document of f says that f's metric was revised for f's
** period (a count "raised by 60 on review, from 410 to 470"). */
int ck_states_revision(const ck_ctx *c, const fc_fact *f);

/* The metadata of document id, or NULL. */
const docmeta *ck_doc_of(const ck_ctx *c, const char *id);
/* Whether the current rule selects fact f. */
int ck_selected(const ck_ctx *c, const fc_fact *f);

/* ---- intervals and periods (check.c) ------------------------------------------ */

/* A fact's interval with the rule's tolerance. */
ck_ival ck_bounds(const fc_rule *r, const fc_fact *f);
/* Whether a lies entirely below b; whether they meet. */
int ck_below(ck_ival a, ck_ival b);
int ck_overlap(ck_ival a, ck_ival b);
/* Whether two facts' periods are one period for comparison: equal, or
** both as-of dates within `days` of each other. */
int ck_same_period(const fc_fact *a, const fc_fact *b, int days);
/* qsort order of fc_fact pointers by period (last day, first day, rank),
** then id. */
int ck_by_period(const void *x, const void *y);
/* Run `seq` over the group in period order, once per length of period (a
** month's figure is not an update of a year's); moments go with every
** length. */
void ck_by_span_class(ck_ctx *c, void (*seq)(ck_ctx *));
/* Room for n scratch intervals and indexes in c->iv and c->ix. */
int ck_scratch(ck_ctx *c, size_t n);
/* The period one year before a year, month or day period ("2023" for
** "2024"); 0 when it has none (as-of dates, spans). */
int ck_year_before(const char *per, char out[16]);

/* ---- an index by metric, subject and period (check.c) -------------------------- */

/* Index the facts whose metric's rank is marked in `want` (want[0] is
** ignored) by metric, subject, period and document order, in c->byper. */
int ck_index_build(ck_ctx *c, unsigned char *want);
/* The first indexed fact of metric m, subject s and period p (ranks), or
** the index's size when there is none. */
size_t ck_index_find(const ck_ctx *c, uint32_t m, uint32_t s, uint32_t p);

/* ---- adding findings (check.c) -------------------------------------------------- */

/* A named value for the message template beyond the facts' fields. */
typedef struct ck_extra {
    const char *name;
    const char *value;
} ck_extra;

/* Add a finding of the current rule over n facts (copied), its message
** rendered from the rule's template.  Period differences and rounding
** never reach error; figures whose metric is a phrase never reach error. */
void ck_add(ck_ctx *c, const char *type, int severity, fc_fact *const *facts,
            const char *const *roles, size_t n, const ck_extra *ex,
            size_t nex);
/* The severity for a finding between facts a and b (b may be NULL): the
** rule's, raised to same_event when both come from reports of one
** event. */
int ck_severity_for(const ck_ctx *c, const fc_fact *a, const fc_fact *b);
/* Whether facts a and b (b may be NULL) come from reports of one event. */
int ck_one_event(const fc_fact *a, const fc_fact *b);
/* Order two facts so that the side of higher authority comes first, and
** name the roles ("reference", "checked") when the authorities differ. */
void ck_sides(fc_fact **a, fc_fact **b, const char **ra, const char **rb);

/* ---- how sure a link is (link.c) ------------------------------------------------ */

typedef struct ck_linkinfo {
    double confidence;     /* 0..1 */
    int phrase;            /* a fact's metric is a phrase key */
    char why[400];         /* why the figures were taken as one thing */
} ck_linkinfo;

/* Judge the link between a finding's facts: the confidence (the weakest
** fact's, lowered for measured phrases with no word in common, for two
** values of one thing in one sentence, and, where the finding says two
** figures of one time disagree, for a period taken from a document's
** date) and the reason, in words. */
void ck_link(const fc_fact *const *facts, size_t n, const char *type,
             ck_linkinfo *li);
/* The highest severity a link of this confidence allows. */
int ck_link_cap(double confidence);

/* ---- small comparisons (check.c) -------------------------------------------------- */

int ck_str_eq(const char *a, const char *b);
int ck_cmp_u(uint32_t a, uint32_t b);

#endif /* FC_CHECK_H */
