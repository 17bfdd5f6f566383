/*
** lexicon.h -- the extraction lexicon as compiled from the JSON files of rules/lexicon:
** what the extractor knows about numbers, units, hedges, periods, status,
** metrics and bases.  Shared by lexicon.c (loading) and extract.c (use).
**
** Every pattern is JIT-compiled, and run with pcre2_jit_match unless one
** has no JIT code (no_jit).  A pattern matched at one position only (right
** after a figure, at a cue's start) is compiled PCRE2_ANCHORED and
** PCRE2_NO_START_OPTIMIZE, with an anchored twin (`_at`) where the same
** pattern is also searched: PCRE2_ANCHORED given to pcre2_match instead
** would make PCRE2 leave the JIT code for its interpreter.
*/
#ifndef FC_LEXICON_H
#define FC_LEXICON_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "expr.h"
#include "internal.h"

/* A phrase with a number: scale words, suffixes, number words. */
typedef struct lx_word {
    char *text;
    double value;
} lx_word;

typedef struct lx_words {
    lx_word *items;
    size_t n;
} lx_words;

/* Qualifier kinds, in the order of fc_fact_qualifiers(). */
enum { QK_EXACT, QK_APPROX, QK_MORE_THAN, QK_AT_LEAST, QK_LESS_THAN,
       QK_AT_MOST, QK_NEARLY, QK_RANGE, QK_COUNT };

typedef struct lx_qual {
    int kind;
    int after;             /* matched after the figure, not before */
    pcre2_code *re;
} lx_qual;

typedef struct lx_unit {
    char *unit;
    pcre2_code *re;
} lx_unit;

enum { PR_YEAR, PR_YEAR_END, PR_DATE, PR_SPAN, PR_DOC_YEAR, PR_AS_OF_DOC,
       PR_SINCE, PR_DOC_YEAR_END, PR_DOC_DATE, PR_MONTH,
       PR_DOC_MONTH, PR_MONTHS, PR_EARLIER };

typedef struct lx_period {
    int resolve;
    int offset;
    int per;               /* months: months per counted unit (1, 3, 6) */
    int base;              /* the time a change is measured from */
    pcre2_code *re;
    pcre2_code *at;        /* the same, anchored */
} lx_period;

enum { ST_TARGET, ST_FORECAST, ST_WILL };

typedef struct lx_status {
    int status;
    pcre2_code *re;
} lx_status;

/* A name with its pattern: a basis read right after a figure ("of
** GDP"), or a population a figure may be narrowed to, found in its
** clause ("above designated size"). */
typedef struct lx_named {
    char *name;
    pcre2_code *re;
} lx_named;

/* How a metric lives in time: a stock is counted at a date (enterprises,
** base stations, users), a flow is summed over a period (output,
** revenue). */
enum { LX_STOCK = 1, LX_FLOW = 2 };

typedef struct lx_metric {
    char *metric;          /* NULL when `metrics` is used */
    char *unit;
    char *share;           /* metric for a share of this one */
    char *growth;          /* metric for the growth of this one */
    char *subject;
    char *basis;           /* default basis */
    char *share_basis;     /* default basis of a share of this metric */
    char **metrics;        /* handed out in order ("respectively") */
    size_t nmetrics;
    int priority;
    int is_signed;
    int time;              /* LX_STOCK, LX_FLOW or 0 (not declared) */
    int window_days;       /* a stock's reporting window, or 0 (default) */
    char *label;           /* the metric in words, or NULL */
    pcre2_code *after;     /* anchored right after the figure */
    pcre2_code *before;    /* searched in the sentence before it */
} lx_metric;

struct fc_lexicon {
    lx_words scales, suffixes, words, fractions, multiples, months, ordinals;
    pcre2_code *number;    /* the master pattern for figures */
    pcre2_code *scale_re;  /* a scale word right after a number */
    pcre2_code *number_at, *scale_at; /* the same two, anchored */
    lx_qual *quals;
    size_t nquals;
    fc_expr *lo[QK_COUNT], *hi[QK_COUNT];
    lx_unit *units_before, *units_after;
    size_t nunits_before, nunits_after;
    pcre2_code *growth_up, *growth_down;
    lx_period *periods;
    size_t nperiods;
    lx_status *statuses;
    size_t nstatuses;
    pcre2_code **datelines;
    size_t ndatelines;
    char *default_subject;
    pcre2_code *part_cues, *part_cues_at; /* searched; anchored */
    lx_named *bases;
    size_t nbases;
    lx_named *populations;
    size_t npopulations;
    lx_metric *metrics;
    size_t nmetrics;
    uint32_t max_groups;   /* largest capture count, for match data */
    int no_jit;            /* a pattern has no JIT code: match every one
                              with pcre2_match, not pcre2_jit_match */
};

/* Look a phrase up, case-insensitively; NULL when absent. */
const lx_word *lx_words_find(const lx_words *w, const char *s, size_t len);
/* The time a lexicon metric declares (LX_STOCK, LX_FLOW), or 0; and,
** when window is not NULL, the reporting window it declares in days (0
** when it declares none). */
int lx_metric_time(const fc_lexicon *lx, const char *metric, int *window);
/* The metric in words for a reader ("NEV production"): its entry's label;
** for a metric its entry derives (METRIC.growth, METRIC.share) the
** label and the derivation ("NEV production growth"); in buf.  NULL when
** the lexicon has no label for it. */
const char *lx_metric_label(const fc_lexicon *lx, const char *metric,
                            char *buf, size_t size);

#endif /* FC_LEXICON_H */
