/* test_numbers — number verbalizers, with the words of lexicon/number-words.tsv,
 * against a table of cases (Northern and Southern). */
#include "check.h"
#include "lexicon.h"
#include "numbers.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const struct { const char *in, *north, *south; } CASES[] = {
    {"0", "không", "không"},
    {"15", "mười lăm", "mười lăm"},
    {"21", "hai mươi mốt", "hai mươi mốt"},
    {"24", "hai mươi tư", "hai mươi tư"},
    {"25", "hai mươi lăm", "hai mươi lăm"},
    {"14", "mười bốn", "mười bốn"},
    {"105", "một trăm linh năm", "một trăm lẻ năm"},
    {"110", "một trăm mười", "một trăm mười"},
    {"2021", "hai nghìn không trăm hai mươi mốt", "hai ngàn không trăm hai mươi mốt"},
    {"1500000", "một triệu năm trăm nghìn", "một triệu năm trăm ngàn"},
    {"1000000000000", "một nghìn tỷ", "một ngàn tỷ"},
    {"1000000000000000000", "một tỷ tỷ", "một tỷ tỷ"},
    {"1000001", "một triệu linh một", "một triệu lẻ một"},
    {"1001001101", "một tỷ một triệu một nghìn một trăm linh một", "một tỷ một triệu một ngàn một trăm lẻ một"},
    {"007", "bảy", "bảy"},
    {"13232", "mười ba nghìn hai trăm ba mươi hai", "mười ba ngàn hai trăm ba mươi hai"},
    {"96781", "chín mươi sáu nghìn bảy trăm tám mươi mốt", "chín mươi sáu ngàn bảy trăm tám mươi mốt"},
};

static int same(const char *a, const char *b) { return a && b && !strcmp(a, b); }

/* the cases read through lexicon/number-words.tsv's words, in each dialect:
 * a wrong word in the table fails a case */
static void test_lexicon_words(const lexicon *lx)
{
    for (int d = 0; d < 2; d++) {
        const num_words *a = lexicon_number_words(lx, (num_dialect)d);
        for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
            strbuf o = {0};
            num_cardinal_w(a, CASES[i].in, strlen(CASES[i].in), &o);
            CHECK_STR(strbuf_str(&o), d ? CASES[i].south : CASES[i].north, CASES[i].in);
            strbuf_free(&o);
        }
    }
    CHECK(same(lexicon_number_words(lx, DIALECT_SOUTH)->odd, "lẻ"), "south odd is lẻ");
    CHECK(same(lexicon_say(lx, SAY_COMMA, DIALECT_NORTH), "phẩy"), "say comma");
    CHECK(same(lexicon_say(lx, SAY_PERCENT, DIALECT_SOUTH), "phần trăm"), "say percent (south as north)");
    CHECK(same(lexicon_say(lx, SAY_AT, DIALECT_NORTH), "a còng"), "say at");
}

/* the other readers, through the table's Northern words */
static void test_readers(const num_words *w)
{
    strbuf b = {0};
    num_fraction_digits_w(w, "05", 2, &b);
    CHECK_STR(strbuf_str(&b), "không năm", "0,05 after the comma");
    strbuf_clear(&b);
    num_fraction_digits_w(w, "93", 2, &b);
    CHECK_STR(strbuf_str(&b), "chín mươi ba", "6,93 after the comma");
    strbuf_clear(&b);
    num_month_w(w, 4, &b);
    CHECK_STR(strbuf_str(&b), "tư", "month 4");
    strbuf_clear(&b);
    num_ordinal_w(w, "1", 1, &b);
    CHECK_STR(strbuf_str(&b), "nhất", "ordinal 1");
    strbuf_clear(&b);
    num_ordinal_w(w, "4", 1, &b);
    CHECK_STR(strbuf_str(&b), "tư", "ordinal 4");
    strbuf_clear(&b);
    num_digits_w(w, "0912", 4, &b);
    CHECK_STR(strbuf_str(&b), "không chín một hai", "digits");
    strbuf_clear(&b);
    num_cardinal_grouped_w(w, "1071393", 7, &b);
    CHECK_STR(strbuf_str(&b), "một triệu không trăm bảy mươi mốt nghìn ba trăm chín mươi ba", "1.071.393");
    strbuf_clear(&b);
    num_cardinal_u_w(w, 2021, &b);
    CHECK_STR(strbuf_str(&b), "hai nghìn không trăm hai mươi mốt", "2021 as a value");
    strbuf_clear(&b);
    CHECK(num_cardinal_w(w, "12a", 3, &b) == -1, "not digits is an error");
    strbuf_free(&b);
}

/* a number-words.tsv with an unknown key fails to load, naming file and line */
static void test_bad_table(void)
{
    char dir[] = "/tmp/test_numbers_XXXXXX", path[256], err[512] = "";
    if (!mkdtemp(dir)) {
        CHECK(0, "mkdtemp");
        return;
    }
    static const char *const files[] = {"abbreviations.tsv", "letters.tsv", "loanwords.tsv", "exonyms.tsv",
        "units.tsv", "context.tsv", "rhymes.tsv", "abbreviation-parts.tsv", "symbols.tsv", "page-labels.tsv",
        "say-words.tsv", "number-words.tsv"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "cp lexicon/%s %s/", files[i], dir);
        CHECK(system(cmd) == 0, cmd);
    }
    snprintf(path, sizeof path, "%s/number-words.tsv", dir);
    FILE *f = fopen(path, "a");
    if (f) {
        fputs("digit10\tmười\t\n", f);
        fclose(f);
    }
    lexicon *lx = lexicon_load(dir, NULL, err, sizeof err);
    CHECK(!lx && strstr(err, "number-words.tsv:") && strstr(err, "unknown key 'digit10'"), err);
    lexicon_free(lx);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    rmdir(dir);
}

int main(void)
{
    char err[512];
    lexicon *lx = lexicon_load("lexicon", NULL, err, sizeof err);
    CHECK(lx != NULL, err);
    if (lx) {
        test_lexicon_words(lx);
        test_readers(lexicon_number_words(lx, DIALECT_NORTH));
    }
    lexicon_free(lx);
    test_bad_table();
    CHECK(num_roman_value("XIII", 4) == 13, "XIII");
    CHECK(num_roman_value("xxi", 3) == 21, "xxi");
    CHECK(num_roman_value("MCMXCIX", 7) == 1999, "MCMXCIX");
    CHECK(num_roman_value("IIII", 4) == 0, "IIII is not well formed");
    CHECK(num_roman_value("VX", 2) == 0, "VX is not well formed");
    CHECK(num_roman_value("MIX", 3) == 1009, "MIX is 1009");
    return check_done();
}
