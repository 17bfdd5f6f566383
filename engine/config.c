/*
** config.c -- a project's config file (factcheck.json): option defaults
** for the commands, read and validated with positioned errors.
**
**   {"about": "...", "rules": ["rules", "ours"], "no_domain": [...],
**    "rule": [...], "skip_rule": [...], "severity": {"ID": "LEVEL"},
**    "fail_on": "warning", "baseline": "b.json", "format": "sarif"}
**
** Each key's value is kept as a list of strings (a severity object as
** "ID=LEVEL" strings); what a key means is the command line's business.
*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct centry {
    const char *key;
    char **v;
    size_t n;
} centry;

static const struct {
    const char *key;
    int kind;              /* 0 string, 1 array of strings, 2 object */
} keys[] = {{"rules", 1},    {"no_domain", 1}, {"rule", 1},
            {"skip_rule", 1}, {"severity", 2},  {"fail_on", 0},
            {"baseline", 0},  {"format", 0}};
#define NKEYS (sizeof keys / sizeof keys[0])

struct fc_config {
    centry e[NKEYS];
};

void fc_config_free(fc_config *c) {
    size_t i, k;
    if (!c) return;
    for (i = 0; i < NKEYS; i++) {
        for (k = 0; k < c->e[i].n; k++) free(c->e[i].v[k]);
        free(c->e[i].v);
    }
    free(c);
}

static int keep(centry *e, const char *s) {
    char **p = realloc(e->v, (e->n + 1) * sizeof *p);
    if (!p) return FC_ENOMEM;
    e->v = p;
    if (!(e->v[e->n] = fc_strdup(s))) return FC_ENOMEM;
    e->n++;
    return FC_OK;
}

int fc_config_load(fc_config **out, const char *path, fc_diags *d) {
    const char *known[NKEYS + 2];
    fc_jfile jf;
    fc_jval root;
    fc_config *c;
    size_t i;
    int st;
    *out = NULL;
    if ((st = fc_jfile_load(&jf, path, d)) != FC_OK) {
        fc_jfile_free(&jf);
        return st == FC_EIO ? FC_EINPUT : st;
    }
    if (!(c = calloc(1, sizeof *c))) {
        fc_jfile_free(&jf);
        return FC_ENOMEM;
    }
    for (i = 0; i < NKEYS; i++) known[i] = c->e[i].key = keys[i].key;
    known[i++] = "about";
    known[i] = NULL;
    root = fc_jfile_root(&jf);
    if (!json_is_object(root.v)) {
        fc_jval_error(root, NULL, "expected an object of option defaults, "
                                  "got %s",
                      fc_json_type_name(root.v));
    } else {
        fc_jval_unknown_fields(root, known);
    }
    for (i = 0; st == FC_OK && json_is_object(root.v) && i < NKEYS; i++) {
        fc_jval v = fc_jval_member(root, keys[i].key);
        size_t j;
        if (!v.v) continue;
        if (keys[i].kind == 0 ? !json_is_string(v.v)
            : keys[i].kind == 1 ? !json_is_array(v.v)
                                : !json_is_object(v.v)) {
            fc_jval_error(v, keys[i].key, "expected %s, got %s",
                          keys[i].kind == 0   ? "a string"
                          : keys[i].kind == 1 ? "an array of strings"
                                              : "an object {\"RULE\": "
                                                "\"LEVEL\"}",
                          fc_json_type_name(v.v));
            continue;
        }
        if (keys[i].kind == 0) {
            st = keep(&c->e[i], json_string_value(v.v));
        } else if (keys[i].kind == 1) {
            for (j = 0; st == FC_OK && j < json_array_size(v.v); j++) {
                json_t *x = json_array_get(v.v, j);
                if (!json_is_string(x))
                    fc_jval_error(fc_jval_element(v, j), keys[i].key,
                                  "expected a string, got %s",
                                  fc_json_type_name(x));
                else
                    st = keep(&c->e[i], json_string_value(x));
            }
        } else {
            const char *id;
            json_t *x;
            json_object_foreach(v.v, id, x) {
                fc_buf b;
                if (st != FC_OK) break;
                if (!json_is_string(x)) {
                    fc_jval_error(fc_jval_member(v, id), id,
                                  "expected a severity, got %s",
                                  fc_json_type_name(x));
                    continue;
                }
                fc_buf_init(&b);
                fc_buf_printf(&b, "%s=%s", id, json_string_value(x));
                st = b.oom ? FC_ENOMEM : keep(&c->e[i], b.data);
                fc_buf_free(&b);
            }
        }
    }
    if (st == FC_OK && jf.errors) st = FC_EINPUT;
    fc_jfile_free(&jf);
    if (st != FC_OK) {
        fc_config_free(c);
        return st;
    }
    *out = c;
    return FC_OK;
}

const char *const *fc_config_get(const fc_config *c, const char *key,
                                 size_t *n) {
    size_t i;
    *n = 0;
    for (i = 0; c && i < NKEYS; i++)
        if (!strcmp(c->e[i].key, key)) {
            *n = c->e[i].n;
            return (const char *const *)c->e[i].v;
        }
    return NULL;
}
