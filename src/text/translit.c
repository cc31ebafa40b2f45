/* translit — eSpeak-NG's phonemes of a foreign word, mapped by the rows of
 * lexicon/translit.tsv to Vietnamese syllables.
 * A word's phonemes are cut into segments (a vowel, or a consonant), the
 * segments into syllables the Vietnamese way (one onset, at most one coda,
 * the other consonants of a cluster each a syllable with a schwa), and every
 * syllable is spelled, given its tone and checked by the syllable grammar;
 * one the grammar refuses loses its coda, then its onset, then is left out. */
#include "translit_int.h"
#include "synth.h"
#include "syllable.h"
#include "utf8.h"
#include <stdio.h>
#include <string.h>

#define find_str translit_find_str

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

/* Takes the coda off a rhyme (ng nh ch, one consonant letter, or a last
 * glide o u i). 1 when there was one. */
static int drop_coda(char *r)
{
    size_t n = strlen(r);
    if (n >= 2 && (!strcmp(r + n - 2, "ng") || !strcmp(r + n - 2, "nh") || !strcmp(r + n - 2, "ch"))) {
        r[n - 2] = '\0';
        return 1;
    }
    if (n >= 2 && strchr("bcdghklmnpqrstvxoui", r[n - 1])) { /* a glide o u i too: êo -> ê */
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
    char key[80]; /* a row "onset rhyme" first (c ôm: com), then "rhyme" */
    snprintf(key, sizeof key, "%s %s", onset, base);
    const char *rw = find_str(t, K_RHYME, key);
    if (!rw)
        rw = find_str(t, K_RHYME, base);
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
 * đờ ra ma); a row "open|closed" differs before a coda, and
 * "open|closed|unstressed closed" when the syllable has no stress too. NULL
 * when none. */
static const char *hinted(const translit *t, const syl *s, int english, char *buf, size_t cap)
{
    const char *h = english && s->stress == 1 ? NULL : hint_row(t, s);
    if (!h)
        return NULL;
    const char *bar = strchr(h, '|');
    if (!bar)
        return h;
    const char *bar2 = strchr(bar + 1, '|');
    if (!s->coda[0])
        snprintf(buf, cap, "%.*s", (int)(bar - h), h);
    else if (bar2 && !s->stress)
        snprintf(buf, cap, "%s", bar2 + 1);
    else
        snprintf(buf, cap, "%.*s", bar2 ? (int)(bar2 - bar - 1) : (int)strlen(bar + 1), bar + 1);
    return buf;
}

/* The rhyme of a syllable: its nucleus (by a hint row, else the closed row
 * before a coda, else the vowel row) and coda, after its glide by a medial
 * row (the glide dropped when none fits). */
static void rhyme_of(const translit *t, const syl *s, int english, char *buf, size_t cap)
{
    char hb[32];
    const char *nuc = s->nucleus ? s->nucleus : hinted(t, s, english, hb, sizeof hb);
    if (!nuc && s->coda[0]) { /* "vowel coda phoneme" (a k: Kodak), "vowel coda" (ɔː n), "vowel" */
        char key[2 * PH_MAX + 8];
        snprintf(key, sizeof key, "%s %s", s->vowel, s->coda_ph ? s->coda_ph : "");
        if (!s->coda_ph || !(nuc = find_str(t, K_CLOSED, key))) {
            snprintf(key, sizeof key, "%s %s", s->vowel, s->coda);
            if (!(nuc = find_str(t, K_CLOSED, key)))
                nuc = find_str(t, K_CLOSED, s->vowel);
        }
    }
    if (!nuc)
        nuc = find_str(t, K_VOWEL, s->vowel);
    if (s->glide[0] && !s->fixed) { /* a glide + phoneme row first (wɒ -> oa) */
        char key[2 * PH_MAX + 2];
        snprintf(key, sizeof key, "%s%s", s->glide, s->vowel);
        const char *gv = find_str(t, K_MEDIAL, key);
        if (gv) { /* "open|closed" when a coda changes it */
            const char *bar = strchr(gv, '|');
            if (bar && !s->coda[0])
                snprintf(buf, cap, "%.*s", (int)(bar - gv), gv);
            else
                snprintf(buf, cap, "%s%s", bar ? bar + 1 : gv, s->coda);
            return;
        }
    }
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

/* 1 when syllable s's vowel letters are known and end with the last vowel
 * letter of the ending row's letters (-ez: e; Dominguez, said dˈəʊmɪŋz, has none) */
static int ending_vowel(const plan *pl, const syl *s)
{
    char v = 0;
    for (const char *p = pl->ending_from; *p; p++)
        if (strchr("aeiouy", *p))
            v = *p;
    return s->g && s->g->s[0] && s->g->s[strlen(s->g->s) - 1] == v;
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
        /* an ending row's nucleus (Perez pê rết), when the last vowel is the one written there */
        if (pl->ending && i == pl->n - 1 && !s->glide[0] && ending_vowel(pl, s))
            snprintf(rhyme, sizeof rhyme, "%s%s", pl->ending, s->coda);
        else
            rhyme_of(t, s, pl->english, rhyme, sizeof rhyme);
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
    plan pl;
    if (translit_plan_word(t, ph, n, lw, &pl) < 0)
        return -1;
    return render(t, &pl, out);
}

/* Where the letter X stands apart in a word it is said by its name, "ích":
 * at the start before a consonant (Xpander ích xpan đơ: eSpeak-NG's ɛks
 * would be "ếch") and as a capital after small letters at the end (SpaceX
 * xpây ích). 1 at the start, 2 at the end, else 0. */
static int letter_x(const char *word, size_t n)
{
    if (n >= 3 && (word[0] == 'x' || word[0] == 'X') && !strchr("aeiouyAEIOUY", word[1]) &&
        ((word[1] >= 'a' && word[1] <= 'z') || (word[1] >= 'A' && word[1] <= 'Z')))
        return 1;
    if (n >= 4 && word[n - 1] == 'X' && word[n - 2] >= 'a' && word[n - 2] <= 'z')
        return 2;
    return 0;
}

static int say_phonemes(const translit *t, const char *word, size_t n, strbuf *out)
{
    char lw[128];
    size_t m = utf8_lower_buf(word, n, lw, sizeof lw);
    if (!t || m == (size_t)-1 || m == 0)
        return -1;
    /* onsets English has not, whose first letter the engine spells ("ết",
     * "đa bồn iu"): Hwang, Hwasa as hu (Huang); Hjulmand as j (Danish);
     * Wlodarczyk as vl (Polish w) */
    if (m > 2 && lw[0] == 'h' && lw[1] == 'w' && strchr("aeiouy", lw[2]))
        lw[1] = 'u';
    else if (m > 2 && lw[0] == 'h' && lw[1] == 'j' && strchr("aeiouy", lw[2])) {
        memmove(lw, lw + 1, m - 1);
        lw[--m] = '\0';
    } else if (m > 2 && lw[0] == 'w' && lw[1] == 'l')
        lw[0] = 'v';
    strbuf ph = {0};
    size_t start = out->len;
    /* a Japanese name is asked for in Esperanto's letters (Takeshima takeŝima);
     * its vowel letters stay those written */
    char eo[192];
    const char *sp = lw;
    const rule *v = translit_voice_row(t, lw, m);
    size_t k = v && !strcmp(v->from, "=romaji") ? translit_romaji_eo(lw, m, eo, sizeof eo)
               : v && !strcmp(v->from, "=kh")   ? translit_kh_eo(lw, m, eo, sizeof eo)
                                                : 0;
    if (k)
        sp = eo, m = k;
    int rc = synth_foreign_phonemes(sp, m, v ? v->to : "en", &ph);
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

/* A prefix row: the word's first letters said as its syllables, the rest
 * (three letters or more) transliterated alone (McGinn: mắc + ginn). 1 when
 * done, 0 when no row fits, -1 when the rest gives nothing (out unchanged). */
static int prefixed(const translit *t, const char *word, size_t n, strbuf *out)
{
    const rules *r = &t->k[K_PREFIX];
    for (size_t i = 0; i < r->n; i++) {
        size_t k = strlen(r->v[i].from), j = 0;
        while (j < k && j < n && (word[j] | 0x20) == r->v[i].from[j])
            j++;
        if (j < k || n < k + 3)
            continue;
        size_t start = out->len;
        if (strbuf_word(out, r->v[i].to) || say_phonemes(t, word + k, n - k, out)) {
            strbuf_truncate(out, start);
            return -1;
        }
        return 1;
    }
    return 0;
}

int translit_word(const translit *t, const char *word, size_t n, strbuf *out)
{
    size_t start = out->len;
    int pre = t ? prefixed(t, word, n, out) : 0;
    if (pre)
        return pre > 0 ? 0 : -1;
    int x = letter_x(word, n);
    if (x == 2) {
        if (say_phonemes(t, word, n - 1, out))
            return -1;
        if (strbuf_word(out, "ích")) {
            strbuf_truncate(out, start);
            return -1;
        }
        return 0;
    }
    if (say_phonemes(t, word, n, out))
        return -1;
    /* the first syllable, from the letter's ɛks: ếch (or ếc) -> ích */
    size_t b = start + (start < out->len && out->s[start] == ' ');
    static const char *const EX[] = {"ếch", "ếc"};
    for (int i = 0; x == 1 && i < 2; i++) {
        size_t k = strlen(EX[i]);
        if (out->len - b >= k && !memcmp(out->s + b, EX[i], k) && (b + k == out->len || out->s[b + k] == ' ')) {
            char rest[512];
            snprintf(rest, sizeof rest, "%s", out->s + b + k);
            strbuf_truncate(out, b);
            if (strbuf_puts(out, "ích") || strbuf_puts(out, rest)) {
                strbuf_truncate(out, start);
                return -1;
            }
            break;
        }
    }
    return 0;
}
