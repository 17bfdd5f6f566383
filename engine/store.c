/*
** store.c -- the SQLite store: documents, facts, runs and findings.
**
** One database file (or an in-memory database) per store.  The schema is
** versioned with PRAGMA user_version and upgraded in place by an ordered
** list of migrations, applied in one transaction.  Every statement is
** prepared once per store and reused; values are always bound, never
** written into SQL text.  Loads are all or nothing: one IMMEDIATE
** transaction, rolled back when any record of any file is invalid.
**
** A large load runs on two threads: the caller's parses and checks, a
** writer inserts batches of checked facts (see "loading facts").  File
** stores use WAL with synchronous=NORMAL (a committed load survives a
** crash of the program; a power cut may lose the last commit, never
** consistency) and a busy timeout, so that two processes can share a file.
*/
#include "internal.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BUSY_TIMEOUT_MS 5000

/* ---- schema ------------------------------------------------------------ */

/* migrations[v] takes a database from version v to v + 1 and ends by
** setting user_version.  Version 0 is an empty file (or one a crashed or
** older program left with some tables missing): IF NOT EXISTS creates what
** is missing. */
static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE IF NOT EXISTS documents(\n"
    "  id TEXT PRIMARY KEY NOT NULL,\n"
    "  path TEXT, title TEXT, publisher TEXT, event TEXT, authority TEXT,\n"
    "  published TEXT,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  bytes INTEGER NOT NULL,\n"
    "  content BLOB NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS facts(\n"
    "  id TEXT PRIMARY KEY NOT NULL,\n"
    "  doc TEXT NOT NULL,\n"
    "  span_start INTEGER, span_end INTEGER, line INTEGER, col INTEGER,\n"
    "  text TEXT, subject TEXT, metric TEXT, basis TEXT,\n"
    "  value REAL NOT NULL, unit TEXT, qualifier TEXT,\n"
    "  lo REAL NOT NULL, hi REAL NOT NULL,\n"
    "  period TEXT, period_first TEXT, period_last TEXT,\n"
    "  status TEXT, speaker TEXT, part_of TEXT, context TEXT);\n"
    "CREATE INDEX IF NOT EXISTS facts_key\n"
    "  ON facts(metric, subject, basis, period);\n"
    "CREATE INDEX IF NOT EXISTS facts_doc ON facts(doc, span_start);\n"
    "CREATE INDEX IF NOT EXISTS facts_period ON facts(period_first);\n"
    "CREATE TABLE IF NOT EXISTS runs(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  started TEXT, finished TEXT, command TEXT,\n"
    "  facts INTEGER, findings INTEGER);\n"
    "CREATE TABLE IF NOT EXISTS findings(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  id TEXT NOT NULL,\n"
    "  rule TEXT, kind TEXT, type TEXT, severity TEXT, message TEXT,\n"
    "  PRIMARY KEY(run, id));\n"
    "CREATE TABLE IF NOT EXISTS finding_facts(\n"
    "  run INTEGER NOT NULL,\n"
    "  finding TEXT NOT NULL,\n"
    "  ord INTEGER NOT NULL,\n"
    "  fact TEXT NOT NULL,\n"
    "  role TEXT,\n"
    "  PRIMARY KEY(run, finding, ord),\n"
    "  FOREIGN KEY(run, finding) REFERENCES findings(run, id)\n"
    "    ON DELETE CASCADE);\n"
    "CREATE INDEX IF NOT EXISTS finding_facts_fact ON finding_facts(fact);\n"
    "PRAGMA user_version = 1;\n",
    /* 1 -> 2: what a figure is (role, measured phrase, where its metric
    ** came from), its population and the source of its period; the
    ** address a document was published at. */
    "ALTER TABLE facts ADD COLUMN role TEXT;\n"
    "ALTER TABLE facts ADD COLUMN measured TEXT;\n"
    "ALTER TABLE facts ADD COLUMN measured_start INTEGER;\n"
    "ALTER TABLE facts ADD COLUMN measured_end INTEGER;\n"
    "ALTER TABLE facts ADD COLUMN metric_source TEXT;\n"
    "ALTER TABLE facts ADD COLUMN confidence REAL;\n"
    "ALTER TABLE facts ADD COLUMN population TEXT;\n"
    "ALTER TABLE facts ADD COLUMN period_source TEXT;\n"
    "ALTER TABLE facts ADD COLUMN base_period TEXT;\n"
    "ALTER TABLE documents ADD COLUMN source TEXT;\n"
    "PRAGMA user_version = 2;\n",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == FC_STORE_SCHEMA,
               "one migration per schema version");

/* ---- statements ---------------------------------------------------------- */

enum {
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_FACT_UPSERT,
    ST_FACT_COUNT,
    ST_DOC_UPSERT,
    ST_DOC_GET,
    ST_DOC_EACH,
    ST_COUNT
};

#define FACT_COLUMNS                                                        \
    "id, doc, span_start, span_end, line, col, text, subject, metric, "     \
    "basis, value, unit, qualifier, lo, hi, period, status, speaker, "      \
    "part_of, context, role, measured, measured_start, measured_end, "     \
    "metric_source, confidence, population, period_source, base_period"

#define DOC_COLUMNS                                                         \
    "id, path, title, publisher, event, authority, published, sha256, "     \
    "content, source"

static const char *const statements[ST_COUNT] = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    /* ST_FACT_UPSERT: the update only happens when something differs, so
    ** that sqlite3_changes() tells changed facts from unchanged ones. */
    "INSERT INTO facts(id, doc, span_start, span_end, line, col, text,\n"
    "  subject, metric, basis, value, unit, qualifier, lo, hi, period,\n"
    "  period_first, period_last, status, speaker, part_of, context,\n"
    "  role, measured, measured_start, measured_end, metric_source,\n"
    "  confidence, population, period_source, base_period)\n"
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,\n"
    "  ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27,\n"
    "  ?28, ?29, ?30, ?31)\n"
    "ON CONFLICT(id) DO UPDATE SET\n"
    "  doc = excluded.doc, span_start = excluded.span_start,\n"
    "  span_end = excluded.span_end, line = excluded.line,\n"
    "  col = excluded.col, text = excluded.text,\n"
    "  subject = excluded.subject, metric = excluded.metric,\n"
    "  basis = excluded.basis, value = excluded.value,\n"
    "  unit = excluded.unit, qualifier = excluded.qualifier,\n"
    "  lo = excluded.lo, hi = excluded.hi, period = excluded.period,\n"
    "  period_first = excluded.period_first,\n"
    "  period_last = excluded.period_last, status = excluded.status,\n"
    "  speaker = excluded.speaker, part_of = excluded.part_of,\n"
    "  context = excluded.context, role = excluded.role,\n"
    "  measured = excluded.measured,\n"
    "  measured_start = excluded.measured_start,\n"
    "  measured_end = excluded.measured_end,\n"
    "  metric_source = excluded.metric_source,\n"
    "  confidence = excluded.confidence,\n"
    "  population = excluded.population,\n"
    "  period_source = excluded.period_source,\n"
    "  base_period = excluded.base_period\n"
    "WHERE doc IS NOT excluded.doc OR span_start IS NOT excluded.span_start\n"
    "  OR span_end IS NOT excluded.span_end OR line IS NOT excluded.line\n"
    "  OR col IS NOT excluded.col OR text IS NOT excluded.text\n"
    "  OR subject IS NOT excluded.subject OR metric IS NOT excluded.metric\n"
    "  OR basis IS NOT excluded.basis OR value IS NOT excluded.value\n"
    "  OR unit IS NOT excluded.unit OR qualifier IS NOT excluded.qualifier\n"
    "  OR lo IS NOT excluded.lo OR hi IS NOT excluded.hi\n"
    "  OR period IS NOT excluded.period\n"
    "  OR period_first IS NOT excluded.period_first\n"
    "  OR period_last IS NOT excluded.period_last\n"
    "  OR status IS NOT excluded.status OR speaker IS NOT excluded.speaker\n"
    "  OR part_of IS NOT excluded.part_of\n"
    "  OR context IS NOT excluded.context OR role IS NOT excluded.role\n"
    "  OR measured IS NOT excluded.measured\n"
    "  OR measured_start IS NOT excluded.measured_start\n"
    "  OR measured_end IS NOT excluded.measured_end\n"
    "  OR metric_source IS NOT excluded.metric_source\n"
    "  OR confidence IS NOT excluded.confidence\n"
    "  OR population IS NOT excluded.population\n"
    "  OR period_source IS NOT excluded.period_source\n"
    "  OR base_period IS NOT excluded.base_period",
    "SELECT count(*) FROM facts",
    "INSERT INTO documents(id, path, title, publisher, event, authority,\n"
    "  published, sha256, bytes, content, source)\n"
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)\n"
    "ON CONFLICT(id) DO UPDATE SET\n"
    "  path = excluded.path, title = excluded.title,\n"
    "  publisher = excluded.publisher, event = excluded.event,\n"
    "  authority = excluded.authority, published = excluded.published,\n"
    "  sha256 = excluded.sha256, bytes = excluded.bytes,\n"
    "  content = excluded.content, source = excluded.source\n"
    "WHERE path IS NOT excluded.path OR title IS NOT excluded.title\n"
    "  OR source IS NOT excluded.source\n"
    "  OR publisher IS NOT excluded.publisher\n"
    "  OR event IS NOT excluded.event\n"
    "  OR authority IS NOT excluded.authority\n"
    "  OR published IS NOT excluded.published\n"
    "  OR sha256 IS NOT excluded.sha256 OR bytes IS NOT excluded.bytes",
    "SELECT " DOC_COLUMNS " FROM documents WHERE id = ?1",
    "SELECT " DOC_COLUMNS " FROM documents ORDER BY id",
};

/* fc_store_each_fact prepares one statement per combination of filters
** (bits below) the first time it is used, and keeps it. */
enum {
    FL_METRIC_EQ = 1,    /* metric = ?1 */
    FL_METRIC_RANGE = 2, /* ?2 <= metric < ?3: the glob's literal prefix */
    FL_METRIC_GLOB = 4,  /* fc_glob(?4, metric) */
    FL_DOC = 8,          /* doc = ?5 */
    FL_PERIOD = 16,      /* period = ?6 */
    FL_YEAR = 32,        /* ... or a period inside the year [?7, ?8] */
    FL_COUNT = 64
};

struct fc_store {
    sqlite3 *db;
    char *name;                      /* the path, for diagnostics */
    sqlite3_stmt *st[ST_COUNT];
    sqlite3_stmt *each[FL_COUNT];
    unsigned char each_busy[FL_COUNT];
    int doc_each_busy;
    int readonly;                    /* write-protected: opened read-only */
    fc_progress_fn progress;         /* told how a long run goes, or NULL */
    void *progress_ctx;
    char errmsg[512];
};

void fc_store_set_progress(fc_store *s, fc_progress_fn fn, void *ctx) {
    s->progress = fn;
    s->progress_ctx = ctx;
}

void fc_store_progress(fc_store *s, const char *stage, size_t done,
                       size_t total) {
    if (s && s->progress) s->progress(s->progress_ctx, stage, done, total);
}

/* Facts read between two reports of a load's progress. */
#define PROGRESS_FACTS 65536

/* ---- errors -------------------------------------------------------------- */

static void set_errmsg(fc_store *s, const char *msg) {
    fc_copy_utf8(s->errmsg, sizeof s->errmsg, msg);
}

/* Record an SQLite error (code and message) for the store and as a
** diagnostic.  Returns the status to hand back: FC_ENOMEM or
** FC_EINTERNAL. */
static int report_error(fc_store *s, fc_diags *d, int code, const char *msg,
                        const char *what) {
    code &= 0xff;
    set_errmsg(s, msg);
    if (code == SQLITE_NOMEM) return FC_ENOMEM;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                     "the database is locked by another connection; gave "
                     "up %s after waiting %d seconds (%s)",
                     what, BUSY_TIMEOUT_MS / 1000, s->errmsg);
    else
        fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                     "database error while %s: %s", what, s->errmsg);
    return FC_EINTERNAL;
}

/* The same for the connection's last error. */
static int db_error(fc_store *s, fc_diags *d, const char *what) {
    return report_error(s, d, sqlite3_errcode(s->db), sqlite3_errmsg(s->db),
                        what);
}

/* Run one prepared statement that returns no rows. */
static int run_stmt(fc_store *s, int which, fc_diags *d, const char *what) {
    sqlite3_stmt *st = s->st[which];
    int rc = sqlite3_step(st);
    int status = FC_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) status = db_error(s, d, what);
    sqlite3_reset(st);
    return status;
}

static int txn_begin(fc_store *s, fc_diags *d) {
    return run_stmt(s, ST_BEGIN, d, "starting a transaction");
}

static int txn_commit(fc_store *s, fc_diags *d) {
    int status = run_stmt(s, ST_COMMIT, d, "committing");
    if (status != FC_OK && !sqlite3_get_autocommit(s->db))
        run_stmt(s, ST_ROLLBACK, NULL, "rolling back");
    return status;
}

static void txn_rollback(fc_store *s) {
    if (!sqlite3_get_autocommit(s->db))
        run_stmt(s, ST_ROLLBACK, NULL, "rolling back");
}

/* ---- SQL functions --------------------------------------------------------- */

/* fc_glob(pattern, text): fc_glob_match, whose '?' is one byte and which
** has no character classes (SQL's GLOB differs on both).  A NULL text is
** matched as the empty string. */
static void sql_glob(sqlite3_context *cx, int argc, sqlite3_value **argv) {
    const unsigned char *p = sqlite3_value_text(argv[0]);
    const unsigned char *t = sqlite3_value_text(argv[1]);
    (void)argc;
    sqlite3_result_int(cx, p ? fc_glob_match((const char *)p,
                                             t ? (const char *)t : "")
                             : 0);
}

/* ---- open and close -------------------------------------------------------- */

static int read_user_version(sqlite3 *db, int *version) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *version = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* An error SQLite gives when the file is not a database it can read. */
static int not_a_database(int rc) {
    rc &= 0xff;
    return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
}

static int refuse_newer(fc_store *s, fc_diags *d, int version) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "schema version %d is newer than this factcheck supports (%d)",
             version, FC_STORE_SCHEMA);
    set_errmsg(s, msg);
    fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL, "%s", msg);
    return FC_EINPUT;
}

/* Bring the schema from its version up to FC_STORE_SCHEMA in one
** transaction.  The version is read again under the write lock, since
** another process may have upgraded the file meanwhile. */
static int migrate(fc_store *s, fc_diags *d) {
    int version = 0, rc;
    char *err = NULL;

    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(s, d, "upgrading the schema");
    rc = read_user_version(s->db, &version);
    if (rc != SQLITE_OK) {
        int status = db_error(s, d, "upgrading the schema");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return status;
    }
    if (version > FC_STORE_SCHEMA) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return refuse_newer(s, d, version);
    }
    for (; version < FC_STORE_SCHEMA; version++) {
        if (sqlite3_exec(s->db, migrations[version], NULL, NULL, &err) !=
            SQLITE_OK) {
            int code = sqlite3_errcode(s->db), status = FC_EINPUT;
            char what[80];
            snprintf(what, sizeof what,
                     "upgrading the schema from version %d to %d", version,
                     version + 1);
            if ((code & 0xff) == SQLITE_ERROR) {
                /* SQL that fails on this file: tables of another program */
                set_errmsg(s, err ? err : sqlite3_errmsg(s->db));
                fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                             "cannot upgrade the database from schema "
                             "version %d to %d: %s",
                             version, version + 1, s->errmsg);
            } else {
                status = report_error(s, d, code,
                                      err ? err : sqlite3_errmsg(s->db), what);
            }
            sqlite3_free(err);
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return status;
        }
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int status = db_error(s, d, "upgrading the schema");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return status;
    }
    return FC_OK;
}

/* Journal mode and other settings of a file store. */
/* Whether path-wal exists and is not empty: changes an immutable open
** would not see. */
static int wal_pending(const char *path) {
    struct stat st;
    char *wal = malloc(strlen(path) + 5);
    int pending;
    if (!wal) return 1;
    strcpy(wal, path);
    strcat(wal, "-wal");
    pending = stat(wal, &st) == 0 && st.st_size > 0;
    free(wal);
    return pending;
}

/* Open path read-only as an immutable file (URI with the path's reserved
** characters escaped). */
static int open_immutable(fc_store *s, const char *path) {
    fc_buf b;
    const char *p;
    int rc;
    fc_buf_init(&b);
    /* an absolute path gets an empty authority: "file:///tmp/x", and
       "//tmp/x" is not read as the host "tmp" */
    fc_buf_puts(&b, path[0] == '/' ? "file://" : "file:");
    for (p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            fc_buf_printf(&b, "%%%02X", (unsigned char)*p);
        else
            fc_buf_putc(&b, *p);
    }
    fc_buf_puts(&b, "?mode=ro&immutable=1");
    if (b.oom) {
        fc_buf_free(&b);
        return SQLITE_NOMEM;
    }
    rc = sqlite3_open_v2(b.data, &s->db,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                             SQLITE_OPEN_FULLMUTEX,
                         NULL);
    fc_buf_free(&b);
    if (s->db) {
        sqlite3_extended_result_codes(s->db, 1);
        sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    }
    return rc;
}

/* Whether the store may be written; if not, a diagnostic says why. */
static int writable(fc_store *s, fc_diags *d, const char *what) {
    if (!s->readonly) return FC_OK;
    set_errmsg(s, "the database is write-protected");
    fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                 "cannot %s: the database is write-protected (opened "
                 "read-only)", what);
    return FC_EIO;
}

int fc_store_readonly(const fc_store *s) { return s->readonly; }

static int configure_file(fc_store *s, fc_diags *d) {
    static const char *const pragmas =
        "PRAGMA journal_mode = WAL;"
        "PRAGMA synchronous = NORMAL;";
    /* a write-protected file is opened read-only: it can be read as it is
    ** (checks, audits, listings), not switched to WAL */
    if (sqlite3_db_readonly(s->db, "main") == 1) return FC_OK;
    if (sqlite3_exec(s->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(s, d, "setting up the journal");
    return FC_OK;
}

int fc_store_open(fc_store **out, const char *path, fc_diags *d) {
    fc_store *s;
    int memory = !path || strcmp(path, ":memory:") == 0;
    int rc, version = 0, status, i;

    *out = NULL;
    if (!(s = calloc(1, sizeof *s))) return FC_ENOMEM;
    if (!(s->name = fc_strdup(memory ? ":memory:" : path))) {
        free(s);
        return FC_ENOMEM;
    }
    rc = sqlite3_open_v2(memory ? ":memory:" : path, &s->db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_FULLMUTEX,
                         NULL);
    if (rc != SQLITE_OK) {
        if (!s->db || (rc & 0xff) == SQLITE_NOMEM) {
            fc_store_close(s);
            return FC_ENOMEM;
        }
        set_errmsg(s, sqlite3_errmsg(s->db));
        fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                     "cannot open the database: %s", s->errmsg);
        fc_store_close(s);
        return FC_EIO;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);

    /* Reading the version is the first access to the file: it tells a
    ** database from anything else, and a newer schema is refused before
    ** anything is written. */
    rc = read_user_version(s->db, &version);
    if (rc != SQLITE_OK && !memory &&
        ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
        /* a write-protected file in a WAL database whose shared-memory
           file cannot be made here: read it as an unchanging file */
        sqlite3_close(s->db);
        s->db = NULL;
        if (wal_pending(path)) {
            fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                         "cannot read: the database is write-protected and "
                         "%s-wal holds changes not yet written to it; open "
                         "it once with write access",
                         path);
            fc_store_close(s);
            return FC_EIO;
        }
        if ((rc = open_immutable(s, path)) == SQLITE_OK)
            rc = read_user_version(s->db, &version);
    }
    if (rc != SQLITE_OK) {
        if (!s->db) {
            fc_store_close(s);
            return FC_ENOMEM;
        }
        if (not_a_database(rc)) {
            set_errmsg(s, sqlite3_errmsg(s->db));
            fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                         "not a factcheck database: %s", s->errmsg);
            status = FC_EINPUT;
        } else {
            status = db_error(s, d, "reading the schema version");
        }
        fc_store_close(s);
        return status;
    }
    if (version > FC_STORE_SCHEMA) {
        status = refuse_newer(s, d, version);
        fc_store_close(s);
        return status;
    }
    if (!memory && sqlite3_db_readonly(s->db, "main") == 1) s->readonly = 1;
    status = memory ? FC_OK : configure_file(s, d);
    if (status == FC_OK && s->readonly && version < FC_STORE_SCHEMA) {
        fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                     "the database is write-protected and its schema "
                     "(version %d) needs an upgrade to version %d: open it "
                     "once with write access",
                     version, FC_STORE_SCHEMA);
        status = FC_EIO;
    }
    if (status == FC_OK &&
        sqlite3_exec(s->db,
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA cache_size = -65536;"
                     "PRAGMA temp_store = MEMORY;",
                     NULL, NULL, NULL) != SQLITE_OK)
        status = db_error(s, d, "configuring the connection");
    if (status == FC_OK && version < FC_STORE_SCHEMA) status = migrate(s, d);
    if (status == FC_OK &&
        sqlite3_create_function(s->db, "fc_glob", 2,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                sql_glob, NULL, NULL) != SQLITE_OK)
        status = db_error(s, d, "registering functions");
    for (i = 0; status == FC_OK && i < ST_COUNT; i++) {
        if (sqlite3_prepare_v3(s->db, statements[i], -1,
                               SQLITE_PREPARE_PERSISTENT, &s->st[i],
                               NULL) != SQLITE_OK) {
            /* The version says factcheck's, the tables disagree. */
            set_errmsg(s, sqlite3_errmsg(s->db));
            fc_diags_add(d, FC_DIAG_ERROR, s->name, 0, 0, -1, NULL,
                         "not a factcheck database of schema version %d: "
                         "%s",
                         FC_STORE_SCHEMA, s->errmsg);
            status = (sqlite3_errcode(s->db) & 0xff) == SQLITE_NOMEM
                         ? FC_ENOMEM
                         : FC_EINPUT;
        }
    }
    if (status != FC_OK) {
        fc_store_close(s);
        return status;
    }
    *out = s;
    return FC_OK;
}

void fc_store_close(fc_store *s) {
    int i;
    if (!s) return;
    for (i = 0; i < ST_COUNT; i++) sqlite3_finalize(s->st[i]);
    for (i = 0; i < FL_COUNT; i++) sqlite3_finalize(s->each[i]);
    sqlite3_close(s->db);
    free(s->name);
    free(s);
}

const char *fc_store_errmsg(const fc_store *s) {
    return s ? s->errmsg : "no store";
}

size_t fc_store_fact_count(fc_store *s) {
    sqlite3_stmt *st = s->st[ST_FACT_COUNT];
    size_t n = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (size_t)sqlite3_column_int64(st, 0);
    else
        set_errmsg(s, sqlite3_errmsg(s->db));
    sqlite3_reset(st);
    return n;
}

/* ---- binding helpers ------------------------------------------------------- */

/* Strings are bound without a copy: each lives until the step is done. */
static int bind_text(sqlite3_stmt *st, int i, const char *v) {
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC)
             : sqlite3_bind_null(st, i);
}

static int bind_int_or_null(sqlite3_stmt *st, int i, long long v, int null) {
    return null ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, v);
}

static char *col_text(sqlite3_stmt *st, int i) {
    /* The store lends the row's own text for the duration of a callback;
    ** the fc_fact it fills is passed on as const. */
    return (char *)sqlite3_column_text(st, i);
}

/* ---- documents ------------------------------------------------------------- */

static int put_docs(fc_store *s, const fc_manifest *m, fc_load_stats *stats,
                    fc_diags *d) {
    sqlite3_stmt *st = s->st[ST_DOC_UPSERT];
    size_t i;
    for (i = 0; i < m->ndocs; i++) {
        const fc_doc *doc = m->docs[i];
        int rc;
        bind_text(st, 1, doc->id);
        bind_text(st, 2, doc->path);
        bind_text(st, 3, doc->title);
        bind_text(st, 4, doc->publisher);
        bind_text(st, 5, doc->event);
        bind_text(st, 6, doc->authority);
        bind_text(st, 7, doc->published);
        bind_text(st, 8, doc->sha256);
        bind_text(st, 11, doc->source);
        sqlite3_bind_int64(st, 9, (sqlite3_int64)doc->len);
        /* a zero-length blob, not NULL, for an empty document */
        if (sqlite3_bind_blob64(st, 10, doc->text ? doc->text : "",
                                (sqlite3_uint64)doc->len,
                                SQLITE_STATIC) != SQLITE_OK)
            return db_error(s, d, "storing a document");
        rc = sqlite3_step(st);
        if (rc != SQLITE_DONE) {
            char what[128];
            snprintf(what, sizeof what, "storing document \"%.80s\"",
                     doc->id);
            rc = db_error(s, d, what);
            sqlite3_reset(st);
            return rc;
        }
        sqlite3_reset(st);
        if (stats) stats->docs += (size_t)sqlite3_changes(s->db);
    }
    return FC_OK;
}

int fc_store_put_manifest(fc_store *s, const fc_manifest *m,
                          fc_load_stats *stats, fc_diags *d) {
    int status;
    if (stats) memset(stats, 0, sizeof *stats);
    if (!m) return FC_OK;
    if ((status = writable(s, d, "store documents")) != FC_OK) return status;
    if ((status = txn_begin(s, d)) != FC_OK) return status;
    status = put_docs(s, m, stats, d);
    if (status == FC_OK) return txn_commit(s, d);
    txn_rollback(s);
    if (stats) stats->docs = 0;
    return status;
}

static int set_str(char **field, const char *v) {
    char *p = NULL;
    if (v && !(p = fc_strdup(v))) return FC_ENOMEM;
    free(*field);
    *field = p;
    return FC_OK;
}

/* Build an fc_doc from a row of DOC_COLUMNS. */
static int doc_from_row(fc_store *s, sqlite3_stmt *st, fc_doc **out) {
    const char *id = (const char *)sqlite3_column_text(st, 0);
    const char *path = (const char *)sqlite3_column_text(st, 1);
    const char *sha = (const char *)sqlite3_column_text(st, 7);
    const void *blob = sqlite3_column_blob(st, 8);
    size_t len = (size_t)sqlite3_column_bytes(st, 8);
    fc_doc *doc = NULL;
    int status, i;

    *out = NULL;
    if (!id) {
        set_errmsg(s, "a stored document has no id");
        return FC_EINTERNAL;
    }
    status = fc_doc_new_from_buffer(&doc, id, path ? path : id,
                                    blob ? blob : "", blob ? len : 0, NULL);
    if (status == FC_ENOMEM) return status;
    if (status != FC_OK) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 "stored document \"%.80s\" cannot be read back", id);
        set_errmsg(s, msg);
        fc_doc_free(doc);
        return FC_EINTERNAL;
    }
    if (!sha || strcmp(sha, doc->sha256) != 0) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 "stored document \"%.80s\" does not match its SHA-256", id);
        set_errmsg(s, msg);
        fc_doc_free(doc);
        return FC_EINTERNAL;
    }
    {
        /* the columns of DOC_COLUMNS other than id, sha256 and content */
        static const int col[7] = {1, 2, 3, 4, 5, 6, 9};
        char **fields[7];
        fields[0] = &doc->path;
        fields[1] = &doc->title;
        fields[2] = &doc->publisher;
        fields[3] = &doc->event;
        fields[4] = &doc->authority;
        fields[5] = &doc->published;
        fields[6] = &doc->source;
        for (i = 0; i < 7; i++) {
            if (set_str(fields[i],
                        (const char *)sqlite3_column_text(st, col[i])) !=
                FC_OK) {
                fc_doc_free(doc);
                return FC_ENOMEM;
            }
        }
    }
    *out = doc;
    return FC_OK;
}

int fc_store_get_doc(fc_store *s, const char *id, fc_doc **out) {
    sqlite3_stmt *st = s->st[ST_DOC_GET];
    int rc, status = FC_OK;
    *out = NULL;
    bind_text(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        status = doc_from_row(s, st, out);
    else if (rc != SQLITE_DONE)
        status = db_error(s, NULL, "reading a document");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return status;
}

int fc_store_missing_docs(fc_store *s,
                          int (*fn)(void *ctx, const char *doc, long facts),
                          void *ctx) {
    static const char sql[] =
        "SELECT doc, count(*) FROM facts WHERE doc NOT IN "
        "(SELECT id FROM documents) GROUP BY doc ORDER BY doc";
    sqlite3_stmt *st;
    int rc, status = FC_OK;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_error(s, NULL, "listing the documents of facts");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
           (status = fn(ctx, (const char *)sqlite3_column_text(st, 0),
                        (long)sqlite3_column_int64(st, 1))) == FC_OK)
        ;
    if (status == FC_OK && rc != SQLITE_DONE)
        status = db_error(s, NULL, "listing the documents of facts");
    sqlite3_finalize(st);
    return status;
}

int fc_store_each_doc(fc_store *s, fc_doc_fn fn, void *ctx) {
    sqlite3_stmt *st = s->st[ST_DOC_EACH];
    int own = 0, rc, status = FC_OK;

    /* A callback that lists the documents again gets its own statement. */
    if (s->doc_each_busy) {
        if (sqlite3_prepare_v2(s->db, statements[ST_DOC_EACH], -1, &st,
                               NULL) != SQLITE_OK)
            return db_error(s, NULL, "listing documents");
        own = 1;
    } else {
        s->doc_each_busy = 1;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fc_doc *doc;
        if ((status = doc_from_row(s, st, &doc)) != FC_OK) break;
        status = fn(ctx, doc);
        fc_doc_free(doc);
        if (status != FC_OK) break;
    }
    if (status == FC_OK && rc != SQLITE_DONE)
        status = db_error(s, NULL, "listing documents");
    if (own) {
        sqlite3_finalize(st);
    } else {
        sqlite3_reset(st);
        s->doc_each_busy = 0;
    }
    return status;
}

/* ---- loading facts ------------------------------------------------------- */

/* Facts are checked by the thread that parses them, then inserted in
** batches.  A load of more than one batch hands its batches to a writer
** thread, so that parsing (jansson) and inserting (SQLite) overlap on two
** cores: the connection is opened serialized and each side holds its mutex
** while it uses it.  Only the calling thread touches the diagnostics; the
** writer keeps its first error for the caller to report. */

#define BATCH_RECORDS 2048
#define MAX_BATCHES 4   /* bounds the memory a load holds for the writer */

/* The string fields of a fact to insert, and their SQL parameters. */
enum {
    S_ID, S_DOC, S_TEXT, S_SUBJECT, S_METRIC, S_BASIS, S_UNIT, S_QUALIFIER,
    S_PERIOD, S_FIRST, S_LAST, S_STATUS, S_SPEAKER, S_PART_OF, S_CONTEXT,
    S_ROLE, S_MEASURED, S_METRIC_SOURCE, S_POPULATION, S_PERIOD_SOURCE,
    S_BASE_PERIOD, S_COUNT
};
static const int str_param[S_COUNT] = {1,  2,  7,  8,  9,  10, 12, 13,
                                       16, 17, 18, 19, 20, 21, 22, 23,
                                       24, 27, 29, 30, 31};

#define NO_STR ((size_t)-1)

/* One fact to insert; its strings are in the batch's arena. */
typedef struct rec {
    size_t str[S_COUNT];   /* offsets into the arena, NO_STR for NULL */
    long long start, end;
    int line, column;
    int has_span;
    double value, lo, hi;
    long long mstart, mend; /* the measured phrase, -1 when unknown */
    double confidence;
    int has_confidence;
} rec;

typedef struct batch {
    rec recs[BATCH_RECORDS];
    size_t n;
    fc_buf arena;
    struct batch *next;
} batch;

typedef struct writer {
    pthread_mutex_t mu;
    pthread_cond_t cv_full;    /* a batch to insert, or done */
    pthread_cond_t cv_free;    /* a batch to fill */
    pthread_t thread;
    int running;
    int done;                  /* no more batches will come */
    batch *full_head, *full_tail, *free_list;
    int status;                /* its first failure, FC_OK until then */
    int code;                  /* SQLite's error code for it */
    char msg[512];             /* and message */
    size_t changes;            /* rows inserted or updated */
} writer;

typedef struct doc_entry {
    const fc_doc *doc;   /* NULL: no such document */
    fc_doc *owned;       /* loaded from the store, freed at the end */
} doc_entry;

typedef struct load_ctx {
    fc_store *s;
    fc_diags *d;
    const fc_manifest *m;
    const char *const *paths;
    size_t file;           /* index of the file being parsed */
    size_t err_base;       /* errors in d before the load */
    fc_strset *ids;        /* id -> file << 32 | line (several files) */
    fc_strset *docids;     /* document id -> index in docs */
    fc_strset *mids;       /* with a manifest: its ids -> 1, others -> 0 */
    doc_entry *docs;
    size_t ndocs, capdocs;
    size_t records;        /* valid records */
    size_t changes;        /* rows inserted or updated by this thread */
    int bad;               /* a check of the store's failed */
    batch *cur;            /* being filled */
    size_t nbatches;       /* allocated */
    int no_thread;         /* insert here: no writer could be started */
    writer w;
} load_ctx;

/* Write s[0..n) into out as the inside of a double-quoted string: quotes,
** backslashes and control characters escaped, invalid UTF-8 as \xNN, cut
** with "..." past `limit` bytes of input. */
static void quote(char *out, size_t size, const char *p, size_t n,
                  size_t limit) {
    fc_buf b;
    size_t i = 0;
    fc_buf_init(&b);
    while (i < n && i < limit) {
        unsigned char c = (unsigned char)p[i];
        if (c == '"' || c == '\\') {
            fc_buf_putc(&b, '\\');
            fc_buf_putc(&b, c);
            i++;
        } else if (c == '\n') {
            fc_buf_puts(&b, "\\n");
            i++;
        } else if (c == '\t') {
            fc_buf_puts(&b, "\\t");
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            fc_buf_printf(&b, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            fc_buf_putc(&b, c);
            i++;
        } else {
            /* one whole UTF-8 sequence, or one invalid byte */
            size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (i + k <= n && fc_utf8_valid(p + i, k, NULL)) {
                fc_buf_append(&b, p + i, k);
                i += k;
            } else {
                fc_buf_printf(&b, "\\x%02x", c);
                i++;
            }
        }
    }
    if (i < n) fc_buf_puts(&b, "...");
    fc_copy_utf8(out, size, b.data ? b.data : "");
    fc_buf_free(&b);
}

/* Remember the document with that id (NULL: there is none).  Returns 1
** if cached, 0 if the id was cached already (*out: its document), or -1
** when out of memory. */
static int cache_doc(load_ctx *c, const char *id, const fc_doc *doc,
                     const fc_doc **out) {
    long long idx = 0;
    int r;
    if (!c->docids && !(c->docids = fc_strset_new())) return -1;
    if (c->ndocs == c->capdocs) {
        size_t ncap = c->capdocs ? c->capdocs * 2 : 16;
        doc_entry *p = realloc(c->docs, ncap * sizeof *p);
        if (!p) return -1;
        c->docs = p;
        c->capdocs = ncap;
    }
    r = fc_strset_add(c->docids, id, (long long)c->ndocs, &idx);
    if (r < 0) return -1;
    if (r == 0) {
        if (out) *out = c->docs[idx].doc;
        return 0;
    }
    c->docs[c->ndocs].doc = doc;
    c->docs[c->ndocs].owned = NULL;
    c->ndocs++;
    if (out) *out = doc;
    return 1;
}

/* The documents of the manifest being loaded come first (the first of
** two with one id).  Looked up in m->docs, so any fc_manifest will do. */
static int cache_manifest(load_ctx *c) {
    size_t i;
    if (c->m && !(c->mids = fc_strset_new())) return FC_ENOMEM;
    for (i = 0; c->m && i < c->m->ndocs; i++) {
        const fc_doc *doc = c->m->docs[i];
        if (doc && doc->id && (cache_doc(c, doc->id, doc, NULL) < 0 ||
                               fc_strset_add(c->mids, doc->id, 1, NULL) < 0))
            return FC_ENOMEM;
    }
    return FC_OK;
}

/* The document a fact names: from the manifest being loaded, else from the
** store; each looked up once per load. */
static int lookup_doc(load_ctx *c, const char *id, const fc_doc **out) {
    doc_entry *e;
    sqlite3_mutex *mu;
    int r, status;

    r = cache_doc(c, id, NULL, out);
    if (r < 0) return FC_ENOMEM;
    if (r == 0) return FC_OK;
    e = &c->docs[c->ndocs - 1];
    /* the writer thread may be using the connection */
    mu = sqlite3_db_mutex(c->s->db);
    sqlite3_mutex_enter(mu);
    status = fc_store_get_doc(c->s, id, &e->owned);
    sqlite3_mutex_leave(mu);
    if (status != FC_OK) {
        fc_diags_add(c->d, FC_DIAG_ERROR, c->s->name, 0, 0, -1, NULL,
                     "cannot read document \"%s\": %s", id, c->s->errmsg);
        return status;
    }
    e->doc = e->owned;
    *out = e->doc;
    return FC_OK;
}

/* A diagnostic at the value of member `key` (dotted for nested members,
** as in "span.end") of the record at loc, with field name `field`. */
static void loc_error(load_ctx *c, const fc_loc *loc, const char *key,
                      const char *field, const char *text) {
    int line = loc->line, col = loc->column;
    long long off = loc->offset;
    if (loc->buf && loc->offset >= 0) {
        const char *k = key;
        fc_loc_member(loc, key, &line, &col);
        /* the same member's byte offset */
        while (*k) {
            char seg[64];
            const char *dot = strchr(k, '.');
            size_t n = dot ? (size_t)(dot - k) : strlen(k);
            long long o;
            if (n >= sizeof seg) break;
            memcpy(seg, k, n);
            seg[n] = '\0';
            o = fc_jsonloc_member(loc->buf, loc->len, (size_t)off, seg);
            if (o < 0) break;
            off = o;
            if (!dot) break;
            k = dot + 1;
        }
    }
    fc_diags_add(c->d, FC_DIAG_ERROR, loc->file, line, col, off, field, "%s",
                 text);
}

static int check_duplicate(load_ctx *c, const fc_fact *f, const fc_loc *loc) {
    long long first = 0;
    int r;
    if (!c->ids) return FC_OK;
    r = fc_strset_add(c->ids, f->id,
                      (long long)c->file << 32 |
                          (long long)(loc->line > 0 ? loc->line : 0),
                      &first);
    if (r < 0) return FC_ENOMEM;
    if (r == 0) {
        char id[160], text[512];
        size_t ffile = (size_t)(first >> 32);
        int fline = (int)(first & 0xffffffffLL);
        quote(id, sizeof id, f->id, strlen(f->id), 100);
        snprintf(text, sizeof text, "duplicate id \"%s\" (first in %s line %d)",
                 id, c->paths[ffile], fline);
        loc_error(c, loc, "id", "id", text);
        c->bad = 1;
    }
    return FC_OK;
}

/* With a manifest, a fact names one of its documents. */
static int check_manifest_doc(load_ctx *c, const fc_fact *f,
                              const fc_loc *loc) {
    char id[120], list[256], text[640];
    size_t i, o = 0;
    long long known = 0;
    int r;
    if (!c->mids || !f->doc) return FC_OK;
    /* an unknown id is kept with 0, so that it is reported each time */
    r = fc_strset_add(c->mids, f->doc, 0, &known);
    if (r < 0) return FC_ENOMEM;
    if (r == 0 && known == 1) return FC_OK;
    quote(id, sizeof id, f->doc, strlen(f->doc), 80);
    list[0] = '\0';
    for (i = 0; i < c->m->ndocs && i < 5; i++) {
        int k = snprintf(list + o, sizeof list - o, "%s\"%.40s\"",
                         i ? ", " : "",
                         c->m->docs[i] && c->m->docs[i]->id ? c->m->docs[i]->id
                                                            : "");
        if (k < 0 || (size_t)k >= sizeof list - o) break;
        o += (size_t)k;
    }
    if (c->m->ndocs > 5 && o + 6 < sizeof list)
        memcpy(list + o, ", ...", 6);
    if (c->m->ndocs)
        snprintf(text, sizeof text,
                 "unknown document \"%s\": the manifest%s%s does not name "
                 "it (expected one of its ids: %s)",
                 id, c->m->file ? " " : "", c->m->file ? c->m->file : "",
                 list);
    else
        snprintf(text, sizeof text,
                 "unknown document \"%s\": the manifest%s%s names no "
                 "documents",
                 id, c->m->file ? " " : "", c->m->file ? c->m->file : "");
    loc_error(c, loc, "doc", "doc", text);
    c->bad = 1;
    return FC_OK;
}

/* Check the span (and text) of a fact against its stored document, and
** fill in its line and column from the document when it has none. */
static int check_span(load_ctx *c, const fc_fact *f, const fc_loc *loc,
                      fc_span *span) {
    const fc_doc *doc;
    int status;
    char text[512];

    if (f->span.start < 0) return FC_OK;
    if ((status = lookup_doc(c, f->doc, &doc)) != FC_OK) return status;
    if (!doc) return FC_OK;
    if (f->span.end < 0 || (unsigned long long)f->span.end > doc->len) {
        char id[120];
        quote(id, sizeof id, f->doc, strlen(f->doc), 80);
        snprintf(text, sizeof text,
                 "end %lld is past the end of document \"%s\" (%zu bytes)",
                 f->span.end, id, doc->len);
        loc_error(c, loc, "span.end", "span", text);
        c->bad = 1;
        return FC_OK;
    }
    if (f->text) {
        size_t start = (size_t)f->span.start, end = (size_t)f->span.end;
        size_t tlen = strlen(f->text);
        if (tlen != end - start || memcmp(f->text, doc->text + start, tlen)) {
            char want[200], got[200];
            quote(want, sizeof want, f->text, tlen, 60);
            quote(got, sizeof got, doc->text + start, end - start, 60);
            snprintf(text, sizeof text,
                     "\"%s\" does not match the document at bytes %zu..%zu, "
                     "which read \"%s\"",
                     want, start, end, got);
            loc_error(c, loc, "text", "text", text);
            c->bad = 1;
            return FC_OK;
        }
    }
    if (span->line <= 0)
        fc_doc_linecol(doc, (size_t)f->span.start, &span->line,
                       &span->column);
    return FC_OK;
}

/* Insert the facts of a batch.  Each fact holds the connection's mutex,
** so that the other thread can look a document up between two facts.  On
** failure SQLite's code and message go to *code and msg. */
static int insert_batch(fc_store *s, const batch *b, size_t *changes,
                        int *code, char *msg, size_t msgsize) {
    sqlite3_stmt *st = s->st[ST_FACT_UPSERT];
    sqlite3_mutex *mu = sqlite3_db_mutex(s->db);
    size_t i;
    int k;
    for (i = 0; i < b->n; i++) {
        const rec *r = &b->recs[i];
        sqlite3_mutex_enter(mu);
        for (k = 0; k < S_COUNT; k++) {
            if (r->str[k] == NO_STR)
                sqlite3_bind_null(st, str_param[k]);
            else
                sqlite3_bind_text(st, str_param[k], b->arena.data + r->str[k],
                                  -1, SQLITE_STATIC);
        }
        bind_int_or_null(st, 3, r->start, !r->has_span);
        bind_int_or_null(st, 4, r->end, !r->has_span);
        bind_int_or_null(st, 5, r->line, !r->has_span || r->line <= 0);
        bind_int_or_null(st, 6, r->column, !r->has_span || r->column <= 0);
        sqlite3_bind_double(st, 11, r->value);
        sqlite3_bind_double(st, 14, r->lo);
        sqlite3_bind_double(st, 15, r->hi);
        bind_int_or_null(st, 25, r->mstart, r->mstart < 0);
        bind_int_or_null(st, 26, r->mend, r->mend < 0);
        if (r->has_confidence)
            sqlite3_bind_double(st, 28, r->confidence);
        else
            sqlite3_bind_null(st, 28);
        if (sqlite3_step(st) != SQLITE_DONE) {
            *code = sqlite3_errcode(s->db);
            fc_copy_utf8(msg, msgsize, sqlite3_errmsg(s->db));
            sqlite3_reset(st);
            sqlite3_mutex_leave(mu);
            return (*code & 0xff) == SQLITE_NOMEM ? FC_ENOMEM : FC_EINTERNAL;
        }
        sqlite3_reset(st);
        *changes += (size_t)sqlite3_changes(s->db);
        sqlite3_mutex_leave(mu);
    }
    return FC_OK;
}

static void batch_reset(batch *b) {
    b->n = 0;
    b->arena.len = 0;
    b->next = NULL;
}

static batch *batch_new(load_ctx *c) {
    batch *b = malloc(sizeof *b);
    if (!b) return NULL;
    fc_buf_init(&b->arena);
    batch_reset(b);
    c->nbatches++;
    return b;
}

static void batch_free(batch *b) {
    if (!b) return;
    fc_buf_free(&b->arena);
    free(b);
}

/* Insert a batch from the calling thread, reporting a failure. */
static int insert_here(load_ctx *c, batch *b) {
    char msg[512];
    int code = 0, status;
    status = insert_batch(c->s, b, &c->changes, &code, msg, sizeof msg);
    if (status != FC_OK) report_error(c->s, c->d, code, msg, "storing facts");
    batch_reset(b);
    return status;
}

static void *writer_main(void *arg) {
    load_ctx *c = arg;
    writer *w = &c->w;
    for (;;) {
        batch *b;
        int failed;
        pthread_mutex_lock(&w->mu);
        while (!w->full_head && !w->done) pthread_cond_wait(&w->cv_full, &w->mu);
        b = w->full_head;
        if (!b) {
            pthread_mutex_unlock(&w->mu);
            break;
        }
        w->full_head = b->next;
        if (!w->full_head) w->full_tail = NULL;
        failed = w->status != FC_OK;
        pthread_mutex_unlock(&w->mu);
        if (!failed) {
            char msg[512];
            size_t changes = 0;
            int code = 0, status;
            status = insert_batch(c->s, b, &changes, &code, msg, sizeof msg);
            pthread_mutex_lock(&w->mu);
            w->changes += changes;
            if (status != FC_OK) {
                w->status = status;
                w->code = code;
                memcpy(w->msg, msg, sizeof w->msg);
            }
            pthread_mutex_unlock(&w->mu);
        }
        batch_reset(b);
        pthread_mutex_lock(&w->mu);
        b->next = w->free_list;
        w->free_list = b;
        pthread_cond_signal(&w->cv_free);
        pthread_mutex_unlock(&w->mu);
    }
    return NULL;
}

/* Start the writer; on failure, the calling thread inserts instead. */
static void writer_start(load_ctx *c) {
    writer *w = &c->w;
    c->no_thread = 1;
    /* a connection without a mutex cannot be shared */
    if (!sqlite3_db_mutex(c->s->db)) return;
    if (pthread_mutex_init(&w->mu, NULL) != 0) return;
    if (pthread_cond_init(&w->cv_full, NULL) != 0) {
        pthread_mutex_destroy(&w->mu);
        return;
    }
    if (pthread_cond_init(&w->cv_free, NULL) != 0) {
        pthread_cond_destroy(&w->cv_full);
        pthread_mutex_destroy(&w->mu);
        return;
    }
    if (pthread_create(&w->thread, NULL, writer_main, c) != 0) {
        pthread_cond_destroy(&w->cv_free);
        pthread_cond_destroy(&w->cv_full);
        pthread_mutex_destroy(&w->mu);
        return;
    }
    w->running = 1;
    c->no_thread = 0;
}

/* Let the writer insert what it has (and the current batch when `flush`),
** wait for it, and report its failure.  Returns its status. */
static int writer_stop(load_ctx *c, int flush) {
    writer *w = &c->w;
    batch *b;
    if (!w->running) return FC_OK;
    pthread_mutex_lock(&w->mu);
    if (flush && c->cur && c->cur->n > 0) {
        if (w->full_tail)
            w->full_tail->next = c->cur;
        else
            w->full_head = c->cur;
        w->full_tail = c->cur;
        c->cur = NULL;
    }
    w->done = 1;
    pthread_cond_signal(&w->cv_full);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    w->running = 0;
    pthread_cond_destroy(&w->cv_free);
    pthread_cond_destroy(&w->cv_full);
    pthread_mutex_destroy(&w->mu);
    c->changes += w->changes;
    /* every batch is back on the free list: keep one as current */
    while ((b = w->free_list) != NULL) {
        w->free_list = b->next;
        if (!c->cur) {
            batch_reset(b);
            c->cur = b;
        } else {
            batch_free(b);
        }
    }
    if (w->status != FC_OK)
        report_error(c->s, c->d, w->code, w->msg, "storing facts");
    return w->status;
}

/* The current batch is full: give it to the writer (started on the first
** full batch) and take an empty one. */
static int hand_over(load_ctx *c) {
    writer *w = &c->w;
    int status;
    if (!w->running && !c->no_thread) writer_start(c);
    if (!w->running) return insert_here(c, c->cur);
    pthread_mutex_lock(&w->mu);
    if (w->full_tail)
        w->full_tail->next = c->cur;
    else
        w->full_head = c->cur;
    w->full_tail = c->cur;
    c->cur = NULL;
    pthread_cond_signal(&w->cv_full);
    while (!w->free_list && c->nbatches >= MAX_BATCHES)
        pthread_cond_wait(&w->cv_free, &w->mu);
    if (w->free_list) {
        c->cur = w->free_list;
        w->free_list = c->cur->next;
        c->cur->next = NULL;
    }
    status = w->status;
    pthread_mutex_unlock(&w->mu);
    if (!c->cur && !(c->cur = batch_new(c))) return FC_ENOMEM;
    /* a failed writer stops the parse; its error is reported at the end */
    return status;
}

/* Queue a checked fact for insertion. */
static int add_fact(load_ctx *c, const fc_fact *f, const fc_span *span) {
    batch *b = c->cur;
    rec *r = &b->recs[b->n];
    const char *strs[S_COUNT];
    fc_period p;
    int k, has_period = 0;

    if (f->period && fc_period_parse(f->period, &p, NULL, 0) == FC_OK)
        has_period = 1;
    strs[S_ID] = f->id;
    strs[S_DOC] = f->doc;
    strs[S_TEXT] = f->text;
    strs[S_SUBJECT] = f->subject;
    strs[S_METRIC] = f->metric;
    strs[S_BASIS] = f->basis;
    strs[S_UNIT] = f->unit;
    strs[S_QUALIFIER] = f->qualifier;
    strs[S_PERIOD] = f->period;
    strs[S_FIRST] = has_period ? p.first : NULL;
    strs[S_LAST] = has_period ? p.last : NULL;
    strs[S_STATUS] = f->status;
    strs[S_SPEAKER] = f->speaker;
    strs[S_PART_OF] = f->part_of;
    strs[S_CONTEXT] = f->context;
    strs[S_ROLE] = f->role;
    strs[S_MEASURED] = f->measured;
    strs[S_METRIC_SOURCE] = f->metric_source;
    strs[S_POPULATION] = f->population;
    strs[S_PERIOD_SOURCE] = f->period_source;
    strs[S_BASE_PERIOD] = f->base_period;
    for (k = 0; k < S_COUNT; k++) {
        if (!strs[k]) {
            r->str[k] = NO_STR;
            continue;
        }
        r->str[k] = b->arena.len;
        if (fc_buf_append(&b->arena, strs[k], strlen(strs[k]) + 1) != FC_OK)
            return FC_ENOMEM;
    }
    r->has_span = f->span.start >= 0;
    r->start = span->start;
    r->end = span->end;
    r->line = span->line;
    r->column = span->column;
    r->value = f->value;
    r->lo = f->lo;
    r->hi = f->hi;
    r->mstart = f->measured && f->measured_start >= 0 ? f->measured_start : -1;
    r->mend = r->mstart >= 0 ? f->measured_end : -1;
    r->confidence = f->confidence;
    r->has_confidence = f->has_confidence;
    if (++b->n == BATCH_RECORDS) return hand_over(c);
    return FC_OK;
}

static int load_record(void *ctx, const fc_fact *f, const fc_loc *loc) {
    load_ctx *c = ctx;
    fc_span span = f->span;
    int status;

    c->records++;
    if (c->s->progress && c->records % PROGRESS_FACTS == 0)
        fc_store_progress(c->s, "load", c->records, 0);
    if ((status = check_duplicate(c, f, loc)) != FC_OK) return status;
    if ((status = check_manifest_doc(c, f, loc)) != FC_OK) return status;
    if ((status = check_span(c, f, loc, &span)) != FC_OK) return status;
    /* After the first error nothing will be committed: go on validating,
    ** stop writing. */
    if (fc_diags_errors(c->d) > c->err_base) return FC_OK;
    return add_fact(c, f, &span);
}

static void load_ctx_free(load_ctx *c) {
    size_t i;
    writer_stop(c, 0);
    batch_free(c->cur);
    for (i = 0; i < c->ndocs; i++) fc_doc_free(c->docs[i].owned);
    free(c->docs);
    fc_strset_free(c->docids);
    fc_strset_free(c->mids);
    fc_strset_free(c->ids);
}

/* fc_store_load over files (bufs NULL) or over buffers already in memory
** (named by paths). */
static int load_impl(fc_store *s, const fc_manifest *m,
                     const char *const *paths, const char *const *bufs,
                     const size_t *lens, size_t n, fc_load_stats *stats,
                     fc_diags *d) {
    load_ctx c;
    fc_load_stats st;
    fc_diags *own = NULL;
    size_t before, after, i;
    int status, input = 0, io = 0;

    memset(&st, 0, sizeof st);
    if (stats) *stats = st;
    if ((status = writable(s, d, "load")) != FC_OK) return status;
    /* The load needs to see errors as the parser reports them. */
    if (!d && !(d = own = fc_diags_new())) return FC_ENOMEM;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.d = d;
    c.m = m;
    c.paths = paths;
    c.err_base = fc_diags_errors(d);
    /* The parser finds duplicates within one file; the store across them. */
    if ((n > 1 && !(c.ids = fc_strset_new())) || !(c.cur = batch_new(&c))) {
        load_ctx_free(&c);
        fc_diags_free(own);
        return FC_ENOMEM;
    }

    if ((status = txn_begin(s, d)) != FC_OK) goto done;
    before = fc_store_fact_count(s);
    if (m && (status = put_docs(s, m, &st, d)) == FC_OK)
        status = cache_manifest(&c);
    for (i = 0; status == FC_OK && i < n; i++) {
        int rc;
        c.file = i;
        rc = bufs ? fc_facts_parse(paths[i], bufs[i], lens[i], load_record,
                                   &c, d)
                  : fc_facts_parse_file(paths[i], load_record, &c, d);
        st.files++;
        /* bad input and unreadable files: go on, to report every file's
        ** problems; anything else stops the load */
        if (rc == FC_EINPUT)
            input = 1;
        else if (rc == FC_EIO)
            io = 1;
        else if (rc != FC_OK)
            status = rc;
    }
    st.records = c.records;
    fc_store_progress(s, "load", c.records, c.records);
    /* the rest of the facts, unless nothing will be committed */
    {
        int keep = status == FC_OK && !input && !io && !c.bad &&
                   fc_diags_errors(d) == c.err_base;
        int ws = writer_stop(&c, keep);
        if (status == FC_OK && ws != FC_OK) status = ws;
        if (status == FC_OK && keep && !c.w.running && c.cur->n > 0)
            status = insert_here(&c, c.cur);
    }
    if (status == FC_OK) {
        if (input || c.bad)
            status = FC_EINPUT;
        else if (io)
            status = FC_EIO;
        else if (fc_diags_errors(d) > c.err_base)
            status = FC_EINPUT;
    }
    if (status != FC_OK) {
        txn_rollback(s);
        st.docs = 0;
        goto done;
    }
    after = fc_store_fact_count(s);
    if ((status = txn_commit(s, d)) != FC_OK) {
        st.docs = 0;
        goto done;
    }
    st.added = after > before ? after - before : 0;
    st.updated = c.changes > st.added ? c.changes - st.added : 0;
    st.unchanged = c.records > c.changes ? c.records - c.changes : 0;
done:
    if (stats) *stats = st;
    load_ctx_free(&c);
    fc_diags_free(own);
    return status;
}

int fc_store_load(fc_store *s, const fc_manifest *m,
                  const char *const *paths, size_t n, fc_load_stats *stats,
                  fc_diags *d) {
    return load_impl(s, m, paths, NULL, NULL, n, stats, d);
}

int fc_store_load_buffers(fc_store *s, const fc_manifest *m,
                          const char *const *names, const char *const *bufs,
                          const size_t *lens, size_t n, fc_load_stats *stats,
                          fc_diags *d) {
    return load_impl(s, m, names, bufs, lens, n, stats, d);
}

int fc_store_load_files(fc_store *s, const char *const *paths, size_t n,
                        fc_load_stats *stats, fc_diags *d) {
    return fc_store_load(s, NULL, paths, n, stats, d);
}

/* ---- reading facts ------------------------------------------------------- */

static int each_sql(int mask, char *sql, size_t size) {
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "SELECT " FACT_COLUMNS " FROM facts WHERE 1");
    if (mask & FL_METRIC_EQ) fc_buf_puts(&b, " AND metric = ?1");
    if (mask & FL_METRIC_RANGE)
        fc_buf_puts(&b, " AND metric >= ?2 AND metric < ?3");
    if (mask & FL_METRIC_GLOB) fc_buf_puts(&b, " AND fc_glob(?4, metric)");
    if (mask & FL_DOC) fc_buf_puts(&b, " AND doc = ?5");
    if (mask & FL_YEAR)
        fc_buf_puts(&b, " AND (period = ?6 OR (period_first >= ?7"
                        " AND period_last <= ?8))");
    else if (mask & FL_PERIOD)
        fc_buf_puts(&b, " AND period = ?6");
    fc_buf_puts(&b, " ORDER BY metric, subject, period_first, period, doc,"
                    " span_start, id");
    if (b.oom || b.len >= size) {
        fc_buf_free(&b);
        return FC_ENOMEM;
    }
    memcpy(sql, b.data, b.len + 1);
    fc_buf_free(&b);
    return FC_OK;
}

static int is_year(const char *p) {
    int i;
    for (i = 0; i < 4; i++)
        if (p[i] < '0' || p[i] > '9') return 0;
    return p[4] == '\0';
}

static void fact_from_row(sqlite3_stmt *st, fc_fact *f) {
    memset(f, 0, sizeof *f);
    f->id = col_text(st, 0);
    f->doc = col_text(st, 1);
    if (sqlite3_column_type(st, 2) == SQLITE_NULL) {
        f->span.start = -1;
        f->span.end = -1;
    } else {
        f->span.start = sqlite3_column_int64(st, 2);
        f->span.end = sqlite3_column_int64(st, 3);
        f->span.line = sqlite3_column_int(st, 4);
        f->span.column = sqlite3_column_int(st, 5);
    }
    f->text = col_text(st, 6);
    f->subject = col_text(st, 7);
    f->metric = col_text(st, 8);
    f->basis = col_text(st, 9);
    f->value = sqlite3_column_double(st, 10);
    f->unit = col_text(st, 11);
    f->qualifier = col_text(st, 12);
    f->lo = sqlite3_column_double(st, 13);
    f->hi = sqlite3_column_double(st, 14);
    f->period = col_text(st, 15);
    f->status = col_text(st, 16);
    f->speaker = col_text(st, 17);
    f->part_of = col_text(st, 18);
    f->context = col_text(st, 19);
    f->role = col_text(st, 20);
    f->measured = col_text(st, 21);
    if (f->measured && sqlite3_column_type(st, 22) != SQLITE_NULL) {
        f->measured_start = sqlite3_column_int64(st, 22);
        f->measured_end = sqlite3_column_int64(st, 23);
    } else {
        f->measured_start = f->measured_end = -1;
    }
    f->metric_source = col_text(st, 24);
    if (sqlite3_column_type(st, 25) != SQLITE_NULL) {
        f->confidence = sqlite3_column_double(st, 25);
        f->has_confidence = 1;
    }
    f->population = col_text(st, 26);
    f->period_source = col_text(st, 27);
    f->base_period = col_text(st, 28);
}

int fc_store_each_fact(fc_store *s, const fc_fact_filter *filter,
                       fc_fact_fn fn, void *ctx) {
    const char *metric = filter ? filter->metric : NULL;
    const char *doc = filter ? filter->doc : NULL;
    const char *period = filter ? filter->period : NULL;
    char lo[256], hi[256], y1[16], y2[16], sql[1024];
    sqlite3_stmt *st;
    int mask = 0, own = 0, rc, status = FC_OK;

    if (metric) {
        size_t plen = strcspn(metric, "*?");
        if (metric[plen] == '\0') {
            mask |= FL_METRIC_EQ;
        } else {
            mask |= FL_METRIC_GLOB;
            /* the literal prefix bounds a range the key index can use */
            if (plen > 0 && plen < sizeof lo) {
                memcpy(lo, metric, plen);
                lo[plen] = '\0';
                memcpy(hi, lo, plen + 1);
                while (plen > 0 && (unsigned char)hi[plen - 1] == 0xFF)
                    hi[--plen] = '\0';
                if (plen > 0) {
                    hi[plen - 1] = (char)((unsigned char)hi[plen - 1] + 1);
                    mask |= FL_METRIC_RANGE;
                }
            }
        }
    }
    if (doc) mask |= FL_DOC;
    if (period) mask |= is_year(period) ? FL_YEAR : FL_PERIOD;

    st = s->each[mask];
    if (!st || s->each_busy[mask]) {
        if ((status = each_sql(mask, sql, sizeof sql)) != FC_OK)
            return status;
        own = st != NULL; /* nested call: a statement of its own */
        if (sqlite3_prepare_v3(s->db, sql, -1,
                               own ? 0 : SQLITE_PREPARE_PERSISTENT, &st,
                               NULL) != SQLITE_OK)
            return db_error(s, NULL, "selecting facts");
        if (!own) s->each[mask] = st;
    }
    if (!own) s->each_busy[mask] = 1;

    if (mask & FL_METRIC_EQ) bind_text(st, 1, metric);
    if (mask & FL_METRIC_RANGE) {
        bind_text(st, 2, lo);
        bind_text(st, 3, hi);
    }
    if (mask & FL_METRIC_GLOB) bind_text(st, 4, metric);
    if (mask & FL_DOC) bind_text(st, 5, doc);
    if (mask & (FL_PERIOD | FL_YEAR)) bind_text(st, 6, period);
    if (mask & FL_YEAR) {
        snprintf(y1, sizeof y1, "%s-01-01", period);
        snprintf(y2, sizeof y2, "%s-12-31", period);
        bind_text(st, 7, y1);
        bind_text(st, 8, y2);
    }

    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fc_fact f;
        fact_from_row(st, &f);
        if (!f.id || !f.doc) continue; /* NOT NULL in the schema */
        if ((status = fn(ctx, &f, NULL)) != FC_OK) break;
    }
    if (status == FC_OK && rc != SQLITE_DONE)
        status = db_error(s, NULL, "selecting facts");
    if (own) {
        sqlite3_finalize(st);
    } else {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        s->each_busy[mask] = 0;
    }
    return status;
}

/* ---- queries for the checks ------------------------------------------------ */

/* Run a prepared query and hand each row to fn as a borrowed fact. */
static int each_row(fc_store *s, sqlite3_stmt *st, fc_fact_fn fn, void *ctx,
                    const char *what) {
    int rc, status = FC_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fc_fact f;
        fact_from_row(st, &f);
        if (!f.id || !f.doc) continue;
        if ((status = fn(ctx, &f, NULL)) != FC_OK) break;
    }
    if (status == FC_OK && rc != SQLITE_DONE) status = db_error(s, NULL, what);
    sqlite3_finalize(st);
    return status;
}

int fc_store_scan(fc_store *s, fc_fact_fn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT " FACT_COLUMNS " FROM facts", -1,
                           &st, NULL) != SQLITE_OK)
        return db_error(s, NULL, "reading facts to check");
    return each_row(s, st, fn, ctx, "reading facts to check");
}

/* ---- runs and findings ------------------------------------------------------- */

static int exec_sql(fc_store *s, const char *sql, fc_diags *d,
                    const char *what) {
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        int st = report_error(s, d, sqlite3_errcode(s->db),
                              err ? err : sqlite3_errmsg(s->db), what);
        sqlite3_free(err);
        return st;
    }
    return FC_OK;
}

int fc_store_put_findings(fc_store *s, const fc_findings *fs,
                          const char *command, long long *run_id,
                          fc_diags *d) {
    sqlite3_stmt *run = NULL, *fnd = NULL, *ff = NULL;
    size_t i, k;
    long long id = 0;
    int status = FC_OK;

    if (run_id) *run_id = 0;
    if ((status = writable(s, d, "store findings")) != FC_OK) return status;
    if ((status = exec_sql(s, "BEGIN IMMEDIATE", d, "storing findings")) !=
        FC_OK)
        return status;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO runs(started, finished, command, "
                           "facts, findings) VALUES (strftime('%Y-%m-%dT%H:%M:"
                           "%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
                           " ?1, (SELECT count(*) FROM facts), ?2)",
                           -1, &run, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO findings(run, id, rule, kind, type, "
                           "severity, message) VALUES (?1, ?2, ?3, ?4, ?5, "
                           "?6, ?7)",
                           -1, &fnd, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO finding_facts(run, finding, ord, fact,"
                           " role) VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &ff, NULL) != SQLITE_OK) {
        status = db_error(s, d, "storing findings");
        goto done;
    }
    bind_text(run, 1, command);
    sqlite3_bind_int64(run, 2, (sqlite3_int64)fc_findings_count(fs));
    if (sqlite3_step(run) != SQLITE_DONE) {
        status = db_error(s, d, "storing the run");
        goto done;
    }
    id = sqlite3_last_insert_rowid(s->db);
    for (i = 0; status == FC_OK && i < fc_findings_count(fs); i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        sqlite3_reset(fnd);
        sqlite3_bind_int64(fnd, 1, id);
        bind_text(fnd, 2, f->id);
        bind_text(fnd, 3, f->rule);
        bind_text(fnd, 4, f->kind);
        bind_text(fnd, 5, f->type);
        bind_text(fnd, 6, f->severity);
        bind_text(fnd, 7, f->message);
        if (sqlite3_step(fnd) != SQLITE_DONE) {
            status = db_error(s, d, "storing a finding");
            break;
        }
        for (k = 0; k < f->nfacts; k++) {
            sqlite3_reset(ff);
            sqlite3_bind_int64(ff, 1, id);
            bind_text(ff, 2, f->id);
            sqlite3_bind_int64(ff, 3, (sqlite3_int64)k);
            bind_text(ff, 4, f->facts[k]->id);
            bind_text(ff, 5, f->roles[k]);
            if (sqlite3_step(ff) != SQLITE_DONE) {
                status = db_error(s, d, "storing a finding's facts");
                break;
            }
        }
    }
done:
    sqlite3_finalize(run);
    sqlite3_finalize(fnd);
    sqlite3_finalize(ff);
    if (status == FC_OK)
        status = exec_sql(s, "COMMIT", d, "storing findings");
    if (status != FC_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return status;
    }
    if (run_id) *run_id = id;
    return FC_OK;
}
