/*
** lexicon.c -- load and compile the extraction lexicon (rules/lexicon/).
**
** Five JSON files: numbers.json, qualifiers.json, units.json, periods.json
** and metrics.json.  Everything is validated before anything is used, and
** every problem is reported at its file, line and column; a bad pattern is
** reported at the character PCRE2 complains about.  Every pattern is
** compiled once, caselessly, in UTF mode, and JIT-compiled.
*/
#include "lexicon.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct loader {
    fc_lexicon *lx;
    fc_diags *d;
    int oom;
} loader;

/* ---- patterns ------------------------------------------------------------ */


static pcre2_code *compile_at(loader *L, fc_jval at, const char *field,
                              const char *pattern, uint32_t extra) {
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re;
    uint32_t groups;

    /* An anchored pattern is tried at one position, where it fails fast;
    ** its start-up checks would cost more: the JIT code of 10.42 looks for
    ** a code unit the match needs as far as the end of the subject, the
    ** rest of the document, each time. */
    if (extra & PCRE2_ANCHORED) extra |= PCRE2_NO_START_OPTIMIZE;
    re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                       PCRE2_CASELESS | PCRE2_UTF | PCRE2_NO_UTF_CHECK |
                           PCRE2_DUPNAMES | extra,
                       &errcode, &erroff, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        fc_jval pos = at;
        pcre2_get_error_message(errcode, msg, sizeof msg);
        if (at.off >= 0 && json_is_string(at.v))
            pos.off = fc_jval_string_offset(at, (size_t)erroff);
        fc_jval_error(pos, field, "bad pattern: %s (at offset %zu of the "
                                  "pattern)",
                      (const char *)msg, (size_t)erroff);
        return NULL;
    }
    /* the interpreter for all if one has no JIT code */
    if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0) L->lx->no_jit = 1;
    if (pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups) == 0 &&
        groups + 1 > L->lx->max_groups)
        L->lx->max_groups = groups + 1;
    return re;
}

/* Append a pattern with each plain space (not escaped, not inside a
** character class) turned into \s+, so that phrases match across the line
** breaks of wrapped text and runs of spaces. */
static void spaces_as_whitespace(fc_buf *b, const char *p) {
    int in_class = 0;
    for (; *p; p++) {
        if (*p == '\\' && p[1]) {
            fc_buf_putc(b, *p++);
            fc_buf_putc(b, *p);
            continue;
        }
        if (in_class) {
            if (*p == ']') in_class = 0;
            fc_buf_putc(b, *p);
            continue;
        }
        if (*p == '[') {
            in_class = 1;
            fc_buf_putc(b, *p);
            if (p[1] == '^') fc_buf_putc(b, *++p);
            if (p[1] == ']') fc_buf_putc(b, *++p); /* a literal ] first */
            continue;
        }
        if (*p == ' ') {
            while (p[1] == ' ') p++;
            fc_buf_puts(b, "\\s+");
            continue;
        }
        fc_buf_putc(b, *p);
    }
}

/* Compile member `key` of obj (a string) wrapped as prefix (?:PAT) suffix.
** When `at` is not NULL, also compile *at, the same pattern anchored: the
** extractor matches it at one position, and PCRE2 runs the JIT code only
** for patterns compiled anchored, never for PCRE2_ANCHORED given to
** pcre2_match.  Absent: *out and *at stay NULL and FC_OK. */
static int pattern_member_at(loader *L, fc_jval obj, const char *key,
                             const char *prefix, const char *suffix,
                             uint32_t extra, pcre2_code **out,
                             pcre2_code **at) {
    fc_jval m = fc_jval_member(obj, key);
    fc_buf b;
    if (!m.v) return FC_OK;
    if (!json_is_string(m.v) || json_string_length(m.v) == 0) {
        fc_jval_error(m, key, "expected a non-empty pattern string, got %s",
                      fc_json_type_name(m.v));
        return FC_EINPUT;
    }
    /* Check the pattern on its own first, so that error offsets are
    ** offsets into what the user wrote. */
    {
        pcre2_code *alone = compile_at(L, m, key, json_string_value(m.v), 0);
        if (!alone) return FC_EINPUT;
        pcre2_code_free(alone);
    }
    fc_buf_init(&b);
    fc_buf_puts(&b, prefix);
    fc_buf_puts(&b, "(?:");
    spaces_as_whitespace(&b, json_string_value(m.v));
    fc_buf_puts(&b, ")");
    fc_buf_puts(&b, suffix);
    if (b.oom) {
        L->oom = 1;
        return FC_ENOMEM;
    }
    *out = compile_at(L, m, key, b.data, extra);
    if (*out && at &&
        !(*at = compile_at(L, m, key, b.data, extra | PCRE2_ANCHORED))) {
        pcre2_code_free(*out);
        *out = NULL;
    }
    fc_buf_free(&b);
    return *out ? FC_OK : FC_EINPUT;
}

static int pattern_member(loader *L, fc_jval obj, const char *key,
                          const char *prefix, const char *suffix,
                          uint32_t extra, pcre2_code **out) {
    return pattern_member_at(L, obj, key, prefix, suffix, extra, out, NULL);
}

/* ---- word lists ---------------------------------------------------------- */

static int word_cmp_len(const void *a, const void *b) {
    const lx_word *x = a, *y = b;
    size_t lx = strlen(x->text), ly = strlen(y->text);
    if (lx != ly) return lx > ly ? -1 : 1;
    return strcmp(x->text, y->text);
}

static int load_words(loader *L, fc_jval obj, const char *key, lx_words *w,
                      int required) {
    fc_jval m = fc_jval_member(obj, key);
    const char *k;
    json_t *v;
    size_t i = 0;
    if (!m.v) {
        if (!required) return FC_OK;
        fc_jval_error(obj, key, "missing required field");
        return FC_EINPUT;
    }
    if (!json_is_object(m.v)) {
        fc_jval_error(m, key, "expected an object of phrases and numbers, "
                              "got %s",
                      fc_json_type_name(m.v));
        return FC_EINPUT;
    }
    w->items = calloc(json_object_size(m.v) + 1, sizeof *w->items);
    if (!w->items) {
        L->oom = 1;
        return FC_ENOMEM;
    }
    json_object_foreach(m.v, k, v) {
        if (!json_is_number(v) || !isfinite(json_number_value(v))) {
            fc_jval at = fc_jval_member(m, k);
            fc_jval_error(at, k, "expected a number, got %s",
                          fc_json_type_name(v));
            continue;
        }
        if (!(w->items[i].text = fc_strdup(k))) {
            L->oom = 1;
            return FC_ENOMEM;
        }
        w->items[i++].value = json_number_value(v);
    }
    w->n = i;
    qsort(w->items, w->n, sizeof *w->items, word_cmp_len);
    return FC_OK;
}

const lx_word *lx_words_find(const lx_words *w, const char *s, size_t len) {
    size_t i;
    for (i = 0; i < w->n; i++) {
        const char *t = w->items[i].text;
        size_t k;
        if (strlen(t) != len) continue;
        for (k = 0; k < len; k++)
            if (tolower((unsigned char)t[k]) != tolower((unsigned char)s[k]))
                break;
        if (k == len) return &w->items[i];
    }
    return NULL;
}

/* Append the phrases of w as a regex alternation (longest first), with
** spaces matching any run of white space. */
static void alternation(fc_buf *b, const lx_words *w) {
    size_t i;
    const char *p;
    fc_buf_puts(b, "(?:");
    for (i = 0; i < w->n; i++) {
        if (i) fc_buf_putc(b, '|');
        for (p = w->items[i].text; *p; p++) {
            if (*p == ' ')
                fc_buf_puts(b, "\\s+");
            else if (strchr("\\^$.|?*+()[]{}", *p))
                fc_buf_printf(b, "\\%c", *p);
            else
                fc_buf_putc(b, *p);
        }
    }
    if (w->n == 0) fc_buf_puts(b, "(*FAIL)");
    fc_buf_puts(b, ")");
}

static void free_words(lx_words *w) {
    size_t i;
    for (i = 0; i < w->n; i++) free(w->items[i].text);
    free(w->items);
    memset(w, 0, sizeof *w);
}

/* ---- the files ------------------------------------------------------------ */

static int open_file(loader *L, const char *dir, const char *name,
                     fc_jfile *jf) {
    fc_buf path;
    int st;
    fc_buf_init(&path);
    fc_buf_printf(&path, "%s/lexicon/%s", dir, name);
    if (path.oom) return FC_ENOMEM;
    st = fc_jfile_load(jf, path.data, L->d);
    fc_buf_free(&path);
    if (st == FC_OK && !json_is_object(jf->root)) {
        fc_jval_error(fc_jfile_root(jf), NULL, "expected an object, got %s",
                      fc_json_type_name(jf->root));
        st = FC_EINPUT;
    }
    return st;
}

static int load_numbers(loader *L, fc_jfile *jf) {
    static const char *const known[] = {"about", "scales", "suffixes", "words",
                                        "fractions", "multiples", "ordinals",
                                        NULL};
    fc_jval root = fc_jfile_root(jf);
    fc_lexicon *lx = L->lx;
    fc_buf b;
    size_t i;

    fc_jval_unknown_fields(root, known);
    load_words(L, root, "scales", &lx->scales, 1);
    load_words(L, root, "suffixes", &lx->suffixes, 0);
    load_words(L, root, "words", &lx->words, 1);
    load_words(L, root, "fractions", &lx->fractions, 0);
    load_words(L, root, "multiples", &lx->multiples, 0);
    load_words(L, root, "ordinals", &lx->ordinals, 0);
    if (jf->errors || L->oom) return FC_EINPUT;

    fc_buf_init(&b);
    fc_buf_puts(&b, "(?<![\\w.,])(?:(?<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|"
                    "\\d+(?:\\.\\d+)?)(?<suf>");
    alternation(&b, &lx->suffixes);
    fc_buf_puts(&b, ")?(?![\\w])|(?<mult>");
    alternation(&b, &lx->multiples);
    fc_buf_puts(&b, ")\\b|(?<frac>");
    alternation(&b, &lx->fractions);
    fc_buf_puts(&b, ")\\b|(?<word>");
    alternation(&b, &lx->words);
    fc_buf_puts(&b, ")(?:-(?<word2>");
    {
        /* the ones that may follow a tens word: twenty-five */
        lx_words ones;
        memset(&ones, 0, sizeof ones);
        ones.items = calloc(lx->words.n + 1, sizeof *ones.items);
        if (!ones.items) {
            fc_buf_free(&b);
            return FC_ENOMEM;
        }
        for (i = 0; i < lx->words.n; i++)
            if (lx->words.items[i].value >= 1 &&
                lx->words.items[i].value <= 9 &&
                !strchr(lx->words.items[i].text, ' '))
                ones.items[ones.n++] = lx->words.items[i];
        alternation(&b, &ones);
        free(ones.items); /* the texts belong to lx->words */
    }
    fc_buf_puts(&b, "))?\\b)");
    if (b.oom) {
        fc_buf_free(&b);
        return FC_ENOMEM;
    }
    lx->number = compile_at(L, root, NULL, b.data, 0);
    lx->number_at = compile_at(L, root, NULL, b.data, PCRE2_ANCHORED);
    fc_buf_free(&b);

    fc_buf_init(&b);
    fc_buf_puts(&b, "\\s+(?<scale>");
    alternation(&b, &lx->scales);
    fc_buf_puts(&b, ")\\b");
    if (!b.oom) {
        lx->scale_re = compile_at(L, root, NULL, b.data, 0);
        lx->scale_at = compile_at(L, root, NULL, b.data, PCRE2_ANCHORED);
    }
    fc_buf_free(&b);
    return lx->number && lx->number_at && lx->scale_re && lx->scale_at
               ? FC_OK
               : FC_EINPUT;
}

static const char *const qualifier_names[QK_COUNT + 1] = {
    "exact", "approx", "more_than", "at_least", "less_than",
    "at_most", "nearly", "range", NULL};

static int qualifier_kind(const char *s) {
    int k;
    for (k = 0; k < QK_COUNT; k++)
        if (strcmp(qualifier_names[k], s) == 0) return k;
    return -1;
}

typedef struct expr_check {
    fc_jval at;
    const char *field;
    const char *src;
    int bad;
} expr_check;

static int check_expr_name(void *ctx, const char *name, size_t offset,
                           int is_call, int nargs) {
    static const char *const vars[] = {"v", "u", "m", "lo", "hi", NULL};
    static const char *const funcs[] = {"min", "max", NULL};
    expr_check *c = ctx;
    const char *const *list = is_call ? funcs : vars;
    size_t i;
    fc_jval pos = c->at;
    for (i = 0; list[i]; i++)
        if (strcmp(list[i], name) == 0) break;
    if (c->at.off >= 0)
        pos.off = fc_jval_string_offset(c->at, offset);
    if (!list[i]) {
        fc_jval_error(pos, c->field,
                      is_call ? "unknown function \"%s\" (expected min or max)"
                              : "unknown name \"%s\" (expected v, u, m, lo "
                                "or hi)",
                      name);
        c->bad = 1;
    } else if (is_call && nargs != 2) {
        fc_jval_error(pos, c->field, "%s() takes 2 arguments, not %d", name,
                      nargs);
        c->bad = 1;
    }
    return FC_OK;
}

static fc_expr *interval_expr(loader *L, fc_jval obj, const char *key,
                              const char *kind) {
    fc_jval m = fc_jval_member(obj, key);
    fc_expr *e;
    char note[64];
    expr_check c;
    (void)L;
    if (!m.v) {
        fc_jval_error(obj, key, "missing required field");
        return NULL;
    }
    snprintf(note, sizeof note, "in the %s interval", kind);
    if (!(e = fc_expr_at(m, key, note))) return NULL;
    c.at = m;
    c.field = key;
    c.src = json_string_value(m.v);
    c.bad = 0;
    fc_expr_each_name(e, check_expr_name, &c);
    if (c.bad) {
        fc_expr_free(e);
        return NULL;
    }
    return e;
}

static int load_qualifiers(loader *L, fc_jfile *jf) {
    static const char *const known[] = {"about", "qualifiers", "intervals",
                                        NULL};
    static const char *const qknown[] = {"kind", "before", "after", NULL};
    fc_jval root = fc_jfile_root(jf), list, iv;
    fc_lexicon *lx = L->lx;
    size_t i, n;
    int k;

    fc_jval_unknown_fields(root, known);
    list = fc_jval_member(root, "qualifiers");
    if (!json_is_array(list.v)) {
        if (!list.v)
            fc_jval_error(root, "qualifiers", "missing required field");
        else
            fc_jval_error(list, "qualifiers", "expected an array, got %s",
                          fc_json_type_name(list.v));
        return FC_EINPUT;
    }
    n = json_array_size(list.v);
    lx->quals = calloc(n + 1, sizeof *lx->quals);
    if (!lx->quals) return FC_ENOMEM;
    for (i = 0; i < n; i++) {
        fc_jval q = fc_jval_element(list, i);
        const char *kind = NULL;
        int has_before, has_after;
        if (!json_is_object(q.v)) {
            fc_jval_error(q, NULL, "expected an object, got %s",
                          fc_json_type_name(q.v));
            continue;
        }
        fc_jval_unknown_fields(q, qknown);
        if (fc_jval_require(q, "kind") != FC_OK ||
            fc_jval_string(q, "kind", &kind) != FC_OK || !kind)
            continue;
        if ((k = qualifier_kind(kind)) < 0) {
            fc_jval_error(fc_jval_member(q, "kind"), "kind",
                          "unknown qualifier \"%s\" (expected one of exact, "
                          "approx, more_than, at_least, less_than, at_most, "
                          "nearly, range)",
                          kind);
            continue;
        }
        has_before = json_object_get(q.v, "before") != NULL;
        has_after = json_object_get(q.v, "after") != NULL;
        if (has_before == has_after) {
            fc_jval_error(q, NULL, "give exactly one of \"before\" and "
                                   "\"after\"");
            continue;
        }
        lx->quals[lx->nquals].kind = k;
        lx->quals[lx->nquals].after = has_after;
        /* before: the phrase ends where the figure starts (the search
        ** runs over a window that ends there); after: anchored. */
        if (has_before)
            pattern_member(L, q, "before", "(?<![\\w])",
                           "[\\s\\-]*(?:the\\s+)?(?:level of\\s+|mark of\\s+)?"
                           "\\z",
                           0, &lx->quals[lx->nquals].re);
        else
            pattern_member(L, q, "after", "\\s*", "(?![\\w])",
                           PCRE2_ANCHORED, &lx->quals[lx->nquals].re);
        if (lx->quals[lx->nquals].re) lx->nquals++;
    }
    iv = fc_jval_member(root, "intervals");
    if (!json_is_object(iv.v)) {
        if (!iv.v)
            fc_jval_error(root, "intervals", "missing required field");
        else
            fc_jval_error(iv, "intervals", "expected an object, got %s",
                          fc_json_type_name(iv.v));
        return FC_EINPUT;
    }
    fc_jval_unknown_fields(iv, qualifier_names);
    for (k = 0; k < QK_COUNT; k++) {
        fc_jval f = fc_jval_member(iv, qualifier_names[k]);
        static const char *const lohi[] = {"lo", "hi", NULL};
        if (!f.v) {
            fc_jval_error(iv, qualifier_names[k],
                          "missing the interval of this qualifier");
            continue;
        }
        if (!json_is_object(f.v)) {
            fc_jval_error(f, qualifier_names[k],
                          "expected an object {\"lo\": ..., \"hi\": ...}, "
                          "got %s",
                          fc_json_type_name(f.v));
            continue;
        }
        fc_jval_unknown_fields(f, lohi);
        lx->lo[k] = interval_expr(L, f, "lo", qualifier_names[k]);
        lx->hi[k] = interval_expr(L, f, "hi", qualifier_names[k]);
    }
    return jf->errors ? FC_EINPUT : FC_OK;
}

/* Load an array of {unit, pattern} into *out. */
static int load_unit_list(loader *L, fc_jval root, const char *key,
                          lx_unit **out, size_t *nout, const char *prefix,
                          const char *suffix, uint32_t extra) {
    static const char *const known[] = {"unit", "pattern", NULL};
    fc_jval list = fc_jval_member(root, key);
    size_t i, n;
    if (!list.v) return FC_OK;
    if (!json_is_array(list.v)) {
        fc_jval_error(list, key, "expected an array, got %s",
                      fc_json_type_name(list.v));
        return FC_EINPUT;
    }
    n = json_array_size(list.v);
    *out = calloc(n + 1, sizeof **out);
    if (!*out) return FC_ENOMEM;
    for (i = 0; i < n; i++) {
        fc_jval u = fc_jval_element(list, i);
        const char *unit = NULL;
        lx_unit *slot = &(*out)[*nout];
        if (!json_is_object(u.v)) {
            fc_jval_error(u, NULL, "expected an object, got %s",
                          fc_json_type_name(u.v));
            continue;
        }
        fc_jval_unknown_fields(u, known);
        if (fc_jval_require(u, "unit") != FC_OK ||
            fc_jval_require(u, "pattern") != FC_OK ||
            fc_jval_string(u, "unit", &unit) != FC_OK || !unit)
            continue;
        if (pattern_member(L, u, "pattern", prefix, suffix, extra,
                           &slot->re) != FC_OK)
            continue;
        if (!(slot->unit = fc_strdup(unit))) return FC_ENOMEM;
        (*nout)++;
    }
    return FC_OK;
}

static int load_units(loader *L, fc_jfile *jf) {
    static const char *const known[] = {"about", "before", "after", "growth",
                                        NULL};
    static const char *const gknown[] = {"up", "down", NULL};
    fc_jval root = fc_jfile_root(jf), g;
    fc_lexicon *lx = L->lx;

    fc_jval_unknown_fields(root, known);
    load_unit_list(L, root, "before", &lx->units_before, &lx->nunits_before,
                   "(?<![\\w])", "\\s*\\z", 0);
    load_unit_list(L, root, "after", &lx->units_after, &lx->nunits_after,
                   "\\s*", "", PCRE2_ANCHORED);
    g = fc_jval_member(root, "growth");
    if (g.v) {
        if (!json_is_object(g.v)) {
            fc_jval_error(g, "growth", "expected an object, got %s",
                          fc_json_type_name(g.v));
        } else {
            fc_jval_unknown_fields(g, gknown);
            pattern_member(L, g, "up", "(?<![\\w])", "\\s*\\z", 0,
                           &lx->growth_up);
            pattern_member(L, g, "down", "(?<![\\w])", "\\s*\\z", 0,
                           &lx->growth_down);
        }
    }
    return jf->errors ? FC_EINPUT : FC_OK;
}

static int load_periods(loader *L, fc_jfile *jf) {
    static const char *const known[] = {"about", "months", "periods", "status",
                                        "datelines", NULL};
    static const char *const pknown[] = {"resolve", "pattern", "offset", "per",
                                         "base", NULL};
    static const char *const sknown[] = {"status", "pattern", NULL};
    static const char *const resolves[] = {"year", "year_end", "date", "span",
                                           "doc_year", "as_of_doc", "since",
                                           "doc_year_end", "doc_date",
                                           "month", "doc_month", "months",
                                           "earlier", NULL};
    static const char *const statuses[] = {"target", "forecast", "will", NULL};
    fc_jval root = fc_jfile_root(jf), list;
    fc_lexicon *lx = L->lx;
    size_t i, n;

    fc_jval_unknown_fields(root, known);
    load_words(L, root, "months", &lx->months, 1);

    list = fc_jval_member(root, "periods");
    n = json_is_array(list.v) ? json_array_size(list.v) : 0;
    if (list.v && !json_is_array(list.v))
        fc_jval_error(list, "periods", "expected an array, got %s",
                      fc_json_type_name(list.v));
    lx->periods = calloc(n + 1, sizeof *lx->periods);
    if (!lx->periods) return FC_ENOMEM;
    for (i = 0; i < n; i++) {
        fc_jval p = fc_jval_element(list, i);
        const char *resolve = NULL;
        double offset = 0, per = 1;
        int r;
        lx_period *slot = &lx->periods[lx->nperiods];
        if (!json_is_object(p.v)) {
            fc_jval_error(p, NULL, "expected an object, got %s",
                          fc_json_type_name(p.v));
            continue;
        }
        fc_jval_unknown_fields(p, pknown);
        if (fc_jval_require(p, "resolve") != FC_OK ||
            fc_jval_require(p, "pattern") != FC_OK ||
            fc_jval_string(p, "resolve", &resolve) != FC_OK || !resolve ||
            fc_jval_number(p, "offset", &offset) != FC_OK ||
            fc_jval_number(p, "per", &per) != FC_OK)
            continue;
        for (r = 0; resolves[r]; r++)
            if (strcmp(resolves[r], resolve) == 0) break;
        if (!resolves[r]) {
            fc_jval_error(fc_jval_member(p, "resolve"), "resolve",
                          "unknown resolution \"%s\" (expected one of year, "
                          "year_end, date, span, doc_year, as_of_doc, since, "
                          "doc_year_end, doc_date, month, doc_month, months, "
                          "earlier)",
                          resolve);
            continue;
        }
        if (offset != floor(offset) || fabs(offset) > 100) {
            fc_jval_error(fc_jval_member(p, "offset"), "offset",
                          "expected a whole number of years (of months "
                          "for doc_month and earlier) from -100 to 100");
            continue;
        }
        if (per != floor(per) || per < 1 || per > 12) {
            fc_jval_error(fc_jval_member(p, "per"), "per",
                          "expected a whole number of months from 1 to 12");
            continue;
        }
        {
            fc_jval b = fc_jval_member(p, "base");
            if (b.v && !json_is_boolean(b.v)) {
                fc_jval_error(b, "base", "expected true or false, got %s",
                              fc_json_type_name(b.v));
                continue;
            }
            slot->base = b.v && json_is_true(b.v);
        }
        slot->resolve = r;
        slot->offset = (int)offset;
        slot->per = (int)per;
        if (pattern_member_at(L, p, "pattern", "", "", 0, &slot->re,
                              &slot->at) == FC_OK)
            lx->nperiods++;
    }

    list = fc_jval_member(root, "status");
    n = json_is_array(list.v) ? json_array_size(list.v) : 0;
    if (list.v && !json_is_array(list.v))
        fc_jval_error(list, "status", "expected an array, got %s",
                      fc_json_type_name(list.v));
    lx->statuses = calloc(n + 1, sizeof *lx->statuses);
    if (!lx->statuses) return FC_ENOMEM;
    for (i = 0; i < n; i++) {
        fc_jval p = fc_jval_element(list, i);
        const char *status = NULL;
        int r;
        lx_status *slot = &lx->statuses[lx->nstatuses];
        if (!json_is_object(p.v)) {
            fc_jval_error(p, NULL, "expected an object, got %s",
                          fc_json_type_name(p.v));
            continue;
        }
        fc_jval_unknown_fields(p, sknown);
        if (fc_jval_require(p, "status") != FC_OK ||
            fc_jval_require(p, "pattern") != FC_OK ||
            fc_jval_string(p, "status", &status) != FC_OK || !status)
            continue;
        for (r = 0; statuses[r]; r++)
            if (strcmp(statuses[r], status) == 0) break;
        if (!statuses[r]) {
            fc_jval_error(fc_jval_member(p, "status"), "status",
                          "unknown status cue \"%s\" (expected target, "
                          "forecast or will)",
                          status);
            continue;
        }
        slot->status = r;
        if (pattern_member(L, p, "pattern", "", "", 0, &slot->re) == FC_OK)
            lx->nstatuses++;
    }

    list = fc_jval_member(root, "datelines");
    n = json_is_array(list.v) ? json_array_size(list.v) : 0;
    if (list.v && !json_is_array(list.v))
        fc_jval_error(list, "datelines", "expected an array, got %s",
                      fc_json_type_name(list.v));
    lx->datelines = calloc(n + 1, sizeof *lx->datelines);
    if (!lx->datelines) return FC_ENOMEM;
    for (i = 0; i < n; i++) {
        fc_jval p = fc_jval_element(list, i);
        static const char *const dknown[] = {"pattern", NULL};
        if (!json_is_object(p.v)) {
            fc_jval_error(p, NULL, "expected an object, got %s",
                          fc_json_type_name(p.v));
            continue;
        }
        fc_jval_unknown_fields(p, dknown);
        if (fc_jval_require(p, "pattern") == FC_OK &&
            pattern_member(L, p, "pattern", "", "", 0,
                           &lx->datelines[lx->ndatelines]) == FC_OK)
            lx->ndatelines++;
    }
    return jf->errors ? FC_EINPUT : FC_OK;
}

static int load_metric(loader *L, fc_jval e, lx_metric *slot) {
    static const char *const known[] = {
        "metric", "metrics", "unit", "after", "before", "share", "growth",
        "subject", "basis", "share_basis", "priority", "signed", "time",
        "window_days", "label", NULL};
    const char *metric = NULL, *unit = NULL, *share = NULL, *growth = NULL,
               *subject = NULL, *basis = NULL, *share_basis = NULL,
               *time = NULL, *label = NULL;
    double priority = 0, window = 0;
    fc_jval ms = fc_jval_member(e, "metrics"), sg = fc_jval_member(e, "signed");
    size_t before = L->lx->nmetrics, k;

    (void)before;
    if (!json_is_object(e.v)) {
        fc_jval_error(e, NULL, "expected an object, got %s",
                      fc_json_type_name(e.v));
        return FC_EINPUT;
    }
    fc_jval_unknown_fields(e, known);
    if (fc_jval_string(e, "metric", &metric) != FC_OK ||
        fc_jval_string(e, "unit", &unit) != FC_OK ||
        fc_jval_string(e, "share", &share) != FC_OK ||
        fc_jval_string(e, "growth", &growth) != FC_OK ||
        fc_jval_string(e, "subject", &subject) != FC_OK ||
        fc_jval_string(e, "basis", &basis) != FC_OK ||
        fc_jval_string(e, "share_basis", &share_basis) != FC_OK ||
        fc_jval_string(e, "time", &time) != FC_OK ||
        fc_jval_string(e, "label", &label) != FC_OK ||
        fc_jval_number(e, "priority", &priority) != FC_OK ||
        fc_jval_number(e, "window_days", &window) != FC_OK)
        return FC_EINPUT;
    if (window < 0 || window > 366 || window != (int)window) {
        fc_jval_error(fc_jval_member(e, "window_days"), "window_days",
                      "expected a whole number of days from 0 to 366");
        return FC_EINPUT;
    }
    if (window && (!time || strcmp(time, "stock"))) {
        fc_jval_error(fc_jval_member(e, "window_days"), "window_days",
                      "a reporting window needs \"time\": \"stock\"");
        return FC_EINPUT;
    }
    if (time && strcmp(time, "stock") && strcmp(time, "flow")) {
        fc_jval_error(fc_jval_member(e, "time"), "time",
                      "unknown time \"%s\" (expected stock or flow)", time);
        return FC_EINPUT;
    }
    if (!metric == !ms.v) {
        fc_jval_error(e, NULL, "give exactly one of \"metric\" and "
                               "\"metrics\"");
        return FC_EINPUT;
    }
    if (!unit) {
        fc_jval_error(e, "unit", "missing required field");
        return FC_EINPUT;
    }
    if (!json_object_get(e.v, "after") && !json_object_get(e.v, "before")) {
        fc_jval_error(e, NULL, "give \"after\", \"before\" or both");
        return FC_EINPUT;
    }
    if (sg.v && !json_is_boolean(sg.v)) {
        fc_jval_error(sg, "signed", "expected true or false, got %s",
                      fc_json_type_name(sg.v));
        return FC_EINPUT;
    }
    if (ms.v) {
        if (!json_is_array(ms.v) || json_array_size(ms.v) == 0) {
            fc_jval_error(ms, "metrics", "expected a non-empty array of "
                                         "metric names");
            return FC_EINPUT;
        }
        slot->nmetrics = json_array_size(ms.v);
        slot->metrics = calloc(slot->nmetrics, sizeof *slot->metrics);
        if (!slot->metrics) return FC_ENOMEM;
        for (k = 0; k < slot->nmetrics; k++) {
            json_t *s = json_array_get(ms.v, k);
            if (!json_is_string(s)) {
                fc_jval_error(fc_jval_element(ms, k), "metrics",
                              "expected a metric name, got %s",
                              fc_json_type_name(s));
                return FC_EINPUT;
            }
            if (!(slot->metrics[k] = fc_strdup(json_string_value(s))))
                return FC_ENOMEM;
        }
    }
    slot->metric = fc_strdup(metric);
    slot->unit = fc_strdup(unit);
    slot->share = fc_strdup(share);
    slot->growth = fc_strdup(growth);
    slot->subject = fc_strdup(subject);
    slot->basis = fc_strdup(basis);
    slot->share_basis = fc_strdup(share_basis);
    slot->priority = (int)priority;
    slot->is_signed = sg.v && json_is_true(sg.v);
    slot->time = !time ? 0 : !strcmp(time, "stock") ? LX_STOCK : LX_FLOW;
    slot->window_days = (int)window;
    if (label && !(slot->label = fc_strdup(label))) return FC_ENOMEM;
    if (pattern_member(L, e, "after", "", "(?![\\w])", PCRE2_ANCHORED,
                       &slot->after) != FC_OK ||
        pattern_member(L, e, "before", "", "", 0, &slot->before) != FC_OK)
        return FC_EINPUT;
    return FC_OK;
}

/* An array member key of {name_key, pattern_key} objects (both required),
** into *out.  FC_ENOMEM, else FC_OK (errors go to the file). */
static int load_named(loader *L, fc_jval root, const char *key,
                      const char *name_key, const char *pattern_key,
                      uint32_t flags, lx_named **out, size_t *nout) {
    const char *known[3];
    fc_jval list = fc_jval_member(root, key);
    size_t i, n = json_is_array(list.v) ? json_array_size(list.v) : 0;
    known[0] = name_key;
    known[1] = pattern_key;
    known[2] = NULL;
    if (list.v && !json_is_array(list.v))
        fc_jval_error(list, key, "expected an array, got %s",
                      fc_json_type_name(list.v));
    *out = calloc(n + 1, sizeof **out);
    if (!*out) return FC_ENOMEM;
    for (i = 0; i < n; i++) {
        fc_jval b = fc_jval_element(list, i);
        const char *name = NULL;
        lx_named *slot = &(*out)[*nout];
        if (!json_is_object(b.v)) {
            fc_jval_error(b, NULL, "expected an object, got %s",
                          fc_json_type_name(b.v));
            continue;
        }
        fc_jval_unknown_fields(b, known);
        if (fc_jval_require(b, name_key) != FC_OK ||
            fc_jval_require(b, pattern_key) != FC_OK ||
            fc_jval_string(b, name_key, &name) != FC_OK || !name)
            continue;
        if (pattern_member(L, b, pattern_key, "", "", flags, &slot->re) !=
            FC_OK)
            continue;
        if (!(slot->name = fc_strdup(name))) return FC_ENOMEM;
        (*nout)++;
    }
    return FC_OK;
}

static int load_metrics(loader *L, fc_jfile *jf) {
    static const char *const known[] = {"about", "default_subject",
                                        "part_cues", "bases", "populations",
                                        "metrics", NULL};
    fc_jval root = fc_jfile_root(jf), list;
    fc_lexicon *lx = L->lx;
    const char *subject = NULL;
    size_t i, n;

    fc_jval_unknown_fields(root, known);
    if (fc_jval_string(root, "default_subject", &subject) == FC_OK && subject)
        lx->default_subject = fc_strdup(subject);
    pattern_member_at(L, root, "part_cues", "", "", 0, &lx->part_cues,
                      &lx->part_cues_at);

    if (load_named(L, root, "bases", "basis", "after", PCRE2_ANCHORED,
                   &lx->bases, &lx->nbases) != FC_OK ||
        load_named(L, root, "populations", "population", "pattern", 0,
                   &lx->populations, &lx->npopulations) != FC_OK)
        return FC_ENOMEM;

    list = fc_jval_member(root, "metrics");
    if (!json_is_array(list.v)) {
        if (!list.v)
            fc_jval_error(root, "metrics", "missing required field");
        else
            fc_jval_error(list, "metrics", "expected an array, got %s",
                          fc_json_type_name(list.v));
        return FC_EINPUT;
    }
    n = json_array_size(list.v);
    lx->metrics = calloc(n + 1, sizeof *lx->metrics);
    if (!lx->metrics) return FC_ENOMEM;
    for (i = 0; i < n; i++) {
        /* count the entry even when it failed, so it is freed */
        load_metric(L, fc_jval_element(list, i), &lx->metrics[lx->nmetrics]);
        lx->nmetrics++;
    }
    return jf->errors ? FC_EINPUT : FC_OK;
}

/* ---- public ---------------------------------------------------------------- */

const char *lx_metric_label(const fc_lexicon *lx, const char *metric,
                            char *buf, size_t size) {
    static const struct {
        const char *suffix, *words;
    } derived[] = {{".growth", "growth"}, {".share", "share"},
                   {".change", "change"}, {".streak", "streak"},
                   {".rank", "rank"},     {".average", "average"},
                   {".revision", "revision"}};
    size_t i, k, n;
    if (!lx || !metric) return NULL;
    for (i = 0; i < lx->nmetrics; i++) {
        const lx_metric *m = &lx->metrics[i];
        if (m->label && m->metric && !strcmp(m->metric, metric)) {
            snprintf(buf, size, "%s", m->label);
            return buf;
        }
    }
    /* a metric an entry derives from its own */
    for (i = 0; i < lx->nmetrics; i++) {
        const lx_metric *m = &lx->metrics[i];
        if (!m->label || !m->metric) continue;
        n = strlen(m->metric);
        if (strncmp(m->metric, metric, n) || metric[n] != '.') continue;
        for (k = 0; k < sizeof derived / sizeof derived[0]; k++)
            if (!strcmp(metric + n, derived[k].suffix)) {
                snprintf(buf, size, "%s %s", m->label, derived[k].words);
                return buf;
            }
    }
    return NULL;
}

int lx_metric_time(const fc_lexicon *lx, const char *metric, int *window) {
    size_t i;
    if (window) *window = 0;
    if (!lx || !metric) return 0;
    for (i = 0; i < lx->nmetrics; i++)
        if (lx->metrics[i].time && lx->metrics[i].metric &&
            !strcmp(lx->metrics[i].metric, metric)) {
            if (window) *window = lx->metrics[i].window_days;
            return lx->metrics[i].time;
        }
    return 0;
}

void fc_lexicon_free(fc_lexicon *lx) {
    size_t i, k;
    int q;
    if (!lx) return;
    free_words(&lx->scales);
    free_words(&lx->suffixes);
    free_words(&lx->words);
    free_words(&lx->fractions);
    free_words(&lx->multiples);
    free_words(&lx->months);
    free_words(&lx->ordinals);
    pcre2_code_free(lx->number);
    pcre2_code_free(lx->number_at);
    pcre2_code_free(lx->scale_re);
    pcre2_code_free(lx->scale_at);
    for (i = 0; i < lx->nquals; i++) pcre2_code_free(lx->quals[i].re);
    free(lx->quals);
    for (q = 0; q < QK_COUNT; q++) {
        fc_expr_free(lx->lo[q]);
        fc_expr_free(lx->hi[q]);
    }
    for (i = 0; i < lx->nunits_before; i++) {
        free(lx->units_before[i].unit);
        pcre2_code_free(lx->units_before[i].re);
    }
    free(lx->units_before);
    for (i = 0; i < lx->nunits_after; i++) {
        free(lx->units_after[i].unit);
        pcre2_code_free(lx->units_after[i].re);
    }
    free(lx->units_after);
    pcre2_code_free(lx->growth_up);
    pcre2_code_free(lx->growth_down);
    for (i = 0; i < lx->nperiods; i++) {
        pcre2_code_free(lx->periods[i].re);
        pcre2_code_free(lx->periods[i].at);
    }
    free(lx->periods);
    for (i = 0; i < lx->nstatuses; i++) pcre2_code_free(lx->statuses[i].re);
    free(lx->statuses);
    for (i = 0; i < lx->ndatelines; i++) pcre2_code_free(lx->datelines[i]);
    free(lx->datelines);
    free(lx->default_subject);
    pcre2_code_free(lx->part_cues);
    pcre2_code_free(lx->part_cues_at);
    for (i = 0; i < lx->nbases; i++) {
        free(lx->bases[i].name);
        pcre2_code_free(lx->bases[i].re);
    }
    free(lx->bases);
    for (i = 0; i < lx->npopulations; i++) {
        free(lx->populations[i].name);
        pcre2_code_free(lx->populations[i].re);
    }
    free(lx->populations);
    for (i = 0; i < lx->nmetrics; i++) {
        lx_metric *m = &lx->metrics[i];
        free(m->metric);
        free(m->unit);
        free(m->share);
        free(m->growth);
        free(m->subject);
        free(m->basis);
        free(m->share_basis);
        free(m->label);
        for (k = 0; k < m->nmetrics; k++) free(m->metrics[k]);
        free(m->metrics);
        pcre2_code_free(m->after);
        pcre2_code_free(m->before);
    }
    free(lx->metrics);
    free(lx);
}

int fc_lexicon_load(fc_lexicon **out, const char *dir, fc_diags *d) {
    static const char *const files[] = {"numbers.json", "qualifiers.json",
                                        "units.json", "periods.json",
                                        "metrics.json"};
    int (*const loaders[])(loader *, fc_jfile *) = {
        load_numbers, load_qualifiers, load_units, load_periods,
        load_metrics};
    loader L;
    size_t i;
    int status = FC_OK;

    *out = NULL;
    memset(&L, 0, sizeof L);
    L.d = d;
    if (!(L.lx = calloc(1, sizeof *L.lx))) return FC_ENOMEM;
    L.lx->max_groups = 1;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        fc_jfile jf;
        int st = open_file(&L, dir, files[i], &jf);
        if (st == FC_OK) st = loaders[i](&L, &jf);
        if (st == FC_OK && jf.errors) st = FC_EINPUT;
        if (st != FC_OK && status == FC_OK) status = st;
        fc_jfile_free(&jf);
    }
    if (L.oom && status == FC_OK) status = FC_ENOMEM;
    if (status != FC_OK) {
        fc_lexicon_free(L.lx);
        return status == FC_EIO ? FC_EINPUT : status;
    }
    if (!L.lx->default_subject &&
        !(L.lx->default_subject = fc_strdup("china"))) {
        fc_lexicon_free(L.lx);
        return FC_ENOMEM;
    }
    *out = L.lx;
    return FC_OK;
}
