/* serve_http — libmicrohttpd's side: the daemon (a thread per connection,
 * so a stream may wait for the synthesis), request bodies under the size
 * bound, routing, the web page's files, /healthz and /metrics, and the
 * helpers every answer goes through (CORS headers, JSON errors, counts).
 * No path from a request reaches the file system: the page's files are
 * read at start, and audio is found only by its hash (serve_speech.c). */
#include "cli/serve.h"
#include "vec.h"
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct request {
    char *body;
    size_t len, cap;
    int too_big, answered;
} request;

int utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!len || i + (size_t)len > n)
            return 0;
        unsigned lo = 0x80, hi = 0xBF; /* the second byte's range rules out overlongs, surrogates, > U+10FFFF */
        if (c == 0xE0) lo = 0xA0;
        else if (c == 0xED) hi = 0x9F;
        else if (c == 0xF0) lo = 0x90;
        else if (c == 0xF4) hi = 0x8F;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (int k = 2; k < len; k++)
            if ((s[i + (size_t)k] & 0xC0) != 0x80)
                return 0;
        i += (size_t)len;
    }
    return 1;
}

void http_common(server *s, struct MHD_Response *r)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (s->conf.cors) {
        MHD_add_response_header(r, "Access-Control-Allow-Origin", s->conf.cors);
        MHD_add_response_header(r, "Access-Control-Expose-Headers",
                                "X-Docbao-Hash, X-Cache, Location, Link, Content-Range, Accept-Ranges, Retry-After");
    }
}

int http_reply(server *s, struct MHD_Connection *c, unsigned code, struct MHD_Response *r)
{
    if (!r)
        return MHD_NO;
    http_common(s, r);
    int rc = MHD_queue_response(c, code, r);
    MHD_destroy_response(r);
    pthread_mutex_lock(&s->lock);
    if (code < 600)
        s->requests[code]++;
    pthread_mutex_unlock(&s->lock);
    return rc;
}

int http_text(server *s, struct MHD_Connection *c, unsigned code, const char *mime, const char *text, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY);
    if (r && mime)
        MHD_add_response_header(r, "Content-Type", mime);
    if (r)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    return http_reply(s, c, code, r);
}

static struct MHD_Response *json_error(unsigned code, const char *msg)
{
    char buf[600];
    size_t n = (size_t)snprintf(buf, sizeof buf, "{\"status\":%u,\"error\":\"", code);
    for (const char *p = msg; *p && n < sizeof buf - 8; p++) {
        if (*p == '"' || *p == '\\')
            buf[n++] = '\\';
        buf[n++] = (unsigned char)*p < 0x20 ? ' ' : *p;
    }
    n += (size_t)snprintf(buf + n, sizeof buf - n, "\"}\n");
    struct MHD_Response *r = MHD_create_response_from_buffer(n, buf, MHD_RESPMEM_MUST_COPY);
    if (r) {
        MHD_add_response_header(r, "Content-Type", "application/json");
        MHD_add_response_header(r, "Cache-Control", "no-store");
    }
    return r;
}

int http_error(server *s, struct MHD_Connection *c, unsigned code, const char *msg)
{
    struct MHD_Response *r = json_error(code, msg);
    if (r && code == 503)
        MHD_add_response_header(r, "Retry-After", "2");
    return http_reply(s, c, code, r);
}

static int asset(server *s, struct MHD_Connection *c, const web_asset *a)
{
    if (!a->data)
        return http_error(s, c, 404, "the web page's files are not installed (web/ in the data folder)");
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    int same = inm && !strcmp(inm, a->etag);
    struct MHD_Response *r = same ? MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT)
                                  : MHD_create_response_from_buffer(a->len, a->data, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", a->mime);
    MHD_add_response_header(r, "ETag", a->etag);
    MHD_add_response_header(r, "Cache-Control", "public, max-age=300");
    return http_reply(s, c, same ? 304 : 200, r);
}

static int health(server *s, struct MHD_Connection *c)
{
    char buf[400];
    pthread_mutex_lock(&s->lock);
    int n = snprintf(buf, sizeof buf,
                     "{\"status\":\"%s\",\"version\":\"%s\",\"data\":\"%.16s\",\"workers\":%d,\"busy\":%d,\"queued\":%d}\n",
                     s->stopping ? "stopping" : "ok", DOCBAO_VERSION, s->data_id, s->conf.workers, s->busy, s->queued);
    int stopping = s->stopping;
    pthread_mutex_unlock(&s->lock);
    return http_text(s, c, stopping ? 503 : 200, "application/json", buf, (size_t)n);
}

static int metrics(server *s, struct MHD_Connection *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return MHD_NO;
    pthread_mutex_lock(&s->lock);
    fputs("# HELP docbao_requests_total HTTP requests answered, by status.\n# TYPE docbao_requests_total counter\n", f);
    for (int k = 100; k < 600; k++)
        if (s->requests[k])
            fprintf(f, "docbao_requests_total{code=\"%d\"} %lu\n", k, s->requests[k]);
    struct { const char *name, *type, *help; double v; } M[] = {
        {"cache_hits_total", "counter", "Speech requests answered from the cache.", (double)s->cache_hits},
        {"cache_misses_total", "counter", "Speech requests that started a synthesis.", (double)s->cache_misses},
        {"joined_total", "counter", "Speech requests that joined a synthesis under way.", (double)s->joined},
        {"rejected_total", "counter", "Speech requests refused with 503: the queue was full.", (double)s->rejected},
        {"syntheses_total", "counter", "Syntheses completed.", (double)s->syntheses},
        {"synthesis_failures_total", "counter", "Syntheses that failed.", (double)s->failures},
        {"synthesis_seconds_total", "counter", "Wall time spent synthesizing.", s->synth_seconds},
        {"audio_seconds_total", "counter", "Seconds of audio synthesized.", s->audio_seconds},
        {"queue_length", "gauge", "Syntheses waiting for a worker.", (double)s->queued},
        {"workers_busy", "gauge", "Workers synthesizing now.", (double)s->busy},
        {"workers", "gauge", "Worker processes.", (double)s->conf.workers},
        {"cache_bytes", "gauge", "Bytes in the cache folder (as last counted).", (double)s->cache_bytes},
    };
    for (size_t k = 0; k < sizeof M / sizeof M[0]; k++)
        fprintf(f, "# HELP docbao_%s %s\n# TYPE docbao_%s %s\ndocbao_%s %.17g\n", M[k].name, M[k].help, M[k].name,
                M[k].type, M[k].name, M[k].v);
    pthread_mutex_unlock(&s->lock);
    fclose(f);
    int rc = http_text(s, c, 200, "text/plain; version=0.0.4", buf, len);
    free(buf);
    return rc;
}

static int not_allowed(server *s, struct MHD_Connection *c, const char *method, const char *allow)
{
    struct MHD_Response *r;
    if (!strcmp(method, "OPTIONS")) { /* a CORS preflight */
        r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
        if (r && s->conf.cors) {
            MHD_add_response_header(r, "Access-Control-Allow-Methods", allow);
            MHD_add_response_header(r, "Access-Control-Allow-Headers", "Content-Type, Range, Prefer, If-None-Match");
            MHD_add_response_header(r, "Access-Control-Max-Age", "86400");
        }
    } else {
        char msg[120];
        snprintf(msg, sizeof msg, "%s is not allowed here (allowed: %s)", method, allow);
        r = json_error(405, msg);
    }
    if (r)
        MHD_add_response_header(r, "Allow", allow);
    return http_reply(s, c, !strcmp(method, "OPTIONS") ? 204 : 405, r);
}

static int route(server *s, struct MHD_Connection *c, const char *url, const char *method, request *q)
{
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");
    if (!strcmp(url, "/v1/speech") || !strcmp(url, "/v1/normalize")) {
        if (!post)
            return not_allowed(s, c, method, "POST, OPTIONS");
        if (q->too_big)
            return http_error(s, c, 413, "the request body is larger than the server takes (--max-body)");
        return url[4] == 's' ? speech_post(s, c, q->body, q->len) : normalize_post(s, c, q->body, q->len);
    }
    const web_asset *a = NULL;
    if (!strcmp(url, "/") || !strcmp(url, "/index.html"))
        a = &s->assets[0];
    else if (!strcmp(url, "/player.js"))
        a = &s->assets[1];
    else if (!strcmp(url, "/player.css"))
        a = &s->assets[2];
    int known = a || !strcmp(url, "/healthz") || !strcmp(url, "/metrics") || !strncmp(url, "/v1/speech/", 11);
    if (!known)
        return http_error(s, c, 404, "no such resource");
    if (!get)
        return not_allowed(s, c, method, "GET, HEAD, OPTIONS");
    if (a)
        return asset(s, c, a);
    if (!strcmp(url, "/healthz"))
        return health(s, c);
    if (!strcmp(url, "/metrics"))
        return metrics(s, c);
    return speech_get(s, c, url + 11);
}

static int take_body(server *s, request *q, const char *data, size_t n)
{
    if (q->too_big || q->len + n > s->conf.max_body) {
        q->too_big = 1;
        free(q->body);
        q->body = NULL;
        q->len = q->cap = 0;
        return 0;
    }
    if (VEC_RESERVE(q->body, q->cap, q->len + n + 1))
        return -1;
    memcpy(q->body + q->len, data, n);
    q->len += n;
    q->body[q->len] = '\0';
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    server *s = cls;
    request *q = *con_cls;
    if (!q) { /* the headers are in */
        if (!(q = calloc(1, sizeof *q)))
            return MHD_NO;
        *con_cls = q;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (!strcmp(method, "POST") && cl && strtoull(cl, NULL, 10) > s->conf.max_body) {
            q->answered = 1; /* at once: the body is not read */
            return http_error(s, c, 413, "the request body is larger than the server takes (--max-body)");
        }
        return MHD_YES;
    }
    if (q->answered)
        return MHD_YES;
    if (*upload_size) {
        int rc = take_body(s, q, upload, *upload_size);
        *upload_size = 0;
        return rc ? MHD_NO : MHD_YES;
    }
    q->answered = 1;
    return route(s, c, url, method, q) == MHD_YES ? MHD_YES : MHD_NO;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)c;
    (void)why;
    request *q = *con_cls;
    if (q) {
        free(q->body);
        free(q);
        *con_cls = NULL;
    }
}

struct MHD_Daemon *http_start(server *s, int fd)
{
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG;
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_LISTEN_SOCKET, fd,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->conf.timeout, MHD_OPTION_CONNECTION_LIMIT,
                            (unsigned)s->conf.connections, MHD_OPTION_THREAD_STACK_SIZE, (size_t)(512 * 1024),
                            MHD_OPTION_NOTIFY_COMPLETED, on_done, s, MHD_OPTION_END);
}
