/* classify — decides what each token of a sentence is.
 * Takes the tokens of one sentence; gives a list of spans, each a class with
 * the text it covers and what was recognized in it (borrowed slices into the
 * sentence text). Uses the words around a token to choose between readings
 * (ngày 2/9 a date, tỷ lệ 1/2 a fraction, số nhà 12/3 an address). */
#ifndef DOCBAO_CLASSIFY_H
#define DOCBAO_CLASSIFY_H
#include "defined.h"
#include "lexicon.h"
#include "parse.h"
#include "token.h"
#include "wordcache.h"

#define CLASS_LIST(X) \
    X(CL_WORD, "word") X(CL_UPPERWORD, "upper-word") X(CL_PUNCT, "punct") \
    X(CL_ABBR, "abbreviation") X(CL_SPELL, "spelled") X(CL_LOANWORD, "loanword") \
    X(CL_VALUE, "value") X(CL_TO, "range-to") X(CL_AND, "and") X(CL_ORDINAL, "ordinal") \
    X(CL_ROMAN, "roman") X(CL_FRACTION, "fraction") X(CL_ADDRESS, "address") \
    X(CL_PHONE, "phone") X(CL_RATIO, "ratio") X(CL_HEIGHT, "height") X(CL_TIMES, "times") X(CL_CODE, "code") X(CL_MIXED, "mixed") X(CL_SERIAL, "serial") X(CL_URL, "url") \
    X(CL_UNIT, "unit") X(CL_COMPOSED, "composed-abbreviation") \
    X(CL_EXONYM, "exonym") X(CL_FOREIGN, "transliterated") X(CL_JOINED, "joined-syllable") X(CL_NAME_SYLLABLE, "name-syllable")

typedef enum {
#define X(id, name) id,
    CLASS_LIST(X)
#undef X
} tok_class;

const char *class_name(tok_class c);
/* 1 for the classes whose spans carry a payload (val, frac, parts, height) */
static inline int span_has_payload(tok_class c)
{
    return c == CL_VALUE || c == CL_UNIT || c == CL_FRACTION || c == CL_ADDRESS || c == CL_RATIO ||
           c == CL_HEIGHT || c == CL_CODE || c == CL_MIXED || c == CL_SERIAL || c == CL_URL;
}

/* add_prefix of a number that is the first day of a range of days: "ngày" */
#define DAY_PREFIX 2

/* One part of a mixed token, a code, a serial or a URL (U23, Covid-19,
 * 15/2021/NĐ-CP, QH1521, vov.vn): what its text is, and how the classifier
 * decided it is read (classify_parts). */
typedef enum { PART_DIGITS, PART_LETTERS, PART_SEP } part_kind;
typedef enum {
    PR_NONE,     /* not said (a separator: the dash of NĐ-CP) */
    PR_NUMBER,   /* digits said as a quantity: 320 "ba trăm hai mươi" */
    PR_QUANTITY, /* a number with its dots or commas (12.34), as parse_number reads it */
    PR_DIGITS,   /* digit by digit: QH1521, a leading zero, a web address */
    PR_SPELL,    /* letters one by one: NĐ "en đê" */
    PR_READING,  /* a reading of the lexicon's, in .reading: P. "phường", Covid "cô vít" */
    PR_SAY,      /* a word of say-words.tsv, in .say: / "năm" (of a year), "trên" */
    PR_ONE,      /* "một": a rate, lượt khách/ngày */
    PR_ROMAN,    /* a Roman numeral's value, in .roman: RON 95-III */
    PR_LOWER,    /* a syllable in capitals, said as a word (lower case) */
    PR_WRITTEN,  /* as written (a syllable, a name) */
    PR_FOREIGN,  /* a foreign word, in Vietnamese syllables */
    PR_TONED,    /* toneless syllables in CamelCase, their tones restored: #ONhaLamDep */
    PR_SCHWA,    /* a consonant said with a schwa: H of H'Mông "hơ" */
    PR_TONELESS  /* lower-case letters of an address: toneless Vietnamese (cucthue "cục thuế"), else PR_FOREIGN */
} part_reading;

typedef struct mixed_part {
    slice text;
    unsigned char kind; /* part_kind */
    unsigned char how;  /* part_reading */
    union {
        const char *reading; /* PR_READING */
        say_key say;         /* PR_SAY */
        unsigned roman;      /* PR_ROMAN */
    };
} mixed_part;

typedef struct partvec {
    mixed_part *v;
    size_t n, cap;
} partvec;

typedef struct span {
    tok_class cls;
    slice text;              /* the written text this span reads */
    const abbr_entry *abbr;  /* CL_ABBR */
    const char *reading;     /* CL_LOANWORD, CL_UNIT */
    unsigned roman;          /* CL_ROMAN */
    slice year;              /* CL_ROMAN with /year (Quý II/2021) */
    int add_prefix;          /* CL_VALUE date: say "ngày"; month/year: say "tháng"; number: "năm",
                              * or "ngày" when DAY_PREFIX */
    int as_month;            /* CL_VALUE number after "tháng": 4 is "tư" */
    int as_year;             /* CL_VALUE number after "năm", or a year after "tháng N" */
    int ordinal;             /* CL_ROMAN after "thứ": I is "nhất", IV is "tư" */
    int toneless;            /* CL_FOREIGN: the lower-case letters of a hashtag (#nguoiviet), which
                              * may be toneless Vietnamese even when the tones stage is not sure */
    const char *rule;        /* the name of the rule that made it (--explain), NULL for none */
    /* the payload, last (a word's span leaves it unset: span_has_payload) */
    union {
        value val;           /* CL_VALUE, CL_UNIT */
        fraction frac;       /* CL_FRACTION, CL_ADDRESS, CL_RATIO: its parts, as the
                              * classifier read them (the verbalizer reads no text again) */
        struct {             /* CL_CODE, CL_MIXED, CL_SERIAL, CL_URL: all->v[first..first+n) */
            const partvec *all;
            unsigned first, n;
        } parts;
        struct {             /* CL_HEIGHT 1m76: "1" and "76" */
            slice metres, cm;
        } height;
    };
} span;

/* the parts of a span that has some (span_has_payload) */
static inline const mixed_part *span_parts(const span *s)
{
    return s->parts.n ? s->parts.all->v + s->parts.first : NULL;
}

typedef struct spanvec {
    span *v;
    size_t n, cap;
    partvec parts; /* the parts of its spans (span.parts); empty it with the spans */
} spanvec;

typedef struct classify_ctx {
    const lexicon *lx;
    /* set by classify_sentence for its tokens: the roles of each word, and
     * of each word with the one before it (a two-word cue) */
    const token *base;
    size_t count;            /* the sentence's tokens: base[0..count) */
    unsigned *roles1, *roles2;
    const word_facts *facts; /* and all that is known of each word alone */
    word_cache *words;      /* optional: facts of words seen before (classify_word_facts) */
    int merge_words;        /* one span for a run of plain words (their reading is
                             * their text): for the spoken text, not for --explain */
    int name_rules;         /* each span names the rule that made it (span.rule, read
                             * by --explain alone: unset, some spans have no name) */
    abbr_defs *defs;        /* optional: the acronyms the piece has defined so far
                             * (rule_defined adds to it); NULL: none remembered */
    const char *end;        /* optional: the end of the text the tokens point into,
                             * which lookups may read up to (word_cache_get_hashed) */
} classify_ctx;

/* The context-free facts of one word, for a word_cache (user: the lexicon). */
void classify_word_facts(void *lexicon, const char *s, size_t n, word_facts *out);

/* Appends the spans of tokens t[0..n) to out. Returns 0, -1 on out of memory. */
int classify_sentence(const classify_ctx *c, const token *t, size_t n, spanvec *out);
void spanvec_free(spanvec *sv);

/* Appends the parts of text s read as class cls (CL_CODE, CL_MIXED,
 * CL_SERIAL, CL_URL) to out (rules_parts.c): the recognizers record them in
 * the span; verbalize_fallback reads a text as a code with them. 0, -1 on
 * out of memory. */
int classify_parts(const lexicon *lx, slice s, tok_class cls, partvec *out);

#endif
