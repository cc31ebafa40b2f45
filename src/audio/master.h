/* master — the broadcast stage between synthesis and the file sink:
 * integrated loudness normalization (EBU R128 / ITU-R BS.1770 through
 * libebur128) with the true peak held under a ceiling, and sample-rate
 * conversion (libsoxr, SOXR_HQ).
 *
 * Two passes, because loudness is a property of the whole programme.
 * The measuring runs on a second thread, so that the caller can go on
 * synthesizing: master_push() only copies the 16-bit PCM into blocks of a
 * bounded queue (2 MB; a push waits while it is full) read by a worker
 * thread of the master, started at the first push. The worker spills the
 * PCM (spill.h: in memory up to master_config.memory, then an anonymous
 * temporary file), measures it with
 * libebur128, keeps the largest |sample| of every 64-frame block and the
 * largest true-peak estimate (4x oversampling, the BS.1770 method, run
 * only where a block's bound could raise it). master_finish() lets the
 * worker empty the queue and joins it, then computes the gain; only if the
 * gain would take the largest estimate over the ceiling does it run a
 * lookahead limiter, estimating the blocks that may need limiting and
 * measuring the (cheap, input-rate) gain + limiter chain dry to correct the
 * gain for what the limiter takes away. The real pass, on the caller's
 * thread, applies the gain, resamples, clips to -1..1 and hands the blocks
 * to a callback. An error of the worker (a failed write to the temporary
 * file) comes back from the next master_push() or from master_finish().
 * The spill takes 2 bytes per input frame (16 MB for 6 minutes): in memory
 * up to the limit (32 MB by default), on disk beyond; the estimates of the
 * blocks that may need limiting go to a temporary file; other memory: the
 * queue (2 MB), and a byte or two per 64 frames (about 0.3 MB for 7 minutes).
 * A master is owned by its creator, used from one thread at a time (and not
 * in a child forked after its first push: the worker is not there), and freed
 * by master_free() at any point (it stops and joins the worker). Its only
 * shared state is a lock around libebur128's own file-scope constants, so
 * several can run at once (one per thread). */
#ifndef DOCBAO_MASTER_H
#define DOCBAO_MASTER_H
#include <stddef.h>

typedef struct master master;

/* Receives mono float PCM in -1..1 at out_rate; the block belongs to the
 * master and is only valid during the call. A non-zero return stops
 * master_finish, which returns that value. */
typedef int (*master_write_fn)(void *user, const float *pcm, size_t frames);

typedef struct master_config {
    int in_rate;               /* Hz of the pushed PCM (eSpeak-NG: 22050) */
    int out_rate;              /* Hz written; 8000..192000 (equal to in_rate: no resampling) */
    int normalize;             /* 0: no gain, no limiter (only resampling and clipping) */
    double target_lufs;        /* integrated loudness wanted, e.g. -16 (web) or -23 (EBU R128) */
    double max_true_peak_dbtp; /* true-peak ceiling, e.g. -1 */
    size_t memory;             /* bytes of PCM kept in memory before a temporary
                                * file takes it all (0: 32 MB, 12 min at 22,050 Hz) */
} master_config;

/* The config is copied. NULL with a message in err on a bad config or when
 * a library refuses. */
master *master_new(const master_config *c, char *err, size_t errlen);

/* Appends frames (copied: queued to the worker, which spills them to the
 * temporary file). 0, or -1 (a write error of the worker, on these frames
 * or earlier ones; out of memory; called after master_finish or after an
 * error). */
int master_push(master *m, const short *pcm, size_t frames);

/* Waits for the worker to measure everything pushed, then applies gain and
 * resampling and writes everything through fn, on the calling thread. Fills
 * the measured values. 0, fn's value, or -1 (a write error of the worker too).
 * in_lufs: integrated loudness of what was pushed (-HUGE_VAL for silence or
 * no frames); out_gain_db: the gain applied before the limiter (0 when
 * normalize is 0, or the input is silent). Either pointer may be NULL.
 * Silence or zero frames get no gain; zero frames call fn never. Call once. */
int master_finish(master *m, master_write_fn fn, void *user, double *in_lufs, double *out_gain_db);

void master_free(master *m);   /* NULL fine; stops the worker, removes temp data */
double master_duration(const master *m); /* seconds pushed so far */

/* Converts n floats to 16-bit with clipping and rounding to nearest (for a
 * sink that takes shorts, from inside a master_write_fn). in and out may not
 * overlap. */
void master_to_s16(const float *in, short *out, size_t n);

#endif
