/* tones — toneless Vietnamese back to its tones: a search over the ways to cut
 * a run of letters into words of lexicon/words.tsv, scored by the words'
 * log-probabilities, keeping the best few distinct readings at each letter;
 * those of the last rescored by how their words follow each other in text. */
#include "tones.h"
#include "tone_pairs.h"
#include "vec.h"
#include "tsv.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define KEY_MAX 32     /* letters of the longest word's toneless key */
#define BEST 8         /* distinct readings kept at each letter */

/* When a reading is confident enough to say (counts per 10 million syllables) */
#ifndef SOLO_MIN
#define SOLO_MIN 1000  /* a syllable said alone: among the ~1,200 most frequent (3000 restored
                        * fewer and no more rightly: scripts/tones-score.py) */
#endif
#ifndef WORD_MIN
#define WORD_MIN 40    /* a word of 2-4 syllables: on the smallest word list, or met in text */
#endif
#ifndef MARGIN
#define MARGIN 2.3     /* best reading at least e^2.3 ≈ 10 times as likely as the next */
#endif
#ifndef GUESS_MIN
#define GUESS_MIN 20   /* a guess's words: met in text at least this often */
#endif
#ifndef WORD_COST
#define WORD_COST 2.3  /* each word of a reading costs e^2.3: a few long words beat many short ones */
#endif
#define PAIR_WEIGHT 1.5 /* how words follow each other in text (syllable-pairs.tsv): best on held-out news */

#define SURNAMES 48 /* family names of surnames.tsv at most */
typedef struct tentry {
    uint32_t key, text, next; /* arena offsets; next entry of the bucket (+1, 0 = none) */
    uint32_t count;
    uint16_t tlen;
    uint8_t klen, nsyl; /* nsyl 0: an English word (english.tsv) */
    float logp;
} tentry;

struct tones_table {
    int english;     /* the rows being loaded are english.tsv's */
    unsigned char *memo; /* while loading: base_letter's answers by code point */
    char *arena;
    size_t alen, acap;
    tentry *e;
    size_t n, cap;
    uint32_t *heads; /* bucket → entry index + 1 */
    size_t nheads;   /* a power of two */
    double total;
    tone_pairs *pairs; /* syllable-pairs.tsv */
    char surname[SURNAMES][16]; /* surnames.tsv, toned */
    char surkey[SURNAMES][8];   /* and toneless */
    int nsurnames;
};

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}
#define FNV0 0xcbf29ce484222325ULL

/* The base letter of a code point ('a'..'z'), 0 for a tone or vowel mark to
 * skip, -1 for anything else: dịch → d i c h. Asked of utf8proc once per code
 * point and remembered in the table being loaded (loading is most of it). */
static int base_letter(unsigned char *memo, utf8proc_int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? c | 0x20 : -1;
    if (c >= 0x300 && c <= 0x36F)
        return 0;
    if (c >= 0x1F00)
        return -1;
    if (!memo[c]) {
        utf8proc_int32_t d[8];
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &last);
        if (c == 0x110 || c == 0x111)
            memo[c] = 'd';
        else
            memo[c] = n >= 1 && n <= 8 && d[0] >= 'a' && d[0] <= 'z' ? (unsigned char)d[0] : 1;
    }
    return memo[c] == 1 ? -1 : memo[c];
}

/* The toneless ASCII key of a word ("dịch vụ" → "dichvu"): its length, or -1
 * when it has a letter outside Vietnamese's or is too long. *nsyl gets the
 * number of space-separated syllables. */
static int toneless_key(unsigned char *memo, const char *w, char *key, int *nsyl)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)w;
    int k = 0;
    *nsyl = 1;
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t len = utf8proc_iterate(p, -1, &c);
        if (len <= 0)
            return -1;
        p += len;
        if (c == ' ') {
            ++*nsyl;
            continue;
        }
        int b = base_letter(memo, c);
        if (b < 0 || (b > 0 && k >= KEY_MAX))
            return -1;
        if (b > 0)
            key[k++] = (char)b;
    }
    return k ? k : -1;
}

static int arena_put(tones_table *t, const char *s, size_t n, uint32_t *at)
{
    if (VEC_RESERVE(t->arena, t->acap, t->alen + n))
        return -1;
    memcpy(t->arena + t->alen, s, n);
    *at = (uint32_t)t->alen;
    t->alen += n;
    return 0;
}

static int add_row(void *user, const char *const *cells, char *err, size_t errlen)
{
    tones_table *t = user;
    char key[KEY_MAX];
    int nsyl, klen = toneless_key(t->memo, cells[0], key, &nsyl);
    char *end;
    unsigned long count = strtoul(cells[1], &end, 10);
    if (klen < 0 || nsyl > 4 || (t->english && nsyl > 1) || *end || !*cells[1] || count == 0 || count > UINT32_MAX) {
        snprintf(err, errlen, "not a word of 1-4 syllables with a count: %s\t%s", cells[0], cells[1]);
        return -1;
    }
    if (VEC_RESERVE(t->e, t->cap, t->n + 1))
        return snprintf(err, errlen, "out of memory"), -1;
    tentry *e = &t->e[t->n];
    size_t tlen = strlen(cells[0]);
    if (arena_put(t, key, (size_t)klen, &e->key) || arena_put(t, cells[0], tlen, &e->text))
        return snprintf(err, errlen, "out of memory"), -1;
    e->klen = (uint8_t)klen;
    e->tlen = (uint16_t)tlen;
    e->nsyl = t->english ? 0 : (uint8_t)nsyl;
    e->count = (uint32_t)count;
    t->total += (double)count;
    t->n++;
    return 0;
}

static int add_surname(void *user, const char *const *cells, char *err, size_t errlen)
{
    tones_table *t = user;
    size_t n = strlen(cells[0]);
    int k = t->nsurnames < SURNAMES && n < sizeof t->surname[0] && !strchr(cells[0], ' ')
            ? tones_key(cells[0], n, t->surkey[t->nsurnames], sizeof t->surkey[0]) : -1;
    if (k <= 0) {
        snprintf(err, errlen, "not a family name of one syllable (or more than %d): %s", SURNAMES, cells[0]);
        return -1;
    }
    t->surkey[t->nsurnames][k] = '\0';
    memcpy(t->surname[t->nsurnames++], cells[0], n + 1);
    return 0;
}

/* Buckets by the key's hash; each entry's probability once the total is known. */
static int index_entries(tones_table *t)
{
    t->nheads = 1;
    while (t->nheads < t->n * 2)
        t->nheads <<= 1;
    t->heads = calloc(t->nheads, sizeof *t->heads);
    if (!t->heads)
        return -1;
    for (size_t i = t->n; i-- > 0;) { /* backwards: each bucket lists its rows in file order */
        tentry *e = &t->e[i];
        e->logp = (float)log((double)e->count / t->total);
        size_t b = fnv(FNV0, t->arena + e->key, e->klen) & (t->nheads - 1);
        e->next = t->heads[b];
        t->heads[b] = (uint32_t)i + 1;
    }
    return 0;
}

/* Gives back what the growing arrays had in advance. */
static void shrink(tones_table *t)
{
    char *a = realloc(t->arena, t->alen ? t->alen : 1);
    if (a) {
        t->arena = a;
        t->acap = t->alen;
    }
    tentry *e = realloc(t->e, t->n * sizeof *e);
    if (e) {
        t->e = e;
        t->cap = t->n;
    }
}

tones_table *tones_table_load(const char *dir, char *err, size_t errlen)
{
    tones_table *t = calloc(1, sizeof *t);
    if (t)
        t->memo = calloc(0x1F00, 1);
    if (!t || !t->memo) {
        free(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    static const char *const WANT[] = {"word", "count"};
    static const char *const FILES[] = {"words.tsv", "english.tsv"};
    char path[4200];
    int rc = 0;
    for (int f = 0; f < 2 && !rc; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, FILES[f]);
        t->english = f;
        rc = tsv_load(path, WANT, 2, add_row, t, err, errlen);
    }
    if (!rc) {
        static const char *const SUR[] = {"surname"};
        snprintf(path, sizeof path, "%s/surnames.tsv", dir);
        rc = tsv_load(path, SUR, 1, add_surname, t, err, errlen);
    }
    free(t->memo);
    t->memo = NULL;
    if (!rc) {
        snprintf(path, sizeof path, "%s/syllable-pairs.tsv", dir);
        t->pairs = tone_pairs_load(path, err, errlen);
        rc = t->pairs ? 0 : -1;
    }
    if (!rc && (t->n == 0 || index_entries(t))) {
        snprintf(err, errlen, "%s: %s", dir, t->n ? "out of memory" : "no words");
        rc = -1;
    }
    if (rc) {
        tones_table_free(t);
        return NULL;
    }
    shrink(t);
    return t;
}

void tones_table_free(tones_table *t)
{
    if (!t)
        return;
    free(t->arena);
    free(t->e);
    free(t->heads);
    tone_pairs_free(t->pairs);
    free(t);
}

size_t tones_table_bytes(const tones_table *t)
{
    return t ? sizeof *t + t->acap + t->cap * sizeof *t->e + t->nheads * sizeof *t->heads + tone_pairs_bytes(t->pairs)
             : 0;
}

/* ---- the search ---- */

typedef struct hyp {
    double score;    /* sum of log-probabilities */
    uint64_t hash;   /* of the reading so far, as text: equal texts, equal hashes */
    uint32_t word;   /* entry that ends here */
    int16_t from;    /* letter where that entry starts */
    int8_t fromk;    /* which of the readings there it extends */
} hyp;

typedef struct lattice {
    hyp h[TONES_MAX_LETTERS + 1][BEST];
    int cnt[TONES_MAX_LETTERS + 1];
} lattice;

/* Keeps h among the BEST distinct readings of a letter, best first. */
static void keep(hyp *list, int *cnt, hyp h)
{
    int at = *cnt;
    for (int i = 0; i < *cnt; i++)
        if (list[i].hash == h.hash) {
            if (list[i].score >= h.score)
                return;
            at = i; /* the same text by a better path: move it up */
            break;
        }
    if (at == *cnt) {
        if (*cnt < BEST)
            ++*cnt;
        else if (list[BEST - 1].score >= h.score)
            return;
        at = *cnt - 1;
    }
    while (at > 0 && list[at - 1].score < h.score) {
        list[at] = list[at - 1];
        at--;
    }
    list[at] = h;
}

/* How well word b follows a in text: the weighted log of how much more often
 * the last syllable of a comes before the first of b than chance would have
 * it (add-one smoothed), when more; 0 for a pair the text never has (too few
 * counts to tell unseen from wrong) and beside an English word. */
static double junction(const tones_table *t, const tentry *a, const tentry *b)
{
    if (!a->nsyl || !b->nsyl)
        return 0;
    const char *as = t->arena + a->text, *bs = t->arena + b->text;
    size_t last = a->tlen, first = 0;
    while (last > 0 && as[last - 1] != ' ')
        last--;
    while (first < b->tlen && bs[first] != ' ')
        first++;
    unsigned cab = tone_pairs_count(t->pairs, as + last, a->tlen - last, bs, first);
    if (!cab)
        return 0;
    double ca = tone_pairs_count(t->pairs, as + last, a->tlen - last, NULL, 0);
    double cb = tone_pairs_count(t->pairs, bs, first, NULL, 0);
    double gain = log((cab + 1.0) / (ca * cb / tone_pairs_total(t->pairs) + 1.0));
    return gain > 0 ? PAIR_WEIGHT * gain : 0;
}

/* Extends every reading ending at letter i by every word whose key is s[i..j)
 * (guess 2: Vietnamese words only; guess 1: no rare word either, which a guess
 * refuses: not vượn cáo in QuySuaVuonCao); with camel (the letters as written,
 * CamelCase), only words that end before a capital or at the end. */
static void extend(const tones_table *t, const char *s, size_t n, size_t i, lattice *L, int guess, const char *camel)
{
    uint64_t kh = FNV0;
    for (size_t j = i + 1; j <= n && j - i <= KEY_MAX; j++) {
        kh = fnv(kh, s + j - 1, 1);
        if (camel && j < n && !(camel[j] >= 'A' && camel[j] <= 'Z'))
            continue;
        for (uint32_t x = t->heads[kh & (t->nheads - 1)]; x; x = t->e[x - 1].next) {
            const tentry *e = &t->e[x - 1];
            if (e->klen != j - i || memcmp(t->arena + e->key, s + i, j - i) || (guess == 2 && !e->nsyl) ||
                (guess == 1 && e->nsyl && e->count < GUESS_MIN))
                continue;
            for (int k = 0; k < L->cnt[i]; k++) {
                const hyp *p = &L->h[i][k];
                uint64_t h = i ? fnv(p->hash, " ", 1) : p->hash;
                hyp q = {p->score + e->logp - WORD_COST, fnv(h, t->arena + e->text, e->tlen), x - 1, (int16_t)i, (int8_t)k};
                keep(L->h[j], &L->cnt[j], q);
            }
        }
    }
}

/* The entries of reading k of the last letter, in order; their number. */
static int path_of(const lattice *L, size_t n, int k, uint32_t *words)
{
    int m = 0;
    for (size_t at = n; at > 0 && m < TONES_MAX_LETTERS;) {
        const hyp *h = &L->h[at][k];
        words[m++] = h->word;
        k = h->fromk;
        at = (size_t)h->from;
    }
    for (int i = 0; i < m / 2; i++) {
        uint32_t w = words[i];
        words[i] = words[m - 1 - i];
        words[m - 1 - i] = w;
    }
    return m;
}

/* The readings kept at the last letter rescored with the junctions of their
 * words (on these few, not in the search, for the cost); *margin gets the
 * lead of the best over the next (INFINITY alone). The best's index. */
static int rescore(const tones_table *t, const lattice *L, size_t n, double *margin)
{
    double sc[BEST];
    uint32_t w[TONES_MAX_LETTERS];
    int best = 0;
    for (int k = 0; k < L->cnt[n]; k++) {
        int m = path_of(L, n, k, w);
        sc[k] = L->h[n][k].score;
        for (int i = 1; i < m; i++)
            sc[k] += junction(t, &t->e[w[i - 1]], &t->e[w[i]]);
        if (sc[k] > sc[best])
            best = k;
    }
    double second = -INFINITY;
    for (int k = 0; k < L->cnt[n]; k++)
        if (k != best && sc[k] > second)
            second = sc[k];
    *margin = L->cnt[n] < 2 ? INFINITY : sc[best] - second;
    return best;
}

/* A guess: two syllables or more, none English, none rare (but in a last
 * resort: rare words of the dictionary, thủy sản, bạch mai, are words). */
static int likely_vietnamese(const tones_table *t, const uint32_t *words, int m, int rare_ok)
{
    int syl = 0, letters = 0, common = 1, lone = 0;
    for (int i = 0; i < m; i++) {
        const tentry *e = &t->e[words[i]];
        if (e->nsyl == 0 || (e->count < GUESS_MIN && !rare_ok))
            return 0;
        syl += e->nsyl;
        letters += e->klen;
        lone |= rare_ok && e->klen == 1;
        common &= e->count >= (e->nsyl > 1 ? WORD_MIN : SOLO_MIN);
    }
    if (lone && !common) /* a lone vowel only among common words (ở nhà) */
        return 0;
    /* a last resort has the long syllables of Vietnamese (người, tiếng: 3.5
     * letters on average), not the short cuts of English letters (ba na na,
     * hôm ép à ge: a lone vowel, or under 3 letters a syllable); 2.5 will do
     * when every word is a common one (onhavanvui: ở, nhà văn, vui) */
    return syl >= 2 && (!rare_ok || (letters >= 3 * syl && !lone) || (common && 2 * letters >= 5 * syl));
}

/* Confident: two syllables or more, every word frequent enough for its kind,
 * at least half the syllables inside words of several, and a clear winner. */
static int confident(const tones_table *t, double margin, const uint32_t *words, int m, int guess)
{
    if (guess) /* CamelCase: the capitals cut the syllables; the likeliest Vietnamese reading, not English */
        return likely_vietnamese(t, words, m, guess == 2);
    int syl = 0, in_words = 0;
    for (int i = 0; i < m; i++) {
        const tentry *e = &t->e[words[i]];
        if (e->nsyl == 0) /* English */
            return 0;
        syl += e->nsyl;
        if (e->nsyl > 1)
            in_words += e->nsyl;
        if (e->count < (e->nsyl > 1 ? WORD_MIN : SOLO_MIN))
            return 0;
    }
    if (syl < 2 || 2 * in_words < syl)
        return 0;
    return margin >= MARGIN;
}

static int letters_only(const char *s, size_t n, char *low)
{
    if (n == 0 || n > TONES_MAX_LETTERS)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = (char)(s[i] | 0x20);
        if (c < 'a' || c > 'z')
            return 0;
        low[i] = c;
    }
    return 1;
}

static int restore(const tones_table *t, const char *s, size_t n, int guess, strbuf *out)
{
    char low[TONES_MAX_LETTERS];
    if (!t || !letters_only(s, n, low))
        return 1;
    lattice *L = malloc(sizeof *L);
    if (!L)
        return -1;
    memset(L->cnt, 0, sizeof L->cnt);
    L->cnt[0] = 1;
    L->h[0][0] = (hyp){0, FNV0, 0, -1, -1};
    const char *camel = NULL; /* a guess of CamelCase letters: the capitals cut */
    for (size_t i = 1; guess == 1 && i < n && !camel; i++)
        camel = s[i] >= 'A' && s[i] <= 'Z' ? s : NULL;
    for (size_t i = 0; i < n; i++)
        if (L->cnt[i])
            extend(t, low, n, i, L, guess, camel);
    uint32_t words[TONES_MAX_LETTERS];
    double margin = 0;
    int m = L->cnt[n] ? path_of(L, n, rescore(t, L, n, &margin), words) : 0;
    int rc = m && confident(t, margin, words, m, guess) ? 0 : 1;
    free(L);
    size_t mark = out->len;
    for (int i = 0; rc == 0 && i < m; i++)
        if (strbuf_wordn(out, t->arena + t->e[words[i]].text, t->e[words[i]].tlen)) {
            strbuf_truncate(out, mark);
            rc = -1;
        }
    return rc;
}

static int has_key(const tones_table *t, const char *s, size_t n, int nsyl);

int tones_restore_with(const tones_table *t, const char *s, size_t n, strbuf *out)
{
    return restore(t, s, n, 0, out);
}

int tones_guess_with(const tones_table *t, const char *s, size_t n, strbuf *out)
{
    return restore(t, s, n, 1, out);
}

const char *tones_surname_with(const tones_table *t, int i, const char **key)
{
    if (!t || i < 0 || i >= t->nsurnames)
        return NULL;
    *key = t->surkey[i];
    return t->surname[i];
}


int tones_last_resort_with(const tones_table *t, const char *s, size_t n, strbuf *out)
{
    return has_key(t, s, n, 0) ? 1 : restore(t, s, n, 2, out); /* not an English word whole: update, banana */
}

/* 1 when the table has an entry of nsyl syllables (0: English) whose key is s[0..n) */
static int has_key(const tones_table *t, const char *s, size_t n, int nsyl)
{
    char low[TONES_MAX_LETTERS];
    if (!t || n > KEY_MAX || !letters_only(s, n, low))
        return 0;
    uint64_t kh = fnv(FNV0, low, n);
    for (uint32_t x = t->heads[kh & (t->nheads - 1)]; x; x = t->e[x - 1].next) {
        const tentry *e = &t->e[x - 1];
        if (e->nsyl == nsyl && e->klen == n && !memcmp(t->arena + e->key, low, n))
            return 1;
    }
    return 0;
}

int tones_syllable_with(const tones_table *t, const char *s, size_t n)
{
    return has_key(t, s, n, 1);
}

int tones_word_with(const tones_table *t, const char *s, size_t n)
{
    return has_key(t, s, n, 2) || has_key(t, s, n, 3);
}

int tones_one_syllable_with(const tones_table *t, const char *s, size_t n, strbuf *out)
{
    char low[TONES_MAX_LETTERS];
    if (!t || n > KEY_MAX || !letters_only(s, n, low))
        return 1;
    const tentry *best = NULL;
    uint64_t kh = fnv(FNV0, low, n);
    for (uint32_t x = t->heads[kh & (t->nheads - 1)]; x; x = t->e[x - 1].next) {
        const tentry *e = &t->e[x - 1];
        if (e->nsyl == 1 && e->klen == n && !memcmp(t->arena + e->key, low, n) && (!best || e->count > best->count))
            best = e;
    }
    if (!best || best->count < GUESS_MIN)
        return 1;
    return strbuf_wordn(out, t->arena + best->text, best->tlen) ? -1 : 0;
}

int tones_english_with(const tones_table *t, const char *s, size_t n)
{
    return has_key(t, s, n, 0);
}

/* how often the toned word s[0..n) (lower case, syllables one space apart)
 * occurs in words.tsv: its count, 0 when it is not there */
unsigned tones_count_with(const tones_table *t, const char *s, size_t n)
{
    char key[KEY_MAX + 1];
    int k = t && n < 64 ? tones_key(s, n, key, sizeof key) : -1;
    if (k <= 0)
        return 0;
    int nsyl = 1;
    for (size_t i = 0; i < n; i++)
        nsyl += s[i] == ' ';
    uint64_t kh = fnv(FNV0, key, (size_t)k);
    for (uint32_t x = t->heads[kh & (t->nheads - 1)]; x; x = t->e[x - 1].next) {
        const tentry *e = &t->e[x - 1];
        if (e->nsyl == nsyl && e->klen == k && !memcmp(t->arena + e->key, key, (size_t)k) && e->tlen == n &&
            !memcmp(t->arena + e->text, s, n))
            return e->count;
    }
    return 0;
}

