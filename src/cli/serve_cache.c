/* serve_cache — the content-addressed cache on disk.
 * A piece of speech is named by the SHA-256 of docbao's version, a hash of
 * its lexicon and voices, the settings and the text: CACHE/<hash>.<format>
 * and CACHE/<hash>.vtt. Files are made under a temporary name beside their
 * place (replace.c) and put there in one step. The folder is held under a
 * size bound: when over it, the least recently used hashes (a hit sets the
 * file's time) go first, until it is under nine tenths of the bound.
 * Several servers may share the folder: nothing here is kept only in memory. */
#include "cli/serve.h"
#include "vec.h"
#include "replace.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- SHA-256 (FIPS 180-4) */
typedef struct sha256 {
    uint32_t h[8];
    unsigned char buf[64];
    uint64_t bytes;
} sha256;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(sha256 *c, const unsigned char *p)
{
    uint32_t w[64], v[8];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    memcpy(v, c->h, sizeof v);
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = v[7] + (ROR(v[4], 6) ^ ROR(v[4], 11) ^ ROR(v[4], 25)) + ((v[4] & v[5]) ^ (~v[4] & v[6])) + K[i] + w[i];
        uint32_t t2 = (ROR(v[0], 2) ^ ROR(v[0], 13) ^ ROR(v[0], 22)) + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof *v);
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
        c->h[i] += v[i];
}

static void sha_init(sha256 *c)
{
    static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, H0, sizeof H0);
    c->bytes = 0;
}

static void sha_update(sha256 *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    while (n) {
        size_t have = c->bytes % 64, k = 64 - have < n ? 64 - have : n;
        memcpy(c->buf + have, p, k);
        c->bytes += k;
        p += k;
        n -= k;
        if (c->bytes % 64 == 0)
            sha_block(c, c->buf);
    }
}

static void sha_final(sha256 *c, char out[SERVE_HASH])
{
    uint64_t bits = c->bytes * 8;
    unsigned char pad[72] = {0x80};
    size_t padlen = (c->bytes % 64 < 56 ? 56 : 120) - c->bytes % 64;
    for (int i = 0; i < 8; i++)
        pad[padlen + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
    sha_update(c, pad, padlen + 8);
    for (int i = 0; i < 8; i++)
        snprintf(out + 8 * i, 9, "%08x", c->h[i]);
}

void sha256_hex(const void *parts[], const size_t lens[], int n, char out[SERVE_HASH])
{
    sha256 c;
    sha_init(&c);
    for (int k = 0; k < n; k++) {
        uint64_t l = lens[k]; /* each part's length first: no two splits hash alike */
        sha_update(&c, &l, sizeof l);
        sha_update(&c, parts[k], lens[k]);
    }
    sha_final(&c, out);
}

static int hash_dir(sha256 *c, const char *dir, const char *suffix)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    if (n < 0)
        return -1;
    for (int k = 0; k < n; k++) {
        const char *name = list[k]->d_name;
        size_t l = strlen(name), sl = strlen(suffix);
        char path[SERVE_PATH], buf[65536];
        FILE *f = NULL;
        if (l > sl && !strcmp(name + l - sl, suffix) && snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path)
            f = fopen(path, "rb");
        if (f) {
            sha_update(c, name, l + 1);
            size_t got;
            while ((got = fread(buf, 1, sizeof buf, f)) > 0)
                sha_update(c, buf, got);
            fclose(f);
        }
        free(list[k]);
    }
    free(list);
    return 0;
}

int data_fingerprint(const char *data_dir, char out[SERVE_HASH])
{
    sha256 c;
    char dir[SERVE_PATH];
    sha_init(&c);
    sha_update(&c, DOCBAO_VERSION, sizeof DOCBAO_VERSION);
    snprintf(dir, sizeof dir, "%s/lexicon", data_dir);
    if (hash_dir(&c, dir, ".tsv"))
        return -1;
    snprintf(dir, sizeof dir, "%s/voices", data_dir);
    if (hash_dir(&c, dir, ".voice"))
        return -1;
    sha_final(&c, out);
    return 0;
}

/* ---- files */
int cache_path(const server *s, const char *hash, const char *ext, char *out, size_t n)
{
    return snprintf(out, n, "%s/%s.%s", s->conf.cache_dir, hash, ext) < (int)n ? 0 : -1;
}

int cache_open(server *s, job *j)
{
    char a[SERVE_PATH], v[SERVE_PATH];
    if (cache_path(s, j->hash, serve_ext[j->o.format], a, sizeof a) || cache_path(s, j->hash, "vtt", v, sizeof v))
        return -1;
    j->audio_fd = replace_open(a, &j->audio_tmp);
    if (j->audio_fd < 0)
        return -1;
    fcntl(j->audio_fd, F_SETFD, FD_CLOEXEC); /* not the workers' */
    j->vtt_fd = replace_open(v, &j->vtt_tmp);
    if (j->vtt_fd >= 0) {
        fcntl(j->vtt_fd, F_SETFD, FD_CLOEXEC);
        return 0;
    }
    close(j->audio_fd);
    j->audio_fd = -1;
    unlink(j->audio_tmp);
    free(j->audio_tmp);
    j->audio_tmp = NULL;
    return -1;
}

void cache_discard(job *j)
{
    if (j->audio_tmp)
        unlink(j->audio_tmp);
    if (j->vtt_tmp)
        unlink(j->vtt_tmp);
    free(j->audio_tmp);
    free(j->vtt_tmp);
    j->audio_tmp = j->vtt_tmp = NULL;
}

int cache_commit(server *s, job *j)
{
    char a[SERVE_PATH], v[SERVE_PATH];
    if (cache_path(s, j->hash, serve_ext[j->o.format], a, sizeof a) || cache_path(s, j->hash, "vtt", v, sizeof v))
        return -1;
    /* the cues first: a request that finds the audio finds its cues */
    if (replace_commit(j->vtt_tmp, v) || replace_commit(j->audio_tmp, a)) {
        unlink(v);
        cache_discard(j);
        return -1;
    }
    free(j->audio_tmp);
    free(j->vtt_tmp);
    j->audio_tmp = j->vtt_tmp = NULL;
    return 0;
}

void cache_touch(const char *path)
{
    struct stat st;
    if (!stat(path, &st) && st.st_mtime < time(NULL) - 60)
        utimensat(AT_FDCWD, path, NULL, 0);
}

/* A cache entry's name: 64 hex digits, a dot, a known extension. */
static int entry_name(const char *name)
{
    size_t n = strspn(name, "0123456789abcdef");
    if (n != 64 || name[64] != '.')
        return 0;
    for (int k = 0; k < FMT_N; k++)
        if (!strcmp(name + 65, serve_ext[k]))
            return 1;
    return !strcmp(name + 65, "vtt");
}

typedef struct entry {
    char hash[SERVE_HASH];
    time_t used;
    unsigned long long bytes;
} entry;

static int by_use(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    return x->used < y->used ? -1 : x->used > y->used;
}

static int by_hash(const void *a, const void *b) { return strcmp(((const entry *)a)->hash, ((const entry *)b)->hash); }

/* The entries of the folder grouped by hash (time: the latest use of its files);
 * stale temporary files (older than old seconds) removed on the way. */
static entry *list_entries(server *s, size_t *count, unsigned long long *total, time_t old)
{
    DIR *d = opendir(s->conf.cache_dir);
    entry *v = NULL;
    size_t n = 0, cap = 0;
    *total = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[SERVE_PATH];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", s->conf.cache_dir, e->d_name) >= (int)sizeof path || lstat(path, &st) ||
            !S_ISREG(st.st_mode))
            continue;
        if (strstr(e->d_name, ".tmp-")) { /* a crashed run's, when old; else someone is writing it */
            if (strspn(e->d_name, "0123456789abcdef") == 64 && st.st_mtime < time(NULL) - old)
                unlink(path);
            continue;
        }
        if (!entry_name(e->d_name))
            continue;
        if (VEC_RESERVE(v, cap, n + 1))
            break;
        memcpy(v[n].hash, e->d_name, 64);
        v[n].hash[64] = '\0';
        v[n].used = st.st_mtime;
        v[n].bytes = (unsigned long long)st.st_blocks * 512;
        *total += v[n].bytes;
        n++;
    }
    if (d)
        closedir(d);
    if (n)
        qsort(v, n, sizeof *v, by_hash);
    size_t m = 0; /* one entry per hash */
    for (size_t k = 0; k < n; k++) {
        if (m && !strcmp(v[m - 1].hash, v[k].hash)) {
            v[m - 1].bytes += v[k].bytes;
            if (v[k].used > v[m - 1].used)
                v[m - 1].used = v[k].used;
        } else {
            v[m++] = v[k];
        }
    }
    *count = m;
    return v;
}

void cache_scan(server *s)
{
    size_t n;
    unsigned long long total;
    free(list_entries(s, &n, &total, 2L * s->conf.job_timeout + 60));
    pthread_mutex_lock(&s->lock);
    s->cache_bytes = total;
    pthread_mutex_unlock(&s->lock);
    cache_evict(s);
}

void cache_evict(server *s)
{
    static pthread_mutex_t evicting = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&s->lock);
    int over = s->cache_bytes > s->conf.cache_max;
    pthread_mutex_unlock(&s->lock);
    if (!over || pthread_mutex_trylock(&evicting))
        return;
    size_t n;
    unsigned long long total;
    entry *v = list_entries(s, &n, &total, 2L * s->conf.job_timeout + 60);
    if (n)
        qsort(v, n, sizeof *v, by_use);
    for (size_t k = 0; k < n && total > s->conf.cache_max / 10 * 9; k++) {
        static const char *const EXTS[] = {"opus", "mp3", "wav", "vtt"};
        for (size_t x = 0; x < 4; x++) {
            char path[SERVE_PATH];
            if (!cache_path(s, v[k].hash, EXTS[x], path, sizeof path))
                unlink(path);
        }
        total -= v[k].bytes;
    }
    free(v);
    pthread_mutex_lock(&s->lock);
    s->cache_bytes = total;
    pthread_mutex_unlock(&s->lock);
    pthread_mutex_unlock(&evicting);
}
