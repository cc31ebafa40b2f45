/* sink_file — audio files through libsndfile; atomic by temporary file + rename. */
#include "sink.h"
#include "replace.h"
#include <errno.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef struct file_sink {
    sink base;
    SNDFILE *sf;
    char *path, *tmp;
} file_sink;

static int format_of(const char *path, int *format)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return -1;
    static const struct { const char *ext; int fmt; } T[] = {
        {".wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16},
        {".flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16},
        {".ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS},
        {".oga", SF_FORMAT_OGG | SF_FORMAT_VORBIS},
        {".opus", SF_FORMAT_OGG | SF_FORMAT_OPUS},
        {".mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III},
        {".aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16},
        {".au", SF_FORMAT_AU | SF_FORMAT_PCM_16},
    };
    for (size_t k = 0; k < sizeof T / sizeof T[0]; k++)
        if (!strcasecmp(dot, T[k].ext)) {
            *format = T[k].fmt;
            return 0;
        }
    return -1;
}

int sink_file_check(const char *path, int rate, char *err, size_t errlen)
{
    SF_INFO info = {0};
    if (format_of(path, &info.format)) {
        snprintf(err, errlen, "%s: unknown audio format (use .wav, .flac, .ogg, .mp3)", path);
        return -1;
    }
    info.samplerate = rate;
    info.channels = 1;
    if (!sf_format_check(&info)) {
        snprintf(err, errlen, "%s: this libsndfile cannot write that format at %d Hz", path, rate);
        return -1;
    }
    return 0;
}

static int fwrite_pcm(sink *s, const short *pcm, size_t frames)
{
    file_sink *f = (file_sink *)s;
    if (sf_writef_short(f->sf, pcm, (sf_count_t)frames) != (sf_count_t)frames)
        return -1;
    s->frames += frames;
    return 0;
}

static int fclose_sink(sink *s, int commit, char *err, size_t errlen)
{
    file_sink *f = (file_sink *)s;
    int rc = 0;
    if (sf_close(f->sf)) {
        snprintf(err, errlen, "%s: %s", f->path, sf_strerror(NULL));
        rc = -1;
    }
    if (commit && !rc) {
        if (replace_commit(f->tmp, f->path)) {
            snprintf(err, errlen, "%s: %s", f->path, strerror(errno));
            rc = -1;
        }
    }
    if (!commit || rc)
        unlink(f->tmp);
    free(f->path);
    free(f->tmp);
    free(f);
    return rc;
}

static const sink_ops FILE_OPS = {"file", fwrite_pcm, fclose_sink};

int sink_file_metadata(sink *s, const char *title, const char *artist, const char *date)
{
    if (s->ops != &FILE_OPS)
        return 0;
    file_sink *f = (file_sink *)s;
    /* formats without the field refuse it: that is not an error */
    if (title)
        sf_set_string(f->sf, SF_STR_TITLE, title);
    if (artist)
        sf_set_string(f->sf, SF_STR_ARTIST, artist);
    if (date)
        sf_set_string(f->sf, SF_STR_DATE, date);
    sf_set_string(f->sf, SF_STR_SOFTWARE, "docbao");
    return 0;
}

sink *sink_file_open(const char *path, int rate, char *err, size_t errlen)
{
    if (sink_file_check(path, rate, err, errlen))
        return NULL;
    file_sink *f = calloc(1, sizeof *f);
    if (!f || !(f->path = strdup(path))) {
        snprintf(err, errlen, "out of memory");
        free(f);
        return NULL;
    }
    int fd = replace_open(path, &f->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        free(f->path);
        free(f);
        return NULL;
    }
    SF_INFO info = {0};
    format_of(path, &info.format);
    info.samplerate = rate;
    info.channels = 1;
    f->sf = sf_open_fd(fd, SFM_WRITE, &info, 1);
    if (!f->sf) {
        snprintf(err, errlen, "%s: %s", path, sf_strerror(NULL));
        close(fd);
        unlink(f->tmp);
        free(f->path);
        free(f->tmp);
        free(f);
        return NULL;
    }
    f->base.ops = &FILE_OPS;
    f->base.rate = rate;
    return &f->base;
}

static int null_write(sink *s, const short *pcm, size_t frames)
{
    (void)pcm;
    s->frames += frames;
    return 0;
}

static int null_close(sink *s, int commit, char *err, size_t errlen)
{
    (void)commit;
    (void)err;
    (void)errlen;
    free(s);
    return 0;
}

static const sink_ops NULL_OPS = {"null", null_write, null_close};

sink *sink_null_open(int rate)
{
    sink *s = calloc(1, sizeof *s);
    if (s) {
        s->ops = &NULL_OPS;
        s->rate = rate;
    }
    return s;
}
