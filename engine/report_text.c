/*
** report_text.c -- findings as compiler-style diagnostics for a terminal:
**
**   DOC:LINE:COL: SEVERITY: MESSAGE [RULE]
**       DOC (DATE) LINE | ...the source line around the figure...
**                           ^~~~~~~~~~~~
**
** then a summary with counts per severity and per rule.  Long lines are
** trimmed around the figure at character boundaries.
*/
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define WIDTH 72    /* code points of source shown around a figure */

static const char *sev_color(const char *sev) {
    switch (rp_severity_rank(sev)) {
    case 0: return "\033[1;31m";
    case 1: return "\033[1;35m";
    default: return "\033[1;36m";
    }
}

/* Byte offset of the code point `n` code points after `from` (not past
** end). */
static size_t skip_chars(const char *s, size_t from, size_t end, size_t n) {
    size_t i = from;
    while (i < end && n > 0) {
        i++;
        while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        n--;
    }
    return i;
}

/* Start of the code point `n` code points before `from` (not before
** start). */
static size_t back_chars(const char *s, size_t start, size_t from, size_t n) {
    size_t i = from;
    while (i > start && n > 0) {
        i--;
        while (i > start && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
        n--;
    }
    return i;
}

/* Text from the input, with its control characters (escape sequences
** included) written as spaces, so it cannot drive the terminal. */
static void put_clean(FILE *fp, const char *s, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        fputc(c < 0x20 || c == 0x7f ? ' ' : c, fp);
    }
}

static void put_cleans(FILE *fp, const char *s) {
    if (s) put_clean(fp, s, strlen(s));
}

static void quote_fact(FILE *fp, rp_docs *dc, const fc_fact *f,
                       const char *role, int color) {
    const fc_doc *doc = rp_docs_get(dc, f->doc);
    char value[96], label[160];
    int n;
    fc_format_value(f->value, f->unit, value, sizeof value);
    n = snprintf(label, sizeof label, "%s%s%s%s", f->doc,
                 doc && doc->published ? " (" : "",
                 doc && doc->published ? doc->published : "",
                 doc && doc->published ? ")" : "");
    (void)n;
    if (doc && f->span.start >= 0 && (size_t)f->span.end <= doc->len &&
        f->span.start <= f->span.end) {
        size_t s = (size_t)f->span.start, e = (size_t)f->span.end;
        size_t ls = s, le = s, a, b, i;
        int line = 0, col = 0, pad;
        while (ls > 0 && doc->text[ls - 1] != '\n') ls--;
        while (le < doc->len && doc->text[le] != '\n') le++;
        if (e > le) e = le;
        fc_doc_linecol(doc, s, &line, &col);
        /* a window of WIDTH code points around the figure */
        a = back_chars(doc->text, ls, s, WIDTH / 3);
        b = skip_chars(doc->text, e, le, WIDTH / 3);
        if (fc_utf8_count(doc->text + s, e - s) > WIDTH / 3)
            b = e; /* a long figure: show it whole */
        fputs("    ", fp);
        put_cleans(fp, label);
        pad = 4 + (int)fc_utf8_count(label, strlen(label)) +
              fprintf(fp, " %d | ", line);
        if (a > ls) pad += fprintf(fp, "...");
        put_clean(fp, doc->text + a, s - a);
        if (color) fputs("\033[1m", fp);
        put_clean(fp, doc->text + s, e - s);
        if (color) fputs("\033[0m", fp);
        put_clean(fp, doc->text + e, b - e);
        if (b < le) fputs("...", fp);
        if (role) fprintf(fp, "  (%s)", role);
        fputc('\n', fp);
        pad += (int)fc_utf8_count(doc->text + a, s - a);
        for (i = 0; i < (size_t)pad; i++) fputc(' ', fp);
        if (color) fputs("\033[1;32m", fp);
        fputc('^', fp);
        for (i = 1; i < fc_utf8_count(doc->text + s, e - s); i++)
            fputc('~', fp);
        if (color) fputs("\033[0m", fp);
        fprintf(fp, " %s", value);
        if (f->period) fprintf(fp, ", %s", f->period);
        fputc('\n', fp);
        return;
    }
    fputs("    ", fp);
    put_cleans(fp, label);
    fputs(": \"", fp);
    put_cleans(fp, f->text);
    fprintf(fp, "\" = %s", value);
    if (f->period) fputs(", ", fp);
    put_cleans(fp, f->period);
    if (role) fprintf(fp, " (%s)", role);
    fputc('\n', fp);
}

typedef struct rule_count {
    const char *rule;
    size_t n;
} rule_count;

int rp_text(FILE *fp, const fc_findings *fs, fc_store *s,
            const fc_report_opts *o) {
    rp_docs dc;
    rp_counts c;
    size_t i, k, nrules = 0;
    rule_count *rules = calloc(fc_findings_count(fs) + 1, sizeof *rules);
    int color = o && o->color;
    if (!rules) return FC_ENOMEM;
    rp_docs_init_opts(&dc, s, o);
    rp_summary(fs, &c);
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        const fc_fact *first = f->nfacts ? f->facts[0] : NULL;
        if (f->baselined) continue;
        for (k = 0; k < nrules && strcmp(rules[k].rule, f->rule); k++)
            ;
        if (k == nrules) rules[nrules++].rule = f->rule;
        rules[k].n++;
        if (first) {
            char path[4096];
            int line, column;
            put_cleans(fp, rp_fact_place(&dc, o, first, path, sizeof path,
                                         &line, &column));
            if (line > 0)
                fprintf(fp, ":%d:%d: ", line, column);
            else
                fputs(": ", fp);
        }
        fprintf(fp, "%s%s:%s ", color ? sev_color(f->severity) : "",
                f->severity, color ? "\033[0m" : "");
        put_cleans(fp, f->message);
        fputs(" [", fp);
        put_cleans(fp, f->rule);
        fprintf(fp, ", %s]\n", f->type);
        for (k = 0; k < f->nfacts; k++)
            quote_fact(fp, &dc, f->facts[k], f->roles[k], color);
        if (f->link) {
            /* why the figures were taken as one thing, and how surely */
            fputs("  = linked: ", fp);
            put_cleans(fp, f->link);
            fprintf(fp, " (confidence %.2f)\n", f->confidence);
        }
        if (rp_type_advice(f->type) && rp_severity_rank(f->severity) < 2)
            fprintf(fp, "  = do: %s\n", rp_type_advice(f->type));
    }
    if (c.shown) fputc('\n', fp);
    fprintf(fp, "%zu finding%s: %zu error%s, %zu warning%s, %zu info",
            c.shown, c.shown == 1 ? "" : "s", c.errors,
            c.errors == 1 ? "" : "s", c.warnings, c.warnings == 1 ? "" : "s",
            c.info);
    if (o && o->facts)
        fprintf(fp, " (%zu fact%s checked)", o->facts,
                o->facts == 1 ? "" : "s");
    if (c.baselined)
        fprintf(fp, "; %zu accepted by the baseline", c.baselined);
    fputc('\n', fp);
    for (k = 0; k < nrules; k++)
        fprintf(fp, "  %-34s %zu\n", rules[k].rule, rules[k].n);
    free(rules);
    rp_docs_free(&dc);
    return ferror(fp) ? FC_EIO : FC_OK;
}
