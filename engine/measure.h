/*
** measure.h -- what a figure measures: its measured noun phrase, the key
** made from that phrase, its role and the comparison base of a change.
**
** Each decision is one function over the text, with no state beyond the
** stemmer, so that each can be tested on its own.  The word classes are
** general English (determiners, prepositions, auxiliaries, verbs of
** reporting and change); nothing here knows a domain.
*/
#ifndef FC_MEASURE_H
#define FC_MEASURE_H

#include <stddef.h>

struct sb_stemmer;

/* An English Snowball stemmer (NULL when out of memory); free with
** fc_stemmer_free. Not to be shared between threads. */
struct sb_stemmer *fc_stemmer_new(void);
void fc_stemmer_free(struct sb_stemmer *st);

/* The metric key of a measured phrase t[0, n): words case-folded, with
** determiners, stop words, numbers and scale words dropped, the rest
** stemmed and joined by "_" ("the 5G Base Stations" -> "5g_base_station").
** Returns the length written to out (NUL-terminated), 0 when no word is
** left or out is too small. */
size_t fc_phrase_key(struct sb_stemmer *st, const char *t, size_t n,
                     char *out, size_t size);

/* The noun phrase written right after a figure ("20 million ports were
** ..." -> "ports"): t[at..] up to the first word that is not part of a
** noun phrase, at most 6 words, within limit.  Returns 1 and its bytes
** [*s, *e), or 0. */
int fc_measured_after(const char *t, size_t at, size_t limit, size_t *s,
                      size_t *e);
/* The noun phrase that starts at t[at], names included ("of NEVs in
** China": "NEVs"): as fc_measured_after, for a phrase known to name a
** thing. */
int fc_noun_phrase_at(const char *t, size_t at, size_t limit, size_t *s,
                      size_t *e);

/* The noun phrase a figure at t[fig] is about, read back over its clause
** t[from, fig): "X of" right before the figure ("a total of" and the
** like excepted), else the subject of the clause (its first noun phrase
** that a verb follows), else the noun phrase nearest before the figure.
** Names of places and bodies (capitalised words) are no measured things.
** Returns 1 and [*s, *e), or 0. */
int fc_measured_before(const char *t, size_t from, size_t fig, size_t *s,
                       size_t *e);

/* Where the clause of a figure at t[fig] starts, no earlier than from:
** after the last ";", ":", "(", or "," before it. */
size_t fc_clause_start(const char *t, size_t from, size_t fig);

/* Whether the words right before a figure at t[fig] (within t[from, fig))
** say it is a change: "increased by", "up", "an increase of", "added",
** "+". */
int fc_change_cue_before(const char *t, size_t from, size_t fig);

/* Whether a streak is meant: "consecutive", "straight", "successive",
** "running" as the next word after t[at], or "year(s)/month(s) in a row"
** (within limit). */
int fc_streak_cue_after(const char *t, size_t at, size_t limit);

/* A comparison base named by the words of t[from, to): "year on year",
** "month-on-month", "from", "over", "compared with", "than".  Returns
** BASE_NONE, BASE_YEAR (the same period a year before), BASE_MONTH (the
** month before) or BASE_MARKER (a base marker that a period cue right
** after it completes: "from the end of 2022"). */
enum { BASE_NONE, BASE_YEAR, BASE_MONTH, BASE_MARKER };
int fc_base_cue(const char *t, size_t from, size_t to);

/* Whether the text right before t[at] (within t[from, at)) marks what
** follows as a comparison base: "from", "over", "compared with/to",
** "than", "against", "versus". */
int fc_base_marker_before(const char *t, size_t from, size_t at);
/* Whether a clause opens at t[at] (the sentence starting at from): at the
** start, after punctuation, or after "and", "but", "while", "whereas" or
** "when".  "A year earlier, it was 3.5 percent" opens one; "almost double
** the year before" does not. */
int fc_opens_clause(const char *t, size_t from, size_t at);

/* A population named right before a figure in parentheses: "adult men
** (3.6 percent)" gives "adult men".  Returns 1 and [*s, *e), or 0. */
int fc_paren_population(const char *t, size_t from, size_t fig, size_t *s,
                        size_t *e);

/* A population as a key: words case-folded, determiners dropped, joined
** by "_" ("the Adult Men" -> "adult_men"); not stemmed, so it reads as
** written.  Returns the length written (NUL-terminated). */
size_t fc_population_text(const char *t, size_t n, char *out, size_t size);

/* Whether the measured phrase t[s, e) names a share ("market share",
** "proportion"): a percentage of it is a share, not a level. */
int fc_phrase_is_share(const char *t, size_t s, size_t e);

/* "the number of X", "the total of X" in t[from, fig): the last such X.
** Returns 1 and [*s, *e), or 0. */
int fc_number_of(const char *t, size_t from, size_t fig, size_t *s,
                 size_t *e);

/* The first noun phrase of t[from, fig) that is not a name: what a
** sentence is about when its figure's own clause names nothing ("The
** output, a key indicator, went up 4.6 percent"). */
int fc_measured_subject(const char *t, size_t from, size_t fig, size_t *s,
                        size_t *e);

/* Whether the phrase t[s, e) only points back, the thing being named
** earlier: FC_ANAPHOR_THING for a noun of the thing or of a reading of
** it ("the figure", "the volume", "the total", "the estimates"),
** FC_ANAPHOR_CHANGE for a noun of its change ("the change for December",
** "December's gains"), 0 when it names a thing itself.  Words of how
** it is taken may stand before the noun ("the average monthly gain"):
** FC_ANAPHOR_AVERAGE is or-ed in when one of them is "average", and
** FC_ANAPHOR_READING when the noun names a reading ("the reading", "the
** figures", "the estimates"), which is of the kind of what it reads. */
enum { FC_ANAPHOR_THING = 1, FC_ANAPHOR_CHANGE = 2, FC_ANAPHOR_AVERAGE = 4,
       FC_ANAPHOR_READING = 8 };
int fc_is_anaphor(const char *t, size_t s, size_t e);

/* The k-th of n coordinated items written last before t[to] (within
** t[from, to)): "produced and sold", "solar cells, cars and turbines"
** (n = 3).  *is_phrase says whether the items are noun phrases (1), single
** words such as verbs (0), or months ("in December and January", -1).  Returns 1 and [*s, *e), or 0 when the
** last coordination there does not have n items. */
int fc_respective(const char *t, size_t from, size_t to, size_t n, size_t k,
                  size_t *s, size_t *e, int *is_phrase);

/* Whether the words of t[from, to) tell of the past ("rose", "produced",
** "were") and not of the present ("has reached", "is", "now"): a figure
** so told is of the time the text was last speaking of, not of the
** document's date. */
int fc_past_tense(const char *t, size_t from, size_t to);

/* Whether the measured phrase t[s, e) ends in a noun of change ("job
** gains", "payroll growth"): the figure is a change of what comes before
** it, which starts the phrase and ends at *head. */
int fc_change_head(const char *t, size_t s, size_t e, size_t *head);

/* Whether the counted noun t[s, e) right after a figure is a change of
** the thing: a participle of gain or loss follows it ("173,000 jobs
** gained", "jobs added", "jobs lost", within limit), or the clause before
** the figure, t[from, fig), speaks of a change of the same thing ("job
** growth was revised to 229,000 jobs"). */
int fc_counted_change(const char *t, size_t from, size_t fig, size_t s,
                      size_t e, size_t limit);

/* Whether a figure at t[fig, tail) is an average: "average", "averaged"
** just before it (within t[from, fig)), or "a month", "per day" right after
** it (within limit). */
int fc_average_cue(const char *t, size_t from, size_t fig, size_t tail,
                   size_t limit);

/* Whether the figure at t[fig] is the size of a revision: "revised up
** by 43,000", "a revision of" (1), "revised down by a combined 167,000",
** "revised the estimate downward by" (-1), or not (0). */
int fc_revision_cue_before(const char *t, size_t from, size_t fig);

/* One word t[0, n), case-folded and stemmed, whatever its class
** ("Sold" -> "sold"); 0 when it holds no letter or digit. */
size_t fc_stem_word(struct sb_stemmer *st, const char *t, size_t n, char *out,
                    size_t size);

/* Whether t[from, to) holds a verb that states a level ("reached",
** "totaled", "was", "exceeded"): "exports reached 4.9 million vehicles"
** counts exports, where "makers built 7 million vehicles" counts
** vehicles. */
int fc_linking_verb(const char *t, size_t from, size_t to);

#endif /* FC_MEASURE_H */
