/* strbuf — a growable, always NUL-terminated byte string.
 * Owns its memory: strbuf_free releases it; a zeroed strbuf is a valid empty one.
 * Every append returns 0, or -1 when memory runs out (the buffer is then unchanged). */
#ifndef DOCBAO_STRBUF_H
#define DOCBAO_STRBUF_H
#include <stddef.h>
#include <string.h>

typedef struct strbuf {
    char *s;     /* NUL-terminated text, or NULL while empty and never grown */
    size_t len;  /* bytes before the NUL */
    size_t cap;  /* bytes allocated */
} strbuf;

int strbuf_append_grow(strbuf *b, const char *s, size_t n); /* the slow path: grows first */
static inline int strbuf_append(strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        return strbuf_append_grow(b, s, n);
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}
int strbuf_puts(strbuf *b, const char *s);
int strbuf_reserve(strbuf *b, size_t extra); /* room for extra more bytes (and the NUL) */
static inline int strbuf_putc(strbuf *b, char c)
{
    if (b->len + 2 > b->cap && strbuf_reserve(b, 1))
        return -1;
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
    return 0;
}
/* Appends a word, with one space before it unless the buffer is empty or ends in a space. */
static inline int strbuf_wordn(strbuf *b, const char *w, size_t n)
{
    if (n == 0)
        return 0;
    if (b->len + n + 2 > b->cap && strbuf_reserve(b, n + 1))
        return -1;
    if (b->len && b->s[b->len - 1] != ' ')
        b->s[b->len++] = ' ';
    memcpy(b->s + b->len, w, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}
static inline int strbuf_word(strbuf *b, const char *w) { return strbuf_wordn(b, w, strlen(w)); }
void strbuf_clear(strbuf *b);          /* keeps the allocation */
void strbuf_truncate(strbuf *b, size_t len); /* back to its first len bytes (len <= b->len) */
void strbuf_free(strbuf *b);           /* releases it; the strbuf becomes empty */
const char *strbuf_str(const strbuf *b); /* "" while empty; valid until the next change */

#endif
