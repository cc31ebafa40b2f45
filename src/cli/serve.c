/* serve — `docbao serve`: the HTTP service ("Nghe bài viết") for news sites.
 *   docbao serve [--listen ADDR:PORT] [--cache DIR] [--workers N] [--queue N] ...
 * Its options are its own (see usage below); the parts are described in
 * serve.h. This file reads the options, makes the cache folder, loads the
 * web page's files, starts the workers and the daemon, and stops them on
 * SIGINT or SIGTERM. */
#include "cli/serve.h"
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

double serve_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void usage(FILE *f)
{
    fputs("usage: docbao serve [OPTIONS]\n"
          "An HTTP service that reads news aloud: POST /v1/speech, POST /v1/normalize,\n"
          "GET /v1/speech/HASH.{opus,mp3,wav,vtt}, the web page at / and the player /player.js.\n\n"
          "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; :8080 for every address,\n"
          "                      [::1]:8080 for IPv6; port 0 picks a free one)\n"
          "  --cache DIR         the audio cache (default $XDG_CACHE_HOME/docbao or ~/.cache/docbao)\n"
          "  --cache-size MB     bound of the cache; least recently used first out (default 1024)\n"
          "  --workers N         synthesis processes (default: the number of cores)\n"
          "  --queue N           syntheses that may wait for a worker; more get 503 (default 256)\n"
          "  --connections N     open connections at most (default 1000)\n"
          "  --max-body BYTES    largest request body, K or M suffix allowed (default 2M)\n"
          "  --timeout S         an idle connection is closed after S seconds (default 30)\n"
          "  --job-timeout S     a synthesis is stopped after S seconds (default 120)\n"
          "  --loudness LUFS     default loudness of the audio (default -16; off)\n"
          "  --cors ORIGIN       Access-Control-Allow-Origin (default *; off for none)\n"
          "  --data DIR          folder with lexicon/, voices/ and web/\n",
          f);
}

static int number(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*end == 'K' || *end == 'k')
        n *= 1024, end++;
    else if (*end == 'M' || *end == 'm')
        n *= 1048576, end++;
    if (end == v || *end || n < lo || n > hi) {
        fprintf(stderr, "docbao serve: %s %s: give a number from %ld to %ld\n", opt, v, lo, hi);
        return -1;
    }
    *out = n;
    return 0;
}

static int parse(int argc, char **argv, serve_conf *c, int *worker)
{
    long n;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 1;
        }
        if (!strcmp(a, "--worker")) {
            *worker = 1;
            continue;
        }
        if (!v) {
            fprintf(stderr, "docbao serve: %s: unknown option, or it needs a value (see docbao serve --help)\n", a);
            return 2;
        }
        i++;
        if (!strcmp(a, "--listen")) c->listen = v;
        else if (!strcmp(a, "--cache")) c->cache_dir = v;
        else if (!strcmp(a, "--data")) c->data_dir = v;
        else if (!strcmp(a, "--cors")) c->cors = strcmp(v, "off") ? v : NULL;
        else if (!strcmp(a, "--loudness") && !strcmp(v, "off")) c->loudness = 0;
        else if (!strcmp(a, "--loudness") && !number(a, v, -70, -5, &n)) c->loudness = (double)n;
        else if (!strcmp(a, "--cache-size") && !number(a, v, 1, 1L << 30, &n)) c->cache_max = (unsigned long long)n << 20;
        else if (!strcmp(a, "--workers") && !number(a, v, 1, 64, &n)) c->workers = (int)n;
        else if (!strcmp(a, "--queue") && !number(a, v, 0, 100000, &n)) c->queue_max = (int)n;
        else if (!strcmp(a, "--connections") && !number(a, v, 1, 100000, &n)) c->connections = (int)n;
        else if (!strcmp(a, "--max-body") && !number(a, v, 1, 1L << 30, &n)) c->max_body = (size_t)n;
        else if (!strcmp(a, "--timeout") && !number(a, v, 1, 3600, &n)) c->timeout = (int)n;
        else if (!strcmp(a, "--job-timeout") && !number(a, v, 1, 86400, &n)) c->job_timeout = (int)n;
        else {
            char key[64];
            snprintf(key, sizeof key, " %s ", a); /* the numeric ones have said what is wrong with the value */
            if (!strstr(" --loudness --cache-size --workers --queue --connections --max-body --timeout --job-timeout ",
                        key))
                fprintf(stderr, "docbao serve: unknown option %s (see docbao serve --help)\n", a);
            return 2;
        }
    }
    return 0;
}

static int default_cache(char *out, size_t n)
{
    const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
    if (x && *x)
        return snprintf(out, n, "%s/docbao", x) < (int)n ? 0 : -1;
    if (h && *h)
        return snprintf(out, n, "%s/.cache/docbao", h) < (int)n ? 0 : -1;
    return snprintf(out, n, "/tmp/docbao-cache-%ld", (long)getuid()) < (int)n ? 0 : -1;
}

/* mkdir -p */
static int make_dir(const char *path)
{
    char p[SERVE_PATH];
    snprintf(p, sizeof p, "%s", path);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0777) && errno != EEXIST)
                return -1;
            *s = '/';
        }
    return mkdir(p, 0777) && errno != EEXIST ? -1 : 0;
}

/* The listening socket: numeric address and port ("host:port", "[v6]:port", ":port"). */
static int listen_on(const char *spec, int *port)
{
    char host[256] = "";
    const char *colon = strrchr(spec, ':');
    if (!colon || colon - spec >= (long)sizeof host) {
        fprintf(stderr, "docbao serve: --listen %s: give ADDR:PORT\n", spec);
        return -1;
    }
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        memmove(host, host + 1, strlen(host));
        host[strlen(host) - 1] = '\0';
    }
    struct addrinfo hints = {0}, *res;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV | AI_NUMERICHOST;
    /* ":PORT" is every address: IPv6 and IPv4 on one socket where there is IPv6 */
    int e = getaddrinfo(host[0] ? host : "::", colon + 1, &hints, &res);
    if (e && !host[0])
        e = getaddrinfo("0.0.0.0", colon + 1, &hints, &res);
    if (e) {
        fprintf(stderr, "docbao serve: --listen %s: %s\n", spec, gai_strerror(e));
        return -1;
    }
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1, zero = 0;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (res->ai_family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) || listen(fd, 1024)) {
        fprintf(stderr, "docbao serve: --listen %s: %s\n", spec, strerror(errno));
        freeaddrinfo(res);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    freeaddrinfo(res);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    *port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                           : ((struct sockaddr_in *)&ss)->sin_port);
    return fd;
}

static void load_assets(server *s)
{
    static const char *const NAMES[3] = {"index.html", "player.js", "player.css"};
    static const char *const MIMES[3] = {"text/html; charset=utf-8", "text/javascript; charset=utf-8",
                                         "text/css; charset=utf-8"};
    for (int k = 0; k < 3; k++) {
        web_asset *a = &s->assets[k];
        char path[SERVE_PATH];
        a->name = NAMES[k];
        a->mime = MIMES[k];
        snprintf(path, sizeof path, "%s/web/%s", s->conf.data_dir, NAMES[k]);
        FILE *f = fopen(path, "rb");
        if (f && !fseek(f, 0, SEEK_END) && (long)(a->len = (size_t)ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) &&
            (a->data = malloc(a->len + 1)) && fread(a->data, 1, a->len, f) == a->len) {
            char h[SERVE_HASH];
            sha256_hex((const void *[]){a->data}, (size_t[]){a->len}, 1, h);
            snprintf(a->etag, sizeof a->etag, "\"%.16s\"", h);
        } else {
            fprintf(stderr, "docbao serve: %s: %s (the page will not be served)\n", path, strerror(errno));
            free(a->data);
            a->data = NULL;
        }
        if (f)
            fclose(f);
    }
}

static int setup(server *s, char *cache, size_t cn)
{
    for (int d = 0; d < 2; d++) {
        docbao_config cfg = {.data_dir = s->conf.data_dir, .voice = "north", .dialect = d, .pitch = -1, .volume = -1};
        if (!(s->norm[d] = docbao_new(&cfg))) {
            fprintf(stderr, "docbao serve: %s\n", docbao_last_error(NULL));
            return -1;
        }
        pthread_mutex_init(&s->norm_lock[d], NULL);
    }
    s->conf.data_dir = docbao_data_dir(s->norm[0]);
    if (data_fingerprint(s->conf.data_dir, s->data_id)) {
        fprintf(stderr, "docbao serve: cannot read %s/lexicon and voices\n", s->conf.data_dir);
        return -1;
    }
    if (!s->conf.cache_dir && default_cache(cache, cn) == 0)
        s->conf.cache_dir = cache;
    if (!s->conf.cache_dir || make_dir(s->conf.cache_dir)) {
        fprintf(stderr, "docbao serve: cache folder %s: %s\n", s->conf.cache_dir ? s->conf.cache_dir : "?",
                strerror(errno));
        return -1;
    }
    ssize_t n = readlink("/proc/self/exe", s->exe, sizeof s->exe - 1);
    if (n <= 0) {
        fprintf(stderr, "docbao serve: cannot find my own program (/proc/self/exe)\n");
        return -1;
    }
    s->exe[n] = '\0';
    load_assets(s);
    cache_scan(s);
    return 0;
}

static void teardown(server *s)
{
    for (int d = 0; d < 2; d++)
        if (s->norm[d]) {
            docbao_free(s->norm[d]);
            pthread_mutex_destroy(&s->norm_lock[d]);
        }
    for (int k = 0; k < 3; k++)
        free(s->assets[k].data);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->qcond);
}

static int run(server *s)
{
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* every thread from here on; the main one waits for them */
    signal(SIGPIPE, SIG_IGN);
    int fd = listen_on(s->conf.listen, &s->port);
    if (fd < 0)
        return 1;
    if (jobs_start(s)) {
        jobs_stop(s);
        close(fd);
        return 1;
    }
    struct MHD_Daemon *d = http_start(s, fd);
    if (!d) {
        fprintf(stderr, "docbao serve: libmicrohttpd did not start\n");
        jobs_stop(s);
        close(fd);
        return 1;
    }
    fprintf(stderr, "docbao serve: listening on %s (port %d), %d workers, cache %s\n", s->conf.listen, s->port,
            s->conf.workers, s->conf.cache_dir);
    int sig;
    sigwait(&stop, &sig);
    fprintf(stderr, "docbao serve: stopping\n");
    MHD_quiesce_daemon(d);
    jobs_stop(s); /* wakes every stream: they end */
    MHD_stop_daemon(d);
    close(fd);
    return 0;
}

int cli_serve_main(int argc, char **argv)
{
    static server s; /* one per process */
    s.conf = (serve_conf){"127.0.0.1:8080", NULL, NULL, "*", 0, 256, 30, 120, 2u << 20, 1024ull << 20, -16.0, 1000};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    s.conf.workers = cores > 0 ? (int)cores : 1;
    int worker = 0, rc = parse(argc, argv, &s.conf, &worker);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (worker)
        return serve_worker_main(s.conf.data_dir, s.conf.loudness);
    pthread_mutex_init(&s.lock, NULL);
    pthread_cond_init(&s.qcond, NULL);
    char cache[SERVE_PATH];
    rc = setup(&s, cache, sizeof cache) ? 1 : run(&s);
    teardown(&s);
    return rc;
}
