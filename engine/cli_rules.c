/*
** cli_rules.c -- factcheck rules lint|list: validate rule folders, or list
** their rules.
*/
#include "cli.h"

#include <string.h>
#include <sys/stat.h>

static const cli_opt rules_opts[] = {
    CLI_RULE_OPTS
};

const cli_cmd cli_cmd_rules = {
    "rules", "lint|list [--rules DIR]...",
    "lint: validate the rule files and the lexicon, reporting every problem\n"
    "with its file, line and column.  list: show the rules.",
    rules_opts, sizeof rules_opts / sizeof rules_opts[0], cli_rules};

int cli_rules(cli_args *a) {
    int n = 0, st, rc, list;
    const char *const *dirs = cli_all(a, "rules", &n);
    const char *def = cli_default_rules_dir(), *lexdir;
    fc_diags *d;
    fc_lexicon *lx = NULL;
    fc_rules *rs = NULL;
    size_t i;

    if (a->npos != 1 ||
        (strcmp(a->pos[0], "lint") != 0 && strcmp(a->pos[0], "list") != 0))
        return cli_usage_error(&cli_cmd_rules, "expected 'lint' or 'list'");
    list = strcmp(a->pos[0], "list") == 0;
    if (!(d = fc_diags_new())) return cli_report(NULL, FC_ENOMEM);
    if (!n) {
        dirs = &def;
        n = 1;
    }
    /* the lexicon of the first folder, or the default one */
    lexdir = dirs[0];
    /* a rules folder without a lexicon uses the default lexicon; one with
       a lexicon has it checked too */
    {
        char path[4096];
        struct stat sb;
        snprintf(path, sizeof path, "%s/lexicon", lexdir);
        if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) lexdir = def;
    }
    st = fc_lexicon_load(&lx, lexdir, d);
    if (st == FC_OK) st = cli_load_rules(a, lx, &rs, d);
    rc = cli_report(d, st);
    if (st == FC_OK) {
        if (list) {
            for (i = 0; i < fc_rules_count(rs); i++) {
                fc_rule_info ri;
                fc_rules_get(rs, i, &ri);
                printf("%-34s %-7s %-8s %s:%d\n", ri.id, ri.kind, ri.severity,
                       ri.file, ri.line);
            }
        } else {
            size_t w = fc_diags_count(d) - fc_diags_errors(d);
            printf("%zu rule%s: ok", fc_rules_count(rs),
                   fc_rules_count(rs) == 1 ? "" : "s");
            if (w) printf(", %zu warning%s", w, w == 1 ? "" : "s");
            putchar('\n');
        }
    } else if (!list) {
        fprintf(stderr, "factcheck rules lint: %zu problem%s\n",
                fc_diags_errors(d), fc_diags_errors(d) == 1 ? "" : "s");
    }
    fc_rules_free(rs);
    fc_lexicon_free(lx);
    fc_diags_free(d);
    return rc;
}
