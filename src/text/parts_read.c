/* parts_read — how a run of letters inside a mixed token is read, and what
 * the piece after a dash is (parts_read.h). Pure: asks the lexicon only. */
#include "parts_read.h"
#include "foreign.h"
#include "numbers.h"
#include "rules.h"
#include "syllable.h"
#include "tones.h"
#include "translit.h"
#include "utf8.h"
#include <string.h>

const abbr_entry *parts_run_abbr(const lexicon *lx, slice s, int url)
{
    const abbr_entry *e = lexicon_abbr(lx, s.s, s.n);
    if (e && url && e->kind == ABBR_EXPAND) /* VOV.VN: the domain's letters, not Việt Nam */
        e = NULL;
    if (!e && utf8_len(s.s, s.n) <= 8) {
        strbuf b = {0};
        if (!utf8_upper(s.s, s.n, &b) && b.len < 64)
            e = lexicon_abbr(lx, strbuf_str(&b), b.len);
        if (e && e->kind != ABBR_SPELL)
            e = NULL;
        strbuf_free(&b);
    }
    return e;
}

const char *parts_route_reading(const lexicon *lx, slice letters)
{
    char key[16];
    if (letters.n + 1 >= sizeof key || !lexicon_word_has(lx, letters.s, letters.n, ROLE_ROUTE))
        return NULL;
    memcpy(key, letters.s, letters.n);
    key[letters.n] = '.';
    const abbr_entry *e = lexicon_abbr(lx, key, letters.n + 1);
    while (e && e->kind != ABBR_EXPAND)
        e = lexicon_abbr_at(lx, e->next);
    return e ? e->reading : NULL;
}

/* the reading of a unit's letters, two or more, that are no syllable (đô
 * la/gallon, Km13+714), spelled exactly as in the table; NULL for none */
static const char *unit_reading(const lexicon *lx, slice s)
{
    const unit_entry *u =
        s.n >= 3 || (s.n == 2 && !syllable_parse(lx, s.s, s.n, NULL)) ? lexicon_unit(lx, s.s, s.n) : NULL;
    return u && strlen(u->unit) == s.n && !memcmp(u->unit, s.s, s.n) ? u->reading : NULL;
}

part_reading parts_run_reading(const lexicon *lx, slice s, int code, int url, int piece, const char **reading)
{
    if (!code) {
        const abbr_entry *e = parts_run_abbr(lx, s, url);
        if (e && e->kind == ABBR_SPELL && !e->reading[0])
            return PR_SPELL;
        const char *r = e ? e->reading : lexicon_loanword(lx, s.s, s.n);
        if (!r)
            r = lexicon_exonym(lx, s.s, s.n);
        if (!r)
            r = unit_reading(lx, s);
        if (r) {
            *reading = r;
            return PR_READING;
        }
    }
    if (utf8_all_upper(s.s, s.n))
        return !code && s.n > 1 && syllable_is_word(lx, s.s, s.n) ? PR_LOWER : PR_SPELL;
    if (piece == 2 || syllable_parse(lx, s.s, s.n, NULL))
        return PR_WRITTEN;
    /* a short lower-case run is letters (the vn of vnEdu), unless it is a word
     * of a hyphenated word (the off of sale-off); a capitalized one is a name
     * (Suk, Jae), unless it has no vowel to say (the Kh of Kh-47M2, the Gmb of GmbH) */
    int32_t f0;
    utf8_next(s.s, s.n, &f0);
    if (!rule_has_char(s, "aeiouyAEIOUY"))
        return PR_SPELL;
    if (utf8_len(s.s, s.n) <= 3 && !utf8_is_upper(f0))
        return piece ? PR_FOREIGN : PR_SPELL;
    if (!foreign_looking(s.s, s.n))
        return PR_WRITTEN;
    return url && tones_toneless_run(s.s, s.n) ? PR_TONELESS : PR_FOREIGN;
}

/* 1 when the character at s[i] is a letter */
static int is_letter_byte(slice s, size_t i)
{
    int32_t cp;
    utf8_next(s.s + i, s.n - i, &cp);
    return utf8_is_letter(cp);
}

/* 1 when s has only letters and dashes */
static int letters_and_dashes(slice s)
{
    for (size_t i = 0; i < s.n;) {
        int32_t cp;
        size_t k = utf8_next(s.s + i, s.n - i, &cp);
        if (cp != '-' && !utf8_is_letter(cp))
            return 0;
        i += k;
    }
    return 1;
}

int parts_dash_word(slice s, size_t from, size_t to)
{
    if ((from && s.s[from - 1] != '-') || (to < s.n && s.s[to] != '-') || (!from && to == s.n) ||
        !letters_and_dashes(s))
        return 0;
    for (size_t a = 0, b; a < s.n; a = b + 1) { /* another piece that is no acronym: a word or a letter */
        b = a;
        while (b < s.n && s.s[b] != '-')
            b++;
        if (a != from && (utf8_len(s.s + a, b - a) == 1 || !utf8_all_upper(s.s + a, b - a)))
            return 1;
    }
    return 0;
}

int parts_dash_vietnamized(const lexicon *lx, slice s, size_t from, size_t to)
{
    if ((from && s.s[from - 1] != '-') || (to < s.n && s.s[to] != '-') || (!from && to == s.n) ||
        !translit_cluster_syllable(lx, s.s + from, to - from))
        return 0;
    for (size_t a = 0, b; a < s.n; a = b + 1) { /* the other pieces: Vietnamese syllables */
        b = a;
        while (b < s.n && s.s[b] != '-')
            b++;
        if (a != from && !syllable_parse(lx, s.s + a, b - a, NULL) && !translit_cluster_syllable(lx, s.s + a, b - a))
            return 0;
    }
    return 1;
}

int parts_dash_prefix(const lexicon *lx, slice s, size_t end)
{
    if (end != 1 || !strchr("eEiY", s.s[0]) || s.n < 4 || s.s[1] != '-')
        return 0;
    size_t b = 2;
    while (b < s.n && s.s[b] != '-' && is_letter_byte(s, b))
        b++;
    slice w = {s.s + 2, b - 2};
    return b == s.n && w.n >= 2 && !syllable_parse(lx, w.s, w.n, NULL) && !translit_cluster_syllable(lx, w.s, w.n);
}

unsigned parts_dash_roman(slice s, size_t i, size_t end)
{
    slice part = {s.s + i, end - i};
    if (part.n != strspn(part.s, "IVX") || !(part.n > 1 || part.s[0] == 'I' || part.s[0] == 'V'))
        return 0;
    slice code = {s.s, i - 1};
    if (part.n == 1 && end == s.n && code.n && utf8_len(code.s, code.n) <= 3 && letters_and_dashes(code) &&
        utf8_all_upper(code.s, code.n) && !memchr(code.s, '-', code.n))
        return 0;
    return num_roman_value(part.s, part.n);
}
