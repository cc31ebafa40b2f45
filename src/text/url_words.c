/* url_words — see url_words.h: thuonggiaonline → thuonggia + online,
 * fptplay → fpt + play. */
#include "url_words.h"
#include "foreign.h"
#include "tones.h"
#include <string.h>

#define CUT_LETTERS 32 /* the longest run cut */
#define MIN_WORD 3     /* letters of the shortest loanword or abbreviation piece */
#define MIN_OTHER 4    /* of the shortest English, Vietnamese or foreign piece */

/* what a piece is; K_ASK: not in the lexicon, the tones stage not asked yet */
typedef enum { K_UNSET, K_NONE, K_VIET, K_KNOWN, K_ABBR, K_OTHER, K_ASK } piece_kind;

typedef struct cutter {
    const lexicon *lx;
    const char *s;
    unsigned char kind[CUT_LETTERS + 1][CUT_LETTERS + 1]; /* piece_kind of s[i..j), K_UNSET until asked */
    strbuf scratch;
    int oom;
} cutter;

/* an abbreviation spelled (FPT, VTV, ICT); an abbreviation read as words is
 * not one in an address (vn is no Việt Nam there) */
static int spelled_abbr(const lexicon *lx, const char *s, size_t n)
{
    char up[8];
    if (n > sizeof up)
        return 0;
    for (size_t k = 0; k < n; k++)
        up[k] = (char)(s[k] - 'a' + 'A');
    const abbr_entry *e = lexicon_abbr(lx, up, n);
    return e && e->kind == ABBR_SPELL;
}

/* what s[i..j) is as a piece of the run, remembered; with tones 0, only
 * what the lexicon says (K_NONE for the rest): the tones stage, the costly
 * part, is asked only of the pieces of a cut with a known one */
static piece_kind kind_of(cutter *c, size_t i, size_t j, int tones)
{
    piece_kind k = (piece_kind)c->kind[i][j];
    if (k != K_UNSET && (k != K_ASK || !tones))
        return k == K_ASK ? K_NONE : k;
    const char *p = c->s + i;
    size_t n = j - i;
    /* a toneless syllable is Vietnamese first: doc (đọc, not DOC), ngo, nguyen (not English) */
    int syllable = k != K_ASK && n <= 7 && tones_syllable(p, n); /* nghiêng: 7 letters at most */
    if (k == K_ASK)
        ; /* the lexicon was asked */
    else if (n >= MIN_WORD && lexicon_loanword(c->lx, p, n))
        k = K_KNOWN;
    else if (n >= MIN_WORD && !syllable && spelled_abbr(c->lx, p, n))
        k = K_ABBR;
    else if (n >= MIN_OTHER && !syllable && tones_english(p, n))
        k = K_KNOWN;
    else
        k = n >= MIN_OTHER && !syllable ? K_ASK : K_NONE;
    if (k == K_ASK && tones) {
        strbuf_truncate(&c->scratch, 0);
        int rc = tones_restore(p, n, &c->scratch);
        c->oom |= rc < 0;
        k = rc == 0 ? K_VIET : foreign_looking(p, n) ? K_OTHER : K_NONE;
    }
    c->kind[i][j] = (unsigned char)k;
    return k == K_ASK ? K_NONE : k;
}

/* the cost of the pieces s[0..a), s[a..b), s[b..n) (b == n: two pieces), or
 * -1 when they are no cut: each piece known, but one foreign word beside an
 * abbreviation (fpt + play); some piece not Vietnamese (the tones stage alone
 * says when Vietnamese is Vietnamese). Fewer pieces, fewer foreign, cheaper. */
static int cost(cutter *c, size_t a, size_t b, size_t n)
{
    size_t at[4] = {0, a, b, n};
    int pieces = b == n ? 2 : 3, other = 0, viet = 0, abbr_at = -1, known = 0;
    piece_kind k[3];
    for (int p = 0; p < pieces; p++)
        known |= kind_of(c, at[p], at[p + 1], 0) != K_NONE;
    if (!known)
        return -1;
    for (int p = 0; p < pieces; p++) {
        k[p] = kind_of(c, at[p], at[p + 1], 1);
        if (k[p] == K_NONE)
            return -1;
        other += k[p] == K_OTHER;
        viet += k[p] == K_VIET;
        if (k[p] == K_ABBR)
            abbr_at = p;
    }
    if (other > 1 || viet == pieces || (other && abbr_at < 0))
        return -1;
    for (int p = 0; other && p < pieces; p++)
        if (k[p] == K_OTHER && p != abbr_at - 1 && p != abbr_at + 1)
            return -1;
    return pieces * 10 + other * 15; /* vtc + news + online, not vtc + newsonline */
}

int url_words_cut(const lexicon *lx, const char *s, size_t n, size_t ends[3])
{
    if (n < 2 * MIN_WORD || n > CUT_LETTERS)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < 'a' || s[k] > 'z')
            return 0;
    cutter c = {.lx = lx, .s = s};
    int best = -1;
    for (size_t a = MIN_WORD; a + MIN_WORD <= n && !c.oom; a++)
        for (size_t b = a + MIN_WORD; b <= n && !c.oom; b++) {
            int k = b == n || b + MIN_WORD <= n ? cost(&c, a, b, n) : -1;
            if (k >= 0 && (best < 0 || k < best)) {
                best = k;
                ends[0] = a;
                ends[1] = b;
                ends[2] = n;
            }
        }
    if (best >= 0 && kind_of(&c, 0, n, 1) == K_VIET) /* Vietnamese as a whole is the tones stage's */
        best = -1;
    strbuf_free(&c.scratch);
    return c.oom ? -1 : best < 0 ? 0 : ends[1] == n ? 2 : 3;
}
