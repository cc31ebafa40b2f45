/* numbers — Vietnamese number words: cardinals in groups of three with
 * nghìn/triệu/tỷ, "mốt", "lăm", "tư", "linh", "không trăm". The words come
 * from a num_words (lexicon/number-words.tsv, resolved by the lexicon). */
#include "numbers.h"
#include <string.h>

/* the word for digit k */
static int digit_word(const num_words *w, strbuf *out, int k) { return strbuf_wordn(out, w->digit[k], w->len.digit[k]); }
/* word f of w, its length known (num_words.len) */
#define SAY(w, out, f) strbuf_wordn(out, (w)->f, (w)->len.f)

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* One group of three digits h t u. full: say "không trăm" when the hundreds
 * are zero (any group after a spoken one); after: something was said
 * before, so a lone unit takes "linh" (1.000.001 "một triệu linh một"). */
static int group(int h, int t, int u, int full, int after, const num_words *w, strbuf *out)
{
    int rc = 0;
    if (h || full) {
        rc |= digit_word(w, out, h);
        rc |= SAY(w, out, hundred);
    }
    if (t == 0) {
        if (u && (h || full || after))
            rc |= SAY(w, out, odd);
        if (u)
            rc |= digit_word(w, out, u);
        return rc;
    }
    if (t == 1) {
        rc |= SAY(w, out, ten);
        if (u)
            rc |= (u == 5 ? SAY(w, out, five_after_ten) : digit_word(w, out, u));
        return rc;
    }
    rc |= digit_word(w, out, t);
    rc |= SAY(w, out, tens);
    if (u == 1)
        rc |= SAY(w, out, one_after_tens);
    else if (u == 4)
        rc |= SAY(w, out, four_after_tens);
    else if (u == 5)
        rc |= SAY(w, out, five_after_ten);
    else if (u)
        rc |= digit_word(w, out, u);
    return rc;
}

/* Reads up to 9 digits (below one tỷ). lead: this is the leftmost part of the
 * whole number, so its first group is read short ("hai mươi", not "không trăm
 * hai mươi"). every: "không trăm" in every group after a spoken one, after
 * triệu and tỷ too (1.071.393 "một triệu không trăm bảy mươi mốt nghìn", how
 * news readers read a number written with thousands dots); else only in the
 * group right after a spoken "nghìn" (2021; NeMo's 1050003 "một triệu năm
 * mươi nghìn linh ba"). */
static int below_ty(const char *s, size_t n, int lead, int every, const num_words *w, strbuf *out)
{
    int rc = 0, said = !lead, prev_nonzero = 0;
    size_t first = n % 3 ? n % 3 : 3;
    size_t pos = 0;
    for (size_t g = (n + 2) / 3; g-- > 0;) {
        size_t len = pos == 0 ? first : 3;
        int dg[3] = {0, 0, 0};
        for (size_t i = 0; i < len; i++)
            dg[3 - len + i] = s[pos + i] - '0';
        pos += len;
        if (dg[0] == 0 && dg[1] == 0 && dg[2] == 0) {
            prev_nonzero = 0;
            continue;
        }
        int full = every ? said : g == 0 && prev_nonzero;
        rc |= group(dg[0], dg[1], dg[2], full, every ? said : g == 0 && said, w, out);
        said = 1;
        prev_nonzero = 1;
        if (g)
            rc |= SAY(w, out, scale[g]);
    }
    return rc;
}

static int cardinal(const char *s, size_t n, int lead, int every, const num_words *w, strbuf *out)
{
    if (n <= 9)
        return below_ty(s, n, lead, every, w, out);
    /* high part, then "tỷ", then the nine digits below */
    size_t hn = n - 9;
    int rc = 0;
    int high_zero = 1;
    for (size_t i = 0; i < hn; i++)
        if (s[i] != '0')
            high_zero = 0;
    if (!high_zero) {
        rc |= cardinal(s, hn, lead, every, w, out);
        rc |= SAY(w, out, scale[3]);
        lead = 0;
    }
    return rc | below_ty(s + hn, 9, lead, every, w, out);
}

static int cardinal_from(const char *digits, size_t n, int every, const num_words *w, strbuf *out)
{
    if (!all_digits(digits, n))
        return -1;
    while (n > 1 && *digits == '0') {
        digits++;
        n--;
    }
    if (n == 1 && *digits == '0')
        return digit_word(w, out, 0);
    if (n > 21) /* beyond a tỷ tỷ nobody reads a number as one: digit by digit */
        return num_digits_w(w, digits, n, out);
    return cardinal(digits, n, 1, every, w, out);
}

int num_cardinal_w(const num_words *w, const char *digits, size_t n, strbuf *out)
{
    return cardinal_from(digits, n, 0, w, out);
}

int num_cardinal_grouped_w(const num_words *w, const char *digits, size_t n, strbuf *out)
{
    return cardinal_from(digits, n, 1, w, out);
}

int num_cardinal_u_w(const num_words *w, unsigned long long v, strbuf *out)
{
    char buf[32];
    size_t n = 0;
    do {
        buf[sizeof buf - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return num_cardinal_w(w, buf + sizeof buf - n, n, out);
}

int num_digits_w(const num_words *w, const char *digits, size_t n, strbuf *out)
{
    if (!all_digits(digits, n))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        rc |= digit_word(w, out, digits[i] - '0');
    return rc;
}

int num_fraction_digits_w(const num_words *w, const char *digits, size_t n, strbuf *out)
{
    if (!all_digits(digits, n))
        return -1;
    if (n == 1 || (n == 2 && digits[0] != '0' && digits[1] != '0'))
        return num_cardinal_w(w, digits, n, out);
    return num_digits_w(w, digits, n, out);
}

int num_fraction_number_w(const num_words *w, const char *digits, size_t n, strbuf *out)
{
    if (!all_digits(digits, n))
        return -1;
    size_t z = 0;
    while (z < n && digits[z] == '0')
        z++;
    size_t m = n - z;
    if (m == 0 || m > 3 || digits[n - 1] == '0' || (m == 2 && z == 0))
        return num_fraction_digits_w(w, digits, n, out);
    int rc = z ? num_digits_w(w, digits, z, out) : 0;
    return rc | num_cardinal_w(w, digits + z, m, out);
}

int num_month_w(const num_words *w, unsigned m, strbuf *out)
{
    if (m < 1 || m > 12)
        return -1;
    if (m == 4)
        return strbuf_word(out, w->fourth);
    return num_cardinal_u_w(w, m, out);
}

int num_ordinal_w(const num_words *w, const char *digits, size_t n, strbuf *out)
{
    if (!all_digits(digits, n))
        return -1;
    if (n == 1 && digits[0] == '1')
        return strbuf_word(out, w->first);
    if (n == 1 && digits[0] == '4')
        return strbuf_word(out, w->fourth);
    return num_cardinal_w(w, digits, n, out);
}

static int roman_digit(char c)
{
    switch (c | 0x20) {
    case 'i': return 1;
    case 'v': return 5;
    case 'x': return 10;
    case 'l': return 50;
    case 'c': return 100;
    case 'd': return 500;
    case 'm': return 1000;
    default: return 0;
    }
}

unsigned num_roman_value(const char *s, size_t n)
{
    if (n == 0 || n > 15)
        return 0;
    unsigned total = 0;
    for (size_t i = 0; i < n; i++) {
        int v = roman_digit(s[i]);
        if (!v)
            return 0;
        int next = i + 1 < n ? roman_digit(s[i + 1]) : 0;
        if (next > v) {
            /* only IV IX XL XC CD CM */
            if (!((v == 1 && (next == 5 || next == 10)) || (v == 10 && (next == 50 || next == 100)) ||
                  (v == 100 && (next == 500 || next == 1000))))
                return 0;
            total += (unsigned)(next - v);
            i++;
        } else {
            total += (unsigned)v;
        }
    }
    /* well formed only if writing the value back gives the same letters */
    static const struct { unsigned v; const char *s; } T[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}};
    char canon[32];
    size_t cn = 0;
    unsigned v = total;
    for (size_t k = 0; k < sizeof T / sizeof T[0]; k++)
        while (v >= T[k].v && cn + 2 < sizeof canon) {
            for (const char *p = T[k].s; *p; p++)
                canon[cn++] = *p;
            v -= T[k].v;
        }
    if (cn != n || v)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != canon[i])
            return 0;
    return total;
}
