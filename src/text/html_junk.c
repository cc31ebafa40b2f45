/* html_junk — see html_junk.h. Class/id words are matched as substrings of
 * the lowercased class and id, or as whole tokens when written "=word". */
#include "html_junk.h"
#include <string.h>

static int is_space(const unsigned char *s) { return *s == ' ' || (*s >= '\t' && *s <= '\r'); }
static int is_alnum(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'); }

/* 1 when n is an element named in list (" a b c "). */
int html_among(const xmlNode *n, const char *list)
{
    char key[20];
    size_t l = n && n->type == XML_ELEMENT_NODE && n->name ? strlen((const char *)n->name) : sizeof key;
    if (l + 3 > sizeof key) return 0;
    key[0] = key[l + 1] = ' ';
    memcpy(key + 1, n->name, l);
    key[l + 2] = '\0';
    return strstr(list, key) != NULL;
}

/* class and id, lower case, in buf */
void html_class_id(const xmlNode *n, char *buf, size_t cap)
{
    size_t l = 0;
    for (int i = 0; i < 2; i++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)(i ? "id" : "class"));
        for (const xmlChar *p = v; p && *p && l + 2 < cap; p++)
            buf[l++] = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : (char)*p;
        if (l + 1 < cap)
            buf[l++] = ' ';
        xmlFree(v);
    }
    buf[l] = '\0';
}

/* 1 when ci holds one of the space-separated words: substrings, or whole tokens when written "=word". */
int html_class_has(const char *ci, const char *words)
{
    char w[32];
    if (!strcmp(ci, "  ")) return 0; /* no class, no id */
    for (const char *p = words; *p;) {
        size_t l = strcspn(p, " ");
        int whole = *p == '=';
        if (l - whole < sizeof w) {
            memcpy(w, p + whole, l - whole);
            w[l - whole] = '\0';
            for (const char *h = ci; (h = strstr(h, w)); h++)
                if (!whole || ((h == ci || !is_alnum(h[-1])) && !is_alnum(h[l - whole]))) return 1;
        }
        p += l + (p[l] == ' ');
    }
    return 0;
}

#define POSITIVE "article content detail body entry main post story text noidung chitiet fck"
/* Class/id words and the reason they give; the first six hold even beside a POSITIVE word. */
static const struct { const char *words, *why; } CLASSES[] = {
    {"comment binh-luan binhluan binh_luan y-kien", "comment section"},
    {"related lien-quan lienquan lien_quan tinkhac tin-khac xem-them xemthem doc-them docthem most-read xem-nhieu",
     "related articles"},
    {"share social print toolbar", "share and print buttons"},
    {"breadcrumb", "breadcrumb"}, {"footer", "page footer"}, {"caption", "image caption"},
    {"sidebar side-bar widget aside", "sidebar"}, {"menu =nav navbar navigation", "navigation"},
    {"header masthead topbar =logo", "page header"}, {"=tag =tags keyword", "tags"},
    {"banner advert quangcao sponsor =ads =ad =qc", "advertisement"}, {"popup modal newsletter", "popup"},
};

const char *html_class_reason(const char *ci)
{
    int positive = html_class_has(ci, POSITIVE);
    for (size_t i = 0; i < sizeof CLASSES / sizeof *CLASSES; i++)
        if ((i < 6 || !positive) && html_class_has(ci, CLASSES[i].words)) return CLASSES[i].why;
    return NULL;
}

const char *html_tag_reason(const xmlNode *n)
{
    static const struct { const char *tags, *why; } T[] = {
        {" nav menu ", "navigation"}, {" aside ", "sidebar"}, {" footer ", "page footer"}, {" header ", "page header"},
        {" form fieldset ", "form"}, {" button ", "button"}, {" figcaption ", "image caption"},
    };
    for (size_t i = 0; i < sizeof T / sizeof *T; i++)
        if (html_among(n, T[i].tags)) return T[i].why;
    return NULL;
}

int html_class_positive(const char *ci) { return html_class_has(ci, POSITIVE); }

/* A short text node that labels a block: "Tin liên quan", "Bình luận (3)". */
const char *html_label_reason(const lexicon *lx, const xmlNode *t)
{
    if (!lx || !t || !t->content) return NULL;
    const char *s = (const char *)t->content;
    while (is_space((const unsigned char *)s))
        s++;
    size_t n = strlen(s), nl;
    while (n && is_space((const unsigned char *)s + n - 1))
        n--;
    const lexicon_label *l = lexicon_page_labels(lx, &nl);
    for (size_t i = 0; i < nl; i++)
        if (n >= l[i].len && n <= l[i].len + 24 && !memcmp(s, l[i].text, l[i].len)) return l[i].why;
    return NULL;
}
