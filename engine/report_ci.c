/*
** report_ci.c -- findings for CI systems:
**
**   github  GitHub Actions workflow commands, one line per finding:
**           ::error file=PATH,line=L,col=C,title=RULE::MESSAGE
**           (warning for warnings, notice for information), placed at the
**           first figure of the finding; the others are named in the
**           message.
**   junit   JUnit XML: one test case per rule that was run (or that a
**           finding names), one failure per finding at or above fail_on;
**           findings below it are listed in the case's system-out.
**
** A document is named by its path (rp_doc_path: under the manifest's
** documents folder, relative to the working directory when it lies under
** it, as compilers do), else by its id.  Findings a baseline accepted are
** left out.
*/
#include "report.h"

#include <stdlib.h>
#include <string.h>

typedef int (*writer)(FILE *fp, const fc_findings *fs, rp_docs *dc,
                      const fc_report_opts *o);

/* Run a writer with the documents of the store for quoting. */
static int with_docs(writer wr, FILE *fp, const fc_findings *fs,
                     fc_store *s, const fc_report_opts *o) {
    rp_docs dc;
    int rc;
    rp_docs_init_opts(&dc, s, o);
    rc = wr(fp, fs, &dc, o);
    rp_docs_free(&dc);
    return ferror(fp) ? FC_EIO : rc;
}

/* ---- github ------------------------------------------------------------------ */

/* A workflow command's data: %, CR and LF escaped; in a property, ':' and
** ',' too. */
static void gh_put(FILE *fp, const char *s, int property) {
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '%') fputs("%25", fp);
        else if (c == '\r') fputs("%0D", fp);
        else if (c == '\n') fputs("%0A", fp);
        else if (property && c == ':') fputs("%3A", fp);
        else if (property && c == ',') fputs("%2C", fp);
        else fputc(c, fp);
    }
}

static int rp_github_(FILE *fp, const fc_findings *fs, rp_docs *dc,
                      const fc_report_opts *o) {
    size_t i, k;
    char path[4096];
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        const fc_fact *a = f->nfacts ? f->facts[0] : NULL;
        int rank = rp_severity_rank(f->severity);
        char title[256];
        if (f->baselined) continue;
        fprintf(fp, "::%s ", rank == 0 ? "error" : rank == 1 ? "warning"
                                                             : "notice");
        if (a && a->doc) {
            int line, column;
            fputs("file=", fp);
            gh_put(fp, rp_fact_place(dc, o, a, path, sizeof path, &line,
                                     &column),
                   1);
            if (line > 0) fprintf(fp, ",line=%d,col=%d", line, column);
            fputc(',', fp);
        }
        snprintf(title, sizeof title, "%s (%s)", f->rule, f->type);
        fputs("title=", fp);
        gh_put(fp, title, 1);
        fputs("::", fp);
        gh_put(fp, f->message, 0);
        for (k = 1; k < f->nfacts; k++) {
            const fc_fact *x = f->facts[k];
            int line, column;
            if (!x->doc) continue;
            fputs(k == 1 ? " (see " : "; ", fp);
            gh_put(fp, rp_fact_place(dc, o, x, path, sizeof path, &line,
                                     &column),
                   0);
            if (line > 0) fprintf(fp, ":%d:%d", line, column);
            if (k + 1 == f->nfacts) fputc(')', fp);
        }
        if (f->link) {
            fputs(" [", fp);
            gh_put(fp, f->link, 0);
            fprintf(fp, "; confidence %.2f]", f->confidence);
        }
        fputc('\n', fp);
    }
    return FC_OK;
}

int rp_github(FILE *fp, const fc_findings *fs, fc_store *s,
              const fc_report_opts *o) {
    return with_docs(rp_github_, fp, fs, s, o);
}

/* ---- junit ------------------------------------------------------------------- */

static void xml_put(FILE *fp, const char *s) {
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&apos;", fp); break;
        default:
            /* XML 1.0 has no place for other control characters */
            if (c < 0x20 && c != '\n' && c != '\t') fputc(' ', fp);
            else fputc(c, fp);
        }
    }
}

/* A finding's place and message, on one line. */
static void junit_line(FILE *fp, const fc_finding *f, rp_docs *dc,
                       const fc_report_opts *o) {
    size_t k;
    char path[4096];
    for (k = 0; k < f->nfacts; k++) {
        const fc_fact *x = f->facts[k];
        int line, column;
        if (!x->doc) continue;
        xml_put(fp, k ? "; " : "");
        xml_put(fp, rp_fact_place(dc, o, x, path, sizeof path, &line,
                                  &column));
        if (line > 0) fprintf(fp, ":%d:%d", line, column);
    }
    fputs(": ", fp);
    xml_put(fp, f->severity);
    fputs(": ", fp);
    xml_put(fp, f->message);
    fputs(" [", fp);
    xml_put(fp, f->type);
    fputs("]\n", fp);
}

typedef struct jcase {
    const char *rule, *kind;
} jcase;

static int rp_junit_(FILE *fp, const fc_findings *fs, rp_docs *dc,
                     const fc_report_opts *o) {
    const char *fail_on = o && o->fail_on ? o->fail_on : "error";
    int fail_rank = rp_severity_rank(fail_on);
    size_t nf = fc_findings_count(fs), nr = o && o->rules ?
                                               fc_rules_count(o->rules) : 0;
    size_t i, k, ncase = 0, failures = 0;
    jcase *cases = malloc((nr + nf + 1) * sizeof *cases);
    if (!cases) return FC_ENOMEM;
    /* the rules run, then any a finding names that is not among them */
    for (i = 0; i < nr; i++) {
        fc_rule_info ri;
        if (fc_rules_get(o->rules, i, &ri) != FC_OK) continue;
        cases[ncase].rule = ri.id;
        cases[ncase++].kind = ri.kind;
    }
    for (i = 0; i < nf; i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (!f->baselined && rp_severity_rank(f->severity) <= fail_rank)
            failures++;
        for (k = 0; k < ncase && strcmp(cases[k].rule, f->rule); k++)
            ;
        if (k == ncase) {
            cases[ncase].rule = f->rule;
            cases[ncase++].kind = f->kind;
        }
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
    fprintf(fp, "<testsuites name=\"factcheck\" tests=\"%zu\" "
                "failures=\"%zu\">\n",
            ncase, failures);
    fprintf(fp, "  <testsuite name=\"factcheck\" tests=\"%zu\" "
                "failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
            ncase, failures);
    for (k = 0; k < ncase; k++) {
        size_t below = 0, nfail = 0;
        for (i = 0; i < nf; i++) {
            const fc_finding *f = fc_findings_get(fs, i);
            if (f->baselined || strcmp(f->rule, cases[k].rule)) continue;
            if (rp_severity_rank(f->severity) <= fail_rank) nfail++;
            else below++;
        }
        fputs("    <testcase classname=\"factcheck.", fp);
        xml_put(fp, cases[k].kind ? cases[k].kind : "rule");
        fputs("\" name=\"", fp);
        xml_put(fp, cases[k].rule);
        fputs(nfail || below ? "\">\n" : "\"/>\n", fp);
        if (!nfail && !below) continue;
        for (i = 0; i < nf && nfail; i++) {
            const fc_finding *f = fc_findings_get(fs, i);
            if (f->baselined || strcmp(f->rule, cases[k].rule) ||
                rp_severity_rank(f->severity) > fail_rank)
                continue;
            fputs("      <failure type=\"", fp);
            xml_put(fp, f->severity);
            fputs("\" message=\"", fp);
            xml_put(fp, f->message);
            fputs("\">", fp);
            junit_line(fp, f, dc, o);
            if (f->link) {
                fputs("linked: ", fp);
                xml_put(fp, f->link);
                fprintf(fp, " (confidence %.2f)\n", f->confidence);
            }
            fprintf(fp, "finding %s</failure>\n", f->id);
        }
        if (below) {
            fputs("      <system-out>", fp);
            for (i = 0; i < nf; i++) {
                const fc_finding *f = fc_findings_get(fs, i);
                if (f->baselined || strcmp(f->rule, cases[k].rule) ||
                    rp_severity_rank(f->severity) <= fail_rank)
                    continue;
                junit_line(fp, f, dc, o);
            }
            fputs("</system-out>\n", fp);
        }
        fputs("    </testcase>\n", fp);
    }
    fputs("  </testsuite>\n</testsuites>\n", fp);
    free(cases);
    return FC_OK;
}

int rp_junit(FILE *fp, const fc_findings *fs, fc_store *s,
             const fc_report_opts *o) {
    return with_docs(rp_junit_, fp, fs, s, o);
}
