/* parts_separator — what a separator inside a mixed token, a code or a web
 * address says: a rate's slash (lượt khách/ngày "một"), a document's year
 * slash, a range of scores (7-8/10 "đến"), a web address's dot and slash. */
#include "parts_int.h"
#include <stdlib.h>
#include <string.h>

/* tín chỉ/học kỳ: the word after the slash and the next token make a
 * phrase with the role time-unit or per (học kỳ, năm học) */
static int period_phrase(const cutter *m, const char *w, size_t wl)
{
    char phrase[64];
    if (!m->next.n || wl + 1 + m->next.n > sizeof phrase)
        return 0;
    memcpy(phrase, w, wl);
    phrase[wl] = ' ';
    memcpy(phrase + wl + 1, m->next.s, m->next.n);
    size_t n = wl + 1 + m->next.n;
    return lexicon_word_has(m->lx, phrase, n, ROLE_TIME_UNIT) || lexicon_word_has(m->lx, phrase, n, ROLE_PER);
}

/* a rate after a word: lượt khách/ngày, gạo/tháng, yên/USD ("một");
 * huyện/thành phố stays silent; USD/VND, EUR/USD: between currencies "trên" */
static part_reading rate_slash(const cutter *m, size_t i)
{
    slice s = m->s;
    size_t e2 = i + 1;
    while (e2 < s.n && !strchr("-/&.@_:+", s.s[e2]))
        e2++;
    const char *w = s.s + i + 1;
    size_t wl = e2 - i - 1;
    const unit_entry *wu = lexicon_unit(m->lx, w, wl);
    if (!wu && !lexicon_word_has(m->lx, w, wl, ROLE_TIME_UNIT) && !lexicon_word_has(m->lx, w, wl, ROLE_PER) &&
        !(e2 == s.n && period_phrase(m, w, wl)))
        return PR_NONE;
    size_t b0 = i;
    while (b0 > 0 && !strchr("-/&.@_:+ ", s.s[b0 - 1]))
        b0--;
    const unit_entry *lu = lexicon_unit(m->lx, s.s + b0, i - b0);
    return wu && wu->kind == UNIT_MONEY && lu && lu->kind == UNIT_MONEY ? PR_SAY : PR_ONE;
}

/* the dash at s[i] between two numbers, the second the larger and out of a
 * total after a slash (7-8/10, 7-8,5/10): a range */
static int score_range(slice s, size_t i)
{
    size_t a = i, b = i + 1;
    while (a > 0 && is_digit_at(s, a - 1))
        a--;
    if (a > 0 && s.s[a - 1] != ' ')
        return 0;
    while (b < s.n && (is_digit_at(s, b) || (s.s[b] == ',' && is_digit_at(s, b + 1))))
        b++;
    return b < s.n && s.s[b] == '/' && atoi(s.s + a) < atoi(s.s + i + 1);
}

/* what a separator in a web address says: its name, or nothing (PR_NONE) */
static part_reading url_separator(char ch, say_key *say)
{
    switch (ch) {
    case '.': *say = SAY_DOT; break;
    case '@': *say = SAY_AT; break;
    case '/': *say = SAY_SLASH; break;
    case '-': *say = SAY_HYPHEN; break;
    case '_': *say = SAY_UNDERSCORE; break;
    case ':': *say = SAY_COLON; break;
    default: return PR_NONE;
    }
    return PR_SAY;
}

/* what the separator at s[i] says, if anything (*say for PR_SAY) */
part_reading parts_separator(const cutter *m, size_t i, say_key *say)
{
    slice s = m->s;
    char ch = s.s[i];
    int digits_around = i > 0 && is_digit_at(s, i - 1) && is_digit_at(s, i + 1);
    part_reading said = PR_SAY;
    if (ch == '&')
        *say = SAY_AND;
    else if (m->url)
        said = url_separator(ch, say);
    else if (ch == '/' && digits_around) /* a document's number and year: 11/2017/QĐ-TTg "mười một năm hai nghìn…" */
        *say = m->cls == CL_CODE && year_at(s, i + 1) ? SAY_YEAR : SAY_PER;
    else if (ch == '/' && !m->code && i > 0 && i + 1 < s.n && is_letter_at(s, i + 1))
        said = rate_slash(m, i), *say = SAY_PER;
    else if (ch == '/' && i == 1 && (s.s[0] | 0x20) == 'f' && is_digit_at(s, i + 1))
        said = PR_NONE; /* a lens's aperture, f/1.8: "ép một chấm tám", the slash unsaid */
    else if (ch == '/' && !m->code && i > 0 && is_digit_at(s, i + 1) && !year_at(s, i + 1) &&
             ((unsigned char)s.s[i - 1] >= 0x80 || ((s.s[i - 1] | 0x20) >= 'a' && (s.s[i - 1] | 0x20) <= 'z')))
        *say = SAY_PER; /* 59 ca tử vong/119 ca nhiễm: a count over a count, "trên" */
    else if (ch == '-' && digits_around && !m->code && score_range(s, i))
        *say = SAY_TO; /* 7-8/10 điểm, 7-8,5/10: a range of scores, "đến" */
    else if (ch == '+')
        *say = SAY_PLUS;
    else if (ch == '%' && i > 0 && is_digit_at(s, i - 1))
        *say = SAY_PERCENT; /* 20-40-40%: the sign after a number is said, "phần trăm" */
    else if (ch == ':' && digits_around)
        *say = SAY_PER; /* a scale or ratio: 1:500 */
    else
        said = PR_NONE;
    return said;
}

