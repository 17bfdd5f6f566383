/*
** cli.h -- the command-line tool's own declarations.  The tool is a client
** of the library: it includes factcheck.h and nothing else of engine/.
*/
#ifndef FC_CLI_H
#define FC_CLI_H

#include "factcheck.h"

/* One option of a command.  The tables are the single source of truth for
** parsing and for --help. */
typedef struct cli_opt {
    const char *name;      /* long name without "--" */
    int has_arg;           /* 0 flag, 1 one value, 2 one or more values */
    const char *arg;       /* value placeholder for --help, e.g. "FILE" */
    const char *help;
    char short_name;       /* e.g. 'o' for -o, or 0 */
} cli_opt;

#define CLI_MAX_VALUES 256

/* Parsed options: for option i of the table, count[i] values (flags: the
** number of times given) in values[i][..]. */
typedef struct cli_args {
    const cli_opt *opts;
    size_t nopts;
    int count[32];
    const char *values[32][CLI_MAX_VALUES];
    const char *pos[CLI_MAX_VALUES];   /* positional arguments */
    int npos;
} cli_args;

typedef struct cli_cmd {
    const char *name;
    const char *synopsis;  /* after "factcheck NAME " */
    const char *summary;   /* one line */
    const cli_opt *opts;
    size_t nopts;
    int (*run)(cli_args *a);
} cli_cmd;

/* Parse argv (after the command name).  Returns 0, or prints a usage
** error and returns 2.  --help is handled by the caller via cli_has. */
int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_args *a);
/* The last value of option `name`, or NULL. */
const char *cli_get(const cli_args *a, const char *name);
int cli_has(const cli_args *a, const char *name);
/* All values of option `name`; *n receives their number. */
const char *const *cli_all(const cli_args *a, const char *name, int *n);

/* Print a usage error for cmd ("factcheck CMD: MESSAGE" and a hint) and
** return 2. */
int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Print every diagnostic to stderr, each error followed by the source line
** and a caret when the file can be read; then return the exit code for
** status. */
int cli_report(fc_diags *d, int status);
/* Print "factcheck: MESSAGE" to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Open a store from --db, or an in-memory one filled from --manifest (with
** --docs) and --facts, the options every reading command shares.  Returns
** an exit code (0 ok). */
int cli_open_store(const cli_cmd *cmd, const cli_args *a, fc_store **out);

/* The rules folder: --rules when given, else $FACTCHECK_RULES, else the
** rules/ folder beside the build (../rules from the binary), else the
** installed copy. */
const char *cli_rules_dir(const cli_args *a);
const char *cli_default_rules_dir(void);

/* An output file written whole or not at all: data goes to a temporary
** file beside the target, renamed over it on success.  path NULL or "-"
** is standard output. */
typedef struct cli_out {
    FILE *fp;
    char *path;
    char *tmp;
} cli_out;
int cli_out_open(cli_out *o, const char *path);
/* Finish: rename on success (ok != 0), else remove.  Returns 0, or 2 after
** printing an error when the file could not be written. */
int cli_out_close(cli_out *o, int ok);

/* The options that choose the rules (cli_load_rules reads them), for the
** option tables of the commands that run rules. */
#define CLI_RULE_OPTS                                                        \
    {"rules", 1, "DIR", "a rules folder (repeatable; default: the "          \
                        "project's rules/)", 0},                             \
    {"no-domain", 1, "NAME", "leave out the rules of the domain NAME "       \
                             "(domains/NAME/ of a rules folder; repeatable)", \
     0},                                                                     \
    {"rule", 1, "ID", "run only this rule (repeatable)", 0},                 \
    {"skip-rule", 1, "ID", "do not run this rule (repeatable)", 0},          \
    {"severity", 1, "ID=LEVEL", "give rule ID this severity (error, "        \
                                "warning or info; repeatable)", 0},

/* Fill the options the command line did not give from the project's
** config file: path (--config), else factcheck.json in the working
** directory when there is one.  Returns 0, or the exit status after
** reporting its problems. */
int cli_apply_config(cli_args *a, const char *path);

/* The folder a manifest's document paths are relative to (--docs, else
** the manifest's own folder), in buf; NULL without a manifest. */
const char *cli_doc_root(const cli_args *a, char *buf, size_t size);

/* Progress of a long run on standard error ("extracting documents
** 120/900"), when it is a terminal, the run is not --quiet and there are
** at least PROGRESS_MIN items; done == total clears the line. */
#define PROGRESS_MIN 20
void cli_progress(const char *what, size_t done, size_t total);
/* Show a store's progress (long loads, checks of many facts) on standard
** error when it is a terminal and the run is not --quiet. */
void cli_watch_store(fc_store *s);
/* A check shows its rules one by one from this many facts on. */
#define PROGRESS_CHECK_FACTS 100000

/* -q, --quiet (every command): only errors go to standard error. */
extern int cli_quiet;

/* The lexicon: from the first --rules folder that has one, else the
** default rules folder's. */
int cli_load_lexicon(const cli_args *a, fc_lexicon **lx, fc_diags *d);
/* The rules of the --rules folders (the default folder when none is
** given) with their domains, less those named by --no-domain. */
int cli_load_rules(const cli_args *a, const fc_lexicon *lx, fc_rules **rs,
                   fc_diags *d);
/* Extract every document of m and load facts and documents into s. */
int cli_extract_into(fc_store *s, const fc_lexicon *lx, const fc_manifest *m,
                     fc_diags *d);
/* Colour for --color WHEN (auto: a terminal and no NO_COLOR). */
int cli_use_color(const char *when, const char *out);

/* Commands. */
int cli_load(cli_args *a);
int cli_facts(cli_args *a);
int cli_docs(cli_args *a);
int cli_extract(cli_args *a);
int cli_check(cli_args *a);
int cli_rules(cli_args *a);
int cli_audit(cli_args *a);

extern const cli_cmd cli_cmd_load, cli_cmd_facts, cli_cmd_docs,
    cli_cmd_extract, cli_cmd_check, cli_cmd_rules, cli_cmd_audit;

#endif /* FC_CLI_H */
