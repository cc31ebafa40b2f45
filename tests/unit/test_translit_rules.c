/* test_translit_rules — one or more words for each rule of lexicon/translit.tsv
 * or src/text/translit*.c added to read names as VTV/VOV readers do: each
 * word must be read exactly as written here (a word that the rule changes,
 * so the test fails without it), and every syllable must be one of the
 * grammar (src/text/syllable.c), so the Vietnamese voice never switches
 * language. translit_word is called directly, as for a name no lexicon
 * lists. */
#include "check.h"
#include "foreign.h"
#include "lexicon.h"
#include "syllable.h"
#include "synth.h"
#include "translit.h"
#include <string.h>

static const struct { const char *word, *reading, *rule; } WORDS[] = {
    /* closed a æ c -> ă (a k without a written r) */
    {"Kodak", "cô đắc", "a + k closes as ắc"},
    {"hacker", "hắc cơ", "a + k closes as ắc"},
    {"Sachs", "xắc", "a + k closes as ắc"},
    {"Mark", "mác", "an r written before k keeps ác"},
    {"Magnus", "mác nút", "a g keeps ác (a closed row keyed by the coda phoneme k)"},
    {"hashtag", "hát tác", "a g keeps ác"},
    /* ending land, lands: e */
    {"Scotland", "xờ cốt len", "-land is len (foreign.c joins xờ cốt: xcốt)"},
    {"Highlands", "hi len", "-lands is len"},
    /* rvowel ɔː o: ô before r and a vowel */
    {"Soros", "xô rốt", "ɔː written o before r and a vowel is ô"},
    {"Nishikori", "ni si cô ri", "ɔː written o before r and a vowel is ô"},
    {"Laura", "lo ra", "written au it stays o"},
    {"story", "xờ to ri", "a word of English ending keeps o"},
    /* final ɪ ʃ, ɛ ʃ: t; hint iə ir$: ia; hint ə ior: i o */
    {"Eilish", "ai lít", "-ish closes with t"},
    {"Babiš", "ba bít", "-iš closes with t"},
    {"Palantir", "pa lan tia", "-ir is one syllable ia"},
    {"Munir", "mu nia", "-ir is one syllable ia"},
    {"junior", "giu ni o", "-ior is i o"},
    /* voice ski$ ska$ owicz$ ewicz$: pl, before w's en */
    {"Kowalski", "cô van xờ ki", "Polish -ski: the Polish voice (w is v)"},
    {"Mickiewicz", "mi xờ kê vích", "Polish -ewicz: the Polish voice"},
    {"Lewandowski", "lê van đốp xờ ki", "closed ɔ is ô"},
    /* voice =romaji: eo, the word respelled in Esperanto's letters */
    {"Takeshima", "ta kê si ma", "Japanese romaji by its letters"},
    {"Koizumi", "cô i du mi", "Japanese romaji by its letters"},
    {"Hayashi", "ha gia si", "romaji y is an onset (ĵ), sh is s (ŝ)"},
    {"Yamaguchi", "gia ma gu chi", "romaji ch is ch (ĉ)"},
    {"Hokkaido", "hốc cai đô", "romaji ai is one syllable (aj)"},
    /* hint ʌ u: u|ă|u (the third part: closed and unstressed) */
    {"Samsung", "xam xung", "an unstressed closed ʌ written u is u"},
    {"Kabul", "ca bun", "an unstressed closed ʌ written u is u"},
    {"Culpo", "căn pô", "a stressed closed ʌ stays ă"},
    /* sayend nte nde rde rte: ê */
    {"Conte", "côn tê", "a last -nte is said"},
    {"Kounde", "cun đê", "a last -nde is said"},
    /* prefix mc: mắc, the rest alone */
    {"McRae", "mắc rây", "Mc is mắc"},
    {"McIlroy", "mắc in roi", "Mc is mắc"},
    {"Vietjet", "việt giét", "Viet- is việt"},
    /* voice ñ: es */
    {"Muñoz", "mu nhốt", "ñ: the Spanish voice"},
    {"Niña", "ni nha", "ñ: the Spanish voice"},
    /* final eɪ l: o, closed eɪ o: e; a glide the grammar refuses is dropped, not the syllable */
    {"nail", "neo", "-ail is eo"},
    {"mail", "meo", "-ail is eo"},
    {"Rafale", "ra phê", "êo refused: ê, the syllable kept"},
    /* zonset z: x, in a word written without z */
    {"Theresa", "tê rê xa", "a voiced written s is x"},
    {"Museveni", "mu xê vê ni", "a voiced written s is x"},
    {"Ibiza", "i bi da", "a written z stays d"},
    /* lonset ʃ ia, ʃ iu: x */
    {"Patricia", "pa tri xi a", "ʃ before a written ia is x"},
    {"Valencia", "va len xi a", "ʃ before a written ia is x"},
    {"lotion", "lô sần", "-tion keeps s"},
    /* hint ə ia$: i a */
    {"Georgia", "gioóc gi a", "a last -ia said ə is i a"},
    /* coda ŋ k: n (a coda row of two consonants) */
    {"Helsinki", "hen xin ki", "ŋ before k closes with n"},
    {"Lukashenko", "lu ca sen cô", "ŋ before k closes with n"},
    {"Congo", "công gô", "ŋ before ɡ keeps ng"},
    /* final a ŋ k: nh (a final row of two consonants) */
    {"Agribank", "a gờ ri banh", "-ank is anh"},
    {"Frank", "phờ ranh", "-ank is anh"},
    /* voice inho$: pt (before =romaji); onset ʁ, vowel ɑ, hint u o and ʊ o: ô */
    {"Ronaldinho", "rô nan đi nhô", "Portuguese -inho: the Portuguese voice"},
    {"Mourinho", "mu ri nhô", "Portuguese -inho before the romaji test"},
    /* rhyme "c ôm": om (an onset + rhyme row) */
    {"combo", "com bô", "c + ôm is com"},
    {"Kompany", "com pa ni", "c + ôm is com"},
    {"Thompson", "tôm xơn", "another onset keeps ôm"},
    /* voice =kh: eo, the word respelled in Esperanto's letters (kh ĥ) */
    {"Sakhalin", "xa kha lin", "kh before a vowel: Esperanto's ĥ"},
    {"Zakharova", "da kha rô va", "kh before a vowel: Esperanto's ĥ"},
    {"Khabib", "kha bíp", "kh before a vowel: Esperanto's ĥ"},
    /* a first eu said ju: ơ, no onset (translit_plan.c) */
    {"Euro", "ơ rô", "a first eu is ơ"},
    {"Europa", "ơ rô pa", "a first eu is ơ"},
    {"Heungmin", "hiu min", "an eu after a consonant is not"},
};

/* translit_vietnamized: a press spelling is cut (NULL: not one, -1) */
static const struct { const char *word, *reading; } VIET[] = {
    {"Áchentina", "ác hen ti na"}, {"Béclin", "béc lin"}, {"Philíppin", "phi líp pin"},
    {"Ôxtrâylia", "ô xtrây li a"}, {"Côlômbia", "cô lôm bi a"},
    /* a Romance accent on an open syllable is a stress mark, not a tone */
    {"Bogotá", NULL}, {"Pelé", NULL}, {"Romário", NULL}, {"Militão", NULL},
};

/* foreign_read: the press's clusters joined (xờ bua -> xbua, xờ đam -> xđam) */
static void test_press_clusters(const translit *t)
{
    static const struct { const char *word, *reading; } P[] = {
        {"Salzburg", "xan xbua"}, {"Potsdam", "pốt xđam"}, {"Svalbard", "xvan bát"}, {"Scotland", "xcốt len"},
        {"Lavrov", "la vrốp"}, {"Leicester", "lét xtơ"}, {"Kostas", "cô xtát"}, {"Mastercard", "mát xtơ cát"}, {"Pakistan", "pa ki xtan"},
        {"Alaska", "a lát xca"}, {"Berlusconi", "béc lu xcô ni"}};
    foreign_cache fc = {0};
    strbuf out = {0};
    for (size_t i = 0; i < sizeof P / sizeof P[0]; i++) {
        strbuf_clear(&out);
        int rc = foreign_read(&fc, t, P[i].word, strlen(P[i].word), &out);
        CHECK_STR(rc ? "(none)" : strbuf_str(&out), P[i].reading, P[i].word);
    }
    strbuf_free(&out);
    foreign_cache_free(&fc);
}

/* the romaji cue: Japanese names of three morae or more, not English words */
static void test_romaji(const translit *t)
{
    static const struct { const char *word, *voice; } V[] = {
        {"Takeshima", "eo"}, {"Nishikori", "eo"}, {"Mitsubishi", "eo"}, {"Kane", "en"}, {"Maine", "en"},
        {"Antoine", "en"}, {"Pelosi", "en"}, {"Tennessee", "en"}, {"Jamie", "en"}, {"Rihanna", "en"}, {"Mourinho", "pt"},
        {"Sakhalin", "eo"}, {"Lockheed", "en"}, {"Beckham", "en"}, {"Kazakhstan", "en"}};
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++)
        CHECK_STR(translit_voice(t, V[i].word, strlen(V[i].word)), V[i].voice, V[i].word);
}

static void test_vietnamized(const translit *t)
{
    strbuf out = {0};
    for (size_t i = 0; i < sizeof VIET / sizeof VIET[0]; i++) {
        strbuf_clear(&out);
        int rc = translit_vietnamized(t, VIET[i].word, strlen(VIET[i].word), &out);
        if (VIET[i].reading)
            CHECK_STR(rc ? "(none)" : strbuf_str(&out), VIET[i].reading, VIET[i].word);
        else
            CHECK_STR(rc ? "(none)" : strbuf_str(&out), "(none)", VIET[i].word);
    }
    strbuf_free(&out);
}

int main(void)
{
    char err[512];
    lexicon *lx = lexicon_load("lexicon", NULL, err, sizeof err);
    CHECK(lx != NULL, err);
    translit *t = lx ? translit_load(lx, NULL, err, sizeof err) : NULL;
    CHECK(t != NULL, err);
    strbuf out = {0};
    for (size_t i = 0; t && i < sizeof WORDS / sizeof WORDS[0]; i++) {
        strbuf_clear(&out);
        int rc = translit_word(t, WORDS[i].word, strlen(WORDS[i].word), &out);
        char what[160];
        snprintf(what, sizeof what, "%s (%s)", WORDS[i].word, WORDS[i].rule);
        CHECK_STR(rc ? "(none)" : strbuf_str(&out), WORDS[i].reading, what);
        CHECK(!rc && syllable_is_word(lx, out.s, out.len), "Vietnamese syllables only");
    }
    strbuf_free(&out);
    if (t) {
        test_vietnamized(t);
        test_romaji(t);
        test_press_clusters(t);
    }
    translit_free(t);
    lexicon_free(lx);
    synth_close();
    return check_done();
}
