/*
** report_annotated.c -- an audited draft written back with its problems
** marked where they are: a note mark right after each figure a finding
** concerns, and the notes at the end (Markdown footnotes for a Markdown
** draft), then the figures nothing supports and the audit's summary line.
*/
#include "report.h"

#include <stdlib.h>
#include <string.h>

typedef struct mark {
    size_t at;            /* byte offset after the figure */
    size_t finding;       /* index into the findings */
} mark;

static int mark_cmp(const void *x, const void *y) {
    const mark *a = x, *b = y;
    if (a->at != b->at) return a->at < b->at ? -1 : 1;
    return a->finding < b->finding ? -1 : a->finding > b->finding;
}

static const char *label(const fc_finding *f) {
    if (!strcmp(f->kind, "audit")) {
        if (!strcmp(f->type, "value_conflict")) return "contradicted";
        if (!strcmp(f->type, "period_difference")) return "stale";
        if (!strcmp(f->type, "basis_mismatch")) return "basis confusion";
        if (!strcmp(f->type, "population_difference"))
            return "population confusion";
        if (!strcmp(f->type, "unit_or_scale_slip")) return "scale slip";
        if (!strcmp(f->type, "rounding_only")) return "rounding";
        if (!strcmp(f->type, "unsupported")) return "unsupported";
        if (!strcmp(f->type, "supported")) return "supported";
    }
    return f->rule; /* the draft checked against itself */
}

void fc_audit_summary(const fc_audit_stats *st, char *out, size_t size) {
    snprintf(out, size,
             "%zu figure%s checked: %zu supported, %zu stale, %zu "
             "contradicted, %zu unsupported, %zu basis or population "
             "confusion%s, %zu scale slip%s, %zu rounding",
             st->figures, st->figures == 1 ? "" : "s", st->supported,
             st->stale, st->contradicted, st->unsupported, st->confused,
             st->confused == 1 ? "" : "s", st->slips,
             st->slips == 1 ? "" : "s", st->rounding);
}

/* The message on one line (notes are one line each). */
static void put_line(FILE *fp, const char *s) {
    for (; *s; s++) fputc(*s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

int fc_report_annotated(FILE *fp, const char *original, size_t len,
                        int markdown, const char *draft_id,
                        const fc_findings *fs, const fc_audit_stats *st) {
    size_t n = fc_findings_count(fs), i, k, nm = 0, pos = 0, note = 0;
    mark *marks = calloc(n + 1, sizeof *marks);
    size_t *number = calloc(n + 1, sizeof *number); /* note number per
                                                        finding, 0: none */
    char summary[400];
    int unsupported = 0;
    if (!marks || !number) {
        free(marks);
        free(number);
        return FC_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (f->baselined || !strcmp(f->type, "supported")) continue;
        if (!strcmp(f->type, "unsupported")) {
            unsupported = 1;
            continue;
        }
        for (k = 0; k < f->nfacts; k++) {
            const fc_fact *x = f->facts[k];
            if (strcmp(x->doc, draft_id) != 0 || x->span.start < 0 ||
                (size_t)x->span.end > len)
                continue;
            marks[nm].at = (size_t)x->span.end;
            marks[nm].finding = i;
            nm++;
            break;
        }
    }
    qsort(marks, nm, sizeof *marks, mark_cmp);
    /* number the notes in text order */
    for (i = 0; i < nm; i++)
        if (!number[marks[i].finding]) number[marks[i].finding] = ++note;
    for (i = 0; i < nm; i++) {
        fwrite(original + pos, 1, marks[i].at - pos, fp);
        pos = marks[i].at;
        if (markdown)
            fprintf(fp, "[^fc%zu]", number[marks[i].finding]);
        else
            fprintf(fp, " [%zu]", number[marks[i].finding]);
    }
    fwrite(original + pos, 1, len - pos, fp);
    if (len && original[len - 1] != '\n') fputc('\n', fp);

    /* the notes, in number order */
    if (note) {
        fputs(markdown ? "\n" : "\n---- Notes from factcheck ----\n", fp);
        for (k = 1; k <= note; k++)
            for (i = 0; i < n; i++) {
                const fc_finding *f = fc_findings_get(fs, i);
                if (number[i] != k) continue;
                if (markdown)
                    fprintf(fp, "[^fc%zu]: **%s** (%s): ", k, label(f),
                            f->severity);
                else
                    fprintf(fp, "[%zu] %s (%s): ", k, label(f), f->severity);
                put_line(fp, f->message);
                fputc('\n', fp);
            }
    }
    if (unsupported) {
        fputs(markdown ? "\n**Figures no reference supports:**\n\n"
                       : "\n---- Figures no reference supports ----\n",
              fp);
        for (i = 0; i < n; i++) {
            const fc_finding *f = fc_findings_get(fs, i);
            if (f->baselined || strcmp(f->type, "unsupported") != 0) continue;
            fputs(markdown ? "- " : "  ", fp);
            if (f->nfacts && f->facts[0]->span.line)
                fprintf(fp, "line %d: ", f->facts[0]->span.line);
            put_line(fp, f->message);
            fputc('\n', fp);
        }
    }
    fc_audit_summary(st, summary, sizeof summary);
    fprintf(fp, markdown ? "\n*factcheck: %s.*\n" : "\nfactcheck: %s.\n",
            summary);
    free(marks);
    free(number);
    return ferror(fp) ? FC_EIO : FC_OK;
}
