/*
** cli_facts.c -- factcheck facts and factcheck docs: list what a database
** (or a manifest and fact files) holds, as a table for people or as JSON.
*/
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const cli_opt facts_opts[] = {
    {"db", 1, "DB", "read this database", 0},
    {"manifest", 1, "M", "read the documents this manifest names", 0},
    {"docs", 1, "DIR", "folder of the manifest's documents (default: its own)", 0},
    {"facts", 2, "F", "read these fact files", 0},
    {"metric", 1, "PAT", "only metrics matching this glob (* and ?)", 0},
    {"doc", 1, "ID", "only facts of this document", 0},
    {"period", 1, "P", "only this period; a year also matches days in it", 0},
    {"format", 1, "FMT", "table (default) or json", 0},
};

const cli_cmd cli_cmd_facts = {
    "facts",
    "[--db DB | --manifest M [--docs DIR] --facts F...] [--metric PAT] "
    "[--doc ID]\n                       [--period P] [--format table|json]",
    "List stored facts, ordered by metric, subject, period and document.",
    facts_opts, sizeof facts_opts / sizeof facts_opts[0], cli_facts};

static const cli_opt docs_opts[] = {
    {"db", 1, "DB", "read this database", 0},
    {"manifest", 1, "M", "read the documents this manifest names", 0},
    {"docs", 1, "DIR", "folder of the manifest's documents (default: its own)", 0},
    {"format", 1, "FMT", "table (default) or json", 0},
};

const cli_cmd cli_cmd_docs = {
    "docs", "[--db DB | --manifest M [--docs DIR]] [--format table|json]",
    "List the documents of a database or a manifest with their metadata.",
    docs_opts, sizeof docs_opts / sizeof docs_opts[0], cli_docs};

/* ---- value formatting ---------------------------------------------------- */

static void fmt_value(char *out, size_t size, double v, const char *unit) {
    fc_format_value(v, unit, out, size);
}

static void fmt_interval(char *out, size_t size, const fc_fact *f) {
    if (f->lo == f->value && f->hi == f->value) {
        snprintf(out, size, "=");
        return;
    }
    fc_format_interval(f->lo, f->hi, NULL, out, size);
}

/* ---- the table ----------------------------------------------------------- */

enum { C_WHERE, C_METRIC, C_SUBJECT, C_BASIS, C_PERIOD, C_STATUS, C_VALUE,
       C_INTERVAL, C_TEXT, NCOLS };
static const char *const col_names[NCOLS] = {
    "WHERE", "METRIC", "SUBJECT", "BASIS", "PERIOD", "STATUS", "VALUE",
    "INTERVAL", "TEXT"};
static const int col_cap[NCOLS] = {20, 40, 16, 14, 18, 8, 24, 34, 60};

typedef struct table {
    int width[NCOLS];
    int printing;
    size_t rows;
} table;

/* Display width of a UTF-8 string (code points). */
static int width_of(const char *s) {
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) w++;
    return w;
}

/* Print s padded to width w, cut with "~" at a character boundary when
** longer. */
static void put_cell(const char *s, int w, int last) {
    int n = 0;
    const char *p = s;
    int sw = width_of(s);
    if (sw > w) {
        while (*p && n < w - 1) {
            fputc(*p++, stdout);
            while (((unsigned char)*p & 0xC0) == 0x80) fputc(*p++, stdout);
            n++;
        }
        fputc('~', stdout);
        n++;
    } else {
        fputs(s, stdout);
        n = sw;
    }
    if (!last)
        while (n++ < w + 2) fputc(' ', stdout);
}

static void row_cells(const fc_fact *f, char cells[NCOLS][128]) {
    if (f->span.start >= 0 && f->span.line > 0)
        snprintf(cells[C_WHERE], 128, "%s:%d:%d", f->doc, f->span.line,
                 f->span.column);
    else
        snprintf(cells[C_WHERE], 128, "%s", f->doc);
    snprintf(cells[C_METRIC], 128, "%s", f->metric ? f->metric : "-");
    snprintf(cells[C_SUBJECT], 128, "%s", f->subject ? f->subject : "-");
    snprintf(cells[C_BASIS], 128, "%s", f->basis ? f->basis : "-");
    snprintf(cells[C_PERIOD], 128, "%s", f->period ? f->period : "-");
    snprintf(cells[C_STATUS], 128, "%s", f->status ? f->status : "actual");
    fmt_value(cells[C_VALUE], 128, f->value, f->unit);
    if (f->qualifier && strcmp(f->qualifier, "exact") != 0) {
        char tmp[96];
        snprintf(tmp, sizeof tmp, "%s", cells[C_VALUE]);
        snprintf(cells[C_VALUE], 128, "%.24s %s",
                 strcmp(f->qualifier, "more_than") == 0   ? ">"
                 : strcmp(f->qualifier, "at_least") == 0  ? ">="
                 : strcmp(f->qualifier, "less_than") == 0 ? "<"
                 : strcmp(f->qualifier, "at_most") == 0   ? "<="
                 : strcmp(f->qualifier, "nearly") == 0    ? "~<"
                 : strcmp(f->qualifier, "approx") == 0    ? "~"
                                                          : f->qualifier,
                 tmp);
    }
    fmt_interval(cells[C_INTERVAL], 128, f);
    if (f->text) {
        const char *t = f->text;
        size_t i = 0, o = 0;
        cells[C_TEXT][o++] = '"';
        while (t[i] && o < 124) {
            unsigned char c = (unsigned char)t[i++];
            cells[C_TEXT][o++] = c < 0x20 ? ' ' : (char)c;
        }
        /* do not leave half a character at the cut */
        while (o > 1 && ((unsigned char)cells[C_TEXT][o - 1] & 0xC0) == 0xC0)
            o--;
        cells[C_TEXT][o++] = '"';
        cells[C_TEXT][o] = '\0';
    } else {
        snprintf(cells[C_TEXT], 128, "-");
    }
}

static int table_row(void *ctx, const fc_fact *f, const fc_loc *loc) {
    table *t = ctx;
    char cells[NCOLS][128];
    int i;
    (void)loc;
    row_cells(f, cells);
    if (!t->printing) {
        for (i = 0; i < NCOLS; i++) {
            int w = width_of(cells[i]);
            if (w > col_cap[i]) w = col_cap[i];
            if (w > t->width[i]) t->width[i] = w;
        }
        t->rows++;
        return FC_OK;
    }
    for (i = 0; i < NCOLS; i++) put_cell(cells[i], t->width[i], i == NCOLS - 1);
    fputc('\n', stdout);
    return FC_OK;
}

static int json_row(void *ctx, const fc_fact *f, const fc_loc *loc) {
    size_t *n = ctx;
    char *line = fc_fact_to_json(f);
    (void)loc;
    if (!line) return FC_ENOMEM;
    printf("%s%s", *n ? ",\n" : "", line);
    free(line);
    (*n)++;
    return FC_OK;
}

static int check_format(const cli_cmd *cmd, const char *fmt) {
    if (!fmt || strcmp(fmt, "table") == 0 || strcmp(fmt, "json") == 0)
        return 0;
    return cli_usage_error(cmd, "unknown format '%s' (expected table or json)",
                           fmt);
}

int cli_facts(cli_args *a) {
    const char *fmt = cli_get(a, "format");
    fc_fact_filter filter;
    fc_store *s;
    int rc, i;

    if (check_format(&cli_cmd_facts, fmt)) return 2;
    if (a->npos)
        return cli_usage_error(&cli_cmd_facts, "unexpected argument '%s'",
                               a->pos[0]);
    filter.metric = cli_get(a, "metric");
    filter.doc = cli_get(a, "doc");
    filter.period = cli_get(a, "period");
    if ((rc = cli_open_store(&cli_cmd_facts, a, &s)) != 0) return rc;
    if (fmt && strcmp(fmt, "json") == 0) {
        size_t n = 0;
        fputs("[\n", stdout);
        rc = fc_store_each_fact(s, &filter, json_row, &n);
        fputs(n ? "\n]\n" : "]\n", stdout);
    } else {
        table t;
        memset(&t, 0, sizeof t);
        for (i = 0; i < NCOLS; i++) t.width[i] = width_of(col_names[i]);
        rc = fc_store_each_fact(s, &filter, table_row, &t);
        if (rc == FC_OK && t.rows) {
            for (i = 0; i < NCOLS; i++)
                put_cell(col_names[i], t.width[i], i == NCOLS - 1);
            fputc('\n', stdout);
            t.printing = 1;
            rc = fc_store_each_fact(s, &filter, table_row, &t);
        }
        if (rc == FC_OK)
            printf("%zu fact%s\n", t.rows, t.rows == 1 ? "" : "s");
    }
    if (rc != FC_OK) cli_error("cannot read the facts: %s", fc_store_errmsg(s));
    fc_store_close(s);
    return fc_status_exit_code(rc);
}

/* ---- docs ---------------------------------------------------------------- */

typedef struct doc_list {
    int json;
    size_t n;
} doc_list;

static void json_str(const char *s) {
    if (!s) {
        fputs("null", stdout);
        return;
    }
    fputc('"', stdout);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            fputc(c, stdout);
    }
    fputc('"', stdout);
}

static int doc_row(void *ctx, const fc_doc *doc) {
    doc_list *l = ctx;
    if (l->json) {
        fputs(l->n ? ",\n" : "", stdout);
        fputs("{\"id\": ", stdout);
        json_str(doc->id);
        fputs(", \"path\": ", stdout);
        json_str(doc->path);
        fputs(", \"published\": ", stdout);
        json_str(doc->published);
        fputs(", \"title\": ", stdout);
        json_str(doc->title);
        fputs(", \"publisher\": ", stdout);
        json_str(doc->publisher);
        fputs(", \"event\": ", stdout);
        json_str(doc->event);
        fputs(", \"authority\": ", stdout);
        json_str(doc->authority);
        printf(", \"bytes\": %zu, \"lines\": %zu, \"sha256\": \"%s\"}",
               doc->len, doc->nlines, doc->sha256);
    } else {
        printf("%s  %s  %s, %zu line%s, sha256 %.12s\n", doc->id,
               doc->published ? doc->published : "undated",
               doc->path ? doc->path : "-", doc->nlines,
               doc->nlines == 1 ? "" : "s", doc->sha256);
        if (doc->title) printf("    title:     %s\n", doc->title);
        if (doc->publisher)
            printf("    publisher: %s (%s)\n", doc->publisher,
                   doc->authority ? doc->authority : "authority unknown");
        if (doc->event) printf("    event:     %s\n", doc->event);
    }
    l->n++;
    return FC_OK;
}

int cli_docs(cli_args *a) {
    const char *fmt = cli_get(a, "format");
    doc_list l;
    fc_store *s;
    int rc;

    if (check_format(&cli_cmd_docs, fmt)) return 2;
    if (a->npos)
        return cli_usage_error(&cli_cmd_docs, "unexpected argument '%s'",
                               a->pos[0]);
    if ((rc = cli_open_store(&cli_cmd_docs, a, &s)) != 0) return rc;
    l.json = fmt && strcmp(fmt, "json") == 0;
    l.n = 0;
    if (l.json) fputs("[\n", stdout);
    rc = fc_store_each_doc(s, doc_row, &l);
    if (l.json)
        fputs(l.n ? "\n]\n" : "]\n", stdout);
    else if (rc == FC_OK)
        printf("%zu document%s\n", l.n, l.n == 1 ? "" : "s");
    if (rc != FC_OK)
        cli_error("cannot read the documents: %s", fc_store_errmsg(s));
    fc_store_close(s);
    return fc_status_exit_code(rc);
}
