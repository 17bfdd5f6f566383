/*
** cli_config.c -- the project's config file (factcheck.json, or --config
** FILE): option defaults for the commands.
*/
#include "cli.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int opt_of(const cli_args *a, const char *name) {
    size_t i;
    for (i = 0; i < a->nopts; i++)
        if (strcmp(a->opts[i].name, name) == 0) return (int)i;
    return -1;
}

/* factcheck.json in the working directory, or the file of --config: the
** defaults of a project, for the options a command line does not give.
** Keys name options (rules, no_domain, rule, skip_rule, severity, fail_on,
** baseline, format); a command takes those of its own options.  Paths are
** relative to the file's folder. */

static char **config_strings;   /* the values given to options, freed at exit */
static size_t nconfig_strings;

static void free_config_strings(void) {
    size_t i;
    for (i = 0; i < nconfig_strings; i++) free(config_strings[i]);
    free(config_strings);
    config_strings = NULL;
    nconfig_strings = 0;
}

/* Keep s (a path made relative to dir when it is one) for the run. */
static const char *config_keep(const char *s, const char *dir, int path) {
    char **p;
    char *v;
    size_t n = strlen(s), dn = dir ? strlen(dir) : 0;
    if (!(p = realloc(config_strings,
                      (nconfig_strings + 1) * sizeof *config_strings)))
        return NULL;
    config_strings = p;
    if (nconfig_strings == 0) atexit(free_config_strings);
    if (path && dn && s[0] != '/') {
        if (!(v = malloc(dn + n + 2))) return NULL;
        memcpy(v, dir, dn);
        v[dn] = '/';
        memcpy(v + dn + 1, s, n + 1);
    } else if (!(v = fc_strdup(s))) {
        return NULL;
    }
    config_strings[nconfig_strings++] = v;
    return v;
}

int cli_apply_config(cli_args *a, const char *path) {
    static const struct {
        const char *key, *opt;
        int list, path;    /* an array of strings; paths */
    } keys[] = {{"rules", "rules", 1, 1},       {"no_domain", "no-domain", 1, 0},
                {"rule", "rule", 1, 0},         {"skip_rule", "skip-rule", 1, 0},
                {"severity", "severity", 0, 0}, {"fail_on", "fail-on", 0, 0},
                {"baseline", "baseline", 0, 1}, {"format", "format", 0, 0}};
    const char *known[sizeof keys / sizeof keys[0] + 2];
    fc_diags *d;
    fc_jfile jf;
    fc_jval root;
    char dir[4096];
    const char *slash;
    size_t i;
    int st, given = path != NULL;
    if (!path) {
        if (access("factcheck.json", F_OK) != 0) return 0;
        path = "factcheck.json";
    }
    if (!(d = fc_diags_new())) return 3;
    st = fc_jfile_load(&jf, path, d);
    slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 0, path);
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) known[i] = keys[i].key;
    known[i++] = "about";
    known[i] = NULL;
    if (st == FC_OK) {
        root = fc_jfile_root(&jf);
        if (!json_is_object(root.v))
            fc_jval_error(root, NULL, "expected an object of option "
                                      "defaults, got %s",
                          fc_json_type_name(root.v));
        else
            fc_jval_unknown_fields(root, known);
        for (i = 0; json_is_object(root.v) && i < sizeof keys / sizeof keys[0];
             i++) {
            fc_jval v = fc_jval_member(root, keys[i].key);
            int k = opt_of(a, keys[i].opt);
            size_t j, n;
            if (!v.v) continue;
            if (keys[i].list ? !json_is_array(v.v)
                : !strcmp(keys[i].key, "severity") ? !json_is_object(v.v)
                                                    : !json_is_string(v.v)) {
                fc_jval_error(v, keys[i].key, "expected %s, got %s",
                              keys[i].list ? "an array of strings"
                              : !strcmp(keys[i].key, "severity")
                                  ? "an object {\"RULE\": \"LEVEL\"}"
                                  : "a string",
                              fc_json_type_name(v.v));
                continue;
            }
            /* the command line wins; options the command lacks are not its */
            if (k < 0 || a->count[k]) continue;
            if (json_is_string(v.v)) {
                a->values[k][a->count[k]++] =
                    config_keep(json_string_value(v.v), dir, keys[i].path);
                continue;
            }
            if (json_is_object(v.v)) {
                const char *id;
                json_t *lv;
                json_object_foreach(v.v, id, lv) {
                    char buf[512];
                    if (!json_is_string(lv)) {
                        fc_jval_error(fc_jval_member(v, id), id,
                                      "expected a severity, got %s",
                                      fc_json_type_name(lv));
                        continue;
                    }
                    snprintf(buf, sizeof buf, "%s=%s", id,
                             json_string_value(lv));
                    if (a->count[k] < CLI_MAX_VALUES)
                        a->values[k][a->count[k]++] = config_keep(buf, NULL, 0);
                }
                continue;
            }
            n = json_array_size(v.v);
            for (j = 0; j < n && a->count[k] < CLI_MAX_VALUES; j++) {
                json_t *e = json_array_get(v.v, j);
                if (!json_is_string(e)) {
                    fc_jval_error(fc_jval_element(v, j), keys[i].key,
                                  "expected a string, got %s",
                                  fc_json_type_name(e));
                    continue;
                }
                a->values[k][a->count[k]++] =
                    config_keep(json_string_value(e), dir, keys[i].path);
            }
        }
        if (jf.errors) st = FC_EINPUT;
    } else if (!given) {
        st = FC_EINPUT;
    }
    for (i = 0; st == FC_OK && i < a->nopts; i++) {
        int k;
        for (k = 0; k < a->count[i]; k++)
            if (!a->values[i][k]) st = FC_ENOMEM;
    }
    fc_jfile_free(&jf);
    if (st != FC_OK) {
        int rc = cli_report(d, st);
        fc_diags_free(d);
        return rc ? rc : 2;
    }
    fc_diags_free(d);
    return 0;
}

