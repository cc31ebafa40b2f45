/* translit_viet — a foreign name the press has already written in
 * Vietnamese letters, joined in one word (Áchentina, Brúcxen, Béclin,
 * Xécbia, Ápganixtan: the TTXVN spelling without its hyphens), cut back into
 * its syllables instead of being read by eSpeak-NG's English. */
#include "translit_int.h"
#include "syllable.h"
#include "utf8.h"
#include <string.h>

enum { VIET_MAX = 96, PIECE_MAX = 16 };

/* 1 when w[0..n) has a letter only Vietnamese writes: ă â đ ê ô ơ ư or a
 * vowel with a tone mark (U+00C0..U+00FD, U+0100..U+01B0, U+1EA0..U+1EF9). */
static int vietnamese_letters(const char *w, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_next(w + i, n - i, &cp);
        if (cp < 0)
            return 0;
        if ((cp >= 0xC0 && cp <= 0x1B0) || (cp >= 0x1EA0 && cp <= 0x1EF9))
            return 1;
        i += k;
    }
    return 0;
}

/* The first consonant of a cluster the press prints inside a syllable
 * (bra, cle, xtan, xcơ, phrăng): its length when p[0..n) starts with one and
 * the rest from the second consonant on is a syllable, else 0. */
static size_t cluster_head(const char *p, size_t n)
{
    static const struct { const char *c, *next; } HEAD[] = {
        {"ph", "rl"}, {"b", "rl"}, {"c", "rl"}, {"g", "rl"}, {"p", "rl"}, {"đ", "r"}, {"v", "l"}, {"x", "tckpmnlr"}};
    for (size_t k = 0; k < sizeof HEAD / sizeof HEAD[0]; k++) {
        size_t l = strlen(HEAD[k].c);
        if (n > l + 1 && !memcmp(p, HEAD[k].c, l) && strchr(HEAD[k].next, p[l]))
            return l;
    }
    return 0;
}

/* 1 when w[0..n) has a letter only Vietnamese writes: ă â đ ê ô ơ ư (either
 * case), ĩ ũ, or one of the Vietnamese block U+1EA0..U+1EF9 (ả ạ ẽ ...); the
 * acute, grave and tilde of à á ã è é ì í ò ó õ ù ú ý are Romance letters too */
static int only_vietnamese(const char *w, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += utf8_next(w + i, n - i, &cp);
        if (cp == 0x103 || cp == 0xE2 || cp == 0x111 || cp == 0xEA || cp == 0xF4 || cp == 0x1A1 ||
            cp == 0x1B0 || cp == 0x129 || cp == 0x169 || (cp >= 0x1EA0 && cp <= 0x1EF9))
            return 1;
    }
    return 0;
}

/* 1 when the piece p[0..k) has a vowel with a mark (non-ASCII) and is not
 * closed by a stop (c ch p t): the press marks a tone of its spelling on the
 * closed syllables of a name (Áchentina, Béclin, Brúcxen, Philíppin), where
 * an open one (Bogotá, Pelé, Rosé, Romário) is a Romance stress accent */
static int open_accent(const char *p, size_t k)
{
    int mark = 0;
    for (size_t i = 0; i < k; i++)
        mark |= (unsigned char)p[i] >= 0x80;
    char last = k ? p[k - 1] : 0;
    return mark && last != 'c' && last != 'p' && last != 't' && last != 'h' && last != 'k';
}

/* 1 when the piece b[0..k) is a consonant letter other than ch, g, gi + ia */
static int last_ia(const char *b, size_t k)
{
    return k >= 3 && !strcmp(b + k - 2, "ia") && strchr("bcdklmnprstvx", b[0]) && strncmp(b, "ch", 2) &&
           (k == 3 || b[1] != 'h' || b[0] == 'p' || b[0] == 't' || b[0] == 'k');
}

static int starts_consonant(const char *p)
{
    return !strchr("aeiouy", p[0]) && (unsigned char)p[0] < 0x80 ? 1 : !strncmp(p, "đ", 2);
}

/* 0 when p[0..n) is not a piece, 1 a syllable, 2 a syllable with a press
 * cluster; a last k that the grammar refuses is tried as c (the highland
 * names: Krông Búk búc, Pắk) */
static int piece(const translit *t, const char *p, size_t n)
{
    char b[PIECE_MAX + 1];
    if (n > PIECE_MAX)
        return 0;
    memcpy(b, p, n);
    b[n] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        if (syllable_parse(t->lx, b, n, NULL))
            return 1;
        size_t h = cluster_head(b, n);
        if (h && syllable_parse(t->lx, b + h, n - h, NULL))
            return 2;
        if (b[n - 1] != 'k')
            break;
        b[n - 1] = 'c';
    }
    return 0;
}

int translit_cluster_syllable(const lexicon *lx, const char *word, size_t n)
{
    char b[PIECE_MAX + 1];
    size_t m = utf8_lower_buf(word, n, b, sizeof b);
    if (m == (size_t)-1 || m == 0 || m > PIECE_MAX)
        return 0;
    b[m] = '\0';
    size_t h = cluster_head(b, m);
    return h && syllable_parse(lx, b + h, m - h, NULL);
}

int translit_vietnamized(const translit *t, const char *word, size_t n, strbuf *out)
{
    char lw[VIET_MAX];
    size_t m = utf8_lower_buf(word, n, lw, sizeof lw);
    if (!t || m == (size_t)-1 || m == 0 || m >= VIET_MAX || !vietnamese_letters(lw, m))
        return -1;
    /* cost[i]: the cheapest cut of lw[i..m) (100 a piece, 10 more for a
     * cluster, 20 for one with no onset after the first: the press writes each
     * with its consonant; of equal ones the longest first piece: Áchentina ác
     * hen ti na, not á chen; Béclin béc lin), next[i]: where its second piece
     * starts */
    int cost[VIET_MAX + 1];
    size_t next[VIET_MAX + 1];
    cost[m] = 0;
    for (size_t i = m; i-- > 0;) {
        cost[i] = -1;
        if (((unsigned char)lw[i] & 0xC0) == 0x80)
            continue; /* inside a character */
        for (size_t j = i + PIECE_MAX < m ? i + PIECE_MAX : m; j > i; j--) {
            if (cost[j] < 0 || (j < m && ((unsigned char)lw[j] & 0xC0) == 0x80))
                continue;
            int kind = piece(t, lw + i, j - i);
            int c = kind ? cost[j] + 100 + (kind == 2 ? 10 : 0) + (i > 0 && !starts_consonant(lw + i) ? 20 : 0) : -1;
            if (c >= 0 && (cost[i] < 0 || c < cost[i])) {
                cost[i] = c;
                next[i] = j;
            }
        }
    }
    if (cost[0] < 0)
        return -1;
    for (size_t i = 0; !only_vietnamese(lw, m) && i < m; i = next[i])
        if (open_accent(lw + i, next[i] - i))
            return -1;
    size_t start = out->len;
    for (size_t i = 0; i < m; i = next[i]) {
        size_t k = next[i] - i;
        char b[PIECE_MAX + 1];
        memcpy(b, lw + i, k);
        b[k] = '\0';
        if (b[k - 1] == 'k' && !syllable_parse(t->lx, b, k, NULL))
            b[k - 1] = 'c'; /* a last k said c */
        /* a last -ia after a consonant is two syllables, as the press hyphenates it
         * (Inđônêxia in đô nê xi a, Côlômbia cô lôm bi a); not chia, gia */
        int ia = next[i] == m && last_ia(b, k);
        if (strbuf_wordn(out, b, k - (size_t)ia) || (ia && strbuf_word(out, "a"))) {
            strbuf_truncate(out, start);
            return -1;
        }
    }
    return 0;
}
