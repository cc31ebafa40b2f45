/* check_lexicon.h — the bundled lexicon for a unit test run from the project
 * root: loaded, its load checked (a failure printed with the loader's
 * message), NULL when it did not load. */
#ifndef DOCBAO_CHECK_LEXICON_H
#define DOCBAO_CHECK_LEXICON_H
#include "check.h"
#include "lexicon.h"

static inline lexicon *check_lexicon(void)
{
    char err[512];
    lexicon *lx = lexicon_load("lexicon", NULL, err, sizeof err);
    CHECK(lx != NULL, err);
    return lx;
}

#endif
