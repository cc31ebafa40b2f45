/* fuzz_html — arbitrary bytes through the HTML article reader: html_sniff,
 * then html_extract with and without keep_all. Checks the documented output
 * contract: text is len bytes and NUL-terminated, with no empty lines and
 * every line ending in '\n'; keep_all drops nothing; every dropped piece has
 * its what and why; a failure has a message and an empty article. */
#include "fuzz_common.h"
#include "html.h"
#include "lexicon.h"

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_html: %s\n", what);
    abort();
}

static void check(const html_article *a, int keep_all)
{
    if (a->len && !a->text)
        fail("len without text");
    if (a->text) {
        if (a->text[a->len] != '\0')
            fail("text is not NUL-terminated at len");
        if (memchr(a->text, '\0', a->len))
            fail("NUL byte inside the text");
        if (a->len && a->text[a->len - 1] != '\n')
            fail("the last line does not end in a newline");
        if (a->len && a->text[0] == '\n')
            fail("empty first line");
        for (size_t i = 1; i < a->len; i++)
            if (a->text[i] == '\n' && a->text[i - 1] == '\n')
                fail("empty line in the text");
    }
    if (keep_all && a->ndropped)
        fail("keep_all dropped something");
    if (a->ndropped && !a->dropped)
        fail("ndropped without dropped");
    for (size_t i = 0; i < a->ndropped; i++) {
        if (!a->dropped[i].what || !a->dropped[i].why)
            fail("dropped entry without what or why");
        fuzz_touch(a->dropped[i].what, strlen(a->dropped[i].what));
        fuzz_touch(a->dropped[i].why, strlen(a->dropped[i].why));
    }
}

/* the bundled lexicon, for its page labels: loaded once, kept for the run */
static const lexicon *labels(void)
{
    static lexicon *lx;
    if (!lx) {
        char dir[1200], err[512];
        snprintf(dir, sizeof dir, "%s/lexicon", fuzz_data_dir());
        if (!(lx = lexicon_load(dir, NULL, err, sizeof err)))
            fail(err);
    }
    return lx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size heap copy, so a read past the end is caught */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
    (void)html_sniff(buf, size);
    for (int keep_all = 0; keep_all <= 1; keep_all++) {
        html_article a;
        memset(&a, 0xA5, sizeof a); /* the reader must set every field */
        char err[512];
        err[0] = '\0';
        if (html_extract(buf, size, keep_all, labels(), &a, err, sizeof err)) {
            if (!err[0])
                fail("html_extract failed with no message");
            if (a.len || a.ndropped)
                fail("html_extract failed but left a non-empty article");
        } else {
            check(&a, keep_all);
        }
        html_article_free(&a);
        if (a.text || a.len || a.dropped || a.ndropped)
            fail("html_article_free did not zero the article");
    }
    free(buf);
    return 0;
}
