/*
** fuzz_extract.c -- extraction on arbitrary bytes, with the project's
** lexicon.  The first byte of the input says how the rest is read: bit 0
** gives the document a publication date, bit 1 makes it Markdown (masked
** as the command masks a draft).  Every fact extracted must be one the
** fact reader accepts: written as JSON and read back, it is valid.
*/
#include "factcheck.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static fc_lexicon *lexicon;

static void release(void) {
    fc_lexicon_free(lexicon);
    lexicon = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fc_diags *d = fc_diags_new();
    (void)argc;
    (void)argv;
    if (!d || fc_lexicon_load(&lexicon, fuzz_rules_dir(), d) != FC_OK) {
        fprintf(stderr, "fuzz_extract: cannot load the lexicon of %s\n",
                fuzz_rules_dir());
        abort();
    }
    fc_diags_free(d);
    atexit(release);
    return 0;
}

static int count_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    (void)f;
    (void)loc;
    ++*(size_t *)ctx;
    return FC_OK;
}

static int check_fact(void *ctx, const fc_fact *f, const fc_loc *loc) {
    const fc_doc *doc = ctx;
    char *json = fc_fact_to_json(f);
    fc_diags *d;
    size_t n = 0;
    (void)loc;
    if (!json) return FC_ENOMEM;
    if (!(d = fc_diags_new())) {
        free(json);
        return FC_ENOMEM;
    }
    if (f->span.start < 0 || f->span.end < f->span.start ||
        (size_t)f->span.end > doc->len ||
        fc_facts_parse("extracted", json, strlen(json), count_fact, &n, d) !=
            FC_OK ||
        n != 1) {
        char msg[2048];
        const fc_diag *g = fc_diags_get(d, 0);
        if (g) fc_diag_format(g, msg, sizeof msg);
        fprintf(stderr, "fuzz_extract: an extracted fact is invalid:\n%s\n%s\n",
                json, g ? msg : "(span outside the document)");
        abort();
    }
    fc_diags_free(d);
    free(json);
    return FC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fc_diags *d;
    fc_doc *doc = NULL;
    int mode;
    if (size < 1) return 0;
    if (!(d = fc_diags_new())) return 0;
    mode = data[0];
    if (fc_doc_new_from_buffer(&doc, "fz", (mode & 2) ? "fuzz.md" : "fuzz.txt",
                               (const char *)data + 1, size - 1,
                               d) == FC_OK) {
        char date[11];
        if (mode & 2) {
            fc_markdown_mask(doc->text, doc->len, date);
        }
        if ((mode & 1) && !doc->published) {
            doc->published = malloc(11);
            if (doc->published) memcpy(doc->published, "2023-03-01", 11);
        }
        fc_extract_date(lexicon, doc, date);
        fc_extract(lexicon, doc, check_fact, doc, d);
    }
    fc_doc_free(doc);
    fc_diags_free(d);
    return 0;
}
