/* parts_int — what the cutters of mixed tokens, codes and URLs share
 * (rules_parts.c cuts, parts_separator.c reads the separators). Internal. */
#ifndef DOCBAO_PARTS_INT_H
#define DOCBAO_PARTS_INT_H
#include "rules.h"
#include "utf8.h"

/* what one text is cut as */
typedef struct cutter {
    const lexicon *lx;
    slice s;
    tok_class cls;
    int code, url;
    partvec *out;
    strbuf scratch; /* the words camel_restore tries */
    slice next;     /* the word after the token (rule_push_parts), or empty */
} cutter;

static inline int is_digit_at(slice s, size_t i)
{
    return i < s.n && s.s[i] >= '0' && s.s[i] <= '9';
}

static inline int is_letter_at(slice s, size_t i)
{
    int32_t cp;
    utf8_next(s.s + i, s.n - i, &cp);
    return utf8_is_letter(cp);
}

/* a year (19xx, 20xx) at s[i], ending the text or followed by / or - */
static inline int year_at(slice s, size_t i)
{
    if (i + 4 > s.n || !((s.s[i] == '1' && s.s[i + 1] == '9') || (s.s[i] == '2' && s.s[i + 1] == '0')))
        return 0;
    for (size_t k = i + 2; k < i + 4; k++)
        if (!is_digit_at(s, k))
            return 0;
    return i + 4 == s.n || s.s[i + 4] == '/' || s.s[i + 4] == '-';
}

/* what the separator at m->s[i] says, if anything (*say for PR_SAY) */
part_reading parts_separator(const cutter *m, size_t i, say_key *say);

#endif
