/* speak — `docbao speak`: synthesize each sentence into a file (mastered,
 * atomic, with subtitles and metadata), the sound device, or both; on a
 * terminal with no file, the player (player.c) takes over. */
#include "cli/cli.h"
#include "cli/pool.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define die cli_die

typedef struct speak_out {
    docbao *db;
    docbao_output *out[2];
    int nout;
    unsigned long sentences;
    int failed;
    unsigned long long frames; /* synthesized so far, silences included */
    int rate;
    docbao_subtitles *subs;
    int progress;              /* stderr is a terminal and we write a file */
    synth_pool *pool;          /* a file of some length: synthesis on helper processes */
} speak_out;

static int to_outputs(void *user, const short *pcm, size_t frames)
{
    speak_out *s = user;
    if (cli_interrupted)
        return 1;
    s->frames += frames;
    cli_first_audio();
    for (int k = 0; k < s->nout; k++)
        if (docbao_output_write(s->out[k], pcm, frames)) {
            s->failed = 1;
            return 1;
        }
    return 0;
}

/* What follows a sentence's audio: its subtitle, progress, and the pause. */
static int after_sentence(speak_out *o, const docbao_sentence *s, double start)
{
    if (s->spoken_len) {
        o->sentences++;
        if (o->subs && docbao_subtitles_cue(o->subs, start, (double)o->frames / o->rate, s->written, s->written_len)) {
            o->failed = 1;
            return 1;
        }
        if (o->progress)
            fprintf(stderr, "\r%lu sentences, %.1f min of audio", o->sentences, (double)o->frames / o->rate / 60.0);
        if (!s->line_end && docbao_pause(o->db, 0, to_outputs, o))
            return 1;
    }
    if (s->line_end && o->sentences && docbao_pause(o->db, s->headline ? 2 : 1, to_outputs, o))
        return 1;
    return 0;
}

/* a sentence waiting for its audio from the pool: a copy of what is needed after it */
typedef struct pending {
    docbao_sentence s;
    char written[];
} pending;

static int pooled_audio(void *user, void *tag, const short *pcm, size_t frames)
{
    speak_out *o = user;
    pending *p = tag;
    double start = (double)o->frames / o->rate;
    int rc = (frames && to_outputs(o, pcm, frames)) || after_sentence(o, &p->s, start);
    free(p);
    return rc;
}

static int speak_sentence(void *user, const docbao_sentence *s)
{
    speak_out *o = user;
    if (cli_interrupted)
        return 1;
    if (o->pool) {
        pending *p = malloc(sizeof *p + s->written_len + 1);
        if (!p)
            return 1;
        p->s = *s;
        memcpy(p->written, s->written, s->written_len);
        p->written[s->written_len] = '\0';
        p->s.written = p->written;
        p->s.spoken = "";
        int rc = pool_submit(o->pool, s->spoken, s->spoken_len, p, pooled_audio, o);
        if (rc < 0) {
            die("%s%s", pool_error(o->pool), "");
            o->failed = 1;
        }
        return rc ? 1 : 0;
    }
    double start = (double)o->frames / o->rate;
    if (s->spoken_len && docbao_synthesize(o->db, s->spoken, s->spoken_len, to_outputs, o))
        return 1;
    return after_sentence(o, s, start);
}

/* Helper processes for synthesis: speak (not batch, whose workers use the
 * cores already) writing only a file. Always two, whatever the machine:
 * eSpeak-NG carries a little state from one sentence to the next in a
 * process, so the helper count shapes the samples; a fixed count gives the
 * same file on every machine. DOCBAO_THREADS_OFF=1: one process. */
static int pool_helpers(const cli *c, const speak_out *o)
{
    return strcmp(c->cmd, "speak") || o->nout != 1 || c->play || getenv("DOCBAO_THREADS_OFF") ? 0 : 2;
}

int cli_speak(const cli *c, docbao *db, double *seconds)
{
    /* on a terminal, with nothing to write, speak is a small player */
    if (!c->output && !c->quiet && cli_player_wanted())
        return cli_player(c, db);
    char err[1024];
    int rate = docbao_sample_rate(db);
    if (!rate) {
        die("%s%s", docbao_last_error(db), "");
        return 1;
    }
    speak_out o = {db, {NULL, NULL}, 0, 0, 0, 0, rate, NULL, 0, NULL};
    docbao_file_options fo = {c->sample_rate, !c->loudness_off, c->loudness, -1.0, NAN, 0};
    cli_last_loudness = NAN;
    /* -o -: the file is made under a temporary name, then copied to stdout */
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
    if (c->output) {
        if (!(o.out[o.nout] = docbao_output_file_mastered(path, rate, &fo, err, sizeof err))) {
            die("%s%s", err, "");
            return 1;
        }
        docbao_output_metadata(o.out[o.nout], c->title, c->artist, c->date);
        o.nout++;
        o.progress = isatty(2) && !c->quiet;
    }
    if (c->subtitles && !(o.subs = docbao_subtitles_open(c->subtitles, err, sizeof err))) {
        die("%s%s", err, "");
        for (int k = 0; k < o.nout; k++)
            docbao_output_close(o.out[k], 0, err, sizeof err);
        return 1;
    }
    if (!c->output || c->play) {
        docbao_output *dev = docbao_output_device(rate, err, sizeof err);
        if (dev)
            o.out[o.nout++] = dev;
        else if (!c->output) {
            die("%s%s", err, "");
            return 1;
        } else {
            fprintf(stderr, "docbao: %s; writing %s only\n", err, c->output);
        }
    }
    int helpers = pool_helpers(c, &o);
    if (helpers)
        o.pool = pool_new(db, helpers); /* NULL: one process does it all */
    int rc = cli_each_input(c, db, speak_sentence, &o);
    if (!rc && o.pool && pool_finish(o.pool, pooled_audio, &o)) {
        if (!o.failed && pool_error(o.pool)[0])
            die("%s%s", pool_error(o.pool), "");
        rc = cli_interrupted ? 130 : 1;
    }
    pool_free(o.pool, free);
    if (!rc && o.failed)
        rc = 1;
    if (!rc && o.sentences == 0) {
        die("nothing to speak: the input has no text%s%s", "", "");
        rc = 1;
    }
    if (o.progress)
        fputc('\n', stderr);
    for (int k = o.nout - 1; k >= 0; k--)
        if (docbao_output_close(o.out[k], rc == 0, err, sizeof err) && !rc) {
            die("%s%s", err, "");
            rc = 1;
        }
    if (o.subs && docbao_subtitles_close(o.subs, rc == 0, err, sizeof err) && !rc) {
        die("%s%s", err, "");
        rc = 1;
    }
    if (!rc && stdout_tmp[0]) {
        FILE *f = fopen(stdout_tmp, "rb");
        char buf[65536];
        size_t got;
        while (f && (got = fread(buf, 1, sizeof buf, f)) > 0)
            if (fwrite(buf, 1, got, stdout) != got)
                break;
        if (!f || ferror(f) || fflush(stdout) || ferror(stdout)) {
            die("-o -: cannot write the audio to standard output%s%s", "", "");
            rc = 1;
        }
        if (f)
            fclose(f);
        unlink(stdout_tmp);
    }
    if (!rc && c->output) {
        cli_last_loudness = fo.normalize && isfinite(fo.measured_lufs) ? fo.loudness_lufs : fo.measured_lufs;
        if (!c->quiet && !stdout_tmp[0])
            fprintf(stderr, "docbao: wrote %s\n", c->output);
    }
    if (seconds)
        *seconds = (double)o.frames / rate;
    return rc;
}

