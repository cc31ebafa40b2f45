/* wordcache — a four-way set-associative table of word facts keyed by the
 * word's bytes: in each set the most recently used word comes first. */
#include "wordcache.h"
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

/* n bytes equal (n is short: a loop beats a call) */
static int same(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

void word_cache_prefetch_hashed(const word_cache *wc, size_t n, uint32_t h)
{
    if (n && n <= KEY_MAX) {
        const struct slot *set = wc->slots[h & (SETS - 1)];
        __builtin_prefetch(set); /* the two most recent words of the set */
        __builtin_prefetch((const char *)set + 64);
    }
}

const word_facts *word_cache_get_hashed(word_cache *wc, const char *s, size_t n, uint32_t h)
{
    if (n == 0 || n > KEY_MAX) {
        wc->fn(wc->user, s, n, &wc->scratch);
        return &wc->scratch;
    }
    struct slot *set = wc->slots[h & (SETS - 1)];
    int way = 0;
    while (way < WAYS && !(set[way].len == n && same(set[way].key, s, n)))
        way++;
    if (way == 0)
        return &set[0].facts;
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

const word_facts *word_cache_get(word_cache *wc, const char *s, size_t n)
{
    return word_cache_get_hashed(wc, s, n, word_hash(s, n));
}
