/*
** report_json.c -- findings as one JSON object, the contract of DESIGN.md:
**
**   {"version": 2, "findings": [...], "summary": {...}}
**
** each finding {"id", "rule", "kind", "type", "severity", "message",
** "facts": [fact...]} (and "advice", what to do, for an error or a warning
** whose type has advice), each fact with the fields of a fact file plus its
** "finding_role" (version 1 called it "role", a name the fact's own
** role now holds).  The schema is reports/findings.schema.json.
*/
#include "report.h"

#include <stdlib.h>
#include <string.h>

static void put_str(FILE *fp, const char *s) {
    char *q = fc_json_quote(s);
    fputs(q ? q : "\"\"", fp);
    free(q);
}

int rp_json(FILE *fp, const fc_findings *fs, fc_store *s,
            const fc_report_opts *o) {
    rp_counts c;
    size_t i, k, shown = 0, nrules = 0;
    const char **rules = calloc(fc_findings_count(fs) + 1, sizeof *rules);
    size_t *counts = calloc(fc_findings_count(fs) + 1, sizeof *counts);
    const char *fail_on = o && o->fail_on ? o->fail_on : "error";
    (void)s;
    if (!rules || !counts) {
        free(rules);
        free(counts);
        return FC_ENOMEM;
    }
    rp_summary(fs, &c);
    fprintf(fp, "{\"version\": 2, \"tool\": {\"name\": \"factcheck\", "
                "\"version\": \"%s\"},\n \"findings\": [",
            FC_VERSION);
    for (i = 0; i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        if (f->baselined) continue;
        for (k = 0; k < nrules && strcmp(rules[k], f->rule); k++)
            ;
        if (k == nrules) rules[nrules++] = f->rule;
        counts[k]++;
        fprintf(fp, "%s\n  {\"id\": \"%s\", \"rule\": ", shown ? "," : "",
                f->id);
        put_str(fp, f->rule);
        fprintf(fp, ", \"kind\": \"%s\", \"type\": \"%s\", \"severity\": "
                    "\"%s\", \"message\": ",
                f->kind, f->type, f->severity);
        put_str(fp, f->message);
        fprintf(fp, ", \"confidence\": %.2f, \"link\": ", f->confidence);
        if (f->link)
            put_str(fp, f->link);
        else
            fputs("null", fp);
        if (rp_finding_advice(f)) {
            fputs(", \"advice\": ", fp);
            put_str(fp, rp_finding_advice(f));
        }
        fputs(",\n   \"facts\": [", fp);
        for (k = 0; k < f->nfacts; k++) {
            char *j = fc_fact_to_json(f->facts[k]);
            size_t n;
            if (!j) {
                free(rules);
                free(counts);
                return FC_ENOMEM;
            }
            n = strlen(j);
            /* the fact's object, with its part in the finding added at
               the end */
            fprintf(fp, "%s\n    ", k ? "," : "");
            fwrite(j, 1, n - 1, fp);
            fputs(", \"finding_role\": ", fp);
            if (f->roles[k])
                put_str(fp, f->roles[k]);
            else
                fputs("null", fp);
            fputc('}', fp);
            free(j);
        }
        fputs("]}", fp);
        shown++;
    }
    fprintf(fp, "%s],\n \"summary\": {\"findings\": %zu, \"errors\": %zu, "
                "\"warnings\": %zu, \"info\": %zu, \"baselined\": %zu, "
                "\"facts\": %zu, \"fail_on\": \"%s\", \"failed\": %s,\n  "
                "\"by_rule\": {",
            shown ? "\n " : "", c.shown, c.errors, c.warnings, c.info,
            c.baselined, o ? o->facts : 0, fail_on,
            fc_findings_fail(fs, fail_on) ? "true" : "false");
    for (k = 0; k < nrules; k++) {
        fputs(k ? ", " : "", fp);
        put_str(fp, rules[k]);
        fprintf(fp, ": %zu", counts[k]);
    }
    fputc('}', fp);
    if (o && o->audit)
        fprintf(fp, ",\n  \"audit\": {\"figures\": %zu, \"supported\": %zu, "
                    "\"stale\": %zu, \"contradicted\": %zu, \"confused\": %zu, "
                    "\"slips\": %zu, \"rounding\": %zu, \"unsupported\": %zu}",
                o->audit->figures, o->audit->supported, o->audit->stale,
                o->audit->contradicted, o->audit->confused, o->audit->slips,
                o->audit->rounding, o->audit->unsupported);
    if (o && o->baseline)
        fprintf(fp, ",\n  \"baseline\": {\"expired\": %zu, \"unmatched\": %zu}",
                o->baseline_expired, o->baseline_unmatched);
    fputs("}}\n", fp);
    free(rules);
    free(counts);
    return ferror(fp) ? FC_EIO : FC_OK;
}
