/* utf8 — small UTF-8 helpers over utf8proc: decoding, case mapping, letter tests.
 * Pure functions; the strbuf ones append to the caller's buffer. */
#ifndef DOCBAO_UTF8_H
#define DOCBAO_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include "strbuf.h"

/* Decodes one code point at s[0..n). Returns its byte length (>=1), with
 * *cp = -1 for an invalid sequence (length 1 then). n must be > 0. */
size_t utf8_decode(const char *s, size_t n, int32_t *cp);
static inline size_t utf8_next(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    /* the two-byte letters (à â ê ô ơ ư đ ă ...) and the three-byte ones
     * of Vietnamese (U+1E00..) without a call */
    if (n >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
        *cp = ((int32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (n >= 3 && u[0] >= 0xE1 && u[0] <= 0xEC && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *cp = ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    return utf8_decode(s, n, cp);
}
int utf8_lower(const char *s, size_t n, strbuf *out);
int utf8_upper(const char *s, size_t n, strbuf *out);
/* Lower case into a caller's buffer (NUL-terminated): the length, or
 * (size_t)-1 when it does not fit. No allocation: for lookups in hot paths. */
size_t utf8_lower_buf(const char *s, size_t n, char *buf, size_t cap);
int utf8_is_letter(int32_t cp);
int utf8_is_upper(int32_t cp);
int utf8_is_lower(int32_t cp);
/* 1 when every letter of s is upper case and there is at least one letter. */
int utf8_all_upper(const char *s, size_t n);
/* 1 when s[0..n) is surely valid UTF-8: checked eight bytes at a time,
 * for the sequences of ordinary text. 0 when it is invalid or holds a
 * sequence this check leaves to a closer look (four-byte ones, and the lead
 * bytes C0 C1 E0 ED that can begin an overlong form or a surrogate). */
int utf8_surely_valid(const char *s, size_t n);
/* Number of code points. */
size_t utf8_len(const char *s, size_t n);

#endif
