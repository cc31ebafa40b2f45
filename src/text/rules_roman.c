/* rules_roman — the recognizers of Roman numerals, which are read only where
 * something marks them: a cue word (Đại hội XIII, khoản vi), a list (khóa
 * XIV, XV), a monarch's name (Charles III), a heading (II. Nội dung), a
 * quarter with its year (Quý II/2021). Takes a rule_at (rules.h). */
#include "rules.h"
#include "utf8.h"
#include <string.h>

/* a Roman numeral that follows one in a list: khóa XIV, XV; khóa XIV và XV */
static int roman_list(const classify_ctx *c, const token *t, size_t i, const spanvec *out)
{
    if (i < 1 || !out->n)
        return 0;
    const span *last = &out->v[out->n - 1];
    if (last->cls == CL_PUNCT && last->text.n == 1 && last->text.s[0] == ',' && out->n >= 2)
        last--;
    else if (rule_word_has(c, &t[i - 1], ROLE_AND) && out->n >= 2 && !t[i - 1].pre.n)
        last--;
    return last->cls == CL_ROMAN && last != &out->v[out->n - 1];
}

static int push_roman(rule_at *a, slice s, unsigned r)
{
    span sp = rule_mk(CL_ROMAN, s);
    sp.roman = r;
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* an initial-like I. V. X. after a Roman cue is the numeral and a full stop
 * (đô thị loại I., Ban Chấp hành khóa X.), not xã nor an initial; and at the
 * start of a heading (I. CHỈ SỐ GIÁ) */
int rule_roman_initial(rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i;
    slice s = t[i].core;
    if (!(s.n == 2 && s.s[1] == '.' && s.s[0] && strchr("IVX", s.s[0]) &&
          (rule_cue(a->c, t, i, ROLE_ROMAN) || roman_list(a->c, t, i, a->out) || (i == 0 && i + 1 < a->n))))
        return 0;
    span sp = rule_mk(CL_ROMAN, (slice){s.s, 1});
    sp.roman = num_roman_value(s.s, 1);
    span stop = rule_mk(CL_PUNCT, (slice){s.s + 1, 1});
    a->i++;
    return rule_push(a->out, &sp) || rule_push(a->out, &stop) ? -1 : 1;
}

/* XIV, XV: the second of a list of Roman numerals */
int rule_roman_listed(rule_at *a)
{
    slice s = a->t[a->i].core;
    unsigned rl = s.n > 1 && strchr("IVXLCDM", s.s[0]) && utf8_all_upper(s.s, s.n) ? num_roman_value(s.s, s.n) : 0;
    if (!rl || !roman_list(a->c, a->t, a->i, a->out))
        return 0;
    return push_roman(a, s, rl);
}

/* a monarch's number: Vua Charles III, Nữ hoàng Elizabeth II */
RULE_BODY int roman_royal_rest(rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i;
    slice s = t[i].core;
    unsigned r = num_roman_value(s.s, s.n);
    if (!(r && s.n > 1 && utf8_all_upper(s.s, s.n) && i >= 2 && t[i - 1].core.n && !t[i - 1].post.n &&
          rule_cue(a->c, t, i - 1, ROLE_ROYAL)))
        return 0;
    return push_roman(a, s, r);
}

/* its first test: after a royal title */
int rule_roman_royal(rule_at *a)
{
    return a->i >= 2 && rule_cue(a->c, a->t, a->i - 1, ROLE_ROYAL) ? roman_royal_rest(a) : 0;
}

/* Roman numerals where a cue word marks them, or a heading's at the start
 * (I - Nhóm tội..., II. Nội dung); lower case only where it cannot be a word
 * (xix) or after a strong cue (khoản vi). A lone C, D, L or M is a letter
 * (hạng C, nhóm D), not 100, 500, 50, 1000, unless a strong cue says
 * otherwise (chương C). */
RULE_BODY int roman_cued_rest(rule_at *a)
{
    const classify_ctx *c = a->c;
    const token *t = a->t;
    size_t i = a->i, n = a->n;
    slice s = t[i].core;
    unsigned r = num_roman_value(s.s, s.n);
    if (s.n == 1 && !strchr("IVXivx", s.s[0]) && !rule_cue(c, t, i, ROLE_ROMAN_STRONG))
        r = 0;
    int heading = r && i == 0 && utf8_all_upper(s.s, s.n) && strspn(s.s, "IVX") == s.n &&
                  ((i + 1 < n && rule_is_dash_token(&t[1])) ||
                   (t[0].post.n && (t[0].post.s[0] == '.' || t[0].post.s[0] == ')')));
    /* II, III: capital I's alone are no word nor acronym, only a numeral
     * (Thế chiến II, trên báo động III) */
    int only_i = (s.n == 2 || s.n == 3) && strspn(s.s, "I") == s.n;
    if (!(r && (rule_cue(c, t, i, ROLE_ROMAN) || heading || only_i) &&
          (utf8_all_upper(s.s, s.n) ||
           (r > 1 && (!rule_syllable_at(c, t, i, s) || rule_cue(c, t, i, ROLE_ROMAN_STRONG))))))
        return 0;
    /* số vi phạm: a lowercase syllable with a word right after it is that
     * word's first syllable, not a numeral (but: điều vi, khoản iv.) */
    if (!utf8_all_upper(s.s, s.n) && !t[i].post.n && i + 1 < n && t[i + 1].core.n && !t[i + 1].digit &&
        rule_syllable_at(c, t, i, s))
        return 0;
    span sp = rule_mk(CL_ROMAN, s);
    sp.roman = r;
    sp.ordinal = i > 1 && rule_word_has(c, &t[i - 1], ROLE_WEEKDAY_WORD) && rule_word_has(c, &t[i - 2], ROLE_TIMES_WORD);
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* the last word of an abbreviation's reading has the Roman cue role (ĐH
 * "đại hội": hội) */
static int abbr_roman_cue(const classify_ctx *c, const abbr_entry *e)
{
    if (!e || e->kind != ABBR_EXPAND || !e->reading[0])
        return 0;
    const char *last = strrchr(e->reading, ' ');
    last = last ? last + 1 : e->reading;
    return lexicon_word_has(c->lx, last, strlen(last), ROLE_ROMAN);
}

/* the span before token i, right before it, is an abbreviation read as
 * words ending in a Roman cue: ĐH XIII "đại hội mười ba" */
static int after_abbr_cue(const rule_at *a)
{
    const span *last = a->out->n ? &a->out->v[a->out->n - 1] : NULL;
    return a->i > 0 && last && last->cls == CL_ABBR && last->text.s == a->t[a->i - 1].core.s &&
           !a->t[a->i - 1].post.n && abbr_roman_cue(a->c, last->abbr);
}

/* its first test: after a Roman cue, first (a heading), or II, III */
int rule_roman_cued(rule_at *a)
{
    slice s = a->t[a->i].core;
    int only_i = (s.n == 2 || s.n == 3) && s.s[0] == 'I' && s.s[1] == 'I';
    if (a->i == 0 || only_i || rule_cue(a->c, a->t, a->i, ROLE_ROMAN))
        return roman_cued_rest(a);
    unsigned r = num_roman_value(s.s, s.n);
    return r && s.n > 1 && utf8_all_upper(s.s, s.n) && after_abbr_cue(a) ? push_roman(a, s, r) : 0;
}

/* ĐHXIII: an abbreviation whose reading ends in a Roman cue, glued to a
 * numeral of two letters or more: the words and the number */
RULE_BODY int abbr_roman_rest(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (s.n > 24 || !utf8_all_upper(s.s, s.n))
        return 0;
    for (size_t k = 1; k + 2 <= s.n; k++) {
        slice num = {s.s + k, s.n - k};
        unsigned r = strspn(num.s, "IVXL") == num.n ? num_roman_value(num.s, num.n) : 0;
        if (!r || r > 50)
            continue;
        for (const abbr_entry *e = lexicon_abbr(a->c->lx, s.s, k); e; e = e->next < 0 ? NULL : lexicon_abbr_at(a->c->lx, e->next))
            if (abbr_roman_cue(a->c, e)) {
                span sp = rule_mk(CL_ABBR, (slice){s.s, k});
                sp.abbr = e;
                if (rule_push(a->out, &sp))
                    return -1;
                return push_roman(a, num, r);
            }
        return 0; /* the longest numeral only: ĐHXIII, not ĐHX + III */
    }
    return 0;
}

/* its first test, on every word: four bytes or more ending in I, V or X */
int rule_abbr_roman(rule_at *a)
{
    slice s = a->t[a->i].core;
    char last = s.n >= 4 ? s.s[s.n - 1] : 0;
    return (last == 'I' || last == 'V' || last == 'X') && s.s[s.n - 2] >= 'I' && s.s[s.n - 2] <= 'X' ? abbr_roman_rest(a) : 0;
}

/* Quý II/2021: a Roman numeral and a year after a Roman cue */
int rule_roman_year(rule_at *a)
{
    slice s = a->t[a->i].core;
    const char *sl = memchr(s.s, '/', s.n);
    if (!sl || !rule_cue(a->c, a->t, a->i, ROLE_ROMAN))
        return 0;
    slice r = {s.s, (size_t)(sl - s.s)}, y = {sl + 1, s.n - r.n - 1};
    unsigned rv = num_roman_value(r.s, r.n);
    if (!(rv && is_digits(y) && y.n == 4))
        return 0;
    span sp = rule_mk(CL_ROMAN, s);
    sp.roman = rv;
    sp.year = y;
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* a regnal or papal number after a foreign name, with no title before it
 * (Charles III thăm Pháp, Felipe VI, Louis XIV, Benedict XVI): an upper-case
 * numeral of I, V and X alone, two letters or more (not the X of Model X, nor
 * the sizes and codes other letters make: XL, MC, DC), right after a name
 * read as an exonym or transliterated */
int rule_roman_after_name(rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i;
    slice s = t[i].core;
    if (s.n < 2 || strspn(s.s, "IVX") != s.n || i == 0 || !a->out->n || t[i - 1].post.n || t[i].pre.n)
        return 0;
    const span *name = &a->out->v[a->out->n - 1];
    unsigned r = num_roman_value(s.s, s.n);
    if (!r || (name->cls != CL_EXONYM && name->cls != CL_FOREIGN) || name->text.s != t[i - 1].core.s ||
        !utf8_is_upper((int32_t)(unsigned char)name->text.s[0]))
        return 0;
    return push_roman(a, s, r);
}
