/* strbuf — a growable, always NUL-terminated byte string.
 * Owns its memory: strbuf_free releases it; a zeroed strbuf is a valid empty one.
 * Every append returns 0, or -1 when memory runs out (the buffer is then unchanged). */
#ifndef DOCBAO_STRBUF_H
#define DOCBAO_STRBUF_H
#include <stddef.h>

typedef struct strbuf {
    char *s;     /* NUL-terminated text, or NULL while empty and never grown */
    size_t len;  /* bytes before the NUL */
    size_t cap;  /* bytes allocated */
} strbuf;

int strbuf_append(strbuf *b, const char *s, size_t n);
int strbuf_puts(strbuf *b, const char *s);
int strbuf_putc(strbuf *b, char c);
/* Appends a word, with one space before it unless the buffer is empty or ends in a space. */
int strbuf_word(strbuf *b, const char *w);
int strbuf_wordn(strbuf *b, const char *w, size_t n);
void strbuf_clear(strbuf *b);          /* keeps the allocation */
void strbuf_free(strbuf *b);           /* releases it; the strbuf becomes empty */
const char *strbuf_str(const strbuf *b); /* "" while empty; valid until the next change */

#endif
