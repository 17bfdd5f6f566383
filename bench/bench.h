/*
** bench.h -- what the benchmarks share: clocks, resident memory, running
** one measure in a child process (so that its peak memory is its own),
** removing a database with its WAL files, and adding a row to the one
** report that bench/run.sh prints after every benchmark has run.  Each
** benchmark is one program that includes this header; functions a program
** does not use cost nothing (static inline).
**
** Needs _DEFAULT_SOURCE (for wait4) before the first system header.
*/
#ifndef FC_BENCH_H
#define FC_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process, which other processes on the machine do not
** inflate as they do the clock. */
static inline double bench_cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident memory now, from /proc/self/statm (Linux); -1 elsewhere. */
static inline long bench_rss_now_kb(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = -1, page = sysconf(_SC_PAGESIZE);
    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
    fclose(f);
    return resident < 0 || page <= 0 ? -1 : resident * (page / 1024);
}

/* Run measure(ctx, res) in a child process.  res (size bytes, zeroed
** first) comes back through a pipe and *maxrss_kb is the child's peak
** resident memory.  Returns 0 when the measure returned 0 and its result
** arrived, else 1; when the result did not arrive, err says why. */
static inline int bench_child(int (*measure)(void *ctx, void *res), void *ctx,
                              void *res, size_t size, char *err,
                              size_t errsize, long *maxrss_kb) {
    int fd[2], status = 0;
    pid_t pid;
    struct rusage ru;
    ssize_t got;

    memset(res, 0, size);
    *maxrss_kb = 0;
    if (pipe(fd) != 0) return 1;
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return 1;
    }
    if (pid == 0) {
        int rc;
        close(fd[0]);
        rc = measure(ctx, res);
        if (write(fd[1], res, size) != (ssize_t)size) rc = 1;
        close(fd[1]);
        _exit(rc);
    }
    close(fd[1]);
    got = read(fd[0], res, size);
    close(fd[0]);
    if (wait4(pid, &status, 0, &ru) != pid) return 1;
    *maxrss_kb = ru.ru_maxrss;
    if (got != (ssize_t)size) {
        snprintf(err, errsize, "the child died (%s %d)",
                 WIFSIGNALED(status) ? "signal" : "status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        return 1;
    }
    return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

/* Remove a database file and its WAL files. */
static inline void bench_remove_db(const char *db) {
    char p[600];
    remove(db);
    snprintf(p, sizeof p, "%s-wal", db);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", db);
    remove(p);
}

/* ---- the report ---------------------------------------------------------- */

/* What a row says of its target. */
enum {
    BENCH_NOT_MET,         /* measured, and the target was missed */
    BENCH_MET,             /* measured, and the target was met */
    BENCH_NOT_MEASURED,    /* the target needs a measure this run lacks */
    BENCH_NO_TARGET        /* a figure shown for what it tells, no target */
};

static inline const char *bench_verdict_str(int verdict) {
    switch (verdict) {
    case BENCH_MET: return "met";
    case BENCH_NOT_MET: return "NOT MET";
    case BENCH_NOT_MEASURED: return "not measured";
    default: return "-";
    }
}

/* One field of a row: tabs and line ends would split the row, so they are
** written as spaces; NULL or "" is written "-". */
static inline void bench_field(FILE *fp, const char *s, int last) {
    if (!s || !*s) s = "-";
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
    fputc(last ? '\n' : '\t', fp);
}

/* Append one row of the report to the file named by FC_BENCH_ROWS (nothing
** when it is unset): the stage (extract, load, check, audit, report, rules
** lint), what is measured, the figure and the same-run baseline as text
** with their units, the ratio figure / baseline (ratio <= 0: none), the
** peak resident memory of the figure's process in KiB (<= 0: none), the
** target as text and the verdict (BENCH_*).  One line of tab-separated
** fields, in that order; bench/run.sh aligns them.  Returns 0, or 1 when
** the file could not be written (the row is then lost, and said so). */
static inline int bench_row(const char *stage, const char *what,
                            const char *figure, const char *baseline,
                            double ratio, long peak_kb, const char *target,
                            int verdict) {
    const char *path = getenv("FC_BENCH_ROWS");
    char r[32], peak[32];
    FILE *fp;
    if (!path || !*path) return 0;
    if (ratio > 0)
        snprintf(r, sizeof r, ratio < 10 ? "%.2f" : "%.0f", ratio);
    else
        snprintf(r, sizeof r, "-");
    if (peak_kb > 0)
        snprintf(peak, sizeof peak, "%.0f MB", (double)peak_kb / 1024.0);
    else
        snprintf(peak, sizeof peak, "-");
    if (!(fp = fopen(path, "a"))) {
        fprintf(stderr, "bench: cannot add a row to %s\n", path);
        return 1;
    }
    bench_field(fp, stage, 0);
    bench_field(fp, what, 0);
    bench_field(fp, figure, 0);
    bench_field(fp, baseline, 0);
    bench_field(fp, r, 0);
    bench_field(fp, peak, 0);
    bench_field(fp, target, 0);
    bench_field(fp, bench_verdict_str(verdict), 1);
    if (fclose(fp) != 0) {
        fprintf(stderr, "bench: cannot add a row to %s\n", path);
        return 1;
    }
    return 0;
}

#endif /* FC_BENCH_H */
