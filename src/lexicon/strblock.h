/* strblock — strings copied into blocks of 64 KB that are freed together:
 * no allocation per string, for tables loaded once and kept until the end. */
#ifndef DOCBAO_STRBLOCK_H
#define DOCBAO_STRBLOCK_H

typedef struct strblock strblock;

/* A copy of s kept in *blocks (NULL: none yet), valid until
 * strblock_free(*blocks); NULL when out of memory. */
const char *strblock_keep(strblock **blocks, const char *s);
void strblock_free(strblock *blocks); /* NULL is fine */

#endif
