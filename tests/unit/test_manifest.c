/*
** test_manifest.c -- manifests (manifest.c): loading, metadata, every
** class of error with its exact text and position, all or nothing.
**
** The tests run in a temporary folder (the current directory while they
** run), so that the paths in diagnostics are short and stable.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static char tmpdir[64];
static char oldcwd[4096];

/* ---- fixtures --------------------------------------------------------------- */

static void rm_rf(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        struct dirent *e;
        if (dir) {
            while ((e = readdir(dir)) != NULL) {
                char sub[4096];
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                rm_rf(sub);
            }
            closedir(dir);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int group_setup(void **state) {
    (void)state;
    if (!getcwd(oldcwd, sizeof oldcwd)) return -1;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fc_test_manifest_XXXXXX");
    if (!mkdtemp(tmpdir)) return -1;
    return chdir(tmpdir);
}

static int group_teardown(void **state) {
    (void)state;
    if (chdir(oldcwd) != 0) return -1;
    rm_rf(tmpdir);
    return 0;
}

/* Write rel (relative to the temporary folder), creating its folders. */
static void put_bytes(const char *rel, const char *data, size_t len) {
    char dir[512];
    size_t i;
    FILE *fp;
    for (i = 0; rel[i]; i++) {
        if (rel[i] == '/' && i > 0) {
            memcpy(dir, rel, i);
            dir[i] = '\0';
            if (mkdir(dir, 0777) != 0) assert_int_equal(errno, EEXIST);
        }
    }
    fp = fopen(rel, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

static void put(const char *rel, const char *text) {
    put_bytes(rel, text, strlen(text));
}

/* Every diagnostic, formatted, one per line. */
static char *all_diags(const fc_diags *d) {
    fc_buf b;
    size_t i;
    fc_buf_init(&b);
    for (i = 0; i < fc_diags_count(d); i++) {
        char line[2048];
        fc_diag_format(fc_diags_get(d, i), line, sizeof line);
        fc_buf_puts(&b, line);
        fc_buf_putc(&b, '\n');
    }
    return fc_buf_take(&b);
}

/* Load a manifest that must fail with status rc and exactly the
** diagnostics want (one per line). */
static void expect_fail(const char *path, const char *docs_dir, int rc,
                        const char *want) {
    fc_diags *d = fc_diags_new();
    fc_manifest *m = (fc_manifest *)&m; /* must be reset to NULL */
    char *got;
    assert_int_equal(fc_manifest_load(&m, path, docs_dir, d), rc);
    assert_null(m);
    got = all_diags(d);
    assert_string_equal(got, want);
    assert_int_equal(fc_diags_errors(d), fc_diags_count(d));
    free(got);
    fc_diags_free(d);
}

static fc_manifest *expect_ok(const char *path, const char *docs_dir) {
    fc_diags *d = fc_diags_new();
    fc_manifest *m = NULL;
    char *got;
    int rc = fc_manifest_load(&m, path, docs_dir, d);
    got = all_diags(d);
    assert_string_equal(got, "");
    assert_int_equal(rc, FC_OK);
    assert_non_null(m);
    free(got);
    fc_diags_free(d);
    return m;
}

/* ---- loading ---------------------------------------------------------------- */

static void test_valid_manifest(void **state) {
    fc_manifest *m;
    const fc_doc *a, *b;
    char hex[65];
    (void)state;
    put("ok/docs/000_a.txt", "First document.\nIts second line.\n");
    put("ok/b.txt", "Second document.");
    put("ok/manifest.json",
        "{\"documents\": [\n"
        "  {\"id\": \"000\", \"path\": \"docs/000_a.txt\", \"published\": "
        "\"2023-03-02\",\n"
        "   \"title\": \"T\", \"publisher\": \"P\", \"event\": \"E\", "
        "\"authority\": \"press\", \"source\": \"https://example.org/a?b=1\"},\n"
        "  {\"id\": \"b\", \"path\": \"./b.txt\", \"published\": null, "
        "\"title\": null, \"authority\": null}\n"
        "]}\n");
    m = expect_ok("ok/manifest.json", NULL);
    assert_string_equal(m->file, "ok/manifest.json");
    assert_string_equal(m->docs_dir, "ok");
    assert_int_equal(m->ndocs, 2);
    a = m->docs[0];
    b = m->docs[1];
    assert_string_equal(a->id, "000");
    assert_string_equal(a->path, "docs/000_a.txt");
    assert_string_equal(a->fullpath, "ok/docs/000_a.txt");
    assert_string_equal(a->published, "2023-03-02");
    assert_string_equal(a->title, "T");
    assert_string_equal(a->publisher, "P");
    assert_string_equal(a->event, "E");
    assert_string_equal(a->authority, "press");
    assert_string_equal(a->source, "https://example.org/a?b=1");
    assert_string_equal(a->text, "First document.\nIts second line.\n");
    assert_int_equal(a->nlines, 2);
    fc_sha256_hex(a->text, a->len, hex);
    assert_string_equal(a->sha256, hex);
    assert_string_equal(b->id, "b");
    assert_string_equal(b->path, "./b.txt");
    assert_string_equal(b->fullpath, "ok/./b.txt");
    assert_null(b->published);
    assert_null(b->title);
    assert_null(b->publisher);
    assert_null(b->event);
    assert_null(b->authority);
    assert_null(b->source);
    assert_ptr_equal(fc_manifest_get(m, "000"), a);
    assert_ptr_equal(fc_manifest_get(m, "b"), b);
    assert_null(fc_manifest_get(m, "c"));
    assert_null(fc_manifest_get(m, ""));
    assert_null(fc_manifest_get(m, NULL));
    assert_null(fc_manifest_get(NULL, "b"));
    fc_manifest_free(m);
    fc_manifest_free(NULL);
}

static void test_empty_documents(void **state) {
    fc_manifest *m;
    (void)state;
    put("empty/manifest.json", "{\"documents\": []}");
    m = expect_ok("empty/manifest.json", NULL);
    assert_int_equal(m->ndocs, 0);
    assert_null(fc_manifest_get(m, "x"));
    fc_manifest_free(m);
}

static void test_docs_dir(void **state) {
    fc_manifest *m;
    (void)state;
    put("dd/corpus/x.txt", "x");
    put("dd/m.json", "{\"documents\": [{\"id\": \"x\", \"path\": \"x.txt\"}]}");
    m = expect_ok("dd/m.json", "dd/corpus");
    assert_string_equal(m->docs_dir, "dd/corpus");
    assert_string_equal(m->docs[0]->fullpath, "dd/corpus/x.txt");
    assert_string_equal(m->docs[0]->path, "x.txt");
    fc_manifest_free(m);
    m = expect_ok("dd/m.json", "dd/corpus/");
    assert_string_equal(m->docs[0]->fullpath, "dd/corpus/x.txt");
    fc_manifest_free(m);
    /* relative to the manifest's folder, there is no x.txt */
    expect_fail("dd/m.json", NULL, FC_EINPUT,
                "dd/m.json:1:36: path: cannot open \"dd/x.txt\": No such file "
                "or directory\n");
}

static void test_docs_dir_missing(void **state) {
    (void)state;
    put("dm/m.json",
        "{\"documents\": [{\"id\": \"x\", \"path\": \"x.txt\", \"titel\": \"\"}]}");
    /* the folder is named, and the manifest is still checked */
    expect_fail("dm/m.json", "dm/nowhere", FC_EINPUT,
                "dm/nowhere: cannot open the documents folder: No such file or "
                "directory\n"
                "dm/m.json:1:54: titel: unknown field; did you mean \"title\"?\n");
    expect_fail("dm/m.json", "dm/m.json", FC_EINPUT,
                "dm/m.json: cannot open the documents folder: Not a directory\n"
                "dm/m.json:1:54: titel: unknown field; did you mean \"title\"?\n");
}

/* A manifest named without a folder: its documents are named as written. */
static void test_manifest_in_current_folder(void **state) {
    fc_manifest *m;
    (void)state;
    put("bare/docs/a.txt", "a");
    put("bare/manifest.json",
        "{\"documents\": [{\"id\": \"a\", \"path\": \"docs/a.txt\"}]}");
    put("bare/bad.json",
        "{\"documents\": [{\"id\": \"a\", \"path\": \"../a.txt\"},\n"
        "{\"id\": \"b\", \"path\": \"b.txt\"}]}");
    assert_int_equal(chdir("bare"), 0);
    m = expect_ok("manifest.json", NULL);
    assert_string_equal(m->docs_dir, ".");
    assert_string_equal(m->docs[0]->fullpath, "docs/a.txt");
    fc_manifest_free(m);
    expect_fail("bad.json", NULL, FC_EINPUT,
                "bad.json:1:36: path: \"../a.txt\" escapes the documents folder "
                "\".\"\n"
                "bad.json:2:21: path: cannot open \"b.txt\": No such file or "
                "directory\n");
    assert_int_equal(chdir(".."), 0);
}

static void test_many_documents(void **state) {
    fc_buf b;
    fc_manifest *m;
    char id[32];
    int i, n = 3000;
    (void)state;
    put("many/d.txt", "same text");
    fc_buf_init(&b);
    fc_buf_puts(&b, "{\"documents\": [\n");
    for (i = 0; i < n; i++)
        fc_buf_printf(&b, "%s{\"id\": \"d%d\", \"path\": \"d.txt\"}\n",
                      i ? "," : "", (i * 7919) % n);
    fc_buf_puts(&b, "]}\n");
    put("many/m.json", b.data);
    fc_buf_free(&b);
    m = expect_ok("many/m.json", NULL);
    assert_int_equal(m->ndocs, (size_t)n);
    for (i = 0; i < n; i++) {
        snprintf(id, sizeof id, "d%d", (i * 7919) % n);
        assert_string_equal(m->docs[i]->id, id); /* manifest order */
        assert_ptr_equal(fc_manifest_get(m, id), m->docs[i]);
    }
    assert_null(fc_manifest_get(m, "d3000"));
    fc_manifest_free(m);
}

static void test_id_limits(void **state) {
    char json[1024], id64[65];
    fc_manifest *m;
    (void)state;
    memset(id64, 'a', 64);
    id64[64] = '\0';
    put("ids/a.txt", "a");
    snprintf(json, sizeof json,
             "{\"documents\": [{\"id\": \"%s\", \"path\": \"a.txt\"},\n"
             "{\"id\": \"A-Z_a.z-09\", \"path\": \"a.txt\"}]}",
             id64);
    put("ids/ok.json", json);
    m = expect_ok("ids/ok.json", NULL);
    assert_string_equal(m->docs[0]->id, id64);
    fc_manifest_free(m);

    snprintf(json, sizeof json,
             "{\"documents\": [{\"id\": \"%sa\", \"path\": \"a.txt\"},\n"
             "{\"id\": \"\", \"path\": \"a.txt\"},\n"
             "{\"id\": 7, \"path\": 8},\n"
             "{\"id\": \"x/y\", \"path\": \"\"},\n"
             "{\"id\": \"caf\xC3\xA9\", \"path\": \"a.txt\"}]}",
             id64);
    put("ids/bad.json", json);
    snprintf(json, sizeof json,
             "ids/bad.json:1:23: id: invalid id \"%sa\" (at most 64 bytes of "
             "letters, digits, \".\", \"_\" and \"-\")\n"
             "ids/bad.json:2:8: id: empty id\n"
             "ids/bad.json:3:8: id: expected a string, not a number\n"
             "ids/bad.json:3:19: path: expected a string, not a number\n"
             "ids/bad.json:4:8: id: invalid id \"x/y\" (at most 64 bytes of "
             "letters, digits, \".\", \"_\" and \"-\")\n"
             "ids/bad.json:4:23: path: empty path\n"
             "ids/bad.json:5:8: id: invalid id \"caf\xC3\xA9\" (at most 64 bytes "
             "of letters, digits, \".\", \"_\" and \"-\")\n",
             id64);
    expect_fail("ids/bad.json", NULL, FC_EINPUT, json);
}

/* ---- every class of error, all reported, in order ----------------------------- */

static void test_many_errors_reported(void **state) {
    (void)state;
    put("err/a.txt", "A document.\n");
    put("err/manifest.json",
        "{\"documents\": [\n"
        "  {\"path\": \"a.txt\", \"published\": \"2023-02-30\", \"authority\": "
        "\"wire\"},\n"
        "  {\"id\": \"000\", \"path\": \"a.txt\", \"publised\": \"2023-03-01\", "
        "\"colour\": 1},\n"
        "  {\"id\": \"000\", \"path\": \"../x.txt\", \"title\": 5},\n"
        "  {\"id\": \"bad id\", \"path\": \"docs/x.txt\", \"event\": null},\n"
        "  {\"id\": \"ok\", \"path\": \"/etc/hostname\", \"publisher\": \"P\"}\n"
        "],\n"
        " \"version\": 1}\n");
    expect_fail(
        "err/manifest.json", NULL, FC_EINPUT,
        "err/manifest.json:2:3: id: required field missing\n"
        "err/manifest.json:2:34: published: invalid date \"2023-02-30\" "
        "(expected YYYY-MM-DD)\n"
        "err/manifest.json:2:61: authority: unknown authority \"wire\" "
        "(expected one of official, press, news, blog)\n"
        "err/manifest.json:3:46: publised: unknown field; did you mean "
        "\"published\"?\n"
        "err/manifest.json:3:70: colour: unknown field (expected one of id, "
        "path, published, title, publisher, event, authority, source)\n"
        "err/manifest.json:4:10: id: duplicate id \"000\" (first at line 3)\n"
        "err/manifest.json:4:25: path: \"../x.txt\" escapes the documents "
        "folder \"err\"\n"
        "err/manifest.json:4:46: title: expected a string or null, not a "
        "number\n"
        "err/manifest.json:5:10: id: invalid id \"bad id\" (at most 64 bytes "
        "of letters, digits, \".\", \"_\" and \"-\")\n"
        "err/manifest.json:5:28: path: cannot open \"err/docs/x.txt\": No "
        "such file or directory\n"
        "err/manifest.json:6:24: path: \"/etc/hostname\" escapes the "
        "documents folder \"err\"\n"
        "err/manifest.json:8:13: version: unknown field (expected one of "
        "documents)\n");
}

static void test_field_types(void **state) {
    (void)state;
    put("types/a.txt", "a");
    put("types/m.json",
        "{\"documents\": [\n"
        "{\"id\": \"a\", \"path\": \"a.txt\", \"published\": 20230302,\n"
        " \"authority\": true, \"publisher\": [], \"event\": {}},\n"
        "{\"id\": \"b\", \"path\": \"a.txt\", \"published\": \"2023-3-2\",\n"
        " \"authority\": \"w\\\"x\\n\", \"Title\": \"t\", \"ID\": \"B\"}\n"
        "]}\n");
    expect_fail(
        "types/m.json", NULL, FC_EINPUT,
        "types/m.json:2:43: published: expected a date \"YYYY-MM-DD\" or "
        "null, not a number\n"
        "types/m.json:3:15: authority: expected a string or null, not a "
        "boolean\n"
        "types/m.json:3:34: publisher: expected a string or null, not an "
        "array\n"
        "types/m.json:3:47: event: expected a string or null, not an object\n"
        "types/m.json:4:43: published: invalid date \"2023-3-2\" (expected "
        "YYYY-MM-DD)\n"
        "types/m.json:5:15: authority: unknown authority \"w\\\"x\\u000a\" "
        "(expected one of official, press, news, blog)\n"
        "types/m.json:5:34: Title: unknown field; did you mean \"title\"?\n"
        "types/m.json:5:45: ID: unknown field; did you mean \"id\"?\n");
}

/* A source is the address the document was published at. */
static void test_source_field(void **state) {
    (void)state;
    put("src/a.txt", "a");
    put("src/m.json",
        "{\"documents\": [\n"
        "{\"id\": \"a\", \"path\": \"a.txt\", \"source\": \"example.org/a\"},\n"
        "{\"id\": \"b\", \"path\": \"a.txt\", \"source\": \"http://x y\"},\n"
        "{\"id\": \"c\", \"path\": \"a.txt\", \"source\": 7},\n"
        "{\"id\": \"d\", \"path\": \"a.txt\", \"source\": \"http:\"}\n"
        "]}\n");
    expect_fail("src/m.json", NULL, FC_EINPUT,
        "src/m.json:2:40: source: expected the address the document was published at (an absolute URL such as \"https://example.org/a\") or null, not \"example.org/a\"\n"
        "src/m.json:3:40: source: expected the address the document was published at (an absolute URL such as \"https://example.org/a\") or null, not \"http://x y\"\n"
        "src/m.json:4:40: source: expected the address the document was published at (an absolute URL such as \"https://example.org/a\") or null, not a number\n"
        "src/m.json:5:40: source: expected the address the document was published at (an absolute URL such as \"https://example.org/a\") or null, not \"http:\"\n");
}

static void test_structure_errors(void **state) {
    (void)state;
    put("st/array.json", "  [\"x\"]");
    expect_fail("st/array.json", NULL, FC_EINPUT,
                "st/array.json:1:3: expected an object {\"documents\": [...]}, "
                "not an array\n");
    put("st/obj.json", "{\"documents\": {}}");
    expect_fail("st/obj.json", NULL, FC_EINPUT,
                "st/obj.json:1:15: documents: expected an array, not an "
                "object\n");
    put("st/none.json", "{}");
    expect_fail("st/none.json", NULL, FC_EINPUT,
                "st/none.json:1:1: documents: required field missing\n");
    put("st/typo.json", "{\"document\": []}");
    expect_fail("st/typo.json", NULL, FC_EINPUT,
                "st/typo.json:1:1: documents: required field missing\n"
                "st/typo.json:1:14: document: unknown field; did you mean "
                "\"documents\"?\n");
    put("st/elems.json", "{\"documents\": [\"a.txt\", 3, null, {}]}");
    expect_fail("st/elems.json", NULL, FC_EINPUT,
                "st/elems.json:1:16: documents: expected an object for each "
                "document, not a string\n"
                "st/elems.json:1:25: documents: expected an object for each "
                "document, not a number\n"
                "st/elems.json:1:28: documents: expected an object for each "
                "document, not null\n"
                "st/elems.json:1:34: id: required field missing\n"
                "st/elems.json:1:34: path: required field missing\n");
}

/* Syntax errors carry jansson's own text and position. */
static void test_syntax_errors(void **state) {
    static const char *const cases[] = {
        "{\"documents\": [}\n",
        "{\"documents\": [{\"id\": \"a\", \"id\": \"b\", \"path\": \"a.txt\"}]}",
        "{\"documents\": [{\"id\": \"\\u0000\", \"path\": \"a.txt\"}]}",
        "{\"documents\": []} trailing",
    };
    char want[512];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_error_t e;
        json_t *j = json_loads(cases[i], JSON_REJECT_DUPLICATES, &e);
        assert_null(j);
        assert_true(e.line > 0 && e.column > 0);
        put("syn/m.json", cases[i]);
        snprintf(want, sizeof want, "syn/m.json:%d:%d: %s\n", e.line, e.column,
                 e.text);
        expect_fail("syn/m.json", NULL, FC_EINPUT, want);
    }
    /* the two we know by heart */
    put("syn/m.json", cases[0]);
    expect_fail("syn/m.json", NULL, FC_EINPUT,
                "syn/m.json:1:16: unexpected token near '}'\n");
    put("syn/empty.json", "");
    expect_fail("syn/empty.json", NULL, FC_EINPUT,
                "syn/empty.json:1: '[' or '{' expected near end of file\n");
}

static void test_manifest_unreadable_or_not_utf8(void **state) {
    (void)state;
    expect_fail("nowhere/m.json", NULL, FC_EIO,
                "nowhere/m.json: cannot open: No such file or directory\n");
    put_bytes("mu/m.json", "{\"documents\": [\"\xC3(\"]}", 21);
    expect_fail("mu/m.json", NULL, FC_EINPUT,
                "mu/m.json:1:17: invalid UTF-8 at byte 16\n");
}

/* ---- paths ------------------------------------------------------------------- */

static void test_paths_escaping(void **state) {
    (void)state;
    put("pe/docs/in.txt", "inside");
    put("outside.txt", "outside");
    assert_int_equal(symlink("../outside.txt", "pe/link.txt"), 0);
    assert_int_equal(symlink("docs/in.txt", "pe/inlink.txt"), 0);
    assert_int_equal(symlink("../..", "pe/docs/up"), 0);
    put("pe/m.json",
        "{\"documents\": [\n"
        "{\"id\": \"a\", \"path\": \"link.txt\"},\n"
        "{\"id\": \"b\", \"path\": \"docs/up/outside.txt\"},\n"
        "{\"id\": \"c\", \"path\": \"docs/../../outside.txt\"},\n"
        "{\"id\": \"d\", \"path\": \"docs/../docs/in.txt\"},\n"
        "{\"id\": \"e\", \"path\": \"inlink.txt\"},\n"
        "{\"id\": \"f\", \"path\": \"docs\"},\n"
        "{\"id\": \"g\", \"path\": \"docs/in.txt/x\"}\n"
        "]}\n");
    expect_fail("pe/m.json", NULL, FC_EINPUT,
                "pe/m.json:2:21: path: \"link.txt\" escapes the documents "
                "folder \"pe\"\n"
                "pe/m.json:3:21: path: \"docs/up/outside.txt\" escapes the "
                "documents folder \"pe\"\n"
                "pe/m.json:4:21: path: \"docs/../../outside.txt\" escapes the "
                "documents folder \"pe\"\n"
                "pe/m.json:7:21: path: cannot open \"pe/docs\": Is a "
                "directory\n"
                "pe/m.json:8:21: path: cannot open \"pe/docs/in.txt/x\": Not "
                "a directory\n");
}

static void test_paths_inside_via_links(void **state) {
    fc_manifest *m;
    (void)state;
    put("pl/docs/in.txt", "inside");
    assert_int_equal(symlink("docs/in.txt", "pl/inlink.txt"), 0);
    put("pl/m.json",
        "{\"documents\": [{\"id\": \"d\", \"path\": \"docs/../docs/in.txt\"},\n"
        "{\"id\": \"e\", \"path\": \"inlink.txt\"}]}\n");
    m = expect_ok("pl/m.json", NULL);
    assert_string_equal(m->docs[0]->text, "inside");
    assert_string_equal(m->docs[1]->text, "inside");
    assert_string_equal(m->docs[1]->path, "inlink.txt");
    assert_string_equal(m->docs[1]->fullpath, "pl/inlink.txt");
    fc_manifest_free(m);
}

/* A document that is not UTF-8 is reported with its own position, along
** with the manifest's other problems. */
static void test_document_not_utf8(void **state) {
    (void)state;
    put_bytes("nu/bad.txt", "ok\nab\xFF\n", 7);
    put("nu/good.txt", "fine");
    put("nu/m.json",
        "{\"documents\": [\n"
        "{\"id\": \"bad\", \"path\": \"bad.txt\", \"published\": \"2023-13-01\"},\n"
        "{\"id\": \"good\", \"path\": \"good.txt\"}\n"
        "]}\n");
    expect_fail("nu/m.json", NULL, FC_EINPUT,
                "nu/m.json:2:47: published: invalid date \"2023-13-01\" "
                "(expected YYYY-MM-DD)\n"
                "nu/bad.txt:2:3: invalid UTF-8 at byte 5\n");
    put("nu/m2.json", "{\"documents\": [{\"id\": \"bad\", \"path\": \"bad.txt\"}]}");
    expect_fail("nu/m2.json", NULL, FC_EINPUT,
                "nu/bad.txt:2:3: invalid UTF-8 at byte 5\n");
}

/* A FIFO (or any file that is not a regular one) is refused without being
** opened, which would wait for a writer; a document holding a NUL byte is
** refused at it. */
static void test_document_not_a_regular_file(void **state) {
    (void)state;
    put("ff/m.json",
        "{\"documents\": [\n"
        "{\"id\": \"p\", \"path\": \"pipe.txt\"}\n"
        "]}\n");
    assert_int_equal(mkfifo("ff/pipe.txt", 0600), 0);
    expect_fail("ff/m.json", NULL, FC_EINPUT,
                "ff/m.json:2:21: path: \"ff/pipe.txt\" is not a regular file "
                "(expected a text document)\n");
    put_bytes("ff/nul.txt", "It made 12 tons\0 and 9 more.\n", 30);
    put("ff/m2.json", "{\"documents\": [{\"id\": \"n\", \"path\": \"nul.txt\"}]}");
    expect_fail("ff/m2.json", NULL, FC_EINPUT,
                "ff/nul.txt:1:16: NUL byte at byte 15, expected text (a "
                "binary file is not a document)\n");
}

/* A byte order mark and CRLF line ends, as some editors save: read, with
** columns counted after the mark. */
static void test_bom_and_crlf(void **state) {
    fc_manifest *m;
    (void)state;
    put("bm/a.txt", "a");
    put("bm/m.json", "\xEF\xBB\xBF{\"documents\": [\r\n"
                     "{\"id\": \"a\", \"path\": \"a.txt\"}]}\r\n");
    m = expect_ok("bm/m.json", NULL);
    assert_int_equal(m->ndocs, 1);
    fc_manifest_free(m);
    put("bm/m2.json", "\xEF\xBB\xBF{\"documents\": [], \"docs\": 1}");
    expect_fail("bm/m2.json", NULL, FC_EINPUT,
                "bm/m2.json:1:27: docs: unknown field (expected one of "
                "documents)\n");
}

/* Positions count code points, like jansson's. */
static void test_positions_after_multibyte(void **state) {
    (void)state;
    put("mb/a.txt", "a");
    put("mb/m.json",
        "{\"documents\": [{\"title\": \"\xE2\x82\xAC\xE2\x82\xAC\", \"id\": \"a\", "
        "\"path\": \"a.txt\", \"authority\": \"x\"}]}");
    expect_fail("mb/m.json", NULL, FC_EINPUT,
                "mb/m.json:1:73: authority: unknown authority \"x\" (expected "
                "one of official, press, news, blog)\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_manifest),
        cmocka_unit_test(test_empty_documents),
        cmocka_unit_test(test_docs_dir),
        cmocka_unit_test(test_docs_dir_missing),
        cmocka_unit_test(test_manifest_in_current_folder),
        cmocka_unit_test(test_many_documents),
        cmocka_unit_test(test_id_limits),
        cmocka_unit_test(test_many_errors_reported),
        cmocka_unit_test(test_field_types),
        cmocka_unit_test(test_source_field),
        cmocka_unit_test(test_structure_errors),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_manifest_unreadable_or_not_utf8),
        cmocka_unit_test(test_paths_escaping),
        cmocka_unit_test(test_paths_inside_via_links),
        cmocka_unit_test(test_document_not_utf8),
        cmocka_unit_test(test_document_not_a_regular_file),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_positions_after_multibyte),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
