/* dict — open-addressing hash map (FNV-1a, linear probing). Each slot keeps
 * 32 bits of its key's hash, so that a lookup reads a key's bytes only when
 * they are likely to match (most lookups are of words not in the table). */
#include "dict.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct dict_slot {
    char *key; /* NULL: empty */
    uint32_t n, h;
    int value;
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static struct dict_slot *find(const dict *d, const char *key, size_t n, uint64_t h)
{
    size_t i = (size_t)h & (d->cap - 1);
    for (;;) {
        struct dict_slot *s = &d->slots[i];
        if (!s->key || (s->h == (uint32_t)(h >> 32) && s->n == n && !memcmp(s->key, key, n)))
            return s;
        i = (i + 1) & (d->cap - 1);
    }
}

static int grow(dict *d)
{
    size_t cap = d->cap ? d->cap * 2 : 64;
    struct dict_slot *old = d->slots;
    size_t oldcap = d->cap;
    d->slots = calloc(cap, sizeof *d->slots);
    if (!d->slots) {
        d->slots = old;
        return -1;
    }
    d->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key)
            *find(d, old[i].key, old[i].n, hash(old[i].key, old[i].n)) = old[i];
    free(old);
    return 0;
}

int dict_put(dict *d, const char *key, size_t n, int value)
{
    if (n > UINT32_MAX || ((d->count + 1) * 2 > d->cap && grow(d)))
        return -1;
    uint64_t h = hash(key, n);
    struct dict_slot *s = find(d, key, n, h);
    if (!s->key) {
        s->key = malloc(n + 1);
        if (!s->key)
            return -1;
        memcpy(s->key, key, n);
        s->key[n] = '\0';
        s->n = (uint32_t)n;
        s->h = (uint32_t)(h >> 32);
        d->count++;
    }
    s->value = value;
    return 0;
}

int dict_get(const dict *d, const char *key, size_t n)
{
    if (!d->cap || n > UINT32_MAX)
        return -1;
    const struct dict_slot *s = find(d, key, n, hash(key, n));
    return s->key ? s->value : -1;
}

void dict_free(dict *d)
{
    for (size_t i = 0; i < d->cap; i++)
        free(d->slots[i].key);
    free(d->slots);
    d->slots = NULL;
    d->cap = d->count = 0;
}
