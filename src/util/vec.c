/* vec — see vec.h. */
#include "vec.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int vec_grow(void *array_ptr, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elem_size)
            return -1;
        c *= 2;
    }
    void *old;
    memcpy(&old, array_ptr, sizeof old); /* array_ptr points to a T* */
    void *grown = realloc(old, c * elem_size);
    if (!grown)
        return -1;
    memcpy(array_ptr, &grown, sizeof grown);
    *cap = c;
    return 0;
}
