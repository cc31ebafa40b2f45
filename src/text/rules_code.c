/* rules_code — the recognizers of numbers read digit by digit or as codes:
 * phone and service numbers (0912 345 678, gọi 115), batch numbers (lô
 * thuốc số 230521), licence plates (51K-888.88), documents' numbers
 * (Nghị định 100/2019), flights and boats (QH1521), codes (12/2023/NĐ-CP).
 * Takes a rule_at (rules.h); appends spans. */
#include "rules.h"
#include "utf8.h"
#include <string.h>

/* 113, 115, 1022 named as numbers to call: cấp cứu 115, qua số 113, or alone */
static int service_number(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    if (!(c->roles1[t + i - c->base] & ROLE_BIT(ROLE_SERVICE_NUMBER)))
        return 0;
    if (rule_cue(c, t, i, ROLE_EMERGENCY) && !(i >= 2 && rule_word_has(c, &t[i - 2], ROLE_AMONG))) /* not "trong số 115 ca" */
        return 1;
    /* đường dây nóng bảo vệ trẻ em 111 để..., Tổng đài Quốc gia bảo vệ trẻ em 111 */
    for (size_t back = 1; back <= 10 && back <= i; back++) {
        if (rule_cue(c, t, i - back + 1, ROLE_SERVICE))
            return 1;
        if (t[i - back].post.n && memchr(t[i - back].post.s, '.', t[i - back].post.n))
            break;
    }
    /* no word after it: the end, a stop, or a lone dash (số điện thoại khẩn 111 - Tổng đài...) */
    return (rule_cue_near(c, t, i, ROLE_EMERGENCY) || rule_cue_near(c, t, i, ROLE_PHONE)) &&
           (i + 1 >= n || t[i].post.n || !t[i + 1].core.n);
}

/* a number listed after a phone or service number: gọi 112, 113 hoặc 115 */
static int listed_phone(const classify_ctx *c, const token *t, size_t i, const spanvec *done)
{
    if (!done->n || i < 1)
        return 0;
    size_t k = done->n - 1;
    const span *last = &done->v[k];
    int sep = (last->cls == CL_PUNCT && last->text.n == 1 && (last->text.s[0] == ',' || last->text.s[0] == ';')) ||
              rule_word_has(c, &t[i - 1], ROLE_OR) || rule_word_has(c, &t[i - 1], ROLE_AND);
    return sep && k >= 1 && done->v[k - 1].cls == CL_PHONE;
}

/* a cue of a service number before token i, or the token listed after one */
static int service_cued(const classify_ctx *c, const token *t, size_t n, size_t i, const spanvec *done)
{
    return rule_cue(c, t, i, ROLE_SERVICE) || (rule_cue(c, t, i, ROLE_SMS_SEND) && rule_cue_near(c, t, i, ROLE_SMS)) ||
           listed_phone(c, t, i, done) || service_number(c, t, n, i);
}

/* (04), (028), (0236): a landline's area code in brackets */
static int area_code(const token *t)
{
    const slice *s = &t->core;
    return t->pre.n && t->pre.s[t->pre.n - 1] == '(' && t->post.n && t->post.s[0] == ')' && s->n >= 2 && s->n <= 4 &&
           s->s[0] == '0' && is_digits(*s);
}

static int is_digit_first(const token *t)
{
    return t->core.s[0] >= '0' && t->core.s[0] <= '9';
}

/* the last span pushed but punctuation is a phone's (the area code before its bracket) */
static int after_phone(const spanvec *done)
{
    size_t k = done->n;
    while (k > 0 && done->v[k - 1].cls == CL_PUNCT)
        k--;
    return k > 0 && done->v[k - 1].cls == CL_PHONE;
}

/* the digits of the number from token j on: up to three tokens of digits
 * and dots, nothing between them (3822 111, 3936.1017) */
static size_t local_digits(const token *t, size_t n, size_t j)
{
    size_t digits = 0;
    for (size_t k = j; k < n && k < j + 3 && t[k].core.n && (k == j || !t[k].pre.n) && is_digit_first(&t[k]); k++) {
        for (size_t b = 0; b < t[k].core.n; b++) {
            char ch = t[k].core.s[b];
            if (ch >= '0' && ch <= '9')
                digits++;
            else if (ch != '.')
                return 0;
        }
        if (t[k].post.n)
            break;
    }
    return digits;
}

static size_t phone_at(const classify_ctx *c, const token *t, size_t n, size_t i, const spanvec *done, span *out)
{
    const slice *s = &t[i].core;
    int plus = s->n && s->s[0] == '+';
    int zero = s->n && s->s[0] == '0';
    /* gold purity: vàng 9999, nhẫn 999 */
    if (rule_cue(c, t, i, ROLE_PURITY) && s->n >= 3 && s->n <= 4 && s->n == strspn(s->s, "9")) {
        *out = rule_mk(CL_PHONE, *s);
        return 1;
    }
    /* (04) 38266344: the area code, then the number, each digit by digit */
    if (area_code(&t[i]) && i + 1 < n && !t[i + 1].pre.n && local_digits(t, n, i + 1) >= 6 &&
        local_digits(t, n, i + 1) + s->n <= 11) {
        *out = rule_mk(CL_PHONE, *s);
        return 1;
    }
    int cued = (i > 0 && area_code(&t[i - 1]) && after_phone(done)) ||
               rule_cue(c, t, i, ROLE_PHONE) || (s->n >= 4 && (!strncmp(s->s, "1900", 4) || !strncmp(s->s, "1800", 4)) &&
                                          (s->n == 8 || (s->n > 5 && s->s[4] == '.') || /* 1800.90.69 */
                                           (s->n == 4 && i + 1 < n && is_digits(t[i + 1].core))));
    /* service numbers after gọi, tổng đài, hotline (and gửi in a text-message
     * instruction): 115, 1022, 1789 digit by digit (the cues first: the
     * lookups of a number of 3-5 digits are asked of those alone) */
    int service = s->n >= 3 && s->n <= 5 && service_cued(c, t, n, i, done) && is_digits(*s);
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
        *out = rule_mk(CL_PHONE, *s);
        return 1;
    }
    if (!ok)
        return 0;
    *out = rule_mk(CL_PHONE, (slice){s->s, (size_t)(t[j - 1].core.s + t[j - 1].core.n - s->s)});
    return j - i;
}



/* 51K-888.88, 30A-123.45, 60H6-046.xx: two digits, a letter (and a digit),
 * a dash, then three digits, a dot and two more (digits or x), or four
 * digits (76K-4021); the dash's offset, or 0 */
static size_t plate_dash(slice s)
{
    size_t k = 0;
    if (s.n < 8 || !(s.s[0] >= '0' && s.s[0] <= '9') || !(s.s[1] >= '0' && s.s[1] <= '9'))
        return 0;
    k = 2;
    if (!(s.s[k] >= 'A' && s.s[k] <= 'Z'))
        return 0;
    k++;
    if (k < s.n && s.s[k] >= '0' && s.s[k] <= '9')
        k++;
    if (k >= s.n || s.s[k] != '-')
        return 0;
    if (s.n - k - 1 == 4 && is_digits((slice){s.s + k + 1, 4}))
        return k; /* 76K-4021: an older plate, four digits */
    if (s.n - k - 1 != 6 || s.s[k + 4] != '.')
        return 0;
    for (size_t j = k + 1; j < s.n; j++)
        if (j != k + 4 && !((s.s[j] >= '0' && s.s[j] <= '9') || s.s[j] == 'x' || s.s[j] == 'X'))
            return 0;
    return k;
}


/* a word of role plate (xe, biển, BKS) among the three before token a->i */
static int plate_cued(const rule_at *a)
{
    for (size_t back = 1; back <= 3 && back <= a->i; back++) {
        const token *w = &a->t[a->i - back];
        if (back > 1 && w->post.n)
            return 0;
        if (lexicon_word_has(a->c->lx, w->core.s, w->core.n, ROLE_PLATE))
            return 1;
    }
    return 0;
}

/* 51K-888.88, 30A-123.45: a licence plate, read as a code, its serial in
 * groups (rule_push_plate) */
RULE_BODY int plate_rest(rule_at *a)
{
    const token *tk = &a->t[a->i];
    size_t dash = tk->digit ? plate_dash(tk->core) : 0;
    if (!dash)
        return 0;
    /* the older form (76K-4021) after a vehicle or a plate's word only (role plate) */
    if (tk->core.n - dash - 1 == 4 && !plate_cued(a))
        return 0;
    return rule_push_plate(a, tk->core, dash);
}

/* 26B – 004.00: a plate typed with spaces round its dash, its serial
 * starting with a zero (no number has that): the serial said as a code's
 * groups; the prefix before the dash two digits and a letter or two */
RULE_BODY int spaced_serial(rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i;
    slice s = t[i].core, p = i >= 2 ? t[i - 2].core : (slice){"", 0};
    if (!(s.n == 6 && s.s[0] == '0' && s.s[3] == '.' && is_digits((slice){s.s, 3}) && is_digits((slice){s.s + 4, 2}) &&
          !t[i - 1].core.n &&
          p.n >= 3 && p.n <= 5 && p.s[0] >= '0' && p.s[0] <= '9' && p.s[1] >= '0' && p.s[1] <= '9' &&
          p.s[2] >= 'A' && p.s[2] <= 'Z'))
        return 0;
    return rule_push_parts(a, CL_CODE, s);
}

/* its first test: eight bytes or more (or six after a dash) */
int rule_plate(rule_at *a)
{
    size_t n = a->t[a->i].core.n;
    return n >= 8 ? plate_rest(a) : n == 6 && a->i >= 2 && a->t[a->i].core.s[0] == '0' ? spaced_serial(a) : 0;
}

/* a batch number: lô thuốc số 230521 */
RULE_BODY int batch_number_rest(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    if (!(a->i > 0 && tk->core.n >= 5 && is_digits(tk->core) && rule_word_has(a->c, &t[a->i - 1], ROLE_NUMBER_WORD) &&
          rule_cue_near(a->c, t, a->i - 1, ROLE_SERIAL)))
        return 0;
    return rule_push_parts(a, CL_SERIAL, tk->core);
}

/* its first test: five digits or more after "số" */
int rule_batch_number(rule_at *a)
{
    return a->t[a->i].core.n >= 5 && a->i > 0 && rule_word_has(a->c, &a->t[a->i - 1], ROLE_NUMBER_WORD) ? batch_number_rest(a) : 0;
}

RULE_BODY int phone_rest(rule_at *a)
{
    span sp;
    size_t used = phone_at(a->c, a->t, a->n, a->i, a->out, &sp);
    if (!used)
        return 0;
    a->i += used;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* its first test: what phone_at needs, each part cheap: a + or a 0 first,
 * 1900 or 1800, a phone or purity cue, or a service number's cue (or the
 * token listed after a phone, or named a service number itself) */
static int phone_may(const rule_at *a)
{
    const classify_ctx *c = a->c;
    const token *t = a->t;
    size_t i = a->i;
    slice s = t[i].core;
    if (s.s[0] == '+' || s.s[0] == '0' || rule_cue(c, t, i, ROLE_PHONE) || rule_cue(c, t, i, ROLE_PURITY) ||
        (i > 0 && area_code(&t[i - 1])) ||
        (s.n >= 4 && (!memcmp(s.s, "1900", 4) || !memcmp(s.s, "1800", 4))))
        return 1;
    const spanvec *done = a->out;
    return s.n >= 3 && s.n <= 5 &&
           (rule_cue(c, t, i, ROLE_SERVICE) || rule_cue(c, t, i, ROLE_SMS_SEND) ||
            (done->n >= 2 && done->v[done->n - 2].cls == CL_PHONE) ||
            (c->roles1[t + i - c->base] & ROLE_BIT(ROLE_SERVICE_NUMBER)));
}
int rule_phone(rule_at *a)
{
    return phone_may(a) ? phone_rest(a) : 0;
}

/* a document's number and year: Nghị định 100/2019, Quyết định số 12/2023 */
int rule_document_number(rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    if (!tk->digit)
        return 0;
    rule_digit_facts(a);
    const fraction *fr = &a->fr;
    if (!a->frac_ok || fr->unit || fr->neg || fr->den.n != 4 ||
        !(!memcmp(fr->den.s, "19", 2) || !memcmp(fr->den.s, "20", 2)) || !rule_cue_near(a->c, t, a->i, ROLE_DOCUMENT) ||
        rule_cue(a->c, t, a->i, ROLE_DATE) || (a->i > 0 && rule_word_has(a->c, &t[a->i - 1], ROLE_MONTH_WORD)))
        return 0;
    return rule_push_parts(a, CL_CODE, tk->core);
}

/* chuyến bay VJ304 và VJ318, VJ170 (TP.HCM - Hà Nội) và VJ167: a code
 * after và, hoặc or a comma, with a serial a few spans before, is one too */
static int listed_serial(const rule_at *a)
{
    const spanvec *o = a->out;
    const token *t = a->t;
    size_t i = a->i;
    if (i < 2 || !o->n || !((o->v[o->n - 1].cls == CL_PUNCT && memchr(o->v[o->n - 1].text.s, ',', o->v[o->n - 1].text.n)) ||
                            rule_word_has(a->c, &t[i - 1], ROLE_AND) || rule_word_has(a->c, &t[i - 1], ROLE_OR)))
        return 0;
    for (size_t k = o->n - 1; k-- > 0 && k + 8 >= o->n;)
        if (o->v[k].cls == CL_SERIAL)
            return 1;
    return 0;
}

/* a flight, a fishing boat: QH1521, VN123, QNg-90123-TS (letters spelled, digits one by one) */
int rule_serial(rule_at *a)
{
    const token *tk = &a->t[a->i];
    slice s = tk->core;
    if (!(tk->digit && s.s[0] != '-' && rule_has_letter(s) && !memchr(s.s, '/', s.n) &&
          (rule_cue(a->c, a->t, a->i, ROLE_SERIAL) || listed_serial(a))))
        return 0;
    return rule_push_parts(a, CL_SERIAL, s);
}

/* 12/2023/NĐ-CP, 3A-45: capitals, digits and a slash or dash */
int rule_code(rule_at *a)
{
    const token *tk = &a->t[a->i];
    slice s = tk->core;
    if (!(tk->digit && rule_has_char(s, "/-") &&
          ((utf8_all_upper(s.s, s.n) && ((s.s[0] >= '0' && s.s[0] <= '9') || memchr(s.s, '/', s.n))) ||
           (s.s[0] >= '0' && s.s[0] <= '9' && memchr(s.s, '/', s.n) &&
            rule_has_char(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")))))
        return 0;
    return rule_push_parts(a, CL_CODE, s);
}

/* 23/2015/TTLT-BGD ĐT-BNV: capitals and dashes one space after a code whose
 * last piece is capitals or a dash are the rest of it, a space typed inside
 * (not the words of ĐT, BNV: the code's letters) */
int rule_code_continued(rule_at *a)
{
    const spanvec *o = a->out;
    if (!o->n || o->v[o->n - 1].cls != CL_CODE || !a->i)
        return 0;
    const token *p = &a->t[a->i - 1], *tk = &a->t[a->i];
    slice s = tk->core, c = p->core;
    const span *last = &o->v[o->n - 1];
    char end = c.n ? c.s[c.n - 1] : 0;
    if (p->post.n || tk->pre.n || last->text.s + last->text.n != c.s + c.n || !memchr(c.s, '/', c.n) ||
        !((end >= 'A' && end <= 'Z') || end == '-') || tk->core.s != c.s + c.n + 1 || s.n < 2 ||
        !utf8_all_upper(s.s, s.n) || !(memchr(s.s, '-', s.n) || end == '-'))
        return 0;
    for (size_t k = 0; k < s.n; k++)
        if ((s.s[k] >= '0' && s.s[k] <= '9') || strchr("/.&", s.s[k]))
            return 0;
    return rule_push_parts(a, CL_CODE, s);
}

/* QNg 90123 TS, BĐ 97479 TS: a fishing boat's number written with spaces,
 * its province's letters (one to three, a capital first), four or five
 * digits and TS (tàu cá): the letters and digits as a serial's, one by one,
 * TS spelled (not "chín mươi nghìn ... tiến sĩ") */
RULE_BODY int boat_number_rest(rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i;
    const token *l = &t[i], *d = &t[i + 1], *ts = &t[i + 2];
    slice s = l->core, num = d->core;
    if (l->digit || l->post.n || d->pre.n || d->post.n || ts->pre.n || num.n < 4 || num.n > 5 || !is_digits(num) ||
        !rule_has_letter(s))
        return 0;
    size_t letters = utf8_len(s.s, s.n); /* counted past the cheap tests, which most words fail */
    if (letters < 1 || letters > 3)
        return 0;
    int32_t cp;
    for (size_t k = 0, first = 1; k < s.n; first = 0) {
        k += utf8_next(s.s + k, s.n - k, &cp);
        if (!utf8_is_letter(cp) || (first && !utf8_is_upper(cp)))
            return 0;
    }
    if (rule_push_parts(a, CL_SERIAL, s) < 0 || rule_push_parts(a, CL_SERIAL, num) < 0)
        return -1;
    a->i++;
    if (rule_push_simple(a->out, CL_SPELL, (slice){ts->core.s, 2}))
        return -1;
    /* TS. ending a sentence: its stop kept */
    return ts->core.n == 3 && rule_push_simple(a->out, CL_PUNCT, (slice){ts->core.s + 2, 1}) ? -1 : 1;
}

/* its first test: TS two tokens on */
int rule_boat_number(rule_at *a)
{
    if (a->i + 2 >= a->n)
        return 0;
    const slice ts = a->t[a->i + 2].core;
    return (ts.n == 2 || (ts.n == 3 && ts.s[2] == '.')) && ts.s[0] == 'T' && ts.s[1] == 'S' ? boat_number_rest(a) : 0;
}
