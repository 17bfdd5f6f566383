/*
** cli_check.c -- factcheck check: extract (when given documents), load,
** apply the rules and report, in one command.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const cli_opt check_opts[] = {
    {"manifest", 1, "M", "extract, load and check the documents it names", 0},
    {"docs", 1, "DIR", "folder of the manifest's documents (default: its own)",
     0},
    {"facts", 2, "F", "check these fact files (with --manifest: quote its "
                      "documents)", 0},
    {"db", 1, "DB", "check a stored dataset; the findings are saved in it", 0},
    CLI_RULE_OPTS
    {"format", 1, "FMT", "text (default), json, sarif, markdown, html, github, junit or claimreview", 0},
    {"output", 1, "FILE", "write the report here (default: standard output)",
     'o'},
    {"fail-on", 1, "LEVEL", "exit 1 when a finding reaches error (default), "
                            "warning, info, or never", 0},
    {"baseline", 1, "FILE", "accept the findings listed in this baseline", 0},
    {"write-baseline", 1, "FILE", "write every finding to this baseline", 0},
    {"color", 1, "WHEN", "auto (default), always or never; NO_COLOR is "
                         "honoured", 0},
    {"today", 1, "DATE", "the date of the run: baseline expiry is judged "
                         "against it, claim reviews carry it (default: "
                         "today)", 0},
    {"charts", 1, "WHICH", "html: chart the metrics findings name (findings, "
                           "the default) or every metric (all)", 0},
};

const cli_cmd cli_cmd_check = {
    "check",
    "[--manifest M [--docs DIR] | --facts F... | --db DB | DOC...]\n"
    "                       [--rules DIR]... [--format FMT] [-o OUT] "
    "[--fail-on LEVEL]\n"
    "                       [--baseline FILE] [--write-baseline FILE]",
    "Check facts against the rules and report the findings.  Exit 1 when a\n"
    "finding reaches --fail-on, 2 on bad input, 0 otherwise.",
    check_opts, sizeof check_opts / sizeof check_opts[0], cli_check};

int cli_check(cli_args *a) {
    const char *manifest = cli_get(a, "manifest"), *db = cli_get(a, "db");
    const char *fmt = cli_get(a, "format"), *fail_on = cli_get(a, "fail-on");
    const char *charts = cli_get(a, "charts");
    const char *color = cli_get(a, "color"), *today = cli_get(a, "today");
    const char *const *formats = fc_report_formats();
    int nfacts = 0, st = FC_OK, rc, i;
    const char *const *facts = cli_all(a, "facts", &nfacts);
    fc_diags *d;
    fc_lexicon *lx = NULL;
    fc_rules *rs = NULL;
    fc_manifest *m = NULL, argdocs;
    fc_doc **docs = NULL;
    fc_store *s = NULL;
    fc_findings *fs = NULL;
    fc_baseline *bl = NULL;
    size_t bl_expired = 0, bl_unmatched = 0;
    char root[4096];
    fc_report_opts ro;
    char date[11];
    cli_out out;

    if (!fmt) fmt = "text";
    for (i = 0; formats[i] && strcmp(formats[i], fmt); i++)
        ;
    if (!formats[i])
        return cli_usage_error(&cli_cmd_check, "unknown format '%s' (expected "
                                               "text, json, sarif, markdown, "
                                               "html, github, junit or "
                                               "claimreview)",
                               fmt);
    if (charts && strcmp(charts, "findings") && strcmp(charts, "all"))
        return cli_usage_error(&cli_cmd_check, "unknown value '%s' for "
                                               "--charts (expected findings "
                                               "or all)",
                               charts);
    if (!fail_on) fail_on = "error";
    if (strcmp(fail_on, "error") && strcmp(fail_on, "warning") &&
        strcmp(fail_on, "info") && strcmp(fail_on, "never"))
        return cli_usage_error(&cli_cmd_check, "unknown level '%s' for "
                                               "--fail-on (expected error, "
                                               "warning, info or never)",
                               fail_on);
    if (color && strcmp(color, "auto") && strcmp(color, "always") &&
        strcmp(color, "never"))
        return cli_usage_error(&cli_cmd_check, "unknown value '%s' for --color "
                                               "(expected auto, always or "
                                               "never)",
                               color);
    if (today && !fc_date_valid(today))
        return cli_usage_error(&cli_cmd_check, "--today takes a date "
                                               "YYYY-MM-DD, not '%s'",
                               today);
    if (db && (manifest || nfacts || a->npos))
        return cli_usage_error(&cli_cmd_check, "--db cannot be combined with "
                                               "--manifest, --facts or "
                                               "documents");
    if (a->npos && (manifest || nfacts))
        return cli_usage_error(&cli_cmd_check, "give documents, --manifest or "
                                               "--facts, not several");
    if (!db && !manifest && !nfacts && !a->npos)
        return cli_usage_error(&cli_cmd_check, "nothing to check: give "
                                               "--manifest M, --facts F, --db "
                                               "DB or documents");
    if (cli_has(a, "docs") && !manifest)
        return cli_usage_error(&cli_cmd_check, "--docs needs --manifest");
    if (!today) {
        time_t now = time(NULL);
        struct tm tmv;
        gmtime_r(&now, &tmv);
        strftime(date, sizeof date, "%Y-%m-%d", &tmv);
        today = date;
    }
    if (db && access(db, F_OK) != 0) {
        cli_error("%s: no such database", db);
        return 2;
    }
    if (!(d = fc_diags_new())) return cli_report(NULL, FC_ENOMEM);

    /* rules and lexicon first: a bad rule stops everything before work */
    st = cli_load_lexicon(a, &lx, d);
    if (st == FC_OK) {
        st = cli_load_rules(a, lx, &rs, d);
    }
    if (st == FC_OK && cli_has(a, "baseline"))
        st = fc_baseline_load(&bl, cli_get(a, "baseline"), d);

    /* the facts */
    if (st == FC_OK) st = fc_store_open(&s, db, d);
    if (st == FC_OK) cli_watch_store(s);
    if (st == FC_OK && manifest)
        st = fc_manifest_load(&m, manifest, cli_get(a, "docs"), d);
    if (st == FC_OK && nfacts)
        st = fc_store_load(s, m, facts, (size_t)nfacts, NULL, d);
    else if (st == FC_OK && m)
        st = cli_extract_into(s, lx, m, d);
    else if (st == FC_OK && a->npos) {
        docs = calloc((size_t)a->npos, sizeof *docs);
        if (!docs) st = FC_ENOMEM;
        for (i = 0; st == FC_OK && i < a->npos; i++) {
            char when[11];
            st = fc_doc_load(&docs[i], a->pos[i], NULL, d);
            /* an undated document is a warning, from the extractor */
            if (st == FC_OK && fc_extract_date(lx, docs[i], when) == FC_OK &&
                !(docs[i]->published = malloc(11)))
                st = FC_ENOMEM;
            if (st == FC_OK && docs[i]->published)
                memcpy(docs[i]->published, when, 11);
        }
        if (st == FC_OK) {
            memset(&argdocs, 0, sizeof argdocs);
            argdocs.docs = docs;
            argdocs.ndocs = (size_t)a->npos;
            st = cli_extract_into(s, lx, &argdocs, d);
        }
    }

    /* the check */
    if (st == FC_OK) st = fc_check(s, rs, &fs, d);
    if (st == FC_OK && bl) {
        fc_baseline_apply(bl, fs, today);
        fc_baseline_report(bl, today, d, &bl_expired, &bl_unmatched);
    }
    if (st == FC_OK && fc_store_readonly(s)) {
        if (!cli_quiet)
            fprintf(stderr,
                "factcheck check: warning: %s is write-protected: the "
                "findings of this run are not saved in it\n",
                db ? db : "the database");
    } else if (st == FC_OK) {
        char command[256];
        snprintf(command, sizeof command, "check%s%s", db ? " --db " : "",
                 db ? db : "");
        st = fc_store_put_findings(s, fs, command, NULL, d);
    }
    if (st == FC_OK && cli_has(a, "write-baseline"))
        st = fc_baseline_write(fs, cli_get(a, "write-baseline"),
                               "accepted when the baseline was written; "
                               "replace with the reason",
                               d);
    rc = cli_report(d, st);
    if (st == FC_OK) {
        memset(&ro, 0, sizeof ro);
        ro.format = fmt;
        ro.fail_on = fail_on;
        ro.charts_all = charts && !strcmp(charts, "all");
        ro.color = cli_use_color(color, cli_get(a, "output"));
        ro.facts = fc_store_fact_count(s);
        ro.rules = rs;
        ro.today = today;
        ro.doc_root = cli_doc_root(a, root, sizeof root);
        ro.baseline = bl != NULL;
        ro.baseline_expired = bl_expired;
        ro.baseline_unmatched = bl_unmatched;
        /* facts with no documents point at their lines */
        if (nfacts && !m) {
            ro.fact_files = facts;
            ro.nfact_files = (size_t)nfacts;
        }
        if ((rc = cli_out_open(&out, cli_get(a, "output"))) == 0) {
            fc_diags_clear(d);
            st = fc_report_write(out.fp, fs, s, &ro, d);
            rc = cli_out_close(&out, st == FC_OK);
            if (st != FC_OK) rc = cli_report(d, st);
        }
        if (rc == 0 && fc_findings_fail(fs, fail_on)) rc = 1;
    }
    fc_findings_free(fs);
    fc_baseline_free(bl);
    fc_store_close(s);
    fc_manifest_free(m);
    if (docs) {
        for (i = 0; i < a->npos; i++) fc_doc_free(docs[i]);
        free(docs);
    }
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    return rc;
}
