/* cli.h — what the parts of the docbao command share: the parsed command
 * line, messages, the interrupt flag, and speaking one set of inputs.
 * Only the command uses this; the library's interface is docbao.h. */
#ifndef DOCBAO_CLI_H
#define DOCBAO_CLI_H
#include <signal.h>
#include "docbao.h"

typedef struct cli {
    const char *cmd;
    const char *output;
    int play, explain, json, ssml, force, quiet, jobs;
    int html, keep_all, show_dropped;
    /* --year-style short|full goes into cfg.year_short */   /* HTML pages: force, keep everything, list what was left out */
    const char *subtitles, *title, *artist, *date, *format, *shard;
    int sample_rate;          /* 0: the synthesizer's */
    int loudness_off;         /* --loudness off */
    double loudness;          /* target LUFS for files */
    docbao_config cfg;
    char **files;
    int nfiles;
} cli;

extern volatile sig_atomic_t cli_interrupted;

/* "docbao: " + fmt with up to two strings, on stderr. */
void cli_die(const char *fmt, const char *a, const char *b);
/* speak: the inputs of c into c->output (a file) and/or the device, by one
 * docbao_render call. *res (may be NULL) gets what it measured (duration,
 * loudness) on success. 0, 1 on error, 130 when interrupted. */
int cli_speak(const cli *c, docbao *db, docbao_render_result *res);
/* The input named name ("-": standard input) as c reads it (--html, --keep-all, --show-dropped). */
void cli_input(const cli *c, const char *name, docbao_input *in);
/* The message of a failed call on stderr (none for DOCBAO_ESTOPPED). */
void cli_report(docbao *db, int status);
/* With DOCBAO_TIMING set: prints, once, the time from the start to the
 * first audio frame handed to an output. */
void cli_first_audio(void);
/* Runs fn over each input of c (files, pages, or standard input). 0, 1, or 130. */
int cli_each_input(const cli *c, docbao *db, docbao_sentence_fn fn, void *user);
/* normalize: the spoken form (plain, --json or --ssml) on stdout. 0, 1, or 130. */
int cli_normalize(const cli *c, docbao *db);
/* phonemes: eSpeak-NG's IPA, a line per input line. 0, 1, or 130. */
int cli_phonemes(const cli *c, docbao *db);
/* 1 when standard error is a terminal whose keys can be read (/dev/tty). */
int cli_player_wanted(void);
/* The terminal player: shows the sentence being read; space pauses and
 * resumes, left and right go back or forward a sentence, q quits. */
int cli_player(const cli *c, docbao *db);
/* batch: one audio file per article, in worker processes. */
int cli_batch(const cli *c);
/* serve: the HTTP service, with its own options (serve.c, serve.h). */
int cli_serve_main(int argc, char **argv);

#endif
