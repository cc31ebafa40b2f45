/* test_korean — lexicon/korean.tsv: its syllables and surnames are found in
 * any case, other words are not, every reading is made of syllables of the
 * Vietnamese grammar, and a bad row is refused with its file:line. */
#include "check.h"
#include "check_lexicon.h"
#include "korean.h"
#include "syllable.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void lookups(const korean *k)
{
    static const char *const CASES[][2] = {
        {"Hyun", "hiên"}, {"HYUN", "hiên"}, {"Kyo", "ki ô"}, {"Park", "pác"}, {"sik", "xích"},
        {"Heung", "hưng"}, {"Hye", "hê"}, {"Joon", "giun"}, {"Tae", "tê"}, {"yong", "giong"},
        {"Shin", "sin"}, {"Seo", "xeo"}, {"Geun", "gun"}, {"Kwon", "quôn"}, {"Lee", "li"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
        CHECK_STR(korean_syllable(k, CASES[i][0], strlen(CASES[i][0])), CASES[i][1], CASES[i][0]);
    static const char *const NOT[] = {"Hyunx", "Smith", "Nguyen", "Big", "x", "Kim-Son", "Sơn"};
    for (size_t i = 0; i < sizeof NOT / sizeof *NOT; i++)
        CHECK(korean_syllable(k, NOT[i], strlen(NOT[i])) == NULL, NOT[i]);
    CHECK(korean_syllable(k, "", 0) == NULL, "the empty word");
    CHECK(korean_surname(k, "Kim", 3) && korean_surname(k, "PARK", 4) && korean_surname(k, "Choi", 4), "surnames");
    CHECK(!korean_surname(k, "Bin", 3) && !korean_surname(k, "Hye", 3), "not surnames");
}

/* every word of every reading of the table parses as a Vietnamese syllable */
static void readings_in_grammar(const lexicon *lx)
{
    CHECK(!syllable_parse(lx, "hiun", 4, NULL), "the check refuses a reading outside the grammar");
    FILE *f = fopen("lexicon/korean.tsv", "r");
    CHECK(f != NULL, "lexicon/korean.tsv opens");
    if (!f)
        return;
    char line[256];
    int rows = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        char *r = strchr(line, '\t');
        if (strncmp(line, "syllable\t", 9) || !r || !(r = strchr(r + 1, '\t')))
            continue;
        rows++;
        r[strcspn(r, "\n")] = 0;
        for (char *w = strtok(r + 1, " "); w; w = strtok(NULL, " "))
            if (!syllable_parse(lx, w, strlen(w), NULL) && bad++ < 5)
                printf("  outside the grammar: %s\n", w);
    }
    fclose(f);
    CHECK(rows > 1000, "the table has the syllables");
    CHECK(bad == 0, "every reading in the grammar");
}

static void bad_row(void)
{
    char dir[] = "/tmp/test_korean_XXXXXX", path[64], err[256] = "";
    CHECK(mkdtemp(dir) != NULL, "a temporary folder");
    snprintf(path, sizeof path, "%s/korean.tsv", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fputs("kind\tkey\treading\nsyllable\tkim\tkim\nsurname\tsmith\t\n", f);
    fclose(f);
    korean *k = korean_load(dir, err, sizeof err);
    CHECK(k == NULL, "a surname that is no syllable is refused");
    CHECK(strstr(err, "korean.tsv:3:") != NULL, err);
    korean_free(k);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    lexicon *lx = check_lexicon();
    if (lx) {
        lookups(lexicon_korean(lx));
        readings_in_grammar(lx);
    }
    bad_row();
    lexicon_free(lx);
    return check_done();
}
