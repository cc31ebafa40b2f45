/* translit — a foreign word said in Vietnamese syllables.
 * Takes a Latin-script word that is not Vietnamese (the caller has checked
 * the syllable grammar, the acronym rules and the lexicons); asks eSpeak-NG
 * (synth_foreign_phonemes) for its phonemes in a language voice ("en", or
 * the one a spelling cue of lexicon/translit.tsv names) and maps them with
 * that table to lowercase Vietnamese syllables separated by spaces, every
 * one a syllable of src/text/syllable.c's grammar, so the Vietnamese voice says
 * it without switching language: Zuckerberg "dắc cơ béc", streaming
 * "xờ tri minh", football "phút bôn".
 * The table is read-only after translit_load: one translit may serve any
 * number of threads (the eSpeak-NG calls are serialized inside synth). */
#ifndef DOCBAO_TRANSLIT_H
#define DOCBAO_TRANSLIT_H
#include <stddef.h>
#include "lexicon.h"
#include "strbuf.h"

typedef struct translit translit;

/* Loads the rules from path (NULL: translit.tsv in lexicon_dir(lx)); lx
 * (the syllable grammar's rhymes) must outlive the translit. NULL on error,
 * with "file:line: message" in err. */
translit *translit_load(const lexicon *lx, const char *path, char *err, size_t errlen);
void translit_free(translit *t);

/* Appends the syllables for word[0..n) (UTF-8, any case) to out, with a
 * space before them when out does not end in one. 0, or -1 when eSpeak-NG
 * gives nothing usable (no voice, no vowel, an unknown phoneme) or memory
 * runs out: out is then unchanged and the caller spells or keeps the word. */
int translit_word(const translit *t, const char *word, size_t n, strbuf *out);

/* A name the press has written in Vietnamese letters joined in one word
 * (Áchentina, Brúcxen, Ápganixtan) or a highland name (Búk): its syllables,
 * each one of the grammar or one with a cluster the press prints inside it
 * (bra, xtan), a last k said c, appended to out as a word ("ác hen ti na").
 * 0, or -1 when the word has no letter only Vietnamese writes or does not
 * cut into such syllables. */
int translit_vietnamized(const translit *t, const char *word, size_t n, strbuf *out);

/* 1 when word[0..n) (any case) is a syllable with a cluster the press
 * prints inside it: the xcơ of Mát-xcơ-va, the xra of I-xra-en, Xtốc. */
int translit_cluster_syllable(const lexicon *lx, const char *word, size_t n);

/* The eSpeak-NG voice the table's spelling cues choose for word ("en" when
 * none matches). For --explain and the tests. */
const char *translit_voice(const translit *t, const char *word, size_t n);

#endif
