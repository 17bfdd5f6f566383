/*
** bench_load.c -- how fast `factcheck load` stores facts, beside two
** baselines measured in the same run on the same facts:
**
**   jansson parse    json_loadb and json_decref on every line, nothing else
**   sqlite inserts   the same rows, already in C arrays, inserted with one
**                    prepared statement in one transaction into the same
**                    schema (indexes included), same journal and settings
**   factcheck load   fc_store_open + fc_store_load_files into a new file
**                    database: parse, validate, upsert, commit
**
** Each measure runs in a child process of its own, so that its peak memory
** (ru_maxrss from wait4) is its own.  The facts are generated into a
** temporary folder, removed at the end.
**
** Usage: bench_load            (FC_BENCH_N facts, default 1,000,000;
**                               FC_BENCH_KEEP=1 keeps the facts file)
** Exit status: 0, or 1 if a measure failed (or, with FC_BENCH_STRICT=1,
** if factcheck load is slower than half the slower baseline).  The rows of
** the report (bench_row) hold it to more: at least 0.8 of the slower
** baseline, and a peak of at most 100 MB however many facts are loaded.
*/
/* wait4, for the peak memory of one child (not POSIX, but in glibc and the
** BSDs) */
#define _DEFAULT_SOURCE 1

#include "internal.h"
#include "bench.h"

#include <errno.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_N 1000000L
#define FACTS_PER_DOC 1000L
/* targets of the report's rows (bench/run.sh) */
#define REPORT_RATIO 0.8       /* of the slower baseline's facts per second */
#define REPORT_PEAK_MB 100.0   /* whatever the size of the file */

/* ---- generating facts ------------------------------------------------------ */

static const char *const metrics[] = {
    "manufacturing.value_added",        "manufacturing.value_added.share",
    "manufacturing.value_added.growth", "industry.value_added",
    "industry.value_added.share",       "sme.specialized.count",
    "sme.little_giant.count",           "enterprise.count",
    "factory.smart.count",              "factory.green.count",
    "5g.base_station.count",            "5g.user.count",
    "broadband.gigabit.user.count",     "steel.output",
    "cement.output",                    "vehicle.output",
    "nev.output",                       "nev.sales.growth",
    "nev.export.count",                 "robot.density.count",
    "rnd.spending.share",               "rnd.spending",
    "software.revenue",                 "software.revenue.growth",
    "telecom.revenue",                  "chip.output",
    "phone.output",                     "ship.completion.share",
    "manufacturing.rank.streak",        "patent.count",
    "standard.count",                   "industrial.profit",
    "industrial.profit.growth",         "investment.manufacturing.growth",
    "export.manufacturing.share",       "energy.intensity.growth",
};
#define NMETRICS (sizeof metrics / sizeof metrics[0])

static const char *const subjects[] = {
    "china", "world", "beijing", "guangdong", "jiangsu", "zhejiang",
    "shanghai", "smes", "soes", "private",
};
static const char *const bases[] = {"gdp", "world", "industry",
                                    "manufacturing"};
static const char *const speakers[] = {
    "Jin Zhuanglong", "Xin Guobin", "Zhao Zhiguo", "Wang Jiangping",
    "Tao Qing", "Yao Jun",
};
static const char *const contexts[] = {
    "added value of manufacturing accounted for",
    "specialized SMEs with novel products",
    "strive to cultivate more little giants",
    "first in the world for consecutive years",
    "sales of new energy vehicles — exports",
    "over half of large industrial enterprises",
    "close to the target set for the plan",
    "gigabit broadband users grew steadily",
};

typedef struct row {
    char id[48], doc[24], text[48], period[24], first[11], last[11];
    char part_of[48];
    const char *subject, *metric, *basis, *unit, *qualifier, *status,
        *speaker, *context;
    char value_s[32], lo_s[32], hi_s[32];
    double value, lo, hi;
    long long start, end;
    int line, column;
} row;

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

/* Fact number i, the same every time. */
static void gen_row(long i, row *r) {
    unsigned long long h = mix((unsigned long long)i + 1);
    unsigned long long h2 = mix(h);
    long doc = i / FACTS_PER_DOC, k = i % FACTS_PER_DOC;
    int year = 2019 + (int)(h % 6), month = 1 + (int)(h2 % 12);
    int day = 1 + (int)((h2 >> 8) % 28), q = (int)((h >> 8) % 10);
    long long scaled;
    const char *word = "";
    double v;

    memset(r, 0, sizeof *r);
    snprintf(r->id, sizeof r->id, "d%05ld-f%04ld", doc, k);
    snprintf(r->doc, sizeof r->doc, "d%05ld", doc);
    r->metric = metrics[(h >> 16) % NMETRICS];
    r->subject = (h >> 24) % 8 ? subjects[(h >> 28) % 10] : NULL;
    if (ends_with(r->metric, ".share")) {
        r->unit = "%";
        r->basis = bases[(h >> 32) % 4];
        scaled = (long long)((h >> 36) % 1000); /* 0.0 .. 99.9 */
        snprintf(r->value_s, sizeof r->value_s, "%lld.%lld", scaled / 10,
                 scaled % 10);
    } else if (ends_with(r->metric, ".growth")) {
        r->unit = "%";
        scaled = (long long)((h >> 36) % 400) - 100;
        snprintf(r->value_s, sizeof r->value_s, "%s%lld.%lld",
                 scaled < 0 ? "-" : "", llabs(scaled) / 10,
                 llabs(scaled) % 10);
    } else if (ends_with(r->metric, ".streak")) {
        r->unit = "years";
        snprintf(r->value_s, sizeof r->value_s, "%d", 10 + (int)(h % 6));
    } else {
        r->unit = ends_with(r->metric, ".count") ? "count"
                  : ends_with(r->metric, ".output") ? "t"
                                                    : "CNY";
        snprintf(r->value_s, sizeof r->value_s, "%llu",
                 ((h >> 36) % 90000 + 1000) * (1ULL << ((h >> 52) % 12)));
    }
    v = strtod(r->value_s, NULL);
    r->value = v;
    /* qualifier and interval, as an extractor would write them */
    switch (q) {
    case 0: case 1: case 2:
        r->qualifier = NULL;
        r->lo = r->hi = v;
        break;
    case 3:
        r->qualifier = "approx";
        word = "about ";
        r->lo = v - 0.05 * (v < 0 ? -v : v);
        r->hi = v + 0.05 * (v < 0 ? -v : v);
        break;
    case 4: case 5:
        r->qualifier = "more_than";
        word = "more than ";
        r->lo = v;
        r->hi = v + 0.1 * (v < 0 ? -v : v) + 1;
        break;
    case 6:
        r->qualifier = "nearly";
        word = "nearly ";
        r->lo = v - 0.05 * (v < 0 ? -v : v) - 1;
        r->hi = v;
        break;
    case 7:
        r->qualifier = "at_least";
        word = "at least ";
        r->lo = v;
        r->hi = v + 0.5 * (v < 0 ? -v : v) + 1;
        break;
    case 8:
        r->qualifier = "less_than";
        word = "less than ";
        r->lo = v - 0.1 * (v < 0 ? -v : v) - 1;
        r->hi = v;
        break;
    default:
        r->qualifier = "exact";
        r->lo = r->hi = v;
        break;
    }
    snprintf(r->lo_s, sizeof r->lo_s, "%.10g", r->lo);
    snprintf(r->hi_s, sizeof r->hi_s, "%.10g", r->hi);
    r->lo = strtod(r->lo_s, NULL);
    r->hi = strtod(r->hi_s, NULL);
    snprintf(r->text, sizeof r->text, "%s%s%s", word, r->value_s,
             strcmp(r->unit, "%") == 0 ? "%" : "");
    /* period */
    switch ((h2 >> 16) % 20) {
    case 0:
        r->period[0] = '\0';
        break;
    case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8:
        snprintf(r->period, sizeof r->period, "%d", year);
        snprintf(r->first, sizeof r->first, "%d-01-01", year);
        snprintf(r->last, sizeof r->last, "%d-12-31", year);
        break;
    case 9: case 10: case 11: case 12: {
        static const int mdays[] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
        int last = mdays[month - 1] +
                   (month == 2 && year % 4 == 0 ? 1 : 0);
        snprintf(r->period, sizeof r->period, "%d-%02d", year, month);
        snprintf(r->first, sizeof r->first, "%d-%02d-01", year, month);
        snprintf(r->last, sizeof r->last, "%d-%02d-%02d", year, month,
                 last);
        break;
    }
    case 13: case 14: case 15:
        snprintf(r->period, sizeof r->period, "%d-%02d-%02d", year, month,
                 day);
        memcpy(r->first, r->period, sizeof r->first);
        memcpy(r->last, r->period, sizeof r->last);
        break;
    case 16: case 17:
        snprintf(r->first, sizeof r->first, "%d-%02d-%02d", year, month,
                 day);
        snprintf(r->period, sizeof r->period, "as-of %s", r->first);
        memcpy(r->last, r->first, sizeof r->last);
        break;
    default:
        snprintf(r->period, sizeof r->period, "%d/%d", year - 2, year + 2);
        snprintf(r->first, sizeof r->first, "%d-01-01", year - 2);
        snprintf(r->last, sizeof r->last, "%d-12-31", year + 2);
        break;
    }
    switch ((h2 >> 24) % 20) {
    case 0: case 1: case 2: r->status = "target"; break;
    case 3: r->status = "forecast"; break;
    case 4: case 5: case 6: case 7: case 8: r->status = "actual"; break;
    default: r->status = NULL; break;
    }
    r->speaker = (h2 >> 32) % 5 == 0 ? speakers[(h2 >> 36) % 6] : NULL;
    if (k > 0 && (h2 >> 40) % 10 == 0)
        snprintf(r->part_of, sizeof r->part_of, "d%05ld-f%04ld", doc,
                 (long)((h2 >> 44) % (unsigned long long)k));
    r->context = (h2 >> 52) % 10 < 3 ? contexts[(h2 >> 48) % 8] : NULL;
    r->start = k * 211 + (long long)((h >> 40) % 150);
    r->end = r->start + (long long)strlen(r->text);
    r->line = (int)(r->start / 96) + 1;
    r->column = (int)(r->start % 96) + 1;
}

static void put_str(FILE *fp, const char *key, const char *v) {
    if (v && *v)
        fprintf(fp, ",\"%s\":\"%s\"", key, v);
    else
        fprintf(fp, ",\"%s\":null", key);
}

/* One JSON Lines record, as fc_fact_to_json writes it. */
static void write_row(FILE *fp, const row *r) {
    fprintf(fp,
            "{\"id\":\"%s\",\"doc\":\"%s\",\"span\":{\"start\":%lld,"
            "\"end\":%lld,\"line\":%d,\"column\":%d}",
            r->id, r->doc, r->start, r->end, r->line, r->column);
    put_str(fp, "text", r->text);
    put_str(fp, "subject", r->subject);
    put_str(fp, "metric", r->metric);
    put_str(fp, "basis", r->basis);
    fprintf(fp, ",\"value\":%s", r->value_s);
    put_str(fp, "unit", r->unit);
    put_str(fp, "qualifier", r->qualifier);
    fprintf(fp, ",\"interval\":[%s,%s]", r->lo_s, r->hi_s);
    put_str(fp, "period", r->period);
    put_str(fp, "status", r->status);
    put_str(fp, "speaker", r->speaker);
    put_str(fp, "part_of", r->part_of);
    put_str(fp, "context", r->context);
    fputs("}\n", fp);
}

/* ---- measures (each in a child) -------------------------------------------- */

typedef struct result {
    double seconds;
    long long count;     /* facts handled */
    long long extra;     /* bytes of pre-generated rows (sqlite) */
    char error[1024];
} result;

static int measure_jansson(const char *facts, long n, result *res) {
    char *buf;
    size_t len, ls = 0;
    double t0 = bench_now();
    long long count = 0;
    (void)n;
    if (fc_read_file(facts, &buf, &len, NULL) != FC_OK) {
        snprintf(res->error, sizeof res->error, "cannot read %s", facts);
        return 1;
    }
    while (ls < len) {
        const char *nl = memchr(buf + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - buf) : len;
        if (le > ls) {
            json_error_t e;
            json_t *v = json_loadb(buf + ls, le - ls,
                                   JSON_DECODE_INT_AS_REAL, &e);
            if (!v) {
                snprintf(res->error, sizeof res->error, "line %lld: %s",
                         count + 1, e.text);
                free(buf);
                return 1;
            }
            json_decref(v);
            count++;
        }
        ls = le + 1;
    }
    free(buf);
    res->seconds = bench_now() - t0;
    res->count = count;
    return 0;
}

static const char insert_sql[] =
    "INSERT INTO facts(id, doc, span_start, span_end, line, col, text, "
    "subject, metric, basis, value, unit, qualifier, lo, hi, period, "
    "period_first, period_last, status, speaker, part_of, context) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)";

static void bind_opt(sqlite3_stmt *st, int i, const char *v) {
    if (v && *v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int measure_sqlite(const char *dbpath, long n, result *res) {
    row *rows = malloc((size_t)n * sizeof *rows);
    fc_store *s = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    double t0;
    long i;
    int ok = 0;

    if (!rows) {
        snprintf(res->error, sizeof res->error, "out of memory");
        return 1;
    }
    for (i = 0; i < n; i++) gen_row(i, &rows[i]);
    res->extra = (long long)((size_t)n * sizeof *rows);
    /* the store's own schema, created by the store, then left alone */
    if (fc_store_open(&s, dbpath, NULL) != FC_OK) {
        snprintf(res->error, sizeof res->error, "cannot create %s", dbpath);
        free(rows);
        return 1;
    }
    fc_store_close(s);

    t0 = bench_now();
    /* the settings fc_store_open uses for a file store */
    if (sqlite3_open(dbpath, &db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                     "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"
                     "BEGIN IMMEDIATE",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, insert_sql, -1, &st, NULL) != SQLITE_OK)
        goto out;
    for (i = 0; i < n; i++) {
        const row *r = &rows[i];
        sqlite3_bind_text(st, 1, r->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, r->doc, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, r->start);
        sqlite3_bind_int64(st, 4, r->end);
        sqlite3_bind_int(st, 5, r->line);
        sqlite3_bind_int(st, 6, r->column);
        bind_opt(st, 7, r->text);
        bind_opt(st, 8, r->subject);
        bind_opt(st, 9, r->metric);
        bind_opt(st, 10, r->basis);
        sqlite3_bind_double(st, 11, r->value);
        bind_opt(st, 12, r->unit);
        bind_opt(st, 13, r->qualifier);
        sqlite3_bind_double(st, 14, r->lo);
        sqlite3_bind_double(st, 15, r->hi);
        bind_opt(st, 16, r->period);
        bind_opt(st, 17, r->period[0] ? r->first : NULL);
        bind_opt(st, 18, r->period[0] ? r->last : NULL);
        bind_opt(st, 19, r->status);
        bind_opt(st, 20, r->speaker);
        bind_opt(st, 21, r->part_of);
        bind_opt(st, 22, r->context);
        if (sqlite3_step(st) != SQLITE_DONE) goto out;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) goto out;
    if (sqlite3_close(db) != SQLITE_OK) goto out;
    db = NULL;
    res->seconds = bench_now() - t0;
    res->count = n;
    ok = 1;
out:
    if (!ok)
        snprintf(res->error, sizeof res->error, "sqlite: %s",
                 db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(rows);
    return ok ? 0 : 1;
}

static int measure_store(const char *dbpath, const char *facts, long n,
                         result *res) {
    fc_store *s = NULL;
    fc_diags *d = fc_diags_new();
    fc_load_stats st;
    const char *paths[1];
    double t0 = bench_now();
    int rc;
    size_t count;

    paths[0] = facts;
    rc = fc_store_open(&s, dbpath, d);
    if (rc == FC_OK) rc = fc_store_load_files(s, paths, 1, &st, d);
    fc_store_close(s);
    res->seconds = bench_now() - t0;
    if (rc != FC_OK) {
        char msg[600] = "";
        if (fc_diags_count(d)) fc_diag_format(fc_diags_get(d, 0), msg,
                                              sizeof msg);
        snprintf(res->error, sizeof res->error, "%s (%zu errors): %s",
                 fc_status_str(rc), fc_diags_errors(d), msg);
        fc_diags_free(d);
        return 1;
    }
    fc_diags_free(d);
    /* check: every fact is there (not timed) */
    if (fc_store_open(&s, dbpath, NULL) != FC_OK) {
        snprintf(res->error, sizeof res->error, "cannot reopen %s", dbpath);
        return 1;
    }
    count = fc_store_fact_count(s);
    fc_store_close(s);
    if ((long)count != n || (long)st.added != n) {
        snprintf(res->error, sizeof res->error,
                 "stored %zu facts (added %zu), expected %ld", count,
                 st.added, n);
        return 1;
    }
    res->count = (long long)count;
    return 0;
}

/* ---- driver ------------------------------------------------------------------ */

enum { M_JANSSON, M_SQLITE, M_STORE };

typedef struct child_args {
    int m;
    const char *facts, *dbpath;
    long n;
} child_args;

static int child_measure(void *p, void *res) {
    const child_args *a = p;
    return a->m == M_JANSSON  ? measure_jansson(a->facts, a->n, res)
           : a->m == M_SQLITE ? measure_sqlite(a->dbpath, a->n, res)
                              : measure_store(a->dbpath, a->facts, a->n, res);
}

/* Run measure m in a child; its result and peak resident memory (KiB). */
static int run_child(int m, const char *facts, const char *dbpath, long n,
                     result *res, long *maxrss_kb) {
    child_args a;
    a.m = m;
    a.facts = facts;
    a.dbpath = dbpath;
    a.n = n;
    return bench_child(child_measure, &a, res, sizeof *res, res->error,
                       sizeof res->error, maxrss_kb);
}

/* The rows of the report: the rate beside the slower baseline's (target:
** at least REPORT_RATIO of it) and the peak beside the parse's (target:
** REPORT_PEAK_MB whatever the number of facts: the file is streamed). */
static void report_rows(long n, const double *rate, const long *peak) {
    int slow = rate[M_JANSSON] < rate[M_SQLITE] ? M_JANSSON : M_SQLITE;
    char what[96], fig[64], base[128], target[96];
    double ratio = rate[slow] > 0 ? rate[M_STORE] / rate[slow] : 0;
    snprintf(what, sizeof what, "rate, %ld facts", n);
    snprintf(fig, sizeof fig, "%.0f facts/s", rate[M_STORE]);
    snprintf(base, sizeof base,
             "jansson parse %.0f, SQLite inserts %.0f facts/s (slower: %s)",
             rate[M_JANSSON], rate[M_SQLITE],
             slow == M_JANSSON ? "jansson" : "SQLite");
    snprintf(target, sizeof target, ">= %.1f x slower baseline",
             REPORT_RATIO);
    bench_row("load", what, fig, base, ratio, peak[M_STORE], target,
              ratio >= REPORT_RATIO ? BENCH_MET : BENCH_NOT_MET);
    snprintf(what, sizeof what, "peak memory, %ld facts", n);
    snprintf(fig, sizeof fig, "%.1f MB", (double)peak[M_STORE] / 1024.0);
    snprintf(base, sizeof base, "jansson parse alone %.1f MB",
             (double)peak[M_JANSSON] / 1024.0);
    snprintf(target, sizeof target, "<= %.0f MB (streamed)", REPORT_PEAK_MB);
    bench_row("load", what, fig, base,
              peak[M_JANSSON] > 0
                  ? (double)peak[M_STORE] / (double)peak[M_JANSSON]
                  : 0,
              peak[M_STORE], target,
              (double)peak[M_STORE] / 1024.0 <= REPORT_PEAK_MB ? BENCH_MET
                                                               : BENCH_NOT_MET);
}

int main(void) {
    const char *env = getenv("FC_BENCH_N"), *tmp = getenv("TMPDIR");
    const char *strict = getenv("FC_BENCH_STRICT");
    const char *keep = getenv("FC_BENCH_KEEP");
    static const char *const names[] = {"baseline: jansson parse only",
                                        "baseline: sqlite inserts only",
                                        "factcheck load"};
    char dir[256], facts[320], db[320];
    double rate[3] = {0, 0, 0};
    long n = DEFAULT_N, i, peak[3] = {0, 0, 0};
    long bytes;
    FILE *fp;
    int m, failed = 0;

    if (env && *env) {
        char *end;
        errno = 0;
        n = strtol(env, &end, 10);
        if (errno || *end || n < 1 || n > 100000000L) {
            fprintf(stderr, "bench_load: bad FC_BENCH_N \"%s\"\n", env);
            return 1;
        }
    }
    snprintf(dir, sizeof dir, "%s/fc_bench_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("bench_load: mkdtemp");
        return 1;
    }
    snprintf(facts, sizeof facts, "%s/facts.jsonl", dir);
    snprintf(db, sizeof db, "%s/bench.db", dir);

    fp = fopen(facts, "wb");
    if (!fp) {
        perror("bench_load: facts file");
        rmdir(dir);
        return 1;
    }
    for (i = 0; i < n; i++) {
        row r;
        gen_row(i, &r);
        write_row(fp, &r);
    }
    bytes = ftell(fp);
    if (fclose(fp) != 0 || bytes <= 0) {
        perror("bench_load: writing facts");
        remove(facts);
        rmdir(dir);
        return 1;
    }
    printf("bench_load: %ld facts, %.1f MB of JSON Lines (%.0f bytes per "
           "fact), SQLite %s, jansson %s\n",
           n, (double)bytes / 1e6, (double)bytes / (double)n,
           sqlite3_libversion(), JANSSON_VERSION);

    for (m = M_JANSSON; m <= M_STORE; m++) {
        result res;
        long kb = 0;
        bench_remove_db(db);
        if (run_child(m, facts, db, n, &res, &kb) != 0) {
            printf("  %-30s FAILED: %s\n", names[m],
                   res.error[0] ? res.error : "(no message)");
            failed = 1;
            continue;
        }
        rate[m] = res.seconds > 0 ? (double)res.count / res.seconds : 0;
        peak[m] = kb;
        printf("  %-30s %7.2f s  %9.0f facts/s  peak %7.1f MB", names[m],
               res.seconds, rate[m], (double)kb / 1024.0);
        if (res.extra)
            printf("  (incl. %.1f MB of pre-generated rows)",
                   (double)res.extra / 1048576.0);
        printf("\n");
    }
    bench_remove_db(db);
    if (keep && strcmp(keep, "1") == 0) {
        printf("  facts kept in %s\n", facts);
    } else {
        remove(facts);
        rmdir(dir);
    }
    if (failed) return 1;
    {
        double slower = rate[M_JANSSON] < rate[M_SQLITE] ? rate[M_JANSSON]
                                                         : rate[M_SQLITE];
        double ratio = slower > 0 ? rate[M_STORE] / slower : 0;
        int met = ratio >= 0.5;
        printf("  factcheck load / slower baseline (%s): %.2f "
               "(target >= 0.50): %s\n",
               rate[M_JANSSON] < rate[M_SQLITE] ? "jansson" : "sqlite", ratio,
               met ? "met" : "NOT MET");
        report_rows(n, rate, peak);
        if (!met && strict && strcmp(strict, "1") == 0) return 1;
    }
    return 0;
}
