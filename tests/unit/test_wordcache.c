/* test_wordcache — the word facts table gives what the function gives, asks
 * it once for a word it still holds, and holds thousands of words. */
#include "check.h"
#include "utf8.h"
#include "wordcache.h"
#include <stdio.h>
#include <stdlib.h>

static int calls;

/* facts that can be checked: roles = length * 1000 + sum of the bytes */
static void fake(void *user, const char *s, size_t n, word_facts *out)
{
    (void)user;
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (unsigned char)s[i];
    out->roles = (unsigned)n * 1000u + sum;
    out->head = (unsigned char)(n & 1);
    out->kind = 3;
    out->syllable = 0;
    calls++;
}

static unsigned want(const char *s)
{
    word_facts f;
    int keep = calls;
    fake(NULL, s, strlen(s), &f);
    calls = keep;
    return f.roles;
}

int main(void)
{
    word_cache *wc = word_cache_new(fake, NULL);
    CHECK(wc != NULL, "made");
    char w[64];
    int bad = 0;
    for (int k = 0; k < 3000; k++) { /* the words of a news corpus: a few thousand */
        snprintf(w, sizeof w, "từ%d", k);
        if (word_cache_get(wc, w, strlen(w))->roles != want(w))
            bad++;
    }
    int first = calls;
    for (int round = 0; round < 3; round++)
        for (int k = 0; k < 3000; k++) {
            snprintf(w, sizeof w, "từ%d", k);
            if (word_cache_get(wc, w, strlen(w))->roles != want(w))
                bad++;
        }
    CHECK(bad == 0, "every answer is the function's");
    CHECK(first == 3000, "each new word asked once");
    printf("  asked again: %d of 9,000\n", calls - first);
    CHECK(calls - first < 90, "3,000 words are held: almost no word is asked again (1%)");
    for (int k = 0; k < 200000; k++) { /* far more words than it holds: still right */
        snprintf(w, sizeof w, "x%dy", k);
        if (word_cache_get(wc, w, strlen(w))->roles != want(w))
            bad++;
    }
    CHECK(bad == 0, "right after many evictions");
    const char *lng = "một-từ-rất-dài-không-giữ-lại";
    int before = calls;
    CHECK(word_cache_get(wc, lng, strlen(lng))->roles == want(lng), "a long word is answered");
    CHECK(word_cache_get(wc, lng, strlen(lng))->roles == want(lng) && calls == before + 2, "and asked each time");
    /* words read inside a longer text (the tokenizer's): the bytes after a
     * word, which the compare may load, never make it match another */
    const char *text = "nghiêng nghiêngx ngành trường-trườngsa 0123456789abcdefghijklmnopqrstu";
    size_t tl = strlen(text);
    int inside = 1;
    for (size_t a = 0; a < tl; a++)
        for (size_t n = 1; n <= WORD_CACHE_KEY_MAX && a + n <= tl; n++) {
            char w[32];
            memcpy(w, text + a, n);
            w[n] = '\0';
            if (utf8_surely_valid(w, n) && word_cache_get_hashed(wc, text + a, n, word_hash(w, n), tl - a)->roles != want(w))
                inside = 0;
        }
    CHECK(inside, "a word read inside a longer text gets its own facts");
    word_cache_free(wc);
    word_cache_free(NULL);
    return check_done();
}
