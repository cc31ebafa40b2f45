/* serve_worker — a worker process of `docbao serve` (started as
 * `docbao serve --worker`): reads a request on fd 3, writes the audio and
 * the WebVTT cues into the two temporary files it names, sentence by
 * sentence, and tells the server on fd 4 how many bytes of each are there.
 *
 * Loudness: a stream cannot be measured before it is sent, so each voice and
 * rate is measured once on a reference paragraph of news (libebur128) and
 * the gain that brings it to the target is applied to everything it reads;
 * news text lands within about 1 LU of the target (the tests measure it),
 * and a soft clipper holds the peaks under -1 dBFS. `speak -o` files get the
 * exact two-pass normalization instead. */
#include "cli/serve.h"
#include <ebur128.h>
#include "fdio.h"
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define REQ_FD 3
#define MSG_FD 4

static const char CALIBRATION[] =
    "Ngày 23/4/2021, Ủy ban nhân dân tỉnh Bắc Ninh tổ chức hội nghị tổng kết công tác năm.\n"
    "Theo báo cáo, tổng sản phẩm trên địa bàn tăng 6,9% so với cùng kỳ, thu ngân sách đạt hơn 30.000 tỷ đồng.\n"
    "Tỉnh đặt mục tiêu thu hút thêm vốn đầu tư, phát triển hạ tầng giao thông và nâng cao đời sống người dân.\n";

typedef struct calib {
    char voice[32];
    int rate;
    double lufs;
} calib;

typedef struct wstate {
    const char *data_dir;
    docbao *db;
    char voice[32];
    int rate, srate;
    calib cal[16];
    int ncal;
} wstate;

typedef struct wjob {
    wstate *w;
    encoder *enc;
    ebur128_state *meter; /* calibration only */
    int vtt_fd;
    uint64_t audio_len, vtt_len, reported; /* audio_len: once the encoder is closed */
    unsigned long long frames;
    unsigned long sentences;
    int audio, failed;
    double t0, told;
} wjob;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void tell(wjob *j, int kind, int status, const char *error)
{
    worker_msg m;
    memset(&m, 0, sizeof m);
    m.kind = (uint32_t)kind;
    m.status = status;
    m.audio = j->audio;
    m.audio_len = j->enc ? enc_bytes(j->enc) : j->audio_len;
    m.vtt_len = j->vtt_len;
    m.audio_sec = j->w->srate ? (double)j->frames / j->w->srate : 0;
    m.synth_sec = now() - j->t0;
    if (error)
        snprintf(m.error, sizeof m.error, "%s", error);
    if (fd_transfer(MSG_FD, &m, sizeof m, 1))
        _exit(0); /* the server is gone */
    j->reported = m.audio_len + m.vtt_len;
    j->told = now();
}

static int on_pcm(void *user, const short *pcm, size_t frames)
{
    wjob *j = user;
    j->frames += frames;
    if (j->meter)
        return ebur128_add_frames_short(j->meter, pcm, frames) != EBUR128_SUCCESS;
    if (enc_write(j->enc, pcm, frames)) {
        j->failed = 1;
        return 1;
    }
    int first = !j->audio;
    j->audio = 1;
    uint64_t have = enc_bytes(j->enc) + j->vtt_len;
    /* every stream of the job wakes on a report: a few a second of audio, not one per block */
    if (first || (have != j->reported && (have - j->reported >= 65536 || now() - j->told >= 0.02)))
        tell(j, MSG_PROGRESS, 0, NULL);
    return 0;
}

static void stamp(char *out, size_t n, double t)
{
    long ms = lround(t * 1000);
    snprintf(out, n, "%02ld:%02ld:%02ld.%03ld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

/* One WebVTT cue: the written sentence, timed from the audio. */
static int cue(wjob *j, double start, double end, const char *text, size_t len)
{
    char a[32], b[32], *buf = malloc(len * 5 + 96);
    if (!buf)
        return -1;
    stamp(a, sizeof a, start);
    stamp(b, sizeof b, end);
    size_t n = (size_t)sprintf(buf, "%lu\n%s --> %s\n", j->sentences, a, b);
    for (size_t k = 0; k < len; k++) {
        const char *rep = text[k] == '&' ? "&amp;" : text[k] == '<' ? "&lt;" : text[k] == '>' ? "&gt;" : NULL;
        if (rep) {
            memcpy(buf + n, rep, strlen(rep));
            n += strlen(rep);
        } else {
            buf[n++] = text[k] == '\n' || text[k] == '\r' ? ' ' : text[k];
        }
    }
    memcpy(buf + n, "\n\n", 2);
    n += 2;
    ssize_t w = pwrite(j->vtt_fd, buf, n, (off_t)j->vtt_len);
    free(buf);
    if (w != (ssize_t)n)
        return -1;
    j->vtt_len += n;
    return 0;
}

/* After each sentence's audio (docbao_render): its cue, and a report. */
static int on_sentence(void *user, const docbao_sentence *s, double start, double end)
{
    wjob *j = user;
    if (s->spoken_len) {
        j->sentences++;
        if (!j->meter && cue(j, start, end, s->written, s->written_len)) {
            j->failed = 1;
            return 1;
        }
    }
    if (!j->meter && enc_bytes(j->enc) + j->vtt_len != j->reported && now() - j->told >= 0.02)
        tell(j, MSG_PROGRESS, 0, NULL);
    return 0;
}

/* Text (or an HTML page) spoken into the job's encoder, or its meter. A status. */
static int render(wjob *j, const char *text, size_t len, int html)
{
    docbao_input in = {.text = text, .len = len, .html = html};
    docbao_render_options o;
    docbao_render_defaults(&o);
    o.pcm = on_pcm;
    o.sentence = on_sentence;
    o.user = j;
    return docbao_render(j->w->db, &in, 1, &o, NULL);
}

/* The handle for a voice and rate (one at a time: eSpeak-NG is one engine). */
static int use_voice(wstate *w, const char *voice, int rate, char *err, size_t errlen)
{
    if (w->db && !strcmp(w->voice, voice) && w->rate == rate)
        return 0;
    docbao_free(w->db);
    docbao_config cfg = {.data_dir = w->data_dir, .voice = voice, .rate = rate, .dialect = -1, .pitch = -1, .volume = -1};
    w->db = docbao_new(&cfg);
    if (!w->db) {
        snprintf(err, errlen, "%s", docbao_last_error(NULL));
        return -1;
    }
    snprintf(w->voice, sizeof w->voice, "%s", voice);
    w->rate = rate;
    if (!(w->srate = docbao_sample_rate(w->db))) {
        snprintf(err, errlen, "%s", docbao_last_error(w->db));
        docbao_free(w->db);
        w->db = NULL;
        return -1;
    }
    return 0;
}

/* The reference paragraph's loudness with the current voice and rate. */
static double reference_lufs(wstate *w)
{
    for (int k = 0; k < w->ncal; k++)
        if (!strcmp(w->cal[k].voice, w->voice) && w->cal[k].rate == w->rate)
            return w->cal[k].lufs;
    wjob j = {.w = w, .meter = ebur128_init(1, (unsigned long)w->srate, EBUR128_MODE_I), .vtt_fd = -1, .t0 = now()};
    double lufs = -23.0;
    if (j.meter && !render(&j, CALIBRATION, sizeof CALIBRATION - 1, 0))
        ebur128_loudness_global(j.meter, &lufs);
    ebur128_destroy(&j.meter);
    if (!isfinite(lufs))
        lufs = -23.0;
    calib *c = &w->cal[w->ncal < 16 ? w->ncal++ : 15];
    snprintf(c->voice, sizeof c->voice, "%s", w->voice);
    c->rate = w->rate;
    c->lufs = lufs;
    return lufs;
}

static void run(wstate *w, const worker_req *q, const char *body)
{
    char err[512];
    wjob j = {.w = w, .vtt_fd = -1, .t0 = now()};
    if (use_voice(w, q->o.voice, q->o.rate, err, sizeof err)) {
        tell(&j, MSG_FAIL, 500, err);
        return;
    }
    double gain = q->o.loudness_off ? 0.0 : q->o.loudness - reference_lufs(w);
    int afd = open(q->audio_tmp, O_RDWR | O_CLOEXEC);
    j.vtt_fd = open(q->vtt_tmp, O_WRONLY | O_CLOEXEC);
    if (afd < 0 || j.vtt_fd < 0 || !(j.enc = enc_open(q->o.format, afd, w->srate, gain, err, sizeof err)) ||
        pwrite(j.vtt_fd, "WEBVTT\n\n", 8, 0) != 8) {
        if (afd < 0 || j.vtt_fd < 0)
            snprintf(err, sizeof err, "cannot open the cache files: %s", strerror(errno));
        tell(&j, MSG_FAIL, 500, err);
    } else {
        j.vtt_len = 8;
        int rc = render(&j, body, q->len, q->o.html ? 1 : 0);
        if (rc == DOCBAO_EINPUT && !j.sentences && strstr(docbao_last_error(w->db), "nothing to speak"))
            rc = 0; /* told below */
        encoder *e = j.enc;
        int closed = enc_close(e, &j.audio_len);
        j.enc = NULL;
        if (rc || j.failed || closed)
            tell(&j, MSG_FAIL, 500, rc && !j.failed ? docbao_last_error(w->db) : "cannot write the audio");
        else if (!j.sentences)
            tell(&j, MSG_FAIL, 422, "nothing to speak: the text has no words");
        else
            tell(&j, MSG_DONE, 0, NULL);
    }
    if (afd >= 0)
        close(afd);
    if (j.vtt_fd >= 0)
        close(j.vtt_fd);
}

int serve_worker_main(const char *data_dir, double loudness)
{
    signal(SIGINT, SIG_IGN); /* the server stops us by closing the pipe */
    signal(SIGPIPE, SIG_IGN);
    wstate w;
    memset(&w, 0, sizeof w);
    w.data_dir = data_dir;
    char err[512];
    if (use_voice(&w, "north", 0, err, sizeof err)) { /* ready before the first request */
        fprintf(stderr, "docbao serve: worker: %s\n", err);
        return 1;
    }
    if (loudness < 0)
        reference_lufs(&w);
    wjob ready = {.w = &w, .vtt_fd = -1, .t0 = now()};
    tell(&ready, MSG_READY, 0, NULL);
    char *body = NULL;
    for (;;) {
        worker_req q;
        if (fd_transfer(REQ_FD, &q, sizeof q, 0) || q.magic != WORKER_MAGIC || q.len > (1u << 30))
            break;
        char *b = realloc(body, q.len + 1);
        if (!b || (q.len && fd_transfer(REQ_FD, b, q.len, 0)))
            break;
        body = b;
        run(&w, &q, body);
    }
    free(body);
    docbao_free(w.db);
    return 0;
}
