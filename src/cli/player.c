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
#define OVER(p) (STOP(p) || ((p)->done && (p)->cur >= (p)->n)) /* nothing more to play */

typedef struct slot {
    char *written;
    short *pcm;           /* NULL once far behind */
    size_t frames;
} slot;

typedef struct player {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    slot *slots;          /* the sentences ready to play; slots[cur] is being played */
    size_t n, cap, cur;
    int done;             /* no more slots will come */
    int paused, quit, jump; /* jump: -1 back, +1 forward */
    int failed;           /* the device failed */
    int rate, tty;        /* tty: /dev/tty, or -1 */
    docbao_output *dev;
    /* the render thread's: the audio since the last slot, and the sentence it begins with */
    short *buf;
    size_t len, bufcap;
    char *written;        /* NULL before the first sentence */
} player;

int cli_player_wanted(void)
{
    int fd = isatty(2) ? open("/dev/tty", O_RDONLY) : -1;
    if (fd >= 0)
        close(fd);
    return fd >= 0;
}

static int on_pcm(void *user, const short *pcm, size_t frames)
{
    player *p = user;
    if (VEC_RESERVE(p->buf, p->bufcap, p->len + frames))
        return 1;
    memcpy(p->buf + p->len, pcm, frames * sizeof *pcm);
    p->len += frames;
    return 0;
}

/* The first k frames of buf, with the sentence they begin with, become a
 * slot once fewer than AHEAD are waiting to be played. 0, or 1 to stop. */
static int add_slot(player *p, size_t k)
{
    slot s = {p->written, malloc(k * sizeof *s.pcm + 1), k};
    if (s.pcm)
        memcpy(s.pcm, p->buf, k * sizeof *s.pcm);
    memmove(p->buf, p->buf + k, (p->len -= k) * sizeof *p->buf);
    p->written = NULL;
    pthread_mutex_lock(&p->mu);
    while (!STOP(p) && p->n >= p->cur + AHEAD)
        pthread_cond_wait(&p->cv, &p->mu);
    int stop = STOP(p) || !s.pcm || VEC_RESERVE(p->slots, p->cap, p->n + 1);
    if (!stop) {
        p->slots[p->n++] = s;
        if (p->cur > KEEP) { /* let go of audio far behind */
            free(p->slots[p->cur - KEEP].pcm);
            p->slots[p->cur - KEEP].pcm = NULL;
        }
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    if (stop)
        free(s.written), free(s.pcm);
    return stop;
}

/* A sentence with words ends the slot before it, whose pauses came after its
 * callback; an empty one (a line end) leaves its pause there. Times are
 * frames / rate: the frame counts come back exactly. */
static int on_sentence(void *user, const docbao_sentence *s, double start, double end)
{
    player *p = user;
    if (!s->spoken_len)
        return 0;
    size_t words = (size_t)(llround(end * p->rate) - llround(start * p->rate));
    if (p->written && add_slot(p, p->len - words))
        return 1;
    return !(p->written = strndup(s->written, s->written_len));
}

/* the sentence on one line, cut to the terminal's usual width */
static void show(player *p, size_t k, const char *state)
{
    fprintf(stderr, "\r\033[K[%zu%s] %s%.159s", k + 1, p->done ? "" : "+", state, p->slots[k].written);
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
                pthread_cond_wait(&p->cv, &p->mu);
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
        while (!OVER(p) && p->cur >= p->n)
            pthread_cond_wait(&p->cv, &p->mu);
        if (OVER(p))
            break;
        play_slot(p, p->cur);
        if (p->jump >= 0)
            p->cur++;
        else if (p->cur > 0 && p->slots[p->cur - 1].pcm) /* back, to audio still kept */
            p->cur--;
        p->jump = 0;
        pthread_cond_broadcast(&p->cv);
    }
    fputs("\r\033[K", stderr);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Keys: a read gives one key, ← and → as ESC [ D and ESC [ C. */
static void *key_thread(void *arg)
{
    player *p = arg;
    unsigned char b[8];
    for (int end = 0; !end;) {
        struct pollfd pf = {p->tty, POLLIN, 0}; /* no terminal (-1): only the timeout */
        int ready = poll(&pf, 1, 100) > 0;
        ssize_t got = ready ? read(p->tty, b, sizeof b) : 0;
        pthread_mutex_lock(&p->mu);
        if (got >= 3 && b[0] == 27 && b[1] == '[' && (b[2] == 'C' || b[2] == 'D'))
            p->jump = b[2] == 'C' ? 1 : -1;
        else if (got >= 1 && b[0] == ' ')
            p->paused = !p->paused;
        /* a signal wakes no one: this does, within 0.1 s */
        p->quit |= cli_interrupted || (got >= 1 && (b[0] == 'q' || b[0] == 'Q'));
        end = OVER(p) || (ready && got <= 0);
        if (got > 0 || p->quit)
            pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
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

/* The inputs of c through docbao_render into the slots, on this thread; a status. */
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
    if (!rc && p->written && add_slot(p, p->len)) /* the last sentence, with its pause */
        rc = DOCBAO_ESTOPPED;
    pthread_mutex_lock(&p->mu);
    p->done = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return rc;
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
    pthread_create(&keys, NULL, key_thread, &p);
    int rc = render(c, db, &p);
    pthread_join(play, NULL);
    pthread_join(keys, NULL);
    if (have_term)
        tcsetattr(p.tty, TCSANOW, &saved);
    if (p.tty >= 0)
        close(p.tty);
    docbao_output_close(p.dev, !STOP(&p));
    for (size_t k = 0; k < p.n; k++)
        free(p.slots[k].written), free(p.slots[k].pcm);
    free(p.slots), free(p.buf), free(p.written);
    pthread_mutex_destroy(&p.mu), pthread_cond_destroy(&p.cv);
    if (cli_interrupted)
        return 130;
    if (p.quit) /* by a key, or the device failed and said why */
        return p.failed;
    if (rc == DOCBAO_ESTOPPED) /* by a callback of this file, not by a key */
        cli_die("out of memory%s%s", "", "");
    else if (rc)
        cli_report(db, rc);
    return rc ? 1 : 0;
}
