/* sink_device — the default sound device through PortAudio's blocking API
 * (what is written is exactly what is played). */
#include "sink.h"
#include <fcntl.h>
#include <portaudio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct device_sink {
    sink base;
    PaStream *stream;
} device_sink;

static int dwrite(sink *s, const short *pcm, size_t frames)
{
    device_sink *d = (device_sink *)s;
    PaError e = Pa_WriteStream(d->stream, pcm, (unsigned long)frames);
    if (e != paNoError && e != paOutputUnderflowed)
        return -1;
    s->frames += frames;
    return 0;
}

static int dclose(sink *s, int commit, char *err, size_t errlen)
{
    device_sink *d = (device_sink *)s;
    int rc = 0;
    PaError e = commit ? Pa_StopStream(d->stream) : Pa_AbortStream(d->stream);
    if (e != paNoError) {
        snprintf(err, errlen, "audio device: %s", Pa_GetErrorText(e));
        rc = -1;
    }
    Pa_CloseStream(d->stream);
    Pa_Terminate();
    free(d);
    return rc;
}

static const sink_ops DEVICE_OPS = {"device", dwrite, dclose};

/* ALSA and JACK print noise on stderr while PortAudio probes: hide it */
static PaError quiet_initialize(void)
{
    fflush(stderr);
    int saved = dup(2);
    int devnull = open("/dev/null", O_WRONLY);
    if (saved >= 0 && devnull >= 0)
        dup2(devnull, 2);
    PaError e = Pa_Initialize();
    if (saved >= 0) {
        dup2(saved, 2);
        close(saved);
    }
    if (devnull >= 0)
        close(devnull);
    return e;
}

sink *sink_device_open(int rate, char *err, size_t errlen)
{
    PaError e = quiet_initialize();
    if (e != paNoError) {
        snprintf(err, errlen, "audio: %s", Pa_GetErrorText(e));
        return NULL;
    }
    PaDeviceIndex dev = Pa_GetDefaultOutputDevice();
    if (dev == paNoDevice) {
        Pa_Terminate();
        snprintf(err, errlen, "no audio output device found; write a file instead with -o FILE.wav");
        return NULL;
    }
    PaStreamParameters out = {0};
    out.device = dev;
    out.channelCount = 1;
    out.sampleFormat = paInt16;
    out.suggestedLatency = Pa_GetDeviceInfo(dev)->defaultHighOutputLatency;
    device_sink *d = calloc(1, sizeof *d);
    if (!d) {
        Pa_Terminate();
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    e = Pa_OpenStream(&d->stream, NULL, &out, rate, 1024, paClipOff, NULL, NULL);
    if (e == paNoError)
        e = Pa_StartStream(d->stream);
    if (e != paNoError) {
        snprintf(err, errlen, "audio device: %s; write a file instead with -o FILE.wav", Pa_GetErrorText(e));
        if (d->stream)
            Pa_CloseStream(d->stream);
        Pa_Terminate();
        free(d);
        return NULL;
    }
    d->base.ops = &DEVICE_OPS;
    d->base.rate = rate;
    return &d->base;
}
