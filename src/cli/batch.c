/* batch — `docbao batch -o OUTDIR INPUT...`: one audio file per article for a
 * radio producer. Each article is spoken in a worker process of its own (eSpeak-NG
 * is global, so one instance per process), up to --jobs at a time. Articles whose
 * output is up to date (same input bytes, same settings) are skipped; one bad
 * article does not stop the others; a manifest lists every output. */
#include "cli/cli.h"
#include "vec.h"
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct article {
    char *in;        /* input path */
    char *name;      /* output base name, unique in the run */
    char key[17];    /* hash of input bytes and settings */
    int status;      /* 0 pending, 1 done, 2 skipped, 3 failed */
    double seconds;  /* audio duration */
    double lufs;     /* loudness of the file */
    char why[256];   /* failure reason */
    pid_t pid;
} article;

typedef struct list {
    article *v;
    size_t n, cap;
} list;

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}
#define FNV0 1469598103934665603ULL

static int add(list *l, const char *path)
{
    if (VEC_RESERVE(l->v, l->cap, l->n + 1))
        return -1;
    memset(&l->v[l->n], 0, sizeof l->v[0]);
    if (!(l->v[l->n].in = strdup(path)))
        return -1;
    l->n++;
    return 0;
}

static int article_file(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm"));
}

/* folders: every .txt/.html below them */
static int walk(list *l, const char *dir, int depth)
{
    if (depth > 32)
        return 0;
    DIR *d = opendir(dir);
    if (!d) {
        cli_die("%s: %s", dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st))
            continue;
        if (S_ISDIR(st.st_mode))
            rc = walk(l, path, depth + 1);
        else if (S_ISREG(st.st_mode) && article_file(e->d_name))
            rc = add(l, path);
    }
    closedir(d);
    return rc;
}

static int collect(const cli *c, list *l)
{
    for (int k = 0; k < c->nfiles; k++) {
        const char *a = c->files[k];
        struct stat st;
        if (!strcmp(a, "-")) { /* a list of paths on stdin */
            char line[4096];
            while (fgets(line, sizeof line, stdin)) {
                line[strcspn(line, "\r\n")] = '\0';
                if (line[0] && add(l, line))
                    return -1;
            }
        } else if (!stat(a, &st) && S_ISDIR(st.st_mode)) {
            if (walk(l, a, 0))
                return -1;
        } else if (add(l, a)) {
            return -1;
        }
    }
    return 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const article *)a)->in, ((const article *)b)->in);
}

/* --shard K/N: the articles whose path hashes to K-1 modulo N */
static int shard(const char *spec, unsigned *k, unsigned *n)
{
    if (!spec) {
        *k = 1;
        *n = 1;
        return 0;
    }
    if (sscanf(spec, "%u/%u", k, n) != 2 || *n < 1 || *k < 1 || *k > *n) {
        cli_die("--shard %s: give K/N with 1 <= K <= N%s", spec, "");
        return -1;
    }
    return 0;
}

static void name_articles(list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const char *base = strrchr(l->v[i].in, '/');
        base = base ? base + 1 : l->v[i].in;
        size_t len = strcspn(base, ".");
        if (!len)
            len = strlen(base);
        int clash = 0;
        for (size_t j = 0; j < l->n; j++) {
            const char *b2 = strrchr(l->v[j].in, '/');
            b2 = b2 ? b2 + 1 : l->v[j].in;
            if (j != i && strcspn(b2, ".") == len && !strncmp(b2, base, len))
                clash = 1;
        }
        char buf[512];
        if (clash) /* the same name in two folders: tell them apart by the path */
            snprintf(buf, sizeof buf, "%.*s-%08llx", (int)len, base,
                     (unsigned long long)(fnv(FNV0, l->v[i].in, strlen(l->v[i].in)) & 0xffffffffULL));
        else
            snprintf(buf, sizeof buf, "%.*s", (int)len, base);
        l->v[i].name = strdup(buf);
    }
}

/* the key: the input's bytes and every setting that changes the audio */
static int make_key(const cli *c, const char *fmt, article *a)
{
    FILE *f = fopen(a->in, "rb");
    if (!f) {
        snprintf(a->why, sizeof a->why, "%s", strerror(errno));
        return -1;
    }
    uint64_t h = FNV0;
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        h = fnv(h, buf, got);
    fclose(f);
    char settings[1024];
    snprintf(settings, sizeof settings, "%s|%s|%d|%d|%g|%s|%d|%d|%d|%d|%s|%s|%s|%s|%s", DOCBAO_VERSION, fmt,
             c->sample_rate, c->loudness_off, c->loudness,
             c->cfg.voice ? c->cfg.voice : "", c->cfg.rate, c->cfg.dialect, c->cfg.pitch, c->cfg.volume,
             c->cfg.user_lexicon ? c->cfg.user_lexicon : "", c->subtitles ? c->subtitles : "",
             c->title ? c->title : "", c->artist ? c->artist : "", c->date ? c->date : "");
    h = fnv(h, settings, strlen(settings));
    snprintf(a->key, sizeof a->key, "%016llx", (unsigned long long)h);
    return 0;
}

static int read_small(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    fclose(f);
    return 0;
}

static int write_small(const char *path, const char *text)
{
    char tmp[4400];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    fputs(text, f);
    if (fclose(f))
        return -1;
    return rename(tmp, path);
}

typedef struct run_state {
    const cli *c;
    const char *dir, *fmt;
    char state[4096];
} run_state;

/* The worker: speaks one article into OUTDIR/name.fmt; its stderr goes to
 * the state folder so the parent can tell why it failed. */
static int worker(const run_state *rs, article *a)
{
    char out[4096], subs[4096], log[4200], res[4200];
    snprintf(out, sizeof out, "%s/%s.%s", rs->dir, a->name, rs->fmt);
    snprintf(log, sizeof log, "%s/%s.log", rs->state, a->name);
    FILE *lf = freopen(log, "w", stderr);
    (void)lf;
    cli c = *rs->c;
    char *files[1] = {a->in};
    c.files = files;
    c.nfiles = 1;
    c.output = out;
    c.quiet = 1;
    c.play = 0;
    c.subtitles = NULL;
    if (rs->c->subtitles) {
        snprintf(subs, sizeof subs, "%s/%s.%s", rs->dir, a->name, rs->c->subtitles);
        c.subtitles = subs;
    }
    docbao *db = docbao_new(&c.cfg);
    if (!db) {
        fprintf(stderr, "docbao: %s\n", docbao_last_error(NULL));
        return 1;
    }
    docbao_render_result r;
    int rc = cli_speak(&c, db, &r);
    docbao_free(db);
    if (rc == 0) {
        char text[128];
        snprintf(res, sizeof res, "%s/%s.key", rs->state, a->name);
        snprintf(text, sizeof text, "%s %.3f %.2f\n", a->key, r.seconds, r.loudness_lufs);
        if (write_small(res, text))
            return 1;
    }
    return rc;
}

static void last_line(const char *path, char *why, size_t cap)
{
    char buf[4096];
    if (read_small(path, buf, sizeof buf)) {
        snprintf(why, cap, "worker failed");
        return;
    }
    size_t n = strlen(buf);
    while (n && buf[n - 1] == '\n')
        buf[--n] = '\0';
    const char *nl = strrchr(buf, '\n');
    const char *line = nl ? nl + 1 : buf;
    if (!strncmp(line, "docbao: ", 8))
        line += 8;
    snprintf(why, cap, "%.200s", *line ? line : "worker failed");
}

static void progress(const list *l, size_t done, size_t total, double secs, time_t start, int tty)
{
    if (!tty)
        return;
    double el = difftime(time(NULL), start);
    double eta = done ? el / (double)done * (double)(total - done) : 0;
    int width = 30, fill = total ? (int)(width * done / total) : width;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu articles, %.1f min of audio, %s%.0f s left ", fill,
            "##############################", width - fill, "", done, total, secs / 60.0, done ? "" : "~", eta);
    (void)l;
}

static int write_manifest(const run_state *rs, const list *l)
{
    char path[4200], tmp[4400];
    snprintf(path, sizeof path, "%s/manifest.csv", rs->dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    fprintf(f, "input,output,status,duration_s,loudness_lufs,reason\n");
    static const char *const STATUS[] = {"pending", "done", "skipped", "failed"};
    for (size_t i = 0; i < l->n; i++) {
        const article *a = &l->v[i];
        fprintf(f, "\"%s\",\"%s.%s\",%s,%.3f,", a->in, a->name, rs->fmt, STATUS[a->status], a->seconds);
        if (a->status == 1 || a->status == 2)
            fprintf(f, "%.1f", a->lufs);
        fputs(",\"", f);
        for (const char *p = a->why; *p; p++)
            fputs(*p == '"' ? "\"\"" : (char[2]){*p, 0}, f);
        fputs("\"\n", f);
    }
    if (fclose(f))
        return -1;
    return rename(tmp, path);
}

/* The arguments: 0, or 2 with a message. */
static int check_args(const cli *c, const char *fmt, unsigned *sk, unsigned *sn)
{
    if (!c->output || !c->nfiles) {
        cli_die("usage: docbao batch -o OUTDIR INPUT... (files, folders, or - for a list on stdin)%s%s", "", "");
        return 2;
    }
    char probe[64];
    snprintf(probe, sizeof probe, "x.%s", fmt);
    if (docbao_output_check(probe, 22050) != DOCBAO_OK) {
        cli_die("--format %s: %s", fmt, "not a format docbao can write (wav, flac, ogg, mp3)");
        return 2;
    }
    if (c->subtitles && strcmp(c->subtitles, "srt") && strcmp(c->subtitles, "vtt")) {
        cli_die("batch --subtitles %s: give srt or vtt%s", c->subtitles, "");
        return 2;
    }
    return shard(c->shard, sk, sn) ? 2 : 0;
}

/* The articles of this shard, sorted, each once, named from the whole list
 * (so every shard names alike). 0 or -1. */
static int articles(const cli *c, unsigned sk, unsigned sn, list *l)
{
    list all = {0};
    if (collect(c, &all))
        return -1;
    qsort(all.v, all.n, sizeof all.v[0], by_path);
    size_t uniq = 0;
    for (size_t i = 0; i < all.n; i++) {
        if (uniq && !strcmp(all.v[i].in, all.v[uniq - 1].in))
            free(all.v[i].in);
        else
            all.v[uniq++] = all.v[i];
    }
    all.n = uniq;
    name_articles(&all);
    for (size_t i = 0; i < all.n; i++) {
        if (fnv(FNV0, all.v[i].in, strlen(all.v[i].in)) % sn == sk - 1 && !add(l, all.v[i].in))
            l->v[l->n - 1].name = all.v[i].name;
        else
            free(all.v[i].name);
        free(all.v[i].in);
    }
    free(all.v);
    return 0;
}

/* Marks the articles whose output is up to date (skipped) or whose input
 * cannot be read (failed); returns how many. */
static size_t up_to_date(const run_state *rs, list *l, int tty)
{
    size_t done = 0;
    for (size_t i = 0; i < l->n; i++) {
        article *a = &l->v[i];
        if (make_key(rs->c, rs->fmt, a)) {
            a->status = 3;
            done++;
            continue;
        }
        char kp[4200], out[4200], have[128];
        snprintf(kp, sizeof kp, "%s/%s.key", rs->state, a->name);
        snprintf(out, sizeof out, "%s/%s.%s", rs->dir, a->name, rs->fmt);
        if (!rs->c->force && access(out, R_OK) == 0 && !read_small(kp, have, sizeof have) &&
            !strncmp(have, a->key, 16)) {
            a->status = 2;
            sscanf(have + 17, "%lf %lf", &a->seconds, &a->lufs);
            done++;
            if (!tty)
                printf("skip %s (up to date)\n", a->in);
        }
    }
    return done;
}

/* Starts a worker for a; 1 when it runs, 0 when it could not (a failed). */
static int start_worker(const run_state *rs, article *a)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        int wrc = worker(rs, a);
        fflush(NULL);
        _exit(wrc & 0xff);
    }
    if (pid < 0) {
        snprintf(a->why, sizeof a->why, "fork: %s", strerror(errno));
        a->status = 3;
        return 0;
    }
    a->pid = pid;
    return 1;
}

/* The worker of a ended with status st: done or failed, and why. */
static void reap(const run_state *rs, article *a, int st, double *secs, int tty)
{
    a->pid = 0;
    char log[4200], kp[4200], have[128];
    snprintf(log, sizeof log, "%s/%s.log", rs->state, a->name);
    snprintf(kp, sizeof kp, "%s/%s.key", rs->state, a->name);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && !read_small(kp, have, sizeof have)) {
        a->status = 1;
        sscanf(have + 17, "%lf %lf", &a->seconds, &a->lufs);
        *secs += a->seconds;
        if (!tty)
            printf("ok   %s -> %s.%s (%.1f s)\n", a->in, a->name, rs->fmt, a->seconds);
    } else {
        a->status = 3;
        if (WIFSIGNALED(st))
            snprintf(a->why, sizeof a->why, "worker killed by signal %d", WTERMSIG(st));
        else
            last_line(log, a->why, sizeof a->why);
        if (!tty)
            printf("FAIL %s: %s\n", a->in, a->why);
    }
    unlink(log);
}

/* Runs the pending articles, up to jobs at a time, until all are done or
 * an interrupt stops the starting of new ones. */
static void run_all(const run_state *rs, list *l, int jobs, size_t done, int tty)
{
    time_t start = time(NULL);
    size_t running = 0, next = 0;
    double secs = 0;
    while ((next < l->n || running) && !(cli_interrupted && !running)) {
        while (!cli_interrupted && running < (size_t)jobs && next < l->n) {
            article *a = &l->v[next++];
            if (a->status)
                continue;
            if (start_worker(rs, a))
                running++;
            else
                done++;
        }
        if (!running)
            continue;
        int st;
        pid_t pid = wait(&st);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (size_t i = 0; i < l->n; i++)
            if (l->v[i].pid == pid) {
                running--;
                done++;
                reap(rs, &l->v[i], st, &secs, tty);
                progress(l, done, l->n, secs, start, tty);
            }
    }
    if (tty)
        fputc('\n', stderr);
}

/* The manifest and the summary on stdout; 0, 1 when an article failed, 130. */
static int summary(const run_state *rs, const list *l)
{
    size_t nd = 0, ns = 0, nf = 0;
    for (size_t i = 0; i < l->n; i++) {
        nd += l->v[i].status == 1;
        ns += l->v[i].status == 2;
        nf += l->v[i].status == 3;
    }
    if (write_manifest(rs, l))
        cli_die("%s/manifest.csv: %s", rs->dir, strerror(errno));
    printf("%zu articles: %zu written, %zu up to date, %zu failed%s\n", l->n, nd, ns, nf,
           cli_interrupted ? " (interrupted)" : "");
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].status == 3)
            printf("  failed: %s: %s\n", l->v[i].in, l->v[i].why);
    return cli_interrupted ? 130 : nf ? 1 : 0;
}

int cli_batch(const cli *c)
{
    const char *fmt = c->format ? c->format : "wav";
    unsigned sk, sn;
    int rc = check_args(c, fmt, &sk, &sn);
    if (rc)
        return rc;
    run_state rs = {c, c->output, fmt, ""};
    snprintf(rs.state, sizeof rs.state, "%s/.docbao", rs.dir);
    if ((mkdir(rs.dir, 0777) && errno != EEXIST) || (mkdir(rs.state, 0777) && errno != EEXIST)) {
        cli_die("%s: %s", rs.dir, strerror(errno));
        return 1;
    }
    list l = {0};
    if (articles(c, sk, sn, &l))
        return 1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = c->jobs ? c->jobs : (int)(cores > 0 ? cores : 1);
    int tty = isatty(2);
    run_all(&rs, &l, jobs, up_to_date(&rs, &l, tty), tty);
    rc = summary(&rs, &l);
    for (size_t i = 0; i < l.n; i++) {
        free(l.v[i].in);
        free(l.v[i].name);
    }
    free(l.v);
    return rc;
}
