/* cleanup — NFC through utf8proc, then a code point map. */
#include "cleanup.h"
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
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0xFFFD:
        return "";
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

static int move_tone(const char *s, size_t n, size_t i, strbuf *out, size_t *used)
{
    if ((unsigned char)s[i] < 0x80) /* every pattern starts with a toned o */
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
            return strbuf_puts(out, TONE_MOVES[k].to) ? -1 : 1;
        }
    }
    return 0;
}

/* Text whose code points are all in blocks with no combining marks and no
 * singleton decompositions is already NFC: skip the utf8proc round trip. */
static int surely_nfc(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        i += utf8_next(s + i, n - i, &cp);
        if (!(cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x206F) ||
              (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x22FF) || cp == 0xFEFF ||
              (cp >= 0x25A0 && cp <= 0x27BF)))
            return 0;
    }
    return 1;
}

int cleanup_text(const char *s, size_t n, strbuf *out)
{
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t len;
    if (surely_nfc(s, n)) {
        nfc = malloc(n + 1);
        if (!nfc)
            return -1;
        memcpy(nfc, s, n);
        len = (utf8proc_ssize_t)n;
    } else {
        len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    }
    if (len < 0)
        return -1;
    const char *t = (const char *)nfc;
    size_t m = (size_t)len;
    int rc = 0;
    for (size_t i = 0; i < m && !rc;) {
        size_t used = 0;
        int moved = move_tone(t, m, i, out, &used);
        if (moved < 0) {
            rc = -1;
            break;
        }
        if (moved) {
            i += used;
            continue;
        }
        int32_t cp;
        size_t k = utf8_next(t + i, m - i, &cp);
        const char *p = plain(cp);
        rc = p ? strbuf_puts(out, p) : strbuf_append(out, t + i, k);
        i += k;
    }
    free(nfc);
    return rc;
}
