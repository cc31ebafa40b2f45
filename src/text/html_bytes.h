/* html_bytes — the bytes of a page before libxml2 parses them: its charset
 * (a BOM or <meta charset>), UTF-8 cleaned of invalid sequences, and whether
 * the bytes look like HTML at all (html_sniff, declared in html.h). Pure. */
#ifndef DOCBAO_HTML_BYTES_H
#define DOCBAO_HTML_BYTES_H
#include <stddef.h>
#include "strbuf.h"

/* The charset of a <meta charset> in the first 4 KB, in buf (cap bytes);
 * "UTF-8" when none; NULL for a UTF-16 BOM (libxml2 reads it). */
const char *html_charset(const char *s, size_t len, char *buf, size_t cap);
/* Appends s as UTF-8 without a BOM, invalid sequences replaced by U+FFFD and
 * NUL bytes by spaces, and a final newline. 0, or -1 when out of memory. */
int html_clean_utf8(const char *s, size_t len, strbuf *b);

#endif
