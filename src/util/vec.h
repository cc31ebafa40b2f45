/* vec — the one growable-array helper. An array is a pointer, a count and a
 * capacity kept by its owner; vec_reserve makes room for `need` elements,
 * doubling the capacity (at least 8), so appends are amortized O(1):
 *     if (VEC_RESERVE(v, cap, n + 1)) return -1;
 *     v[n++] = x;
 * Returns 0, or -1 when memory runs out or the size would overflow (the array
 * and its capacity are then unchanged, still owned by the caller). */
#ifndef DOCBAO_VEC_H
#define DOCBAO_VEC_H
#include <stddef.h>

int vec_grow(void *array_ptr, size_t *cap, size_t need, size_t elem_size);
/* the test inline (most calls have room: no call in a hot loop), the growth not */
static inline int vec_reserve(void *array_ptr, size_t *cap, size_t need, size_t elem_size)
{
    return need <= *cap ? 0 : vec_grow(array_ptr, cap, need, elem_size);
}
#define VEC_RESERVE(v, cap, need) vec_reserve(&(v), &(cap), (need), sizeof *(v))

#endif
