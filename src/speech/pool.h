/* pool — a synthesis backend for docbao_render: helper processes, for files.
 * eSpeak-NG keeps its state in globals, so a second core is used by forking:
 * each helper is a copy of the command with the synthesizer ready, reading
 * spoken sentences from a pipe and writing back their 16-bit PCM. Sentences
 * go to the helpers in turn; their audio comes back through the caller's
 * function in the order they were given. At most two sentences per helper
 * are in flight, so memory is bounded by a few sentences of audio.
 * A helper that dies or fails is an error, never a silent gap. */
#ifndef DOCBAO_POOL_H
#define DOCBAO_POOL_H
#include "docbao.h"
#include <stddef.h>

typedef struct synth_pool synth_pool;

/* Called once per sentence, in order, with all of its audio (frames may be
 * 0). tag is what was given with it. Non-zero stops. */
typedef int (*pool_audio_fn)(void *user, void *tag, const short *pcm, size_t frames);

/* Forks the helpers (call before any audio is written). NULL when it cannot. */
synth_pool *pool_new(docbao *db, int helpers);
/* Queues a sentence (copied), giving fn the audio of earlier ones that is
 * ready. 0, fn's value, or -1 (a helper failed; see pool_error). */
int pool_submit(synth_pool *p, const char *spoken, size_t len, void *tag, pool_audio_fn fn, void *user);
/* Gives fn everything still in flight. 0, fn's value, or -1. */
int pool_finish(synth_pool *p, pool_audio_fn fn, void *user);
/* The tags of sentences never delivered (after a stop or an error) are given
 * to drop (may be NULL); the helpers are stopped and reaped. NULL is fine. */
void pool_free(synth_pool *p, void (*drop)(void *tag));
const char *pool_error(const synth_pool *p);

#endif
