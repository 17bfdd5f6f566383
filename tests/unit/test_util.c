/*
** test_util.c -- buffers, strings, files, UTF-8, globs and the string set
** (util.c), diagnostics (diag.c) and SHA-256 (sha256.c).
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

/* ---- SHA-256 ------------------------------------------------------------ */

static void sha_of(const char *data, size_t len, char out[65]) {
    memset(out, 'x', 65);
    fc_sha256_hex(data, len, out);
}

static void test_sha256_known_vectors(void **state) {
    char h[65];
    (void)state;
    sha_of("", 0, h);
    assert_string_equal(
        h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha_of("abc", 3, h);
    assert_string_equal(
        h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, h);
    assert_string_equal(
        h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256_million_a(void **state) {
    size_t n = 1000000;
    char *buf = malloc(n), h[65];
    (void)state;
    assert_non_null(buf);
    memset(buf, 'a', n);
    sha_of(buf, n, h);
    free(buf);
    assert_string_equal(
        h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* The lengths where the padding needs one block or two. */
static void test_sha256_padding_boundaries(void **state) {
    static const struct {
        size_t n;
        const char *hex;
    } cases[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
    };
    char buf[128], h[65];
    size_t i;
    (void)state;
    memset(buf, 'a', sizeof buf);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sha_of(buf, cases[i].n, h);
        assert_string_equal(h, cases[i].hex);
    }
}

/* ---- UTF-8 -------------------------------------------------------------- */

static void assert_valid(const char *s, size_t len) {
    size_t bad = 12345;
    assert_int_equal(fc_utf8_valid(s, len, &bad), 1);
    assert_int_equal(bad, 12345); /* untouched */
}

static void assert_invalid_at(const char *s, size_t len, size_t at) {
    size_t bad = 12345;
    assert_int_equal(fc_utf8_valid(s, len, &bad), 0);
    assert_int_equal(bad, at);
    assert_int_equal(fc_utf8_valid(s, len, NULL), 0);
}

static void test_utf8_valid_sequences(void **state) {
    (void)state;
    assert_valid("", 0);
    assert_valid("plain ascii", 11);
    assert_valid("\xC3\xA9", 2);                 /* e acute */
    assert_valid("\xC2\x80", 2);                 /* U+0080, smallest 2-byte */
    assert_valid("\xDF\xBF", 2);                 /* U+07FF */
    assert_valid("\xE0\xA0\x80", 3);             /* U+0800 */
    assert_valid("\xE2\x82\xAC", 3);             /* euro */
    assert_valid("\xED\x9F\xBF", 3);             /* U+D7FF, below surrogates */
    assert_valid("\xEE\x80\x80", 3);             /* U+E000, above them */
    assert_valid("\xEF\xBF\xBF", 3);             /* U+FFFF */
    assert_valid("\xF0\x90\x80\x80", 4);         /* U+10000 */
    assert_valid("\xF0\x9D\x84\x9E", 4);         /* G clef */
    assert_valid("\xF4\x8F\xBF\xBF", 4);         /* U+10FFFF */
    assert_valid("a\0b", 3);                     /* NUL is a character */
}

static void test_utf8_overlongs(void **state) {
    (void)state;
    assert_invalid_at("\xC0\x80", 2, 0);
    assert_invalid_at("\xC0\xAF", 2, 0);
    assert_invalid_at("x\xC1\xBF", 3, 1);
    assert_invalid_at("\xE0\x80\x80", 3, 0);
    assert_invalid_at("\xE0\x9F\xBF", 3, 0);
    assert_invalid_at("\xF0\x80\x80\x80", 4, 0);
    assert_invalid_at("\xF0\x8F\xBF\xBF", 4, 0);
}

static void test_utf8_surrogates_and_range(void **state) {
    (void)state;
    assert_invalid_at("\xED\xA0\x80", 3, 0);          /* U+D800 */
    assert_invalid_at("ab\xED\xBF\xBF", 5, 2);        /* U+DFFF */
    assert_invalid_at("\xF4\x90\x80\x80", 4, 0);      /* U+110000 */
    assert_invalid_at("\xF5\x80\x80\x80", 4, 0);
    assert_invalid_at("\xFE", 1, 0);
    assert_invalid_at("\xFF", 1, 0);
}

static void test_utf8_truncated_and_stray(void **state) {
    (void)state;
    assert_invalid_at("\x80", 1, 0);                  /* lone continuation */
    assert_invalid_at("abc\xC3", 4, 3);               /* cut at the end */
    assert_invalid_at("abc\xE2\x82", 5, 3);
    assert_invalid_at("\xF0\x9D\x84", 3, 0);
    assert_invalid_at("\xE2\x82\x41", 3, 0);          /* bad third byte */
    assert_invalid_at("\xC3\x28", 2, 0);
    assert_invalid_at("\xF0\x9D\x84\x41", 4, 0);
    /* the offset counts bytes of the valid text before it */
    assert_invalid_at("ab\xE2\x82\xAC" "cd\xFF" "ef", 10, 7);
    /* len stops a sequence even when bytes follow in memory */
    assert_invalid_at("\xC3\xA9", 1, 0);
}

static void test_utf8_count(void **state) {
    (void)state;
    assert_int_equal(fc_utf8_count("", 0), 0);
    assert_int_equal(fc_utf8_count("abc", 3), 3);
    assert_int_equal(fc_utf8_count("a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E", 10),
                     4);
    /* invalid bytes count one each */
    assert_int_equal(fc_utf8_count("\x80\x80", 2), 2);
    assert_int_equal(fc_utf8_count("\xFF" "a", 2), 2);
    assert_int_equal(fc_utf8_count("\xE2\x82", 2), 2);
    assert_int_equal(fc_utf8_count("\xE2\x82" "a", 3), 3);
}

static void test_copy_utf8_never_cuts(void **state) {
    char dst[16];
    (void)state;
    /* "a" then e-acute (2 bytes) then euro (3 bytes) */
    fc_copy_utf8(dst, sizeof dst, "a\xC3\xA9\xE2\x82\xAC");
    assert_string_equal(dst, "a\xC3\xA9\xE2\x82\xAC");
    fc_copy_utf8(dst, 7, "a\xC3\xA9\xE2\x82\xAC");
    assert_string_equal(dst, "a\xC3\xA9\xE2\x82\xAC");
    fc_copy_utf8(dst, 6, "a\xC3\xA9\xE2\x82\xAC");
    assert_string_equal(dst, "a\xC3\xA9");
    fc_copy_utf8(dst, 4, "a\xC3\xA9\xE2\x82\xAC");
    assert_string_equal(dst, "a\xC3\xA9");
    fc_copy_utf8(dst, 3, "a\xC3\xA9\xE2\x82\xAC");
    assert_string_equal(dst, "a");
    fc_copy_utf8(dst, 2, "\xF0\x9D\x84\x9E");
    assert_string_equal(dst, "");
    fc_copy_utf8(dst, 1, "abc");
    assert_string_equal(dst, "");
    fc_copy_utf8(dst, sizeof dst, NULL);
    assert_string_equal(dst, "");
    dst[0] = 'z';
    fc_copy_utf8(dst, 0, "abc"); /* nothing written */
    assert_int_equal(dst[0], 'z');
    fc_copy_utf8(dst, 5, "abcdefgh");
    assert_string_equal(dst, "abcd");
}

/* A sequence cut short by the terminating NUL must not be read past it. */
static void test_copy_utf8_truncated_source(void **state) {
    char dst[16];
    char *src = malloc(2); /* exactly "\xE2" and its NUL: ASan sees over-reads */
    (void)state;
    assert_non_null(src);
    src[0] = '\xE2';
    src[1] = '\0';
    fc_copy_utf8(dst, sizeof dst, src);
    assert_string_equal(dst, "\xE2");
    free(src);
    fc_copy_utf8(dst, sizeof dst, "ab\xF0\x9D");
    assert_string_equal(dst, "ab\xF0\x9D");
}

static void test_linecol(void **state) {
    /* line 1 "ab", line 2 "c" e-acute "d", line 3 "x" */
    const char *s = "ab\nc\xC3\xA9" "d\nx";
    size_t len = strlen(s);
    int line, col;
    (void)state;
    fc_linecol(s, len, 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    fc_linecol(s, len, 2, &line, &col); /* the newline itself */
    assert_int_equal(line, 1);
    assert_int_equal(col, 3);
    fc_linecol(s, len, 3, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
    fc_linecol(s, len, 6, &line, &col); /* "d", after the 2-byte char */
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    fc_linecol(s, len, len, &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 2);
    fc_linecol(s, len, len + 100, &line, &col); /* clamped */
    assert_int_equal(line, 3);
    assert_int_equal(col, 2);
}

/* ---- glob ---------------------------------------------------------------- */

static void test_glob(void **state) {
    (void)state;
    assert_true(fc_glob_match("", ""));
    assert_false(fc_glob_match("", "a"));
    assert_true(fc_glob_match("*", ""));
    assert_true(fc_glob_match("*", "anything at all"));
    assert_true(fc_glob_match("abc", "abc"));
    assert_false(fc_glob_match("abc", "abd"));
    assert_false(fc_glob_match("abc", "abcd"));
    assert_false(fc_glob_match("abcd", "abc"));
    assert_true(fc_glob_match("a?c", "abc"));
    assert_false(fc_glob_match("a?c", "ac"));
    assert_true(fc_glob_match("manufacturing.*", "manufacturing.value_added"));
    assert_false(fc_glob_match("manufacturing.*", "manufacturing"));
    assert_true(fc_glob_match("*.share", "manufacturing.value_added.share"));
    assert_false(fc_glob_match("*.share", "manufacturing.share.total"));
    assert_true(fc_glob_match("*a*b*c*", "xxaxxbxxcxx"));
    assert_false(fc_glob_match("*a*b*c*", "xxcxxbxxaxx"));
    assert_true(fc_glob_match("a**b", "ab"));
    assert_true(fc_glob_match("a*b", "aXbYb"));
    assert_false(fc_glob_match("a*b", "aXbYc"));
    assert_true(fc_glob_match("??", "\xC3\xA9")); /* '?' is one byte */
}

/* ---- string set ---------------------------------------------------------- */

static void test_strset_growth(void **state) {
    fc_strset *set = fc_strset_new();
    char key[32];
    long long v;
    int i;
    (void)state;
    assert_non_null(set);
    for (i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "key-%d", i);
        assert_int_equal(fc_strset_add(set, key, i * 3, NULL), 1);
    }
    for (i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "key-%d", i);
        v = -1;
        assert_int_equal(fc_strset_add(set, key, -7, &v), 0);
        assert_int_equal(v, (long long)i * 3); /* the first value is kept */
    }
    assert_int_equal(fc_strset_add(set, "", 9, NULL), 1);
    assert_int_equal(fc_strset_add(set, "", 10, &v), 0);
    assert_int_equal(v, 9);
    fc_strset_free(set);
    fc_strset_free(NULL);
}

/* ---- buffers and files --------------------------------------------------- */

static void test_buf(void **state) {
    fc_buf b;
    char *s;
    int i;
    (void)state;
    fc_buf_init(&b);
    s = fc_buf_take(&b); /* an empty buffer gives "" */
    assert_string_equal(s, "");
    free(s);
    assert_int_equal(fc_buf_puts(&b, "ab"), FC_OK);
    assert_int_equal(fc_buf_putc(&b, 'c'), FC_OK);
    assert_int_equal(fc_buf_append(&b, "d\0e", 3), FC_OK);
    assert_int_equal(b.len, 6);
    assert_memory_equal(b.data, "abcd\0e", 7);
    for (i = 0; i < 1000; i++)
        assert_int_equal(fc_buf_printf(&b, "[%04d]", i), FC_OK);
    assert_int_equal(b.len, 6 + 6000);
    assert_memory_equal(b.data + 6 + 6 * 999, "[0999]", 7);
    /* longer than the first guess of 64 bytes */
    fc_buf_free(&b);
    assert_int_equal(fc_buf_printf(&b, "%0200d|", 7), FC_OK);
    assert_int_equal(b.len, 201);
    assert_int_equal(b.data[200], '|');
    fc_buf_free(&b);
}

static void test_buf_cap_and_take_after_failure(void **state) {
    fc_buf b;
    (void)state;
    fc_buf_init(&b);
    assert_int_equal(fc_buf_puts(&b, "partial"), FC_OK);
    /* past the cap: refused without reading the (absent) data */
    assert_int_equal(fc_buf_append(&b, "", FC_MAX_FILE + 1), FC_ENOMEM);
    assert_int_equal(b.oom, 1);
    assert_int_equal(fc_buf_puts(&b, "more"), FC_ENOMEM);
    /* the contents are incomplete: take gives nothing */
    assert_null(fc_buf_take(&b));
    assert_null(b.data);
    fc_buf_free(&b);
}

static void test_strdup(void **state) {
    char *s;
    (void)state;
    assert_null(fc_strdup(NULL));
    assert_null(fc_strndup(NULL, 3));
    s = fc_strndup("abcdef", 3);
    assert_string_equal(s, "abc");
    free(s);
    s = fc_strdup("");
    assert_string_equal(s, "");
    free(s);
}

static void test_read_file(void **state) {
    char dir[] = "/tmp/fc_test_util_XXXXXX", path[256], *data;
    fc_diags *d = fc_diags_new();
    const fc_diag *g;
    size_t len;
    FILE *fp;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/f.bin", dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fwrite("a\0b\n", 1, 4, fp);
    fclose(fp);
    assert_int_equal(fc_read_file(path, &data, &len, d), FC_OK);
    assert_int_equal(len, 4);
    assert_memory_equal(data, "a\0b\n", 5);
    free(data);

    snprintf(path, sizeof path, "%s/missing.txt", dir);
    assert_int_equal(fc_read_file(path, &data, &len, d), FC_EIO);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_int_equal(fc_diags_count(d), 1);
    g = fc_diags_get(d, 0);
    assert_string_equal(g->file, path);
    assert_string_equal(g->text, "cannot open: No such file or directory");
    assert_int_equal(g->line, 0);

    /* an empty name says so, rather than naming nothing */
    assert_int_equal(fc_read_file("", &data, &len, d), FC_EIO);
    assert_null(data);
    assert_int_equal(fc_diags_count(d), 2);
    g = fc_diags_get(d, 1);
    assert_true(!g->file || !*g->file);
    assert_non_null(strstr(g->text, "the file name is empty"));

    snprintf(path, sizeof path, "%s/f.bin", dir);
    unlink(path);
    rmdir(dir);
    fc_diags_free(d);
}

/* ---- diagnostics --------------------------------------------------------- */

static void test_diags_keep_and_drop(void **state) {
    fc_diags *d = fc_diags_new();
    size_t i, extra = 25;
    (void)state;
    assert_non_null(d);
    for (i = 0; i < FC_DIAGS_KEEP + extra; i++)
        fc_diags_add(d, i % 2 ? FC_DIAG_WARNING : FC_DIAG_ERROR, "f", (int)i + 1,
                     1, -1, NULL, "problem %zu", i);
    assert_int_equal(fc_diags_count(d), FC_DIAGS_KEEP);
    assert_int_equal(fc_diags_dropped(d), extra);
    assert_int_equal(fc_diags_errors(d) + fc_diags_warnings(d),
                     FC_DIAGS_KEEP + extra);
    assert_int_equal(fc_diags_errors(d), (FC_DIAGS_KEEP + extra + 1) / 2);
    /* the first ones are kept, in order */
    assert_string_equal(fc_diags_get(d, 0)->text, "problem 0");
    assert_string_equal(fc_diags_get(d, FC_DIAGS_KEEP - 1)->text,
                        "problem 9999");
    assert_null(fc_diags_get(d, FC_DIAGS_KEEP));
    fc_diags_clear(d);
    assert_int_equal(fc_diags_count(d), 0);
    assert_int_equal(fc_diags_dropped(d), 0);
    assert_int_equal(fc_diags_errors(d), 0);
    fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL, "again");
    assert_int_equal(fc_diags_count(d), 1);
    fc_diags_free(d);
    /* NULL lists are accepted everywhere */
    fc_diags_add(NULL, FC_DIAG_ERROR, "f", 1, 1, 0, NULL, "ignored");
    assert_int_equal(fc_diags_count(NULL), 0);
    assert_null(fc_diags_get(NULL, 0));
    fc_diags_free(NULL);
}

static const char *formatted(fc_diags *d, size_t i) {
    static char buf[2048];
    fc_diag_format(fc_diags_get(d, i), buf, sizeof buf);
    return buf;
}

static void test_diag_format(void **state) {
    fc_diags *d = fc_diags_new();
    char small[8];
    int n;
    (void)state;
    fc_diags_add(d, FC_DIAG_ERROR, "manifest.json", 3, 7, 40, "id",
                 "duplicate id \"%s\"", "000");
    fc_diags_add(d, FC_DIAG_WARNING, "f.jsonl", 2, 1, 0, "period", "odd");
    fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL, "no place");
    fc_diags_add(d, FC_DIAG_ERROR, "x.txt", 0, 0, -1, NULL, "cannot open");
    fc_diags_add(d, FC_DIAG_ERROR, "x.txt", 4, 0, -1, NULL, "no column");
    fc_diags_add(d, FC_DIAG_WARNING, NULL, 0, 0, -1, "field", "bare");
    assert_string_equal(formatted(d, 0),
                        "manifest.json:3:7: id: duplicate id \"000\"");
    assert_string_equal(formatted(d, 1), "f.jsonl:2:1: warning: period: odd");
    assert_string_equal(formatted(d, 2), "no place");
    assert_string_equal(formatted(d, 3), "x.txt: cannot open");
    assert_string_equal(formatted(d, 4), "x.txt:4: no column");
    assert_string_equal(formatted(d, 5), "warning: field: bare");
    assert_int_equal(fc_diags_get(d, 0)->offset, 40);

    /* the return value is the full length; the copy is cut cleanly */
    n = fc_diag_format(fc_diags_get(d, 0), small, sizeof small);
    assert_int_equal(n, (int)strlen("manifest.json:3:7: id: duplicate id \"000\""));
    assert_string_equal(small, "manifes");
    n = fc_diag_format(fc_diags_get(d, 0), NULL, 0);
    assert_int_equal(n, (int)strlen("manifest.json:3:7: id: duplicate id \"000\""));
    fc_diags_free(d);
}

/* Long texts are cut at a character boundary. */
static void test_diag_text_cut_at_character(void **state) {
    fc_diags *d = fc_diags_new();
    fc_buf b;
    const fc_diag *g;
    char out[4];
    int i;
    size_t len;
    (void)state;
    fc_buf_init(&b);
    fc_buf_putc(&b, 'a'); /* so that 2-byte characters straddle 511 */
    for (i = 0; i < 400; i++) fc_buf_puts(&b, "\xC3\xA9");
    fc_diags_add(d, FC_DIAG_ERROR, b.data, 1, 1, 0, b.data, "%s", b.data);
    g = fc_diags_get(d, 0);
    len = strlen(g->text);
    assert_true(len <= sizeof g->text - 1);
    assert_true(len >= sizeof g->text - 2);
    assert_int_equal(len % 2, 1); /* 'a' plus whole characters */
    assert_int_equal(fc_utf8_valid(g->text, len, NULL), 1);
    assert_int_equal(fc_utf8_valid(g->file, strlen(g->file), NULL), 1);
    assert_int_equal(fc_utf8_valid(g->field, strlen(g->field), NULL), 1);
    assert_int_equal(strlen(g->field) % 2, 1);
    assert_true(strlen(g->field) <= sizeof g->field - 1);
    /* and the formatted form too */
    fc_diag_format(g, out, sizeof out);
    assert_string_equal(out, "a\xC3\xA9");
    fc_buf_free(&b);
    fc_diags_free(d);
}

static void test_status(void **state) {
    (void)state;
    assert_int_equal(fc_status_exit_code(FC_OK), 0);
    assert_int_equal(fc_status_exit_code(FC_EFOUND), 1);
    assert_int_equal(fc_status_exit_code(FC_EINPUT), 2);
    assert_int_equal(fc_status_exit_code(FC_EIO), 2);
    assert_int_equal(fc_status_exit_code(FC_EINTERNAL), 3);
    assert_int_equal(fc_status_exit_code(FC_ENOMEM), 3);
    assert_string_equal(fc_status_str(FC_EINPUT), "bad input");
    assert_string_equal(fc_status_str(99), "unknown status");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_known_vectors),
        cmocka_unit_test(test_sha256_million_a),
        cmocka_unit_test(test_sha256_padding_boundaries),
        cmocka_unit_test(test_utf8_valid_sequences),
        cmocka_unit_test(test_utf8_overlongs),
        cmocka_unit_test(test_utf8_surrogates_and_range),
        cmocka_unit_test(test_utf8_truncated_and_stray),
        cmocka_unit_test(test_utf8_count),
        cmocka_unit_test(test_copy_utf8_never_cuts),
        cmocka_unit_test(test_copy_utf8_truncated_source),
        cmocka_unit_test(test_linecol),
        cmocka_unit_test(test_glob),
        cmocka_unit_test(test_strset_growth),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_buf_cap_and_take_after_failure),
        cmocka_unit_test(test_strdup),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_diags_keep_and_drop),
        cmocka_unit_test(test_diag_format),
        cmocka_unit_test(test_diag_text_cut_at_character),
        cmocka_unit_test(test_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
