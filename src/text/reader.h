/* reader — the first stage: bytes from a FILE to valid UTF-8 lines.
 * Takes a stream; gives one line at a time (without its newline), or a piece
 * of a very long line cut at a space, so memory stays bounded. Invalid UTF-8
 * is replaced by U+FFFD and reported through the warn callback with its byte
 * offset; a NUL byte means the input is not text and stops the reader. */
#ifndef DOCBAO_READER_H
#define DOCBAO_READER_H
#include <stdio.h>
#include "strbuf.h"

#define READER_MAX_PIECE (64 * 1024)

typedef void (*reader_warn_fn)(void *user, const char *name, unsigned long long offset, const char *msg);

typedef struct reader {
    FILE *f;                 /* borrowed */
    const char *name;        /* borrowed, for messages */
    unsigned long long offset; /* bytes consumed so far */
    reader_warn_fn warn;
    void *user;
    unsigned long invalid;   /* invalid sequences replaced */
    int eof;
    strbuf carry;            /* bytes read; those from start on not yet returned */
    size_t start;
} reader;

void reader_init(reader *r, FILE *f, const char *name, reader_warn_fn warn, void *user);
/* Gives the next piece in *out (replacing its contents). *end_of_line is 1
 * when the piece ends an input line. Returns 1 with a piece, 0 at the end,
 * -1 on a read error or a NUL byte (with a message through warn). */
int reader_next(reader *r, strbuf *out, int *end_of_line);
void reader_free(reader *r);

#endif
