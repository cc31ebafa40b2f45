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

typedef struct word_facts {
    unsigned roles;      /* lexicon_roles of the word */
    unsigned char head;  /* begins a cue phrase of several words */
    unsigned char kind;  /* the caller's class + 1 when no context can change it, else 0 */
    unsigned char syllable; /* a Vietnamese syllable (syllable_parse) */
    const char *reading; /* with kind: a reading from the lexicon, or NULL */
} word_facts;

#define WORD_CACHE_KEY_MAX 22 /* bytes: longer words are not kept */

typedef void (*word_facts_fn)(void *user, const char *s, size_t n, word_facts *out);
typedef struct word_cache word_cache;

/* NULL on out of memory. */
word_cache *word_cache_new(word_facts_fn fn, void *user);
void word_cache_free(word_cache *wc);
/* The facts of s[0..n): remembered, or computed now (and remembered when the
 * word is short enough). Borrowed: valid until the next call. */
const word_facts *word_cache_get(word_cache *wc, const char *s, size_t n);

/* The table's hash of a word (FNV-1a), a byte at a time, so that the
 * tokenizer can compute it while it scans; then word_cache_get without
 * hashing again, and a prefetch that starts loading the word's place into
 * the processor's cache a few words ahead (the table is larger than it). */
#define WORD_HASH_INIT 2166136261u
static inline uint32_t word_hash_step(uint32_t h, unsigned char b) { return (h ^ b) * 16777619u; }
uint32_t word_hash(const char *s, size_t n);
const word_facts *word_cache_get_hashed(word_cache *wc, const char *s, size_t n, uint32_t hash);
void word_cache_prefetch_hashed(const word_cache *wc, size_t n, uint32_t hash);

#endif
