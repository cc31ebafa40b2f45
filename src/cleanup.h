/* cleanup — Unicode cleanup of one piece of text, before anything reads it.
 * Takes valid UTF-8; gives NFC text (eSpeak-NG misreads decomposed text) with
 * typographic quotes, dashes, bullets, odd spaces and invisible characters
 * mapped to plain ones, and the tone of old-style "òa/òe" moved to the second
 * vowel ("hoà"), the placement eSpeak-NG reads right. Appends to out. */
#ifndef DOCBAO_CLEANUP_H
#define DOCBAO_CLEANUP_H
#include <stddef.h>
#include "strbuf.h"

/* Returns 0, -1 on out of memory. */
int cleanup_text(const char *s, size_t n, strbuf *out);

#endif
