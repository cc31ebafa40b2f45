/* swar — eight bytes at a time in a 64-bit word ("SIMD within a register").
 * The byte scans of the first stages (UTF-8 validation, cleanup, token
 * splitting) ask of every byte a question with a short answer: is it ASCII,
 * a space, a lead byte? Asked of eight bytes at once, with no branch per
 * byte, those questions cost a few operations per word instead of a
 * mispredicted branch at every change between ASCII and Vietnamese letters.
 *
 * A "mask" has 0x80 in each byte for which the answer is yes, 0 elsewhere.
 * Byte k of a word is the k-th byte in memory on any machine (swar_load).
 * Every test is exact per byte: no carry crosses from one byte to the next. */
#ifndef DOCBAO_SWAR_H
#define DOCBAO_SWAR_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGH 0x8080808080808080ull
#define SWAR_LOW7 0x7F7F7F7F7F7F7F7Full

/* eight bytes from s, byte k of memory in bits 8k..8k+7 */
static inline uint64_t swar_load(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* the bytes s[p..n), one to seven, as a word padded with zeros (NUL:
 * plain ASCII), reading no byte outside s[0..n) */
static inline uint64_t swar_load_end(const char *s, size_t n, size_t p)
{
    size_t r = n - p;
    if (n >= 8) /* the last eight bytes of s, those before p shifted out */
        return swar_load(s + n - 8) >> (8 * (8 - r));
    uint64_t w = 0;
    for (size_t k = 0; k < r; k++)
        w |= (uint64_t)(unsigned char)s[p + k] << (8 * k);
    return w;
}

/* the bytes s[p..n), one to seven, as a word padded with zeros, reading
 * whole eight bytes when readable (>= n) bytes from s may be read */
static inline uint64_t swar_load_within(const char *s, size_t n, size_t p, size_t readable)
{
    return readable - p >= 8 ? swar_load(s + p) & (~0ull >> (64 - 8 * (n - p))) : swar_load_end(s, n, p);
}

/* bytes equal to 0 */
static inline uint64_t swar_zero(uint64_t w) { return ~(((w & SWAR_LOW7) + SWAR_LOW7) | w | SWAR_LOW7); }
/* bytes equal to c */
static inline uint64_t swar_eq(uint64_t w, unsigned char c) { return swar_zero(w ^ (c * SWAR_ONES)); }
/* bytes whose low seven bits are at least c (c <= 0x80) */
static inline uint64_t swar_low7_ge(uint64_t w, unsigned char c)
{
    return ((w & SWAR_LOW7) + (unsigned char)(0x80 - c) * SWAR_ONES) & SWAR_HIGH;
}
/* bytes below 0x80 */
static inline uint64_t swar_ascii(uint64_t w) { return ~w & SWAR_HIGH; }
/* UTF-8 continuation bytes 10xxxxxx */
static inline uint64_t swar_cont(uint64_t w) { return w & ~(w << 1) & SWAR_HIGH; }
/* lead bytes of two or more bytes (>= 0xC0), of three or more (>= 0xE0), of four (>= 0xF0) */
static inline uint64_t swar_lead2(uint64_t w) { return w & (w << 1) & SWAR_HIGH; }
static inline uint64_t swar_lead3(uint64_t w) { return w & (w << 1) & (w << 2) & SWAR_HIGH; }
static inline uint64_t swar_lead4(uint64_t w) { return w & (w << 1) & (w << 2) & (w << 3) & SWAR_HIGH; }

/* the mask (or word) moved k bytes later in memory, the bytes of the word
 * before it coming in: swar_after(x, prev, 1) answers for byte i what x
 * answered for byte i - 1. 0 < k < 8. */
static inline uint64_t swar_after(uint64_t x, uint64_t prev, unsigned k)
{
    return (x << (8 * k)) | (prev >> (64 - 8 * k));
}

/* the index of the first byte with the answer yes (mask != 0) */
static inline unsigned swar_first(uint64_t mask) { return (unsigned)__builtin_ctzll(mask) / 8; }

/* The bytes of a UTF-8 sequence that are out of place: a continuation byte
 * where none is due, a missing one where one is due, given the lead masks
 * of the word before (the first word of a text: 0). */
static inline uint64_t swar_utf8_misplaced(uint64_t w, uint64_t lead2_prev, uint64_t lead3_prev,
                                           uint64_t lead4_prev)
{
    uint64_t due = swar_after(swar_lead2(w), lead2_prev, 1) | swar_after(swar_lead3(w), lead3_prev, 2) |
                   swar_after(swar_lead4(w), lead4_prev, 3);
    return due ^ swar_cont(w);
}

/* Sixteen bytes at a time, where the compiler has vector types (GCC and
 * clang: SSE2, NEON, or plain code): a "vector mask" has -1 in each byte for
 * which the answer is yes. The bytes are signed here: ASCII 0..127, a
 * continuation byte -128..-65, a lead byte -64..-1. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR_V16 1
typedef signed char v16 __attribute__((vector_size(16)));
static inline v16 v16_load(const char *p)
{
    v16 v;
    memcpy(&v, p, sizeof v);
    return v;
}
/* the index of the first yes byte of a vector mask, 16 when none */
static inline unsigned v16_first(v16 mask)
{
    uint64_t h[2];
    memcpy(h, &mask, sizeof h);
    return h[0] ? (unsigned)__builtin_ctzll(h[0]) / 8 : h[1] ? 8 + (unsigned)__builtin_ctzll(h[1]) / 8 : 16;
}
#endif

#endif
