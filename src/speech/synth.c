/* synth — eSpeak-NG in synchronous mode with a callback. One process-wide
 * mutex guards every eSpeak-NG call: the library is global and not
 * re-entrant. eSpeak-NG starts at synth_open, or at the first foreign lookup
 * when nothing has opened it; a lookup loads its language voice, and every
 * synthesis first applies its caller's voice and settings when they are not
 * the loaded ones. */
#include "synth.h"
#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int t_locked; /* this thread holds g_mu (inside a synthesis) */
static int g_rate;           /* sample rate, 0 until eSpeak-NG is started */
static char g_voice[64];     /* the synthesizer's voice, "" while none is open */
static int g_params[4];      /* its rate, pitch, range and volume */
static char g_loaded[64];    /* the voice eSpeak-NG has loaded now */
static synth_audio_fn g_fn;  /* the current call's sink */
static void *g_user;
static int g_stop;           /* the sink's non-zero answer */

static void lock(void)
{
    pthread_mutex_lock(&g_mu);
    t_locked = 1;
}

static void unlock(void)
{
    t_locked = 0;
    pthread_mutex_unlock(&g_mu);
}

static int on_audio(short *wav, int n, espeak_EVENT *events)
{
    (void)events;
    if (g_stop)
        return 1;
    if (wav && n > 0 && g_fn) {
        g_stop = g_fn(g_user, wav, (size_t)n);
        if (g_stop)
            return 1;
    }
    return 0;
}

/* With g_mu held: starts eSpeak-NG once. 0, or -1. */
static int start_locked(void)
{
    if (g_rate)
        return 0;
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0)
        return -1;
    g_rate = rate;
    g_loaded[0] = '\0';
    espeak_SetSynthCallback(on_audio);
    return 0;
}

/* With g_mu held: loads a voice unless it is the loaded one. 0, or -1. */
static int load_voice_locked(const char *name)
{
    if (!strcmp(g_loaded, name))
        return 0;
    g_loaded[0] = '\0';
    if (strlen(name) >= sizeof g_loaded || espeak_SetVoiceByName(name) != EE_OK)
        return -1;
    snprintf(g_loaded, sizeof g_loaded, "%s", name);
    return 0;
}

/* With g_mu held: v's voice and settings applied unless they are already. 0, or -1. */
static int apply_locked(const voice_profile *v)
{
    int values[4] = {v->rate, v->pitch, v->range, v->volume};
    if (!strcmp(g_voice, v->espeak_voice) && !strcmp(g_loaded, g_voice) && !memcmp(values, g_params, sizeof values))
        return 0;
    if (strlen(v->espeak_voice) >= sizeof g_voice || load_voice_locked(v->espeak_voice))
        return -1;
    snprintf(g_voice, sizeof g_voice, "%s", v->espeak_voice);
    static const espeak_PARAMETER P[4] = {espeakRATE, espeakPITCH, espeakRANGE, espeakVOLUME};
    for (int i = 0; i < 4; i++) {
        g_params[i] = values[i];
        espeak_SetParameter(P[i], values[i], 0);
    }
    return 0;
}

int synth_open(const voice_profile *v, char *err, size_t errlen)
{
    lock();
    int rc = -1;
    if (start_locked())
        snprintf(err, errlen, "eSpeak-NG could not start (is espeak-ng-data installed?)");
    else if (apply_locked(v))
        snprintf(err, errlen, "eSpeak-NG has no voice '%s'", v->espeak_voice);
    else
        rc = 0;
    unlock();
    return rc;
}

/* Nothing to close: eSpeak-NG is one engine for the process, shared by every
 * handle, each of which applies its own voice at each call; it stays up and
 * its memory stays reachable (in 1.51 an espeak_Initialize after
 * espeak_Terminate hangs in the next espeak_Terminate). */
void synth_close(void) {}

int synth_rate(void)
{
    lock();
    int rate = g_rate;
    unlock();
    return rate;
}

int synth_set_rate(int wpm)
{
    lock();
    int rc = g_voice[0] && espeak_SetParameter(espeakRATE, wpm, 0) == EE_OK ? 0 : -1;
    if (!rc)
        g_params[0] = wpm;
    unlock();
    return rc;
}

/* With g_mu held: synth_speak's work. */
static int speak_locked(const voice_profile *v, const char *text, size_t len, synth_audio_fn fn, void *user)
{
    if (start_locked() || apply_locked(v))
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    g_fn = fn;
    g_user = user;
    g_stop = 0;
    espeak_ERROR e = espeak_Synth(copy, len + 1, 0, POS_CHARACTER, 0,
                                  espeakCHARS_UTF8 | espeakPHONEMES, NULL, NULL);
    free(copy);
    g_fn = NULL;
    if (g_stop)
        return g_stop;
    return e == EE_OK ? 0 : -1;
}

int synth_speak(const voice_profile *v, const char *text, size_t len, synth_audio_fn fn, void *user)
{
    if (t_locked) /* from inside a synthesis (the audio callback) */
        return -1;
    lock();
    int rc = speak_locked(v, text, len, fn, user);
    unlock();
    return rc;
}

static int discard(void *user, const short *pcm, size_t frames)
{
    (void)user;
    (void)pcm;
    (void)frames;
    return 0;
}

/* Appends buf[0..size) on one line: runs of blanks and newlines become one
 * space, none leading or trailing. 0, or -1. */
static int put_one_line(strbuf *out, const char *buf, size_t size)
{
    int need_space = 0;
    for (size_t i = 0; i < size; i++) {
        char ch = buf[i];
        if (ch == '\n' || ch == '\r' || ch == ' ') {
            need_space = out->len > 0;
            continue;
        }
        if (need_space && strbuf_putc(out, ' '))
            return -1;
        need_space = 0;
        if (strbuf_putc(out, ch))
            return -1;
    }
    return 0;
}

int synth_ipa(const voice_profile *v, const char *text, size_t len, strbuf *out)
{
    if (t_locked)
        return -1;
    char *buf = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&buf, &size);
    if (!mem)
        return -1;
    lock();
    espeak_SetPhonemeTrace(espeakPHONEMES_IPA, mem);
    int rc = speak_locked(v, text, len, discard, NULL);
    espeak_SetPhonemeTrace(0, NULL);
    unlock();
    fclose(mem);
    if (rc == 0 && put_one_line(out, buf, size))
        rc = -1;
    free(buf);
    return rc;
}

/* With g_mu held: the phonemes of a NUL-terminated text in the loaded voice,
 * clause by clause, joined by spaces. 0, or -1 when there are none. */
static int phonemes_locked(const char *text, strbuf *out)
{
    size_t start = out->len;
    const void *p = text;
    while (p) {
        const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, espeakPHONEMES_IPA | ('_' << 8));
        if (!ph || !*ph)
            continue;
        if ((out->len > start && strbuf_putc(out, ' ')) || strbuf_puts(out, ph)) {
            strbuf_truncate(out, start);
            return -1;
        }
    }
    return out->len > start ? 0 : -1;
}

int synth_foreign_phonemes(const char *word, size_t n, const char *voice, strbuf *out)
{
    if (t_locked || n == 0)
        return -1;
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, word, n);
    copy[n] = '\0';
    lock();
    /* the synthesizer's voice is loaded back by the next synthesis (apply_locked),
     * not here: eSpeak-NG keeps a little memory at each voice load */
    int rc = start_locked() || load_voice_locked(voice ? voice : "en") ? -1 : phonemes_locked(copy, out);
    unlock();
    free(copy);
    return rc;
}
