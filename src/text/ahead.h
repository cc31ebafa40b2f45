/* ahead — normalizes the pieces of a long input on worker threads and gives
 * the sentences back in input order, on the caller's thread.
 * The caller pushes pieces (a line, or part of a long one, with its line-end
 * and headline marks). They are gathered into batches of about 64 KiB; each
 * batch is normalized by one worker with a normalizer of its own, or by the
 * caller's thread itself when it would otherwise wait; finished batches are
 * replayed through the caller's function in order. At most two batches per
 * thread are held, so memory does not grow with the input.
 * Batching trades latency for throughput: it suits files, not a pipe whose
 * writer waits for each line to be read (read those with normalize_piece). */
#ifndef DOCBAO_AHEAD_H
#define DOCBAO_AHEAD_H
#include "normalize.h"

typedef struct ahead_sentence {
    const char *written, *spoken;
    size_t written_len, spoken_len;
    int line_end; /* the end-of-line mark after a piece that ends a line (texts empty) */
    int headline;
} ahead_sentence;

/* Non-zero stops: ahead_push or ahead_finish returns it. */
typedef int (*ahead_fn)(void *user, const ahead_sentence *s);

typedef struct ahead ahead;

/* workers threads (besides the caller's) normalize like a normalizer_init'ed
 * one with these settings. NULL when threads or memory are refused. */
ahead *ahead_new(const normalizer *proto, int workers);
/* Queues a piece (copied), and gives fn every sentence of earlier batches
 * that is ready. 0, fn's value, or -1 (out of memory). */
int ahead_push(ahead *a, const char *text, size_t n, int line_end, int headline, ahead_fn fn, void *user);
/* Waits for everything pushed and gives it to fn. 0, fn's value, or -1. */
int ahead_finish(ahead *a, ahead_fn fn, void *user);
/* Stops the workers (a batch being normalized is finished first, then
 * dropped) and frees everything. NULL is fine. */
void ahead_free(ahead *a);

#endif
