/*
** cli_extract.c -- factcheck extract: documents in, facts (JSON Lines) out.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_opt extract_opts[] = {
    {"manifest", 1, "M", "extract from the documents this manifest names", 0},
    {"docs", 1, "DIR", "folder of the manifest's documents (default: its own)",
     0},
    {"rules", 1, "DIR", "rules folder holding lexicon/ (default: the "
                        "project's rules/)", 0},
    {"output", 1, "FILE", "write the facts here (default: standard output)",
     'o'},
    {"doc-id", 1, "ID", "the id of the one document given (default: its file "
                        "name; \"stdin\" for -)", 0},
    {"date", 1, "DATE", "the publication date of the documents given, "
                        "YYYY-MM-DD (default: their datelines)", 0},
};

const cli_cmd cli_cmd_extract = {
    "extract", "[--manifest M [--docs DIR] | FILE...] [-o FACTS] [--rules DIR]",
    "Find the figures of documents and write them as facts, one JSON object "
    "per\nline, in document order and text order.",
    extract_opts, sizeof extract_opts / sizeof extract_opts[0], cli_extract};

typedef struct sink {
    FILE *fp;
    size_t n;
} sink;

static int write_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    sink *s = ctx;
    char *line = fc_fact_to_json(f);
    (void)loc;
    if (!line) return FC_ENOMEM;
    fputs(line, s->fp);
    fputc('\n', s->fp);
    free(line);
    s->n++;
    return FC_OK;
}

int cli_extract(cli_args *a) {
    const char *manifest = cli_get(a, "manifest");
    fc_diags *d;
    fc_lexicon *lx = NULL;
    fc_manifest *m = NULL;
    fc_doc **docs = NULL;
    size_t ndocs = 0, i;
    cli_out out;
    sink s;
    int st, rc;

    if (manifest && a->npos)
        return cli_usage_error(&cli_cmd_extract, "give --manifest or "
                                                 "documents, not both");
    if (!manifest && !a->npos)
        return cli_usage_error(&cli_cmd_extract, "no documents given");
    if (cli_has(a, "docs") && !manifest)
        return cli_usage_error(&cli_cmd_extract, "--docs needs --manifest");
    if (manifest && (cli_has(a, "doc-id") || cli_has(a, "date")))
        return cli_usage_error(&cli_cmd_extract, "the manifest names and dates "
                                                 "its documents: no --doc-id "
                                                 "or --date with it");
    if (cli_has(a, "doc-id") && a->npos != 1)
        return cli_usage_error(&cli_cmd_extract, "--doc-id names one document");
    if (cli_has(a, "date") && !fc_date_valid(cli_get(a, "date")))
        return cli_usage_error(&cli_cmd_extract, "--date takes a date "
                                                 "YYYY-MM-DD, not '%s'",
                               cli_get(a, "date"));
    if (!(d = fc_diags_new())) return cli_report(NULL, FC_ENOMEM);
    st = fc_lexicon_load(&lx, cli_rules_dir(a), d);
    if (st == FC_OK && manifest) {
        st = fc_manifest_load(&m, manifest, cli_get(a, "docs"), d);
        if (st == FC_OK) {
            docs = m->docs;
            ndocs = m->ndocs;
        }
    } else if (st == FC_OK) {
        docs = calloc((size_t)a->npos, sizeof *docs);
        if (!docs) st = FC_ENOMEM;
        for (i = 0; st == FC_OK && i < (size_t)a->npos; i++) {
            size_t k;
            const char *id = cli_get(a, "doc-id");
            int r;
            if (!id && !strcmp(a->pos[i], "-")) id = "stdin";
            r = fc_doc_load(&docs[i], a->pos[i], id, d);
            if (r != FC_OK) {
                st = r;
                break;
            }
            if (cli_has(a, "date") &&
                !(docs[i]->published = strdup(cli_get(a, "date")))) {
                st = FC_ENOMEM;
                ndocs++;
                break;
            }
            ndocs++;
            for (k = 0; k < i; k++)
                if (strcmp(docs[k]->id, docs[i]->id) == 0) {
                    fc_diags_add(d, FC_DIAG_ERROR, a->pos[i], 0, 0, -1, NULL,
                                 "two documents have the id \"%s\" (%s and "
                                 "%s); give a manifest to name them",
                                 docs[i]->id, a->pos[k], a->pos[i]);
                    st = FC_EINPUT;
                }
        }
    }
    if (st == FC_OK) {
        if ((rc = cli_out_open(&out, cli_get(a, "output"))) != 0) {
            st = FC_EIO;
        } else {
            s.fp = out.fp;
            s.n = 0;
            for (i = 0; st == FC_OK && i < ndocs; i++) {
                cli_progress("extracting documents", i, ndocs);
                st = fc_extract(lx, docs[i], write_fact, &s, d);
            }
            cli_progress("extracting documents", ndocs, ndocs);
            rc = cli_out_close(&out, st == FC_OK);
            if (rc && st == FC_OK) st = FC_EIO;
        }
    }
    if (!m && docs) {
        for (i = 0; i < ndocs; i++) fc_doc_free(docs[i]);
        free(docs);
    }
    fc_manifest_free(m);
    fc_lexicon_free(lx);
    rc = cli_report(d, st);
    fc_diags_free(d);
    return rc;
}
