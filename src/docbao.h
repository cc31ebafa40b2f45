/* docbao.h — the public interface of libdocbao: Vietnamese news text to the
 * words a news reader says, and those words to audio through eSpeak-NG.
 *
 * Ownership: a docbao handle owns its lexicon, voice and buffers; strings it
 * hands to callbacks are borrowed and valid during the call only. Functions
 * return DOCBAO_OK (0) or a status; docbao_last_error() then says what went
 * wrong (file:line for a bad lexicon row). The library never calls exit(). */
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
/* NULL on error, with the reason in err. cfg may be NULL for the defaults.
 * Handles are independent: each speaks with its own voice and settings, and
 * any number may live in one process, one per thread at a time (a handle is
 * not to be used by two threads at once; eSpeak-NG's calls are serialized
 * inside the library). */
DOCBAO_API docbao *docbao_new(const docbao_config *cfg, char *err, size_t errlen);
DOCBAO_API void docbao_free(docbao *db); /* NULL is fine */
DOCBAO_API const char *docbao_last_error(const docbao *db);

/* One sentence of text, as written and as spoken. */
typedef struct docbao_sentence {
    const char *written;
    size_t written_len;
    const char *spoken;
    size_t spoken_len;
    int line_end;       /* the last sentence of an input line (an empty line gives one empty sentence) */
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
/* Silence after a sentence, a paragraph or a headline (a docbao_pause_kind). */
DOCBAO_API int docbao_pause(docbao *db, int kind, docbao_audio_fn fn, void *user);
/* The eSpeak-NG IPA of spoken text on one line; *ipa is malloc'd, the caller frees it. */
DOCBAO_API int docbao_phonemes(docbao *db, const char *spoken, size_t len, char **ipa);
/* The text handed to eSpeak-NG for spoken text (after respelling); caller frees. */
DOCBAO_API int docbao_synth_text(docbao *db, const char *spoken, size_t len, char **text);

/* Audio outputs: a file (format by extension, written atomically) or the
 * default sound device. close(commit=0) discards a file. */
typedef struct docbao_output docbao_output;
DOCBAO_API docbao_output *docbao_output_file(const char *path, int rate, char *err, size_t errlen);
DOCBAO_API docbao_output *docbao_output_device(int rate, char *err, size_t errlen);

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
DOCBAO_API docbao_output *docbao_output_file_mastered(const char *path, int rate, docbao_file_options *opts, char *err,
                                           size_t errlen);
DOCBAO_API int docbao_output_write(docbao_output *o, const short *pcm, size_t frames);
DOCBAO_API unsigned long long docbao_output_frames(const docbao_output *o);
DOCBAO_API int docbao_output_close(docbao_output *o, int commit, char *err, size_t errlen);
/* Title, artist and date metadata, written where the format has them
 * (call before the first write). Any may be NULL. */
DOCBAO_API int docbao_output_metadata(docbao_output *o, const char *title, const char *artist, const char *date);
/* 0 when a file of that name can be written at rate, else -1 with a message. */
DOCBAO_API int docbao_output_check(const char *path, int rate, char *err, size_t errlen);

/* Subtitles (.srt or .vtt), one cue per sentence, written atomically. */
typedef struct docbao_subtitles docbao_subtitles;
DOCBAO_API docbao_subtitles *docbao_subtitles_open(const char *path, char *err, size_t errlen);
DOCBAO_API int docbao_subtitles_cue(docbao_subtitles *s, double start, double end, const char *text, size_t len);
DOCBAO_API int docbao_subtitles_close(docbao_subtitles *s, int commit, char *err, size_t errlen);

/* Checks a user lexicon table; each problem goes to report as
 * "file:line: message". Returns the number of problems, -1 if unreadable. */
DOCBAO_API int docbao_lexicon_check(const char *path, void (*report)(void *user, const char *message), void *user);

/* The folder of data (lexicon/, voices/) this handle uses. */
DOCBAO_API const char *docbao_data_dir(const docbao *db); /* NULL for a NULL handle */

#ifdef __cplusplus
}
#endif
#endif
