/* serve_encode — audio written into a file as it is made, readable at every
 * moment up to enc_bytes(): WAV by hand (a streaming header whose sizes say
 * "unknown", put right at the end), MP3 and Ogg Opus through libsndfile's
 * virtual I/O (neither encoder goes back into what it wrote before closing;
 * at the close the MP3 encoder rewrites its first frame, the LAME info frame
 * placeholder, with the real length). Opus needs 48 kHz: libsoxr resamples.
 * Every sample gets the gain, and a soft clipper holds peaks under -1 dBFS. */
#include "cli/serve.h"
#include <math.h>
#include <sndfile.h>
#include <soxr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CEILING 0.891f /* -1 dBFS */
#define KNEE 0.6f

struct encoder {
    int format, fd;
    uint64_t pos, len, data;
    SNDFILE *sf;
    soxr_t rs;
    float gain;
    float *fbuf, *obuf;
    short *sbuf;
    size_t cap, ocap;
};

const char *const serve_ext[FMT_N] = {"opus", "mp3", "wav"};
const char *const serve_mime[FMT_N] = {"audio/ogg; codecs=opus", "audio/mpeg", "audio/wav"};

static int put(encoder *e, const void *buf, size_t n, uint64_t at)
{
    const char *p = buf;
    while (n) {
        ssize_t w = pwrite(e->fd, p, n, (off_t)at);
        if (w <= 0)
            return -1;
        p += w;
        at += (uint64_t)w;
        n -= (size_t)w;
    }
    if (at > e->len)
        e->len = at;
    return 0;
}

/* libsndfile's virtual I/O over the file */
static sf_count_t v_len(void *u) { return (sf_count_t)((encoder *)u)->len; }
static sf_count_t v_tell(void *u) { return (sf_count_t)((encoder *)u)->pos; }
static sf_count_t v_read(void *p, sf_count_t n, void *u)
{
    encoder *e = u;
    ssize_t r = pread(e->fd, p, (size_t)n, (off_t)e->pos);
    if (r > 0)
        e->pos += (uint64_t)r;
    return r > 0 ? r : 0;
}
static sf_count_t v_write(const void *p, sf_count_t n, void *u)
{
    encoder *e = u;
    if (put(e, p, (size_t)n, e->pos))
        return 0;
    e->pos += (uint64_t)n;
    return n;
}
static sf_count_t v_seek(sf_count_t off, int whence, void *u)
{
    encoder *e = u;
    sf_count_t base = whence == SEEK_CUR ? (sf_count_t)e->pos : whence == SEEK_END ? (sf_count_t)e->len : 0;
    if (base + off < 0)
        return -1;
    e->pos = (uint64_t)(base + off);
    return (sf_count_t)e->pos;
}

static void wav_header(unsigned char h[44], int rate, uint64_t data)
{
    uint32_t d = data > 0xFFFFFFF0u - 36 ? 0xFFFFFFFFu : (uint32_t)data;
    uint32_t riff = d == 0xFFFFFFFFu ? 0xFFFFFFFFu : d + 36;
    uint32_t v[] = {riff, 16, 1 | (1u << 16), (uint32_t)rate, (uint32_t)rate * 2, 2 | (16u << 16), d};
    memcpy(h, "RIFF", 4);
    memcpy(h + 4, &v[0], 4);
    memcpy(h + 8, "WAVEfmt ", 8);
    memcpy(h + 16, &v[1], 4);
    memcpy(h + 20, &v[2], 4);
    memcpy(h + 24, &v[3], 4);
    memcpy(h + 28, &v[4], 4);
    memcpy(h + 32, &v[5], 4);
    memcpy(h + 36, "data", 4);
    memcpy(h + 40, &v[6], 4);
}

static int open_sndfile(encoder *e, int rate, char *err, size_t errlen)
{
    static SF_VIRTUAL_IO vio = {v_len, v_seek, v_read, v_write, v_tell};
    SF_INFO info = {0};
    info.channels = 1;
    info.samplerate = e->format == FMT_OPUS ? 48000 : rate;
    info.format = e->format == FMT_OPUS ? SF_FORMAT_OGG | SF_FORMAT_OPUS : SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
    if (!(e->sf = sf_open_virtual(&vio, SFM_WRITE, &info, e))) {
        snprintf(err, errlen, "libsndfile cannot write %s: %s", serve_ext[e->format], sf_strerror(NULL));
        return -1;
    }
    double level = e->format == FMT_OPUS ? 0.6 : 0.5; /* speech: 32-48 kbit/s is plenty */
    sf_command(e->sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
    if (e->format == FMT_OPUS && rate != 48000) {
        soxr_error_t se;
        soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
        e->rs = soxr_create(rate, 48000, 1, &se, &io, &q, NULL);
        if (!e->rs) {
            snprintf(err, errlen, "libsoxr: %s", se);
            return -1;
        }
    }
    return 0;
}

encoder *enc_open(int format, int fd, int rate_in, double gain_db, char *err, size_t errlen)
{
    encoder *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    e->format = format;
    e->fd = fd;
    e->gain = (float)pow(10.0, gain_db / 20.0);
    if (format == FMT_WAV) {
        unsigned char h[44];
        wav_header(h, rate_in, UINT64_MAX);
        if (!put(e, h, sizeof h, 0))
            return e;
        snprintf(err, errlen, "cannot write the cache file");
    } else if (!open_sndfile(e, rate_in, err, errlen)) {
        return e;
    }
    if (e->sf)
        sf_close(e->sf);
    soxr_delete(e->rs);
    free(e);
    return NULL;
}

static float soft_clip(float x)
{
    float a = fabsf(x);
    if (a <= KNEE)
        return x;
    float y = KNEE + (CEILING - KNEE) * tanhf((a - KNEE) / (CEILING - KNEE));
    return x < 0 ? -y : y;
}

static int grow(encoder *e, size_t frames)
{
    if (frames <= e->cap)
        return 0;
    size_t ocap = frames * 48000 / 22050 + 256;
    float *f = realloc(e->fbuf, frames * sizeof *f), *o = realloc(e->obuf, ocap * sizeof *o);
    short *s = realloc(e->sbuf, (frames > ocap ? frames : ocap) * sizeof *s);
    if (f)
        e->fbuf = f;
    if (o)
        e->obuf = o;
    if (s)
        e->sbuf = s;
    if (!f || !o || !s)
        return -1;
    e->cap = frames;
    e->ocap = ocap;
    return 0;
}

static int put_float(encoder *e, const float *x, size_t n)
{
    for (size_t k = 0; k < n; k++)
        e->sbuf[k] = (short)lrintf(x[k] * 32767.0f);
    if (e->format == FMT_WAV) {
        if (put(e, e->sbuf, n * sizeof(short), 44 + e->data))
            return -1;
        e->data += n * sizeof(short);
        return 0;
    }
    return sf_writef_short(e->sf, e->sbuf, (sf_count_t)n) == (sf_count_t)n ? 0 : -1;
}

int enc_write(encoder *e, const short *pcm, size_t frames)
{
    while (frames) {
        size_t n = frames > 4096 ? 4096 : frames;
        if (grow(e, n))
            return -1;
        for (size_t k = 0; k < n; k++)
            e->fbuf[k] = soft_clip((float)pcm[k] / 32768.0f * e->gain);
        if (e->rs) {
            size_t done = 0;
            if (soxr_process(e->rs, e->fbuf, n, NULL, e->obuf, e->ocap, &done) || put_float(e, e->obuf, done))
                return -1;
        } else if (put_float(e, e->fbuf, n)) {
            return -1;
        }
        pcm += n;
        frames -= n;
    }
    return 0;
}

uint64_t enc_bytes(const encoder *e) { return e->len; }

int enc_close(encoder *e, uint64_t *bytes)
{
    int rc = 0;
    if (e->rs && !grow(e, 4096)) {
        size_t done;
        do { /* the resampler's tail */
            done = 0;
            if (soxr_process(e->rs, NULL, 0, NULL, e->obuf, e->ocap, &done) || put_float(e, e->obuf, done))
                rc = -1;
        } while (done && !rc);
    }
    if (e->sf && sf_close(e->sf))
        rc = -1;
    if (e->format == FMT_WAV) {
        unsigned char h[44];
        uint32_t rate;
        if (pread(e->fd, h, 44, 0) == 44) {
            memcpy(&rate, h + 24, 4);
            wav_header(h, (int)rate, e->data);
            rc |= put(e, h, 44, 0);
        } else {
            rc = -1;
        }
    }
    *bytes = e->len;
    soxr_delete(e->rs);
    free(e->fbuf);
    free(e->obuf);
    free(e->sbuf);
    free(e);
    return rc;
}
