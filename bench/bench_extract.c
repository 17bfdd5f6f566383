/*
** bench_extract.c -- how fast `factcheck extract` reads figures out of text,
** beside the raw scan rate of the same compiled patterns over the same
** bytes, measured in the same run:
**
**   baseline: raw PCRE2-JIT scan   the lexicon's own compiled patterns, run
**                                  with pcre2_jit_match and one match block
**                                  over every document, as the extractor
**                                  has to run them at the least (below)
**   factcheck extract              fc_extract over every document, with a
**                                  callback that counts the facts
**
** What a fair "raw scan of the same patterns" is: every pattern of the
** loaded lexicon is run the way its compiled form allows and the way the
** extractor needs it, with nothing else around it:
**
**   - patterns that search text (the master number pattern, the scale
**     pattern, periods, status cues, the metrics' before-phrases, part
**     cues): from the start of each document to its end, every match;
**   - patterns compiled PCRE2_ANCHORED (units after a figure, qualifiers
**     after it, the metrics' after-phrases, bases): they can only match at
**     one place, so they are run once at the end of every figure the
**     number pattern found;
**   - patterns that end in \z (currency signs, hedges and growth cues
**     before a figure): they only match at the end of their subject, so
**     they are run once over the 64 bytes before every figure, the window
**     the extractor gives them;
**   - datelines are not run: every document has its date, as from a
**     manifest, so extraction never needs them.
**
** The extractor does all of that and more (sentences, placement, intervals,
** emitting), so the ratio extract / raw tells how much of its time is the
** regex engine's unavoidable work.
**
** The corpus is generated from templates written for this benchmark
** (nothing is copied from any real document): varied English sentences
** with figures of every kind (counts, shares with bases, hedges, scale
** words and suffixes, currencies, years, dates, periods, part-whole cues,
** growth, targets and forecasts, number words, fractions, ranges), page
** furniture, headings, lists and tables, in documents of about 20 KB
** written one paragraph per line, hard-wrapped or as Markdown.
**
** Each measure runs in a child process of its own, which generates the
** corpus and loads the lexicon before the clock starts, so that its peak
** memory (ru_maxrss from wait4) is its own.
**
** Beside R's statcheck, when Rscript can load it (Debian r-cran-statcheck;
** skipped, and said so, otherwise): the first FC_BENCH_STATCHECK_MB
** megabytes of the same corpus (default 5) are written to a file, one
** paragraph a line, and a child times fc_extract over those documents and
** then `Rscript -e 'statcheck::statcheck(readLines(FILE))'` on the file
** (its CPU time from wait4), less R's start and the package's loading
** (`Rscript -e 'library(statcheck)'`, timed on its own).
**
** Usage: bench_extract   (run from the repository root: it reads rules/)
** Environment: FC_BENCH_MB (megabytes of text, default 50),
** FC_BENCH_STATCHECK_MB (default 5), TMPDIR (where the statcheck file
** goes), FC_BENCH_STRICT=1 (a missed target fails).
** Exit status: 0, or 1 if a measure failed (or, with FC_BENCH_STRICT=1, if
** extraction is slower than a quarter of the raw scan rate).
*/
/* wait4, for the peak memory of one child (not POSIX, but in glibc and the
** BSDs) */
#define _DEFAULT_SOURCE 1

#include "lexicon.h"
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MB 50L
#define DOC_BYTES 20000
#define DOC_CAP 65536
#define RULES_DIR "rules"
#define WINDOW 64
#define TARGET_RATIO 0.25
#define STATCHECK_MB 5L
/* targets of the report's rows (bench/run.sh) */
#define REPORT_MBS 10.0            /* MB/s of CPU time */
#define REPORT_STATCHECK 30.0      /* times statcheck's MB/s */

/* ---- a small deterministic generator ------------------------------------------ */

typedef struct rng {
    unsigned long long s;
} rng;

static unsigned long long next(rng *r) {
    unsigned long long x = (r->s += 0x9e3779b97f4a7c15ULL);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static long pick(rng *r, long n) {
    return (long)(next(r) % (unsigned long long)n);
}

#define PICK(r, list) (list[pick(r, (long)(sizeof list / sizeof list[0]))])

/* ---- vocabulary -------------------------------------------------------------------- */

static const char *const places[] = {
    "Jiangsu", "Zhejiang", "Guangdong", "Shandong", "Hubei", "Sichuan",
    "Anhui", "Fujian", "Hunan", "Henan", "Shaanxi", "Liaoning", "Chongqing",
    "Tianjin", "Shanghai", "Beijing", "the Pearl River Delta",
    "the Yangtze River Delta", "the country", "the northeast",
};
static const char *const cities[] = {
    "BEIJING", "SHANGHAI", "SHENZHEN", "HANGZHOU", "WUHAN", "CHENGDU",
    "NANJING", "XI'AN", "HEFEI", "TIANJIN",
};
static const char *const publishers[] = {
    "Harbour Light Wire", "Northgate Business Daily", "Copperfield Press",
    "Statistics Desk", "Granary Street Journal", "Riverbend Observer",
    "Office of Industrial Surveys", "Tallow Lane Notes",
};
static const char *const speakers[] = {
    "Deputy Director Qiu Lanfang", "spokesperson Mo Xiaochen",
    "chief economist Hua Tingyu", "Vice Governor Lei Shaobo",
    "analyst Dora Fenwick", "Commissioner Yuan Peiqi",
    "researcher Kasim Oduya",
};
static const char *const topics[] = {
    "factory upgrades", "small firms", "digital infrastructure",
    "the car industry", "green manufacturing", "industrial statistics",
    "exports", "the new plan", "innovation zones", "steel and materials",
};
static const char *const hedges[] = {
    "", "", "", "", "", "", "about ", "more than ", "nearly ", "over ",
    "at least ", "up to ", "less than ", "around ", "close to ", "some ",
    "roughly ", "in excess of ", "almost ", "approximately ", "under ",
    "no fewer than ", "as many as ", "an estimated ",
};
static const char *const scales[] = {
    "million", "million", "billion", "billion", "trillion", "thousand",
    "hundred million", "ten thousand",
};
static const char *const suffixes[] = {"bn", "m", "tn", "k", "mn", "bn"};
static const char *const currencies[] = {"$", "US$", "RMB ", "¥", "€", "",
                                         "", ""};
static const char *const ups[] = {
    "rose", "up", "grew by", "increased by", "jumped", "climbed",
    "was up", "expanded by", "gained",
};
static const char *const downs[] = {
    "fell", "down", "dropped by", "declined by", "slid", "decreased by",
    "shrank by", "was down",
};
static const char *const target_cues[] = {
    "aims to", "plans to", "will strive to", "has set a goal to",
    "intends to", "is seeking to", "wants to",
};
static const char *const forecast_cues[] = {
    "is expected to", "is forecast to", "is likely to", "is projected to",
    "is on track to", "is set to",
};
static const char *const words[] = {
    "two",   "three", "four",   "five",   "six",     "seven", "eight",
    "nine",  "ten",   "eleven", "twelve", "fifteen", "twenty", "a dozen",
};
static const char *const tens[] = {"twenty", "thirty", "forty", "fifty",
                                   "sixty", "seventy"};
static const char *const ones[] = {"one", "two", "three", "four", "five",
                                   "six", "seven", "eight", "nine"};
static const char *const fractions[] = {
    "a third", "two-thirds", "a quarter", "half", "three quarters",
    "one-fifth", "two fifths",
};
static const char *const ordinals[] = {"14th", "third", "second", "9th",
                                       "21st", "fifth", "2nd"};
static const char *const plan_ordinals[] = {"14th", "Fourteenth", "15th",
                                            "Tenth", "13th"};
static const char *const bases[] = {
    "of GDP", "of the world's total", "of manufacturing",
    "of all enterprises", "of total industry", "of national tax revenue",
    "of the country's GDP", "of global output",
};
static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};
static const char *const unit_nouns[] = {"households", "vehicles", "units",
                                         "people", "pieces"};
static const char *const products[] = {
    "mobile phones", "personal computers", "solar panels",
    "home appliances", "industrial robots", "air conditioners",
};
static const char *const comparisons[] = {"higher", "lower", "larger",
                                          "smaller"};
/* {PER}: a period phrase; it may use the year codes itself */
static const char *const periods[] = {
    "in {Y}", "in {Y}", "during {Y}", "last year", "this year",
    "by the end of {Y}", "by the end of last year", "as of {MON} {DAY}",
    "so far", "at present", "from {Y} to {Y+}", "in the first half",
    "for the whole year {Y}", "since {Y}", "over {Y}", "a year earlier",
    "on {MON} {DAY}, {Y}", "next year", "by year-end", "",
};

/* ---- templates ------------------------------------------------------------------------ */

/* Sentences with figures, written for this benchmark.  Codes in braces are
** filled in by expand(); every other byte is copied. */
static const char *const sentences[] = {
    "Industrial value added reached {H}{CUR}{D} {SC} {PER}, {UP} {G}% year "
    "on year.",
    "The value added of manufacturing came to {H}{D} trillion yuan {PER}, "
    "or {P}% {BASE}.",
    "Manufacturing accounted for {H}{P}% {BASE} {PER}, the {PUB} said.",
    "By the end of {Y}, {PL} had built {H}{N} smart factories, of which {S} "
    "were named national demonstration factories.",
    "There are now {H}{N} specialised and innovative SMEs in {PL}, "
    "including {S} little giants.",
    "The number of little giant firms rose to {N} {PER}.",
    "{PL} operated {H}{D} million 5G base stations {PER}, {UP} {G}% from a "
    "year earlier.",
    "Sales of new energy vehicles {UP} {G}% to {D} million units {PER}.",
    "Production and sales of new energy vehicles reached {D} million and "
    "{D} million respectively {PER}.",
    "Software revenue totalled {CUR}{D}{SUF} {PER}, {DN} {G} percent on "
    "the previous year.",
    "Electronics revenue grew by {PCT} in the first half, while industrial "
    "profits {DN} {G}%.",
    "The ministry {TGT} lift the share of high-tech manufacturing to {P}% "
    "{BASE} by {Y}.",
    "Scrap steel use {FC} reach {H}{D} million tonnes {PER}.",
    "Chinese manufacturing has ranked first in the world for {S2} "
    "consecutive years, {SP} told reporters.",
    "New energy vehicle output has led the world for {W} years in a row.",
    "{PL} plans to build {H}{S} new industrial clusters by the end of {Y}.",
    "Roughly {FR} of the firms surveyed said orders had improved {PER}.",
    "Data centre racks in use exceeded {D} million {PER}, and {H}{N} "
    "servers were added.",
    "IoT connections totalled {D} billion {PER}, {H}{P}% of the world's "
    "total.",
    "Gigabit networks now reach {H}{N} households in {PL}.",
    "Between {RNG} households {FC} be connected {PER}.",
    "The fund set aside {CUR}{D} {SC} for {S} pilot projects, according to "
    "{SP}.",
    "Small firms received {D} {SC} yuan in new tax and fee cuts {PER}.",
    "High-tech enterprises numbered {H}{N} {PER}, against {N} in {Y}.",
    "The average daily number of new enterprises was {N} {PER}.",
    "Investment in manufacturing nearly doubled between {Y} and {Y+}.",
    "Exports of machinery tripled over the decade, {SP} noted.",
    "They make up {H}{P}% of all enterprises.",
    "Its share of global output was {H}{PCT}.",
    "Now there are {N}.",
    "The {ORD} plenary session on {MON} {DAY} reviewed {S} proposals and "
    "{W} reports.",
    "Officials discussed the COVID-19 recovery and the G20 agenda at the "
    "meeting on {MON} {DAY}, {Y}.",
    "The report, released by the {PUB}, runs to {S} pages and covers {S} "
    "sectors.",
    "A total of {N} people attended the fair, up from {N} in {Y}.",
    "During the {PLAN} Five-Year Plan period ({Y}-{Y+}), the country will "
    "add {H}{N} units of capacity.",
    "The scheme cost €{D} million, or {H}{PCT} of the provincial budget.",
    "In {Y}, exports of vehicles reached {D} million units, {UP} {G}% year "
    "on year.",
    "The defect rate fell by {G}% and production efficiency rose by {G}%, "
    "while development cycles shortened by {G}%.",
    "Carbon emissions per unit of output {DN} {G} per cent {PER}.",
    "As of {MON} {DAY}, {H}{N} high-tech enterprises were registered in "
    "{PL}.",
    "{WW} national high-tech zones have been approved since {Y}.",
    "The bureau expects industrial output to grow {S1} to {S1B}% this year.",
    "Revenue of enterprises above designated size came to {CUR}{D} "
    "trillion {PER}.",
    "At present, {H}{N} small and medium-sized enterprises are "
    "implementing digital transformation.",
    "{PL}'s SMEs contributed {H}{P}% of urban employment {PER}.",
    "Cumulative sales of new energy vehicles passed {D} million {PER}.",
    "Average wages in the sector climbed {G}% to {CUR}{N} a year.",
    "Energy-saving diagnosis services were provided to {H}{N} firms {PER}.",
    "Output of {PROD} increased by {G}% to {D} {SC} {UNITN} in {Y}, "
    "accounting for {P}% of the world's total.",
    "The figure is {CMP} than the {N} recorded {PER}.",
    "{PL} {TGT} have {H}{N} firms listed by {Y}, up from {S} {PER}.",
    "Steel output {DN} {G}% to {D} {SC} tonnes {PER}, the lowest since {Y}.",
    "The {PUB} counted {H}{N} {UNITN} {PER}, {P}% more than expected.",
    "About {PCT} of the {N} respondents said they {FC} hire more staff.",
    "Power use by factories reached {D} {SC} kilowatt-hours {PER}.",
    "The share of traditional industries in manufacturing stood at {P}% "
    "{PER}.",
    "The province {FC} spend {CUR}{D}{SUF} on upgrades, {SP} said.",
    "Patent filings rose {G}% to {N}, of which {S} came from state firms.",
};
#define NFIGURE (sizeof sentences / sizeof sentences[0])

/* Sentences with no figure, or only a name or a date: three in five of
** those written, so that figures are not much denser than in the project's
** own sample documents (there about six facts per kilobyte; here about
** nine, tables and lists included). */
static const char *const prose[] = {
    "Analysts cautioned that the figures are preliminary and may be "
    "revised.",
    "The ministry did not give a breakdown by region.",
    "{SP} said the policy would remain in place.",
    "Local officials described the progress as steady.",
    "Further details are expected later in the year.",
    "Industry groups welcomed the announcement but asked for clearer rules "
    "on subsidies.",
    "The plan leaves much of the detail to provincial governments.",
    "Several factory owners said the new rules were easier to follow than "
    "the old ones.",
    "{SP} did not say when the next survey would be published.",
    "Critics argue that the targets reward size rather than quality.",
    "The figures were compiled from reports filed by local bureaus.",
    "Some economists question how the totals are counted.",
    "A spokesperson for the {PUB} declined to comment on the estimates.",
    "Suppliers in {PL} have been asked to share more data with regulators.",
    "The programme is meant to help smaller firms reach export markets.",
    "Officials stressed that the survey method has not changed.",
    "Demand from overseas buyers remained uneven through the spring.",
    "The review will look again at how subsidies are allocated.",
    "Few details were given on how the new zones will be funded.",
    "Workers at the plant said overtime had become less common.",
    "The bureau publishes its detailed tables later in the season.",
    "According to {SP}, the emphasis is shifting from speed to quality.",
    "Trade associations have called for a single national standard.",
    "The announcement came after weeks of speculation in the local press.",
    "Engineers at the new plant are testing automated inspection lines.",
    "It was not clear whether the change applies to foreign firms.",
    "Banks have been told to lend more to manufacturers with good records.",
    "The scheme is reviewed every year by an independent panel.",
    "In interviews, managers pointed to rising costs and slower orders.",
    "Many of the firms are family owned and rarely speak to reporters.",
};
#define NPROSE (sizeof prose / sizeof prose[0])
#define NSENTENCES (NFIGURE + NPROSE)

/* ---- expanding templates ------------------------------------------------------------- */

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n) {
    if (t->len + n + 1 > t->cap) n = t->cap - t->len - 1;
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

static void putf(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void putf(text *t, const char *fmt, ...) {
    char tmp[128];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) put(t, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A count with thousands separators, three significant digits mostly. */
static void put_count(rng *r, text *t) {
    long v = (100 + pick(r, 900)) * (pick(r, 4) ? 10 : 1);
    long mult = pick(r, 3) == 0 ? 100 : pick(r, 2) ? 10 : 1;
    v *= mult;
    if (pick(r, 5) == 0) v += pick(r, 10); /* 8,997 */
    if (v >= 1000000)
        putf(t, "%ld,%03ld,%03ld", v / 1000000, v / 1000 % 1000, v % 1000);
    else if (v >= 1000)
        putf(t, "%ld,%03ld", v / 1000, v % 1000);
    else
        putf(t, "%ld", v);
}

static void expand(rng *r, const char *tpl, text *t, int *year);

static void code(rng *r, const char *c, size_t n, text *t, int *year) {
#define IS(s) (n == sizeof s - 1 && memcmp(c, s, n) == 0)
    if (IS("H")) puts_(t, PICK(r, hedges));
    else if (IS("N")) put_count(r, t);
    else if (IS("S")) putf(t, "%ld", 2 + pick(r, 998));
    else if (IS("S1")) putf(t, "%ld", 3 + pick(r, 4));
    else if (IS("S1B")) putf(t, "%ld", 7 + pick(r, 3));
    else if (IS("S2")) putf(t, "%ld", 10 + pick(r, 6));
    else if (IS("D")) {
        long v = 10 + pick(r, 990);
        if (pick(r, 3) == 0)
            putf(t, "%ld.%02ld", v / 100, v % 100);
        else
            putf(t, "%ld.%ld", v / 10, v % 10);
    } else if (IS("P")) putf(t, "%ld.%ld", pick(r, 96), pick(r, 10));
    else if (IS("PCT")) {
        static const char *const pct[] = {"%", "%", " percent", " per cent"};
        putf(t, "%ld.%ld", pick(r, 96), pick(r, 10));
        puts_(t, PICK(r, pct));
    } else if (IS("G")) putf(t, "%ld.%ld", pick(r, 36), pick(r, 10));
    else if (IS("SC")) puts_(t, PICK(r, scales));
    else if (IS("SUF")) puts_(t, PICK(r, suffixes));
    else if (IS("CUR")) puts_(t, PICK(r, currencies));
    else if (IS("Y")) {
        *year = 2012 + (int)pick(r, 14);
        putf(t, "%d", *year);
    } else if (IS("Y+")) putf(t, "%d", *year + 1 + (int)pick(r, 5));
    else if (IS("MON")) puts_(t, PICK(r, months));
    else if (IS("DAY")) putf(t, "%ld", 1 + pick(r, 28));
    else if (IS("PER")) expand(r, PICK(r, periods), t, year);
    else if (IS("PL")) puts_(t, PICK(r, places));
    else if (IS("UP")) puts_(t, PICK(r, ups));
    else if (IS("DN")) puts_(t, PICK(r, downs));
    else if (IS("TGT")) puts_(t, PICK(r, target_cues));
    else if (IS("FC")) puts_(t, PICK(r, forecast_cues));
    else if (IS("W")) puts_(t, PICK(r, words));
    else if (IS("WW")) {
        char w[32];
        snprintf(w, sizeof w, "%s-%s", PICK(r, tens), PICK(r, ones));
        w[0] = (char)(w[0] - 'a' + 'A');
        puts_(t, w);
    } else if (IS("FR")) puts_(t, PICK(r, fractions));
    else if (IS("ORD")) puts_(t, PICK(r, ordinals));
    else if (IS("PLAN")) puts_(t, PICK(r, plan_ordinals));
    else if (IS("BASE")) puts_(t, PICK(r, bases));
    else if (IS("SP")) puts_(t, PICK(r, speakers));
    else if (IS("PUB")) puts_(t, PICK(r, publishers));
    else if (IS("UNITN")) puts_(t, PICK(r, unit_nouns));
    else if (IS("PROD")) puts_(t, PICK(r, products));
    else if (IS("CMP")) puts_(t, PICK(r, comparisons));
    else if (IS("RNG")) {
        long a = 1 + pick(r, 8);
        putf(t, "%ld and %ld %s", a, a + 1 + pick(r, 5),
             pick(r, 2) ? "million" : "thousand");
    } else {
        put(t, c, n); /* not a code */
    }
#undef IS
}

static void expand(rng *r, const char *tpl, text *t, int *year) {
    const char *p = tpl;
    while (*p) {
        const char *open = strchr(p, '{'), *close;
        if (!open) {
            puts_(t, p);
            return;
        }
        put(t, p, (size_t)(open - p));
        close = strchr(open, '}');
        if (!close) {
            puts_(t, open);
            return;
        }
        code(r, open + 1, (size_t)(close - open - 1), t, year);
        p = close + 1;
    }
}

/* A sentence, with its first letter in capitals (periods may open it). */
static void sentence(rng *r, text *t, int *year) {
    size_t at = t->len;
    expand(r,
           pick(r, 5) >= 3 ? sentences[pick(r, (long)NFIGURE)]
                      : prose[pick(r, (long)NPROSE)],
           t, year);
    if (at < t->len && t->p[at] >= 'a' && t->p[at] <= 'z')
        t->p[at] = (char)(t->p[at] - 'a' + 'A');
    /* "{PER}" left empty: no space before the full stop */
    {
        char *s = t->p + at, *q;
        while ((q = strstr(s, " .")) != NULL) memmove(q, q + 1, strlen(q));
        while ((q = strstr(s, " ,")) != NULL) memmove(q, q + 1, strlen(q));
        t->len = at + strlen(t->p + at);
    }
}

/* Hard-wrap the text from `from` at about 76 columns. */
static void wrap(text *t, size_t from) {
    size_t i, col = 0, last_space = 0;
    for (i = from; i < t->len; i++) {
        if (t->p[i] == '\n') {
            col = 0;
            continue;
        }
        if (t->p[i] == ' ') last_space = i;
        if (++col > 76 && last_space > from && t->p[last_space] == ' ') {
            t->p[last_space] = '\n';
            col = i - last_space;
        }
    }
}

/* One document of about DOC_BYTES bytes in one of three styles. */
static void document(rng *r, long k, text *t) {
    int year = 2020, style = (int)pick(r, 20), para = 0;
    size_t want = DOC_BYTES * 7 / 10 + (size_t)pick(r, DOC_BYTES * 6 / 10);
    t->len = 0;
    t->p[0] = '\0';
    if (style >= 17) puts_(t, "# ");
    puts_(t, PICK(r, places));
    puts_(t, ": notes on ");
    puts_(t, PICK(r, topics));
    putf(t, " (no. %ld)\n\n", k);
    puts_(t, PICK(r, cities));
    putf(t, ", %s %ld (%s) — ", PICK(r, months), 1 + pick(r, 28),
         PICK(r, publishers));
    while (t->len < want && t->len + 4096 < t->cap) {
        size_t start = t->len;
        int n = 2 + (int)pick(r, 5), i;
        if (para > 0 && style >= 17 && pick(r, 3) == 0) {
            /* Markdown: a heading, a list, a table, page furniture */
            puts_(t, "## ");
            puts_(t, PICK(r, topics));
            puts_(t, "\n\n");
            for (i = 0; i < 3; i++) {
                puts_(t, "- ");
                sentence(r, t, &year);
                puts_(t, "\n");
            }
            putf(t, "\n| Region | %d | %d | Change |\n|---|---|---|---|\n",
                 2020 + (int)pick(r, 3), 2023 + (int)pick(r, 3));
            for (i = 0; i < 4; i++)
                putf(t, "| %s | %ld.%ld | %ld.%ld | %ld.%ld%% |\n",
                     PICK(r, places), 1 + pick(r, 99), pick(r, 10),
                     1 + pick(r, 99), pick(r, 10), pick(r, 20), pick(r, 10));
            putf(t, "\nPage %ld of %ld\n\n", 1 + pick(r, 9), 10 + pick(r, 5));
        }
        for (i = 0; i < n; i++) {
            if (i) puts_(t, " ");
            sentence(r, t, &year);
        }
        if (style >= 12 && style < 17) wrap(t, start);
        puts_(t, "\n\n");
        para++;
    }
}

/* ---- the corpus --------------------------------------------------------------------- */

typedef struct corpus {
    fc_doc **docs;
    size_t ndocs;
    size_t bytes;
} corpus;

static void corpus_free(corpus *c) {
    size_t i;
    for (i = 0; i < c->ndocs; i++) fc_doc_free(c->docs[i]);
    free(c->docs);
    memset(c, 0, sizeof *c);
}

/* About mb megabytes of documents, each dated as by a manifest. */
static int corpus_make(long mb, corpus *c) {
    size_t want = (size_t)mb * 1000000, cap = want / (DOC_BYTES / 2) + 16;
    rng r;
    text t;
    memset(c, 0, sizeof *c);
    r.s = 0xfac7c4ecULL;
    t.cap = DOC_CAP;
    t.p = malloc(t.cap);
    c->docs = calloc(cap, sizeof *c->docs);
    if (!t.p || !c->docs) {
        free(t.p);
        free(c->docs);
        return FC_ENOMEM;
    }
    while (c->bytes < want && c->ndocs < cap) {
        char id[32], date[16];
        fc_doc *doc = NULL;
        long k = (long)c->ndocs;
        int rc;
        document(&r, k, &t);
        snprintf(id, sizeof id, "g%05ld", k);
        rc = fc_doc_new_from_buffer(&doc, id, id, t.p, t.len, NULL);
        if (rc == FC_OK) {
            snprintf(date, sizeof date, "%04ld-%02ld-%02ld", 2016 + k % 9,
                     1 + k % 12, 1 + k % 28);
            rc = fc_fact_set(&doc->published, date);
        }
        if (rc != FC_OK) {
            fc_doc_free(doc);
            free(t.p);
            corpus_free(c);
            return rc;
        }
        c->docs[c->ndocs++] = doc;
        c->bytes += t.len;
    }
    free(t.p);
    return FC_OK;
}

/* ---- the patterns of the lexicon ------------------------------------------------------ */

enum { P_SCAN, P_AT_END, P_BEFORE };

typedef struct pat {
    const pcre2_code *re;
    int how;
    int jit;               /* JIT-compiled */
} pat;

typedef struct pats {
    pat *items;
    size_t n, cap;
    size_t by_how[3];
    size_t jit;
    size_t datelines;
} pats;

static int anchored(const pcre2_code *re) {
    uint32_t opts = 0;
    pcre2_pattern_info(re, PCRE2_INFO_ARGOPTIONS, &opts);
    return (opts & PCRE2_ANCHORED) != 0;
}

/* Add re; `before` marks the patterns that end in \z (matched over the
** window before a figure).  Anchored ones run at figures' ends. */
static int add_pat(pats *ps, const pcre2_code *re, int before) {
    size_t size = 0;
    pat *p;
    if (!re) return FC_OK;
    if (ps->n == ps->cap) {
        size_t ncap = ps->cap ? ps->cap * 2 : 64;
        pat *q = realloc(ps->items, ncap * sizeof *q);
        if (!q) return FC_ENOMEM;
        ps->items = q;
        ps->cap = ncap;
    }
    p = &ps->items[ps->n++];
    p->re = re;
    p->how = anchored(re) ? P_AT_END : before ? P_BEFORE : P_SCAN;
    p->jit = pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &size) == 0 &&
             size > 0;
    ps->by_how[p->how]++;
    ps->jit += (size_t)p->jit;
    return FC_OK;
}

/* Every compiled pattern of the lexicon but the datelines, the number
** pattern first. */
static int collect(const fc_lexicon *lx, pats *ps) {
    size_t i;
    int rc = FC_OK;
    memset(ps, 0, sizeof *ps);
    rc |= add_pat(ps, lx->number, 0);
    rc |= add_pat(ps, lx->scale_re, 0);
    for (i = 0; i < lx->nquals; i++)
        rc |= add_pat(ps, lx->quals[i].re, !lx->quals[i].after);
    for (i = 0; i < lx->nunits_before; i++)
        rc |= add_pat(ps, lx->units_before[i].re, 1);
    for (i = 0; i < lx->nunits_after; i++)
        rc |= add_pat(ps, lx->units_after[i].re, 0);
    rc |= add_pat(ps, lx->growth_up, 1);
    rc |= add_pat(ps, lx->growth_down, 1);
    for (i = 0; i < lx->nperiods; i++) rc |= add_pat(ps, lx->periods[i].re, 0);
    for (i = 0; i < lx->nstatuses; i++)
        rc |= add_pat(ps, lx->statuses[i].re, 0);
    rc |= add_pat(ps, lx->part_cues, 0);
    for (i = 0; i < lx->nbases; i++) rc |= add_pat(ps, lx->bases[i].re, 0);
    for (i = 0; i < lx->nmetrics; i++) {
        rc |= add_pat(ps, lx->metrics[i].after, 0);
        rc |= add_pat(ps, lx->metrics[i].before, 0);
    }
    ps->datelines = lx->ndatelines;
    return rc == FC_OK ? FC_OK : FC_ENOMEM;
}

static int run_re(const pat *p, const char *s, size_t len, size_t from,
                  pcre2_match_data *md) {
    if (p->jit)
        return pcre2_jit_match(p->re, (PCRE2_SPTR)s, len, from, 0, md, NULL);
    return pcre2_match(p->re, (PCRE2_SPTR)s, len, from, PCRE2_NO_UTF_CHECK,
                       md, NULL);
}

/* ---- measures (each in a child) ------------------------------------------------------- */

typedef struct result {
    double seconds;        /* the measured part, by the clock */
    double cpu;            /* CPU seconds of the measured part */
    double setup;          /* corpus and lexicon, not measured */
    long long bytes, docs;
    long long count;       /* facts, or matches */
    long long figures;     /* number-pattern matches (raw scan) */
    long long with_metric; /* facts with a metric (extraction) */
    size_t by_how[3], npats, jit, datelines;
    double sc_seconds, sc_cpu;     /* statcheck on the same file */
    double sc_start, sc_start_cpu; /* R's start and library(statcheck) */
    long sc_kb;                    /* statcheck's peak memory */
    char error[512];
} result;

static int setup(long mb, corpus *c, fc_lexicon **lx, result *res) {
    fc_diags *d = fc_diags_new();
    double t0 = bench_now();
    int rc;
    if (!d) return 1;
    if ((rc = corpus_make(mb, c)) != FC_OK) {
        snprintf(res->error, sizeof res->error, "generating the corpus: %s",
                 fc_status_str(rc));
        fc_diags_free(d);
        return 1;
    }
    if ((rc = fc_lexicon_load(lx, RULES_DIR, d)) != FC_OK) {
        char msg[400] = "";
        if (fc_diags_count(d))
            fc_diag_format(fc_diags_get(d, 0), msg, sizeof msg);
        snprintf(res->error, sizeof res->error,
                 "loading the lexicon of %s (run from the repository root): "
                 "%s: %s",
                 RULES_DIR, fc_status_str(rc), msg);
        corpus_free(c);
        fc_diags_free(d);
        return 1;
    }
    fc_diags_free(d);
    res->setup = bench_now() - t0;
    res->docs = (long long)c->ndocs;
    res->bytes = (long long)c->bytes;
    return 0;
}

static int count_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    long long *n = ctx;
    (void)loc;
    n[0]++;
    if (f->metric) n[1]++;
    return FC_OK;
}

static int measure_extract(long mb, result *res) {
    corpus c;
    fc_lexicon *lx = NULL;
    size_t i;
    double t0, c0;
    long long facts[2] = {0, 0};
    int rc = FC_OK;
    if (setup(mb, &c, &lx, res)) return 1;
    c0 = bench_cpu_now();
    t0 = bench_now();
    for (i = 0; i < c.ndocs && rc == FC_OK; i++)
        rc = fc_extract(lx, c.docs[i], count_fact, facts, NULL);
    res->seconds = bench_now() - t0;
    res->cpu = bench_cpu_now() - c0;
    res->count = facts[0];
    res->with_metric = facts[1];
    if (rc != FC_OK)
        snprintf(res->error, sizeof res->error, "fc_extract on %s: %s",
                 c.docs[i - 1]->id, fc_status_str(rc));
    fc_lexicon_free(lx);
    corpus_free(&c);
    return rc == FC_OK ? 0 : 1;
}

static int measure_raw(long mb, result *res) {
    corpus c;
    fc_lexicon *lx = NULL;
    pats ps;
    pcre2_match_data *md;
    size_t i, k, *figs = NULL, nfigs, capfigs = 0;
    double t0, c0;
    long long matches = 0, figures = 0;
    int failed = 0;

    if (setup(mb, &c, &lx, res)) return 1;
    md = pcre2_match_data_create(lx->max_groups + 1, NULL);
    if (!md || collect(lx, &ps) != FC_OK) {
        snprintf(res->error, sizeof res->error, "out of memory");
        return 1;
    }
    c0 = bench_cpu_now();
    t0 = bench_now();
    for (i = 0; i < c.ndocs && !failed; i++) {
        const char *s = c.docs[i]->text;
        size_t len = c.docs[i]->len;
        nfigs = 0;
        /* whole-document scans; the first pattern is the number pattern,
           whose match ends are the figures */
        for (k = 0; k < ps.n; k++) {
            const pat *p = &ps.items[k];
            size_t pos = 0;
            int rc = PCRE2_ERROR_NOMATCH;
            if (p->how != P_SCAN) continue;
            while (pos <= len && (rc = run_re(p, s, len, pos, md)) > 0) {
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
                matches++;
                if (k == 0) {
                    if (nfigs == capfigs) {
                        size_t ncap = capfigs ? capfigs * 2 : 1024;
                        size_t *q = realloc(figs, 2 * ncap * sizeof *q);
                        if (!q) {
                            failed = 1;
                            break;
                        }
                        figs = q;
                        capfigs = ncap;
                    }
                    figs[2 * nfigs] = ov[0];
                    figs[2 * nfigs + 1] = ov[1];
                    nfigs++;
                }
                pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
                while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
                    pos++;
            }
            if (!failed && rc < -1 && rc != PCRE2_ERROR_NOMATCH) {
                PCRE2_UCHAR msg[200];
                pcre2_get_error_message(rc, msg, sizeof msg);
                snprintf(res->error, sizeof res->error,
                         "pattern %zu on %s: %s", k, c.docs[i]->id,
                         (const char *)msg);
                failed = 1;
            }
        }
        figures += (long long)nfigs;
        /* at each figure: anchored patterns at its end, \z patterns over
           the window before it */
        for (k = 0; k < ps.n && !failed; k++) {
            const pat *p = &ps.items[k];
            size_t f;
            if (p->how == P_SCAN) continue;
            for (f = 0; f < nfigs; f++) {
                size_t start = figs[2 * f], end = figs[2 * f + 1], from;
                if (p->how == P_AT_END) {
                    if (run_re(p, s, len, end, md) > 0) matches++;
                    continue;
                }
                from = start > WINDOW ? start - WINDOW : 0;
                while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
                    from--;
                if (run_re(p, s, start, from, md) > 0) matches++;
            }
        }
    }
    res->seconds = bench_now() - t0;
    res->cpu = bench_cpu_now() - c0;
    res->count = matches;
    res->figures = figures;
    res->npats = ps.n;
    res->jit = ps.jit;
    res->datelines = ps.datelines;
    memcpy(res->by_how, ps.by_how, sizeof res->by_how);
    free(figs);
    free(ps.items);
    pcre2_match_data_free(md);
    fc_lexicon_free(lx);
    corpus_free(&c);
    return failed;
}

/* ---- statcheck, when it is installed --------------------------------------- */

/* Run argv with its output thrown away; its exit status (-1: it could not
** be run), its clock and CPU seconds (user and system, from wait4) and
** its peak resident memory. */
static int run_quiet(char *const argv[], double *seconds, double *cpu,
                     long *maxrss_kb) {
    struct rusage ru;
    int status = 0;
    double t0 = bench_now();
    pid_t pid;
    fflush(NULL);
    pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid) return -1;
    if (seconds) *seconds = bench_now() - t0;
    if (maxrss_kb) *maxrss_kb = ru.ru_maxrss;
    if (cpu)
        *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int statcheck_installed(void) {
    char *argv[] = {"Rscript", "-e", "library(statcheck)", NULL};
    return run_quiet(argv, NULL, NULL, NULL) == 0;
}

/* The first mb megabytes of the corpus written to a file, a document a
** line; fc_extract over them timed, then statcheck over the file. */
static int measure_statcheck(long mb, result *res) {
    corpus c;
    fc_lexicon *lx = NULL;
    const char *tmp = getenv("TMPDIR");
    char path[300], expr[400];
    char *load[] = {"Rscript", "-e", "library(statcheck)", NULL};
    char *run[] = {"Rscript", "-e", expr, NULL};
    long long facts[2] = {0, 0};
    double t0, c0;
    size_t i;
    FILE *fp;
    int fd, rc = FC_OK, bad = 0;

    if (setup(mb, &c, &lx, res)) return 1;
    snprintf(path, sizeof path, "%s/fc_bench_prose_XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if ((fd = mkstemp(path)) < 0 || !(fp = fdopen(fd, "wb"))) {
        snprintf(res->error, sizeof res->error, "the prose file: %s",
                 strerror(errno));
        fc_lexicon_free(lx);
        corpus_free(&c);
        return 1;
    }
    for (i = 0; i < c.ndocs; i++)
        if (fwrite(c.docs[i]->text, 1, c.docs[i]->len, fp) != c.docs[i]->len ||
            fputc('\n', fp) == EOF)
            bad = 1;
    if (fclose(fp) != 0 || bad) {
        snprintf(res->error, sizeof res->error, "writing %s", path);
        remove(path);
        fc_lexicon_free(lx);
        corpus_free(&c);
        return 1;
    }
    c0 = bench_cpu_now();
    t0 = bench_now();
    for (i = 0; i < c.ndocs && rc == FC_OK; i++)
        rc = fc_extract(lx, c.docs[i], count_fact, facts, NULL);
    res->seconds = bench_now() - t0;
    res->cpu = bench_cpu_now() - c0;
    res->count = facts[0];
    snprintf(expr, sizeof expr, "statcheck::statcheck(readLines('%s'))", path);
    if (rc != FC_OK)
        snprintf(res->error, sizeof res->error, "fc_extract: %s",
                 fc_status_str(rc));
    else if (run_quiet(load, &res->sc_start, &res->sc_start_cpu, NULL) != 0)
        snprintf(res->error, sizeof res->error,
                 "Rscript -e 'library(statcheck)' failed");
    else if (run_quiet(run, &res->sc_seconds, &res->sc_cpu, &res->sc_kb) != 0)
        snprintf(res->error, sizeof res->error, "Rscript -e \"%s\" failed",
                 expr);
    remove(path);
    fc_lexicon_free(lx);
    corpus_free(&c);
    return res->error[0] != '\0';
}

/* ---- driver ------------------------------------------------------------------------- */

enum { M_RAW, M_EXTRACT, M_STATCHECK };

typedef struct child_args {
    int m;
    long mb;
} child_args;

static int child_measure(void *p, void *res) {
    const child_args *a = p;
    return a->m == M_RAW       ? measure_raw(a->mb, res)
           : a->m == M_EXTRACT ? measure_extract(a->mb, res)
                               : measure_statcheck(a->mb, res);
}

static int run_child(int m, long mb, result *res, long *maxrss_kb) {
    child_args a;
    a.m = m;
    a.mb = mb;
    return bench_child(child_measure, &a, res, sizeof *res, res->error,
                       sizeof res->error, maxrss_kb);
}

/* The rows of the report: extraction's rate beside the raw scan's, and
** beside statcheck's on the same file when it is installed. */
static void report_rows(long mb, const double *crate,
                        const double *rate, long peak_kb) {
    const char *env = getenv("FC_BENCH_STATCHECK_MB");
    char what[96], fig[96], bl[128], target[64];
    long smb = STATCHECK_MB;
    result sc;
    long sc_kb = 0; /* the child's, not statcheck's */

    snprintf(what, sizeof what, "rate, %ld MB of prose", mb);
    snprintf(fig, sizeof fig, "%.2f MB/s CPU (%.2f clock)", crate[M_EXTRACT],
             rate[M_EXTRACT]);
    snprintf(bl, sizeof bl, "raw PCRE2-JIT scan %.2f MB/s CPU", crate[M_RAW]);
    snprintf(target, sizeof target, ">= %.0f MB/s CPU", REPORT_MBS);
    bench_row("extract", what, fig, bl,
              crate[M_RAW] > 0 ? crate[M_EXTRACT] / crate[M_RAW] : 0, peak_kb,
              target, crate[M_EXTRACT] >= REPORT_MBS ? BENCH_MET
                                                     : BENCH_NOT_MET);
    snprintf(target, sizeof target, ">= %.0fx statcheck", REPORT_STATCHECK);
    if (env && *env) {
        char *end;
        errno = 0;
        smb = strtol(env, &end, 10);
        if (errno || *end || smb < 1 || smb > 4000) {
            printf("  statcheck: bad FC_BENCH_STATCHECK_MB \"%s\"\n", env);
            smb = STATCHECK_MB;
        }
    }
    if (!statcheck_installed()) {
        printf("  statcheck: skipped (r-cran-statcheck not installed: "
               "Rscript -e 'library(statcheck)' failed)\n");
        bench_row("extract", "beside R's statcheck, same prose",
                  "statcheck: skipped (r-cran-statcheck not installed)", NULL,
                  0, 0, target, BENCH_NOT_MEASURED);
    } else if (run_child(M_STATCHECK, smb, &sc, &sc_kb) != 0) {
        printf("  statcheck: FAILED: %s\n",
               sc.error[0] ? sc.error : "(no message)");
        bench_row("extract", "beside R's statcheck, same prose",
                  "statcheck failed", NULL, 0, 0, target, BENCH_NOT_MEASURED);
    } else {
        double mbytes = (double)sc.bytes / 1e6;
        double own = sc.sc_cpu - sc.sc_start_cpu;
        double ex_rate = sc.cpu > 0 ? mbytes / sc.cpu : 0;
        double sc_rate = own > 0 ? mbytes / own : 0;
        double ratio = sc_rate > 0 ? ex_rate / sc_rate : 0;
        printf("  %-30s %7.2f s %7.2f MB/s (CPU %.2f s, less %.2f s of R's "
               "start and library(statcheck); %.1f MB file)\n",
               "R statcheck, same file", sc.sc_seconds, sc_rate, sc.sc_cpu,
               sc.sc_start_cpu, mbytes);
        printf("  %-30s %7.2f s %7.2f MB/s (CPU %.2f s, the same %.1f MB)\n",
               "factcheck extract, same file", sc.seconds, ex_rate, sc.cpu,
               mbytes);
        printf("  extract / statcheck (MB/s of CPU time): %.1f (target >= "
               "%.0f): %s; statcheck's peak %.1f MB\n",
               ratio, REPORT_STATCHECK,
               ratio >= REPORT_STATCHECK ? "met" : "NOT MET",
               (double)sc.sc_kb / 1024.0);
        snprintf(what, sizeof what, "beside R's statcheck, same %.1f MB",
                 mbytes);
        snprintf(fig, sizeof fig, "%.2f MB/s CPU", ex_rate);
        snprintf(bl, sizeof bl, "statcheck %.2f MB/s CPU", sc_rate);
        bench_row("extract", what, fig, bl, ratio, sc.sc_kb, target,
                  ratio >= REPORT_STATCHECK ? BENCH_MET : BENCH_NOT_MET);
    }
    bench_row("extract", "--jobs 2 speed-up on 2 cores",
              "not measured by this bench", NULL, 0, 0, "output identical, "
              "faster than 1 job", BENCH_NOT_MEASURED);
}

int main(void) {
    const char *env = getenv("FC_BENCH_MB");
    const char *strict = getenv("FC_BENCH_STRICT");
    static const char *const names[] = {"baseline: raw PCRE2-JIT scan",
                                        "factcheck extract"};
    result res[2];
    double rate[2] = {0, 0}, crate[2] = {0, 0};
    long mb = DEFAULT_MB, kb[2] = {0, 0};
    int m, failed = 0, busy = 0;

    if (env && *env) {
        char *end;
        errno = 0;
        mb = strtol(env, &end, 10);
        if (errno || *end || mb < 1 || mb > 4000) {
            fprintf(stderr, "bench_extract: bad FC_BENCH_MB \"%s\"\n", env);
            return 1;
        }
    }
    if (access(RULES_DIR "/lexicon/numbers.json", R_OK) != 0) {
        fprintf(stderr, "bench_extract: no %s/lexicon here; run from the "
                        "repository root\n", RULES_DIR);
        return 1;
    }
    for (m = M_RAW; m <= M_EXTRACT; m++) {
        if (run_child(m, mb, &res[m], &kb[m]) != 0) {
            printf("  %-30s FAILED: %s\n", names[m],
                   res[m].error[0] ? res[m].error : "(no message)");
            failed = 1;
            continue;
        }
        if (m == M_RAW) {
            const result *r = &res[M_RAW];
            printf("bench_extract: %lld documents, %.1f MB of generated text "
                   "(%.1f KB each, %zu sentence templates), PCRE2 %d.%02d, "
                   "JIT for %zu of %zu patterns\n",
                   r->docs, (double)r->bytes / 1e6,
                   (double)r->bytes / 1e3 / (double)(r->docs ? r->docs : 1),
                   NSENTENCES, PCRE2_MAJOR, PCRE2_MINOR, r->jit, r->npats);
            printf("  raw scan = the lexicon's %zu patterns with "
                   "pcre2_jit_match: %zu over whole documents (number, "
                   "scale, periods, status, metric phrases before, part "
                   "cues), %zu anchored ones at each figure's end, %zu \\z "
                   "ones over the %d bytes before it; not the %zu datelines "
                   "(documents are dated)\n",
                   r->npats, r->by_how[P_SCAN], r->by_how[P_AT_END],
                   r->by_how[P_BEFORE], WINDOW, r->datelines);
        }
        rate[m] = res[m].seconds > 0
                      ? (double)res[m].bytes / 1e6 / res[m].seconds
                      : 0;
        crate[m] = res[m].cpu > 0 ? (double)res[m].bytes / 1e6 / res[m].cpu
                                  : 0;
        printf("  %-30s %7.2f s %7.2f MB/s", names[m], res[m].seconds,
               rate[m]);
        if (m == M_RAW)
            printf(" %9lld matches (%lld figures)", res[m].count,
                   res[m].figures);
        else
            printf(" %9.0f facts/s (%lld facts, %.0f%% with a metric)",
                   res[m].seconds > 0 ? (double)res[m].count / res[m].seconds
                                      : 0,
                   res[m].count,
                   res[m].count ? 100.0 * (double)res[m].with_metric /
                                      (double)res[m].count
                                : 0);
        printf("  peak %6.1f MB\n", (double)kb[m] / 1024.0);
        printf("  %-30s (CPU %.2f s, %.2f MB/s; corpus and lexicon set up "
               "in %.2f s, not measured)\n",
               "", res[m].cpu, crate[m], res[m].setup);
        if (res[m].cpu > 0 && res[m].seconds > 1.2 * res[m].cpu)
            busy = 1;
    }
    if (failed) return 1;
    {
        /* judged on CPU time, which other work on the machine does not
           inflate; the clock's ratio beside it */
        double ratio = crate[M_RAW] > 0 ? crate[M_EXTRACT] / crate[M_RAW] : 0;
        double wall = rate[M_RAW] > 0 ? rate[M_EXTRACT] / rate[M_RAW] : 0;
        int met = ratio >= TARGET_RATIO;
        if (busy)
            printf("  note: the machine was busy (clock time well above CPU "
                   "time); the CPU-time figures are the ones to trust\n");
        printf("  extract / raw scan (MB/s of CPU time): %.2f, by the clock "
               "%.2f (target >= %.2f): %s\n",
               ratio, wall, TARGET_RATIO, met ? "met" : "NOT MET");
        report_rows(mb, crate, rate, kb[M_EXTRACT]);
        if (!met && strict && strcmp(strict, "1") == 0) return 1;
    }
    return 0;
}
