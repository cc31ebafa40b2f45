/* translit — eSpeak-NG's phonemes of a foreign word, mapped by the rows of
 * lexicon/translit.tsv to Vietnamese syllables.
 * A word's phonemes are cut into segments (a vowel, or a consonant), the
 * segments into syllables the Vietnamese way (one onset, at most one coda,
 * the other consonants of a cluster each a syllable with a schwa), and every
 * syllable is spelled, given its tone and checked by the syllable grammar;
 * one the grammar refuses loses its coda, then its onset, then is left out. */
#include "translit.h"
#include "synth.h"
#include "syllable.h"
#include "tsv.h"
#include "utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_ONSET, K_CLUSTER, K_CODA, K_FINAL, K_ENDSYL, K_ALONE, K_VOWEL, K_CLOSED,
            K_LAX, K_GEM, K_MEDIAL, K_RHYME, K_VOICE, K_GLIDE, K_SPLIT, K_HINT, K_RCODA, K_MUTE, NKIND };
static const char *const KIND_NAMES[NKIND] = {"onset", "cluster", "coda", "final", "endsyl", "alone",
                                             "vowel", "closed", "lax", "gem", "medial", "rhyme", "voice",
                                             "glide", "split", "hint", "rcoda", "mute"};

typedef struct rule {
    char *from, *to;
} rule;

typedef struct rules {
    rule *v;
    size_t n, cap;
} rules;

enum { PH_MAX = 16 };
typedef struct phone { /* a phoneme some row names */
    char s[PH_MAX];
    size_t len;
    int vowel;
} phone;

struct translit {
    const lexicon *lx;
    rules k[NKIND];
    phone *ph;
    size_t nph, capph;
};

/* ---- the table */

static const char *find(const translit *t, int kind, const char *s, size_t n)
{
    const rules *r = &t->k[kind];
    for (size_t i = 0; i < r->n; i++)
        if (strlen(r->v[i].from) == n && !memcmp(r->v[i].from, s, n))
            return r->v[i].to;
    return NULL;
}

static const char *find_str(const translit *t, int kind, const char *s) { return find(t, kind, s, strlen(s)); }

static int add_phone(translit *t, const char *s, int vowel)
{
    for (size_t i = 0; i < t->nph; i++)
        if (!strcmp(t->ph[i].s, s)) {
            t->ph[i].vowel |= vowel;
            return 0;
        }
    if (t->nph == t->capph) {
        size_t cap = t->capph ? t->capph * 2 : 64;
        phone *p = realloc(t->ph, cap * sizeof *p);
        if (!p)
            return -1;
        t->ph = p;
        t->capph = cap;
    }
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
           kind != K_HINT && kind != K_CLOSED && kind != K_FINAL;
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
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        rule *v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return -1;
        r->v = v;
        r->cap = cap;
    }
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
static const char *voice_for(const translit *t, const char *lw, size_t n)
{
    const rules *r = &t->k[K_VOICE];
    for (size_t i = 0; i < r->n; i++)
        if (cue_matches(r->v[i].from, lw, n))
            return r->v[i].to;
    return "en";
}

const char *translit_voice(const translit *t, const char *word, size_t n)
{
    char lw[128];
    size_t m = utf8_lower_buf(word, n, lw, sizeof lw);
    return m == (size_t)-1 ? "en" : voice_for(t, lw, m);
}

/* ---- phonemes into segments */

typedef struct seg {
    const phone *p;
    int stress; /* 1 primary, 2 secondary, 0 none (and for consonants) */
} seg;

enum { SEG_MAX = 64, SYL_MAX = 48 };

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

typedef struct group {
    char s[12];  /* the vowel letters, plain ("io") */
    int first;   /* the word's first */
    int r_after; /* an r is written after them */
    int end;     /* they (and that r) end the word */
} group;

enum { GROUP_MAX = 24 };

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

typedef struct syl {
    const char *fixed;  /* a whole syllable of an alone or endsyl row, or NULL */
    const char *onset;  /* Vietnamese onset, "" for none */
    const char *glide;  /* "w", "j" or "" */
    const char *vowel;  /* the segment's phoneme */
    const char *coda;   /* Vietnamese coda, "" for none */
    int stress;
    const struct group *g; /* the vowel letters written for it, or NULL */
} syl;

typedef struct plan {
    syl v[SYL_MAX];
    int n;
} plan;

static int is_glide(const translit *t, const phone *p) { return find_str(t, K_GLIDE, p->s) != NULL; }

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
 * stressed, its vowel lax, and a gem row's letters are in the spelling lw. */
static int geminates(const translit *t, const syl *prev, const phone *c, const char *lw)
{
    if (prev->stress != 1 || prev->fixed || !find_str(t, K_LAX, prev->vowel) || !find_str(t, K_CODA, c->s))
        return 0;
    const rules *r = &t->k[K_GEM];
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].from, c->s) && strstr(lw, r->v[i].to))
            return 1;
    return 0;
}

/* The final row of a consonant that ends the word: "vowel consonant" when
 * it follows that vowel (after ə, -s is dropped), else "consonant". */
static const char *final_row(const translit *t, const char *vowel, int after_vowel, const char *c)
{
    char key[2 * PH_MAX + 2];
    snprintf(key, sizeof key, "%s %s", vowel, c);
    const char *f = after_vowel && vowel ? find_str(t, K_FINAL, key) : NULL;
    return f ? f : find_str(t, K_FINAL, c);
}

/* The consonants c[0..n) after the word's last vowel (syllable last): the
 * first that can close it does (by its final row when it ends the word; a
 * final "-" drops it), an endsyl row makes a last one a syllable (Bush bu
 * sơ), the rest are dropped (post pốt, jeans gin). */
static void trailing(const translit *t, const seg *c, int n, plan *pl, int last)
{
    for (int i = 0; i < n; i++) {
        const char *s = c[i].p->s;
        const char *f = i == n - 1 ? final_row(t, last >= 0 ? pl->v[last].vowel : "", i == 0, s) : NULL;
        const char *e = i == n - 1 ? find_str(t, K_ENDSYL, s) : NULL;
        const char *cd = find_str(t, K_CODA, s);
        int open = last >= 0 && !pl->v[last].coda[0] && last == pl->n - 1;
        if (f) {
            if (strcmp(f, "-") && open)
                pl->v[last].coda = f;
        } else if (e) {
            add_fixed(pl, e);
        } else if (cd && open) {
            pl->v[last].coda = cd;
        }
    }
}

/* The consonants c[0..n) between two vowels, less the next one's onset:
 * the first closes the syllable before when it can and no split row keeps
 * it with the next (Ibrahim i bờ ra him), the others (and one that cannot)
 * become syllables of their own (alone rows), but a mute one after the
 * first is dropped (sandwich xăng uých). */
static void between(const translit *t, const seg *c, int n, plan *pl, int prev)
{
    for (int j = 0; j < n; j++) {
        char pair[2 * PH_MAX + 2];
        snprintf(pair, sizeof pair, "%s %s", c[j].p->s, c[j + 1].p->s); /* c[n] is the onset or the vowel */
        const char *split = find_str(t, K_SPLIT, pair);
        const char *cd = j == 0 && prev >= 0 && !split ? find_str(t, K_CODA, c[j].p->s) : NULL;
        if (cd && prev == pl->n - 1 && !pl->v[prev].coda[0])
            pl->v[prev].coda = cd;
        else if (split || j == 0 || !find_str(t, K_MUTE, c[j].p->s))
            add_fixed(pl, split ? split : find_str(t, K_ALONE, c[j].p->s));
    }
}

/* A vowel written before an r and followed by a consonant other than r
 * closes with the rcoda row's coda: Carter các tơ, Sarkozy xác cô di. */
static void r_codas(const translit *t, plan *pl)
{
    for (int i = 0; i + 1 < pl->n; i++) {
        syl *a = &pl->v[i];
        const syl *b = &pl->v[i + 1];
        const char *rc = a->fixed || a->coda[0] || !a->g || !a->g->r_after ? NULL : find_str(t, K_RCODA, a->vowel);
        if (rc && (b->fixed || (b->onset[0] && strcmp(b->onset, "r")) || b->glide[0]))
            a->coda = rc;
    }
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
            trailing(t, s + i, n - i, pl, prev);
            break;
        }
        const char *onset, *glide;
        int take = take_onset(t, s + i, v - i, prev >= 0, &onset, &glide);
        int rest = v - i - take;
        between(t, s + i, rest, pl, prev);
        if (rest == 0 && take == 1 && onset[0] && prev == pl->n - 1 && prev >= 0 &&
            !pl->v[prev].coda[0] && geminates(t, &pl->v[prev], s[v - 1].p, lw))
            pl->v[prev].coda = find_str(t, K_CODA, s[v - 1].p->s);
        if (pl->n == SYL_MAX)
            return -1;
        /* a yod English hears in a written u is not said: Kuleba cu, Duterte đu */
        if (!strcmp(glide, "j") && gv[v] && gv[v]->s[0] == 'u')
            glide = "";
        pl->v[pl->n] = (syl){NULL, onset, glide, s[v].p->s, "", s[v].stress, gv[v]};
        prev = pl->n++;
        i = v + 1;
    }
    r_codas(t, pl);
    return pl->n;
}

/* ---- syllables into Vietnamese spelling */

static const char *const TONED[12][6] = {
    {"a", "à", "á", "ả", "ã", "ạ"}, {"ă", "ằ", "ắ", "ẳ", "ẵ", "ặ"}, {"â", "ầ", "ấ", "ẩ", "ẫ", "ậ"},
    {"e", "è", "é", "ẻ", "ẽ", "ẹ"}, {"ê", "ề", "ế", "ể", "ễ", "ệ"}, {"i", "ì", "í", "ỉ", "ĩ", "ị"},
    {"o", "ò", "ó", "ỏ", "õ", "ọ"}, {"ô", "ồ", "ố", "ổ", "ỗ", "ộ"}, {"ơ", "ờ", "ớ", "ở", "ỡ", "ợ"},
    {"u", "ù", "ú", "ủ", "ũ", "ụ"}, {"ư", "ừ", "ứ", "ử", "ữ", "ự"}, {"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"}};

/* rows of TONED whose vowel has a mark of its own (ă â ê ô ơ ư): it takes the tone */
static int marked(int row) { return row == 1 || row == 2 || row == 4 || row == 7 || row == 8 || row == 10; }

/* The byte length of the vowel letter s starts with (0: none), its row of
 * TONED and its tone. */
static size_t vowel_at(const char *s, int *row, int *tone)
{
    if (!*s)
        return 0;
    for (int r = 0; r < 12; r++)
        for (int k = 0; k < 6; k++) {
            size_t len = strlen(TONED[r][k]);
            if (!strncmp(s, TONED[r][k], len)) {
                *row = r;
                *tone = k;
                return len;
            }
        }
    return 0;
}

/* s without tone marks into out (cap bytes); returns the tone (0: ngang). */
static int strip_tone(const char *s, char *out, size_t cap)
{
    int tone = 0;
    size_t k = 0;
    while (*s) {
        int row, t;
        size_t len = vowel_at(s, &row, &t);
        const char *piece = len ? TONED[row][0] : s;
        size_t m = len ? strlen(piece) : 1;
        if (len && t)
            tone = t;
        if (k + m >= cap)
            break;
        memcpy(out + k, piece, m);
        k += m;
        s += len ? len : 1;
    }
    out[k] = '\0';
    return tone;
}

/* The toneless rhyme with the tone on its main vowel (the marked one, else
 * the last before a coda, else the first of two), appended to out[0..cap). */
static void put_tone(const char *rhyme, int tone, char *out, size_t cap)
{
    size_t pos[8], len[8], i = 0;
    int rows[8], nv = 0, coda = 0;
    while (rhyme[i]) {
        int r, tn;
        size_t l = vowel_at(rhyme + i, &r, &tn);
        if (!l) {
            coda = nv > 0;
            break;
        }
        if (nv < 8)
            pos[nv] = i, len[nv] = l, rows[nv++] = r;
        i += l;
    }
    size_t k = strlen(out);
    if (!nv || !tone) {
        snprintf(out + k, cap - k, "%s", rhyme);
        return;
    }
    int pick = -1;
    for (int v = 0; v < nv; v++)
        if (marked(rows[v]))
            pick = v;
    if (pick < 0)
        pick = nv == 1 ? 0 : coda ? nv - 1 : nv == 2 ? 0 : 1;
    snprintf(out + k, cap - k, "%.*s%s%s", (int)pos[pick], rhyme, TONED[rows[pick]][tone],
             rhyme + pos[pick] + len[pick]);
}

static int starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* Vietnamese spelling of the onset before a rhyme: c k qu, g gh, ng ngh, gi.
 * May take the rhyme's first letter (c + oa -> qu + a). */
static const char *spell_onset(const char *onset, const char **rhyme)
{
    const char *r = *rhyme;
    int front = r[0] == 'i' || r[0] == 'e' || r[0] == 'y' || starts(r, "ê");
    if (!strcmp(onset, "c") || !strcmp(onset, "k")) {
        if ((r[0] == 'o' && (r[1] == 'a' || r[1] == 'e' || starts(r + 1, "ă"))) ||
            (r[0] == 'u' && (r[1] == 'y' || starts(r + 1, "ê") || starts(r + 1, "â") || starts(r + 1, "ơ")))) {
            *rhyme = r + 1;
            return "qu";
        }
        return front ? "k" : "c";
    }
    if (!strcmp(onset, "g") || !strcmp(onset, "gh"))
        return front ? "gh" : "g";
    if (!strcmp(onset, "ng") || !strcmp(onset, "ngh"))
        return front ? "ngh" : "ng";
    if (!strcmp(onset, "gi") && r[0] == 'i')
        return "g";
    return onset;
}

static int stop_final(const char *r)
{
    size_t n = strlen(r);
    return n && (r[n - 1] == 'p' || r[n - 1] == 't' || r[n - 1] == 'c' || (n >= 2 && !strcmp(r + n - 2, "ch")));
}

/* onset + rhyme (toneless) + tone into buf when the grammar takes it. 1 or 0. */
static int try_syllable(const translit *t, const char *onset, const char *rhyme, int tone, char *buf,
                        size_t cap)
{
    if (!*rhyme)
        return 0;
    if (stop_final(rhyme) && tone != 2 && tone != 5)
        tone = 2; /* sắc */
    const char *on = spell_onset(onset, &rhyme);
    snprintf(buf, cap, "%s", on);
    put_tone(rhyme, tone, buf, cap);
    return syllable_parse(t->lx, buf, strlen(buf), NULL);
}

/* Takes the coda off a rhyme (ng nh ch, or one consonant letter). 1 when
 * there was one. */
static int drop_coda(char *r)
{
    size_t n = strlen(r);
    if (n >= 2 && (!strcmp(r + n - 2, "ng") || !strcmp(r + n - 2, "nh") || !strcmp(r + n - 2, "ch"))) {
        r[n - 2] = '\0';
        return 1;
    }
    if (n >= 2 && strchr("bcdghklmnpqrstvx", r[n - 1])) {
        r[n - 1] = '\0';
        return 1;
    }
    return 0;
}

/* Appends the syllable onset + rhyme (which may carry a tone mark), after a
 * rhyme row's rewriting and the grammar's check; one it refuses is tried
 * without its last coda (Donald: "ant" is "an"), again, then without its
 * onset, then left out. 0, or -1. */
static int emit(const translit *t, const char *onset, const char *rhyme, strbuf *out)
{
    char base[64], buf[96];
    int tone = strip_tone(rhyme, base, sizeof base);
    const char *rw = find_str(t, K_RHYME, base);
    if (rw) {
        int t2 = strip_tone(rw, base, sizeof base);
        tone = t2 ? t2 : tone;
    }
    do {
        if (try_syllable(t, onset, base, tone, buf, sizeof buf))
            return strbuf_word(out, buf);
    } while (drop_coda(base));
    if (try_syllable(t, "", base, tone, buf, sizeof buf))
        return strbuf_word(out, buf);
    return 0;
}

/* Appends each space-separated part of a syllable spelling as it stands,
 * when the grammar takes it (the alone and endsyl rows). */
static int emit_fixed(const translit *t, const char *text, strbuf *out)
{
    while (*text) {
        size_t k = strcspn(text, " ");
        if (k && syllable_parse(t->lx, text, k, NULL) && strbuf_wordn(out, text, k))
            return -1;
        text += k + (text[k] == ' ');
    }
    return 0;
}

/* The hint row for a vowel and its written letters: the most particular
 * key first, the letters marked ^ when they are the word's first, r when an
 * r is written after them, $ when they (and the r) end the word: "ə or$",
 * "ə o$", "ə o". NULL when none. */
static const char *hint_row(const translit *t, const syl *s)
{
    const group *g = s->g;
    for (int m = 7; g && m >= 0; m--) {
        if (((m & 4) && !g->first) || ((m & 2) && !g->r_after) || ((m & 1) && !g->end))
            continue;
        char key[48];
        snprintf(key, sizeof key, "%s %s%s%s%s", s->vowel, m & 4 ? "^" : "", g->s, m & 2 ? "r" : "", m & 1 ? "$" : "");
        const char *h = find_str(t, K_HINT, key);
        if (h)
            return h;
    }
    return NULL;
}

/* The nucleus a hint row gives a vowel eSpeak-NG reduces ("ə a" -> a: drama
 * đờ ra ma); a row "open|closed" differs before a coda. NULL when none. */
static const char *hinted(const translit *t, const syl *s, char *buf, size_t cap)
{
    const char *h = hint_row(t, s);
    if (!h)
        return NULL;
    const char *bar = strchr(h, '|');
    if (!bar)
        return h;
    if (s->coda[0])
        snprintf(buf, cap, "%s", bar + 1);
    else
        snprintf(buf, cap, "%.*s", (int)(bar - h), h);
    return buf;
}

/* The rhyme of a syllable: its nucleus (by a hint row, else the closed row
 * before a coda, else the vowel row) and coda, after its glide by a medial
 * row (the glide dropped when none fits). */
static void rhyme_of(const translit *t, const syl *s, char *buf, size_t cap)
{
    char hb[32];
    const char *nuc = hinted(t, s, hb, sizeof hb);
    if (!nuc && s->coda[0]) {
        char key[PH_MAX + 8];
        snprintf(key, sizeof key, "%s %s", s->vowel, s->coda);
        if (!(nuc = find_str(t, K_CLOSED, key)))
            nuc = find_str(t, K_CLOSED, s->vowel);
    }
    if (!nuc)
        nuc = find_str(t, K_VOWEL, s->vowel);
    snprintf(buf, cap, "%s%s", nuc ? nuc : "", s->coda);
    if (!s->glide[0])
        return;
    char with[96];
    snprintf(with, sizeof with, "%s%s", s->glide, buf);
    const rules *r = &t->k[K_MEDIAL];
    const rule *best = NULL;
    for (size_t i = 0; i < r->n; i++)
        if (starts(with, r->v[i].from) && (!best || strlen(r->v[i].from) > strlen(best->from)))
            best = &r->v[i];
    if (best)
        snprintf(buf, cap, "%s%s", best->to, with + strlen(best->from));
}

static int render(const translit *t, const plan *pl, strbuf *out)
{
    for (int i = 0; i < pl->n; i++) {
        const syl *s = &pl->v[i];
        if (s->fixed) {
            if (emit_fixed(t, s->fixed, out))
                return -1;
            continue;
        }
        char rhyme[96];
        rhyme_of(t, s, rhyme, sizeof rhyme);
        /* a space in the rhyme: more syllables (iə -> i a); the onset goes to the first */
        const char *onset = s->onset;
        for (char *p = rhyme; *p;) {
            size_t k = strcspn(p, " ");
            char part[96];
            snprintf(part, sizeof part, "%.*s", (int)k, p);
            if (emit(t, onset, part, out))
                return -1;
            onset = "";
            p += k + (p[k] == ' ');
        }
    }
    return 0;
}

/* ---- the word */

/* One eSpeak-NG word's phonemes ph[0..n) into syllables appended to out.
 * 0, or -1 on an unknown phoneme or a word without a vowel. */
static int say_word(const translit *t, const char *ph, size_t n, const char *lw, strbuf *out)
{
    seg segs[SEG_MAX];
    int k = segments(t, ph, n, segs);
    int vowels = 0;
    for (int i = 0; i < k; i++)
        vowels += segs[i].p->vowel;
    if (k <= 0 || !vowels)
        return -1;
    group g[GROUP_MAX];
    const group *gv[SEG_MAX];
    align(segs, k, lw, g, gv);
    plan pl;
    if (make_plan(t, segs, k, lw, gv, &pl) < 0)
        return -1;
    return render(t, &pl, out);
}

int translit_word(const translit *t, const char *word, size_t n, strbuf *out)
{
    char lw[128];
    size_t m = utf8_lower_buf(word, n, lw, sizeof lw);
    if (!t || m == (size_t)-1 || m == 0)
        return -1;
    strbuf ph = {0};
    size_t start = out->len;
    int rc = synth_foreign_phonemes(lw, m, voice_for(t, lw, m), &ph);
    for (size_t i = 0; rc == 0 && i < ph.len;) {
        size_t k = strcspn(ph.s + i, " ");
        if (k && say_word(t, ph.s + i, k, lw, out))
            rc = -1;
        i += k + 1;
    }
    strbuf_free(&ph);
    if (rc || out->len == start) {
        strbuf_truncate(out, start);
        return -1;
    }
    return 0;
}
