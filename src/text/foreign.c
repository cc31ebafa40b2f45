/* foreign — translit's readings remembered per normalizer. */
#include "foreign.h"
#include "tones.h"
#include "utf8.h"
#include <string.h>

/* 1 for ă â đ ê ô ơ ư (either case): letters only Vietnamese writes */
static int viet_letter(int32_t cp)
{
    switch (cp) {
    case 0x103: case 0x102: case 0xE2: case 0xC2: case 0x111: case 0x110: case 0xEA: case 0xCA:
    case 0xF4: case 0xD4: case 0x1A1: case 0x1A0: case 0x1B0: case 0x1AF:
        return 1;
    default:
        return 0;
    }
}

/* 1 when s[0..n) has a letter only Vietnamese writes */
static int has_viet_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += utf8_next(s + i, n - i, &cp);
        if (viet_letter(cp))
            return 1;
    }
    return 0;
}

int foreign_looking(const char *s, size_t n)
{
    size_t letters = 0;
    int vowel = 0; /* gmt, utc, cst: letters to spell, not a word */
    int viet = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = utf8_next(s + i, n - i, &cp);
        if (cp < 0 || !utf8_is_letter(cp) || cp > 0x24F)
            return 0; /* beyond Latin Extended-B (and the Vietnamese block) */
        viet |= viet_letter(cp);
        if (letters && utf8_is_upper(cp))
            return 0; /* a capital inside: VTVcab, iGate are mixed codes, not names */
        letters++;
        vowel |= cp > 0x7F || strchr("aeiouyAEIOUY", (int)cp) != NULL;
        i += k;
    }
    /* three lower-case letters or fewer are a code (utc, est), not a name */
    int capital = (unsigned char)s[0] >= 'A' && (unsigned char)s[0] <= 'Z';
    if (viet) { /* a name the press writes in Vietnamese letters (Angôla, Canađa, Ôxtrâylia): capitalized */
        int32_t first;
        utf8_next(s, n, &first);
        return utf8_is_upper(first) && letters >= 4 && vowel;
    }
    return (letters >= 4 || (capital && letters >= 2)) && vowel;
}

/* Is c a vowel letter of English words (Y with them: SKY, STYLE)? */
static int caps_vowel(char c) { return strchr("AEIOUY", c) != NULL; }

/* The consonant pairs an English word ends with (SONG, PINK, BEST, BORN,
 * WEEK, MATCH); an acronym ends with others (HAGL, VNPT, AFTN). */
static int caps_final_pair(const char *p)
{
    static const char PAIRS[] = "STNDNGNKNTRDRKRNRSRTLLLDLTSSSHCHTHCKGHPHMPFTPTCTLKLFLMLPRMSKSPKSTSDSNSMSLSWNXT";
    for (size_t k = 0; PAIRS[k]; k += 2)
        if (p[0] == PAIRS[k] && p[1] == PAIRS[k + 1])
            return 1;
    return 0;
}

int foreign_caps_word(const char *s, size_t n)
{
    if (n == 3) /* HOW, YOU, BIG: a vowel, and no two consonants together */
        return strchr("AEIOU", s[0]) || strchr("AEIOU", s[1]) || strchr("AEIOU", s[2]) ?
               !((!caps_vowel(s[0]) && !caps_vowel(s[1])) || (!caps_vowel(s[1]) && !caps_vowel(s[2]))) : 0;
    if (n < 4 || n > 12)
        return 0;
    size_t vowels = 0, run = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] < 'A' || s[k] > 'Z')
            return 0;
        int v = caps_vowel(s[k]);
        vowels += (size_t)v;
        run = v ? 0 : run + 1;
        /* three consonants together only as a word begins them (STR, SCH, THR) */
        if (run >= 3 && !(run == 3 && k == 2 && strchr("SCT", s[0]) && strchr("CHPT", s[1]) && strchr("HLRW", s[2])))
            return 0;
    }
    if (!vowels || 4 * vowels < n || (run == 2 && !caps_final_pair(s + n - 2)))
        return 0;
    /* two consonants first: a cluster a word begins with (BL, ST, TH, PR), not VN, HD, TP */
    if (!caps_vowel(s[0]) && !caps_vowel(s[1]) && !(strchr("BCDFGKPST", s[0]) && strchr("HLRW", s[1])) &&
        !(s[0] == 'S' && strchr("CKMNPTW", s[1])))
        return 0;
    return 1;
}

/* A schwa syllable that only splits a cluster (bờ ren, xờ mát) joined to the
 * next syllable as the press prints it (bren, xmát): the reading in r[0..n)
 * rewritten in place; its new length. respell says such clusters again with
 * the schwa, for the voice. */
static size_t press_clusters(char *r, size_t n)
{
    static const struct { const char *schwa, *c, *next; } JOIN[] = {
        {"bờ ", "b", "rl"}, {"cờ ", "c", "rl"}, {"gờ ", "g", "rl"}, {"pờ ", "p", "rl"}, {"phờ ", "ph", "rl"},
        {"đờ ", "đ", "r"}, {"tờ ", "t", "r"}, {"vờ ", "v", "rl"}, {"xờ ", "x", "tckpmnlbvgrđ"}};
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        for (; k < sizeof JOIN / sizeof JOIN[0]; k++) {
            size_t l = strlen(JOIN[k].schwa);
            /* the next letter: an ASCII one of next, or đ when next names it (Potsdam pốt xđam) */
            const char *d = strstr(JOIN[k].next, "đ");
            if ((i == 0 || r[i - 1] == ' ') && i + l < n && !memcmp(r + i, JOIN[k].schwa, l) &&
                (((unsigned char)r[i + l] < 0x80 && strchr(JOIN[k].next, r[i + l])) ||
                 (d && !strncmp(r + i + l, "đ", strlen("đ")))))
                break;
        }
        if (k < sizeof JOIN / sizeof JOIN[0]) {
            size_t cl = strlen(JOIN[k].c);
            memmove(r + w, JOIN[k].c, cl);
            w += cl;
            i += strlen(JOIN[k].schwa);
            continue;
        }
        r[w++] = r[i++];
    }
    return w;
}

static int put(const char *reading, strbuf *out)
{
    return strbuf_word(out, reading);
}

/* What the cache remembers under key: 0 (said), 1 (no reading), -1 (out of
 * memory), or 2 when it was never asked (the cache emptied first when full). */
static int recall(foreign_cache *fc, const char *key, size_t n, strbuf *out)
{
    int at = dict_get(&fc->index, key, n);
    if (at == -2)
        return 1;
    if (at >= 0)
        return put(fc->text.s + at, out) ? -1 : 0;
    if (fc->text.len > FOREIGN_CACHE_MAX) { /* a long text of odd words: start again */
        dict_free(&fc->index);
        strbuf_clear(&fc->text);
    }
    return 2;
}

/* The reading put in fc->text from start on, remembered under key and said;
 * with clusters, a schwa syllable that only splits a cluster joined first
 * (a transliteration's, never a Vietnamese word's: bờ rào). */
static int remember(foreign_cache *fc, const char *key, size_t n, size_t start, int clusters, strbuf *out)
{
    size_t from = start; /* a reading puts a space before it when the text does not end in one */
    while (from < fc->text.len && fc->text.s[from] == ' ')
        from++;
    if (clusters)
        strbuf_truncate(&fc->text, from + press_clusters(fc->text.s + from, fc->text.len - from));
    if (strbuf_putc(&fc->text, '\0') || dict_put(&fc->index, key, n, (int)from))
        return -1;
    return put(fc->text.s + from, out) ? -1 : 0;
}

int foreign_read(foreign_cache *fc, const translit *tr, const char *word, size_t n, strbuf *out)
{
    int rc = recall(fc, word, n, out);
    if (rc != 2)
        return rc;
    size_t start = fc->text.len;
    /* toneless Vietnamese first (dichvucong, Kinhtedothi, #dulichvietnam:
     * "dịch vụ công"; it answers only when sure), else a foreign word */
    rc = tones_restore(word, n, &fc->text);
    /* a handle of a name (buitruonglinh: bùi trường linh), not its letters */
    if (rc > 0)
        rc = tones_name(word, n, &fc->text);
    /* a capitalized name of one toneless syllable whose rhyme needs its marks
     * (Duong, Tuyet, Quoc: no syllable as written): its likeliest syllable,
     * rather than English letters (đu ông, tai ít, quác) */
    if (rc > 0 && n <= 7 && word[0] >= 'A' && word[0] <= 'Z' && !tones_english(word, n))
        rc = tones_one_syllable(word, n, &fc->text);
    if (rc < 0)
        return -1;
    /* then a name already in Vietnamese letters (Áchentina, Angôla), else a
     * foreign word; one with a letter only Vietnamese writes that does not cut
     * into syllables stays as written (no English voice for it) */
    if (rc && translit_vietnamized(tr, word, n, &fc->text) &&
        (has_viet_letter(word, n) ? strbuf_wordn(&fc->text, word, n) : translit_word(tr, word, n, &fc->text))) {
        strbuf_truncate(&fc->text, start);
        return dict_put(&fc->index, word, n, -2) ? -1 : 1;
    }
    return remember(fc, word, n, start, 1, out);
}

int foreign_read_toneless(foreign_cache *fc, const translit *tr, const char *word, size_t n, strbuf *out)
{
    char key[TONES_MAX_LETTERS + 2];
    if (n + 1 >= sizeof key)
        return foreign_read(fc, tr, word, n, out);
    key[0] = '#'; /* its own entry: the same letters in running text are a foreign word's */
    memcpy(key + 1, word, n);
    int rc = recall(fc, key, n + 1, out);
    if (rc == 1)
        return foreign_read(fc, tr, word, n, out);
    if (rc != 2)
        return rc;
    size_t start = fc->text.len;
    rc = tones_last_resort(word, n, &fc->text);
    if (rc < 0)
        return -1;
    if (rc)
        return dict_put(&fc->index, key, n + 1, -2) ? -1 : foreign_read(fc, tr, word, n, out);
    return remember(fc, key, n + 1, start, 0, out);
}

void foreign_cache_free(foreign_cache *fc)
{
    dict_free(&fc->index);
    strbuf_free(&fc->text);
}
