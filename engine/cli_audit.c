/*
** cli_audit.c -- factcheck audit: a draft against reference documents or a
** stored dataset, every figure classified and shown where it is.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

static const cli_opt audit_opts[] = {
    {"manifest", 1, "M", "the reference documents (extracted for the audit)",
     0},
    {"docs", 1, "DIR", "folder of the manifest's documents (default: its own)",
     0},
    {"db", 1, "DB", "a stored reference dataset (not changed by the audit)",
     0},
    {"doc-id", 1, "ID", "the draft's id (default: its file name; \"draft\" "
                        "for -)", 0},
    {"date", 1, "DATE", "the draft's publication date (default: its front "
                        "matter's date:, else today)", 0},
    CLI_RULE_OPTS
    {"format", 1, "FMT", "text (default), annotated, or any report format of "
                         "check", 0},
    {"output", 1, "FILE", "write the report here (default: standard output)",
     'o'},
    {"fail-on", 1, "LEVEL", "exit 1 when a finding reaches error (default), "
                            "warning, info, or never", 0},
    {"baseline", 1, "FILE", "accept the findings listed in this baseline", 0},
    {"color", 1, "WHEN", "auto (default), always or never", 0},
};

const cli_cmd cli_cmd_audit = {
    "audit", "DRAFT (--manifest M [--docs DIR] | --db DB) [--date DATE]\n"
             "                       [--format FMT] [-o OUT] [--fail-on LEVEL]",
    "Audit a draft (plain text or Markdown) before publishing: each figure is\n"
    "classified as contradicted, stale, a basis or population confusion, a "
    "scale\nslip, rounding, supported or unsupported against the reference, "
    "and the\ndraft is checked against itself with the rules.",
    audit_opts, sizeof audit_opts / sizeof audit_opts[0], cli_audit};

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The draft's document id: its file name without the extension, made
** distinct from the reference's documents. */
static void draft_id(const char *path, const char *given, fc_store *s,
                     char *out, size_t size) {
    const char *base = strrchr(path, '/');
    size_t n;
    fc_doc *doc = NULL;
    base = given ? given : base ? base + 1 : path;
    n = given ? strlen(given) : strcmp(base, "-") ? strcspn(base, ".") : 0;
    if (n == 0 || n >= size - 8) n = 0;
    snprintf(out, size, "%.*s", (int)n, base);
    if (!out[0]) snprintf(out, size, "draft");
    if (fc_store_get_doc(s, out, &doc) == FC_OK && doc) {
        size_t k = strlen(out);
        fc_doc_free(doc);
        /* room was kept above: the name is at most size - 8 bytes */
        memmove(out + 6, out, k + 1);
        memcpy(out, "draft-", 6);
    }
}

int cli_audit(cli_args *a) {
    const char *manifest = cli_get(a, "manifest"), *db = cli_get(a, "db");
    const char *fmt = cli_get(a, "format"), *fail_on = cli_get(a, "fail-on");
    const char *date = cli_get(a, "date"), *color = cli_get(a, "color");
    const char *const *formats = fc_report_formats();
    int st = FC_OK, rc, i, annotated;
    fc_diags *d;
    fc_lexicon *lx = NULL;
    fc_rules *rs = NULL;
    fc_manifest *m = NULL;
    fc_store *s = NULL;
    fc_doc *draft = NULL;
    fc_findings *fs = NULL;
    fc_baseline *bl = NULL;
    size_t bl_expired = 0, bl_unmatched = 0;
    char root[4096];
    fc_audit_stats stats;
    char *orig = NULL, *masked = NULL, fm_date[11], today[11], id[200];
    size_t len = 0;
    cli_out out;

    if (!fmt) fmt = "text";
    annotated = !strcmp(fmt, "annotated");
    for (i = 0; formats[i] && strcmp(formats[i], fmt); i++)
        ;
    if (!formats[i] && !annotated)
        return cli_usage_error(&cli_cmd_audit, "unknown format '%s'", fmt);
    if (!fail_on) fail_on = "error";
    if (strcmp(fail_on, "error") && strcmp(fail_on, "warning") &&
        strcmp(fail_on, "info") && strcmp(fail_on, "never"))
        return cli_usage_error(&cli_cmd_audit, "unknown level '%s' for "
                                               "--fail-on (expected error, "
                                               "warning, info or never)",
                               fail_on);
    if (a->npos != 1)
        return cli_usage_error(&cli_cmd_audit, a->npos ? "one draft at a time"
                                                       : "no draft given");
    if (!manifest == !db)
        return cli_usage_error(&cli_cmd_audit, "give the reference: --manifest "
                                               "M or --db DB");
    if (cli_has(a, "docs") && !manifest)
        return cli_usage_error(&cli_cmd_audit, "--docs needs --manifest");
    if (date && !fc_date_valid(date))
        return cli_usage_error(&cli_cmd_audit, "--date takes a date "
                                               "YYYY-MM-DD, not '%s'",
                               date);
    {
        time_t now = time(NULL);
        struct tm tmv;
        gmtime_r(&now, &tmv);
        strftime(today, sizeof today, "%Y-%m-%d", &tmv);
    }
    if (db && access(db, F_OK) != 0) {
        cli_error("%s: no such database", db);
        return 2;
    }
    if (!(d = fc_diags_new())) return cli_report(NULL, FC_ENOMEM);

    st = cli_load_lexicon(a, &lx, d);
    if (st == FC_OK)
        st = cli_load_rules(a, lx, &rs, d);
    if (st == FC_OK && cli_has(a, "baseline"))
        st = fc_baseline_load(&bl, cli_get(a, "baseline"), d);
    /* the reference */
    if (st == FC_OK) st = fc_store_open(&s, db, d);
    if (st == FC_OK) cli_watch_store(s);
    if (st == FC_OK && manifest) {
        st = fc_manifest_load(&m, manifest, cli_get(a, "docs"), d);
        if (st == FC_OK) st = cli_extract_into(s, lx, m, d);
    }
    /* the draft: read, checked as UTF-8, masked, dated */
    if (st == FC_OK) {
        fc_doc *raw = NULL;
        st = fc_doc_load(&raw, a->pos[0], NULL, d);
        if (st == FC_OK) {
            len = raw->len;
            orig = malloc(len + 1);
            masked = malloc(len + 1);
            if (!orig || !masked) {
                st = FC_ENOMEM;
            } else {
                memcpy(orig, raw->text, len + 1);
                memcpy(masked, raw->text, len + 1);
                fc_markdown_mask(masked, len, fm_date);
            }
        }
        fc_doc_free(raw);
    }
    if (st == FC_OK) {
        draft_id(a->pos[0], cli_get(a, "doc-id"), s, id, sizeof id);
        st = fc_doc_new_from_buffer(&draft, id, a->pos[0], masked, len, d);
    }
    if (st == FC_OK) {
        const char *when = date ? date : fm_date[0] ? fm_date : today;
        free(draft->published);
        if (!(draft->published = malloc(11))) st = FC_ENOMEM;
        else memcpy(draft->published, when, 11);
        free(draft->path);
        draft->path = malloc(strlen(a->pos[0]) + 1);
        if (draft->path) memcpy(draft->path, a->pos[0], strlen(a->pos[0]) + 1);
    }
    if (st == FC_OK) st = fc_audit(s, rs, lx, draft, &fs, &stats, d);
    if (st == FC_OK && bl) {
        fc_baseline_apply(bl, fs, today);
        fc_baseline_report(bl, today, d, &bl_expired, &bl_unmatched);
    }
    rc = cli_report(d, st);
    if (st == FC_OK && (rc = cli_out_open(&out, cli_get(a, "output"))) == 0) {
        char summary[400];
        fc_audit_summary(&stats, summary, sizeof summary);
        fc_diags_clear(d);
        if (annotated) {
            st = fc_report_annotated(out.fp, orig, len,
                                     ends_with(a->pos[0], ".md") ||
                                         ends_with(a->pos[0], ".markdown"),
                                     draft->id, fs, &stats);
        } else {
            fc_report_opts ro;
            const fc_doc *docs[1];
            memset(&ro, 0, sizeof ro);
            docs[0] = draft;
            ro.format = fmt;
            ro.fail_on = fail_on;
            ro.color = cli_use_color(color, cli_get(a, "output"));
            ro.facts = stats.figures;
            ro.docs = docs;
            ro.ndocs = 1;
            ro.rules = rs;
            ro.doc_root = cli_doc_root(a, root, sizeof root);
            ro.audit = &stats;
            ro.baseline = bl != NULL;
            ro.baseline_expired = bl_expired;
            ro.baseline_unmatched = bl_unmatched;
            st = fc_report_write(out.fp, fs, s, &ro, d);
            if (st == FC_OK && !strcmp(fmt, "text"))
                fprintf(out.fp, "audit of %s: %s\n", a->pos[0], summary);
        }
        rc = cli_out_close(&out, st == FC_OK);
        if (st != FC_OK) rc = cli_report(d, st);
        /* the other formats carry the counts themselves (JSON summary
           "audit", SARIF run properties): nothing on standard error */
        if (rc == 0 && fc_findings_fail(fs, fail_on)) rc = 1;
    }
    fc_findings_free(fs);
    fc_baseline_free(bl);
    fc_doc_free(draft);
    free(orig);
    free(masked);
    fc_store_close(s);
    fc_manifest_free(m);
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    return rc;
}
