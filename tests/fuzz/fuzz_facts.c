/*
** fuzz_facts.c -- the fact reader (fc_facts_parse) on arbitrary bytes.
**
** Besides not crashing, leaking or reading out of bounds: every fact the
** reader accepts, written back as JSON by fc_fact_to_json, must be read
** back as valid, and every diagnostic must format.
*/
#include "factcheck.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    return 0;
}

static int count_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    (void)f;
    (void)loc;
    ++*(size_t *)ctx;
    return FC_OK;
}

static int round_trip(void *ctx, const fc_fact *f, const fc_loc *loc) {
    char *json = fc_fact_to_json(f);
    fc_diags *d;
    size_t n = 0;
    int line = 0, column = 0;
    (void)ctx;
    fc_loc_member(loc, "value", &line, &column);
    if (!json) return FC_ENOMEM;
    if (!(d = fc_diags_new())) {
        free(json);
        return FC_ENOMEM;
    }
    if (fc_facts_parse("round-trip", json, strlen(json), count_fact, &n, d) !=
            FC_OK ||
        n != 1) {
        char msg[2048];
        const fc_diag *g = fc_diags_get(d, 0);
        fc_diag_format(g, msg, sizeof msg);
        fprintf(stderr, "fuzz_facts: a fact read back invalid:\n%s\n%s\n",
                json, g ? msg : "(no diagnostic)");
        abort();
    }
    fc_diags_free(d);
    free(json);
    return FC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fc_diags *d = fc_diags_new();
    size_t i;
    if (!d) return 0;
    fc_facts_parse("fuzz.jsonl", (const char *)data, size, round_trip, NULL,
                   d);
    for (i = 0; i < fc_diags_count(d); i++) {
        char msg[2048];
        fc_diag_format(fc_diags_get(d, i), msg, sizeof msg);
    }
    fc_diags_free(d);
    return 0;
}
