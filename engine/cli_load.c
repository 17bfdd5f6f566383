/*
** cli_load.c -- factcheck load: put fact files (and a manifest's
** documents) into a database, all or nothing.
*/
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Remove a database file this command created, with its WAL companions,
** so that a failed first load leaves nothing behind. */
static void remove_new_db(const char *db) {
    char path[4096];
    remove(db);
    if (snprintf(path, sizeof path, "%s-wal", db) < (int)sizeof path)
        remove(path);
    if (snprintf(path, sizeof path, "%s-shm", db) < (int)sizeof path)
        remove(path);
}

/* Documents the loaded facts name that the database does not hold: the
** first few by name, the rest counted. */
typedef struct missing {
    const char *db;
    size_t docs;
    long facts;
} missing;

#define MISSING_SHOWN 5

static int warn_missing(void *ctx, const char *doc, long facts) {
    missing *m = ctx;
    if (m->docs++ < MISSING_SHOWN)
        fprintf(stderr,
                "factcheck load: warning: %ld fact%s of document \"%s\", "
                "which %s does not hold (load it with --manifest to quote "
                "its figures)\n",
                facts, facts == 1 ? "" : "s", doc, m->db);
    else
        m->facts += facts;
    return FC_OK;
}

static const cli_opt load_opts[] = {
    {"db", 1, "DB", "the database file to load into (created if missing)", 0},
    {"manifest", 1, "M", "also store the documents this manifest names", 0},
    {"docs", 1, "DIR", "folder of the manifest's documents (default: its own)", 0},
};

const cli_cmd cli_cmd_load = {
    "load", "FACTS... --db DB [--manifest M [--docs DIR]]",
    "Load fact files (JSON Lines or a JSON array) into a database. Every file "
    "loads\nor nothing changes; facts already stored are not duplicated.",
    load_opts, sizeof load_opts / sizeof load_opts[0], cli_load};

int cli_load(cli_args *a) {
    const char *db = cli_get(a, "db"), *manifest = cli_get(a, "manifest");
    fc_diags *d;
    fc_store *s = NULL;
    fc_manifest *m = NULL;
    fc_load_stats st = {0};
    int rc, existed;

    if (!db) return cli_usage_error(&cli_cmd_load, "missing --db DB");
    if (a->npos == 0 && !manifest)
        return cli_usage_error(&cli_cmd_load, "no fact files given");
    if (cli_has(a, "docs") && !manifest)
        return cli_usage_error(&cli_cmd_load, "--docs needs --manifest");
    if (!(d = fc_diags_new())) return cli_report(NULL, FC_ENOMEM);
    rc = FC_OK;
    if (manifest) rc = fc_manifest_load(&m, manifest, cli_get(a, "docs"), d);
    existed = access(db, F_OK) == 0;
    if (rc == FC_OK) rc = fc_store_open(&s, db, d);
    if (rc == FC_OK) cli_watch_store(s);
    if (rc == FC_OK)
        rc = fc_store_load(s, m, a->pos, (size_t)a->npos, &st, d);
    if (rc == FC_OK && !cli_quiet) {
        if (m)
            printf("%s: %zu document%s stored\n", db, st.docs,
                   st.docs == 1 ? "" : "s");
        printf("%s: %zu fact%s from %zu file%s: %zu added, %zu updated, "
               "%zu unchanged\n",
               db, st.records, st.records == 1 ? "" : "s", st.files,
               st.files == 1 ? "" : "s", st.added, st.updated, st.unchanged);
    }
    /* facts that point at documents the database does not have can be
       checked but not quoted or audited in context */
    if (rc == FC_OK && !cli_quiet) {
        missing mi;
        mi.db = db;
        mi.docs = 0;
        mi.facts = 0;
        if (fc_store_missing_docs(s, warn_missing, &mi) != FC_OK)
            fprintf(stderr, "factcheck load: warning: could not list the "
                            "documents the facts name\n");
        else if (mi.docs > MISSING_SHOWN)
            fprintf(stderr, "factcheck load: warning: and %ld fact%s of %zu "
                            "more document%s it does not hold\n",
                    mi.facts, mi.facts == 1 ? "" : "s",
                    mi.docs - MISSING_SHOWN,
                    mi.docs - MISSING_SHOWN == 1 ? "" : "s");
    }
    fc_manifest_free(m);
    fc_store_close(s);
    if (rc != FC_OK && !existed && strcmp(db, ":memory:") != 0)
        remove_new_db(db);
    {
        int code = cli_report(d, rc);
        if (rc != FC_OK && fc_diags_errors(d))
            fprintf(stderr, "factcheck load: %zu error%s; %s was not %s\n",
                    fc_diags_errors(d), fc_diags_errors(d) == 1 ? "" : "s",
                    db, existed ? "changed" : "created");
        fc_diags_free(d);
        return code;
    }
}
