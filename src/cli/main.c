/* docbao — the command: a thin layer over libdocbao (docbao.h).
 *   docbao normalize [--explain] [FILE...]   spoken form, one line per input line
 *   docbao speak [-o OUT] [--play] [FILE...] play, or write an audio file
 *   docbao phonemes [FILE...]                eSpeak-NG IPA, one line per input line
 *   docbao voices                            the voice profiles
 *   docbao lexicon check FILE                check a lexicon table */
#include "cli/cli.h"
#include <dirent.h>
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
double cli_last_loudness = NAN;

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
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDS_VALUE() do { if (!next) { die("option %s needs a value%s", a, ""); return 2; } i++; } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return -1;
        } else if (!strcmp(a, "--version")) {
            printf("docbao %s\n", DOCBAO_VERSION);
            return -1;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            NEEDS_VALUE();
            c->output = next;
        } else if (!strcmp(a, "--play")) {
            c->play = 1;
        } else if (!strcmp(a, "--explain")) {
            c->explain = 1;
        } else if (!strcmp(a, "--json")) {
            c->json = 1;
        } else if (!strcmp(a, "--ssml")) {
            c->ssml = 1;
        } else if (!strcmp(a, "--voice")) {
            NEEDS_VALUE();
            c->cfg.voice = next;
        } else if (!strcmp(a, "--lexicon")) {
            NEEDS_VALUE();
            c->cfg.user_lexicon = next;
        } else if (!strcmp(a, "--data")) {
            NEEDS_VALUE();
            c->cfg.data_dir = next;
        } else if (!strcmp(a, "--rate")) {
            NEEDS_VALUE();
            char *end;
            long r = strtol(next, &end, 10);
            if (*end || end == next || r < 80 || r > 450) {
                die("--rate %s: give words per minute from 80 to 450%s", next, "");
                return 2;
            }
            c->cfg.rate = (int)r;
        } else if (!strcmp(a, "--pitch") || !strcmp(a, "--volume")) {
            NEEDS_VALUE();
            char *end;
            long v = strtol(next, &end, 10);
            int vol = !strcmp(a, "--volume");
            if (*end || end == next || v < 0 || v > (vol ? 200 : 100)) {
                die("%s: give a whole number from 0 to %s", a, vol ? "200" : "100");
                return 2;
            }
            *(vol ? &c->cfg.volume : &c->cfg.pitch) = (int)v;
        } else if (!strcmp(a, "--sample-rate")) {
            NEEDS_VALUE();
            c->sample_rate = atoi(next);
            if (c->sample_rate != 16000 && c->sample_rate != 22050 && c->sample_rate != 24000 &&
                c->sample_rate != 44100 && c->sample_rate != 48000) {
                die("--sample-rate %s: use 16000, 22050, 24000, 44100 or 48000%s", next, "");
                return 2;
            }
        } else if (!strcmp(a, "--loudness")) {
            NEEDS_VALUE();
            char *end;
            if (!strcmp(next, "off")) {
                c->loudness_off = 1;
            } else {
                c->loudness = strtod(next, &end);
                if (*end || end == next || c->loudness < -70 || c->loudness > -5) {
                    die("--loudness %s: give LUFS from -70 to -5 (e.g. -23, -16) or off%s", next, "");
                    return 2;
                }
            }
        } else if (!strcmp(a, "--year-style")) {
            NEEDS_VALUE();
            if (!strcmp(next, "short"))
                c->cfg.year_short = 1;
            else if (!strcmp(next, "full"))
                c->cfg.year_short = 0;
            else {
                die("--year-style %s: give full or short%s", next, "");
                return 2;
            }
        } else if (!strcmp(a, "--foreign")) {
            NEEDS_VALUE();
            if (!strcmp(next, "keep"))
                c->cfg.foreign_keep = 1;
            else if (!strcmp(next, "vietnamese"))
                c->cfg.foreign_keep = 0;
            else {
                die("--foreign %s: give vietnamese or keep%s", next, "");
                return 2;
            }
        } else if (!strcmp(a, "--html")) {
            c->html = 1;
        } else if (!strcmp(a, "--keep-all")) {
            c->keep_all = 1;
        } else if (!strcmp(a, "--show-dropped")) {
            c->show_dropped = 1;
        } else if (!strcmp(a, "--force")) {
            c->force = 1;
        } else if (!strcmp(a, "--format")) {
            NEEDS_VALUE();
            c->format = next;
        } else if (!strcmp(a, "--shard")) {
            NEEDS_VALUE();
            c->shard = next;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            NEEDS_VALUE();
            c->jobs = atoi(next);
            if (c->jobs < 1 || c->jobs > 256) {
                die("%s %s: give a number of workers from 1 to 256", a, next);
                return 2;
            }
        } else if (!strcmp(a, "--subtitles")) {
            NEEDS_VALUE();
            c->subtitles = next;
        } else if (!strcmp(a, "--title")) {
            NEEDS_VALUE();
            c->title = next;
        } else if (!strcmp(a, "--artist")) {
            NEEDS_VALUE();
            c->artist = next;
        } else if (!strcmp(a, "--date")) {
            NEEDS_VALUE();
            c->date = next;
        } else if (!strcmp(a, "--dialect")) {
            NEEDS_VALUE();
            if (!strcmp(next, "north"))
                c->cfg.dialect = 0;
            else if (!strcmp(next, "south"))
                c->cfg.dialect = 1;
            else {
                die("--dialect %s: give north or south%s", next, "");
                return 2;
            }
        } else if (a[0] == '-' && a[1]) {
            die("unknown option %s (see docbao --help)%s", a, "");
            return 2;
        } else if (!c->cmd) {
            c->cmd = a;
        } else {
            c->files[c->nfiles++] = argv[i];
        }
#undef NEEDS_VALUE
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

#define MAX_PAGE (64u << 20)

/* An HTML page (by --html, or by its first bytes): read whole (up to 64 MB)
 * and normalized as an article. Returns -1 when f is not a page (f rewound). */
static int html_input(const cli *c, run *r, FILE *f, const char *name)
{
    char head[2048];
    size_t n = fread(head, 1, sizeof head, f);
    if (!c->html && !docbao_is_html(head, n)) /* only files come here without --html */
        return fseek(f, 0, SEEK_SET) ? DOCBAO_EIO : -1;
    size_t cap = 1 << 20, len = n;
    char *buf = malloc(cap);
    if (!buf)
        return DOCBAO_ENOMEM;
    memcpy(buf, head, n);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            if (cap >= MAX_PAGE) {
                free(buf);
                die("%s: page larger than 64 MB%s", name, "");
                return DOCBAO_EINPUT;
            }
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                return DOCBAO_ENOMEM;
            }
            buf = b;
            cap *= 2;
        }
    }
    int rc = docbao_normalize_html(r->db, buf, len, c->keep_all, c->show_dropped ? show_dropped : NULL, r->fn,
                                   r->user);
    free(buf);
    return rc;
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
        const char *name = c->nfiles ? c->files[k] : "-";
        FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
        if (!f) {
            die("%s: %s", name, strerror(errno));
            return 1;
        }
        const char *label = strcmp(name, "-") ? name : "standard input";
        int rc = f == stdin && !c->html ? -1 : html_input(c, r, f, label);
        if (rc == -1)
            rc = docbao_normalize_file(r->db, f, label, r->fn, r->user);
        if (f != stdin)
            fclose(f);
        if (rc == DOCBAO_ESTOPPED)
            return cli_interrupted ? 130 : 1;
        if (rc) {
            const char *e = docbao_last_error(r->db);
            die("%s%s", e[0] ? e : docbao_strerror(rc), "");
            return 1;
        }
    }
    return 0;
}

/* normalize: sentences of a line joined by a space, a newline per line */
typedef struct line_out {
    int any;
    int live; /* a reader waits at the other end (a terminal, pipe or socket): a line at a time */
} line_out;

static int live_stdout(void)
{
    struct stat st;
    return isatty(STDOUT_FILENO) || fstat(STDOUT_FILENO, &st) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
}

static int print_sentence(void *user, const docbao_sentence *s)
{
    line_out *o = user;
    if (s->spoken_len) {
        if (o->any)
            fputc(' ', stdout);
        fwrite(s->spoken, 1, s->spoken_len, stdout);
        o->any = 1;
    }
    if (s->line_end) {
        fputc('\n', stdout);
        if (o->live)
            fflush(stdout);
        o->any = 0;
    }
    return ferror(stdout) ? 1 : 0;
}

static void print_explain(void *user, const char *cls, size_t off, const char *w, size_t wl, const char *words,
                          size_t len)
{
    (void)user;
    (void)off;
    fprintf(stderr, "  %-13s %-24.*s -> %.*s\n", cls, (int)wl, w, (int)len, words);
}

/* JSON and SSML output for other engines */
static void put_escaped(FILE *f, const char *s, size_t n, int xml)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (xml) {
            if (ch == '<') fputs("&lt;", f);
            else if (ch == '>') fputs("&gt;", f);
            else if (ch == '&') fputs("&amp;", f);
            else if (ch == '"') fputs("&quot;", f);
            else fputc(ch, f);
        } else if (ch == '"' || ch == '\\') {
            fputc('\\', f);
            fputc(ch, f);
        } else if (ch < 0x20) {
            fprintf(f, "\\u%04x", ch);
        } else {
            fputc(ch, f);
        }
    }
}

typedef struct structured_out {
    FILE *tokens;        /* the current sentence's tokens, as JSON objects */
    char *buf;
    size_t size;
    int ntokens;
    unsigned long line;  /* 1-based input line */
    int ssml_open_p;
    int pause_sentence, pause_paragraph, pause_headline;
} structured_out;

static void json_token(void *user, const char *cls, size_t off, const char *w, size_t wl, const char *words,
                       size_t len)
{
    structured_out *o = user;
    if (!strcmp(cls, "punct") && !len)
        return;
    fprintf(o->tokens, "%s{\"text\":\"", o->ntokens++ ? "," : "");
    put_escaped(o->tokens, w, wl, 0);
    fprintf(o->tokens, "\",\"start\":%zu,\"end\":%zu,\"class\":\"%s\",\"spoken\":\"", off, off + wl, cls);
    put_escaped(o->tokens, words, len, 0);
    fputs("\"}", o->tokens);
}

static int json_sentence(void *user, const docbao_sentence *s)
{
    structured_out *o = user;
    if (s->spoken_len || s->written_len) {
        fflush(o->tokens);
        printf("{\"line\":%lu,\"headline\":%s,\"text\":\"", o->line, s->headline ? "true" : "false");
        put_escaped(stdout, s->written, s->written_len, 0);
        fputs("\",\"spoken\":\"", stdout);
        put_escaped(stdout, s->spoken, s->spoken_len, 0);
        printf("\",\"tokens\":[%.*s]}\n", (int)o->size, o->buf ? o->buf : "");
    }
    rewind(o->tokens);
    fflush(o->tokens);
    o->size = 0;
    o->ntokens = 0;
    if (s->line_end) {
        o->line++;
        fflush(stdout);
    }
    return ferror(stdout) ? 1 : 0;
}

static int ssml_sentence(void *user, const docbao_sentence *s)
{
    structured_out *o = user;
    if (s->spoken_len) {
        if (!o->ssml_open_p) {
            fputs("  <p>\n", stdout);
            o->ssml_open_p = 1;
        }
        fputs("    <s>", stdout);
        put_escaped(stdout, s->spoken, s->spoken_len, 1);
        fputs("</s>\n", stdout);
    }
    if (s->line_end && o->ssml_open_p) {
        printf("  </p>\n  <break time=\"%dms\"/>\n", s->headline ? o->pause_headline : o->pause_paragraph);
        o->ssml_open_p = 0;
    }
    return ferror(stdout) ? 1 : 0;
}

/* phonemes: IPA of each line's spoken text */
typedef struct phon_out {
    docbao *db;
    char *line;
    size_t len, cap;
} phon_out;

static int phon_sentence(void *user, const docbao_sentence *s)
{
    phon_out *p = user;
    if (s->spoken_len) {
        char *ipa = NULL;
        if (docbao_phonemes(p->db, s->spoken, s->spoken_len, &ipa))
            return 1;
        if (p->len)
            fputc(' ', stdout);
        fputs(ipa, stdout);
        p->len += strlen(ipa) + 1;
        free(ipa);
    }
    if (s->line_end) {
        fputc('\n', stdout);
        fflush(stdout);
        p->len = 0;
    }
    return 0;
}

/* speak: synthesize each sentence into the outputs, with pauses */
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
    char err[1024];
    docbao *db = docbao_new(&c.cfg, err, sizeof err);
    if (!db) {
        die("%s%s", err, "");
        free(c.files);
        return 1;
    }
    if (!strcmp(c.cmd, "normalize") && (c.json || c.ssml)) {
        structured_out o;
        memset(&o, 0, sizeof o);
        o.line = 1;
        o.pause_paragraph = 600;
        o.pause_headline = 900;
        if (c.json) {
            o.tokens = open_memstream(&o.buf, &o.size);
            if (!o.tokens) {
                rc = 1;
            } else {
                docbao_set_explain(db, json_token, &o);
                run r = {db, json_sentence, &o};
                rc = each_input(&c, &r);
                fclose(o.tokens);
                free(o.buf);
            }
        } else {
            printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<speak version=\"1.1\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"vi-VN\">\n");
            run r = {db, ssml_sentence, &o};
            rc = each_input(&c, &r);
            if (o.ssml_open_p)
                fputs("  </p>\n", stdout);
            fputs("</speak>\n", stdout);
        }
    } else if (!strcmp(c.cmd, "normalize")) {
        line_out o = {0, live_stdout()};
        if (c.explain) {
            docbao_set_explain(db, print_explain, NULL);
            docbao_set_explain_rules(db, 1);
        }
        run r = {db, print_sentence, &o};
        rc = each_input(&c, &r);
    } else if (!strcmp(c.cmd, "phonemes")) {
        phon_out p = {db, NULL, 0, 0};
        run r = {db, phon_sentence, &p};
        rc = each_input(&c, &r);
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
