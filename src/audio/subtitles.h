/* subtitles — SubRip (.srt) and WebVTT (.vtt) cue files, written atomically.
 * Takes cues in time order (seconds, text as written); gives a file that
 * appears complete under its name on close(commit=1), or not at all. */
#ifndef DOCBAO_SUBTITLES_H
#define DOCBAO_SUBTITLES_H
#include <stddef.h>

typedef struct subtitles subtitles;

/* Format by extension (.srt or .vtt). NULL with a message in err. */
subtitles *subtitles_open(const char *path, char *err, size_t errlen);
/* A cue from start to end seconds. Line breaks in text become spaces; a cue
 * that would overlap the previous one starts where it ended. 0, or -1. */
int subtitles_cue(subtitles *s, double start, double end, const char *text, size_t len);
/* Frees s. commit: rename into place; else remove. 0, or -1 with a message. */
int subtitles_close(subtitles *s, int commit, char *err, size_t errlen);

#endif
