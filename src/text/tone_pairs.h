/* tone_pairs — how often Vietnamese syllables, and pairs of them in a row,
 * occur in running text (lexicon/syllable-pairs.tsv, built by
 * scripts/make-pairs.py): what src/text/tones.c weighs the junction of two
 * words of a reading with, so that words that follow each other in text win
 * (ở nhà vẫn vui, not ở nhà văn vui).
 * The file is read whole and not parsed: its rows are sorted by their bytes
 * and found by binary search, so that loading costs little (the table is read
 * with tones.c's, on the first toneless string). Read-only once loaded:
 * thread-safe. Internal to src/text. */
#ifndef DOCBAO_TONE_PAIRS_H
#define DOCBAO_TONE_PAIRS_H
#include <stddef.h>

typedef struct tone_pairs tone_pairs;

/* Reads the table at path (header "pair<TAB>count", # comments after it, rows
 * sorted by their UTF-8 bytes, the row "*" the number of syllables counted).
 * Only the header is checked (loading reads the bytes and nothing more):
 * tone_pairs_check checks the rows. NULL on error, with "file:line: message"
 * or the system's message in err. Free with tone_pairs_free (NULL is safe). */
tone_pairs *tone_pairs_load(const char *path, char *err, size_t errlen);
/* 0 when every row is a key, a tab and a count, in order; else -1 with
 * "path:line: message" in err (tests/unit/test_tones.c checks the table). */
int tone_pairs_check(const tone_pairs *p, const char *path, char *err, size_t errlen);
void tone_pairs_free(tone_pairs *p);
size_t tone_pairs_bytes(const tone_pairs *p);

/* The count of the syllable a[0..an) (b NULL) or of the pair "a b" (lower
 * case, tones placed as the table's: hoà, khoẻ); 0 when the table has none. */
unsigned tone_pairs_count(const tone_pairs *p, const char *a, size_t an, const char *b, size_t bn);
/* The number of syllables counted (the row "*"); at least 1. */
double tone_pairs_total(const tone_pairs *p);

#endif
