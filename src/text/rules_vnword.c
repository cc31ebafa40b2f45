/* rules_vnword — Vietnamese words written in ways the syllable grammar does
 * not take as they stand, read as the words they are rather than spelled or
 * handed to eSpeak-NG (which says their letters):
 *   - two syllables typed without the space between them: vàkế "và kế",
 *     ĐắkLắk "Đắk Lắk";
 *   - a second capital typed by mistake: PRông "prông", TRường "trường";
 *   - the names of the Central Highlands' and northern mountain peoples,
 *     written with an apostrophe after a first letter: H'Mông "hơ mông",
 *     M'Đrắk "mơ đơ rắk", Đắk R'lấp, K'Ho, Y'Moan "y moan".
 * Takes a rule_at (rules.h); appends spans. */
#include "rules.h"
#include "syllable.h"
#include "tones.h"
#include "utf8.h"
#include <string.h>

#define GLUED_MIN 20 /* each syllable of a glued pair: met this often per 10 million */
#define WORD_MAX 48  /* bytes of the longest token these rules look at */

/* a letter of Vietnamese's own (a tone mark, ă â đ ê ô ơ ư; not é of café
 * alone, which French has too, but with the others it is Vietnamese's) */
static int vietnamese_letter(int32_t cp)
{
    static const int32_t OWN[] = {0x103, 0x102, 0xE2, 0xC2, 0x111, 0x110, 0xEA, 0xCA, 0xF4, 0xD4, 0x1A1, 0x1A0,
                                  0x1B0, 0x1AF, 0xE0, 0xC0, 0xE1, 0xC1, 0xE3, 0xC3, 0xE8, 0xC8, 0xE9, 0xC9, 0xEC,
                                  0xCC, 0xED, 0xCD, 0xF2, 0xD2, 0xF3, 0xD3, 0xF5, 0xD5, 0xF9, 0xD9, 0xFA, 0xDA,
                                  0xFD, 0xDD, 0x129, 0x128, 0x169, 0x168};
    if (cp >= 0x1EA0 && cp <= 0x1EF9)
        return 1;
    for (size_t k = 0; k < sizeof OWN / sizeof OWN[0]; k++)
        if (OWN[k] == cp)
            return 1;
    return 0;
}

static int part_push(partvec *pv, mixed_part p)
{
    if (VEC_RESERVE(pv->v, pv->cap, pv->n + 1))
        return -1;
    pv->v[pv->n++] = p;
    return 0;
}

/* letters only, with one of Vietnamese's own among them */
static int vietnamese_letters(slice s)
{
    int own = 0;
    for (size_t k = 0; k < s.n;) {
        int32_t cp;
        k += utf8_next(s.s + k, s.n - k, &cp);
        if (cp < 0 || !utf8_is_letter(cp))
            return 0;
        own |= vietnamese_letter(cp);
    }
    return own;
}

/* how often the syllable s is met (lower-cased), 0 when it is no syllable */
static unsigned syllable_count(const lexicon *lx, slice s)
{
    char low[WORD_MAX];
    size_t n = utf8_lower_buf(s.s, s.n, low, sizeof low);
    if (n == (size_t)-1 || !syllable_parse(lx, s.s, s.n, NULL))
        return 0;
    return tones_count(low, n);
}

/* the count of the two-syllable word "left right" (0 when it is none) */
static unsigned pair_count(slice left, slice right)
{
    char both[2 * WORD_MAX + 1];
    size_t l = utf8_lower_buf(left.s, left.n, both, WORD_MAX);
    if (l == (size_t)-1)
        return 0;
    both[l] = ' ';
    size_t r = utf8_lower_buf(right.s, right.n, both + l + 1, WORD_MAX);
    return r == (size_t)-1 ? 0 : tones_count(both, l + 1 + r);
}

/* vàkế: where the token cuts into two frequent syllables (the cut whose pair
 * is a word first, else whose rarer half is met most), 0 when nowhere */
static size_t glued_cut(const lexicon *lx, slice s)
{
    size_t best = 0;
    unsigned long best_score = 0;
    int32_t lead;
    utf8_next(s.s, s.n, &lead);
    int upper_start = utf8_is_upper(lead);
    for (size_t k = 1; k < s.n; k++) {
        if (((unsigned char)s.s[k] & 0xC0) == 0x80)
            continue;
        slice left = {s.s, k}, right = {s.s + k, s.n - k};
        if (utf8_len(left.s, left.n) < 2 || utf8_len(right.s, right.n) < 2)
            continue; /* Niê is a name, not Ni ê */
        int32_t first;
        utf8_next(right.s, right.n, &first);
        if (utf8_is_upper(first) && !upper_start)
            continue; /* a capital inside starts a word only after one at the start (ĐắkLắk) */
        unsigned cl = syllable_count(lx, left), cr = cl >= GLUED_MIN ? syllable_count(lx, right) : 0;
        if (cr < GLUED_MIN)
            continue;
        unsigned long score = (unsigned long)pair_count(left, right) * 100000UL + (cl < cr ? cl : cr);
        if (score > best_score) {
            best_score = score;
            best = k;
        }
    }
    return best;
}

int rule_glued(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (s.n < 3 || s.n >= WORD_MAX || utf8_all_upper(s.s, s.n) || !vietnamese_letters(s) ||
        syllable_parse(a->c->lx, s.s, s.n, NULL))
        return 0;
    size_t k = glued_cut(a->c->lx, s);
    if (!k)
        return 0;
    a->i++;
    return rule_push_simple(a->out, CL_WORD, (slice){s.s, k}) || rule_push_simple(a->out, CL_WORD, (slice){s.s + k, s.n - k})
               ? -1
               : 1;
}

/* a syllable, or one of the highland names' with k for c as its final
 * (Đắk, Lắk, Búk: Đắc, Lắc, Búc) */
static int highland_syllable(const lexicon *lx, const char *s, size_t n)
{
    if (syllable_parse(lx, s, n, NULL))
        return 1;
    char c[WORD_MAX];
    if (n < 2 || n >= sizeof c || s[n - 1] != 'k')
        return 0;
    memcpy(c, s, n - 1);
    c[n - 1] = 'c';
    return syllable_parse(lx, c, n, NULL);
}

/* PRông, KRông: two capitals, an onset of two consonants that the highland
 * names begin with, and then lower case with a letter of Vietnamese's own,
 * a syllable: the word in lower case (the respelling stage says the first
 * consonant with a schwa). TRường, a syllable as it stands, is classify's. */
int rule_capital_twice(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (s.n < 4 || s.n >= WORD_MAX || !strchr("BCDGKPT", s.s[0]) || !(s.s[1] == 'R' || s.s[1] == 'L'))
        return 0;
    slice rest = {s.s + 2, s.n - 2};
    for (size_t k = 0; k < rest.n;) {
        int32_t cp;
        k += utf8_next(rest.s + k, rest.n - k, &cp);
        if (!utf8_is_lower(cp))
            return 0;
    }
    char low[WORD_MAX];
    size_t n = utf8_lower_buf(s.s, s.n, low, sizeof low);
    if (n == (size_t)-1 || !vietnamese_letters(rest) || !highland_syllable(a->c->lx, low + 1, n - 1))
        return 0;
    a->i++;
    return rule_push_simple(a->out, CL_UPPERWORD, s) ? -1 : 1;
}

/* the part s[from..to) of a name after its apostrophe: a syllable as
 * written, or a consonant with a schwa and then one (Đrắk "đơ rắk") */
static int apostrophe_rest(const lexicon *lx, slice s, size_t from, partvec *pv)
{
    slice rest = {s.s + from, s.n - from};
    if (highland_syllable(lx, rest.s, rest.n)) {
        mixed_part p = {.text = rest, .kind = PART_LETTERS, .how = PR_WRITTEN};
        return part_push(pv, p) ? -1 : 1;
    }
    int32_t cp;
    size_t first = utf8_next(rest.s, rest.n, &cp);
    char low[8];
    size_t n = utf8_lower_buf(rest.s, first, low, sizeof low);
    if (n == (size_t)-1 || first >= rest.n || !strchr("bcdđgklmnprstvx", low[0]) || (n == 2 && strcmp(low, "đ")) ||
        !highland_syllable(lx, rest.s + first, rest.n - first))
        return 0;
    mixed_part c = {.text = {rest.s, first}, .kind = PART_LETTERS, .how = PR_SCHWA};
    mixed_part w = {.text = {rest.s + first, rest.n - first}, .kind = PART_LETTERS, .how = PR_WRITTEN};
    return part_push(pv, c) || part_push(pv, w) ? -1 : 1;
}

/* H'Mông, M'Đrắk, R'lấp, K'Ho, Y'Moan: a capital letter, an apostrophe and
 * a syllable; a consonant is said with a schwa (hơ, mơ, cơ), Y as written */
int rule_apostrophe_name(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (s.n < 3 || s.n >= WORD_MAX || !(s.s[0] >= 'A' && s.s[0] <= 'Z') || !strchr("BCDGHKLMNPRSTVXY", s.s[0]))
        return 0;
    size_t after = s.s[1] == '\'' ? 2 : !strncmp(s.s + 1, "\xE2\x80\x99", 3) ? 4 : 0;
    if (!after || after >= s.n)
        return 0;
    partvec *pv = &a->out->parts;
    size_t first = pv->n;
    mixed_part lead = {.text = {s.s, 1}, .kind = PART_LETTERS, .how = s.s[0] == 'Y' ? PR_LOWER : PR_SCHWA};
    if (part_push(pv, lead))
        return -1;
    int rc = apostrophe_rest(a->c->lx, s, after, pv);
    if (rc <= 0) {
        pv->n = first;
        return rc;
    }
    return rule_push_parts_from(a, CL_MIXED, s, first);
}
