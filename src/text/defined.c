/* defined — acronyms a text defines in brackets, and the memory of them
 * (defined.h). */
#include "defined.h"
#include "utf8.h"
#include <string.h>
#include <utf8proc.h>

const char *abbr_defs_find(const abbr_defs *d, const char *key, size_t n)
{
    for (size_t k = d->n; k-- > 0;)
        if (d->v[k].keylen == n && !memcmp(d->v[k].key, key, n))
            return d->v[k].reading;
    return NULL;
}

const char *abbr_defs_add(abbr_defs *d, const char *key, size_t n, const token *t, size_t from, size_t to)
{
    if (d->n == ABBR_DEFS_MAX || n >= ABBR_DEF_KEY)
        return NULL;
    abbr_def *e = &d->v[d->n];
    size_t at = 0;
    for (size_t k = from; k < to; k++) {
        if (!t[k].core.n)
            continue;
        if (at)
            e->reading[at++] = ' ';
        size_t l = utf8_lower_buf(t[k].core.s, t[k].core.n, e->reading + at, ABBR_DEF_READING - at - 1);
        if (l == (size_t)-1)
            return NULL;
        at += l;
    }
    e->reading[at] = '\0';
    memcpy(e->key, key, n);
    e->keylen = n;
    d->n++;
    return e->reading;
}

/* a letter in lower case without a vowel's marks (Ư u, Ấ a; Đ stays đ,
 * which has no decomposition) */
static int32_t bare(int32_t cp)
{
    utf8proc_int32_t out[4];
    int last;
    utf8proc_ssize_t k = utf8proc_decompose_char(utf8proc_tolower(cp), out, 4, UTF8PROC_DECOMPOSE, &last);
    return k >= 1 ? out[0] : cp;
}

/* the letters of an acronym in brackets, bare, or 0 when it is none */
static size_t acronym_letters(const token *tk, int32_t *letters, size_t cap)
{
    slice s = tk->core;
    if (!tk->pre.n || tk->pre.s[tk->pre.n - 1] != '(' || !tk->post.n || tk->post.s[0] != ')' || s.n < 2 ||
        tk->digit)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < s.n;) {
        int32_t cp;
        i += utf8_next(s.s + i, s.n - i, &cp);
        if (!utf8_is_upper(cp) || n == cap)
            return 0;
        letters[n++] = bare(cp);
    }
    return n >= 2 ? n : 0;
}

size_t acronym_run(const lexicon *lx, const token *t, size_t i)
{
    int32_t letters[8];
    size_t left = acronym_letters(&t[i], letters, 8);
    if (!left)
        return i;
    size_t j = i;
    while (left && j > 0) {
        const token *w = &t[--j];
        if (!w->core.n || w->digit || w->post.n || (j + 1 < i && t[j + 1].pre.n))
            return i;
        int32_t first;
        utf8_next(w->core.s, w->core.n, &first);
        if (bare(first) == letters[left - 1])
            left--;
        else if (!lexicon_word_has(lx, w->core.s, w->core.n, ROLE_AND))
            return i;
    }
    return left ? i : j;
}
