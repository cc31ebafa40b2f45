/* test_wordcache — the word facts table gives what the function gives, asks
 * it once for a word it still holds, and holds thousands of words. */
#include "check.h"
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
    word_cache_free(wc);
    word_cache_free(NULL);
    return check_done();
}
