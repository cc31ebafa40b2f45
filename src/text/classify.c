/* classify — token classes chosen from the token's form and the cue words
 * before it (lexicon/context.tsv). Order of the tests is the priority. */
#include "classify.h"
#include "compose.h"
#include "foreign.h"
#include "syllable.h"
#include "utf8.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *class_name(tok_class c)
{
    static const char *const NAMES[] = {
#define X(id, name) name,
        CLASS_LIST(X)
#undef X
    };
    return NAMES[c];
}

/* Room for one more span at the end, whose contents the caller writes. */
static span *append(spanvec *sv)
{
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 32;
        span *v = realloc(sv->v, cap * sizeof *v);
        if (!v)
            return NULL;
        sv->v = v;
        sv->cap = cap;
    }
    return &sv->v[sv->n++];
}

static int push(spanvec *sv, const span *s)
{
    span *d = append(sv);
    if (!d)
        return -1;
    if (s->cls == CL_VALUE || s->cls == CL_UNIT) {
        *d = *s;
    } else { /* the value, most of a span's bytes, is read for these alone */
        memcpy(d, s, offsetof(span, val));
        d->val.kind = V_NONE;
    }
    return 0;
}

/* A new span at the end, zeroed but for its value (val.kind is V_NONE): for
 * the spans that carry none, the most common by far. NULL on out of memory. */
static span *push_new(spanvec *sv)
{
    span *s = append(sv);
    if (!s)
        return NULL;
    memset(s, 0, offsetof(span, val));
    s->val.kind = V_NONE;
    return s;
}

/* A span with no more than a class and its text. */
static int push_simple(spanvec *sv, tok_class c, slice text)
{
    span *s = push_new(sv);
    if (!s)
        return -1;
    s->cls = c;
    s->text = text;
    return 0;
}

void spanvec_free(spanvec *sv)
{
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

/* A span of class c; its value is zeroed only for the classes that have one
 * (CL_VALUE, CL_UNIT), the only ones whose value is read; the others have
 * val.kind V_NONE, as push_new gives. */
static span mk(tok_class c, slice text)
{
    span s;
    memset(&s, 0, c == CL_VALUE || c == CL_UNIT ? sizeof s : offsetof(span, val));
    if (c != CL_VALUE && c != CL_UNIT)
        s.val.kind = V_NONE;
    s.cls = c;
    s.text = text;
    return s;
}

/* The cue roles the rules below ask about (the role column of context.tsv). */
typedef enum role_id {
    R_ADDRESS,
    R_COUNTED,
    R_DATE,
    R_DATE_STRONG,
    R_DATE_DOT,
    R_DOCUMENT,
    R_EMERGENCY,
    R_SERVICE_NUMBER,
    R_COUNT_WORD,
    R_FRACTION,
    R_ORDINAL,
    R_PHONE,
    R_PURITY,
    R_ROMAN,
    R_ROMAN_STRONG,
    R_ROYAL,
    R_SCALE,
    R_SCORE,
    R_SERIAL,
    R_SERVICE,
    R_SMS,
    R_SMS_SEND,
    R_COUNT
} role_id;
static const char *const ROLE_NAMES[R_COUNT] = {
    [R_ADDRESS] = "address",
    [R_COUNTED] = "counted",
    [R_DATE] = "date",
    [R_DATE_STRONG] = "date-strong",
    [R_DATE_DOT] = "date-dot",
    [R_DOCUMENT] = "document",
    [R_EMERGENCY] = "emergency",
    [R_SERVICE_NUMBER] = "service-number",
    [R_COUNT_WORD] = "count",
    [R_FRACTION] = "fraction",
    [R_ORDINAL] = "ordinal",
    [R_PHONE] = "phone",
    [R_PURITY] = "purity",
    [R_ROMAN] = "roman",
    [R_ROMAN_STRONG] = "roman-strong",
    [R_ROYAL] = "royal",
    [R_SCALE] = "scale",
    [R_SCORE] = "score",
    [R_SERIAL] = "serial",
    [R_SERVICE] = "service",
    [R_SMS] = "sms",
    [R_SMS_SEND] = "sms-send",
};
_Static_assert(R_COUNT <= ROLE_MEMO_MAX, "role_memo holds every role");

/* The lexicon's bit of a role. */
static unsigned role_bit(const classify_ctx *c, role_id role)
{
    role_memo *m = c->memo;
    if (!m->ready) { /* once per normalizer: the lexicon's bit of each role */
        for (int k = 0; k < R_COUNT; k++)
            m->bit[k] = lexicon_role_bit(c->lx, ROLE_NAMES[k]);
        m->ready = 1;
    }
    return m->bit[role];
}

/* Does the word (or two words) before token i have the role? */
static int cue(const classify_ctx *c, const token *t, size_t i, role_id role)
{
    if (i < 1)
        return 0;
    size_t k = (size_t)(t + i - 1 - c->base); /* the word before, in the sentence */
    return ((c->roles1[k] | c->roles2[k]) & c->memo->bit[role]) != 0; /* ready: see classify_sentence */
}

static int word_is(const token *t, const char *w)
{
    if (!t->core.n)
        return !w[0];
    unsigned char f = (unsigned char)t->core.s[0];
    if (f < 0x80 && (f >= 'A' && f <= 'Z' ? f + 32 : f) != (unsigned char)w[0])
        return 0; /* an ASCII first letter lowers to itself alone: it decides */
    char low[64];
    size_t ln = utf8_lower_buf(t->core.s, t->core.n, low, sizeof low);
    return ln != (size_t)-1 && !strcmp(low, w);
}

static int has_char(slice s, const char *set)
{
    for (size_t i = 0; i < s.n; i++)
        if (strchr(set, s.s[i]))
            return 1;
    return 0;
}

static int has_letter(slice s)
{
    for (size_t i = 0; i < s.n; i++)
        if ((s.s[i] >= 'A' && s.s[i] <= 'Z') || (s.s[i] >= 'a' && s.s[i] <= 'z'))
            return 1;
    return 0;
}

/* Phone numbers: 0912 345 678, 0912.345.678, +84 912 345 678, hotline 1900 1234.
 * Returns the tokens used (0: not a phone). */
static int cue_near(const classify_ctx *c, const token *t, size_t i, role_id role);

/* 113, 115, 1022 named as numbers to call: cấp cứu 115, qua số 113, or alone */
static int service_number(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    if (!(c->roles1[t + i - c->base] & c->memo->bit[R_SERVICE_NUMBER]))
        return 0;
    if (cue(c, t, i, R_EMERGENCY) && !(i >= 2 && word_is(&t[i - 2], "trong"))) /* not "trong số 115 ca" */
        return 1;
    /* đường dây nóng bảo vệ trẻ em 111 để..., Tổng đài Quốc gia bảo vệ trẻ em 111 */
    for (size_t back = 1; back <= 10 && back <= i; back++) {
        if (cue(c, t, i - back + 1, R_SERVICE))
            return 1;
        if (t[i - back].post.n && memchr(t[i - back].post.s, '.', t[i - back].post.n))
            break;
    }
    return (cue_near(c, t, i, R_EMERGENCY) || cue_near(c, t, i, R_PHONE)) && (i + 1 >= n || t[i].post.n);
}

/* a number listed after a phone or service number: gọi 112, 113 hoặc 115 */
static int listed_phone(const token *t, size_t i, const spanvec *done)
{
    if (!done->n || i < 1)
        return 0;
    size_t k = done->n - 1;
    const span *last = &done->v[k];
    int sep = (last->cls == CL_PUNCT && last->text.n == 1 && (last->text.s[0] == ',' || last->text.s[0] == ';')) ||
              word_is(&t[i - 1], "hoặc") || word_is(&t[i - 1], "và");
    return sep && k >= 1 && done->v[k - 1].cls == CL_PHONE;
}

static size_t phone(const classify_ctx *c, const token *t, size_t n, size_t i, const spanvec *done, span *out)
{
    const slice *s = &t[i].core;
    int plus = s->n && s->s[0] == '+';
    int zero = s->n && s->s[0] == '0';
    /* gold purity: vàng 9999, nhẫn 999 */
    if (cue(c, t, i, R_PURITY) && s->n >= 3 && s->n <= 4 && s->n == strspn(s->s, "9")) {
        *out = mk(CL_PHONE, *s);
        return 1;
    }
    /* service numbers after gọi, tổng đài, hotline (and gửi in a text-message
     * instruction): 115, 1022, 1789 digit by digit */
    int service = s->n >= 3 && s->n <= 5 && is_digits(*s) &&
                  (cue(c, t, i, R_SERVICE) || (cue(c, t, i, R_SMS_SEND) && cue_near(c, t, i, R_SMS)) ||
                   listed_phone(t, i, done) || service_number(c, t, n, i));
    int cued = cue(c, t, i, R_PHONE) || (s->n >= 4 && (!strncmp(s->s, "1900", 4) || !strncmp(s->s, "1800", 4)) &&
                                          (s->n == 8 || (s->n > 5 && s->s[4] == '.') || /* 1800.90.69 */
                                           (s->n == 4 && i + 1 < n && is_digits(t[i + 1].core))));
    if (!plus && !zero && !cued && !service)
        return 0;
    size_t digits = 0, j = i;
    for (; j < n; j++) {
        const slice *p = &t[j].core;
        if (!p->n || (j > i && t[j].pre.n))
            break;
        for (size_t k = plus && j == i ? 1 : 0; k < p->n; k++) {
            if (p->s[k] >= '0' && p->s[k] <= '9')
                digits++;
            else if (p->s[k] != '.' && p->s[k] != '-')
                return 0;
        }
        if (t[j].post.n || (j > i && p->n > 4) || j - i >= 4) {
            j++;
            break;
        }
        if (j + 1 < n && !is_digits(t[j + 1].core)) {
            j++;
            break;
        }
    }
    int ok = (zero && (digits == 10 || digits == 11)) || (plus && digits >= 10 && digits <= 13) ||
             (cued && digits >= 6 && digits <= 13);
    if (!ok && service) {
        *out = mk(CL_PHONE, *s);
        return 1;
    }
    if (!ok)
        return 0;
    *out = mk(CL_PHONE, (slice){s->s, (size_t)(t[j - 1].core.s + t[j - 1].core.n - s->s)});
    return j - i;
}

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
    *out = mk(CL_VALUE, all);
    if (!parse_number(all, &out->val.num))
        return 0;
    out->val.kind = V_NUMBER;
    return j - i;
}

static int value_of(const classify_ctx *c, slice s, int short_date, value *v)
{
    return parse_value(c->lx, s, short_date, v);
}

/* "ngày" before a date unless the text says it; "tháng" before m/y likewise */
static int needs_prefix(const token *t, size_t i, const value *v)
{
    if (v->kind != V_DATE && v->kind != V_MONTH_YEAR)
        return 0;
    if (i == 0)
        return 1;
    const token *p = &t[i - 1];
    if (v->kind == V_DATE) /* not after ngày, nor after sáng, đêm, và (sáng 15/3, 19 và 20/12) */
        return !(word_is(p, "ngày") || word_is(p, "hôm") || word_is(p, "mùng") || word_is(p, "mồng") ||
                 word_is(p, "sáng") || word_is(p, "trưa") || word_is(p, "chiều") || word_is(p, "tối") ||
                 word_is(p, "đêm") || word_is(p, "khuya") || word_is(p, "và") || word_is(p, "khánh") ||
                 word_is(p, "lễ"));
    if (v->kind == V_MONTH_YEAR)
        return !word_is(p, "tháng");
    return 0;
}

static int push_value(const token *t, size_t i, slice text, const value *v, spanvec *out)
{
    span *s = push_new(out);
    if (!s)
        return -1;
    s->cls = CL_VALUE;
    s->text = text;
    s->val = *v;
    s->add_prefix = needs_prefix(t, i, v);
    return 0;
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
    span v = mk(CL_VALUE, text), u = mk(CL_UNIT, (slice){text.s + text.n, 0});
    v.val.kind = V_NUMBER;
    v.val.num = *num;
    u.val.unit = unit;
    return push(out, &v) || push(out, &u);
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
            span p = mk(CL_PUNCT, t[i].post);
            if (push(out, &p))
                return -1;
        }
        return push_coordinate(out, t[i + 1].core, &b, ub) ? -1 : 2;
    }
    return 0;
}

/* đồng/ lượng, km/ giờ: a rate written with a space after its slash (the
 * slash stays on the unit's token). When token i is a unit and "/" and a word
 * follows, that word is the "per" part of v and u the unit's text. Returns
 * the tokens used (2), or 0. */
static size_t spaced_per(const classify_ctx *c, const token *t, size_t n, size_t i, value *v, slice *u)
{
    slice s = t[i].core;
    if (s.n < 2 || s.s[s.n - 1] != '/' || t[i].post.n || i + 1 >= n || t[i + 1].pre.n || !t[i + 1].core.n ||
        t[i + 1].digit)
        return 0;
    value uv;
    memset(&uv, 0, sizeof uv);
    if (!parse_unit(c->lx, (slice){s.s, s.n - 1}, 1, &uv) || uv.per_unit || uv.per_word.n)
        return 0;
    slice w = t[i + 1].core;
    uv.per_unit = lexicon_unit(c->lx, w.s, w.n);
    if (!uv.per_unit)
        uv.per_word = w;
    *v = uv;
    *u = (slice){s.s, s.n - 1};
    return 2;
}

/* A unit as the word after a number, spelled exactly as in the table:
 * 100 km/h, 35 ha, 3-5 km, 7.200 - 7.400 đồng/kg. Returns tokens used. */
static size_t unit_after(const classify_ctx *c, const token *t, size_t n, size_t i, spanvec *out)
{
    if (i == 0 || i >= n || t[i - 1].post.n || !t[i].core.n || t[i].pre.n || !out->n)
        return 0;
    const span *last = &out->v[out->n - 1];
    if (last->cls != CL_VALUE || (last->val.kind != V_NUMBER && last->val.kind != V_SHORT_AMOUNT) || last->as_year)
        return 0;
    value uv;
    memset(&uv, 0, sizeof uv);
    slice text = t[i].core;
    size_t used = spaced_per(c, t, n, i, &uv, &text);
    if (!used && !parse_unit(c->lx, t[i].core, 1, &uv))
        return 0;
    span sp = mk(CL_UNIT, text);
    sp.val = uv;
    if (uv.unit && !strcmp(uv.unit->reading, "đồng")) /* 10.000,50 đồng "phẩy năm không" */
        out->v[out->n - 1].val.num.frac_digits = 1;
    return push(out, &sp) ? 0 : used ? used : 1;
}

/* The cue within the clause before token i (up to six words back, not past
 * a sentence-like stop): thắng ... 2-1, tỷ số chung cuộc là 3 - 2. */
static int cue_near(const classify_ctx *c, const token *t, size_t i, role_id role)
{
    for (size_t back = 1; back <= 6 && back <= i; back++) {
        if (cue(c, t, i - back + 1, role))
            return 1;
        const slice *p = &t[i - back].post;
        if (p->n && memchr(p->s, '.', p->n))
            break;
    }
    return 0;
}

/* A-B inside one token, both sides values: 2021-2025, 10-15%, 10:00-11:00 */
static int inner_range(const classify_ctx *c, const token *t, size_t i, int short_date, spanvec *out)
{
    const slice *s = &t[i].core;
    for (size_t k = 1; k + 1 < s->n; k++) {
        if (s->s[k] != '-')
            continue;
        slice a = {s->s, k}, b = {s->s + k + 1, s->n - k - 1};
        value va, vb;
        if (!value_of(c, a, short_date, &va) || !value_of(c, b, short_date || va.kind == V_DATE, &vb))
            continue;
        if (va.kind == V_DATE && vb.kind != V_DATE)
            continue;
        if (va.kind == V_TIME && vb.kind != V_TIME)
            continue;
        if (push_value(t, i, a, &va, out))
            return -1;
        /* a score (thắng 2-1) has no "đến" */
        int score = cue_near(c, t, i, R_SCORE) && va.kind == V_NUMBER && vb.kind == V_NUMBER;
        span to = mk(score ? CL_PUNCT : CL_TO, (slice){s->s + k, score ? 0 : 1});
        value vb2 = vb;
        span sb = mk(CL_VALUE, b);
        sb.val = vb2;
        sb.add_prefix = 0;
        return push(out, &to) || push(out, &sb) ? -1 : 1;
    }
    return 0;
}

static int is_dash_token(const token *t)
{
    if (t->core.n)
        return 0;
    slice all = t->pre.n ? t->pre : t->post;
    return all.n == 1 && all.s[0] == '-';
}

static int looks_url(slice s)
{
    if (memchr(s.s, '@', s.n))
        return 1;
    if (s.n > 4 && (!strncmp(s.s, "http", 4) || !strncmp(s.s, "www.", 4)))
        return 1;
    static const char *const TLD[] = {".vn", ".com", ".net", ".org", ".gov", ".edu", ".info", ".io"};
    for (size_t k = 0; k < sizeof TLD / sizeof TLD[0]; k++) {
        size_t l = strlen(TLD[k]);
        if (s.n > l + 1 && !strncasecmp(s.s + s.n - l, TLD[k], l)) /* VOV.VN too */
            return 1;
    }
    return 0;
}

/* The lower case of the tokens around an abbreviation, each made once. */
typedef struct lowered {
    size_t lo;
    char text[10][128];
    size_t len[10];  /* (size_t)-1: too long for any cue */
    unsigned char have[10];
} lowered;

static const char *lowered_at(lowered *l, const token *t, size_t j, size_t *len)
{
    size_t k = j - l->lo;
    if (!l->have[k]) {
        l->len[k] = utf8_lower_buf(t[j].core.s, t[j].core.n, l->text[k], sizeof l->text[k]);
        l->have[k] = 1;
    }
    *len = l->len[k];
    return l->text[k];
}

static const abbr_entry *choose_abbr(const classify_ctx *c, const token *t, size_t n, size_t i,
                                     const abbr_entry *e)
{
    const abbr_entry *def = NULL;
    /* a cue within four words either side */
    size_t lo = i >= 4 ? i - 4 : 0, hi = i + 5 < n ? i + 5 : n;
    lowered low;
    low.lo = lo;
    memset(low.have, 0, sizeof low.have);
    for (; e; e = lexicon_abbr_at(c->lx, e->next)) {
        if (!e->context[0]) {
            if (!def)
                def = e;
            continue;
        }
        for (size_t j = lo; j < hi; j++) {
            if (j == i || !t[j].core.n)
                continue;
            size_t wlen;
            const char *w = lowered_at(&low, t, j, &wlen);
            if (wlen == (size_t)-1)
                continue; /* longer than any cue */
            const char *p = e->context;
            int hit = 0;
            while (*p && !hit) {
                const char *bar = strchr(p, '|');
                size_t len = bar ? (size_t)(bar - p) : strlen(p);
                /* a one-word cue must equal the word; a phrase may start with it */
                if (len == wlen && !memcmp(p, w, len)) {
                    hit = 1;
                } else if (len > wlen && !memcmp(p, w, wlen) && p[wlen] == ' ' && j + 1 < n) {
                    size_t w2len;
                    const char *w2 = lowered_at(&low, t, j + 1, &w2len);
                    if (w2len != (size_t)-1 && len == wlen + 1 + w2len && !memcmp(p + wlen + 1, w2, w2len))
                        hit = 1;
                }
                p = bar ? bar + 1 : p + len;
            }
            if (hit)
                return e;
        }
    }
    return def;
}

/* The class of a word that no context can change, as classify_word would
 * choose it (CL_WORD, CL_UPPERWORD, CL_LOANWORD, CL_SPELL);
 * -1 for any other: letters only, and no abbreviation, Roman numeral or unit
 * (whose readings depend on the words around them). */
static int context_free_class(const lexicon *lx, const char *s, size_t n, int syllable)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char b = (unsigned char)s[k];
        if (b < 0x80 && !((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')))
            return -1;
    }
    if (!n || lexicon_abbr(lx, s, n) || num_roman_value(s, n) || lexicon_unit(lx, s, n))
        return -1;
    const char *loan = lexicon_loanword(lx, s, n);
    if (loan && syllable && s[0] >= 'a' && s[0] <= 'z') /* the (a gauze) is Vietnamese; The Voice is not */
        loan = NULL;
    if (utf8_all_upper(s, n)) {
        if (syllable_is_word(lx, s, n))
            return CL_UPPERWORD;
        return loan ? CL_LOANWORD : lexicon_exonym(lx, s, n) ? CL_EXONYM : compose_abbr(lx, s, n, NULL) > 0 ? CL_COMPOSED : CL_SPELL;
    }
    if (loan)
        return CL_LOANWORD;
    if (lexicon_exonym(lx, s, n))
        return CL_EXONYM;
    if (!syllable && foreign_looking(s, n)) /* Widodo, Bogor: said in Vietnamese syllables */
        return CL_FOREIGN;
    return syllable ? CL_WORD : -1;
}

/* The facts of a word as a cue: its roles, and whether it begins a phrase. */
static void cue_facts(const lexicon *lx, const char *s, size_t n, word_facts *out)
{
    out->roles = lexicon_roles(lx, s, n);
    out->head = (unsigned char)lexicon_role_head(lx, s, n);
}

void classify_word_facts(void *lexicon, const char *s, size_t n, word_facts *out)
{
    const struct lexicon *lx = lexicon;
    cue_facts(lx, s, n, out);
    out->syllable = (unsigned char)syllable_parse(lx, s, n, NULL);
    out->kind = (unsigned char)(context_free_class(lx, s, n, out->syllable) + 1);
}

/* syllable_parse of s, which is token i's text or a part of it (known
 * already for the whole token) */
static int syllable_at(const classify_ctx *c, const token *t, size_t i, slice s)
{
    if (s.s == t[i].core.s && s.n == t[i].core.n)
        return c->facts[t + i - c->base].syllable;
    return syllable_parse(c->lx, s.s, s.n, NULL);
}

/* the bytes from s.s on that a lookup may read */
static size_t readable(const classify_ctx *c, slice s)
{
    return c->end ? (size_t)(c->end - s.s) : s.n;
}

static void facts(const classify_ctx *c, const token *t, word_facts *f)
{
    if (!t->core.n) {
        *f = (word_facts){0};
        return;
    }
    /* numbers are too many to remember, and would push the words out */
    if (c->words && !t->digit) {
        *f = *word_cache_get_hashed(c->words, t->core.s, t->core.n, t->hash, readable(c, t->core));
        return;
    }
    if (t->digit) { /* a digit is no letter: no context-free class, no syllable */
        cue_facts(c->lx, t->core.s, t->core.n, f);
        f->kind = f->syllable = 0;
        return;
    }
    classify_word_facts((void *)c->lx, t->core.s, t->core.n, f);
}

/* an all-capital Vietnamese syllable that is no abbreviation (CŨNG, VẤN) */
static int caps_word(const classify_ctx *c, const token *t)
{
    return t->core.n && utf8_all_upper(t->core.s, t->core.n) && c->facts[t - c->base].syllable &&
           !lexicon_abbr(c->lx, t->core.s, t->core.n);
}

/* a Roman numeral that follows one in a list: khóa XIV, XV; khóa XIV và XV */
static int roman_list(const token *t, size_t i, const spanvec *out)
{
    if (i < 1 || !out->n)
        return 0;
    const span *last = &out->v[out->n - 1];
    if (last->cls == CL_PUNCT && last->text.n == 1 && last->text.s[0] == ',' && out->n >= 2)
        last--;
    else if (word_is(&t[i - 1], "và") && out->n >= 2 && !t[i - 1].pre.n)
        last--;
    return last->cls == CL_ROMAN && last != &out->v[out->n - 1];
}

/* gen, led, set, elo: a short lower-case word that is no Vietnamese syllable
 * is said in Vietnamese syllables too (eSpeak-NG would switch voice for it),
 * but for a time zone after a time (9:00 utc, 15h cst: the letters as written) */
static int short_foreign(slice s, const spanvec *out)
{
    if (s.n < 2 || s.n > 3 || !(s.s[0] >= 'a' && s.s[0] <= 'z'))
        return 0;
    int vowel = 0;
    for (size_t k = 0; k < s.n; k++) {
        if (!(s.s[k] >= 'a' && s.s[k] <= 'z'))
            return 0;
        vowel |= strchr("aeiouy", s.s[k]) != NULL;
    }
    if (!vowel)
        return 0;
    const span *last = out->n ? &out->v[out->n - 1] : NULL;
    return !(last && last->cls == CL_VALUE && last->val.kind == V_TIME);
}

/* 1 when s has no letter and no digit: symbols only (€, ★, →, 😀) */
static int symbols_only(slice s)
{
    for (size_t k = 0; k < s.n;) {
        int32_t cp;
        k += utf8_next(s.s + k, s.n - k, &cp);
        if (cp < 0 || (cp >= '0' && cp <= '9') || utf8_is_letter(cp))
            return 0;
    }
    return s.n > 0;
}

/* a lone symbol: its reading from symbols.tsv, or nothing (a decoration, an
 * emoji: eSpeak-NG would name it in English) */
static int push_symbol(const classify_ctx *c, slice s, spanvec *out)
{
    const char *r = lexicon_symbol(c->lx, s.s, s.n);
    span sp = mk(r && strcmp(r, "-") ? CL_LOANWORD : CL_PUNCT, s);
    sp.reading = r;
    return push(out, &sp);
}

/* token i opens a bracket, and the words just before it, lowered, are reading */
static int restates(const token *t, size_t i, const char *reading)
{
    if (!t[i].pre.n || t[i].pre.s[t[i].pre.n - 1] != '(')
        return 0;
    size_t words = 1;
    for (const char *p = reading; *p; p++)
        words += *p == ' ';
    if (words > i)
        return 0;
    char low[256];
    size_t at = 0;
    for (size_t k = i - words; k < i; k++) {
        size_t l = utf8_lower_buf(t[k].core.s, t[k].core.n, low + at, sizeof low - at - 1);
        if (l == (size_t)-1 || (k + 1 < i && t[k].post.n))
            return 0;
        at += l;
        low[at++] = k + 1 < i ? ' ' : '\0';
    }
    return !strcmp(low, reading);
}

static int consonants_only(slice s, const spanvec *out)
{
    if (s.n < 2 || s.n > 3)
        return 0;
    for (size_t k = 0; k < s.n; k++)
        if (!(s.s[k] >= 'a' && s.s[k] <= 'z') || strchr("aeiouy", s.s[k]))
            return 0;
    const span *last = out->n ? &out->v[out->n - 1] : NULL;
    return !(last && last->cls == CL_VALUE && last->val.kind == V_TIME);
}

static int classify_word(const classify_ctx *c, const token *t, size_t n, size_t i, spanvec *out)
{
    slice s = t[i].core;
    span sp;
    if (symbols_only(s) && !lexicon_abbr(c->lx, s.s, s.n)) /* & ≥ ± have readings there */
        return push_symbol(c, s, out);
    /* an initial-like I. V. X. after a Roman cue is the numeral and a full
     * stop (đô thị loại I., Ban Chấp hành khóa X.), not xã nor an initial */
    if (s.n == 2 && s.s[1] == '.' && s.s[0] && strchr("IVX", s.s[0]) &&
        (cue(c, t, i, R_ROMAN) || roman_list(t, i, out) || (i == 0 && i + 1 < n))) { /* I. CHỈ SỐ GIÁ */
        sp = mk(CL_ROMAN, (slice){s.s, 1});
        sp.roman = num_roman_value(s.s, 1);
        span stop = mk(CL_PUNCT, (slice){s.s + 1, 1});
        return push(out, &sp) || push(out, &stop);
    }
    /* XIV, XV: the second of a list of Roman numerals */
    unsigned rl = s.n > 1 && strchr("IVXLCDM", s.s[0]) && utf8_all_upper(s.s, s.n) ? num_roman_value(s.s, s.n) : 0;
    if (rl && roman_list(t, i, out)) {
        sp = mk(CL_ROMAN, s);
        sp.roman = rl;
        return push(out, &sp);
    }
    const abbr_entry *e = lexicon_abbr(c->lx, s.s, s.n);
    if (!e && s.n > 1 && s.s[s.n - 1] == '.' && (e = lexicon_abbr(c->lx, s.s, s.n - 1))) /* PGS.TS. */
        s.n--;
    /* in a headline set in capitals (AI CŨNG CÓ QUYỀN, TƯ VẤN MIỄN PHÍ) a
     * capital word that is a Vietnamese syllable next to others is the word */
    if (e && utf8_all_upper(s.s, s.n) && syllable_at(c, t, i, s) &&
        ((i > 0 && caps_word(c, &t[i - 1])) || (i + 1 < n && caps_word(c, &t[i + 1]))))
        e = NULL;
    /* an abbreviation whose every reading needs a cue, with none near, is
     * read as any other word of its letters (CA without công an's cues) */
    const abbr_entry *chosen = e ? choose_abbr(c, t, n, i, e) : NULL;
    /* Ban Chấp hành (BCH): an acronym in brackets after the words it stands
     * for is not said twice: its letters */
    if (chosen && chosen->kind == ABBR_EXPAND && restates(t, i, chosen->reading)) {
        sp = mk(CL_SPELL, s);
        return push(out, &sp);
    }
    if (!chosen)
        s = t[i].core;
    if (chosen) {
        sp = mk(CL_ABBR, s);
        sp.abbr = chosen;
        /* H. Đông Anh, P. Bến Thành: before a capitalized name an address prefix is expanded */
        if (sp.abbr && sp.abbr->kind == ABBR_SPELL && !sp.abbr->context[0] && s.n >= 2 && s.s[s.n - 1] == '.' &&
            i + 1 < n && t[i + 1].core.n && !t[i + 1].pre.n) { /* not Mỹ H. (SN 1995) */
            int32_t f;
            utf8_next(t[i + 1].core.s, t[i + 1].core.n, &f);
            for (const abbr_entry *x = e; x && utf8_is_upper(f); x = lexicon_abbr_at(c->lx, x->next))
                if (x->kind == ABBR_EXPAND) {
                    sp.abbr = x;
                    break;
                }
        }
        return push(out, &sp);
    }
    /* Roman numerals where a cue word marks them; lowercase only then too */
    unsigned r = num_roman_value(s.s, s.n);
    /* a monarch's number: Vua Charles III, Nữ hoàng Elizabeth II */
    if (r && s.n > 1 && utf8_all_upper(s.s, s.n) && i >= 2 && t[i - 1].core.n && !t[i - 1].post.n &&
        cue(c, t, i - 1, R_ROYAL)) {
        sp = mk(CL_ROMAN, s);
        sp.roman = r;
        return push(out, &sp);
    }
    /* lower case only where it cannot be a word (xix, cm) or after a strong cue (khoản vi) */
    /* a lone C, D, L or M is a letter (hạng C, nhóm D), not 100, 500, 50, 1000,
     * unless a strong cue says otherwise (chương C) */
    if (s.n == 1 && !strchr("IVXivx", s.s[0]) && !cue(c, t, i, R_ROMAN_STRONG))
        r = 0;
    /* a heading's numeral at the start: I - Nhóm tội..., II. Nội dung */
    int heading = r && i == 0 && utf8_all_upper(s.s, s.n) && strspn(s.s, "IVX") == s.n &&
                  ((i + 1 < n && is_dash_token(&t[1])) ||
                   (t[0].post.n && (t[0].post.s[0] == '.' || t[0].post.s[0] == ')')));
    if (r && (cue(c, t, i, R_ROMAN) || heading) &&
        (utf8_all_upper(s.s, s.n) ||
         (r > 1 && (!syllable_at(c, t, i, s) || cue(c, t, i, R_ROMAN_STRONG))))) {
        sp = mk(CL_ROMAN, s);
        sp.roman = r;
        sp.ordinal = i > 1 && word_is(&t[i - 1], "thứ") && word_is(&t[i - 2], "lần");
        return push(out, &sp);
    }
    const char *loan = lexicon_loanword(c->lx, s.s, s.n);
    if (loan && s.s[0] >= 'a' && s.s[0] <= 'z' && syllable_at(c, t, i, s))
        loan = NULL; /* a lower-case Vietnamese syllable is the word (the), not the loan (The Voice) */
    const char *exo = loan || t[i].digit ? NULL : lexicon_exonym(c->lx, s.s, s.n);
    if (utf8_all_upper(s.s, s.n) && !has_char(s, "0123456789-/&.@_+")) {
        int word = syllable_is_word(c->lx, s.s, s.n);
        sp = mk(word  ? CL_UPPERWORD
                : loan ? CL_LOANWORD
                : exo  ? CL_EXONYM
                : compose_abbr(c->lx, s.s, s.n, NULL) > 0 ? CL_COMPOSED
                       : CL_SPELL,
                s);
        sp.reading = word ? NULL : loan ? loan : exo;
        return push(out, &sp);
    }
    if (loan || exo) {
        sp = mk(loan ? CL_LOANWORD : CL_EXONYM, s);
        sp.reading = loan ? loan : exo;
        return push(out, &sp);
    }
    if (syllable_at(c, t, i, s)) {
        sp = mk(CL_WORD, s);
        return push(out, &sp);
    }
    if (looks_url(s)) {
        sp = mk(CL_URL, s);
        return push(out, &sp);
    }
    int digit = t[i].digit;
    /* a flight, a fishing boat: QH1521, VN123, QNg-90123-TS (letters spelled, digits one by one) */
    if (digit && s.s[0] != '-' && has_letter(s) && !memchr(s.s, '/', s.n) && cue(c, t, i, R_SERIAL)) {
        sp = mk(CL_SERIAL, s);
        return push(out, &sp);
    }
    if (digit && has_char(s, "/-") &&
        ((utf8_all_upper(s.s, s.n) && ((s.s[0] >= '0' && s.s[0] <= '9') || memchr(s.s, '/', s.n))) ||
         (s.s[0] >= '0' && s.s[0] <= '9' && memchr(s.s, '/', s.n) && has_char(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")))) {
        sp = mk(CL_CODE, s);
        return push(out, &sp);
    }
    /* Quý II/2021 */
    const char *sl = memchr(s.s, '/', s.n);
    if (sl && cue(c, t, i, R_ROMAN)) {
        slice a = {s.s, (size_t)(sl - s.s)}, y = {sl + 1, s.n - a.n - 1};
        unsigned rv = num_roman_value(a.s, a.n);
        if (rv && is_digits(y) && y.n == 4) {
            sp = mk(CL_ROMAN, s);
            sp.roman = rv;
            sp.year = y;
            return push(out, &sp);
        }
    }
    int mixed = digit || has_char(s, "-/&.+");
    if (!mixed) { /* a case change inside: vnEdu, iOffice, VTVcab */
        size_t k = 0;
        int seen_lower = 0, uppers = 0;
        while (k < s.n) {
            int32_t cp;
            k += utf8_next(s.s + k, s.n - k, &cp);
            if (utf8_is_lower(cp)) {
                seen_lower = 1;
                if (uppers >= 2)
                    mixed = 1;
            } else if (utf8_is_upper(cp)) {
                uppers++;
                if (seen_lower)
                    mixed = 1;
            }
        }
    }
    /* nặng hơn một kg, mỗi km: a unit after a number word */
    const unit_entry *cu = s.n >= 2 && cue(c, t, i, R_COUNT_WORD) && !t[i - 1].post.n ? lexicon_unit(c->lx, s.s, s.n) : NULL;
    if (cu && strlen(cu->unit) == s.n && !memcmp(cu->unit, s.s, s.n) && !syllable_at(c, t, i, s)) {
        sp = mk(CL_UNIT, s);
        sp.val.unit = cu;
        return push(out, &sp);
    }
    /* các điểm b, c, d: a lone consonant letter is spelled (the vowels are
     * words), and so are two or three lower-case consonants (rp), but a time
     * zone after a time (15h cst) stays as written */
    if ((s.n == 1 && strchr("bcdfghjklmnpqrstvwz", s.s[0])) || consonants_only(s, out)) { /* (x is a sign: 100cm x 50cm) */
        sp = mk(CL_SPELL, s);
        return push(out, &sp);
    }
    sp = mk(mixed ? CL_MIXED : foreign_looking(s.s, s.n) || short_foreign(s, out) ? CL_FOREIGN : CL_WORD, s);
    return push(out, &sp);
}

/* nghìn, triệu, tỷ... (role "scale" in context.tsv), from the word's role mask */
static int is_scale(const classify_ctx *c, const token *t)
{
    return (c->roles1[t - c->base] & c->scale) != 0;
}

/* 51K-888.88, 30A-123.45, 60H6-046.xx: two digits, a letter (and a digit),
 * a dash, then three digits, a dot and two more (digits or x) */
static int plate(slice s)
{
    size_t k = 0;
    if (s.n < 10 || !(s.s[0] >= '0' && s.s[0] <= '9') || !(s.s[1] >= '0' && s.s[1] <= '9'))
        return 0;
    k = 2;
    if (!(s.s[k] >= 'A' && s.s[k] <= 'Z'))
        return 0;
    k++;
    if (k < s.n && s.s[k] >= '0' && s.s[k] <= '9')
        k++;
    if (k >= s.n || s.s[k] != '-' || s.n - k - 1 != 6 || s.s[k + 4] != '.')
        return 0;
    for (size_t j = k + 1; j < s.n; j++)
        if (j != k + 4 && !((s.s[j] >= '0' && s.s[j] <= '9') || s.s[j] == 'x' || s.s[j] == 'X'))
            return 0;
    return 1;
}

/* Quý II/2021, quý 3/2023: the quarter and its year */
static int quarter(const token *t, size_t i, span *sp)
{
    if (i == 0 || !word_is(&t[i - 1], "quý"))
        return 0;
    const slice s = t[i].core;
    const char *sl = memchr(s.s, '/', s.n);
    slice a = {s.s, sl ? (size_t)(sl - s.s) : s.n}, y = {sl ? sl + 1 : "", sl ? s.n - a.n - 1 : 0};
    unsigned q = is_digits(a) && a.n == 1 ? (unsigned)(a.s[0] - '0') : num_roman_value(a.s, a.n);
    if (q < 1 || q > 4 || (sl && !(is_digits(y) && y.n == 4)))
        return 0;
    *sp = mk(CL_ROMAN, s);
    sp->roman = q;
    sp->year = y;
    return 1;
}

static int classify_all(const classify_ctx *c, const token *t, size_t n, spanvec *out);

/* Ngày 19 - 12, UBND tỉnh họp: token i is the dash after a day (1-31) that
 * follows "ngày", and a month (1-12) ends the clause after it: the day's span
 * becomes the date (its text then covers the three tokens). 1 when done. */
static int spaced_day_month(const token *t, size_t n, size_t i, spanvec *out)
{
    if (!is_dash_token(&t[i]) || i < 2 || i + 1 >= n || !out->n || !word_is(&t[i - 2], "ngày") ||
        !(i + 2 >= n || t[i + 1].post.n))
        return 0;
    span *day = &out->v[out->n - 1];
    const slice *m = &t[i + 1].core;
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

static int is_times(const token *t)
{
    return (t->core.n == 1 && (t->core.s[0] == 'x' || t->core.s[0] == 'X')) ||
           (t->core.n == 2 && !memcmp(t->core.s, "×", 2));
}

/* Ngày bầu cử 5/11, ngày Nhà giáo Việt Nam 20/11: "ngày" two to five words
 * before a d/m, with only words (no number, no stop) between, makes it a date */
static int day_named_before(const classify_ctx *c, const token *t, size_t i)
{
    for (size_t back = 2; back <= 5 && back <= i; back++) {
        const token *w = &t[i - back + 1];
        if (w->digit || (w->post.n && !(back == 2 && w->post.n == 1 && w->post.s[0] == ':')) || !w->core.n)
            return 0; /* Ngày ban hành: 22/12/2024 */
        if (cue(c, t, i - back + 1, R_DATE_STRONG) && word_is(&t[i - back], "ngày"))
            return 1;
    }
    return 0;
}

/* từ 25.1 đến 2.2, Đến 15-6, ...: a d.m or d-m after a date-dot cue with no
 * word after it (the end, a stop, or đến, tới, và) reads as a date */
static int date_ends(const token *t, size_t n, size_t i, int depth)
{
    if (i + 1 >= n || t[i].post.n)
        return 1;
    const token *next = &t[i + 1];
    if (!(word_is(next, "đến") || word_is(next, "tới") || word_is(next, "và") || is_dash_token(next)))
        return 0;
    /* the other end must be one too: từ 1.5 đến 2.5 triệu is no date */
    if (i + 2 < n && !t[i + 2].digit)
        return !is_dash_token(next); /* từ 25.12 đến nay */
    return depth < 2 && i + 2 < n && date_ends(t, n, i + 2, depth + 1);
}

static int dot_date(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    /* đêm 10 và 11.6: the second of two days joined by và */
    int second_day = i >= 2 && word_is(&t[i - 1], "và") && t[i - 2].digit && t[i - 2].core.n <= 2 &&
                     is_digits(t[i - 2].core) && !t[i - 2].post.n;
    return second_day || (cue(c, t, i, R_DATE_DOT) && date_ends(t, n, i, 0));
}

static int classify_at(const classify_ctx *c, const token *t, size_t n, size_t *i, spanvec *out)
{
    const token *tk = &t[*i];
    span sp;
    if (!tk->core.n) {
        /* Ngày 19 - 12, ...: a day and a month with a spaced dash after "ngày" */
        if (spaced_day_month(t, n, *i, out)) {
            *i += 2;
            return 0;
        }
        /* a lone dash between two values is a range */
        if (is_dash_token(tk) && *i > 0 && *i + 1 < n && out->n && out->v[out->n - 1].cls == CL_VALUE) {
            value v;
            const value *pv = &out->v[out->n - 1].val;
            /* 18 - 20/9: a day before a date is the start of a range of days */
            int day = pv->kind == V_NUMBER && pv->num.form == NUM_INT && pv->num.ndigits <= 2 && atoi(pv->num.digits) >= 1 &&
                      atoi(pv->num.digits) <= 31;
            int sd = pv->kind == V_DATE || day;
            int ok = value_of(c, t[*i + 1].core, sd, &v);
            if (ok && day && v.kind != V_DATE && v.kind != V_NUMBER && v.kind != V_PERCENT && v.kind != V_MONEY &&
                v.kind != V_MEASURE && v.kind != V_SHORT_AMOUNT && !(v.kind == V_TIME && atoi(pv->num.digits) <= 24))
                ok = 0; /* (từ 8 - 17h: hours) */
            /* 13/10/2024 - 08:45: a dateline, not a range */
            if (ok && (pv->kind == V_DATE) != (v.kind == V_DATE) && !day)
                ok = 0;
            if (ok) {
                /* a score, or a poll's shares (tỷ số 50% - 48%): no "đến" */
                int score = (v.kind == V_NUMBER || v.kind == V_PERCENT) && out->v[out->n - 1].val.kind == v.kind &&
                            cue_near(c, t, *i, R_SCORE);
                sp = mk(score ? CL_PUNCT : CL_TO, tk->pre.n ? tk->pre : tk->post);
                if (score)
                    sp.text.n = 0;
                if (push(out, &sp) || push_value(t, *i + 1, t[*i + 1].core, &v, out))
                    return -1;
                out->v[out->n - 1].add_prefix = 0;
                *i += 2;
                if (!t[*i - 1].post.n)
                    *i += unit_after(c, t, n, *i, out);
                return 0;
            }
        }
        /* thứ 2 - thứ 6: a range of weekdays */
        if (is_dash_token(tk) && out->n && out->v[out->n - 1].cls == CL_ORDINAL && *i + 1 < n && word_is(&t[*i + 1], "thứ")) {
            sp = mk(CL_TO, tk->pre.n ? tk->pre : tk->post);
            (*i)++;
            return push(out, &sp);
        }
        (*i)++;
        return push_simple(out, CL_PUNCT, tk->pre.n ? tk->pre : tk->post);
    }
    /* 163 x 77,6 x 8,25 mm: a lone x after a bare number is "nhân" (NeMo keeps
     * the x between measures: 100cm x 50cm) */
    if (is_times(tk) && out->n && out->v[out->n - 1].cls == CL_VALUE && out->v[out->n - 1].val.kind == V_NUMBER &&
        !t[*i - 1].post.n && *i + 1 < n &&
        t[*i + 1].digit && !tk->post.n) {
        (*i)++;
        return push_simple(out, CL_TIMES, tk->core);
    }
    /* most words: their class does not depend on the words around them (the
     * facts are remembered), unless a unit may follow a scale word (200 triệu đồng) */
    const word_facts *f = &c->facts[tk - c->base];
    if (f->kind && !(*i >= 1 && is_scale(c, &t[*i - 1]))) {
        slice text = tk->core;
        (*i)++;
        /* the plain words after it, one space apart, join its span (not a
         * scale word, whose neighbours the rules below look at) */
        if (f->kind == CL_WORD + 1 && c->merge_words && !is_scale(c, tk))
            while (*i < n && !t[*i - 1].post.n && !t[*i].pre.n && t[*i].core.s == text.s + text.n + 1 &&
                   text.s[text.n] == ' ' && c->facts[t + *i - c->base].kind == CL_WORD + 1 && !is_scale(c, &t[*i])) {
                text.n = (size_t)(t[*i].core.s + t[*i].core.n - text.s);
                (*i)++;
            }
        if (push_simple(out, (tok_class)(f->kind - 1), text))
            return -1;
        if (f->kind == CL_LOANWORD + 1) /* the context-free classes with a reading */
            out->v[out->n - 1].reading = lexicon_loanword(c->lx, text.s, text.n);
        else if (f->kind == CL_EXONYM + 1)
            out->v[out->n - 1].reading = lexicon_exonym(c->lx, text.s, text.n);
        return 0;
    }
    /* từ ngày 14 -22/2: a dash glued to the second value of a range */
    if (tk->digit && tk->core.n > 1 && tk->core.s[0] == '-' && tk->core.s[1] >= '0' && tk->core.s[1] <= '9' && *i > 0 &&
        !t[*i - 1].post.n && out->n && out->v[out->n - 1].cls == CL_VALUE && out->v[out->n - 1].val.kind == V_NUMBER) {
        slice rest = {tk->core.s + 1, tk->core.n - 1};
        value v;
        int day = out->v[out->n - 1].val.num.ndigits <= 2;
        if (value_of(c, rest, day, &v)) {
            span to = mk(CL_TO, (slice){tk->core.s, 1});
            if (push(out, &to) || push_value(t, *i, rest, &v, out))
                return -1;
            out->v[out->n - 1].add_prefix = 0;
            (*i)++;
            return 0;
        }
    }
    /* 51K-888.88, 30A-123.45: a licence plate, read as a code */
    if (tk->digit && plate(tk->core)) {
        (*i)++;
        return push_simple(out, CL_CODE, tk->core);
    }
    if (quarter(t, *i, &sp)) {
        (*i)++;
        return push(out, &sp);
    }
    /* 1m75 (a height), 10x15cm (dimensions) */
    if (tk->core.n >= 3 && tk->core.s[0] >= '0' && tk->core.s[0] <= '9') {
        const char *m = memchr(tk->core.s, 'm', tk->core.n);
        size_t a = m ? (size_t)(m - tk->core.s) : 0;
        if (m && a <= 1 && tk->core.n - a - 1 == 2 && is_digits((slice){tk->core.s, a}) &&
            is_digits((slice){m + 1, 2})) {
            sp = mk(CL_HEIGHT, tk->core);
            (*i)++;
            return push(out, &sp);
        }
        const char *x = memchr(tk->core.s, 'x', tk->core.n);
        value v1, v2;
        if (x && x > tk->core.s && x + 1 < tk->core.s + tk->core.n &&
            value_of(c, (slice){tk->core.s, (size_t)(x - tk->core.s)}, 0, &v1) && v1.kind == V_NUMBER &&
            value_of(c, (slice){x + 1, tk->core.n - (size_t)(x + 1 - tk->core.s)}, 0, &v2) &&
            (v2.kind == V_NUMBER || v2.kind == V_MEASURE)) {
            span a1 = mk(CL_VALUE, (slice){tk->core.s, (size_t)(x - tk->core.s)}), times = mk(CL_TIMES, (slice){x, 1}),
                 a2 = mk(CL_VALUE, (slice){x + 1, tk->core.n - (size_t)(x + 1 - tk->core.s)});
            a1.val = v1;
            a2.val = v2;
            (*i)++;
            return push(out, &a1) || push(out, &times) || push(out, &a2);
        }
    }
    /* a unit after a scale word: 200 triệu €, 2 triệu m3, 8,5 triệu đồng/tháng */
    if (*i >= 2 && is_scale(c, &t[*i - 1]) && !t[*i - 1].post.n && out->n >= 1) {
        value uv;
        memset(&uv, 0, sizeof uv);
        const span *before = out->n >= 2 ? &out->v[out->n - 2] : NULL;
        slice text = tk->core;
        size_t used = before && before->cls == CL_VALUE ? spaced_per(c, t, n, *i, &uv, &text) : 0;
        if (before && before->cls == CL_VALUE && (used || parse_unit(c->lx, tk->core, 1, &uv)) &&
            !lexicon_abbr(c->lx, tk->core.s, tk->core.n)) {
            *i += used ? used : 1;
            sp = mk(CL_UNIT, text);
            sp.val = uv;
            return push(out, &sp);
        }
    }
    /* km 32, Km 15+500: a distance marker before the number */
    if ((word_is(tk, "km")) && *i + 1 < n && !tk->post.n && t[*i + 1].core.n &&
        ((t[*i + 1].core.s[0] >= '0' && t[*i + 1].core.s[0] <= '9') || word_is(&t[*i + 1], "số"))) { /* km số 4 */
        sp = mk(CL_UNIT, tk->core);
        sp.val.unit = lexicon_unit(c->lx, "km", 2);
        if (sp.val.unit) {
            (*i)++;
            return push(out, &sp);
        }
    }
    /* a map position: 17,5N-110,2E */
    if (tk->core.s[0] >= '0' && tk->core.s[0] <= '9') {
        int used = coordinates(c, t, n, *i, out);
        if (used < 0)
            return -1;
        if (used) {
            *i += (size_t)used;
            return 0;
        }
    }
    /* a batch number: lô thuốc số 230521 */
    if (*i > 0 && tk->core.n >= 5 && is_digits(tk->core) && word_is(&t[*i - 1], "số") &&
        cue_near(c, t, *i - 1, R_SERIAL)) {
        (*i)++;
        return push_simple(out, CL_SERIAL, tk->core);
    }
    size_t used;
    if ((used = phone(c, t, n, *i, out, &sp)) || (used = spaced_number(t, n, *i, &sp))) {
        *i += used;
        return push(out, &sp);
    }
    const slice s = tk->core;
    int named = tk->digit && (*i + 1 >= n || tk->post.n) && memchr(tk->core.s, '/', tk->core.n) &&
                !cue(c, t, *i, R_DATE) && day_named_before(c, t, *i);
    int short_date = cue(c, t, *i, R_DATE) ? (cue(c, t, *i, R_DATE_STRONG) || dot_date(c, t, n, *i) ? 2 : 1) : named;
    if (short_date == 1 && *i + 1 < n && !tk->post.n && cue(c, t, *i + 2, R_COUNTED))
        short_date = 0; /* có tới 10/11 nhóm hàng: a count, not a date */
    /* days before the month word are a range: ngày 5-7 tháng 3, mùng 5-7 tháng Giêng */
    if (short_date && *i + 1 < n && !tk->post.n && memchr(tk->core.s, '-', tk->core.n) && word_is(&t[*i + 1], "tháng"))
        short_date = 0;
    value v;
    if (tk->digit) {
        fraction fr;
        if (parse_fraction(c->lx, s, &fr) && (!short_date || fr.unit || fr.neg)) {
            int addr = !fr.unit && !fr.neg &&
                       (cue(c, t, *i, R_ADDRESS) || (*i > 0 && word_is(&t[*i - 1], "số")));
            /* no cue: m/yyyy is a month, dd/m a date (24/4, 08/3), a/b a fraction */
            int counted = *i + 1 < n && !tk->post.n && cue(c, t, *i + 2, R_COUNTED); /* 10/11 nhóm hàng */
            int date_like = !addr && !fr.unit && !fr.neg && fr.num.n == 2 && !cue(c, t, *i, R_FRACTION) && !counted &&
                            value_of(c, s, 1, &v) && v.kind == V_DATE &&
                            !(fr.den.n == 1 && fr.den.s[0] == '7' && !memcmp(fr.num.s, "24", 2)); /* 24/7 */
            /* a document's number and year: Nghị định 100/2019, Quyết định số 12/2023 */
            if (!fr.unit && !fr.neg && fr.den.n == 4 && (!memcmp(fr.den.s, "19", 2) || !memcmp(fr.den.s, "20", 2)) &&
                cue_near(c, t, *i, R_DOCUMENT) && !cue(c, t, *i, R_DATE) && !(*i > 0 && word_is(&t[*i - 1], "tháng"))) {
                (*i)++;
                return push_simple(out, CL_CODE, s);
            }
            /* a season or crop year: 2023/24, 2024/2025 (the slash is not read) */
            int years = !fr.unit && !fr.neg && fr.num.n == 4 && (fr.num.s[0] == '1' || fr.num.s[0] == '2') &&
                        (fr.den.n == 2 || fr.den.n == 4) &&
                        atoi(fr.den.s) % 100 == (atoi(fr.num.s) + 1) % 100;
            if (years) {
                span y1 = mk(CL_VALUE, fr.num), y2 = mk(CL_VALUE, fr.den);
                y1.val.kind = y2.val.kind = V_NUMBER;
                parse_number(fr.num, &y1.val.num);
                parse_number(fr.den, &y2.val.num);
                y1.as_year = 1;
                y2.as_year = fr.den.n == 4; /* 2024/25: "hai mươi lăm" */
                (*i)++;
                return push(out, &y1) || push(out, &y2);
            }
            /* n of m: 19/19 tiêu chí, thứ 10/63, 4/5 trận, 180/100 mmHg: "trên" */
            int month_year = fr.den.n == 4 && atoi(fr.num.s) >= 1 && atoi(fr.num.s) <= 12; /* tháng 12/2023 */
            /* a true fraction (phần) has a small denominator above its numerator:
             * 2/3 diện tích, 1/2 dân số; counts of things are "trên": 4/11 nhóm
             * hàng, 7/15 chỉ tiêu, 24/24h */
            int num_v = atoi(fr.num.s), den_v = atoi(fr.den.s);
            int ratio = !addr && !fr.neg && !cue(c, t, *i, R_FRACTION) && !date_like && !month_year &&
                        (!fr.unit || num_v >= den_v) &&
                        ((num_v >= den_v && num_v >= 10) || (num_v >= 10 && den_v >= 10) ||
                         ((num_v >= den_v || den_v > 10) && (fr.unit || (*i + 1 < n && !tk->post.n))) ||
                         cue(c, t, *i, R_ORDINAL) ||
                         (*i + 1 < n && !tk->post.n && cue(c, t, *i + 2, R_COUNTED)));
            if (ratio) {
                sp = mk(CL_RATIO, s);
                (*i)++;
                if (push(out, &sp))
                    return -1;
                value uv;
                memset(&uv, 0, sizeof uv);
                if (*i < n && !tk->post.n && parse_unit(c->lx, t[*i].core, 1, &uv)) {
                    sp = mk(CL_UNIT, t[*i].core);
                    sp.val = uv;
                    (*i)++;
                    return push(out, &sp);
                }
                return 0;
            }
            short_date |= date_like;
            if (!date_like && (addr || fr.unit || fr.neg || cue(c, t, *i, R_FRACTION) || !value_of(c, s, 0, &v) ||
                v.kind != V_MONTH_YEAR)) {
                sp = mk(addr ? CL_ADDRESS : CL_FRACTION, s);
                /* a whole number before it: 2 1/2 */
                if (!addr && out->n && out->v[out->n - 1].cls == CL_VALUE &&
                    out->v[out->n - 1].val.kind == V_NUMBER && *i > 0 && !t[*i - 1].post.n) {
                    span and = mk(CL_AND, (slice){s.s, 0});
                    if (push(out, &and))
                        return -1;
                }
                (*i)++;
                return push(out, &sp);
            }
        }
        value my;
        /* tháng 9.2025: a month and its year written with a dot */
        if (!short_date && *i > 0 && word_is(&t[*i - 1], "tháng") && memchr(s.s, '.', s.n) && value_of(c, s, 1, &my) &&
            my.kind == V_MONTH_YEAR) {
            (*i)++;
            return push_value(t, *i - 1, s, &my, out);
        }
        if (value_of(c, s, short_date, &v)) {
            if (v.kind == V_NUMBER && v.num.form != NUM_DECIMAL && is_digits(s) && cue(c, t, *i, R_ORDINAL) &&
                v.num.ndigits <= 3) { /* (digits only: thứ +4 is a number) */
                sp = mk(CL_ORDINAL, s);
                (*i)++;
                return push(out, &sp);
            }
            if (v.kind == V_MONEY && !(s.s[0] >= '0' && s.s[0] <= '9') && s.s[0] != '-' && *i + 1 < n &&
                !tk->post.n && is_scale(c, &t[*i + 1])) {
                /* $1,5 tỷ: the number, the scale word, then the currency */
                span num = mk(CL_VALUE, s), word = mk(CL_WORD, t[*i + 1].core), unit = mk(CL_UNIT, s);
                num.val = v;
                num.val.kind = V_NUMBER;
                unit.val.unit = v.unit;
                *i += 2;
                if (push(out, &num) || push(out, &word) || push(out, &unit))
                    return -1;
                if (t[*i - 1].post.n) {
                    span p = mk(CL_PUNCT, t[*i - 1].post);
                    return push(out, &p);
                }
                return 0;
            }
            if (push_value(t, *i, s, &v, out))
                return -1;
            span *last = &out->v[out->n - 1];
            if (named) /* the text says "ngày" already */
                last->add_prefix = 0;
            /* 2.5 tỷ, 1.5 km: a dot decimal before a scale word or a unit;
             * 0.4, 1.5%, 0.5 kg: an English decimal point (4.0 stays "bốn chấm không") */
            if (v.num.form == NUM_DOTTED &&
                ((v.kind == V_NUMBER && *i + 1 < n && !tk->post.n &&
                  (is_scale(c, &t[*i + 1]) || lexicon_unit(c->lx, t[*i + 1].core.s, t[*i + 1].core.n) ||
                   word_is(&t[*i + 1], "độ"))) || /* 20.1 độ vĩ bắc */
                 v.kind == V_PERCENT || v.kind == V_MEASURE || v.kind == V_MONEY ||
                 (v.num.ndigits == 1 && v.num.digits[0] == '0') ||
                 (*i + 1 < n && !tk->post.n && is_times(&t[*i + 1])) || /* 162.8 x 77.6 */
                 (out->n >= 2 && out->v[out->n - 2].cls == CL_TIMES)))
                last->val.num.form = NUM_DECIMAL;
            /* 2h30 phút: the word is written, so the time does not say it */
            if (v.kind == V_TIME && v.has_min && *i + 1 < n && !tk->post.n && word_is(&t[*i + 1], "phút"))
                last->add_prefix = 1;
            /* 120' : minutes */
            if (v.kind == V_NUMBER && tk->post.n && tk->post.s[0] == '\'') {
                span m = mk(CL_UNIT, tk->post);
                m.val.unit = lexicon_unit(c->lx, "phút", strlen("phút"));
                if (m.val.unit && push(out, &m))
                    return -1;
            }
            /* a month number after "tháng": tháng 4 năm 2024 */
            if (v.kind == V_NUMBER && v.num.form == NUM_INT && *i > 0 && word_is(&t[*i - 1], "tháng") &&
                v.num.ndigits <= 2 && atoi(v.num.digits) >= 1 && atoi(v.num.digits) <= 12)
                out->v[out->n - 1].as_month = 1;
            /* a year after "tháng N" without "năm": tháng 1 2024 */
            if (v.kind == V_NUMBER && s.n == 4 && is_digits(s) && *i >= 2 && is_digits(t[*i - 1].core) &&
                t[*i - 1].core.n <= 2 && word_is(&t[*i - 2], "tháng"))
                out->v[out->n - 1].add_prefix = out->v[out->n - 1].as_year = 1;
            /* năm 2021 */
            if (v.kind == V_NUMBER && v.num.form == NUM_INT && s.n == 4 && is_digits(s) && *i > 0 &&
                word_is(&t[*i - 1], "năm")) /* (four digits: năm -019 is a number) */
                out->v[out->n - 1].as_year = 1;
            (*i)++;
            /* a unit as the next word, spelled exactly: 100 km/h, 35 ha, 10k VND */
            *i += unit_after(c, t, n, *i, out);
            return 0;
        }
        int r = inner_range(c, t, *i, short_date, out);
        if (r) {
            (*i)++;
            if (r > 0)
                *i += unit_after(c, t, n, *i, out);
            return r < 0 ? -1 : 0;
        }
    }
    int rc = classify_word(c, t, n, *i, out);
    (*i)++;
    return rc;
}

int classify_sentence(const classify_ctx *cc, const token *t, size_t n, spanvec *out)
{
    /* the roles of every word and two-word phrase, looked up once */
    classify_ctx ctx = *cc, *c = &ctx;
    unsigned small[2][64];
    word_facts smallf[64];
    unsigned *r1 = n <= 64 ? small[0] : malloc(n * sizeof *r1);
    unsigned *r2 = n <= 64 ? small[1] : malloc(n * sizeof *r2);
    word_facts *wf = n <= 64 ? smallf : malloc(n * sizeof *wf);
    if (!r1 || !r2 || !wf) {
        if (n > 64) {
            free(r1);
            free(r2);
            free(wf);
        }
        return -1;
    }
    int head = 0; /* the word before begins a cue phrase */
    for (size_t k = 0; k < n; k++) {
        if (c->words && k + 4 < n && !t[k + 4].digit)
            word_cache_prefetch_hashed(c->words, t[k + 4].core.n, t[k + 4].hash);
        facts(c, &t[k], &wf[k]);
        r1[k] = wf[k].roles;
        r2[k] = 0;
        if (head && t[k].core.n && !t[k - 1].post.n) {
            size_t len = (size_t)(t[k].core.s + t[k].core.n - t[k - 1].core.s);
            /* the two words as one text: remembered like a word (the same
             * few phrases come back), their roles the table's */
            if (c->words && len <= WORD_CACHE_KEY_MAX && !t[k - 1].digit && !t[k].digit)
                r2[k] = word_cache_get_hashed(c->words, t[k - 1].core.s, len, word_hash(t[k - 1].core.s, len),
                                              readable(c, (slice){t[k - 1].core.s, len}))
                            ->roles;
            else if (len < 64)
                r2[k] = lexicon_roles(c->lx, t[k - 1].core.s, len);
        }
        head = wf[k].head;
    }
    role_memo memo;
    ctx.base = t;
    ctx.roles1 = r1;
    ctx.roles2 = r2;
    ctx.facts = wf;
    if (!ctx.memo) {
        memset(&memo, 0, sizeof memo);
        ctx.memo = &memo;
    }
    ctx.scale = role_bit(c, R_SCALE); /* and every role bit ready, which cue reads */
    int rc = classify_all(c, t, n, out);
    if (n > 64) {
        free(r1);
        free(r2);
        free(wf);
    }
    return rc;
}

static int classify_all(const classify_ctx *c, const token *t, size_t n, spanvec *out)
{
    size_t i = 0;
    while (i < n) {
        if (t[i].core.n && t[i].pre.n && push_simple(out, CL_PUNCT, t[i].pre))
            return -1;
        /* 2016[1], 110.764(1): a footnote's number is not read */
        int glued = i > 0 && t[i].pre.s == t[i - 1].post.s + t[i - 1].post.n && t[i - 1].core.n;
        if (t[i].pre.n && t[i].post.n && t[i].core.n <= 3 && is_digits(t[i].core) &&
            ((t[i].pre.s[t[i].pre.n - 1] == '[' && t[i].post.s[0] == ']') ||
             (glued && t[i].pre.n == 1 && t[i].pre.s[0] == '(' && t[i].post.s[0] == ')'))) {
            if (push_simple(out, CL_PUNCT, t[i].core))
                return -1;
            i++;
            slice after = {t[i - 1].post.s + 1, t[i - 1].post.n - 1}; /* what follows the bracket: 2016[1]. */
            if (after.n && push_simple(out, CL_PUNCT, after))
                return -1;
            continue;
        }
        /* #1 Việt Nam, #2 Australia: a rank, "số một" */
        if (t[i].pre.n && t[i].pre.s[t[i].pre.n - 1] == '#' && t[i].digit && t[i].core.s[0] >= '0' &&
            t[i].core.s[0] <= '9') {
            span *no = push_new(out);
            if (!no)
                return -1;
            no->cls = CL_LOANWORD;
            no->text = (slice){t[i].pre.s + t[i].pre.n - 1, 1};
            no->reading = "số";
        }
        if (classify_at(c, t, n, &i, out))
            return -1;
        if (t[i - 1].core.n && t[i - 1].post.n && push_simple(out, CL_PUNCT, t[i - 1].post))
            return -1;
    }
    return 0;
}
