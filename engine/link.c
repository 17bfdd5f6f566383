/*
** link.c -- how sure a finding is that its figures are about one thing
** at one time, and why.
**
** A finding is only as good as the link between its figures.  Two figures
** are one thing when the lexicon names their metric (the surest), or when
** the same measured phrase gave them the same key (a guess from the words
** around them).  Two values of one thing in one sentence ("5.2% and 1.1%
** respectively"), or figures whose nouns right after them share no word,
** are most likely different things that extraction could not tell apart.
** Where a finding says two figures of one time disagree, the time is sure
** when both periods were written in the text or both reports are of one
** event; a period taken from a document's date is a guess.
**
** The confidence of a link is that of its weakest figure, lowered for each
** doubt; it caps the severity: an error says a publication is wrong, so it
** needs a confidence of at least 0.8 (a lexicon metric, stated periods);
** below 0.5 a finding is only information.
*/
#include "check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Doubts, as factors of the confidence. */
#define F_INFERRED_PERIOD 0.7 /* a period taken from the document's date */
#define F_ONE_SENTENCE 0.5    /* both figures in one sentence */
#define F_OTHER_WORDS 0.5     /* measured phrases with no word in common */
#define F_NEAR_DATES 0.75     /* a stock counted at two dates taken as one */
#define F_TEXT_LINK 0.8       /* at least: a part the text gives its whole */

/* Figures closer than this, on one line, are taken as one sentence. */
#define SENTENCE_BYTES 240

static int from_phrase(const fc_fact *f) {
    return f->metric_source && !strcmp(f->metric_source, "phrase");
}

static double confidence_of(const fc_fact *f) {
    return f->has_confidence ? f->confidence : 1.0;
}

static int inferred(const fc_fact *f) {
    return f->period_source && !strcmp(f->period_source, "document_date");
}

/* Whether word w (n bytes, lower case) is too common to tell things
** apart. */
static int common_word(const char *w, size_t n) {
    static const char *const words[] = {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "its", "of",
        "on", "or", "the", "their", "to", "total", "number", "new", "with",
        /* what a figure is set against rather than what it counts */
        "mark", "level", "figure", "figures", "record", "threshold",
        "milestone", NULL};
    size_t k;
    if (n < 3) return 1;
    for (k = 0; words[k]; k++)
        if (strlen(words[k]) == n && !strncasecmp(words[k], w, n)) return 1;
    return 0;
}

#define MAX_WORDS 16

/* The words of a measured phrase that tell things apart, as their first
** five letters case folded (so that "station" meets "stations"). */
static size_t stems_of(const char *s, char out[][6]) {
    size_t i = 0, n = 0;
    while (s[i] && n < MAX_WORDS) {
        size_t w, k;
        while (s[i] && !isalnum((unsigned char)s[i])) i++;
        w = i;
        while (isalnum((unsigned char)s[i])) i++;
        if (i == w || common_word(s + w, i - w)) continue;
        for (k = 0; k < 5 && w + k < i; k++)
            out[n][k] = (char)tolower((unsigned char)s[w + k]);
        out[n++][k] = '\0';
    }
    return n;
}

/* Whether two measured phrases share a word. */
static int share_word(const char *a, const char *b) {
    char wa[MAX_WORDS][6], wb[MAX_WORDS][6];
    size_t na = stems_of(a, wa), nb = stems_of(b, wb), i, j;
    if (!na || !nb) return 1; /* nothing to tell them apart by */
    for (i = 0; i < na; i++)
        for (j = 0; j < nb; j++)
            if (!strcmp(wa[i], wb[j])) return 1;
    return 0;
}

/* Whether a fact's measured phrase is the noun right after its figure
** ("4.25 million 5G base stations"), the surest place to read it. */
static int right_after(const fc_fact *f) {
    return f->measured && f->measured_end > f->measured_start &&
           f->measured_start >= f->span.end &&
           f->measured_start - f->span.end <= 2;
}

static int one_sentence(const fc_fact *a, const fc_fact *b) {
    long long d = a->span.start - b->span.start;
    if (d < 0) d = -d;
    return a->span.line && a->span.line == b->span.line &&
           d < SENTENCE_BYTES;
}

/* Add a clause to the reason: "; " between clauses. */
static void say(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *out, size_t size, const char *fmt, ...) {
    size_t n = strlen(out);
    va_list ap;
    if (n + 3 >= size) return;
    if (n) {
        memcpy(out + n, "; ", 3);
        n += 2;
    }
    va_start(ap, fmt);
    vsnprintf(out + n, size - n, fmt, ap);
    va_end(ap);
}

/* Whether two facts are counts of a stock at two dates (the agree and
** stale kinds take such dates within the reporting window as one). */
static int near_dates(const fc_fact *a, const fc_fact *b) {
    return TF(a)->point && TF(b)->point && (TF(a)->as_of || TF(b)->as_of) &&
           !ck_str_eq(a->period, b->period);
}

void ck_link(const fc_fact *const *facts, size_t n, const char *type,
             ck_linkinfo *li) {
    const fc_fact *a = n > 0 ? facts[0] : NULL, *b = NULL;
    /* the findings that say two figures of one time disagree; the others
       reason about times that differ (streaks, updates, targets) or about
       figures the text itself links (part and whole) */
    int same_time = !strcmp(type, FC_TYPE_VALUE_CONFLICT) ||
                    !strcmp(type, FC_TYPE_SCALE_SLIP) ||
                    !strcmp(type, FC_TYPE_ROUNDING);
    double doubt = 1.0;
    size_t i;
    li->confidence = 1.0;
    li->phrase = 0;
    li->why[0] = '\0';
    if (!a) return;
    for (i = 0; i < n; i++) {
        if (confidence_of(facts[i]) < li->confidence)
            li->confidence = confidence_of(facts[i]);
        if (from_phrase(facts[i])) li->phrase = 1;
    }
    /* a part and the whole the text itself gives it ("of which",
       "of the 275,000 jobs added, 223,000 ...") are linked by the text,
       however unsure the words of what they count */
    if (!strcmp(type, FC_TYPE_PART_WHOLE) && n == 2 &&
        ((facts[0]->part_of && ck_str_eq(facts[0]->part_of, facts[1]->id)) ||
         (facts[1]->part_of && ck_str_eq(facts[1]->part_of, facts[0]->id)))) {
        if (li->confidence < F_TEXT_LINK) li->confidence = F_TEXT_LINK;
        say(li->why, sizeof li->why, "the text gives the part of its whole");
        return;
    }
    /* the figure set against the first: the next one of its metric */
    for (i = 1; i < n && !b; i++)
        if (ck_str_eq(facts[i]->metric, a->metric)) b = facts[i];
    if (!b) {
        if (n > 1) say(li->why, sizeof li->why, "linked by the rule");
        return;
    }
    /* the thing */
    if (from_phrase(a) || from_phrase(b))
        say(li->why, sizeof li->why, "the same measured phrase: %s",
            a->measured ? a->measured : a->metric);
    else
        say(li->why, sizeof li->why, "the same metric: %s", a->metric);
    if (right_after(a) && right_after(b) &&
        !share_word(a->measured, b->measured)) {
        li->confidence *= F_OTHER_WORDS;
        say(li->why, sizeof li->why,
            "though the figures measure \"%s\" and \"%s\"", a->measured,
            b->measured);
    }
    /* the place: two values of one thing in one sentence are most often
       two things ("5.2% and 1.1% respectively"); a slip of scale words is
       not */
    if (ck_str_eq(a->doc, b->doc) && one_sentence(a, b) &&
        !strcmp(type, FC_TYPE_VALUE_CONFLICT)) {
        li->confidence *= F_ONE_SENTENCE;
        say(li->why, sizeof li->why,
            "both in one sentence of %s, so most likely different things",
            a->doc);
    }
    if (!strcmp(type, FC_TYPE_REVISION) && TF(a)->dm && TF(b)->dm) {
        long d = labs(TF(a)->dm->days - TF(b)->dm->days);
        say(li->why, sizeof li->why,
            "%s and %s published %ld days apart, after the period: the later "
            "release may revise the earlier",
            a->doc, b->doc, d);
        return;
    }
    /* the time: one doubt, however many reasons there are for it */
    if (!same_time) return;
    if (ck_one_event(a, b)) {
        say(li->why, sizeof li->why, "reports of one event");
        return;
    }
    if (inferred(a) || inferred(b)) {
        doubt = F_INFERRED_PERIOD;
        say(li->why, sizeof li->why,
            "the period in %s is its document's date",
            inferred(a) ? a->doc : b->doc);
    } else if (a->period && b->period && !near_dates(a, b)) {
        say(li->why, sizeof li->why, "periods stated");
    }
    if (near_dates(a, b)) {
        long d = labs((long)TF(a)->point - TF(b)->point);
        if (F_NEAR_DATES < doubt) doubt = F_NEAR_DATES;
        say(li->why, sizeof li->why,
            "a stock counted %ld day%s apart, within its reporting window of "
            "%d days",
            d, d == 1 ? "" : "s",
            TF(a)->window < TF(b)->window ? TF(a)->window : TF(b)->window);
    }
    li->confidence *= doubt;
}

int ck_link_cap(double confidence) {
    if (confidence >= 0.8 - 1e-9) return SEV_ERROR;
    if (confidence >= 0.5 - 1e-9) return SEV_WARNING;
    return SEV_INFO;
}
