/*
** cli.c -- the factcheck command: dispatch, option parsing, help and the
** printing of diagnostics.  Every command lives in its own cli_*.c file.
*/
#define _DEFAULT_SOURCE /* realpath */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const cli_cmd *const commands[] = {
    &cli_cmd_check,
    &cli_cmd_audit,
    &cli_cmd_extract,
    &cli_cmd_load,
    &cli_cmd_facts,
    &cli_cmd_docs,
    &cli_cmd_rules,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void main_help(FILE *fp) {
    size_t i;
    fprintf(fp,
            "usage: factcheck COMMAND [OPTION]... [ARG]...\n"
            "\n"
            "factcheck loads the figures extracted from documents, checks them "
            "against\ndeclarative rules and reports where documents disagree.\n"
            "\n"
            "Commands:\n");
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(fp,
            "\n"
            "Options:\n"
            "  --help     show this help; 'factcheck COMMAND --help' for a "
            "command\n"
            "  --version  print the version\n"
            "\n"
            "Exit codes: 0 success, 1 findings at or above --fail-on, 2 usage "
            "or input\nerror, 3 internal error.\n");
}

static void cmd_help(const cli_cmd *cmd, FILE *fp) {
    size_t i;
    fprintf(fp, "usage: factcheck %s %s\n\n%s\n\nOptions:\n", cmd->name,
            cmd->synopsis, cmd->summary);
    for (i = 0; i < cmd->nopts; i++) {
        const cli_opt *o = &cmd->opts[i];
        char left[64];
        char sh[8] = "";
        if (o->short_name) snprintf(sh, sizeof sh, "-%c, ", o->short_name);
        if (o->has_arg)
            snprintf(left, sizeof left, "%s--%s %s%s", sh, o->name, o->arg,
                     o->has_arg == 2 ? "..." : "");
        else
            snprintf(left, sizeof left, "%s--%s", sh, o->name);
        fprintf(fp, "  %-22s %s\n", left, o->help);
    }
    fprintf(fp, "  %-22s %s\n", "--config FILE",
            "option defaults from FILE (default: ./factcheck.json)");
    fprintf(fp, "  %-22s %s\n", "-q, --quiet",
            "print only errors on standard error (no warnings, summaries)");
    fprintf(fp, "  %-22s %s\n", "--help", "show this help");
}

void cli_error(const char *fmt, ...) {
    va_list ap;
    fputs("factcheck: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "factcheck %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'factcheck %s --help'.\n", cmd->name);
    return 2;
}

static int edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b), i, j;
    int row[64], prev, tmp;
    if (la >= 63 || lb >= 63) return 99;
    for (j = 0; j <= lb; j++) row[j] = (int)j;
    for (i = 1; i <= la; i++) {
        prev = row[0];
        row[0] = (int)i;
        for (j = 1; j <= lb; j++) {
            int best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            tmp = row[j];
            row[j] = best;
            prev = tmp;
        }
    }
    return row[lb];
}

static int find_opt(const cli_cmd *cmd, const char *name, size_t len) {
    size_t i;
    for (i = 0; i < cmd->nopts; i++)
        if (strlen(cmd->opts[i].name) == len &&
            strncmp(cmd->opts[i].name, name, len) == 0)
            return (int)i;
    return -1;
}

static int unknown_option(const cli_cmd *cmd, const char *arg) {
    size_t i;
    const char *best = NULL;
    int bestd = 3;
    const char *name = arg + 2;
    char word[64];
    size_t len = strcspn(name, "=");
    if (len >= sizeof word) len = sizeof word - 1;
    memcpy(word, name, len);
    word[len] = '\0';
    for (i = 0; i < cmd->nopts; i++) {
        int dist = edit_distance(word, cmd->opts[i].name);
        if (dist < bestd) {
            bestd = dist;
            best = cmd->opts[i].name;
        }
    }
    if (best)
        return cli_usage_error(cmd, "unknown option '%s'; did you mean '--%s'?",
                               arg, best);
    return cli_usage_error(cmd, "unknown option '%s'", arg);
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_args *a) {
    int i, only_pos = 0;
    const char *config = NULL;
    memset(a, 0, sizeof *a);
    a->opts = cmd->opts;
    a->nopts = cmd->nopts;
    for (i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (a->npos == CLI_MAX_VALUES)
                return cli_usage_error(cmd, "too many arguments");
            a->pos[a->npos++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cmd_help(cmd, stdout);
            return -1;
        }
        if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            cli_quiet = 1;
            continue;
        }
        if (strncmp(arg, "--config", 8) == 0 &&
            (arg[8] == '\0' || arg[8] == '=')) {
            if (arg[8] == '=') config = arg + 9;
            else if (i + 1 < argc) config = argv[++i];
            else return cli_usage_error(cmd, "option '--config' needs a FILE");
            continue;
        }
        {
            const char *name = arg + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            int k = -1;
            const cli_opt *o;
            if (arg[1] != '-') {
                size_t j;
                for (j = 0; j < cmd->nopts && arg[2] == '\0'; j++)
                    if (cmd->opts[j].short_name == arg[1]) k = (int)j;
                if (k < 0)
                    return cli_usage_error(cmd, "unknown option '%s'", arg);
                eq = NULL;
            } else {
                k = find_opt(cmd, name, len);
            }
            if (k < 0) return unknown_option(cmd, arg);
            o = &cmd->opts[k];
            if (!o->has_arg) {
                if (eq)
                    return cli_usage_error(cmd, "option '--%s' takes no value",
                                           o->name);
                a->count[k]++;
                continue;
            }
            if (eq) {
                if (a->count[k] == CLI_MAX_VALUES)
                    return cli_usage_error(cmd, "too many values for '--%s'",
                                           o->name);
                a->values[k][a->count[k]++] = eq + 1;
                continue;
            }
            if (i + 1 >= argc || (argv[i + 1][0] == '-' && argv[i + 1][1]))
                return cli_usage_error(cmd, "option '--%s' needs a %s",
                                       o->name, o->arg);
            do {
                if (a->count[k] == CLI_MAX_VALUES)
                    return cli_usage_error(cmd, "too many values for '--%s'",
                                           o->name);
                a->values[k][a->count[k]++] = argv[++i];
            } while (o->has_arg == 2 && i + 1 < argc &&
                     (argv[i + 1][0] != '-' || strcmp(argv[i + 1], "-") == 0));
        }
    }
    return cli_apply_config(a, config);
}

static int opt_index(const cli_args *a, const char *name) {
    size_t i;
    for (i = 0; i < a->nopts; i++)
        if (strcmp(a->opts[i].name, name) == 0) return (int)i;
    return -1;
}

const char *cli_get(const cli_args *a, const char *name) {
    int k = opt_index(a, name);
    return k >= 0 && a->count[k] ? a->values[k][a->count[k] - 1] : NULL;
}

int cli_has(const cli_args *a, const char *name) {
    int k = opt_index(a, name);
    return k >= 0 && a->count[k] > 0;
}

const char *const *cli_all(const cli_args *a, const char *name, int *n) {
    int k = opt_index(a, name);
    *n = k >= 0 ? a->count[k] : 0;
    return k >= 0 ? a->values[k] : NULL;
}

/* ---- diagnostics ------------------------------------------------------- */

/* The file last read for context, kept so that a hundred diagnostics in
** one file read it once. */
static struct {
    char *name;
    char *data;
    size_t len;
} ctx_file;

static const char *ctx_line(const char *file, int line, size_t *len) {
    const char *p, *end;
    int n = 1;
    if (!ctx_file.name || strcmp(ctx_file.name, file) != 0) {
        FILE *fp;
        long size;
        free(ctx_file.name);
        free(ctx_file.data);
        memset(&ctx_file, 0, sizeof ctx_file);
        if (strcmp(file, "-") == 0 || !(fp = fopen(file, "rb"))) return NULL;
        if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
            size > (1L << 30) || fseek(fp, 0, SEEK_SET) != 0) {
            fclose(fp);
            return NULL;
        }
        ctx_file.data = malloc((size_t)size + 1);
        ctx_file.name = malloc(strlen(file) + 1);
        if (!ctx_file.data || !ctx_file.name ||
            fread(ctx_file.data, 1, (size_t)size, fp) != (size_t)size) {
            fclose(fp);
            free(ctx_file.data);
            free(ctx_file.name);
            memset(&ctx_file, 0, sizeof ctx_file);
            return NULL;
        }
        fclose(fp);
        memcpy(ctx_file.name, file, strlen(file) + 1);
        ctx_file.data[size] = '\0';
        ctx_file.len = (size_t)size;
    }
    p = ctx_file.data;
    end = p + ctx_file.len;
    while (n < line && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
        n++;
    }
    if (n != line || p > end) return NULL;
    {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        *len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (*len && p[*len - 1] == '\r') (*len)--;
    }
    return p;
}

/* Byte offset of code-point column col (1-based) in s[0..len). */
static size_t col_offset(const char *s, size_t len, int col) {
    size_t i = 0;
    int c = 1;
    while (i < len && c < col) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        c++;
    }
    return i;
}

/* Print the source line around the column, at most ~76 columns of it,
** trimmed at character boundaries, with a caret under the column. */
static void print_context(const fc_diag *g) {
    size_t len, at, from, to, i;
    const char *line = ctx_line(g->file, g->line, &len);
    int width = 0;
    if (!line) return;
    at = col_offset(line, len, g->column);
    from = at > 36 ? col_offset(line, len, g->column - 36) : 0;
    to = col_offset(line, len, g->column + 40);
    fputs("    ", stderr);
    if (from > 0) fputs("...", stderr);
    for (i = from; i < to; i++) {
        unsigned char c = (unsigned char)line[i];
        size_t bad;
        if (c >= 0x80) {
            /* a whole valid character, or '?' for a bad byte */
            size_t k = 1;
            while (i + k < to && k < 4 &&
                   ((unsigned char)line[i + k] & 0xC0) == 0x80)
                k++;
            if (fc_utf8_valid(line + i, k, &bad)) {
                fwrite(line + i, 1, k, stderr);
                i += k - 1;
            } else {
                fputc('?', stderr);
            }
            continue;
        }
        fputc(c == '\t' || c < 0x20 ? ' ' : c, stderr);
    }
    if (to < len) fputs("...", stderr);
    fputc('\n', stderr);
    fputs("    ", stderr);
    if (from > 0) fputs("   ", stderr);
    for (i = from; i < at; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80) width++;
    while (width-- > 0) fputc(' ', stderr);
    fputs("^\n", stderr);
}

int cli_quiet;

int cli_report(fc_diags *d, int status) {
    size_t i, n = fc_diags_count(d);
    char buf[1200];
    for (i = 0; i < n; i++) {
        const fc_diag *g = fc_diags_get(d, i);
        if (cli_quiet && g->severity != FC_DIAG_ERROR) continue;
        fc_diag_format(g, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        if (g->severity == FC_DIAG_ERROR && g->file[0] && g->line > 0 &&
            g->column > 0 && i < 50)
            print_context(g);
    }
    if (fc_diags_dropped(d))
        cli_error("%zu more diagnostics not shown", fc_diags_dropped(d));
    free(ctx_file.name);
    free(ctx_file.data);
    memset(&ctx_file, 0, sizeof ctx_file);
    if (status == FC_ENOMEM) cli_error("out of memory");
    return fc_status_exit_code(status);
}

/* ---- shared store opening ------------------------------------------------ */

int cli_open_store(const cli_cmd *cmd, const cli_args *a, fc_store **out) {
    const char *db = cli_get(a, "db"), *manifest = cli_get(a, "manifest");
    const char *docs = cli_get(a, "docs");
    int nfacts = 0, st;
    const char *const *facts = cli_all(a, "facts", &nfacts);
    fc_diags *d = fc_diags_new();
    fc_manifest *m = NULL;
    fc_store *s = NULL;

    *out = NULL;
    if (!d) return cli_report(NULL, FC_ENOMEM);
    if (db && (manifest || nfacts)) {
        fc_diags_free(d);
        return cli_usage_error(cmd, "--db cannot be combined with --manifest "
                                    "or --facts");
    }
    if (docs && !manifest) {
        fc_diags_free(d);
        return cli_usage_error(cmd, "--docs needs --manifest");
    }
    if (!db && !manifest && !nfacts) {
        fc_diags_free(d);
        return cli_usage_error(cmd, "give --db DB, or --manifest M and/or "
                                    "--facts F");
    }
    if (db && access(db, F_OK) != 0) {
        fc_diags_free(d);
        cli_error("%s: no such database", db);
        return 2;
    }
    st = fc_store_open(&s, db, d);
    if (st == FC_OK && manifest) {
        st = fc_manifest_load(&m, manifest, docs, d);
        if (st == FC_OK) st = fc_store_put_manifest(s, m, NULL, d);
    }
    if (st == FC_OK && nfacts)
        st = fc_store_load_files(s, facts, (size_t)nfacts, NULL, d);
    fc_manifest_free(m);
    if (st != FC_OK) {
        fc_store_close(s);
        st = cli_report(d, st);
        fc_diags_free(d);
        return st;
    }
    cli_report(d, FC_OK); /* warnings */
    fc_diags_free(d);
    *out = s;
    return 0;
}

/* ---- rules folder and output files ------------------------------------------- */

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_rules_dir(const cli_args *a) {
    const char *r = cli_get(a, "rules");
    return r ? r : cli_default_rules_dir();
}

const char *cli_default_rules_dir(void) {
    static char found[4096];
    const char *env = getenv("FACTCHECK_RULES");
    char exe[4096];
    ssize_t n;
    if (env && *env) return env;
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        if ((slash = strrchr(exe, '/')) != NULL) {
            *slash = '\0';
            /* beside the build (build/../rules), or installed
               (bin/../share/factcheck/rules) */
            if ((snprintf(found, sizeof found, "%s/../rules/lexicon", exe) <
                     (int)sizeof found &&
                 is_dir(found)) ||
                (snprintf(found, sizeof found,
                          "%s/../share/factcheck/rules/lexicon", exe) <
                     (int)sizeof found &&
                 is_dir(found))) {
                char real[4096];
                found[strlen(found) - strlen("/lexicon")] = '\0';
                if (realpath(found, real) && strlen(real) < sizeof found)
                    memcpy(found, real, strlen(real) + 1);
                return found;
            }
        }
    }
    return FC_DATADIR "/rules";
}

int cli_out_open(cli_out *o, const char *path) {
    int fd;
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    o->path = malloc(strlen(path) + 1);
    o->tmp = malloc(strlen(path) + 16);
    if (!o->path || !o->tmp) {
        free(o->path);
        free(o->tmp);
        cli_error("out of memory");
        return 3;
    }
    memcpy(o->path, path, strlen(path) + 1);
    snprintf(o->tmp, strlen(path) + 16, "%s.tmp.XXXXXX", path);
    if ((fd = mkstemp(o->tmp)) >= 0) {
        /* the permissions an ordinary new file gets, not mkstemp's 0600 */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if (fd < 0 || !(o->fp = fdopen(fd, "w"))) {
        cli_error("cannot write %s: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            remove(o->tmp);
        }
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return 2;
    }
    return 0;
}

int cli_out_close(cli_out *o, int ok) {
    int rc = 0;
    if (!o->fp) return 0;
    if (o->fp == stdout) {
        if (fflush(stdout) != 0) {
            cli_error("cannot write the output: %s", strerror(errno));
            rc = 2;
        }
        o->fp = NULL;
        return rc;
    }
    if (ferror(o->fp) | (fclose(o->fp) != 0)) {
        cli_error("cannot write %s: %s", o->path, strerror(errno));
        ok = 0;
        rc = 2;
    }
    if (ok && rename(o->tmp, o->path) != 0) {
        cli_error("cannot write %s: %s", o->path, strerror(errno));
        rc = 2;
        ok = 0;
    }
    if (!ok) remove(o->tmp);
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return rc;
}

/* ---- lexicon, extraction, colour (shared by check and audit) ---------------- */


int cli_load_rules(const cli_args *a, const fc_lexicon *lx, fc_rules **rs,
                   fc_diags *d) {
    int n = 0, nskip = 0;
    const char *const *dirs = cli_all(a, "rules", &n);
    const char *const *skip = cli_all(a, "no-domain", &nskip);
    const char *def = cli_default_rules_dir();
    if (!n) {
        dirs = &def;
        n = 1;
    }
    int nonly = 0, nskipr = 0, nsev = 0, st;
    const char *const *only = cli_all(a, "rule", &nonly);
    const char *const *skipr = cli_all(a, "skip-rule", &nskipr);
    const char *const *sev = cli_all(a, "severity", &nsev);
    st = fc_rules_load_except(rs, dirs, (size_t)n, skip, (size_t)nskip, lx, d);
    if (st == FC_OK && (nonly || nskipr || nsev) &&
        (st = fc_rules_narrow(*rs, only, (size_t)nonly, skipr, (size_t)nskipr,
                              sev, (size_t)nsev, d)) != FC_OK) {
        fc_rules_free(*rs);
        *rs = NULL;
    }
    return st;
}

/* The lexicon: from the first rules folder that has one, else the
** default rules folder's. */
int cli_load_lexicon(const cli_args *a, fc_lexicon **lx, fc_diags *d) {
    int n, i;
    const char *const *dirs = cli_all(a, "rules", &n);
    char path[4096];
    for (i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/lexicon", dirs[i]);
        if (is_dir(path)) return fc_lexicon_load(lx, dirs[i], d);
    }
    return fc_lexicon_load(lx, cli_default_rules_dir(), d);
}

typedef struct jsonl {
    char *buf;
    size_t len, cap;
    int oom;
} jsonl;

static int add_line(void *ctx, const fc_fact *f, const fc_loc *loc) {
    jsonl *j = ctx;
    char *line = fc_fact_to_json(f);
    size_t n;
    (void)loc;
    if (!line) return FC_ENOMEM;
    n = strlen(line);
    if (j->len + n + 2 > j->cap) {
        size_t ncap = j->cap ? j->cap * 2 : 65536;
        char *p;
        while (ncap < j->len + n + 2) ncap *= 2;
        if (!(p = realloc(j->buf, ncap))) {
            free(line);
            return FC_ENOMEM;
        }
        j->buf = p;
        j->cap = ncap;
    }
    memcpy(j->buf + j->len, line, n);
    j->len += n;
    j->buf[j->len++] = '\n';
    j->buf[j->len] = '\0';
    free(line);
    return FC_OK;
}

/* Extract every document into the store, with the documents. */
int cli_extract_into(fc_store *s, const fc_lexicon *lx,
                     const fc_manifest *m, fc_diags *d) {
    jsonl j;
    size_t i;
    int st = FC_OK;
    const char *name = "(extracted facts)";
    const char *bufs[1];
    size_t lens[1];
    memset(&j, 0, sizeof j);
    for (i = 0; st == FC_OK && i < m->ndocs; i++)
        st = fc_extract(lx, m->docs[i], add_line, &j, d);
    if (st == FC_OK) {
        bufs[0] = j.buf ? j.buf : "";
        lens[0] = j.len;
        st = fc_store_load_buffers(s, m, &name, bufs, lens, 1, NULL, d);
    }
    free(j.buf);
    return st;
}

int cli_use_color(const char *when, const char *out) {
    const char *no = getenv("NO_COLOR");
    if (when && !strcmp(when, "always")) return 1;
    if (when && !strcmp(when, "never")) return 0;
    if (no && *no) return 0;
    if (out && strcmp(out, "-") != 0) return 0;
    return isatty(STDOUT_FILENO);
}

/* ---- main ---------------------------------------------------------------- */

int main(int argc, char **argv) {
    size_t i;
    const cli_cmd *cmd = NULL;
    cli_args *args;
    int rc;

    if (argc < 2) {
        main_help(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc > 2 && strcmp(argv[1], "help") == 0) {
            for (i = 0; i < NCOMMANDS; i++)
                if (strcmp(commands[i]->name, argv[2]) == 0) {
                    cmd_help(commands[i], stdout);
                    return 0;
                }
        }
        main_help(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("factcheck %s\n", FC_VERSION);
        return 0;
    }
    for (i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i]->name, argv[1]) == 0) cmd = commands[i];
    if (!cmd) {
        cli_error("unknown command '%s'", argv[1]);
        fprintf(stderr, "Try 'factcheck --help'.\n");
        return 2;
    }
    args = malloc(sizeof *args);
    if (!args) {
        cli_error("out of memory");
        return 3;
    }
    rc = cli_parse(cmd, argc - 2, argv + 2, args);
    if (rc == 0)
        rc = cmd->run(args);
    else if (rc < 0)
        rc = 0; /* --help */
    free(args);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
        if (rc == 0) rc = 2;
    }
    return rc;
}
