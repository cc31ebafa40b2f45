/* docbao.h — the public interface of libdocbao: Vietnamese news text to the
 * words a news reader says, and those words to audio through eSpeak-NG.
 *
 * Ownership: a docbao handle owns its lexicon, voice and buffers; strings it
 * hands to callbacks are borrowed and valid during the call only. The library
 * never calls exit().
 *
 * Errors travel one way: a call returns DOCBAO_OK (0) or a DOCBAO_* status
 * (a constructor returns NULL), and docbao_last_error() says what went wrong
 * (file:line for a bad lexicon row): docbao_last_error(db) after a call on
 * the handle db, docbao_last_error(NULL) after a call without a handle
 * (docbao_new, the outputs, the subtitles), kept per thread. A message stays
 * until the next failing call of the same kind; after a success it is stale.
 *
 * Threads: any number of handles may live in one process. A handle, an
 * output and a subtitles file are used by one thread at a time (two threads
 * may use two handles at once). eSpeak-NG is one engine per process: the
 * library counts its users, sets each handle's voice before each of its
 * calls and serializes them, so synthesis from two threads is correct but
 * not parallel (docbao_render's helpers give parallel synthesis). Callbacks
 * run on the calling thread, inside the call; they must not call back into
 * the same handle. */
#ifndef DOCBAO_H
#define DOCBAO_H

/* Only what this header declares is exported by libdocbao.so (the library is
 * built with -fvisibility=hidden). */
#if defined(__GNUC__)
#define DOCBAO_API __attribute__((visibility("default")))
#else
#define DOCBAO_API
#endif
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DOCBAO_VERSION "0.1.0"

#define DOCBAO_STATUS_LIST(X) \
    X(DOCBAO_OK, "success") \
    X(DOCBAO_ENOMEM, "out of memory") \
    X(DOCBAO_EDATA, "bad lexicon or voice data") \
    X(DOCBAO_EIO, "cannot read input") \
    X(DOCBAO_EINPUT, "input is not text") \
    X(DOCBAO_ESYNTH, "speech synthesis failed") \
    X(DOCBAO_EAUDIO, "audio output failed") \
    X(DOCBAO_ESTOPPED, "stopped by the caller")

typedef enum {
#define DOCBAO_X(id, msg) id,
    DOCBAO_STATUS_LIST(DOCBAO_X)
#undef DOCBAO_X
} docbao_status;

/* The message of a status; never NULL. */
DOCBAO_API const char *docbao_strerror(int status);

typedef struct docbao docbao;

typedef struct docbao_config {
    const char *data_dir;     /* holds lexicon/ and voices/; NULL: $DOCBAO_DATA or the built-in path */
    const char *voice;        /* a profile name in voices/ or a path to one; NULL: "north" */
    const char *user_lexicon; /* NULL, or a TSV whose rows override the bundled lexicon */
    int rate;                 /* words per minute 80..450; 0: the voice's */
    int dialect;              /* -1: the voice's; 0 Northern (nghìn, linh); 1 Southern (ngàn, lẻ) */
    int pitch;                /* 0..100; -1: the voice's */
    int volume;               /* 0..200; -1: the voice's */
    int year_short;           /* 1: 2021 "hai nghìn hai mươi mốt"; 0 (default): "hai nghìn không trăm hai mươi mốt" */
    int foreign_keep;         /* 1: foreign words as written (eSpeak-NG may switch to its English voice);
                                 0 (default): said in Vietnamese syllables (Myanmar "mi an ma") */
} docbao_config;

/* Fills cfg with the defaults (the voice's rate, pitch, volume and dialect;
 * full years; foreign words in Vietnamese syllables): start from these and
 * change what you need. A config zeroed by hand means pitch 0 and volume 0. */
DOCBAO_API void docbao_config_defaults(docbao_config *cfg);
/* NULL on error, with the reason in docbao_last_error(NULL). cfg may be NULL
 * for the defaults. Handles are independent: each speaks with its own voice
 * and settings (see the threading rules above). */
DOCBAO_API docbao *docbao_new(const docbao_config *cfg);
DOCBAO_API void docbao_free(docbao *db); /* NULL is fine */
/* Never NULL; "" when nothing failed yet. NULL: this thread's last failing call without a handle. */
DOCBAO_API const char *docbao_last_error(const docbao *db);

/* One sentence of text, as written and as spoken. */
typedef struct docbao_sentence {
    const char *written;
    size_t written_len;
    const char *spoken;
    size_t spoken_len;
    int line_end;       /* 1 on one extra empty sentence (written and spoken both "", lengths 0) given
                           after the last sentence of every input line; 0 on all others. An empty
                           input line gives that empty sentence alone. */
    int headline;       /* the line is a headline: first line of a text, no final punctuation */
} docbao_sentence;

/* Return non-zero to stop: the call then returns DOCBAO_ESTOPPED. */
typedef int (*docbao_sentence_fn)(void *user, const docbao_sentence *s);

/* Normalizes UTF-8 text (one or more lines), one callback per sentence. */
DOCBAO_API int docbao_normalize(docbao *db, const char *text, size_t len, docbao_sentence_fn fn, void *user);
/* The same over a stream, read a line at a time (memory does not grow with
 * the input). Invalid UTF-8 is replaced and reported on stderr with its
 * byte offset; a NUL byte stops with DOCBAO_EINPUT. name is for messages. */
DOCBAO_API int docbao_normalize_file(docbao *db, FILE *in, const char *name, docbao_sentence_fn fn, void *user);

/* A saved news page: the article (headline, lead, paragraphs) is found with
 * libxml2's HTML parser, navigation, comments, related lists and footers left
 * out (keep_all keeps everything), then normalized like text. dropped (may be
 * NULL) is told each piece left out and why. */
DOCBAO_API int docbao_normalize_html(docbao *db, const char *html, size_t len, int keep_all,
                          void (*dropped)(void *user, const char *what, const char *why),
                          docbao_sentence_fn fn, void *user);
/* 1 when the bytes look like an HTML page. */
DOCBAO_API int docbao_is_html(const char *buf, size_t len);

/* Debugging and other engines: called for each token span with its class,
 * its byte offset in the (Unicode-cleaned, NFC) line, its text and its words. */
typedef void (*docbao_explain_fn)(void *user, const char *cls, size_t offset, const char *written, size_t wlen,
                                  const char *words, size_t len);
DOCBAO_API void docbao_set_explain(docbao *db, docbao_explain_fn fn, void *user);
/* on: the class given to the explain callback names the classifier's rule
 * that made the span too, "class/rule" (value/date-dot); off (the default):
 * the class alone. */
DOCBAO_API void docbao_set_explain_rules(docbao *db, int on);

/* Audio: 16-bit mono PCM at docbao_sample_rate(). Return non-zero to stop. */
typedef int (*docbao_audio_fn)(void *user, const short *pcm, size_t frames);
DOCBAO_API int docbao_sample_rate(docbao *db);  /* starts the synthesizer; 0 on error */
DOCBAO_API int docbao_synthesize(docbao *db, const char *spoken, size_t len, docbao_audio_fn fn, void *user);
/* The silence docbao_pause writes, as the voice sets it. */
typedef enum { DOCBAO_PAUSE_SENTENCE = 0, DOCBAO_PAUSE_PARAGRAPH = 1, DOCBAO_PAUSE_HEADLINE = 2 } docbao_pause_kind;
/* Silence after a sentence, a paragraph or a headline, as the voice sets it. */
DOCBAO_API int docbao_pause(docbao *db, docbao_pause_kind kind, docbao_audio_fn fn, void *user);
/* The eSpeak-NG IPA of spoken text on one line; *ipa is malloc'd, the caller frees it. */
DOCBAO_API int docbao_phonemes(docbao *db, const char *spoken, size_t len, char **ipa);
/* The text handed to eSpeak-NG for spoken text (after respelling); caller frees. */
DOCBAO_API int docbao_synth_text(docbao *db, const char *spoken, size_t len, char **text);

/* Audio outputs: a file (format by extension, written atomically) or the
 * default sound device. close(commit=0) discards a file. NULL on error, with
 * the reason in docbao_last_error(NULL). */
typedef struct docbao_output docbao_output;
DOCBAO_API docbao_output *docbao_output_file(const char *path, int rate);
DOCBAO_API docbao_output *docbao_output_device(int rate);

/* A file for broadcast: resampled (libsoxr) to sample_rate, and with
 * normalize set, its integrated loudness brought to loudness_lufs (libebur128)
 * with the true peak kept under true_peak_dbtp. The audio is written when the
 * output is closed (two passes over a temporary file). The struct is the
 * caller's and must live until close, which fills the measured fields. */
typedef struct docbao_file_options {
    int sample_rate;          /* 16000 22050 24000 44100 48000; 0: the synthesizer's */
    int normalize;            /* 1: loudness normalization */
    double loudness_lufs;     /* e.g. -23 (EBU R128), -16 (web) */
    double true_peak_dbtp;    /* e.g. -1 */
    double measured_lufs;     /* out: the synthesis before the gain (-inf: silence) */
    double gain_db;           /* out: the gain applied */
} docbao_file_options;
DOCBAO_API docbao_output *docbao_output_file_mastered(const char *path, int rate, docbao_file_options *opts);
DOCBAO_API int docbao_output_write(docbao_output *o, const short *pcm, size_t frames);
DOCBAO_API unsigned long long docbao_output_frames(const docbao_output *o);
/* Frees o (NULL is fine). DOCBAO_EAUDIO when the file could not be written. */
DOCBAO_API int docbao_output_close(docbao_output *o, int commit);
/* Title, artist and date metadata, written where the format has them
 * (call before the first write). Any may be NULL. */
DOCBAO_API int docbao_output_metadata(docbao_output *o, const char *title, const char *artist, const char *date);
/* DOCBAO_OK when a file of that name can be written at rate, else
 * DOCBAO_EAUDIO with the reason in docbao_last_error(NULL). Nothing is created. */
DOCBAO_API int docbao_output_check(const char *path, int rate);

/* Subtitles (.srt or .vtt), one cue per sentence, written atomically. NULL
 * or DOCBAO_EIO on error, with the reason in docbao_last_error(NULL). */
typedef struct docbao_subtitles docbao_subtitles;
DOCBAO_API docbao_subtitles *docbao_subtitles_open(const char *path);
DOCBAO_API int docbao_subtitles_cue(docbao_subtitles *s, double start, double end, const char *text, size_t len);
DOCBAO_API int docbao_subtitles_close(docbao_subtitles *s, int commit);

/* ---- Rendering: inputs to outputs in one call.
 * The stages, in order, for each input: read (text, stream or HTML page) →
 * normalize, a sentence at a time → synthesize (in this process, or on helper
 * processes) → the outputs (file, device, PCM callback) → the sentence's
 * subtitle cue and callback → its pause (sentence, paragraph, headline). */

/* One input: a file by path, an open stream, or a buffer (the first that is set). */
typedef struct docbao_input {
    const char *path;   /* a file to open and read */
    FILE *file;         /* a stream, read a line at a time when it is text */
    const char *text;   /* a buffer of len bytes */
    size_t len;
    const char *name;   /* for messages; NULL: the path, or "input" */
    int html;           /* 0: text; 1: an HTML page; -1: a page when its first bytes say so
                           (a path, a buffer, or a seekable stream) */
    int keep_all;       /* HTML: keep every text block */
    void (*dropped)(void *user, const char *what, const char *why); /* HTML: each piece left out; may be NULL */
    void *user;         /* for dropped */
} docbao_input;

/* Normalizes one input, one callback per sentence, as docbao_normalize_file
 * or docbao_normalize_html would. A path that cannot be opened is DOCBAO_EIO,
 * an HTML page over 64 MB DOCBAO_EINPUT. */
DOCBAO_API int docbao_normalize_input(docbao *db, const docbao_input *in, docbao_sentence_fn fn, void *user);

enum { DOCBAO_DEVICE_NONE = 0, DOCBAO_DEVICE_REQUIRED = 1, DOCBAO_DEVICE_OPTIONAL = 2 };

/* Where the audio goes. Start from docbao_render_defaults(). Borrowed
 * strings must live until docbao_render returns. */
typedef struct docbao_render_options {
    const char *file;          /* an audio file (format by extension), or NULL */
    docbao_file_options file_options; /* its rate and loudness (the out fields are not written here) */
    const char *title, *artist, *date; /* its metadata, each may be NULL */
    const char *subtitles;     /* a .srt or .vtt file, or NULL */
    int device;                /* DOCBAO_DEVICE_*: OPTIONAL goes on without a device, telling warning */
    int helpers;               /* 0: synthesis in this process; 1..4: on that many helper processes
                                  forked at the start (a file of some length: the samples depend on the
                                  count; fork only where the caller's threads allow it); when they
                                  cannot be started, this process synthesizes */
    docbao_audio_fn pcm;       /* also given every frame, pauses included; may be NULL */
    /* after each sentence's audio (and before its pause), with its times in
     * seconds; an empty sentence has start == end. Non-zero stops. May be NULL.
     * A time is the frames given to pcm so far over the rate (time * rate
     * rounds to that count exactly): a sentence's audio is the last
     * (end - start) * rate frames, and the frames between its end and the next
     * sentence's start are the pauses after it (a line end's follow its empty
     * sentence). */
    int (*sentence)(void *user, const docbao_sentence *s, double start, double end);
    void (*warning)(void *user, const char *message); /* may be NULL */
    void *user;                /* for pcm, sentence and warning */
    const volatile int *cancel; /* when set and non-zero (a signal handler may set it): stop */
} docbao_render_options;

/* What a render gave. */
typedef struct docbao_render_result {
    unsigned long sentences;   /* sentences with words */
    unsigned long long frames; /* at rate, pauses included */
    int rate;                  /* the synthesizer's */
    double seconds;            /* frames / rate */
    double loudness_lufs;      /* the file's loudness (the target when normalized), NAN without a file */
    double measured_lufs;      /* the synthesis before the gain (-inf: silence), NAN when not measured */
    double gain_db;            /* the gain applied to the file */
} docbao_render_result;

/* The defaults: no outputs, files mastered to -23 LUFS under -1 dBTP at the synthesizer's rate. */
DOCBAO_API void docbao_render_defaults(docbao_render_options *opt);
/* Renders the n inputs, in order, into the outputs of opt. Files are written
 * only when everything succeeded (atomically); on an error they are left out.
 * Input with no words at all is DOCBAO_EINPUT ("nothing to speak").
 * DOCBAO_ESTOPPED when cancel or a callback stopped it. res (may be NULL) is
 * filled in either case. */
DOCBAO_API int docbao_render(docbao *db, const docbao_input *in, size_t n, const docbao_render_options *opt,
                             docbao_render_result *res);

/* Checks a user lexicon table; each problem goes to report as
 * "file:line: message". Returns the number of problems, -1 if unreadable. */
DOCBAO_API int docbao_lexicon_check(const char *path, void (*report)(void *user, const char *message), void *user);

/* The folder of data (lexicon/, voices/) this handle uses. */
DOCBAO_API const char *docbao_data_dir(const docbao *db); /* NULL for a NULL handle */

#ifdef __cplusplus
}
#endif
#endif
