/* pool — helpers are forked copies talking over two pipes each.
 * Request: a 4-byte length and the spoken text. Answer: a 4-byte byte count
 * and the PCM (or 0xFFFFFFFF when synthesis failed). The parent never blocks
 * on one pipe while a helper could be blocked on another: every wait is a
 * poll over all of them, and the requests are written non-blocking. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "pool.h"
#include "fdio.h"
#include "vec.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { MAX_HELPERS = 4, PER_HELPER = 4, ANSWER_PIPE = 1 << 20, SENTENCE_COST = 16 };
#define FAILED 0xFFFFFFFFu

struct req {
    void *tag;
    int helper;
    unsigned char hdr[4];
    size_t hdr_have;
    char *pcm;
    size_t have, need;
    int done;
};

struct helper {
    pid_t pid;
    int to, from; /* the parent's ends */
};

struct synth_pool {
    struct helper h[MAX_HELPERS];
    int nh;
    unsigned long long given[MAX_HELPERS]; /* text bytes sent to each helper */
    struct req ring[MAX_HELPERS * PER_HELPER];
    size_t head, n, cap;
    char err[160];
};

/* ---- the helper's side */

struct collect {
    char *v;
    size_t n, cap;
};

static int collect(void *user, const short *pcm, size_t frames)
{
    struct collect *c = user;
    size_t bytes = frames * sizeof *pcm;
    if (VEC_RESERVE(c->v, c->cap, c->n + bytes))
        return 1;
    memcpy(c->v + c->n, pcm, bytes);
    c->n += bytes;
    return 0;
}

static void helper_main(docbao *db, int in, int out)
{
    signal(SIGINT, SIG_IGN); /* the parent decides; it closes the pipe to stop us */
    signal(SIGTERM, SIG_DFL);
    struct collect c = {NULL, 0, 0};
    char *text = NULL;
    for (;;) {
        uint32_t len;
        if (fd_transfer(in, &len, sizeof len, 0))
            break;
        char *t = realloc(text, (size_t)len + 1);
        if (!t)
            break;
        text = t;
        if (len && fd_transfer(in, text, len, 0))
            break;
        c.n = 0;
        int rc = len ? docbao_synthesize(db, text, len, collect, &c) : 0;
        uint32_t answer = rc || c.n >= FAILED ? FAILED : (uint32_t)c.n;
        if (fd_transfer(out, &answer, sizeof answer, 1) || (answer != FAILED && fd_transfer(out, c.v, c.n, 1)))
            break;
    }
    _exit(0); /* no atexit handlers: the parent's buffers are not ours to flush */
}

/* ---- the parent's side */

synth_pool *pool_new(docbao *db, int helpers)
{
    if (helpers < 1 || helpers > MAX_HELPERS)
        return NULL;
    synth_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->cap = (size_t)helpers * PER_HELPER;
    fflush(NULL); /* nothing buffered is written twice */
    for (int k = 0; k < helpers; k++) {
        int req[2], ans[2];
        if (pipe(req))
            break;
        if (pipe(ans)) {
            close(req[0]);
            close(req[1]);
            break;
        }
        pid_t pid = fork();
        if (pid < 0) {
            close(req[0]); close(req[1]); close(ans[0]); close(ans[1]);
            break;
        }
        if (pid == 0) {
            close(req[1]);
            close(ans[0]);
            for (int j = 0; j < p->nh; j++) { /* the pipes of the helpers before */
                close(p->h[j].to);
                close(p->h[j].from);
            }
            helper_main(db, req[0], ans[1]);
        }
        close(req[0]);
        close(ans[1]);
#ifdef F_SETPIPE_SZ
        fcntl(ans[0], F_SETPIPE_SZ, ANSWER_PIPE); /* a helper rarely waits for us to read */
#endif
        fcntl(req[1], F_SETFL, fcntl(req[1], F_GETFL) | O_NONBLOCK);
        fcntl(req[1], F_SETFD, FD_CLOEXEC);
        fcntl(ans[0], F_SETFD, FD_CLOEXEC);
        p->h[p->nh++] = (struct helper){pid, req[1], ans[0]};
    }
    if (p->nh < helpers) {
        pool_free(p, NULL);
        return NULL;
    }
    return p;
}

const char *pool_error(const synth_pool *p) { return p->err; }

static struct req *at(synth_pool *p, size_t k) { return &p->ring[(p->head + k) % p->cap]; }

static int fail(synth_pool *p, const char *msg)
{
    if (!p->err[0])
        snprintf(p->err, sizeof p->err, "%s", msg);
    return -1;
}

/* Reads what helper k has ready into its oldest unfinished request. */
static int take(synth_pool *p, int k)
{
    struct req *r = NULL;
    for (size_t i = 0; i < p->n && !r; i++)
        if (at(p, i)->helper == k && !at(p, i)->done)
            r = at(p, i);
    if (!r)
        return fail(p, "a synthesis helper wrote when nothing was asked");
    ssize_t got;
    if (r->hdr_have < 4) {
        got = read(p->h[k].from, r->hdr + r->hdr_have, 4 - r->hdr_have);
    } else {
        got = read(p->h[k].from, r->pcm + r->have, r->need - r->have);
    }
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (got <= 0)
        return fail(p, "a synthesis helper stopped");
    if (r->hdr_have < 4) {
        r->hdr_have += (size_t)got;
        if (r->hdr_have < 4)
            return 0;
        uint32_t need;
        memcpy(&need, r->hdr, 4);
        if (need == FAILED)
            return fail(p, "eSpeak-NG failed to synthesize");
        r->need = need;
        if (need && !(r->pcm = malloc(need)))
            return fail(p, "out of memory");
    } else {
        r->have += (size_t)got;
    }
    if (r->have == r->need)
        r->done = 1;
    return 0;
}

/* Waits up to timeout ms for answers (and for helper `writer`'s request pipe
 * to take more, when >= 0), reading what comes. 1 when the pipe can take more. */
static int wait_io(synth_pool *p, int timeout, int writer)
{
    struct pollfd fds[MAX_HELPERS + 1];
    int n = 0, map[MAX_HELPERS];
    for (int k = 0; k < p->nh; k++) {
        int busy = 0;
        for (size_t i = 0; i < p->n; i++)
            busy |= at(p, i)->helper == k && !at(p, i)->done;
        if (busy) {
            map[n] = k;
            fds[n++] = (struct pollfd){p->h[k].from, POLLIN, 0};
        }
    }
    if (writer >= 0)
        fds[n] = (struct pollfd){p->h[writer].to, POLLOUT, 0};
    int r = poll(fds, (nfds_t)(n + (writer >= 0)), timeout);
    if (r < 0)
        return errno == EINTR ? 0 : fail(p, "poll failed");
    for (int i = 0; i < n; i++)
        if (fds[i].revents && take(p, map[i]))
            return -1;
    return writer >= 0 && (fds[n].revents & (POLLOUT | POLLERR | POLLHUP)) ? 1 : 0;
}

/* Gives fn the finished requests at the head, in order. */
static int deliver(synth_pool *p, pool_audio_fn fn, void *user)
{
    while (p->n && at(p, 0)->done) {
        struct req r = *at(p, 0);
        p->head = (p->head + 1) % p->cap;
        p->n--;
        int rc = fn(user, r.tag, (const short *)r.pcm, r.need / sizeof(short));
        free(r.pcm);
        if (rc)
            return rc;
    }
    return 0;
}

static int send_all(synth_pool *p, int k, const char *buf, size_t len)
{
    while (len) {
        ssize_t w = write(p->h[k].to, buf, len);
        if (w > 0) {
            buf += w;
            len -= (size_t)w;
            continue;
        }
        if (w < 0 && errno != EAGAIN && errno != EINTR)
            return fail(p, "a synthesis helper stopped");
        if (wait_io(p, -1, k) < 0)
            return -1;
    }
    return 0;
}

int pool_submit(synth_pool *p, const char *spoken, size_t len, void *tag, pool_audio_fn fn, void *user)
{
    if (p->err[0])
        return -1;
    if (len >= FAILED)
        return fail(p, "a sentence too long to synthesize");
    for (;;) { /* when all are out, the oldest must come back before a new one goes */
        int rc = deliver(p, fn, user);
        if (rc)
            return rc;
        if (p->n < p->cap)
            break;
        if (wait_io(p, -1, -1) < 0)
            return -1;
    }
    /* the helper with the least text so far: balanced work, and the same
     * helper for each sentence on every run (the text alone decides) */
    int k = 0;
    for (int j = 1; j < p->nh; j++)
        if (p->given[j] < p->given[k])
            k = j;
    p->given[k] += len + SENTENCE_COST;
    struct req *r = at(p, p->n++);
    memset(r, 0, sizeof *r);
    r->tag = tag;
    r->helper = k;
    uint32_t l = (uint32_t)len;
    if (send_all(p, k, (const char *)&l, sizeof l) || send_all(p, k, spoken, len))
        return -1;
    if (wait_io(p, 0, -1) < 0)
        return -1;
    return deliver(p, fn, user);
}

int pool_finish(synth_pool *p, pool_audio_fn fn, void *user)
{
    for (;;) {
        int rc = deliver(p, fn, user);
        if (rc)
            return rc;
        if (!p->n)
            return p->err[0] ? -1 : 0;
        if (p->err[0] || wait_io(p, -1, -1) < 0)
            return -1;
    }
}

void pool_free(synth_pool *p, void (*drop)(void *tag))
{
    if (!p)
        return;
    for (; p->n; p->n--) {
        struct req *r = at(p, 0);
        if (drop)
            drop(r->tag);
        free(r->pcm);
        p->head = (p->head + 1) % p->cap;
    }
    for (int k = 0; k < p->nh; k++) {
        close(p->h[k].to); /* end of requests: the helper leaves */
        close(p->h[k].from);
        kill(p->h[k].pid, SIGTERM);
        while (waitpid(p->h[k].pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    free(p);
}
