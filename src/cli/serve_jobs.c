/* serve_jobs — the worker processes and the bounded queue that feeds them.
 * Each worker has a thread here that takes the oldest queued job, hands it
 * to its process, and follows the process's reports, waking every request
 * that streams the job. A worker that dies or runs past the time limit is
 * killed and started again; its job fails (a stream already begun ends
 * without its last chunk, so the client sees it cut). */
#define _GNU_SOURCE /* pipe2 */
#include "cli/serve.h"
#include "fdio.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct worker_slot {
    server *s;
    pid_t pid;
    int to, from;
    pthread_t thread;
    int has_thread;
} worker_slot;

static void reap(worker_slot *w)
{
    if (w->pid > 0) {
        kill(w->pid, SIGKILL);
        while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    if (w->to >= 0)
        close(w->to);
    if (w->from >= 0)
        close(w->from);
    w->pid = -1;
    w->to = w->from = -1;
}

/* A descriptor above the worker's 3 and 4, closed on exec. */
static int high(int fd)
{
    int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    close(fd);
    return h;
}

/* Starts the worker process and waits until it is ready (voice loaded). */
static int spawn(worker_slot *w)
{
    server *s = w->s;
    int req[2], msg[2];
    if (pipe2(req, O_CLOEXEC))
        return -1;
    if (pipe2(msg, O_CLOEXEC)) {
        close(req[0]);
        close(req[1]);
        return -1;
    }
    req[0] = high(req[0]);
    msg[1] = high(msg[1]);
    char loud[32];
    snprintf(loud, sizeof loud, "%g", s->conf.loudness);
    char *argv[] = {"docbao", "serve", "--worker", "--data", (char *)s->conf.data_dir, "--loudness", loud, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, req[0], 3);
    posix_spawn_file_actions_adddup2(&fa, msg[1], 4);
    posix_spawnattr_t at; /* the server's threads block the stop signals; the worker must not */
    sigset_t none, def;
    sigemptyset(&none);
    sigemptyset(&def);
    sigaddset(&def, SIGTERM);
    sigaddset(&def, SIGPIPE);
    posix_spawnattr_init(&at);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &def);
    int rc = posix_spawn(&w->pid, s->exe, &fa, &at, argv, environ);
    posix_spawnattr_destroy(&at);
    posix_spawn_file_actions_destroy(&fa);
    close(req[0]);
    close(msg[1]);
    w->to = req[1];
    w->from = msg[0];
    if (rc) {
        w->pid = -1;
        reap(w);
        return -1;
    }
    worker_msg m;
    struct pollfd p = {w->from, POLLIN, 0};
    if (poll(&p, 1, 60000) <= 0 || fd_transfer(w->from, &m, sizeof m, 0) || m.kind != MSG_READY) {
        reap(w);
        return -1;
    }
    return 0;
}

/* Under s->lock. */
static void unlink_job(server *s, job *j)
{
    for (job **p = &s->jobs; *p; p = &(*p)->next)
        if (*p == j) {
            *p = j->next;
            break;
        }
}

/* The job is over: done (files in place) or failed (files removed). */
static void finish(server *s, job *j, int ok, int status, const char *error, const worker_msg *m)
{
    if (ok && cache_commit(s, j)) {
        ok = 0;
        status = 500;
        error = "cannot write to the cache folder";
    }
    if (!ok)
        cache_discard(j);
    pthread_mutex_lock(&s->lock);
    j->state = ok ? JOB_DONE : JOB_FAILED;
    j->status = status;
    snprintf(j->error, sizeof j->error, "%s", error ? error : "");
    if (m && ok) {
        j->audio_len = m->audio_len;
        j->vtt_len = m->vtt_len;
        s->syntheses++;
        s->synth_seconds += m->synth_sec;
        s->audio_seconds += m->audio_sec;
        s->cache_bytes += m->audio_len + m->vtt_len;
    } else if (!ok) {
        s->failures++;
    }
    unlink_job(s, j);
    pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&s->lock);
    jobs_release(s, j); /* the table's reference */
    if (ok)
        cache_evict(s);
}

static int send_job(worker_slot *w, job *j)
{
    worker_req q;
    memset(&q, 0, sizeof q);
    q.magic = WORKER_MAGIC;
    q.o = j->o;
    snprintf(q.audio_tmp, sizeof q.audio_tmp, "%s", j->audio_tmp);
    snprintf(q.vtt_tmp, sizeof q.vtt_tmp, "%s", j->vtt_tmp);
    q.len = j->len;
    return fd_transfer(w->to, &q, sizeof q, 1) || fd_transfer(w->to, j->body, j->len, 1) ? -1 : 0;
}

/* Follows the worker's reports until the job is over; -1 when the worker must go. */
static int follow(worker_slot *w, job *j)
{
    server *s = w->s;
    double deadline = serve_now() + s->conf.job_timeout;
    for (;;) {
        struct pollfd p = {w->from, POLLIN, 0};
        int left = (int)((deadline - serve_now()) * 1000);
        int r = left > 0 ? poll(&p, 1, left < 1000 ? left : 1000) : 0;
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0 && (left <= 0 || s->stopping)) {
            finish(s, j, 0, 504, s->stopping ? "the server is stopping" : "synthesis took too long", NULL);
            return -1;
        }
        worker_msg m;
        if (r == 0)
            continue;
        if (r < 0 || fd_transfer(w->from, &m, sizeof m, 0)) {
            finish(s, j, 0, 500, "the synthesis worker stopped", NULL);
            return -1;
        }
        if (m.kind == MSG_PROGRESS) {
            pthread_mutex_lock(&s->lock);
            j->audio_len = m.audio_len;
            j->vtt_len = m.vtt_len;
            j->audio |= m.audio;
            pthread_cond_broadcast(&j->cond);
            pthread_mutex_unlock(&s->lock);
            continue;
        }
        m.error[sizeof m.error - 1] = '\0';
        finish(s, j, m.kind == MSG_DONE, m.kind == MSG_DONE ? 200 : m.status, m.error, &m);
        return 0;
    }
}

static void run_job(worker_slot *w, job *j)
{
    if (w->pid <= 0 && spawn(w)) {
        finish(w->s, j, 0, 500, "cannot start a synthesis worker", NULL);
        return;
    }
    if (send_job(w, j)) { /* it died between jobs: once more with a new one */
        reap(w);
        if (spawn(w) || send_job(w, j)) {
            finish(w->s, j, 0, 500, "cannot start a synthesis worker", NULL);
            reap(w);
            return;
        }
    }
    pthread_mutex_lock(&w->s->lock);
    free(j->body); /* the worker has it */
    j->body = NULL;
    pthread_mutex_unlock(&w->s->lock);
    if (follow(w, j))
        reap(w);
}

static void *worker_thread(void *arg)
{
    worker_slot *w = arg;
    server *s = w->s;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        while (!s->qhead && !s->stopping)
            pthread_cond_wait(&s->qcond, &s->lock);
        if (s->stopping) {
            pthread_mutex_unlock(&s->lock);
            break;
        }
        job *j = s->qhead;
        s->qhead = j->qnext;
        if (!s->qhead)
            s->qtail = NULL;
        s->queued--;
        s->busy++;
        j->state = JOB_RUNNING;
        pthread_mutex_unlock(&s->lock);
        run_job(w, j);
        pthread_mutex_lock(&s->lock);
        s->busy--;
        pthread_mutex_unlock(&s->lock);
    }
    return NULL;
}

int jobs_start(server *s)
{
    s->workers = calloc((size_t)s->conf.workers, sizeof *s->workers);
    if (!s->workers)
        return -1;
    for (int k = 0; k < s->conf.workers; k++) {
        worker_slot *w = &s->workers[k];
        *w = (worker_slot){s, -1, -1, -1, 0, 0};
        if (spawn(w)) {
            fprintf(stderr, "docbao serve: a synthesis worker did not start (see its message above)\n");
            return -1;
        }
        if (pthread_create(&w->thread, NULL, worker_thread, w))
            return -1;
        w->has_thread = 1;
    }
    return 0;
}

void jobs_stop(server *s)
{
    pthread_mutex_lock(&s->lock);
    s->stopping = 1;
    pthread_cond_broadcast(&s->qcond);
    for (job *j = s->jobs; j; j = j->next)
        pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&s->lock);
    for (int k = 0; s->workers && k < s->conf.workers; k++) {
        worker_slot *w = &s->workers[k];
        if (w->has_thread)
            pthread_join(w->thread, NULL);
        reap(w);
    }
    while (s->qhead) { /* never started */
        job *j = s->qhead;
        s->qhead = j->qnext;
        finish(s, j, 0, 503, "the server is stopping", NULL);
    }
    free(s->workers);
    s->workers = NULL;
}

job *jobs_find(server *s, const char *hash)
{
    for (job *j = s->jobs; j; j = j->next)
        if (!strcmp(j->hash, hash))
            return j;
    return NULL;
}

job *jobs_submit(server *s, const char *hash, const speech_opts *o, char *body, size_t len, int *full)
{
    *full = s->queued >= s->conf.queue_max;
    job *j = *full || s->stopping ? NULL : calloc(1, sizeof *j);
    if (!j)
        return NULL;
    snprintf(j->hash, sizeof j->hash, "%s", hash);
    j->o = *o;
    j->audio_fd = j->vtt_fd = -1;
    if (cache_open(s, j)) {
        free(j);
        return NULL;
    }
    j->body = body;
    j->len = len;
    j->refs = 1;
    pthread_cond_init(&j->cond, NULL);
    j->next = s->jobs;
    s->jobs = j;
    if (s->qtail)
        s->qtail->qnext = j;
    else
        s->qhead = j;
    s->qtail = j;
    s->queued++;
    pthread_cond_signal(&s->qcond);
    return j;
}

void jobs_release(server *s, job *j)
{
    pthread_mutex_lock(&s->lock);
    int last = --j->refs == 0;
    pthread_mutex_unlock(&s->lock);
    if (!last)
        return;
    if (j->audio_fd >= 0)
        close(j->audio_fd);
    if (j->vtt_fd >= 0)
        close(j->vtt_fd);
    cache_discard(j);
    free(j->body);
    pthread_cond_destroy(&j->cond);
    free(j);
}
