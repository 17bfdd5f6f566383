/*
** doc.c -- documents: text validated as UTF-8, its hash and a line index.
**
** A line is a run of bytes ended by "\n" or by the end of the text; a text
** ending with "\n" has no empty line after it, and an empty text has no
** lines.  lines[k] is the byte offset where line k+1 starts.
**
** Markdown documents hold parts that are no prose (front matter, code,
** link targets, comments); fc_markdown_mask blanks them byte for byte, so
** that what reads the prose (extraction, audits) keeps its offsets.
*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const authorities[] = {"official", "press", "news", "blog",
                                          NULL};

const char *const *fc_doc_authorities(void) { return authorities; }

void fc_doc_free(fc_doc *doc) {
    if (!doc) return;
    free(doc->id);
    free(doc->path);
    free(doc->fullpath);
    free(doc->title);
    free(doc->publisher);
    free(doc->event);
    free(doc->authority);
    free(doc->source);
    free(doc->published);
    free(doc->text);
    free(doc->lines);
    free(doc);
}

/* The base name of path without its extension ("a/b/000_x.txt" -> "000_x").
** A leading dot is part of the name, not an extension.  NULL when out of
** memory; "" for a path that names no file ("dir/"). */
static char *id_from_path(const char *path) {
    const char *base = strrchr(path, '/'), *dot;
    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    if (!dot || dot == base) return fc_strdup(base);
    return fc_strndup(base, (size_t)(dot - base));
}

static int build_lines(fc_doc *doc) {
    size_t n = 0;
    const char *p = doc->text, *end = doc->text + doc->len;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    if (doc->len > 0 && doc->text[doc->len - 1] != '\n') n++;
    doc->nlines = n;
    if (n == 0) return FC_OK;
    if (n > SIZE_MAX / sizeof *doc->lines) return FC_ENOMEM;
    doc->lines = malloc(n * sizeof *doc->lines);
    if (!doc->lines) return FC_ENOMEM;
    doc->lines[0] = 0;
    n = 1;
    p = doc->text;
    while (n < doc->nlines && (p = memchr(p, '\n', (size_t)(end - p))) != NULL)
        doc->lines[n++] = (size_t)(++p - doc->text);
    return FC_OK;
}

/* Finish a document around text (taken over, freed on failure).  name is
** the file name used in diagnostics, and becomes path and fullpath. */
static int doc_make(fc_doc **out, const char *id, const char *name,
                    char *text, size_t len, fc_diags *d) {
    fc_doc *doc;
    size_t bad;
    int rc;

    *out = NULL;
    /* a document is text: a NUL byte (as in most binary files) ends it
    ** here, since what reads the text past it would read what no reader
    ** of the document sees; the first of the two problems is reported */
    {
        const char *nul = len ? memchr(text, '\0', len) : NULL;
        size_t upto = nul ? (size_t)(nul - text) : len;
        int line, column;
        if (!fc_utf8_valid(text, upto, &bad)) {
            fc_linecol(text, len, bad, &line, &column);
            fc_diags_add(d, FC_DIAG_ERROR, name, line, column, (long long)bad,
                         NULL, "invalid UTF-8 at byte %zu", bad);
            free(text);
            return FC_EINPUT;
        }
        if (nul) {
            fc_linecol(text, len, upto, &line, &column);
            fc_diags_add(d, FC_DIAG_ERROR, name, line, column,
                         (long long)upto, NULL,
                         "NUL byte at byte %zu, expected text (a binary "
                         "file is not a document)",
                         upto);
            free(text);
            return FC_EINPUT;
        }
    }
    doc = calloc(1, sizeof *doc);
    if (!doc) {
        free(text);
        return FC_ENOMEM;
    }
    doc->text = text;
    doc->len = len;
    doc->id = id ? fc_strdup(id) : id_from_path(name);
    doc->path = fc_strdup(name);
    doc->fullpath = fc_strdup(name);
    if (!doc->id || !doc->path || !doc->fullpath) {
        fc_doc_free(doc);
        return FC_ENOMEM;
    }
    rc = build_lines(doc);
    if (rc != FC_OK) {
        fc_doc_free(doc);
        return rc;
    }
    fc_sha256_hex(text, len, doc->sha256);
    *out = doc;
    return FC_OK;
}

int fc_doc_load(fc_doc **out, const char *path, const char *id, fc_diags *d) {
    char *text;
    size_t len;
    int rc;

    *out = NULL;
    rc = fc_read_file(path, &text, &len, d);
    if (rc != FC_OK) return rc;
    return doc_make(out, id, path, text, len, d);
}

int fc_doc_new_from_buffer(fc_doc **out, const char *id, const char *name,
                           const char *buf, size_t len, fc_diags *d) {
    char *text;

    *out = NULL;
    if (!id && !name) {
        fc_diags_add(d, FC_DIAG_ERROR, NULL, 0, 0, -1, NULL,
                     "a document needs an id or a name");
        return FC_EINPUT;
    }
    if (!name) name = id;
    if (len > FC_MAX_FILE) {
        fc_diags_add(d, FC_DIAG_ERROR, name, 0, 0, -1, NULL,
                     "file too large (the limit is %zu bytes)",
                     (size_t)FC_MAX_FILE);
        return FC_EINPUT;
    }
    text = malloc(len + 1 + FC_TEXT_SLACK);
    if (!text) return FC_ENOMEM;
    if (len) memcpy(text, buf, len);
    memset(text + len, 0, 1 + FC_TEXT_SLACK);
    return doc_make(out, id, name, text, len, d);
}

int fc_doc_linecol(const fc_doc *doc, size_t offset, int *line,
                   int *column) {
    size_t lo, hi, start;
    int ln;

    if (offset > doc->len) {
        *line = *column = 0;
        return FC_EINPUT;
    }
    if (doc->nlines == 0) {
        /* the empty text */
        ln = 1;
        start = 0;
    } else if (offset == doc->len && doc->text[doc->len - 1] == '\n') {
        /* just past a final newline: the start of a line the index, which
        ** holds only non-empty last lines, does not hold */
        ln = (int)doc->nlines + 1;
        start = offset;
    } else {
        /* the last line start <= offset */
        lo = 0;
        hi = doc->nlines;
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (doc->lines[mid] <= offset)
                lo = mid;
            else
                hi = mid;
        }
        ln = (int)lo + 1;
        start = doc->lines[lo];
    }
    *line = ln;
    *column = (int)fc_utf8_count(doc->text + start, offset - start) + 1;
    return FC_OK;
}

const char *fc_doc_line(const fc_doc *doc, int n, size_t *len) {
    size_t start, end;

    if (len) *len = 0;
    if (n < 1 || (size_t)n > doc->nlines) return NULL;
    start = doc->lines[n - 1];
    end = (size_t)n < doc->nlines ? doc->lines[n] : doc->len;
    if (end > start && doc->text[end - 1] == '\n') end--;
    if (end > start && doc->text[end - 1] == '\r') end--;
    if (len) *len = end - start;
    return doc->text + start;
}

/* ---- Markdown ------------------------------------------------------------ */

static void blank(char *t, size_t a, size_t b) {
    size_t i;
    for (i = a; i < b; i++)
        if (t[i] != '\n') t[i] = ' ';
}

static int starts_line(const char *t, size_t i) { return i == 0 || t[i - 1] == '\n'; }

/* A date in front matter: a line "date: YYYY-MM-DD" (quotes allowed). */
static void front_matter_date(const char *t, size_t a, size_t b, char out[11]) {
    size_t i = a;
    while (i < b) {
        size_t e = i;
        while (e < b && t[e] != '\n') e++;
        if (e - i > 5 && strncmp(t + i, "date:", 5) == 0) {
            size_t k = i + 5;
            while (k < e && (t[k] == ' ' || t[k] == '"' || t[k] == '\''))
                k++;
            if (e - k >= 10) {
                char d[11];
                memcpy(d, t + k, 10);
                d[10] = '\0';
                if (fc_date_valid(d)) memcpy(out, d, 11);
            }
        }
        i = e + 1;
    }
}

int fc_markdown_mask(char *t, size_t len, char date[11]) {
    size_t i = 0;
    date[0] = '\0';
    /* front matter: "---" on the first line up to the next "---" line */
    if ((len >= 4 && strncmp(t, "---\n", 4) == 0) ||
        (len >= 5 && strncmp(t, "---\r\n", 5) == 0)) {
        size_t j = t[3] == '\r' ? 5 : 4;
        while (j < len) {
            if (starts_line(t, j) && len - j >= 3 && strncmp(t + j, "---", 3) == 0 &&
                (j + 3 == len || t[j + 3] == '\n' || t[j + 3] == '\r')) {
                front_matter_date(t, 4, j, date);
                blank(t, 0, j + 3);
                i = j + 3;
                break;
            }
            j++;
        }
    }
    while (i < len) {
        /* fenced code blocks */
        if (starts_line(t, i) && len - i >= 3 &&
            (strncmp(t + i, "```", 3) == 0 || strncmp(t + i, "~~~", 3) == 0)) {
            char fence = t[i];
            size_t j = i + 3;
            while (j < len && t[j] != '\n') j++;
            while (j < len) {
                j++;
                if (j + 3 <= len && t[j] == fence && t[j + 1] == fence &&
                    t[j + 2] == fence && starts_line(t, j))
                    break;
            }
            while (j < len && t[j] != '\n') j++;
            blank(t, i, j);
            i = j;
            continue;
        }
        /* HTML comments */
        if (len - i >= 4 && strncmp(t + i, "<!--", 4) == 0) {
            size_t j = i + 4;
            while (j + 3 <= len && strncmp(t + j, "-->", 3) != 0) j++;
            j = j + 3 <= len ? j + 3 : len;
            blank(t, i, j);
            i = j;
            continue;
        }
        /* inline code */
        if (t[i] == '`') {
            size_t j = i + 1;
            while (j < len && t[j] != '`' && t[j] != '\n') j++;
            if (j < len && t[j] == '`') {
                blank(t, i, j + 1);
                i = j + 1;
                continue;
            }
        }
        /* link and image targets: ](...) */
        if (t[i] == ']' && i + 1 < len && t[i + 1] == '(') {
            size_t j = i + 2;
            while (j < len && t[j] != ')' && t[j] != '\n') j++;
            if (j < len && t[j] == ')') {
                blank(t, i + 1, j + 1);
                i = j + 1;
                continue;
            }
        }
        /* reference link definitions: [id]: target */
        if (starts_line(t, i) && t[i] == '[' && !(i + 1 < len && t[i + 1] == '^')) {
            size_t j = i + 1;
            while (j < len && t[j] != ']' && t[j] != '\n') j++;
            if (j + 1 < len && t[j] == ']' && t[j + 1] == ':') {
                size_t e = j;
                while (e < len && t[e] != '\n') e++;
                blank(t, i, e);
                i = e;
                continue;
            }
        }
        i++;
    }
    return FC_OK;
}

int fc_doc_is_markdown(const fc_doc *doc) {
    const char *p = doc->path ? doc->path : doc->fullpath;
    size_t n = p ? strlen(p) : 0;
    return (n > 3 && !strcmp(p + n - 3, ".md")) ||
           (n > 9 && !strcmp(p + n - 9, ".markdown"));
}
