/* meter — the master's loudness meter: libebur128 at any gain (master_parts.h). */
#include "master_parts.h"
#include <math.h>
#include <string.h>

/* libebur128's file-scope constants: inits write, the rest read */
static pthread_rwlock_t ebur128_statics = PTHREAD_RWLOCK_INITIALIZER;


void kmeter_init(kmeter *k, int rate)
{
    pthread_rwlock_wrlock(&ebur128_statics);
    k->st = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_I);
    pthread_rwlock_unlock(&ebur128_statics);
    k->failed = k->st == NULL;
}

void kmeter_free(kmeter *k)
{
    if (k->st)
        ebur128_destroy(&k->st);
    k->st = NULL;
}

/* n samples in. */
void kmeter_add(kmeter *k, const float *x, size_t n)
{
    if (k->failed)
        return;
    pthread_rwlock_rdlock(&ebur128_statics);
    k->failed = ebur128_add_frames_float(k->st, x, n) != EBUR128_SUCCESS;
    pthread_rwlock_unlock(&ebur128_statics);
}

/* n 16-bit samples in: libebur128 scales them by 1/32768 itself, the same
 * value as the float x / 32768. */
void kmeter_add_s16(kmeter *k, const short *x, size_t n)
{
    if (k->failed)
        return;
    pthread_rwlock_rdlock(&ebur128_statics);
    k->failed = ebur128_add_frames_short(k->st, x, n) != EBUR128_SUCCESS;
    pthread_rwlock_unlock(&ebur128_statics);
}

/* Integrated loudness of what went in, times gsq in energy. */
double kmeter_lufs(const kmeter *k, double gsq)
{
    double l;
    if (k->failed || gsq <= 0)
        return -HUGE_VAL;
    pthread_rwlock_rdlock(&ebur128_statics);
    int rc = ebur128_loudness_global(k->st, &l);
    pthread_rwlock_unlock(&ebur128_statics);
    if (rc != EBUR128_SUCCESS || !isfinite(l))
        return -HUGE_VAL;
    return l + 10 * log10(gsq);
}
