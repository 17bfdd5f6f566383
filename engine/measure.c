/*
** measure.c -- the measured noun phrase of a figure, its key, its role
** cues and its comparison base (see measure.h).
**
** A phrase is read as words: runs of letters, digits, "-", "'" and "’".
** Each word is looked up in small sorted lists of general English: words
** that end a noun phrase (prepositions, conjunctions, auxiliaries, verbs
** of reporting and change, time words) and words that are dropped from a
** key (determiners, scale words).
*/
#include "measure.h"
#include "internal.h"

#include <ctype.h>
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX 48
#define PHRASE_WORDS 6

/* ---- word classes -------------------------------------------------------- */

/* Words that are not part of a noun phrase: a phrase ends before them.
** Sorted (strcmp order) for bsearch. */
static const char *const breakers[] = {
    "a", "about", "above", "accelerated", "according", "accounted",
    "accounting", "accounts", "across", "add", "added", "adding", "adds",
    "after", "against", "ago", "almost", "along", "also", "am", "among",
    "amounted", "amounting", "amounts", "an", "and", "approximately", "apr",
    "april", "are", "around", "as", "at", "aug", "august", "averaged",
    "averaging", "be", "became", "because", "been", "before", "being",
    "below", "between", "beyond", "both", "bought", "bring", "bringing",
    "brings", "brought", "build", "building", "builds", "built", "but", "by",
    "came", "can", "cent", "climbed", "compared", "consecutive", "continued",
    "contributing", "could", "created", "currently", "dec", "december",
    "declined", "decreased", "did", "dipped", "do", "does", "doubled", "down",
    "downward", "downwards", "dropped", "during", "each", "earlier", "eased", "edged",
    "either", "end", "equivalent", "estimated", "even", "exceed", "exceeded",
    "exceeding", "exceeds", "expected", "expects", "fall", "falls", "feb",
    "february", "fell", "for", "found", "friday", "from", "gained", "gave",
    "given", "got", "grew", "grow", "growing", "grown", "grows", "had", "has",
    "have", "having", "he", "held", "her", "here", "his", "hit", "hits", "if",
    "in", "including", "increase", "increased", "increases", "increasing",
    "into", "is", "it", "its", "jan", "january", "jul", "july", "jumped",
    "jumps", "jun", "june", "just", "kept", "last", "later", "less", "like", "little",
    "logged", "lost", "made", "maintained", "mar", "march", "marked", "may",
    "might", "monday", "month", "month-on-month", "months", "more", "most",
    "much", "nearly", "next", "nor", "not", "nov", "november", "now", "oct",
    "october", "of", "on", "only", "onto", "or", "over", "paid", "pct", "per",
    "percent", "percentage", "plan", "planned", "plans", "plunged", "point",
    "points", "posted", "present", "produced", "put", "quarter", "quarters", "ranked",
    "ranking", "ranks", "reach", "reached", "reaches", "reaching",
    "rebounded", "recorded", "registered", "remain", "remained", "remains",
    "reported", "respectively", "revised", "rise", "risen", "rises", "rising",
    "rose", "roughly", "said", "same", "saturday", "saw", "says", "sent",
    "sep", "sept", "september", "set", "shall", "she", "shipped", "should",
    "show", "showed", "shows", "shrank", "since", "sits", "slipped", "slowed",
    "so", "soared", "sold", "some", "spent", "stands", "stayed", "stood",
    "straight", "successive", "sunday", "surged", "surges", "surpassed",
    "taken", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "throughout", "thursday", "ticked",
    "to", "today", "took", "topped", "tops", "total", "totaled", "totaling",
    "totalled", "totalling", "totals", "toward", "towards", "tripled",
    "tuesday", "unchanged", "under", "until", "up", "upon", "upward",
    "upwards", "versus", "via", "was", "we", "wednesday", "week", "weeks",
    "went", "were", "what", "when", "where", "whereas", "which", "while",
    "who", "whose", "will", "with", "within", "without", "won", "would",
    "year", "year-on-year", "year-over-year", "years", "yoy",
};

/* Words dropped from a key (besides numbers and breakers). */
static const char *const dropped[] = {
    "a", "all", "an", "another", "any", "billion", "bn", "each", "every",
    "hundred", "initial", "its", "latest", "m", "million", "mln", "our",
    "preliminary", "provisional", "such", "the", "their", "thousand", "tn",
    "trillion",
};

/* Scale words: part of a figure, never of a phrase. */
static const char *const scales[] = {
    "billion", "bn", "hundred", "m", "million", "mln", "thousand", "tn",
    "trillion",
};

/* Words before "of" that name no measured thing: "a total of 30",
** "the number of users" (then the phrase after "of" counts). */
static const char *const containers[] = {
    "amount", "average", "count", "figure", "level", "number", "sum", "tally", "total",
    "volume",
};

/* Verbs that report what another clause says: "officials said", "the
** survey found".  Sorted. */
static const char *const reporting[] = {
    "announced", "estimated", "found", "noted", "reported", "said", "says",
    "showed", "shows", "stated"};

/* Verbs by which someone sets the value of a thing: "the bureau revised
** its estimate to ...", "analysts put growth at ...".  Sorted. */
static const char *const acting[] = {
    "cut", "lifted", "lowered", "pegged", "put", "raised", "revised",
    "trimmed"};

/* Change words: a figure after "<word> of" or "<word> by" is a change. */
static const char *const change_words[] = {
    "addition", "additions", "change", "decline", "declines", "decrease",
    "decreases", "down", "drop", "drops", "fall", "falls", "gain", "gains",
    "growth", "increase", "increased", "increases", "jump", "jumps", "loss",
    "plus", "reduction", "reductions", "rise", "rises", "rose", "up",
};

static int in_sorted(const char *const *list, size_t n, const char *w) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w, list[mid]);
        if (c == 0) return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

#define IN(list, w) in_sorted(list, sizeof list / sizeof list[0], w)

/* ---- words ----------------------------------------------------------------- */

typedef struct word {
    size_t s, e;              /* bytes in the text */
    char low[WORD_MAX];       /* lower case, possessive "'s" removed */
    int cap;                  /* starts with a capital letter */
    int number;               /* starts with a digit and holds no letter
                                 after it, or is a number word */
    int poss;                 /* a possessive ("China's"), "'s" removed */
    int pw;                   /* may be part of a noun phrase: 1, 0, or -1
                                 not yet known (phrase_word) */
} word;

static int word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '\'' || c >= 0x80;
}

static int phrase_word_of(const struct word *w);

/* The word at or after t[*i] within limit; 0 at a non-word byte other
** than a space (punctuation ends a phrase) or at the limit. */
static int next_word(const char *t, size_t *i, size_t limit, word *w) {
    size_t p = *i, k, o = 0;
    while (p < limit && (t[p] == ' ' || t[p] == '\t')) p++;
    if (p >= limit || !word_byte((unsigned char)t[p])) {
        *i = p;
        return 0;
    }
    /* a curly quote is punctuation unless it is an apostrophe inside a
       word */
    w->s = p;
    while (p < limit && word_byte((unsigned char)t[p])) {
        if ((unsigned char)t[p] >= 0x80) {
            /* ’ (E2 80 99) inside a word is an apostrophe; any other
               non-ASCII byte sequence ends the word unless it is a letter
               (kept as is) */
            if (p + 2 < limit && (unsigned char)t[p] == 0xE2 &&
                (unsigned char)t[p + 1] == 0x80 &&
                ((unsigned char)t[p + 2] & 0xF0) == 0x90) {
                unsigned char c3 = (unsigned char)t[p + 2];
                if ((c3 != 0x99 && c3 != 0x90 && c3 != 0x91) || p == w->s ||
                    p + 3 >= limit || !word_byte((unsigned char)t[p + 3]))
                    break;
            }
        }
        p++;
    }
    w->e = p;
    /* trailing hyphens and apostrophes are not part of the word */
    while (w->e > w->s && (t[w->e - 1] == '-' || t[w->e - 1] == '\''))
        w->e--;
    if (w->e == w->s) {
        *i = p;
        return 0;
    }
    for (k = w->s; k < w->e && o + 1 < sizeof w->low; k++) {
        unsigned char c = (unsigned char)t[k];
        w->low[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w->low[o] = '\0';
    /* possessive: "china's", "china’s" */
    w->poss = 0;
    if (o > 2 && w->low[o - 2] == '\'' && w->low[o - 1] == 's') {
        w->low[o - 2] = '\0';
        w->poss = 1;
    } else if (o > 4 && !strcmp(w->low + o - 4, "\xE2\x80\x99s")) {
        w->low[o - 4] = '\0';
        w->poss = 1;
    }
    w->cap = t[w->s] >= 'A' && t[w->s] <= 'Z';
    w->number = 0;
    if (t[w->s] >= '0' && t[w->s] <= '9') {
        size_t d = w->s;
        w->number = 1;
        while (d < w->e && t[d] >= '0' && t[d] <= '9') d++;
        for (k = w->s; k < w->e; k++)
            if ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z'))
                w->number = 0; /* "5G" is a name, not a number */
        /* a possessive of a number is one: "2023's total" */
        if (w->poss && w->low[d - w->s] == '\0') w->number = 1;
        /* but an ordinal is: "25th", "3rd" */
        if (!w->number && w->e - d == 2 &&
            (!strncmp(w->low + (d - w->s), "st", 2) ||
             !strncmp(w->low + (d - w->s), "nd", 2) ||
             !strncmp(w->low + (d - w->s), "rd", 2) ||
             !strncmp(w->low + (d - w->s), "th", 2)))
            w->number = 1;
    }
    w->pw = -1; /* worked out when first asked (phrase_word) */
    *i = p;
    return 1;
}

/* Split t[from, to) into words; punctuation other than "-" and quotes
** becomes a break (a word with s == e).  Returns the count (at most max). */
static size_t words_of(const char *t, size_t from, size_t to, word *ws,
                       size_t max) {
    size_t i = from, n = 0;
    while (i < to && n < max) {
        word w;
        if (next_word(t, &i, to, &w)) {
            ws[n++] = w;
            continue;
        }
        if (i >= to) break;
        /* a break */
        ws[n].s = ws[n].e = i;
        ws[n].low[0] = '\0';
        ws[n].cap = ws[n].number = ws[n].poss = ws[n].pw = 0;
        n++;
        i++;
        while (i < to && ((unsigned char)t[i] & 0xC0) == 0x80) i++;
    }
    return n;
}

/* Whether t[i, to) holds only spaces. */
static int blank_from(const char *t, size_t i, size_t to) {
    while (i < to && isspace((unsigned char)t[i])) i++;
    return i >= to;
}

/* The words of the last `back` bytes before t[at], no earlier than from,
** from a word boundary on (a word cut by the window is left out): the
** last max of them. */
static size_t words_before(const char *t, size_t from, size_t at, size_t back,
                           word *ws, size_t max) {
    size_t start = at > back ? at - back : 0, n;
    if (start < from) start = from;
    while (start > from && start < at && word_byte((unsigned char)t[start - 1]))
        start++;
    n = words_of(t, start, at, ws, max);
    /* more than max: start again one word later until they fit */
    while (n == max && max > 1) {
        const word *last = &ws[n - 1];
        if (blank_from(t, last->e > last->s ? last->e : last->s + 1, at))
            break;
        n = words_of(t, ws[1].s, at, ws, max);
    }
    return n;
}

static int is_break(const word *w) { return w->s == w->e; }

/* A word that may be part of a measured noun phrase: worked out once,
** the first time it is asked. */
static int phrase_word(const word *w) {
    if (w->pw < 0) ((word *)w)->pw = phrase_word_of(w);
    return w->pw;
}

static int phrase_word_of(const word *w) {
    if (is_break(w) || w->number) return 0;
    if (IN(breakers, w->low) || IN(scales, w->low)) return 0;
    /* adverbs of manner and degree end a phrase too ("roughly",
       "marginally") */
    {
        size_t n = strlen(w->low);
        if (n > 4 && !strcmp(w->low + n - 2, "ly") &&
            strcmp(w->low, "monthly") && strcmp(w->low, "quarterly") &&
            strcmp(w->low, "yearly") && strcmp(w->low, "daily") &&
            strcmp(w->low, "weekly") && strcmp(w->low, "family") &&
            strcmp(w->low, "supply") && strcmp(w->low, "assembly"))
            return 0;
    }
    return 1;
}

/* Whether ws[i], a phrase word after another, reads as the verb of its
** clause: a word in "-ed" that no noun follows ("the rate edged up",
** "payrolls expanded by"), where an adjective would stand before one
** ("designated size"). */
static int verb_like(const word *ws, size_t i, size_t nw) {
    size_t n = strlen(ws[i].low);
    if (i == 0 || !phrase_word(&ws[i - 1])) return 0;
    if (n < 5 || strcmp(ws[i].low + n - 2, "ed") != 0) return 0;
    if (strchr(ws[i].low, '-')) return 0; /* "value-added" */
    if (i + 1 < nw) {
        /* a verb follows: "value added accounted for", "the amount
           invested was" */
        static const char *const verbs[] = {
            "are", "fell", "grew", "had", "has", "have", "hit", "is",
            "reached", "remained", "rose", "stood", "was", "were", "will",
            "would"};
        const char *nx = ws[i + 1].low;
        size_t k = strlen(nx);
        if ((k > 4 && !strcmp(nx + k - 2, "ed")) || in_sorted(verbs,
            sizeof verbs / sizeof verbs[0], nx))
            return 0;
    }
    return i + 1 >= nw || !phrase_word(&ws[i + 1]);
}

/* ---- the key --------------------------------------------------------------- */

struct sb_stemmer *fc_stemmer_new(void) {
    return sb_stemmer_new("english", NULL);
}

void fc_stemmer_free(struct sb_stemmer *st) {
    if (st) sb_stemmer_delete(st);
}

/* Whether w starts with a year and a hyphen ("2024-total"). */
static int dated_word(const char *w) {
    return (w[0] == '1' || w[0] == '2') && isdigit((unsigned char)w[1]) &&
           isdigit((unsigned char)w[2]) && isdigit((unsigned char)w[3]) &&
           w[4] == '-';
}

size_t fc_phrase_key(struct sb_stemmer *st, const char *t, size_t n,
                     char *out, size_t size) {
    /* words that name no thing beside another word: "unemployed people"
       and "unemployed persons" are the unemployed */
    static const char *const weak[] = {"individuals", "people", "persons"};
    /* nouns that name a reading of the thing before them, last in a
       phrase: "employment figures" are employment, "sales data" sales */
    static const char *const readings[] = {
        "data", "estimate", "estimates", "figure", "figures", "number",
        "numbers", "reading", "readings", "statistics"};
    word ws[32];
    size_t nw = words_of(t, 0, n, ws, 32), i, o = 0, strong = 0;
    if (size == 0) return 0;
    out[0] = '\0';
    for (i = 0; i < nw; i++)
        if (!is_break(&ws[i]) && !ws[i].number && ws[i].low[0] &&
            !IN(dropped, ws[i].low) && !IN(breakers, ws[i].low) &&
            !ws[i].poss && !IN(weak, ws[i].low))
            strong++;
    for (i = 0; i < nw; i++) {
        const word *w = &ws[i];
        const sb_symbol *stem;
        size_t len, k;
        char buf[WORD_MAX];
        if (is_break(w) || w->number || !w->low[0]) continue;
        if (IN(dropped, w->low) || IN(breakers, w->low)) continue;
        /* a year glued on by a hyphen, as a dateline's ("2024-Total") */
        if (dated_word(w->low)) continue;
        /* whose it is does not change what it is: "China's ports" and
           "the country's ports" are ports */
        if (w->poss) continue;
        if (strong && IN(weak, w->low)) continue;
        if (strong > 1 && i + 1 == nw && IN(readings, w->low)) continue;
        /* hyphens join: "year-on-year" -> "yearonyear" is not wanted;
           keep letters and digits only */
        for (k = 0, len = 0; w->low[k] && len + 1 < sizeof buf; k++) {
            unsigned char c = (unsigned char)w->low[k];
            /* hyphens and apostrophes written as U+2010..U+2019 */
            if (c == 0xE2 && (unsigned char)w->low[k + 1] == 0x80 &&
                ((unsigned char)w->low[k + 2] & 0xF0) == 0x90) {
                k += 2;
                continue;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
                buf[len++] = (char)c;
        }
        buf[len] = '\0';
        if (!len) continue;
        if (st) {
            stem = sb_stemmer_stem(st, (const sb_symbol *)buf, (int)len);
            if (stem) {
                len = (size_t)sb_stemmer_length(st);
                if (len >= sizeof buf) len = sizeof buf - 1;
                memcpy(buf, stem, len);
                buf[len] = '\0';
            }
        }
        if (o + (o ? 1 : 0) + len + 1 > size) return 0;
        if (o) out[o++] = '_';
        memcpy(out + o, buf, len);
        o += len;
        out[o] = '\0';
    }
    return o;
}

/* ---- the measured phrase ------------------------------------------------ */

/* Participles that end a phrase as verbs ("growth registered 5%") but
** stand before a noun as adjectives right after a figure ("80,000
** registered cooperatives", "60 reported cases"). */
static int adjectival(const char *w) {
    static const char *const words[] = {
        "added", "built", "created", "estimated", "expected", "lost",
        "paid", "planned", "produced", "recorded", "registered",
        "reported", "shipped", "sold"};
    return in_sorted(words, sizeof words / sizeof words[0], w);
}

static int measured_after(const char *t, size_t at, size_t limit, size_t *s,
                          size_t *e, int names);

int fc_measured_after(const char *t, size_t at, size_t limit, size_t *s,
                      size_t *e) {
    return measured_after(t, at, limit, s, e, 0);
}

int fc_noun_phrase_at(const char *t, size_t at, size_t limit, size_t *s,
                      size_t *e) {
    return measured_after(t, at, limit, s, e, 1);
}

static int measured_after(const char *t, size_t at, size_t limit, size_t *s,
                          size_t *e, int names) {
    word ws[PHRASE_WORDS + 2];
    size_t nw, i, last = 0, have = 0;
    /* "5G base stations", not ", and" */
    nw = words_of(t, at, limit, ws, PHRASE_WORDS + 2);
    for (i = 0; i < nw && i < PHRASE_WORDS; i++) {
        if (have && i + 1 < nw && (!strcmp(ws[i].low, "with") ||
                                   !strcmp(ws[i].low, "of")) &&
            phrase_word(&ws[i + 1]) && !ws[i + 1].cap &&
            !verb_like(ws, i + 1, nw))
            continue; /* "ports with gigabit capability" */
        if (i == 0 && i + 1 < nw && adjectival(ws[0].low) &&
            phrase_word(&ws[1]) && !verb_like(ws, 1, nw))
            continue; /* "80,000 registered cooperatives" */
        if (!phrase_word(&ws[i]) || verb_like(ws, i, nw)) break;
        if (!names && ws[i].cap && i == 0 && i + 1 < nw &&
            !phrase_word(&ws[i + 1]))
            break; /* "in 2023 China ..." reads no further */
        last = i;
        have = 1;
    }
    if (!have) return 0;
    *s = ws[0].s;
    *e = ws[last].e;
    return 1;
}

/* A run of phrase words [a, b] in ws.  Capitalised runs are names unless
** the capital is only the sentence's first letter. */
typedef struct prun {
    size_t a, b;
} prun;

static int run_is_name(const word *ws, prun r, size_t first_index) {
    size_t i, n;
    for (i = r.a; i <= r.b; i++)
        if (!ws[i].cap) return 0;
    /* a plural noun that opens its clause is no name: "Berths rose",
       "Exports fell" (but "China produced") */
    n = strlen(ws[r.a].low);
    if (r.a == first_index && r.a == r.b && n > 3 && ws[r.a].low[n - 1] == 's' &&
        ws[r.a].low[n - 2] != 's')
        return 0;
    return 1;
}

int fc_measured_before(const char *t, size_t from, size_t fig, size_t *s,
                       size_t *e) {
    word ws[64];
    prun runs[32];
    size_t nw, nr = 0, i, pick, start_run;
    int found = 0;

    if (fig <= from) return 0;
    /* at most the last 64 words */
    nw = words_of(t, from, fig, ws, 64);
    if (nw == 64) {
        size_t start = fig > 400 ? fig - 400 : from;
        if (start < from) start = from;
        nw = words_of(t, start, fig, ws, 64);
    }
    /* runs of phrase words, possessive names dropped from their front
       ("China's 5G base stations") */
    for (i = 0; i < nw && nr < 32;) {
        size_t a, b;
        if (!phrase_word(&ws[i])) {
            i++;
            continue;
        }
        a = i++;
        while (i < nw && phrase_word(&ws[i]) && !verb_like(ws, i, nw)) i++;
        b = i - 1;
        if (i < nw && phrase_word(&ws[i])) i++; /* the verb */
        while (a < b && ws[a].cap && t[ws[a].e - 1] == 's' &&
               (t[ws[a].e - 2] == '\'' || t[ws[a].e - 2] == '\x99'))
            a++;
        /* a leading capital that is the clause's first word is no name:
           "Total nonfarm payroll employment", "Automobile exports" */
        runs[nr].a = a;
        runs[nr].b = b;
        nr++;
    }
    if (!nr) return 0;

    /* "X of <figure>": the run that ends right before "of" */
    if (nw >= 2 && !strcmp(ws[nw - 1].low, "of") &&
        phrase_word(&ws[nw - 2])) {
        prun r = runs[nr - 1];
        if (r.b == nw - 2) {
            if (!IN(containers, ws[r.b].low) && !IN(change_words, ws[r.b].low)) {
                *s = ws[r.a].s;
                *e = ws[r.b].e;
                return 1;
            }
            if (IN(change_words, ws[r.b].low)) return 0; /* a change of
                                                             something said
                                                             before */
        }
    }
    /* the subject: the first run (not a name) followed by a verb-like
       breaker; "the number of X" gives X.  In reported speech the
       figure's clause starts after the reporting verb ("the survey found
       that ferry traffic rose by 350": traffic, not the survey) */
    {
        size_t cut = 0, k;
        for (k = 0; k + 1 < nw; k++)
            if (IN(reporting, ws[k].low) || !strcmp(ws[k].low, "that"))
                cut = k + 1;
        for (k = 0; cut && k < nr; k++)
            if (runs[k].a >= cut) break;
        start_run = cut && k < nr ? k : 0;
    }
    for (i = start_run; i < nr && !found; i++) {
        prun r = runs[i];
        size_t after = r.b + 1;
        if (run_is_name(ws, r, 0) && !(r.a == 0 && r.b > r.a)) continue;
        if (IN(containers, ws[r.b].low) && after < nw &&
            !strcmp(ws[after].low, "of"))
            continue; /* the run after "of" is the thing */
        if (after < nw && !is_break(&ws[after]) &&
            strcmp(ws[after].low, "of") != 0 &&
            strcmp(ws[after].low, "and") != 0 &&
            strcmp(ws[after].low, "in") != 0 &&
            strcmp(ws[after].low, "for") != 0) {
            pick = i;
            found = 1;
        }
    }
    /* "the bureau revised December's gains to 333,000", "analysts put
       growth at 3 percent": the subject acts on the thing measured, the
       object that "to", "at" or "by" joins to the figure */
    if (found && nw >= 2 && runs[nr - 1].b == nw - 2 && pick + 1 == nr - 1 &&
        (!strcmp(ws[nw - 1].low, "to") || !strcmp(ws[nw - 1].low, "at") ||
         !strcmp(ws[nw - 1].low, "by"))) {
        static const char *const determiners[] = {
            "a", "an", "her", "his", "its", "our", "the", "their", "this"};
        static const char *const adverbs[] = {"again", "also", "later",
                                              "since", "then"};
        size_t k = runs[pick].b + 1, n;
        /* "the agency later revised", "the bureau also sharply cut" */
        while (k < nw && (IN(adverbs, ws[k].low) ||
                          ((n = strlen(ws[k].low)) > 4 &&
                           !strcmp(ws[k].low + n - 2, "ly"))))
            k++;
        if (k < nw && IN(acting, ws[k].low)) k++;
        else k = nw;
        while (k < runs[nr - 1].a &&
               (IN(determiners, ws[k].low) || ws[k].poss))
            k++;
        if (k == runs[nr - 1].a) pick = nr - 1;
    }
    if (!found) {
        /* the nearest run before the figure that is not a name */
        for (i = nr; i-- > 0;) {
            if (run_is_name(ws, runs[i], 0)) continue;
            if (IN(containers, ws[runs[i].b].low) && runs[i].a == runs[i].b)
                continue;
            pick = i;
            found = 1;
            break;
        }
    }
    if (!found) return 0;
    *s = ws[runs[pick].a].s;
    *e = ws[runs[pick].b].e;
    return 1;
}

/* A comma between digits ("290,000") groups a number; it ends no
** clause. */
static int digit_comma(const char *t, size_t i, size_t from) {
    return t[i] == ',' && i > from && isdigit((unsigned char)t[i - 1]) &&
           isdigit((unsigned char)t[i + 1]);
}

size_t fc_clause_start(const char *t, size_t from, size_t fig) {
    size_t i = fig;
    while (i > from) {
        char c = t[i - 1];
        if (c == ';' || c == ':' || c == '(' ||
            (c == ',' && !digit_comma(t, i - 1, from)))
            return i;
        i--;
    }
    return from;
}

/* ---- role and base cues ---------------------------------------------------- */

int fc_change_cue_before(const char *t, size_t from, size_t fig) {
    word ws[16];
    size_t nw = words_before(t, from, fig, 60, ws, 16);
    if (fig > from && t[fig - 1] == '+') return 1;
    /* "rose by an average of 900": the average is of the change */
    if (nw >= 3 && !strcmp(ws[nw - 1].low, "of") &&
        !strcmp(ws[nw - 2].low, "average")) {
        nw -= 2;
        if (!strcmp(ws[nw - 1].low, "a") || !strcmp(ws[nw - 1].low, "an"))
            nw--;
    }
    if (!nw) return 0;
    {
        const word *l = &ws[nw - 1];
        const word *p = nw >= 2 ? &ws[nw - 2] : NULL;
        /* "up 32,000", "down 26,000", "added 275,000" */
        /* "made up 29%", "takes up a third" are shares, not rises */
        if (!strcmp(l->low, "up") && p &&
            (!strncmp(p->low, "mak", 3) || !strcmp(p->low, "made") ||
             !strncmp(p->low, "tak", 3) || !strcmp(p->low, "took") ||
             !strcmp(p->low, "taken")))
            return 0;
        if (!strcmp(l->low, "up") || !strcmp(l->low, "down") ||
            !strcmp(l->low, "added") || !strcmp(l->low, "adding") ||
            !strcmp(l->low, "add") || !strcmp(l->low, "gained") ||
            !strcmp(l->low, "lost") || !strcmp(l->low, "shed"))
            return 1;
        /* "increased by", "revised up by", "rose by" */
        if (!strcmp(l->low, "by") && p && !is_break(p) &&
            strcmp(p->low, "end") != 0)
            return 1;
        /* "an increase of", "a net gain of", "a decline of" */
        if (!strcmp(l->low, "of") && p && IN(change_words, p->low)) return 1;
    }
    return 0;
}

int fc_streak_cue_after(const char *t, size_t at, size_t limit) {
    static const char *const cues[] = {"consecutive", "running", "straight",
                                       "successive"};
    static const char *const spans[] = {"month", "months", "quarter",
                                        "quarters", "week", "weeks", "year",
                                        "years"};
    word ws[5];
    size_t nw = words_of(t, at, limit, ws, 5);
    /* "14 consecutive years", "third straight month" */
    if (nw >= 1 && IN(cues, ws[0].low)) return 1;
    /* "the third month in a row", "13 years in a row" */
    if (nw >= 4 && IN(spans, ws[0].low) && !strcmp(ws[1].low, "in") &&
        !strcmp(ws[2].low, "a") && !strcmp(ws[3].low, "row"))
        return 1;
    return 0;
}

static int has_at(const char *t, size_t i, size_t to, const char *s) {
    size_t n = strlen(s), k;
    if (i + n > to) return 0;
    for (k = 0; k < n; k++) {
        char c = t[i + k];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != s[k]) return 0;
    }
    /* a whole word */
    if (i + n < to && ((t[i + n] >= 'a' && t[i + n] <= 'z'))) return 0;
    if (i > 0 && t[i - 1] >= 'a' && t[i - 1] <= 'z') return 0;
    return 1;
}

int fc_base_cue(const char *t, size_t from, size_t to) {
    static const char *const year[] = {
        "year on year", "year-on-year", "y/y", "yoy", "from a year earlier",
        "from a year ago", "over the previous year", "over last year",
        "compared to the same period last year",
        "compared with the same period last year",
        "over the same period last year", "the year before", NULL};
    static const char *const month[] = {"month on month", "month-on-month",
                                        "m/m", "from the previous month",
                                        "from a month earlier", NULL};
    size_t i, k;
    for (i = from; i < to; i++) {
        char c = t[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        /* each cue starts a word with one of these letters */
        if (!strchr("cfmoty", c) || !c ||
            (i > from && ((t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
                          (t[i - 1] >= 'A' && t[i - 1] <= 'Z'))))
            continue;
        for (k = 0; year[k]; k++)
            if (year[k][0] == c && has_at(t, i, to, year[k])) return BASE_YEAR;
        for (k = 0; month[k]; k++)
            if (month[k][0] == c && has_at(t, i, to, month[k]))
                return BASE_MONTH;
    }
    return BASE_NONE;
}

int fc_base_marker_before(const char *t, size_t from, size_t at) {
    static const char *const markers[] = {
        "from", "over", "compared with", "compared to", "than", "against",
        "versus", "on", "from that at", "from that of", "from those of",
        "that of", NULL};
    word ws[8];
    size_t nw = words_before(t, from, at, 40, ws, 8), k;
    /* the marker is the last word, or the last word before "the" */
    while (nw && (!strcmp(ws[nw - 1].low, "the") ||
                  !strcmp(ws[nw - 1].low, "end") ||
                  !strcmp(ws[nw - 1].low, "at") ||
                  !strcmp(ws[nw - 1].low, "of") ||
                  !strcmp(ws[nw - 1].low, "that") ||
                  !strcmp(ws[nw - 1].low, "in")))
        nw--;
    if (!nw) return 0;
    for (k = 0; markers[k]; k++) {
        const char *m = markers[k];
        const char *sp = strchr(m, ' ');
        if (!sp && !strcmp(ws[nw - 1].low, m)) return 1;
        if (sp && nw >= 2 && !strcmp(ws[nw - 1].low, sp + 1) &&
            !strncmp(ws[nw - 2].low, m, (size_t)(sp - m)) &&
            strlen(ws[nw - 2].low) == (size_t)(sp - m))
            return 1;
    }
    return 0;
}

int fc_opens_clause(const char *t, size_t from, size_t at) {
    static const char *const openers[] = {"and", "but", "when", "whereas",
                                          "while"};
    word ws[4];
    size_t nw = words_before(t, from, at, 24, ws, 4);
    if (!nw || is_break(&ws[nw - 1])) return 1;
    return IN(openers, ws[nw - 1].low);
}

/* ---- populations ------------------------------------------------------------ */

int fc_paren_population(const char *t, size_t from, size_t fig, size_t *s,
                        size_t *e) {
    word ws[32];
    size_t p = fig, nw, a;
    while (p > from && t[p - 1] == ' ') p--;
    if (p == from || t[p - 1] != '(') return 0;
    p--;
    while (p > from && t[p - 1] == ' ') p--;
    /* the words right before the parenthesis, back to a break */
    nw = words_before(t, from, p, 80, ws, 32);
    if (!nw) return 0;
    a = nw;
    while (a > 0 && nw - a < PHRASE_WORDS && !is_break(&ws[a - 1]) &&
           !ws[a - 1].number && !IN(breakers, ws[a - 1].low))
        a--;
    if (a == nw) return 0;
    *s = ws[a].s;
    *e = ws[nw - 1].e;
    return 1;
}

size_t fc_population_text(const char *t, size_t n, char *out, size_t size) {
    word ws[16];
    size_t nw = words_of(t, 0, n, ws, 16), i, o = 0;
    if (!size) return 0;
    out[0] = '\0';
    for (i = 0; i < nw; i++) {
        const char *w = ws[i].low;
        size_t k, len = 0;
        if (is_break(&ws[i]) || !w[0] || IN(dropped, w)) continue;
        if (o && o + 1 < size) out[o++] = '_';
        for (k = 0; w[k] && o + 1 < size; k++, len++) {
            unsigned char c = (unsigned char)w[k];
            out[o++] = (char)((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                      c >= 0x80
                                  ? c
                                  : '_');
        }
    }
    out[o] = '\0';
    return o;
}

int fc_phrase_is_share(const char *t, size_t s, size_t e) {
    word ws[PHRASE_WORDS + 1];
    size_t nw;
    if (e <= s) return 0;
    nw = words_of(t, s, e, ws, PHRASE_WORDS + 1);
    return nw && (!strcmp(ws[nw - 1].low, "share") ||
                  !strcmp(ws[nw - 1].low, "shares") ||
                  !strcmp(ws[nw - 1].low, "proportion") ||
                  !strcmp(ws[nw - 1].low, "percentage"));
}

/* ---- "the number of", subjects and anaphors --------------------------------- */

int fc_number_of(const char *t, size_t from, size_t fig, size_t *s,
                 size_t *e) {
    word ws[64];
    size_t nw, i, found = 0;
    if (fig <= from) return 0;
    nw = words_before(t, from, fig, 400, ws, 64);
    for (i = 0; i + 2 < nw; i++) {
        size_t a, b;
        if (strcmp(ws[i + 1].low, "of") != 0 || !IN(containers, ws[i].low) ||
            !strcmp(ws[i].low, "average"))
            continue;
        a = i + 2;
        b = a;
        while (b < nw && phrase_word(&ws[b]) && !verb_like(ws, b, nw)) b++;
        /* "the number of the country's users": the name goes */
        while (a + 1 < b && ws[a].cap && t[ws[a].e - 1] == 's' &&
               (t[ws[a].e - 2] == '\'' || t[ws[a].e - 2] == '\x99'))
            a++;
        if (b > a) {
            *s = ws[a].s;
            *e = ws[b - 1].e;
            found = 1;
        }
    }
    return (int)found;
}

int fc_measured_subject(const char *t, size_t from, size_t fig, size_t *s,
                        size_t *e) {
    word ws[64];
    size_t nw, i;
    if (fig <= from) return 0;
    nw = words_of(t, from, fig, ws, 64);
    for (i = 0; i < nw;) {
        size_t a = i, b;
        prun r;
        if (!phrase_word(&ws[i])) {
            i++;
            continue;
        }
        i++;
        while (i < nw && phrase_word(&ws[i]) && !verb_like(ws, i, nw)) i++;
        b = i - 1;
        r.a = a;
        r.b = b;
        if (run_is_name(ws, r, 0)) continue;
        if (a == b && IN(containers, ws[a].low)) continue;
        *s = ws[a].s;
        *e = ws[b].e;
        return 1;
    }
    return 0;
}

int fc_is_anaphor(const char *t, size_t s, size_t e) {
    /* nouns that name a reading of something said before: "the figures
       were revised", "the estimate is" */
    static const char *const readings[] = {
        "data", "estimate", "estimates", "figures", "numbers", "reading",
        "readings", "statistics", "tallies"};
    /* nouns of change: "the change for December", "December's gains" */
    static const char *const changes[] = {
        "change", "changes", "decline", "declines", "decrease", "decreases",
        "drop", "drops", "gain", "gains", "increase", "increases", "loss",
        "losses", "rise", "rises"};
    /* words of how it is taken: "the average monthly gain" */
    static const char *const taken[] = {"annual", "average", "daily", "monthly",
                                        "net", "overall", "quarterly",
                                        "weekly", "yearly"};
    word ws[6];
    size_t nw, i = 0;
    int average = 0;
    if (e <= s) return 0;
    nw = words_of(t, s, e, ws, 6);
    /* whose it is says nothing of what: "December's gains" */
    while (i + 1 < nw && (ws[i].poss || IN(taken, ws[i].low))) {
        if (!strcmp(ws[i].low, "average")) average = FC_ANAPHOR_AVERAGE;
        i++;
    }
    if (nw != i + 1) return 0;
    if (!strcmp(ws[i].low, "average")) average = FC_ANAPHOR_AVERAGE;
    if (IN(readings, ws[i].low))
        return FC_ANAPHOR_THING | FC_ANAPHOR_READING | average;
    if (IN(containers, ws[i].low)) return FC_ANAPHOR_THING | average;
    if (IN(changes, ws[i].low)) return FC_ANAPHOR_CHANGE | average;
    return 0;
}

/* ---- "A and B ... respectively" ------------------------------------------- */

/* Whether t[s, e) is the name of a month, in full or shortened. */
static int month_name(const char *t, size_t s, size_t e) {
    static const char *const months[] = {
        "apr", "april", "aug", "august", "dec", "december", "feb",
        "february", "jan", "january", "jul", "july", "jun", "june", "mar",
        "march", "may", "nov", "november", "oct", "october", "sep", "sept",
        "september"};
    char w[16];
    size_t i, n = e - s;
    if (e <= s || n >= sizeof w) return 0;
    for (i = 0; i < n; i++) w[i] = (char)tolower((unsigned char)t[s + i]);
    w[n] = '\0';
    return in_sorted(months, sizeof months / sizeof months[0], w);
}

int fc_respective(const char *t, size_t from, size_t to, size_t n, size_t k,
                  size_t *s, size_t *e, int *is_phrase) {
    word ws[64];
    size_t nw, j, items = 0, a, b;
    size_t is[16], ie[16]; /* items, last first */
    int phrase;
    if (n < 2 || n > 16 || k >= n || to <= from) return 0;
    nw = words_before(t, from, to, 400, ws, 64);
    /* the last "and" with a word on each side */
    for (j = nw; j-- > 1;)
        if (!strcmp(ws[j].low, "and") && j + 1 < nw) break;
    if (j == 0 || j + 1 >= nw) return 0;
    phrase = phrase_word(&ws[j + 1]) && phrase_word(&ws[j - 1]);
    /* the item after "and" */
    a = b = j + 1;
    if (phrase)
        while (b + 1 < nw && phrase_word(&ws[b + 1])) b++;
    else if (is_break(&ws[a]) || ws[a].number)
        return 0;
    is[items] = ws[a].s;
    ie[items] = ws[b].e;
    items++;
    /* the items before it, back over ", " */
    b = j - 1;
    for (;;) {
        if (is_break(&ws[b]) || ws[b].number) return 0;
        a = b;
        if (phrase)
            while (a > 0 && phrase_word(&ws[a - 1])) a--;
        if (items == 16) return 0;
        is[items] = ws[a].s;
        ie[items] = ws[b].e;
        items++;
        if (items == n || a < 2 || !is_break(&ws[a - 1]) ||
            t[ws[a - 1].s] != ',')
            break;
        b = a - 2;
    }
    if (items != n) return 0;
    *s = is[n - 1 - k];
    *e = ie[n - 1 - k];
    *is_phrase = phrase;
    /* "in December and January ... 290,000 and 229,000, respectively"
       lists times, which say when, not what */
    if (!phrase)
        for (j = 0; j < n; j++)
            if (month_name(t, is[j], ie[j])) *is_phrase = -1;
    return 1;
}

/* ---- tense ---------------------------------------------------------------- */

int fc_past_tense(const char *t, size_t from, size_t to) {
    static const char *const present[] = {
        "am", "are", "currently", "has", "have", "is", "now", "presently",
        "remains", "stands", "today"};
    static const char *const past[] = {
        "came", "fell", "grew", "had", "held", "hit", "kept", "lost", "made",
        "rose", "saw", "sold", "stood", "was", "went", "were"};
    word ws[64];
    size_t nw = words_of(t, from, to, ws, 64), i;
    int pastseen = 0;
    for (i = 0; i < nw; i++) {
        const char *w = ws[i].low;
        size_t n = strlen(w);
        if (IN(present, w)) return 0;
        if (IN(past, w) || (n > 4 && !strcmp(w + n - 2, "ed") &&
                            !ws[i].cap && !strchr(w, '-')))
            pastseen = 1;
    }
    return pastseen;
}

int fc_change_head(const char *t, size_t s, size_t e, size_t *head) {
    static const char *const heads[] = {
        "addition", "additions", "decline", "declines", "decrease",
        "decreases", "drop", "drops", "gain", "gains", "growth", "increase",
        "increases", "loss", "losses", "rise", "rises"};
    word ws[PHRASE_WORDS + 2];
    size_t nw;
    if (e <= s) return 0;
    nw = words_of(t, s, e, ws, PHRASE_WORDS + 2);
    if (nw < 2 || !IN(heads, ws[nw - 1].low)) return 0;
    *head = ws[nw - 1].s;
    return 1;
}

/* Whether two words share their first four letters (so that "job" meets
** "jobs" and "payroll" "payrolls"). */
static int same_stem4(const char *a, const char *b) {
    size_t n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
    if (n < 3) return 0;
    return !strncmp(a, b, n < 4 ? n : 4);
}

int fc_counted_change(const char *t, size_t from, size_t fig, size_t s,
                      size_t e, size_t limit) {
    static const char *const participles[] = {
        "added", "created", "cut", "gained", "lost", "shed"};
    static const char *const heads[] = {
        "additions", "gain", "gains", "growth", "increase", "losses"};
    static const char *const other_clause[] = {
        "although", "as", "because", "but", "had", "has", "have", "though",
        "when", "whereas", "while"};
    word ws[PHRASE_WORDS + 2], pre[64];
    size_t nw, np, i;
    if (e <= s) return 0;
    nw = words_of(t, s, limit, ws, PHRASE_WORDS + 2);
    /* the noun's last word, then what follows it */
    for (i = 0; i < nw && ws[i].s < e; i++)
        ;
    if (i > 0 && i < nw && IN(participles, ws[i].low)) return 1;
    if (i != 1) return 0; /* a one-word noun only */
    /* "job growth ... 229,000 jobs": the word before a noun of change
       is the counted noun */
    np = words_before(t, from, fig, 400, pre, 64);
    for (i = np; i-- > 1;) {
        /* another clause, or a level that is had, between them */
        if (IN(other_clause, pre[i].low)) return 0;
        if (IN(heads, pre[i].low) && phrase_word(&pre[i - 1]) &&
            same_stem4(pre[i - 1].low, ws[0].low))
            return 1;
    }
    return 0;
}

int fc_average_cue(const char *t, size_t from, size_t fig, size_t tail,
                   size_t limit) {
    word ws[12];
    size_t nw = words_before(t, from, fig, 80, ws, 12), i;
    for (i = nw > 5 ? nw - 5 : 0; i < nw; i++)
        if (!strcmp(ws[i].low, "average") || !strcmp(ws[i].low, "averaged") ||
            !strcmp(ws[i].low, "averaging"))
            return 1;
    /* "225,000 a month", "23,800 per day" */
    nw = words_of(t, tail, limit, ws, 3);
    if (nw >= 2 && (!strcmp(ws[0].low, "a") || !strcmp(ws[0].low, "per") ||
                    !strcmp(ws[0].low, "each")) &&
        (!strcmp(ws[1].low, "month") || !strcmp(ws[1].low, "day") ||
         !strcmp(ws[1].low, "week") || !strcmp(ws[1].low, "year")))
        return 1;
    return 0;
}

int fc_revision_cue_before(const char *t, size_t from, size_t fig) {
    static const char *const skip[] = {"a", "additional", "an", "combined",
                                       "further", "net", "total"};
    static const char *const degree[] = {"a", "an", "even", "far", "less",
                                         "more", "much", "still"};
    word ws[12];
    size_t nw = words_before(t, from, fig, 110, ws, 12), i;
    /* "by a more drastic 124,000": one word of degree and its adjective */
    if (nw >= 3 && IN(degree, ws[nw - 2].low) && !ws[nw - 1].number &&
        !IN(breakers, ws[nw - 1].low))
        nw -= 2;
    while (nw && IN(skip, ws[nw - 1].low)) nw--;
    if (!nw || (strcmp(ws[nw - 1].low, "by") && strcmp(ws[nw - 1].low, "of") &&
                strcmp(ws[nw - 1].low, "down") && strcmp(ws[nw - 1].low, "up")))
        return 0;
    for (i = nw > 8 ? nw - 8 : 0; i + 1 < nw; i++)
        if (!strncmp(ws[i].low, "revis", 5)) {
            /* "revised down by", "revised November's preliminary
               estimates downward by", "a downward revision of": a
               revision down */
            size_t k;
            for (k = i > 0 ? i - 1 : 0; k < nw; k++)
                if (!strcmp(ws[k].low, "down") || !strcmp(ws[k].low, "downward") ||
                    !strcmp(ws[k].low, "downwardly") ||
                    !strcmp(ws[k].low, "lower"))
                    return -1;
            return 1;
        }
    return 0;
}

size_t fc_stem_word(struct sb_stemmer *st, const char *t, size_t n, char *out,
                    size_t size) {
    char buf[WORD_MAX];
    size_t len = 0, k;
    const sb_symbol *stem;
    if (!size) return 0;
    out[0] = '\0';
    for (k = 0; k < n && len + 1 < sizeof buf; k++) {
        unsigned char c = (unsigned char)t[k];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            buf[len++] = (char)c;
    }
    if (!len) return 0;
    stem = st ? sb_stemmer_stem(st, (const sb_symbol *)buf, (int)len) : NULL;
    if (stem) {
        len = (size_t)sb_stemmer_length(st);
        if (len >= sizeof buf) len = sizeof buf - 1;
        memcpy(buf, stem, len);
    }
    if (len + 1 > size) return 0;
    memcpy(out, buf, len);
    out[len] = '\0';
    return len;
}

int fc_linking_verb(const char *t, size_t from, size_t to) {
    static const char *const stems[] = {
        "amount", "are", "came", "climb", "exceed", "grew", "hit", "increas",
        "is", "jump", "reach", "rose", "stand", "stood", "surpass", "top",
        "total", "was", "were"};
    word ws[16];
    size_t nw = words_of(t, from, to, ws, 16), i, k;
    for (i = 0; i < nw; i++)
        for (k = 0; k < sizeof stems / sizeof stems[0]; k++) {
            size_t n;
            if (ws[i].low[0] != stems[k][0]) continue;
            n = strlen(stems[k]);
            if (!strncmp(ws[i].low, stems[k], n) &&
                (n > 3 || !strcmp(ws[i].low, stems[k])))
                return 1;
        }
    return 0;
}
