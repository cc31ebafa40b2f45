/* test_html — article extraction from saved news pages (tests/html/NAME.html
 * against NAME.txt), dropped pieces, keep_all, sniffing, hostile input.
 * Run from the repository root. */
#include "check.h"
#include "check_lexicon.h"
#include "html.h"
#include "lexicon.h"

static lexicon *LX;   /* the page labels of lexicon/page-labels.tsv, loaded by main */
#include <stdlib.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *b = malloc(cap + 1);
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap * 2 + 1);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    *len = n;
    return b;
}

/* Collapses runs of spaces and trims each line; drops empty lines. */
static void tidy(char *s)
{
    char *w = s;
    int sp = 0, bol = 1;
    for (char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\r') {
            sp = !bol;
            continue;
        }
        if (*r == '\n') {
            if (!bol)
                *w++ = '\n';
            bol = 1;
            sp = 0;
            continue;
        }
        if (sp)
            *w++ = ' ';
        sp = 0;
        bol = 0;
        *w++ = *r;
    }
    if (!bol)
        *w++ = '\n';
    *w = '\0';
}

static int has_dropped(const html_article *a, const char *why, const char *what_prefix)
{
    for (size_t i = 0; i < a->ndropped; i++)
        if (!strcmp(a->dropped[i].why, why) &&
            (!what_prefix || !strncmp(a->dropped[i].what, what_prefix, strlen(what_prefix))))
            return 1;
    return 0;
}

static void show_dropped(const html_article *a)
{
    for (size_t i = 0; i < a->ndropped; i++)
        printf("  dropped [%s] %s\n", a->dropped[i].why, a->dropped[i].what);
}

typedef struct page {
    const char *name;
    const char *comment, *related; /* a prefix of the dropped text, for each */
    const char *kept_only_with_all; /* text that keep_all keeps */
} page;

static void test_page(const page *p)
{
    char path[256], err[256], what[300];
    size_t hl, tl;
    snprintf(path, sizeof path, "tests/html/%s.html", p->name);
    char *html = slurp(path, &hl);
    snprintf(path, sizeof path, "tests/html/%s.txt", p->name);
    char *want = slurp(path, &tl);
    snprintf(what, sizeof what, "%s: pages readable", p->name);
    CHECK(html && want, what);
    if (!html || !want) {
        free(html);
        free(want);
        return;
    }
    snprintf(what, sizeof what, "%s: looks like HTML", p->name);
    CHECK(html_sniff(html, hl), what);

    html_article a;
    snprintf(what, sizeof what, "%s: extract", p->name);
    CHECK(html_extract(html, hl, 0, LX, &a, err, sizeof err) == 0, what);
    CHECK(a.text && strlen(a.text) == a.len, "text length");
    char *got = strdup(a.text ? a.text : "");
    tidy(got);
    tidy(want);
    /* line by line, so a mismatch names the line */
    char *g = got, *w = want;
    int line = 1, same = 1;
    while (*g || *w) {
        char *ge = strchr(g, '\n'), *we = strchr(w, '\n');
        if (ge)
            *ge = '\0';
        if (we)
            *we = '\0';
        snprintf(what, sizeof what, "%s.txt line %d", p->name, line);
        if (strcmp(g, w))
            same = 0;
        CHECK_STR(g, w, what);
        g = ge ? ge + 1 : g + strlen(g);
        w = we ? we + 1 : w + strlen(w);
        line++;
    }
    if (!same || getenv("SHOW")) {
        printf("--- %s: extracted text:\n%s--- dropped:\n", p->name, a.text ? a.text : "");
        show_dropped(&a);
    }
    snprintf(what, sizeof what, "%s: comment section dropped (\"%s\")", p->name, p->comment);
    CHECK(has_dropped(&a, "comment section", p->comment), what);
    snprintf(what, sizeof what, "%s: related list dropped (\"%s\")", p->name, p->related);
    CHECK(has_dropped(&a, "related articles", p->related), what);
    if (!has_dropped(&a, "comment section", p->comment) || !has_dropped(&a, "related articles", p->related))
        show_dropped(&a);
    html_article_free(&a);
    CHECK(a.text == NULL && a.ndropped == 0, "free zeroes the article");

    html_article all;
    snprintf(what, sizeof what, "%s: keep_all", p->name);
    CHECK(html_extract(html, hl, 1, LX, &all, err, sizeof err) == 0, what);
    snprintf(what, sizeof what, "%s: keep_all keeps \"%s\", the comments and the related list", p->name,
             p->kept_only_with_all);
    CHECK(all.text && strstr(all.text, p->kept_only_with_all) && strstr(all.text, p->comment) &&
              strstr(all.text, p->related) && all.ndropped == 0,
          what);
    snprintf(what, sizeof what, "%s: keep_all starts with the headline", p->name);
    CHECK(all.text && !strncmp(all.text, want, strlen(want)) && all.text[strlen(want)] == '\n', what); /* want: its first line now */
    snprintf(what, sizeof what, "%s: keep_all has no script or style text", p->name);
    CHECK(all.text && !strstr(all.text, "function") && !strstr(all.text, "{"), what);
    html_article_free(&all);
    free(got);
    free(want);
    free(html);
}

static void test_sniff(void)
{
    CHECK(html_sniff("<!DOCTYPE html><html>", 21), "doctype");
    CHECK(html_sniff("\xEF\xBB\xBF  \n<div class=x>hi</div>", 27), "BOM, blanks, div");
    CHECK(html_sniff("<p>Đoạn văn</p>", strlen("<p>Đoạn văn</p>")), "a paragraph");
    CHECK(html_sniff("<!-- saved from url -->\n<html>", 30), "saved-page comment");
    const char *plain = "Ngày 23/4/2021, UBND tỉnh và VNPT ký kết hợp tác <về> VT-CNTT.\n";
    CHECK(!html_sniff(plain, strlen(plain)), "plain text is not HTML");
    CHECK(!html_sniff("1 < 2 <p> not first\n", 20), "text that starts with no tag");
    CHECK(!html_sniff("<3 em yêu\n", 10), "a heart is not a tag");
    CHECK(!html_sniff("", 0) && !html_sniff(NULL, 0), "empty");
}

/* 100,000 nested <div>s (and as many unclosed <b>s): no crash, no deep recursion. */
static void test_deep(void)
{
    const int depth = 100000;
    const char *open = "<div class=\"c\">", *close = "</div>";
    size_t ol = strlen(open), cl = strlen(close);
    const char *mid = "<p>Đoạn văn ở rất sâu, có dấu phẩy, đủ dài để được tính điểm nội dung.</p>";
    size_t n = 64 + depth * (ol + cl) + strlen(mid);
    char *doc = malloc(n), *p = doc;
    if (!doc)
        return;
    p += sprintf(p, "<html><body><h1>Tiêu đề</h1>");
    for (int i = 0; i < depth; i++, p += ol)
        memcpy(p, open, ol);
    p += sprintf(p, "%s", mid);
    for (int i = 0; i < depth; i++, p += cl)
        memcpy(p, close, cl);
    html_article a;
    char err[256];
    int rc = html_extract(doc, (size_t)(p - doc), 0, LX, &a, err, sizeof err);
    CHECK(rc == 0 && a.text && !strncmp(a.text, "Tiêu đề\n", strlen("Tiêu đề\n")), "100,000 nested divs");
    html_article_free(&a);
    rc = html_extract(doc, (size_t)(p - doc), 1, LX, &a, err, sizeof err);
    CHECK(rc == 0, "100,000 nested divs, keep_all");
    html_article_free(&a);

    p = doc;
    p += sprintf(p, "<html><body><div>");
    for (int i = 0; i < depth; i++)
        p += sprintf(p, "<b>%s", i % 1000 ? "" : "chữ, ");
    rc = html_extract(doc, (size_t)(p - doc), 0, LX, &a, err, sizeof err);
    CHECK(rc == 0, "100,000 unclosed <b>");
    html_article_free(&a);
    free(doc);
}

static void test_garbage(void)
{
    html_article a;
    char err[256];
    CHECK(html_extract("", 0, 0, LX, &a, err, sizeof err) == 0 && a.len == 0, "empty input: empty text");
    html_article_free(&a);
    CHECK(html_extract(NULL, 0, 1, LX, &a, err, sizeof err) == 0 && a.len == 0, "NULL input");
    html_article_free(&a);
    unsigned char junk[4096];
    unsigned x = 12345;
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < sizeof junk; i++) {
            x = x * 1103515245u + 12345u;
            junk[i] = (unsigned char)(x >> 16);
            if (round % 2 && (x >> 8) % 7 == 0)
                junk[i] = "<>/=\"&;p"[(x >> 3) % 8];
        }
        int rc = html_extract((const char *)junk, sizeof junk, round % 3 == 0, LX, &a, err, sizeof err);
        CHECK(rc == 0 && a.text, "garbage bytes do not crash");
        html_article_free(&a);
    }
    const char *bad = "<html><head><meta charset=\"no-such-charset\"></head><body><h1>Tin \xff\xfe nhanh</h1>"
                      "<p>Một &#0; &#xD800; &bogus; \x00 đoạn</p></body></html>";
    CHECK(html_extract(bad, 130, 0, LX, &a, err, sizeof err) == 0 && a.text, "bad charset, bad bytes, bad entities");
    html_article_free(&a);
    const char *latin = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                        "</head><body><h1>Caf\xe9 Ph\xe1p</h1></body></html>";
    CHECK(html_extract(latin, strlen(latin), 0, LX, &a, err, sizeof err) == 0 && a.text, "windows-1252 page");
    CHECK_STR(a.text, "Caf\xc3\xa9 Ph\xc3\xa1p\n", "windows-1252 decoded to UTF-8");
    html_article_free(&a);
    html_article_free(NULL);
}

/* The labels come from the lexicon: without one, a "Tin liên quan" block is
 * left out only as outside the article; with it, as related articles. */
static int dropped_as(const html_article *a, const char *why)
{
    for (size_t i = 0; i < a->ndropped; i++)
        if (!strcmp(a->dropped[i].why, why) && strstr(a->dropped[i].what, "Tin liên quan"))
            return 1;
    return 0;
}

static void test_labels(void)
{
    static const char doc[] =
        "<html><body><article><p>Xe buýt điện chạy thử trên đường phố Hà Nội, chở khách miễn phí, "
        "theo sở giao thông vận tải thành phố.</p></article>"
        "<div><p>Tin liên quan</p><p>Một bài khác</p></div></body></html>";
    char err[256];
    html_article a;
    CHECK(html_extract(doc, strlen(doc), 0, NULL, &a, err, sizeof err) == 0, "no lexicon: extracts");
    CHECK(!dropped_as(&a, "related articles") && dropped_as(&a, "outside the article"),
          "no lexicon: no page labels");
    html_article_free(&a);
    CHECK(html_extract(doc, strlen(doc), 0, LX, &a, err, sizeof err) == 0, "lexicon: extracts");
    CHECK(dropped_as(&a, "related articles"), "page labels come from page-labels.tsv");
    html_article_free(&a);
}

int main(void)
{
    static const page pages[] = {
        {"article", "Bình luận (2)", "Tin liên quan", "Xe buýt điện chạy thử trên đường"},
        {"nested", "Bình luận", "Xem thêm:", "Từ khóa"},
        {"table", "Ý kiến bạn đọc", "Tin liên quan:", "Trang nhất"},
        {"br", "Gửi bình luận", "Đọc thêm", "Chia sẻ lên Facebook"},
    };
    LX = check_lexicon();
    if (!LX)
        return check_done();
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
        test_page(&pages[i]);
    test_sniff();
    test_deep();
    test_garbage();
    test_labels();
    lexicon_free(LX);
    return check_done();
}
