/*
** testutil.h -- helpers the unit tests share.  Include after cmocka.h and
** factcheck.h.
*/
#ifndef FC_TESTUTIL_H
#define FC_TESTUTIL_H

/* Print every diagnostic, so that a failed assertion shows why. */
static inline void print_diags(const fc_diags *d) {
    size_t i;
    char buf[2048];
    for (i = 0; i < fc_diags_count(d); i++) {
        fc_diag_format(fc_diags_get(d, i), buf, sizeof buf);
        print_message("  diag: %s\n", buf);
    }
}

static inline void assert_no_errors(const fc_diags *d) {
    if (fc_diags_errors(d)) print_diags(d);
    assert_int_equal(fc_diags_errors(d), 0);
}

#endif /* FC_TESTUTIL_H */
