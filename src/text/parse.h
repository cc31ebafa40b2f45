/* parse — recognizers for the written forms of numbers, dates, times and
 * amounts inside one token. Pure: they read a slice and fill a struct whose
 * slices point into it. Used by classify (to choose) and verbalize (to read). */
#ifndef DOCBAO_PARSE_H
#define DOCBAO_PARSE_H
#include "lexicon.h"
#include "token.h"

typedef enum {
    NUM_INT,       /* 2021, 12.000, 1 500 000 (digits holds only the digits) */
    NUM_DECIMAL,   /* 3,5  1.234,56 */
    NUM_DOTTED     /* 4.0  2.1 (not thousands): read with "chấm" */
} num_form;

typedef struct number {
    int neg;
    int plus;         /* written with a + (+2,91%): "cộng" */
    int grouped;      /* written with thousands separators (1.071.393) */
    int frac_number;  /* three decimals read as a number (a measured amount: 0,161 giây, 298,685 gram) */
    int frac_digits;  /* decimals said digit by digit (an amount in đồng: 10.000,50 đồng) */
    num_form form;
    char digits[64];  /* integer digits without separators */
    char frac[32];    /* decimal or dotted part digits */
    size_t ndigits, nfrac;
} number;

/* A whole number: [-+]digits with dot or space thousands, a comma decimal,
 * or a dotted pair. 1 on success. */
int parse_number(slice s, number *out);
/* 150,000: one comma group of three zeros read as thousands the English way
 * (for a number before a currency word: 150,000 đồng). 1 on success. */
int parse_zero_thousands(slice s, number *out);

typedef enum { V_NONE, V_NUMBER, V_PERCENT, V_MONEY, V_MEASURE, V_TIME, V_DURATION, V_DATE,
               V_MONTH_YEAR, V_SHORT_AMOUNT } value_kind;

typedef struct value {
    value_kind kind;
    number num;
    const unit_entry *unit;   /* V_PERCENT V_MONEY V_MEASURE */
    unsigned d, m, h, min, sec; /* V_DATE (d may be 0 for m/y), V_TIME */
    int has_min, has_sec;
    slice year;                 /* V_DATE V_MONTH_YEAR: "" when absent */
    slice big, small;           /* V_SHORT_AMOUNT 1tr5: big "1", small "5" */
    unsigned scale;             /* V_SHORT_AMOUNT: the group the scale word stands for:
                                 * 1 thousand, 2 million, 3 billion (num_words.scale) */
    const unit_entry *per_unit; /* 50.000đ/ngày, 100đ/kg: the unit after the slash, */
    slice per_word;             /* or the word after it when it is no unit */
} value;

typedef struct fraction {
    int neg;
    slice num, den;
    const unit_entry *unit; /* 1/2kg */
} fraction;

/* [-]a/b with an optional unit after it. 1 on success. */
int parse_fraction(const lexicon *lx, slice s, fraction *out);

/* Recognizes one token as a value. Dates need a day 1-31 and month 1-12; a
 * bare d/m is a date only when allow_short_date (1: d/m; 2, after "ngày" and
 * the like: also d-m and d.m). 1 on success. */
int parse_value(const lexicon *lx, slice s, int allow_short_date, value *out);
/* A unit, or a rate unit/unit or unit/word, into v->unit, per_unit, per_word.
 * exact: the unit must be spelled as in the table (a separate word). */
int parse_unit(const lexicon *lx, slice s, int exact, value *v);
/* a/b with both parts digits (a fraction, an address or a date). */
int parse_slash_pair(slice s, slice *a, slice *b);
int is_digits(slice s);

#endif
