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

/* ---- the limiter --------------------------------------------------------
 * A lookahead peak limiter at the input rate. Its detector estimates the
 * true peak of each sample (the sample and the 3 points between it and the
 * next, interpolated with a 16-tap windowed sinc: 4x oversampling, like the
 * BS.1770 meter), and asks for the gain that brings it to the ceiling. The
 * applied gain is the minimum of those requests over the last L samples,
 * released exponentially, then averaged over L samples, applied to the
 * signal delayed by L-1: every sample then gets at most its own request
 * (the window of each averaged term covers it), and the gain moves in
 * linear ramps of L samples, never steps. Total delay K + L - 1, flushed
 * with zeros at the end so no frame is lost or added. */
#define LIM_K 8             /* interpolator half length */
#define LIM_OS 4            /* detector oversampling */
#define LIM_RING 2048       /* input history, power of two, >= K + L */
#define LIM_MAXL 1024       /* longest lookahead */
#define LIM_DQ (LIM_MAXL + 1)
#define LIM_MARGIN_DB 0.3   /* ceiling of the limiter below the asked true peak */
#define LIM_ATTACK_S 0.005
#define LIM_RELEASE_S 0.080

typedef struct limiter {
    float coef[LIM_OS - 1][2 * LIM_K]; /* phase, tap j = -K+1..K at j+K-1 */
    float x[LIM_RING];
    unsigned long long t;              /* samples in */
    int L;
    float ceiling, rel, r;
    float dq_v[LIM_DQ];              /* monotone deque of requests, as a ring */
    unsigned long long dq_i[LIM_DQ];
    int dq_head, dq_n;
    float box[LIM_MAXL];
    double box_sum;
    int box_pos;
} limiter;

static void limiter_init(limiter *l, int rate, double ceiling_db)
{
    memset(l, 0, sizeof *l);
    for (int p = 1; p < LIM_OS; p++) {
        double sum = 0, frac = (double)p / LIM_OS;
        for (int j = -LIM_K + 1; j <= LIM_K; j++) {
            double u = frac - j, s = 1, w = 0.5 * (1 + cos(M_PI * u / LIM_K));
            if (u != 0) s = sin(M_PI * u) / (M_PI * u);
            l->coef[p - 1][j + LIM_K - 1] = (float)(s * w);
            sum += s * w;
        }
        for (int j = 0; j < 2 * LIM_K; j++) l->coef[p - 1][j] = (float)(l->coef[p - 1][j] / sum);
    }
    l->L = (int)lround(LIM_ATTACK_S * rate);
    if (l->L < 1) l->L = 1;
    if (l->L > LIM_MAXL) l->L = LIM_MAXL;
    if (LIM_K + l->L > LIM_RING) l->L = LIM_RING - LIM_K;
    l->ceiling = (float)pow(10, (ceiling_db - LIM_MARGIN_DB) / 20);
    l->rel = (float)exp(-1.0 / (LIM_RELEASE_S * rate));
    l->r = 1;
    for (int i = 0; i < l->L; i++) l->box[i] = 1;
    l->box_sum = l->L;
}

static int limiter_delay(const limiter *l) { return LIM_K + l->L - 1; }

/* One sample in, one (delayed) sample out. */
static float limiter_step(limiter *l, float in)
{
    const unsigned long long mask = LIM_RING - 1, t = l->t++;
    l->x[t & mask] = in;
    const unsigned long long m = t - LIM_K;      /* wraps below 0: zeros */
    const float *x = l->x;
    float p = fabsf(x[m & mask]);
    for (int ph = 0; ph < LIM_OS - 1; ph++) {
        const float *c = l->coef[ph];
        float v = 0;
        for (int j = 0; j < 2 * LIM_K; j++) v += c[j] * x[(m + (unsigned long long)j - LIM_K + 1) & mask];
        if (fabsf(v) > p) p = fabsf(v);
    }
    float g = p > l->ceiling ? l->ceiling / p : 1.0f;
    /* sliding minimum of the requests of m-L+1..m */
    while (l->dq_n && l->dq_v[(l->dq_head + l->dq_n - 1) % LIM_DQ] >= g) l->dq_n--;
    l->dq_v[(l->dq_head + l->dq_n) % LIM_DQ] = g;
    l->dq_i[(l->dq_head + l->dq_n) % LIM_DQ] = m;
    l->dq_n++;
    while (m - l->dq_i[l->dq_head] >= (unsigned long long)l->L) {
        l->dq_head = (l->dq_head + 1) % LIM_DQ;
        l->dq_n--;
    }
    float h = l->dq_v[l->dq_head];
    l->r = l->rel * l->r + (1 - l->rel);
    if (l->r > h) l->r = h;
    l->box_sum += (double)l->r - l->box[l->box_pos];
    l->box[l->box_pos] = l->r;
    if (++l->box_pos == l->L) l->box_pos = 0;
    float s = (float)(l->box_sum / l->L);
    if (s > 1) s = 1;
    return x[(m - (unsigned long long)l->L + 1) & mask] * s;
}

/* ---- the master ---------------------------------------------------------- */
struct master {
    master_config c;
    FILE *spill;                /* the pushed PCM, native 16-bit */
    ebur128_state *meter;       /* loudness (and true peak when normalizing) of the input */
    unsigned long long frames;
    int finished, failed;
};

static void say(char *err, size_t errlen, const char *msg, const char *detail)
{
    if (err && errlen) snprintf(err, errlen, "%s%s%s", msg, detail ? ": " : "", detail ? detail : "");
}

master *master_new(const master_config *c, char *err, size_t errlen)
{
    if (!c) { say(err, errlen, "master: no configuration", NULL); return NULL; }
    if (c->in_rate < 8000 || c->in_rate > 192000 || c->out_rate < 8000 || c->out_rate > 192000) {
        say(err, errlen, "master: sample rate out of range (8000..192000 Hz)", NULL);
        return NULL;
    }
    if (c->normalize && (!isfinite(c->target_lufs) || c->target_lufs < -70 || c->target_lufs > 0
                         || !isfinite(c->max_true_peak_dbtp) || c->max_true_peak_dbtp > 0
                         || c->max_true_peak_dbtp < -20)) {
        say(err, errlen, "master: loudness target must be -70..0 LUFS, true peak -20..0 dBTP", NULL);
        return NULL;
    }
    master *m = calloc(1, sizeof *m);
    if (!m) { say(err, errlen, "master: out of memory", NULL); return NULL; }
    m->c = *c;
    int mode = c->normalize ? EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK : EBUR128_MODE_I;
    m->meter = ebur128_init(1, (unsigned long)c->in_rate, mode);
    if (!m->meter) { say(err, errlen, "master: cannot start the loudness meter", NULL); free(m); return NULL; }
    return m;
}

int master_push(master *m, const short *pcm, size_t frames)
{
    if (!m || m->finished || m->failed) return -1;
    if (!frames) return 0;
    if (!m->spill && !(m->spill = tmpfile())) { m->failed = 1; return -1; }
    if (fwrite(pcm, sizeof *pcm, frames, m->spill) != frames
        || ebur128_add_frames_short(m->meter, pcm, frames) != EBUR128_SUCCESS) {
        m->failed = 1;
        return -1;
    }
    m->frames += frames;
    return 0;
}

double master_duration(const master *m)
{
    return m ? (double)m->frames / m->c.in_rate : 0;
}

void master_free(master *m)
{
    if (!m) return;
    if (m->spill) fclose(m->spill);   /* tmpfile: removed on close */
    ebur128_destroy(&m->meter);
    free(m);
}

static void clip(float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (x[i] > 1.0f) x[i] = 1.0f;
        else if (x[i] < -1.0f) x[i] = -1.0f;
        else if (x[i] != x[i]) x[i] = 0;
    }
}

void master_to_s16(const float *in, short *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float v = in[i] * 32768.0f;
        if (!(v == v)) v = 0;
        if (v >= 32767.0f) out[i] = 32767;
        else if (v <= -32768.0f) out[i] = -32768;
        else out[i] = (short)floorf(v + 0.5f);
    }
}

/* Where a pass sends its input-rate float blocks: a meter (dry pass), or
 * the resampler and the write callback. */
typedef struct stage {
    ebur128_state *meter;
    soxr_t rs;
    float *obuf;
    size_t ocap;
    master_write_fn fn;
    void *user;
} stage;

static int stage_emit(stage *st, float *x, size_t n)
{
    if (!n) return 0;
    if (st->meter) return ebur128_add_frames_float(st->meter, x, n) == EBUR128_SUCCESS ? 0 : -1;
    if (!st->rs) {
        clip(x, n);
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

/* Reads the spill back, applies gain (and the limiter when lim), sends the
 * result to st. 0, the callback's value, or -1. */
static int run_pass(master *m, double gain_db, limiter *lim, stage *st)
{
    short in[BLOCK];
    float buf[BLOCK];
    const float gain = (float)pow(10, gain_db / 20);
    unsigned long long skip = lim ? (unsigned long long)limiter_delay(lim) : 0, tail = skip;
    int rc = 0;
    rewind(m->spill);
    for (;;) {
        size_t n = fread(in, sizeof *in, BLOCK, m->spill), k = 0;
        if (!n) break;
        for (size_t i = 0; i < n; i++) {
            float v = in[i] / 32768.0f * gain;
            if (lim) {
                v = limiter_step(lim, v);
                if (skip) { skip--; continue; }
            }
            buf[k++] = v;
        }
        if ((rc = stage_emit(st, buf, k))) return rc;
    }
    if (ferror(m->spill)) return -1;
    /* the limiter's delay: push zeros for the frames still inside it */
    tail -= skip;
    while (tail) {
        size_t k = 0;
        while (tail && k < BLOCK) { buf[k++] = limiter_step(lim, 0); tail--; }
        if ((rc = stage_emit(st, buf, k))) return rc;
    }
    return stage_flush(st);
}

/* Integrated loudness of the gain + limiter chain, at the input rate. */
static int dry_loudness(master *m, double gain_db, limiter *lim, double *lufs)
{
    stage st = {0};
    st.meter = ebur128_init(1, (unsigned long)m->c.in_rate, EBUR128_MODE_I);
    if (!st.meter) return -1;
    limiter_init(lim, m->c.in_rate, m->c.max_true_peak_dbtp);
    int rc = run_pass(m, gain_db, lim, &st);
    if (!rc && ebur128_loudness_global(st.meter, lufs) != EBUR128_SUCCESS) rc = -1;
    ebur128_destroy(&st.meter);
    return rc;
}

int master_finish(master *m, master_write_fn fn, void *user, double *in_lufs, double *out_gain_db)
{
    double lufs = -HUGE_VAL, gain_db = 0;
    if (in_lufs) *in_lufs = lufs;
    if (out_gain_db) *out_gain_db = 0;
    if (!m || !fn || m->finished || m->failed) return -1;
    m->finished = 1;
    if (!m->frames) return 0;
    if (ebur128_loudness_global(m->meter, &lufs) != EBUR128_SUCCESS) return -1;
    if (in_lufs) *in_lufs = lufs;

    limiter *lim = NULL;
    if (m->c.normalize && isfinite(lufs)) {
        double tp = 0;
        if (ebur128_true_peak(m->meter, 0, &tp) != EBUR128_SUCCESS) return -1;
        gain_db = m->c.target_lufs - lufs;
        if (tp > 0 && 20 * log10(tp) + gain_db > m->c.max_true_peak_dbtp - LIM_MARGIN_DB) {
            /* the gain alone would cross the ceiling: limit, and make up
             * for the loudness the limiter takes away (measured dry) */
            if (!(lim = malloc(sizeof *lim))) return -1;
            for (int pass = 0; pass < 3; pass++) {
                double got = 0;
                if (dry_loudness(m, gain_db, lim, &got)) { free(lim); return -1; }
                if (!isfinite(got) || fabs(m->c.target_lufs - got) < 0.05) break;
                gain_db += m->c.target_lufs - got;
            }
            limiter_init(lim, m->c.in_rate, m->c.max_true_peak_dbtp);
        }
    }
    if (out_gain_db) *out_gain_db = gain_db;

    stage st = {0};
    st.fn = fn;
    st.user = user;
    int rc = 0;
    if (m->c.out_rate != m->c.in_rate) {
        soxr_error_t e = NULL;
        soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
        st.rs = soxr_create(m->c.in_rate, m->c.out_rate, 1, &e, &io, &q, NULL);
        st.ocap = (size_t)ceil((double)BLOCK * m->c.out_rate / m->c.in_rate) + 256;
        st.obuf = malloc(st.ocap * sizeof *st.obuf);
        if (e || !st.rs || !st.obuf) rc = -1;
    }
    if (!rc) rc = run_pass(m, gain_db, lim, &st);
    if (st.rs) soxr_delete(st.rs);
    free(st.obuf);
    free(lim);
    return rc;
}
