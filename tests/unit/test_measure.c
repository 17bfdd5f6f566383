/*
** test_measure.c -- the measured phrase, its key, the role cues, the
** comparison base and the population of a figure (engine/measure.c).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "measure.h"

static struct sb_stemmer *st;

static int setup(void **state) {
    (void)state;
    st = fc_stemmer_new();
    return st ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    fc_stemmer_free(st);
    return 0;
}

/* The key of a phrase, in a static buffer. */
static const char *key(const char *phrase) {
    static char out[256];
    if (!fc_phrase_key(st, phrase, strlen(phrase), out, sizeof out))
        out[0] = '\0';
    return out;
}

/* The text of [s, e) of t, in a static buffer. */
static const char *slice(const char *t, size_t s, size_t e) {
    static char out[256];
    snprintf(out, sizeof out, "%.*s", (int)(e - s), t + s);
    return out;
}

/* Where a marker "|" sits in t (the figure's position), with the marker
** removed: tests write "output rose |30 percent". */
static char text[512];
static size_t at_marker(const char *t) {
    const char *bar = strchr(t, '|');
    size_t n = (size_t)(bar - t);
    snprintf(text, sizeof text, "%.*s%s", (int)n, t, bar + 1);
    return n;
}

/* What the phrase before the figure at "|" is, "" when none. */
static const char *before(const char *t) {
    size_t fig = at_marker(t), s, e;
    if (!fc_measured_before(text, 0, fig, &s, &e)) return "";
    return slice(text, s, e);
}

/* The phrase right after position "|". */
static const char *after(const char *t) {
    size_t at = at_marker(t), s, e;
    if (!fc_measured_after(text, at, strlen(text), &s, &e)) return "";
    return slice(text, s, e);
}

/* ---- the key ---------------------------------------------------------------- */

static void test_key_normalises(void **state) {
    (void)state;
    /* case, determiners, inflection */
    assert_string_equal(key("the 5G Base Stations"), "5g_base_station");
    assert_string_equal(key("5G base station"), "5g_base_station");
    /* numbers and scale words go */
    assert_string_equal(key("million 2023 households"), "household");
    /* possessives: "China's ports" and "the country's ports" are ports */
    assert_string_equal(key("China's ports"), "port");
    assert_string_equal(key("the country\xE2\x80\x99s ports"), "port");
    /* hyphen forms written with U+2011 join like ASCII ones */
    assert_string_equal(key("value\xE2\x80\x91" "added"),
                        key("value-added"));
    /* inflected twins meet */
    assert_string_equal(key("unemployment rates"), key("Unemployment rate"));
    assert_string_equal(key("payrolls"), key("payroll"));
    /* a year a dateline glued on is no part of the thing */
    assert_string_equal(key("2024-Total ferry sailings"), "ferri_sail");
    /* a phrase with no word left has no key */
    assert_string_equal(key("the 3 million"), "");
    /* a noun of a reading last in a phrase names no other thing:
       "ferry figures" are ferries; alone it stays */
    assert_string_equal(key("ferry sailing figures"), "ferri_sail");
    assert_string_equal(key("export data"), key("exports"));
    assert_string_equal(key("figures"), "figur");
    assert_string_equal(key("data centres"), "data_centr");
    /* how final a release is says nothing of the thing */
    assert_string_equal(key("preliminary ferry sailings"), "ferri_sail");
}

static void test_key_out_of_room(void **state) {
    char small[6];
    (void)state;
    assert_int_equal(fc_phrase_key(st, "base stations", 13, small,
                                   sizeof small),
                     0);
    assert_int_equal(fc_phrase_key(st, "ports", 5, small, sizeof small), 4);
    assert_string_equal(small, "port");
}

/* ---- the measured phrase -------------------------------------------------- */

static void test_after(void **state) {
    (void)state;
    /* the noun a figure is followed by */
    assert_string_equal(after("there are 20 million| ports with gigabit "
                              "capability"),
                        "ports with gigabit capability");
    assert_string_equal(after("3 million| stations were built"), "stations");
    /* a verb in -ed ends the phrase, an adjective does not */
    assert_string_equal(after("124,000| specialized firms expanded by"),
                        "specialized firms");
    /* a participle that is a verb elsewhere is an adjective before a
       noun right after the figure, and a verb when no noun follows */
    assert_string_equal(after("more than 80,000| registered cooperatives"),
                        "registered cooperatives");
    assert_string_equal(after("60| reported cases in May"), "reported cases");
    assert_string_equal(after("60| reported in May"), "");
    /* prepositions, time words and punctuation end it */
    assert_string_equal(after("216,000| in December"), "");
    assert_string_equal(after("7.1%|, the highest"), "");
    /* a year's possessive is a time, not a thing */
    assert_string_equal(before("which brings 2023's total ferry growth to "
                               "|2.7 million"),
                        "ferry growth");
    /* "in 2023 China ..." is no phrase */
    assert_string_equal(after("9 million| China reported"), "");
}

static void test_before_clause_subject(void **state) {
    (void)state;
    /* the thing the clause is about */
    assert_string_equal(before("output rose 30 percent to |9 million"),
                        "output");
    assert_string_equal(before("The unemployment rate held at |3.7 percent"),
                        "unemployment rate");
    /* in reported speech the clause after the reporting verb */
    assert_string_equal(before("Their survey found that ferry traffic rose "
                               "by |350"),
                        "ferry traffic");
    assert_string_equal(before("Officials said ferry traffic rose by |350"),
                        "ferry traffic");
    /* "X of" right before the figure */
    assert_string_equal(before("reaching a penetration rate of |71 percent"),
                        "penetration rate");
    /* containers are not things: the subject is */
    assert_string_equal(before("The ferries carried an average of |23,800"),
                        "ferries");
    /* a change of something said before names nothing itself */
    assert_string_equal(before("with an increase of |12 percent"), "");
    /* names are not measured things */
    assert_string_equal(before("China produced |30 million"), "");
    /* someone acting on the thing: the object that "to" or "at" joins
       to the figure, past a possessive or a determiner */
    assert_string_equal(before("The agency revised October's sailings to "
                               "|4,100"),
                        "sailings");
    assert_string_equal(before("Analysts put the ferry traffic at |6 "
                               "percent"),
                        "ferry traffic");
    /* the subject stays when the verb has no object */
    assert_string_equal(before("Ferry traffic was revised to |4,100"),
                        "Ferry traffic");
    /* scale words are part of a figure */
    assert_string_equal(before("vehicles reached 9.5 million and |9.4 "
                               "million"),
                        "vehicles");
}

static void test_clause_start(void **state) {
    const char *t = "sales rose; exports, which grew (by |5%)";
    size_t fig = at_marker(t);
    (void)state;
    assert_string_equal(slice(text, fc_clause_start(text, 0, fig), fig),
                        "by ");
    assert_int_equal(fc_clause_start(text, 5, 5), 5);
    /* a comma that groups digits ends no clause */
    t = "ferry sailings rose to 290,000 and |229,000";
    fig = at_marker(t);
    assert_int_equal(fc_clause_start(text, 0, fig), 0);
    t = "ferry sailings rose, 290,000 and |229,000";
    fig = at_marker(t);
    assert_string_equal(slice(text, fc_clause_start(text, 0, fig), fig),
                        " 290,000 and ");
}

static void test_revision_cues(void **state) {
    size_t fig;
    (void)state;
    fig = at_marker("sailings were revised up by |9,000");
    assert_int_equal(fc_revision_cue_before(text, 0, fig), 1);
    fig = at_marker("revised down October's count by a net |4,000");
    assert_int_equal(fc_revision_cue_before(text, 0, fig), -1);
    /* a word of degree and its adjective between "by" and the figure */
    fig = at_marker("revised down October's count by a more drastic |12,000");
    assert_int_equal(fc_revision_cue_before(text, 0, fig), -1);
    fig = at_marker("it had revised October's preliminary sailing "
                    "estimates downward by |2,600");
    assert_int_equal(fc_revision_cue_before(text, 0, fig), -1);
    fig = at_marker("reflecting a net downward revision of |1,670");
    assert_int_equal(fc_revision_cue_before(text, 0, fig), -1);
    /* no revision named */
    fig = at_marker("sailings rose by a more modest |1,000");
    assert_int_equal(fc_revision_cue_before(text, 0, fig), 0);
}

/* ---- phrases that point back ---------------------------------------------- */

static void test_anaphors(void **state) {
    static const struct {
        const char *phrase;
        int kind;
    } cases[] = {
        {"figure", FC_ANAPHOR_THING},    {"total", FC_ANAPHOR_THING},
        {"estimates", FC_ANAPHOR_THING | FC_ANAPHOR_READING},
        {"figures", FC_ANAPHOR_THING | FC_ANAPHOR_READING},
        {"reading", FC_ANAPHOR_THING | FC_ANAPHOR_READING},
        {"change", FC_ANAPHOR_CHANGE},   {"gains", FC_ANAPHOR_CHANGE},
        {"October's gains", FC_ANAPHOR_CHANGE},
        {"October\xE2\x80\x99s increase", FC_ANAPHOR_CHANGE},
        {"average monthly gain", FC_ANAPHOR_CHANGE | FC_ANAPHOR_AVERAGE},
        {"net gain", FC_ANAPHOR_CHANGE},
        {"monthly average", FC_ANAPHOR_THING | FC_ANAPHOR_AVERAGE},
        {"ferry gains", 0},              {"ferries", 0},
        {"traffic", 0},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = cases[i].phrase;
        if (fc_is_anaphor(p, 0, strlen(p)) != cases[i].kind)
            fail_msg("\"%s\": wanted %d, got %d", p, cases[i].kind,
                     fc_is_anaphor(p, 0, strlen(p)));
    }
}

/* ---- role cues ----------------------------------------------------------------- */

static void test_change_cues(void **state) {
    size_t fig;
    (void)state;
    fig = at_marker("payrolls increased by |216,000");
    assert_true(fc_change_cue_before(text, 0, fig));
    fig = at_marker("a net increase of |870,000");
    assert_true(fc_change_cue_before(text, 0, fig));
    fig = at_marker("employers added |275,000 jobs");
    assert_true(fc_change_cue_before(text, 0, fig));
    fig = at_marker("revised down |43,000");
    assert_true(fc_change_cue_before(text, 0, fig));
    fig = at_marker("exports +|12%");
    assert_true(fc_change_cue_before(text, 0, fig));
    /* a share, a level, and "by the end of" */
    fig = at_marker("manufacturing made up |29% of the world");
    assert_false(fc_change_cue_before(text, 0, fig));
    fig = at_marker("the rate stood at |3.7 percent");
    assert_false(fc_change_cue_before(text, 0, fig));
    fig = at_marker("by the end of 2023 there were |3.38 million");
    assert_false(fc_change_cue_before(text, 0, fig));
}

static void test_streak_cues(void **state) {
    size_t at;
    (void)state;
    at = at_marker("for the 14th| consecutive year");
    assert_true(fc_streak_cue_after(text, at, strlen(text)));
    at = at_marker("for the third| month in a row");
    assert_true(fc_streak_cue_after(text, at, strlen(text)));
    at = at_marker("an eighth| straight year");
    assert_true(fc_streak_cue_after(text, at, strlen(text)));
    /* a figure with a streak later in its sentence is no streak */
    at = at_marker("3.7 percent| for the third consecutive month");
    assert_false(fc_streak_cue_after(text, at, strlen(text)));
    at = at_marker("the third| row of seats");
    assert_false(fc_streak_cue_after(text, at, strlen(text)));
}

static void test_base_cues(void **state) {
    const char *t;
    (void)state;
    t = "up 35.8 percent year on year";
    assert_int_equal(fc_base_cue(t, 0, strlen(t)), BASE_YEAR);
    t = "up 12.1% month-on-month";
    assert_int_equal(fc_base_cue(t, 0, strlen(t)), BASE_MONTH);
    t = "an increase from a year earlier";
    assert_int_equal(fc_base_cue(t, 0, strlen(t)), BASE_YEAR);
    t = "the highest on record";
    assert_int_equal(fc_base_cue(t, 0, strlen(t)), BASE_NONE);
    /* "yearly" holds no "y/y" */
    t = "a yearly total";
    assert_int_equal(fc_base_cue(t, 0, strlen(t)), BASE_NONE);
}

static void test_base_markers(void **state) {
    size_t at;
    (void)state;
    at = at_marker("up 447 from |the end of 2021");
    assert_true(fc_base_marker_before(text, 0, at));
    at = at_marker("a rise of 5% over |2021");
    assert_true(fc_base_marker_before(text, 0, at));
    at = at_marker("compared with |2022");
    assert_true(fc_base_marker_before(text, 0, at));
    at = at_marker("higher than |in 2020");
    assert_true(fc_base_marker_before(text, 0, at));
    /* the figure's own period */
    at = at_marker("3.38 million base stations by |the end of 2023");
    assert_false(fc_base_marker_before(text, 0, at));
    at = at_marker("sales rose 5% in |2023");
    assert_false(fc_base_marker_before(text, 0, at));
    /* a long run of words before the marker: the last ones count */
    at = at_marker("In December alone, the index grew 6.8 percent from |a "
                   "year earlier");
    assert_true(fc_base_marker_before(text, 0, at));
    at = at_marker("growth of 96.9% and 93.4% on |the year before");
    assert_true(fc_base_marker_before(text, 0, at));
}

static void test_opens_clause(void **state) {
    size_t at;
    (void)state;
    at = at_marker("|A year earlier, it was 3.5 percent");
    assert_true(fc_opens_clause(text, 0, at));
    at = at_marker("it was 3.7 percent, and |a year earlier 3.5 percent");
    assert_true(fc_opens_clause(text, 0, at));
    at = at_marker("It was 3.7 percent; |a year earlier it was 3.5");
    assert_true(fc_opens_clause(text, 0, at));
    at = at_marker("output hit 7.06m, almost double |the year before");
    assert_false(fc_opens_clause(text, 0, at));
}

/* ---- populations and shares ---------------------------------------------- */

static void test_paren_population(void **state) {
    char pop[64];
    size_t fig, s, e;
    (void)state;
    fig = at_marker("the rates for adult men (|3.6 percent)");
    assert_true(fc_paren_population(text, 0, fig, &s, &e));
    assert_string_equal(slice(text, s, e), "adult men");
    fc_population_text(text + s, e - s, pop, sizeof pop);
    assert_string_equal(pop, "adult_men");
    fig = at_marker("teenagers (|10.6 percent), Whites");
    assert_true(fc_paren_population(text, 0, fig, &s, &e));
    assert_string_equal(slice(text, s, e), "teenagers");
    /* no parenthesis, or nothing before it */
    fig = at_marker("the rate for men was |3.6 percent");
    assert_false(fc_paren_population(text, 0, fig, &s, &e));
    fig = at_marker("(|3.6 percent)");
    assert_false(fc_paren_population(text, 0, fig, &s, &e));
    fc_population_text("The Black", 9, pop, sizeof pop);
    assert_string_equal(pop, "black");
}

static void test_share_phrases(void **state) {
    const char *t = "the market share of new cars";
    (void)state;
    assert_true(fc_phrase_is_share(t, 4, 16));
    assert_false(fc_phrase_is_share(t, 4, 10));
    assert_false(fc_phrase_is_share(t, 4, 4));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_normalises),
        cmocka_unit_test(test_key_out_of_room),
        cmocka_unit_test(test_after),
        cmocka_unit_test(test_before_clause_subject),
        cmocka_unit_test(test_clause_start),
        cmocka_unit_test(test_anaphors),
        cmocka_unit_test(test_revision_cues),
        cmocka_unit_test(test_change_cues),
        cmocka_unit_test(test_streak_cues),
        cmocka_unit_test(test_base_cues),
        cmocka_unit_test(test_base_markers),
        cmocka_unit_test(test_opens_clause),
        cmocka_unit_test(test_paren_population),
        cmocka_unit_test(test_share_phrases),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
