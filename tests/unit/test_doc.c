/*
** test_doc.c -- documents (doc.c): loading, UTF-8 validation, the line
** index, line and column of offsets, lines, hashes, ids.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static fc_doc *from(const char *text, size_t len) {
    fc_doc *doc = NULL;
    assert_int_equal(fc_doc_new_from_buffer(&doc, "t", "t.txt", text, len, NULL),
                     FC_OK);
    assert_non_null(doc);
    return doc;
}

static void assert_lc(const fc_doc *doc, size_t off, int line, int col) {
    int l = -1, c = -1;
    assert_int_equal(fc_doc_linecol(doc, off, &l, &c), FC_OK);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

static void assert_line(const fc_doc *doc, int n, const char *want) {
    size_t len = 99;
    const char *p = fc_doc_line(doc, n, &len);
    if (!want) {
        assert_null(p);
        return;
    }
    assert_non_null(p);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(p, want, len);
}

static void test_buffer_basics(void **state) {
    const char *text = "first line\nsecond\n";
    fc_doc *doc = from(text, strlen(text));
    char hex[65];
    (void)state;
    assert_string_equal(doc->id, "t");
    assert_string_equal(doc->path, "t.txt");
    assert_string_equal(doc->fullpath, "t.txt");
    assert_int_equal(doc->len, strlen(text));
    assert_string_equal(doc->text, text);
    assert_ptr_not_equal(doc->text, text); /* a copy */
    fc_sha256_hex(text, strlen(text), hex);
    assert_string_equal(doc->sha256, hex);
    assert_null(doc->title);
    assert_null(doc->published);
    assert_null(doc->authority);
    assert_int_equal(doc->nlines, 2);
    assert_int_equal(doc->lines[0], 0);
    assert_int_equal(doc->lines[1], 11);
    fc_doc_free(doc);
    fc_doc_free(NULL);
}

static void test_multibyte_columns(void **state) {
    /* line 1: "h" e-acute "llo" (6 bytes), line 2: "w" o-umlaut "rld "
    ** euro " " G-clef "!" */
    const char *text = "h\xC3\xA9llo\nw\xC3\xB6rld \xE2\x82\xAC \xF0\x9D\x84\x9E!";
    fc_doc *doc = from(text, strlen(text));
    (void)state;
    assert_lc(doc, 0, 1, 1);
    assert_lc(doc, 1, 1, 2);   /* the e-acute */
    assert_lc(doc, 3, 1, 3);   /* "l" after it: one column, two bytes */
    assert_lc(doc, 6, 1, 6);   /* the newline */
    assert_lc(doc, 7, 2, 1);
    assert_lc(doc, 10, 2, 3);  /* "r" */
    assert_lc(doc, 14, 2, 7);  /* euro */
    assert_lc(doc, 17, 2, 8);  /* space after it */
    assert_lc(doc, 18, 2, 9);  /* G clef */
    assert_lc(doc, 22, 2, 10); /* "!" */
    assert_lc(doc, 23, 2, 11); /* the end */
    assert_line(doc, 1, "h\xC3\xA9llo");
    assert_line(doc, 2, "w\xC3\xB6rld \xE2\x82\xAC \xF0\x9D\x84\x9E!");
    fc_doc_free(doc);
}

static void test_crlf_lines(void **state) {
    const char *text = "one\r\ntwo\r\n\r\nfour\r\n";
    fc_doc *doc = from(text, strlen(text));
    (void)state;
    assert_int_equal(doc->nlines, 4);
    assert_line(doc, 1, "one");
    assert_line(doc, 2, "two");
    assert_line(doc, 3, "");
    assert_line(doc, 4, "four");
    assert_line(doc, 5, NULL);
    assert_lc(doc, 3, 1, 4);  /* the \r is a column like any other */
    assert_lc(doc, 5, 2, 1);
    assert_lc(doc, 10, 3, 1);
    assert_lc(doc, 12, 4, 1);
    assert_lc(doc, strlen(text), 5, 1);
    fc_doc_free(doc);
}

static void test_no_trailing_newline(void **state) {
    const char *text = "alpha\nbeta";
    fc_doc *doc = from(text, strlen(text));
    (void)state;
    assert_int_equal(doc->nlines, 2);
    assert_line(doc, 1, "alpha");
    assert_line(doc, 2, "beta");
    assert_line(doc, 3, NULL);
    assert_lc(doc, 6, 2, 1);
    assert_lc(doc, 10, 2, 5); /* offset == len */
    fc_doc_free(doc);
}

static void test_trailing_newline(void **state) {
    const char *text = "alpha\nbeta\n";
    fc_doc *doc = from(text, strlen(text));
    int l = 7, c = 7;
    (void)state;
    assert_int_equal(doc->nlines, 2);
    assert_line(doc, 2, "beta");
    assert_line(doc, 3, NULL);
    assert_line(doc, 0, NULL);
    assert_line(doc, -1, NULL);
    assert_lc(doc, 10, 2, 5);  /* the final newline */
    assert_lc(doc, 11, 3, 1);  /* just past it, as fc_linecol says */
    assert_int_equal(fc_doc_linecol(doc, 12, &l, &c), FC_EINPUT);
    fc_doc_free(doc);
}

static void test_empty_document(void **state) {
    fc_doc *doc = NULL;
    int l, c;
    size_t len = 5;
    (void)state;
    assert_int_equal(fc_doc_new_from_buffer(&doc, "e", NULL, NULL, 0, NULL),
                     FC_OK);
    assert_int_equal(doc->len, 0);
    assert_string_equal(doc->text, "");
    assert_int_equal(doc->nlines, 0);
    assert_string_equal(doc->path, "e"); /* the id names it */
    assert_string_equal(
        doc->sha256,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_lc(doc, 0, 1, 1);
    assert_int_equal(fc_doc_linecol(doc, 1, &l, &c), FC_EINPUT);
    assert_null(fc_doc_line(doc, 1, &len));
    assert_int_equal(len, 0);
    fc_doc_free(doc);
}

static void test_only_newlines(void **state) {
    fc_doc *doc = from("\n\n\n", 3);
    (void)state;
    assert_int_equal(doc->nlines, 3);
    assert_line(doc, 1, "");
    assert_line(doc, 3, "");
    assert_line(doc, 4, NULL);
    assert_lc(doc, 0, 1, 1);
    assert_lc(doc, 2, 3, 1);
    assert_lc(doc, 3, 4, 1);
    assert_non_null(fc_doc_line(doc, 1, NULL)); /* len may be NULL */
    fc_doc_free(doc);
}

/* The index agrees with the plain scan of fc_linecol at every offset. */
static void test_linecol_matches_scan(void **state) {
    fc_buf b;
    fc_doc *doc;
    size_t off;
    int i;
    (void)state;
    fc_buf_init(&b);
    for (i = 0; i < 300; i++) {
        fc_buf_printf(&b, "%d \xE2\x82\xAC", i);
        if (i % 3 == 0) fc_buf_puts(&b, "\r");
        if (i % 7 != 0) fc_buf_puts(&b, "\n");
        if (i % 11 == 0) fc_buf_puts(&b, "\n\xC3\xA9");
    }
    doc = from(b.data, b.len);
    for (off = 0; off <= b.len; off++) {
        int l1, c1, l2, c2;
        fc_linecol(b.data, b.len, off, &l1, &c1);
        assert_int_equal(fc_doc_linecol(doc, off, &l2, &c2), FC_OK);
        assert_int_equal(l2, l1);
        assert_int_equal(c2, c1);
    }
    fc_doc_free(doc);
    fc_buf_free(&b);
}

static void test_many_lines(void **state) {
    fc_buf b;
    fc_doc *doc;
    size_t len;
    const char *p;
    int i;
    (void)state;
    fc_buf_init(&b);
    for (i = 1; i <= 100000; i++) fc_buf_printf(&b, "line %d\n", i);
    doc = from(b.data, b.len);
    assert_int_equal(doc->nlines, 100000);
    p = fc_doc_line(doc, 100000, &len);
    assert_int_equal(len, strlen("line 100000"));
    assert_memory_equal(p, "line 100000", len);
    p = fc_doc_line(doc, 54321, &len);
    assert_memory_equal(p, "line 54321", len);
    assert_lc(doc, (size_t)(p - doc->text) + 5, 54321, 6);
    assert_lc(doc, b.len - 1, 100000, 12);
    fc_doc_free(doc);
    fc_buf_free(&b);
}

static void test_invalid_utf8_buffer(void **state) {
    fc_diags *d = fc_diags_new();
    fc_doc *doc = (fc_doc *)&doc; /* must be reset to NULL */
    char line[256];
    const fc_diag *g;
    (void)state;
    /* e-acute, then a lead byte followed by "(" on line 2 */
    assert_int_equal(fc_doc_new_from_buffer(&doc, NULL, "dir/bad.txt",
                                            "ok\n\xC3\xA9\xC3(", 6, d),
                     FC_EINPUT);
    assert_null(doc);
    assert_int_equal(fc_diags_count(d), 1);
    g = fc_diags_get(d, 0);
    fc_diag_format(g, line, sizeof line);
    assert_string_equal(line, "dir/bad.txt:2:2: invalid UTF-8 at byte 5");
    assert_int_equal(g->offset, 5);
    assert_int_equal(g->severity, FC_DIAG_ERROR);

    fc_diags_clear(d);
    assert_int_equal(fc_doc_new_from_buffer(&doc, "x", "x", "\xFF", 1, d),
                     FC_EINPUT);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    assert_string_equal(line, "x:1:1: invalid UTF-8 at byte 0");

    fc_diags_clear(d);
    /* a surrogate at the end of a longer text */
    assert_int_equal(
        fc_doc_new_from_buffer(&doc, "x", "s.txt", "a\nb\nc\xED\xA0\x80", 8, d),
        FC_EINPUT);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    assert_string_equal(line, "s.txt:3:2: invalid UTF-8 at byte 5");
    /* NULL diagnostics are fine */
    assert_int_equal(fc_doc_new_from_buffer(&doc, "x", "x", "\xC0\x80", 2, NULL),
                     FC_EINPUT);
    assert_null(doc);
    fc_diags_free(d);
}

static void test_buffer_needs_a_name(void **state) {
    fc_doc *doc = NULL;
    fc_diags *d = fc_diags_new();
    (void)state;
    assert_int_equal(fc_doc_new_from_buffer(&doc, NULL, NULL, "a", 1, d),
                     FC_EINPUT);
    assert_null(doc);
    assert_int_equal(fc_diags_errors(d), 1);
    fc_diags_free(d);
}

static void test_authorities(void **state) {
    const char *const *a = fc_doc_authorities();
    (void)state;
    assert_string_equal(a[0], "official");
    assert_string_equal(a[1], "press");
    assert_string_equal(a[2], "news");
    assert_string_equal(a[3], "blog");
    assert_null(a[4]);
}

/* ---- files ---------------------------------------------------------------- */

static char tmpdir[64];

static int make_tmpdir(void **state) {
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fc_test_doc_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static void write_file(char *path, size_t size, const char *name,
                       const char *data, size_t len) {
    FILE *fp;
    snprintf(path, size, "%s/%s", tmpdir, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

static void test_load_file(void **state) {
    char path[256];
    fc_doc *doc = NULL;
    const char *text = "The text.\nSecond line.";
    (void)state;
    write_file(path, sizeof path, "000_0a2c.txt", text, strlen(text));
    assert_int_equal(fc_doc_load(&doc, path, NULL, NULL), FC_OK);
    assert_string_equal(doc->id, "000_0a2c");
    assert_string_equal(doc->path, path);
    assert_string_equal(doc->fullpath, path);
    assert_string_equal(doc->text, text);
    assert_int_equal(doc->nlines, 2);
    fc_doc_free(doc);
    assert_int_equal(fc_doc_load(&doc, path, "given", NULL), FC_OK);
    assert_string_equal(doc->id, "given");
    fc_doc_free(doc);
    unlink(path);
}

static void test_load_ids_from_names(void **state) {
    static const struct {
        const char *name, *id;
    } cases[] = {{"a.b.txt", "a.b"}, {"noext", "noext"}, {".hidden", ".hidden"},
                 {"x.", "x"}};
    char path[256];
    fc_doc *doc;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file(path, sizeof path, cases[i].name, "", 0);
        assert_int_equal(fc_doc_load(&doc, path, NULL, NULL), FC_OK);
        assert_string_equal(doc->id, cases[i].id);
        assert_int_equal(doc->len, 0);
        fc_doc_free(doc);
        unlink(path);
    }
}

static void test_load_missing_and_invalid(void **state) {
    char path[256], line[512], want[512];
    fc_diags *d = fc_diags_new();
    fc_doc *doc = NULL;
    (void)state;
    snprintf(path, sizeof path, "%s/none.txt", tmpdir);
    assert_int_equal(fc_doc_load(&doc, path, NULL, d), FC_EIO);
    assert_null(doc);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory",
             path);
    assert_string_equal(line, want);

    fc_diags_clear(d);
    write_file(path, sizeof path, "bad.txt", "line one\nline \xE2\x82\xAC\xE2\x82",
               19);
    assert_int_equal(fc_doc_load(&doc, path, NULL, d), FC_EINPUT);
    assert_null(doc);
    assert_int_equal(fc_diags_count(d), 1);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    snprintf(want, sizeof want, "%s:2:7: invalid UTF-8 at byte 17", path);
    /* "line " is 5 bytes and the euro 3: the cut sequence is at byte 17 */
    assert_string_equal(line, want);
    unlink(path);
    fc_diags_free(d);
}

static int remove_tmpdir(void **state) {
    (void)state;
    return rmdir(tmpdir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buffer_basics),
        cmocka_unit_test(test_multibyte_columns),
        cmocka_unit_test(test_crlf_lines),
        cmocka_unit_test(test_no_trailing_newline),
        cmocka_unit_test(test_trailing_newline),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_only_newlines),
        cmocka_unit_test(test_linecol_matches_scan),
        cmocka_unit_test(test_many_lines),
        cmocka_unit_test(test_invalid_utf8_buffer),
        cmocka_unit_test(test_buffer_needs_a_name),
        cmocka_unit_test(test_authorities),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_load_ids_from_names),
        cmocka_unit_test(test_load_missing_and_invalid),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
