/* test_render — docbao_render and the public calls around it, through
 * docbao.h alone: a WAV file read back with libsndfile (rate, length, not
 * silent), subtitles, the PCM and sentence callbacks, helper processes,
 * cancelling, docbao_output_check's status, the pause kinds, where the
 * sentence callback's times fall in the PCM, exactly where line_end falls, and errors that travel one way (docbao_last_error). */
#include "check.h"
#include <docbao.h>
#include <math.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdlib.h>
#include <unistd.h>

static const char TEXT[] = "Hà Nội mưa to. Giá xăng tăng 500 đồng.\nNgày 2/9/2024 là Quốc khánh.\n";
static char dir[256];

static docbao *handle(void)
{
    docbao_config cfg;
    docbao_config_defaults(&cfg);
    docbao *db = docbao_new(&cfg);
    if (!db)
        printf("docbao_new: %s\n", docbao_last_error(NULL));
    return db;
}

static docbao_input text_input(const char *text)
{
    docbao_input in = {0};
    in.text = text;
    in.len = strlen(text);
    return in;
}

typedef struct counts {
    unsigned long long pcm_frames;
    int sentences, words;
    double last_end;
} counts;

static int count_pcm(void *user, const short *pcm, size_t frames)
{
    (void)pcm;
    ((counts *)user)->pcm_frames += frames;
    return 0;
}

static int count_sentence(void *user, const docbao_sentence *s, double start, double end)
{
    counts *c = user;
    c->sentences++;
    c->words += s->spoken_len > 0;
    if (end < start || start < c->last_end - 1e-9)
        c->words = -1000; /* times go backwards */
    c->last_end = end;
    return 0;
}

/* frames, rate and the largest sample of a sound file; -1 when unreadable */
static long read_back(const char *path, int *rate, int *peak)
{
    SF_INFO info = {0};
    SNDFILE *f = sf_open(path, SFM_READ, &info);
    if (!f)
        return -1;
    short buf[4096];
    sf_count_t got;
    *peak = 0;
    while ((got = sf_readf_short(f, buf, 4096 / info.channels)) > 0)
        for (sf_count_t i = 0; i < got * info.channels; i++)
            if (abs(buf[i]) > *peak)
                *peak = abs(buf[i]);
    sf_close(f);
    *rate = info.samplerate;
    return (long)info.frames;
}

static void test_wav(docbao *db, int helpers)
{
    char wav[300], srt[300];
    snprintf(wav, sizeof wav, "%s/a%d.wav", dir, helpers);
    snprintf(srt, sizeof srt, "%s/a%d.srt", dir, helpers);
    docbao_render_options o;
    docbao_render_defaults(&o);
    o.file = wav;
    o.file_options.sample_rate = 16000;
    o.subtitles = srt;
    o.helpers = helpers;
    counts c = {0};
    o.pcm = count_pcm;
    o.sentence = count_sentence;
    o.user = &c;
    docbao_input in = text_input(TEXT);
    docbao_render_result r;
    int rc = docbao_render(db, &in, 1, &o, &r);
    CHECK(rc == DOCBAO_OK, docbao_last_error(db));
    int rate = 0, peak = 0;
    long frames = read_back(wav, &rate, &peak);
    printf("render, %d helpers: %ld frames at %d Hz, peak %d, %.2f s, %lu sentences, %.1f LUFS\n", helpers, frames,
           rate, peak, r.seconds, r.sentences, r.loudness_lufs);
    CHECK(rate == 16000, "the file is at the rate asked for");
    CHECK(frames > 16000, "the file lasts more than a second");
    CHECK(peak > 3000, "the file is not silent");
    CHECK(fabs((double)frames / rate - r.seconds) < 0.05, "the result's duration is the file's");
    CHECK(r.sentences == 3 && c.words == 3, "three sentences with words");
    CHECK(c.sentences == 5, "the sentence callback sees the two line ends too");
    CHECK(c.pcm_frames == r.frames && r.rate > 0, "the PCM callback gets every frame");
    CHECK(fabs(r.loudness_lufs + 23) < 0.01, "the file is mastered to -23 LUFS");
    FILE *f = fopen(srt, "r");
    char buf[4096] = "";
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
    CHECK(!strncmp(buf, "1\n00:00:00,000 --> 00:00:0", 26), "subtitles: the first cue starts at 0");
    CHECK(strstr(buf, "\n3\n") && strstr(buf, "Ngày 2/9/2024 là Quốc khánh."), "subtitles: a cue per sentence, as written");
}

static void test_errors(docbao *db)
{
    docbao_config cfg;
    docbao_config_defaults(&cfg);
    cfg.voice = "no-such-voice";
    CHECK(docbao_new(&cfg) == NULL && strstr(docbao_last_error(NULL), "no-such-voice"),
          "docbao_new: NULL, the reason in docbao_last_error(NULL)");
    CHECK(docbao_output_check("x.wav", 22050) == DOCBAO_OK, "output_check: a WAV file can be written");
    CHECK(docbao_output_check("x.xyz", 22050) == DOCBAO_EAUDIO && docbao_last_error(NULL)[0],
          "output_check: an unknown format is DOCBAO_EAUDIO, with a message");
    CHECK(docbao_output_file("/no/such/dir/a.wav", 22050) == NULL && docbao_last_error(NULL)[0],
          "output_file: NULL, with a message");
    char wav[300];
    snprintf(wav, sizeof wav, "%s/missing.wav", dir);
    docbao_render_options o;
    docbao_render_defaults(&o);
    o.file = wav;
    docbao_input in = {.path = "/no/such/input.txt"};
    CHECK(docbao_render(db, &in, 1, &o, NULL) == DOCBAO_EIO && strstr(docbao_last_error(db), "/no/such/input.txt"),
          "render: a missing input is DOCBAO_EIO, named in docbao_last_error(db)");
    CHECK(access(wav, F_OK) != 0, "render: a failed render leaves no file");
    in = text_input("\n\n");
    CHECK(docbao_render(db, &in, 1, &o, NULL) == DOCBAO_EINPUT && strstr(docbao_last_error(db), "nothing to speak"),
          "render: input without words is DOCBAO_EINPUT");
    volatile int cancel = 1;
    o.cancel = &cancel;
    in = text_input(TEXT);
    CHECK(docbao_render(db, &in, 1, &o, NULL) == DOCBAO_ESTOPPED && access(wav, F_OK) != 0,
          "render: cancelled is DOCBAO_ESTOPPED, and no file");
}

static void *other_thread_fails(void *arg)
{
    (void)arg;
    docbao_output_check("y.nosuchformat", 22050);
    return NULL;
}

/* docbao_last_error(NULL) is the calling thread's */
static void test_error_per_thread(void)
{
    docbao_output_check("x.xyz", 22050);
    char mine[512];
    snprintf(mine, sizeof mine, "%s", docbao_last_error(NULL));
    pthread_t t;
    pthread_create(&t, NULL, other_thread_fails, NULL);
    pthread_join(t, NULL);
    CHECK_STR(docbao_last_error(NULL), mine, "another thread's failure leaves this thread's last error");
}

static int count_frames(void *user, const short *pcm, size_t frames)
{
    (void)pcm;
    *(long *)user += (long)frames;
    return 0;
}

static void test_pauses(docbao *db)
{
    long n[3] = {0, 0, 0};
    docbao_pause_kind k[3] = {DOCBAO_PAUSE_SENTENCE, DOCBAO_PAUSE_PARAGRAPH, DOCBAO_PAUSE_HEADLINE};
    for (int i = 0; i < 3; i++)
        CHECK(docbao_pause(db, k[i], count_frames, &n[i]) == DOCBAO_OK, "docbao_pause");
    int rate = docbao_sample_rate(db);
    CHECK(n[0] == rate / 4 && n[1] == rate * 6 / 10 && n[2] == rate * 9 / 10,
          "pauses: sentence 250 ms, paragraph 600 ms, headline 900 ms (north.voice)");
}

/* The sentence callback's times, as frame counts, against the PCM given so far. */
typedef struct timeline {
    int rate, n, exact;
    unsigned long long pcm;
    long long start[8], end[8];
} timeline;

static int timeline_pcm(void *user, const short *pcm, size_t frames)
{
    (void)pcm;
    ((timeline *)user)->pcm += frames;
    return 0;
}

static int timeline_sentence(void *user, const docbao_sentence *s, double start, double end)
{
    timeline *t = user;
    (void)s;
    t->exact &= llround(end * t->rate) == (long long)t->pcm;
    if (t->n < 8) {
        t->start[t->n] = llround(start * t->rate);
        t->end[t->n++] = llround(end * t->rate);
    }
    return 0;
}

/* What the terminal player cuts its slots by: a sentence's callback comes
 * when its audio is given, and its pauses come between its end and the next
 * start: a sentence pause inside a line, then the paragraph pause after the
 * line end's empty sentence. */
static void test_timeline(docbao *db)
{
    timeline t = {.rate = docbao_sample_rate(db), .exact = 1};
    docbao_render_options o;
    docbao_render_defaults(&o);
    o.pcm = timeline_pcm;
    o.sentence = timeline_sentence;
    o.user = &t;
    docbao_input in = text_input(TEXT);
    CHECK(docbao_render(db, &in, 1, &o, NULL) == DOCBAO_OK, docbao_last_error(db));
    CHECK(t.exact, "sentence callback: end * rate is exactly the frames given to pcm so far");
    long long pause = t.rate / 4, para = t.rate * 6 / 10;
    char got[128], want[128];
    snprintf(got, sizeof got, "%d: %lld %lld %lld %lld, %lld", t.n, t.start[1] - t.end[0], t.start[2] - t.end[1],
             t.start[3] - t.end[2], t.start[4] - t.end[3], t.end[2] - t.start[2]);
    snprintf(want, sizeof want, "5: %lld %lld %lld %lld, 0", pause, pause, para, pause);
    CHECK_STR(got, want, "sentence callback: the pauses fall between one's end and the next one's start");
    CHECK(t.end[0] > t.start[0] + t.rate / 2, "sentence callback: a sentence's audio lies between its start and end");
}

/* line_end: the sentences of a text as "w|" (words) or "E" (the empty line-end sentence) */
static int shape(void *user, const docbao_sentence *s)
{
    char *out = user;
    if (s->line_end)
        strcat(out, s->spoken_len || s->written_len ? "?" : "E");
    else
        strcat(out, s->spoken_len ? "w" : "-");
    return 0;
}

static void test_line_end(docbao *db)
{
    const char *text = "Câu một. Câu hai.\n\nCâu ba.";
    char got[64] = "";
    CHECK(docbao_normalize(db, text, strlen(text), shape, got) == DOCBAO_OK, "normalize");
    CHECK_STR(got, "wwEEwE", "line_end: an empty sentence after every line, alone for an empty line");
    char path[300];
    snprintf(path, sizeof path, "%s/lines.txt", dir);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    docbao_input in = {.path = path, .html = -1};
    got[0] = '\0';
    CHECK(docbao_normalize_input(db, &in, shape, got) == DOCBAO_OK, "normalize_input");
    CHECK_STR(got, "wwEEwE", "line_end: the same from a file");
}

int main(void)
{
    setenv("DOCBAO_DATA", DOCBAO_DATADIR, 0);
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/docbao-test-render-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    docbao *db = handle();
    CHECK(db != NULL, "a handle");
    if (!db)
        return check_done();
    test_line_end(db);
    test_pauses(db);
    test_timeline(db);
    test_errors(db);
    test_error_per_thread();
    test_wav(db, 0);
    test_wav(db, 2);
    docbao_free(db);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd))
        return 1;
    return check_done();
}
