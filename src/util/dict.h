/* dict — a string → int map for lexicon lookups.
 * Keys are copied in; values are small ints (indexes into the caller's array).
 * dict_free releases everything; a zeroed dict is a valid empty one. */
#ifndef DOCBAO_DICT_H
#define DOCBAO_DICT_H
#include <stddef.h>

typedef struct dict {
    struct dict_slot *slots;
    size_t cap, count;
} dict;

/* Inserts or replaces. Returns 0, -1 on out of memory. */
int dict_put(dict *d, const char *key, size_t n, int value);
/* The value, or -1 when absent. */
int dict_get(const dict *d, const char *key, size_t n);
void dict_free(dict *d);

#endif
