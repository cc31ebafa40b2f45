/* syllable — a Vietnamese syllable grammar: onset + rhyme + at most one tone.
 * Takes one token (any case, NFC); says whether it is a well-formed
 * Vietnamese syllable. Rhymes come from lexicon/rhymes.tsv. Pure. */
#ifndef DOCBAO_SYLLABLE_H
#define DOCBAO_SYLLABLE_H
#include <stddef.h>
#include "lexicon.h"

typedef enum { TONE_NGANG, TONE_HUYEN, TONE_SAC, TONE_HOI, TONE_NGA, TONE_NANG } vi_tone;

typedef struct vi_syllable {
    char onset[8];   /* "" when none */
    char rhyme[48];  /* toneless, lowercase */
    vi_tone tone;
} vi_syllable;

/* 1 and fills *out (may be NULL) when s[0..n) is a syllable, else 0. */
int syllable_parse(const lexicon *lx, const char *s, size_t n, vi_syllable *out);
/* 1 when every space- or hyphen-separated part of s is a syllable. */
int syllable_is_word(const lexicon *lx, const char *s, size_t n);

#endif
