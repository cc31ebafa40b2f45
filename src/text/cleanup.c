/* cleanup — NFC through utf8proc one grapheme cluster at a time (so every
 * output byte knows its source), then a code point map. */
#include "cleanup.h"
#include "vec.h"
#include "swar.h"
#include "utf8.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The plain replacement of a typographic code point, NULL to keep it, "" to drop it. */
static const char *plain(int32_t cp)
{
    switch (cp) {
    case 0x00A0: case 0x2007: case 0x202F: case 0x205F: case 0x3000: case '\t':
    case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005:
    case 0x2006: case 0x2008: case 0x2009: case 0x200A:
        return " ";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return "";
    case 0xFFFD: /* a replaced invalid byte: a space, so the text around it does not merge */
        return " ";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
        return "\"";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
        return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return "-";
    case 0x2022: case 0x00B7: case 0x25AA: case 0x25CF: case 0x25E6: case 0x2023: case 0x2043:
    case 0x25A0: case 0x25BA: case 0x27A2:
        return ",";
    case 0x2026:
        return "...";
    case 0x00BA: /* masculine ordinal often typed for the degree sign */
        return "°";
    default:
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            return " ";
        return NULL;
    }
}

/* old-style tone on o of oa/oe (no final consonant) → new style */
static const struct { const char *from, *to; } TONE_MOVES[] = {
    {"òa", "oà"}, {"óa", "oá"}, {"ỏa", "oả"}, {"õa", "oã"}, {"ọa", "oạ"},
    {"òe", "oè"}, {"óe", "oé"}, {"ỏe", "oẻ"}, {"õe", "oẽ"}, {"ọe", "oẹ"},
    {"Òa", "Oà"}, {"Óa", "Oá"}, {"Ỏa", "Oả"}, {"Õa", "Oã"}, {"Ọa", "Oạ"},
};

void offmap_free(offmap *m)
{
    free(m->v);
    *m = (offmap){0};
}

/* Records that the next n output bytes came from src (copied: one for one). */
static int mark(offmap *map, size_t n, size_t src, int copied)
{
    if (!map || !n)
        return 0;
    size_t at = map->len;
    map->len += n;
    if (map->n) { /* the same segment goes on */
        const offmap_seg *l = &map->v[map->n - 1];
        if (l->copied == copied && (copied ? src - l->src == at - l->out : src == l->src))
            return 0;
    }
    if (VEC_RESERVE(map->v, map->cap, map->n + 1))
        return -1;
    map->v[map->n++] = (offmap_seg){at, src, copied};
    return 0;
}

/* Appends text produced from source offset src, recording it in the map. */
static int emit(strbuf *out, offmap *map, const char *t, size_t n, size_t src)
{
    return strbuf_append(out, t, n) || mark(map, n, src, 0) ? -1 : 0;
}

/* Appends n bytes copied from source offset src on, each mapped to its own offset. */
static int emit_run(strbuf *out, offmap *map, const char *t, size_t n, size_t src)
{
    return strbuf_append(out, t, n) || mark(map, n, src, 1) ? -1 : 0;
}

size_t offmap_source(const offmap *m, const char *out, size_t k)
{
    if (k >= m->len || !m->n)
        return m->end;
    size_t lo = 0, hi = m->n; /* the last segment starting at or before k */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->v[mid].out <= k)
            lo = mid;
        else
            hi = mid;
    }
    const offmap_seg *g = &m->v[lo];
    if (!g->copied)
        return g->src;
    while (k > g->out && ((unsigned char)out[k] & 0xC0) == 0x80)
        k--; /* the bytes of a character map to its first */
    return g->src + (k - g->out);
}

/* ò ó õ ỏ ọ and their capitals */
static int toned_o(int32_t c)
{
    switch (c) {
    case 0xF2: case 0xF3: case 0xF5: case 0xD2: case 0xD3: case 0xD5:
    case 0x1ECC: case 0x1ECD: case 0x1ECE: case 0x1ECF:
        return 1;
    default:
        return 0;
    }
}

/* At s[i]: writes the pair with its tone moved, from source offset src. */
static int move_tone(const char *s, size_t n, size_t i, strbuf *out, offmap *map, size_t src, size_t *used)
{
    /* every pattern starts with a toned o: ò ó õ (C3 ..) or ỏ ọ (E1 BB ..) */
    int32_t o;
    if ((unsigned char)s[i] < 0x80)
        return 0;
    utf8_next(s + i, n - i, &o);
    if (!toned_o(o))
        return 0;
    for (size_t k = 0; k < sizeof TONE_MOVES / sizeof TONE_MOVES[0]; k++) {
        size_t fl = strlen(TONE_MOVES[k].from);
        if (i + fl <= n && !memcmp(s + i, TONE_MOVES[k].from, fl)) {
            /* only when the syllable ends there (no final consonant) */
            int32_t next = -1;
            if (i + fl < n)
                utf8_next(s + i + fl, n - i - fl, &next);
            if (utf8_is_letter(next))
                return 0;
            *used = fl;
            return emit(out, map, TONE_MOVES[k].to, strlen(TONE_MOVES[k].to), src) ? -1 : 1;
        }
    }
    return 0;
}

/* A code point that NFC never changes on its own (no decomposition) */
static int stable(int32_t cp)
{
    return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x206F) ||
           (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x22FF) || cp == 0xFEFF ||
           (cp >= 0x25A0 && cp <= 0x27BF);
}

/* The length of the character at s[i] when cleanup keeps it as it is:
 * printable ASCII, or a code point NFC keeps on its own that plain() keeps
 * and that starts no tone move. 0 for any other. */
static size_t as_is(const char *s, size_t n, size_t i)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80)
        return b >= 0x20 && b < 0x7F;
    int32_t cp;
    size_t k = utf8_next(s + i, n - i, &cp);
    /* a toned o moves its tone only before a or e (òa → oà) */
    if (toned_o(cp) && i + k < n && (s[i + k] == 'a' || s[i + k] == 'e'))
        return 0;
    if ((cp >= 0xC0 && cp < 0x300) || (cp >= 0x1E00 && cp <= 0x1EFF))
        return k; /* the Latin letters of Vietnamese: stable, and plain() keeps them */
    return cp >= 0xA0 && stable(cp) && !plain(cp) ? k : 0;
}

/* What a scan eight bytes at a time carries from one word to the next */
typedef struct plain_carry {
    uint64_t w, lead2, lead3, e1; /* the word, its lead-byte masks, its E1 bytes */
} plain_carry;

/* The bytes of word w (after the word in *c: zeros where the scan starts,
 * at a character boundary) that as_is() may not keep, or a superset:
 * controls, lead bytes of code points other than U+00C0..02FF and
 * U+1E00..1EFF, a sequence out of place, and an a or e after a byte that
 * may end a toned o (òa → oà). Updates *c for the next word. */
static uint64_t not_plain(uint64_t w, plain_carry *c)
{
    const uint64_t LOW6 = 0x3F3F3F3F3F3F3F3Full;
    uint64_t ctl = (swar_ascii(w) & ~swar_low7_ge(w, 0x20)) | swar_eq(w, 0x7F);
    uint64_t l2 = swar_lead2(w), l3 = swar_lead3(w), e1 = swar_eq(w, 0xE1);
    /* two-byte leads C3..CB only; three-byte leads E1 only, then B8..BB */
    uint64_t latin = swar_low7_ge(w & LOW6, 0x03) & ~swar_low7_ge(w & LOW6, 0x0C);
    uint64_t after_e1 = swar_after(e1, c->e1, 1) & ~swar_eq(w & 0xFCFCFCFCFCFCFCFCull, 0xB8);
    uint64_t due = swar_after(l2, c->lead2, 1) | swar_after(l3, c->lead3, 2);
    /* ó ò õ Ó Ò Õ end in B3 B2 B5 93 92 95, ỏ ọ Ỏ Ọ in 8C..8F */
    uint64_t b = swar_after(w, c->w, 1); /* the byte before each */
    uint64_t o_end = swar_eq(b & 0xFCFCFCFCFCFCFCFCull, 0x8C) | swar_eq(b & 0xDEDEDEDEDEDEDEDEull, 0x92) |
                     swar_eq(b & 0xDFDFDFDFDFDFDFDFull, 0x95);
    uint64_t ae = swar_eq(w & 0xFBFBFBFBFBFBFBFBull, 'a'); /* a or e */
    *c = (plain_carry){w, l2, l3, e1};
    return ctl | (l2 & ~l3 & ~latin) | (l3 & ~e1) | after_e1 | (due ^ swar_cont(w)) | (ae & o_end);
}

/* The carry of the eight bytes at s, bytes the scan has vouched for */
static plain_carry carry_at(const char *s)
{
    uint64_t w = swar_load(s);
    return (plain_carry){w, swar_lead2(w), swar_lead3(w), swar_eq(w, 0xE1)};
}

#ifdef SWAR_V16
/* not_plain for the sixteen bytes at s[p], p >= 2, as a vector mask, with
 * the bytes before each loaded one and two back. At the start of a scan
 * (first) the bytes before p were handled a character at a time: a lead
 * among them (a cut sequence, already replaced) must not make a
 * continuation byte at p look due. */
static v16 not_plain16(const char *s, size_t p, int first)
{
    static const v16 FROM1 = {0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
                     FROM2 = {0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}, ALL = FROM1 | ~FROM1;
    v16 v = v16_load(s + p), b = v16_load(s + p - 1), b2 = v16_load(s + p - 2);
    v16 ctl = ((v >= 0) & (v < 0x20)) | (v == 0x7F);
    v16 lead2 = (v >= -64) & (v < -32), latin = (v >= -61) & (v <= -53); /* C0..DF; C3..CB */
    v16 lead3 = (v >= -32) & (v < 0);                                     /* E0..FF */
    v16 after_e1 = (b == -31) & ((v & -4) != -72);                       /* E1 then B8..BB */
    v16 due = ((b >= -64) & (b < 0) & (first ? FROM1 : ALL)) | ((b2 >= -32) & (b2 < 0) & (first ? FROM2 : ALL));
    v16 o_end = ((b & -4) == -116) | ((b & -34) == -110) | ((b & -33) == -107); /* 8C.. 92 93 B2 B3, 95 B5 */
    v16 ae = (v & -5) == 'a';
    return ctl | (lead2 & ~latin) | (lead3 & (v != -31)) | after_e1 | (due ^ (v < -64)) | (ae & o_end);
}
#endif

/* From s[i], a character boundary: the end of a run of whole characters
 * that as_is() keeps, found eight bytes at a time, with in *last the start
 * of its last character (left alone when the run is empty), and in *stop
 * the first byte the scan could not vouch for. The run stops one character
 * short of that byte, since what follows a character (a combining mark, an
 * a after ó) decides whether it is kept. */
static size_t plain_run(const char *s, size_t n, size_t i, size_t *last, size_t *stop)
{
    size_t p = i;
    plain_carry c = {0};
#ifdef SWAR_V16
    /* sixteen bytes at a time once two bytes before are there to load; the
     * rest a word at a time */
    if (p < 2 && p < n) {
        uint64_t w = p + 8 <= n ? swar_load(s + p) : swar_load_end(s, n, p);
        uint64_t bad = not_plain(w, &c);
        if (bad) {
            p += swar_first(bad);
            goto found;
        }
        p += 8;
    }
    for (; p + 16 <= n; p += 16) {
        unsigned f = v16_first(not_plain16(s, p, p == i));
        if (f < 16) {
            p += f;
            goto found;
        }
    }
    if (p > i)
        c = carry_at(s + p - 8);
#endif
    while (p < n) {
        /* the last word padded with NULs, which are controls: it stops there */
        uint64_t w = p + 8 <= n ? swar_load(s + p) : swar_load_end(s, n, p);
        uint64_t bad = not_plain(w, &c);
        if (bad) {
            p += swar_first(bad);
            break;
        }
        p += 8;
    }
#ifdef SWAR_V16
found:
#endif
    *stop = p < n ? p : n;
    if (*stop == i)
        return i;
    size_t q = *stop - 1; /* the start of the last character that starts before the stop */
    while (q > i && ((unsigned char)s[q] & 0xC0) == 0x80)
        q--;
    if (q == i)
        return i;
    size_t r = q - 1;
    while (r > i && ((unsigned char)s[r] & 0xC0) == 0x80)
        r--;
    *last = r;
    return q;
}

static int put_mapped(const char *t, size_t n, size_t src, strbuf *out, offmap *map)
{
    for (size_t k = 0; k < n;) {
        int32_t cp;
        size_t len = utf8_next(t + k, n - k, &cp);
        const char *p = plain(cp);
        if (emit(out, map, p ? p : t + k, p ? strlen(p) : len, src))
            return -1;
        k += len;
    }
    return 0;
}

#ifdef DOCBAO_CLEANUP_SCALAR /* tests build it a character at a time too, to compare */
enum { EIGHT_AT_A_TIME = 0 };
#else
enum { EIGHT_AT_A_TIME = 1 };
#endif

static int cleanup_runs(const char *s, size_t n, strbuf *out, offmap *map);

/* Ð ð (U+00D0 U+00F0, the Icelandic eth) typed for Đ đ (U+0110 U+0111) on
 * real Vietnamese pages: the same length in UTF-8 (C3 90 → C4 90, C3 B0 →
 * C4 91), so fixed in place after the rest and the map back stays right. */
static void eth_to_dyet(char *s, size_t n)
{
    for (char *p = s; (p = memchr(p, 0xC3, n - (size_t)(p - s))) && p + 1 < s + n; p++)
        if ((unsigned char)p[1] == 0x90 || (unsigned char)p[1] == 0xB0) {
            p[0] = (char)0xC4;
            p[1] = (unsigned char)p[1] == 0x90 ? (char)0x90 : (char)0x91;
        }
}

int cleanup_text(const char *s, size_t n, strbuf *out, offmap *map)
{
    size_t start = out->len;
    int rc = cleanup_runs(s, n, out, map);
    if (!rc && out->len > start)
        eth_to_dyet(out->s + start, out->len - start);
    return rc;
}

/* The end of the run from i that needs nothing: most text, but for the last
 * character of a run, which a combining mark may follow. */
static size_t as_is_run(const char *s, size_t n, size_t i)
{
    size_t end = i, last = i, k, swar_at = i;
    while (end < n) {
        if (EIGHT_AT_A_TIME && end >= swar_at) { /* eight bytes at a time where it can */
            size_t stop;
            end = plain_run(s, n, end, &last, &stop);
            swar_at = stop + 1;
        }
        if (end >= n || !(k = as_is(s, n, end)))
            break;
        last = end;
        end += k;
    }
    if (end < n && end > i && (unsigned char)s[end] >= 0x80) {
        int32_t m;
        utf8_next(s + end, n - end, &m);
        if (m < 0 || utf8proc_get_property(m)->combining_class != 0)
            end = last;
    }
    return end;
}

static int cleanup_runs(const char *s, size_t n, strbuf *out, offmap *map)
{
    if (map) {
        map->n = map->len = 0;
        map->end = n;
    }
    for (size_t i = 0; i < n;) {
        size_t end = as_is_run(s, n, i);
        if (end > i) {
            if (emit_run(out, map, s + i, end - i, i))
                return -1;
            i = end;
            continue;
        }
        size_t used = 0;
        int moved = move_tone(s, n, i, out, map, i, &used);
        if (moved < 0)
            return -1;
        if (moved) {
            i += used;
            continue;
        }
        /* a cluster: one code point and the combining marks after it */
        int32_t cp;
        size_t j = i + utf8_next(s + i, n - i, &cp);
        if (cp < 0) { /* invalid UTF-8 from a library caller: like U+FFFD */
            if (emit(out, map, " ", 1, i))
                return -1;
            i = j;
            continue;
        }
        int simple = stable(cp);
        while (j < n) {
            int32_t m;
            size_t k = utf8_next(s + j, n - j, &m);
            if (m < 0 || utf8proc_get_property(m)->combining_class == 0)
                break;
            simple = 0;
            j += k;
        }
        if (simple) {
            if (put_mapped(s + i, j - i, i, out, map))
                return -1;
        } else {
            utf8proc_uint8_t *nfc = NULL;
            utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(j - i), &nfc,
                                                UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            if (len < 0)
                return -1;
            /* a decomposed toned o before a or e: move the tone as above */
            char tmp[16];
            size_t tail = n - j < 5 ? n - j : 5, used2 = 0;
            int moved2 = 0;
            if ((size_t)len + tail < sizeof tmp) {
                memcpy(tmp, nfc, (size_t)len);
                memcpy(tmp + len, s + j, tail);
                moved2 = move_tone(tmp, (size_t)len + tail, 0, out, map, i, &used2);
            }
            int rc = moved2 < 0 ? -1 : moved2 ? 0 : put_mapped((const char *)nfc, (size_t)len, i, out, map);
            free(nfc);
            if (rc)
                return -1;
            if (moved2)
                j += used2 - (size_t)len;
        }
        i = j;
    }
    return 0;
}
