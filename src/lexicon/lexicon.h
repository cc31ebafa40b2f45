/* lexicon — the knowledge tables of the lexicon/ TSV files, loaded once, read-only after.
 * Takes the lexicon directory (and optionally the user's own table, whose rows
 * override the bundled ones); gives lookups that return borrowed pointers,
 * valid until lexicon_free. */
#ifndef DOCBAO_LEXICON_H
#define DOCBAO_LEXICON_H
#include <stddef.h>
#include <stdint.h>
#include "numbers.h"

typedef enum { ABBR_EXPAND, ABBR_SPELL, ABBR_WORD } abbr_kind;

typedef struct abbr_entry {
    const char *key;
    abbr_kind kind;
    const char *reading; /* words; for ABBR_SPELL may be "" (spell the key) */
    const char *context; /* "" for the default; else '|'-separated lowercase cues */
    int next;            /* index of the next entry with the same key, or -1 */
} abbr_entry;

typedef enum { UNIT_MEASURE, UNIT_MONEY, UNIT_PERCENT } unit_kind;

typedef struct unit_entry {
    const char *unit;
    const char *reading;
    unit_kind kind;
} unit_entry;

typedef struct lexicon lexicon;

/* dir: folder holding abbreviations.tsv, letters.tsv, loanwords.tsv,
 * exonyms.tsv, units.tsv, context.tsv, rhymes.tsv, abbreviation-parts.tsv,
 * symbols.tsv, page-labels.tsv. user: NULL or a table with the columns
 * key, kind, reading and optionally context. NULL on error, with
 * "file:line: message" in err. */
lexicon *lexicon_load(const char *dir, const char *user, char *err, size_t errlen);
void lexicon_free(lexicon *lx);

/* First abbreviation entry for key (exact bytes), or NULL; follow ->next via
 * lexicon_abbr_at. User rows come first. */
const abbr_entry *lexicon_abbr(const lexicon *lx, const char *key, size_t n);
const abbr_entry *lexicon_abbr_at(const lexicon *lx, int index);
/* Letter name of one letter (any case), or NULL. */
const char *lexicon_letter(const lexicon *lx, const char *letter, size_t n, num_dialect d);
/* Reading of a part of a composed title abbreviation (UV, BTV, TU, ... of
 * abbreviation-parts.tsv; exact bytes), or NULL; *body says whether the part
 * is an organ (BTV, TU) rather than a post (UV, PBT). */
const char *lexicon_abbr_part(const lexicon *lx, const char *part, size_t n, int *body);
/* Reading of a loanword (matched case-insensitively), or NULL. */
const char *lexicon_loanword(const lexicon *lx, const char *word, size_t n);
/* 1 when a loanword phrase of several words (a key with spaces: "say hi")
 * begins with this word (any case). */
int lexicon_loan_head(const lexicon *lx, const char *word, size_t n);
/* Reading of a foreign proper name of exonyms.tsv (Myanmar "mi an ma"),
 * matched case-insensitively, or NULL. */
const char *lexicon_exonym(const lexicon *lx, const char *word, size_t n);
/* What a reader says for a lone symbol of symbols.tsv ("-": nothing, a
 * pause), or NULL when it has no row. */
const char *lexicon_symbol(const lexicon *lx, const char *sym, size_t n);
/* Unit by exact spelling, else case-insensitively; NULL when unknown. */
const unit_entry *lexicon_unit(const lexicon *lx, const char *unit, size_t n);
/* The roles of context.tsv: every role the code asks about, declared here
 * once. A row of context.tsv with a role not listed here, or a role listed
 * here that no row has, is a load error (context.tsv:line). */
#define LEXICON_ROLES(X)                                                                              \
    /* cues for the token after the word (classify: in the masks, so first) */                      \
    X(ROLE_ADDRESS, "address") X(ROLE_COUNTED, "counted") X(ROLE_DATE, "date")                      \
    X(ROLE_DATE_STRONG, "date-strong") X(ROLE_DATE_DOT, "date-dot") X(ROLE_DOCUMENT, "document")    \
    X(ROLE_EMERGENCY, "emergency") X(ROLE_SERVICE_NUMBER, "service-number")                         \
    X(ROLE_COUNT_WORD, "count") X(ROLE_FRACTION, "fraction") X(ROLE_ORDINAL, "ordinal")             \
    X(ROLE_PHONE, "phone") X(ROLE_PURITY, "purity") X(ROLE_ROMAN, "roman")                          \
    X(ROLE_ROMAN_STRONG, "roman-strong") X(ROLE_ROYAL, "royal") X(ROLE_SCALE, "scale")              \
    X(ROLE_SCORE, "score") X(ROLE_SERIAL, "serial") X(ROLE_SERVICE, "service") X(ROLE_SMS, "sms")   \
    X(ROLE_SMS_SEND, "sms-send")                                                                    \
    /* the tokenizer asks it of every word before a period */                                      \
    X(ROLE_TITLE, "title")                                                                          \
    /* what a single word is, for the classifier's rules (the word itself); the ones                \
     * asked of most tokens first, in the masks */                                                  \
    X(ROLE_DATE_SAID, "date-said") X(ROLE_MONTH_WORD, "month-word") X(ROLE_YEAR_WORD, "year-word")  \
    X(ROLE_QUARTER_WORD, "quarter-word") X(ROLE_WEEK_WORD, "week-word") X(ROLE_KM_MARKER, "km-marker")                             \
    X(ROLE_NUMBER_WORD, "number-word") X(ROLE_AND, "and") X(ROLE_OR, "or")                          \
    X(ROLE_DAY_WORD, "day-word") X(ROLE_WEEKDAY_WORD, "weekday-word")                               \
    X(ROLE_TIMES_WORD, "times-word") X(ROLE_DEGREE_WORD, "degree-word")                             \
    X(ROLE_MINUTE_WORD, "minute-word") X(ROLE_UNTIL, "until") X(ROLE_AMONG, "among")                \
    /* the verbalizer */                                                                          \
    X(ROLE_TIME_UNIT, "time-unit") X(ROLE_CENTS, "cents") X(ROLE_ROUTE, "route") X(ROLE_PER, "per") \
    X(ROLE_CURRENCY, "currency") X(ROLE_UNSPELLED, "unspelled")    \
    X(ROLE_SAID_AGAIN, "said-again")                                 \
    /* asked of the words before a rare token shape (number-list, plate) */                                 \
    X(ROLE_NUMBERED, "numbered") X(ROLE_PLATE, "plate") X(ROLE_HOUR, "hour")                       \
    /* the words around an English-dotted degree, magnitude or score (rules_number) */                      \
    X(ROLE_LATLONG, "latlong") X(ROLE_COMPASS, "compass") X(ROLE_DOT_DECIMAL, "dot-decimal")                  \
    X(ROLE_STREET, "street") X(ROLE_TICKER, "ticker") X(ROLE_ZOOM, "zoom")

typedef enum lexicon_role {
#define X(id, name) id,
    LEXICON_ROLES(X)
#undef X
    ROLE_COUNT
} lexicon_role;

/* The roles lexicon_roles' mask holds: the first 31 declared (the
 * classifier keeps them in an unsigned per word) */
#define LEXICON_MASK_ROLES 31
#define LEXICON_MASK_LOW ((1ull << LEXICON_MASK_ROLES) - 1)

/* 1 when word (matched case-insensitively, the whole word: no phrase) has
 * the declared role r (roman, date, phone, fraction, address, ...). */
int lexicon_word_has(const lexicon *lx, const char *word, size_t n, lexicon_role r);
/* The roles of a word or phrase as a bit mask: lexicon_roles(w) & (1u <<
 * ROLE_DATE). The mask holds the first LEXICON_MASK_ROLES declared roles
 * (ask lexicon_word_has for the others). */
unsigned lexicon_roles(const lexicon *lx, const char *word, size_t n);
/* All its roles in one lookup: bit r for role r (lexicon_roles is this
 * & LEXICON_MASK_LOW). */
uint64_t lexicon_roles_all(const lexicon *lx, const char *word, size_t n);
/* 1 when word (any case) begins a phrase of several words that has roles. */
int lexicon_role_head(const lexicon *lx, const char *word, size_t n);
/* 1 when rhyme (toneless, lowercase, e.g. "ương") is in rhymes.tsv. */
int lexicon_rhyme(const lexicon *lx, const char *rhyme, size_t n);
/* Checks a table in the user-lexicon format (key, kind, reading, context):
 * malformed rows, unknown kinds, missing readings, non-NFC text and
 * duplicate (key, context) rows, each reported as "file:line: message".
 * Returns the number of problems, or -1 when the file cannot be read. */
int lexicon_check(const char *path, void (*report)(void *user, const char *message), void *user);
/* The kind of an abbreviation row ("expand", "spell", "word"): 0, or -1 for another word. */
int lexicon_abbr_kind(const char *name, abbr_kind *out);
/* Path of the directory it was loaded from. */
const char *lexicon_dir(const lexicon *lx);

/* The Korean syllables and surnames (korean.tsv; src/lexicon/korean.h). */
const struct korean *lexicon_korean(const lexicon *lx);

/* ---- words said or recognized as they are (src/lexicon/lexwords.c) ---- */

/* A label of a page block that is not the article (page-labels.tsv). */
typedef struct lexicon_label {
    const char *text;  /* exact case, NFC */
    size_t len;
    const char *why;   /* the reason the block is left out */
} lexicon_label;
/* The page labels in file order (the first match wins); *n their count. */
const lexicon_label *lexicon_page_labels(const lexicon *lx, size_t *n);

/* The words of numbers in dialect d (number-words.tsv), resolved at load. */
const num_words *lexicon_number_words(const lexicon *lx, num_dialect d);

/* Spoken function words (say-words.tsv); the keys of the table, in order. */
typedef enum say_key {
    SAY_COMMA, SAY_DOT, SAY_PER, SAY_TO, SAY_PLUS, SAY_MINUS, SAY_PERCENT, SAY_PART, SAY_AND,
    SAY_AT, SAY_SLASH, SAY_HYPHEN, SAY_UNDERSCORE, SAY_COLON, SAY_TIMES, SAY_YEAR, SAY_MONTH,
    SAY_DAY, SAY_HOUR, SAY_MINUTE, SAY_SECOND, SAY_CENT, SAY_METRE, SAY_I_PREFIX, SAY_E_PREFIX, SAY_Y_PREFIX, SAY_FOLD, SAY_COUNT
} say_key;
/* The word for w in dialect d ("phẩy" for SAY_COMMA); never NULL nor empty. */
const char *lexicon_say(const lexicon *lx, say_key w, num_dialect d);

#endif
