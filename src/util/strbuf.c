/* strbuf — growable byte strings used by every stage. */
#include "strbuf.h"
#include <stdlib.h>
#include <string.h>

static int grow(strbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2)
            return -1;
        cap *= 2;
    }
    char *s = realloc(b->s, cap);
    if (!s)
        return -1;
    b->s = s;
    b->cap = cap;
    return 0;
}

int strbuf_append_grow(strbuf *b, const char *s, size_t n)
{
    if (grow(b, n))
        return -1;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

int strbuf_puts(strbuf *b, const char *s) { return strbuf_append(b, s, strlen(s)); }
int strbuf_reserve(strbuf *b, size_t extra) { return grow(b, extra); }

void strbuf_clear(strbuf *b) { strbuf_truncate(b, 0); }

void strbuf_truncate(strbuf *b, size_t len)
{
    b->len = len;
    if (b->s)
        b->s[len] = '\0';
}

void strbuf_free(strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

const char *strbuf_str(const strbuf *b) { return b->s ? b->s : ""; }
