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

/* A NUL byte is no text: the document is refused at it, and of a NUL and
** invalid UTF-8 the first is reported. */
static void test_nul_byte_refused(void **state) {
    fc_diags *d = fc_diags_new();
    fc_doc *doc = (fc_doc *)&doc;
    char line[256];
    const fc_diag *g;
    (void)state;
    assert_int_equal(fc_doc_new_from_buffer(&doc, "n", "n.txt",
                                            "one\ntw\0o 12 tons\n", 17, d),
                     FC_EINPUT);
    assert_null(doc);
    assert_int_equal(fc_diags_count(d), 1);
    g = fc_diags_get(d, 0);
    fc_diag_format(g, line, sizeof line);
    assert_string_equal(line, "n.txt:2:3: NUL byte at byte 6, expected text "
                              "(a binary file is not a document)");
    assert_int_equal(g->offset, 6);

    fc_diags_clear(d);
    /* invalid UTF-8 before the NUL */
    assert_int_equal(fc_doc_new_from_buffer(&doc, "n", "n.txt", "a\xFF\0", 3,
                                            d),
                     FC_EINPUT);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    assert_string_equal(line, "n.txt:1:2: invalid UTF-8 at byte 1");

    fc_diags_clear(d);
    /* a NUL before invalid UTF-8, as at the head of most binary files */
    assert_int_equal(fc_doc_new_from_buffer(&doc, "b", "b.bin",
                                            "\x7f" "ELF\x02\x01\x01\0\xFF", 9,
                                            d),
                     FC_EINPUT);
    fc_diag_format(fc_diags_get(d, 0), line, sizeof line);
    assert_string_equal(line, "b.bin:1:8: NUL byte at byte 7, expected text "
                              "(a binary file is not a document)");
    assert_int_equal(fc_diags_count(d), 1);
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

/* ---- Markdown: fc_markdown_mask ------------------------------------------------------------ */

/* in with every byte of each listed piece (found in order, each after the
** last) turned into a space, newlines kept: what the mask should make. */
static char *blanked(const char *in, const char *const *pieces) {
    size_t len = strlen(in), from = 0, i;
    char *out = malloc(len + 1);
    assert_non_null(out);
    memcpy(out, in, len + 1);
    for (; *pieces; pieces++) {
        const char *at = strstr(in + from, *pieces);
        size_t k = strlen(*pieces);
        if (!at) fail_msg("piece \"%s\" not in the input", *pieces);
        for (i = (size_t)(at - in); i < (size_t)(at - in) + k; i++)
            if (out[i] != '\n') out[i] = ' ';
        from = (size_t)(at - in) + k;
    }
    return out;
}

/* Same length, every newline where it was, and nothing but blanks changed. */
static void assert_shape_kept(const char *in, const char *out, size_t len) {
    size_t i;
    for (i = 0; i < len; i++) {
        if ((in[i] == '\n') != (out[i] == '\n'))
            fail_msg("newline moved at offset %zu", i);
        if (out[i] != in[i] && out[i] != ' ')
            fail_msg("byte %zu changed to '%c', not blanked", i, out[i]);
    }
    assert_int_equal(strlen(out), len);
}

/* Mask in; expect the listed pieces blanked and date. */
static void check_mask(const char *in, const char *const *pieces,
                       const char *want_date) {
    size_t len = strlen(in);
    char *t = malloc(len + 1), *want = blanked(in, pieces), date[11];
    assert_non_null(t);
    memcpy(t, in, len + 1);
    memset(date, 'x', sizeof date);
    assert_int_equal(fc_markdown_mask(t, len, date), FC_OK);
    if (strcmp(t, want) != 0)
        fail_msg("masked:\n[%s]\nexpected:\n[%s]", t, want);
    assert_shape_kept(in, t, len);
    assert_string_equal(date, want_date);
    free(t);
    free(want);
}

static void test_mask_front_matter_date(void **state) {
    static const char *const fm[] = {
        "---\ntitle: Output of 2023\ndate: 2024-03-15\n---", NULL};
    (void)state;
    check_mask("---\ntitle: Output of 2023\ndate: 2024-03-15\n---\n"
               "# Output\n\nFactories made 42 million units.\n",
               fm, "2024-03-15");
}

static void test_mask_front_matter_quoted_date(void **state) {
    static const char *const dq[] = {"---\ndate: \"2024-03-15\"\n---", NULL};
    static const char *const sq[] = {"---\ndate: '2023-11-30'\nlayout: post\n---",
                                     NULL};
    (void)state;
    check_mask("---\ndate: \"2024-03-15\"\n---\nText 7.\n", dq, "2024-03-15");
    check_mask("---\ndate: '2023-11-30'\nlayout: post\n---\nText 7.\n", sq,
               "2023-11-30");
}

static void test_mask_front_matter_bad_date(void **state) {
    /* blanked all the same, but no date: February has no 30th, and the
       key is only "date" */
    static const char *const fm1[] = {"---\ndate: 2024-02-30\n---", NULL};
    static const char *const fm2[] = {"---\nupdate: 2024-02-03\n---", NULL};
    (void)state;
    check_mask("---\ndate: 2024-02-30\n---\nBody 1.\n", fm1, "");
    check_mask("---\nupdate: 2024-02-03\n---\nBody 1.\n", fm2, "");
}

static void test_mask_no_front_matter(void **state) {
    static const char *const none[] = {NULL};
    (void)state;
    check_mask("Plain text of 2024-03-15 with 12 figures.\n---\nMore.\n", none,
               "");
    /* the "---" must open the first line */
    check_mask(" ---\ndate: 2024-03-15\n---\nText.\n", none, "");
    check_mask("", none, "");
}

static void test_mask_unclosed_front_matter(void **state) {
    static const char *const none[] = {NULL};
    (void)state;
    check_mask("---\ndate: 2024-03-15\ntitle: a draft\n\nThe body has 12 "
               "figures and no closing line.\n",
               none, "");
    /* "----" and "--- x" do not close it */
    check_mask("---\ndate: 2024-03-15\n----\n--- x\nBody.\n", none, "");
}

static void test_mask_front_matter_only(void **state) {
    static const char *const fm[] = {"---\ndate: 2024-01-02\n---", NULL};
    (void)state;
    /* closed at the very end of the text, no newline after it */
    check_mask("---\ndate: 2024-01-02\n---", fm, "2024-01-02");
}

static void test_mask_fenced_code(void **state) {
    static const char *const bt[] = {
        "```python\nshare = 27.7  # 2023\nprint(share)\n```", NULL};
    static const char *const tl[] = {"~~~\nNEV production reached 9.9 million\n~~~",
                                     NULL};
    static const char *const mixed[] = {
        "~~~\nA ``` line inside 12\n~~~", NULL};
    (void)state;
    check_mask("Before 1.\n```python\nshare = 27.7  # 2023\nprint(share)\n```\n"
               "After 2.\n",
               bt, "");
    check_mask("Before 1.\n~~~\nNEV production reached 9.9 million\n~~~\n"
               "After 2.\n",
               tl, "");
    /* a fence of the other character does not close it */
    check_mask("Text 3.\n~~~\nA ``` line inside 12\n~~~\nText 4.\n", mixed, "");
}

static void test_mask_fenced_code_unclosed(void **state) {
    static const char *const rest[] = {"```\ncode 5\n\nmore 6\n", NULL};
    (void)state;
    check_mask("Prose 4.\n```\ncode 5\n\nmore 6\n", rest, "");
}

static void test_mask_fence_not_at_line_start(void **state) {
    /* "```" inside a line is no fence: its first two backticks are an
       empty code span, the third has no pair and stays */
    static const char *const inl[] = {"``", NULL};
    (void)state;
    check_mask("Write ``` in 3 places.\n", inl, "");
}

static void test_mask_inline_code(void **state) {
    static const char *const one[] = {"`code 42`", NULL};
    static const char *const two[] = {"`a 1`", "`b 2`", NULL};
    static const char *const none[] = {NULL};
    (void)state;
    check_mask("Run `code 42` to get 7 results.\n", one, "");
    check_mask("Both `a 1` and `b 2` are code; 3 is not.\n", two, "");
    /* a backtick without its pair on the same line is text */
    check_mask("An odd ` tick and 5\nthen ` another 6.\n", none, "");
}

static void test_mask_html_comment(void **state) {
    static const char *const c1[] = {"<!-- check 6.1 million -->", NULL};
    static const char *const c2[] = {
        "<!-- editor:\n  the 2022 figure was 6.5 million,\n  check it -->",
        NULL};
    static const char *const open[] = {"<!-- never closed 12\n13\n", NULL};
    (void)state;
    check_mask("Cars 2.\n<!-- check 6.1 million -->\nNets 3.\n", c1, "");
    check_mask("Cars 2.\n<!-- editor:\n  the 2022 figure was 6.5 million,\n"
               "  check it --> Nets 3.\n",
               c2, "");
    check_mask("Cars 2.\n<!-- never closed 12\n13\n", open, "");
}

static void test_mask_link_targets(void **state) {
    static const char *const link[] = {"(http://x/2023-99)", NULL};
    static const char *const img[] = {"(img/chart-2024.png)", NULL};
    static const char *const none[] = {NULL};
    (void)state;
    /* the target goes, the text stays (with its brackets) */
    check_mask("See [the 2023 report](http://x/2023-99) for 12 more.\n", link,
               "");
    check_mask("![chart of 2024](img/chart-2024.png)\n", img, "");
    /* a bracket and a parenthesis apart, or a target cut by a line end,
       are text */
    check_mask("[a] (b 12)\n[c](d 13\ne)\n", none, "");
}

static void test_mask_reference_definitions(void **state) {
    static const char *const defs[] = {
        "[src]: http://example.org/figures/2024-01",
        "[2]: <https://example.org/2023/report> \"Report 2023\"", NULL};
    static const char *const none[] = {NULL};
    (void)state;
    check_mask("Text with [a source][src] of 12.\n\n"
               "[src]: http://example.org/figures/2024-01\n"
               "[2]: <https://example.org/2023/report> \"Report 2023\"\n"
               "After 5.\n",
               defs, "");
    /* a bracket that opens a line without "]:" is prose */
    check_mask("[Update] 12 firms joined.\n x [id]: not at line start 7\n",
               none, "");
}

static void test_mask_everything_shape(void **state) {
    /* one draft with every kind of blanking, and multibyte characters in
       prose and in code: only the listed parts go */
    static const char *const hidden[] = {
        "---\ntitle: t\ndate: \"2024-04-10\"\n---",
        "`code 3`",
        "(http://h/5)",
        "<!-- 6\n7 -->",
        "```\n8\n```",
        "~~~\n9\n~~~",
        "[r]: http://h/10",
        "`\xc3\xa9 12`",
        NULL};
    static const char in[] =
        "---\ntitle: t\ndate: \"2024-04-10\"\n---\n"
        "# Title 1\n\nProse 2 with `code 3` and [link 4](http://h/5).\n"
        "<!-- 6\n7 -->\n```\n8\n```\n~~~\n9\n~~~\n[r]: http://h/10\n"
        "Last 11 \xc3\xa9t\xc3\xa9 `\xc3\xa9 12`.\n";
    size_t len = sizeof in - 1;
    char t[sizeof in], date[11];
    (void)state;
    check_mask(in, hidden, "2024-04-10");
    memcpy(t, in, sizeof in);
    assert_int_equal(fc_markdown_mask(t, len, date), FC_OK);
    assert_true(fc_utf8_valid(t, len, NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nul_byte_refused),
        cmocka_unit_test(test_mask_front_matter_date),
        cmocka_unit_test(test_mask_front_matter_quoted_date),
        cmocka_unit_test(test_mask_front_matter_bad_date),
        cmocka_unit_test(test_mask_no_front_matter),
        cmocka_unit_test(test_mask_unclosed_front_matter),
        cmocka_unit_test(test_mask_front_matter_only),
        cmocka_unit_test(test_mask_fenced_code),
        cmocka_unit_test(test_mask_fenced_code_unclosed),
        cmocka_unit_test(test_mask_fence_not_at_line_start),
        cmocka_unit_test(test_mask_inline_code),
        cmocka_unit_test(test_mask_html_comment),
        cmocka_unit_test(test_mask_link_targets),
        cmocka_unit_test(test_mask_reference_definitions),
        cmocka_unit_test(test_mask_everything_shape),
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
