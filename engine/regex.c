/*
** regex.c -- bounded matches of user patterns: one match context with
** match, depth and heap limits and a JIT stack of known size, and the
** words for a limit reached.
*/
#include "regex.h"

#include <stdio.h>
#include <stdlib.h>

struct fc_rematch {
    pcre2_match_context *ctx;
    pcre2_jit_stack *stack;
};

fc_rematch *fc_rematch_new(void) {
    fc_rematch *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    if (!(m->ctx = pcre2_match_context_create(NULL))) {
        free(m);
        return NULL;
    }
    pcre2_set_match_limit(m->ctx, FC_RE_MATCH_LIMIT);
    pcre2_set_depth_limit(m->ctx, FC_RE_DEPTH_LIMIT);
    pcre2_set_heap_limit(m->ctx, FC_RE_HEAP_KIB);
    /* NULL when PCRE2 was built without JIT: the interpreter runs, under
       the depth and heap limits */
    m->stack = pcre2_jit_stack_create(32 * 1024, FC_RE_JIT_STACK, NULL);
    if (m->stack) pcre2_jit_stack_assign(m->ctx, NULL, m->stack);
    return m;
}

void fc_rematch_free(fc_rematch *m) {
    if (!m) return;
    pcre2_jit_stack_free(m->stack);
    pcre2_match_context_free(m->ctx);
    free(m);
}

int fc_rematch_run(fc_rematch *m, const pcre2_code *re, const char *s,
                   size_t len, size_t start, uint32_t options,
                   pcre2_match_data *md) {
    int rc;
    if (start > len) return 0;
    rc = pcre2_match(re, (PCRE2_SPTR)s, len, start, options, md,
                     m ? m->ctx : NULL);
    return rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
}

int fc_rematch_jit(fc_rematch *m, const pcre2_code *re, const char *s,
                   size_t len, size_t start, pcre2_match_data *md) {
    int rc;
    if (start > len) return 0;
    rc = pcre2_jit_match(re, (PCRE2_SPTR)s, len, start, 0, md,
                         m ? m->ctx : NULL);
    return rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
}

void fc_rematch_error(int rc, char *buf, size_t size) {
    PCRE2_UCHAR msg[256];
    if (!size) return;
    switch (rc) {
    case PCRE2_ERROR_MATCHLIMIT:
        snprintf(buf, size, "the match limit (%u steps) was reached",
                 FC_RE_MATCH_LIMIT);
        return;
    case PCRE2_ERROR_DEPTHLIMIT:
        snprintf(buf, size, "the backtracking depth limit (%u) was reached",
                 FC_RE_DEPTH_LIMIT);
        return;
    case PCRE2_ERROR_HEAPLIMIT:
        snprintf(buf, size, "the backtracking memory limit (%u KiB) was "
                            "reached",
                 FC_RE_HEAP_KIB);
        return;
    case PCRE2_ERROR_JIT_STACKLIMIT:
        snprintf(buf, size, "the JIT stack (%u KiB) ran out",
                 FC_RE_JIT_STACK / 1024);
        return;
    default:
        if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
            snprintf(buf, size, "PCRE2 error %d", rc);
        else
            snprintf(buf, size, "%s", (const char *)msg);
    }
}
