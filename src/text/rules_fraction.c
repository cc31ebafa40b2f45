/* rules_fraction — the recognizers of a/b in one token, once the date cues
 * have had their say (rule_digit_facts): a season (2023/24), n of m (19/19
 * tiêu chí, 180/100 mmHg: "trên"), a house number (số nhà 12/3) and a true
 * fraction (2/3 diện tích, 2 1/2). Takes a rule_at (rules.h); appends spans. */
#include "rules.h"
#include "utf8.h"
#include <stdlib.h>
#include <string.h>

/* the fraction of a digit token, when the rules of fractions consider it */
static const fraction *frac_at(rule_at *a)
{
    if (!a->t[a->i].digit)
        return NULL;
    rule_digit_facts(a);
    return a->frac_ok ? &a->fr : NULL;
}

/* a season or crop year: 2023/24, 2024/2025 (the slash is not read) */
int rule_season_years(rule_at *a)
{
    const fraction *fr = frac_at(a);
    if (!fr || fr->unit || fr->neg || fr->num.n != 4 || !(fr->num.s[0] == '1' || fr->num.s[0] == '2') ||
        !(fr->den.n == 2 || fr->den.n == 4) || atoi(fr->den.s) % 100 != (atoi(fr->num.s) + 1) % 100)
        return 0;
    span y1 = rule_mk(CL_VALUE, fr->num), y2 = rule_mk(CL_VALUE, fr->den);
    y1.val.kind = y2.val.kind = V_NUMBER;
    parse_number(fr->num, &y1.val.num);
    parse_number(fr->den, &y2.val.num);
    y1.as_year = 1;
    y2.as_year = fr->den.n == 4; /* 2024/25: "hai mươi lăm" */
    a->i++;
    return rule_push(a->out, &y1) || rule_push(a->out, &y2) ? -1 : 1;
}

/* an n of m read before in the sentence (2/18 break-point): a later n/m
 * with no word after it counts the same things, their noun left out
 * (Djokovic tận dụng 3/8, "ba trên tám") */
static int after_ratio(const rule_at *a)
{
    const token *tk = &a->t[a->i];
    if (!(tk->post.n || a->i + 1 >= a->n))
        return 0;
    const char *from = a->c->base->core.s; /* the sentence's first token */
    for (size_t k = a->out->n; k-- > 0 && a->out->v[k].text.s >= from;)
        if (a->out->v[k].cls == CL_RATIO)
            return 1;
    return 0;
}

/* a unit of bytes (GB, TB: its reading ends in "bai"): 8/128GB is a phone's
 * memory and its storage, never a fraction of a gigabyte */
static int byte_unit(const unit_entry *u)
{
    size_t n = u ? strlen(u->reading) : 0;
    return n >= 3 && !strcmp(u->reading + n - 3, "bai");
}

/* n of m: 19/19 tiêu chí, thứ 10/63, 4/5 trận, 180/100 mmHg: "trên". A true
 * fraction (phần) has a small denominator above its numerator: 2/3 diện
 * tích, 1/2 dân số; counts of things are "trên": 4/11 nhóm hàng, 7/15 chỉ
 * tiêu, 24/24h, and one that leaves out the noun of an n of m before it
 * (after_ratio). A unit may follow. */
int rule_ratio(rule_at *a)
{
    const fraction *fr = frac_at(a);
    if (!fr)
        return 0;
    const classify_ctx *c = a->c;
    const token *t = a->t, *tk = &t[a->i];
    size_t i = a->i, n = a->n;
    int month_year = fr->den.n == 4 && atoi(fr->num.s) >= 1 && atoi(fr->num.s) <= 12; /* tháng 12/2023 */
    int num_v = atoi(fr->num.s), den_v = atoi(fr->den.s);
    int ratio = !a->addr && !fr->neg && !rule_cue(c, t, i, ROLE_FRACTION) && !a->date_like && !month_year &&
                (!fr->unit || num_v >= den_v || byte_unit(fr->unit)) &&
                ((num_v >= den_v && num_v >= 10) || (num_v >= 10 && den_v >= 10) ||
                 ((num_v >= den_v || den_v > 10) && (fr->unit || (i + 1 < n && !tk->post.n))) || byte_unit(fr->unit) ||
                 rule_cue(c, t, i, ROLE_ORDINAL) || rule_counted_after(c, t, n, i) || after_ratio(a));
    if (!ratio)
        return 0;
    a->i++;
    span r = rule_mk(CL_RATIO, tk->core);
    r.frac = *fr;
    if (rule_push(a->out, &r))
        return -1;
    value uv;
    memset(&uv, 0, sizeof uv);
    if (a->i < n && !tk->post.n && parse_unit(c->lx, t[a->i].core, 1, &uv)) {
        span sp = rule_mk(CL_UNIT, t[a->i].core);
        sp.val = uv;
        a->i++;
        return rule_push(a->out, &sp) ? -1 : 1;
    }
    return 1;
}

/* a fraction (2/3, 1/2kg, -1/2) or a house number (số nhà 12/3), unless it
 * is a date or a month and year (m/yyyy) */
int rule_fraction(rule_at *a)
{
    const fraction *fr = frac_at(a);
    if (!fr)
        return 0;
    const token *t = a->t;
    slice s = t[a->i].core;
    value v;
    if (a->date_like || !(a->addr || fr->unit || fr->neg || rule_cue(a->c, t, a->i, ROLE_FRACTION) ||
                          !rule_value_of(a->c, s, 0, &v) || v.kind != V_MONTH_YEAR))
        return 0;
    spanvec *out = a->out;
    /* a whole number before it: 2 1/2 */
    if (!a->addr && out->n && out->v[out->n - 1].cls == CL_VALUE && out->v[out->n - 1].val.kind == V_NUMBER &&
        a->i > 0 && !t[a->i - 1].post.n && rule_push_simple(out, CL_AND, (slice){s.s, 0}))
        return -1;
    a->i++;
    span f = rule_mk(a->addr ? CL_ADDRESS : CL_FRACTION, s);
    f.frac = *fr;
    return rule_push(out, &f) ? -1 : 1;
}

/* 132/13A Lý Thường Kiệt, số nhà 45/2B: a house number whose last number
 * has a letter, before a street's name (a capital) or after an address cue:
 * "một trăm ba mươi hai trên mười ba a" (no ampere) */
RULE_BODY int house_letter_rest(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    slice s = tk->core;
    size_t k = 0, slashes = 0;
    while (k + 1 < s.n) {
        if (s.s[k] == '/' && k > 0 && s.s[k + 1] >= '0' && s.s[k + 1] <= '9')
            slashes++;
        else if (!(s.s[k] >= '0' && s.s[k] <= '9'))
            return 0;
        k++;
    }
    if (!slashes)
        return 0;
    int32_t cp = 0;
    const slice *w = a->i + 1 < a->n ? &t[a->i + 1].core : NULL;
    if (w && w->n)
        utf8_next(w->s, w->n, &cp);
    int street = w && !tk->post.n && !t[a->i + 1].digit && utf8_is_upper(cp);
    if (!street && !rule_cue(a->c, t, a->i, ROLE_ADDRESS))
        return 0;
    return rule_push_parts(a, CL_CODE, s);
}

/* its first test: a digit, then a capital letter ending the token */
int rule_house_letter(rule_at *a)
{
    slice s = a->t[a->i].core;
    return s.n >= 4 && s.s[s.n - 1] >= 'A' && s.s[s.n - 1] <= 'Z' && s.s[s.n - 2] >= '0' && s.s[s.n - 2] <= '9'
               ? house_letter_rest(a)
               : 0;
}
