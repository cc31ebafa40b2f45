/* voice — reading a voice profile from voices/ (key = value lines, '#' comments).
 * Takes a path; gives the settings, with file:line in the error of a bad line. */
#ifndef DOCBAO_VOICE_H
#define DOCBAO_VOICE_H
#include <stddef.h>
#include "numbers.h"

typedef struct voice_profile {
    char name[64];
    char description[128];
    char espeak_voice[64];   /* vi, vi-vn-x-central, vi-vn-x-south */
    int rate;                /* words per minute, 80..450 */
    int pitch;               /* 0..100 */
    int range;               /* 0..100 */
    int volume;              /* 0..200 */
    int pause_sentence_ms, pause_paragraph_ms, pause_headline_ms;
    num_dialect dialect;
} voice_profile;

/* Defaults of the Northern news reader. */
void voice_defaults(voice_profile *v);
/* Reads path over the defaults. Returns 0, or -1 with "path:line: message". */
int voice_load(const char *path, voice_profile *v, char *err, size_t errlen);

#endif
