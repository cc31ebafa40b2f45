/* serve_normalize — POST /v1/normalize: the spoken form of a text or a
 * page, one output line per input line as `docbao normalize` prints it, or
 * with ?format=json JSON Lines of sentences and their tokens (source text,
 * byte offsets, class, spoken words) as `normalize --json` prints them.
 * Normalization needs no eSpeak-NG, so it runs here, in the server, on one
 * handle per dialect (a handle is used by one thread at a time). */
#include "cli/serve.h"
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct norm_out {
    FILE *out, *tokens;
    char *tbuf;
    size_t tsize;
    int json, any, ntokens;
    unsigned long line;
} norm_out;

static void escaped(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
}

static void on_token(void *user, const char *cls, size_t off, const char *w, size_t wl, const char *words, size_t len)
{
    norm_out *o = user;
    if (!strcmp(cls, "punct") && !len)
        return;
    fprintf(o->tokens, "%s{\"text\":\"", o->ntokens++ ? "," : "");
    escaped(o->tokens, w, wl);
    fprintf(o->tokens, "\",\"start\":%zu,\"end\":%zu,\"class\":\"%s\",\"spoken\":\"", off, off + wl, cls);
    escaped(o->tokens, words, len);
    fputs("\"}", o->tokens);
}

static int on_json(norm_out *o, const docbao_sentence *s)
{
    if (s->spoken_len || s->written_len) {
        fflush(o->tokens);
        fprintf(o->out, "{\"line\":%lu,\"headline\":%s,\"text\":\"", o->line, s->headline ? "true" : "false");
        escaped(o->out, s->written, s->written_len);
        fputs("\",\"spoken\":\"", o->out);
        escaped(o->out, s->spoken, s->spoken_len);
        fprintf(o->out, "\",\"tokens\":[%.*s]}\n", (int)o->tsize, o->tbuf ? o->tbuf : "");
    }
    rewind(o->tokens);
    fflush(o->tokens);
    o->tsize = 0;
    o->ntokens = 0;
    o->line += s->line_end;
    return ferror(o->out) ? 1 : 0;
}

static int on_sentence(void *user, const docbao_sentence *s)
{
    norm_out *o = user;
    if (o->json)
        return on_json(o, s);
    if (s->spoken_len) {
        if (o->any)
            fputc(' ', o->out);
        fwrite(s->spoken, 1, s->spoken_len, o->out);
        o->any = 1;
    }
    if (s->line_end) {
        fputc('\n', o->out);
        o->any = 0;
    }
    return ferror(o->out) ? 1 : 0;
}

/* Normalizes into o->out on handle d; 0 or a docbao status (err says why). */
static int normalize(server *s, int d, norm_out *o, int html, const char *body, size_t len, char *err, size_t n)
{
    docbao *db = s->norm[d];
    pthread_mutex_lock(&s->norm_lock[d]);
    if (o->json)
        docbao_set_explain(db, on_token, o);
    int rc = html ? docbao_normalize_html(db, body, len, 0, NULL, on_sentence, o)
                  : docbao_normalize(db, body, len, on_sentence, o);
    if (o->json)
        docbao_set_explain(db, NULL, NULL);
    if (rc)
        snprintf(err, n, "%s", docbao_last_error(db)[0] ? docbao_last_error(db) : docbao_strerror(rc));
    pthread_mutex_unlock(&s->norm_lock[d]);
    return rc;
}

int normalize_post(server *s, struct MHD_Connection *c, const char *body, size_t len)
{
    static const char *const ALLOWED[] = {"format", "dialect", NULL};
    char err[300];
    int html, rc = serve_check_body(c, body, len, &html, err, sizeof err);
    if (!rc)
        rc = serve_check_args(c, ALLOWED, err, sizeof err);
    const char *f = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
    const char *d = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "dialect");
    if (!rc && f && strcmp(f, "json") && strcmp(f, "text"))
        rc = 400, snprintf(err, sizeof err, "format '%s': give text or json", f);
    if (!rc && d && strcmp(d, "north") && strcmp(d, "south"))
        rc = 400, snprintf(err, sizeof err, "dialect '%s': give north or south", d);
    if (rc)
        return http_error(s, c, (unsigned)rc, err);
    norm_out o = {NULL, NULL, NULL, 0, f && !strcmp(f, "json"), 0, 0, 1};
    char *out = NULL;
    size_t outlen = 0;
    o.out = open_memstream(&out, &outlen);
    o.tokens = o.json ? open_memstream(&o.tbuf, &o.tsize) : NULL;
    if (!o.out || (o.json && !o.tokens))
        rc = -1, snprintf(err, sizeof err, "out of memory");
    else
        rc = normalize(s, d && !strcmp(d, "south"), &o, html, body, len, err, sizeof err);
    if (o.out)
        fclose(o.out);
    if (o.tokens)
        fclose(o.tokens);
    free(o.tbuf);
    int r = rc ? http_error(s, c, rc == DOCBAO_EINPUT ? 422 : 500, err)
               : http_text(s, c, 200, o.json ? "application/x-ndjson; charset=utf-8" : "text/plain; charset=utf-8",
                           out ? out : "", outlen);
    free(out);
    return r;
}
