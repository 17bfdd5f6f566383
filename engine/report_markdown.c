/*
** report_markdown.c -- a discrepancy report for people, in GitHub-flavoured
** Markdown:
**
**   # factcheck report
**   ## Summary            counts per severity, then per rule
**   ## Errors (N)         one section per severity, errors first
**   ### E1. MESSAGE       per finding: the quotes side by side, one column
**                         per fact (document, date, quote in context,
**                         normalised value, interval, period ...), then
**                         what the rule concluded
**   ## Documents          the documents of the store
**
** Everything that comes from the input (quotes, messages, titles, rule ids)
** goes through md_put, which escapes Markdown and HTML metacharacters, so a
** quote holding '|', '*' or "<script>" cannot break a table or add markup.
** Output is streamed; nothing grows with the number of findings but the
** per-rule counts.
*/
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define CONTEXT 160 /* code points of context either side of a figure */

static int is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* Write s[0..n) as inline Markdown text: < > & as entities, the ASCII
** characters that start Markdown constructs backslash-escaped, line breaks
** and control characters as spaces. */
static void md_putn(FILE *fp, const char *s, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '&': fputs("&amp;", fp); break;
        case '_':
            /* inside a word it starts no emphasis: keep metric keys
            ** ("value_added") readable */
            if (i > 0 && i + 1 < n && is_word(s[i - 1]) && is_word(s[i + 1]))
                fputc(c, fp);
            else
                fputs("\\_", fp);
            break;
        case '\\': case '`': case '*': case '[': case ']':
        case '|': case '#': case '~': case '!': case '$':
            fputc('\\', fp);
            fputc(c, fp);
            break;
        default:
            fputc(c < 0x20 || c == 0x7f ? ' ' : c, fp);
        }
    }
}

static void md_put(FILE *fp, const char *s) {
    if (s) md_putn(fp, s, strlen(s));
}

static const char *sev_title(int rank) {
    return rank == 0 ? "Errors" : rank == 1 ? "Warnings" : "Information";
}

static char sev_letter(int rank) {
    return rank == 0 ? 'E' : rank == 1 ? 'W' : 'I';
}

/* The quote of a fact in its sentence, the figure in bold. */
static void put_quote(FILE *fp, const fc_doc *doc, const fc_fact *f) {
    size_t s, e, a, b;
    int cut;
    if (!rp_span_ok(doc, f) || f->span.start == f->span.end) {
        fputs("**", fp);
        md_put(fp, f->text ? f->text : "");
        fputs("**", fp);
        return;
    }
    s = (size_t)f->span.start;
    e = (size_t)f->span.end;
    cut = rp_window(doc, s, e, CONTEXT, &a, &b);
    if (cut & 1) fputs("… ", fp);
    md_putn(fp, doc->text + a, s - a);
    fputs("**", fp);
    md_putn(fp, doc->text + s, e - s);
    fputs("**", fp);
    md_putn(fp, doc->text + e, b - e);
    if (cut & 2) fputs(" …", fp);
}

/* One row of the side-by-side table: a label, then a cell per fact. */
enum field {
    F_DOCUMENT, F_PUBLISHED, F_QUOTE, F_WHERE, F_METRIC, F_SUBJECT,
    F_BASIS, F_PERIOD, F_STATUS, F_VALUE, F_INTERVAL, F_SPEAKER, F_NFIELDS
};
static const char *const field_names[F_NFIELDS] = {
    "document", "published", "quote", "where", "metric", "subject",
    "basis", "period", "status", "value", "interval", "speaker"};

static void put_cell(FILE *fp, enum field k, const fc_fact *f,
                     const fc_doc *doc) {
    char buf[160];
    switch (k) {
    case F_DOCUMENT:
        if (doc && doc->title) {
            fputc('*', fp);
            md_put(fp, doc->title);
            fputc('*', fp);
            if (doc->publisher || doc->authority) fputs(" — ", fp);
            md_put(fp, doc->publisher);
            if (doc->publisher && doc->authority) fputs(", ", fp);
            md_put(fp, doc->authority);
        } else {
            md_put(fp, f->doc);
        }
        break;
    case F_PUBLISHED: md_put(fp, doc && doc->published ? doc->published
                                                       : "–");
        break;
    case F_QUOTE: put_quote(fp, doc, f); break;
    case F_WHERE:
        if (f->span.line > 0)
            fprintf(fp, "line %d, column %d", f->span.line, f->span.column);
        else
            fputs("–", fp);
        break;
    case F_METRIC: md_put(fp, f->metric ? f->metric : "–"); break;
    case F_SUBJECT: md_put(fp, f->subject ? f->subject : "–"); break;
    case F_BASIS: md_put(fp, f->basis ? f->basis : "–"); break;
    case F_PERIOD: md_put(fp, f->period ? f->period : "–"); break;
    case F_STATUS: md_put(fp, f->status ? f->status : "actual"); break;
    case F_VALUE:
        fc_format_value(f->value, f->unit, buf, sizeof buf);
        md_put(fp, buf);
        if (f->qualifier && strcmp(f->qualifier, "exact")) {
            const char *q;
            fputs(" (", fp);
            for (q = f->qualifier; *q; q++)
                if (*q == '_')
                    fputc(' ', fp);
                else
                    md_putn(fp, q, 1);
            fputc(')', fp);
        }
        break;
    case F_INTERVAL:
        /* brackets not escaped: "[a, b]" followed by " |" is no link */
        fc_format_value(f->lo, f->unit, buf, sizeof buf);
        fputc('[', fp);
        md_put(fp, buf);
        fputs(", ", fp);
        fc_format_value(f->hi, f->unit, buf, sizeof buf);
        md_put(fp, buf);
        fputc(']', fp);
        break;
    case F_SPEAKER: md_put(fp, f->speaker ? f->speaker : "–"); break;
    default: break;
    }
}

/* Whether a row is worth showing: some fact has the field. */
static int row_used(enum field k, const fc_finding *f) {
    size_t i;
    for (i = 0; i < f->nfacts; i++) {
        const fc_fact *x = f->facts[i];
        switch (k) {
        case F_METRIC: if (x->metric) return 1; break;
        case F_SUBJECT: if (x->subject) return 1; break;
        case F_BASIS: if (x->basis) return 1; break;
        case F_PERIOD: if (x->period) return 1; break;
        case F_STATUS: if (x->status) return 1; break;
        case F_SPEAKER: if (x->speaker) return 1; break;
        case F_INTERVAL: if (x->lo != x->hi) return 1; break;
        default: return 1;
        }
    }
    return 0;
}

static void put_finding(FILE *fp, rp_docs *dc, const fc_finding *f,
                        int rank, size_t nth) {
    size_t i;
    int k;
    const char *what = rp_type_text(f->type);
    fprintf(fp, "### %c%zu. ", sev_letter(rank), nth);
    md_put(fp, f->message);
    fputs("\n\n", fp);
    if (f->nfacts) {
        fputs("|  |", fp);
        for (i = 0; i < f->nfacts; i++) {
            fputc(' ', fp);
            md_put(fp, f->facts[i]->doc);
            if (f->roles[i]) {
                fputs(" — ", fp);
                md_put(fp, f->roles[i]);
            }
            fputs(" |", fp);
        }
        fputs("\n|---|", fp);
        for (i = 0; i < f->nfacts; i++) fputs("---|", fp);
        fputc('\n', fp);
        for (k = 0; k < F_NFIELDS; k++) {
            if (!row_used((enum field)k, f)) continue;
            fprintf(fp, "| %s |", field_names[k]);
            for (i = 0; i < f->nfacts; i++) {
                fputc(' ', fp);
                put_cell(fp, (enum field)k, f->facts[i],
                         rp_docs_get(dc, f->facts[i]->doc));
                fputs(" |", fp);
            }
            fputc('\n', fp);
        }
        fputc('\n', fp);
    }
    fputs("**Concluded:** ", fp);
    md_put(fp, f->type);
    if (what) {
        fputs(" — ", fp);
        md_put(fp, what);
    }
    fputs(". Rule ", fp);
    md_put(fp, f->rule);
    fputs(" (", fp);
    md_put(fp, f->kind);
    fputs("), ", fp);
    md_put(fp, f->severity);
    fputc('.', fp);
    for (i = 0, k = 0; i < f->nfacts; i++) {
        if (!f->roles[i]) continue;
        fputs(k++ ? ", " : " Roles: ", fp);
        md_put(fp, f->facts[i]->doc);
        fputc(' ', fp);
        md_put(fp, f->roles[i]);
    }
    if (k) fputc('.', fp);
    if (f->link) {
        fputs(" Linked: ", fp);
        md_put(fp, f->link);
        fprintf(fp, " (confidence %.2f).", f->confidence);
    }
    if (rp_type_advice(f->type) && rp_severity_rank(f->severity) < 2) {
        fputs(" **To do:** ", fp);
        md_put(fp, rp_type_advice(f->type));
        fputc('.', fp);
    }
    fprintf(fp, " Finding `%s`.\n\n", f->id);
}

typedef struct doc_rows {
    FILE *fp;
    size_t n;
} doc_rows;

static int put_doc_row(void *ctx, const fc_doc *doc) {
    doc_rows *dr = ctx;
    FILE *fp = dr->fp;
    if (dr->n++ == 0)
        fputs("## Documents\n\n| id | published | title | publisher | "
              "authority | event |\n|---|---|---|---|---|---|\n",
              fp);
    fputs("| ", fp);
    md_put(fp, doc->id);
    fputs(" | ", fp);
    md_put(fp, doc->published ? doc->published : "–");
    fputs(" | ", fp);
    md_put(fp, doc->title ? doc->title : doc->path);
    fputs(" | ", fp);
    md_put(fp, doc->publisher ? doc->publisher : "–");
    fputs(" | ", fp);
    md_put(fp, doc->authority ? doc->authority : "–");
    fputs(" | ", fp);
    md_put(fp, doc->event ? doc->event : "–");
    fputs(" |\n", fp);
    return FC_OK;
}

int rp_markdown(FILE *fp, const fc_findings *fs, fc_store *s,
                const fc_report_opts *o) {
    rp_docs dc;
    rp_counts c;
    rp_rule_count *rules;
    doc_rows dr;
    size_t nrules, i, k, nth = 0;
    int rank = -1, st;
    if ((st = rp_rule_counts(fs, &rules, &nrules)) != FC_OK) return st;
    rp_docs_init_opts(&dc, s, o);
    rp_summary(fs, &c);

    fputs("# factcheck report\n\n## Summary\n\n", fp);
    fprintf(fp, "%zu finding%s: %zu error%s, %zu warning%s, %zu info", c.shown,
            c.shown == 1 ? "" : "s", c.errors, c.errors == 1 ? "" : "s",
            c.warnings, c.warnings == 1 ? "" : "s", c.info);
    if (o && o->facts)
        fprintf(fp, " (%zu fact%s checked)", o->facts,
                o->facts == 1 ? "" : "s");
    if (c.baselined)
        fprintf(fp, "; %zu accepted by the baseline and not shown",
                c.baselined);
    fputs(".\n\n", fp);
    fprintf(fp, "| severity | findings |\n|---|--:|\n| error | %zu |\n"
                "| warning | %zu |\n| info | %zu |\n| **total** | **%zu** |\n\n",
            c.errors, c.warnings, c.info, c.shown);
    if (nrules) {
        fputs("| rule | kind | error | warning | info | total |\n"
              "|---|---|--:|--:|--:|--:|\n",
              fp);
        for (k = 0; k < nrules; k++) {
            fputs("| ", fp);
            md_put(fp, rules[k].rule);
            fputs(" | ", fp);
            md_put(fp, rules[k].kind);
            fprintf(fp, " | %zu | %zu | %zu | %zu |\n", rules[k].errors,
                    rules[k].warnings, rules[k].info, rules[k].n);
        }
        fputc('\n', fp);
    }

    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        int r = rp_severity_rank(f->severity);
        if (f->baselined) continue;
        if (r > 2) r = 2;
        if (r != rank) {
            size_t n = r == 0 ? c.errors : r == 1 ? c.warnings : c.info;
            fprintf(fp, "## %s (%zu)\n\n", sev_title(r), n);
            rank = r;
            nth = 0;
        }
        put_finding(fp, &dc, f, r, ++nth);
    }
    if (!c.shown) fputs("No findings.\n\n", fp);

    dr.fp = fp;
    dr.n = 0;
    if (s) st = fc_store_each_doc(s, put_doc_row, &dr);
    free(rules);
    rp_docs_free(&dc);
    if (st != FC_OK) return st;
    return ferror(fp) ? FC_EIO : FC_OK;
}
