/*
** bench.h -- what the benchmarks share: clocks, resident memory, running
** one measure in a child process (so that its peak memory is its own) and
** removing a database with its WAL files.  Each benchmark is one program
** that includes this header; functions a program does not use cost nothing
** (static inline).
**
** Needs _DEFAULT_SOURCE (for wait4) before the first system header.
*/
#ifndef FC_BENCH_H
#define FC_BENCH_H

#include <stdio.h>
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

#endif /* FC_BENCH_H */
