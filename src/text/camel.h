/* camel — toneless Vietnamese written in CamelCase, as hashtags and handles
 * are (#ONhaLamDep, HocCung in #HocCungTikTok, BaoMoi): the capitals mark the
 * syllables; a run of at least two pieces that are each a toneless Vietnamese
 * syllable (or word of a few: ThanhnienThudo, duhocHanQuoc) gets its tones back (src/text/tones.c) when the choice is confident.
 * Internal to src/text. */
#ifndef DOCBAO_CAMEL_H
#define DOCBAO_CAMEL_H
#include "strbuf.h"
#include <stddef.h>

/* s[0..n): letters of one part of a token. When its first pieces (each an
 * upper-case letter and the lower-case letters after it; a lower-case start
 * is a piece too) are two or more toneless syllables whose tones are restored
 * with confidence, appends the toned words and returns the bytes read (the
 * rest is the caller's). 0 when not (out unchanged), -1 on out of memory. */
long camel_restore(const char *s, size_t n, strbuf *out);

#endif
