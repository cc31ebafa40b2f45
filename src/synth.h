/* synth — the only file that talks to eSpeak-NG (global and not re-entrant:
 * one synth per process, used from one thread).
 * Takes spoken text (eSpeak input, [[...]] phoneme input allowed); gives
 * 16-bit mono PCM at synth_rate() to a callback, synchronously. */
#ifndef DOCBAO_SYNTH_H
#define DOCBAO_SYNTH_H
#include <stddef.h>
#include "strbuf.h"
#include "voice.h"

typedef int (*synth_audio_fn)(void *user, const short *pcm, size_t frames);

/* Initializes eSpeak-NG with the profile's voice and settings. Returns 0,
 * or -1 with a message in err. A second call only changes the settings. */
int synth_open(const voice_profile *v, char *err, size_t errlen);
void synth_close(void);
int synth_rate(void);
int synth_set_rate(int wpm);
/* Synthesizes text; audio goes to fn (whose non-zero return stops it).
 * Returns 0, the callback's value, or -1 on an eSpeak error. */
int synth_speak(const char *text, size_t len, synth_audio_fn fn, void *user);
/* The IPA eSpeak-NG produces for text, as `espeak-ng --ipa` prints it, on one
 * line (clauses joined by spaces). Appends to out. 0, or -1. */
int synth_ipa(const char *text, size_t len, strbuf *out);

#endif
