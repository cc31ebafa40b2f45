/* html — the article of a saved news web page, as plain text lines.
 * Parses with libxml2's HTML parser (recovering, no network), finds the
 * headline (h1, a "title" element matching og:title/<title>, og:title,
 * <title>), the sapo/lead, and the body: the container with the most
 * paragraph text (readability-style scoring: commas and length of each
 * paragraph, class/id names, link density). Navigation, scripts, styles,
 * header/footer/nav/aside/form, share buttons, related lists ("Tin liên
 * quan", "Xem thêm"), comment sections ("Bình luận") are left out, and each
 * left-out piece is listed with the reason.
 *
 * Output: the headline as the first line (no punctuation added), the sapo,
 * then one line per paragraph (each <p> or other block; <br> breaks a
 * line). Whitespace (and no-break spaces) collapsed, every line ends in
 * '\n', no empty lines. The text is UTF-8 but not NFC-normalized.
 * Tree walks are iterative: nesting depth costs no stack. No global state. */
#ifndef DOCBAO_HTML_H
#define DOCBAO_HTML_H
#include <stddef.h>
#include "lexicon.h"

/* One left-out piece: what = its first 60 characters ("…" when cut),
 * why = the reason ("comment section", "related articles", "navigation",
 * "page footer", "share and print buttons", "outside the article", ...).
 * Both malloc'd, owned by the html_article. */
typedef struct html_dropped {
    char *what;
    char *why;
} html_dropped;

/* text: malloc'd, NUL-terminated, len bytes. dropped: malloc'd array of
 * ndropped entries (NULL when none; always none with keep_all). */
typedef struct html_article {
    char *text;
    size_t len;
    html_dropped *dropped;
    size_t ndropped;
} html_article;

/* Extracts the article text from an HTML document in memory. keep_all: keep
 * every text block of the body in document order (no dropping; scripts and
 * styles still skipped). The encoding is UTF-8 unless a BOM or a
 * <meta charset> says otherwise; invalid UTF-8 bytes become U+FFFD.
 * lx gives the page labels (lexicon/page-labels.tsv: "Tin liên quan",
 * "Bình luận"...) that mark a block as left out; NULL: labels are not used.
 * Returns 0, or -1 with a message in err (then *out is empty). A page with
 * no text gives 0 and an empty text. The caller frees with html_article_free. */
int html_extract(const char *html, size_t len, int keep_all, const lexicon *lx, html_article *out, char *err,
                 size_t errlen);

/* Frees what html_extract allocated and zeroes *a; NULL and a zeroed article are fine. */
void html_article_free(html_article *a);

/* 1 when the bytes look like HTML (a doctype, <html, <head, <body, <p,
 * <div, <article, <table, <meta or <title tag within the first 1024 bytes,
 * after a BOM and blanks, or an HTML comment start), else 0. */
int html_sniff(const char *buf, size_t len);

#endif
