/*
** cli_config.c -- the project's config file (factcheck.json in the
** working directory, or the file of --config): the defaults of a project,
** for the options a command line does not give.  A key names an option
** (rules, no_domain, rule, skip_rule, severity, fail_on, baseline,
** format); a command takes those of its own options, and the command line
** wins.  Paths are relative to the file's folder.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    const char *key, *opt;
    int path;              /* values are paths */
} keys[] = {{"rules", "rules", 1},         {"no_domain", "no-domain", 0},
            {"rule", "rule", 0},           {"skip_rule", "skip-rule", 0},
            {"severity", "severity", 0},   {"fail_on", "fail-on", 0},
            {"baseline", "baseline", 1},   {"format", "format", 0}};

/* The config of the run, kept until exit: the options point into it. */
static fc_config *config;
static char **joined;      /* paths made relative to the config's folder */
static size_t njoined;

static void free_config(void) {
    size_t i;
    for (i = 0; i < njoined; i++) free(joined[i]);
    free(joined);
    fc_config_free(config);
    joined = NULL;
    njoined = 0;
    config = NULL;
}

static int opt_of(const cli_args *a, const char *name) {
    size_t i;
    for (i = 0; i < a->nopts; i++)
        if (strcmp(a->opts[i].name, name) == 0) return (int)i;
    return -1;
}

/* s, relative to the folder dir (n bytes) when it is a relative path. */
static const char *in_dir(const char *s, const char *dir, size_t n) {
    char **p, *v;
    size_t len = strlen(s);
    if (!n || s[0] == '/') return s;
    if (!(p = realloc(joined, (njoined + 1) * sizeof *p))) return NULL;
    joined = p;
    if (!(v = malloc(n + len + 2))) return NULL;
    memcpy(v, dir, n);
    v[n] = '/';
    memcpy(v + n + 1, s, len + 1);
    joined[njoined++] = v;
    return v;
}

int cli_apply_config(cli_args *a, const char *path) {
    fc_diags *d;
    const char *slash;
    size_t i, n, k, dn;
    int st;
    if (!path) {
        if (access("factcheck.json", F_OK) != 0) return 0;
        path = "factcheck.json";
    }
    if (!(d = fc_diags_new())) return 3;
    if (config) free_config();
    else atexit(free_config);
    st = fc_config_load(&config, path, d);
    if (st != FC_OK) {
        int rc = cli_report(d, st);
        fc_diags_free(d);
        return rc ? rc : 2;
    }
    fc_diags_free(d);
    slash = strrchr(path, '/');
    dn = slash ? (size_t)(slash - path) : 0;
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *const *v = fc_config_get(config, keys[i].key, &n);
        int o = opt_of(a, keys[i].opt);
        /* the command line wins; options the command lacks are not its */
        if (o < 0 || a->count[o] || !n) continue;
        for (k = 0; k < n && a->count[o] < CLI_MAX_VALUES; k++) {
            const char *s = keys[i].path ? in_dir(v[k], path, dn) : v[k];
            if (!s) {
                cli_error("out of memory");
                return 3;
            }
            a->values[o][a->count[o]++] = s;
        }
    }
    return 0;
}
