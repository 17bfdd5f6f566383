/*
** fuzz_lexicon.c -- the lexicon reader on arbitrary bytes.  A lexicon is
** five files (numbers, qualifiers, units, periods, metrics); the first
** byte of the input picks the one the rest of the input replaces, the
** other four are the project's.  A lexicon that loads then extracts a
** short fixed text, so that what was read is also used.
*/
#include "factcheck.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"numbers.json", "qualifiers.json",
                                    "units.json", "periods.json",
                                    "metrics.json"};
#define NFILES (sizeof names / sizeof names[0])
static const char *top, *files[NFILES], *originals[NFILES];
static fc_doc *doc;

static void release(void) {
    fc_doc_free(doc);
    doc = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static const char text[] =
        "Beijing, 1 March 2023. Industrial output rose 5.2% year on year in "
        "2022, to more than 70,000 units; nearly 1.9 million 5G base stations "
        "were in service by the end of February, up by 3 percentage points. "
        "The target for 2025 is about 40 trillion yuan.\n";
    const char *lexdir, *src = fuzz_path(fuzz_rules_dir(), "lexicon");
    fc_diags *d = fc_diags_new();
    size_t i;
    (void)argc;
    (void)argv;
    top = fuzz_mkdir("r");
    lexdir = fuzz_mkdir("r/lexicon");
    for (i = 0; i < NFILES; i++) {
        originals[i] = fuzz_path(src, names[i]);
        files[i] = fuzz_path(lexdir, names[i]);
        fuzz_copy(originals[i], files[i]);
    }
    if (!d || fc_doc_new_from_buffer(&doc, "fz", "fuzz.txt", text,
                                     strlen(text), d) != FC_OK)
        abort();
    fc_diags_free(d);
    atexit(release);
    return 0;
}

static int drop(void *ctx, const fc_fact *f, const fc_loc *loc) {
    (void)ctx;
    (void)f;
    (void)loc;
    return FC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fc_diags *d;
    fc_lexicon *lx = NULL;
    size_t which, i;
    if (size < 1) return 0;
    if (!(d = fc_diags_new())) return 0;
    which = data[0] % NFILES;
    fuzz_write(files[which], data + 1, size - 1);
    if (fc_lexicon_load(&lx, top, d) == FC_OK) {
        char date[11];
        fc_extract_date(lx, doc, date);
        fc_extract(lx, doc, drop, NULL, d);
    } else if (lx) {
        fprintf(stderr, "fuzz_lexicon: a failed load returned a lexicon\n");
        abort();
    }
    for (i = 0; i < fc_diags_count(d); i++) {
        char msg[2048];
        fc_diag_format(fc_diags_get(d, i), msg, sizeof msg);
    }
    fc_lexicon_free(lx);
    fc_diags_free(d);
    fuzz_copy(originals[which], files[which]);
    return 0;
}
