/* url_words — a run of lower-case letters of a web address that is no word
 * as a whole, cut into the two or three words it is made of: loanwords and
 * English words (online, news), spelled abbreviations (fpt, vtc), toneless
 * Vietnamese whose tones are restored with confidence (thuonggia), and one
 * foreign word beside an abbreviation (fpt + play): thuonggiaonline →
 * thuonggia + online, fptplay → fpt + play. At least one piece is not
 * Vietnamese: a run of Vietnamese alone is the tones stage's (src/text/tones.c),
 * which answers for it as a whole. Internal to src/text. */
#ifndef DOCBAO_URL_WORDS_H
#define DOCBAO_URL_WORDS_H
#include "lexicon.h"
#include <stddef.h>

/* s[0..n): the letters of one run. The number of pieces (2 or 3) with the
 * end of each in ends[0..3), the last n; 0 when there is no such cut; -1 on
 * out of memory. */
int url_words_cut(const lexicon *lx, const char *s, size_t n, size_t ends[3]);

#endif
