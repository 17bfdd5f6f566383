/*
** rule.h -- consistency rules as loaded from the rule files of rules/:
** validated, with their patterns and expressions compiled.  Shared by
** rule.c (loading) and check.c with the kind_*.c files (evaluation).
*/
#ifndef FC_RULE_H
#define FC_RULE_H

#include "lexicon.h"
#include "regex.h"

enum { RK_AGREE, RK_BASIS, RK_TREND, RK_BOUND, RK_DERIVE, RK_TARGET,
       RK_STALE, RK_TEXT, RK_COUNT };

enum { SEV_INFO, SEV_WARNING, SEV_ERROR };

/* Fields a selection can test and a key can group by. */
enum { F_METRIC, F_SUBJECT, F_BASIS, F_PERIOD, F_STATUS, F_UNIT, F_DOC,
       F_POPULATION, F_ROLE, F_TIME, F_COUNT };

/* trend modes, bound modes */
enum { TM_FALL, TM_STREAK, TM_GROWTH };
enum { BM_PART_WHOLE, BM_SHARE_RANGE, BM_SHARE_SUM };

/* Where a value of a rule is written, for errors met while it runs. */
typedef struct rule_at {
    int line, column;      /* 0 when unknown */
} rule_at;

/* A message template, split into literal text and placeholders. */
typedef struct tpl_part {
    int is_field;
    char *text;            /* literal, or the placeholder name */
} tpl_part;

typedef struct fc_rule {
    char *id;
    int kind;
    char *description;
    char *file;            /* where it was defined */
    int line;
    /* selection: NULL matches anything; metric is a glob unless metric_re */
    char *sel[F_COUNT];
    pcre2_code *metric_re;
    int key[F_COUNT];      /* fields grouped by, in order */
    int nkey;
    double tol_abs, tol_rel;
    int severity;
    int same_event;        /* severity when every fact is from one event, or
                              -1 */
    tpl_part *msg;
    size_t nmsg;
    /* kind-specific */
    int mode;              /* trend and bound modes */
    int field;             /* basis rules: F_BASIS or F_SUBJECT */
    int as_of_days;        /* agree, stale: as-of dates this close are one
                              period */
    int min_months;        /* trend, stale: only periods this long or
                              longer are compared (0: every period) */
    int near;              /* agree: figures of near-equal phrase keys, not
                              of one key */
    char *part, *whole;    /* bound part_whole by metric (globs) */
    char **metrics;        /* bound share_sum: the disjoint parts */
    size_t nmetrics;
    char *left;            /* derive: the metric checked, or NULL */
    char *suffix;          /* trend growth: growth metric = level + suffix */
    fc_expr *expr;         /* derive: the relation; text: the condition */
    char **refs;           /* derive: metric names used by expr */
    size_t nrefs;
    int window_days;       /* target: how long after its period an actual
                              may report on it */
    pcre2_code *pattern;   /* text */
    pcre2_code *sentence;  /* text: must also match in the same sentence */
    rule_at at_metric_re, at_pattern, at_sentence, at_expr;
} fc_rule;

struct fc_rules {
    fc_rule *items;
    size_t n;
    const fc_lexicon *lx;  /* number words for text rules; not owned */
    fc_rematch *rm;        /* the limits every pattern of the rules runs
                              under (regex.h); so a rulebook is checked by
                              one thread at a time */
};

extern const char *const fc_rule_kinds[RK_COUNT + 1];
extern const char *const fc_rule_severities[4];
extern const char *const fc_rule_fields[F_COUNT + 1];

#endif /* FC_RULE_H */
