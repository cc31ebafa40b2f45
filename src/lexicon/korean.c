/* korean — loads lexicon/korean.tsv (kind, key, reading) into two maps: the
 * syllables and their readings, the surnames. */
#include "korean.h"
#include "dict.h"
#include "tsv.h"
#include "vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KEY_MAX = 12 }; /* longer than any syllable (ppyeong) */

struct korean {
    dict syllables; /* lowercase syllable -> index into readings */
    dict surnames;  /* lowercase surname -> 1 */
    char *text;     /* the readings one after another, each with its NUL */
    size_t used, room;
    size_t *readings; /* where each begins in text (text may move while loading) */
    size_t n, cap;
};

static int row(void *user, const char *const *c, char *err, size_t errlen)
{
    korean *k = user;
    size_t len = strlen(c[1]);
    if (!len || len >= KEY_MAX || strspn(c[1], "abcdefghijklmnopqrstuvwxyz") != len) {
        snprintf(err, errlen, "a key is a syllable of %d lowercase letters at most", KEY_MAX - 1);
        return -1;
    }
    if (!strcmp(c[0], "surname")) {
        if (dict_get(&k->syllables, c[1], len) < 0) {
            snprintf(err, errlen, "surname '%s' is not a syllable row above", c[1]);
            return -1;
        }
        return dict_put(&k->surnames, c[1], len, 1);
    }
    if (strcmp(c[0], "syllable") || !c[2][0]) {
        snprintf(err, errlen, "a row is 'syllable KEY READING' or 'surname KEY'");
        return -1;
    }
    size_t rn = strlen(c[2]) + 1;
    if (VEC_RESERVE(k->readings, k->cap, k->n + 1) || VEC_RESERVE(k->text, k->room, k->used + rn))
        return -1;
    memcpy(k->text + k->used, c[2], rn);
    k->readings[k->n] = k->used;
    k->used += rn;
    return dict_put(&k->syllables, c[1], len, (int)k->n++);
}

korean *korean_load(const char *dir, char *err, size_t errlen)
{
    static const char *const COLS[] = {"kind", "key", "reading?"};
    char path[4096];
    snprintf(path, sizeof path, "%s/korean.tsv", dir);
    korean *k = calloc(1, sizeof *k);
    if (!k) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (tsv_load(path, COLS, 3, row, k, err, errlen)) {
        korean_free(k);
        return NULL;
    }
    return k;
}

void korean_free(korean *k)
{
    if (!k)
        return;
    free(k->text);
    free(k->readings);
    dict_free(&k->syllables);
    dict_free(&k->surnames);
    free(k);
}

/* s[0..n) lowercased into buf; 0 when it is too long or not ASCII letters */
static size_t lower(const char *s, size_t n, char *buf)
{
    if (!n || n >= KEY_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch | 0x20);
        else if (ch < 'a' || ch > 'z')
            return 0;
        buf[i] = ch;
    }
    return n;
}

const char *korean_syllable(const korean *k, const char *s, size_t n)
{
    char buf[KEY_MAX];
    if (!k || !lower(s, n, buf))
        return NULL;
    int v = dict_get(&k->syllables, buf, n);
    return v < 0 ? NULL : k->text + k->readings[v];
}

int korean_surname(const korean *k, const char *s, size_t n)
{
    char buf[KEY_MAX];
    return k && lower(s, n, buf) && dict_get(&k->surnames, buf, n) >= 0;
}
