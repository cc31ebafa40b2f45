/* sink — where audio goes, as a small table of functions: a file
 * (libsndfile, written to a temporary name and renamed when complete), the
 * sound device (PortAudio), or nothing (null).
 * Takes 16-bit mono PCM frames; a sink is owned by its opener and freed by close. */
#ifndef DOCBAO_SINK_H
#define DOCBAO_SINK_H
#include <stddef.h>

typedef struct sink sink;

typedef struct sink_ops {
    const char *name;
    int (*write)(sink *s, const short *pcm, size_t frames);
    /* commit: 1 to keep the result (rename the file), 0 to discard it.
     * Frees the sink. Returns 0, or -1 with a message in err. */
    int (*close)(sink *s, int commit, char *err, size_t errlen);
} sink_ops;

struct sink {
    const sink_ops *ops;
    int rate;
    unsigned long long frames; /* written so far */
};

/* Checks that path's format (by its extension) can be written at rate;
 * 0, or -1 with a message. Nothing is created. */
int sink_file_check(const char *path, int rate, char *err, size_t errlen);
/* NULL on error with a message in err. */
sink *sink_file_open(const char *path, int rate, char *err, size_t errlen);
/* The default output device; NULL with a message when there is none. */
sink *sink_device_open(int rate, char *err, size_t errlen);
sink *sink_null_open(int rate);
/* Title, artist, date of a file sink (ignored by other sinks and by formats
 * without metadata). 0, or -1. */
int sink_file_metadata(sink *s, const char *title, const char *artist, const char *date);

static inline int sink_write(sink *s, const short *pcm, size_t frames) { return s->ops->write(s, pcm, frames); }
static inline int sink_close(sink *s, int commit, char *err, size_t errlen) { return s->ops->close(s, commit, err, errlen); }

#endif
