/* master — loudness normalization, true-peak limiting and resampling of
 * the whole programme, in two passes over the spilled PCM (spill.h); the
 * first (spill and measure) on a worker thread while the caller pushes.
 * See master.h. */
#include "master.h"
#include "spill.h"
#include <ebur128.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <soxr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
static pthread_rwlock_t ebur128_statics = PTHREAD_RWLOCK_INITIALIZER;

typedef struct kmeter {
    ebur128_state *st;
    int failed;
} kmeter;

static void kmeter_init(kmeter *k, int rate)
{
    pthread_rwlock_wrlock(&ebur128_statics);
    k->st = ebur128_init(1, (unsigned long)rate, EBUR128_MODE_I);
    pthread_rwlock_unlock(&ebur128_statics);
    k->failed = k->st == NULL;
}

static void kmeter_free(kmeter *k)
{
    if (k->st)
        ebur128_destroy(&k->st);
    k->st = NULL;
}

/* n samples in. */
static void kmeter_add(kmeter *k, const float *x, size_t n)
{
    if (k->failed)
        return;
    pthread_rwlock_rdlock(&ebur128_statics);
    k->failed = ebur128_add_frames_float(k->st, x, n) != EBUR128_SUCCESS;
    pthread_rwlock_unlock(&ebur128_statics);
}

/* n 16-bit samples in: libebur128 scales them by 1/32768 itself, the same
 * value as the float x / 32768. */
static void kmeter_add_s16(kmeter *k, const short *x, size_t n)
{
    if (k->failed)
        return;
    pthread_rwlock_rdlock(&ebur128_statics);
    k->failed = ebur128_add_frames_short(k->st, x, n) != EBUR128_SUCCESS;
    pthread_rwlock_unlock(&ebur128_statics);
}

/* Integrated loudness of what went in, times gsq in energy. */
static double kmeter_lufs(const kmeter *k, double gsq)
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

static void limiter_init(limiter *l, int rate, double ceiling_db)
{
    memset(l, 0, sizeof *l);
    l->L = (int)lround(LIM_ATTACK_S * rate);
    if (l->L < 1) l->L = 1;
    if (l->L > LIM_MAXL) l->L = LIM_MAXL;
    l->ceiling = (float)pow(10, (ceiling_db - LIM_MARGIN_DB) / 20);
    l->rel = (float)exp(-1.0 / (LIM_RELEASE_S * rate));
    l->idle = l->L;
}

/* Fully released, nothing asked within L samples: the box holds L zeros. */
static int limiter_idle(const limiter *l) { return l->u == 0 && !l->dq_n && l->idle >= l->L; }

/* n samples that ask nothing through an idle limiter: only the delay. */
static void limiter_pass(limiter *l, const float *x, float *y, size_t n)
{
    int pos = l->pos;
    const int L = l->L;
    for (size_t i = 0; i < n; i++) {
        l->x[pos] = x[i];
        if (++pos == L) pos = 0;
        y[i] = l->x[pos];
    }
    l->pos = pos;
    l->t += n;
    l->box_sum = 0;
}

/* n samples in (x, with their peak estimates p times pg, or none when p
 * is NULL), the samples of L-1 steps before them out in y. Kept as depths
 * (1 - gain): the release is then one multiplication. */
static void limiter_run(limiter *l, const float *x, const float *p, float pg, float *y, size_t n)
{
    const int L = l->L;
    const float ceiling = l->ceiling, rel = l->rel;
    const double invL = 1.0 / L;
    float u = l->u;
    double box_sum = l->box_sum;
    int pos = l->pos, idle = l->idle;
    unsigned long long t = l->t;
    for (size_t i = 0; i < n; i++, t++) {
        const float peak = p ? p[i] * pg : 0;
        if (peak > ceiling) {
            const float d = 1 - ceiling / peak;
            while (l->dq_n) {       /* sliding maximum depth of the last L requests */
                int back = l->dq_head + l->dq_n - 1;
                if (back >= LIM_DQ) back -= LIM_DQ;
                if (l->dq_v[back] > d) break;
                l->dq_n--;
            }
            int at = l->dq_head + l->dq_n;
            if (at >= LIM_DQ) at -= LIM_DQ;
            l->dq_v[at] = d;
            l->dq_i[at] = t;
            l->dq_n++;
        } else if (u == 0 && idle >= L && !l->dq_n) {
            /* nothing asked for L samples and fully released: pass through */
            l->x[pos] = x[i];
            if (++pos == L) pos = 0;
            y[i] = l->x[pos];
            box_sum = 0;                      /* the box holds L zeros */
            continue;
        }
        while (l->dq_n && t - l->dq_i[l->dq_head] >= (unsigned long long)L) {
            if (++l->dq_head == LIM_DQ) l->dq_head = 0;
            l->dq_n--;
        }
        u *= rel;
        if (u < 1e-6f) u = 0;                 /* released (float would creep forever) */
        if (l->dq_n && u < l->dq_v[l->dq_head]) u = l->dq_v[l->dq_head];
        idle = u == 0 ? (idle < L ? idle + 1 : L) : 0;
        box_sum += (double)u - l->box[pos];
        l->box[pos] = u;
        l->x[pos] = x[i];
        if (++pos == L) pos = 0;
        float s = 1 - (float)(box_sum * invL);
        y[i] = l->x[pos] * (s > 1 ? 1 : s);  /* x of t-L+1 (or t when L is 1) */
    }
    l->u = u, l->box_sum = box_sum, l->pos = pos, l->idle = idle, l->t = t;
}

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

static void say(char *err, size_t errlen, const char *msg)
{
    if (err && errlen) snprintf(err, errlen, "%s", msg);
}

master *master_new(const master_config *c, char *err, size_t errlen)
{
    if (!c) { say(err, errlen, "master: no configuration"); return NULL; }
    if (c->in_rate < 8000 || c->in_rate > 192000 || c->out_rate < 8000 || c->out_rate > 192000) {
        say(err, errlen, "master: sample rate out of range (8000..192000 Hz)");
        return NULL;
    }
    if (c->normalize && (!isfinite(c->target_lufs) || c->target_lufs < -70 || c->target_lufs > 0
                         || !isfinite(c->max_true_peak_dbtp) || c->max_true_peak_dbtp > 0
                         || c->max_true_peak_dbtp < -20)) {
        say(err, errlen, "master: loudness target must be -70..0 LUFS, true peak -20..0 dBTP");
        return NULL;
    }
    master *m = calloc(1, sizeof *m);
    if (!m) { say(err, errlen, "master: out of memory"); return NULL; }
    if (pthread_mutex_init(&m->mu, NULL)) { free(m); say(err, errlen, "master: no mutex"); return NULL; }
    if (pthread_cond_init(&m->more, NULL)) {
        pthread_mutex_destroy(&m->mu);
        free(m);
        say(err, errlen, "master: no condition variable");
        return NULL;
    }
    if (pthread_cond_init(&m->room, NULL)) {
        pthread_cond_destroy(&m->more);
        pthread_mutex_destroy(&m->mu);
        free(m);
        say(err, errlen, "master: no condition variable");
        return NULL;
    }
    m->c = *c;
    kmeter_init(&m->meter, c->in_rate);
    m->coef[0][DET_K - 1] = 1;
    m->bound = 1;
    for (int p = 1; p < DET_OS; p++) {
        double sum = 0, frac = (double)p / DET_OS, w[2 * DET_K], abs_sum = 0;
        for (int j = -DET_K + 1; j <= DET_K; j++) {
            double u = frac - j;
            w[j + DET_K - 1] = sin(M_PI * u) / (M_PI * u) * 0.5 * (1 + cos(M_PI * u / DET_K));
            sum += w[j + DET_K - 1];
        }
        for (int j = 0; j < 2 * DET_K; j++) {
            m->coef[p][j] = (float)(w[j] / sum);
            abs_sum += fabs(m->coef[p][j]);
        }
        if (abs_sum * 1.0001 > m->bound) m->bound = (float)(abs_sum * 1.0001);   /* float rounding room */
    }
    return m;
}

static int close_block(master *m)
{
    if (m->nb == m->bcap) {
        size_t cap = m->bcap ? 2 * m->bcap : 4096;
        unsigned short *p = realloc(m->bmax, cap * sizeof *p);
        if (!p) return -1;
        m->bmax = p, m->bcap = cap;
    }
    m->bmax[m->nb++] = (unsigned short)m->cur_max;
    m->cur_max = m->cur_n = 0;
    return 0;
}

/* The bound of block b: no estimate in it exceeds this. */
static float block_bound(const master *m, size_t b)
{
    int mx = m->bmax[b];
    if (b > 0 && m->bmax[b - 1] > mx) mx = m->bmax[b - 1];
    if (b + 1 < m->nb && m->bmax[b + 1] > mx) mx = m->bmax[b + 1];
    return m->bound * (mx / 32768.0f);
}

/* Estimates of the BLK frames from x[0] (x[-K+1] .. x[BLK+K-1] readable). */
static void estimate(const master *m, const float *x, float *p)
{
    float a[BLK];
    for (int i = 0; i < BLK; i++) p[i] = fabsf(x[i]);
    for (int ph = 1; ph < DET_OS; ph++) {
        for (int i = 0; i < BLK; i++) a[i] = 0;
        for (int j = 0; j < 2 * DET_K; j++) {
            const float c = m->coef[ph][j], *xs = x + j - DET_K + 1;
            for (int i = 0; i < BLK; i++) a[i] += c * xs[i];
        }
        for (int i = 0; i < BLK; i++) {
            float v = fabsf(a[i]);
            p[i] = v > p[i] ? v : p[i];
        }
    }
}

/* The running true peak: block b is estimated once block b+1 is closed
 * (its window reaches DET_K frames into it), and only when its bound could
 * exceed the largest estimate so far; m->win holds the frames from one
 * block before the next one to estimate. */
static void raise_top(master *m, size_t b)
{
    if (!(block_bound(m, b) > m->est_top)) return;
    float p[BLK];
    estimate(m, m->win + ((long long)(b * BLK) - m->win_lo), p);
    for (int i = 0; i < BLK; i++) m->est_top = p[i] > m->est_top ? p[i] : m->est_top;
}

static void track(master *m)
{
    for (; m->est_next + 1 < m->nb; m->est_next++) raise_top(m, m->est_next);
    long long keep = (long long)m->est_next * BLK - BLK;
    if (keep > m->win_lo) {
        size_t drop = (size_t)(keep - m->win_lo);
        memmove(m->win, m->win + drop, (m->win_n - drop) * sizeof *m->win);
        m->win_n -= drop;
        m->win_lo = keep;
    }
}

/* The last block, with zeros after the end (after the last close_block). */
static void track_end(master *m)
{
    for (int i = 0; i < BLK + DET_K; i++) m->win[m->win_n++] = 0;
    track(m);
    if (m->est_next < m->nb) raise_top(m, m->est_next++);
}

/* The worker's part of a push: spill, meter, block maxima, true peak. 0 or -1. */
static int measure(master *m, const short *pcm, size_t frames)
{
    if (spill_write(m->spill, pcm, frames)) return -1;
    kmeter_add_s16(&m->meter, pcm, frames);
    if (m->meter.failed) return -1;
    float *w = m->win + m->win_n;
    EACH16(i, frames, w[i] = pcm[i] * (1.0f / 32768));
    m->win_n += frames;
    for (size_t j = 0; j < frames;) {
        int mx = m->cur_max;
        if (!m->cur_n && frames - j >= BLK) {   /* a whole block */
            for (size_t q = j; q < j + BLK; q++) {
                int a = abs(pcm[q]);
                mx = a > mx ? a : mx;
            }
            m->cur_n = BLK;
            j += BLK;
        } else {
            size_t e = j + (size_t)(BLK - m->cur_n);
            if (e > frames) e = frames;
            for (size_t q = j; q < e; q++) {
                int a = abs(pcm[q]);
                mx = a > mx ? a : mx;
            }
            m->cur_n += (int)(e - j);
            j = e;
        }
        m->cur_max = mx;
        if (m->cur_n == BLK && close_block(m)) return -1;
    }
    track(m);
    return 0;
}

static void *worker(void *arg)
{
    master *m = arg;
    pthread_mutex_lock(&m->mu);
    for (;;) {
        while (!m->count && !m->closing && !m->quit) pthread_cond_wait(&m->more, &m->mu);
        if (m->quit || !m->count) break;   /* told to stop, or closed and drained */
        unsigned s = m->head;
        size_t n = m->slot_n[s];
        int skip = m->werr;                /* after a failure: only free the slots */
        pthread_mutex_unlock(&m->mu);
        int bad = !skip && measure(m, m->slot + (size_t)s * QFRAMES, n);
        pthread_mutex_lock(&m->mu);
        if (bad) m->werr = 1;
        m->head = (s + 1) % QSLOTS;
        m->count--;
        if (bad || m->count <= QSLOTS - QWAKE) pthread_cond_signal(&m->room);
    }
    pthread_mutex_unlock(&m->mu);
    return NULL;
}

/* The spill, the slots and the worker, at the first push. Without a
 * thread (pthread_create refused) the slots are measured by the caller. */
static int start(master *m)
{
    if (!(m->spill = spill_new(m->c.memory ? m->c.memory : SPILL_MEM))) return -1;
    if (!(m->slot = malloc((size_t)QSLOTS * QFRAMES * sizeof *m->slot))) return -1;
    if (!(m->win = malloc(WIN * sizeof *m->win))) return -1;
    for (int i = 0; i < BLK; i++) m->win[i] = 0;   /* zeros before the start */
    m->win_n = BLK;
    m->win_lo = -BLK;
    sigset_t all, old;   /* the worker takes none of the process's signals */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    m->threaded = pthread_create(&m->thread, NULL, worker, m) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return 0;
}

/* Queues the slot being filled (wait: for a free one to fill next). 0, or
 * -1 when the worker has failed. */
static int hand_over(master *m, int wait)
{
    int rc = 0;
    if (!m->threaded) {
        rc = measure(m, m->slot, m->fill);
        m->fill = 0;
        return rc;
    }
    pthread_mutex_lock(&m->mu);
    m->slot_n[m->tail] = m->fill;
    m->count++;
    m->tail = (m->tail + 1) % QSLOTS;
    if (m->count >= QWAKE) pthread_cond_signal(&m->more);   /* the worker sleeps only on an empty queue */
    while (wait && m->count == QSLOTS && !m->werr) pthread_cond_wait(&m->room, &m->mu);
    rc = m->werr ? -1 : 0;
    pthread_mutex_unlock(&m->mu);
    m->fill = 0;
    return rc;
}

/* Ends the worker: with drain, after it has measured every queued slot;
 * without, at once. 0, or -1 when it failed. */
static int stop(master *m, int drain)
{
    if (!m->threaded) return 0;
    pthread_mutex_lock(&m->mu);
    if (drain) m->closing = 1;
    else m->quit = 1;
    pthread_cond_signal(&m->more);
    pthread_mutex_unlock(&m->mu);
    pthread_join(m->thread, NULL);
    m->threaded = 0;
    return m->werr ? -1 : 0;
}

int master_push(master *m, const short *pcm, size_t frames)
{
    if (!m || m->finished || m->failed) return -1;
    if (!frames) return 0;
    if (!m->slot && start(m)) { m->failed = 1; return -1; }
    while (frames) {
        size_t k = QFRAMES - m->fill < frames ? QFRAMES - m->fill : frames;
        memcpy(m->slot + (size_t)m->tail * QFRAMES + m->fill, pcm, k * sizeof *pcm);
        m->fill += k;
        m->frames += k;
        pcm += k;
        frames -= k;
        if (m->fill == QFRAMES && hand_over(m, 1)) { m->failed = 1; return -1; }
    }
    return 0;
}

double master_duration(const master *m)
{
    return m ? (double)m->frames / m->c.in_rate : 0;
}

void master_free(master *m)
{
    if (!m) return;
    stop(m, 0);
    spill_free(m->spill);
    if (m->peaks) fclose(m->peaks);
    kmeter_free(&m->meter);
    free(m->bmax);
    free(m->slot);
    free(m->win);
    pthread_cond_destroy(&m->room);
    pthread_cond_destroy(&m->more);
    pthread_mutex_destroy(&m->mu);
    free(m);
}

static void clip(float *x, size_t n)
{
    EACH16(i, n, {
        float v = x[i] == x[i] ? x[i] : 0.0f;
        v = v < 1.0f ? v : 1.0f;
        x[i] = v > -1.0f ? v : -1.0f;
    });
}

/* x times g (g: the gain over 32768, so that this is the one rounding of
 * x / 32768 * gain) */
static void scale(const short *x, float *y, size_t n, float g)
{
    EACH16(i, n, y[i] = x[i] * g);
}

/* Rounds to nearest, halves up: floor(v * 32768 + 0.5), clipped, NaN to 0. */
static void to_s16_scalar(const float *in, short *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float v = in[i] * 32768.0f;
        if (!(v == v)) v = 0;
        if (v >= 32767.0f) out[i] = 32767;
        else if (v <= -32768.0f) out[i] = -32768;
        else out[i] = (short)((int)((double)v + 32768.5) - 32768);   /* floor(v + 0.5), exactly */
    }
}

#if defined(__has_builtin) && !defined(DOCBAO_SCALAR)
#if __has_builtin(__builtin_convertvector)
#define VEC_S16 1
#endif
#endif
#ifdef VEC_S16
/* The same, 4 at a time with the vector extensions of GCC and clang (the
 * plain loop is not vectorized at -O2): clip in float, truncate toward
 * zero, then the exact remainder v - t says which way to round. Equal to
 * the scalar version for every float (checked over all 2^32). */
typedef float v4f __attribute__((vector_size(16)));
typedef int v4i __attribute__((vector_size(16)));
typedef short v4s __attribute__((vector_size(8)));

static inline v4f v4_select(v4i mask, v4f a, v4f b)
{
    return (v4f)(((v4i)a & mask) | ((v4i)b & ~mask));
}

void master_to_s16(const float *in, short *out, size_t n)
{
    const v4f full = {32768.0f, 32768.0f, 32768.0f, 32768.0f}, half = {0.5f, 0.5f, 0.5f, 0.5f};
    const v4f hi = {32767.0f, 32767.0f, 32767.0f, 32767.0f}, lo = {-32768.0f, -32768.0f, -32768.0f, -32768.0f};
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        v4f v;
        memcpy(&v, in + i, sizeof v);
        v *= full;
        v = (v4f)((v4i)v & (v == v));   /* NaN: 0 */
        v = v4_select(v < hi, v, hi);
        v = v4_select(v > lo, v, lo);
        v4i t = __builtin_convertvector(v, v4i);
        v4f r = v - __builtin_convertvector(t, v4f);
        t = t - (r >= half) + (r < -half);   /* a true comparison is -1 */
        v4s s = __builtin_convertvector(t, v4s);
        memcpy(out + i, &s, sizeof s);
    }
    to_s16_scalar(in + i, out + i, n - i);
}
#else
void master_to_s16(const float *in, short *out, size_t n)
{
    to_s16_scalar(in, out, n);
}
#endif

/* Writes to out the estimates of every block whose bound exceeds thr,
 * reading only the runs of such blocks (with DET_K frames either side;
 * zeros outside the programme). 0 or -1. */
static int scan_peaks(master *m, float thr, FILE *out)
{
    enum { RUN = IOB / BLK, CAP = IOB + 2 * DET_K };
    short *in = malloc(CAP * sizeof *in);
    float *x = malloc(CAP * sizeof *x);
    peakrec rec;
    int rc = 0;
    if (!in || !x) { free(in); free(x); return -1; }
    for (size_t b = 0; b < m->nb && !rc;) {
        if (!(block_bound(m, b) > thr)) { b++; continue; }
        size_t e = b + 1;   /* candidates b .. e-1, at most RUN of them */
        while (e < m->nb && e - b < RUN && block_bound(m, e) > thr) e++;
        long long lo = (long long)(b * BLK) - (DET_K - 1), hi = (long long)(e * BLK) + DET_K;
        long long rlo = lo < 0 ? 0 : lo, rhi = hi < (long long)m->frames ? hi : (long long)m->frames;
        const short *s = spill_read(m->spill, (unsigned long long)rlo, (size_t)(rhi - rlo), in);
        if (!s) { rc = -1; break; }
        float *p = x;
        for (long long f = lo; f < rlo; f++) *p++ = 0;
        for (long long f = 0; f < rhi - rlo; f++) *p++ = s[f] * (1.0f / 32768);
        for (long long f = rhi; f < hi; f++) *p++ = 0;
        for (size_t b0 = b; b < e && !rc; b++) {
            estimate(m, x + (DET_K - 1) + (b - b0) * BLK, rec.p);
            rec.b = b;
            if (fwrite(&rec, sizeof rec, 1, out) != 1) rc = -1;
        }
    }
    free(in);
    free(x);
    return rc;
}

/* Where a pass sends its input-rate float blocks: a meter (dry pass), or
 * the resampler (when there is one) and the write callback. */
typedef struct stage {
    kmeter *meter;
    soxr_t rs;
    float *obuf;
    size_t ocap;
    int noclip;                 /* no resampler and nothing can leave -1..1 */
    master_write_fn fn;
    void *user;
} stage;

static int stage_emit(stage *st, float *x, size_t n)
{
    if (!n) return 0;
    if (st->meter) { kmeter_add(st->meter, x, n); return st->meter->failed ? -1 : 0; }
    if (!st->rs) {
        if (!st->noclip) clip(x, n);
        return st->fn(st->user, x, n);
    }
    size_t used = 0;
    while (used < n) {
        size_t idone = 0, odone = 0;
        if (soxr_process(st->rs, x + used, n - used, &idone, st->obuf, st->ocap, &odone)) return -1;
        used += idone;
        if (odone) {
            clip(st->obuf, odone);
            int rc = st->fn(st->user, st->obuf, odone);
            if (rc) return rc;
        } else if (!idone) {
            return -1;   /* no progress */
        }
    }
    return 0;
}

static int stage_flush(stage *st)
{
    if (st->meter || !st->rs) return 0;
    for (;;) {
        size_t odone = 0;
        if (soxr_process(st->rs, NULL, 0, NULL, st->obuf, st->ocap, &odone)) return -1;
        if (!odone) return 0;
        clip(st->obuf, odone);
        int rc = st->fn(st->user, st->obuf, odone);
        if (rc) return rc;
    }
}

/* The factor from a 16-bit sample to the float at gain_db. */
static float sample_gain(double gain_db)
{
    return (float)pow(10, gain_db / 20) * (1.0f / 32768);
}

/* Reads the spill back, applies gain (and the limiter when lim, which it
 * initializes, with the estimates of m->peaks), sends the result to st.
 * 0, the callback's value, or -1. */
static int run_pass(master *m, double gain_db, limiter *lim, stage *st)
{
    short *in = malloc(IOB * sizeof *in);
    float *buf = malloc(IOB * sizeof *buf), *out = lim ? malloc(IOB * sizeof *out) : NULL;
    const float g = sample_gain(gain_db), gain = g * 32768;
    unsigned long long skip = 0, tail = 0, b = 0;
    peakrec rec;
    int rc = 0, have_rec = 0;
    if (!in || !buf || (lim && !out)) { rc = -1; goto done; }
    if (lim) {
        limiter_init(lim, m->c.in_rate, m->c.max_true_peak_dbtp);
        skip = tail = (unsigned long long)lim->L - 1;
        rewind(m->peaks);
        have_rec = fread(&rec, sizeof rec, 1, m->peaks) == 1;
    }
    for (unsigned long long at = 0; at < m->frames;) {
        size_t n = m->frames - at < IOB ? (size_t)(m->frames - at) : IOB, k = 0;
        const short *x = spill_read(m->spill, at, n, in);
        if (!x) { rc = -1; goto done; }
        at += n;
        scale(x, buf, n, g);
        if (!lim) {
            if ((rc = stage_emit(st, buf, n))) goto done;
            continue;
        }
        for (size_t i = 0; i < n; i += BLK, b++) {   /* n is a multiple of BLK but at the end */
            size_t e = n - i < BLK ? n - i : BLK;
            const float *p = NULL;
            float most = 0;
            if (have_rec && rec.b == b) {
                p = rec.p;
                for (size_t j = 0; j < e; j++) most = p[j] > most ? p[j] : most;
            }
            if ((!p || most * gain <= lim->ceiling) && limiter_idle(lim)) limiter_pass(lim, buf + i, out + k, e);
            else limiter_run(lim, buf + i, p, gain, out + k, e);
            if (p) have_rec = fread(&rec, sizeof rec, 1, m->peaks) == 1;
            if (skip) {   /* the first L-1 outputs are the delay's zeros */
                size_t s = skip < e ? (size_t)skip : e;
                memmove(out + k, out + k + s, (e - s) * sizeof *out);
                skip -= s;
                e -= s;
            }
            k += e;
        }
        if ((rc = stage_emit(st, out, k))) goto done;
    }
    if (lim && ferror(m->peaks)) { rc = -1; goto done; }
    tail -= skip;   /* frames still inside the limiter's delay */
    while (tail) {
        size_t k = 0;
        k = tail < IOB ? (size_t)tail : IOB;
        memset(buf, 0, k * sizeof *buf);
        limiter_run(lim, buf, NULL, 0, out, k);
        tail -= k;
        if ((rc = stage_emit(st, out, k))) goto done;
    }
    rc = stage_flush(st);
done:
    free(in);
    free(buf);
    free(out);
    return rc;
}

/* Integrated loudness of the gain + limiter chain, at the input rate. */
static int dry_loudness(master *m, double gain_db, limiter *lim, double *lufs)
{
    stage st = {0};
    kmeter k;
    kmeter_init(&k, m->c.in_rate);
    st.meter = &k;
    int rc = run_pass(m, gain_db, lim, &st);
    if (!rc) *lufs = kmeter_lufs(&k, 1);
    kmeter_free(&k);
    return rc;
}

/* Makes sure m->peaks holds every block that can ask anything at gain_db. */
static int ensure_peaks(master *m, double gain_db, double *covered_db)
{
    if (m->peaks && gain_db <= *covered_db) return 0;
    double hi = gain_db + LIM_HEADROOM_DB;
    if (m->peaks) fclose(m->peaks);
    if (!(m->peaks = tmpfile())) return -1;
    setvbuf(m->peaks, NULL, _IOFBF, 1 << 16);
    float thr = (float)pow(10, (m->c.max_true_peak_dbtp - LIM_MARGIN_DB - hi) / 20) * 0.999f;
    if (scan_peaks(m, thr, m->peaks) || fflush(m->peaks)) return -1;
    *covered_db = hi;
    return 0;
}

/* The gain that brings gain + limiter to the target: the limiter takes
 * some loudness away, more with more gain, so measure dry and correct by
 * the secant. 0 or -1. */
static int limited_gain(master *m, limiter *lim, double *gain_db)
{
    const double target = m->c.target_lufs;
    double g0 = *gain_db, o0 = 0, g1, o1, covered = -HUGE_VAL;
    if (ensure_peaks(m, g0, &covered) || dry_loudness(m, g0, lim, &o0)) return -1;
    if (!isfinite(o0) || fabs(target - o0) < 0.1) return 0;
    g1 = g0 + (target - o0) / 0.6;   /* a limiter typically gives ~0.5 LU per dB */
    for (int pass = 0; pass < 4; pass++) {
        if (ensure_peaks(m, g1, &covered) || dry_loudness(m, g1, lim, &o1)) return -1;
        *gain_db = g1;
        if (!isfinite(o1) || fabs(target - o1) < 0.1) return 0;
        double slope = (o1 - o0) / (g1 - g0);
        if (!(slope > 0.1)) slope = 0.1;
        if (slope > 1) slope = 1;
        g0 = g1, o0 = o1;
        g1 = g1 + (target - o1) / slope;
    }
    *gain_db = g1;
    return ensure_peaks(m, g1, &covered);
}

int master_finish(master *m, master_write_fn fn, void *user, double *in_lufs, double *out_gain_db)
{
    double lufs = -HUGE_VAL, gain_db = 0;
    if (in_lufs) *in_lufs = lufs;
    if (out_gain_db) *out_gain_db = 0;
    if (!m || !fn || m->finished || m->failed) return -1;
    m->finished = 1;
    if (!m->frames) return 0;
    /* the last slot, then wait for the worker: from here on all is ours */
    if ((m->fill && hand_over(m, 0)) || stop(m, 1) || (m->cur_n && close_block(m)) || spill_flush(m->spill)) {
        m->failed = 1;
        return -1;
    }
    track_end(m);
    lufs = kmeter_lufs(&m->meter, 1);
    if (in_lufs) *in_lufs = lufs;

    limiter *lim = NULL;
    int rc = 0, top = 0;
    for (size_t b = 0; b < m->nb; b++) top = m->bmax[b] > top ? m->bmax[b] : top;
    if (m->c.normalize && isfinite(lufs)) {
        gain_db = m->c.target_lufs - lufs;
        /* would the gain alone take the largest estimate over the ceiling? */
        const float thr = (float)pow(10, (m->c.max_true_peak_dbtp - LIM_MARGIN_DB - gain_db) / 20);
        if (m->est_top > thr && (!(lim = malloc(sizeof *lim)) || limited_gain(m, lim, &gain_db))) rc = -1;
    }
    if (out_gain_db) *out_gain_db = gain_db;

    stage st = {0};
    st.fn = fn;
    st.user = user;
    /* the loudest sample at this gain stays within -1..1: clipping would change nothing */
    st.noclip = !lim && (float)top * sample_gain(gain_db) <= 1.0f;
    if (!rc && m->c.out_rate != m->c.in_rate) {
        soxr_error_t e = NULL;
        soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
        st.rs = soxr_create(m->c.in_rate, m->c.out_rate, 1, &e, &io, &q, NULL);
        st.ocap = (size_t)ceil((double)IOB * m->c.out_rate / m->c.in_rate) + 256;
        st.obuf = malloc(st.ocap * sizeof *st.obuf);
        if (e || !st.rs || !st.obuf) rc = -1;
    }
    if (!rc) rc = run_pass(m, gain_db, lim, &st);
    if (st.rs) soxr_delete(st.rs);
    free(st.obuf);
    free(lim);
    return rc;
}
