/* check.h — the tiny assertion kit of the unit tests: every failure is
 * printed with both values, the run goes on, and the last line is
 * "N passed, M failed". */
#ifndef DOCBAO_CHECK_H
#define DOCBAO_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK_STR(got, want, what) do { \
    const char *g_ = (got), *w_ = (want); \
    if (g_ && w_ && !strcmp(g_, w_)) check_passed++; \
    else { check_failed++; printf("FAIL %s:%d %s\n  want: %s\n  got:  %s\n", __FILE__, __LINE__, (what), w_ ? w_ : "(null)", g_ ? g_ : "(null)"); } \
} while (0)

#define CHECK(cond, what) do { \
    if (cond) check_passed++; \
    else { check_failed++; printf("FAIL %s:%d %s\n", __FILE__, __LINE__, (what)); } \
} while (0)

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
