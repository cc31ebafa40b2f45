/* utf8 — code point level helpers, all through utf8proc's tables. */
#include "utf8.h"
#include "swar.h"
#include <string.h>
#include <utf8proc.h>

size_t utf8_decode(const char *s, size_t n, int32_t *cp)
{
    /* two- and three-byte letters (all of Vietnamese) without a call;
     * utf8proc checks everything else */
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
        *cp = ((int32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (n >= 3 && u[0] >= 0xE1 && u[0] <= 0xEC && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *cp = ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (k < 1) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

static int map(const char *s, size_t n, strbuf *out, int upper)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = utf8_next(s + i, n - i, &cp);
        if (cp < 0) {
            if (strbuf_append(out, s + i, k))
                return -1;
        } else {
            utf8proc_uint8_t buf[4];
            utf8proc_int32_t m = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
            utf8proc_ssize_t w = utf8proc_encode_char(m, buf);
            if (strbuf_append(out, (const char *)buf, (size_t)w))
                return -1;
        }
        i += k;
    }
    return 0;
}

int utf8_lower(const char *s, size_t n, strbuf *out) { return map(s, n, out, 0); }

/* Lower-case letters of Vietnamese text whose lower case is themselves:
 * à..ÿ, ă đ ĩ ũ ơ ư, and the odd (small) ones of U+1EA0..U+1EF9. */
static int already_lower(int32_t cp)
{
    if (cp >= 0x1EA0 && cp <= 0x1EF9)
        return cp & 1;
    return (cp >= 0xE0 && cp <= 0xFF) || cp == 0x103 || cp == 0x111 || cp == 0x129 || cp == 0x169 ||
           cp == 0x1A1 || cp == 0x1B0;
}

size_t utf8_lower_buf(const char *s, size_t n, char *buf, size_t cap)
{
    size_t i = 0, k = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII fast path */
            if (k + 1 >= cap)
                return (size_t)-1;
            buf[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        int32_t cp;
        size_t len = utf8_next(s + i, n - i, &cp);
        if (already_lower(cp)) { /* most Vietnamese letters: copied */
            if (k + len >= cap)
                return (size_t)-1;
            memcpy(buf + k, s + i, len);
            k += len;
            i += len;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t w = 1;
        if (cp < 0)
            enc[0] = (utf8proc_uint8_t)s[i];
        else
            w = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (k + (size_t)w >= cap)
            return (size_t)-1;
        memcpy(buf + k, enc, (size_t)w);
        k += (size_t)w;
        i += len;
    }
    buf[k] = '\0';
    return k;
}
int utf8_upper(const char *s, size_t n, strbuf *out) { return map(s, n, out, 1); }

int utf8_is_letter(int32_t cp)
{
    if (cp < 0x80) /* ASCII (and -1, invalid) without a table lookup */
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int utf8_is_upper(int32_t cp) { return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : utf8proc_isupper(cp); }
int utf8_is_lower(int32_t cp) { return cp < 0x80 ? cp >= 'a' && cp <= 'z' : utf8proc_islower(cp); }

int utf8_all_upper(const char *s, size_t n)
{
    int letters = 0;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        i += utf8_next(s + i, n - i, &cp);
        if (utf8_is_letter(cp)) {
            if (!utf8_is_upper(cp))
                return 0;
            letters++;
        }
    }
    return letters > 0;
}

size_t utf8_len(const char *s, size_t n)
{
    size_t i = 0, count = 0;
    while (i < n) {
        int32_t cp;
        i += utf8_next(s + i, n - i, &cp);
        count++;
    }
    return count;
}

/* The check eight bytes at a time of s[i..n), given the lead masks of the
 * eight bytes before i (0 at the start): nonzero when a byte is bad. The
 * sequences still open at n are cut short, unless open (the text goes on
 * after n, and what is due there is checked by the caller). */
static uint64_t valid_words(const char *s, size_t n, size_t i, uint64_t l2, uint64_t l3, uint64_t l4, int open)
{
    uint64_t bad = 0;
    for (; i < n; i += 8) {
        /* the last word padded with NULs: a sequence cut short shows */
        uint64_t w = i + 8 <= n ? swar_load(s + i) : swar_load_end(s, n, i);
        bad |= swar_utf8_misplaced(w, l2, l3, l4) | swar_lead4(w) | swar_eq(w & 0xFEFEFEFEFEFEFEFEull, 0xC0) |
               swar_eq(w, 0xE0) | swar_eq(w, 0xED);
        l2 = swar_lead2(w);
        l3 = swar_lead3(w);
        l4 = swar_lead4(w);
    }
    return open ? bad : bad | swar_utf8_misplaced(0, l2, l3, l4);
}

#ifdef SWAR_V16
/* The same check sixteen bytes at a time, for s[i..end), i >= 3: the bytes
 * before each come from loads one, two and three bytes back rather than
 * from shifts. Nonzero when a byte is bad. */
static int valid_blocks(const char *s, size_t i, size_t end)
{
    v16 acc = {0};
    for (; i < end; i += 16) {
        v16 v = v16_load(s + i), p1 = v16_load(s + i - 1), p2 = v16_load(s + i - 2), p3 = v16_load(s + i - 3);
        /* as signed bytes: continuation -128..-65, lead of 2+ -64..-1, 3+ -32..-1, 4 -16..-1 */
        v16 due = ((p1 > -65) & (p1 < 0)) | ((p2 > -33) & (p2 < 0)) | ((p3 > -17) & (p3 < 0));
        acc |= due ^ (v < -64);
        acc |= ((v & -2) == -64) | (v == -32) | (v == -19) | ((v > -17) & (v < 0)); /* C0 C1 E0 ED F0.. */
    }
    return v16_first(acc) < 16;
}
#endif

int utf8_surely_valid(const char *s, size_t n)
{
#ifdef SWAR_V16
    if (n >= 32) { /* sixteen bytes in words, blocks of sixteen, the rest in words */
        size_t end = 16 + (n - 16) / 16 * 16;
        if (valid_words(s, 16, 0, 0, 0, 0, 1) || valid_blocks(s, 16, end))
            return 0;
        uint64_t w = swar_load(s + end - 8);
        return !valid_words(s, n, end, swar_lead2(w), swar_lead3(w), swar_lead4(w), 0);
    }
#endif
    return !valid_words(s, n, 0, 0, 0, 0, 0);
}
