/* compose — Party and State title abbreviations read from their parts
 * (lexicon/abbreviation-parts.tsv): UVBTVTU "ủy viên ban thường vụ tỉnh ủy". */
#ifndef DOCBAO_COMPOSE_H
#define DOCBAO_COMPOSE_H
#include <stddef.h>
#include "lexicon.h"
#include "strbuf.h"

/* 1 when s splits wholly into two or more parts, at least one of them a body
 * (the split with the fewest parts is taken); then, when out is not NULL, the
 * parts' readings are appended to it as words. 0 when it does not split;
 * -1 on out of memory. */
int compose_abbr(const lexicon *lx, const char *s, size_t n, strbuf *out);

#endif
