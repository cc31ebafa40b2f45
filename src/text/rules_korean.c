/* rules_korean — a Korean name in Latin letters, read with the Vietnamese
 * syllables of lexicon/korean.tsv: Son Heung-min "xon hưng min", Song Hye Kyo
 * "xong hê ki ô", Park Hang-seo "pác hang xeo", Hyun Bin "hiên bin". A run is
 * two or three capitalized words one space apart, each a Korean syllable or
 * syllables joined by hyphens (Heung-min, Sang-sik); it is a name when it
 * has a hyphen or begins with a Korean surname, and when
 * one of its words could not be Vietnamese written without marks (Hye, Jin,
 * Park: not Kim Long, Han Nam). A phrase of loanwords.tsv (Hong Kong) keeps
 * its reading; a word alone (Heung-min, Hip-hop, the storm Ma-on) is left to
 * exonyms.tsv. Takes a rule_at (rules.h). */
#include "rules.h"
#include "korean.h"
#include <string.h>

enum { RUN_WORDS = 3, RUN_SYLLABLES = 5 };

/* the syllables of a word (Heung-min: 2) when each part is a syllable of the
 * table, the first with a capital, the others all lowercase or capitalized; 0
 * when it is no such word */
static int korean_word(const korean *k, slice s)
{
    if (!s.n || s.s[0] < 'A' || s.s[0] > 'Z')
        return 0;
    int parts = 0;
    for (size_t at = 0; at <= s.n;) {
        const char *dash = memchr(s.s + at, '-', s.n - at);
        size_t end = dash ? (size_t)(dash - s.s) : s.n;
        for (size_t j = at + 1; j < end; j++)
            if (s.s[j] < 'a' || s.s[j] > 'z')
                return 0; /* KIM, SangSik: not a name's spelling */
        if (!korean_syllable(k, s.s + at, end - at))
            return 0;
        parts++;
        at = end + 1;
    }
    return parts;
}

/* t[j] and t[j + 1] are one space apart, with no sign between */
static inline int joined(const token *t, size_t j)
{
    return !t[j].post.n && !t[j + 1].pre.n && t[j + 1].core.s == t[j].core.s + t[j].core.n + 1 &&
           t[j].core.s[t[j].core.n] == ' ';
}

/* the cheap test first, inline: a word joined to the next, which is capitalized */
static inline int run_may_begin(const token *t, size_t n, size_t i)
{
    return i + 1 < n && joined(t, i) && t[i + 1].core.n && t[i + 1].core.s[0] >= 'A' && t[i + 1].core.s[0] <= 'Z';
}

/* the last word of the Korean name that begins at t[i] (run_may_begin), or (size_t)-1 */
static size_t name_run(const classify_ctx *c, const korean *k, const token *t, size_t n, size_t i)
{
    int syl = korean_word(k, t[i].core);
    if (!syl)
        return (size_t)-1;
    size_t last = i;
    while (last + 1 < n && last + 1 < i + RUN_WORDS && joined(t, last)) {
        int more = korean_word(k, t[last + 1].core);
        if (!more)
            break;
        syl += more;
        last++;
    }
    int hyphen = 0, foreign = 0;
    for (size_t j = i; j <= last; j++) {
        hyphen |= memchr(t[j].core.s, '-', t[j].core.n) != NULL;
        foreign |= rule_name_foreign(c, t[j].core);
    }
    const char *dash = memchr(t[i].core.s, '-', t[i].core.n);
    size_t head = dash ? (size_t)(dash - t[i].core.s) : t[i].core.n; /* Park of Park-ji Sung */
    if (last == i || syl > RUN_SYLLABLES || !foreign || !(hyphen || korean_surname(k, t[i].core.s, head)))
        return (size_t)-1;
    size_t len = (size_t)(t[last].core.s + t[last].core.n - t[i].core.s);
    if (lexicon_loanword(c->lx, t[i].core.s, len))
        return (size_t)-1; /* Hong Kong */
    return last;
}

/* a span for each syllable of word s, with its reading */
static int push_syllables(rule_at *a, const korean *k, slice s)
{
    for (size_t at = 0; at <= s.n;) {
        const char *dash = memchr(s.s + at, '-', s.n - at);
        size_t end = dash ? (size_t)(dash - s.s) : s.n;
        span sp = rule_mk(CL_LOANWORD, (slice){s.s + at, end - at});
        sp.reading = korean_syllable(k, s.s + at, end - at);
        sp.rule = "korean-name";
        if (rule_push(a->out, &sp))
            return -1;
        at = end + 1;
    }
    return 0;
}

int rule_korean_name_at(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    return t[i].core.n <= 16 && run_may_begin(t, n, i) && name_run(c, lexicon_korean(c->lx), t, n, i) != (size_t)-1;
}

RULE_BODY int korean_name_rest(rule_at *a)
{
    const korean *k = lexicon_korean(a->c->lx);
    size_t last = name_run(a->c, k, a->t, a->n, a->i);
    if (last == (size_t)-1)
        return 0;
    for (size_t j = a->i; j <= last; j++)
        if (push_syllables(a, k, a->t[j].core))
            return -1;
    a->i = last + 1;
    return 1;
}

/* its first test: a capitalized word of 16 bytes at most that begins a run */
int rule_korean_name(rule_at *a)
{
    const token *tk = &a->t[a->i];
    return tk->core.s[0] >= 'A' && tk->core.s[0] <= 'Z' && tk->core.n <= 16 && run_may_begin(a->t, a->n, a->i)
               ? korean_name_rest(a)
               : 0;
}
