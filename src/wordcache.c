/* wordcache — a direct-mapped table of word facts keyed by the word's bytes. */
#include "wordcache.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 8192, KEY_MAX = 30 };

struct slot {
    char key[KEY_MAX];
    unsigned char len; /* 0: empty */
    word_facts facts;
};

struct word_cache {
    word_facts_fn fn;
    void *user;
    word_facts scratch; /* for words too long to keep */
    struct slot slots[SLOTS];
};

word_cache *word_cache_new(word_facts_fn fn, void *user)
{
    word_cache *wc = calloc(1, sizeof *wc);
    if (wc) {
        wc->fn = fn;
        wc->user = user;
    }
    return wc;
}

void word_cache_free(word_cache *wc) { free(wc); }

static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

const word_facts *word_cache_get(word_cache *wc, const char *s, size_t n)
{
    if (n == 0 || n > KEY_MAX) {
        wc->fn(wc->user, s, n, &wc->scratch);
        return &wc->scratch;
    }
    struct slot *sl = &wc->slots[hash(s, n) & (SLOTS - 1)];
    if (sl->len != n || memcmp(sl->key, s, n)) {
        wc->fn(wc->user, s, n, &sl->facts);
        memcpy(sl->key, s, n);
        sl->len = (unsigned char)n;
    }
    return &sl->facts;
}
