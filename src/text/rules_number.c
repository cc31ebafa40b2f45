/* rules_number — the recognizers of numbers and values: spaced thousands
 * (1 500 000), map positions (17,5N-110,2E), heights (1m75), dimensions
 * (10x15cm), ordinals (thứ 3), money before a scale word ($1,5 tỷ), and any
 * value parse_value reads (numbers, dates, times, percents, measures, money)
 * with what its neighbours say about it (năm 2021, tháng 4, 2.5 tỷ).
 * Takes a rule_at (rules.h); appends spans. */
#include "rules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 500 000: a group of 1-3 digits followed by groups of exactly 3. */
static size_t spaced_number(const token *t, size_t n, size_t i, span *out)
{
    if (!is_digits(t[i].core) || t[i].core.n > 3 || t[i].post.n)
        return 0;
    size_t j = i + 1;
    while (j < n && is_digits(t[j].core) && t[j].core.n == 3 && !t[j].pre.n) {
        j++;
        if (t[j - 1].post.n)
            break;
    }
    if (j == i + 1)
        return 0;
    slice all = {t[i].core.s, (size_t)(t[j - 1].core.s + t[j - 1].core.n - t[i].core.s)};
    *out = rule_mk(CL_VALUE, all);
    if (!parse_number(all, &out->val.num))
        return 0;
    out->val.kind = V_NUMBER;
    return j - i;
}


/* One half of a map position: a number and a hemisphere letter, 17,5N or
 * 110,2°E. axis: 'N' for latitude (N, S), 'E' for longitude (E, W, Đ).
 * Fills the number and the unit (°N, °S, °E, °W rows of units.tsv). */
static int coordinate_part(const lexicon *lx, slice s, char axis, number *num, const unit_entry **unit)
{
    if (s.n < 2 || !(s.s[0] >= '0' && s.s[0] <= '9'))
        return 0;
    unsigned char end = (unsigned char)s.s[s.n - 1]; /* N S E W, or the last byte of Đ */
    if (end != 'N' && end != 'S' && end != 'E' && end != 'W' && end != 0x90)
        return 0;
    size_t k = s.n;
    char l = s.s[k - 1];
    if (k >= 3 && !memcmp(s.s + k - 2, "Đ", 2)) { /* Đ for Đông */
        l = 'E';
        k -= 2;
    } else {
        k--;
    }
    if (!(axis == 'N' ? l == 'N' || l == 'S' : l == 'E' || l == 'W'))
        return 0;
    if (k >= 2 && !memcmp(s.s + k - 2, "°", 2))
        k -= 2;
    char h[8];
    snprintf(h, sizeof h, "°%c", l);
    if (!k || !parse_number((slice){s.s, k}, num) || !(*unit = lexicon_unit(lx, h, strlen(h))))
        return 0;
    if (num->form == NUM_DOTTED) /* 17.5N: a decimal point */
        num->form = NUM_DECIMAL;
    return 1;
}

static int push_coordinate(spanvec *out, slice text, const number *num, const unit_entry *unit)
{
    span v = rule_mk(CL_VALUE, text), u = rule_mk(CL_UNIT, (slice){text.s + text.n, 0});
    v.val.kind = V_NUMBER;
    v.val.num = *num;
    u.val.unit = unit;
    return rule_push(out, &v) || rule_push(out, &u);
}

/* A map position: 17,5N-110,2E in one token, or 17,5°N 110,2°E in two.
 * Returns the tokens used, 0 when it is none, -1 on out of memory. */
static int coordinates(const classify_ctx *c, const token *t, size_t n, size_t i, spanvec *out)
{
    slice s = t[i].core;
    number a, b;
    const unit_entry *ua, *ub;
    for (size_t k = 2; k + 2 < s.n; k++)
        if (s.s[k] == '-' && coordinate_part(c->lx, (slice){s.s, k}, 'N', &a, &ua) &&
            coordinate_part(c->lx, (slice){s.s + k + 1, s.n - k - 1}, 'E', &b, &ub))
            return push_coordinate(out, (slice){s.s, k}, &a, ua) ||
                           push_coordinate(out, (slice){s.s + k + 1, s.n - k - 1}, &b, ub)
                       ? -1
                       : 1;
    if (i + 1 < n && coordinate_part(c->lx, s, 'N', &a, &ua) &&
        coordinate_part(c->lx, t[i + 1].core, 'E', &b, &ub)) {
        if (push_coordinate(out, s, &a, ua))
            return -1;
        if (t[i].post.n) { /* 17,5N, 110,2E */
            span p = rule_mk(CL_PUNCT, t[i].post);
            if (rule_push(out, &p))
                return -1;
        }
        return push_coordinate(out, t[i + 1].core, &b, ub) ? -1 : 2;
    }
    return 0;
}

/* iPhone 16 128 GB: after a product's name (a loanword or a mixed token), a
 * number of one or two digits and a group with a unit after it are the
 * model and a capacity, two numbers */
static int model_then_measure(const rule_at *a, size_t used)
{
    const spanvec *out = a->out;
    size_t e = a->i + used;
    value uv;
    if (a->i == 0 || !out->n || a->t[a->i].core.n > 2 || e >= a->n || a->t[e - 1].post.n ||
        (out->v[out->n - 1].cls != CL_LOANWORD && out->v[out->n - 1].cls != CL_MIXED) || a->t[a->i - 1].post.n)
        return 0;
    return parse_unit(a->c->lx, a->t[e].core, 1, &uv);
}

RULE_BODY int spaced_number_rest(rule_at *a)
{
    span sp;
    size_t used = spaced_number(a->t, a->n, a->i, &sp);
    if (!used || model_then_measure(a, used))
        return 0;
    a->i += used;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* its first test: three digits or fewer, a token after */
int rule_spaced_number(rule_at *a)
{
    return a->t[a->i].core.n <= 3 && !a->t[a->i].post.n && a->i + 1 < a->n ? spaced_number_rest(a) : 0;
}

/* a map position: 17,5N-110,2E */
RULE_BODY int coordinates_rest(rule_at *a)
{
    const token *tk = &a->t[a->i];
    if (!(tk->core.s[0] >= '0' && tk->core.s[0] <= '9'))
        return 0;
    int used = coordinates(a->c, a->t, a->n, a->i, a->out);
    if (used <= 0)
        return used;
    a->i += (size_t)used;
    return 1;
}

/* its first test: a hemisphere letter (N S E W, or the last byte of Đ)
 * ending the token or a part of it before a dash */
static int coordinates_may(slice s)
{
    unsigned char end = (unsigned char)s.s[s.n - 1];
    return end == 'N' || end == 'S' || end == 'E' || end == 'W' || end == 0x90 || memchr(s.s, '-', s.n);
}
int rule_coordinates(rule_at *a)
{
    return coordinates_may(a->t[a->i].core) ? coordinates_rest(a) : 0;
}

/* 1m75: a height, and 56m37, 7m80: a mark in metres and centimetres
 * (a throw, a jump), said the same: "năm mươi sáu mét ba mươi bảy" */
RULE_BODY int height_rest(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (s.n < 3 || !(s.s[0] >= '0' && s.s[0] <= '9'))
        return 0;
    const char *m = memchr(s.s, 'm', s.n);
    size_t k = m ? (size_t)(m - s.s) : 0;
    if (!(m && k >= 1 && k <= 2 && s.n - k - 1 == 2 && is_digits((slice){s.s, k}) && is_digits((slice){m + 1, 2})))
        return 0;
    span *h = rule_push_new(a->out);
    if (!h)
        return -1;
    h->cls = CL_HEIGHT;
    h->text = s;
    h->height.metres = (slice){s.s, k};
    h->height.cm = (slice){m + 1, 2};
    a->i++;
    return 1;
}

/* its first test: three to five bytes */
int rule_height(rule_at *a)
{
    return a->t[a->i].core.n - 3 <= 2 ? height_rest(a) : 0;
}

/* 10x15cm: dimensions */
RULE_BODY int dimensions_rest(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (s.n < 3 || !(s.s[0] >= '0' && s.s[0] <= '9'))
        return 0;
    const char *x = memchr(s.s, 'x', s.n);
    value v1, v2;
    if (!(x && x > s.s && x + 1 < s.s + s.n &&
          rule_value_of(a->c, (slice){s.s, (size_t)(x - s.s)}, 0, &v1) && v1.kind == V_NUMBER &&
          rule_value_of(a->c, (slice){x + 1, s.n - (size_t)(x + 1 - s.s)}, 0, &v2) &&
          (v2.kind == V_NUMBER || v2.kind == V_MEASURE)))
        return 0;
    span a1 = rule_mk(CL_VALUE, (slice){s.s, (size_t)(x - s.s)}), times = rule_mk(CL_TIMES, (slice){x, 1}),
         a2 = rule_mk(CL_VALUE, (slice){x + 1, s.n - (size_t)(x + 1 - s.s)});
    a1.val = v1;
    a2.val = v2;
    a->i++;
    return rule_push(a->out, &a1) || rule_push(a->out, &times) || rule_push(a->out, &a2) ? -1 : 1;
}

/* its first test: with an x */
int rule_dimensions(rule_at *a)
{
    return memchr(a->t[a->i].core.s, 'x', a->t[a->i].core.n) ? dimensions_rest(a) : 0;
}

/* 20g: an hour when a word of the day or of a moment is next to it (lúc 20g,
 * 20g tối), else grams (tuýp 20g): the value becomes a weight */
static void bare_g_as_grams(rule_at *a)
{
    slice s = a->t[a->i].core;
    const token *p = a->i > 0 ? &a->t[a->i - 1] : NULL, *nx = a->i + 1 < a->n ? &a->t[a->i + 1] : NULL;
    if (a->v.kind != V_TIME || a->v.has_min || s.s[s.n - 1] != 'g' || (p && rule_word_has(a->c, p, ROLE_HOUR)) ||
        (nx && !a->t[a->i].post.n && rule_word_has(a->c, nx, ROLE_HOUR)))
        return;
    const unit_entry *g = lexicon_unit(a->c->lx, "g", 1);
    number n;
    if (g && parse_number((slice){s.s, s.n - 1}, &n)) {
        memset(&a->v, 0, sizeof a->v);
        a->v.kind = V_MEASURE;
        a->v.num = n;
        a->v.unit = g;
    }
}

/* parse_value of a digit token with its date cues, computed once */
void rule_value_facts_now(rule_at *a)
{
    if (a->value_ready)
        return;
    rule_digit_facts(a);
    a->value_ready = 1;
    a->value_ok = rule_value_of(a->c, a->t[a->i].core, a->short_date, &a->v);
    if (a->value_ok)
        bare_g_as_grams(a);
    /* 150,000 đồng/kg, 10,000 Bảng Anh: three zeros after a comma before a
     * currency are the English thousands */
    const token *nx = a->i + 1 < a->n ? &a->t[a->i + 1] : NULL;
    if (a->value_ok && a->v.kind == V_NUMBER && a->v.num.nfrac == 3 && nx && nx->core.n && !nx->pre.n) {
        const char *sl = memchr(nx->core.s, '/', nx->core.n);
        size_t wn = sl ? (size_t)(sl - nx->core.s) : nx->core.n;
        if (lexicon_word_has(a->c->lx, nx->core.s, wn, ROLE_CURRENCY))
            parse_zero_thousands(a->t[a->i].core, &a->v.num);
    }
    /* $30 USD, $4,500 Mỹ kim: the currency written twice is said once, by
     * the word after the number */
    if (a->value_ok && a->v.kind == V_MONEY && nx && nx->core.n && !a->t[a->i].post.n && !nx->pre.n) {
        const unit_entry *u = lexicon_unit(a->c->lx, nx->core.s, nx->core.n);
        const token *n2 = a->i + 2 < a->n && !nx->post.n && !nx[1].pre.n ? nx + 1 : NULL;
        size_t two = n2 ? (size_t)(n2->core.s + n2->core.n - nx->core.s) : 0;
        if ((u && u->kind == UNIT_MONEY) || lexicon_word_has(a->c->lx, nx->core.s, nx->core.n, ROLE_CURRENCY) ||
            (n2 && lexicon_word_has(a->c->lx, nx->core.s, two, ROLE_CURRENCY)))
            a->v.kind = V_NUMBER;
    }
}

/* thứ 3, hạng 10: a number after an ordinal cue (digits only: thứ +4 is a number) */
RULE_BODY int ordinal_rest(rule_at *a)
{
    if (!a->t[a->i].digit)
        return 0;
    rule_value_facts(a);
    slice s = a->t[a->i].core;
    const value *v = &a->v;
    if (!(a->value_ok && v->kind == V_NUMBER && v->num.form != NUM_DECIMAL && is_digits(s) &&
          rule_cue(a->c, a->t, a->i, ROLE_ORDINAL) && v->num.ndigits <= 3))
        return 0;
    a->i++;
    return rule_push_simple(a->out, CL_ORDINAL, s) ? -1 : 1;
}

/* its first test: after an ordinal cue */
int rule_ordinal(rule_at *a)
{
    return rule_cue(a->c, a->t, a->i, ROLE_ORDINAL) ? ordinal_rest(a) : 0;
}

/* $1,5 tỷ: the number, the scale word, then the currency */
RULE_BODY int money_scale_rest(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    if (!tk->digit)
        return 0;
    rule_value_facts(a);
    slice s = tk->core;
    if (!(a->value_ok && a->v.kind == V_MONEY && !(s.s[0] >= '0' && s.s[0] <= '9') && s.s[0] != '-' &&
          a->i + 1 < a->n && !tk->post.n && rule_is_scale(a->c, &t[a->i + 1])))
        return 0;
    span num = rule_mk(CL_VALUE, s), word = rule_mk(CL_WORD, t[a->i + 1].core), unit = rule_mk(CL_UNIT, s);
    num.val = a->v;
    num.val.kind = V_NUMBER;
    unit.val.unit = a->v.unit;
    a->i += 2;
    spanvec *out = a->out;
    if (rule_push(out, &num) || rule_push(out, &word) || rule_push(out, &unit))
        return -1;
    if (t[a->i - 1].post.n) {
        span p = rule_mk(CL_PUNCT, t[a->i - 1].post);
        return rule_push(out, &p) ? -1 : 1;
    }
    return 1;
}

/* its first test: a sign before the digits */
int rule_money_scale(rule_at *a)
{
    return !(a->t[a->i].core.s[0] >= '0' && a->t[a->i].core.s[0] <= '9') && a->t[a->i].core.s[0] != '-' ? money_scale_rest(a) : 0;
}

/* 2.5 tỷ, 1.5 km: a dot decimal before a scale word or a unit; 0.4, 1.5%,
 * 0.5 kg: an English decimal point (4.0 stays "bốn chấm không") */
static int dot_is_decimal(const rule_at *a, const value *v)
{
    const token *t = a->t, *tk = &t[a->i];
    const spanvec *out = a->out;
    int next = a->i + 1 < a->n && !tk->post.n;
    return v->num.form == NUM_DOTTED &&
           ((v->kind == V_NUMBER && next &&
             (rule_is_scale(a->c, &t[a->i + 1]) ||
              lexicon_unit(a->c->lx, t[a->i + 1].core.s, t[a->i + 1].core.n) ||
              rule_word_has(a->c, &t[a->i + 1], ROLE_DEGREE_WORD))) || /* 20.1 độ vĩ bắc */
            v->kind == V_PERCENT || v->kind == V_MEASURE || v->kind == V_MONEY ||
            (v->num.ndigits == 1 && v->num.digits[0] == '0') || (next && rule_is_times(&t[a->i + 1])) || /* 162.8 x 77.6 */
            (out->n >= 2 && out->v[out->n - 2].cls == CL_TIMES));
}

/* 1 when the words from t[i] name a latitude or longitude: [độ] vĩ|kinh
 * bắc|nam|đông|tây (14.916 độ vĩ Bắc, 108.235 Kinh Đông) */
static int names_coordinate(const rule_at *a, size_t i)
{
    const token *t = a->t;
    if (i < a->n && !t[i - 1].post.n && rule_word_has(a->c, &t[i], ROLE_DEGREE_WORD))
        i++;
    if (!(i + 1 < a->n && !t[i - 1].post.n && !t[i].post.n && rule_word_has(a->c, &t[i], ROLE_LATLONG)))
        return 0;
    slice w = t[i + 1].core; /* Vĩ Bắc-108.235 Kinh Đông: the compass word glued to the next number */
    const char *dash = memchr(w.s, '-', w.n);
    return rule_word_has(a->c, &t[i + 1], ROLE_COMPASS) ||
           (dash && lexicon_word_has(a->c->lx, w.s, (size_t)(dash - w.s), ROLE_COMPASS));
}

/* 14.916 độ vĩ Bắc, 108.235 Kinh Đông: one dotted group of three in a
 * coordinate is an English decimal point (a degree is at most 180), its three
 * decimals a number; độ lớn 4.7, IELTS 6.5: a dotted number after a word
 * of role dot-decimal (a magnitude, a band score) is a decimal too */
static void english_decimal(const rule_at *a, number *n)
{
    const token *t = a->t;
    size_t i = a->i;
    if (n->form == NUM_DOTTED && i > 0 && rule_word_has(a->c, &t[i - 1], ROLE_DOT_DECIMAL)) {
        n->form = NUM_DECIMAL;
        return;
    }
    slice s = t[i].core;
    const char *dot = memchr(s.s, '.', s.n);
    size_t head = dot ? (size_t)(dot - s.s) : 0;
    if (n->form != NUM_INT || n->neg || !dot || head < 1 || head > 3 || s.n != head + 4 || !is_digits((slice){s.s, head}) ||
        !is_digits((slice){dot + 1, 3}) || atoi(s.s) > 180 || !names_coordinate(a, i + 1))
        return;
    memcpy(n->frac, dot + 1, 3);
    n->frac[3] = 0;
    n->nfrac = 3;
    n->ndigits = head;
    n->digits[head] = 0;
    n->form = NUM_DECIMAL;
    n->grouped = 0;
    n->frac_number = 1;
}

/* the word phút just before the number (phút 23'), or a minute so read a
 * few spans before, this one after và or a comma (các phút 23' và 67') */
static int minute_said(const rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i;
    if (i > 0 && !t[i - 1].post.n && rule_word_has(a->c, &t[i - 1], ROLE_MINUTE_WORD))
        return 1;
    const spanvec *out = a->out; /* the number itself is the last span */
    for (size_t k = out->n - 1; k-- > 0 && k + 6 >= out->n;)
        if (out->v[k].rule && !strcmp(out->v[k].rule, "minute-said"))
            return i > 0 && (t[i - 1].post.n || rule_word_has(a->c, &t[i - 1], ROLE_AND));
    return 0;
}

/* what the words around a value say of it: 2h30 phút, 120', tháng 4, năm 2021
 * (the marks after 120' go on its last span, as they always have) */
static int value_context(const rule_at *a, const value *v)
{
    const token *t = a->t, *tk = &t[a->i];
    spanvec *out = a->out;
    size_t i = a->i;
    slice s = tk->core;
    if (v->kind == V_TIME && v->has_min && i + 1 < a->n && !tk->post.n && rule_word_has(a->c, &t[i + 1], ROLE_MINUTE_WORD))
        out->v[out->n - 1].add_prefix = 1; /* 2h30 phút: the word is written, so the time does not say it */
    if (v->kind == V_NUMBER && tk->post.n && tk->post.s[0] == '\'' && minute_said(a)) {
        /* phút 23', các phút 23' và 67': the match's minute, its word already said */
        span m = rule_mk(CL_PUNCT, (slice){tk->post.s, 0});
        m.rule = "minute-said";
        if (rule_push(out, &m))
            return -1;
    } else if (v->kind == V_NUMBER && tk->post.n && tk->post.s[0] == '\'') { /* 120' : minutes */
        span m = rule_mk(CL_UNIT, tk->post);
        m.rule = "minutes-mark";
        m.val.unit = lexicon_unit(a->c->lx, "phút", strlen("phút"));
        if (m.val.unit && rule_push(out, &m))
            return -1;
    }
    span *last = &out->v[out->n - 1];
    if (v->kind == V_NUMBER && v->num.form == NUM_INT && i > 0 && rule_word_has(a->c, &t[i - 1], ROLE_MONTH_WORD) &&
        v->num.ndigits <= 2 && atoi(v->num.digits) >= 1 && atoi(v->num.digits) <= 12)
        last->as_month = 1; /* a month number after "tháng": tháng 4 năm 2024 */
    /* a year after "tháng N" without "năm": tháng 1 2024 */
    if (v->kind == V_NUMBER && s.n == 4 && is_digits(s) && i >= 2 && is_digits(t[i - 1].core) && t[i - 1].core.n <= 2 &&
        rule_word_has(a->c, &t[i - 2], ROLE_MONTH_WORD))
        last->add_prefix = last->as_year = 1;
    /* năm 2021 (four digits: năm -019 is a number) */
    if (v->kind == V_NUMBER && v->num.form == NUM_INT && s.n == 4 && is_digits(s) && i > 0 &&
        rule_word_has(a->c, &t[i - 1], ROLE_YEAR_WORD))
        last->as_year = 1;
    return 0;
}

/* the name --explain gives a value: its kind, and for a date the cue that
 * let a short d/m be one */
static const char *value_rule(const rule_at *a, const value *v)
{
    static const char *const KIND[] = {
        [V_NONE] = "value", [V_NUMBER] = "number", [V_PERCENT] = "percent", [V_MONEY] = "money",
        [V_MEASURE] = "measure", [V_TIME] = "time", [V_DURATION] = "duration", [V_DATE] = "date",
        [V_MONTH_YEAR] = "month-year", [V_SHORT_AMOUNT] = "short-amount",
    };
    if (v->kind == V_DATE)
        return a->named ? "date-named" : a->date_dot ? "date-dot" : a->short_date == 2 ? "date-strong" : a->short_date ? "date-cued" : "date";
    return KIND[v->kind];
}

/* any value parse_value reads, and a unit as the next word, spelled exactly:
 * 100 km/h, 35 ha, 10k VND */
int rule_value(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    if (!tk->digit)
        return 0;
    rule_value_facts(a);
    if (!a->value_ok)
        return 0;
    const value *v = &a->v;
    spanvec *out = a->out;
    if (rule_push_value(a->c, t, a->i, tk->core, v, out))
        return -1;
    span *last = &out->v[out->n - 1];
    last->rule = value_rule(a, v);
    if (a->named) /* the text says "ngày" already */
        last->add_prefix = 0;
    if (dot_is_decimal(a, v))
        last->val.num.form = NUM_DECIMAL;
    english_decimal(a, &last->val.num);
    /* 0,161 giây, 501,382 tỉ, 298,685 gram: a measured amount's three
     * decimals are a number ("một trăm sáu mươi mốt"); bare, digit by digit
     * (frac_number is read of a decimal alone: the next word is asked of no other) */
    if (last->val.num.form == NUM_DECIMAL && a->i + 1 < a->n && !tk->post.n && (rule_is_scale(a->c, &t[a->i + 1]) ||
                                           rule_word_has(a->c, &t[a->i + 1], ROLE_TIME_UNIT) ||
                                           lexicon_unit(a->c->lx, t[a->i + 1].core.s, t[a->i + 1].core.n)))
        last->val.num.frac_number = 1;
    if (value_context(a, v))
        return -1;
    a->i++;
    a->i += rule_unit_after(a->c, t, a->n, a->i, out);
    return 1;
}

/* concert 1,2, tập 3,4: single digits with commas between, after a word of
 * things numbered in a series (role numbered), are a list: "một, hai";
 * not before a scale word or a unit */
RULE_BODY int number_list_rest(rule_at *a)
{
    slice s = a->t[a->i].core;
    for (size_t k = 0; k < s.n; k++)
        if (!(k % 2 ? s.s[k] == ',' : s.s[k] >= '0' && s.s[k] <= '9'))
            return 0;
    const token *w = &a->t[a->i - 1];
    if (w->post.n || w->digit || !lexicon_word_has(a->c->lx, w->core.s, w->core.n, ROLE_NUMBERED))
        return 0;
    value uv; /* mùa 1,5 triệu: an amount */
    if (a->i + 1 < a->n && !a->t[a->i].post.n &&
        (rule_is_scale(a->c, &a->t[a->i + 1]) || parse_unit(a->c->lx, a->t[a->i + 1].core, 1, &uv)))
        return 0;
    for (size_t k = 0; k < s.n; k += 2) {
        value v;
        if (k && rule_push_simple(a->out, CL_PUNCT, (slice){s.s + k - 1, 1}))
            return -1;
        if (!rule_value_of(a->c, (slice){s.s + k, 1}, 0, &v) || rule_push_value(a->c, a->t, a->i, (slice){s.s + k, 1}, &v, a->out))
            return -1;
    }
    a->i++;
    return 1;
}

/* its first test: an odd length, a digit, a comma, a digit */
int rule_number_list(rule_at *a)
{
    slice s = a->t[a->i].core;
    return a->i > 0 && s.n >= 3 && s.n % 2 && s.s[1] == ',' && s.s[2] >= '0' && s.s[2] <= '9' ? number_list_rest(a) : 0;
}

/* 86-63-90 cm, 79-59-89: three measurements glued by dashes (a body's three
 * rounds), each of two or three digits, none led by 0: a list, "tám mươi
 * sáu, sáu mươi ba, chín mươi", then the unit after it. */
RULE_BODY int measurements_rest(rule_at *a)
{
    slice s = a->t[a->i].core;
    slice part[3];
    value v[3];
    size_t k = 0;
    for (int g = 0; g < 3; g++) {
        if (g && (k >= s.n || s.s[k++] != '-'))
            return 0;
        size_t from = k;
        while (k < s.n && s.s[k] >= '0' && s.s[k] <= '9')
            k++;
        part[g] = (slice){s.s + from, k - from};
        if (part[g].n < 2 || part[g].n > 3 || s.s[from] == '0' || !rule_value_of(a->c, part[g], 0, &v[g]))
            return 0;
    }
    if (k != s.n)
        return 0;
    for (int g = 0; g < 3; g++)
        if ((g && rule_push_simple(a->out, CL_PUNCT, (slice){part[g].s - 1, 1})) ||
            rule_push_value(a->c, a->t, a->i, part[g], &v[g], a->out))
            return -1;
    a->i++;
    a->i += rule_unit_after(a->c, a->t, a->n, a->i, a->out);
    return 1;
}

/* its first test: eight to eleven bytes, a digit first, a dash third or fourth */
int rule_measurements(rule_at *a)
{
    slice s = a->t[a->i].core;
    return s.n >= 8 && s.n <= 11 && s.s[0] >= '1' && s.s[0] <= '9' && (s.s[2] == '-' || s.s[3] == '-') ? measurements_rest(a) : 0;
}
