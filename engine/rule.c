/*
** rule.c -- load and validate consistency rules.
**
** A rule file is a JSON object {"rules": [...]}.  Every file of every rules
** folder is read and every rule validated before anything runs: unknown
** kinds and fields, wrong types, bad patterns (at PCRE2's offset), bad
** expressions, duplicate ids and placeholders the kind does not provide are
** all reported at their file, line and column.  Rules never contain SQL;
** check.c and the kind_*.c files evaluate them.
*/
#include "rule.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const fc_rule_kinds[RK_COUNT + 1] = {
    "agree", "basis", "trend", "bound", "derive", "target", "stale", "text",
    NULL};
const char *const fc_rule_severities[4] = {"info", "warning", "error", NULL};
const char *const fc_rule_fields[F_COUNT + 1] = {
    "metric", "subject", "basis", "period", "status", "unit", "doc",
    "population", "role", "time", NULL};

static int find_name(const char *const *list, const char *s) {
    int i;
    for (i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0) return i;
    return -1;
}


static pcre2_code *compile(fc_jval at, const char *field, const char *src) {
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_DUPNAMES, &code, &off,
                                   NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        fc_jval pos = at;
        pcre2_get_error_message(code, msg, sizeof msg);
        if (at.off >= 0) pos.off = fc_jval_string_offset(at, (size_t)off);
        fc_jval_error(pos, field, "bad pattern: %s (at offset %zu of the "
                                  "pattern)",
                      (const char *)msg, (size_t)off);
        return NULL;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* ---- message templates ---------------------------------------------------- */

static const char *const side_fields[] = {
    "doc", "quote", "value", "period", "date", "interval", "basis", "unit",
    "metric", "subject", "status", "publisher", "event", "authority", "line",
    "column", NULL};
static const char *const common_fields[] = {
    "rule", "metric", "subject", "basis", "period", "type", "severity",
    NULL};

typedef struct tpl_check {
    fc_rule *rule;
    const char *const *groups;  /* text rules: names of the pattern's groups */
} tpl_check;

/* Whether placeholder `name` exists for the rule's kind. */
static int placeholder_ok(const fc_rule *r, const char *name,
                          const char *const *groups, char *why, size_t size) {
    int two_sided = r->kind != RK_TEXT &&
                    !(r->kind == RK_BOUND && r->mode != BM_PART_WHOLE) &&
                    !(r->kind == RK_DERIVE && !r->left);
    int three = r->kind == RK_TREND && r->mode == TM_GROWTH;
    if (find_name(common_fields, name) >= 0) return 1;
    if ((name[0] == 'a' || name[0] == 'b' || name[0] == 'c') &&
        name[1] == '.') {
        if (name[0] == 'b' && !two_sided) {
            snprintf(why, size, "a %s rule has one side: use a.*",
                     fc_rule_kinds[r->kind]);
            return 0;
        }
        if (name[0] == 'c' && !three) {
            snprintf(why, size, "only a trend rule of mode growth has a "
                                "third side (c: the level of the year "
                                "before)");
            return 0;
        }
        if (find_name(side_fields, name + 2) >= 0) return 1;
        snprintf(why, size, "expected a.FIELD%s with FIELD one of doc, quote, "
                            "value, period, date, interval, basis, unit, "
                            "metric, subject, status, publisher, event, "
                            "authority, line, column",
                 two_sided ? " or b.FIELD" : "");
        return 0;
    }
    if (r->kind == RK_TREND && r->mode == TM_GROWTH &&
        strcmp(name, "expected") == 0)
        return 1;
    if (r->kind == RK_DERIVE && strcmp(name, "expected") == 0) {
        if (r->left) return 1;
        snprintf(why, size, "only a derive rule with \"left\" has an "
                            "expected value");
        return 0;
    }
    if (r->kind == RK_BOUND && r->mode == BM_SHARE_SUM &&
        strcmp(name, "sum") == 0)
        return 1;
    if (r->kind == RK_TEXT) {
        size_t i;
        if (name[0] == '=') return 1; /* checked as an expression */
        if (strcmp(name, "doc_year") == 0) return 1;
        for (i = 0; groups && groups[i]; i++)
            if (strcmp(groups[i], name) == 0) return 1;
    }
    snprintf(why, size, "unknown placeholder");
    return 0;
}

static int text_var_check(void *ctx, const char *name, size_t offset,
                          int is_call, int nargs) {
    const char *const *groups = ctx;
    size_t i;
    (void)offset;
    (void)nargs;
    if (is_call) return FC_EINPUT;
    if (strcmp(name, "doc_year") == 0) return FC_OK;
    for (i = 0; groups && groups[i]; i++)
        if (strcmp(groups[i], name) == 0) return FC_OK;
    return FC_EINPUT;
}

typedef struct cond_check {
    fc_jval at;
    const char *const *groups;
} cond_check;

/* Report a name of a text rule's condition that is neither doc_year nor a
** group of its pattern, at the name. */
static int cond_name(void *ctx, const char *name, size_t offset, int is_call,
                     int nargs) {
    cond_check *c = ctx;
    if (text_var_check((void *)c->groups, name, offset, is_call, nargs) ==
        FC_OK)
        return FC_OK;
    {
        fc_jval pos = c->at;
        if (c->at.off >= 0) pos.off = fc_jval_string_offset(c->at, offset);
        fc_jval_error(pos, "condition",
                      is_call ? "%s(): a condition calls no functions"
                              : "unknown name \"%s\" (expected doc_year or a "
                                "named group of the pattern)",
                      name);
    }
    return FC_OK;
}

static int parse_template(fc_rule *r, fc_jval at, const char *src,
                          const char *const *groups) {
    size_t i = 0, n = 0, cap = 8;
    tpl_part *parts = calloc(cap, sizeof *parts);
    int bad = 0;
    if (!parts) return FC_ENOMEM;
    while (src[i]) {
        size_t j = i;
        tpl_part p;
        memset(&p, 0, sizeof p);
        if (src[i] == '{') {
            char why[200];
            fc_jval pos = at;
            j = i + 1;
            while (src[j] && src[j] != '}') j++;
            if (at.off >= 0) pos.off = fc_jval_string_offset(at, i);
            if (!src[j]) {
                fc_jval_error(pos, "message", "unclosed placeholder '{'");
                bad = 1;
                break;
            }
            p.is_field = 1;
            p.text = fc_strndup(src + i + 1, j - i - 1);
            if (!p.text) break;
            if (!placeholder_ok(r, p.text, groups, why, sizeof why)) {
                fc_jval_error(pos, "message", "placeholder {%s}: %s", p.text,
                              why);
                bad = 1;
            } else if (p.text[0] == '=') {
                fc_expr *e = NULL;
                char err[160];
                size_t eoff = 0;
                if (fc_expr_parse(p.text + 1, &e, &eoff, err, sizeof err) !=
                    FC_OK) {
                    fc_jval_error(pos, "message", "placeholder {%s}: %s",
                                  p.text, err);
                    bad = 1;
                } else if (fc_expr_each_name(e, text_var_check,
                                             (void *)groups) != FC_OK) {
                    fc_jval_error(pos, "message",
                                  "placeholder {%s}: only doc_year and the "
                                  "pattern's named groups may be used",
                                  p.text);
                    bad = 1;
                }
                fc_expr_free(e);
            }
            j++;
        } else {
            while (src[j] && src[j] != '{') j++;
            p.text = fc_strndup(src + i, j - i);
            if (!p.text) break;
        }
        if (n == cap) {
            tpl_part *q = realloc(parts, cap * 2 * sizeof *q);
            if (!q) {
                free(p.text);
                break;
            }
            parts = q;
            cap *= 2;
        }
        parts[n++] = p;
        i = j;
    }
    r->msg = parts;
    r->nmsg = n;
    return bad ? FC_EINPUT : FC_OK;
}

/* ---- one rule ----------------------------------------------------------------- */

static const char *const rule_fields[] = {
    "id", "kind", "description", "select", "key", "tolerance", "severity",
    "same_event", "message", "mode", "as_of_days", "part", "whole", "metrics",
    "left", "expr", "window_days", "pattern", "sentence", "condition",
    "field", "min_months", "match", NULL};

/* Which optional fields each kind accepts, beyond the common ones. */
static int field_allowed(int kind, const char *f) {
    static const char *const common[] = {"id", "kind", "description",
                                         "select", "severity", "message",
                                         "same_event", "tolerance", NULL};
    if (find_name(common, f) >= 0) return 1;
    switch (kind) {
    case RK_AGREE:
        return !strcmp(f, "key") || !strcmp(f, "as_of_days") ||
               !strcmp(f, "match");
    case RK_BASIS: return !strcmp(f, "key") || !strcmp(f, "field");
    case RK_TREND:
        return !strcmp(f, "mode") || !strcmp(f, "key") ||
               !strcmp(f, "suffix") || !strcmp(f, "min_months");
    case RK_BOUND:
        return !strcmp(f, "mode") || !strcmp(f, "part") ||
               !strcmp(f, "whole") || !strcmp(f, "metrics");
    case RK_DERIVE: return !strcmp(f, "left") || !strcmp(f, "expr");
    case RK_TARGET: return !strcmp(f, "window_days");
    case RK_STALE:
        return !strcmp(f, "key") || !strcmp(f, "as_of_days") ||
               !strcmp(f, "min_months");
    case RK_TEXT:
        return !strcmp(f, "pattern") || !strcmp(f, "sentence") ||
               !strcmp(f, "condition");
    default: return 0;
    }
}

static int set_key(fc_rule *r, const int *fields, int n) {
    int i;
    for (i = 0; i < n; i++) r->key[i] = fields[i];
    r->nkey = n;
    return FC_OK;
}

typedef struct ref_collect {
    fc_rule *r;
    fc_jval at;
    int bad;
} ref_collect;

static int collect_ref(void *ctx, const char *name, size_t offset, int is_call,
                       int nargs) {
    ref_collect *c = ctx;
    fc_rule *r = c->r;
    size_t i;
    char **p;
    if (is_call) {
        if (!(strcmp(name, "prev") == 0 && nargs == 1) &&
            !(strcmp(name, "min") == 0 && nargs == 2) &&
            !(strcmp(name, "max") == 0 && nargs == 2) &&
            !(strcmp(name, "abs") == 0 && nargs == 1)) {
            fc_jval pos = c->at;
            if (c->at.off >= 0) pos.off = fc_jval_string_offset(c->at, offset);
            fc_jval_error(pos, "expr",
                          "unknown function %s() with %d argument%s (expected "
                          "prev(metric), min(a, b), max(a, b) or abs(x))",
                          name, nargs, nargs == 1 ? "" : "s");
            c->bad = 1;
        }
        return FC_OK;
    }
    for (i = 0; i < r->nrefs; i++)
        if (strcmp(r->refs[i], name) == 0) return FC_OK;
    p = realloc(r->refs, (r->nrefs + 1) * sizeof *p);
    if (!p) return FC_ENOMEM;
    r->refs = p;
    if (!(r->refs[r->nrefs] = fc_strdup(name))) return FC_ENOMEM;
    r->nrefs++;
    return FC_OK;
}

static fc_expr *parse_expr_at(fc_jval obj, const char *key) {
    fc_jval m = fc_jval_member(obj, key);
    return m.v ? fc_expr_at(m, key, NULL) : NULL;
}

/* Names of the named groups of a pattern, NULL-terminated (caller frees
** the array, not the strings, which point into the pattern). */
static const char **group_names(const pcre2_code *re) {
    uint32_t count = 0, size = 0, i;
    PCRE2_SPTR table;
    const char **names;
    pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &size);
    pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
    names = calloc(count + 1, sizeof *names);
    if (!names) return NULL;
    for (i = 0; i < count; i++)
        names[i] = (const char *)(table + i * size + 2);
    return names;
}

/* Line numbers of the rules of a file, counted forward from the last one
** asked for, so that a file of many rules is read once, not once a rule. */
typedef struct line_cursor {
    size_t off;
    int line;
    size_t bol;            /* where the line of off begins */
    int column;            /* off's column in code points, 0 not counted */
} line_cursor;

static int line_at(line_cursor *c, const char *buf, size_t len, size_t off) {
    const char *p, *end;
    if (off > len) off = len;
    if (off < c->off) {
        c->off = c->bol = 0;
        c->line = 1;
        c->column = 0;
    }
    p = buf + c->off;
    end = buf + off;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        c->line++;
        c->bol = (size_t)(++p - buf);
        c->column = 0;
    }
    /* the column, counted on from the last one on this line */
    if (c->column && c->off >= c->bol)
        c->column += (int)fc_utf8_count(buf + c->off, off - c->off);
    else
        c->column = (int)fc_utf8_count(buf + c->bol, off - c->bol) + 1;
    c->off = off;
    return c->line;
}

/* The line and column of value v of the rule that starts at cursor
** start: counted from the rule's start, not the file's (a byte order
** mark is no column). */
static rule_at value_at(const line_cursor *start, fc_jval v) {
    line_cursor c = *start;
    rule_at a = {0, 0};
    if (v.off < 0) return a;
    a.line = line_at(&c, v.f->buf, v.f->len, (size_t)v.off);
    a.column = c.column;
    if (a.line == 1 && a.column > 1 && v.f->len >= 3 &&
        memcmp(v.f->buf, "\xEF\xBB\xBF", 3) == 0)
        a.column--;
    return a;
}

static size_t skip_ws(const char *b, size_t len, size_t i) {
    while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' ||
                       b[i] == '\r'))
        i++;
    return i;
}

/* Element i of arr, given element i - 1 (prev): its offset is found by
** skipping prev, not by walking the array from its start again. */
static fc_jval next_element(fc_jval arr, fc_jval prev, size_t i) {
    const char *b = arr.f->buf;
    size_t len = arr.f->len, at;
    long long e;
    fc_jval r;
    if (i == 0 || prev.off < 0 || prev.off == arr.off)
        return fc_jval_element(arr, i);
    if ((e = fc_jsonloc_skip(b, len, (size_t)prev.off)) < 0)
        return fc_jval_element(arr, i);
    at = skip_ws(b, len, (size_t)e);
    if (at >= len || b[at] != ',') return fc_jval_element(arr, i);
    r.f = arr.f;
    r.v = json_array_get(arr.v, i);
    r.off = r.v ? (long long)skip_ws(b, len, at + 1) : -1;
    return r;
}

static void load_rule(fc_jval e, fc_rule *r, line_cursor *lc) {
    const char *id = NULL, *kind = NULL, *desc = NULL, *sev = NULL,
               *same = NULL, *msg = NULL, *mode = NULL;
    fc_jval m;
    const char *key;
    json_t *value;
    const char **groups = NULL;
    int k;
    double num;
    line_cursor here = *lc;

    r->same_event = -1;
    r->as_of_days = 0;
    r->window_days = 120;
    if (!json_is_object(e.v)) {
        fc_jval_error(e, NULL, "expected a rule object, got %s",
                      fc_json_type_name(e.v));
        return;
    }
    if (e.off >= 0) r->line = line_at(lc, e.f->buf, e.f->len, (size_t)e.off);
    here = *lc;
    r->file = fc_strdup(e.f->name);
    if (fc_jval_require(e, "id") != FC_OK || fc_jval_require(e, "kind") != FC_OK)
        return;
    if (fc_jval_string(e, "id", &id) != FC_OK ||
        fc_jval_string(e, "kind", &kind) != FC_OK)
        return;
    if (!id[0] || strspn(id, "abcdefghijklmnopqrstuvwxyz"
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
                      strlen(id)) {
        fc_jval_error(fc_jval_member(e, "id"), "id",
                      "invalid id \"%s\" (letters, digits, '-', '_' and '.')",
                      id);
        return;
    }
    r->id = fc_strdup(id);
    if ((k = find_name(fc_rule_kinds, kind)) < 0) {
        const char *best = fc_suggest(kind, fc_rule_kinds);
        if (best)
            fc_jval_error(fc_jval_member(e, "kind"), "kind",
                          "unknown kind \"%s\"; did you mean \"%s\"?", kind,
                          best);
        else
            fc_jval_error(fc_jval_member(e, "kind"), "kind",
                          "unknown kind \"%s\" (expected one of agree, basis, "
                          "trend, bound, derive, target, stale, text)",
                          kind);
        return;
    }
    r->kind = k;
    /* unknown fields, and fields another kind takes */
    json_object_foreach(e.v, key, value) {
        (void)value;
        if (field_allowed(k, key)) continue;
        if (find_name(rule_fields, key) >= 0)
            fc_jval_error(fc_jval_member(e, key), key,
                          "%s %s rule takes no \"%s\"",
                          strchr("aeiou", kind[0]) ? "an" : "a", kind, key);
        else {
            const char *best = fc_suggest(key, rule_fields);
            if (best)
                fc_jval_error(fc_jval_member(e, key), key,
                              "unknown field; did you mean \"%s\"?", best);
            else
                fc_jval_error(fc_jval_member(e, key), key, "unknown field");
        }
    }
    /* a wrong type is reported and the rest of the rule still checked */
    if (fc_jval_string(e, "description", &desc) != FC_OK) {
        desc = NULL;
    } else if (!desc || !desc[0]) {
        fc_jval_error(e, "description", "missing required field (say what "
                                        "the rule flags and why)");
    }
    r->description = fc_strdup(desc);
    if (fc_jval_require(e, "severity") == FC_OK &&
        fc_jval_string(e, "severity", &sev) == FC_OK &&
        (r->severity = find_name(fc_rule_severities, sev)) < 0) {
        fc_jval_error(fc_jval_member(e, "severity"), "severity",
                      "unknown severity \"%s\" (expected error, warning or "
                      "info)",
                      sev);
    }
    if (fc_jval_string(e, "same_event", &same) == FC_OK && same &&
        (r->same_event = find_name(fc_rule_severities, same)) < 0) {
        fc_jval_error(fc_jval_member(e, "same_event"), "same_event",
                      "unknown severity \"%s\" (expected error, warning or "
                      "info)",
                      same);
    }

    /* select */
    m = fc_jval_member(e, "select");
    if (m.v) {
        static const char *const sel_fields[] = {
            "metric", "metric_re", "subject", "basis", "period", "status",
            "unit", "doc", "population", "role", "time", NULL};
        if (!json_is_object(m.v)) {
            fc_jval_error(m, "select", "expected an object, got %s",
                          fc_json_type_name(m.v));
        } else {
            int f;
            const char *re = NULL;
            fc_jval_unknown_fields(m, sel_fields);
            for (f = 0; f < F_COUNT; f++) {
                const char *v = NULL;
                if (fc_jval_string(m, fc_rule_fields[f], &v) == FC_OK && v)
                    r->sel[f] = fc_strdup(v);
            }
            if (fc_jval_string(m, "metric_re", &re) == FC_OK && re) {
                if (r->sel[F_METRIC])
                    fc_jval_error(fc_jval_member(m, "metric_re"), "metric_re",
                                  "give metric (a glob) or metric_re (a "
                                  "pattern), not both");
                else {
                    fc_jval at = fc_jval_member(m, "metric_re");
                    r->metric_re = compile(at, "metric_re", re);
                    r->at_metric_re = value_at(&here, at);
                }
            }
        }
    }
    /* key */
    {
        static const int agree_key[] = {F_METRIC, F_SUBJECT, F_BASIS,
                                        F_PERIOD, F_STATUS};
        static const int nokey[] = {F_METRIC, F_SUBJECT, F_BASIS, F_STATUS};
        static const int basis_key[] = {F_METRIC, F_SUBJECT};
        if (k == RK_AGREE) set_key(r, agree_key, 5);
        else if (k == RK_BASIS) set_key(r, basis_key, 2);
        else set_key(r, nokey, 4);
    }
    m = fc_jval_member(e, "key");
    if (m.v) {
        size_t i;
        if (!json_is_array(m.v) || json_array_size(m.v) == 0 ||
            json_array_size(m.v) > F_COUNT) {
            fc_jval_error(m, "key", "expected an array of field names (metric, "
                                    "subject, basis, period, status, unit, "
                                    "doc, population, role, time)");
        } else {
            r->nkey = 0;
            for (i = 0; i < json_array_size(m.v); i++) {
                json_t *s = json_array_get(m.v, i);
                int f = json_is_string(s)
                            ? find_name(fc_rule_fields, json_string_value(s))
                            : -1;
                if (f < 0) {
                    fc_jval_error(fc_jval_element(m, i), "key",
                                  "expected one of metric, subject, basis, "
                                  "period, status, unit, doc, population, "
                                  "role, time");
                    continue;
                }
                r->key[r->nkey++] = f;
            }
        }
    }
    /* tolerance */
    m = fc_jval_member(e, "tolerance");
    if (m.v) {
        static const char *const tol_fields[] = {"abs", "rel", NULL};
        if (!json_is_object(m.v)) {
            fc_jval_error(m, "tolerance", "expected {\"abs\": N, \"rel\": N}, "
                                          "got %s",
                          fc_json_type_name(m.v));
        } else {
            fc_jval_unknown_fields(m, tol_fields);
            if (fc_jval_number(m, "abs", &r->tol_abs) == FC_OK &&
                (r->tol_abs < 0 || !isfinite(r->tol_abs)))
                fc_jval_error(fc_jval_member(m, "abs"), "abs",
                              "expected a number >= 0");
            if (fc_jval_number(m, "rel", &r->tol_rel) == FC_OK &&
                (r->tol_rel < 0 || r->tol_rel >= 1))
                fc_jval_error(fc_jval_member(m, "rel"), "rel",
                              "expected a fraction from 0 up to 1");
        }
    }
    num = 0;
    if (fc_jval_number(e, "as_of_days", &num) == FC_OK) {
        if (num < 0 || num > 366 || num != floor(num))
            fc_jval_error(fc_jval_member(e, "as_of_days"), "as_of_days",
                          "expected a whole number of days from 0 to 366");
        else
            r->as_of_days = (int)num;
    }
    {
        const char *match = NULL;
        if (fc_jval_string(e, "match", &match) == FC_OK && match) {
            if (!strcmp(match, "near"))
                r->near = 1;
            else if (strcmp(match, "equal"))
                fc_jval_error(fc_jval_member(e, "match"), "match",
                              "unknown match \"%s\" (expected equal or "
                              "near)", match);
        }
    }
    num = 0;
    if (fc_jval_number(e, "min_months", &num) == FC_OK) {
        if (num < 0 || num > 1200 || num != floor(num))
            fc_jval_error(fc_jval_member(e, "min_months"), "min_months",
                          "expected a whole number of months from 0 to 1200");
        else
            r->min_months = (int)num;
    }
    num = 120;
    if (fc_jval_number(e, "window_days", &num) == FC_OK) {
        if (num < 0 || num > 3660 || num != floor(num))
            fc_jval_error(fc_jval_member(e, "window_days"), "window_days",
                          "expected a whole number of days from 0 to 3660");
        else
            r->window_days = (int)num;
    }

    /* kind-specific */
    r->field = F_BASIS;
    if (k == RK_BASIS) {
        const char *field = NULL;
        if (fc_jval_string(e, "field", &field) == FC_OK && field) {
            if (!strcmp(field, "subject"))
                r->field = F_SUBJECT;
            else if (strcmp(field, "basis") != 0)
                fc_jval_error(fc_jval_member(e, "field"), "field",
                              "expected \"basis\" (shares on different "
                              "bases) or \"subject\" (figures about different "
                              "populations)");
        }
        if (r->field == F_SUBJECT && !json_object_get(e.v, "key")) {
            static const int pop_key[] = {F_METRIC};
            set_key(r, pop_key, 1);
        }
    }
    if (fc_jval_string(e, "mode", &mode) != FC_OK) mode = NULL;
    if (k == RK_TREND) {
        static const char *const modes[] = {"fall", "streak", "growth", NULL};
        const char *suffix = NULL;
        r->mode = mode ? find_name(modes, mode) : TM_FALL;
        if (r->mode < 0)
            fc_jval_error(fc_jval_member(e, "mode"), "mode",
                          "unknown trend mode \"%s\" (expected fall, "
                          "streak or growth)",
                          mode);
        if (r->mode == TM_GROWTH && fc_jval_member(e, "key").v)
            fc_jval_error(fc_jval_member(e, "key"), "key",
                          "a trend rule of mode growth takes no \"key\": "
                          "rates meet their levels by subject, basis and "
                          "period");
        if (r->mode != TM_FALL && fc_jval_member(e, "min_months").v)
            fc_jval_error(fc_jval_member(e, "min_months"), "min_months",
                          "only a trend rule of mode fall takes min_months");
        m = fc_jval_member(e, "suffix");
        if (m.v && r->mode != TM_GROWTH)
            fc_jval_error(m, "suffix", "only a trend rule of mode growth "
                                       "takes a suffix");
        else if (m.v && fc_jval_string(e, "suffix", &suffix) == FC_OK &&
                 !*suffix)
            fc_jval_error(m, "suffix", "expected what the growth metric "
                                       "adds to its level's, such as "
                                       "\".growth\"");
        if (r->mode == TM_GROWTH &&
            !(r->suffix = fc_strdup(suffix ? suffix : ".growth")))
            fc_jval_error(e, "suffix", "out of memory");
    } else if (k == RK_BOUND) {
        static const char *const modes[] = {"part_whole", "share_range",
                                            "share_sum", NULL};
        const char *part = NULL, *whole = NULL;
        r->mode = mode ? find_name(modes, mode) : -1;
        if (!mode)
            fc_jval_error(e, "mode", "missing required field (part_whole, "
                                     "share_range or share_sum)");
        else if (r->mode < 0)
            fc_jval_error(fc_jval_member(e, "mode"), "mode",
                          "unknown bound mode \"%s\" (expected part_whole, "
                          "share_range or share_sum)",
                          mode);
        fc_jval_string(e, "part", &part);
        fc_jval_string(e, "whole", &whole);
        if (!part != !whole)
            fc_jval_error(e, part ? "whole" : "part",
                          "give both part and whole, or neither (then the "
                          "part_of links of the facts are used)");
        r->part = fc_strdup(part);
        r->whole = fc_strdup(whole);
        m = fc_jval_member(e, "metrics");
        if (r->mode == BM_SHARE_SUM) {
            size_t i;
            if (!json_is_array(m.v) || json_array_size(m.v) < 2) {
                fc_jval_error(m.v ? m : e, "metrics",
                              "a share_sum rule needs \"metrics\": an array "
                              "of two or more metric globs whose shares may "
                              "not add up past 100");
            } else {
                r->nmetrics = json_array_size(m.v);
                r->metrics = calloc(r->nmetrics, sizeof *r->metrics);
                for (i = 0; r->metrics && i < r->nmetrics; i++) {
                    json_t *s = json_array_get(m.v, i);
                    if (!json_is_string(s))
                        fc_jval_error(fc_jval_element(m, i), "metrics",
                                      "expected a metric glob, got %s",
                                      fc_json_type_name(s));
                    else
                        r->metrics[i] = fc_strdup(json_string_value(s));
                }
            }
        } else if (m.v) {
            fc_jval_error(m, "metrics", "only a share_sum rule takes "
                                        "\"metrics\"");
        }
    } else if (k == RK_DERIVE) {
        const char *left = NULL;
        ref_collect c;
        fc_jval_string(e, "left", &left);
        r->left = fc_strdup(left);
        r->at_expr = value_at(&here, fc_jval_member(e, "expr"));
        if (fc_jval_require(e, "expr") == FC_OK &&
            (r->expr = parse_expr_at(e, "expr")) != NULL) {
            c.r = r;
            c.at = fc_jval_member(e, "expr");
            c.bad = 0;
            fc_expr_each_name(r->expr, collect_ref, &c);
        }
    } else if (k == RK_TEXT) {
        const char *pat = NULL, *sent = NULL;
        if (fc_jval_require(e, "pattern") == FC_OK &&
            fc_jval_string(e, "pattern", &pat) == FC_OK && pat) {
            fc_jval at = fc_jval_member(e, "pattern");
            r->pattern = compile(at, "pattern", pat);
            r->at_pattern = value_at(&here, at);
        }
        if (fc_jval_string(e, "sentence", &sent) == FC_OK && sent) {
            fc_jval at = fc_jval_member(e, "sentence");
            r->sentence = compile(at, "sentence", sent);
            r->at_sentence = value_at(&here, at);
        }
        if (r->pattern) groups = group_names(r->pattern);
        r->at_expr = value_at(&here, fc_jval_member(e, "condition"));
        if (fc_jval_require(e, "condition") == FC_OK &&
            (r->expr = parse_expr_at(e, "condition")) != NULL && r->pattern) {
            cond_check cc;
            cc.at = fc_jval_member(e, "condition");
            cc.groups = groups;
            fc_expr_each_name(r->expr, cond_name, &cc);
        }
    }

    /* a severity the kind never reports is said, not silently lowered */
    if ((k == RK_STALE || (k == RK_TREND && r->mode == TM_FALL)) &&
        r->severity == SEV_ERROR) {
        fc_jval_warning(fc_jval_member(e, "severity"), "severity",
                        "a %s rule reports at most warning (a change from "
                        "one period to the next is no contradiction); its "
                        "findings are warnings",
                        k == RK_STALE ? "stale" : "trend fall");
        r->severity = SEV_WARNING;
    }
    if ((k == RK_STALE || (k == RK_TREND && r->mode == TM_FALL)) &&
        r->same_event == SEV_ERROR) {
        fc_jval_warning(fc_jval_member(e, "same_event"), "same_event",
                        "a %s rule reports at most warning; same_event "
                        "\"error\" is a warning",
                        k == RK_STALE ? "stale" : "trend fall");
        r->same_event = SEV_WARNING;
    }

    /* the message, checked last: placeholders depend on the kind and mode */
    if (fc_jval_require(e, "message") == FC_OK &&
        fc_jval_string(e, "message", &msg) == FC_OK && msg)
        parse_template(r, fc_jval_member(e, "message"), msg, groups);
    free(groups);
}

static void free_rule(fc_rule *r) {
    size_t i;
    int f;
    free(r->id);
    free(r->description);
    free(r->file);
    for (f = 0; f < F_COUNT; f++) free(r->sel[f]);
    pcre2_code_free(r->metric_re);
    for (i = 0; i < r->nmsg; i++) free(r->msg[i].text);
    free(r->msg);
    free(r->part);
    free(r->whole);
    for (i = 0; i < r->nmetrics; i++) free(r->metrics[i]);
    free(r->metrics);
    free(r->left);
    free(r->suffix);
    fc_expr_free(r->expr);
    for (i = 0; i < r->nrefs; i++) free(r->refs[i]);
    free(r->refs);
    pcre2_code_free(r->pattern);
    pcre2_code_free(r->sentence);
}

void fc_rules_free(fc_rules *rs) {
    size_t i;
    if (!rs) return;
    for (i = 0; i < rs->n; i++) free_rule(&rs->items[i]);
    free(rs->items);
    fc_rematch_free(rs->rm);
    free(rs);
}

static int name_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The .json files of a folder (not lexicon/), sorted, as full paths. */
static int list_dir(const char *dir, char ***out, size_t *n, fc_diags *d) {
    DIR *dp = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    *out = NULL;
    if (!dp) {
        fc_diags_add(d, FC_DIAG_ERROR, dir, 0, 0, -1, NULL,
                     "cannot open the rules folder");
        return FC_EINPUT;
    }
    while ((de = readdir(dp)) != NULL) {
        size_t len = strlen(de->d_name);
        fc_buf b;
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0) continue;
        if (*n == cap) {
            char **p = realloc(names, (cap ? cap * 2 : 16) * sizeof *p);
            if (!p) break;
            names = p;
            cap = cap ? cap * 2 : 16;
        }
        fc_buf_init(&b);
        fc_buf_printf(&b, "%s/%s", dir, de->d_name);
        if (b.oom) break;
        names[(*n)++] = fc_buf_take(&b);
    }
    closedir(dp);
    if (*n) qsort(names, *n, sizeof *names, name_cmp);
    *out = names;
    return FC_OK;
}

/* The rule files of a rules folder: its own .json files, then those of
** each domain folder domains/NAME/ in order of name, except the domains
** named in skip (used[k] set for each skip[k] met). */
static int rule_files(const char *dir, const char *const *skip, size_t nskip,
                      unsigned char *used, char ***out, size_t *n,
                      fc_diags *d) {
    char **files = NULL, **names = NULL;
    size_t nfiles = 0, nnames = 0, cap = 0, i, k;
    fc_buf b;
    DIR *dp;
    struct dirent *de;
    int st;
    *out = NULL;
    *n = 0;
    if ((st = list_dir(dir, &files, &nfiles, d)) != FC_OK) return st;
    fc_buf_init(&b);
    fc_buf_printf(&b, "%s/domains", dir);
    if (b.oom) st = FC_ENOMEM;
    dp = st == FC_OK ? opendir(b.data) : NULL;
    while (dp && st == FC_OK && (de = readdir(dp)) != NULL) {
        char **p;
        if (de->d_name[0] == '.') continue;
        for (k = 0; k < nskip && strcmp(skip[k], de->d_name); k++)
            ;
        if (k < nskip) {
            used[k] = 1;
            continue;
        }
        if (nnames == cap) {
            if (!(p = realloc(names, (cap ? cap * 2 : 8) * sizeof *p))) {
                st = FC_ENOMEM;
                break;
            }
            names = p;
            cap = cap ? cap * 2 : 8;
        }
        if (!(names[nnames] = fc_strdup(de->d_name))) st = FC_ENOMEM;
        else nnames++;
    }
    if (dp) closedir(dp);
    if (nnames) qsort(names, nnames, sizeof *names, name_cmp);
    for (i = 0; i < nnames && st == FC_OK; i++) {
        char **sub, **p;
        size_t nsub;
        fc_buf path;
        fc_buf_init(&path);
        fc_buf_printf(&path, "%s/%s", b.data, names[i]);
        if (path.oom) {
            st = FC_ENOMEM;
            break;
        }
        if ((st = list_dir(path.data, &sub, &nsub, d)) == FC_OK && nsub) {
            if (!(p = realloc(files, (nfiles + nsub) * sizeof *p))) {
                for (k = 0; k < nsub; k++) free(sub[k]);
                st = FC_ENOMEM;
            } else {
                files = p;
                memcpy(files + nfiles, sub, nsub * sizeof *sub);
                nfiles += nsub;
            }
        }
        free(sub);
        free(path.data);
    }
    for (i = 0; i < nnames; i++) free(names[i]);
    free(names);
    free(b.data);
    if (st != FC_OK) {
        for (i = 0; i < nfiles; i++) free(files[i]);
        free(files);
        return st;
    }
    *out = files;
    *n = nfiles;
    return FC_OK;
}

int fc_rules_load(fc_rules **out, const char *const *dirs, size_t ndirs,
                  const fc_lexicon *lx, fc_diags *d) {
    return fc_rules_load_except(out, dirs, ndirs, NULL, 0, lx, d);
}

int fc_rules_load_except(fc_rules **out, const char *const *dirs,
                         size_t ndirs, const char *const *skip, size_t nskip,
                         const fc_lexicon *lx, fc_diags *d) {
    fc_rules *rs = calloc(1, sizeof *rs);
    unsigned char *used = calloc(nskip + 1, 1);
    fc_strset *ids = fc_strset_new();  /* rule id -> index of its rule */
    size_t di, fi, i, errors = 0;
    int st = FC_OK;
    *out = NULL;
    if (rs) rs->rm = fc_rematch_new();
    if (!rs || !used || !ids || !rs->rm) {
        fc_rules_free(rs);
        free(used);
        fc_strset_free(ids);
        return FC_ENOMEM;
    }
    rs->lx = lx;
    for (di = 0; di < ndirs; di++) {
        char **files;
        size_t nfiles;
        int rc = rule_files(dirs[di], skip, nskip, used, &files, &nfiles, d);
        if (rc != FC_OK) {
            if (st == FC_OK) st = rc;
            continue;
        }
        if (!nfiles) {
            /* a folder of no rules checks nothing: surely not what was
               meant */
            fc_diags_add(d, FC_DIAG_ERROR, dirs[di], 0, 0, -1, NULL,
                         "no rule files in this folder (expected *.json "
                         "files of rules, or domains/NAME/*.json)");
            if (st == FC_OK) st = FC_EINPUT;
            free(files);
            continue;
        }
        for (fi = 0; fi < nfiles; fi++) {
            fc_jfile jf;
            fc_jval root, list;
            static const char *const top[] = {"about", "rules", NULL};
            if (fc_jfile_load(&jf, files[fi], d) != FC_OK) {
                fc_jfile_free(&jf);
                st = FC_EINPUT;
                continue;
            }
            root = fc_jfile_root(&jf);
            if (!json_is_object(root.v)) {
                fc_jval_error(root, NULL, "expected an object {\"rules\": "
                                          "[...]}, got %s",
                              fc_json_type_name(root.v));
            } else {
                fc_jval_unknown_fields(root, top);
                list = fc_jval_member(root, "rules");
                if (!json_is_array(list.v)) {
                    fc_jval_error(list.v ? list : root, "rules",
                                  list.v ? "expected an array of rules"
                                         : "missing required field");
                } else {
                    size_t nr = json_array_size(list.v);
                    fc_rule *p = realloc(rs->items,
                                         (rs->n + nr + 1) * sizeof *p);
                    if (!p) {
                        fc_jfile_free(&jf);
                        st = FC_ENOMEM;
                        break;
                    }
                    line_cursor lc = {0, 1, 0, 0}, rule_lc;
                    fc_jval el = list;
                    rs->items = p;
                    for (i = 0; i < nr; i++) {
                        fc_rule *r = &rs->items[rs->n++];
                        long long first = -1;
                        int added;
                        memset(r, 0, sizeof *r);
                        el = next_element(list, el, i);
                        load_rule(el, r, &lc);
                        rule_lc = lc;
                        if (!r->id) continue;
                        /* duplicate ids, across every file */
                        added = fc_strset_add(ids, r->id, (long long)(rs->n - 1),
                                              &first);
                        if (added < 0) {
                            fc_jval_error(el, "id", "out of memory");
                        } else if (added == 0) {
                            /* positioned from the rule's start, so that
                               a file of many duplicates is read once */
                            const fc_rule *f = &rs->items[first];
                            fc_jval at = fc_jval_member(el, "id");
                            rule_at pos = value_at(&rule_lc, at);
                            fc_diags_add(d, FC_DIAG_ERROR, jf.name, pos.line,
                                         pos.column, at.off, "id",
                                         "duplicate rule id \"%s\" (first "
                                         "in %s line %d)",
                                         r->id, f->file, f->line);
                            jf.errors++;
                        }
                    }
                }
            }
            errors += jf.errors;
            fc_jfile_free(&jf);
        }
        for (fi = 0; fi < nfiles; fi++) free(files[fi]);
        free(files);
    }
    for (i = 0; i < nskip && st == FC_OK; i++)
        if (!used[i]) {
            fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                         "no domain \"%s\" in the rules folders (looked "
                         "for domains/%s/)", skip[i], skip[i]);
            st = FC_EINPUT;
        }
    free(used);
    fc_strset_free(ids);
    if (st == FC_OK && errors) st = FC_EINPUT;
    if (st != FC_OK) {
        fc_rules_free(rs);
        return st;
    }
    *out = rs;
    return FC_OK;
}

/* The index of rule id, or -1 (then a diagnostic naming the option, with
** the nearest id). */
static long rule_index(const fc_rules *rs, const char *id, const char *opt,
                       fc_diags *d) {
    size_t i;
    const char **ids;
    const char *best;
    for (i = 0; i < rs->n; i++)
        if (rs->items[i].id && !strcmp(rs->items[i].id, id)) return (long)i;
    ids = calloc(rs->n + 1, sizeof *ids);
    for (i = 0; ids && i < rs->n; i++) ids[i] = rs->items[i].id;
    best = ids ? fc_suggest(id, ids) : NULL;
    if (best)
        fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                     "--%s %s: no rule has this id; did you mean \"%s\"?", opt,
                     id, best);
    else
        fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                     "--%s %s: no rule has this id (factcheck rules list "
                     "shows them)",
                     opt, id);
    free(ids);
    return -1;
}

int fc_rules_narrow(fc_rules *rs, const char *const *only, size_t n_only,
                    const char *const *skip, size_t n_skip,
                    const char *const *severity, size_t n_severity,
                    fc_diags *d) {
    unsigned char *keep;
    size_t i, k;
    int st = FC_OK;
    if (!rs) return FC_EINPUT;
    if (!(keep = calloc(rs->n + 1, 1))) return FC_ENOMEM;
    for (i = 0; i < rs->n; i++) keep[i] = n_only == 0;
    for (k = 0; k < n_only; k++) {
        long at = rule_index(rs, only[k], "rule", d);
        if (at < 0) st = FC_EINPUT;
        else keep[at] = 1;
    }
    for (k = 0; k < n_skip; k++) {
        long at = rule_index(rs, skip[k], "skip-rule", d);
        if (at < 0) st = FC_EINPUT;
        else keep[at] = 0;
    }
    for (k = 0; k < n_severity; k++) {
        const char *eq = strchr(severity[k], '=');
        char id[256];
        long at;
        int sev;
        fc_rule *r;
        if (!eq || eq == severity[k] || (size_t)(eq - severity[k]) >= sizeof id) {
            fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                         "--severity %s: expected ID=LEVEL", severity[k]);
            st = FC_EINPUT;
            continue;
        }
        memcpy(id, severity[k], (size_t)(eq - severity[k]));
        id[eq - severity[k]] = '\0';
        if ((at = rule_index(rs, id, "severity", d)) < 0) {
            st = FC_EINPUT;
            continue;
        }
        if ((sev = find_name(fc_rule_severities, eq + 1)) < 0) {
            fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                         "--severity %s: unknown severity \"%s\" (expected "
                         "error, warning or info)",
                         severity[k], eq + 1);
            st = FC_EINPUT;
            continue;
        }
        r = &rs->items[at];
        if (sev == SEV_ERROR && (r->kind == RK_STALE ||
                                 (r->kind == RK_TREND && r->mode == TM_FALL))) {
            fc_diags_add(d, FC_DIAG_WARNING, NULL, 0, 0, -1, NULL,
                         "--severity %s: a %s rule reports at most warning; "
                         "its findings are warnings",
                         severity[k],
                         r->kind == RK_STALE ? "stale" : "trend fall");
            sev = SEV_WARNING;
        }
        /* the level of every finding of the rule, reports of one event
           included */
        r->severity = sev;
        r->same_event = -1;
    }
    if (st == FC_OK) {
        for (i = 0, k = 0; i < rs->n; i++) {
            if (keep[i]) rs->items[k++] = rs->items[i];
            else free_rule(&rs->items[i]);
        }
        rs->n = k;
    }
    free(keep);
    return st;
}

size_t fc_rules_count(const fc_rules *rs) { return rs ? rs->n : 0; }

int fc_rules_get(const fc_rules *rs, size_t i, fc_rule_info *out) {
    const fc_rule *r;
    if (!rs || i >= rs->n) return FC_EINPUT;
    r = &rs->items[i];
    out->id = r->id;
    out->kind = fc_rule_kinds[r->kind];
    out->severity = fc_rule_severities[r->severity];
    out->description = r->description;
    out->file = r->file;
    out->line = r->line;
    return FC_OK;
}
