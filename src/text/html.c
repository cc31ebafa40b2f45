/* html — the article of a saved news page (see html.h). Iterative passes over
 * the libxml2 tree (node->_private indexes an info array in document order):
 * 1. lengths, link text, first text bottom-up; skipped/unlikely flags top-down;
 * 2. headline, sapo; 3. readability scoring (1 + commas + min(len/100, 3) per
 * block, for its container and, divided, two above; class/id weight; times
 * 1 - link density); 4. emission: outside the body everything is dropped with
 * a reason, inside it blocks become lines and junk is dropped. */
#include "html.h"
#include "html_bytes.h"
#include "html_junk.h"
#include "vec.h"
#include "strbuf.h"
#include "utf8.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTML_MAX_BYTES (256u << 20)
#define MAX_DROPPED 1000
#define WHAT_CHARS 60
#define ANCESTOR_STEPS 64

enum { F_SKIP = 1, F_UNLIKELY = 2, F_BLOCKKID = 4, F_SCORED = 8, F_ANC = 16, F_ROOT = 32 };

typedef struct ninfo {
    xmlNode *node;
    size_t text, link, own, commas; /* collapsed bytes: all, inside <a>, in this block itself */
    const xmlNode *first;           /* first non-blank text node below */
    double score;
    unsigned flags;
} ninfo;

typedef struct ctx {
    ninfo *info;
    size_t n, root_text, ndrop;
    xmlNode *body, *headline, *sapo, *root_in, *sub_out, *label_parent;
    const char *label_why;
    strbuf out, line, head, sapo_text;
    int pend, all, oom, head_dup, sapo_dup;
    html_dropped *drop;
    size_t capdrop;
    const lexicon *lx;   /* the page labels (lexicon/page-labels.tsv); NULL: none */
} ctx;

/* ---- small helpers ---- */

static ninfo *I(const ctx *c, const xmlNode *n)
{
    uintptr_t k = n && n->type == XML_ELEMENT_NODE ? (uintptr_t)n->_private : 0;
    return k && k <= c->n ? &c->info[k - 1] : NULL;
}

#define BLOCKS " address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure " \
               "footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary " \
               "table tbody thead tfoot tr td th ul caption legend "
#define SKIPS " script style noscript template head title meta link svg canvas select option object embed map " \
              "audio video iframe frame textarea input img "
static int is_block(const xmlNode *n) { return html_among(n, BLOCKS); }
static int is_text(const xmlNode *n) { return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE; }
static int is_space(const unsigned char *s) { return *s == ' ' || (*s >= '\t' && *s <= '\r'); }
static double link_density(const ninfo *f) { return f->text ? (double)f->link / (double)f->text : 0; }

/* Appends text with whitespace runs (and U+00A0) collapsed into one space. */
static int put_text(strbuf *b, int *pend, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p;) {
        size_t k = 0;
        while (p[k] && !is_space(p + k) && !(p[k] == 0xC2 && p[k + 1] == 0xA0))
            k++;
        if (!k) {
            *pend = 1;
            p += *p == 0xC2 ? 2 : 1;
            continue;
        }
        if ((*pend && b->len && strbuf_putc(b, ' ')) || strbuf_append(b, (const char *)p, k)) return -1;
        *pend = 0;
        p += k;
    }
    return 0;
}

static size_t collapsed_len(const char *s, size_t *commas)
{
    size_t n = 0;
    int sp = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        n += !sp || !is_space(p);
        *commas += *p == ',';
        sp = is_space(p);
    }
    return n;
}

/* Cuts b after max code points, with "…" when something was cut. */
static int cut_chars(strbuf *b, size_t max)
{
    size_t i = 0;
    for (size_t cps = 0; i < b->len && cps < max; cps++) {
        i++;
        while (i < b->len && ((unsigned char)b->s[i] & 0xC0) == 0x80)
            i++;
    }
    if (i >= b->len) return 0;
    b->s[b->len = i] = '\0';
    return strbuf_puts(b, "…");
}

/* Iterative walk of root's subtree: enter returns 1 to go into the children,
 * 0 to skip them, -1 to stop; leave (may be NULL) follows the children. */
typedef int (*enter_fn)(xmlNode *n, void *u);
typedef void (*leave_fn)(xmlNode *n, void *u);
static void walk(xmlNode *root, enter_fn enter, leave_fn leave, void *u)
{
    xmlNode *n = root;
    for (;;) {
        int down = enter(n, u);
        if (down < 0) return;
        if (down && n->children) {
            n = n->children;
            continue;
        }
        if (leave) leave(n, u);
        while (n != root && !n->next) {
            n = n->parent;
            if (leave) leave(n, u);
        }
        if (n == root) return;
        n = n->next;
    }
}

/* ---- text of a subtree, collapsed, at most max code points ---- */
typedef struct collect { const ctx *c; strbuf *b; int pend; size_t max, budget; } collect;

static int collect_enter(xmlNode *n, void *u)
{
    collect *k = u;
    if (!k->budget--) return -1;
    if (is_text(n)) {
        put_text(k->b, &k->pend, (const char *)n->content);
        return k->b->len > k->max && utf8_len(k->b->s, k->b->len) > k->max ? -1 : 0;
    }
    ninfo *f = I(k->c, n);
    if (!f || (f->flags & F_SKIP)) return 0;
    k->pend |= is_block(n) || html_among(n, " br ");
    return 1;
}

static int collect_text(const ctx *c, xmlNode *n, strbuf *b, size_t max)
{
    collect k = {c, b, 0, max, 200000};
    strbuf_clear(b);
    walk(n, collect_enter, NULL, &k);
    return cut_chars(b, max);
}

/* ---- class/id, labels, reasons ---- */

/* Why n is left out (tag, class/id, label), or NULL; *by_label when a label says so. */
static const char *junk(const ctx *c, xmlNode *n, int *by_label)
{
    char ci[256];
    const char *why = html_tag_reason(n);
    *by_label = 0;
    if (why) return why;
    html_class_id(n, ci, sizeof ci);
    if ((why = html_class_reason(ci))) return why;
    *by_label = 1;
    return html_label_reason(c->lx, I(c, n)->first);
}

/* ---- pass 1: numbering, lengths, flags ---- */

static int hidden(const xmlNode *n)
{
    char buf[200];
    size_t l = 0;
    xmlChar *st = xmlGetProp(n, (const xmlChar *)"style");
    for (const xmlChar *p = st; p && *p && l + 1 < sizeof buf; p++)
        if (*p != ' ') buf[l++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    buf[l] = '\0';
    xmlFree(st);
    return xmlHasProp(n, (const xmlChar *)"hidden") || strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

typedef struct numbering { ctx *c; size_t i; } numbering;

static int number_enter(xmlNode *n, void *u)
{
    numbering *k = u;
    ctx *c = k->c;
    if (n->type == XML_ELEMENT_NODE && k->i == c->n) { /* grow: pointers are taken after this */
        size_t had = c->n; /* c->n is the capacity while numbering */
        if (VEC_RESERVE(c->info, c->n, had + 1)) return c->oom = 1, -1;
        memset(c->info + had, 0, (c->n - had) * sizeof *c->info);
    }
    ninfo *p = I(c, n->parent);
    if (is_text(n)) {
        size_t commas = 0, len = p && !(p->flags & F_SKIP) && n->content
                                     ? collapsed_len((const char *)n->content, &commas) : 0;
        if (!len) return 0;
        p->text += len;
        if (!p->first) p->first = n;
        xmlNode *b = n->parent;
        for (int s = 0; b && !is_block(b) && s < ANCESTOR_STEPS; s++)
            b = b->parent;
        ninfo *bf = is_block(b) ? I(c, b) : NULL;
        if (bf) bf->own += len, bf->commas += commas;
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE) return 0;
    ninfo *f = &c->info[k->i++];
    n->_private = (void *)(uintptr_t)k->i;
    f->node = n;
    f->flags = p ? p->flags & (F_SKIP | F_UNLIKELY) : 0;
    if (html_among(n, SKIPS) || hidden(n)) f->flags |= F_SKIP;
    if (!html_among(n, " html body ") && !(f->flags & F_UNLIKELY)) {
        char ci[256];
        html_class_id(n, ci, sizeof ci);
        if (html_among(n, " nav menu aside footer form ") || html_class_reason(ci)) f->flags |= F_UNLIKELY;
    }
    return 1;
}

static void number_leave(xmlNode *n, void *u)
{
    ctx *c = ((numbering *)u)->c;
    ninfo *f = I(c, n), *p = I(c, n->parent);
    if (!f || !p || (f->flags & F_SKIP)) return;
    if (html_among(n, " a ")) f->link = f->text;
    p->text += f->text;
    p->link += f->link;
    if (!p->first) p->first = f->first;
    if (is_block(n)) p->flags |= F_BLOCKKID;
}

/* ---- pass 2: headline and sapo ---- */

static void mark_ancestors(ctx *c, xmlNode *n, unsigned flag)
{
    for (n = n ? n->parent : NULL; n; n = n->parent)
        if (I(c, n)) I(c, n)->flags |= flag;
}

/* og:title, else <title> without a short " - Site" suffix. */
static void page_title(ctx *c, strbuf *t)
{
    int pend = 0;
    for (size_t i = 0; i < c->n && !t->len; i++) {
        xmlNode *n = c->info[i].node;
        xmlChar *prop = html_among(n, " meta ") ? xmlGetProp(n, (const xmlChar *)"property") : NULL;
        if (!prop && html_among(n, " meta ")) prop = xmlGetProp(n, (const xmlChar *)"name");
        xmlChar *v = prop && !strcmp((const char *)prop, "og:title") ? xmlGetProp(n, (const xmlChar *)"content") : NULL;
        if (v) put_text(t, &pend, (const char *)v);
        xmlFree(v);
        xmlFree(prop);
    }
    for (size_t i = 0; i < c->n && !t->len; i++) {
        if (!html_among(c->info[i].node, " title ")) continue;
        for (xmlNode *k = c->info[i].node->children; k; k = k->next)
            if (is_text(k)) put_text(t, &pend, (const char *)k->content);
        char *cut = NULL; /* the last separator */
        for (char *p = t->s; p && *p; p++)
            if (*p == ' ' && (!strncmp(p, " - ", 3) || !strncmp(p, " | ", 3) || !strncmp(p, " – ", 5))) cut = p;
        if (cut && cut - t->s >= 10 && strlen(cut) <= 40) t->s[t->len = (size_t)(cut - t->s)] = '\0';
    }
}

/* The longest h1 (outside unlikely parts when there is one), else og:title or <title>. */
static void find_headline(ctx *c)
{
    ninfo *best = NULL;
    for (size_t i = 0; i < c->n; i++) {
        ninfo *f = &c->info[i];
        if (!html_among(f->node, " h1 ") || (f->flags & F_SKIP) || !f->text) continue;
        unsigned un = f->flags & F_UNLIKELY, bun = best ? best->flags & F_UNLIKELY : F_UNLIKELY;
        if (!best || un < bun || (un == bun && f->text > best->text)) best = f;
    }
    if (!best) {
        page_title(c, &c->head);
        return;
    }
    c->headline = best->node;
    c->oom |= collect_text(c, best->node, &c->head, 1000);
}

/* The first element after the headline (else anywhere) with a sapo-like class; else an <h2> right after the h1. */
static void find_sapo(ctx *c)
{
    size_t start = c->headline ? (uintptr_t)c->headline->_private : 0;
    for (int pass = 0; pass < 2 && !c->sapo; pass++)
        for (size_t i = pass ? 0 : start; i < c->n && !c->sapo; i++) {
            ninfo *f = &c->info[i];
            char ci[256];
            if ((f->flags & (F_SKIP | F_UNLIKELY | F_ANC)) || f->node == c->headline || f->text < 20 || f->text > 1500)
                continue;
            html_class_id(f->node, ci, sizeof ci);
            if (html_class_has(ci, "sapo description summary lead") && !strstr(ci, "leader")) c->sapo = f->node;
        }
    xmlNode *k = c->headline && !c->sapo ? c->headline->next : NULL;
    while (k && k->type != XML_ELEMENT_NODE)
        k = k->next;
    if (html_among(k, " h2 ") && I(c, k)->text >= 20 && !(I(c, k)->flags & F_SKIP)) c->sapo = k;
}

/* ---- pass 3: scoring ---- */

static void add_score(ctx *c, xmlNode *n, double s)
{
    ninfo *f = I(c, n);
    if (!f || html_among(n, " html ")) return;
    if (!(f->flags & F_SCORED)) {
        char ci[256];
        html_class_id(n, ci, sizeof ci);
        f->flags |= F_SCORED;
        f->score = (html_class_reason(ci) ? -25 : 0) + (html_class_positive(ci) ? 25 : 0) +
                   (html_among(n, " div ") ? 5 : html_among(n, " pre td blockquote ") ? 3
                    : html_among(n, " address ol ul dl dd dt li form ") ? -3 : html_among(n, " h1 h2 h3 h4 h5 h6 th ") ? -5 : 0);
    }
    f->score += s;
}

static xmlNode *find_body_root(ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        ninfo *f = &c->info[i];
        if (f->own < 25 || (f->flags & (F_SKIP | F_UNLIKELY)) || f->node == c->headline || f->node == c->sapo)
            continue;
        double s = 1 + (double)f->commas + (f->own / 100 < 3 ? (double)(f->own / 100) : 3);
        xmlNode *a = html_among(f->node, " div td section article main body center font dd ") ? f->node : f->node->parent;
        for (int level = 0; a && level < 3; level++, a = a->parent)
            add_score(c, a, s / (level == 0 ? 1 : level == 1 ? 2 : 6));
    }
    ninfo *top = NULL;
    for (size_t i = 0; i < c->n; i++) {
        ninfo *f = &c->info[i];
        if (!(f->flags & F_SCORED)) continue;
        f->score *= 1 - (link_density(f) > 1 ? 1 : link_density(f));
        if (!top || f->score > top->score) top = f;
    }
    if (!top) return c->body;
    /* a good sibling too: their parent is the body (junk inside it is dropped later) */
    double floor = top->score * 0.2 > 10 ? top->score * 0.2 : 10;
    xmlNode *par = top->node->parent;
    ninfo *pf = I(c, par);
    if (!pf || html_among(par, " html ") || (pf->flags & F_UNLIKELY) || par == c->sapo) return top->node;
    for (xmlNode *s = par->children; s; s = s->next) {
        ninfo *f = I(c, s);
        if (!f || s == top->node || (f->flags & (F_SKIP | F_UNLIKELY)) || s == c->headline || s == c->sapo) continue;
        if (((f->flags & F_SCORED) && f->score >= floor) || (html_among(s, " p ") && f->text > 80 && link_density(f) < 0.25))
            return par;
    }
    return top->node;
}

/* ---- pass 4: emission ---- */

static void add_dropped(ctx *c, xmlNode *n, const char *why)
{
    strbuf t = {0};
    int pend = 0;
    if (c->ndrop >= MAX_DROPPED || c->oom) return;
    if (n->type == XML_ELEMENT_NODE)
        c->oom |= collect_text(c, n, &t, WHAT_CHARS);
    else
        c->oom |= put_text(&t, &pend, (const char *)n->content) || cut_chars(&t, WHAT_CHARS);
    if (t.len && VEC_RESERVE(c->drop, c->capdrop, c->ndrop + 1)) c->oom = 1;
    char *w = t.len && !c->oom ? strdup(why) : NULL;
    if (w)
        c->drop[c->ndrop++] = (html_dropped){t.s, w};
    else
        strbuf_free(&t);
    c->oom |= t.len && !w;
}

/* Ends the current line; a repeat of the headline or the sapo is left out once. */
static void flush(ctx *c)
{
    if (!c->line.len) return;
    if (!c->head_dup && c->head.len && !strcmp(c->line.s, c->head.s))
        c->head_dup = 1;
    else if (!c->sapo_dup && c->sapo_text.len && !strcmp(c->line.s, c->sapo_text.s))
        c->sapo_dup = 1;
    else
        c->oom |= strbuf_append(&c->out, c->line.s, c->line.len) || strbuf_putc(&c->out, '\n');
    strbuf_clear(&c->line);
    c->pend = 0;
}

static int in_content(const ctx *c) { return c->all || (c->root_in && !c->sub_out); }

/* Outside the body: keep going down towards it, drop the rest by the
 * largest piece with a reason. Inside: text into lines, junk dropped. */
static int emit_enter(xmlNode *n, void *u)
{
    ctx *c = u;
    ninfo *f = I(c, is_text(n) ? n->parent : n);
    int by_label = 0;
    if (!f || (f->flags & F_SKIP)) return 0;
    if (is_text(n)) {
        if (in_content(c))
            c->oom |= put_text(&c->line, &c->pend, (const char *)n->content);
        else
            add_dropped(c, n, "outside the article");
        return 0;
    }
    if (n == c->headline || (n == c->sapo && !c->all)) {
        if (in_content(c)) flush(c);
        return 0;
    }
    if (!in_content(c)) {
        if (f->flags & F_ROOT) {
            c->root_in = n;
            c->root_text = f->text;
            flush(c);
            return 1;
        }
        if (f->flags & F_ANC) return 1;
        const char *why = junk(c, n, &by_label);
        if (!why && (f->flags & F_BLOCKKID) && link_density(f) <= 0.5) return 1;
        add_dropped(c, n, why ? why : link_density(f) > 0.5 ? "links" : "outside the article");
        return 0;
    }
    if (html_among(n, " br ") || is_block(n)) flush(c);
    if (html_among(n, " br ")) return 0;
    if (c->all) return 1;
    const char *why = NULL;
    if (c->label_parent && c->label_parent == n->parent) { /* the list after a "Tin liên quan" label */
        if (html_among(n, " ul ol ") || link_density(f) > 0.3) why = c->label_why;
        c->label_parent = NULL;
    }
    if (!why) why = junk(c, n, &by_label);
    int big = f->text > 300 && f->text * 2 > c->root_text; /* most of the body: never junk by name */
    if (why && big && !html_tag_reason(n)) why = NULL;
    if (!why && !big && html_among(n, " ul ol div table tbody section dl ") && link_density(f) > 0.5) why = "links";
    if (!why && html_among(n, " p li h2 h3 h4 h5 h6 td ") && link_density(f) > 0.8) why = "links";
    if (!why) return 1;
    if (f->flags & F_ANC) { /* holds the headline or sapo: go in, leaving the rest out */
        c->sub_out = n;
        return 1;
    }
    add_dropped(c, n, why);
    if (by_label) c->label_parent = n->parent, c->label_why = why;
    return 0;
}

static void emit_leave(xmlNode *n, void *u)
{
    ctx *c = u;
    if (n->type != XML_ELEMENT_NODE) return;
    if (n == c->label_parent) c->label_parent = NULL;
    if (n == c->sub_out) {
        c->sub_out = NULL;
        return;
    }
    if (in_content(c) && (is_block(n) || n == c->root_in)) flush(c);
    if (n == c->root_in) c->root_in = NULL;
}

/* ---- input ---- */

void html_article_free(html_article *a)
{
    if (!a) return;
    for (size_t i = 0; i < a->ndropped; i++) {
        free(a->dropped[i].what);
        free(a->dropped[i].why);
    }
    free(a->dropped);
    free(a->text);
    memset(a, 0, sizeof *a);
}

static void extract(ctx *c, xmlNode *root, int keep_all)
{
    numbering k = {c, 0};
    walk(root, number_enter, number_leave, &k);
    c->n = k.i;
    if (c->oom) return;
    c->body = root;
    for (xmlNode *b = root->children; b; b = b->next)
        if (html_among(b, " body ")) c->body = b;
    find_headline(c);
    mark_ancestors(c, c->headline, F_ANC);
    if (!keep_all) {
        find_sapo(c);
        xmlNode *top = find_body_root(c);
        for (xmlNode *a = top; a && c->sapo; a = a->parent)
            if (a == c->sapo) c->sapo = NULL; /* the sapo holds the body: no sapo */
        I(c, top)->flags |= F_ROOT;
        mark_ancestors(c, top, F_ANC);
        mark_ancestors(c, c->sapo, F_ANC);
    }
    if (c->head.len) c->oom |= strbuf_append(&c->out, c->head.s, c->head.len) || strbuf_putc(&c->out, '\n');
    if (c->sapo) {
        c->all = 1;
        walk(c->sapo, emit_enter, emit_leave, c);
        flush(c);
        c->all = 0;
        c->oom |= collect_text(c, c->sapo, &c->sapo_text, 100000);
    }
    walk(c->body, emit_enter, emit_leave, c);
    flush(c);
}

int html_extract(const char *html, size_t len, int keep_all, const lexicon *lx, html_article *out, char *err,
                 size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len > HTML_MAX_BYTES) {
        snprintf(err, errlen, "HTML page too large (%zu bytes, at most %u)", len, HTML_MAX_BYTES);
        return -1;
    }
    char cs[48];
    const char *enc = html_charset(html ? html : "", html ? len : 0, cs, sizeof cs);
    strbuf src = {0};
    int bad = enc && !strcmp(enc, "UTF-8") ? html_clean_utf8(html ? html : "", html ? len : 0, &src)
                                           : strbuf_append(&src, html, len);
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    xmlInitParser();
    htmlDocPtr doc = bad ? NULL : htmlReadMemory(src.s, (int)src.len, NULL, enc, opts);
    if (!doc && !bad && enc && strcmp(enc, "UTF-8")) doc = htmlReadMemory(src.s, (int)src.len, NULL, "UTF-8", opts);
    strbuf_free(&src);
    ctx c = {0};
    c.all = keep_all;
    c.oom = bad;
    c.lx = lx;
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root) extract(&c, root, keep_all);
    out->text = c.out.s ? c.out.s : strdup("");
    out->len = c.out.len;
    out->dropped = c.drop;
    out->ndropped = c.ndrop;
    for (size_t i = 0; i < c.n && c.info; i++)
        c.info[i].node->_private = NULL;
    free(c.info);
    strbuf_free(&c.line);
    strbuf_free(&c.head);
    strbuf_free(&c.sapo_text);
    if (doc) xmlFreeDoc(doc);
    if (c.oom || !out->text) {
        snprintf(err, errlen, "out of memory");
        html_article_free(out);
        return -1;
    }
    return 0;
}
