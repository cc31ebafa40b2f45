/* numbers — pure verbalizers: digit strings to Vietnamese words.
 * Takes ASCII digits (no separators); appends space-separated words to a
 * caller's strbuf and touches nothing else. Returns 0, -1 on out of memory
 * or on an argument that is not a digit string. */
#ifndef DOCBAO_NUMBERS_H
#define DOCBAO_NUMBERS_H
#include <stddef.h>
#include "strbuf.h"

typedef enum { DIALECT_NORTH = 0, DIALECT_SOUTH = 1 } num_dialect;

/* The words numbers are read with, in one dialect: resolved once at load from
 * lexicon/number-words.tsv (lexicon_number_words in lexicon.h), so reading a
 * number looks nothing up. Every pointer is a non-empty NUL-terminated word. */
typedef struct num_words {
    const char *digit[10];       /* không một ... chín */
    const char *hundred;         /* trăm */
    const char *ten, *tens;      /* mười (15 mười lăm), mươi (20 hai mươi) */
    const char *odd;             /* linh / lẻ (105 một trăm linh năm) */
    const char *one_after_tens;  /* mốt (21) */
    const char *five_after_ten;  /* lăm (15, 25) */
    const char *four_after_tens; /* tư (24) */
    const char *scale[4];        /* "" nghìn/ngàn triệu tỷ: the groups of three digits */
    const char *first, *fourth;  /* nhất (thứ nhất), tư (thứ tư, tháng tư) */
    struct {                     /* the byte length of each word of a number, set with it */
        size_t digit[10], hundred, ten, tens, odd, one_after_tens, five_after_ten, four_after_tens, scale[4];
    } len;
} num_words;

/* Every function reads with the words of w: w = lexicon_number_words(lx, dialect). */
/* Any length of digits: 2021 "hai nghìn không trăm hai mươi mốt",
 * 1000000000000 "một nghìn tỷ"; leading zeros are ignored ("007" "bảy");
 * more than 21 digits are read digit by digit. */
int num_cardinal_w(const num_words *w, const char *digits, size_t n, strbuf *out);
/* The same for a number written with thousands separators (1.071.393):
 * "không trăm" in every group after a spoken one ("một triệu không trăm bảy
 * mươi mốt nghìn ba trăm chín mươi ba"), the way news readers read them. */
int num_cardinal_grouped_w(const num_words *w, const char *digits, size_t n, strbuf *out);
/* The cardinal reading of v. */
int num_cardinal_u_w(const num_words *w, unsigned long long v, strbuf *out);
/* Digit by digit: "0912" "không chín một hai". */
int num_digits_w(const num_words *w, const char *digits, size_t n, strbuf *out);
/* The digits after a decimal comma: read as a number when short and plain
 * (5 "năm", 93 "chín mươi ba"), digit by digit otherwise (05, 007, 240, 50). */
int num_fraction_digits_w(const num_words *w, const char *digits, size_t n, strbuf *out);
/* The same for the decimals of a measured amount: leading zeros one "không"
 * each, then up to three digits not ending in 0 as a number (0,161 giây
 * "một trăm sáu mươi mốt", 13,075 tỷ "không bảy mươi lăm"). */
int num_fraction_number_w(const num_words *w, const char *digits, size_t n, strbuf *out);
/* Day-of-month style numbers and small counts read the same as cardinals;
 * month names differ only for 4: "tư". m must be 1..12. */
int num_month_w(const num_words *w, unsigned m, strbuf *out);
/* Ordinal after "thứ": 1 "nhất", 4 "tư", others cardinal. */
int num_ordinal_w(const num_words *w, const char *digits, size_t n, strbuf *out);
/* Value of a Roman numeral (I V X L C D M, either case, well formed:
 * no more than three repeats, subtractive pairs only IV IX XL XC CD CM).
 * Returns 0 when s is not one. */
unsigned num_roman_value(const char *s, size_t n);

#endif
