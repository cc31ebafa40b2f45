/* serve_speech — the API: POST /v1/speech (the audio, streamed while it is
 * made; or, with "Prefer: respond-async", 202 and where to find it),
 * GET /v1/speech/HASH.EXT (a finished file with Range and ETag, or the
 * stream of one still being made), POST /v1/normalize (the spoken text, or
 * JSON Lines of sentences and tokens as `normalize --json` prints them). */
#define _GNU_SOURCE /* strcasestr */
#include "cli/serve.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct arg_check {
    const char *const *allowed;
    char bad[80];
} arg_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    (void)value;
    arg_check *a = cls;
    for (const char *const *p = a->allowed; *p; p++)
        if (!strcmp(*p, key))
            return MHD_YES;
    snprintf(a->bad, sizeof a->bad, "%s", key);
    return MHD_NO;
}

/* 0, or an HTTP status with the reason in err. */
int serve_check_args(struct MHD_Connection *c, const char *const *allowed, char *err, size_t n)
{
    arg_check a = {allowed, ""};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_arg, &a);
    if (!a.bad[0])
        return 0;
    snprintf(err, n, "unknown option '%s'", a.bad);
    return 400;
}

/* The body's kind from Content-Type: 0 text, 1 HTML; -1 when not taken (415). */
static int body_kind(struct MHD_Connection *c)
{
    const char *t = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (!t)
        return -1;
    size_t n = strcspn(t, "; ");
    int kind = !strncasecmp(t, "text/plain", n) && n == 10 ? 0
               : (!strncasecmp(t, "text/html", n) && n == 9) || (!strncasecmp(t, "application/xhtml+xml", n) && n == 21) ? 1
                                                                                                             : -1;
    const char *cs = strcasestr(t, "charset=");
    if (cs && strncasecmp(cs + 8, "utf-8", 5) && strncasecmp(cs + 8, "\"utf-8\"", 7))
        return -1;
    return kind;
}

/* 0, or an HTTP status with the reason in err. */
int serve_check_body(struct MHD_Connection *c, const char *body, size_t len, int *kind, char *err, size_t n)
{
    if ((*kind = body_kind(c)) < 0)
        return snprintf(err, n, "send the text as Content-Type: text/plain or text/html (UTF-8)"), 415;
    if (!len)
        return snprintf(err, n, "the body is empty: send the text to read"), 400;
    if (!utf8_valid(body, len))
        return snprintf(err, n, "the body is not valid UTF-8 text"), 400;
    return 0;
}

static int voice_ok(server *s, const char *v)
{
    char path[SERVE_PATH];
    struct stat st;
    return *v && strlen(v) < 32 && strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen(v) &&
           snprintf(path, sizeof path, "%s/voices/%s.voice", s->conf.data_dir, v) < (int)sizeof path && !stat(path, &st);
}

static int speech_opts_of(server *s, struct MHD_Connection *c, int kind, speech_opts *o, char *err, size_t n)
{
    static const char *const ALLOWED[] = {"voice", "rate", "format", "loudness", NULL};
    int rc = serve_check_args(c, ALLOWED, err, n);
    if (rc)
        return rc;
    memset(o, 0, sizeof *o);
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "voice");
    snprintf(o->voice, sizeof o->voice, "%s", v ? v : "north");
    if (v && !voice_ok(s, v))
        return snprintf(err, n, "voice '%s': no such voice (north, central, south)", v), 400;
    const char *r = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "rate");
    char *end;
    if (r && ((o->rate = (int)strtol(r, &end, 10)) < 80 || o->rate > 450 || *end || end == r))
        return snprintf(err, n, "rate '%s': give words per minute from 80 to 450", r), 400;
    const char *f = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
    o->format = FMT_MP3;
    if (f && (o->format = !strcmp(f, "opus") ? FMT_OPUS : !strcmp(f, "mp3") ? FMT_MP3 : !strcmp(f, "wav") ? FMT_WAV : -1) < 0)
        return snprintf(err, n, "format '%s': give opus, mp3 or wav", f), 400;
    const char *l = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "loudness");
    o->loudness = s->conf.loudness;
    if (l && !strcmp(l, "off"))
        o->loudness = 0;
    else if (l && ((o->loudness = strtod(l, &end)) < -70 || o->loudness > -5 || *end || end == l))
        return snprintf(err, n, "loudness '%s': give LUFS from -70 to -5, or off", l), 400;
    o->loudness_off = o->loudness == 0;
    o->html = kind;
    return 0;
}

static void speech_hash(server *s, const speech_opts *o, const char *body, size_t len, char out[SERVE_HASH])
{
    char set[160];
    int n = snprintf(set, sizeof set, "voice=%s;rate=%d;format=%s;loudness=%.1f;html=%d", o->voice, o->rate,
                     serve_ext[o->format], o->loudness_off ? 0.0 : o->loudness, o->html);
    const void *parts[] = {"docbao-serve/1", DOCBAO_VERSION, s->data_id, set, body};
    size_t lens[] = {14, strlen(DOCBAO_VERSION), 64, (size_t)n, len};
    sha256_hex(parts, lens, 5, out);
}

/* ---- streaming a job's growing file */
typedef struct stream {
    server *s;
    job *j;
    int vtt;
} stream;

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    stream *st = cls;
    server *s = st->s;
    job *j = st->j;
    pthread_mutex_lock(&s->lock);
    while ((st->vtt ? j->vtt_len : j->audio_len) <= pos && j->state < JOB_DONE && !s->stopping) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_sec += 1;
        pthread_cond_timedwait(&j->cond, &s->lock, &t);
    }
    uint64_t have = st->vtt ? j->vtt_len : j->audio_len;
    int state = j->state;
    pthread_mutex_unlock(&s->lock);
    if (have <= pos)
        return state == JOB_DONE ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
    size_t n = have - pos < max ? (size_t)(have - pos) : max;
    ssize_t got = pread(st->vtt ? j->vtt_fd : j->audio_fd, buf, n, (off_t)pos);
    return got > 0 ? got : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void stream_free(void *cls)
{
    stream *st = cls;
    jobs_release(st->s, st->j);
    free(st);
}

static void speech_headers(struct MHD_Response *r, const char *hash, const char *ext, const char *cache)
{
    char loc[120], link[160];
    snprintf(loc, sizeof loc, "/v1/speech/%s.%s", hash, ext);
    snprintf(link, sizeof link, "</v1/speech/%s.vtt>; rel=\"alternate\"; type=\"text/vtt\"", hash);
    MHD_add_response_header(r, "X-Docbao-Hash", hash);
    MHD_add_response_header(r, "X-Cache", cache);
    MHD_add_response_header(r, "Content-Location", loc);
    MHD_add_response_header(r, "Link", link);
}

/* Streams job j (the caller's reference passes to the stream). */
static int stream_job(server *s, struct MHD_Connection *c, job *j, int vtt, const char *cache)
{
    stream *st = malloc(sizeof *st);
    struct MHD_Response *r = st ? MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32768, stream_read, st, stream_free)
                                : NULL;
    if (!r) {
        free(st);
        jobs_release(s, j);
        return MHD_NO;
    }
    *st = (stream){s, j, vtt};
    const char *ext = vtt ? "vtt" : serve_ext[j->o.format];
    MHD_add_response_header(r, "Content-Type", vtt ? "text/vtt; charset=utf-8" : serve_mime[j->o.format]);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "Accept-Ranges", "none");
    speech_headers(r, j->hash, ext, cache);
    return http_reply(s, c, 200, r);
}

/* "bytes=A-B", "bytes=A-", "bytes=-N" of a file of size: 1 (a range), 0 (none or
 * not one we take: the whole file), -1 (not satisfiable). */
static int parse_range(const char *h, uint64_t size, uint64_t *from, uint64_t *to)
{
    if (!h || strncmp(h, "bytes=", 6) || strchr(h, ','))
        return 0;
    const char *p = h + 6;
    char *end;
    if (*p == '-') {
        uint64_t n = strtoull(p + 1, &end, 10);
        if (end == p + 1 || *end)
            return 0;
        if (!n || !size)
            return -1;
        *from = n > size ? 0 : size - n;
        *to = size - 1;
        return 1;
    }
    *from = strtoull(p, &end, 10);
    if (end == p || *end != '-')
        return 0;
    p = end + 1;
    *to = *p ? strtoull(p, &end, 10) : size - 1;
    if (*p && (*end || end == p))
        return 0;
    if (*from >= size || *to < *from)
        return -1;
    if (*to >= size)
        *to = size - 1;
    return 1;
}

static int serve_file(server *s, struct MHD_Connection *c, const char *hash, const char *ext, int vtt)
{
    char path[SERVE_PATH], etag[80], cr[80];
    struct stat st;
    int fd = cache_path(s, hash, ext, path, sizeof path) ? -1 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st)) {
        if (fd >= 0)
            close(fd);
        return http_error(s, c, 404, "no such speech in the cache (POST the text to /v1/speech)");
    }
    cache_touch(path);
    pthread_mutex_lock(&s->lock);
    s->cache_hits++;
    pthread_mutex_unlock(&s->lock);
    snprintf(etag, sizeof etag, "\"%s\"", hash);
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    uint64_t size = (uint64_t)st.st_size, from = 0, to = size ? size - 1 : 0;
    int range = inm && !strcmp(inm, etag) ? 2 : parse_range(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Range"), size, &from, &to);
    struct MHD_Response *r;
    if (range == 2 || range < 0) {
        close(fd);
        r = range == 2 ? MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT) : NULL;
        if (range < 0) {
            snprintf(cr, sizeof cr, "bytes */%" PRIu64, size);
            r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
            if (r)
                MHD_add_response_header(r, "Content-Range", cr);
        }
    } else {
        r = MHD_create_response_from_fd_at_offset64(size ? to - from + 1 : 0, fd, (int64_t)from);
        if (!r)
            close(fd);
        else if (range == 1) {
            snprintf(cr, sizeof cr, "bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64, from, to, size);
            MHD_add_response_header(r, "Content-Range", cr);
        }
    }
    if (!r)
        return MHD_NO;
    int fmt = 0;
    while (!vtt && fmt < FMT_N - 1 && strcmp(serve_ext[fmt], ext))
        fmt++;
    MHD_add_response_header(r, "Content-Type", vtt ? "text/vtt; charset=utf-8" : serve_mime[fmt]);
    MHD_add_response_header(r, "ETag", etag);
    MHD_add_response_header(r, "Accept-Ranges", "bytes");
    MHD_add_response_header(r, "Cache-Control", "public, max-age=31536000, immutable");
    speech_headers(r, hash, ext, "hit");
    return http_reply(s, c, range == 2 ? 304 : range < 0 ? 416 : range ? 206 : 200, r);
}

static int accepted(server *s, struct MHD_Connection *c, const char *hash, const char *ext, const char *state)
{
    char body[400], loc[120];
    snprintf(loc, sizeof loc, "/v1/speech/%s.%s", hash, ext);
    int n = snprintf(body, sizeof body,
                     "{\"hash\":\"%s\",\"status\":\"%s\",\"audio\":\"%s\",\"vtt\":\"/v1/speech/%s.vtt\"}\n", hash,
                     state, loc, hash);
    struct MHD_Response *r = MHD_create_response_from_buffer((size_t)n, body, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "application/json");
    MHD_add_response_header(r, "Location", loc);
    MHD_add_response_header(r, "Preference-Applied", "respond-async");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    speech_headers(r, hash, ext, state);
    return http_reply(s, c, 202, r);
}

/* Under s->lock: the audio and its cues are both in the cache. */
static int cached(server *s, const char *hash, const char *ext)
{
    char a[SERVE_PATH], v[SERVE_PATH];
    return !cache_path(s, hash, ext, a, sizeof a) && !cache_path(s, hash, "vtt", v, sizeof v) && !access(a, R_OK) &&
           !access(v, R_OK);
}

/* The job for this hash: joined, or new; NULL with *status set otherwise. */
static job *get_job(server *s, const char *hash, const speech_opts *o, const char *body, size_t len, int *status,
                    const char **how)
{
    *status = 0;
    *how = "joined";
    job *j = jobs_find(s, hash);
    if (j) {
        s->joined++;
    } else if (cached(s, hash, serve_ext[o->format])) {
        *status = 200;
        return NULL;
    } else {
        char *copy = malloc(len + 1);
        int full = 0;
        if (copy)
            memcpy(copy, body, len);
        if (!copy || !(j = jobs_submit(s, hash, o, copy, len, &full))) {
            free(copy);
            *status = full || s->stopping ? 503 : 500;
            s->rejected += full;
            return NULL;
        }
        s->cache_misses++;
        *how = "miss";
    }
    j->refs++;
    return j;
}

int speech_post(server *s, struct MHD_Connection *c, const char *body, size_t len)
{
    char err[200], hash[SERVE_HASH];
    speech_opts o;
    int kind, rc = serve_check_body(c, body, len, &kind, err, sizeof err);
    if (rc || (rc = speech_opts_of(s, c, kind, &o, err, sizeof err)))
        return http_error(s, c, (unsigned)rc, err);
    speech_hash(s, &o, body, len, hash);
    const char *prefer = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Prefer"), *how;
    int async = prefer && strstr(prefer, "respond-async"), status;
    pthread_mutex_lock(&s->lock);
    job *j = get_job(s, hash, &o, body, len, &status, &how);
    pthread_mutex_unlock(&s->lock);
    if (status == 200)
        return async ? accepted(s, c, hash, serve_ext[o.format], "done") : serve_file(s, c, hash, serve_ext[o.format], 0);
    if (!j)
        return http_error(s, c, status, status == 503 ? "busy: too many syntheses waiting; try again shortly"
                                                      : "cannot start the synthesis (cache folder)");
    if (async) {
        rc = accepted(s, c, hash, serve_ext[o.format], j->state == JOB_QUEUED ? "queued" : "running");
        jobs_release(s, j);
        return rc;
    }
    pthread_mutex_lock(&s->lock); /* the status is known with the first sentence's audio */
    while (!j->audio && j->state < JOB_DONE && !s->stopping)
        pthread_cond_wait(&j->cond, &s->lock);
    int failed = !j->audio && j->state != JOB_DONE;
    status = j->state == JOB_FAILED ? j->status : 503;
    snprintf(err, sizeof err, "%s", j->state == JOB_FAILED ? j->error : "the server is stopping");
    pthread_mutex_unlock(&s->lock);
    if (failed) {
        jobs_release(s, j);
        return http_error(s, c, (unsigned)status, err);
    }
    return stream_job(s, c, j, 0, how);
}

int speech_get(server *s, struct MHD_Connection *c, const char *name)
{
    char hash[SERVE_HASH];
    const char *dot = strchr(name, '.');
    if (strspn(name, "0123456789abcdef") != 64 || dot != name + 64)
        return http_error(s, c, 404, "no such speech: the name is a 64-digit hash and an extension");
    memcpy(hash, name, 64);
    hash[64] = '\0';
    int vtt = !strcmp(dot + 1, "vtt"), fmt = -1;
    for (int k = 0; k < FMT_N; k++)
        if (!strcmp(dot + 1, serve_ext[k]))
            fmt = k;
    if (!vtt && fmt < 0)
        return http_error(s, c, 404, "no such speech: the extension is opus, mp3, wav or vtt");
    pthread_mutex_lock(&s->lock);
    job *j = jobs_find(s, hash);
    if (j && (vtt || j->o.format == fmt))
        j->refs++;
    else
        j = NULL;
    pthread_mutex_unlock(&s->lock);
    if (j)
        return stream_job(s, c, j, vtt, "joined");
    return serve_file(s, c, hash, dot + 1, vtt);
}
