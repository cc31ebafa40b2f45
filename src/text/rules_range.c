/* rules_range — the recognizers of punctuation tokens and of ranges: a lone
 * dash between two values (3 - 5 km) or weekdays (thứ 2 - thứ 6), a dash
 * glued to the second value (14 -22/2), a range inside one token
 * (2021-2025) or after an ordinal (hạng 701 - 750), a lone times sign (163 x 77,6), and any other punctuation.
 * Takes a rule_at (rules.h); appends spans. */
#include "rules.h"
#include "utf8.h"
#include <stdlib.h>
#include <string.h>

/* 4-0, 3-1: two whole numbers of one or two digits, the first the larger, are
 * a result (a range goes up), read with no "đến" */
static int descending(const value *a, const value *b)
{
    return a->num.form == NUM_INT && b->num.form == NUM_INT && a->num.ndigits <= 2 && b->num.ndigits <= 2 &&
           !a->num.neg && !b->num.neg && !a->num.plus && !b->num.plus && atoi(a->num.digits) > atoi(b->num.digits);
}

/* 1-1, 0-0: a draw; no range ends where it starts */
static int level(const value *a, const value *b)
{
    return a->num.form == NUM_INT && b->num.form == NUM_INT && a->num.ndigits <= 2 && b->num.ndigits <= 2 &&
           !a->num.neg && !b->num.neg && !a->num.plus && !b->num.plus && atoi(a->num.digits) == atoi(b->num.digits);
}

/* a token N-M of one or two digits each (a set's score 6-4); its two numbers */
static int pair_token(const token *t, int *x, int *y)
{
    const char *p = t->core.s, *e = p + t->core.n;
    int v[2] = {0, 0};
    for (int side = 0; side < 2; side++) {
        int d = 0;
        while (p < e && *p >= '0' && *p <= '9' && d < 3)
            v[side] = v[side] * 10 + (*p++ - '0'), d++;
        if (d < 1 || d > 2 || (side == 0 && (p >= e || *p++ != '-')))
            return 0;
    }
    *x = v[0];
    *y = v[1];
    return p == e;
}

/* (3-6, 6-3, 4-6, 6-4): in a list of such pairs, one falling among them,
 * every pair is a score, none a range (after a comma or a bracket each) */
static int listed_score(const token *t, size_t n, size_t i)
{
    int x, y, pairs = 0, falling = 0;
    size_t lo = i, hi = i;
    while (lo > 0 && lo + 6 > i && t[lo - 1].post.n && pair_token(&t[lo - 1], &x, &y))
        lo--;
    while (hi + 1 < n && hi < i + 6 && t[hi].post.n && pair_token(&t[hi + 1], &x, &y))
        hi++;
    for (size_t k = lo; k <= hi; k++)
        if (pair_token(&t[k], &x, &y)) {
            pairs++;
            falling |= x > y;
        }
    return pairs >= 3 && falling;
}

/* 1 to 31 written as a whole number of one or two digits */
static int day_number(const value *v)
{
    return v->kind == V_NUMBER && v->num.form == NUM_INT && v->num.ndigits <= 2 && !v->num.grouped &&
           atoi(v->num.digits) >= 1 && atoi(v->num.digits) <= 31;
}

/* từ 26 - 28/7 "từ ngày hai mươi sáu đến hai mươi tám tháng bảy": the day
 * that starts a range of days ending in a date (out's last span, of token
 * i) says "ngày" after a date-dot cue (từ, đến, trước, sau) */
static void day_range_start(const classify_ctx *c, const token *t, size_t i, spanvec *out)
{
    span *d = &out->v[out->n - 1];
    if (day_number(&d->val) && rule_cue(c, t, i, ROLE_DATE_DOT))
        d->add_prefix = DAY_PREFIX;
}

/* a token in quotes of its own: "1-2", “1-2” */
static int is_quoted(const token *tk)
{
    static const char *const OPEN[] = {"\"", "“"}, *const CLOSE[] = {"\"", "”"};
    int open = 0, close = 0;
    for (size_t k = 0; k < 2; k++) {
        size_t lo = strlen(OPEN[k]), lc = strlen(CLOSE[k]);
        open |= tk->pre.n >= lo && !memcmp(tk->pre.s + tk->pre.n - lo, OPEN[k], lo);
        close |= tk->post.n >= lc && !memcmp(tk->post.s, CLOSE[k], lc);
    }
    return open && close;
}

/* a scale word or a unit after token at->i (2-3 tỷ đồng) */
static int measured_at(const rule_at *at)
{
    const token *t = at->t;
    value uv;
    return at->i + 1 < at->n && !t[at->i].post.n &&
           (rule_is_scale(at->c, &t[at->i + 1]) || parse_unit(at->c->lx, t[at->i + 1].core, 1, &uv));
}

/* ASIAD 19-2022, SEA Games 31-2022: after a named event (an abbreviation,
 * a loanword, capitals), its edition (13 to 99: no month) and its year, no
 * range */
static int edition_year(const spanvec *out, const value *a, const value *b)
{
    if (!out->n || a->kind != V_NUMBER || b->kind != V_NUMBER || a->num.form != NUM_INT || b->num.form != NUM_INT ||
        a->num.ndigits != 2 || b->num.ndigits != 4 || atoi(a->num.digits) <= 12 ||
        !(!memcmp(b->num.digits, "19", 2) || !memcmp(b->num.digits, "20", 2)))
        return 0;
    tok_class p = out->v[out->n - 1].cls;
    return p == CL_ABBR || p == CL_LOANWORD || p == CL_UPPERWORD;
}

/* A-B inside one token, both sides values: 2021-2025, 10-15%, 10:00-11:00;
 * a score unless a scale word or a unit follows (2-3 tỷ đồng: measured_at);
 * quoted: the token is in quotes alone (cuộc đua "1-2"), a label, two numbers */
static int inner_range(const rule_at *at, int days_ok, int quoted, spanvec *out)
{
    const classify_ctx *c = at->c;
    const token *t = at->t;
    size_t i = at->i;
    int short_date = at->short_date;
    const slice *s = &t[i].core;
    for (size_t k = 1; k + 1 < s->n; k++) {
        if (s->s[k] != '-')
            continue;
        slice a = {s->s, k}, b = {s->s + k + 1, s->n - k - 1};
        value va, vb;
        if (!rule_value_of(c, a, short_date, &va))
            continue;
        /* 2-3/11: a day before a later day and a month is a range of days
         * (not after a fraction's cue: tỷ lệ 2-3/10, nor before a counted word) */
        int loose = days_ok && !short_date && va.kind != V_DATE && day_number(&va) && !rule_cue(c, t, i, ROLE_FRACTION);
        if (!rule_value_of(c, b, short_date || va.kind == V_DATE || loose, &vb))
            continue;
        if (loose && !short_date && vb.kind == V_DATE && vb.d <= (unsigned)atoi(va.num.digits))
            continue;
        if (va.kind == V_DATE && vb.kind != V_DATE)
            continue;
        if (va.kind == V_TIME && vb.kind != V_TIME)
            continue;
        int edition = edition_year(out, &va, &vb);
        if (rule_push_value(c, t, i, a, &va, out))
            return -1;
        if (vb.kind == V_DATE && !vb.year.n)
            day_range_start(c, t, i, out);
        /* a score (thắng 2-1) has no "đến" */
        int score = edition || (va.kind == V_NUMBER && vb.kind == V_NUMBER &&
                                (quoted || rule_cue_near(c, t, i, ROLE_SCORE) || descending(&va, &vb) || level(&va, &vb) ||
                                 listed_score(t, at->n, i)) &&
                                !measured_at(at));
        span to = rule_mk(score ? CL_PUNCT : CL_TO, (slice){s->s + k, score ? 0 : 1});
        value vb2 = vb;
        span sb = rule_mk(CL_VALUE, b);
        sb.val = vb2;
        sb.add_prefix = 0;
        return rule_push(out, &to) || rule_push(out, &sb) ? -1 : 1;
    }
    return 0;
}

/* the dash (its text dash_text, at token index at) after the value last
 * pushed, and the value of token next: a range (3 - 5 km, 18 - 20/9, 2- 3
 * triệu); the dash and the value are pushed and a->i is moved past them.
 * 1 when done, 0 when not a range, -1 on out of memory */
static int range_after_dash(rule_at *a, slice dash_text, size_t at, size_t next)
{
    const classify_ctx *c = a->c;
    const token *t = a->t;
    spanvec *out = a->out;
    value v;
    const value *pv = &out->v[out->n - 1].val;
    /* 18 - 20/9: a day before a date is the start of a range of days */
    int day = pv->kind == V_NUMBER && pv->num.form == NUM_INT && pv->num.ndigits <= 2 && atoi(pv->num.digits) >= 1 &&
              atoi(pv->num.digits) <= 31;
    int sd = pv->kind == V_DATE || day;
    int ok = rule_value_of(c, t[next].core, sd, &v);
    if (ok && day && v.kind != V_DATE && v.kind != V_NUMBER && v.kind != V_PERCENT && v.kind != V_MONEY &&
        v.kind != V_MEASURE && v.kind != V_SHORT_AMOUNT && !(v.kind == V_TIME && atoi(pv->num.digits) <= 24))
        ok = 0; /* (từ 8 - 17h: hours) */
    /* 13/10/2024 - 08:45: a dateline, not a range */
    if (ok && (pv->kind == V_DATE) != (v.kind == V_DATE) && !day)
        ok = 0;
    if (!ok)
        return 0;
    /* a score, or a poll's shares (tỷ số 50% - 48%): no "đến" */
    int score = (v.kind == V_NUMBER || v.kind == V_PERCENT) && out->v[out->n - 1].val.kind == v.kind &&
                rule_cue_near(c, t, at, ROLE_SCORE);
    span sp = rule_mk(score ? CL_PUNCT : CL_TO, dash_text);
    if (score)
        sp.text.n = 0;
    if (day && v.kind == V_DATE && !v.year.n)
        day_range_start(c, t, at - 1, out);
    if (rule_push(out, &sp) || rule_push_value(c, t, next, t[next].core, &v, out))
        return -1;
    out->v[out->n - 1].add_prefix = 0;
    a->i = next + 1;
    if (!t[next].post.n)
        a->i += rule_unit_after(c, t, a->n, a->i, out);
    return 1;
}

/* a lone dash between two values is a range (3 - 5 km, 18 - 20/9) */
int rule_dash_range(rule_at *a)
{
    const token *tk = &a->t[a->i];
    spanvec *out = a->out;
    if (tk->core.n || !rule_is_dash_token(tk) || a->i == 0 || a->i + 1 >= a->n || !out->n ||
        out->v[out->n - 1].cls != CL_VALUE)
        return 0;
    return range_after_dash(a, tk->pre.n ? tk->pre : tk->post, a->i, a->i + 1);
}

/* 2- 3 triệu: the dash glued to the first value, a space before the second:
 * the dash already pushed as punctuation becomes the range's "đến" */
RULE_BODY int glued_post_range_rest(rule_at *a)
{
    spanvec *out = a->out;
    if (out->n < 2 || out->v[out->n - 1].cls != CL_PUNCT || out->v[out->n - 2].cls != CL_VALUE)
        return 0;
    span dash = out->v[--out->n];
    int rc = range_after_dash(a, dash.text, a->i - 1, a->i);
    if (rc == 0)
        out->v[out->n++] = dash;
    return rc;
}

/* its first test: the token before is digits that end in a dash alone */
int rule_glued_post_range(rule_at *a)
{
    const token *p = a->i ? &a->t[a->i - 1] : NULL;
    return p && p->post.n == 1 && p->post.s[0] == '-' && p->digit && !a->t[a->i].pre.n ? glued_post_range_rest(a) : 0;
}

/* thứ 2 - thứ 6: a range of weekdays */
int rule_weekday_range(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    spanvec *out = a->out;
    if (tk->core.n || !rule_is_dash_token(tk) || !out->n || out->v[out->n - 1].cls != CL_ORDINAL ||
        a->i + 1 >= a->n || !rule_word_has(a->c, &t[a->i + 1], ROLE_WEEKDAY_WORD))
        return 0;
    span sp = rule_mk(CL_TO, tk->pre.n ? tk->pre : tk->post);
    a->i++;
    return rule_push(out, &sp) ? -1 : 1;
}

/* hạng 701 - 750, nhóm top 10 - 20: a dash between a number read as an
 * ordinal (after hạng, vị trí, thứ) and a larger whole number is a range */
int rule_ordinal_range(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    spanvec *out = a->out;
    if (tk->core.n || !rule_is_dash_token(tk) || !out->n || out->v[out->n - 1].cls != CL_ORDINAL ||
        a->i + 1 >= a->n || !t[a->i + 1].digit)
        return 0;
    slice p = out->v[out->n - 1].text, q = t[a->i + 1].core;
    value v;
    if (!rule_value_of(a->c, q, 0, &v) || v.kind != V_NUMBER || v.num.form != NUM_INT || q.n > 4 || p.n > 4)
        return 0;
    char pb[8], qb[8];
    memcpy(pb, p.s, p.n), pb[p.n] = 0;
    memcpy(qb, q.s, q.n), qb[q.n] = 0;
    if (strspn(pb, "0123456789") != p.n || strspn(qb, "0123456789") != q.n || atoi(qb) <= atoi(pb))
        return 0;
    span sp = rule_mk(CL_TO, tk->pre.n ? tk->pre : tk->post);
    if (rule_push(out, &sp) || rule_push_value(a->c, t, a->i + 1, q, &v, out))
        return -1;
    out->v[out->n - 1].add_prefix = 0;
    a->i += 2;
    return 1;
}

/* any other token with no letter nor digit: its punctuation */
int rule_lone_punct(rule_at *a)
{
    const token *tk = &a->t[a->i];
    if (tk->core.n)
        return 0;
    a->i++;
    return rule_push_simple(a->out, CL_PUNCT, tk->pre.n ? tk->pre : tk->post) ? -1 : 1;
}

/* 163 x 77,6 x 8,25 mm: a lone x after a bare number is "nhân" (NeMo keeps
 * the x between measures: 100cm x 50cm) */
RULE_BODY int times_sign(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    const spanvec *out = a->out;
    if (!out->n || a->i == 0 || t[a->i - 1].post.n || a->i + 1 >= a->n || !t[a->i + 1].digit || tk->post.n)
        return 0;
    const span *p = &out->v[out->n - 1];
    /* TSA x 40/60: a lower-case x between a spelled score's name and a number, in a formula */
    int formula = (p->cls == CL_SPELL || p->cls == CL_ABBR) && tk->core.s[0] != 'X';
    if (!(formula || (p->cls == CL_VALUE && p->val.kind == V_NUMBER)))
        return 0;
    a->i++;
    return rule_push_simple(a->out, CL_TIMES, tk->core) ? -1 : 1;
}

/* Đen x Hoàng Dũng, Godzilla x Kong: a lower-case x between a word and a
 * capitalized word joins two names (a duet, a crossover): its letter, "ích" */
RULE_BODY int collab_x(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    if (tk->core.s[0] != 'x' || tk->pre.n || tk->post.n || a->i == 0 || a->i + 1 >= a->n)
        return 0;
    const token *p = &t[a->i - 1], *q = &t[a->i + 1];
    if (p->post.n || p->digit || !p->core.n || q->pre.n || q->digit || !q->core.n)
        return 0;
    int32_t cp;
    utf8_next(q->core.s, q->core.n, &cp);
    if (!utf8_is_upper(cp))
        return 0;
    a->i++;
    return rule_push_simple(a->out, CL_SPELL, tk->core) ? -1 : 1;
}

int rule_times_sign(rule_at *a)
{
    if (!rule_is_times(&a->t[a->i]))
        return 0;
    int r = times_sign(a);
    return r ? r : collab_x(a);
}

/* từ ngày 14 -22/2: a dash glued to the second value of a range */
RULE_BODY int glued_dash_range_rest(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    spanvec *out = a->out;
    if (!(tk->digit && tk->core.n > 1 && tk->core.s[0] == '-' && tk->core.s[1] >= '0' && tk->core.s[1] <= '9' &&
          a->i > 0 && !t[a->i - 1].post.n && out->n && out->v[out->n - 1].cls == CL_VALUE &&
          out->v[out->n - 1].val.kind == V_NUMBER))
        return 0;
    slice rest = {tk->core.s + 1, tk->core.n - 1};
    value v;
    int day = out->v[out->n - 1].val.num.ndigits <= 2;
    if (!rule_value_of(a->c, rest, day, &v))
        return 0;
    span to = rule_mk(CL_TO, (slice){tk->core.s, 1});
    if (rule_push(out, &to) || rule_push_value(a->c, t, a->i, rest, &v, out))
        return -1;
    out->v[out->n - 1].add_prefix = 0;
    a->i++;
    return 1;
}

/* its first test: a dash first */
int rule_glued_dash_range(rule_at *a)
{
    return a->t[a->i].core.n > 1 && a->t[a->i].core.s[0] == '-' ? glued_dash_range_rest(a) : 0;
}

/* 2021-2025, 10-15%: a range inside one token (when the token is no value) */
int rule_inner_range(rule_at *a)
{
    if (!a->t[a->i].digit)
        return 0;
    rule_digit_facts(a);
    /* 7-8/10 điểm: before a counted word a/b is a score, no day */
    const token *t = a->t;
    int days_ok = !(a->i + 1 < a->n && !t[a->i].post.n && rule_word_has(a->c, &t[a->i + 1], ROLE_COUNTED));
    int r = inner_range(a, days_ok, is_quoted(&t[a->i]) && t[a->i].core.n <= 5, a->out);
    if (!r)
        return 0;
    a->i++;
    if (r > 0)
        a->i += rule_unit_after(a->c, a->t, a->n, a->i, a->out);
    return r < 0 ? -1 : 1;
}

/* the length of the letters before the digits that end s (BĐ of BĐ2, U of
 * U23), 0 unless s is letters then digits */
static size_t code_stem(slice s)
{
    size_t d = s.n;
    while (d > 0 && s.s[d - 1] >= '0' && s.s[d - 1] <= '9')
        d--;
    if (d == 0 || d == s.n)
        return 0;
    for (size_t k = 0; k < d; k++)
        if ((s.s[k] >= '0' && s.s[k] <= '9') || s.s[k] == '-' || s.s[k] == '.' || s.s[k] == '/')
            return 0;
    return d;
}

/* BĐ2 - BĐ3, U17 - U19: a lone dash between two codes of one stem, the
 * second number the larger, is a range, "đến" (not between roads) */
RULE_BODY int code_range_rest(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    slice p = t[a->i - 1].core, q = t[a->i + 1].core;
    size_t stem = code_stem(p);
    if (!stem || t[a->i - 1].post.n || tk->core.n || !rule_is_dash_token(tk) || code_stem(q) != stem ||
        memcmp(p.s, q.s, stem) || q.n - stem > 4 || p.n - stem > 4 || atoi(q.s + stem) <= atoi(p.s + stem))
        return 0;
    /* QL1 - QL14: a road joins another, no range (role route in context.tsv) */
    if (lexicon_word_has(a->c->lx, p.s, stem, ROLE_ROUTE))
        return 0;
    a->i++;
    return rule_push_simple(a->out, CL_TO, tk->pre.n ? tk->pre : tk->post) ? -1 : 1;
}

/* its first test: between two tokens with digits, the one before made a code or a mixed span */
int rule_code_range(rule_at *a)
{
    const spanvec *out = a->out;
    return a->i > 0 && a->i + 1 < a->n && a->t[a->i - 1].digit && a->t[a->i + 1].digit && out->n &&
                   (out->v[out->n - 1].cls == CL_MIXED || out->v[out->n - 1].cls == CL_CODE ||
                    out->v[out->n - 1].cls == CL_SERIAL)
               ? code_range_rest(a)
               : 0;
}
