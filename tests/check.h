/*
 * check.h: the smallest test harness that does the job.
 *
 * Each test binary includes this once, calls CHECK* in functions run from main,
 * and returns check_summary(), which prints the line the test runner adds up:
 * "N passed, N failed".  A failing check prints file:line and the expression.
 */
#ifndef DYAD_CHECK_H
#define DYAD_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond)                                                            \
            check_passed++;                                                  \
        else {                                                               \
            check_failed++;                                                  \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                    \
    } while (0)

#define CHECK_STR(got, want)                                                     \
    do {                                                                         \
        const char *g_ = (got), *w_ = (want);                                    \
        if (g_ && w_ && strcmp(g_, w_) == 0)                                     \
            check_passed++;                                                      \
        else {                                                                   \
            check_failed++;                                                      \
            fprintf(stderr, "%s:%d: FAIL: %s: got \"%s\", want \"%s\"\n",        \
                    __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
        }                                                                        \
    } while (0)

#define CHECK_INT(got, want)                                                        \
    do {                                                                            \
        long long g_ = (long long)(got), w_ = (long long)(want);                    \
        if (g_ == w_)                                                               \
            check_passed++;                                                         \
        else {                                                                      \
            check_failed++;                                                         \
            fprintf(stderr, "%s:%d: FAIL: %s: got %lld, want %lld\n", __FILE__,     \
                    __LINE__, #got, g_, w_);                                        \
        }                                                                           \
    } while (0)

/* A check that cannot run here (missing ../shared, say): one line saying why. */
#define SKIP(reason) printf("skip: %s\n", reason)

static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
