/*
** facttab.h -- the facts of a store, read once and held in memory for the
** checks.
**
** The values of the fields a rule selects and groups by (metric, subject,
** basis, period, status, unit, document) repeat across facts: each is kept
** once and replaced, for comparisons, by its rank among all the values of
** the table, so that the checks sort and group by integers.  Ranks follow
** strcmp order; rank 0 is "no value" and sorts first.  A fact without a
** status ranks as "actual".  Periods are parsed once into day numbers.
**
** Every string of the table lives in one arena freed with the table: the
** facts are borrowed, never freed one by one.
*/
#ifndef FC_FACTTAB_H
#define FC_FACTTAB_H

#include "rule.h"

struct docmeta;

/* Qualifier classes, for the bounds of an interval. */
enum { TQ_EXACT, TQ_MORE_THAN, TQ_LESS_THAN, TQ_NEARLY, TQ_OTHER };

typedef struct fc_tfact {
    fc_fact f;                /* first member: a fc_tfact * is a fc_fact * */
    uint32_t rank[F_COUNT];   /* each field's rank (see above) */
    int32_t first, last;      /* the period's first and last day
                                 (fc_date_days), 0 when it has none */
    int16_t year_first, year_last;
    unsigned char has_period; /* the period parsed */
    unsigned char as_of;      /* an "as-of" period */
    unsigned char qual;       /* TQ_* */
    unsigned char time;       /* LX_STOCK, LX_FLOW or 0 */
    uint16_t window;          /* a stock's reporting window in days */
    int32_t point;            /* the day a stock is counted at: its as-of
                                 date or the last day of its month; 0 when
                                 not a stock or of a longer period */
    const struct docmeta *dm; /* the checks' metadata of its document */
} fc_tfact;

typedef struct fc_facttab fc_facttab;

/* Read every fact of the store (in no particular order).  Returns FC_OK,
** FC_ENOMEM or FC_EINTERNAL (the store's error message says why). */
int fc_facttab_load(fc_store *s, const fc_lexicon *lx, fc_facttab **out);
/* How a fact's metric lives in time (LX_STOCK, LX_FLOW, or 0 for rates,
** shares, ranks and streaks): as the lexicon declares it, else from its
** role (a change or growth is a flow), unit and words (output, revenue,
** sales are flows; a count of things is a stock; money is a flow unless
** it is held: assets, reserves, debt).  lx may be NULL. */
int fc_time_of(const fc_fact *f, const fc_lexicon *lx);
/* A fact's role as the rules see it: its own, else what its metric's
** last part says (.growth, .share, .streak, .rank, .change), else a level
** ("share_change" for percentage points). */
const char *fc_role_of(const fc_fact *f);
/* The reporting window of a stock whose metric declares none: figures of
** one stock counted this many days apart or less are one point. */
#define FC_STOCK_WINDOW 31
void fc_facttab_free(fc_facttab *t);

size_t fc_facttab_count(const fc_facttab *t);
fc_tfact *fc_facttab_fact(fc_facttab *t, size_t i);
/* Number of distinct values (ranks run from 1 to this). */
size_t fc_facttab_nvalues(const fc_facttab *t);
/* The value of a rank (NULL for 0 or out of range). */
const char *fc_facttab_value(const fc_facttab *t, uint32_t rank);
/* The rank of a value, or 0 when no fact has it (or s is NULL). */
uint32_t fc_facttab_rank(const fc_facttab *t, const char *s);

/* The qualifier class of a qualifier name (NULL: exact). */
int fc_tqual(const char *qualifier);
/* Fill the derived fields of a fact that is not in a table (ranks stay 0). */
void fc_tfact_init(fc_tfact *tf);

#endif /* FC_FACTTAB_H */
