/*
** fuzz.c -- the scratch folder and file helpers of the fuzz targets.
*/
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[4096];
static char *kept[64];
static size_t nkept;

static char *keep(char *s) {
    if (!s || nkept == sizeof kept / sizeof kept[0]) abort();
    kept[nkept++] = s;
    return s;
}

/* Remove the scratch folder: plain files and folders only, one level of
** nesting below the top is all the targets make. */
static void remove_tree(const char *dir) {
    DIR *dp = opendir(dir);
    struct dirent *e;
    if (!dp) return;
    while ((e = readdir(dp)) != NULL) {
        char p[8192];
        struct stat st;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= (int)sizeof p)
            continue;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
    }
    closedir(dp);
    rmdir(dir);
}

static void cleanup(void) {
    size_t i;
    if (tmp[0]) remove_tree(tmp);
    for (i = 0; i < nkept; i++) free(kept[i]);
    nkept = 0;
}

const char *fuzz_tmpdir(void) {
    if (!tmp[0]) {
        const char *base = getenv("TMPDIR");
        if (!base || !*base) base = "/tmp";
        if (snprintf(tmp, sizeof tmp, "%s/fcfuzz.XXXXXX", base) >=
                (int)sizeof tmp ||
            !mkdtemp(tmp)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(cleanup);
    }
    return tmp;
}

const char *fuzz_path(const char *dir, const char *name) {
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) abort();
    snprintf(p, n, "%s/%s", dir, name);
    return keep(p);
}

const char *fuzz_mkdir(const char *sub) {
    const char *p = fuzz_path(fuzz_tmpdir(), sub);
    if (mkdir(p, 0700) != 0) {
        perror(p);
        abort();
    }
    return p;
}

void fuzz_write(const char *path, const void *data, size_t len) {
    FILE *fp = fopen(path, "wb");
    if (!fp || (len && fwrite(data, 1, len, fp) != len) || fclose(fp) != 0) {
        perror(path);
        abort();
    }
}

void fuzz_copy(const char *src, const char *dst) {
    FILE *in = fopen(src, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    if (!in) {
        perror(src);
        abort();
    }
    for (;;) {
        if (len == cap) {
            char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (!nb) abort();
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len, in);
        if (!n) break;
        len += n;
    }
    fclose(in);
    fuzz_write(dst, buf, len);
    free(buf);
}

const char *fuzz_rules_dir(void) {
    static char found[4096];
    const char *env = getenv("FC_FUZZ_RULES");
    char exe[4096];
    ssize_t n;
    if (env && *env) return env;
    if (found[0]) return found;
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        if ((slash = strrchr(exe, '/')) != NULL) {
            struct stat st;
            *slash = '\0';
            if (snprintf(found, sizeof found, "%s/../../rules", exe) <
                    (int)sizeof found &&
                stat(found, &st) == 0 && S_ISDIR(st.st_mode))
                return found;
        }
    }
    snprintf(found, sizeof found, "rules");
    return found;
}
