/*
** fuzz_rules.c -- the rule reader and its expression parser on arbitrary
** bytes: the input is the one rule file of a rules folder, loaded with
** fc_rules_load against the project's lexicon (loaded once).
*/
#include "factcheck.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

static fc_lexicon *lexicon;
static const char *rules_dir, *rules_file;

static void release(void) {
    fc_lexicon_free(lexicon);
    lexicon = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fc_diags *d = fc_diags_new();
    (void)argc;
    (void)argv;
    if (!d || fc_lexicon_load(&lexicon, fuzz_rules_dir(), d) != FC_OK) {
        fprintf(stderr, "fuzz_rules: cannot load the lexicon of %s\n",
                fuzz_rules_dir());
        abort();
    }
    fc_diags_free(d);
    atexit(release);
    rules_dir = fuzz_mkdir("rules");
    rules_file = fuzz_path(rules_dir, "fuzz.json");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fc_diags *d = fc_diags_new();
    fc_rules *rs = NULL;
    const char *dirs[1];
    size_t i;
    if (!d) return 0;
    dirs[0] = rules_dir;
    fuzz_write(rules_file, data, size);
    if (fc_rules_load(&rs, dirs, 1, lexicon, d) == FC_OK) {
        for (i = 0; i < fc_rules_count(rs); i++) {
            fc_rule_info info;
            if (fc_rules_get(rs, i, &info) != FC_OK || !info.id ||
                !info.kind) {
                fprintf(stderr, "fuzz_rules: rule %zu has no id or kind\n", i);
                abort();
            }
        }
    } else if (rs) {
        fprintf(stderr, "fuzz_rules: a failed load returned rules\n");
        abort();
    }
    for (i = 0; i < fc_diags_count(d); i++) {
        char msg[2048];
        fc_diag_format(fc_diags_get(d, i), msg, sizeof msg);
    }
    fc_rules_free(rs);
    fc_diags_free(d);
    return 0;
}
