/* test_ahead — the threaded normalizer gives exactly what the plain one
 * gives, in the same order, with any number of workers, and stops cleanly. */
#include "ahead.h"
#include "check.h"
#include <stdlib.h>

/* the sentences as one string: written, spoken and marks per record */
static int add_plain(void *user, const char *w, size_t wl, const char *s, size_t sl)
{
    strbuf *b = user;
    return strbuf_append(b, w, wl) || strbuf_putc(b, '|') || strbuf_append(b, s, sl) || strbuf_puts(b, "|0|h\n");
}

struct got {
    strbuf b;
    int stop_after, calls;
};

static int add_ahead(void *user, const ahead_sentence *s)
{
    struct got *g = user;
    if (g->stop_after && g->calls >= g->stop_after)
        return 8; /* called after a stop */
    g->calls++;
    if (s->line_end)
        return strbuf_puts(&g->b, "|1|\n") ? -1 : g->stop_after && g->calls >= g->stop_after ? 7 : 0;
    if (strbuf_append(&g->b, s->written, s->written_len) || strbuf_putc(&g->b, '|') ||
        strbuf_append(&g->b, s->spoken, s->spoken_len) || strbuf_puts(&g->b, "|0|h\n"))
        return -1;
    return g->stop_after && g->calls >= g->stop_after ? 7 : 0;
}

/* a varied text: lines of news with numbers that change from line to line */
static void make_text(strbuf *t, int lines)
{
    static const char *const forms[] = {
        "Ngày %d/4/2021, UBND tỉnh họp bàn %d.000 tỷ đồng cho 3,%d%% dự án.",
        "Lúc %dh30, đoàn %d người đến TP.HCM; giá xăng RON95 tăng %d đồng.",
        "Đại hội XIII diễn ra từ %d đến %d/2, theo văn bản số %d-CV/TU",
        "GDP quý II tăng %d,5%%, cao hơn mức %d,2%% của năm %d.",
        "",
        "Covid-19: %d ca mới, %d ca khỏi, %d ca tử vong. Hotline 1900 %d.",
    };
    for (int k = 0; k < lines; k++) {
        char line[256];
        const char *f = forms[k % 6];
        snprintf(line, sizeof line, f, k % 28 + 1, k % 997, k % 13 + 1, k);
        strbuf_puts(t, line);
        strbuf_putc(t, '\n');
    }
}

static void plain_run(const lexicon *lx, const strbuf *text, strbuf *out)
{
    normalizer nz;
    normalizer_init(&nz, lx, DIALECT_NORTH);
    const char *s = strbuf_str(text);
    for (size_t i = 0; i < text->len;) {
        const char *nl = memchr(s + i, '\n', text->len - i);
        size_t e = (size_t)(nl - s);
        if (normalize_piece(&nz, s + i, e - i, add_plain, out))
            CHECK(0, "plain normalizer");
        strbuf_puts(out, "|1|\n");
        i = e + 1;
    }
    normalizer_free(&nz);
}

static int ahead_run(const lexicon *lx, const strbuf *text, int workers, struct got *g)
{
    normalizer proto;
    normalizer_init(&proto, lx, DIALECT_NORTH);
    ahead *a = ahead_new(&proto, workers);
    CHECK(a != NULL, "ahead_new");
    if (!a)
        return -1;
    const char *s = strbuf_str(text);
    int rc = 0;
    for (size_t i = 0; i < text->len && !rc;) {
        const char *nl = memchr(s + i, '\n', text->len - i);
        size_t e = (size_t)(nl - s);
        rc = ahead_push(a, s + i, e - i, 1, 1, add_ahead, g);
        i = e + 1;
    }
    if (!rc)
        rc = ahead_finish(a, add_ahead, g);
    ahead_free(a);
    return rc;
}

int main(void)
{
    char err[256];
    lexicon *lx = lexicon_load("lexicon", NULL, err, sizeof err);
    if (!lx) {
        printf("FAIL lexicon: %s\n", err);
        return 1;
    }
    strbuf text = {0}, want = {0};
    make_text(&text, 12000); /* about 700 KB: a dozen batches */
    plain_run(lx, &text, &want);
    CHECK(want.len > text.len, "the plain run says more than is written");
    for (int w = 1; w <= 3; w++) {
        struct got g = {{0}, 0, 0};
        CHECK(ahead_run(lx, &text, w, &g) == 0, "ahead runs to the end");
        char what[64];
        snprintf(what, sizeof what, "%d worker(s): the same sentences in the same order", w);
        CHECK(g.b.len == want.len && !memcmp(strbuf_str(&g.b), strbuf_str(&want), want.len), what);
        strbuf_free(&g.b);
    }
    /* a caller that stops in the middle gets its value back, and nothing leaks */
    struct got g = {{0}, 5000, 0};
    CHECK(ahead_run(lx, &text, 2, &g) == 7, "a stop returns the caller's value");
    CHECK(g.calls == 5000, "no sentence after the stop");
    strbuf_free(&g.b);
    /* nothing pushed: finish at once */
    normalizer proto;
    normalizer_init(&proto, lx, DIALECT_NORTH);
    ahead *a = ahead_new(&proto, 2);
    struct got e = {{0}, 0, 0};
    CHECK(a && ahead_finish(a, add_ahead, &e) == 0 && e.calls == 0, "an empty run gives nothing");
    ahead_free(a);
    ahead_free(NULL);
    strbuf_free(&text);
    strbuf_free(&want);
    lexicon_free(lx);
    return check_done();
}
