/* syllable — parses a token as onset + rhyme + tone with utf8proc's
 * decomposition: the tone is the one combining mark among U+0300 U+0301
 * U+0303 U+0309 U+0323; the rest recomposes into the toneless spelling. */
#include "syllable.h"
#include "utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define O(s) {s, sizeof s - 1}
static const struct { const char *s; size_t n; } ONSETS[] = {
    O("ngh"), O("ng"), O("nh"), O("ch"), O("gh"), O("gi"), O("kh"), O("ph"), O("th"), O("tr"), O("qu"),
    O("b"), O("c"), O("d"), O("đ"), O("g"), O("h"), O("k"), O("l"), O("m"), O("n"), O("p"), O("r"),
    O("s"), O("t"), O("v"), O("x")};
#undef O

static int tone_of(int32_t cp)
{
    switch (cp) {
    case 0x0300: return TONE_HUYEN;
    case 0x0301: return TONE_SAC;
    case 0x0303: return TONE_NGA;
    case 0x0309: return TONE_HOI;
    case 0x0323: return TONE_NANG;
    default: return -1;
    }
}

/* Lowercase toneless spelling of s into base; the tone into *tone.
 * -1 when there are two tones, a non-letter, or it is too long. */
static int strip_tone(const char *s, size_t n, char *base, size_t cap, vi_tone *tone)
{
    /* no ASCII but letters; all ASCII: the lower case, no tone (as below, without utf8proc) */
    int ascii = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x80)
            ascii = 0;
        else if (!((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
            return -1;
    }
    if (ascii) {
        if (!n || n >= cap)
            return -1;
        for (size_t i = 0; i < n; i++)
            base[i] = (char)(s[i] | 0x20);
        base[n] = '\0';
        *tone = TONE_NGANG;
        return 0;
    }
    /* decompose into a buffer on the stack (no allocation: this runs for every token) */
    utf8proc_int32_t cps[64];
    utf8proc_ssize_t len = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps, 64,
                                              UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
    if (len < 0 || len > 60)
        return -1;
    int tones = 0;
    utf8proc_ssize_t k = 0;
    int32_t letter = 0; /* the last letter kept: a tone mark sits on a vowel (not the tilde of ñ) */
    *tone = TONE_NGANG;
    for (utf8proc_ssize_t i = 0; i < len; i++) {
        int t = tone_of(cps[i]);
        if (t >= 0) {
            if (letter > 0x7F || !strchr("aeiouy", (int)letter) || !letter)
                return -1;
            *tone = (vi_tone)t;
            tones++;
        } else if (utf8_is_letter(cps[i]) || cps[i] == 0x0302 || cps[i] == 0x0306 || cps[i] == 0x031B) {
            if (utf8_is_letter(cps[i]))
                letter = cps[i];
            cps[k++] = cps[i];
        } else {
            return -1;
        }
    }
    if (tones > 1 || k == 0)
        return -1;
    /* compose again (â ê ô ơ ư ă) and write UTF-8 into the same buffer */
    utf8proc_ssize_t m = utf8proc_normalize_utf32(cps, k, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (m < 0)
        return -1;
    m = utf8proc_reencode(cps, m, UTF8PROC_STABLE);
    if (m < 0 || (size_t)m >= cap)
        return -1;
    memcpy(base, cps, (size_t)m);
    base[m] = '\0';
    return 0;
}

static int front_vowel(const char *r)
{
    return r[0] == 'i' || r[0] == 'e' || !strncmp(r, "ê", strlen("ê"));
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

int syllable_parse(const lexicon *lx, const char *s, size_t n, vi_syllable *out)
{
    char base[48];
    vi_tone tone;
    if (n == 0 || n > 40 || strip_tone(s, n, base, sizeof base, &tone))
        return 0;
    const char *onset = "";
    for (size_t i = 0; i < sizeof ONSETS / sizeof ONSETS[0]; i++) {
        size_t k = ONSETS[i].n;
        if (base[0] == ONSETS[i].s[0] && !strncmp(base, ONSETS[i].s, k) && base[k]) {
            onset = ONSETS[i].s;
            break;
        }
    }
    const char *rhyme = base + strlen(onset);
    /* "gi" before a consonant-initial rhyme is g + i ("gìn"); "gi" alone is g + i */
    if (!strcmp(onset, "gi") && !lexicon_rhyme(lx, rhyme, strlen(rhyme))) {
        onset = "g";
        rhyme = base + 1;
    }
    if (!lexicon_rhyme(lx, rhyme, strlen(rhyme)))
        return 0;
    /* spelling rules: k gh ngh only before i e ê; c g ng never before them */
    int front = front_vowel(rhyme);
    if ((!strcmp(onset, "k") || !strcmp(onset, "gh") || !strcmp(onset, "ngh")) && !front && rhyme[0] != 'y')
        return 0;
    if ((!strcmp(onset, "c") || !strcmp(onset, "ng")) && front)
        return 0;
    /* stop-final rhymes take only sắc or nặng */
    if ((ends_with(rhyme, "p") || ends_with(rhyme, "t") || ends_with(rhyme, "c") || ends_with(rhyme, "ch")) &&
        tone != TONE_SAC && tone != TONE_NANG)
        return 0;
    if (out) {
        snprintf(out->onset, sizeof out->onset, "%s", onset);
        snprintf(out->rhyme, sizeof out->rhyme, "%s", rhyme);
        out->tone = tone;
    }
    return 1;
}

int syllable_is_word(const lexicon *lx, const char *s, size_t n)
{
    size_t i = 0, parts = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '-')
            j++;
        if (j > i) {
            if (!syllable_parse(lx, s + i, j - i, NULL))
                return 0;
            parts++;
        }
        i = j + 1;
    }
    return parts > 0;
}
