/* respell — the stage between the verbalizer and the synthesizer.
 * Takes normalized text (UTF-8, NFC, whole sentences with punctuation and any
 * case) and gives the text eSpeak-NG should read: each word it misreads is
 * rewritten as a spelling it reads right, or as eSpeak phoneme input [[...]]
 * where no spelling works (the synthesizer must pass espeakPHONEMES).
 * Everything else (spaces, punctuation, digits, foreign words) is copied as is.
 * The rules are data: lexicon/respell.tsv, described in its header comment. */
#ifndef DOCBAO_RESPELL_H
#define DOCBAO_RESPELL_H
#include <stddef.h>
#include "lexicon.h"
#include "strbuf.h"

/* Opaque: the loaded rules of one voice. Immutable after respell_load, so one
 * handle may be shared by threads. */
typedef struct respell respell;

/* Loads the rules from a TSV file; voice is the eSpeak voice name (rules for
 * other voices are skipped). Words are parsed as syllables by src/text/syllable.c
 * with lx's rhymes: lx is borrowed and must outlive the handle. NULL on error
 * with "file:line: message" in err. The caller owns the result and releases it
 * with respell_free. path and voice are only read during the call. err (errlen
 * bytes) is written only on error. */
respell *respell_load(const char *path, const lexicon *lx, const char *voice, char *err,
                      size_t errlen);

void respell_free(respell *r);            /* NULL is fine */

/* Appends to out the eSpeak input for text[0..len) (UTF-8 NFC normalized Vietnamese). Returns 0, -1 on out of memory. Pure: no global state. */
/* text is borrowed for the call only; out is the caller's. On -1, out may hold
 * part of the result (still NUL-terminated). */
int respell_text(const respell *r, const char *text, size_t len, strbuf *out);

#endif
