/* player — `docbao speak` on a terminal: the sentence being read is shown;
 * space pauses and resumes, ← and → go back or forward a sentence, q quits.
 * Three threads: this one reads and synthesizes (eSpeak-NG stays on it), a
 * player thread writes the audio to the device, a key thread reads /dev/tty.
 * Synthesis runs at most AHEAD sentences in front of playback, and the audio
 * of the last KEEP sentences is kept for going back. */
#include "cli/cli.h"
#include "vec.h"
#include <fcntl.h>
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

typedef struct slot {
    char *written;
    short *pcm;
    size_t frames, cap;
} slot;

typedef struct player {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    slot *slots;          /* every sentence; pcm freed when far behind */
    size_t n, cap;        /* sentences synthesized */
    size_t cur;           /* being played */
    int done;             /* no more sentences will come */
    int paused, quit, jump; /* jump: -1 back, +1 forward */
    int finished;         /* the player thread has ended */
    int rate, failed;
    docbao *db;
    int tty;              /* /dev/tty */
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

static int append(void *user, const short *pcm, size_t frames)
{
    slot *s = user;
    if (VEC_RESERVE(s->pcm, s->cap, s->frames + frames))
        return 1;
    memcpy(s->pcm + s->frames, pcm, frames * sizeof *pcm);
    s->frames += frames;
    return cli_interrupted ? 1 : 0;
}

/* the reading thread: one slot per sentence, synthesized with its pause */
static int on_sentence(void *user, const docbao_sentence *ds)
{
    player *p = user;
    if (!ds->spoken_len)
        return 0;
    pthread_mutex_lock(&p->mu);
    while (!p->quit && !cli_interrupted && p->n >= p->cur + AHEAD)
        pthread_cond_wait(&p->cv, &p->mu);
    int stop = p->quit || cli_interrupted;
    pthread_mutex_unlock(&p->mu);
    if (stop)
        return 1;
    slot s = {0};
    if (!(s.written = strndup(ds->written, ds->written_len)) ||
        docbao_synthesize(p->db, ds->spoken, ds->spoken_len, append, &s) ||
        docbao_pause(p->db, ds->line_end ? (ds->headline ? DOCBAO_PAUSE_HEADLINE : DOCBAO_PAUSE_PARAGRAPH) : DOCBAO_PAUSE_SENTENCE, append, &s)) {
        free(s.written);
        free(s.pcm);
        return 1;
    }
    pthread_mutex_lock(&p->mu);
    if (VEC_RESERVE(p->slots, p->cap, p->n + 1)) {
        pthread_mutex_unlock(&p->mu);
        free(s.written);
        free(s.pcm);
        return 1;
    }
    p->slots[p->n++] = s;
    if (p->n > KEEP && p->cur > KEEP) { /* let go of audio far behind */
        slot *old = &p->slots[p->cur - KEEP];
        free(old->pcm);
        old->pcm = NULL;
        old->frames = 0;
    }
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return 0;
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

static void *play_thread(void *arg)
{
    player *p = arg;
    docbao_output *dev = docbao_output_device(p->rate);
    if (!dev) {
        fprintf(stderr, "\rdocbao: %s\n", docbao_last_error(NULL));
        pthread_mutex_lock(&p->mu);
        p->failed = p->quit = 1;
        p->finished = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        return NULL;
    }
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && !cli_interrupted && p->cur >= p->n && !p->done)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->quit || cli_interrupted || p->cur >= p->n)
            break;
        size_t k = p->cur, pos = 0;
        show(p, k, "");
        /* pace by the clock as well, so an unpaced device still plays in real time */
        double start = now(), played = 0;
        while (pos < p->slots[k].frames && !p->quit && !cli_interrupted && !p->jump) {
            if (p->paused) {
                show(p, k, "(paused) ");
                while (p->paused && !p->quit && !cli_interrupted && !p->jump)
                    pthread_cond_wait(&p->cv, &p->mu);
                show(p, k, "");
                start = now() - played;
                continue;
            }
            size_t chunk = p->slots[k].frames - pos < 1024 ? p->slots[k].frames - pos : 1024;
            const short *pcm = p->slots[k].pcm + pos;
            pthread_mutex_unlock(&p->mu);
            int rc = docbao_output_write(dev, pcm, chunk);
            played += (double)chunk / p->rate;
            double ahead = played - (now() - start);
            if (ahead > 0.05)
                usleep((useconds_t)((ahead - 0.05) * 1e6));
            pthread_mutex_lock(&p->mu);
            if (rc) {
                p->failed = p->quit = 1;
                break;
            }
            pos += chunk;
        }
        if (p->jump < 0)
            p->cur = p->cur > 0 && p->slots[p->cur - 1].pcm ? p->cur - 1 : p->cur;
        else
            p->cur++;
        p->jump = 0;
        pthread_cond_broadcast(&p->cv);
    }
    int interrupted = p->quit || cli_interrupted;
    pthread_mutex_unlock(&p->mu);
    docbao_output_close(dev, !interrupted);
    fputs("\r\033[K", stderr);
    pthread_mutex_lock(&p->mu);
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
                if (esc[1] == '[' && esc[2] == 'C')
                    p->jump = 1;
                else if (esc[1] == '[' && esc[2] == 'D')
                    p->jump = -1;
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

int cli_player(const cli *c, docbao *db)
{
    player p;
    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    p.db = db;
    p.rate = docbao_sample_rate(db);
    if (!p.rate) {
        cli_die("%s%s", docbao_last_error(db), "");
        return 1;
    }
    p.tty = open("/dev/tty", O_RDONLY);
    struct termios saved, raw;
    int have_term = p.tty >= 0 && tcgetattr(p.tty, &saved) == 0;
    if (have_term) {
        raw = saved;
        raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        tcsetattr(p.tty, TCSANOW, &raw);
        fputs("docbao: space pause/resume, \xE2\x86\x90 \xE2\x86\x92 previous/next sentence, q quit\n", stderr);
    }
    pthread_t play, keys;
    pthread_create(&play, NULL, play_thread, &p);
    int have_keys = have_term && pthread_create(&keys, NULL, key_thread, &p) == 0;
    int rc = cli_each_input(c, db, on_sentence, &p);
    pthread_mutex_lock(&p.mu);
    p.done = 1;
    pthread_cond_broadcast(&p.cv);
    while (!p.finished)
        pthread_cond_wait(&p.cv, &p.mu);
    int quit = p.quit, failed = p.failed;
    size_t n = p.n;
    pthread_mutex_unlock(&p.mu);
    pthread_join(play, NULL);
    if (have_keys)
        pthread_join(keys, NULL);
    if (have_term)
        tcsetattr(p.tty, TCSANOW, &saved);
    if (p.tty >= 0)
        close(p.tty);
    for (size_t k = 0; k < p.n; k++) {
        free(p.slots[k].written);
        free(p.slots[k].pcm);
    }
    free(p.slots);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    if (cli_interrupted)
        return 130;
    if (failed)
        return 1;
    if (quit)
        return 0;
    if (rc)
        return rc;
    if (!n) {
        cli_die("nothing to speak: the input has no text%s%s", "", "");
        return 1;
    }
    return 0;
}
