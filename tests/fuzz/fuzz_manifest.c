/*
** fuzz_manifest.c -- the manifest reader on arbitrary bytes: the input is
** manifest.json of a documents folder holding a few small documents
** (a.txt, b.md, c.txt with invalid UTF-8) and a subfolder.
*/
#include "factcheck.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *docs_dir, *manifest_file;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static const char a[] = "Output rose 5.2% in 2022 to 70,000 units.\n";
    static const char b[] = "---\ndate: 2023-03-01\n---\n# Note\n\nMore than "
                            "90,000 firms, up 3 percent.\n";
    static const char c[] = "bad \xff\xfe bytes\n";
    (void)argc;
    (void)argv;
    docs_dir = fuzz_mkdir("docs");
    fuzz_write(fuzz_path(docs_dir, "a.txt"), a, strlen(a));
    fuzz_write(fuzz_path(docs_dir, "b.md"), b, strlen(b));
    fuzz_write(fuzz_path(docs_dir, "c.txt"), c, strlen(c));
    fuzz_mkdir("docs/sub");
    fuzz_write(fuzz_path(docs_dir, "sub/d.txt"), a, strlen(a));
    manifest_file = fuzz_path(docs_dir, "manifest.json");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fc_diags *d = fc_diags_new();
    fc_manifest *m = NULL;
    size_t i;
    if (!d) return 0;
    fuzz_write(manifest_file, data, size);
    if (fc_manifest_load(&m, manifest_file, NULL, d) == FC_OK) {
        for (i = 0; i < m->ndocs; i++) {
            const fc_doc *doc = m->docs[i];
            int line, column;
            if (fc_manifest_get(m, doc->id) != doc ||
                fc_doc_linecol(doc, doc->len, &line, &column) != FC_OK) {
                fprintf(stderr, "fuzz_manifest: document %s not indexed\n",
                        doc->id);
                abort();
            }
        }
    } else if (m) {
        fprintf(stderr, "fuzz_manifest: a failed load returned a manifest\n");
        abort();
    }
    for (i = 0; i < fc_diags_count(d); i++) {
        char msg[2048];
        fc_diag_format(fc_diags_get(d, i), msg, sizeof msg);
    }
    fc_manifest_free(m);
    fc_diags_free(d);
    return 0;
}
