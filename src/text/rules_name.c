/* rules_name — a syllable of a foreign name that is also a toneless
 * Vietnamese syllable: in "HLV Kim Sang Sik", "Giáo sư Sung Gyu Lee" the
 * Korean Sang, Sung are said with the foreign s, "xang", "xung", not as the
 * Vietnamese words sang, sung. It fires only inside a run of two or three
 * capitalized names, one space apart, written in plain Latin letters, each
 * no longer than a Korean syllable (Hyung, Seung) or two joined by a hyphen
 * (Sang-sik), one of which is foreign: an exonym, a hyphenated given name,
 * or a spelling no toneless Vietnamese syllable has (Sik, Gyu, Hyun). A run
 * of Vietnamese names written without their marks (Nguyen Van Sang, Duong
 * Van Son, Le Quoc Sang) is left alone: Nguyen is too long for the run, and
 * Duong, Quoc, Viet could be Vietnamese (dương, quốc, việt). Takes a rule_at
 * (rules.h). */
#include "rules.h"
#include "syllable.h"
#include <string.h>

#define NAME_LETTERS 5 /* the longest Korean syllable in Latin letters: Hyung, Seung */

/* the written onset said differently in a foreign name, and the Vietnamese
 * onset said for it (the verbalizer writes it before the rest, lowercased) */
#define NAME_ONSET 'S'
#define NAME_ONSET_SAID "x"

/* Kim, Sang, Sang-sik: a capital, then lower-case ASCII letters, parts of at
 * most NAME_LETTERS letters joined by single hyphens */
static int name_token(slice s)
{
    if (!s.n || s.s[0] < 'A' || s.s[0] > 'Z')
        return 0;
    size_t part = 1;
    for (size_t k = 1; k < s.n; k++) {
        char ch = s.s[k];
        if (ch == '-' && part && k + 1 < s.n)
            part = 0;
        else if (ch >= 'a' && ch <= 'z' && ++part <= NAME_LETTERS)
            continue;
        else
            return 0;
    }
    return 1;
}

/* 1 when the lower-case letters w[0..n) may be a Vietnamese syllable written
 * without its marks: a stop final (quoc, duc, viet: their tone is sắc or
 * nặng), or some choice of a ă â, e ê, o ô ơ, u ư is a syllable (duong:
 * dương, hien: hiên) */
static int toneless_vietnamese(const lexicon *lx, const char *w, size_t n)
{
    if (n && strchr("cpt", w[n - 1]))
        return 1;
    if (n >= 2 && w[n - 2] == 'c' && w[n - 1] == 'h')
        return 1;
    static const char *const ALT[] = {"a\0ă\0â\0", "e\0ê\0", "o\0ô\0ơ\0", "u\0ư\0"};
    int at[NAME_LETTERS], kinds[NAME_LETTERS], nv = 0;
    for (size_t k = 0; k < n; k++) {
        const char *v = strchr("aeou", w[k]);
        if (v && nv < NAME_LETTERS)
            at[nv] = (int)k, kinds[nv++] = (int)(v - "aeou");
    }
    int choice[NAME_LETTERS] = {0};
    for (;;) {
        char buf[4 * NAME_LETTERS + 1];
        size_t len = 0;
        for (size_t k = 0, v = 0; k < n; k++) {
            if ((int)v < nv && at[v] == (int)k) {
                const char *alt = ALT[kinds[v]];
                for (int c = 0; c < choice[v]; c++)
                    alt += strlen(alt) + 1;
                memcpy(buf + len, alt, strlen(alt));
                len += strlen(alt);
                v++;
            } else
                buf[len++] = w[k];
        }
        if (syllable_parse(lx, buf, len, NULL))
            return 1;
        int v = 0; /* the next choice, as an odometer */
        while (v < nv) {
            const char *alt = ALT[kinds[v]];
            int count = 0;
            for (; *alt; alt += strlen(alt) + 1)
                count++;
            if (++choice[v] < count)
                break;
            choice[v++] = 0;
        }
        if (v == nv)
            return 0;
    }
}

/* a name of the run that marks it foreign */
static int foreign_name(const classify_ctx *c, slice s)
{
    if (memchr(s.s, '-', s.n) || lexicon_exonym(c->lx, s.s, s.n))
        return 1;
    char w[NAME_LETTERS];
    for (size_t k = 0; k < s.n; k++)
        w[k] = (char)(s.s[k] | 0x20);
    return !toneless_vietnamese(c->lx, w, s.n);
}

int rule_name_foreign(const classify_ctx *c, slice s)
{
    return s.n > NAME_LETTERS || foreign_name(c, s);
}

/* t[j] and t[j + 1] are one space apart, with no sign between */
static int joined(const token *t, size_t j)
{
    return !t[j].post.n && !t[j + 1].pre.n && t[j + 1].core.s == t[j].core.s + t[j].core.n + 1 &&
           t[j].core.s[t[j].core.n] == ' ';
}

int rule_name_syllable_at(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    slice s = t[i].core;
    if (s.n < 2 || s.n > NAME_LETTERS || s.s[0] != NAME_ONSET || !name_token(s) || memchr(s.s, '-', s.n) ||
        !rule_syllable_at(c, t, i, s))
        return 0;
    size_t first = i, last = i;
    while (first > 0 && joined(t, first - 1) && name_token(t[first - 1].core))
        first--;
    while (last + 1 < n && joined(t, last) && name_token(t[last + 1].core))
        last++;
    /* two or three names; one that begins the sentence or follows a sign may
     * be a Vietnamese word with its capital (Sau Messi, ...) */
    if (last == first || last - first > 2 || (first == i && (i == 0 || t[i - 1].post.n)))
        return 0;
    int foreign = 0;
    for (size_t j = first; j <= last; j++)
        if (j != i && foreign_name(c, t[j].core))
            foreign++;
        else if (j != i && first == i)
            return 0; /* a first name followed by Vietnamese ones */
    return foreign > 0;
}

int rule_name_syllable(rule_at *a)
{
    const token *tk = &a->t[a->i];
    if (!rule_name_syllable_maybe(tk) || (a->c->facts[tk - a->c->base].head & WORD_HEAD_LOAN) ||
        !rule_name_syllable_at(a->c, a->t, a->n, a->i))
        return 0; /* Son Heung-min: a loanword phrase of its own */
    span sp = rule_mk(CL_NAME_SYLLABLE, a->t[a->i].core);
    sp.reading = NAME_ONSET_SAID;
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}
