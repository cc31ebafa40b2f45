/* test_url_words — the words of a web address's runs (src/text/url_words.c):
 * real addresses (the hosts of the development set's sources and of the
 * Vietnamese press) cut into loanwords, English words, spelled abbreviations
 * and toneless Vietnamese; and what must stay whole: Vietnamese alone (the
 * tones stage's), syllables that look like abbreviations or English names
 * (doc đọc, ngo, trang, nguyen), words that are no cut at all.
 * Run from the project root (reads lexicon/). */
#include "check.h"
#include "check_lexicon.h"
#include "lexicon.h"
#include "tones.h"
#include "url_words.h"
#include <stdlib.h>

static const lexicon *LX;

/* the pieces of s one space apart, "" for no cut */
static void cut(const char *s, char *out, size_t len)
{
    size_t ends[3], at = 0, from = 0;
    int k = url_words_cut(LX, s, strlen(s), ends);
    out[0] = 0;
    for (int p = 0; p < k && at < len; p++) {
        at += (size_t)snprintf(out + at, len - at, "%s%.*s", p ? " " : "", (int)(ends[p] - from), s + from);
        from = ends[p];
    }
}

static const struct { const char *in, *want; } CUTS[] = {
    {"thuonggiaonline", "thuonggia online"}, {"fptplay", "fpt play"}, {"fptshop", "fpt shop"},
    {"vtcnews", "vtc news"}, {"ictnews", "ict news"}, {"tintuconline", "tintuc online"},
    {"phunuonline", "phunu online"}, {"tieudungplus", "tieudung plus"}, {"taichinhplus", "taichinh plus"},
    {"vietnammedia", "vietnam media"}, {"vietnamdaily", "vietnam daily"}, {"truyenhinhvov", "truyenhinh vov"},
    {"vovworld", "vov world"}, {"webthethao", "web thethao"}, {"suckhoetoday", "suckhoe today"},
};

/* no cut: Vietnamese as a whole or not sure, syllables first, no words */
static const char *const WHOLE[] = {
    "dichvucong", "trangnguyen", "khonggianmang", "docluat", "docnhanh", "ngoisao", "baomoi", "dantri",
    "nguyenhue", "thanhnien", "google", "lauguongbienhinh", "vneconomy", "fpt", "play", "FptPlay", "fpt1play",
};

int main(void)
{
    lexicon *lx = check_lexicon();
    if (!lx)
        return check_done();
    LX = lx;
    tones_use_dir("lexicon");
    char got[256];
    for (size_t i = 0; i < sizeof CUTS / sizeof *CUTS; i++) {
        cut(CUTS[i].in, got, sizeof got);
        CHECK_STR(got, CUTS[i].want, CUTS[i].in);
    }
    for (size_t i = 0; i < sizeof WHOLE / sizeof *WHOLE; i++) {
        cut(WHOLE[i], got, sizeof got);
        CHECK_STR(got, "", WHOLE[i]);
    }
    /* the fewest pieces: a loanword of two words' letters (vietnamplus) is one */
    size_t ends[3];
    CHECK(url_words_cut(LX, "thethaovietnamplus", 18, ends) == 2 && ends[0] == 7 && ends[1] == 18, "two pieces");
    cut("fptshoponline", got, sizeof got);
    CHECK_STR(got, "fpt shop online", "three pieces, not a foreign word of two");
    char longs[80];
    memset(longs, 'a', sizeof longs);
    CHECK(url_words_cut(LX, longs, sizeof longs, ends) == 0, "too long");
    lexicon_free(lx);
    return check_done();
}
