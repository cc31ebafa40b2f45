/* ahead — a ring of batches: the caller fills one, workers normalize the
 * queued ones in ring order, the caller replays the done ones in ring order.
 * One mutex guards the states; the buffers of a batch belong to whoever its
 * state names (caller: FREE and DONE; a worker: BUSY). */
#include "ahead.h"
#include "vec.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH_BYTES = 64 * 1024 };
enum state { FREE, QUEUED, BUSY, DONE };

struct piece {
    size_t off, n;
    int line_end, headline;
};

struct rec {
    size_t w_off, w_len, s_off, s_len;
    int line_end, headline;
};

struct batch {
    enum state state;
    int failed; /* out of memory while normalizing */
    strbuf in, out;
    struct piece *pieces;
    size_t npieces, cappieces;
    struct rec *recs;
    size_t nrecs, caprecs;
};

struct worker {
    ahead *a;
    normalizer nz;
    pthread_t thread;
    int started;
};

struct ahead {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    struct batch *ring;
    int nring;
    int fill;     /* the batch the caller is filling */
    int deliver;  /* the oldest batch not yet replayed */
    int take;     /* the next batch for a worker */
    int quit;
    struct worker *workers;
    int nworkers;
    normalizer helper;  /* the caller's, for the batches it takes while it waits */
};

/* normalize_piece's callback in a worker: the sentence into the batch */
struct run {
    struct batch *b;
    const struct piece *p;
};

static int record(void *user, const char *written, size_t wlen, const char *spoken, size_t slen)
{
    struct run *r = user;
    struct batch *b = r->b;
    if (VEC_RESERVE(b->recs, b->caprecs, b->nrecs + 1))
        return -1;
    struct rec *x = &b->recs[b->nrecs];
    x->w_off = (size_t)(written - b->in.s);
    x->w_len = wlen;
    x->s_off = b->out.len;
    x->s_len = slen;
    x->line_end = 0;
    x->headline = r->p->headline;
    if (strbuf_append(&b->out, spoken, slen))
        return -1;
    b->nrecs++;
    return 0;
}

static void normalize_batch(normalizer *nz, struct batch *b)
{
    b->nrecs = 0;
    strbuf_clear(&b->out);
    for (size_t k = 0; k < b->npieces && !b->failed; k++) {
        const struct piece *p = &b->pieces[k];
        struct run r = {b, p};
        if (normalize_piece(nz, b->in.s + p->off, p->n, record, &r)) {
            b->failed = 1;
        } else if (p->line_end) {
            if (VEC_RESERVE(b->recs, b->caprecs, b->nrecs + 1)) {
                b->failed = 1;
            } else {
                struct rec end = {0, 0, b->out.len, 0, 1, p->headline};
                b->recs[b->nrecs++] = end;
            }
        }
    }
}

/* With the mutex held and the next batch QUEUED: normalizes it with nz
 * (the mutex let go meanwhile) and marks it DONE. */
static void normalize_next(ahead *a, normalizer *nz)
{
    struct batch *b = &a->ring[a->take];
    a->take = (a->take + 1) % a->nring;
    b->state = BUSY;
    pthread_mutex_unlock(&a->mu);
    normalize_batch(nz, b);
    pthread_mutex_lock(&a->mu);
    b->state = DONE;
    pthread_cond_broadcast(&a->done);
}

static void *work(void *arg)
{
    struct worker *w = arg;
    ahead *a = w->a;
    pthread_mutex_lock(&a->mu);
    for (;;) {
        while (!a->quit && a->ring[a->take].state != QUEUED)
            pthread_cond_wait(&a->work, &a->mu);
        if (a->quit)
            break;
        normalize_next(a, &w->nz);
    }
    pthread_mutex_unlock(&a->mu);
    return NULL;
}

ahead *ahead_new(const normalizer *proto, int workers)
{
    if (workers < 1)
        workers = 1;
    ahead *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->nring = 2 * (workers + 1);
    a->ring = calloc((size_t)a->nring, sizeof *a->ring);
    a->workers = calloc((size_t)workers, sizeof *a->workers);
    if (!a->ring || !a->workers) {
        free(a->ring);
        free(a->workers);
        free(a);
        return NULL;
    }
    normalizer_init_like(&a->helper, proto);
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->work, NULL);
    pthread_cond_init(&a->done, NULL);
    for (int k = 0; k < workers; k++) {
        struct worker *w = &a->workers[k];
        w->a = a;
        normalizer_init_like(&w->nz, proto);
        a->nworkers++;
        if (pthread_create(&w->thread, NULL, work, w)) {
            ahead_free(a);
            return NULL;
        }
        w->started = 1;
    }
    return a;
}

/* Replays batch k, which is DONE, and frees it. 0, fn's value or -1. */
static int replay(ahead *a, int k, ahead_fn fn, void *user)
{
    struct batch *b = &a->ring[k];
    int rc = b->failed ? -1 : 0;
    for (size_t i = 0; i < b->nrecs && !rc; i++) {
        const struct rec *x = &b->recs[i];
        ahead_sentence s = {strbuf_str(&b->in) + x->w_off, strbuf_str(&b->out) + x->s_off, x->w_len, x->s_len,
                            x->line_end, x->headline};
        rc = fn(user, &s);
    }
    strbuf_clear(&b->in);
    b->npieces = b->nrecs = 0;
    b->failed = 0;
    pthread_mutex_lock(&a->mu);
    b->state = FREE;
    a->deliver = (a->deliver + 1) % a->nring;
    pthread_mutex_unlock(&a->mu);
    return rc;
}

/* Replays the done batches in order; with until >= 0, waits for the next
 * one in order as long as batch `until` is not free. 0, fn's value or -1. */
static int deliver(ahead *a, int until, ahead_fn fn, void *user)
{
    for (;;) {
        pthread_mutex_lock(&a->mu);
        int k = a->deliver;
        while (a->ring[k].state != DONE) {
            if (until < 0 || a->ring[until].state == FREE) {
                pthread_mutex_unlock(&a->mu);
                return 0;
            }
            if (a->ring[a->take].state == QUEUED) { /* rather than wait, normalize one */
                normalize_next(a, &a->helper);
                continue;
            }
            pthread_cond_wait(&a->done, &a->mu);
        }
        pthread_mutex_unlock(&a->mu);
        int rc = replay(a, k, fn, user);
        if (rc)
            return rc;
    }
}

static void queue(ahead *a)
{
    pthread_mutex_lock(&a->mu);
    a->ring[a->fill].state = QUEUED;
    a->fill = (a->fill + 1) % a->nring;
    pthread_cond_broadcast(&a->work);
    pthread_mutex_unlock(&a->mu);
}

int ahead_push(ahead *a, const char *text, size_t n, int line_end, int headline, ahead_fn fn, void *user)
{
    struct batch *b = &a->ring[a->fill]; /* FREE: the caller's */
    if (VEC_RESERVE(b->pieces, b->cappieces, b->npieces + 1))
        return -1;
    struct piece p = {b->in.len, n, line_end, headline};
    if (strbuf_append(&b->in, text, n))
        return -1;
    b->pieces[b->npieces++] = p;
    if (b->in.len < BATCH_BYTES)
        return 0;
    queue(a);
    /* the next batch to fill must be free: replay older ones until it is */
    return deliver(a, a->fill, fn, user);
}

int ahead_finish(ahead *a, ahead_fn fn, void *user)
{
    if (a->ring[a->fill].npieces)
        queue(a);
    int last = (a->fill + a->nring - 1) % a->nring;
    return deliver(a, last, fn, user);
}

void ahead_free(ahead *a)
{
    if (!a)
        return;
    pthread_mutex_lock(&a->mu);
    a->quit = 1;
    pthread_cond_broadcast(&a->work);
    pthread_mutex_unlock(&a->mu);
    for (int k = 0; k < a->nworkers; k++) {
        if (a->workers[k].started)
            pthread_join(a->workers[k].thread, NULL);
        normalizer_free(&a->workers[k].nz);
    }
    normalizer_free(&a->helper);
    for (int k = 0; k < a->nring; k++) {
        struct batch *b = &a->ring[k];
        strbuf_free(&b->in);
        strbuf_free(&b->out);
        free(b->pieces);
        free(b->recs);
    }
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->work);
    pthread_cond_destroy(&a->done);
    free(a->ring);
    free(a->workers);
    free(a);
}
