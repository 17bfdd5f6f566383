/*
** facttab.c -- the facts of a store held in memory for the checks.
**
** One scan of the store fills an array of facts whose strings live in an
** arena.  The values of the repeated fields are interned in an
** open-addressing hash table; once every fact is read, the distinct values
** are sorted and each fact's value indexes are replaced by ranks.
*/
#include "facttab.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHUNK_SIZE ((size_t)4 << 20)

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    char data[];
} chunk;

/* What the lexicon declares of a metric, cached by interned name. */
typedef struct metric_time {
    const char *metric;
    int time, window;
} metric_time;

#define TIME_CACHE 256

struct fc_facttab {
    const fc_lexicon *lx;    /* for the times metrics declare, or NULL */
    metric_time tc[TIME_CACHE];
    fc_tfact *facts;
    size_t n, cap;
    chunk *arena;
    /* interned values: by index (from 1) while loading */
    const char **val;        /* val[i], i >= 1 */
    uint64_t *hash;          /* hash[i] */
    size_t nval, capval;
    uint32_t *slot;          /* open addressing: value index, 0 = empty */
    size_t nslot;            /* power of two */
    uint32_t *rank_of;       /* rank of value index i */
    const char **by_rank;    /* value of rank r */
    int status;
};

static void *arena_alloc(fc_facttab *t, size_t n) {
    chunk *c = t->arena;
    if (!c || c->size - c->used < n) {
        size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        if (!(c = malloc(sizeof *c + size))) return NULL;
        c->next = t->arena;
        c->used = 0;
        c->size = size;
        t->arena = c;
    }
    c->used += n;
    return c->data + c->used - n;
}

static char *arena_str(fc_facttab *t, const char *s) {
    size_t n;
    char *p;
    if (!s) return NULL;
    n = strlen(s) + 1;
    if (!(p = arena_alloc(t, n))) {
        t->status = FC_ENOMEM;
        return NULL;
    }
    return memcpy(p, s, n);
}

static size_t find_slot(const fc_facttab *t, const char *s, uint64_t h) {
    size_t j = (size_t)h & (t->nslot - 1);
    while (t->slot[j] &&
           (t->hash[t->slot[j]] != h || strcmp(t->val[t->slot[j]], s) != 0))
        j = (j + 1) & (t->nslot - 1);
    return j;
}

static int grow_slots(fc_facttab *t) {
    size_t n = t->nslot ? t->nslot * 2 : 1024, i;
    uint32_t *slot = calloc(n, sizeof *slot);
    if (!slot) return FC_ENOMEM;
    free(t->slot);
    t->slot = slot;
    t->nslot = n;
    for (i = 1; i <= t->nval; i++) t->slot[find_slot(t, t->val[i], t->hash[i])] = (uint32_t)i;
    return FC_OK;
}

/* The interned copy of s, and its index in *ix (0 for NULL). */
static const char *intern(fc_facttab *t, const char *s, uint32_t *ix) {
    uint64_t h;
    size_t j;
    *ix = 0;
    if (!s || t->status != FC_OK) return NULL;
    if ((t->nval + 1) * 2 > t->nslot && grow_slots(t) != FC_OK) {
        t->status = FC_ENOMEM;
        return NULL;
    }
    h = fc_hash_str(s);
    j = find_slot(t, s, h);
    if (!t->slot[j]) {
        char *copy;
        if (t->nval + 1 >= t->capval) {
            size_t ncap = t->capval ? t->capval * 2 : 256;
            const char **v = realloc(t->val, ncap * sizeof *v);
            uint64_t *hs = v ? realloc(t->hash, ncap * sizeof *hs) : NULL;
            if (v) t->val = v;
            if (!hs) {
                t->status = FC_ENOMEM;
                return NULL;
            }
            t->hash = hs;
            t->capval = ncap;
        }
        if (!(copy = arena_str(t, s))) return NULL;
        t->nval++;
        t->val[t->nval] = copy;
        t->hash[t->nval] = h;
        t->slot[j] = (uint32_t)t->nval;
    }
    *ix = t->slot[j];
    return t->val[*ix];
}

int fc_tqual(const char *q) {
    if (!q || !strcmp(q, "exact")) return TQ_EXACT;
    if (!strcmp(q, "more_than")) return TQ_MORE_THAN;
    if (!strcmp(q, "less_than")) return TQ_LESS_THAN;
    if (!strcmp(q, "nearly")) return TQ_NEARLY;
    return TQ_OTHER;
}

void fc_tfact_init(fc_tfact *tf) {
    fc_when w = fc_when_of(&tf->f);
    tf->qual = (unsigned char)fc_tqual(tf->f.qualifier);
    tf->has_period = (unsigned char)w.ok;
    tf->as_of = (unsigned char)(w.ok && w.p.as_of);
    tf->first = w.ok ? (int32_t)fc_date_days(w.p.first) : 0;
    tf->last = w.ok ? (int32_t)fc_date_days(w.p.last) : 0;
    tf->year_first = (int16_t)(w.ok ? fc_date_year(w.p.first) : 0);
    tf->year_last = (int16_t)(w.ok ? fc_date_year(w.p.last) : 0);
}

static const metric_time *declared_time(fc_facttab *t, const char *metric);
static int time_from(const fc_fact *f, int declared);

static int keep(void *p, const fc_fact *f, const fc_loc *loc) {
    fc_facttab *t = p;
    fc_tfact *tf;
    const char *period;
    uint32_t ix;
    (void)loc;
    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 1024;
        fc_tfact *q = realloc(t->facts, ncap * sizeof *q);
        if (!q) return FC_ENOMEM;
        t->facts = q;
        t->cap = ncap;
    }
    tf = &t->facts[t->n];
    memset(tf, 0, sizeof *tf);
    tf->f.id = arena_str(t, f->id);
    tf->f.text = arena_str(t, f->text);
    tf->f.part_of = arena_str(t, f->part_of);
    tf->f.context = arena_str(t, f->context);
    tf->f.span = f->span;
    tf->f.value = f->value;
    tf->f.lo = f->lo;
    tf->f.hi = f->hi;
    tf->f.doc = (char *)intern(t, f->doc, &tf->rank[F_DOC]);
    tf->f.subject = (char *)intern(t, f->subject, &tf->rank[F_SUBJECT]);
    tf->f.metric = (char *)intern(t, f->metric, &tf->rank[F_METRIC]);
    tf->f.basis = (char *)intern(t, f->basis, &tf->rank[F_BASIS]);
    tf->f.unit = (char *)intern(t, f->unit, &tf->rank[F_UNIT]);
    tf->f.period = (char *)intern(t, f->period, &tf->rank[F_PERIOD]);
    tf->f.status = (char *)intern(t, f->status, &tf->rank[F_STATUS]);
    if (!f->status) intern(t, "actual", &tf->rank[F_STATUS]);
    tf->f.qualifier = (char *)intern(t, f->qualifier, &ix);
    tf->f.speaker = (char *)intern(t, f->speaker, &ix);
    tf->f.role = (char *)intern(t, f->role, &ix);
    intern(t, fc_role_of(f), &tf->rank[F_ROLE]);
    tf->f.metric_source = (char *)intern(t, f->metric_source, &ix);
    tf->f.population = (char *)intern(t, f->population, &tf->rank[F_POPULATION]);
    tf->f.period_source = (char *)intern(t, f->period_source, &ix);
    tf->f.base_period = (char *)intern(t, f->base_period, &ix);
    tf->f.measured = arena_str(t, f->measured);
    tf->f.measured_start = f->measured_start;
    tf->f.measured_end = f->measured_end;
    tf->f.confidence = f->confidence;
    tf->f.has_confidence = f->has_confidence;
    {
        const metric_time *mt = declared_time(t, tf->f.metric);
        int time = time_from(&tf->f, mt->time);
        if (time) intern(t, time == LX_STOCK ? "stock" : "flow",
                         &tf->rank[F_TIME]);
        tf->time = (unsigned char)time;
        if (time == LX_STOCK)
            tf->window = (uint16_t)(mt->window ? mt->window : FC_STOCK_WINDOW);
    }
    if (t->status != FC_OK) return t->status;
    /* a period is parsed once per distinct value */
    period = tf->f.period;
    if (period && t->n && t->facts[t->n - 1].f.period == period) {
        fc_tfact *prev = &t->facts[t->n - 1];
        tf->has_period = prev->has_period;
        tf->as_of = prev->as_of;
        tf->first = prev->first;
        tf->last = prev->last;
        tf->year_first = prev->year_first;
        tf->year_last = prev->year_last;
        tf->qual = (unsigned char)fc_tqual(tf->f.qualifier);
    } else {
        fc_tfact_init(tf);
    }
    if (tf->time == LX_STOCK && tf->has_period) {
        if (tf->as_of)
            tf->point = tf->first;
        else if (strlen(tf->f.period) == 7) /* YYYY-MM: its last day */
            tf->point = tf->last;
    }
    t->n++;
    return FC_OK;
}

static const fc_facttab *sort_tab;

static int by_value(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return strcmp(sort_tab->val[a], sort_tab->val[b]);
}

/* Replace value indexes by ranks. */
static int rank_values(fc_facttab *t) {
    uint32_t *order = malloc((t->nval + 1) * sizeof *order);
    size_t i;
    int k;
    t->rank_of = calloc(t->nval + 1, sizeof *t->rank_of);
    t->by_rank = calloc(t->nval + 1, sizeof *t->by_rank);
    if (!order || !t->rank_of || !t->by_rank) {
        free(order);
        return FC_ENOMEM;
    }
    for (i = 0; i < t->nval; i++) order[i] = (uint32_t)(i + 1);
    sort_tab = t;
    qsort(order, t->nval, sizeof *order, by_value);
    for (i = 0; i < t->nval; i++) {
        t->rank_of[order[i]] = (uint32_t)(i + 1);
        t->by_rank[i + 1] = t->val[order[i]];
    }
    free(order);
    for (i = 0; i < t->n; i++)
        for (k = 0; k < F_COUNT; k++)
            t->facts[i].rank[k] = t->rank_of[t->facts[i].rank[k]];
    return FC_OK;
}

/* Whether a word of a metric key or measured phrase starts with one of
** the stems. */
static int has_stem(const char *s, const char *const *stems) {
    size_t i = 0, k;
    if (!s) return 0;
    while (s[i]) {
        size_t w = i;
        while (s[i] && ((s[i] >= 'a' && s[i] <= 'z') ||
                        (s[i] >= 'A' && s[i] <= 'Z') ||
                        (s[i] >= '0' && s[i] <= '9')))
            i++;
        for (k = 0; stems[k] && i > w; k++) {
            size_t n = strlen(stems[k]);
            if ((size_t)(i - w) >= n && !strncasecmp(s + w, stems[k], n))
                return 1;
        }
        if (s[i]) i++;
    }
    return 0;
}

const char *fc_role_of(const fc_fact *f) {
    static const struct {
        const char *suffix, *role;
    } by_suffix[] = {{".growth", "growth"}, {".share", "share"},
                     {".streak", "streak"}, {".rank", "rank"},
                     {".change", "change"}, {".added", "change"}};
    const char *dot = f->metric ? strrchr(f->metric, '.') : NULL;
    size_t i;
    if (f->role) return f->role;
    for (i = 0; dot && i < sizeof by_suffix / sizeof by_suffix[0]; i++)
        if (!strcmp(dot, by_suffix[i].suffix)) return by_suffix[i].role;
    if (f->unit && !strcmp(f->unit, "pp")) return "share_change";
    return "level";
}

int fc_time_of(const fc_fact *f, const fc_lexicon *lx) {
    return time_from(f, lx_metric_time(lx, f->metric, NULL));
}

/* What the lexicon declares of a metric: looked up once per name (the
** names are interned, so a pointer names one). */
static const metric_time *declared_time(fc_facttab *t, const char *metric) {
    metric_time *m = &t->tc[((uintptr_t)metric >> 3) % TIME_CACHE];
    if (m->metric != metric || !metric) {
        m->metric = metric;
        m->time = lx_metric_time(t->lx, metric, &m->window);
    }
    return m;
}

static int time_from(const fc_fact *f, int declared) {
    /* what is summed over a period */
    static const char *const flows[] = {
        "produc", "output", "sale", "sold", "export", "import", "revenu",
        "profit", "incom", "valu", "spend", "invest", "shipment", "deliver",
        "trip", "visit", "consum", "turnov", "gdp", "earn", "tax", "new",
        "added", "found", "creat", "averag", "daily", "monthly", "annual",
        "gain", "hire", "hiring", NULL};
    /* money that is held at a date */
    static const char *const held[] = {"asset", "reserv", "debt", "deposit",
                                       "capital", "balanc", "stock", NULL};
    const char *role = f->role, *unit = f->unit ? f->unit : "";
    const char *dot = f->metric ? strrchr(f->metric, '.') : NULL;
    if (declared) return declared;
    if (role && (!strcmp(role, "change") || !strcmp(role, "growth") ||
                 !strcmp(role, "multiple")))
        return LX_FLOW;
    if (role && strcmp(role, "level")) return 0; /* shares, ranks, streaks */
    if (!role && dot &&
        (!strcmp(dot, ".growth") || !strcmp(dot, ".change") ||
         !strcmp(dot, ".added")))
        return LX_FLOW;
    if (!role && dot && (!strcmp(dot, ".share") || !strcmp(dot, ".streak") ||
                         !strcmp(dot, ".rank")))
        return 0;
    if (!strcmp(unit, "%") || !strcmp(unit, "pp")) return 0; /* rates */
    if (has_stem(f->metric, flows) || has_stem(f->measured, flows))
        return LX_FLOW;
    if (strlen(unit) == 3 && unit[0] >= 'A' && unit[0] <= 'Z')
        /* money: a flow unless the words say it is held */
        return has_stem(f->metric, held) || has_stem(f->measured, held)
                   ? LX_STOCK
                   : LX_FLOW;
    return !strcmp(unit, "count") ? LX_STOCK : 0;
}

int fc_facttab_load(fc_store *s, const fc_lexicon *lx, fc_facttab **out) {
    fc_facttab *t = calloc(1, sizeof *t);
    size_t n = fc_store_fact_count(s);
    int rc;
    *out = NULL;
    if (!t) return FC_ENOMEM;
    t->lx = lx;
    t->status = FC_OK;
    if (n && !(t->facts = malloc(n * sizeof *t->facts))) {
        free(t);
        return FC_ENOMEM;
    }
    t->cap = n;
    rc = fc_store_scan(s, keep, t);
    if (rc == FC_OK) rc = t->status;
    if (rc == FC_OK) rc = rank_values(t);
    if (rc != FC_OK) {
        fc_facttab_free(t);
        return rc;
    }
    *out = t;
    return FC_OK;
}

void fc_facttab_free(fc_facttab *t) {
    chunk *c, *next;
    if (!t) return;
    for (c = t->arena; c; c = next) {
        next = c->next;
        free(c);
    }
    free(t->facts);
    free(t->val);
    free(t->hash);
    free(t->slot);
    free(t->rank_of);
    free(t->by_rank);
    free(t);
}

size_t fc_facttab_count(const fc_facttab *t) { return t->n; }

fc_tfact *fc_facttab_fact(fc_facttab *t, size_t i) {
    return i < t->n ? &t->facts[i] : NULL;
}

size_t fc_facttab_nvalues(const fc_facttab *t) { return t->nval; }

const char *fc_facttab_value(const fc_facttab *t, uint32_t rank) {
    return rank >= 1 && rank <= t->nval ? t->by_rank[rank] : NULL;
}

uint32_t fc_facttab_rank(const fc_facttab *t, const char *s) {
    size_t j;
    if (!s || !t->nslot) return 0;
    j = find_slot(t, s, fc_hash_str(s));
    return t->slot[j] ? t->rank_of[t->slot[j]] : 0;
}
