/* respell — rewrites the words eSpeak-NG misreads, by the rules of lexicon/respell.tsv.
 * Each word is parsed as a Vietnamese syllable (onset, toneless rhyme, tone) by the
 * one syllable grammar, src/text/syllable.c, the classifier's;
 * the first matching rule gives a new spelling or eSpeak phoneme input [[...]]. */
#include "respell.h"
#include "syllable.h"
#include "tsv.h"
#include "vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { K_SYLLABLE, K_WORD, K_ONSET };
enum { MAXCP = 64, MAXB = 4 * MAXCP + 1 };   /* longer "words" are never syllables */

typedef struct {
    int kind;
    int tone;   /* syllable rules: 0..5, or -1 for any tone */
    char *a;    /* syllable: onset pattern ("*" = any); word: the word; onset: the onset */
    char *b;    /* syllable: rhyme pattern (a final '*' matches any rest); else "" */
    char *out;  /* the replacement (see lexicon/respell.tsv) */
} rule;

struct respell {
    rule *rules;
    size_t n, cap;
    char *voice;
    const lexicon *lx;   /* the rhymes of the syllable grammar; borrowed */
};

static const char *const TONE_NAME[6] = {"ngang", "huyền", "sắc", "hỏi", "ngã", "nặng"};
static const utf8proc_int32_t TONE_MARK[6] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
static const char *const TONE_DIGIT[6] = {"", "2", "3", "4", "5", "6"};

/* ---- text helpers -------------------------------------------------------------------- */

/* NFC of buf[0..n) codepoints written as UTF-8 into dst (MAXB bytes). Returns bytes or -1. */
static int compose(const utf8proc_int32_t *cps, size_t n, char *dst)
{
    utf8proc_int32_t buf[MAXCP * 4];
    char tmp[MAXB];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (len + 4 >= sizeof tmp)
            return -1;
        len += (size_t)utf8proc_encode_char(cps[i], (utf8proc_uint8_t *)tmp + len);
    }
    utf8proc_ssize_t m = utf8proc_decompose((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)len,
                                            buf, MAXCP * 4, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0 || m > MAXCP * 4)
        return -1;
    m = utf8proc_reencode(buf, m, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0 || m >= MAXB)
        return -1;
    memcpy(dst, buf, (size_t)m);
    dst[m] = '\0';
    return (int)m;
}

/* Decodes s[0..len) into cps (at most MAXCP). Returns the count, or -1. */
static int decode(const char *s, size_t len, utf8proc_int32_t *cps)
{
    int n = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0 || n == MAXCP)
            return -1;
        cps[n++] = c;
        i += (size_t)k;
    }
    return n;
}

static int is_letter(utf8proc_int32_t c)
{
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return 1;
    default:
        return 0;
    }
}

static int is_vowel(utf8proc_int32_t c)
{
    static const utf8proc_int32_t v[] = {'a', 0x103, 0xe2, 'e', 0xea, 'i', 'o', 0xf4, 0x1a1,
                                         'u', 0x1b0, 'y'};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (c == v[i])
            return 1;
    return 0;
}

/* a word, lowercased, split into onset + toneless rhyme + tone */
typedef struct {
    char lower[MAXB];  /* lowercase NFC, with its tone mark */
    char onset[8];
    char rhyme[MAXB];  /* toneless, NFC */
    int tone;          /* 0..5, or -1 when this is not a Vietnamese syllable */
    int upper_first, upper_all;
} word;

/* Fills w from the letters s[0..len). Returns 0, or -1 when the word is too long to be one. */
static int analyse(const lexicon *lx, word *w, const char *s, size_t len)
{
    utf8proc_int32_t cps[MAXCP];
    int n = decode(s, len, cps), nupper = 0;
    if (n <= 0)
        return -1;
    w->upper_first = 0;
    for (int i = 0; i < n; i++) {
        utf8proc_int32_t lo = utf8proc_tolower(cps[i]);
        if (lo != cps[i]) {
            nupper++;
            if (i == 0)
                w->upper_first = 1;
        }
        cps[i] = lo;
    }
    w->upper_all = n > 1 && nupper == n;
    if (compose(cps, (size_t)n, w->lower) < 0)
        return -1;
    vi_syllable syl;
    w->tone = -1;
    if (syllable_parse(lx, w->lower, strlen(w->lower), &syl)) {
        strcpy(w->onset, syl.onset);
        strcpy(w->rhyme, syl.rhyme);
        w->tone = (int)syl.tone;
    }
    return 0;
}

/* Index (in codepoints) of the vowel of rhyme cps[0..n) that carries the tone mark. */
static int tone_vowel(const utf8proc_int32_t *cps, int n)
{
    static const utf8proc_int32_t marked[] = {0x103, 0xe2, 0xea, 0xf4, 0x1a1, 0x1b0};
    int nv = 0, last_marked = -1;
    while (nv < n && is_vowel(cps[nv])) {
        for (size_t k = 0; k < sizeof marked / sizeof marked[0]; k++)
            if (cps[nv] == marked[k])
                last_marked = nv;
        nv++;
    }
    if (last_marked >= 0)
        return last_marked;                 /* ươ, iê, uô, ă, â ... */
    if (nv <= 1)
        return 0;
    if (nv < n)
        return nv - 1;                      /* before a coda: the last vowel (oác, uýt) */
    if (nv == 3)
        return 1;                           /* oai, uya, oeo: the middle one */
    if ((cps[0] == 'o' && (cps[1] == 'a' || cps[1] == 'e')) || (cps[0] == 'u' && cps[1] == 'y'))
        return 1;                           /* oa, oe, uy: the second (new style) */
    return 0;                               /* ai, ao, ia, ua, ưa, ưu ... */
}

/* Appends onset + rhyme (toneless) with the tone mark placed and the case of the original.
 * Returns 1 when written, 0 when it does not fit (nothing written), -1 on out of memory. */
static int put_spelled(const word *w, const char *onset, const char *rhyme, strbuf *out)
{
    char tmp[MAXB];
    utf8proc_int32_t r[MAXCP], all[MAXCP + 1];
    int nr = decode(rhyme, strlen(rhyme), r), no = decode(onset, strlen(onset), all);
    if (nr <= 0 || no < 0 || no + nr + 1 > MAXCP)
        return 0;
    int at = tone_vowel(r, nr), n = no;
    for (int i = 0; i < nr; i++) {
        all[n++] = r[i];
        if (i == at && w->tone > 0)
            all[n++] = TONE_MARK[w->tone];
    }
    for (int i = 0; i < n; i++)
        if (w->upper_all || (w->upper_first && i == 0))
            all[i] = utf8proc_toupper(all[i]);
    int len = compose(all, (size_t)n, tmp);
    if (len < 0)
        return 0;
    return strbuf_append(out, tmp, (size_t)len) ? -1 : 1;
}

static const char *onset_phonemes(const respell *r, const char *onset)
{
    if (!*onset)
        return "";
    for (size_t i = 0; i < r->n; i++)
        if (r->rules[i].kind == K_ONSET && !strcmp(r->rules[i].a, onset))
            return r->rules[i].out;
    return NULL;
}

/* eSpeak takes [[ as phoneme input only at the start of a word, and misreads ]] followed by
 * a letter, digit or '-': pad [[...]] with spaces, except before clause punctuation. A
 * hyphen next to it becomes a space (eSpeak joins hyphenated syllables with no pause). */
static int pad_before(strbuf *out)
{
    char c = out->len ? out->s[out->len - 1] : ' ';
    if (c == '-') {
        out->s[out->len - 1] = ' ';
        return 0;
    }
    return c == ' ' || c == '\t' || c == '\n' ? 0 : strbuf_putc(out, ' ');
}

static int pad_after(strbuf *out, char next)
{
    return !next || strchr(" \t\r\n,.;:!?-", next) ? 0 : strbuf_putc(out, ' ');
}

static int ends_phonemes(const strbuf *out)
{
    return out->len >= 2 && !strcmp(out->s + out->len - 2, "]]");
}

/* Appends a [[...]] template with {o} = the onset's phonemes and {t} = the tone digit. */
static int put_template(const char *tpl, const char *oph, int tone, char next, strbuf *out)
{
    if (pad_before(out))
        return -1;
    for (const char *p = tpl; *p;) {
        if (!strncmp(p, "{o}", 3) || !strncmp(p, "{t}", 3)) {
            if (strbuf_puts(out, p[1] == 'o' ? oph : TONE_DIGIT[tone]))
                return -1;
            p += 3;
        } else if (strbuf_putc(out, *p++)) {
            return -1;
        }
    }
    return pad_after(out, next);
}

/* Applies the first matching syllable rule. Returns 1 if it wrote, 0 if none matched, -1 on OOM. */
static int apply_syllable(const respell *r, const word *w, char next, strbuf *out)
{
    if (w->tone < 0)
        return 0;
    for (size_t i = 0; i < r->n; i++) {
        const rule *u = &r->rules[i];
        if (u->kind != K_SYLLABLE || (u->tone >= 0 && u->tone != w->tone) ||
            (strcmp(u->a, "*") && strcmp(u->a, w->onset)))
            continue;
        size_t pl = strlen(u->b);
        const char *rest = "";
        if (pl && u->b[pl - 1] == '*') {
            if (strncmp(w->rhyme, u->b, pl - 1))
                continue;
            rest = w->rhyme + pl - 1;
        } else if (strcmp(w->rhyme, u->b)) {
            continue;
        }
        if (!strncmp(u->out, "[[", 2)) {
            const char *oph = onset_phonemes(r, w->onset);
            if (!oph)
                continue;           /* no phonemes known for this onset: try the next rule */
            return put_template(u->out, oph, w->tone, next, out) ? -1 : 1;
        }
        const char *plus = strchr(u->out, '+'), *star = strchr(plus + 1, '*');
        char onset[16];
        size_t ol = (size_t)(plus - u->out);
        if (ol == 1 && u->out[0] == '*')
            strcpy(onset, w->onset);
        else if (ol < sizeof onset)
            memcpy(onset, u->out, ol), onset[ol] = '\0';
        else
            continue;
        size_t before = star ? (size_t)(star - plus - 1) : strlen(plus + 1);
        char rhyme[MAXB];
        int n = snprintf(rhyme, sizeof rhyme, "%.*s%s%s", (int)before, plus + 1,
                         star ? rest : "", star ? star + 1 : "");
        if (n < 0 || (size_t)n >= sizeof rhyme)
            continue;
        int done = put_spelled(w, onset, rhyme, out);
        if (done)
            return done;
    }
    return 0;
}

static int scan(const respell *r, const char *text, size_t len, strbuf *out, int depth);
static int put_word(const respell *r, const char *s, size_t len, char next, strbuf *out, int depth);

/* A consonant before a syllable that begins with a consonant, as the press
 * writes foreign names (U-crai-na, Mát-xcơ-va, Ô-xtrây-li-a, Crưm): eSpeak-NG's
 * Vietnamese voice switches to English for such a word, so the first
 * consonant is said with a schwa of its own ("cờ rai", "xờ cơ", "xờ trây").
 * Returns 1 when written, 0 when w is no such word, -1 on out of memory. */
static int put_cluster(const respell *r, const word *w, char next, strbuf *out, int depth)
{
    static const struct { const char *c, *say; } FIRST[] = {
        {"ph", "phờ"}, {"b", "bờ"}, {"c", "cờ"}, {"d", "đờ"}, {"đ", "đờ"}, {"f", "phờ"}, {"g", "gờ"},
        {"k", "cờ"}, {"p", "pờ"}, {"s", "xờ"}, {"t", "tờ"}, {"v", "vờ"}, {"x", "xờ"}, {"z", "dờ"}};
    if (w->tone >= 0 || depth > 2)
        return 0;
    for (size_t i = 0; i < sizeof FIRST / sizeof FIRST[0]; i++) {
        size_t l = strlen(FIRST[i].c);
        const char *rest = w->lower + l;
        /* rest must begin with a consonant: an ASCII one, or the two bytes of đ; not h,
         * which makes a Vietnamese onset of the first (ch gh kh th), not a cluster */
        if (strncmp(w->lower, FIRST[i].c, l) || !*rest ||
            !(strchr("bcdfgklmnprstvxz", *rest) || !strncmp(rest, "đ", strlen("đ"))))
            continue;
        word v;
        if (analyse(r->lx, &v, rest, strlen(rest)) < 0 || (v.tone < 0 && !strchr("bcdfgkpstvx", *rest)))
            return 0;
        if (strbuf_append(out, FIRST[i].say, strlen(FIRST[i].say)) || strbuf_putc(out, ' '))
            return -1;
        return put_word(r, rest, strlen(rest), next, out, depth + 1) ? -1 : 1;
    }
    return 0;
}

/* Appends word s[0..len); next is the byte that follows it in the text (0 at the end). */
static int put_word(const respell *r, const char *s, size_t len, char next, strbuf *out,
                    int depth)
{
    word w;
    if (analyse(r->lx, &w, s, len) < 0)
        return strbuf_append(out, s, len);
    int split = put_cluster(r, &w, next, out, depth);
    if (split)
        return split < 0 ? -1 : 0;
    for (size_t i = 0; depth == 0 && i < r->n; i++) {
        const rule *u = &r->rules[i];
        if (u->kind == K_WORD && !strcmp(u->a, w.lower)) {
            if (!strncmp(u->out, "[[", 2))
                return put_template(u->out, "", 0, next, out);
            return scan(r, u->out, strlen(u->out), out, depth + 1);
        }
    }
    int done = apply_syllable(r, &w, next, out);
    return done < 0 ? -1 : done ? 0 : strbuf_append(out, s, len);
}

static int scan(const respell *r, const char *text, size_t len, strbuf *out, int depth)
{
    size_t i = 0;
    while (i < len) {
        if (len - i >= 2 && text[i] == '[' && text[i + 1] == '[') {   /* phonemes already */
            size_t stop = i + 2;
            while (stop < len && !(text[stop - 1] == ']' && text[stop] == ']'))
                stop++;
            stop = stop < len ? stop + 1 : len;
            if (strbuf_append(out, text + i, stop - i))
                return -1;
            i = stop;
            continue;
        }
        size_t j = i;
        while (j < len) {
            utf8proc_int32_t c;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + j,
                                                  (utf8proc_ssize_t)(len - j), &c);
            if (k <= 0 || !is_letter(c))
                break;
            j += (size_t)k;
        }
        if (j > i) {
            if (put_word(r, text + i, j - i, j < len ? text[j] : 0, out, depth))
                return -1;
            i = j;
        } else {                          /* one byte of anything else, copied */
            if (strbuf_putc(out, text[i] == '-' && ends_phonemes(out) ? ' ' : text[i]))
                return -1;
            i++;
        }
    }
    return 0;
}

int respell_text(const respell *r, const char *text, size_t len, strbuf *out)
{
    return scan(r, text, len, out, 0);
}

/* ---- loading ------------------------------------------------------------------------- */

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

static int add_row(void *user, const char *const *cells, char *err, size_t errlen)
{
    respell *r = user;
    const char *kind = cells[0], *voice = cells[1], *match = cells[2], *tone = cells[3],
               *out = cells[4];
    rule u = {0, -1, NULL, NULL, NULL};
    if (!strcmp(kind, "syllable"))
        u.kind = K_SYLLABLE;
    else if (!strcmp(kind, "word"))
        u.kind = K_WORD;
    else if (!strcmp(kind, "onset"))
        u.kind = K_ONSET;
    else
        return snprintf(err, errlen, "unknown kind '%s' (syllable, word or onset)", kind), -1;
    for (int t = 0; t < 6; t++)
        if (!strcmp(tone, TONE_NAME[t]))
            u.tone = t;
    if (*tone && (u.tone < 0 || u.kind != K_SYLLABLE))
        return snprintf(err, errlen, "bad tone '%s' (a tone name, for syllable rules only)",
                        tone), -1;
    if (!*match || (!*out && u.kind != K_ONSET))
        return snprintf(err, errlen, "empty match or output"), -1;
    int phon = !strncmp(out, "[[", 2);
    size_t ol = strlen(out);
    if (phon && (ol < 4 || strcmp(out + ol - 2, "]]") || strstr(out + 2, "]]") != out + ol - 2))
        return snprintf(err, errlen, "phoneme output must be one [[...]]"), -1;
    const char *plus = strchr(match, '+');
    if (u.kind == K_SYLLABLE) {
        if (!plus || strchr(plus + 1, '+') || (!phon && !strchr(out, '+')))
            return snprintf(err, errlen, "syllable rules take onset+rhyme (match and output)"), -1;
        const char *ostar = phon ? NULL : strchr(strchr(out, '+') + 1, '*');
        size_t rl = strlen(plus + 1);
        if (ostar && (rl == 0 || plus[rl] != '*'))
            return snprintf(err, errlen, "output has '*' but the rhyme pattern does not end in '*'"),
                   -1;
    }
    if (voice[0] && strcmp(voice, r->voice))
        return 0;                          /* a rule for another voice */
    if (VEC_RESERVE(r->rules, r->cap, r->n + 1))
        return snprintf(err, errlen, "out of memory"), -1;
    word w;
    if (u.kind == K_WORD && analyse(r->lx, &w, match, strlen(match)) < 0)
        return snprintf(err, errlen, "word too long"), -1;
    const char *a = u.kind == K_WORD ? w.lower : match;
    size_t al = u.kind == K_SYLLABLE ? (size_t)(plus - match) : strlen(a);
    u.a = malloc(al + 1);
    u.b = dup(u.kind == K_SYLLABLE ? plus + 1 : "");
    u.out = dup(out);
    if (!u.a || !u.b || !u.out) {
        free(u.a), free(u.b), free(u.out);
        return snprintf(err, errlen, "out of memory"), -1;
    }
    memcpy(u.a, a, al);
    u.a[al] = '\0';
    r->rules[r->n++] = u;
    return 0;
}

respell *respell_load(const char *path, const lexicon *lx, const char *voice, char *err,
                      size_t errlen)
{
    static const char *const want[] = {"kind", "voice", "match", "tone", "output"};
    respell *r = calloc(1, sizeof *r);
    if (!r || !(r->voice = dup(voice ? voice : ""))) {
        snprintf(err, errlen, "%s: out of memory", path);
        free(r);
        return NULL;
    }
    r->lx = lx;
    if (tsv_load(path, want, 5, add_row, r, err, errlen)) {
        respell_free(r);
        return NULL;
    }
    return r;
}

void respell_free(respell *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->rules[i].a);
        free(r->rules[i].b);
        free(r->rules[i].out);
    }
    free(r->rules);
    free(r->voice);
    free(r);
}
