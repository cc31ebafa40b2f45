/* cleanup — Unicode cleanup of one piece of text, before anything reads it.
 * Takes valid UTF-8; gives NFC text (eSpeak-NG misreads decomposed text) with
 * typographic quotes, dashes, bullets, odd spaces and invisible characters
 * mapped to plain ones, and the tone of old-style "òa/òe" moved to the second
 * vowel ("hoà"), the placement eSpeak-NG reads right. Appends to out.
 * With a map, also records for every output byte the offset of the source
 * byte it came from (plus one entry for the end), so later stages can point
 * back into the original text. */
#ifndef DOCBAO_CLEANUP_H
#define DOCBAO_CLEANUP_H
#include <stddef.h>
#include "strbuf.h"

typedef struct offmap {
    size_t *v;   /* v[k]: source offset of output byte k; v[len]: the source length */
    size_t n, cap;
} offmap;

/* Returns 0, -1 on out of memory. map may be NULL; it is cleared first. */
int cleanup_text(const char *s, size_t n, strbuf *out, offmap *map);
void offmap_free(offmap *m);

#endif
