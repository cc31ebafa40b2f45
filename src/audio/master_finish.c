/* master_finish — the passes of master_finish: the gain from the measured
 * loudness, the limiter when the true peak asks for it (with a dry pass to
 * correct the gain), and the real pass that resamples and writes. */
#include "master_parts.h"
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
        if (!(master_block_bound(m, b) > thr)) { b++; continue; }
        size_t e = b + 1;   /* candidates b .. e-1, at most RUN of them */
        while (e < m->nb && e - b < RUN && master_block_bound(m, e) > thr) e++;
        long long lo = (long long)(b * BLK) - (DET_K - 1), hi = (long long)(e * BLK) + DET_K;
        long long rlo = lo < 0 ? 0 : lo, rhi = hi < (long long)m->frames ? hi : (long long)m->frames;
        const short *s = spill_read(m->spill, (unsigned long long)rlo, (size_t)(rhi - rlo), in);
        if (!s) { rc = -1; break; }
        float *p = x;
        for (long long f = lo; f < rlo; f++) *p++ = 0;
        for (long long f = 0; f < rhi - rlo; f++) *p++ = s[f] * (1.0f / 32768);
        for (long long f = rhi; f < hi; f++) *p++ = 0;
        for (size_t b0 = b; b < e && !rc; b++) {
            master_estimate(m, x + (DET_K - 1) + (b - b0) * BLK, rec.p);
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
    if ((m->fill && master_hand_over(m, 0)) || master_stop(m, 1) || (m->cur_n && master_close_block(m)) || spill_flush(m->spill)) {
        m->failed = 1;
        return -1;
    }
    master_track_end(m);
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
