/* speak — `docbao speak`: the command line turned into one docbao_render
 * call (a file, mastered, atomic, with subtitles and metadata; the sound
 * device; or both); on a terminal with no file, the player (player.c) takes
 * over. -o - is written under a temporary name, then copied to stdout. */
#include "cli/cli.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define die cli_die

typedef struct speak_ui {
    const cli *c;
    int progress;              /* stderr is a terminal and we write a file */
    unsigned long sentences;
} speak_ui;

static int on_pcm(void *user, const short *pcm, size_t frames)
{
    (void)user, (void)pcm, (void)frames;
    cli_first_audio();
    return 0;
}

static int on_sentence(void *user, const docbao_sentence *s, double start, double end)
{
    speak_ui *u = user;
    (void)start;
    if (s->spoken_len && u->progress)
        fprintf(stderr, "\r%lu sentences, %.1f min of audio", ++u->sentences, end / 60.0);
    return 0;
}

static void on_warning(void *user, const char *msg)
{
    const speak_ui *u = user;
    fprintf(stderr, "docbao: %s; writing %s only\n", msg, u->c->output);
}

/* Helper processes for synthesis: speak (not batch, whose workers use the
 * cores already) writing only a file. Always two, whatever the machine:
 * eSpeak-NG carries a little state from one sentence to the next in a
 * process, so the helper count shapes the samples; a fixed count gives the
 * same file on every machine. DOCBAO_THREADS_OFF=1: one process. */
static int pool_helpers(const cli *c)
{
    return strcmp(c->cmd, "speak") || !c->output || c->play || getenv("DOCBAO_THREADS_OFF") ? 0 : 2;
}

/* The inputs of c (standard input when none); *in is malloc'd. */
static docbao_input *inputs(const cli *c, size_t *n)
{
    *n = c->nfiles ? (size_t)c->nfiles : 1;
    docbao_input *in = calloc(*n, sizeof *in);
    for (size_t k = 0; in && k < *n; k++)
        cli_input(c, c->nfiles ? c->files[k] : "-", &in[k]);
    return in;
}

static int copy_to_stdout(const char *path)
{
    FILE *f = fopen(path, "rb");
    char buf[65536];
    size_t got;
    int rc = 0;
    while (f && (got = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, got, stdout) != got)
            break;
    if (!f || ferror(f) || fflush(stdout) || ferror(stdout)) {
        die("-o -: cannot write the audio to standard output%s%s", "", "");
        rc = 1;
    }
    if (f)
        fclose(f);
    unlink(path);
    return rc;
}

static void options(const cli *c, const char *path, speak_ui *u, docbao_render_options *o)
{
    docbao_render_defaults(o);
    o->file = path;
    o->file_options.sample_rate = c->sample_rate;
    o->file_options.normalize = !c->loudness_off;
    o->file_options.loudness_lufs = c->loudness;
    o->title = c->title;
    o->artist = c->artist;
    o->date = c->date;
    o->subtitles = c->subtitles;
    o->device = !c->output ? DOCBAO_DEVICE_REQUIRED : c->play ? DOCBAO_DEVICE_OPTIONAL : DOCBAO_DEVICE_NONE;
    o->helpers = pool_helpers(c);
    o->pcm = on_pcm;
    o->sentence = on_sentence;
    o->warning = on_warning;
    o->user = u;
    o->cancel = &cli_interrupted;
}

int cli_speak(const cli *c, docbao *db, docbao_render_result *res)
{
    /* on a terminal, with nothing to write, speak is a small player */
    if (!c->output && !c->quiet && cli_player_wanted())
        return cli_player(c, db);
    char stdout_tmp[512] = "";
    const char *path = c->output;
    if (path && !strcmp(path, "-")) {
        if (isatty(1)) {
            die("-o -: standard output is a terminal; pipe it or give a file name%s%s", "", "");
            return 2;
        }
        const char *tmpdir = getenv("TMPDIR");
        snprintf(stdout_tmp, sizeof stdout_tmp, "%s/docbao-stdout-%ld.%s", tmpdir && *tmpdir ? tmpdir : "/tmp",
                 (long)getpid(), c->format ? c->format : "wav");
        path = stdout_tmp;
    }
    speak_ui u = {c, c->output && isatty(2) && !c->quiet, 0};
    docbao_render_options o;
    options(c, path, &u, &o);
    size_t n;
    docbao_input *in = inputs(c, &n);
    docbao_render_result r;
    int rc = in ? docbao_render(db, in, n, &o, &r) : DOCBAO_ENOMEM;
    free(in);
    if (u.progress)
        fputc('\n', stderr);
    if (rc) {
        cli_report(db, rc);
        return rc == DOCBAO_ESTOPPED && cli_interrupted ? 130 : 1;
    }
    if (stdout_tmp[0] && copy_to_stdout(stdout_tmp))
        return 1;
    if (c->output && !c->quiet && !stdout_tmp[0])
        fprintf(stderr, "docbao: wrote %s\n", c->output);
    if (res)
        *res = r;
    return 0;
}
