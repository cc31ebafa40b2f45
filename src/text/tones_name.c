/* tones_name — see tones.h: a handle of a Vietnamese name written without
 * tones or spaces (buitruonglinh "bùi trường linh"): a family name of
 * lexicon/surnames.tsv, then the given name read as toneless Vietnamese. */
#include "tones.h"
#include <string.h>

int tones_name_with(const tones_table *t, const char *s, size_t n, strbuf *out)
{
    char low[TONES_MAX_LETTERS];
    if (!t || n < 9 || n > sizeof low || tones_english_with(t, s, n))
        return 1;
    for (size_t k = 0; k < n; k++) {
        low[k] = (char)(k ? s[k] : s[k] | 0x20);
        if (low[k] < 'a' || low[k] > 'z')
            return 1; /* a handle: lower case letters, but for a first capital */
    }
    const char *surname, *skey;
    for (int f = 0; (surname = tones_surname_with(t, f, &skey)); f++) {
        size_t sk = strlen(skey);
        if (sk + 6 > n || memcmp(low, skey, sk))
            continue;
        strbuf given = {0}; /* the whole read as one (nguyễn phú trọng), when it keeps the family name */
        size_t fl = strlen(surname), skip = 0;
        int rc = tones_last_resort_with(t, low, n, &given);
        if (rc == 0 && given.len > fl && !memcmp(given.s, surname, fl) && given.s[fl] == ' ')
            skip = fl + 1;
        else if (!rc) {
            strbuf_truncate(&given, 0);
            rc = tones_last_resort_with(t, low + sk, n - sk, &given);
        }
        size_t syl = 1; /* two or three given syllables of three letters or more on average: */
        for (size_t i = skip; rc == 0 && i < given.len; i++)
            syl += given.s[i] == ' ';
        int said = rc == 0 && syl <= 3 && n - sk >= 3 * syl;
        if (said && (strbuf_word(out, surname) || strbuf_word(out, given.s + skip)))
            rc = -1;
        strbuf_free(&given);
        if (said || rc < 0)
            return rc < 0 ? -1 : 0;
    }
    return 1;
}
