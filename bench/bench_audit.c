/*
** bench_audit.c -- how fast `factcheck audit` checks a draft against a
** large reference, beside two baselines measured in the same run on the
** same draft and the same store:
**
**   extraction only   fc_extract of the draft (what finding its figures
**                     costs, before anything is compared)
**   indexed lookups   fc_store_each_fact with filter.metric for the metric
**                     of each figure of the draft, the facts only counted
**                     (what the audit's reading of the reference costs, at
**                     the least); and once per distinct metric (what it
**                     would cost if the audit read each metric once)
**   factcheck audit   fc_audit of the masked draft against the store:
**                     extraction, the lookups, classification of every
**                     figure, and the draft checked against itself with
**                     the rules
**
** The issue: auditing a 5,000-word draft against a reference base of
** 100,000 facts returns in well under a second.  The target is taken as
** half a second for fc_audit, the first run in a fresh process; loading
** the lexicon and the rules (once per run of the tool, whatever the draft)
** is timed and printed apart.
**
** The reference is generated: FC_BENCH_AUDIT_N facts (default 100,000) in
** documents of 500 facts with publication dates from 2016 to 2024, over
** every metric named in rules/lexicon/metrics.json, most about China and
** the rest about its provinces, periods of years and as-of dates, a few
** hedged, targets and misquoted figures among them, loaded with
** fc_store_load_buffers into a file database in a temporary folder.  The
** draft is ~5,000 words of varied prose with ~150 figures of 15 of those
** metrics, dated 2024-04-10: most agree with the reference, others are
** stale, contradicted, slipped by a scale word, on the wrong basis or of a
** year the reference does not have.
**
** Each measure runs in a child process of its own, so that its peak memory
** (ru_maxrss from wait4) is its own.  Run from the repository root (the
** lexicon and rules are read from rules/).
**
** Usage: bench_audit           (FC_BENCH_AUDIT_N facts, default 100,000;
**                               FC_BENCH_KEEP=1 keeps the draft and the
**                               database)
** Exit status: 0, or 1 if a measure failed (or, with FC_BENCH_STRICT=1,
** if the audit takes half a second or more).  The rows of the report
** (bench_row) hold it to more: the audit under 0.2 s, and the first
** fc_store_open of the reference under 0.1 s (timed in the audit's child,
** beside a bare sqlite3_open_v2 of the same file that reads its schema).
*/
/* wait4, for the peak memory of one child (not POSIX, but in glibc and the
** BSDs) */
#define _DEFAULT_SOURCE 1

#include "internal.h"
#include "bench.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_N 100000L
#define FACTS_PER_DOC 500L
#define RULES_DIR "rules"
#define METRICS_FILE "rules/lexicon/metrics.json"
#define DRAFT_DATE "2024-04-10"
#define DRAFT_WORDS 5000
#define DRAFT_FIGURES 150
#define TARGET_SECONDS 0.5
/* targets of the report's rows (bench/run.sh) */
#define REPORT_AUDIT_SECONDS 0.2
#define REPORT_OPEN_SECONDS 0.1

/* ---- the metrics the draft speaks of ------------------------------------------ */

enum { K_SCALED, K_PCT, K_COUNT };

/* A sentence of the draft for one metric of the lexicon: {v} is the figure
** as written, {y} the year.  base is the value for 2023 (or March 2024 for
** stocks counted "now"), growth a yearly rate. */
typedef struct tmpl {
    const char *metric, *unit, *basis;
    const char *text;
    int as_of;          /* a stock the draft gives as of its date */
    double base, growth;
    int kind;
    double scale;
    const char *word;   /* scale word */
} tmpl;

static const tmpl T[] = {
    {"nev.production", "count", NULL, "In {y} NEV production reached {v}.", 0,
     9.5e6, 0.30, K_SCALED, 1e6, "million"},
    {"nev.sales", "count", NULL, "NEV sales reached {v} in {y}.", 0, 9.4e6,
     0.30, K_SCALED, 1e6, "million"},
    {"telecom.5g_base_stations", "count", NULL,
     "China now has {v} 5G base stations.", 1, 3.4e6, 0.35, K_SCALED, 1e6,
     "million"},
    {"manufacturing.value_added.share", "%", "gdp",
     "Manufacturing accounts for {v} of GDP in {y}.", 0, 26.5, -0.01, K_PCT, 1,
     ""},
    {"industry.value_added", "CNY", NULL,
     "Industrial value added came to {v} yuan in {y}.", 0, 39.9e12, 0.05,
     K_SCALED, 1e12, "trillion"},
    {"sme.specialized.count", "count", NULL,
     "The country now has {v} specialised and innovative SMEs.", 1, 124000,
     0.40, K_COUNT, 1, ""},
    {"factories.smart.count", "count", NULL,
     "Officials say {v} smart factories are now running.", 1, 2500, 0.30,
     K_COUNT, 1, ""},
    {"manufacturing.value_added", "CNY", NULL,
     "Manufacturing value added reached {v} yuan in {y}.", 0, 33.5e12, 0.05,
     K_SCALED, 1e12, "trillion"},
    {"software.revenue", "CNY", NULL,
     "Software revenue came to {v} yuan in {y}.", 0, 12.3e12, 0.12, K_SCALED,
     1e12, "trillion"},
    {"hightech.enterprises.count", "count", NULL,
     "In {y} the country had {v} high-tech enterprises.", 0, 400000, 0.12,
     K_COUNT, 1, ""},
    {"datacenter.racks", "count", NULL,
     "By the end of {y}, data centres held {v} standard racks.", 0, 8.1e6,
     0.20, K_SCALED, 1e6, "million"},
    {"iot.mobile_connections", "count", NULL,
     "In {y} there were {v} IoT connections.", 0, 2.3e9, 0.25, K_SCALED, 1e9,
     "billion"},
    {"telecom.gigabit.households", "count", NULL,
     "Gigabit networks now cover {v} households.", 1, 500e6, 0.30, K_SCALED,
     1e6, "million"},
    {"electronics.revenue", "CNY", NULL,
     "Electronics revenue was {v} yuan in {y}.", 0, 15.1e12, 0.06, K_SCALED,
     1e12, "trillion"},
    {"sme.count", "count", NULL, "In {y} there were {v} SMEs.", 0, 52e6, 0.05,
     K_SCALED, 1e6, "million"},
};
#define NT (sizeof T / sizeof T[0])

/* Every metric of the lexicon, read from metrics.json: the reference spreads
** its facts over all of them. */
typedef struct metric_list {
    char **names;
    size_t n;
} metric_list;

static int add_name(metric_list *ml, const char *s) {
    size_t i;
    char **p;
    for (i = 0; i < ml->n; i++)
        if (!strcmp(ml->names[i], s)) return 0;
    p = realloc(ml->names, (ml->n + 1) * sizeof *p);
    if (!p) return -1;
    ml->names = p;
    if (!(ml->names[ml->n] = fc_strdup(s))) return -1;
    ml->n++;
    return 0;
}

static int load_metrics(metric_list *ml, char *err, size_t errsize) {
    json_error_t e;
    json_t *root = json_load_file(METRICS_FILE, 0, &e), *arr, *m;
    size_t i, k;
    memset(ml, 0, sizeof *ml);
    if (!root) {
        snprintf(err, errsize, "%s: %s (run from the repository root)",
                 METRICS_FILE, e.text);
        return -1;
    }
    arr = json_object_get(root, "metrics");
    json_array_foreach(arr, i, m) {
        const char *keys[] = {"metric", "share", "growth"};
        json_t *list = json_object_get(m, "metrics"), *x;
        for (k = 0; k < 3; k++) {
            json_t *v = json_object_get(m, keys[k]);
            if (json_is_string(v) && add_name(ml, json_string_value(v))) {
                json_decref(root);
                return -1;
            }
        }
        json_array_foreach(list, k, x) if (json_is_string(x) &&
                                           add_name(ml, json_string_value(x))) {
            json_decref(root);
            return -1;
        }
    }
    json_decref(root);
    for (k = 0; k < NT; k++) {
        for (i = 0; i < ml->n && strcmp(ml->names[i], T[k].metric); i++)
            ;
        if (i == ml->n) {
            snprintf(err, errsize, "%s no longer names the metric %s",
                     METRICS_FILE, T[k].metric);
            return -1;
        }
    }
    return 0;
}

static void free_metrics(metric_list *ml) {
    size_t i;
    for (i = 0; i < ml->n; i++) free(ml->names[i]);
    free(ml->names);
}

/* ---- values and how they are written ------------------------------------------ */

static unsigned long long mix(unsigned long long x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* The date of day `day`, counted from 2016-01-01 (day 0). */
static void date_of(long day, char out[24]) {
    /* a calendar walk from 2016-01-01: exact, and cheap enough */
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2016, m = 0;
    if (day < 0) day = 0;
    while (1) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        long yd = 365 + leap;
        if (day < yd) break;
        day -= yd;
        y++;
    }
    while (1) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int n = md[m] + (m == 1 && leap);
        if (day < n) break;
        day -= n;
        m++;
    }
    snprintf(out, 24, "%04d-%02d-%02d", y % 10000, (m + 1) % 100,
             (int)(day + 1) % 100);
}

/* A figure as written (number and scale word) and its value and interval
** as extraction would read them. */
typedef struct fig {
    char text[48];
    double value, lo, hi;
} fig;

static void write_fig(const tmpl *t, double v, const char *word, double scale,
                      fig *out) {
    double half;
    if (t->kind == K_PCT) {
        double r = round(v * 10) / 10;
        snprintf(out->text, sizeof out->text, "%.1f%%", r);
        out->value = r;
        half = 0.05;
    } else if (t->kind == K_COUNT) {
        /* three significant digits, with thousands separators */
        double p = pow(10, floor(log10(v)) - 2);
        long long r = (long long)(round(v / p) * p);
        char digits[32], *o = out->text;
        int n, i;
        n = snprintf(digits, sizeof digits, "%lld", r);
        for (i = 0; i < n; i++) {
            *o++ = digits[i];
            if ((n - i - 1) % 3 == 0 && i < n - 1) *o++ = ',';
        }
        *o = '\0';
        out->value = (double)r;
        half = p >= 10 ? p / 2 : 0.5;
    } else {
        double r = round(v / scale * 100) / 100;
        snprintf(out->text, sizeof out->text, "%.2f %s", r, word);
        out->value = r * scale;
        half = 0.005 * scale;
    }
    out->lo = out->value - half;
    out->hi = out->value + half;
}

/* The true value of template t in year y, or on day `day` for stocks. */
static double true_year(const tmpl *t, int y) {
    return t->base * pow(1 + t->growth, y - 2023);
}

#define DAY_2024_03_01 2982L /* day of 2024-03-01 (2016-01-01 is day 0) */

static double true_day(const tmpl *t, long day) {
    return t->base * pow(1 + t->growth, (double)(day - DAY_2024_03_01) / 365.25);
}

/* ---- the reference -------------------------------------------------------------- */

static const char *const provinces[] = {
    "guangdong", "jiangsu", "zhejiang", "shandong", "henan", "sichuan",
    "hubei", "fujian", "hunan", "anhui", "shanghai", "beijing", "hebei",
    "shaanxi", "jiangxi", "chongqing", "liaoning", "yunnan", "guangxi",
    "shanxi", "inner_mongolia", "guizhou", "xinjiang", "tianjin", "jilin",
    "heilongjiang", "gansu", "hainan", "ningxia", "qinghai", "tibet",
};
#define NPROV (sizeof provinces / sizeof provinces[0])

/* Publication day of document j of ndocs: spread from 2016-01-15 to
** 2024-03-20 (so the last is before the draft's date). */
static long doc_day(long j, long ndocs) {
    long first = 14, last = DAY_2024_03_01 + 19;
    return ndocs > 1 ? first + (last - first) * j / (ndocs - 1) : last;
}

/* Documents that carry every template's figure for China, so that the
** draft's current and older figures have their sources. */
static int anchor_doc(long j, long ndocs) { return j == ndocs - 1 || j % 20 == 0; }

typedef struct refgen {
    fc_buf facts;          /* JSON Lines */
    fc_buf *texts;         /* per document */
    long ndocs;
} refgen;

static void put_str(fc_buf *b, const char *key, const char *v) {
    if (v)
        fc_buf_printf(b, ",\"%s\":\"%s\"", key, v);
    else
        fc_buf_printf(b, ",\"%s\":null", key);
}

/* One fact of document j: its sentence goes into the document's text (the
** span points at the figure), its record into the JSON Lines. */
static void put_fact(refgen *g, long j, long k, const char *metric,
                     const char *subject, const char *basis, const char *unit,
                     const fig *f, const char *qualifier, const char *period,
                     const char *status) {
    fc_buf *t = &g->texts[j];
    size_t start;
    fc_buf_printf(t, "Item %ld: ", k);
    start = t->len;
    fc_buf_puts(t, f->text);
    fc_buf_printf(t, " for %s.\n", metric);
    fc_buf_printf(&g->facts,
                  "{\"id\":\"d%04ld-f%04ld\",\"doc\":\"d%04ld\",\"span\":"
                  "{\"start\":%zu,\"end\":%zu}",
                  j, k, j, start, start + strlen(f->text));
    put_str(&g->facts, "text", f->text);
    put_str(&g->facts, "subject", subject);
    put_str(&g->facts, "metric", metric);
    put_str(&g->facts, "basis", basis);
    fc_buf_printf(&g->facts, ",\"value\":%.17g", f->value);
    put_str(&g->facts, "unit", unit);
    put_str(&g->facts, "qualifier", qualifier);
    fc_buf_printf(&g->facts, ",\"interval\":[%.17g,%.17g]", f->lo, f->hi);
    put_str(&g->facts, "period", period);
    put_str(&g->facts, "status", status);
    fc_buf_puts(&g->facts, "}\n");
}

/* Fact i of the reference, the same every time. */
static void gen_fact(refgen *g, const metric_list *ml, long i, long n) {
    long per = (n + g->ndocs - 1) / g->ndocs;
    long j = i / per, k = i % per, day = doc_day(j, g->ndocs);
    unsigned long long h = mix((unsigned long long)i + 7), h2 = mix(h);
    const tmpl *t = NULL;
    tmpl generic;
    const char *metric, *subject = "china", *basis, *qualifier = "exact";
    const char *status = "actual";
    char period[40], date[24];
    int pubyear, year;
    double v;
    fig f;

    date_of(day, date);
    pubyear = atoi(date);
    /* anchors: the templates' figures for China, current at the date */
    if (anchor_doc(j, g->ndocs) && k < (long)NT) {
        t = &T[k];
        if (t->as_of) {
            snprintf(period, sizeof period, "as-of %s", date);
            v = true_day(t, day);
        } else {
            year = pubyear - 1;
            snprintf(period, sizeof period, "%d", year);
            v = true_year(t, year);
        }
        write_fig(t, v, t->word, t->scale, &f);
        put_fact(g, j, k, t->metric, "china", t->basis, t->unit, &f, "exact",
                 period, "actual");
        return;
    }
    /* any metric of the lexicon, evenly; those the draft has no sentence
       for are written like a count or a share */
    metric = ml->names[(h >> 8) % ml->n];
    for (year = 0; year < (int)NT && strcmp(T[year].metric, metric); year++)
        ;
    if (year < (int)NT) {
        t = &T[year];
    } else {
        size_t len = strlen(metric);
        memset(&generic, 0, sizeof generic);
        generic.metric = metric;
        generic.as_of = (h >> 16) % 3 == 0;
        generic.growth = 0.1;
        if (len > 6 && !strcmp(metric + len - 6, ".share")) {
            generic.unit = "%";
            generic.kind = K_PCT;
            generic.base = 5 + (double)((h >> 20) % 60);
        } else {
            generic.unit = "count";
            generic.kind = K_COUNT;
            generic.base = 1000.0 * (double)(1 + (h >> 20) % 5000);
        }
        t = &generic;
    }
    basis = t->basis;
    /* 40% about China, the rest about a province (a fraction of it) */
    v = 1;
    if ((h >> 24) % 5 >= 2) {
        subject = provinces[(h >> 28) % NPROV];
        v = t->kind == K_PCT ? 1 : 0.02 + (double)((h >> 33) % 10) / 100;
    }
    /* a share of the world now and then, with another value */
    if (t->basis && (h2 >> 5) % 6 == 0) {
        basis = "world";
        v *= 1.15;
    }
    if (t->as_of && (h2 >> 8) % 4) {
        /* the stock at the document's date, or a little before */
        long back = (long)((h2 >> 12) % 120);
        date_of(day - back, date);
        snprintf(period, sizeof period, "as-of %s", date);
        v *= true_day(t, day - back);
    } else {
        year = pubyear - 1 - (int)((h2 >> 16) % 6);
        if (year < 2012) year = 2012;
        if ((h2 >> 20) % 10 == 0)
            snprintf(period, sizeof period, "%d-%02d", year,
                     1 + (int)((h2 >> 24) % 12));
        else
            snprintf(period, sizeof period, "%d", year);
        v *= true_year(t, year);
    }
    switch ((h2 >> 32) % 20) {
    case 0: /* misquoted */
        v *= 0.93;
        break;
    case 1: /* a target, higher */
        status = "target";
        v *= 1.2;
        break;
    default:
        break;
    }
    write_fig(t, v, t->word, t->scale, &f);
    switch ((h2 >> 40) % 10) {
    case 0: { /* "about", five per cent either way */
        char tmp[sizeof f.text];
        qualifier = "approx";
        snprintf(tmp, sizeof tmp, "about %.32s", f.text);
        memcpy(f.text, tmp, sizeof f.text);
        f.lo = f.value * 0.95;
        f.hi = f.value * 1.05;
        break;
    }
    case 1: { /* "more than" */
        char tmp[sizeof f.text];
        qualifier = "more_than";
        snprintf(tmp, sizeof tmp, "more than %.32s", f.text);
        memcpy(f.text, tmp, sizeof f.text);
        f.lo = f.value;
        f.hi = f.value * 1.1;
        break;
    }
    default:
        break;
    }
    put_fact(g, j, k, metric, subject, basis, t->unit, &f, qualifier, period,
             status);
}

/* ---- the draft -------------------------------------------------------------------- */

static const char *const openers[] = {
    "Across the provinces,", "In the coastal cities,", "Inside the ministry,",
    "For smaller suppliers,", "On the factory floor,", "Among investors,",
    "Along the supply chain,", "In the interior,", "At trade fairs,",
    "For local officials,", "In boardrooms,", "Among economists abroad,",
};
static const char *const subjects_[] = {
    "planners", "engineers", "regional governments", "private firms",
    "state-owned groups", "component makers", "logistics companies",
    "research institutes", "city leaders", "export managers", "bankers",
    "trade unions",
};
static const char *const verbs[] = {
    "keep arguing about", "are quietly rethinking", "have started to question",
    "continue to invest in", "often underestimate", "debate the merits of",
    "publicly celebrate", "struggle to finance", "want clearer rules on",
    "look abroad for", "rarely agree on", "are betting heavily on",
};
static const char *const objects[] = {
    "automation and training", "the cost of green power",
    "supply chains that cross borders", "standards for data exchange",
    "the pace of consolidation", "long-term credit for upgrades",
    "skills in software and design", "the balance between scale and quality",
    "new export markets", "the next round of subsidies",
    "cleaner production lines", "the price of land near ports",
};
static const char *const tails[] = {
    "according to people familiar with the discussions.",
    "although the details remain vague.", "as competition intensifies.",
    "while demand at home stays uneven.", "which worries some economists.",
    "and results vary widely by region.", "even as margins narrow.",
    "despite lingering doubts.", "because policy signals keep shifting.",
    "with mixed success so far.", "as the government has urged.",
    "and nobody expects that to change soon.",
};
#define PICK(a, h) (a[(h) % (sizeof a / sizeof a[0])])

static size_t count_words(const char *s) {
    size_t n = 0;
    int in = 0;
    for (; *s; s++) {
        int sp = *s == ' ' || *s == '\n';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

/* What the draft's figure i claims, and how it should fare. */
static void draft_sentence(fc_buf *b, unsigned long long h, long last_day,
                           long ndocs) {
    const tmpl *t = &T[h % NT];
    unsigned kind = (unsigned)((h >> 8) % 100);
    int year = 2016 + (int)((h >> 16) % 8);
    const char *word = t->word;
    double v, scale = t->scale;
    char ytext[8];
    const char *p;
    fig f;

    if (t->as_of) {
        v = true_day(t, last_day);
        if (kind >= 60 && kind < 75) {
            /* stale: the figure of an older anchor document */
            long j = ((long)((h >> 24) % 4) + 1) * 20;
            long anchor = ((ndocs - 1) / 20) * 20 - j;
            if (anchor < 0) anchor = 0;
            v = true_day(t, doc_day(anchor, ndocs));
        } else if (kind >= 75 && kind < 90) {
            v *= 1.25; /* contradicted */
        }
    } else {
        v = true_year(t, year);
        if (kind >= 60 && kind < 75) {
            v *= 1.25; /* contradicted */
        } else if (kind >= 75 && kind < 85) {
            year = 2031; /* a year the reference does not have */
        } else if (kind >= 85 && kind < 90 && t->basis) {
            v *= 1.15; /* the world's share given as a share of GDP */
        }
    }
    if (kind >= 90 && t->kind == K_SCALED) {
        /* a slip of the scale word */
        word = scale == 1e6 ? "billion" : scale == 1e9 ? "million" : "billion";
        scale = scale == 1e6 ? 1e9 : scale == 1e9 ? 1e6 : 1e9;
        v = v / t->scale * scale;
    }
    write_fig(t, v, word, scale, &f);
    snprintf(ytext, sizeof ytext, "%d", year);
    for (p = t->text; *p; p++) {
        if (!strncmp(p, "{v}", 3)) {
            fc_buf_puts(b, f.text);
            p += 2;
        } else if (!strncmp(p, "{y}", 3)) {
            fc_buf_puts(b, ytext);
            p += 2;
        } else {
            fc_buf_putc(b, *p);
        }
    }
}

static char *make_draft(long ndocs, size_t *len, size_t *words) {
    fc_buf b;
    long i, last_day = doc_day(ndocs - 1, ndocs);
    size_t target_filler =
        DRAFT_WORDS - (size_t)DRAFT_FIGURES * 9 /* words per figure sentence */;
    size_t filler = 0, sentences = 0;
    fc_buf_init(&b);
    fc_buf_puts(&b, "---\ntitle: Where Chinese industry stands\ndate: " DRAFT_DATE
                    "\n---\n# Where Chinese industry stands\n\n");
    for (i = 0; i < DRAFT_FIGURES; i++) {
        unsigned long long h = mix((unsigned long long)i * 31 + 5);
        /* filler up to this figure's share of the prose */
        while (filler < target_filler * (size_t)(i + 1) / DRAFT_FIGURES) {
            unsigned long long f = mix(h + filler);
            size_t at = b.len;
            fc_buf_printf(&b, "%s %s %s %s, %s ", PICK(openers, f),
                          PICK(subjects_, f >> 8), PICK(verbs, f >> 16),
                          PICK(objects, f >> 24), PICK(tails, f >> 32));
            filler += count_words(b.data + at);
            if (++sentences % 5 == 0) fc_buf_puts(&b, "\n\n");
        }
        draft_sentence(&b, h, last_day, ndocs);
        fc_buf_putc(&b, (i + 1) % 4 ? ' ' : '\n');
        if ((i + 1) % 12 == 0) fc_buf_puts(&b, "\n`code 42` and [a link](https://example.org/2023/9.9-million) are no prose.\n\n");
    }
    fc_buf_putc(&b, '\n');
    if (b.oom) {
        fc_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    *words = count_words(b.data);
    return fc_buf_take(&b);
}

/* ---- measures (each in a child) ----------------------------------------------- */

typedef struct result {
    double seconds;       /* the measure */
    double lexicon, rules; /* load times, excluded */
    double warm;          /* a second run */
    double no_self;       /* the audit without the self-check */
    double open;          /* fc_store_open of the reference, first time */
    double raw_open;      /* sqlite3_open_v2 and a read of its schema */
    long long count;      /* figures, or facts read */
    long long lookups;
    double once;          /* the lookups, each distinct metric once */
    long long once_lookups, once_count;
    fc_audit_stats st;
    size_t findings;
    char error[1024];
} result;

static void diag_error(result *res, const char *what, int rc, fc_diags *d) {
    char msg[600] = "";
    if (fc_diags_count(d))
        fc_diag_format(fc_diags_get(d, 0), msg, sizeof msg);
    snprintf(res->error, sizeof res->error, "%s: %s (%zu errors): %s", what,
             fc_status_str(rc), fc_diags_errors(d), msg);
}

typedef struct build_args {
    const char *db;
    long n;
    const metric_list *ml;
} build_args;

static int measure_build(const build_args *a, result *res) {
    refgen g;
    fc_doc **docs;
    fc_manifest m;
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_load_stats ls;
    const char *name = "reference.jsonl", *bufs[1];
    size_t lens[1];
    long i;
    int rc = FC_OK;
    double t0;

    memset(&g, 0, sizeof g);
    g.ndocs = (a->n + FACTS_PER_DOC - 1) / FACTS_PER_DOC;
    if (g.ndocs < 2) g.ndocs = 2;
    g.texts = calloc((size_t)g.ndocs, sizeof *g.texts);
    docs = calloc((size_t)g.ndocs, sizeof *docs);
    if (!g.texts || !docs || !d) {
        snprintf(res->error, sizeof res->error, "out of memory");
        return 1;
    }
    fc_buf_init(&g.facts);
    for (i = 0; i < g.ndocs; i++) {
        fc_buf_init(&g.texts[i]);
        fc_buf_printf(&g.texts[i], "Reference document %ld.\n", i);
    }
    for (i = 0; i < a->n; i++) gen_fact(&g, a->ml, i, a->n);
    for (i = 0; i < g.ndocs && rc == FC_OK; i++) {
        char id[32], date[24];
        if (g.texts[i].oom) {
            rc = FC_ENOMEM;
            break;
        }
        snprintf(id, sizeof id, "d%04ld", i);
        rc = fc_doc_new_from_buffer(&docs[i], id, id, g.texts[i].data,
                                    g.texts[i].len, d);
        if (rc == FC_OK) {
            date_of(doc_day(i, g.ndocs), date);
            free(docs[i]->published);
            docs[i]->published = fc_strdup(date);
            docs[i]->authority = fc_strdup(i % 3 ? "news" : "official");
        }
    }
    if (rc != FC_OK || g.facts.oom) {
        diag_error(res, "generating the reference", rc ? rc : FC_ENOMEM, d);
        return 1;
    }
    t0 = bench_now();
    memset(&m, 0, sizeof m);
    m.docs = docs;
    m.ndocs = (size_t)g.ndocs;
    bufs[0] = g.facts.data;
    lens[0] = g.facts.len;
    rc = fc_store_open(&s, a->db, d);
    if (rc == FC_OK)
        rc = fc_store_load_buffers(s, &m, &name, bufs, lens, 1, &ls, d);
    if (rc == FC_OK && fc_store_fact_count(s) != (size_t)a->n) rc = FC_EINTERNAL;
    fc_store_close(s);
    res->seconds = bench_now() - t0;
    res->count = (long long)g.facts.len;
    res->lookups = g.ndocs;
    if (rc != FC_OK) diag_error(res, "loading the reference", rc, d);
    for (i = 0; i < g.ndocs; i++) {
        fc_doc_free(docs[i]);
        fc_buf_free(&g.texts[i]);
    }
    free(docs);
    free(g.texts);
    fc_buf_free(&g.facts);
    fc_diags_free(d);
    return rc != FC_OK;
}

typedef struct run_args {
    const char *db;
    const char *draft;
    size_t len;
} run_args;

/* The draft as the command-line tool builds it: masked, dated by its front
** matter. */
static int load_draft(const run_args *a, fc_doc **out, fc_diags *d) {
    char *masked = malloc(a->len + 1), fm[11];
    int rc;
    if (!masked) return FC_ENOMEM;
    memcpy(masked, a->draft, a->len + 1);
    fc_markdown_mask(masked, a->len, fm);
    rc = fc_doc_new_from_buffer(out, "draft", "draft.md", masked, a->len, d);
    free(masked);
    if (rc == FC_OK) {
        free((*out)->published);
        if (!((*out)->published = fc_strdup(fm[0] ? fm : DRAFT_DATE)))
            rc = FC_ENOMEM;
    }
    return rc;
}

static int load_lexicon(fc_lexicon **lx, fc_rules **rs, result *res,
                        fc_diags *d) {
    const char *dirs[1] = {RULES_DIR};
    double t0 = bench_now();
    int rc = fc_lexicon_load(lx, RULES_DIR, d);
    res->lexicon = bench_now() - t0;
    if (rc != FC_OK) {
        diag_error(res, "lexicon", rc, d);
        return rc;
    }
    if (!rs) return FC_OK;
    t0 = bench_now();
    rc = fc_rules_load(rs, dirs, 1, *lx, d);
    res->rules = bench_now() - t0;
    if (rc != FC_OK) diag_error(res, "rules", rc, d);
    return rc;
}

static int count_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    (void)f;
    (void)loc;
    ++*(long long *)ctx;
    return FC_OK;
}

typedef struct metrics_seen {
    char **names;
    size_t n, cap;
} metrics_seen;

static int keep_metric(void *ctx, const fc_fact *f, const fc_loc *loc) {
    metrics_seen *ms = ctx;
    (void)loc;
    if (!f->metric) return FC_OK;
    if (ms->n == ms->cap) {
        size_t ncap = ms->cap ? ms->cap * 2 : 256;
        char **p = realloc(ms->names, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        ms->names = p;
        ms->cap = ncap;
    }
    if (!(ms->names[ms->n] = fc_strdup(f->metric))) return FC_ENOMEM;
    ms->n++;
    return FC_OK;
}

static int measure_extract(const run_args *a, result *res) {
    fc_lexicon *lx = NULL;
    fc_doc *doc = NULL;
    fc_diags *d = fc_diags_new();
    long long n = 0;
    double t0;
    int rc = load_lexicon(&lx, NULL, res, d);
    if (rc == FC_OK && (rc = load_draft(a, &doc, d)) != FC_OK)
        diag_error(res, "draft", rc, d);
    if (rc == FC_OK) {
        t0 = bench_now();
        rc = fc_extract(lx, doc, count_fact, &n, d);
        res->seconds = bench_now() - t0;
        res->count = n;
        if (rc != FC_OK) diag_error(res, "fc_extract", rc, d);
    }
    fc_doc_free(doc);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    return rc != FC_OK;
}

static int measure_lookup(const run_args *a, result *res) {
    fc_lexicon *lx = NULL;
    fc_doc *doc = NULL;
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    metrics_seen ms = {0};
    long long n = 0;
    size_t i;
    double t0;
    int rc = load_lexicon(&lx, NULL, res, d);
    /* the draft's metrics, one per figure (not timed) */
    if (rc == FC_OK && (rc = load_draft(a, &doc, d)) != FC_OK)
        diag_error(res, "draft", rc, d);
    if (rc == FC_OK && (rc = fc_extract(lx, doc, keep_metric, &ms, d)) != FC_OK)
        diag_error(res, "fc_extract", rc, d);
    if (rc == FC_OK && (rc = fc_store_open(&s, a->db, d)) != FC_OK)
        diag_error(res, "store", rc, d);
    if (rc == FC_OK) {
        t0 = bench_now();
        for (i = 0; rc == FC_OK && i < ms.n; i++) {
            fc_fact_filter flt;
            memset(&flt, 0, sizeof flt);
            flt.metric = ms.names[i];
            rc = fc_store_each_fact(s, &flt, count_fact, &n);
        }
        res->seconds = bench_now() - t0;
        res->count = n;
        res->lookups = (long long)ms.n;
        /* each distinct metric once: what a lookup per metric would cost */
        n = 0;
        t0 = bench_now();
        for (i = 0; rc == FC_OK && i < ms.n; i++) {
            fc_fact_filter flt;
            size_t k;
            for (k = 0; k < i && strcmp(ms.names[k], ms.names[i]); k++)
                ;
            if (k < i) continue;
            memset(&flt, 0, sizeof flt);
            flt.metric = ms.names[i];
            rc = fc_store_each_fact(s, &flt, count_fact, &n);
            res->once_lookups++;
        }
        res->once = bench_now() - t0;
        res->once_count = n;
        if (rc != FC_OK)
            snprintf(res->error, sizeof res->error, "fc_store_each_fact: %s",
                     fc_store_errmsg(s));
    }
    for (i = 0; i < ms.n; i++) free(ms.names[i]);
    free(ms.names);
    fc_store_close(s);
    fc_doc_free(doc);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    return rc != FC_OK;
}

static int measure_audit(const run_args *a, result *res) {
    fc_lexicon *lx = NULL;
    fc_rules *rs = NULL;
    fc_doc *doc = NULL;
    fc_store *s = NULL;
    fc_findings *fs = NULL;
    fc_diags *d = fc_diags_new();
    fc_audit_stats st;
    double t0;
    int rc = load_lexicon(&lx, &rs, res, d);
    if (rc == FC_OK && (rc = load_draft(a, &doc, d)) != FC_OK)
        diag_error(res, "draft", rc, d);
    if (rc == FC_OK) {
        /* the first open of the reference in this process, then a bare
           SQLite open of the same file that reads its schema */
        sqlite3 *db = NULL;
        sqlite3_stmt *st0 = NULL;
        t0 = bench_now();
        rc = fc_store_open(&s, a->db, d);
        res->open = bench_now() - t0;
        if (rc != FC_OK) diag_error(res, "store", rc, d);
        t0 = bench_now();
        if (sqlite3_open_v2(a->db, &db, SQLITE_OPEN_READONLY, NULL) ==
                SQLITE_OK &&
            sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1,
                               &st0, NULL) == SQLITE_OK &&
            sqlite3_step(st0) == SQLITE_ROW)
            res->raw_open = bench_now() - t0;
        sqlite3_finalize(st0);
        sqlite3_close(db);
    }
    if (rc == FC_OK) {
        t0 = bench_now();
        rc = fc_audit(s, rs, lx, doc, &fs, &res->st, d);
        res->seconds = bench_now() - t0;
        res->count = (long long)res->st.figures;
        res->findings = fc_findings_count(fs);
        fc_findings_free(fs);
        fs = NULL;
        if (rc != FC_OK) diag_error(res, "fc_audit", rc, d);
    }
    if (rc == FC_OK) {
        /* the same again (warm), and without the self-check */
        t0 = bench_now();
        rc = fc_audit(s, rs, lx, doc, &fs, &st, d);
        res->warm = bench_now() - t0;
        fc_findings_free(fs);
        fs = NULL;
        if (rc == FC_OK) {
            t0 = bench_now();
            rc = fc_audit(s, NULL, lx, doc, &fs, &st, d);
            res->no_self = bench_now() - t0;
            fc_findings_free(fs);
        }
        if (rc != FC_OK) diag_error(res, "fc_audit (again)", rc, d);
    }
    fc_store_close(s);
    fc_doc_free(doc);
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    return rc != FC_OK;
}

/* ---- driver ------------------------------------------------------------------- */

enum { M_BUILD, M_EXTRACT, M_LOOKUP, M_AUDIT };

typedef struct child_args {
    int m;
    const build_args *ba;
    const run_args *ra;
} child_args;

static int child_measure(void *p, void *res) {
    const child_args *a = p;
    return a->m == M_BUILD     ? measure_build(a->ba, res)
           : a->m == M_EXTRACT ? measure_extract(a->ra, res)
           : a->m == M_LOOKUP  ? measure_lookup(a->ra, res)
                               : measure_audit(a->ra, res);
}

/* Run measure m in a child; its result and peak resident memory (KiB). */
static int run_child(int m, const build_args *ba, const run_args *ra,
                     result *res, long *maxrss_kb) {
    child_args a;
    a.m = m;
    a.ba = ba;
    a.ra = ra;
    return bench_child(child_measure, &a, res, sizeof *res, res->error,
                       sizeof res->error, maxrss_kb);
}

/* The rows of the report: the audit beside extraction and lookups, and
** the reference's opening beside a bare SQLite open. */
static void report_rows(size_t words, long n, const result *res,
                        const long *kb) {
    const result *au = &res[M_AUDIT];
    double base = res[M_EXTRACT].seconds + res[M_LOOKUP].seconds;
    char what[96], figure[64], bl[96], target[64];
    snprintf(what, sizeof what, "%zu-word draft, %ld facts", words, n);
    snprintf(figure, sizeof figure, "%.3f s", au->seconds);
    snprintf(bl, sizeof bl, "extraction + lookups %.3f s", base);
    snprintf(target, sizeof target, "< %.1f s", REPORT_AUDIT_SECONDS);
    bench_row("audit", what, figure, bl, base > 0 ? au->seconds / base : 0,
              kb[M_AUDIT], target,
              au->seconds < REPORT_AUDIT_SECONDS ? BENCH_MET : BENCH_NOT_MET);
    snprintf(what, sizeof what, "open a %ld-fact reference", n);
    snprintf(figure, sizeof figure, "%.4f s", au->open);
    if (au->raw_open > 0)
        snprintf(bl, sizeof bl, "sqlite3_open_v2 + schema %.4f s",
                 au->raw_open);
    else
        snprintf(bl, sizeof bl, "sqlite3_open_v2 failed");
    snprintf(target, sizeof target, "< %.1f s", REPORT_OPEN_SECONDS);
    bench_row("audit", what, figure, bl,
              au->raw_open > 0 ? au->open / au->raw_open : 0, 0, target,
              au->open < REPORT_OPEN_SECONDS ? BENCH_MET : BENCH_NOT_MET);
}

int main(void) {
    const char *env = getenv("FC_BENCH_AUDIT_N"), *tmp = getenv("TMPDIR");
    const char *strict = getenv("FC_BENCH_STRICT");
    const char *keep = getenv("FC_BENCH_KEEP");
    char dir[256], db[320], draftpath[320], err[512];
    metric_list ml;
    build_args ba;
    run_args ra;
    result res[4];
    long kb[4] = {0, 0, 0, 0}, n = DEFAULT_N, ndocs;
    size_t words = 0;
    char *draft;
    int m, failed = 0, kept = keep && strcmp(keep, "1") == 0;

    if (env && *env) {
        char *end;
        errno = 0;
        n = strtol(env, &end, 10);
        if (errno || *end || n < 1 || n > 100000000L) {
            fprintf(stderr, "bench_audit: bad FC_BENCH_AUDIT_N \"%s\"\n", env);
            return 1;
        }
    }
    if (load_metrics(&ml, err, sizeof err) != 0) {
        fprintf(stderr, "bench_audit: %s\n", err[0] ? err : "out of memory");
        return 1;
    }
    ndocs = (n + FACTS_PER_DOC - 1) / FACTS_PER_DOC;
    if (ndocs < 2) ndocs = 2;
    if (!(draft = make_draft(ndocs, &ra.len, &words))) {
        fprintf(stderr, "bench_audit: out of memory\n");
        free_metrics(&ml);
        return 1;
    }
    snprintf(dir, sizeof dir, "%s/fc_bench_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("bench_audit: mkdtemp");
        free(draft);
        free_metrics(&ml);
        return 1;
    }
    snprintf(db, sizeof db, "%s/reference.db", dir);
    snprintf(draftpath, sizeof draftpath, "%s/draft.md", dir);
    if (kept) {
        FILE *fp = fopen(draftpath, "wb");
        if (!fp || fwrite(draft, 1, ra.len, fp) != ra.len || fclose(fp) != 0)
            perror("bench_audit: writing the draft");
    }
    ba.db = db;
    ba.n = n;
    ba.ml = &ml;
    ra.db = db;
    ra.draft = draft;

    printf("bench_audit: a %zu-word draft (%zu bytes) against %ld reference "
           "facts in %ld documents, %zu metrics of the lexicon, SQLite %s\n",
           words, ra.len, n, ndocs, ml.n, sqlite3_libversion());

    for (m = M_BUILD; m <= M_AUDIT; m++) {
        if (run_child(m, &ba, &ra, &res[m], &kb[m]) != 0) {
            printf("  %-30s FAILED: %s\n",
                   m == M_BUILD     ? "building the reference"
                   : m == M_EXTRACT ? "baseline: extraction only"
                   : m == M_LOOKUP  ? "baseline: indexed lookups"
                                    : "factcheck audit",
                   res[m].error[0] ? res[m].error : "(no message)");
            failed = 1;
            if (m == M_BUILD) break;
            continue;
        }
        switch (m) {
        case M_BUILD:
            printf("  %-30s %7.2f s  %.1f MB of JSON Lines loaded into a file "
                   "database  peak %6.1f MB  (setup, not measured)\n",
                   "building the reference", res[m].seconds,
                   (double)res[m].count / 1e6, (double)kb[m] / 1024.0);
            break;
        case M_EXTRACT:
            printf("  %-30s %7.3f s  %9.0f figures/s  peak %6.1f MB  (%lld "
                   "figures)\n",
                   "baseline: extraction only", res[m].seconds,
                   res[m].seconds > 0 ? (double)res[m].count / res[m].seconds
                                      : 0,
                   (double)kb[m] / 1024.0, res[m].count);
            break;
        case M_LOOKUP:
            printf("  %-30s %7.3f s  %9.0f facts/s    peak %6.1f MB  (%lld "
                   "lookups, %lld facts read)\n",
                   "baseline: indexed lookups", res[m].seconds,
                   res[m].seconds > 0 ? (double)res[m].count / res[m].seconds
                                      : 0,
                   (double)kb[m] / 1024.0, res[m].lookups, res[m].count);
            printf("  %-30s %7.3f s  %9.0f facts/s                    (%lld "
                   "lookups, %lld facts read)\n",
                   "  each metric once", res[m].once,
                   res[m].once > 0 ? (double)res[m].once_count / res[m].once
                                   : 0,
                   res[m].once_lookups, res[m].once_count);
            break;
        default:
            printf("  %-30s %7.3f s  %9.0f figures/s  peak %6.1f MB  (%zu "
                   "findings)\n",
                   "factcheck audit", res[m].seconds,
                   res[m].seconds > 0 ? (double)res[m].count / res[m].seconds
                                      : 0,
                   (double)kb[m] / 1024.0, res[m].findings);
            printf("  %-30s %7.3f s  (lexicon %.3f s, rules %.3f s; once per "
                   "run of the tool)\n",
                   "  not measured: loading", res[m].lexicon + res[m].rules,
                   res[m].lexicon, res[m].rules);
            printf("  %-30s %7.3f s  (same process, second run)\n",
                   "  audit again", res[m].warm);
            printf("  %-30s %7.3f s  (rules not run over the draft)\n",
                   "  audit without self-check", res[m].no_self);
            printf("  %-30s %7.4f s  (first open in the process; a bare "
                   "sqlite3_open_v2 and a read of the schema: %.4f s)\n",
                   "  opening the reference", res[m].open, res[m].raw_open);
            {
                char summary[400];
                fc_audit_summary(&res[m].st, summary, sizeof summary);
                printf("  %-30s %s\n", "  classes", summary);
            }
            break;
        }
    }
    if (kept) {
        printf("  draft kept in %s, reference in %s\n", draftpath, db);
    } else {
        bench_remove_db(db);
        rmdir(dir);
    }
    free(draft);
    free_metrics(&ml);
    if (failed) return 1;
    {
        double t = res[M_AUDIT].seconds;
        double base = res[M_EXTRACT].seconds + res[M_LOOKUP].seconds;
        int met = t < TARGET_SECONDS;
        printf("  factcheck audit / (extraction + lookups): %.2f\n",
               base > 0 ? t / base : 0);
        printf("  factcheck audit: %.3f s (target: well under a second, "
               "< %.2f s): %s\n",
               t, TARGET_SECONDS, met ? "met" : "NOT MET");
        if (res[M_AUDIT].st.figures < DRAFT_FIGURES * 9 / 10) {
            printf("  the draft gave %zu figures, expected about %d\n",
                   res[M_AUDIT].st.figures, DRAFT_FIGURES);
            return 1;
        }
        report_rows(words, n, res, kb);
        if (!met && strict && strcmp(strict, "1") == 0) return 1;
    }
    return 0;
}
