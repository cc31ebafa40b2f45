/* rules — the classifier's recognizers, shared between classify.c (which
 * walks RULE_LIST in order: the order is the priority) and the rules_*.c
 * files, one family each:
 *   rules_range.c     punctuation tokens, dashes and ranges (3 - 5, 2021-2025)
 *   rules_datetime.c  dates and quarters that need their neighbours (an hour
 *                     glued to its day: 7h/21/7), and the
 *                     date cues of a digit token (rule_digit_facts)
 *   rules_number.c    numbers and values (parse_value), heights, dimensions,
 *                     map positions, ordinals
 *   rules_fraction.c  a/b: seasons, n of m, house numbers, fractions
 *   rules_unit.c      units after numbers, scale words and number words
 *   rules_code.c      phones, service numbers, plates, documents, serials, codes
 *   rules_parts.c     the parts of a code, a serial, a URL or a mixed token
 *                     (U23, 15/2021/NĐ-CP), each with how it is said (span.parts)
 *   rules_abbr.c      abbreviations chosen by their cue words, and acronyms a
 *                     piece defines in brackets (defined.c: HĐXX after Hội đồng xét xử)
 *   rules_roman.c     Roman numerals where something marks them
 *   rules_korean.c    a Korean name in Latin letters (Son Heung-min, Hyun Bin)
 *   rules_name.c      a foreign name's syllable that is also a Vietnamese one
 *   rules_tag.c       a hashtag glossed in parentheses: #duataydaynao (đưa tay đây nào)
 *   rules_word.c      words, capitals, loanwords, exonyms, URLs, letters, and
 *                     the last rule, which takes any token
 * A recognizer fills the span with what it read (val, frac, roman, abbr...),
 * so the verbalizer reads those, and names itself for --explain.
 * Internal to src/text: not part of the public API. */
#ifndef DOCBAO_RULES_H
#define DOCBAO_RULES_H
#include "classify.h"
#include "vec.h"
#include <stddef.h>
#include <string.h>

/* The roles the rules ask about are the lexicon's (LEXICON_ROLES in
 * lexicon.h, rows of lexicon/context.tsv). rule_cue asks the word before a
 * token (or the two words before it), and only of the first
 * LEXICON_MASK_ROLES roles, which
 * the sentence's masks hold; rule_word_has asks a word itself, of any role. */
typedef lexicon_role role_id;
_Static_assert(ROLE_SMS_SEND < LEXICON_MASK_ROLES, "the cue roles fit the masks of classify_sentence");

/* What a recognizer sees: the sentence's tokens, the one to classify, the
 * spans so far; and what several rules of a digit token share, computed once
 * (rule_digit_facts). */
typedef struct rule_at {
    const classify_ctx *c;
    const token *t;
    size_t n;
    size_t i;        /* the token to classify; a rule that fires moves it past what it read */
    spanvec *out;
    int numeral;     /* the token is digits alone (RULE_NUMERAL): no slash, dash nor dot */
    int digit_ready; /* the facts below are computed */
    int named;       /* a d/m after "ngày <name>" (Ngày bầu cử 5/11) */
    int short_date;  /* 0: d/m is no date; 1: it may be; 2: it is (parse_value) */
    int date_dot;    /* short_date is 2 for a d.m after a date-dot cue (từ 25.1 đến 2.2) */
    int frac_ok;     /* fr holds a fraction the rules of fractions consider */
    fraction fr;
    int addr, date_like; /* of fr: a house number; a dd/m with no cue */
    int value_ready, value_ok;
    value v;         /* parse_value of the token with short_date */
} rule_at;

/* The part of a recognizer past its first, cheap test, kept out of line so
 * that the test alone, which most tokens fail, costs no saved registers. */
#define RULE_BODY __attribute__((noinline)) static

/* A recognizer: 1 when it classified token a->i (spans appended, a->i moved
 * past the tokens it read), 0 when it does not apply (nothing changed), -1 on
 * out of memory. */
typedef int (*recognizer)(rule_at *a);
typedef struct rule {
    const char *name; /* shown by --explain after the class: value/date-dot */
    recognizer fn;
    unsigned when;    /* RULE_EMPTY, RULE_WORD, RULE_DIGIT: the tokens it may take */
} rule;

/* spans */
/* a new span at the end (NULL on out of memory); inline: a span or more per token */
static inline span *rule_append(spanvec *sv)
{
    if (VEC_RESERVE(sv->v, sv->cap, sv->n + 1))
        return NULL;
    return &sv->v[sv->n++];
}
int rule_push(spanvec *sv, const span *s);
/* A new span at the end, zeroed but for its value (val.kind is V_NONE): for
 * the spans that carry none, the most common by far. NULL on out of memory. */
static inline span *rule_push_new(spanvec *sv)
{
    static const span zero; /* copied rather than memset: the compiler's memset
                             * of this size is a rep stos, slower */
    span *s = rule_append(sv);
    if (!s)
        return NULL;
    memcpy(s, &zero, offsetof(span, val));
    s->val.kind = V_NONE;
    return s;
}
/* A span with no more than a class and its text. */
static inline int rule_push_simple(spanvec *sv, tok_class c, slice text)
{
    span *s = rule_push_new(sv);
    if (!s)
        return -1;
    s->cls = c;
    s->text = text;
    return 0;
}
/* A span of class c; its value is zeroed only for the classes that have one
 * (CL_VALUE, CL_UNIT), the only ones whose value is read; the others have
 * val.kind V_NONE, as rule_push_new gives. Inline: made in its caller's
 * place, not copied back. */
static inline span rule_mk(tok_class c, slice text)
{
    span s;
    memset(&s, 0, span_has_payload(c) ? sizeof s : offsetof(span, val));
    if (!span_has_payload(c))
        s.val.kind = V_NONE;
    s.cls = c;
    s.text = text;
    return s;
}
/* a value span, with "ngày"/"tháng" said before it unless the text says it */
int rule_push_value(const classify_ctx *c, const token *t, size_t i, slice text, const value *v, spanvec *out);

/* context */

/* the roles the masks of a sentence hold (rule_cue, rule_word_has), and the
 * bit of each in a mask (fixed: the role's place in
 * LEXICON_ROLES) */
#define MASK_ROLES (ROLE_COUNT < LEXICON_MASK_ROLES ? ROLE_COUNT : LEXICON_MASK_ROLES)
#define ROLE_BIT(role) (1u << (role))

/* Does the word (or two words) before token i have the role? */
static inline int rule_cue(const classify_ctx *c, const token *t, size_t i, role_id role)
{
    if (i < 1)
        return 0;
    size_t k = (size_t)(t + i - 1 - c->base); /* the word before, in the sentence */
    return ((c->roles1[k] | c->roles2[k]) & ROLE_BIT(role)) != 0;
}

/* Is token t (of the sentence) a word with the role? (ngày, tháng, và...) */
static inline int rule_word_has(const classify_ctx *c, const token *t, role_id role)
{
    if (!t->core.n)
        return 0;
    if ((int)role < MASK_ROLES)
        return (c->roles1[t - c->base] & ROLE_BIT(role)) != 0;
    size_t k = (size_t)(t - c->base);
    if (k < c->count && !c->facts[k].more)
        return 0; /* a word of the sentence with no role past the mask: no lookup */
    return lexicon_word_has(c->lx, t->core.s, t->core.n, role);
}

/* a counted noun of one word or two (trận, chỉ tiêu, vị trí) right after token i */
static inline int rule_counted_after(const classify_ctx *c, const token *t, size_t n, size_t i)
{
    if (i + 1 >= n || t[i].post.n)
        return 0;
    return rule_cue(c, t, i + 2, ROLE_COUNTED) ||
           (i + 2 < n && !t[i + 1].post.n && (c->roles2[t + i + 2 - c->base] & ROLE_BIT(ROLE_COUNTED)));
}

/* nghìn, triệu, tỷ... (role "scale" in context.tsv), from the word's role mask */
static inline int rule_is_scale(const classify_ctx *c, const token *t)
{
    return (c->roles1[t - c->base] & ROLE_BIT(ROLE_SCALE)) != 0;
}

/* the cue within the clause before token i (up to six words back) */
int rule_cue_near(const classify_ctx *c, const token *t, size_t i, role_id role);
int rule_syllable_at(const classify_ctx *c, const token *t, size_t i, slice s);
/* rules_name.c: 1 when t[i] is a foreign name's syllable that is also a
 * toneless Vietnamese one (Kim Sang Sik: Sang), said with its foreign onset */
int rule_name_syllable_at(const classify_ctx *c, const token *t, size_t n, size_t i);
/* rules_korean.c: 1 when a Korean name begins at t[i] (Kim Bong Seok) */
int rule_korean_name_at(const classify_ctx *c, const token *t, size_t n, size_t i);
/* 1 when the capitalized name s marks a run of names foreign: a hyphen, an
 * exonym, or letters no toneless Vietnamese syllable has (Hye, Jin, Park) */
int rule_name_foreign(const classify_ctx *c, slice s);
/* its cheap first test, inline: a word of two to five bytes that begins with S */
static inline int rule_name_syllable_maybe(const token *t)
{
    return t->core.n >= 2 && t->core.n <= 5 && t->core.s[0] == 'S';
}
/* the facts of a digit token the rules share (rule_at), computed by the
 * first rule that asks: the test inline, the work out of line */
void rule_digit_facts_now(rule_at *a);
void rule_value_facts_now(rule_at *a);
static inline void rule_digit_facts(rule_at *a)
{
    if (!a->digit_ready)
        rule_digit_facts_now(a);
}
static inline void rule_value_facts(rule_at *a)
{
    if (!a->value_ready)
        rule_value_facts_now(a);
}

/* text shapes */
int rule_has_char(slice s, const char *set);
int rule_has_letter(slice s);
int rule_is_dash_token(const token *t);
/* x, X or × alone: the times sign (163 x 77,6) */
static inline int rule_is_times(const token *t)
{
    return (t->core.n == 1 && (t->core.s[0] == 'x' || t->core.s[0] == 'X')) ||
           (t->core.n == 2 && !memcmp(t->core.s, "×", 2));
}
int rule_value_of(const classify_ctx *c, slice s, int short_date, value *v);

/* rules_number.c: a unit after a value (100 km/h); tokens used */
size_t rule_unit_after(const classify_ctx *c, const token *t, size_t n, size_t i, spanvec *out);
size_t rule_spaced_per(const classify_ctx *c, const token *t, size_t n, size_t i, value *v, slice *u);

/* the recognizers, in the files of their families, in priority order; each
 * with the tokens it may take (the walk asks no other): EMPTY a token of
 * punctuation alone, WORD a word without digits, DIGIT one with digits:
 * NUMERAL digits alone (2021, 15: most of them), MARKED with anything else
 * (1.000, 23/4, 1m75, -5, 51K-888.88). A rule that no numeral can satisfy
 * takes MARKED alone, so the walk skips it for the numerals. */
#define RULE_EMPTY 1
#define RULE_WORD 2
#define RULE_NUMERAL 4
#define RULE_MARKED 8
#define RULE_DIGIT (RULE_NUMERAL | RULE_MARKED)
#define RULE_CORE (RULE_WORD | RULE_DIGIT)
#define RULE_FIRST 16 /* and only the first token of a sentence */
#define RULE_LIST(X)                                                                                          \
    X(day_month_dashed, "date-spaced-dash", RULE_EMPTY) X(dash_range, "dash-range", RULE_EMPTY)              \
    X(code_range, "code-range", RULE_EMPTY)                                                                  \
    X(weekday_range, "weekday-range", RULE_EMPTY) X(ordinal_range, "ordinal-range", RULE_EMPTY)            \
    X(lone_punct, "punct", RULE_EMPTY)                                                                       \
    X(times_sign, "times-sign", RULE_WORD) X(byline, "byline", RULE_WORD | RULE_FIRST)                      \
    X(code_continued, "code-continued", RULE_WORD) X(boat_number, "boat-number", RULE_WORD)                  \
    X(korean_name, "korean-name", RULE_WORD) /* before the word rules, which take Kim, Son */               \
    X(name_syllable, "name-syllable", RULE_WORD)                                                             \
    X(abbr_roman, "abbreviation-roman", RULE_WORD) /* before known_word, which would spell it */           \
    X(known_word, "word-known", RULE_WORD) /* and a loanword phrase first: "loanword-phrase" */             \
    X(hashtag_gloss, "hashtag-gloss", RULE_WORD) /* after known_word, which leaves hashtags: no call per word */ \
    X(defined, "defined", RULE_WORD) /* after known_word, which leaves it the letters it may read */      \
    X(glued_dash_range, "dash-glued-range", RULE_MARKED) X(time_slash_date, "time-date", RULE_MARKED)           \
    X(plate, "plate", RULE_MARKED)                                                                           \
    X(quarter, "quarter", RULE_CORE) X(height, "height", RULE_MARKED) X(dimensions, "dimensions", RULE_MARKED) \
    X(unit_after_scale, "unit-after-scale", RULE_CORE) X(km_marker, "km-marker", RULE_WORD)                  \
    X(coordinates, "coordinates", RULE_MARKED) X(batch_number, "batch-number", RULE_DIGIT)                    \
    X(phone, "phone", RULE_DIGIT) X(spaced_number, "spaced-number", RULE_DIGIT)                              \
    X(document_number, "document-number", RULE_MARKED) X(season_years, "season-years", RULE_MARKED)           \
    X(house_letter, "house-number-letter", RULE_MARKED)                                                      \
    X(ratio, "ratio", RULE_MARKED) X(fraction, "fraction", RULE_MARKED)                                       \
    X(month_dot_year, "month-dot-year", RULE_MARKED) X(ordinal, "ordinal", RULE_DIGIT)                        \
    X(money_scale, "money-scale", RULE_MARKED) X(stoppage_time, "stoppage-time", RULE_MARKED)                 \
    X(race_time, "race-time", RULE_MARKED) X(race_clock, "race-clock", RULE_MARKED)                          \
    X(hundredths, "hundredths", RULE_NUMERAL)                                                                  \
    X(glued_day_month, "date-glued-dash", RULE_NUMERAL)                                                      \
    X(glued_post_range, "dash-glued-after", RULE_DIGIT)                                                      \
    X(footnote_year, "footnote-year", RULE_MARKED)                                                          \
    X(zoom_times, "zoom-times", RULE_MARKED) X(aperture, "aperture", RULE_MARKED) \
    X(frame_rate, "frame-rate", RULE_MARKED)                           \
    X(measurements, "measurements", RULE_MARKED) X(number_list, "number-list", RULE_MARKED)                  \
    X(value, "value", RULE_DIGIT)                                                                             \
    X(inner_range, "range-inner", RULE_DIGIT) X(symbol, "symbol", RULE_CORE)                                 \
    X(censored, "censored", RULE_WORD) X(initials, "initials", RULE_WORD)                                                                     \
    X(roman_initial, "roman-initial", RULE_CORE) X(roman_listed, "roman-list", RULE_CORE)                    \
    X(abbreviation, "abbreviation", RULE_CORE) X(roman_royal, "roman-royal", RULE_CORE)                      \
    X(roman_after_name, "roman-after-name", RULE_WORD)                                                       \
    X(roman_cued, "roman-cued", RULE_CORE) X(capitals, "capitals", RULE_CORE)                                \
    X(loan_exonym, "loanword", RULE_CORE) X(syllable, "syllable", RULE_CORE) X(url, "url", RULE_CORE)        \
    X(serial, "serial", RULE_MARKED) X(code, "code", RULE_MARKED) X(roman_year, "roman-year", RULE_CORE)       \
    X(counted_unit, "unit-after-count", RULE_CORE) X(consonants, "spelled-letters", RULE_CORE)               \
    X(glued, "glued-syllables", RULE_WORD) X(capital_twice, "capital-twice", RULE_WORD)                      \
    X(apostrophe_name, "apostrophe-name", RULE_WORD)                                                         \
    X(fallback, "mixed-foreign-word", RULE_CORE)

#define X(fn, name, when) int rule_##fn(rule_at *a);
RULE_LIST(X)
#undef X

/* rules_parts.c: the span of token a->i as class cls (CL_CODE, CL_MIXED,
 * CL_SERIAL, CL_URL) with the parts of its text (classify_parts), a->i moved
 * past it: 1, -1 on out of memory. The spans of those classes are made by it
 * alone (the verbalizer reads their parts). */
int rule_push_parts(rule_at *a, tok_class cls, slice text);
/* the same with parts the caller put in a->out->parts[first..] */
int rule_push_parts_from(rule_at *a, tok_class cls, slice text, size_t first);
/* a licence plate (51K-888.88, 37H-048.xx) with its dash at text.s[dash]:
 * the letters before it as a code's, each group of its serial a number, the
 * dot said, masked digits spelled */
int rule_push_plate(rule_at *a, slice text, size_t dash);

#endif
