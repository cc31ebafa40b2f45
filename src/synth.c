/* synth — eSpeak-NG in synchronous mode with a callback. */
#include "synth.h"
#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int g_rate;           /* sample rate, 0 until opened */
static synth_audio_fn g_fn;  /* the current call's sink */
static void *g_user;
static int g_stop;           /* the sink's non-zero answer */

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

int synth_open(const voice_profile *v, char *err, size_t errlen)
{
    if (!g_rate) {
        int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0) {
            snprintf(err, errlen, "eSpeak-NG could not start (is espeak-ng-data installed?)");
            return -1;
        }
        g_rate = rate;
        espeak_SetSynthCallback(on_audio);
    }
    if (espeak_SetVoiceByName(v->espeak_voice) != EE_OK) {
        snprintf(err, errlen, "eSpeak-NG has no voice '%s'", v->espeak_voice);
        return -1;
    }
    espeak_SetParameter(espeakRATE, v->rate, 0);
    espeak_SetParameter(espeakPITCH, v->pitch, 0);
    espeak_SetParameter(espeakRANGE, v->range, 0);
    espeak_SetParameter(espeakVOLUME, v->volume, 0);
    return 0;
}

void synth_close(void)
{
    if (g_rate)
        espeak_Terminate();
    g_rate = 0;
}

int synth_rate(void) { return g_rate; }

int synth_set_rate(int wpm) { return espeak_SetParameter(espeakRATE, wpm, 0) == EE_OK ? 0 : -1; }

int synth_speak(const char *text, size_t len, synth_audio_fn fn, void *user)
{
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

static int discard(void *user, const short *pcm, size_t frames)
{
    (void)user;
    (void)pcm;
    (void)frames;
    return 0;
}

int synth_ipa(const char *text, size_t len, strbuf *out)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&buf, &size);
    if (!mem)
        return -1;
    espeak_SetPhonemeTrace(espeakPHONEMES_IPA, mem);
    int rc = synth_speak(text, len, discard, NULL);
    espeak_SetPhonemeTrace(0, NULL);
    fclose(mem);
    /* one line: clauses joined by a space, no leading or trailing blanks */
    int need_space = 0;
    for (size_t i = 0; rc == 0 && i < size; i++) {
        char ch = buf[i];
        if (ch == '\n' || ch == '\r' || ch == ' ') {
            need_space = out->len > 0;
            continue;
        }
        if (need_space && strbuf_putc(out, ' '))
            rc = -1;
        need_space = 0;
        if (strbuf_putc(out, ch))
            rc = -1;
    }
    free(buf);
    return rc;
}
