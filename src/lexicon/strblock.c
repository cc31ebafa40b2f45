/* strblock — the blocks in a list, the newest (the one being filled) first. */
#include "strblock.h"
#include <stdlib.h>
#include <string.h>

struct strblock {
    struct strblock *next;
    size_t used, cap;
    char text[];
};
enum { BLOCK_BYTES = 64 * 1024 };

const char *strblock_keep(strblock **blocks, const char *s)
{
    size_t n = strlen(s) + 1;
    strblock *b = *blocks;
    if (!b || b->cap - b->used < n) { /* a new block (one of its own for a string longer than a block) */
        size_t cap = n > BLOCK_BYTES ? n : BLOCK_BYTES;
        strblock *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        if (b && n > BLOCK_BYTES) { /* kept behind the current block, which still has room */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            *blocks = nb;
        }
        b = nb;
    }
    char *c = memcpy(b->text + b->used, s, n);
    b->used += n;
    return c;
}

void strblock_free(strblock *blocks)
{
    for (strblock *next; blocks; blocks = next) {
        next = blocks->next;
        free(blocks);
    }
}
