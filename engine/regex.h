/*
** regex.h -- bounded matches of the patterns of rules and of the lexicon.
**
** Every pattern a user writes runs under limits of known size, so that a
** pattern that backtracks without end, such as (a+)+$ against a long run
** of a, stops with an error instead of running for hours:
**
**   FC_RE_MATCH_LIMIT   steps of one match (pcre2_set_match_limit; the
**                       interpreter and the JIT code both count them)
**   FC_RE_DEPTH_LIMIT   nested backtracking points (pcre2_set_depth_limit;
**                       the interpreter only)
**   FC_RE_HEAP_KIB      memory of the interpreter's backtracking frames
**   FC_RE_JIT_STACK     the JIT code's stack (pcre2_jit_stack_create)
**
** A match that reaches one is not "no match": fc_rematch_run returns the
** PCRE2 error, and its caller reports it, naming the pattern's owner and
** the text.  A context is used by one thread at a time.
*/
#ifndef FC_REGEX_H
#define FC_REGEX_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <stddef.h>

#define FC_RE_MATCH_LIMIT 1000000u
#define FC_RE_DEPTH_LIMIT 10000u
#define FC_RE_HEAP_KIB 65536u
#define FC_RE_JIT_STACK (1024u * 1024u)

typedef struct fc_rematch fc_rematch;

/* A match context with the limits above and its own JIT stack; NULL when
** out of memory.  Free it with fc_rematch_free (NULL is a no-op). */
fc_rematch *fc_rematch_new(void);
void fc_rematch_free(fc_rematch *m);

/* Match re against s[0..len) from byte start under m's limits (m NULL:
** PCRE2's defaults, for callers that own no context), with the JIT code
** when re has some and options allow it.  Returns what pcre2_match does,
** except that no match is 0: > 0 a match (md holds it), 0 none, < 0 a
** PCRE2 error such as PCRE2_ERROR_MATCHLIMIT, which the caller must
** report, never take for no match. */
int fc_rematch_run(fc_rematch *m, const pcre2_code *re, const char *s,
                   size_t len, size_t start, uint32_t options,
                   pcre2_match_data *md);

/* The same through the JIT code only (pcre2_jit_match: no options, no
** checks; re must have been compiled with JIT), for the hot loops of
** extraction: the match limit and the JIT stack bound it. */
int fc_rematch_jit(fc_rematch *m, const pcre2_code *re, const char *s,
                   size_t len, size_t start, pcre2_match_data *md);

/* What error rc of fc_rematch_run means, in words, into buf: "the match
** limit (1000000 steps) was reached", or PCRE2's own message. */
void fc_rematch_error(int rc, char *buf, size_t size);

#endif /* FC_REGEX_H */
