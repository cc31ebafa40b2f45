/* html_junk — why an element of a news page is not article text: its tag
 * (nav, footer, form...), its class and id words ("comment", "related",
 * "share"...), or a short label in it ("Tin liên quan", "Bình luận (3)")
 * from lexicon/page-labels.tsv. Takes libxml2 nodes; gives a reason string
 * (static, or owned by the lexicon) or NULL. Pure: no global state. */
#ifndef DOCBAO_HTML_JUNK_H
#define DOCBAO_HTML_JUNK_H
#include <stddef.h>
#include <libxml/tree.h>
#include "lexicon.h"

/* 1 when n is an element named in list (" a b c "). */
int html_among(const xmlNode *n, const char *list);
/* class and id of n, lower case, space-separated, in buf (cap bytes). */
void html_class_id(const xmlNode *n, char *buf, size_t cap);
/* 1 when ci holds one of the space-separated words: substrings, or whole
 * tokens when written "=word". */
int html_class_has(const char *ci, const char *words);
/* The reason the class/id words ci give, or NULL. */
const char *html_class_reason(const char *ci);
/* 1 when ci holds a word of article content ("article", "noidung", ...). */
int html_class_positive(const char *ci);
/* The reason n's tag gives (nav, aside, footer, header, form, button, figcaption), or NULL. */
const char *html_tag_reason(const xmlNode *n);
/* The reason when text node t is a page label of lx (its trimmed text starts
 * with a label and is at most 24 bytes longer), or NULL; lx may be NULL. */
const char *html_label_reason(const lexicon *lx, const xmlNode *t);

#endif
