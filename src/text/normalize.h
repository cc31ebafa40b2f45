/* normalize — the text half of the pipeline for one piece of text:
 * Unicode cleanup → tokens → sentences → classify → verbalize.
 * Takes a piece (a line, or part of a very long one) of valid UTF-8; gives
 * each sentence's written (source) and spoken text to a callback (borrowed: valid
 * during the call). Holds reusable buffers; one per thread. */
#ifndef DOCBAO_NORMALIZE_H
#define DOCBAO_NORMALIZE_H
#include "classify.h"
#include "cleanup.h"
#include "verbalize.h"

typedef int (*normalize_sentence_fn)(void *user, const char *written, size_t wlen,
                                     const char *spoken, size_t slen);
/* For --explain and --json: one call per span, with the span's source text
 * (borrowed from the piece) and its byte offset in the piece. */
typedef void (*normalize_explain_fn)(void *user, const char *cls, size_t offset, const char *written, size_t wlen,
                                     const char *words, size_t len);

typedef struct normalizer {
    const lexicon *lx;       /* borrowed */
    num_dialect dialect;
    int year_short;          /* years without "không trăm" */
    int foreign_keep;        /* foreign words as written, not in Vietnamese syllables */
    const translit *tr;      /* borrowed: foreign words' syllables; NULL: as written */
    foreign_cache foreign;   /* their readings, this normalizer's own */
    normalize_explain_fn explain;
    void *explain_user;
    int explain_rules;       /* explain's class is "class/rule" (the rule that made the span) */
    strbuf clean, spoken, piece;
    offmap map;              /* clean byte -> source byte */
    tokvec tokens;
    spanvec spans;
    word_cache *words;       /* made on first use */
    abbr_defs defs;          /* the acronyms this piece defined (cleared at each piece) */
    int strict;              /* DOCBAO_STRICT set: a span the rules cannot read is an
                              * error (tests and fuzzing look for them), not read by
                              * verbalize_fallback */
} normalizer;

void normalizer_init(normalizer *nz, const lexicon *lx, num_dialect d);
/* A normalizer with proto's settings (lexicon, dialect, year style, foreign
 * words) and state of its own. */
void normalizer_init_like(normalizer *nz, const normalizer *proto);
void normalizer_free(normalizer *nz);
/* Returns 0, the callback's non-zero value, or -1 on out of memory. */
int normalize_piece(normalizer *nz, const char *text, size_t n, normalize_sentence_fn fn, void *user);

#endif
