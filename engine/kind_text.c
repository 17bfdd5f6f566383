/*
** kind_text.c -- text rules: a pattern over every dated document's text
** and a condition on the numbers its named groups capture (an expression,
** expr.c), optionally with a second pattern the same sentence must match.
** "the 5th consecutive year" in a report of 2024 whose streak began in
** 2015 is the kind of thing they find.
**
** A text rule reads the documents, not the facts: each match that meets
** the condition becomes a finding over a fact made for it (the quote, its
** span, the first number as its value).
*/
#include "check.h"

#include <stdlib.h>
#include <string.h>

typedef struct tvars {
    const fc_rule *r;
    const fc_rules *rs;
    const char *text;
    pcre2_match_data *md;
    int doc_year;
} tvars;

/* A number from a group's text: digits (with an ordinal suffix), or a
** number or ordinal word of the lexicon. */
static int group_number(const tvars *t, const char *s, size_t n, double *out) {
    size_t i = 0;
    double v = 0;
    const lx_word *w;
    while (i < n && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    if (i > 0) {
        *out = v;
        return FC_OK;
    }
    if (t->rs->lx) {
        if ((w = lx_words_find(&t->rs->lx->ordinals, s, n)) != NULL ||
            (w = lx_words_find(&t->rs->lx->words, s, n)) != NULL) {
            *out = w->value;
            return FC_OK;
        }
    }
    return FC_EINPUT;
}

static int tvar(void *p, const char *name, double *out) {
    const tvars *t = p;
    int k;
    PCRE2_SIZE *o;
    if (!strcmp(name, "doc_year")) {
        *out = t->doc_year;
        return FC_OK;
    }
    o = pcre2_get_ovector_pointer(t->md);
    k = pcre2_substring_number_from_name(t->r->pattern, (PCRE2_SPTR)name);
    if (k < 0) {
        /* a name given to several groups: the first that matched */
        PCRE2_SPTR first, last;
        int size = pcre2_substring_nametable_scan(t->r->pattern,
                                                  (PCRE2_SPTR)name, &first,
                                                  &last);
        if (size <= 0) return FC_EINPUT;
        for (; first <= last; first += size) {
            int g = (first[0] << 8) | first[1];
            if (o[2 * g] != PCRE2_UNSET) {
                k = g;
                break;
            }
        }
        if (k < 0) return FC_EINPUT;
    }
    if (o[2 * k] == PCRE2_UNSET) return FC_EINPUT;
    return group_number(t, t->text + o[2 * k], o[2 * k + 1] - o[2 * k], out);
}

/* A pattern of rule r that stopped at a limit (regex.h) while matching
** doc from byte `from`: an error at the pattern, naming the rule and the
** document.  It is never taken for "no match", which would drop findings
** without a word. */
static int pattern_failed(ck_ctx *c, const fc_doc *doc, const char *field,
                          rule_at at, int rc, size_t from) {
    const fc_rule *r = c->rule;
    char why[256];
    fc_rematch_error(rc, why, sizeof why);
    fc_diags_add(c->d, FC_DIAG_ERROR, r->file, at.line, at.column, -1, field,
                 "rule \"%s\": matching document \"%s\"%s%s%s from byte "
                 "%zu stopped: %s (nested repeats such as (a+)+ can take "
                 "forever to fail: simplify the pattern)",
                 r->id, doc->id, doc->path ? " (" : "",
                 doc->path ? doc->path : "", doc->path ? ")" : "", from, why);
    c->status = FC_EINPUT;
    return FC_EINPUT;
}

static int text_doc(void *p, const fc_doc *doc) {
    ck_ctx *c = p;
    const fc_rule *r = c->rule;
    tvars t;
    size_t pos = 0;
    double cond;
    if (!doc->published) return FC_OK;
    t.r = r;
    t.rs = c->rs;
    t.text = doc->text;
    t.doc_year = fc_date_year(doc->published);
    t.md = pcre2_match_data_create_from_pattern(r->pattern, NULL);
    if (!t.md) return FC_ENOMEM;
    while (pos <= doc->len) {
        PCRE2_SIZE *o;
        size_t s, e;
        int rc = fc_rematch_run(c->rs->rm, r->pattern, doc->text, doc->len,
                                pos, 0, t.md);
        if (rc == 0) break;
        if (rc < 0) {
            pcre2_match_data_free(t.md);
            return pattern_failed(c, doc, "pattern", r->at_pattern, rc, pos);
        }
        o = pcre2_get_ovector_pointer(t.md);
        s = o[0];
        e = o[1];
        pos = e > s ? e : s + 1;
        {
            const char *why = NULL;
            if (fc_expr_eval_why(r->expr, tvar, NULL, &t, &cond, &why,
                                 NULL) != FC_OK) {
                /* a group that is not a number is no match; arithmetic
                   that has no value for this match is said */
                if (why)
                    fc_diags_add(c->d, FC_DIAG_WARNING, r->file,
                                 r->at_expr.line, r->at_expr.column, -1,
                                 "condition",
                                 "rule \"%s\": the condition cannot be "
                                 "evaluated for the match at byte %zu of "
                                 "document \"%s\": %s; the match was not "
                                 "checked",
                                 r->id, s, doc->id, why);
                continue;
            }
            if (cond == 0) continue;
        }
        if (r->sentence) {
            /* the sentence around the match must say it too */
            size_t a = s, b = e;
            pcre2_match_data *md2 =
                pcre2_match_data_create_from_pattern(r->sentence, NULL);
            int hit;
            while (a > 0 && !strchr(".!?\n", doc->text[a - 1])) a--;
            while (b < doc->len && !strchr(".!?\n", doc->text[b])) b++;
            if (!md2) {
                c->status = FC_ENOMEM;
                break;
            }
            hit = fc_rematch_run(c->rs->rm, r->sentence, doc->text + a, b - a,
                                 0, 0, md2);
            pcre2_match_data_free(md2);
            if (hit < 0) {
                pcre2_match_data_free(t.md);
                return pattern_failed(c, doc, "sentence", r->at_sentence, hit,
                                      a);
            }
            if (!hit) continue;
        }
        {
            fc_tfact tf;
            fc_fact *one[1];
            char id[96], year[16];
            ck_extra ex[24];
            char vals[16][48];
            size_t nex = 0, g;
            uint32_t count = 0, size = 0;
            PCRE2_SPTR table;
            char *quote = fc_strndup(doc->text + s, e - s);
            memset(&tf, 0, sizeof tf);
            snprintf(id, sizeof id, "%s:%s:%zu", doc->id, r->id, s);
            tf.f.id = id;
            tf.f.doc = doc->id;
            tf.dm = ck_doc_of(c, doc->id);
            tf.f.span.start = (long long)s;
            tf.f.span.end = (long long)e;
            fc_doc_linecol(doc, s, &tf.f.span.line, &tf.f.span.column);
            tf.f.text = quote;
            tf.f.value = tf.f.lo = tf.f.hi = 0;
            /* the first numeric group is the figure's value */
            pcre2_pattern_info(r->pattern, PCRE2_INFO_NAMECOUNT, &count);
            pcre2_pattern_info(r->pattern, PCRE2_INFO_NAMEENTRYSIZE, &size);
            pcre2_pattern_info(r->pattern, PCRE2_INFO_NAMETABLE, &table);
            snprintf(year, sizeof year, "%d", t.doc_year);
            ex[nex].name = "doc_year";
            ex[nex++].value = year;
            for (g = 0; g < count && g < 16; g++) {
                const char *name = (const char *)(table + g * size + 2);
                double num;
                if (tvar(&t, name, &num) == FC_OK) {
                    snprintf(vals[g], sizeof vals[g], "%.15g", num);
                    if (tf.f.value == 0) tf.f.value = tf.f.lo = tf.f.hi = num;
                } else {
                    snprintf(vals[g], sizeof vals[g], "?");
                }
                ex[nex].name = name;
                ex[nex++].value = vals[g];
            }
            /* {=expression} placeholders */
            {
                size_t i;
                static char evals[8][48];
                size_t ne = 0;
                for (i = 0; i < r->nmsg && ne < 8 && nex < 24; i++) {
                    fc_expr *e2 = NULL;
                    double out;
                    if (!r->msg[i].is_field || r->msg[i].text[0] != '=') continue;
                    if (fc_expr_parse(r->msg[i].text + 1, &e2, NULL, NULL, 0) ==
                            FC_OK &&
                        fc_expr_eval(e2, tvar, NULL, &t, &out) == FC_OK)
                        snprintf(evals[ne], sizeof evals[ne], "%.15g", out);
                    else
                        snprintf(evals[ne], sizeof evals[ne], "?");
                    fc_expr_free(e2);
                    ex[nex].name = r->msg[i].text;
                    ex[nex++].value = evals[ne++];
                }
            }
            one[0] = &tf.f;
            ck_add(c, FC_TYPE_TEXT, r->severity, one, NULL, 1, ex, nex);
            free(quote);
        }
        if (c->status != FC_OK) break;
    }
    pcre2_match_data_free(t.md);
    return c->status;
}

static void plan(const fc_rule *r, ck_plan *p) {
    (void)r;
    p->doc = text_doc;
}

const ck_kind ck_kind_text = {"text", plan, NULL};
