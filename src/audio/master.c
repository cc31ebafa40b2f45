/* master — loudness normalization, true-peak limiting and resampling of
 * the whole programme, in two passes over the spilled PCM (spill.h). This
 * file is the first: master_push hands the PCM to a worker thread that
 * spills and measures it; the second is master_finish.c. See master.h. */
#include "master_parts.h"
#include "vec.h"
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

int master_close_block(master *m)
{
    if (VEC_RESERVE(m->bmax, m->bcap, m->nb + 1)) return -1;
    m->bmax[m->nb++] = (unsigned short)m->cur_max;
    m->cur_max = m->cur_n = 0;
    return 0;
}

/* The bound of block b: no estimate in it exceeds this. */
float master_block_bound(const master *m, size_t b)
{
    int mx = m->bmax[b];
    if (b > 0 && m->bmax[b - 1] > mx) mx = m->bmax[b - 1];
    if (b + 1 < m->nb && m->bmax[b + 1] > mx) mx = m->bmax[b + 1];
    return m->bound * (mx / 32768.0f);
}

/* Estimates of the BLK frames from x[0] (x[-K+1] .. x[BLK+K-1] readable). */
void master_estimate(const master *m, const float *x, float *p)
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
    if (!(master_block_bound(m, b) > m->est_top)) return;
    float p[BLK];
    master_estimate(m, m->win + ((long long)(b * BLK) - m->win_lo), p);
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
void master_track_end(master *m)
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
        if (m->cur_n == BLK && master_close_block(m)) return -1;
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
int master_hand_over(master *m, int wait)
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
int master_stop(master *m, int drain)
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
        if (m->fill == QFRAMES && master_hand_over(m, 1)) { m->failed = 1; return -1; }
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
    master_stop(m, 0);
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
