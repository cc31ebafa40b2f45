/* translit_kh — names written with kh before a vowel (Sakhalin, Zakharova,
 * Khabib, Kharkiv): Russian, Ukrainian, Arabic, Thai names the press reads
 * by their letters, kh as kh. English says k + h (xắc ha lin, ca bíp);
 * Esperanto's voice reads the name respelled in its letters (kh ĥ, sh ŝ, ch
 * ĉ, zh ĵ, y j) letter by letter, as the press does (xa kha lin). */
#include "translit_int.h"
#include <string.h>

int translit_kh(const char *w, size_t n)
{
    int kh = 0;
    for (size_t i = 0; i < n; i++) {
        if (strchr("qwx", w[i]) || (unsigned char)w[i] >= 0x80)
            return 0; /* letters Esperanto has not */
        if (i + 2 < n && w[i] == 'k' && w[i + 1] == 'h' && strchr("aeiou", w[i + 2]) && (i == 0 || w[i - 1] != 'c'))
            kh = 1; /* not ckh: Lockheed, Beckham */
    }
    return kh;
}

size_t translit_kh_eo(const char *w, size_t n, char *out, size_t cap)
{
    static const translit_pair EO[] = {{"kh", "ĥ"}, {"sh", "ŝ"}, {"ch", "ĉ"}, {"zh", "ĵ"}, {"y", "j"}};
    return translit_eo_respell(EO, sizeof EO / sizeof EO[0], w, n, out, cap);
}
