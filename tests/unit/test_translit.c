/* test_translit — foreign words in Vietnamese syllables (src/text/translit.c) and
 * the safety of the eSpeak-NG lookups behind them (synth_foreign_phonemes).
 * (a) Words and names that are not in lexicon/loanwords.tsv, each with the
 *     reading a Vietnamese news reader says, written down before the code
 *     ran: every syllable must be one of the grammar; at least 60 % must be
 *     read exactly (the rate and the misses are printed).
 * (b) Lookups from two threads at once give the same phonemes as alone, and
 *     a lookup between two syntheses leaves the Vietnamese voice as it was:
 *     the same samples before and after. */
#include "check.h"
#include "lexicon.h"
#include "syllable.h"
#include "synth.h"
#include "translit.h"
#include "voice.h"
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct { const char *word, *reading; } WORDS[] = {
    {"streaming", "xờ tri minh"},
    {"maker", "mây cơ"},
    {"paper", "pây pơ"},
    {"lady", "lây đi"},
    {"station", "xờ tây sần"},
    {"smart", "xờ mát"},
    {"football", "phút bôn"},
    {"call", "côn"},
    {"team", "tim"},
    {"series", "xê ri"},
    {"black", "bờ lách"},
    {"friday", "phờ rai đây"},
    {"weekend", "uých ken"},
    {"design", "đi dai"},
    {"designer", "đi dai nơ"},
    {"summit", "xam mít"},
    {"leader", "li đơ"},
    {"manager", "ma na giơ"},
    {"live", "lai"},
    {"talk", "tóc"},
    {"flash", "phờ lát"},
    {"cookie", "cúc ki"},
    {"click", "cờ lích"},
    {"link", "linh"},
    {"post", "pốt"},
    {"stop", "xờ tốp"},
    {"sticker", "xờ tích cơ"},
    {"band", "ban"},
    {"rock", "rốc"},
    {"rap", "ráp"},
    {"rapper", "ráp pơ"},
    {"hiphop", "híp hốp"},
    {"remix", "ri mích"},
    {"check", "chếch"},
    {"kick", "kích"},
    {"skill", "xờ kin"},
    {"badminton", "bát min tơn"},
    {"snooker", "xờ nu cơ"},
    {"club", "cờ lắp"},
    {"sport", "xờ pót"},
    {"mouse", "mao"},
    {"keyboard", "ki bót"},
    {"printer", "pờ rin tơ"},
    {"scanner", "xờ can nơ"},
    {"monitor", "mo ni tơ"},
    {"headphone", "hét phôn"},
    {"speaker", "xờ pi cơ"},
    {"gaming", "ghêm minh"},
    {"update", "ắp đết"},
    {"upload", "ắp lốt"},
    {"download", "đao lốt"},
    {"login", "lóc in"},
    {"account", "ơ cao"},
    {"feedback", "phít bách"},
    {"deadline", "đét lai"},
    {"teamwork", "tim uốc"},
    {"workshop", "uốc sốp"},
    {"training", "trây ninh"},
    {"talent", "ta lần"},
    {"voice", "voi"},
    {"buffet", "búp phê"},
    {"sandwich", "xăng uých"},
    {"halloween", "ha lô uyn"},
    {"outfit", "ao phít"},
    {"skincare", "xờ kin ke"},
    {"spray", "xờ pờ rây"},
    {"serum", "xê rum"},
    {"lotion", "lô sần"},
    {"cream", "cờ rim"},
    {"shampoo", "sam pu"},
    {"drama", "đờ ra ma"},
    {"runway", "ran uây"},
    {"blazer", "bờ lây dơ"},
    {"jeans", "gin"},
    {"sneaker", "xờ ni cơ"},
    {"boots", "bốt"},
    {"hoodie", "hu đi"},
    {"missile", "mít xai"},
    {"cyber", "xai bơ"},
    {"brexit", "bờ rếch xít"},
    {"lockdown", "lốc đao"},
    {"proptech", "pờ róp tếch"},
    {"token", "tô ken"},
    {"ethereum", "ê thê ri um"},
    {"dogecoin", "đốc coi"},
    {"trader", "trây đơ"},
    {"broker", "bờ rô cơ"},
    {"margin", "ma gin"},
    {"plaza", "pờ la da"},
    {"tower", "tao ơ"},
    {"center", "xen tơ"},
    {"park", "pác"},
    {"city", "xi ti"},
    {"villa", "vi la"},
    {"penthouse", "pen hao"},
    {"condotel", "con đô ten"},
    {"shophouse", "sốp hao"},
    {"building", "bin đinh"},
    {"mall", "mon"},
    {"mart", "mát"},
    {"premium", "pờ ri mi um"},
    {"edition", "i đi sần"},
    {"version", "vơ sần"},
    {"ultra", "un tra"},
    {"kennedy", "ken nơ đi"},
    {"clinton", "cờ lin tơn"},
    {"jackson", "giắc xơn"},
    {"hamilton", "ha min tơn"},
    {"lincoln", "lin côn"},
    {"harris", "ha rít"},
    {"pelosi", "pê lô xi"},
    {"pompeo", "pom pê ô"},
    {"kissinger", "kít xinh giơ"},
    {"sanders", "xan đơ"},
    {"bush", "bu sơ"},
    {"nixon", "ních xơn"},
    {"carter", "các tơ"},
    {"rihanna", "ri a na"},
    {"madonna", "ma đôn na"},
    {"michael", "mai cồn"},
    {"newton", "niu tơn"},
    {"darwin", "đác uyn"},
    {"edison", "ê đi xơn"},
    {"picasso", "pi cát xô"},
    {"napoleon", "na pô lê ông"},
    {"hitler", "hít le"},
    {"stalin", "xờ ta lin"},
    {"lenin", "lê nin"},
    {"gorbachev", "goóc ba chốp"},
    {"lavrov", "la vờ rốp"},
    {"shoigu", "sôi gu"},
    {"medvedev", "mét vê đép"},
    {"navalny", "na van ni"},
    {"erdogan", "éc đô gan"},
    {"netanyahu", "nê tan gia hu"},
    {"kuleba", "cu lê ba"},
    {"stoltenberg", "xờ tôn ten béc"},
    {"sarkozy", "xác cô di"},
    {"boris", "bo rít"},
    {"truss", "tờ rớt"},
    {"starmer", "xờ ta mơ"},
    {"charles", "sác lơ"},
    {"elizabeth", "ê li da bét"},
    {"diana", "đi a na"},
    {"william", "uy li am"},
    {"harry", "ha ri"},
    {"trudeau", "tru đô"},
    {"morrison", "mo ri xơn"},
    {"kishida", "ki si đa"},
    {"jokowi", "giô cô uy"},
    {"widodo", "vi đô đô"},
    {"prabowo", "pờ ra bô vô"},
    {"marcos", "mác cốt"},
    {"duterte", "đu téc tê"},
    {"anwar", "an oa"},
    {"ibrahim", "i bờ ra him"},
    {"mahathir", "ma ha thia"},
    {"gandhi", "gan đi"},
    {"sharif", "sa ríp"},
    {"ramaphosa", "ra ma pho xa"},
    {"bolsonaro", "bôn xô na rô"},
    {"milei", "mi lây"},
    {"maduro", "ma đu rô"},
    {"chavez", "sa vét"},
    {"guterres", "gu tê rét"},
    {"tedros", "tê đờ rốt"},
    {"infantino", "in phan ti nô"},
    {"pogba", "pốc ba"},
    {"benzema", "ben dê ma"},
    {"lewandowski", "lê van đốp xờ ki"},
    {"salah", "xa la"},
    {"kane", "ken"},
    {"rooney", "ru ni"},
    {"modric", "mô đờ rích"},
    {"neuer", "noi ơ"},
    {"maradona", "ma ra đô na"},
    {"ferguson", "phơ gu xơn"},
    {"wenger", "ven gơ"},
    {"nadal", "na đan"},
    {"federer", "phê đơ rơ"},
    {"djokovic", "giô cô vích"},
    {"alcaraz", "an ca rát"},
    {"serena", "xê rê na"},
    {"bolt", "bôn"},
    {"seattle", "xi át tồn"},
    {"miami", "mai a mi"},
    {"detroit", "đi troi"},
    {"atlanta", "át lan ta"},
    {"dallas", "đa lát"},
    {"denver", "đen vơ"},
    {"liverpool", "li vơ pun"},
    {"chelsea", "chen xi"},
    {"arsenal", "ác xen nan"},
    {"tottenham", "tốt ten ham"},
    {"brighton", "bờ rai tơn"},
    {"sevilla", "xê vi gia"},
    {"valencia", "va len xi a"},
    {"juventus", "giu ven tút"},
    {"bayern", "bai ơn"},
    {"dortmund", "đốt mun"},
    {"hamburg", "ham buốc"},
    {"zurich", "du rích"},
    {"stockholm", "xờ tốc khôm"},
    {"helsinki", "hen xin ki"},
    {"copenhagen", "cô pen ha ghen"},
    {"kharkiv", "khác kíp"},
    {"odessa", "ô đét xa"},
    {"mariupol", "ma ri u pôn"},
    {"bakhmut", "bắc mút"},
    {"qatar", "ca ta"},
    {"kuwait", "cô oét"},
    {"baghdad", "bát đa"},
    {"damascus", "đa mát"},
    {"beirut", "bê rút"},
    {"cairo", "cai rô"},
    {"nairobi", "nai rô bi"},
    {"lagos", "la gốt"},
    {"kolkata", "côn ca ta"},
    {"karachi", "ca ra chi"},
    {"kathmandu", "cát man đu"},
    {"colombo", "cô lôm bô"},
    {"penang", "pê nang"},
    {"sabah", "xa ba"},
    {"brunei", "bờ ru nây"},
    {"cebu", "xê bu"},
    {"mindanao", "min đa nao"},
    {"alaska", "a lát ca"},
    {"hollywood", "hô li út"},
    {"silicon", "xi li côn"},
    {"kenya", "kê ni a"},
    {"nigeria", "ni giê ri a"},
    {"ghana", "ga na"},
    {"senegal", "xê nê gan"},
    {"congo", "công gô"},
    {"angola", "ăng gô la"},
    {"peru", "pê ru"},
    {"bolivia", "bô li vi a"},
    {"colombia", "cô lôm bi a"},
    {"venezuela", "vê nê xu ê la"},
    {"ecuador", "ê cu a đo"},
    {"argentina", "ác hen ti na"},
    {"brazil", "bờ ra xin"},
    {"mexico", "mê hi cô"},
};

static void test_words(const translit *t, const lexicon *lx)
{
    size_t n = sizeof WORDS / sizeof WORDS[0], exact = 0, valid = 0;
    strbuf out = {0};
    for (size_t i = 0; i < n; i++) {
        strbuf_clear(&out);
        int rc = translit_word(t, WORDS[i].word, strlen(WORDS[i].word), &out);
        const char *got = rc ? "(none)" : strbuf_str(&out);
        if (!rc && syllable_is_word(lx, out.s, out.len))
            valid++;
        else
            printf("not Vietnamese syllables: %s -> %s\n", WORDS[i].word, got);
        if (!rc && !strcmp(got, WORDS[i].reading))
            exact++;
        else
            printf("miss: %-12s want %-20s got %s\n", WORDS[i].word, WORDS[i].reading, got);
    }
    strbuf_free(&out);
    printf("%zu words, %zu read exactly (%.1f%%), %zu all valid syllables\n", n, exact, 100.0 * exact / n, valid);
    CHECK(n >= 150, "at least 150 words");
    CHECK(valid == n, "every word gives valid Vietnamese syllables");
    CHECK(exact * 100 >= n * 60, "at least 60% read exactly");
}

static void test_api(const translit *t)
{
    strbuf out = {0};
    strbuf_puts(&out, "trước");
    CHECK(translit_word(t, "", 0, &out) == -1 && !strcmp(out.s, "trước"), "an empty word: -1, out unchanged");
    CHECK(translit_word(t, "Zuckerberg", 10, &out) == 0 && !strncmp(out.s, "trước ", 9), "appended after a space");
    strbuf_free(&out);
    CHECK(!strcmp(translit_voice(t, "Zuckerberg", 10), "en"), "English by default");
    /* the letter X apart in a word is said by its name */
    static const struct { const char *word, *reading; } X[] = {
        {"Xtreme", "ích xờ trim"}, {"StoneX", "xờ tôn ích"}, {"Xenon", NULL}, {"Alex", NULL}};
    for (size_t i = 0; i < sizeof X / sizeof X[0]; i++) {
        strbuf_clear(&out);
        int rc = translit_word(t, X[i].word, strlen(X[i].word), &out);
        int ok = X[i].reading ? rc == 0 && !strcmp(out.s, X[i].reading) : rc != 0 || !strstr(out.s, "ích");
        printf("  %-8s %s\n", X[i].word, rc ? "(none)" : out.s);
        CHECK(ok, "the letter X: ích at the start before a consonant and as a last capital, else not");
    }
    strbuf_free(&out);
}

static const char *const LOOKUPS[] = {"Zuckerberg", "streaming", "Netflix", "football", "Liverpool", "Kennedy"};
enum { NLOOKUPS = sizeof LOOKUPS / sizeof LOOKUPS[0], ROUNDS = 150 };
static char *g_ref[NLOOKUPS];

static void *lookup_thread(void *arg)
{
    long bad = 0;
    strbuf b = {0};
    for (int r = 0; r < ROUNDS; r++) {
        int i = (r + (int)(long)arg) % NLOOKUPS;
        strbuf_clear(&b);
        if (synth_foreign_phonemes(LOOKUPS[i], strlen(LOOKUPS[i]), NULL, &b) || strcmp(b.s, g_ref[i]))
            bad++;
    }
    strbuf_free(&b);
    return (void *)bad;
}

static int collect(void *user, const short *pcm, size_t frames)
{
    strbuf *b = user;
    return strbuf_append(b, (const char *)pcm, frames * sizeof *pcm);
}

static const char VI[] = "Ngày hai mươi ba tháng tư, ủy ban nhân dân tỉnh họp.";

/* The samples of VI, as a hash (eSpeak-NG's output drifts a little from one
 * call to the next, the same way in every process: compare call i with call i). */
static voice_profile g_voice; /* the voice open_voice opened */

static unsigned long speech_hash(void)
{
    strbuf b = {0};
    unsigned long h = 1469598103934665603UL;
    if (synth_speak(&g_voice, VI, strlen(VI), collect, &b) || b.len == 0)
        h = 0;
    for (size_t i = 0; h && i < b.len; i++)
        h = (h ^ (unsigned char)b.s[i]) * 1099511628211UL;
    strbuf_free(&b);
    return h;
}

static int open_voice(void)
{
    voice_profile v;
    char err[256];
    int rc;
    voice_defaults(&v);
    if (voice_load("voices/north.voice", &v, err, sizeof err))
        return -1;
    v.rate = 210; /* not eSpeak-NG's defaults: a lookup must not lose them */
    v.pitch = 35;
    rc = synth_open(&v, err, sizeof err);
    g_voice = v;
    return rc;
}

enum { NSPEAK = 6 };

/* The hashes of NSPEAK syntheses in a child process that makes no lookup. */
static int reference(unsigned long *ref)
{
    int fd[2];
    if (pipe(fd))
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        for (int i = 0; i < NSPEAK; i++)
            ref[i] = open_voice() ? 0 : speech_hash();
        _exit(write(fd[1], ref, NSPEAK * sizeof *ref) == (ssize_t)(NSPEAK * sizeof *ref) ? 0 : 1);
    }
    close(fd[1]);
    size_t got = 0;
    while (pid > 0 && got < NSPEAK * sizeof *ref) {
        ssize_t k = read(fd[0], (char *)ref + got, NSPEAK * sizeof *ref - got);
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd[0]);
    int status = 1;
    if (pid > 0)
        waitpid(pid, &status, 0);
    return got == NSPEAK * sizeof *ref && status == 0 ? 0 : -1;
}

static void *lookups_while_speaking(void *arg)
{
    (void)arg;
    long bad = 0;
    strbuf b = {0};
    for (int r = 0; r < 40; r++) {
        strbuf_clear(&b);
        bad += synth_foreign_phonemes("Liverpool", 9, r % 2 ? "en" : "it", &b) != 0;
    }
    strbuf_free(&b);
    return (void *)bad;
}

/* Runs first, before anything starts eSpeak-NG (the child must start it afresh too). */
static void test_voice_kept(void)
{
    unsigned long ref[NSPEAK], got[NSPEAK];
    CHECK(reference(ref) == 0 && ref[0], "reference syntheses in a child process");
    strbuf ph = {0};
    /* a lookup before synth_open starts eSpeak-NG by itself */
    CHECK(synth_foreign_phonemes("Zuckerberg", 10, NULL, &ph) == 0 && ph.len > 0, "a lookup before synth_open");
    for (int i = 0; i < NSPEAK; i++)
        got[i] = 0;
    CHECK(open_voice() == 0, "synth_open");
    got[0] = speech_hash();
    CHECK(synth_foreign_phonemes("Zuckerberg", 10, NULL, &ph) == 0, "a lookup with the synthesizer open");
    got[1] = speech_hash();
    CHECK(synth_foreign_phonemes("Stockholm", 9, "sv", &ph) == 0, "a lookup in another voice");
    got[2] = speech_hash();
    pthread_t th;
    pthread_create(&th, NULL, lookups_while_speaking, NULL);
    got[3] = speech_hash();
    got[4] = speech_hash();
    void *bad;
    pthread_join(th, &bad);
    CHECK(bad == NULL, "lookups in a thread while another speaks");
    CHECK(synth_foreign_phonemes("Zuckerberg", 10, "no-such-voice", &ph) == -1, "an unknown voice: -1");
    got[5] = speech_hash();
    for (int i = 0; i < NSPEAK; i++) {
        char what[96];
        snprintf(what, sizeof what, "synthesis %d after lookups: the samples of a process without them", i);
        CHECK(got[i] && got[i] == ref[i], what);
    }
    strbuf_free(&ph);
    synth_close();
    strbuf_clear(&ph);
    CHECK(synth_foreign_phonemes("Zuckerberg", 10, NULL, &ph) == 0 && ph.len > 0, "a lookup after synth_close");
    strbuf_free(&ph);
}

static void test_threads(void)
{
    for (int i = 0; i < NLOOKUPS; i++) {
        strbuf b = {0};
        CHECK(synth_foreign_phonemes(LOOKUPS[i], strlen(LOOKUPS[i]), "en", &b) == 0 && b.len > 0, LOOKUPS[i]);
        g_ref[i] = b.s ? b.s : strdup("");
    }
    pthread_t th[2];
    long bad = 0;
    for (long k = 0; k < 2; k++)
        pthread_create(&th[k], NULL, lookup_thread, (void *)k);
    for (int k = 0; k < 2; k++) {
        void *r;
        pthread_join(th[k], &r);
        bad += (long)r;
    }
    CHECK(bad == 0, "two threads of lookups give the phonemes one thread gives");
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    char err[512];
    lexicon *lx = lexicon_load("lexicon", NULL, err, sizeof err);
    CHECK(lx != NULL, err);
    translit *t = lx ? translit_load(lx, NULL, err, sizeof err) : NULL;
    CHECK(t != NULL, err);
    if (!t) {
        lexicon_free(lx);
        return check_done();
    }
    test_voice_kept();
    test_words(t, lx);
    test_api(t);
    test_threads();
    for (int i = 0; i < NLOOKUPS; i++)
        free(g_ref[i]);
    translit_free(t);
    lexicon_free(lx);
    synth_close();
    return check_done();
}
