/* parse — hand-written recognizers over byte slices (ASCII structure, UTF-8 units). */
#include "parse.h"
#include <string.h>

static int dig(char c) { return c >= '0' && c <= '9'; }

int is_digits(slice s)
{
    if (!s.n)
        return 0;
    for (size_t i = 0; i < s.n; i++)
        if (!dig(s.s[i]))
            return 0;
    return 1;
}

static size_t digit_run(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && dig(s[i]))
        i++;
    return i;
}

/* groups separated by sep: first 1-3 digits, the rest exactly 3 */
static int grouped(const char *s, size_t n, char sep)
{
    size_t i = digit_run(s, n);
    if (i < 1 || i > 3 || i == n)
        return 0;
    while (i < n) {
        if (s[i] != sep)
            return 0;
        size_t k = digit_run(s + i + 1, n - i - 1);
        if (k != 3)
            return 0;
        i += 4;
    }
    return 1;
}

static int copy_digits(const char *s, size_t n, char *out, size_t cap, size_t *len)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (dig(s[i])) {
            if (k + 1 >= cap)
                return 0;
            out[k++] = s[i];
        }
    out[k] = '\0';
    *len = k;
    return k > 0;
}

static int parse_english(slice s, number *out);

/* 1,500,000 (two comma groups or more: a decimal comma cannot be), or with
 * zeros_only 150,000 (one group of three zeros after a nonzero integer
 * part): thousands grouped by commas the English way */
static int english_thousands(slice s, int zeros_only)
{
    size_t i = digit_run(s.s, s.n), groups = 0, zeros = 1;
    if (i < 1 || i > 3 || (i == 1 && s.s[0] == '0'))
        return 0;
    while (i < s.n && s.s[i] == ',' && digit_run(s.s + i + 1, s.n - i - 1) == 3) {
        zeros &= !memcmp(s.s + i + 1, "000", 3);
        i += 4;
        groups++;
    }
    return i == s.n && (zeros_only ? groups == 1 && zeros : groups >= 2);
}

int parse_zero_thousands(slice s, number *out)
{
    return english_thousands(s, 1) && parse_english(s, out);
}

int parse_number(slice in, number *out)
{
    const char *s = in.s;
    size_t n = in.n;
    memset(out, 0, sizeof *out);
    if (n && (s[0] == '-' || s[0] == '+')) {
        out->neg = s[0] == '-';
        out->plus = s[0] == '+';
        s++;
        n--;
    }
    if (!n || !dig(s[0]))
        return 0;
    const char *comma = memchr(s, ',', n);
    size_t ip = comma ? (size_t)(comma - s) : n;
    if (comma && english_thousands((slice){s, n}, 0)) {
        int neg = out->neg, plus = out->plus;
        if (!parse_english((slice){s, n}, out))
            return 0;
        out->neg = neg;
        out->plus = plus;
        return 1;
    }
    if (comma) {
        slice f = {comma + 1, n - ip - 1};
        if (!is_digits(f))
            return 0;
        if (!copy_digits(f.s, f.n, out->frac, sizeof out->frac, &out->nfrac))
            return 0;
        out->form = NUM_DECIMAL;
    }
    slice ipart = {s, ip};
    if (is_digits(ipart) || grouped(s, ip, '.') || grouped(s, ip, ' ')) {
        out->grouped = !is_digits(ipart);
        return copy_digits(s, ip, out->digits, sizeof out->digits, &out->ndigits);
    }
    /* 4.0, 2.1, 10.5: a dotted pair that is not thousands */
    const char *dot = memchr(s, '.', ip);
    if (!comma && dot) {
        slice a = {s, (size_t)(dot - s)}, b = {dot + 1, ip - (size_t)(dot - s) - 1};
        if (is_digits(a) && is_digits(b) && a.n <= 3) {
            out->form = NUM_DOTTED;
            return copy_digits(a.s, a.n, out->digits, sizeof out->digits, &out->ndigits) &&
                   copy_digits(b.s, b.n, out->frac, sizeof out->frac, &out->nfrac);
        }
    }
    return 0;
}

/* 100,000  1,250.50: thousands by commas (each group three digits) and a
 * decimal point, the English way. 1 only with at least one comma group. */
static int parse_english(slice s, number *out)
{
    size_t i = digit_run(s.s, s.n), groups = 0;
    if (i < 1 || i > 3)
        return 0;
    while (i < s.n && s.s[i] == ',' && digit_run(s.s + i + 1, s.n - i - 1) == 3) {
        i += 4;
        groups++;
    }
    slice frac = {"", 0};
    if (i < s.n && s.s[i] == '.' && digit_run(s.s + i + 1, s.n - i - 1) == s.n - i - 1 && s.n - i - 1 >= 1) {
        frac = (slice){s.s + i + 1, s.n - i - 1};
        i = s.n;
    }
    if (!groups || i != s.n)
        return 0;
    memset(out, 0, sizeof *out);
    size_t n = 0;
    for (size_t k = 0; k < s.n && s.s + k < (frac.n ? frac.s - 1 : s.s + s.n); k++)
        if (dig(s.s[k]) && n + 1 < sizeof out->digits)
            out->digits[n++] = s.s[k];
    out->ndigits = n;
    out->grouped = 1;
    if (frac.n) {
        out->form = NUM_DECIMAL;
        return copy_digits(frac.s, frac.n, out->frac, sizeof out->frac, &out->nfrac);
    }
    return 1;
}

static unsigned num_of(const char *s, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n && i < 9; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

int parse_slash_pair(slice s, slice *a, slice *b)
{
    const char *sl = memchr(s.s, '/', s.n);
    if (!sl)
        return 0;
    *a = (slice){s.s, (size_t)(sl - s.s)};
    *b = (slice){sl + 1, s.n - a->n - 1};
    return is_digits(*a) && is_digits(*b);
}

/* d/m/y d-m-y d.m.y (sep the same twice), d/m, m/y */
/* 2025-05-17: the ISO order, year first (a dateline) */
static int parse_iso_date(slice s, value *v)
{
    if (s.n != 10 || digit_run(s.s, 4) != 4 || s.s[4] != '-' || digit_run(s.s + 5, 2) != 2 || s.s[7] != '-' ||
        digit_run(s.s + 8, 2) != 2)
        return 0;
    unsigned y = num_of(s.s, 4), m = num_of(s.s + 5, 2), d = num_of(s.s + 8, 2);
    if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    v->kind = V_DATE;
    v->d = d;
    v->m = m;
    v->year = (slice){s.s, 4};
    return 1;
}

static int parse_date(slice s, int allow_short, value *v)
{
    if (parse_iso_date(s, v))
        return 1;
    size_t p1 = digit_run(s.s, s.n);
    if (p1 < 1 || p1 > 2 || p1 >= s.n)
        return 0;
    char sep = s.s[p1];
    if (sep != '/' && sep != '-' && sep != '.')
        return 0;
    size_t p2 = digit_run(s.s + p1 + 1, s.n - p1 - 1);
    if (p2 < 1 || p2 > 4)
        return 0;
    unsigned a = num_of(s.s, p1), b = num_of(s.s + p1 + 1, p2);
    size_t used = p1 + 1 + p2;
    if (used == s.n) {
        /* 4/2021: month/year; after a date cue (tháng 9.2025) a dot too, when the year is one */
        if (p2 == 4 && (sep != '.' || (allow_short && b >= 1900 && b <= 2099)) && a >= 1 && a <= 12) {
            v->kind = V_MONTH_YEAR;
            v->m = a;
            v->year = (slice){s.s + p1 + 1, 4};
            return 1;
        }
        if (allow_short && (sep == '/' || allow_short >= 2) && p2 <= 2 && a >= 1 && a <= 31 && b >= 1 && b <= 12) {
            v->kind = V_DATE;
            v->d = a;
            v->m = b;
            v->year = (slice){"", 0};
            return 1;
        }
        return 0;
    }
    if (p2 > 2 || s.s[used] != sep)
        return 0;
    size_t p3 = digit_run(s.s + used + 1, s.n - used - 1);
    if (used + 1 + p3 != s.n || (p3 != 4 && p3 != 2))
        return 0;
    if (a < 1 || a > 31 || b < 1 || b > 12)
        return 0;
    v->kind = V_DATE;
    v->d = a;
    v->m = b;
    v->year = (slice){s.s + used + 1, p3};
    return 1;
}

/* 13:25 13:25:40 13h25 13g25 13h 13h25' 7h30p */
static int parse_time(slice s, value *v)
{
    size_t p1 = digit_run(s.s, s.n);
    if (p1 < 1 || p1 > 2 || p1 >= s.n)
        return 0;
    unsigned h = num_of(s.s, p1);
    char sep = s.s[p1];
    size_t i = p1 + 1;
    if (sep == ':') {
        size_t p2 = digit_run(s.s + i, s.n - i);
        if (p2 != 2)
            return 0;
        v->min = num_of(s.s + i, 2);
        i += 2;
        v->has_min = 1;
        if (i < s.n && s.s[i] == ':') {
            size_t p3 = digit_run(s.s + i + 1, s.n - i - 1);
            if (p3 != 2)
                return 0;
            v->sec = num_of(s.s + i + 1, 2);
            v->has_sec = 1;
            i += 3;
        }
        if (i != s.n)
            return 0;
    } else if (sep == 'h' || sep == 'H' || sep == 'g') {
        size_t p2 = digit_run(s.s + i, s.n - i);
        if (p2 == 2 || (p2 == 1 && sep != 'g')) {
            v->min = num_of(s.s + i, p2);
            v->has_min = 1;
            i += p2;
        } else if (p2) {
            return 0;
        }
        /* the minutes' mark: 10g30', 7h30p, 19g35ph */
        if (v->has_min && i < s.n && (s.s[i] == '\'' || s.s[i] == 'p')) {
            i++;
            if (s.s[i - 1] == 'p' && i < s.n && s.s[i] == 'h')
                i++;
            /* and seconds after the minutes' mark: 17h06'44'' (the seconds'
             * mark '' or " is left to the tokenizer's punctuation) */
            else if (s.s[i - 1] == '\'' && digit_run(s.s + i, s.n - i) == 2) {
                v->sec = num_of(s.s + i, 2);
                v->has_sec = 1;
                i += 2;
                while (i < s.n && (s.s[i] == '\'' || s.s[i] == '"'))
                    i++;
            }
        }
        if (i != s.n)
            return 0;
    } else {
        return 0;
    }
    if (h > 24 || v->min > 59 || v->sec > 59)
        return 0;
    v->kind = V_TIME;
    v->h = h;
    return 1;
}

/* durations: 3p 3p20s 12p03s 45s */
static int parse_duration(slice s, value *v)
{
    size_t p1 = digit_run(s.s, s.n);
    if (p1 < 1 || p1 > 3 || p1 >= s.n)
        return 0;
    unsigned a = num_of(s.s, p1);
    size_t i = p1;
    if (s.s[i] == 'p') {
        v->min = a;
        v->has_min = 1;
        i++;
        if (i < s.n && s.s[i] == 'h')
            i++;
        size_t p2 = digit_run(s.s + i, s.n - i);
        if (p2) {
            if (p2 > 2 || i + p2 + 1 != s.n || s.s[i + p2] != 's')
                return 0;
            v->sec = num_of(s.s + i, p2);
            v->has_sec = 1;
            i += p2 + 1;
        }
        if (i != s.n)
            return 0;
    } else {
        return 0;
    }
    v->kind = V_DURATION;
    return 1;
}

/* 1tr5 2t3 10k 1tr */
static int parse_short_amount(slice s, value *v)
{
    size_t p1 = digit_run(s.s, s.n);
    if (p1 < 1 || p1 > 4 || p1 == s.n)
        return 0;
    static const struct { const char *tag; unsigned scale; } T[] = {
        {"tr", 2}, {"t", 3}, {"tỷ", 3}, {"k", 1}, {"ty", 3}}; /* 4K, 24K: not a thousand */
    for (size_t k = 0; k < sizeof T / sizeof T[0]; k++) {
        size_t tl = strlen(T[k].tag);
        if (p1 + tl > s.n || memcmp(s.s + p1, T[k].tag, tl))
            continue;
        slice rest = {s.s + p1 + tl, s.n - p1 - tl};
        if (rest.n && !is_digits(rest))
            continue;
        if (rest.n > 3 || (rest.n && T[k].scale == 1))
            continue;
        v->kind = V_SHORT_AMOUNT;
        v->big = (slice){s.s, p1};
        v->small = rest;
        v->scale = T[k].scale;
        return 1;
    }
    return 0;
}

int parse_unit(const lexicon *lx, slice s, int exact, value *v)
{
    /* a lone capital is never matched loosely: 4G is not 4 g */
    /* 1A, 12B: a road or a class, not amperes or bytes */
    if (!exact && s.n == 1 && s.s[0] >= 'A' && s.s[0] <= 'D')
        return 0;
    if (s.n == 1 && s.s[0] >= 'A' && s.s[0] <= 'Z')
        exact = 1;
    const unit_entry *u = lexicon_unit(lx, s.s, s.n);
    if (u && exact && strncmp(u->unit, s.s, s.n))
        u = NULL;
    if (!u) {
        /* a rate: 50.000đ/ngày 100₫/kg 30m/min */
        const char *sl = memchr(s.s, '/', s.n);
        if (!sl || sl + 1 == s.s + s.n)
            return 0;
        u = lexicon_unit(lx, s.s, (size_t)(sl - s.s));
        if (u && sl - s.s == 1 && s.s[0] >= 'A' && s.s[0] <= 'Z' && u->unit[0] != s.s[0])
            u = NULL; /* 4G/5G: G is no gram */
        if (!u)
            return 0;
        slice per = {sl + 1, s.n - (size_t)(sl + 1 - s.s)};
        v->per_unit = lexicon_unit(lx, per.s, per.n);
        if (!v->per_unit) {
            /* words or units, one or more, between slashes: người, m²/tháng, ha/năm */
            for (size_t k = 0; k < per.n; k++) {
                unsigned char ch = (unsigned char)per.s[k];
                if (ch < 0x80 && ch != '/' && !((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') && !(ch >= '0' && ch <= '9'))
                    return 0;
                if (ch == '/' && (k == 0 || k + 1 == per.n || per.s[k + 1] == '/'))
                    return 0;
            }
            v->per_word = per;
        }
    }
    v->unit = u;
    return 1;
}

/* K after these numbers is the letter: a screen's 2K, 4K, 8K, 1.5K, 2.5K
 * (the English dot: a resolution, never an amount), gold's 18K, 24K ("ca");
 * after any other amount it is nghìn (50K, 500K, 1,5K) */
static int k_is_letter(slice num)
{
    static const char *const LETTER[] = {"2", "4", "5", "6", "8", "12", "16", "18", "24", "1.5", "2.5", "2.8"};
    for (size_t k = 0; k < sizeof LETTER / sizeof LETTER[0]; k++)
        if (strlen(LETTER[k]) == num.n && !memcmp(LETTER[k], num.s, num.n))
            return 1;
    return 0;
}

int parse_value(const lexicon *lx, slice s, int allow_short_date, value *v)
{
    memset(v, 0, sizeof *v);
    if (!s.n)
        return 0;
    /* digits alone, the most common value by far, are a number: each of the
     * forms tried first needs something after its digits */
    if (digit_run(s.s, s.n) < s.n) {
        if (parse_time(s, v) || parse_date(s, allow_short_date, v) || parse_short_amount(s, v) ||
            parse_duration(s, v))
            return 1;
        memset(v, 0, sizeof *v);
    }
    if (parse_number(s, &v->num)) {
        v->kind = V_NUMBER;
        return 1;
    }
    /* a currency sign before the number: $10 €5; after $ a number may be
     * written the English way ($100,000 $1,250.50) */
    for (size_t k = 1; k <= 3 && k < s.n; k++) {
        const unit_entry *u = lexicon_unit(lx, s.s, k);
        slice amount = {s.s + k, s.n - k};
        if (u && u->kind == UNIT_MONEY && s.s[k - 1] == '$' && parse_english(amount, &v->num)) {
            v->kind = V_MONEY;
            v->unit = u;
            return 1;
        }
        if (u && u->kind == UNIT_MONEY && parse_number(amount, &v->num)) {
            v->kind = V_MONEY;
            v->unit = u;
            return 1;
        }
    }
    /* a number then a unit: 3,5% 50.000đ 3kg 100km/h 40,5°C */
    size_t i = 0;
    if (s.s[0] == '-' || s.s[0] == '+')
        i++;
    while (i < s.n && (dig(s.s[i]) || ((s.s[i] == '.' || s.s[i] == ',') && i + 1 < s.n && dig(s.s[i + 1]))))
        i++;
    if (i == 0 || i == s.n)
        return 0;
    if (!parse_number((slice){s.s, i}, &v->num))
        return 0;
    if (!parse_unit(lx, (slice){s.s + i, s.n - i}, 0, v))
        return 0;
    if (!strcmp(v->unit->unit, "K") && !k_is_letter((slice){s.s, i}))
        v->unit = lexicon_unit(lx, "k", 1); /* 50K, 500K: nghìn */
    const unit_entry *u = v->unit;
    v->kind = u->kind == UNIT_MONEY ? V_MONEY : u->kind == UNIT_PERCENT ? V_PERCENT : V_MEASURE;
    return 1;
}

int parse_fraction(const lexicon *lx, slice s, fraction *f)
{
    memset(f, 0, sizeof *f);
    if (s.n && s.s[0] == '-') {
        f->neg = 1;
        s.s++;
        s.n--;
    }
    size_t p1 = digit_run(s.s, s.n);
    if (!p1 || p1 + 1 >= s.n || s.s[p1] != '/')
        return 0;
    size_t p2 = digit_run(s.s + p1 + 1, s.n - p1 - 1);
    if (!p2)
        return 0;
    f->num = (slice){s.s, p1};
    f->den = (slice){s.s + p1 + 1, p2};
    size_t used = p1 + 1 + p2;
    if (used < s.n) {
        f->unit = lexicon_unit(lx, s.s + used, s.n - used);
        if (!f->unit || f->unit->kind != UNIT_MEASURE)
            return 0;
    }
    return 1;
}
