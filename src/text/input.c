/* input — one input of docbao_render (a path, a stream or a buffer; text or
 * an HTML page) normalized into sentences. HTML pages are read whole (up to
 * 64 MB), text streams a line at a time. */
#include "docbao.h"
#include "render.h"
#include "vec.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PAGE (64u << 20)

/* Reads the rest of f after the head bytes already read; *buf is malloc'd. */
static int read_page(docbao *db, FILE *f, const char *name, const char *head, size_t n, char **buf, size_t *len)
{
    size_t cap = 0;
    char *b = NULL;
    if (VEC_RESERVE(b, cap, (size_t)1 << 20))
        return DOCBAO_ENOMEM;
    memcpy(b, head, n);
    size_t have = n, got;
    while ((got = fread(b + have, 1, cap - have, f)) > 0) {
        have += got;
        if (have < cap)
            continue;
        if (cap >= MAX_PAGE || VEC_RESERVE(b, cap, cap + 1)) {
            free(b);
            if (cap < MAX_PAGE)
                return DOCBAO_ENOMEM;
            api_set_error(db, "%s: page larger than 64 MB", name);
            return DOCBAO_EINPUT;
        }
    }
    *buf = b;
    *len = have;
    return DOCBAO_OK;
}

/* docbao_normalize_html gives one user pointer to both of its callbacks */
typedef struct page_user {
    const docbao_input *in;
    docbao_sentence_fn fn;
    void *user;
} page_user;

static void page_dropped(void *user, const char *what, const char *why)
{
    const page_user *p = user;
    p->in->dropped(p->in->user, what, why);
}

static int page_sentence(void *user, const docbao_sentence *s)
{
    const page_user *p = user;
    return p->fn(p->user, s);
}

static int page(docbao *db, const docbao_input *in, const char *html, size_t len, docbao_sentence_fn fn, void *user)
{
    page_user p = {in, fn, user};
    return docbao_normalize_html(db, html, len, in->keep_all, in->dropped ? page_dropped : NULL, page_sentence, &p);
}

/* A stream: an HTML page (by in->html, or by its first bytes when the
 * stream can be rewound) or text. */
static int from_stream(docbao *db, const docbao_input *in, FILE *f, const char *name, docbao_sentence_fn fn,
                       void *user)
{
    if (!in->html)
        return docbao_normalize_file(db, f, name, fn, user);
    char head[2048];
    size_t n = fread(head, 1, sizeof head, f);
    if (in->html < 0 && !docbao_is_html(head, n)) {
        if (fseek(f, 0, SEEK_SET))
            return DOCBAO_EIO;
        return docbao_normalize_file(db, f, name, fn, user);
    }
    char *buf;
    size_t len;
    int rc = read_page(db, f, name, head, n, &buf, &len);
    if (rc)
        return rc;
    rc = page(db, in, buf, len, fn, user);
    free(buf);
    return rc;
}

int docbao_normalize_input(docbao *db, const docbao_input *in, docbao_sentence_fn fn, void *user)
{
    const char *name = in->name ? in->name : in->path ? in->path : "input";
    if (in->path) {
        FILE *f = fopen(in->path, "rb");
        if (!f) {
            api_set_error(db, "%s: %s", name, strerror(errno));
            return DOCBAO_EIO;
        }
        int rc = from_stream(db, in, f, name, fn, user);
        fclose(f);
        return rc;
    }
    if (in->file)
        return from_stream(db, in, in->file, name, fn, user);
    if (in->html > 0 || (in->html < 0 && docbao_is_html(in->text, in->len)))
        return page(db, in, in->text, in->len, fn, user);
    return docbao_normalize(db, in->text ? in->text : "", in->len, fn, user);
}
