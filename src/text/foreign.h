/* foreign — a foreign word's Vietnamese syllables (translit), remembered per
 * normalizer: each distinct word asks eSpeak-NG once. Not shared between
 * threads (each normalizer has its own); bounded: past FOREIGN_CACHE_MAX
 * bytes of readings it starts again empty. */
#ifndef DOCBAO_FOREIGN_H
#define DOCBAO_FOREIGN_H
#include <stddef.h>
#include "dict.h"
#include "strbuf.h"
#include "translit.h"

#define FOREIGN_CACHE_MAX (1u << 20)

typedef struct foreign_cache {
    dict index;   /* word -> offset of its reading in text, or -2: translit found none */
    strbuf text;  /* the readings, each NUL-terminated */
} foreign_cache;

/* Appends the reading of word[0..n) to out (as a word: a space before it
 * when out does not end in one): toneless Vietnamese with its tones put back
 * (src/text/tones.c) when that is sure, else the word in Vietnamese syllables. 0; 1 when there is none (out unchanged:
 * the caller keeps or spells the word); -1 on out of memory. */
int foreign_read(foreign_cache *fc, const translit *tr, const char *word, size_t n, strbuf *out);
/* The same for the lower-case letters of an address or a hashtag: the
 * likeliest toneless Vietnamese (tones_last_resort) first, remembered under
 * its own key. */
int foreign_read_toneless(foreign_cache *fc, const translit *tr, const char *word, size_t n, strbuf *out);
void foreign_cache_free(foreign_cache *fc);

/* 1 when word[0..n) looks foreign: Latin letters only, none of them a letter
 * only Vietnamese uses (ă â đ ê ô ơ ư, or a vowel with a Vietnamese tone
 * mark of U+1EA0..U+1EF9), a vowel, no capital but the first, and four
 * letters or more (two when capitalized: Abe; utc, est are codes). Whether it is a Vietnamese
 * syllable is the caller's question. */
int foreign_looking(const char *word, size_t n);
/* 1 when s[0..n), ASCII capitals alone, three to twelve of them, is shaped as
 * an English word and not as an acronym (SUMMER, DEADLINE, FEST, BORN, PINK;
 * not HAGL, VNPT, TPHCM): vowels at least one letter in four, no three
 * consonants together but a word's first (STR, SCH), a first pair and a last
 * pair that words have (three letters: a vowel, no two consonants together:
 * HOW, YOU). A word in capitals that no table knows is then said
 * as a foreign word, not spelled. Pure. */
int foreign_caps_word(const char *s, size_t n);

#endif
