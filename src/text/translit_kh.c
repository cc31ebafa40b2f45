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
    static const struct { const char *from, *to; } EO[] = {
        {"kh", "ĥ"}, {"sh", "ŝ"}, {"ch", "ĉ"}, {"zh", "ĵ"}, {"y", "j"}};
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t e = 0;
        while (e < sizeof EO / sizeof EO[0] && strncmp(w + i, EO[e].from, strlen(EO[e].from)))
            e++;
        const char *piece = e < sizeof EO / sizeof EO[0] ? EO[e].to : NULL;
        size_t from = piece ? strlen(EO[e].from) : 1, len = piece ? strlen(piece) : 1;
        if (k + len >= cap)
            return 0;
        memcpy(out + k, piece ? piece : w + i, len);
        k += len;
        i += from;
    }
    out[k] = '\0';
    return k;
}
