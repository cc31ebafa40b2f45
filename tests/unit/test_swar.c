/* test_swar — the eight-bytes-at-a-time scans against the byte-at-a-time
 * answers they stand for: each word test for every byte value in every
 * place; the UTF-8 check, cleanup and the token splitter over many random
 * texts made of the pieces that trip them (toned o before a, combining
 * marks, controls, quotes, invalid bytes, sequences cut at the end). */
#include "check.h"
#include "cleanup.h"
#include "lexicon.h"
#include "swar.h"
#include "token.h"
#include "utf8.h"
#include "wordcache.h"
#include <stdint.h>
#include <stdlib.h>

/* cleanup a character at a time, under other names, to compare with */
#define DOCBAO_CLEANUP_SCALAR 1
#define cleanup_text scalar_cleanup_text
#define offmap_source scalar_offmap_source
#define offmap_free scalar_offmap_free
#include "../../src/text/cleanup.c"
#undef cleanup_text
#undef offmap_source
#undef offmap_free

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* a mask's answer for byte k */
static int yes(uint64_t mask, int k) { return (mask >> (8 * k + 7)) & 1; }

static void test_word_tests(void)
{
    int wrong = 0;
    for (int b = 0; b < 256; b++)
        for (int k = 0; k < 8; k++)
            for (int round = 0; round < 8; round++) {
                char s[8];
                uint64_t r = next();
                memcpy(s, &r, 8);
                s[k] = (char)b;
                uint64_t w = swar_load(s);
                wrong += yes(swar_eq(w, 0xE1), k) != (b == 0xE1);
                wrong += yes(swar_eq(w, ' '), k) != (b == ' ');
                wrong += yes(swar_zero(w), k) != (b == 0);
                wrong += yes(swar_low7_ge(w, 0x20), k) != ((b & 0x7F) >= 0x20);
                wrong += yes(swar_low7_ge(w, 0x80), k) != 0;
                wrong += yes(swar_ascii(w), k) != (b < 0x80);
                wrong += yes(swar_cont(w), k) != ((b & 0xC0) == 0x80);
                wrong += yes(swar_lead2(w), k) != (b >= 0xC0);
                wrong += yes(swar_lead3(w), k) != (b >= 0xE0);
                wrong += yes(swar_lead4(w), k) != (b >= 0xF0);
                wrong += (int)((swar_load(s) >> (8 * k)) & 0xFF) != b;
                if (k)
                    wrong += (int)((swar_after(w, 0, (unsigned)k) >> (8 * k)) & 0xFF) != (unsigned char)s[0];
            }
    CHECK(wrong == 0, "every word test answers for each byte as a byte test would");
    const char *t = "abcdefghijk";
    int tails = 1;
    for (size_t n = 1; n <= 11; n++)
        for (size_t p = n > 7 ? n - 7 : 0; p < n; p++) {
            uint64_t w = swar_load_end(t, n, p), want = 0;
            for (size_t k = p; k < n; k++)
                want |= (uint64_t)(unsigned char)t[k] << (8 * (k - p));
            tails &= w == want;
        }
    CHECK(tails, "swar_load_end: the last bytes, zero padded, short texts too");
}

/* pieces of text, valid and not, that the scans must tell apart */
static const char *const PIECES[] = {
    "a", "e", "o", "n", "g", "h", " ", " ", "  ", "\t", "\n", "\r", "\x01", "\x7F", "0", "5", "9", ".", ",", "-",
    "(", "\"", "'", "/", "ò", "ó", "õ", "ỏ", "ọ", "Ò", "Ó", "Õ", "Ỏ", "Ọ", "ơ", "ư", "đ", "Đ", "ă", "ế", "ự",
    "ạ", "à", "×", "°", "º", "o\xCC\x80", "e\xCC\x81", "\xCC\x89", "\xE1\xB7\x80", "“", "”", "–", "…", "\xC2\xA0",
    "\xE2\x80\x8B", "\xC2\xAD", "中", "😀", "\xEF\xBF\xBD", "\xFF", "\x80", "\xC3", "\xE1\xBB", "\xC0\x80",
    "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF0\x9F", "Hoà", "hòa", "khỏe", "TP.", "12.000", "3,5%",
};
enum { NPIECES = sizeof PIECES / sizeof PIECES[0] };

static size_t random_text(char *buf, size_t cap, int valid_only)
{
    size_t n = 0, pieces = next() % (next() % 2 ? 24 : 80); /* short and long: each path of the scans */
    for (size_t k = 0; k < pieces; k++) {
        const char *p = PIECES[next() % NPIECES];
        size_t len = strlen(p);
        if (valid_only && !utf8_surely_valid(p, len) && strcmp(p, "😀"))
            continue;
        if (n + len >= cap)
            break;
        memcpy(buf + n, p, len);
        n += len;
    }
    buf[n] = '\0';
    return n;
}

/* valid UTF-8, a code point at a time */
static int valid_slowly(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (cp < 0)
            return 0;
    }
    return 1;
}

static void test_utf8_check(void)
{
    int wrong = 0, doubtful = 0, cases = 0;
    char buf[512];
    for (int round = 0; round < 200000; round++) {
        size_t n = random_text(buf, sizeof buf, 0);
        int quick = utf8_surely_valid(buf, n), slow = valid_slowly(buf, n);
        int plain = 1; /* no byte the quick check leaves to a closer look */
        for (size_t i = 0; i < n; i++) {
            unsigned char b = (unsigned char)buf[i];
            plain &= b != 0xC0 && b != 0xC1 && b != 0xE0 && b != 0xED && b < 0xF0;
        }
        wrong += quick && !slow;
        doubtful += plain && quick != slow;
        cases += !slow;
    }
    CHECK(wrong == 0, "utf8_surely_valid never passes invalid text");
    CHECK(doubtful == 0, "utf8_surely_valid answers exactly for text without the rare lead bytes");
    CHECK(cases > 1000, "the random texts hold invalid ones");
}

static void test_cleanup_same(void)
{
    int wrong = 0, offsets = 0;
    char buf[512];
    strbuf a = {0}, b = {0};
    offmap ma = {0}, mb = {0};
    for (int round = 0; round < 200000; round++) {
        size_t n = random_text(buf, sizeof buf, 0);
        strbuf_clear(&a);
        strbuf_clear(&b);
        if (cleanup_text(buf, n, &a, &ma) || scalar_cleanup_text(buf, n, &b, &mb)) {
            wrong++;
            continue;
        }
        if (a.len != b.len || memcmp(strbuf_str(&a), strbuf_str(&b), a.len)) {
            if (!wrong)
                printf("  cleanup differs on \"%s\":\n  %s\n  %s\n", buf, strbuf_str(&a), strbuf_str(&b));
            wrong++;
            continue;
        }
        for (size_t k = 0; k <= a.len; k++)
            offsets += offmap_source(&ma, strbuf_str(&a), k) != scalar_offmap_source(&mb, strbuf_str(&b), k);
    }
    CHECK(wrong == 0, "cleanup eight bytes at a time gives the text of cleanup a character at a time");
    CHECK(offsets == 0, "... and the same source offset for every byte");
    strbuf_free(&a);
    strbuf_free(&b);
    offmap_free(&ma);
    scalar_offmap_free(&mb);
}

static void test_tokens(const lexicon *lx)
{
    int wrong = 0;
    char buf[512];
    tokvec tv = {0};
    for (int round = 0; round < 100000; round++) {
        size_t n = random_text(buf, sizeof buf, 1);
        tv.n = 0;
        if (tokenize(lx, buf, n, &tv)) {
            wrong++;
            continue;
        }
        /* the tokens cover the text's non-space runs in order */
        size_t i = 0, t = 0;
        while (i < n) {
            while (i < n && strchr(" \t\n\r", buf[i]))
                i++;
            if (i >= n)
                break;
            size_t j = i;
            while (j < n && !strchr(" \t\n\r", buf[j]))
                j++;
            /* an opening bracket inside a run (not its first or last byte,
             * nor after a bracket or a quote) starts a token of its own */
            for (size_t q = i + 1; q + 1 < j; q++)
                if ((buf[q] == '(' || buf[q] == '[') && buf[q - 1] != '(' && buf[q - 1] != '"' && buf[q - 1] != '[') {
                    j = q;
                    break;
                }
            if (t >= tv.n) {
                wrong++;
                break;
            }
            const token *k = &tv.v[t++];
            /* a word glued to a number (24/4tại) is a token of its own that
             * begins where the number ends: check both halves */
            if (k->post.s + k->post.n != buf + j && t < tv.n && !k->post.n &&
                tv.v[t].pre.s == k->core.s + k->core.n && k->digit != tv.v[t].digit && !tv.v[t].pre.n) {
                const token *w = &tv.v[t++];
                wrong += k->pre.s != buf + i || w->post.s + w->post.n != buf + j || k->ends;
                wrong += w->hash != word_hash(w->core.s, w->core.n) || k->hash != word_hash(k->core.s, k->core.n);
                i = j;
                continue;
            }
            int digit = 0;
            for (size_t m = 0; m < k->core.n; m++)
                digit |= k->core.s[m] >= '0' && k->core.s[m] <= '9';
            wrong += k->pre.s != buf + i || k->post.s + k->post.n != buf + j;
            int ends = 0;
            for (size_t m = 0; m < k->post.n; m++)
                ends |= k->post.s[m] == '.' || k->post.s[m] == '!' || k->post.s[m] == '?';
            wrong += k->digit != digit || k->ends != ends;
            wrong += k->hash != word_hash(k->core.s, k->core.n);
            i = j;
        }
        wrong += t != tv.n;
    }
    CHECK(wrong == 0, "tokens: the non-space runs, their digits, sentence marks and hashes as one at a time");
    tokvec_free(&tv);
    int hashes = 1;
    const char *w = "nghiêng ngả trường";
    for (size_t n = 0; n <= strlen(w); n++)
        for (size_t r = n; r <= strlen(w); r++)
            hashes &= word_hash_within(w, n, r) == word_hash(w, n);
    CHECK(hashes, "word_hash_within: the same hash whatever it may read");
    CHECK(word_hash("ab", 2) != word_hash("ab\0", 3), "a word's hash counts its length");
}

int main(void)
{
    char err[256];
    lexicon *lx = lexicon_load("lexicon", NULL, err, sizeof err);
    CHECK(lx != NULL, "lexicon loads");
    test_word_tests();
    test_utf8_check();
    test_cleanup_same();
    if (lx)
        test_tokens(lx);
    lexicon_free(lx);
    return check_done();
}
