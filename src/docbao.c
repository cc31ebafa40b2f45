/* docbao — the public API: wires the stages together for a caller. */
#include "docbao.h"
#include "ahead.h"
#include "html.h"
#include "lexicon.h"
#include "master.h"
#include "normalize.h"
#include "reader.h"
#include "respell.h"
#include "sink.h"
#include "subtitles.h"
#include "tones.h"
#include "synth.h"
#include "voice.h"
#include "render.h"
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#ifndef DOCBAO_DATADIR
#define DOCBAO_DATADIR "/usr/local/share/docbao"
#endif

struct docbao {
    char data_dir[1024];
    lexicon *lx;
    translit *tr;             /* foreign words' Vietnamese syllables (lexicon/translit.tsv) */
    voice_profile voice;
    normalizer nz;
    char error[1024];
    int synth_ready;
    respell *rs;              /* spellings eSpeak-NG reads right; loaded with the synthesizer */
    int line_start;           /* no sentence of the current line given yet */
    int lines;                /* lines read so far */
    docbao_sentence_fn fn;
    void *user;
    int headline;
    strbuf line;
};

const char *docbao_strerror(int status)
{
    static const char *const MSG[] = {
#define DOCBAO_X(id, msg) msg,
        DOCBAO_STATUS_LIST(DOCBAO_X)
#undef DOCBAO_X
    };
    if (status < 0 || (size_t)status >= sizeof MSG / sizeof MSG[0])
        return "unknown status";
    return MSG[status];
}

static int voice_path(const char *data, const char *name, char *out, size_t n)
{
    if (strchr(name, '/') || access(name, R_OK) == 0)
        return snprintf(out, n, "%s", name) >= (int)n ? -1 : 0;
    return snprintf(out, n, "%s/voices/%s.voice", data, name) >= (int)n ? -1 : 0;
}

void docbao_config_defaults(docbao_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->dialect = cfg->pitch = cfg->volume = -1; /* the voice's */
}

/* the last error of a call without a handle, per thread: docbao_last_error(NULL) */
static _Thread_local char t_error[1024];

/* status, with msg as this thread's last error */
static int failed(int status, const char *msg)
{
    snprintf(t_error, sizeof t_error, "%s", msg);
    return status;
}

docbao *docbao_new(const docbao_config *cfg)
{
    docbao_config def;
    docbao_config_defaults(&def);
    if (!cfg)
        cfg = &def;
    docbao *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(t_error, sizeof t_error, "out of memory");
        return NULL;
    }
    const char *dir = cfg->data_dir ? cfg->data_dir : getenv("DOCBAO_DATA");
    snprintf(db->data_dir, sizeof db->data_dir, "%s", dir && *dir ? dir : DOCBAO_DATADIR);
    char path[2048];
    voice_defaults(&db->voice);
    if (voice_path(db->data_dir, cfg->voice ? cfg->voice : "north", path, sizeof path) ||
        voice_load(path, &db->voice, t_error, sizeof t_error)) {
        free(db);
        return NULL;
    }
    if (cfg->rate) {
        if (cfg->rate < 80 || cfg->rate > 450) {
            snprintf(t_error, sizeof t_error, "rate %d is outside 80..450 words per minute", cfg->rate);
            free(db);
            return NULL;
        }
        db->voice.rate = cfg->rate;
    }
    if (cfg->pitch > 100 || cfg->volume > 200) {
        snprintf(t_error, sizeof t_error, "pitch must be 0..100 and volume 0..200");
        free(db);
        return NULL;
    }
    if (cfg->pitch >= 0)
        db->voice.pitch = cfg->pitch;
    if (cfg->volume >= 0)
        db->voice.volume = cfg->volume;
    if (cfg->dialect == 0 || cfg->dialect == 1)
        db->voice.dialect = (num_dialect)cfg->dialect;
    snprintf(path, sizeof path, "%s/lexicon", db->data_dir);
    db->lx = lexicon_load(path, cfg->user_lexicon, t_error, sizeof t_error);
    if (!db->lx) {
        free(db);
        return NULL;
    }
    tones_use_dir(path); /* lexicon/words.tsv, read at the first toneless word */
    db->tr = translit_load(db->lx, NULL, t_error, sizeof t_error);
    if (!db->tr) {
        lexicon_free(db->lx);
        free(db);
        return NULL;
    }
    normalizer_init(&db->nz, db->lx, db->voice.dialect);
    db->nz.year_short = cfg->year_short;
    db->nz.foreign_keep = cfg->foreign_keep;
    db->nz.tr = db->tr;
    return db;
}

void docbao_free(docbao *db)
{
    if (!db)
        return;
    normalizer_free(&db->nz);
    translit_free(db->tr);
    lexicon_free(db->lx);
    strbuf_free(&db->line);
    if (db->synth_ready)
        synth_close();
    respell_free(db->rs);
    free(db);
}

const char *docbao_last_error(const docbao *db) { return db ? db->error : t_error; }

void api_set_error(docbao *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->error, sizeof db->error, fmt, ap);
    va_end(ap);
}
const char *docbao_data_dir(const docbao *db) { return db ? db->data_dir : NULL; }

void docbao_set_explain(docbao *db, docbao_explain_fn fn, void *user)
{
    db->nz.explain = fn;
    db->nz.explain_user = user;
}

void docbao_set_explain_rules(docbao *db, int on)
{
    db->nz.explain_rules = on;
}

static int on_sentence(void *user, const char *w, size_t wl, const char *s, size_t sl)
{
    docbao *db = user;
    docbao_sentence ds = {w, wl, s, sl, 0, db->headline};
    db->line_start = 0;
    return db->fn(db->user, &ds) ? 1 : 0;
}

/* Normalizes one piece; at a line end, gives the empty sentence that carries
 * line_end (docbao.h). */
static int run_piece(docbao *db, const char *text, size_t n, int line_end)
{
    int rc = normalize_piece(&db->nz, text, n, on_sentence, db);
    if (rc < 0) {
        snprintf(db->error, sizeof db->error, "out of memory");
        return DOCBAO_ENOMEM;
    }
    if (rc)
        return DOCBAO_ESTOPPED;
    if (line_end) {
        docbao_sentence end = {"", 0, "", 0, 1, db->headline};
        db->line_start = 1;
        if (db->fn(db->user, &end))
            return DOCBAO_ESTOPPED;
    }
    return DOCBAO_OK;
}

/* A headline: the first non-empty line, short, without final punctuation. */
static int is_headline(docbao *db, const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (db->lines != 1 || !n || n > 300)
        return 0;
    return !strchr(".!?:;,", s[n - 1]);
}

int docbao_normalize(docbao *db, const char *text, size_t len, docbao_sentence_fn fn, void *user)
{
    db->fn = fn;
    db->user = user;
    db->lines = 0;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        db->lines++;
        db->headline = is_headline(db, text + i, end - i);
        int rc = run_piece(db, text + i, end - i, 1);
        if (rc)
            return rc;
        i = end + 1;
    }
    return DOCBAO_OK;
}

static void warn_invalid(void *user, const char *name, unsigned long long off, const char *msg)
{
    docbao *db = user;
    snprintf(db->error, sizeof db->error, "%s: byte %llu: %s", name, off, msg);
    fprintf(stderr, "docbao: %s\n", db->error);
}

static int replay_sentence(void *user, const ahead_sentence *s)
{
    docbao *db = user;
    docbao_sentence ds = {s->written, s->written_len, s->spoken, s->spoken_len, s->line_end, s->headline};
    return db->fn(db->user, &ds) ? 1 : 0;
}

/* Workers for a file: a regular file of some size, with no explain
 * callback (which would be called from the workers), on a machine with
 * cores to spare. A pipe or a terminal is read a line at a time. */
static int ahead_workers(const docbao *db, FILE *in)
{
    struct stat st;
    if (db->nz.explain || getenv("DOCBAO_THREADS_OFF") || fstat(fileno(in), &st) || !S_ISREG(st.st_mode) ||
        st.st_size < 256 * 1024)
        return 0;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN); /* the caller's thread normalizes too */
    return cpus < 2 ? 0 : cpus > 4 ? 3 : (int)cpus - 1;
}

int docbao_normalize_file(docbao *db, FILE *in, const char *name, docbao_sentence_fn fn, void *user)
{
    reader r;
    reader_init(&r, in, name, warn_invalid, db);
    db->fn = fn;
    db->user = user;
    db->lines = 0;
    int rc = DOCBAO_OK, got, eol, at_line_start = 1, workers = ahead_workers(db, in);
    ahead *a = workers ? ahead_new(&db->nz, workers) : NULL;
    db->error[0] = '\0';
    while ((got = reader_next(&r, &db->line, &eol)) > 0) {
        if (at_line_start) {
            db->lines++;
            db->headline = is_headline(db, strbuf_str(&db->line), db->line.len) && eol;
        }
        if (a) {
            int k = ahead_push(a, strbuf_str(&db->line), db->line.len, eol, db->headline, replay_sentence, db);
            rc = k < 0 ? DOCBAO_ENOMEM : k ? DOCBAO_ESTOPPED : DOCBAO_OK;
        } else {
            rc = run_piece(db, strbuf_str(&db->line), db->line.len, eol);
        }
        if (rc)
            break;
        at_line_start = eol;
    }
    if (a && !rc) {
        int k = ahead_finish(a, replay_sentence, db);
        rc = k < 0 ? DOCBAO_ENOMEM : k ? DOCBAO_ESTOPPED : DOCBAO_OK;
    }
    if (rc == DOCBAO_ENOMEM)
        snprintf(db->error, sizeof db->error, "out of memory");
    ahead_free(a);
    if (got < 0 && !rc)
        rc = db->error[0] ? DOCBAO_EINPUT : DOCBAO_EIO;
    reader_free(&r);
    return rc;
}

static int ensure_synth(docbao *db)
{
    if (db->synth_ready)
        return 0;
    char path[1200];
    snprintf(path, sizeof path, "%s/lexicon/respell.tsv", db->data_dir);
    if (!db->rs && !(db->rs = respell_load(path, db->lx, db->voice.espeak_voice, db->error, sizeof db->error)))
        return -1;
    if (synth_open(&db->voice, db->error, sizeof db->error))
        return -1;
    db->synth_ready = 1;
    return 0;
}

int docbao_sample_rate(docbao *db) { return ensure_synth(db) ? 0 : synth_rate(); }

int docbao_synth_text(docbao *db, const char *spoken, size_t len, char **text)
{
    *text = NULL;
    if (ensure_synth(db))
        return DOCBAO_ESYNTH;
    strbuf out = {0};
    if (respell_text(db->rs, spoken, len, &out)) {
        strbuf_free(&out);
        return DOCBAO_ENOMEM;
    }
    *text = out.s ? out.s : strdup("");
    return *text ? DOCBAO_OK : DOCBAO_ENOMEM;
}

int docbao_synthesize(docbao *db, const char *spoken, size_t len, docbao_audio_fn fn, void *user)
{
    char *text; /* docbao_synth_text starts the synthesizer */
    int rc = docbao_synth_text(db, spoken, len, &text);
    if (rc)
        return rc;
    rc = synth_speak(&db->voice, text, strlen(text), fn, user);
    free(text);
    if (rc < 0) {
        snprintf(db->error, sizeof db->error, "eSpeak-NG failed to synthesize");
        return DOCBAO_ESYNTH;
    }
    return rc ? DOCBAO_ESTOPPED : DOCBAO_OK;
}

int docbao_pause(docbao *db, docbao_pause_kind kind, docbao_audio_fn fn, void *user)
{
    if (ensure_synth(db))
        return DOCBAO_ESYNTH;
    int ms = kind == DOCBAO_PAUSE_HEADLINE ? db->voice.pause_headline_ms : kind == DOCBAO_PAUSE_PARAGRAPH ? db->voice.pause_paragraph_ms
                                                                 : db->voice.pause_sentence_ms;
    static const short zeros[1024];
    size_t frames = (size_t)synth_rate() * (size_t)ms / 1000;
    while (frames) {
        size_t k = frames < 1024 ? frames : 1024;
        if (fn(user, zeros, k))
            return DOCBAO_ESTOPPED;
        frames -= k;
    }
    return DOCBAO_OK;
}

int docbao_phonemes(docbao *db, const char *spoken, size_t len, char **ipa)
{
    *ipa = NULL;
    char *text; /* docbao_synth_text starts the synthesizer */
    int rc = docbao_synth_text(db, spoken, len, &text);
    if (rc)
        return rc;
    strbuf out = {0};
    rc = synth_ipa(&db->voice, text, strlen(text), &out);
    free(text);
    if (rc) {
        strbuf_free(&out);
        return DOCBAO_ESYNTH;
    }
    *ipa = out.s ? out.s : strdup("");
    return *ipa ? DOCBAO_OK : DOCBAO_ENOMEM;
}

struct docbao_output {
    sink *s;
    master *m;                   /* NULL: straight to the sink */
    docbao_file_options *opts;   /* the caller's, with m */
    unsigned long long frames;   /* given to write */
};

static docbao_output *wrap(sink *s)
{
    if (!s)
        return NULL;
    docbao_output *o = calloc(1, sizeof *o);
    if (!o) {
        char e[8];
        sink_close(s, 0, e, sizeof e);
        return NULL;
    }
    o->s = s;
    return o;
}

docbao_output *docbao_output_file(const char *path, int rate)
{
    return wrap(sink_file_open(path, rate, t_error, sizeof t_error));
}

docbao_output *docbao_output_file_mastered(const char *path, int rate, docbao_file_options *opts)
{
    int out_rate = opts->sample_rate ? opts->sample_rate : rate;
    if (out_rate != 16000 && out_rate != 22050 && out_rate != 24000 && out_rate != 44100 && out_rate != 48000) {
        snprintf(t_error, sizeof t_error, "sample rate %d: use 16000, 22050, 24000, 44100 or 48000", out_rate);
        return NULL;
    }
    const char *dot = strrchr(path, '.');
    if (dot && !strcmp(dot, ".opus") && out_rate != 24000 && out_rate != 48000) {
        snprintf(t_error, sizeof t_error, "%s: Ogg Opus needs --sample-rate 24000 or 48000", path);
        return NULL;
    }
    if (!opts->normalize && out_rate == rate)
        return docbao_output_file(path, rate);
    /* lossy encoders overshoot the peaks they are given: keep 1 dB more room */
    double ceiling = opts->true_peak_dbtp;
    if (dot && (!strcmp(dot, ".ogg") || !strcmp(dot, ".oga") || !strcmp(dot, ".mp3") || !strcmp(dot, ".opus")) &&
        ceiling > opts->true_peak_dbtp - 1.0)
        ceiling = opts->true_peak_dbtp - 1.0;
    master_config mc = {rate, out_rate, opts->normalize, opts->loudness_lufs, ceiling, 0};
    master *m = master_new(&mc, t_error, sizeof t_error);
    if (!m)
        return NULL;
    docbao_output *o = wrap(sink_file_open(path, out_rate, t_error, sizeof t_error));
    if (!o) {
        master_free(m);
        return NULL;
    }
    o->m = m;
    o->opts = opts;
    return o;
}

docbao_output *docbao_output_device(int rate)
{
    return wrap(sink_device_open(rate, t_error, sizeof t_error));
}

int docbao_output_write(docbao_output *o, const short *pcm, size_t frames)
{
    o->frames += frames;
    if (o->m)
        return master_push(o->m, pcm, frames) ? failed(DOCBAO_EAUDIO, "writing the audio failed") : DOCBAO_OK;
    return sink_write(o->s, pcm, frames) ? failed(DOCBAO_EAUDIO, "writing the audio failed") : DOCBAO_OK;
}

unsigned long long docbao_output_frames(const docbao_output *o) { return o->frames; }

static int to_sink(void *user, const float *pcm, size_t frames)
{
    sink *s = user;
    short buf[4096];
    while (frames) {
        size_t k = frames < 4096 ? frames : 4096;
        master_to_s16(pcm, buf, k);
        if (sink_write(s, buf, k))
            return -1;
        pcm += k;
        frames -= k;
    }
    return 0;
}

int docbao_output_close(docbao_output *o, int commit)
{
    if (!o)
        return DOCBAO_OK;
    int rc = 0;
    if (o->m) {
        if (commit) {
            rc = master_finish(o->m, to_sink, o->s, &o->opts->measured_lufs, &o->opts->gain_db);
            if (rc)
                snprintf(t_error, sizeof t_error, "writing the mastered audio failed");
        }
        master_free(o->m);
    }
    if (sink_close(o->s, commit && !rc, t_error, sizeof t_error))
        rc = -1;
    free(o);
    return rc ? DOCBAO_EAUDIO : DOCBAO_OK;
}

int docbao_output_check(const char *path, int rate)
{
    return sink_file_check(path, rate, t_error, sizeof t_error) ? DOCBAO_EAUDIO : DOCBAO_OK;
}

int docbao_lexicon_check(const char *path, void (*report)(void *user, const char *message), void *user)
{
    return lexicon_check(path, report, user);
}

int docbao_output_metadata(docbao_output *o, const char *title, const char *artist, const char *date)
{
    return sink_file_metadata(o->s, title, artist, date) ? failed(DOCBAO_EAUDIO, "writing the metadata failed")
                                                         : DOCBAO_OK;
}

docbao_subtitles *docbao_subtitles_open(const char *path)
{
    return (docbao_subtitles *)subtitles_open(path, t_error, sizeof t_error);
}

int docbao_subtitles_cue(docbao_subtitles *s, double start, double end, const char *text, size_t len)
{
    return subtitles_cue((subtitles *)s, start, end, text, len) ? failed(DOCBAO_EIO, "writing the subtitles failed")
                                                                : DOCBAO_OK;
}

int docbao_subtitles_close(docbao_subtitles *s, int commit)
{
    return subtitles_close((subtitles *)s, commit, t_error, sizeof t_error) ? DOCBAO_EIO : DOCBAO_OK;
}

int docbao_is_html(const char *buf, size_t len) { return html_sniff(buf, len); }

int docbao_normalize_html(docbao *db, const char *html, size_t len, int keep_all,
                          void (*dropped)(void *user, const char *what, const char *why),
                          docbao_sentence_fn fn, void *user)
{
    html_article a;
    if (html_extract(html, len, keep_all, db->lx, &a, db->error, sizeof db->error))
        return DOCBAO_EINPUT;
    for (size_t i = 0; dropped && i < a.ndropped; i++)
        dropped(user, a.dropped[i].what, a.dropped[i].why);
    int rc = docbao_normalize(db, a.text, a.len, fn, user);
    html_article_free(&a);
    return rc;
}
