/* wordcache — a four-way set-associative table of word facts keyed by the
 * word's bytes: in each set the most recently used word comes first. */
#include "wordcache.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { SETS = 4096, WAYS = 4, KEY_MAX = WORD_CACHE_KEY_MAX };

struct slot {
    char key[KEY_MAX];
    unsigned char len; /* 0: empty */
    word_facts facts;
};
_Static_assert(sizeof(struct slot) == 32, "a slot is half a cache line");
_Static_assert(offsetof(struct slot, key) == 0 && KEY_MAX <= 24, "same() reads a key's eight bytes from the slot's start");

struct word_cache {
    struct slot slots[SETS][WAYS]; /* first, on a cache line: a set is two lines */
    word_facts_fn fn;
    void *user;
    word_facts scratch; /* for words too long to keep */
};

word_cache *word_cache_new(word_facts_fn fn, void *user)
{
    size_t size = (sizeof(word_cache) + 63) / 64 * 64;
    word_cache *wc = aligned_alloc(64, size);
    if (wc) {
        memset(wc, 0, size);
        wc->fn = fn;
        wc->user = user;
    }
    return wc;
}

void word_cache_free(word_cache *wc) { free(wc); }

/* A slot's key equals s[0..n), compared eight bytes at a time: the key's
 * words are read whole (the slot has room: what follows the key is masked
 * off), and s's too as far as readable allows. */
__attribute__((always_inline)) static inline int same(const struct slot *slot, const char *s, size_t n, size_t readable)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (swar_load((const char *)slot + i) != swar_load(s + i))
            return 0;
    if (i == n)
        return 1;
    uint64_t key = swar_load((const char *)slot + i) & (~0ull >> (64 - 8 * (n - i)));
    return key == swar_load_within(s, n, i, readable);
}

_Static_assert(offsetof(word_cache, slots) == 0 && sizeof(struct slot[WAYS]) == WORD_CACHE_SET_BYTES &&
                   SETS == WORD_CACHE_SETS,
               "word_cache_prefetch_hashed (wordcache.h) finds a set where it is");

/* A word not the most recent of its set: found further on and moved to the
 * front, or asked of the function in the place of the least recent. Apart,
 * so that the common case above is a short function. */
__attribute__((noinline)) static const word_facts *get_slow(word_cache *wc, struct slot *set, const char *s, size_t n,
                                                            size_t readable)
{
    if (n == 0 || n > KEY_MAX) {
        wc->fn(wc->user, s, n, &wc->scratch);
        return &wc->scratch;
    }
    int way = 1;
    while (way < WAYS && !(set[way].len == n && same(&set[way], s, n, readable)))
        way++;
    struct slot found;
    if (way < WAYS) {
        found = set[way];
    } else { /* not there: the least recently used one goes */
        way = WAYS - 1;
        wc->fn(wc->user, s, n, &found.facts);
        memcpy(found.key, s, n);
        found.len = (unsigned char)n;
    }
    memmove(&set[1], &set[0], (size_t)way * sizeof *set);
    set[0] = found;
    return &set[0].facts;
}

const word_facts *word_cache_get_hashed(word_cache *wc, const char *s, size_t n, uint32_t h, size_t readable)
{
    struct slot *set = wc->slots[h & (SETS - 1)];
    /* (an empty slot's len is 0, and no word is: n == 0 goes on below) */
    if (set[0].len == n && n && same(&set[0], s, n, readable))
        return &set[0].facts;
    return get_slow(wc, set, s, n, readable);
}

const word_facts *word_cache_get(word_cache *wc, const char *s, size_t n)
{
    return word_cache_get_hashed(wc, s, n, word_hash(s, n), n);
}
