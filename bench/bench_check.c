/*
** bench_check.c -- how fast `factcheck check` runs the default rulebook
** over a million facts, and whether its memory follows the facts rather
** than the pairs of facts, beside a baseline measured in the same run on
** the same facts:
**
**   baseline: sort-and-group   one ordered scan of the store
**                              (fc_store_each_fact, no filter: ordered by
**                              metric, subject, period, document), grouping
**                              consecutive facts of equal metric, subject
**                              and period and taking each group's lowest
**                              lo and highest hi -- the least a grouped
**                              check has to do
**   factcheck check            fc_check with the rules of rules/ (lexicon
**                              and rules loaded first, not timed)
**   factcheck check, huge      fc_check again over the same number of facts
**   groups                     put in 10 keys (pairs ~ N^2/20: 5e10 for a
**                              million), to show that memory does not grow
**                              with the pairs
**
** The facts are generated as JSON Lines in memory: series of one metric and
** subject reported for several periods (thousands of metrics, 40 subjects,
** years, months, as-of dates and plan spans), each period a group of 1-20
** facts from different documents with hedges, rounding, a few conflicts,
** scale slips, bases that differ, targets, streaks, parts and wholes.
**
** A loader process per dataset loads the facts into an in-memory store
** (fc_store_open(NULL) + fc_store_load_buffers; timed and printed, not the
** measured part), then forks one process per measure, so that each
** measure's peak memory (ru_maxrss from wait4) is its own: the store it
** reads plus what it allocates, and never the generated JSON.
**
** Usage: bench_check   (run from the repository root: it reads rules/)
** Environment: FC_BENCH_N (facts, default 1,000,000), FC_BENCH_TIMEOUT
** (seconds a measure may take, default 60: one that takes longer is
** stopped and counts as a missed target), FC_BENCH_STRICT=1.
** Scaling: the baseline and the check are run again over 10^4, 10^5 and
** 10^6 facts (10^7 too with FC_BENCH_BIG=1; the run at FC_BENCH_N is
** reused when it is one of them), each dataset in a loader of its own; the
** growth exponent between two sizes is log(t2/t1) / log(n2/n1) of CPU
** time, and the same of peak memory.  FC_BENCH_SCALING=0 skips them.
**
** Exit status: 0, or 1 if a measure failed (or, with FC_BENCH_STRICT=1, if
** a target was missed: a check that takes more than 10 s of CPU per
** million facts or runs at less than a quarter of the baseline's facts per
** CPU second, a measure stopped by the timeout, or a huge-groups check
** whose own memory is more than 4 times that of the normal check).  The
** rows of the report (bench_row) hold the check to more: 4 s of CPU and
** 300 MB of peak memory per million facts, and time growing no faster
** than n log n between the sizes of the scaling.
*/
/* wait4, for the peak memory of one child (not POSIX, but in glibc and the
** BSDs) */
#define _DEFAULT_SOURCE 1

#include "factcheck.h"
#include "bench.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_N 1000000L
#define RULES_DIR "rules"
#define HUGE_KEYS 10
#define TARGET_CHECK_SECONDS 10.0 /* CPU seconds per million facts */
#define TARGET_CHECK_RATIO 0.25   /* of the baseline's facts per second */
#define TARGET_HUGE_GROWTH 4.0
/* targets of the report's rows (bench/run.sh), for a million facts and
** scaled to the number checked */
#define REPORT_CHECK_SECONDS 4.0  /* CPU seconds per million facts */
#define REPORT_CHECK_MB 300.0     /* peak MB per million facts */

/* ---- vocabulary -------------------------------------------------------------- */

enum { K_COUNT, K_MONEY, K_OUTPUT, K_SHARE, K_GROWTH, K_STREAK, K_ENERGY };

static const char *const sectors[] = {
    "industry",     "manufacturing", "software",     "electronics",
    "steel",        "cement",        "chemicals",    "textiles",
    "machinery",    "autos",         "nev",          "shipbuilding",
    "aerospace",    "rail",          "robotics",     "semiconductors",
    "displays",     "batteries",     "solar",        "wind",
    "telecom",      "pharma",        "meddevices",   "food",
    "paper",        "furniture",     "toys",         "apparel",
    "glass",        "aluminium",     "copper",       "rare_earths",
    "lithium",      "plastics",      "rubber",       "tyres",
    "instruments",  "tools",         "appliances",   "phones",
    "computers",    "servers",       "datacenters",  "cloud",
    "ai",           "biotech",       "fertiliser",   "coal",
    "oil",          "gas",           "power",        "water",
    "logistics",    "ports",         "airlines",     "construction",
    "printing",     "ceramics",      "bicycles",     "drones",
    "optics",       "sensors",
};
#define NSECTORS (sizeof sectors / sizeof sectors[0])

typedef struct measure {
    const char *name;
    int kind;
} measure;

static const measure measures[] = {
    {"enterprises.count", K_COUNT},     {"plants.count", K_COUNT},
    {"patents.count", K_COUNT},         {"workers.count", K_COUNT},
    {"products.count", K_COUNT},        {"standards.count", K_COUNT},
    {"exporters.count", K_COUNT},       {"startups.count", K_COUNT},
    {"value_added", K_MONEY},           {"revenue", K_MONEY},
    {"profit", K_MONEY},                {"investment", K_MONEY},
    {"exports", K_MONEY},               {"imports", K_MONEY},
    {"rnd.spending", K_MONEY},          {"subsidies", K_MONEY},
    {"output", K_OUTPUT},               {"capacity", K_OUTPUT},
    {"exports.volume", K_OUTPUT},       {"stocks", K_OUTPUT},
    {"value_added.share", K_SHARE},     {"exports.share", K_SHARE},
    {"market.share", K_SHARE},          {"employment.share", K_SHARE},
    {"investment.share", K_SHARE},      {"rnd.share", K_SHARE},
    {"value_added.growth", K_GROWTH},   {"output.growth", K_GROWTH},
    {"revenue.growth", K_GROWTH},       {"profit.growth", K_GROWTH},
    {"exports.growth", K_GROWTH},       {"investment.growth", K_GROWTH},
    {"productivity.growth", K_GROWTH},  {"prices.growth", K_GROWTH},
    {"rank_first.streak", K_STREAK},    {"growth.streak", K_STREAK},
    {"power.use", K_ENERGY},            {"power.saved", K_ENERGY},
    {"power.generated", K_ENERGY},      {"power.imported", K_ENERGY},
};
#define NMEASURES (sizeof measures / sizeof measures[0])
#define NMETRICS (NSECTORS * NMEASURES)

/* metrics named by the default rules' own selections */
static const measure specials[] = {
    {"manufacturing.value_added.share", K_SHARE},
    {"industry.value_added.share", K_SHARE},
    {"sme.specialized.count", K_COUNT},
    {"sme.little_giant.count", K_COUNT},
};
#define NSPECIALS (sizeof specials / sizeof specials[0])

static const char *const subjects[] = {
    "china",     "world",    "beijing",   "shanghai",  "tianjin",
    "chongqing", "hebei",    "shanxi",    "liaoning",  "jilin",
    "jiangsu",   "zhejiang", "anhui",     "fujian",    "jiangxi",
    "shandong",  "henan",    "hubei",     "hunan",     "guangdong",
    "hainan",    "sichuan",  "guizhou",   "yunnan",    "shaanxi",
    "gansu",     "qinghai",  "guangxi",   "ningxia",   "xinjiang",
    "tibet",     "shenzhen", "suzhou",    "hangzhou",  "wuhan",
    "chengdu",   "smes",     "soes",      "private",   "foreign",
};
#define NSUBJECTS (sizeof subjects / sizeof subjects[0])

static const char *const bases[] = {"gdp", "world", "industry",
                                    "manufacturing"};
static const char *const units[] = {"count", "CNY", "t", "%", "%", "years",
                                    "kWh"};
static const char *const authorities[] = {"official", "press", "news", "blog"};
static const char *const speakers[] = {"Lan Weiqi", "Ou Shuyan", "Fen Jiaming",
                                       "Ruan Kexin", "Bai Tiansheng"};
static const char *const contexts[] = {
    "according to the quarterly survey of the bureau",
    "figures revised after the census of enterprises",
    "as counted by the provincial registry",
    "in the ministry's mid-year review",
};
static const char *const plan_ordinals[] = {
    "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth",
    "Fifteenth"};

/* ---- a small deterministic generator ---------------------------------------- */

static unsigned long long mix(unsigned long long x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

typedef struct rng {
    unsigned long long s;
} rng;

static unsigned long long next(rng *r) {
    r->s += 0x9e3779b97f4a7c15ULL;
    return mix(r->s);
}

/* 0 .. n-1 */
static long pick(rng *r, long n) {
    return (long)(next(r) % (unsigned long long)n);
}

/* 1 with probability per_mille / 1000 */
static int chance(rng *r, int per_mille) {
    return pick(r, 1000) < per_mille;
}

/* ---- the JSON Lines buffer ----------------------------------------------------- */

typedef struct obuf {
    char *data;
    size_t len, cap;
    int oom;
} obuf;

static void ob_printf(obuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void ob_printf(obuf *b, const char *fmt, ...) {
    va_list ap;
    int n;
    if (b->oom) return;
    for (;;) {
        size_t room = b->cap - b->len;
        va_start(ap, fmt);
        n = vsnprintf(b->data ? b->data + b->len : NULL, room, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = 1;
            return;
        }
        if ((size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        {
            size_t ncap = b->cap ? b->cap * 2 : 1 << 20;
            char *p;
            while (ncap - b->len <= (size_t)n) ncap *= 2;
            p = realloc(b->data, ncap);
            if (!p) {
                b->oom = 1;
                return;
            }
            b->data = p;
            b->cap = ncap;
        }
    }
}

static void ob_str(obuf *b, const char *key, const char *v) {
    if (v)
        ob_printf(b, ",\"%s\":\"%s\"", key, v);
    else
        ob_printf(b, ",\"%s\":null", key);
}

/* ---- generating facts ------------------------------------------------------------ */

typedef struct gen {
    obuf out;
    long n;                /* facts wanted */
    long made;             /* facts written */
    long keys;             /* groups of one metric, subject, basis, period
                              and status, as generated */
    long series;
    long specials, plain;  /* series of the special metrics, of the others */
    double pairs;          /* pairs of facts within those groups */
    long ndocs;
    rng r;
    /* per document: its last fact, a whole for the next part */
    long *last_id;
    double *last_lo;
    int *last_kind;
} gen;

/* A figure: mantissa * 10^exp, so that the unit of its last digit (u) and
** the place of its leading one (m) are known, as the extractor knows them. */
typedef struct figure {
    long mant;             /* 100 .. 999, or negative for a fall */
    int exp;
} figure;

static double fig_value(figure f) { return (double)f.mant * pow(10, f.exp); }

static void fig_text(figure f, char *out, size_t size) {
    if (f.exp >= 0 && fabs(fig_value(f)) > 9007199254740992.0)
        /* a whole number past 2^53 is written with an exponent, as the
           fact writer writes it (fact files refuse it in digits) */
        snprintf(out, size, "%.16e", fig_value(f));
    else if (f.exp >= 0)
        snprintf(out, size, "%.0f", fig_value(f));
    else
        snprintf(out, size, "%.*f", -f.exp, fig_value(f));
}

static const char *qualifier_for(rng *r, int kind, const char **word) {
    long q = pick(r, 100);
    *word = "";
    if (kind == K_GROWTH || kind == K_STREAK) {
        if (q < 80) return "exact";
        *word = "about ";
        return "approx";
    }
    if (q < 50) return "exact";
    if (q < 65) { *word = "about "; return "approx"; }
    if (q < 80) { *word = "more than "; return "more_than"; }
    if (q < 87) { *word = "nearly "; return "nearly"; }
    if (q < 92) { *word = "at least "; return "at_least"; }
    if (q < 97) { *word = "less than "; return "less_than"; }
    *word = "up to ";
    return "at_most";
}

/* Write one fact.  part_ok: it may name the document's previous fact as
** its whole. */
static void put_fact(gen *g, const char *metric, int kind, const char *subject,
                     const char *basis, const char *period,
                     const char *status, figure f, int part_ok) {
    rng *r = &g->r;
    long doc = pick(r, g->ndocs), id = g->made;
    const char *word, *q = qualifier_for(r, kind, &word);
    char vtext[48], text[96], lo_s[64], hi_s[64];
    double v, lo, hi, u = pow(10, f.exp), m, a;
    obuf *b = &g->out;

    fig_text(f, vtext, sizeof vtext);
    v = strtod(vtext, NULL);
    /* the place of the leading digit */
    m = pow(10, f.exp + (labs(f.mant) >= 100 ? 2 : labs(f.mant) >= 10 ? 1 : 0));
    a = fabs(v);
    if (!strcmp(q, "exact")) {
        lo = v - u / 2;
        hi = v + u / 2;
    } else if (!strcmp(q, "approx")) {
        double w = u / 2 > a * 0.05 ? u / 2 : a * 0.05;
        lo = v - w;
        hi = v + w;
    } else if (!strcmp(q, "more_than") || !strcmp(q, "at_least")) {
        lo = v;
        hi = v + m;
    } else if (!strcmp(q, "nearly")) {
        lo = v - u / 2;
        hi = v;
    } else {
        lo = v - m;
        hi = v;
    }
    snprintf(lo_s, sizeof lo_s, fabs(lo) > 9007199254740992.0 ? "%.16e" : "%.17g",
             lo);
    snprintf(hi_s, sizeof hi_s, fabs(hi) > 9007199254740992.0 ? "%.16e" : "%.17g",
             hi);
    if (strtod(lo_s, NULL) > v) snprintf(lo_s, sizeof lo_s, "%s", vtext);
    if (strtod(hi_s, NULL) < v) snprintf(hi_s, sizeof hi_s, "%s", vtext);
    {
        size_t w = strlen(word);
        fc_format_value(v, units[kind], text + w, sizeof text - w);
        memcpy(text, word, w);
    }

    ob_printf(b, "{\"id\":\"f%07ld\",\"doc\":\"d%04ld\"", id, doc);
    ob_str(b, "text", text);
    ob_str(b, "subject", subject);
    ob_str(b, "metric", metric);
    ob_str(b, "basis", basis);
    ob_printf(b, ",\"value\":%s", vtext);
    ob_str(b, "unit", units[kind]);
    ob_str(b, "qualifier", q);
    ob_printf(b, ",\"interval\":[%s,%s]", lo_s, hi_s);
    ob_str(b, "period", period);
    ob_str(b, "status", status);
    ob_str(b, "speaker", chance(r, 150) ? speakers[pick(r, 5)] : NULL);
    /* a part of the document's previous figure of the same kind: mostly
       smaller than its whole, now and then not */
    if (part_ok && g->last_id[doc] >= 0 && g->last_kind[doc] == kind &&
        kind != K_GROWTH && kind != K_STREAK && chance(r, 60) &&
        (lo < g->last_lo[doc] || chance(r, 30)))
        ob_printf(b, ",\"part_of\":\"f%07ld\"", g->last_id[doc]);
    else
        ob_str(b, "part_of", NULL);
    ob_str(b, "context", chance(r, 100) ? contexts[pick(r, 4)] : NULL);
    ob_printf(b, "}\n");
    g->last_id[doc] = id;
    g->last_lo[doc] = lo;
    g->last_kind[doc] = kind;
    g->made++;
}

/* A level for a kind: mantissa 100..999 at a scale that suits it. */
static figure level_for(rng *r, int kind) {
    figure f;
    f.mant = 100 + pick(r, 900);
    switch (kind) {
    case K_COUNT: f.exp = (int)pick(r, 4); break;          /* 100 .. 999,000 */
    case K_MONEY: f.exp = 7 + (int)pick(r, 5); break;      /* 1e9 .. 1e14 */
    case K_OUTPUT: f.exp = 2 + (int)pick(r, 6); break;
    case K_ENERGY: f.exp = 4 + (int)pick(r, 6); break;
    case K_SHARE: f.mant = 5 + pick(r, 900); f.exp = -1; break;
    case K_GROWTH: f.mant = pick(r, 400) - 100; f.exp = -1; break;
    default: f.mant = 5 + pick(r, 15); f.exp = 0; break;  /* streak */
    }
    if (f.mant == 0) f.mant = 1;
    return f;
}

static void period_text(rng *r, int year, int style, char *out, size_t size) {
    switch (style) {
    case 0: snprintf(out, size, "%d", year); break;
    case 1: snprintf(out, size, "%d-%02d", year, pick(r, 2) ? 6 : 12); break;
    case 2: snprintf(out, size, "as-of %d-12-31", year); break;
    default: snprintf(out, size, "%d/%d", year, year + 4); break;
    }
}

/* One series: a metric and subject reported for 1-5 periods, each a group
** of 1-20 facts. */
static void put_series(gen *g) {
    rng *r = &g->r;
    const char *metric, *subject, *basis = NULL;
    char mbuf[96], period[32];
    int kind, year0, nper, p, style, falls;
    long k;
    figure base;

    /* every series its own metric and subject (so that series do not
       collide; after NMETRICS * NSUBJECTS of them they repeat), walked
       with a stride that mixes metrics and subjects */
    if (g->specials < (long)(NSPECIALS * NSUBJECTS) && chance(r, 20)) {
        const measure *s = &specials[g->specials % NSPECIALS];
        metric = s->name;
        kind = s->kind;
        subject = subjects[g->specials / NSPECIALS];
        g->specials++;
    } else {
        unsigned long c = (unsigned long)(g->plain++ * 7919UL) %
                          (unsigned long)(NMETRICS * NSUBJECTS);
        long mi = (long)(c % NMETRICS);
        snprintf(mbuf, sizeof mbuf, "%s.%s", sectors[mi / NMEASURES],
                 measures[mi % NMEASURES].name);
        metric = mbuf;
        kind = measures[mi % NMEASURES].kind;
        subject = subjects[c / NMETRICS];
    }
    if (kind == K_SHARE)
        basis = !strncmp(metric, "manufacturing.value_added", 25) ||
                        !strncmp(metric, "industry.value_added", 20)
                    ? "gdp"
                    : bases[pick(r, 4)];
    year0 = 2015 + (int)pick(r, 8);
    nper = 1 + (int)pick(r, 5);
    style = pick(r, 100) < 70 ? 0 : pick(r, 2) ? 1 : 2;
    falls = chance(r, 50);
    base = level_for(r, kind);
    g->series++;
    for (p = 0; p < nper && g->made < g->n; p++) {
        const char *status = pick(r, 2) ? "actual" : NULL;
        int size = 1 + (int)pick(r, 20);
        figure lvl = base;
        if (p == nper - 1 && nper > 1 && chance(r, 120)) {
            status = "target";
            period_text(r, year0 + p, chance(r, 300) ? 3 : 0, period,
                        sizeof period);
        } else if (p == nper - 1 && chance(r, 50)) {
            status = "forecast";
            period_text(r, year0 + p, 0, period, sizeof period);
        } else {
            period_text(r, year0 + p, style, period, sizeof period);
        }
        /* levels grow about 6% a period, streaks by one a year; some fall */
        if (kind == K_STREAK)
            lvl.mant += p;
        else if (kind != K_SHARE && kind != K_GROWTH)
            lvl.mant = (long)((double)lvl.mant * (1 + 0.06 * p));
        if (falls && p == nper - 1 && kind != K_STREAK)
            lvl.mant = (long)((double)lvl.mant * 0.8);
        if (lvl.mant >= 1000) {
            lvl.mant /= 10;
            lvl.exp++;
        }
        g->keys++;
        g->pairs += (double)size * (size - 1) / 2;
        for (k = 0; k < size && g->made < g->n; k++) {
            figure f = lvl;
            const char *b = basis;
            /* the same figure told rounded, or once in a while wrong */
            if (pick(r, 4) == 0 && f.mant >= 100 && kind != K_STREAK &&
                kind != K_GROWTH) {
                f.mant = (f.mant + 5) / 10;
                f.exp++;
            }
            if (chance(r, 4) && kind != K_STREAK) f.mant = f.mant * 13 / 10;
            if (chance(r, 1) && kind != K_SHARE && kind != K_GROWTH &&
                kind != K_STREAK)
                f.exp += 3; /* thousands for millions */
            if (kind == K_STREAK && chance(r, 2)) f.mant++;
            if (kind == K_SHARE && chance(r, 2)) f.mant += 1000; /* >100% */
            if (b && chance(r, 20)) b = bases[pick(r, 4)];
            put_fact(g, metric, kind, subject, b, period, status, f, 1);
        }
    }
}

/* The huge-groups dataset: HUGE_KEYS keys, n / HUGE_KEYS facts each, every
** fact of a key agreeing with the others but for a few. */
static void put_huge(gen *g) {
    rng *r = &g->r;
    long i;
    for (i = 0; i < g->n; i++) {
        long key = i * HUGE_KEYS / g->n;
        char metric[64];
        figure f;
        snprintf(metric, sizeof metric, "%s.output", sectors[4 + key]);
        f.mant = 400 + key * 10;
        f.exp = 3;
        if (pick(r, 3) == 0) {
            f.mant = (f.mant + 5) / 10;
            f.exp++;
        }
        if (chance(r, 2)) f.mant = f.mant * 13 / 10;
        if (i == key * g->n / HUGE_KEYS) {
            double per = (double)g->n / HUGE_KEYS;
            g->keys++;
            g->pairs += per * (per - 1) / 2;
        }
        put_fact(g, metric, K_OUTPUT, subjects[key], NULL, "2023", "actual",
                 f, 0);
    }
}

/* The documents of a manifest: dates, authorities, events of two or three
** reports each, and a line of text (with a plan ordinal for the text rule). */
static int make_docs(long ndocs, fc_manifest *m) {
    long i;
    m->docs = calloc((size_t)ndocs, sizeof *m->docs);
    if (!m->docs) return FC_ENOMEM;
    m->ndocs = 0;
    for (i = 0; i < ndocs; i++) {
        char id[32], text[400], date[48], event[48], publisher[48];
        fc_doc *doc = NULL;
        int year = 2016 + (int)(i % 9), n;
        snprintf(id, sizeof id, "d%04ld", i);
        n = snprintf(text, sizeof text,
                     "Bulletin %ld of the industrial statistics series.\n\n"
                     "During the %s Five-Year Plan period, output %s rise "
                     "in every province, the office said.\n",
                     i, plan_ordinals[i % 7], i % 2 ? "will" : "did");
        if (fc_doc_new_from_buffer(&doc, id, id, text, (size_t)n, NULL) !=
            FC_OK)
            return FC_ENOMEM;
        m->docs[m->ndocs++] = doc;
        snprintf(date, sizeof date, "%d-%02ld-%02ld", year, 1 + i % 12,
                 1 + i % 28);
        snprintf(event, sizeof event, "event %ld", i / 3);
        snprintf(publisher, sizeof publisher, "Publisher %ld", i % 97);
        if (fc_fact_set(&doc->published, date) != FC_OK ||
            fc_fact_set(&doc->authority, authorities[i % 4]) != FC_OK ||
            fc_fact_set(&doc->event, event) != FC_OK ||
            fc_fact_set(&doc->publisher, publisher) != FC_OK)
            return FC_ENOMEM;
    }
    return FC_OK;
}

static void free_docs(fc_manifest *m) {
    size_t i;
    for (i = 0; i < m->ndocs; i++) fc_doc_free(m->docs[i]);
    free(m->docs);
    m->docs = NULL;
    m->ndocs = 0;
}

/* ---- measures (each in a process of its own) ------------------------------------- */

static const char *const finding_types[] = {
    FC_TYPE_VALUE_CONFLICT, FC_TYPE_BASIS_MISMATCH, FC_TYPE_PERIOD_DIFFERENCE,
    FC_TYPE_POPULATION,     FC_TYPE_SCALE_SLIP,     FC_TYPE_ROUNDING,
    FC_TYPE_STREAK,         FC_TYPE_PART_WHOLE,     FC_TYPE_SHARE_RANGE,
    FC_TYPE_SHARE_SUM,      FC_TYPE_DERIVED,        FC_TYPE_TARGET_MET,
    FC_TYPE_TARGET_MISSED,  FC_TYPE_TEXT,           FC_TYPE_GROWTH,
};
#define NTYPES (sizeof finding_types / sizeof finding_types[0])

typedef struct result {
    double seconds;        /* the measured part, by the clock */
    double cpu;            /* CPU seconds of the measured part */
    double setup;          /* lexicon and rules, for the check */
    long long count;       /* facts seen */
    long long groups;      /* groups (baseline), findings (check) */
    long long by_type[NTYPES];
    size_t rules;
    char error[512];
} result;

static void diag_error(result *res, const char *what, int rc, fc_diags *d) {
    char msg[400] = "";
    if (d && fc_diags_count(d))
        fc_diag_format(fc_diags_get(d, 0), msg, sizeof msg);
    snprintf(res->error, sizeof res->error, "%s: %s%s%s", what,
             fc_status_str(rc), msg[0] ? ": " : "", msg);
}

typedef struct grouper {
    char metric[256], subject[256], period[64];
    int open;
    double lo, hi, spread;
    long long groups, facts;
} grouper;

static void copy_key(char *dst, size_t size, const char *s) {
    snprintf(dst, size, "%s", s ? s : "");
}

static int same_key(const char *held, const char *s) {
    return strcmp(held, s ? s : "") == 0;
}

static int on_sorted_fact(void *p, const fc_fact *f, const fc_loc *loc) {
    grouper *g = p;
    (void)loc;
    g->facts++;
    if (g->open && same_key(g->metric, f->metric) &&
        same_key(g->subject, f->subject) && same_key(g->period, f->period)) {
        if (f->lo < g->lo) g->lo = f->lo;
        if (f->hi > g->hi) g->hi = f->hi;
        return FC_OK;
    }
    if (g->open) g->spread += g->hi - g->lo;
    copy_key(g->metric, sizeof g->metric, f->metric);
    copy_key(g->subject, sizeof g->subject, f->subject);
    copy_key(g->period, sizeof g->period, f->period);
    g->lo = f->lo;
    g->hi = f->hi;
    g->open = 1;
    g->groups++;
    return FC_OK;
}

static int measure_baseline(fc_store *s, result *res) {
    grouper g;
    double t0, c0;
    int rc;
    memset(&g, 0, sizeof g);
    c0 = bench_cpu_now();
    t0 = bench_now();
    rc = fc_store_each_fact(s, NULL, on_sorted_fact, &g);
    if (g.open) g.spread += g.hi - g.lo;
    res->seconds = bench_now() - t0;
    res->cpu = bench_cpu_now() - c0;
    if (rc != FC_OK) {
        snprintf(res->error, sizeof res->error, "fc_store_each_fact: %s (%s)",
                 fc_status_str(rc), fc_store_errmsg(s));
        return 1;
    }
    res->count = g.facts;
    res->groups = g.groups;
    return isfinite(g.spread) ? 0 : 1;
}

static int measure_check(fc_store *s, result *res) {
    fc_diags *d = fc_diags_new();
    fc_lexicon *lx = NULL;
    fc_rules *rs = NULL;
    fc_findings *fs = NULL;
    const char *dirs[1];
    double t0 = bench_now(), c0;
    size_t i, k;
    int rc;

    dirs[0] = RULES_DIR;
    if (!d) return 1;
    rc = fc_lexicon_load(&lx, RULES_DIR, d);
    if (rc != FC_OK) {
        diag_error(res, "loading the lexicon of " RULES_DIR
                        " (run from the repository root)", rc, d);
        fc_diags_free(d);
        return 1;
    }
    rc = fc_rules_load(&rs, dirs, 1, lx, d);
    if (rc != FC_OK) {
        diag_error(res, "loading the rules", rc, d);
        fc_lexicon_free(lx);
        fc_diags_free(d);
        return 1;
    }
    res->setup = bench_now() - t0;
    res->rules = fc_rules_count(rs);
    c0 = bench_cpu_now();
    t0 = bench_now();
    rc = fc_check(s, rs, &fs, d);
    res->seconds = bench_now() - t0;
    res->cpu = bench_cpu_now() - c0;
    if (rc != FC_OK) {
        diag_error(res, "fc_check", rc, d);
    } else {
        res->count = (long long)fc_store_fact_count(s);
        res->groups = (long long)fc_findings_count(fs);
        for (i = 0; i < fc_findings_count(fs); i++) {
            const fc_finding *f = fc_findings_get(fs, i);
            for (k = 0; k < NTYPES; k++)
                if (!strcmp(f->type, finding_types[k])) res->by_type[k]++;
        }
    }
    fc_findings_free(fs);
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    return rc == FC_OK ? 0 : 1;
}

/* ---- processes ---------------------------------------------------------------------- */

enum { M_BASELINE, M_CHECK };

typedef struct outcome {
    result res;
    long maxrss_kb;        /* peak resident memory of the measure's process */
    int ok;
    int timed_out;         /* stopped after timeout_s: a missed target */
} outcome;

static long timeout_s = 60;

/* Run measure m over the loaded store in a child; wait for it. */
static void run_measure(int m, fc_store *s, outcome *o) {
    int fd[2], status = 0;
    pid_t pid;
    struct rusage ru;
    ssize_t got;

    memset(o, 0, sizeof *o);
    if (pipe(fd) != 0) {
        snprintf(o->res.error, sizeof o->res.error, "pipe: %s",
                 strerror(errno));
        return;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        snprintf(o->res.error, sizeof o->res.error, "fork: %s",
                 strerror(errno));
        close(fd[0]);
        close(fd[1]);
        return;
    }
    if (pid == 0) {
        result r;
        int rc;
        close(fd[0]);
        memset(&r, 0, sizeof r);
        alarm((unsigned)timeout_s);
        rc = m == M_BASELINE ? measure_baseline(s, &r) : measure_check(s, &r);
        if (write(fd[1], &r, sizeof r) != (ssize_t)sizeof r) rc = 1;
        close(fd[1]);
        _exit(rc);
    }
    close(fd[1]);
    got = read(fd[0], &o->res, sizeof o->res);
    close(fd[0]);
    if (wait4(pid, &status, 0, &ru) != pid) {
        snprintf(o->res.error, sizeof o->res.error, "wait4: %s",
                 strerror(errno));
        return;
    }
    o->maxrss_kb = ru.ru_maxrss;
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
        o->timed_out = 1;
        snprintf(o->res.error, sizeof o->res.error,
                 "did not finish within %ld s (FC_BENCH_TIMEOUT)", timeout_s);
        return;
    }
    if (got != (ssize_t)sizeof o->res) {
        snprintf(o->res.error, sizeof o->res.error,
                 "the measure died (%s %d)",
                 WIFSIGNALED(status) ? "signal" : "status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        return;
    }
    o->ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!o->ok && !o->res.error[0])
        snprintf(o->res.error, sizeof o->res.error, "failed");
}

/* What a loader reports to the driver. */
typedef struct report {
    double gen_seconds, load_seconds;
    long long facts, bytes, keys, series, docs;
    double pairs;
    long store_kb;         /* the loader's resident memory after loading */
    outcome out[2];
    int nout;
    char error[512];
} report;

/* Generate a dataset, load it, run the measures ms[0..nm) over it. */
static int loader(long n, int huge, const int *ms, int nm, report *rep) {
    gen g;
    fc_manifest m;
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_load_stats st;
    const char *names[1], *bufs[1];
    size_t lens[1];
    double t0 = bench_now();
    long i;
    int rc, k;

    memset(&g, 0, sizeof g);
    memset(&m, 0, sizeof m);
    g.n = n;
    g.ndocs = n / 1000 < 10 ? 10 : n / 1000 > 5000 ? 5000 : n / 1000;
    g.r.s = huge ? 0x5eed0002ULL : 0x5eed0001ULL;
    g.last_id = malloc((size_t)g.ndocs * sizeof *g.last_id);
    g.last_lo = malloc((size_t)g.ndocs * sizeof *g.last_lo);
    g.last_kind = malloc((size_t)g.ndocs * sizeof *g.last_kind);
    if (!d || !g.last_id || !g.last_lo || !g.last_kind) {
        snprintf(rep->error, sizeof rep->error, "out of memory");
        return 1;
    }
    for (i = 0; i < g.ndocs; i++) g.last_id[i] = -1;
    if (huge)
        put_huge(&g);
    else
        while (g.made < g.n && !g.out.oom) put_series(&g);
    free(g.last_id);
    free(g.last_lo);
    free(g.last_kind);
    if (g.out.oom || make_docs(g.ndocs, &m) != FC_OK) {
        snprintf(rep->error, sizeof rep->error, "out of memory generating");
        return 1;
    }
    rep->gen_seconds = bench_now() - t0;
    rep->facts = g.made;
    rep->bytes = (long long)g.out.len;
    rep->keys = g.keys;
    rep->series = g.series;
    rep->pairs = g.pairs;
    rep->docs = g.ndocs;

    t0 = bench_now();
    names[0] = huge ? "huge-groups.jsonl" : "facts.jsonl";
    bufs[0] = g.out.data;
    lens[0] = g.out.len;
    rc = fc_store_open(&s, NULL, d);
    if (rc == FC_OK)
        rc = fc_store_load_buffers(s, &m, names, bufs, lens, 1, &st, d);
    rep->load_seconds = bench_now() - t0;
    free(g.out.data);
    free_docs(&m);
    if (rc != FC_OK) {
        char msg[400] = "";
        if (fc_diags_count(d))
            fc_diag_format(fc_diags_get(d, 0), msg, sizeof msg);
        snprintf(rep->error, sizeof rep->error, "loading: %s (%zu errors): %s",
                 fc_status_str(rc), fc_diags_errors(d), msg);
        fc_store_close(s);
        fc_diags_free(d);
        return 1;
    }
    fc_diags_free(d);
    if ((long long)fc_store_fact_count(s) != rep->facts) {
        snprintf(rep->error, sizeof rep->error,
                 "stored %zu facts, generated %lld", fc_store_fact_count(s),
                 rep->facts);
        fc_store_close(s);
        return 1;
    }
    rep->store_kb = bench_rss_now_kb();
    for (k = 0; k < nm; k++) run_measure(ms[k], s, &rep->out[k]);
    rep->nout = nm;
    fc_store_close(s);
    return 0;
}

/* Run a loader in a child (so that each dataset's memory is given back
** before the next), and collect its report. */
static int run_loader(long n, int huge, const int *ms, int nm, report *rep) {
    int fd[2], status = 0;
    pid_t pid;
    ssize_t got;
    memset(rep, 0, sizeof *rep);
    if (pipe(fd) != 0) return 1;
    fflush(NULL);
    pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
        report r;
        int rc;
        close(fd[0]);
        memset(&r, 0, sizeof r);
        rc = loader(n, huge, ms, nm, &r);
        if (write(fd[1], &r, sizeof r) != (ssize_t)sizeof r) rc = 1;
        close(fd[1]);
        _exit(rc);
    }
    close(fd[1]);
    got = read(fd[0], rep, sizeof *rep);
    close(fd[0]);
    if (waitpid(pid, &status, 0) != pid) return 1;
    if (got != (ssize_t)sizeof *rep) {
        snprintf(rep->error, sizeof rep->error, "the loader died (%s %d)",
                 WIFSIGNALED(status) ? "signal" : "status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        return 1;
    }
    return rep->error[0] != '\0';
}

/* ---- driver ------------------------------------------------------------------------- */

static double mb(long kb) { return (double)kb / 1024.0; }

static void print_outcome(const char *label, const outcome *o) {
    if (o->timed_out) {
        printf("  %-34s >%6ld s  stopped: did not finish within %ld s "
               "(FC_BENCH_TIMEOUT); peak %.1f MB when stopped\n",
               label, timeout_s, timeout_s, mb(o->maxrss_kb));
        return;
    }
    if (!o->ok) {
        printf("  %-34s FAILED: %s\n", label, o->res.error);
        return;
    }
    printf("  %-34s %7.2f s (CPU %6.2f s) %9.0f facts/s  peak %7.1f MB\n",
           label, o->res.seconds, o->res.cpu,
           o->res.seconds > 0 ? (double)o->res.count / o->res.seconds : 0,
           mb(o->maxrss_kb));
}

static void print_findings(const outcome *o) {
    size_t k;
    int first = 1;
    printf("    %lld findings from %zu rules (lexicon and rules loaded in "
           "%.2f s, not counted):",
           o->res.groups, o->res.rules, o->res.setup);
    for (k = 0; k < NTYPES; k++)
        if (o->res.by_type[k]) {
            printf("%s %s %lld", first ? "" : ",", finding_types[k],
                   o->res.by_type[k]);
            first = 0;
        }
    printf("\n");
}

static int parse_long(const char *name, const char *v, long lo, long hi,
                      long *out) {
    char *end;
    long x;
    errno = 0;
    x = strtol(v, &end, 10);
    if (errno || *end || x < lo || x > hi) {
        fprintf(stderr, "bench_check: bad %s \"%s\"\n", name, v);
        return 1;
    }
    *out = x;
    return 0;
}

/* ---- the report's rows and the scaling ------------------------------------ */

static void size_name(long n, char *out, size_t size) {
    long p = 1;
    int k = 0;
    while (p < n && k < 12) {
        p *= 10;
        k++;
    }
    if (p == n)
        snprintf(out, size, "10^%d", k);
    else
        snprintf(out, size, "%ld", n);
}

/* The rows of the run at n facts: CPU time and peak memory of the check
** beside the sort-and-group scan and the store alone; the huge groups'
** memory beside the normal check's. */
static void report_rows(const report *a, const report *b, int ok_b) {
    const outcome *base = &a->out[0], *chk = &a->out[1];
    double n6 = (double)a->facts / 1e6;
    double limit = REPORT_CHECK_SECONDS * n6, mlimit = REPORT_CHECK_MB * n6;
    char sz[32], what[96], fig[96], bl[96], target[96];

    size_name((long)a->facts, sz, sizeof sz);
    snprintf(what, sizeof what, "CPU time, %s facts", sz);
    snprintf(target, sizeof target, "<= %.2f s CPU (%.0f s per 10^6)", limit,
             REPORT_CHECK_SECONDS);
    if (base->ok)
        snprintf(bl, sizeof bl, "sort-and-group %.2f s CPU", base->res.cpu);
    else
        snprintf(bl, sizeof bl, "sort-and-group failed");
    if (chk->ok) {
        snprintf(fig, sizeof fig, "%.2f s CPU (%.2f s clock)", chk->res.cpu,
                 chk->res.seconds);
        bench_row("check", what, fig, bl,
                  base->ok && base->res.cpu > 0 ? chk->res.cpu / base->res.cpu
                                                : 0,
                  chk->maxrss_kb, target,
                  chk->res.cpu <= limit ? BENCH_MET : BENCH_NOT_MET);
    } else {
        snprintf(fig, sizeof fig, "%s", chk->timed_out ? "stopped (timeout)"
                                                       : "failed");
        bench_row("check", what, fig, bl, 0, chk->maxrss_kb, target,
                  BENCH_NOT_MET);
    }
    snprintf(what, sizeof what, "peak memory, %s facts", sz);
    snprintf(fig, sizeof fig, "%.0f MB", mb(chk->maxrss_kb));
    snprintf(bl, sizeof bl, "store alone %.0f MB", mb(a->store_kb));
    snprintf(target, sizeof target, "<= %.0f MB (%.0f MB per 10^6)", mlimit,
             REPORT_CHECK_MB);
    if (chk->ok)
        bench_row("check", what, fig, bl,
                  a->store_kb > 0 ? (double)chk->maxrss_kb / (double)a->store_kb
                                  : 0,
                  chk->maxrss_kb, target,
                  mb(chk->maxrss_kb) <= mlimit ? BENCH_MET : BENCH_NOT_MET);
    else
        bench_row("check", what, "check did not finish", bl, 0, 0, target,
                  BENCH_NOT_MET);
    if (!ok_b) {
        bench_row("check", "huge groups, own memory", "failed to set up", NULL,
                  0, 0, "own memory <= 4x normal check's", BENCH_NOT_MET);
    } else {
        long own_a = chk->maxrss_kb - a->store_kb;
        long own_b = b->out[0].maxrss_kb - b->store_kb;
        double ratio = own_a > 0 ? (double)own_b / (double)own_a : 0;
        snprintf(what, sizeof what, "huge groups (%lld keys), own memory",
                 b->keys);
        if (b->out[0].ok)
            snprintf(fig, sizeof fig, "%.0f MB beyond the store, %.2f s CPU",
                     mb(own_b), b->out[0].res.cpu);
        else
            snprintf(fig, sizeof fig, "%s", b->out[0].timed_out
                                                ? "stopped (timeout)"
                                                : "failed");
        snprintf(bl, sizeof bl, "normal check %.0f MB beyond the store",
                 mb(own_a));
        snprintf(target, sizeof target, "<= %.0fx the normal check's",
                 TARGET_HUGE_GROWTH);
        bench_row("check", what, fig, bl, b->out[0].ok ? ratio : 0,
                  b->out[0].maxrss_kb, target,
                  b->out[0].ok && chk->ok && own_a > 0 &&
                          ratio <= TARGET_HUGE_GROWTH
                      ? BENCH_MET
                      : BENCH_NOT_MET);
    }
}

/* log(y2/y1) / log(n2/n1); 0 when either is not positive */
static double growth(double y1, double y2, double n1, double n2) {
    if (y1 <= 0 || y2 <= 0 || n1 <= 0 || n2 <= n1) return 0;
    return log(y2 / y1) / log(n2 / n1);
}

/* The baseline and the check at 10^4, 10^5, 10^6 (and 10^7 with big)
** facts, the run at n reused; a row per size with the growth exponents
** from the size before, against those of n log n.  Returns 1 when a
** measure failed, and sets *missed when the growth was faster than
** n log n or a measure was stopped. */
static int scaling(long n, const report *a, int big, int *missed) {
    static const int ms[] = {M_BASELINE, M_CHECK};
    long sizes[4] = {10000L, 100000L, 1000000L, 10000000L};
    int nsizes = big ? 4 : 3, i, failed = 0;
    long saved = timeout_s;
    report prev, cur;
    int have_prev = 0;

    printf("  scaling (baseline and check over generated datasets of each "
           "size; exponent = log(t2/t1) / log(n2/n1) from the size before):\n");
    for (i = 0; i < nsizes; i++) {
        long sz = sizes[i];
        char name[32], what[96], fig[160], bl[96], target[96];
        const outcome *base, *chk;
        double nlogn = 0, e_chk = 0, e_base = 0, e_mem = 0;
        size_name(sz, name, sizeof name);
        if (sz == n) {
            cur = *a;
        } else {
            /* a bigger dataset may take longer than the usual timeout */
            if (sz > 1000000L) timeout_s = saved * (sz / 1000000L);
            if (run_loader(sz, 0, ms, 2, &cur) != 0) {
                timeout_s = saved;
                printf("    %-6s FAILED to set up: %s\n", name, cur.error);
                bench_row("check", "scaling", name, "failed to set up", 0, 0,
                          NULL, BENCH_NOT_MET);
                failed = 1;
                have_prev = 0;
                continue;
            }
            timeout_s = saved;
        }
        base = &cur.out[0];
        chk = &cur.out[1];
        snprintf(what, sizeof what, "scaling, %s facts", name);
        if (!base->ok || !chk->ok) {
            printf("    %-6s %s\n", name,
                   chk->timed_out || base->timed_out ? "stopped (timeout)"
                                                     : "FAILED");
            bench_row("check", what,
                      chk->timed_out ? "stopped (timeout)" : "failed", NULL, 0,
                      chk->maxrss_kb, "time exponent <= n log n's",
                      BENCH_NOT_MET);
            if (chk->timed_out || base->timed_out)
                *missed = 1;
            else
                failed = 1;
            have_prev = 0;
            continue;
        }
        if (have_prev) {
            double n1 = (double)prev.facts, n2 = (double)cur.facts;
            nlogn = growth(n1 * log(n1), n2 * log(n2), n1, n2);
            e_chk = growth(prev.out[1].res.cpu, chk->res.cpu, n1, n2);
            e_base = growth(prev.out[0].res.cpu, base->res.cpu, n1, n2);
            e_mem = growth((double)prev.out[1].maxrss_kb,
                           (double)chk->maxrss_kb, n1, n2);
        }
        printf("    %-6s check %7.2f s CPU, peak %7.1f MB; sort-and-group "
               "%6.2f s CPU",
               name, chk->res.cpu, mb(chk->maxrss_kb), base->res.cpu);
        if (have_prev)
            printf("; exponents: check %.2f, peak %.2f, sort-and-group %.2f "
                   "(n log n: %.2f)",
                   e_chk, e_mem, e_base, nlogn);
        printf("\n");
        if (have_prev) {
            snprintf(fig, sizeof fig,
                     "%.2f s CPU, exp %.2f; %.0f MB, exp %.2f", chk->res.cpu,
                     e_chk, mb(chk->maxrss_kb), e_mem);
            snprintf(bl, sizeof bl, "sort-and-group %.2f s CPU, exp %.2f",
                     base->res.cpu, e_base);
            snprintf(target, sizeof target, "time exp <= %.2f (n log n)",
                     nlogn);
        } else {
            snprintf(fig, sizeof fig, "%.2f s CPU; %.0f MB", chk->res.cpu,
                     mb(chk->maxrss_kb));
            snprintf(bl, sizeof bl, "sort-and-group %.2f s CPU",
                     base->res.cpu);
            snprintf(target, sizeof target, "(first size)");
        }
        bench_row("check", what, fig, bl,
                  base->res.cpu > 0 ? chk->res.cpu / base->res.cpu : 0,
                  chk->maxrss_kb, target,
                  !have_prev        ? BENCH_NO_TARGET
                  : e_chk <= nlogn ? BENCH_MET
                                    : BENCH_NOT_MET);
        if (have_prev && e_chk > nlogn) *missed = 1;
        prev = cur;
        have_prev = 1;
    }
    if (!big)
        bench_row("check", "scaling, 10^7 facts", "not run (FC_BENCH_BIG=1 "
                  "runs it)", NULL, 0, 0, "time exp <= n log n's",
                  BENCH_NOT_MEASURED);
    bench_row("check", "scaling, huge groups", "not run at several sizes",
              NULL, 0, 0, "time exp <= n log n's", BENCH_NOT_MEASURED);
    return failed;
}

int main(void) {
    const char *env = getenv("FC_BENCH_N"), *strict = getenv("FC_BENCH_STRICT");
    const char *tmo = getenv("FC_BENCH_TIMEOUT");
    const char *big = getenv("FC_BENCH_BIG");
    const char *scale = getenv("FC_BENCH_SCALING");
    static const int normal_ms[] = {M_BASELINE, M_CHECK};
    static const int huge_ms[] = {M_CHECK};
    report a, b;
    long n = DEFAULT_N;
    int failed = 0, missed = 0, ok_a, ok_b;

    if (env && *env &&
        parse_long("FC_BENCH_N", env, HUGE_KEYS * 2, 50000000L, &n))
        return 1;
    if (tmo && *tmo &&
        parse_long("FC_BENCH_TIMEOUT", tmo, 1, 86400, &timeout_s))
        return 1;
    if (access(RULES_DIR "/lexicon/numbers.json", R_OK) != 0) {
        fprintf(stderr, "bench_check: no %s/lexicon here; run from the "
                        "repository root\n", RULES_DIR);
        return 1;
    }

    ok_a = run_loader(n, 0, normal_ms, 2, &a) == 0;
    if (!ok_a) {
        printf("bench_check: FAILED to set up %ld facts: %s\n", n, a.error);
        return 1;
    }
    printf("bench_check: %lld facts in %lld keys of 1-20 facts (%lld series "
           "over 1-5 periods), %zu metrics, %zu subjects, %lld documents; "
           "%.1f MB of JSON Lines, SQLite %s\n",
           a.facts, a.keys, a.series, NMETRICS + NSPECIALS, NSUBJECTS, a.docs,
           (double)a.bytes / 1e6, sqlite3_libversion());
    printf("  in-memory store: generated in %.2f s, loaded in %.2f s (not "
           "measured), %.1f MB resident\n",
           a.gen_seconds, a.load_seconds, mb(a.store_kb));
    print_outcome("baseline: sort-and-group scan", &a.out[0]);
    if (a.out[0].ok)
        printf("    %lld groups of equal metric, subject and period, from one "
               "fc_store_each_fact scan\n", a.out[0].res.groups);
    print_outcome("factcheck check", &a.out[1]);
    if (a.out[1].ok) print_findings(&a.out[1]);
    failed |= (!a.out[0].ok && !a.out[0].timed_out) ||
              (!a.out[1].ok && !a.out[1].timed_out);
    missed |= a.out[0].timed_out || a.out[1].timed_out;

    ok_b = run_loader(n, 1, huge_ms, 1, &b) == 0;
    if (!ok_b) {
        printf("  huge groups: FAILED to set up: %s\n", b.error);
        failed = 1;
    } else {
        printf("  huge groups: the same number of facts (%lld) in %lld keys "
               "(%.1e pairs against %.1e above); store loaded in %.2f s, "
               "%.1f MB resident\n",
               b.facts, b.keys, b.pairs, a.pairs, b.load_seconds,
               mb(b.store_kb));
        print_outcome("factcheck check, huge groups", &b.out[0]);
        if (b.out[0].ok) print_findings(&b.out[0]);
        failed |= !b.out[0].ok && !b.out[0].timed_out;
    }

    if (a.out[0].ok && a.out[1].ok) {
        /* CPU time, which other work on the machine does not inflate */
        double rb = (double)a.out[0].res.count / a.out[0].res.cpu;
        double rc = (double)a.out[1].res.count / a.out[1].res.cpu;
        double limit = TARGET_CHECK_SECONDS * (double)a.facts / 1e6;
        int met, met_ratio = rc / rb >= TARGET_CHECK_RATIO;
        if (limit < 1) limit = 1;
        met = a.out[1].res.cpu <= limit;
        if (a.out[1].res.seconds > 1.2 * a.out[1].res.cpu ||
            a.out[0].res.seconds > 1.2 * a.out[0].res.cpu)
            printf("  note: the machine was busy (clock time well above CPU "
                   "time)\n");
        printf("  check / baseline (facts per CPU second): %.3f (%zu rules "
               "against one grouping; target >= %.2f): %s\n",
               rc / rb, a.out[1].res.rules, TARGET_CHECK_RATIO,
               met_ratio ? "met" : "NOT MET");
        printf("  check of %lld facts: %.1f s of CPU (target <= %.1f s, "
               "%.0f s per million facts): %s\n",
               a.facts, a.out[1].res.cpu, limit, TARGET_CHECK_SECONDS,
               met ? "met" : "NOT MET");
        missed |= !met || !met_ratio;
    } else if (a.out[1].timed_out) {
        printf("  check of %lld facts: stopped after %ld s (FC_BENCH_TIMEOUT; "
               "target <= %.0f s per million facts): NOT MET\n",
               a.facts, timeout_s, TARGET_CHECK_SECONDS);
    }
    if (ok_b && b.out[0].timed_out) {
        if (a.out[1].ok && b.store_kb >= 0 && a.store_kb >= 0)
            printf("  memory beyond the store: %.1f MB with groups of 1-20; "
                   "%.1f MB with the huge groups when stopped (partial)\n",
                   mb(a.out[1].maxrss_kb - a.store_kb),
                   mb(b.out[0].maxrss_kb - b.store_kb));
        printf("  memory does not grow with the pairs: not shown, the "
               "huge-groups check did not finish within %ld s: NOT MET\n",
               timeout_s);
        missed = 1;
    } else if (ok_b && a.out[1].ok && b.out[0].ok) {
        /* each check's own memory: its peak less the store it reads */
        long own_a = a.out[1].maxrss_kb - a.store_kb;
        long own_b = b.out[0].maxrss_kb - b.store_kb;
        double ratio = own_a > 0 ? (double)own_b / (double)own_a : 0;
        int met = a.store_kb >= 0 && own_a > 0 && ratio <= TARGET_HUGE_GROWTH;
        printf("  memory beyond the store: %.1f MB with groups of 1-20, "
               "%.1f MB with %lld groups of %lld (%.2fx, for %.0fx the "
               "pairs)\n",
               mb(own_a), mb(own_b), b.keys, b.facts / (b.keys ? b.keys : 1),
               ratio, a.pairs > 0 ? b.pairs / a.pairs : 0);
        printf("  memory does not grow with the pairs: huge / normal %.2f "
               "(target <= %.1f): %s\n",
               ratio, TARGET_HUGE_GROWTH, met ? "met" : "NOT MET");
        missed |= !met;
    }
    report_rows(&a, &b, ok_b);
    if (!scale || strcmp(scale, "0") != 0)
        failed |= scaling(n, &a, big && strcmp(big, "1") == 0, &missed);
    if (failed) return 1;
    if (missed && strict && strcmp(strict, "1") == 0) return 1;
    return 0;
}
