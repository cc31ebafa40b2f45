/* master — loudness normalization, true-peak limiting and resampling of
 * the whole programme, in two passes over a spilled temporary file.
 * See master.h. */
#include "master.h"
#include <ebur128.h>
#include <math.h>
#include <soxr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 4096          /* frames read back per step */

/* ---- true-peak detector and limiter -------------------------------------
 * While pushing, each sample gets a true-peak estimate: the largest of the
 * sample and the 3 points between it and the next, interpolated with a
 * 16-tap Hann-windowed sinc (4x oversampling, as the BS.1770 meter does).
 * The estimate is spilled with the sample, so the gain-dependent passes do
 * not redo it (a gain scales it).
 *
 * The limiter, at the input rate, asks of each sample the gain that brings
 * its estimate to the ceiling; the applied gain is the minimum of those
 * requests over the last L samples, released exponentially, then averaged
 * over L samples, and applied to the signal delayed by L-1: every sample
 * gets at most its own request (each averaged term's window covers it),
 * and the gain moves in linear ramps of L samples, never steps. The delay
 * is flushed with zeros at the end, so no frame is lost or added. */
#define DET_K 8             /* interpolator half length */
#define DET_OS 4            /* oversampling */
#define PEAK_SCALE 16384.0f /* spilled estimate: 16 bits, up to 4.0 */
#define LIM_MAXL 1024       /* longest lookahead */
#define LIM_DQ (LIM_MAXL + 1)
#define LIM_MARGIN_DB 0.3   /* the limiter aims this far under the ceiling */
#define LIM_ATTACK_S 0.005
#define LIM_RELEASE_S 0.080

typedef struct rec { short pcm; unsigned short peak; } rec;   /* one spilled frame */

typedef struct limiter {
    int L, pos;                        /* lookahead; ring position */
    unsigned long long t;
    float ceiling, rel, r;
    float x[LIM_MAXL];                 /* delay line */
    float dq_v[LIM_DQ];                /* monotone deque of requests, as a ring */
    unsigned long long dq_i[LIM_DQ];
    int dq_head, dq_n;
    float box[LIM_MAXL];
    double box_sum;
} limiter;

static void limiter_init(limiter *l, int rate, double ceiling_db)
{
    memset(l, 0, sizeof *l);
    l->L = (int)lround(LIM_ATTACK_S * rate);
    if (l->L < 1) l->L = 1;
    if (l->L > LIM_MAXL) l->L = LIM_MAXL;
    l->ceiling = (float)pow(10, (ceiling_db - LIM_MARGIN_DB) / 20);
    l->rel = (float)exp(-1.0 / (LIM_RELEASE_S * rate));
    l->r = 1;
    for (int i = 0; i < l->L; i++) l->box[i] = 1;
    l->box_sum = l->L;
}

/* One sample and its peak estimate in, the sample of L-1 steps ago out. */
static float limiter_step(limiter *l, float x, float peak)
{
    const unsigned long long t = l->t++;
    float g = peak > l->ceiling ? l->ceiling / peak : 1.0f;
    while (l->dq_n) {           /* sliding minimum of the last L requests */
        int back = l->dq_head + l->dq_n - 1;
        if (back >= LIM_DQ) back -= LIM_DQ;
        if (l->dq_v[back] < g) break;
        l->dq_n--;
    }
    int at = l->dq_head + l->dq_n;
    if (at >= LIM_DQ) at -= LIM_DQ;
    l->dq_v[at] = g;
    l->dq_i[at] = t;
    l->dq_n++;
    while (t - l->dq_i[l->dq_head] >= (unsigned long long)l->L) {
        if (++l->dq_head == LIM_DQ) l->dq_head = 0;
        l->dq_n--;
    }
    float h = l->dq_v[l->dq_head];
    l->r = l->rel * l->r + (1 - l->rel);
    if (l->r > h) l->r = h;
    l->box_sum += (double)l->r - l->box[l->pos];
    l->box[l->pos] = l->r;
    l->x[l->pos] = x;
    if (++l->pos == l->L) l->pos = 0;
    float s = (float)(l->box_sum / l->L);
    return l->x[l->pos] * (s > 1 ? 1 : s);   /* x of t-L+1 (or t when L is 1) */
}

