/* test_syllable — the Vietnamese syllable grammar accepts every syllable of
 * ../shared/data/vi-syllables.tsv and rejects acronyms and foreign words. */
#include "check.h"
#include "check_lexicon.h"
#include "lexicon.h"
#include "syllable.h"
#include <stdlib.h>

int main(int argc, char **argv)
{
    lexicon *lx = check_lexicon();
    if (!lx)
        return check_done();
    const char *table = argc > 1 ? argv[1] : "../shared/data/vi-syllables.tsv";
    FILE *f = fopen(table, "r");
    CHECK(f != NULL, table);
    char line[256];
    int rejected = 0, total = 0;
    while (f && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\t\n");
        if (!strncmp(line, "syllable", 8))
            continue;
        total++;
        if (!syllable_parse(lx, line, n, NULL)) {
            if (rejected++ < 10)
                printf("rejected: %.*s\n", (int)n, line);
        }
    }
    if (f)
        fclose(f);
    CHECK(total > 8000 && rejected == 0, "every syllable of the table is accepted");
    static const char *const WORDS[] = {"ĐÔNG", "THỦY", "Quảng", "nghiêng", "khuya", "giữ", "gì", "quốc", "thuở"};
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++)
        CHECK(syllable_parse(lx, WORDS[i], strlen(WORDS[i]), NULL), WORDS[i]);
    static const char *const NOT[] = {"VNPT", "UBND", "KTXH", "SLLĐT", "ring", "ka", "ghà", "cép", "tàc", "ngé", "Covid", "xyz", "áá",
                                      "niñ", "NIÑ" /* a tilde on a consonant is no tone */};
    for (size_t i = 0; i < sizeof NOT / sizeof NOT[0]; i++)
        CHECK(!syllable_parse(lx, NOT[i], strlen(NOT[i]), NULL), NOT[i]);
    CHECK(syllable_is_word(lx, "HÀ NỘI", strlen("HÀ NỘI")), "HÀ NỘI");
    vi_syllable s;
    CHECK(syllable_parse(lx, "quốc", strlen("quốc"), &s) && !strcmp(s.onset, "qu") && !strcmp(s.rhyme, "ôc") && s.tone == TONE_SAC, "quốc = qu + ôc + sắc");
    lexicon_free(lx);
    return check_done();
}
