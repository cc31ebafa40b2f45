/* render — docbao_render: inputs to outputs in one call. The stages, for each
 * sentence of each input (docbao_normalize_input): synthesize it, in this
 * process or on the helper pool (pool.c) → hand its audio to the outputs
 * (file, device, the caller's PCM callback) → its subtitle cue and the
 * caller's sentence callback → its pause. Outputs are opened before the
 * first sentence and committed after the last, only when all went well. */
#include "docbao.h"
#include "pool.h"
#include "render.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct render {
    docbao *db;
    const docbao_render_options *opt;
    docbao_output *out[2];
    int nout;
    docbao_subtitles *subs;
    synth_pool *pool;         /* NULL: synthesis in this process */
    docbao_file_options fo;   /* the file's, with its measured fields */
    int rate;
    unsigned long sentences;
    unsigned long long frames;
    int status;               /* the first error (its message is set), or 0 */
} render;

static int fail(render *r, int status, const char *msg)
{
    if (!r->status) {
        r->status = status;
        if (msg)
            api_set_error(r->db, "%s", msg);
    }
    return 1;
}

static int to_outputs(void *user, const short *pcm, size_t frames)
{
    render *r = user;
    if (r->opt->cancel && *r->opt->cancel)
        return 1;
    r->frames += frames;
    if (r->opt->pcm && r->opt->pcm(r->opt->user, pcm, frames))
        return 1;
    for (int k = 0; k < r->nout; k++)
        if (docbao_output_write(r->out[k], pcm, frames))
            return fail(r, DOCBAO_EAUDIO, docbao_last_error(NULL));
    return 0;
}

/* What follows a sentence's audio: its subtitle, the callback, the pause. */
static int after_sentence(render *r, const docbao_sentence *s, double start)
{
    double end = (double)r->frames / r->rate;
    if (s->spoken_len) {
        r->sentences++;
        if (r->subs && docbao_subtitles_cue(r->subs, start, end, s->written, s->written_len))
            return fail(r, DOCBAO_EIO, docbao_last_error(NULL));
    }
    if (r->opt->sentence && r->opt->sentence(r->opt->user, s, start, end))
        return 1;
    if (s->spoken_len && !s->line_end && docbao_pause(r->db, DOCBAO_PAUSE_SENTENCE, to_outputs, r))
        return 1;
    if (s->line_end && r->sentences &&
        docbao_pause(r->db, s->headline ? DOCBAO_PAUSE_HEADLINE : DOCBAO_PAUSE_PARAGRAPH, to_outputs, r))
        return 1;
    return 0;
}

/* a sentence waiting for its audio from the pool: a copy of its texts */
typedef struct pending {
    docbao_sentence s;
    char text[];
} pending;

static int pooled_audio(void *user, void *tag, const short *pcm, size_t frames)
{
    render *r = user;
    pending *p = tag;
    double start = (double)r->frames / r->rate;
    int rc = (frames && to_outputs(r, pcm, frames)) || after_sentence(r, &p->s, start);
    free(p);
    return rc;
}

static int pool_sentence(render *r, const docbao_sentence *s)
{
    pending *p = malloc(sizeof *p + s->written_len + s->spoken_len + 2);
    if (!p)
        return fail(r, DOCBAO_ENOMEM, "out of memory");
    p->s = *s;
    memcpy(p->text, s->written, s->written_len);
    p->text[s->written_len] = '\0';
    memcpy(p->text + s->written_len + 1, s->spoken, s->spoken_len);
    p->text[s->written_len + 1 + s->spoken_len] = '\0';
    p->s.written = p->text;
    p->s.spoken = p->text + s->written_len + 1;
    int rc = pool_submit(r->pool, s->spoken, s->spoken_len, p, pooled_audio, r);
    if (rc < 0)
        fail(r, DOCBAO_ESYNTH, pool_error(r->pool));
    return rc ? 1 : 0;
}

static int speak_sentence(void *user, const docbao_sentence *s)
{
    render *r = user;
    if (r->opt->cancel && *r->opt->cancel)
        return 1;
    if (r->pool)
        return pool_sentence(r, s);
    double start = (double)r->frames / r->rate;
    int rc = s->spoken_len ? docbao_synthesize(r->db, s->spoken, s->spoken_len, to_outputs, r) : 0;
    if (rc && rc != DOCBAO_ESTOPPED)
        fail(r, rc, NULL); /* its message is set */
    return rc ? 1 : after_sentence(r, s, start);
}

static int open_device(render *r)
{
    docbao_output *dev = docbao_output_device(r->rate);
    if (dev)
        r->out[r->nout++] = dev;
    else if (r->opt->device == DOCBAO_DEVICE_REQUIRED)
        return fail(r, DOCBAO_EAUDIO, docbao_last_error(NULL));
    else if (r->opt->warning)
        r->opt->warning(r->opt->user, docbao_last_error(NULL));
    return 0;
}

/* The file, the subtitles, the device and the helpers; 0 or 1 (r->status). */
static int open_outputs(render *r)
{
    const docbao_render_options *o = r->opt;
    if (o->file) {
        if (!(r->out[r->nout] = docbao_output_file_mastered(o->file, r->rate, &r->fo)))
            return fail(r, DOCBAO_EAUDIO, docbao_last_error(NULL));
        docbao_output_metadata(r->out[r->nout++], o->title, o->artist, o->date);
    }
    if (o->subtitles && !(r->subs = docbao_subtitles_open(o->subtitles)))
        return fail(r, DOCBAO_EIO, docbao_last_error(NULL));
    if (o->device && open_device(r))
        return 1;
    if (o->helpers > 0)
        r->pool = pool_new(r->db, o->helpers); /* NULL: this process does it all */
    return 0;
}

/* Every input in turn, then what the pool still holds. A status. */
static int run_inputs(render *r, const docbao_input *in, size_t n)
{
    int rc = 0;
    for (size_t k = 0; k < n && !rc; k++)
        rc = docbao_normalize_input(r->db, &in[k], speak_sentence, r);
    if (!rc && r->pool && pool_finish(r->pool, pooled_audio, r)) {
        if (pool_error(r->pool)[0])
            fail(r, DOCBAO_ESYNTH, pool_error(r->pool));
        rc = DOCBAO_ESTOPPED;
    }
    pool_free(r->pool, free);
    r->pool = NULL;
    if (r->status)
        return r->status;
    if (!rc && !r->sentences) {
        api_set_error(r->db, "nothing to speak: the input has no text");
        return DOCBAO_EINPUT;
    }
    return rc;
}

/* Commits the outputs when rc is 0, else discards them. A status. */
static int close_outputs(render *r, int rc)
{
    for (int k = r->nout - 1; k >= 0; k--)
        if (docbao_output_close(r->out[k], rc == 0) && !rc) {
            api_set_error(r->db, "%s", docbao_last_error(NULL));
            rc = DOCBAO_EAUDIO;
        }
    if (r->subs && docbao_subtitles_close(r->subs, rc == 0) && !rc) {
        api_set_error(r->db, "%s", docbao_last_error(NULL));
        rc = DOCBAO_EIO;
    }
    return rc;
}

void docbao_render_defaults(docbao_render_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->file_options = (docbao_file_options){0, 1, -23.0, -1.0, NAN, 0};
}

int docbao_render(docbao *db, const docbao_input *in, size_t n, const docbao_render_options *opt,
                  docbao_render_result *res)
{
    render r = {.db = db, .opt = opt, .fo = opt->file_options};
    r.fo.measured_lufs = NAN;
    r.fo.gain_db = 0;
    api_set_error(db, "%s", "");
    int rc = (r.rate = docbao_sample_rate(db)) ? 0 : DOCBAO_ESYNTH;
    if (!rc)
        rc = open_outputs(&r) ? r.status : run_inputs(&r, in, n);
    rc = close_outputs(&r, rc);
    if (res) {
        res->sentences = r.sentences;
        res->frames = r.frames;
        res->rate = r.rate;
        res->seconds = r.rate ? (double)r.frames / r.rate : 0;
        res->measured_lufs = r.fo.measured_lufs;
        res->gain_db = r.fo.gain_db;
        res->loudness_lufs = rc || !opt->file ? NAN
                             : r.fo.normalize && isfinite(r.fo.measured_lufs) ? r.fo.loudness_lufs
                                                                               : r.fo.measured_lufs;
    }
    return rc;
}
