/* normalize — what `docbao normalize` and `docbao phonemes` print: the
 * spoken form a line per input line, JSON Lines with tokens, an SSML
 * document, or eSpeak-NG's IPA. */
#include "cli/cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* (called on the caller's thread alone, the only one that writes stdout:
 * the unlocked stdio calls, which take no lock per sentence) */
static int print_sentence(void *user, const docbao_sentence *s)
{
    line_out *o = user;
    if (s->spoken_len) {
        if (o->any)
            putc_unlocked(' ', stdout);
        fwrite_unlocked(s->spoken, 1, s->spoken_len, stdout);
        o->any = 1;
    }
    if (s->line_end) {
        putc_unlocked('\n', stdout);
        if (o->live)
            fflush(stdout);
        o->any = 0;
    }
    return ferror_unlocked(stdout) ? 1 : 0;
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

int cli_normalize(const cli *c, docbao *db)
{
    if (!c->json && !c->ssml) {
        line_out o = {0, live_stdout()};
        return cli_each_input(c, db, print_sentence, &o);
    }
    structured_out o;
    memset(&o, 0, sizeof o);
    o.line = 1;
    o.pause_paragraph = 600;
    o.pause_headline = 900;
    int rc;
    if (c->json) {
        o.tokens = open_memstream(&o.buf, &o.size);
        if (!o.tokens)
            return 1;
        docbao_set_explain(db, json_token, &o);
        rc = cli_each_input(c, db, json_sentence, &o);
        fclose(o.tokens);
        free(o.buf);
        return rc;
    }
    printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<speak version=\"1.1\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"vi-VN\">\n");
    rc = cli_each_input(c, db, ssml_sentence, &o);
    if (o.ssml_open_p)
        fputs("  </p>\n", stdout);
    fputs("</speak>\n", stdout);
    return rc;
}

int cli_phonemes(const cli *c, docbao *db)
{
    phon_out p = {db, NULL, 0, 0};
    return cli_each_input(c, db, phon_sentence, &p);
}
