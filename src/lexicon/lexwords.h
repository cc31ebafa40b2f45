/* lexwords — the lexicon tables of words docbao recognizes or says as they
 * are, without lookups by key: lexicon/page-labels.tsv (labels of page
 * blocks that are not the article), number-words.tsv (the words of numbers,
 * resolved into a num_words per dialect) and say-words.tsv (spoken function
 * words: phẩy, chấm, trên, đến...). Loaded by lexicon_load into its
 * lexicon, read through the accessors of lexicon.h. Read-only after load. */
#ifndef DOCBAO_LEXWORDS_H
#define DOCBAO_LEXWORDS_H
#include <stddef.h>
#include "lexicon.h"

typedef struct lexwords lexwords;

/* Loads the tables from dir. NULL on error, with "file:line: message" in err. */
lexwords *lexwords_load(const char *dir, char *err, size_t errlen);
void lexwords_free(lexwords *w);   /* NULL is fine */
const lexicon_label *lexwords_page_labels(const lexwords *w, size_t *n);
const num_words *lexwords_number_words(const lexwords *w, num_dialect d);
const char *lexwords_say(const lexwords *w, say_key s, num_dialect d);

#endif
