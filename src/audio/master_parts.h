/* master_parts — the insides of the master (master.h) shared by its files:
 * meter.c (the loudness meter), limiter.c (true peak and limiter), master.c
 * (push: the queue, the worker, the spill and the block bounds) and
 * master_finish.c (the passes of master_finish). Not for other stages. */
#ifndef DOCBAO_MASTER_PARTS_H
#define DOCBAO_MASTER_PARTS_H
#include "master.h"
#include "spill.h"
#include <ebur128.h>
#include <pthread.h>
#include <stdio.h>

#define IOB 16384           /* frames read back per step (a multiple of BLK) */
#define SPILL_MEM (32u << 20) /* master_config.memory when 0 */
#define BLK 64              /* frames per block of the peak bound */

/* Loops in runs of 16 with a constant count, so that the compiler's cheapest
 * vectorizer takes them, and the rest one by one. */
#define EACH16(i, n, body) do { \
    size_t i = 0; \
    for (size_t b_ = 0; b_ + 16 <= (n); b_ += 16) \
        for (i = b_; i < b_ + 16; i++) { body; } \
    for (i = (n) / 16 * 16; i < (n); i++) { body; } \
} while (0)

/* ---- cost model ----------------------------------------------------------
 * Push does only what is linear and cheap, and on a second thread (below):
 * the 16-bit PCM goes to the spill (2 bytes a frame), libebur128 measures
 * the integrated loudness (at any gain it then follows by adding the gain in
 * dB), and each block of BLK frames keeps its largest |sample|.
 *
 * True peak: the estimate of a frame (below) is a sum of 16 taps, so it is
 * at most S = max over phases of sum|coef| times the largest |sample| of
 * its window, which lies within the block and its two neighbours. The
 * interpolator runs only on blocks whose bound could matter: while pushing,
 * on those that could raise the largest estimate so far, so that finish
 * knows at once whether the gain alone would cross the ceiling (most often
 * it would not: one pass, gain exact); when it would, finish estimates the
 * blocks that can ask anything at any gain the passes may try (their
 * estimates go to a second temporary file, read alongside the spill). */

/* ---- loudness meter: libebur128 (ITU-R BS.1770-4, EBU R128) --------------
 * A thin wrapper so the passes below can measure at any gain: loudness at
 * gain g is the measured loudness plus 10 log10(g^2) (the relative gate moves
 * with the signal; the -70 LUFS absolute gate is far below speech).
 *
 * libebur128 (1.2) sets file-scope constants in every ebur128_init, which
 * ebur128_add_frames_* and ebur128_loudness_global read: inits take this lock
 * for writing, the rest for reading, so that masters on several threads, and
 * each master's worker, never race on them. */
typedef struct kmeter {
    ebur128_state *st;
    int failed;
} kmeter;
void kmeter_init(kmeter *k, int rate);
void kmeter_free(kmeter *k);
void kmeter_add(kmeter *k, const float *x, size_t n);      /* n samples in */
void kmeter_add_s16(kmeter *k, const short *x, size_t n);  /* n 16-bit samples in */
double kmeter_lufs(const kmeter *k, double gsq);            /* integrated loudness times gsq in energy */

/* ---- true-peak detector and limiter -------------------------------------
 * The true-peak estimate of a frame is the largest of the sample and the 3
 * points between it and the next, interpolated with a 16-tap
 * Hann-windowed sinc (4x oversampling, as the BS.1770 meter does); where
 * it is needed is described above.
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
#define LIM_MAXL 1024       /* longest lookahead */
#define LIM_DQ (LIM_MAXL + 1)
#define LIM_MARGIN_DB 0.3   /* the limiter aims this far under the ceiling */
#define LIM_ATTACK_S 0.005
#define LIM_RELEASE_S 0.080
#define LIM_HEADROOM_DB 12.0 /* estimates kept for gains up to this over the plain one */

typedef struct limiter {
    int L, pos;                        /* lookahead; ring position */
    int idle;                          /* steps at full gain (counted up to L) */
    unsigned long long t;
    float ceiling, rel;
    float u;                           /* 1 - the released gain */
    float x[LIM_MAXL];                 /* delay line */
    float dq_v[LIM_DQ];                /* monotone deque of 1 - request (requests < 1 only), as a ring */
    unsigned long long dq_i[LIM_DQ];
    int dq_head, dq_n;
    float box[LIM_MAXL];               /* the last L values of u */
    double box_sum;
} limiter;
void limiter_init(limiter *l, int rate, double ceiling_db);
int limiter_idle(const limiter *l);
void limiter_pass(limiter *l, const float *x, float *y, size_t n);
void limiter_run(limiter *l, const float *x, const float *p, float pg, float *y, size_t n);

/* ---- the master ----------------------------------------------------------
 * Push only copies: the caller's frames go into fixed slots of QFRAMES, and
 * each full slot is queued for a worker thread, which spills it, meters it,
 * keeps its block maxima and raises the running true peak. The queue holds
 * at most QSLOTS slots (2 MB); the caller waits for a free one when it is
 * full, and wakes the worker only every QWAKE slots (it sleeps only when the
 * queue is empty). A failure of the worker is kept (werr) and returned by
 * the caller's next hand-over or by finish; after it the worker only frees
 * slots, so the caller never waits for ever. The worker owns the spill, the
 * meter, the block maxima and the window of the running true peak until
 * master_finish (which lets it empty the queue) or master_free (which stops
 * it at once) joins it; after that everything is the caller's again. */
#define QFRAMES 8192        /* frames per queued slot (a multiple of BLK) */
#define QSLOTS 128          /* slots in flight */
#define QWAKE 4             /* slots queued before the worker is woken */
#define WIN (QFRAMES + 4 * BLK)

typedef struct peakrec { unsigned long long b; float p[BLK]; } peakrec;  /* one block's estimates */

struct master {
    master_config c;
    spill *spill;               /* the 16-bit PCM pushed */
    FILE *peaks;                /* peakrec per candidate block, in order (finish) */
    kmeter meter;               /* the input's 100 ms energies */
    unsigned long long frames;  /* pushed */
    float coef[DET_OS][2 * DET_K];   /* phase p/4, tap j = -K+1..K at j+K-1 */
    float bound;                /* S: estimate <= S * max |sample| of its window */
    unsigned short *bmax;       /* largest |sample| of each block (x 32768) */
    size_t nb, bcap;
    int cur_max, cur_n;         /* the block being filled */
    float est_top;              /* the largest estimate of blocks 0 .. est_next-1 */
    size_t est_next;            /* the next block to estimate (or skip) */
    float *win;                 /* frames win_lo .. win_lo+win_n-1 as floats (WIN of them) */
    long long win_lo;
    size_t win_n;
    int finished, failed;
    /* the queue to the worker: slots head .. head+count-1 (mod QSLOTS) are
     * queued, the one the worker is measuring included; the caller fills
     * slot tail (= head + count) with fill frames. head, count, slot_n,
     * closing, quit and werr are shared, under mu. */
    short *slot;                /* QSLOTS x QFRAMES frames */
    size_t slot_n[QSLOTS], fill;
    unsigned head, count, tail;
    int closing, quit, werr;    /* no more slots; stop now; the worker failed */
    int threaded;               /* a worker runs (not yet joined) */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t more, room;  /* a slot queued / a slot freed */
};

int master_close_block(master *m);
float master_block_bound(const master *m, size_t b);
void master_estimate(const master *m, const float *x, float *p);
void master_track_end(master *m);
int master_hand_over(master *m, int wait);
int master_stop(master *m, int drain);

#endif
