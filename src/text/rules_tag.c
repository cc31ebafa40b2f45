/* rules_tag — a hashtag glossed in parentheses by its own words
 * with their tones: "#duataydaynao (đưa tay đây nào)" is read "đưa tay đây
 * nào", then the parenthesis as written. The gloss is taken only when its
 * letters, without tones, marks and spaces, are the hashtag's.
 * Takes a rule_at (rules.h); appends a CL_MIXED span whose parts are the
 * gloss's words, each said in lower case. */
#include "rules.h"
#include "tones.h"

#define GLOSS_WORDS 12 /* the longest gloss looked at, in words */

/* a hashtag's core: ASCII letters after a '#' (#duataydaynao, #DuaTayDayNao) */
static int hashtag(const token *t)
{
    if (!t->pre.n || t->pre.s[t->pre.n - 1] != '#' || t->post.n || t->digit || t->core.n < 4 ||
        t->core.n > TONES_MAX_LETTERS)
        return 0;
    for (size_t k = 0; k < t->core.n; k++)
        if ((t->core.s[k] | 0x20) < 'a' || (t->core.s[k] | 0x20) > 'z')
            return 0;
    return 1;
}

/* the last token of the gloss opened by token j, "(" its whole pre and ")"
 * the start of the last one's post, with only spaces between the words; 0
 * for none */
static size_t gloss_end(const token *t, size_t n, size_t j)
{
    if (j >= n || t[j].pre.n != 1 || t[j].pre.s[0] != '(' || t[j].digit)
        return 0;
    for (size_t k = j; k < n && k < j + GLOSS_WORDS; k++) {
        if (!t[k].core.n || t[k].digit || (k > j && t[k].pre.n))
            return 0;
        if (t[k].post.n)
            return t[k].post.s[0] == ')' ? k : 0;
    }
    return 0;
}

int rule_hashtag_gloss(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    if (!hashtag(tk))
        return 0;
    size_t j = a->i + 1, last = gloss_end(t, a->n, j);
    if (!last)
        return 0;
    slice gloss = {t[j].core.s, (size_t)(t[last].core.s + t[last].core.n - t[j].core.s)};
    char key[TONES_MAX_LETTERS + 1];
    int kn = tones_key(gloss.s, gloss.n, key, sizeof key);
    if (kn != (int)tk->core.n)
        return 0;
    for (int k = 0; k < kn; k++)
        if (key[k] != (tk->core.s[k] | 0x20))
            return 0;
    spanvec *out = a->out;
    size_t first = out->parts.n;
    for (size_t k = j; k <= last; k++) {
        partvec *pv = &out->parts;
        if (VEC_RESERVE(pv->v, pv->cap, pv->n + 1))
            return -1;
        pv->v[pv->n++] = (mixed_part){.text = t[k].core, .kind = PART_LETTERS, .how = PR_LOWER};
    }
    span *sp = rule_push_new(out);
    if (!sp)
        return -1;
    sp->cls = CL_MIXED;
    sp->text = tk->core;
    sp->parts.all = &out->parts;
    sp->parts.first = (unsigned)first;
    sp->parts.n = (unsigned)(out->parts.n - first);
    a->i++;
    return 1;
}
