/*
** bench_report.c -- how fast, and in how much memory, fc_report_write
** renders many findings in each format, beside a baseline measured in the
** same run on the same findings:
**
**   baseline          build the corpus and the findings, write nothing
**   FORMAT            build the same, then fc_report_write to /dev/null
**
** The corpus: an in-memory store (fc_store_open(NULL)) holding NDOCS
** generated documents and one fact per line of them (loaded with
** fc_store_load_buffers from generated JSON Lines), and N findings
** (FC_BENCH_REPORT_N, default 100,000) made with fc_findings_append, two
** facts each, with varied severities, rules, types, roles and messages,
** put in report order.  Messages and documents hold characters every
** format must escape (< > & " | * _ and non-ASCII punctuation).
**
** Each measure runs in a child process of its own, so that its peak
** resident memory (ru_maxrss from wait4) is its own.  Every format and the
** baseline are measured at N and at N/10: what rendering adds to the peak
** (format minus baseline at the same size) should not grow with N beyond
** what the format itself needs.  The size of each report is counted by one
** more child that renders it to a temporary file (not timed), so the timed
** render only ever writes to /dev/null.
**
** Targets, per format at N: rendering takes < 5 s, and what rendering adds
** to the peak grows from N/10 to N by no more than MEM_SLACK_MB plus
** MEM_SLACK_PER_FINDING bytes per finding (3.4 MB at the default N; the
** findings themselves grow the baseline by about 1.2 KB each, see the
** line "findings alone").  Smaller growth than the build's transient
** (printed as "resolution" on Linux) cannot be seen.
**
** Usage: bench_report       (FC_BENCH_REPORT_N findings, default 100000)
** Exit status: 0, or 1 if a measure failed (or, with FC_BENCH_STRICT=1,
** if a format missed a target).  Each format is a row of the report
** (bench_row): its time and growth, beside the baseline's peak.
*/
/* wait4, for the peak memory of one child (not POSIX, but in glibc and the
** BSDs) */
#define _DEFAULT_SOURCE 1

#include "internal.h"
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_N 100000L
#define NDOCS 8
#define LINES_PER_DOC 150
#define TARGET_SECONDS 5.0
/* From N/10 to N, rendering may add this much (noise and the build's
** transients are about a megabyte at the default N) */
#define MEM_SLACK_MB 2.0
#define MEM_SLACK_PER_FINDING 16.0  /* ... plus this many bytes per finding */

/* ---- generating the corpus ------------------------------------------------ */

static unsigned long long mix(unsigned long long x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static int ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static const char *const metrics[] = {
    "manufacturing.value_added",      "manufacturing.value_added.share",
    "manufacturing.value_added.growth", "industry.value_added.share",
    "sme.specialized.count",          "sme.little_giant.count",
    "factory.smart.count",            "5g.base_station.count",
    "steel.output",                   "nev.output",
    "nev.sales.growth",               "rnd.spending.share",
    "software.revenue",               "manufacturing.rank.streak",
    "industrial.profit.growth",       "export.manufacturing.share",
};
#define NMETRICS (sizeof metrics / sizeof metrics[0])

static const char *const subjects[] = {"china", "world", "beijing",
                                       "guangdong", "jiangsu", "smes"};
static const char *const bases[] = {"gdp", "world", "industry",
                                    "manufacturing"};
static const char *const speakers[] = {"Jin Zhuanglong", "Xin Guobin",
                                       "Zhao Zhiguo", "Tao Qing"};

/* Text before a figure (after an optional earlier sentence) and after it. */
static const char *const leads[] = {
    "According to the ministry\xE2\x80\x99s bulletin, the added value of "
    "manufacturing reached",
    "Officials said the number of specialized \xE2\x80\x9clittle "
    "giant\xE2\x80\x9d firms stood at",
    "In the plan \xE2\x80\x94 approved after a long review \xE2\x80\x94 the "
    "target was set at",
    "Exports of new energy vehicles & parts grew to",
    "The report (see <annex 3>) puts R&D spending at",
    "Output | by value | was",
    "Smart factories, the *pilot* programme says, numbered",
    "Steel output in the region came to",
};
static const char *const before[] = {
    "",
    "Growth slowed in the second half. ",
    "The figures were revised in March! ",
    "\xE2\x80\x9cWe are on track,\xE2\x80\x9d the minister said. ",
};
static const char *const tails[] = {
    ", up from the year before.",
    " in the period. Analysts expect more next year.",
    ", the highest on record since the series began, according to figures "
    "the bureau published on its website after a long delay caused by a "
    "revision of the methods used to count the enterprises above the "
    "designated size in every province, region and municipality of the "
    "country, which took most of the year",
    " \xE2\x80\x94 a figure the white paper cites twice.",
    ", while the share_of_total stayed flat.",
    "; the ministry gave no breakdown by region.",
};
#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/* One fact: the figure's text and what it means. */
typedef struct gfact {
    const char *metric, *subject, *basis, *unit, *qualifier, *status,
        *speaker;
    char text[48], value_s[32], lo_s[32], hi_s[32], period[24];
} gfact;

static void gen_fact(unsigned long long h, gfact *g) {
    unsigned long long h2 = mix(h);
    const char *word = "";
    int year = 2019 + (int)(h2 % 6), month = 1 + (int)((h2 >> 8) % 12);
    double v, lo, hi;

    memset(g, 0, sizeof *g);
    g->metric = metrics[(h >> 4) % NMETRICS];
    g->subject = (h >> 12) % 5 ? subjects[(h >> 16) % NELEM(subjects)] : NULL;
    if (ends_with(g->metric, ".share")) {
        long long scaled = (long long)((h >> 20) % 1000);
        g->unit = "%";
        g->basis = bases[(h >> 30) % NELEM(bases)];
        snprintf(g->value_s, sizeof g->value_s, "%lld.%lld", scaled / 10,
                 scaled % 10);
    } else if (ends_with(g->metric, ".growth")) {
        long long scaled = (long long)((h >> 20) % 400) - 100;
        g->unit = "%";
        snprintf(g->value_s, sizeof g->value_s, "%s%lld.%lld",
                 scaled < 0 ? "-" : "", llabs(scaled) / 10,
                 llabs(scaled) % 10);
    } else if (ends_with(g->metric, ".streak")) {
        g->unit = "years";
        snprintf(g->value_s, sizeof g->value_s, "%d", 10 + (int)(h % 6));
    } else {
        g->unit = ends_with(g->metric, ".count")    ? "count"
                  : ends_with(g->metric, ".output") ? "t"
                                                    : "CNY";
        snprintf(g->value_s, sizeof g->value_s, "%llu",
                 ((h >> 20) % 90000 + 1000) * (1ULL << ((h >> 40) % 12)));
    }
    v = strtod(g->value_s, NULL);
    lo = hi = v;
    switch ((h >> 44) % 6) {
    case 0:
        g->qualifier = "approx";
        word = "about ";
        lo = v - 0.05 * (v < 0 ? -v : v);
        hi = v + 0.05 * (v < 0 ? -v : v);
        break;
    case 1:
        g->qualifier = "more_than";
        word = "more than ";
        hi = v + 0.1 * (v < 0 ? -v : v) + 1;
        break;
    case 2:
        g->qualifier = "nearly";
        word = "nearly ";
        lo = v - 0.05 * (v < 0 ? -v : v) - 1;
        break;
    default:
        g->qualifier = NULL;
        break;
    }
    snprintf(g->lo_s, sizeof g->lo_s, "%.10g", lo);
    snprintf(g->hi_s, sizeof g->hi_s, "%.10g", hi);
    snprintf(g->text, sizeof g->text, "%s%s%s", word, g->value_s,
             strcmp(g->unit, "%") == 0 ? "%" : "");
    switch ((h2 >> 16) % 6) {
    case 0: g->period[0] = '\0'; break;
    case 1: case 2:
        snprintf(g->period, sizeof g->period, "%d", year);
        break;
    case 3:
        snprintf(g->period, sizeof g->period, "%d-%02d", year, month);
        break;
    case 4:
        snprintf(g->period, sizeof g->period, "as-of %d-%02d-15", year,
                 month);
        break;
    default:
        snprintf(g->period, sizeof g->period, "%d/%d", year - 2, year + 2);
        break;
    }
    g->status = (h2 >> 24) % 4 == 0 ? "target" : NULL;
    g->speaker = (h2 >> 32) % 3 == 0 ? speakers[(h2 >> 36) % NELEM(speakers)]
                                     : NULL;
}

static void put_jstr(fc_buf *b, const char *key, const char *v) {
    if (v && *v)
        fc_buf_printf(b, ",\"%s\":\"%s\"", key, v);
    else
        fc_buf_printf(b, ",\"%s\":null", key);
}

static const char *const titles[] = {
    "Press conference on industry & IT \xE2\x80\x94 2023 review",
    "Bulletin <No. 4>: the \"little giants\"",
    "White paper on manufacturing",
    "Statistical communiqu\xC3\xA9 | annual",
};
static const char *const publishers[] = {"MIIT", "State Council Information "
                                         "Office", "NBS", "Xinhua"};
static const char *const authorities[] = {"official", "press", "official",
                                          "news"};

/* Everything a measure works on. */
typedef struct corpus {
    fc_doc *docs[NDOCS];
    fc_manifest m;       /* built by hand: its parts are freed here */
    fc_store *s;
    fc_fact **facts;     /* the store's facts */
    size_t nfacts, capfacts;
    fc_findings *fs;
} corpus;

static int collect_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    corpus *c = ctx;
    (void)loc;
    if (c->nfacts == c->capfacts) {
        size_t ncap = c->capfacts ? c->capfacts * 2 : 256;
        fc_fact **p = realloc(c->facts, ncap * sizeof *p);
        if (!p) return FC_ENOMEM;
        c->facts = p;
        c->capfacts = ncap;
    }
    if (!(c->facts[c->nfacts] = fc_fact_dup(f))) return FC_ENOMEM;
    c->nfacts++;
    return FC_OK;
}

static void corpus_free(corpus *c) {
    size_t i;
    fc_findings_free(c->fs);
    for (i = 0; i < c->nfacts; i++) fc_fact_free(c->facts[i]);
    free(c->facts);
    fc_store_close(c->s);
    for (i = 0; i < NDOCS; i++) fc_doc_free(c->docs[i]);
    memset(c, 0, sizeof *c);
}

/* The documents and their facts, into a new in-memory store. */
static int build_store(corpus *c, char *err, size_t errsize) {
    fc_buf text, jl;
    fc_diags *d = fc_diags_new();
    const char *names[1] = {"bench-facts.jsonl"};
    const char *bufs[1];
    size_t lens[1];
    int di, li, rc = FC_OK;

    fc_buf_init(&jl);
    for (di = 0; di < NDOCS && rc == FC_OK; di++) {
        char id[16], path[48], date[11];
        fc_buf_init(&text);
        snprintf(id, sizeof id, "d%d", di);
        snprintf(path, sizeof path, "corpus/%s \xC3\xA9.txt", id);
        fc_buf_printf(&text, "Document %s\n\n", id);
        for (li = 0; li < LINES_PER_DOC; li++) {
            unsigned long long h =
                mix((unsigned long long)(di * LINES_PER_DOC + li) + 7);
            gfact g;
            size_t start, end;
            gen_fact(h, &g);
            fc_buf_puts(&text, before[(h >> 50) % NELEM(before)]);
            fc_buf_puts(&text, leads[(h >> 53) % NELEM(leads)]);
            fc_buf_putc(&text, ' ');
            start = text.len;
            fc_buf_puts(&text, g.text);
            end = text.len;
            fc_buf_puts(&text, tails[(h >> 57) % NELEM(tails)]);
            fc_buf_putc(&text, '\n');
            fc_buf_printf(&jl,
                          "{\"id\":\"%s-f%03d\",\"doc\":\"%s\",\"span\":"
                          "{\"start\":%zu,\"end\":%zu},\"text\":\"%s\"",
                          id, li, id, start, end, g.text);
            put_jstr(&jl, "subject", g.subject);
            put_jstr(&jl, "metric", g.metric);
            put_jstr(&jl, "basis", g.basis);
            fc_buf_printf(&jl, ",\"value\":%s", g.value_s);
            put_jstr(&jl, "unit", g.unit);
            put_jstr(&jl, "qualifier", g.qualifier);
            fc_buf_printf(&jl, ",\"interval\":[%s,%s]", g.lo_s, g.hi_s);
            put_jstr(&jl, "period", g.period);
            put_jstr(&jl, "status", g.status);
            put_jstr(&jl, "speaker", g.speaker);
            fc_buf_puts(&jl, "}\n");
        }
        if (text.oom) {
            rc = FC_ENOMEM;
        } else {
            rc = fc_doc_new_from_buffer(&c->docs[di], id, path, text.data,
                                        text.len, d);
        }
        fc_buf_free(&text);
        if (rc != FC_OK) break;
        snprintf(date, sizeof date, "2023-%02d-%02d", 1 + di, 10 + di);
        c->docs[di]->published = fc_strdup(date);
        c->docs[di]->title = fc_strdup(titles[di % NELEM(titles)]);
        c->docs[di]->publisher = fc_strdup(publishers[di % NELEM(publishers)]);
        c->docs[di]->authority =
            fc_strdup(authorities[di % NELEM(authorities)]);
        if (!c->docs[di]->published || !c->docs[di]->title ||
            !c->docs[di]->publisher || !c->docs[di]->authority)
            rc = FC_ENOMEM;
    }
    if (rc == FC_OK && jl.oom) rc = FC_ENOMEM;
    if (rc == FC_OK) {
        c->m.docs = c->docs;
        c->m.ndocs = NDOCS;
        rc = fc_store_open(&c->s, NULL, d);
    }
    if (rc == FC_OK) {
        bufs[0] = jl.data;
        lens[0] = jl.len;
        rc = fc_store_load_buffers(c->s, &c->m, names, bufs, lens, 1, NULL,
                                   d);
    }
    if (rc == FC_OK) rc = fc_store_each_fact(c->s, NULL, collect_fact, c);
    if (rc == FC_OK && c->nfacts != (size_t)NDOCS * LINES_PER_DOC)
        rc = FC_EINTERNAL;
    if (rc != FC_OK) {
        char msg[600] = "";
        if (fc_diags_count(d))
            fc_diag_format(fc_diags_get(d, 0), msg, sizeof msg);
        snprintf(err, errsize, "building the store: %s (%zu facts) %s",
                 fc_status_str(rc), c->nfacts, msg);
    }
    fc_buf_free(&jl);
    fc_diags_free(d);
    return rc;
}

/* The rules findings name (borrowed strings must outlive the findings:
** these are static), with the type and roles each gives its facts. */
static const struct {
    const char *rule, *kind, *type, *role0, *role1;
} kinds[] = {
    {"figures-agree", "agree", FC_TYPE_VALUE_CONFLICT, "reference", "checked"},
    {"figures-agree", "agree", FC_TYPE_ROUNDING, "reference", "checked"},
    {"figures-agree", "agree", FC_TYPE_SCALE_SLIP, "reference", "checked"},
    {"part-within-whole", "bound", FC_TYPE_PART_WHOLE, "part", "whole"},
    {"little-giants-within-specialised", "bound", FC_TYPE_PART_WHOLE, "part",
     "whole"},
    {"share-in-range", "bound", FC_TYPE_SHARE_RANGE, "checked", NULL},
    {"manufacturing-within-industry", "derive", FC_TYPE_DERIVED, "part",
     "whole"},
    {"share-basis", "basis", FC_TYPE_BASIS_MISMATCH, "reference", "checked"},
    {"population", "basis", FC_TYPE_POPULATION, "reference", "checked"},
    {"five-year-plan-ordinal", "text", FC_TYPE_TEXT, NULL, NULL},
    {"level-fell", "trend", FC_TYPE_VALUE_CONFLICT, "earlier", "later"},
    {"streak-advances", "trend", FC_TYPE_STREAK, "earlier", "later"},
    {"figure-updated", "stale", FC_TYPE_PERIOD_DIFFERENCE, "earlier",
     "later"},
    {"target-outcome", "target", FC_TYPE_TARGET_MET, "target", "actual"},
    {"target-outcome", "target", FC_TYPE_TARGET_MISSED, "target", "actual"},
};
static const char *const severities[] = {"error", "warning", "warning",
                                         "info"};

/* n findings over the store's facts, in report order. */
static int build_findings(corpus *c, long n, char *err, size_t errsize) {
    long i;
    char msg[512];
    int rc = FC_OK;
    if (!(c->fs = fc_findings_new())) rc = FC_ENOMEM;
    for (i = 0; i < n && rc == FC_OK; i++) {
        unsigned long long h = mix((unsigned long long)i * 2 + 1);
        size_t a = (size_t)(h % c->nfacts);
        size_t b = (size_t)((h >> 20) % (c->nfacts - 1));
        size_t k = (size_t)((h >> 40) % NELEM(kinds));
        fc_fact *pair[2];
        const char *roles[2];
        if (b >= a) b++;
        pair[0] = c->facts[a];
        pair[1] = c->facts[b];
        roles[0] = kinds[k].role0;
        roles[1] = kinds[k].role1;
        snprintf(msg, sizeof msg,
                 "%s gives \xE2\x80\x9c%s\xE2\x80\x9d but %s gives "
                 "\xE2\x80\x9c%s\xE2\x80\x9d for %s (%s) <%s> & |*%s*|",
                 pair[0]->doc, pair[0]->text ? pair[0]->text : "",
                 pair[1]->doc, pair[1]->text ? pair[1]->text : "",
                 pair[0]->metric ? pair[0]->metric : "?",
                 pair[0]->period ? pair[0]->period : "no period",
                 kinds[k].type, kinds[k].rule);
        rc = fc_findings_append(c->fs, kinds[k].rule, kinds[k].kind,
                                kinds[k].type,
                                severities[(h >> 48) % NELEM(severities)], msg,
                                pair, roles, 2);
    }
    if (rc == FC_OK) fc_findings_sort(c->fs);
    if (rc != FC_OK)
        snprintf(err, errsize, "building the findings: %s after %ld",
                 fc_status_str(rc), i);
    return rc;
}

/* ---- measures (each in a child) -------------------------------------------- */

typedef struct result {
    double build;        /* seconds to build corpus and findings */
    double seconds;      /* seconds to render */
    long long bytes;     /* bytes of the report (size measures only) */
    long rss_built_kb;   /* peak before rendering (getrusage self) */
    long rss_now_kb;     /* resident at the end of the build (Linux), or -1 */
    char error[1024];
} result;

/* Build, then (format not NULL) render to `out` ("/dev/null" when NULL);
** with out set, report the size of the file written. */
static int measure(const char *format, long n, const char *out, result *res) {
    corpus c;
    fc_report_opts o;
    fc_diags *d;
    struct rusage ru;
    FILE *fp;
    double t0 = bench_now();
    int rc;

    memset(&c, 0, sizeof c);
    if (build_store(&c, res->error, sizeof res->error) != FC_OK ||
        build_findings(&c, n, res->error, sizeof res->error) != FC_OK) {
        corpus_free(&c);
        return 1;
    }
    res->build = bench_now() - t0;
    getrusage(RUSAGE_SELF, &ru);
    res->rss_built_kb = ru.ru_maxrss;
    res->rss_now_kb = bench_rss_now_kb();
    if (!format) {
        corpus_free(&c);
        return 0;
    }
    memset(&o, 0, sizeof o);
    o.format = format;
    o.fail_on = "error";
    o.facts = c.nfacts;
    if (!(fp = fopen(out ? out : "/dev/null", "w"))) {
        snprintf(res->error, sizeof res->error, "cannot open %s: %s",
                 out ? out : "/dev/null", strerror(errno));
        corpus_free(&c);
        return 1;
    }
    d = fc_diags_new();
    t0 = bench_now();
    rc = fc_report_write(fp, c.fs, c.s, &o, d);
    if (fflush(fp) != 0 && rc == FC_OK) rc = FC_EIO;
    res->seconds = bench_now() - t0;
    if (fclose(fp) != 0 && rc == FC_OK) rc = FC_EIO;
    if (rc != FC_OK) {
        char msg[600] = "";
        if (fc_diags_count(d))
            fc_diag_format(fc_diags_get(d, 0), msg, sizeof msg);
        snprintf(res->error, sizeof res->error, "%s: %s %s", format,
                 fc_status_str(rc), msg);
    }
    fc_diags_free(d);
    if (rc == FC_OK && out) {
        struct stat st;
        if (stat(out, &st) != 0) {
            snprintf(res->error, sizeof res->error, "stat %s: %s", out,
                     strerror(errno));
            rc = FC_EIO;
        } else {
            res->bytes = (long long)st.st_size;
        }
    }
    corpus_free(&c);
    return rc == FC_OK ? 0 : 1;
}

typedef struct child_args {
    const char *format, *out;
    long n;
} child_args;

static int child_measure(void *p, void *res) {
    const child_args *a = p;
    return measure(a->format, a->n, a->out, res);
}

/* Run a measure in a child; its result and peak resident memory (KiB). */
static int run_child(const char *format, long n, const char *out,
                     result *res, long *maxrss_kb) {
    child_args a;
    a.format = format;
    a.out = out;
    a.n = n;
    return bench_child(child_measure, &a, res, sizeof *res, res->error,
                       sizeof res->error, maxrss_kb);
}

/* ---- driver ------------------------------------------------------------------ */

static double mb(long kb) { return (double)kb / 1024.0; }

int main(void) {
    const char *env = getenv("FC_BENCH_REPORT_N"), *tmp = getenv("TMPDIR");
    const char *strict = getenv("FC_BENCH_STRICT");
    const char *const *formats = fc_report_formats();
    char dir[256], out[320];
    long n = DEFAULT_N, n10, base_kb = 0, base10_kb = 0;
    result base, base10;
    int i, failed = 0, missed = 0;
    double base_grow;

    if (env && *env) {
        char *end;
        errno = 0;
        n = strtol(env, &end, 10);
        if (errno || *end || n < 10 || n > 100000000L) {
            fprintf(stderr, "bench_report: bad FC_BENCH_REPORT_N \"%s\" "
                            "(10 or more)\n", env);
            return 1;
        }
    }
    n10 = n / 10;
    snprintf(dir, sizeof dir, "%s/fc_bench_XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("bench_report: mkdtemp");
        return 1;
    }
    snprintf(out, sizeof out, "%s/report.out", dir);

    printf("bench_report: %ld findings (and %ld), 2 facts each, over %d "
           "facts in %d documents; rendered to /dev/null, one child each\n",
           n, n10, NDOCS * LINES_PER_DOC, NDOCS);

    if (run_child(NULL, n, NULL, &base, &base_kb) != 0 ||
        run_child(NULL, n10, NULL, &base10, &base10_kb) != 0) {
        printf("  baseline FAILED: %s\n",
               base.error[0] ? base.error
               : base10.error[0] ? base10.error : "(no message)");
        remove(out);
        rmdir(dir);
        return 1;
    }
    base_grow = mb(base_kb - base10_kb);
    printf("  %-10s build %.2f s; peak %7.1f MB at N, %7.1f MB at N/10 "
           "(findings alone: +%.1f MB, %.0f bytes per finding)\n",
           "baseline", base.build, mb(base_kb), mb(base10_kb), base_grow,
           base_grow * 1048576.0 / (double)(n - n10));
    if (base.rss_now_kb > 0)
        printf("  %-10s resolution: the build's peak is %.1f MB above what it "
               "leaves resident at N, so a rendering that adds less reads "
               "as +0.0\n",
               "", mb(base.rss_built_kb - base.rss_now_kb));

    for (i = 0; formats[i]; i++) {
        const char *fmt = formats[i];
        result r, r10, rs;
        long kb = 0, kb10 = 0, kbs = 0;
        double add, add10, grow, slack;
        int secs_ok, mem_ok;
        if (run_child(fmt, n, NULL, &r, &kb) != 0 ||
            run_child(fmt, n10, NULL, &r10, &kb10) != 0 ||
            run_child(fmt, n, out, &rs, &kbs) != 0) {
            printf("  %-10s FAILED: %s\n", fmt,
                   r.error[0]     ? r.error
                   : r10.error[0] ? r10.error
                   : rs.error[0]  ? rs.error
                                  : "(no message)");
            failed = 1;
            remove(out);
            continue;
        }
        remove(out);
        add = mb(kb - base_kb);
        add10 = mb(kb10 - base10_kb);
        grow = add - add10;
        secs_ok = r.seconds < TARGET_SECONDS;
        slack = MEM_SLACK_MB +
                MEM_SLACK_PER_FINDING * (double)(n - n10) / 1048576.0;
        mem_ok = grow <= slack;
        printf("  %-10s %6.2f s  %9.0f findings/s  %7.1f MB out  %7.1f MB/s"
               "  (N/10: %.2f s)\n",
               fmt, r.seconds, r.seconds > 0 ? (double)n / r.seconds : 0,
               (double)rs.bytes / 1e6,
               r.seconds > 0 ? (double)rs.bytes / 1e6 / r.seconds : 0,
               r10.seconds);
        printf("  %-10s peak %7.1f MB at N (%+.1f over baseline), %7.1f MB "
               "at N/10 (%+.1f): rendering grows %+.1f MB, %.0f bytes per "
               "finding\n",
               "", mb(kb), add, mb(kb10), add10, grow,
               grow * 1048576.0 / (double)(n - n10));
        printf("  %-10s target: < %.0f s: %s; rendering grows <= %.1f MB "
               "from N/10 to N: %s\n",
               "", TARGET_SECONDS, secs_ok ? "met" : "NOT MET", slack,
               mem_ok ? "met" : "NOT MET");
        if (!secs_ok || !mem_ok) missed = 1;
        {
            char what[96], figure[96], bl[96], target[96];
            snprintf(what, sizeof what, "%s, %ld findings", fmt, n);
            snprintf(figure, sizeof figure,
                     "%.2f s; rendering grows %+.1f MB N/10 -> N", r.seconds,
                     grow);
            snprintf(bl, sizeof bl, "no-op render: peak %.0f MB", mb(base_kb));
            snprintf(target, sizeof target,
                     "< %.0f s; memory flat (grows <= %.1f MB)",
                     TARGET_SECONDS, slack);
            bench_row("report", what, figure, bl,
                      base_kb > 0 ? (double)kb / (double)base_kb : 0, kb,
                      target, secs_ok && mem_ok ? BENCH_MET : BENCH_NOT_MET);
        }
    }
    rmdir(dir);
    if (failed) return 1;
    if (missed && strict && strcmp(strict, "1") == 0) return 1;
    return 0;
}
