/* translit_int.h — what the parts of the transliteration stage share: the
 * rule table (translit_rules.c loads it), the segments and syllables of a
 * word (translit_plan.c cuts eSpeak-NG's phonemes into them) and their
 * spelling (translit.c). Private to src/text/translit*.c. */
#ifndef DOCBAO_TRANSLIT_INT_H
#define DOCBAO_TRANSLIT_INT_H
#include "translit.h"
#include <stddef.h>

enum kind { K_ONSET, K_CLUSTER, K_CODA, K_FINAL, K_ENDSYL, K_ALONE, K_VOWEL, K_CLOSED,
            K_LAX, K_GEM, K_MEDIAL, K_RHYME, K_VOICE, K_GLIDE, K_SPLIT, K_HINT, K_RCODA, K_MUTE, K_ENGLISH, K_RVOWEL, K_LASTS, K_ENDING, K_TAIL, K_RNUCLEUS, K_SAYEND, K_PREFIX, K_ZONSET, K_LONSET, K_SPLITGEM, NKIND };

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

/* The to of the first row of kind whose from is s[0..n), or NULL. */
const char *translit_find(const translit *t, int kind, const char *s, size_t n);
const char *translit_find_str(const translit *t, int kind, const char *s);

/* The lowercase word's language voice by the voice rows ("en": none), and
 * the row that chose it (NULL: none). */
const char *translit_voice_for(const translit *t, const char *lw, size_t n);
const rule *translit_voice_row(const translit *t, const char *lw, size_t n);

/* translit_romaji.c: w[0..n) with each piece of table[0..rows) that starts
 * at a letter (the first that fits) replaced, into out[0..cap): the length,
 * or 0 when out is too small. The respellings the Esperanto voice reads. */
typedef struct translit_pair {
    const char *from, *to;
} translit_pair;
size_t translit_eo_respell(const translit_pair *table, size_t rows, const char *w, size_t n, char *out, size_t cap);

/* translit_romaji.c: 1 when the lowercase word is a Japanese name in
 * Hepburn romaji (the voice cue "=romaji"); its letters respelled in
 * Esperanto's (shi ŝi, chi ĉi, tsu cu, ji ĝi, ya ja, ai aj) into out[0..cap),
 * for that voice to read them: the length, or 0 when out is too small. */
int translit_romaji(const char *lw, size_t n);
size_t translit_romaji_eo(const char *lw, size_t n, char *out, size_t cap);

/* translit_kh.c: 1 when the lowercase word has kh before a vowel (not ckh)
 * and only letters Esperanto has (the voice cue "=kh"); its letters respelled
 * in Esperanto's (kh ĥ, sh ŝ, ch ĉ, zh ĵ, y j), as translit_romaji_eo. */
int translit_kh(const char *lw, size_t n);
size_t translit_kh_eo(const char *lw, size_t n, char *out, size_t cap);

/* ---- a word's segments and syllables (translit_plan.c) */

typedef struct seg {
    const phone *p;
    int stress; /* 1 primary, 2 secondary, 0 none (and for consonants) */
} seg;

enum { SEG_MAX = 64, SYL_MAX = 48 };

typedef struct group {
    char s[12];  /* the vowel letters, plain ("io") */
    int first;   /* the word's first */
    int r_after; /* an r is written after them */
    int end;     /* they (and that r) end the word */
} group;

enum { GROUP_MAX = 24 };

typedef struct syl {
    const char *fixed;  /* a whole syllable of an alone or endsyl row, or NULL */
    const char *onset;  /* Vietnamese onset, "" for none */
    const char *glide;  /* "w", "j" or "" */
    const char *vowel;  /* the segment's phoneme */
    const char *coda;   /* Vietnamese coda, "" for none */
    int stress;
    const struct group *g; /* the vowel letters written for it, or NULL */
    const char *nucleus;   /* its nucleus when an rcoda closes it and an rnucleus row says (ɔː: oó), or NULL */
    const char *coda_ph;   /* the consonant phoneme that closes it (k, ɡ), or NULL */
} syl;

typedef struct plan {
    syl v[SYL_MAX];
    group g[GROUP_MAX]; /* the word's runs of vowel letters, which v[].g point to */
    int n;
    int english; /* the word ends as English words do (an english row): stressed vowels take no hint */
    const char *ending;      /* the nucleus an ending row gives the last syllable (Perez -ez: ê), or NULL */
    const char *ending_from; /* that row's letters */
} plan;

/* One eSpeak-NG word's phonemes ph[0..n) (lw: the lowercase spelling) into
 * the syllables of pl. Their count, or -1 on an unknown phoneme, a word
 * without a vowel or too many syllables. */
int translit_plan_word(const translit *t, const char *ph, size_t n, const char *lw, plan *pl);

#endif
