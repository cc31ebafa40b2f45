/* cleanup — Unicode cleanup of one piece of text, before anything reads it.
 * Takes valid UTF-8; gives NFC text (eSpeak-NG misreads decomposed text) with
 * typographic quotes, dashes, bullets, odd spaces and invisible characters
 * mapped to plain ones, and the tone of old-style "òa/òe" moved to the second
 * vowel ("hoà"), the placement eSpeak-NG reads right. Appends to out.
 * With a map, also records where each output byte came from in the source,
 * so later stages can point back into the original text: as segments, one
 * for each run copied as it is and one for each replacement, so that the
 * map costs nothing per byte. */
#ifndef DOCBAO_CLEANUP_H
#define DOCBAO_CLEANUP_H
#include <stddef.h>
#include "strbuf.h"

typedef struct offmap_seg {
    size_t out, src;  /* output byte out came from source byte src */
    int copied;       /* 1: the bytes after it too, one for one (a run copied
                       * as it is); 0: they all came from src (a replacement) */
} offmap_seg;

typedef struct offmap {
    offmap_seg *v;    /* in output order */
    size_t n, cap;
    size_t len, end;  /* the output length, the source length */
} offmap;

/* Returns 0, -1 on out of memory. map may be NULL; it is cleared first. */
int cleanup_text(const char *s, size_t n, strbuf *out, offmap *map);

/* The source offset of output byte k (0..len) of the text out that
 * cleanup_text appended: that of the first byte of its character, and the
 * source length for k = len. */
size_t offmap_source(const offmap *m, const char *out, size_t k);

void offmap_free(offmap *m);

#endif
