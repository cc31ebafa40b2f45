/* test_stages — reader, cleanup, tokens, lexicon loader: one stage at a time. */
#include "check.h"
#include "cleanup.h"
#include "lexicon.h"
#include "reader.h"
#include "token.h"
#include "tsv.h"
#include "verbalize.h"
#include <stdlib.h>
#include <unistd.h>

static int warnings;
static unsigned long long last_offset;
static void warn(void *u, const char *name, unsigned long long off, const char *msg)
{
    (void)u; (void)name; (void)msg;
    warnings++;
    last_offset = off;
}

static void test_reader(void)
{
    const char text[] = "ab\xff" "c\nline2\r\n\nend";
    FILE *f = fmemopen((void *)text, sizeof text - 1, "rb");
    reader r;
    reader_init(&r, f, "mem", warn, NULL);
    strbuf b = {0};
    int eol;
    CHECK(reader_next(&r, &b, &eol) == 1 && eol, "first line");
    CHECK_STR(strbuf_str(&b), "ab\xEF\xBF\xBD" "c", "invalid byte replaced by U+FFFD");
    CHECK(warnings == 1 && last_offset == 2, "invalid byte reported at offset 2");
    CHECK(reader_next(&r, &b, &eol) == 1, "second line");
    CHECK_STR(strbuf_str(&b), "line2", "CRLF stripped");
    CHECK(reader_next(&r, &b, &eol) == 1 && b.len == 0, "empty line kept");
    CHECK(reader_next(&r, &b, &eol) == 1, "last line without newline");
    CHECK_STR(strbuf_str(&b), "end", "last line");
    CHECK(reader_next(&r, &b, &eol) == 0, "end of input");
    reader_free(&r);
    fclose(f);

    const char bin[] = "abc\0def";
    f = fmemopen((void *)bin, sizeof bin - 1, "rb");
    reader_init(&r, f, "bin", warn, NULL);
    CHECK(reader_next(&r, &b, &eol) == -1, "a NUL byte stops the reader");
    reader_free(&r);
    fclose(f);

    /* a line longer than a piece is cut at a space, pieces not ending the line */
    size_t n = READER_MAX_PIECE * 3;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i++)
        big[i] = i % 7 == 6 ? ' ' : 'a';
    f = fmemopen(big, n, "rb");
    reader_init(&r, f, "big", warn, NULL);
    size_t total = 0, pieces = 0;
    int got;
    while ((got = reader_next(&r, &b, &eol)) == 1) {
        total += b.len;
        pieces++;
        CHECK(b.len <= READER_MAX_PIECE, "piece within the bound");
    }
    CHECK(total == n && pieces >= 3, "every byte of a long line is given once");
    reader_free(&r);
    fclose(f);
    free(big);
    strbuf_free(&b);
}

static void test_cleanup(void)
{
    static const struct { const char *in, *want; } C[] = {
        {"Ho\xCC\x80" "a", "Hoà"},                   /* NFD to NFC, then new tone place */
        {"\xE2\x80\x9CGia \xC4\x91\xC3\xACnh\xE2\x80\x9D", "\"Gia đình\""},
        {"2021\xE2\x80\x93" "2025", "2021-2025"},
        {"a\xC2\xA0" "b\xE2\x80\x8B" "c", "a bc"},
        {"L\xC3\xAA \xE2\x80\xA2 13:25", "Lê , 13:25"},
        {"h\xE1\xBB\x8D" "a s\xC4\xA9", "hoạ sĩ"},
        {"ho\xC3\xA0n", "hoàn"},
    };
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        strbuf b = {0};
        offmap m = {0};
        CHECK(cleanup_text(C[i].in, strlen(C[i].in), &b, &m) == 0, "cleanup runs");
        CHECK_STR(strbuf_str(&b), C[i].want, C[i].in);
        CHECK(m.len == b.len && offmap_source(&m, strbuf_str(&b), b.len) == strlen(C[i].in), "the map covers every output byte and the end");
        strbuf_free(&b);
        offmap_free(&m);
    }
}

static void test_cleanup_map(void)
{
    const char *in = "A\xC2\xA0" "b \xE2\x80\xA2 c"; /* A, no-break space, b, bullet, c */
    strbuf b = {0};
    offmap m = {0};
    cleanup_text(in, strlen(in), &b, &m);
    CHECK_STR(strbuf_str(&b), "A b , c", "mapped text");
    const char *o = strbuf_str(&b);
    CHECK(offmap_source(&m, o, 2) == 3 && offmap_source(&m, o, 4) == 5 && offmap_source(&m, o, 6) == 9, "offsets point into the source");
    strbuf_free(&b);
    offmap_free(&m);
    /* every byte of a mixed text: runs (with two-byte characters), a
     * replacement, a moved tone, a decomposed character */
    in = "\xC4\x90\xE1\xBA\xA1i \xE2\x80\x9C" "h\xC3\xB2" "a\xE2\x80\x9D ho\xCC\x80" "n x";
    const size_t want[] = {0, 0, 2, 2, 2, 5, 6, 7, 10, 11, 11, 11, 14, 17, 18, 19, 19, 22, 23, 24, 25};
    cleanup_text(in, strlen(in), &b, &m);
    o = strbuf_str(&b);
    CHECK_STR(o, "Đại \"hoà\" hòn x", "mixed text");
    int all = b.len + 1 == sizeof want / sizeof *want;
    for (size_t k = 0; all && k <= b.len; k++)
        all = offmap_source(&m, o, k) == want[k];
    CHECK(all, "every output byte points to the first byte of its source character");
    strbuf_free(&b);
    offmap_free(&m);
}

static void test_tokens(lexicon *lx)
{
    const char *s = "Tại TP. Hồ Chí Minh, (VNPT) có 12.000 người. Ông A. Nguyễn đến.";
    tokvec tv = {0};
    CHECK(tokenize(lx, s, strlen(s), &tv) == 0, "tokenize");
    CHECK(tv.n == 13, "13 tokens");
    CHECK(tv.v[1].core.n == 3 && !memcmp(tv.v[1].core.s, "TP.", 3), "TP. keeps its period");
    CHECK(tv.v[4].core.n == 4 && tv.v[4].post.n == 1, "Minh, peels the comma");
    CHECK(tv.v[5].pre.n == 1 && tv.v[5].core.n == 4, "(VNPT) peels the brackets");
    CHECK(tv.v[7].core.n == 6, "12.000 stays whole");
    size_t end = sentence_end(tv.v, tv.n, 0);
    CHECK(end == 9, "the first sentence ends after người.");
    CHECK(sentence_end(tv.v, tv.n, end) == tv.n, "A. is an initial, not a sentence end");
    tokvec_free(&tv);
}

static int count_rows(void *user, const char *const *cells, char *err, size_t errlen)
{
    (void)cells; (void)err; (void)errlen;
    (*(int *)user)++;
    return 0;
}

static void test_tsv(void)
{
    char path[] = "/tmp/docbao-tsv-XXXXXX";
    int fd = mkstemp(path);
    const char *bad = "# comment\nkey\tkind\treading\nUBND\texpand\tủy ban nhân dân\nX\texpand\n";
    CHECK(write(fd, bad, strlen(bad)) == (ssize_t)strlen(bad), "write");
    close(fd);
    static const char *const COLS[] = {"key", "kind", "reading"};
    char err[256] = "";
    int rows = 0;
    CHECK(tsv_load(path, COLS, 3, count_rows, &rows, err, sizeof err) == -1, "a short row is an error");
    CHECK(strstr(err, ":4:") != NULL, "the error names line 4");
    FILE *f = fopen(path, "w");
    fputs("key\tkind\treading\nHo\xCC\x80" "a\texpand\tx\n", f);
    fclose(f);
    CHECK(tsv_load(path, COLS, 3, count_rows, &rows, err, sizeof err) == -1 && strstr(err, "NFC"), "non-NFC text is an error");
    unlink(path);
}

/* the last resort for a span no rule reads: words for every letter and digit */
static void test_fallback(const lexicon *lx)
{
    static const struct { const char *in, *want; } CASES[] = {
        {"-019", "không một chín"},           /* a negative year once failed here */
        {"VT-CNTT", "vê tê xê en tê tê"},
        {"3x", "ba ích"},
        {"☃", ""},                          /* nothing to say: empty, but no error */
    };
    verbalize_ctx vc = {lx, DIALECT_NORTH, 0, 0, NULL, NULL, lexicon_number_words(lx, DIALECT_NORTH)};
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        strbuf out = {0};
        int rc = verbalize_fallback(&vc, (slice){CASES[i].in, strlen(CASES[i].in)}, &out);
        const char *got = strbuf_str(&out);
        while (*got == ' ')
            got++;
        CHECK(rc == 0, CASES[i].in);
        CHECK_STR(got, CASES[i].want, CASES[i].in);
        strbuf_free(&out);
    }
}

int main(void)
{
    char err[512];
    lexicon *lx = lexicon_load("lexicon", NULL, err, sizeof err);
    CHECK(lx != NULL, err);
    test_reader();
    test_cleanup();
    test_cleanup_map();
    if (lx)
        test_tokens(lx);
    if (lx)
        test_fallback(lx);
    test_tsv();
    lexicon_free(lx);
    return check_done();
}
