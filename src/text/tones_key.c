/* tones_key — see tones.h: the toneless key of Vietnamese text ("Đưa tay
 * đây nào" → "duataydaynao"), its letters without tones or marks. */
#include "tones.h"
#include <utf8proc.h>

int tones_key(const char *s, size_t n, char *key, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
        if (len <= 0)
            return -1;
        i += (size_t)len;
        if (c == ' ')
            continue;
        utf8proc_int32_t d[8];
        int last = 0;
        utf8proc_ssize_t m = c == 0x110 || c == 0x111 ? (d[0] = 'd', 1)
                                                       : utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &last);
        if (m < 1 || m > 8 || d[0] < 'a' || d[0] > 'z' || k + 1 >= cap)
            return -1;
        key[k++] = (char)d[0];
    }
    return (int)k;
}
