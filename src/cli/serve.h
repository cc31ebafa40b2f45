/* serve.h — what the parts of `docbao serve` share.
 *
 * The HTTP side (serve.c, serve_http.c, serve_speech.c) runs in one process
 * on libmicrohttpd, a thread per connection. eSpeak-NG is one engine per
 * process and not re-entrant, so speech is made by worker processes
 * (serve_worker.c: the same binary run as `docbao serve --worker`), fed from
 * a bounded queue by one thread each (serve_jobs.c). A worker writes the
 * encoded audio and the WebVTT cues into temporary files of the cache folder
 * and tells its thread how far it has got; every request for that speech
 * (the first one and any that ask for the same while it is made) streams the
 * growing file; when it is done the files are put in place atomically under
 * their content hash (serve_cache.c), where later requests find them. */
#ifndef DOCBAO_CLI_SERVE_H
#define DOCBAO_CLI_SERVE_H
#include "docbao.h"
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum { FMT_OPUS, FMT_MP3, FMT_WAV, FMT_N };
extern const char *const serve_ext[FMT_N];  /* "opus" "mp3" "wav" */
extern const char *const serve_mime[FMT_N];

#define SERVE_PATH 1024
#define SERVE_HASH 65 /* 64 hex digits and a NUL */

/* The settings of one piece of speech (part of its hash). */
typedef struct speech_opts {
    char voice[32];    /* a profile name in voices/ */
    int rate;          /* words per minute, 0: the voice's */
    int format;        /* FMT_* */
    int loudness_off;
    double loudness;   /* target LUFS */
    int html;          /* the body is a web page */
} speech_opts;

/* ---- between the server and a worker (pipes; a message is < PIPE_BUF) */
#define WORKER_MAGIC 0x64623136u
typedef struct worker_req {
    uint32_t magic;
    speech_opts o;
    char audio_tmp[SERVE_PATH], vtt_tmp[SERVE_PATH];
    uint64_t len; /* the body follows */
} worker_req;

enum { MSG_PROGRESS = 1, MSG_DONE, MSG_FAIL, MSG_READY };
typedef struct worker_msg {
    uint32_t kind;
    int32_t status;      /* MSG_FAIL: the HTTP status to answer */
    int32_t audio;       /* audio has begun (the first sentence is in the file) */
    uint64_t audio_len, vtt_len;
    double audio_sec, synth_sec;
    char error[160];
} worker_msg;

/* ---- one piece of speech being made */
enum { JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED };
typedef struct job {
    char hash[SERVE_HASH];
    speech_opts o;
    char *body;
    size_t len;
    int audio_fd, vtt_fd;          /* the server's own descriptors of the files being written */
    char *audio_tmp, *vtt_tmp;
    uint64_t audio_len, vtt_len;   /* bytes written so far */
    int state, audio, status;
    char error[160];
    int refs;                      /* the table's, and each reader's */
    pthread_cond_t cond;           /* signalled on each change */
    struct job *next;              /* in the table of jobs not yet done */
    struct job *qnext;             /* in the queue */
} job;

typedef struct web_asset {
    const char *name, *mime;
    char *data;
    size_t len;
    char etag[20];
} web_asset;

typedef struct serve_conf {
    const char *listen, *cache_dir, *data_dir, *cors;
    int workers, queue_max, timeout, job_timeout;
    size_t max_body;
    unsigned long long cache_max;
    double loudness;          /* 0: off */
    int connections;
} serve_conf;

typedef struct server {
    serve_conf conf;
    char data_id[SERVE_HASH];      /* a hash of the lexicon and voices (part of every key) */
    char exe[SERVE_PATH];
    pthread_mutex_t lock;
    pthread_cond_t qcond;
    job *jobs;                     /* not yet done or failed */
    job *qhead, *qtail;
    int queued, busy;
    volatile int stopping;
    struct worker_slot *workers;
    /* metrics (under lock) */
    unsigned long requests[600];
    unsigned long cache_hits, cache_misses, joined, syntheses, failures, rejected;
    double synth_seconds, audio_seconds;
    unsigned long long cache_bytes;
    web_asset assets[3];
    docbao *norm[2];               /* normalization for /v1/normalize: Northern, Southern */
    pthread_mutex_t norm_lock[2];
    int port;
} server;

/* serve.c */
int cli_serve_main(int argc, char **argv);
double serve_now(void);

/* serve_jobs.c: the workers and their queue */
int jobs_start(server *s);
void jobs_stop(server *s);
/* Under s->lock: a job not yet done for this hash, or NULL. */
job *jobs_find(server *s, const char *hash);
/* Under s->lock: a new queued job (takes body), or NULL (queue full: *full set, or no memory). */
job *jobs_submit(server *s, const char *hash, const speech_opts *o, char *body, size_t len, int *full);
void jobs_release(server *s, job *j);

/* serve_cache.c */
void sha256_hex(const void *parts[], const size_t lens[], int n, char out[SERVE_HASH]);
int cache_path(const server *s, const char *hash, const char *ext, char *out, size_t n);
int cache_open(server *s, job *j);      /* the temporary files of a new job */
int cache_commit(server *s, job *j);    /* puts them in place; 0 or -1 */
void cache_discard(job *j);
void cache_scan(server *s);             /* at start: size, stale temporary files */
void cache_evict(server *s);            /* when over the bound: least recently used first */
void cache_touch(const char *path);     /* a hit counts as a use */
int data_fingerprint(const char *data_dir, char out[SERVE_HASH]);

/* serve_http.c: the daemon's request handler */
struct MHD_Daemon *http_start(server *s, int listen_fd);

/* serve_speech.c */
struct MHD_Connection;
int speech_post(server *s, struct MHD_Connection *c, const char *body, size_t len);
int speech_get(server *s, struct MHD_Connection *c, const char *name);
int normalize_post(server *s, struct MHD_Connection *c, const char *body, size_t len);

/* serve_http.c helpers shared with serve_speech.c */
struct MHD_Response;
int http_reply(server *s, struct MHD_Connection *c, unsigned code, struct MHD_Response *r);
int http_error(server *s, struct MHD_Connection *c, unsigned code, const char *msg);
int http_text(server *s, struct MHD_Connection *c, unsigned code, const char *mime, const char *text, size_t len);
void http_common(server *s, struct MHD_Response *r);
int utf8_valid(const char *s, size_t n);
/* serve_speech.c: 0, or an HTTP status with the reason in err */
int serve_check_args(struct MHD_Connection *c, const char *const *allowed, char *err, size_t n);
int serve_check_body(struct MHD_Connection *c, const char *body, size_t len, int *kind, char *err, size_t n);

/* serve_worker.c: the worker process (fds 3 in, 4 out) */
int serve_worker_main(const char *data_dir, double loudness);

/* serve_encode.c: audio into a growing file */
typedef struct encoder encoder;
encoder *enc_open(int format, int fd, int rate_in, double gain_db, char *err, size_t errlen);
int enc_write(encoder *e, const short *pcm, size_t frames);
int enc_close(encoder *e, uint64_t *bytes); /* flushes, fixes the header, says the length; frees e; 0 or -1 */
uint64_t enc_bytes(const encoder *e);

#endif
