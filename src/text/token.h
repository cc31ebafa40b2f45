/* token — splits one cleaned piece of text into whitespace tokens.
 * Takes NFC text; gives tokens that point into it (borrowed: valid while the
 * text is), each with its leading and trailing punctuation peeled off. A
 * trailing period stays on the token when token + "." is a lexicon key
 * (TP., Q.) or the token is one capital letter (an initial). */
#ifndef DOCBAO_TOKEN_H
#define DOCBAO_TOKEN_H
#include <stddef.h>
#include <stdint.h>
#include "lexicon.h"

typedef struct slice {
    const char *s;
    size_t n;
} slice;

typedef struct token {
    slice pre;   /* leading punctuation, e.g. ( or " */
    slice core;  /* the token itself; empty for a punctuation-only token */
    slice post;  /* trailing punctuation, e.g. , or ." */
    unsigned char digit; /* the core has an ASCII digit (found while splitting) */
    unsigned char ends;  /* post has . ! or ? (found while peeling): may end a sentence */
    uint32_t hash;       /* word_hash of the core (wordcache.h) */
} token;

typedef struct tokvec {
    token *v;
    size_t n, cap;
} tokvec;

/* Appends the tokens of s[0..n) to tv. Returns 0, -1 on out of memory. */
int tokenize(const lexicon *lx, const char *s, size_t n, tokvec *tv);
void tokvec_free(tokvec *tv);

/* Sentence split over tokens: the index just past the sentence that starts at
 * from (a sentence ends at . ! ? ... followed by a capital, digit, quote, or
 * the end). Pure. */
size_t sentence_end(const token *t, size_t n, size_t from);

#endif
