/* rules_datetime — the recognizers of dates and times that need more than
 * one token's form: a day and month with a spaced dash after "ngày" (Ngày
 * 19 - 12), a quarter (Quý II/2021, quý 3/2023), a month and year with a dot
 * after "tháng" (tháng 9.2025); and the date cues a digit token's rules
 * share (rule_digit_facts: is a d/m here a date?).
 * Takes a rule_at (rules.h); appends spans. */
#include "rules.h"
#include <stdlib.h>
#include <string.h>

/* the day's span (out's last) and the month token m make a date: the
 * span's text then covers both and what is between. 1 when done. */
static int day_month_join(span *day, const slice *m)
{
    if (day->cls != CL_VALUE || day->val.kind != V_NUMBER || day->val.num.form != NUM_INT || day->val.num.ndigits > 2 ||
        !is_digits(*m) || m->n > 2)
        return 0;
    unsigned d = (unsigned)atoi(day->val.num.digits), mo = (unsigned)atoi(m->s);
    if (d < 1 || d > 31 || mo < 1 || mo > 12)
        return 0;
    day->val.kind = V_DATE;
    day->val.d = d;
    day->val.m = mo;
    day->val.year = (slice){"", 0};
    day->add_prefix = 0;
    day->text.n = (size_t)(m->s + m->n - day->text.s);
    return 1;
}

/* Ngày 19 - 12, UBND tỉnh họp: token i is the dash after a day (1-31) that
 * follows "ngày" (or sáng, chiều...: role date-strong), and a month (1-12)
 * ends the clause after it: the day's span becomes the date (its text then
 * covers the three tokens). 1 when done. */
static int spaced_day_month(const classify_ctx *c, const token *t, size_t n, size_t i, spanvec *out)
{
    if (!rule_is_dash_token(&t[i]) || i < 2 || i + 1 >= n || !out->n ||
        !(rule_word_has(c, &t[i - 2], ROLE_DAY_WORD) || rule_cue(c, t, i - 1, ROLE_DATE_STRONG)) ||
        !(i + 2 >= n || t[i + 1].post.n))
        return 0;
    return day_month_join(&out->v[out->n - 1], &t[i + 1].core);
}

/* Chiều 8- 7, công an...: the dash glued to the day, a space before the
 * month; the same cues. Token i is the month. */
RULE_BODY int glued_day_month_rest(rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i;
    spanvec *out = a->out;
    if (i < 2 || out->n < 2 || out->v[out->n - 1].cls != CL_PUNCT || !(i + 1 >= a->n || t[i].post.n) ||
        !rule_cue(a->c, t, i - 1, ROLE_DATE_STRONG))
        return 0;
    span dash = out->v[out->n - 1];
    out->n--;
    if (!day_month_join(&out->v[out->n - 1], &t[i].core)) {
        out->v[out->n++] = dash;
        return 0;
    }
    out->v[out->n - 1].rule = "date-glued-dash";
    a->i++;
    return 1;
}

/* its first test: the token before ends in a dash alone */
int rule_glued_day_month(rule_at *a)
{
    const token *p = a->i ? &a->t[a->i - 1] : NULL;
    return p && p->post.n == 1 && p->post.s[0] == '-' && p->digit && a->t[a->i].core.n <= 2 ? glued_day_month_rest(a) : 0;
}

/* Ngày bầu cử 5/11, ngày Nhà giáo Việt Nam 20/11: "ngày" two to five words
 * before a d/m, with only words (no number, no stop) between, makes it a date */
static int day_named_before(const classify_ctx *c, const token *t, size_t i)
{
    for (size_t back = 2; back <= 5 && back <= i; back++) {
        const token *w = &t[i - back + 1];
        if (w->digit || (w->post.n && !(back == 2 && w->post.n == 1 && w->post.s[0] == ':')) || !w->core.n)
            return 0; /* Ngày ban hành: 22/12/2024 */
        if (rule_cue(c, t, i - back + 1, ROLE_DATE_STRONG) && rule_word_has(c, &t[i - back], ROLE_DAY_WORD))
            return 1;
    }
    return 0;
}

/* từ 25.1 đến 2.2, Đến 15-6, ...: a d.m or d-m after a date-dot cue with no
 * word after it (the end, a stop, or đến, tới, và) reads as a date */
static int date_ends(const classify_ctx *c, const token *t, size_t n, size_t i, int depth)
{
    if (i + 1 >= n || t[i].post.n)
        return 1;
    const token *next = &t[i + 1];
    if (!(rule_word_has(c, next, ROLE_UNTIL) || rule_word_has(c, next, ROLE_AND) || rule_is_dash_token(next)))
        return 0;
    /* the other end must be one too: từ 1.5 đến 2.5 triệu is no date */
    if (i + 2 < n && !t[i + 2].digit)
        return !rule_is_dash_token(next); /* từ 25.12 đến nay */
    return depth < 2 && i + 2 < n && date_ends(c, t, n, i + 2, depth + 1);
}

static int dot_date(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    /* đêm 10 và 11.6: the second of two days joined by và */
    int second_day = i >= 2 && rule_word_has(c, &t[i - 1], ROLE_AND) && t[i - 2].digit && t[i - 2].core.n <= 2 &&
                     is_digits(t[i - 2].core) && !t[i - 2].post.n;
    return second_day || (rule_cue(c, t, i, ROLE_DATE_DOT) && date_ends(c, t, n, i, 0));
}

/* tuần 43/2022: a week of the year (1 to 53) and its year, which must be written */
static unsigned week_of_year(slice a, slice y)
{
    unsigned w = 0;
    for (size_t k = 0; k < a.n; k++)
        w = w * 10 + (unsigned)(a.s[k] - '0');
    return a.n >= 1 && a.n <= 2 && is_digits(a) && y.n == 4 && w >= 1 && w <= 53 ? w : 0;
}

/* what marks a quarter: the word before is "quý" or "tuần", or the token
 * is the second of a list of quarters */
enum { CUE_QUARTER, CUE_WEEK, CUE_LISTED };

/* Quý II/2021, quý 3/2023: the quarter and its year; tuần 43/2022 */
static int quarter(const token *t, size_t i, int cue, span *sp)
{
    int week = cue == CUE_WEEK;
    const slice s = t[i].core;
    const char *sl = memchr(s.s, '/', s.n);
    slice a = {s.s, sl ? (size_t)(sl - s.s) : s.n}, y = {sl ? sl + 1 : "", sl ? s.n - a.n - 1 : 0};
    unsigned q = week                        ? week_of_year(a, y)
                 : is_digits(a) && a.n == 1 ? (unsigned)(a.s[0] - '0')
                                            : num_roman_value(a.s, a.n);
    if (q < 1 || (!week && q > 4) || (sl && !(is_digits(y) && y.n == 4)))
        return 0;
    *sp = rule_mk(CL_ROMAN, s);
    sp->roman = q;
    sp->year = y;
    return 1;
}

int rule_day_month_dashed(rule_at *a)
{
    if (a->t[a->i].core.n || !spaced_day_month(a->c, a->t, a->n, a->i, a->out))
        return 0;
    a->out->v[a->out->n - 1].rule = "date-spaced-dash";
    a->i += 2;
    return 1;
}

/* quý III và IV/2009, quý I, II/2024: the second quarter of a list */
static int listed_quarter(const rule_at *a)
{
    const spanvec *o = a->out;
    if (a->i < 2 || o->n < 2 || o->v[o->n - 2].cls != CL_ROMAN || o->v[o->n - 2].roman > 4)
        return 0;
    const span *p = &o->v[o->n - 1];
    return (p->cls == CL_PUNCT && p->text.n == 1 && p->text.s[0] == ',') ||
           rule_word_has(a->c, &a->t[a->i - 1], ROLE_AND);
}

RULE_BODY int quarter_rest(rule_at *a, int cue)
{
    span sp;
    if (!quarter(a->t, a->i, cue, &sp))
        return 0;
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* its first test: after "quý", or after a quarter and "và" or a comma */
int rule_quarter(rule_at *a)
{
    if (a->i == 0)
        return 0;
    const token *p = &a->t[a->i - 1];
    if (rule_word_has(a->c, p, ROLE_WEEK_WORD)) /* the cue looked up once: quarter() is told it */
        return quarter_rest(a, CUE_WEEK);
    if (rule_word_has(a->c, p, ROLE_QUARTER_WORD))
        return quarter_rest(a, CUE_QUARTER);
    return listed_quarter(a) ? quarter_rest(a, CUE_LISTED) : 0;
}

/* tháng 9.2025: a month and its year written with a dot */
RULE_BODY int month_dot_year_rest(rule_at *a)
{
    const token *t = a->t;
    slice s = t[a->i].core;
    if (!t[a->i].digit)
        return 0;
    rule_digit_facts(a);
    value my;
    if (a->short_date || a->i == 0 || !rule_word_has(a->c, &t[a->i - 1], ROLE_MONTH_WORD) || !memchr(s.s, '.', s.n) ||
        !rule_value_of(a->c, s, 1, &my) || my.kind != V_MONTH_YEAR)
        return 0;
    a->i++;
    return rule_push_value(a->c, t, a->i - 1, s, &my, a->out) ? -1 : 1;
}

/* its first test: after "tháng" */
int rule_month_dot_year(rule_at *a)
{
    return a->i > 0 && rule_word_has(a->c, &a->t[a->i - 1], ROLE_MONTH_WORD) ? month_dot_year_rest(a) : 0;
}

/* lúc 7h/21/7, 2h/21/7: an hour and the day it is on, one token; the slash
 * between is not said ("bảy giờ ngày hai mươi mốt tháng bảy") */
RULE_BODY int time_slash_date_rest(rule_at *a)
{
    const token *t = a->t;
    slice s = t[a->i].core;
    const char *sl = memchr(s.s, '/', s.n);
    if (!sl || sl == s.s)
        return 0;
    slice ts = {s.s, (size_t)(sl - s.s)}, ds = {sl + 1, s.n - ts.n - 1};
    value tv, dv;
    if (!rule_value_of(a->c, ts, 0, &tv) || tv.kind != V_TIME || !rule_value_of(a->c, ds, 1, &dv) ||
        dv.kind != V_DATE || !dv.d)
        return 0;
    if (rule_push_value(a->c, t, a->i, ts, &tv, a->out) || rule_push_value(a->c, t, a->i, ds, &dv, a->out))
        return -1;
    a->i++;
    return 1;
}

/* its first test: with a slash */
int rule_time_slash_date(rule_at *a)
{
    return memchr(a->t[a->i].core.s, '/', a->t[a->i].core.n) ? time_slash_date_rest(a) : 0;
}

/* The facts the rules of a digit token share, computed once: whether a d/m
 * in it is a date (short_date, named), and the fraction a/b it may be. */
void rule_digit_facts_now(rule_at *a)
{
    if (a->digit_ready)
        return;
    a->digit_ready = 1;
    const classify_ctx *c = a->c;
    const token *t = a->t, *tk = &t[a->i];
    size_t i = a->i, n = a->n;
    a->named = tk->digit && !a->numeral && (i + 1 >= n || tk->post.n) && memchr(tk->core.s, '/', tk->core.n) &&
               !rule_cue(c, t, i, ROLE_DATE) && day_named_before(c, t, i);
    a->date_dot = rule_cue(c, t, i, ROLE_DATE) && !rule_cue(c, t, i, ROLE_DATE_STRONG) && dot_date(c, t, n, i);
    int sd = rule_cue(c, t, i, ROLE_DATE) ? (rule_cue(c, t, i, ROLE_DATE_STRONG) || a->date_dot ? 2 : 1) : a->named;
    if (sd == 1 && rule_counted_after(c, t, n, i))
        sd = 0; /* có tới 10/11 nhóm hàng: a count, not a date */
    /* days before the month word are a range: ngày 5-7 tháng 3, mùng 5-7 tháng Giêng */
    if (sd && !a->numeral && i + 1 < n && !tk->post.n && memchr(tk->core.s, '-', tk->core.n) &&
        rule_word_has(c, &t[i + 1], ROLE_MONTH_WORD))
        sd = 0;
    a->short_date = sd;
    fraction *fr = &a->fr;
    a->frac_ok = !a->numeral && parse_fraction(c->lx, tk->core, fr) && (!sd || fr->unit || fr->neg);
    if (!a->frac_ok)
        return;
    a->addr = !fr->unit && !fr->neg && (rule_cue(c, t, i, ROLE_ADDRESS) || (i > 0 && rule_word_has(c, &t[i - 1], ROLE_NUMBER_WORD)));
    /* no cue: m/yyyy is a month, dd/m a date (24/4, 08/3), a/b a fraction */
    int counted = rule_counted_after(c, t, n, i); /* 10/11 nhóm hàng */
    value v;
    /* a day the same as its month (3/3, 6/6, 9/9: the double days of shopping news) is a date, not a
     * fraction that is one whole */
    int twin = fr->num.n == fr->den.n && fr->num.n <= 2 && !memcmp(fr->num.s, fr->den.s, fr->num.n);
    int street = i > 0 && !t[i - 1].post.n && rule_word_has(c, &t[i - 1], ROLE_STREET); /* đường 3/2 */
    a->date_like = !a->addr && !fr->unit && !fr->neg && (fr->num.n == 2 || twin || street) &&
                   !rule_cue(c, t, i, ROLE_FRACTION) &&
                   !counted && rule_value_of(c, tk->core, 1, &v) && v.kind == V_DATE &&
                   !(fr->den.n == 1 && fr->den.s[0] == '7' && !memcmp(fr->num.s, "24", 2)); /* 24/7 */
    /* (read by the rules after the fraction rules, which see date_like alone) */
    a->short_date |= a->date_like;
}

/* 90'+7, 45’+2: a match's minute and its stoppage time, said as the minute
 * is on air: "phút chín mươi cộng bảy" */
int rule_stoppage_time(rule_at *a)
{
    slice s = a->t[a->i].core;
    size_t d = 0;
    while (d < s.n && d < 4 && s.s[d] >= '0' && s.s[d] <= '9')
        d++;
    size_t q = d < s.n && s.s[d] == '\'' ? 1 : d + 3 <= s.n && !memcmp(s.s + d, "’", 3) ? 3 : 0;
    if (!d || d > 3 || !q || d + q + 1 >= s.n || s.s[d + q] != '+')
        return 0;
    slice plus = {s.s + d + q, s.n - d - q};
    value vm, vp;
    if (!rule_value_of(a->c, (slice){s.s, d}, 0, &vm) || !rule_value_of(a->c, plus, 0, &vp) || vp.kind != V_NUMBER ||
        vp.num.form != NUM_INT || plus.n > 3)
        return 0;
    span m = rule_mk(CL_UNIT, (slice){s.s + d, q});
    m.val.unit = lexicon_unit(a->c->lx, "phút", strlen("phút"));
    if (!m.val.unit)
        return 0;
    /* Phút 45’+2: the word is written, and not said twice */
    int said = a->i > 0 && rule_word_has(a->c, &a->t[a->i - 1], ROLE_MINUTE_WORD);
    a->i++;
    return (!said && rule_push(a->out, &m)) || rule_push_value(a->c, a->t, a->i - 1, (slice){s.s, d}, &vm, a->out) ||
                   rule_push_value(a->c, a->t, a->i - 1, plus, &vp, a->out)
               ? -1
               : 1;
}

/* the digits at s[*k..], at most max of them: how many */
static size_t digits_at(slice s, size_t *k, size_t max)
{
    size_t from = *k;
    while (*k < s.n && *k - from < max && s.s[*k] >= '0' && s.s[*k] <= '9')
        (*k)++;
    return *k - from;
}

/* the length of a minute mark (' ’) or a second mark (" ” '' ’’) at s[k], 0 if none */
static size_t race_mark(slice s, size_t k, int second)
{
    static const char *const MIN[] = {"’", "'"}, *const SEC[] = {"”", "\"", "’’", "''", "″"};
    const char *const *set = second ? SEC : MIN;
    size_t n = second ? sizeof SEC / sizeof *SEC : sizeof MIN / sizeof *MIN;
    for (size_t j = 0; j < n; j++) {
        size_t l = strlen(set[j]);
        if (k + l <= s.n && !memcmp(s.s + k, set[j], l) && !(second && k + l < s.n && (s.s[k + l] == '\'' || s.s[k + l] == '"')))
            return l;
    }
    return 0;
}

/* hundredths of a second, the last part of a race time: 74 a number, 08
 * digit by digit ("không tám") */
static int push_hundredths(rule_at *a, slice h)
{
    value v;
    if (h.n == 2 && h.s[0] == '0')
        return rule_push_parts(a, CL_SERIAL, h);
    if (!rule_value_of(a->c, h, 0, &v) || rule_push_value(a->c, a->t, a->i, h, &v, a->out))
        return -1;
    a->i++;
    return 1;
}

/* a unit span for a mark read as the word w (phút, giây) */
static int push_mark(rule_at *a, slice mark, const char *w)
{
    span u = rule_mk(CL_UNIT, mark);
    u.val.unit = lexicon_unit(a->c->lx, w, strlen(w));
    return u.val.unit ? rule_push(a->out, &u) : -1;
}

/* 10’13”74, 3'49"08: a race time, minutes, seconds and hundredths:
 * "mười phút mười ba giây bảy mươi tư" */
RULE_BODY int race_time_rest(rule_at *a)
{
    slice s = a->t[a->i].core;
    size_t k = 0, m0, m1, s0, s1;
    if (!digits_at(s, &k, 2) || !(m1 = race_mark(s, m0 = k, 0)))
        return 0;
    k += m1;
    s0 = k;
    if (digits_at(s, &k, 2) != 2 || !(s1 = race_mark(s, k, 1)))
        return 0;
    size_t q = k, h0 = k + s1;
    k = h0;
    if (digits_at(s, &k, 2) != 2 || k != s.n)
        return 0;
    value vm, vs;
    if (!rule_value_of(a->c, (slice){s.s, m0}, 0, &vm) || !rule_value_of(a->c, (slice){s.s + s0, q - s0}, 0, &vs))
        return 0;
    if (rule_push_value(a->c, a->t, a->i, (slice){s.s, m0}, &vm, a->out) || push_mark(a, (slice){s.s + m0, m1}, "phút") ||
        rule_push_value(a->c, a->t, a->i, (slice){s.s + s0, q - s0}, &vs, a->out) ||
        push_mark(a, (slice){s.s + q, s1}, "s"))
        return -1;
    return push_hundredths(a, (slice){s.s + h0, s.n - h0});
}

/* its first test: a digit, then a minute mark */
int rule_race_time(rule_at *a)
{
    slice s = a->t[a->i].core;
    return s.n >= 7 && (s.s[1] == '\'' || s.s[2] == '\'' || (unsigned char)s.s[1] == 0xE2 || (unsigned char)s.s[2] == 0xE2)
               ? race_time_rest(a)
               : 0;
}

/* 3 phút 49 giây 08: two digits after "<number> giây" are hundredths, and
 * with a leading zero said digit by digit ("không tám"); not before a
 * counted thing (role counted in context.tsv) */
RULE_BODY int hundredths_rest(rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i;
    static const char GIAY[] = "giây";
    const slice w = t[i - 1].core;
    if (w.n != sizeof GIAY - 1 || memcmp(w.s, GIAY, w.n) || !t[i - 2].digit || t[i - 1].post.n || t[i - 2].post.n)
        return 0;
    if (i + 1 < a->n && !t[i].post.n && rule_cue(a->c, t, i + 2, ROLE_COUNTED)) /* 30 giây 05 người: a count */
        return 0;
    return rule_push_parts(a, CL_SERIAL, t[i].core);
}

/* its first test: 0 and a digit, two tokens after the sentence's start */
int rule_hundredths(rule_at *a)
{
    slice s = a->t[a->i].core;
    return s.n == 2 && s.s[0] == '0' && a->i >= 2 ? hundredths_rest(a) : 0;
}

/* 1:24:38.241, 1:18,792: a race's clock, hours (if any), minutes and
 * seconds with colons and the thousandths after a dot or a comma: "một giờ
 * hai mươi tư phút ba mươi tám giây hai trăm bốn mươi mốt", as a race time
 * (a clock without the fraction is a time of day: 2:05:30) */
RULE_BODY int race_clock_rest(rule_at *a)
{
    slice s = a->t[a->i].core;
    size_t k = 0, at[3], len[3], parts = 0;
    while (parts < 3) {
        at[parts] = k;
        len[parts] = digits_at(s, &k, 2);
        if (!len[parts] || (parts && len[parts] != 2))
            return 0;
        parts++;
        if (k >= s.n || s.s[k] != ':')
            break;
        k++;
    }
    if (parts < 2 || k + 1 >= s.n || (s.s[k] != '.' && s.s[k] != ',') || s.n - k - 1 > 3)
        return 0;
    size_t f = ++k;
    if (digits_at(s, &k, 3) != s.n - f || k != s.n)
        return 0;
    static const char *const MARK[2][3] = {{"phút", "s", ""}, {"h", "phút", "s"}};
    for (size_t p = 0; p < parts; p++) {
        value v;
        slice d = {s.s + at[p], len[p]};
        if (!rule_value_of(a->c, d, 0, &v) || rule_push_value(a->c, a->t, a->i, d, &v, a->out) ||
            push_mark(a, (slice){s.s + at[p] + len[p], 1}, MARK[parts == 3][p]))
            return -1;
    }
    if (s.s[f] == '0') /* .079: digit by digit */
        return rule_push_parts(a, CL_SERIAL, (slice){s.s + f, s.n - f});
    return push_hundredths(a, (slice){s.s + f, s.n - f});
}

/* its first test: a digit, a colon within the first three bytes, a dot or a comma */
int rule_race_clock(rule_at *a)
{
    slice s = a->t[a->i].core;
    return s.n >= 6 && s.n <= 14 && (s.s[1] == ':' || s.s[2] == ':') && (memchr(s.s, '.', s.n) || memchr(s.s, ',', s.n))
               ? race_clock_rest(a)
               : 0;
}

/* theo Globocan 2020,1 các loại ung thư: a year after a foreign source's
 * name, a footnote's number glued to it by a comma, and a lower-case word
 * after (no unit, no scale word): the year, the footnote not said (not
 * "hai nghìn không trăm hai mươi phẩy một") */
int rule_footnote_year(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    slice s = tk->core;
    if (s.n < 6 || s.n > 7 || s.s[4] != ',' || !(!memcmp(s.s, "19", 2) || !memcmp(s.s, "20", 2)) ||
        !is_digits((slice){s.s, 4}) || !is_digits((slice){s.s + 5, s.n - 5}) || !a->i || a->i + 1 >= a->n ||
        tk->pre.n || tk->post.n)
        return 0;
    const token *p = &t[a->i - 1], *nx = &t[a->i + 1];
    value u;
    if (p->post.n || nx->pre.n || !(p->core.s[0] >= 'A' && p->core.s[0] <= 'Z') || p->digit ||
        a->c->facts[p - a->c->base].syllable || !(nx->core.s[0] >= 'a' && nx->core.s[0] <= 'z') ||
        rule_is_scale(a->c, nx) || parse_unit(a->c->lx, nx->core, 1, &u))
        return 0;
    span y = rule_mk(CL_VALUE, (slice){s.s, 4});
    y.val.kind = V_NUMBER;
    parse_number(y.text, &y.val.num);
    y.as_year = 1;
    a->i++;
    return rule_push(a->out, &y) || rule_push_simple(a->out, CL_PUNCT, (slice){s.s + s.n, 0}) ? -1 : 1;
}
