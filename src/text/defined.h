/* defined — acronyms a text defines: "Hội đồng xét xử (HĐXX)" says what HĐXX
 * stands for, and a later HĐXX of the same piece reads those words.
 * acronym_run finds the words an acronym in brackets abbreviates (their
 * initials are its letters); an abbr_defs remembers the definitions of one
 * piece (normalize_piece clears it at each piece: the pieces of a long input
 * are normalized by several threads, each with a normalizer of its own, and
 * in no fixed order, so a memory wider than the piece would read differently
 * from run to run). Fixed storage: a reading handed out stays valid until the
 * store is cleared. */
#ifndef DOCBAO_DEFINED_H
#define DOCBAO_DEFINED_H
#include "lexicon.h"
#include "token.h"
#include <stddef.h>

#define ABBR_DEFS_MAX 16
#define ABBR_DEF_KEY 32
#define ABBR_DEF_READING 160

typedef struct abbr_def {
    char key[ABBR_DEF_KEY];
    size_t keylen;
    char reading[ABBR_DEF_READING]; /* the words, lower case, one space between */
} abbr_def;

typedef struct abbr_defs {
    size_t n;
    abbr_def v[ABBR_DEFS_MAX];
} abbr_defs;

static inline void abbr_defs_clear(abbr_defs *d)
{
    d->n = 0;
}
/* The reading of the latest definition of key, or NULL. */
const char *abbr_defs_find(const abbr_defs *d, const char *key, size_t n);
/* Remembers key as the words of tokens t[from..to) (lowered; tokens without
 * a word, a dash, left out). The stored reading, or NULL when the store is
 * full or the text too long (nothing stored). */
const char *abbr_defs_add(abbr_defs *d, const char *key, size_t n, const token *t, size_t from, size_t to);

/* Token t[i] is an acronym in brackets, (HĐXX): 2 to 8 capital letters. If
 * the words just before it have its letters as initials (case aside, a
 * vowel's marks aside, Đ not D; a "và" between them may be skipped:
 * Văn hóa và Du lịch (VHDL)), the index of the first of the shortest such run; else i. */
size_t acronym_run(const lexicon *lx, const token *t, size_t i);

#endif
