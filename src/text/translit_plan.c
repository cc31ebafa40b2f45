/* translit_plan — eSpeak-NG's phonemes of a word cut into segments (a
 * vowel, or a consonant), paired with the vowel letters written, and the
 * segments into syllables the Vietnamese way (one onset, at most one coda,
 * the other consonants of a cluster each a syllable of their own). */
#include "translit_int.h"
#include "utf8.h"
#include <stdio.h>
#include <string.h>

#define find_str translit_find_str

/* ---- phonemes into segments */


static const phone *longest(const translit *t, const char *s, size_t n)
{
    const phone *best = NULL;
    for (size_t i = 0; i < t->nph; i++) {
        const phone *p = &t->ph[i];
        if (p->len <= n && (!best || p->len > best->len) && !memcmp(s, p->s, p->len))
            best = p;
    }
    return best;
}

/* One eSpeak-NG word (phonemes separated by '_') into segments: a stress
 * mark goes to the next vowel, a length mark after a consonant doubles it
 * (Italian tː), other marks and language switches ("(en)") are dropped. The count, or -1 on a phoneme no
 * row names. */
static int segments(const translit *t, const char *s, size_t n, seg *out)
{
    int k = 0, stress = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t len = s[i] == '_' ? 1 : utf8_next(s + i, n - i, &cp);
        if (s[i] == '_') {
        } else if (s[i] == '(') { /* a language switch, "(en)": the phonemes go on as they are */
            const char *close = memchr(s + i, ')', n - i);
            len = close ? (size_t)(close - (s + i)) + 1 : n - i;
        } else if (cp == 0x02C8 || cp == 0x02CC) {
            stress = cp == 0x02C8 ? 1 : 2;
        } else if (cp == 0x02D0) {
            if (k > 0 && !out[k - 1].p->vowel && k < SEG_MAX)
                out[k] = out[k - 1], k++;
        } else if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x02B0 && cp <= 0x02BF) || cp == 0x02D1) {
        } else {
            const phone *p = longest(t, s + i, n - i);
            if (!p || k == SEG_MAX)
                return -1;
            out[k].p = p;
            out[k].stress = p->vowel ? stress : 0;
            if (p->vowel)
                stress = 0;
            k++;
            len = p->len;
        }
        i += len;
    }
    return k;
}

/* ---- the written vowels, for the vowels eSpeak-NG reduces (ə: drama, Dallas) */


/* The plain vowel letter a Latin letter is (a..y, à..ÿ), or 0. */
static char plain_vowel(const char *s, size_t *len)
{
    unsigned char c = (unsigned char)s[0];
    *len = 1;
    if (strchr("aeiouy", c) && c)
        return (char)c;
    if (c != 0xC3 || !s[1])
        return 0;
    static const char FOLD[65] = "aaaaaaaceeeeiiii" "dnoooooxouuuuyts" "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
    char f = FOLD[(unsigned char)s[1] & 0x3F];
    *len = 2;
    return strchr("aeiouy", f) ? f : 0;
}

/* The runs of vowel letters of the lowercase word lw (a y before a vowel at
 * the start is a consonant). The count, at most max. */
static int spell_groups(const char *lw, group *g, int max)
{
    int n = 0;
    for (size_t i = 0; lw[i];) {
        size_t len;
        char v = plain_vowel(lw + i, &len);
        if (!v || (i == 0 && v == 'y' && plain_vowel(lw + 1, &len))) {
            i += v ? 1 : len;
            continue;
        }
        if (n == max)
            return n;
        size_t k = 0;
        while ((v = plain_vowel(lw + i, &len)) && k + 2 < sizeof g[n].s) {
            g[n].s[k++] = v;
            i += len;
        }
        while (plain_vowel(lw + i, &len))
            i += len;
        g[n].s[k] = '\0';
        g[n].first = n == 0;
        g[n].r_after = lw[i] == 'r';
        g[n].end = !lw[i + (size_t)g[n].r_after];
        n++;
    }
    return n;
}

/* Splits the last group of two letters or more in two (its first letter and
 * the rest), for a word with more vowels than groups (Zambia: a, i, a). 1
 * when it did, 0 when there is none. */
static int split_group(group *g, int *ng)
{
    int k = *ng - 1;
    while (k >= 0 && (!g[k].s[0] || !g[k].s[1]))
        k--;
    if (k < 0)
        return 0;
    memmove(&g[k + 1], &g[k], (size_t)(*ng - k) * sizeof *g);
    g[k].s[1] = '\0';
    g[k].r_after = g[k].end = 0;
    memmove(g[k + 1].s, g[k + 1].s + 1, strlen(g[k + 1].s));
    g[k + 1].first = 0;
    (*ng)++;
    return 1;
}

/* Pairs the vowel segments of s[0..n) with the written groups when the
 * counts agree (a last silent e left out: Kane; a group split when the
 * vowels are more: Zambia): sets each one's group in gv[] (NULL for none). */
static void align(const seg *s, int n, const char *lw, group *g, const group **gv)
{
    int nv = 0, ng = spell_groups(lw, g, GROUP_MAX);
    for (int i = 0; i < n; i++)
        nv += s[i].p->vowel;
    if (ng == nv + 1 && !strcmp(g[ng - 1].s, "e") && g[ng - 1].end && !g[ng - 1].r_after)
        ng--;
    while (ng < nv && ng < GROUP_MAX && split_group(g, &ng))
        ;
    for (int i = 0, k = 0; i < n; i++)
        gv[i] = s[i].p->vowel && ng == nv ? &g[k++] : NULL;
}

/* ---- segments into syllables */

/* 1 when the vowel phoneme v begins with an i (i iː ɪ iə ɪə) */
static int front_i(const char *v) { return v[0] == 'i' || !strncmp(v, "ɪ", strlen("ɪ")); }


static int is_glide(const translit *t, const phone *p) { return translit_find_str(t, K_GLIDE, p->s) != NULL; }

static void add_fixed(plan *pl, const char *text)
{
    if (text && pl->n < SYL_MAX)
        pl->v[pl->n++] = (syl){.fixed = text, .onset = "", .glide = "", .vowel = "", .coda = ""};
}

/* The onset of a vowel from the end of the consonants c[0..n) before it:
 * sets *onset and *glide; returns how many consonants it takes. */
static int take_onset(const translit *t, const seg *c, int n, int after_vowel, const char **onset,
                      const char **glide)
{
    *onset = "";
    *glide = "";
    if (n == 0)
        return 0;
    const phone *last = c[n - 1].p;
    if (is_glide(t, last)) {
        /* between vowels the consonant before a w closes the syllable before (runway ran uây) */
        int w_apart = after_vowel && !strcmp(last->s, "w") && find_str(t, K_CODA, n >= 2 ? c[n - 2].p->s : "");
        const char *o = n >= 2 && !w_apart ? find_str(t, K_ONSET, c[n - 2].p->s) : NULL;
        if (o) {
            *onset = o;
            *glide = last->s;
            return 2;
        }
        if (after_vowel || !(o = find_str(t, K_ONSET, last->s))) {
            *glide = last->s;
            return 1;
        }
        *onset = o;
        return 1;
    }
    if (n >= 2) {
        char pair[2 * PH_MAX + 2];
        snprintf(pair, sizeof pair, "%s %s", c[n - 2].p->s, last->s);
        const char *cl = find_str(t, K_CLUSTER, pair);
        if (cl) {
            *onset = cl;
            return 2;
        }
    }
    const char *o = find_str(t, K_ONSET, last->s);
    if (!o)
        return 0;
    *onset = o;
    return 1;
}

/* 1 when the consonant c after the syllable prev is its coda too: prev is
 * stressed (or any, in a word of no English ending: Philippines phi líp pin,
 * Minnesota min nê xô ta), its vowel lax, and a gem row's letters are in the
 * spelling lw. */
static int geminates(const translit *t, const syl *prev, const phone *c, const char *lw, int english)
{
    if ((english && prev->stress != 1) || prev->fixed || !find_str(t, K_LAX, prev->vowel) || !find_str(t, K_CODA, c->s))
        return 0;
    const rules *r = &t->k[K_GEM];
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].from, c->s) && strstr(lw, r->v[i].to))
            return 1;
    return 0;
}

/* The final row of a consonant that ends the word: "vowel consonant" when
 * it follows that vowel (a z only in a word written with a last s that no
 * lasts row keeps: after ə the -s of a plural is dropped, Sanders; not the z
 * of showbiz, nor the s of Lucas), else
 * "consonant". */
static const char *final_row(const translit *t, const char *vowel, int after_vowel, const char *c, int s_end)
{
    char key[2 * PH_MAX + 2];
    snprintf(key, sizeof key, "%s %s", vowel, c);
    const char *f = after_vowel && vowel && (s_end || strcmp(c, "z")) ? find_str(t, K_FINAL, key) : NULL;
    return f ? f : find_str(t, K_FINAL, c);
}

/* The first row of kind whose letters end lw[0..len) (lasts: Lucas,
 * Desantis, whose -s is said after ə and i as in no English plural;
 * ending: Perez), or NULL. */
static const rule *ends_with_row(const translit *t, int kind, const char *lw, size_t len)
{
    const rules *r = &t->k[kind];
    for (size_t i = 0; i < r->n; i++) {
        size_t k = strlen(r->v[i].from);
        if (k < len && !strcmp(lw + len - k, r->v[i].from))
            return &r->v[i];
    }
    return NULL;
}

/* The consonants c[0..n) after the word's last vowel (syllable last), less
 * the last two when a tail row ends the word (Minsk: s k, said xcơ): the
 * first that can close it does (by its final row when it ends the word; a
 * final "-" drops it), an endsyl row makes a last one a syllable (Bush bu
 * sơ), the rest are dropped (post pốt, jeans gin). */
static void trailing(const translit *t, const seg *c, int n, plan *pl, int last, const char *lw)
{
    size_t len = strlen(lw);
    int s_end = len && lw[len - 1] == 's' && !ends_with_row(t, K_LASTS, lw, len);
    /* a tail row: the last two consonants are its syllable (Minsk min xcơ) */
    const rule *tail = n >= 2 ? ends_with_row(t, K_TAIL, lw, len) : NULL;
    if (tail)
        n -= 2;
    /* a sayend row: the last consonant begins a syllable of the written e (Conte côn tê) */
    const rule *say = !tail && n >= 1 ? ends_with_row(t, K_SAYEND, lw, len) : NULL;
    const char *say_onset = say ? find_str(t, K_ONSET, c[n - 1].p->s) : NULL;
    if (say_onset)
        n--;
    for (int i = 0; i < n; i++) {
        const char *s = c[i].p->s;
        const char *f = i == n - 1 ? final_row(t, last >= 0 ? pl->v[last].vowel : "", i == 0, s, s_end) : NULL;
        if (i == 0 && n >= 2 && last >= 0) { /* a final row "vowel consonant consonant" (a ŋ k: bank banh) */
            char key[3 * PH_MAX + 4];
            snprintf(key, sizeof key, "%s %s %s", pl->v[last].vowel, s, c[1].p->s);
            f = find_str(t, K_FINAL, key);
        }
        const char *e = i == n - 1 ? find_str(t, K_ENDSYL, s) : NULL;
        const char *cd = find_str(t, K_CODA, s);
        int open = last >= 0 && !pl->v[last].coda[0] && last == pl->n - 1;
        if (f) {
            if (strcmp(f, "-") && open)
                pl->v[last].coda = f, pl->v[last].coda_ph = s;
        } else if (e) {
            add_fixed(pl, e);
        } else if (cd && open) {
            pl->v[last].coda = cd;
            pl->v[last].coda_ph = s;
        }
    }
    if (tail)
        add_fixed(pl, tail->to);
    if (say_onset && pl->n < SYL_MAX)
        pl->v[pl->n++] = (syl){NULL, say_onset, "", "", "", 0, NULL, say->to, NULL};
}

/* 1 when syllable a, whose vowel is written before an r and has an rcoda
 * row, is followed by the consonant l (Carlsen, Carlton). */
static int r_before_l(const translit *t, const syl *a, const char *c)
{
    return !a->fixed && !a->coda[0] && a->g && a->g->r_after && !strcmp(c, "l") && find_str(t, K_RCODA, a->vowel);
}

/* The consonants c[0..n) between two vowels, less the next one's onset:
 * the first closes the syllable before when it can and no split row keeps
 * it with the next (Ibrahim i bờ ra him), the others (and one that cannot)
 * become syllables of their own (alone rows), but a mute one after the
 * first is dropped (sandwich xăng uých). */
/* 1 when the space-separated list has the word w */
static int has_word(const char *list, const char *w)
{
    size_t k = strlen(w);
    for (const char *p = list; p && *p; p += strcspn(p, " "), p += *p == ' ')
        if (strcspn(p, " ") == k && !strncmp(p, w, k))
            return 1;
    return 0;
}

static void between(const translit *t, const seg *c, int n, plan *pl, int prev)
{
    for (int j = 0; j < n; j++) {
        char pair[2 * PH_MAX + 2];
        snprintf(pair, sizeof pair, "%s %s", c[j].p->s, c[j + 1].p->s); /* c[n] is the onset or the vowel */
        /* only before the next vowel's onset (or the vowel): Westminster's s t m keeps s as a coda */
        const char *split = j == n - 1 ? find_str(t, K_SPLIT, pair) : NULL;
        if (j == 0 && prev >= 0 && prev == pl->n - 1 && r_before_l(t, &pl->v[prev], c[j].p->s))
            continue; /* Carlsen các xen: the r written closes it (r_codas), the l is not said */
        /* a coda row of the pair first: ŋ before k, ɡ is n (Helsinki hen xin ki, Lanka lan ca) */
        const char *cd = j == 0 && prev >= 0 && !split ? find_str(t, K_CODA, pair) : NULL;
        if (!cd && j == 0 && prev >= 0 && !split)
            cd = find_str(t, K_CODA, c[j].p->s);
        /* a splitgem row: the split consonant closes a stressed vowel of its list before it too (Leicester lét xtơ) */
        if (split && j == 0 && prev >= 0 && pl->v[prev].stress == 1 &&
            has_word(find_str(t, K_SPLITGEM, pair), pl->v[prev].vowel))
            cd = find_str(t, K_CODA, c[j].p->s);
        if (cd && prev == pl->n - 1 && !pl->v[prev].coda[0]) {
            pl->v[prev].coda = cd, pl->v[prev].coda_ph = c[j].p->s;
            if (split)
                add_fixed(pl, split);
        } else if (split || j == 0 || !find_str(t, K_MUTE, c[j].p->s))
            add_fixed(pl, split ? split : find_str(t, K_ALONE, c[j].p->s));
    }
}

/* The rcoda row of syllable a: "vowel letters" (ɜː e: Merkel méc ken, not
 * in a word of English ending: sterling xtơ linh) before "vowel". */
static const char *rcoda_row(const translit *t, const syl *a, int english)
{
    char key[2 * PH_MAX + 16];
    snprintf(key, sizeof key, "%s %s", a->vowel, a->g->s);
    const char *rc = english ? NULL : find_str(t, K_RCODA, key);
    return rc ? rc : find_str(t, K_RCODA, a->vowel);
}

/* A vowel written before an r and followed by a consonant other than r
 * closes with the rcoda row's coda: Carter các tơ, Sarkozy xác cô di. */
static void r_codas(const translit *t, plan *pl)
{
    for (int i = 0; i + 1 < pl->n; i++) {
        syl *a = &pl->v[i];
        const syl *b = &pl->v[i + 1];
        const char *rc = a->fixed || a->coda[0] || !a->g || !a->g->r_after ? NULL : rcoda_row(t, a, pl->english);
        if (rc && (b->fixed || (b->onset[0] && strcmp(b->onset, "r")) || b->glide[0])) {
            a->coda = rc;
            a->nucleus = find_str(t, K_RNUCLEUS, a->vowel);
        }
    }
}

static int is_r(const char *p) { return !strcmp(p, "ɹ") || !strcmp(p, "r") || !strcmp(p, "ɾ"); }

/* The rvowel row of a vowel segment: "vowel letters" (ɔː o: Soros xô rốt, not
 * the au of Laura, nor the stressed vowel of a word of English ending: story
 * xto ri) before "vowel". NULL when none. */
static const char *rvowel_row(const translit *t, const seg *v, const group *g, int english)
{
    char key[PH_MAX + 16];
    snprintf(key, sizeof key, "%s %s", v->p->s, g ? g->s : "");
    const char *rv = g && !(english && v->stress == 1) ? find_str(t, K_RVOWEL, key) : NULL;
    return rv ? rv : find_str(t, K_RVOWEL, v->p->s);
}

/* Segments into syllables; lw is the word's lowercase spelling. The count,
 * or -1 when the word has too many. */
static int make_plan(const translit *t, const seg *s, int n, const char *lw, const group *const *gv, plan *pl)
{
    pl->n = 0;
    int prev = -1; /* pl's index of the last vowel's syllable */
    for (int i = 0; i < n;) {
        int v = i;
        while (v < n && !s[v].p->vowel)
            v++;
        if (v == n) {
            trailing(t, s + i, n - i, pl, prev, lw);
            break;
        }
        const char *onset, *glide;
        int take = take_onset(t, s + i, v - i, prev >= 0, &onset, &glide);
        int rest = v - i - take;
        /* eSpeak-NG's z of a written s (or x) is x, as names are read by their letters (Theresa tê rê
         * xa, Museveni mu xê vê ni, Isabel i xa ben; a first x: Xavi xa vi): the zonset row, in a word
         * written without z */
        int after = prev >= 0 || (i == 0 && lw[0] == 'x');
        const char *zo = take && after && !strchr(lw, 'z') ? find_str(t, K_ZONSET, s[v - 1].p->s) : NULL;
        if (zo && !glide[0])
            onset = zo;
        /* an lonset row: a consonant's onset by the vowel letters after it (ʃ ia: x, Patricia pa tri xi a) */
        char lk[2 * PH_MAX + 16];
        snprintf(lk, sizeof lk, "%s %s", take ? s[v - 1].p->s : "", gv[v] ? gv[v]->s : "");
        const char *lo = take && !glide[0] && gv[v] ? find_str(t, K_LONSET, lk) : NULL;
        if (lo)
            onset = lo;
        between(t, s + i, rest, pl, prev);
        if (rest == 0 && take == 1 && onset[0] && prev == pl->n - 1 && prev >= 0 &&
            !pl->v[prev].coda[0] && geminates(t, &pl->v[prev], s[v - 1].p, lw, pl->english))
            pl->v[prev].coda = find_str(t, K_CODA, s[v - 1].p->s), pl->v[prev].coda_ph = s[v - 1].p->s;
        if (pl->n == SYL_MAX)
            return -1;
        /* a yod English hears in a written u is not said in names (Kuleba cu, Duterte
         * đu), but is in English words (computer com piu tơ, secure xi kiu) */
        if (!strcmp(glide, "j") && gv[v] && gv[v]->s[0] == 'u' && !pl->english)
            glide = "";
        /* nor as the onset of a name's first written u or eu (Uber u bơ, Umerov u mê rốp); a first eu
         * is the press's ơ, as said ɜː (Euro ơ rô, Eurostat ơ rô xtát, Eusebio ơ xê bi ô) */
        int eu = lw[0] == 'e' && lw[1] == 'u';
        if (i == 0 && v == 1 && take == 1 && (lw[0] == 'u' || eu) && !strcmp(s[0].p->s, "j") && !pl->english)
            onset = "";
        /* nor before an i said after it (Year ia, Yinxing in xinh, Yıldız in đít) */
        if (i == 0 && v == 1 && take == 1 && !strcmp(s[0].p->s, "j") && front_i(s[1].p->s))
            onset = "";
        const char *eu_vowel = i == 0 && v == 1 && eu && !onset[0] ? "ɜː" : NULL;
        /* a vowel before r and a vowel may be said as another (an rvowel row: Maduro ʊə -> ʊ, đu rô) */
        const char *vowel = s[v].p->s, *rv = rvowel_row(t, &s[v], gv[v], pl->english);
        if (rv && v + 2 < n && is_r(s[v + 1].p->s) && s[v + 2].p->vowel)
            vowel = rv;
        if (eu_vowel)
            vowel = eu_vowel;
        pl->v[pl->n] = (syl){NULL, onset, glide, vowel, "", s[v].stress, gv[v], NULL, NULL};
        prev = pl->n++;
        i = v + 1;
    }
    r_codas(t, pl);
    return pl->n;
}

/* 1 when the lowercase word ends with the letters of an english row after
 * one consonant letter after a vowel letter (baker, gaming, table, player;
 * not Nadal, nor Navalny). */
static int english_ending(const translit *t, const char *lw)
{
    size_t n = strlen(lw);
    const rules *r = &t->k[K_ENGLISH];
    for (size_t i = 0; i < r->n; i++) {
        size_t k = strlen(r->v[i].from);
        size_t e = n - k;
        if (k + 2 <= n && !strcmp(lw + e, r->v[i].from) && !strchr("aeiou", lw[e - 1]) && lw[e - 2] &&
            strchr("aeiou", lw[e - 2]))
            return 1;
    }
    return 0;
}

int translit_plan_word(const translit *t, const char *ph, size_t n, const char *lw, plan *pl)
{
    seg segs[SEG_MAX];
    int k = segments(t, ph, n, segs);
    int vowels = 0;
    for (int i = 0; i < k; i++)
        vowels += segs[i].p->vowel;
    if (k <= 0 || !vowels)
        return -1;
    const group *gv[SEG_MAX];
    align(segs, k, lw, pl->g, gv); /* in the plan: its syllables point to them after this returns */
    pl->english = english_ending(t, lw);
    const rule *e = ends_with_row(t, K_ENDING, lw, strlen(lw));
    pl->ending = e ? e->to : NULL;
    pl->ending_from = e ? e->from : "";
    return make_plan(t, segs, k, lw, gv, pl);
}
