/* token — whitespace tokens with punctuation peeled, and the sentence split. */
#include "token.h"
#include "vec.h"
#include "swar.h"
#include "syllable.h"
#include "utf8.h"
#include "wordcache.h"
#include <stdlib.h>
#include <string.h>

static const unsigned char SPACE[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1};

static int is_space(char c) { return SPACE[(unsigned char)c]; }

/* The end of the token that starts at s[j] (the next space or n) and
 * whether it has a digit, eight bytes at a time. */
static size_t token_end(const char *s, size_t n, size_t j, int *digit, int *paren)
{
    uint64_t digits = 0, parens = 0;
    for (; j < n; j += 8) {
        uint64_t w = j + 8 <= n ? swar_load(s + j) : swar_load_end(s, n, j);
        uint64_t ascii = swar_ascii(w);
        uint64_t low = ascii & ~swar_low7_ge(w, 0x21); /* the spaces among these */
        uint64_t dig = ascii & swar_low7_ge(w, '0') & ~swar_low7_ge(w, '9' + 1);
        uint64_t par = swar_eq(w, '(') | swar_eq(w, '[');
        for (; low; low &= low - 1) {
            unsigned f = swar_first(low);
            if (j + f >= n || is_space(s[j + f])) {
                uint64_t before = (1ull << (8 * f)) - 1;
                *digit = (digits | (dig & before)) != 0;
                *paren = (parens | (par & before)) != 0;
                return j + f < n ? j + f : n;
            }
        }
        digits |= dig;
        parens |= par;
    }
    *digit = digits != 0;
    *paren = parens != 0;
    return n;
}

/* marks peeled from the front and the back of a token: "'([{<*,;!? and "')]}>,;:!?.-* */
static const unsigned char LEAD[256] = {['"'] = 1, ['\''] = 1, ['('] = 1, ['['] = 1, ['{'] = 1, ['<'] = 1,
                                        ['*'] = 1, [','] = 1, [';'] = 1, ['!'] = 1, ['?'] = 1,
                                        ['#'] = 1,  /* a hashtag's sign is not read: #dulichvietnam */
                                        ['|'] = 1}; /* a separator in a page's dateline: a pause */
static const unsigned char TRAIL[256] = {['"'] = 1, ['\''] = 1, [')'] = 1, [']'] = 1, ['}'] = 1, ['>'] = 1,
                                         [','] = 1, [';'] = 1, [':'] = 1, ['!'] = 1, ['?'] = 1, ['.'] = 1,
                                         ['-'] = 1, ['*'] = 1, ['|'] = 1};

static int lead_punct(const char *s, size_t n)
{
    char c = s[0];
    if (LEAD[(unsigned char)c])
        return 1;
    if (c == '-' && (n < 2 || !(s[1] >= '0' && s[1] <= '9')))
        return 1;
    if (c == '.' && (n < 2 || s[1] == '.'))
        return 1;
    return 0;
}

static int trail_punct(char c) { return TRAIL[(unsigned char)c]; }

/* ~481, ≈5%: the sign of an approximate number typed against it. Its length
 * at s[a..b) when a digit follows it, else 0 (the sign is then a token of its
 * own, read "khoảng" / "xấp xỉ", and the number another). */
static size_t approx_sign(const char *s, size_t a, size_t b)
{
    size_t g = s[a] == '~' ? 1 : (b - a > 3 && !memcmp(s + a, "\xE2\x89\x88", 3)) ? 3 : 0;
    return g && a + g < b && s[a + g] >= '0' && s[a + g] <= '9' ? g : 0;
}

/* The King's Warden, McDonald's: the English possessive 's (or ’s) after a
 * word of Latin letters is not said (the name is); its length at the end of
 * s[a..b), or 0. */
static size_t possessive_s(const char *s, size_t a, size_t b)
{
    if (b - a < 4 || (s[b - 1] | 0x20) != 's')
        return 0;
    size_t q = s[b - 2] == '\'' ? 1 : b - a >= 6 && !memcmp(s + b - 4, "\xE2\x80\x99", 3) ? 3 : 0;
    char c = q ? (char)(s[b - 2 - q] | 0x20) : 0;
    return q && b - a - 1 - q >= 2 && c >= 'a' && c <= 'z' ? q + 1 : 0;
}

/* A new token at the end of tv (NULL when out of memory). */
static inline token *push(tokvec *tv)
{
    if (VEC_RESERVE(tv->v, tv->cap, tv->n + 1))
        return NULL;
    return &tv->v[tv->n++];
}

static int keeps_period(const lexicon *lx, const char *s, size_t n)
{
    if (lexicon_abbr(lx, s, n + 1) || lexicon_word_has(lx, s, n, ROLE_TITLE))
        return 1;
    int32_t cp;
    size_t k = utf8_next(s, n, &cp);
    return k == n && utf8_is_upper(cp);
}

/* 24/4tại, 2021là, 15%trong: a Vietnamese word typed without its space
 * after a number. The start of the word in s[a..b), or b when there is none:
 * letters to the end, after a digit or %, with a letter outside ASCII (a
 * tone or a vowel mark, so no unit like kg or ha), and a syllable. */
static size_t glued_word(const lexicon *lx, const char *s, size_t a, size_t b)
{
    size_t k = b;
    int marked = 0;
    while (k > a) {
        unsigned char ch = (unsigned char)s[k - 1];
        if (ch >= 0x80)
            marked = 1;
        else if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
            break;
        k--;
    }
    if (!marked || k == a || k == b || !((s[k - 1] >= '0' && s[k - 1] <= '9') || s[k - 1] == '%'))
        return b;
    return syllable_parse(lx, s + k, b - k, NULL) ? k : b;
}

/* Khoảng19h, lúc7h30: a Vietnamese word typed without its space before a
 * number. The end of the word in s[a..b), or a when there is none: letters
 * from the start with one outside ASCII (a tone or vowel mark), a syllable,
 * then a digit. */
static size_t word_before_number(const lexicon *lx, const char *s, size_t a, size_t b)
{
    size_t k = a;
    int marked = 0;
    while (k < b) {
        unsigned char ch = (unsigned char)s[k];
        if (ch >= 0x80)
            marked = 1;
        else if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
            break;
        k++;
    }
    if (!marked || k == a || k == b || !(s[k] >= '0' && s[k] <= '9'))
        return a;
    return syllable_parse(lx, s + a, k - a, NULL) ? k : a;
}

static inline __attribute__((always_inline)) int push_token(tokvec *tv, const char *s, size_t n, size_t i, size_t a, size_t b, size_t j, int digit,
                      int ends)
{
    token *t = push(tv);
    if (!t)
        return -1;
    t->pre = (slice){s + i, a - i};
    t->core = (slice){s + a, b - a};
    t->post = (slice){s + b, j - b};
    t->digit = (unsigned char)digit; /* the marks peeled off are no digits */
    t->ends = (unsigned char)ends;
    t->hash = word_hash_within(s + a, b - a, n - a);
    return 0;
}

/* the first ( or [ in s[0..n), or NULL */
static const char *bracket(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] == '(' || s[k] == '[')
            return s + k;
    return NULL;
}

int tokenize(const lexicon *lx, const char *s, size_t n, tokvec *tv)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && is_space(s[i]))
            i++;
        if (i >= n)
            break;
        int digit, paren;
        size_t j = token_end(s, n, i, &digit, &paren);
        /* 14/11(theo giờ địa phương): an opening bracket typed without its
         * space ends the token before it (the bracket leads the next one) */
        const char *par = paren && j - i > 2 ? bracket(s + i + 1, j - i - 2) : NULL;
        while (paren && par && (par[-1] == '(' || par[-1] == '"' || par[-1] == '['))
            par = par + 1 < s + j - 1 ? bracket(par + 1, (size_t)(s + j - 1 - (par + 1))) : NULL;
        if (paren && par) {
            j = (size_t)(par - s);
            digit = 0;
            for (size_t k = i; k < j; k++)
                digit |= s[k] >= '0' && s[k] <= '9';
        }
        size_t a = i, b = j;
        while (a < b && lead_punct(s + a, b - a))
            a++;
        int ends = 0;
        for (;;) {
            while (b > a && trail_punct(s[b - 1])) {
                if (s[b - 1] == '.' && b - 1 > a && s[b - 2] != '.' && keeps_period(lx, s + a, b - 1 - a))
                    break;
                b--;
                ends |= s[b] == '.' || s[b] == '!' || s[b] == '?';
            }
            if (!(b > a + 1 && s[b - 1] == '/' && s[b - 2] == '.' && b < j && s[b] == '.'))
                break;
            b--; /* ./. the end of an article: the slash goes with the stops */
        }
        b -= possessive_s(s, a, b); /* the 's goes with the marks after the word */
        size_t g = digit ? approx_sign(s, a, b) : 0;
        if (g) { /* the sign, then the number from its first digit */
            if (push_token(tv, s, n, i, a, a + g, a + g, 0, 0))
                return -1;
            i = a + g;
            continue;
        }
        size_t w = digit ? glued_word(lx, s, a, b) : b;
        size_t v = digit && w == b && (unsigned char)s[a] >= 0x41 ? word_before_number(lx, s, a, b) : a;
        if (w < b) { /* the number, then the word as a token of its own */
            if (push_token(tv, s, n, i, a, w, w, 1, 0) || push_token(tv, s, n, w, w, b, j, 0, ends))
                return -1;
        } else if (v > a) { /* the word, then the number */
            if (push_token(tv, s, n, i, a, v, v, 0, 0) || push_token(tv, s, n, v, v, b, j, 1, ends))
                return -1;
        } else if (push_token(tv, s, n, i, a, b, j, digit, ends)) {
            return -1;
        }
        i = j;
    }
    return 0;
}

void tokvec_free(tokvec *tv)
{
    free(tv->v);
    tv->v = NULL;
    tv->n = tv->cap = 0;
}

static int starts_sentence(const token *t)
{
    if (t->pre.n && strchr("\"'(", t->pre.s[0]))
        return 1;
    const slice *c = t->core.n ? &t->core : &t->post;
    if (!c->n)
        return 0;
    int32_t cp;
    utf8_next(c->s, c->n, &cp);
    return utf8_is_upper(cp) || (cp >= '0' && cp <= '9') || cp == '-';
}

size_t sentence_end(const token *t, size_t n, size_t from)
{
    for (size_t i = from; i < n; i++)
        if (t[i].ends && (i + 1 == n || starts_sentence(&t[i + 1])))
            return i + 1;
    return n;
}
