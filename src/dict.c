/* dict — open-addressing hash map (FNV-1a, linear probing). */
#include "dict.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct dict_slot {
    char *key; /* NULL: empty */
    size_t n;
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

static struct dict_slot *find(const dict *d, const char *key, size_t n)
{
    size_t i = (size_t)hash(key, n) & (d->cap - 1);
    for (;;) {
        struct dict_slot *s = &d->slots[i];
        if (!s->key || (s->n == n && !memcmp(s->key, key, n)))
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
            *find(d, old[i].key, old[i].n) = old[i];
    free(old);
    return 0;
}

int dict_put(dict *d, const char *key, size_t n, int value)
{
    if ((d->count + 1) * 2 > d->cap && grow(d))
        return -1;
    struct dict_slot *s = find(d, key, n);
    if (!s->key) {
        s->key = malloc(n + 1);
        if (!s->key)
            return -1;
        memcpy(s->key, key, n);
        s->key[n] = '\0';
        s->n = n;
        d->count++;
    }
    s->value = value;
    return 0;
}

int dict_get(const dict *d, const char *key, size_t n)
{
    if (!d->cap)
        return -1;
    const struct dict_slot *s = find(d, key, n);
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
