/* parts_read — how a run of letters inside a mixed token is read (an
 * abbreviation, a loanword, a unit, a word, a name, spelled), and what the
 * piece after a dash is: a Roman numeral of a grade (RON 95-III) or a letter
 * of a model code (Honda CR-V). Used by the cutter of src/text/rules_parts.c.
 * Internal to src/text. */
#ifndef DOCBAO_PARTS_READ_H
#define DOCBAO_PARTS_READ_H
#include "classify.h"

/* the abbreviation a run is (vnpt in a web address is VNPT, but only one
 * spelled anyway: vn is not Việt Nam there), NULL for none */
const abbr_entry *parts_run_abbr(const lexicon *lx, slice s, int url);
/* a road's letters (role route: ĐT, QL) before its number: the reading of
 * the dotted row (ĐT. đường tỉnh, not ĐT điện thoại); NULL for none */
const char *parts_route_reading(const lexicon *lx, slice letters);

/* how the run s is read: an abbreviation, a loanword, an exonym, a unit
 * (their reading in *reading), a word, a name, or spelled; code: the
 * letters of a code, which the lexicon is not asked; piece: the run is a
 * piece of a hyphenated word of words (parts_dash_word), read as a word,
 * 2: of a name in Vietnamese syllables (parts_dash_vietnamized), as written */
part_reading parts_run_reading(const lexicon *lx, slice s, int code, int url, int piece, const char **reading);

/* 1 when s[from..to), a whole piece of the hyphenated word s (letters and
 * dashes only), is a word whatever its length: the pieces of sale-off,
 * big-data, know-how, add-on, B-boy are words, since another piece is no
 * acronym (the letters of vnEdu, VN-abc, the x of X-quang stay letters) */
int parts_dash_word(slice s, size_t from, size_t to);

/* 1 when s[from..to), a whole piece of the hyphenated word s, is a syllable
 * with a press cluster and every other piece a Vietnamese syllable: a name
 * the press spells in Vietnamese syllables (Mát-xcơ-va, I-xra-en, Pa-ki-xtan),
 * the piece read as written (xcơ, xra, xtan), not spelled */
int parts_dash_vietnamized(const lexicon *lx, slice s, size_t from, size_t to);

/* 1 when s[0..end), a lone e, E, i or Y before a dash, is the English
 * prefix of a foreign word (e-book, E-visa, i-SPEED, Y-Concert: "i", "ai",
 * "oai"), not a letter: the word after the dash is no Vietnamese syllable
 * (Ê-đê, I-ran stay as they are) */
int parts_dash_prefix(const lexicon *lx, slice s, size_t end);

/* the value of the Roman numeral s[i..end) after a dash (95-III, 0,05S-II),
 * 0 for none: a lone capital after a code of capitals is the code's letter
 * (Honda CR-V, HR-V "hát e rờ vê"), not 5 */
unsigned parts_dash_roman(slice s, size_t i, size_t end);

#endif
