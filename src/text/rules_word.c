/* rules_word — the recognizers of words: the words whose class no context
 * changes (remembered in the word cache), lone symbols (€, ★), words in
 * capitals (spelled, composed, loanwords: VTV, WHO), loanwords and exonyms
 * (lexicon/loanwords.tsv, exonyms.tsv), Vietnamese syllables, URLs and
 * e-mail addresses, lone consonants (điểm b), and last, any other token:
 * mixed (vnEdu, COVID-19), foreign (Widodo) or a word.
 * Takes a rule_at (rules.h); appends spans. */
#include "compose.h"
#include "defined.h"
#include "foreign.h"
#include "rules.h"
#include "syllable.h"
#include "tones.h"
#include "utf8.h"
#include <string.h>
#include <strings.h>

static int looks_url(slice s)
{
    if (memchr(s.s, '@', s.n))
        return 1;
    if (s.n > 4 && (!strncmp(s.s, "http", 4) || !strncmp(s.s, "www.", 4)))
        return 1;
#define TLD_(d) {d, sizeof d - 1}
    static const struct { const char *s; size_t n; } TLD[] = {TLD_(".vn"),  TLD_(".com"), TLD_(".net"),  TLD_(".org"),
                                                              TLD_(".gov"), TLD_(".edu"), TLD_(".info"), TLD_(".io")};
#undef TLD_
    for (size_t k = 0; k < sizeof TLD / sizeof TLD[0]; k++) {
        size_t l = TLD[k].n; /* the dot compared first: most words have none there */
        if (s.n > l + 1 && s.s[s.n - l] == '.' && !strncasecmp(s.s + s.n - l, TLD[k].s, l)) /* VOV.VN too */
            return 1;
    }
    return 0;
}


/* gen, led, set, elo: a short lower-case word that is no Vietnamese syllable
 * is said in Vietnamese syllables too (eSpeak-NG would switch voice for it),
 * but for a time zone after a time (9:00 utc, 15h cst: the letters as written) */
static int short_foreign(slice s, const spanvec *out)
{
    if (s.n < 2 || s.n > 3 || !(s.s[0] >= 'a' && s.s[0] <= 'z'))
        return 0;
    int vowel = 0;
    for (size_t k = 0; k < s.n; k++) {
        if (!(s.s[k] >= 'a' && s.s[k] <= 'z'))
            return 0;
        vowel |= strchr("aeiouy", s.s[k]) != NULL;
    }
    if (!vowel)
        return 0;
    const span *last = out->n ? &out->v[out->n - 1] : NULL;
    return !(last && last->cls == CL_VALUE && last->val.kind == V_TIME);
}

/* 1 when s has no letter and no digit: symbols only (€, ★, →, 😀) */
static int symbols_only(slice s)
{
    for (size_t k = 0; k < s.n;) {
        int32_t cp;
        k += utf8_next(s.s + k, s.n - k, &cp);
        if (cp < 0 || (cp >= '0' && cp <= '9') || utf8_is_letter(cp))
            return 0;
    }
    return s.n > 0;
}

/* a lone symbol: its reading from symbols.tsv, or nothing (a decoration, an
 * emoji: eSpeak-NG would name it in English) */
static int push_symbol(const classify_ctx *c, slice s, spanvec *out)
{
    const char *r = lexicon_symbol(c->lx, s.s, s.n);
    span sp = rule_mk(r && strcmp(r, "-") ? CL_LOANWORD : CL_PUNCT, s);
    sp.reading = r;
    return rule_push(out, &sp);
}


static int consonants_only(slice s, const spanvec *out)
{
    if (s.n < 2 || s.n > 3)
        return 0;
    for (size_t k = 0; k < s.n; k++)
        if (!((s.s[k] >= 'a' && s.s[k] <= 'z') || (!k && s.s[k] >= 'A' && s.s[k] <= 'Z')) ||
            strchr("aeiouyAEIOUY", s.s[k]))
            return 0;
    const span *last = out->n ? &out->v[out->n - 1] : NULL;
    return !(last && last->cls == CL_VALUE && last->val.kind == V_TIME);
}

/* Rp, Wc: a capital and lower-case consonants that no table knows in any
 * case (a unit, Hz hẹc; a title, Dr; an abbreviation, Tv as TV; a loanword)
 * are letters too */
static int known_any_case(const lexicon *lx, slice s)
{
    char up[4], low[4];
    for (size_t k = 0; k < s.n; k++) {
        up[k] = (char)(s.s[k] & ~0x20);
        low[k] = (char)(s.s[k] | 0x20);
    }
    return lexicon_unit(lx, s.s, s.n) || lexicon_unit(lx, low, s.n) || lexicon_unit(lx, up, s.n) ||
           lexicon_abbr(lx, up, s.n) || lexicon_abbr(lx, low, s.n) || lexicon_roles(lx, s.s, s.n) ||
           lexicon_loanword(lx, s.s, s.n) || lexicon_exonym(lx, s.s, s.n);
}

/* a phrase of loanwords.tsv, two to four words one space apart (Anh trai
 * say hi: "say hi", xây hai), whose words alone would be read as Vietnamese
 * syllables; the longest wins. Before the word cache, which takes words one
 * by one. */
static int loan_phrase(rule_at *a)
{
    const token *t = a->t;
    size_t i = a->i, last = i;
    const char *found = NULL;
    slice text = t[i].core;
    size_t cut = 0; /* mạng xã hội X.: a letter keeps its period (an initial); the phrase is without it */
    for (size_t j = i + 1; j < a->n && j < i + 4; j++) {
        const token *p = &t[j - 1];
        if (p->post.n || t[j].pre.n || !t[j].core.n || t[j].core.s != p->core.s + p->core.n + 1 ||
            p->core.s[p->core.n] != ' ')
            break;
        size_t len = (size_t)(t[j].core.s + t[j].core.n - text.s);
        int initial = t[j].core.n == 2 && t[j].core.s[1] == '.';
        const char *r = lexicon_loanword(a->c->lx, text.s, len - (size_t)initial);
        if (r) {
            found = r;
            last = j;
            cut = (size_t)initial;
        }
    }
    if (!found)
        return 0;
    text.n = (size_t)(t[last].core.s + t[last].core.n - text.s) - cut;
    span sp = rule_mk(CL_LOANWORD, text);
    sp.reading = found;
    sp.rule = "loanword-phrase";
    a->i = last + 1;
    if (rule_push(a->out, &sp) || (cut && rule_push_simple(a->out, CL_PUNCT, (slice){text.s + text.n, 1})))
        return -1;
    return 1;
}

/* a capitalized foreign word (a loanword, an exonym, or no Vietnamese
 * syllable): Concert, Prudential, Google */
static int foreign_capital(const classify_ctx *c, const token *t)
{
    const word_facts *f = &c->facts[t - c->base];
    return t->core.n && t->core.s[0] >= 'A' && t->core.s[0] <= 'Z' && !t->digit &&
           (f->kind == CL_LOANWORD + 1 || f->kind == CL_EXONYM + 1 || !f->syllable);
}

/* An Concert by Prudential, Made by Google: a lower-case English word that
 * is also a Vietnamese syllable is the loanword between two capitalized
 * foreign words, nothing between them */
static const char *english_between(const rule_at *a)
{
    const classify_ctx *c = a->c;
    const token *t = a->t;
    size_t i = a->i;
    if (i < 1 || i + 1 >= a->n || t[i - 1].post.n || t[i].pre.n || t[i].post.n || t[i + 1].pre.n ||
        !(t[i].core.s[0] >= 'a' && t[i].core.s[0] <= 'z') || !foreign_capital(c, &t[i - 1]) ||
        !foreign_capital(c, &t[i + 1]))
        return NULL;
    return lexicon_loanword(c->lx, t[i].core.s, t[i].core.n);
}

/* an ASCII word of two letters or more in capitals, no abbreviation: a
 * neighbour in a title written in capitals (BORN PINK, LOVE SONG) */
static int caps_neighbour(const classify_ctx *c, const token *t)
{
    slice s = t->core;
    if (s.n < 2 || t->digit || lexicon_abbr(c->lx, s.s, s.n))
        return 0;
    for (size_t k = 0; k < s.n; k++)
        if (s.s[k] < 'A' || s.s[k] > 'Z')
            return 0;
    return 1;
}

/* Capitals that cut into syllables a Vietnamese reader says (INFOSAN in phô
 * xan, SAGRI xa gri, UNECEF): one or two vowels each (no Y), before them one
 * consonant or a cluster (GR, TR, PH), between two vowels at most a final
 * (N M P T C) and an onset, and at the end a vowel or a final (N M P T C K S
 * F, NG NH CH, but not ES: CITES); not USAID (a D last), UNESCO (SC), CPTPP. */
static int says_as_syllables(slice s)
{
    static const char CLUSTER[] = "BLBRCLCRDRFLFRGLGRKLKRPLPRTRPHTHCHKHNGNHSH";
    size_t k = 0, groups = 0;
    while (k < s.n) {
        size_t c = k;
        while (c < s.n && !strchr("AEIOU", s.s[c]))
            if (s.s[c++] == 'Y')
                return 0;
        size_t v = c;
        while (v < s.n && strchr("AEIOU", s.s[v]))
            v++;
        const char *run = s.s + k;
        size_t len = c - k, on = len; /* the onset of the next syllable: the run less a final */
        if (v == c) { /* the last run: a final; ES an English ending (CITES xai, not a syllable) */
            return groups >= 2 && !(len == 1 && run[0] == 'S' && k && s.s[k - 1] == 'E') && (len <= 1 ? !len || strchr("NMPTCKSF", run[0]) != NULL
                                            : len == 2 && (!memcmp(run, "NG", 2) || !memcmp(run, "NH", 2) ||
                                                           !memcmp(run, "CH", 2)));
        }
        if (k && len >= 2 && strchr("NMPTC", run[0]))
            on = len - 1;
        if (v - c > 2 || on > 2)
            return 0;
        if (on == 2) {
            const char *p = run + len - 2;
            size_t j = 0;
            while (CLUSTER[j] && !(CLUSTER[j] == p[0] && CLUSTER[j + 1] == p[1]))
                j += 2;
            if (!CLUSTER[j])
                return 0;
        }
        groups++;
        k = v;
    }
    return groups >= 2;
}

/* A word in capitals that no table knows and that is shaped as an English
 * word (foreign_caps_word) is said as one, not spelled: five letters or more
 * (SUMMER, DEADLINE), or three or four beside another word in capitals
 * (BORN PINK, HOW YOU LIKE THAT); but not in brackets, where capitals are an
 * acronym (OCHA), nor three or four letters alone (HUST, VAR). In brackets,
 * five letters or more that cut into syllables (says_as_syllables) and do
 * not abbreviate the words before them are said as a word too: Mạng lưới
 * (INFOSAN) "in phô xan", not (HĐXX) nor (USAID). */
static int caps_title_word(const rule_at *a)
{
    const token *t = a->t, *tk = &t[a->i];
    slice s = tk->core;
    if (!foreign_caps_word(s.s, s.n))
        return 0;
    if (tk->pre.n && strchr("([", tk->pre.s[tk->pre.n - 1]))
        return s.n >= 5 && says_as_syllables(s) && acronym_run(a->c->lx, t, a->i) == a->i;
    return s.n >= 5 || (a->i >= 1 && !t[a->i - 1].post.n && caps_neighbour(a->c, &t[a->i - 1])) ||
           (a->i + 1 < a->n && !tk->post.n && caps_neighbour(a->c, &t[a->i + 1]));
}

/* most words: their class does not depend on the words around them (the
 * facts are remembered), unless a unit may follow a scale word (200 triệu
 * đồng). The plain words after it, one space apart, join its span when the
 * caller merges words (not a scale word, whose neighbours the rules look at,
 * nor the first word of a loanword phrase). */
int rule_known_word(rule_at *a)
{
    const classify_ctx *c = a->c;
    const token *t = a->t, *tk = &t[a->i];
    const word_facts *f = &c->facts[tk - c->base];
    int rc = f->head & WORD_HEAD_LOAN ? loan_phrase(a) : 0; /* say hi: tried first, named apart */
    if (rc)
        return rc;
    /* its first test, inline: capitals on both sides (rare around a Vietnamese word) */
    const char *between = f->kind == CL_WORD + 1 && a->i >= 1 && a->i + 1 < a->n && t[a->i - 1].core.n &&
                                  t[a->i + 1].core.n && t[a->i - 1].core.s[0] >= 'A' && t[a->i - 1].core.s[0] <= 'Z' &&
                                  t[a->i + 1].core.s[0] >= 'A' && t[a->i + 1].core.s[0] <= 'Z'
                              ? english_between(a)
                              : NULL;
    if (between) {
        a->i++;
        if (rule_push_simple(a->out, CL_LOANWORD, tk->core))
            return -1;
        a->out->v[a->out->n - 1].reading = between;
        return 1;
    }
    if (!f->kind || (a->i >= 1 && rule_is_scale(c, &t[a->i - 1])) || (tk->pre.n && tk->pre.s[tk->pre.n - 1] == '#'))
        return 0; /* a hashtag may be glossed after it (rule_hashtag_gloss) */
    if (f->kind == CL_SPELL + 1 && caps_title_word(a)) { /* SUMMER: a word, not letters */
        a->i++;
        return rule_push_simple(a->out, CL_FOREIGN, tk->core) ? -1 : 1;
    }
    /* letters in brackets, or after a bracket defined some: rule_defined's */
    if (f->kind == CL_SPELL + 1 && c->defs && (c->defs->n || (tk->pre.n && tk->pre.s[tk->pre.n - 1] == '(')))
        return 0;
    slice text = tk->core;
    size_t i = a->i + 1;
    if (f->kind == CL_WORD + 1 && c->merge_words && !rule_is_scale(c, tk))
        while (i < a->n && !t[i - 1].post.n && !t[i].pre.n && t[i].core.s == text.s + text.n + 1 &&
               text.s[text.n] == ' ' && c->facts[t + i - c->base].kind == CL_WORD + 1 && !rule_is_scale(c, &t[i]) &&
               !(rule_name_syllable_maybe(&t[i]) && rule_name_syllable_at(c, t, a->n, i)) &&
               !(t[i].core.s[0] >= 'A' && t[i].core.s[0] <= 'Z' && rule_korean_name_at(c, t, a->n, i)) &&
               !(c->facts[t + i - c->base].head & WORD_HEAD_LOAN)) {
            text.n = (size_t)(t[i].core.s + t[i].core.n - text.s);
            i++;
        }
    a->i = i;
    spanvec *out = a->out;
    if (rule_push_simple(out, (tok_class)(f->kind - 1), text))
        return -1;
    if (f->kind == CL_LOANWORD + 1) /* the context-free classes with a reading */
        out->v[out->n - 1].reading = lexicon_loanword(c->lx, text.s, text.n);
    else if (f->kind == CL_EXONYM + 1)
        out->v[out->n - 1].reading = lexicon_exonym(c->lx, text.s, text.n);
    return 1;
}

/* & ≥ ± have readings as abbreviations: not these */
int rule_symbol(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (!symbols_only(s) || lexicon_abbr(a->c->lx, s.s, s.n))
        return 0;
    a->i++;
    return push_symbol(a->c, s, a->out) ? -1 : 1;
}

/* the loanword of a token, unless it is a lower-case Vietnamese syllable
 * (the, not The Voice); and its exonym when it has none */
static const char *loan_of(const rule_at *a, slice s, const char **exo)
{
    const classify_ctx *c = a->c;
    const char *loan = lexicon_loanword(c->lx, s.s, s.n);
    if (loan && s.s[0] >= 'a' && s.s[0] <= 'z' && rule_syllable_at(c, a->t, a->i, s))
        loan = NULL;
    *exo = loan || a->t[a->i].digit ? NULL : lexicon_exonym(c->lx, s.s, s.n);
    return loan;
}

static int push_read(rule_at *a, tok_class cls, slice s, const char *reading)
{
    span sp = rule_mk(cls, s);
    sp.reading = reading;
    a->i++;
    return rule_push(a->out, &sp) ? -1 : 1;
}

/* a word in capitals: the word (VẤN), a loanword, an exonym, a composed
 * abbreviation, an English word no table knows (SUMMER: foreign_caps_word),
 * or its letters spelled */
int rule_capitals(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (!utf8_all_upper(s.s, s.n) || rule_has_char(s, "0123456789-/&.@_+"))
        return 0;
    const char *exo, *loan = loan_of(a, s, &exo);
    int word = syllable_is_word(a->c->lx, s.s, s.n);
    tok_class cls = word   ? CL_UPPERWORD
                    : loan ? CL_LOANWORD
                    : exo  ? CL_EXONYM
                    : compose_abbr(a->c->lx, s.s, s.n, NULL) > 0 ? CL_COMPOSED
                    : caps_title_word(a) ? CL_FOREIGN /* SUMMER, BORN PINK: words */
                           : CL_SPELL;
    return push_read(a, cls, s, word ? NULL : loan ? loan : exo);
}


int rule_loan_exonym(rule_at *a)
{
    slice s = a->t[a->i].core;
    const char *exo, *loan = loan_of(a, s, &exo);
    if (!loan && !exo)
        return 0;
    return push_read(a, loan ? CL_LOANWORD : CL_EXONYM, s, loan ? loan : exo);
}

int rule_syllable(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (!rule_syllable_at(a->c, a->t, a->i, s))
        return 0;
    return push_read(a, CL_WORD, s, NULL);
}

int rule_url(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (!looks_url(s))
        return 0;
    return rule_push_parts(a, CL_URL, s);
}

/* các điểm b, c, d: a lone consonant letter is spelled (the vowels are
 * words), and so are two or three consonants in lower case (rp) or after a
 * capital that no table knows (Rp: known_any_case), but a time
 * zone after a time (15h cst) stays as written (x is a sign: 100cm x 50cm) */
int rule_consonants(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (!((s.n == 1 && strchr("bcdfghjklmnpqrstvwz", s.s[0])) || consonants_only(s, a->out)))
        return 0;
    if (s.s[0] <= 'Z' && known_any_case(a->c->lx, s))
        return 0;
    return push_read(a, CL_SPELL, s, NULL);
}

/* a case change inside: vnEdu, iOffice, VTVcab */
static int case_change(slice s)
{
    size_t k = 0;
    int seen_lower = 0, uppers = 0;
    while (k < s.n) {
        int32_t cp;
        k += utf8_next(s.s + k, s.n - k, &cp);
        if (utf8_is_lower(cp)) {
            seen_lower = 1;
            if (uppers >= 2)
                return 1;
        } else if (utf8_is_upper(cp)) {
            uppers++;
            if (seen_lower)
                return 1;
        }
    }
    return 0;
}

/* any other token: mixed letters, digits and signs (COVID-19, vnEdu), a
 * foreign-looking word (Widodo, gen), or a word */
int rule_fallback(rule_at *a)
{
    slice s = a->t[a->i].core;
    int mixed = a->t[a->i].digit || rule_has_char(s, "-/&.+") || case_change(s);
    if (mixed)
        return rule_push_parts(a, CL_MIXED, s);
    tok_class cls = foreign_looking(s.s, s.n) || short_foreign(s, a->out) ? CL_FOREIGN : CL_WORD;
    const token *t = &a->t[a->i];
    if (push_read(a, cls, s, NULL) < 0)
        return -1;
    /* #nguoiviet: a hashtag's lower-case letters may be toneless Vietnamese */
    a->out->v[a->out->n - 1].toneless = cls == CL_FOREIGN && t->pre.n && t->pre.s[t->pre.n - 1] == '#' &&
                                        tones_toneless_run(s.s, s.n);
    return 1;
}

/* Đ.T.K.C., H.V: a person's initials, capital letters each followed by a
 * dot, are spelled (not H. huyện, Đ. đồng, which the letter alone may be) */
int rule_initials(rule_at *a)
{
    slice s = a->t[a->i].core;
    if (s.n < 3 || s.s[1 + ((unsigned char)s.s[0] >= 0x80)] != '.') /* a first letter and its dot, cheaply */
        return 0;
    size_t k = 0, letters = 0;
    while (k < s.n) {
        int32_t cp;
        k += utf8_next(s.s + k, s.n - k, &cp);
        if (!utf8_is_upper(cp))
            return 0;
        letters++;
        if (k < s.n && s.s[k++] != '.')
            return 0;
    }
    return letters >= 2 ? push_read(a, CL_SPELL, s, NULL) : 0;
}

/* 5 ca t.ử vong, c.hết, h.iếp d.âm: a dot typed inside a syllable to get past
 * a filter. The piece before it consonants alone, the onset or its start (t,
 * ng, đ; c of chết), the piece after it lower case with a mark (ử, iếp, âm),
 * and the two joined a syllable: the syllable is read (not T.Ư, P.Thạch,
 * Q.1, v.v). */
RULE_BODY int censored_body(rule_at *a, slice s, size_t dot)
{
    slice after = {s.s + dot + 1, s.n - dot - 1};
    if (after.n < 2 || memchr(after.s, '.', after.n) || !((unsigned char)after.s[0] >= 0x80 ||
                                                         (after.s[0] >= 'a' && after.s[0] <= 'z')))
        return 0;
    int32_t f;
    utf8_next(after.s, after.n, &f);
    int marked = 0;
    for (size_t k = 0; k < after.n; k++)
        marked |= (unsigned char)after.s[k] >= 0x80;
    char joined[32], onset[8];
    if (!marked || !utf8_is_lower(f) || s.n - 1 >= sizeof joined ||
        utf8_lower_buf(s.s, dot, onset, sizeof onset) == (size_t)-1)
        return 0;
    memcpy(joined, s.s, dot);
    memcpy(joined + dot, after.s, after.n);
    vi_syllable syl;
    if (!syllable_parse(a->c->lx, joined, s.n - 1, &syl) || strncmp(syl.onset, onset, strlen(onset)))
        return 0;
    return push_read(a, CL_JOINED, s, NULL);
}

int rule_censored(rule_at *a)
{
    slice s = a->t[a->i].core;
    /* the dot after an onset of one to three bytes (t, ng, ngh, đ) */
    size_t dot = s.n > 3 && s.s[1] == '.' ? 1 : s.n > 4 && s.s[2] == '.' ? 2 : s.n > 5 && s.s[3] == '.' ? 3 : 0;
    return dot ? censored_body(a, s, dot) : 0;
}
