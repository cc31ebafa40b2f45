/* verbalize — the words a news reader says for each classified span.
 * Takes spans from classify; appends space-separated words (and the
 * punctuation that shapes prosody: , . ! ?) to a strbuf. Pure over the
 * lexicon: no other state. */
#ifndef DOCBAO_VERBALIZE_H
#define DOCBAO_VERBALIZE_H
#include "classify.h"
#include "numbers.h"
#include "foreign.h"

typedef struct verbalize_ctx {
    const lexicon *lx;
    num_dialect dialect;
    int year_short;          /* 2021 "hai nghìn hai mươi mốt" */
    int foreign_keep;        /* foreign words as written (eSpeak-NG's own reading) */
    const translit *tr;      /* foreign words in Vietnamese syllables; NULL: as written */
    foreign_cache *fc;       /* their readings, remembered (the caller's, not shared) */
    const num_words *nw;     /* lexicon_number_words(lx, dialect), set where the context is made */
} verbalize_ctx;

/* Returns 0, -1 on out of memory. */
int verbalize_span(const verbalize_ctx *c, const span *s, strbuf *out);

/* The last resort for a span the rules cannot read (a classifier's mistake
 * met in the wild): its text read as a code (letters and digit groups), else
 * spelled. Fails only when memory does: text is never dropped for want of a
 * rule, and never stops a whole article. */
int verbalize_fallback(const verbalize_ctx *c, slice text, strbuf *out);

#endif
