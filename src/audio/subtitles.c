/* subtitles — SRT and WebVTT writers. */
#include "subtitles.h"
#include "replace.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct subtitles {
    FILE *f;
    char *path, *tmp;
    int vtt;
    unsigned n;
    double last_end;
};

subtitles *subtitles_open(const char *path, char *err, size_t errlen)
{
    const char *dot = strrchr(path, '.');
    int vtt = dot && !strcasecmp(dot, ".vtt");
    if (!dot || (!vtt && strcasecmp(dot, ".srt"))) {
        snprintf(err, errlen, "%s: subtitles must be .srt or .vtt", path);
        return NULL;
    }
    subtitles *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        snprintf(err, errlen, "out of memory");
        free(s);
        return NULL;
    }
    int fd = replace_open(path, &s->tmp);
    if (fd < 0 || !(s->f = fdopen(fd, "w"))) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(s->tmp);
        }
        free(s->path);
        free(s->tmp);
        free(s);
        return NULL;
    }
    s->vtt = vtt;
    if (vtt)
        fputs("WEBVTT\n\n", s->f);
    return s;
}

static void stamp(FILE *f, double t, char sep)
{
    if (t < 0)
        t = 0;
    unsigned long ms = (unsigned long)(t * 1000.0 + 0.5);
    fprintf(f, "%02lu:%02lu:%02lu%c%03lu", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, sep, ms % 1000);
}

int subtitles_cue(subtitles *s, double start, double end, const char *text, size_t len)
{
    if (start < s->last_end)
        start = s->last_end;
    if (end <= start)
        return 0; /* nothing to show */
    s->n++;
    if (!s->vtt)
        fprintf(s->f, "%u\n", s->n);
    stamp(s->f, start, s->vtt ? '.' : ',');
    fputs(" --> ", s->f);
    stamp(s->f, end, s->vtt ? '.' : ',');
    fputc('\n', s->f);
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (ch == '\n' || ch == '\r' || ch == ' ' || ch == '\t') {
            space = 1;
            continue;
        }
        if (space && i)
            fputc(' ', s->f);
        space = 0;
        fputc(ch, s->f);
    }
    fputs("\n\n", s->f);
    s->last_end = end;
    return ferror(s->f) ? -1 : 0;
}

int subtitles_close(subtitles *s, int commit, char *err, size_t errlen)
{
    if (!s)
        return 0;
    int rc = 0;
    if (fclose(s->f)) {
        snprintf(err, errlen, "%s: %s", s->path, strerror(errno));
        rc = -1;
    }
    if (commit && !rc && replace_commit(s->tmp, s->path)) {
        snprintf(err, errlen, "%s: %s", s->path, strerror(errno));
        rc = -1;
    }
    if (!commit || rc)
        unlink(s->tmp);
    free(s->path);
    free(s->tmp);
    free(s);
    return rc;
}
