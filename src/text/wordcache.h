/* wordcache — what a token's text is on its own, remembered.
 * The classifier asks the same questions of the same few thousand words over
 * and over (its roles as a cue word, whether it begins a cue phrase, its class
 * when no context can change it). This keeps the answers in a fixed-size
 * four-way set-associative table: a new word takes the slot of the least
 * recently used one of its set,
 * so memory stays the same however long the input. One per normalizer
 * (a thread); the answers come from a function the caller gives. */
#ifndef DOCBAO_WORDCACHE_H
#define DOCBAO_WORDCACHE_H
#include <stddef.h>
#include <stdint.h>
#include "swar.h"

typedef struct word_facts {
    unsigned roles;      /* lexicon_roles of the word */
    unsigned char head;  /* begins a phrase of several words: WORD_HEAD_CUE, WORD_HEAD_LOAN */
    unsigned char kind;  /* the caller's class + 1 when no context can change it, else 0 */
    unsigned char syllable; /* a Vietnamese syllable (syllable_parse) */
    unsigned char more;  /* it has roles past those of the mask (lexicon_roles_all) */
} word_facts; /* eight bytes: a slot with its key is 32, two to a cache line */

enum { WORD_HEAD_CUE = 1, WORD_HEAD_LOAN = 2 }; /* a cue phrase (context.tsv), a loanword phrase */

#define WORD_CACHE_KEY_MAX 22 /* bytes: longer words are not kept */

typedef void (*word_facts_fn)(void *user, const char *s, size_t n, word_facts *out);
typedef struct word_cache word_cache;

/* NULL on out of memory. */
word_cache *word_cache_new(word_facts_fn fn, void *user);
void word_cache_free(word_cache *wc);
/* The facts of s[0..n): remembered, or computed now (and remembered when the
 * word is short enough). Borrowed: valid until the next call. */
const word_facts *word_cache_get(word_cache *wc, const char *s, size_t n);

/* The table's hash of a word, eight bytes at a time, so that the tokenizer
 * can compute it for each token it splits off; then word_cache_get without
 * hashing again, and a prefetch that starts loading the word's place into
 * the processor's cache a few words ahead (the table is larger than it).
 * word_hash_within gives the same hash as word_hash, reading up to
 * readable (>= n) bytes from s so that its last load needs no copy. */
static inline uint32_t word_hash_within(const char *s, size_t n, size_t readable)
{
    const uint64_t K = 0x9E3779B97F4A7C15ull; /* odd: each step is a bijection */
    uint64_t h = n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        h = (h ^ swar_load(s + i)) * K;
    if (i < n) {
        h = (h ^ swar_load_within(s, n, i, readable)) * K;
    }
    /* a product's high bits depend on all the bits below them, its low bits
     * only on those below them: the high half folded down and stirred again */
    h = (h ^ (h >> 32)) * K;
    return (uint32_t)(h >> 32);
}
static inline uint32_t word_hash(const char *s, size_t n) { return word_hash_within(s, n, n); }
/* readable (>= n): the bytes from s that may be read, as for word_hash_within,
 * so that keys are compared eight bytes at a time */
const word_facts *word_cache_get_hashed(word_cache *wc, const char *s, size_t n, uint32_t hash, size_t readable);
/* (inline: asked of every word a few ahead; the sets are the table's first
 * bytes, WORD_CACHE_SET_BYTES each, as wordcache.c asserts) */
#define WORD_CACHE_SETS 4096
#define WORD_CACHE_SET_BYTES 128
static inline void word_cache_prefetch_hashed(const word_cache *wc, size_t n, uint32_t hash)
{
    if (n && n <= WORD_CACHE_KEY_MAX) {
        const char *set = (const char *)wc + (size_t)(hash & (WORD_CACHE_SETS - 1)) * WORD_CACHE_SET_BYTES;
        __builtin_prefetch(set); /* the two most recent words of the set */
        __builtin_prefetch(set + 64);
    }
}

#endif
