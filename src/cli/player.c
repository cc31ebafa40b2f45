/* player — `docbao speak` on a terminal: the sentence being read is shown;
 * space pauses and resumes, ← and → go back or forward a sentence, q quits.
 * A thin layer over docbao_render, which runs on this thread: its PCM
 * callback gathers the audio, each sentence callback makes a slot of the
 * sentence before (its audio and the pauses after it), waiting while AHEAD
 * slots are ahead of playback. A device thread plays the slots, a key thread
 * reads /dev/tty; the audio of the last KEEP sentences is kept for going back. */
#include "cli/cli.h"
#include "vec.h"
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define AHEAD 3
#define KEEP 200
#define STOP(p) ((p)->quit || cli_interrupted)

typedef struct slot {
    char *written;
    short *pcm;           /* NULL once far behind */
    size_t frames;
} slot;

typedef struct player {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    slot *slots;          /* the sentences ready to play */
    size_t n, cap;
    size_t cur;           /* being played */
    int done;             /* no more slots will come */
    int paused, quit, jump; /* jump: -1 back, +1 forward */
    int finished;         /* the device thread has ended */
    int failed;
    int rate;
    docbao_output *dev;
    int tty;              /* /dev/tty */
    /* the render thread's own: the audio since the last slot, the sentence it begins with */
    short *buf;
    size_t len, bufcap;
    char *written;        /* NULL before the first sentence */
    unsigned long long frames; /* all the render gave */
} player;

int cli_player_wanted(void)
{
    if (!isatty(2))
        return 0;
    int fd = open("/dev/tty", O_RDONLY);
    if (fd < 0)
        return 0;
    close(fd);
    return 1;
}

/* Waits for a change, or 0.1 s: a signal (cli_interrupted) wakes no one. */
static void wait_change(player *p)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 100000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&p->cv, &p->mu, &ts);
}

static int stopped(player *p)
{
    pthread_mutex_lock(&p->mu);
    int stop = STOP(p);
    pthread_mutex_unlock(&p->mu);
    return stop;
}

static int on_pcm(void *user, const short *pcm, size_t frames)
{
    player *p = user;
    if (VEC_RESERVE(p->buf, p->bufcap, p->len + frames))
        return 1;
    memcpy(p->buf + p->len, pcm, frames * sizeof *pcm);
    p->len += frames;
    p->frames += frames;
    return stopped(p);
}

/* The first k frames of buf, with the sentence they begin with, become a
 * slot once fewer than AHEAD are waiting to be played. 0, or 1 to stop. */
static int add_slot(player *p, size_t k)
{
    slot s = {p->written, NULL, k};
    p->written = NULL;
    if (s.written && !(s.pcm = malloc(k * sizeof *s.pcm + 1))) {
        free(s.written);
        return 1;
    }
    if (s.pcm)
        memcpy(s.pcm, p->buf, k * sizeof *s.pcm);
    memmove(p->buf, p->buf + k, (p->len - k) * sizeof *p->buf);
    p->len -= k;
    pthread_mutex_lock(&p->mu);
    while (s.written && !STOP(p) && p->n >= p->cur + AHEAD)
        wait_change(p);
    int stop = STOP(p) || (s.written && VEC_RESERVE(p->slots, p->cap, p->n + 1));
    if (!stop && s.written) {
        p->slots[p->n++] = s;
        if (p->cur > KEEP && p->slots[p->cur - KEEP].pcm) { /* let go of audio far behind */
            free(p->slots[p->cur - KEEP].pcm);
            p->slots[p->cur - KEEP].pcm = NULL;
        }
        s.written = NULL, s.pcm = NULL;
    }
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    free(s.written);
    free(s.pcm);
    return stop;
}

/* A sentence with words ends the slot before it: the pauses after a sentence
 * come after its callback. An empty one (a line end) leaves its pause there. */
static int on_sentence(void *user, const docbao_sentence *s, double start, double end)
{
    player *p = user;
    (void)end;
    if (!s->spoken_len)
        return 0;
    size_t words = (size_t)(p->frames - (unsigned long long)llround(start * p->rate));
    if (add_slot(p, p->len - words))
        return 1;
    p->written = strndup(s->written, s->written_len);
    return !p->written;
}

static void show(player *p, size_t k, const char *state)
{
    /* the sentence on one line, cut to the terminal's usual width */
    char line[160];
    snprintf(line, sizeof line, "%s", p->slots[k].written);
    fprintf(stderr, "\r\033[K[%zu%s] %s%s", k + 1, p->done ? "" : "+", state, line);
    fflush(stderr);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Plays slot k from its start until its end, a jump or a stop (mu held). */
static void play_slot(player *p, size_t k)
{
    size_t pos = 0;
    show(p, k, "");
    /* pace by the clock as well, so an unpaced device still plays in real time */
    double start = now(), played = 0;
    while (pos < p->slots[k].frames && !STOP(p) && !p->jump) {
        if (p->paused) {
            show(p, k, "(paused) ");
            while (p->paused && !STOP(p) && !p->jump)
                wait_change(p);
            show(p, k, "");
            start = now() - played;
            continue;
        }
        size_t chunk = p->slots[k].frames - pos < 1024 ? p->slots[k].frames - pos : 1024;
        const short *pcm = p->slots[k].pcm + pos;
        pthread_mutex_unlock(&p->mu);
        int rc = docbao_output_write(p->dev, pcm, chunk);
        played += (double)chunk / p->rate;
        double ahead = played - (now() - start);
        if (ahead > 0.05)
            usleep((useconds_t)((ahead - 0.05) * 1e6));
        pthread_mutex_lock(&p->mu);
        if (rc) {
            fprintf(stderr, "\r\033[Kdocbao: %s\n", docbao_last_error(NULL));
            p->failed = p->quit = 1;
        }
        pos += chunk;
    }
}

static void *play_thread(void *arg)
{
    player *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!STOP(p) && p->cur >= p->n && !p->done)
            wait_change(p);
        if (STOP(p) || p->cur >= p->n)
            break;
        play_slot(p, p->cur);
        if (p->jump < 0)
            p->cur = p->cur > 0 && p->slots[p->cur - 1].pcm ? p->cur - 1 : p->cur;
        else if (!STOP(p))
            p->cur++;
        p->jump = 0;
        pthread_cond_broadcast(&p->cv);
    }
    fputs("\r\033[K", stderr);
    p->finished = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void *key_thread(void *arg)
{
    player *p = arg;
    unsigned char esc[3];
    int nesc = 0;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        int end = p->finished;
        pthread_mutex_unlock(&p->mu);
        if (end)
            break;
        struct pollfd pf = {p->tty, POLLIN, 0};
        if (poll(&pf, 1, 100) <= 0)
            continue;
        unsigned char ch;
        if (read(p->tty, &ch, 1) != 1)
            break;
        pthread_mutex_lock(&p->mu);
        if (nesc || ch == 27) {
            esc[nesc++] = ch;
            if (nesc == 3) {
                if (esc[1] == '[' && (esc[2] == 'C' || esc[2] == 'D'))
                    p->jump = esc[2] == 'C' ? 1 : -1;
                nesc = 0;
            }
        } else if (ch == ' ') {
            p->paused = !p->paused;
        } else if (ch == 'q' || ch == 'Q' || ch == 3) {
            p->quit = 1;
        }
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

/* The inputs of c through docbao_render into the slots; a status. */
static int render(const cli *c, docbao *db, player *p)
{
    size_t n = c->nfiles ? (size_t)c->nfiles : 1;
    docbao_input *in = calloc(n, sizeof *in);
    for (size_t k = 0; in && k < n; k++)
        cli_input(c, c->nfiles ? c->files[k] : "-", &in[k]);
    docbao_render_options o;
    docbao_render_defaults(&o);
    o.pcm = on_pcm;
    o.sentence = on_sentence;
    o.user = p;
    o.cancel = &cli_interrupted;
    int rc = in ? docbao_render(db, in, n, &o, NULL) : DOCBAO_ENOMEM;
    free(in);
    if (!rc && add_slot(p, p->len)) /* the last sentence, with its pause */
        rc = DOCBAO_ESTOPPED;
    pthread_mutex_lock(&p->mu);
    p->done = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return rc;
}

/* Keys one at a time, unechoed; 1 when the terminal was changed (into *saved). */
static int raw_terminal(int tty, struct termios *saved)
{
    if (tty < 0 || tcgetattr(tty, saved))
        return 0;
    struct termios raw = *saved;
    raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(tty, TCSANOW, &raw);
    fputs("docbao: space pause/resume, \xE2\x86\x90 \xE2\x86\x92 previous/next sentence, q quit\n", stderr);
    return 1;
}

static void player_free(player *p)
{
    for (size_t k = 0; k < p->n; k++) {
        free(p->slots[k].written);
        free(p->slots[k].pcm);
    }
    free(p->slots);
    free(p->buf);
    free(p->written);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
}

int cli_player(const cli *c, docbao *db)
{
    player p = {.tty = -1};
    if (!(p.rate = docbao_sample_rate(db)) || !(p.dev = docbao_output_device(p.rate))) {
        cli_die("%s%s", p.rate ? docbao_last_error(NULL) : docbao_last_error(db), "");
        return 1;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    p.tty = open("/dev/tty", O_RDONLY);
    struct termios saved;
    int have_term = raw_terminal(p.tty, &saved);
    pthread_t play, keys;
    pthread_create(&play, NULL, play_thread, &p);
    int have_keys = have_term && pthread_create(&keys, NULL, key_thread, &p) == 0;
    int rc = render(c, db, &p);
    pthread_join(play, NULL);
    if (have_keys)
        pthread_join(keys, NULL);
    if (have_term)
        tcsetattr(p.tty, TCSANOW, &saved);
    if (p.tty >= 0)
        close(p.tty);
    docbao_output_close(p.dev, !p.quit && !cli_interrupted);
    player_free(&p);
    if (cli_interrupted)
        return 130;
    if (p.quit) /* a device that failed has said why */
        return p.failed;
    if (rc == DOCBAO_ESTOPPED) /* stopped by a callback of this file, not by a key */
        cli_die("out of memory%s%s", "", "");
    else if (rc)
        cli_report(db, rc);
    return rc ? 1 : 0;
}
