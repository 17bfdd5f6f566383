/*
** fuzz.h -- what the libFuzzer targets of tests/fuzz/ share: a scratch
** folder made once per process, writing an input to a file in it, and the
** project's rules folder.  The targets use the library only through
** engine/factcheck.h.
*/
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry points, declared for -Wmissing-prototypes. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fresh folder under $TMPDIR (or /tmp), removed at exit; every file a
** target writes is below it.  Aborts when it cannot be made. */
const char *fuzz_tmpdir(void);
/* Make the folder sub in the scratch folder; returns its path, kept
** until exit (the caller does not free it). */
const char *fuzz_mkdir(const char *sub);
/* Write len bytes to path (truncating it); aborts on failure. */
void fuzz_write(const char *path, const void *data, size_t len);
/* Copy the file src to dst; aborts on failure. */
void fuzz_copy(const char *src, const char *dst);
/* The project's rules folder: $FC_FUZZ_RULES, else rules/ beside the
** build folder the target runs from (../../rules from the binary). */
const char *fuzz_rules_dir(void);
/* path joined from a folder and a name, in storage kept until exit. */
const char *fuzz_path(const char *dir, const char *name);

#endif
