/* docbao — the command: a thin layer over libdocbao (docbao.h).
 *   docbao normalize [--explain] [FILE...]   spoken form, one line per input line
 *   docbao speak [-o OUT] [--play] [FILE...] play, or write an audio file
 *   docbao phonemes [FILE...]                eSpeak-NG IPA, one line per input line
 *   docbao voices                            the voice profiles
 *   docbao lexicon check FILE                check a lexicon table */
#include "cli/cli.h"
#include <dirent.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>
#include <math.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t cli_interrupted;
static struct timespec g_start;  /* for DOCBAO_TIMING: time to the first audio frame */
static int g_timing;

void cli_first_audio(void)
{
    if (g_timing != 1)
        return;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    fprintf(stderr, "docbao: first audio frame handed to the output after %.1f ms\n",
            (double)(t.tv_sec - g_start.tv_sec) * 1e3 + (double)(t.tv_nsec - g_start.tv_nsec) / 1e6);
    g_timing = 2;
}

static void on_signal(int sig)
{
    (void)sig;
    cli_interrupted = 1;
}

static void usage(FILE *f)
{
    fputs("usage: docbao COMMAND [OPTIONS] [FILE...]\n"
          "Reads Vietnamese news text (UTF-8; standard input when no FILE) as a news reader would.\n\n"
          "commands:\n"
          "  normalize        print the spoken form, one output line per input line\n"
          "  speak            read aloud on the default audio device\n"
          "  speak -o OUT     write an audio file (.wav .flac .ogg .mp3), atomically\n"
          "  phonemes         print eSpeak-NG's IPA for the spoken form, one line per input line\n"
          "  batch -o DIR IN.. one audio file per article (files, folders, or - for a list on stdin),\n"
          "                   in parallel; skips articles already done (--force redoes them)\n"
          "  voices           list the voice profiles\n"
          "  serve            the HTTP service, web page and player (docbao serve --help)\n"
          "  lexicon check F  check a lexicon table (columns key, kind, reading, context)\n\n"
          "options:\n"
          "  -o, --output FILE  audio file to write (speak)\n"
          "  --play             with -o: also play on the audio device when there is one\n"
          "  --voice NAME       a profile in voices/ (north, central, south) or a path to one\n"
          "  --rate WPM         speaking rate, 80 to 450 words per minute\n"
          "  --pitch P          0 to 100 (default: the voice's)\n"
          "  --volume V         0 to 200 (default: the voice's)\n"
          "  --dialect D        north (nghìn, linh) or south (ngàn, lẻ); default: the voice's\n"
          "  --subtitles F      speak: also write subtitles (.srt or .vtt), a cue per sentence\n"
          "                     batch: --subtitles srt or vtt writes one beside each audio file\n"
          "  --format EXT       batch, and speak -o - (standard output): wav (default), flac, ogg, opus, mp3\n"
          "  -j, --jobs N       batch: worker processes (default: the number of cores)\n"
          "  --shard K/N        batch: only the K-th of N deterministic slices of the inputs\n"
          "  --force            batch: redo articles that are up to date\n"
          "  --title T, --artist A, --date D   speak -o: metadata, where the format has it\n"
          "  --sample-rate N    files: 16000, 22050 (eSpeak-NG's), 24000, 44100 or 48000 (libsoxr)\n"
          "  --loudness LUFS    files: integrated loudness target, true peak under -1 dBTP;\n"
          "                     default -23 (EBU R128 broadcast); -16 for web and podcasts; off\n"
          "  --lexicon FILE     your own entries, overriding the bundled lexicon\n"
          "  --year-style S     full: 2021 \"hai nghìn không trăm hai mươi mốt\" (default);\n"
          "                     short: \"hai nghìn hai mươi mốt\"\n"
          "  --foreign F        vietnamese: foreign names and words in Vietnamese syllables\n"
          "                     (Myanmar \"mi an ma\"; default); keep: as written, in eSpeak-NG's\n"
          "                     own reading (it may switch to its English voice)\n"
          "  --html             read the input as a saved web page (files are recognized by\n"
          "                     their first bytes; standard input needs this flag)\n"
          "  --keep-all         HTML: keep every text block, leave nothing out\n"
          "  --show-dropped     HTML: list on stderr the pieces left out and why\n"
          "  --explain          normalize: show each token's class and words (on stderr)\n"
          "  --json             normalize: JSON Lines, a sentence a line, with its tokens\n"
          "                     (source text, byte offsets, class, spoken words)\n"
          "  --ssml             normalize: an SSML document (paragraphs, sentences, breaks)\n"
          "  --data DIR         folder with lexicon/ and voices/ (default: built in, or $DOCBAO_DATA)\n"
          "  -h, --help         this help\n"
          "  --version          the version\n",
          f);
}

void cli_die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "docbao: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
}

#define die cli_die

/* Options without a value, and options whose value is a string kept as given. */
static const struct { const char *name; size_t off; } FLAGS[] = {
    {"--play", offsetof(cli, play)},         {"--explain", offsetof(cli, explain)},
    {"--json", offsetof(cli, json)},         {"--ssml", offsetof(cli, ssml)},
    {"--html", offsetof(cli, html)},         {"--keep-all", offsetof(cli, keep_all)},
    {"--show-dropped", offsetof(cli, show_dropped)}, {"--force", offsetof(cli, force)},
};
static const struct { const char *name, *alias; size_t off; } STRINGS[] = {
    {"--output", "-o", offsetof(cli, output)},          {"--voice", NULL, offsetof(cli, cfg.voice)},
    {"--lexicon", NULL, offsetof(cli, cfg.user_lexicon)}, {"--data", NULL, offsetof(cli, cfg.data_dir)},
    {"--format", NULL, offsetof(cli, format)},          {"--shard", NULL, offsetof(cli, shard)},
    {"--subtitles", NULL, offsetof(cli, subtitles)},    {"--title", NULL, offsetof(cli, title)},
    {"--artist", NULL, offsetof(cli, artist)},          {"--date", NULL, offsetof(cli, date)},
};
/* Options with one of two words: the first sets 0, the second 1. */
static const struct { const char *name, *word0, *word1; size_t off; } CHOICES[] = {
    {"--year-style", "full", "short", offsetof(cli, cfg.year_short)},
    {"--foreign", "vietnamese", "keep", offsetof(cli, cfg.foreign_keep)},
    {"--dialect", "north", "south", offsetof(cli, cfg.dialect)},
};

/* a whole number in lo..hi, or -1 */
static long whole(const char *v, long lo, long hi)
{
    char *end;
    long r = strtol(v, &end, 10);
    return *end || end == v || r < lo || r > hi ? -1 : r;
}

/* The options with a number: 0, 2 for a bad value, -2 when a is none of them. */
static int number_option(const char *a, const char *v, cli *c)
{
    if (!strcmp(a, "--rate")) {
        if ((c->cfg.rate = (int)whole(v, 80, 450)) < 0) {
            die("--rate %s: give words per minute from 80 to 450%s", v, "");
            return 2;
        }
    } else if (!strcmp(a, "--pitch") || !strcmp(a, "--volume")) {
        int vol = !strcmp(a, "--volume");
        int *to = vol ? &c->cfg.volume : &c->cfg.pitch;
        if ((*to = (int)whole(v, 0, vol ? 200 : 100)) < 0) {
            die("%s: give a whole number from 0 to %s", a, vol ? "200" : "100");
            return 2;
        }
    } else if (!strcmp(a, "--sample-rate")) {
        c->sample_rate = atoi(v);
        if (c->sample_rate != 16000 && c->sample_rate != 22050 && c->sample_rate != 24000 &&
            c->sample_rate != 44100 && c->sample_rate != 48000) {
            die("--sample-rate %s: use 16000, 22050, 24000, 44100 or 48000%s", v, "");
            return 2;
        }
    } else if (!strcmp(a, "--loudness")) {
        char *end;
        if (!strcmp(v, "off")) {
            c->loudness_off = 1;
        } else if (c->loudness = strtod(v, &end), *end || end == v || c->loudness < -70 || c->loudness > -5) {
            die("--loudness %s: give LUFS from -70 to -5 (e.g. -23, -16) or off%s", v, "");
            return 2;
        }
    } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
        c->jobs = atoi(v);
        if (c->jobs < 1 || c->jobs > 256) {
            die("%s %s: give a number of workers from 1 to 256", a, v);
            return 2;
        }
    } else {
        return -2;
    }
    return 0;
}

/* An option with a value: 0, 2 for a bad value, -2 when a is none of them. */
static int value_option(const char *a, const char *v, cli *c)
{
    for (size_t k = 0; k < sizeof STRINGS / sizeof STRINGS[0]; k++)
        if (!strcmp(a, STRINGS[k].name) || (STRINGS[k].alias && !strcmp(a, STRINGS[k].alias))) {
            *(const char **)((char *)c + STRINGS[k].off) = v;
            return 0;
        }
    for (size_t k = 0; k < sizeof CHOICES / sizeof CHOICES[0]; k++) {
        if (strcmp(a, CHOICES[k].name))
            continue;
        int w = !strcmp(v, CHOICES[k].word0) ? 0 : !strcmp(v, CHOICES[k].word1) ? 1 : -1;
        if (w < 0) {
            fprintf(stderr, "docbao: %s %s: give %s or %s\n", a, v, CHOICES[k].word0, CHOICES[k].word1);
            return 2;
        }
        *(int *)((char *)c + CHOICES[k].off) = w;
        return 0;
    }
    return number_option(a, v, c);
}

static int takes_value(const char *a)
{
    static const char *const NUMBERS[] = {"--rate", "--pitch", "--volume", "--sample-rate", "--loudness", "-j", "--jobs"};
    for (size_t k = 0; k < sizeof NUMBERS / sizeof NUMBERS[0]; k++)
        if (!strcmp(a, NUMBERS[k]))
            return 1;
    for (size_t k = 0; k < sizeof STRINGS / sizeof STRINGS[0]; k++)
        if (!strcmp(a, STRINGS[k].name) || (STRINGS[k].alias && !strcmp(a, STRINGS[k].alias)))
            return 1;
    for (size_t k = 0; k < sizeof CHOICES / sizeof CHOICES[0]; k++)
        if (!strcmp(a, CHOICES[k].name))
            return 1;
    return 0;
}

/* One argument at argv[*i] (an option takes its value from the next one):
 * 0, -1 after --help or --version, 2 for a bad option. */
static int one_arg(int argc, char **argv, int *i, cli *c)
{
    const char *a = argv[*i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
        usage(stdout);
        return -1;
    }
    if (!strcmp(a, "--version")) {
        printf("docbao %s\n", DOCBAO_VERSION);
        return -1;
    }
    for (size_t k = 0; k < sizeof FLAGS / sizeof FLAGS[0]; k++)
        if (!strcmp(a, FLAGS[k].name)) {
            *(int *)((char *)c + FLAGS[k].off) = 1;
            return 0;
        }
    if (a[0] != '-' || !a[1]) {
        if (!c->cmd)
            c->cmd = a;
        else
            c->files[c->nfiles++] = argv[*i];
        return 0;
    }
    if (takes_value(a)) {
        if (*i + 1 >= argc) {
            die("option %s needs a value%s", a, "");
            return 2;
        }
        return value_option(a, argv[++*i], c);
    }
    die("unknown option %s (see docbao --help)%s", a, "");
    return 2;
}

static int parse_args(int argc, char **argv, cli *c)
{
    memset(c, 0, sizeof *c);
    c->cfg.dialect = -1;
    c->cfg.pitch = -1;
    c->loudness = -23.0;
    c->cfg.volume = -1;
    c->files = calloc((size_t)argc, sizeof *c->files);
    if (!c->files)
        return 1;
    for (int i = 1; i < argc; i++) {
        int rc = one_arg(argc, argv, &i, c);
        if (rc)
            return rc;
    }
    if (!c->cmd) {
        usage(stderr);
        return 2;
    }
    return 0;
}

/* Runs fn over each input (stdin when none); stops at the first error. */
typedef struct run {
    docbao *db;
    docbao_sentence_fn fn;
    void *user;
} run;

static void show_dropped(void *user, const char *what, const char *why)
{
    (void)user;
    fprintf(stderr, "docbao: dropped (%s): %s\n", why, what);
}

void cli_input(const cli *c, const char *name, docbao_input *in)
{
    memset(in, 0, sizeof *in);
    int std = !strcmp(name, "-");
    if (std)
        in->file = stdin;
    else
        in->path = name;
    in->name = std ? "standard input" : name;
    in->html = c->html ? 1 : std ? 0 : -1; /* standard input is a page only with --html */
    in->keep_all = c->keep_all;
    in->dropped = c->show_dropped ? show_dropped : NULL;
}

void cli_report(docbao *db, int status)
{
    if (status == DOCBAO_ESTOPPED)
        return;
    const char *e = docbao_last_error(db);
    die("%s%s", e[0] ? e : docbao_strerror(status), "");
}

static int each_input(const cli *c, run *r);

int cli_each_input(const cli *c, docbao *db, docbao_sentence_fn fn, void *user)
{
    run r = {db, fn, user};
    return each_input(c, &r);
}

static int each_input(const cli *c, run *r)
{
    int n = c->nfiles ? c->nfiles : 1;
    for (int k = 0; k < n; k++) {
        docbao_input in;
        cli_input(c, c->nfiles ? c->files[k] : "-", &in);
        int rc = docbao_normalize_input(r->db, &in, r->fn, r->user);
        if (rc) {
            cli_report(r->db, rc);
            return rc == DOCBAO_ESTOPPED && cli_interrupted ? 130 : 1;
        }
    }
    return 0;
}

static void print_explain(void *user, const char *cls, size_t off, const char *w, size_t wl, const char *words,
                          size_t len)
{
    (void)user;
    (void)off;
    fprintf(stderr, "  %-13s %-24.*s -> %.*s\n", cls, (int)wl, w, (int)len, words);
}

/* voices: the profiles in voices/ with their descriptions */
static int cmd_voices(docbao *db)
{
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/voices", docbao_data_dir(db));
    DIR *d = opendir(dir);
    if (!d) {
        die("%s: %s", dir, strerror(errno));
        return 1;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 7 || strcmp(e->d_name + n - 6, ".voice"))
            continue;
        char path[2400], line[256], desc[256] = "";
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        while (f && fgets(line, sizeof line, f))
            if (!strncmp(line, "description", 11) && strchr(line, '=')) {
                snprintf(desc, sizeof desc, "%s", strchr(line, '=') + 1 + (strchr(line, '=')[1] == ' '));
                desc[strcspn(desc, "\n")] = '\0';
            }
        if (f)
            fclose(f);
        printf("%-10.*s %s\n", (int)(n - 6), e->d_name, desc);
    }
    closedir(d);
    return 0;
}

static void print_problem(void *user, const char *message)
{
    (void)user;
    fprintf(stderr, "%s\n", message);
}

static int cmd_lexicon_check(const cli *c)
{
    if (c->nfiles != 2 || strcmp(c->files[0], "check")) {
        die("usage: docbao lexicon check FILE%s%s", "", "");
        return 2;
    }
    int n = docbao_lexicon_check(c->files[1], print_problem, NULL);
    if (n == 0) {
        printf("%s: ok\n", c->files[1]);
        return 0;
    }
    if (n > 0)
        fprintf(stderr, "docbao: %s: %d problem%s\n", c->files[1], n, n == 1 ? "" : "s");
    return 1;
}

int main(int argc, char **argv)
{
    clock_gettime(CLOCK_MONOTONIC, &g_start);
    g_timing = getenv("DOCBAO_TIMING") != NULL;
    if (argc > 1 && !strcmp(argv[1], "serve")) /* the HTTP service: its own options (src/cli/serve.c) */
        return cli_serve_main(argc - 1, argv + 1);
    cli c;
    int rc = parse_args(argc, argv, &c);
    if (rc) {
        free(c.files);
        return rc < 0 ? 0 : rc;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (!strcmp(c.cmd, "lexicon")) {
        rc = cmd_lexicon_check(&c);
        free(c.files);
        return rc;
    }
    if (!strcmp(c.cmd, "batch")) {
        rc = cli_batch(&c);
        free(c.files);
        return rc;
    }
    static const char *const KNOWN[] = {"normalize", "speak", "phonemes", "voices"};
    int known = 0;
    for (size_t k = 0; k < sizeof KNOWN / sizeof KNOWN[0]; k++)
        known |= !strcmp(c.cmd, KNOWN[k]);
    if (!known) {
        die("unknown command '%s' (see docbao --help)%s", c.cmd, "");
        free(c.files);
        return 2;
    }
    if (c.output && strcmp(c.cmd, "speak") && strcmp(c.cmd, "batch")) {
        die("-o goes with speak%s", "", "");
        free(c.files);
        return 2;
    }
    docbao *db = docbao_new(&c.cfg);
    if (!db) {
        die("%s%s", docbao_last_error(NULL), "");
        free(c.files);
        return 1;
    }
    if (!strcmp(c.cmd, "normalize")) {
        if (c.explain && !c.json && !c.ssml) {
            docbao_set_explain(db, print_explain, NULL);
            docbao_set_explain_rules(db, 1); /* class/rule: value/date-dot */
        }
        rc = cli_normalize(&c, db);
    } else if (!strcmp(c.cmd, "phonemes")) {
        rc = cli_phonemes(&c, db);
    } else if (!strcmp(c.cmd, "speak")) {
        rc = cli_speak(&c, db, NULL);
    } else {
        rc = cmd_voices(db);
    }
    docbao_free(db);
    free(c.files);
    if (cli_interrupted && rc)
        rc = 130;
    return rc;
}
