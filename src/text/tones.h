/* tones — puts the tones back on toneless Vietnamese written in web addresses,
 * e-mails, hashtags and handles: "dichvucong" → "dịch vụ công",
 * "duongdaynongbaochi" → "đường dây nóng báo chí".
 * Takes a run of ASCII letters; segments it into the toneless spellings of
 * Vietnamese syllables and chooses the toned words by a search that maximizes
 * their probability in lexicon/words.tsv (a word list with frequencies; see
 * lexicon/README.md). Answers only when the choice is confident, so that an
 * English or brand name (google, admin, home, camera) is left to the caller.
 * The table is read once, on first use (about 78,000 rows). Thread-safe:
 * the table is read-only once loaded. Tone marks as src/text/cleanup.c places
 * them (hoà, khoẻ) and ủy, thủy. */
#ifndef DOCBAO_TONES_H
#define DOCBAO_TONES_H
#include <stddef.h>
#include "strbuf.h"

typedef struct tones_table tones_table;

/* Loads words.tsv and english.tsv of the lexicon folder dir (columns word,
 * count; english.tsv: English words whose letters also cut into toneless
 * syllables, camera, radio: a string whose likeliest reading is English is
 * refused). NULL on error, with "file:line: message" in err. */
tones_table *tones_table_load(const char *dir, char *err, size_t errlen);
void tones_table_free(tones_table *t);
/* Bytes the table holds in memory. */
size_t tones_table_bytes(const tones_table *t);

/* s[0..n): ASCII letters (either case), at most TONES_MAX_LETTERS. When the
 * restoration is confident, appends the toned words, lowercase and one space
 * apart, as strbuf_word does (a space first unless out is empty or ends in
 * one), and returns 0. Returns 1 when it is not confident or s is not such a
 * string (out unchanged: the caller spells it as before), -1 when memory runs
 * out. */
#define TONES_MAX_LETTERS 64
int tones_restore_with(const tones_table *t, const char *s, size_t n, strbuf *out);

/* The same with the process's own table, words.tsv of the lexicon folder
 * given to tones_use_dir (before the first call; default "lexicon"), loaded
 * on the first call. Returns 1 (spell it) when the table cannot be loaded. */
int tones_restore(const char *s, size_t n, strbuf *out);
void tones_use_dir(const char *lexicon_dir);

/* The likeliest reading even when not confident, for letters whose syllables
 * are already marked (CamelCase: ONhaLamDep): 1 only when that reading has an
 * English or rare word, or is one syllable. */
int tones_guess_with(const tones_table *t, const char *s, size_t n, strbuf *out);
int tones_guess(const char *s, size_t n, strbuf *out);
/* The likeliest reading of toneless letters that no lexicon, no confident
 * restoration and no English word took, where the other reading would be a
 * transliteration (nguoiviet, cucthue): the Vietnamese words alone are
 * tried, two syllables or more, no lone vowel and three letters a syllable on
 * average (not homepage "hôm ép à ge"), rare words of the dictionary
 * allowed; 1 when there is none. Right
 * whole in about half the cases, and nearly right in most of the others,
 * where transliterating letters is never right. */
int tones_last_resort_with(const tones_table *t, const char *s, size_t n, strbuf *out);
int tones_last_resort(const char *s, size_t n, strbuf *out);
/* A handle or user name of toneless letters that begins with a family name of
 * lexicon/surnames.tsv and goes on with two or three Vietnamese syllables of
 * three letters or more on average (buitruonglinh "bùi trường linh"): the
 * name, 0; 1 when it is no such name or an English word (out unchanged); -1
 * on out of memory. Lower case letters, but for a first capital; 9 or more. */
int tones_name_with(const tones_table *t, const char *s, size_t n, strbuf *out);
int tones_name(const char *s, size_t n, strbuf *out);
/* The i-th family name of surnames.tsv (toned), and its toneless key in *key;
 * NULL past the last. */
const char *tones_surname_with(const tones_table *t, int i, const char **key);
/* 1 when s[0..n) is shaped as such letters: a-z only (the first may be a
 * capital: #Songxanh), six or more (moet, the abbreviation, is not) */
int tones_toneless_run(const char *s, size_t n);
/* The commonest syllable of the table whose toneless spelling is s[0..n)
 * (ASCII letters, either case: Quoc "quốc", Duong "đường"), appended to out:
 * 0; 1 when there is none met in text often enough (out unchanged); -1 on out
 * of memory. */
int tones_one_syllable_with(const tones_table *t, const char *s, size_t n, strbuf *out);
int tones_one_syllable(const char *s, size_t n, strbuf *out);
/* 1 when s[0..n) (ASCII letters, either case) is the toneless spelling of a
 * Vietnamese syllable of the table: "dep" (đẹp), "nien" (niên). */
int tones_syllable_with(const tones_table *t, const char *s, size_t n);
int tones_syllable(const char *s, size_t n);
/* 1 when s[0..n) is the toneless spelling of a word of two or three
 * syllables of the table: "thanhnien" (thanh niên), "duhoc" (du học). */
int tones_word_with(const tones_table *t, const char *s, size_t n);
int tones_word(const char *s, size_t n);

/* 1 when s[0..n) (ASCII letters, either case) is an English word of
 * english.tsv: "online", "camera". */
int tones_english_with(const tones_table *t, const char *s, size_t n);
int tones_english(const char *s, size_t n);

/* How often the toned word s[0..n) (lower case, its syllables one space
 * apart: "và", "kế hoạch") occurs per 10 million syllables (words.tsv);
 * 0 when the table does not have it. */
unsigned tones_count_with(const tones_table *t, const char *s, size_t n);
unsigned tones_count(const char *s, size_t n);
/* The toneless key of Vietnamese text s[0..n) in key[0..cap): its letters
 * without tones or marks, lowercase, đ as d, spaces left out ("Đưa tay đây
 * nào" → "duataydaynao"): its length, or -1 when s has another character
 * (a digit, a sign) or the key does not fit. */
int tones_key(const char *s, size_t n, char *key, size_t cap);

#endif
