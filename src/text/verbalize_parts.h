/* verbalize_parts — the readers verbalize.c and verbalize_mixed.c share.
 * Internal to src/text. Each appends words to out; returns 0, -1 on out of
 * memory. */
#ifndef DOCBAO_VERBALIZE_PARTS_H
#define DOCBAO_VERBALIZE_PARTS_H
#include "verbalize.h"

/* a word of say-words.tsv in the context's dialect */
#define VB_SAY(c, key) lexicon_say((c)->lx, (key), (c)->dialect)

/* letters one by one (letters.tsv) */
int vb_spell(const verbalize_ctx *c, slice s, strbuf *out);
/* a number written in s */
int vb_read_slice_number(const verbalize_ctx *c, slice s, strbuf *out);
/* a run of letters: a word, an abbreviation, a loanword, or spelled */
int vb_read_run(const verbalize_ctx *c, slice s, int code, int url, strbuf *out);
/* a mixed token, a code, a serial or a URL, cut into parts (verbalize_mixed.c) */
int verbalize_mixed(const verbalize_ctx *c, slice s, tok_class cls, strbuf *out);

#endif
