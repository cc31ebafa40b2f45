/* synth — the only file that talks to eSpeak-NG (global and not re-entrant:
 * one synth per process; a process-wide mutex makes every call safe from any
 * thread, but none may be made from inside the audio callback).
 * Takes spoken text (eSpeak input, [[...]] phoneme input allowed); gives
 * 16-bit mono PCM at synth_rate() to a callback, synchronously. */
#ifndef DOCBAO_SYNTH_H
#define DOCBAO_SYNTH_H
#include <stddef.h>
#include "strbuf.h"
#include "voice.h"

typedef int (*synth_audio_fn)(void *user, const short *pcm, size_t frames);

/* Starts eSpeak-NG (once per process: every handle shares the engine) and
 * checks the profile's voice. Returns 0, or -1 with a message in err. */
int synth_open(const voice_profile *v, char *err, size_t errlen);
/* Nothing to release: the engine stays up for the process (see synth.c). */
void synth_close(void);
/* The sample rate, 0 before eSpeak-NG has started. */
int synth_rate(void);
int synth_set_rate(int wpm);
/* Synthesizes text with v's voice and settings (applied first when the last
 * call used others: two handles with two voices each keep theirs); audio goes
 * to fn (whose non-zero return stops it). Returns 0, the callback's value,
 * or -1 on an eSpeak error. */
int synth_speak(const voice_profile *v, const char *text, size_t len, synth_audio_fn fn, void *user);
/* The IPA eSpeak-NG produces for text in v's voice, as `espeak-ng --ipa`
 * prints it, on one line (clauses joined by spaces). Appends to out. 0, or -1. */
int synth_ipa(const voice_profile *v, const char *text, size_t len, strbuf *out);
/* eSpeak-NG's phonemes for word[0..n) as the language voice reads it (NULL:
 * "en"): IPA, phonemes separated by '_', words by ' ', a stress mark (ˈ or ˌ)
 * before a stressed vowel, e.g. "z_ˈʌ_k_ə_b_ˌɜː_ɡ" for Zuckerberg. Appends to
 * out. Starts eSpeak-NG when nothing has (synth_open need not be called);
 * the next synthesis loads its own voice and settings back, so what it says
 * is unchanged. 0, or -1 (no such voice, no phonemes, out of memory, or
 * called from inside the audio callback). */
int synth_foreign_phonemes(const char *word, size_t n, const char *voice, strbuf *out);

#endif
