/* translit_romaji — Japanese names written in Hepburn romaji (Takeshima,
 * Koizumi, Nishikori): told from other words by their syllables, and
 * respelled in Esperanto's letters, whose voice reads them letter by letter
 * (English's says teɪkʃˈiːmə, "tếch si mơ"; the press ta kê si ma). */
#include "translit_int.h"
#include <string.h>

/* The length of the Hepburn mora that w[0..n) starts with (ka, shi, tsu,
 * kya; n before a consonant or last; the first of a doubled consonant), or
 * 0. */
static size_t mora(const char *w, size_t n)
{
    static const char *const ONSET[] = {"ky", "sh", "ch", "ts", "ny", "hy", "my", "ry", "gy", "by", "py", "k", "s",
                                        "t", "n", "h", "m", "y", "r", "w", "g", "z", "d", "b", "p", "f", "j", ""};
    /* syllables Hepburn does not write (si is shi, ti chi, tu tsu, hu fu ...) */
    static const char *const NOT[] = {"si", "ti", "tu", "hu", "zi", "di", "du", "wi", "wu", "we", "wo", "yi", "ye",
                                      "fa", "fi", "fe", "fo", "je", "she", "che", "tsa", "tsi", "tse", "tso"};
    if (n >= 2 && w[0] == w[1] && strchr("kstp", w[0]))
        return 1; /* the small tsu: Hokkaido, Sapporo */
    if (w[0] == 'n' && (n == 1 || !strchr("aeiouyn", w[1])))
        return 1; /* not before n: Rihanna, Madonna are not Japanese */
    for (size_t i = 0; i < sizeof ONSET / sizeof ONSET[0]; i++) {
        size_t k = strlen(ONSET[i]);
        if (k < n && !memcmp(w, ONSET[i], k) && strchr("aeiou", w[k])) {
            for (size_t j = 0; j < sizeof NOT / sizeof NOT[0]; j++)
                if (strlen(NOT[j]) == k + 1 && !memcmp(w, NOT[j], k + 1))
                    return 0;
            return k + 1;
        }
    }
    return 0;
}

/* two vowels romaji writes side by side (Koizumi, Kaoru, Maeda, Inoue, Takaichi) */
static int vowel_pair(char a, char b)
{
    static const char *const PAIRS[] = {"ai", "ei", "ui", "oi", "ao", "ou", "ae", "ue"};
    for (size_t i = 0; i < sizeof PAIRS / sizeof PAIRS[0]; i++)
        if (PAIRS[i][0] == a && PAIRS[i][1] == b)
            return 1;
    return 0;
}

int translit_romaji(const char *w, size_t n)
{
    int morae = 0;
    for (size_t i = 0, k; i < n; i += k, morae++) {
        if (!(k = mora(w + i, n - i)))
            return 0;
        char v = w[i + k - 1]; /* the mora's vowel, when it has one */
        if (i + k < n && strchr("aeiou", v) && strchr("aeiou", w[i + k]) && !vowel_pair(v, w[i + k]))
            return 0; /* Maine, teen, Genoa, Jamie: not Japanese */
    }
    /* a vowel pair before a last consonant and e is French (Maine, Antoine, Suisse) */
    for (size_t i = 0; n >= 4 && w[n - 1] == 'e' && i + 3 < n; i++)
        if (vowel_pair(w[i], w[i + 1]))
            return 0;
    return morae >= 3 && n >= 5;
}

size_t translit_eo_respell(const translit_pair *table, size_t rows, const char *w, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t e = 0;
        while (e < rows && strncmp(w + i, table[e].from, strlen(table[e].from)))
            e++;
        const char *piece = e < rows ? table[e].to : NULL;
        size_t from = piece ? strlen(table[e].from) : 1, len = piece ? strlen(piece) : 1;
        if (k + len >= cap)
            return 0;
        memcpy(out + k, piece ? piece : w + i, len);
        k += len;
        i += from;
    }
    out[k] = '\0';
    return k;
}

size_t translit_romaji_eo(const char *w, size_t n, char *out, size_t cap)
{
    static const translit_pair EO[] = {{"sh", "ŝ"}, {"ch", "ĉ"}, {"ts", "tc"}, {"j", "ĝ"},
                                       {"y", "ĵ"},  {"ai", "aj"}, {"ei", "ej"}, {"ui", "uj"}};
    return translit_eo_respell(EO, sizeof EO / sizeof EO[0], w, n, out, cap);
}
