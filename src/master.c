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
    int idle;                          /* steps at full gain asking nothing */
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
    if (peak <= l->ceiling && l->r == 1.0f && l->idle >= l->L) {
        /* nothing asked for L samples and fully released: pass through */
        l->dq_n = 0;
        l->box_sum = l->L;                    /* the box holds L ones */
        l->x[l->pos] = x;
        if (++l->pos == l->L) l->pos = 0;
        return l->x[l->pos];
    }
    l->idle = peak <= l->ceiling && l->r == 1.0f ? l->idle + 1 : 0;
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

/* ---- the master ---------------------------------------------------------- */
struct master {
    master_config c;
    FILE *spill;                /* rec per frame, native byte order */
    ebur128_state *meter;       /* integrated loudness of the input */
    unsigned long long frames;  /* pushed */
    long long fed;              /* samples through the detector (pushed + flush) */
    float coef[2 * DET_K][DET_OS];   /* tap j = -K+1..K at j+K-1, phase p/4 (0: the sample) */
    float win[4 * DET_K];       /* last 2K samples, twice, so always contiguous */
    float peak;                 /* largest estimate: the input's true peak */
    int finished, failed;
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
    m->c = *c;
    m->meter = ebur128_init(1, (unsigned long)c->in_rate, EBUR128_MODE_I);
    if (!m->meter) { say(err, errlen, "master: cannot start the loudness meter"); free(m); return NULL; }
    m->coef[DET_K - 1][0] = 1;
    for (int p = 1; p < DET_OS; p++) {
        double sum = 0, frac = (double)p / DET_OS, w[2 * DET_K];
        for (int j = -DET_K + 1; j <= DET_K; j++) {
            double u = frac - j;
            w[j + DET_K - 1] = sin(M_PI * u) / (M_PI * u) * 0.5 * (1 + cos(M_PI * u / DET_K));
            sum += w[j + DET_K - 1];
        }
        for (int j = 0; j < 2 * DET_K; j++) m->coef[j][p] = (float)(w[j] / sum);
    }
    return m;
}

/* Runs n samples through the detector (pcm NULL: zeros) and spills the
 * frames whose estimate is complete. 0 or -1. */
static int detect(master *m, const short *pcm, size_t n)
{
    enum { W = 2 * DET_K };
    rec out[1024];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        long long t = m->fed++;
        int at = (int)(t % W);
        m->win[at] = m->win[at + W] = pcm ? pcm[i] / 32768.0f : 0.0f;
        if (t < DET_K) continue;                    /* frame t-K is before the start */
        const float *x = m->win + at + 1;           /* samples t-2K+1 .. t */
        float a[DET_OS] = { m->c.normalize ? 0 : x[DET_K - 1] };  /* phases 0, 1/4, 2/4, 3/4 */
        for (int j = 0; m->c.normalize && j < W; j++)   /* no limiter: sample peak will do */
            for (int ph = 0; ph < DET_OS; ph++) a[ph] += m->coef[j][ph] * x[j];
        float c = x[DET_K - 1], p = 0;
        for (int ph = 0; ph < DET_OS; ph++) if (fabsf(a[ph]) > p) p = fabsf(a[ph]);
        if (p > m->peak) m->peak = p;
        float q = ceilf(p * PEAK_SCALE);
        out[k].pcm = (short)(c * 32768.0f);
        out[k].peak = (unsigned short)(q > 65535 ? 65535 : q);
        if (++k == sizeof out / sizeof *out) {
            if (fwrite(out, sizeof *out, k, m->spill) != k) return -1;
            k = 0;
        }
    }
    if (k && fwrite(out, sizeof *out, k, m->spill) != k) return -1;
    return 0;
}

int master_push(master *m, const short *pcm, size_t frames)
{
    if (!m || m->finished || m->failed) return -1;
    if (!frames) return 0;
    if ((!m->spill && !(m->spill = tmpfile()))
        || detect(m, pcm, frames)
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
 * the resampler (when there is one) and the write callback. */
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

/* Reads the spill back, applies gain (and the limiter when lim, which it
 * initializes), sends the result to st. 0, the callback's value, or -1. */
static int run_pass(master *m, double gain_db, limiter *lim, stage *st)
{
    rec in[BLOCK];
    float buf[BLOCK];
    const float gain = (float)pow(10, gain_db / 20);
    unsigned long long skip = 0, tail = 0;
    int rc = 0;
    if (lim) {
        limiter_init(lim, m->c.in_rate, m->c.max_true_peak_dbtp);
        skip = tail = (unsigned long long)lim->L - 1;
    }
    rewind(m->spill);
    for (;;) {
        size_t n = fread(in, sizeof *in, BLOCK, m->spill), k = 0;
        if (!n) break;
        for (size_t i = 0; i < n; i++) {
            float v = in[i].pcm / 32768.0f * gain;
            if (lim) {
                v = limiter_step(lim, v, in[i].peak / PEAK_SCALE * gain);
                if (skip) { skip--; continue; }
            }
            buf[k++] = v;
        }
        if ((rc = stage_emit(st, buf, k))) return rc;
    }
    if (ferror(m->spill)) return -1;
    tail -= skip;   /* frames still inside the limiter's delay */
    while (tail) {
        size_t k = 0;
        while (tail && k < BLOCK) { buf[k++] = limiter_step(lim, 0, 0); tail--; }
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
    int rc = run_pass(m, gain_db, lim, &st);
    if (!rc && ebur128_loudness_global(st.meter, lufs) != EBUR128_SUCCESS) rc = -1;
    ebur128_destroy(&st.meter);
    return rc;
}

/* The gain that brings gain + limiter to the target: the limiter takes
 * some loudness away, more with more gain, so measure dry and correct by
 * the secant. 0 or -1. */
static int limited_gain(master *m, limiter *lim, double *gain_db)
{
    const double target = m->c.target_lufs;
    double g0 = *gain_db, o0 = 0, g1, o1;
    if (dry_loudness(m, g0, lim, &o0)) return -1;
    if (!isfinite(o0) || fabs(target - o0) < 0.1) return 0;
    g1 = g0 + (target - o0) / 0.6;   /* a limiter typically gives ~0.5 LU per dB */
    for (int pass = 0; pass < 4; pass++) {
        if (dry_loudness(m, g1, lim, &o1)) return -1;
        *gain_db = g1;
        if (!isfinite(o1) || fabs(target - o1) < 0.1) return 0;
        double slope = (o1 - o0) / (g1 - g0);
        if (!(slope > 0.1)) slope = 0.1;
        if (slope > 1) slope = 1;
        g0 = g1, o0 = o1;
        g1 = g1 + (target - o1) / slope;
    }
    *gain_db = g1;
    return 0;
}

int master_finish(master *m, master_write_fn fn, void *user, double *in_lufs, double *out_gain_db)
{
    double lufs = -HUGE_VAL, gain_db = 0;
    if (in_lufs) *in_lufs = lufs;
    if (out_gain_db) *out_gain_db = 0;
    if (!m || !fn || m->finished || m->failed) return -1;
    m->finished = 1;
    if (!m->frames) return 0;
    if (detect(m, NULL, DET_K) || fflush(m->spill)) return -1;   /* the last K estimates */
    if (ebur128_loudness_global(m->meter, &lufs) != EBUR128_SUCCESS) return -1;
    if (in_lufs) *in_lufs = lufs;

    limiter *lim = NULL;
    int rc = 0;
    if (m->c.normalize && isfinite(lufs)) {
        gain_db = m->c.target_lufs - lufs;
        if (m->peak > 0 && 20 * log10(m->peak) + gain_db > m->c.max_true_peak_dbtp - LIM_MARGIN_DB) {
            /* the gain alone would cross the ceiling */
            if (!(lim = malloc(sizeof *lim)) || limited_gain(m, lim, &gain_db)) rc = -1;
        }
    }
    if (out_gain_db) *out_gain_db = gain_db;

    stage st = {0};
    st.fn = fn;
    st.user = user;
    if (!rc && m->c.out_rate != m->c.in_rate) {
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
