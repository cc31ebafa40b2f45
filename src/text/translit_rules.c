/* translit_rules — the rows of lexicon/translit.tsv: loading, looking up,
 * and the language voice a word's spelling cues choose. */
#include "translit_int.h"
#include "tsv.h"
#include "utf8.h"
#include "vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAMES[NKIND] = {"onset", "cluster", "coda", "final", "endsyl", "alone",
                                             "vowel", "closed", "lax", "gem", "medial", "rhyme", "voice",
                                             "glide", "split", "hint", "rcoda", "mute", "english", "rvowel", "lasts", "ending", "tail", "rnucleus", "sayend", "prefix", "zonset", "lonset", "splitgem"};

/* ---- the table */

const char *translit_find(const translit *t, int kind, const char *s, size_t n)
{
    const rules *r = &t->k[kind];
    for (size_t i = 0; i < r->n; i++)
        if (strlen(r->v[i].from) == n && !memcmp(r->v[i].from, s, n))
            return r->v[i].to;
    return NULL;
}

const char *translit_find_str(const translit *t, int kind, const char *s)
{
    return translit_find(t, kind, s, strlen(s));
}

static int add_phone(translit *t, const char *s, int vowel)
{
    for (size_t i = 0; i < t->nph; i++)
        if (!strcmp(t->ph[i].s, s)) {
            t->ph[i].vowel |= vowel;
            return 0;
        }
    if (VEC_RESERVE(t->ph, t->capph, t->nph + 1))
        return -1;
    phone *p = &t->ph[t->nph++];
    snprintf(p->s, sizeof p->s, "%s", s);
    p->len = strlen(p->s);
    p->vowel = vowel;
    return 0;
}

static int kind_of(const char *s)
{
    for (int i = 0; i < NKIND; i++)
        if (!strcmp(s, KIND_NAMES[i]))
            return i;
    return -1;
}

/* kinds whose from is one phoneme (the others: two phonemes, a rhyme, a cue) */
static int names_phoneme(int kind)
{
    return kind != K_CLUSTER && kind != K_MEDIAL && kind != K_RHYME && kind != K_VOICE && kind != K_SPLIT &&
           kind != K_HINT && kind != K_CLOSED && kind != K_FINAL && kind != K_ENGLISH && kind != K_RVOWEL &&
           kind != K_LASTS && kind != K_RCODA && kind != K_ENDING && kind != K_TAIL && kind != K_SAYEND && kind != K_PREFIX && kind != K_LONSET && kind != K_SPLITGEM;
}

static int row(void *user, const char *const *c, char *err, size_t errlen)
{
    translit *t = user;
    int kind = kind_of(c[0]);
    if (kind < 0) {
        snprintf(err, errlen, "unknown kind '%s'", c[0]);
        return -1;
    }
    if (!c[1][0] || strlen(c[1]) >= PH_MAX || !c[2][0]) {
        snprintf(err, errlen, "a %s row needs a from (< %d bytes) and a to", c[0], PH_MAX);
        return -1;
    }
    rules *r = &t->k[kind];
    if (VEC_RESERVE(r->v, r->cap, r->n + 1))
        return -1;
    rule *e = &r->v[r->n];
    e->from = strdup(c[1]);
    e->to = strdup(c[2]);
    if (!e->from || !e->to) {
        free(e->from);
        free(e->to);
        return -1;
    }
    r->n++;
    return names_phoneme(kind) ? add_phone(t, c[1], kind == K_VOWEL) : 0;
}

translit *translit_load(const lexicon *lx, const char *path, char *err, size_t errlen)
{
    static const char *const COLS[] = {"kind", "from", "to?"};
    char def[4096];
    if (!path) {
        snprintf(def, sizeof def, "%s/translit.tsv", lexicon_dir(lx));
        path = def;
    }
    translit *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    t->lx = lx;
    if (tsv_load(path, COLS, 3, row, t, err, errlen)) {
        translit_free(t);
        return NULL;
    }
    return t;
}

void translit_free(translit *t)
{
    if (!t)
        return;
    for (int k = 0; k < NKIND; k++) {
        for (size_t i = 0; i < t->k[k].n; i++) {
            free(t->k[k].v[i].from);
            free(t->k[k].v[i].to);
        }
        free(t->k[k].v);
    }
    free(t->ph);
    free(t);
}

/* ---- the language voice */

static int cue_matches(const char *cue, const char *w, size_t n)
{
    if (!strcmp(cue, "=romaji"))
        return translit_romaji(w, n);
    if (!strcmp(cue, "=kh"))
        return translit_kh(w, n);
    size_t k = strlen(cue);
    int head = cue[0] == '^', tail = k > 0 && cue[k - 1] == '$';
    const char *c = cue + head;
    size_t m = k - (size_t)head - (size_t)tail;
    if (m > n)
        return 0;
    if (head)
        return !memcmp(w, c, m) && (!tail || m == n);
    if (tail)
        return !memcmp(w + n - m, c, m);
    for (size_t i = 0; i + m <= n; i++)
        if (!memcmp(w + i, c, m))
            return 1;
    return 0;
}

/* lw: the lowercase word */
const rule *translit_voice_row(const translit *t, const char *lw, size_t n)
{
    const rules *r = &t->k[K_VOICE];
    for (size_t i = 0; i < r->n; i++)
        if (cue_matches(r->v[i].from, lw, n))
            return &r->v[i];
    return NULL;
}

const char *translit_voice_for(const translit *t, const char *lw, size_t n)
{
    const rule *r = translit_voice_row(t, lw, n);
    return r ? r->to : "en";
}

const char *translit_voice(const translit *t, const char *word, size_t n)
{
    char lw[128];
    size_t m = utf8_lower_buf(word, n, lw, sizeof lw);
    return m == (size_t)-1 ? "en" : translit_voice_for(t, lw, m);
}
