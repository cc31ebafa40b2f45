/* test_master — loudness normalization, true-peak ceiling and resampling
 * of the master stage, measured with an independent libebur128 meter. */
#include "check.h"
#include "master.h"
#include <ebur128.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>

#define IN_RATE 22050

/* What the callback saw. */
typedef struct seen {
    ebur128_state *meter;
    size_t frames;
    int bad;          /* NaN or outside -1..1 */
    int nonzero;
    float *keep;      /* first keep_cap frames, when set */
    size_t keep_cap;
    int stop_with;    /* returned by the callback when non-zero */
} seen;

static int collect(void *user, const float *pcm, size_t frames)
{
    seen *s = user;
    for (size_t i = 0; i < frames; i++) {
        if (!(pcm[i] >= -1.0f && pcm[i] <= 1.0f)) s->bad = 1;
        if (pcm[i] != 0) s->nonzero = 1;
        if (s->keep && s->frames + i < s->keep_cap) s->keep[s->frames + i] = pcm[i];
    }
    if (s->meter) ebur128_add_frames_float(s->meter, pcm, frames);
    s->frames += frames;
    return s->stop_with;
}

static unsigned lcg(unsigned *st) { *st = *st * 1664525u + 1013904223u; return *st >> 8; }

/* 1 kHz sine at -6 dBFS */
static short *make_sine(size_t n)
{
    short *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) p[i] = (short)lrint(16384 * sin(2 * M_PI * 1000.0 * i / IN_RATE));
    return p;
}

/* Speech-like bursts: low-passed noise, 250 ms on and 150 ms off with a
 * syllable envelope, and a near full-scale click every half second — a
 * peak-to-loudness ratio far above what -16 LUFS at -1 dBTP allows, so the
 * limiter has to work. */
static short *make_bursts(size_t n)
{
    short *p = malloc(n * sizeof *p);
    unsigned st = 12345;
    double lp = 0;
    for (size_t i = 0; i < n; i++) {
        double white = (lcg(&st) / 8388608.0) - 1.0, t = fmod((double)i / IN_RATE, 0.4);
        lp = 0.7 * lp + 0.3 * white;
        double env = t < 0.25 ? sin(M_PI * t / 0.25) : 0.0;
        double v = 0.25 * lp * env;
        size_t c = i % (IN_RATE / 2);
        if (c < 40) v += 0.9 * sin(2 * M_PI * 3000.0 * c / IN_RATE) * sin(M_PI * c / 40.0);
        p[i] = (short)lrint(v * 32767);
    }
    return p;
}

static void run_case(const char *name, const short *pcm, size_t n, double target, int out_rate)
{
    char what[160], err[200];
    master_config c = { IN_RATE, out_rate, 1, target, -1.0, 0 };
    master *m = master_new(&c, err, sizeof err);
    CHECK(m != NULL, "master_new");
    if (!m) return;
    seen s = {0};
    /* made before the pushes start the master's worker: ebur128_init writes
     * libebur128's file-scope constants, which the worker's meter reads */
    s.meter = ebur128_init(1, (unsigned long)out_rate, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    for (size_t i = 0; i < n; i += 1000) master_push(m, pcm + i, n - i < 1000 ? n - i : 1000);
    double in_lufs = 0, gain = 0, out_lufs = 0, tp = 0;
    int rc = master_finish(m, collect, &s, &in_lufs, &gain);
    ebur128_loudness_global(s.meter, &out_lufs);
    ebur128_true_peak(s.meter, 0, &tp);
    double tp_db = 20 * log10(tp);
    long want = lround((double)n * out_rate / IN_RATE);
    printf("  %-6s %6d Hz target %5.1f: in %6.2f LUFS gain %+6.2f dB -> %6.2f LUFS, true peak %6.2f dBTP, %zu frames (want %ld)\n",
           name, out_rate, target, in_lufs, gain, out_lufs, tp_db, s.frames, want);
    snprintf(what, sizeof what, "%s %d Hz %g LUFS: finish returns 0", name, out_rate, target);
    CHECK(rc == 0, what);
    snprintf(what, sizeof what, "%s %d Hz %g LUFS: loudness %.2f within 0.5 LU", name, out_rate, target, out_lufs);
    CHECK(fabs(out_lufs - target) <= 0.5, what);
    snprintf(what, sizeof what, "%s %d Hz %g LUFS: true peak %.2f <= -0.9 dBTP", name, out_rate, target, tp_db);
    CHECK(tp_db <= -0.9, what);
    snprintf(what, sizeof what, "%s %d Hz %g LUFS: %zu frames, want %ld", name, out_rate, target, s.frames, want);
    CHECK(labs((long)s.frames - want) <= 4, what);
    snprintf(what, sizeof what, "%s %d Hz %g LUFS: samples finite and within -1..1", name, out_rate, target);
    CHECK(!s.bad, what);
    ebur128_destroy(&s.meter);
    master_free(m);
}

static void test_levels(void)
{
    const size_t n = (size_t)IN_RATE * 6;
    short *sine = make_sine(n), *bursts = make_bursts(n);
    const int rates[] = { 48000, 16000, 44100, 24000, 22050 };
    const double targets[] = { -16, -23 };
    for (size_t t = 0; t < 2; t++)
        for (size_t r = 0; r < sizeof rates / sizeof *rates; r++) {
            run_case("sine", sine, n, targets[t], rates[r]);
            run_case("bursts", bursts, n, targets[t], rates[r]);
        }
    free(sine);
    free(bursts);
}

static void test_silence_and_empty(void)
{
    char err[200];
    master_config c = { IN_RATE, 48000, 1, -16, -1, 0 };
    short *zeros = calloc(IN_RATE * 2, sizeof *zeros);
    master *m = master_new(&c, err, sizeof err);
    CHECK(master_push(m, zeros, IN_RATE * 2) == 0, "push silence");
    CHECK(fabs(master_duration(m) - 2.0) < 1e-9, "duration of 2 s of silence");
    seen s = {0};
    double lufs = 0, gain = 1;
    CHECK(master_finish(m, collect, &s, &lufs, &gain) == 0, "finish silence");
    CHECK(isinf(lufs) && lufs < 0, "silence measures -inf LUFS");
    CHECK(gain == 0, "silence gets no gain");
    CHECK(!s.bad && !s.nonzero, "silence in, silence out, no NaN");
    CHECK(labs((long)s.frames - 96000) <= 4, "silence resampled to 48000 Hz keeps its length");
    CHECK(master_push(m, zeros, 10) == -1, "push after finish refused");
    CHECK(master_finish(m, collect, &s, NULL, NULL) == -1, "second finish refused");
    master_free(m);
    free(zeros);

    m = master_new(&c, err, sizeof err);
    s = (seen){0};
    CHECK(master_push(m, NULL, 0) == 0, "push of zero frames");
    CHECK(master_duration(m) == 0, "nothing pushed, no duration");
    CHECK(master_finish(m, collect, &s, &lufs, &gain) == 0, "finish with zero frames");
    CHECK(s.frames == 0, "zero frames in, none out");
    master_free(m);
    master_free(NULL);
}

static void test_plain(void)
{
    char err[200];
    const size_t n = 5000;
    short *sine = make_sine(n), back[5000];
    /* no normalization, same rate: exactly the input */
    master_config c = { IN_RATE, IN_RATE, 0, 0, 0, 0 };
    master *m = master_new(&c, err, sizeof err);
    master_push(m, sine, n);
    float *keep = malloc(n * sizeof *keep);
    seen s = { .keep = keep, .keep_cap = n };
    double gain = 1;
    CHECK(master_finish(m, collect, &s, NULL, &gain) == 0, "plain finish");
    CHECK(s.frames == n && gain == 0, "plain: same frames, no gain");
    master_to_s16(keep, back, n);
    CHECK(!memcmp(back, sine, n * sizeof *back), "plain: identity, sample for sample");
    master_free(m);
    /* no normalization, resampled: length follows the ratio, level kept */
    c.out_rate = 24000;
    m = master_new(&c, err, sizeof err);
    s = (seen){0};
    s.meter = ebur128_init(1, 24000, EBUR128_MODE_SAMPLE_PEAK);   /* before the worker starts (see run_case) */
    master_push(m, sine, n);
    CHECK(master_finish(m, collect, &s, NULL, NULL) == 0, "resample-only finish");
    CHECK(labs((long)s.frames - lround(n * 24000.0 / IN_RATE)) <= 4, "resample-only length");
    double peak = 0;
    ebur128_sample_peak(s.meter, 0, &peak);
    CHECK(fabs(peak - 0.5) < 0.01, "resample-only keeps the level");
    ebur128_destroy(&s.meter);
    master_free(m);
    /* the callback's value stops the pass and comes back */
    m = master_new(&c, err, sizeof err);
    master_push(m, sine, n);
    s = (seen){ .stop_with = 7 };
    CHECK(master_finish(m, collect, &s, NULL, NULL) == 7, "callback's value returned");
    master_free(m);
    free(keep);
    free(sine);
}

static void test_config_and_convert(void)
{
    char err[200] = "";
    master_config c = { IN_RATE, 1000, 1, -16, -1, 0 };
    CHECK(master_new(&c, err, sizeof err) == NULL && err[0], "bad rate refused with a message");
    c.out_rate = 48000;
    c.target_lufs = 5;
    err[0] = 0;
    CHECK(master_new(&c, err, sizeof err) == NULL && err[0], "bad target refused with a message");
    const float in[] = { 1.5f, -2.0f, 0.5f, -0.5f, NAN, 1.0f, -1.0f, 0.0f };
    const short want[] = { 32767, -32768, 16384, -16384, 0, 32767, -32768, 0 };
    short out[8];
    master_to_s16(in, out, 8);
    CHECK(!memcmp(out, want, sizeof out), "float to 16-bit: clipping and rounding");
}

/* Quiet, then loud with inter-sample peaks: a 1 kHz bed at 0.02, then at
 * 0.2 with, every second, 5 ms of a tone at a quarter of the rate sampled
 * 45 degrees off its crests: its samples are at 0.707 of its true peak
 * (amp), which lies between samples. At -16 LUFS (gain about +1 dB) the
 * samples stay under the ceiling and only the inter-sample peaks cross
 * it: the cheap bound must send the estimator there and the limiter must
 * hold them. */
static short *make_quiet_then_intersample(size_t n, double amp)
{
    short *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) {
        double bed = (i < n / 2 ? 0.02 : 0.2) * sin(2 * M_PI * 1000.0 * i / IN_RATE), v = bed;
        if (i >= n / 2 && i % IN_RATE < IN_RATE / 200) v = amp * sin(2 * M_PI * (i % 4) / 4.0 + M_PI / 4);
        p[i] = (short)lrint(v * 32767);
    }
    return p;
}

static void test_intersample_fast_path(void)
{
    const size_t n = (size_t)IN_RATE * 6;
    short *p = make_quiet_then_intersample(n, 0.95);
    int sample_peak = 0;
    for (size_t i = 0; i < n; i++) sample_peak = abs(p[i]) > sample_peak ? abs(p[i]) : sample_peak;
    CHECK(20 * log10(sample_peak / 32768.0) < -2.5, "isp: the samples alone stay 2.5 dB under full scale");
    run_case("isp", p, n, -16, 48000);
    run_case("isp", p, n, -16, 22050);
    run_case("isp", p, n, -23, 44100);   /* the bound says maybe, the estimate says no */
    /* loud first, quiet after */
    short *r = malloc(n * sizeof *r);
    for (size_t i = 0; i < n; i++) r[i] = p[n - 1 - i];
    run_case("isp-rev", r, n, -16, 24000);
    free(p);
    free(r);
}

/* The master's own meter agrees with libebur128 on the input loudness,
 * gates included (long silences between the bursts). */
static void test_meter_matches_libebur128(void)
{
    const size_t n = (size_t)IN_RATE * 8;
    short *b = make_bursts(n), *g = calloc(n, sizeof *g), *s = make_sine(n);
    for (size_t i = 0; i < n; i++) if ((i / IN_RATE) % 3 == 0) g[i] = b[i];   /* 1 s on, 2 s off */
    const short *sig[] = { b, g, s };
    const char *names[] = { "bursts", "gated bursts", "sine" };
    for (int k = 0; k < 3; k++) {
        char err[200], what[160];
        master_config c = { IN_RATE, IN_RATE, 1, -23, -1, 0 };
        master *m = master_new(&c, err, sizeof err);
        ebur128_state *e = ebur128_init(1, IN_RATE, EBUR128_MODE_I);
        for (size_t i = 0; i < n; i += 777) {
            size_t k2 = n - i < 777 ? n - i : 777;
            master_push(m, sig[k] + i, k2);
            ebur128_add_frames_short(e, sig[k] + i, k2);
        }
        double mine = 0, ref = 0;
        seen sn = {0};
        master_finish(m, collect, &sn, &mine, NULL);
        ebur128_loudness_global(e, &ref);
        snprintf(what, sizeof what, "%s: master meter %.4f LUFS vs libebur128 %.4f", names[k], mine, ref);
        CHECK(fabs(mine - ref) < 0.01, what);
        ebur128_destroy(&e);
        master_free(m);
    }
    free(b);
    free(g);
    free(s);
}

/* Minutes of digital silence around a short sound: no denormal slowdown
 * in the meter, the sound normalized, the length kept. */
static void test_long_silence(void)
{
    const size_t n = (size_t)IN_RATE * 120;
    short *p = calloc(n, sizeof *p), *s = make_sine(IN_RATE * 2);
    memcpy(p + n / 2, s, IN_RATE * 2 * sizeof *p);
    run_case("island", p, n, -23, 22050);
    free(p);
    free(s);
}

/* What one run of the master gave: the measured values and every output
 * sample. */
typedef struct run_out {
    int rc;
    double lufs, gain;
    float *pcm;
    size_t n, cap;
} run_out;

static int keep_all(void *user, const float *pcm, size_t frames)
{
    run_out *r = user;
    if (r->n + frames > r->cap) {
        size_t cap = (r->n + frames) * 2;
        float *p = realloc(r->pcm, cap * sizeof *p);
        if (!p) return -1;
        r->pcm = p, r->cap = cap;
    }
    memcpy(r->pcm + r->n, pcm, frames * sizeof *pcm);
    r->n += frames;
    return 0;
}

/* Pushes pcm in pieces of the sizes in steps (cycled), then finishes. */
static run_out run_pieces(const master_config *c, const short *pcm, size_t n, const size_t *steps, size_t nsteps)
{
    char err[200];
    run_out r = {0};
    master *m = master_new(c, err, sizeof err);
    int push_rc = 0;
    for (size_t i = 0, k = 0; i < n; k++) {
        size_t s = steps[k % nsteps] < n - i ? steps[k % nsteps] : n - i;
        push_rc |= master_push(m, pcm + i, s);
        i += s;
    }
    r.rc = push_rc ? -2 : master_finish(m, keep_all, &r, &r.lufs, &r.gain);
    master_free(m);
    return r;
}

/* The worker thread: one frame at a time, odd sizes across the slots, or
 * all at once (more than the queue holds), the measured loudness, the gain
 * and every output sample are the same. */
static void test_push_patterns(void)
{
    const size_t n = (size_t)IN_RATE * 14 + 1234;
    short *b = make_bursts(n), *s = make_sine(n);
    const size_t one[] = {1}, odd[] = {8191, 1, 63, 8193, 4410, 65}, sp[] = {441}, all[] = {n};
    const size_t *pat[] = {one, odd, sp, all};
    const size_t npat[] = {1, 6, 1, 1};
    const char *names[] = {"1-frame pushes", "odd-sized pushes", "441-frame pushes", "one push"};
    const master_config cs[] = {
        {IN_RATE, IN_RATE, 1, -23, -1, 0},    /* the common case: gain only */
        {IN_RATE, 48000, 1, -16, -1, 0},      /* limiter and resampler */
        {IN_RATE, IN_RATE, 0, 0, 0, 0},       /* plain */
        {IN_RATE, 48000, 1, -16, -1, 1},   /* limiter and resampler, the spill in a file */
        {IN_RATE, IN_RATE, 1, -23, -1, 200000},   /* the spill moves to a file part way */
    };
    for (size_t k = 0; k < sizeof cs / sizeof *cs; k++)
        for (int sig = 0; sig < 2; sig++) {
            const short *pcm = sig ? s : b;
            const size_t ref_step[] = {1000};
            run_out ref = run_pieces(&cs[k], pcm, n, ref_step, 1);
            char what[200];
            snprintf(what, sizeof what, "config %zu signal %d: 1000-frame pushes finish (%zu frames out)", k, sig, ref.n);
            CHECK(ref.rc == 0 && ref.n > 0, what);
            for (size_t p = 0; p < sizeof pat / sizeof *pat; p++) {
                run_out r = run_pieces(&cs[k], pcm, n, pat[p], npat[p]);
                snprintf(what, sizeof what, "config %zu signal %d, %s: loudness %.6f gain %.6f, %zu frames, same as 1000-frame pushes",
                         k, sig, names[p], r.lufs, r.gain, r.n);
                CHECK(r.rc == 0 && r.lufs == ref.lufs && r.gain == ref.gain && r.n == ref.n
                      && !memcmp(r.pcm, ref.pcm, r.n * sizeof *r.pcm), what);
                free(r.pcm);
            }
            free(ref.pcm);
        }
    /* where the spill is kept changes nothing */
    const size_t step[] = {4410};
    for (int sig = 0; sig < 2; sig++) {
        const short *pcm = sig ? s : b;
        run_out mem = run_pieces(&cs[1], pcm, n, step, 1), disk = run_pieces(&cs[3], pcm, n, step, 1);
        run_out mem2 = run_pieces(&cs[0], pcm, n, step, 1), part = run_pieces(&cs[4], pcm, n, step, 1);
        CHECK(mem.rc == 0 && disk.rc == 0 && mem.n == disk.n && mem.gain == disk.gain
              && !memcmp(mem.pcm, disk.pcm, mem.n * sizeof *mem.pcm), "limiter: the spill in a file gives the same output as in memory");
        CHECK(mem2.rc == 0 && part.rc == 0 && mem2.n == part.n && mem2.gain == part.gain
              && !memcmp(mem2.pcm, part.pcm, mem2.n * sizeof *mem2.pcm), "gain: a spill moved to a file part way gives the same output");
        free(mem.pcm); free(disk.pcm); free(mem2.pcm); free(part.pcm);
    }
    free(b);
    free(s);
}

/* master_free at any point: before any push, with the worker asleep on a
 * part-filled queue, with the queue full, and after finish. It must join
 * the thread (the test would hang otherwise) and free everything (the
 * sanitized build and valgrind look for leaks). */
static void test_free_anytime(void)
{
    char err[200];
    const master_config c = {IN_RATE, 48000, 1, -23, -1, 0};
    const size_t n = (size_t)IN_RATE * 30;
    short *b = make_bursts(n);
    master *m = master_new(&c, err, sizeof err);
    master_free(m);
    CHECK(1, "free right after new");
    m = master_new(&c, err, sizeof err);
    CHECK(master_push(m, b, 100) == 0, "one small push");
    master_free(m);
    CHECK(1, "free with one small push queued");
    for (size_t pieces = 1; pieces <= 1000; pieces *= 10) {
        m = master_new(&c, err, sizeof err);
        int rc = 0;
        for (size_t i = 0; i < n; i += n / pieces) rc |= master_push(m, b + i, n - i < n / pieces ? n - i : n / pieces);
        CHECK(rc == 0 && fabs(master_duration(m) - 30.0) < 1e-9, "30 s pushed without finish");
        master_free(m);
    }
    CHECK(1, "free without finish after 30 s of pushes");
    free(b);
}

/* A write error of the spill, made by a file size limit: it reaches the
 * caller (push or finish returns -1), later calls are refused, free still
 * joins and frees. */
static void test_spill_error(void)
{
    struct rlimit old, lim;
    if (getrlimit(RLIMIT_FSIZE, &old)) return;
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    lim = old;
    lim.rlim_cur = 256 * 1024;
    if (setrlimit(RLIMIT_FSIZE, &lim)) { signal(SIGXFSZ, was); return; }
    char err[200];
    const master_config c = {IN_RATE, IN_RATE, 1, -23, -1, 1};   /* the spill in a file from the start */
    const size_t n = (size_t)IN_RATE * 60;   /* 2.6 MB of spill: far more than the limit and the queue */
    short *b = make_bursts(n);
    master *m = master_new(&c, err, sizeof err);
    int failed_at = -1;
    for (size_t i = 0; i < n && failed_at < 0; i += 1000)
        if (master_push(m, b + i, n - i < 1000 ? n - i : 1000)) failed_at = (int)(i / 1000);
    printf("  spill limited to 256 KB: push %d of 1000 frames failed\n", failed_at);
    CHECK(failed_at >= 0, "a spill write error stops master_push (the caller waits on the bounded queue)");
    CHECK(master_push(m, b, 10) == -1, "push after the error refused");
    seen s = {0};
    CHECK(master_finish(m, collect, &s, NULL, NULL) == -1 && s.frames == 0, "finish after the error refused, nothing written");
    master_free(m);
    /* a little over the limit: the error may come after the last push, then finish says it */
    m = master_new(&c, err, sizeof err);
    int push_rc = 0;
    for (size_t i = 0; i < 150000; i += 1000) push_rc |= master_push(m, b + i, 1000);
    s = (seen){0};
    int fin = push_rc ? -1 : master_finish(m, collect, &s, NULL, NULL);
    printf("  spill limited to 256 KB, 300 KB pushed: push %d, finish %d\n", push_rc, fin);
    CHECK(push_rc == -1 || fin == -1, "an error just over the limit is reported by push or finish, not lost");
    master_free(m);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, was);
    /* and with room again, all is well */
    m = master_new(&c, err, sizeof err);
    CHECK(master_push(m, b, 150000) == 0, "push after the limit is lifted");
    s = (seen){0};
    CHECK(master_finish(m, collect, &s, NULL, NULL) == 0 && s.frames == 150000, "finish after the limit is lifted");
    master_free(m);
    free(b);
}

int main(void)
{
    test_levels();
    test_silence_and_empty();
    test_plain();
    test_config_and_convert();
    test_intersample_fast_path();
    test_meter_matches_libebur128();
    test_long_silence();
    test_push_patterns();
    test_free_anytime();
    test_spill_error();
    return check_done();
}
